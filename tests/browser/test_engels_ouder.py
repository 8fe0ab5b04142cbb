"""Issue #22 "Done when", in the browser: a parent who chose English walks the OPP (two parents with gezag: one refuses,
the IB'er changes the plan, both agree), the TLV (two experts, the decision, its letter, the bezwaar guide) and a
geschil (from the escalation guide to the case page). Every page they visit is English: ``<html lang="en">``, no
Dutch interface word, English dates ("Monday 18 January 2027"), and the letter holds the Dutch legal letter followed
by its English courtesy pages. A parent who chose Dutch, in an English browser, reads the same pages in Dutch with
``lang="nl"`` and Dutch dates. The steps that are not the parent's are taken through the services; axe-core runs on
every page visited (the ``ui``/``engels`` fixtures)."""

import io
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from opp import services as opp_s
from portal.zaken.services import besluit_onderteken
from tests.browser.conftest import UI
from tests.factories import PASSWORD, ouder_van
from tests.test_informatie import _gecompileerd, vertaald  # noqa: F401  (fixtures: the compiled catalogue)
from tests.test_vertalingen_pagina import MAANDEN_EN, MAANDEN_NL, _html_lang, _woorden, nederlandse_woorden
from tests.test_vertalingen_rondgang import _data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = ZoneInfo("Europe/Amsterdam")


# --- the language checks on every page the parent visits ------------------------------------------------------------

def taal_controle(ui: UI, taal: str):
    """Replace the page check of ``ui`` by axe plus the language checks: ``lang``, no Dutch interface word (English),
    no month or day name of the other language. The conftest's own parent check (no English date names) is for a
    Dutch page; here the page's language decides which names are wrong."""
    ui.ouder = False
    ui.paginas = []

    def axe():
        UI.axe(ui)
        html = ui.page.content()
        url = ui.page.url
        assert _html_lang(html) == taal, f"lang op {url}: {_html_lang(html)}"
        data = _data()  # names and every free text in the cases: data, not interface text
        if taal == "en":
            assert not _woorden(html, MAANDEN_NL, data), f"Nederlandse datum op {url}: {_woorden(html, MAANDEN_NL, data)}"
            assert not nederlandse_woorden(html, data), f"Nederlands op {url}: {nederlandse_woorden(html, data)}"
        else:
            assert not _woorden(html, MAANDEN_EN, data), f"Engelse datum op {url}: {_woorden(html, MAANDEN_EN, data)}"
        ui.paginas.append(url)

    ui.axe = axe


def login_engels(ui: UI, email):
    """The login page: the parent picks English in the footer (as on any device), then logs in."""
    ui.ouder = False
    ui.goto("/account/inloggen/")
    if ui.page.locator("html").get_attribute("lang") != "en":
        ui.submit("English")
    taal_controle(ui, "en")
    ui.axe()
    ui.page.get_by_label("Email address").fill(email)
    ui.page.get_by_label("Password").fill(PASSWORD)
    ui.submit("Log in")


def login_nederlands(ui: UI, email):
    taal_controle(ui, "nl")
    ui.goto("/account/inloggen/")
    ui.page.get_by_label("E-mailadres").fill(email)
    ui.page.get_by_label("Wachtwoord").fill(PASSWORD)
    ui.submit("Inloggen")


def uitloggen(ui: UI):
    ui.submit("Log out" if _html_lang(ui.page.content()) == "en" else "Uitloggen")


def kies(user, taal):
    user.taal = taal
    user.save(update_fields=["taal"])


def pdf_tekst(ui: UI, href: str) -> str:
    from pypdf import PdfReader

    r = ui.page.request.get(ui.base_url + href)
    assert r.status == 200 and r.headers["content-type"] == "application/pdf", (href, r.status)
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(r.body())).pages).split())


def brief_met_hoffelijkheid(tekst: str, nederlands: list[str], engels: list[str]):
    """The Dutch legal letter first (its parts), then the English courtesy pages with English dates."""
    assert "Courtesy translation" in tekst, "de brief heeft geen Engelse 'Courtesy translation'-pagina's"
    brief, vertaling = tekst.split("Courtesy translation", 1)
    for stuk in nederlands:
        assert stuk in brief, stuk
    for stuk in engels:
        assert stuk in vertaling, stuk
    assert not re.search(r"\b(" + "|".join(MAANDEN_NL) + r")\b", vertaling), "Nederlandse datum in de vertaling"


def engelse_datum(dag: date) -> str:
    return f"{dag:%A} {dag.day} {dag:%B %Y}"  # "Monday 18 January 2027"


# --- 1. the OPP: two parents with gezag; one refuses, the IB'er changes the plan, both agree ---------------------------

@pytest.fixture
def opp_wereld(world):
    from portal.termijnen.services import clock_start
    o = world  # as tests/test_opp.py's ``w``: a second parent with gezag, letters online, a mandate for the OPP
    o.ouder2_a = ouder_van(o.kind_a, brieven_digitaal=True)
    o.ouder_a.brieven_digitaal = True
    o.ouder_a.save(update_fields=["brieven_digitaal"])
    o.mandaat_a.besluittypen = ["aanmelding", "opp"]
    o.mandaat_a.save(update_fields=["besluittypen"])
    o.opp = o.zaak_a
    clock_start(regel_id="B-2", zaak=o.opp, start=date(2027, 1, 11))  # enrolled a week before
    kies(o.ouder_a, "en")
    kies(o.ouder2_a, "en")
    return o


def test_opp_in_english_two_parents(engels, opp_wereld, vertaald, settings):  # noqa: F811
    from tests.test_opp import concept, refresh

    settings.DEMO = True
    w, ui, p = opp_wereld, engels, engels.page
    opp = w.opp
    maandag = date(2027, 1, 18)
    with time_machine.travel(datetime(2027, 1, 18, 10, 0, tzinfo=AMS), tick=True):
        concept(w)  # the IB'er's draft: perspective, a goal, the meeting, the pupil's view
        opp_s.opp_leg_voor(opp=refresh(opp), door=w.ib_a)  # the IB'er offers the handelingsdeel for instemming

        # parent 1 refuses, with a reason, and reads where to go
        login_engels(ui, w.ouder_a.email)
        ui.goto(f"/opp/{opp.pk}/")
        assert "Vlot lezen" in p.content()
        p.get_by_label("No, I do not agree").check()
        p.get_by_label("Explanation (optional)").fill("Twice a week is not enough; we would like three times.")
        ui.submit("Send answer")
        assert "Geschillencommissie passend onderwijs" in p.content()
        uitloggen(ui)

        # the IB'er changes the plan and asks again (B-4: a new round asks both parents)
        opp_s.opp_herzie(opp=refresh(opp), door=w.ib_a)
        opp_s.doel_bewaar(opp=refresh(opp), door=w.ib_a, gebied="lezen_taal", omschrijving="Begrijpend lezen",
                          criterium="Cito M6 niveau III", streefdatum=maandag + timedelta(weeks=20),
                          aanpak="Leesgroep drie keer per week")
        opp_s.opp_leg_voor(opp=refresh(opp), door=w.ib_a)

        # both parents agree
        for ouder in (w.ouder_a, w.ouder2_a):
            login_engels(ui, ouder.email)
            ui.goto(f"/opp/{opp.pk}/")
            assert "Leesgroep drie keer per week" in p.content()
            p.get_by_label("Yes, I agree").check()
            ui.submit("Send answer")
            uitloggen(ui)

        # the IB'er prepares the vaststelling, the mandated directeur signs it
        besluit = opp_s.vaststelling_bereid_voor(opp=refresh(opp), door=w.ib_a, uitleg_mening="Je oefent in het groepje.")
        besluit_onderteken(besluit=besluit, door=w.dir_a)

        # the parent reads the plan and the letter: the Dutch legal letter, then the English courtesy pages
        login_engels(ui, w.ouder2_a.email)
        ui.goto("/opp/")
        ui.goto(f"/opp/{opp.pk}/")
        body = p.inner_text("body")
        assert engelse_datum(maandag) in body or "18 January 2027" in body, body
        href = p.locator("a[href*='/documenten/brief/']").first.get_attribute("href")
        brief_met_hoffelijkheid(pdf_tekst(ui, href), ["Vaststelling ontwikkelingsperspectief", "18 januari 2027"],
                                ["18 January 2027"])


# --- 2. the TLV: the parent's view, two experts, the decision and its letter, the bezwaar guide -------------------------

def test_tlv_in_english_to_the_decision_its_letter_and_the_bezwaar_guide(engels, world, vertaald, settings):  # noqa: F811
    from tests.test_tlv import concept, op, pdf, tlv_wereld, vers
    from tlv import services as s

    settings.DEMO = True
    w, ui, p = tlv_wereld(world), engels, engels.page
    w.ouder_a.brieven_digitaal = True
    w.ouder_a.save(update_fields=["brieven_digitaal"])
    kies(w.ouder_a, "en")
    with time_machine.travel(datetime(2027, 1, 4, 10, 0, tzinfo=AMS), tick=True) as reis:
        with op(date(2027, 1, 4)):
            t = concept(w)  # the school's draft application (C-2)

        # the parent gives their view on the application
        login_engels(ui, w.ouder_a.email)
        ui.goto("/tlv/")
        with p.expect_navigation():
            p.locator(f"a[href='/tlv/{t.pk}/']").first.click()
        ui.axe()
        with p.expect_navigation():
            p.get_by_role("link", name="Give my view").click()
        ui.axe()
        p.get_by_label("Your view on the application").fill("We would like a small group for our child.")
        ui.submit("Save my view")

        # the school submits; the SWV finds it complete and asks two experts (C-3); both advise
        with op(date(2027, 1, 5)):
            s.tlv_document_voeg_toe(tlv=vers(t), door=w.ib_a, bestand=pdf("onderwijskundig-rapport.pdf"))
            s.tlv_dien_in(tlv=vers(t), door=w.ib_a)
            s.tlv_volledig(tlv=vers(t), door=w.swv_mw_a)
            t1 = s.tlv_deskundige_wijs_toe(tlv=vers(t), door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
            t2 = s.tlv_deskundige_wijs_toe(tlv=vers(t), door=w.swv_mw_a, deskundige=w.desk2, plaats=2)
        ui.goto(f"/tlv/{t.pk}/")  # experts asked: the parent follows along
        assert "Written by the parent in the portal" in p.inner_text("body")  # the stored record line, in English
        with op(date(2027, 1, 11)):
            s.tlv_advies_geef(toewijzing=t1, deskundige=w.desk1, conclusie="toelaatbaar", advies="Een kleine groep past.")
            s.tlv_advies_geef(toewijzing=t2, deskundige=w.desk2, conclusie="toelaatbaar", advies="Medisch geen bezwaar.")
        ui.goto(f"/tlv/{t.pk}/")
        assert "Een kleine groep past." in p.content()

        # the SWV decides on Monday 18 January 2027; its mandated director signs
        maandag = date(2027, 1, 18)
        with op(maandag):
            b = s.tlv_besluit_voorbereid(tlv=vers(t), door=w.swv_mw_a, uitkomst="toegekend",
                                         motivering="Na twee adviezen.", ingangsdatum=maandag, schooljaren=2,
                                         categorie="")
            besluit_onderteken(besluit=b, door=w.swv_directeur)
        # a fortnight on: the session has ended, log in again. The browser forgets it too: with Redis the session's end is
        # the cache's own expiry in real time, which the test's travelled clock does not move
        reis.move_to(datetime(2027, 1, 19, 10, 0, tzinfo=AMS))
        from django.conf import settings

        p.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)  # the session only; the language choice stays
        login_engels(ui, w.ouder_a.email)
        ui.goto(f"/tlv/{t.pk}/")
        body = p.inner_text("body")
        assert "Admission statement granted" in body
        assert engelse_datum(date(2027, 3, 1)) in body, body  # bezwaar until: 18 January + 6 weeks (C-6)
        href = p.get_by_role("link", name="Decision on the admission statement (PDF)").get_attribute("href")
        brief_met_hoffelijkheid(pdf_tekst(ui, href), ["toelaatbaarheidsverklaring", "18 januari 2027", "1 maart 2027"],
                                ["18 January 2027", "1 March 2027"])

        # the bezwaar guide: object to the SWV, with the date
        ui.goto(f"/geschillen/wegwijzer/{t.pk}/")
        body = p.inner_text("body")
        assert engelse_datum(date(2027, 3, 1)) in body, body


# --- 3. a geschil: from the escalation guide, filed in English, the case page -------------------------------------------

def test_geschil_in_english_from_the_guide_to_the_case_page(engels, vertaald, settings):  # noqa: F811
    from geschillen.models import Geschil
    from tests.factories import LeerlingFactory
    from tests.test_geschillen import school_met_staf, weigering

    settings.DEMO = True
    ui, p = engels, engels.page
    school = school_met_staf(naam="Basisschool De Linde")
    kind = LeerlingFactory(voornamen="Mila", roepnaam="Mila", achternaam="Jansen", geboortedatum=date(2019, 1, 10))
    ouder = ouder_van(kind, email="ouder@example.nl", brieven_digitaal=True)
    kies(ouder, "en")
    aanmelding, besluit = weigering(school=school, kind=kind, ouder=ouder, ontvangen=date(2026, 12, 7),
                                    bekend=date(2027, 1, 18))  # a place elsewhere, made known Monday 18 January
    with time_machine.travel(datetime(2027, 1, 25, 10, 0, tzinfo=AMS), tick=True):
        login_engels(ui, ouder.email)
        ui.goto("/geschillen/")
        with p.expect_navigation():
            p.locator(f"a[href='/geschillen/wegwijzer/{aanmelding.pk}/']").first.click()
        ui.axe()
        body = p.inner_text("body")
        assert engelse_datum(date(2027, 3, 1)) in body, body  # bezwaar and geschil: 6 weeks (A-13, D-2)
        with p.expect_navigation():
            p.get_by_role("link", name="Submit a dispute").first.click()
        ui.axe()
        p.get_by_label("What is the dispute about?").fill("The school did not look into what Mila needs.")
        ui.submit("Record the dispute")
        geschil = Geschil.objects.get(hoofdzaak=aanmelding)
        assert f"/geschillen/geschil/{geschil.pk}/" in p.url
        ui.goto(f"/geschillen/geschil/{geschil.pk}/")
        assert "Geschillencommissie passend onderwijs" in p.inner_text("body")


# --- 4. a parent who chose Dutch, in an English browser: the same pages, all Dutch -------------------------------------

@pytest.fixture
def engelse_browser(browser, live_server, request):
    """A browser that asks for British English (Accept-Language, navigator.language)."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900},
                                  extra_http_headers={"Accept-Language": "en-GB,en;q=0.9"})
    yield UI(context.new_page(), live_server.url, "en-gb-" + request.node.name[:50])
    context.close()


def test_a_parent_who_chose_dutch_reads_the_same_pages_in_dutch_in_an_english_browser(engelse_browser, opp_wereld,
                                                                                      vertaald, settings):  # noqa: F811
    from geschillen.models import Geschil
    from tests.factories import LeerlingFactory
    from tests.test_geschillen import school_met_staf, weigering
    from tests.test_opp import vastgesteld
    from tests.test_tlv import beslist, op, tlv_wereld

    settings.DEMO = True
    w, ui, p = tlv_wereld(opp_wereld), engelse_browser, engelse_browser.page
    kies(w.ouder_a, "nl")
    with op(date(2027, 1, 18)):
        opp = vastgesteld(w)  # both parents agreed; set on Monday 18 January 2027
    tlv, _besluit = beslist(w)  # granted, valid from Wednesday 1 April 2026
    school = school_met_staf(naam="Basisschool De Linde")
    broer = LeerlingFactory(voornamen="Sem", roepnaam="Sem", achternaam="Jansen", geboortedatum=date(2019, 6, 1))
    from portal.leerlingen.models import Gezag

    Gezag.objects.create(leerling=broer, ouder=w.ouder_a)
    aanmelding, _b = weigering(school=school, kind=broer, ouder=w.ouder_a, ontvangen=date(2026, 12, 7),
                               bekend=date(2027, 1, 18))
    with time_machine.travel(datetime(2027, 1, 25, 10, 0, tzinfo=AMS), tick=True):
        login_nederlands(ui, w.ouder_a.email)
        for pad in ("/opp/", f"/opp/{opp.pk}/", "/tlv/", f"/tlv/{tlv.pk}/", f"/geschillen/wegwijzer/{tlv.pk}/",
                    "/geschillen/"):
            ui.goto(pad)
        ui.goto(f"/opp/{opp.pk}/")
        assert "18 januari 2027" in p.inner_text("body")
        ui.goto(f"/tlv/{tlv.pk}/")
        assert "Toelaatbaarheidsverklaring toegekend" in p.inner_text("body")
        ui.goto(f"/geschillen/wegwijzer/{aanmelding.pk}/")
        assert "maandag 1 maart 2027" in p.inner_text("body")
        with p.expect_navigation():
            p.get_by_role("link", name="Geschil indienen").first.click()
        ui.axe()
        p.get_by_label("Waar gaat het geschil over?").fill("De school heeft niet onderzocht wat Sem nodig heeft.")
        ui.submit("Geschil vastleggen")
        geschil = Geschil.objects.get(hoofdzaak=aanmelding)
        ui.goto(f"/geschillen/geschil/{geschil.pk}/")
        assert len(ui.paginas) >= 12
        uitloggen(ui)
