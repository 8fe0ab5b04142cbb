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


# Issue #17 §6: A-13b for every sector and denominatie (docs/juridische-bronnen.md), Awb 6:9, WPO 43 lid 4, and the
# kinds for E-1/E-1b/E-1c, D-4 and D-5. The decision is made known on Monday 2 March 2026: the bezwaar term
# ends Monday 13 April.
@pytest.mark.parametrize(
    "args, verwacht, geval",
    [
        (["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--denominatie", "openbaar",
          "--ontvangen", "2026-03-20"],
         {"beslistermijn_start": "2026-04-13", "beslissen_uiterlijk": "2026-05-11", "tijdig": True},
         "A-13b, WPO 40 lid 12: openbaar po: 4 weken vanaf de dag na het einde van de bezwaartermijn"),
        (["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--denominatie", "openbaar",
          "--ontvangen", "2026-04-20"],
         {"beslistermijn_start": "2026-04-20", "beslissen_uiterlijk": "2026-05-18", "tijdig": False},
         "A-13b, WPO 40 lid 12: openbaar po, te laat ontvangen: vanaf de ontvangst (de latere van de twee)"),
        (["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--denominatie", "bijzonder",
          "--ontvangen", "2026-03-20"],
         {"beslissen_uiterlijk": "2026-04-17", "bron": "Wet op het primair onderwijs, artikel 63 lid 3"},
         "A-13b, WPO 63 lid 3: bijzonder po: 4 weken na ontvangst"),
        (["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--denominatie", "samenwerking",
          "--ontvangen", "2026-03-20"],
         {"beslissen_uiterlijk": "2026-04-17"}, "A-13b, WPO 17d lid 10: samenwerkingsschool als bijzonder"),
        (["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "so", "--denominatie", "openbaar",
          "--ontvangen", "2026-03-20"],
         {"beslissen_uiterlijk": "2026-05-11", "bron": "Wet op de expertisecentra, artikel 40 lid 20"},
         "A-13b, WEC 40 lid 20: openbaar (v)so"),
        (["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "vso", "--denominatie", "bijzonder",
          "--ontvangen", "2026-03-20"],
         {"beslissen_uiterlijk": "2026-04-17", "sector": "so", "bron": "Wet op de expertisecentra, artikel 61 lid 3"},
         "A-13b, WEC 61 lid 3: bijzonder vso, de soort van de school mag ook"),
        (["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "vo", "--ontvangen", "2026-03-20"],
         {"beslissen_uiterlijk": "2026-04-17", "bron": "Wet voortgezet onderwijs 2020, artikel 8.8 lid 5 en 6"},
         "A-13b, WVO 2020 8.8 lid 6: vo, elk bestuur: na ontvangst (denominatie niet nodig)"),
        (["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "vo", "--denominatie", "openbaar",
          "--ontvangen", "2026-03-20", "--verwijdering"],
         {"bron": "Wet voortgezet onderwijs 2020, artikel 8.15 lid 6 tot en met 8"},
         "A-13b, WVO 2020 8.15 lid 6: bezwaar tegen verwijdering in het vo"),
        (["bezwaar", "--bekendmaking", "2026-02-20", "--sector", "po", "--denominatie", "bijzonder",
          "--ontvangen", "2026-03-20", "--geschil", "2026-03-27/2026-05-29"],
         {"opgeschorte_dagen": 63, "beslissen_uiterlijk": "2026-06-19"},
         "A-13b, WPO 43 lid 4: stil van het indienen van het geschil (27 maart) tot het oordeel (29 mei)"),
        (["bezwaar", "--bekendmaking", "2026-11-16", "--ontvangen", "2026-12-30", "--ter-post", "2026-12-28"],
         {"indienen_uiterlijk": "2026-12-28", "tijdig": True},
         "A-13/C-6, Awb 6:9 lid 2: op 28 december op de post, 30 december binnen: op tijd"),
        (["bezwaar", "--bekendmaking", "2026-11-16", "--ontvangen", "2027-01-05", "--ter-post", "2026-12-28"],
         {"tijdig": False}, "Awb 6:9 lid 2: meer dan een week na het einde binnen: te laat"),
        (["bezwaar", "--bekendmaking", "2026-11-16", "--ontvangen", "2026-12-30"],
         {"tijdig": False}, "Awb 6:9 lid 1: zonder verzenddatum telt de ontvangst"),
        (["schorsing", "--bekendmaking", "2026-03-02", "--van", "2026-03-03", "--tot", "2026-03-04",
          "--ontvangen", "2026-03-10"],
         {"schorsing_uiterlijk_tot": "2026-03-09", "binnen_een_week": True, "indienen_uiterlijk": "2026-04-13",
          "beslissen_uiterlijk": "2026-05-26"},
         "E-1 (ten hoogste een week), E-1b (Awb 6:7), E-1c (Awb 7:10 lid 1: 13 april + 6 weken; 25 mei → 26 mei)"),
        (["schorsing", "--bekendmaking", "2026-03-02", "--van", "2026-03-09", "--tot", "2026-03-16"],
         {"schorsing_uiterlijk_tot": "2026-03-13", "schooldagen": 6, "binnen_een_week": False},
         "E-1, WPO 40c lid 1: 9 t/m 16 maart is 6 schooldagen, meer dan een week; de week eindigt vrijdag 13 maart"),
        (["schorsing", "--bekendmaking", "2026-05-15", "--van", "2026-05-15", "--tot", "2026-05-15"],
         {"schooldagen": 1, "inspectie_melden": False},
         "E-1, WPO 40c lid 3: vrijdag 15 mei 2026 (Atw-gelijkgesteld) is een gewone schooldag; één dag: geen melding"),
        (["schorsing", "--bekendmaking", "2026-05-15", "--van", "2026-05-15", "--tot", "2026-05-18"],
         {"schooldagen": 2, "inspectie_melden": True}, "E-1, WPO 40c lid 3: 15 + 18 mei: twee schooldagen → inspectie"),
        (["schorsing", "--bekendmaking", "2026-05-12", "--van", "2026-05-13", "--tot", "2026-05-20",
          "--vrij", "2026-05-14/2026-05-15"],
         {"schooldagen": 4, "binnen_een_week": True, "schorsing_uiterlijk_tot": "2026-05-21"},
         "E-1: de school is 14-15 mei dicht (eigen kalender): 13 t/m 20 mei is 4 schooldagen"),
        (["geschil-reactie", "--oordeel", "2026-05-06"], {"regel": "D-4", "reactie_uiterlijk": "2026-06-03"},
         "D-4, Besluit bekostiging WPO 34.9 lid 8: geen wettelijke termijn; herinnering na 4 weken (instelbaar)"),
        (["klacht-reactie", "--oordeel", "2026-11-28"], {"regel": "D-5", "reactie_uiterlijk": "2026-12-28"},
         "D-5, WPO 14: 4 weken na het oordeel; 26 december → maandag 28 december (Atw)"),
    ],
)
def test_cli_kinds_of_issue_17(args, verwacht, geval):
    r = termijn(*args)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {k: data.get(k) for k in verwacht} == verwacht, geval


@pytest.mark.parametrize(
    "args",
    [
        ["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "xx", "--denominatie", "openbaar", "--ontvangen",
         "2026-03-20"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--denominatie", "katholiek", "--ontvangen",
         "2026-03-20"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--ontvangen", "2026-03-20"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--denominatie", "openbaar"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--denominatie", "openbaar", "--ontvangen", "2026-03-20"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--ter-post", "2026-03-20"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--ontvangen", "2026-03-20", "--ter-post", "2026-03-21"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--ontvangen", "2026-03-01"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--geschil", "2026-03-27/2026-05-29"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--denominatie", "bijzonder", "--ontvangen",
         "2026-03-20", "--geschil", "2026-05-29/2026-03-27"],
        ["bezwaar", "--bekendmaking", "2026-03-02", "--sector", "po", "--denominatie", "bijzonder", "--ontvangen",
         "2026-03-20", "--geschil", "2026-03-27"],
        ["schorsing"],
        ["schorsing", "--bekendmaking", "2026-03-02", "--tot", "2026-03-04"],
        ["schorsing", "--bekendmaking", "2026-03-02", "--van", "2026-03-05", "--tot", "2026-03-04"],
        ["schorsing", "--bekendmaking", "2026-03-02", "--van", "2026-03-07"],
        ["schorsing", "--bekendmaking", "2026-03-02", "--van", "2026-03-06", "--tot", "2026-03-08"],
        ["schorsing", "--bekendmaking", "2026-03-02", "--van", "2026-03-06", "--vrij", "2026-03-06"],
        ["geschil-reactie"],
        ["geschil-reactie", "--oordeel", "29-05-2026"],
        ["klacht-reactie", "--oordeel", "2026-02-30"],
    ],
)
def test_cli_errors_of_issue_17_one_dutch_line_exit_2(args):
    test_cli_errors_one_dutch_line_exit_2(args)


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


def test_cli_lists_the_registered_kinds():
    """Issue #18: the CLI knows no kind by name; it lists and runs what the apps registered (their termijnen.py)."""
    from portal.termijnen.calculator import soorten

    geregistreerd = soorten()
    assert len(geregistreerd) >= 9
    r = termijn("--help")
    assert r.returncode == 0
    for s in geregistreerd:
        assert s.naam in r.stdout and s.omschrijving[:30] in " ".join(r.stdout.split()), s.naam
    r = termijn("zwemles")
    assert r.returncode == 2
    assert r.stderr.strip() == ("termijn: fout: onbekende soort termijn 'zwemles'; kies uit: "
                                + ", ".join(s.naam for s in geregistreerd))
    r = termijn("schorsing", "--help")  # a kind's own arguments, each with its Dutch help
    assert r.returncode == 0
    for a in next(s for s in geregistreerd if s.naam == "schorsing").argumenten:
        assert f"--{a.naam}" in r.stdout
    assert "vakantie of vrije dag(en) van de school" in " ".join(r.stdout.split())
