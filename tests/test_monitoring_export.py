"""The monitoring exports (issue #20 §4; DOMAIN §5 W3): every figure as CSV and XLSX through the one writer, the
SWV's periodic report as a tagged PDF with its charts, and the inspectie's thuiszitters overview — anonymised, which is
asserted here over every cell of every row, in the figure and in both downloads."""

import csv
import io
import re
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.template.loader import render_to_string
from django.urls import reverse

from portal.audit.models import Actie, AuditEntry
from portal.monitoring import exports
from portal.monitoring.figuren import FIGUREN, Cel, Figuur, Grafiek, Tabel, register_figuur
from thuiszitters import inspectie
from thuiszitters.constants import Reden, Soort, Status, Wie
from thuiszitters.models import Mening, Thuiszitter

from .conftest import login_staff
from .factories import InschrijvingFactory, LeerlingFactory, SchoolFactory, ouder_van
from .pdfcheck import toegankelijk

VANDAAG = date(2026, 12, 2)

# The documented columns of the inspectie's overview (thuiszitters/inspectie.py, README "Thuiszitters voor de
# inspectie"): exactly these, in this order.
INSPECTIE_KOLOMMEN = [
    "Regel", "Peildatum", "Onderwijssoort", "Leeftijdscategorie", "Soort verzuim", "Vrijstelling",
    "Uren onderwijs per week", "Reden (categorie)", "Duur op peildatum", "Duur in weken", "Leerplicht geïnformeerd",
    "Plan met volgende afspraak", "Bij het samenwerkingsverband (na 3 maanden)", "Stand",
    "Terug: uren onderwijs per week",
]


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def proeffiguur():
    """A figure of the page with a chart, that names every school it knows (``Bereik.schoolnamen``): on the school
    view it can name only the school itself."""
    def maak(bereik):
        rijen = [[Cel(bereik.schoolnamen.get(s, "(andere school)")), Cel(i + 3, f"s{s}")]
                 for i, s in enumerate(bereik.school_ids)]
        return Tabel(id="proef", titel="Proeffiguur te laat", kolommen=["School", "Te laat"], rijen=rijen,
                     samenvatting="Drie te laat bij de TLV's.", voet=[[Cel("Totaal"), Cel(Decimal("37.5"))]],
                     grafiek=Grafiek("staaf", ["Aanmeldingen", "TLV's"], [("te laat", [3, 37])], "aantal"))

    f = register_figuur(Figuur(id="proef", titel="Proeffiguur te laat", maak=maak, volgorde=1))
    yield f
    FIGUREN._items.pop("proef", None)


@pytest.fixture
def thuis(world):
    """Thuiszitters of SWV A in every state, with personal data that must never reach the overview: names, BSNs,
    birth dates, free texts (the explanation, the plan, where the child went, the family's view), parents' e-mail."""
    w = world
    w.school_c = SchoolFactory(swvs=[w.swv_a], naam="Geheime Andere School", soort="vo")
    kinderen = {
        "open": LeerlingFactory(voornamen="Zwaantje", achternaam="Pietersen", bsn="999990031",
                                geboortedatum=date(2016, 3, 14)),
        "swv": LeerlingFactory(voornamen="Gijsbert", achternaam="Vandenbroek", bsn="999990043",
                               geboortedatum=date(2010, 12, 2)),
        "deel": LeerlingFactory(voornamen="Maartje", achternaam="Oosterhuis", bsn="999990055",
                                geboortedatum=date(2009, 1, 30)),
        "terug": LeerlingFactory(voornamen="Ruben", achternaam="Kwakkelstein", bsn="999990067",
                                 geboortedatum=date(2008, 7, 4)),
        "oud": LeerlingFactory(voornamen="Oude", achternaam="Afgesloten", bsn="999990079",
                               geboortedatum=date(2012, 5, 5)),
        "ander_swv": LeerlingFactory(voornamen="Elders", achternaam="Buitenswv", bsn="999990080",
                                     geboortedatum=date(2013, 6, 6)),
        "school_c": LeerlingFactory(voornamen="Cornelia", achternaam="Schoolceeuw", bsn="999990092",
                                    geboortedatum=date(2011, 2, 2)),
    }
    w.ouders = [ouder_van(k, email=f"ouder.{n}@voorbeeld.nl") for n, k in kinderen.items()]
    for k, s in [("open", w.school_a), ("deel", w.school_a), ("terug", w.school_a), ("oud", w.school_a),
                 ("ander_swv", w.school_b), ("school_c", w.school_c)]:
        InschrijvingFactory(leerling=kinderen[k], school=s)

    def maak(naam, *, school, swv=None, **kw):
        kw.setdefault("status", Status.OPEN)
        kw.setdefault("reden", Reden.GEEN_PLEK)
        return Thuiszitter.objects.create(
            zaaktype="thuiszitter", leerling=kinderen[naam], school=school, swv=swv or (school and school.samenwerkingsverbanden.first()),
            toelichting=f"Vrije toelichting {naam} =HYPERLINK(\"http://x\")", plan_wat=f"Plantekst {naam}",
            plan_wie=f"Planner {naam}", eind_waar=f"Eindplek {naam}" if kw.get("einddatum") else "", **kw)

    w.tz = {
        "open": maak("open", school=w.school_a, soort=Soort.RELATIEF, sinds=VANDAAG - timedelta(days=10)),
        "swv": maak("swv", school=None, swv=w.swv_a, soort=Soort.ABSOLUUT, sinds=date(2026, 7, 1),
                    status=Status.BIJ_SWV, leerplicht_gemeld_op=date(2026, 7, 20), reden=Reden.SCHOOLWEIGERING,
                    plan_volgende_datum=date(2026, 12, 10)),
        "deel": maak("deel", school=w.school_a, soort=Soort.GEDEELTELIJK_MET, sinds=date(2026, 10, 15),
                     uren_per_week=Decimal("6.5"), reden=Reden.PSYCHISCH),
        "terug": maak("terug", school=w.school_a, soort=Soort.RELATIEF, sinds=date(2026, 9, 1),
                      status=Status.BEEINDIGD, einddatum=date(2026, 11, 20), eind_uren=Decimal("20")),
        "oud": maak("oud", school=w.school_a, soort=Soort.RELATIEF, sinds=date(2026, 1, 5), status=Status.BEEINDIGD,
                    einddatum=date(2026, 6, 1), eind_uren=Decimal("24")),
        "ander_swv": maak("ander_swv", school=w.school_b, soort=Soort.RELATIEF, sinds=date(2026, 11, 1)),
        "school_c": maak("school_c", school=w.school_c, soort=Soort.GEDEELTELIJK_ZONDER, sinds=date(2026, 11, 1),
                         uren_per_week=Decimal("12")),
    }
    for t in w.tz.values():
        Mening.objects.create(thuiszitter=t, wie=Wie.OUDERS, tekst=f"Mening van de ouders over {t.leerling.achternaam}")
    w.kinderen = kinderen
    return w


def _verboden(w) -> set[str]:
    """Every personal datum of the pupils and parents in the data, as text in the forms a cell could hold it."""
    uit = set()
    for k in w.kinderen.values():
        uit |= {k.voornamen, k.achternaam, k.bsn, k.naam, k.geboortedatum.isoformat(),
                k.geboortedatum.strftime("%d-%m-%Y"), f"{k.geboortedatum.day}-{k.geboortedatum.month}-{k.geboortedatum.year}"}
    for t in Thuiszitter.objects.all():
        uit |= {t.toelichting, t.plan_wat, t.plan_wie, t.nummer}
        uit |= {v for v in [t.eind_waar] if v}
    uit |= set(Mening.objects.values_list("tekst", flat=True))
    uit |= {o.email for o in w.ouders} | {w.ouder_a.email, w.ouder_b.email}
    return {v for v in uit if v}


def _geen_persoonsgegevens(w, rijen):
    verboden = _verboden(w)
    geboren = {k.geboortedatum for k in w.kinderen.values()}
    for rij in rijen:
        for cel in rij:
            if isinstance(cel, date):
                assert cel not in geboren, rij
            tekst = str(cel)
            for v in verboden:
                assert v not in tekst, f"persoonsgegeven {v!r} in cel {tekst!r}"


def _csv(r) -> list[list[str]]:
    assert r.status_code == 200 and r["Content-Type"] == "text/csv; charset=utf-8", r.status_code
    return list(csv.reader(io.StringIO(r.content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))


def _xlsx(r) -> list[list]:
    from openpyxl import load_workbook

    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    return [[c.value for c in rij] for rij in ws.iter_rows()]


def _url(naam, pk, figuur, formaat):
    return reverse(f"monitoring:{naam}", args=[pk, figuur, formaat])


# --- the inspectie's overview ----------------------------------------------------------------------------------------

def test_inspectie_overview_has_exactly_the_documented_columns(thuis):
    tabel = inspectie.maak(exports.bereik_swv(thuis.swv_a, VANDAAG))
    assert tabel.kolommen == INSPECTIE_KOLOMMEN
    assert all(len(r) == len(INSPECTIE_KOLOMMEN) for r in tabel.platte_rijen())
    assert FIGUREN[inspectie.FIGUUR_ID].op_pagina is False  # a download, not a figure on the page


def test_inspectie_overview_has_no_personal_data_in_any_cell(thuis, client):
    """Over every column of every row: the figure's values, the CSV and the XLSX the SWV downloads."""
    tabel = inspectie.maak(exports.bereik_swv(thuis.swv_a, VANDAAG))
    _geen_persoonsgegevens(thuis, tabel.platte_rijen())
    login_staff(client, thuis.swv_mw_a)
    for formaat, lees in (("csv", _csv), ("xlsx", _xlsx)):
        rijen = lees(client.get(_url("swv_download", thuis.swv_a.pk, inspectie.FIGUUR_ID, formaat)))
        assert rijen[0] == INSPECTIE_KOLOMMEN
        assert len(rijen) == 1 + 5  # open, at the SWV, partial, back in the quarter, the other member school
        _geen_persoonsgegevens(thuis, rijen[1:])
    assert not any("Geheime Andere School" in str(c) for r in tabel.platte_rijen() for c in r)  # no school named


def test_inspectie_rows_in_the_national_categories(thuis):
    rijen = {tuple(r[2:9]): r for r in inspectie.maak(exports.bereik_swv(thuis.swv_a, VANDAAG)).platte_rijen()}
    per_soort = {(r[4], r[5], r[13]): r for r in rijen.values()}
    assert [r[0] for r in sorted(rijen.values(), key=lambda r: r[0])] == [1, 2, 3, 4, 5]  # the row number only
    swv = per_soort[("Absoluut verzuim", "nee", "thuiszittend")]
    assert swv[1] == VANDAAG and swv[2] == "niet ingeschreven" and swv[3] == "16 en 17 jaar (kwalificatieplicht)"
    assert swv[8] == "3 maanden of langer" and swv[10] == "ja" and swv[11] == "ja" and swv[12] == "ja"
    deel = per_soort[("Gedeeltelijk onderwijs", "ja", "thuiszittend")]
    assert deel[6] == Decimal("6.5") and deel[8] == "4 weken tot 3 maanden" and deel[12] == "nee"
    assert deel[2] == thuis.school_a.get_soort_display() and deel[7] == "Psychische of medische problemen"
    terug = per_soort[("Langdurig relatief verzuim", "nee", "teruggekeerd in de periode")]
    assert terug[14] == Decimal("20") and terug[9] == 11  # 1 September to 20 November: 11 whole weeks
    open_ = per_soort[("Langdurig relatief verzuim", "nee", "thuiszittend")]
    assert open_[8] == "Korter dan 4 weken" and open_[3] == "5 t/m 11 jaar" and open_[14] is None


@pytest.mark.parametrize(("sinds", "tot", "verwacht"), [
    (date(2026, 11, 5), date(2026, 12, 2), "Korter dan 4 weken"),  # 27 days (F-1: more than 4 weeks)
    (date(2026, 11, 4), date(2026, 12, 2), "4 weken tot 3 maanden"),  # 28 days: 4 weeks (F-2)
    (date(2026, 9, 3), date(2026, 12, 2), "4 weken tot 3 maanden"),  # one day short of 3 months
    (date(2026, 9, 2), date(2026, 12, 2), "3 maanden of langer"),  # 3 months (F-3)
])
def test_duration_bands_follow_f1_f2_f3(sinds, tot, verwacht):
    assert inspectie.duur(sinds, tot) == verwacht


@pytest.mark.parametrize(("leeftijd", "band"), [(4, "jonger dan 5"), (5, "5 t/m 11 jaar"), (11, "5 t/m 11 jaar"),
                                                (12, "12 t/m 15 jaar"), (15, "12 t/m 15 jaar"),
                                                (16, "16 en 17 jaar (kwalificatieplicht)"), (18, "18 jaar of ouder")])
def test_age_band_instead_of_birth_date(leeftijd, band):
    assert inspectie.leeftijdscategorie(leeftijd) == band


def test_inspectie_period_is_the_quarter_before_the_peildatum():
    assert inspectie.periode(date(2026, 12, 2)) == (date(2026, 9, 3), date(2026, 12, 2))


def test_inspectie_school_view_has_only_its_own_children(thuis):
    rijen = inspectie.maak(exports.bereik_school(thuis.school_a, VANDAAG)).platte_rijen()
    assert len(rijen) == 3  # open, partial, back in the quarter: not the SWV's own case, not school C's


def test_inspectie_overview_reads_in_a_constant_number_of_queries(thuis, django_assert_num_queries):
    bereik = exports.bereik_swv(thuis.swv_a, VANDAAG)
    with django_assert_num_queries(1):
        inspectie.maak(bereik)
    for _i in range(5):
        Thuiszitter.objects.create(zaaktype="thuiszitter", leerling=LeerlingFactory(), school=thuis.school_a,
                                   swv=thuis.swv_a, status=Status.OPEN, soort=Soort.RELATIEF, reden=Reden.ANDERS,
                                   sinds=date(2026, 11, 1))
    with django_assert_num_queries(1):
        assert len(inspectie.maak(bereik).rijen) == 10


# --- downloads: access, formats, audit -------------------------------------------------------------------------------

def test_swv_download_as_csv_and_xlsx_is_audited(thuis, proeffiguur, client):
    login_staff(client, thuis.swv_mw_a)
    r = client.get(_url("swv_download", thuis.swv_a.pk, "proef", "xlsx"))
    assert r["X-Content-Type-Options"] == "nosniff"
    assert re.fullmatch(r'attachment; filename="proef-[A-Za-z0-9._-]+-2026-12-02\.xlsx"', r["Content-Disposition"])
    rijen = _xlsx(r)
    assert rijen[0] == ["School", "Te laat"] and rijen[-1] == ["Totaal", 37.5]
    assert {r[0] for r in rijen[1:-1]} == {thuis.school_a.naam, thuis.school_c.naam}
    assert _csv(client.get(_url("swv_download", thuis.swv_a.pk, "proef", "csv")))[-1] == ["Totaal", "37.5"]
    regels = AuditEntry.objects.filter(actor=thuis.swv_mw_a, actie=Actie.GEDOWNLOAD, object_type="organisaties.samenwerkingsverband",
                                       object_id=str(thuis.swv_a.pk))
    assert regels.count() == 2 and "Proeffiguur te laat (xlsx" in regels.order_by("pk").first().omschrijving


@pytest.mark.parametrize(("persona", "naam", "verwacht"), [
    ("swv_mw_a", "swv_download", 200), ("ib_a", "swv_download", 404), ("ouder_a", "swv_download", 404),
    ("ib_a", "school_download", 200), ("dir_a", "school_download", 200), ("ib_b", "school_download", 404),
    ("swv_mw_a", "school_download", 404), ("leerkracht_a", "school_download", 404), ("ouder_a", "school_download", 404),
])
def test_download_access_as_the_pages(thuis, proeffiguur, client, persona, naam, verwacht):
    login_staff(client, getattr(thuis, persona))
    pk = thuis.swv_a.pk if naam == "swv_download" else thuis.school_a.pk
    assert client.get(_url(naam, pk, "proef", "csv")).status_code == verwacht


def test_download_anonymous_goes_to_the_login(thuis, proeffiguur, client):
    r = client.get(_url("swv_download", thuis.swv_a.pk, "proef", "csv"))
    assert r.status_code == 302 and "/account/inloggen/" in r["Location"]


@pytest.mark.parametrize(("figuur", "formaat"), [("bestaat-niet", "csv"), ("proef", "pdf"), ("proef", "xls"),
                                                 ("proef", "CSV"), ("proef", "")])
def test_unknown_figure_or_format_is_404(thuis, proeffiguur, client, figuur, formaat):
    login_staff(client, thuis.swv_mw_a)
    url = reverse("monitoring:swv_download", args=[thuis.swv_a.pk, figuur, "csv"]).replace(".csv", f".{formaat}")
    assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(actor=thuis.swv_mw_a, actie=Actie.GEDOWNLOAD).exists()


def test_school_download_names_no_other_school_in_any_figure(thuis, proeffiguur, client):
    """Every figure of the school's page (and the download-only ones) as the IB'er downloads it: the school's own
    name at most, never another member school's, nor a school of another SWV."""
    login_staff(client, thuis.ib_a)
    andere = {thuis.school_c.naam, thuis.school_b.naam}
    bereik = exports.bereik_school(thuis.school_a, VANDAAG)
    ids = [f.id for f in exports.van_pagina(bereik)]
    assert "proef" in ids and inspectie.FIGUUR_ID in ids
    for figuur_id in ids:
        for formaat, lees in (("csv", _csv), ("xlsx", _xlsx)):
            rijen = lees(client.get(_url("school_download", thuis.school_a.pk, figuur_id, formaat)))
            for rij in rijen:
                for cel in rij:
                    assert not any(naam in str(cel) for naam in andere), (figuur_id, cel)
    proef = _csv(client.get(_url("school_download", thuis.school_a.pk, "proef", "csv")))
    assert [thuis.school_a.naam] == [r[0] for r in proef if r[0] not in ("School", "Totaal", "(andere school)")]


# --- the download links ----------------------------------------------------------------------------------------------

def test_every_figure_and_the_inspectie_overview_have_download_links_on_the_page(thuis, proeffiguur, client):
    login_staff(client, thuis.swv_mw_a)
    html = client.get(reverse("monitoring:swv", args=[thuis.swv_a.pk])).content.decode()
    for figuur_id in ("proef", inspectie.FIGUUR_ID):
        for formaat in ("csv", "xlsx"):
            assert f'href="{_url("swv_download", thuis.swv_a.pk, figuur_id, formaat)}"' in html
    html = render_to_string("monitoring/_download.html", {"csv_url": "/a.csv", "xlsx_url": "/a.xlsx", "naam": "Proef"})
    assert 'href="/a.csv"' in html and 'href="/a.xlsx"' in html and "Proef" in html


# --- the periodic report (PDF) ---------------------------------------------------------------------------------------

def test_report_is_a_tagged_pdf_with_every_figure_its_chart_and_table(thuis, proeffiguur, client):
    from .test_privacy import pdf_tekst

    login_staff(client, thuis.swv_mw_a)
    begin = time.monotonic()
    r = client.get(reverse("monitoring:swv_rapport", args=[thuis.swv_a.pk]))
    duur = time.monotonic() - begin
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith('attachment; filename="monitoringrapport-')
    pdf = r.content
    a = toegankelijk(pdf)
    assert a["tagged"] and a["structuur"] and a["pdfua"] and a["pdfa"] and a["lang"] == "nl"
    assert a["titel"] == f"Monitoringrapport {thuis.swv_a.naam}" and a["elke_pagina_getagd"]
    tekst = pdf_tekst(pdf)
    bereik = exports.bereik_swv(thuis.swv_a, VANDAAG)
    for f in exports.van_pagina(bereik):
        if f.op_pagina:
            assert str(f.maak(bereik).titel) in tekst, f.id
    assert "Thuiszitters voor de inspectie" not in tekst  # a download only, one row per child: not in the report
    assert "Drie te laat bij de TLV" in tekst and "Aanmeldingen" in tekst and "37" in tekst  # the chart's own texts
    assert "2 december 2026" in tekst and thuis.swv_a.naam in tekst
    assert AuditEntry.objects.filter(actor=thuis.swv_mw_a, omschrijving="Monitoringrapport (PDF)").count() == 1
    assert duur < 10, f"het rapport kostte {duur:.1f} s"


@pytest.mark.parametrize("persona", ["ib_a", "dir_a", "ouder_a", "leerkracht_a"])
def test_report_is_404_for_anyone_but_the_swv(thuis, client, persona):
    login_staff(client, getattr(thuis, persona))
    assert client.get(reverse("monitoring:swv_rapport", args=[thuis.swv_a.pk])).status_code == 404
