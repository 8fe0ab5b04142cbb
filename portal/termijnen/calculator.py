"""The calculator behind ``manage.py termijn`` and the staff page *Termijnen berekenen*.

It knows no kind of term by name. Each domain app registers its kinds from its ``termijnen.py`` (issue #18): a
``Soort`` with a name, the arguments it takes (with Dutch help) and a pure function that computes the dates from
them with ``portal.termijnen.dates``, the rules of ``portal.termijnen.rules`` and the app's own ``wet.py``. The CLI
and the page list and run whatever is registered::

    register_soort(Soort(
        naam="opp", omschrijving="OPP: vaststelling en eerste evaluatie (B-2, B-5)",
        argumenten=(Argument("inschrijving", help="dag van inschrijving (B-2)", verplicht=True, start=True),),
        bereken=opp_termijnen))   # (regel, *, inschrijving) -> {"regel": "B-2", ...}

A kind's function takes ``regel`` — ``regel("B-2")`` gives that rule's parameters, the code defaults for the CLI,
the configured ones on the page — and one keyword argument per ``Argument`` (by its ``dest``; absent: None, an
empty list for ``meerdere``, False for a ``VLAG``). It returns a dict of ISO dates and facts with the key
``regel`` (keys that don't apply are left out). Invalid input raises ``TermijnFout`` with a Dutch message.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from portal.basis.registry import Registry

from . import dates
from .dates import TermijnFout
from .rules import get

# What an argument holds; the CLI parses it, the page gets a field for it.
DATUM = "datum"  # JJJJ-MM-DD
INTERVAL = "interval"  # VAN/TOT, two dates
GETAL = "getal"  # a whole number
VLAG = "vlag"  # present or not
TEKST = "tekst"  # a word (with ``keuzes``: one of them)


@dataclass(frozen=True)
class Argument:
    naam: str  # the option without its dashes ("ter-post"); the name in a Dutch error message
    help: str  # Dutch: the CLI's help and the page's label
    soort: str = DATUM
    verplicht: bool = False
    meerdere: bool = False  # may be given more than once (a list); the page offers one
    groep: str = ""  # the arguments of one group: exactly one of them (the CLI says so; the kind's function checks)
    dest: str = ""  # the keyword of the kind's function; default: ``naam`` with "_" for "-"
    metavar: str = ""
    keuzes: tuple[tuple[str, str], ...] = ()  # TEKST on the page: (value, label) pairs; the function checks the value
    minimum: int | None = None  # GETAL on the page
    maximum: int | None = None
    start: bool = False  # the kind's start date: on the page the field ``datum``

    @property
    def sleutel(self) -> str:
        return self.dest or self.naam.replace("-", "_")

    @property
    def leeg(self):
        return [] if self.meerdere else (False if self.soort == VLAG else None)


@dataclass(frozen=True)
class Soort:
    naam: str  # the CLI's sub-command, e.g. "tlv-einddatum"
    omschrijving: str  # Dutch, with the rule ids
    argumenten: tuple[Argument, ...]
    bereken: Callable[..., dict]
    app: str = ""

    def __post_init__(self):
        sleutels = [a.sleutel for a in self.argumenten]
        if len(set(sleutels)) != len(sleutels) or sum(a.start for a in self.argumenten) > 1:
            raise ValueError(f"termijnsoort {self.naam}: dubbele argumenten of meer dan één startdatum")


SOORTEN = Registry("termijnsoorten", "kinds of the terms calculator (manage.py termijn and the staff page), per app")


def register_soort(soort: Soort) -> Soort:
    """Make a kind known to the CLI and the staff page; a second kind with the same name is refused."""
    return SOORTEN.register(soort.naam, soort)


def soorten() -> list[Soort]:
    """Every registered kind, in the order of registration (the order of INSTALLED_APPS)."""
    return SOORTEN.values()


def soort(naam: str) -> Soort:
    try:
        return SOORTEN[naam]
    except KeyError:
        raise TermijnFout(f"onbekende soort termijn '{naam}'; kies uit: {', '.join(SOORTEN)}") from None


def params(regel_id: str, *, code_defaults: bool) -> dict:
    return get(regel_id, code_defaults=code_defaults).params()


def bereken(naam: str, *, code_defaults: bool = True, **waarden) -> dict:
    """Run the kind ``naam`` on parsed values (dates, (van, tot) pairs, ints, bools, words): the code defaults of the
    rules for the CLI and tests, the configured rules (``code_defaults=False``) for the page."""
    s = soort(naam)
    bekend = {a.sleutel: a for a in s.argumenten}
    onbekend = set(waarden) - set(bekend)
    if onbekend:
        raise TypeError(f"termijnsoort {naam}: onbekende argumenten {sorted(onbekend)}")
    for sleutel, waarde in waarden.items():
        _binnen_bereik(bekend[sleutel].naam, waarde)
    volledig = {k: waarden.get(k, a.leeg) for k, a in bekend.items()}
    try:
        return s.bereken(partial(params, code_defaults=code_defaults), **volledig)
    except OverflowError as exc:  # a number of years or weeks that ends past the calendar (issue #19)
        raise TermijnFout(BUITEN_KALENDER) from exc
    except ValueError as exc:
        if isinstance(exc, TermijnFout) or not str(exc).startswith("year "):  # only date()'s "year 10000 is out of range"
            raise
        raise TermijnFout(BUITEN_KALENDER) from exc


# Terms run for weeks or years: a date outside these years is a typing error, and near the end of the calendar the
# date arithmetic would overflow (issue #19, found by the property-based test of the CLI).
JAREN = (1900, 2199)
BUITEN_KALENDER = "de uitkomst valt buiten de kalender (na het jaar 9999); controleer de getallen en de datums."


def _binnen_bereik(naam: str, waarde) -> None:
    """A Dutch ``TermijnFout`` for a date (also inside a list or a (van, tot) pair) outside ``JAREN``."""
    if isinstance(waarde, list | tuple):
        for w in waarde:
            _binnen_bereik(naam, w)
    elif isinstance(waarde, date) and not JAREN[0] <= waarde.year <= JAREN[1]:
        raise TermijnFout(f"{naam}: {waarde.isoformat()} ligt buiten de jaren {JAREN[0]}–{JAREN[1]}.")


def lees(naam: str, ruw: dict) -> dict:
    """The CLI's strings (by ``Argument.sleutel``) as values for ``bereken``; a bad date is a Dutch ``TermijnFout``."""
    uit = {}
    for a in soort(naam).argumenten:
        waarde = ruw.get(a.sleutel)
        if a.soort == DATUM:
            lees_een = partial(parse_datum, naam=a.naam)
        elif a.soort == INTERVAL:
            lees_een = partial(parse_interval, naam=a.naam)
        else:
            lees_een = None
        if lees_een is not None and waarde not in (None, []):
            waarde = [lees_een(w) for w in waarde] if a.meerdere else lees_een(waarde)
        uit[a.sleutel] = a.leeg if waarde is None else waarde
    return uit


# --- parsing and small helpers for the kinds ---------------------------------------------------------------------

def iso(d: date | None) -> str | None:
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


def tijdig(uiterlijk: date, ontvangen: date | None, ter_post: date | None, bekendmaking: date) -> dict:
    """Awb 6:9 for a bezwaar- or beroepschrift received on ``ontvangen`` (posted on ``ter_post``) against a decision
    made known on ``bekendmaking``, with ``uiterlijk`` the last day of its term: the keys ``ontvangen``,
    ``ter_post`` and ``tijdig`` (none without ``ontvangen``)."""
    if ontvangen is None:
        if ter_post is not None:
            raise TermijnFout("ter-post: geef ook --ontvangen (de dag dat het bezwaar binnenkwam).")
        return {}
    if ontvangen < bekendmaking:
        raise TermijnFout("ontvangen: het bezwaar kan niet binnenkomen vóór de bekendmaking van het besluit.")
    if ter_post is not None and ter_post > ontvangen:
        raise TermijnFout("ter-post: de dag van verzending ligt na de dag van ontvangst.")
    out = {"ontvangen": iso(ontvangen)}
    if ter_post is not None:
        out["ter_post"] = iso(ter_post)
    out["tijdig"] = dates.tijdig_ingediend(uiterlijk, ontvangen, ter_post)
    return out
