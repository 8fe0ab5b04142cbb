"""Issue #8 in the browser: an English browser still gets Dutch dates; no parent page has a rule id (checked by
the harness on every parent page); nothing scrolls sideways at 320 px; after a failed submit the error summary
has focus and the title says "Fout:"."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from aanmelding import services as s
from aanmelding.constants import BesluitSoort
from aanmelding.models import PlaatsingsVerzoek
from portal.accounts.constants import Rol
from portal.organisaties.models import Gemeente
from portal.zaken.services import besluit_onderteken
from tests.factories import PASSWORD, LeerlingFactory, SchoolFactory, mandaat, member, ouder_van

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def zaak(settings):
    settings.DEMO = True  # 2FA is covered elsewhere; here: language, layout and focus
    school = SchoolFactory(naam="Basisschool De Linde")
    andere = SchoolFactory(naam="SBO De Brug", soort="sbo")
    ib = member(Rol.IB, school=school, email="ib@example.nl")
    member(Rol.IB, school=andere, email="ib-brug@example.nl")
    directeur = member(Rol.DIRECTEUR, school=school, email="dir@example.nl")
    mandaat(directeur, school.bestuur, ["aanmelding"])
    gemeente = Gemeente.objects.create(code="GM0344", naam="Utrecht")
    kind = LeerlingFactory(voornamen="Mila", roepnaam="Mila", achternaam="Jansen", geboortedatum=date(2020, 1, 10),
                           woongemeente=gemeente)
    ouder = ouder_van(kind, email="ouder@example.nl", brieven_digitaal=True)
    vandaag = timezone.localdate()
    a = s.aanmelding_dien_in(ouder=ouder, school=school, gewenste_start=vandaag + timedelta(weeks=20),
                             ondersteuning="ja", wat_belangrijk="Rust", gezag_verklaard=True, voorkeur_positie=1,
                             andere_scholen=[], leerling=kind, nu=timezone.now() - timedelta(days=3))
    v = s.verzoek_informatie(aanmelding=a, door=ib, omschrijving="Het verslag", antwoord_uiterlijk=vandaag + timedelta(days=10))
    s.verzoek_beantwoord(verzoek=v, ouder=ouder, antwoord="Hier is het.")
    s.plaatsing_vraag(aanmelding=a, door=ib, school=andere, toelichting="Kleine groep")
    return {"a": a, "kind": kind, "ouder": ouder, "ib": ib, "directeur": directeur, "school": school}


def test_english_browser_gets_dutch_dates(engels, zaak):
    engels.login("ouder@example.nl", PASSWORD)  # the harness checks every parent page for English dates
    engels.goto(f"/aanmelding/{zaak['a'].pk}/")
    assert engels.page.evaluate("document.documentElement.lang") == "nl"
    tekst = engels.page.inner_text("body")
    assert any(dag in tekst for dag in ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"))
    engels.goto("/")
    engels.goto("/meldingen/")  # stored notifications are put into words now, in the reader's language
    engels.submit("Uitloggen")
    engels.login("ib@example.nl", PASSWORD)
    engels.goto(f"/aanmelding/{zaak['a'].pk}/dossier/")
    assert not any(dag in engels.page.inner_text("body") for dag in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"))
    assert engels.page.evaluate("document.documentElement.lang") == "nl"


def _breedte(ui):
    return ui.page.evaluate("document.documentElement.scrollWidth")


def test_no_page_wider_than_320px(smal, zaak):
    a = zaak["a"]
    smal.login("ouder@example.nl", PASSWORD)
    for url in ["/", "/aanmelding/", "/aanmelding/nieuw/", f"/aanmelding/nieuw/?school={a.school_id}", f"/aanmelding/{a.pk}/", "/zaken/toestemmingen/",
                f"/zaken/leerling/{zaak['kind'].pk}/tijdlijn/", f"/leerlingen/{zaak['kind'].pk}/"]:
        smal.goto(url)
        assert _breedte(smal) <= 320, url
    smal.submit("Uitloggen")
    smal.login("ib@example.nl", PASSWORD)
    for url in ["/", "/aanmelding/", f"/aanmelding/{a.pk}/dossier/", f"/aanmelding/{a.pk}/dossier/?besluit=plek_elders",
                "/aanmelding/papier/", "/termijnen/"]:
        smal.goto(url)
        assert _breedte(smal) <= 320, url
    smal.submit("Uitloggen")
    smal.login("ib-brug@example.nl", PASSWORD)
    smal.goto(f"/aanmelding/plaatsing/{PlaatsingsVerzoek.objects.get().pk}/")
    assert _breedte(smal) <= 320


def test_failed_submit_puts_focus_on_the_error_summary(ui, zaak):
    ui.login("ouder@example.nl", PASSWORD)
    ui.goto(f"/aanmelding/nieuw/?school={zaak['a'].school_id}")
    p = ui.page
    p.get_by_label("Voornamen van uw kind").fill("Sara")  # kept after the refusal
    ui.submit("Aanmelding versturen")
    assert p.title().startswith("Fout:")
    assert p.evaluate("document.activeElement.classList.contains('foutsamenvatting')")
    assert p.get_by_label("Voornamen van uw kind").input_value() == "Sara"
    # each message in the summary links to its field, and the field says it too
    link = p.locator(".foutsamenvatting a", has_text="Vanaf wanneer zou uw kind naar deze school gaan?")
    assert link.get_attribute("href") == "#id_gewenste_start"
    veld = p.locator("#id_gewenste_start")
    assert veld.get_attribute("aria-invalid") == "true" or p.locator("#id_gewenste_start.is-invalid").count()


def test_ib_form_error_keeps_input_and_shows_summary(ui, zaak):
    ui.login("ib@example.nl", PASSWORD)
    ui.goto(f"/aanmelding/{zaak['a'].pk}/dossier/")
    p = ui.page
    p.locator("summary", has_text="Notitie toevoegen").click()
    p.get_by_label("Datum").fill("0001-01-01")
    p.locator("#id_notitie-tekst").fill("Gesprek met moeder over de overgang.")
    ui.submit("Notitie opslaan")
    assert p.title().startswith("Fout:") and p.evaluate("document.activeElement.classList.contains('foutsamenvatting')")
    assert p.locator("#id_notitie-tekst").input_value() == "Gesprek met moeder over de overgang."


def test_letters_and_mails_for_parents_have_no_rule_ids(ui, zaak):
    """The decision letter and every parent e-mail of a whole flow speak plain Dutch."""
    import re

    from portal.meldingen.models import OutboxEmail

    a = zaak["a"]
    b = s.besluit_voorbereid(aanmelding=a, door=zaak["ib"], soort=BesluitSoort.NIET_TOEGELATEN, motivering="Vol",
                             grond="plaatsgebrek")
    besluit_onderteken(besluit=b, door=zaak["directeur"])
    ui.login("ouder@example.nl", PASSWORD)
    ui.goto(f"/aanmelding/{a.pk}/")
    regel = re.compile(r"\b[A-GT]-\d+[a-z]?\b")
    for mail in OutboxEmail.objects.filter(aan="ouder@example.nl"):
        assert not regel.search(mail.onderwerp + mail.tekst), mail.onderwerp
    href = ui.page.get_by_role("link", name="Besluit op de aanmelding (PDF)").get_attribute("href")
    r = ui.page.request.get(ui.base_url + href)
    import io

    from pypdf import PdfReader

    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.body())).pages)
    assert "Bezwaar" in tekst and not regel.search(tekst)
