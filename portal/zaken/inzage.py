"""Read access to a pupil's cases of one kind that follows from a case of another kind (issue #12): while a TLV
application is with an SWV, its staff read the pupil's arrangement and OPP. The app that grants the access
registers a source; a kind whose access rule honours it adds ``inzage_q(user, "<its code>")`` to that rule — one
line, without importing the app that grants it (``portal`` never imports a domain app, and domain apps need not
import each other).

    # tlv/apps.py
    register_inzage(("arrangement", "opp"), inzage_leerlingen)   # user -> pupil ids (a values() queryset) | None

    # ondersteuning/selectors.py, in arrangement_toegang
    q |= inzage_q(user, "arrangement")
"""

from collections.abc import Callable

from django.db.models import Q

from portal.basis.registry import Registry, sleutel_van

INZAGE = Registry("inzage", "read access to one kind's cases that a case of another kind grants")


def register_inzage(zaaktypen, func: Callable) -> None:
    """``func(user)`` returns the pupils (a queryset of ids, e.g. ``.values("leerling_id")``) whose cases of the
    kinds ``zaaktypen`` the user may read now, or None."""
    for code in zaaktypen:
        INZAGE.register(f"{code}:{sleutel_van(func)}", func)


def _bronnen(zaaktype: str) -> list[Callable]:
    return [f for k, f in INZAGE.items() if k.startswith(f"{zaaktype}:")]


def inzage_q(user, zaaktype: str) -> Q:
    """A Q on Zaak: the cases of ``zaaktype`` the registered sources open to ``user`` (empty when none)."""
    q = Q(pk__in=[])
    if not user.is_authenticated:
        return q
    for func in _bronnen(zaaktype):
        leerlingen = func(user)
        if leerlingen is not None:
            q |= Q(leerling_id__in=leerlingen)
    return q


def inzage_delen(user, zaaktype: str) -> list:
    """The same as ``inzage_q`` as subqueries of pupil ids (empty when none): a rule that ORs several subqueries joins
    them into one ``IN (… UNION …)`` instead (issue #23 §2: an OR of subqueries makes PostgreSQL test every case)."""
    if not user.is_authenticated:
        return []
    return [ids for ids in (func(user) for func in _bronnen(zaaktype)) if ids is not None]
