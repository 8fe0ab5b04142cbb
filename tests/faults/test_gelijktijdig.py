"""Two people at once on PostgreSQL (issue #19): two directeuren signing the same decision at the same moment, and a
parent's aanmelding form posted twice at the same moment. One wins; the other gets a clear Dutch message — no 500,
no second decision, no second aanmelding."""

import re
import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from aanmelding import services as s
from aanmelding.constants import BesluitSoort
from aanmelding.models import Aanmelding
from portal.accounts.constants import Rol
from portal.documenten.models import Brief
from portal.zaken.models import Besluit
from tests.conftest import login_staff
from tests.factories import mandaat, member
from tests.test_aanmelding import dien_in
from tests.test_aanmelding import gezin as gezin  # noqa: F401  (the fixture)

from .test_redis_uitval import aanmelding_nieuw_kind

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def tegelijk(*verzoeken):
    """Run the callables at the same moment, each in its own thread (its own database connection)."""
    start = threading.Barrier(len(verzoeken))
    uit = [None] * len(verzoeken)

    def draai(i, f):
        try:
            start.wait()
            uit[i] = f()
        except Exception as exc:  # noqa: BLE001 - reported in the assertion
            uit[i] = exc
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(i, f)) for i, f in enumerate(verzoeken)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    return uit


def _directeur(gezin):  # noqa: F811
    client = Client(raise_request_exception=False)
    login_staff(client, gezin)
    sessie = client.session
    sessie["portal_reauth_at"] = time.time()  # confirmed the act just now
    sessie.save()
    return client


def test_two_directeuren_sign_the_same_decision_at_once_one_wins_the_other_is_told(gezin):  # noqa: F811
    a = dien_in(gezin)
    besluit = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.TOEGELATEN, motivering="Welkom")
    tweede = member(Rol.DIRECTEUR, school=gezin.school_a)
    mandaat(tweede, gezin.school_a.bestuur, ["aanmelding"])
    c1, c2 = _directeur(gezin.dir_a), _directeur(tweede)
    url = reverse("zaken:ondertekenen", args=[besluit.pk])
    brieven_voor = Brief.objects.filter(besluit=besluit).count()

    r1, r2 = tegelijk(lambda: c1.post(url, follow=True), lambda: c2.post(url, follow=True))
    for r in (r1, r2):
        assert not isinstance(r, Exception), r
        assert r.status_code == 200, (r.status_code, r.content.decode()[-1500:])
    teksten = [r.content.decode() for r in (r1, r2)]
    assert sum("Het besluit is ondertekend" in t for t in teksten) == 1, teksten
    assert sum("al ondertekend" in t for t in teksten) == 1, teksten
    besluit.refresh_from_db()
    assert besluit.ondertekend_op is not None
    assert Besluit.objects.filter(zaak=a, ondertekend_op__isnull=False).count() == 1
    assert Brief.objects.filter(besluit=besluit).count() == brieven_voor + 1  # one letter, not two


def _form_token(body: str) -> dict:
    """The hidden token the form carries (issue #19 defect 4), whatever its name; none before that fix."""
    return {naam: waarde for naam, waarde in re.findall(r'<input type="hidden" name="([^"]*token[^"]*)" value="([^"]*)"',
                                                          body) if naam != "csrfmiddlewaretoken"}


def test_aanmelding_posted_twice_at_once_gives_one_aanmelding(gezin):  # noqa: F811
    ouder = Client(raise_request_exception=False)
    ouder.force_login(gezin.ouder)
    tweede = Client(raise_request_exception=False)
    tweede.cookies = ouder.cookies  # the same browser, the button pressed twice
    pagina = ouder.get(reverse("aanmelding:nieuw"), {"school": gezin.school_a.pk}).content.decode()
    data = aanmelding_nieuw_kind(gezin.school_a) | _form_token(pagina)

    r1, r2 = tegelijk(lambda: ouder.post(reverse("aanmelding:nieuw"), data),
                      lambda: tweede.post(reverse("aanmelding:nieuw"), data))
    for r in (r1, r2):
        assert not isinstance(r, Exception), r
        assert r.status_code in (200, 302), (r.status_code, r.content.decode()[-1500:])
    assert Aanmelding.objects.count() == 1
