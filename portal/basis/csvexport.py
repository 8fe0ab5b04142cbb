"""The one CSV and XLSX writer of the portal (issue #19 defect 7, issue #20 §4): every export goes through it, so no
cell of a spreadsheet made from the portal's data is ever a formula.

A name, a school or a free text typed by a parent can start with ``=``, ``+``, ``-`` or ``@``; a spreadsheet program
that opens the CSV would run it as a formula (``=HYPERLINK(...)`` leaks the row to a website, DDE runs a program).
Following OWASP (CSV injection), a text cell whose first character is one of ``= + - @``, a TAB or a CR, or that
starts so after leading spaces or line breaks, or with the full-width forms of those signs, is prefixed with a single
quote: the spreadsheet shows the text as text. Numbers stay numbers (they are not formulas), dates are written ISO.

The format is what the exports have always written, for Dutch Excel: UTF-8 with a byte order mark (so accents are
read right), fields separated by a semicolon (Excel in a Dutch locale splits on ``;``), minimal quoting, CRLF.

XLSX (openpyxl, a write-only workbook: rows streamed, memory flat however many rows) applies the same ``cel()`` to text,
and stores every text cell as a string, never as a formula (openpyxl would read a text starting with ``=`` as one);
dates are real dates (shown ``dd-mm-jjjj``), numbers are numbers, the header row is bold and stays in view.
``download(bestandsnaam, kop, rijen, formaat)`` is the one response for both formats.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

# The first characters that make a spreadsheet read a cell as a formula (OWASP), and their full-width forms.
GEVAARLIJK = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_WITRUIMTE = " \n\u00a0"  # what a spreadsheet may skip before it looks at the first sign
SCHEIDINGSTEKEN = ";"
BOM = "\ufeff"


def cel(waarde) -> str | int | float | Decimal:
    """One cell, safe for a spreadsheet: text that could start a formula gets a leading ``'``; None is empty, a date
    is ISO 8601, a number stays a number (a bool is written as text)."""
    if waarde is None:
        return ""
    if isinstance(waarde, int | float | Decimal) and not isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, datetime.date):  # also datetime
        return waarde.isoformat()
    tekst = str(waarde)
    if tekst[:1] in GEVAARLIJK or tekst.lstrip(_WITRUIMTE)[:1] in GEVAARLIJK:
        return "'" + tekst
    return tekst


class CsvSchrijver:
    """A ``csv.writer`` over any text file (an ``HttpResponse``, an ``io.StringIO``, a file in a ZIP) that escapes every
    cell and counts the rows it wrote (``regels``, without the header)."""

    def __init__(self, f, *, kop: Iterable | None = None, bom: bool = True):
        if bom:
            f.write(BOM)
        self._w = csv.writer(f, delimiter=SCHEIDINGSTEKEN, lineterminator="\r\n")
        self.regels = 0
        if kop is not None:
            self._w.writerow([cel(k) for k in kop])

    def rij(self, waarden: Iterable) -> None:
        self._w.writerow([cel(w) for w in waarden])
        self.regels += 1

    def rijen(self, rijen: Iterable[Iterable]) -> int:
        for r in rijen:
            self.rij(r)
        return self.regels


def veilige_bestandsnaam(naam: str) -> str:
    """A file name for the Content-Disposition header: letters, digits, ``.``, ``_`` and ``-`` only (a BRIN or a name
    from the database can never break the header)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", naam) or "export.csv"


def csv_response(bestandsnaam: str, *, kop: Iterable, rijen: Iterable[Iterable] = ()) -> tuple[HttpResponse, CsvSchrijver]:
    """A download of ``bestandsnaam`` as ``text/csv``, the header written, ``rijen`` written (escaped); returns the
    response and the writer, for the rows a view adds itself (e.g. auditing each one) and for its count."""
    response = HttpResponse(content_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{veilige_bestandsnaam(bestandsnaam)}"',
        "X-Content-Type-Options": "nosniff"})
    schrijver = CsvSchrijver(response, kop=kop)
    schrijver.rijen(rijen)
    return response, schrijver


# --- XLSX ------------------------------------------------------------------------------------------------------------

FORMATEN = ("csv", "xlsx")
CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_ONGELDIG = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML (and so XLSX) cannot hold
_MAX_TEKST = 32767  # the most characters a spreadsheet cell holds


def xlsx_cel(waarde):
    """One XLSX value: a number stays a number, a date a date (a datetime in the portal's time zone, without zone:
    a spreadsheet has none), anything else is text escaped as in the CSV (``cel``), without the control characters
    XML cannot carry (a CR becomes a line break). None is an empty cell."""
    if waarde is None:
        return None
    if isinstance(waarde, int | float | Decimal) and not isinstance(waarde, bool):
        return waarde
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).replace(tzinfo=None) if timezone.is_aware(waarde) else waarde
    if isinstance(waarde, datetime.date):
        return waarde
    tekst = cel(str(waarde)).replace("\r\n", "\n").replace("\r", "\n")  # XML keeps no CR: a line break, as read back
    return _ONGELDIG.sub("", tekst)[:_MAX_TEKST]


def xlsx_bytes(*, kop: Iterable, rijen: Iterable[Iterable], blad: str = "Gegevens") -> tuple[bytes, int]:
    """A workbook with one sheet: the header (bold, frozen) and the rows; returns its bytes and the number of rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "", blad)[:31] or "Gegevens")
    ws.freeze_panes = "A2"
    vet = Font(bold=True)

    def maak(waarde, *, kop_cel=False):
        c = WriteOnlyCell(ws, value=xlsx_cel(waarde))
        if isinstance(c.value, str):
            c.data_type = "s"  # text, never a formula, whatever it starts with
        elif isinstance(c.value, datetime.datetime):
            c.number_format = "dd-mm-yyyy hh:mm"
        elif isinstance(c.value, datetime.date):
            c.number_format = "dd-mm-yyyy"
        if kop_cel:
            c.font = vet
        return c

    ws.append([maak(k, kop_cel=True) for k in kop])
    n = 0
    for rij in rijen:
        ws.append([maak(w) for w in rij])
        n += 1
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue(), n


def download(bestandsnaam: str, kop: Iterable, rijen: Iterable[Iterable], formaat: str) -> HttpResponse:
    """The download of a table as ``bestandsnaam.csv`` or ``bestandsnaam.xlsx`` (``formaat``), escaped as above, with
    a safe file name and ``nosniff``. ``formaat`` must be one of ``FORMATEN`` (a view checks it first: 404)."""
    if formaat == "csv":
        response, _schrijver = csv_response(f"{bestandsnaam}.csv", kop=kop, rijen=rijen)
        return response
    if formaat != "xlsx":
        raise ValueError(f"onbekend formaat: {formaat!r}")
    inhoud, _n = xlsx_bytes(kop=kop, rijen=rijen, blad=bestandsnaam)
    return HttpResponse(inhoud, content_type=XLSX_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{veilige_bestandsnaam(bestandsnaam + ".xlsx")}"',
        "X-Content-Type-Options": "nosniff"})
