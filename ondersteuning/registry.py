"""How another case kind hands its findings to the offer it leads to, without this app importing it.

The aanmelding (or any kind whose case an arrangement belongs to, ``Zaak.hoofdzaak``) registers a function that
returns what its file says was investigated and which adjustments were tried (A-10); the new arrangement's form
starts with that text, and the IB'er completes it."""

from collections.abc import Callable

_VOORINVULLING: dict[str, Callable] = {}


def register_voorinvulling(zaaktype: str, func: Callable) -> None:
    """``func(zaak) -> {"onderzocht": str, "aanpassingen": str}`` for cases of ``zaaktype``."""
    _VOORINVULLING[zaaktype] = func


def voorinvulling(zaak) -> dict:
    """A case kind declares its findings on its ``Zaaktype.bevindingen`` (the core's registry), or here."""
    func = _VOORINVULLING.get(zaak.zaaktype) or zaak.type.bevindingen
    if func is None:
        return {}
    uit = func(zaak.specifiek) or {}
    return {k: v for k, v in uit.items() if k in ("onderzocht", "aanpassingen") and isinstance(v, str)}
