from celery import shared_task

from .services import gebeurtenissen_verwerk


@shared_task(name="portal.gebeurtenissen.tasks.verwerk")
def verwerk() -> dict:
    """After a commit that wrote an event, and every minute from beat (the safety net when the broker was down, and
    the retries whose time has come)."""
    return gebeurtenissen_verwerk()
