"""``manage.py genereer`` (issue #23 §6) also produces the informatie rows the benchmark measures: parents' checklists
for their child with their versions, schools' self-assessments and parents' feedback on a school — each version with
an answer row for every item, as a save leaves it — deterministic per seed, and the pages open on them."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from portal.informatie.checklists import ITEMS
from portal.informatie.models import Checklist, ChecklistAntwoord, ChecklistVersie
from portal.leerlingen.models import Gezag

SEED = 6


@pytest.fixture
def gegenereerd(db):
    call_command("genereer", scale=0.002, seed=SEED, stdout=io.StringIO())


def _vingerafdruk():
    return (list(Checklist.objects.order_by("pk").values_list("soort", "leerling_id", "school_id", "ouder_id")),
            list(ChecklistAntwoord.objects.order_by("pk").values_list("versie_id", "item", "antwoord")))


def test_generates_checklists_with_versions_and_every_item(gegenereerd, client):
    soorten = dict(Checklist.objects.values_list("soort").annotate(n=Count("pk")))
    assert soorten.get("kind", 0) >= 20 and soorten.get("school", 0) >= 1
    assert Checklist.objects.filter(terugkoppeling=True).exists()
    assert ChecklistVersie.objects.filter(nummer__gt=1).exists()
    for versie in ChecklistVersie.objects.select_related("checklist").prefetch_related("antwoorden")[:200]:
        items = {i.code for i in ITEMS[versie.checklist.soort]}
        assert {a.item for a in versie.antwoorden.all()} == items
        if versie.checklist.soort == "kind":  # saved by a parent with gezag over the child
            assert Gezag.objects.filter(leerling_id=versie.checklist.leerling_id, ouder_id=versie.door_id).exists()
    for c in Checklist.objects.filter(terugkoppeling=True):
        assert Gezag.objects.filter(ouder_id=c.ouder_id, leerling__inschrijvingen__school_id=c.school_id).exists()

    # the parent's checklist page opens on the generated rows, with its versions
    c = Checklist.objects.filter(soort="kind").annotate(n=Count("versies")).filter(n__gt=1).first()
    ouder = Gezag.objects.filter(leerling_id=c.leerling_id).order_by("pk").first().ouder
    client.force_login(ouder)
    r = client.get(reverse("informatie:checklist", args=[c.pk]))
    assert r.status_code == 200

    # the same seed again adds nothing (the generator runs once per seed)
    voor = _vingerafdruk()
    call_command("genereer", scale=0.002, seed=SEED, stdout=io.StringIO())
    assert _vingerafdruk() == voor
