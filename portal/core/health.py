"""The checks behind /health (issue #3 §6, issue #19 §3): each part of the portal, whether it answers.

Only the database is *required* for the web process: without it nothing works, so /health answers 503 and a load
balancer takes the instance out. The cache and the broker are not: with Redis down sessions are read from the
database and queued work waits in the database (letters, the e-mail outbox) until the worker drains it, so /health
still answers 200 and says ``"status": "beperkt"`` with the part that is down.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

# Work waiting longer than this means the worker (or the broker, or beat) is not draining it.
ACHTERSTAND_NA = timedelta(minutes=10)


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
            cur.fetchone()
        return True, connection.vendor
    except Exception as exc:
        return False, exc.__class__.__name__


def check_cache() -> tuple[bool, str]:
    """Asks the cache directly. Redis through portal.basis.cache (its ping ends a remembered outage when it answers)."""
    cache = caches["default"]
    if hasattr(cache, "ping"):
        return cache.ping()
    try:
        cache.set("portal:health", "1", 10)
        return cache.get("portal:health") == "1", cache.__class__.__name__
    except Exception as exc:
        return False, exc.__class__.__name__


def check_broker() -> tuple[bool, str]:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem://"):
        folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
        ok = folder.is_dir() and os.access(folder, os.W_OK)
        return ok, "filesystem"
    try:
        from kombu import Connection

        with Connection(url, connect_timeout=2, transport_options={"socket_timeout": 2,
                                                                   "socket_connect_timeout": 2}) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True, url.split("://", 1)[0]
    except Exception as exc:
        return False, exc.__class__.__name__


def check_wachtrij(nu=None) -> dict:
    """What waits for the worker: e-mails in the outbox and letters not yet rendered. ``ok`` is False when something
    waits longer than ACHTERSTAND_NA (the worker, beat or the broker is not draining it)."""
    from portal.documenten.models import Brief
    from portal.meldingen.models import OutboxEmail, OutboxStatus

    nu = nu or timezone.now()
    emails = OutboxEmail.objects.filter(status=OutboxStatus.WACHTEND)
    brieven = Brief.objects.filter(gemaakt_op__isnull=True)
    oudste = [t for t in (emails.order_by("aangemaakt_op").values_list("aangemaakt_op", flat=True).first(),
                          brieven.order_by("aangemaakt_op").values_list("aangemaakt_op", flat=True).first()) if t]
    sinds = min(oudste) if oudste else None
    return {"ok": sinds is None or nu - sinds <= ACHTERSTAND_NA, "emails_wachtend": emails.count(),
            "brieven_wachtend": brieven.count(), "oudste_wachtend_sinds": sinds.isoformat() if sinds else None}
