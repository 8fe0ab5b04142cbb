"""Two hooks of the case core that the contesting kinds (geschillen) read and other kinds fill, so that no domain
app imports another (issue #18 §5):

* which decisions a bezwaar can be made against, and which terms then apply — asked of the contested decision's
  kind (the TLV: C-6, C-6b, C-6c);
* what the dossier export shows beyond the core's records (conversation logs, OPP versions).

An app registers, from its ``AppConfig.ready``::

    from portal.zaken.bezwaarregeling import Bezwaarregeling, register_bezwaarregeling

    register_bezwaarregeling(Bezwaarregeling(
        besluittype="tlv", indienen="C-6", beslissen="C-6c",
        beslistermijn_start=lambda bezwaar, indientermijn: indientermijn.uiterlijk,   # Awb 7:10
        extra=(("C-6b", lambda bezwaar, indientermijn: bezwaar.ontvangen_op),),     # LBT advice
        bron=lambda zaak: "Awb 7:10; reglement LBT",
        school_mag_indienen=True, indienende_school=lambda zaak: zaak.aanvragende_school,  # C-6: the school too
        behandelaar=lambda user, bezwaar: bezwaar.swv_id in user.swv_ids(),  # the SWV hears and decides
        bestuursrecht=lambda bezwaar: True))  # an Awb besluit: then beroep bij de bestuursrechter (Awb 8:1)

A bezwaar is possible against a decision that is made known and whose remedies include the ``indienen`` rule
(its clock was started at bekendmaking, ``Besluit.klokken``). The parents with gezag may always file; the school
only where the kind says so (``school_mag_indienen``: the TLV's applying school, C-6) — never against a school
board's own decision (the aanmelding, a schorsing, a removal: the school cannot object to its own board).

Who hears the one who objected (Awb 7:2) and prepares the decision on the bezwaar is the bevoegd gezag's side: by
default the case's school (its IB'er or directeur) and its board; a kind whose decision another body takes names
its own (``behandelaar``: the TLV's SWV staff). Not whoever prepared or took the contested decision, alone or in the
majority (Awb 7:5 lid 1), unless a member of the board hears along; a kind with an advisory commission
(``adviescommissie``: the TLV's LBT) has it hear (Awb 7:13 lid 3). Which court follows the decision on bezwaar is the kind's too
(``bestuursrecht``): by default the bestuursrechter only for an openbare school, else the civil court.
"""

from collections.abc import Callable
from dataclasses import dataclass

from portal.basis.registry import Registry, sleutel_van


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
    # (user, bezwaar) -> bool: may this user hear and prepare the decision on the bezwaar for the bevoegd gezag? None:
    # the IB'er or directeur of the case's school, or a member of its board (the school board's own decisions).
    behandelaar: Callable | None = None
    # (bezwaar) -> bool: after the decision on the bezwaar, beroep bij de bestuursrechter (Awb 6:7, 8:1)? None: only
    # for an openbare school (a bijzondere school's board is no bestuursorgaan: the civil court).
    bestuursrecht: Callable | None = None
    # (bezwaar, uitkomst) -> str: why the decision on the bezwaar cannot be prepared yet ("" when it can) — the kind's
    # own steps before deciding (the TLV: the LBT's advice, Awb 7:13)
    voor_beslissing: Callable | None = None
    # (bezwaar) -> dict: more for the letter with the decision on the bezwaar (typed, frozen with the letter)
    brief_gegevens: Callable | None = None
    # the advisory commission for bezwaarschriften that hears for this kind (Awb 7:13 lid 3: "Het horen geschiedt door
    # de commissie"; the TLV: the LBT). A hearing recorded without named hearers is then the commission's, and Awb 7:5
    # (not involved in preparing the decision) does not apply to the one who records it. Empty: the bevoegd gezag hears.
    adviescommissie: str = ""


REGELINGEN = Registry("bezwaarregelingen", "per kind of decision: who may object, the terms, who decides (C-6, A-13)")
DOSSIER_BRONNEN = Registry("dossierbronnen", "records an app adds to the dossier export")


def register_bezwaarregeling(regeling: Bezwaarregeling) -> None:
    if regeling.school_mag_indienen and regeling.indienende_school is None:
        raise ValueError(f"Bezwaarregeling voor {regeling.besluittype}: school_mag_indienen zonder indienende_school")
    REGELINGEN.register(regeling.besluittype, regeling)


def bezwaarregeling(besluittype: str) -> Bezwaarregeling | None:
    return REGELINGEN.get(besluittype)


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

def register_dossier_bron(func: Callable) -> None:
    """``func(zaak_ids: list[int], voor_ouders: bool) -> list[dict]`` adds records of the cases ``zaak_ids`` (the
    reader may see them) to the dossier export: dicts with ``datum`` (a date), ``zaak`` (its number), ``wat`` and
    ``tekst``. The OPP's versions or an app's conversation logs plug in here."""
    DOSSIER_BRONNEN.register(sleutel_van(func), func)


def dossier_regels(zaak_ids: list[int], voor_ouders: bool) -> list[dict]:
    out = []
    for bron in DOSSIER_BRONNEN.values():
        out += bron(zaak_ids, voor_ouders)
    return sorted(out, key=lambda r: r["datum"])
