"""Issue 17 §4, ondersteuning under the Wgbh/cz: the three grounds of a refusal (D-6; Wgbh/cz art. 2 lid 1) and the
adult pupil who asks for an adjustment themselves.

Wgbh/cz art. 2 lid 1 (consolidated text of 2026-01-01): the school "is gehouden naar gelang de behoefte doeltreffende
aanpassingen te verrichten, tenzij deze voor hem een onevenredige belasting vormen". The College voor de Rechten van
de Mens tests a refusal in that order: is the adjustment effective (doeltreffend), is it necessary (noodzakelijk),
and only then is it a disproportionate burden (onevenredig belastend). Art. 10 lid 2 puts the proof on the school."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from ondersteuning import services as s
from ondersteuning.constants import WEIGERGROND_OUDERS, Weigergrond
from ondersteuning.models import Aanpassingsverzoek
from portal.documenten.services import brieven_render_wachtend

from .conftest import login_staff

REGEL_ID = re.compile(r"\b[A-F]-\d+[a-z]?\b")


def onderbouwing(kern: str) -> str:
    """A justification of 30+ words, unique per ``kern`` (D-6: not copied from another answer of the school)."""
    return (f"Voor dit kind hebben wij het verzoek besproken met de ouders, de leerkracht en de ambulant begeleider. "
            f"{kern} Dat hebben wij vastgelegd in het dossier en met de ouders besproken in het gesprek van vorige "
            f"week.")


def verzoek(w, **kw):
    return s.aanpassing_vraag(leerling=w.kind_a, school=w.school_a, ouder=w.ouder_a, gevraagd="Een eigen laptop met "
                              "voorleessoftware", waarom="Dyslexie: lezen kost haar alle energie", **kw)


# --- 1. a refusal names one of three grounds, each with its own justification (D-6; Wgbh/cz art. 2 lid 1) --------

GRONDEN = [
    # (ground, the staff label shown to the school, a piece of the plain Dutch the parents read)
    ("niet_doeltreffend", "Niet doeltreffend", "niet helpt"),
    ("niet_noodzakelijk", "Niet noodzakelijk", "niet nodig heeft"),
    ("onevenredig", "Onevenredig belastend", "te zwaar"),
]


@pytest.mark.parametrize("grond, staf_label, ouder_tekst", GRONDEN)
def test_d6_refusal_on_each_ground_of_wgbh_cz_art_2_lid_1(world, client, grond, staf_label, ouder_tekst):
    """D-6, Wgbh/cz art. 2 lid 1: each ground is stored, shown in plain Dutch to the parents, and written in the
    letter; the parents see no rule id and no legal label."""
    v = verzoek(world)
    s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst="geweigerd", weigergrond=grond,
                            motivering=onderbouwing(f"De grond is {grond}."))
    v.refresh_from_db()
    assert (v.status, v.uitkomst, v.weigergrond) == ("beantwoord", "geweigerd", grond)
    assert ouder_tekst in v.weigergrond_ouders
    brief = v.brieven.get()
    assert brief.gegevens["weigergrond"] == grond and ouder_tekst in brief.gegevens["weigergrond_tekst"]
    client.force_login(world.ouder_a)
    body = client.get(reverse("ondersteuning:aanpassing", args=[v.pk])).content.decode()
    assert ouder_tekst in body and staf_label not in body
    assert "College voor de Rechten van de Mens" in body and not REGEL_ID.search(body.split("<main", 1)[-1])
    client.logout()
    login_staff(client, world.ib_a)
    assert staf_label in client.get(reverse("ondersteuning:aanpassing", args=[v.pk])).content.decode()


def test_d6_the_letter_names_the_ground_in_plain_dutch(world):
    """D-6, Wgbh/cz art. 2 lid 1: the PDF letter says why not, in the parents' words, and cites art. 2 lid 1."""
    from pypdf import PdfReader

    v = verzoek(world)
    s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst="geweigerd", weigergrond="niet_noodzakelijk",
                            motivering=onderbouwing("Zij heeft al een vaste plek met voorleessoftware in de klas."))
    brieven_render_wachtend()
    brief = v.brieven.get()
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(brief.bestand.path).pages).split())
    assert "Waarom niet?" in tekst and "niet nodig heeft" in tekst
    assert "artikel 2 lid 1" in tekst and not REGEL_ID.search(tekst)


@pytest.mark.parametrize("uitkomst, grond, motivering, fout", [
    # a refusal without a ground: refused, whatever the justification
    ("geweigerd", "", "lang", "Kies de grond van de weigering"),
    # an unknown ground
    ("geweigerd", "te_duur", "lang", "Kies de grond van de weigering"),
    # per ground, an empty justification asks what that ground must explain
    ("geweigerd", "niet_doeltreffend", "", "niet doeltreffend is"),
    ("geweigerd", "niet_noodzakelijk", "", "niet nodig heeft"),
    ("geweigerd", "onevenredig", "", "onevenredig belastend is"),
    # per ground, a short justification (10 words) is refused and says what to explain
    ("geweigerd", "niet_doeltreffend", "Dit helpt haar niet, dat weten wij uit de praktijk.",
     "te kort (10 woorden)"),
    ("geweigerd", "onevenredig", "Dit is voor onze school nu helaas echt te zwaar.", "te kort (10 woorden)"),
])
def test_d6_a_refusal_needs_a_ground_and_its_own_justification(world, uitkomst, grond, motivering, fout):
    """D-6, Wgbh/cz art. 2 lid 1: nothing is saved when the ground or its justification is missing."""
    v = verzoek(world)
    tekst = onderbouwing("Een eigen tekst.") if motivering == "lang" else motivering
    with pytest.raises(s.OndersteuningFout, match=re.escape(fout)):
        s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst=uitkomst, weigergrond=grond, motivering=tekst)
    v.refresh_from_db()
    assert (v.status, v.uitkomst, v.weigergrond) == ("ingediend", "", "")
    assert not v.brieven.exists()


def test_d6_a_copied_justification_is_refused_for_every_ground(world):
    """D-6: the justification is written for this child; the same text as another answer of the school is refused,
    also under another ground."""
    tekst = onderbouwing("Een laptop voor één leerling past niet in ons budget.")
    eerder = verzoek(world)
    s.aanpassing_beantwoord(verzoek=eerder, door=world.ib_a, uitkomst="geweigerd", weigergrond="onevenredig",
                            motivering=tekst)
    v = verzoek(world)
    for grond in Weigergrond.values:
        with pytest.raises(s.OndersteuningFout, match="gelijk aan een ander antwoord"):
            s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst="geweigerd", weigergrond=grond,
                                    motivering=tekst)


@pytest.mark.parametrize("uitkomst, motivering", [
    ("toegekend", ""),
    ("anders", "lang"),
])
def test_d6_only_a_refusal_has_a_ground(world, uitkomst, motivering):
    """D-6: a granted answer (also granted differently) names no ground, even when one was sent along."""
    v = verzoek(world)
    tekst = onderbouwing("Wij doen het met een gedeelde laptop.") if motivering == "lang" else ""
    s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst=uitkomst, weigergrond="onevenredig", motivering=tekst)
    v.refresh_from_db()
    assert (v.uitkomst, v.weigergrond, v.weigergrond_ouders) == (uitkomst, "", "")
    assert v.brieven.get().gegevens["weigergrond_tekst"] == ""


def test_d6_the_database_holds_a_refusal_to_one_ground(world):
    """D-6: the check constraint — a refusal without a ground, or a ground on a granted answer, cannot be stored."""
    v = verzoek(world)
    for uitkomst, grond in [("geweigerd", ""), ("toegekend", "onevenredig")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Aanpassingsverzoek.objects.filter(pk=v.pk).update(uitkomst=uitkomst, weigergrond=grond)


def test_d6_the_form_shows_the_missing_ground_at_its_field_and_keeps_the_input(world, client):
    """D-6: the school's form without a ground: status 200, the error at the ground's field, the text kept."""
    v = verzoek(world)
    login_staff(client, world.ib_a)
    tekst = onderbouwing("Een eigen tekst voor dit formulier.")
    r = client.post(reverse("ondersteuning:aanpassing_antwoord", args=[v.pk]),
                    {"antwoord-uitkomst": "geweigerd", "antwoord-motivering": tekst})
    assert r.status_code == 200
    form = r.context["antwoord_form"]
    assert "Kies de grond van de weigering" in form.errors["weigergrond"][0]
    assert form["motivering"].value() == tekst
    v.refresh_from_db()
    assert (v.status, v.uitkomst) == ("ingediend", "")
    r = client.post(reverse("ondersteuning:aanpassing_antwoord", args=[v.pk]),
                    {"antwoord-uitkomst": "geweigerd", "antwoord-weigergrond": "niet_doeltreffend",
                     "antwoord-motivering": tekst})
    assert r.status_code == 302
    v.refresh_from_db()
    assert (v.uitkomst, v.weigergrond) == ("geweigerd", "niet_doeltreffend")


def test_d6_every_ground_has_plain_dutch_for_the_parents():
    assert set(WEIGERGROND_OUDERS) == set(Weigergrond)
    for tekst in WEIGERGROND_OUDERS.values():
        assert "doeltreffend" not in str(tekst) and "onevenredig" not in str(tekst) and "artikel" not in str(tekst)


@pytest.mark.django_db(transaction=True)
def test_d6_migration_existing_refusals_keep_onevenredig_belastend(world):
    """D-6: before this change the only ground was 'onevenredig belastend'; migrating keeps that for every existing
    refusal, and gives other answers no ground."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    geweigerd, toegekend = verzoek(world), verzoek(world)
    s.aanpassing_beantwoord(verzoek=geweigerd, door=world.ib_a, uitkomst="geweigerd", weigergrond="niet_doeltreffend",
                            motivering=onderbouwing("Oud antwoord."))
    s.aanpassing_beantwoord(verzoek=toegekend, door=world.ib_a, uitkomst="toegekend", motivering="")
    executor = MigrationExecutor(connection)
    executor.migrate([("ondersteuning", "0002_reactie_buiten_portaal")])  # the column is gone: as before
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("ondersteuning"))
    rijen = dict(Aanpassingsverzoek.objects.values_list("pk", "weigergrond"))
    assert rijen == {geweigerd.pk: "onevenredig", toegekend.pk: ""}
