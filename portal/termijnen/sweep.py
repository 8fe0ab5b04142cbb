"""The deadline sweep (issue #3 §4): find the clocks that need action today, claim them in batches,
record each event exactly once, notify, and run legal consequences.

* Finding: ``volgende_actie_op <= today`` on open clocks, through a partial index: the cost grows
  with the clocks that are due, not with all clocks.
* Claiming: ``SELECT … FOR UPDATE SKIP LOCKED`` per batch (PostgreSQL), so two workers take
  different rows; each batch commits as one transaction with its events, notifications, outbox
  rows and the clocks' next action date. A crash rolls the batch back whole.
* Exactly once: ``ClockEvent`` is unique per (clock, event, due date) and ``Notification`` per
  (recipient, key); a retry finds them and creates nothing twice.
* Catch-up: after downtime only the latest reminder that applies is sent (or the overdue escalation),
  never the whole backlog.
"""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.basis.typed_json import Vertaalbaar
from portal.gebeurtenissen.services import berichten_maak_bulk
from portal.meldingen.ontvangers import bulk_per_organisatie
from portal.meldingen.services import NieuweMelding, meldingen_maak_bulk
from portal.zaken import registry

from .hooks import get_gevolg
from .models import Clock, ClockEvent, SweepRun, herinneringen, kandidaat_data

log = logging.getLogger(__name__)


@dataclass
class SweepResultaat:
    geclaimd: int = 0
    events: int = 0
    meldingen: int = 0
    gevolgen: int = 0
    batches: int = 0


def event_voor(clock: Clock, vandaag: date) -> str | None:
    """The event that applies today: overdue, or the latest reminder whose day has come."""
    if clock.uiterlijk is None:
        return None
    if vandaag > clock.uiterlijk:
        return ClockEvent.VERLOPEN
    gekomen = [(d, naam) for d, naam in herinneringen(clock.params, clock.uiterlijk) if d <= vandaag]
    return max(gekomen)[1] if gekomen else None


def volgende_actie(clock: Clock, vandaag: date) -> date | None:
    if clock.uiterlijk is None:
        return None
    later = [d for d in kandidaat_data(clock.params, clock.uiterlijk) if d > vandaag]
    return later[0] if later else None


def _ontvangers(clocks: list[Clock]) -> dict:
    """(school_id, swv_id, 'ib'|'directeur'|'swv') → [(user_id, email, taal)], in one query."""
    school_ids = {c.school_id for c in clocks if c.school_id}
    swv_ids = {c.swv_id for c in clocks if c.swv_id and not c.school_id}
    return bulk_per_organisatie(school_ids, swv_ids)


def _tekst(clock: Clock, soort: str) -> tuple[str, str, dict]:
    """Staff messages (rule ids are fine for staff), as msgids with typed parameters."""
    gegevens = {"naam": Vertaalbaar(clock.params.get("naam", clock.regel_id)), "regel": clock.regel_id,
                "zaak": clock.omschrijving, "datum": clock.uiterlijk,
                "bij_verloop": Vertaalbaar(clock.params.get("bij_verloop", ""))}
    if soort == ClockEvent.VERLOPEN:
        return (N_("Termijn verlopen: %(naam)s"),
                N_("De termijn '%(naam)s' (%(regel)s) voor %(zaak)s is op %(datum)s verlopen. %(bij_verloop)s Wat te "
                   "doen: handel de zaak vandaag af of leg vast waarom dat niet kan."), gegevens)
    if soort.startswith("herinnering-op-"):
        return (N_("Herinnering: %(naam)s"),
                N_("De termijn '%(naam)s' (%(regel)s) voor %(zaak)s loopt af op %(datum)s. Wat te doen: regel nu wat "
                   "daarvóór moet gebeuren."), gegevens)
    gegevens["dagen"] = soort.rsplit("-", 1)[-1]
    return (N_("Termijn loopt af over %(dagen)s dagen: %(naam)s"),
            N_("De termijn '%(naam)s' (%(regel)s) voor %(zaak)s loopt af op %(datum)s. Wat te doen: open de zaak en "
               "rond de volgende stap af vóór die datum."), gegevens)


def _url(clock: Clock) -> str:
    zt = registry.zaaktype(clock.zaak.zaaktype)
    naam = zt.url_staf or zt.url_ouder
    return reverse(naam, args=[clock.zaak_id]) if naam else ""


def _meldingen_voor(clock: Clock, soort: str, ontvangers: dict, users: dict) -> list[NieuweMelding]:
    """Reminders go to the person responsible (else the school's IB'ers, or the SWV staff);
    an overdue term escalates to the directeur / bevoegd gezag of the school as well."""
    doel: list[tuple[int, str, str]] = []
    if clock.verantwoordelijke_id and clock.verantwoordelijke_id in users:
        doel.append((clock.verantwoordelijke_id, *users[clock.verantwoordelijke_id]))
    elif clock.school_id:
        doel += ontvangers.get((clock.school_id, None, Rol.IB), [])
    else:
        doel += ontvangers.get((None, clock.swv_id, Rol.SWV), [])
    if soort == ClockEvent.VERLOPEN:
        if clock.school_id:
            doel += ontvangers.get((clock.school_id, None, Rol.DIRECTEUR), [])
        else:
            doel += ontvangers.get((None, clock.swv_id, Rol.SWV), [])
    titel, tekst, gegevens = _tekst(clock, soort)
    sleutel = f"clock:{clock.pk}:{soort}:{clock.uiterlijk.isoformat()}"
    url = _url(clock)
    seen, out = set(), []
    for user_id, email, taal in doel:
        if user_id in seen:
            continue
        seen.add(user_id)
        out.append(NieuweMelding(user_id, email, sleutel, titel, tekst, url, gegevens, taal))
    return out


def _verwerk_batch(vandaag: date, batch: int) -> tuple[int, int, int]:
    """One batch in one transaction. Returns (claimed, events created, notifications created)."""
    with transaction.atomic():
        qs = Clock.objects.filter(gesloten_op__isnull=True, volgende_actie_op__lte=vandaag).order_by("volgende_actie_op")
        if connection.features.has_select_for_update_skip_locked:
            qs = qs.select_for_update(skip_locked=True, of=("self",))
        clocks = list(qs.select_related("zaak").only(
            "id", "regel_id", "params", "omschrijving", "zaak_id", "zaak__zaaktype", "zaak__school_id", "zaak__swv_id",
            "school_id", "swv_id",
            "verantwoordelijke_id", "uiterlijk", "volgende_actie_op", "gesloten_op",
        )[:batch])
        if not clocks:
            return 0, 0, 0
        gewenst: dict[int, str] = {}
        for c in clocks:
            soort = event_voor(c, vandaag)
            if soort:
                gewenst[c.pk] = soort
        bestaand = set(
            ClockEvent.objects.filter(clock_id__in=list(gewenst)).values_list("clock_id", "soort", "uiterlijk")
        ) if gewenst else set()
        per_id = {c.pk: c for c in clocks}
        nieuw_events = [
            ClockEvent(clock_id=cid, soort=soort, uiterlijk=per_id[cid].uiterlijk,
                       gevolg=(per_id[cid].params.get("gevolg") or "") if soort == ClockEvent.VERLOPEN else "")
            for cid, soort in gewenst.items()
            if (cid, soort, per_id[cid].uiterlijk) not in bestaand
        ]
        ClockEvent.objects.bulk_create(nieuw_events)
        # issue #21 §4: an overdue clock is an event for the subscribed systems — outbox rows in this batch's
        # transaction, one INSERT for the batch; only ids and the rule id
        berichten_maak_bulk([("termijn.verlopen", per_id[e.clock_id].zaak,
                              {"termijn": e.clock_id, "regel": per_id[e.clock_id].regel_id,
                               "uiterlijk": e.uiterlijk.isoformat()})
                             for e in nieuw_events if e.soort == ClockEvent.VERLOPEN])
        meldingen: list[NieuweMelding] = []
        if nieuw_events:
            met_event = [per_id[e.clock_id] for e in nieuw_events]
            ontvangers = _ontvangers(met_event)
            resp_ids = {c.verantwoordelijke_id for c in met_event if c.verantwoordelijke_id}
            users = {pk: (email, taal) for pk, email, taal in get_user_model().objects.filter(
                pk__in=resp_ids, is_active=True).values_list("pk", "email", "taal")} if resp_ids else {}
            for e in nieuw_events:
                meldingen += _meldingen_voor(per_id[e.clock_id], e.soort, ontvangers, users)
        rows = meldingen_maak_bulk(meldingen)
        # Most clocks of a batch share their next action date: one UPDATE per distinct date is far
        # cheaper than one large CASE expression.
        per_datum: dict = defaultdict(list)
        for c in clocks:
            per_datum[volgende_actie(c, vandaag)].append(c.pk)
        if len(per_datum) <= 20:
            for datum, ids in per_datum.items():
                Clock.objects.filter(pk__in=ids).update(volgende_actie_op=datum)
        else:
            for c in clocks:
                c.volgende_actie_op = volgende_actie(c, vandaag)
            Clock.objects.bulk_update(clocks, ["volgende_actie_op"], batch_size=500)
        return len(clocks), len(nieuw_events), len(rows)


def _voer_gevolgen_uit(limit: int = 200) -> int:
    """Run the legal consequences of overdue events not yet handled, each in its own transaction.
    Idempotent: the hook checks whether its effect already exists; the event is marked handled."""
    gedaan = 0
    ids = list(
        ClockEvent.objects.exclude(gevolg="").filter(gevolg_afgehandeld_op__isnull=True).values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        with transaction.atomic():
            qs = ClockEvent.objects.select_related("clock").filter(pk=pk, gevolg_afgehandeld_op__isnull=True)
            if connection.features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True, of=("self",))
            event = qs.first()
            if event is None:
                continue
            func = get_gevolg(event.gevolg)
            if func is None:
                log.error("no handler registered for legal consequence %s", event.gevolg)
                continue
            resultaat = func(event.clock, event) or ""
            event.gevolg_afgehandeld_op = timezone.now()
            event.gevolg_resultaat = str(resultaat)[:300]
            event.save(update_fields=["gevolg_afgehandeld_op", "gevolg_resultaat"])
            audit_log(actor=None, actie=Actie.SYSTEEM, obj=event.clock, systeem=True,
                      omschrijving=f"Rechtsgevolg {event.gevolg}: {resultaat}"[:300])
            gedaan += 1
    return gedaan


def sweep_due_clocks(*, vandaag: date | None = None, batch: int | None = None, pauze: float = 0.0) -> SweepResultaat:
    """Run the sweep until no clock needs action today. ``pauze`` (seconds between batches) exists
    only for the crash test."""
    from django.conf import settings

    begin = time.monotonic()
    vandaag = vandaag or timezone.localdate()
    batch = batch or settings.TERMIJNEN_SWEEP_BATCH
    res = SweepResultaat()
    while True:
        geclaimd, events, meldingen = _verwerk_batch(vandaag, batch)
        if not geclaimd:
            break
        res.batches += 1
        res.geclaimd += geclaimd
        res.events += events
        res.meldingen += meldingen
        if pauze:
            time.sleep(pauze)
    res.gevolgen = _voer_gevolgen_uit()
    SweepRun.objects.update_or_create(
        naam="termijnen",
        defaults={"laatst_geslaagd_op": timezone.now(), "duur_seconden": time.monotonic() - begin,
                  "verwerkt": res.geclaimd},
    )
    return res
