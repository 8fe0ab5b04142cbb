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
    gemeenten = models.ManyToManyField(
        "organisaties.Gemeente", blank=True, related_name="samenwerkingsverbanden", verbose_name=_("gemeenten"),
        help_text=_("De gemeenten in de regio (de landelijke indeling passend onderwijs). Leerplicht van zo'n gemeente "
                    "kiest bij een melding uit deze samenwerkingsverbanden."))

    class Meta:
        verbose_name = _("samenwerkingsverband")
        verbose_name_plural = _("samenwerkingsverbanden")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Ondersteuningsgebied(models.TextChoices):
    """One vocabulary for what support is about — in the SWV's basisondersteuning, a school's extra support and
    specialisms — so a school finder can filter on it (DOMAIN §5 P1, W1)."""

    LEZEN_TAAL = "lezen_taal", _("Lezen, spelling en taal (ook dyslexie)")
    REKENEN = "rekenen", _("Rekenen (ook dyscalculie)")
    GEDRAG = "gedrag", _("Gedrag en sociale veiligheid")
    SOCIAAL_EMOTIONEEL = "sociaal_emotioneel", _("Sociaal-emotionele ontwikkeling")
    WERKHOUDING = "werkhouding", _("Werkhouding, concentratie en plannen")
    BEGAAFDHEID = "begaafdheid", _("Meer- en hoogbegaafdheid")
    AUTISME = "autisme", _("Autisme")
    SPRAAK_TAAL = "spraak_taal", _("Spraak, taal en communicatie (ook slechthorendheid)")
    ZIEN = "zien", _("Zien (slechtziendheid)")
    LICHAMELIJK = "lichamelijk", _("Lichamelijke beperking en motoriek")
    MEDISCH = "medisch", _("Medische zorg en chronische ziekte")
    ROOSTER = "rooster", _("Aangepast rooster en onderwijstijd")
    OVERIG = "overig", _("Overig")


class Basisondersteuning(models.Model):
    """One item of the SWV's working catalogue of basisondersteuning: the support every school of the SWV
    offers (DOMAIN §5 W1). Parents read it on the public page once a version is published
    (``BasisondersteuningVersie``); editing an item never changes a published version."""

    swv = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="basisondersteuning",
                            verbose_name=_("samenwerkingsverband"))
    gebied = models.CharField(_("gebied"), max_length=20, choices=Ondersteuningsgebied.choices,
                              default=Ondersteuningsgebied.OVERIG)
    titel = models.CharField(_("titel"), max_length=200, help_text=_("In gewone taal, zoals ouders het lezen."))
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("basisondersteuning")
        verbose_name_plural = _("basisondersteuning")
        ordering = ["swv", "volgorde", "pk"]

    def __str__(self):
        return self.titel

    @property
    def audit_label(self) -> str:
        return f"Basisondersteuning-onderdeel #{self.pk}"


class BasisondersteuningVersieQuerySet(models.QuerySet):
    def laatste_per_swv(self):
        """The latest published version of each SWV."""
        nieuwer = BasisondersteuningVersie.objects.filter(swv=models.OuterRef("swv"), nummer__gt=models.OuterRef("nummer"))
        return self.filter(~models.Exists(nieuwer))


class BasisondersteuningVersie(models.Model):
    """A published version of the SWV's basisondersteuning: the items as they were on the day it was published,
    frozen (W1). A school's support profile names the version it builds on."""

    swv = models.ForeignKey(Samenwerkingsverband, on_delete=models.CASCADE, related_name="basis_versies",
                            verbose_name=_("samenwerkingsverband"))
    nummer = models.PositiveSmallIntegerField(_("versie"))
    gepubliceerd_op = models.DateField(_("gepubliceerd op"))
    toelichting = models.TextField(_("wat is er veranderd"), blank=True)
    door = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("gepubliceerd door"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = BasisondersteuningVersieQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie basisondersteuning")
        verbose_name_plural = _("versies basisondersteuning")
        ordering = ["swv", "-nummer"]
        constraints = [models.UniqueConstraint(fields=["swv", "nummer"], name="basisversie_uniek")]

    def __str__(self):
        return f"{self.swv} — versie {self.nummer} ({self.gepubliceerd_op:%d-%m-%Y})"

    @property
    def audit_label(self) -> str:
        return f"Basisondersteuning {self.swv.code} versie {self.nummer}"


class BasisondersteuningOnderdeel(models.Model):
    """An item of a published version, frozen."""

    versie = models.ForeignKey(BasisondersteuningVersie, on_delete=models.CASCADE, related_name="onderdelen",
                               verbose_name=_("versie"))
    gebied = models.CharField(_("gebied"), max_length=20, choices=Ondersteuningsgebied.choices, db_index=True)
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("onderdeel basisondersteuning")
        verbose_name_plural = _("onderdelen basisondersteuning")
        ordering = ["versie", "volgorde", "pk"]

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

    @property
    def geldend_profiel(self):
        """The profile in force (the latest set version), or None. Never a ground for refusal (A-10)."""
        return self.profielen.filter(status=ProfielStatus.VASTGESTELD).first()


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


# --- the school's support profile (issue #9 §1) --------------------------------------------------------------

class ProfielStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld (geldt nu)")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")


class Ingang(models.TextChoices):
    GELIJKVLOERS = "gelijkvloers", _("Gelijkvloers, zonder drempels")
    HELLINGBAAN = "hellingbaan", _("Met een hellingbaan of traplift")
    TRAP = "trap", _("Alleen met een trap")


class Lift(models.TextChoices):
    JA = "ja", _("Ja, naar alle verdiepingen")
    NIET_NODIG = "niet_nodig", _("Niet nodig: alle lessen zijn op de begane grond")
    NEE = "nee", _("Nee")


class Expertise(models.TextChoices):
    ORTHOPEDAGOOG = "orthopedagoog", _("Orthopedagoog")
    PSYCHOLOOG = "psycholoog", _("Psycholoog")
    GEDRAGSSPECIALIST = "gedragsspecialist", _("Gedragsspecialist")
    LEESSPECIALIST = "leesspecialist", _("Lees- en dyslexiespecialist")
    REKENSPECIALIST = "rekenspecialist", _("Rekenspecialist")
    BEGAAFDHEID = "begaafdheid", _("Specialist meer- en hoogbegaafdheid")
    AUTISME = "autisme", _("Autismespecialist")
    LOGOPEDIST = "logopedist", _("Logopedist")
    FYSIOTHERAPEUT = "fysiotherapeut", _("Fysiotherapeut")
    SMW = "smw", _("Schoolmaatschappelijk werker")
    JEUGDVERPLEEGKUNDIGE = "jeugdverpleegkundige", _("Jeugdverpleegkundige of schoolarts")
    AMBULANT_BEGELEIDER = "ambulant_begeleider", _("Ambulant begeleider")
    ONDERWIJSASSISTENT = "onderwijsassistent", _("Onderwijsassistent")


class Beschikbaar(models.TextChoices):
    TEAM = "team", _("In het team van de school")
    BESTUUR = "bestuur", _("Via het schoolbestuur")
    SWV = "swv", _("Via het samenwerkingsverband")
    PARTNER = "partner", _("Via een vaste partner buiten school")


class RaadplegingWijze(models.TextChoices):
    """How the school asked its pupils' view on the support offer before setting it (B-7)."""

    LEERLINGENRAAD = "leerlingenraad", _("Met de leerlingenraad")
    VRAGENLIJST = "vragenlijst", _("Met een vragenlijst onder leerlingen")
    GESPREKKEN = "gesprekken", _("In gesprekken met een groep leerlingen (leerlingpanel)")
    KLASSEN = "klassen", _("In de klassen")
    ANDERS = "anders", _("Anders (zie toelichting)")


class OndersteuningsprofielQuerySet(models.QuerySet):
    def geldend(self):
        """The profiles in force: one per school at most (the set version)."""
        return self.filter(status=ProfielStatus.VASTGESTELD)


class Ondersteuningsprofiel(models.Model):
    """One version of a school's support offer, as structured data a school finder can filter on (P1): the basis
    and extra support, specialisms, expertise present, physical accessibility and the aanmeldprocedure. Since the
    Wet versterking positie ouders en leerlingen in het passend onderwijs (Kamerstuk 36 443) this offer is part
    of the schoolgids, and pupils give their view on it before it is set (B-7): each version records that
    consultation — when, how, and what changed. A missing or thin profile is never a ground to refuse a child
    (A-10)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="profielen", verbose_name=_("school"))
    nummer = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=12, choices=ProfielStatus.choices, default=ProfielStatus.CONCEPT)
    schooljaar = models.CharField(_("voor schooljaar"), max_length=9, blank=True,
                                  help_text=_("Het schooljaar van de schoolgids waarin dit aanbod staat, bijvoorbeeld "
                                              "2026-2027."))
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name=_("vastgesteld door"))
    basisondersteuning = models.ManyToManyField(
        BasisondersteuningVersie, blank=True, related_name="profielen", verbose_name=_("basisondersteuning"),
        help_text=_("De gepubliceerde basisondersteuning van het samenwerkingsverband waarop dit profiel voortbouwt "
                    "(vastgelegd bij het vaststellen)."))
    basis_toelichting = models.TextField(
        _("hoe de school de basisondersteuning invult"), blank=True,
        help_text=_("In gewone taal: wat ouders en leerlingen op deze school merken van de basisondersteuning."))
    groepsgrootte = models.PositiveSmallIntegerField(_("gemiddelde groepsgrootte"), null=True, blank=True)
    # Physical accessibility: each a separate field, so a finder can ask "rolstoeltoegankelijk with a lift".
    ingang = models.CharField(_("ingang"), max_length=12, choices=Ingang.choices, blank=True)
    lift = models.CharField(_("lift"), max_length=12, choices=Lift.choices, blank=True)
    toilet_aangepast = models.BooleanField(_("aangepast toilet (invalidentoilet)"), default=False)
    gymzaal_toegankelijk = models.BooleanField(_("gymzaal of speellokaal toegankelijk met een rolstoel"), default=False)
    rolstoeltoegankelijk = models.BooleanField(
        _("rolstoeltoegankelijk"), default=False, editable=False,
        help_text=_("Afgeleid: ingang zonder trap, lift waar nodig en een aangepast toilet."))
    toegankelijkheid_toelichting = models.TextField(_("toelichting toegankelijkheid"), blank=True)
    aanmeldprocedure = models.TextField(_("aanmeldprocedure"), blank=True,
                                        help_text=_("Hoe ouders hun kind aanmelden en wat er daarna gebeurt."))
    aanmelden_online = models.BooleanField(_("aanmelden kan online via Passend Portaal"), default=True)
    kennismaking = models.BooleanField(_("kennismakingsgesprek of rondleiding mogelijk"), default=True)
    # B-7: the pupils' view on the support offer, asked before it is set.
    raadpleging_op = models.DateField(_("leerlingen geraadpleegd op"), null=True, blank=True)
    raadpleging_wijze = models.CharField(_("hoe leerlingen zijn geraadpleegd"), max_length=20,
                                         choices=RaadplegingWijze.choices, blank=True)
    raadpleging_toelichting = models.TextField(_("toelichting op de raadpleging"), blank=True)
    raadpleging_wijzigingen = models.TextField(
        _("wat er veranderde door wat leerlingen zeiden"), blank=True,
        help_text=_("Schrijf ook op als er niets veranderde, en waarom niet."))
    aangemaakt_door = models.ForeignKey("accounts.User", null=True, on_delete=models.SET_NULL, related_name="+",
                                        verbose_name=_("aangemaakt door"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = OndersteuningsprofielQuerySet.as_manager()

    class Meta:
        verbose_name = _("ondersteuningsprofiel")
        verbose_name_plural = _("ondersteuningsprofielen")
        ordering = ["school", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["school", "nummer"], name="profiel_versie_uniek"),
            models.UniqueConstraint(fields=["school"], condition=models.Q(status="vastgesteld"),
                                    name="profiel_een_geldend"),
            models.UniqueConstraint(fields=["school"], condition=models.Q(status="concept"), name="profiel_een_concept"),
        ]
        indexes = [models.Index(fields=["status", "rolstoeltoegankelijk"], name="profiel_finder_idx")]

    def __str__(self):
        return f"{self.school} — profiel versie {self.nummer}"

    def save(self, *args, **kwargs):
        self.rolstoeltoegankelijk = self.bereken_rolstoeltoegankelijk()
        super().save(*args, **kwargs)

    @property
    def audit_label(self) -> str:
        return f"Ondersteuningsprofiel #{self.pk} (versie {self.nummer})"

    @property
    def is_concept(self) -> bool:
        return self.status == ProfielStatus.CONCEPT

    def bereken_rolstoeltoegankelijk(self) -> bool:
        return (self.ingang in (Ingang.GELIJKVLOERS, Ingang.HELLINGBAAN) and self.lift in (Lift.JA, Lift.NIET_NODIG)
                and self.toilet_aangepast)


class ProfielOnderdeelSoort(models.TextChoices):
    EXTRA = "extra", _("Extra ondersteuning")
    SPECIALISME = "specialisme", _("Specialisme")


class ProfielOnderdeel(models.Model):
    """A line of the profile: extra support the school offers, or a specialism — each with its area."""

    profiel = models.ForeignKey(Ondersteuningsprofiel, on_delete=models.CASCADE, related_name="onderdelen",
                                verbose_name=_("profiel"))
    soort = models.CharField(_("soort"), max_length=12, choices=ProfielOnderdeelSoort.choices)
    gebied = models.CharField(_("gebied"), max_length=20, choices=Ondersteuningsgebied.choices)
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("onderdeel ondersteuningsprofiel")
        verbose_name_plural = _("onderdelen ondersteuningsprofiel")
        ordering = ["profiel", "soort", "volgorde", "pk"]
        indexes = [models.Index(fields=["soort", "gebied"], name="profielonderdeel_finder_idx")]

    def __str__(self):
        return self.titel

    @property
    def audit_label(self) -> str:
        return f"Profielonderdeel #{self.pk}"


class ProfielExpertise(models.Model):
    """Expertise present for the school's pupils, and where it comes from."""

    profiel = models.ForeignKey(Ondersteuningsprofiel, on_delete=models.CASCADE, related_name="expertises",
                                verbose_name=_("profiel"))
    expertise = models.CharField(_("expertise"), max_length=24, choices=Expertise.choices, db_index=True)
    beschikbaar = models.CharField(_("beschikbaar"), max_length=10, choices=Beschikbaar.choices, default=Beschikbaar.TEAM)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("expertise")
        verbose_name_plural = _("expertise")
        ordering = ["profiel", "expertise"]
        constraints = [models.UniqueConstraint(fields=["profiel", "expertise"], name="profielexpertise_uniek")]

    def __str__(self):
        return self.get_expertise_display()

    @property
    def audit_label(self) -> str:
        return f"Profielexpertise #{self.pk}"


class VrijePeriode(models.Model):
    """A school holiday or free day of one school, or of every school of a board (E-1: the school calendar).

    Schorsing days are school days (WPO 40c, WEC 40a, WVO 2020 8.14: 'ten hoogste één week'): a weekend is never a
    school day; a day in one of these periods is not either. The Algemene termijnenwet's holidays play no part — a
    school closed on a feast day enters it here, as its school guide lists it."""

    bestuur = models.ForeignKey(Bestuur, null=True, blank=True, on_delete=models.CASCADE, related_name="vrije_periodes",
                                verbose_name=_("bevoegd gezag"),
                                help_text=_("Voor alle scholen van dit bevoegd gezag. Laat leeg als het om één school gaat."))
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="vrije_periodes",
                               verbose_name=_("school"))
    van = models.DateField(_("eerste vrije dag"))
    tot = models.DateField(_("laatste vrije dag"))
    omschrijving = models.CharField(_("omschrijving"), max_length=100,
                                    help_text=_("Bijvoorbeeld: herfstvakantie, studiedag, Hemelvaartsdag."))

    class Meta:
        verbose_name = _("vakantie of vrije dag")
        verbose_name_plural = _("vakanties en vrije dagen")
        ordering = ["van", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(tot__gte=models.F("van")), name="vrijeperiode_tot_na_van"),
            models.CheckConstraint(
                condition=(models.Q(bestuur__isnull=False, school__isnull=True)
                           | models.Q(bestuur__isnull=True, school__isnull=False)),
                name="vrijeperiode_school_of_bestuur"),
        ]
        indexes = [models.Index(fields=["school", "van"]), models.Index(fields=["bestuur", "van"])]

    def __str__(self):
        return f"{self.omschrijving} ({self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y})"

    @property
    def audit_label(self) -> str:
        return f"Vrije periode #{self.pk}"
