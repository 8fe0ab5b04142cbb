"""The AVG rights of families (issue #19): an inzage export (art. 15) and a request for correction or erasure
(art. 16, 17) as a case of the core, so its answer term (G-3) is a clock like every other legal term."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.zaken.models import Zaak

INZAGE_GELDIG_DAGEN = 7  # the ZIP can be downloaded for a week, then it is deleted (it holds the whole file)


def _inzage_pad(instance, filename):
    # A random name on disk: never guessable, never the child's name.
    return f"inzage/{uuid.uuid4().hex}.zip"


class InzageStatus(models.TextChoices):
    WACHT = "wacht", _("Wordt klaargemaakt")
    KLAAR = "klaar", _("Klaar om te downloaden")
    MISLUKT = "mislukt", _("Mislukt")
    VERLOPEN = "verlopen", _("Verlopen en verwijderd")


class InzageQuerySet(models.QuerySet):
    def van(self, user):
        """Only the requester's own exports: nobody else ever downloads them (not even staff)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(aangevraagd_door=user)

    def open(self):
        return self.filter(status=InzageStatus.WACHT)


class InzageExport(models.Model):
    """A copy of everything the portal holds about a pupil (AVG art. 15 lid 3), asked by whoever acts for the pupil,
    made by the worker, downloadable only by the requester until ``verloopt_op``."""

    leerling = models.ForeignKey("leerlingen.Leerling", on_delete=models.CASCADE, related_name="inzage_exports",
                                 verbose_name=_("leerling"))
    aangevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                         related_name="inzage_exports", verbose_name=_("aangevraagd door"))
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=InzageStatus.choices, default=InzageStatus.WACHT)
    bestand = models.FileField(_("ZIP-bestand"), upload_to=_inzage_pad, blank=True)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    aantal_zaken = models.PositiveIntegerField(_("aantal zaken"), default=0)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    verloopt_op = models.DateTimeField(
        _("te downloaden tot"), null=True, blank=True,
        help_text=_("Daarna wordt het bestand verwijderd; de aanvrager kan een nieuwe kopie vragen."))
    gedownload_op = models.DateTimeField(_("laatst gedownload op"), null=True, blank=True)

    objects = InzageQuerySet.as_manager()

    class Meta:
        verbose_name = _("inzage (kopie van de gegevens)")
        verbose_name_plural = _("inzages")
        ordering = ["-aangevraagd_op", "-pk"]
        constraints = [
            # one export being made per requester and pupil: a second click shows the first one
            models.UniqueConstraint(fields=["leerling", "aangevraagd_door"], condition=Q(status="wacht"),
                                    name="inzage_een_wachtend"),
        ]

    def __str__(self):
        return f"Inzage #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Inzage #{self.pk}"

    @property
    def is_te_downloaden(self) -> bool:
        return (self.status == InzageStatus.KLAAR and bool(self.bestand)
                and (self.verloopt_op is None or self.verloopt_op > timezone.now()))


class RechtSoort(models.TextChoices):
    RECTIFICATIE = "rectificatie", _("Gegevens verbeteren of aanvullen")
    WISSING = "wissing", _("Gegevens verwijderen")


class Uitkomst(models.TextChoices):
    TOEGEWEZEN = "toegewezen", _("Toegewezen")
    DEELS = "deels", _("Deels toegewezen")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


class RechtenverzoekStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Rechtenverzoek(Zaak):
    """A request to correct (AVG art. 16) or erase (art. 17) data about the pupil, addressed to one organisation that
    holds them (a school of the pupil or an SWV): the case's ``school`` or ``swv``. Answered within a month (G-3)."""

    ZAAKTYPE = "avg"

    soort = models.CharField(_("soort verzoek"), max_length=14, choices=RechtSoort.choices)
    wat = models.TextField(_("welke gegevens"), help_text=_("Welke gegevens het verzoek betreft."))
    waarom = models.TextField(_("waarom"), help_text=_("Wat er niet klopt, of waarom de gegevens weg moeten."))
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    uitkomst = models.CharField(_("uitkomst"), max_length=12, choices=Uitkomst.choices, blank=True)
    motivering = models.TextField(
        _("antwoord"), blank=True,
        help_text=_("Wat er is gedaan, en bij (deels) afwijzen de redenen (AVG art. 12 lid 4)."))
    beantwoord_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("beantwoord door"))
    beantwoord_op = models.DateField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("AVG-verzoek")
        verbose_name_plural = _("AVG-verzoeken")


class Bewaaractie(models.Model):
    """What the retention run did to one pupil's file (DOMAIN G-2): so it is done once, and the beheerder sees it. It
    names the pupil by id only; the pupil's row is anonymised, so nothing here identifies the child."""

    leerling = models.ForeignKey("leerlingen.Leerling", on_delete=models.CASCADE, related_name="bewaaracties",
                                 verbose_name=_("leerling"))
    regel_id = models.CharField(_("regel"), max_length=10, help_text=_("G-2 (dossier), G-2b (inschrijvingen)."))
    vanaf = models.DateField(_("termijn verstreken op"))
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), default=timezone.now)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("door"))
    aantallen = models.JSONField(_("aantallen"), default=dict, help_text=_("Hoeveel rijen en bestanden, geen inhoud."))

    class Meta:
        verbose_name = _("bewaaractie")
        verbose_name_plural = _("bewaaracties")
        ordering = ["-uitgevoerd_op", "-pk"]
        constraints = [models.UniqueConstraint(fields=["leerling", "regel_id"], name="bewaaractie_eenmaal")]

    def __str__(self):
        return f"{self.regel_id} leerling #{self.leerling_id}"

    @property
    def audit_label(self) -> str:
        return f"Bewaaractie {self.regel_id} leerling #{self.leerling_id}"
