"""Access rules that several case kinds share (one function each, so ``Zaak.objects.for_user`` groups
the kinds that use it into one condition). A kind with other needs writes its own."""

from django.db.models import Q

from portal.accounts.constants import Rol
from portal.zaken.hoorrecht import kinderen_q


def ouders(user) -> Q:
    """Parents with gezag over the pupil. A subquery, never a join: ORed with other conditions a join on
    ``leerling__gezag`` becomes an outer join that returns a case once per parent of the pupil."""
    return kinderen_q(user)


def ouders_en_school(user) -> Q | None:
    """Parents with gezag over the pupil, and the IB'er/directeur of the case's school."""
    q = ouders(user)
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    return q


# --- a reader's relations, once per version (issue #23 §2) ------------------------------------------------------

def gezin_ids(user) -> list[int]:
    """The pupils ``user`` is family of in any way — gezag (minor or adult), inzage given, a representative, the pupil's
    own account — read once per version of the account and per day, then kept in the cache. A superset of what the
    family may read (the access rules decide that): a page that shows a family's cases keys its cache on the versions
    of these pupils. A change to any of these links bumps ``user:<id>`` (portal.zaken.versie)."""
    from django.core.cache import cache
    from django.utils import timezone

    from portal.basis.versie import versie
    from portal.leerlingen.models import Gezag, InzageOuder, Leerling, Vertegenwoordiging

    sleutel = f"relaties:gezin:{user.pk}:{versie(f'user:{user.pk}')}:{timezone.localdate().isoformat()}"
    ids = cache.get(sleutel)
    if ids is None:
        ids = sorted(set(Gezag.objects.filter(ouder=user).order_by().values_list("leerling_id", flat=True).union(
            InzageOuder.objects.filter(ouder=user).order_by().values_list("leerling_id", flat=True),
            Vertegenwoordiging.objects.filter(vertegenwoordiger=user).order_by().values_list("leerling_id", flat=True),
            Leerling.objects.filter(account=user).order_by().values_list("pk", flat=True))))
        cache.set(sleutel, ids, 24 * 3600)
    return ids
