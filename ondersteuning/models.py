"""The ondersteuningsaanbod (issue #9): what support a child gets, from whom, paid by whom.

* ``Arrangement`` — a case kind of the core: the offer to the parents (seed 001 §3.3) with its parts, funders,
  build-up schedules and evaluation rhythm (DOMAIN §5 P5, S5; seed 004). When it comes from an aanmelding, its
  ``hoofdzaak`` is that aanmelding: one offer, not two.
* ``Aanpassingenblad`` — the accommodations sheet every teacher of the pupil must know and acknowledge (S4).
* ``Aanpassingsverzoek`` — a case kind: the parents' request for an effective adjustment (Wgbh/cz, D-6, P7).
* ``Gespreksverslag`` — the conversation log on a case, which both sides confirm or remark on.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.zaken.models import Zaak, ZaakQuerySet

from .constants import (
    WEIGERGROND_OUDERS,
    Aanbieder,
    AanbodSoort,
    AanpassingUitkomst,
    AfspraakCategorie,
    BladStatus,
    EvaluatieUitkomst,
    Financier,
    OnderdeelSoort,
    Partij,
    Weigergrond,
)


class ArrangementQuerySet(ZaakQuerySet):
    pass


class Arrangement(Zaak):
    """An arrangement: the support offered to a pupil, as one offer the parents agree or disagree with (P5).
    The offer says where (this school with its own support, this school with support from elsewhere, another
    regular school, a special school), what was investigated and which adjustments were tried (A-10)."""

    ZAAKTYPE = "arrangement"

    aanbod_soort = models.CharField(_("het aanbod"), max_length=20, choices=AanbodSoort.choices,
                                    default=AanbodSoort.EIGEN_SCHOOL,
                                    help_text=_("De vier vormen van het ondersteuningsaanbod (gids voor ouders §3.3)."))
    andere_school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("andere school"))
    andere_school_naam = models.CharField(_("andere school (buiten het portaal)"), max_length=200, blank=True)
    doel = models.TextField(_("wat de ondersteuning moet bereiken"))
    onderzocht = models.TextField(_("wat is onderzocht"), blank=True,
                                  help_text=_("Wat de school onderzocht over wat het kind nodig heeft (A-10)."))
    aanpassingen = models.TextField(_("welke aanpassingen zijn geprobeerd"), blank=True,
                                    help_text=_("Een school laat zien dat zij redelijke aanpassingen heeft geprobeerd "
                                                "(A-10)."))
    startdatum = models.DateField(_("start"))
    einddatum = models.DateField(_("einde"), null=True, blank=True)
    evaluatie_weken = models.PositiveSmallIntegerField(
        _("evalueren elke (weken)"), default=6,
        help_text=_("Het ritme waarin school, ouders en betrokkenen het arrangement evalueren (bijvoorbeeld elke 6 "
                    "weken). De termijnbewaker herinnert de intern begeleider."))
    versie = models.PositiveSmallIntegerField(_("versie van het aanbod"), default=1)
    aangeboden_op = models.DateTimeField(_("aangeboden op"), null=True, blank=True)
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("opgesteld door"))

    objects = ArrangementQuerySet.as_manager()

    class Meta:
        verbose_name = _("arrangement")
        verbose_name_plural = _("arrangementen")

    @property
    def andere_school_label(self) -> str:
        return self.andere_school.naam if self.andere_school_id else self.andere_school_naam

    @property
    def tlv_nodig(self) -> bool:
        """A special school needs a toelaatbaarheidsverklaring of the SWV (C-1)."""
        return self.aanbod_soort == AanbodSoort.SPECIALE_SCHOOL


class ArrangementReactie(models.Model):
    """A parent's answer to one version of the offer: agree, or disagree with reasons (P5)."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="reacties",
                                    verbose_name=_("arrangement"))
    versie = models.PositiveSmallIntegerField(_("versie van het aanbod"))
    ouder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+", verbose_name=_("ouder"),
                              help_text=_("Leeg als de school een antwoord van buiten het portaal vastlegde."))
    akkoord = models.BooleanField(_("akkoord"))
    reden = models.TextField(_("reden"), blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now)
    buiten_portaal = models.CharField(
        _("gegeven buiten het portaal"), max_length=300, blank=True,
        help_text=_("Ouders zonder account antwoordden op papier of in een gesprek; de school legde dat vast: hoe "
                    "en wanneer."))
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("vastgelegd door"))

    class Meta:
        verbose_name = _("reactie op het aanbod")
        verbose_name_plural = _("reacties op het aanbod")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"Reactie #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Reactie op arrangement #{self.arrangement_id}"


class OnderdeelQuerySet(models.QuerySet):
    def gedeeltelijk_rooster(self):
        """Partial timetables (fewer hours than the full week), what the SWV watches for thuiszitters."""
        return self.filter(gedeeltelijk_rooster=True)


class Onderdeel(models.Model):
    """A part of an arrangement: what, by whom, where, how many hours, when, and who pays (S5)."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="onderdelen",
                                    verbose_name=_("arrangement"))
    soort = models.CharField(_("soort"), max_length=24, choices=OnderdeelSoort.choices)
    omschrijving = models.TextField(_("wat"))
    aanbieder = models.CharField(_("wie biedt het"), max_length=16, choices=Aanbieder.choices)
    aanbieder_naam = models.CharField(_("naam van de aanbieder"), max_length=200, blank=True)
    plaats = models.CharField(_("waar"), max_length=200, blank=True)
    uren_per_week = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1, null=True, blank=True)
    start = models.DateField(_("start"))
    eind = models.DateField(_("einde"), null=True, blank=True)
    financier = models.CharField(_("wie betaalt"), max_length=20, choices=Financier.choices)
    swv = models.ForeignKey("organisaties.Samenwerkingsverband", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="arrangement_onderdelen", verbose_name=_("samenwerkingsverband"),
                            help_text=_("Als het samenwerkingsverband dit onderdeel betaalt of biedt: het ziet dan het "
                                        "arrangement."))
    gemeente = models.ForeignKey("organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="arrangement_onderdelen", verbose_name=_("gemeente"))
    beschikkingsnummer = models.CharField(_("nummer van de beschikking"), max_length=60, blank=True)
    beschikking_omvang = models.CharField(_("omvang van de beschikking"), max_length=300, blank=True,
                                          help_text=_("Bijvoorbeeld: 2 dagdelen per week, van 1 maart tot 1 augustus."))
    binnen_basisondersteuning = models.BooleanField(
        _("valt binnen de basisondersteuning"), default=False,
        help_text=_("Basisondersteuning biedt elke school van het samenwerkingsverband, uit eigen middelen."))
    volledige_week_uren = models.DecimalField(
        _("uren in een volledige schoolweek"), max_digits=4, decimal_places=1, null=True, blank=True,
        help_text=_("Alleen bij een aangepast rooster: hoeveel uur een volledige week voor deze leerling is."))
    gedeeltelijk_rooster = models.BooleanField(
        _("gedeeltelijk rooster"), default=False, editable=False,
        help_text=_("Afgeleid: minder uren onderwijs dan een volledige week. Dat heeft altijd een einddatum."))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = OnderdeelQuerySet.as_manager()

    class Meta:
        verbose_name = _("onderdeel van een arrangement")
        verbose_name_plural = _("onderdelen van een arrangement")
        ordering = ["arrangement", "volgorde", "pk"]
        indexes = [
            models.Index(fields=["swv"], name="onderdeel_swv_idx", condition=Q(swv__isnull=False)),
            models.Index(fields=["eind"], name="onderdeel_deelrooster_idx", condition=Q(gedeeltelijk_rooster=True)),
        ]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.omschrijving[:40]}"

    @property
    def audit_label(self) -> str:
        return f"Onderdeel #{self.pk} van arrangement #{self.arrangement_id}"

    @property
    def aanbieder_label(self) -> str:
        return f"{self.get_aanbieder_display()}{': ' + self.aanbieder_naam if self.aanbieder_naam else ''}"


class Opbouwstap(models.Model):
    """A planned step of a build-up schedule: from this day, this much (e.g. 2 dagdelen → 5 ochtenden, seed 004)."""

    onderdeel = models.ForeignKey(Onderdeel, on_delete=models.CASCADE, related_name="opbouw",
                                  verbose_name=_("onderdeel"))
    vanaf = models.DateField(_("vanaf"))
    omschrijving = models.CharField(_("wat"), max_length=200)
    uren_per_week = models.DecimalField(_("uren per week"), max_digits=4, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("opbouwstap")
        verbose_name_plural = _("opbouwschema")
        ordering = ["onderdeel", "vanaf"]
        constraints = [models.UniqueConstraint(fields=["onderdeel", "vanaf"], name="opbouwstap_uniek")]

    def __str__(self):
        return f"{self.vanaf}: {self.omschrijving}"

    @property
    def audit_label(self) -> str:
        return f"Opbouwstap #{self.pk}"


class Evaluatie(models.Model):
    """An evaluation of the arrangement in its rhythm: what was seen and what happens next (S5)."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="evaluaties",
                                    verbose_name=_("arrangement"))
    datum = models.DateField(_("datum"))
    bevindingen = models.TextField(_("wat zagen we"))
    uitkomst = models.CharField(_("hoe verder"), max_length=12, choices=EvaluatieUitkomst.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("vastgelegd door"))
    op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["-datum", "-pk"]

    def __str__(self):
        return f"Evaluatie {self.datum}"

    @property
    def audit_label(self) -> str:
        return f"Evaluatie #{self.pk} van arrangement #{self.arrangement_id}"


class LeerlingMening(models.Model):
    """The pupil's view on the support offered (B-7, hoorrecht): given by the pupil from 12 with an own account;
    below 12 (or without an account) entered on the pupil's behalf by the IB'er, and marked as such."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="meningen",
                                    verbose_name=_("arrangement"))
    versie = models.PositiveSmallIntegerField(_("versie van het aanbod"))
    tekst = models.TextField(_("mening van de leerling"))
    namens = models.BooleanField(_("namens de leerling vastgelegd"), default=False)
    hoe_gevraagd = models.CharField(_("hoe is het gevraagd"), max_length=300, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("door"))
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("mening van de leerling")
        verbose_name_plural = _("meningen van de leerling")
        ordering = ["-op", "-pk"]

    def __str__(self):
        return f"Mening #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Mening leerling bij arrangement #{self.arrangement_id}"


# --- the accommodations sheet (S4) ---------------------------------------------------------------------------

class Aanpassingenblad(models.Model):
    """'Over mijn kind': what every teacher of the pupil must know and do, agreed with the parents and, from 12,
    the pupil. Versioned: every teacher acknowledges the version in force; a new version asks them again (S4;
    seed 003: accommodations applied differently per teacher)."""

    leerling = models.ForeignKey("leerlingen.Leerling", on_delete=models.CASCADE, related_name="aanpassingenbladen",
                                 verbose_name=_("leerling"))
    school = models.ForeignKey("organisaties.School", on_delete=models.CASCADE, related_name="aanpassingenbladen",
                               verbose_name=_("school"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("aanpassingenblad")
        verbose_name_plural = _("aanpassingenbladen")
        constraints = [models.UniqueConstraint(fields=["leerling", "school"], name="aanpassingenblad_uniek")]

    def __str__(self):
        return f"Aanpassingenblad #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Aanpassingenblad #{self.pk}"

    @property
    def nummer(self) -> str:
        return f"Aanpassingenblad #{self.pk}"


class BladVersie(models.Model):
    blad = models.ForeignKey(Aanpassingenblad, on_delete=models.CASCADE, related_name="versies",
                             verbose_name=_("aanpassingenblad"))
    nummer = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=10, choices=BladStatus.choices, default=BladStatus.CONCEPT)
    wat_veranderde = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)
    voorgelegd_op = models.DateTimeField(_("aan ouders voorgelegd op"), null=True, blank=True)
    ouders_akkoord_op = models.DateTimeField(_("afgestemd met ouders op"), null=True, blank=True)
    ouders_akkoord_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="+", verbose_name=_("akkoord gegeven door"))
    ouders_akkoord_in_gesprek = models.BooleanField(
        _("in een gesprek afgestemd"), default=False,
        help_text=_("De intern begeleider legde vast dat het in een gesprek met de ouders is afgestemd."))
    leerling_akkoord_op = models.DateTimeField(_("afgestemd met de leerling op"), null=True, blank=True)
    leerling_akkoord_in_gesprek = models.BooleanField(_("met de leerling in een gesprek afgestemd"), default=False)
    vastgesteld_op = models.DateTimeField(_("geldt sinds"), null=True, blank=True)
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name=_("vastgesteld door"))
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("aangemaakt door"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("versie van een aanpassingenblad")
        verbose_name_plural = _("versies van aanpassingenbladen")
        ordering = ["blad", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["blad", "nummer"], name="bladversie_uniek"),
            models.UniqueConstraint(fields=["blad"], condition=Q(status="geldt"), name="bladversie_een_geldend"),
            models.UniqueConstraint(fields=["blad"], condition=Q(status="concept"), name="bladversie_een_concept"),
        ]

    def __str__(self):
        return f"Aanpassingenblad #{self.blad_id} versie {self.nummer}"

    @property
    def audit_label(self) -> str:
        return f"Aanpassingenblad #{self.blad_id} versie {self.nummer}"

    @property
    def is_concept(self) -> bool:
        return self.status == BladStatus.CONCEPT


class Afspraak(models.Model):
    """One accommodation: what a teacher must know, and what they do (e.g. 'signs of a hypo' → 'what to do')."""

    versie = models.ForeignKey(BladVersie, on_delete=models.CASCADE, related_name="afspraken", verbose_name=_("versie"))
    categorie = models.CharField(_("onderwerp"), max_length=16, choices=AfspraakCategorie.choices)
    weten = models.TextField(_("wat u moet weten"))
    doen = models.TextField(_("wat u doet"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["versie", "volgorde", "pk"]

    def __str__(self):
        return self.weten[:50]

    @property
    def audit_label(self) -> str:
        return f"Afspraak #{self.pk}"


class Kennisname(models.Model):
    """A teacher read the version in force and will apply it ("gelezen en begrepen")."""

    versie = models.ForeignKey(BladVersie, on_delete=models.CASCADE, related_name="kennisnames",
                               verbose_name=_("versie"))
    leerkracht = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="ondersteuning_kennisnames", verbose_name=_("leerkracht"))
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("kennisname")
        verbose_name_plural = _("kennisnames")
        constraints = [models.UniqueConstraint(fields=["versie", "leerkracht"], name="kennisname_uniek")]

    def __str__(self):
        return f"Kennisname #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Kennisname #{self.pk}"


# --- the request for an effective adjustment (D-6, P7) ------------------------------------------------------

class Aanpassingsverzoek(Zaak):
    """A request for an effective adjustment (Wgbh/cz art. 2): the school makes it unless that is
    disproportionately burdensome, decided per child and documented (D-6)."""

    ZAAKTYPE = "aanpassing"

    gevraagd = models.TextField(_("welke aanpassing"))
    waarom = models.TextField(_("waarom is die nodig"))
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    uitkomst = models.CharField(_("antwoord"), max_length=12, choices=AanpassingUitkomst.choices, blank=True)
    weigergrond = models.CharField(
        _("grond van de weigering"), max_length=20, choices=Weigergrond.choices, blank=True,
        help_text=_("Alleen bij een weigering: niet doeltreffend, niet noodzakelijk of onevenredig belastend (Wet "
                    "gelijke behandeling op grond van handicap of chronische ziekte, artikel 2 lid 1)."))
    motivering = models.TextField(_("onderbouwing"), blank=True,
                                  help_text=_("Per kind: waarom deze uitkomst, voor dit kind (D-6)."))
    motivering_vingerafdruk = models.CharField(_("vingerafdruk van de onderbouwing"), max_length=64, blank=True,
                                               db_index=True, editable=False)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    beantwoord_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("beantwoord door"))

    class Meta:
        verbose_name = _("verzoek om een aanpassing")
        verbose_name_plural = _("verzoeken om een aanpassing")
        constraints = [
            # D-6, Wgbh/cz art. 2 lid 1: a refusal names exactly one ground; other answers name none.
            models.CheckConstraint(
                condition=(Q(uitkomst="geweigerd", weigergrond__in=Weigergrond.values)
                           | (~Q(uitkomst="geweigerd") & Q(weigergrond=""))),
                name="aanpassing_weigergrond_bij_weigering"),
        ]

    @property
    def weigergrond_ouders(self) -> str:
        """The ground of a refusal in plain Dutch for the parents (or the pupil who asked)."""
        return str(WEIGERGROND_OUDERS.get(self.weigergrond, ""))


# --- the conversation log (issue #9 §6) ----------------------------------------------------------------------

class Gespreksverslag(models.Model):
    """A conversation about a case: date, participants, agreements and actions with owners and dates. Both sides
    confirm or add a remark."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="gespreksverslagen", verbose_name=_("zaak"))
    datum = models.DateField(_("datum van het gesprek"))
    deelnemers = models.TextField(_("wie waren erbij"))
    afspraken = models.TextField(_("wat is besproken en afgesproken"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("opgesteld door"))
    partij = models.CharField(_("opgesteld door (partij)"), max_length=10, choices=Partij.choices,
                              default=Partij.SCHOOL)
    op = models.DateTimeField(_("opgesteld op"), default=timezone.now)

    class Meta:
        verbose_name = _("gespreksverslag")
        verbose_name_plural = _("gespreksverslagen")
        ordering = ["-datum", "-pk"]

    def __str__(self):
        return f"Gespreksverslag {self.datum}"

    @property
    def audit_label(self) -> str:
        return f"Gespreksverslag #{self.pk} bij zaak #{self.zaak_id}"


class VerslagActie(models.Model):
    verslag = models.ForeignKey(Gespreksverslag, on_delete=models.CASCADE, related_name="acties",
                                verbose_name=_("gespreksverslag"))
    wat = models.CharField(_("actie"), max_length=300)
    wie = models.CharField(_("wie doet het"), max_length=200)
    uiterlijk = models.DateField(_("uiterlijk"), null=True, blank=True)
    gedaan_op = models.DateField(_("gedaan op"), null=True, blank=True)

    class Meta:
        verbose_name = _("actie uit een gesprek")
        verbose_name_plural = _("acties uit gesprekken")
        ordering = ["verslag", "uiterlijk", "pk"]

    def __str__(self):
        return self.wat

    @property
    def audit_label(self) -> str:
        return f"Actie #{self.pk}"


class VerslagReactie(models.Model):
    """One side confirms the log, or adds a remark."""

    verslag = models.ForeignKey(Gespreksverslag, on_delete=models.CASCADE, related_name="reacties",
                                verbose_name=_("gespreksverslag"))
    partij = models.CharField(_("partij"), max_length=10, choices=Partij.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("door"))
    bevestigd = models.BooleanField(_("bevestigd"), default=False)
    opmerking = models.TextField(_("opmerking"), blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("reactie op een gespreksverslag")
        verbose_name_plural = _("reacties op gespreksverslagen")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"Reactie #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Reactie op gespreksverslag #{self.verslag_id}"
