"""Who may call the API (issue #21 §2): an organisation's system with an OAuth2 client-credentials token, bound to
one organisation and its scopes; revoking works at once; every call is in the audit trail as the system."""

import pytest
from django.test import Client
from oauth2_provider.models import AccessToken

from portal.api.models import Koppeling
from portal.api.services import KoppelingFout, koppeling_trek_in
from portal.audit.models import Actie, AuditEntry
from portal.leerlingen.models import Leerling

from .api_hulp import Systeem, is_probleem, koppeling, systeem, token_voor
from .factories import InschrijvingFactory, LeerlingFactory

pytestmark = pytest.mark.django_db


# --- the token endpoint ------------------------------------------------------------------------------------------

def test_client_credentials_flow_token_then_call(world):
    k, geheim = koppeling(school=world.school_a, door=world.beheerder)
    r = token_voor(k, geheim)
    assert r.status_code == 200
    body = r.json()
    assert body["token_type"] == "Bearer"
    assert body["scope"] == "leerlingen:lezen"
    r = Client().get("/api/v1/leerlingen/", HTTP_AUTHORIZATION=f"Bearer {body['access_token']}")
    assert r.status_code == 200
    assert [x["id"] for x in r.json()["results"]] == [world.kind_a.pk]


def test_wrong_secret_gives_no_token(world):
    k, _geheim = koppeling(school=world.school_a)
    r = token_voor(k, "fout-geheim")
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"
    assert not AccessToken.objects.exists()


def test_secret_is_stored_hashed(world):
    k, geheim = koppeling(school=world.school_a)
    k.refresh_from_db()
    assert geheim not in k.application.client_secret


def test_a_client_cannot_ask_for_more_scopes_than_it_has(world):
    k, geheim = koppeling(school=world.school_a, scopes=["leerlingen:lezen"])
    r = token_voor(k, geheim, scope="leerlingen:lezen leerlingen:schrijven")
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_scope"
    assert not AccessToken.objects.exists()


def test_a_client_may_ask_for_fewer_scopes(world):
    k, geheim = koppeling(school=world.school_a, scopes=["leerlingen:lezen", "termijnen:lezen"])
    s = Systeem(k, geheim, scope="termijnen:lezen")
    is_probleem(s.get("/api/v1/leerlingen/"), 403)
    assert s.get("/api/v1/termijnen/").status_code == 200


def test_only_client_credentials_is_allowed(world):
    k, geheim = koppeling(school=world.school_a)
    import base64

    basic = base64.b64encode(f"{k.application.client_id}:{geheim}".encode()).decode()
    r = Client().post("/api/v1/token/", {"grant_type": "password", "username": world.ib_a.email,
                                         "password": "x"}, HTTP_AUTHORIZATION=f"Basic {basic}")
    assert r.status_code in (400, 401)
    assert not AccessToken.objects.exists()


# --- one organisation, its scopes --------------------------------------------------------------------------------

def test_a_client_is_bound_to_exactly_one_organisation(world):
    with pytest.raises(KoppelingFout, match="precies één organisatie"):
        koppeling(school=world.school_a, swv=world.swv_a)
    with pytest.raises(KoppelingFout, match="precies één organisatie"):
        koppeling()
    assert not Koppeling.objects.exists()


@pytest.mark.parametrize("soort, scope, mag", [
    ("school", "leerlingen:lezen", True),
    ("school", "leerlingen:schrijven", True),
    ("school", "termijnen:lezen", True),
    ("swv", "termijnen:lezen", True),
    # an SWV's staff do not see a school's pupil list in the pages, so its system does not either
    ("swv", "leerlingen:lezen", False),
    ("bestuur", "leerlingen:lezen", False),  # a board's bestuurder sees no pupils in the pages
    ("bestuur", "termijnen:lezen", False),
    ("school", "bestaat:niet", False),
])
def test_scopes_fit_the_kind_of_organisation(world, soort, scope, mag):
    org = {"school": {"school": world.school_a}, "swv": {"swv": world.swv_a},
           "bestuur": {"bestuur": world.school_a.bestuur}}[soort]
    if mag:
        assert koppeling(scopes=[scope], **org)[0].scopes == [scope]
    else:
        with pytest.raises(KoppelingFout):
            koppeling(scopes=[scope], **org)


def test_school_client_cannot_see_another_schools_pupil(world):
    """The issue's test: a school's client reads its own pupils, another school's pupil is a 404 (as in the pages),
    for every detail endpoint."""
    from portal.leerlingen.models import Groep
    from portal.termijnen.services import clock_start

    s = systeem(school=world.school_a, scopes=["leerlingen:lezen", "termijnen:lezen"])
    assert s.get(f"/api/v1/leerlingen/{world.kind_a.pk}/").status_code == 200
    is_probleem(s.get(f"/api/v1/leerlingen/{world.kind_b.pk}/"), 404)
    assert world.kind_b.pk not in [x["id"] for x in s.get("/api/v1/leerlingen/").json()["results"]]
    groep_b = Groep.objects.create(school=world.school_b, naam="groep 1", schooljaar="2026-2027")
    is_probleem(s.get(f"/api/v1/groepen/{groep_b.pk}/"), 404)
    klok_b = clock_start(regel_id="B-2", zaak=world.zaak_b, start=world.ins_b.van)
    is_probleem(s.get(f"/api/v1/termijnen/{klok_b.pk}/"), 404)


def test_no_write_without_the_write_scope(world):
    s = systeem(school=world.school_a, scopes=["leerlingen:lezen"])
    body = is_probleem(s.post("/api/v1/groepen/", {"naam": "groep 3", "schooljaar": "2026-2027"}), 403)
    assert "leerlingen:schrijven" in body["detail"]
    from portal.leerlingen.models import Groep

    assert not Groep.objects.exists()


def test_narrowing_a_clients_scopes_works_at_once(world):
    s = systeem(school=world.school_a, scopes=["leerlingen:lezen", "termijnen:lezen"])
    assert s.get("/api/v1/leerlingen/").status_code == 200
    Koppeling.objects.filter(pk=s.koppeling.pk).update(scopes=["termijnen:lezen"])
    is_probleem(s.get("/api/v1/leerlingen/"), 403)


@pytest.mark.parametrize("pagina_rol", ["ib", "directeur"])
def test_never_more_than_the_schools_staff_see_in_the_pages(world, pagina_rol):
    """The pupils of a school's client are exactly those its IB'er and directeur see (Leerling.objects.for_user):
    an ended enrolment, a pupil enrolled only elsewhere and a pupil enrolled in the future-past mix are checked."""
    import datetime as dt

    weg = LeerlingFactory()
    InschrijvingFactory(leerling=weg, school=world.school_a, van=dt.date(2020, 8, 1), tot=dt.date(2021, 7, 31))
    beide = LeerlingFactory()
    InschrijvingFactory(leerling=beide, school=world.school_a)
    InschrijvingFactory(leerling=beide, school=world.school_b)
    persoon = {"ib": world.ib_a, "directeur": world.dir_a}[pagina_rol]
    in_pagina = set(Leerling.objects.for_user(persoon).values_list("pk", flat=True))
    s = systeem(school=world.school_a)
    via_api = {x["id"] for x in s.get("/api/v1/leerlingen/").json()["results"]}
    assert via_api == in_pagina == {world.kind_a.pk, beide.pk}
    # a pupil of both schools: the enrolments and groups of this school only
    detail = s.get(f"/api/v1/leerlingen/{beide.pk}/").json()
    assert len(detail["inschrijvingen"]) == 1


def test_termijnen_are_those_the_organisations_staff_see(world):
    from portal.termijnen.models import Clock
    from portal.termijnen.services import clock_start

    a = clock_start(regel_id="B-2", zaak=world.zaak_a, start=world.ins_a.van)
    clock_start(regel_id="B-2", zaak=world.zaak_b, start=world.ins_b.van)
    s = systeem(school=world.school_a, scopes=["termijnen:lezen"])
    ids = {x["id"] for x in s.get("/api/v1/termijnen/").json()["results"]}
    assert ids == {a.pk} == set(Clock.objects.for_user(world.ib_a).values_list("pk", flat=True))
    swv = systeem(swv=world.swv_a, scopes=["termijnen:lezen"])
    # a school's clock is not the SWV's (ClockQuerySet.for_user: an SWV's own cases, without a school)
    assert swv.get("/api/v1/termijnen/").json()["results"] == []
    assert set(Clock.objects.for_user(world.swv_mw_a).values_list("pk", flat=True)) == set()


# --- revoking ------------------------------------------------------------------------------------------------------

def test_revoke_then_the_next_call_is_401(world):
    s = systeem(school=world.school_a)
    assert s.get("/api/v1/leerlingen/").status_code == 200
    koppeling_trek_in(koppeling=s.koppeling, door=world.beheerder)
    is_probleem(s.get("/api/v1/leerlingen/"), 401)
    assert not AccessToken.objects.filter(application=s.koppeling.application).exists()


def test_revoked_while_the_token_still_exists_is_refused(world):
    """Even if a token survived (say, the revocation's delete lost a race), the client's Koppeling is checked on every
    call: no cached acceptance."""
    s = systeem(school=world.school_a)
    Koppeling.objects.filter(pk=s.koppeling.pk).update(ingetrokken_op="2026-01-01T00:00:00Z")
    body = is_probleem(s.get("/api/v1/leerlingen/"), 401)
    assert "ingetrokken" in body["detail"]


def test_a_revoked_client_gets_no_new_token(world):
    k, geheim = koppeling(school=world.school_a)
    koppeling_trek_in(koppeling=k, door=world.beheerder)
    r = token_voor(k, geheim)
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"


def test_an_expired_token_is_401(world):
    from datetime import timedelta

    from django.utils import timezone

    s = systeem(school=world.school_a)
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))
    is_probleem(s.get("/api/v1/leerlingen/"), 401)


# --- the audit trail: the system, not a person -------------------------------------------------------------------

def test_every_call_is_audited_as_the_system(world):
    s = systeem(school=world.school_a)
    voor = AuditEntry.objects.count()
    s.get("/api/v1/leerlingen/")
    s.get(f"/api/v1/leerlingen/{world.kind_a.pk}/")
    s.get(f"/api/v1/leerlingen/{world.kind_b.pk}/")  # refused: audited too
    regels = list(AuditEntry.objects.order_by("pk")[voor:])
    assert len(regels) == 3
    for regel in regels:
        assert regel.systeem is True
        assert regel.actor is None
        assert regel.koppeling_id == s.koppeling.pk
        assert regel.actor_omschrijving.startswith("Systeem: Leerlingadministratie")
    lijst, detail, geweigerd = regels
    assert lijst.actie == Actie.BEKEKEN and lijst.object_type == "api.koppeling"
    # the detail is a view of the pupil's dossier — in the list of who looked, shown as the school's system
    assert detail.actie == Actie.BEKEKEN and detail.leerling_id == world.kind_a.pk
    assert detail in AuditEntry.objects.dossier_views_for(world.kind_a)
    assert geweigerd.actie == Actie.SYSTEEM and "404" in geweigerd.omschrijving and geweigerd.leerling_id is None


def test_a_persons_action_and_a_systems_are_told_apart(world):
    """The trail shows the two apart: a person's line has the person; a system's has no person, the systeem flag and
    its client."""
    from portal.leerlingen.services import groep_bewaar

    groep_bewaar(school=world.school_a, door=world.ib_a, naam="groep 4", schooljaar="2026-2027", leerlingen=[],
                 leerkrachten=[])
    s = systeem(school=world.school_a, scopes=["leerlingen:lezen", "leerlingen:schrijven"])
    assert s.post("/api/v1/groepen/", {"naam": "groep 5", "schooljaar": "2026-2027"}).status_code == 201
    persoon, ding = AuditEntry.objects.filter(object_type="leerlingen.groep").order_by("pk")
    assert persoon.actor == world.ib_a and not persoon.systeem and persoon.koppeling is None
    assert ding.actor is None and ding.systeem and ding.koppeling == s.koppeling
    assert ding.actie == Actie.AANGEMAAKT


def test_creating_and_revoking_a_client_is_audited(world):
    k, _ = koppeling(school=world.school_a, door=world.beheerder)
    koppeling_trek_in(koppeling=k, door=world.beheerder)
    regels = AuditEntry.objects.filter(object_type="api.koppeling", object_id=str(k.pk)).order_by("pk")
    assert [(r.actie, r.actor) for r in regels] == [(Actie.AANGEMAAKT, world.beheerder),
                                                     (Actie.GEWIJZIGD, world.beheerder)]


# --- the beheerder makes a client in /beheer/ ------------------------------------------------------------------------

def test_beheerder_creates_a_client_in_the_admin_and_sees_the_secret_once(world):
    from .conftest import login_staff

    c = Client()
    login_staff(c, world.beheerder)
    r = c.post("/beheer/api/koppeling/add/", {"naam": "ParnasSys", "school": world.school_a.pk,
                                              "scopes": ["leerlingen:lezen"]}, follow=True)
    assert r.status_code == 200
    k = Koppeling.objects.get()
    assert k.school == world.school_a and k.scopes == ["leerlingen:lezen"] and k.aangemaakt_door == world.beheerder
    berichten = [str(m) for m in r.context["messages"]]
    geheim = next(m for m in berichten if "geheim" in m).split("geheim: ")[1].split(".")[0]
    assert token_voor(k, geheim).status_code == 200
    # a scope that does not fit the organisation: refused at the form, nothing made
    r = c.post("/beheer/api/koppeling/add/", {"naam": "Fout", "bestuur": world.school_a.bestuur.pk,
                                              "scopes": ["leerlingen:lezen"]})
    assert r.status_code == 200 and "past niet" in r.content.decode()
    assert Koppeling.objects.count() == 1
    # revoking through the admin's action
    r = c.post("/beheer/api/koppeling/", {"action": "trek_in", "_selected_action": [k.pk]}, follow=True)
    k.refresh_from_db()
    assert k.ingetrokken_op is not None


def test_admin_is_not_for_an_ib(world):
    from .conftest import login_staff

    c = Client()
    login_staff(c, world.ib_a)
    assert c.get("/beheer/api/koppeling/").status_code == 404
