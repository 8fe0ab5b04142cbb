"""Issue #22 §2 in the browser (axe on every page; for the family no rule ids and no English dates): the TLV's guide
says where to object (the SWV) and offers to file a geschil beside the remit warning; a second parent whose link
waits for the school reads that on the start page; a pupil without an OPP reads what that means; an address that
does not exist shows the portal's own page, also in demo mode (DEBUG)."""

import datetime as dt

import pytest

from portal.accounts.constants import Rol
from portal.accounts.models import Membership
from portal.leerlingen.services import gezag_accepteer, gezag_uitnodig, uitnodiging_token
from tests.browser.test_aanmelding_flow import logout
from tests.factories import PASSWORD, LeerlingFactory, UserFactory, member
from tests.test_tlv import beslist, tlv_wereld

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_struikelpunten(ui, world, settings):
    settings.DEMO = True  # no second factor for staff in demo mode (not needed here: family accounts only)
    p = ui.page
    w = tlv_wereld(world)
    tlv, _besluit = beslist(w)

    # --- item 2 and 3: the TLV's guide: object to the SWV; the remit warning with the button to file anyway ---------
    ui.login(w.ouder_a.email, PASSWORD)
    ui.goto(f"/geschillen/wegwijzer/{tlv.pk}/")
    tekst = p.inner_text("body")
    assert "Maak bezwaar bij het samenwerkingsverband" in tekst
    assert "Tegen een besluit van het schoolbestuur" not in tekst
    with p.expect_navigation():
        p.get_by_role("link", name="Toch een geschil indienen").click()
    ui.axe()
    assert "toelaatbaarheidsverklaring" in p.inner_text("body").lower()
    logout(ui)

    # --- item 5: the second parent's link waits for the school --------------------------------------------------------
    tweede = member(Rol.OUDER, email="tweede@example.nl", first_name="Sam", last_name="de Vries")
    u = gezag_uitnodig(leerling=w.kind_a, door=w.ouder_a, email="tweede@example.nl", school=w.school_a)
    gezag_accepteer(token=uitnodiging_token(u), user=tweede)
    ui.login(tweede.email, PASSWORD)
    tekst = p.inner_text("body")
    assert "Uw koppeling wacht op de school." in tekst and w.school_a.naam in tekst
    assert "Er zijn nog geen kinderen aan uw account gekoppeld" not in tekst
    logout(ui)

    # --- item 1: a pupil of 14 without an OPP; an address that does not exist, in demo mode ---------------------------
    kind = LeerlingFactory(geboortedatum=dt.date.today().replace(year=dt.date.today().year - 14, day=1))
    kind.account = UserFactory()
    kind.save(update_fields=["account"])
    Membership.objects.create(user=kind.account, rol=Rol.LEERLING)
    ui.login(kind.account.email, PASSWORD)
    ui.ouder = True  # plain words for the pupil too
    with p.expect_navigation():
        p.get_by_role("link", name="Mijn OPP").click()
    ui.axe()
    assert "Je hebt (nog) geen OPP" in p.inner_text("body")
    settings.DEBUG = True
    r = ui.goto("/bestaat-niet/")
    assert r.status == 404
    tekst = p.inner_text("body")
    assert "Deze pagina bestaat niet" in tekst and "URLconf" not in tekst
