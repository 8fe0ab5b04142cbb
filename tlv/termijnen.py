"""Term rules owned by the TLV desk of the SWV (DOMAIN §4 C)."""

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="C-4", app="tlv", lengte=8, eenheid=Eenheid.WEKEN, opgeschort_door=("aanvulling_school",),
        later_aankondigen=True,
        naam="Beslistermijn toelaatbaarheidsverklaring",
        bron="Awb 4:13–4:15",
        uitleg="Het samenwerkingsverband beslist binnen een redelijke termijn, ten hoogste 8 weken. De termijn "
        "staat stil zolang de aanvraag onvolledig is.",
        bij_verloop="Het samenwerkingsverband heeft niet op tijd beslist.",
    ),
    Regel(
        id="C-5", app="tlv", lengte=1, eenheid=Eenheid.SCHOOLJAREN_TLV, atw=False, herinneringen=(),
        herinnering_op=("02-01",),  # 1 February of the last school year: arrange return or a new TLV
        naam="Einde toelaatbaarheidsverklaring",
        bron="WEC 40 lid 15; WPO 118 lid 10",
        uitleg="Een TLV geldt een of meer hele schooljaren; afgegeven in de loop van een schooljaar komt de "
        "periode tot 1 augustus erbij. In het laatste jaar regelt de school terugkeer of een nieuwe TLV.",
        bij_verloop="De TLV is verlopen.",
    ),
    Regel(
        id="C-6", app="tlv", lengte=6, eenheid=Eenheid.WEKEN,
        naam="Bezwaartermijn TLV",
        bron="Awb 6:7",
        uitleg="Ouders of de school maken binnen 6 weken na bekendmaking bezwaar tegen het TLV-besluit.",
        bij_verloop="De bezwaartermijn is verstreken.",
    ),
    Regel(
        id="C-6b", app="tlv", lengte=2, eenheid=Eenheid.WEKEN, herinneringen=(3,),
        naam="Advies LBT vragen", bron="Awb 7:13; reglement LBT", secundair=True,
        uitleg="Het samenwerkingsverband vraagt binnen 2 weken advies aan de Landelijke Bezwaaradviescommissie "
        "TLV, tenzij het het bezwaar volledig toekent.",
        bij_verloop="Het advies van de LBT is niet op tijd gevraagd.",
    ),
    Regel(
        id="C-6c", app="tlv", lengte=12, eenheid=Eenheid.WEKEN, max_verlenging_weken=6,
        naam="Beslissing op bezwaar TLV", bron="Awb 7:10",
        uitleg="Beslissing op het bezwaar binnen 12 weken na afloop van de bezwaartermijn; 6 weken verdaging "
        "is mogelijk.",
        bij_verloop="Niet op tijd op het bezwaar beslist.",
    ),
    Regel(
        id="C-7", app="tlv", lengte=3, eenheid=Eenheid.JAREN, atw=False, herinneringen=(30,),
        naam="Verwijderen gezondheidsgegevens TLV", bron="WPO 18a lid 13",
        uitleg="Gezondheidsgegevens voor de TLV worden 3 jaar na het besluit verwijderd.",
        bij_verloop="De gegevens moeten nu worden verwijderd.",
    ),
)
