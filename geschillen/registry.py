"""Two hooks other apps plug into without copying anything of this one:

* which decisions a bezwaar can be made against, and which terms then apply — asked of the contested decision's
  kind (the TLV: C-6, C-6b, C-6c);
* what the dossier export shows beyond the core's records (conversation logs, OPP versions).

An app registers, from its ``AppConfig.ready``::

    from geschillen.registry import Bezwaarregeling, register_bezwaarregeling

    register_bezwaarregeling(Bezwaarregeling(
        besluittype="tlv", indienen="C-6", beslissen="C-6c",
        beslistermijn_start=lambda bezwaar, indientermijn: indientermijn.uiterlijk,   # Awb 7:10
        extra=(("C-6b", lambda bezwaar, indientermijn: bezwaar.ontvangen_op),),     # LBT advice
        bron=lambda zaak: "Awb 7:10; reglement LBT",
        school_mag_indienen=True, indienende_school=lambda zaak: zaak.aanvragende_school))  # C-6: the school too

A bezwaar is possible against a decision that is made known and whose remedies include the ``indienen`` rule
(its clock was started at bekendmaking, ``Besluit.klokken``). The parents with gezag may always file; the school
only where the kind says so (``school_mag_indienen``: the TLV's applying school, C-6) — never against a school
board's own decision (the aanmelding, a schorsing, a removal: the school cannot object to its own board).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bezwaarregeling:
    besluittype: str  # the core's Besluittype code: "aanmelding", "verwijdering", "tlv", …
    indienen: str  # rule id of the parents' 6-week term, started at bekendmaking ("A-13", "C-6")
    beslissen: str  # rule id of the decision term on the bezwaar ("A-13b", "C-6c")
    # (bezwaar, the indienen clock) -> the day after which the decision term runs (T-1 counting)
    beslistermijn_start: Callable
    # (contested case) -> the article(s) the decision term comes from, snapshotted on the clock
    bron: Callable | None = None
    # more terms started when the bezwaar is filed: ((rule id, (bezwaar, indienen clock) -> start), …)
    extra: tuple = ()
    # (besluit) -> bool: may this decision be contested at all (e.g. not an admission)
    mogelijk: Callable | None = None
    # may a school file too (its IB'er or directeur), besides the parents? Not against the school board's own
    # decision (aanmelding, schorsing, verwijdering); yes against the SWV's TLV decision (C-6).
    school_mag_indienen: bool = False
    # (contested case) -> the school whose IB'er or directeur may file; required when ``school_mag_indienen``
    indienende_school: Callable | None = None


_REGELINGEN: dict[str, Bezwaarregeling] = {}


def register_bezwaarregeling(regeling: Bezwaarregeling) -> None:
    if regeling.school_mag_indienen and regeling.indienende_school is None:
        raise ValueError(f"Bezwaarregeling voor {regeling.besluittype}: school_mag_indienen zonder indienende_school")
    bestaand = _REGELINGEN.get(regeling.besluittype)
    if bestaand is not None and bestaand != regeling:
        raise ValueError(f"Bezwaarregeling voor {regeling.besluittype} is al geregistreerd")
    _REGELINGEN[regeling.besluittype] = regeling


def bezwaarregeling(besluittype: str) -> Bezwaarregeling | None:
    return _REGELINGEN.get(besluittype)


def bezwaar_mogelijk(besluit, klokken: dict | None = None) -> bool:
    """A bezwaar can be made against ``besluit``: its kind registered a regeling, it is made known, its
    remedies' clocks include the filing term, and the kind does not exclude this outcome."""
    regeling = bezwaarregeling(besluit.besluittype)
    if regeling is None or not besluit.is_bekend:
        return False
    klokken = klokken if klokken is not None else besluit.klokken
    if regeling.indienen not in klokken:
        return False
    return regeling.mogelijk(besluit) if regeling.mogelijk else True


# --- the dossier export: conversation logs and other records of any app ---------------------------------------

_DOSSIER_BRONNEN: list[Callable] = []


def register_dossier_bron(func: Callable) -> None:
    """``func(zaak_ids: list[int], voor_ouders: bool) -> list[dict]`` adds records of the cases ``zaak_ids`` (the
    reader may see them) to the dossier export: dicts with ``datum`` (a date), ``zaak`` (its number), ``wat`` and
    ``tekst``. The OPP's versions or an app's conversation logs plug in here."""
    if func not in _DOSSIER_BRONNEN:
        _DOSSIER_BRONNEN.append(func)


def dossier_regels(zaak_ids: list[int], voor_ouders: bool) -> list[dict]:
    out = []
    for bron in _DOSSIER_BRONNEN:
        out += bron(zaak_ids, voor_ouders)
    return sorted(out, key=lambda r: r["datum"])
