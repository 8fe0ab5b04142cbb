"""The fault suite (issue #19): real PostgreSQL, a Redis of its own, a real Celery worker and a real web server,
and faults injected into them. Marked ``faults``; the normal ``make test`` runs it.

Without a ``redis-server`` binary or without PostgreSQL the tests skip with the reason; under REQUIRE_SERVICES=1 (CI)
that is a failure. The machine's shared Redis and PostgreSQL are never stopped: each test module starts its own
``redis-server`` on a free port, and the PostgreSQL "restart" terminates the backends of the test database only.
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.werker import ROOT, Werker, WerkerStarter, db_url

__all__ = ["ROOT", "db_url"]  # used by the fault tests (a web server on the test database)


def _ontbreekt(reden: str):
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 maar {reden}")
    pytest.skip(f"Storingstest overgeslagen: {reden}")


@pytest.fixture(autouse=True)
def _celery_eager():
    """Overrides the suite's eager mode: here tasks really go to a broker (ours) and a real worker."""
    yield


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        _ontbreekt("de database is geen PostgreSQL (zet DATABASE_URL; SQLite kent geen rijvergrendeling of backends)")


@pytest.fixture(autouse=True)
def _storingen_vergeten():
    """Each test starts with no remembered outage of the cache or the broker (they are per process)."""
    from portal import celery as c
    from portal.basis import cache as pc

    pc._STATEN.clear()
    c._Storing.sinds = None
    c._Storing.volgende_poging = 0.0
    yield
    pc._STATEN.clear()
    c._Storing.sinds = None
    c._Storing.volgende_poging = 0.0


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EigenRedis:
    """A redis-server of our own (no persistence) that a test stops, pauses and starts again."""

    def __init__(self, tmp_path):
        self.binary = shutil.which("redis-server")
        self.poort = vrije_poort()
        self.url = f"redis://127.0.0.1:{self.poort}/0"
        self.dir = tmp_path
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.poort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.poort), timeout=0.2) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("eigen redis-server start niet")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.kill()
            self.proc.wait(timeout=10)

    def pauzeer(self):
        """SIGSTOP: Redis keeps its data and its connections but answers nothing (a hanging server)."""
        self.proc.send_signal(signal.SIGSTOP)

    def hervat(self):
        self.proc.send_signal(signal.SIGCONT)


@pytest.fixture
def redis(tmp_path):
    if not shutil.which("redis-server"):
        _ontbreekt("redis-server ontbreekt (apt-get install redis-server)")
    r = EigenRedis(tmp_path).start()
    yield r
    r.stop()


@pytest.fixture
def portal_op_redis(redis, settings):
    """The in-process portal on our Redis: its cache (the outage-proof backend, short timeouts), cached_db sessions
    and the Celery broker."""
    from portal.celery import app

    settings.CACHES = {"default": {"BACKEND": "portal.basis.cache.StoringsbestendigeRedisCache", "LOCATION": redis.url,
                                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "PAUZE": 0.5}}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    vorig = (app.conf.broker_url, app.conf.broker_transport_options, app.conf.task_always_eager)
    app.conf.broker_url = redis.url
    app.conf.broker_transport_options = {"socket_connect_timeout": 0.5}
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    yield redis
    app.conf.broker_url, app.conf.broker_transport_options, app.conf.task_always_eager = vorig
    app._pool = None
    app.amqp._producer_pool = None


def omgeving(redis_url: str, var: Path, **extra) -> dict:
    env = dict(os.environ)
    env.update({"DATABASE_URL": db_url(), "REDIS_URL": redis_url, "PORTAL_VAR_DIR": str(var),
                "DJANGO_SETTINGS_MODULE": "portal.settings", "PORTAL_DEMO": "0", "LOG_LEVEL": "INFO"}, **extra)
    env.pop("EMAIL_URL", None)  # e-mail as files under var/mail
    return env


def Worker(redis_url, var: Path, concurrency=1, **extra) -> Werker:
    """A real Celery worker (prefork, acks_late) on our Redis and the test database, killed with SIGKILL by a test;
    its media and mail under ``var`` (the shared ``tests.werker.Werker``)."""
    w = Werker(env=omgeving(redis_url, var, **extra), log_dir=var, concurrency=concurrency, naam="storing")
    w.var = var
    return w


@pytest.fixture
def workers(tmp_path):
    start = WerkerStarter(lambda redis_url, **kw: Worker(redis_url, tmp_path / "worker-var", **kw))
    yield start
    start.stop_alle()


def beat_tik(*taken: str) -> None:
    """What beat sends on its next tick (the schedule is in settings.CELERY_BEAT_SCHEDULE; test_celery_beat checks it)."""
    from portal.celery import app

    for naam in taken:
        app.send_task(naam)


def wacht_tot(voorwaarde, timeout=60, wat=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if voorwaarde():
            return
        time.sleep(0.2)
    raise AssertionError(f"niet binnen {timeout}s: {wat}")
