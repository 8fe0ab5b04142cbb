"""Issue #19 defect 4: a create-POST sent twice (back-and-resubmit, a double click, two parallel requests) creates
one object. Every form carries a token (``formulier_token``); the kit (``portal.zaken.pagina.eenmalig``) claims it in
the transaction that creates the object (a unique row in ``Inzending``), and a second POST with the same token is sent
to the first one's result."""

import re
import threading
import uuid
from datetime import date as d
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from aanmelding.models import Aanmelding
from portal.documenten.models import Brief
from portal.leerlingen.models import Leerling
from portal.termijnen.models import Clock
from portal.zaken.models import Inzending

from .factories import LeerlingFactory, ouder_van

AMS = ZoneInfo("Europe/Amsterdam")
NIEUW_KIND = {"voornamen": "Zoë", "achternaam": "Dubbel", "geboortedatum_0": "3", "geboortedatum_1": "3",
              "geboortedatum_2": "2020", "gewenste_start": "2026-08-24", "ondersteuning": "ja",
              "voorkeur_positie": "1", "gezag": "on", "brieven": "digitaal"}


@pytest.fixture
def gezin(world):
    from portal.organisaties.models import Gemeente

    world.kind = LeerlingFactory(geboortedatum=d(2020, 1, 10), voornamen="Mila", achternaam="Jansen")
    world.ouder = ouder_van(world.kind, brieven_digitaal=True)
    world.gemeente = Gemeente.objects.create(code="GM0344", naam="Utrecht")
    return world


def _data(gezin, token=None):
    data = NIEUW_KIND | {"school": gezin.school_a.pk, "woongemeente": gezin.gemeente.pk}
    if token is not None:
        data["formulier_token"] = token
    return data


def _token_uit(html: str) -> str:
    m = re.search(r'name="formulier_token" value="([0-9a-f]{32})"', html)
    assert m, "the form carries no formulier_token"
    return m.group(1)


def test_form_page_renders_a_fresh_token_each_time(gezin, client):
    client.force_login(gezin.ouder)
    url = reverse("aanmelding:nieuw") + f"?school={gezin.school_a.pk}"
    een, twee = _token_uit(client.get(url).content.decode()), _token_uit(client.get(url).content.decode())
    assert een != twee


def test_double_submit_new_child_creates_one_aanmelding_one_child_one_receipt(gezin, client):
    client.force_login(gezin.ouder)
    kinderen = Leerling.objects.count()
    with time_machine.travel(datetime(2026, 3, 2, 14, 30, tzinfo=AMS), tick=False):
        token = uuid.uuid4().hex  # as the form page renders it (test above)
        eerste = client.post(reverse("aanmelding:nieuw"), _data(gezin, token))
        assert eerste.status_code == 302
        tweede = client.post(reverse("aanmelding:nieuw"), _data(gezin, token))  # back, and send again
        assert tweede.status_code == 302 and tweede.url == eerste.url  # the first one's receipt
        r = client.get(tweede.url)
    a = Aanmelding.objects.get()
    assert Leerling.objects.count() == kinderen + 1
    assert Brief.objects.filter(zaak=a).count() == 1  # one receipt
    assert sorted(Clock.objects.filter(zaak_id=a.pk).values_list("regel_id", flat=True)) == sorted(set(
        Clock.objects.filter(zaak_id=a.pk).values_list("regel_id", flat=True)))  # one set of clocks
    assert Clock.objects.filter(zaak_id=a.pk).exists()
    assert r.status_code == 200
    assert "Dit formulier was al verstuurd" in r.content.decode()
    assert Inzending.objects.filter(gebruiker=gezin.ouder).count() == 1


def test_a_refused_submit_claims_nothing(gezin, client):
    """A form sent back with an error stored nothing; the same token sent again, corrected, is a first submit."""
    client.force_login(gezin.ouder)
    token = uuid.uuid4().hex
    r = client.post(reverse("aanmelding:nieuw"), _data(gezin, token) | {"gezag": ""})
    assert r.status_code == 200 and not Aanmelding.objects.exists() and not Inzending.objects.exists()
    r = client.post(reverse("aanmelding:nieuw"), _data(gezin, token))
    assert r.status_code == 302 and Aanmelding.objects.count() == 1


@pytest.mark.parametrize("token", ["", "niet-een-token", "x" * 10_000, "\x00", "١٢٣", "%00"])
def test_missing_or_garbled_token_is_a_plain_submit(gezin, client, token):
    """Decided: a missing or garbled token is no error for the family (an old page in the browser); the submit is
    handled as a first one (the existing-child guard of the service still holds)."""
    client.force_login(gezin.ouder)
    r = client.post(reverse("aanmelding:nieuw"), _data(gezin, token))
    assert r.status_code == 302 and Aanmelding.objects.count() == 1 and not Inzending.objects.exists()


def test_the_same_token_of_another_user_is_not_their_result(gezin, client):
    """A token is the user's own: another account's submission with it is not redirected to this one's case."""
    token = uuid.uuid4().hex
    client.force_login(gezin.ouder)
    eerste = client.post(reverse("aanmelding:nieuw"), _data(gezin, token))
    ander = ouder_van(LeerlingFactory())
    client.force_login(ander)
    r = client.post(reverse("aanmelding:nieuw"), _data(gezin, token))
    assert r.status_code == 302 and r.url != eerste.url
    assert Aanmelding.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_parallel_posts_create_one_aanmelding(world_tx):
    """Two requests with the same form token at the same moment (a double click on a slow line): one aanmelding,
    one child; the other request is sent to the first one's receipt. PostgreSQL only: SQLite serialises writers."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL): SQLite takes one writer at a time, there is no race to test")
    gezin = world_tx
    token = uuid.uuid4().hex
    kinderen = Leerling.objects.count()
    barrier = threading.Barrier(2)
    antwoorden, fouten = [], []

    def stuur():
        try:
            c = Client()
            c.force_login(gezin.ouder)
            barrier.wait(timeout=10)
            antwoorden.append(c.post(reverse("aanmelding:nieuw"), _data(gezin, token)))
        except Exception as exc:  # noqa: BLE001 (reported below)
            fouten.append(exc)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=stuur) for _ in range(2)]
    for t in draden:
        t.start()
    for t in draden:
        t.join(timeout=60)
    assert not fouten, fouten
    assert [r.status_code for r in antwoorden] == [302, 302]
    assert antwoorden[0].url == antwoorden[1].url
    assert Aanmelding.objects.count() == 1
    assert Leerling.objects.count() == kinderen + 1
    assert Brief.objects.filter(zaak=Aanmelding.objects.get()).count() == 1


@pytest.fixture
def world_tx(transactional_db):
    """The parts of ``world`` the aanmelding needs, committed (for the parallel test)."""
    from portal.organisaties.models import Gemeente

    from .factories import SchoolFactory, SWVFactory

    class W:
        pass

    w = W()
    w.school_a = SchoolFactory(swvs=[SWVFactory()])
    w.kind = LeerlingFactory(geboortedatum=d(2020, 1, 10))
    w.ouder = ouder_van(w.kind, brieven_digitaal=True)
    w.gemeente = Gemeente.objects.create(code="GM0344", naam="Utrecht")
    return w


def test_old_form_tokens_are_forgotten(gezin):
    from datetime import timedelta

    from django.utils import timezone

    from portal.zaken.tasks import inzendingen_opruimen

    oud = Inzending.objects.create(gebruiker=gezin.ouder, token=uuid.uuid4(), pad="/x/", resultaat="/y/",
                                   verstuurd_op=timezone.now() - timedelta(days=Inzending.BEWAAR_DAGEN + 1))
    vers = Inzending.objects.create(gebruiker=gezin.ouder, token=uuid.uuid4(), pad="/x/", resultaat="/y/")
    assert inzendingen_opruimen() == 1
    assert list(Inzending.objects.all()) == [vers] and not Inzending.objects.filter(pk=oud.pk).exists()


def test_the_address_keeps_the_form_and_back_shows_the_result(gezin, client):
    """The Back button may fetch the form page again: its address carries the token (static/js/portal.js), the page
    renders that token, and once the form was sent the page is the first one's result."""
    client.force_login(gezin.ouder)
    token = uuid.uuid4().hex
    pagina = reverse("aanmelding:nieuw") + f"?school={gezin.school_a.pk}&formulier={token}"
    assert f'name="formulier_token" value="{token}"' in client.get(pagina).content.decode()
    with time_machine.travel(datetime(2026, 3, 2, 14, 30, tzinfo=AMS), tick=False):
        eerste = client.post(pagina, _data(gezin, token))
        assert eerste.status_code == 302
        terug = client.get(pagina)
        assert terug.status_code == 302 and terug.url == eerste.url
        assert "Dit formulier was al verstuurd" in client.get(terug.url).content.decode()
    assert Aanmelding.objects.count() == 1
    # a garbled token in the address is a fresh form
    r = client.get(reverse("aanmelding:nieuw") + f"?school={gezin.school_a.pk}&formulier=%C2%B2%00")
    assert r.status_code == 200 and _token_uit(r.content.decode())
