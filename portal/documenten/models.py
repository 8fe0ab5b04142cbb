"""Documents and letters of a case (ZGW: informatieobject), issue #7 §2.

Both are stored privately (the default storage under ``var/media``, never served as static files)
and served only through the permission-checked views of this app.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.basis.typed_json import TypedJSONDecoder, TypedJSONEncoder


def _document_pad(instance, filename):
    # A random name on disk: the original name is kept in the row, never trusted as a path.
    return f"documenten/{instance.zaak_id}/{uuid.uuid4().hex}"


def _brief_pad(instance, filename):
    return f"brieven/{instance.zaak_id}/{instance.soort.replace('.', '-')}-{instance.pk}.pdf"


class Document(models.Model):
    """An uploaded document: type checked by content, size limited, with the uploader's sharing choice."""

    zaak = models.ForeignKey("zaken.Zaak", on_delete=models.CASCADE, related_name="documenten", verbose_name=_("zaak"))
    bestand = models.FileField(_("bestand"), upload_to=_document_pad)
    naam = models.CharField(_("naam"), max_length=200)
    mime = models.CharField(_("soort bestand"), max_length=50)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    soort = models.CharField(_("soort document"), max_length=40, blank=True,
                             help_text=_("Bijvoorbeeld 'acceptatie' of 'instemming op papier'."))
    delen_toegestaan = models.BooleanField(
        _("mag gedeeld worden met een andere school"), default=False,
        help_text=_("Ouders kiezen per document (G-1: geen stilzwijgende toestemming)."))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("toegevoegd door"))
    op = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["op", "pk"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("documenten:document", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"Document #{self.pk}"


class Brief(models.Model):
    """A letter: a typed payload frozen when it is created (dates stay dates), rendered once as PDF by
    a task given its id after commit, never regenerated silently (DOMAIN §6)."""

    zaak = models.ForeignKey("zaken.Zaak", on_delete=models.CASCADE, related_name="brieven", verbose_name=_("zaak"))
    soort = models.CharField(_("soort"), max_length=50)
    besluit = models.ForeignKey("zaken.Besluit", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="brieven", verbose_name=_("besluit"))
    gegevens = models.JSONField(_("gegevens op het moment van maken"), default=dict,
                                encoder=TypedJSONEncoder, decoder=TypedJSONDecoder)
    taal = models.CharField(_("taal"), max_length=5, default="nl")
    bestand = models.FileField(_("PDF"), upload_to=_brief_pad, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gemaakt_op = models.DateTimeField(_("PDF gemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["aangemaakt_op", "pk"]
        indexes = [models.Index(fields=["aangemaakt_op"], name="brief_wachtend_idx", condition=Q(gemaakt_op__isnull=True))]

    def __str__(self):
        return f"{self.titel} — {self.zaak_id}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("documenten:brief", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"Brief #{self.pk} ({self.soort})"

    @property
    def type(self):
        from .registry import brief_soort

        return brief_soort(self.soort)

    @property
    def titel(self) -> str:
        return str(self.type.titel)

    @property
    def is_klaar(self) -> bool:
        return self.gemaakt_op is not None


def _export_pad(instance, filename):
    # a random name on disk; the name the reader gets is the kind's (``ExportSoort.bestandsnaam``)
    return f"exports/{instance.soort.replace('.', '-')}/{uuid.uuid4().hex}.pdf"


class ExportStatus(models.TextChoices):
    WACHT = "wacht", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("niet gelukt")
    VERVALLEN = "vervallen", _("vervallen")  # a newer one replaced it, or it was kept long enough: the file is gone


class Export(models.Model):
    """A heavy document (a dossier) made by the worker for one reader of one case, on request (issue #19 defect 8).

    The web request only stores this row; a task given its id renders the file after commit, the beat safety net
    renders it when the message was lost (broker down). ``versie`` is the fingerprint of the content this reader would
    get when it was asked (``ExportSoort.versie``): while the fingerprint is unchanged the stored file is handed out
    again, one row per reader, kind, case and fingerprint (a unique constraint), so a second ask renders nothing.
    The rows are also the rate limit's memory: new renders per reader per hour are counted here, not in a cache."""

    soort = models.CharField(_("soort"), max_length=50)
    zaak = models.ForeignKey("zaken.Zaak", on_delete=models.CASCADE, related_name="+", verbose_name=_("zaak"))
    aangevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                         verbose_name=_("aangevraagd door"))
    versie = models.CharField(_("versie van de inhoud"), max_length=64,
                              help_text=_("Vingerafdruk van wat deze lezer in het document krijgt."))
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.WACHT)
    bestand = models.FileField(_("bestand"), upload_to=_export_pad, blank=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"), null=True, blank=True)
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    bezig_sinds = models.DateTimeField(_("wordt gemaakt sinds"), null=True, blank=True,
                                       help_text=_("Een taak heeft het opgepakt; leeg als niemand eraan werkt."))
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [models.UniqueConstraint(fields=["soort", "zaak", "aangevraagd_door", "versie"],
                                               name="export_een_per_versie")]
        indexes = [
            models.Index(fields=["aangevraagd_door", "aangevraagd_op"], name="export_per_lezer_idx"),
            models.Index(fields=["aangevraagd_op"], name="export_wachtend_idx", condition=Q(status="wacht")),
        ]

    def __str__(self):
        return f"{self.soort} {self.zaak_id} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("documenten:export", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"Export #{self.pk} ({self.soort})"

    @property
    def is_klaar(self) -> bool:
        return self.status == ExportStatus.KLAAR
