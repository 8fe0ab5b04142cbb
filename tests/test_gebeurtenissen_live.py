"""Issue #21 §4, CI acceptance: an event delivered, signed and verified, to a local receiver, with one retry after a
failure. A real HTTP server (http.server in a thread, on a free port of 127.0.0.1) verifies every request with the
Standard Webhooks library and reads it as a CloudEvent with the CNCF SDK; it answers 500 the first time, 204 after."""

import http.server
import json
import threading
from datetime import timedelta

import pytest
from cloudevents.core.bindings.http import HTTPMessage, from_structured
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent
from django.db import transaction
from django.utils import timezone
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from opp.models import Ontwikkelingsperspectief
from portal.gebeurtenissen.models import Aflevering, AfleverStatus, Bericht
from portal.gebeurtenissen.services import abonnement_maak, gebeurtenissen_verwerk
from portal.zaken import services as zaken

from .api_hulp import koppeling

pytestmark = pytest.mark.live


class Ontvanger:
    """A receiver as a school's system would run it: verify, then answer. ``antwoorden``: the status per request."""

    def __init__(self, antwoorden: list[int]):
        self.antwoorden, self.ontvangen, self.geheim = list(antwoorden), [], None
        ontvanger = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                inhoud = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                kop = dict(self.headers.items())
                try:
                    Webhook(ontvanger.geheim).verify(inhoud, kop)
                    geverifieerd = True
                except WebhookVerificationError:
                    geverifieerd = False
                ontvanger.ontvangen.append({"body": inhoud, "headers": kop, "geverifieerd": geverifieerd,
                                            "pad": self.path})
                status = ontvanger.antwoorden.pop(0) if ontvanger.antwoorden else 204
                self.send_response(status if geverifieerd else 401)
                if status == 429:
                    self.send_header("Retry-After", "600")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # port 0: a free one
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/passend-portaal/gebeurtenissen"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def ontvanger():
    with Ontvanger([500]) as o:
        yield o


def test_event_delivered_signed_and_verified_to_a_local_receiver_with_one_retry_after_a_failure(
        world, ontvanger, settings, django_capture_on_commit_callbacks):
    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = True
    settings.GEBEURTENISSEN_BACKOFF_SECONDEN = 60
    k, _ = koppeling(school=world.school_a, scopes=["gebeurtenissen:schrijven"])
    abonnement, ontvanger.geheim = abonnement_maak(koppeling=k, url=ontvanger.url, soorten=["zaak.geopend"],
                                                   door=world.beheerder)

    # the case core opens a case; after commit the worker (eager in tests) fans out and sends: the receiver says 500
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        zaak = zaken.zaak_open(zaak=Ontwikkelingsperspectief(leerling=world.kind_a, school=world.school_a,
                                                             reden="soort_onderwijs"), door=world.ib_a)
    bericht = Bericht.objects.get(zaak_id=zaak.pk)
    aflevering = Aflevering.objects.get(bericht=bericht, abonnement=abonnement)
    assert len(ontvanger.ontvangen) == 1 and ontvanger.ontvangen[0]["geverifieerd"]
    assert aflevering.status == AfleverStatus.OPNIEUW and aflevering.pogingen == 1
    assert aflevering.laatste_status == 500 and "500" in aflevering.laatste_fout
    assert aflevering.volgende_poging_op > timezone.now() + timedelta(seconds=50)  # backing off

    # beat's run before the retry is due sends nothing; the one after does, and the receiver says 204
    assert gebeurtenissen_verwerk(nu=timezone.now()).get(AfleverStatus.AFGELEVERD) is None
    assert len(ontvanger.ontvangen) == 1
    uitkomst = gebeurtenissen_verwerk(nu=timezone.now() + timedelta(seconds=61))
    assert uitkomst[AfleverStatus.AFGELEVERD] == 1
    aflevering.refresh_from_db()
    assert aflevering.status == AfleverStatus.AFGELEVERD and aflevering.pogingen == 2
    assert aflevering.laatste_status == 204 and aflevering.afgeleverd_op is not None

    # two requests, both signed and verified, the same message (one webhook-id: the receiver can drop a duplicate)
    assert len(ontvanger.ontvangen) == 2
    eerste, tweede = ontvanger.ontvangen
    assert eerste["geverifieerd"] and tweede["geverifieerd"]
    assert eerste["headers"]["webhook-id"] == tweede["headers"]["webhook-id"] == str(bericht.id)
    assert eerste["body"] == tweede["body"]
    assert tweede["headers"]["Content-Type"].startswith("application/cloudevents+json")
    assert tweede["pad"] == "/passend-portaal/gebeurtenissen"

    # the body is a CloudEvent (structured JSON) the CNCF SDK reads, with ids and kinds only
    event = from_structured(HTTPMessage(headers={"content-type": tweede["headers"]["Content-Type"]},
                                        body=tweede["body"]), JSONFormat(), CloudEvent)
    assert event.get_type() == "nl.passendportaal.zaak.geopend"
    assert event.get_id() == str(bericht.id) and event.get_subject() == str(zaak.pk)
    assert event.get_source().startswith("urn:nld:")
    assert event.get_data() == {"zaak": zaak.pk, "zaaktype": "opp", "status": zaak.status}
    assert world.kind_a.achternaam not in tweede["body"].decode()

    # a forged message (another secret) does not verify at the receiver
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + "QUJD" * 8).verify(tweede["body"], tweede["headers"])
    assert json.loads(tweede["body"])["specversion"] == "1.0"


def test_a_message_waits_in_the_outbox_when_the_broker_is_down_and_beat_sends_it(world, ontvanger, settings,
                                                                                  django_capture_on_commit_callbacks,
                                                                                  monkeypatch):
    """The transactional outbox (issue #19 §3 style): the change commits and its message row with it, even when the
    worker cannot be asked; beat's run sends it."""
    from portal import celery

    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = True
    ontvanger.antwoorden = []
    k, _ = koppeling(school=world.school_a, scopes=["gebeurtenissen:schrijven"])
    _, ontvanger.geheim = abonnement_maak(koppeling=k, url=ontvanger.url, soorten=["zaak.geopend"], door=None)
    monkeypatch.setattr(celery, "verstuur", lambda *a, **kw: False)  # the broker is down
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        zaken.zaak_open(zaak=Ontwikkelingsperspectief(leerling=world.kind_a, school=world.school_a,
                                                      reden="soort_onderwijs"), door=world.ib_a)
    assert Bericht.objects.filter(verdeeld_op__isnull=True).count() == 1 and not ontvanger.ontvangen
    gebeurtenissen_verwerk()
    assert len(ontvanger.ontvangen) == 1 and ontvanger.ontvangen[0]["geverifieerd"]
    assert Aflevering.objects.get().status == AfleverStatus.AFGELEVERD


@pytest.mark.parametrize("antwoord,status,wacht", [
    (410, AfleverStatus.MISLUKT, None),  # the receiver retired this endpoint (NL GOV webhook guideline): no retry
    (429, AfleverStatus.OPNIEUW, 600),  # too many requests: not before Retry-After (longer than the backoff)
    (503, AfleverStatus.OPNIEUW, 60),  # any other failure: the backoff
])
def test_the_receivers_answer_decides_the_next_try(world, settings, antwoord, status, wacht):
    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = True
    settings.GEBEURTENISSEN_BACKOFF_SECONDEN = 60
    with Ontvanger([antwoord]) as o:
        k, _ = koppeling(school=world.school_a, scopes=["gebeurtenissen:schrijven"])
        _, o.geheim = abonnement_maak(koppeling=k, url=o.url, soorten=["zaak.geopend"], door=None)
        zaken.zaak_open(zaak=Ontwikkelingsperspectief(leerling=world.kind_a, school=world.school_a,
                                                      reden="soort_onderwijs"), door=world.ib_a)
        nu = timezone.now()
        gebeurtenissen_verwerk(nu=nu)
        assert len(o.ontvangen) == 1 and o.ontvangen[0]["geverifieerd"]
        assert o.ontvangen[0]["headers"]["WebHook-Request-Origin"]
    a = Aflevering.objects.get()
    assert a.status == status and a.laatste_status == antwoord
    if wacht is not None:
        assert a.volgende_poging_op == nu + timedelta(seconds=wacht)
