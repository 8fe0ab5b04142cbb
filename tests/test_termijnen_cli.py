"""`manage.py termijn`: one JSON object and exit 0, or one Dutch line on stderr and exit 2 (issue #3 §7)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def termijn(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"  # proves it needs no database
    env.pop("REQUIRE_SERVICES", None)
    return subprocess.run([sys.executable, "manage.py", "termijn", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize(
    "args, verwacht",
    [
        (["aanmelding", "--ontvangen", "2026-03-02"],
         {"beslissen_uiterlijk": "2026-04-13", "tijdelijke_inschrijving_vanaf": "2026-05-12"}),
        (["aanmelding", "--ontvangen", "2026-03-02", "--opschorting", "2026-03-11/2026-03-20", "--verlenging", "4",
          "--geboortedatum", "2022-06-01"],
         {"beslissen_uiterlijk": "2026-04-22", "beslissen_uiterlijk_na_verlenging": "2026-05-20",
          "tijdelijke_inschrijving_vanaf": "2026-06-01"}),
        (["opp", "--inschrijving", "2026-05-01"], {"vaststellen_uiterlijk": "2026-06-12", "evaluatie_uiterlijk": "2027-07-31"}),  # B-2, B-5
        (["tlv", "--aanvraag", "2026-01-05", "--opschorting", "2026-01-10/2026-01-20"], {"beslissen_uiterlijk": "2026-03-12"}),  # C-4
        (["tlv-einddatum", "--afgifte", "2026-08-01", "--schooljaren", "1"], {"einddatum": "2027-07-31"}),  # C-5
        (["bezwaar", "--bekendmaking", "2026-02-20"], {"indienen_uiterlijk": "2026-04-07"}),  # A-13, C-6
        (["geschil", "--besluit", "2026-02-20"], {"indienen_uiterlijk": "2026-04-03"}),  # D-2
        (["geschil", "--ontvangen", "2026-02-16"], {"oordeel_uiterlijk": "2026-04-28"}),  # D-3
    ],
)
def test_cli_success(args, verwacht):
    r = termijn(*args)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)  # exactly one JSON object on stdout
    for k, v in verwacht.items():
        assert data[k] == v
    assert r.stderr == ""


def test_cli_leaves_out_keys_that_do_not_apply():
    data = json.loads(termijn("aanmelding", "--ontvangen", "2026-03-02").stdout)
    assert "beslissen_uiterlijk_na_verlenging" not in data


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["onbekend"],
        ["aanmelding"],
        ["aanmelding", "--ontvangen", "2-3-2026"],
        ["aanmelding", "--ontvangen", "2026-02-30"],
        ["aanmelding", "--ontvangen", "2026-03-02", "--verlenging", "5"],
        ["aanmelding", "--ontvangen", "2026-03-02", "--verlenging", "twee"],
        ["aanmelding", "--ontvangen", "2026-03-02", "--opschorting", "2026-03-10"],
        ["aanmelding", "--ontvangen", "2026-03-02", "--opschorting", "2026-03-10/2026-03-05"],
        ["aanmelding", "--ontvangen", "2026-03-02", "--opschorting", "2026-03-05/2026-03-10",
         "--opschorting", "2026-03-08/2026-03-12"],
        ["aanmelding", "--ontvangen", "2026-03-02", "--opschorting", "2026-02-01/2026-02-05"],
        ["tlv-einddatum", "--afgifte", "2026-01-05", "--schooljaren", "0"],
        ["geschil"],
        ["geschil", "--besluit", "2026-01-01", "--ontvangen", "2026-01-01"],
        ["bezwaar", "--bekendmaking", "2026-01-01", "--extra"],
    ],
)
def test_cli_errors_one_dutch_line_exit_2(args):
    r = termijn(*args)
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert lines[0].startswith("termijn: fout: ")
    assert "error:" not in lines[0] and "usage" not in lines[0].lower()
