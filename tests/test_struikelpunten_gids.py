"""Issue #22 §2 items 2 and 3: the escalation guide takes each step's wording from the decision's kind — who decided
and where to object (a TLV bezwaar goes to the SWV, not the school board) — and "warn, don't block" holds for every
kind: beside the Geschillencommissie's remit warning there is always the button to file anyway (D-1), also for a TLV,
where the SWV is the other party."""

from datetime import date as d

import pytest
from django.urls import reverse

from aanmelding.constants import BesluitSoort
from geschillen import services as g
from geschillen.models import Geschil
from portal.meldingen.models import Notification

from .test_geschillen import op, school_met_staf, weigering
from .test_tlv import beslist, tlv_wereld


@pytest.fixture
def w(world):
    return tlv_wereld(world)


def _gids(client, user, zaak):
    client.force_login(user)
    r = client.get(reverse("geschillen:gids", args=[zaak.pk]))
    assert r.status_code == 200
    return r.context["stappen"], r.content.decode()


def _stap(stappen, code):
    return next(s for s in stappen if s.code == code)


@pytest.mark.parametrize("soort, titel, wie, niet", [
    # the TLV: the SWV decided (C-5), a bezwaar goes to the SWV, which asks the LBT's advice (C-6, Awb 7:13)
    ("tlv", "Maak bezwaar bij het samenwerkingsverband", "Landelijke Bezwaaradviescommissie TLV", "schoolbestuur"),
    # a refusal of admission: the school board decided
    ("aanmelding", "Maak bezwaar bij het schoolbestuur", "Het bestuur hoort u", "samenwerkingsverband"),
])
def test_the_bezwaar_step_names_who_decided_and_where_to_object(w, client, soort, titel, wie, niet):
    if soort == "tlv":
        with op(d(2026, 4, 2)):
            zaak, _b = beslist(w)
            stappen, html = _gids(client, w.ouder_a, zaak)
    else:
        zaak, _b = weigering(school=school_met_staf())
        with op(d(2026, 3, 10)):
            stappen, html = _gids(client, zaak.ouder, zaak)
    bezwaar = _stap(stappen, "bezwaar")
    assert bezwaar.titel == titel and wie in bezwaar.wat
    assert niet not in bezwaar.titel + bezwaar.wat + bezwaar.bindend
    assert bezwaar.knop_url  # the button to object is there in both
    if soort == "tlv":
        assert "Tegen een besluit van het schoolbestuur" not in html
        assert "bestuursrechter" in _stap(stappen, "rechter").wat
        assert "bijzondere school" not in _stap(stappen, "rechter").wat
        assert "Het samenwerkingsverband laat u" in _stap(stappen, "geschil").bindend


@pytest.mark.parametrize("soort", ["tlv", "plaatsgebrek"])
def test_warn_dont_block_the_button_beside_the_remit_warning_for_every_kind(w, client, soort):
    """D-1: outside the commission's remit (a TLV, a refusal for lack of places) the guide warns and still offers
    to file; the same words and the same button for every kind."""
    if soort == "tlv":
        with op(d(2026, 4, 2)):
            zaak, _b = beslist(w)
        ouder = w.ouder_a
    else:
        zaak, _b = weigering(school=school_met_staf(), soort=BesluitSoort.NIET_TOEGELATEN, grond="plaatsgebrek")
        ouder = zaak.ouder
    with op(d(2026, 4, 3)):
        stappen, html = _gids(client, ouder, zaak)
    geschil = _stap(stappen, "geschil")
    assert geschil.waarschuwing
    assert geschil.knop_url == reverse("geschillen:geschil_nieuw", args=[zaak.pk])
    assert geschil.knop_label == "Toch een geschil indienen" and "Toch een geschil indienen" in html


def test_a_geschil_about_a_tlv_is_filed_anyway_and_the_swv_is_the_other_party(w, client):
    with op(d(2026, 4, 2)):
        tlv, besluit = beslist(w)
    url = reverse("geschillen:geschil_nieuw", args=[tlv.pk])
    client.force_login(w.ouder_a)
    with op(d(2026, 4, 10)):
        body = client.get(url).content.decode()
        assert "toelaatbaarheidsverklaring" in body.lower() and "waarschuwing_gezien" in body
        r = client.post(url, {"ingediend_op": "2026-04-10", "toelichting": "Wij willen een oordeel.",
                              "waarschuwing_gezien": "on"})
    assert r.status_code == 302
    geschil = Geschil.objects.get(hoofdzaak=tlv)
    assert geschil.school_id is None and geschil.swv_id == w.swv_a.pk and geschil.betreft_besluit_id == besluit.pk
    assert "toelaatbaarheidsverklaring" in geschil.bevoegdheid_waarschuwing.lower()
    # the SWV's staff hear of it, see it and record the verweer; another SWV and the school do not
    assert Notification.objects.filter(ontvanger=w.swv_mw_a, sleutel=f"geschil:{geschil.pk}:nieuw").exists()
    assert Geschil.objects.for_user(w.swv_mw_a).filter(pk=geschil.pk).exists()
    from portal.accounts.constants import Rol

    from .factories import member

    ander = member(Rol.SWV, swv=w.swv_b)
    assert not Geschil.objects.for_user(ander).filter(pk=geschil.pk).exists()
    assert not Geschil.objects.for_user(w.ib_b).filter(pk=geschil.pk).exists()
    with op(d(2026, 4, 20)):
        with pytest.raises(g.GeschilFout, match="samenwerkingsverband"):
            g.geschil_verweer(geschil=geschil, door=ander, verweer_op=d(2026, 4, 20), samenvatting="x")
        g.geschil_verweer(geschil=geschil, door=w.swv_mw_a, verweer_op=d(2026, 4, 20), samenvatting="Zie het besluit.")
    geschil.refresh_from_db()
    assert geschil.status == "verweer"
    # the case page offers the SWV the next step
    from .conftest import login_staff

    c = client.__class__()
    login_staff(c, w.swv_mw_a)
    assert c.get(reverse("geschillen:geschil", args=[geschil.pk])).status_code == 200


def test_share_with_a_helper_is_offered_on_the_case_pages(w, client):
    """Item 6: "Delen met een hulpverlener" on every case page (the case kit's tracker block), for whoever acts for
    the pupil — not only via the guide's step 4; not for the school."""
    from .conftest import login_staff

    with op(d(2026, 4, 2)):
        tlv, _b = beslist(w)
    aanmelding, _besluit = weigering(school=school_met_staf())
    client.force_login(w.ouder_a)
    for zaak in (tlv, w.zaak_a):  # a TLV and an OPP
        html = client.get(zaak.get_absolute_url("ouder")).content.decode()
        assert f'href="{reverse("geschillen:delen", args=[zaak.pk])}"' in html, zaak.zaaktype
        assert "Delen met een hulpverlener" in html
    client.force_login(aanmelding.ouder)
    html = client.get(aanmelding.get_absolute_url("ouder")).content.decode()
    assert f'href="{reverse("geschillen:delen", args=[aanmelding.pk])}"' in html
    staf = client.__class__()
    login_staff(staf, w.swv_mw_a)
    html = staf.get(tlv.get_absolute_url("staf")).content.decode()
    assert "Delen met een hulpverlener" not in html


@pytest.mark.parametrize("debug", [False, True])
def test_a_helper_has_one_view_the_shared_one(w, client, settings, debug):
    """Item 6: a helper with an active share who opens the case's own page (the school's or the parents' view) is
    sent to the shared page, also in demo mode; a POST on the case is a 404 as before; the dossier stays theirs."""
    from datetime import timedelta

    from django.utils import timezone

    from portal.accounts.constants import Rol

    from .conftest import login_staff
    from .factories import member

    settings.DEBUG = debug
    consulent = member(Rol.ONDERWIJSCONSULENT)
    school = school_met_staf()
    aanmelding, _besluit = weigering(school=school)
    deling = g.deling_nodig_uit(zaak=aanmelding, ouder=aanmelding.ouder, email=consulent.email,
                                rol="onderwijsconsulent", geldig_tot=timezone.localdate() + timedelta(days=30))
    g.deling_neem_aan(token=g.deling_token(deling), user=consulent)
    login_staff(client, consulent)
    gedeeld = reverse("geschillen:gedeelde_zaak", args=[aanmelding.pk])
    for url in (aanmelding.get_absolute_url("ouder"), aanmelding.get_absolute_url("staf")):
        r = client.get(url)
        assert r.status_code == 302 and r["Location"] == gedeeld, url
    assert client.get(gedeeld).status_code == 200
    assert client.get(reverse("geschillen:dossier", args=[aanmelding.pk])).status_code == 200
    # the school keeps its own page: only a reader who sees the case through the share alone is sent along
    staf = client.__class__()
    login_staff(staf, school.ib)
    assert staf.get(aanmelding.get_absolute_url("staf")).status_code == 200
