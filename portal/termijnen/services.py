"""Every write to a legal clock: start, suspend, resume, extend, close, recompute (STYLE §4).

Each service locks the clock, changes the facts, recomputes the due date and the sweep's next
action date, and writes the audit trail in the same transaction.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from portal.audit.models import Actie
from portal.audit.services import audit_log, diff

from . import rules
from .dates import TermijnFout
from .models import Clock, Opschorting, Uitkomst, kandidaat_data

_VELDEN = ["uiterlijk", "verlenging_weken", "aangekondigd_uiterlijk", "gesloten_op", "uitkomst"]


def _snap(clock: Clock) -> dict:
    return {f: getattr(clock, f) for f in _VELDEN}


def clock_recompute(clock: Clock, *, vandaag: date | None = None) -> None:
    """Set ``uiterlijk`` from the facts and ``volgende_actie_op`` for the sweep. No save."""
    vandaag = vandaag or timezone.localdate()
    if clock.gesloten_op:
        clock.volgende_actie_op = None
        return
    clock.uiterlijk = rules.bereken_uiterlijk(
        clock.params, clock.start, clock.opschortingen_lijst(), clock.verlenging_weken or 0
    )
    if clock.uiterlijk is not None and clock.aangekondigd_uiterlijk:  # Awb 4:14: a later date announced in time
        clock.uiterlijk = max(clock.uiterlijk, clock.aangekondigd_uiterlijk)
    if clock.uiterlijk is None:  # suspended: no due date, no reminders
        clock.volgende_actie_op = None
        return
    data = kandidaat_data(clock.params, clock.uiterlijk)
    # A day already passed means: act now (the sweep sends only the latest reminder that applies).
    clock.volgende_actie_op = vandaag if data[0] <= vandaag else data[0]


def _save(clock: Clock, actor, omschrijving: str, oud: dict, systeem: bool = False) -> Clock:
    clock.save()
    audit_log(actor=actor, actie=Actie.GEWIJZIGD, obj=clock, wijzigingen=diff(oud, _snap(clock)),
              omschrijving=omschrijving, systeem=systeem)
    return clock


def _locked(clock: Clock) -> Clock:
    return Clock.objects.select_for_update().prefetch_related("opschortingen").get(pk=clock.pk)


@transaction.atomic
def clock_start(*, regel_id: str, zaak, start: date, omschrijving: str = "", besluit=None, voor_ouders: bool = False,
                verantwoordelijke=None, extra_params: dict | None = None, actor=None, systeem: bool = False,
                vandaag: date | None = None) -> Clock:
    """Start the term of ``regel_id`` in ``zaak`` from ``start`` (T0), with the rule's parameters as
    configured now (overrides included) snapshotted on the clock. Reminders go to the case's school
    or SWV; ``voor_ouders``: a term of the parents themselves (bezwaar, geschil) — shown to them,
    no reminders to staff."""
    regel = rules.get(regel_id)
    params = regel.params() | (extra_params or {})
    clock = Clock(
        regel_id=regel_id, params=params, zaak=zaak, besluit=besluit, omschrijving=omschrijving or zaak.nummer,
        school_id=None if voor_ouders else zaak.school_id, swv_id=None if voor_ouders else zaak.swv_id,
        verantwoordelijke=verantwoordelijke, start=start,
    )
    clock_recompute(clock, vandaag=vandaag)
    clock.save()
    audit_log(actor=actor, actie=Actie.AANGEMAAKT, obj=clock, systeem=systeem,
              wijzigingen=diff({}, _snap(clock)), omschrijving=f"Termijn {regel_id} gestart op {start.isoformat()}")
    return clock


@transaction.atomic
def clock_suspend(*, clock: Clock, van: date, reden: str, actor=None, vandaag: date | None = None) -> Clock:
    """Stop the clock from ``van`` (inclusive). A-8: a request on day R suspends from R + 1."""
    clock = _locked(clock)
    if not clock.params.get("opschorting"):
        raise TermijnFout(f"Termijn {clock.regel_id} kan niet worden opgeschort.")
    if clock.gesloten_op:
        raise TermijnFout("Deze termijn is al voldaan.")
    if clock.open_opschorting:
        raise TermijnFout("De termijn is al opgeschort.")
    oud = _snap(clock)
    nieuw = clock.opschortingen_lijst() + [(van, None)]
    rules.bereken_uiterlijk(clock.params, clock.start, nieuw)  # validates; raises TermijnFout
    Opschorting.objects.create(clock=clock, van=van, reden=reden[:300], door=actor)
    clock = Clock.objects.prefetch_related("opschortingen").get(pk=clock.pk)
    clock_recompute(clock, vandaag=vandaag)
    return _save(clock, actor, f"Opgeschort vanaf {van.isoformat()}", oud)


@transaction.atomic
def clock_resume(*, clock: Clock, tot: date, actor=None, vandaag: date | None = None) -> Clock:
    """The clock runs again from ``tot`` (the answer day; the days [van, tot) are added)."""
    clock = _locked(clock)
    opschorting = clock.open_opschorting
    if opschorting is None:
        raise TermijnFout("De termijn is niet opgeschort.")
    if tot < opschorting.van:
        raise TermijnFout("De opschorting kan niet eindigen vóór ze begon.")
    oud = _snap(clock)
    opschorting.tot = tot
    opschorting.save(update_fields=["tot"])
    clock = Clock.objects.prefetch_related("opschortingen").get(pk=clock.pk)
    clock_recompute(clock, vandaag=vandaag)
    return _save(clock, actor, f"Loopt weer vanaf {tot.isoformat()}", oud)


@transaction.atomic
def clock_extend(*, clock: Clock, weken: int, reden: str, meegedeeld_op: date, actor=None,
                 vandaag: date | None = None) -> Clock:
    """A-7: extend once by 1..max weeks, with a reason told to the parents, up to and including the
    current due date. A second extension is refused."""
    vandaag = vandaag or timezone.localdate()
    clock = _locked(clock)
    maximum = int(clock.params.get("max_verlenging_weken") or 0)
    if not maximum:
        raise TermijnFout(f"Termijn {clock.regel_id} kan niet worden verlengd.")
    if clock.verlenging_weken:
        raise TermijnFout("Deze termijn is al eens verlengd; de wet staat maar één verlenging toe (A-7).")
    if not (1 <= int(weken) <= maximum):
        raise TermijnFout(f"Verlengen kan met 1 tot en met {maximum} weken.")
    if not reden.strip():
        raise TermijnFout("Geef de reden van de verlenging; die staat in de brief aan de ouders.")
    if clock.gesloten_op:
        raise TermijnFout("Deze termijn is al voldaan.")
    if clock.uiterlijk is None:
        raise TermijnFout("Een opgeschorte termijn kan niet worden verlengd; hervat hem eerst.")
    if vandaag > clock.uiterlijk:
        raise TermijnFout("Verlengen kan alleen vóór het einde van de termijn (A-7).")
    oud = _snap(clock)
    clock.verlenging_weken = int(weken)
    clock.verlenging_reden = reden
    clock.verlenging_meegedeeld_op = meegedeeld_op
    clock_recompute(clock, vandaag=vandaag)
    return _save(clock, actor, f"Verlengd met {weken} weken", oud)


@transaction.atomic
def clock_kondig_later_aan(*, clock: Clock, datum: date, reden: str, meegedeeld_op: date, actor=None,
                           vandaag: date | None = None) -> Clock:
    """Awb 4:14 (C-4): before the term ends, the deciding body announces a later date by which it decides,
    with the reason; the term then runs until that date. A different act from the one extension of A-7."""
    vandaag = vandaag or timezone.localdate()
    clock = _locked(clock)
    if not clock.params.get("later_aankondigen"):
        raise TermijnFout(f"Voor termijn {clock.regel_id} kan geen latere datum worden aangekondigd.")
    if clock.gesloten_op:
        raise TermijnFout("Deze termijn is al voldaan.")
    if clock.uiterlijk is None:
        raise TermijnFout("De termijn staat stil; kondig een latere datum aan als hij weer loopt.")
    if vandaag > clock.uiterlijk:
        raise TermijnFout("Een latere datum aankondigen kan alleen vóór het einde van de termijn (Awb 4:14).")
    if datum <= clock.uiterlijk:
        raise TermijnFout("De aangekondigde datum ligt na de huidige uiterste datum.")
    if not reden.strip():
        raise TermijnFout("Geef de reden van de latere datum; die gaat naar de betrokkenen.")
    oud = _snap(clock)
    clock.aangekondigd_uiterlijk, clock.aangekondigd_reden, clock.aangekondigd_op = datum, reden, meegedeeld_op
    clock_recompute(clock, vandaag=vandaag)
    return _save(clock, actor, f"Latere beslisdatum aangekondigd: {datum.isoformat()}", oud)


@transaction.atomic
def clock_close(*, clock: Clock, op: date, actor=None, vervallen: bool = False, systeem: bool = False) -> Clock:
    """The act the term was for happened on ``op`` (e.g. bekendmaking of the decision): on time when
    ``op`` is on or before the due date. ``vervallen``: the term no longer applies (withdrawn)."""
    clock = _locked(clock)
    if clock.gesloten_op:
        return clock
    oud = _snap(clock)
    if clock.open_opschorting:
        opschorting = clock.open_opschorting
        opschorting.tot = max(op, opschorting.van)
        opschorting.save(update_fields=["tot"])
        clock = Clock.objects.prefetch_related("opschortingen").get(pk=clock.pk)
        clock_recompute(clock)
    clock.gesloten_op = op
    if vervallen:
        clock.uitkomst = Uitkomst.VERVALLEN
    else:
        clock.uitkomst = Uitkomst.OP_TIJD if clock.uiterlijk and op <= clock.uiterlijk else Uitkomst.TE_LAAT
    clock.volgende_actie_op = None
    return _save(clock, actor, f"Voldaan op {op.isoformat()} ({clock.get_uitkomst_display()})", oud, systeem=systeem)

