"""Event notifications (issue #21 §4): subscriptions, the outbox, and one delivery per subscriber.

* ``Abonnement``: an organisation's system (its ``portal.api.Koppeling``) asks for some kinds of event at a callback
  URL, and signs nothing itself: the portal signs every message with the subscription's secret (Standard Webhooks).
* ``Bericht``: the outbox. One row per event, written in the transaction of the change itself (a rolled-back change
  leaves no message; a broker that is down loses none). It holds ids and kinds only — never a name, a BSN or text.
* ``Aflevering``: the worker fans a message out to the subscriptions entitled to see its case, one row each, and
  sends them with retries and exponential backoff; after ``GEBEURTENISSEN_MAX_POGINGEN`` tries it is ``mislukt`` and
  the beheerder sees it in /beheer/.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Abonnement(models.Model):
    koppeling = models.ForeignKey("api.Koppeling", on_delete=models.PROTECT, related_name="abonnementen",
                                  verbose_name=_("API-koppeling"),
                                  help_text=_("Het systeem van de organisatie dat de berichten ontvangt."))
    url = models.CharField(_("callback-URL"), max_length=500,
                          help_text=_("Waar het portaal de berichten heen stuurt (https)."))
    soorten = models.JSONField(_("soorten gebeurtenissen"), default=list,
                               help_text=_("Bijvoorbeeld zaak.geopend, zaak.status-gewijzigd."))
    geheim_versleuteld = models.TextField(_("ondertekengeheim (versleuteld)"), editable=False)
    omschrijving = models.CharField(_("omschrijving"), max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    beeindigd_op = models.DateTimeField(_("beëindigd op"), null=True, blank=True,
                                        help_text=_("Vanaf dit moment worden geen berichten meer gestuurd."))

    class Meta:
        verbose_name = _("abonnement op gebeurtenissen")
        verbose_name_plural = _("abonnementen op gebeurtenissen")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.koppeling.naam} → {self.url}"

    @property
    def audit_label(self) -> str:
        return f"Abonnement #{self.pk}"

    @property
    def actief(self) -> bool:
        return self.beeindigd_op is None


class Bericht(models.Model):
    """One event in the outbox; its ``id`` is the CloudEvent's id and the Standard Webhooks ``webhook-id`` (the same on
    every retry, so a receiver can drop a duplicate)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    soort = models.CharField(_("soort"), max_length=40, db_index=True)
    tijd = models.DateTimeField(_("tijd"), default=timezone.now)
    zaak_id = models.BigIntegerField(_("zaak"), null=True, blank=True)
    zaaktype = models.CharField(_("soort zaak"), max_length=30, blank=True)
    # who may see the case (portal.api: a school its own cases, a board its schools', an SWV its own)
    school_id = models.BigIntegerField(_("school"), null=True, blank=True)
    swv_id = models.BigIntegerField(_("samenwerkingsverband"), null=True, blank=True)
    gegevens = models.JSONField(_("gegevens"), default=dict, help_text=_("Alleen ids en soorten."))
    verdeeld_op = models.DateTimeField(_("verdeeld op"), null=True, blank=True,
                                       help_text=_("Wanneer de worker de afleveringen per abonnement maakte."))

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["tijd"]
        indexes = [models.Index(fields=["verdeeld_op", "tijd"], name="bericht_verdeeld_idx")]

    def __str__(self):
        return f"{self.soort} ({self.id})"


class AfleverStatus(models.TextChoices):
    WACHT = "wacht", _("Wacht op verzending")
    OPNIEUW = "opnieuw", _("Mislukt, wordt opnieuw geprobeerd")
    AFGELEVERD = "afgeleverd", _("Afgeleverd")
    MISLUKT = "mislukt", _("Mislukt (niet meer geprobeerd)")


OPEN_STATUSSEN = (AfleverStatus.WACHT, AfleverStatus.OPNIEUW)


class Aflevering(models.Model):
    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="afleveringen",
                                verbose_name=_("bericht"))
    abonnement = models.ForeignKey(Abonnement, on_delete=models.CASCADE, related_name="afleveringen",
                                   verbose_name=_("abonnement"))
    status = models.CharField(_("status"), max_length=12, choices=AfleverStatus.choices, default=AfleverStatus.WACHT)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    volgende_poging_op = models.DateTimeField(_("volgende poging op"), default=timezone.now)
    laatste_poging_op = models.DateTimeField(_("laatste poging op"), null=True, blank=True)
    laatste_status = models.PositiveSmallIntegerField(_("laatste HTTP-status"), null=True, blank=True)
    laatste_fout = models.CharField(_("laatste fout"), max_length=300, blank=True)
    afgeleverd_op = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("aflevering")
        verbose_name_plural = _("afleveringen")
        ordering = ["-pk"]
        constraints = [models.UniqueConstraint(fields=["bericht", "abonnement"], name="aflevering_eenmaal")]
        indexes = [models.Index(fields=["status", "volgende_poging_op"], name="aflevering_te_doen_idx")]

    def __str__(self):
        return f"{self.bericht.soort} → {self.abonnement.url} ({self.get_status_display()})"

    @property
    def audit_label(self) -> str:
        return f"Aflevering #{self.pk}"


def max_pogingen() -> int:
    return int(getattr(settings, "GEBEURTENISSEN_MAX_POGINGEN", 8))
