"""Bekendmaking online is dated the day the letter can be read (issue #17 §5; A-13, D-2).

Awb 3:40: a decision takes effect once made known; 3:41 lid 1: made known by sending it to the belanghebbenden;
2:19 onder b (since 1 January 2026): a message placed in a system where the addressee has access counts as sent
when it becomes accessible to them. The portal's letter is accessible once rendered and stored in the parents'
account. Paper keeps the day of sending the school entered. The bezwaar term (A-13, Awb 6:7) begins the day after
the bekendmaking (Awb 6:8 lid 1). Frozen clocks (time-machine): signed on a Friday, rendered on the Monday."""

from datetime import date as d
from datetime import timedelta

import pytest
from pypdf import PdfReader

from aanmelding import services as a
from aanmelding.constants import BesluitSoort, WeigerGrond
from portal.audit.models import AuditEntry
from portal.documenten.services import brief_render
from portal.zaken.models import Besluit, Gebeurtenis
from portal.zaken.services import besluit_onderteken

from .factories import LeerlingFactory, ouder_van
from .test_geschillen import moment, op, school_met_staf

VRIJDAG, MAANDAG = d(2026, 3, 6), d(2026, 3, 9)
pytestmark = pytest.mark.django_db


def _geweigerd(*, digitaal: bool):
    """An aanmelding refused for lack of room (A-11), prepared on Monday 2 March 2026."""
    school = school_met_staf()
    kind = LeerlingFactory(geboortedatum=d(2016, 5, 17))
    ouder = ouder_van(kind, brieven_digitaal=digitaal)
    with op(d(2026, 2, 2)):
        aanmelding = a.aanmelding_dien_in(
            ouder=ouder, school=school, gewenste_start=d(2026, 8, 24), ondersteuning="nee", wat_belangrijk="Rust",
            gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[], leerling=kind, nu=moment(2026, 2, 2))
    with op(d(2026, 3, 2)):
        besluit = a.besluit_voorbereid(aanmelding=aanmelding, door=school.ib, soort=BesluitSoort.NIET_TOEGELATEN,
                                       motivering="De groep is vol", grond=WeigerGrond.PLAATSGEBREK)
    return school, aanmelding, besluit


def _tekst(brief) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(brief.bestand.path).pages).split())


@pytest.mark.parametrize("digitaal, gerenderd, bekend, a13, geval", [
    (True, VRIJDAG, VRIJDAG, d(2026, 4, 17),
     "A-13, Awb 3:41/2:19: online, de brief staat op de dag van ondertekening in het account: vrijdag 6 maart"),
    (True, MAANDAG, MAANDAG, d(2026, 4, 20),
     "A-13, Awb 3:41/2:19: online getekend op vrijdag, de brief staat pas maandag in het account: bekendgemaakt op "
     "maandag 9 maart; de bezwaartermijn loopt vanaf dinsdag 10 maart (Awb 6:8) tot en met maandag 20 april"),
    (False, MAANDAG, VRIJDAG, d(2026, 4, 17),
     "A-13, Awb 3:41: per post op vrijdag verstuurd: de dag van verzending blijft, ook als de PDF maandag klaar is"),
])
def test_bekendmaking_is_the_day_the_letter_can_be_read(digitaal, gerenderd, bekend, a13, geval):
    school, aanmelding, besluit = _geweigerd(digitaal=digitaal)
    with op(VRIJDAG):
        besluit_onderteken(besluit=besluit, door=school.directeur, vandaag=VRIJDAG,
                           **({} if digitaal else {"bekendmaking": "post", "verzonden_op": VRIJDAG}))
    brief = aanmelding.brieven.get(soort="aanmelding.besluit")
    assert brief.gemaakt_op is None  # rendered after commit; here: by hand, on the day below
    with op(gerenderd):
        brief_render(brief.pk)
    besluit = Besluit.objects.get(pk=besluit.pk)
    assert besluit.bekendgemaakt_op == bekend, geval
    klok = besluit.klokken["A-13"]
    assert klok.start == bekend and klok.uiterlijk == a13, geval  # T0 = bekendmaking; the term starts the day after
    brief.refresh_from_db()
    assert brief.gegevens["bekendgemaakt_op"] == bekend and brief.gegevens["A_13_uiterlijk"] == a13, geval
    tekst = _tekst(brief)
    assert {d(2026, 4, 17): "vrijdag 17 april 2026", d(2026, 4, 20): "maandag 20 april 2026"}[a13] in tekst, geval
    assert {VRIJDAG: "vrijdag 6 maart 2026", MAANDAG: "maandag 9 maart 2026"}[bekend] in tekst, geval


def test_moved_bekendmaking_is_audited_and_the_timeline_says_monday():
    school, aanmelding, besluit = _geweigerd(digitaal=True)
    with op(VRIJDAG):
        besluit_onderteken(besluit=besluit, door=school.directeur, vandaag=VRIJDAG)
    with op(MAANDAG):
        brief_render(aanmelding.brieven.get(soort="aanmelding.besluit").pk)
    regel = AuditEntry.objects.filter(object_type="zaken.besluit", object_id=str(besluit.pk), systeem=True).last()
    assert regel is not None and "2:19" in regel.omschrijving
    lijn = next(g for g in Gebeurtenis.objects.filter(zaak_id=aanmelding.pk, soort="besluit_bekendgemaakt"))
    assert lijn.gegevens["op"] == MAANDAG
    # Awb 2:10 lid 1: the parent is told on Monday that the letter is there and counts from that day
    from portal.meldingen.models import Notification

    melding = Notification.objects.get(sleutel=f"besluit:{besluit.pk}:beschikbaar")
    assert melding.ontvanger_id in set(aanmelding.leerling.gezag.values_list("ouder_id", flat=True))
    # the parents' term: from Tuesday 10 March, 6 weeks (Awb 6:7) — not from Saturday
    assert besluit.klokken["A-13"].start + timedelta(days=1) == d(2026, 3, 10)


def test_rendering_again_changes_nothing():
    school, aanmelding, besluit = _geweigerd(digitaal=True)
    with op(VRIJDAG):
        besluit_onderteken(besluit=besluit, door=school.directeur, vandaag=VRIJDAG)
    brief = aanmelding.brieven.get(soort="aanmelding.besluit")
    with op(MAANDAG):
        brief_render(brief.pk)
    with op(d(2026, 3, 12)):
        brief_render(brief.pk)  # idempotent: a letter that exists is never rendered again
    assert Besluit.objects.get(pk=besluit.pk).bekendgemaakt_op == MAANDAG
