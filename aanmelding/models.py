"""The schriftelijke aanmelding (A-1…A-15) as a case kind of the core: the case itself, status,
documents, letters, requests and the decision live in ``portal``; this app keeps what only the
aanmelding has — the parent's form data, the declared preference order (A-5), the zorgplicht file's
notes, the request to another school to admit the child (A-10) and the content of its decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.zaken.models import Zaak, ZaakQuerySet

from .constants import Kanaal, NotitieSoort, Ondersteuning, PlaatsingStatus, WeigerGrond


class AanmeldingQuerySet(ZaakQuerySet):
    pass


class Aanmelding(Zaak):
    """A schriftelijke aanmelding (A-1). Its receipt starts the zorgplicht (A-2) and the clocks A-6/A-9."""

    ZAAKTYPE = "aanmelding"

    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices, default=Kanaal.ONLINE)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="+", verbose_name=_("geregistreerd door (papier/e-mail)"))
    ontvangen_op = models.DateTimeField(_("ontvangen op"), help_text=_("Het exacte moment van ontvangst (A-2)."))
    ontvangen_datum = models.DateField(_("ontvangstdatum (T0)"), db_index=True,
                                       help_text=_("De dag van ontvangst, Europe/Amsterdam: start van de beslistermijn."))
    gewenste_start = models.DateField(_("gewenste startdatum"))
    ondersteuning = models.CharField(_("extra ondersteuning nodig volgens de ouders"), max_length=16,
                                     choices=Ondersteuning.choices,
                                     help_text=_("A-1: de ouder geeft aan of het kind (waarschijnlijk) extra "
                                                 "ondersteuning nodig heeft."))
    wat_belangrijk = models.TextField(_("wat ouders belangrijk vinden"), blank=True)
    grondslag_gerespecteerd = models.BooleanField(
        _("ouders respecteren de grondslag"), null=True, blank=True,
        help_text=_("Alleen gevraagd bij een school met een levensbeschouwelijke grondslag (A-11, WPO 40 lid 5)."))
    # WPO 40 lid 3 / WVO 2020 8.9 lid 1: the board assesses whether the child needs extra support; the
    # parents' answer above is input (issue #8 item 5). The assessment decides zorgplicht and the geschil route.
    steun_beoordeling = models.BooleanField(_("extra ondersteuning nodig volgens de school"), null=True, blank=True)
    steun_beoordeling_reden = models.TextField(_("reden van de beoordeling"), blank=True,
                                               help_text=_("De ouders lezen deze reden."))
    steun_beoordeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                              related_name="+", verbose_name=_("beoordeeld door"))
    steun_beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    gezag_verklaard = models.BooleanField(_("gezag verklaard"), default=False)
    voorkeur_positie = models.PositiveSmallIntegerField(_("voorkeur van ouders voor deze school"), null=True, blank=True,
                                                        help_text=_("1 = eerste voorkeur (A-5)."))
    opgegeven_bsn = models.CharField(_("opgegeven BSN (te controleren)"), max_length=9, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    intrek_reden = models.TextField(_("reden van intrekken"), blank=True)
    # The content of the decision (the decision itself is a ``zaken.Besluit``).
    besluit_grond = models.CharField(_("grond van weigering"), max_length=20, choices=WeigerGrond.choices, blank=True)
    plek_elders_school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+", verbose_name=_("school die het kind toelaat"))
    plek_elders_naam = models.CharField(_("school buiten het portaal"), max_length=200, blank=True)
    plek_elders_acceptatie = models.ForeignKey("documenten.Document", null=True, blank=True, on_delete=models.PROTECT,
                                               related_name="+", verbose_name=_("schriftelijke acceptatie"))

    objects = AanmeldingQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-ontvangen_op"]

    @property
    def steun_nodig_volgens_ouders(self) -> bool:
        return self.ondersteuning in (Ondersteuning.JA, Ondersteuning.WAARSCHIJNLIJK)

    @property
    def steun_nodig(self) -> bool:
        """The school's assessment once it is made (WPO 40 lid 3); until then the parents' answer (A-1)."""
        if self.steun_beoordeling is not None:
            return self.steun_beoordeling
        return self.steun_nodig_volgens_ouders

    @property
    def zorgplicht(self) -> bool:
        """A-2/A-5: support (probably) needed and this is the school of first preference."""
        return self.steun_nodig and self.voorkeur_positie == 1

    @property
    def besluit(self):
        """The decision on this aanmelding (prepared, signed or made known), or None."""
        return self.laatste_besluit("aanmelding")

    @property
    def aanbod(self):
        """The offer of the decision 'toegelaten met extra ondersteuning': the arrangement that belongs to this
        aanmelding (one offer, not two), or None."""
        from portal.zaken.selectors import deelzaak

        return deelzaak(self, "arrangement", behalve=("beeindigd",))

    @property
    def ontvangende_school_naam(self) -> str:
        return self.plek_elders_school.naam if self.plek_elders_school_id else self.plek_elders_naam


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


class Notitie(models.Model):
    """A note in the zorgplicht file: investigation, adjustments tried, conversations (A-10)."""

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

    @property
    def audit_label(self) -> str:
        return f"Notitie #{self.pk}"


class PlaatsingsVerzoek(models.Model):
    """A request to another school to admit the child (A-10): it sees only what parents agreed to share."""

    aanmelding = models.ForeignKey(Aanmelding, on_delete=models.CASCADE, related_name="plaatsingsverzoeken")
    school = models.ForeignKey("organisaties.School", on_delete=models.PROTECT, related_name="plaatsingsverzoeken")
    toelichting = models.TextField(_("toelichting voor de andere school"))
    documenten = models.ManyToManyField("documenten.Document", blank=True, related_name="plaatsingsverzoeken")
    status = models.CharField(_("status"), max_length=12, choices=PlaatsingStatus.choices, default=PlaatsingStatus.GEVRAAGD)
    antwoord = models.TextField(_("antwoord"), blank=True)
    gevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    beantwoord_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    gevraagd_op = models.DateTimeField(auto_now_add=True)
    beantwoord_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("plaatsingsverzoek")
        verbose_name_plural = _("plaatsingsverzoeken")
        indexes = [models.Index(fields=["school", "status"], name="plaatsing_school_idx")]

    def __str__(self):
        return f"Plaatsingsverzoek #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Plaatsingsverzoek #{self.pk}"
