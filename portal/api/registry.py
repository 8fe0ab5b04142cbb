"""The API's hooks (issue #21): resources and scopes, registered by the app that owns the data.

An app adds a resource to ``/api/v1/`` in its ``api.py`` (found by ``ApiConfig.ready``, like ``admin.py``)::

    from portal.api.registry import register_bron, register_scope

    register_scope("opp:lezen", "Ontwikkelingsperspectieven lezen", organisaties={"school"})
    register_bron("opp", OppViewSet)

A viewset names its scope with ``scope_basis = "opp"``: reading needs ``opp:lezen``, writing ``opp:schrijven``
(portal.api.rechten.HeeftScope). A viewset without ``scope_basis`` is public.
"""

from dataclasses import dataclass, field

from portal.basis.registry import Registry

BRONNEN = Registry("api_bronnen", "the resources of the REST API under /api/v1/, by URL prefix")
SCOPES = Registry("api_scopes", "the OAuth2 scopes of the REST API (per resource: lezen, schrijven)")

ORGANISATIESOORTEN = ("school", "bestuur", "swv")


@dataclass(frozen=True)
class Bron:
    prefix: str
    viewset: type
    basename: str


@dataclass(frozen=True)
class Scope:
    naam: str
    omschrijving: str
    # which kinds of organisation may hold it: a school's system reads its own pupils, an SWV's does not
    organisaties: frozenset = field(default_factory=lambda: frozenset(ORGANISATIESOORTEN))


def register_bron(prefix: str, viewset: type, *, basename: str | None = None) -> None:
    """Serve ``viewset`` at ``/api/v1/<prefix>/`` (a DRF router registration)."""
    BRONNEN.register(prefix, Bron(prefix, viewset, basename or prefix.replace("/", "-")))


def register_scope(naam: str, omschrijving: str, *, organisaties=ORGANISATIESOORTEN) -> None:
    SCOPES.register(naam, Scope(naam, str(omschrijving), frozenset(organisaties)))


def scopes_voor(soort: str) -> list[str]:
    """The scopes a client of this kind of organisation may be given."""
    return [s.naam for s in SCOPES.values() if soort in s.organisaties]
