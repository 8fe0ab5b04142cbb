"""The demo's history (issue #20 §7): the SWV's monitoring page shows a trend — decided cases of the last six quarters
whose statutory terms closed on time or late — attached to real cases the staff can open; running the demo twice
adds nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.monitoring import selectors
from portal.organisaties.models import Samenwerkingsverband, School
from portal.termijnen.models import Clock, Uitkomst
from portal.zaken.models import Zaak

from .conftest import login_staff


@pytest.fixture
def demo(db):
    call_command("demo", quiet=True)


def _swv_reeks():
    swv = Samenwerkingsverband.objects.get(code="PO 99-01")
    ids = list(School.objects.filter(samenwerkingsverbanden=swv).values_list("pk", flat=True))
    vandaag = timezone.localdate()
    reeksen = selectors.op_tijd_per_kwartaal(ids, vandaag)
    totaal = sum(reeksen.values(), selectors.Reeks({k: selectors.OpTijd() for k in selectors.kwartalen(vandaag)}))
    return swv, [totaal.kwartalen[k] for k in sorted(totaal.kwartalen)]


def test_the_demo_swv_has_closed_terms_in_at_least_four_quarters_with_a_rising_share_once(demo):
    _swv, reeks = _swv_reeks()
    gevuld = [k for k in reeks if k.totaal]
    assert len(gevuld) >= 4
    assert all(k.totaal >= 5 for k in gevuld)  # a share of a handful of terms per quarter, not of one
    assert gevuld[0].procent < gevuld[-1].procent  # slightly improving
    assert any(k.op_tijd < k.totaal for k in gevuld)  # some late: a trend, not 100 % everywhere
    # every kind the SWV reports on has history behind it (a TLV's decision term is the SWV's own, without a school)
    soorten = set(Clock.objects.filter(gesloten_op__isnull=False, uitkomst__in=[Uitkomst.OP_TIJD, Uitkomst.TE_LAAT])
                  .values_list("zaak__zaaktype", flat=True))
    assert {"aanmelding", "opp", "tlv", "geschil", "klacht"} <= soorten
    # a closed term is late exactly when closed after its due date, and none closes in the future
    for c in Clock.objects.filter(uitkomst__in=[Uitkomst.OP_TIJD, Uitkomst.TE_LAAT]):
        assert (c.uitkomst == Uitkomst.OP_TIJD) == (c.gesloten_op <= c.uiterlijk), c
        assert c.start <= c.gesloten_op <= timezone.localdate()
    # running the demo again adds nothing
    voor = (Zaak.objects.count(), Clock.objects.count())
    call_command("demo", quiet=True)
    assert (Zaak.objects.count(), Clock.objects.count()) == voor


def test_the_swv_sees_the_trend_on_its_monitoring_page_and_opens_the_cases_behind_it(demo, client):
    swv, reeks = _swv_reeks()
    login_staff(client, User.objects.get(email="swv@demo.nl"))
    r = client.get(reverse("monitoring:swv", args=[swv.pk]))
    assert r.status_code == 200
    tekst = r.content.decode()
    laatste = [k for k in reeks if k.totaal][-1]
    assert f"{laatste.procent} %" in tekst or f"{laatste.procent}%" in tekst
    client.logout()
    # the cases behind the figures are real cases: their staff open them
    for zaaktype, email in [("aanmelding", "ib@demo.nl"), ("opp", "ib-wegwijzer@demo.nl"), ("geschil", "ib@demo.nl"),
                            ("klacht", "klachten@demo.nl")]:
        user = User.objects.get(email=email)
        login_staff(client, user)
        zaak = (Zaak.objects.for_user(user).filter(zaaktype=zaaktype, status__in=["besloten", "vastgesteld", "afgerond",
                                                                                    "afgehandeld"]).order_by("pk").first())
        assert zaak is not None, zaaktype
        assert client.get(zaak.get_absolute_url()).status_code == 200, zaaktype
        client.logout()
