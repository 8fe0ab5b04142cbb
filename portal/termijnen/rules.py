"""The registry of legal term rules (DOMAIN §4), as data in code.

Each domain app registers the rules it owns from its ``termijnen.py`` (loaded in its
``AppConfig.ready``); ``portal`` never imports a domain app. Registering a rule is not building its
feature: it makes the rule known to the engine, the calculator and the admin.

A clock snapshots ``Regel.params()`` when it starts, so a later change of a rule never rewrites the
history of a running or closed clock (STYLE §4).
"""

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.basis.registry import Registry

from . import dates


class Eenheid:
    DAGEN = "dagen"
    WERKDAGEN = "werkdagen"
    WEKEN = "weken"
    MAANDEN = "maanden"
    JAREN = "jaren"
    # B-5: until 31 July of the (next) school year, see dates.opp_evaluatie_uiterlijk
    SCHOOLJAAR = "schooljaar"
    # C-5: N whole school years (N in the clock's parameters), see dates.tlv_einddatum
    SCHOOLJAREN_TLV = "schooljaren_tlv"


EENHEID_LABELS = {
    Eenheid.DAGEN: "dagen", Eenheid.WERKDAGEN: "werkdagen", Eenheid.WEKEN: "weken",
    Eenheid.MAANDEN: "maanden", Eenheid.JAREN: "jaar", Eenheid.SCHOOLJAAR: "schooljaar",
    Eenheid.SCHOOLJAREN_TLV: "schooljaren",
}


@dataclass(frozen=True)
class Regel:
    id: str  # the DOMAIN §4 id, e.g. "A-6"; a letter suffix for a second term of the same rule ("A-13b")
    naam: str  # Dutch, for people
    bron: str  # the legal source
    lengte: int
    eenheid: str = Eenheid.WEKEN
    # What suspends the clock: kinds of request (``portal.zaken.models.VerzoekSoort``, e.g.
    # "informatie_ouders" for, "aanvulling_school" for C-4) or a pending case of another kind
    # about the same decision ("zaak:geschil" for A-13b). Empty: the term never stands still.
    opgeschort_door: tuple[str, ...] = ()
    max_verlenging_weken: int = 0  # 0: no extension; else once, 1..max weeks
    atw: bool = True  # does the Algemene termijnenwet apply (T-2)
    herinneringen: tuple[int, ...] = (7, 2)  # days before the due date
    # Reminders on a calendar day ("MM-DD"): the last such day on or before the due date, e.g. "02-01" for
    # 1 February of a TLV's last school year (C-5).
    herinnering_op: tuple[str, ...] = ()
    # The deciding body may announce a later decision date before the term ends (Awb 4:14; C-4).
    later_aankondigen: bool = False
    # Rule-specific parameters, snapshotted with the clock (e.g. C-5's school years); those named in
    # ``overschrijfbaar`` may be set in TERMIJNEN_OVERRIDES like a secondary rule's (checked at start-up).
    extra: tuple[tuple[str, object], ...] = ()
    overschrijfbaar: tuple[str, ...] = ()
    bij_verloop: str = ""  # what happens at and after the due date, in Dutch
    gevolg: str | None = None  # name of the legal-consequence hook run once when overdue (e.g. A-9)
    secundair: bool = False  # source is secondary (DOMAIN marks it): parameters may be overridden
    # False: a term the portal keeps as policy, not one the law sets (e.g. B-2b); it stays out of the statutory
    # on-time and overdue figures (``niet_wettelijk_ids``) and its name says "geen wettelijke termijn".
    wettelijk: bool = True
    app: str = ""
    uitleg: str = ""  # the rule in plain words

    @property
    def opschorting(self) -> bool:
        """May the clock be suspended at all."""
        return bool(self.opgeschort_door)

    def params(self) -> dict:
        """The snapshot stored on a clock."""
        d = dataclasses.asdict(self)
        d["herinneringen"] = list(self.herinneringen)
        d["herinnering_op"] = list(self.herinnering_op)
        d["opgeschort_door"] = list(self.opgeschort_door)
        d["opschorting"] = self.opschorting
        d["overschrijfbaar"] = list(self.overschrijfbaar)
        extra = d.pop("extra")
        d.update(dict(extra))
        return d

    @property
    def lengte_tekst(self) -> str:
        return f"{self.lengte} {EENHEID_LABELS.get(self.eenheid, self.eenheid)}"


_REGISTRY = Registry("termijnregels", "legal terms (rule id, length, source), per app")
OVERRIDABLE_ALWAYS = {"herinneringen", "herinnering_op"}
OVERRIDABLE_SECONDARY = {"lengte", "herinneringen", "atw"}


def register(*regels: Regel) -> None:
    for regel in regels:
        _REGISTRY.register(regel.id, regel)  # the same id with other content is refused


def _with_overrides(regel: Regel) -> Regel:
    override = (getattr(settings, "TERMIJNEN_OVERRIDES", None) or {}).get(regel.id)
    if not override:
        return regel
    allowed = (OVERRIDABLE_SECONDARY if regel.secundair else OVERRIDABLE_ALWAYS) | set(regel.overschrijfbaar)
    bad = set(override) - allowed
    if bad:
        raise ValueError(f"TERMIJNEN_OVERRIDES[{regel.id}]: {', '.join(sorted(bad))} mag niet worden aangepast")
    values = {k: v for k, v in override.items() if k not in regel.overschrijfbaar}
    extra = dict(regel.extra) | {k: v for k, v in override.items() if k in regel.overschrijfbaar}
    if "herinneringen" in values:
        values["herinneringen"] = tuple(int(x) for x in values["herinneringen"])
    if "herinnering_op" in values:
        values["herinnering_op"] = tuple(str(x) for x in values["herinnering_op"])
        for dag in values["herinnering_op"]:
            try:
                date(2000, int(dag[:2]), int(dag[3:5]))  # 2000: a leap year, so 02-29 is a valid day
            except (ValueError, TypeError):
                raise ValueError(f"TERMIJNEN_OVERRIDES[{regel.id}]: herinnering_op '{dag}' is geen dag MM-DD") from None
    return dataclasses.replace(regel, extra=tuple(extra.items()), **values)


def get(regel_id: str, *, code_defaults: bool = False) -> Regel:
    """The rule with its settings overrides applied (or the code defaults, for the CLI)."""
    regel = _REGISTRY[regel_id]
    return regel if code_defaults else _with_overrides(regel)


def alle(*, code_defaults: bool = False) -> list[Regel]:
    return [get(rid, code_defaults=code_defaults) for rid in sorted(_REGISTRY, key=_sort_key)]


def niet_wettelijk_ids() -> list[str]:
    """The ids of the rules that are not statutory terms: counts of statutory terms exclude their clocks."""
    return sorted(rid for rid, regel in _REGISTRY.items() if not regel.wettelijk)


def _sort_key(rid: str):
    letter, _, rest = rid.partition("-")
    num = "".join(c for c in rest if c.isdigit())
    return (letter, int(num or 0), rid)


def bereken_uiterlijk(
    params: dict,
    start: date,
    opschortingen: list[dates.Interval] | tuple = (),
    verlenging_weken: int = 0,
) -> date | None:
    """The due date of a clock from its facts (T-1, T-2, A-7, A-8). None while a suspension is open."""
    intervallen = dates.check_opschortingen(start, opschortingen)
    if any(tot is None for _van, tot in intervallen):
        return None
    gepauzeerd = dates.opgeschorte_dagen(intervallen)
    eenheid, lengte = params["eenheid"], params["lengte"]
    if eenheid == Eenheid.WEKEN:
        d = dates.plus_weken(start, lengte + (verlenging_weken or 0))
    elif eenheid == Eenheid.DAGEN:
        d = start + timedelta(days=lengte)
    elif eenheid == Eenheid.WERKDAGEN:
        return dates.plus_werkdagen(start, lengte)
    elif eenheid == Eenheid.MAANDEN:
        d = dates.plus_maanden(start, lengte)
    elif eenheid == Eenheid.JAREN:
        d = dates.plus_jaren(start, lengte)
    elif eenheid == Eenheid.SCHOOLJAAR:
        return dates.opp_evaluatie_uiterlijk(start)
    elif eenheid == Eenheid.SCHOOLJAREN_TLV:
        return dates.tlv_einddatum(start, int(params.get("schooljaren") or 1))
    else:  # pragma: no cover - guarded by the registry check
        raise ValueError(f"onbekende eenheid {eenheid}")
    d += timedelta(days=gepauzeerd)
    if eenheid != Eenheid.WEKEN and verlenging_weken:
        d = dates.plus_weken(d, verlenging_weken)
    return dates.atw(d, start) if params.get("atw") else d


# Rules of DOMAIN §4 that are not a term of their own, and where they live in the engine:
ZONDER_EIGEN_KLOK = {
    "T-1": _("Telling in weken: in dates.plus_weken en bereken_uiterlijk."),
    "T-2": _("Algemene termijnenwet: per regel de vlag 'atw', toegepast op de einddatum."),
    "T-3": _("Feestdagen: dates.feestdagen, uit de wet gecodeerd."),
    "T-4": _("Reglementstermijnen zonder Atw; schooljaar 1 augustus – 31 juli: dates.schooljaar_einde."),
    "A-7": _("Verlenging van A-6: eenmaal, ten hoogste 4 weken (max_verlenging_weken)."),
}


def check_registry() -> list[str]:
    """Problems with the registry or the overrides (run as a Django system check)."""
    problems = []
    for rid in list(_REGISTRY):
        try:
            get(rid)
        except ValueError as exc:
            problems.append(str(exc))
    for rid in (getattr(settings, "TERMIJNEN_OVERRIDES", None) or {}):
        if rid not in _REGISTRY:
            problems.append(f"TERMIJNEN_OVERRIDES noemt onbekende regel {rid}")
    return problems

