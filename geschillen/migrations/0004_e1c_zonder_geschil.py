"""E-1c (issue #17 item 5): a geschil no longer suspends the decision term on a bezwaar against a schorsing (the
Geschillencommissie does not hear schorsingen, WPO 43 lid 2; Awb 7:10 has no such suspension). Open E-1c clocks
snapshotted the old rule: drop "zaak:geschil" from their parameters, remove the suspensions a geschil put on them and
recompute the due date from the facts (the engine's pure arithmetic). Closed clocks keep their history."""

from datetime import date

from django.db import migrations


def e1c_zonder_geschil(apps, schema_editor):
    from portal.termijnen.models import kandidaat_data
    from portal.termijnen.rules import bereken_uiterlijk

    Clock = apps.get_model("termijnen", "Clock")
    Opschorting = apps.get_model("termijnen", "Opschorting")
    vandaag = date.today()
    for clock in Clock.objects.filter(regel_id="E-1c", gesloten_op__isnull=True):
        params = dict(clock.params)
        door = [x for x in params.get("opgeschort_door") or [] if x != "zaak:geschil"]
        params["opgeschort_door"], params["opschorting"] = door, bool(door)
        if not door:
            Opschorting.objects.filter(clock=clock).delete()
        intervallen = [(o.van, o.tot) for o in Opschorting.objects.filter(clock=clock).order_by("van")]
        clock.params = params
        clock.uiterlijk = bereken_uiterlijk(params, clock.start, intervallen, clock.verlenging_weken or 0)
        if clock.uiterlijk is not None and clock.aangekondigd_uiterlijk:
            clock.uiterlijk = max(clock.uiterlijk, clock.aangekondigd_uiterlijk)
        if clock.uiterlijk is None:
            clock.volgende_actie_op = None
        else:
            eerste = kandidaat_data(params, clock.uiterlijk)[0]
            clock.volgende_actie_op = vandaag if eerste <= vandaag else eerste
        clock.save(update_fields=["params", "uiterlijk", "volgende_actie_op"])


class Migration(migrations.Migration):

    dependencies = [
        ("geschillen", "0003_bezwaar_post_en_hoorders"),
        ("termijnen", "0004_aangekondigd"),
    ]

    operations = [
        migrations.RunPython(e1c_zonder_geschil, migrations.RunPython.noop),
    ]
