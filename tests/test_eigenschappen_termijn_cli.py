"""Property-based test of ``manage.py termijn`` (issue #19, "Build": the terms CLI).

Drawn argument lists — every registered kind and option, with real, impossible and hostile dates, intervals, numbers
and words, unknown options, missing values — must give either exit 0 with exactly one JSON object, or exit 2 with
one Dutch line on stderr that names the problem: never a traceback, never the catch-all "onverwachte fout" (an
exception the calculator did not turn into a ``TermijnFout``), never argparse's English.

The command runs in-process (``run_from_argv``, as ``manage.py`` does) and without the database: pytest-django
refuses database access here, which would surface as an "onverwachte fout".
"""

import io
import json
from contextlib import redirect_stderr, redirect_stdout

from hypothesis import example, given
from hypothesis import strategies as st

from portal.termijnen import calculator
from portal.termijnen.management.commands.termijn import Command

from .hypothesis_profiel import DATUMS, VIJANDIG, engels, geldige_datums, voorbeelden

SOORTEN = calculator.soorten()
OPTIES = sorted({f"--{a.naam}" for s in SOORTEN for a in s.argumenten})
# argparse's own English (the Dutch parser translates these; "ongeldige invoer: …" is its fall-back)
ARGPARSE_ENGELS = ("the following arguments", "unrecognized arguments", "invalid choice", "expected one argument",
                   "not allowed with", "invalid int value", "is required", "ambiguous option", "usage:")


def _waarde(argument) -> st.SearchStrategy:
    korte_vijandige = st.sampled_from([v for v in VIJANDIG if len(v) < 200])
    if argument.soort == calculator.DATUM:
        return st.one_of(geldige_datums(), geldige_datums(), st.sampled_from(DATUMS), korte_vijandige)
    if argument.soort == calculator.INTERVAL:
        return st.one_of(st.builds(lambda a, b: f"{a}/{b}", geldige_datums(), geldige_datums()),
                         st.builds(lambda a, b: f"{a}/{b}", st.sampled_from(DATUMS), geldige_datums()),
                         st.sampled_from(["2026-01-05", "/", "2026-01-10/2026-01-05", "2026-01-05//2026-01-06"]),
                         korte_vijandige)
    if argument.soort == calculator.GETAL:
        return st.one_of(st.integers(-3, 12).map(str), st.integers().map(str), korte_vijandige)
    keuzes = [k for k, _l in argument.keuzes]
    return st.one_of(*([st.sampled_from(keuzes)] * 3 if keuzes else []), korte_vijandige)


@st.composite
def argumenten(draw):
    if draw(st.integers(0, 9)) == 0:  # a kind that does not exist, or none at all
        return draw(st.lists(st.one_of(st.sampled_from(["", "-h2", "--", "aanmelding2", "--ontvangen"]),
                                       st.text(max_size=12)), max_size=3))
    soort = draw(st.sampled_from(SOORTEN))
    args = [soort.naam]
    for a in soort.argumenten:
        if draw(st.integers(0, 4)) == 0:  # left out (a required one too)
            continue
        herhaal = draw(st.integers(1, 2)) if a.meerdere or draw(st.integers(0, 9)) == 0 else 1
        for _ in range(herhaal):
            args.append(f"--{a.naam}")
            if a.soort != calculator.VLAG:
                if draw(st.integers(0, 14)) == 0:
                    continue  # the option without its value
                args.append(draw(_waarde(a)))
            elif draw(st.integers(0, 9)) == 0:
                args.append(draw(st.sampled_from(["ja", "1"])))  # a flag with a value
    if draw(st.integers(0, 6)) == 0:  # an option of another kind, or a stray word
        args.insert(draw(st.integers(1, len(args))), draw(st.sampled_from([*OPTIES, "extra", "--onbekend=1"])))
    return args


def run(args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            Command(stdout=out, stderr=err).run_from_argv(["manage.py", "termijn", *args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


@voorbeelden(150)
@given(argumenten())
@example(["aanmelding", "--ontvangen", "2026-02-31"])
@example(["tlv-einddatum", "--afgifte", "2026-08-01", "--schooljaren", "-1"])
@example(["tlv-einddatum", "--afgifte", "2026-08-01", "--schooljaren", "99999999999999999999"])
@example(["aanmelding", "--ontvangen", "9999-12-31"])
@example(["aanmelding", "--ontvangen", "0001-01-01", "--opschorting", "0001-01-01/9999-12-31"])
@example(["opp", "--inschrijving", "9999-12-31"])
@example(["aanmelding", "--ontvangen", "\r\n\r\n"])  # found by the dev profile: the value came back on three lines
@example(["aanmelding", "--ontvangen", "\x1b[31mrood\x1b[0m"])  # a terminal escape must not reach the terminal
@example(["tlv-einddatum", "--afgifte", "2015-01-01", "--schooljaren", "7985", "--max", "9000"])  # beyond year 9999
@example(["tlv-einddatum", "--afgifte", "2015-01-01", "--max", "'; DROP"])  # argparse quotes it "…": was English
def test_termijn_cli_answers_json_or_one_dutch_line(args):
    code, out, err = run(args)
    assert "Traceback" not in out + err
    if code == 0 and "-h" not in args and "--help" not in args:
        assert err == ""
        assert isinstance(json.loads(out), dict)
        return
    if code == 0:  # --help
        return
    assert code == 2, (code, out, err)
    regels = err.strip().splitlines()
    assert len(regels) == 1, err
    assert regels[0].startswith("termijn: fout: "), err
    melding = regels[0].removeprefix("termijn: fout: ")
    assert "onverwachte fout" not in melding, f"an exception the CLI did not turn into a Dutch message: {err!r}"
    assert not melding.startswith("ongeldige invoer:"), f"argparse's English passed through: {err!r}"
    assert engels(melding) is None and not any(e in melding for e in ARGPARSE_ENGELS), err
    assert melding.isprintable(), f"control characters of the input echoed to the terminal: {err!r}"


# Found by the test above (issue #19): a date near the end of the calendar made the calculator's date arithmetic
# overflow — "onverwachte fout (OverflowError)" from the CLI, and a 500 on the staff page *Termijnen berekenen*.
def test_calculator_page_refuses_a_date_at_the_end_of_the_calendar_in_dutch(client, world):
    from django.urls import reverse

    from .conftest import login_staff

    login_staff(client, world.ib_a)
    for soort, veld in (("opp", "datum"), ("aanmelding", "datum"), ("tlv", "datum"), ("bezwaar", "datum")):
        r = client.get(reverse("termijnen:rekenhulp"), {"soort": soort, veld: "9999-12-31"})
        assert r.status_code == 200, (soort, r.status_code)
        assert "ligt buiten" in r.content.decode(), soort
