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

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest"]
LANGZAAM = "browser or faults or celery_worker or live"


def main(args: list[str]) -> int:
    if args:
        return subprocess.call(PYTEST + args, cwd=ROOT)
    log = ROOT / "var" / "log" / "test-langzaam.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    begin = time.monotonic()
    with log.open("w") as uit:
        langzaam = subprocess.Popen(PYTEST + ["-m", LANGZAAM], cwd=ROOT, stdout=uit, stderr=subprocess.STDOUT,
                                    env={**os.environ, "TEST_DATABASE_SUFFIX": "_langzaam"})
        print(f"Browser-, worker- en storingstests lopen ernaast (uitvoer: {log.relative_to(ROOT)}).", flush=True)
        snel = subprocess.call(PYTEST + ["-m", f"not ({LANGZAAM})"], cwd=ROOT)
        rc_langzaam = langzaam.wait()
    print(f"\n=== browser-, worker- en storingstests ({time.monotonic() - begin:.0f} s sinds de start) ===", flush=True)
    print(log.read_text(), flush=True)
    return snel or rc_langzaam


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
