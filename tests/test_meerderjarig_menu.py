"""Issue #22 (review leftover): the adult pupil is the party (BW 1:233; issue #17 §1) and finds "Hulp, klacht en
bezwaar" — the escalation guide, klacht and bezwaar — in their own menu; a minor pupil (not the party) does not."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from portal.basis.registry import menu_voor

from .test_meerderjarig import _leerling_met_account

VANDAAG = dt.date(2026, 9, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("geboren, ziet, geval", [
    (dt.date(2008, 9, 1), True, "18 vandaag: de leerling is partij (BW 1:233)"),
    (dt.date(2003, 1, 1), True, "23 jaar"),
    (dt.date(2008, 9, 2), False, "18 morgen: de ouders zijn nog partij"),
    (dt.date(2012, 3, 1), False, "14 jaar: hoorrecht, geen partij"),
])
def test_menu_item_for_the_adult_pupil(geboren, ziet, geval):
    kind = _leerling_met_account(geboren)
    with time_machine.travel(dt.datetime(2026, 9, 1, 10), tick=False):
        urls = [m.url_naam for m in menu_voor(kind.account)]
    assert ("geschillen:home" in urls) is ziet, geval


@pytest.mark.django_db
def test_adult_pupil_sees_the_link_and_opens_the_page(client):
    kind = _leerling_met_account(dt.date(2005, 1, 1))
    client.force_login(kind.account)
    r = client.get(reverse("geschillen:home"))
    html = r.content.decode()
    assert r.status_code == 200
    assert f'href="{reverse("geschillen:home")}"' in html and "Hulp, klacht en bezwaar" in html
