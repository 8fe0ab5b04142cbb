"""The browser harness: pytest + Playwright (Python) against Django's live server, driving Debian's
Chromium, with axe-core run on every page a test visits (no serious or critical violations).

Without Chromium these tests skip with a message saying how to install it; with REQUIRE_BROWSER=1
(CI) the skip becomes a failure.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in these tests are
# synchronous all the same.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ENGELS = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                    r"June|July|August|September|October|November|December)\b")
INSTALL_HINT = "Chromium ontbreekt: installeer het met 'sudo apt-get install chromium' (of zet CHROMIUM_PATH)."
SCREENSHOTS = os.environ.get("SCREENSHOTS")  # a folder: save a screenshot of every page visited


def _chromium_path():
    for candidate in [os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), shutil.which("chromium-browser")]:
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 maar {INSTALL_HINT}")
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True,
                              args=["--no-sandbox", "--disable-background-networking", "--disable-gpu",
                                    "--disable-component-update", "--no-first-run", "--disable-sync", "--lang=nl-NL"])
        yield b
        b.close()


REGEL_ID = re.compile(r"\b[A-GT]-\d+[a-z]?\b")  # a DOMAIN rule id such as A-6 or A-13b


class UI:
    """A page plus the checks every visit gets: axe-core with no serious or critical violations; for a parent,
    no rule ids and no English day or month names (issue #8: plain Dutch, whatever the browser says)."""

    def __init__(self, page, base_url, name):
        self.page = page
        self.base_url = base_url
        self.name = name
        self.visited = []
        self.ouder = False

    def axe(self):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(self.page)
        bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        assert not bad, f"axe op {self.page.url}: " + "; ".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in bad)
        self.visited.append(self.page.url)
        if self.ouder:
            tekst = self.page.inner_text("body")
            assert not REGEL_ID.search(tekst), f"regel-id op ouderpagina {self.page.url}: {REGEL_ID.findall(tekst)}"
            assert not ENGELS.search(tekst), f"Engelse datum op {self.page.url}: {ENGELS.findall(tekst)}"
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(SCREENSHOTS) / f"{self.name}-{len(self.visited):02d}.png"), full_page=True)

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        self.axe()
        return response

    def submit(self, button_text=None, selector=None):
        """Click a submit button and check the page it leads to."""
        with self.page.expect_navigation():
            if selector:
                self.page.click(selector)
            else:
                self.page.get_by_role("button", name=button_text).click()
        self.axe()

    def login(self, email, password):
        from portal.accounts.models import User

        self.ouder = False
        self.goto("/account/inloggen/")
        self.page.get_by_label("E-mailadres").fill(email)
        self.page.get_by_label("Wachtwoord").fill(password)
        user = User.objects.filter(email=email).first()
        self.ouder = bool(user and "ouder" in user.rollen)
        self.submit("Inloggen")


@pytest.fixture
def ui(browser, live_server, request):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield UI(page, live_server.url, request.node.name.replace("/", "_")[:60])
    context.close()


@pytest.fixture
def engels(browser, live_server, request):
    """A browser that says it prefers English (Accept-Language, navigator.language): the portal stays Dutch."""
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900},
                                  extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    page = context.new_page()
    yield UI(page, live_server.url, "en-" + request.node.name[:50])
    context.close()


@pytest.fixture
def smal(browser, live_server, request):
    """The narrowest screen WCAG asks for: 320 CSS pixels."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    yield UI(page, live_server.url, "smal-" + request.node.name[:50])
    context.close()


@pytest.fixture
def phone(browser, live_server, request):
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    yield UI(page, live_server.url, "phone-" + request.node.name[:50])
    context.close()
