"""Term rules owned by bezwaar, geschil, klacht and schorsing (DOMAIN §4 A-13, D, E).

Sources: docs/juridische-bronnen.md. Where DOMAIN differs from the law, the law is followed:
* A-13b: the board's decision term on a bezwaar runs per kind of school — openbaar po/(v)so: 4 weeks from the
  day after the 6-week bezwaar term ended (WPO 40 lid 12, WEC 40 lid 20, departing from Awb 7:10); bijzonder
  po/(v)so and samenwerkingsscholen: 4 weeks after receipt of the bezwaren (WPO 63 lid 3, WEC 61 lid 3–4,
  WPO 17d lid 10, WEC 28j lid 10); vo, every board: 4 weeks after receipt (WVO 2020 8.8 lid 5–6 for
  toelating, 8.15 lid 6–8 for verwijdering — not the old Inrichtingsbesluit WVO art. 15). The rule's length is
  the same for all; its start differs, and the clock snapshots the article of the school it runs for.
* A-13b and a geschil (WPO 43 lid 4): the decision term stands still from the day the geschil was filed until the
  day of the oordeel — not until the board's response to it (D-4). E-1c (a schorsing) is not suspended by a
  geschil: WPO 43 lid 2 does not give the commission schorsingen.
* E-1: for vo the current source is WVO 2020 art. 8.14 (the old Inrichtingsbesluit WVO art. 13 lapsed).
"""

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="A-13", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN,
        naam="Bezwaartermijn besluit school",
        bron="Awb 6:7 en 6:8; WPO 40 lid 12 en 63; WEC 40 lid 20 en 61; WVO 2020 8.8 lid 5 en 8.15 lid 6",
        uitleg="Ouders maken binnen 6 weken bezwaar tegen een weigering of verwijdering. De termijn begint de dag "
        "na de bekendmaking van het besluit en eindigt op dezelfde weekdag 6 weken later.",
        bij_verloop="De bezwaartermijn is verstreken; een later bezwaar is alleen ontvankelijk als de "
        "termijnoverschrijding verschoonbaar is (Awb 6:11).",
    ),
    Regel(
        id="A-13b", app="geschillen", lengte=4, eenheid=Eenheid.WEKEN,
        naam="Beslissing op bezwaar (bevoegd gezag)",
        bron="WPO 40 lid 12 en 63 lid 3; WEC 40 lid 20 en 61 lid 3; WVO 2020 8.8 lid 6 en 8.15 lid 6; opschorting "
        "tijdens een geschil: WPO 43 lid 4",
        uitleg="Het bevoegd gezag hoort de ouders en beslist binnen 4 weken: bij een openbare school (po, (v)so) "
        "gerekend vanaf de dag na het einde van de bezwaartermijn; bij een bijzondere of samenwerkingsschool en in "
        "het vo na ontvangst van het bezwaar. Een bezwaar dat pas na het einde van de bezwaartermijn binnenkomt, "
        "telt vanaf de ontvangst. Loopt er een geschil over hetzelfde besluit, dan staat deze termijn stil vanaf de "
        "dag dat het geschil is ingediend tot de dag van het oordeel van de commissie.",
        bij_verloop="Niet op tijd op het bezwaar beslist.",
        opgeschort_door=("zaak:geschil",),
    ),
    Regel(
        id="D-2", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam="Termijn geschil indienen",
        bron="Reglement Geschillencommissie passend onderwijs (geen wettelijke termijn: de Algemene termijnenwet geldt "
        "niet)",
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
        # D-3: WPO 43 lid 3 ("binnen 10 weken een oordeel") has no extension and no later date (no max_verlenging_weken,
        # no later_aankondigen); the commission's procedure says it grants no postponement as a rule
        # (onderwijsgeschillen.nl, secondary). The 10 weeks run from the request, holidays included.
        id="D-3", app="geschillen", lengte=10, eenheid=Eenheid.WEKEN,
        naam="Oordeel geschillencommissie", bron="WPO 43 lid 3 (lid 1: één landelijke commissie, ook voor (v)so en vo)",
        uitleg="De commissie geeft haar oordeel binnen 10 weken na ontvangst van het verzoek, vakanties meegeteld. De "
        "wet kent geen verlenging van deze termijn.",
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
        naam="Reactie bevoegd gezag op oordeel",
        bron="Besluit bekostiging WPO 34.9 lid 8 (geen termijn in wet of besluit; een herinnering, instelbaar)",
        uitleg="Het bevoegd gezag laat ouders en commissie schriftelijk weten wat het met het oordeel doet, met "
        "redenen als het afwijkt. Wet en besluit noemen geen termijn (ook geen 10 werkdagen): het portaal herinnert "
        "na 4 weken (instelbaar).",
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
        naam="Schorsing ten hoogste 1 week", bron="WPO 40c; WEC 40a; WVO 2020 8.14",
        uitleg="Een schorsing duurt ten hoogste 1 week, schriftelijk met redenen; langer dan 1 dag: melden aan "
        "de inspectie.",
        bij_verloop="De schorsing duurt langer dan de wet toestaat.",
    ),
    Regel(
        id="E-1b", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN, secundair=True,
        naam="Bezwaartermijn schorsing",
        bron="Awb 6:7 en 6:8 (openbare school); bij een bijzondere school de regeling van het bevoegd gezag",
        uitleg="Ouders kunnen binnen 6 weken na de bekendmaking bezwaar maken tegen een schorsing.",
        bij_verloop="De bezwaartermijn tegen de schorsing is verstreken.",
    ),
    Regel(
        id="E-1c", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN, secundair=True,
        naam="Beslissing op bezwaar tegen schorsing",
        bron="Awb 7:10 lid 1 (openbare school); bij een bijzondere school de regeling van het bevoegd gezag",
        uitleg="Het bevoegd gezag beslist binnen 6 weken na afloop van de bezwaartermijn. Een geschil schort deze "
        "termijn niet op: de Geschillencommissie oordeelt niet over schorsingen.",
        bij_verloop="Niet op tijd op het bezwaar tegen de schorsing beslist.",
        # no "zaak:geschil": WPO 43 lid 2 names toelating, verwijdering and the OPP, not schorsing, and lid 4 suspends
        # only the decision on a bezwaar about toelating or verwijdering; Awb 7:10 lid 2 suspends only for herstel
        # of a verzuim (6:6).
    ),
)
