"""Issue #22 §2, the rest of the stumbles: item 7 (the "later than 6 weeks" question only where a decision and its
term exist, and only once that term is over), item 9 (the demo's two-parent family) and the leftovers of the last
sitting (a geschil about a TLV names the SWV and reaches its staff; a closed OPP can still be shared)."""

from datetime import date as d
from datetime import timedelta

import pytest
from django.urls import reverse

from geschillen.models import Bezwaar, Geschil

from .factories import aanbod_voor
from .test_geschillen import _login, op, school_met_staf, weigering

LATER = "Waarom dient u het verzoek later in dan 6 weken na het besluit?"


@pytest.fixture
def geweigerd(world):
    """A refusal made known on 2 March 2026: the 6 weeks (D-2) and the bezwaar term (A-13) end mid-April."""
    school = school_met_staf()
    aanmelding, besluit = weigering(school=school)
    aanmelding.school = school  # with its staff (``ib``)
    return aanmelding, besluit


# --- item 7: ask "why later" only where a decision and its term exist ---------------------------------------------

def test_an_arrangement_has_no_decision_and_no_question_about_lateness(world, client):
    arrangement = aanbod_voor(world.zaak_a, world.ib_a)
    client.force_login(world.ouder_a)
    with op(d(2026, 9, 1)):
        r = client.get(reverse("geschillen:geschil_nieuw", args=[arrangement.pk]))
        assert r.status_code == 200
        assert r.context["besluit"] is None and r.context["uiterlijk"] is None
        assert "te_laat_reden" not in r.context["form"].fields
        html = r.content.decode()
        assert LATER not in html and "6 weken" not in html
        r = client.post(reverse("geschillen:geschil_nieuw", args=[arrangement.pk]),
                        {"ingediend_op": "2026-09-01", "toelichting": "Te weinig uren", "waarschuwing_gezien": "on"})
    assert r.status_code == 302
    assert Geschil.objects.get(hoofdzaak=arrangement).te_laat_reden == ""


def test_a_decided_case_asks_it_once_the_six_weeks_are_over_and_then_needs_it(geweigerd, client):
    aanmelding, besluit = geweigerd
    url = reverse("geschillen:geschil_nieuw", args=[aanmelding.pk])
    _login(client, aanmelding.ouder)
    with op(d(2026, 3, 20)):  # within the 6 weeks: the filing day cannot lie after today, so never late
        r = client.get(url)
        assert r.context["uiterlijk"] and "te_laat_reden" not in r.context["form"].fields
        assert LATER not in r.content.decode()
    with op(d(2026, 4, 20)):  # the 6 weeks are over: the question is there
        _login(client, aanmelding.ouder)  # a new session: the idle timeout counts in frozen time too
        r = client.get(url)
        assert "te_laat_reden" in r.context["form"].fields and LATER in r.content.decode()
        veld = r.context["form"].fields["te_laat_reden"]  # needed when sent after the 6 weeks: not "(niet verplicht)"
        assert "niet verplicht" not in str(veld.label) and "Nodig als u het verzoek na 13 april 2026" in veld.help_text
        # filed today without a reason: refused at the field (the service's rule, D-2), nothing saved
        r = client.post(url, {"ingediend_op": "2026-04-20", "toelichting": "Zorgplicht"})
        assert r.status_code == 200 and "goede reden" in str(r.context["form"].errors["te_laat_reden"])
        assert not Geschil.objects.exists()
        # sent within the 6 weeks and recorded now: no reason needed
        r = client.post(url, {"ingediend_op": "2026-04-01", "toelichting": "Zorgplicht"})
        assert r.status_code == 302
    assert Geschil.objects.get().te_laat_reden == ""


def test_a_late_geschil_with_its_reason_is_filed(geweigerd, client):
    aanmelding, _besluit = geweigerd
    url = reverse("geschillen:geschil_nieuw", args=[aanmelding.pk])
    with op(d(2026, 4, 20)):
        _login(client, aanmelding.ouder)
        r = client.post(url, {"ingediend_op": "2026-04-20", "toelichting": "Zorgplicht",
                              "te_laat_reden": "Ik lag in het ziekenhuis."})
    assert r.status_code == 302
    assert Geschil.objects.get().te_laat_reden == "Ik lag in het ziekenhuis."


def test_the_bezwaar_form_asks_it_only_when_the_term_is_over_and_then_needs_it(geweigerd, client):
    aanmelding, besluit = geweigerd
    url = reverse("geschillen:bezwaar_nieuw", args=[besluit.pk])
    _login(client, aanmelding.ouder)
    with op(d(2026, 3, 20)):
        r = client.get(url)
        assert "te_laat_reden" not in r.context["form"].fields
        assert "later bezwaar" not in r.content.decode()
    with op(d(2026, 4, 20)):
        _login(client, aanmelding.ouder)
        r = client.get(url)
        veld = r.context["form"].fields["te_laat_reden"]
        assert "niet verplicht" not in str(veld.label)  # needed now
        r = client.post(url, {"gronden": "Niet eens"})
        assert r.status_code == 200 and "goede reden" in str(r.context["form"].errors["te_laat_reden"])
        assert not Bezwaar.objects.exists()
        r = client.post(url, {"gronden": "Niet eens", "te_laat_reden": "De brief kwam niet aan."})
    assert r.status_code == 302
    assert Bezwaar.objects.get().te_laat_reden == "De brief kwam niet aan."


def test_the_paper_bezwaar_form_asks_it_only_when_the_term_is_over(geweigerd, client):
    aanmelding, besluit = geweigerd
    url = reverse("geschillen:bezwaar_papier", args=[besluit.pk])
    with op(d(2026, 3, 20)):
        _login(client, aanmelding.school.ib)
        assert "te_laat_reden" not in client.get(url).context["form"].fields
    with op(d(2026, 4, 20)):
        _login(client, aanmelding.school.ib)
        assert "te_laat_reden" in client.get(url).context["form"].fields


# --- item 9: the demo's two-parent family --------------------------------------------------------------------------

def test_the_demo_has_a_child_with_two_parents_whose_opp_waits_for_both(db):
    import io

    from django.core.management import call_command

    from opp import selectors as opp_sel
    from opp import services as opp_s
    from opp.models import Ontwikkelingsperspectief
    from portal.accounts.models import User
    from portal.leerlingen.models import Leerling
    from portal.meldingen.models import Notification
    from portal.zaken.models import Zaak

    uit = io.StringIO()
    call_command("demo", stdout=uit)
    for email in ("ouder4@demo.nl", "ouder5@demo.nl"):  # `make run` prints both logins
        assert email in uit.getvalue()
    julia = Leerling.objects.get(roepnaam="Julia", achternaam="de Jong")
    ouders = set(julia.gezag.values_list("ouder__email", flat=True))
    assert ouders == {"ouder4@demo.nl", "ouder5@demo.nl"}
    opp = Ontwikkelingsperspectief.objects.get(leerling=julia, school__naam__contains="De Regenboog")
    assert opp.status == "ter_instemming"
    stand = opp_sel.instemming_stand(opp, opp.versies.order_by("-nummer").first())
    assert {i.persoon.email for i in stand.open} == ouders and not stand.compleet
    for ouder in User.objects.filter(email__in=ouders):  # both were asked
        assert Notification.objects.filter(ontvanger=ouder, sleutel__startswith=f"opp:{opp.pk}:voorgelegd").exists()
    # idempotent: a second run adds nothing and leaves the OPP waiting
    voor = (Zaak.objects.count(), julia.gezag.count(), User.objects.count())
    call_command("demo", quiet=True)
    assert (Zaak.objects.count(), julia.gezag.count(), User.objects.count()) == voor
    opp.refresh_from_db()
    assert opp.status == "ter_instemming"
    # one parent agrees, the other refuses: the OPP is not agreed, and the refusal is the other parent's
    ilse, ruben = User.objects.get(email="ouder4@demo.nl"), User.objects.get(email="ouder5@demo.nl")
    opp_s.instemming_geef(opp=opp, door=ilse, keuze="ingestemd")
    opp_s.instemming_geef(opp=opp, door=ruben, keuze="geweigerd", toelichting="Ik wil eerst praten over de uren.")
    stand = opp_sel.instemming_stand(opp, opp.versies.order_by("-nummer").first())
    assert not stand.compleet and [i.persoon for i in stand.geweigerd] == [ruben] and not stand.open


# --- leftovers: a geschil about a TLV (the SWV is the other party) --------------------------------------------------

@pytest.fixture
def w(world):
    from .test_tlv import tlv_wereld

    return tlv_wereld(world)


def _tlv_geschil(w, client):
    from .test_tlv import beslist

    with op(d(2026, 4, 2)):
        tlv, _besluit = beslist(w)
    url = reverse("geschillen:geschil_nieuw", args=[tlv.pk])
    with op(d(2026, 4, 10)):
        client.force_login(w.ouder_a)
        html = client.get(url).content.decode()
        r = client.post(url, {"ingediend_op": "2026-04-10", "toelichting": "Wij willen een oordeel.",
                              "waarschuwing_gezien": "on"})
    assert r.status_code == 302
    return tlv, Geschil.objects.get(hoofdzaak=tlv), html


def _hoofdinhoud(html: str) -> str:
    """The page's own content (the menus and footer are the same on every page)."""
    begin = html.find('<main')
    return html[begin:html.find('</main>', begin)] if begin >= 0 else html


def test_every_text_of_a_tlv_geschil_names_the_swv_not_a_school_board(w, client):
    from geschillen import services as g
    from portal.meldingen.models import Notification

    tlv, geschil, nieuw = _tlv_geschil(w, client)
    nieuw = _hoofdinhoud(nieuw)
    assert "schoolbestuur" not in nieuw.lower() and "Het samenwerkingsverband stuurt binnen 2 weken" in nieuw
    assert "De commissie hoort u en het samenwerkingsverband" in nieuw and w.swv_a.naam in nieuw

    def pagina(user=w.ouder_a):
        c = client.__class__()
        c.force_login(user)
        with op(d(2026, 4, 10)):
            return _hoofdinhoud(c.get(geschil.get_absolute_url("ouder")).content.decode())

    html = pagina()
    assert "Het samenwerkingsverband stuurt de commissie zijn reactie (verweer)." in html
    assert "schoolbestuur" not in html.lower()
    with op(d(2026, 4, 20)):
        g.geschil_verweer(geschil=geschil, door=w.swv_mw_a, verweer_op=d(2026, 4, 20), samenvatting="Zie het besluit.")
    melding = Notification.objects.get(ontvanger=w.ouder_a, sleutel=f"geschil:{geschil.pk}:verweer")
    assert melding.titel == "Het samenwerkingsverband heeft gereageerd"
    html = pagina()
    assert "Het samenwerkingsverband heeft zijn reactie gestuurd" in html
    assert "schoolbestuur" not in html.lower()
    from geschillen.zaken import GEBEURTENISSEN
    from portal.zaken.models import Gebeurtenis

    verweer = Gebeurtenis.objects.get(zaak=geschil, soort="geschillen.verweer")  # the timeline's line
    assert GEBEURTENISSEN["geschillen.verweer"](verweer, True).startswith("Verweer van het samenwerkingsverband")
    with op(d(2026, 5, 20)):
        g.geschil_oordeel(geschil=geschil, door=w.swv_mw_a, oordeel="ongegrond", oordeel_op=d(2026, 5, 20),
                          samenvatting="Het samenwerkingsverband mocht zo beslissen.")
    assert "samenwerkingsverband laat u" in Notification.objects.get(
        ontvanger=w.ouder_a, sleutel=f"geschil:{geschil.pk}:oordeel").tekst
    assert "wat het samenwerkingsverband doet" in Notification.objects.get(
        ontvanger=w.swv_mw_a, sleutel=f"geschil:{geschil.pk}:oordeel").tekst
    html = pagina()
    assert "Het samenwerkingsverband laat u en de commissie schriftelijk weten" in html
    assert "schoolbestuur" not in html.lower()
    # the escalation guide of the TLV: the commission hears the parents and the SWV
    c = client.__class__()
    c.force_login(w.ouder_a)
    with op(d(2026, 5, 21)):
        gids = c.get(reverse("geschillen:gids", args=[tlv.pk])).context["stappen"]
    stap = next(s for s in gids if s.code == "geschil")
    assert "hoort u en het samenwerkingsverband" in stap.wat and "schoolbestuur" not in (stap.wat + stap.bindend)
    # a school's geschil keeps naming the school board
    aanmelding, _b = weigering(school=school_met_staf())
    with op(d(2026, 3, 20)):
        _login(c, aanmelding.ouder)
        html = c.get(reverse("geschillen:geschil_nieuw", args=[aanmelding.pk])).content.decode()
    assert "Het schoolbestuur stuurt binnen 2 weken" in html


def test_the_verweer_reminders_of_a_tlv_geschil_reach_the_swv_staff(w, client):
    from portal.meldingen.models import Notification
    from portal.termijnen.sweep import sweep_due_clocks

    _tlv, geschil, _html = _tlv_geschil(w, client)
    klok = geschil.klokken["D-2b"]
    assert klok.school_id is None and klok.swv_id == w.swv_a.pk
    from portal.termijnen.models import Clock

    # the SWV's staff have the term in their list of terms; the applying school does not
    assert Clock.objects.for_user(w.swv_mw_a).filter(pk=klok.pk).exists()
    assert not Clock.objects.for_user(w.ib_a).filter(pk=klok.pk).exists()
    with op(klok.uiterlijk):
        sweep_due_clocks(vandaag=klok.uiterlijk - timedelta(days=3))  # D-2b: a reminder 3 days before
        sweep_due_clocks(vandaag=klok.uiterlijk + timedelta(days=1))  # and overdue
    for wie in (w.swv_mw_a, w.swv_directeur):
        sleutels = set(Notification.objects.filter(ontvanger=wie, sleutel__startswith=f"clock:{klok.pk}:")
                       .values_list("sleutel", flat=True))
        assert any(":herinnering-3:" in s for s in sleutels) and any(":verlopen:" in s for s in sleutels), wie
    # not the school that applied for the TLV, nor another SWV
    assert not Notification.objects.filter(ontvanger__in=[w.ib_a, w.dir_a, w.ib_b],
                                           sleutel__startswith=f"clock:{klok.pk}:").exists()


# --- leftover: an ended OPP can still be shared ---------------------------------------------------------------------

def test_an_ended_opp_still_offers_the_parent_to_share_it(world, client):
    from django.utils import timezone

    from opp.models import Ontwikkelingsperspectief

    opp = world.zaak_a
    Ontwikkelingsperspectief.objects.filter(pk=opp.pk).update(status="beeindigd", afgesloten_op=timezone.now())
    opp.refresh_from_db()
    assert not opp.is_open
    delen = reverse("geschillen:delen", args=[opp.pk])
    client.force_login(world.ouder_a)
    html = client.get(opp.get_absolute_url("ouder")).content.decode()
    assert f'href="{delen}"' in html and "Delen met een hulpverlener" in html
    assert client.get(delen).status_code == 200  # and the share page takes it
    from .conftest import login_staff

    staf = client.__class__()
    login_staff(staf, world.ib_a)
    assert "Delen met een hulpverlener" not in staf.get(opp.get_absolute_url("staf")).content.decode()
