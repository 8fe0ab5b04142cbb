from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.accounts.constants import Rol

from .constants import (
    BesluitSoort,
    BriefSoort,
    Kanaal,
    NotitieSoort,
    Ondersteuning,
    PlaatsingStatus,
    Status,
    VerzoekSoort,
    VerzoekStatus,
    WeigerGrond,
)


class AanmeldingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Parents with gezag over the child; IB'er/directeur of the school applied to. Nobody else."""
        if not user.is_authenticated:
            return self.none()
        q = Q(leerling__gezag__ouder=user)
        school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
        if school_ids:
            q |= Q(school_id__in=school_ids)
        return self.filter(q).distinct()


def _private(instance, filename):
    return f"aanmelding/{instance.aanmelding_id}/{filename}"


class Aanmelding(models.Model):
    """A schriftelijke aanmelding (A-1). Its receipt starts the zorgplicht (A-2) and the clocks A-6/A-9."""

    leerling = models.ForeignKey("leerlingen.Leerling", on_delete=models.PROTECT, related_name="aanmeldingen",
                                 verbose_name=_("leerling"))
    school = models.ForeignKey("organisaties.School", on_delete=models.PROTECT, related_name="aanmeldingen",
                               verbose_name=_("school"))
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices, default=Kanaal.ONLINE)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="+", verbose_name=_("geregistreerd door (papier/e-mail)"))
    ontvangen_op = models.DateTimeField(_("ontvangen op"), help_text=_("Het exacte moment van ontvangst (A-2)."))
    ontvangen_datum = models.DateField(_("ontvangstdatum (T0)"), db_index=True,
                                       help_text=_("De dag van ontvangst, Europe/Amsterdam: start van de beslistermijn."))
    gewenste_start = models.DateField(_("gewenste startdatum"))
    ondersteuning = models.CharField(_("extra ondersteuning nodig"), max_length=16, choices=Ondersteuning.choices,
                                     help_text=_("A-1: de ouder geeft aan of het kind (waarschijnlijk) extra ondersteuning nodig heeft."))
    wat_belangrijk = models.TextField(_("wat ouders belangrijk vinden"), blank=True)
    gezag_verklaard = models.BooleanField(_("gezag verklaard"), default=False)
    voorkeur_positie = models.PositiveSmallIntegerField(_("voorkeur van ouders voor deze school"), null=True, blank=True,
                                                        help_text=_("1 = eerste voorkeur (A-5)."))
    opgegeven_bsn = models.CharField(_("opgegeven BSN (te controleren)"), max_length=9, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ONTVANGEN, db_index=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    intrek_reden = models.TextField(_("reden van intrekken"), blank=True)

    objects = AanmeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-ontvangen_op"]
        indexes = [models.Index(fields=["school", "status"])]

    def __str__(self):
        return self.nummer

    @property
    def nummer(self) -> str:
        return f"Aanmelding #{self.pk}"

    audit_label = nummer

    @property
    def steun_nodig(self) -> bool:
        return self.ondersteuning in (Ondersteuning.JA, Ondersteuning.WAARSCHIJNLIJK)

    @property
    def zorgplicht(self) -> bool:
        """A-2/A-5: support (probably) needed and this is the school of first preference."""
        return self.steun_nodig and self.voorkeur_positie == 1

    @property
    def is_open(self) -> bool:
        return self.status in (Status.ONTVANGEN, Status.IN_ONDERZOEK, Status.BESLUIT_VOORBEREID)


class VoorkeurVerklaring(models.Model):
    """The parents' declared order of preference for a child (A-5). The latest declaration wins."""

    leerling = models.ForeignKey("leerlingen.Leerling", on_delete=models.CASCADE, related_name="voorkeuren")
    verklaard_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    verklaard_op = models.DateTimeField(auto_now_add=True)
    scholen = models.JSONField(_("scholen in volgorde van voorkeur"),
                               help_text=_("[{'school_id': 12 of null, 'naam': '…'}], eerste = eerste voorkeur"))

    class Meta:
        ordering = ["-verklaard_op", "-pk"]
        verbose_name = _("voorkeursverklaring")
        verbose_name_plural = _("voorkeursverklaringen")

    def __str__(self):
        return f"Voorkeur leerling #{self.leerling_id}"

    def positie_van(self, school_id) -> int | None:
        for i, s in enumerate(self.scholen, start=1):
            if s.get("school_id") == school_id:
                return i
        return None


class Document(models.Model):
    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="documenten")
    bestand = models.FileField(_("bestand"), upload_to=_private)
    naam = models.CharField(_("naam"), max_length=200)
    mime = models.CharField(_("soort bestand"), max_length=50)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    delen_toegestaan = models.BooleanField(
        _("mag gedeeld worden met een andere school"), default=False,
        help_text=_("Ouders kiezen per document (G-1: geen stilzwijgende toestemming)."))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["op", "pk"]

    def __str__(self):
        return self.naam


class Verzoek(models.Model):
    """A request to the parents: information (pauses the clock, A-8) or consent (A-14)."""

    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="verzoeken")
    soort = models.CharField(_("soort"), max_length=12, choices=VerzoekSoort.choices)
    omschrijving = models.TextField(_("wat wordt gevraagd"))
    doel = models.TextField(_("doel"), blank=True, help_text=_("Toestemming: waarvoor (A-14)."))
    omvang = models.TextField(_("omvang"), blank=True, help_text=_("Toestemming: welke gegevens, met wie, hoe lang."))
    organisatie = models.CharField(_("organisatie of deskundige"), max_length=200, blank=True)
    verzocht_op = models.DateField(_("verzocht op"))
    antwoord_uiterlijk = models.DateField(_("antwoord uiterlijk"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=VerzoekStatus.choices, default=VerzoekStatus.OPEN)
    beantwoord_op = models.DateField(_("beantwoord op"), null=True, blank=True)
    antwoord = models.TextField(_("antwoord"), blank=True)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("verzoek aan ouders")
        verbose_name_plural = _("verzoeken aan ouders")
        ordering = ["verzocht_op", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()} #{self.pk}"


class Notitie(models.Model):
    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="notities")
    soort = models.CharField(_("soort"), max_length=16, choices=NotitieSoort.choices)
    tekst = models.TextField(_("tekst"))
    datum = models.DateField(_("datum"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["datum", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.datum}"


class PlaatsingsVerzoek(models.Model):
    """A request to another school to admit the child (A-10): it sees only what parents agreed to share."""

    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="plaatsingsverzoeken")
    school = models.ForeignKey("organisaties.School", on_delete=models.PROTECT, related_name="plaatsingsverzoeken")
    toelichting = models.TextField(_("toelichting voor de andere school"))
    documenten = models.ManyToManyField(Document, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=PlaatsingStatus.choices, default=PlaatsingStatus.GEVRAAGD)
    antwoord = models.TextField(_("antwoord"), blank=True)
    gevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    beantwoord_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    gevraagd_op = models.DateTimeField(auto_now_add=True)
    beantwoord_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("plaatsingsverzoek")
        verbose_name_plural = _("plaatsingsverzoeken")

    def __str__(self):
        return f"Plaatsingsverzoek #{self.pk}"


class Besluit(models.Model):
    """The decision on the aanmelding (A-10…A-12): prepared by the IB'er, signed by the directeur."""

    aanmelding = models.OneToOneField(Aanmelding, on_delete=models.CASCADE, related_name="besluit")
    soort = models.CharField(_("besluit"), max_length=30, choices=BesluitSoort.choices)
    grond = models.CharField(_("grond"), max_length=20, choices=WeigerGrond.choices, blank=True)
    motivering = models.TextField(_("motivering"))
    ondersteuning_aanbod = models.TextField(_("aangeboden ondersteuning"), blank=True)
    ontvangende_school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+", verbose_name=_("school die het kind toelaat"))
    ontvangende_school_naam = models.CharField(_("school buiten het portaal"), max_length=200, blank=True)
    acceptatie_document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                            verbose_name=_("schriftelijke acceptatie"))
    voorbereid_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    voorbereid_op = models.DateTimeField(auto_now_add=True)
    ondertekend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    ondertekend_op = models.DateTimeField(null=True, blank=True)
    bekendgemaakt_op = models.DateField(_("bekendgemaakt op"), null=True, blank=True,
                                        help_text=_("De dag dat de ondertekende brief voor ouders beschikbaar kwam."))
    reactie_akkoord = models.BooleanField(_("ouders akkoord met het aanbod"), null=True, blank=True)
    reactie_reden = models.TextField(_("reden van ouders"), blank=True)
    reactie_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self):
        return f"Besluit op {self.aanmelding}"

    @property
    def is_aanbod(self) -> bool:
        return self.soort in (BesluitSoort.TOEGELATEN_ONDERSTEUNING, BesluitSoort.PLEK_ELDERS)


def _brief_pad(instance, filename):
    return f"brieven/{instance.aanmelding_id}/{filename}"


class Brief(models.Model):
    """A letter as PDF, stored and never regenerated silently (DOMAIN §6). Made by a task."""

    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="brieven")
    soort = models.CharField(_("soort"), max_length=30, choices=BriefSoort.choices)
    gegevens = models.JSONField(_("gegevens op het moment van maken"), default=dict)
    bestand = models.FileField(_("PDF"), upload_to=_brief_pad, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gemaakt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")
        ordering = ["aangemaakt_op", "pk"]
        indexes = [models.Index(fields=["gemaakt_op"], name="brief_wachtend_idx", condition=Q(gemaakt_op__isnull=True))]

    def __str__(self):
        return f"{self.get_soort_display()} — {self.aanmelding}"
