"""The monitoring pages keep their figures (issue #23): rendered once per (page, language, day, versions of the rows
the figures read) and served from the cache until a case of the SWV or of one of its schools changes."""

import re
from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.termijnen.models import Uitkomst
from portal.zaken.models import Zaak

from .conftest import login_staff
from .factories import LeerlingFactory, member
from .test_informatie import _gecompileerd, vertaald  # noqa: F401  (fixtures)
from .test_monitoring import klok, zaak
from .test_publiek_cache import eigen_redis  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        yield


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


def _figuren(html: str) -> str:
    """The kept part of the page: from its contents to the end of the main content."""
    return html.split('<nav aria-label="', 2)[-1].split("</main>", 1)[0] if "</main>" in html else html


def _vers(client, url, monkeypatch) -> str:
    """The page as it is computed now, without the cache."""
    with monkeypatch.context() as m:
        m.setattr("portal.monitoring.views.deel", lambda _naam, _sleutel, maak: maak())
        return _get(client, url)[1]


def _cel(html: str, figuur: str, sleutel: str) -> str:
    """The number in the cell of one figure that links to ``sleutel`` ("" when it has no link: zero)."""
    m = re.search(rf'figuur={figuur}&amp;sleutel={re.escape(sleutel).replace(":", "%3A")}">([^<]*)</a>', html)
    return m.group(1) if m else ""


@pytest.fixture
def swv_pagina(world, client):
    login_staff(client, world.swv_mw_a)
    url = reverse("monitoring:swv", args=[world.swv_a.pk])
    klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 12, 4))
    client.get(url)  # warm the session and the user's cache
    return url


@pytest.mark.parametrize("pagina", ["swv", "school"])
def test_the_second_request_reads_no_figure(world, client, pagina):
    user, pk = (world.swv_mw_a, world.swv_a.pk) if pagina == "swv" else (world.ib_a, world.school_a.pk)
    login_staff(client, user)
    url = reverse(f"monitoring:{pagina}", args=[pk])
    klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 12, 4))
    client.get(reverse("core:home"))  # warm the session and the user's cache
    eerste, html1 = _get(client, url)
    tweede, html2 = _get(client, url)
    assert _figuren(html1) == _figuren(html2)
    # the page's own queries (session, user, the organisation, its schools); no figure is read again. The session is
    # one query with database sessions and none when the shared cache (Redis) holds it (cached_db).
    from django.conf import settings

    sessie = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    eigen = {"swv": (18, 6), "school": (17, 7)}[pagina]
    assert (eerste, tweede) == (eigen[0] + sessie, eigen[1] + sessie)


def test_a_new_aanmelding_of_a_member_school_shows_at_once(world, client, swv_pagina, monkeypatch):
    """A case of a member school whose row names no SWV (``swv`` empty): its school's version moves."""
    voor = _get(client, swv_pagina)[1]
    assert _cel(voor, "termijnen", "alle:aanmeldingen:week") == "1"
    z = zaak("aanmelding", world.school_a)
    assert z.swv_id is None
    klok(z, uiterlijk=date(2026, 12, 4))
    na = _get(client, swv_pagina)[1]
    assert _cel(na, "termijnen", "alle:aanmeldingen:week") == "2"
    assert _figuren(na) == _figuren(_vers(client, swv_pagina, monkeypatch))


def test_a_closed_clock_shows_at_once(world, client, swv_pagina, monkeypatch):
    c = klok(zaak("opp", world.school_a), uiterlijk=date(2026, 12, 4))
    voor = _get(client, swv_pagina)[1]
    assert _cel(voor, "termijnen", "alle:opp:week") == "1"
    c.gesloten_op, c.uitkomst = date(2026, 12, 1), Uitkomst.OP_TIJD
    c.save()
    na = _get(client, swv_pagina)[1]
    assert _cel(na, "termijnen", "alle:opp:week") == ""
    assert _figuren(na) == _figuren(_vers(client, swv_pagina, monkeypatch))


def test_a_case_of_the_swv_itself_shows_at_once(world, client, swv_pagina, monkeypatch):
    """A case without a school (the SWV's own, e.g. a geschil): the SWV's version moves."""
    voor = _get(client, swv_pagina)[1]
    z = Zaak.objects.create(zaaktype="geschil", leerling=LeerlingFactory(), swv=world.swv_a)
    klok(z, uiterlijk=date(2026, 12, 4))
    na = _get(client, swv_pagina)[1]
    assert na != voor
    assert _figuren(na) == _figuren(_vers(client, swv_pagina, monkeypatch))


def test_the_next_day_is_computed_again(world, client, swv_pagina):
    bewaard, _html = _get(client, swv_pagina)
    with time_machine.travel("2026-12-03 10:00 +01:00", tick=False):
        login_staff(client, world.swv_mw_a)  # the session of yesterday has expired
        client.get(reverse("core:home"))
        assert _get(client, swv_pagina)[0] > bewaard + 5  # the figures read again for the new day
        assert _get(client, swv_pagina)[0] == bewaard


def test_languages_never_mix(world, client, swv_pagina, vertaald, monkeypatch):  # noqa: F811
    nl = _get(client, swv_pagina)[1]
    engels = Client()
    collega = member(Rol.SWV, swv=world.swv_a)
    collega.taal = "en"
    collega.save()
    login_staff(engels, collega)
    en = _get(engels, swv_pagina)[1]
    assert '<html lang="en"' in en and "Open termijnen per soort zaak" in nl
    assert "Open termijnen per soort zaak" not in _figuren(en)
    assert _figuren(en) == _figuren(_vers(engels, swv_pagina, monkeypatch))
    assert _figuren(_get(client, swv_pagina)[1]) == _figuren(nl)  # Dutch again: still the Dutch figures


def test_another_swv_never_sees_it(world, client, swv_pagina):
    a = _get(client, swv_pagina)[1]
    ander = Client()
    login_staff(ander, member(Rol.SWV, swv=world.swv_b))
    url_b = reverse("monitoring:swv", args=[world.swv_b.pk])
    b_n, b = _get(ander, url_b)
    assert _cel(b, "termijnen", "alle:aanmeldingen:week") == "" and _cel(a, "termijnen", "alle:aanmeldingen:week") == "1"
    assert world.school_a.naam not in b and world.school_b.naam not in a
    # a change in SWV A leaves B's kept figures as they were (still read from the cache)
    klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 12, 4))
    b2_n, b2 = _get(ander, url_b)
    assert _figuren(b2) == _figuren(b) and b2_n < b_n
    # … and B's staff cannot read A's page at all
    assert ander.get(swv_pagina).status_code == 404


@pytest.mark.faults
def test_redis_down_is_still_the_page_and_never_stale(world, eigen_redis, monkeypatch):  # noqa: F811
    c = Client(raise_request_exception=False)
    login_staff(c, world.swv_mw_a)
    url = reverse("monitoring:swv", args=[world.swv_a.pk])
    klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 12, 4))
    eerste = _get(c, url)[1]
    assert _figuren(_get(c, url)[1]) == _figuren(eerste)  # kept in Redis
    eigen_redis.stop()
    r = c.get(url)
    assert r.status_code == 200 and _cel(r.content.decode(), "termijnen", "alle:aanmeldingen:week") == "1"
    klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 12, 4))  # the bump cannot reach Redis
    assert _cel(c.get(url).content.decode(), "termijnen", "alle:aanmeldingen:week") == "2"
