"""Issue #4 end to end in the browser: a parent files an aanmelding with a document and gets the
receipt (PDF text checked); the IB'er asks for information; time moves on inside the live server and
the parent answers — the deadline moves by the paused days; one extension (a second is refused);
*passende plek elders* is refused until the other school accepted; the directeur signs after
re-authentication; the parent sees each step and letter, disagrees with the offer and sees the
escalation steps. axe-core runs on every page."""

import re
import shutil
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aanmelding.models import Aanmelding, PlaatsingsVerzoek
from portal.accounts.constants import Rol
from tests.factories import (
    PASSWORD,
    PDF,
    LeerlingFactory,
    SchoolFactory,
    SWVFactory,
    mandaat,
    member,
    ouder_van,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = ZoneInfo("Europe/Amsterdam")


def pdf_tekst(ui, url, tmp_path) -> str:
    r = ui.page.request.get(ui.base_url + url)
    assert r.status == 200 and r.headers["content-type"] == "application/pdf"
    pad = tmp_path / "brief.pdf"
    pad.write_bytes(r.body())
    return subprocess.run(["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True).stdout


def logout(ui):
    ui.submit("Uitloggen")


def open_details(ui, summary):
    samenvatting = ui.page.locator("summary", has_text=summary)
    if ui.page.locator("details", has=samenvatting).get_attribute("open") is None:
        samenvatting.click()


def besluit_plek_elders(ui):
    """Step 1 chooses the kind of decision (a GET, works without JavaScript); step 2 shows only its fields."""
    p = ui.page
    p.get_by_label("Passende plek op een andere school").check()
    ui.submit("Verder")
    assert p.locator("#id_besluit-grond").count() == 0  # a refusal's ground is not asked here
    p.get_by_label("Redenen (komen in de brief)").fill("SBO De Brug biedt de kleine groep die Mila nodig heeft.")
    p.get_by_label("School die het kind toelaat (in het samenwerkingsverband)").select_option(
        label="SBO De Brug — Teststad (Speciaal basisonderwijs)")
    ui.submit("Besluit opslaan voor ondertekening")


def test_aanmelding_end_to_end(ui, settings, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt: apt-get install poppler-utils")
    settings.DEMO = True  # the login itself is covered by test_roles; here: the aanmelding
    swv = SWVFactory()  # one samenwerkingsverband: the file lists its schools for a placement elsewhere
    school_a = SchoolFactory(naam="Basisschool De Linde", swvs=[swv])
    school_b = SchoolFactory(naam="SBO De Brug", soort="sbo", swvs=[swv])
    ib_a = member(Rol.IB, school=school_a, first_name="Ilse", last_name="Brink")
    directeur = member(Rol.DIRECTEUR, school=school_a, email="dir@example.nl", first_name="Dora", last_name="Kramer")
    mandaat(directeur, school_a.bestuur, ["aanmelding"], functie="directeur Basisschool De Linde")
    member(Rol.IB, school=school_b, email="ib-brug@example.nl")
    from portal.organisaties.models import Gemeente

    Gemeente.objects.create(code="GM0344", naam="Utrecht")
    kind = LeerlingFactory(voornamen="Mila", roepnaam="Mila", achternaam="Jansen", geboortedatum=date(2020, 1, 10))
    ouder = ouder_van(kind, email="ouder@example.nl")
    document = tmp_path / "verslag.pdf"
    document.write_bytes(PDF)

    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS), tick=True) as reis:
        # the parent files online, with a document
        ui.login(ouder.email, PASSWORD)
        ui.goto("/aanmelding/")
        ui.goto("/aanmelding/nieuw/")
        p = ui.page
        ui.axe()
        p.get_by_label("Naam of plaats van de school").fill("linde")  # first the school, by name
        with p.expect_navigation():
            p.get_by_role("button", name="Zoeken").click()
        with p.expect_navigation():
            p.get_by_role("link", name="Aanmelden bij Basisschool De Linde").click()
        assert "U meldt aan bij" in p.content()
        p.get_by_label("Welk kind meldt u aan?").select_option(label="Mila Jansen")
        p.get_by_label("Vanaf wanneer zou uw kind naar deze school gaan?").fill("2026-08-24")
        p.get_by_label("In welke gemeente woont uw kind?").select_option(label="Utrecht")
        p.get_by_role("group", name="Heeft uw kind extra ondersteuning nodig?").get_by_label("Ja", exact=True).check()
        p.get_by_label("Wat vindt u belangrijk voor uw kind?").fill("Een rustige plek in de klas.")
        p.get_by_label("Document, bijvoorbeeld een verslag").set_input_files(str(document))
        p.locator("#id_delen_1").check()
        p.get_by_label("Ik verklaar dat ik gezag heb over dit kind.").check()
        ui.submit("Aanmelding versturen")
        body = p.content()
        assert "Uw aanmelding is ontvangen" in body and "maandag 13 april 2026" in body
        assert "maandag 2 maart 2026 om 10:0" in body
        a = Aanmelding.objects.get()
        # the letter is rendered by a task given its id after commit: ready by the time the page shows
        assert "wordt gemaakt" not in body
        link = p.get_by_role("link", name="Ontvangstbevestiging aanmelding (PDF)").get_attribute("href")
        tekst = pdf_tekst(ui, link, tmp_path)
        assert "Basisschool De Linde" in tekst and "2 maart 2026 om 10:0" in tekst and "13 april 2026" in tekst
        logout(ui)

        # the IB'er asks for information: the clock stops from tomorrow
        ui.login(ib_a.email, PASSWORD)
        ui.goto("/aanmelding/")
        assert "Zorgplicht: deze school" in p.content()
        ui.goto(f"/aanmelding/{a.pk}/dossier/")
        open_details(ui, "Informatie vragen aan ouders")
        p.get_by_label("Welke informatie vraagt u, en waarom?").fill("Het verslag van de logopedist.")
        p.get_by_label("Antwoord uiterlijk").fill("2026-03-24")
        ui.submit("Informatie vragen")
        assert "opgeschort" in p.content()
        logout(ui)

        # ten days later the parent answers: stood still from 3 March up to 12 March = 9 days
        reis.move_to(datetime(2026, 3, 12, 9, 0, tzinfo=AMS))
        ui.login(ouder.email, PASSWORD)
        ui.goto(f"/aanmelding/{a.pk}/")
        p.get_by_role("link", name="Beantwoorden").click()
        p.wait_for_load_state()
        ui.axe()
        p.get_by_label("Uw antwoord").fill("Het verslag komt van de logopedist; hier is de samenvatting.")
        ui.submit("Antwoord versturen")
        assert "woensdag 22 april 2026" in p.content()  # 13 April + 9 days
        logout(ui)

        # the IB'er extends once; a second extension is refused
        ui.login(ib_a.email, PASSWORD)
        ui.goto(f"/aanmelding/{a.pk}/dossier/")
        open_details(ui, "Beslistermijn eenmaal verlengen")
        p.get_by_label("Verlengen met (weken)").fill("2")
        p.get_by_label("Reden (komt in de brief aan de ouders)").fill("Wij wachten op het advies van de orthopedagoog.")
        ui.submit("Verlengen en ouders schrijven")
        assert "woensdag 6 mei 2026" in p.content()
        assert p.locator("summary", has_text="Beslistermijn eenmaal verlengen").count() == 0
        csrf = next(c["value"] for c in p.context.cookies() if c["name"] == "csrftoken")
        r = p.request.post(ui.base_url + f"/aanmelding/{a.pk}/verlengen/",
                           headers={"X-CSRFToken": csrf, "Referer": ui.base_url + "/"},
                           form={"verleng-weken": "1", "verleng-reden": "nog eens"})
        assert "maar één verlenging" in r.text()  # the redirect to the file, with the refusal
        ui.goto(f"/aanmelding/{a.pk}/dossier/")
        assert "woensdag 6 mei 2026" in p.content()

        # passende plek elders is refused until the other school has accepted
        besluit_plek_elders(ui)
        assert "niet geaccepteerd" in p.content()
        open_details(ui, "Een andere school vragen")
        p.get_by_label("Welke school vraagt u?").select_option(label="SBO De Brug — Teststad (Speciaal basisonderwijs)")
        p.get_by_label("Toelichting (wat heeft het kind nodig?)").fill("Kleine groep en rust.")
        ui.submit("Verzoek versturen")
        logout(ui)

        ui.login("ib-brug@example.nl", PASSWORD)
        v = PlaatsingsVerzoek.objects.get()
        ui.goto(f"/aanmelding/plaatsing/{v.pk}/")
        assert "verslag.pdf" in p.content() and "rustige plek" not in p.content()
        p.get_by_label("Ja, wij laten het kind toe").check()
        ui.submit("Antwoord versturen")
        logout(ui)

        ui.login(ib_a.email, PASSWORD)
        ui.goto(f"/aanmelding/{a.pk}/dossier/")
        open_details(ui, "Notitie toevoegen")
        p.get_by_label("Soort").select_option("overleg_ouders")
        p.get_by_label("Tekst").fill("Met moeder besproken: zij wil SBO De Brug graag bekijken.")
        ui.submit("Notitie opslaan")
        besluit_plek_elders(ui)
        assert "wacht op een handtekening" in p.content()
        logout(ui)

        # the directeur signs after re-authentication
        ui.login("dir@example.nl", PASSWORD)
        ui.goto(f"/aanmelding/{a.pk}/dossier/")
        with p.expect_navigation():
            p.get_by_role("link", name="Besluit bekijken en ondertekenen").click()
        ui.axe()
        assert "/account/bevestig/" in p.url
        p.get_by_label("Uw wachtwoord").fill(PASSWORD)
        ui.submit("Bevestigen")
        body = p.content()  # the signing page names the receiving school and offers the letter's preview
        assert "SBO De Brug" in body
        voorbeeld = pdf_tekst(ui, p.get_by_role("link", name="Bekijk de brief").get_attribute("href"), tmp_path)
        assert "VOORBEELD" in voorbeeld and "SBO De Brug" in voorbeeld
        ui.submit("Ondertekenen en bekendmaken")
        assert "is ondertekend" in p.content()
        logout(ui)

        # the parent sees the decision and its letter, disagrees, and sees the escalation steps
        ui.login(ouder.email, PASSWORD)
        ui.goto(f"/aanmelding/{a.pk}/")
        body = p.content()
        assert "Passende plek op een andere school" in body and "Verlenging beslistermijn (PDF)" in body
        assert "Informatieverzoek (PDF)" in body
        link = p.get_by_role("link", name="Besluit op de aanmelding (PDF)").get_attribute("href")
        tekst = pdf_tekst(ui, link, tmp_path)
        assert "Bezwaar" in tekst and "Geschillencommissie" in tekst
        for stap in ("Bezwaar maken bij het schoolbestuur", "Geschillencommissie passend onderwijs"):
            assert stap in body
        assert re.search(r"Uiterlijk op \w+ \d+ \w+ 2026", body)
        # not agreeing: the escalation guide lists every step with the date that applies
        with p.expect_navigation():
            p.get_by_role("link", name="Wat kan ik doen?").click()
        ui.axe()
        body = p.content()
        for stap in ("onderwijsconsulent", "Bezwaar", "Geschillencommissie"):
            assert stap in body


def test_parent_pages_on_a_phone(phone, settings):
    """The parent's pages fit a phone screen (no sideways scrolling) and pass axe."""
    from django.core.management import call_command

    from portal.core.management.commands.demo import WACHTWOORD

    settings.DEMO = True
    call_command("demo", quiet=True)
    phone.login("ouder@demo.nl", WACHTWOORD)
    a = Aanmelding.objects.get(leerling__roepnaam="Noor")
    for url in ["/aanmelding/", "/aanmelding/nieuw/", f"/aanmelding/nieuw/?school={a.school_id}", f"/aanmelding/{a.pk}/", f"/leerlingen/{a.leerling_id}/"]:
        phone.goto(url)
        assert phone.page.evaluate("document.documentElement.scrollWidth") <= 375, url
