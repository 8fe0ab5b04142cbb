"""Redis down during use (issue #19 §3): no 500, nothing lost, nothing that comes back that should not.

Reproduction of the defect: a parent logged in, Redis stopped, then POST /aanmelding/nieuw/ and /opp/<pk>/instemming/
— before the fix both raised redis' ConnectionError from the session middleware (a 500, the input lost)."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aanmelding.models import Aanmelding
from opp import services as opp_s
from opp.models import Instemming
from portal.documenten.models import Brief
from portal.meldingen.models import OutboxEmail, OutboxStatus
from tests.test_opp import concept
from tests.test_opp import w as w  # noqa: F401  (the fixture)

from .conftest import beat_tik, wacht_tot

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _gemeente():
    from portal.organisaties.models import Gemeente

    return Gemeente.objects.get_or_create(code="GM0344", defaults={"naam": "Utrecht"})[0]


def aanmelding_nieuw_kind(school, voornaam="Zoë") -> dict:
    """A full, valid aanmelding for a child not yet in the portal."""
    return {"voornamen": voornaam, "achternaam": "Storing", "geboortedatum_0": "3", "geboortedatum_1": "3",
            "geboortedatum_2": str(timezone.localdate().year - 4), "school": school.pk,
            "gewenste_start": (timezone.localdate() + timedelta(days=120)).isoformat(), "ondersteuning": "ja",
            "voorkeur_positie": "1", "wat_belangrijk": "Rust in de klas", "gezag": "on", "brieven": "digitaal",
            "woongemeente": _gemeente().pk}


def test_redis_stopped_during_submit_stored_once_receipt_shown_then_mail_and_pdf_follow(
        w, portal_op_redis, workers, caplog):  # noqa: F811
    redis = portal_op_redis
    client = Client(raise_request_exception=False)
    client.force_login(w.ouder_a)  # the session is in Redis and in the database
    assert client.get(reverse("core:home")).status_code == 200
    concept(w)
    opp_s.opp_leg_voor(opp=w.opp, door=w.ib_a)

    redis.stop()
    caplog.clear()
    begin = time.monotonic()
    r = client.post(reverse("aanmelding:nieuw"), aanmelding_nieuw_kind(w.school_a))
    assert r.status_code == 302, r.content.decode()[-2000:]
    ontvangst = client.get(r.url)
    assert ontvangst.status_code == 200 and "Zoë" in ontvangst.content.decode()
    r = client.post(reverse("opp:instemming", args=[w.opp.pk]), {"instemming-keuze": "ingestemd"})
    assert r.status_code == 302, r.content.decode()[-2000:]
    assert client.get(reverse("opp:detail", args=[w.opp.pk])).status_code == 200
    assert time.monotonic() - begin < 15, "a Redis outage must not hold the requests up"

    a = Aanmelding.objects.get()  # stored once
    assert a.leerling.voornamen == "Zoë"
    assert Instemming.objects.filter(persoon=w.ouder_a).count() == 1
    brief = Brief.objects.get(zaak=a)
    assert brief.gemaakt_op is None  # the PDF waits in the database, not in a lost message
    wachtend = OutboxEmail.objects.filter(status=OutboxStatus.WACHTEND)
    assert wachtend.filter(aan=w.ouder_a.email).exists()
    # the outage is logged as a warning, once — not a stack trace per request
    storing = [rec for rec in caplog.records if "unreachable" in rec.getMessage()]
    assert storing and all(rec.levelname == "WARNING" and not rec.exc_info for rec in storing)
    assert len([rec for rec in storing if rec.name == "portal.cache"]) == 1
    assert len([rec for rec in storing if rec.name == "portal.broker"]) == 1

    # Redis is back (empty: it kept nothing), the worker starts; beat's next tick drains what waited.
    redis.start()
    Brief.objects.filter(gemaakt_op__isnull=True).update(aangemaakt_op=timezone.now() - timedelta(minutes=2))
    worker = workers(redis.url)
    beat_tik("portal.documenten.tasks.render_wachtende_brieven", "portal.meldingen.tasks.process_outbox")
    wacht_tot(lambda: not Brief.objects.filter(gemaakt_op__isnull=True).exists()
              and not OutboxEmail.objects.filter(status=OutboxStatus.WACHTEND).exists(), 90,
              f"brieven en e-mails verwerkt\n{worker.text()[-3000:]}")
    brief.refresh_from_db()
    assert (worker.var / "media" / brief.bestand.name).read_bytes().startswith(b"%PDF")
    verstuurd = [p.read_text(errors="replace") for p in (worker.var / "mail").glob("*.log")]
    assert any(w.ouder_a.email in m for m in verstuurd)
    assert Aanmelding.objects.count() == 1 and Brief.objects.filter(zaak=a).count() == 1
    # and the parent is still logged in, now with Redis again
    assert client.get(reverse("core:home")).status_code == 200


def test_hanging_redis_costs_a_short_timeout_and_a_session_ended_meanwhile_does_not_come_back(w, portal_op_redis):  # noqa: F811
    """SIGSTOP: Redis keeps its data but answers nothing. Requests go on (sessions from the database); a logout
    during the outage stays a logout when Redis answers again with the old session still in it."""
    redis = portal_op_redis
    client = Client(raise_request_exception=False)
    client.force_login(w.ouder_a)
    assert client.get(reverse("core:home")).status_code == 200
    oud = client.cookies["sessionid"].value
    redis.pauzeer()
    try:
        begin = time.monotonic()
        assert client.get(reverse("core:home")).status_code == 200
        assert client.get(reverse("core:home")).status_code == 200
        assert time.monotonic() - begin < 5
        client.post(reverse("accounts:logout"))
    finally:
        redis.hervat()
    time.sleep(0.6)  # the pause after a failure (PAUZE=0.5 in the test)
    dief = Client(raise_request_exception=False)
    dief.cookies["sessionid"] = oud  # the old cookie, whose session Redis still holds
    r = dief.get(reverse("core:home"))
    assert r.status_code == 302 and reverse("accounts:login") in r.url
