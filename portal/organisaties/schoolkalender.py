"""The school calendar: which days are school days at a school (E-1). Pure reads.

A schorsing is counted in school days: 'voor een periode van ten hoogste één week' (WPO 40c lid 1, WEC 40a lid 1,
WVO 2020 8.14 lid 1) is at most one school week, 5 school days; the inspectie is told of a schorsing 'voor een
periode langer dan één dag' (WPO 40c lid 3, WEC 40a lid 3, WVO 2020 8.14 lid 3) — more than one school day.
A school day is a weekday that is not in a holiday or free day of the school or of its board (``VrijePeriode``,
entered by staff). The Algemene termijnenwet does not apply: it extends terms that end on a holiday, it does not
say when a school is open. So Friday 15 May 2026 (a day the Atw decree equates with a holiday) and 5 May in a
year that is not a lustrum are ordinary school days unless the school says it is closed."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from .models import VrijePeriode


@dataclass(frozen=True)
class VasteKalender:
    """A school's calendar given as its free periods ((first, last) day pairs, inclusive) instead of read from the
    database: what the terms calculator passes for ``manage.py termijn schorsing --vrij`` (no database there)."""

    vrij: tuple[tuple[date, date], ...] = ()


def vrije_periodes(school, van: date, tot: date) -> list[tuple[date, date]]:
    """The school's and its board's free periods that overlap ``van``–``tot``, as (first, last) day pairs."""
    if school is None:
        return []
    if isinstance(school, VasteKalender):
        return [(a, b) for a, b in school.vrij if a <= tot and b >= van]
    return list(VrijePeriode.objects.filter(Q(school=school) | Q(bestuur_id=school.bestuur_id), van__lte=tot,
                                            tot__gte=van).values_list("van", "tot"))


def _vrij(dag: date, periodes) -> bool:
    return dag.weekday() >= 5 or any(v <= dag <= t for v, t in periodes)


def is_schooldag(school, dag: date) -> bool:
    return not _vrij(dag, vrije_periodes(school, dag, dag))


def schooldagen(school, van: date, tot: date) -> list[date]:
    """The school days from ``van`` to ``tot`` inclusive, by the school's calendar (``school`` None: weekdays)."""
    if tot < van:
        return []
    periodes = vrije_periodes(school, van, tot)
    return [van + timedelta(days=i) for i in range((tot - van).days + 1) if not _vrij(van + timedelta(days=i), periodes)]


def laatste_schooldag(school, van: date, aantal: int) -> date:
    """The ``aantal``-th school day counted from ``van`` (``van`` itself the first when it is a school day): the
    last day a schorsing of at most ``aantal`` school days may cover (E-1). Looks a year ahead at most."""
    grens = van + timedelta(days=366)
    dagen = schooldagen(school, van, grens)
    return dagen[aantal - 1] if len(dagen) >= aantal else grens
