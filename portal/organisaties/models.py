from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import validate_brin, validate_vestigingsnummer


class SWVSector(models.TextChoices):
    PO = "po", _("Primair onderwijs")
    VO = "vo", _("Voortgezet onderwijs")


class SchoolSoort(models.TextChoices):
    BAO = "bao", _("Basisonderwijs")
    SBO = "sbo", _("Speciaal basisonderwijs")
    SO = "so", _("Speciaal onderwijs")
    VSO = "vso", _("Voortgezet speciaal onderwijs")
    VO = "vo", _("Voortgezet onderwijs")
    PRO = "pro", _("Praktijkonderwijs")


class Denominatie(models.TextChoices):
    OPENBAAR = "openbaar", _("Openbaar")
    ALGEMEEN_BIJZONDER = "algemeen_bijzonder", _("Algemeen bijzonder")
    PROTESTANTS_CHRISTELIJK = "pc", _("Protestants-christelijk")
    ROOMS_KATHOLIEK = "rk", _("Rooms-katholiek")
    GEREFORMEERD = "gereformeerd", _("Gereformeerd / reformatorisch")
    ISLAMITISCH = "islamitisch", _("Islamitisch")
    SAMENWERKING = "samenwerking", _("Samenwerkingsschool")
    OVERIG = "overig", _("Overig")


class Samenwerkingsverband(models.Model):
    """A regional samenwerkingsverband passend onderwijs (po or vo)."""

    naam = models.CharField(_("naam"), max_length=200)
    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("Bijvoorbeeld PO 26-01 of VO 26-01."))
    sector = models.CharField(_("sector"), max_length=2, choices=SWVSector.choices)
    regio = models.CharField(_("regio"), max_length=200)
    ondersteuningsplan = models.TextField(_("ondersteuningsplan (samenvatting)"), blank=True)

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Basisondersteuning(models.Model):
    """One item of the support every school of the SWV offers (DOMAIN §5 W1)."""

    swv = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="basisondersteuning",
                            verbose_name=_("samenwerkingsverband"))
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("basisondersteuning")
        verbose_name_plural = _("basisondersteuning")
        ordering = ["swv", "volgorde", "pk"]

    def __str__(self):
        return self.titel


class Bestuur(models.Model):
    """A bevoegd gezag (school board). Decisions on aanmeldingen go out in its name (A-12)."""

    naam = models.CharField(_("naam"), max_length=200)
    bevoegd_gezag_nummer = models.CharField(_("bevoegd-gezagnummer"), max_length=5, blank=True)
    adres = models.CharField(_("postadres"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("bevoegd gezag")
        verbose_name_plural = _("besturen")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class School(models.Model):
    """One vestiging, unique by BRIN plus vestigingsnummer."""

    naam = models.CharField(_("naam"), max_length=200)
    brin = models.CharField(_("BRIN-nummer"), max_length=4, validators=[validate_brin],
                            help_text=_("2 cijfers en 2 hoofdletters, bijvoorbeeld 12AB."))
    vestigingsnummer = models.CharField(_("vestigingsnummer"), max_length=2, default="00",
                                        validators=[validate_vestigingsnummer])
    bestuur = models.ForeignKey(Bestuur, on_delete=models.PROTECT, related_name="scholen", verbose_name=_("bevoegd gezag"))
    soort = models.CharField(_("soort onderwijs"), max_length=3, choices=SchoolSoort.choices)
    denominatie = models.CharField(_("denominatie"), max_length=20, choices=Denominatie.choices,
                                   default=Denominatie.OPENBAAR)
    samenwerkingsverbanden = models.ManyToManyField(
        Samenwerkingsverband, related_name="scholen", verbose_name=_("samenwerkingsverbanden"),
        help_text=_("Een (v)so-school kan bij meerdere samenwerkingsverbanden horen."),
    )
    straat = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    plaats = models.CharField(_("plaats"), max_length=100)
    email = models.EmailField(_("e-mailadres"), blank=True)
    ondersteuningsprofiel = models.TextField(
        _("ondersteuningsprofiel"), blank=True,
        help_text=_("Welke ondersteuning de school biedt. Een ontbrekend profiel is nooit een weigeringsgrond (A-10)."),
    )
    specialismen = models.TextField(_("specialismen en expertise"), blank=True)
    aanmeldprocedure = models.TextField(_("aanmeldprocedure"), blank=True)
    fysieke_toegankelijkheid = models.TextField(_("fysieke toegankelijkheid"), blank=True)
    rolstoeltoegankelijk = models.BooleanField(_("rolstoeltoegankelijk"), default=False)

    class Meta:
        verbose_name = _("school (vestiging)")
        verbose_name_plural = _("scholen")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["brin", "vestigingsnummer"], name="school_brin_vestiging_uniek")]

    def __str__(self):
        return self.naam

    @property
    def brin_vestiging(self) -> str:
        return f"{self.brin}{self.vestigingsnummer}"
