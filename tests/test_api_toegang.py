"""Who may call the API (issue #21 §2): an organisation's system with an OAuth2 client-credentials token, bound to
one organisation and its scopes; revoking works at once; every call is in the audit trail as the system."""

import re

import pytest
from django.test import Client
from oauth2_provider.models import AccessToken

from portal.api.models import Koppeling
from portal.api.registry import scopes_voor
from portal.api.services import KoppelingFout, koppeling_trek_in
from portal.audit.models import Actie, AuditEntry
from portal.leerlingen.models import Leerling

from .api_hulp import Systeem, is_probleem, koppeling, systeem, token_voor
from .factories import InschrijvingFactory, LeerlingFactory
from .test_access_matrix import vreemd, wereld  # noqa: F401  (two worlds of the same shape, every object a URL needs)

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


# --- every endpoint of the router, generically (issue #21 §6: the access matrix for the API) ------------------------
#
# Nothing below names a resource: the endpoints come from the API's router (portal.api.urls), the scope each method
# needs from the schema (tests/test_api_schema.py checks those agree with the views), the objects from the access
# matrix's two worlds (every rows module's ``objecten``: a new resource's objects come with its rows).

SOORTEN = ("school", "bestuur", "swv")


def _organisatie(w, soort):
    return {"school": {"school": w.school_a}, "bestuur": {"bestuur": w.school_a.bestuur}, "swv": {"swv": w.swv_a}}[soort]


def _api_eindpunten():
    """(name, path with {kwarg}, method, scope or None, detail kwarg or None, list path) for every router URL and
    method it serves."""
    from drf_spectacular.generators import SchemaGenerator

    from .test_api_schema import router_eindpunten

    paden = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    uit = []
    for naam, pad, acties, _cls in router_eindpunten():
        for methode in acties:
            op = paden.get(pad, {}).get(methode, {})
            scope = next((s for eis in op.get("security", []) for s in eis.get("oauth2", [])), None)
            kwarg = next(iter(re.findall(r"\{(\w+)\}", pad)), None)
            uit.append((naam, pad, methode.upper(), scope, kwarg, pad[: pad.index("{")] if kwarg else pad))
    assert uit
    return uit


def _url(pad, waarde=None):
    return re.sub(r"\{\w+\}", str(waarde), pad) if waarde is not None else pad


def _vraag(c, methode, url, headers=None):
    headers = headers or {}
    if methode == "GET":
        return c.get(url, **headers)
    return getattr(c, methode.lower())(url, "{}", content_type="application/json", **headers)


def _ids(s, lijst) -> set:
    r = s.get(lijst, {"aantal": 200})
    assert r.status_code == 200, (lijst, r.status_code, r.content[:300])
    body = r.json()
    return {x["id"] for x in (body["results"] if isinstance(body, dict) else body)}


def _systeem_met(w, soort, *, zonder=None):
    scopes = [s for s in scopes_voor(soort) if s != zonder]
    return systeem(scopes=scopes, naam=f"{soort} {zonder or 'alles'}", **_organisatie(w, soort)) if scopes else None


def test_every_api_endpoint_without_a_token_is_401():
    fouten = []
    for naam, pad, methode, scope, kwarg, _lijst in _api_eindpunten():
        if scope is None:
            continue
        r = _vraag(Client(), methode, _url(pad, 1 if kwarg else None))
        if r.status_code != 401 or r["Content-Type"] != "application/problem+json" or "WWW-Authenticate" not in r:
            fouten.append(f"{methode} {naam}: {r.status_code} {r['Content-Type']}")
    assert not fouten, "\n".join(fouten)


def test_every_api_endpoint_without_its_scope_is_403(world):
    """A client of a kind that may hold the scope, with every other scope of its kind but this one: 403, reading and
    writing, before anything is looked up or validated."""
    fouten, getoetst = [], 0
    for naam, pad, methode, scope, kwarg, _lijst in _api_eindpunten():
        if scope is None:
            continue
        for soort in SOORTEN:
            if scope not in scopes_voor(soort) or (s := _systeem_met(world, soort, zonder=scope)) is None:
                continue
            r = _vraag(s.client, methode, _url(pad, 1 if kwarg else None), s._h({}))
            getoetst += 1
            if r.status_code != 403 or scope not in r.json().get("detail", ""):
                fouten.append(f"{methode} {naam} ({soort} zonder {scope}): {r.status_code} {r.content[:200]}")
    assert getoetst
    assert not fouten, "\n".join(fouten)


def test_every_api_endpoint_refuses_a_revoked_client_at_once(world):
    fouten = []
    for naam, pad, methode, scope, kwarg, _lijst in _api_eindpunten():
        if scope is None:
            continue
        soort = next(s for s in SOORTEN if scope in scopes_voor(s))
        s = _systeem_met(world, soort)
        url = _url(pad, 999_999_999 if kwarg else None)
        voor = _vraag(s.client, methode, url, s._h({}))
        koppeling_trek_in(koppeling=s.koppeling, door=world.beheerder)
        na = _vraag(s.client, methode, url, s._h({}))
        if voor.status_code in (401, 403) or na.status_code != 401:
            fouten.append(f"{methode} {naam}: voor het intrekken {voor.status_code}, erna {na.status_code}")
    assert not fouten, "\n".join(fouten)


def _rij_van(naam):
    """The matrix row of this URL, else the row of its resource's detail URL (an extra action on one object)."""
    from portal.api.registry import BRONNEN

    from .matrix import alle_rijen

    rijen = {r.naam: r for r in alle_rijen()}
    if naam in rijen:
        return rijen[naam]
    basis = max((b.basename for b in BRONNEN.values() if naam.startswith(f"api:{b.basename}-")), key=len, default=None)
    return rijen.get(f"api:{basis}-detail")


def test_every_api_endpoint_gives_404_for_another_organisations_object(wereld, vreemd):  # noqa: F811
    """With a token of one organisation (every scope its kind may hold), the objects of another organisation of the
    same kind are not in its list, and every detail URL (read, write, an extra action) for one of them is a 404, as
    in the pages. The other organisation's objects: what its own client lists, and the object the URL's matrix row
    names in the ``vreemd`` world (a client's own object, such as a subscription, is listed by that client only).
    Every endpoint with a scope must be tested so for at least one kind of organisation."""
    fouten, getoetst = [], set()
    systemen = {soort: (_systeem_met(wereld, soort), _systeem_met(vreemd, soort)) for soort in SOORTEN}
    for naam, pad, methode, scope, kwarg, lijst in _api_eindpunten():
        if scope is None:
            continue
        rij = _rij_van(naam) if kwarg else _rij_van(naam.removesuffix("-list") + "-detail")
        uit_rij = {int(a) for a in (rij.args(vreemd) if rij and rij.args else []) if str(a).isdigit()}
        for soort, (eigen, ander) in systemen.items():
            if scope not in scopes_voor(soort) or scope.split(":")[0] + ":lezen" not in scopes_voor(soort):
                continue
            eigen_ids, vreemde_ids = _ids(eigen, lijst), _ids(ander, lijst)
            if eigen_ids & vreemde_ids:
                fouten.append(f"{naam} ({soort}): beide organisaties zien {sorted(eigen_ids & vreemde_ids)}")
            if not kwarg:
                if eigen_ids & uit_rij:
                    fouten.append(f"{naam} ({soort}): de lijst toont het object van een ander {sorted(eigen_ids & uit_rij)}")
                if vreemde_ids or uit_rij:
                    getoetst.add((naam, methode))
                continue
            for vreemd_id in sorted(vreemde_ids)[:3] + sorted(uit_rij - eigen_ids):
                r = _vraag(eigen.client, methode, _url(pad, vreemd_id), eigen._h({}))
                getoetst.add((naam, methode))
                if r.status_code != 404 or r["Content-Type"] != "application/problem+json":
                    fouten.append(f"{methode} {_url(pad, vreemd_id)} ({soort}, een object van een ander): "
                                  f"{r.status_code} {r.content[:200]}")
    te_toetsen = {(n, m) for n, _p, m, scope, k, _l in _api_eindpunten() if scope and (k or m == "GET")}
    zonder = sorted(f"{m} {n}" for n, m in te_toetsen - getoetst)
    assert not fouten, "\n".join(fouten)
    assert not zonder, ("Geen object van een andere organisatie om mee te toetsen (voeg het toe in de objecten van de "
                        f"toegangsmatrix, tests/matrix/rows_*.py): {zonder}")


def test_every_api_url_has_a_row_in_the_access_matrix():
    """Each URL of the API's router has its row (tests/matrix/rows_api.py, or the rows file of the app that owns the
    resource), and the row says what the API does with a person's session: 401 where a token is needed (a session is
    no system), 200 where the resource is public."""
    from .matrix import PERSONAS, alle_rijen

    rijen = {r.naam: r for r in alle_rijen()}
    scopes = {}
    for naam, _p, _m, scope, _k, _l in _api_eindpunten():
        scopes.setdefault(naam, set()).add(scope)
    ontbreekt = sorted(set(scopes) - set(rijen))
    assert not ontbreekt, f"API-URL's zonder rij in de toegangsmatrix (tests/matrix/rows_api.py): {ontbreekt}"
    fout = []
    for naam, s in scopes.items():
        verwacht = 200 if s == {None} else 401
        anders = {p: rijen[naam].uitkomst(p) for p in PERSONAS if rijen[naam].uitkomst(p) != verwacht}
        if anders:
            fout.append(f"{naam}: verwacht {verwacht} voor elke persoon, de rij zegt {anders}")
    assert not fout, "\n".join(fout)
