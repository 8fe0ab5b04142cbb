"""The public pages' version moves with every change to what they show (issue #23 §3, ``portal.basis.publiek``).

The school finder, the school page, a school's profile page and an SWV's basisondersteuning page show: the schools
(name, kind, place, their SWVs), the profiles in force and the versions set before (with their lines and expertise,
and the basisondersteuning they build on), the SWVs and their published basisondersteuning, and the steunpunten.
Every save, delete or change of a many-to-many link of those models bumps the public version — generic, so no
write service can forget it. A concept profile and its lines are left out: no public page shows a concept, and the
save that sets it (status *vastgesteld*) bumps.

Writes that send no signal: ``QuerySet.update``, ``bulk_create`` and ``bulk_update``. Where the code makes one on
these models it sits in a transaction that also saves a row of them (``tests/test_publiek_cache.py`` checks every
such call against the list there); anything else must call ``publiek.bump()`` itself.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.basis import publiek
from portal.organisaties.models import (
    BasisondersteuningOnderdeel,
    BasisondersteuningVersie,
    Ondersteuningsprofiel,
    ProfielExpertise,
    ProfielOnderdeel,
    ProfielStatus,
    Samenwerkingsverband,
    School,
)

from .models import SteunpuntContact

# the models whose rows the public pages show
GETOOND = (School, Samenwerkingsverband, Ondersteuningsprofiel, ProfielOnderdeel, ProfielExpertise,
           BasisondersteuningVersie, BasisondersteuningOnderdeel, SteunpuntContact)
# their many-to-many links the pages show: a school's SWVs, the basisondersteuning a profile builds on
KOPPELINGEN = (School.samenwerkingsverbanden.through, Ondersteuningsprofiel.basisondersteuning.through)


def _concept(instance) -> bool:
    """A concept profile, or a line of one: on no public page."""
    if isinstance(instance, Ondersteuningsprofiel):
        return instance.status == ProfielStatus.CONCEPT
    if isinstance(instance, ProfielOnderdeel | ProfielExpertise):
        profiel = instance.profiel if type(instance).profiel.is_cached(instance) else (
            Ondersteuningsprofiel.objects.filter(pk=instance.profiel_id).only("status").first())
        return profiel is not None and profiel.status == ProfielStatus.CONCEPT
    return False


def _gewijzigd(sender, instance, **kwargs):
    if not _concept(instance):
        publiek.bump()


def _koppeling(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        publiek.bump()


def verbind() -> None:
    """Connect once (``InformatieConfig.ready``)."""
    for model in GETOOND:
        post_save.connect(_gewijzigd, sender=model, dispatch_uid=f"publiek-save-{model._meta.label}")
        post_delete.connect(_gewijzigd, sender=model, dispatch_uid=f"publiek-del-{model._meta.label}")
    for through in KOPPELINGEN:
        m2m_changed.connect(_koppeling, sender=through, dispatch_uid=f"publiek-m2m-{through._meta.label}")
