"""Issue #13 "Done when", in the browser: an anonymous visitor finds a school by a filter and reads its profile; a
parent fills in the "voor mijn kind" checklist, saves it, comes back, changes an answer (the earlier version is kept)
and downloads the PDF (its text holds the answers); switching to English persists across pages and a new login, and
no Dutch interface text remains on the public pages and the checklist. axe on every page visited; every public page
fits a 320 px screen."""

import io
import re
from datetime import date

import pytest

from portal.accounts.constants import Rol
from portal.informatie.models import Checklist
from portal.organisaties import services as org
from portal.organisaties.models import Basisondersteuning
from tests.factories import (
    PASSWORD,
    InschrijvingFactory,
    LeerlingFactory,
    SchoolFactory,
    SWVFactory,
    member,
    ouder_van,
)
from tests.test_informatie import (  # noqa: F401  (fixtures: the .po compiled by the project's own command)
    _gecompileerd,
    nederlandse_woorden,
    stel_profiel_vast,
    vertaald,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ITEM_OPP = "Mijn kind heeft een OPP, en ik sta achter wat erin staat."
ITEM_PLEZIER = "Mijn kind gaat met plezier naar school."


@pytest.fixture
def gegevens():
    swv = SWVFactory(naam="SWV Rivierenland")
    linde = SchoolFactory(naam="Basisschool De Linde", plaats="Rivierstad", swvs=[swv])
    eik = SchoolFactory(naam="Basisschool De Eik", plaats="Rivierstad", swvs=[swv])
    for school, extra, ingang, lift, toilet in [(linde, ("lezen_taal", "Leesgroep drie keer per week"), "gelijkvloers",
                                                 "ja", True),
                                                (eik, ("gedrag", "Time-outplek in elke groep"), "trap", "nee", False)]:
        stel_profiel_vast(school, member(Rol.IB, school=school), member(Rol.DIRECTEUR, school=school), extra=[extra],
                          ingang=ingang, lift=lift, toilet=toilet, procedure="Bel de school voor een kennismaking.")
    Basisondersteuning.objects.create(swv=swv, titel="Dyslexieprotocol in elke groep", gebied="lezen_taal")
    org.basisondersteuning_publiceer(swv=swv, door=member(Rol.SWV, swv=swv))
    kind = LeerlingFactory(voornamen="Mila", roepnaam="Mila", achternaam="Jansen", geboortedatum=date(2017, 1, 10))
    InschrijvingFactory(leerling=kind, school=linde)
    ouder = ouder_van(kind, email="ouder@example.nl", first_name="Sanne", last_name="Jansen")
    return {"swv": swv, "linde": linde, "eik": eik, "kind": kind, "ouder": ouder}


def test_anonymous_visitor_finds_a_school_by_a_filter_and_reads_its_profile(ui, gegevens):
    p = ui.page
    ui.goto("/informatie/")
    p.get_by_role("link", name="Een school zoeken").first.click()
    p.wait_for_load_state()
    ui.axe()
    p.get_by_label("Extra ondersteuning bij").select_option(label="Lezen, spelling en taal (ook dyslexie)")
    p.get_by_label("Rolstoeltoegankelijk (ingang, lift waar nodig en aangepast toilet)").check()
    ui.submit("Zoeken")
    assert p.get_by_role("heading", name="1 school gevonden").is_visible()
    assert p.get_by_role("link", name="Basisschool De Eik").count() == 0
    p.get_by_role("link", name="Basisschool De Linde").click()
    p.wait_for_load_state()
    ui.axe()
    tekst = p.inner_text("main")
    assert "Bel de school voor een kennismaking." in tekst  # the aanmeldprocedure
    assert "Leesgroep drie keer per week" in tekst  # the profile
    assert "Dyslexieprotocol in elke groep" in tekst  # the SWV's basisondersteuning
    assert "Een school mag uw kind niet weigeren omdat iets niet in het" in tekst  # no ground for refusal
    # a glossary word explained in place: a button, not a hover
    p.get_by_role("button", name="zorgplicht: wat betekent dit?").first.click()
    uitleg = p.locator("[popover]:popover-open")
    assert uitleg.is_visible() and "passende plek" in uitleg.inner_text()
    ui.axe()
    p.keyboard.press("Escape")
    assert p.locator("[popover]:popover-open").count() == 0
    # an anonymous visitor is asked to log in before the aanmelding
    assert p.get_by_role("link", name="Inloggen om uw kind aan te melden").is_visible()


def _antwoord(p, item, label):
    p.locator("fieldset", has=p.locator("legend", has_text=item)).get_by_label(label, exact=True).check()


def _gekozen(p, item, label) -> bool:
    return p.locator("fieldset", has=p.locator("legend", has_text=item)).get_by_label(label, exact=True).is_checked()


def test_parent_fills_in_the_checklist_comes_back_changes_an_answer_and_downloads_the_pdf(ui, gegevens, tmp_path):
    p = ui.page
    ui.login("ouder@example.nl", PASSWORD)
    ui.goto("/informatie/checklists/")
    p.get_by_role("link", name="Invullen (Mila Jansen)").click()
    p.wait_for_load_state()
    ui.axe()
    _antwoord(p, ITEM_OPP, "Weet ik niet")
    p.locator("#id_kind_opp__notitie").fill("Het OPP is nog niet met ons besproken.")
    _antwoord(p, ITEM_PLEZIER, "Ja")
    ui.submit("Opslaan")
    assert "opgeslagen als versie 1" in p.inner_text("main")

    # she comes back later: the answers are there; she changes one
    ui.goto("/")
    ui.goto("/informatie/checklists/")
    p.get_by_role("link", name="Bijwerken (Mila Jansen)").click()
    p.wait_for_load_state()
    ui.axe()
    assert _gekozen(p, ITEM_OPP, "Weet ik niet") and _gekozen(p, ITEM_PLEZIER, "Ja")
    assert p.locator("#id_kind_opp__notitie").input_value() == "Het OPP is nog niet met ons besproken."
    _antwoord(p, ITEM_OPP, "Gedeeltelijk")
    p.locator("#id_kind_opp__notitie").fill("Besproken; de doelen zijn nog te vaag.")
    ui.submit("Opslaan")
    assert "opgeslagen als versie 2" in p.inner_text("main")

    # the earlier version is kept, readable
    p.get_by_role("link", name="Alle versies bekijken").first.click()
    p.wait_for_load_state()
    ui.axe()
    p.get_by_role("link", name=re.compile(r"^Versie 1 — ")).click()
    p.wait_for_load_state()
    ui.axe()
    assert "Dit is een eerdere versie." in p.inner_text("main")
    assert "Het OPP is nog niet met ons besproken." in p.inner_text("main")
    c = Checklist.objects.get()
    assert c.versies.count() == 2

    # the PDF of the latest version holds the answers and the notes
    ui.goto(f"/informatie/checklist/{c.pk}/")
    with p.expect_download() as download:
        p.get_by_role("link", name="Versie 2 als PDF").click()
    pad = tmp_path / "checklist.pdf"
    download.value.save_as(pad)
    from pypdf import PdfReader

    tekst = "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(pad.read_bytes())).pages)
    assert "Checklist voor Mila Jansen" in tekst
    assert "☑ Gedeeltelijk" in tekst and "☑ Ja" in tekst
    assert "Besproken; de doelen zijn nog te vaag." in tekst


def _login_engels(ui, email):
    p = ui.page
    ui.goto("/account/inloggen/")
    p.get_by_label("Email address").fill(email)
    p.get_by_label("Password").fill(PASSWORD)
    ui.submit("Log in")


@pytest.mark.usefixtures("vertaald")
def test_english_persists_across_pages_and_a_new_login_and_no_dutch_remains(ui, browser, live_server, gegevens):
    from tests.browser.conftest import UI

    g = gegevens
    data = ["SWV Rivierenland", "Basisschool De Linde", "Basisschool De Eik", "Rivierstad", "Mila Jansen", "Sanne",
            "Jansen"]
    p = ui.page
    ui.goto("/informatie/")
    ui.submit("English")  # the switch in the footer
    assert p.get_by_role("heading", name="Information for parents", level=1).is_visible()
    # every public page, in English, with no Dutch interface text
    p.get_by_role("link", name="Find a school").first.click()
    p.wait_for_load_state()
    ui.axe()
    p.get_by_label("Extra support with").select_option(label="Reading, spelling and language (including dyslexia)")
    ui.submit("Search")
    assert p.get_by_role("heading", name="1 school found").is_visible()
    paginas = ["/informatie/", "/informatie/begrippen/", "/informatie/hulp/", "/informatie/checklists/",
               "/informatie/checklists/kind/", "/informatie/checklists/school/", "/informatie/checklists/swv/",
               f"/informatie/scholen/{g['linde'].pk}/", "/informatie/rechten/zorgplicht/",
               "/informatie/rechten/aanmelden/", "/informatie/rechten/ondersteuning/", "/informatie/rechten/opp/",
               "/informatie/rechten/als-het-misgaat/", "/informatie/rechten/gelijke-behandeling/"]
    fouten = {}
    for pad in paginas:
        ui.goto(pad)
        assert p.locator("html").get_attribute("lang") == "en", pad
        woorden = nederlandse_woorden(p.content(), data + ["Bel de school voor een kennismaking."])
        if woorden:
            fouten[pad] = woorden
    assert not fouten, fouten

    # log in (the login page is English: the cookie). The account had no choice of its own, so it takes over the
    # visitor's: the pages stay English after the login, the choice is kept in the account, and the checklist is
    # filled in English.
    _login_engels(ui, "ouder@example.nl")
    ui.goto(f"/informatie/checklist/kind/{g['kind'].pk}/")
    assert p.locator("html").get_attribute("lang") == "en"
    g["ouder"].refresh_from_db()
    assert g["ouder"].taal == "en"
    assert p.get_by_role("heading", name="Checklist for Mila Jansen").is_visible()
    p.locator("fieldset", has=p.locator("legend", has_text="My child enjoys going to school.")).get_by_label(
        "Partly", exact=True).check()
    ui.submit("Save")
    assert "saved as version 1" in p.inner_text("main")
    assert not nederlandse_woorden(p.content(), data), nederlandse_woorden(p.content(), data)
    ui.submit("Log out")

    # a new browser, without the cookie: after logging in the account's choice holds
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    try:
        nieuw = UI(context.new_page(), live_server.url, "en-nieuw")
        nieuw.goto("/account/inloggen/")  # Dutch: this browser has made no choice yet
        nieuw.page.get_by_label("E-mailadres").fill("ouder@example.nl")
        nieuw.page.get_by_label("Wachtwoord").fill(PASSWORD)
        nieuw.submit("Inloggen")
        nieuw.goto("/informatie/checklists/")
        assert nieuw.page.locator("html").get_attribute("lang") == "en"
        assert nieuw.page.get_by_role("heading", name="The three checklists", level=1).is_visible()
    finally:
        context.close()


def test_public_pages_pass_axe_and_fit_a_phone(smal, gegevens):
    paginas = ["/informatie/", "/informatie/scholen/", "/informatie/scholen/?rolstoel=on&ondersteuning=lezen_taal",
               f"/informatie/scholen/{gegevens['linde'].pk}/", "/informatie/begrippen/", "/informatie/hulp/",
               "/informatie/checklists/", "/informatie/checklists/kind/", "/informatie/checklists/school/",
               "/informatie/checklists/swv/", "/informatie/rechten/zorgplicht/", "/informatie/rechten/aanmelden/",
               "/informatie/rechten/ondersteuning/", "/informatie/rechten/opp/",
               "/informatie/rechten/als-het-misgaat/", "/informatie/rechten/gelijke-behandeling/"]
    for pad in paginas:
        smal.goto(pad)
        assert smal.page.evaluate("document.documentElement.scrollWidth") <= 320, pad
    smal.login("ouder@example.nl", PASSWORD)
    smal.goto(f"/informatie/checklist/kind/{gegevens['kind'].pk}/")
    assert smal.page.evaluate("document.documentElement.scrollWidth") <= 320
