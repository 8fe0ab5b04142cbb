"""The TLV's legal terms with a frozen clock, table-driven (one comment per row saying the case in words):
C-4 (8 weeks, standing still while the school completes the application, a later date announced in time), C-5 (whole
school years with the mid-year rule, the reminder on 1 February of the last year, its parameters in the settings),
C-6/C-6b/C-6c (bezwaar, LBT, decision on the bezwaar) and C-7 (3 years)."""

from datetime import date as d
from datetime import timedelta

import pytest

from portal.termijnen import rules
from tlv import services as s
from tlv import wet
from tlv.checks import check_c5_parameters

from .test_tlv import beslist, ingediend, op, tlv_wereld, vers


@pytest.fixture
def w(world):
    return tlv_wereld(world)


# --- C-4 ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ingediend_op, gevraagd, aangevuld, verwacht, geval", [
    (d(2026, 1, 5), None, None, d(2026, 3, 2), "8 weken, geen opschorting: maandag → maandag"),
    (d(2026, 3, 2), None, None, d(2026, 4, 28), "8 weken eindigen op Koningsdag 2026 (Atw) → dinsdag 28 april"),
    (d(2026, 1, 5), d(2026, 1, 9), d(2026, 1, 20), d(2026, 3, 12),
     "verzoek op vrijdag 9 januari: stil vanaf de 10e (Awb 4:15) tot de 20e = 10 dagen erbij"),
    (d(2026, 3, 2), d(2026, 3, 10), d(2026, 3, 20), d(2026, 5, 6),
     "9 dagen stil: 27 april + 9 = woensdag 6 mei (5 mei is een feestdag, maar de einddatum valt erna)"),
    (d(2026, 3, 2), d(2026, 3, 2), d(2026, 3, 3), d(2026, 4, 28),
     "verzoek en aanvulling de dag erna: 0 dagen stil (stil vanaf de dag ná het verzoek)"),
    (d(2026, 4, 13), d(2026, 5, 1), d(2026, 5, 18), d(2026, 6, 24),
     "16 dagen stil over Bevrijdingsdag en Hemelvaart heen: 8 juni + 16 = woensdag 24 juni"),
])
def test_c4_eight_weeks_with_a_pause_for_the_schools_supplement(w, ingediend_op, gevraagd, aangevuld, verwacht, geval):
    t = ingediend(w, dag=ingediend_op)
    if gevraagd:
        with op(gevraagd):
            s.tlv_onvolledig(tlv=t, door=w.swv_mw_a, omschrijving="Het OPP ontbreekt.",
                             antwoord_uiterlijk=aangevuld + timedelta(days=30))
        assert vers(t).klokken["C-4"].uiterlijk is None, geval  # the clock stands still: no due date
        with op(aangevuld):
            s.tlv_aanvul(tlv=vers(t), door=w.ib_a, antwoord="Hierbij het OPP.")
    assert vers(t).klokken["C-4"].uiterlijk == verwacht, geval


@pytest.mark.parametrize("vandaag, datum, fout, geval", [
    (d(2026, 4, 20), d(2026, 5, 26), None, "ruim vóór het einde (28 april) een latere datum: geldt"),
    (d(2026, 4, 28), d(2026, 5, 26), None, "op de laatste dag zelf: nog op tijd"),
    (d(2026, 4, 29), d(2026, 5, 26), "vóór het einde", "de dag na het einde: te laat (Awb 4:14 lid 3)"),
    (d(2026, 4, 20), d(2026, 4, 21), "na de huidige", "een datum vóór de huidige uiterste datum is geen latere datum"),
])
def test_c4_later_date_announced_in_time(w, vandaag, datum, fout, geval):
    t = ingediend(w, dag=d(2026, 3, 2))
    with op(vandaag):
        if fout:
            with pytest.raises(s.TlvFout, match=fout):
                s.tlv_later_aankondigen(tlv=t, door=w.swv_mw_a, datum=datum, reden="De arts is ziek.")
            assert vers(t).klokken["C-4"].uiterlijk == d(2026, 4, 28), geval
        else:
            s.tlv_later_aankondigen(tlv=t, door=w.swv_mw_a, datum=datum, reden="De arts is ziek.")
            assert vers(t).klokken["C-4"].uiterlijk == datum, geval


def test_c4_later_date_not_while_the_clock_stands_still(w):
    t = ingediend(w, dag=d(2026, 3, 2))
    with op(d(2026, 3, 10)):
        s.tlv_onvolledig(tlv=t, door=w.swv_mw_a, omschrijving="x", antwoord_uiterlijk=d(2026, 3, 24))
    with op(d(2026, 3, 12)), pytest.raises(s.TlvFout, match="staat stil|geen beslistermijn"):
        s.tlv_later_aankondigen(tlv=vers(t), door=w.swv_mw_a, datum=d(2026, 6, 1), reden="x")


# --- C-5 -------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ingang, jaren, loop, einde, geval", [
    (d(2026, 8, 1), 1, True, d(2027, 7, 31), "op 1 augustus: precies één schooljaar"),
    (d(2026, 4, 1), 1, True, d(2027, 7, 31), "in de loop van 2025/26: de rest erbij, plus één schooljaar"),
    (d(2026, 4, 1), 2, True, d(2028, 7, 31), "twee schooljaren plus de rest"),
    (d(2026, 7, 31), 1, True, d(2027, 7, 31), "op de laatste dag van het schooljaar: die dag erbij"),
    (d(2026, 4, 1), 1, False, d(2026, 7, 31), "zonder de regel (instelling): het lopende schooljaar telt als eerste"),
    (d(2026, 4, 1), 2, False, d(2027, 7, 31), "zonder de regel, twee jaar: t/m eind volgend schooljaar"),
    (d(2026, 8, 1), 1, False, d(2027, 7, 31), "zonder de regel op 1 augustus: hetzelfde als met"),
])
def test_c5_end_date_whole_school_years_with_the_mid_year_rule(ingang, jaren, loop, einde, geval):
    assert wet.einddatum(ingang, jaren, {"loop_van_schooljaar": loop}) == einde, geval


def test_c5_settings_override_changes_the_end_date(w, settings):
    """Issue #12 item 8: C-5's parameters are settings (the Kamerbrief of 16 May 2025 announced changes)."""
    settings.TERMIJNEN_OVERRIDES = {"C-5": {"schooljaren": 3, "loop_van_schooljaar": False, "herinnering_op": ["03-01"]}}
    assert not rules.check_registry() and not check_c5_parameters(None)
    assert wet.standaard_schooljaren() == 3
    t = ingediend(w)
    with op(d(2026, 3, 16)):
        s.tlv_volledig(tlv=t, door=w.swv_mw_a)
        for plaats, wie in ((1, w.desk1), (2, w.desk2)):
            tw = s.tlv_deskundige_wijs_toe(tlv=t, door=w.swv_mw_a, deskundige=wie, plaats=plaats)
            s.tlv_advies_geef(toewijzing=tw, deskundige=wie, conclusie="toelaatbaar", advies="Past.")
    with op(d(2026, 4, 1)):
        from portal.zaken.services import besluit_onderteken

        b = s.tlv_besluit_voorbereid(tlv=vers(t), door=w.swv_mw_a, uitkomst="toegekend", motivering="x",
                                     ingangsdatum=d(2026, 4, 1), schooljaren=None)  # the default from the settings
        besluit_onderteken(besluit=b, door=w.swv_directeur, bekendmaking="uitgereikt", verzonden_op=d(2026, 4, 1))
    t = vers(t)
    # 3 school years, the current one (2025/26) counting as the first → 31 July 2028 (with the rule: 2029)
    assert t.schooljaren == 3 and t.einddatum == d(2028, 7, 31) == t.klokken["C-5"].uiterlijk
    c5 = t.klokken["C-5"]
    assert c5.params["loop_van_schooljaar"] is False and c5.params["herinnering_op"] == ["03-01"]
    assert c5.volgende_actie_op == d(2028, 3, 1)
    assert t.brieven.get(soort="tlv.besluit").gegevens["einddatum"] == d(2028, 7, 31)


def test_c5_override_without_it_gives_the_law_default(w):
    t, _b = beslist(w, schooljaren=1)
    assert t.einddatum == d(2027, 7, 31)  # given 1 April 2026: rest of 2025/26 + 2026/27


@pytest.mark.parametrize("override, fout", [
    ({"schooljaren": 0}, "tlv.E001"),  # at least one school year (WEC 40 lid 15)
    ({"schooljaren": "twee"}, "tlv.E001"),
    ({"schooljaren": True}, "tlv.E001"),  # a yes/no is not a number of years
    ({"loop_van_schooljaar": "ja"}, "tlv.E002"),
])
def test_c5_override_values_checked_at_start_up(settings, override, fout):
    settings.TERMIJNEN_OVERRIDES = {"C-5": override}
    assert [e.id for e in check_c5_parameters(None)] == [fout]


def test_c5_override_of_a_fixed_parameter_refused_at_start_up(settings):
    settings.TERMIJNEN_OVERRIDES = {"C-5": {"lengte": 2}}  # the engine's check: not overridable for this rule
    assert any("lengte" in p for p in rules.check_registry())
    assert check_c5_parameters(None) == []  # reported once, by the engine's check


@pytest.mark.parametrize("einde, herinnering, geval", [
    (d(2027, 7, 31), d(2027, 2, 1), "TLV tot 31 juli 2027: herinnering 1 februari 2027, in het laatste schooljaar"),
    (d(2028, 7, 31), d(2028, 2, 1), "twee jaar later: 1 februari 2028"),
])
def test_c5_reminder_on_1_february_of_the_last_school_year(einde, herinnering, geval):
    from portal.termijnen.models import herinneringen

    assert herinneringen(rules.get("C-5").params(), einde) == [(herinnering, "herinnering-op-02-01")], geval


# --- C-6, C-6b, C-6c --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bekend, c6, ontvangen, c6b, c6c, geval", [
    (d(2026, 4, 1), d(2026, 5, 13), d(2026, 4, 10), d(2026, 4, 24), d(2026, 8, 5),
     "bekendgemaakt 1 april: bezwaar t/m 13 mei; LBT binnen 2 weken na ontvangst; besluit 12 weken na 13 mei"),
    (d(2026, 3, 27), d(2026, 5, 8), d(2026, 4, 3), d(2026, 4, 17), d(2026, 7, 31),
     "bekendgemaakt vrijdag 27 maart: 6 weken = 8 mei; 12 weken later = vrijdag 31 juli"),
    (d(2026, 3, 24), d(2026, 5, 6), d(2026, 4, 18), d(2026, 5, 2), d(2026, 7, 29),
     "6 weken eindigen op 5 mei (feestdag, Atw) → 6 mei; LBT-termijn op zaterdag 2 mei: reglement, geen Atw"),
])
def test_c6_bezwaar_lbt_and_decision_terms(w, bekend, c6, ontvangen, c6b, c6c, geval):
    from geschillen import services as g

    _t, b = beslist(w, uitkomst="afgewezen", dag=bekend)
    assert b.klokken["C-6"].uiterlijk == c6, geval
    with op(ontvangen):
        bz = g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="Niet eens.")
    k = bz.klokken
    assert (k["C-6b"].uiterlijk, k["C-6c"].uiterlijk) == (c6b, c6c), geval


def test_c6c_late_bezwaar_counts_from_its_receipt_and_verdaging_once(w):
    from geschillen import services as g

    _t, b = beslist(w, uitkomst="afgewezen", dag=d(2026, 4, 1))
    with op(d(2026, 6, 1)):  # after 13 May: late, with a reason (Awb 6:11)
        bz = g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="x", te_laat_reden="Ziekenhuis")
        c6c = bz.klokken["C-6c"]
        assert c6c.start == d(2026, 6, 1) and c6c.uiterlijk == d(2026, 8, 24)
        s.tlv_bezwaar_verdaag(bezwaar=bz, door=w.swv_mw_a, weken=6, reden="LBT")
        with pytest.raises(s.TlvFout, match="al eens verlengd"):
            s.tlv_bezwaar_verdaag(bezwaar=bz, door=w.swv_mw_a, weken=1, reden="nog eens")
    assert bz.klokken["C-6c"].uiterlijk == d(2026, 10, 5)


# --- C-7 ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bekend, verwijderen, geval", [
    (d(2026, 4, 1), d(2029, 4, 1), "3 jaar na het besluit"),
    (d(2026, 4, 2), d(2029, 4, 2), "valt op maandag 2 april 2029: geen Atw (een bewaartermijn in jaren)"),
    (d(2026, 6, 30), d(2029, 6, 30), "op zaterdag 30 juni 2029: blijft zaterdag"),
])
def test_c7_three_years_after_the_decision(w, bekend, verwijderen, geval):
    t, _b = beslist(w, dag=bekend)
    assert t.klokken["C-7"].uiterlijk == verwijderen, geval
