"""The one Celery app of the portal; configuration under the CELERY_ prefix in settings.

``verstuur`` queues a task for the worker without letting a broker outage break or hold up a request (issue #19 §3).
Everything queued that way is a row the worker drains (a letter waiting to be rendered, an e-mail in the outbox), so a
message that cannot be sent loses nothing: the periodic safety net on beat finds the row when the broker is back.
"""

import logging
import os
import threading
import time

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _vangnet_invoer(sender, **kwargs):
    """The import's safety net (issue #21 §3): an import applied while the broker was down waits in the database;
    this runs it, and one whose worker died, every two minutes."""
    sender.add_periodic_task(120.0, sender.signature("portal.invoer.tasks.invoer_vangnet_taak"), name="invoer-vangnet")


log = logging.getLogger("portal.broker")

# After a failed publish the broker is left alone this long: a broker that hangs costs one short timeout per process
# per pause (broker_connection_timeout, publish retry policy in settings), not one per letter or e-mail.
BROKER_PAUZE = 10.0
MELD_ELKE = 60.0


class _Storing:
    lock = threading.Lock()
    sinds: float | None = None
    volgende_poging = 0.0
    laatst_gemeld = 0.0
    overgeslagen = 0


def verstuur(taak: str, *args) -> bool:
    """Queue task ``taak`` (by name: the services never import tasks) with ``args``. Returns False when the broker
    could not take it; the caller's row stays waiting and the periodic safety net picks it up. The outage is logged as
    one warning when it starts, one a minute while it lasts and one when it ends — no stack trace per request."""
    nu = time.monotonic()
    if _Storing.sinds is not None and nu < _Storing.volgende_poging:
        _Storing.overgeslagen += 1
        return False
    try:
        app.tasks[taak].apply_async(args=args)
    except Exception as exc:  # noqa: BLE001 - kombu's OperationalError, redis' and socket errors alike
        with _Storing.lock:
            _Storing.volgende_poging = time.monotonic() + BROKER_PAUZE
            if _Storing.sinds is None:
                _Storing.sinds, _Storing.laatst_gemeld, _Storing.overgeslagen = nu, nu, 0
                meld = "broker unreachable (%s: %s); queued work waits in the database for the periodic safety net"
            elif nu - _Storing.laatst_gemeld >= MELD_ELKE:
                _Storing.laatst_gemeld = nu
                meld = "broker still unreachable (%s: %s)"
            else:
                meld = ""
        if meld:
            log.warning(meld, exc.__class__.__name__, exc)
        return False
    if _Storing.sinds is not None:
        with _Storing.lock:
            duur, overgeslagen = nu - (_Storing.sinds or nu), _Storing.overgeslagen
            _Storing.sinds = None
        log.warning("broker reachable again after %.0f s (%d messages left to the safety net)", duur, overgeslagen)
    return True
