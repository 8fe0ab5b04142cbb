"""Issue #11's 'done when' in the browser: a parent whose aanmelding was refused on a support ground (a place
elsewhere, A-10) opens the escalation guide — its dates are the decision's clocks — and files a geschil; the school
records its verweer and the oordeel (gegrond); the board responds after re-authentication; the parent's dossier
PDF holds the decision letter and the timeline. A plaatsgebrek refusal shows the remit warning and can still be
filed. The parent shares the case with an onderwijsconsulent, who reads it; the parent sees that view. axe-core
runs on every page visited."""

import shutil
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aanmelding.constants import BesluitSoort, WeigerGrond
from geschillen.models import Geschil
from portal.accounts.constants import Rol
from portal.meldingen.models import OutboxEmail
from tests.browser.test_aanmelding_flow import logout, open_details, pdf_tekst
from tests.factories import PASSWORD, LeerlingFactory, member, ouder_van
from tests.test_geschillen import school_met_staf, weigering

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = ZoneInfo("Europe/Amsterdam")


def test_geschil_end_to_end(ui, settings, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt: apt-get install poppler-utils")
    settings.DEMO = True  # the 2FA login is covered elsewhere; here: the geschil
    school = school_met_staf(naam="Basisschool De Linde")
    kind = LeerlingFactory(voornamen="Mila", roepnaam="Mila", achternaam="Jansen", geboortedatum=date(2018, 1, 10))
    ouder = ouder_van(kind, email="ouder@example.nl", brieven_digitaal=True)
    aanmelding, besluit = weigering(school=school, kind=kind, ouder=ouder, bekend=date(2026, 3, 2))
    broer = LeerlingFactory(voornamen="Sem", roepnaam="Sem", achternaam="Jansen", geboortedatum=date(2019, 6, 1))
    from portal.leerlingen.models import Gezag

    Gezag.objects.create(leerling=broer, ouder=ouder)
    vol, vol_besluit = weigering(school=school, kind=broer, ouder=ouder, soort=BesluitSoort.NIET_TOEGELATEN,
                                 grond=WeigerGrond.PLAATSGEBREK, bekend=date(2026, 3, 2))
    consulent = member(Rol.ONDERWIJSCONSULENT, email="consulent@example.nl", organisatie_naam="Onderwijsconsulenten")
    a13, d2 = besluit.klokken["A-13"].uiterlijk, besluit.klokken["D-2"].uiterlijk
    assert (a13, d2) == (date(2026, 4, 13), date(2026, 4, 13))

    with time_machine.travel(datetime(2026, 3, 10, 10, 0, tzinfo=AMS), tick=True):
        p = ui.page
        # the parent opens the escalation guide from their overview: the dates are the decision's clocks
        ui.login(ouder.email, PASSWORD)
        ui.goto("/geschillen/")
        with p.expect_navigation():
            p.get_by_role("link", name="Wegwijzer Aanmelding Basisschool De Linde").first.click()
        ui.axe()
        body = p.content()
        assert body.count("maandag 13 april 2026") == 2  # bezwaar and geschil (D-2), read from the clocks
        assert "A-13" not in body and "D-2" not in body
        open_details(ui, "Wat zegt de wet? — Maak bezwaar")
        assert p.get_by_text("Awb 6:7 en 6:8").is_visible()

        # share the case with an onderwijsconsulent
        with p.expect_navigation():
            p.get_by_role("link", name="Deel deze zaak met een onderwijsconsulent").click()
        ui.axe()
        p.get_by_label("E-mailadres van die persoon").fill(consulent.email)
        ui.submit("Uitnodiging versturen")
        link = OutboxEmail.objects.get(aan=consulent.email).tekst.split("http://127.0.0.1:8000")[1].split()[0]

        # file the geschil
        ui.goto(f"/geschillen/wegwijzer/{aanmelding.pk}/")
        with p.expect_navigation():
            p.get_by_role("link", name="Geschil indienen").click()
        ui.axe()
        assert "buiten wat de commissie behandelt" not in p.content()  # a support ground: within the remit
        p.get_by_label("Waar gaat het geschil over?").fill("De school heeft niet onderzocht wat Mila nodig heeft.")
        ui.submit("Geschil vastleggen")
        geschil = Geschil.objects.get(hoofdzaak=aanmelding)
        assert "Geschil bij de Geschillencommissie passend onderwijs" in p.content()
        # a plaatsgebrek refusal: the remit warning with the reason, and filing anyway
        ui.goto(f"/geschillen/geschil/nieuw/{vol.pk}/")
        assert "plaatsgebrek" in p.content()
        ui.submit("Geschil vastleggen")
        assert "Lees de waarschuwing" in p.content()
        p.get_by_label("Ik heb de waarschuwing gelezen en dien het verzoek toch in").check()
        ui.submit("Geschil vastleggen")
        assert Geschil.objects.filter(hoofdzaak=vol).exists()
        logout(ui)

        # the onderwijsconsulent accepts and reads the case
        ui.login(consulent.email, PASSWORD)
        ui.goto(link)
        ui.submit("Uitnodiging aannemen")
        assert "Basisschool De Linde" in p.content()
        logout(ui)

        # the school records its verweer and, later, the oordeel
        ui.login(school.ib.email, PASSWORD)
        ui.goto(f"/geschillen/geschil/{geschil.pk}/")
        p.get_by_label("Datum waarop het verweer naar de commissie ging").fill("2026-03-10")
        p.get_by_label("Samenvatting van het verweer").fill("De school onderzocht en vond een passende plek.")
        ui.submit("Verweer opslaan")
        open_details(ui, "Oordeel vastleggen")
        p.get_by_label("Gegrond", exact=True).check()
        p.get_by_label("Datum van het oordeel").fill("2026-03-10")
        p.get_by_label("Samenvatting van het oordeel").fill("De school had meer moeten onderzoeken.")
        ui.submit("Oordeel opslaan")
        assert "Oordeel ontvangen" in p.content()
        logout(ui)

        # the board (the directeur, mandated for geschillen) responds after re-authentication
        ui.login(school.directeur.email, PASSWORD)
        ui.goto(f"/geschillen/geschil/{geschil.pk}/")
        with p.expect_navigation():
            p.get_by_role("link", name="Reageren op het oordeel").click()
        ui.axe()
        assert "/account/bevestig/" in p.url
        p.get_by_label("Uw wachtwoord").fill(PASSWORD)
        ui.submit("Bevestigen")
        ui.submit("Reactie vastleggen en brief maken")  # refused: choose what the board does
        p.get_by_label("Volgt het oordeel", exact=True).check()
        p.get_by_label("Toelichting en redenen").fill("Wij nemen Mila alsnog toe, met een kleine groep.")
        ui.submit("Reactie vastleggen en brief maken")
        assert "De reactie is vastgelegd" in p.content()
        logout(ui)

        # the parent: the response, the helper's view, and the dossier with the decision letter and the timeline
        ui.login(ouder.email, PASSWORD)
        ui.goto(f"/geschillen/geschil/{geschil.pk}/")
        body = p.content()
        assert "Volgt het oordeel" in body and "Reactie van het schoolbestuur" in body
        ui.goto(f"/geschillen/delen/{aanmelding.pk}/")
        assert "Gedeelde zaak bekeken" in p.content()
        ui.goto(f"/geschillen/geschil/{geschil.pk}/")
        # the dossier is made in the worker (issue #19 defect 8): asked for on its page, then downloaded there
        with p.expect_navigation():
            p.get_by_role("link", name="Dossier downloaden (PDF)").first.click()
        ui.axe()
        ui.submit("Dossier maken")
        from portal.documenten.exports import exports_render_wachtend

        exports_render_wachtend(ouder_dan_seconden=0)  # the worker (already done when tasks run eagerly)
        ui.goto(p.url.replace(ui.base_url, ""))
        assert "Uw dossier is klaar" in p.content()
        ui.axe()
        link = p.get_by_role("link", name="Dossier downloaden (PDF)").first.get_attribute("href")
        tekst = pdf_tekst(ui, link, tmp_path)
        assert "Dossier van Mila Jansen" in tekst and "Tijdlijn" in tekst
        assert "Geschil is begonnen" in tekst and "Oordeel van de commissie ontvangen (Gegrond)" in tekst
        assert "Besluit op de aanmelding" in tekst and "Elders beter" in tekst  # the decision letter itself
        assert "Wij nemen Mila alsnog toe" in tekst, tekst  # the board's letter
