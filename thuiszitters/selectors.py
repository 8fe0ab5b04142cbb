"""Reads of thuiszitters, always scoped (STYLE §2): who may see which case, and the lists per role."""

from django.db.models import Q

from portal.accounts.constants import Rol
from portal.zaken.hoorrecht import kinderen_q, leerling_vanaf_q

from .constants import Status
from .models import Thuiszitter


def thuiszitter_toegang(user) -> Q | None:
    """Whoever acts for the pupil and the parents (``kinderen_q``), the pupil from 12, the IB'er/directeur of the
    case's school, the staff of the case's SWV (its schools' cases and the ones on its desk, F-3), and the
    leerplichtambtenaar of the municipality the pupil lives in (issue #20 §6: they read, and record only their
    follow-up)."""
    q = kinderen_q(user) | leerling_vanaf_q(user)
    gemeenten = user.gemeente_ids(Rol.LEERPLICHT)
    if gemeenten:
        q |= Q(leerling__woongemeente_id__in=gemeenten)
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


def thuiszitter_relaties(user, t) -> set[str]:
    """The kind's own relation (``Zaaktype.relaties``): "leerplicht", the leerplichtambtenaar of the municipality the
    pupil lives in."""
    if user is None or not user.is_authenticated or not t.leerling.woongemeente_id:
        return set()
    return {"leerplicht"} if t.leerling.woongemeente_id in user.gemeente_ids(Rol.LEERPLICHT) else set()


def leerplicht_lijst(user, *, alleen_open: bool = True):
    """The thuiszitters living in the leerplichtambtenaar's municipality, with the date of their latest follow-up
    (one query, whatever the number of cases)."""
    from django.db.models import Max

    ids = user.gemeente_ids(Rol.LEERPLICHT)
    qs = (Thuiszitter.objects.filter(leerling__woongemeente_id__in=ids).select_related("leerling", "school")
          .annotate(laatste_opvolging=Max("opvolgingen__op")))
    if alleen_open:
        qs = qs.open()
    return qs.order_by("sinds", "pk")


def signalen_van(user):
    """What this leerplichtambtenaar's municipality reported (newest first)."""
    from .models import LeerplichtSignaal

    return (LeerplichtSignaal.objects.filter(gemeente_id__in=user.gemeente_ids(Rol.LEERPLICHT))
            .select_related("leerling", "school", "swv", "thuiszitter").order_by("-op", "-pk"))


def signalen_voor(user):
    """Reports of leerplicht waiting for this school's IB'er/directeur or this SWV's staff."""
    from .models import LeerplichtSignaal

    q = Q(pk__in=[])
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    swv_ids = user.swv_ids() if user.heeft_rol(Rol.SWV) else set()
    if swv_ids:
        q |= Q(swv_id__in=swv_ids, school__isnull=True)
    return (LeerplichtSignaal.objects.filter(q, afgehandeld_op__isnull=True).select_related("leerling")
            .order_by("op", "pk"))
