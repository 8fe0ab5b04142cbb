"""Single sign-on (issue #21 §5) without a provider: the beheerder's admin (only the beheerder; the secret never
shown back; bad input at the field), the login page's buttons, the confirmation pages' bad input, the second factor
a provider asserted. The flows against a real provider are in tests/test_sso_live.py."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.accounts.middleware import SSO_TWEEDE_FACTOR
from portal.audit.models import AuditEntry
from portal.sso import discovery
from portal.sso.backends import heeft_tweede_factor
from portal.sso.constants import SESSIE_BEVESTIGEN, Soort
from portal.sso.models import Aanbieder

from .conftest import login_staff
from .factories import SchoolFactory, member

GEHEIM = "super-geheim-client-secret-0123456789"


def _aanbieder(**kw):
    velden = {"naam": "Entra ID", "slug": "entra", "soort": Soort.MEDEWERKERS,
              "issuer": "https://login.example.invalid/t/v2.0", "client_id": "portaal", **kw}
    a = Aanbieder(**velden)
    a.zet_geheim(GEHEIM)
    a.save()
    return a


def _discovery_bewaard(a):
    """The discovery as the portal keeps it, so these tests need no network."""
    from django.core.cache import cache

    cache.set(discovery._sleutel(a.issuer.rstrip("/")), {
        "issuer": a.issuer.rstrip("/"), "authorization_endpoint": "https://login.example.invalid/authorize",
        "token_endpoint": "https://login.example.invalid/token", "jwks_uri": "https://login.example.invalid/keys",
        "userinfo_endpoint": "", "algoritme": "RS256", "pkce": True}, 60)


@pytest.fixture
def beheerder(db):
    user = member(Rol.BEHEERDER, is_staff=True, is_superuser=True)
    client = Client()
    login_staff(client, user)
    return client


# --- the admin ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("persona, verwacht", [("anoniem", 404), ("ouder", 404), ("ib", 404),
                                               ("staf_zonder_superuser", 403), ("beheerder", 200)])
def test_only_the_beheerder_reaches_the_providers_in_beheer(db, persona, verwacht):
    client = Client()
    if persona == "ouder":
        client.force_login(member(Rol.OUDER))
    elif persona == "ib":
        login_staff(client, member(Rol.IB, school=SchoolFactory()))
    elif persona == "staf_zonder_superuser":
        login_staff(client, member(Rol.BEHEERDER, is_staff=True))
    elif persona == "beheerder":
        login_staff(client, member(Rol.BEHEERDER, is_staff=True, is_superuser=True))
    assert client.get("/beheer/sso/aanbieder/").status_code == verwacht
    assert client.get("/beheer/sso/ouderkoppeling/").status_code == verwacht


def _formulier(school, **kw):
    return {"naam": "Entra ID van het bestuur", "slug": "entra-bestuur", "soort": Soort.MEDEWERKERS,
            "issuer": "https://login.example.invalid/t/v2.0", "client_id": "portaal-client", "client_secret": GEHEIM,
            "scopes": "openid email profile", "acr_waarden": "", "besturen": [school.bestuur.pk],
            "samenwerkingsverbanden": [], "actief": "on", **kw}


def test_beheerder_adds_a_provider_the_secret_is_stored_encrypted_and_never_shown(beheerder):
    school = SchoolFactory()
    r = beheerder.post("/beheer/sso/aanbieder/add/", _formulier(school), follow=True)
    assert r.status_code == 200
    a = Aanbieder.objects.get()
    assert a.geheim() == GEHEIM and GEHEIM not in a.client_secret_versleuteld
    # the discovery is checked at once: an unreachable issuer is said at the save, in Dutch
    assert "niet te bereiken of de issuer klopt niet" in r.content.decode()
    wijzig = beheerder.get(f"/beheer/sso/aanbieder/{a.pk}/change/")
    assert wijzig.status_code == 200 and GEHEIM not in wijzig.content.decode()
    # saving without a new secret keeps the old one
    beheerder.post(f"/beheer/sso/aanbieder/{a.pk}/change/", _formulier(school, client_secret="", naam="Entra"))
    a.refresh_from_db()
    assert a.naam == "Entra" and a.geheim() == GEHEIM
    assert AuditEntry.objects.filter(object_type="sso.aanbieder", object_id=str(a.pk)).count() == 2


@pytest.mark.parametrize("veld, waarde, fout", [
    ("scopes", "email profile", "De scope &#x27;openid&#x27; is verplicht."),
    ("scopes", "openid bsn", "Het portaal vraagt nooit om het BSN."),
    ("issuer", "http://login.example.invalid", None),  # allowed outside production (the local test provider)
    ("issuer", "https://login.example.invalid/.well-known/openid-configuration", "Laat /.well-known/openid-configuration weg"),
    ("issuer", "geen adres", "Voer een geldige URL in."),
    ("client_secret", "", "Vul het client secret in"),
    ("besturen", [], "Kies minstens één bestuur of samenwerkingsverband"),
    ("slug", "met spaties", "Voer een geldige"),
])
def test_bad_provider_input_gets_a_dutch_message_and_saves_nothing(beheerder, veld, waarde, fout):
    school = SchoolFactory()
    r = beheerder.post("/beheer/sso/aanbieder/add/", _formulier(school, **{veld: waarde}))
    if fout is None:
        assert r.status_code == 302 and Aanbieder.objects.count() == 1
        return
    assert r.status_code == 200 and fout in r.content.decode(), r.content.decode()[:3000]
    assert not Aanbieder.objects.exists()


def test_an_http_issuer_is_refused_in_production(beheerder, settings):
    settings.SSO_HTTP_ISSUER_TOEGESTAAN = False
    r = beheerder.post("/beheer/sso/aanbieder/add/", _formulier(SchoolFactory(), issuer="http://login.example.invalid"))
    assert "De issuer moet met https:// beginnen." in r.content.decode() and not Aanbieder.objects.exists()


def test_a_broker_for_parents_belongs_to_no_organisation(beheerder):
    r = beheerder.post("/beheer/sso/aanbieder/add/", _formulier(SchoolFactory(), soort=Soort.OUDERS, scopes="openid"))
    assert "Een makelaar voor ouders hoort niet bij een organisatie" in r.content.decode()
    assert not Aanbieder.objects.exists()


# --- the login page and the login link ----------------------------------------------------------------------------

def test_login_page_shows_the_active_providers_buttons(db, django_assert_num_queries):
    _aanbieder()
    _aanbieder(naam="DigiD", slug="digid", soort=Soort.OUDERS, scopes="openid")
    _aanbieder(naam="Oud", slug="oud", actief=False)
    client = Client()
    client.get("/account/inloggen/")  # warm the session and language machinery
    with django_assert_num_queries(1):  # the providers, one query
        r = client.get("/account/inloggen/")
    html = r.content.decode()
    assert "Inloggen met Entra ID" in html and "Inloggen met DigiD" in html and "Inloggen met Oud" not in html
    assert 'href="/sso/entra/inloggen/"' in html


def test_login_page_without_providers_shows_no_section(db):
    assert "Of log in via" not in Client().get("/account/inloggen/").content.decode()


def test_an_inactive_or_unknown_provider_is_404(db):
    _aanbieder(actief=False)
    assert Client().get("/sso/entra/inloggen/").status_code == 404
    assert Client().get("/sso/bestaat-niet/inloggen/").status_code == 404


def test_an_unreachable_provider_gives_a_dutch_page_not_a_500(db):
    _aanbieder(issuer="http://127.0.0.1:9")  # nothing listens there
    r = Client().get("/sso/entra/inloggen/")
    assert r.status_code == 503 and "is nu niet bereikbaar" in r.content.decode()


def test_the_login_link_keeps_a_safe_next_and_drops_a_foreign_one(db):
    a = _aanbieder()
    _discovery_bewaard(a)
    client = Client()
    client.get("/sso/entra/inloggen/?next=/zaken/")
    assert client.session["oidc_login_next"] == "/zaken/"
    client.get("/sso/entra/inloggen/?next=https://evil.example/")
    assert client.session["oidc_login_next"] is None


def test_a_logged_in_user_is_sent_to_the_start_page(db):
    a = _aanbieder()
    _discovery_bewaard(a)
    client = Client()
    client.force_login(member(Rol.OUDER))
    r = client.get("/sso/entra/inloggen/")
    assert r.status_code == 302 and r["Location"] == reverse("core:home")


# --- the parent's confirmation pages -------------------------------------------------------------------------------

@pytest.fixture
def wachtend(db):
    """A browser whose broker login waits for the parent to confirm the e-mail address."""
    a = _aanbieder(naam="DigiD", slug="digid", soort=Soort.OUDERS, scopes="openid")
    client = Client()
    sessie = client.session
    sessie[SESSIE_BEVESTIGEN] = {"a": a.pk, "h": "0" * 64, "n": "nonce-van-deze-browser", "mails": 0}
    sessie.save()
    return client


def test_confirmation_page_without_a_broker_login_goes_to_the_login(db):
    r = Client().get("/sso/bevestigen/")
    assert r.status_code == 302 and r["Location"] == reverse("accounts:login")


@pytest.mark.parametrize("data, fout", [
    ({"actie": "link", "link-email": ""}, "Vul uw e-mailadres in."),
    ({"actie": "link", "link-email": "geen-adres"}, "Dit is geen geldig e-mailadres."),
    ({"actie": "wachtwoord", "ww-username": "", "ww-password": ""}, "Vul uw wachtwoord in."),
    ({"actie": "wachtwoord", "ww-username": "a@b.nl", "ww-password": "fout"}, "horen niet bij een ouderaccount"),
])
def test_confirmation_bad_input_gets_a_dutch_message(wachtend, data, fout):
    from portal.meldingen.models import OutboxEmail

    r = wachtend.post("/sso/bevestigen/", data)
    assert r.status_code == 400 and fout in r.content.decode()
    assert not OutboxEmail.objects.exists() and "_auth_user_id" not in wachtend.session


def test_an_unknown_address_gets_the_same_answer_and_no_mail(wachtend):
    from portal.meldingen.models import OutboxEmail

    r = wachtend.post("/sso/bevestigen/", {"actie": "link", "link-email": "niemand@voorbeeld.example"})
    assert r.status_code == 200 and "Kijk in uw mail" in r.content.decode()
    assert not OutboxEmail.objects.exists()


def test_a_staff_address_gets_no_link(wachtend):
    from portal.meldingen.models import OutboxEmail

    ib = member(Rol.IB, school=SchoolFactory())
    wachtend.post("/sso/bevestigen/", {"actie": "link", "link-email": ib.email})
    assert not OutboxEmail.objects.exists()


def test_at_most_three_links_per_login(wachtend):
    from portal.meldingen.models import OutboxEmail

    ouder = member(Rol.OUDER)
    for _ in range(3):
        wachtend.post("/sso/bevestigen/", {"actie": "link", "link-email": ouder.email})
    r = wachtend.post("/sso/bevestigen/", {"actie": "link", "link-email": ouder.email})
    assert r.status_code == 400 and "al 3 keer een link gevraagd" in r.content.decode()
    assert OutboxEmail.objects.filter(aan=ouder.email).count() == 3


def test_a_staff_password_does_not_link_a_broker(wachtend):
    from portal.sso.models import OuderKoppeling

    from .factories import PASSWORD

    ib = member(Rol.IB, school=SchoolFactory())
    r = wachtend.post("/sso/bevestigen/", {"actie": "wachtwoord", "ww-username": ib.email, "ww-password": PASSWORD})
    assert r.status_code == 400 and not OuderKoppeling.objects.exists() and "_auth_user_id" not in wachtend.session


def test_password_confirmation_counts_towards_the_lockout(wachtend, settings):
    """django-axes sees the password tried on the confirmation page as on the login page."""
    from .factories import PASSWORD

    settings.AXES_FAILURE_LIMIT = 2
    ouder = member(Rol.OUDER)
    for _ in range(2):
        wachtend.post("/sso/bevestigen/", {"actie": "wachtwoord", "ww-username": ouder.email, "ww-password": "fout"})
    r = wachtend.post("/sso/bevestigen/", {"actie": "wachtwoord", "ww-username": ouder.email, "ww-password": PASSWORD})
    assert "_auth_user_id" not in wachtend.session
    assert r.status_code in (400, 403, 429)


@pytest.mark.parametrize("token", ["onzin", "a" * 300])
def test_a_broken_link_is_a_dutch_400(db, token):
    r = Client().get(f"/sso/bevestigen/{token}/")
    assert r.status_code == 400 and "Deze link werkt niet" in r.content.decode()


# --- the provider's second factor -----------------------------------------------------------------------------------

@pytest.mark.parametrize("claims, acr, verwacht", [
    ({"amr": ["pwd", "mfa"]}, "", True),  # Entra ID after the authenticator app
    ({"amr": ["pwd", "otp"]}, "", True),  # a one-time code
    ({"amr": ["hwk"]}, "", True),  # a hardware key (FIDO2)
    ({"amr": ["pwd"]}, "", False),  # a password alone
    ({"amr": "pwd mfa"}, "", True),  # a provider that sends it as one string
    ({}, "", False),  # no claim at all
    ({"acr": "urn:loa:hoog"}, "urn:loa:hoog urn:loa:substantieel", True),  # an acr value the beheerder configured
    ({"acr": "urn:loa:laag"}, "urn:loa:hoog", False),  # one that is not
    ({"acr": "urn:loa:hoog"}, "", False),  # acr counts only when configured
])
def test_which_claims_mean_a_second_factor(claims, acr, verwacht):
    assert heeft_tweede_factor(claims, Aanbieder(acr_waarden=acr)) is verwacht


def test_the_sso_mark_lets_only_its_own_account_through(db):
    ib = member(Rol.IB, school=SchoolFactory())
    ander = member(Rol.IB, school=SchoolFactory())
    client = Client()
    client.force_login(ib)
    sessie = client.session
    sessie[SSO_TWEEDE_FACTOR] = ander.pk  # a mark for another account counts for nothing
    sessie.save()
    assert client.get(reverse("core:home"))["Location"].startswith("/account/tweestaps/")
    sessie = client.session
    sessie[SSO_TWEEDE_FACTOR] = ib.pk
    sessie.save()
    assert client.get(reverse("core:home")).status_code == 200


def test_users_are_never_created_by_the_backend(db):
    """OIDC_CREATE_USER is off: matching only."""
    from django.conf import settings

    assert settings.OIDC_CREATE_USER is False and settings.OIDC_STORE_ID_TOKEN is False
    assert get_user_model().objects.count() == 0


@pytest.mark.parametrize("waarde", ["²", "\x00", "1\x002", "7" * 10_000, "\u202e1", "https://evil.example/"])
def test_hostile_parameters_on_the_sso_pages_give_no_500(db, waarde):
    a = _aanbieder()
    _discovery_bewaard(a)
    client = Client()
    assert client.get("/sso/entra/inloggen/", {"next": waarde}).status_code == 302
    for data in ({"state": waarde, "code": waarde}, {"error": waarde, "state": waarde}, {"iss": waarde}):
        assert client.get("/sso/terug/", data).status_code == 400
    staat = next(iter(client.session["oidc_states"]))
    assert client.get("/sso/terug/", {"state": staat, "code": "x", "iss": waarde}).status_code == 400
    assert client.get(f"/sso/bevestigen/{waarde[:200].replace('/', '')}x/").status_code in (400, 404)
