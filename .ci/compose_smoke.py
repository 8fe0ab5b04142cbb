"""CI has no Docker engine, so it checks docker-compose.yml another way (issue #2 §9):

1. parse it and check that every service the portal needs is declared, and that each command of
   web, worker and beat names something that exists in the code (manage.py commands, the WSGI
   module, the Celery app);
2. run those same commands natively (production settings, against the local PostgreSQL and Redis),
   for up to ~60 s: /health must answer 200 and beat must have had the sweep run once.
"""

import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PORT = int(os.environ.get("SMOKE_PORT", "8765"))


def fail(msg: str) -> None:
    print(f"compose-smoke: FOUT: {msg}", flush=True)
    sys.exit(1)


def check_declared(compose: dict) -> dict:
    services = compose.get("services") or {}
    for naam in ("db", "redis", "web", "worker", "beat", "mailpit"):
        if naam not in services:
            fail(f"dienst '{naam}' ontbreekt in docker-compose.yml")
    cmds = {}
    for naam in ("web", "worker", "beat"):
        cmd = services[naam].get("command")
        if not cmd:
            fail(f"dienst '{naam}' heeft geen command")
        cmds[naam] = cmd if isinstance(cmd, list) else shlex.split(cmd)
    return cmds


def check_exists(cmd: list[str]) -> None:
    """Every program the command starts must exist in the code."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()
    from django.core.management import get_commands

    words = cmd
    if cmd[:2] == ["sh", "-c"]:
        words = []
        for part in cmd[2].split("&&"):
            words += shlex.split(part) + ["&&"]
    i = 0
    while i < len(words):
        w = words[i]
        if w == "python" and words[i + 1] == "manage.py":
            sub = words[i + 2]
            if sub not in get_commands():
                fail(f"manage.py {sub} bestaat niet")
        if w == "gunicorn":
            target = next(x for x in words[i + 1:] if ":" in x and not x.startswith("-"))
            module, attr = target.split(":")
            mod = __import__(module, fromlist=[attr])
            if not hasattr(mod, attr):
                fail(f"{target} bestaat niet")
        if w == "celery":
            app = words[words.index("-A", i) + 1]
            mod = __import__(app)
            if not hasattr(mod, "celery_app"):
                fail(f"Celery-app {app} bestaat niet")
        i += 1


def env_for(compose: dict, var_dir: str) -> dict:
    env = dict(os.environ)
    anchor = compose["services"]["web"].get("environment") or {}
    env.update({k: str(v) for k, v in anchor.items()})
    env.update({
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "REDIS_URL": os.environ["REDIS_URL"],
        "DJANGO_SECRET_KEY": "ci-smoke-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_URL": "consolemail://",
        "TERMIJNEN_SWEEP_INTERVAL": "5",
        "PORTAL_VAR_DIR": var_dir,
        "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ.get('PATH', '')}",
    })
    env.pop("PORTAL_DEMO", None)
    return env


def native(cmd: list[str]) -> list[str]:
    cmd = [c.replace("0.0.0.0:8000", f"127.0.0.1:{PORT}") for c in cmd]
    if cmd[:2] == ["sh", "-c"]:
        return ["sh", "-c", cmd[2]]
    return cmd


def main() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    cmds = check_declared(compose)
    for cmd in cmds.values():
        check_exists(cmd)
    print("compose-smoke: docker-compose.yml verwijst alleen naar bestaande commando's", flush=True)

    var_dir = tempfile.mkdtemp(prefix="portal-smoke-")
    env = env_for(compose, var_dir)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    procs = {}
    logs = {}
    try:
        for naam in ("web", "worker", "beat"):
            logs[naam] = open(Path(var_dir) / f"{naam}.log", "w")  # noqa: SIM115
            cmd = native(cmds[naam])
            if naam == "beat":
                cmd = [c if c != "/app/var/celerybeat-schedule" else str(Path(var_dir) / "beat-schedule") for c in cmd]
            procs[naam] = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=logs[naam], stderr=subprocess.STDOUT,
                                           start_new_session=True)
        deadline = time.monotonic() + 90
        body = None
        while time.monotonic() < deadline:
            for naam, p in procs.items():
                if p.poll() is not None:
                    fail(f"{naam} stopte met code {p.returncode}:\n" + (Path(var_dir) / f"{naam}.log").read_text()[-3000:])
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=3) as r:
                    body = json.loads(r.read())
                    if r.status == 200 and body["termijnbewaker"]["laatst_geslaagd_op"]:
                        print(f"compose-smoke: /health 200 en de sweep liep via beat: {body}", flush=True)
                        return
            except Exception as exc:  # not up yet
                body = {"nog niet bereikbaar": str(exc)}
            time.sleep(1)
        logs_txt = "\n".join(f"--- {n}\n" + (Path(var_dir) / f"{n}.log").read_text()[-2000:] for n in procs)
        fail(f"geen gezonde start binnen de tijd; laatste /health: {body}\n{logs_txt}")
    finally:
        for p in procs.values():
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs.values():
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
