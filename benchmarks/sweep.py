"""Benchmark of the deadline sweep (issue #3): 1,000,000 open clocks of which 10,000 are due; one sweep
= find + claim + create the events, notifications and outbox rows (mail delivery excluded).

Needs PostgreSQL: DATABASE_URL=postgres://… python benchmarks/sweep.py [--clocks N] [--due N]
It uses its own database (the name in DATABASE_URL with suffix _bench), created and dropped here.
Prints a table; the target is < 5 s on 2 cores. Not part of CI (speed targets live here, not in tests).
"""

import argparse
import os
import sys
import time
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clocks", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("benchmarks/sweep.py: zet DATABASE_URL naar PostgreSQL (de benchmark is voor productie-opzet).")
    db = environ.Env.db_url_config(url)
    bench_name = f"{db['NAME']}_bench"
    import psycopg2

    admin = psycopg2.connect(dbname="postgres", user=db["USER"], password=db.get("PASSWORD") or None,
                             host=db["HOST"], port=db["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')
        cur.execute(f'CREATE DATABASE "{bench_name}"')
    os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + bench_name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.pop("REQUIRE_SERVICES", None)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership, User
    from portal.leerlingen.models import Leerling
    from portal.meldingen.models import Notification, OutboxEmail
    from portal.organisaties.models import Bestuur, School
    from portal.termijnen.models import ClockEvent
    from portal.termijnen.rules import get
    from portal.termijnen.sweep import sweep_due_clocks

    t0 = time.monotonic()
    bestuur = Bestuur.objects.create(naam="Bench")
    scholen = [School.objects.create(naam=f"School {i}", brin=f"{i:02d}AA", bestuur=bestuur, soort="bao", plaats="X")
               for i in range(50)]
    for s in scholen:
        for rol in (Rol.IB, Rol.DIRECTEUR):
            u = User.objects.create_user(email=f"{rol}{s.pk}@bench.nl", password=None)
            Membership.objects.create(user=u, rol=rol, school=s)
    import json

    # Clocks belong to cases: 10,000 cases of 200 pupils, spread over the schools (the sweep reads only the
    # case's kind and id, for the link in the notification).
    leerling = Leerling.objects.create(voornamen="Bench", achternaam="Leerling", geboortedatum="2018-01-01")
    zaken = 10_000
    params = json.dumps(get("A-6").params())
    today = timezone.localdate()
    first_school = scholen[0].pk
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO zaken_zaak (zaaktype, leerling_id, school_id, swv_id, hoofdzaak_id, betreft_besluit_id, status,
                geopend_op, afgesloten_op)
            SELECT 'aanmelding', %s, %s + (g %% 50), NULL, NULL, NULL, 'ontvangen', now(), NULL
            FROM generate_series(1, %s) g RETURNING id
            """, [leerling.pk, first_school, zaken])
        first_zaak = min(r[0] for r in cur.fetchall())
        cur.execute(
            """
            INSERT INTO termijnen_clock (regel_id, params, zaak_id, besluit_id, omschrijving, school_id,
                swv_id, verantwoordelijke_id, start, verlenging_weken, verlenging_reden, verlenging_meegedeeld_op,
                gesloten_op, uitkomst, uiterlijk, volgende_actie_op, aangemaakt_op, bijgewerkt_op, aangekondigd_reden)
            SELECT 'A-6', %s::jsonb, %s + (g %% %s), NULL, 'Aanmelding #' || g, %s + (g %% 50), NULL, NULL,
                   %s::date - 35, NULL, '', NULL, NULL, '',
                   CASE WHEN g <= %s THEN %s::date + 2 ELSE %s::date + 30 + (g %% 300) END,
                   CASE WHEN g <= %s THEN %s::date ELSE %s::date + 23 + (g %% 300) END,
                   now(), now(), ''
            FROM generate_series(1, %s) g
            """,
            [params, first_zaak, zaken, first_school, today, args.due, today, today, args.due, today, today, args.clocks],
        )
        cur.execute("ANALYZE termijnen_clock")
    setup = time.monotonic() - t0

    with connection.cursor() as cur:
        cur.execute("EXPLAIN SELECT id FROM termijnen_clock WHERE gesloten_op IS NULL AND volgende_actie_op <= %s "
                    "ORDER BY volgende_actie_op LIMIT 1000 FOR UPDATE SKIP LOCKED", [today])
        plan = "\n".join(r[0] for r in cur.fetchall())

    with CaptureQueriesContext(connection) as q:
        t1 = time.monotonic()
        res = sweep_due_clocks()
        seconds = time.monotonic() - t1

    rows = [
        ("open clocks", f"{args.clocks:,}"),
        ("due today", f"{args.due:,}"),
        ("set-up (insert + analyze)", f"{setup:.1f} s"),
        ("sweep: claimed", f"{res.geclaimd:,}"),
        ("sweep: events", f"{ClockEvent.objects.count():,}"),
        ("sweep: notifications", f"{Notification.objects.count():,}"),
        ("sweep: outbox e-mails", f"{OutboxEmail.objects.count():,}"),
        ("sweep: batches", f"{res.batches}"),
        ("sweep: queries", f"{len(q)}"),
        ("sweep: seconds", f"{seconds:.2f} s"),
        ("target", "< 5 s"),
    ]
    width = max(len(a) for a, _ in rows)
    print(f"{'measure'.ljust(width)} | value")
    print(f"{'-' * width}-|-------")
    for a, b in rows:
        print(f"{a.ljust(width)} | {b}")
    print("\nquery plan of the find step:\n" + plan)
    connection.close()
    if not args.keep:
        with admin.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{bench_name}"')


if __name__ == "__main__":
    main()
