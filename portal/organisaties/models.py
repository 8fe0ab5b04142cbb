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
    bezwaar_adres = models.CharField(
        _("adres voor bezwaarschriften"), max_length=300, blank=True,
        help_text=_("Waar ouders hun bezwaar heen sturen. Verplicht voor een besluit met bezwaarclausule (A-12)."))
    email = models.EmailField(_("e-mailadres"), blank=True)

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
    grondslag = models.CharField(
        _("levensbeschouwelijke grondslag"), max_length=200, blank=True,
        help_text=_("Alleen bij denominatie 'overig': de grondslag waarop de school weigeren mag als ouders die niet "
                    "respecteren (A-11)."))
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


class Gemeente(models.Model):
    """A municipality (CBS code): the leerplicht of a pupil's home municipality is told of enrolments
    and de-registrations (A-15, Lpw 18)."""

    code = models.CharField(_("CBS-gemeentecode"), max_length=6, unique=True, help_text=_("Bijvoorbeeld GM0344."))
    naam = models.CharField(_("naam"), max_length=100)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class MandaatQuerySet(models.QuerySet):
    def geldig(self, op=None):
        from django.utils import timezone

        op = op or timezone.localdate()
        return self.filter(van__lte=op, ingetrokken_op__isnull=True).filter(models.Q(tot__isnull=True) | models.Q(tot__gte=op))

    def bevoegdheid_q(self, user, *, op=None, prefix: str = "", besluittype_veld: str = "besluittype"):
        """A Q on a model that reaches a case through ``prefix`` (e.g. ``zaak__`` from a Besluit): the
        decisions this user may sign — as bestuurder of the bevoegd gezag (every kind), or with a current
        mandate for that kind (issue #7 §4)."""
        from portal.accounts.constants import Rol

        q = models.Q(pk__in=[])
        if not user.is_authenticated:
            return q
        for m in user.lidmaatschappen:
            if m.rol == Rol.BESTUURDER and m.bestuur_id:
                q |= models.Q(**{f"{prefix}school__bestuur_id": m.bestuur_id})
            elif m.rol == Rol.BESTUURDER and m.swv_id:
                q |= models.Q(**{f"{prefix}swv_id": m.swv_id, f"{prefix}school__isnull": True})
        for m in self.geldig(op).filter(user=user):
            org = (models.Q(**{f"{prefix}school__bestuur_id": m.bestuur_id}) if m.bestuur_id
                   else models.Q(**{f"{prefix}swv_id": m.swv_id, f"{prefix}school__isnull": True}))
            if m.besluittypen:
                org &= models.Q(**{f"{besluittype_veld}__in": m.besluittypen})
            q |= org
        return q


    def mag_tekenen(self, user, zaak, besluittype: str | None = None, *, op=None) -> bool:
        """May ``user`` sign a decision (of ``besluittype``, or of any kind) for the bevoegd gezag of ``zaak``?"""
        from portal.accounts.constants import Rol

        if not user.is_authenticated:
            return False
        bestuur_id = zaak.school.bestuur_id if zaak.school_id else None
        for m in user.lidmaatschappen:
            if m.rol == Rol.BESTUURDER and ((bestuur_id and m.bestuur_id == bestuur_id)
                                            or (not bestuur_id and m.swv_id and m.swv_id == zaak.swv_id)):
                return True
        qs = self.geldig(op).filter(user=user).filter(
            models.Q(bestuur_id=bestuur_id) if bestuur_id else models.Q(swv_id=zaak.swv_id))
        return any(not m.besluittypen or besluittype is None or besluittype in m.besluittypen for m in qs)


class Mandaat(models.Model):
    """The mandate register of a bevoegd gezag (a school board or an SWV): who, besides the board
    itself, may sign which kinds of decision, from when until when (issue #7 §4; Awb 10:1 ff.)."""

    bestuur = models.ForeignKey(Bestuur, null=True, blank=True, on_delete=models.CASCADE, related_name="mandaten",
                                verbose_name=_("bevoegd gezag (schoolbestuur)"))
    swv = models.ForeignKey(Samenwerkingsverband, null=True, blank=True, on_delete=models.CASCADE,
                            related_name="mandaten", verbose_name=_("bevoegd gezag (samenwerkingsverband)"))
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="mandaten",
                             verbose_name=_("gemandateerde"))
    functie = models.CharField(_("functie"), max_length=200, help_text=_("Zo staat het in de brief, bijvoorbeeld "
                                                                         "'directeur De Regenboog'."))
    besluittypen = models.JSONField(_("soorten besluit"), default=list, blank=True,
                                    help_text=_("Leeg: alle soorten besluit van dit bevoegd gezag."))
    van = models.DateField(_("geldig vanaf"))
    tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    verleend_door = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+",
                                      verbose_name=_("verleend door"))
    verleend_op = models.DateTimeField(_("verleend op"), auto_now_add=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = MandaatQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandaat")
        verbose_name_plural = _("mandaatregister")
        ordering = ["-van", "pk"]
        constraints = [models.CheckConstraint(
            name="mandaat_een_gezag",
            condition=models.Q(bestuur__isnull=False, swv__isnull=True) | models.Q(bestuur__isnull=True, swv__isnull=False))]

    def __str__(self):
        return f"Mandaat #{self.pk}: {self.user} ({self.functie})"

    @property
    def gezag(self):
        return self.bestuur or self.swv

    def geldig_op(self, op) -> bool:
        return self.ingetrokken_op is None and self.van <= op and (self.tot is None or self.tot >= op)
