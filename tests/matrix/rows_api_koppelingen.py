"""Rows for the board's admin's pages for its systems' API clients (issue #21 §2; portal/api/views.py): pages for a
person with a session, not the API. Only the bestuurder of school A's board; making a client and a new secret ask
for the password first (302 to the re-authentication); another organisation's client is a 404. What the pages do is
tested in tests/test_api_bestuur.py."""

from . import Rij, ok


def objecten(w):
    from portal.api.services import koppeling_maak

    # a client the board of school A made for school A's system
    w.api_koppeling, _geheim = koppeling_maak(naam="Leerlingadministratie", door=None, scopes=["leerlingen:lezen"],
                                              school=w.school_a)


def _k(o):
    return [o.api_koppeling.pk]


ROWS = [
    Rij("koppelingen:koppelingen", ok("bestuurder")),
    Rij("koppelingen:koppeling_nieuw", ok("bestuurder", code=302)),
    Rij("koppelingen:koppeling", ok("bestuurder"), args=_k),
    Rij("koppelingen:koppeling_geheim", ok("bestuurder", code=302), args=_k),
    Rij("koppelingen:koppeling_intrekken", ok("bestuurder", code=302), args=_k, methode="POST"),
]
