"""Thin periodic tasks of the TLV (STYLE §5): they call a service and return a count.

Beat entries in ``portal/settings.py`` (``CELERY_BEAT_SCHEDULE``), once a day:

* ``"tlv-gezondheidsgegevens"``: ``tlv.tasks.gezondheidsgegevens_verwijderen`` — C-7, WPO 18a lid 13;
* ``"tlv-einde-scholen"``: ``tlv.tasks.einde_herinneringen_scholen`` — C-5: the school gets the reminder of a
  TLV's last school year that the engine's sweep gives the SWV.
"""

from celery import shared_task

from . import services


@shared_task(name="tlv.tasks.gezondheidsgegevens_verwijderen")
def gezondheidsgegevens_verwijderen() -> int:
    """C-7: the health data of TLV files whose 3 years after the decision have passed are deleted (logged)."""
    return services.gezondheidsgegevens_verwijderen()


@shared_task(name="tlv.tasks.einde_herinneringen_scholen")
def einde_herinneringen_scholen() -> int:
    """C-5: forward the engine's reminder in a TLV's last school year to the pupil's school."""
    return services.einde_herinneringen_scholen()
