"""The ontwikkelingsperspectief (OPP, issue #10) as a case kind of the core.

* ``Ontwikkelingsperspectief`` — the case: one OPP of a pupil at a school (B-1), its 6-week term from enrolment
  (B-2), its yearly evaluation term (B-5), its start and end for the national registration (B-8).
* ``Versie`` — the content: a concept that becomes a version in force at vaststelling and is then frozen; a change
  is a new concept (copied from the version in force). Both parts of the OPP (B-3, B-4): the perspective
  (uitstroombestemming, onderbouwing, factors, the pupil's strengths and needs, what the parents expect) and the
  handelingsdeel (goals, support, arrangements, afwijkingen, who does what). The geschillen dossier reads
  ``Ontwikkelingsperspectief.versies``.
* ``Doel`` — a goal of the handelingsdeel: area, measurable criterion, date, approach, who.
* ``Overleg`` — OOGO with the parents (B-4): participants, what was agreed and what not.
* ``Inbreng`` — the pupil's view (B-7, hoorrecht) and the parents' own view, per version; for a pupil who cannot give
  a view (EMB), the honest record of that and of how it was asked.
* ``Instemming`` — the instemming on the handelingsdeel (B-4) by whoever acts for the pupil (``hoorrecht.wie_handelt``:
  the parents with gezag, the adult pupil, or their curator or mentor), online or on paper.
* ``CommissieAdvies`` — (v)so: the advice and the yearly evaluation of the commissie voor de begeleiding (WEC 40b lid
  2, 41a lid 1, 2 and 5).
* ``Evaluatie`` and ``DoelVoortgang`` — the yearly evaluation with progress per goal (B-5).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from portal.basis.typed_json import TypedJSONDecoder, TypedJSONEncoder
from portal.zaken.models import Zaak, ZaakQuerySet

from .constants import (
    EindeReden,
    Gebied,
    Herkomst,
    Keuze,
    Overeenstemming,
    Partij,
    Reden,
    Uitstroom,
    VersieStatus,
    Vervolg,
    Via,
    Voortgang,
)


class OppQuerySet(ZaakQuerySet):
    def nog_niet_vastgesteld(self):
        """B-1/B-2: open OPPs without a version in force — what the school's overview lists first."""
        return self.open().filter(vastgesteld_op__isnull=True)


class Ontwikkelingsperspectief(Zaak):
    """The OPP of a pupil at a school (B-1). Its 6-week term (B-2) starts at enrolment, or at the definitive
    placement after a tijdelijke inschrijving; its yearly evaluation term (B-5) at the first vaststelling."""

    ZAAKTYPE = "opp"

    inschrijving = models.ForeignKey("leerlingen.Inschrijving", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="opps", verbose_name=_("inschrijving"))
    reden = models.CharField(_("waarom een OPP"), max_length=30, choices=Reden.choices,
                             help_text=_("B-1: verplicht bij extra ondersteuning in het regulier onderwijs en voor alle "
                                         "leerlingen van sbo, pro, so en vso."))
    herkomst = models.CharField(_("hoe het OPP in het portaal kwam"), max_length=20, choices=Herkomst.choices,
                                default=Herkomst.INSCHRIJVING)
    vastgesteld_op = models.DateField(
        _("vastgesteld op"), null=True, blank=True,
        help_text=_("De dag waarop de versie die nu geldt is vastgesteld. Leeg: er geldt nog geen OPP (B-2)."))
    beeindigd_op = models.DateField(_("beëindigd op"), null=True, blank=True,
                                    help_text=_("De einddatum van het OPP voor de registratie (B-8)."))
    einde_reden = models.CharField(_("reden van beëindigen"), max_length=30, choices=EindeReden.choices, blank=True)

    objects = OppQuerySet.as_manager()

    class Meta:
        verbose_name = _("ontwikkelingsperspectief")
        verbose_name_plural = _("ontwikkelingsperspectieven")

    @cached_property
    def alle_versies(self) -> list["Versie"]:
        """Every version, oldest first (one query; read once per request)."""
        return list(self.versies.select_related("vastgesteld_door", "document").order_by("nummer"))

    @property
    def concept(self) -> "Versie | None":
        return next((v for v in self.alle_versies if v.status == VersieStatus.CONCEPT), None)

    @property
    def geldend(self) -> "Versie | None":
        """The version in force."""
        return next((v for v in self.alle_versies if v.status == VersieStatus.VASTGESTELD), None)


class Versie(models.Model):
    """One version of the OPP: a concept while it is drafted and answered, then frozen at vaststelling (every
    vaststelling freezes a version; a change is a new concept). The perspective part (B-3, B-6) and the
    handelingsdeel (B-3, B-4), with the vaststelling's own parts: what changed, and how the pupil's view was taken
    into account (B-7)."""

    opp = models.ForeignKey(Ontwikkelingsperspectief, on_delete=models.CASCADE, related_name="versies",
                            verbose_name=_("ontwikkelingsperspectief"))
    nummer = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=12, choices=VersieStatus.choices, default=VersieStatus.CONCEPT)
    ronde = models.PositiveSmallIntegerField(
        _("instemmingsronde"), default=0,
        help_text=_("Telt elke keer dat het handelingsdeel aan de ouders wordt voorgelegd; alleen antwoorden in de "
                    "laatste ronde tellen."))
    voorgelegd_op = models.DateTimeField(_("ter instemming voorgelegd op"), null=True, blank=True)

    # --- the perspective (B-3; B-6 for vso) ---
    uitstroom = models.CharField(_("verwachte uitstroombestemming"), max_length=24, choices=Uitstroom.choices,
                                 blank=True, help_text=_("B-3; voor het vso een van de drie uitstroomprofielen (B-6)."))
    uitstroom_toelichting = models.CharField(_("toelichting op de uitstroombestemming"), max_length=300, blank=True)
    onderbouwing = models.TextField(_("onderbouwing"), blank=True,
                                    help_text=_("Waarom deze uitstroombestemming te verwachten is (B-3)."))
    belemmerende_factoren = models.TextField(_("belemmerende factoren"), blank=True)
    bevorderende_factoren = models.TextField(_("bevorderende factoren"), blank=True)
    sterke_kanten = models.TextField(_("waar de leerling goed in is"), blank=True)
    onderwijsbehoeften = models.TextField(_("wat de leerling nodig heeft"), blank=True)
    verwachting_ouders = models.TextField(_("wat de ouders verwachten"), blank=True)

    # --- the handelingsdeel (B-3, B-4) ---
    ondersteuning = models.TextField(_("de ondersteuning"), blank=True,
                                     help_text=_("Welke ondersteuning de leerling krijgt (B-3; in het regulier "
                                                 "onderwijs een verplicht onderdeel)."))
    afwijkingen = models.TextField(_("afwijkingen van het onderwijsprogramma"), blank=True)
    geen_afwijkingen = models.BooleanField(_("er zijn geen afwijkingen van het onderwijsprogramma"), default=False)
    taakverdeling = models.TextField(_("wie doet wat"), blank=True)
    # S3: the arrangements of the ondersteuningsaanbod this handelingsdeel lists — core references (an arrangement is a
    # case of kind "arrangement"; its app is not imported), read through that kind's typed summary.
    arrangementen = models.ManyToManyField("zaken.Zaak", blank=True, related_name="opp_versies",
                                           limit_choices_to={"zaaktype": "arrangement"},
                                           verbose_name=_("arrangementen"))
    arrangementen_vastgelegd = models.JSONField(
        _("arrangementen zoals voorgelegd"), default=list, blank=True, encoder=TypedJSONEncoder,
        decoder=TypedJSONDecoder,
        help_text=_("De arrangementen zoals ze op het moment van voorleggen waren; die staan in de vastgestelde "
                    "versie, ook als een arrangement later verandert."))

    # --- the vaststelling (B-4, B-7) ---
    wat_veranderde = models.TextField(_("wat is er veranderd"), blank=True)
    uitleg_mening = models.TextField(
        _("hoe de mening van de leerling is meegewogen"), blank=True,
        help_text=_("B-7: bij de vaststelling vertelt de school de leerling, met redenen en in woorden die de "
                    "leerling begrijpt, wat er met de mening van de leerling is gedaan."))
    besluit = models.ForeignKey("zaken.Besluit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("besluit"))
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)
    # B-4 (WPO 40a lid 2, WEC 41a lid 2, WVO 2020 2.44; Kamerstuk 34 446): only the handelingsdeel needs agreement.
    # Without it the school still sets the perspective part within B-2; the handelingsdeel stays a concept until
    # the agreement comes, and is set then (its own decision).
    perspectief_besluit = models.ForeignKey(
        "zaken.Besluit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("besluit over het perspectief"),
        help_text=_("Het besluit dat alleen het perspectief vaststelde, zonder instemming met het handelingsdeel."))
    handelingsdeel_concept = models.BooleanField(
        _("handelingsdeel nog niet definitief"), default=False,
        help_text=_("Het perspectief is vastgesteld; het handelingsdeel wacht nog op instemming (B-4)."))
    handelingsdeel_vastgesteld_op = models.DateField(
        _("handelingsdeel vastgesteld op"), null=True, blank=True,
        help_text=_("Alleen als het handelingsdeel later is vastgesteld dan het perspectief."))
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+", verbose_name=_("vastgesteld door"))
    # An OPP set before the portal was used (issue #10 item 1): its document is the content.
    bestaand = models.BooleanField(_("bestaand OPP, buiten het portaal vastgesteld"), default=False)
    document = models.ForeignKey("documenten.Document", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("document"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("aangemaakt door"))

    class Meta:
        verbose_name = _("versie van het OPP")
        verbose_name_plural = _("versies van het OPP")
        ordering = ["opp", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["opp", "nummer"], name="opp_versie_nummer_uniek"),
            models.UniqueConstraint(fields=["opp"], condition=Q(status="concept"), name="opp_een_concept"),
            models.UniqueConstraint(fields=["opp"], condition=Q(status="vastgesteld"), name="opp_een_geldende_versie"),
        ]

    def __str__(self):
        """How the version is named in lists and in the dossier export (plain Dutch, for parents too)."""
        if self.vastgesteld_op:
            datum = formats.date_format(self.vastgesteld_op, "j F Y")
            tekst = _("Versie %(n)s, vastgesteld op %(d)s") % {"n": self.nummer, "d": datum}
            if self.bestaand:
                tekst += " " + str(_("(bestaand OPP, document bij de zaak)"))
            if self.handelingsdeel_concept:  # B-4
                tekst += " " + str(_("(alleen het perspectief; het handelingsdeel is nog niet definitief)"))
            elif self.handelingsdeel_vastgesteld_op:
                tekst += " " + str(_("(handelingsdeel vastgesteld op %(d)s)") % {
                    "d": formats.date_format(self.handelingsdeel_vastgesteld_op, "j F Y")})
            if self.status == VersieStatus.VERVANGEN:
                tekst += " " + str(_("(vervangen)"))
            return tekst
        return _("Versie %(n)s, in voorbereiding (nog niet vastgesteld)") % {"n": self.nummer}

    @property
    def alleen_perspectief(self) -> bool:
        """B-4: the perspective part is set, the handelingsdeel still waits for instemming."""
        return self.status != VersieStatus.CONCEPT and self.handelingsdeel_concept

    @property
    def audit_label(self) -> str:
        return f"Versie {self.nummer} van OPP #{self.opp_id}"

    @property
    def is_concept(self) -> bool:
        return self.status == VersieStatus.CONCEPT


class Doel(models.Model):
    """A goal of the handelingsdeel: per area, with a measurable criterion and a date (B-3 completeness check), what
    is done and by whom."""

    versie = models.ForeignKey(Versie, on_delete=models.CASCADE, related_name="doelen", verbose_name=_("versie"))
    gebied = models.CharField(_("gebied"), max_length=24, choices=Gebied.choices)
    omschrijving = models.TextField(_("doel"))
    criterium = models.TextField(_("meetbaar criterium"), blank=True,
                                 help_text=_("Waaraan zie je dat het doel bereikt is? Bijvoorbeeld: leest 60 woorden per "
                                             "minuut foutloos (DMT)."))
    streefdatum = models.DateField(_("bereikt op"), null=True, blank=True)
    aanpak = models.TextField(_("wat we doen"), blank=True)
    wie = models.CharField(_("wie doet wat"), max_length=300, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["versie", "volgorde", "pk"]

    def __str__(self):
        return f"{self.get_gebied_display()}: {self.omschrijving}"

    @property
    def audit_label(self) -> str:
        return f"Doel #{self.pk} van OPP-versie #{self.versie_id}"

    @property
    def is_meetbaar(self) -> bool:
        return bool(self.criterium.strip()) and self.streefdatum is not None


class Overleg(models.Model):
    """Op overeenstemming gericht overleg (OOGO) with the parents about the OPP (B-4): who took part, what was
    agreed, and what not."""

    opp = models.ForeignKey(Ontwikkelingsperspectief, on_delete=models.CASCADE, related_name="overleggen",
                            verbose_name=_("ontwikkelingsperspectief"))
    versie = models.ForeignKey(Versie, null=True, blank=True, on_delete=models.SET_NULL, related_name="overleggen",
                               verbose_name=_("over versie"))
    datum = models.DateField(_("datum"))
    deelnemers = models.TextField(_("wie waren erbij"))
    besproken = models.TextField(_("wat is besproken"))
    overeenstemming = models.CharField(_("uitkomst"), max_length=8, choices=Overeenstemming.choices)
    afspraken = models.TextField(_("waarover zijn we het eens"), blank=True)
    niet_eens = models.TextField(_("waarover zijn we het (nog) niet eens"), blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("vastgelegd door"))
    op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("overleg met de ouders (OOGO)")
        verbose_name_plural = _("overleggen met de ouders (OOGO)")
        ordering = ["datum", "pk"]

    def __str__(self):
        return f"Overleg {self.datum}"

    @property
    def audit_label(self) -> str:
        return f"Overleg #{self.pk} bij OPP #{self.opp_id}"


class Inbreng(models.Model):
    """A view on a version of the OPP: the pupil's (B-7, hoorrecht — by the pupil from 12 with an account; below 12,
    or without an account, entered on the pupil's behalf by the school and marked as such) or the parents' own. A
    pupil who cannot give a view: ``geen_mening`` with how it was asked (``hoe_gevraagd``), and no text."""

    versie = models.ForeignKey(Versie, on_delete=models.CASCADE, related_name="inbreng", verbose_name=_("versie"))
    partij = models.CharField(_("van"), max_length=10, choices=Partij.choices)
    tekst = models.TextField(_("mening"), blank=True)
    # B-7 (WPO 40a lid 7, WEC 41a lid 7): a pupil who cannot give a view (e.g. EMB) — recorded as such, with how it
    # was asked, never a made-up text.
    geen_mening = models.BooleanField(_("de leerling is niet in staat een mening te geven"), default=False)
    namens = models.BooleanField(_("namens de leerling vastgelegd door de school"), default=False)
    hoe_gevraagd = models.CharField(_("hoe is het gevraagd"), max_length=300, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("door"))
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("mening over het OPP")
        verbose_name_plural = _("meningen over het OPP")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"Mening #{self.pk} ({self.partij})"

    @property
    def audit_label(self) -> str:
        return f"Mening ({self.partij}) bij OPP-versie #{self.versie_id}"


class Instemming(models.Model):
    """One answer on the handelingsdeel of a version in one round (B-4): a parent with gezag, the pupil of 18 or
    older who is handelingsbekwaam, or the curator or mentor who acts for an adult pupil (WEC 41a lid 2; BW 1:381,
    1:453). Online by the person themselves, or on paper — recorded by the school with the signed form. Never
    deleted: the record of who agreed or refused, when and why."""

    versie = models.ForeignKey(Versie, on_delete=models.CASCADE, related_name="instemmingen", verbose_name=_("versie"))
    ronde = models.PositiveSmallIntegerField(_("ronde"))
    partij = models.CharField(_("als"), max_length=20, choices=[
        ("ouder", _("ouder met gezag")), ("leerling", _("leerling (18 jaar of ouder)")),
        ("vertegenwoordiger", _("curator of mentor van de leerling"))])
    persoon = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("wie"),
                                help_text=_("Leeg bij een ouder of leerling zonder account (instemming op papier)."))
    naam = models.CharField(_("naam"), max_length=200)
    keuze = models.CharField(_("antwoord"), max_length=10, choices=Keuze.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    datum = models.DateField(_("gegeven op"))
    via = models.CharField(_("hoe"), max_length=8, choices=Via.choices, default=Via.PORTAAL)
    document = models.ForeignKey("documenten.Document", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("ondertekend formulier"))
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("vastgelegd door"))
    op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("instemming met het handelingsdeel")
        verbose_name_plural = _("instemmingen met het handelingsdeel")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.naam}: {self.get_keuze_display()}"

    @property
    def audit_label(self) -> str:
        return f"Instemming #{self.pk} bij OPP-versie #{self.versie_id}"

    @property
    def sleutel(self) -> str:
        """Who answered: a person with an account, or a name recorded on paper."""
        return f"u{self.persoon_id}" if self.persoon_id else f"n:{self.naam.strip().casefold()}"


class Evaluatie(models.Model):
    """The evaluation with the parents, at least once per school year (B-5): progress per goal, what changed, and
    whether the OPP gets a new version."""

    opp = models.ForeignKey(Ontwikkelingsperspectief, on_delete=models.CASCADE, related_name="evaluaties",
                            verbose_name=_("ontwikkelingsperspectief"))
    versie = models.ForeignKey(Versie, on_delete=models.PROTECT, related_name="evaluaties",
                               verbose_name=_("geëvalueerde versie"))
    datum = models.DateField(_("datum"))
    deelnemers = models.TextField(_("wie waren erbij"))
    wat_veranderde = models.TextField(_("wat is er veranderd"))
    vervolg = models.CharField(_("hoe verder"), max_length=16, choices=Vervolg.choices)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("vastgelegd door"))
    op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("evaluatie van het OPP")
        verbose_name_plural = _("evaluaties van het OPP")
        ordering = ["datum", "pk"]

    def __str__(self):
        return f"Evaluatie {self.datum}"

    @property
    def audit_label(self) -> str:
        return f"Evaluatie #{self.pk} van OPP #{self.opp_id}"


class DoelVoortgang(models.Model):
    evaluatie = models.ForeignKey(Evaluatie, on_delete=models.CASCADE, related_name="voortgang",
                                  verbose_name=_("evaluatie"))
    doel = models.ForeignKey(Doel, on_delete=models.PROTECT, related_name="voortgang", verbose_name=_("doel"))
    stand = models.CharField(_("voortgang"), max_length=16, choices=Voortgang.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("voortgang op een doel")
        verbose_name_plural = _("voortgang op doelen")
        ordering = ["evaluatie", "doel__volgorde", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluatie", "doel"], name="opp_voortgang_uniek")]

    def __str__(self):
        return f"{self.doel_id}: {self.stand}"


class CommissieAdvies(models.Model):
    """(v)so: what the commissie voor de begeleiding gave (WEC 40b lid 2): advice on setting or changing the OPP (a;
    WEC 41a lid 1, 2, 5 — the completeness check asks for it), its evaluation of the OPP at least once a year with a
    report to the board (b; its own clock, B-5b), and advice on terugplaatsing or overplaatsing (c). Date and text,
    optionally the document."""

    class Soort(models.TextChoices):
        ADVIES = "advies", _("Advies over het vaststellen of bijstellen van het OPP")
        EVALUATIE = "evaluatie", _("Jaarlijkse evaluatie van het OPP door de commissie")
        TERUGPLAATSING = "terugplaatsing", _("Advies over terugplaatsing of overplaatsing")

    opp = models.ForeignKey(Ontwikkelingsperspectief, on_delete=models.CASCADE, related_name="commissie_adviezen",
                            verbose_name=_("ontwikkelingsperspectief"))
    versie = models.ForeignKey(Versie, null=True, blank=True, on_delete=models.SET_NULL, related_name="commissie_adviezen",
                               verbose_name=_("over versie"))
    soort = models.CharField(_("soort"), max_length=16, choices=Soort.choices)
    datum = models.DateField(_("datum van het advies"))
    tekst = models.TextField(_("advies of verslag"))
    document = models.ForeignKey("documenten.Document", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("document"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("vastgelegd door"))
    op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("advies van de commissie voor de begeleiding")
        verbose_name_plural = _("adviezen van de commissie voor de begeleiding")
        ordering = ["datum", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.datum})"

    @property
    def audit_label(self) -> str:
        return f"Advies commissie voor de begeleiding #{self.pk} bij OPP #{self.opp_id}"
