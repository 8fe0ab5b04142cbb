"""Reads of thuiszitters, always scoped (STYLE §2): who may see which case, and the lists per role."""

from django.db.models import Q

from portal.accounts.constants import Rol
from portal.zaken.hoorrecht import kinderen_q, leerling_vanaf_q

from .constants import Status
from .models import Thuiszitter


def thuiszitter_toegang(user) -> Q | None:
    """Whoever acts for the pupil and the parents (``kinderen_q``), the pupil from 12, the IB'er/directeur of the
    case's school, and the staff of the case's SWV (its schools' cases and the ones on its desk, F-3)."""
    q = kinderen_q(user) | leerling_vanaf_q(user)
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    swv_ids = user.swv_ids()
    if swv_ids:
        q |= Q(swv_id__in=swv_ids)
    return q


def lijst_voor(user, *, alleen_open: bool = True, bureau: bool = False):
    """The cases this user may see (scoped by the kind's access rule), open ones first by start date. ``bureau``:
    only those on the SWV's desk (after F-3)."""
    qs = Thuiszitter.objects.for_user(user).select_related("leerling", "school", "swv")
    if alleen_open:
        qs = qs.open()
    if bureau:
        qs = qs.filter(status=Status.BIJ_SWV)
    return qs.order_by("sinds", "pk")
