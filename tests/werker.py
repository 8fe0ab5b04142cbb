"""A real Celery worker for the tests that need one: the worker suite (``test_celery_worker.py``, issue #3) and the
fault suite (``tests/faults``, issue #19) start it the same way, through this module (issue #22 review).

``Werker`` is one worker process (prefork, its own process group, its log in a file); ``WerkerStarter`` starts
workers for one test and stops whatever is still running at the end (the fixtures of both suites yield one)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def db_url() -> str:
    """The test database as a DATABASE_URL, for a subprocess (the worker, a web server) that must use it too."""
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Werker:
    """A real Celery worker on the test database, with ``env`` as its environment; on ``queue`` only when given.
    ``kill`` sends a signal to its whole process group (SIGKILL by default: a test kills it mid-task)."""

    def __init__(self, *, env: dict, log_dir: Path, concurrency: int = 1, queue: str | None = None,
                 naam: str = "test", poll: float = 0.1):
        log_dir.mkdir(parents=True, exist_ok=True)
        self.poll = poll
        self.log = log_dir / f"worker-{uuid.uuid4().hex[:6]}.log"
        cmd = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--concurrency", str(concurrency),
               "--pool", "prefork", "--loglevel", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
               "-n", f"{naam}-{uuid.uuid4().hex[:8]}@%h"]
        if queue:
            cmd += ["-Q", queue]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env={**env, "DATABASE_URL": db_url()}, stdout=self.log.open("w"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.wait_for("ready", 60)

    def text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def wait_for(self, needle, timeout, count=1):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.text().count(needle) >= count:
                return
            if self.proc.poll() is not None:
                raise AssertionError(f"worker stopte:\n{self.text()[-3000:]}")
            time.sleep(self.poll)
        raise AssertionError(f"'{needle}' ×{count} niet gezien binnen {timeout}s:\n{self.text()[-3000:]}")

    def kill(self, sig=signal.SIGKILL):
        """``sig`` to the worker's process group; a worker that does not stop within 30 s after a SIGTERM (a busy
        machine: its warm shutdown waits for the running task) gets SIGKILL, so no worker outlives its test."""
        try:
            os.killpg(self.proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            if sig == signal.SIGKILL:
                raise
            self.kill(signal.SIGKILL)


class WerkerStarter:
    """Starts workers for one test (``maak`` builds each ``Werker``) and stops those still running afterwards."""

    def __init__(self, maak):
        self._maak = maak
        self.gestart: list[Werker] = []

    def __call__(self, *args, **kw) -> Werker:
        w = self._maak(*args, **kw)
        self.gestart.append(w)
        return w

    def stop_alle(self):
        for w in self.gestart:
            if w.proc.poll() is None:
                w.kill(signal.SIGTERM)
        connection.close()
