"""``manage.py genereer`` (issues #14, #20 §7, #23 §6) at a tiny scale: besides schools, families and the pipeline's
cases it produces thuiszitters (with the leerplichtambtenaar's follow-up), klachten, bezwaren and geschillen with the commission's oordeel and the board's answer,
arrangements with their parts, each SWV's steunpunt, and a history of closed terms — on time and late, each outcome
true to its own due date — so the monitoring pages have something to show at scale; and the pages open on it."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from geschillen.models import Bezwaar, Geschil, Klacht
from ondersteuning.models import Arrangement
from portal.accounts.models import User
from portal.informatie.models import SteunpuntContact
from portal.monitoring import selectors
from portal.organisaties.models import Samenwerkingsverband, School
from portal.termijnen.models import Clock, Uitkomst
from thuiszitters.models import LeerplichtOpvolging, Thuiszitter

from .conftest import login_staff

SEED = 5


@pytest.fixture
def gegenereerd(db):
    call_command("genereer", scale=0.002, seed=SEED, stdout=io.StringIO())


def test_generates_every_kind_at_a_tiny_scale(gegenereerd):
    # thuiszitters of several kinds with their clocks
    tz = list(Thuiszitter.objects.all())
    assert len(tz) >= 10  # a few per 1,000 pupils (4,800 at this scale)
    assert len({t.soort for t in tz}) >= 2
    assert any(t.einddatum for t in tz) and any(t.einddatum is None for t in tz)
    for t in tz:
        assert set(t.clocks.values_list("regel_id", flat=True)) == {"F-2", "F-3"}
        assert (t.status == "beeindigd") == (t.einddatum is not None)
        if t.soort in ("deel_zonder", "deel_met"):
            assert t.uren_per_week is not None
        assert (t.school_id is None) == (t.soort == "absoluut")  # not enrolled: registered by the SWV (F-1)
        if t.soort == "absoluut":
            assert not t.leerling.inschrijvingen.filter(tot__isnull=True).exists()
        assert t.swv_id is not None
    # the leerplichtambtenaar of the pupil's municipality followed most of those they were told about up (§6)
    for o in LeerplichtOpvolging.objects.select_related("thuiszitter__leerling"):
        assert o.gemeente_id == o.thuiszitter.leerling.woongemeente_id and o.op >= o.thuiszitter.leerplicht_gemeld_op
    assert LeerplichtOpvolging.objects.exists()
    # a set OPP had its 6 weeks (B-2), closed on the day it was set: the monitoring's on-time share counts them
    from opp.models import Ontwikkelingsperspectief

    gezet = list(Ontwikkelingsperspectief.objects.filter(vastgesteld_op__isnull=False).prefetch_related("clocks"))
    assert gezet
    for o in gezet:
        b2 = [c for c in o.clocks.all() if c.regel_id == "B-2"]
        assert len(b2) == 1 and b2[0].gesloten_op == o.vastgesteld_op
        assert b2[0].uitkomst == ("op_tijd" if o.vastgesteld_op <= b2[0].uiterlijk else "te_laat")
    # generates geschillen with the oordeel and the boards answer
    assert Klacht.objects.exists() and Bezwaar.objects.exists() and Geschil.objects.exists()
    for k in Klacht.objects.filter(status="afgehandeld"):
        assert k.oordeel and k.oordeel_op and k.opvolging and k.reactie_op
        assert k.clocks.get(regel_id="D-5").gesloten_op == k.reactie_op
    for g in Geschil.objects.filter(status="afgerond"):
        assert g.oordeel and g.opvolging and g.reactie_op >= g.oordeel_op >= g.ingediend_op
        assert g.clocks.get(regel_id="D-4").gesloten_op == g.reactie_op
    assert Klacht.objects.filter(status="afgehandeld").exists() or Geschil.objects.filter(status="afgerond").exists()
    for b in Bezwaar.objects.select_related("betreft_besluit"):
        assert b.betreft_besluit.uitkomst == "niet_toegelaten" and b.ontvangen_op >= b.betreft_besluit.bekendgemaakt_op
    # generates arrangements with their parts and each swvs steunpunt
    arr = Arrangement.objects.annotate(n=Count("onderdelen"))
    assert arr.count() >= 5
    assert all(1 <= a.n <= 3 for a in arr)
    assert arr.filter(status="akkoord").exists()
    for a in arr.filter(status="akkoord"):
        assert a.clocks.filter(regel_id="S-5", gesloten_op__isnull=True).count() == 1
    assert SteunpuntContact.objects.count() == Samenwerkingsverband.objects.count()
    # generates a history of closed terms on time and late
    gesloten = Clock.objects.filter(uitkomst__in=[Uitkomst.OP_TIJD, Uitkomst.TE_LAAT])
    assert gesloten.filter(uitkomst=Uitkomst.OP_TIJD).exists() and gesloten.filter(uitkomst=Uitkomst.TE_LAAT).exists()
    assert not gesloten.filter(Q(uitkomst=Uitkomst.OP_TIJD, gesloten_op__gt=F("uiterlijk"))
                               | Q(uitkomst=Uitkomst.TE_LAAT, gesloten_op__lte=F("uiterlijk"))).exists()
    assert not gesloten.filter(gesloten_op__gt=timezone.localdate()).exists()
    # the busiest SWV's share decided on time has at least four quarters, not all at 100 %
    vandaag = timezone.localdate()
    swv = _drukste_swv()
    ids = list(School.objects.filter(samenwerkingsverbanden=swv).values_list("pk", flat=True))
    reeks = sum(selectors.op_tijd_per_kwartaal(ids, vandaag).values(),
                selectors.Reeks({k: selectors.OpTijd() for k in selectors.kwartalen(vandaag)}))
    gevuld = [r for r in reeks.kwartalen.values() if r.totaal]
    assert len(gevuld) >= 4
    assert any(r.procent < 100 for r in gevuld)
    # generating the same seed again adds nothing
    voor = Clock.objects.count()
    call_command("genereer", scale=0.002, seed=SEED, stdout=io.StringIO())
    assert Clock.objects.count() == voor


def test_the_monitoring_and_thuiszitters_pages_open_on_the_generated_data(gegenereerd, client):
    swv = _drukste_swv()
    user = User.objects.filter(memberships__swv=swv, memberships__rol="swv").first()
    login_staff(client, user)
    assert client.get(reverse("monitoring:swv", args=[swv.pk])).status_code == 200
    assert client.get(reverse("thuiszitters:lijst")).status_code == 200


def _drukste_swv():
    return Samenwerkingsverband.objects.annotate(n=Count("scholen__zaken")).order_by("-n", "pk").first()
