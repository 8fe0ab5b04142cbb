"""The API's lists read fast and say the same (issue #23 §2): ``portal.api.snel.SnelLezen`` gives exactly DRF's
output, the school's pupil list keeps its ids per version of the school and per day (no COUNT over the access rule)
and is never stale, and the query count of the pupil list is pinned on its warm path and does not grow with rows."""

import datetime as dt
import json

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework import serializers

from portal.api.snel import SnelLezen
from portal.leerlingen.services import groep_bewaar, inschrijving_beeindig

from .api_hulp import systeem
from .factories import InschrijvingFactory, LeerlingFactory, ouder_van

pytestmark = pytest.mark.django_db

LIJSTEN = {
    "school": (["leerlingen:lezen", "aanmeldingen:lezen", "termijnen:lezen", "arrangementen:lezen", "tlv:lezen",
                "opp:lezen"],
               ["leerlingen", "groepen", "aanmeldingen", "termijnen", "arrangementen", "tlv-besluiten", "tlv-register",
                "opp"]),
    "swv": (["arrangementen:lezen", "tlv:lezen", "termijnen:lezen"],
            ["arrangementen", "tlv-besluiten", "tlv-register", "termijnen"]),
}


def _drf_zelf(monkeypatch):
    """Every SnelLezen serializer through DRF's own ``Serializer.to_representation`` (the reference)."""
    monkeypatch.setattr(SnelLezen, "to_representation",
                        lambda self, instance: serializers.Serializer.to_representation(self, instance))
    monkeypatch.setattr(SnelLezen, "rij", classmethod(lambda cls, instance: cls(instance).data))


def _antwoorden(world) -> dict:
    """Every list (a page, a page of one, the second page, filtered) and two details of each, for the school's
    system and the SWV's, and the public schools: status, body and ETag."""
    uit = {}
    for soort, org in (("school", world.school_a), ("swv", world.swv_a)):
        scopes, paden = LIJSTEN[soort]
        s = systeem(scopes=scopes, **{soort: org})
        for pad in paden:
            for q in ("", "?aantal=1", "?aantal=1&pagina=2", "?gewijzigd_sinds=2020-01-01"):
                r = s.get(f"/api/v1/{pad}/{q}")
                uit[f"{soort} {pad}{q}"] = (r.status_code, r.content.decode(), r.get("ETag"))
                if r.status_code == 200 and not q:
                    for rij in json.loads(r.content)["results"][:2]:
                        d = s.get(f"/api/v1/{pad}/{rij['id']}/")
                        uit[f"{soort} {pad} {rij['id']}"] = (d.status_code, d.content.decode(), d.get("ETag"))
    c = Client()
    for pad in ("/api/v1/scholen/", f"/api/v1/scholen/{world.school_a.pk}/"):
        r = c.get(pad)
        uit[pad] = (r.status_code, r.content.decode(), r.get("ETag"))
    return uit


def test_fast_reading_gives_exactly_drfs_json_and_etags(world, monkeypatch):
    from portal.organisaties.models import Ondersteuningsprofiel, ProfielOnderdeel, ProfielStatus
    from portal.termijnen.services import clock_start

    groep_bewaar(school=world.school_a, door=world.ib_a, naam="groep 5b", schooljaar="2026-2027",
                 leerlingen=[world.kind_a], leerkrachten=[])
    clock_start(regel_id="B-2", zaak=world.zaak_a, start=world.ins_a.van)
    profiel = Ondersteuningsprofiel.objects.create(school=world.school_a, nummer=1, status=ProfielStatus.VASTGESTELD,
                                                   vastgesteld_op=dt.date(2026, 5, 1), aanmeldprocedure="Bel ons.")
    ProfielOnderdeel.objects.create(profiel=profiel, soort="extra", gebied="rekenen", titel="Rekenklas")
    snel = _antwoorden(world)
    assert sum(1 for status, _b, _e in snel.values() if status == 200) > 20
    assert any('"gezag":[{' in body for _s, body, _e in snel.values())  # nested lists were read
    assert any('"regel_id":"B-2"' in body for _s, body, _e in snel.values())
    assert any('"titel":"Rekenklas"' in body for _s, body, _e in snel.values())
    _drf_zelf(monkeypatch)  # the same rows again, through DRF's own serializers
    referentie = _antwoorden(world)
    assert referentie.keys() == snel.keys()
    for sleutel, (status, body, etag) in snel.items():
        assert referentie[sleutel][0] == status, sleutel
        assert referentie[sleutel][1] == body, sleutel
        assert referentie[sleutel][2] == etag, sleutel


def _ids(s, **params) -> tuple[list[int], int]:
    body = s.get("/api/v1/leerlingen/", params).json()
    return [r["id"] for r in body["results"]], body["count"]


def test_the_pupil_list_is_never_stale_after_an_enrolment_changes(world):
    s = systeem(school=world.school_a)
    assert _ids(s) == ([world.kind_a.pk], 1)
    nieuw = LeerlingFactory()
    ins = InschrijvingFactory(leerling=nieuw, school=world.school_a)
    assert _ids(s) == (sorted([world.kind_a.pk, nieuw.pk]), 2)  # enrolled: in the list at once
    inschrijving_beeindig(inschrijving=ins, door=world.ib_a, tot=dt.date.today() - dt.timedelta(days=1))
    assert _ids(s) == ([world.kind_a.pk], 1)  # ended: gone at once
    InschrijvingFactory(leerling=LeerlingFactory(), school=world.school_b)
    assert _ids(s) == ([world.kind_a.pk], 1)  # another school's pupil never


def test_the_pupil_list_follows_the_date_an_enrolment_ends(world):
    from django.utils import timezone
    from oauth2_provider.models import AccessToken

    vandaag = timezone.localdate()
    InschrijvingFactory(leerling=LeerlingFactory(), school=world.school_a, tot=vandaag + dt.timedelta(days=1))
    s = systeem(school=world.school_a)
    assert _ids(s)[1] == 2
    later = timezone.make_aware(dt.datetime.combine(vandaag + dt.timedelta(days=3), dt.time(12)))
    # no write of the portal in between (the token's lifetime is django-oauth-toolkit's, not followed): only the
    # date moved, and the kept ids are for another day
    assert AccessToken.objects.update(expires=later + dt.timedelta(hours=1)) == 1
    with time_machine.travel(later, tick=False):
        assert _ids(s) == ([world.kind_a.pk], 1)  # past its last day: gone


def test_pages_of_the_pupil_list_come_from_the_kept_ids(world):
    s = systeem(school=world.school_a)
    for _ in range(4):
        InschrijvingFactory(leerling=LeerlingFactory(), school=world.school_a)
    alle, n = _ids(s, aantal=200)
    assert n == 5 and alle == sorted(alle)
    assert _ids(s, aantal=2, pagina=2) == (alle[2:4], 5)
    assert _ids(s, aantal=2, pagina=3) == (alle[4:], 5)
    assert s.get("/api/v1/leerlingen/", {"aantal": 2, "pagina": 4}).status_code == 400  # past the end
    # gewijzigd_sinds: the filtered list, counted in the database
    assert _ids(s, gewijzigd_sinds="2999-01-01") == ([], 0)


def test_pupil_list_query_count_is_pinned_on_the_warm_path_and_does_not_grow(world, django_assert_num_queries):
    s = systeem(school=world.school_a)
    for _ in range(6):
        lln = LeerlingFactory()
        InschrijvingFactory(leerling=lln, school=world.school_a)
        ouder_van(lln)
        groep_bewaar(school=world.school_a, door=world.ib_a, naam=f"groep {lln.pk}", schooljaar="2026-2027",
                     leerlingen=[lln], leerkrachten=[])
    with CaptureQueriesContext(connection) as koud:
        s.get("/api/v1/leerlingen/")
    # token, client, the ids (once per version of the school and per day), page, enrolments, groups, gezag with the
    # parents, the audit line: no COUNT
    assert len(koud) == 8
    assert not any("COUNT(" in q["sql"].upper() for q in koud.captured_queries)
    with django_assert_num_queries(7):  # warm: the ids from the cache
        assert len(s.get("/api/v1/leerlingen/").json()["results"]) == 7
    with django_assert_num_queries(7):
        assert len(s.get("/api/v1/leerlingen/", {"aantal": 3}).json()["results"]) == 3
