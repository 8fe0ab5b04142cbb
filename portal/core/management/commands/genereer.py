"""``python manage.py genereer --scale 0.1 --seed 1``: the national-scale data set for benchmarks (issue #14).

Deterministic per seed and idempotent: a seed already generated in this database is not generated again.
Fast: PostgreSQL COPY, one precomputed password hash for every account. Refused in production. Prints rows
per second per generator and the login of one generated user per role (password as the demo's, below)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone


class Command(BaseCommand):
    help = "Genereert een landelijke dataset (scholen, leerlingen, ouders, zaken, termijnen) voor benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.01, help="0.01 … 1.0 (1.0 = landelijk)")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, scale, seed, **options):
        from portal.core import generatie  # noqa: F401  (registers the core's generators)
        from portal.core.generatie import WACHTWOORD, al_gegenereerd
        from portal.core.generator import genereer

        if getattr(settings, "PRODUCTION", False):
            raise CommandError("De generator is niet voor productie.")
        if not 0.0001 <= scale <= 1.0:
            raise CommandError("--scale ligt tussen 0.0001 en 1.0.")
        if al_gegenereerd(seed):
            self.stdout.write(f"Seed {seed} staat al in deze database; er is niets opnieuw gemaakt.")
            return
        begin = time.monotonic()
        self.stdout.write(f"Genereren: schaal {scale}, seed {seed}, database {connection.vendor}")
        with transaction.atomic():
            ctx = genereer(scale=scale, seed=seed, today=timezone.localdate(), uitvoer=self.stdout.write)
        if connection.vendor == "postgresql":
            with connection.cursor() as c:
                c.execute("ANALYZE")
        # COPY sends no signals, so no version moved (issue #23 §1): every cached part is keyed on "alles" or on
        # "publiek" (the public pages), so moving both makes every page fresh after a generated load.
        from portal.basis.versie import bump

        bump("alles", "publiek")
        duur = time.monotonic() - begin
        totaal = sum(ctx.tellers.values())
        self.stdout.write(self.style.SUCCESS(f"Klaar: {totaal:,} rijen in {duur:.0f} s ({totaal / duur:,.0f} rijen/s)."))
        for tabel, n in sorted(ctx.tellers.items(), key=lambda t: -t[1])[:15]:
            self.stdout.write(f"  {tabel:<40} {n:>12,}")
        self.stdout.write(f"Wachtwoord van elk gegenereerd account: {WACHTWOORD} (bijvoorbeeld ib<school-id>@gen{seed}.invalid)")
