"""``manage.py vertalingen``: compile the translations (``locale/<taal>/LC_MESSAGES/*.po``, kept in the repository)
into ``.mo`` files under ``var/locale/`` — with Babel, so no GNU gettext is needed at install (issue #13 §4).

Each catalogue is checked first: a translation whose placeholders differ from the Dutch text (``%(datum)s``,
``{{ kind }}``) would break a page or a letter, so one such error stops the command (exit code 2, one Dutch line per
error) and no ``.mo`` file is written. Fuzzy and empty translations are left out: the Dutch text shows instead.
Writing is atomic (a temporary file, then a rename), so a running server never reads half a file.

    .venv/bin/python manage.py vertalingen             # locale/ -> var/locale/
    .venv/bin/python manage.py vertalingen --controleer  # check only, write nothing
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Zet de vertalingen (locale/*/LC_MESSAGES/*.po) om naar .mo-bestanden in var/locale/ (met Babel)."

    def add_arguments(self, parser):
        parser.add_argument("--bron", default=str(Path(settings.BASE_DIR) / "locale"),
                            help="map met <taal>/LC_MESSAGES/*.po (standaard: locale/)")
        parser.add_argument("--doel", default=str(Path(settings.VAR_DIR) / "locale"),
                            help="map voor de .mo-bestanden (standaard: var/locale/)")
        parser.add_argument("--controleer", action="store_true", help="alleen controleren, niets schrijven")

    def handle(self, *args, bron, doel, controleer, **opties):
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import PoFileError, read_po

        bron, doel = Path(bron), Path(doel)
        bestanden = sorted(bron.glob("*/LC_MESSAGES/*.po"))
        if not bestanden:
            raise CommandError(f"Geen vertalingen gevonden in {bron}/<taal>/LC_MESSAGES/.", returncode=2)
        fouten, klaar = [], []
        for po in bestanden:
            taal = po.parent.parent.name
            try:
                with po.open("rb") as f:
                    catalogus = read_po(f, locale=taal, abort_invalid=True)
            except (PoFileError, ValueError) as exc:
                fouten.append(f"{po}: kan het bestand niet lezen ({exc})")
                continue
            for bericht, problemen in catalogus.check():
                for probleem in problemen:
                    fouten.append(f"{po}:{bericht.lineno}: {bericht.id!r}: {probleem}")
            klaar.append((po, taal, catalogus))
        if fouten:
            for fout in fouten:
                self.stderr.write(fout)
            raise CommandError(f"{len(fouten)} fout(en) in de vertalingen; er is niets geschreven.", returncode=2)
        for po, taal, catalogus in klaar:
            berichten = [m for m in catalogus if m.id]
            vertaald = sum(1 for m in berichten if m.string and not m.fuzzy
                           and (all(m.string) if isinstance(m.string, tuple) else True))
            mo = doel / taal / "LC_MESSAGES" / (po.stem + ".mo")
            if not controleer:
                mo.parent.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile("wb", dir=mo.parent, delete=False, suffix=".tmp") as tmp:
                    write_mo(tmp, catalogus, use_fuzzy=False)
                os.replace(tmp.name, mo)
            if opties.get("verbosity", 1) >= 1:
                waar = "gecontroleerd" if controleer else f"-> {mo}"
                self.stdout.write(f"{po} ({taal}): {vertaald} van {len(berichten)} teksten vertaald {waar}")
