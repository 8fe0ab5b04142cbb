"""The registries through which a domain app plugs a case kind into the core (issue #7).

A domain app declares, in its ``zaken.py`` (loaded from its ``AppConfig.ready``):

* a **Zaaktype** — its status table (states with a label for parents and one for staff, allowed
  transitions and who may make them), its access rule, its pages, and the tracker step a parent sees;
* zero or more **Besluittypen** — decisions that are prepared, signed under a mandate and made known,
  with the legal remedies (clocks) that start at bekendmaking and the letter that announces them;
* **letter kinds** (``portal.documenten.registry.register_brief``) and **staff tasks**
  (``register_taken``).

``portal`` never imports a domain app: everything it needs to know about one is here.
The names follow the Dutch government's case standards (ZGW: zaak, zaaktype, status, besluit,
informatieobject) where they fit.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from portal.basis.registry import Registry, sleutel_van


@dataclass(frozen=True)
class Status:
    code: str
    staf: str  # label for staff
    ouder: str = ""  # label for parents (plain B1 Dutch, no rule ids); defaults to the staff label
    eind: bool = False  # a final state: the case is closed

    @property
    def ouder_label(self) -> str:
        return self.ouder or self.staf


@dataclass(frozen=True)
class Overgang:
    """An allowed transition. ``wie``: the relations to the case that may make it — ``ouder`` (a parent
    with gezag over a minor), ``meerderjarige`` (the adult pupil acting for themselves), ``vertegenwoordiger``
    (their curator or mentor; ``hoorrecht.HANDELT`` names these three that act for the pupil),
    ``leerling`` (the pupil's own account, any age), ``school`` (IB'er or directeur of the case's school), ``ib``, ``directeur``,
    ``swv`` (staff of the case's SWV), ``ondertekenaar`` (someone with a current mandate for the
    case's bevoegd gezag), ``systeem`` (the deadline worker)."""

    van: tuple[str, ...]
    naar: str
    wie: frozenset[str]


# "ouder" in a status table is the family's act: whoever acts for the pupil may make it — the parents of a minor,
# from 18 the pupil or their curator or mentor (portal.zaken.hoorrecht.HANDELT; issue #17 §1).
_NAMENS_LEERLING = ("ouder", "meerderjarige", "vertegenwoordiger")


def overgang(van, naar: str, *wie: str) -> Overgang:
    wie = set(wie) | (set(_NAMENS_LEERLING) if "ouder" in wie else set())
    return Overgang(tuple([van] if isinstance(van, str) else van), naar, frozenset(wie))


@dataclass(frozen=True)
class Stap:
    """The tracker line a parent sees for a running case (P3): now, next, who acts, by when."""

    nu: str
    volgende: str = ""
    wie: str = ""
    uiterlijk: date | None = None
    stilgestaan: int = 0  # days the term stood still (suspension), told to parents in words
    # whose turn it is, as a relation (``portal.zaken.pagina.AAN_ZET``): "gezin" (whoever acts for the pupil),
    # "school", "bestuur", "swv", "deskundige", "commissie", "gpo" (the Geschillencommissie). The tracker include says
    # "U" only to a reader who holds it, and names the party to everyone else. Empty: ``wie`` as written (old style).
    aan_zet: str = ""
    # what everyone but the family acting for the pupil reads, when ``nu``/``volgende`` address that family ("U heeft
    # de Geschillencommissie om een oordeel gevraagd"): staff, a helper, a reading parent. Empty: ``nu``/``volgende``.
    nu_anderen: str = ""
    volgende_anderen: str = ""


def opschorting_awb(zaak, verzoekdag: date) -> date:
    """Awb 4:15: the term is suspended from the day after the request to supplement."""
    return verzoekdag + timedelta(days=1)


@dataclass
class Zaaktype:
    code: str
    naam: str  # "Aanmelding"
    model: str  # "aanmelding.Aanmelding"
    statussen: tuple[Status, ...]
    overgangen: tuple[Overgang, ...]
    toegang: Callable  # (user) -> Q on Zaak | None: who may see a case of this kind
    url_ouder: str | None = None  # URL name taking ``pk``: the parent's page
    url_staf: str | None = None  # URL name taking ``pk``: the staff page
    stap: Callable | None = None  # (zaak) -> Stap: the parent's tracker line
    opschorting_vanaf: Callable = opschorting_awb  # (zaak, request day) -> first suspended day
    bij_verlopen_verzoek: Callable | None = None  # (verzoek) -> None, inside the transaction
    gebeurtenissen: dict[str, Callable] = field(default_factory=dict)  # extra timeline texts
    # (zaak) -> dict: the case as a typed summary for another case's letter (e.g. the offer in the decision letter)
    samenvatting: Callable | None = None
    # (zaak) -> {"onderzocht": str, "aanpassingen": str}: what this case found, handed to a case it leads to
    # (the aanmelding's zorgplicht file prefills the arrangement it offers)
    bevindingen: Callable | None = None
    # the matter the case is about (hoorrecht.ONDERWERPEN): "begeleiding" (care and support: a mentor acts, BW 1:453)
    # or "algemeen" (the adult pupil acts, or their curator)
    onderwerp: str = "algemeen"
    # (user, zaak) -> set[str]: relations only this kind knows ("deskundige" of a TLV, "commissie" of a klacht,
    # "indiener" of a school's bezwaar); the core's relaties() adds them
    relaties: Callable | None = None

    def __post_init__(self):
        self._status = {s.code: s for s in self.statussen}

    def status(self, code: str) -> Status:
        return self._status[code]

    @property
    def beginstatus(self) -> str:
        return self.statussen[0].code

    @property
    def eindstatussen(self) -> set[str]:
        return {s.code for s in self.statussen if s.eind}

    @property
    def open_statussen(self) -> list[str]:
        return [s.code for s in self.statussen if not s.eind]

    def mag(self, van: str, naar: str) -> Overgang | None:
        return next((o for o in self.overgangen if o.naar == naar and van in o.van), None)


@dataclass
class Besluittype:
    """A kind of decision (ZGW besluittype). The bevoegd gezag that takes it follows from the case:
    the board of the case's school, or the case's SWV."""

    code: str
    naam: str
    uitkomsten: list[tuple[str, str]]  # (code, label) of the possible outcomes
    brief: str  # the letter kind (portal.documenten.registry) that announces the decision
    na_bekendmaking: Callable | None = None  # (besluit, door, vandaag) -> None: the app's effects
    rechtsmiddelen: Callable | None = None  # (besluit) -> [rule ids] started at bekendmaking
    brief_gegevens: Callable | None = None  # (besluit, klokken: {rule id: Clock}) -> dict (typed)
    samenvatting: str = ""  # template of the decision's summary on the signing page
    # (besluit, user) -> str: why this user may not sign this decision even with a mandate ('' when they may), e.g.
    # the decision on a bezwaar: not whoever took the contested decision under mandate (Awb 10:3 lid 3)
    ondertekenaar_fout: Callable | None = None

    def uitkomst_label(self, code: str) -> str:
        return dict(self.uitkomsten).get(code, code)


@dataclass(frozen=True)
class Taak:
    """Something waiting for a staff member, shown on their start page."""

    titel: str
    url: str
    uiterlijk: date | None = None
    soort: str = ""  # "ondertekenen", "beantwoorden", "verlopen", …


ZAAKTYPEN = Registry("zaaktypen", "case kinds: status table, access rule, pages, tracker step")
BESLUITTYPEN = Registry("besluittypen", "kinds of decision: outcomes, letter, remedies started at bekendmaking")
TAKEN = Registry("taken", "what waits for a staff member on their start page, per app")
ESCALATIE = Registry("escalatiegids", "the page of the escalation guide case pages link to")
_MODELLEN: dict[str, str] = {}  # derived from ZAAKTYPEN: model label -> code


def register_zaaktype(zt: Zaaktype) -> Zaaktype:
    ZAAKTYPEN.register(zt.code, zt)
    _MODELLEN[zt.model.lower()] = zt.code
    return zt


def register_besluittype(bt: Besluittype) -> Besluittype:
    return BESLUITTYPEN.register(bt.code, bt)


def register_taken(func: Callable) -> Callable:
    """``func(user) -> list[Taak]``: one cheap query at most; called for every staff start page. A decorator too."""
    return TAKEN.register(sleutel_van(func), func)


def zaaktype(code: str) -> Zaaktype:
    return ZAAKTYPEN[code]


def zaaktypen() -> list[Zaaktype]:
    return ZAAKTYPEN.values()


def besluittype(code: str) -> Besluittype:
    return BESLUITTYPEN[code]


def taak_bronnen() -> list[Callable]:
    return TAKEN.values()


def toegang_q(user, model: str | None = None) -> Q:
    """One Q on Zaak for everything this user may see by the case kinds' own rules (kinds that share a rule
    function are grouped, so the query stays small). ``model`` (``"aanmelding.Aanmelding"``): only the kinds
    stored in that model — a queryset of one kind needs only that kind's rule (issue #14: a smaller query to
    build and to plan). Shares with a helper are added by the queryset."""
    groepen: dict[Callable, list[str]] = {}
    for zt in ZAAKTYPEN.values():
        if model is None or zt.model == model:
            groepen.setdefault(zt.toegang, []).append(zt.code)
    q = Q(pk__in=[])
    for func, codes in groepen.items():
        sub = func(user)
        if sub is not None:
            q |= Q(zaaktype__in=codes) & sub
    return q


def register_escalatiegids(url_naam: str) -> None:
    """The app that builds the escalation guide (geschillen) names its page, taking a case's ``pk``; case
    pages link to it for parents who disagree (``escalatie_url``). One guide."""
    ESCALATIE.register("gids", url_naam)


def escalatie_url(zaak) -> str | None:
    from django.urls import reverse

    url_naam = ESCALATIE.get("gids")
    return reverse(url_naam, args=[zaak.pk]) if url_naam else None


def register_deelpagina(url_naam: str) -> None:
    """The app that lets parents share a case with a helper (geschillen) names its page, taking a case's ``pk``; every
    case page offers it to whoever acts for the pupil (``deel_url``; issue #22 §2 item 6). One page."""
    ESCALATIE.register("delen", url_naam)


def register_gedeelde_pagina(url_naam: str) -> None:
    """The page on which a helper reads a case shared with them (geschillen), taking a case's ``pk``: a helper whose
    only relation to a case is the share is sent there from every case page (``gedeelde_url``; issue #22 §2 item 6:
    one view for the helper, the shared one)."""
    ESCALATIE.register("gedeeld", url_naam)


def gedeelde_url(zaak) -> str | None:
    from django.urls import reverse

    url_naam = ESCALATIE.get("gedeeld")
    return reverse(url_naam, args=[zaak.pk]) if url_naam else None


def deel_url(zaak) -> str | None:
    from django.urls import reverse

    url_naam = ESCALATIE.get("delen")
    return reverse(url_naam, args=[zaak.pk]) if url_naam else None
