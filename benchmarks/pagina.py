"""Python time of one page, in the process itself (issue #23: measure each step, keep it only if it gains).

    DATABASE_URL=postgres://… REDIS_URL=redis://… python benchmarks/pagina.py ib@demo.nl /aanmelding/ [/… …]

Logs in as the given account (a session as the login leaves it, with a verified second factor for staff), asks each
path a number of times through Django's test client with the production settings, and prints per path the median
CPU time of the process (``time.process_time``), the wall time and the number of queries. ``--koud`` moves the
version ``alles`` before every request, so every cached part of the page is rendered afresh (the page after a change);
``--profiel`` prints a cProfile of the requests (own time and cumulative). ``-`` as the account: not logged in.
``--token school:12`` (or ``swv:3``, ``bestuur:7``; the account is then ignored, give ``-``) calls as that
organisation's system: a client with every scope its kind may hold is made (``koppeling_maak``, as a beheerder makes
one; it writes to the database, so measure on a copy) and each request carries its bearer token, as in
``web.py``'s API pages.
Not part of CI; no test asserts a time.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("account", help="e-mail address of the reader, or - for a visitor who is not logged in")
    ap.add_argument("paden", nargs="+")
    ap.add_argument("-n", type=int, default=30, help="requests per path (after two warm ones)")
    ap.add_argument("--koud", action="store_true", help="move the version 'alles' before every request (a miss)")
    ap.add_argument("--profiel", action="store_true", help="cProfile of the measured requests")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--token", metavar="SOORT:ID", help="call as the system of this organisation (school:12, swv:3, "
                                                        "bestuur:7) with a bearer token")
    args = ap.parse_args()

    from web import SECRET  # the benchmark's own settings: production, no demo, a high API rate

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.update({"PORTAL_PRODUCTION": "1", "DJANGO_SECRET_KEY": SECRET, "PORTAL_BENCH": "1", "PORTAL_DEMO": "0",
                       "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver"})
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, reset_queries
    from django.test import Client
    from web import _sessie

    from portal.accounts.models import User
    from portal.basis.versie import bump

    c = Client(HTTP_X_FORWARDED_PROTO="https")
    if args.token:
        from web import _token

        from portal.api.registry import scopes_voor
        from portal.api.services import koppeling_maak
        from portal.organisaties.models import Bestuur, Samenwerkingsverband, School

        soort, _, pk = args.token.partition(":")
        org = {"school": School, "swv": Samenwerkingsverband, "bestuur": Bestuur}[soort].objects.get(pk=int(pk))
        k, geheim = koppeling_maak(naam=f"pagina.py {soort} {pk}", door=None,
                                   scopes=[s for s in scopes_voor(soort) if s.endswith(":lezen")], **{soort: org})
        c = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_AUTHORIZATION=_token(k, geheim).kop)
    elif args.account != "-":
        user = User.objects.get(email=args.account)
        c.cookies[settings.SESSION_COOKIE_NAME] = _sessie(user, {})

    rijen = []
    for pad in args.paden:
        for _ in range(2):
            r = c.get(pad)
        if r.status_code != 200:
            sys.exit(f"{pad}: {r.status_code} {r.get('Location', '')}")
        connection.force_debug_cursor = True
        reset_queries()
        if args.koud:
            bump("alles")
        c.get(pad)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        cpu, muur = [], []
        prof = None
        if args.profiel:
            import cProfile

            prof = cProfile.Profile()
        for _ in range(args.n):
            if args.koud:
                bump("alles")
            t0, w0 = time.process_time(), time.perf_counter()
            if prof:
                prof.enable()
            c.get(pad)
            if prof:
                prof.disable()
            cpu.append((time.process_time() - t0) * 1000)
            muur.append((time.perf_counter() - w0) * 1000)
        rijen.append((pad, statistics.median(cpu), statistics.median(muur), queries))
        if prof:
            import io
            import pstats

            for sortering in ("tottime", "cumulative"):
                s = io.StringIO()
                pstats.Stats(prof, stream=s).sort_stats(sortering).print_stats(args.top)
                print(f"--- {pad} ({sortering}) ---")
                print("\n".join(s.getvalue().splitlines()[6:]))
    print(f"\n| pad | python ms | wand ms | queries |{' (koud)' if args.koud else ''}")
    print("|---|---:|---:|---:|")
    for pad, cpu, muur, q in rijen:
        print(f"| {pad} | {cpu:.1f} | {muur:.1f} | {q} |")


if __name__ == "__main__":
    main()
