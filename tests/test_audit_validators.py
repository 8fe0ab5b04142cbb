"""Audit trail (issue #2 §6) and the BSN/BRIN validators (issue #2 §3–4)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.audit.models import AuditEntry
from portal.audit.services import audit_log, diff
from portal.leerlingen.validators import bsn_is_geldig
from portal.organisaties.models import School

from .conftest import login_staff
from .factories import BestuurFactory, LeerlingFactory


def test_dossier_view_is_recorded(world, client):
    login_staff(client, world.ib_a)
    client.get(reverse("leerlingen:detail", args=[world.kind_a.pk]))
    entry = AuditEntry.objects.get(actie="bekeken")
    assert entry.actor == world.ib_a and entry.leerling == world.kind_a
    assert entry.object_label == f"Leerling #{world.kind_a.pk}"  # no name in the trail
    assert "Intern begeleider" in entry.actor_omschrijving


def test_list_page_records_nothing_per_row(world, client):
    login_staff(client, world.ib_a)
    client.get(reverse("leerlingen:lijst"))
    assert not AuditEntry.objects.filter(actie="bekeken").exists()


def test_parent_sees_who_viewed_their_childs_dossier(world, client):
    login_staff(client, world.ib_a)
    client.get(reverse("leerlingen:detail", args=[world.kind_a.pk]))
    client.logout()
    client.force_login(world.ouder_a)
    body = client.get(reverse("leerlingen:inzage", args=[world.kind_a.pk])).content.decode()
    assert world.ib_a.last_name in body and "bekeken" in body


def test_bsn_stored_masked_in_changes():
    changes = diff({"bsn": "999990019", "roepnaam": "Daan"}, {"bsn": "999990020", "roepnaam": "Daan"})
    assert changes == {"bsn": ["******019", "******020"]}


def test_beheerder_sees_who_what_when_but_no_values(world, client):
    audit_log(actor=world.ib_a, actie="gewijzigd", obj=world.kind_a, leerling=world.kind_a,
              wijzigingen={"ondersteuningsbehoefte": ["oud-geheim", "nieuw-geheim"]})
    audit_log(actor=None, actie="systeem", obj=world.kind_a, systeem=True, omschrijving="Rechtsgevolg")
    login_staff(client, world.beheerder)
    body = client.get(reverse("audit:lijst")).content.decode()
    assert "ondersteuningsbehoefte" in body  # which field changed
    assert "geheim" not in body  # but not the values
    assert "Systeem" in body
    assert world.kind_a.achternaam not in body


@pytest.mark.parametrize(
    "bsn, geldig",
    [("999990019", True), ("111222333", True), ("123456782", True), ("12345672", True), ("123456789", False),
     ("000000000", False), ("99999001", False), ("abcdefghi", False), ("1234567890", False)],
)
def test_bsn_elfproef(bsn, geldig):
    assert bsn_is_geldig(bsn) is geldig


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bsn, melding",
    [("123456789", "voldoet niet aan de elfproef"), ("12345", "bestaat uit 9 cijfers"), ("12a456789", "bestaat uit 9 cijfers")],
)
def test_bsn_rejected_with_dutch_message(bsn, melding):
    lln = LeerlingFactory.build(bsn=bsn)
    with pytest.raises(ValidationError) as exc:
        lln.full_clean()
    assert melding in str(exc.value.message_dict["bsn"])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "brin, vestiging, veld, melding",
    [
        ("1AB2", "00", "brin", "2 cijfers en 2 hoofdletters"),
        ("12ab", "00", "brin", "2 cijfers en 2 hoofdletters"),
        ("12ABC", "00", "brin", "2 cijfers en 2 hoofdletters"),
        ("12AB", "1", "vestigingsnummer", "precies 2 cijfers"),
        ("12AB", "0A", "vestigingsnummer", "precies 2 cijfers"),
    ],
)
def test_brin_rejected_with_dutch_message(brin, vestiging, veld, melding):
    school = School(naam="X", brin=brin, vestigingsnummer=vestiging, bestuur=BestuurFactory(), soort="bao", plaats="Y")
    with pytest.raises(ValidationError) as exc:
        school.full_clean()
    assert melding in " ".join(exc.value.message_dict[veld])


@pytest.mark.django_db
def test_brin_plus_vestiging_is_unique():
    from django.db import IntegrityError

    b = BestuurFactory()
    School.objects.create(naam="A", brin="12AB", vestigingsnummer="00", bestuur=b, soort="bao", plaats="Y")
    School.objects.create(naam="B", brin="12AB", vestigingsnummer="01", bestuur=b, soort="bao", plaats="Y")
    with pytest.raises(IntegrityError):
        School.objects.create(naam="C", brin="12AB", vestigingsnummer="00", bestuur=b, soort="bao", plaats="Y")
