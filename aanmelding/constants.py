from django.db import models
from django.utils.translation import gettext_lazy as _


class Ondersteuning(models.TextChoices):
    """A-1: the parent states whether the child (probably) needs extra support."""

    JA = "ja", _("Ja")
    WAARSCHIJNLIJK = "waarschijnlijk", _("Waarschijnlijk")
    NEE = "nee", _("Nee")
    WEET_NIET = "weet_niet", _("Weet ik niet")


class Kanaal(models.TextChoices):
    ONLINE = "online", _("Online door ouder")
    PAPIER = "papier", _("Op papier, door de school geregistreerd")
    EMAIL = "email", _("Per e-mail, door de school geregistreerd")


class Status(models.TextChoices):
    """The aanmelding's states; their labels for parents and staff and the allowed transitions are the
    status table in ``zaken.py``."""

    ONTVANGEN = "ontvangen", _("Ontvangen")
    IN_ONDERZOEK = "in_onderzoek", _("In onderzoek")
    BESLUIT_VOORBEREID = "besluit_voorbereid", _("Besluit klaar voor ondertekening")
    BESLOTEN = "besloten", _("Besloten")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class NotitieSoort(models.TextChoices):
    ONDERZOEK = "onderzoek", _("Onderzoek: wat heeft het kind nodig")
    AANPASSING = "aanpassing", _("Overwogen of geprobeerde aanpassing (A-10)")
    GESPREK = "gesprek", _("Gespreksverslag")
    OVERLEG_OUDERS = "overleg_ouders", _("Overleg met ouders over een plek elders (A-10)")


class BesluitSoort(models.TextChoices):
    TOEGELATEN = "toegelaten", _("Toegelaten")
    TOEGELATEN_ONDERSTEUNING = "toegelaten_ondersteuning", _("Toegelaten met extra ondersteuning")
    PLEK_ELDERS = "plek_elders", _("Passende plek op een andere school")
    NIET_TOEGELATEN = "niet_toegelaten", _("Niet toegelaten (grond buiten de zorgplicht)")
    NIET_IN_BEHANDELING = "niet_in_behandeling", _("Aanmelding niet in behandeling genomen")


class WeigerGrond(models.TextChoices):
    """A-11: refusals outside the zorgplicht."""

    PLAATSGEBREK = "plaatsgebrek", _("De school is vol (plaatsgebrek)")
    GRONDSLAG = "grondslag", _("Ouders respecteren de grondslag van de school niet")
    TOELATINGSEISEN = "toelatingseisen", _("Toelatingseisen / niveau (alleen vo, individueel beoordeeld)")


class PlaatsingStatus(models.TextChoices):
    GEVRAAGD = "gevraagd", _("Gevraagd")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    GEWEIGERD = "geweigerd", _("Geweigerd")


class BriefSoort(models.TextChoices):
    ONTVANGST = "aanmelding.ontvangst", _("Ontvangstbevestiging aanmelding")
    INFORMATIEVERZOEK = "aanmelding.informatieverzoek", _("Informatieverzoek")
    VERLENGING = "aanmelding.verlenging", _("Verlenging beslistermijn")
    BESLUIT = "aanmelding.besluit", _("Besluit op de aanmelding")
    TIJDELIJK = "aanmelding.tijdelijke_inschrijving", _("Bevestiging tijdelijke inschrijving")
