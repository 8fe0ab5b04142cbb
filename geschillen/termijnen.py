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

from datetime import date

from django.utils.translation import gettext_noop as N_

from portal.organisaties import schoolkalender, wetgeving
from portal.termijnen import dates
from portal.termijnen.calculator import INTERVAL, TEKST, VLAG, Argument, Soort, iso, register_soort, tijdig
from portal.termijnen.dates import TermijnFout
from portal.termijnen.rules import Eenheid, Regel, bereken_uiterlijk, register

from . import wet

register(
    Regel(
        id="A-13", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN,
        naam=N_("Bezwaartermijn besluit school"),
        bron="Awb 6:7 en 6:8; WPO 40 lid 12 en 63; WEC 40 lid 20 en 61; WVO 2020 8.8 lid 5 en 8.15 lid 6",
        uitleg=N_("Ouders maken binnen 6 weken bezwaar tegen een weigering of verwijdering. De termijn begint de dag "
        "na de bekendmaking van het besluit en eindigt op dezelfde weekdag 6 weken later."),
        bij_verloop=N_("De bezwaartermijn is verstreken; een later bezwaar is alleen ontvankelijk als de "
        "termijnoverschrijding verschoonbaar is (Awb 6:11)."),
    ),
    Regel(
        id="A-13b", app="geschillen", lengte=4, eenheid=Eenheid.WEKEN,
        naam=N_("Beslissing op bezwaar (bevoegd gezag)"),
        bron="WPO 40 lid 12 en 63 lid 3; WEC 40 lid 20 en 61 lid 3; WVO 2020 8.8 lid 6 en 8.15 lid 6; opschorting "
        "tijdens een geschil: WPO 43 lid 4",
        uitleg=N_("Het bevoegd gezag hoort de ouders en beslist binnen 4 weken: bij een openbare school (po, (v)so) "
        "gerekend vanaf de dag na het einde van de bezwaartermijn; bij een bijzondere of samenwerkingsschool en in "
        "het vo na ontvangst van het bezwaar. Een bezwaar dat pas na het einde van de bezwaartermijn binnenkomt, "
        "telt vanaf de ontvangst. Loopt er een geschil over hetzelfde besluit, dan staat deze termijn stil vanaf de "
        "dag dat het geschil is ingediend tot de dag van het oordeel van de commissie."),
        bij_verloop=N_("Niet op tijd op het bezwaar beslist."),
        opgeschort_door=("zaak:geschil",),
    ),
    Regel(
        id="D-2", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam=N_("Termijn geschil indienen"),
        bron="Reglement Geschillencommissie passend onderwijs (geen wettelijke termijn: de Algemene termijnenwet geldt "
        "niet)",
        uitleg=N_("Ouders dienen een geschil in binnen 6 weken na het besluit; later kan met redenen."),
        bij_verloop=N_("De termijn om een geschil in te dienen is verstreken (later indienen kan met redenen)."),
    ),
    Regel(
        id="D-2b", app="geschillen", lengte=2, eenheid=Eenheid.WEKEN, atw=False, secundair=True, herinneringen=(3,),
        naam=N_("Verweer bevoegd gezag"), bron="Reglement Geschillencommissie passend onderwijs",
        uitleg=N_("Het bevoegd gezag dient binnen 2 weken een verweerschrift in."),
        bij_verloop=N_("Het verweer is niet op tijd ingediend."),
    ),
    Regel(
        # D-3: WPO 43 lid 3 ("binnen 10 weken een oordeel") has no extension and no later date (no max_verlenging_weken,
        # no later_aankondigen); the commission's procedure says it grants no postponement as a rule
        # (onderwijsgeschillen.nl, secondary). The 10 weeks run from the request, holidays included.
        id="D-3", app="geschillen", lengte=10, eenheid=Eenheid.WEKEN,
        naam=N_("Oordeel geschillencommissie"), bron="WPO 43 lid 3 (lid 1: één landelijke commissie, ook voor (v)so en vo)",
        uitleg=N_("De commissie geeft haar oordeel binnen 10 weken na ontvangst van het verzoek, vakanties meegeteld. De "
        "wet kent geen verlenging van deze termijn."),
        bij_verloop=N_("Het oordeel is niet binnen 10 weken gegeven."),
    ),
    Regel(
        id="D-3b", app="geschillen", lengte=2, eenheid=Eenheid.WERKDAGEN, herinneringen=(1,),
        naam=N_("Spoeduitspraak na zitting"), bron="Reglement Geschillencommissie passend onderwijs", secundair=True,
        uitleg=N_("In spoedeisende gevallen volgt binnen 2 werkdagen na de zitting een korte uitspraak."),
        bij_verloop=N_("De spoeduitspraak is niet op tijd."),
    ),
    Regel(
        id="D-4", app="geschillen", lengte=4, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam=N_("Reactie bevoegd gezag op oordeel"),
        bron="Besluit bekostiging WPO 34.9 lid 8 (geen termijn in wet of besluit; een herinnering, instelbaar)",
        uitleg=N_("Het bevoegd gezag laat ouders en commissie schriftelijk weten wat het met het oordeel doet, met "
        "redenen als het afwijkt. Wet en besluit noemen geen termijn (ook geen 10 werkdagen): het portaal herinnert "
        "na 4 weken (instelbaar)."),
        bij_verloop=N_("Er is nog geen reactie op het oordeel."),
    ),
    Regel(
        id="D-5", app="geschillen", lengte=4, eenheid=Eenheid.WEKEN,
        naam=N_("Reactie bevoegd gezag op oordeel klachtencommissie"), bron="WPO 14",
        uitleg=N_("Binnen 4 weken na het oordeel van de klachtencommissie laat het bevoegd gezag klager en "
        "commissie weten wat het doet."),
        bij_verloop=N_("Er is nog geen reactie op het oordeel van de klachtencommissie."),
    ),
    Regel(
        id="E-1", app="geschillen", lengte=1, eenheid=Eenheid.WEKEN, atw=False, herinneringen=(1,),
        naam=N_("Schorsing ten hoogste 1 week"), bron="WPO 40c; WEC 40a; WVO 2020 8.14",
        uitleg=N_("Een schorsing duurt ten hoogste 1 week, schriftelijk met redenen; langer dan 1 dag: melden aan "
        "de inspectie."),
        bij_verloop=N_("De schorsing duurt langer dan de wet toestaat."),
    ),
    Regel(
        id="E-1b", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN, secundair=True,
        naam=N_("Bezwaartermijn schorsing"),
        bron="Awb 6:7 en 6:8 (openbare school); bij een bijzondere school de regeling van het bevoegd gezag",
        uitleg=N_("Ouders kunnen binnen 6 weken na de bekendmaking bezwaar maken tegen een schorsing."),
        bij_verloop=N_("De bezwaartermijn tegen de schorsing is verstreken."),
    ),
    Regel(
        id="E-1c", app="geschillen", lengte=6, eenheid=Eenheid.WEKEN, secundair=True,
        naam=N_("Beslissing op bezwaar tegen schorsing"),
        bron="Awb 7:10 lid 1 (openbare school); bij een bijzondere school de regeling van het bevoegd gezag",
        uitleg=N_("Het bevoegd gezag beslist binnen 6 weken na afloop van de bezwaartermijn. Een geschil schort deze "
        "termijn niet op: de Geschillencommissie oordeelt niet over schorsingen."),
        bij_verloop=N_("Niet op tijd op het bezwaar tegen de schorsing beslist."),
        # no "zaak:geschil": WPO 43 lid 2 names toelating, verwijdering and the OPP, not schorsing, and lid 4 suspends
        # only the decision on a bezwaar about toelating or verwijdering; Awb 7:10 lid 2 suspends only for herstel
        # of a verzuim (6:6).
    ),
)


# --- the terms calculator's kinds (``manage.py termijn bezwaar|schorsing|geschil|…``, issue #18) -------------------

# A-13b per school: the sector (po, (v)so, vo; a school's own kind is accepted too) and the denominatie
SECTOREN = {"po": "bao", "bao": "bao", "sbo": "sbo", "so": "so", "vso": "vso", "vo": "vo", "pro": "pro"}
DENOMINATIES = ("openbaar", "bijzonder", "samenwerking")


def school_van(sector: str, denominatie: str | None):
    """A stand-in for a school of this sector and denominatie, for the core's per-sector rules (no database)."""
    from types import SimpleNamespace

    soort = SECTOREN.get((sector or "").lower())
    if soort is None:
        raise TermijnFout(f"sector: '{sector}' is onbekend; kies po, so of vo (of bao, sbo, vso, pro).")
    if denominatie is not None and denominatie.lower() not in DENOMINATIES:
        raise TermijnFout(f"denominatie: '{denominatie}' is onbekend; kies openbaar, bijzonder of samenwerking.")
    if denominatie is None and soort not in ("vo", "pro"):
        raise TermijnFout("denominatie: geef openbaar, bijzonder of samenwerking; in po en (v)so hangt de "
                          "beslistermijn daarvan af (A-13b).")
    return SimpleNamespace(soort=soort, denominatie=(denominatie or "bijzonder").lower())


def bezwaar(regel, *, bekendmaking: date, sector: str | None = None, denominatie: str | None = None,
            ontvangen: date | None = None, ter_post: date | None = None, geschil: tuple[date, date] | None = None,
            verwijdering: bool = False) -> dict:
    """A-13 (school) and C-6 (TLV) are the same term: Atw(D + 6 weeks); Awb 6:9 says whether a bezwaar received on
    ``ontvangen`` (posted on ``ter_post``) is on time. With the school's sector and denominatie: the board's decision
    term (A-13b) from the core's one start (``wetgeving.bezwaar_beslistermijn_start``, as the bezwaar's clock),
    standing still while a geschil about the same decision is aanhangig (``geschil``: filed / oordeel; WPO 43 lid 4)."""
    a13 = bereken_uiterlijk(regel("A-13"), bekendmaking)
    out = {"regel": "A-13", "bekendmaking": iso(bekendmaking), "indienen_uiterlijk": iso(a13)}
    out |= tijdig(a13, ontvangen, ter_post, bekendmaking)
    if sector is None and denominatie is None:
        if geschil is not None:
            raise TermijnFout("geschil: geef ook --sector en --denominatie; het geschil schort de beslistermijn "
                              "(A-13b) op.")
        return out
    if sector is None:
        raise TermijnFout("sector: geef po, so of vo bij --denominatie.")
    school = school_van(sector, denominatie)
    if ontvangen is None:
        raise TermijnFout("ontvangen: geef de dag dat het bezwaar binnenkwam; daarvan hangt de beslistermijn af "
                          "(A-13b).")
    start = wetgeving.bezwaar_beslistermijn_start(school, ontvangen=ontvangen, bezwaartermijn_einde=a13)
    intervallen = []
    if geschil is not None:
        ingediend, oordeel = geschil
        if oordeel < ingediend:
            raise TermijnFout("geschil: het oordeel ligt vóór het indienen van het geschil.")
        van = max(ingediend, start)  # WPO 43 lid 4; a term that begins later stands still from its own start
        if oordeel > van:
            intervallen = [(van, oordeel)]
    out |= {
        "regel_beslissen": "A-13b",
        "sector": wetgeving.sector(school),
        "denominatie": "openbaar" if wetgeving.is_openbaar(school) else school.denominatie,
        "bron": wet.bezwaar_bron(school, verwijdering=verwijdering),
        "beslistermijn_start": iso(start),
        "opgeschorte_dagen": dates.opgeschorte_dagen(intervallen),
        "beslissen_uiterlijk": iso(bereken_uiterlijk(regel("A-13b"), start, intervallen)),
    }
    return out


def schorsing(regel, *, bekendmaking: date, van: date | None = None, tot: date | None = None,
              ontvangen: date | None = None, ter_post: date | None = None, vrij=()) -> dict:
    """E-1: a schorsing lasts at most one week of school (``wet.MAX_SCHORSING_SCHOOLDAGEN``), beginning and ending on
    a school day; more than one school day is reported to the inspectie (``wet.schorsing_inspectie_nodig``). The
    school days are those of the school calendar (``portal.organisaties.schoolkalender``) with the school's holidays
    and free days given as ``vrij`` — the same functions the schorsing's service uses, never the Atw. E-1b: bezwaar
    within 6 weeks after bekendmaking (Awb 6:7, 6:8; on time per Awb 6:9); E-1c: the decision on it 6 weeks after
    the bezwaar term (Awb 7:10 lid 1; a late bezwaar from its receipt). A geschil does not suspend E-1c (WPO 43
    lid 2)."""
    e1b = bereken_uiterlijk(regel("E-1b"), bekendmaking)
    out = {"regel": "E-1b", "bekendmaking": iso(bekendmaking), "indienen_uiterlijk": iso(e1b)}
    if tot is not None and van is None:
        raise TermijnFout("tot: geef ook --van (de eerste dag van de schorsing).")
    for a, b in vrij:
        if b < a:
            raise TermijnFout("vrij: de laatste vrije dag ligt vóór de eerste.")
    kalender = schoolkalender.VasteKalender(tuple(vrij))
    if van is not None:
        if not schoolkalender.is_schooldag(kalender, van):
            raise TermijnFout("van: de eerste dag van de schorsing is geen schooldag (weekend of vrije dag).")
        laatste = schoolkalender.laatste_schooldag(kalender, van, wet.MAX_SCHORSING_SCHOOLDAGEN)
        out |= {"regel_schorsing": "E-1", "schorsing_van": iso(van), "schorsing_uiterlijk_tot": iso(laatste)}
        if tot is not None:
            if tot < van:
                raise TermijnFout("tot: de laatste dag van de schorsing ligt vóór de eerste.")
            if not schoolkalender.is_schooldag(kalender, tot):
                raise TermijnFout("tot: de laatste dag van de schorsing is geen schooldag (weekend of vrije dag).")
            n = wet.schooldagen(van, tot, kalender)
            out |= {"schorsing_tot": iso(tot), "schooldagen": n, "binnen_een_week": n <= wet.MAX_SCHORSING_SCHOOLDAGEN,
                    "inspectie_melden": wet.schorsing_inspectie_nodig(van, tot, kalender)}
    out |= tijdig(e1b, ontvangen, ter_post, bekendmaking)
    if ontvangen is not None:
        start = wetgeving.na_bezwaartermijn(e1b, ontvangen)
        out |= {"regel_beslissen": "E-1c", "beslistermijn_start": iso(start),
                "beslissen_uiterlijk": iso(bereken_uiterlijk(regel("E-1c"), start))}
    return out


def geschil(regel, *, besluit: date | None = None, ontvangen: date | None = None) -> dict:
    """D-2: the parents file within 6 weeks after the decision; D-3: the commission's oordeel 10 weeks after it
    received the request."""
    if (besluit is None) == (ontvangen is None):
        raise TermijnFout("geschil: geef precies één van --besluit of --ontvangen.")
    if besluit is not None:
        return {"regel": "D-2", "besluit": iso(besluit),
                "indienen_uiterlijk": iso(bereken_uiterlijk(regel("D-2"), besluit))}
    return {"regel": "D-3", "ontvangen": iso(ontvangen),
            "oordeel_uiterlijk": iso(bereken_uiterlijk(regel("D-3"), ontvangen))}


def geschil_reactie(regel, *, oordeel: date) -> dict:
    """D-4: the board's written response to the Geschillencommissie's oordeel (Besluit bekostiging WPO 34.9 lid 8: no
    statutory term; a configurable reminder)."""
    return {"regel": "D-4", "oordeel": iso(oordeel),
            "reactie_uiterlijk": iso(bereken_uiterlijk(regel("D-4"), oordeel))}


def klacht_reactie(regel, *, oordeel: date) -> dict:
    """D-5: the board tells the complainant and the klachtencommissie within 4 weeks after its oordeel what it does
    (WPO 14)."""
    return {"regel": "D-5", "oordeel": iso(oordeel),
            "reactie_uiterlijk": iso(bereken_uiterlijk(regel("D-5"), oordeel))}


_ONTVANGEN_BEZWAAR = "dag dat het bezwaar binnenkwam"
_TER_POST = Argument("ter-post", "dag van verzending van het bezwaar per post (Awb 6:9 lid 2)")

register_soort(Soort(
    naam="bezwaar", app="geschillen", bereken=bezwaar,
    omschrijving="Bezwaar: indienen (A-13, C-6, Awb 6:9) en beslissen per soort school (A-13b)",
    argumenten=(
        Argument("bekendmaking", "dag van bekendmaking van het besluit (A-13, C-6)", verplicht=True, start=True),
        Argument("ontvangen", f"{_ONTVANGEN_BEZWAAR} (Awb 6:9; A-13b)"),
        _TER_POST,
        Argument("sector", "soort school voor de beslistermijn (A-13b)", soort=TEKST, metavar="po|so|vo",
                 keuzes=(("po", "po"), ("so", "(v)so"), ("vo", "vo"))),
        Argument("denominatie", "denominatie van de school (A-13b; in het vo niet nodig)", soort=TEKST,
                 metavar="openbaar|bijzonder|samenwerking",
                 keuzes=tuple((d, d) for d in DENOMINATIES)),
        Argument("geschil", "geschil over hetzelfde besluit: ingediend en oordeel (WPO 43 lid 4)", soort=INTERVAL,
                 metavar="INGEDIEND/OORDEEL"),
        Argument("verwijdering", "bezwaar tegen een verwijdering (vo: WVO 2020 8.15)", soort=VLAG),
    ),
))
register_soort(Soort(
    naam="geschil", app="geschillen", bereken=geschil, omschrijving="Geschil: indienen of oordeel (D-2, D-3)",
    argumenten=(
        Argument("besluit", "dag van het besluit: termijn om het geschil in te dienen (D-2)", groep="geschil",
                 start=True),
        Argument("ontvangen", "dag dat de commissie het verzoek ontving: termijn voor het oordeel (D-3)",
                 groep="geschil"),
    ),
))
register_soort(Soort(
    naam="geschil-reactie", app="geschillen", bereken=geschil_reactie,
    omschrijving="Geschil: reactie van het bestuur op het oordeel (D-4, instelbaar)",
    argumenten=(Argument("oordeel", "dag van het oordeel van de Geschillencommissie (D-4)", verplicht=True,
                         start=True),),
))
register_soort(Soort(
    naam="klacht-reactie", app="geschillen", bereken=klacht_reactie,
    omschrijving="Klacht: reactie van het bestuur op het oordeel van de klachtencommissie (D-5)",
    argumenten=(Argument("oordeel", "dag van het oordeel van de klachtencommissie (D-5)", verplicht=True,
                         start=True),),
))
register_soort(Soort(
    naam="schorsing", app="geschillen", bereken=schorsing,
    omschrijving="Schorsing: ten hoogste een week (E-1), bezwaar (E-1b) en beslissing op bezwaar (E-1c)",
    argumenten=(
        Argument("bekendmaking", "dag van bekendmaking van de schorsing (E-1b)", verplicht=True, start=True),
        Argument("van", "eerste dag van de schorsing (E-1)"),
        Argument("tot", "laatste dag van de schorsing (E-1)"),
        Argument("vrij", "vakantie of vrije dag(en) van de school, beide dagen meegeteld (E-1: schooldagen)",
                 soort=INTERVAL, meerdere=True),
        Argument("ontvangen", f"{_ONTVANGEN_BEZWAAR} (E-1c)"),
        _TER_POST,
    ),
))
