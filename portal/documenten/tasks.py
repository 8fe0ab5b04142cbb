from celery import shared_task

from .exports import export_render, exports_opruimen, exports_render_wachtend
from .services import brief_render, brieven_render_wachtend


@shared_task(name="portal.documenten.tasks.render_brief", autoretry_for=(OSError,), retry_backoff=5, max_retries=5)
def render_brief(brief_id: int) -> int:
    """Thin and idempotent: re-fetch, skip when done, render (STYLE §5). A decision letter made known online
    takes its bekendmaking from the day it is rendered here, when later than the signing (portal.zaken.bekendmaking)."""
    brief_render(brief_id)
    return brief_id


@shared_task(name="portal.documenten.tasks.render_wachtende_brieven")
def render_wachtende_brieven() -> int:
    """Safety net for a lost message: letters waiting for more than a minute."""
    return brieven_render_wachtend(ouder_dan_seconden=60)


@shared_task(name="portal.documenten.tasks.render_export")
def render_export(export_id: int) -> int:
    """Thin and idempotent (STYLE §5): a heavy document (a dossier) asked for in a web request, rendered here by id;
    a row already made, taken by another worker or retired is skipped (issue #19 defect 8)."""
    export_render(export_id)
    return export_id


@shared_task(name="portal.documenten.tasks.render_wachtende_exports")
def render_wachtende_exports() -> int:
    """Safety net for a lost message (the broker was down): exports waiting for more than a minute; and the files of
    copies kept long enough go."""
    exports_opruimen()
    return exports_render_wachtend(ouder_dan_seconden=60)
