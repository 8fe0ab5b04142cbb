"""The thuiszitter's vocabulary (DOMAIN §4 F, §5 S8): statuses, kinds of absence, reason categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    BIJ_SWV = "bij_swv", _("Bij het samenwerkingsverband")  # after F-3: on the SWV's desk
    BEEINDIGD = "beeindigd", _("Beëindigd")  # back in education


class Soort(models.TextChoices):
    """F-1: absoluut verzuim (not enrolled), langdurig relatief verzuim (enrolled, absent > 4 weeks), or partial."""

    ABSOLUUT = "absoluut", _("Absoluut verzuim (niet ingeschreven)")
    RELATIEF = "relatief", _("Langdurig relatief verzuim (ingeschreven, niet op school)")
    GEDEELTELIJK_ZONDER = "deel_zonder", _("Gedeeltelijk onderwijs, zonder vrijstelling")
    GEDEELTELIJK_MET = "deel_met", _("Gedeeltelijk onderwijs, met vrijstelling")


class Reden(models.TextChoices):
    GEEN_PLEK = "geen_plek", _("Geen passende plek gevonden")
    ONDERSTEUNING = "ondersteuning", _("Ondersteuning niet passend of niet beschikbaar")
    PSYCHISCH = "psychisch", _("Psychische of medische problemen")
    SCHOOLWEIGERING = "schoolweigering", _("Schoolweigering of angst")
    VERWIJDERD = "verwijderd", _("Geschorst of verwijderd")
    GESCHIL = "geschil", _("Onenigheid tussen ouders en school")
    THUISSITUATIE = "thuissituatie", _("Thuissituatie")
    ANDERS = "anders", _("Anders")


class Wie(models.TextChoices):
    """Whose view is recorded (hoorrecht)."""

    OUDERS = "ouders", _("De ouders")
    LEERLING = "leerling", _("De leerling")


class Opvolging(models.TextChoices):
    """What the leerplichtambtenaar did about a thuiszitter in their municipality (issue #20 §6; Lpw 21, 22)."""

    GESPREK = "gesprek", _("Gesprek (met ouders, leerling of school)")
    PROCES_VERBAAL = "proces_verbaal", _("Proces-verbaal opgemaakt")
    ZORGTEAM = "zorgteam", _("Doorverwezen naar een zorgteam")


# the case kinds a thuiszitter's case may name as the one meant to end it (issue #20 §1 "Links"): an aanmelding, an
# arrangement, a TLV or a geschil (a bezwaar, schorsing or verwijdering case) of the same pupil
KOPPELBAAR = ("aanmelding", "arrangement", "tlv", "bezwaar", "klacht", "geschil", "schorsing", "verwijdering")
