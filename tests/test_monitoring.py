"""The SWV's monitoring pages (issue #20 §2, §3, §5; DOMAIN §5 W3): open terms per school and case kind (due this
week, overdue), the share decided on time per quarter, charts as SVG under the strict CSP, the school's own view,
the terms behind every figure, and query counts that do not grow with the number of cases."""

import html as htmllib
import re
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.monitoring import selectors
from portal.termijnen.models import Clock, Uitkomst
from portal.zaken.models import Zaak

from .conftest import login_staff
from .factories import LeerlingFactory, SchoolFactory, member, ouder_van

VANDAAG = date(2026, 12, 2)  # a Wednesday: "this week" runs to Sunday 6 December


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel("2026-12-02 10:00 +01:00", tick=False):
        yield


def zaak(soort, school, leerling=None):
    return Zaak.objects.create(zaaktype=soort, leerling=leerling or LeerlingFactory(), school=school)


def klok(z, *, uiterlijk=None, regel="A-6", gesloten_op=None, uitkomst="", voor_ouders=False, start=date(2026, 9, 1)):
    return Clock.objects.create(regel_id=regel, params={"naam": f"Termijn {regel}"}, zaak=z, omschrijving=z.nummer,
                                school=None if voor_ouders else z.school, swv=None, start=start,
                                uiterlijk=uiterlijk, gesloten_op=gesloten_op, uitkomst=uitkomst)


# (case kind, due date, other facts) -> counted as (open, this week, overdue) in its group
OPEN_GEVALLEN = [
    ("aanmelding", date(2026, 12, 1), {}, (1, 0, 1)),  # due yesterday: overdue
    ("aanmelding", date(2026, 12, 2), {}, (1, 1, 0)),  # due today: this week, not yet late
    ("aanmelding", date(2026, 12, 6), {}, (1, 1, 0)),  # due Sunday: still this week
    ("aanmelding", date(2026, 12, 7), {}, (1, 0, 0)),  # due next Monday: open only
    ("aanmelding", None, {}, (1, 0, 0)),  # suspended (no due date): open, neither due nor late
    ("aanmelding", date(2026, 11, 1), {"gesloten_op": date(2026, 10, 30), "uitkomst": Uitkomst.OP_TIJD},
     (0, 0, 0)),  # closed: not open
    ("aanmelding", date(2026, 11, 1), {"regel": "B-2b"}, (0, 0, 0)),  # the portal's policy term: not statutory
    ("aanmelding", date(2026, 11, 1), {"voor_ouders": True}, (0, 0, 0)),  # the parents' own term: no school
    ("opp", date(2026, 11, 30), {}, (1, 0, 1)),  # an OPP overdue
    ("tlv", date(2026, 12, 4), {}, (1, 1, 0)),  # a TLV due Friday
    ("geschil", date(2026, 11, 2), {}, (1, 0, 1)),  # a geschil overdue …
    ("klacht", date(2026, 12, 3), {}, (1, 1, 0)),  # … and a klacht due tomorrow: both in "geschillen"
]
GROEP_VAN = {"aanmelding": "aanmeldingen", "opp": "opp", "tlv": "tlv", "geschil": "geschillen", "klacht": "geschillen"}


@pytest.mark.parametrize(("soort", "uiterlijk", "extra", "verwacht"), OPEN_GEVALLEN)
def test_one_term_is_counted_in_its_group(world, soort, uiterlijk, extra, verwacht):
    klok(zaak(soort, world.school_a), uiterlijk=uiterlijk, **extra)
    tellingen = selectors.open_termijnen([world.school_a.pk, world.school_b.pk], VANDAAG)
    for groep in selectors.GROEP:
        t = tellingen[world.school_a.pk][groep]
        assert (t.open, t.week, t.te_laat) == (verwacht if groep == GROEP_VAN[soort] else (0, 0, 0)), groep
    assert all(t == selectors.Telling() for t in tellingen[world.school_b.pk].values())


def test_the_groups_come_from_the_zaaktype_registry():
    assert selectors.GROEP["geschillen"].zaaktypen == sorted(
        ["klacht", "bezwaar", "geschil", "advies", "schorsing", "verwijdering"])
    assert selectors.GROEP["aanmeldingen"].zaaktypen == ["aanmelding"]


def test_quarters_end_with_the_current_one():
    assert selectors.kwartalen(VANDAAG) == [date(2025, 7, 1), date(2025, 10, 1), date(2026, 1, 1), date(2026, 4, 1),
                                            date(2026, 7, 1), date(2026, 10, 1)]
    assert selectors.kwartalen(date(2026, 1, 15), 2) == [date(2025, 10, 1), date(2026, 1, 1)]
    assert selectors.kwartaal_einde(date(2025, 10, 1)) == date(2025, 12, 31)


# (closed on, outcome) -> counted in quarter (None: not counted)
GESLOTEN = [
    (date(2026, 11, 20), Uitkomst.OP_TIJD, date(2026, 10, 1)),
    (date(2026, 10, 1), Uitkomst.TE_LAAT, date(2026, 10, 1)),  # first day of the quarter
    (date(2026, 9, 30), Uitkomst.OP_TIJD, date(2026, 7, 1)),  # last day of the previous one
    (date(2025, 7, 1), Uitkomst.TE_LAAT, date(2025, 7, 1)),  # the oldest quarter shown
    (date(2025, 6, 30), Uitkomst.OP_TIJD, None),  # before it: not shown
    (date(2026, 11, 3), Uitkomst.VERVALLEN, None),  # lapsed (the case ended otherwise): neither on time nor late
]


def test_share_on_time_per_quarter(world):
    for gesloten_op, uitkomst, _k in GESLOTEN:
        klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 1, 1), gesloten_op=gesloten_op, uitkomst=uitkomst)
    reeks = selectors.op_tijd_per_kwartaal([world.school_a.pk], VANDAAG)[world.school_a.pk]
    verwacht = {k: selectors.OpTijd() for k in selectors.kwartalen(VANDAAG)}
    for _g, uitkomst, k in GESLOTEN:
        if k is not None:
            verwacht[k] += selectors.OpTijd(int(uitkomst == Uitkomst.OP_TIJD), 1)
    assert reeks.kwartalen == verwacht
    assert reeks.kwartalen[date(2026, 10, 1)].procent == 50
    assert reeks.kwartalen[date(2026, 4, 1)].procent is None


def test_start_page_counts_unchanged(world, client):
    """The SWV's start page reads the same selector (its figures as before: open and overdue per school)."""
    klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 12, 1))
    klok(zaak("opp", world.school_a), uiterlijk=date(2026, 12, 20))
    klok(zaak("opp", world.school_a), uiterlijk=date(2026, 11, 20), regel="B-2b")
    login_staff(client, world.swv_mw_a)
    r = client.get(reverse("core:home"))
    s = {x.pk: x for x in r.context["scholen"]}[world.school_a.pk]
    assert (s.open_termijnen, s.verlopen_termijnen) == (2, 1)
    assert reverse("monitoring:swv", args=[world.swv_a.pk]) in r.content.decode()


# --- access ---------------------------------------------------------------------------------------------------

def test_swv_staff_sees_own_swv_only(world, client):
    login_staff(client, world.swv_mw_a)
    assert client.get(reverse("monitoring:swv", args=[world.swv_a.pk])).status_code == 200
    assert client.get(reverse("monitoring:swv", args=[world.swv_b.pk])).status_code == 404
    assert client.get(reverse("monitoring:swv_termijnen", args=[world.swv_b.pk])).status_code == 404
    assert client.get(reverse("monitoring:school", args=[world.school_a.pk])).status_code == 404


def test_school_staff_sees_own_school_only(world, client):
    login_staff(client, world.ib_a)
    assert client.get(reverse("monitoring:school", args=[world.school_a.pk])).status_code == 200
    assert client.get(reverse("monitoring:school", args=[world.school_b.pk])).status_code == 404
    assert client.get(reverse("monitoring:school_termijnen", args=[world.school_b.pk])).status_code == 404
    assert client.get(reverse("monitoring:swv", args=[world.swv_a.pk])).status_code == 404


def test_parent_and_anonymous_are_refused(world, client):
    url = reverse("monitoring:swv", args=[world.swv_a.pk])
    r = client.get(url)
    assert r.status_code == 302 and "/account/inloggen/" in r["Location"]
    client.force_login(world.ouder_a)
    assert client.get(url).status_code == 404
    assert client.get(reverse("monitoring:school", args=[world.school_a.pk])).status_code == 404


def test_a_school_outside_the_swv_in_the_filter_is_404(world, client):
    login_staff(client, world.swv_mw_a)
    url = reverse("monitoring:swv_termijnen", args=[world.swv_a.pk])
    for q in (f"school={world.school_b.pk}", "school=x", "groep=onbekend", "maat=alles", "maat=beslist&kwartaal=2020-01-01",
              "maat=beslist&kwartaal=gisteren"):
        assert client.get(f"{url}?{q}").status_code == 404, q


# --- the pages ------------------------------------------------------------------------------------------------

def _tabel(html: str, tabel_id: str) -> list[list[str]]:
    blok = re.search(rf'<table[^>]*id="{tabel_id}".*?</table>', html, re.S).group(0)
    rijen = re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", blok, re.S).group(1), re.S)
    return [[htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rijen]


def _svg(html: str, svg_id: str) -> str:
    # a plain <svg> in the default namespace (an HTML parser does not read "<svg:svg>" as SVG)
    return re.search(rf'<svg [^>]*id="{svg_id}".*?</svg>', html, re.S).group(0)


def _wereld_met_termijnen(world):
    world.school_c = SchoolFactory(swvs=[world.swv_a], naam="Basisschool De Andere")
    for soort, uiterlijk, extra, _v in OPEN_GEVALLEN:
        klok(zaak(soort, world.school_a), uiterlijk=uiterlijk, **extra)
    klok(zaak("opp", world.school_c), uiterlijk=date(2026, 11, 1))  # overdue at the other school
    klok(zaak("aanmelding", world.school_b), uiterlijk=date(2026, 11, 1))  # another SWV: not counted
    for gesloten_op, uitkomst, _k in GESLOTEN:
        klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 1, 1), gesloten_op=gesloten_op, uitkomst=uitkomst)


def test_swv_page_chart_and_table_agree(world, client):
    _wereld_met_termijnen(world)
    login_staff(client, world.swv_mw_a)
    r = client.get(reverse("monitoring:swv", args=[world.swv_a.pk]))
    html = r.content.decode()
    assert _tabel(html, "tabel-termijnen") == [
        ["Aanmeldingen", "2", "1"], ["OPP's", "0", "2"], ["TLV's", "1", "0"], ["Geschillen", "1", "1"]]
    svg = _svg(html, "grafiek-termijnen")
    assert '<title id="grafiek-termijnen-titel">Open termijnen per soort zaak</title>' in svg
    assert re.search(r'<desc id="grafiek-termijnen-desc">[^<]*4 termijnen lopen deze week af, 4 zijn te laat', svg)
    assert svg.startswith('<svg id="grafiek-termijnen"') and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert 'role="img"' in svg and 'aria-labelledby="grafiek-termijnen-titel grafiek-termijnen-desc"' in svg
    # the values printed on the bars are the table's (black-and-white: the value is text, not only a colour)
    waarden = re.findall(r'<text[^>]*class="value[^"]*"[^>]*>([^<]+)</text>', svg)
    tabel = _tabel(html, "tabel-termijnen")
    assert waarden == [r[1] for r in tabel] + [r[2] for r in tabel]  # series "this week", then "overdue"
    # the strict CSP allows no inline style or script: none in the SVG
    assert "<style" not in svg and "style=" not in svg and "<script" not in svg
    assert "'unsafe-inline'" not in r["Content-Security-Policy"]
    # the schools' table: school C's overdue OPP links to the terms behind it
    scholen = {rij[0]: rij[1:] for rij in _tabel(html, "tabel-termijnen-scholen")}
    assert scholen["Basisschool De Andere"][3] == "1"
    assert scholen["Samenwerkingsverband zelf (TLV's)"] == ["0"] * 8
    assert world.school_b.naam not in html
    # on time: the SWV's quarters, the chart's summary says the trend
    # 2026 K4: two of GESLOTEN (one on time, one late) and the closed aanmelding of OPEN_GEVALLEN (on time)
    assert _tabel(html, "tabel-op-tijd")[-1] == ["2026 K4", "2", "3", "67"]
    assert _tabel(html, "tabel-op-tijd")[0] == ["2025 K3", "0", "1", "0"]
    svg = _svg(html, "grafiek-op-tijd")
    assert "<title" in svg and "van 0 % naar 67 % op tijd (stijgend)" in svg


def test_a_figure_opens_the_cases_behind_it(world, client):
    _wereld_met_termijnen(world)
    login_staff(client, world.swv_mw_a)
    url = (reverse("monitoring:swv_zaken", args=[world.swv_a.pk])
           + f"?figuur=termijnen-scholen&sleutel={world.school_c.pk}%3Aopp%3Ate_laat")
    assert url.replace("&", "&amp;") in client.get(reverse("monitoring:swv", args=[world.swv_a.pk])).content.decode()
    html = client.get(url).content.decode()
    rijen = _tabel(html, "tabel-zaken")
    assert len(rijen) == 1 and rijen[0][0].startswith("Ontwikkelingsperspectief #")
    assert "geen inzage" in rijen[0][0]  # the SWV may not open a school's OPP: the number, not the file
    assert "Open termijnen per school" in html and "Basisschool De Andere" in html


def test_the_clock_list_still_opens_the_terms(world, client):
    _wereld_met_termijnen(world)
    login_staff(client, world.swv_mw_a)
    url = (reverse("monitoring:swv_termijnen", args=[world.swv_a.pk])
           + f"?school={world.school_c.pk}&groep=opp&maat=te_laat")
    html = client.get(url).content.decode()
    rijen = _tabel(html, "tabel-termijnen-lijst")
    assert len(rijen) == 1 and rijen[0][0].startswith("Ontwikkelingsperspectief #")
    assert "geen inzage" in rijen[0][0]  # the SWV may not open a school's OPP: the number, not the file
    # all overdue aanmeldingen of the SWV: school A's one
    html = client.get(reverse("monitoring:swv_termijnen", args=[world.swv_a.pk]) + "?groep=aanmeldingen&maat=te_laat")
    assert len(_tabel(html.content.decode(), "tabel-termijnen-lijst")) == 1
    # the closed terms of a quarter, with their outcome
    html = client.get(reverse("monitoring:swv_termijnen", args=[world.swv_a.pk]) + "?maat=beslist&kwartaal=2026-10-01")
    uitkomsten = sorted(r[-1] for r in _tabel(html.content.decode(), "tabel-termijnen-lijst"))
    assert uitkomsten == ["op tijd", "op tijd", "te laat"]


def test_school_page_beside_the_average_without_other_schools(world, client):
    _wereld_met_termijnen(world)
    login_staff(client, world.ib_a)
    r = client.get(reverse("monitoring:school", args=[world.school_a.pk]))
    html = r.content.decode()
    assert "Basisschool De Andere" not in html and world.school_b.naam not in html
    # school A's OPP is overdue, so is school C's: the average over the SWV's two schools is 1 (in Dutch notation)
    rijen = {r[0]: r[1:] for r in _tabel(html, "tabel-termijnen")}
    assert rijen["OPP's"] == ["0", "0,0", "1", "1,0"]
    assert rijen["Aanmeldingen"] == ["2", "1,0", "1", "0,5"]
    svg = _svg(html, "grafiek-termijnen")
    assert "<title" in svg and "gemiddelde per school" in svg
    assert re.findall(r'<text[^>]*class="value[^"]*"[^>]*>([^<]+)</text>', svg)[4:] == ["0,5", "1,0", "0,0", "0,5"]
    # the school's own terms behind a figure open for the IB'er (link to the case)
    lijst = client.get(reverse("monitoring:school_termijnen", args=[world.school_a.pk]) + "?groep=opp&maat=te_laat")
    assert "geen inzage" not in lijst.content.decode()
    assert len(_tabel(lijst.content.decode(), "tabel-termijnen-lijst")) == 1


# --- query counts ---------------------------------------------------------------------------------------------

def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("naam", ["monitoring:swv", "monitoring:school", "monitoring:swv_termijnen",
                                  "monitoring:school_termijnen"])
def test_query_count_does_not_grow_with_cases(world, client, naam, django_assert_max_num_queries, monkeypatch):
    # the figures computed every time (kept figures: tests/test_monitoring_cache.py)
    monkeypatch.setattr("portal.monitoring.views.deel", lambda _naam, _sleutel, maak: maak())
    swv_pagina = naam.startswith("monitoring:swv")
    user = world.swv_mw_a if swv_pagina else world.ib_a
    url = reverse(naam, args=[world.swv_a.pk if swv_pagina else world.school_a.pk])
    if naam.endswith("termijnen"):
        url += "?maat=open"
    login_staff(client, user)
    klok(zaak("aanmelding", world.school_a), uiterlijk=date(2026, 12, 1))
    client.get(url)  # warm the session and the user's cache
    een = _queries(client, url)
    extra = SchoolFactory(swvs=[world.swv_a])
    for i in range(15):
        for soort in ("aanmelding", "opp", "tlv", "geschil"):
            school = world.school_a if i % 2 else extra
            klok(zaak(soort, school), uiterlijk=date(2026, 11, 20 + i % 10))
            klok(zaak(soort, school), uiterlijk=date(2026, 3, 1), gesloten_op=date(2026, 2, 1), uitkomst=Uitkomst.OP_TIJD)
    veel = _queries(client, url)
    assert veel == een
    with django_assert_max_num_queries(21):
        client.get(url)


def test_parent_of_a_child_sees_no_monitoring_link(world, client):
    client.force_login(ouder_van(LeerlingFactory()))
    assert "/monitoring/" not in client.get(reverse("core:home")).content.decode()
    assert member(Rol.SWV, swv=world.swv_b).swv_ids() == {world.swv_b.pk}


def test_chart_is_plain_svg_even_when_a_prefix_is_registered():
    """WeasyPrint registers the prefix "svg" for the SVG namespace; a chart serialised as "<svg:svg>" is not SVG to an
    HTML parser (the browser showed the chart's texts as a paragraph)."""
    import xml.etree.ElementTree as ET

    from portal.monitoring import grafieken

    ET.register_namespace("svg", grafieken.SVG)
    svg = grafieken.lijngrafiek(id_="g", titel="Titel", samenvatting="Samenvatting", labels=["2026 K1", "2026 K2"],
                                reeksen=[("School", [50, None]), ("SWV", [None, None])])
    assert svg.startswith('<svg id="g"') and "svg:" not in svg and 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert '<title id="g-titel">Titel</title><desc id="g-desc">Samenvatting</desc>' in svg
    assert "<style" not in svg and "style=" not in svg and "<script" not in svg


def test_chart_renders_in_a_pdf(world):
    """The same SVG inside WeasyPrint (issue #20 §3): the chart's title and printed values are in the PDF's text."""
    from portal.documenten.pdf import render_pdf
    from portal.monitoring import grafieken

    from .test_privacy import pdf_tekst

    svg = grafieken.staafgrafiek(id_="g", titel="Open termijnen", samenvatting="Drie te laat bij de TLV's.",
                                 labels=["Aanmeldingen", "TLV's"], reeksen=[("te laat", [1, 37])])
    pdf = render_pdf("monitoring/pdf/grafiek.html", {"titel": "Monitoring", "wie": world.swv_a.naam, "grafiek": {
        "svg": grafieken.voor_pdf(svg), "samenvatting": "Drie te laat bij de TLV's."}})
    tekst = pdf_tekst(pdf)
    assert pdf.startswith(b"%PDF") and "Drie te laat bij de TLV" in tekst
    assert "37" in tekst and "Aanmeldingen" in tekst  # the SVG's own texts, drawn by WeasyPrint


def test_school_start_page_links_to_its_monitoring(world, client):
    login_staff(client, world.ib_a)
    html = client.get(reverse("core:home")).content.decode()
    assert reverse("monitoring:school", args=[world.school_a.pk]) in html
    assert reverse("monitoring:school", args=[world.school_b.pk]) not in html
    client.logout()
    login_staff(client, world.leerkracht_a)  # a teacher has no monitoring page
    assert "/monitoring/" not in client.get(reverse("core:home")).content.decode()
