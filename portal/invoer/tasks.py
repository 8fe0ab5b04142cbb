from celery import shared_task

from .services import invoer_vangnet, invoer_verwerk


@shared_task(name="portal.invoer.tasks.verwerk_invoer")
def verwerk_invoer(invoer_id: int) -> int:
    """Thin and idempotent (STYLE §5): apply the rows of one import, by id; one claimed or done already is skipped."""
    invoer_verwerk(invoer_id)
    return invoer_id


@shared_task(name="portal.invoer.tasks.invoer_vangnet_taak")
def invoer_vangnet_taak() -> int:
    """Safety net for a lost message (the broker was down) or a dead worker; clears previews never applied."""
    return invoer_vangnet(ouder_dan_seconden=60)
