from celery import shared_task

from .services import outbox_verwerk


@shared_task(name="portal.meldingen.tasks.process_outbox")
def process_outbox() -> int:
    return outbox_verwerk()
