"""The terms of the ondersteuningsaanbod (issue #9): the evaluation rhythm of an arrangement (S-5) and the answer
term of a request for an effective adjustment (D-6). Frozen clocks; table-driven, one comment per row."""

from datetime import date as d
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ondersteuning import services as s
from portal.meldingen.models import Notification
from portal.termijnen import rules
from portal.termijnen.models import Clock
from portal.termijnen.sweep import sweep_due_clocks

AMS = ZoneInfo("Europe/Amsterdam")


def op(y, m, day, h=10):
    return time_machine.travel(datetime(y, m, day, h, tzinfo=AMS), tick=False)


def lopend_arrangement(w, *, start=d(2026, 3, 9), weken=6, akkoord_op=d(2026, 3, 2)):
    """An arrangement the parent agreed to on ``akkoord_op``, starting on ``start``, evaluated every ``weken``."""
    with op(akkoord_op.year, akkoord_op.month, akkoord_op.day):
        a = s.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib_a, aanbod_soort="eigen_school",
                               doel="Lezen", startdatum=start, evaluatie_weken=weken)
        s.onderdeel_bewaar(arrangement=a, door=w.ib_a, soort="onderwijsondersteuning", aanbieder="school",
                           omschrijving="Leesgroep", start=start, financier="school", uren_per_week=Decimal("2"))
        s.arrangement_bied_aan(arrangement=a, door=w.ib_a)
        s.arrangement_reageer(arrangement=a, door=w.ouder_a, akkoord=True)
    return a


def herinneringen(w):
    return Notification.objects.filter(sleutel__contains=":herinnering-")


@pytest.mark.parametrize("start, weken, akkoord_op, uiterlijk", [
    # six weeks from the start (Monday 9 March) → Monday 20 April
    (d(2026, 3, 9), 6, d(2026, 3, 2), d(2026, 4, 20)),
    # four weeks → Easter Monday 6 April 2026: an agreement, not a statutory term, so no Algemene termijnenwet shift
    (d(2026, 3, 9), 4, d(2026, 3, 2), d(2026, 4, 6)),
    # the parent agrees after the planned start: the rhythm runs from the day of agreement (Wednesday 11 March)
    (d(2026, 3, 9), 6, d(2026, 3, 11), d(2026, 4, 22)),
    # a one-week rhythm
    (d(2026, 3, 9), 1, d(2026, 3, 2), d(2026, 3, 16)),
])
def test_evaluation_rhythm_sets_the_due_date(world, start, weken, akkoord_op, uiterlijk):
    a = lopend_arrangement(world, start=start, weken=weken, akkoord_op=akkoord_op)
    klok = Clock.objects.get(zaak=a, regel_id="S-5")
    assert klok.uiterlijk == uiterlijk
    assert klok.params["lengte"] == weken  # the rhythm of this arrangement, snapshotted on the clock
    assert klok.school_id == world.school_a.pk


def test_evaluation_reminds_the_ib_on_the_right_day_once(world):
    """S-5: due Monday 20 April; the reminder comes 7 days before — Monday 13 April — once, to the IB'er."""
    a = lopend_arrangement(world)
    for dag in (d(2026, 3, 10), d(2026, 4, 1), d(2026, 4, 12)):
        sweep_due_clocks(vandaag=dag)
    assert not herinneringen(world).exists()  # not before the day
    sweep_due_clocks(vandaag=d(2026, 4, 13))
    sweep_due_clocks(vandaag=d(2026, 4, 13))  # a second sweep, or a retry, on the same day
    sweep_due_clocks(vandaag=d(2026, 4, 16))
    sweep_due_clocks(vandaag=d(2026, 4, 20))
    rows = list(herinneringen(world))
    assert [(n.ontvanger_id, n.sleutel.split(":")[2]) for n in rows] == [(world.ib_a.pk, "herinnering-7")]
    assert "Evaluatie arrangement" in str(rows[0].gegevens["naam"])
    assert rows[0].url == f"/ondersteuning/{a.pk}/"
    assert not Notification.objects.filter(ontvanger__in=[world.ouder_a, world.dir_a, world.leerkracht_a]).filter(
        sleutel__startswith="clock:").exists()
    # overdue from Tuesday 21 April: the directeur is warned too (exactly once)
    sweep_due_clocks(vandaag=d(2026, 4, 21))
    sweep_due_clocks(vandaag=d(2026, 4, 22))
    assert Notification.objects.filter(ontvanger=world.dir_a, sleutel__contains=":verlopen:").count() == 1


def test_recording_an_evaluation_closes_the_term_and_starts_the_next(world):
    a = lopend_arrangement(world)
    with op(2026, 4, 15):
        s.evaluatie_leg_vast(arrangement=a, door=world.ib_a, datum=d(2026, 4, 15), bevindingen="Gaat goed",
                             uitkomst="voortzetten")
    eerste, tweede = Clock.objects.filter(zaak=a, regel_id="S-5").order_by("pk")
    assert (eerste.gesloten_op, eerste.uitkomst) == (d(2026, 4, 15), "op_tijd")
    assert tweede.start == d(2026, 4, 15) and tweede.uiterlijk == d(2026, 5, 27)  # 6 weeks after the evaluation
    # a late evaluation is recorded as late, and the rhythm restarts from it
    with op(2026, 6, 3):
        s.evaluatie_leg_vast(arrangement=a, door=world.ib_a, datum=d(2026, 6, 3), bevindingen="Later dan gepland",
                             uitkomst="voortzetten")
    tweede.refresh_from_db()
    assert tweede.uitkomst == "te_laat"


def test_ending_after_evaluation_closes_without_a_new_term(world):
    a = lopend_arrangement(world)
    with op(2026, 4, 15):
        s.evaluatie_leg_vast(arrangement=a, door=world.ib_a, datum=d(2026, 4, 15), bevindingen="Doel bereikt",
                             uitkomst="afsluiten")
    a.refresh_from_db()
    assert a.status == "beeindigd" and not Clock.objects.filter(zaak=a, gesloten_op__isnull=True).exists()


def test_evaluation_with_adjustment_asks_the_parents_again_and_keeps_the_rhythm(world):
    a = lopend_arrangement(world)
    with op(2026, 4, 15):
        s.evaluatie_leg_vast(arrangement=a, door=world.ib_a, datum=d(2026, 4, 15), bevindingen="Meer uren nodig",
                             uitkomst="aanpassen")
    a.refresh_from_db()
    assert (a.status, a.versie) == ("concept", 2)
    assert Clock.objects.filter(zaak=a, regel_id="S-5", gesloten_op__isnull=True).count() == 1
    with op(2026, 4, 16):
        s.arrangement_bied_aan(arrangement=a, door=world.ib_a)
        s.arrangement_reageer(arrangement=a, door=world.ouder_a, akkoord=True)
    assert Clock.objects.filter(zaak=a, regel_id="S-5", gesloten_op__isnull=True).count() == 1  # no second clock


@pytest.mark.parametrize("ingediend, overrides, uiterlijk", [
    # D-6: four weeks by default — Monday 2 March → Monday 30 March
    (d(2026, 3, 2), None, d(2026, 3, 30)),
    # a term ending on Easter Monday stays there: not a statutory term, no Algemene termijnenwet
    (d(2026, 3, 9), None, d(2026, 4, 6)),
    # a deployment sets six weeks (secondary rule, TERMIJNEN_OVERRIDES) → Monday 13 April
    (d(2026, 3, 2), {"D-6": {"lengte": 6}}, d(2026, 4, 13)),
])
def test_adjustment_answer_term(world, settings, ingediend, overrides, uiterlijk):
    if overrides:
        settings.TERMIJNEN_OVERRIDES = overrides
    with op(ingediend.year, ingediend.month, ingediend.day):
        v = s.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                               waarom="Slechtziend")
    assert v.klokken["D-6"].uiterlijk == uiterlijk


def test_both_rules_are_secondary_and_outside_the_atw():
    for rid in ("S-5", "D-6"):
        regel = rules.get(rid)
        assert regel.secundair and not regel.atw and regel.app == "ondersteuning"
    assert rules.get("S-5").herinneringen == (7,)


def test_answering_closes_the_d6_term_on_time(world):
    with op(2026, 3, 2):
        v = s.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                               waarom="Slechtziend")
    with op(2026, 3, 20):
        s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst="toegekend", motivering="")
    klok = Clock.objects.get(zaak=v, regel_id="D-6")
    assert (klok.gesloten_op, klok.uitkomst) == (d(2026, 3, 20), "op_tijd")
