"""Term rules owned by bezwaar, geschil, klacht and schorsing (DOMAIN §4 A-13, D, E)."""

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="A-13", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN,
        naam="Bezwaartermijn besluit school", bron="WPO 63 lid 3; Awb 6:7",
        uitleg="Ouders maken binnen 6 weken na bekendmaking bezwaar tegen weigering of verwijdering.",
        bij_verloop="De bezwaartermijn is verstreken.",
    ),
    Regel(
        id="A-13b", app="geschillen", lengte=4, eenheid=Eenheid.WEKEN,
        naam="Beslissing op bezwaar (bevoegd gezag)", bron="WPO 63 lid 3, 43 lid 4",
        uitleg="Het bevoegd gezag beslist binnen 4 weken nadat het de ouders heeft gehoord. Een lopend geschil "
        "schort dit op.",
        bij_verloop="Niet op tijd op het bezwaar beslist.",
        opgeschort_door=("zaak:geschil",),
    ),
    Regel(
        id="D-2", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam="Termijn geschil indienen", bron="Reglement Geschillencommissie passend onderwijs (T-4: geen Atw)",
        uitleg="Ouders dienen een geschil in binnen 6 weken na het besluit; later kan met redenen.",
        bij_verloop="De termijn om een geschil in te dienen is verstreken (later indienen kan met redenen).",
    ),
    Regel(
        id="D-2b", app="geschillen", lengte=2, eenheid=Eenheid.WEKEN, atw=False, secundair=True, herinneringen=(3,),
        naam="Verweer bevoegd gezag", bron="Reglement Geschillencommissie passend onderwijs",
        uitleg="Het bevoegd gezag dient binnen 2 weken een verweerschrift in.",
        bij_verloop="Het verweer is niet op tijd ingediend.",
    ),
    Regel(
        id="D-3", app="geschillen", lengte=10, eenheid=Eenheid.WEKEN,
        naam="Oordeel geschillencommissie", bron="WPO 43 lid 3",
        uitleg="De commissie geeft haar oordeel binnen 10 weken na ontvangst van het verzoek.",
        bij_verloop="Het oordeel is niet binnen 10 weken gegeven.",
    ),
    Regel(
        id="D-3b", app="geschillen", lengte=2, eenheid=Eenheid.WERKDAGEN, herinneringen=(1,),
        naam="Spoeduitspraak na zitting", bron="Reglement Geschillencommissie passend onderwijs", secundair=True,
        uitleg="In spoedeisende gevallen volgt binnen 2 werkdagen na de zitting een korte uitspraak.",
        bij_verloop="De spoeduitspraak is niet op tijd.",
    ),
    Regel(
        id="D-4", app="geschillen", lengte=4, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam="Reactie bevoegd gezag op oordeel", bron="Besluit bekostiging WPO 34.9 (geen wettelijke termijn; instelbaar)",
        uitleg="Het bevoegd gezag laat ouders en commissie schriftelijk weten wat het met het oordeel doet, met "
        "redenen als het afwijkt. Geen wettelijke termijn: herinnering na 4 weken (instelbaar).",
        bij_verloop="Er is nog geen reactie op het oordeel.",
    ),
    Regel(
        id="D-5", app="geschillen", lengte=4, eenheid=Eenheid.WEKEN,
        naam="Reactie bevoegd gezag op oordeel klachtencommissie", bron="WPO 14",
        uitleg="Binnen 4 weken na het oordeel van de klachtencommissie laat het bevoegd gezag klager en "
        "commissie weten wat het doet.",
        bij_verloop="Er is nog geen reactie op het oordeel van de klachtencommissie.",
    ),
    Regel(
        id="E-1", app="geschillen", lengte=1, eenheid=Eenheid.WEKEN, atw=False, herinneringen=(1,),
        naam="Schorsing ten hoogste 1 week", bron="WPO 40c; WEC 40a; Inrichtingsbesluit WVO 13",
        uitleg="Een schorsing duurt ten hoogste 1 week, schriftelijk met redenen; langer dan 1 dag: melden aan "
        "de inspectie.",
        bij_verloop="De schorsing duurt langer dan de wet toestaat.",
    ),
)
