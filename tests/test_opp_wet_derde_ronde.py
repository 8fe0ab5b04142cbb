"""Issue #17 §2 and the OPP instemming of §1, against the 2026 texts (docs/juridische-bronnen.md):

* B-4 — only the handelingsdeel needs agreement (WPO 40a lid 2, WEC 41a lid 2, WVO 2020 2.44; Kamerstuk 34 446):
  without it the school still sets the perspective part within B-2; the handelingsdeel stays a concept and is set
  when the instemming comes;
* WEC 40b lid 2 — in so/vso the commissie voor de begeleiding advises on the OPP (the completeness check names the
  missing advice) and evaluates it at least once a year (its own clock, B-5b);
* B-2b — a pupil enrolled long ago whose extra support starts now: a secondary term from that start, not statutory,
  out of the statutory figures;
* B-7 — a pupil who cannot give a view (EMB): recorded honestly, with how it was asked;
* B-4 / DOMAIN §2 — who agrees: ``hoorrecht.wie_handelt`` (the adult pupil who is handelingsbekwaam, else the curator
  or mentor; never the parents of an adult).
"""

import io
from datetime import date as d

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from opp import selectors as sel
from opp import services as s
from opp.constants import Status, VersieStatus
from opp.models import CommissieAdvies, Inbreng, Versie
from portal.accounts.constants import Rol
from portal.leerlingen.models import InzageOuder, Vertegenwoordiging, VertegenwoordigingSoort
from portal.termijnen import rules
from portal.termijnen.services import clock_start
from portal.zaken.services import besluit_onderteken

from .conftest import login_staff
from .factories import InschrijvingFactory, LeerlingFactory, SchoolFactory, mandaat, member, ouder_van
from .test_opp import concept, refresh


def reis(dag):
    return time_machine.travel(dag, tick=False)


@pytest.fixture
def w(world):
    """school A (bao) with kind_a's OPP; two parents with gezag who read letters online; the directeur signs OPP
    decisions."""
    world.ouder2_a = ouder_van(world.kind_a, brieven_digitaal=True)
    world.ouder_a.brieven_digitaal = True
    world.ouder_a.save(update_fields=["brieven_digitaal"])
    world.mandaat_a.besluittypen = ["aanmelding", "opp"]
    world.mandaat_a.save(update_fields=["besluittypen"])
    world.opp = world.zaak_a
    return world


# --- B-4: the perspective part is set without instemming (WPO 40a lid 2; Kamerstuk 34 446) ----------------------

@pytest.mark.parametrize("antwoord", ["geweigerd", None], ids=["ouders weigeren", "nog geen antwoord"])
def test_b4_perspective_set_within_b2_when_the_handelingsdeel_has_no_instemming(w, client, antwoord):
    """B-2/B-4, WPO 40a lid 2–3: B-2 due 2026-10-05 (enrolled 2026-08-24); OOGO on 2026-09-20; the parents refuse on
    2026-09-28 (or have not answered) → the perspective part is set on 2026-10-02 and B-2 is met, not overdue."""
    b2 = clock_start(regel_id="B-2", zaak=w.opp, start=d(2026, 8, 24), vandaag=d(2026, 8, 24))
    assert b2.uiterlijk == d(2026, 10, 5)
    with reis(d(2026, 9, 20)):
        concept(w)  # with the OOGO meeting of 2026-09-20 and the pupil's view
        s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    if antwoord:
        with reis(d(2026, 9, 28)):
            s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze=antwoord, toelichting="Te weinig begeleiding.",
                              vandaag=d(2026, 9, 28))
    with reis(d(2026, 10, 2)):
        opp = refresh(w.opp)
        # the whole OPP cannot be set: the instemming is missing
        with pytest.raises(s.OppFout):
            s.vaststelling_bereid_voor(opp=opp, door=w.ib_a, uitleg_mening="We lezen in een groepje.")
        besluit = s.vaststelling_bereid_voor(opp=opp, door=w.ib_a, uitleg_mening="We lezen in een groepje.",
                                             alleen_perspectief=True, vandaag=d(2026, 10, 2))
        assert besluit.uitkomst == "perspectief_vastgesteld"
        besluit_onderteken(besluit=besluit, door=w.dir_a, vandaag=d(2026, 10, 2))
    opp = refresh(w.opp)
    b2 = opp.klokken["B-2"]
    assert (b2.gesloten_op, b2.uitkomst) == (d(2026, 10, 2), "op_tijd")  # B-2 met on time
    assert opp.vastgesteld_op == d(2026, 10, 2) and opp.klokken["B-5"].gesloten_op is None
    v = Versie.objects.get(opp=opp, nummer=1)
    assert v.status == VersieStatus.VASTGESTELD and v.handelingsdeel_concept and v.alleen_perspectief
    assert opp.status == (Status.GEEN_INSTEMMING if antwoord else Status.TER_INSTEMMING)
    assert opp not in sel.nog_niet_vastgesteld([w.school_a.pk])  # not on the 'not yet set' list, not overdue
    with reis(d(2026, 10, 6)):  # the day after B-2's due date: nothing overdue
        assert sel.reden_te_laat(opp, d(2026, 10, 6)) == ""
    # the parents read, in plain words, that the handelingsdeel is not final and (on refusal) the route
    client.force_login(w.ouder_a)
    with reis(d(2026, 10, 3)):
        html = client.get(reverse("opp:detail", args=[opp.pk])).content.decode()
    assert "perspectief vastgesteld op 2 oktober 2026" in html
    assert "is nog niet definitief" in html and "B-4" not in html
    if antwoord:
        assert "Geschillencommissie passend onderwijs" in html
    # the letter says only the perspective is set
    g = opp.brieven.get(soort="opp.vaststelling").gegevens
    assert g["alleen_perspectief"] is True and g["B_2_op_tijd"] is True

    # B-4: the instemming comes later → the handelingsdeel is set then
    with reis(d(2026, 10, 20)):
        for ouder in (w.ouder_a, w.ouder2_a):
            s.instemming_geef(opp=refresh(w.opp), door=ouder, keuze="ingestemd", vandaag=d(2026, 10, 20))
        assert refresh(w.opp).status == Status.INGESTEMD
        besluit2 = s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="We lezen in een groepje.")
        besluit_onderteken(besluit=besluit2, door=w.dir_a, vandaag=d(2026, 10, 20))
    opp = refresh(w.opp)
    v.refresh_from_db()
    assert opp.status == Status.VASTGESTELD and not v.handelingsdeel_concept
    assert v.handelingsdeel_vastgesteld_op == d(2026, 10, 20) and v.vastgesteld_op == d(2026, 10, 2)
    assert opp.brieven.filter(soort="opp.vaststelling").count() == 2
    assert opp.brieven.get(besluit=besluit2).gegevens["handelingsdeel_later"] is True


def test_b4_perspective_alone_needs_the_handelingsdeel_put_to_the_parents_and_a_complete_perspective(w):
    """B-4: the school first seeks instemming; OOGO and the rest of the completeness check still apply (B-3, B-7)."""
    clock_start(regel_id="B-2", zaak=w.opp, start=d(2026, 11, 30))
    concept(w, compleet=False)
    with pytest.raises(s.OppFout) as exc:
        s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="Uitleg", alleen_perspectief=True)
    assert any("ter instemming" in r for r in exc.value.ontbreekt)
    assert any("OOGO" in r for r in exc.value.ontbreekt)


def test_b4_changing_a_version_whose_handelingsdeel_waits_makes_a_new_concept(w):
    """B-4: the set perspective is frozen; a change of the refused handelingsdeel is a new version."""
    clock_start(regel_id="B-2", zaak=w.opp, start=d(2026, 11, 30))
    concept(w)
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="geweigerd")
    b = s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="Uitleg", alleen_perspectief=True)
    besluit_onderteken(besluit=b, door=w.dir_a)
    nieuw = s.opp_herzie(opp=refresh(w.opp), door=w.ib_a)
    opp = refresh(w.opp)
    assert nieuw.nummer == 2 and nieuw.is_concept and opp.status == Status.OP_TE_STELLEN
    assert opp.geldend.nummer == 1 and opp.geldend.onderbouwing == nieuw.onderbouwing


# --- WEC 40b lid 2: the commissie voor de begeleiding in (v)so -------------------------------------------------------

def _vso_opp(soort="vso"):
    school = SchoolFactory(soort=soort)
    ib, directeur = member(Rol.IB, school=school), member(Rol.DIRECTEUR, school=school)
    mandaat(directeur, school.bestuur, ["opp"])
    kind = LeerlingFactory(geboortedatum=d(2011, 3, 1))
    InschrijvingFactory(leerling=kind, school=school, van=d(2026, 8, 24))
    ouder = ouder_van(kind, brieven_digitaal=True)
    opp = s.opp_start_handmatig(leerling=kind, school=school, door=ib, ingeschreven_op=d(2026, 8, 24),
                                vandaag=d(2026, 8, 24))
    return school, ib, directeur, ouder, opp


ADVIES_ONTBREEKT = "advies van de commissie voor de begeleiding"


@pytest.mark.parametrize("soort, commissie", [("vso", True), ("so", True), ("sbo", False), ("bao", False)])
def test_wec_40b_the_completeness_check_names_the_missing_advice_in_so_and_vso_only(world, soort, commissie):
    """WEC 40b lid 2 onder a, 41a lid 1: in so/vso the OPP is set after the commissie's advice."""
    school, ib, _dir, _ouder, opp = _vso_opp(soort)
    versie = concept(world, opp, ib)
    namen = sel.ontbrekend(opp, versie)
    assert any(ADVIES_ONTBREEKT in r and "WEC 40b lid 2" in r for r in namen) is commissie
    if commissie:
        s.commissie_advies_leg_vast(opp=opp, door=ib, soort="advies", datum=d(2026, 9, 15),
                                    tekst="De commissie adviseert het plan zo vast te stellen.")
        assert not any(ADVIES_ONTBREEKT in r for r in sel.ontbrekend(opp, versie))
        assert CommissieAdvies.objects.get(opp=opp).versie == versie
    else:
        with pytest.raises(s.OppFout, match="speciaal onderwijs"):
            s.commissie_advies_leg_vast(opp=opp, door=ib, soort="advies", datum=d(2026, 9, 15), tekst="Advies")


def test_wec_40b_the_commissies_yearly_evaluation_has_its_own_clock(world):
    """WEC 40b lid 2 onder b (B-5b): at least once a year — one year from the vaststelling (2026-10-02 → 2027-10-02),
    then one year from each evaluation by the commissie (2027-09-15 → 2028-09-15)."""
    school, ib, directeur, ouder, opp = _vso_opp()
    regel = rules.get("B-5b")
    assert "WEC 40b lid 2" in regel.bron and regel.wettelijk
    with reis(d(2026, 9, 20)):
        concept(world, opp, ib)
        s.commissie_advies_leg_vast(opp=opp, door=ib, soort="advies", datum=d(2026, 9, 18), tekst="Positief advies.")
        s.opp_leg_voor(opp=refresh(opp), door=ib)
        s.instemming_geef(opp=refresh(opp), door=ouder, keuze="ingestemd")
    with reis(d(2026, 10, 2)):
        b = s.vaststelling_bereid_voor(opp=refresh(opp), door=ib, uitleg_mening="Uitleg")
        besluit_onderteken(besluit=b, door=directeur, vandaag=d(2026, 10, 2))
    klok = refresh(opp).klokken["B-5b"]
    assert (klok.start, klok.uiterlijk) == (d(2026, 10, 2), d(2027, 10, 2))
    with reis(d(2027, 9, 15)):
        s.commissie_advies_leg_vast(opp=refresh(opp), door=ib, soort="evaluatie", datum=d(2027, 9, 15),
                                    tekst="Verslag aan het bevoegd gezag: doelen op koers.")
    klokken = {c.pk: c for c in refresh(opp).clocks.filter(regel_id="B-5b")}
    assert klokken[klok.pk].gesloten_op == d(2027, 9, 15)
    nieuw = refresh(opp).klokken["B-5b"]
    assert nieuw.pk != klok.pk and nieuw.uiterlijk == d(2028, 9, 15)


def test_wec_40b_advice_on_terugplaatsing_is_recorded_and_the_date_is_not_in_the_future(world):
    """WEC 40b lid 2 onder c."""
    school, ib, _dir, _ouder, opp = _vso_opp()
    with pytest.raises(s.OppFout, match="toekomst"):
        s.commissie_advies_leg_vast(opp=opp, door=ib, soort="terugplaatsing", datum=d(2099, 1, 1), tekst="Advies")
    with pytest.raises(s.OppFout, match="Kies"):
        s.commissie_advies_leg_vast(opp=opp, door=ib, soort="iets", datum=d(2026, 9, 1), tekst="Advies")
    s.commissie_advies_leg_vast(opp=opp, door=ib, soort="advies", datum=d(2026, 9, 1), tekst="Advies over het OPP")
    a = s.commissie_advies_leg_vast(opp=opp, door=ib, soort="terugplaatsing", datum=d(2026, 9, 2),
                                    tekst="Terugplaatsing naar het vo is nog niet aan de orde.")
    assert a.get_soort_display().startswith("Advies over terugplaatsing")


# --- B-2b: a secondary, non-statutory term from the start of the extra support --------------------------------

def _lang_ingeschreven(w):
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=w.school_a, van=d(2024, 8, 20))  # enrolled long ago
    kind.test_ouder = ouder_van(kind, brieven_digitaal=True)
    return kind


@pytest.mark.parametrize("overrides, uiterlijk", [({}, d(2026, 10, 26)), ({"B-2b": {"lengte": 8}}, d(2026, 11, 9))],
                         ids=["standaard 6 weken", "instelling 8 weken"])
def test_b2b_runs_from_the_start_of_extra_support_and_is_marked_not_statutory(w, settings, overrides, uiterlijk):
    """B-2b (not statutory; WPO 40a lid 3 counts from enrolment): extra support starts 2026-09-14 for a pupil enrolled
    on 2024-08-20 → the OPP is due 2026-10-26 (6 weeks, a setting), not overdue at once; no B-2 clock."""
    settings.TERMIJNEN_OVERRIDES = overrides
    kind = _lang_ingeschreven(w)
    with reis(d(2026, 9, 14)):
        opp = s.opp_start_extra_ondersteuning(leerling=kind, school=w.school_a, door=w.ib_a, start_op=d(2026, 9, 14))
    klokken = refresh(opp).klokken
    assert "B-2" not in klokken
    b2b = klokken["B-2b"]
    assert (b2b.start, b2b.uiterlijk) == (d(2026, 9, 14), uiterlijk)
    assert b2b.params["wettelijk"] is False and "geen wettelijke termijn" in b2b.params["naam"]
    assert "Geen wettelijke termijn" in b2b.params["bron"]
    assert "B-2b" in rules.niet_wettelijk_ids() and "B-2" not in rules.niet_wettelijk_ids()
    assert refresh(opp).herkomst == "extra_ondersteuning"


def test_b2b_stays_out_of_the_statutory_figures(w, client):
    """B-2b is left out of the SWV's counts of running and overdue terms; a statutory B-2 that is overdue counts."""
    from portal.core.views import _home_swv

    kind = _lang_ingeschreven(w)
    with reis(d(2026, 9, 14)):
        opp = s.opp_start_extra_ondersteuning(leerling=kind, school=w.school_a, door=w.ib_a, start_op=d(2026, 9, 14))
    ander = LeerlingFactory()
    InschrijvingFactory(leerling=ander, school=w.school_a, van=d(2026, 9, 1))
    with reis(d(2026, 9, 14)):
        s.opp_start_handmatig(leerling=ander, school=w.school_a, door=w.ib_a, ingeschreven_op=d(2026, 9, 1))
    with reis(d(2026, 11, 2)):  # both terms are over: B-2 (2026-10-13) and B-2b (2026-10-26)
        request = RequestFactory().get("/")
        request.user = w.swv_mw_a
        school = next(x for x in _home_swv(request)["scholen"] if x.pk == w.school_a.pk)
        assert (school.open_termijnen, school.verlopen_termijnen) == (1, 1)  # only the statutory B-2
        login_staff(client, w.ib_a)
        html = client.get(reverse("opp:home")).content.decode()
        assert "geen wettelijke termijn" in html
        detail = client.get(reverse("opp:detail", args=[opp.pk])).content.decode()
        assert "geen wettelijke termijn" in detail


def test_b2b_closes_at_the_vaststelling(w):
    """B-2b closes like B-2 when the OPP is set (here 2026-10-19, before its due date 2026-10-26: on time)."""
    kind = _lang_ingeschreven(w)
    with reis(d(2026, 9, 14)):
        opp = s.opp_start_extra_ondersteuning(leerling=kind, school=w.school_a, door=w.ib_a, start_op=d(2026, 9, 14))
    with reis(d(2026, 10, 19)):
        concept(w, opp)
        s.opp_leg_voor(opp=refresh(opp), door=w.ib_a)
        s.instemming_geef(opp=refresh(opp), door=kind.test_ouder, keuze="ingestemd")
        b = s.vaststelling_bereid_voor(opp=refresh(opp), door=w.ib_a, uitleg_mening="Uitleg")
        besluit_onderteken(besluit=b, door=w.dir_a, vandaag=d(2026, 10, 19))
    b2b = refresh(opp).clocks.get(regel_id="B-2b")
    assert (b2b.gesloten_op, b2b.uitkomst) == (d(2026, 10, 19), "op_tijd")
    assert refresh(opp).brieven.get().gegevens["B_2_uiterlijk"] is None  # the letter claims no statutory term


@pytest.mark.parametrize("soort, start, fout", [
    ("so", d(2026, 9, 14), "vanaf de inschrijving"),
    ("bao", d(2099, 1, 1), "toekomst"),
    ("bao", d(2024, 1, 1), "vóór de inschrijving"),
])
def test_b2b_refused_where_it_does_not_apply(world, soort, start, fout):
    school = SchoolFactory(soort=soort)
    ib = member(Rol.IB, school=school)
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=school, van=d(2024, 8, 20))
    with pytest.raises(s.OppFout, match=fout):
        s.opp_start_extra_ondersteuning(leerling=kind, school=school, door=ib, start_op=start)


# --- B-7: a pupil who cannot give a view (EMB) ------------------------------------------------------------------

def _pdf_tekst(response) -> str:
    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())


def test_b7_the_school_records_honestly_that_the_pupil_cannot_give_a_view(w, client):
    """B-7 (WPO 40a lid 7, WEC 41a lid 7): 'niet in staat een mening te geven; gevraagd op deze manier: …' — no
    made-up text; the OPP page and the PDF say so."""
    concept(w, compleet=False)
    with pytest.raises(s.OppFout, match="hoe de mening"):
        s.inbreng_leg_vast(opp=w.opp, door=w.ib_a, tekst="", geen_mening=True)
    with pytest.raises(s.OppFout, match="Alleen de school"):
        s.inbreng_leg_vast(opp=w.opp, door=w.ouder_a, tekst="", geen_mening=True)
    i = s.inbreng_leg_vast(opp=w.opp, door=w.ib_a, tekst="", geen_mening=True,
                           hoe_gevraagd="met pictogrammen en door te kijken hoe zij reageert op de leesgroep")
    assert (i.geen_mening, i.namens, i.tekst) == (True, True, "")
    assert not any("B-7" in r for r in sel.ontbrekend(w.opp, refresh(w.opp).concept))
    client.force_login(w.ouder_a)
    html = client.get(reverse("opp:detail", args=[w.opp.pk])).content.decode()
    assert "Niet in staat een mening te geven." in html
    assert "Gevraagd op deze manier: met pictogrammen" in html
    pdf = _pdf_tekst(client.get(reverse("opp:pdf", args=[w.opp.pk, 1])))
    assert "Niet in staat een mening te geven." in pdf and "Gevraagd op deze manier: met pictogrammen" in pdf


def test_b7_the_form_asks_either_a_view_or_the_honest_choice(w, client):
    concept(w, compleet=False)
    login_staff(client, w.ib_a)
    url = reverse("opp:mening", args=[w.opp.pk])
    r = client.post(url, {"tekst": "", "hoe_gevraagd": "In een gesprek"})
    assert r.status_code == 200 and "niet in staat is een mening te geven" in r.content.decode()
    r = client.post(url, {"tekst": "", "geen_mening": "on", "hoe_gevraagd": "Met voorwerpen uit de klas"})
    assert r.status_code == 302
    assert Inbreng.objects.get(versie__opp=w.opp).geen_mening


# --- B-4 / DOMAIN §2: who agrees with the handelingsdeel (WEC 41a lid 2; BW 1:381, 1:453) ----------------------

def _volwassen_vso(world, *, vertegenwoordiging=None, inzage=False):
    """A vso pupil of 19 with an own account, a parent, optionally a curator or mentor."""
    school, ib, directeur, ouder, _ = _vso_opp()
    kind = LeerlingFactory(geboortedatum=d(2007, 5, 1), account=member(Rol.LEERLING))
    InschrijvingFactory(leerling=kind, school=school, van=d(2026, 8, 24))
    ouder = ouder_van(kind)
    if inzage:
        InzageOuder.objects.create(leerling=kind, ouder=ouder)
    rep = None
    if vertegenwoordiging:
        rep = member(Rol.VERTEGENWOORDIGER)
        Vertegenwoordiging.objects.create(leerling=kind, vertegenwoordiger=rep, soort=vertegenwoordiging,
                                          van=d(2025, 5, 1), uitspraak="Rechtbank Teststad, 1 mei 2025, C/01/1")
    opp = s.opp_start_handmatig(leerling=kind, school=school, door=ib, ingeschreven_op=d(2026, 11, 30))
    concept(world, opp, ib)
    s.commissie_advies_leg_vast(opp=opp, door=ib, soort="advies", datum=d(2026, 12, 1), tekst="Advies")
    s.opp_leg_voor(opp=refresh(opp), door=ib)
    return kind, ouder, rep, opp


@pytest.mark.parametrize("vertegenwoordiging, wie, partij", [
    (None, "leerling", "leerling"),
    (VertegenwoordigingSoort.CURATOR, "rep", "vertegenwoordiger"),
    (VertegenwoordigingSoort.MENTOR, "rep", "vertegenwoordiger"),
    (VertegenwoordigingSoort.BEWINDVOERDER, "leerling", "leerling"),  # a bewindvoerder acts only for money
])
def test_b4_the_one_who_acts_for_the_adult_pupil_agrees_and_completes_it(world, vertegenwoordiging, wie, partij):
    """WEC 41a lid 2: the adult pupil who is handelingsbekwaam agrees; under curatele the curator (BW 1:381), with a
    mentor the mentor (care and begeleiding, BW 1:453); the parents of an adult never."""
    kind, ouder, rep, opp = _volwassen_vso(world, vertegenwoordiging=vertegenwoordiging)
    persoon = kind.account if wie == "leerling" else rep
    assert [(i.partij, i.persoon) for i in sel.instemmers(refresh(opp))] == [(partij, persoon)]
    with pytest.raises(s.OppFout, match="18 jaar of ouder"):
        s.instemming_geef(opp=refresh(opp), door=ouder, keuze="ingestemd")
    s.instemming_geef(opp=refresh(opp), door=persoon, keuze="ingestemd")
    assert refresh(opp).status == Status.INGESTEMD


def test_b4_the_pupil_under_curatele_cannot_complete_it_but_gives_a_view(world, client):
    """WEC 41a lid 2, BW 1:381: a vso pupil of 19 under curatele — the pupil's own click does not count; only the
    curator's agreement completes it. The pupil may still give their view (B-7)."""
    kind, ouder, curator, opp = _volwassen_vso(world, vertegenwoordiging=VertegenwoordigingSoort.CURATOR)
    with pytest.raises(s.OppFout, match="de curator"):
        s.instemming_geef(opp=refresh(opp), door=kind.account, keuze="ingestemd")
    assert refresh(opp).status == Status.TER_INSTEMMING
    client.force_login(kind.account)
    r = client.post(reverse("opp:instemming", args=[opp.pk]), {"instemming-keuze": "ingestemd"})
    assert r.status_code == 200 and refresh(opp).status == Status.TER_INSTEMMING
    assert "Je curator beslist" in r.content.decode()
    client.force_login(curator)
    html = client.get(reverse("opp:detail", args=[opp.pk])).content.decode()
    assert "U bent de curator" in html and f'action="/opp/{opp.pk}/instemming/"' in html
    r = client.post(reverse("opp:instemming", args=[opp.pk]), {"instemming-keuze": "ingestemd"})
    assert r.status_code == 302 and refresh(opp).status == Status.INGESTEMD


@pytest.mark.parametrize("vertegenwoordiging, tekst", [
    (None, "is 18 jaar of ouder en beslist nu zelf over het handelingsdeel"),
    (VertegenwoordigingSoort.CURATOR, "De curator beslist nu over het handelingsdeel"),
])
def test_b4_the_parents_page_says_who_decides_now(world, client, vertegenwoordiging, tekst):
    """DOMAIN §2: the parents' OPP page (they read with the adult pupil's consent, or because the pupil is under
    curatele, WEC 41 lid 7) says in plain words that the pupil — or the curator — decides now, and has no form."""
    kind, ouder, _rep, opp = _volwassen_vso(world, vertegenwoordiging=vertegenwoordiging, inzage=True)
    client.force_login(ouder)
    html = client.get(reverse("opp:detail", args=[opp.pk])).content.decode()
    assert tekst in html and ("niet de ouders" in html or "Ouders stemmen niet meer in" in html)
    assert f'action="/opp/{opp.pk}/instemming/"' not in html


def test_b4_a_minors_parents_still_agree(w):
    """The minor's parents with gezag agree, as before (WPO 40a lid 2)."""
    clock_start(regel_id="B-2", zaak=w.opp, start=d(2026, 11, 30))
    concept(w)
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    assert {i.persoon for i in sel.instemmers(refresh(w.opp))} == {w.ouder_a, w.ouder2_a}
    assert all(i.partij == "ouder" for i in sel.instemmers(refresh(w.opp)))


def test_b4_paper_instemming_of_a_curator_counts_under_their_name(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.documenten.validators import check_upload

    from .factories import PDF

    kind, ouder, curator, opp = _volwassen_vso(world, vertegenwoordiging=VertegenwoordigingSoort.CURATOR)
    ib = member(Rol.IB, school=opp.school)
    a = s.instemming_op_papier(opp=refresh(opp), door=ib, keuze="ingestemd", datum=timezone.localdate(),
                               bestand=check_upload(SimpleUploadedFile("f.pdf", PDF, content_type="application/pdf")))
    assert (a.partij, a.persoon, a.via) == ("vertegenwoordiger", curator, "papier")
    assert refresh(opp).status == Status.INGESTEMD


def test_b4_the_vaststelling_page_offers_the_perspective_alone_after_a_refusal(w, client):
    """B-4 on the school's page: after a refusal the IB'er can prepare the vaststelling of the perspective alone; the
    directeur (mandate) signs it on the core's page."""
    clock_start(regel_id="B-2", zaak=w.opp, start=d(2026, 11, 30))
    concept(w)
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="geweigerd")
    login_staff(client, w.ib_a)
    url = reverse("opp:vaststellen", args=[w.opp.pk])
    html = client.get(url).content.decode()
    assert "Alleen het perspectief vaststellen" in html and "Kamerstuk 34 446" in html
    r = client.post(url, {"uitleg_mening": "We lezen in een groepje.", "alleen_perspectief": "1"})
    assert r.status_code == 302
    besluit = Versie.objects.get(opp=w.opp, nummer=1).perspectief_besluit
    assert besluit.uitkomst == "perspectief_vastgesteld" and besluit.ondertekend_op is None
    html = client.get(reverse("opp:detail", args=[w.opp.pk])).content.decode()
    assert "wacht op een handtekening" in html
