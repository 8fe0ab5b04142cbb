"""Issue #22 §1 for the school import (staff): an IB'er who chose English reads the column table and the refusal of a
file that cannot be read in English; one who chose Dutch reads them in Dutch (the account's choice, not the browser's).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from .conftest import login_staff
from .test_informatie import _gecompileerd, vertaald  # noqa: F401  (the catalogue compiled for this session)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("taal, browser, kolom, fout", [
    ("en", "nl", "The pupil's number in your pupil administration.", "These columns are missing: achternaam."),
    ("nl", "en", "Het nummer van de leerling in uw leerlingadministratie.", "Deze kolommen ontbreken: achternaam."),
])
def test_the_import_speaks_the_ib_ers_language(world, vertaald, taal, browser, kolom, fout):  # noqa: F811
    world.ib_a.taal = taal
    world.ib_a.save(update_fields=["taal"])
    c = Client(HTTP_ACCEPT_LANGUAGE=browser)
    login_staff(c, world.ib_a)
    r = c.get("/invoer/")
    assert r.status_code == 200 and r["Content-Language"] == taal
    assert kolom.replace("'", "&#x27;") in r.content.decode()
    bestand = SimpleUploadedFile("kolom.csv", b"leerlingnummer;voornamen;geboortedatum\nA;B;01-01-2018\n")
    r = c.post("/invoer/", {"bestand": bestand})
    assert r.status_code == 200 and fout in r.content.decode()
