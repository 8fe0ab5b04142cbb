"""The terms calculator learns its kinds from the apps' registrations (issue #18 item 8): each app registers its kinds
from its termijnen.py, the calculator, the CLI and the staff page run whatever is registered, a kind registered twice
is refused, portal/termijnen imports no domain app, and the registered kinds give the same dates as the calculator
that knew every kind by name (the table: its full output for the existing cases, taken before the move)."""

import ast
from datetime import date as d
from pathlib import Path

import pytest
from django.urls import reverse

from portal.basis.registry import DubbeleRegistratie
from portal.termijnen import calculator
from portal.termijnen.calculator import Argument, Soort, TermijnFout

from .conftest import login_staff

ROOT = Path(__file__).resolve().parent.parent
DOMEINAPPS = {"aanmelding", "geschillen", "opp", "ondersteuning", "tlv", "thuiszitters"}

# kind, arguments, the old calculator's whole output for them
ZELFDE_ALS_VOORHEEN = [
    # A-6 6 weeks; A-9 the day after 10 weeks
    ("aanmelding", {"ontvangen": d(2026, 3, 2)},
     {"regel": "A-6", "ontvangen": "2026-03-02", "opgeschorte_dagen": 0, "beslissen_uiterlijk": "2026-04-13",
      "tijdelijke_inschrijving_vanaf": "2026-05-12"}),
    # A-8 9 days suspended, A-7 4 weeks' extension, A-9 not before the 4th birthday (1 June 2026)
    ("aanmelding", {"ontvangen": d(2026, 3, 2), "opschorting": [(d(2026, 3, 11), d(2026, 3, 20))], "verlenging": 4,
                    "geboortedatum": d(2022, 6, 1)},
     {"regel": "A-6", "ontvangen": "2026-03-02", "opgeschorte_dagen": 9, "beslissen_uiterlijk": "2026-04-22",
      "beslissen_uiterlijk_na_verlenging": "2026-05-20", "tijdelijke_inschrijving_vanaf": "2026-06-01"}),
    # born on 29 February, 4 on 29 February 2024
    ("aanmelding", {"ontvangen": d(2023, 11, 6), "geboortedatum": d(2020, 2, 29)},
     {"regel": "A-6", "ontvangen": "2023-11-06", "opgeschorte_dagen": 0, "beslissen_uiterlijk": "2023-12-18",
      "tijdelijke_inschrijving_vanaf": "2024-02-29"}),
    # A-6/T-3: 6 weeks end on Friday 15 May 2026, a day equal to a feestdag → Monday 18 May
    ("aanmelding", {"ontvangen": d(2026, 4, 3)},
     {"regel": "A-6", "ontvangen": "2026-04-03", "opgeschorte_dagen": 0, "beslissen_uiterlijk": "2026-05-18",
      "tijdelijke_inschrijving_vanaf": "2026-06-13"}),
    # B-2 6 weeks; B-5 set in June → evaluated in the next school year
    ("opp", {"inschrijving": d(2026, 5, 1)},
     {"regel": "B-2", "inschrijving": "2026-05-01", "vaststellen_uiterlijk": "2026-06-12",
      "evaluatie_uiterlijk": "2027-07-31"}),
    # B-2/T-2: Saturday 1 August → Monday 3 August
    ("opp", {"inschrijving": d(2026, 6, 20)},
     {"regel": "B-2", "inschrijving": "2026-06-20", "vaststellen_uiterlijk": "2026-08-03",
      "evaluatie_uiterlijk": "2027-07-31"}),
    # B-2/T-3: Hemelvaartsdag 14 May, Friday 15 May equal to a feestdag → 18 May; B-5 this school year
    ("opp", {"inschrijving": d(2026, 4, 2)},
     {"regel": "B-2", "inschrijving": "2026-04-02", "vaststellen_uiterlijk": "2026-05-18",
      "evaluatie_uiterlijk": "2026-07-31"}),
    # C-4: 8 weeks plus 10 days waiting for the school's supplement
    ("tlv", {"aanvraag": d(2026, 1, 5), "opschorting": [(d(2026, 1, 10), d(2026, 1, 20))]},
     {"regel": "C-4", "aanvraag": "2026-01-05", "opgeschorte_dagen": 10, "beslissen_uiterlijk": "2026-03-12"}),
    # C-4/T-2: 8 weeks end on Koningsdag → 28 April
    ("tlv", {"aanvraag": d(2026, 3, 2)},
     {"regel": "C-4", "aanvraag": "2026-03-02", "opgeschorte_dagen": 0, "beslissen_uiterlijk": "2026-04-28"}),
    # C-5: given on 1 August, exactly one school year
    ("tlv-einddatum", {"afgifte": d(2026, 8, 1), "schooljaren": 1},
     {"regel": "C-5", "afgifte": "2026-08-01", "schooljaren": 1, "max_schooljaren": 8, "einddatum": "2027-07-31"}),
    # C-5: given on 2 August, the rest of 2026/27 plus one school year
    ("tlv-einddatum", {"afgifte": d(2026, 8, 2), "schooljaren": 1},
     {"regel": "C-5", "afgifte": "2026-08-02", "schooljaren": 1, "max_schooljaren": 8, "einddatum": "2028-07-31"}),
    # C-5: an SWV's own cap of 12 (policy) allows 10 school years
    ("tlv-einddatum", {"afgifte": d(2026, 1, 5), "schooljaren": 10, "max_schooljaren": 12},
     {"regel": "C-5", "afgifte": "2026-01-05", "schooljaren": 10, "max_schooljaren": 12, "einddatum": "2036-07-31"}),
    # A-13/C-6: 6 weeks end on Goede Vrijdag → the Tuesday after Easter
    ("bezwaar", {"bekendmaking": d(2026, 2, 20)},
     {"regel": "A-13", "bekendmaking": "2026-02-20", "indienen_uiterlijk": "2026-04-07"}),
    # A-13b, WPO 40 lid 12: openbaar po, 4 weeks from the day after the bezwaar term
    ("bezwaar", {"bekendmaking": d(2026, 3, 2), "sector": "po", "denominatie": "openbaar", "ontvangen": d(2026, 3, 20)},
     {"regel": "A-13", "bekendmaking": "2026-03-02", "indienen_uiterlijk": "2026-04-13", "ontvangen": "2026-03-20",
      "tijdig": True, "regel_beslissen": "A-13b", "sector": "po", "denominatie": "openbaar",
      "bron": "Wet op het primair onderwijs, artikel 40 lid 12", "beslistermijn_start": "2026-04-13",
      "opgeschorte_dagen": 0, "beslissen_uiterlijk": "2026-05-11"}),
    # A-13b: openbaar po, received late: from receipt
    ("bezwaar", {"bekendmaking": d(2026, 3, 2), "sector": "po", "denominatie": "openbaar", "ontvangen": d(2026, 4, 20)},
     {"regel": "A-13", "bekendmaking": "2026-03-02", "indienen_uiterlijk": "2026-04-13", "ontvangen": "2026-04-20",
      "tijdig": False, "regel_beslissen": "A-13b", "sector": "po", "denominatie": "openbaar",
      "bron": "Wet op het primair onderwijs, artikel 40 lid 12", "beslistermijn_start": "2026-04-20",
      "opgeschorte_dagen": 0, "beslissen_uiterlijk": "2026-05-18"}),
    # A-13b, WEC 61 lid 3: bijzonder vso, 4 weeks after receipt
    ("bezwaar", {"bekendmaking": d(2026, 3, 2), "sector": "vso", "denominatie": "bijzonder",
                 "ontvangen": d(2026, 3, 20)},
     {"regel": "A-13", "bekendmaking": "2026-03-02", "indienen_uiterlijk": "2026-04-13", "ontvangen": "2026-03-20",
      "tijdig": True, "regel_beslissen": "A-13b", "sector": "so", "denominatie": "bijzonder",
      "bron": "Wet op de expertisecentra, artikel 61 lid 3", "beslistermijn_start": "2026-03-20",
      "opgeschorte_dagen": 0, "beslissen_uiterlijk": "2026-04-17"}),
    # A-13b, WVO 2020 8.15: a removal in the vo
    ("bezwaar", {"bekendmaking": d(2026, 3, 2), "sector": "vo", "denominatie": "openbaar", "ontvangen": d(2026, 3, 20),
                 "verwijdering": True},
     {"regel": "A-13", "bekendmaking": "2026-03-02", "indienen_uiterlijk": "2026-04-13", "ontvangen": "2026-03-20",
      "tijdig": True, "regel_beslissen": "A-13b", "sector": "vo", "denominatie": "openbaar",
      "bron": "Wet voortgezet onderwijs 2020, artikel 8.15 lid 6 tot en met 8", "beslistermijn_start": "2026-03-20",
      "opgeschorte_dagen": 0, "beslissen_uiterlijk": "2026-04-17"}),
    # A-13b, WPO 43 lid 4: still from the geschil's filing to its oordeel
    ("bezwaar", {"bekendmaking": d(2026, 2, 20), "sector": "po", "denominatie": "bijzonder", "ontvangen": d(2026, 3, 20),
                 "geschil": (d(2026, 3, 27), d(2026, 5, 29))},
     {"regel": "A-13", "bekendmaking": "2026-02-20", "indienen_uiterlijk": "2026-04-07", "ontvangen": "2026-03-20",
      "tijdig": True, "regel_beslissen": "A-13b", "sector": "po", "denominatie": "bijzonder",
      "bron": "Wet op het primair onderwijs, artikel 63 lid 3", "beslistermijn_start": "2026-03-20",
      "opgeschorte_dagen": 63, "beslissen_uiterlijk": "2026-06-19"}),
    # Awb 6:9 lid 2: posted on the last day, received two days later: on time
    ("bezwaar", {"bekendmaking": d(2026, 11, 16), "ontvangen": d(2026, 12, 30), "ter_post": d(2026, 12, 28)},
     {"regel": "A-13", "bekendmaking": "2026-11-16", "indienen_uiterlijk": "2026-12-28", "ontvangen": "2026-12-30",
      "ter_post": "2026-12-28", "tijdig": True}),
    # E-1 two school days (inspectie), E-1b, E-1c from the end of the bezwaar term
    ("schorsing", {"bekendmaking": d(2026, 3, 2), "van": d(2026, 3, 3), "tot": d(2026, 3, 4), "ontvangen": d(2026, 3, 10)},
     {"regel": "E-1b", "bekendmaking": "2026-03-02", "indienen_uiterlijk": "2026-04-13", "regel_schorsing": "E-1",
      "schorsing_van": "2026-03-03", "schorsing_uiterlijk_tot": "2026-03-09", "schorsing_tot": "2026-03-04",
      "schooldagen": 2, "binnen_een_week": True, "inspectie_melden": True, "ontvangen": "2026-03-10", "tijdig": True,
      "regel_beslissen": "E-1c", "beslistermijn_start": "2026-04-13", "beslissen_uiterlijk": "2026-05-26"}),
    # E-1: 9 to 16 March is 6 school days, more than a week
    ("schorsing", {"bekendmaking": d(2026, 3, 2), "van": d(2026, 3, 9), "tot": d(2026, 3, 16)},
     {"regel": "E-1b", "bekendmaking": "2026-03-02", "indienen_uiterlijk": "2026-04-13", "regel_schorsing": "E-1",
      "schorsing_van": "2026-03-09", "schorsing_uiterlijk_tot": "2026-03-13", "schorsing_tot": "2026-03-16",
      "schooldagen": 6, "binnen_een_week": False, "inspectie_melden": True}),
    # E-1: Friday 15 May 2026 (equal to a feestdag for the Atw) is a school day
    ("schorsing", {"bekendmaking": d(2026, 5, 15), "van": d(2026, 5, 15), "tot": d(2026, 5, 18)},
     {"regel": "E-1b", "bekendmaking": "2026-05-15", "indienen_uiterlijk": "2026-06-26", "regel_schorsing": "E-1",
      "schorsing_van": "2026-05-15", "schorsing_uiterlijk_tot": "2026-05-21", "schorsing_tot": "2026-05-18",
      "schooldagen": 2, "binnen_een_week": True, "inspectie_melden": True}),
    # E-1 with the school's own free days; E-1c for a bezwaar posted in time but received too late: from receipt
    ("schorsing", {"bekendmaking": d(2026, 5, 12), "van": d(2026, 5, 13), "tot": d(2026, 5, 20),
                   "vrij": [(d(2026, 5, 14), d(2026, 5, 15))], "ontvangen": d(2026, 7, 1), "ter_post": d(2026, 6, 23)},
     {"regel": "E-1b", "bekendmaking": "2026-05-12", "indienen_uiterlijk": "2026-06-23", "regel_schorsing": "E-1",
      "schorsing_van": "2026-05-13", "schorsing_uiterlijk_tot": "2026-05-21", "schorsing_tot": "2026-05-20",
      "schooldagen": 4, "binnen_een_week": True, "inspectie_melden": True, "ontvangen": "2026-07-01",
      "ter_post": "2026-06-23", "tijdig": False, "regel_beslissen": "E-1c", "beslistermijn_start": "2026-07-01",
      "beslissen_uiterlijk": "2026-08-12"}),
    # D-2/T-4: no Atw, Goede Vrijdag stays
    ("geschil", {"besluit": d(2026, 2, 20)}, {"regel": "D-2", "besluit": "2026-02-20", "indienen_uiterlijk": "2026-04-03"}),
    # D-3/T-2: 10 weeks on Koningsdag → 28 April
    ("geschil", {"ontvangen": d(2026, 2, 16)},
     {"regel": "D-3", "ontvangen": "2026-02-16", "oordeel_uiterlijk": "2026-04-28"}),
    # D-4: a reminder after 4 weeks (no statutory term)
    ("geschil-reactie", {"oordeel": d(2026, 5, 6)},
     {"regel": "D-4", "oordeel": "2026-05-06", "reactie_uiterlijk": "2026-06-03"}),
    # D-5, WPO 14: 4 weeks; Saturday 26 December → Monday 28 December
    ("klacht-reactie", {"oordeel": d(2026, 11, 28)},
     {"regel": "D-5", "oordeel": "2026-11-28", "reactie_uiterlijk": "2026-12-28"}),
]


@pytest.mark.parametrize("naam, waarden, verwacht", ZELFDE_ALS_VOORHEEN)
def test_registered_kinds_give_the_same_dates_as_before(naam, waarden, verwacht):
    assert calculator.bereken(naam, **waarden) == verwacht


def test_every_kind_of_before_is_registered_by_its_app():
    apps = {s.naam: s.app for s in calculator.soorten()}
    assert apps == {"aanmelding": "aanmelding", "opp": "opp", "tlv": "tlv", "tlv-einddatum": "tlv",
                    "bezwaar": "geschillen", "geschil": "geschillen", "geschil-reactie": "geschillen",
                    "klacht-reactie": "geschillen", "schorsing": "geschillen"}
    for s in calculator.soorten():
        assert s.omschrijving and all(a.help for a in s.argumenten), s.naam


def test_a_kind_registered_twice_is_refused():
    eigen = calculator.SOORTEN["opp"]
    assert calculator.register_soort(eigen) is eigen  # the same registration again (ready ran twice): a no-op
    ander = Soort(naam="opp", omschrijving="Een tweede OPP", bereken=lambda regel, **kw: {},
                  argumenten=(Argument("inschrijving", "dag van inschrijving", verplicht=True, start=True),))
    with pytest.raises(DubbeleRegistratie):
        calculator.register_soort(ander)
    assert calculator.SOORTEN["opp"] is eigen


def test_a_kind_with_two_start_dates_or_a_doubled_argument_is_refused():
    with pytest.raises(ValueError):
        Soort(naam="x", omschrijving="x", bereken=lambda regel, **kw: {},
              argumenten=(Argument("a", "a", start=True), Argument("b", "b", start=True)))
    with pytest.raises(ValueError):
        Soort(naam="x", omschrijving="x", bereken=lambda regel, **kw: {},
              argumenten=(Argument("ter-post", "a"), Argument("ter_post", "b")))


def test_unknown_kind_or_argument():
    with pytest.raises(TermijnFout, match="onbekende soort termijn 'zwemles'"):
        calculator.bereken("zwemles")
    with pytest.raises(TypeError):
        calculator.bereken("opp", inschrijving=d(2026, 5, 1), schooljaren=2)


def test_portal_termijnen_imports_no_domain_app():
    for pad in (ROOT / "portal" / "termijnen").rglob("*.py"):
        for node in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                namen = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                namen = [node.module or ""]
            else:
                continue
            assert not {n.split(".")[0] for n in namen} & DOMEINAPPS, f"{pad.relative_to(ROOT)}: {namen}"


def test_staff_page_lists_every_registered_kind(world, client):
    login_staff(client, world.ib_a)
    body = client.get(reverse("termijnen:rekenhulp")).content.decode()
    for s in calculator.soorten():
        assert f'value="{s.naam}"' in body, s.naam


def test_staff_page_shows_the_chosen_kinds_fields_and_runs_it(world, client):
    login_staff(client, world.ib_a)
    body = client.get(reverse("termijnen:rekenhulp"), {"soort": "schorsing"}).content.decode()
    for veld in ("datum", "van", "tot", "vrij_van", "vrij_tot", "ontvangen", "ter_post"):
        assert f'name="{veld}"' in body, veld
    assert 'name="verlenging"' not in body  # the aanmelding's field is not the schorsing's
    # E-1 with the school's free days 14-15 May: 4 school days; E-1b
    r = client.get(reverse("termijnen:rekenhulp"), {"soort": "schorsing", "datum": "2026-05-12", "van": "2026-05-13",
                                                    "tot": "2026-05-20", "vrij_van": "2026-05-14",
                                                    "vrij_tot": "2026-05-15"})
    body = r.content.decode()
    assert "21 mei 2026" in body and "23 juni 2026" in body  # the week ends on the 5th school day; E-1b
    assert "Binnen een week</dt><dd class=\"col-sm-6\">ja</dd>" in body  # a yes in Dutch, not True
    # a kind's own Dutch refusal at the top of its form (D-2/D-3: exactly one of the two)
    body = client.get(reverse("termijnen:rekenhulp"), {"soort": "geschil", "ontvangen": ""}).content.decode()
    assert "geef precies één van" in body
