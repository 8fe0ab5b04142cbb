"""The access matrix's rows of the import (tests/matrix/rows_invoer.py), run on their own: the full matrix runs every
URL for every persona; this asks only the import's, so a change here is checked in seconds."""

from django.urls import reverse

from .matrix import PERSONAS, rows_invoer
from .test_access_matrix import _client, _vraag, vreemd, wereld  # noqa: F401  (fixtures)


def test_the_import_rows_of_the_matrix(wereld, vreemd):  # noqa: F811
    fouten = []
    for persona in PERSONAS:
        client = _client(wereld, persona)
        for rij in rows_invoer.ROWS:
            args = rij.args(wereld) if rij.args else None
            r = _vraag(client, rij.methode, reverse(rij.naam, args=args), rij.data)
            if r.status_code != rij.uitkomst(persona):
                fouten.append(f"{persona} {rij.naam}: {r.status_code} (verwacht {rij.uitkomst(persona)})")
            if rij.uitkomst(persona) == 200 and args and isinstance(args[0], int):
                vreemd_r = _vraag(client, rij.methode, reverse(rij.naam, args=rij.args(vreemd)), rij.data)
                if vreemd_r.status_code != 404:
                    fouten.append(f"{persona} {rij.naam} van een andere school: {vreemd_r.status_code}")
    assert not fouten, "\n".join(fouten)


def test_the_import_pages_take_hostile_parameters_without_a_500(wereld):  # noqa: F811
    """As tests/test_parameters.py sweeps every page: each hostile value in every parameter the pages read."""
    from .test_parameters import VIJANDIG, _get

    client = _client(wereld, "ib")
    for rij in rows_invoer.ROWS:
        if rij.methode != "GET" or rij.naam.startswith("api:"):
            continue
        url = reverse(rij.naam, args=rij.args(wereld) if rij.args else None)
        for waarde in VIJANDIG.values():
            r = _get(client, url, dict.fromkeys(("school", "pagina", "alleen", "formulier"), waarde))
            assert r.status_code in (200, 302, 404), (rij.naam, waarde, r.status_code)
