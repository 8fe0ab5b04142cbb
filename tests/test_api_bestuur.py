"""A board's clients (issue #21 §2): what a board's system sees (the bestuurder's page rules, never the IB'er's), and
the pages on which the board's admin — the bestuurder — creates a client for the board or one of its schools (or,
as bestuurder of an SWV, for the SWV), sees the secret once, renews it and revokes the client at once. Bad input,
CSRF, double submits, the audit trail, 404 for everyone else, a pinned query count."""

import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.accounts.constants import Rol
from portal.api.models import Koppeling
from portal.api.services import koppeling_trek_in
from portal.api.systeem import SysteemGebruiker
from portal.audit.models import Actie, AuditEntry
from portal.basis.forms import TOKEN_VELD, nieuw_token

from .api_hulp import Systeem, is_probleem, koppeling, systeem, token_voor
from .conftest import login_staff
from .factories import SchoolFactory, SWVFactory, member

pytestmark = pytest.mark.django_db

LIJST = "/koppelingen/"
NIEUW = "/koppelingen/nieuw/"


# --- what a board's system sees -------------------------------------------------------------------------------------

def test_a_boards_system_acts_for_the_schools_of_its_board(world):
    tweede = SchoolFactory(bestuur=world.school_a.bestuur, swvs=[world.swv_a])
    k, _g = koppeling(bestuur=world.school_a.bestuur, scopes=["opp:lezen"])
    s = SysteemGebruiker(k, {"opp:lezen"})
    assert s.school_ids() == sorted([world.school_a.pk, tweede.pk])
    assert s.bestuur_ids() == [world.school_a.bestuur_id] and s.swv_ids() == []
    assert not s.heeft_rol(Rol.BESTUURDER, Rol.IB)
    from portal.termijnen.models import Clock

    assert not Clock.objects.filter(s.clock_q()).exists()  # a bestuurder sees no clocks of a school in the pages
    school = SysteemGebruiker(koppeling(school=world.school_a)[0], set())
    assert school.school_ids() == [world.school_a.pk] and school.bestuur_ids() == []


@pytest.mark.parametrize("url", ["/api/v1/leerlingen/", "/api/v1/groepen/", "/api/v1/termijnen/",
                                 "/api/v1/aanmeldingen/", "/api/v1/arrangementen/", "/api/v1/tlv-besluiten/",
                                 "/api/v1/tlv-register/"])
def test_a_boards_system_gets_403_where_a_bestuurder_sees_nothing_in_the_pages(world, url):
    s = systeem(bestuur=world.school_a.bestuur, scopes=["opp:lezen"])
    is_probleem(s.get(url), 403)
    assert s.get("/api/v1/opp/").status_code == 200
    assert s.get("/api/v1/scholen/").status_code == 200  # public


def test_a_stored_scope_that_does_not_fit_the_organisation_is_never_honoured(world):
    """Past Koppeling.clean (a change straight in the database): a board's system with leerlingen:lezen still does
    not read a school's pupils — a bestuurder does not see them in the pages."""
    k, geheim = koppeling(bestuur=world.school_a.bestuur, scopes=["opp:lezen"])
    Koppeling.objects.filter(pk=k.pk).update(scopes=["opp:lezen", "leerlingen:lezen"])
    s = Systeem(k, geheim, scope="opp:lezen leerlingen:lezen")
    is_probleem(s.get("/api/v1/leerlingen/"), 403)
    is_probleem(s.get(f"/api/v1/leerlingen/{world.kind_a.pk}/"), 403)


# --- the bestuurder's pages ---------------------------------------------------------------------------------------

def bevestigd(client):
    """As after the password was asked again (the re-authentication step)."""
    sessie = client.session
    sessie["portal_reauth_at"] = time.time()
    sessie.save()
    return client


def als(user, *, herbevestigd=True, **kw):
    c = Client(**kw)
    login_staff(c, user)
    return bevestigd(c) if herbevestigd else c


def formulier(world, **over):
    data = {"naam": "ParnasSys De Regenboog", "organisatie": f"school-{world.school_a.pk}",
            "scopes": ["leerlingen:lezen", "opp:lezen"], TOKEN_VELD: nieuw_token()}
    data.update(over)
    return data


def test_the_start_page_links_to_the_clients(world):
    c = als(world.bestuurder_a)
    assert LIJST in c.get("/").content.decode()


def test_bestuurder_creates_a_client_sees_the_secret_once_and_the_system_calls_with_it(world):
    c = als(world.bestuurder_a)
    r = c.get(NIEUW)
    assert r.status_code == 200
    keuzes = r.content.decode()
    assert f"school-{world.school_a.pk}" in keuzes and f"bestuur-{world.school_a.bestuur_id}" in keuzes
    assert f"school-{world.school_b.pk}" not in keuzes  # another board's school
    r = c.post(NIEUW, formulier(world))
    k = Koppeling.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/koppelingen/{k.pk}/"
    assert k.school == world.school_a and k.scopes == ["leerlingen:lezen", "opp:lezen"]
    assert k.aangemaakt_door == world.bestuurder_a
    pagina = c.get(r["Location"])
    assert pagina["Cache-Control"] == "no-store"
    tekst = pagina.content.decode()
    assert k.application.client_id in tekst
    geheim = tekst.split('id="geheim"')[1].split('value="')[1].split('"')[0]
    assert len(geheim) > 30
    assert geheim not in c.get(r["Location"]).content.decode()  # once
    # the system fetches a token with it and reads its school's pupils
    s = Systeem(k, geheim)
    assert [x["id"] for x in s.get("/api/v1/leerlingen/").json()["results"]] == [world.kind_a.pk]
    regel = AuditEntry.objects.get(object_type="api.koppeling", actie=Actie.AANGEMAAKT)
    assert regel.actor == world.bestuurder_a and "opp:lezen" in regel.omschrijving


def test_a_client_for_the_board_itself(world):
    c = als(world.bestuurder_a)
    r = c.post(NIEUW, formulier(world, organisatie=f"bestuur-{world.school_a.bestuur_id}", scopes=["opp:lezen"]))
    assert r.status_code == 302
    assert Koppeling.objects.get().bestuur == world.school_a.bestuur


def test_the_bestuurder_of_an_swv_creates_a_client_for_the_swv(world):
    swv_bestuurder = member(Rol.BESTUURDER, swv=world.swv_a)
    c = als(swv_bestuurder)
    r = c.post(NIEUW, formulier(world, organisatie=f"swv-{world.swv_a.pk}", scopes=["tlv:lezen", "termijnen:lezen"]))
    assert r.status_code == 302
    assert Koppeling.objects.get().swv == world.swv_a
    assert f"school-{world.school_a.pk}" not in c.get(NIEUW).content.decode()


def test_creating_asks_for_the_password_again_first(world):
    c = als(world.bestuurder_a, herbevestigd=False)
    r = c.get(NIEUW)
    assert r.status_code == 302 and r["Location"].startswith("/account/bevestig/")
    r = c.post(NIEUW, formulier(world))
    assert r.status_code == 302 and r["Location"].startswith("/account/bevestig/")
    assert not Koppeling.objects.exists()


@pytest.mark.parametrize("over, veld, melding", [
    ({"naam": ""}, "naam", "Geef het systeem een naam."),
    ({"naam": "x" * 201}, "naam", "Gebruik ten hoogste 200 tekens."),
    ({"naam": "ParnasSys\u202e"}, "naam", "stuurtekens"),
    ({"organisatie": ""}, "organisatie", "Kies de organisatie van het systeem."),
    ({"organisatie": "school-abc"}, "organisatie", "Kies een organisatie uit de lijst."),
    ({"organisatie": "beheer-1"}, "organisatie", "Kies een organisatie uit de lijst."),
    ({"scopes": []}, "scopes", "Kies ten minste één onderdeel."),
    ({"scopes": ["alles:lezen"]}, "scopes", "Kies alleen onderdelen uit de lijst."),
    ({"organisatie": "BESTUUR", "scopes": ["leerlingen:lezen"]}, "scopes", "Dit past niet bij een bestuur"),
    ({"scopes": ["tlv:lezen", "opp:lezen"], "organisatie": "SWV"}, "scopes", "Dit past niet bij een samenwerkingsverband"),
])
def test_bad_input_is_said_at_the_field_and_nothing_is_saved(world, over, veld, melding):
    if over.get("organisatie") == "BESTUUR":
        over["organisatie"] = f"bestuur-{world.school_a.bestuur_id}"
    if over.get("organisatie") == "SWV":
        c = als(member(Rol.BESTUURDER, swv=world.swv_a))
        over["organisatie"] = f"swv-{world.swv_a.pk}"
    else:
        c = als(world.bestuurder_a)
    r = c.post(NIEUW, formulier(world, **over))
    assert r.status_code == 200
    assert melding in " ".join(str(e) for e in r.context["form"].errors.get(veld, []))
    assert not Koppeling.objects.exists()
    assert "foutsamenvatting" in r.content.decode()


def test_another_boards_school_cannot_be_chosen(world):
    c = als(world.bestuurder_a)
    r = c.post(NIEUW, formulier(world, organisatie=f"school-{world.school_b.pk}"))
    assert r.status_code == 200 and "organisatie" in r.context["form"].errors
    assert not Koppeling.objects.exists()


def test_without_the_csrf_token_nothing_is_made(world):
    c = als(world.bestuurder_a, enforce_csrf_checks=True)
    assert c.post(NIEUW, formulier(world)).status_code == 403
    assert not Koppeling.objects.exists()


def test_a_double_submit_makes_one_client(world):
    c = als(world.bestuurder_a)
    data = formulier(world)
    eerste = c.post(NIEUW, data)
    tweede = c.post(NIEUW, data)
    assert Koppeling.objects.count() == 1
    assert tweede.status_code == 302 and tweede["Location"] == eerste["Location"]


@pytest.mark.parametrize("persona", ["ib_a", "dir_a", "swv_mw_a", "leerkracht_a", "bestuurder_b", "ouder_a"])
def test_everyone_else_gets_404(world, persona):
    if persona == "bestuurder_b":
        user = member(Rol.BESTUURDER, bestuur=world.school_b.bestuur)
    else:
        user = getattr(world, persona)
    k, _g = koppeling(school=world.school_a)
    c = Client()
    if user.vereist_2fa:
        login_staff(c, user)
    else:
        c.force_login(user)
    bevestigd(c)
    if persona != "bestuurder_b":
        assert c.get(LIJST).status_code == 404
        assert c.get(NIEUW).status_code == 404
    for url, methode in ((f"{LIJST}{k.pk}/", "get"), (f"{LIJST}{k.pk}/geheim/", "get"),
                         (f"{LIJST}{k.pk}/geheim/", "post"), (f"{LIJST}{k.pk}/intrekken/", "post")):
        assert getattr(c, methode)(url, {TOKEN_VELD: nieuw_token()} if methode == "post" else None).status_code == 404
    k.refresh_from_db()
    assert k.actief and not AuditEntry.objects.filter(object_type="api.koppeling", actie=Actie.GEWIJZIGD).exists()


def test_anonymous_is_sent_to_the_login(world):
    r = Client().get(LIJST)
    assert r.status_code == 302 and "/account/inloggen/" in r["Location"]


def test_the_list_shows_the_boards_clients_only_with_a_pinned_query_count(world, django_assert_num_queries):
    eigen, _g = koppeling(school=world.school_a, naam="Systeem van school A")
    bestuur, _g = koppeling(bestuur=world.school_a.bestuur, scopes=["opp:lezen"], naam="Systeem van het bestuur")
    ander, _g = koppeling(school=world.school_b, naam="Systeem van school B")
    c = als(world.bestuurder_a)
    tekst = c.get(LIJST).content.decode()
    assert "Systeem van school A" in tekst and "Systeem van het bestuur" in tekst
    assert "Systeem van school B" not in tekst
    with CaptureQueriesContext(connection) as weinig:
        c.get(LIJST)
    for i in range(5):
        koppeling(school=world.school_a, naam=f"Systeem {i}")
    with django_assert_num_queries(len(weinig)):
        assert c.get(LIJST).status_code == 200


def test_revoke_works_at_once_is_audited_and_twice_is_harmless(world):
    k, geheim = koppeling(school=world.school_a)
    s = Systeem(k, geheim)
    assert s.get("/api/v1/leerlingen/").status_code == 200
    c = als(world.bestuurder_a)
    r = c.post(f"{LIJST}{k.pk}/intrekken/", {TOKEN_VELD: nieuw_token()})
    assert r.status_code == 302 and r["Location"] == f"{LIJST}{k.pk}/"
    is_probleem(s.get("/api/v1/leerlingen/"), 401)  # the very next call
    assert token_voor(k, geheim).status_code == 401
    assert c.post(f"{LIJST}{k.pk}/intrekken/", {TOKEN_VELD: nieuw_token()}).status_code == 302
    regels = AuditEntry.objects.filter(object_type="api.koppeling", actie=Actie.GEWIJZIGD)
    assert [(r.actor, r.omschrijving) for r in regels] == [(world.bestuurder_a, "API-koppeling ingetrokken")]
    pagina = c.get(f"{LIJST}{k.pk}/").content.decode()
    assert "ingetrokken op" in pagina and "Nieuw geheim maken" not in pagina


def test_a_new_secret_once_after_the_password_and_the_old_one_stops(world):
    k, oud = koppeling(school=world.school_a)
    s = Systeem(k, oud)
    c = als(world.bestuurder_a, herbevestigd=False)
    assert c.get(f"{LIJST}{k.pk}/geheim/")["Location"].startswith("/account/bevestig/")
    bevestigd(c)
    assert "Het oude geheim werkt daarna meteen niet meer" in c.get(f"{LIJST}{k.pk}/geheim/").content.decode()
    data = {TOKEN_VELD: nieuw_token()}
    r = c.post(f"{LIJST}{k.pk}/geheim/", data)
    assert r.status_code == 302 and r["Location"] == f"{LIJST}{k.pk}/"
    tekst = c.get(r["Location"]).content.decode()
    nieuw = tekst.split('id="geheim"')[1].split('value="')[1].split('"')[0]
    assert nieuw != oud
    is_probleem(s.get("/api/v1/leerlingen/"), 401)  # the old token stopped
    assert token_voor(k, oud).status_code == 401
    assert Systeem(k, nieuw).get("/api/v1/leerlingen/").status_code == 200
    # the same form again (a double click): no second new secret
    assert c.post(f"{LIJST}{k.pk}/geheim/", data).status_code == 302
    assert AuditEntry.objects.filter(object_type="api.koppeling", omschrijving="Nieuw geheim voor API-koppeling").count() == 1
    assert Systeem(k, nieuw).get("/api/v1/leerlingen/").status_code == 200


def test_no_new_secret_for_a_revoked_client(world):
    k, _g = koppeling(school=world.school_a)
    koppeling_trek_in(koppeling=k, door=world.bestuurder_a)
    c = als(world.bestuurder_a)
    r = c.post(f"{LIJST}{k.pk}/geheim/", {TOKEN_VELD: nieuw_token()}, follow=True)
    assert "Deze koppeling is ingetrokken." in r.content.decode()
    assert not AuditEntry.objects.filter(omschrijving="Nieuw geheim voor API-koppeling").exists()


def test_an_swv_bestuurder_does_not_see_a_school_boards_clients(world):
    k, _g = koppeling(school=world.school_a)
    c = als(member(Rol.BESTUURDER, swv=SWVFactory()))
    assert c.get(LIJST).status_code == 200
    assert c.get(f"{LIJST}{k.pk}/").status_code == 404


def test_the_pages_ask_the_second_factor_first(world):
    c = Client()
    c.force_login(world.bestuurder_a)  # logged in, no TOTP step yet
    r = c.get(LIJST)
    assert r.status_code == 302 and "/account/" in r["Location"] and "koppelingen" not in r["Location"].split("?")[0]
