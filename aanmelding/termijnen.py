"""Term rules owned by the aanmelding (DOMAIN §4 A). Registered here; the feature comes with its issue."""

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="A-6", app="aanmelding", lengte=6, eenheid=Eenheid.WEKEN, opgeschort_door=("informatie_ouders",), max_verlenging_weken=4,
        naam="Beslistermijn aanmelding",
        bron="WPO 40 lid 6; WEC 40 lid 7; WVO 2020 art. 8.8 lid 2 (verlenging); opschorting: Awb 4:15, WPO 63 lid 4, "
        "WEC 61 lid 5",
        uitleg="De school beslist zo spoedig mogelijk, uiterlijk 6 weken na ontvangst van de schriftelijke "
        "aanmelding. Eenmaal verlengen met ten hoogste 4 weken mag, schriftelijk en met reden, vóór het einde "
        "van de 6 weken. Terwijl de school wacht op gevraagde informatie staat de termijn stil.",
        bij_verloop="De school heeft niet op tijd beslist: de directeur en het bevoegd gezag worden gewaarschuwd. "
        "Na 10 weken (plus opschorting) volgt tijdelijke inschrijving (A-9).",
    ),
    Regel(
        id="A-8", app="aanmelding", lengte=4, eenheid=Eenheid.WEKEN,
        naam="Besluit aanmelding niet in behandeling nemen",
        bron="WPO 63 lid 4; WEC 61 lid 5; WVO 2020 art. 8.8 lid 3; Awb 4:5 lid 4",
        uitleg="Kwam de gevraagde informatie niet binnen de gestelde termijn, dan besluit de school binnen "
        "4 weken daarna of zij de aanmelding niet in behandeling neemt.",
        bij_verloop="De school heeft niet binnen 4 weken besloten; de beslistermijn loopt weer.",
    ),
    Regel(
        id="A-9", app="aanmelding", lengte=10, eenheid=Eenheid.WEKEN, opgeschort_door=("informatie_ouders",),
        naam="Tijdelijke inschrijving bij uitblijven besluit",
        bron="WPO 40 lid 7; WEC 40 lid 8–9; WVO 2020 art. 8.13",
        uitleg="Is er 10 weken (plus opschorting) na ontvangst nog geen besluit en staat het kind niet "
        "elders ingeschreven, dan is het kind vanaf de volgende dag tijdelijk ingeschreven — niet vóór 4 jaar. "
        "Een verlenging verschuift dit moment niet.",
        bij_verloop="Het portaal schrijft het kind tijdelijk in en licht ouders en school in.",
        gevolg="tijdelijke_inschrijving", herinneringen=(7,),
    ),
)
