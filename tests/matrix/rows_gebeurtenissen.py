"""Rows for the subscriptions to events in the API (issue #21 §4). Like every API resource that needs a token: a
logged-in person's session gets 401 (a problem detail), so does an anonymous visitor. What a system sees with its
token — its own subscriptions, another client's 404, no scope 403 — is in tests/test_gebeurtenissen_api.py; the
beheerder's pages in /beheer/ are Django's admin (tests/test_gebeurtenissen.py)."""

from . import PERSONAS, Rij, ok


def _token_nodig(naam, args=None):
    return Rij(naam, ok(*PERSONAS, code=401), args=args, anoniem=401)


def objecten(w):
    from portal.api.services import koppeling_maak
    from portal.gebeurtenissen.models import Abonnement

    k, _ = koppeling_maak(naam="Matrix", door=None, scopes=["gebeurtenissen:lezen"], school=w.school_a)
    w.abonnement = Abonnement.objects.create(koppeling=k, url="https://93.184.216.34/hook", soorten=["zaak.geopend"],
                                             geheim_versleuteld="-")


ROWS = [
    _token_nodig("api:abonnementen-list"),
    _token_nodig("api:abonnementen-detail", args=lambda o: [str(o.abonnement.pk)]),
]
