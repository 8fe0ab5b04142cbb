"""axe-core on the pages the other browser tests do not reach."""

import pytest
from django.core.management import call_command

from aanmelding.models import Aanmelding
from portal.accounts.models import User
from portal.core.management.commands.demo import WACHTWOORD
from portal.leerlingen.models import GezagUitnodiging, Leerling, UitnodigingStatus
from portal.leerlingen.services import gezag_uitnodig, uitnodiging_token
from portal.organisaties.models import School

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.DEMO = True
    call_command("demo", quiet=True)


def test_staff_pages(ui, demo):
    ui.login("ib@demo.nl", WACHTWOORD)
    ui.goto("/aanmelding/papier/")
    ui.goto("/aanmelding/?status=alle")
    a = Aanmelding.objects.get(leerling__roepnaam="Noor")  # the demo's running aanmelding (not its history)
    ui.goto(f"/aanmelding/{a.pk}/dossier/")
    for url in ["/opp/", "/tlv/", "/geschillen/"]:
        ui.goto(url)
    # the school confirms a second parent, after re-authentication
    daan = Leerling.objects.get(roepnaam="Daan")
    u = gezag_uitnodig(leerling=daan, door=User.objects.get(email="ouder@demo.nl"), email="ouder2@demo.nl",
                       school=School.objects.get(brin="99AA"))
    GezagUitnodiging.objects.filter(pk=u.pk).update(status=UitnodigingStatus.GEACCEPTEERD,
                                                    geaccepteerd_door=User.objects.get(email="ouder2@demo.nl"))
    ui.goto(f"/leerlingen/uitnodigingen/{u.pk}/bevestigen/")
    ui.page.get_by_label("Uw wachtwoord").fill(WACHTWOORD)
    ui.submit("Bevestigen")
    assert "Tweede ouder met gezag koppelen" in ui.page.content()
    ui.submit("Bevestigen")
    ui.submit("Uitloggen")
    ui.login("beheerder@demo.nl", WACHTWOORD)
    ui.goto("/audit/")
    ui.goto("/audit/?actie=bekeken")


def test_parent_pages(ui, demo):
    ui.login("ouder@demo.nl", WACHTWOORD)
    a = Aanmelding.objects.get(leerling__roepnaam="Noor")  # the demo's running aanmelding (not its history)
    ui.goto(f"/aanmelding/{a.pk}/intrekken/")
    daan = Leerling.objects.get(roepnaam="Daan")
    u = gezag_uitnodig(leerling=daan, door=User.objects.get(email="ouder@demo.nl"), email="ouder2@demo.nl",
                       school=School.objects.get(brin="99AA"))
    ui.submit("Uitloggen")
    ui.login("ouder2@demo.nl", WACHTWOORD)
    ui.goto(f"/leerlingen/uitnodiging/{uitnodiging_token(u)}/")
    ui.submit("Uitnodiging aannemen")
    ui.goto("/leerlingen/uitnodiging/vervalst/")


def test_public_account_pages(ui, db):
    ui.goto("/account/registreren/")
    p = ui.page
    p.get_by_label("Voornaam").fill("Eva")
    p.get_by_label("Achternaam").fill("Smit")
    p.get_by_label("E-mailadres").fill("eva@example.nl")
    p.locator("#id_password1").fill("Zomer-In-Utrecht-2026")
    p.get_by_label("Wachtwoord nogmaals").fill("Zomer-In-Utrecht-2026")
    ui.submit("Account maken")
    assert "Kijk in uw mail" in p.content()
    ui.goto("/account/email-bevestigen/ongeldig/")
    ui.goto("/account/wachtwoord-vergeten/")
    p.get_by_label("E-mailadres").fill("eva@example.nl")
    ui.submit("Link versturen")
    ui.goto("/account/wachtwoord-herstellen/xx/yy/")
    for _ in range(5):
        ui.login("eva@example.nl", "fout-wachtwoord-1")
    assert "Te veel mislukte pogingen" in p.content()


def test_two_factor_code_page(ui, db):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import PASSWORD, SchoolFactory, member

    ib = member("ib", school=SchoolFactory())
    TOTPDevice.objects.create(user=ib, name="app", confirmed=True)
    ui.login(ib.email, PASSWORD)
    assert "/account/tweestaps/code/" in ui.page.url
    ui.page.get_by_label("Code uit uw authenticator-app").fill("12")
    ui.submit("Verder")
