"""The case core (issue #7): a zaak of a pupil at an organisation, its timeline, the requests that
pause its clocks, and the decisions taken on it.

Shape: one concrete table ``Zaak`` that every case kind extends (Django multi-table inheritance:
``class Aanmelding(Zaak)``). Why, in the README: one pupil's whole timeline across all kinds is one
query; counts per kind and status are one GROUP BY; one access rule per kind composes into one
``Zaak.objects.for_user``. The price is one primary-key join when a kind's own table is read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.accounts.constants import GEZIN_ROLLEN
from portal.basis.typed_json import TypedJSONDecoder, TypedJSONEncoder

from . import registry


class ZaakQuerySet(models.QuerySet):
    def for_user(self, user):
        """Every case the user may see: per case kind its own access rule (registry), plus the cases parents
        shared with this user as their helper (an active ``Deling``, issue #11 §3)."""
        if not user.is_authenticated:
            return self.none()
        q = registry.toegang_q(user, None if self.model is Zaak else self.model._meta.label)
        if user.heeft_rol("onderwijsconsulent", "clientondersteuner", "steunpunt"):
            q |= Q(pk__in=Deling.objects.filter(gedeeld_met=user, ingetrokken_op__isnull=True,
                                                geldig_tot__gt=timezone.now()).values("zaak_id"))
        if user.rollen <= GEZIN_ROLLEN and not (user.is_staff or user.is_superuser):
            # Family only (no organisation, no share): every rule that admits them goes through one of their pupils
            # (gezag, inzage, representation, their own record). Said first, so the database starts from those
            # pupils' cases instead of testing every case against the OR of the kinds' rules (issue #23 §2).
            from .toegang import gezin_ids

            q = Q(leerling_id__in=gezin_ids(user)) & q
        return self.filter(q)

    def open(self):
        """A case is open until it reaches a final status (one spelling of 'open', issue #7)."""
        return self.filter(afgesloten_op__isnull=True)


class Zaak(models.Model):
    """A case (ZGW: zaak) about one pupil, handled by a school or an SWV."""

    zaaktype = models.CharField(_("soort zaak"), max_length=30, db_index=True)
    leerling = models.ForeignKey("leerlingen.Leerling", on_delete=models.PROTECT, related_name="zaken",
                                 verbose_name=_("leerling"))
    school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="zaken", verbose_name=_("school"))
    swv = models.ForeignKey("organisaties.Samenwerkingsverband", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="zaken", verbose_name=_("samenwerkingsverband"))
    hoofdzaak = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="deelzaken",
                                  verbose_name=_("hoort bij zaak"),
                                  help_text=_("Bijvoorbeeld de aanmelding waarover een bezwaar of geschil gaat."))
    betreft_besluit = models.ForeignKey(
        "zaken.Besluit", null=True, blank=True, on_delete=models.PROTECT, related_name="betwist_in",
        verbose_name=_("betreft besluit"),
        help_text=_("Het besluit waartegen deze zaak (bezwaar, geschil) zich richt."))
    status = models.CharField(_("status"), max_length=30)
    geopend_op = models.DateTimeField(_("geopend op"), default=timezone.now)
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    objects = ZaakQuerySet.as_manager()

    class Meta:
        verbose_name = _("zaak")
        verbose_name_plural = _("zaken")
        ordering = ["-geopend_op", "-pk"]
        indexes = [
            models.Index(fields=["zaaktype", "status"], name="zaak_soort_status_idx"),
            models.Index(fields=["school", "zaaktype", "status"], name="zaak_school_idx"),
            models.Index(fields=["swv", "zaaktype", "status"], name="zaak_swv_idx"),
        ]

    # A domain model sets this (``ZAAKTYPE = "aanmelding"``); the base table never stands alone.
    ZAAKTYPE: str = ""

    def __str__(self):
        return self.nummer

    def save(self, *args, **kwargs):
        if not self.zaaktype:
            self.zaaktype = self.ZAAKTYPE
        if not self.status:
            self.status = self.type.beginstatus
        super().save(*args, **kwargs)

    def get_absolute_url(self, voor: str = "staf") -> str:
        naam = self.type.url_ouder if voor == "ouder" else self.type.url_staf
        naam = naam or self.type.url_staf or self.type.url_ouder
        return reverse(naam, args=[self.pk])

    @property
    def type(self) -> registry.Zaaktype:
        return registry.zaaktype(self.zaaktype or self.ZAAKTYPE)

    @property
    def nummer(self) -> str:
        return f"{self.type.naam} #{self.pk}"

    @property
    def audit_label(self) -> str:
        return self.nummer

    @property
    def is_open(self) -> bool:
        return self.afgesloten_op is None

    def status_obj(self) -> registry.Status:
        return self.type.status(self.status)

    @property
    def status_staf(self) -> str:
        return self.status_obj().staf

    @property
    def status_ouder(self) -> str:
        return self.status_obj().ouder_label

    @cached_property
    def specifiek(self):
        """The case as its own kind (``Aanmelding``) when read through the base table."""
        if type(self) is not Zaak:
            return self
        from django.apps import apps

        model = apps.get_model(self.type.model)
        return model.objects.get(pk=self.pk)

    def ouder_url(self) -> str:
        return self.get_absolute_url("ouder")

    def _vooraf(self, relatie: str):
        """The rows of ``relatie`` when a list prefetched them (``prefetch_related``), else None."""
        return getattr(self, "_prefetched_objects_cache", {}).get(relatie)

    @property
    def klokken(self) -> dict:
        """Every clock of this case by rule id (the latest one when a rule ran twice). One query each
        time (read it once per request), none when a list prefetched ``clocks__opschortingen``."""
        vooraf = self._vooraf("clocks")
        rijen = sorted(vooraf, key=lambda c: c.pk) if vooraf is not None else (
            self.clocks.prefetch_related("opschortingen").order_by("pk"))
        return {c.regel_id: c for c in rijen}

    def laatste_besluit(self, besluittype: str):
        """The latest decision of this type that has not lapsed, or None (from a prefetched ``besluiten``
        when a list read them)."""
        vooraf = self._vooraf("besluiten")
        if vooraf is not None:
            return max((b for b in vooraf if b.besluittype == besluittype and b.vervallen_op is None),
                       key=lambda b: b.pk, default=None)
        return self.besluiten.filter(besluittype=besluittype, vervallen_op__isnull=True).order_by("-pk").first()

    @property
    def gezag(self):
        """The bevoegd gezag that decides in this case: the school's board, or the SWV."""
        if self.school_id:
            return self.school.bestuur
        return self.swv


class Gebeurtenis(models.Model):
    """One line of a case's timeline: a status change, a letter, a document, a request, a decision.
    Stored as a kind plus typed data, and put into words when shown (in the reader's language)."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="gebeurtenissen", verbose_name=_("zaak"))
    soort = models.CharField(_("soort"), max_length=40)
    op = models.DateTimeField(_("op"), default=timezone.now, db_index=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("door"))
    gegevens = models.JSONField(_("gegevens"), default=dict, encoder=TypedJSONEncoder, decoder=TypedJSONDecoder)
    voor_ouders = models.BooleanField(_("zichtbaar voor ouders"), default=True)

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.soort} {self.op:%Y-%m-%d}"


class VerzoekSoort(models.TextChoices):
    """Kinds of request. A term rule names the kinds that suspend it (``Regel.opgeschort_door``)."""

    INFORMATIE_OUDERS = "informatie_ouders", _("Informatieverzoek aan ouders")
    TOESTEMMING = "toestemming", _("Toestemmingsverzoek")
    AANVULLING_SCHOOL = "aanvulling_school", _("Verzoek om aanvulling aan de school")


class VerzoekStatus(models.TextChoices):
    OPEN = "open", _("Wacht op antwoord")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    VERLOPEN = "verlopen", _("Termijn verstreken zonder antwoord")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


VERZOEK_AAN = {
    VerzoekSoort.INFORMATIE_OUDERS: "ouders",
    VerzoekSoort.TOESTEMMING: "ouders",
    VerzoekSoort.AANVULLING_SCHOOL: "school",
}


class VerzoekQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=VerzoekStatus.OPEN)


class Verzoek(models.Model):
    """A request in a case: information from the parents (pauses the clocks whose rule says so,
    A-8), consent (A-14, G-1), or a supplement from the applying school (C-4)."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="verzoeken", verbose_name=_("zaak"))
    soort = models.CharField(_("soort"), max_length=20, choices=VerzoekSoort.choices)
    omschrijving = models.TextField(_("wat wordt gevraagd"))
    verzocht_op = models.DateField(_("verzocht op"))
    antwoord_uiterlijk = models.DateField(_("antwoord uiterlijk"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=VerzoekStatus.choices, default=VerzoekStatus.OPEN)
    beantwoord_op = models.DateField(_("beantwoord op"), null=True, blank=True)
    antwoord = models.TextField(_("antwoord"), blank=True)
    document = models.ForeignKey("documenten.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("document bij het antwoord"))
    toestemming = models.ForeignKey("leerlingen.Toestemming", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="verzoeken", verbose_name=_("toestemming"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("gevraagd door"))
    beantwoord_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("beantwoord door"))

    objects = VerzoekQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek")
        verbose_name_plural = _("verzoeken")
        ordering = ["verzocht_op", "pk"]
        indexes = [models.Index(fields=["status", "antwoord_uiterlijk"], name="verzoek_open_idx",
                                condition=Q(status="open"))]

    def __str__(self):
        return f"{self.get_soort_display()} #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"{self.get_soort_display()} #{self.pk}"

    @property
    def aan(self) -> str:
        return VERZOEK_AAN[self.soort]

    @property
    def is_open(self) -> bool:
        return self.status == VerzoekStatus.OPEN


class Bekendmaking(models.TextChoices):
    """How a decision reaches the parents (Awb 3:41): the day it does is the bekendmaking."""

    DIGITAAL = "digitaal", _("Digitaal: in het account van wie voor de leerling optreedt, met een melding (Awb 2:8, 2:10)")
    POST = "post", _("Per post verstuurd")
    UITGEREIKT = "uitgereikt", _("Persoonlijk uitgereikt")


class BesluitQuerySet(models.QuerySet):
    def te_ondertekenen(self):
        return self.filter(ondertekend_op__isnull=True, vervallen_op__isnull=True)

    def geldend(self, op):
        """Decisions in force on ``op`` (``Besluit.geldt_op``): made known by then, taken effect, not ended."""
        return self.filter(vervallen_op__isnull=True, bekendgemaakt_op__lte=op).filter(
            Q(geldig_van__isnull=True) | Q(geldig_van__lte=op)).filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=op))

    def for_ondertekenaar(self, user, *, op=None):
        """Decisions waiting for a signature that this user may sign (mandate register)."""
        from portal.organisaties.models import Mandaat

        return self.te_ondertekenen().filter(Mandaat.objects.bevoegdheid_q(user, op=op, prefix="zaak__"))


class Besluit(models.Model):
    """A decision in a case (ZGW: besluit): prepared, signed by someone with a current mandate,
    made known (bekendmaking). The legal remedies' clocks run from the bekendmaking."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="besluiten", verbose_name=_("zaak"))
    besluittype = models.CharField(_("soort besluit"), max_length=30)
    uitkomst = models.CharField(_("uitkomst"), max_length=40)
    motivering = models.TextField(_("motivering"), help_text=_("De redenen; ze staan in de brief (A-12)."))
    voorbereid_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("voorbereid door"))
    voorbereid_op = models.DateTimeField(_("voorbereid op"), default=timezone.now)
    ondertekend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name=_("ondertekend door"))
    ondertekend_op = models.DateTimeField(_("ondertekend op"), null=True, blank=True)
    mandaat = models.ForeignKey("organisaties.Mandaat", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="besluiten", verbose_name=_("ondertekend op grond van"))
    ondertekenaar_functie = models.CharField(_("functie van de ondertekenaar"), max_length=200, blank=True)
    bekendmaking = models.CharField(_("wijze van bekendmaking"), max_length=12, choices=Bekendmaking.choices,
                                    blank=True)
    bekendgemaakt_op = models.DateField(
        _("bekendgemaakt op"), null=True, blank=True,
        help_text=_("De dag dat het besluit de ouders bereikt: in hun account gezet en gemeld, of verstuurd of "
                    "uitgereikt. De termijnen voor bezwaar en geschil beginnen de dag erna (Awb 6:8)."))
    vervallen_op = models.DateTimeField(_("vervallen op"), null=True, blank=True,
                                        help_text=_("Een voorbereid besluit dat niet meer getekend wordt."))
    # Several decisions of one kind in one case (issue #18 §7; ZGW/open-zaak: a zaak has many besluiten), e.g. one
    # per version of an OPP, and the perspective part alone beside its handelingsdeel (B-4). Empty: the one decision
    # of its kind in the case.
    sleutel = models.CharField(
        _("waarover"), max_length=40, blank=True, default="",
        help_text=_("Welk besluit van deze soort in deze zaak, als er meer zijn (bijvoorbeeld 'versie:2' van een OPP)."))
    # Validity (open-zaak: ingangsdatum, vervaldatum). A decision takes effect once made known (Awb 3:40).
    geldig_van = models.DateField(
        _("geldig vanaf"), null=True, blank=True,
        help_text=_("De dag waarop het besluit ingaat, als dat later is dan de bekendmaking. Leeg: vanaf de "
                    "bekendmaking (Awb 3:40)."))
    geldig_tot = models.DateField(
        _("geldig tot"), null=True, blank=True,
        help_text=_("De dag waarop het besluit niet meer geldt, bijvoorbeeld omdat een later besluit het vervangt. "
                    "Leeg: het geldt nog."))

    objects = BesluitQuerySet.as_manager()

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["voorbereid_op", "pk"]
        indexes = [models.Index(fields=["zaak"], name="besluit_open_idx", condition=Q(ondertekend_op__isnull=True))]
        constraints = [
            # one decision of a kind, about one thing, waits for a signature at a time
            models.UniqueConstraint(fields=["zaak", "besluittype", "sleutel"], name="besluit_een_voorbereid",
                                    condition=Q(ondertekend_op__isnull=True, vervallen_op__isnull=True)),
        ]

    def __str__(self):
        return f"{self.type.naam}: {self.uitkomst_label}"

    @property
    def audit_label(self) -> str:
        return f"Besluit #{self.pk} op {self.zaak.nummer}"

    @property
    def type(self) -> registry.Besluittype:
        return registry.besluittype(self.besluittype)

    @property
    def uitkomst_label(self) -> str:
        return self.type.uitkomst_label(self.uitkomst)

    @property
    def is_bekend(self) -> bool:
        return self.bekendgemaakt_op is not None

    @property
    def ingang(self):
        """The day it takes effect: ``geldig_van``, or the bekendmaking (Awb 3:40); None while not made known."""
        if self.bekendgemaakt_op is None:
            return None
        return max(self.geldig_van, self.bekendgemaakt_op) if self.geldig_van else self.bekendgemaakt_op

    def geldt_op(self, op) -> bool:
        """In force on ``op``: signed and made known, not lapsed, taken effect and not ended (``geldig_tot``)."""
        ingang = self.ingang
        return (self.vervallen_op is None and ingang is not None and ingang <= op
                and (self.geldig_tot is None or op < self.geldig_tot))

    @property
    def klokken(self) -> dict:
        return {c.regel_id: c for c in self.rechtsmiddel_klokken.all()}


class DelingQuerySet(models.QuerySet):
    def actief(self, op=None):
        op = op or timezone.now()
        return self.filter(gedeeld_met__isnull=False, ingetrokken_op__isnull=True, geldig_tot__gt=op)


class Deling(models.Model):
    """The parents share one case with a helper of their choice — an onderwijsconsulent, a
    cliëntondersteuner, someone of the SWV's ouder- en jeugdsteunpunt (issue #11 §3): read access to that
    case only, from accepting the (signed, single-use, expiring) invitation until it expires or is revoked.
    The core's access rule honours it for every case kind; every view by the helper is audited and shown to
    the parents."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="delingen", verbose_name=_("zaak"))
    uitgenodigd_email = models.EmailField(_("uitgenodigd e-mailadres"))
    gedeeld_met = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="gedeelde_zaken", verbose_name=_("gedeeld met"),
                                    help_text=_("Leeg tot de uitnodiging is aangenomen."))
    rol = models.CharField(_("als"), max_length=32)
    gedeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("gedeeld door"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangenomen_op = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    geldig_tot = models.DateTimeField(_("geldig tot"))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = DelingQuerySet.as_manager()

    class Meta:
        verbose_name = _("gedeelde zaak")
        verbose_name_plural = _("gedeelde zaken")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"Deling #{self.pk} van {self.zaak_id}"

    @property
    def audit_label(self) -> str:
        return f"Deling #{self.pk}"

    @property
    def is_actief(self) -> bool:
        return self.gedeeld_met_id is not None and self.ingetrokken_op is None and self.geldig_tot > timezone.now()


class LeerplichtSoort(models.TextChoices):
    INSCHRIJVING = "inschrijving", _("Inschrijving")
    TIJDELIJK = "tijdelijk", _("Tijdelijke inschrijving")
    EINDE_TIJDELIJK = "einde_tijdelijk", _("Einde tijdelijke inschrijving")
    UITSCHRIJVING = "uitschrijving", _("Uitschrijving")
    VERWIJDERING = "verwijdering", _("Verwijdering")


class LeerplichtMelding(models.Model):
    """A report to the leerplicht of the pupil's home municipality (A-15): an enrolment, a tijdelijke
    inschrijving and its end, a de-registration; a removal at once (Lpw 18 lid 1). po/(v)so: the portal
    tells the municipality's leerplicht users; vo reports through its own administration (DUO) and the
    school records here that it did (docs/juridische-bronnen.md)."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="leerplichtmeldingen", verbose_name=_("zaak"))
    inschrijving = models.ForeignKey("leerlingen.Inschrijving", on_delete=models.CASCADE, related_name="leerplichtmeldingen",
                                     verbose_name=_("inschrijving"))
    soort = models.CharField(_("soort"), max_length=20, choices=LeerplichtSoort.choices)
    gemeente = models.ForeignKey("organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="leerplichtmeldingen", verbose_name=_("woongemeente"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gemeld_op = models.DateField(_("gemeld op"), null=True, blank=True)
    via = models.CharField(_("gemeld via"), max_length=12, blank=True,
                           choices=[("portaal", _("Passend Portaal")), ("duo", _("de leerlingadministratie (DUO)")),
                                    ("anders", _("anders (brief, e-mail)"))])
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("gemeld door"))
    klok = models.ForeignKey("termijnen.Clock", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("termijn (A-15)"))

    class Meta:
        verbose_name = _("melding aan leerplicht")
        verbose_name_plural = _("meldingen aan leerplicht")
        ordering = ["-aangemaakt_op", "-pk"]
        indexes = [models.Index(fields=["gemeente", "aangemaakt_op"], name="leerplicht_gemeente_idx")]

    def __str__(self):
        return f"{self.get_soort_display()} #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Leerplichtmelding #{self.pk}"


class Inzending(models.Model):
    """A form sent and done (issue #19, defect 4): the form token a page rendered (``{% formulier_token %}``), the
    user who sent it, and where the result is. Claimed in the same transaction that creates what the form creates, so
    the database's unique constraint lets one of two equal submits through; the other is sent to the result
    (``portal.zaken.pagina.eenmalig``). Holds no content of the form; kept for ``BEWAAR_DAGEN`` days."""

    BEWAAR_DAGEN = 30

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("gebruiker"))
    token = models.UUIDField(_("formuliertoken"))
    pad = models.CharField(_("verstuurd naar"), max_length=300, help_text=_("Het adres waarnaar het formulier ging."))
    resultaat = models.CharField(_("resultaat"), max_length=500, blank=True,
                                 help_text=_("De pagina waar het resultaat staat (de ontvangstbevestiging, de zaak)."))
    verstuurd_op = models.DateTimeField(_("verstuurd op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("verstuurd formulier")
        verbose_name_plural = _("verstuurde formulieren")
        constraints = [models.UniqueConstraint(fields=["gebruiker", "token"], name="inzending_eenmalig")]

    def __str__(self):
        return f"{self.token} → {self.resultaat}"
