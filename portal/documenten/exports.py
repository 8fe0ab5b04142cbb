"""Heavy documents on request, made in the worker (issue #19 defect 8): the services of ``Export``.

A dossier of a pupil with many cases took the web worker a long time on every click. Now:

* ``export_vraag_aan`` (the web request) stores a row and queues its id after commit — or hands out the stored file
  when the reader asked before and the fingerprint of the content (``ExportSoort.versie``) is unchanged. Nothing is
  rendered in the web process. New renders are limited per reader per hour, counted from these rows (so the limit
  holds when Redis is down and across web workers).
* ``export_render`` (the task, by id) claims the row with a conditional update, renders through the kind's
  registered function (``portal.documenten`` never imports the app that owns the kind), stores the file and retires
  the reader's older copies of the same document.
* ``exports_render_wachtend`` (beat) renders what is still waiting when the message was lost (broker down) and
  ``exports_opruimen`` removes the files of copies kept long enough (AVG: no more copies of a child's file than needed).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.audit.models import Actie
from portal.audit.services import audit_log

from .models import Export, ExportStatus
from .registry import export_soort

log = logging.getLogger(__name__)

TAAK = "portal.documenten.tasks.render_export"
# A claim older than this belongs to a worker that died (longer than CELERY_TASK_TIME_LIMIT, 15 minutes).
BEZIG_VERLOOPT = timedelta(minutes=20)
MAX_POGINGEN = 3
VENSTER = timedelta(hours=1)


def per_uur() -> int:
    """New renders one reader may ask for per hour (a reuse of a stored file does not count)."""
    return getattr(settings, "DOCUMENTEN_EXPORTS_PER_UUR", 5)


def bewaar_dagen() -> int:
    return getattr(settings, "DOCUMENTEN_EXPORT_BEWAAR_DAGEN", 30)


class ExportFout(Exception):
    """A request refused, with a message for the reader (plain Dutch)."""


def _recent(door, nu) -> list:
    return list(Export.objects.filter(aangevraagd_door=door, aangevraagd_op__gt=nu - VENSTER)
                .order_by("aangevraagd_op").values_list("aangevraagd_op", flat=True))


def nog_toegestaan(door) -> int:
    """How many new renders ``door`` may still ask for in this hour."""
    return max(0, per_uur() - len(_recent(door, timezone.now())))


def export_stand(*, soort: str, zaak, door) -> dict:
    """Where the reader's document of ``zaak`` stands, for the page: their latest copy (``export``, or None), whether
    it still matches the content (``actueel``), and how many new ones they may still ask for this hour (``nog``).
    Cheap: the kind's fingerprint, never a render."""
    export = (Export.objects.filter(soort=soort, zaak=zaak, aangevraagd_door=door)
              .exclude(status=ExportStatus.VERVALLEN).order_by("-aangevraagd_op", "-pk").first())
    actueel = bool(export) and export.versie == export_soort(soort).versie(zaak=zaak, user=door)
    return {"export": export, "actueel": actueel, "nog": nog_toegestaan(door), "per_uur": per_uur()}


def export_vraag_aan(*, soort: str, zaak, door) -> tuple[Export, bool]:
    """Ask for the document ``soort`` of ``zaak`` for reader ``door``. Returns the row and whether a new render was
    queued: the stored copy (or the one being made) is reused while the fingerprint is unchanged; otherwise a row is
    stored, audited, and its id queued after commit. ``ExportFout`` when the reader may not have it, or has asked for
    ``per_uur()`` new ones in the last hour (counted from the database, so it holds when Redis is down)."""
    kind = export_soort(soort)
    if not kind.mag(zaak=zaak, user=door):
        raise ExportFout(_("U kunt dit document niet laten maken."))
    versie = kind.versie(zaak=zaak, user=door)
    with transaction.atomic():
        # one reader's requests one at a time, so two parallel clicks cannot both pass the limit
        get_user_model().objects.select_for_update().filter(pk=door.pk).first()
        export = (Export.objects.select_for_update()
                  .filter(soort=soort, zaak=zaak, aangevraagd_door=door, versie=versie).first())
        if export is not None and export.status in (ExportStatus.WACHT, ExportStatus.KLAAR):
            return export, False
        nu = timezone.now()
        recent = _recent(door, nu)
        if len(recent) >= per_uur():
            weer = timezone.localtime(recent[0] + VENSTER)
            raise ExportFout(ngettext(
                "U heeft het afgelopen uur al %(n)s keer een nieuw document laten maken. Dat kan %(n)s keer per uur. "
                "Probeer het na %(tijd)s opnieuw. Een document dat al klaar is, kunt u wel downloaden.",
                "U heeft het afgelopen uur al %(n)s keer een nieuw document laten maken. Dat kan %(n)s keer per uur. "
                "Probeer het na %(tijd)s opnieuw. Een document dat al klaar is, kunt u wel downloaden.",
                per_uur()) % {"n": per_uur(), "tijd": formats.time_format(weer, "H:i")})
        if export is None:
            export = Export.objects.create(soort=soort, zaak=zaak, aangevraagd_door=door, versie=versie,
                                           aangevraagd_op=nu)
        else:  # the same content failed or was cleared before: ask again (it counts as a new render)
            export.status, export.aangevraagd_op, export.pogingen = ExportStatus.WACHT, nu, 0
            export.bezig_sinds = export.klaar_op = None
            export.bestand = ""
            export.save(update_fields=["status", "aangevraagd_op", "pogingen", "bezig_sinds", "klaar_op", "bestand"])
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=export, leerling=zaak.leerling,
                  omschrijving=f"{kind.titel} aangevraagd ({zaak.nummer})")
        pk = export.pk
        transaction.on_commit(lambda: _start(pk))
    return export, True


def _start(export_id: int) -> None:
    # The row waits in the database: when the broker cannot take the message (issue #19 §3) nothing is lost and the
    # request is not held up; the periodic safety net (render_wachtende_exports) renders it.
    from portal.celery import verstuur

    verstuur(TAAK, export_id)


def export_render(export_id: int) -> Export | None:
    """Render one waiting export (the task). Idempotent: claimed with a conditional update, so two workers (the task
    and the safety net) never render the same row; a finished, failed or retired row is left alone. A failure leaves
    it waiting for the safety net, at most ``MAX_POGINGEN`` times, then it is marked as failed."""
    nu = timezone.now()
    geclaimd = (Export.objects.filter(pk=export_id, status=ExportStatus.WACHT, pogingen__lt=MAX_POGINGEN)
                .filter(Q(bezig_sinds__isnull=True) | Q(bezig_sinds__lt=nu - BEZIG_VERLOOPT))
                .update(bezig_sinds=nu, pogingen=F("pogingen") + 1))
    if not geclaimd:
        return None
    export = Export.objects.select_related("zaak", "aangevraagd_door").get(pk=export_id)
    kind, user = export_soort(export.soort), export.aangevraagd_door
    zaak = export.zaak.specifiek
    if not user.is_active or not kind.mag(zaak=zaak, user=user):  # access ended since the request
        Export.objects.filter(pk=export_id, bezig_sinds=nu).update(status=ExportStatus.VERVALLEN, bezig_sinds=None)
        log.info("export %s not made: its reader may no longer have it", export_id)
        return None
    try:
        pdf = kind.render(zaak=zaak, user=user)
    except Exception:  # noqa: BLE001 - any failure of a render: retried by the safety net, then marked
        log.exception("export %s could not be made (attempt %s)", export_id, export.pogingen)
        status = ExportStatus.MISLUKT if export.pogingen >= MAX_POGINGEN else ExportStatus.WACHT
        Export.objects.filter(pk=export_id, bezig_sinds=nu).update(status=status, bezig_sinds=None)
        return None
    with transaction.atomic():
        export = Export.objects.select_for_update(of=("self",)).select_related("zaak").get(pk=export_id)
        if export.status != ExportStatus.WACHT or export.bezig_sinds != nu:  # taken over meanwhile
            return export
        naam = kind.bestandsnaam.format(code=kind.code.replace(".", "-"), zaak=export.zaak_id)
        export.bestand.save(naam, ContentFile(pdf), save=False)
        export.status, export.klaar_op, export.bezig_sinds, export.grootte = (
            ExportStatus.KLAAR, timezone.now(), None, len(pdf))
        export.save(update_fields=["bestand", "status", "klaar_op", "bezig_sinds", "grootte"])
        # the reader's older copies of this document are out of date now: their files go
        _vervallen(Export.objects.filter(soort=export.soort, zaak_id=export.zaak_id,
                                         aangevraagd_door_id=export.aangevraagd_door_id)
                   .exclude(pk=export.pk).exclude(status__in=[ExportStatus.VERVALLEN, ExportStatus.WACHT]))
    return export


def _vervallen(qs) -> int:
    """Retire these exports: the row stays (the audit trail and the hourly count point to it), the file goes."""
    n = 0
    for oud in qs.select_for_update():
        _verwijder_bestand(oud.bestand.name)
        oud.status, oud.bestand, oud.bezig_sinds = ExportStatus.VERVALLEN, "", None
        oud.save(update_fields=["status", "bestand", "bezig_sinds"])
        n += 1
    return n


def _verwijder_bestand(naam: str) -> None:
    if not naam:
        return
    from django.core.files.storage import default_storage

    def weg():
        try:
            default_storage.delete(naam)
        except OSError:
            log.warning("could not delete the export file %s", naam)

    transaction.on_commit(weg)  # only once the row no longer points to it


@receiver(post_delete, sender=Export)
def _export_weg(sender, instance, **kwargs):
    """A deleted row (its case or reader deleted, e.g. by retention) takes its file along."""
    _verwijder_bestand(instance.bestand.name)


def exports_render_wachtend(*, ouder_dan_seconden: int = 60, limit: int = 5) -> int:
    """The safety net: render exports still waiting (a lost broker message, a failure to retry). Returns how many
    were made. One whose worker died on its last attempt is marked as failed, so its page stops waiting."""
    nu = timezone.now()
    Export.objects.filter(status=ExportStatus.WACHT, pogingen__gte=MAX_POGINGEN).filter(
        Q(bezig_sinds__isnull=True) | Q(bezig_sinds__lt=nu - BEZIG_VERLOOPT)).update(status=ExportStatus.MISLUKT,
                                                                                     bezig_sinds=None)
    ids = list(Export.objects.filter(status=ExportStatus.WACHT, pogingen__lt=MAX_POGINGEN,
                                     aangevraagd_op__lte=nu - timedelta(seconds=ouder_dan_seconden))
               .filter(Q(bezig_sinds__isnull=True) | Q(bezig_sinds__lt=nu - BEZIG_VERLOOPT))
               .order_by("aangevraagd_op", "pk").values_list("pk", flat=True)[:limit])
    return sum(1 for pk in ids if export_render(pk) is not None)


def exports_opruimen(*, dagen: int | None = None) -> int:
    """Copies asked for more than ``dagen`` (default ``bewaar_dagen()``) days ago lose their file and are retired; the
    reader makes a new one when needed. Returns how many."""
    grens = timezone.now() - timedelta(days=bewaar_dagen() if dagen is None else dagen)
    with transaction.atomic():
        return _vervallen(Export.objects.filter(aangevraagd_op__lt=grens).exclude(status=ExportStatus.VERVALLEN)
                          .filter(Q(bezig_sinds__isnull=True) | Q(bezig_sinds__lt=timezone.now() - BEZIG_VERLOOPT)))
