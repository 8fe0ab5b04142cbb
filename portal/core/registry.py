"""Small registries through which domain apps add to shared pages without editing them (``portal``
never imports a domain app): menu items and demo data."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_naam: str
    zichtbaar: Callable  # (user) -> bool
    volgorde: int = 50


_MENU: dict[str, MenuItem] = {}
_DEMO: list[Callable] = []


def register_menu(label, url_naam: str, zichtbaar: Callable, volgorde: int = 50) -> None:
    """A link in the main menu for the users ``zichtbaar(user)`` says."""
    _MENU[url_naam] = MenuItem(label, url_naam, zichtbaar, volgorde)


def menu_voor(user) -> list[MenuItem]:
    return sorted((m for m in _MENU.values() if m.zichtbaar(user)), key=lambda m: (m.volgorde, str(m.label)))


def register_demo(func: Callable) -> None:
    """``func(ctx)`` adds an app's demo data (idempotent). ``ctx`` holds ``scholen``, ``users`` (by e-mail),
    ``leerlingen`` (by roepnaam), ``swv``, ``besturen``, ``today``. Called by ``manage.py demo`` in order of
    registration (the order of INSTALLED_APPS)."""
    if func not in _DEMO:
        _DEMO.append(func)


def demo_vullers() -> list[Callable]:
    return list(_DEMO)
