from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InvoerStatus(models.TextChoices):
    VOORBEELD = "voorbeeld", _("Voorbeeld: nog niet toegepast")
    WACHT = "wacht", _("Wacht op verwerking")
    BEZIG = "bezig", _("Wordt verwerkt")
    KLAAR = "klaar", _("Klaar")
    MISLUKT = "mislukt", _("Niet toegepast")


class Invoer(models.Model):
    """One file from a school's administration (issue #21 §3), stored row by row when it is uploaded: the preview
    reads it, and "Toepassen" hands it to the worker. Nothing is lost when the broker is down: the rows wait here
    and the periodic safety net (``invoer_vangnet``) picks them up."""

    school = models.ForeignKey("organisaties.School", on_delete=models.CASCADE, related_name="invoeren",
                               verbose_name=_("school"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("geüpload door"))
    toegepast_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("toegepast door"))
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=200)
    formaat = models.CharField(_("formaat"), max_length=4, choices=[("csv", "CSV"), ("xlsx", "XLSX")])
    status = models.CharField(_("status"), max_length=10, choices=InvoerStatus.choices, default=InvoerStatus.VOORBEELD)
    aangemaakt_op = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    toegepast_op = models.DateTimeField(_("toegepast op"), null=True, blank=True)
    bezig_sinds = models.DateTimeField(_("in verwerking sinds"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    aantal_rijen = models.PositiveIntegerField(_("rijen"), default=0)
    geldig = models.PositiveIntegerField(_("rijen zonder fout"), default=0)
    verwerkt = models.PositiveIntegerField(_("rijen verwerkt"), default=0)
    nieuw = models.PositiveIntegerField(_("nieuwe leerlingen"), default=0)
    gewijzigd = models.PositiveIntegerField(_("bijgewerkte leerlingen"), default=0)
    ongewijzigd = models.PositiveIntegerField(_("ongewijzigde leerlingen"), default=0)
    mislukt = models.PositiveIntegerField(_("rijen met een fout bij toepassen"), default=0)

    class Meta:
        verbose_name = _("invoer")
        verbose_name_plural = _("invoeren")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["status", "toegepast_op"], name="invoer_status_idx")]

    def __str__(self):
        return f"Invoer #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Invoer #{self.pk}"

    @property
    def wijzigingen(self) -> int:
        """Pupils made or changed: 0 when the same file runs a second time."""
        return self.nieuw + self.gewijzigd

    @property
    def procent(self) -> int:
        return 100 if not self.geldig else min(100, round(100 * self.verwerkt / self.geldig))

    @property
    def loopt(self) -> bool:
        return self.status in (InvoerStatus.WACHT, InvoerStatus.BEZIG)


class RijStatus(models.TextChoices):
    GOED = "goed", _("Klaar om toe te passen")
    FOUT = "fout", _("Fout: wordt overgeslagen")
    NIEUW = "nieuw", _("Nieuwe leerling")
    GEWIJZIGD = "gewijzigd", _("Bijgewerkt")
    ONGEWIJZIGD = "ongewijzigd", _("Niets veranderd")
    MISLUKT = "mislukt", _("Niet toegepast")


class InvoerRij(models.Model):
    """One row of the file: the values read (kept until the row is applied, then only the leerlingnummer stays: no
    more copies of a child's details than needed), its errors per column, and what applying it did."""

    invoer = models.ForeignKey(Invoer, on_delete=models.CASCADE, related_name="rijen", verbose_name=_("invoer"))
    nummer = models.PositiveIntegerField(_("rij"), help_text=_("Het rijnummer zoals de spreadsheet het toont (de kop "
                                                                "is rij 1)."))
    gegevens = models.JSONField(_("gegevens"), default=dict)
    fouten = models.JSONField(_("fouten"), default=dict, help_text=_("Per kolom de meldingen."))
    status = models.CharField(_("status"), max_length=12, choices=RijStatus.choices, default=RijStatus.GOED)
    wat = models.JSONField(_("wat er veranderde"), default=list)
    leerling = models.ForeignKey("leerlingen.Leerling", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("leerling"))

    class Meta:
        verbose_name = _("rij van een invoer")
        verbose_name_plural = _("rijen van een invoer")
        ordering = ["invoer", "nummer"]
        constraints = [models.UniqueConstraint(fields=["invoer", "nummer"], name="invoerrij_uniek")]

    def __str__(self):
        return f"Rij {self.nummer}"
