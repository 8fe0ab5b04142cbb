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
    "bezwaar": "Bezwaar indienen (A-13, C-6)",
    "geschil": "Geschil: indienen of oordeel (D-2, D-3)",
}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def parse_datum(waarde: str, naam: str) -> date:
    try:
        if len(waarde) != 10:
            raise ValueError
        return date.fromisoformat(waarde)
    except (TypeError, ValueError):
        raise TermijnFout(f"{naam}: '{waarde}' is geen datum in de vorm JJJJ-MM-DD.") from None


def parse_interval(waarde: str) -> tuple[date, date]:
    van_s, sep, tot_s = (waarde or "").partition("/")
    if not sep:
        raise TermijnFout(f"opschorting: '{waarde}' heeft niet de vorm VAN/TOT (JJJJ-MM-DD/JJJJ-MM-DD).")
    return parse_datum(van_s, "opschorting VAN"), parse_datum(tot_s, "opschorting TOT")


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


def tlv_einddatum(afgifte: date, schooljaren: int, *, code_defaults: bool = True) -> dict:
    return {
        "regel": "C-5",
        "afgifte": _iso(afgifte),
        "schooljaren": schooljaren,
        "einddatum": _iso(dates.tlv_einddatum(afgifte, schooljaren)),
    }


def bezwaar(bekendmaking: date, *, code_defaults: bool = True) -> dict:
    # A-13 (school) and C-6 (TLV) are the same term: Atw(D + 6 weeks).
    return {
        "regel": "A-13",
        "bekendmaking": _iso(bekendmaking),
        "indienen_uiterlijk": _iso(bereken_uiterlijk(_params("A-13", code_defaults), bekendmaking)),
    }


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
