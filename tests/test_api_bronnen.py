"""The API's resources (issue #21 §1): schools (public), pupils with their groups, enrolments and parents, groups
(read and write through the page's service), clocks; pagination, ``gewijzigd_sinds``, ETags, hostile parameters,
pinned query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.leerlingen.models import Groep
from portal.leerlingen.services import groep_bewaar
from portal.organisaties.models import Ondersteuningsprofiel, ProfielOnderdeel, ProfielStatus

from .api_hulp import Systeem, is_probleem, koppeling, systeem
from .factories import InschrijvingFactory, LeerlingFactory, SchoolFactory, ouder_van

pytestmark = pytest.mark.django_db

LEZEN_SCHRIJVEN = ["leerlingen:lezen", "leerlingen:schrijven"]


# --- schools (public) --------------------------------------------------------------------------------------------

def test_schools_are_public_with_the_profile_in_force_never_a_concept(world):
    Ondersteuningsprofiel.objects.create(school=world.school_a, nummer=1, status=ProfielStatus.VASTGESTELD,
                                         vastgesteld_op=dt.date(2026, 5, 1), aanmeldprocedure="Bel ons.")
    concept = Ondersteuningsprofiel.objects.create(school=world.school_a, nummer=2, aanmeldprocedure="GEHEIM CONCEPT")
    ProfielOnderdeel.objects.create(profiel=concept, soort="extra", gebied="rekenen", titel="concept-onderdeel")
    c = Client()
    lijst = c.get("/api/v1/scholen/").json()
    assert {s["id"] for s in lijst["results"]} >= {world.school_a.pk, world.school_b.pk}
    detail = c.get(f"/api/v1/scholen/{world.school_a.pk}/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["ondersteuningsprofiel"]["nummer"] == 1
    assert body["ondersteuningsprofiel"]["aanmeldprocedure"] == "Bel ons."
    assert "GEHEIM" not in detail.content.decode() and "concept-onderdeel" not in detail.content.decode()
    assert c.get(f"/api/v1/scholen/{world.school_b.pk}/").json()["ondersteuningsprofiel"] is None


def test_school_list_query_count_is_pinned(world, django_assert_num_queries):
    c = Client()
    with CaptureQueriesContext(connection) as weinig:
        c.get("/api/v1/scholen/")
    for _ in range(5):
        SchoolFactory()
    with django_assert_num_queries(len(weinig)):
        assert len(c.get("/api/v1/scholen/").json()["results"]) == 7
    with django_assert_num_queries(3):  # count, page, the schools' SWVs (no token: no audit line)
        c.get("/api/v1/scholen/")


# --- pupils --------------------------------------------------------------------------------------------------------

def test_pupil_with_groups_enrolments_and_parents_with_email(world):
    groep = groep_bewaar(school=world.school_a, door=world.ib_a, naam="groep 5b", schooljaar="2026-2027",
                         leerlingen=[world.kind_a], leerkrachten=[])
    s = systeem(school=world.school_a)
    body = s.get(f"/api/v1/leerlingen/{world.kind_a.pk}/").json()
    assert body["groepen"] == [groep.pk]
    assert [i["id"] for i in body["inschrijvingen"]] == [world.ins_a.pk]
    assert body["gezag"] == [{"naam": world.ouder_a.get_full_name(), "email": world.ouder_a.email,
                              "verklaring_op": body["gezag"][0]["verklaring_op"]}]
    assert body["bsn"] == "999990019"  # the school of enrolment sees it in the pages too


def test_pupil_list_query_count_is_pinned_and_does_not_grow(world, django_assert_num_queries):
    s = systeem(school=world.school_a)
    with CaptureQueriesContext(connection) as weinig:
        s.get("/api/v1/leerlingen/")
    for _ in range(6):
        lln = LeerlingFactory()
        InschrijvingFactory(leerling=lln, school=world.school_a)
        ouder_van(lln)
        groep_bewaar(school=world.school_a, door=world.ib_a, naam=f"groep {lln.pk}", schooljaar="2026-2027",
                     leerlingen=[lln], leerkrachten=[])
    # token, client, count, page, enrolments, groups, gezag with the parents, the audit line
    with django_assert_num_queries(len(weinig)):
        assert len(s.get("/api/v1/leerlingen/").json()["results"]) == 7
    assert len(weinig) == 8


def test_group_list_and_clock_list_query_counts_are_pinned(world, django_assert_num_queries):
    from portal.termijnen.services import clock_start

    s = systeem(school=world.school_a, scopes=["leerlingen:lezen", "termijnen:lezen"])
    groep_bewaar(school=world.school_a, door=world.ib_a, naam="groep 1", schooljaar="2026-2027",
                 leerlingen=[world.kind_a], leerkrachten=[])
    clock_start(regel_id="B-2", zaak=world.zaak_a, start=world.ins_a.van)
    with CaptureQueriesContext(connection) as groepen:
        s.get("/api/v1/groepen/")
    with CaptureQueriesContext(connection) as klokken:
        s.get("/api/v1/termijnen/")
    for i in range(4):
        groep_bewaar(school=world.school_a, door=world.ib_a, naam=f"groep {i + 2}", schooljaar="2026-2027",
                     leerlingen=[world.kind_a], leerkrachten=[])
        clock_start(regel_id="B-2", zaak=world.zaak_a, start=world.ins_a.van + dt.timedelta(days=i + 1))
    with django_assert_num_queries(len(groepen)):
        assert len(s.get("/api/v1/groepen/").json()["results"]) == 5
    with django_assert_num_queries(len(klokken)):
        assert len(s.get("/api/v1/termijnen/").json()["results"]) == 5
    assert (len(groepen), len(klokken)) == (6, 5)


# --- groups: written through the page's service --------------------------------------------------------------------

def test_create_and_update_a_group_through_the_service(world):
    s = systeem(school=world.school_a, scopes=LEZEN_SCHRIJVEN)
    r = s.post("/api/v1/groepen/", {"naam": "groep 6a", "schooljaar": "2026-2027", "leerlingen": [world.kind_a.pk]})
    assert r.status_code == 201, r.content
    groep = Groep.objects.get(pk=r.json()["id"])
    assert groep.school == world.school_a and list(groep.leerlingen.all()) == [world.kind_a]
    r = s.put(f"/api/v1/groepen/{groep.pk}/", {"naam": "groep 6b", "schooljaar": "2026-2027", "leerlingen": []})
    assert r.status_code == 200
    assert r.json() == {"id": groep.pk, "naam": "groep 6b", "schooljaar": "2026-2027", "leerlingen": []}


def test_group_keeps_its_teachers_when_a_system_updates_it(world):
    groep = groep_bewaar(school=world.school_a, door=world.ib_a, naam="groep 7", schooljaar="2026-2027",
                         leerlingen=[], leerkrachten=[world.leerkracht_a])
    s = systeem(school=world.school_a, scopes=LEZEN_SCHRIJVEN)
    assert s.put(f"/api/v1/groepen/{groep.pk}/", {"naam": "groep 7", "schooljaar": "2026-2027",
                                                  "leerlingen": [world.kind_a.pk]}).status_code == 200
    assert list(groep.leerkrachten.all()) == [world.leerkracht_a]


@pytest.mark.parametrize("invoer, veld, melding", [
    ({"naam": "   ", "schooljaar": "2026-2027"}, "naam", "Geef de groep een naam."),
    ({"naam": "groep 1", "schooljaar": "2026/2027"}, "schooljaar", "Schrijf het schooljaar als 2025-2026."),
    ({"naam": "groep 1", "schooljaar": "2026-2028"}, "schooljaar", "Schrijf het schooljaar als 2025-2026."),
    ({"naam": "bestaat", "schooljaar": "2026-2027"}, "naam", "Er is al een groep met deze naam in dit schooljaar."),
    ({"naam": "groep 1", "schooljaar": "2026-2027", "leerlingen": ["KIND_B"]}, "leerlingen",
     "Een groep bevat alleen leerlingen die op deze school staan ingeschreven."),
    # an id that does not exist: the same message (no telling which ids exist)
    ({"naam": "groep 1", "schooljaar": "2026-2027", "leerlingen": [999999999]}, "leerlingen",
     "Een groep bevat alleen leerlingen die op deze school staan ingeschreven."),
    ({"naam": "groep 1", "schooljaar": "2026-2027", "leerlingen": "geen lijst"}, "leerlingen", None),
    ({"naam": "x" * 101, "schooljaar": "2026-2027"}, "naam", None),
    ({"naam": "groep 1", "schooljaar": "2026-2027", "leerlingen": [-1]}, "leerlingen.0", None),
    ({"naam": "groep 1", "schooljaar": "2026-2027", "leerlingen": [2**70]}, "leerlingen.0", None),
])
def test_group_bad_input_gives_the_pages_message_at_the_field_and_saves_nothing(world, invoer, veld, melding):
    groep_bewaar(school=world.school_a, door=world.ib_a, naam="bestaat", schooljaar="2026-2027", leerlingen=[],
                 leerkrachten=[])
    invoer = {**invoer}
    if invoer.get("leerlingen") == ["KIND_B"]:
        invoer["leerlingen"] = [world.kind_b.pk]
    s = systeem(school=world.school_a, scopes=LEZEN_SCHRIJVEN)
    body = is_probleem(s.post("/api/v1/groepen/", invoer), 400)
    velden = {p["name"]: p["reason"] for p in body["invalid-params"]}
    assert veld in velden, velden
    if melding:
        assert velden[veld] == melding
    assert Groep.objects.count() == 1


def test_another_schools_group_cannot_be_written(world):
    groep_b = Groep.objects.create(school=world.school_b, naam="groep 1", schooljaar="2026-2027")
    s = systeem(school=world.school_a, scopes=LEZEN_SCHRIJVEN)
    is_probleem(s.put(f"/api/v1/groepen/{groep_b.pk}/", {"naam": "overgenomen", "schooljaar": "2026-2027"}), 404)
    groep_b.refresh_from_db()
    assert groep_b.naam == "groep 1"


def test_no_delete_or_patch(world):
    groep = Groep.objects.create(school=world.school_a, naam="groep 1", schooljaar="2026-2027")
    s = systeem(school=world.school_a, scopes=LEZEN_SCHRIJVEN)
    is_probleem(s.delete(f"/api/v1/groepen/{groep.pk}/"), 405)
    is_probleem(s.client.patch(f"/api/v1/groepen/{groep.pk}/", {}, content_type="application/json",
                               HTTP_AUTHORIZATION=f"Bearer {s.token}"), 405)
    is_probleem(s.delete(f"/api/v1/leerlingen/{world.kind_a.pk}/"), 405)
    assert Groep.objects.filter(pk=groep.pk).exists()


# --- clocks ----------------------------------------------------------------------------------------------------------

def test_clock_has_rule_id_due_date_and_status(world):
    from portal.termijnen.services import clock_start

    klok = clock_start(regel_id="B-2", zaak=world.zaak_a, start=world.ins_a.van)
    s = systeem(school=world.school_a, scopes=["termijnen:lezen"])
    body = s.get(f"/api/v1/termijnen/{klok.pk}/").json()
    assert body["regel_id"] == "B-2" and body["zaak"] == world.zaak_a.pk
    assert body["uiterlijk"] == klok.uiterlijk.isoformat()
    assert body["status"] == klok.status()
    assert [x["id"] for x in s.get("/api/v1/termijnen/", {"zaak": world.zaak_a.pk}).json()["results"]] == [klok.pk]
    assert s.get("/api/v1/termijnen/", {"zaak": world.zaak_b.pk}).json()["results"] == []


# --- gewijzigd_sinds -------------------------------------------------------------------------------------------------

def test_gewijzigd_sinds_gives_what_changed_since(world, time_machine):
    """After the world was made (today): two groups ten days apart, then changes."""
    time_machine.move_to(dt.datetime(2027, 1, 1, 8, 0, tzinfo=dt.UTC))
    oud = groep_bewaar(school=world.school_a, door=world.ib_a, naam="oud", schooljaar="2026-2027", leerlingen=[],
                       leerkrachten=[])
    time_machine.move_to(dt.datetime(2027, 1, 10, 8, 0, tzinfo=dt.UTC))
    nieuw = groep_bewaar(school=world.school_a, door=world.ib_a, naam="nieuw", schooljaar="2026-2027", leerlingen=[],
                         leerkrachten=[])
    k, geheim = koppeling(school=world.school_a, scopes=["leerlingen:lezen", "termijnen:lezen"])

    def ids(url, sinds):
        r = Systeem(k, geheim).get(url, {"gewijzigd_sinds": sinds})  # a fresh token: the clock moves by days
        assert r.status_code == 200, r.content
        return {x["id"] for x in r.json()["results"]}

    assert ids("/api/v1/groepen/", "2027-01-05") == {nieuw.pk}
    assert ids("/api/v1/groepen/", "2027-01-05T10:00:00+01:00") == {nieuw.pk}
    assert ids("/api/v1/groepen/", "2026-12-31") == {oud.pk, nieuw.pk}
    # a member added to the old group (no column of the group changes): it counts as changed
    time_machine.move_to(dt.datetime(2027, 1, 20, 8, 0, tzinfo=dt.UTC))
    groep_bewaar(school=world.school_a, door=world.ib_a, naam="oud", schooljaar="2026-2027",
                 leerlingen=[world.kind_a], leerkrachten=[], groep=oud)
    assert ids("/api/v1/groepen/", "2027-01-15") == {oud.pk}
    # the pupil changed through that (a line about a group is not about the pupil) — the pupil's own dossier did not
    assert ids("/api/v1/leerlingen/", "2027-01-15") == set()
    from portal.audit.models import Actie
    from portal.audit.services import audit_log

    audit_log(actor=world.ib_a, actie=Actie.GEWIJZIGD, obj=world.kind_a, leerling=world.kind_a)
    assert ids("/api/v1/leerlingen/", "2027-01-15") == {world.kind_a.pk}
    # a system's own reading is no change
    time_machine.move_to(dt.datetime(2027, 1, 25, 8, 0, tzinfo=dt.UTC))
    assert Systeem(k, geheim).get(f"/api/v1/leerlingen/{world.kind_a.pk}/").status_code == 200
    assert ids("/api/v1/leerlingen/", "2027-01-25") == set()
    assert ids("/api/v1/termijnen/", "2027-01-25") == set()


@pytest.mark.parametrize("waarde", ["gisteren", "2026-13-01", "2026-02-30", "2026-09-01T25:00:00", "", "0",
                                    "9999999999-01-01", "2026-09-01T08:00:00+99:00", "%00", "' OR 1=1 --",
                                    # the edges of the calendar: an offset would overflow in the database query
                                    "0001-01-01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                                    "9999-12-31"])
def test_gewijzigd_sinds_bad_dates_are_400_never_500(world, waarde):
    s = systeem(school=world.school_a, scopes=["leerlingen:lezen", "termijnen:lezen"])
    for url in ("/api/v1/leerlingen/", "/api/v1/groepen/", "/api/v1/termijnen/"):
        body = is_probleem(s.get(url, {"gewijzigd_sinds": waarde}), 400)
        assert body["invalid-params"][0]["name"] == "gewijzigd_sinds"


# --- pagination and other hostile parameters -------------------------------------------------------------------------

@pytest.mark.parametrize("pagina", ["0", "-1", "abc", "99999999999999999999999", "2", "1.5", "last", "１", " 1"])
def test_bad_or_huge_page_numbers_are_400_never_500(world, pagina):
    s = systeem(school=world.school_a)
    body = is_probleem(s.get("/api/v1/leerlingen/", {"pagina": pagina}), 400)
    assert body["invalid-params"][0]["name"] == "pagina"
    is_probleem(Client().get("/api/v1/scholen/", {"pagina": pagina}), 400)


def test_pages_and_page_size(world):
    for _ in range(4):
        SchoolFactory()
    c = Client()
    eerste = c.get("/api/v1/scholen/", {"aantal": 2}).json()
    assert eerste["count"] == 6 and len(eerste["results"]) == 2 and "pagina=2" in eerste["next"]
    derde = c.get("/api/v1/scholen/", {"aantal": 2, "pagina": 3}).json()
    assert derde["next"] is None and len(derde["results"]) == 2
    # a silly page size is capped or ignored, never an error
    assert len(c.get("/api/v1/scholen/", {"aantal": "100000"}).json()["results"]) == 6
    assert c.get("/api/v1/scholen/", {"aantal": "-5"}).status_code == 200


@pytest.mark.parametrize("zaak", ["abc", "-1", "1e9", "99999999999999999999999"])
def test_bad_case_filter_is_400(world, zaak):
    s = systeem(school=world.school_a, scopes=["termijnen:lezen"])
    assert is_probleem(s.get("/api/v1/termijnen/", {"zaak": zaak}), 400)["invalid-params"][0]["name"] == "zaak"


@pytest.mark.parametrize("pad", ["/api/v1/leerlingen/abc/", "/api/v1/leerlingen/99999999999999999999999/",
                                 "/api/v1/leerlingen/-1/", "/api/v1/scholen/1%00/", "/api/v1/groepen/1.5/"])
def test_hostile_ids_are_404_never_500(world, pad):
    s = systeem(school=world.school_a)
    is_probleem(s.get(pad), 404)


# --- ETags -------------------------------------------------------------------------------------------------------------

def test_etag_conditional_get_gives_304_until_something_changes(world):
    s = systeem(school=world.school_a)
    url = f"/api/v1/leerlingen/{world.kind_a.pk}/"
    r = s.get(url)
    etag = r["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    r = s.get(url, HTTP_IF_NONE_MATCH=etag)
    assert r.status_code == 304 and r.content == b"" and r["ETag"] == etag
    assert s.get(url, HTTP_IF_NONE_MATCH='"iets anders", ' + etag).status_code == 304
    assert s.get(url, HTTP_IF_NONE_MATCH='"iets anders"').status_code == 200
    world.kind_a.roepnaam = "Pip"
    world.kind_a.save()
    r = s.get(url, HTTP_IF_NONE_MATCH=etag)
    assert r.status_code == 200 and r["ETag"] != etag
    # lists too; and the public schools
    lijst = s.get("/api/v1/leerlingen/")
    assert s.get("/api/v1/leerlingen/", HTTP_IF_NONE_MATCH=lijst["ETag"]).status_code == 304
    scholen = Client().get("/api/v1/scholen/")
    assert Client().get("/api/v1/scholen/", HTTP_IF_NONE_MATCH=scholen["ETag"]).status_code == 304


def test_a_304_is_audited_like_a_read(world):
    from portal.audit.models import AuditEntry

    s = systeem(school=world.school_a)
    url = f"/api/v1/leerlingen/{world.kind_a.pk}/"
    etag = s.get(url)["ETag"]
    s.get(url, HTTP_IF_NONE_MATCH=etag)
    assert AuditEntry.objects.filter(koppeling=s.koppeling, leerling=world.kind_a).count() == 2


# --- rate limit per client -----------------------------------------------------------------------------------------------

def test_throttle_is_per_client(world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE = "3/min"
    a = systeem(school=world.school_a)
    b = systeem(school=world.school_b)
    for _ in range(3):
        assert a.get("/api/v1/leerlingen/").status_code == 200
    body = is_probleem(a.get("/api/v1/leerlingen/"), 429)
    assert "Retry-After" in a.get("/api/v1/leerlingen/")
    assert body["title"] == "Te veel verzoeken"
    assert b.get("/api/v1/leerlingen/").status_code == 200  # another school's system is not held up
    cache.clear()


# --- a domain app's resource through the core's hook: the aanmeldingen (aanmelding/api.py) ---------------------------

def _aanmelding(world, school):
    from aanmelding import services as s

    ouder = world.ouder_a if school == world.school_a else world.ouder_b
    kind = world.kind_a if school == world.school_a else world.kind_b
    return s.aanmelding_dien_in(ouder=ouder, school=school, gewenste_start=dt.date(2027, 8, 23), ondersteuning="nee",
                                wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[],
                                leerling=kind, documenten=[])


def test_aanmeldingen_of_the_own_school_with_status_and_clocks(world):
    from portal.api.registry import BRONNEN

    assert BRONNEN["aanmeldingen"].viewset.__module__ == "aanmelding.api"  # found by autodiscovery, not imported
    eigen, vreemd = _aanmelding(world, world.school_a), _aanmelding(world, world.school_b)
    s = systeem(school=world.school_a, scopes=["aanmeldingen:lezen"])
    lijst = s.get("/api/v1/aanmeldingen/").json()["results"]
    assert [a["id"] for a in lijst] == [eigen.pk]
    body = s.get(f"/api/v1/aanmeldingen/{eigen.pk}/").json()
    assert body["status"] == eigen.status and body["ontvangen_datum"] == eigen.ontvangen_datum.isoformat()
    assert "A-6" in {t["regel_id"] for t in body["termijnen"]}
    is_probleem(s.get(f"/api/v1/aanmeldingen/{vreemd.pk}/"), 404)
    is_probleem(systeem(school=world.school_a).get("/api/v1/aanmeldingen/"), 403)  # without the scope


def test_aanmeldingen_list_query_count_is_pinned(world, django_assert_num_queries):
    s = systeem(school=world.school_a, scopes=["aanmeldingen:lezen"])
    _aanmelding(world, world.school_a)
    with CaptureQueriesContext(connection) as een:
        s.get("/api/v1/aanmeldingen/")
    for _ in range(3):
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind)
        from aanmelding import services as a

        a.aanmelding_dien_in(ouder=ouder_van(kind), school=world.school_a, gewenste_start=dt.date(2027, 8, 23),
                             ondersteuning="nee", wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1,
                             andere_scholen=[], leerling=kind, documenten=[])
    with django_assert_num_queries(len(een)):
        assert len(s.get("/api/v1/aanmeldingen/").json()["results"]) == 4
