"""Issue #21 §5 in a browser: a staff member logs in through the board's identity provider (a real one: panva's
oidc-provider on a local port), with the provider's second factor, and lands on the start page; a parent's first
broker login asks to confirm the e-mail address; an unknown address is refused. axe on every portal page; the
provider's own pages are not the portal's and are not checked. The redirects to the provider and back are plain
navigations, so the portal's CSP (form-action 'self') does not get in the way."""

import pytest

from portal.accounts.constants import Rol
from portal.sso.constants import Soort
from portal.sso.models import Aanbieder
from tests.factories import SchoolFactory, member
from tests.oidc.starter import MEDEWERKERS, OUDERS, aanbieder

pytestmark = [pytest.mark.browser, pytest.mark.live, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def issuer(live_server):
    with aanbieder([live_server.url + "/sso/terug/"]) as url:
        yield url


def _maak(issuer, soort, client, naam, slug, **kw):
    a = Aanbieder(naam=naam, slug=slug, soort=soort, issuer=issuer, client_id=client[0],
                  scopes="openid email profile" if soort == Soort.MEDEWERKERS else "openid", **kw)
    a.zet_geheim(client[1])
    a.save()
    return a


def _bij_aanbieder(ui, knop, account):
    """Click the provider's button on the portal's login page and log in at the provider's page."""
    ui.goto("/account/inloggen/")
    with ui.page.expect_navigation():
        ui.page.get_by_role("link", name=knop).click()
    assert "Testaanbieder" in ui.page.content()
    ui.page.get_by_label("Account").fill(account)
    with ui.page.expect_navigation(url=lambda u: u.startswith(ui.base_url)):
        ui.page.get_by_role("button", name="Inloggen").click()
    ui.page.wait_for_load_state()
    ui.axe()


def test_staff_logs_in_with_the_boards_provider_and_its_second_factor(ui, issuer):
    school = SchoolFactory()
    a = _maak(issuer, Soort.MEDEWERKERS, MEDEWERKERS, "Entra ID", "entra")
    a.besturen.add(school.bestuur)
    member(Rol.IB, school=school, email="mfa@school-a.example")
    _maak(issuer, Soort.OUDERS, OUDERS, "DigiD", "digid")

    ui.goto("/account/inloggen/")
    assert ui.page.get_by_role("link", name="Inloggen met Entra ID").count() == 1
    assert ui.page.get_by_role("link", name="Inloggen met DigiD").count() == 1
    _bij_aanbieder(ui, "Inloggen met Entra ID", "medewerker-mfa")
    assert "/account/tweestaps/" not in ui.page.url
    assert "Uitloggen" in ui.page.content() or "uitloggen" in ui.page.content().lower()


def test_unknown_staff_address_is_refused_with_a_dutch_page(ui, issuer):
    school = SchoolFactory()
    a = _maak(issuer, Soort.MEDEWERKERS, MEDEWERKERS, "Entra ID", "entra")
    a.besturen.add(school.bestuur)
    _bij_aanbieder(ui, "Inloggen met Entra ID", "onbekend")
    assert "Geen account gevonden" in ui.page.content()


def test_parent_first_broker_login_asks_to_confirm_the_email(ui, issuer):
    _maak(issuer, Soort.OUDERS, OUDERS, "DigiD", "digid")
    ui.ouder = True
    _bij_aanbieder(ui, "Inloggen met DigiD", "ouder-digid")
    assert ui.page.url.endswith("/sso/bevestigen/")
    assert "Bevestig uw e-mailadres" in ui.page.content()
    ui.page.get_by_label("Uw e-mailadres").fill("geen-adres")
    ui.submit("Stuur mij een link")
    assert "Dit is geen geldig e-mailadres" in ui.page.content()
