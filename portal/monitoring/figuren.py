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

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

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
    def is_school(self) -> bool:
        return self.eigen_school is not None


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


FIGUREN = Registry("monitoring_figuren", "the figures of the SWV's and the school's monitoring pages (issue #20)")


def register_figuur(figuur: Figuur) -> Figuur:
    return FIGUREN.register(figuur.id, figuur)


def figuren() -> list[Figuur]:
    return sorted(FIGUREN.values(), key=lambda f: (f.volgorde, f.id))
