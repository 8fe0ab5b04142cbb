"""Shared pieces of the property-based tests (tests/test_eigenschappen_*.py, issue #19 "Build").

* The hypothesis profiles: ``ci`` (the default, also for ``make test``) is derandomized — the same examples every
  run, so CI never fails on a new random draw — and keeps no example database (nothing is written into the tree);
  ``dev`` draws new examples every run and more of them (``HYPOTHESIS_PROFILE=dev``), to hunt for new defects.
  The number of examples per test can be set with ``HYPOTHESIS_MAX_EXAMPLES``.
* The hostile inputs every test draws from, and the check that a message is Dutch.
"""

import gettext
import os
from pathlib import Path

import django
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis's own files (its unicode tables) under var/, with the other runtime files, not in a .hypothesis/ at the top
set_hypothesis_home_dir(str(Path(__file__).resolve().parent.parent / "var" / "hypothesis"))

_GEDEELD = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large,
                              HealthCheck.filter_too_much, HealthCheck.large_base_example],
    "print_blob": True,
}
settings.register_profile("ci", derandomize=True, **_GEDEELD)
settings.register_profile("dev", derandomize=False, **_GEDEELD)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def voorbeelden(standaard: int) -> settings:
    """The settings for one test: ``standaard`` examples, or ``HYPOTHESIS_MAX_EXAMPLES``."""
    return settings(max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", standaard)))


# --- hostile text ------------------------------------------------------------------------------------------------

VIJANDIG = [
    "",
    " ",
    "\x00",
    "Jan\x00Jansen",
    "a\x01b\x07c\x1b[31m",
    "\u202eevil.exe\u202c",  # right-to-left override
    "\u200f\u200e\u061c",  # direction marks
    "\ufeffBOM",
    "\u200b\u200c\u200d",  # zero-width characters (ZWJ is allowed in names)
    "Zoë Ĳsselmeer-Ça Ñandú",
    "👩‍👩‍👧 ✔ ∑ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\U0001f600" * 50,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }} {% debug %}",
    "'; DROP TABLE leerlingen_leerling; --",
    "' OR '1'='1",
    "=HYPERLINK(\"http://example.com\",\"klik\")",
    "+31 6 12345678",
    "-2+3",
    "@SUM(A1:A9)",
    "\r\n\r\n",
    "a\rb\nc\td",
    "%s %d %(naam)s {0} {naam}",
    "../../etc/passwd",
    "null",
    "None",
    "NaN",
    "-1",
    "0",
    "²",
    "١٢٣",
    "９９",
    "1e309",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "3.14",
    "x" * 5001,
    "y" * 100_000,
    "ab " * 40_000,
]

DATUMS = [
    "2026-02-31", "2026-02-29", "2024-02-29", "0000-01-01", "0001-01-01", "99999-12-31", "9999-12-31",
    "2026-13-01", "2026-00-10", "2026-1-1", "31-02-2026", "29-02-2025", "01-01-0000", "31/12/9999", "2026/01/05",
    "1-1-2026", "20260105", "2026-01-05T10:00", "2026-01-05 00:00:00", "morgen", "today", "--", "2026-01-05/2026-01-10",
    "\x002026-01-05", "２０２６-０１-０５", "²⁰²⁶-01-05", "2026-01-05\x00",
]

DAG_MAAND_JAAR = ["31", "30", "29", "1", "0", "00", "32", "12", "13", "2", "2020", "0000", "99999", "1899", "2026",
                  "²", "١٢", "-1", " 1", "1.5", "", "x", "\x00"]


def geldige_datums():
    from datetime import date

    return st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)).flatmap(
        lambda d: st.sampled_from([d.isoformat(), d.strftime("%d-%m-%Y"), d.strftime("%d/%m/%Y")]))


def tekst():
    """Random and hostile text: any unicode (control characters included), and the list above."""
    return st.one_of(st.sampled_from(VIJANDIG),
                     st.text(max_size=60),
                     st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
                     st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3f), max_size=20))


# --- the check that a message is Dutch -----------------------------------------------------------------------------

# Django's own messages are English msgids with a Dutch translation; a message that starts like one of those msgids
# was not translated (or was raised with a hard-coded English text).
_ENGELS_EXTRA = ("This field", "Enter a", "Select a valid", "Ensure this", "Please ", "The submitted", "No file",
                 "Upload a valid", "Null characters", "is not a valid", "Invalid ", "Value ", "Unknown ")


def _engelse_beginnen() -> tuple[str, ...]:
    mo = Path(django.__file__).parent / "conf" / "locale" / "nl" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as fh:
        catalogus = gettext.GNUTranslations(fh)._catalog  # noqa: SLF001 (a test reads the catalogue's keys)
    begins = set(_ENGELS_EXTRA)
    for sleutel in catalogus:
        msgid = sleutel[0] if isinstance(sleutel, tuple) else sleutel
        if "\x04" in msgid:  # a context
            msgid = msgid.split("\x04", 1)[1]
        begin = msgid.split("%", 1)[0].split("{", 1)[0].strip()
        if len(begin) >= 10 and " " in begin:
            begins.add(begin)
    return tuple(sorted(begins))


ENGELSE_BEGINNEN = _engelse_beginnen()


def engels(bericht: str) -> str | None:
    """The English beginning ``bericht`` starts with, or None for a Dutch message."""
    for begin in ENGELSE_BEGINNEN:
        if bericht.startswith(begin):
            return begin
    return None
