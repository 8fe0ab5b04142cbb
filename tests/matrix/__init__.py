"""The access matrix (issue #7 §7): every URL of the project × every persona → the expected outcome.

Each app keeps its rows in ``tests/matrix/rows_<app>.py`` (``ROWS``, and optionally ``objecten(w)`` that
adds the objects its URLs need to the shared world). ``tests/test_access_matrix.py`` enumerates the
URL patterns of the project: a URL without a row fails, so no view can skip the matrix.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field

PERSONAS = [
    "ouder",  # parent with gezag over the pupil of school A
    "ander_ouder",  # parent of another child (school B)
    "leerling",  # the pupil's own account
    "ib", "directeur",  # IB'er and directeur of school A (the directeur has a mandate for aanmelding decisions)
    "bestuurder",  # member of the board (bevoegd gezag) of school A
    "ib_ander",  # IB'er of school B
    "leerkracht",  # teacher at school A
    "swv",  # staff of school A's SWV
    "deskundige", "onderwijsconsulent", "clientondersteuner", "leerplicht",
    "klachtencommissie",  # the secretary of the klachtencommissie school A's board is affiliated with
    "steunpunt",  # the ouder- en jeugdsteunpunt of school A's SWV
    "beheerder",
    "anoniem",
]
INGELOGD = [p for p in PERSONAS if p != "anoniem"]
STAF = [p for p in INGELOGD if p not in ("ouder", "ander_ouder", "leerling")]


@dataclass
class Rij:
    """One URL: ``args(o)`` builds its arguments from the world's objects; ``verwacht`` the outcome per
    persona (anything not named gets ``anders``); ``methode`` GET or POST. For POST-only views the
    matrix also checks that GET answers 405 (302 to the login for anonymous)."""

    naam: str
    verwacht: dict = field(default_factory=dict)
    anders: int = 404
    args: object = None
    methode: str = "GET"
    data: dict | None = None
    anoniem: int = 302  # anonymous: to the login page, unless said otherwise

    def uitkomst(self, persona: str) -> int:
        if persona == "anoniem":
            return self.verwacht.get("anoniem", self.anoniem)
        return self.verwacht.get(persona, self.anders)


def ok(*personas, code=200) -> dict:
    return dict.fromkeys(personas, code)


def alle_rijen() -> list[Rij]:
    rijen = []
    for mod in modules():
        rijen += mod.ROWS
    return rijen


def modules():
    pakket = importlib.import_module(__name__)
    return [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(pakket.__path__)
            if m.name.startswith("rows_")]
