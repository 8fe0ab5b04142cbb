from celery import shared_task

from .pdf import brieven_maak_wachtend
from .services import verzoeken_verlopen as _verzoeken_verlopen


@shared_task(name="aanmelding.tasks.render_brieven")
def render_brieven() -> int:
    return brieven_maak_wachtend()


@shared_task(name="aanmelding.tasks.verzoeken_verlopen")
def verzoeken_verlopen() -> int:
    return _verzoeken_verlopen()
