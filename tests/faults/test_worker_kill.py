"""The worker killed (SIGKILL, the whole process group) mid-letter and mid-sweep, on our own Redis: nothing lost,
nothing twice. acks_late + reject_on_worker_lost redeliver what a killed worker held; the letter renderer and the
sweep are idempotent (a rendered letter is never rendered again; the sweep claims due rows with a conditional
update); the periodic safety nets find what a lost message left."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.documenten.models import Brief
from portal.meldingen.models import Notification
from portal.termijnen.models import ClockEvent
from tests.test_celery_worker import overdue_clocks
from tests.test_opp import w as w  # noqa: F401  (the fixture)

from .conftest import beat_tik, wacht_tot
from .test_redis_uitval import aanmelding_nieuw_kind

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _dien_in(w, n):  # noqa: F811
    from aanmelding.services import aanmelding_dien_in
    from portal.leerlingen.models import Leerling

    for i in range(n):
        d = aanmelding_nieuw_kind(w.school_a, voornaam=f"Kind{i}")
        aanmelding_dien_in(ouder=w.ouder_a, school=w.school_a, gewenste_start=timezone.localdate() + timedelta(days=120),
                           ondersteuning="ja", wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1,
                           andere_scholen=[], nieuw_kind={"voornamen": d["voornamen"], "achternaam": "Storing",
                                                          "geboortedatum": timezone.localdate() - timedelta(days=4 * 365)})
    return Leerling.objects.filter(achternaam="Storing").count()


def test_worker_killed_mid_letter_loses_none_and_renders_none_twice(w, portal_op_redis, workers):  # noqa: F811
    n = 6
    assert _dien_in(w, n) == n  # each receipt letter queued on our Redis after its commit; no worker yet
    assert Brief.objects.filter(gemaakt_op__isnull=True).count() == n
    eerste = workers(portal_op_redis.url)
    wacht_tot(lambda: Brief.objects.filter(gemaakt_op__isnull=False).exists(), 90, "eerste brief")
    eerste.kill()  # mid-letter: the next one was being rendered
    halverwege = Brief.objects.filter(gemaakt_op__isnull=False).count()
    assert 0 < halverwege < n, halverwege

    # A new worker (a short visibility timeout: Redis hands back what the killed one held) and beat's next tick.
    tweede = workers(portal_op_redis.url, CELERY_VISIBILITY_TIMEOUT="3")
    Brief.objects.filter(gemaakt_op__isnull=True).update(aangemaakt_op=timezone.now() - timedelta(minutes=2))
    beat_tik("portal.documenten.tasks.render_wachtende_brieven")
    wacht_tot(lambda: not Brief.objects.filter(gemaakt_op__isnull=True).exists(), 120,
              f"alle brieven\n{tweede.text()[-3000:]}")
    assert Brief.objects.count() == n
    media = tweede.var / "media"
    for brief in Brief.objects.all():
        assert (media / brief.bestand.name).read_bytes().startswith(b"%PDF")
    # no letter rendered twice: one PDF file per letter (a render cut off by the kill left its transaction undone)
    pdfs = sorted(p.name for p in media.rglob("*.pdf"))
    assert len(pdfs) == n, pdfs


def test_worker_killed_mid_sweep_loses_no_reminder_and_sends_none_twice(db, portal_op_redis, workers):
    overdue_clocks(60)
    eerste = workers(portal_op_redis.url, TERMIJNEN_SWEEP_BATCH="10", TERMIJNEN_SWEEP_TEST_PAUSE="0.3")
    beat_tik("portal.termijnen.tasks.sweep_due_clocks")
    wacht_tot(lambda: ClockEvent.objects.count() >= 20, 60, "twee partijen")
    eerste.kill()
    halverwege = ClockEvent.objects.count()
    assert 0 < halverwege < 60 and halverwege % 10 == 0, "a batch is all or nothing"
    assert Notification.objects.count() == halverwege

    tweede = workers(portal_op_redis.url, TERMIJNEN_SWEEP_BATCH="10")
    beat_tik("portal.termijnen.tasks.sweep_due_clocks")
    wacht_tot(lambda: ClockEvent.objects.count() == 60, 90, f"alle klokken\n{tweede.text()[-3000:]}")
    tweede.wait_for("succeeded", 60)
    assert Notification.objects.count() == 60
    assert Notification.objects.values("sleutel").distinct().count() == 60
