"""The one ``Registry`` class (issue #18): how a domain app plugs into the core without the core importing it.

Every hook of the project is a ``Registry``: a named table of registrations by key. A duplicate key is refused (two
apps cannot both own a case kind, a rule or a letter kind), registering the same object again is a no-op (``ready``
may run twice in a test process), and every registry is listed, with its keys, on the beheerder's health page
(``Registry.alle()``). Register by decorator::

    zaaktypen = Registry("zaaktypen", "case kinds")

    @zaaktypen.register("opp")
    def ...

or by call: ``zaaktypen.register("opp", Zaaktype(...))``. This module also holds the two small registries of the
ground floor itself: the main menu and the demo data.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass


class DubbeleRegistratie(Exception):
    """A key registered twice with different objects: a programming error, raised at start-up."""


class Registry:
    _alle: dict[str, "Registry"] = {}

    def __init__(self, naam: str, omschrijving: str = ""):
        if naam in Registry._alle:
            raise DubbeleRegistratie(f"Er is al een register '{naam}'.")
        self.naam, self.omschrijving = naam, omschrijving
        self._items: dict[str, object] = {}
        Registry._alle[naam] = self

    def register(self, sleutel: str, waarde=None):
        """Register ``waarde`` under ``sleutel``; without ``waarde`` a decorator that registers what it decorates."""
        if waarde is None:
            def decorator(obj):
                self.register(sleutel, obj)
                return obj

            return decorator
        bestaand = self._items.get(sleutel)
        if bestaand is not None and bestaand is not waarde and bestaand != waarde:
            raise DubbeleRegistratie(f"{self.naam}: '{sleutel}' is al geregistreerd ({bestaand!r}).")
        self._items[sleutel] = waarde
        return waarde

    def __getitem__(self, sleutel: str):
        try:
            return self._items[sleutel]
        except KeyError:
            raise KeyError(f"{self.naam}: '{sleutel}' is niet geregistreerd") from None

    def get(self, sleutel: str, default=None):
        return self._items.get(sleutel, default)

    def __contains__(self, sleutel) -> bool:
        return sleutel in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def keys(self) -> list[str]:
        return list(self._items)

    def values(self) -> list:
        return list(self._items.values())

    def items(self) -> list[tuple[str, object]]:
        return list(self._items.items())

    def __repr__(self) -> str:
        return f"<Registry {self.naam}: {len(self)}>"

    @classmethod
    def alle(cls) -> list["Registry"]:
        """Every registry of the project, by name (the beheerder's health page lists them)."""
        return [cls._alle[n] for n in sorted(cls._alle)]


def sleutel_van(func: Callable) -> str:
    """A stable key for a function registered in a list-like registry: its module and name (and, for a lambda or a
    nested function, the line it is defined on, so two of them in one module do not collide)."""
    naam = f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', repr(func))}"
    code = getattr(func, "__code__", None)
    return f"{naam}:{code.co_firstlineno}" if code is not None and "<" in naam else naam


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_naam: str
    zichtbaar: Callable  # (user) -> bool
    volgorde: int = 50


MENU = Registry("menu", "links in the main menu, each for the users it says")
DEMO = Registry("demo", "each app's demo data, in the order of INSTALLED_APPS")


def register_menu(label, url_naam: str, zichtbaar: Callable, volgorde: int = 50) -> None:
    """A link in the main menu for the users ``zichtbaar(user)`` says (one link per URL name)."""
    bestaand = MENU.get(url_naam)
    if bestaand is not None and bestaand.label == label and bestaand.volgorde == volgorde:
        return  # the same link again (``ready`` ran twice)
    MENU.register(url_naam, MenuItem(label, url_naam, zichtbaar, volgorde))


def menu_voor(user) -> list[MenuItem]:
    return sorted((m for m in MENU.values() if m.zichtbaar(user)), key=lambda m: (m.volgorde, str(m.label)))


def register_demo(func: Callable) -> Callable:
    """``func(ctx)`` adds an app's demo data (idempotent). ``ctx`` holds ``scholen``, ``users`` (by e-mail),
    ``leerlingen`` (by roepnaam), ``swv``, ``besturen``, ``today``. Called by ``manage.py demo`` in order of
    registration (the order of INSTALLED_APPS). Usable as a decorator."""
    return DEMO.register(sleutel_van(func), func)


def demo_vullers() -> list[Callable]:
    return DEMO.values()
