"""A case page's body kept in the cache (issue #23 §1, ``portal.zaken.pagina.zaak_deel``): the family's aanmelding
page is served from the cache while nothing changed, rendered fresh after a change, never shared between relations,
languages or days, and still audited and access-checked on every request."""

from datetime import date as d
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from portal.audit.models import AuditEntry

from .conftest import login_staff
from .factories import LeerlingFactory, ouder_van

AMS = ZoneInfo("Europe/Amsterdam")


def moment(y, m, day, h=10):
    return datetime(y, m, day, h, tzinfo=AMS)


@pytest.fixture
def gezin(world):
    world.kind = LeerlingFactory(geboortedatum=d(2020, 1, 10), voornamen="Mila", achternaam="Jansen")
    world.ouder = ouder_van(world.kind, brieven_digitaal=True)
    from aanmelding import services as a

    with time_machine.travel(moment(2026, 3, 2), tick=False):
        world.aanmelding = a.aanmelding_dien_in(
            ouder=world.ouder, school=world.school_a, gewenste_start=d(2026, 8, 24), ondersteuning="ja",
            wat_belangrijk="Rust in de klas", gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[],
            leerling=world.kind, nu=moment(2026, 3, 2))
    return world


def _hoofd(r) -> str:
    assert r.status_code == 200
    tekst = r.content.decode()
    return tekst[tekst.index("<main"):tekst.index("</main>")]


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as c:
        client.get(url)
    return len(c.captured_queries)


def test_served_from_the_cache_and_fresh_after_a_change(gezin, client):
    from aanmelding import services as a

    url = reverse("aanmelding:detail", args=[gezin.aanmelding.pk])
    client.force_login(gezin.ouder)
    with time_machine.travel(moment(2026, 3, 4), tick=False):
        eerst = _hoofd(client.get(url))
        assert "Vragen van de school" not in eerst
        vers = _queries(client, url)  # kept now
        a.verzoek_informatie(aanmelding=gezin.aanmelding, door=gezin.ib_a, omschrijving="Het verslag van de logopedist",
                             antwoord_uiterlijk=d(2026, 3, 18))
        client.get(url)  # a fresh render after the change; the next one is kept again
        assert _queries(client, url) == vers
        na = _hoofd(client.get(url))
    assert na != eerst and "Het verslag van de logopedist" in na  # not served stale
    assert AuditEntry.objects.filter(actor=gezin.ouder, omschrijving="Voortgang aanmelding bekeken").count() >= 4


def test_a_kept_body_costs_fewer_queries_than_a_fresh_one(gezin, client):
    from portal.basis.versie import bump

    url = reverse("aanmelding:detail", args=[gezin.aanmelding.pk])
    client.force_login(gezin.ouder)
    with time_machine.travel(moment(2026, 3, 4), tick=False):
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as bewaard:
            client.get(url)
        bump("alles")
        with CaptureQueriesContext(connection) as vers:
            client.get(url)
    assert len(bewaard.captured_queries) < len(vers.captured_queries)


def test_a_new_day_and_another_language_are_rendered_apart(gezin, client):
    from django.test import RequestFactory
    from django.utils import translation

    from portal.zaken.pagina import zaak_deel

    url = reverse("aanmelding:detail", args=[gezin.aanmelding.pk])
    verzoek = RequestFactory().get(url)
    verzoek.user = gezin.ouder
    with time_machine.travel(moment(2026, 3, 4), tick=False):
        for taal in ("nl", "en"):  # the kit's key holds the language: each renders its own part
            with translation.override(taal):
                assert zaak_deel(verzoek, gezin.aanmelding, frozenset({"ouder"}), "taaltest",
                                 lambda: translation.get_language()) == taal
        client.force_login(gezin.ouder)
        nl = _hoofd(client.get(url))
    assert "Waar staat het?" in nl
    with time_machine.travel(moment(2026, 4, 20), tick=False):  # after the A-6 date: the page says something else
        client.force_login(gezin.ouder)  # weeks later: a new session
        later = _hoofd(client.get(url))
    assert later != nl


def test_another_family_and_staff_never_get_the_kept_body(gezin, client):
    url = reverse("aanmelding:detail", args=[gezin.aanmelding.pk])
    client.force_login(gezin.ouder)
    with time_machine.travel(moment(2026, 3, 4), tick=False):
        _hoofd(client.get(url))
        client.force_login(gezin.ouder_b)  # another family: 404, not the kept body
        assert client.get(url).status_code == 404
        login_staff(client, gezin.ib_a)  # the school reads its zorgplicht file, never the family's page
        r = client.get(url)
    assert r.status_code == 302 and r["Location"].endswith(reverse("aanmelding:dossier", args=[gezin.aanmelding.pk]))


# --- a checklist version (portal.informatie.views.checklist) -------------------------------------------------------

def test_checklist_kept_and_fresh_after_a_new_version(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.informatie.constants import ChecklistSoort
    from portal.informatie.models import Checklist
    from portal.informatie.services import checklist_bewaar

    checklist_bewaar(checklist=Checklist(soort=ChecklistSoort.KIND, leerling=world.kind_a), door=world.ouder_a,
                     antwoorden={"kind_plezier": ("ja", "Gaat graag naar school")})
    c = Checklist.objects.get()
    url = reverse("informatie:checklist", args=[c.pk])
    client.force_login(world.ouder_a)
    eerst = _hoofd(client.get(url))
    assert "Gaat graag naar school" in eerst
    with CaptureQueriesContext(connection) as bewaard:
        assert _hoofd(client.get(url)) == eerst
    checklist_bewaar(checklist=c, door=world.ouder_a, antwoorden={"kind_plezier": ("nee", "Wil niet meer")})
    with CaptureQueriesContext(connection) as vers:
        na = _hoofd(client.get(url))
    assert "Wil niet meer" in na and "Versie 2" in na  # not served stale
    assert len(bewaard.captured_queries) < len(vers.captured_queries)
    assert "Gaat graag naar school" in _hoofd(client.get(url + "?versie=1"))  # the earlier version, its own part
    assert AuditEntry.objects.filter(actor=world.ouder_a, object_type="informatie.checklistversie",
                                     actie="bekeken").count() == 4  # every view audited, kept or not
    client.force_login(world.ouder_b)  # another family: 404, never the kept part
    assert client.get(url).status_code == 404
