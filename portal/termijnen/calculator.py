"""The calculator behind ``manage.py termijn`` and the staff page: the same engine functions, with the
rules' code defaults (or the configured ones on the web page), no database.

Each function takes parsed values and returns a dict of ISO dates (keys that don't apply are left
out). Invalid input raises ``TermijnFout`` with a Dutch message.
"""

from datetime import date, timedelta

from . import dates
from .dates import TermijnFout
from .rules import bereken_uiterlijk, get

SOORTEN = {
    "aanmelding": "Aanmelding: beslistermijn, verlenging en tijdelijke inschrijving (A-6, A-7, A-8, A-9)",
    "opp": "OPP: vaststelling en eerste evaluatie (B-2, B-5)",
    "tlv": "TLV: beslistermijn (C-4)",
    "tlv-einddatum": "TLV: einddatum (C-5)",
    "bezwaar": "Bezwaar: indienen (A-13, C-6, Awb 6:9) en beslissen per soort school (A-13b)",
    "geschil": "Geschil: indienen of oordeel (D-2, D-3)",
    "geschil-reactie": "Geschil: reactie van het bestuur op het oordeel (D-4, instelbaar)",
    "klacht-reactie": "Klacht: reactie van het bestuur op het oordeel van de klachtencommissie (D-5)",
    "schorsing": "Schorsing: ten hoogste een week (E-1), bezwaar (E-1b) en beslissing op bezwaar (E-1c)",
}

# A-13b per school: the sector (po, (v)so, vo; a school's own kind is accepted too) and the denominatie
SECTOREN = {"po": "bao", "bao": "bao", "sbo": "sbo", "so": "so", "vso": "vso", "vo": "vo", "pro": "pro"}
DENOMINATIES = ("openbaar", "bijzonder", "samenwerking")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def parse_datum(waarde: str, naam: str) -> date:
    try:
        if len(waarde) != 10:
            raise ValueError
        return date.fromisoformat(waarde)
    except (TypeError, ValueError):
        raise TermijnFout(f"{naam}: '{waarde}' is geen datum in de vorm JJJJ-MM-DD.") from None


def parse_interval(waarde: str, naam: str = "opschorting") -> tuple[date, date]:
    van_s, sep, tot_s = (waarde or "").partition("/")
    if not sep:
        raise TermijnFout(f"{naam}: '{waarde}' heeft niet de vorm VAN/TOT (JJJJ-MM-DD/JJJJ-MM-DD).")
    return parse_datum(van_s, f"{naam} VAN"), parse_datum(tot_s, f"{naam} TOT")


def _params(regel_id: str, code_defaults: bool) -> dict:
    return get(regel_id, code_defaults=code_defaults).params()


def aanmelding(ontvangen: date, opschortingen=(), verlenging: int | None = None, geboortedatum: date | None = None,
               *, code_defaults: bool = True) -> dict:
    a6 = _params("A-6", code_defaults)
    if verlenging is not None and not (1 <= verlenging <= a6["max_verlenging_weken"]):
        raise TermijnFout(f"verlenging: een heel aantal weken van 1 tot en met {a6['max_verlenging_weken']} (A-7).")
    intervallen = dates.check_opschortingen(ontvangen, opschortingen)
    out = {
        "regel": "A-6",
        "ontvangen": _iso(ontvangen),
        "opgeschorte_dagen": dates.opgeschorte_dagen(intervallen),
        "beslissen_uiterlijk": _iso(bereken_uiterlijk(a6, ontvangen, intervallen)),
    }
    if verlenging is not None:
        out["beslissen_uiterlijk_na_verlenging"] = _iso(bereken_uiterlijk(a6, ontvangen, intervallen, verlenging))
    # the day after the 10-week term (plus suspension), whatever the extension; not before age 4.
    tien_weken = bereken_uiterlijk(_params("A-9", code_defaults), ontvangen, intervallen)
    vanaf = dates.niet_voor_vierde_verjaardag(tien_weken + timedelta(days=1), geboortedatum)
    out["tijdelijke_inschrijving_vanaf"] = _iso(vanaf)
    return out


def opp(inschrijving: date, *, code_defaults: bool = True) -> dict:
    vaststellen = bereken_uiterlijk(_params("B-2", code_defaults), inschrijving)
    return {
        "regel": "B-2",
        "inschrijving": _iso(inschrijving),
        "vaststellen_uiterlijk": _iso(vaststellen),
        "evaluatie_uiterlijk": _iso(dates.opp_evaluatie_uiterlijk(vaststellen)),
    }


def tlv(aanvraag: date, opschortingen=(), *, code_defaults: bool = True) -> dict:
    intervallen = dates.check_opschortingen(aanvraag, opschortingen)
    return {
        "regel": "C-4",
        "aanvraag": _iso(aanvraag),
        "opgeschorte_dagen": dates.opgeschorte_dagen(intervallen),
        "beslissen_uiterlijk": _iso(bereken_uiterlijk(_params("C-4", code_defaults), aanvraag, intervallen)),
    }


def tlv_einddatum(afgifte: date, schooljaren: int, *, maximum: int | None = None, code_defaults: bool = True) -> dict:
    """C-5: "één of meer schooljaren" (WPO 40 lid 13; WEC 40 lid 15). The law sets no maximum; the cap is policy —
    rule C-5's ``max_schooljaren`` (the TLV service reads the same parameter), or ``maximum`` (an SWV's own cap)."""
    hoogste = maximum if maximum is not None else int(_params("C-5", code_defaults).get("max_schooljaren") or 8)
    if hoogste < 1:
        raise TermijnFout("max: een heel getal van ten minste 1.")
    if not 1 <= schooljaren <= hoogste:
        raise TermijnFout(f"schooljaren: een TLV geldt 1 tot en met {hoogste} schooljaren (minstens 1: WEC 40 lid 15; "
                          f"het maximum is beleid, geen wet).")
    return {
        "regel": "C-5",
        "afgifte": _iso(afgifte),
        "schooljaren": schooljaren,
        "max_schooljaren": hoogste,
        "einddatum": _iso(dates.tlv_einddatum(afgifte, schooljaren)),
    }


def _tijdig(uiterlijk: date, ontvangen: date | None, ter_post: date | None, van: date) -> dict:
    """Awb 6:9 for a bezwaar received on ``ontvangen`` (posted on ``ter_post``) against a decision of ``van``."""
    if ontvangen is None:
        if ter_post is not None:
            raise TermijnFout("ter-post: geef ook --ontvangen (de dag dat het bezwaar binnenkwam).")
        return {}
    if ontvangen < van:
        raise TermijnFout("ontvangen: het bezwaar kan niet binnenkomen vóór de bekendmaking van het besluit.")
    if ter_post is not None and ter_post > ontvangen:
        raise TermijnFout("ter-post: de dag van verzending ligt na de dag van ontvangst.")
    out = {"ontvangen": _iso(ontvangen)}
    if ter_post is not None:
        out["ter_post"] = _iso(ter_post)
    out["tijdig"] = dates.tijdig_ingediend(uiterlijk, ontvangen, ter_post)
    return out


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


def bezwaar(bekendmaking: date, *, sector: str | None = None, denominatie: str | None = None,
            ontvangen: date | None = None, ter_post: date | None = None, geschil: tuple[date, date] | None = None,
            verwijdering: bool = False, code_defaults: bool = True) -> dict:
    """A-13 (school) and C-6 (TLV) are the same term: Atw(D + 6 weeks); Awb 6:9 says whether a bezwaar received on
    ``ontvangen`` (posted on ``ter_post``) is on time. With the school's sector and denominatie: the board's decision
    term (A-13b) from the core's one start (``wetgeving.bezwaar_beslistermijn_start``), standing still while a geschil
    about the same decision is aanhangig (``geschil``: filed / oordeel; WPO 43 lid 4)."""
    from portal.organisaties import wetgeving

    a13 = bereken_uiterlijk(_params("A-13", code_defaults), bekendmaking)
    out = {"regel": "A-13", "bekendmaking": _iso(bekendmaking), "indienen_uiterlijk": _iso(a13)}
    out |= _tijdig(a13, ontvangen, ter_post, bekendmaking)
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
    a13b = _params("A-13b", code_defaults)
    out |= {
        "regel_beslissen": "A-13b",
        "sector": wetgeving.sector(school),
        "denominatie": "openbaar" if wetgeving.is_openbaar(school) else school.denominatie,
        "bron": wetgeving.bezwaar_bron(school, verwijdering=verwijdering),
        "beslistermijn_start": _iso(start),
        "opgeschorte_dagen": dates.opgeschorte_dagen(intervallen),
        "beslissen_uiterlijk": _iso(bereken_uiterlijk(a13b, start, intervallen)),
    }
    return out


def _schooldagen(van: date, tot: date, vrij) -> list[date]:
    """E-1: the school days from ``van`` to ``tot``: weekdays outside the school's free periods ``vrij`` ((first, last)
    pairs, inclusive) — the school calendar of ``portal.organisaties.schoolkalender``, given on the command line. The
    Algemene termijnenwet does not apply (it says when a term ends, not when a school is open)."""
    return [van + timedelta(days=i) for i in range((tot - van).days + 1)
            if (van + timedelta(days=i)).weekday() < 5 and not any(a <= van + timedelta(days=i) <= b for a, b in vrij)]


def schorsing(bekendmaking: date, *, van: date | None = None, tot: date | None = None, ontvangen: date | None = None,
              ter_post: date | None = None, vrij=(), code_defaults: bool = True) -> dict:
    """E-1: a schorsing lasts at most one week of school — 5 school days, beginning and ending on a school day; more
    than one school day is reported to the inspectie (WPO 40c lid 1 and 3, WEC 40a, WVO 2020 8.14); ``vrij``: the
    school's holidays and free days. E-1b: bezwaar within 6 weeks after bekendmaking (Awb 6:7, 6:8; on time per Awb
    6:9); E-1c: the decision on it 6 weeks after the bezwaar term (Awb 7:10 lid 1; a late bezwaar from its receipt).
    A geschil does not suspend E-1c (WPO 43 lid 2)."""
    e1b = bereken_uiterlijk(_params("E-1b", code_defaults), bekendmaking)
    out = {"regel": "E-1b", "bekendmaking": _iso(bekendmaking), "indienen_uiterlijk": _iso(e1b)}
    if tot is not None and van is None:
        raise TermijnFout("tot: geef ook --van (de eerste dag van de schorsing).")
    for a, b in vrij:
        if b < a:
            raise TermijnFout("vrij: de laatste vrije dag ligt vóór de eerste.")
    if van is not None:
        if not _schooldagen(van, van, vrij):
            raise TermijnFout("van: de eerste dag van de schorsing is geen schooldag (weekend of vrije dag).")
        laatste = _schooldagen(van, van + timedelta(days=366), vrij)[4]  # the 5th school day (E-1)
        out |= {"regel_schorsing": "E-1", "schorsing_van": _iso(van), "schorsing_uiterlijk_tot": _iso(laatste)}
        if tot is not None:
            if tot < van:
                raise TermijnFout("tot: de laatste dag van de schorsing ligt vóór de eerste.")
            if not _schooldagen(tot, tot, vrij):
                raise TermijnFout("tot: de laatste dag van de schorsing is geen schooldag (weekend of vrije dag).")
            n = len(_schooldagen(van, tot, vrij))
            out |= {"schorsing_tot": _iso(tot), "schooldagen": n, "binnen_een_week": n <= 5,
                    "inspectie_melden": n > 1}
    out |= _tijdig(e1b, ontvangen, ter_post, bekendmaking)
    if ontvangen is not None:
        start = max(e1b, ontvangen)
        out |= {"regel_beslissen": "E-1c", "beslistermijn_start": _iso(start),
                "beslissen_uiterlijk": _iso(bereken_uiterlijk(_params("E-1c", code_defaults), start))}
    return out


def geschil_reactie(oordeel: date, *, code_defaults: bool = True) -> dict:
    """D-4: the board's written response to the Geschillencommissie's oordeel (Besluit bekostiging WPO 34.9 lid 8: no
    statutory term; a configurable reminder)."""
    return {"regel": "D-4", "oordeel": _iso(oordeel),
            "reactie_uiterlijk": _iso(bereken_uiterlijk(_params("D-4", code_defaults), oordeel))}


def klacht_reactie(oordeel: date, *, code_defaults: bool = True) -> dict:
    """D-5: the board tells the complainant and the klachtencommissie within 4 weeks after its oordeel what it does
    (WPO 14)."""
    return {"regel": "D-5", "oordeel": _iso(oordeel),
            "reactie_uiterlijk": _iso(bereken_uiterlijk(_params("D-5", code_defaults), oordeel))}


def geschil(besluit: date | None = None, ontvangen: date | None = None, *, code_defaults: bool = True) -> dict:
    if (besluit is None) == (ontvangen is None):
        raise TermijnFout("geschil: geef precies één van --besluit of --ontvangen.")
    if besluit is not None:
        return {
            "regel": "D-2",
            "besluit": _iso(besluit),
            "indienen_uiterlijk": _iso(bereken_uiterlijk(_params("D-2", code_defaults), besluit)),
        }
    return {
        "regel": "D-3",
        "ontvangen": _iso(ontvangen),
        "oordeel_uiterlijk": _iso(bereken_uiterlijk(_params("D-3", code_defaults), ontvangen)),
    }
