"""Issue #10 "Done when", end to end in the browser: the IB'er drafts an OPP; the vaststelling is blocked while a legal
element is missing and the message names it; one parent refuses instemming with a reason and sees the routes; the
IB'er revises; both parents consent; the directeur (mandated) sets it after re-authentication; the PDF of the
version holds the goals, the pupil's view and the instemming record. A pupil of 13 sees their plan and gives their
view; the school's overview and a phone screen pass axe. axe-core on every page visited; parents' pages carry no
rule ids and no English dates."""

import shutil
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from opp.models import Ontwikkelingsperspectief
from portal.accounts.constants import Rol
from portal.leerlingen.services import inschrijving_maak
from tests.browser.test_aanmelding_flow import logout, pdf_tekst
from tests.factories import PASSWORD, LeerlingFactory, SchoolFactory, SWVFactory, mandaat, member, ouder_van

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = ZoneInfo("Europe/Amsterdam")


def vul(ui, velden: dict):
    """Fill fields by their name (the labels say '(niet verplicht)' or carry crispy's required mark)."""
    for naam, waarde in velden.items():
        ui.page.locator(f"#id_{naam}").fill(waarde)


def test_opp_end_to_end(ui, settings, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt: apt-get install poppler-utils")
    settings.DEMO = True  # the 2FA login is covered by test_roles; here: the OPP
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS), tick=True):
        school = SchoolFactory(naam="Basisschool De Linde", swvs=[SWVFactory()])
        ib = member(Rol.IB, school=school, first_name="Ilse", last_name="Brink", email="ib@example.nl")
        directeur = member(Rol.DIRECTEUR, school=school, first_name="Dirk", last_name="Smit", email="dir@example.nl")
        mandaat(directeur, school.bestuur, ["opp"], functie="directeur Basisschool De Linde")
        kind = LeerlingFactory(voornamen="Mila", roepnaam="Mila", achternaam="Jansen", geboortedatum=date(2017, 1, 10))
        moeder = ouder_van(kind, email="moeder@example.nl", first_name="Anna", last_name="Jansen", brieven_digitaal=True)
        vader = ouder_van(kind, email="vader@example.nl", first_name="Bert", last_name="Jansen", brieven_digitaal=True)
        inschrijving_maak(leerling=kind, school=school, van=date(2026, 2, 23), door=None, extra_ondersteuning=True)
        opp = Ontwikkelingsperspectief.objects.get(leerling=kind)
        p = ui.page

        # --- the IB'er drafts the OPP, one factor still missing ------------------------------------------------------
        ui.login(ib.email, PASSWORD)
        ui.goto("/opp/")
        assert "OPP verplicht, nog niet vastgesteld" in p.content() and "Mila Jansen" in p.content()
        with p.expect_navigation():
            p.get_by_role("link", name=opp.nummer).click()
        ui.axe()
        # B-2: enrolled Monday 23 February + 6 weeks = Easter Monday 6 April → Tuesday 7 April (Atw)
        assert "dinsdag 7 april 2026" in p.content()
        with p.expect_navigation():
            p.get_by_role("link", name="Perspectief invullen").click()
        ui.axe()
        p.get_by_label("Verwachte uitstroombestemming").select_option(label="Vmbo kaderberoepsgerichte leerweg")
        vul(ui, {"onderbouwing": "Rekenen volgens de norm; technisch lezen een jaar achter (DMT).",
                 "bevorderende_factoren": "Gemotiveerd; sterke mondelinge taal.",
                 "verwachting_ouders": "Dat Mila plezier houdt in lezen."})
        ui.submit("Opslaan")
        with p.expect_navigation():
            p.get_by_role("link", name="Doel toevoegen").click()
        ui.axe()
        p.get_by_label("Gebied").select_option(label="Lezen, taal en spelling")
        vul(ui, {"omschrijving": "Mila leest vlotter.", "criterium": "DMT kaart 3: 45 woorden per minuut",
                 "aanpak": "Leesgroep twee keer per week"})
        p.locator("#id_streefdatum").fill("2026-06-26")
        ui.submit("Doel opslaan")
        with p.expect_navigation():
            p.get_by_role("link", name="Handelingsdeel bewerken").click()
        ui.axe()
        vul(ui, {"ondersteuning": "Leesbegeleiding in een klein groepje."})
        p.get_by_label("Er zijn geen afwijkingen van het onderwijsprogramma").check()
        ui.submit("Opslaan")
        with p.expect_navigation():
            p.get_by_role("link", name="Overleg met de ouders vastleggen").click()
        ui.axe()
        vul(ui, {"deelnemers": "Anna en Bert Jansen, Ilse Brink", "besproken": "Het perspectief en het doel.",
                 "afspraken": "Vmbo kader als verwachting."})
        p.get_by_label("Overeenstemming bereikt").check()
        ui.submit("Overleg vastleggen")
        with p.expect_navigation():
            p.get_by_role("link", name="Mening namens de leerling vastleggen").click()
        ui.axe()
        vul(ui, {"tekst": "Ik wil niet meer hardop voorlezen in de klas.",
                 "hoe_gevraagd": "In een gesprekje met de juf"})
        ui.submit("Vastleggen")
        # vaststelling is blocked while a legal element is missing: the message names it
        with p.expect_navigation():
            p.get_by_role("link", name="Vaststelling voorbereiden").click()
        ui.axe()
        p.get_by_label("Uitleg voor de leerling: wat heeft de school met zijn of haar mening gedaan?").fill(
            "Je leest voortaan in het kleine groepje en niet meer hardop voor de klas.")
        ui.submit("Vaststelling voorbereiden")
        fouten = p.locator(".foutsamenvatting").inner_text()
        assert "De belemmerende factoren ontbreken (B-3)." in fouten
        assert "nog niet ter instemming voorgelegd" in fouten
        ui.goto(f"/opp/{opp.pk}/perspectief/")
        vul(ui, {"belemmerende_factoren": "Dyslexie; snel afgeleid in een drukke klas."})
        ui.submit("Opslaan")
        ui.submit("Handelingsdeel ter instemming voorleggen")
        assert "ter instemming voorgelegd" in p.content()
        logout(ui)

        # --- one parent refuses, with a reason, and sees the routes ------------------------------------------------------
        ui.login(moeder.email, PASSWORD)
        assert "Ontwikkelingsperspectief: Mila Jansen" in p.content() or "Mila Jansen" in p.content()
        ui.goto(f"/opp/{opp.pk}/")
        body = p.content()
        assert "Mila leest vlotter." in body and "Ik wil niet meer hardop voorlezen" in body
        p.get_by_label("Nee, ik stem niet in").check()
        p.get_by_label("Toelichting (niet verplicht)").fill("Twee keer per week is te weinig; wij willen drie keer.")
        ui.submit("Antwoord versturen")
        body = p.content()
        assert "Niet iedereen stemt in" in body and "Geschillencommissie passend onderwijs" in body
        assert "de school geeft wel de ondersteuning" in body
        logout(ui)

        # --- the IB'er revises and asks again -------------------------------------------------------------------------
        ui.login(ib.email, PASSWORD)
        ui.goto(f"/opp/{opp.pk}/")
        assert "Twee keer per week is te weinig" in p.content()
        ui.submit("Concept wijzigen")
        with p.expect_navigation():
            p.get_by_role("link", name="Wijzigen — Mila leest vlotter.").click()
        ui.axe()
        vul(ui, {"aanpak": "Leesgroep drie keer per week"})
        ui.submit("Doel opslaan")
        ui.submit("Handelingsdeel ter instemming voorleggen")
        logout(ui)

        # --- both parents consent -------------------------------------------------------------------------------------
        for ouder in (moeder, vader):
            ui.login(ouder.email, PASSWORD)
            ui.goto(f"/opp/{opp.pk}/")
            assert "Leesgroep drie keer per week" in p.content()
            p.get_by_label("Ja, ik stem in").check()
            ui.submit("Antwoord versturen")
            assert "Uw instemming is vastgelegd" in p.content()
            logout(ui)

        # --- the IB'er prepares the vaststelling; the directeur, mandated, sets it ---------------------------------------
        ui.login(ib.email, PASSWORD)
        ui.goto(f"/opp/{opp.pk}/vaststellen/")
        assert "Alle onderdelen zijn er" in p.content()
        uitleg = p.get_by_label("Uitleg voor de leerling: wat heeft de school met zijn of haar mening gedaan?")
        assert uitleg.input_value().startswith("Je leest voortaan")  # kept from the blocked attempt
        ui.submit("Vaststelling voorbereiden")
        assert "De vaststelling is voorbereid" in p.content()
        logout(ui)
        ui.login(directeur.email, PASSWORD)
        assert "Besluit ondertekenen" in p.content()  # the start page's task
        with p.expect_navigation():
            p.get_by_role("link", name="Besluit ondertekenen").first.click()
        ui.axe()
        assert "/account/bevestig/" in p.url
        p.get_by_label("Uw wachtwoord").fill(PASSWORD)
        ui.submit("Bevestigen")
        body = p.content()
        assert "Vaststelling van versie 1" in body and "Anna Jansen: ingestemd" in body
        ui.submit("Ondertekenen en bekendmaken")
        assert "is ondertekend" in p.content() and "Vastgesteld" in p.content()
        logout(ui)

        # --- the parent reads the plan and its PDF: goals, the pupil's view, the instemming record ----------------------
        ui.login(vader.email, PASSWORD)
        ui.goto(f"/opp/{opp.pk}/")
        body = p.content()
        assert "Het plan voor de ondersteuning is vastgesteld." in body
        assert "Wat de school met de mening van de leerling deed" in body
        link = p.get_by_role("link", name="PDF van versie 1").get_attribute("href")
        tekst = " ".join(pdf_tekst(ui, link, tmp_path).split())
        for stuk in ("Mila leest vlotter.", "DMT kaart 3: 45 woorden per minuut", "Leesgroep drie keer per week",
                     "Ik wil niet meer hardop voorlezen in de klas.", "Instemming met het handelingsdeel",
                     "Anna Jansen", "Bert Jansen", "Niet ingestemd", "Ingestemd", "2 maart 2026",
                     "Twee keer per week is te weinig", "Pagina 1 van"):
            assert stuk in tekst, stuk
        brief = p.get_by_role("link", name="Vaststelling ontwikkelingsperspectief (PDF)").get_attribute("href")
        assert "Geschillencommissie" in pdf_tekst(ui, brief, tmp_path)
        ui.goto(f"/opp/{opp.pk}/versie/1/")


def test_pupil_of_13_sees_the_plan_and_gives_a_view_and_the_overview_on_a_phone(ui, phone, settings):
    settings.DEMO = True
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS), tick=True):
        school = SchoolFactory(naam="Vallei College", soort="vo")
        ib = member(Rol.IB, school=school, email="ib@example.nl")
        leerling = member(Rol.LEERLING, email="lotte@example.nl", first_name="Lotte")
        kind = LeerlingFactory(voornamen="Lotte", roepnaam="Lotte", achternaam="Visser", geboortedatum=date(2013, 1, 5),
                               account=leerling)
        ouder_van(kind, email="ouder@example.nl")
        inschrijving_maak(leerling=kind, school=school, van=date(2026, 2, 23), door=None, extra_ondersteuning=True)
        opp = Ontwikkelingsperspectief.objects.get(leerling=kind)
        p = ui.page
        ui.login(leerling.email, PASSWORD)
        ui.ouder = True  # the pupil's pages speak plain words too: no rule ids, no English dates
        ui.goto("/opp/")
        with p.expect_navigation():
            p.get_by_role("link", name="Lotte Visser — Vallei College").click()
        ui.axe()
        assert "Jouw plan" in p.content()
        with p.expect_navigation():
            p.get_by_role("link", name="Geef je mening").click()
        ui.axe()
        p.get_by_label("Jouw mening").fill("Ik wil graag stage lopen bij een garage.")
        ui.submit("Versturen")
        assert "Je mening staat bij je plan" in p.content() and "Door de leerling zelf" in p.content()

        phone.login(ib.email, PASSWORD)
        for url in ["/opp/", f"/opp/{opp.pk}/", "/opp/nieuw/", f"/opp/{opp.pk}/doel/nieuw/"]:
            phone.goto(url)
            breedte = phone.page.evaluate("document.documentElement.scrollWidth")
            assert breedte <= 375, f"{url} scrolt opzij ({breedte}px)"
