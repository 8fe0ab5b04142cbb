"""The ondersteuning's demo data (``manage.py demo``): a teacher group at De Regenboog, and for Daan an arrangement
of three parts — paid by the school, the municipality (Jeugdwet) and the SWV — offered to his parent, and the
accommodations sheet his teachers must acknowledge. Idempotent; fictional."""

from datetime import timedelta
from decimal import Decimal


def demo(ctx):
    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership, User
    from portal.core.management.commands.demo import WACHTWOORD
    from portal.leerlingen.models import Groep, schooljaar_van

    from . import services as s
    from .constants import AanbodSoort, AfspraakCategorie
    from .models import Aanpassingenblad, Arrangement

    school = ctx.scholen["regenboog"]
    daan = ctx.leerlingen["Daan"]
    ib = ctx.users["ib@demo.nl"]
    tweede, nieuw = User.objects.get_or_create(email="leerkracht2@demo.nl", defaults={
        "first_name": "Femke", "last_name": "de Groot", "email_geverifieerd_op": ib.email_geverifieerd_op})
    if nieuw:
        tweede.set_password(WACHTWOORD)
        tweede.save()
    Membership.objects.get_or_create(user=tweede, rol=Rol.LEERKRACHT, school=school)
    groep, _ = Groep.objects.get_or_create(school=school, naam="Groep 4a", schooljaar=schooljaar_van(ctx.today))
    groep.leerlingen.add(daan)
    groep.leerkrachten.add(ctx.users["leerkracht@demo.nl"], tweede)

    if not Arrangement.objects.filter(leerling=daan).exists():
        a = s.arrangement_open(
            leerling=daan, school=school, door=ib, aanbod_soort=AanbodSoort.SCHOOL_MET_ELDERS,
            doel="Daan leest in juni op het niveau van eind groep 4 en kan een hele ochtend in de klas blijven.",
            onderzocht="Lees- en spellingtoetsen, observaties in de klas en een gesprek met de kinderdiabetes"
            "verpleegkundige.",
            aanpassingen="Een vaste plek vooraan, vergrote teksten en een pauzekaart. Daan kwam beter mee, maar het "
            "lezen bleef achter.",
            startdatum=ctx.today, evaluatie_weken=6)
        gemeente = daan.woongemeente or ctx.gemeente
        s.onderdeel_bewaar(arrangement=a, door=ib, soort="onderwijsondersteuning", aanbieder="school",
                           omschrijving="Extra leesbegeleiding in een klein groepje", plaats="In de stilteruimte",
                           uren_per_week=Decimal("2"), start=ctx.today, financier="school", binnen_basisondersteuning=True)
        s.onderdeel_bewaar(arrangement=a, door=ib, soort="zorg", aanbieder="zorgaanbieder",
                           aanbieder_naam="Jeugdhulp De Linde (demo)", omschrijving="Begeleiding bij prikkels en "
                           "emoties, onder schooltijd", plaats="Op school", uren_per_week=Decimal("3"), start=ctx.today,
                           eind=ctx.today + timedelta(weeks=26), financier="jeugdwet", gemeente=gemeente,
                           beschikkingsnummer="JW-2026-0417",
                           beschikking_omvang="3 uur per week, 26 weken vanaf de start")
        s.onderdeel_bewaar(arrangement=a, door=ib, soort="onderwijsondersteuning", aanbieder="swv",
                           aanbieder_naam="Expertiseteam van het samenwerkingsverband",
                           omschrijving="Ambulante begeleiding van de leerkracht bij het leesplan",
                           uren_per_week=Decimal("1"), start=ctx.today, eind=ctx.today + timedelta(weeks=20),
                           financier="swv")
        s.arrangement_bied_aan(arrangement=a, door=ib)

    if not Aanpassingenblad.objects.filter(leerling=daan, school=school).exists():
        v = s.blad_maak(leerling=daan, school=school, door=ib)
        for categorie, weten, doen in [
            (AfspraakCategorie.TOETSEN, "Daan leest kleine letters moeilijk.", "Geef toetsen op A3 (letter 14)."),
            (AfspraakCategorie.ROOSTER, "Veranderingen in het rooster maken Daan onrustig.",
             "Vertel een wijziging de dag ervoor, of 's ochtends als eerste."),
            (AfspraakCategorie.GEZONDHEID, "Daan heeft diabetes. Signalen van een hypo: trillen, zweten, bleek zien, "
             "plotseling boos of stil.", "Laat hem meteen druivensuiker eten (in zijn tas), blijf erbij en bel na "
             "10 minuten zonder verbetering de ouders."),
        ]:
            s.afspraak_voeg_toe(versie=v, door=ib, categorie=categorie, weten=weten, doen=doen)
        s.blad_akkoord(versie=v, door=ib, in_gesprek_met="ouders")
        s.blad_stel_vast(versie=v, door=ib)
