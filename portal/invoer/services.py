"""The import of a school's administration (issue #21 §3), in three steps:

* ``invoer_maak`` (the upload, in the web request): reads the file, checks every row as the pages check the same
  fields, and stores the rows with their errors — a preview, nothing applied yet. Audited.
* ``invoer_pas_toe`` ("Toepassen"): marks the import as waiting and queues its id after commit. The rows are in the
  database already, so a broker that is down loses nothing: ``invoer_vangnet`` (beat) picks up what waits.
* ``invoer_verwerk`` (the worker, by id): claims the import with a conditional update, applies each row that is not
  done through ``portal.leerlingen.services.leerling_synchroniseer`` (the same service as the API: the pages' checks,
  audited as the person who clicked "Toepassen"), each row in its own transaction with its result, so a worker that
  dies goes on where it stopped. The same file twice: every row "niets veranderd", 0 changes.
"""

import logging
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.leerlingen.services import LeerlingFout, leerling_synchroniseer

from .lezen import BestandFout, lees_bestand, rij_check
from .models import Invoer, InvoerRij, InvoerStatus, RijStatus

log = logging.getLogger(__name__)

TAAK = "portal.invoer.tasks.verwerk_invoer"
BEZIG_VERLOOPT = timedelta(minutes=20)  # longer than the task's time limit: a claim this old belongs to a dead worker
MAX_POGINGEN = 5
VOORBEELD_BEWAREN = timedelta(days=7)  # a preview never applied: its rows (a child's details) go after a week


class InvoerFout(Exception):
    """Dutch, shown at the upload field or on the page."""


def mag_invoeren(user, school) -> bool:
    return school.pk in user.school_ids(Rol.IB, Rol.DIRECTEUR)


def invoer_maak(*, school, door, naam: str, inhoud: bytes) -> Invoer:
    """Store the file's rows with each row's errors (a preview). ``InvoerFout`` when the file as a whole cannot be
    read (type, size, encoding, header, too many rows)."""
    if not mag_invoeren(door, school):
        raise InvoerFout(_("Alleen de IB'er of directeur van de school kan leerlingen invoeren."))
    try:
        formaat, _kolommen, rijen = lees_bestand(naam, inhoud)
    except BestandFout as e:
        raise InvoerFout(str(e)) from None
    nummers, bsns = {}, {}
    objecten = []
    for nummer, waarden in rijen:
        schoon, fouten = rij_check(waarden)
        # the same pupil twice in one file: the second row is an error (which one is meant?)
        for sleutel, gezien in (("leerlingnummer", nummers), ("bsn", bsns)):
            waarde = waarden.get(sleutel, "")
            if waarde and sleutel not in fouten:
                if waarde in gezien:
                    fouten[sleutel] = [f"Deze leerling staat al in rij {gezien[waarde]}."]
                else:
                    gezien[waarde] = nummer
        # what the file said stays beside the checked values until the row is applied: the preview shows it
        objecten.append(InvoerRij(nummer=nummer, gegevens={**schoon, "ruw": waarden}, fouten=fouten,
                                  status=RijStatus.FOUT if fouten else RijStatus.GOED))
    with transaction.atomic():
        invoer = Invoer.objects.create(school=school, door=door, bestandsnaam=(naam or "bestand")[-200:],
                                       formaat=formaat, aantal_rijen=len(objecten),
                                       geldig=sum(1 for r in objecten if r.status == RijStatus.GOED))
        for r in objecten:
            r.invoer = invoer
        InvoerRij.objects.bulk_create(objecten, batch_size=500)
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=invoer,
                  omschrijving=f"Bestand ingelezen voor school #{school.pk}: {invoer.aantal_rijen} rijen, "
                               f"{invoer.aantal_rijen - invoer.geldig} met een fout")
    return invoer


def invoer_pas_toe(*, invoer: Invoer, door) -> Invoer:
    """"Toepassen": the rows without errors go to the worker. Only once; only the school's IB'er or directeur."""
    with transaction.atomic():
        invoer = Invoer.objects.select_for_update().select_related("school").get(pk=invoer.pk)
        if not mag_invoeren(door, invoer.school):
            raise InvoerFout(_("Alleen de IB'er of directeur van de school kan deze invoer toepassen."))
        if invoer.status != InvoerStatus.VOORBEELD:
            return invoer  # sent twice (a second click): the first one counts
        if not invoer.geldig:
            raise InvoerFout(_("Geen enkele rij is goed. Verbeter het bestand en lees het opnieuw in."))
        invoer.status, invoer.toegepast_door, invoer.toegepast_op = InvoerStatus.WACHT, door, timezone.now()
        invoer.save(update_fields=["status", "toegepast_door", "toegepast_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=invoer, wijzigingen={
            "status": [InvoerStatus.VOORBEELD, InvoerStatus.WACHT]}, omschrijving=f"{invoer.geldig} rijen toepassen")
        pk = invoer.pk
        transaction.on_commit(lambda: _start(pk))
    return invoer


def _start(invoer_id: int) -> None:
    from portal.celery import verstuur

    verstuur(TAAK, invoer_id)  # by name: services never import tasks; False (broker down): the safety net takes it


def invoer_verwerk(invoer_id: int) -> Invoer | None:
    """Apply the waiting rows of one import (the task). Claimed with a conditional update, so the task and the safety
    net never run it at once; rows already done are skipped, so a run after a dead worker goes on where it stopped."""
    nu = timezone.now()
    geclaimd = (Invoer.objects.filter(pk=invoer_id, pogingen__lt=MAX_POGINGEN)
                .filter(Q(status=InvoerStatus.WACHT) | Q(status=InvoerStatus.BEZIG, bezig_sinds__lt=nu - BEZIG_VERLOOPT))
                .update(status=InvoerStatus.BEZIG, bezig_sinds=nu, pogingen=F("pogingen") + 1))
    if not geclaimd:
        return None
    invoer = Invoer.objects.select_related("school", "toegepast_door").get(pk=invoer_id)
    door = invoer.toegepast_door
    if door is None or not door.is_active or not mag_invoeren(door, invoer.school):
        Invoer.objects.filter(pk=invoer_id).update(status=InvoerStatus.MISLUKT, bezig_sinds=None, klaar_op=timezone.now())
        log.info("invoer %s not applied: who applied it is no longer IB'er or directeur of the school", invoer_id)
        return invoer
    for rij_id in list(invoer.rijen.filter(status=RijStatus.GOED).order_by("nummer").values_list("pk", flat=True)):
        _verwerk_rij(invoer, rij_id, door)
        Invoer.objects.filter(pk=invoer_id).update(bezig_sinds=timezone.now())  # still alive: the claim stays ours
    with transaction.atomic():
        invoer = Invoer.objects.select_for_update().get(pk=invoer_id)
        for rij in invoer.rijen.filter(status=RijStatus.FOUT):  # skipped: keep only what finds it (AVG)
            rij.gegevens = _weinig(rij.gegevens)
            rij.save(update_fields=["gegevens"])
        invoer.status, invoer.bezig_sinds, invoer.klaar_op = InvoerStatus.KLAAR, None, timezone.now()
        invoer.save(update_fields=["status", "bezig_sinds", "klaar_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=invoer, omschrijving=(
            f"Invoer verwerkt: {invoer.nieuw} nieuw, {invoer.gewijzigd} bijgewerkt, {invoer.ongewijzigd} ongewijzigd, "
            f"{invoer.mislukt} niet toegepast"))
    return invoer


def _verwerk_rij(invoer: Invoer, rij_id: int, door) -> None:
    with transaction.atomic():
        rij = InvoerRij.objects.select_for_update().filter(pk=rij_id, status=RijStatus.GOED).first()
        if rij is None:
            return
        g = rij.gegevens
        gegevens = {**g["gegevens"], "geboortedatum": date.fromisoformat(g["gegevens"]["geboortedatum"])}
        vanaf = date.fromisoformat(g["ingeschreven_vanaf"]) if g.get("ingeschreven_vanaf") else None
        try:
            with transaction.atomic():
                uit = leerling_synchroniseer(school=invoer.school, door=door, gegevens=gegevens, groep=g.get("groep", ""),
                                             ingeschreven_vanaf=vanaf, ouder_emails=g.get("ouders", []))
        except LeerlingFout as e:
            rij.status, rij.fouten = RijStatus.MISLUKT, {_kolom(k): v for k, v in e.velden.items()}
            teller = "mislukt"
        else:
            rij.leerling, rij.wat = uit.leerling, uit.wijzigingen
            rij.status = (RijStatus.NIEUW if uit.nieuw else RijStatus.GEWIJZIGD if uit.wijzigingen
                          else RijStatus.ONGEWIJZIGD)
            teller = {RijStatus.NIEUW: "nieuw", RijStatus.GEWIJZIGD: "gewijzigd"}.get(rij.status, "ongewijzigd")
        # applied: only the school's own number stays of the child's details (AVG: no more copies than needed); a row
        # that failed keeps the name too, so the school finds it in its administration
        rij.gegevens = _weinig(g) if rij.status == RijStatus.MISLUKT else {
            "leerlingnummer": g["gegevens"].get("leerlingnummer", "")}
        rij.save(update_fields=["status", "fouten", "leerling", "wat", "gegevens"])
        Invoer.objects.filter(pk=invoer.pk).update(verwerkt=F("verwerkt") + 1, **{teller: F(teller) + 1})


BEWAARD = ("leerlingnummer", "voornamen", "tussenvoegsel", "achternaam", "groep")


def _weinig(g: dict) -> dict:
    """What stays of a row that was not applied: its number and name, to find it — no BSN, birth date or e-mail."""
    ruw = g.get("ruw", {})
    return {"leerlingnummer": g.get("gegevens", {}).get("leerlingnummer", ""),
            "ruw": {k: ruw.get(k, "") for k in BEWAARD}}


def _kolom(veld: str) -> str:
    """A service's field as the file's column (``ouders.1`` is the second parent's address)."""
    if veld.startswith("ouders."):
        return f"email_ouder_{int(veld.split('.')[1]) + 1}"
    return veld


def invoer_vangnet(*, ouder_dan_seconden: int = 60) -> int:
    """The safety net (beat): imports waiting longer than a minute (the message was lost: the broker was down) or
    claimed by a worker that died are run; previews never applied are deleted after a week. Returns how many ran."""
    nu = timezone.now()
    Invoer.objects.filter(status=InvoerStatus.VOORBEELD, aangemaakt_op__lt=nu - VOORBEELD_BEWAREN).delete()
    Invoer.objects.filter(Q(status=InvoerStatus.BEZIG, bezig_sinds__lt=nu - BEZIG_VERLOOPT)
                          | Q(status=InvoerStatus.WACHT), pogingen__gte=MAX_POGINGEN).update(
        status=InvoerStatus.MISLUKT, bezig_sinds=None, klaar_op=nu)
    wachtend = list(Invoer.objects.filter(
        Q(status=InvoerStatus.WACHT, toegepast_op__lt=nu - timedelta(seconds=ouder_dan_seconden))
        | Q(status=InvoerStatus.BEZIG, bezig_sinds__lt=nu - BEZIG_VERLOOPT)).order_by("toegepast_op")
        .values_list("pk", flat=True)[:5])
    n = 0
    for pk in wachtend:
        if invoer_verwerk(pk) is not None:
            n += 1
    return n
