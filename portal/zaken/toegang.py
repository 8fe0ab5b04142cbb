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
