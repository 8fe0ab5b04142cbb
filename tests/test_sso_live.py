"""Single sign-on against a REAL OpenID Connect provider (issue #21 §5): panva's oidc-provider, started on a local
port by tests/oidc/starter.py. Nothing of the protocol is mocked: the portal fetches the discovery, sends the
browser to the provider with state, nonce and PKCE (the provider refuses a login without PKCE), exchanges the code
with the client secret, checks the ID token's signature against the provider's JWKS and reads the userinfo.

The browser's part is played by a requests session at the provider (its scripted login page) and Django's test
client at the portal; the callback URL is http://testserver/sso/terug/."""

import json
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.accounts.middleware import SSO_TWEEDE_FACTOR
from portal.accounts.models import User
from portal.audit.models import Actie, AuditEntry
from portal.meldingen.models import OutboxEmail
from portal.sso.constants import Soort
from portal.sso.models import Aanbieder, OuderKoppeling

from .factories import SchoolFactory, member
from .oidc.starter import BSN_VAN_DE_OUDER, MEDEWERKERS, OUDERS, aanbieder

pytestmark = [pytest.mark.live, pytest.mark.django_db]

TERUG = "http://testserver/sso/terug/"


@pytest.fixture(scope="module")
def issuer():
    with aanbieder([TERUG]) as url:
        yield url


@pytest.fixture
def school(db):
    return SchoolFactory()


def _aanbieder(issuer, soort, client, **kw):
    a = Aanbieder(naam=kw.pop("naam", "Entra ID van het bestuur" if soort == Soort.MEDEWERKERS else "DigiD"),
                  slug=kw.pop("slug", soort), soort=soort, issuer=issuer, client_id=client[0],
                  scopes="openid email profile" if soort == Soort.MEDEWERKERS else "openid", **kw)
    a.zet_geheim(client[1])
    a.full_clean()
    a.save()
    return a


@pytest.fixture
def medewerkers(issuer, school):
    a = _aanbieder(issuer, Soort.MEDEWERKERS, MEDEWERKERS, acr_waarden="urn:test:loa:hoog")
    a.besturen.add(school.bestuur)
    return a


@pytest.fixture
def ouders(issuer):
    return _aanbieder(issuer, Soort.OUDERS, OUDERS)


def _volg(sessie, antwoord):
    """Follow the provider's redirects until it sends the browser back to the portal (that URL) or shows a page."""
    while antwoord.is_redirect:
        volgende = urljoin(antwoord.url, antwoord.headers["Location"])
        if volgende.startswith("http://testserver/"):
            return volgende
        antwoord = sessie.get(volgende, allow_redirects=False, timeout=10)
    return antwoord


def bij_aanbieder_inloggen(client, slug, account, *, sessie=None, knoei=None):
    """The whole round trip: the portal's login link, the provider's login page, the callback. Returns the portal's
    answer to the callback (``knoei`` may change the callback URL first, as an attacker would)."""
    r = client.get(f"/sso/{slug}/inloggen/")
    assert r.status_code == 302, r.content[:500]
    sessie = sessie or requests.Session()
    pagina = _volg(sessie, sessie.get(r["Location"], allow_redirects=False, timeout=10))
    assert not isinstance(pagina, str) and pagina.status_code == 200 and "Testaanbieder" in pagina.text
    actie = urljoin(pagina.url, f"/interaction/{urlsplit(pagina.url).path.split('/')[2]}/login")
    terug = _volg(sessie, sessie.post(actie, data={"login": account}, allow_redirects=False, timeout=10))
    assert isinstance(terug, str) and terug.startswith(TERUG), getattr(terug, "text", terug)
    if knoei:
        terug = knoei(terug)
    return client.get(terug.removeprefix("http://testserver"))


def test_the_login_request_carries_state_nonce_and_pkce(medewerkers):
    client = Client()
    r = client.get("/sso/medewerkers/inloggen/")
    query = dict(p.split("=", 1) for p in urlsplit(r["Location"]).query.split("&"))
    assert r["Location"].startswith(medewerkers.issuer + "/auth?")
    assert {"state", "nonce", "code_challenge"} <= set(query) and query["code_challenge_method"] == "S256"
    assert query["client_id"] == "portaal-medewerkers"
    staat = client.session["oidc_states"][query["state"]]
    assert staat["sso_aanbieder"] == medewerkers.pk and staat["code_verifier"]


def test_staff_with_mfa_lands_on_start_page_without_the_portals_second_factor(medewerkers, school):
    ib = member(Rol.IB, school=school, email="mfa@school-a.example")
    client = Client()
    r = bij_aanbieder_inloggen(client, "medewerkers", "medewerker-mfa")
    assert r.status_code == 302 and r["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(ib.pk)
    assert client.session[SSO_TWEEDE_FACTOR] == ib.pk
    assert client.get(reverse("core:home")).status_code == 200  # no detour to the portal's own code
    regel = AuditEntry.objects.filter(actor=ib, actie=Actie.INGELOGD).get()
    assert "Entra ID van het bestuur" in regel.omschrijving and "tweede factor door de aanbieder" in regel.omschrijving


def test_entra_ids_xms_edov_counts_as_a_verified_address(medewerkers, school):
    ib = member(Rol.IB, school=school, email="mfa@school-a.example")
    client = Client()
    assert bij_aanbieder_inloggen(client, "medewerkers", "medewerker-entra").status_code == 302
    assert client.session["_auth_user_id"] == str(ib.pk)


def test_staff_without_mfa_is_asked_for_the_portals_second_factor(medewerkers, school):
    ib = member(Rol.IB, school=school, email="wachtwoord@school-a.example")
    client = Client()
    r = bij_aanbieder_inloggen(client, "medewerkers", "medewerker-wachtwoord")
    assert r.status_code == 302
    assert client.session["_auth_user_id"] == str(ib.pk) and SSO_TWEEDE_FACTOR not in client.session
    start = client.get(reverse("core:home"))
    assert start.status_code == 302 and start["Location"].startswith("/account/tweestaps/")
    # as after a password login: the link to set up the second factor goes to the account's own address
    assert OutboxEmail.objects.filter(aan=ib.email).exists()


def test_an_acr_value_the_beheerder_configured_counts_as_second_factor(medewerkers, school):
    member(Rol.DIRECTEUR, school=school, email="acr@school-a.example")
    client = Client()
    assert bij_aanbieder_inloggen(client, "medewerkers", "medewerker-acr").status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    medewerkers.acr_waarden = ""
    medewerkers.save()
    client = Client()
    bij_aanbieder_inloggen(client, "medewerkers", "medewerker-acr")
    assert client.get(reverse("core:home"))["Location"].startswith("/account/tweestaps/")


def test_unknown_email_is_refused_and_no_account_is_made(medewerkers, school):
    voor = User.objects.count()
    client = Client()
    r = bij_aanbieder_inloggen(client, "medewerkers", "onbekend")
    assert r.status_code == 403
    assert "Geen account gevonden" in r.content.decode() and "Er is geen account voor u gemaakt" in r.content.decode()
    assert User.objects.count() == voor and "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(actie=Actie.SYSTEEM, omschrijving__startswith="Inloggen geweigerd").exists()


def test_an_unverified_email_is_refused_even_when_it_matches(medewerkers, school):
    member(Rol.IB, school=school, email="mfa@school-a.example")
    client = Client()
    r = bij_aanbieder_inloggen(client, "medewerkers", "medewerker-onbevestigd")
    assert r.status_code == 403 and "geen bevestigd e-mailadres" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_of_another_board_is_refused(medewerkers):
    member(Rol.IB, school=SchoolFactory(), email="mfa@school-a.example")  # a school of a board not configured
    client = Client()
    assert bij_aanbieder_inloggen(client, "medewerkers", "medewerker-mfa").status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_parent_account_with_the_same_address_is_not_a_staff_login(medewerkers, school):
    member(Rol.OUDER, email="mfa@school-a.example")
    assert bij_aanbieder_inloggen(Client(), "medewerkers", "medewerker-mfa").status_code == 403


def test_a_wrong_client_secret_fails_at_the_token_endpoint(medewerkers, school):
    member(Rol.IB, school=school, email="mfa@school-a.example")
    medewerkers.zet_geheim("niet-het-goede-geheim")
    medewerkers.save()
    client = Client()
    r = bij_aanbieder_inloggen(client, "medewerkers", "medewerker-mfa")
    assert r.status_code == 400 and "Inloggen is niet gelukt" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_callback_with_a_state_this_browser_did_not_start_is_refused(medewerkers, school):
    member(Rol.IB, school=school, email="mfa@school-a.example")
    client, ander = Client(), Client()
    r = ander.get("/sso/medewerkers/inloggen/")  # someone else's login, its code pasted into our browser
    state = dict(p.split("=", 1) for p in urlsplit(r["Location"]).query.split("&"))["state"]
    r = client.get(f"/sso/terug/?code=abc&state={state}")
    assert r.status_code == 400 and "_auth_user_id" not in client.session


def test_an_answer_naming_another_issuer_is_refused(medewerkers, school):
    """RFC 9207: the provider names itself in the callback (iss); an answer from another provider is a mix-up."""
    member(Rol.IB, school=school, email="mfa@school-a.example")
    client = Client()
    r = bij_aanbieder_inloggen(client, "medewerkers", "medewerker-mfa",
                               knoei=lambda url: url.replace("iss=http", "iss=https"))
    assert r.status_code == 400 and "_auth_user_id" not in client.session


def test_a_discovery_that_names_another_issuer_is_not_used(issuer, school):
    """OpenID Connect Discovery §4.3: the document must name the issuer the beheerder configured."""
    _aanbieder(issuer.replace("127.0.0.1", "localhost"), Soort.MEDEWERKERS, MEDEWERKERS).besturen.add(school.bestuur)
    r = Client().get("/sso/medewerkers/inloggen/")
    assert r.status_code == 503 and "niet bereikbaar" in r.content.decode()


def test_a_cancelled_login_at_the_provider_shows_a_page(medewerkers):
    client = Client()
    r = client.get("/sso/medewerkers/inloggen/")
    state = dict(p.split("=", 1) for p in urlsplit(r["Location"]).query.split("&"))["state"]
    r = client.get(f"/sso/terug/?error=access_denied&state={state}")
    assert r.status_code == 400 and "afgebroken" in r.content.decode()


@pytest.fixture
def ouder(db):
    return member(Rol.OUDER, email="ouder@voorbeeld.example")


def _link_uit_mail(aan):
    tekst = OutboxEmail.objects.filter(aan=aan).latest("pk").tekst
    return next(regel for regel in tekst.splitlines() if "/sso/bevestigen/" in regel).split("testserver", 1)[-1]


def test_parent_first_login_confirms_the_email_then_is_linked_and_second_login_is_direct(ouders, ouder):
    client = Client()
    r = bij_aanbieder_inloggen(client, "ouders", "ouder-digid")
    assert r.status_code == 302 and r["Location"] == "/sso/bevestigen/"
    assert "_auth_user_id" not in client.session
    pagina = client.get("/sso/bevestigen/")
    assert pagina.status_code == 200 and "Bevestig uw e-mailadres" in pagina.content.decode()
    r = client.post("/sso/bevestigen/", {"actie": "link", "link-email": "ouder@voorbeeld.example"})
    assert r.status_code == 200 and "Kijk in uw mail" in r.content.decode()
    link = _link_uit_mail(ouder.email)
    link = urlsplit(link).path
    assert client.get(link).status_code == 200  # opening shows a button; a mail scanner links nothing
    assert not OuderKoppeling.objects.exists()
    r = client.post(link)
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(ouder.pk)
    assert OuderKoppeling.objects.filter(aanbieder=ouders, user=ouder).count() == 1
    assert client.get(reverse("core:home")).status_code == 200
    # the second login: direct
    client = Client()
    r = bij_aanbieder_inloggen(client, "ouders", "ouder-digid")
    assert r.status_code == 302 and r["Location"] == reverse("core:home") and client.session["_auth_user_id"] == str(ouder.pk)
    assert AuditEntry.objects.filter(actor=ouder, actie=Actie.INGELOGD, omschrijving__contains="DigiD").count() == 2


def test_parent_can_confirm_with_the_password_once(ouders, ouder):
    client = Client()
    bij_aanbieder_inloggen(client, "ouders", "ouder-digid")
    r = client.post("/sso/bevestigen/", {"actie": "wachtwoord", "ww-username": ouder.email, "ww-password": "fout-fout-fout"})
    assert r.status_code == 400 and "horen niet bij een ouderaccount" in r.content.decode()
    from .factories import PASSWORD

    r = client.post("/sso/bevestigen/", {"actie": "wachtwoord", "ww-username": ouder.email, "ww-password": PASSWORD})
    assert r.status_code == 302 and client.session["_auth_user_id"] == str(ouder.pk)
    assert OuderKoppeling.objects.filter(user=ouder).exists()


def test_the_link_works_only_in_the_browser_that_logged_in_at_the_broker(ouders, ouder):
    """Someone who logs in with their own DigiD and types another parent's address cannot get that account linked
    by the owner's click in the mail."""
    aanvaller = Client()
    bij_aanbieder_inloggen(aanvaller, "ouders", "ouder-digid")
    aanvaller.post("/sso/bevestigen/", {"actie": "link", "link-email": ouder.email})
    link = urlsplit(_link_uit_mail(ouder.email)).path
    eigenaar = Client()
    eigenaar.force_login(ouder)
    r = eigenaar.post(link)
    assert r.status_code == 400 and "dezelfde browser" in r.content.decode()
    assert not OuderKoppeling.objects.exists()


def test_the_bsn_of_the_broker_is_never_stored(ouders, ouder):
    """The broker sends a BSN with every answer; it is in no table, no session and no audit line afterwards."""
    client = Client()
    bij_aanbieder_inloggen(client, "ouders", "ouder-digid")
    client.post("/sso/bevestigen/", {"actie": "link", "link-email": ouder.email})
    link = urlsplit(_link_uit_mail(ouder.email)).path
    client.post(link)
    bij_aanbieder_inloggen(Client(), "ouders", "ouder-digid")
    assert OuderKoppeling.objects.exists()
    uit = StringIO()
    call_command("dumpdata", stdout=uit)
    assert BSN_VAN_DE_OUDER not in uit.getvalue()
    for sessie in Session.objects.all():
        assert BSN_VAN_DE_OUDER not in json.dumps(sessie.get_decoded(), default=str)
    assert BSN_VAN_DE_OUDER not in json.dumps(dict(client.session.items()), default=str)
    assert not AuditEntry.objects.filter(omschrijving__contains=BSN_VAN_DE_OUDER).exists()
    assert "ouder-digid" not in uit.getvalue()  # nor the broker's subject itself (a hash of it links)


def _herbevestig(client, slug, account, *, sessie, next_url):
    """Confirming an act through the provider: the re-authentication page's button, the provider's login page
    (asked again: prompt=login), the callback."""
    r = client.get(f"/sso/{slug}/inloggen/?herbevestig=1&next={next_url}")
    assert r.status_code == 302 and "prompt=login" in r["Location"] and "max_age=0" in r["Location"]
    pagina = _volg(sessie, sessie.get(r["Location"], allow_redirects=False, timeout=10))
    assert not isinstance(pagina, str) and "Testaanbieder" in pagina.text  # asked again, not recognised
    actie = urljoin(pagina.url, f"/interaction/{urlsplit(pagina.url).path.split('/')[2]}/login")
    terug = _volg(sessie, sessie.post(actie, data={"login": account}, allow_redirects=False, timeout=10))
    assert isinstance(terug, str), (terug.status_code, terug.text[:800])
    return client.get(terug.removeprefix("http://testserver"))


def test_staff_with_the_providers_second_factor_confirm_an_act_at_the_provider(medewerkers, school):
    """Staff who log in with the provider's second factor have no code of the portal's own: the page that asks for
    the password again before an irreversible act offers the provider, which asks again (prompt=login). Only the same
    person, with a second factor, counts as a confirmation."""
    from portal.accounts.views import REAUTH_KEY

    member(Rol.IB, school=school, email="mfa@school-a.example")
    member(Rol.IB, school=school, email="wachtwoord@school-a.example")
    client, sessie = Client(), requests.Session()
    assert bij_aanbieder_inloggen(client, "medewerkers", "medewerker-mfa", sessie=sessie).status_code == 302
    doel = reverse("core:home")
    pagina = client.get(reverse("accounts:reauth") + f"?next={doel}").content.decode()
    assert "Bevestigen via Entra ID van het bestuur" in pagina and "herbevestig=1" in pagina
    assert REAUTH_KEY not in client.session or not client.session[REAUTH_KEY]
    r = _herbevestig(client, "medewerkers", "medewerker-mfa", sessie=sessie, next_url=doel)
    assert r.status_code == 302 and r["Location"] == doel
    assert client.session[REAUTH_KEY] > 0
    # broken off at the provider: still logged in, back where the act was asked, not confirmed
    s = client.session
    s[REAUTH_KEY] = 0
    s.save()
    r = client.get(f"/sso/medewerkers/inloggen/?herbevestig=1&next={doel}")
    state = dict(p.split("=", 1) for p in urlsplit(r["Location"]).query.split("&"))["state"]
    r = client.get(f"/sso/terug/?error=access_denied&state={state}")
    assert r.status_code == 302 and r["Location"] == doel and client.session.get("_auth_user_id")
    assert not client.session[REAUTH_KEY]


def test_a_confirmation_at_the_provider_by_another_account_does_not_count(medewerkers, school):
    from portal.accounts.views import REAUTH_KEY

    member(Rol.IB, school=school, email="mfa@school-a.example")
    ander = member(Rol.IB, school=school, email="wachtwoord@school-a.example")
    client, sessie = Client(), requests.Session()
    bij_aanbieder_inloggen(client, "medewerkers", "medewerker-mfa", sessie=sessie)
    # another person's account at the provider (their own provider session)
    _herbevestig(client, "medewerkers", "medewerker-wachtwoord", sessie=requests.Session(), next_url="/")
    assert client.session["_auth_user_id"] == str(ander.pk)  # the other one is logged in now, as at any login …
    assert not client.session.get(REAUTH_KEY)  # … but nothing is confirmed
    # a session that did not log in through this provider cannot start a confirmation there
    c2 = Client()
    c2.force_login(member(Rol.OUDER))
    assert c2.get("/sso/medewerkers/inloggen/?herbevestig=1")["Location"] == reverse("core:home")
