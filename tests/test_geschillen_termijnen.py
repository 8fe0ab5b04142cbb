"""Every term of issue #11, table-driven with frozen time; each row names its rule id (DOMAIN §4) and article and
says the case in words. A-13b per sector and denominatie follows docs/juridische-bronnen.md (the law, where DOMAIN
differs)."""

from datetime import date as d
from datetime import timedelta

import pytest

from aanmelding.constants import BesluitSoort
from geschillen import services as s
from geschillen import wet
from portal.organisaties.models import Denominatie
from portal.termijnen import rules
from portal.zaken.services import besluit_onderteken

from .factories import InschrijvingFactory, LeerlingFactory, member
from .test_geschillen import op, school_met_staf, weigering

# The decision on the aanmelding is made known online on Monday 2 March 2026; the bezwaar term ends Monday
# 13 April (Awb 6:7, 6:8); the parents' bezwaar is received on Friday 20 March.
BEKEND, BEZWAAR_ONTVANGEN = d(2026, 3, 2), d(2026, 3, 20)


@pytest.mark.parametrize("soort, denominatie, uiterlijk, bron, geval", [
    ("bao", Denominatie.OPENBAAR, d(2026, 5, 11), "artikel 40 lid 12",
     "A-13b, WPO 40 lid 12: openbare basisschool: 4 weken vanaf de dag na het einde van de bezwaartermijn (13 april)"),
    ("bao", Denominatie.ROOMS_KATHOLIEK, d(2026, 4, 17), "artikel 63 lid 3",
     "A-13b, WPO 63 lid 3: bijzondere basisschool: 4 weken na ontvangst van het bezwaar (20 maart)"),
    ("bao", Denominatie.SAMENWERKING, d(2026, 4, 17), "artikel 63 lid 3",
     "A-13b, WPO 17d lid 10 met 63 lid 3: een samenwerkingsschool volgt de regels voor bijzondere scholen"),
    ("bao", Denominatie.ALGEMEEN_BIJZONDER, d(2026, 4, 17), "artikel 63 lid 3",
     "A-13b, WPO 63 lid 3: algemeen-bijzonder is bijzonder onderwijs"),
    ("so", Denominatie.OPENBAAR, d(2026, 5, 11), "artikel 40 lid 20",
     "A-13b, WEC 40 lid 20: openbare so-school zoals WPO 40 lid 12"),
    ("so", Denominatie.PROTESTANTS_CHRISTELIJK, d(2026, 4, 17), "artikel 61 lid 3",
     "A-13b, WEC 61 lid 3: bijzondere so-school: na ontvangst"),
    ("vo", Denominatie.OPENBAAR, d(2026, 4, 17), "artikel 8.8 lid 5 en 6",
     "A-13b, WVO 2020 8.8 lid 6: vo, ook openbaar: 4 weken na ontvangst"),
    ("vo", Denominatie.ISLAMITISCH, d(2026, 4, 17), "artikel 8.8 lid 5 en 6",
     "A-13b, WVO 2020 8.8 lid 6: vo, bijzonder: 4 weken na ontvangst"),
])
def test_a13b_decision_term_per_sector_and_denominatie(world, soort, denominatie, uiterlijk, bron, geval):
    school = school_met_staf(soort=soort, denominatie=denominatie)
    aanmelding, besluit = weigering(school=school, bekend=BEKEND)
    assert besluit.klokken["A-13"].uiterlijk == d(2026, 4, 13), "A-13, Awb 6:7/6:8: 2 maart + 6 weken"
    with op(BEZWAAR_ONTVANGEN):
        b = s.bezwaar_dien_in(besluit=besluit, ouder=aanmelding.ouder, gronden="Niet eens")
    klok = b.klokken["A-13b"]
    assert klok.uiterlijk == uiterlijk, geval
    assert bron in klok.params["bron"], geval  # the clock snapshots the article of this school


@pytest.mark.parametrize("denominatie, geschil_van, geschil_tot, uiterlijk, geval", [
    # bijzonder: 20 March + 4 weeks = 17 April; stood still 25 March – 8 April (14 days) → Friday 1 May
    (Denominatie.ROOMS_KATHOLIEK, d(2026, 3, 25), d(2026, 4, 8), d(2026, 5, 1),
     "A-13b + zaak:geschil: een geschil over hetzelfde besluit schort de beslistermijn op (bijzonder)"),
    # openbaar: the term starts after 13 April; a geschil from 25 March to 20 April stops it from 13 April: 7 days
    (Denominatie.OPENBAAR, d(2026, 3, 25), d(2026, 4, 20), d(2026, 5, 18),
     "A-13b + zaak:geschil: openbaar: stil vanaf het begin van de termijn (13 april) tot het einde van het geschil"),
    # openbaar, a geschil that ends before the term even began: no days added
    (Denominatie.OPENBAAR, d(2026, 3, 25), d(2026, 4, 1), d(2026, 5, 11),
     "A-13b: een geschil dat eindigt vóór de beslistermijn begint, schuift niets op"),
])
def test_a13b_suspended_while_a_geschil_on_the_same_decision_runs(world, denominatie, geschil_van, geschil_tot,
                                                                   uiterlijk, geval):
    school = school_met_staf(denominatie=denominatie)
    aanmelding, besluit = weigering(school=school, bekend=BEKEND)
    with op(BEZWAAR_ONTVANGEN):
        b = s.bezwaar_dien_in(besluit=besluit, ouder=aanmelding.ouder, gronden="Niet eens")
    with op(geschil_van):
        g = s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=geschil_van)
    klok = b.klokken["A-13b"]
    assert klok.uiterlijk is None and klok.status() == "opgeschort", geval  # no date while the geschil runs
    with op(geschil_tot):
        s.geschil_trek_in(geschil=g, ouder=aanmelding.ouder)
    assert b.klokken["A-13b"].uiterlijk == uiterlijk, geval


def test_a13b_bezwaar_filed_while_a_geschil_runs_starts_suspended(world):
    """A-13b: the other order — the geschil came first; the bezwaar's decision term stands still from its start."""
    school = school_met_staf(denominatie=Denominatie.ROOMS_KATHOLIEK)
    aanmelding, besluit = weigering(school=school, bekend=BEKEND)
    with op(d(2026, 3, 10)):
        g = s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=d(2026, 3, 10))
    with op(BEZWAAR_ONTVANGEN):
        b = s.bezwaar_dien_in(besluit=besluit, ouder=aanmelding.ouder, gronden="Niet eens")
    assert b.klokken["A-13b"].uiterlijk is None
    with op(d(2026, 3, 27)):  # the geschil ends after 7 days of the term: 17 April + 7 = Friday 24 April
        s.geschil_trek_in(geschil=g, ouder=aanmelding.ouder)
    assert b.klokken["A-13b"].uiterlijk == d(2026, 4, 24)


@pytest.mark.parametrize("regel, start, uiterlijk, geval", [
    ("A-13", d(2026, 3, 2), d(2026, 4, 13), "A-13, Awb 6:8: bekendgemaakt maandag 2 maart → maandag 13 april"),
    ("A-13", d(2026, 4, 13), d(2026, 5, 26),
     "A-13 + Atw: 25 mei 2026 is tweede Pinksterdag → dinsdag 26 mei"),
    ("D-2", d(2026, 3, 2), d(2026, 4, 13), "D-2, reglement GPO: 6 weken, geen Algemene termijnenwet"),
    ("D-2", d(2026, 4, 3), d(2026, 5, 15), "D-2: eindigt op vrijdag 15 mei (gelijkgestelde dag): geen Atw, blijft staan"),
    ("D-2b", d(2026, 3, 25), d(2026, 4, 8), "D-2b, reglement GPO: verweer binnen 2 weken"),
    ("D-2b", d(2026, 12, 12), d(2026, 12, 26), "D-2b: tweede Kerstdag telt mee: reglement, geen Atw"),
    ("D-3", d(2026, 3, 25), d(2026, 6, 3), "D-3, WPO 43 lid 3: oordeel binnen 10 weken na het verzoek"),
    ("D-3", d(2026, 2, 16), d(2026, 4, 28),
     "D-3 + Atw: 16 februari + 10 weken = maandag 27 april, Koningsdag → dinsdag 28 april"),
    ("D-3b", d(2026, 6, 8), d(2026, 6, 10), "D-3: spoed: 2 werkdagen na de zitting op maandag → woensdag"),
    ("D-3b", d(2026, 5, 13), d(2026, 5, 19),
     "D-3: spoed: zitting woensdag 13 mei; Hemelvaart (14) en de gelijkgestelde vrijdag (15) tellen niet → 19 mei"),
    ("D-4", d(2026, 5, 6), d(2026, 6, 3), "D-4: reactie op het oordeel: 4 weken (instelbaar), geen Atw"),
    ("D-5", d(2026, 3, 20), d(2026, 4, 17), "D-5, WPO 14: reactie bestuur binnen 4 weken na het oordeel"),
    ("D-5", d(2026, 11, 28), d(2026, 12, 28), "D-5 + Atw: 26 december (zaterdag, tweede Kerstdag) → maandag 28"),
    ("E-1", d(2026, 3, 8), d(2026, 3, 15), "E-1: schorsing vanaf maandag 9 maart: uiterlijk t/m zondag 15 maart"),
    ("E-1b", d(2026, 3, 2), d(2026, 4, 13), "E-1b, Awb 6:7: bezwaar tegen een schorsing binnen 6 weken"),
    ("E-1c", d(2026, 4, 13), d(2026, 5, 26), "E-1c, Awb 7:10: 6 weken na de bezwaartermijn; 25 mei → 26 mei (Atw)"),
    ("F-2", d(2026, 3, 2), d(2026, 3, 30), "F-2: 4 weken zonder plek; vanaf 31 maart de onderwijsconsulent"),
])
def test_term_rules(db, regel, start, uiterlijk, geval):
    assert rules.bereken_uiterlijk(rules.get(regel).params(), start) == uiterlijk, geval


@pytest.mark.parametrize("ingediend, spoed, zitting, verwacht, geval", [
    (d(2026, 3, 25), False, None, {"D-2b": d(2026, 4, 8), "D-3": d(2026, 6, 3)},
     "D-2b en D-3 starten bij het indienen (25 maart)"),
    (d(2026, 3, 25), True, d(2026, 5, 13), {"D-3b": d(2026, 5, 19)},
     "D-3: spoed: korte uitspraak 2 werkdagen na de zitting van 13 mei (Hemelvaart en 15 mei tellen niet)"),
])
def test_geschil_clocks_from_the_facts(world, ingediend, spoed, zitting, verwacht, geval):
    school = school_met_staf()
    aanmelding, besluit = weigering(school=school, bekend=BEKEND)
    with op(ingediend):
        g = s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=ingediend, spoed=spoed)
    if zitting:
        with op(zitting):
            s.geschil_verweer(geschil=g, door=school.ib, verweer_op=zitting, samenvatting="x")
            s.geschil_zitting(geschil=g, door=school.ib, zitting_op=zitting)
    k = g.klokken
    assert {r: k[r].uiterlijk for r in verwacht} == verwacht, geval


def test_d2_and_a13_started_by_the_decision_and_closed_by_filing(world):
    """A-13 and D-2 run from the bekendmaking as clocks of the decision; filing meets them (on time or late)."""
    school = school_met_staf()
    aanmelding, besluit = weigering(school=school, bekend=BEKEND)
    with op(d(2026, 4, 13)):
        s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=d(2026, 4, 13))
        s.bezwaar_dien_in(besluit=besluit, ouder=aanmelding.ouder, gronden="x")
    k = besluit.klokken
    assert (k["D-2"].uitkomst, k["A-13"].uitkomst) == ("op_tijd", "op_tijd")  # the last day still counts


@pytest.mark.parametrize("van, tot, schooldagen, toegestaan, inspectie, geval", [
    (d(2026, 3, 9), d(2026, 3, 9), 1, True, False, "E-1: één dag: geen melding aan de inspectie"),
    (d(2026, 3, 9), d(2026, 3, 10), 2, True, True, "E-1: twee dagen: langer dan één dag → inspectie"),
    (d(2026, 3, 13), d(2026, 3, 16), 2, True, True, "E-1: vrijdag–maandag: 2 schooldagen (het weekend telt niet)"),
    (d(2026, 3, 9), d(2026, 3, 13), 5, True, True, "E-1: ma–vr: een week, mag nog"),
    (d(2026, 3, 12), d(2026, 3, 18), 5, True, True, "E-1: do–wo: 5 schooldagen binnen 7 dagen"),
    (d(2026, 3, 9), d(2026, 3, 16), 6, False, True, "E-1: 6 schooldagen: meer dan een week, geweigerd"),
    (d(2026, 5, 13), d(2026, 5, 20), 6, False, True,
     "E-1: 6 schooldagen: Hemelvaart en vrijdag 15 mei zijn schooldagen zolang de school ze niet als vrij invoert"),
])
def test_e1_schorsing_at_most_one_week(van, tot, schooldagen, toegestaan, inspectie, geval):
    assert wet.schooldagen(van, tot) == schooldagen, geval
    assert (wet.schorsing_fout(van, tot) == "") is toegestaan, geval
    assert wet.schorsing_inspectie_nodig(van, tot) is inspectie, geval


def test_e1_clock_runs_the_week_and_closes_on_return(world):
    with op(d(2026, 3, 6)):
        sch = s.schorsing_bereid_voor(leerling=world.kind_a, school=world.school_a, door=world.dir_a, van=d(2026, 3, 9),
                                      tot=d(2026, 3, 10), redenen="x")
        besluit_onderteken(besluit=sch.besluit, door=world.bestuurder_a, bekendmaking="uitgereikt",
                           verzonden_op=d(2026, 3, 6), vandaag=d(2026, 3, 6))
    k = sch.klokken
    assert k["E-1"].uiterlijk == d(2026, 3, 13)  # E-1: 5 school days from Monday 9 March (WPO 40c lid 1)
    assert k["E-1b"].uiterlijk == d(2026, 4, 17)  # E-1b: bezwaar: 6 March + 6 weeks (Awb 6:7)
    with op(d(2026, 3, 11)):
        s.schorsing_beeindig(schorsing=sch, door=world.ib_a, terug_op=d(2026, 3, 11))
    assert sch.klokken["E-1"].uitkomst == "op_tijd"


@pytest.mark.parametrize("geboren, dag, leerplichtig, geval", [
    (d(2021, 3, 15), d(2026, 3, 31), False, "Lpw 3: vijf geworden op 15 maart: leerplichtig vanaf 1 april"),
    (d(2021, 3, 15), d(2026, 4, 1), True, "Lpw 3: de eerste dag van de maand na de vijfde verjaardag"),
    (d(2020, 12, 10), d(2026, 1, 1), True, "Lpw 3: verjaardag in december: vanaf 1 januari"),
    (d(2008, 6, 1), d(2026, 5, 31), True, "Lpw 4a: kwalificatieplicht tot 18"),
    (d(2008, 6, 1), d(2026, 6, 1), False, "Lpw 4a: 18 jaar: niet meer leerplichtig"),
])
def test_f2_compulsory_school_age(geboren, dag, leerplichtig, geval):
    assert wet.leerplichtig(geboren, dag) is leerplichtig, geval


@pytest.mark.parametrize("dag, suggestie, geval", [
    (d(2026, 3, 30), False, "F-2: precies 4 weken zonder plek: nog niet"),
    (d(2026, 3, 31), True, "F-2: meer dan 4 weken: de onderwijsconsulent wordt voorgesteld"),
])
def test_f2_onderwijsconsulent_after_four_weeks(world, dag, suggestie, geval):
    from geschillen.selectors import zonder_plek_sinds

    kind = LeerlingFactory(geboortedatum=d(2017, 1, 1))
    weigering(school=school_met_staf(), kind=kind, ontvangen=d(2026, 3, 2), bekend=d(2026, 3, 20))
    with op(dag):
        assert (zonder_plek_sinds(kind) is not None) is suggestie, geval


def test_f2_not_for_an_enrolled_child(world):
    from geschillen.selectors import zonder_plek_sinds

    kind = LeerlingFactory(geboortedatum=d(2017, 1, 1))
    InschrijvingFactory(leerling=kind, school=world.school_b)
    weigering(school=school_met_staf(), kind=kind, ontvangen=d(2026, 3, 2), bekend=d(2026, 3, 20))
    with op(d(2026, 5, 1)):
        assert zonder_plek_sinds(kind) is None


def test_d5_klacht_reminders_go_to_the_board_only(world):
    """D-5's reminders go to the board's member named responsible, never to the school (confidential)."""
    from geschillen.models import Klachtencommissie
    from portal.accounts.constants import Rol
    from portal.meldingen.models import Notification
    from portal.termijnen.sweep import sweep_due_clocks

    secretaris = member(Rol.KLACHTENCOMMISSIE)
    c = Klachtencommissie.objects.create(naam="KC")
    c.besturen.add(world.school_a.bestuur)
    c.secretarissen.add(secretaris)
    with op(d(2026, 3, 2)):
        k = s.klacht_dien_in(ouder=world.ouder_a, leerling=world.kind_a, school=world.school_a, onderwerp="x")
    with op(d(2026, 3, 20)):
        s.klacht_oordeel(klacht=k, door=secretaris, oordeel="ongegrond", oordeel_op=d(2026, 3, 20), samenvatting="x")
    with op(d(2026, 4, 18)):
        sweep_due_clocks(vandaag=d(2026, 4, 18))  # overdue: escalation
    ontvangers = set(Notification.objects.filter(sleutel__startswith=f"clock:{k.klokken['D-5'].pk}:")
                     .values_list("ontvanger_id", flat=True))
    assert ontvangers == {world.bestuurder_a.pk}


def test_verwijdering_opens_a13_and_d2_for_the_parents(world):
    """E-2 → A-13 and D-2 from the bekendmaking of the removal (D-1: removal of any pupil may go to the GPO)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .factories import PDF

    with op(d(2026, 3, 2)):
        v = s.verwijdering_start(leerling=world.kind_a, school=world.school_a, door=world.dir_a, reden="x")
        for soort in ("leraar", "ouders"):
            s.horen_vastleggen(verwijdering=v, door=world.dir_a, soort=soort, datum=d(2026, 3, 2), verslag="x")
        s.verwijdering_acceptatie(verwijdering=v, door=world.dir_a, school=world.school_b, op=d(2026, 3, 2),
                                  bestand=SimpleUploadedFile("a.pdf", PDF))
        besluit = s.verwijdering_bereid_voor(verwijdering=v, door=world.dir_a, per=d(2026, 3, 16), motivering="m")
        besluit_onderteken(besluit=besluit, door=world.bestuurder_a, bekendmaking="uitgereikt",
                           verzonden_op=d(2026, 3, 2), vandaag=d(2026, 3, 2))
    k = v.klokken
    assert (k["A-13"].uiterlijk, k["D-2"].uiterlijk) == (d(2026, 4, 13), d(2026, 4, 13))
    # a bezwaar against the removal at an openbare po school: A-13b from the end of the bezwaar term (WPO 40 lid 12)
    with op(d(2026, 3, 20)):
        b = s.bezwaar_dien_in(besluit=besluit, ouder=world.ouder_a, gronden="x")
    assert b.klokken["A-13b"].uiterlijk == d(2026, 4, 13) + timedelta(weeks=4)


def test_refusal_outside_zorgplicht_has_no_gpo_clock_but_the_guide_computes_it(world):
    """D-2 is started only for a support-related decision; for a plaatsgebrek refusal of a child without support the
    filing date is computed from the bekendmaking by the same rule."""
    school = school_met_staf()
    aanmelding, besluit = weigering(school=school, soort=BesluitSoort.NIET_TOEGELATEN, grond="plaatsgebrek",
                                    ondersteuning="nee", bekend=BEKEND)
    assert "D-2" not in besluit.klokken
    assert s.indientermijn(besluit) == d(2026, 4, 13)
