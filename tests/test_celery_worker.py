"""A real Celery worker on the real broker (Redis in CI, the embedded filesystem broker otherwise) and
PostgreSQL (issue #3, done-when): two concurrent sweeps create each due notification exactly once;
a worker killed mid-sweep and restarted loses none and duplicates none.

PostgreSQL is needed: SQLite has no row locks, so concurrency cannot be shown on it.
"""

import os
import time
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.meldingen.models import Notification
from portal.termijnen.models import ClockEvent
from portal.termijnen.services import clock_start

from .factories import InschrijvingFactory, SchoolFactory, member, zaak_voor
from .werker import Werker, WerkerStarter

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _celery_eager():
    """Overrides the suite's eager mode: here tasks really go to the broker and a real worker."""
    yield


@pytest.fixture(autouse=True)
def _needs_postgresql():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 maar de database is geen PostgreSQL")
        pytest.skip("De concurrency-test heeft PostgreSQL nodig (SQLite kent geen rijvergrendeling): zet DATABASE_URL.")


@pytest.fixture
def workers(tmp_path):
    """Workers on a queue of this test's own, with the sweep's batch size and test pause (the shared
    ``tests.werker.Werker``)."""
    queue = f"portal-test-{uuid.uuid4().hex[:8]}"

    def maak(concurrency=2, batch=20, pause=0.0):
        env = {**os.environ, "TERMIJNEN_SWEEP_BATCH": str(batch), "TERMIJNEN_SWEEP_TEST_PAUSE": str(pause),
               "DJANGO_SETTINGS_MODULE": "portal.settings"}
        return Werker(env=env, log_dir=tmp_path, concurrency=concurrency, queue=queue, poll=0.2)

    start = WerkerStarter(maak)
    start.queue = queue
    yield start
    start.stop_alle()


def send_sweep(queue):
    from portal.termijnen.tasks import sweep_due_clocks

    sweep_due_clocks.apply_async(queue=queue)


def overdue_clocks(n):
    """n A-6 clocks that are overdue today, each with one responsible person (one notification each)."""
    school = SchoolFactory()
    ib = member(Rol.IB, school=school)
    ins = InschrijvingFactory(school=school)
    zaak = zaak_voor(ins.leerling, school)
    start = timezone.localdate() - timedelta(weeks=9)
    for i in range(n):
        clock_start(regel_id="A-6", zaak=zaak, start=start, omschrijving=f"Aanmelding #{i}",
                    verantwoordelijke=ib, systeem=True)
    return ib


def test_two_concurrent_sweeps_create_each_notification_once(workers):
    overdue_clocks(120)
    w = workers(concurrency=2, batch=10, pause=0.05)
    send_sweep(workers.queue)
    send_sweep(workers.queue)
    w.wait_for("succeeded", 120, count=2)
    assert ClockEvent.objects.count() == 120
    assert Notification.objects.count() == 120
    assert Notification.objects.values("sleutel").distinct().count() == 120
    # both sweeps really ran side by side: each claimed part of the work
    assert w.text().count("'geclaimd': 0") == 0, w.text()[-2000:]


def test_worker_killed_mid_sweep_loses_none_and_duplicates_none(workers):
    overdue_clocks(100)
    w = workers(concurrency=1, batch=10, pause=0.3)
    send_sweep(workers.queue)
    deadline = time.monotonic() + 60
    while ClockEvent.objects.count() < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
    w.kill()  # kill -9 mid-sweep: the open batch rolls back whole
    halfway = ClockEvent.objects.count()
    assert 0 < halfway < 100
    assert halfway % 10 == 0, "a batch is all or nothing"
    assert Notification.objects.count() == halfway

    w2 = workers(concurrency=1, batch=10, pause=0.0)
    send_sweep(workers.queue)  # the next beat tick
    w2.wait_for("succeeded", 120)
    assert ClockEvent.objects.count() == 100
    assert Notification.objects.count() == 100
    assert Notification.objects.values("sleutel").distinct().count() == 100


def test_broker_is_the_configured_one():
    expected = "redis" if os.environ.get("REDIS_URL") else "filesystem"
    assert settings.CELERY_BROKER_URL.startswith(expected)
