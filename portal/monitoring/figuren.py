"""The monitoring figures as one shape (issue #20 §2–§5): a figure is a ``Tabel`` (its rows, its chart, its summary),
the same object on the page, in the PDF report and in the CSV/XLSX download.

The core cannot import a domain app, so the figures that read a domain app's own fields (refusal grounds, the
board's answer to an oordeel, a TLV's category, the thuiszitters) are contributed by that app: a module
``monitoring.py`` in the app registers them with ``register_figuur``; ``MonitoringConfig.ready`` imports every
installed app's ``monitoring`` module (as Django's admin does with ``admin.py``). A figure reads with a constant number
of queries, whatever the number of cases, and says which cases are behind each cell (``zaken``), so every number on
the page links to its cases for the staff allowed to open them (the list applies ``Zaak.objects.for_user``).

A figure is computed for a ``Bereik``: the SWV's member schools, or one school beside the SWV's average (the school
view names no other school: a figure for a school view has only the school's own row and an average row).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from portal.basis.registry import Registry

Waarde = int | float | Decimal | str | date | None


@dataclass(frozen=True)
class Cel:
    """One cell. ``sleutel`` names the cases behind it for the figure's ``zaken(bereik, sleutel)``; empty: no link."""

    waarde: Waarde
    sleutel: str = ""

    def __str__(self) -> str:
        return "" if self.waarde is None else str(self.waarde)


@dataclass(frozen=True)
class Grafiek:
    """The chart of a table, drawn by ``grafieken`` (pygal, SVG). ``soort``: ``staaf`` (bars per label, a bar per
    series), ``lijn`` (a line per series over the labels, 0–100 %) or ``liggend`` (horizontal bars, for long labels
    such as refusal grounds)."""

    soort: str
    labels: list[str]
    reeksen: list[tuple[str, list[Waarde]]]
    y_titel: str = ""


@dataclass
class Tabel:
    """One figure: the header row, the rows (the first cell of a row is its label), a one- or two-sentence summary
    that is also the chart's description, an optional chart, and what is counted (with the rule id or the source)."""

    id: str  # unique on the page: the anchor, the chart's id and the export's file name
    titel: str
    kolommen: list[str]
    rijen: list[list[Cel]]
    samenvatting: str = ""
    grafiek: Grafiek | None = None
    toelichting: str = ""
    voet: list[list[Cel]] = field(default_factory=list)  # totals / the SWV's average, below the rows

    def platte_rijen(self) -> list[list[Waarde]]:
        """The values only, header excluded, rows then footer rows: what CSV and XLSX write."""
        return [[c.waarde for c in r] for r in [*self.rijen, *self.voet]]


@dataclass(frozen=True)
class Bereik:
    """Whose figures. ``school_ids``: the schools counted (all member schools of ``swv``); ``eigen_school``: on the
    school view, the one school whose own row is shown, the others only counted into the average. ``vandaag`` is the
    day the figures are for (the clock of the page, frozen in tests)."""

    swv_id: int
    school_ids: tuple[int, ...]
    vandaag: date
    eigen_school: int | None = None
    schoolnamen: dict[int, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def schoolpagina(self) -> bool:
        """The school's page (one school beside the average), not the SWV's."""
        return self.eigen_school is not None

    is_school = schoolpagina  # the first name (kept for the export module); not a role helper (tests/test_lagen.py)

    @property
    def lijst_scholen(self) -> tuple[int, ...]:
        """The schools whose cases a list behind a cell may show: on the school view only the school's own (the
        average's cases are other schools' and have no link), on the SWV view every member school."""
        return (self.eigen_school,) if self.schoolpagina else self.school_ids

    @property
    def eigen_sleutel(self) -> str:
        """The ``wie`` part of a cell's key for the page's own row: the school on its page, else every school."""
        return str(self.eigen_school) if self.schoolpagina else ALLE

    def wie(self, deel: str, *, swv_apart: bool = False) -> "Wie":
        """Whose cases the ``wie`` part of a key names: ``alle`` (the SWV's page: every member school and the SWV's
        own cases), ``swv`` (with ``swv_apart``: the SWV's own cases only) or one school the page may list
        (``lijst_scholen``). Anything else, also another SWV's school: ``OnbekendeSleutel`` (the list page's 404)."""
        if not self.schoolpagina:
            if deel == ALLE:
                return Wie(tuple(self.school_ids), self.swv_id, alle=True)
            if deel == SWV and swv_apart:
                return Wie((), self.swv_id)
        try:
            school = int(deel)
        except ValueError:
            raise OnbekendeSleutel(deel) from None
        if school not in self.lijst_scholen:
            raise OnbekendeSleutel(deel)
        return Wie((school,), None)

    def lees_sleutel(self, sleutel: str, *toegestaan: Iterable[str] | None, swv_apart: bool = False) -> tuple:
        """A cell's key as the page made it, ``<wie>:<deel>…``: returns ``(Wie, deel, …)``. Each further part must be
        in its collection of ``toegestaan`` (``None``: any); a key of another length or with another part is
        ``OnbekendeSleutel``."""
        wie, *delen = sleutel.split(":")
        if len(delen) != len(toegestaan):
            raise OnbekendeSleutel(sleutel)
        for deel, mag in zip(delen, toegestaan, strict=True):
            if mag is not None and deel not in mag:
                raise OnbekendeSleutel(sleutel)
        return (self.wie(wie, swv_apart=swv_apart), *delen)

    def gemiddelde(self, per_school: dict) -> float:
        """The SWV's average per member school of a count per school id (other keys, such as the SWV's own cases
        under ``None``, are not a school's)."""
        n = len(self.school_ids) or 1
        return round(sum(per_school.get(s, 0) for s in self.school_ids) / n, 1)

    def totaal(self, per_school: dict) -> int:
        """The SWV's total: the member schools and the cases without a school (key ``None``: the SWV's own)."""
        return sum(v for k, v in per_school.items() if k is None or k in self.school_ids)

    def koppen(self, naam: str) -> list[str]:
        """The header cells of one measure: the SWV's total, or the school's own count beside the average."""
        if self.schoolpagina:
            return [_("%(naam)s: deze school") % {"naam": naam}, _("%(naam)s: gemiddelde per school") % {"naam": naam}]
        return [naam]

    def vergelijk(self, per_school: dict, sleutel: str) -> list["Cel"]:
        """The cells of one measure (see ``koppen``): the total with its link, or the school's own count with its link
        beside the average (no link: other schools' cases)."""
        if self.schoolpagina:
            return [Cel(per_school.get(self.eigen_school, 0), sleutel), Cel(self.gemiddelde(per_school))]
        return [Cel(self.totaal(per_school), sleutel)]

    def reeksen(self, naam: str, per_label: list[dict]) -> list[tuple[str, list[Waarde]]]:
        """A chart's series of one measure over the labels: the SWV's totals, or the school's own beside the
        average."""
        if self.schoolpagina:
            return [(self.schoolnamen.get(self.eigen_school, _("Deze school")), [p.get(self.eigen_school, 0) for p in per_label]),
                    (_("gemiddelde per school"), [self.gemiddelde(p) for p in per_label])]
        return [(naam, [self.totaal(p) for p in per_label])]


class OnbekendeSleutel(LookupError):
    """A ``sleutel`` (or figure) the page did not make: the list page answers 404."""


ALLE, SWV = "alle", "swv"


@dataclass(frozen=True)
class Wie:
    """The schools whose cases a cell counts, and ``swv_id`` when the SWV's own cases (those without a school) count
    too; ``alle``: every member school of the SWV's page."""

    school_ids: tuple[int, ...]
    swv_id: int | None
    alle: bool = False


def schooljaar(d: date) -> tuple[date, date]:
    """The school year (1 August – 31 July, T-4) in which ``d`` falls: its first and its last day."""
    begin = date(d.year if d.month >= 8 else d.year - 1, 8, 1)
    return begin, date(begin.year + 1, 7, 31)


def vorig_schooljaar(d: date) -> tuple[date, date]:
    begin, _einde = schooljaar(d)
    return date(begin.year - 1, 8, 1), date(begin.year, 7, 31)


def schooljaar_label(d: date) -> str:
    begin, _einde = schooljaar(d)
    return f"{begin.year}/{begin.year + 1}"


def som(rijen: Iterable[dict], *velden: str, n: str = "n") -> dict:
    """Counts of a ``values(...).annotate(n=Count(...))`` query by the tuple of ``velden`` (one field: the value)."""
    out: dict = {}
    for r in rijen:
        sleutel = r[velden[0]] if len(velden) == 1 else tuple(r[v] for v in velden)
        out[sleutel] = out.get(sleutel, 0) + r[n]
    return out


@dataclass(frozen=True)
class Figuur:
    """A registered figure: ``maak(bereik) -> Tabel`` and ``zaken(bereik, sleutel) -> QuerySet`` of the core's
    ``Zaak`` (or of a case kind's model: a subclass of it) behind a cell. ``volgorde`` orders the page's sections."""

    id: str
    titel: str
    maak: Callable[[Bereik], Tabel]
    zaken: Callable[[Bereik, str], object] | None = None
    volgorde: int = 50
    op_pagina: bool = True  # False: a download only (the inspectie's thuiszitters overview, one row per child)
    op_schoolpagina: bool = True  # False: the SWV's page only (a figure per member school says nothing for one school)


FIGUREN = Registry("monitoring_figuren", "the figures of the SWV's and the school's monitoring pages (issue #20)")


def register_figuur(figuur: Figuur) -> Figuur:
    return FIGUREN.register(figuur.id, figuur)


def figuren(bereik: Bereik | None = None) -> list[Figuur]:
    """Every registered figure in page order; with a ``bereik``, those for its page (the school's page leaves out
    ``op_schoolpagina=False``). Download-only figures (``op_pagina=False``) are included: the page skips them."""
    alle = sorted(FIGUREN.values(), key=lambda f: (f.volgorde, f.id))
    if bereik is not None and bereik.schoolpagina:
        alle = [f for f in alle if f.op_schoolpagina]
    return alle


def figuur(figuur_id: str) -> Figuur:
    """One registered figure; ``OnbekendeSleutel`` when there is none."""
    gevonden = FIGUREN.get(figuur_id)
    if gevonden is None:
        raise OnbekendeSleutel(figuur_id)
    return gevonden


# Rules whose clocks are not a term to decide or act within (a period of validity, a retention period): the term
# figures leave them out. Registered by the app that owns the rule, with its reason (e.g. ``tlv.monitoring``: C-5).
GEEN_BESLISTERMIJN = Registry("monitoring_geen_beslistermijn",
                              "rules left out of the monitoring's term figures (validity or retention, not a term)")


def register_geen_beslistermijn(regel_id: str, reden: str) -> None:
    GEEN_BESLISTERMIJN.register(regel_id, reden)
