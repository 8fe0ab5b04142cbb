"""Issue #19 "Done when": in the browser with the demo's people, a parent asks for a copy of everything the portal
holds about Daan, the worker makes it (eager in tests: the task runs after the request's commit), the parent downloads
the ZIP, and its PDF summary lists every case of the child. axe on every page; no rule ids on the parent's pages."""

import io
import zipfile

import pytest
from django.core.management import call_command

from portal.core.management.commands.demo import WACHTWOORD
from portal.leerlingen.models import Leerling
from portal.privacy.models import InzageExport
from portal.zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf_tekst(pdf: bytes) -> str:
    from tests.test_privacy import pdf_tekst

    return pdf_tekst(pdf)


def test_ouder_downloadt_de_kopie_en_de_samenvatting_noemt_elke_zaak(ui, settings):
    settings.DEMO = True  # no second factor in demo mode
    call_command("demo", quiet=True)
    p = ui.page
    daan = Leerling.objects.get(roepnaam="Daan")
    zaken = list(Zaak.objects.filter(leerling=daan))
    assert len({z.zaaktype for z in zaken}) >= 3  # the demo gives Daan cases of several kinds

    ui.login("ouder@demo.nl", WACHTWOORD)
    ui.goto(f"/leerlingen/{daan.pk}/")
    with p.expect_navigation():
        p.get_by_role("link", name="Gegevens en privacy: kopie, verbeteren of verwijderen").click()
    ui.axe()
    ui.submit("Vraag een kopie van de gegevens")
    inzage = InzageExport.objects.get(leerling=daan)
    assert p.url.endswith(f"/privacy/kopie/{inzage.pk}/")
    inzage.refresh_from_db()
    if inzage.status == "wacht":  # the worker was quicker than the page, or not: look again
        ui.goto(f"/privacy/kopie/{inzage.pk}/")
    assert "De kopie staat klaar" in p.inner_text("body")

    href = p.locator("#download").get_attribute("href")
    r = p.request.get(ui.base_url + href)
    assert r.status == 200 and r.headers["content-type"] == "application/zip"
    z = zipfile.ZipFile(io.BytesIO(r.body()))
    tekst = _pdf_tekst(z.read("samenvatting.pdf"))
    for zaak in zaken:
        assert zaak.nummer in tekst, f"{zaak.nummer} ontbreekt in de samenvatting"
    assert "gegevens.json" in z.namelist()

    # the notification led here, and the page lists the copy
    ui.goto(f"/privacy/leerling/{daan.pk}/")
    assert "Klaar om te downloaden" in p.inner_text("body")
