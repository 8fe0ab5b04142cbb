from celery import shared_task

from .services import verzoeken_verlopen as _verzoeken_verlopen


@shared_task(name="portal.zaken.tasks.verzoeken_verlopen")
def verzoeken_verlopen() -> int:
    """Requests whose answer term lapsed: clocks run again; the case kind is told (A-8)."""
    return _verzoeken_verlopen()


@shared_task(name="portal.zaken.tasks.inzendingen_opruimen")
def inzendingen_opruimen() -> int:
    """The double-submit guard's old form tokens (issue #19 defect 4) are removed after their days."""
    from .pagina import inzendingen_opruimen as _opruimen

    return _opruimen()
