"""The OPP's terms on a frozen clock (issue #10): B-2 — set within 6 weeks after enrolment or after the definitive
placement following a tijdelijke inschrijving (WPO 40a lid 3), reminders on their days, overdue on the school's
overview with its reason; B-5 — evaluated at least once per school year (WPO 40a lid 4), reminders before the end of
the school year, an evaluation closes the term and starts the next. Table-driven, one comment per row."""

from datetime import date as d
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from opp import selectors as sel
from opp import services as s
from opp.models import Ontwikkelingsperspectief
from portal.accounts.constants import Rol
from portal.documenten.validators import check_upload
from portal.leerlingen.models import InschrijvingSoort
from portal.leerlingen.services import inschrijving_definitief, inschrijving_maak
from portal.meldingen.models import Notification
from portal.termijnen.models import ClockEvent
from portal.termijnen.sweep import sweep_due_clocks
from portal.zaken.services import besluit_onderteken

from .factories import PDF, LeerlingFactory, SchoolFactory, mandaat, member, ouder_van

AMS = ZoneInfo("Europe/Amsterdam")


def op(dag: d, h=10):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, h, tzinfo=AMS), tick=False)


@pytest.fixture
def sbo(db):
    school = SchoolFactory(soort="sbo")
    school.ib = member(Rol.IB, school=school)
    school.dir = member(Rol.DIRECTEUR, school=school)
    mandaat(school.dir, school.bestuur, ["opp"])
    return school


# --- B-2 --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ingeschreven, uiterlijk", [
    # enrolled Monday 24 August 2026 → 6 weeks later, Monday 5 October
    (d(2026, 8, 24), d(2026, 10, 5)),
    # enrolled Thursday 2 April 2026 → Thursday 14 May is Hemelvaartsdag, Friday 15 May a day declared equal
    # (KB) → the Algemene termijnenwet moves it to Monday 18 May
    (d(2026, 4, 2), d(2026, 5, 18)),
    # enrolled Saturday 20 June 2026 → Saturday 1 August → Monday 3 August (Atw art. 1)
    (d(2026, 6, 20), d(2026, 8, 3)),
    # enrolled Monday 16 November 2026 → Monday 28 December: the school holiday counts (calendar weeks)
    (d(2026, 11, 16), d(2026, 12, 28)),
])
def test_enrolment_gives_an_opp_due_six_weeks_later(sbo, ingeschreven, uiterlijk):
    kind = LeerlingFactory()
    with op(ingeschreven):
        inschrijving_maak(leerling=kind, school=sbo, van=ingeschreven, door=None)
    opp = Ontwikkelingsperspectief.objects.get(leerling=kind)
    assert opp.klokken["B-2"].start == ingeschreven and opp.klokken["B-2"].uiterlijk == uiterlijk


@pytest.mark.parametrize("tijdelijk_op, definitief_op, uiterlijk", [
    # tijdelijk ingeschreven 12 May, definitively placed Monday 1 June 2026 → Monday 13 July
    (d(2026, 5, 12), d(2026, 6, 1), d(2026, 7, 13)),
    # definitively placed Wednesday 2 September → Wednesday 14 October
    (d(2026, 8, 24), d(2026, 9, 2), d(2026, 10, 14)),
])
def test_after_a_temporary_enrolment_the_term_runs_from_the_definitive_placement(sbo, tijdelijk_op, definitief_op,
                                                                                  uiterlijk):
    kind = LeerlingFactory()
    with op(tijdelijk_op):
        ins = inschrijving_maak(leerling=kind, school=sbo, van=tijdelijk_op, door=None, soort=InschrijvingSoort.TIJDELIJK)
    assert not Ontwikkelingsperspectief.objects.filter(leerling=kind).exists()  # no OPP term while temporary
    with op(definitief_op):
        inschrijving_definitief(inschrijving=ins, door=None, op=definitief_op)
    b2 = Ontwikkelingsperspectief.objects.get(leerling=kind).klokken["B-2"]
    assert (b2.start, b2.uiterlijk) == (definitief_op, uiterlijk)


def test_b2_reminders_fire_on_their_days_once_and_escalate_when_overdue(sbo):
    """Enrolled Monday 24 August 2026, due Monday 5 October: reminders on 28 September (7 days) and 3 October (2 days)
    to the IB'er, each once; on 6 October the term is overdue and the directeur is told too."""
    kind = LeerlingFactory()
    with op(d(2026, 8, 24)):
        inschrijving_maak(leerling=kind, school=sbo, van=d(2026, 8, 24), door=None)
    opp = Ontwikkelingsperspectief.objects.get(leerling=kind)
    klok = opp.klokken["B-2"]

    def events():
        return sorted(ClockEvent.objects.filter(clock=klok).values_list("soort", flat=True))

    for dag, verwacht in [
        (d(2026, 9, 27), []),  # the day before the first reminder: nothing
        (d(2026, 9, 28), ["herinnering-7"]),  # 7 days before
        (d(2026, 9, 29), ["herinnering-7"]),  # nothing new the next day (exactly once)
        (d(2026, 10, 3), ["herinnering-2", "herinnering-7"]),  # 2 days before (a Saturday: the sweep runs daily)
        (d(2026, 10, 5), ["herinnering-2", "herinnering-7"]),  # the last day itself: not overdue yet
        (d(2026, 10, 6), ["herinnering-2", "herinnering-7", "verlopen"]),  # overdue the day after
    ]:
        with op(dag):
            sweep_due_clocks(vandaag=dag)
        assert events() == verwacht, dag
    naar_ib = Notification.objects.filter(ontvanger=sbo.ib, sleutel__startswith=f"clock:{klok.pk}:").count()
    naar_dir = Notification.objects.filter(ontvanger=sbo.dir, sleutel__startswith=f"clock:{klok.pk}:").count()
    assert (naar_ib, naar_dir) == (3, 1)  # two reminders and the escalation; the directeur only the escalation


@pytest.mark.parametrize("status_stappen, reden", [
    # nothing drafted when the 6 weeks ran out
    ([], "nog niet opgesteld"),
    # put to the parents, no answer yet
    (["voorleggen"], "wacht op instemming"),
    # a parent refused: B-4 — the handelingsdeel stays a concept and the overview says why
    (["voorleggen", "weigeren"], "geen instemming"),
    # everyone agreed, nobody signed yet
    (["voorleggen", "instemmen"], "wacht op vaststelling"),
])
def test_an_overdue_opp_shows_its_reason(sbo, status_stappen, reden):
    from .test_opp import concept

    kind = LeerlingFactory()
    ouder = ouder_van(kind)
    with op(d(2026, 8, 24)):
        inschrijving_maak(leerling=kind, school=sbo, van=d(2026, 8, 24), door=None)
        opp = Ontwikkelingsperspectief.objects.get(leerling=kind)
        concept(None, opp, sbo.ib)
        for stap in status_stappen:
            opp = Ontwikkelingsperspectief.objects.get(pk=opp.pk)
            if stap == "voorleggen":
                s.opp_leg_voor(opp=opp, door=sbo.ib)
            else:
                s.instemming_geef(opp=opp, door=ouder, keuze="geweigerd" if stap == "weigeren" else "ingestemd")
    with op(d(2026, 10, 5)):  # the last day: not late yet
        rij = sel.nog_niet_vastgesteld([sbo.pk]).get(pk=opp.pk)
        assert sel.reden_te_laat(rij) == ""
    with op(d(2026, 10, 6)):
        rij = sel.nog_niet_vastgesteld([sbo.pk]).get(pk=opp.pk)
        assert sel.reden_te_laat(rij) == reden


# --- B-5 --------------------------------------------------------------------------------------------------------

def _vastgesteld_op(sbo, dag):
    from .test_opp import concept

    kind = LeerlingFactory()
    ouder = ouder_van(kind, brieven_digitaal=True)
    with op(dag):
        inschrijving_maak(leerling=kind, school=sbo, van=dag, door=None)
        opp = Ontwikkelingsperspectief.objects.get(leerling=kind)
        concept(None, opp, sbo.ib)
        s.opp_leg_voor(opp=opp, door=sbo.ib)
        s.instemming_geef(opp=Ontwikkelingsperspectief.objects.get(pk=opp.pk), door=ouder, keuze="ingestemd")
        besluit = s.vaststelling_bereid_voor(opp=Ontwikkelingsperspectief.objects.get(pk=opp.pk), door=sbo.ib,
                                             uitleg_mening="Uitleg")
        besluit_onderteken(besluit=besluit, door=sbo.dir)
    return Ontwikkelingsperspectief.objects.get(pk=opp.pk)


@pytest.mark.parametrize("vastgesteld, uiterlijk", [
    # set in October 2026 → evaluated by 31 July 2027, the end of that school year
    (d(2026, 10, 5), d(2027, 7, 31)),
    # set in May 2027 → still this school year: 31 July 2027
    (d(2027, 5, 3), d(2027, 7, 31)),
    # set in June 2027 → portal policy: first evaluated in the next school year, by 31 July 2028
    (d(2027, 6, 14), d(2028, 7, 31)),
    # set on Monday 2 August 2027, early in a new school year → 31 July 2028
    (d(2027, 8, 2), d(2028, 7, 31)),
])
def test_vaststelling_starts_the_yearly_evaluation_term(sbo, vastgesteld, uiterlijk):
    opp = _vastgesteld_op(sbo, vastgesteld)
    b5 = opp.klokken["B-5"]
    assert (b5.start, b5.uiterlijk) == (vastgesteld, uiterlijk)
    assert opp.klokken["B-2"].gesloten_op == vastgesteld


def test_the_evaluation_clock_reminds_before_the_end_of_the_school_year_and_an_evaluation_starts_the_next(sbo):
    """Set 5 October 2026; due 31 July 2027: reminders 42 days before (19 June) and 14 days before (17 July). The
    evaluation on 1 July 2027 closes the term (on time) and the next runs from 1 August 2027 to 31 July 2028."""
    opp = _vastgesteld_op(sbo, d(2026, 10, 5))
    b5 = opp.klokken["B-5"]
    for dag, verwacht in [
        (d(2027, 6, 18), []),
        (d(2027, 6, 19), ["herinnering-42"]),
        (d(2027, 7, 16), ["herinnering-42"]),
        (d(2027, 7, 17), ["herinnering-14", "herinnering-42"]),
    ]:
        with op(dag):
            sweep_due_clocks(vandaag=dag)
        assert sorted(ClockEvent.objects.filter(clock=b5).values_list("soort", flat=True)) == verwacht, dag
    assert Notification.objects.filter(ontvanger=sbo.ib, sleutel__startswith=f"clock:{b5.pk}:herinnering").count() == 2
    doel = opp.geldend.doelen.get()
    with op(d(2027, 7, 20)):
        s.evaluatie_leg_vast(opp=opp, door=sbo.ib, datum=d(2027, 7, 1), deelnemers="Vader, mentor",
                             wat_veranderde="Doel bijna behaald.", vervolg="voortzetten",
                             voortgang={doel.pk: ("op_koers", "")})
        sweep_due_clocks(vandaag=d(2027, 7, 20))
    b5.refresh_from_db()
    assert (b5.gesloten_op, b5.uitkomst) == (d(2027, 7, 1), "op_tijd")
    volgende = opp.clocks.filter(regel_id="B-5", gesloten_op__isnull=True).get()
    assert (volgende.start, volgende.uiterlijk) == (d(2027, 8, 1), d(2028, 7, 31))
    with op(d(2027, 8, 1)):
        sweep_due_clocks(vandaag=d(2027, 8, 1))
    assert not ClockEvent.objects.filter(clock=b5, soort="verlopen").exists()  # closed in time: no escalation


def test_a_missed_evaluation_is_overdue_on_1_august(sbo):
    opp = _vastgesteld_op(sbo, d(2026, 10, 5))
    b5 = opp.klokken["B-5"]
    with op(d(2027, 8, 1)):
        sweep_due_clocks(vandaag=d(2027, 8, 1))
    assert ClockEvent.objects.filter(clock=b5, soort="verlopen").exists()
    assert Notification.objects.filter(ontvanger=sbo.dir, sleutel=f"clock:{b5.pk}:verlopen:2027-07-31").exists()


def test_a_second_evaluation_in_the_same_school_year_does_not_close_next_years_term(sbo):
    opp = _vastgesteld_op(sbo, d(2026, 10, 5))
    doel = opp.geldend.doelen.get()
    with op(d(2027, 3, 1)):
        s.evaluatie_leg_vast(opp=opp, door=sbo.ib, datum=d(2027, 3, 1), deelnemers="Ouders", wat_veranderde="x",
                             vervolg="voortzetten", voortgang={doel.pk: ("op_koers", "")})
        s.evaluatie_leg_vast(opp=opp, door=sbo.ib, datum=d(2027, 3, 1), deelnemers="Ouders", wat_veranderde="y",
                             vervolg="voortzetten", voortgang={doel.pk: ("op_koers", "")})
    lopend = opp.clocks.filter(regel_id="B-5", gesloten_op__isnull=True).get()
    assert (lopend.start, lopend.uiterlijk) == (d(2027, 8, 1), d(2028, 7, 31))
    assert opp.clocks.filter(regel_id="B-5").count() == 2


def test_registering_an_existing_opp_plans_this_years_evaluation(sbo):
    kind = LeerlingFactory()
    with op(d(2026, 11, 25)):
        inschrijving_maak(leerling=kind, school=sbo, van=d(2023, 8, 21), door=None)
        opp = s.opp_registreer_bestaand(
            leerling=kind, school=sbo, door=sbo.ib, vastgesteld_op=d(2023, 10, 1),
            bestand=check_upload(SimpleUploadedFile("opp.pdf", PDF, content_type="application/pdf")))
    assert opp.klokken["B-5"].uiterlijk == d(2027, 7, 31)
    assert opp.klokken["B-2"].gesloten_op == d(2023, 10, 1)
