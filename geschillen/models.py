"""Every way to contest or escalate (issue #11; DOMAIN §3, §4 A-13, D, E, F-2): klacht, bezwaar, geschil,
an advice or mediation request to the SWV, schorsing and verwijdering — each a case kind of the core
(``portal.zaken``), plus the klachtencommissie and what only these kinds keep.

What the core keeps: the case (``Zaak``: pupil, school/SWV, status, timeline), its documents and letters,
decisions under mandate (``Besluit``), the legal clocks and the share with a helper (``Deling``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.zaken.models import Zaak

from .constants import (
    AdviesSoort,
    AdviesUitkomst,
    BezwaarUitkomst,
    GeschilOnderwerp,
    HoorSoort,
    Oordeel,
    Opvolging,
    Partij,
)


class Klachtencommissie(models.Model):
    """A klachtencommissie (WPO 14; D-5): a school board's own, a regional or a national one. It serves one
    or more boards; its secretaries (role ``klachtencommissie``) see the klachten sent to it, and nobody at
    the school does — only the board's members and whoever the board mandated for klachten."""

    naam = models.CharField(_("naam"), max_length=200)
    adres = models.CharField(_("postadres"), max_length=300, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    besturen = models.ManyToManyField("organisaties.Bestuur", related_name="klachtencommissies",
                                      verbose_name=_("besturen die bij deze commissie zijn aangesloten"))
    secretarissen = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="klachtencommissies", verbose_name=_("secretarissen"),
        help_text=_("Gebruikers met de rol 'Secretaris klachtencommissie' die de klachten van deze commissie "
                    "behandelen."))

    class Meta:
        verbose_name = _("klachtencommissie")
        verbose_name_plural = _("klachtencommissies")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Klacht(Zaak):
    """A klacht (D-5; WPO 14), confidential. The core's ``school`` stays empty on purpose: nothing the core
    shows per school (timelines, pupil lists, terms, tasks) may reveal a klacht to the school's staff. The
    school it is about is ``betreft_school``."""

    ZAAKTYPE = "klacht"

    commissie = models.ForeignKey(Klachtencommissie, on_delete=models.PROTECT, related_name="klachten",
                                  verbose_name=_("klachtencommissie"))
    betreft_school = models.ForeignKey("organisaties.School", on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("school waarover de klacht gaat"))
    onderwerp = models.TextField(_("waar gaat de klacht over"))
    gewenst = models.TextField(_("wat wilt u bereiken"), blank=True)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    ontvangen_op = models.DateField(_("ontvangen op"))
    zitting_op = models.DateField(_("hoorzitting op"), null=True, blank=True)
    zitting_verslag = models.TextField(_("verslag hoorzitting"), blank=True)
    oordeel = models.CharField(_("oordeel"), max_length=20, choices=Oordeel.choices, blank=True)
    oordeel_op = models.DateField(_("oordeel gegeven op"), null=True, blank=True,
                                  help_text=_("D-5: het bevoegd gezag reageert binnen 4 weken hierna."))
    oordeel_samenvatting = models.TextField(_("oordeel (samenvatting)"), blank=True)
    aanbevelingen = models.TextField(_("aanbevelingen van de commissie"), blank=True)
    opvolging = models.CharField(_("wat het bestuur met het oordeel doet"), max_length=12, choices=Opvolging.choices,
                                 blank=True)
    maatregelen = models.TextField(_("maatregelen en redenen"), blank=True)
    reactie_op = models.DateField(_("reactie bestuur op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    intrek_reden = models.TextField(_("reden van intrekken"), blank=True)

    class Meta:
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")

    @property
    def bestuur(self):
        return self.betreft_school.bestuur

    @property
    def gegrond(self) -> bool:
        return self.oordeel in (Oordeel.GEGROND, Oordeel.DEELS_GEGROND)


class Bezwaar(Zaak):
    """A bezwaar against a decision (``betreft_besluit``) of a school board or an SWV: the aanmelding's
    decision and a removal (A-13) today, the TLV (C-6) when its app registers its terms. Which terms apply is
    asked of the contested decision's kind (``portal.zaken.bezwaarregeling``)."""

    ZAAKTYPE = "bezwaar"

    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    indienende_school = models.ForeignKey(
        "organisaties.School", null=True, blank=True, on_delete=models.PROTECT, related_name="ingediende_bezwaren",
        verbose_name=_("ingediend door de school"),
        help_text=_("Leeg als de ouders het bezwaar maakten. C-6: tegen een TLV-besluit kan ook de school die de "
                    "aanvraag deed bezwaar maken."))
    ontvangen_op = models.DateField(_("bezwaarschrift ontvangen op"),
                                    help_text=_("A-13: bij een bijzondere school en in het vo begint de beslistermijn "
                                                "van 4 weken op deze dag."))
    ter_post_op = models.DateField(
        _("op de post gedaan op"), null=True, blank=True,
        help_text=_("Alleen bij een bezwaarschrift op papier: de dag van verzending (poststempel). Awb 6:9 lid 2: op tijd "
                    "als het binnen de termijn op de post ging en uiterlijk een week na het einde binnenkwam."))
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("op papier ontvangen, vastgelegd door"),
        help_text=_("Leeg als het bezwaar in het portaal werd ingediend."))
    gronden = models.TextField(_("waarom bent u het niet eens met het besluit"))
    te_laat_reden = models.TextField(_("reden van te laat indienen"), blank=True,
                                     help_text=_("Awb 6:11: het bevoegd gezag beoordeelt of dat verschoonbaar is."))
    gehoord_op = models.DateField(_("gehoord op"), null=True, blank=True)
    hoorders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("gehoord door"),
        help_text=_("Awb 7:5 lid 1: wie hoorden, voor het bevoegd gezag. Niet wie het bestreden besluit voorbereidde of "
                    "nam; met meer hoorders moet de meerderheid, onder wie de voorzitter, er niet bij betrokken zijn "
                    "geweest — tenzij het bestuur zelf of een bestuurder mee hoort."))
    hoor_voorzitter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("leidde het horen"))
    hoor_commissie = models.CharField(
        _("gehoord door de adviescommissie"), max_length=200, blank=True,
        help_text=_("Awb 7:13 lid 3: hoort een adviescommissie voor bezwaarschriften, dan hoort zij (of haar voorzitter "
                    "of een lid van buiten het bevoegd gezag); de naam van de commissie."))
    horen_afgezien = models.BooleanField(_("ouders zagen af van horen"), default=False,
                                         help_text=_("Awb 7:3: horen mag achterwege blijven als de ouders daarvan "
                                                     "afzien."))
    hoorverslag = models.TextField(_("verslag van het horen"), blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=BezwaarUitkomst.choices, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    intrek_reden = models.TextField(_("reden van intrekken"), blank=True)

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")

    @property
    def beslissing(self):
        """The decision on this bezwaar (prepared, signed or made known), or None."""
        return self.laatste_besluit("bezwaar")

    @property
    def door_school(self) -> bool:
        """The school filed it (its IB'er or directeur), not the parents."""
        return self.indienende_school_id is not None


class Geschil(Zaak):
    """A request to the Geschillencommissie passend onderwijs (D-1…D-4). The commission is an outside body:
    the portal records what the parties send and receive, and produces the dossier export."""

    ZAAKTYPE = "geschil"

    onderwerp = models.CharField(_("onderwerp"), max_length=20, choices=GeschilOnderwerp.choices)
    toelichting = models.TextField(_("toelichting van de ouders"), blank=True)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    ingediend_op = models.DateField(_("ingediend bij de commissie op"),
                                    help_text=_("D-3: de commissie geeft binnen 10 weken hierna haar oordeel."))
    te_laat_reden = models.TextField(_("reden van later indienen"), blank=True,
                                     help_text=_("D-2: na 6 weken kan het verzoek alleen met redenen."))
    bevoegdheid_waarschuwing = models.TextField(
        _("waarschuwing over de bevoegdheid van de commissie"), blank=True,
        help_text=_("D-1: de waarschuwing die de ouders zagen en desondanks bevestigden."))
    spoed = models.BooleanField(_("spoedeisend"), default=False,
                                help_text=_("D-3: bij spoed volgt binnen 2 werkdagen na de zitting een korte uitspraak."))
    verweer_op = models.DateField(_("verweer ingediend op"), null=True, blank=True)
    verweer_samenvatting = models.TextField(_("verweer (samenvatting)"), blank=True)
    zitting_op = models.DateField(_("zitting op"), null=True, blank=True)
    zitting_aanwezig = models.TextField(_("aanwezig bij de zitting"), blank=True)
    leerling_gehoord = models.BooleanField(_("leerling gehoord"), default=False,
                                           help_text=_("D-2: leerlingen van 12 jaar en ouder worden gehoord."))
    swv_uitgenodigd = models.BooleanField(_("samenwerkingsverband uitgenodigd"), default=False)
    oordeel = models.CharField(_("oordeel"), max_length=20, choices=Oordeel.choices, blank=True)
    oordeel_op = models.DateField(_("oordeel ontvangen op"), null=True, blank=True)
    oordeel_samenvatting = models.TextField(_("oordeel (samenvatting)"), blank=True)
    opvolging = models.CharField(_("wat het bestuur met het oordeel doet"), max_length=12, choices=Opvolging.choices,
                                 blank=True)
    reactie_motivering = models.TextField(_("reactie en redenen"), blank=True,
                                          help_text=_("D-4: wie afwijkt van het oordeel, geeft de redenen."))
    reactie_op = models.DateField(_("reactie bestuur op"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    intrek_reden = models.TextField(_("reden van intrekken"), blank=True)

    class Meta:
        verbose_name = _("geschil")
        verbose_name_plural = _("geschillen")

    @property
    def gegrond(self) -> bool:
        return self.oordeel in (Oordeel.GEGROND, Oordeel.DEELS_GEGROND)


class Adviesverzoek(Zaak):
    """A request to the SWV for advice or mediation (W4): intake, a staff member, meetings with the parties
    the parents agreed to, and an outcome. A case of the SWV (``swv``); ``school`` is the school it is about
    and sees it only when the parents agreed to involve it."""

    ZAAKTYPE = "advies"

    soort = models.CharField(_("wat vraagt u"), max_length=12, choices=AdviesSoort.choices)
    vraag = models.TextField(_("uw vraag"))
    partijen = models.JSONField(_("partijen waarmee de ouders instemmen"), default=list, blank=True,
                                help_text=_("Alleen deze partijen worden betrokken (G-1: geen stilzwijgende "
                                            "toestemming)."))
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingediend door"))
    behandelaar = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("behandelaar bij het samenwerkingsverband"))
    intake_op = models.DateField(_("intake op"), null=True, blank=True)
    intake_notitie = models.TextField(_("intake"), blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=20, choices=AdviesUitkomst.choices, blank=True)
    uitkomst_toelichting = models.TextField(_("uitkomst (toelichting)"), blank=True)
    school_betrokken = models.BooleanField(_("school betrokken"), default=False,
                                           help_text=_("De ouders stemden ermee in de school te betrekken; dan ziet de "
                                                       "school dit verzoek."))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("advies- of bemiddelingsverzoek")
        verbose_name_plural = _("advies- en bemiddelingsverzoeken")

    @property
    def partijen_labels(self) -> list[str]:
        return [str(Partij(p).label) for p in self.partijen or [] if p in Partij.values]


class Bijeenkomst(models.Model):
    """A meeting of a mediation (W4; the casustafel): date, who was there, what was agreed."""

    adviesverzoek = models.ForeignKey(Adviesverzoek, on_delete=models.CASCADE, related_name="bijeenkomsten")
    datum = models.DateField(_("datum"))
    deelnemers = models.TextField(_("deelnemers"))
    afspraken = models.TextField(_("afspraken"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["datum", "pk"]

    def __str__(self):
        return f"Bijeenkomst {self.datum}"

    @property
    def audit_label(self) -> str:
        return f"Bijeenkomst #{self.pk}"


class Actiepunt(models.Model):
    """An action agreed in a meeting, with its owner and date (W4)."""

    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="acties")
    omschrijving = models.CharField(_("actie"), max_length=500)
    eigenaar = models.CharField(_("wie doet het"), max_length=200)
    uiterlijk = models.DateField(_("uiterlijk"), null=True, blank=True)
    gedaan_op = models.DateField(_("gedaan op"), null=True, blank=True)

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["uiterlijk", "pk"]

    def __str__(self):
        return self.omschrijving

    @property
    def audit_label(self) -> str:
        return f"Actiepunt #{self.pk}"


class Schorsing(Zaak):
    """A schorsing (E-1; WPO 40c, WEC 40a, WVO 2020 8.14): at most one week, decided in writing with reasons
    (a ``Besluit`` signed under mandate), the inspectie told when it lasts more than one day."""

    ZAAKTYPE = "schorsing"

    van = models.DateField(_("geschorst vanaf"))
    tot = models.DateField(_("geschorst tot en met"))
    schooldagen = models.PositiveSmallIntegerField(_("schooldagen"))
    gehoord = models.TextField(_("wie is vooraf gehoord"), blank=True)
    inspectie_melding_nodig = models.BooleanField(
        _("melding aan de inspectie nodig"), default=False,
        help_text=_("E-1: een schorsing van meer dan één dag wordt gemeld aan de inspectie."))
    inspectie_gemeld_op = models.DateField(_("gemeld aan de inspectie op"), null=True, blank=True)
    inspectie_kenmerk = models.CharField(_("kenmerk melding inspectie"), max_length=100, blank=True,
                                         help_text=_("Bijvoorbeeld het kenmerk uit het Internet Schooldossier."))
    terug_op = models.DateField(_("leerling terug op school op"), null=True, blank=True)

    class Meta:
        verbose_name = _("schorsing")
        verbose_name_plural = _("schorsingen")

    @property
    def besluit(self):
        return self.laatste_besluit("schorsing")


class Verwijdering(Zaak):
    """A definitive removal (E-2; WPO 40 lid 11, WEC 40 lid 18, WVO 2020 8.15): teachers and parents heard,
    another school willing to admit the pupil, then the decision (under mandate); leerplicht is told at once
    (Leerplichtwet 18)."""

    ZAAKTYPE = "verwijdering"

    reden = models.TextField(_("reden"))
    ontvangende_school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.PROTECT,
                                           related_name="+", verbose_name=_("school die de leerling toelaat"))
    ontvangende_school_naam = models.CharField(_("school die de leerling toelaat (buiten het portaal)"), max_length=200,
                                               blank=True)
    acceptatie = models.ForeignKey("documenten.Document", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("schriftelijke acceptatie"))
    acceptatie_op = models.DateField(_("geaccepteerd op"), null=True, blank=True)
    inspectie_overleg_op = models.DateField(_("overleg met de inspectie op"), null=True, blank=True,
                                            help_text=_("vo: het bevoegd gezag overlegt met de inspectie (E-2)."))
    per = models.DateField(_("verwijderd per"), null=True, blank=True)
    leerplicht_gemeld_op = models.DateTimeField(_("gemeld aan leerplicht op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verwijdering")
        verbose_name_plural = _("verwijderingen")

    @property
    def besluit(self):
        return self.laatste_besluit("verwijdering")

    @property
    def ontvangende_school_label(self) -> str:
        return self.ontvangende_school.naam if self.ontvangende_school_id else self.ontvangende_school_naam


class Horen(models.Model):
    """Who was heard, when, and what they said: before a removal (E-2: teachers and parents)."""

    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="hoorverslagen")
    soort = models.CharField(_("wie"), max_length=10, choices=HoorSoort.choices)
    datum = models.DateField(_("datum"))
    verslag = models.TextField(_("verslag"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("hoorverslag")
        verbose_name_plural = _("hoorverslagen")
        ordering = ["datum", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.datum}"

    @property
    def audit_label(self) -> str:
        return f"Hoorverslag #{self.pk}"
