"""Reports to leerplicht (A-15; Leerplichtwet 18; docs/juridische-bronnen.md): every enrolment change of a
pupil is reported to the leerplicht of the pupil's home municipality, a removal at once.

po and (v)so: the portal tells that municipality's leerplicht users itself, so the report is made the moment
the change happens. vo reports through its own administration (DUO, the register of pupils): the portal
keeps the clock and the school records that it reported. Without a known home municipality or without
leerplicht users of it in the portal, the clock runs and the school reports another way and records it."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.meldingen.ontvangers import leden
from portal.meldingen.services import melding_stuur
from portal.termijnen.services import clock_close, clock_start

from .models import LeerplichtMelding
from .services import ZaakFout, gebeurtenis_voeg_toe

VO = {"vo", "pro"}


@transaction.atomic
def leerplicht_meld(*, zaak, inschrijving, soort: str, door, vandaag: date | None = None) -> LeerplichtMelding:
    vandaag = vandaag or timezone.localdate()
    leerling = inschrijving.leerling
    melding = LeerplichtMelding.objects.create(zaak_id=zaak.pk, inschrijving=inschrijving, soort=soort,
                                               gemeente=leerling.woongemeente)
    clock = clock_start(regel_id="A-15", zaak=zaak, start=vandaag, actor=door, systeem=door is None,
                        omschrijving=f"Melding leerplicht #{melding.pk} ({melding.get_soort_display().lower()})")
    melding.klok = clock
    melding.save(update_fields=["klok"])
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=melding, leerling=leerling, systeem=door is None)
    ambtenaren = leden(Rol.LEERPLICHT, gemeente=leerling.woongemeente) if leerling.woongemeente_id else []
    if inschrijving.school.soort not in VO and ambtenaren:
        from django.urls import reverse

        melding_stuur(ontvangers=ambtenaren, sleutel=f"leerplicht:{melding.pk}",
                      titel=N_("Melding: %(soort)s"),
                      tekst=N_("%(school)s meldt een %(soort)s van een leerling uit uw gemeente, per %(datum)s."),
                      gegevens={"soort": melding.get_soort_display().lower(), "school": inschrijving.school.naam,
                                "datum": inschrijving.tot or inschrijving.van},
                      url=reverse("zaken:leerplicht"))
        melding.gemeld_op, melding.via = vandaag, "portaal"
        melding.save(update_fields=["gemeld_op", "via"])
        clock_close(clock=clock, op=vandaag, actor=door, systeem=door is None)
    gebeurtenis_voeg_toe(zaak=zaak, soort="leerplicht", door=door, voor_ouders=False,
                         gegevens={"melding_id": melding.pk, "soort": soort})
    return melding


@transaction.atomic
def leerplicht_gemeld(*, melding: LeerplichtMelding, door, via: str, op: date | None = None) -> LeerplichtMelding:
    """The school records that it reported (vo: through DUO; otherwise by letter or e-mail)."""
    op = op or timezone.localdate()
    melding = LeerplichtMelding.objects.select_for_update(of=("self",)).select_related("inschrijving__school").get(pk=melding.pk)
    if melding.gemeld_op:
        raise ZaakFout(_("Deze melding is al gedaan."))
    if via not in ("duo", "anders"):
        raise ZaakFout(_("Kies hoe u gemeld heeft."))
    melding.gemeld_op, melding.via, melding.door = op, via, door
    melding.save(update_fields=["gemeld_op", "via", "door"])
    if melding.klok_id:
        clock_close(clock=melding.klok, op=op, actor=door)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=melding, leerling=melding.inschrijving.leerling,
              wijzigingen={"gemeld_op": [None, op.isoformat()], "via": ["", via]})
    return melding
