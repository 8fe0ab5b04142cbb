"""One CSV and XLSX writer for every export (issue #19 defect 7, issue #20 §4): a cell that could start a spreadsheet
formula is escaped (OWASP: a leading ``'``), in the OPP's ROD export as in the TLV register; in an XLSX every text is
stored as text (never a formula), numbers as numbers, dates as dates; no other module writes CSV or XLSX."""

import csv
import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from portal.basis.csvexport import (
    XLSX_TYPE,
    CsvSchrijver,
    cel,
    csv_response,
    download,
    veilige_bestandsnaam,
    xlsx_bytes,
    xlsx_cel,
)

FORMULE = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("waarde, verwacht", [
    (FORMULE, "'" + FORMULE),  # the classic: a link that sends the row away
    ("=1+1", "'=1+1"),
    ("+31 6 12345678", "'+31 6 12345678"),  # a phone number typed with + is text, not a sum
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),  # a TAB first
    ("\r=1", "'\r=1"),  # a CR first
    ("  =1", "'  =1"),  # leading spaces do not hide the sign
    ("\n@x", "'\n@x"),
    ("\uff1dHYPERLINK()", "'\uff1dHYPERLINK()"),  # full-width equals sign
    ("Jansen", "Jansen"),  # ordinary text untouched
    ("de Vries-Bakker", "de Vries-Bakker"),  # a hyphen inside a name is fine
    ("'s-Hertogenbosch", "'s-Hertogenbosch"),
    ("", ""),
    (None, ""),
    (42, 42),  # numbers stay numbers
    (-5, -5),
    (Decimal("-1.5"), Decimal("-1.5")),
    (True, "True"),
    (datetime.date(2026, 4, 1), "2026-04-01"),
    (datetime.datetime(2026, 4, 1, 9, 30), "2026-04-01T09:30:00"),
])
def test_cell_escaping(waarde, verwacht):
    assert cel(waarde) == verwacht


def test_writer_keeps_the_dutch_excel_format_bom_semicolon_crlf():
    f = io.StringIO()
    w = CsvSchrijver(f, kop=["naam", "datum"])
    w.rijen([[FORMULE, datetime.date(2026, 1, 2)], ["Noor; de Wit", None]])
    tekst = f.getvalue()
    assert tekst.startswith("\ufeffnaam;datum\r\n") and w.regels == 2
    rijen = list(csv.reader(io.StringIO(tekst.lstrip("\ufeff")), delimiter=";"))
    assert rijen[1] == ["'" + FORMULE, "2026-01-02"] and rijen[2] == ["Noor; de Wit", ""]


def test_response_helper_sets_type_and_a_safe_file_name():
    r, w = csv_response('opp-"rod\r\n.csv', kop=["a"], rijen=[["=x"]])
    assert r["Content-Type"] == "text/csv; charset=utf-8" and w.regels == 1
    assert r["Content-Disposition"] == 'attachment; filename="opp-_rod__.csv"'
    assert r.content.decode("utf-8") == "\ufeffa\r\n'=x\r\n"
    assert veilige_bestandsnaam("tlv-register.csv") == "tlv-register.csv"


def test_no_other_module_writes_csv():
    """One writer: ``csv.writer`` and a ``text/csv`` response exist only in portal/basis/csvexport.py."""
    root = Path(__file__).resolve().parent.parent
    eigen = root / "portal" / "basis" / "csvexport.py"
    gevonden = []
    for pad in root.rglob("*.py"):
        deel = pad.relative_to(root).parts
        if deel[0] in (".venv", "tests", "var", "node_modules") or pad == eigen:
            continue
        tekst = pad.read_text(encoding="utf-8")
        if re.search(r"csv\.(writer|DictWriter)\b|text/csv|Workbook\(|spreadsheetml", tekst):
            gevonden.append(str(pad.relative_to(root)))
    assert not gevonden, f"CSV of XLSX geschreven buiten portal/basis/csvexport.py: {gevonden}"


# --- XLSX: the same escaping, text stored as text, numbers and dates as themselves ---------------------------------

VIJANDIG = [FORMULE, "=1+1", "+31 6 12345678", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "  =1", "\n@x",
            "\uff1dHYPERLINK()", "\uff0b1", "\uff0d1", "\uff20x", "=cmd|' /C calc'!A0"]


def _werkboek(inhoud: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(inhoud)).active


def test_xlsx_hostile_cells_are_text_numbers_stay_numbers_dates_are_dates():
    d = datetime.date(2026, 4, 1)
    inhoud, n = xlsx_bytes(kop=["waarde", "getal", "datum", "leeg"],
                           rijen=[[v, 7, d, None] for v in VIJANDIG] + [["Jansen", Decimal("2.5"), d, None]])
    ws = _werkboek(inhoud)
    assert n == len(VIJANDIG) + 1 and ws.max_row == n + 1
    kop = [c.value for c in ws[1]]
    assert kop == ["waarde", "getal", "datum", "leeg"] and all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"  # the header stays in view
    for rij, origineel in zip(ws.iter_rows(min_row=2), [*VIJANDIG, "Jansen"], strict=True):
        tekst, getal, datum, leeg = rij
        assert tekst.data_type == "s", (origineel, tekst.data_type)  # text, never "f" (a formula)
        assert tekst.value == cel(origineel).replace("\r", "\n")  # as in the CSV (XML turns a CR into a line break)
        assert getal.data_type == "n" and isinstance(getal.value, int | float)
        assert datum.is_date and datum.value.date() == d
        assert leeg.value is None
    assert ws.cell(row=len(VIJANDIG) + 2, column=2).value == 2.5


@pytest.mark.parametrize("waarde", VIJANDIG)
def test_xlsx_cell_is_escaped_as_the_csv_cell(waarde):
    assert xlsx_cel(waarde) == cel(waarde).replace("\r", "\n")
    assert xlsx_cel(waarde)[:1] == "'"


def test_xlsx_keeps_no_control_characters_and_aware_datetimes_become_local():
    from django.utils import timezone

    assert xlsx_cel("a\x00b\x1fc") == "abc"  # XML cannot carry them: dropped, not a broken file
    moment = timezone.make_aware(datetime.datetime(2026, 4, 1, 9, 30))
    assert xlsx_cel(moment) == datetime.datetime(2026, 4, 1, 9, 30)
    assert xlsx_cel(True) == "True" and xlsx_cel(None) is None


@pytest.mark.parametrize("formaat, soort, extensie", [("csv", "text/csv; charset=utf-8", "csv"), ("xlsx", XLSX_TYPE, "xlsx")])
def test_download_response_has_type_nosniff_and_a_safe_name(formaat, soort, extensie):
    r = download('open "termijnen"\r\n', ["naam", "aantal"], [[FORMULE, 3]], formaat)
    assert r["Content-Type"] == soort and r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"] == f'attachment; filename="open__termijnen___.{extensie}"'
    if formaat == "xlsx":
        ws = _werkboek(r.content)
        assert ws["A2"].value == "'" + FORMULE and ws["A2"].data_type == "s" and ws["B2"].value == 3
    else:
        assert _lees(r) == [["naam", "aantal"], ["'" + FORMULE, "3"]]


def test_download_refuses_an_unknown_format():
    with pytest.raises(ValueError):
        download("x", ["a"], [], "html")


# --- both exports, with a child named like a formula -----------------------------------------------------------------

def _lees(r) -> list[list[str]]:
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    tekst = r.content.decode("utf-8")
    assert tekst.startswith("\ufeff")  # the BOM Dutch Excel needs, as before
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


def _geen_formule(rij: list[str]):
    assert not any(c and c[0] in "=+-@\t\r" for c in rij), rij


@pytest.fixture
def opp_w(world):
    """As tests/test_opp.py ``w``: school A's OPP for kind_a, the directeur mandated for OPP decisions."""
    from datetime import timedelta

    from django.utils import timezone

    from portal.termijnen.services import clock_start

    from .factories import ouder_van

    world.ouder2_a = ouder_van(world.kind_a, brieven_digitaal=True)
    world.ouder_a.brieven_digitaal = True
    world.ouder_a.save(update_fields=["brieven_digitaal"])
    world.mandaat_a.besluittypen = ["aanmelding", "opp"]
    world.mandaat_a.save(update_fields=["besluittypen"])
    world.opp = world.zaak_a
    clock_start(regel_id="B-2", zaak=world.opp, start=timezone.localdate() - timedelta(days=7))
    return world


def test_rod_export_escapes_a_name_that_is_a_formula(opp_w, client):
    from .conftest import login_staff
    from .test_opp import vastgesteld

    w = opp_w
    vastgesteld(w)
    type(w.kind_a).objects.filter(pk=w.kind_a.pk).update(achternaam=FORMULE, voornamen="@Noor", tussenvoegsel="")
    login_staff(client, w.ib_a)
    rijen = _lees(client.get(reverse("opp:rod", args=[w.school_a.pk])))
    assert rijen[0][:3] == ["brin", "vestiging", "bsn"]
    assert rijen[1][3] == "'" + FORMULE and rijen[1][4] == "'@Noor"  # shown as text, not run
    _geen_formule(rijen[1])
    assert rijen[1][2] == w.kind_a.bsn  # the rest as before


def test_tlv_register_escapes_a_name_that_is_a_formula(world, client):
    from .test_tlv import _login, beslist, tlv_wereld

    w = tlv_wereld(world)
    t, _b = beslist(w)
    type(w.kind_a).objects.filter(pk=w.kind_a.pk).update(achternaam=FORMULE, tussenvoegsel="", roepnaam="=Noor",
                                                         voornamen="=Noor")
    _login(client, w.swv_mw_a)
    rijen = _lees(client.get(reverse("tlv:register_csv")))
    assert rijen[0][0] == "TLV-nummer" and rijen[1][0] == t.tlv_nummer
    assert rijen[1][1].startswith("'=") and FORMULE in rijen[1][1]
    _geen_formule(rijen[1])
