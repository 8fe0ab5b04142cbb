"""Issue #19 defect 4 in the browser: a parent files an aanmelding for a new child, presses Back and sends the same
page again. One child, one aanmelding; the second send shows the first one's receipt with a calm message."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from aanmelding.models import Aanmelding
from portal.leerlingen.models import Leerling
from portal.organisaties.models import Gemeente
from tests.factories import PASSWORD, LeerlingFactory, SchoolFactory, SWVFactory, ouder_van

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = ZoneInfo("Europe/Amsterdam")


def test_back_and_send_again_files_once(ui, settings):
    settings.DEMO = True
    school = SchoolFactory(naam="Basisschool De Linde", swvs=[SWVFactory()])
    Gemeente.objects.create(code="GM0344", naam="Utrecht")
    ouder = ouder_van(LeerlingFactory(geboortedatum=date(2019, 5, 1)), email="ouder@example.nl")
    kinderen = Leerling.objects.count()

    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS), tick=True):
        ui.login(ouder.email, PASSWORD)
        ui.goto(f"/aanmelding/nieuw/?school={school.pk}")
        p = ui.page
        p.get_by_label("Voornamen", exact=False).first.fill("Noor")
        p.get_by_label("Achternaam", exact=False).first.fill("Dubbel")
        p.locator("#id_geboortedatum_0").fill("3")
        p.locator("#id_geboortedatum_1").fill("3")
        p.locator("#id_geboortedatum_2").fill("2020")
        p.get_by_label("Vanaf wanneer zou uw kind naar deze school gaan?").fill("2026-08-24")
        p.get_by_label("In welke gemeente woont uw kind?").select_option(label="Utrecht")
        p.get_by_role("group", name="Heeft uw kind extra ondersteuning nodig?").get_by_label("Ja", exact=True).check()
        p.get_by_label("Ik verklaar dat ik gezag heb over dit kind.").check()
        ui.submit("Aanmelding versturen")
        assert "Uw aanmelding is ontvangen" in p.content()
        ontvangst = p.url
        # Back: the browser fetches the form page again (its address carries the form's token), or shows it from
        # its cache (the form still holds the token) — either way the first aanmelding's receipt, not a second one.
        p.go_back()
        p.wait_for_load_state()
        if "Aanmelding versturen" in p.content():
            with p.expect_navigation():
                p.get_by_role("button", name="Aanmelding versturen").click()
        body = p.content()
        assert "Dit formulier was al verstuurd" in body and "Uw aanmelding is ontvangen" in body
    assert Aanmelding.objects.count() == 1
    assert Leerling.objects.count() == kinderen + 1
    assert p.url == ontvangst
