"""The one CSV writer of the portal (issue #19 defect 7): every export goes through it, so no cell of a spreadsheet
made from the portal's data is ever a formula.

A name, a school or a free text typed by a parent can start with ``=``, ``+``, ``-`` or ``@``; a spreadsheet program
that opens the CSV would run it as a formula (``=HYPERLINK(...)`` leaks the row to a website, DDE runs a program).
Following OWASP (CSV injection), a text cell whose first character is one of ``= + - @``, a TAB or a CR, or that
starts so after leading spaces or line breaks, or with the full-width forms of those signs, is prefixed with a single
quote: the spreadsheet shows the text as text. Numbers stay numbers (they are not formulas), dates are written ISO.

The format is what the exports have always written, for Dutch Excel: UTF-8 with a byte order mark (so accents are
read right), fields separated by a semicolon (Excel in a Dutch locale splits on ``;``), minimal quoting, CRLF.
"""

import csv
import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

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
