from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Actie(models.TextChoices):
    BEKEKEN = "bekeken", _("bekeken")
    GEDOWNLOAD = "gedownload", _("gedownload")
    AANGEMAAKT = "aangemaakt", _("aangemaakt")
    GEWIJZIGD = "gewijzigd", _("gewijzigd")
    VERWIJDERD = "verwijderd", _("verwijderd")
    INGELOGD = "ingelogd", _("ingelogd")
    SYSTEEM = "systeem", _("systeemactie")


class AuditEntryQuerySet(models.QuerySet):
    def dossier_views_for(self, leerling):
        return self.filter(leerling=leerling, actie__in=[Actie.BEKEKEN, Actie.GEDOWNLOAD])


class AuditEntry(models.Model):
    """One line of the audit trail: who did what to which object, when. Written only by
    ``portal.audit.services`` (called from the services, not from signal receivers)."""

    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("wie"))
    actor_omschrijving = models.CharField(_("wie (op dat moment)"), max_length=300, blank=True,
                                          help_text=_("Naam, rol en organisatie zoals ze waren toen het gebeurde."))
    systeem = models.BooleanField(_("systeemactie"), default=False,
                                  help_text=_("Gedaan door de termijnbewaker of een andere achtergrondtaak."))
    koppeling = models.ForeignKey("api.Koppeling", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("API-koppeling"),
                                  help_text=_("Het systeem van een organisatie dat dit via de API deed (geen persoon)."))
    actie = models.CharField(_("wat"), max_length=20, choices=Actie.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=300, blank=True)
    object_type = models.CharField(_("soort object"), max_length=100)
    object_id = models.CharField(_("object-id"), max_length=64)
    object_label = models.CharField(_("object"), max_length=200, help_text=_("Zonder naam of BSN van een kind."))
    leerling = models.ForeignKey("leerlingen.Leerling", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("leerling (dossier)"))
    wijzigingen = models.JSONField(_("wijzigingen (oud → nieuw)"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        ordering = ["-tijdstip", "-pk"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["leerling", "actie"]),
        ]
        # The trail is append-only: no update or delete through the application.
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.actor_omschrijving} {self.actie} {self.object_label}"
