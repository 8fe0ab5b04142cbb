"""The beheerder's task on the start page (issue #21 §4): deliveries that failed, counted (``register_taken``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.accounts.constants import Rol
from portal.zaken.registry import Taak

from .models import Aflevering, AfleverStatus


def taken(user) -> list[Taak]:
    """One COUNT, for the beheerder only; nothing (and no query) for anyone else."""
    if not (user.is_superuser or user.heeft_rol(Rol.BEHEERDER)):
        return []
    n = Aflevering.objects.filter(status=AfleverStatus.MISLUKT).count()
    if not n:
        return []
    titel = ngettext("%(n)s bericht aan een gekoppeld systeem is niet afgeleverd",
                     "%(n)s berichten aan gekoppelde systemen zijn niet afgeleverd", n) % {"n": n}
    return [Taak(titel=titel or _("Berichten niet afgeleverd"),
                 url=reverse("admin:gebeurtenissen_aflevering_changelist") + "?welke=mislukt", soort="verlopen")]
