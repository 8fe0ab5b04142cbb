"""Issue #8, the law: days a royal decree makes equal to feestdagen (T-3), the start of a suspension per
kind of school (A-8), the board's decision term on a bezwaar (A-13). Table tests; each row cites its rule
and article, with the case in words."""

from datetime import date as d

import pytest
import time_machine

from aanmelding import services as s
from portal.accounts.constants import Rol
from portal.organisaties.models import Denominatie
from portal.organisaties.wetgeving import bezwaar_beslistermijn_start, opschorting_vanaf
from portal.termijnen import calculator, dates, feestdagen
from portal.termijnen.models import GelijkgesteldeDag

from .factories import LeerlingFactory, SchoolFactory, member, ouder_van


@pytest.mark.parametrize("dag, verwacht, geval", [
    (d(2026, 5, 15), d(2026, 5, 18), "T-3: vrijdag 15 mei 2026 is gelijkgesteld (KB 2026–2028) → maandag 18 mei"),
    (d(2026, 1, 2), d(2026, 1, 5), "T-3: vrijdag 2 januari 2026 is gelijkgesteld → maandag 5 januari"),
    (d(2027, 5, 7), d(2027, 5, 10), "T-3: vrijdag na Hemelvaart 2027 → maandag 10 mei"),
    (d(2028, 4, 28), d(2028, 5, 1), "T-3: vrijdag na Koningsdag 2028 → maandag 1 mei"),
    (d(2028, 5, 26), d(2028, 5, 29), "T-3: vrijdag na Hemelvaart 2028 → maandag 29 mei"),
    (d(2024, 12, 27), d(2024, 12, 30), "T-3: 27 december 2024 (vorig KB) → maandag 30 december"),
    (d(2029, 5, 11), d(2029, 5, 11), "T-3: 11 mei 2029 is (nog) niet gelijkgesteld: blijft staan"),
])
def test_days_equal_to_feestdagen(db, dag, verwacht, geval):
    assert dates.atw(dag) == verwacht, geval


def test_decision_term_ending_on_15_may_2026_moves_to_18_may(db):
    # A-6 + T-3: received Friday 3 April 2026 (Goede Vrijdag does not matter for the start); 6 weeks → Friday
    # 15 May 2026, a day equal to a feestdag → Monday 18 May.
    assert calculator.bereken("aanmelding", ontvangen=d(2026, 4, 3))["beslissen_uiterlijk"] == "2026-05-18"


def test_beheerder_adds_the_next_decrees_day_without_a_release(db):
    """T-3: the days are data; a day added in the beheer counts at once."""
    assert dates.atw(d(2029, 5, 11)) == d(2029, 5, 11)
    GelijkgesteldeDag.objects.create(datum=d(2029, 5, 11), besluit="Besluit gelijkstelling (test)")
    feestdagen.vergeet()  # what the admin does after saving
    assert dates.atw(d(2029, 5, 11)) == d(2029, 5, 14)


@pytest.mark.parametrize("vandaag, waarschuwt", [
    (d(2026, 11, 25), False),  # known until 26 May 2028: more than a year ahead
    (d(2027, 6, 1), True),  # less than a year left: the beheerder is warned
])
def test_warning_when_the_known_days_end_within_a_year(db, vandaag, waarschuwt):
    assert bool(feestdagen.waarschuwing(vandaag)) is waarschuwt


@pytest.mark.parametrize("eind, start, verwacht, geval", [
    (d(2026, 12, 27), d(2026, 12, 24), d(2026, 12, 29),
     "Atw art. 2: 3 dagen na do 24 dec: zo 27 → ma 28 (art. 1), maar dan 1 werkdag → di 29 (2 werkdagen)"),
    (d(2026, 3, 9), d(2026, 3, 2), d(2026, 3, 9), "Atw art. 2: een gewone week heeft genoeg werkdagen"),
    (d(2026, 3, 3), d(2026, 3, 2), d(2026, 3, 3), "Atw art. 2 geldt pas bij een termijn van ten minste drie dagen"),
])
def test_atw_two_working_days(eind, start, verwacht, geval):
    assert dates.atw(eind, start) == verwacht, geval


@pytest.mark.parametrize("soort, denominatie, verzoek, stil_vanaf, geval", [
    ("bao", Denominatie.OPENBAAR, d(2026, 3, 10), d(2026, 3, 11), "A-8, Awb 4:15: openbare school: de dag na het verzoek"),
    ("bao", Denominatie.ROOMS_KATHOLIEK, d(2026, 3, 10), d(2026, 3, 10), "A-8, WPO 63 lid 4: bijzondere school: de dag van het verzoek"),
    ("bao", Denominatie.ALGEMEEN_BIJZONDER, d(2026, 3, 10), d(2026, 3, 10), "A-8, WPO 63 lid 4: algemeen bijzonder ook"),
    ("bao", Denominatie.SAMENWERKING, d(2026, 3, 10), d(2026, 3, 10), "A-8, WPO 17d lid 10: samenwerkingsschool als bijzonder"),
    ("so", Denominatie.PROTESTANTS_CHRISTELIJK, d(2026, 3, 10), d(2026, 3, 10), "A-8, WEC 61 lid 5: bijzondere so-school"),
    ("vo", Denominatie.ROOMS_KATHOLIEK, d(2026, 3, 10), d(2026, 3, 11), "A-8: WVO 2020 regelt het niet: Awb 4:15"),
])
def test_suspension_start_per_kind_of_school(db, soort, denominatie, verzoek, stil_vanaf, geval):
    assert opschorting_vanaf(SchoolFactory(soort=soort, denominatie=denominatie), verzoek) == stil_vanaf, geval


@pytest.mark.parametrize("denominatie, uiterlijk, geval", [
    # received Monday 2 March; request Tuesday 10 March, answer Friday 20 March
    (Denominatie.OPENBAAR, d(2026, 4, 22), "openbaar: stil 11–20 maart = 9 dagen → 13 april + 9 = woensdag 22 april"),
    (Denominatie.ROOMS_KATHOLIEK, d(2026, 4, 23), "bijzonder: stil 10–20 maart = 10 dagen → donderdag 23 april"),
])
def test_same_request_gives_dates_one_day_apart(world, denominatie, uiterlijk, geval):
    """A-8: the same request at an openbare and at a bijzondere school: the decision dates differ by a day."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    school = SchoolFactory(denominatie=denominatie)
    ib = member(Rol.IB, school=school)
    kind = LeerlingFactory(geboortedatum=d(2020, 1, 10))
    ouder = ouder_van(kind)
    nu = datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(nu, tick=False):
        a = s.aanmelding_dien_in(ouder=ouder, school=school, gewenste_start=d(2026, 8, 24), ondersteuning="ja",
                                 wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[],
                                 leerling=kind, nu=nu)
    v = s.verzoek_informatie(aanmelding=a, door=ib, omschrijving="x", antwoord_uiterlijk=d(2026, 3, 24),
                             vandaag=d(2026, 3, 10))
    s.verzoek_beantwoord(verzoek=v, ouder=ouder, antwoord="Hier", vandaag=d(2026, 3, 20))
    assert a.klokken["A-6"].uiterlijk == uiterlijk, geval


@pytest.mark.parametrize("soort, denominatie, verwacht_start, geval", [
    ("bao", Denominatie.OPENBAAR, d(2026, 4, 13),
     "A-13, WPO 40 lid 12: openbaar po: 4 weken vanaf de dag na het einde van de bezwaartermijn (13 april)"),
    ("bao", Denominatie.ROOMS_KATHOLIEK, d(2026, 3, 20), "A-13, WPO 63 lid 3: bijzonder po: 4 weken na ontvangst (20 maart)"),
    ("bao", Denominatie.SAMENWERKING, d(2026, 3, 20), "A-13, WPO 17d lid 10 + 63 lid 3: samenwerkingsschool als bijzonder"),
    ("so", Denominatie.OPENBAAR, d(2026, 4, 13), "A-13, WEC 40 lid 20: openbaar so als WPO 40 lid 12"),
    ("so", Denominatie.ISLAMITISCH, d(2026, 3, 20), "A-13, WEC 61 lid 3: bijzonder so: na ontvangst"),
    ("vo", Denominatie.OPENBAAR, d(2026, 3, 20), "A-13, WVO 2020 8.8 lid 6: vo, elk bestuur: na ontvangst"),
])
def test_bezwaar_decision_term_start(db, soort, denominatie, verwacht_start, geval):
    # decision made known Monday 2 March → bezwaar term ends Monday 13 April; bezwaar received Friday 20 March
    school = SchoolFactory(soort=soort, denominatie=denominatie)
    start = bezwaar_beslistermijn_start(school, ontvangen=d(2026, 3, 20), bezwaartermijn_einde=d(2026, 4, 13))
    assert start == verwacht_start, geval
    # 4 weeks counted the T-1 way: the same weekday four weeks on (openbaar: Mon 11 May; else Fri 17 April)
    assert dates.plus_weken(start, 4) == {d(2026, 4, 13): d(2026, 5, 11), d(2026, 3, 20): d(2026, 4, 17)}[start]


@pytest.mark.parametrize("soort, ontvangen, verwacht_start, geval", [
    ("bao", d(2026, 4, 20), d(2026, 4, 20),
     "A-13b, WPO 40 lid 12: openbaar, bezwaar pas op 20 april ontvangen (termijn eindigde 13 april): de 4 weken lopen "
     "vanaf de ontvangst (18 mei), niet vanaf 13 april (11 mei) — de latere van de twee, de ene lezing in de kern"),
    ("so", d(2026, 4, 20), d(2026, 4, 20), "A-13b, WEC 40 lid 20: openbaar so, te laat ontvangen: idem"),
])
def test_bezwaar_decision_term_start_late_bezwaar_openbaar(db, soort, ontvangen, verwacht_start, geval):
    school = SchoolFactory(soort=soort, denominatie=Denominatie.OPENBAAR)
    start = bezwaar_beslistermijn_start(school, ontvangen=ontvangen, bezwaartermijn_einde=d(2026, 4, 13))
    assert (start, dates.plus_weken(start, 4)) == (verwacht_start, d(2026, 5, 18)), geval
