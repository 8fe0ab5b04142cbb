"""PostgreSQL restarted during traffic (issue #19): every connection to the portal's database is cut
(pg_terminate_backend — what a restart or a fail-over does to the clients; the machine's shared cluster itself is never
restarted) while a real web server (gunicorn, persistent connections: CONN_MAX_AGE) and a worker hold open
connections. The next request works without a manual step (CONN_HEALTH_CHECKS), and so does the worker's next task."""

import http.client
import json
import subprocess
import sys
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection

from portal.meldingen.models import OutboxEmail, OutboxStatus

from .conftest import ROOT, beat_tik, omgeving, vrije_poort, wacht_tot

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def knip_verbindingen() -> int:
    """Terminate every backend of the test database except our own; returns how many were cut."""
    with connection.cursor() as c:
        c.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                  "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return c.fetchone()[0]


class Webserver:
    def __init__(self, redis_url, var):
        self.poort = vrije_poort()
        self.log = var / "gunicorn.log"
        var.mkdir(parents=True, exist_ok=True)
        env = omgeving(redis_url, var, DJANGO_SECRET_KEY=settings.SECRET_KEY)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{self.poort}",
             "--workers", "1", "--worker-class", "gthread", "--threads", "4", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
        wacht_tot(lambda: self._probeer("/health") == 200, 60, "gunicorn start")

    def _probeer(self, pad):
        try:
            return self.get(pad)[0]
        except OSError:
            return None

    def get(self, pad, cookie=""):
        c = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=30)
        try:
            c.request("GET", pad, headers={"Cookie": cookie} if cookie else {})
            r = c.getresponse()
            return r.status, r.read()
        finally:
            c.close()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture
def webserver(redis, tmp_path):
    s = Webserver(redis.url, tmp_path / "web-var")
    yield s
    s.stop()
    connection.close()


def sessie_cookie(user) -> str:
    store = SessionStore()  # in the database; the server's cached_db reads it through on a cache miss
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def test_connections_cut_during_traffic_next_request_and_next_task_work(world, portal_op_redis, webserver, workers):
    redis = portal_op_redis
    cookie = sessie_cookie(world.ouder_a)
    status, body = webserver.get("/start/", cookie)
    assert status == 200 and world.kind_a.voornamen.encode() in body
    worker = workers(redis.url)

    resultaten, stop = [], threading.Event()

    def verkeer():
        while not stop.is_set():
            begin = time.monotonic()
            try:
                status, _ = webserver.get("/start/", cookie)
            except OSError as exc:
                status = exc.__class__.__name__
            resultaten.append((begin, time.monotonic(), status))

    draden = [threading.Thread(target=verkeer) for _ in range(3)]
    for d in draden:
        d.start()
    knippen = []
    try:
        for _ in range(3):
            time.sleep(1.0)
            knippen.append((time.monotonic(), knip_verbindingen()))
            # the next request after the cut works, without a manual step
            status, _ = webserver.get("/start/", cookie)
            assert status == 200
            assert webserver.get("/health")[0] == 200
        time.sleep(1.0)
    finally:
        stop.set()
        for d in draden:
            d.join(timeout=30)
    assert all(n >= 1 for _, n in knippen), knippen  # the server really held connections that were cut
    na_laatste = [s for begin, _, s in resultaten if begin > knippen[-1][0] + 0.5]
    assert na_laatste and all(s == 200 for s in na_laatste), na_laatste
    onderweg = [(begin, eind, s) for begin, eind, s in resultaten if s != 200]
    # only a request in flight at a cut may fail; one that began after it works
    assert all(any(begin - 0.05 <= t <= eind + 0.05 for t, _ in knippen) for begin, eind, _ in onderweg), onderweg

    # The worker's connection was cut too: its next task reconnects.
    OutboxEmail.objects.create(aan="ouder@example.nl", onderwerp="Na de herstart", tekst="t")
    knip_verbindingen()
    beat_tik("portal.meldingen.tasks.process_outbox")
    wacht_tot(lambda: not OutboxEmail.objects.filter(status=OutboxStatus.WACHTEND).exists(), 60,
              f"outbox na het knippen\n{worker.text()[-3000:]}")
    print(f"faults: {len(resultaten)} requests, {len(knippen)} cuts, {len(onderweg)} in flight failed")

    # And Redis stopped under the same server: the logged-in page still works, /health names the cache and the broker.
    voor = len(webserver.log.read_text())
    redis.stop()
    status, body = webserver.get("/start/", cookie)
    assert status == 200 and world.kind_a.voornamen.encode() in body
    status, body = webserver.get("/health")
    gezondheid = json.loads(body)
    assert status == 200 and gezondheid["status"] == "beperkt", gezondheid
    assert gezondheid["cache"]["ok"] is False and gezondheid["broker"]["ok"] is False
    assert gezondheid["database"]["ok"] is True
    na = webserver.log.read_text()[voor:]
    assert "cache (redis) unreachable" in na and "Traceback" not in na  # a warning, not a stack trace
