"""The engine's reminders on a calendar day (C-5: 1 February of a TLV's last school year) and a later decision
date announced before the term ends (Awb 4:14, C-4); rule-specific parameters overridable in the settings."""

from datetime import date as d

import pytest

from portal.termijnen import rules
from portal.termijnen.dates import TermijnFout
from portal.termijnen.models import ClockEvent, herinneringen
from portal.termijnen.services import clock_kondig_later_aan, clock_start
from portal.termijnen.sweep import event_voor, sweep_due_clocks


@pytest.mark.parametrize("uiterlijk, verwacht, geval", [
    (d(2028, 7, 31), d(2028, 2, 1), "C-5: TLV tot 31 juli 2028 → herinnering 1 februari 2028"),
    (d(2028, 1, 15), d(2027, 2, 1), "een einddatum vóór 1 februari: de 1 februari van het jaar ervoor"),
    (d(2028, 2, 1), d(2028, 2, 1), "de einddatum zelf op 1 februari"),
])
def test_reminder_on_a_calendar_day(uiterlijk, verwacht, geval):
    assert herinneringen({"herinnering_op": ["02-01"]}, uiterlijk) == [(verwacht, "herinnering-op-02-01")], geval


def test_calendar_reminder_fires_once_on_its_day(world):
    clock = clock_start(regel_id="C-5", zaak=world.zaak_a, start=d(2026, 3, 10), extra_params={"schooljaren": 2})
    assert clock.uiterlijk == d(2028, 7, 31)  # C-5: given mid-year, 2 whole school years after 1 August 2026
    sweep_due_clocks(vandaag=d(2028, 1, 31))
    assert not ClockEvent.objects.filter(clock=clock).exists()
    sweep_due_clocks(vandaag=d(2028, 2, 1))
    sweep_due_clocks(vandaag=d(2028, 2, 2))
    assert list(ClockEvent.objects.filter(clock=clock).values_list("soort", flat=True)) == ["herinnering-op-02-01"]


def test_latest_reminder_wins_between_offsets_and_days():
    class C:
        uiterlijk = d(2026, 3, 20)
        params = {"herinneringen": [7, 2], "herinnering_op": ["03-01"]}

    assert event_voor(C, d(2026, 3, 14)) == "herinnering-7"  # 13 March (7 days) is later than 1 March
    assert event_voor(C, d(2026, 3, 5)) == "herinnering-op-03-01"


def test_announcing_a_later_decision_date(world):
    """Awb 4:14 (C-4): before the 8 weeks end the SWV announces a later date, with a reason; the term runs to it."""
    clock = clock_start(regel_id="C-4", zaak=world.zaak_a, start=d(2026, 3, 2))
    assert clock.uiterlijk == d(2026, 4, 28)  # C-4: 8 weeks = Koningsdag 27 April (T-3) → 28 April
    with pytest.raises(TermijnFout, match="reden"):
        clock_kondig_later_aan(clock=clock, datum=d(2026, 5, 20), reden=" ", meegedeeld_op=d(2026, 4, 1), vandaag=d(2026, 4, 1))
    clock = clock_kondig_later_aan(clock=clock, datum=d(2026, 5, 20), reden="Tweede deskundige ziek",
                                   meegedeeld_op=d(2026, 4, 1), vandaag=d(2026, 4, 1))
    assert clock.uiterlijk == d(2026, 5, 20)


def test_later_date_refused_after_the_term_or_for_other_rules(world):
    c4 = clock_start(regel_id="C-4", zaak=world.zaak_a, start=d(2026, 3, 2))
    with pytest.raises(TermijnFout, match="vóór het einde"):
        clock_kondig_later_aan(clock=c4, datum=d(2026, 6, 1), reden="x", meegedeeld_op=d(2026, 5, 1), vandaag=d(2026, 5, 1))
    a6 = clock_start(regel_id="A-6", zaak=world.zaak_a, start=d(2026, 3, 2))
    with pytest.raises(TermijnFout, match="geen latere datum"):
        clock_kondig_later_aan(clock=a6, datum=d(2026, 6, 1), reden="x", meegedeeld_op=d(2026, 3, 5), vandaag=d(2026, 3, 5))


def test_reminder_day_overridable_and_checked(settings):
    settings.TERMIJNEN_OVERRIDES = {"C-5": {"herinnering_op": ["03-01"]}}
    assert rules.get("C-5").params()["herinnering_op"] == ["03-01"]
    settings.TERMIJNEN_OVERRIDES = {"C-5": {"herinnering_op": ["31-02"]}}
    assert any("MM-DD" in p for p in rules.check_registry())
