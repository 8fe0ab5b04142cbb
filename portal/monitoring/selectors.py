"""Every figure of the monitoring pages, read from the core's clocks (``portal.termijnen.Clock``) and cases
(``portal.zaken.Zaak``) with a constant number of queries, whatever the number of cases (issue #20 §8).

The case kinds are grouped as the SWV reports on them (DOMAIN §5 W3): aanmeldingen, OPP's, TLV's and geschillen.
A group holds the kinds of the Zaaktype registry whose model lives in the named app, so a new kind of the
geschillen app (klacht, bezwaar, schorsing, …) counts without a change here.

Only statutory terms count (``Regel.wettelijk``; the portal's own policy terms such as B-2b stay out, issue #17),
and only the terms of a school (a term of the parents themselves, ``voor_ouders``, has no school).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Coalesce, TruncQuarter
from django.utils.translation import gettext_lazy as _

from portal.organisaties.models import School
from portal.termijnen.models import OP_DATUM, Clock, Uitkomst
from portal.termijnen.rules import niet_wettelijk_ids
from portal.zaken import registry


@dataclass(frozen=True)
class Groep:
    code: str
    naam: str
    app: str  # the app label of the models whose case kinds belong here

    @property
    def zaaktypen(self) -> list[str]:
        return sorted(zt.code for zt in registry.zaaktypen() if zt.model.split(".")[0] == self.app)


GROEPEN = (
    Groep("aanmeldingen", _("Aanmeldingen"), "aanmelding"),
    Groep("opp", _("OPP's"), "opp"),
    Groep("tlv", _("TLV's"), "tlv"),
    Groep("geschillen", _("Geschillen"), "geschillen"),
)
GROEP = {g.code: g for g in GROEPEN}
AANTAL_KWARTALEN = 6


def wettelijk_q(prefix: str = "") -> Q:
    """Statutory terms only (issue #17): ``prefix`` reaches Clock from another model (``"termijnen__"``)."""
    return ~Q(**{f"{prefix}regel_id__in": niet_wettelijk_ids()})


def termijn_q() -> Q:
    """The clocks the term figures count: statutory terms to decide or act within. Not the rules an app registered as
    no such term (``figuren.GEEN_BESLISTERMIJN``: a TLV's end date C-5, a retention period C-7)."""
    from .figuren import GEEN_BESLISTERMIJN

    return wettelijk_q() & ~Q(regel_id__in=list(GEEN_BESLISTERMIJN.keys()))


def wie_q(school_ids, swv_id: int | None) -> Q:
    """The clocks of the member schools, and with ``swv_id`` the SWV's own (no school: a TLV's decision term)."""
    q = Q(school_id__in=school_ids)
    if swv_id is not None:
        q |= Q(school__isnull=True, swv_id=swv_id)
    return q


def scholen_met_termijnen(swv_ids, vandaag: date) -> list[School]:
    """The SWV's start page (issue #3 §4): its member schools with their open and overdue statutory terms. One query."""
    open_ = Q(termijnen__gesloten_op__isnull=True) & wettelijk_q("termijnen__")
    return list(
        School.objects.filter(samenwerkingsverbanden__in=swv_ids)
        .annotate(
            open_termijnen=Count("termijnen", filter=open_, distinct=True),
            verlopen_termijnen=Count("termijnen", filter=open_ & Q(termijnen__uiterlijk__lt=vandaag), distinct=True),
        ).order_by("naam")
    )


def einde_week(vandaag: date) -> date:
    """The Sunday of this calendar week: 'due this week' is from today up to and including that day."""
    return vandaag + timedelta(days=6 - vandaag.weekday())


def _groep_van_zaaktype() -> dict[str, str]:
    return {code: g.code for g in GROEPEN for code in g.zaaktypen}


@dataclass
class Telling:
    open: int = 0
    week: int = 0
    te_laat: int = 0

    def __add__(self, other):
        return Telling(self.open + other.open, self.week + other.week, self.te_laat + other.te_laat)


def open_termijnen(school_ids, vandaag: date, swv_id: int | None = None) -> dict[int | None, dict[str, Telling]]:
    """Per school, per group: the open statutory terms, those due this week (today … Sunday) and the overdue ones
    (due date before today). A suspended term (no due date) is open but neither due nor overdue. With ``swv_id`` also
    the SWV's own terms, under the key ``None``. One query."""
    per_soort = _groep_van_zaaktype()
    rijen = (Clock.objects.open().filter(termijn_q(), wie_q(school_ids, swv_id), zaak__zaaktype__in=per_soort)
             .values("school_id", "zaak__zaaktype")
             .annotate(n=Count("pk"),
                       week=Count("pk", filter=Q(uiterlijk__gte=vandaag, uiterlijk__lte=einde_week(vandaag))),
                       te_laat=Count("pk", filter=Q(uiterlijk__lt=vandaag)))
             .order_by())
    out: dict[int | None, dict[str, Telling]] = {pk: {g.code: Telling() for g in GROEPEN} for pk in school_ids}
    if swv_id is not None:
        out[None] = {g.code: Telling() for g in GROEPEN}
    for r in rijen:
        groep = per_soort[r["zaak__zaaktype"]]
        out[r["school_id"]][groep] += Telling(r["n"], r["week"], r["te_laat"])
    return out


def kwartalen(vandaag: date, aantal: int = AANTAL_KWARTALEN) -> list[date]:
    """The first days of the last ``aantal`` quarters, the current one last."""
    j, k = vandaag.year, (vandaag.month - 1) // 3
    out = []
    for _i in range(aantal):
        out.append(date(j, 3 * k + 1, 1))
        j, k = (j - 1, 3) if k == 0 else (j, k - 1)
    return out[::-1]


def kwartaal_label(begin: date) -> str:
    return f"{begin.year} K{(begin.month - 1) // 3 + 1}"


def kwartaal_einde(begin: date) -> date:
    volgende = date(begin.year + 1, 1, 1) if begin.month == 10 else date(begin.year, begin.month + 3, 1)
    return volgende - timedelta(days=1)


@dataclass
class OpTijd:
    op_tijd: int = 0
    totaal: int = 0

    @property
    def procent(self) -> int | None:
        return round(100 * self.op_tijd / self.totaal) if self.totaal else None

    def __add__(self, other):
        return OpTijd(self.op_tijd + other.op_tijd, self.totaal + other.totaal)


@dataclass
class Reeks:
    """The share decided on time per quarter for one school (or for a whole SWV)."""

    kwartalen: dict[date, OpTijd] = field(default_factory=dict)

    def __add__(self, other):
        return Reeks({k: self.kwartalen.get(k, OpTijd()) + other.kwartalen.get(k, OpTijd())
                      for k in self.kwartalen.keys() | other.kwartalen.keys()})


def op_tijd_per_kwartaal(school_ids, vandaag: date, aantal: int = AANTAL_KWARTALEN,
                         swv_id: int | None = None) -> dict[int | None, Reeks]:
    """Per school: the closed statutory terms of the four groups per quarter in which they closed, and how many closed
    on or before their due date (``Uitkomst.OP_TIJD``). A lapsed term (``vervallen``: the case ended another way) is
    neither on time nor late and is left out. One query."""
    qs = kwartalen(vandaag, aantal)
    rijen = (Clock.objects.filter(termijn_q(), wie_q(school_ids, swv_id), gesloten_op__gte=qs[0],
                                  gesloten_op__lte=vandaag, uitkomst__in=[Uitkomst.OP_TIJD, Uitkomst.TE_LAAT],
                                  zaak__zaaktype__in=_groep_van_zaaktype())
             .annotate(kwartaal=TruncQuarter("gesloten_op"))
             .values("school_id", "kwartaal")
             .annotate(totaal=Count("pk"), op_tijd=Count("pk", filter=Q(uitkomst=Uitkomst.OP_TIJD)))
             .order_by())
    out = {pk: Reeks({k: OpTijd() for k in qs}) for pk in [*school_ids, *([None] if swv_id is not None else [])]}
    for r in rijen:
        k = r["kwartaal"]
        k = k.date() if hasattr(k, "date") else k
        out[r["school_id"]].kwartalen[k] = OpTijd(r["op_tijd"], r["totaal"])
    return out


MATEN = {
    "open": _("open"),
    "week": _("uiterlijk deze week"),
    "te_laat": _("te laat"),
    "beslist": _("afgesloten in het kwartaal"),
    "op_tijd": _("op tijd afgesloten in het kwartaal"),
}


def klokken_achter(school_ids, *, groep: Groep | None, maat: str, vandaag: date, kwartaal: date | None = None,
                   swv_id: int | None = None):
    """The terms behind one figure, as a queryset (the list page paginates it). The same filters as the counts;
    ``maat`` ``op_tijd``: the closed terms of the quarter decided on time."""
    qs = Clock.objects.filter(termijn_q(), wie_q(school_ids, swv_id))
    qs = qs.filter(zaak__zaaktype__in=groep.zaaktypen if groep else list(_groep_van_zaaktype()))
    if maat in ("beslist", "op_tijd"):
        begin = kwartaal or kwartalen(vandaag, 1)[0]
        qs = qs.filter(gesloten_op__gte=begin, gesloten_op__lte=min(kwartaal_einde(begin), vandaag),
                       uitkomst__in=[Uitkomst.OP_TIJD] if maat == "op_tijd" else [Uitkomst.OP_TIJD, Uitkomst.TE_LAAT])
        # expressions, not the columns: PostgreSQL would walk the date index of every clock of the country for the
        # few of these schools (issue #23: 8–10 s at scale 1.0); now the schools' clocks are read and sorted
        return qs.select_related("zaak", "school").order_by(Coalesce("gesloten_op", "gesloten_op"), "pk")
    qs = qs.open()
    if maat == "week":
        qs = qs.filter(uiterlijk__gte=vandaag, uiterlijk__lte=einde_week(vandaag))
    elif maat == "te_laat":
        qs = qs.filter(uiterlijk__lt=vandaag)
    return qs.select_related("zaak", "school").order_by(*OP_DATUM)
