"""D-6, Wgbh/cz art. 2 lid 1: a refusal names one of three grounds. Until now the only ground was "onevenredig
belastend", so every existing refusal keeps exactly that ground."""

from django.db import migrations, models


def bestaande_weigeringen_onevenredig(apps, schema_editor):
    Aanpassingsverzoek = apps.get_model("ondersteuning", "Aanpassingsverzoek")
    Aanpassingsverzoek.objects.filter(uitkomst="geweigerd").update(weigergrond="onevenredig")


class Migration(migrations.Migration):

    dependencies = [
        ('ondersteuning', '0002_reactie_buiten_portaal'),
    ]

    operations = [
        migrations.AddField(
            model_name='aanpassingsverzoek',
            name='weigergrond',
            field=models.CharField(blank=True, choices=[('niet_doeltreffend', 'Niet doeltreffend: de aanpassing helpt dit kind niet'), ('niet_noodzakelijk', 'Niet noodzakelijk: dit kind heeft de aanpassing niet nodig'), ('onevenredig', 'Onevenredig belastend: de aanpassing vraagt te veel van de school')], help_text='Alleen bij een weigering: niet doeltreffend, niet noodzakelijk of onevenredig belastend (Wet gelijke behandeling op grond van handicap of chronische ziekte, artikel 2 lid 1).', max_length=20, verbose_name='grond van de weigering'),
        ),
        migrations.RunPython(bestaande_weigeringen_onevenredig, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='aanpassingsverzoek',
            name='uitkomst',
            field=models.CharField(blank=True, choices=[('toegekend', 'Toegekend'), ('anders', 'Toegekend op een andere manier'), ('geweigerd', 'Geweigerd')], max_length=12, verbose_name='antwoord'),
        ),
        migrations.AddConstraint(
            model_name='aanpassingsverzoek',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('uitkomst', 'geweigerd'), ('weigergrond__in', ['niet_doeltreffend', 'niet_noodzakelijk', 'onevenredig'])), models.Q(models.Q(('uitkomst', 'geweigerd'), _negated=True), ('weigergrond', '')), _connector='OR'), name='aanpassing_weigergrond_bij_weigering'),
        ),
    ]
