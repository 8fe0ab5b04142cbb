"""Which law says it, per sector and kind of school (issue #8, law item 6) — shared by every app whose
letters cite the law. Letters cite the articles that apply to *this* school: the WPO for po, the WEC for
(v)so, the Wet voortgezet onderwijs 2020 for vo and pro (not the old WVO art. 27). Sources and their
confidence: docs/juridische-bronnen.md.

Regime: an openbare school follows the Awb; a bijzondere school — and a samenwerkingsschool, to which
the rules for bijzondere scholen apply (WPO 17d lid 10; WEC 28j lid 10; WVO 2020 art. 3.25 lid 2) —
follows WPO 63 / WEC 61.
"""

from .models import Denominatie

PO = {"bao", "sbo"}
SO = {"so", "vso"}
VO = {"vo", "pro"}


def sector(school) -> str:
    if school.soort in SO:
        return "so"
    if school.soort in VO:
        return "vo"
    return "po"


def is_openbaar(school) -> bool:
    return school.denominatie == Denominatie.OPENBAAR


WETTEN = {
    "po": "Wet op het primair onderwijs (WPO)",
    "so": "Wet op de expertisecentra (WEC)",
    "vo": "Wet voortgezet onderwijs 2020 (WVO 2020)",
}

ARTIKELEN = {
    # what: (po, so, vo)
    "aanmelding": ("artikel 40 lid 2", "artikel 40 lid 3", "artikel 8.8 lid 1"),
    "beslistermijn": ("artikel 40 lid 6", "artikel 40 lid 7", "artikel 8.8 lid 2"),
    "zorgplicht": ("artikel 40 lid 3 en 4", "artikel 40 lid 4 en 5", "artikel 8.9 lid 1 en 2"),
    "weigering": ("artikel 40 lid 5", "artikel 40 lid 6", "artikel 8.9 lid 3"),
    "tijdelijk": ("artikel 40 lid 7", "artikel 40 lid 8 en 9", "artikel 8.13"),
    "geschil": ("artikel 43", "", ""),
}


def artikel(school, wat: str) -> str:
    s = sector(school)
    nummer = ARTIKELEN[wat][("po", "so", "vo").index(s)]
    return f"{WETTEN[s]}, {nummer}" if nummer else WETTEN[s]


def opschorting_vanaf(school, verzoekdag):
    """A-8: the first day the decision term stands still after the school asks the parents to supplement the
    aanmelding. Openbare school: the day after (Awb 4:15 lid 1). Bijzondere school and samenwerkingsschool in
    po and (v)so: the request day itself (WPO 63 lid 4; WEC 61 lid 5; WPO 17d lid 10, WEC 28j lid 10). vo: the
    WVO 2020 has no such sentence (8.8 lid 3), so the Awb applies (docs/juridische-bronnen.md)."""
    from datetime import timedelta

    if is_openbaar(school) or sector(school) == "vo":
        return verzoekdag + timedelta(days=1)
    return verzoekdag


def bezwaar_beslistermijn_start(school, *, ontvangen, bezwaartermijn_einde):
    """A-13b: the day after which the board's 4-week decision term on a bezwaar runs (T-1 counting). The one
    reading, used by the bezwaar's clock, the calculator (``manage.py termijn bezwaar``) and the tests:

    * bijzonder po/(v)so, samenwerkingsschool, every vo board: the day the bezwaar was received (WPO 63 lid 3;
      WEC 61 lid 3; WPO 17d lid 10, WEC 28j lid 10; WVO 2020 8.8 lid 6, 8.15 lid 6);
    * openbaar po/(v)so: the last day of the 6-week bezwaar term — 4 weeks "gerekend vanaf de dag na" that day
      (WPO 40 lid 12; WEC 40 lid 20) — or, for a bezwaar received after that day (late and excused, Awb 6:11, or
      posted in time, Awb 6:9 lid 2), the day of receipt: the term cannot run before the bezwaar exists. The later
      of the two.
    """
    if bezwaar_beslistermijn_na_ontvangst(school):
        return ontvangen
    return na_bezwaartermijn(bezwaartermijn_einde, ontvangen)


def na_bezwaartermijn(bezwaartermijn_einde, ontvangen):
    """Awb 7:10 lid 1 (and WPO 40 lid 12, WEC 40 lid 20): a decision term on a bezwaar that runs from the end of the
    bezwaar term — or, for a bezwaar received after that day (late and excused, Awb 6:11, or posted in time, Awb 6:9
    lid 2), from its receipt: the later of the two (E-1c; A-13b at an openbare po/(v)so school)."""
    return max(bezwaartermijn_einde, ontvangen)


def opschorting_bron(school) -> str:
    """A-8: the request day itself (bijzonder, samenwerking) or the day after (openbaar, Awb 4:15)."""
    if is_openbaar(school) or sector(school) == "vo":
        return "Algemene wet bestuursrecht, artikel 4:15"
    return "Wet op de expertisecentra, artikel 61 lid 5" if sector(school) == "so" else \
        "Wet op het primair onderwijs, artikel 63 lid 4"


def bezwaar_bron(school, *, verwijdering: bool = False) -> str:
    """A-13: where the board's 4-week decision term on a bezwaar comes from. vo: WVO 2020 8.8 lid 5–6 for a refused
    admission, 8.15 lid 6–8 for a removal; po and (v)so: the same article for both."""
    s = sector(school)
    if s == "vo":
        if verwijdering:
            return "Wet voortgezet onderwijs 2020, artikel 8.15 lid 6 tot en met 8"
        return "Wet voortgezet onderwijs 2020, artikel 8.8 lid 5 en 6"
    if is_openbaar(school):
        return "Wet op de expertisecentra, artikel 40 lid 20" if s == "so" else "Wet op het primair onderwijs, artikel 40 lid 12"
    return "Wet op de expertisecentra, artikel 61 lid 3" if s == "so" else "Wet op het primair onderwijs, artikel 63 lid 3"


def bezwaar_beslistermijn_na_ontvangst(school) -> bool:
    """A-13b: 4 weeks after *receipt* of the bezwaren (bijzonder po/so, every vo board), or 4 weeks counted
    from the day after the 6-week bezwaar term ended (openbaar po/so: WPO 40 lid 12, WEC 40 lid 20)."""
    return sector(school) == "vo" or not is_openbaar(school)


def verwijzingen(school) -> dict:
    """The citations a letter of this school needs, frozen into the letter's payload when it is made."""
    s = sector(school)
    artikelen = {"art_" + wat: ARTIKELEN[wat][("po", "so", "vo").index(s)] for wat in ARTIKELEN}
    return {"wet_" + wat: artikel(school, wat) for wat in ARTIKELEN} | artikelen | {
        "wet_opschorting": opschorting_bron(school), "wet_bezwaar": bezwaar_bron(school),
        "wet_naam": WETTEN[sector(school)]}
