"""The OPP's page keeps its content in the cache (issue #23 §1): rendered once per (reader, relations, language, day,
versions of the pupil, the school, the reader's account and 'alles') and served from the cache until one of them
moves; each form gets this request's CSRF and once-only token. Every kind of change shows at once, a parent and the
IB'er never read each other's part, English and Dutch never mix."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from opp import services as s
from opp.models import Doel, Instemming

from .conftest import login_staff
from .test_informatie import _gecompileerd, vertaald  # noqa: F401  (fixtures)
from .test_opp import concept, refresh, vastgesteld
from .test_opp import w as w  # noqa: F401  (the fixture)
from .test_publiek_cache import eigen_redis  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="(csrfmiddlewaretoken|formulier_token)" value="([^"]*)"')


@pytest.fixture(autouse=True)
def _delen_aan(settings):
    """Kept parts on (locmem, one process), and nothing kept from an earlier test."""
    settings.VERSIE_DELEN = True
    cache.clear()
    yield
    cache.clear()


def _get(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries), r.content.decode()


def _inhoud(html: str) -> str:
    """The page's main content with the per-request tokens blanked."""
    return TOKEN.sub(r'name="\1" value=""', html.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0])


def _vers(client, url, monkeypatch) -> str:
    """The page as it is computed now, without the cache."""
    with monkeypatch.context() as m:
        m.setattr("portal.basis.versie.deel", lambda _naam, _sleutel, maak: maak())
        return _get(client, url)[1]


def _sessie() -> int:
    """The session's query: one with database sessions, none when the shared cache holds it (cached_db)."""
    return 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1


@pytest.fixture
def ib(w, client):
    concept(w)
    login_staff(client, w.ib_a)
    url = reverse("opp:detail", args=[w.opp.pk])
    client.get(reverse("core:home"))  # warm the session and the user's cache
    return client, url


@pytest.fixture
def ouder(w):
    concept(w)
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    c = Client()
    c.force_login(w.ouder_a)
    c.get(reverse("core:home"))
    return c, reverse("opp:detail", args=[w.opp.pk])


def test_the_ibers_second_request_is_served_from_the_cache(w, ib, monkeypatch):
    client, url = ib
    eerste, html1 = _get(client, url)
    tweede, html2 = _get(client, url)
    assert _inhoud(html1) == _inhoud(html2) == _inhoud(_vers(client, url, monkeypatch))
    assert "Vlot lezen" in html2 and "Wat moet er nog gebeuren?" in html2
    # the account, its device and memberships; the OPP, the mandates and shares (its relations); the audit line; the
    # unread notifications — nothing of the plan is read again
    assert (eerste, tweede) == (eerste, 8 + _sessie()) and eerste > tweede + 15


def test_the_parents_second_request_is_served_from_the_cache(w, ouder, monkeypatch):
    client, url = ouder
    eerste, html1 = _get(client, url)
    tweede, html2 = _get(client, url)
    assert _inhoud(html1) == _inhoud(html2) == _inhoud(_vers(client, url, monkeypatch))
    assert "Antwoord versturen" in html2 and "Wat moet er nog gebeuren?" not in html2
    assert tweede == 6 + _sessie() and eerste > tweede + 10


def test_every_form_gets_this_requests_tokens_and_they_work(w, ib):
    client, url = ib
    _get(client, url)
    html = _get(client, url)[1]  # from the cache
    formulieren = [v for n, v in TOKEN.findall(html) if n == "formulier_token"]
    assert len(formulieren) >= 4 and len(set(formulieren)) == len(formulieren)  # one fresh token per form
    assert not set(formulieren) & {v for n, v in TOKEN.findall(_get(client, url)[1]) if n == "formulier_token"}
    # the goal's delete button of the cached page works (once)
    doel = Doel.objects.get(versie__opp=w.opp)
    pad = reverse("opp:doel_verwijder", args=[w.opp.pk, doel.pk])
    formulier = re.search(rf'action="{pad}".*?name="formulier_token" value="([0-9a-f]+)"', html, re.S).group(1)
    csrf = Client(enforce_csrf_checks=True)
    csrf.cookies = client.cookies
    r = csrf.post(pad, {"formulier_token": formulier, "csrfmiddlewaretoken": TOKEN.search(html).group(2)})
    assert r.status_code == 302 and not Doel.objects.filter(pk=doel.pk).exists()
    assert "Vlot lezen" not in _get(client, url)[1]


def test_an_edited_goal_shows_at_once(w, ib, monkeypatch):
    client, url = ib
    _get(client, url)
    doel = Doel.objects.get(versie__opp=w.opp)
    s.doel_bewaar(opp=refresh(w.opp), door=w.ib_a, doel=doel, gebied=doel.gebied, omschrijving="Sneller lezen",
                  criterium=doel.criterium, streefdatum=doel.streefdatum, aanpak=doel.aanpak, wie=doel.wie)
    html = _get(client, url)[1]
    assert "Sneller lezen" in html and "Vlot lezen" not in html
    assert _inhoud(html) == _inhoud(_vers(client, url, monkeypatch))


def test_submitting_the_plan_and_each_answer_show_at_once(w, ib, monkeypatch):
    client, url = ib
    ouder = Client()
    ouder.force_login(w.ouder_a)
    voor_ib, voor_ouder = _get(client, url)[1], _get(ouder, url)[1]
    assert "Concept wijzigen" not in voor_ib and "Antwoord versturen" not in voor_ouder
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)  # put to the parents
    ib_html, ouder_html = _get(client, url)[1], _get(ouder, url)[1]
    assert "Concept wijzigen" in ib_html and "Antwoord versturen" in ouder_html
    assert "U heeft al geantwoord" not in ouder_html
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="ingestemd")  # consent
    ib_html, ouder_html = _get(client, url)[1], _get(ouder, url)[1]
    assert "stemt in" in ib_html and "U heeft al geantwoord" in ouder_html
    assert _inhoud(ib_html) == _inhoud(_vers(client, url, monkeypatch))
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder2_a, keuze="geweigerd", toelichting="Te veel tegelijk")  # refusal
    ib_html, ouder_html = _get(client, url)[1], _get(ouder, url)[1]
    assert "stemt niet in" in ib_html and "Te veel tegelijk" in ouder_html and "Wat kunt u doen?" in ouder_html
    assert _inhoud(ouder_html) == _inhoud(_vers(ouder, url, monkeypatch))


def test_a_new_version_shows_at_once(w, client, monkeypatch):
    vastgesteld(w)
    login_staff(client, w.ib_a)
    url = reverse("opp:detail", args=[w.opp.pk])
    assert "Nieuwe versie maken" in _get(client, url)[1]
    s.opp_herzie(opp=refresh(w.opp), door=w.ib_a)
    html = _get(client, url)[1]
    assert "versie 2, in voorbereiding" in html and "Nieuwe versie maken" not in html
    assert _inhoud(html) == _inhoud(_vers(client, url, monkeypatch))


def test_a_renamed_parent_shows_at_once(w, ib, monkeypatch):
    """A name on the page that is an account's (the parents who agree): its version is checked when it is read."""
    client, url = ib
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    assert w.ouder_a.get_full_name() in _get(client, url)[1]
    w.ouder_a.last_name = "Hernoemd"
    w.ouder_a.save()
    html = _get(client, url)[1]
    assert "Hernoemd" in html and _inhoud(html) == _inhoud(_vers(client, url, monkeypatch))
    n, html2 = _get(client, url)
    assert _inhoud(html2) == _inhoud(html) and n == 8 + _sessie()  # kept again, under the new name's version


def test_a_parent_and_the_iber_never_read_each_others_part(w, ib):
    client, url = ib
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    ib_html = _get(client, url)[1]
    ouder = Client()
    ouder.force_login(w.ouder_a)
    ouder_html = _get(ouder, url)[1]
    tweede = Client()
    tweede.force_login(w.ouder2_a)
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="ingestemd")
    ouder_html, tweede_html = _get(ouder, url)[1], _get(tweede, url)[1]
    ib_html = _get(client, url)[1]
    assert "Wat moet er nog gebeuren?" in ib_html and "Antwoord versturen" not in ib_html
    for html in (ouder_html, tweede_html):
        assert "Wat moet er nog gebeuren?" not in html and "Antwoord versturen" in html
    # each parent reads their own answer's state
    assert "U heeft al geantwoord" in ouder_html and "U heeft al geantwoord" not in tweede_html
    # the parent of another child reads nothing
    anders = Client()
    anders.force_login(w.ouder_b)
    assert anders.get(url).status_code == 404


def test_languages_never_mix(w, ouder, vertaald, monkeypatch):  # noqa: F811
    client, url = ouder
    nl = _get(client, url)[1]
    w.ouder2_a.taal = "en"
    w.ouder2_a.save()
    engels = Client()
    engels.force_login(w.ouder2_a)
    en = _get(engels, url)[1]
    assert '<html lang="en"' in en and "Meningen over het plan" in nl
    assert "Meningen over het plan" not in en and "Opinions on the plan" in en
    assert _inhoud(en) == _inhoud(_vers(engels, url, monkeypatch))
    assert _inhoud(_get(client, url)[1]) == _inhoud(nl)  # Dutch again: still the Dutch part


def test_a_refused_form_is_never_kept(w, ouder):
    client, url = ouder
    _get(client, url)
    r = client.post(reverse("opp:instemming", args=[w.opp.pk]), {"instemming-keuze": "misschien"})
    assert r.status_code == 200 and "is-invalid" in r.content.decode()
    assert not Instemming.objects.filter(persoon=w.ouder_a).exists()
    assert "is-invalid" not in _get(client, url)[1]


def test_the_next_day_is_computed_again(w, ib):
    client, url = ib
    _get(client, url)
    bewaard = _get(client, url)[0]
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        login_staff(client, w.ib_a)
        client.get(reverse("core:home"))
        assert _get(client, url)[0] > bewaard + 10  # the plan read again for the new day
        assert _get(client, url)[0] == bewaard


@pytest.mark.faults
def test_redis_down_is_still_the_page_rendered_once_and_never_stale(w, eigen_redis):  # noqa: F811
    concept(w)
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    c = Client(raise_request_exception=False)
    login_staff(c, w.ib_a)
    url = reverse("opp:detail", args=[w.opp.pk])
    c.get(reverse("core:home"))
    koud, eerste = _get(c, url)
    assert _get(c, url)[0] < koud  # kept in Redis
    eigen_redis.stop()
    n, html = _get(c, url)
    assert _inhoud(html) == _inhoud(eerste)
    # rendered once, not again for the names it shows (the session is read from the database now: one more)
    assert n <= koud + 1
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="geweigerd", toelichting="Liever niet")  # no bump
    assert "Liever niet" in _get(c, url)[1]
