"""The SWV's toelaatbaarheidsverklaring (issue #12; DOMAIN §4 C-1…C-7) as a case kind of the core.

The case (``Zaak``) is the SWV's: its ``swv`` is the samenwerkingsverband that decides (WPO 40 lid 8; WEC 40
lid 10–13; WVO 2020 art. 2.30 — see ``wet.py``), and its core ``school`` stays empty on purpose. The core reads
``school`` as "the bevoegd gezag is this school's board" (``Zaak.gezag``, the mandate register, the clocks'
reminders); for a TLV the bevoegd gezag is the SWV. The school that applies (C-2) is ``aanvragende_school``.

What the core keeps: the case, its documents and letters, the request to the school that suspends C-4, the
consent for third-party reports, the decision under mandate, the clocks. What only the TLV keeps: the
application, the two experts and their advices (C-3), the decision's content and its register number (C-5),
the SWV's area and desk.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from portal.basis.typed_json import TypedJSONDecoder, TypedJSONEncoder
from portal.zaken.models import Zaak, ZaakQuerySet

from .constants import AdviesConclusie, Beroep, Categorie, Soort, Status, SwvGrond


class Werkgebied(models.Model):
    """The area of an SWV, by municipality: the SWV of the area where a pupil lives decides when the pupil is not
    enrolled at a school of the sector (WPO 40 lid 8 b; WEC 40 lid 11, 13). The national division of SWVs is by
    municipality (a few municipalities are split by postcode: record the SWV that covers most of it)."""

    swv = models.ForeignKey("organisaties.Samenwerkingsverband", on_delete=models.CASCADE, related_name="tlv_werkgebied",
                            verbose_name=_("samenwerkingsverband"))
    gemeente = models.ForeignKey("organisaties.Gemeente", on_delete=models.CASCADE, related_name="tlv_werkgebied",
                                 verbose_name=_("gemeente"))

    class Meta:
        verbose_name = _("werkgebied (gemeente)")
        verbose_name_plural = _("werkgebied van samenwerkingsverbanden")
        constraints = [models.UniqueConstraint(fields=["swv", "gemeente"], name="tlv_werkgebied_uniek")]

    def __str__(self):
        return f"{self.swv} — {self.gemeente}"


class Loket(models.Model):
    """The TLV desk of an SWV: the addresses its letters name. A decision with a bezwaar clause needs the address
    for bezwaarschriften (Awb 3:45)."""

    swv = models.OneToOneField("organisaties.Samenwerkingsverband", on_delete=models.CASCADE, related_name="tlv_loket",
                               verbose_name=_("samenwerkingsverband"))
    naam = models.CharField(_("naam van het loket"), max_length=200, blank=True,
                            help_text=_("Bijvoorbeeld 'Commissie van Toelaatbaarheid'."))
    postadres = models.CharField(_("postadres"), max_length=300, blank=True)
    bezwaar_adres = models.CharField(_("adres voor bezwaarschriften"), max_length=300, blank=True,
                                     help_text=_("Staat in elk TLV-besluit (bezwaar binnen 6 weken, Awb 6:7)."))
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("TLV-loket")
        verbose_name_plural = _("TLV-loketten")

    def __str__(self):
        return self.naam or str(self.swv)

    @property
    def audit_label(self) -> str:
        return f"TLV-loket #{self.pk}"


# Policy, not law: the law says "één of meer schooljaren" (WPO 40 lid 13; WEC 40 lid 15) and sets no maximum. The
# portal's default cap is a parameter of rule C-5 (``max_schooljaren``, ``tlv.termijnen``), read by the service and
# the terms CLI alike; an SWV may set its own in its ``Instellingen``.
ARCHIEF_JAREN_STANDAARD = 7


class Instellingen(models.Model):
    """What an SWV decides for itself about its TLV files (policy, not law), one row per SWV. Edited by the SWV's
    staff on the TLV desk page, or by the beheerder in the admin. Without a row the defaults hold."""

    swv = models.OneToOneField("organisaties.Samenwerkingsverband", on_delete=models.CASCADE,
                               related_name="tlv_instellingen", verbose_name=_("samenwerkingsverband"))
    max_schooljaren = models.PositiveSmallIntegerField(
        _("ten hoogste schooljaren per TLV"), null=True, blank=True,
        help_text=_("Beleid van het samenwerkingsverband, geen wet: de wet zegt 'één of meer schooljaren' (WPO 40 lid 13, "
                    "WEC 40 lid 15) en noemt geen maximum. Leeg: de standaard van het portaal."))
    archief_jaren = models.PositiveSmallIntegerField(
        _("besluit bewaren (jaren)"), default=ARCHIEF_JAREN_STANDAARD,
        help_text=_("Archiefregel van het samenwerkingsverband: zoveel jaar nadat de TLV niet meer geldt en er geen "
                    "bezwaar, beroep of geschil meer loopt, wordt de besluitbrief vernietigd. De gezondheidsgegevens gaan "
                    "altijd al 3 jaar na het besluit weg (WPO 18a lid 13; WVO 2020 art. 2.47 lid 16)."))
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("TLV-instellingen van een samenwerkingsverband")
        verbose_name_plural = _("TLV-instellingen van samenwerkingsverbanden")
        constraints = [models.CheckConstraint(condition=Q(max_schooljaren__isnull=True) | Q(max_schooljaren__gte=1),
                                              name="tlv_instellingen_max_minstens_1"),
                       models.CheckConstraint(condition=Q(archief_jaren__gte=1), name="tlv_instellingen_archief_minstens_1")]

    def __str__(self):
        return f"TLV-instellingen {self.swv}"

    @property
    def audit_label(self) -> str:
        return f"TLV-instellingen #{self.pk}"


class Deskundige(models.Model):
    """An expert the SWV can ask for a TLV advice (C-3): a person with the role ``deskundige`` and a profession.
    The beheerder registers the profession and the professional registration."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tlv_deskundige",
                                verbose_name=_("gebruiker"))
    beroep = models.CharField(_("beroep"), max_length=30, choices=Beroep.choices)
    registratie = models.CharField(_("registratie"), max_length=60, blank=True,
                                   help_text=_("Bijvoorbeeld het NIP-, NVO- of BIG-nummer."))

    class Meta:
        verbose_name = _("deskundige (TLV)")
        verbose_name_plural = _("deskundigen (TLV)")

    def __str__(self):
        return f"{self.user} ({self.get_beroep_display()})"


class TlvQuerySet(ZaakQuerySet):
    pass


# The record lines tlv/services.py stores for how the parents' view was confirmed (Dutch, as in the letter), marked
# so that a page shows them in the reader's language (issue #22 §1).
ZIENSWIJZE_BEVESTIGINGEN = [
    gettext_noop("Geschreven door de ouder in het portaal"), gettext_noop("Geschreven door de leerling in het portaal"),
    gettext_noop("Geschreven door de curator in het portaal"), gettext_noop("Geschreven door de mentor in het portaal"),
    gettext_noop("Bevestigd door de ouder in het portaal"), gettext_noop("Bevestigd door de leerling in het portaal"),
    gettext_noop("Bevestigd door de curator in het portaal"), gettext_noop("Bevestigd door de mentor in het portaal"),
    gettext_noop("Door de ouders getekend op papier")]


class Toelaatbaarheidsverklaring(Zaak):
    """A TLV application of a school (C-2) to the SWV that decides, and, once granted, the TLV itself (C-5)."""

    ZAAKTYPE = "tlv"

    aanvragende_school = models.ForeignKey(
        "organisaties.School", on_delete=models.PROTECT, related_name="tlv_aanvragen", verbose_name=_("aanvragende school"),
        help_text=_("C-2: alleen de school waar het kind is aangemeld of ingeschreven vraagt een TLV aan."))
    soort = models.CharField(_("soort onderwijs"), max_length=3, choices=Soort.choices)
    swv_grond = models.CharField(_("waarom dit samenwerkingsverband beslist"), max_length=20, choices=SwvGrond.choices)
    swv_artikel = models.CharField(_("wetsartikel"), max_length=200,
                                   help_text=_("Het artikel dat bepaalt welk samenwerkingsverband beslist."))
    vorige_school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("school van inschrijving"))
    ontvangende_school = models.ForeignKey(
        "organisaties.School", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("school waar het kind naartoe gaat"),
        help_text=_("C-3: een deskundige die daar werkt (of bij het bestuur van die school) adviseert niet."))
    woongemeente = models.ForeignKey("organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("woongemeente bij de aanvraag"))
    opp_zaak = models.ForeignKey(Zaak, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("ontwikkelingsperspectief"),
                                 help_text=_("Het OPP van de leerling dat bij de aanvraag hoort."))
    opp_gegevens = models.JSONField(
        _("ontwikkelingsperspectief bij het indienen"), default=dict, blank=True, encoder=TypedJSONEncoder,
        decoder=TypedJSONDecoder,
        help_text=_("De versie van het OPP die gold toen de aanvraag werd ingediend, vastgelegd (typed)."))
    onderwijsbehoeften = models.TextField(_("wat heeft het kind nodig"))
    geprobeerd = models.TextField(_("wat heeft de school geprobeerd"),
                                  help_text=_("De ondersteuning en aanpassingen die de school al bood, en het effect."))
    gevraagde_schooljaren = models.PositiveSmallIntegerField(_("gevraagde duur (schooljaren)"), default=1)
    # the parents' view (C-2)
    zienswijze = models.TextField(_("zienswijze van de ouders"), blank=True)
    zienswijze_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("zienswijze geschreven door"))
    zienswijze_op = models.DateTimeField(_("zienswijze geschreven op"), null=True, blank=True)
    zienswijze_bevestigd_op = models.DateTimeField(
        _("zienswijze bevestigd door de ouders op"), null=True, blank=True,
        help_text=_("Schreef de school de zienswijze op, dan bevestigen de ouders hem: in het portaal of op papier."))
    zienswijze_bevestiging = models.CharField(_("hoe bevestigd"), max_length=200, blank=True)
    toestemming = models.ForeignKey("leerlingen.Toestemming", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("toestemming voor rapporten van anderen"))
    ingediend_op = models.DateField(_("ingediend op"), null=True, blank=True,
                                    help_text=_("C-4: de beslistermijn van 8 weken loopt vanaf deze dag."))
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    # the decision (C-5), set when it is prepared and final when it is made known
    toegekend_soort = models.CharField(_("toegekend voor"), max_length=3, choices=Soort.choices, blank=True)
    categorie = models.CharField(_("bekostigingscategorie"), max_length=1, choices=Categorie.choices, blank=True)
    ingangsdatum = models.DateField(_("geldig vanaf"), null=True, blank=True)
    schooljaren = models.PositiveSmallIntegerField(_("schooljaren"), null=True, blank=True)
    einddatum = models.DateField(_("geldig tot en met"), null=True, blank=True,
                                 help_text=_("C-5: hele schooljaren; afgegeven in de loop van een schooljaar komt de rest "
                                             "van dat schooljaar erbij."))
    tlv_nummer = models.CharField(_("TLV-nummer"), max_length=40, null=True, blank=True, unique=True)
    gegevens_verwijderd_op = models.DateTimeField(
        _("gezondheidsgegevens verwijderd op"), null=True, blank=True,
        help_text=_("C-7: 3 jaar na het besluit (WPO 18a lid 13); het besluit zelf blijft."))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    intrek_reden = models.TextField(_("reden van intrekken"), blank=True)
    # C-7: the decision itself is kept while it is valid and while a bezwaar, beroep or geschil runs; a beroep at the
    # bestuursrechter (Awb 8:1) is not a case in the portal, so the SWV records it here.
    beroep_sinds = models.DateField(_("beroep ingesteld op"), null=True, blank=True)
    beroep_tot = models.DateField(_("beroep afgerond op"), null=True, blank=True)
    besluit_vernietigd_op = models.DateTimeField(
        _("besluitbrief vernietigd op"), null=True, blank=True,
        help_text=_("Na de archieftermijn van het samenwerkingsverband; het registernummer en de data blijven."))

    objects = TlvQuerySet.as_manager()

    class Meta:
        verbose_name = _("TLV-aanvraag")
        verbose_name_plural = _("TLV-aanvragen")
        indexes = [models.Index(fields=["aanvragende_school"], name="tlv_school_idx"),
                   models.Index(fields=["einddatum"], name="tlv_einde_idx", condition=Q(tlv_nummer__isnull=False))]

    @property
    def met_categorie(self) -> bool:
        from .constants import MET_CATEGORIE

        return (self.toegekend_soort or self.soort) in MET_CATEGORIE

    @property
    def bij_swv(self) -> bool:
        from .constants import BIJ_SWV

        return self.status in BIJ_SWV

    @property
    def is_concept(self) -> bool:
        return self.status == Status.CONCEPT

    @property
    def zienswijze_bevestiging_tekst(self) -> str:
        """How the parents' view was confirmed, in the reader's language (the stored line is Dutch)."""
        return gettext(self.zienswijze_bevestiging) if self.zienswijze_bevestiging in ZIENSWIJZE_BEVESTIGINGEN else (
            self.zienswijze_bevestiging)

    @property
    def zienswijze_compleet(self) -> bool:
        return bool(self.zienswijze.strip()) and self.zienswijze_bevestigd_op is not None

    def actieve_toewijzingen(self) -> list["Toewijzing"]:
        return [t for t in self.toewijzingen.all() if t.ingetrokken_op is None]


class Toewijzing(models.Model):
    """An expert asked for an advice on one application (C-3): the first (orthopedagoog or psycholoog) or the
    second (a profession depending on the child). The expert writes a separate, written advice; an expert who
    declares a conflict of interest, or whom the SWV withdraws, stops here (the row stays, with the reason)."""

    tlv = models.ForeignKey(Toelaatbaarheidsverklaring, on_delete=models.CASCADE, related_name="toewijzingen",
                            verbose_name=_("TLV-aanvraag"))
    plaats = models.PositiveSmallIntegerField(_("deskundige"), choices=[(1, _("eerste deskundige")),
                                                                          (2, _("tweede deskundige"))])
    deskundige = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tlv_toewijzingen",
                                   verbose_name=_("deskundige"))
    beroep = models.CharField(_("als"), max_length=30, choices=Beroep.choices)
    toegewezen_op = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    toegewezen_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                        verbose_name=_("gevraagd door"))
    ingetrokken_op = models.DateTimeField(_("gestopt op"), null=True, blank=True)
    ingetrokken_reden = models.TextField(_("waarom gestopt"), blank=True)
    conclusie = models.CharField(_("conclusie"), max_length=20, choices=AdviesConclusie.choices, blank=True)
    advies = models.TextField(_("advies"), blank=True)
    categorie = models.CharField(_("geadviseerde categorie"), max_length=1, choices=Categorie.choices, blank=True)
    advies_op = models.DateTimeField(_("advies gegeven op"), null=True, blank=True)
    document = models.ForeignKey("documenten.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("bijlage bij het advies"))

    class Meta:
        verbose_name = _("deskundige bij een TLV-aanvraag")
        verbose_name_plural = _("deskundigen bij TLV-aanvragen")
        ordering = ["plaats", "pk"]
        constraints = [models.UniqueConstraint(fields=["tlv", "plaats"], condition=Q(ingetrokken_op__isnull=True),
                                               name="tlv_toewijzing_een_per_plaats")]
        indexes = [models.Index(fields=["deskundige"], name="tlv_toewijzing_desk_idx",
                                condition=Q(ingetrokken_op__isnull=True))]

    def __str__(self):
        return f"Toewijzing #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Deskundige {self.plaats} bij TLV #{self.tlv_id}"

    @property
    def is_actief(self) -> bool:
        return self.ingetrokken_op is None

    @property
    def heeft_advies(self) -> bool:
        return self.advies_op is not None


class Belang(models.Model):
    """A conflict of interest an expert declared about a pupil (C-3: not involved with the child). It keeps the
    expert out of this pupil's applications for good."""

    deskundige = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tlv_belangen",
                                   verbose_name=_("deskundige"))
    leerling = models.ForeignKey("leerlingen.Leerling", on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("leerling"))
    reden = models.TextField(_("reden"))
    gemeld_op = models.DateTimeField(_("gemeld op"), auto_now_add=True)
    gemeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("gemeld door"))

    class Meta:
        verbose_name = _("gemeld belang")
        verbose_name_plural = _("gemelde belangen")

    def __str__(self):
        return f"Belang #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Belang van deskundige #{self.deskundige_id}"
