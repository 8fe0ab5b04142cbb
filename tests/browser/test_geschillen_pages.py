"""axe-core on every page of the geschillen app, per role, on the demo data (which this also checks): the parent's
overview, guide, forms and cases; the school's schorsing (signed after re-authentication) and removal; the
klachtencommissie's hearing and oordeel and the board's response; the SWV's overview and mediation; a helper's
empty list; and the guide on a phone without sideways scrolling."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from geschillen.models import Adviesverzoek, Geschil, Klacht
from portal.core.management.commands.demo import WACHTWOORD
from portal.leerlingen.models import Leerling
from tests.browser.test_aanmelding_flow import logout, open_details

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEMO = True
    call_command("demo", quiet=True)


def test_parent_pages(ui, demo):
    """ouder2 (Yara) gets a refusal by De Regenboog in this test; ouder@demo.nl has the demo's geschil about Daan's
    OPP and its mediation request."""
    from portal.accounts.models import User
    from portal.organisaties.models import School
    from tests.test_geschillen import weigering

    p = ui.page
    regenboog = School.objects.get(brin="99AA")
    regenboog.ib, regenboog.directeur = User.objects.get(email="ib@demo.nl"), User.objects.get(email="directeur@demo.nl")
    yara = Leerling.objects.get(roepnaam="Yara")
    User.objects.filter(email="ouder2@demo.nl").update(brieven_digitaal=True)  # the letter reaches them online
    aanmelding, besluit = weigering(school=regenboog, kind=yara, ouder=User.objects.get(email="ouder2@demo.nl"),
                                    ontvangen=timezone.localdate() - timedelta(days=30),
                                    bekend=timezone.localdate() - timedelta(days=3))
    ui.login("ouder2@demo.nl", WACHTWOORD)
    ui.goto("/geschillen/")
    ui.goto(f"/geschillen/wegwijzer/{aanmelding.pk}/")
    with p.expect_navigation():
        p.get_by_role("link", name="Bezwaar maken").click()
    ui.axe()
    ui.submit("Bezwaar indienen")  # refused: the reasons are required
    assert "Er is een probleem" in p.content()
    p.get_by_label("Waarom bent u het niet eens met het besluit?").fill("Yara hoort op De Regenboog.")
    ui.submit("Bezwaar indienen")
    assert "Uw bezwaar is ontvangen" in p.content()
    ui.goto(f"/geschillen/delen/{aanmelding.pk}/")
    ui.goto(f"/geschillen/klacht/{Klacht.objects.get(leerling__roepnaam='Yara').pk}/")
    assert "Vertrouwelijk" in p.content()
    ui.goto(f"/geschillen/klacht/nieuw/?zaak={aanmelding.pk}")
    p.get_by_label("Waar gaat uw klacht over?").fill("Wij werden niet gehoord voordat de school besliste.")
    ui.submit("Klacht indienen")
    ui.goto("/geschillen/advies/nieuw/")
    logout(ui)

    ui.login("ouder@demo.nl", WACHTWOORD)
    ui.goto("/geschillen/")
    ui.goto(f"/geschillen/geschil/{Geschil.objects.get(leerling__roepnaam='Daan').pk}/")
    assert "Geschillencommissie" in p.content()
    ui.goto(f"/geschillen/advies/{Adviesverzoek.objects.get().pk}/")


def test_school_board_commission_swv_and_helper_pages(ui, demo):
    p = ui.page
    daan = Leerling.objects.get(roepnaam="Daan")
    ui.login("ib@demo.nl", WACHTWOORD)
    ui.goto("/geschillen/")
    ui.goto(f"/geschillen/geschil/{Geschil.objects.get(leerling__roepnaam='Daan').pk}/")
    ui.goto("/geschillen/schorsing/nieuw/")
    p.get_by_label("Leerling").select_option(label=f"{daan.naam} ({daan.geboortedatum:%d-%m-%Y})")
    p.get_by_label("Geschorst vanaf").fill("2099-01-05")  # a date the form refuses as too far away
    p.get_by_label("Geschorst tot en met").fill("2099-01-06")
    p.get_by_label("Redenen").fill("Een vechtpartij op het plein.")
    ui.submit("Schorsing voorbereiden")
    assert "Er is een probleem" in p.content() and "Een vechtpartij" in p.content()
    ui.goto("/geschillen/verwijdering/nieuw/")
    p.get_by_label("Leerling").select_option(label=f"{daan.naam} ({daan.geboortedatum:%d-%m-%Y})")
    p.get_by_label("Waarom overweegt de school verwijdering?").fill("Herhaald ernstig geweld.")
    ui.submit("Voorbereiding starten")
    open_details(ui, "Horen vastleggen")
    logout(ui)

    ui.login("swv@demo.nl", WACHTWOORD)
    ui.goto("/geschillen/samenwerkingsverband/")
    ui.goto(f"/geschillen/advies/{Adviesverzoek.objects.get().pk}/")
    open_details(ui, "Intake en behandelaar")
    p.get_by_label("Datum van de intake").fill(p.evaluate("new Date().toISOString().slice(0, 10)"))
    ui.submit("Intake opslaan")
    open_details(ui, "Bijeenkomst vastleggen")
    logout(ui)

    from geschillen import services as s
    from portal.accounts.models import User

    klacht = Klacht.objects.get(leerling__roepnaam="Yara")  # the demo's klacht about Het Palet (same board)
    vandaag = timezone.localdate()
    maandag = vandaag + timedelta(days=7 - vandaag.weekday())
    sch = s.schorsing_bereid_voor(leerling=daan, school=Geschil.objects.get(leerling__roepnaam="Daan").school,
                                  door=User.objects.get(email="ib@demo.nl"), van=maandag,
                                  tot=maandag + timedelta(days=1), redenen="Vechtpartij")

    ui.login("directeur@demo.nl", WACHTWOORD)
    ui.goto(f"/geschillen/schorsing/{sch.pk}/")
    with p.expect_navigation():
        p.get_by_role("link", name="Besluit bekijken en ondertekenen").click()
    ui.axe()
    p.get_by_label("Uw wachtwoord").fill(WACHTWOORD)
    ui.submit("Bevestigen")
    assert "Alle ouders ontvangen brieven digitaal" in p.content()  # Daan's parent chose letters in the portal
    ui.submit("Ondertekenen en bekendmaken")
    sch.refresh_from_db()
    assert sch.status == "lopend" and sch.inspectie_melding_nodig
    ui.goto(f"/geschillen/schorsing/{sch.pk}/")
    assert "Melding aan de inspectie vastleggen" in p.content()
    logout(ui)

    ui.login("klachten@demo.nl", WACHTWOORD)
    ui.goto("/geschillen/")
    ui.goto(f"/geschillen/klacht/{klacht.pk}/")
    open_details(ui, "Oordeel vastleggen")
    p.get_by_label("Gegrond", exact=True).check()
    p.get_by_label("Datum van het oordeel").fill(p.evaluate("new Date().toISOString().slice(0, 10)"))
    p.get_by_label("Samenvatting van het oordeel").fill("De ouders hadden gehoord moeten worden.")
    ui.submit("Oordeel opslaan")
    logout(ui)

    ui.login("bestuurder@demo.nl", WACHTWOORD)
    ui.goto(f"/geschillen/klacht/{klacht.pk}/")
    with p.expect_navigation():
        p.get_by_role("link", name="Reageren op het oordeel").click()
    ui.axe()
    p.get_by_label("Uw wachtwoord").fill(WACHTWOORD)
    ui.submit("Bevestigen")
    p.get_by_label("Volgt het oordeel", exact=True).check()
    p.get_by_label("Maatregelen en redenen").fill("Ouders worden voortaan eerst gehoord.")
    ui.submit("Reactie vastleggen en brief maken")
    assert Klacht.objects.get(pk=klacht.pk).status == "afgehandeld"
    ui.goto("/geschillen/klachten/jaaroverzicht/")
    logout(ui)

    # the school's staff never see the klacht
    ui.login("ib@demo.nl", WACHTWOORD)
    assert ui.page.goto(ui.base_url + f"/geschillen/klacht/{klacht.pk}/").status == 404
    logout(ui)

    for email in ("steunpunt@demo.nl", "leerplicht@demo.nl"):
        ui.login(email, WACHTWOORD)
        ui.goto("/geschillen/")
        logout(ui)


def test_guide_on_a_phone_does_not_scroll_sideways(phone, demo):
    phone.login("ouder@demo.nl", WACHTWOORD)
    geschil = Geschil.objects.get(leerling__roepnaam="Daan")
    for url in (f"/geschillen/wegwijzer/{geschil.hoofdzaak_id}/", f"/geschillen/geschil/{geschil.pk}/", "/geschillen/"):
        phone.goto(url)
        assert phone.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
