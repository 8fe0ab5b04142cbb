from datetime import date

from django.db import transaction
from django.utils import timezone

from portal.audit.models import Actie
from portal.audit.services import audit_log

from .models import Mandaat


class MandaatFout(Exception):
    pass


@transaction.atomic
def mandaat_verleen(*, door, bestuur=None, swv=None, user, functie: str, besluittypen: list[str], van: date,
                    tot: date | None) -> Mandaat:
    """The bevoegd gezag (a bestuurder) mandates a staff member to sign kinds of decision (Awb 10:3)."""
    if tot is not None and tot < van:
        raise MandaatFout("De einddatum ligt vóór de begindatum.")
    if not functie.strip():
        raise MandaatFout("Vul de functie in; die staat onder het besluit.")
    m = Mandaat.objects.create(bestuur=bestuur, swv=swv, user=user, functie=functie.strip(), besluittypen=besluittypen,
                               van=van, tot=tot, verleend_door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=m, omschrijving=f"Mandaat verleend aan {user}")
    return m


@transaction.atomic
def mandaat_trek_in(*, mandaat: Mandaat, door) -> Mandaat:
    m = Mandaat.objects.select_for_update().get(pk=mandaat.pk)
    if m.ingetrokken_op is None:
        m.ingetrokken_op = timezone.now()
        m.save(update_fields=["ingetrokken_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=m, omschrijving="Mandaat ingetrokken")
    return m
