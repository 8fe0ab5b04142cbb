"""`make test`: the whole suite in two groups side by side, so CI stays well inside its time on two cores.

* the browser, worker, fault and live-server tests (Chromium, Celery workers, gunicorn, their own Redis, a local OIDC
  provider, schemathesis on the live API: mostly waiting), on their
  own test database (``TEST_DATABASE_SUFFIX``), their output kept in var/log/test-langzaam.log and shown after;
* everything else, its output live.

Both take the same environment (REQUIRE_SERVICES, REQUIRE_BROWSER …); the run fails when either fails. With arguments
(``make test PYTEST_ARGS="-k sweep"``) pytest runs once, as asked."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest"]
LANGZAAM = "browser or faults or celery_worker or live"


def _eigen_redis() -> dict:
    """The slow group's own Redis database: the two groups run side by side, and the same ids in their two test
    databases would otherwise share the cache — one group's write moved the other's page versions (issue #23 §1) and
    a ``cache.clear()`` emptied the other's cache."""
    url = os.environ.get("REDIS_URL")
    if not url:
        return {}
    deel = urlsplit(url)
    nummer = int(deel.path.strip("/") or 0)
    return {"REDIS_URL": urlunsplit(deel._replace(path=f"/{(nummer + 1) % 16}"))}


def main(args: list[str]) -> int:
    if args:
        return subprocess.call(PYTEST + args, cwd=ROOT)
    log = ROOT / "var" / "log" / "test-langzaam.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    begin = time.monotonic()
    with log.open("w") as uit:
        langzaam = subprocess.Popen(PYTEST + ["-m", LANGZAAM], cwd=ROOT, stdout=uit, stderr=subprocess.STDOUT,
                                    env={**os.environ, "TEST_DATABASE_SUFFIX": "_langzaam", **_eigen_redis()})
        print(f"Browser-, worker- en storingstests lopen ernaast (uitvoer: {log.relative_to(ROOT)}).", flush=True)
        snel = subprocess.call(PYTEST + ["-m", f"not ({LANGZAAM})"], cwd=ROOT)
        rc_langzaam = langzaam.wait()
    print(f"\n=== browser-, worker- en storingstests ({time.monotonic() - begin:.0f} s sinds de start) ===", flush=True)
    print(log.read_text(), flush=True)
    return snel or rc_langzaam


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
