"""The accommodations sheet (issue #9 §4; DOMAIN §5 S4): agreed with the parents and, from 12, the pupil; every
teacher of the pupil acknowledges the version in force; a new version asks them again; teachers reach pupils
through the school's groups, a substitute for at most 4 weeks; teachers see the sheet, nothing else."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from ondersteuning import selectors as sel
from ondersteuning import services as s
from ondersteuning.models import Kennisname
from portal.accounts.constants import Rol
from portal.audit.models import AuditEntry
from portal.leerlingen.models import Groep, Invalbeurt, leerlingen_van_leerkracht, schooljaar_van
from portal.leerlingen.services import (
    GroepFout,
    groep_bewaar,
    invalbeurt_regel,
    invalbeurt_trek_in,
    invalbeurt_voeg_toe,
)
from portal.meldingen.models import Notification

from .conftest import login_staff
from .factories import InschrijvingFactory, LeerlingFactory, UserFactory, member

VANDAAG = timezone.localdate


@pytest.fixture
def klas(world):
    w = world
    w.leerkrachten = [w.leerkracht_a, member(Rol.LEERKRACHT, school=w.school_a), member(Rol.LEERKRACHT, school=w.school_a)]
    w.groep = groep_bewaar(school=w.school_a, door=w.ib_a, naam="Groep 5a", schooljaar=schooljaar_van(),
                           leerlingen=[w.kind_a], leerkrachten=w.leerkrachten)
    return w


def geldend_blad(w, *afspraken):
    v = s.blad_maak(leerling=w.kind_a, school=w.school_a, door=w.ib_a)
    for weten in afspraken or ("Leest klein schrift slecht",):
        s.afspraak_voeg_toe(versie=v, door=w.ib_a, categorie="toetsen", weten=weten, doen="Toetsen op A3")
    s.blad_akkoord(versie=v, door=w.ib_a, in_gesprek_met="ouders")
    return s.blad_stel_vast(versie=v, door=w.ib_a)


def test_every_teacher_acknowledges_and_a_new_version_asks_again(klas):
    w = klas
    v1 = geldend_blad(w)
    assert {u.pk for u in sel.leerkrachten_van(w.kind_a, w.school_a)} == {u.pk for u in w.leerkrachten}
    # each teacher is asked, without support details in the message
    meldingen = Notification.objects.filter(sleutel=f"blad:{v1.pk}:geldt")
    assert meldingen.count() == 3 and "A3" not in meldingen.first().tekst
    for u in w.leerkrachten[:2]:
        s.kennisname_leg_vast(versie=v1, leerkracht=u)
    s.kennisname_leg_vast(versie=v1, leerkracht=w.leerkrachten[0])  # twice: still one
    assert Kennisname.objects.filter(versie=v1).count() == 2
    assert list(sel.te_bevestigen_voor_leerkracht(w.leerkrachten[2]).values_list("blad__leerling", flat=True)) == [
        w.kind_a.pk]
    assert not sel.te_bevestigen_voor_leerkracht(w.leerkrachten[0]).exists()
    v2 = s.blad_nieuwe_versie(blad=v1.blad, door=w.ib_a)
    assert v2.afspraken.count() == 1  # a copy of the version in force
    s.afspraak_voeg_toe(versie=v2, door=w.ib_a, categorie="rooster", weten="Wisselingen", doen="Vooraf melden")
    s.blad_akkoord(versie=v2, door=w.ib_a, in_gesprek_met="ouders")
    with pytest.raises(s.OndersteuningFout, match="wat er veranderd"):
        s.blad_stel_vast(versie=v2, door=w.ib_a)
    v2 = s.blad_stel_vast(versie=v2, door=w.ib_a, wat_veranderde="Roosterwijzigingen vooraf melden")
    v1.refresh_from_db()
    assert v1.status == "vervangen" and v2.status == "geldt"
    for u in w.leerkrachten:
        assert sel.te_bevestigen_voor_leerkracht(u).get() == v2  # all three asked again
    with pytest.raises(s.OndersteuningFout, match="geldt niet"):
        s.kennisname_leg_vast(versie=v1, leerkracht=w.leerkrachten[2])


def test_only_a_teacher_of_the_pupil_acknowledges(klas):
    w = klas
    v = geldend_blad(w)
    ander = member(Rol.LEERKRACHT, school=w.school_a)  # same school, not in the group
    elders = member(Rol.LEERKRACHT, school=w.school_b)
    for u in (ander, elders, w.ib_a, w.ouder_a):
        with pytest.raises(s.OndersteuningFout, match="leerkracht van deze leerling"):
            s.kennisname_leg_vast(versie=v, leerkracht=u)


def test_agreed_with_the_parents_and_from_12_the_pupil(world):
    w = world
    v = s.blad_maak(leerling=w.kind_a, school=w.school_a, door=w.ib_a)
    with pytest.raises(s.OndersteuningFout, match="nog geen afspraken"):
        s.blad_stel_vast(versie=v, door=w.ib_a)
    s.afspraak_voeg_toe(versie=v, door=w.ib_a, categorie="gezondheid", weten="Hypo: trillen, zweten",
                        doen="Druivensuiker geven")
    with pytest.raises(s.OndersteuningFout, match="ouders zijn nog niet akkoord"):
        s.blad_stel_vast(versie=v, door=w.ib_a)
    with pytest.raises(s.OndersteuningFout, match="nog niet aan u voorgelegd"):
        s.blad_akkoord(versie=v, door=w.ouder_a)
    s.blad_leg_voor(versie=v, door=w.ib_a)
    assert Notification.objects.filter(ontvanger=w.ouder_a, sleutel__startswith=f"blad:{v.pk}:voorgelegd").exists()
    s.blad_akkoord(versie=v, door=w.ouder_a)
    # a change after the agreement asks the parents again
    s.afspraak_voeg_toe(versie=v, door=w.ib_a, categorie="rooster", weten="Wisselingen", doen="Vooraf melden")
    v.refresh_from_db()
    assert v.ouders_akkoord_op is None
    s.blad_akkoord(versie=v, door=w.ouder_a)
    # the pupil turns 12 with an own account: the pupil agrees too
    account = UserFactory()
    w.kind_a.account = account
    w.kind_a.geboortedatum = VANDAAG().replace(year=VANDAAG().year - 12) - timedelta(days=1)
    w.kind_a.save()
    with pytest.raises(s.OndersteuningFout, match="ook met de leerling"):
        s.blad_stel_vast(versie=v, door=w.ib_a)
    s.blad_akkoord(versie=v, door=account)
    v = s.blad_stel_vast(versie=v, door=w.ib_a)
    assert v.status == "geldt" and v.leerling_akkoord_op and not v.leerling_akkoord_in_gesprek


def test_substitute_sees_the_sheet_only_in_their_period(klas, client):
    w = klas
    blad = geldend_blad(w).blad
    invaller = member(Rol.LEERKRACHT, school=w.school_a)
    with pytest.raises(GroepFout, match="4 weken"):
        invalbeurt_voeg_toe(groep=w.groep, leerkracht=invaller, van=VANDAAG(), tot=VANDAAG() + timedelta(days=28),
                            door=w.ib_a)
    with pytest.raises(GroepFout, match="leerkracht van deze school"):
        invalbeurt_voeg_toe(groep=w.groep, leerkracht=member(Rol.LEERKRACHT, school=w.school_b), van=VANDAAG(),
                            tot=VANDAAG(), door=w.ib_a)
    beurt = invalbeurt_voeg_toe(groep=w.groep, leerkracht=invaller, van=VANDAAG(), tot=VANDAAG() + timedelta(days=27),
                                door=w.ib_a)  # four weeks, first and last day included
    login_staff(client, invaller)
    url = reverse("ondersteuning:blad", args=[blad.pk])
    assert client.get(url).status_code == 200
    assert invaller in sel.leerkrachten_van(w.kind_a, w.school_a)
    # the day after the last day, the access ended by itself
    assert not leerlingen_van_leerkracht(invaller, op=beurt.tot + timedelta(days=1)).exists()
    assert leerlingen_van_leerkracht(invaller, op=beurt.tot).exists()
    with time_machine.travel(timezone.now() + timedelta(days=28)):
        assert invaller not in sel.leerkrachten_van(w.kind_a, w.school_a)
    Invalbeurt.objects.filter(pk=beurt.pk).update(van=VANDAAG() - timedelta(days=28), tot=VANDAAG() - timedelta(days=1))
    assert client.get(url).status_code == 404
    # revoked earlier: no access either
    Invalbeurt.objects.filter(pk=beurt.pk).update(van=VANDAAG(), tot=VANDAAG() + timedelta(days=3))
    assert client.get(url).status_code == 200
    invalbeurt_trek_in(invalbeurt=beurt, door=w.ib_a)
    assert client.get(url).status_code == 404
    assert AuditEntry.objects.filter(object_type="leerlingen.invalbeurt", actie="gewijzigd").exists()


def test_teacher_sees_the_sheet_not_the_dossier(klas, client):
    w = klas
    blad = geldend_blad(w).blad
    a = s.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib_a, aanbod_soort="eigen_school", doel="x",
                           startdatum=VANDAAG())
    login_staff(client, w.leerkracht_a)
    body = client.get(reverse("ondersteuning:blad", args=[blad.pk])).content.decode()
    assert "Toetsen op A3" in body and "Gelezen: ik ken deze afspraken" in body
    assert reverse("zaken:tijdlijn", args=[w.kind_a.pk]) not in body
    for url in (reverse("ondersteuning:detail", args=[a.pk]), reverse("leerlingen:detail", args=[w.kind_a.pk]),
                reverse("zaken:tijdlijn", args=[w.kind_a.pk])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("ondersteuning:kennisname", args=[blad.pk])).status_code == 302
    assert Kennisname.objects.filter(leerkracht=w.leerkracht_a).exists()
    assert AuditEntry.objects.filter(actor=w.leerkracht_a, actie="bekeken", leerling=w.kind_a).exists()
    r = client.get(reverse("ondersteuning:blad_pdf", args=[blad.pk]))
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def test_last_years_group_gives_no_access(klas, client):
    w = klas
    blad = geldend_blad(w).blad
    Groep.objects.filter(pk=w.groep.pk).update(schooljaar="2019-2020")
    login_staff(client, w.leerkracht_a)
    assert client.get(reverse("ondersteuning:blad", args=[blad.pk])).status_code == 404


def test_ib_sees_who_has_not_acknowledged(klas, client):
    w = klas
    v = geldend_blad(w)
    s.kennisname_leg_vast(versie=v, leerkracht=w.leerkrachten[0])
    login_staff(client, w.ib_a)
    r = client.get(reverse("ondersteuning:blad", args=[v.blad_id]))
    assert [u.pk for u in r.context["ontbreekt"]] == sorted([u.pk for u in w.leerkrachten[1:]], key=lambda pk: [
        x.pk for x in sel.leerkrachten_van(w.kind_a, w.school_a)].index(pk))
    assert "2 leerkrachten hebben nog niet bevestigd" in r.content.decode()


def test_parents_see_a_concept_only_once_put_before_them(world, client):
    w = world
    v = s.blad_maak(leerling=w.kind_a, school=w.school_a, door=w.ib_a)
    s.afspraak_voeg_toe(versie=v, door=w.ib_a, categorie="toetsen", weten="Klein schrift", doen="A3")
    client.force_login(w.ouder_a)
    url = reverse("ondersteuning:blad", args=[v.blad_id])
    assert "Klein schrift" not in client.get(url).content.decode()
    s.blad_leg_voor(versie=v, door=w.ib_a)
    body = client.get(url).content.decode()
    assert "Klein schrift" in body and "Akkoord met deze afspraken" in body
    assert client.post(reverse("ondersteuning:blad_akkoord", args=[v.blad_id])).status_code == 302
    v.refresh_from_db()
    assert v.ouders_akkoord_door == w.ouder_a and not v.ouders_akkoord_in_gesprek
    client.force_login(w.ouder_b)
    assert client.get(url).status_code == 404


def test_teacher_list_query_count_is_pinned(klas, client, django_assert_max_num_queries):
    w = klas
    geldend_blad(w)
    for _ in range(5):
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=w.school_a)
        w.groep.leerlingen.add(kind)
        v = s.blad_maak(leerling=kind, school=w.school_a, door=w.ib_a)
        s.afspraak_voeg_toe(versie=v, door=w.ib_a, categorie="toetsen", weten="x", doen="y")
        s.blad_akkoord(versie=v, door=w.ib_a, in_gesprek_met="ouders")
        s.blad_stel_vast(versie=v, door=w.ib_a)
    login_staff(client, w.leerkracht_a)
    client.get(reverse("ondersteuning:leerkracht"))
    with django_assert_max_num_queries(12):
        r = client.get(reverse("ondersteuning:leerkracht"))
    assert len(r.context["rijen"]) == 6


# --- groups ------------------------------------------------------------------------------------------------------

def test_group_members_belong_to_the_school(world):
    w = world
    with pytest.raises(GroepFout, match="ingeschreven"):
        groep_bewaar(school=w.school_a, door=w.ib_a, naam="5a", schooljaar="2025-2026", leerlingen=[w.kind_b],
                     leerkrachten=[])
    with pytest.raises(GroepFout, match="geen leerkracht"):
        groep_bewaar(school=w.school_a, door=w.ib_a, naam="5a", schooljaar="2025-2026", leerlingen=[],
                     leerkrachten=[w.ib_a])
    with pytest.raises(GroepFout, match="2025-2026"):
        groep_bewaar(school=w.school_a, door=w.ib_a, naam="5a", schooljaar="2025-2027", leerlingen=[], leerkrachten=[])
    g = groep_bewaar(school=w.school_a, door=w.ib_a, naam="5a", schooljaar="2025-2026", leerlingen=[w.kind_a],
                     leerkrachten=[w.leerkracht_a])
    with pytest.raises(GroepFout, match="al een groep"):
        groep_bewaar(school=w.school_a, door=w.ib_a, naam="5A", schooljaar="2025-2026", leerlingen=[], leerkrachten=[])
    groep_bewaar(school=w.school_a, door=w.ib_a, groep=g, naam="5a", schooljaar="2025-2026", leerlingen=[],
                 leerkrachten=[w.leerkracht_a])
    audit = AuditEntry.objects.filter(object_type="leerlingen.groep").order_by("pk").last()
    assert audit.wijzigingen == {"leerlingen_eraf": [w.kind_a.pk]}  # ids, never names


def test_group_pages_bad_input(world, client):
    w = world
    login_staff(client, w.ib_a)
    r = client.post(reverse("leerlingen:groepen"), {"groep-naam": "", "groep-schooljaar": "2025"})
    assert r.status_code == 200 and {"naam", "schooljaar"} <= set(r.context["form"].errors)
    r = client.post(reverse("leerlingen:groepen"), {"groep-naam": "6b", "groep-schooljaar": schooljaar_van(),
                                                        "groep-leerlingen": [w.kind_a.pk],
                                                        "groep-leerkrachten": [w.leerkracht_a.pk]})
    g = Groep.objects.get()
    assert r.status_code == 302 and list(g.leerlingen.all()) == [w.kind_a]
    r = client.post(reverse("leerlingen:invaller", args=[g.pk]), {
        "inval-leerkracht": w.leerkracht_a.pk, "inval-van": VANDAAG().isoformat(),
        "inval-tot": (VANDAAG() + timedelta(days=40)).isoformat()})
    assert r.status_code == 200 and "tot" in r.context["f_inval"].errors and not Invalbeurt.objects.exists()
    login_staff(client, w.ib_b)
    assert client.get(reverse("leerlingen:groep", args=[g.pk])).status_code == 404


def test_a_substitute_is_told_to_read_the_sheets(klas):
    w = klas
    invaller = member(Rol.LEERKRACHT, school=w.school_a)
    invalbeurt_regel(groep=w.groep, leerkracht=invaller, van=VANDAAG(), tot=VANDAAG() + timedelta(days=13), door=w.ib_a)
    melding = Notification.objects.get(ontvanger=invaller)
    assert melding.url == reverse("ondersteuning:leerkracht") and "A3" not in melding.tekst
