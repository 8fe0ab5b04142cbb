"""The monitoring figures of the domain apps (issue #20 §2, §5; DOMAIN §5 W3): refusals by ground and how aanmeldingen
ended (A-10, A-11), geschillen by kind and what the board did with the oordeel (D-4), TLVs by type and category and
how many end this school year (C-5), thuiszitters by kind and duration with the 3-month alarm (F-1, F-3). Each figure:
one query whatever the number of cases, the school's view shows its own figures beside the SWV's average and no other
school, every cell's ``sleutel`` names exactly the cases behind it, and the generic list page behind a number."""

import html as htmllib
import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanmelding.constants import BesluitSoort, WeigerGrond
from aanmelding.constants import Status as AStatus
from aanmelding.models import Aanmelding
from geschillen.constants import GeschilOnderwerp, GeschilStatus, Oordeel, Opvolging
from geschillen.models import Geschil, Klacht, Klachtencommissie
from portal.monitoring import figuren, selectors
from portal.monitoring.figuren import Bereik, OnbekendeSleutel
from portal.termijnen.models import Clock
from portal.zaken.models import Besluit, Zaak
from thuiszitters.constants import Reden, Soort
from thuiszitters.constants import Status as TStatus
from thuiszitters.models import Thuiszitter
from thuiszitters.monitoring import drie_maanden_grens
from tlv.constants import Categorie
from tlv.constants import Soort as TlvSoort
from tlv.constants import Status as TlvStatus
from tlv.models import Toelaatbaarheidsverklaring

from .conftest import login_staff
from .factories import LeerlingFactory, SchoolFactory

VANDAAG = date(2026, 12, 2)  # school year 2026/2027 began on 1 August 2026; the previous one ran 2025/2026


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def w(world):
    """The world with a second member school (C) of SWV A, named so a leak is easy to find."""
    world.school_c = SchoolFactory(swvs=[world.swv_a], naam="Basisschool De Andere")
    return world


def swv_bereik(w) -> Bereik:
    scholen = {w.school_a.pk: w.school_a.naam, w.school_c.pk: w.school_c.naam}
    return Bereik(swv_id=w.swv_a.pk, school_ids=tuple(sorted(scholen)), vandaag=VANDAAG, schoolnamen=scholen)


def school_bereik(w) -> Bereik:
    return Bereik(swv_id=w.swv_a.pk, school_ids=tuple(sorted([w.school_a.pk, w.school_c.pk])), vandaag=VANDAAG,
                  eigen_school=w.school_a.pk, schoolnamen={w.school_a.pk: w.school_a.naam})


def rij(tabel, label) -> list:
    return next([c.waarde for c in r[1:]] for r in [*tabel.rijen, *tabel.voet] if str(r[0].waarde) == str(label))


def cel(tabel, label, kolom: int):
    return next(r[1 + kolom] for r in [*tabel.rijen, *tabel.voet] if str(r[0].waarde) == str(label))


def achter(figuur_id, bereik, c) -> set[int]:
    return set(figuren.figuur(figuur_id).zaken(bereik, c.sleutel).values_list("pk", flat=True))


def moment(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, datetime.min.time()).replace(hour=12))


# --- aanmeldingen (A-10, A-11) -------------------------------------------------------------------------------------

def aanmelding(school, *, afloop, afgesloten: date, grond=""):
    a = Aanmelding.objects.create(
        leerling=LeerlingFactory(), school=school, ontvangen_op=moment(afgesloten - timedelta(days=30)),
        ontvangen_datum=afgesloten - timedelta(days=30), gewenste_start=afgesloten, ondersteuning="ja",
        status=AStatus.INGETROKKEN if afloop == "ingetrokken" else AStatus.BESLOTEN, afgesloten_op=moment(afgesloten),
        besluit_grond=grond)
    if afloop != "ingetrokken":
        Besluit.objects.create(zaak=a, besluittype="aanmelding", uitkomst=afloop, motivering="Redenen.",
                               bekendgemaakt_op=afgesloten)
    return a


# (school, outcome, closed on, ground) -> counted in the row of the outcome, column this/previous school year (None: not)
AANMELDINGEN = [
    ("a", BesluitSoort.TOEGELATEN, date(2026, 9, 1), "", "dit"),
    ("a", BesluitSoort.PLEK_ELDERS, date(2026, 8, 1), "", "dit"),  # T-4: 1 August is the first day of the year
    ("a", BesluitSoort.NIET_TOEGELATEN, date(2026, 7, 31), WeigerGrond.PLAATSGEBREK, "vorig"),  # the last day of the previous
    ("a", BesluitSoort.NIET_TOEGELATEN, date(2026, 10, 5), WeigerGrond.GRONDSLAG, "dit"),
    ("a", "ingetrokken", date(2026, 11, 30), "", "dit"),
    ("a", BesluitSoort.TOEGELATEN, date(2025, 7, 31), "", None),  # two school years ago: not counted
    ("c", BesluitSoort.NIET_TOEGELATEN, date(2026, 11, 1), WeigerGrond.PLAATSGEBREK, "dit"),
    ("b", BesluitSoort.NIET_TOEGELATEN, date(2026, 11, 1), WeigerGrond.PLAATSGEBREK, None),  # another SWV
]


def _aanmeldingen(w):
    scholen = {"a": w.school_a, "b": w.school_b, "c": w.school_c}
    return [(aanmelding(scholen[s], afloop=afloop, afgesloten=op, grond=grond), s, afloop, grond, jaar)
            for s, afloop, op, grond, jaar in AANMELDINGEN]


def test_how_aanmeldingen_ended_per_school_year(w):
    gemaakt = _aanmeldingen(w)
    from aanmelding.monitoring import AFLOPEN, afloop

    tabel = afloop(swv_bereik(w))
    assert tabel.kolommen == ["Afloop", "2026/2027", "2025/2026"]
    labels = dict(AFLOPEN)
    for code, _label in AFLOPEN:
        verwacht = [sum(1 for _a, s, af, _g, j in gemaakt if af == code and j == jaar and s in "ac") for jaar in ("dit", "vorig")]
        assert rij(tabel, labels[code]) == verwacht, code
        for i, jaar in enumerate(("dit", "vorig")):
            assert achter("aanmeldingen-afloop", swv_bereik(w), cel(tabel, labels[code], i)) == {
                a.pk for a, s, af, _g, j in gemaakt if af == code and j == jaar and s in "ac"}
    assert tabel.grafiek.soort == "liggend"
    assert "2026/2027: 5 aanmeldingen afgerond; 1 geplaatst op een andere school, 2 geweigerd, 1 ingetrokken." == tabel.samenvatting


def test_refusals_by_ground_school_beside_average(w):
    gemaakt = _aanmeldingen(w)
    from aanmelding.monitoring import weigeringen

    swv = weigeringen(swv_bereik(w))
    assert rij(swv, WeigerGrond.PLAATSGEBREK.label) == [1, 1]  # school C this year, school A last year
    assert rij(swv, WeigerGrond.GRONDSLAG.label) == [1, 0]
    assert rij(swv, WeigerGrond.TOELATINGSEISEN.label) == [0, 0]
    school = weigeringen(school_bereik(w))
    assert school.kolommen == ["Grond", "2026/2027: deze school", "2026/2027: gemiddelde per school",
                               "2025/2026: deze school", "2025/2026: gemiddelde per school"]
    assert rij(school, WeigerGrond.PLAATSGEBREK.label) == [0, 0.5, 1, 0.5]
    # the school's own cell names its own refusal; the average has no link
    plaatsgebrek = next(r for r in school.rijen if r[0].waarde == str(WeigerGrond.PLAATSGEBREK.label))
    assert achter("aanmeldingen-weigeringen", school_bereik(w), plaatsgebrek[3]) == {
        a.pk for a, s, _af, g, j in gemaakt if s == "a" and g == WeigerGrond.PLAATSGEBREK and j == "vorig"}
    assert plaatsgebrek[2].sleutel == "" and plaatsgebrek[4].sleutel == ""


# --- geschillen (D-1, D-4, D-5) ------------------------------------------------------------------------------------

def geschil(school, *, onderwerp=GeschilOnderwerp.TOELATING, geopend=date(2026, 10, 1), oordeel="", opvolging="",
            status=GeschilStatus.INGEDIEND):
    return Geschil.objects.create(
        leerling=LeerlingFactory(), school=school, onderwerp=onderwerp, ingediend_op=geopend, geopend_op=moment(geopend),
        oordeel=oordeel, oordeel_op=geopend + timedelta(days=50) if oordeel else None, opvolging=opvolging,
        status=status, afgesloten_op=moment(geopend + timedelta(days=60)) if status == GeschilStatus.AFGEROND else None)


def klacht(school, *, oordeel="", opvolging=""):
    commissie = Klachtencommissie.objects.create(naam="Landelijke Klachtencommissie")
    return Klacht.objects.create(leerling=LeerlingFactory(), school=None, commissie=commissie, betreft_school=school,
                                 onderwerp="Vertrouwelijk.", ontvangen_op=date(2026, 9, 15), geopend_op=moment(date(2026, 9, 15)),
                                 oordeel=oordeel, oordeel_op=date(2026, 11, 1) if oordeel else None, opvolging=opvolging,
                                 status="ingediend")


def test_geschillen_by_kind_and_klachten_stay_confidential(w):
    from geschillen.monitoring import soorten

    lopend = geschil(w.school_a)
    vorig_jaar = geschil(w.school_a, onderwerp=GeschilOnderwerp.OPP, geopend=date(2026, 3, 1),
                         status=GeschilStatus.AFGEROND)
    geschil(w.school_c, onderwerp=GeschilOnderwerp.VERWIJDERING)
    geschil(w.school_b)  # another SWV
    klacht(w.school_a)
    tabel = soorten(swv_bereik(w))
    toelating = "Geschil: toelating"
    assert rij(tabel, toelating) == [1, 0, 1]  # filed this year, previous year, running
    assert rij(tabel, "Geschil: OPP") == [0, 1, 0]
    assert rij(tabel, "Klacht") == [1, 0, 1]
    assert achter("geschillen-soort", swv_bereik(w), cel(tabel, toelating, 2)) == {lopend.pk}
    assert achter("geschillen-soort", swv_bereik(w), cel(tabel, "Geschil: OPP", 1)) == {
        vorig_jaar.pk}
    # D-5: a klacht is counted for the SWV without a link, and a school's page does not show klachten at all
    assert all(c.sleutel == "" for c in next(r for r in tabel.rijen if r[0].waarde == "Klacht")[1:])
    with pytest.raises(OnbekendeSleutel):
        figuren.figuur("geschillen-soort").zaken(swv_bereik(w), "alle:klacht:dit")
    school = soorten(school_bereik(w))
    assert "Klacht" not in [r[0].waarde for r in school.rijen]
    assert rij(school, toelating) == [1, 0.5, 0, 0, 1, 0.5]


# (oordeel, board's answer) -> row (None: not counted: nothing for the board to follow)
OORDELEN = [
    (Oordeel.GEGROND, Opvolging.VOLGT, Opvolging.VOLGT.label),
    (Oordeel.DEELS_GEGROND, Opvolging.VOLGT_DEELS, Opvolging.VOLGT_DEELS.label),
    (Oordeel.GEGROND, Opvolging.VOLGT_NIET, Opvolging.VOLGT_NIET.label),
    (Oordeel.ONGEGROND, "", "Nog geen reactie van het bestuur"),
    (Oordeel.NIET_BEVOEGD, "", None),
    (Oordeel.NIET_ONTVANKELIJK, "", None),
]


@pytest.mark.parametrize(("oordeel", "opvolging", "rij_label"), OORDELEN)
def test_d4_what_the_board_did_with_the_oordeel(w, oordeel, opvolging, rij_label):
    from geschillen.monitoring import OPVOLGINGEN
    from geschillen.monitoring import opvolging as figuur

    g = geschil(w.school_a, oordeel=oordeel, opvolging=opvolging, status=GeschilStatus.OORDEEL)
    geschil(w.school_a)  # no oordeel yet: not counted
    tabel = figuur(swv_bereik(w))
    for _code, label in OPVOLGINGEN:
        assert rij(tabel, label) == [int(str(label) == str(rij_label)), 0], label
    if rij_label:
        assert achter("geschillen-oordeel", swv_bereik(w), cel(tabel, rij_label, 0)) == {g.pk}


def test_d4_klachten_beside_geschillen_without_link(w):
    from geschillen.monitoring import opvolging as figuur

    klacht(w.school_a, oordeel=Oordeel.GEGROND, opvolging=Opvolging.VOLGT)
    tabel = figuur(swv_bereik(w))
    assert rij(tabel, Opvolging.VOLGT.label) == [0, 1]
    assert cel(tabel, Opvolging.VOLGT.label, 1).sleutel == ""
    assert len(figuur(school_bereik(w)).kolommen) == 3  # a school's page: no klachten column


# --- TLVs (C-1, C-5) -----------------------------------------------------------------------------------------------

def tlv(w, *, school, soort=TlvSoort.SO, categorie=Categorie.LAAG, einde=date(2027, 7, 31), status=TlvStatus.TOEGEKEND,
        ingang=date(2025, 8, 1), swv=None):
    t = Toelaatbaarheidsverklaring.objects.create(
        leerling=LeerlingFactory(), swv=swv or w.swv_a, aanvragende_school=school, soort=soort, swv_grond="inschrijving",
        swv_artikel="WEC 40 lid 10", onderwijsbehoeften="Rust.", geprobeerd="Veel.", toegekend_soort=soort,
        categorie=categorie if soort in (TlvSoort.SO, TlvSoort.VSO) else "", ingangsdatum=ingang, einddatum=einde,
        status=status)
    Toelaatbaarheidsverklaring.objects.filter(pk=t.pk).update(tlv_nummer=f"TLV-{t.pk}")
    return t


def test_tlvs_in_force_by_type_and_those_ending_this_school_year(w):
    from tlv.monitoring import categorieen, soorten

    eindigt = tlv(w, school=w.school_a)  # ends 31 July 2027: this school year
    loopt = tlv(w, school=w.school_a, einde=date(2028, 7, 31), categorie=Categorie.HOOG)
    tlv(w, school=w.school_c, soort=TlvSoort.SBO, einde=date(2028, 7, 31))
    tlv(w, school=w.school_a, einde=date(2026, 7, 31), status=TlvStatus.VERLOPEN)  # expired
    tlv(w, school=w.school_a, einde=date(2026, 11, 30))  # past its end date, not yet marked: not in force
    tlv(w, school=w.school_a, ingang=date(2027, 8, 1), einde=date(2028, 7, 31))  # not yet in force
    tlv(w, school=w.school_b, swv=w.swv_b)  # another SWV's decision
    tabel = soorten(swv_bereik(w))
    assert tabel.kolommen == ["Soort onderwijs", "geldig", "loopt af in 2026/2027"]
    assert rij(tabel, TlvSoort.SO.label) == [2, 1]
    assert rij(tabel, TlvSoort.SBO.label) == [1, 0]
    assert achter("tlv-soort", swv_bereik(w), cel(tabel, TlvSoort.SO.label, 1)) == {eindigt.pk}
    assert achter("tlv-soort", swv_bereik(w), cel(tabel, TlvSoort.SO.label, 0)) == {eindigt.pk, loopt.pk}
    cat = categorieen(swv_bereik(w))
    assert rij(cat, Categorie.LAAG.label) == [1, 0] and rij(cat, Categorie.HOOG.label) == [1, 0]
    assert achter("tlv-categorie", swv_bereik(w), cel(cat, Categorie.HOOG.label, 0)) == {loopt.pk}
    school = soorten(school_bereik(w))
    assert rij(school, TlvSoort.SBO.label) == [0, 0.5, 0, 0]


def test_c5_end_of_a_tlv_is_not_an_open_term(w):
    """C-5 (and C-7) are registered by the TLV app as no decision term: a TLV in its last year is not 'due', an
    expired one not 'overdue'. C-4, the SWV's decision term, does count, as the SWV's own term (a TLV has no school)."""
    t = tlv(w, school=w.school_a)
    for regel in ("C-5", "C-7", "C-4"):
        Clock.objects.create(regel_id=regel, params={"naam": regel}, zaak=t, omschrijving=t.nummer, school=None,
                             swv=w.swv_a, start=date(2026, 1, 1), uiterlijk=date(2026, 12, 1))
    assert {"C-5", "C-7"} <= set(figuren.GEEN_BESLISTERMIJN.keys())
    tellingen = selectors.open_termijnen([w.school_a.pk], VANDAAG, swv_id=w.swv_a.pk)
    assert tellingen[None]["tlv"] == selectors.Telling(1, 0, 1)  # C-4 only


# --- thuiszitters (F-1, F-3) ---------------------------------------------------------------------------------------

def thuiszitter(school, sinds, *, soort=Soort.RELATIEF, status=TStatus.OPEN, swv=None, einde=None):
    return Thuiszitter.objects.create(
        leerling=LeerlingFactory(), school=school, swv=swv or (school.samenwerkingsverbanden.first() if school else None),
        sinds=sinds, soort=soort, reden=Reden.ANDERS, status=status, einddatum=einde,
        afgesloten_op=moment(einde) if einde else None)


# (first day at home) -> duration band on 2 December 2026 (F-1: more than 4 weeks; F-3: 3 months)
DUUR = [
    (date(2026, 12, 2), "kort"),
    (date(2026, 11, 5), "kort"),  # 27 days
    (date(2026, 11, 4), "middel"),  # exactly 4 weeks
    (date(2026, 9, 3), "middel"),  # 3 months less a day
    (date(2026, 9, 2), "lang"),  # exactly 3 months: the F-3 alarm day
    (date(2025, 1, 1), "lang"),
]


@pytest.mark.parametrize(("sinds", "band"), DUUR)
def test_thuiszitter_duration_bands(w, sinds, band):
    from thuiszitters.monitoring import DUREN, duur

    t = thuiszitter(w.school_a, sinds)
    tabel = duur(swv_bereik(w))
    labels = dict(DUREN)
    for code, label in DUREN:
        assert rij(tabel, label) == [int(code == band)], code
    assert achter("thuiszitters-duur", swv_bereik(w), cel(tabel, labels[band], 0)) == {t.pk}


def test_three_month_boundary_at_month_ends():
    assert drie_maanden_grens(date(2026, 12, 2)) == date(2026, 9, 2)
    assert drie_maanden_grens(date(2026, 4, 30)) == date(2026, 1, 31)  # 31 January + 3 months = 30 April
    assert drie_maanden_grens(date(2026, 5, 31)) == date(2026, 2, 28)


def test_thuiszitters_by_kind_with_the_alarm_and_the_swv_own(w):
    from thuiszitters.monitoring import duur, soorten

    alarm = thuiszitter(w.school_a, date(2026, 6, 1), status=TStatus.BIJ_SWV)
    zonder_school = thuiszitter(None, date(2026, 11, 20), soort=Soort.ABSOLUUT, swv=w.swv_a)
    thuiszitter(w.school_c, date(2026, 10, 1), soort=Soort.GEDEELTELIJK_ZONDER)
    thuiszitter(w.school_a, date(2026, 5, 1), status=TStatus.BEEINDIGD, einde=date(2026, 9, 1))  # back: not current
    thuiszitter(w.school_b, date(2026, 6, 1))  # another SWV
    tabel = soorten(swv_bereik(w))
    assert rij(tabel, Soort.RELATIEF.label) == [1]
    assert rij(tabel, Soort.ABSOLUUT.label) == [1]  # registered by the SWV, no school
    assert rij(tabel, Soort.GEDEELTELIJK_ZONDER.label) == [1]
    assert achter("thuiszitters-soort", swv_bereik(w), cel(tabel, Soort.ABSOLUUT.label, 0)) == {zonder_school.pk}
    d = duur(swv_bereik(w))
    assert d.voet[0][1].waarde == 1
    assert achter("thuiszitters-duur", swv_bereik(w), d.voet[0][1]) == {alarm.pk}
    school = soorten(school_bereik(w))
    assert rij(school, Soort.RELATIEF.label) == [1, 0.5]
    assert rij(school, Soort.ABSOLUUT.label) == [0, 0.0]  # the SWV's own child is in no school's average


# --- every figure: one query, constant ------------------------------------------------------------------------------

def _veel(w, n: int):
    for i in range(n):
        school = w.school_a if i % 2 else w.school_c
        aanmelding(school, afloop=BesluitSoort.NIET_TOEGELATEN, afgesloten=date(2026, 9, 1 + i),
                   grond=WeigerGrond.PLAATSGEBREK)
        geschil(school, oordeel=Oordeel.GEGROND, opvolging=Opvolging.VOLGT, status=GeschilStatus.OORDEEL)
        klacht(school, oordeel=Oordeel.GEGROND)
        tlv(w, school=school, categorie=Categorie.MIDDEN)
        thuiszitter(school, date(2026, 9, 1 + i))


@pytest.mark.parametrize("figuur_id", ["termijnen", "termijnen-scholen", "op-tijd", "op-tijd-scholen",
                                       "aanmeldingen-afloop", "aanmeldingen-weigeringen", "geschillen-soort",
                                       "geschillen-oordeel", "tlv-soort", "tlv-categorie", "thuiszitters-duur",
                                       "thuiszitters-soort"])
@pytest.mark.parametrize("bereik", [swv_bereik, school_bereik])
def test_every_figure_is_one_query_whatever_the_number_of_cases(w, figuur_id, bereik, django_assert_num_queries):
    f = figuren.figuur(figuur_id)
    _veel(w, 1)
    with django_assert_num_queries(1):
        f.maak(bereik(w))
    _veel(w, 12)
    with django_assert_num_queries(1):
        tabel = f.maak(bereik(w))
    assert tabel.id == figuur_id and tabel.kolommen and tabel.samenvatting


def test_the_registry_holds_every_figure_in_page_order(w):
    ids = [f.id for f in figuren.figuren() if f.op_pagina]
    assert ids == ["termijnen", "termijnen-scholen", "op-tijd", "op-tijd-scholen", "aanmeldingen-afloop",
                   "aanmeldingen-weigeringen", "tlv-soort", "tlv-categorie", "geschillen-soort", "geschillen-oordeel",
                   "thuiszitters-duur", "thuiszitters-soort"]
    school = [f.id for f in figuren.figuren(school_bereik(w)) if f.op_pagina]
    assert "termijnen-scholen" not in school and "op-tijd-scholen" not in school and "tlv-soort" in school


# --- the pages and the list behind a number ------------------------------------------------------------------------

def _tabel(html: str, tabel_id: str) -> list[list[str]]:
    blok = re.search(rf'<table[^>]*id="{tabel_id}".*?</table>', html, re.S).group(0)
    rijen = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", blok, re.S).group(1), re.S)
    return [[htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in rijen]


def _links(html: str, tabel_id: str) -> list[str]:
    blok = re.search(rf'<table[^>]*id="{tabel_id}".*?</table>', html, re.S).group(0)
    return [htmllib.unescape(u) for u in re.findall(r'<a href="([^"]+)"', blok)]


def test_swv_page_shows_every_figure_as_chart_and_table(w, client):
    _veel(w, 2)
    login_staff(client, w.swv_mw_a)
    r = client.get(reverse("monitoring:swv", args=[w.swv_a.pk]))
    html = r.content.decode()
    for f in figuren.figuren():
        if not f.op_pagina:
            assert f'id="tabel-{f.id}"' not in html
            continue
        assert f'<svg id="grafiek-{f.id}"' in html, f.id
        assert f'<table class="table table-sm caption-top grafiek-tabel" id="tabel-{f.id}">' in html
        assert f'aria-labelledby="grafiek-{f.id}-titel grafiek-{f.id}-desc"' in html
    assert _tabel(html, "tabel-aanmeldingen-weigeringen")[0] == [str(WeigerGrond.PLAATSGEBREK.label), "2", "0"]
    # every link in a table goes to the cases behind it, and each of them opens
    links = _links(html, "tabel-tlv-soort")
    assert links and all(u.startswith(reverse("monitoring:swv_zaken", args=[w.swv_a.pk]) + "?figuur=tlv-soort&") for u in links)
    lijst = client.get(links[0])
    assert lijst.status_code == 200 and len(_tabel(lijst.content.decode(), "tabel-zaken")) == 2
    assert "<style" not in html.split("<body", 1)[1] and "'unsafe-inline'" not in r["Content-Security-Policy"]


def test_school_page_names_no_other_school(w, client):
    _veel(w, 2)
    tlv(w, school=w.school_c, soort=TlvSoort.VSO)
    login_staff(client, w.ib_a)
    html = client.get(reverse("monitoring:school", args=[w.school_a.pk])).content.decode()
    assert w.school_a.naam in html
    assert "Basisschool De Andere" not in html and w.school_b.naam not in html
    assert "gemiddelde per school" in html
    assert 'id="tabel-termijnen-scholen"' not in html
    assert "Klacht" not in [r[0] for r in _tabel(html, "tabel-geschillen-soort")]
    for u in _links(html, "tabel-thuiszitters-soort"):
        assert u.startswith(reverse("monitoring:school_zaken", args=[w.school_a.pk]))
        assert f"{w.school_a.pk}%3A" in u or f"sleutel={w.school_a.pk}:" in u


def test_the_cases_behind_a_number_open_only_for_who_may_see_them(w, client):
    t = tlv(w, school=w.school_a)
    login_staff(client, w.ib_a)
    url = reverse("monitoring:school_zaken", args=[w.school_a.pk])
    r = client.get(f"{url}?figuur=tlv-soort&sleutel={w.school_a.pk}:so:geldig")
    assert r.status_code == 200
    rijen = _tabel(r.content.decode(), "tabel-zaken")
    assert len(rijen) == 1 and rijen[0][0].startswith(t.nummer)
    client.logout()
    login_staff(client, w.swv_mw_a)
    html = client.get(reverse("monitoring:swv_zaken", args=[w.swv_a.pk]) + "?figuur=tlv-soort&sleutel=alle:so:geldig"
                      ).content.decode()
    assert f'href="{t.get_absolute_url()}"' in html  # the SWV decided it: it opens


@pytest.mark.parametrize("query", [
    "", "figuur=bestaat-niet&sleutel=alle:so:geldig", "figuur=tlv-soort", "figuur=tlv-soort&sleutel=alle:xx:geldig",
    "figuur=tlv-soort&sleutel=alle:so", "figuur=tlv-soort&sleutel={c}:so:geldig", "figuur=tlv-soort&sleutel=swv:so:geldig",
    "figuur=termijnen-scholen&sleutel={a}:opp:te_laat", "figuur=inspectie-thuiszitters&sleutel=x",
    "figuur=geschillen-soort&sleutel={a}:klacht:dit", "figuur=op-tijd&sleutel={a}:2020-01-01:beslist",
])
def test_a_school_cannot_reach_cases_the_page_did_not_link(w, client, query):
    """Only a cell the school's own page shows: another school's cell, the SWV's, a figure of the SWV's page only,
    a download-only figure, a confidential klacht, an unknown key — all 404."""
    login_staff(client, w.ib_a)
    url = reverse("monitoring:school_zaken", args=[w.school_a.pk])
    assert client.get(f"{url}?{query.format(a=w.school_a.pk, c=w.school_c.pk)}").status_code == 404


def test_access_to_the_lists(w, client):
    swv_url = reverse("monitoring:swv_zaken", args=[w.swv_a.pk]) + "?figuur=tlv-soort&sleutel=alle:so:geldig"
    school_url = reverse("monitoring:school_zaken", args=[w.school_a.pk]) + f"?figuur=tlv-soort&sleutel={w.school_a.pk}:so:geldig"
    assert client.get(swv_url).status_code == 302  # anonymous: to the login
    client.force_login(w.ouder_a)
    assert client.get(swv_url).status_code == 404 and client.get(school_url).status_code == 404
    client.logout()
    login_staff(client, w.ib_b)
    assert client.get(swv_url).status_code == 404 and client.get(school_url).status_code == 404
    client.logout()
    login_staff(client, w.swv_mw_a)
    assert client.get(swv_url).status_code == 200 and client.get(school_url).status_code == 404
    other = reverse("monitoring:swv_zaken", args=[w.swv_b.pk]) + "?figuur=tlv-soort&sleutel=alle:so:geldig"
    assert client.get(other).status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("naam", "wie"), [("monitoring:swv", "swv"), ("monitoring:school", "school"),
                                           ("monitoring:swv_zaken", "swv"), ("monitoring:school_zaken", "school")])
def test_pages_run_a_constant_number_of_queries(w, client, naam, wie, django_assert_max_num_queries, monkeypatch):
    # the figures computed every time (kept figures: tests/test_monitoring_cache.py)
    monkeypatch.setattr("portal.monitoring.views.deel", lambda _naam, _sleutel, maak: maak())
    pk = w.swv_a.pk if wie == "swv" else w.school_a.pk
    url = reverse(naam, args=[pk])
    if naam.endswith("zaken"):
        url += "?figuur=thuiszitters-soort&sleutel=" + ("alle" if wie == "swv" else str(w.school_a.pk)) + ":relatief"
    login_staff(client, w.swv_mw_a if wie == "swv" else w.ib_a)
    _veel(w, 1)
    thuiszitter(w.school_a, date(2026, 10, 1))  # a case behind the number on both pages (an empty list skips queries)
    client.get(url)  # warm the session and the user's cache
    een = _queries(client, url)
    _veel(w, 12)
    assert _queries(client, url) == een
    # at most: with Redis the session is read from the cache (one query fewer than on the local-memory default)
    pinned = {"monitoring:swv": 19, "monitoring:school": 18, "monitoring:swv_zaken": 13, "monitoring:school_zaken": 14}
    with django_assert_max_num_queries(pinned[naam]):
        client.get(url)


def test_zaken_list_is_paginated(w, client):
    for i in range(55):
        thuiszitter(w.school_a, date(2026, 10, 1) + timedelta(days=i % 20))
    login_staff(client, w.swv_mw_a)
    url = reverse("monitoring:swv_zaken", args=[w.swv_a.pk]) + "?figuur=thuiszitters-soort&sleutel=alle:relatief"
    eerste = client.get(url).content.decode()
    assert len(_tabel(eerste, "tabel-zaken")) == 50 and "Pagina 1 van 2" in eerste
    assert len(_tabel(client.get(url + "&pagina=2").content.decode(), "tabel-zaken")) == 5


def test_school_year_is_august_to_july():
    """T-4: the school year runs 1 August – 31 July (the same as portal.termijnen.dates.schooljaar_einde)."""
    from portal.termijnen.dates import schooljaar_einde

    for d in (date(2026, 8, 1), date(2026, 7, 31), date(2027, 1, 1)):
        assert figuren.schooljaar(d)[1] == schooljaar_einde(d)
    assert figuren.schooljaar(date(2026, 8, 1)) == (date(2026, 8, 1), date(2027, 7, 31))
    assert figuren.schooljaar_label(date(2026, 7, 31)) == "2025/2026"
    assert figuren.vorig_schooljaar(date(2026, 12, 2)) == (date(2025, 8, 1), date(2026, 7, 31))


def test_zaak_base_and_kind_lists_agree(w):
    """A figure may return its kind's queryset (a subclass of Zaak): the list reads it like the core's."""
    t = thuiszitter(w.school_a, date(2026, 11, 1))
    qs = figuren.figuur("thuiszitters-soort").zaken(swv_bereik(w), "alle:relatief")
    assert set(Zaak.objects.filter(pk__in=qs.values("pk")).values_list("pk", flat=True)) == {t.pk}


# --- the key of a cell, read once for every figure (figuren.Bereik.lees_sleutel) ------------------------------------

_SWV = Bereik(swv_id=7, school_ids=(1, 2), vandaag=date(2026, 12, 6))
_SCHOOL = Bereik(swv_id=7, school_ids=(1, 2), vandaag=date(2026, 12, 6), eigen_school=1)


@pytest.mark.parametrize("bereik, sleutel, verwacht", [
    (_SWV, "alle:a:x", ((1, 2), 7, True)),
    (_SWV, "2:a:x", ((2,), None, False)),
    (_SCHOOL, "1:a:x", ((1,), None, False)),
])
def test_lees_sleutel_geeft_wie_en_delen(bereik, sleutel, verwacht):
    wie, code, maat = bereik.lees_sleutel(sleutel, {"a"}, None)
    assert (wie.school_ids, wie.swv_id, wie.alle) == verwacht
    assert (code, maat) == ("a", "x")


@pytest.mark.parametrize("bereik, sleutel", [
    (_SWV, "alle:a"),  # too short
    (_SWV, "alle:a:x:y"),  # too long
    (_SWV, "alle:b:x"),  # a part the figure does not make
    (_SWV, "3:a:x"),  # a school outside the SWV
    (_SWV, "swv:a:x"),  # the SWV's own cases: only where the figure counts them apart
    (_SWV, "²:a:x"),
    (_SWV, ""),
    (_SCHOOL, "2:a:x"),  # on a school's page: another school's cases
    (_SCHOOL, "alle:a:x"),
])
def test_lees_sleutel_weigert_wat_de_pagina_niet_maakte(bereik, sleutel):
    with pytest.raises(OnbekendeSleutel):
        bereik.lees_sleutel(sleutel, {"a"}, None)


def test_lees_sleutel_swv_apart():
    wie, _code = _SWV.lees_sleutel("swv:a", {"a"}, swv_apart=True)
    assert (wie.school_ids, wie.swv_id) == ((), 7)
    assert _SWV.eigen_sleutel == "alle" and _SCHOOL.eigen_sleutel == "1"
