"""The OPP (issue #10): the completeness check (B-3, B-6), instemming of every parent with gezag or of the pupil of
18 (B-4) online and on paper, vaststelling under a mandate through the core's signing (closing B-2, starting B-5),
the pupil's view and the school's explanation (B-7), versions and their differences, the yearly evaluation (B-5),
registering an existing OPP, ending one, the dossier export — at the level of the services."""

from datetime import date as d
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from django.utils.formats import date_format

from opp import selectors as sel
from opp import services as s
from opp.constants import Status, VersieStatus
from opp.models import Instemming, Ontwikkelingsperspectief, Versie
from portal.audit.models import AuditEntry
from portal.documenten.models import Brief, Document
from portal.documenten.validators import check_upload
from portal.meldingen.models import Notification
from portal.organisaties.models import Mandaat
from portal.termijnen import rules
from portal.termijnen.services import clock_start
from portal.zaken.models import Besluit
from portal.zaken.services import ZaakFout, besluit_onderteken

from .factories import (
    PDF,
    InschrijvingFactory,
    LeerlingFactory,
    SchoolFactory,
    UserFactory,
    mandaat,
    member,
    ouder_van,
)

VANDAAG = timezone.localdate


def pdf(naam="formulier.pdf"):
    return check_upload(SimpleUploadedFile(naam, PDF, content_type="application/pdf"))


@pytest.fixture
def w(world):
    """school A (regular, bao) with an OPP for kind_a (two parents with gezag, both with an account, letters
    online); the directeur holds a mandate for OPP decisions."""
    world.ouder2_a = ouder_van(world.kind_a, brieven_digitaal=True)
    world.ouder_a.brieven_digitaal = True
    world.ouder_a.save(update_fields=["brieven_digitaal"])
    world.mandaat_a.besluittypen = ["aanmelding", "opp"]
    world.mandaat_a.save(update_fields=["besluittypen"])
    world.opp = world.zaak_a
    clock_start(regel_id="B-2", zaak=world.opp, start=VANDAAG() - timedelta(days=7))  # enrolled a week ago
    return world


def concept(w, opp=None, door=None, *, compleet=True):
    """A complete concept: perspective, handelingsdeel, a measurable goal, an OOGO meeting, the pupil's view."""
    opp = opp or w.opp
    door = door or w.ib_a
    s.versie_bewerk(opp=opp, door=door, uitstroom="vmbo_kb" if opp.school.soort in ("bao", "sbo", "so") else
                    {"vso": "arbeidsmarkt", "pro": "arbeid", "vo": "mbo_2"}[opp.school.soort],
                    onderbouwing="Groei volgens de norm bij rekenen; lezen loopt achter.",
                    belemmerende_factoren="Dyslexie.", bevorderende_factoren="Gemotiveerd.",
                    ondersteuning="Leesbegeleiding twee keer per week.", geen_afwijkingen=True,
                    taakverdeling="IB'er plant, ouders lezen thuis.")
    s.doel_bewaar(opp=opp, door=door, gebied="lezen_taal", omschrijving="Vlot lezen",
                  criterium="DMT kaart 3: 45 woorden per minuut", streefdatum=VANDAAG() + timedelta(weeks=20),
                  aanpak="Leesgroep", wie="IB'er")
    if compleet:
        s.overleg_leg_vast(opp=opp, door=door, datum=VANDAAG(), deelnemers="Ouders, IB'er", besproken="Het plan",
                           overeenstemming="ja", afspraken="Vmbo kader als verwachting.")
        if opp.leerling.account_id and opp.leerling.leeftijd_op(VANDAAG()) >= 12:
            s.inbreng_leg_vast(opp=opp, door=opp.leerling.account, tekst="Ik wil graag naar het vmbo.")
        else:
            s.inbreng_leg_vast(opp=opp, door=door, tekst="Ik lees liever niet hardop.", hoe_gevraagd="In een gesprek")
    return Versie.objects.get(opp=opp, status=VersieStatus.CONCEPT)


def refresh(opp):
    return Ontwikkelingsperspectief.objects.get(pk=opp.pk)


def vastgesteld(w, opp=None, *, uitleg="We lezen niet hardop in de klas; je oefent in het groepje.", vandaag=None):
    """Concept → instemming of every parent → prepared → signed by the directeur (mandate 'opp')."""
    opp = opp or w.opp
    concept(w, opp)
    s.opp_leg_voor(opp=opp, door=w.ib_a)
    for ouder in [g.ouder for g in opp.leerling.gezag.select_related("ouder")]:
        s.instemming_geef(opp=refresh(opp), door=ouder, keuze="ingestemd")
    besluit = s.vaststelling_bereid_voor(opp=refresh(opp), door=w.ib_a, uitleg_mening=uitleg)
    besluit_onderteken(besluit=besluit, door=w.dir_a, vandaag=vandaag)
    return refresh(opp)


# --- B-3, B-6: the completeness check ----------------------------------------------------------------------------

def test_completeness_check_names_each_missing_legal_element(w):
    versie = s.versie_bewerk(opp=w.opp, door=w.ib_a, sterke_kanten="Rekenen")
    ontbreekt = " | ".join(sel.ontbrekend(w.opp, versie))
    for element in ("uitstroombestemming ontbreekt", "onderbouwing", "belemmerende factoren",
                    "bevorderende factoren", "nog geen doelen", "ondersteuning die de leerling krijgt",
                    "afwijkingen van het onderwijsprogramma", "overleg met de ouders", "mening van de leerling"):
        assert element in ontbreekt, element
    # a goal without a measurable criterion or a date is flagged, by its text
    s.doel_bewaar(opp=w.opp, door=w.ib_a, gebied="rekenen", omschrijving="Tafels tot 10")
    ontbreekt = " | ".join(sel.ontbrekend(w.opp, versie))
    assert "Doel 'Tafels tot 10' heeft geen meetbaar criterium" in ontbreekt
    assert "Doel 'Tafels tot 10' heeft geen datum" in ontbreekt
    assert "nog geen doelen" not in ontbreekt


def test_a_complete_concept_misses_only_the_instemming(w):
    versie = concept(w)
    assert sel.ontbrekend(w.opp, versie) == []
    assert sel.instemming_ontbreekt(refresh(w.opp), versie) == [
        "Het handelingsdeel is nog niet ter instemming voorgelegd (B-4)."]


@pytest.mark.parametrize("soort, uitstroom, past", [
    ("vso", "arbeidsmarkt", True),  # B-6: one of the three profiles
    ("vso", "dagbesteding", True),
    ("vso", "havo", False),  # a vo school type is no vso profile
    ("bao", "havo", True),  # po: a kind of vo school
    ("bao", "vso_dagbesteding", True),  # po: or a vso profile
    ("bao", "mbo_4", False),  # po pupils do not go to mbo next
    ("vo", "mbo_4", True),  # vo: follow-up education
    ("pro", "arbeid", True),  # pro: work
    ("pro", "wo", False),
])
def test_uitstroombestemming_fits_the_kind_of_school(world, soort, uitstroom, past):
    school = SchoolFactory(soort=soort)
    ib = member("ib", school=school)
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=school)
    opp = s.opp_start_handmatig(leerling=kind, school=school, door=ib, ingeschreven_op=VANDAAG())
    if past:
        assert s.versie_bewerk(opp=opp, door=ib, uitstroom=uitstroom).uitstroom == uitstroom
    else:
        with pytest.raises(s.OppFout, match="past niet"):
            s.versie_bewerk(opp=opp, door=ib, uitstroom=uitstroom)


def test_special_schools_need_no_support_text_but_regular_ones_do(world):
    """B-3: the support and the afwijkingen are required content in regular schools (WPO 40a lid 5)."""
    sbo = SchoolFactory(soort="sbo")
    ib = member("ib", school=sbo)
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=sbo)
    opp = s.opp_start_handmatig(leerling=kind, school=sbo, door=ib, ingeschreven_op=VANDAAG())
    s.doel_bewaar(opp=opp, door=ib, gebied="rekenen", omschrijving="Geld tot 20 euro", criterium="3 van 4 keer goed",
                  streefdatum=VANDAAG() + timedelta(weeks=10))
    assert sel.handelingsdeel_ontbreekt(opp, opp.concept) == []


def test_afwijkingen_or_none_not_both(w):
    with pytest.raises(s.OppFout, match="niet allebei"):
        s.versie_bewerk(opp=w.opp, door=w.ib_a, afwijkingen="Geen Frans", geen_afwijkingen=True)


def test_only_the_schools_staff_edit_the_concept(w):
    for buiten in (w.ib_b, w.ouder_a, w.leerkracht_a):
        with pytest.raises(s.OppFout, match="intern begeleider"):
            s.versie_bewerk(opp=w.opp, door=buiten, onderbouwing="x")


# --- B-4: instemming ---------------------------------------------------------------------------------------------

def test_the_handelingsdeel_is_put_to_the_parents_only_when_complete(w):
    s.versie_bewerk(opp=w.opp, door=w.ib_a, onderbouwing="x")
    with pytest.raises(s.OppFout) as exc:
        s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    assert "nog geen doelen" in " ".join(exc.value.ontbreekt)
    concept(w)
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    opp = refresh(w.opp)
    assert opp.status == Status.TER_INSTEMMING and opp.concept.ronde == 1
    # both parents are asked, by a notification without details
    for ouder in (w.ouder_a, w.ouder2_a):
        n = Notification.objects.get(ontvanger=ouder, sleutel__startswith=f"opp:{opp.pk}:voorgelegd")
        assert "instemming" in n.titel and "B-4" not in n.tekst
    with pytest.raises(s.OppFout, match="ter instemming"):  # the text is locked while the parents answer
        s.doel_bewaar(opp=opp, door=w.ib_a, gebied="rekenen", omschrijving="Nieuw doel")


def test_one_refusal_keeps_the_handelingsdeel_a_concept_and_the_b2_clock_running(w):
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="ingestemd")
    opp = refresh(w.opp)
    assert opp.status == Status.TER_INSTEMMING  # one of two: still waiting
    s.instemming_geef(opp=opp, door=w.ouder2_a, keuze="geweigerd", toelichting="Te weinig uren begeleiding.")
    opp = refresh(w.opp)
    assert opp.status == Status.GEEN_INSTEMMING and opp.vastgesteld_op is None
    assert opp.klokken["B-2"].gesloten_op is None  # B-4: the term keeps running
    assert Notification.objects.filter(ontvanger=w.ib_a, titel="Geen instemming met het handelingsdeel").exists()
    with pytest.raises(s.OppFout) as exc:
        s.vaststelling_bereid_voor(opp=opp, door=w.ib_a, uitleg_mening="Uitleg")
    assert any("heeft niet ingestemd" in r for r in exc.value.ontbreekt)
    # the IB'er revises: the answers lapse; a new round asks both again
    s.opp_herzie(opp=opp, door=w.ib_a)
    s.doel_bewaar(opp=refresh(w.opp), door=w.ib_a, gebied="lezen_taal", omschrijving="Begrijpend lezen",
                  criterium="Cito M6 niveau III", streefdatum=VANDAAG() + timedelta(weeks=30))
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    stand = sel.instemming_stand(refresh(w.opp), refresh(w.opp).concept)
    assert stand.ronde == 2 and [i.keuze for i in stand.instemmers] == [None, None]
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(w.opp), door=ouder, keuze="ingestemd")
    assert refresh(w.opp).status == Status.INGESTEMD


def test_a_parent_may_change_a_refusal_into_instemming(w):
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="geweigerd")
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="ingestemd")
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder2_a, keuze="ingestemd")
    assert refresh(w.opp).status == Status.INGESTEMD
    assert Instemming.objects.filter(versie__opp=w.opp).count() == 3  # the record keeps every answer


def test_only_parents_with_gezag_answer(w):
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    for buiten in (w.ouder_b, w.ib_a, UserFactory()):
        with pytest.raises(s.OppFout, match="ouder met gezag"):
            s.instemming_geef(opp=refresh(w.opp), door=buiten, keuze="ingestemd")


def test_instemming_only_while_asked(w):
    concept(w)
    with pytest.raises(s.OppFout, match="niet om instemming"):
        s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="ingestemd")


def test_an_18_year_olds_own_instemming_suffices_and_the_parents_does_not_count(world):
    """B-4 / DOMAIN §2: from 18 the pupil decides on the handelingsdeel; a parent's answer is refused."""
    vo = SchoolFactory(soort="vo")
    ib = member("ib", school=vo)
    pupil = member("leerling")
    kind = LeerlingFactory(geboortedatum=VANDAAG().replace(year=VANDAAG().year - 18) - timedelta(days=1),
                           account=pupil)
    ouder = ouder_van(kind)
    InschrijvingFactory(leerling=kind, school=vo)
    opp = s.opp_start_handmatig(leerling=kind, school=vo, door=ib, ingeschreven_op=VANDAAG())
    concept(world, opp, ib)
    s.opp_leg_voor(opp=opp, door=ib)
    assert [i.partij for i in sel.instemmers(refresh(opp))] == ["leerling"]
    with pytest.raises(s.OppFout, match="18 jaar of ouder en beslist zelf"):
        s.instemming_geef(opp=refresh(opp), door=ouder, keuze="ingestemd")
    s.instemming_geef(opp=refresh(opp), door=pupil, keuze="ingestemd")
    assert refresh(opp).status == Status.INGESTEMD
    # and the parent, asked nothing, got no request for instemming
    assert not Notification.objects.filter(ontvanger=ouder, sleutel__contains=":voorgelegd:").exists()


def test_a_paper_instemming_is_recorded_with_its_document_and_audited(world):
    """A parent with gezag without an account answers on paper; the IB'er records it with the signed form."""
    world.mandaat_a.besluittypen = ["opp"]
    world.mandaat_a.save(update_fields=["besluittypen"])
    kind = LeerlingFactory()  # no parent with an account
    InschrijvingFactory(leerling=kind, school=world.school_a)
    opp = s.opp_start_handmatig(leerling=kind, school=world.school_a, door=world.ib_a, ingeschreven_op=VANDAAG())
    concept(world, opp)
    s.opp_leg_voor(opp=opp, door=world.ib_a)
    assert sel.instemming_ontbreekt(refresh(opp), refresh(opp).concept) == [
        "Er is geen ouder met gezag bekend. Leg de instemming op papier vast (B-4)."]
    with pytest.raises(s.OppFout, match="formulier"):
        s.instemming_op_papier(opp=refresh(opp), door=world.ib_a, keuze="ingestemd", datum=VANDAAG(), bestand=None,
                               naam="Fatima Yilmaz")
    a = s.instemming_op_papier(opp=refresh(opp), door=world.ib_a, keuze="ingestemd", datum=VANDAAG(), bestand=pdf(),
                               naam="Fatima  Yilmaz", toelichting="Getekend in het gesprek")
    assert a.via == "papier" and a.document.soort == "instemming op papier" and a.vastgelegd_door == world.ib_a
    assert a.naam == "Fatima Yilmaz" and Document.objects.filter(zaak=opp, pk=a.document_id).exists()
    entry = AuditEntry.objects.get(object_type="opp.instemming", object_id=str(a.pk))
    assert entry.actor == world.ib_a and "Op papier vastgelegd" in entry.omschrijving
    assert refresh(opp).status == Status.INGESTEMD
    # the parent without an account stays needed in every later version
    vastgesteld_opp = refresh(opp)
    besluit = s.vaststelling_bereid_voor(opp=vastgesteld_opp, door=world.ib_a, uitleg_mening="Uitleg")
    besluit_onderteken(besluit=besluit, door=world.dir_a, bekendmaking="uitgereikt", verzonden_op=VANDAAG())
    s.opp_herzie(opp=refresh(opp), door=world.ib_a)
    s.opp_leg_voor(opp=refresh(opp), door=world.ib_a)
    assert [i.naam for i in sel.instemmers(refresh(opp))] == ["Fatima Yilmaz"]
    assert sel.instemming_stand(refresh(opp), refresh(opp).concept).open[0].naam == "Fatima Yilmaz"


def test_paper_is_not_for_a_parent_with_an_account_nor_a_third_parent(w):
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    with pytest.raises(s.OppFout, match="heeft een account"):
        s.instemming_op_papier(opp=refresh(w.opp), door=w.ib_a, keuze="ingestemd", datum=VANDAAG(), bestand=pdf(),
                               naam=w.ouder_a.get_full_name())
    with pytest.raises(s.OppFout, match="ten hoogste twee ouders"):
        s.instemming_op_papier(opp=refresh(w.opp), door=w.ib_a, keuze="ingestemd", datum=VANDAAG(), bestand=pdf(),
                               naam="Een Derde")
    with pytest.raises(s.OppFout, match="intern begeleider"):
        s.instemming_op_papier(opp=refresh(w.opp), door=w.ouder_a, keuze="ingestemd", datum=VANDAAG(), bestand=pdf(),
                               naam="X")
    with pytest.raises(s.OppFout, match="tussen het voorleggen en vandaag"):
        s.instemming_op_papier(opp=refresh(w.opp), door=w.ib_a, keuze="ingestemd", datum=VANDAAG() - timedelta(days=9),
                               bestand=pdf(), naam="Andere Ouder")


# --- vaststelling: mandate, B-2 closes, B-5 starts, B-7 -----------------------------------------------------------

def test_vaststelling_is_blocked_while_an_element_is_missing_and_names_it(w):
    s.versie_bewerk(opp=w.opp, door=w.ib_a, onderbouwing="Alleen dit")
    with pytest.raises(s.OppFout) as exc:
        s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="")
    ontbreekt = " | ".join(exc.value.ontbreekt)
    assert "uitstroombestemming ontbreekt" in ontbreekt and "belemmerende factoren" in ontbreekt
    assert "nog niet ter instemming voorgelegd" in ontbreekt
    assert "hoe de mening van de leerling is meegewogen (B-7)" in ontbreekt
    assert not Besluit.objects.filter(zaak=w.opp).exists()


def test_vaststelling_by_someone_mandated_closes_b2_and_starts_b5(w):
    opp = vastgesteld(w)
    v = Versie.objects.get(opp=opp, nummer=1)
    assert opp.status == Status.VASTGESTELD and opp.vastgesteld_op == VANDAAG()
    assert (v.status, v.vastgesteld_op, v.vastgesteld_door) == (VersieStatus.VASTGESTELD, VANDAAG(), w.dir_a)
    klokken = opp.klokken
    assert klokken["B-2"].gesloten_op == VANDAAG() and klokken["B-2"].uitkomst == "op_tijd"
    assert klokken["B-5"].start == VANDAAG() and klokken["B-5"].gesloten_op is None
    besluit = v.besluit
    assert besluit.ondertekend_door == w.dir_a and besluit.bekendmaking == "digitaal"
    assert besluit.klokken["D-2"].uiterlijk == VANDAAG() + timedelta(weeks=6)  # D-1: a geschil about the OPP
    brief = Brief.objects.get(zaak=opp, soort="opp.vaststelling")
    g = brief.gegevens
    assert g["B_5_uiterlijk"] == klokken["B-5"].uiterlijk and g["D_2_uiterlijk"] == besluit.klokken["D-2"].uiterlijk
    assert g["doelen"][0]["streefdatum"] == v.doelen.get().streefdatum  # typed: a date stays a date
    assert g["uitleg_mening"].startswith("We lezen niet hardop") and len(g["instemmingen"]) == 2
    assert Notification.objects.filter(ontvanger=w.ouder_a, titel="Het ontwikkelingsperspectief is vastgesteld").exists()


def test_without_a_mandate_for_opp_decisions_nobody_signs(w):
    w.mandaat_a.besluittypen = ["aanmelding"]
    w.mandaat_a.save(update_fields=["besluittypen"])
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(w.opp), door=ouder, keuze="ingestemd")
    besluit = s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="Uitleg")
    assert not Mandaat.objects.mag_tekenen(w.dir_a, w.opp, "opp")
    with pytest.raises(ZaakFout, match="mandaat"):
        besluit_onderteken(besluit=besluit, door=w.dir_a)
    with pytest.raises(ZaakFout, match="mandaat"):
        besluit_onderteken(besluit=besluit, door=w.ib_a)
    besluit_onderteken(besluit=besluit, door=w.bestuurder_a)  # the board itself may always sign
    assert refresh(w.opp).status == Status.VASTGESTELD


def test_the_signers_are_told_and_a_withdrawn_instemming_withdraws_the_prepared_decision(w):
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(w.opp), door=ouder, keuze="ingestemd")
    besluit = s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="Uitleg")
    assert Notification.objects.filter(ontvanger=w.dir_a, sleutel__startswith=f"besluit:{besluit.pk}:klaar").exists()
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder2_a, keuze="geweigerd", toelichting="Toch niet")
    besluit.refresh_from_db()
    assert besluit.vervallen_op is not None and refresh(w.opp).status == Status.GEEN_INSTEMMING


def test_the_pupil_of_12_gives_their_own_view_and_reads_the_explanation(world):
    """B-7: from 12 with an account the pupil writes the view; the school may not write it for them."""
    world.mandaat_a.besluittypen = ["opp"]
    world.mandaat_a.save(update_fields=["besluittypen"])
    pupil = member("leerling")
    kind = LeerlingFactory(geboortedatum=VANDAAG().replace(year=VANDAAG().year - 13), account=pupil)
    ouder = ouder_van(kind, brieven_digitaal=True)
    InschrijvingFactory(leerling=kind, school=world.school_a)
    opp = s.opp_start_handmatig(leerling=kind, school=world.school_a, door=world.ib_a, ingeschreven_op=VANDAAG())
    with pytest.raises(s.OppFout, match="geeft de mening zelf"):
        s.inbreng_leg_vast(opp=opp, door=world.ib_a, tekst="Namens", hoe_gevraagd="gesprek")
    concept(world, opp)
    i = refresh(opp).concept.inbreng.get(partij="leerling")
    assert i.namens is False and i.door == pupil
    with pytest.raises(s.OppFout, match="niet om instemming"):
        s.instemming_geef(opp=refresh(opp), door=pupil, keuze="ingestemd")  # not asked yet
    s.opp_leg_voor(opp=refresh(opp), door=world.ib_a)
    with pytest.raises(s.OppFout, match="Alleen een ouder met gezag"):
        s.instemming_geef(opp=refresh(opp), door=pupil, keuze="ingestemd")
    s.instemming_geef(opp=refresh(opp), door=ouder, keuze="ingestemd")
    besluit = s.vaststelling_bereid_voor(opp=refresh(opp), door=world.ib_a, uitleg_mening="Je wilde niet hardop lezen.")
    besluit_onderteken(besluit=besluit, door=world.dir_a)
    n = Notification.objects.get(ontvanger=pupil, titel="Je plan is vastgesteld")
    assert "mening" in n.tekst


def test_below_12_the_school_enters_the_view_on_the_pupils_behalf_marked_as_such(w):
    with pytest.raises(s.OppFout, match="hoe de mening"):
        s.inbreng_leg_vast(opp=w.opp, door=w.ib_a, tekst="Ik vind lezen moeilijk")
    i = s.inbreng_leg_vast(opp=w.opp, door=w.ib_a, tekst="Ik vind lezen moeilijk", hoe_gevraagd="Met tekeningen")
    assert (i.partij, i.namens, i.hoe_gevraagd) == ("leerling", True, "Met tekeningen")
    ouder = s.inbreng_leg_vast(opp=w.opp, door=w.ouder_a, tekst="Hij leest thuis graag strips.")
    assert (ouder.partij, ouder.namens) == ("ouders", False)
    m = sel.meningen(refresh(w.opp).concept)
    assert [x.tekst for x in m["leerling"]] == ["Ik vind lezen moeilijk"]
    assert [x.tekst for x in m["ouders"]] == ["Hij leest thuis graag strips."]
    with pytest.raises(s.OppFout, match="Alleen de leerling, de ouders of de school"):
        s.inbreng_leg_vast(opp=w.opp, door=w.ib_b, tekst="x", hoe_gevraagd="y")


# --- versions and their differences ---------------------------------------------------------------------------------

def test_every_vaststelling_freezes_a_version_and_a_change_is_a_new_draft(w):
    opp = vastgesteld(w)
    with pytest.raises(s.OppFout, match="Nieuwe versie"):
        s.doel_bewaar(opp=opp, door=w.ib_a, gebied="rekenen", omschrijving="Frozen?")
    nieuw = s.opp_herzie(opp=opp, door=w.ib_a)
    opp = refresh(opp)
    assert nieuw.nummer == 2 and opp.status == Status.OP_TE_STELLEN and opp.vastgesteld_op == VANDAAG()
    assert nieuw.onderbouwing == opp.geldend.onderbouwing and nieuw.doelen.count() == 1  # a copy to change
    s.versie_bewerk(opp=opp, door=w.ib_a, onderbouwing="Lezen loopt nu op niveau.")
    s.doel_bewaar(opp=opp, door=w.ib_a, gebied="rekenen", omschrijving="Breuken", criterium="8 van 10 goed",
                  streefdatum=VANDAAG() + timedelta(weeks=10))
    verschil = sel.verschillen(opp.geldend, refresh(opp).concept)
    assert [c["label"] for c in verschil["velden"]] == ["onderbouwing"]
    assert verschil["velden"][0]["nieuw"] == "Lezen loopt nu op niveau." and len(verschil["doelen_erbij"]) == 1
    # the new version needs its own OOGO, the pupil's view, instemming and the explanation of what changed
    s.overleg_leg_vast(opp=opp, door=w.ib_a, datum=VANDAAG(), deelnemers="Moeder", besproken="Wijziging",
                       overeenstemming="ja", afspraken="Breuken erbij")
    s.inbreng_leg_vast(opp=opp, door=w.ib_a, tekst="Breuken zijn leuk", hoe_gevraagd="gesprek")
    s.opp_leg_voor(opp=refresh(opp), door=w.ib_a)
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(opp), door=ouder, keuze="ingestemd")
    with pytest.raises(s.OppFout) as exc:
        s.vaststelling_bereid_voor(opp=refresh(opp), door=w.ib_a, uitleg_mening="Uitleg")
    assert exc.value.ontbreekt == ["Schrijf wat er veranderd is ten opzichte van de vorige versie."]
    besluit = s.vaststelling_bereid_voor(opp=refresh(opp), door=w.ib_a, uitleg_mening="Uitleg",
                                         wat_veranderde="Breuken erbij")
    besluit_onderteken(besluit=besluit, door=w.dir_a)
    statussen = dict(Versie.objects.filter(opp=opp).values_list("nummer", "status"))
    assert statussen == {1: VersieStatus.VERVANGEN, 2: VersieStatus.VASTGESTELD}
    assert Besluit.objects.filter(zaak=opp, besluittype="opp", ondertekend_op__isnull=False).count() == 2
    assert [str(v) for v in refresh(opp).versies.order_by("nummer")][0].endswith("(vervangen)")


def test_the_geschillen_dossier_reads_the_versions_and_the_record(w):
    from geschillen.services.dossier import dossier_context
    from portal.zaken.bezwaarregeling import dossier_regels

    opp = vastgesteld(w)
    ctx = dossier_context(zaak=opp, user=w.ouder_a)
    opps = [o for o in ctx["opps"] if o["zaak"].pk == opp.pk]
    with translation.override("nl"):
        assert [str(v) for v in opps[0]["versies"]] == [f"Versie 1, vastgesteld op {date_format(VANDAAG(), 'j F Y')}"]
    regels = dossier_regels([opp.pk], True)
    wat = " | ".join(r["wat"] for r in regels)
    assert "Vaststelling versie 1" in wat and "ingestemd" in wat and "Overleg over het OPP" in wat
    assert not any("B-" in r["wat"] + r["tekst"] for r in regels)  # parents read it too


# --- B-5: evaluation ------------------------------------------------------------------------------------------------

def test_an_evaluation_records_progress_per_goal_closes_the_term_and_starts_the_next(w):
    opp = vastgesteld(w)
    doel = opp.geldend.doelen.get()
    with pytest.raises(s.OppFout, match="bij elk doel"):
        s.evaluatie_leg_vast(opp=opp, door=w.ib_a, datum=VANDAAG(), deelnemers="Ouders", wat_veranderde="x",
                             vervolg="voortzetten", voortgang={})
    e = s.evaluatie_leg_vast(opp=opp, door=w.ib_a, datum=VANDAAG(), deelnemers="Moeder, IB'er",
                             wat_veranderde="Leest vlotter.", vervolg="voortzetten",
                             voortgang={doel.pk: ("op_koers", "DMT 40")})
    assert e.voortgang.get().stand == "op_koers"
    b5 = opp.clocks.filter(regel_id="B-5").order_by("pk")
    assert b5[0].gesloten_op == VANDAAG() and b5[1].gesloten_op is None
    assert b5[1].start == d(VANDAAG().year + (1 if VANDAAG().month >= 8 else 0), 8, 1)
    assert refresh(opp).status == Status.VASTGESTELD


def test_an_evaluation_can_lead_to_a_new_version(w):
    opp = vastgesteld(w)
    doel = opp.geldend.doelen.get()
    s.evaluatie_leg_vast(opp=opp, door=w.ib_a, datum=VANDAAG(), deelnemers="Ouders", wat_veranderde="Doel behaald.",
                         vervolg="nieuwe_versie", voortgang={doel.pk: ("behaald", "")})
    opp = refresh(opp)
    assert opp.status == Status.OP_TE_STELLEN and opp.concept.nummer == 2 and opp.geldend.nummer == 1


def test_evaluation_needs_a_version_in_force_and_a_date_not_in_the_future(w):
    with pytest.raises(s.OppFout, match="geldt nog geen OPP"):
        s.evaluatie_leg_vast(opp=w.opp, door=w.ib_a, datum=VANDAAG(), deelnemers="x", wat_veranderde="x",
                             vervolg="voortzetten", voortgang={})
    opp = vastgesteld(w)
    with pytest.raises(s.OppFout, match="nadat"):
        s.evaluatie_leg_vast(opp=opp, door=w.ib_a, datum=VANDAAG() + timedelta(days=1), deelnemers="x",
                             wat_veranderde="x", vervolg="voortzetten", voortgang={})


# --- item 1: pupils enrolled before the portal -----------------------------------------------------------------------

def test_the_school_starts_the_clock_from_the_enrolment_date_it_enters(world):
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=world.school_a, van=d(2024, 8, 20))
    opp = s.opp_start_handmatig(leerling=kind, school=world.school_a, door=world.ib_a,
                                ingeschreven_op=VANDAAG() - timedelta(days=10))
    b2 = opp.klokken["B-2"]
    assert opp.herkomst == "handmatig" and b2.start == VANDAAG() - timedelta(days=10)
    assert b2.uiterlijk == rules.bereken_uiterlijk(rules.get("B-2").params(), b2.start)  # 6 weeks, Atw
    with pytest.raises(s.OppFout, match="al een ontwikkelingsperspectief"):
        s.opp_start_handmatig(leerling=kind, school=world.school_a, door=world.ib_a, ingeschreven_op=VANDAAG())
    with pytest.raises(s.OppFout, match="niet \\(definitief\\) ingeschreven"):
        s.opp_start_handmatig(leerling=world.kind_b, school=world.school_a, door=world.ib_a, ingeschreven_op=VANDAAG())
    with pytest.raises(s.OppFout, match="toekomst"):
        s.opp_start_handmatig(leerling=LeerlingFactory(), school=world.school_a, door=world.ib_a,
                              ingeschreven_op=VANDAAG() + timedelta(days=1))


def test_registering_an_existing_opp_starts_the_evaluation_clock(world):
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=world.school_a)
    opp = s.opp_registreer_bestaand(leerling=kind, school=world.school_a, door=world.ib_a,
                                    vastgesteld_op=VANDAAG() - timedelta(days=30), bestand=pdf("opp-2025.pdf"))
    v = opp.versies.get()
    assert (v.nummer, v.status, v.bestaand, v.document.naam) == (1, "vastgesteld", True, "opp-2025.pdf")
    assert opp.status == Status.VASTGESTELD and opp.herkomst == "bestaand"
    assert opp.klokken["B-5"].gesloten_op is None and "B-2" not in opp.klokken
    assert list(sel.rod_rijen(world.school_a).filter(pk=opp.pk).values_list("startdatum", flat=True)) == [
        VANDAAG() - timedelta(days=30)]


def test_registering_uses_the_open_opp_started_at_enrolment_and_closes_its_term(w):
    opp = s.opp_registreer_bestaand(leerling=w.kind_a, school=w.school_a, door=w.ib_a,
                                    vastgesteld_op=VANDAAG(), bestand=pdf())
    assert opp.pk == w.opp.pk


@pytest.mark.parametrize("vastgesteld, geevalueerd, vandaag, start", [
    # set this school year, not evaluated: the term runs from the vaststelling (due 31 July)
    (d(2026, 10, 1), None, d(2026, 11, 25), d(2026, 10, 1)),
    # set in June: policy — first evaluated in the next school year (the term starts on that day in June)
    (d(2026, 6, 15), None, d(2026, 7, 1), d(2026, 6, 15)),
    # set two years ago, nothing known: this school year's evaluation is due
    (d(2024, 3, 1), None, d(2026, 11, 25), d(2026, 8, 1)),
    # evaluated this school year already: the next is due in the next school year
    (d(2024, 3, 1), d(2026, 9, 15), d(2026, 11, 25), d(2027, 8, 1)),
    # evaluated last school year: this year's is due
    (d(2024, 3, 1), d(2026, 3, 15), d(2026, 11, 25), d(2026, 8, 1)),
])
def test_first_evaluation_term_of_a_registered_opp(vastgesteld, geevalueerd, vandaag, start):
    assert s.eerste_evaluatie_start(vastgesteld, geevalueerd, vandaag) == start


# --- the end (B-8) --------------------------------------------------------------------------------------------------

def test_ending_an_opp_lapses_its_terms_and_gives_the_end_date(w):
    opp = vastgesteld(w)
    s.opp_beeindig(opp=opp, door=w.ib_a, op=VANDAAG(), reden="uitgeschreven")
    opp = refresh(opp)
    assert opp.status == Status.BEEINDIGD and not opp.is_open and opp.beeindigd_op == VANDAAG()
    assert not opp.clocks.filter(gesloten_op__isnull=True, besluit__isnull=True).exists()
    assert opp.clocks.get(regel_id="B-5").uitkomst == "vervallen"
    rij = sel.rod_rijen(w.school_a).get(pk=opp.pk)
    assert (rij.startdatum, rij.beeindigd_op) == (VANDAAG(), VANDAAG())
    with pytest.raises(s.OppFout, match="beëindigd"):
        s.opp_herzie(opp=opp, door=w.ib_a)


def test_kandidaten_are_pupils_who_need_an_opp_without_one(world):
    sbo = SchoolFactory(soort="sbo")
    zonder, met = LeerlingFactory(), LeerlingFactory()
    InschrijvingFactory(leerling=zonder, school=sbo)
    InschrijvingFactory(leerling=met, school=sbo)
    Ontwikkelingsperspectief.objects.create(leerling=met, school=sbo, reden="soort_onderwijs")
    assert [i.leerling for i in sel.kandidaten([sbo.pk])] == [zonder]
    # a regular school: only with an arrangement the parents agreed with
    assert list(sel.kandidaten([world.school_b.pk])) == []


def test_mandate_register_helper(w):
    assert Mandaat.objects.mag_tekenen(w.dir_a, w.opp, "opp")
    assert not Mandaat.objects.mag_tekenen(w.dir_b, w.opp, "opp")
    mandaat(w.ib_a, w.school_a.bestuur, ["opp"], functie="intern begeleider")
    assert Mandaat.objects.mag_tekenen(w.ib_a, w.opp, "opp")


def test_the_vaststelling_letter_holds_the_plan_the_view_and_the_instemming(w):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt (apt-get install poppler-utils)")
    from portal.documenten.services import brief_render

    opp = vastgesteld(w)
    brief = brief_render(Brief.objects.get(zaak=opp, soort="opp.vaststelling").pk)
    tekst = subprocess.run(["pdftotext", "-layout", brief.bestand.path, "-"], capture_output=True, text=True,
                           check=True).stdout
    for stuk in ("Vaststelling ontwikkelingsperspectief", "DMT kaart 3", "Ik lees liever niet hardop",
                 "We lezen niet hardop in de klas", w.ouder_a.get_full_name(), w.ouder2_a.get_full_name(),
                 "Geschillencommissie passend onderwijs", "Wet op het primair onderwijs, artikel 40a", "Pagina 1 van"):
        assert stuk in " ".join(tekst.split()), stuk
    assert "B-2" not in tekst and "B-7" not in tekst
    from .pdfcheck import toegankelijk

    assert toegankelijk(brief.bestand.path) == {  # tagged and archival, like every letter
        "lang": "nl", "titel": brief.titel, "tagged": True, "structuur": True, "titel_tonen": True, "pdfa": True,
        "pdfua": True, "elke_pagina_getagd": True}


def test_the_version_in_force_as_a_typed_summary_for_another_case(w):
    """``Zaaktype.samenvatting``: the TLV application freezes the OPP's version in force (issue #12)."""
    assert w.opp.type.samenvatting(w.opp) == {"versie": None}
    opp = vastgesteld(w)
    g = opp.type.samenvatting(opp)
    assert (g["versie"], g["vastgesteld_op"], g["uitstroom"]) == (1, VANDAAG(), "Vmbo kaderberoepsgerichte leerweg")
    assert g["doelen"][0]["streefdatum"] == opp.geldend.doelen.get().streefdatum  # a date stays a date
