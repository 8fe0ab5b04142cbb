"""Table-driven tests of the pure term arithmetic. Every row cites its DOMAIN §4 rule id."""

from datetime import date as d

import pytest

from portal.termijnen import calculator, dates
from portal.termijnen.dates import TermijnFout


@pytest.mark.parametrize(
    "jaar, verwacht",
    [
        # T-3: the feestdagen of the Algemene termijnenwet art. 3, 2026–2031
        (2026, {d(2026, 1, 1), d(2026, 4, 3), d(2026, 4, 6), d(2026, 4, 27), d(2026, 5, 5), d(2026, 5, 14),
                d(2026, 5, 25), d(2026, 12, 25), d(2026, 12, 26)}),
        (2027, {d(2027, 1, 1), d(2027, 3, 26), d(2027, 3, 29), d(2027, 4, 27), d(2027, 5, 5), d(2027, 5, 6),
                d(2027, 5, 17), d(2027, 12, 25), d(2027, 12, 26)}),
        (2028, {d(2028, 1, 1), d(2028, 4, 14), d(2028, 4, 17), d(2028, 4, 27), d(2028, 5, 5), d(2028, 5, 25),
                d(2028, 6, 5), d(2028, 12, 25), d(2028, 12, 26)}),
        (2029, {d(2029, 1, 1), d(2029, 3, 30), d(2029, 4, 2), d(2029, 4, 27), d(2029, 5, 5), d(2029, 5, 10),
                d(2029, 5, 21), d(2029, 12, 25), d(2029, 12, 26)}),
        (2030, {d(2030, 1, 1), d(2030, 4, 19), d(2030, 4, 22), d(2030, 4, 27), d(2030, 5, 5), d(2030, 5, 30),
                d(2030, 6, 10), d(2030, 12, 25), d(2030, 12, 26)}),
        # T-3: 27 April 2031 is a Sunday, so Koningsdag (and the feestdag) is Saturday 26 April
        (2031, {d(2031, 1, 1), d(2031, 4, 11), d(2031, 4, 14), d(2031, 4, 26), d(2031, 5, 5), d(2031, 5, 22),
                d(2031, 6, 2), d(2031, 12, 25), d(2031, 12, 26)}),
    ],
)
def test_feestdagen_algemene_termijnenwet(jaar, verwacht):
    assert dates.feestdagen(jaar) == verwacht


@pytest.mark.parametrize(
    "dag, verwacht, geval",
    [
        (d(2026, 4, 3), d(2026, 4, 7), "T-2: Goede Vrijdag 2026 → over weekend en tweede Paasdag naar dinsdag"),
        (d(2027, 4, 27), d(2027, 4, 28), "T-2/T-3: Koningsdag 2027 is een dinsdag → woensdag"),
        (d(2026, 5, 5), d(2026, 5, 6), "T-3: 5 mei telt elk jaar, ook buiten lustrumjaren → 6 mei"),
        (d(2028, 12, 26), d(2028, 12, 27), "T-3: tweede Kerstdag 2028 (dinsdag) → woensdag"),
        (d(2026, 12, 25), d(2026, 12, 28), "T-3: eerste Kerstdag vrijdag, tweede zaterdag, dan zondag → maandag"),
        (d(2026, 2, 21), d(2026, 2, 23), "T-2: zaterdag → maandag"),
        (d(2026, 2, 22), d(2026, 2, 23), "T-2: zondag → maandag"),
        (d(2026, 5, 14), d(2026, 5, 18), "T-3: Hemelvaartsdag 2026; vrijdag 15 mei is bij KB gelijkgesteld → maandag 18 mei"),
        (d(2026, 5, 25), d(2026, 5, 26), "T-3: tweede Pinksterdag 2026 → dinsdag"),
        (d(2030, 1, 1), d(2030, 1, 2), "T-3: Nieuwjaarsdag 2030 (dinsdag) → woensdag"),
        (d(2031, 4, 26), d(2031, 4, 28), "T-3 lid 2: Koningsdag 2031 op zaterdag 26 april → maandag"),
        (d(2026, 3, 4), d(2026, 3, 4), "T-2: een gewone woensdag blijft staan"),
    ],
)
def test_atw(dag, verwacht, geval):
    assert dates.atw(dag) == verwacht, geval


@pytest.mark.parametrize(
    "ontvangen, opschorting, verlenging, geboren, verwacht, geval",
    [
        ("2026-03-02", [], None, None,
         {"beslissen_uiterlijk": "2026-04-13", "tijdelijke_inschrijving_vanaf": "2026-05-12"},
         "A-6/T-1: ontvangen maandag 2 maart, 6 weken → maandag 13 april; A-9: 10 weken → 11 mei, vanaf 12 mei"),
        ("2026-03-02", [(d(2026, 3, 11), d(2026, 3, 20))], None, None,
         {"beslissen_uiterlijk": "2026-04-22", "opgeschorte_dagen": 9, "tijdelijke_inschrijving_vanaf": "2026-05-21"},
         "A-8: verzoek op 10 maart, antwoord op 20 maart = 9 dagen stil; A-9 schuift mee"),
        ("2026-03-02", [], 4, None,
         {"beslissen_uiterlijk": "2026-04-13", "beslissen_uiterlijk_na_verlenging": "2026-05-11",
          "tijdelijke_inschrijving_vanaf": "2026-05-12"},
         "A-7: eenmaal 4 weken verlengd → 11 mei; A-9 verschuift niet door verlenging"),
        ("2026-03-02", [(d(2026, 3, 11), d(2026, 3, 20))], 2, None,
         {"beslissen_uiterlijk_na_verlenging": "2026-05-06"},
         "A-7 + A-8: 6 + 2 weken = 27 april, plus 9 dagen stil = woensdag 6 mei"),
        ("2026-02-20", [], None, None,
         {"beslissen_uiterlijk": "2026-04-07"},
         "A-6/T-2: 6 weken eindigen op Goede Vrijdag 3 april → dinsdag 7 april"),
        ("2026-02-16", [], None, None,
         {"tijdelijke_inschrijving_vanaf": "2026-04-29"},
         "A-9/T-2: 10 weken eindigen op Koningsdag 27 april → 28 april; tijdelijk ingeschreven vanaf 29 april"),
        ("2026-03-02", [], None, d(2022, 6, 1),
         {"tijdelijke_inschrijving_vanaf": "2026-06-01"},
         "A-9/A-3: niet vóór de 4e verjaardag (1 juni 2026)"),
        ("2026-03-02", [], None, d(2020, 1, 1),
         {"tijdelijke_inschrijving_vanaf": "2026-05-12"},
         "A-9: kind is al ouder dan 4: de dag na de termijn"),
        ("2023-11-06", [], None, d(2020, 2, 29),
         {"tijdelijke_inschrijving_vanaf": "2024-02-29"},
         "A-9/A-3: geboren 29 februari, 4e verjaardag op 29 februari 2024 (schrikkeljaar)"),
        ("2026-03-02", [(d(2026, 3, 5), d(2026, 3, 5))], None, None,
         {"beslissen_uiterlijk": "2026-04-13", "opgeschorte_dagen": 0},
         "A-8: VAN = TOT is 0 dagen"),
    ],
)
def test_aanmelding(ontvangen, opschorting, verlenging, geboren, verwacht, geval):
    uitkomst = calculator.bereken("aanmelding", ontvangen=d.fromisoformat(ontvangen), opschorting=opschorting,
                                  verlenging=verlenging, geboortedatum=geboren)
    for key, waarde in verwacht.items():
        assert uitkomst[key] == waarde, f"{geval}: {key}"
    if verlenging is None:
        assert "beslissen_uiterlijk_na_verlenging" not in uitkomst


@pytest.mark.parametrize(
    "opschortingen, fout",
    [
        ([(d(2026, 3, 10), d(2026, 3, 5))], "eindigt"),  # TOT before VAN
        ([(d(2026, 2, 1), d(2026, 3, 5))], "vóór de start"),  # VAN before the start
        ([(d(2026, 3, 5), d(2026, 3, 10)), (d(2026, 3, 8), d(2026, 3, 12))], "overlappen"),  # overlap
    ],
)
def test_aanmelding_ongeldige_opschorting(opschortingen, fout):
    with pytest.raises(TermijnFout, match=fout):
        calculator.bereken("aanmelding", ontvangen=d(2026, 3, 2), opschorting=opschortingen)


@pytest.mark.parametrize("weken", [0, 5, -1])
def test_aanmelding_verlenging_buiten_1_tot_4_geweigerd(weken):
    # at most 4 weeks
    with pytest.raises(TermijnFout, match="1 tot en met 4"):
        calculator.bereken("aanmelding", ontvangen=d(2026, 3, 2), verlenging=weken)


@pytest.mark.parametrize(
    "inschrijving, vaststellen, evaluatie, geval",
    [
        ("2026-08-24", "2026-10-05", "2027-07-31", "B-2: 6 weken; B-5: evaluatie vóór einde schooljaar 2026/27"),
        ("2026-04-15", "2026-05-27", "2026-07-31", "B-5: vastgesteld in mei → evaluatie dit schooljaar"),
        ("2026-05-01", "2026-06-12", "2027-07-31", "B-5: vastgesteld in juni → eerst volgend schooljaar"),
        ("2026-06-20", "2026-08-03", "2027-07-31", "B-2/T-2: 1 augustus 2026 is zaterdag → maandag 3 augustus"),
        ("2026-04-02", "2026-05-18", "2026-07-31", "B-2/T-3: Hemelvaartsdag 14 mei; vrijdag 15 mei gelijkgesteld (KB) → maandag 18 mei"),
        ("2026-06-01", "2026-07-13", "2027-07-31", "B-5: vastgesteld in juli → eerst volgend schooljaar"),
    ],
)
def test_opp(inschrijving, vaststellen, evaluatie, geval):
    uitkomst = calculator.bereken("opp", inschrijving=d.fromisoformat(inschrijving))
    assert (uitkomst["vaststellen_uiterlijk"], uitkomst["evaluatie_uiterlijk"]) == (vaststellen, evaluatie), geval


@pytest.mark.parametrize(
    "aanvraag, opschorting, verwacht, geval",
    [
        ("2026-01-05", [], "2026-03-02", "C-4: 8 weken"),
        ("2026-01-05", [(d(2026, 1, 10), d(2026, 1, 20))], "2026-03-12", "C-4: onvolledige aanvraag, 10 dagen stil"),
        ("2026-03-02", [], "2026-04-28", "C-4/T-2: 8 weken eindigen op Koningsdag 27 april 2026 → 28 april"),
    ],
)
def test_tlv(aanvraag, opschorting, verwacht, geval):
    assert calculator.bereken("tlv", aanvraag=d.fromisoformat(aanvraag), opschorting=opschorting)["beslissen_uiterlijk"] == verwacht, geval


@pytest.mark.parametrize(
    "afgifte, n, einde, geval",
    [
        ("2026-08-01", 1, "2027-07-31", "C-5: afgegeven op 1 augustus: precies één schooljaar"),
        ("2026-01-05", 1, "2027-07-31", "C-5: in de loop van het schooljaar: rest tot 1 augustus erbij"),
        ("2026-01-05", 2, "2028-07-31", "C-5: twee schooljaren plus de rest"),
        ("2026-07-31", 1, "2027-07-31", "C-5: op de laatste dag van het schooljaar"),
        ("2026-08-02", 1, "2028-07-31", "C-5: op 2 augustus: de rest van 2026/27 plus één schooljaar"),
        ("2026-08-01", 3, "2029-07-31", "C-5: drie hele schooljaren"),
    ],
)
def test_tlv_einddatum(afgifte, n, einde, geval):
    assert calculator.bereken("tlv-einddatum", afgifte=d.fromisoformat(afgifte), schooljaren=n)["einddatum"] == einde, geval


def test_tlv_einddatum_minstens_een_schooljaar():
    with pytest.raises(TermijnFout):
        calculator.bereken("tlv-einddatum", afgifte=d(2026, 1, 5), schooljaren=0)  # C-5: ≥ 1 school year


@pytest.mark.parametrize(
    "bekendmaking, verwacht, geval",
    [
        ("2026-02-20", "2026-04-07", "A-13/C-6: 6 weken eindigen op Goede Vrijdag → dinsdag na Pasen"),
        ("2027-03-16", "2027-04-28", "A-13/C-6: eindigt op Koningsdag 2027 (dinsdag) → woensdag"),
        ("2026-03-24", "2026-05-06", "A-13/C-6: eindigt op 5 mei 2026 → 6 mei"),
        ("2028-11-14", "2028-12-27", "A-13/C-6: eindigt op tweede Kerstdag 2028 → 27 december"),
        ("2026-01-10", "2026-02-23", "A-13/C-6: eindigt op zaterdag → maandag"),
        ("2026-03-04", "2026-04-15", "A-13/C-6: gewone woensdag"),
    ],
)
def test_bezwaar(bekendmaking, verwacht, geval):
    assert calculator.bereken("bezwaar", bekendmaking=d.fromisoformat(bekendmaking))["indienen_uiterlijk"] == verwacht, geval


@pytest.mark.parametrize(
    "kwargs, sleutel, verwacht, geval",
    [
        ({"besluit": d(2026, 2, 20)}, "indienen_uiterlijk", "2026-04-03", "D-2/T-4: reglementstermijn, geen Atw: Goede Vrijdag blijft"),
        ({"besluit": d(2026, 1, 10)}, "indienen_uiterlijk", "2026-02-21", "D-2/T-4: zaterdag blijft zaterdag"),
        ({"ontvangen": d(2026, 2, 16)}, "oordeel_uiterlijk", "2026-04-28", "D-3/T-2: 10 weken op Koningsdag → 28 april"),
        ({"ontvangen": d(2026, 3, 2)}, "oordeel_uiterlijk", "2026-05-11", "D-3: 10 weken"),
    ],
)
def test_geschil(kwargs, sleutel, verwacht, geval):
    assert calculator.bereken("geschil", **kwargs)[sleutel] == verwacht, geval


def test_geschil_precies_een_optie():
    with pytest.raises(TermijnFout):
        calculator.bereken("geschil")
    with pytest.raises(TermijnFout):
        calculator.bereken("geschil", besluit=d(2026, 1, 1), ontvangen=d(2026, 1, 1))


@pytest.mark.parametrize(
    "dag, einde, geval",
    [
        (d(2026, 7, 31), d(2026, 7, 31), "T-4: 31 juli is de laatste dag van het schooljaar"),
        (d(2026, 8, 1), d(2027, 7, 31), "T-4: 1 augustus begint een nieuw schooljaar"),
        (d(2027, 1, 15), d(2027, 7, 31), "T-4: midden in het schooljaar"),
    ],
)
def test_schooljaar(dag, einde, geval):
    assert dates.schooljaar_einde(dag) == einde, geval


@pytest.mark.parametrize(
    "geboren, leeftijd, verjaardag, geval",
    [
        (d(2024, 2, 29), 1, d(2025, 3, 1), "A-3: 29 februari in een gewoon jaar telt als 1 maart"),
        (d(2024, 2, 29), 4, d(2028, 2, 29), "A-3: 4e verjaardag valt in een schrikkeljaar"),
        (d(2022, 6, 1), 4, d(2026, 6, 1), "A-3: gewone verjaardag"),
    ],
)
def test_verjaardag(geboren, leeftijd, verjaardag, geval):
    assert dates.verjaardag(geboren, leeftijd) == verjaardag, geval


def test_plus_werkdagen_spoeduitspraak():
    # D-3: urgent ruling within 2 working days after a hearing on Thursday 2 April 2026 (Goede Vrijdag follows)
    assert dates.plus_werkdagen(d(2026, 4, 2), 2) == d(2026, 4, 8)
