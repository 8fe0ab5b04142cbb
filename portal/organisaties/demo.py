"""Demo data for the public support information (issue #9 §1): a published basisondersteuning per demo SWV and a
set, structured support profile per demo school, with the pupils' consultation. Idempotent; fictional."""

from datetime import date, timedelta

from .models import (
    Basisondersteuning,
    BasisondersteuningVersie,
    Ondersteuningsprofiel,
    ProfielExpertise,
    ProfielOnderdeel,
    ProfielStatus,
    VrijePeriode,
)
from .services import basisondersteuning_publiceer

GEBIEDEN = {
    "Ondersteuning bij lezen en dyslexie": "lezen_taal",
    "Aanpak voor gedrag en sociale veiligheid": "gedrag",
    "Begeleiding bij meer- en hoogbegaafdheid": "begaafdheid",
    "Aangepast rooster in overleg": "rooster",
    "Mentoraat en studiebegeleiding": "werkhouding",
    "Faalangst- en examentraining": "sociaal_emotioneel",
    "Time-out-voorziening": "gedrag",
}

PROFIELEN = {
    # school key: (basis, extra [(soort, gebied, titel)], expertise [(expertise, beschikbaar)], ingang, lift, toilet, gym)
    "regenboog": ("Elke groep werkt met een weekplanning op drie niveaus. De intern begeleider kijkt vier keer per jaar "
                  "met de leerkracht naar elke leerling.",
                  [("extra", "lezen_taal", "Extra leesbegeleiding in een klein groepje, drie keer per week"),
                   ("extra", "medisch", "Afspraken met ouders en de diabetesverpleegkundige over medische zorg"),
                   ("specialisme", "gedrag", "Rustige werkplekken en een vaste time-outplek in elke groep")],
                  [("gedragsspecialist", "team"), ("leesspecialist", "team"), ("orthopedagoog", "swv")],
                  "gelijkvloers", "ja", True, True),
    "palet": ("De basisondersteuning van het samenwerkingsverband, met een vaste zorgstructuur.",
              [("extra", "begaafdheid", "Plusklas een ochtend per week")],
              [("begaafdheid", "team"), ("orthopedagoog", "bestuur")], "hellingbaan", "nee", False, False),
    "wegwijzer": ("Kleine groepen (ten hoogste 16 leerlingen) en een orthopedagoog op school.",
                  [("extra", "lezen_taal", "Intensieve taal- en rekenhulp"),
                   ("specialisme", "autisme", "Prikkelarme lokalen en een voorspelbare dag")],
                  [("orthopedagoog", "team"), ("logopedist", "partner")], "gelijkvloers", "niet_nodig", True, True),
    "zonnehoek": ("Onderwijs aan kinderen met een lichamelijke of verstandelijke beperking (cluster 3).",
                  [("extra", "lichamelijk", "Fysiotherapie en logopedie op school"),
                   ("specialisme", "medisch", "Verpleegkundige zorg onder schooltijd")],
                  [("fysiotherapeut", "team"), ("logopedist", "team"), ("jeugdverpleegkundige", "team")],
                  "gelijkvloers", "ja", True, True),
    "college": ("Mentoraat en studiebegeleiding voor elke leerling; een zorgcoördinator per leerjaar.",
                [("extra", "sociaal_emotioneel", "Faalangst- en examentraining")],
                [("psycholoog", "swv"), ("smw", "team")], "hellingbaan", "ja", True, False),
    "praktijk": ("Kleine klassen, veel praktijk en een vaste stagebegeleider.",
                 [("extra", "werkhouding", "Begeleiding bij stage en werk")],
                 [("orthopedagoog", "team")], "gelijkvloers", "niet_nodig", True, True),
}

# E-1: the school calendar of De Regenboog's board for 2026-2027 (fictional; a schorsing counts school days)
VAKANTIES = [
    ("Herfstvakantie", date(2026, 10, 17), date(2026, 10, 25)),
    ("Kerstvakantie", date(2026, 12, 19), date(2027, 1, 3)),
    ("Voorjaarsvakantie", date(2027, 2, 20), date(2027, 2, 28)),
    ("Goede Vrijdag en Pasen", date(2027, 3, 26), date(2027, 3, 29)),
    ("Meivakantie (met Koningsdag en 5 mei)", date(2027, 4, 24), date(2027, 5, 9)),
    ("Tweede Pinksterdag", date(2027, 5, 17), date(2027, 5, 17)),
    ("Zomervakantie", date(2027, 7, 17), date(2027, 8, 29)),
]


def demo(ctx):
    vandaag = ctx.today
    regenboog = ctx.scholen["regenboog"]
    for omschrijving, van, tot in VAKANTIES:
        VrijePeriode.objects.get_or_create(bestuur_id=regenboog.bestuur_id, van=van, tot=tot,
                                           defaults={"omschrijving": omschrijving})
    VrijePeriode.objects.get_or_create(school=regenboog, van=date(2027, 1, 29), tot=date(2027, 1, 29),
                                       defaults={"omschrijving": "Studiedag"})
    for swv in ctx.swv.values():
        for item in Basisondersteuning.objects.filter(swv=swv, gebied="overig"):
            if item.titel in GEBIEDEN:
                item.gebied = GEBIEDEN[item.titel]
                item.save(update_fields=["gebied"])
        if not BasisondersteuningVersie.objects.filter(swv=swv).exists():
            basisondersteuning_publiceer(swv=swv, door=ctx.users.get("swv@demo.nl"), op=vandaag - timedelta(days=120),
                                         toelichting="Eerste versie in Passend Portaal.")
    for key, (basis, extra, expertise, ingang, lift, toilet, gym) in PROFIELEN.items():
        school = ctx.scholen[key]
        if Ondersteuningsprofiel.objects.filter(school=school).exists():
            continue
        p = Ondersteuningsprofiel.objects.create(
            school=school, nummer=1, status=ProfielStatus.VASTGESTELD, vastgesteld_op=vandaag - timedelta(days=90),
            schooljaar=f"{vandaag.year - (0 if vandaag.month >= 8 else 1)}-{vandaag.year + (1 if vandaag.month >= 8 else 0)}",
            basis_toelichting=basis, ingang=ingang, lift=lift, toilet_aangepast=toilet, gymzaal_toegankelijk=gym,
            aanmeldprocedure="Meld online aan via Passend Portaal. U krijgt meteen een ontvangstbevestiging. Daarna "
            "nodigt de intern begeleider u uit voor een gesprek.",
            raadpleging_op=vandaag - timedelta(days=110), raadpleging_wijze="leerlingenraad",
            raadpleging_toelichting="De leerlingenraad besprak het concept in twee bijeenkomsten.",
            raadpleging_wijzigingen="Op verzoek van leerlingen staat er nu bij waar je terecht kunt als het in de klas "
            "te druk is.")
        p.basisondersteuning.set(BasisondersteuningVersie.objects.filter(
            swv__in=school.samenwerkingsverbanden.all()).laatste_per_swv())
        for n, (soort, gebied, titel) in enumerate(extra, start=1):
            ProfielOnderdeel.objects.create(profiel=p, soort=soort, gebied=gebied, titel=titel, volgorde=n)
        for exp, waar in expertise:
            ProfielExpertise.objects.create(profiel=p, expertise=exp, beschikbaar=waar)
