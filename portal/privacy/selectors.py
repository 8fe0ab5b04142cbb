"""Every read of the AVG pages, scoped to the reader."""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from portal.accounts.constants import Rol
from portal.leerlingen.models import Leerling

from .models import InzageExport, Rechtenverzoek
from .services import mag_rechten_uitoefenen


def leerling_voor_rechten_of_404(user, pk) -> Leerling:
    """The pupil whose AVG rights ``user`` exercises; 404 for anyone else (also staff, a reading parent, a mentor)."""
    leerling = get_object_or_404(Leerling.objects.for_user(user), pk=pk)
    if not mag_rechten_uitoefenen(user, leerling):
        from django.http import Http404

        raise Http404
    return leerling


def inzage_van_of_404(user, pk) -> InzageExport:
    """An export only for the one who asked for it (404 for everyone else, staff included)."""
    return get_object_or_404(InzageExport.objects.van(user).select_related("leerling"), pk=pk)


def inzages_van(user, leerling):
    return InzageExport.objects.van(user).filter(leerling=leerling)[:10]


def verzoeken_van_leerling(user, leerling):
    return Rechtenverzoek.objects.for_user(user).filter(leerling=leerling).select_related("school", "swv")


def is_verwerker(user) -> bool:
    """Staff who answer AVG requests: the IB'er or directeur of a school, or SWV staff."""
    return bool(user.school_ids(Rol.IB, Rol.DIRECTEUR)) or (user.heeft_rol(Rol.SWV) and bool(user.swv_ids()))


def verzoeken_voor_organisatie(user):
    """The requests addressed to the user's school(s) or SWV, open first."""
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    swv_ids = user.swv_ids() if user.heeft_rol(Rol.SWV) else set()
    return (Rechtenverzoek.objects.filter(Q(school_id__in=ids) | Q(swv_id__in=swv_ids, school__isnull=True))
            .select_related("school", "swv").prefetch_related("clocks").order_by("afgesloten_op", "-geopend_op"))
