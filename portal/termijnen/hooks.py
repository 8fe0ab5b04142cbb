"""Legal consequences attached to an overdue term, registered by the domain app that owns them
(the first: tijdelijke inschrijving, A-9, registered by ``aanmelding``)."""

from collections.abc import Callable

from portal.basis.registry import Registry

_GEVOLGEN = Registry("termijngevolgen", "legal consequences of an overdue term (A-9: tijdelijke inschrijving)")


def register_gevolg(naam: str, func: Callable) -> None:
    """``func(clock, event) -> str`` performs the consequence idempotently and returns a short result."""
    _GEVOLGEN.register(naam, func)


def get_gevolg(naam: str) -> Callable | None:
    return _GEVOLGEN.get(naam)
