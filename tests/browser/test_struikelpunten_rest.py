"""Issue #22 §2, the rest, in the browser (axe on every page): an arrangement's geschil form asks no "later than 6
weeks" question; a geschil about a TLV names the SWV as the other party from the form to the case page; an ended OPP
can still be shared with a helper."""

import pytest
from django.utils import timezone

from opp.models import Ontwikkelingsperspectief
from tests.browser.test_aanmelding_flow import logout
from tests.factories import PASSWORD, aanbod_voor
from tests.test_tlv import beslist, tlv_wereld

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LATER = "Waarom dient u het verzoek later in dan 6 weken na het besluit?"


def test_struikelpunten_rest(ui, world, settings):
    settings.DEMO = True
    p = ui.page
    w = tlv_wereld(world)
    arrangement = aanbod_voor(w.zaak_a, w.ib_a)
    tlv, _besluit = beslist(w)
    ui.login(w.ouder_a.email, PASSWORD)

    # --- item 7: no decision, no term: no question about filing late ------------------------------------------------
    ui.goto(f"/geschillen/geschil/nieuw/{arrangement.pk}/")
    tekst = p.inner_text("main")
    assert "De Geschillencommissie passend onderwijs om een oordeel vragen" in tekst
    assert LATER not in tekst and "6 weken" not in tekst

    # --- a geschil about a TLV: the SWV is the other party everywhere ----------------------------------------------
    ui.goto(f"/geschillen/geschil/nieuw/{tlv.pk}/")
    tekst = p.inner_text("main")
    assert "Het samenwerkingsverband stuurt binnen 2 weken zijn reactie (verweer)." in tekst
    assert "schoolbestuur" not in tekst.lower()
    assert LATER in tekst  # the TLV decision of 1 April: its 6 weeks are over, so the reason is asked
    p.get_by_label("Waar gaat het geschil over?").fill("Wij willen een oordeel over de TLV.")
    p.get_by_label(LATER).fill("Wij wisten niet dat het kon.")
    p.get_by_label("Ik heb de waarschuwing gelezen en dien het verzoek toch in").check()
    ui.submit("Geschil vastleggen")
    tekst = p.inner_text("main")
    assert "Het samenwerkingsverband stuurt de commissie zijn reactie (verweer)." in tekst
    assert "schoolbestuur" not in tekst.lower()

    # --- an ended OPP: still "Delen met een hulpverlener" -----------------------------------------------------------
    Ontwikkelingsperspectief.objects.filter(pk=w.zaak_a.pk).update(status="beeindigd", afgesloten_op=timezone.now())
    ui.goto(w.zaak_a.get_absolute_url("ouder"))
    with p.expect_navigation():
        p.get_by_role("link", name="Delen met een hulpverlener").click()
    ui.axe()
    assert "Met wie deelt u deze zaak?" in p.inner_text("main")
    logout(ui)
