"""The services under the import and the API (portal.leerlingen.services, issue #21 §1): bad input per field with the
pages' messages, nothing written twice, parents invited as today and never linked silently, enrolments ended only
by their school."""

import datetime as dt
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from portal.audit.models import AuditEntry
from portal.leerlingen.models import Gezag, GezagUitnodiging, Groep, Leerling, UitnodigingStatus
from portal.leerlingen.services import (
    GezagFout,
    LeerlingFout,
    gezag_uitnodig_school,
    groep_plaats,
    inschrijving_beeindig,
    leerling_bewaar,
    leerling_gegevens_check,
    leerling_synchroniseer,
)
from portal.meldingen.models import OutboxEmail

from .conftest import login_staff

pytestmark = pytest.mark.django_db

GOED = {"voornamen": "Sam", "achternaam": "Visser", "geboortedatum": dt.date(2017, 6, 1)}


@pytest.mark.parametrize(("veld", "waarde", "melding"), [
    ("voornamen", "", "Dit veld is verplicht."),
    ("voornamen", "   ", "Dit veld is verplicht."),
    ("voornamen", "x" * 201, "Gebruik ten hoogste 200 tekens."),
    ("achternaam", "Vis\u202eser", "Een naam mag geen onzichtbare stuurtekens of regeleinden bevatten."),
    ("achternaam", "Vis\nser", "Een naam mag geen onzichtbare stuurtekens of regeleinden bevatten."),
    ("tussenvoegsel", "x" * 21, "Gebruik ten hoogste 20 tekens."),
    ("roepnaam", "x" * 101, "Gebruik ten hoogste 100 tekens."),
    ("geboortedatum", None, "Vul de geboortedatum in: dag, maand en jaar."),
    ("geboortedatum", "2017-06-01", "Vul een geldige datum in, bijvoorbeeld 24-08-2026."),
    ("geboortedatum", dt.date(2999, 1, 1), "Een geboortedatum ligt niet in de toekomst."),
    ("geboortedatum", dt.date(1850, 1, 1), "Controleer het jaar."),
    ("bsn", "12345", "Een BSN bestaat uit 9 cijfers."),
    ("bsn", "²23456789", "Een BSN bestaat uit 9 cijfers."),
    ("bsn", "123456789", "Dit is geen geldig BSN: het voldoet niet aan de elfproef."),
    ("leerlingnummer", "", "Vul het leerlingnummer uit de leerlingadministratie in."),
    ("leerlingnummer", "x" * 51, "Gebruik ten hoogste 50 tekens."),
])
def test_bad_input_per_field_gets_the_pages_message(veld, waarde, melding):
    with pytest.raises(LeerlingFout) as e:
        leerling_gegevens_check(**{**GOED, "leerlingnummer": "N1", veld: waarde})
    assert e.value.velden == {veld: [melding]}


def test_nothing_half_saved_when_one_field_is_wrong(world):
    with pytest.raises(LeerlingFout):
        leerling_synchroniseer(school=world.school_a, door=world.ib_a, groep="groep 1",
                               gegevens={**GOED, "leerlingnummer": "N1", "bsn": "123456789"},
                               ouder_emails=["ouder@example.nl"])
    assert not Leerling.objects.filter(achternaam="Visser").exists() and not Groep.objects.exists()
    assert not GezagUitnodiging.objects.exists()


def test_saving_the_same_details_writes_nothing(world):
    lln, nieuw = leerling_bewaar(school=world.school_a, door=world.ib_a, leerlingnummer="N1", **GOED)
    assert nieuw
    voor = AuditEntry.objects.count()
    assert leerling_bewaar(school=world.school_a, door=world.ib_a, leerling=lln, leerlingnummer="N1", **GOED) == (
        lln, False)
    assert AuditEntry.objects.count() == voor
    _, gewijzigd = leerling_bewaar(school=world.school_a, door=world.ib_a, leerling=lln, leerlingnummer="N2",
                                   **{**GOED, "roepnaam": "Sammie"})
    assert gewijzigd
    regel = AuditEntry.objects.latest("pk")
    assert regel.wijzigingen == {"leerlingnummer": ["N1", "N2"], "roepnaam": ["", "Sammie"]}


def test_a_bsn_is_masked_in_the_audit_trail(world):
    lln, _ = leerling_bewaar(school=world.school_a, door=world.ib_a, leerlingnummer="N1", **GOED)
    leerling_bewaar(school=world.school_a, door=world.ib_a, leerling=lln, leerlingnummer="N1", bsn="999990032", **GOED)
    assert AuditEntry.objects.latest("pk").wijzigingen["bsn"] == ["", "******032"]


def test_only_the_schools_staff_synchronise(world):
    for door in (world.ib_b, world.leerkracht_a, world.ouder_a):
        with pytest.raises(LeerlingFout):
            leerling_synchroniseer(school=world.school_a, door=door, gegevens={**GOED, "leerlingnummer": "N1"})
    assert not Leerling.objects.filter(achternaam="Visser").exists()


def test_a_parent_with_gezag_already_is_not_invited(world):
    assert gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a,
                                 email=world.ouder_a.email.upper()) is None
    assert not GezagUitnodiging.objects.exists()


def test_an_invitation_is_sent_once_and_replaced_only_when_it_expired(world):
    u = gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a, email="tweede@example.nl")
    assert u.status == UitnodigingStatus.VERSTUURD and u.uitgenodigd_door == world.ib_a
    assert gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a,
                                 email="Tweede@example.nl") is None
    GezagUitnodiging.objects.filter(pk=u.pk).update(aangemaakt_op=timezone.now() - timedelta(days=15))
    nieuw = gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a,
                                  email="tweede@example.nl")
    assert nieuw.pk != u.pk
    u.refresh_from_db()
    assert u.status == UitnodigingStatus.INGETROKKEN
    assert OutboxEmail.objects.filter(aan="tweede@example.nl").count() == 2


def test_a_refused_invitation_is_not_sent_again_by_a_file(world):
    u = gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a, email="x@example.nl")
    GezagUitnodiging.objects.filter(pk=u.pk).update(status=UitnodigingStatus.AFGEWEZEN)
    assert gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a,
                                 email="x@example.nl") is None


def test_at_most_two_parents_linked_or_invited(world):
    gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a, email="twee@example.nl")
    with pytest.raises(GezagFout, match="al twee ouders"):
        gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a, email="drie@example.nl")


def test_only_the_school_of_enrolment_invites(world):
    with pytest.raises(GezagFout):
        gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_b, email="x@example.nl")
    with pytest.raises(GezagFout, match="e-mailadres"):
        gezag_uitnodig_school(leerling=world.kind_a, school=world.school_a, door=world.ib_a, email="geen adres")
    assert not GezagUitnodiging.objects.exists() and Gezag.objects.filter(leerling=world.kind_a).count() == 1


def test_ending_an_enrolment_only_by_its_school_and_once(world):
    with pytest.raises(LeerlingFout):
        inschrijving_beeindig(inschrijving=world.ins_a, door=world.ib_b, tot=dt.date(2026, 7, 17))
    with pytest.raises(LeerlingFout) as e:
        inschrijving_beeindig(inschrijving=world.ins_a, door=world.ib_a, tot=world.ins_a.van - timedelta(days=1))
    assert e.value.velden == {"tot": ["De einddatum ligt vóór de begindatum."]}
    assert inschrijving_beeindig(inschrijving=world.ins_a, door=world.ib_a, tot=dt.date(2026, 7, 17))
    voor = AuditEntry.objects.count()
    assert not inschrijving_beeindig(inschrijving=world.ins_a, door=world.ib_a, tot=dt.date(2026, 7, 17))
    assert AuditEntry.objects.count() == voor


def test_a_pupil_moves_to_another_group_of_the_same_year(world):
    assert groep_plaats(school=world.school_a, door=world.ib_a, leerling=world.kind_a, naam="groep 3", schooljaar="2026-2027")
    assert not groep_plaats(school=world.school_a, door=world.ib_a, leerling=world.kind_a, naam="Groep 3",
                            schooljaar="2026-2027")  # the same group (names compare without case)
    assert groep_plaats(school=world.school_a, door=world.ib_a, leerling=world.kind_a, naam="groep 4", schooljaar="2026-2027")
    assert list(world.kind_a.groepen.values_list("naam", flat=True)) == ["groep 4"]
    assert Groep.objects.get(naam="groep 3").leerlingen.count() == 0


def test_the_groups_page_links_to_the_import(world):
    c = Client()
    login_staff(c, world.ib_a)
    assert "/invoer/?school=" in c.get("/leerlingen/groepen/").content.decode()
