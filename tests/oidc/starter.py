"""Start the local OpenID Connect provider (tests/oidc/provider.mjs: panva's oidc-provider, run by node) on a free
port and wait for its discovery document. Without node or the installed package the tests skip with a message; with
REQUIRE_SERVICES=1 (CI) that is a failure."""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

MAP = Path(__file__).resolve().parent
INSTALL_HINT = ("De OIDC-testaanbieder heeft node en npm nodig: installeer Node.js 20 of nieuwer "
                "('sudo apt-get install nodejs npm') en draai 'make install-dev' (npm ci --prefix tests/oidc).")

# The clients provider.mjs knows (its own test secrets).
MEDEWERKERS = ("portaal-medewerkers", "geheim-medewerkers-0123456789")
OUDERS = ("portaal-ouders", "geheim-ouders-0123456789")
BSN_VAN_DE_OUDER = "999993653"  # what the broker sends about 'ouder-digid'; must never be stored


def _niet_beschikbaar(reden: str):
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 maar {reden}. {INSTALL_HINT}")
    pytest.skip(f"{reden}. {INSTALL_HINT}")


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def aanbieder(redirect_uris: list[str]):
    """Yield the issuer URL of a running provider that accepts these callback URLs."""
    node = shutil.which("node")
    if node is None:
        _niet_beschikbaar("node ontbreekt")
    if not (MAP / "node_modules" / "oidc-provider" / "package.json").exists():
        _niet_beschikbaar("het npm-pakket oidc-provider is niet geïnstalleerd in tests/oidc/node_modules")
    poort = _vrije_poort()
    issuer = f"http://127.0.0.1:{poort}"
    env = {**os.environ, "PORT": str(poort), "REDIRECT_URIS": ",".join(redirect_uris), "NODE_NO_WARNINGS": "1"}
    proc = subprocess.Popen([node, str(MAP / "provider.mjs")], cwd=MAP, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        tot = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                pytest.fail(f"de OIDC-testaanbieder stopte meteen:\n{proc.stdout.read()}")
            try:
                if requests.get(issuer + "/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > tot:
                pytest.fail("de OIDC-testaanbieder gaf na 20 s geen discovery")
            time.sleep(0.1)
        yield issuer
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
