"""The thuiszitter (issue #20 §1; DOMAIN §4 F-1…F-4, §5 S8): a child of compulsory school age without education, or
with only part of it, as a case kind of the core. Monitoring reads it through the core: start date (``sinds``),
``soort``, ``status``, ``einddatum``, ``school``, ``swv``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.zaken.models import Zaak, ZaakQuerySet

from .constants import Opvolging, Reden, Soort, Wie


class ThuiszitterQuerySet(ZaakQuerySet):
    pass


class Thuiszitter(Zaak):
    """A pupil at home: since when, what kind, why, what is being done (the plan), whether leerplicht knows, and how
    it ended (back in education: date, where, how many hours)."""

    ZAAKTYPE = "thuiszitter"

    sinds = models.DateField(_("sinds"), help_text=_("De eerste dag zonder (volledig) onderwijs."))
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    uren_per_week = models.DecimalField(
        _("uren onderwijs per week"), max_digits=4, decimal_places=1, null=True, blank=True,
        help_text=_("Alleen bij gedeeltelijk onderwijs: hoeveel uur per week de leerling nu onderwijs krijgt."))
    reden = models.CharField(_("reden"), max_length=20, choices=Reden.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    # the plan: what is being done, by whom, the next date (edited in place; every change audited)
    plan_wat = models.TextField(_("wat er gebeurt"), blank=True)
    plan_wie = models.CharField(_("wie doet het"), max_length=200, blank=True)
    plan_volgende_datum = models.DateField(_("volgende afspraak"), null=True, blank=True)
    # leerplicht (F-4, Lpw 21/21a): whether and when leerplicht was informed
    leerplicht_gemeld_op = models.DateField(_("leerplicht geïnformeerd op"), null=True, blank=True)
    f4_herinnerd_op = models.DateTimeField(_("herinnerd aan melding leerplicht"), null=True, blank=True,
                                           editable=False)
    # the end: back in education
    einddatum = models.DateField(_("terug naar onderwijs op"), null=True, blank=True)
    eind_waar = models.CharField(_("waar"), max_length=200, blank=True)
    eind_uren = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+",
                                           verbose_name=_("geregistreerd door"))
    # the other cases of the pupil meant to end this one (an aanmelding, arrangement, TLV or geschil): core cases,
    # never another app's model (tests/test_lagen.py)
    koppelingen = models.ManyToManyField(Zaak, blank=True, related_name="thuiszitter_koppelingen",
                                         verbose_name=_("zaken die dit moeten oplossen"))

    objects = ThuiszitterQuerySet.as_manager()

    class Meta:
        verbose_name = _("thuiszitter")
        verbose_name_plural = _("thuiszitters")

    @property
    def gedeeltelijk(self) -> bool:
        return self.soort in (Soort.GEDEELTELIJK_MET, Soort.GEDEELTELIJK_ZONDER)


class Verzuimweek(models.Model):
    """Unexcused absence hours of one school week (F-4), recorded by the school."""

    thuiszitter = models.ForeignKey(Thuiszitter, on_delete=models.CASCADE, related_name="verzuimweken",
                                    verbose_name=_("thuiszitter"))
    week = models.DateField(_("week (maandag)"))
    uren = models.DecimalField(_("uren ongeoorloofd verzuim"), max_digits=4, decimal_places=1)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verzuimweek")
        verbose_name_plural = _("verzuimweken")
        ordering = ["thuiszitter", "week"]
        constraints = [models.UniqueConstraint(fields=["thuiszitter", "week"], name="verzuimweek_uniek")]

    def __str__(self):
        return f"{self.week:%d-%m-%Y}: {self.uren}"

    @property
    def audit_label(self) -> str:
        return f"Verzuimweek {self.week} van thuiszitter #{self.thuiszitter_id}"


class Mening(models.Model):
    """The view of the parents or of the pupil (hoorrecht), recorded by the school or given by the family."""

    thuiszitter = models.ForeignKey(Thuiszitter, on_delete=models.CASCADE, related_name="meningen",
                                    verbose_name=_("thuiszitter"))
    wie = models.CharField(_("van wie"), max_length=10, choices=Wie.choices)
    tekst = models.TextField(_("mening"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mening")
        verbose_name_plural = _("meningen")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.get_wie_display()} {self.op:%d-%m-%Y}"

    @property
    def audit_label(self) -> str:
        return f"Mening bij thuiszitter #{self.thuiszitter_id}"


class LeerplichtOpvolging(models.Model):
    """What the leerplichtambtenaar of the pupil's municipality did (issue #20 §6): a conversation, a proces-verbaal,
    a referral to a care team, with the date and a short note. Staff of the case see it; the family does not (the
    note is the municipality's work file; a proces-verbaal reaches the parents through the justice system, not
    here)."""

    thuiszitter = models.ForeignKey(Thuiszitter, on_delete=models.CASCADE, related_name="opvolgingen",
                                    verbose_name=_("thuiszitter"))
    soort = models.CharField(_("soort"), max_length=20, choices=Opvolging.choices)
    op = models.DateField(_("datum"))
    notitie = models.CharField(_("korte notitie"), max_length=500, blank=True)
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("gemeente"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("opvolging door leerplicht")
        verbose_name_plural = _("opvolgingen door leerplicht")
        ordering = ["-op", "-pk"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.op:%d-%m-%Y}"

    @property
    def audit_label(self) -> str:
        return f"Opvolging leerplicht bij thuiszitter #{self.thuiszitter_id}"


class LeerplichtSignaal(models.Model):
    """A leerplichtambtenaar reports a child they know is at home (issue #20 §1: "leerplicht may report one"). It goes
    to the school where the child is enrolled, else to the SWV the leerplichtambtenaar names; it waits on their start
    page until they register the child (``thuiszitter``) or answer that they will not."""

    leerling = models.ForeignKey("leerlingen.Leerling", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("leerling"))
    # a child the portal does not know yet: the name and birth date as leerplicht gave them
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("gemeente"))
    school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("school"))
    swv = models.ForeignKey("organisaties.Samenwerkingsverband", null=True, blank=True, on_delete=models.CASCADE,
                            related_name="+", verbose_name=_("samenwerkingsverband"))
    sinds = models.DateField(_("thuis sinds (ongeveer)"))
    notitie = models.CharField(_("korte notitie"), max_length=500, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    op = models.DateTimeField(default=timezone.now)
    thuiszitter = models.ForeignKey(Thuiszitter, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="signalen", verbose_name=_("geregistreerd als"))
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding van leerplicht")
        verbose_name_plural = _("meldingen van leerplicht")
        ordering = ["-op", "-pk"]
        indexes = [models.Index(fields=["gemeente", "op"], name="tz_signaal_gemeente_idx")]

    def __str__(self):
        return f"Melding van leerplicht #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Melding van leerplicht #{self.pk}"

    @property
    def kind_naam(self) -> str:
        return self.leerling.naam if self.leerling_id else self.naam
