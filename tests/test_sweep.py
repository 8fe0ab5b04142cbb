"""The deadline sweep (issue #3 §4): reminders and escalations exactly once, catch-up, consequences."""

from datetime import date as d

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.audit.models import AuditEntry
from portal.meldingen.models import Notification, OutboxEmail
from portal.meldingen.services import outbox_verwerk
from portal.termijnen import hooks
from portal.termijnen.models import Clock, ClockEvent, SweepRun
from portal.termijnen.services import clock_start, clock_suspend
from portal.termijnen.sweep import sweep_due_clocks


def start_a6(world, **kw):
    return clock_start(regel_id="A-6", zaak=world.zaak_a, start=d(2026, 3, 2), omschrijving="Aanmelding #1", vandaag=d(2026, 3, 2), **kw)


def events(clock):
    return sorted(ClockEvent.objects.filter(clock=clock).values_list("soort", flat=True))


def test_reminder_7_days_before_exactly_once(world):
    clock = start_a6(world)  # due 13 April
    sweep_due_clocks(vandaag=d(2026, 4, 5))
    assert events(clock) == []
    sweep_due_clocks(vandaag=d(2026, 4, 6))
    sweep_due_clocks(vandaag=d(2026, 4, 6))  # a second sweep (or a retry) on the same day
    assert events(clock) == ["herinnering-7"]
    assert Notification.objects.filter(ontvanger=world.ib_a).count() == 1
    clock.refresh_from_db()
    assert clock.volgende_actie_op == d(2026, 4, 11)  # next: 2 days before


def test_catch_up_sends_only_the_latest_reminder(world):
    clock = start_a6(world)
    sweep_due_clocks(vandaag=d(2026, 4, 12))  # the worker was down from 5 to 12 April
    assert events(clock) == ["herinnering-2"]


def test_overdue_escalates_to_directeur_not_to_swv(world):
    clock = start_a6(world)
    sweep_due_clocks(vandaag=d(2026, 4, 14))  # overdue from the day after 13 April
    assert events(clock) == ["verlopen"]
    ontvangers = set(Notification.objects.values_list("ontvanger_id", flat=True))
    assert ontvangers == {world.ib_a.pk, world.dir_a.pk}
    assert world.swv_mw_a.pk not in ontvangers and world.ib_b.pk not in ontvangers
    clock.refresh_from_db()
    assert clock.volgende_actie_op is None
    sweep_due_clocks(vandaag=d(2026, 4, 20))
    assert Notification.objects.count() == 2  # no repeated escalation


def test_reminder_goes_to_responsible_person(world):
    start_a6(world, verantwoordelijke=world.dir_a)
    sweep_due_clocks(vandaag=d(2026, 4, 6))
    assert list(Notification.objects.values_list("ontvanger_id", flat=True)) == [world.dir_a.pk]


def test_suspended_clock_sends_nothing(world):
    clock = start_a6(world)
    clock_suspend(clock=clock, van=d(2026, 4, 1), reden="info", actor=world.ib_a, vandaag=d(2026, 4, 1))
    sweep_due_clocks(vandaag=d(2026, 4, 20))
    assert events(clock) == [] and Notification.objects.count() == 0


def test_new_due_date_after_extension_gets_its_own_reminders(world):
    from portal.termijnen.services import clock_extend

    clock = start_a6(world)
    sweep_due_clocks(vandaag=d(2026, 4, 6))
    clock = clock_extend(clock=clock, weken=2, reden="onderzoek", meegedeeld_op=d(2026, 4, 7), actor=world.ib_a, vandaag=d(2026, 4, 7))
    # A-7 + T-2: 13 April + 2 weeks = 27 April, Koningsdag → due 28 April; its reminder comes 21 April
    assert clock.uiterlijk == d(2026, 4, 28)
    sweep_due_clocks(vandaag=d(2026, 4, 20))
    sweep_due_clocks(vandaag=d(2026, 4, 21))
    assert sorted(ClockEvent.objects.filter(clock=clock).values_list("soort", "uiterlijk")) == [
        ("herinnering-7", d(2026, 4, 13)), ("herinnering-7", d(2026, 4, 28))]


def test_mail_says_what_to_do_without_sensitive_details(world):
    start_a6(world)
    sweep_due_clocks(vandaag=d(2026, 4, 6))
    outbox = OutboxEmail.objects.get()
    assert "13 april 2026" in outbox.tekst and world.zaak_a.get_absolute_url() in outbox.tekst
    assert "Wat te doen" in outbox.tekst
    for gevoelig in [world.kind_a.achternaam, world.kind_a.voornamen, world.kind_a.bsn]:
        assert gevoelig not in outbox.tekst and gevoelig not in outbox.onderwerp
    assert outbox_verwerk() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.ib_a.email]
    assert outbox_verwerk() == 0  # sent once


def test_legal_consequence_runs_once_and_is_a_system_action(world, monkeypatch):
    calls = []

    def tijdelijk(clock, event):
        calls.append(clock.pk)
        return "tijdelijk ingeschreven"

    monkeypatch.setitem(hooks._GEVOLGEN._items, "tijdelijke_inschrijving", tijdelijk)  # restored after the test
    clock = clock_start(regel_id="A-9", zaak=world.zaak_a, start=d(2026, 3, 2), omschrijving="Aanmelding #1", vandaag=d(2026, 3, 2))
    sweep_due_clocks(vandaag=d(2026, 5, 11))  # the 10-week term ends 11 May: not yet
    assert calls == []
    sweep_due_clocks(vandaag=d(2026, 5, 12))  # the day after
    sweep_due_clocks(vandaag=d(2026, 5, 13))
    assert calls == [clock.pk]
    event = ClockEvent.objects.get(clock=clock, soort="verlopen")
    assert event.gevolg == "tijdelijke_inschrijving" and event.gevolg_afgehandeld_op is not None
    assert AuditEntry.objects.filter(systeem=True, object_id=str(clock.pk), actie="systeem").count() == 1


def test_sweep_query_count_does_not_grow_with_due_clocks(world):
    def make(n):
        for _ in range(n):
            start_a6(world)

    sweep_due_clocks(vandaag=d(2026, 3, 3))  # creates the heartbeat row once
    make(3)
    with CaptureQueriesContext(connection) as few:
        sweep_due_clocks(vandaag=d(2026, 4, 6))
    Clock.objects.all().delete()
    make(30)
    with CaptureQueriesContext(connection) as many:
        sweep_due_clocks(vandaag=d(2026, 4, 6))
    assert len(many) == len(few)
    assert Notification.objects.count() == 33  # 3 + 30: one per due clock


def test_sweep_records_heartbeat(world):
    sweep_due_clocks(vandaag=d(2026, 4, 6))
    run = SweepRun.objects.get(naam="termijnen")
    assert run.laatst_geslaagd_op is not None and not run.is_stale()


def test_unique_constraint_blocks_duplicate_event(world):
    from django.db import IntegrityError, transaction

    clock = start_a6(world)
    ClockEvent.objects.create(clock=clock, soort="verlopen", uiterlijk=clock.uiterlijk)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClockEvent.objects.create(clock=clock, soort="verlopen", uiterlijk=clock.uiterlijk)
