"""Thin periodic tasks of the TLV (STYLE §5): they call a service and return a count.

Beat entries in ``portal/settings.py`` (``CELERY_BEAT_SCHEDULE``), once a day:

* ``"tlv-gezondheidsgegevens"``: ``tlv.tasks.gezondheidsgegevens_verwijderen`` — C-7, WPO 18a lid 13 and WVO 2020
  art. 2.47 lid 16; the same run destroys decision letters whose archive term (the SWV's setting) has passed;
* ``"tlv-einde-scholen"``: ``tlv.tasks.einde_herinneringen_scholen`` — C-5: the school gets the reminder of a
  TLV's last school year that the engine's sweep gives the SWV.
"""

from celery import shared_task

from . import services


@shared_task(name="tlv.tasks.gezondheidsgegevens_verwijderen")
def gezondheidsgegevens_verwijderen() -> int:
    """C-7: the health data of TLV files whose 3 years after the decision have passed are deleted (logged); then the
    decision letters whose archive term has passed (never while valid or while a procedure runs)."""
    return services.gezondheidsgegevens_verwijderen() + services.besluiten_archiveren()


@shared_task(name="tlv.tasks.einde_herinneringen_scholen")
def einde_herinneringen_scholen() -> int:
    """C-5: forward the engine's reminder in a TLV's last school year to the pupil's school."""
    return services.einde_herinneringen_scholen()
