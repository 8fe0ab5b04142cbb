from celery import shared_task
from django.conf import settings

from .services import inzage_maak, inzage_mislukt, inzages_opruimen, inzages_vangnet


@shared_task(name="portal.privacy.tasks.maak_inzage", bind=True, autoretry_for=(OSError,), retry_backoff=5,
             max_retries=3)
def maak_inzage(self, inzage_id: int) -> int:
    """Thin and idempotent (STYLE §5): given the id, re-fetch, skip when made, make the ZIP, tell the requester. After
    the last retry the request is marked failed (the requester can ask again)."""
    try:
        inzage_maak(inzage_id)
    except OSError:
        if self.request.retries >= self.max_retries:
            inzage_mislukt(inzage_id)
        raise
    return inzage_id


@shared_task(name="portal.privacy.tasks.inzages_opruimen_taak")
def inzages_opruimen_taak() -> int:
    """Daily: ZIPs past their week are deleted."""
    return inzages_opruimen()


@shared_task(name="portal.privacy.tasks.inzages_vangnet_taak")
def inzages_vangnet_taak() -> int:
    """Every few minutes: a request whose message was lost (the broker was down) is queued again."""
    return inzages_vangnet()


@shared_task(name="portal.privacy.tasks.bewaartermijnen_taak")
def bewaartermijnen_taak() -> int:
    """Daily, but it deletes only when ``PRIVACY_BEWAREN_AUTOMATISCH`` is on (default off: the beheerder runs it, after
    the dry run, on the page or with ``manage.py bewaartermijnen --uitvoeren``). Returns the number of actions."""
    if not getattr(settings, "PRIVACY_BEWAREN_AUTOMATISCH", False):
        return 0
    from .bewaren import bewaartermijnen_uitvoeren

    return len(bewaartermijnen_uitvoeren(door=None))
