from celery import shared_task

from .services import verzoeken_verlopen as _verzoeken_verlopen


@shared_task(name="portal.zaken.tasks.verzoeken_verlopen")
def verzoeken_verlopen() -> int:
    """Requests whose answer term lapsed: clocks run again; the case kind is told (A-8)."""
    return _verzoeken_verlopen()
