"""The equalised days known when this release was made (T-3); the beheerder adds later decrees' days."""

import json
from datetime import date

from django.db import migrations

from portal.termijnen.dates import STANDAARD_GELIJKGESTELD


def laad(apps, schema_editor):
    Dag = apps.get_model("termijnen", "GelijkgesteldeDag")
    for r in json.loads(STANDAARD_GELIJKGESTELD.read_text(encoding="utf-8"))["dagen"]:
        Dag.objects.get_or_create(datum=date.fromisoformat(r["datum"]), defaults={
            "besluit": r["besluit"], "bron": "Staatscourant (Algemene termijnenwet art. 3 lid 3)"})


class Migration(migrations.Migration):
    dependencies = [("termijnen", "0002_gelijkgestelde_dagen")]
    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
