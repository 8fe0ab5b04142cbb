"""The school's old free-text profile fields become a first *concept* version of its structured profile, so nothing
written there is lost; the school completes it, records the pupils' consultation (B-7) and sets it. Then the
old fields go."""

from django.db import migrations


def naar_concept(apps, schema_editor):
    School = apps.get_model("organisaties", "School")
    Profiel = apps.get_model("organisaties", "Ondersteuningsprofiel")
    Onderdeel = apps.get_model("organisaties", "ProfielOnderdeel")
    for school in School.objects.all().iterator():
        teksten = [school.ondersteuningsprofiel, school.specialismen, school.aanmeldprocedure,
                   school.fysieke_toegankelijkheid]
        if not any(t.strip() for t in teksten) and not school.rolstoeltoegankelijk:
            continue
        if Profiel.objects.filter(school=school).exists():
            continue
        toegankelijk = school.fysieke_toegankelijkheid.strip()
        if school.rolstoeltoegankelijk:
            toegankelijk = (toegankelijk + "\n" if toegankelijk else "") + "Eerder opgegeven: rolstoeltoegankelijk."
        profiel = Profiel.objects.create(
            school=school, nummer=1, status="concept", basis_toelichting=school.ondersteuningsprofiel.strip(),
            toegankelijkheid_toelichting=toegankelijk, aanmeldprocedure=school.aanmeldprocedure.strip())
        if school.specialismen.strip():
            Onderdeel.objects.create(profiel=profiel, soort="specialisme", gebied="overig",
                                     titel="Specialismen en expertise (overgenomen uit het oude profiel)",
                                     omschrijving=school.specialismen.strip())


class Migration(migrations.Migration):

    dependencies = [
        ("organisaties", "0002_ondersteuningsprofielen"),
    ]

    operations = [
        migrations.RunPython(naar_concept, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='school',
            name='aanmeldprocedure',
        ),
        migrations.RemoveField(
            model_name='school',
            name='fysieke_toegankelijkheid',
        ),
        migrations.RemoveField(
            model_name='school',
            name='ondersteuningsprofiel',
        ),
        migrations.RemoveField(
            model_name='school',
            name='rolstoeltoegankelijk',
        ),
        migrations.RemoveField(
            model_name='school',
            name='specialismen',
        ),
    ]
