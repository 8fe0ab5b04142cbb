"""``manage.py bewaartermijnen [--uitvoeren]``: the retention run of DOMAIN G-2 (dry run by default)."""

from django.core.management.base import BaseCommand

from portal.privacy import bewaren


class Command(BaseCommand):
    help = "Toont wat volgens de bewaartermijnen (G-2) verwijderd of geanonimiseerd wordt; met --uitvoeren gebeurt het."

    def add_arguments(self, parser):
        parser.add_argument("--uitvoeren", action="store_true", help="Echt verwijderen en anonimiseren (gelogd).")

    def handle(self, *args, uitvoeren=False, **opts):
        voorstellen = bewaren.overzicht()
        for v in voorstellen:
            wacht = f"  [wacht: {v.blokkade}]" if v.blokkade else ""
            self.stdout.write(f"{v.label}  {v.regel_id}  sinds {v.vanaf:%d-%m-%Y}  {v.wat}  ({v.reden}){wacht}")
        for c in bewaren.c7_overzicht():
            self.stdout.write(f"C-7  {c.omschrijving}  sinds {c.uiterlijk:%d-%m-%Y}  (de TLV-taak verwijdert deze)")
        if not uitvoeren:
            self.stdout.write(f"Proefdraai: {len(voorstellen)} voorstellen, niets veranderd. Gebruik --uitvoeren.")
            return
        gedaan = bewaren.bewaartermijnen_uitvoeren(door=None)
        self.stdout.write(self.style.SUCCESS(f"Uitgevoerd: {len(gedaan)} acties (zie de audittrail)."))
