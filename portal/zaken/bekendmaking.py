"""The day of bekendmaking of a decision made known online: the day its letter can be read (A-13, C-6, D-2, E-1b).

A decision takes effect once made known (Awb 3:40); a decision addressed to the parents is made known by sending
it to them (Awb 3:41 lid 1). A message a bestuursorgaan places in a system where the addressee reads it counts as
sent when it becomes accessible to the addressee (Awb 2:19 onder b, in force since 1 January 2026; before that
2:17), with a notice within 48 hours (2:10 lid 1): when the day moves, a new notice says so. The portal's letter becomes accessible when its PDF is rendered
and stored in the parents' account — normally seconds after signing, but the renderer may lag (a queue down over a
weekend). So signing (``portal.zaken.services.besluit_onderteken``) records the signing day provisionally, and the
render (``portal.documenten.services.brief_render``) moves the bekendmaking to the day the letter became
available when that is later: the besluit's date, the start of the remedies' clocks (the term begins the day
after, Awb 6:8 lid 1) and the dates in the letter itself. Paper (post, uitgereikt) keeps the day the school
entered: the day of sending. Effects the case kind applied at signing (enrolment, status) are not undone."""

from datetime import date

from django.utils import timezone

from portal.audit.models import Actie
from portal.audit.services import audit_log, diff
from portal.termijnen.models import Clock
from portal.termijnen.services import clock_recompute

from .models import Bekendmaking, Besluit, Gebeurtenis


def bij_beschikbaar(brief, *, op: date | None = None) -> dict | None:
    """Called by the renderer inside its transaction, before the PDF is made, with the letter locked: when ``brief``
    is the decision letter of a decision made known online and it becomes available on a later day than the one
    recorded, move the bekendmaking to ``op`` (today). Returns the letter's new payload, or None when nothing moves.

    The recorded day stands when the letter is ready on the day the decision was signed."""
    if brief.besluit_id is None:
        return None
    besluit = Besluit.objects.select_for_update(of=("self",)).get(pk=brief.besluit_id)
    if besluit.bekendmaking != Bekendmaking.DIGITAAL or besluit.bekendgemaakt_op is None or not besluit.ondertekend_op:
        return None
    if brief.soort != besluit.type.brief:
        return None
    op = op or timezone.localdate()
    oud = besluit.bekendgemaakt_op
    if op <= oud or op <= timezone.localdate(besluit.ondertekend_op):
        return None
    Besluit.objects.filter(pk=besluit.pk).update(bekendgemaakt_op=op)
    audit_log(actor=None, systeem=True, actie=Actie.GEWIJZIGD, obj=besluit, leerling=besluit.zaak.leerling,
              wijzigingen={"bekendgemaakt_op": [oud.isoformat(), op.isoformat()]},
              omschrijving="Bekendgemaakt op de dag dat de brief in het account van de ouders staat (Awb 3:41, 2:19)")
    gegevens = dict(brief.gegevens) | {"bekendgemaakt_op": op}
    for clock in Clock.objects.select_for_update().prefetch_related("opschortingen").filter(
            besluit=besluit, gesloten_op__isnull=True, start=oud):
        voor = {"start": clock.start, "uiterlijk": clock.uiterlijk}
        clock.start = op
        clock_recompute(clock, vandaag=op)
        clock.save()
        audit_log(actor=None, systeem=True, actie=Actie.GEWIJZIGD, obj=clock,
                  wijzigingen=diff(voor, {"start": clock.start, "uiterlijk": clock.uiterlijk}),
                  omschrijving=f"Termijn {clock.regel_id} loopt vanaf de bekendmaking op {op.isoformat()}")
        gegevens[f"{clock.regel_id.replace('-', '_')}_uiterlijk"] = clock.uiterlijk
    # Awb 2:10 lid 1: whoever acts for the pupil is told the letter is there now, and that the terms run from today
    from django.utils.translation import gettext_noop as N_

    from portal.meldingen.ontvangers import voor_zaak
    from portal.meldingen.services import melding_stuur

    zaak = besluit.zaak
    melding_stuur(ontvangers=voor_zaak(zaak), sleutel=f"besluit:{besluit.pk}:beschikbaar",
                  titel=N_("De brief over het besluit staat klaar"),
                  tekst=N_("De brief over het besluit in %(zaak)s staat nu in uw account. Daarom is het besluit "
                           "bekendgemaakt op %(op)s. De tijd om bezwaar te maken telt vanaf die dag; de data staan in de "
                           "brief."), gegevens={"zaak": zaak.nummer, "op": op}, url=zaak.get_absolute_url("ouder"))
    # the timeline's line of the bekendmaking says the day it happened
    for g in Gebeurtenis.objects.filter(zaak_id=besluit.zaak_id, soort="besluit_bekendgemaakt"):
        if g.gegevens.get("besluit_id") == besluit.pk:
            Gebeurtenis.objects.filter(pk=g.pk).update(gegevens=g.gegevens | {"op": op})
    return gegevens
