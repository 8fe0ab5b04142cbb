"""A real Celery worker renders the dossier asked for in the web request (issue #19 defect 8), on PostgreSQL and the
configured broker (tests/test_celery_worker.py's worker): the request stores a row, the worker process makes the PDF,
a second message for the same row renders nothing."""

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage

from geschillen.services.dossier import DOSSIER
from portal.documenten import exports
from portal.documenten.models import Export, ExportStatus
from portal.documenten.tasks import render_export

from .test_celery_worker import _celery_eager as _celery_eager  # noqa: F401  (autouse: tasks really go out)
from .test_celery_worker import _needs_postgresql as _needs_postgresql  # noqa: F401  (autouse)
from .test_celery_worker import workers as workers  # noqa: F401  (fixture)
from .test_geschillen import geweigerd as geweigerd  # noqa: F401  (fixture)
from .test_geschillen import gezin as gezin  # noqa: F401  (fixture)

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_process_renders_the_dossier_once(geweigerd, workers):
    export, nieuw = exports.export_vraag_aan(soort=DOSSIER, zaak=geweigerd.aanmelding, door=geweigerd.ouder)
    assert nieuw and export.status == ExportStatus.WACHT
    w = workers(concurrency=1)
    render_export.apply_async(args=[export.pk], queue=workers.queue)
    render_export.apply_async(args=[export.pk], queue=workers.queue)  # the same message twice (a redelivery)
    w.wait_for("succeeded", 180, count=2)
    export.refresh_from_db()
    assert export.status == ExportStatus.KLAAR and export.grootte and export.pogingen == 1  # rendered once
    # the worker stores under its own var/media (the settings' default storage, not this test's temporary one)
    opslag = FileSystemStorage(location=settings.VAR_DIR / "media")
    try:
        with opslag.open(export.bestand.name, "rb") as f:
            assert f.read(5) == b"%PDF-"
    finally:
        opslag.delete(export.bestand.name)
    assert Export.objects.count() == 1
