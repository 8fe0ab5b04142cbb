"""The access matrix's API rows (tests/matrix/rows_api.py) on their own, as tests/test_access_matrix.py runs every
row: each persona's session gets the outcome its row says (401 for what needs a system's token, 200 for the public
schema, docs and schools), GET on the POST-only token endpoint is 405."""

from django.urls import reverse

from .matrix import PERSONAS, rows_api
from .test_access_matrix import _client, _vraag, wereld  # noqa: F401  (the matrix's personas and objects)


def test_api_rows_of_the_access_matrix(wereld):  # noqa: F811
    fouten = []
    for persona in PERSONAS:
        client = _client(wereld, persona)
        for rij in rows_api.ROWS:
            url = reverse(rij.naam, args=rij.args(wereld) if rij.args else None)
            r = _vraag(client, rij.methode, url, rij.data)
            if r.status_code != rij.uitkomst(persona):
                fouten.append(f"{persona:18} {rij.methode:4} {rij.naam:32} {r.status_code} (verwacht {rij.uitkomst(persona)})")
            if rij.methode == "POST" and (g := _vraag(client, "GET", url)).status_code != 405:
                fouten.append(f"{persona:18} GET  {rij.naam:32} {g.status_code} (verwacht 405)")
    assert not fouten, "\n".join(fouten)
