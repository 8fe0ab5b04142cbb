"""Rows for the import of a school's administration (portal.invoer, issue #21 §3): only the school's IB'er and
directeur; everyone else 404, an anonymous visitor to the login. And the API's action to end an enrolment (issue #21
§1): for a system with a token only, so every persona's session gets 401 (as the other API rows, rows_api.py)."""

from . import PERSONAS, Rij, ok

SCHOOL = ok("ib", "directeur")
EIGEN_SCHOOL = ok("ib", "directeur", "ib_ander")  # the start page and the sample: each IB'er for their own school


def objecten(w):
    from pathlib import Path

    from portal.invoer.services import invoer_maak

    inhoud = (Path(__file__).resolve().parents[2] / "portal" / "invoer" / "voorbeeld" / "leerlingen.csv").read_bytes()
    w.invoer = invoer_maak(school=w.school_a, door=w.ib, naam="leerlingen.csv", inhoud=inhoud)


ROWS = [
    Rij("invoer:start", EIGEN_SCHOOL),
    Rij("invoer:detail", SCHOOL, args=lambda o: [o.invoer.pk]),
    Rij("invoer:toepassen", ok("ib", "directeur", code=302), methode="POST", args=lambda o: [o.invoer.pk]),
    Rij("invoer:voorbeeld", EIGEN_SCHOOL, args=lambda o: ["csv"]),
    Rij("api:leerlingen-uitschrijven", ok(*PERSONAS, code=401), args=lambda o: [str(o.kind_a.pk)], anoniem=401),
]
