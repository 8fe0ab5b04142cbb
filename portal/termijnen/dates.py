"""Pure deadline arithmetic (DOMAIN §4 T-1…T-4). No database, no clock: every function takes dates.

All dates are Europe/Amsterdam calendar dates. A due date is inclusive: a term is overdue from
00:00 on the day after it.
"""

import json
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from dateutil.easter import easter


class TermijnFout(ValueError):
    """Invalid input for a term computation; the message is Dutch and shown to the user."""


@lru_cache(maxsize=64)
def feestdagen(jaar: int) -> frozenset[date]:
    """Algemeen erkende feestdagen of the Algemene termijnenwet art. 3 (T-3), coded from the statute.

    Nieuwjaarsdag, Goede Vrijdag, tweede Paasdag, Koningsdag (27 April, or 26 April when the 27th is a
    Sunday: art. 3 lid 2 names the day the King's birthday is celebrated), 5 mei (every year — unlike
    the `holidays` package, which lists it only in lustrum years), Hemelvaartsdag, tweede Pinksterdag,
    eerste en tweede Kerstdag. (Eerste Paas- en Pinksterdag are Sundays anyway.)
    """
    pasen = easter(jaar)
    koningsdag = date(jaar, 4, 27)
    if koningsdag.weekday() == 6:
        koningsdag = date(jaar, 4, 26)
    return frozenset(
        {
            date(jaar, 1, 1),
            pasen - timedelta(days=2),  # Goede Vrijdag
            pasen + timedelta(days=1),  # tweede Paasdag
            koningsdag,
            date(jaar, 5, 5),
            pasen + timedelta(days=39),  # Hemelvaartsdag
            pasen + timedelta(days=50),  # tweede Pinksterdag
            date(jaar, 12, 25),
            date(jaar, 12, 26),
        }
    )


STANDAARD_GELIJKGESTELD = Path(__file__).with_name("gelijkgestelde_dagen.json")


@lru_cache(maxsize=1)
def standaard_gelijkgestelde_dagen() -> frozenset[date]:
    """The days the known royal decrees made equal to feestdagen (T-3, Atw art. 3 lid 3), as shipped."""
    data = json.loads(STANDAARD_GELIJKGESTELD.read_text(encoding="utf-8"))
    return frozenset(date.fromisoformat(r["datum"]) for r in data["dagen"])


# Where the equalised days come from: the database when the portal runs (the beheerder adds the next decree's
# days without a release, see ``portal.termijnen.feestdagen``), the shipped file otherwise (the CLI, tests of
# the pure arithmetic).
_gelijkgesteld_bron: Callable[[], frozenset[date]] = standaard_gelijkgestelde_dagen


def set_gelijkgestelde_bron(func: Callable[[], frozenset[date]]) -> None:
    global _gelijkgesteld_bron
    _gelijkgesteld_bron = func


def gelijkgestelde_dagen() -> frozenset[date]:
    return _gelijkgesteld_bron()


def is_vrije_dag(d: date) -> bool:
    """Saturday, Sunday, an algemeen erkende feestdag or a day a royal decree made equal to one (T-2, T-3)."""
    return d.weekday() >= 5 or d in feestdagen(d.year) or d in gelijkgestelde_dagen()


def atw(d: date, start: date | None = None) -> date:
    """Algemene termijnenwet (T-2). Art. 1: a term ending on a Saturday, Sunday or feestdag is extended to
    the next day that is none of these. Art. 2: a term of at least three days is extended, where needed, so
    that it contains at least two days that are none of these (``start``: the day after which the term
    runs). Applied to the final computed date only."""
    while is_vrije_dag(d):
        d += timedelta(days=1)
    if start is not None and (d - start).days >= 3:
        werkdagen = sum(1 for i in range(1, (d - start).days + 1) if not is_vrije_dag(start + timedelta(days=i)))
        while werkdagen < 2:
            d += timedelta(days=1)
            if not is_vrije_dag(d):
                werkdagen += 1
    return d


def plus_weken(d: date, weken: int) -> date:
    """T-1: N weeks after day D ends on the same weekday N weeks later."""
    return d + timedelta(weeks=int(weken))


def plus_werkdagen(d: date, n: int) -> date:
    """N working days after D (D-3's urgent ruling): days that are not vrije dagen in the Atw sense."""
    while n > 0:
        d += timedelta(days=1)
        if not is_vrije_dag(d):
            n -= 1
    return d


def plus_maanden(d: date, n: int) -> date:
    from dateutil.relativedelta import relativedelta

    return d + relativedelta(months=n)


def plus_jaren(d: date, n: int) -> date:
    from dateutil.relativedelta import relativedelta

    return d + relativedelta(years=n)


Interval = tuple[date, date | None]


def check_opschortingen(start: date, intervallen: Iterable[Interval]) -> list[Interval]:
    """Validate suspension intervals [VAN, TOT): the clock stood still from VAN up to, not including,
    TOT. TOT before VAN, VAN before the start, and overlapping intervals are errors. TOT may be None
    for a suspension that is still open (only the last one)."""
    out = sorted(intervallen, key=lambda iv: iv[0])
    vorige_tot: date | None = start
    for i, (van, tot) in enumerate(out):
        if van < start:
            raise TermijnFout(f"De opschorting begint ({van.isoformat()}) vóór de start van de termijn ({start.isoformat()}).")
        if tot is not None and tot < van:
            raise TermijnFout(f"Een opschorting eindigt ({tot.isoformat()}) vóór ze begint ({van.isoformat()}).")
        if tot is None and i != len(out) - 1:
            raise TermijnFout("Alleen de laatste opschorting mag nog lopen.")
        if i > 0 and (vorige_tot is None or van < vorige_tot):
            raise TermijnFout("Opschortingen mogen elkaar niet overlappen.")
        vorige_tot = tot
    return out


def opgeschorte_dagen(intervallen: Iterable[Interval]) -> int:
    """Days on which the clock stood still: the sum of TOT − VAN (VAN = TOT is 0 days)."""
    return sum((tot - van).days for van, tot in intervallen if tot is not None)


def schooljaar_einde(d: date) -> date:
    """31 July of the school year (1 August – 31 July, T-4) in which D falls."""
    return date(d.year + 1, 7, 31) if d.month >= 8 else date(d.year, 7, 31)


def volgende_schooljaar_start(d: date) -> date:
    """The first 1 August strictly after D (or D itself when D is 1 August)."""
    if (d.month, d.day) == (8, 1):
        return d
    return date(d.year + 1, 8, 1) if d.month >= 8 else date(d.year, 8, 1)


def verjaardag(geboortedatum: date, leeftijd: int) -> date:
    """The day a child reaches ``leeftijd``. Born on 29 February: in a year without that day the
    birthday counts as 1 March (the day after 28 February), the common Dutch reading."""
    jaar = geboortedatum.year + leeftijd
    try:
        return geboortedatum.replace(year=jaar)
    except ValueError:
        return date(jaar, 3, 1)


def niet_voor_vierde_verjaardag(d: date, geboortedatum: date | None) -> date:
    """A-3/A-9: enrolment as a pupil not before age 4."""
    if geboortedatum is None:
        return d
    return max(d, verjaardag(geboortedatum, 4))


def tijdelijk_ingeschreven_vanaf(a9_uiterlijk: date, geboortedatum: date | None) -> date:
    """A-9: the child is enrolled temporarily from the day after the 10-week term (plus suspension) ends, not before
    age 4 (A-3)."""
    return niet_voor_vierde_verjaardag(a9_uiterlijk + timedelta(days=1), geboortedatum)


def tlv_einddatum(afgifte: date, schooljaren: int) -> date:
    """C-5 (WEC 40 lid 15): a TLV covers N whole school years; given *in de loop van* a school year
    (not on 1 August) the period up to the next 1 August is added."""
    if schooljaren < 1:
        raise TermijnFout("Een toelaatbaarheidsverklaring geldt minstens 1 schooljaar.")
    start = volgende_schooljaar_start(afgifte)
    return date(start.year + schooljaren, 7, 31)


def opp_evaluatie_uiterlijk(vastgesteld: date) -> date:
    """B-5 (portal policy): 31 July of the school year in which the OPP is set, or of the next school
    year when it is set in June or July."""
    einde = schooljaar_einde(vastgesteld)
    if vastgesteld.month in (6, 7):
        einde = date(einde.year + 1, 7, 31)
    return einde


def tijdig_ingediend(uiterlijk: date, ontvangen: date, ter_post: date | None = None) -> bool:
    """Awb 6:9: a bezwaar- or beroepschrift is on time when received by the end of the term (lid 1), or — sent by
    post — when posted by the end of the term and received no later than one week after it (lid 2)."""
    if ontvangen <= uiterlijk:
        return True
    return ter_post is not None and ter_post <= uiterlijk and ontvangen <= uiterlijk + timedelta(weeks=1)
