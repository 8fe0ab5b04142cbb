from django.db import models
from django.utils.translation import gettext_lazy as _


class ChecklistSoort(models.TextChoices):
    """The three checklists (DOMAIN §5 P9): for my child, for my school, for the samenwerkingsverband."""

    KIND = "kind", _("Voor mijn kind")
    SCHOOL = "school", _("Voor mijn school")
    SWV = "swv", _("Voor het samenwerkingsverband")


class Antwoord(models.TextChoices):
    """An item's answer. Empty: not answered (yet)."""

    JA = "ja", _("Ja")
    DEELS = "deels", _("Gedeeltelijk")
    NEE = "nee", _("Nee")
    WEET_NIET = "weet_niet", _("Weet ik niet")


class Groep(models.TextChoices):
    """Each checklist groups its items in three parts."""

    INFORMATIE = "informatie", _("Informatie")
    AFSPRAKEN = "afspraken", _("Afspraken")
    RESULTATEN = "resultaten", _("Resultaten")


# A note per item: enough for a sentence or two that a parent takes to a meeting.
NOTITIE_MAX = 1000
# The finder shows this many schools per page.
PER_PAGINA = 20
