"""Issue #18 §7: the core keeps several decisions per case and kind, one per ``Besluit.sleutel``. The OPP's decisions
get theirs: ``versie:<n>`` for the vaststelling of a version, ``versie:<n>:perspectief`` for the perspective part
alone (B-4); a decision of a version that a later version replaced stops applying on that version's vaststelling day
(``geldig_tot``)."""

from django.db import migrations


def sleutels(apps, schema_editor):
    Versie = apps.get_model("opp", "Versie")
    Besluit = apps.get_model("zaken", "Besluit")
    versies = list(Versie.objects.order_by("opp_id", "nummer"))
    for v in versies:
        if v.besluit_id:
            Besluit.objects.filter(pk=v.besluit_id).update(sleutel=f"versie:{v.nummer}")
        if v.perspectief_besluit_id:
            Besluit.objects.filter(pk=v.perspectief_besluit_id).update(sleutel=f"versie:{v.nummer}:perspectief")
    for v in versies:
        if v.status != "vervangen":
            continue
        later = next((w for w in versies if w.opp_id == v.opp_id and w.nummer > v.nummer and w.vastgesteld_op), None)
        if later is not None:
            Besluit.objects.filter(pk__in=[b for b in (v.besluit_id, v.perspectief_besluit_id) if b],
                                   ondertekend_op__isnull=False, geldig_tot__isnull=True).update(
                geldig_tot=later.vastgesteld_op)


def terug(apps, schema_editor):
    apps.get_model("zaken", "Besluit").objects.filter(besluittype="opp").update(sleutel="", geldig_tot=None)


class Migration(migrations.Migration):

    dependencies = [
        ("opp", "0004_arrangementen_als_zaak"),
        ("zaken", "0005_besluit_sleutel_geldigheid"),
    ]

    operations = [migrations.RunPython(sleutels, terug)]
