"""First browser tests (issue #2 §10): every demo role logs in and sees its home page; a parent
cannot open another family's pupil; a staff member passes real TOTP 2FA; axe on every page."""

import pytest
from django.core.management import call_command

from portal.accounts.models import User
from portal.core.management.commands.demo import WACHTWOORD
from portal.leerlingen.models import Leerling

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLLEN = [
    ("ouder@demo.nl", "Mijn kinderen"),
    ("leerling@demo.nl", "Mijn OPP"),
    ("ib@demo.nl", "Eerstvolgende termijnen"),
    ("directeur@demo.nl", "Eerstvolgende termijnen"),
    ("leerkracht@demo.nl", "aanpassingenblad"),
    ("swv@demo.nl", "Termijnen per aangesloten school"),
    ("deskundige@demo.nl", "toegewezen"),
    ("onderwijsconsulent@demo.nl", "gedeeld"),
    ("clientondersteuner@demo.nl", "gedeeld"),
    ("leerplicht@demo.nl", "thuiszitters"),
    ("beheerder@demo.nl", "Audittrail"),
]


@pytest.fixture
def demo(settings):
    settings.DEMO = True
    call_command("demo", quiet=True)


def test_every_demo_role_logs_in_and_sees_its_home(ui, demo):
    for email, kenmerk in ROLLEN:
        ui.login(email, WACHTWOORD)
        body = ui.page.content()
        assert kenmerk in body, email
        user = User.objects.get(email=email)
        assert user.get_full_name() in ui.page.locator("header").inner_text()  # who is logged in
        ui.submit("Uitloggen")


def test_ib_pages_pass_axe(ui, demo):
    ui.login("ib@demo.nl", WACHTWOORD)
    ui.goto("/termijnen/")
    ui.goto("/termijnen/rekenhulp/?soort=aanmelding&datum=2026-03-02&opschorting_van=2026-03-11&opschorting_tot=2026-03-20")
    assert "22 april 2026" in ui.page.content()
    ui.goto("/termijnen/regels/")
    ui.goto("/leerlingen/")
    daan = Leerling.objects.get(roepnaam="Daan")
    ui.goto(f"/leerlingen/{daan.pk}/")
    ui.goto("/meldingen/")


def test_parent_cannot_open_other_familys_pupil(ui, demo):
    ui.login("ouder@demo.nl", WACHTWOORD)
    yara = Leerling.objects.get(roepnaam="Yara")  # child of ouder2
    response = ui.goto(f"/leerlingen/{yara.pk}/")
    assert response.status == 404
    assert "Yara" not in ui.page.content()
    daan = Leerling.objects.get(roepnaam="Daan")
    assert ui.goto(f"/leerlingen/{daan.pk}/").status == 200
    ui.goto(f"/leerlingen/{daan.pk}/inzage/")
    ui.goto(f"/leerlingen/{daan.pk}/tweede-ouder/")


def test_staff_login_requires_totp_outside_demo(ui, db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    call_command("demo", quiet=True)  # settings.DEMO is off here
    ui.login("ib@demo.nl", WACHTWOORD)
    assert "/account/tweestaps/instellen/" in ui.page.url
    # issue #19 §2: the password alone shows no secret; the link e-mailed to the account does (tests/browser/
    # test_tweestaps_flow.py follows it)
    assert ui.page.locator("img[alt*='QR-code']").count() == 0
    assert "Kijk in uw mail" in ui.page.content()
    assert not TOTPDevice.objects.filter(user__email="ib@demo.nl").exists()


def test_public_pages_and_phone_layout(phone, db):
    phone.goto("/account/inloggen/")
    phone.goto("/account/registreren/")
    phone.goto("/account/wachtwoord-vergeten/")
    phone.goto("/privacy/")
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # no horizontal scrolling on a phone


def test_keyboard_skip_link(ui, db):
    ui.goto("/privacy/")
    ui.page.keyboard.press("Tab")
    focused = ui.page.evaluate("document.activeElement.textContent")
    assert "Naar de inhoud" in focused
    ui.page.keyboard.press("Enter")
    assert ui.page.evaluate("document.activeElement.id") == "inhoud"
