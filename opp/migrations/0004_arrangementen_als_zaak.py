"""Issue #18 §5: a version's arrangements are core references (``zaken.Zaak`` rows of kind "arrangement") instead of a
many-to-many to ``ondersteuning.Arrangement``. An arrangement is a multi-table child of Zaak, so its id is its Zaak's
id: the rows are copied as they are."""

from django.db import migrations, models


def kopieer(apps, schema_editor):
    Versie = apps.get_model("opp", "Versie")
    oud, nieuw = Versie.arrangementen.through, Versie.arrangementen_zaak.through
    nieuw.objects.bulk_create([nieuw(versie_id=r.versie_id, zaak_id=r.arrangement_id) for r in oud.objects.all()],
                              batch_size=1000)


def terug(apps, schema_editor):
    Versie = apps.get_model("opp", "Versie")
    oud, nieuw = Versie.arrangementen.through, Versie.arrangementen_zaak.through
    oud.objects.bulk_create([oud(versie_id=r.versie_id, arrangement_id=r.zaak_id) for r in nieuw.objects.all()],
                            batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [
        ("opp", "0003_wet_derde_ronde"),
        ("ondersteuning", "0002_reactie_buiten_portaal"),
        ("zaken", "0004_alter_besluit_bekendmaking"),
    ]

    operations = [
        migrations.AddField(
            model_name="versie",
            name="arrangementen_zaak",
            field=models.ManyToManyField(blank=True, related_name="+", to="zaken.zaak"),
        ),
        migrations.RunPython(kopieer, terug),
        migrations.RemoveField(model_name="versie", name="arrangementen"),
        migrations.RenameField(model_name="versie", old_name="arrangementen_zaak", new_name="arrangementen"),
        migrations.AlterField(
            model_name="versie",
            name="arrangementen",
            field=models.ManyToManyField(blank=True, limit_choices_to={"zaaktype": "arrangement"},
                                         related_name="opp_versies", to="zaken.zaak", verbose_name="arrangementen"),
        ),
    ]
