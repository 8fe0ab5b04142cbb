"""Issue 17 §4, ondersteuning under the Wgbh/cz: the three grounds of a refusal (D-6; Wgbh/cz art. 2 lid 1) and the
adult pupil who asks for an adjustment themselves.

Wgbh/cz art. 2 lid 1 (consolidated text of 2026-01-01): the school "is gehouden naar gelang de behoefte doeltreffende
aanpassingen te verrichten, tenzij deze voor hem een onevenredige belasting vormen". The College voor de Rechten van
de Mens tests a refusal in that order: is the adjustment effective (doeltreffend), is it necessary (noodzakelijk),
and only then is it a disproportionate burden (onevenredig belastend). Art. 10 lid 2 puts the proof on the school."""

import re
from datetime import date as d
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from ondersteuning import services as s
from ondersteuning.constants import WEIGERGROND_OUDERS, Weigergrond
from ondersteuning.models import Aanpassingsverzoek
from portal.accounts.constants import Rol
from portal.documenten.services import brieven_render_wachtend
from portal.leerlingen.models import InzageOuder, Vertegenwoordiging

from .conftest import login_staff
from .factories import member

REGEL_ID = re.compile(r"\b[A-F]-\d+[a-z]?\b")
AMS = ZoneInfo("Europe/Amsterdam")


def op(y, m, day, h=10):
    return time_machine.travel(datetime(y, m, day, h, tzinfo=AMS), tick=False)


def onderbouwing(kern: str) -> str:
    """A justification of 30+ words, unique per ``kern`` (D-6: not copied from another answer of the school)."""
    return (f"Voor dit kind hebben wij het verzoek besproken met de ouders, de leerkracht en de ambulant begeleider. "
            f"{kern} Dat hebben wij vastgelegd in het dossier en met de ouders besproken in het gesprek van vorige "
            f"week.")


def verzoek(w, **kw):
    return s.aanpassing_vraag(leerling=w.kind_a, school=w.school_a, door=w.ouder_a, gevraagd="Een eigen laptop met "
                              "voorleessoftware", waarom="Dyslexie: lezen kost haar alle energie", **kw)


# --- 1. a refusal names one of three grounds, each with its own justification (D-6; Wgbh/cz art. 2 lid 1) --------

GRONDEN = [
    # (ground, the staff label shown to the school, a piece of the plain Dutch the parents read)
    ("niet_doeltreffend", "Niet doeltreffend", "niet helpt"),
    ("niet_noodzakelijk", "Niet noodzakelijk", "niet nodig is"),
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
    assert "Waarom niet?" in tekst and "niet nodig is" in tekst
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


# --- 2. the adult pupil asks and agrees themselves; a curator or mentor for them (issue 17 §1, §4) ---------------
# BW 1:233 and 1:245: parental authority ends at 18. From 18 the pupil acts, unless a court put them under curatele
# (the curator acts in every matter, BW 1:381) or mentorschap (the mentor acts in matters of care and begeleiding, BW
# 1:453 — support is such a matter). A bewindvoerder acts only for money (BW 1:438). Through the core's
# ``hoorrecht.wie_handelt(..., onderwerp=ONDERWERP_BEGELEIDING)``.

GEBOREN = d(2008, 9, 1)  # 18 on 1 September 2026


@pytest.fixture
def gezin(world):
    """kind_a becomes a pupil born 1 September 2008 with an own account; the world's parent keeps the Gezag row."""
    w = world
    w.lln_account = member(Rol.LEERLING)
    w.kind_a.account, w.kind_a.geboortedatum = w.lln_account, GEBOREN
    w.kind_a.save()
    w.curator, w.mentor = member(Rol.VERTEGENWOORDIGER), member(Rol.VERTEGENWOORDIGER)
    w.bewindvoerder = member(Rol.VERTEGENWOORDIGER)
    return w


def vertegenwoordiger(w, soort):
    wie = {"curator": w.curator, "mentor": w.mentor, "bewindvoerder": w.bewindvoerder}[soort]
    Vertegenwoordiging.objects.create(leerling=w.kind_a, vertegenwoordiger=wie, soort=soort, van=d(2026, 9, 1),
                                      uitspraak="Rechtbank Utrecht, 20 augustus 2026, C/16/123456")


@pytest.mark.parametrize("dag, maatregel, mag, mag_niet", [
    # the day before the 18th birthday: the parent with gezag asks, the pupil does not (yet)
    (d(2026, 8, 31), None, "ouder", ["leerling"]),
    # the 18th birthday: the pupil asks from their own account; the parent no longer does (BW 1:233, 1:245)
    (d(2026, 9, 1), None, "leerling", ["ouder"]),
    (d(2026, 9, 15), None, "leerling", ["ouder"]),
    # under curatele: the curator, in every matter (BW 1:381); not the pupil, not the parent
    (d(2026, 9, 15), "curator", "curator", ["leerling", "ouder"]),
    # under mentorschap: the mentor, in matters of care and begeleiding (BW 1:453)
    (d(2026, 9, 15), "mentor", "mentor", ["leerling", "ouder"]),
    # a bewindvoerder acts only for money (BW 1:438): the pupil asks
    (d(2026, 9, 15), "bewindvoerder", "leerling", ["bewindvoerder", "ouder"]),
])
def test_d6_who_asks_for_an_adjustment(gezin, dag, maatregel, mag, mag_niet):
    """Issue 17 §4, D-6 (Wgbh/cz art. 2 lid 1): whoever acts for the pupil asks; the others are refused, and nothing
    is saved."""
    w = gezin
    if maatregel:
        vertegenwoordiger(w, maatregel)
    wie = {"ouder": w.ouder_a, "leerling": w.lln_account, "curator": w.curator, "mentor": w.mentor,
           "bewindvoerder": w.bewindvoerder}
    with op(dag.year, dag.month, dag.day):
        for niet in mag_niet:
            with pytest.raises(s.OndersteuningFout, match="Alleen wie voor de leerling beslist"):
                s.aanpassing_vraag(leerling=w.kind_a, school=w.school_a, door=wie[niet], gevraagd="A3", waarom="Zien")
        assert not Aanpassingsverzoek.objects.exists()
        v = s.aanpassing_vraag(leerling=w.kind_a, school=w.school_a, door=wie[mag], gevraagd="A3", waarom="Zien")
    assert v.ingediend_door == wie[mag] and v.clocks.filter(regel_id="D-6").exists()


def test_d6_an_adult_pupil_files_from_their_own_account_and_their_parent_gets_404(gezin, client):
    """Issue 17 §4, D-6: an 18-year-old pupil (born 1 September 2008) asks on 15 September 2026 from their own
    account; their parent gets 404 on the form and on filing; the answer letter speaks to the pupil."""
    w = gezin
    with op(2026, 9, 15):
        client.force_login(w.ouder_a)
        assert client.get(reverse("ondersteuning:aanpassing_nieuw")).status_code == 404
        keuze = f"{w.kind_a.pk}:{w.school_a.pk}"
        r = client.post(reverse("ondersteuning:aanpassing_nieuw"), {"kind_school": keuze, "gevraagd": "A3",
                                                                     "waarom": "Slechtziend"})
        assert r.status_code == 404 and not Aanpassingsverzoek.objects.exists()
        client.logout()
        client.force_login(w.lln_account)
        r = client.get(reverse("ondersteuning:aanpassing_nieuw"))
        assert r.status_code == 200 and "Bij welke school?" in r.content.decode()
        r = client.post(reverse("ondersteuning:aanpassing_nieuw"), {"kind_school": keuze, "gevraagd": "Toetsen op A3",
                                                                     "waarom": "Ik ben slechtziend."})
        v = Aanpassingsverzoek.objects.get()
        assert r.status_code == 302 and v.ingediend_door == w.lln_account
        assert v.clocks.get(regel_id="D-6").uiterlijk == d(2026, 10, 13)  # D-6: 4 weeks, portal policy
        assert "Een aanpassing vragen" in client.get(reverse("ondersteuning:home")).content.decode()
        s.aanpassing_beantwoord(verzoek=v, door=w.ib_a, uitkomst="geweigerd", weigergrond="niet_doeltreffend",
                                motivering=onderbouwing("Een A3-toets helpt bij deze oogaandoening niet."))
    brieven_render_wachtend()
    from pypdf import PdfReader

    brief = v.brieven.get()
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(brief.bestand.path).pages).split())
    assert brief.gegevens["aan_soort"] == "leerling" and f"Beste {w.kind_a.naam}" in tekst and "uw kind" not in tekst


def test_d6_a_minors_parent_still_asks(world, client):
    """Issue 17 §4: below 18 nothing changes — the parent with gezag asks from their account."""
    client.force_login(world.ouder_a)
    r = client.post(reverse("ondersteuning:aanpassing_nieuw"), {
        "kind_school": f"{world.kind_a.pk}:{world.school_a.pk}", "gevraagd": "A3", "waarom": "Slechtziend"})
    assert r.status_code == 302 and Aanpassingsverzoek.objects.get().ingediend_door == world.ouder_a


def test_a_parent_of_an_adult_pupil_reads_with_consent_but_does_not_ask(gezin, client):
    """Issue 17 §1: with the adult pupil's consent a parent reads the request, is told who decides now, and is not
    offered to ask."""
    w = gezin
    with op(2026, 9, 15):
        v = s.aanpassing_vraag(leerling=w.kind_a, school=w.school_a, door=w.lln_account, gevraagd="A3", waarom="Zien")
        client.force_login(w.ouder_a)
        assert client.get(reverse("ondersteuning:aanpassing", args=[v.pk])).status_code == 404  # no consent yet
        InzageOuder.objects.create(leerling=w.kind_a, ouder=w.ouder_a)
        r = client.get(reverse("ondersteuning:aanpassing", args=[v.pk]))
        assert r.status_code == 200 and "Over dit verzoek beslist nu de leerling zelf" in r.content.decode()
        body = client.get(reverse("ondersteuning:home")).content.decode()
        assert "is 18 jaar of ouder" in body and "de leerling zelf" in body
        assert reverse("ondersteuning:aanpassing_nieuw") not in body


def aanbod(w):
    a = s.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib_a, aanbod_soort="eigen_school",
                           doel="Lezen op niveau", startdatum=d(2026, 9, 21))
    s.onderdeel_bewaar(arrangement=a, door=w.ib_a, soort="onderwijsondersteuning", aanbieder="school",
                       omschrijving="Leesgroep", start=d(2026, 9, 21), financier="school")
    return s.arrangement_bied_aan(arrangement=a, door=w.ib_a)


@pytest.mark.parametrize("maatregel, wie, niet", [
    # the adult pupil agrees alone: the parent's agreement is neither asked nor possible
    (None, "leerling", ["ouder"]),
    # under curatele only the curator's agreement counts; the pupil's own click does not complete it
    ("curator", "curator", ["leerling", "ouder"]),
    # a mentor agrees on the support (care and begeleiding, BW 1:453)
    ("mentor", "mentor", ["leerling", "ouder"]),
])
def test_the_arrangement_is_agreed_by_whoever_acts(gezin, client, maatregel, wie, niet):
    """Issue 17 §1, P5: the agreement with the offer passes to whoever acts for the adult pupil on 15 September 2026."""
    w = gezin
    if maatregel:
        vertegenwoordiger(w, maatregel)
    personen = {"ouder": w.ouder_a, "leerling": w.lln_account, "curator": w.curator, "mentor": w.mentor}
    with op(2026, 9, 15):
        a = aanbod(w)
        for n in niet:
            with pytest.raises(s.OndersteuningFout, match="Alleen wie voor de leerling beslist"):
                s.arrangement_reageer(arrangement=a, door=personen[n], akkoord=True)
        client.force_login(w.ouder_a)  # the parent, also with the pupil's consent to read, cannot answer
        InzageOuder.objects.create(leerling=w.kind_a, ouder=w.ouder_a)
        r = client.post(reverse("ondersteuning:reactie", args=[a.pk]), {"reactie-akkoord": "True"})
        assert r.status_code == 404
        body = client.get(reverse("ondersteuning:detail", args=[a.pk])).content.decode()
        assert "Op dit aanbod reageert" in body and 'action="/ondersteuning/' + str(a.pk) not in body
        client.force_login(personen[wie])
        assert "reactie-akkoord" in client.get(reverse("ondersteuning:detail", args=[a.pk])).content.decode()
        home = client.get(reverse("ondersteuning:home")).content.decode()
        assert reverse("ondersteuning:detail", args=[a.pk]) in home and reverse("ondersteuning:aanpassing_nieuw") in home
        s.arrangement_reageer(arrangement=a, door=personen[wie], akkoord=True)
    a.refresh_from_db()
    assert a.status == "akkoord"


def test_the_sheet_is_agreed_by_the_adult_pupil_alone(gezin):
    """Issue 17 §1, S4: the adult pupil who acts for themselves agrees once, for both places (the acting party and
    the pupil); the parent can no longer agree for them."""
    w = gezin
    with op(2026, 9, 15):
        v = s.blad_maak(leerling=w.kind_a, school=w.school_a, door=w.ib_a)
        s.afspraak_voeg_toe(versie=v, door=w.ib_a, categorie="toetsen", weten="Slechtziend", doen="Toetsen op A3")
        s.blad_leg_voor(versie=v, door=w.ib_a)
        with pytest.raises(s.OndersteuningFout, match="Alleen een ouder met gezag"):
            s.blad_akkoord(versie=v, door=w.ouder_a)
        v = s.blad_akkoord(versie=v, door=w.lln_account)
        assert v.ouders_akkoord_door == w.lln_account and v.leerling_akkoord_op is not None
        assert s.blad_stel_vast(versie=v, door=w.ib_a).status == "geldt"
