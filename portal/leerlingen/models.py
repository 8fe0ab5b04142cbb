from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.constants import Rol

from .access import extra_scopes
from .validators import mask_bsn, validate_bsn


class LeerlingQuerySet(models.QuerySet):
    def for_user(self, user):
        """Pupils this user may see. Per object, never by role alone (DOMAIN §2)."""
        if not user.is_authenticated:
            return self.none()
        today = timezone.localdate()
        # Family: the parents with gezag over a minor; from 18 the pupil, their curator or mentor, and a parent the
        # pupil allows (or of a pupil under curatele) — portal.zaken.hoorrecht (issue #17 §1).
        delen = gezin_delen(user)
        # The pupil: their own record (any age).
        delen.append(Leerling.objects.filter(account=user).values("pk"))
        # IB'er and directeur: pupils enrolled at their own school(s).
        school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
        if school_ids:
            delen.append(Inschrijving.objects.filter(school_id__in=school_ids)
                         .filter(Q(tot__isnull=True) | Q(tot__gte=today)).values("leerling_id"))
        # A scope of a domain app: a subquery of pupil ids (joins the union) or a condition (ORed)
        voorwaarden = []
        for extra in extra_scopes(user):
            (delen if isinstance(extra, models.QuerySet) else voorwaarden).append(extra)
        # one IN over the union of the id subqueries (issue #23 §2): an OR of them read every pupil (1 s for an
        # IB'er's count at scale 0.1)
        q = in_een_van("pk", *delen)
        for extra in voorwaarden:
            q |= extra
        return self.filter(q)


class Leerling(models.Model):
    voornamen = models.CharField(_("voornamen"), max_length=200)
    roepnaam = models.CharField(_("roepnaam"), max_length=100, blank=True)
    tussenvoegsel = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"))
    bsn = models.CharField(
        _("burgerservicenummer"), max_length=9, blank=True, validators=[validate_bsn],
        help_text=_("Optioneel. Alleen zichtbaar voor wie het nodig heeft (ouders met gezag, de school van inschrijving)."),
    )
    woongemeente = models.ForeignKey(
        "organisaties.Gemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="leerlingen",
        verbose_name=_("woongemeente"),
        help_text=_("De leerplicht van deze gemeente hoort van inschrijving en uitschrijving (A-15, Leerplichtwet 18)."),
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="leerling",
        verbose_name=_("eigen account"), help_text=_("Voor een leerling die zelf inlogt (hoorrecht, B-7)."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = LeerlingQuerySet.as_manager()

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        ordering = ["achternaam", "voornamen"]
        constraints = [
            models.UniqueConstraint(fields=["bsn"], condition=~Q(bsn=""), name="leerling_bsn_uniek"),
        ]

    def __str__(self):
        return self.naam

    @property
    def naam(self) -> str:
        return " ".join(p for p in [self.roepnaam or self.voornamen, self.tussenvoegsel, self.achternaam] if p)

    @property
    def audit_label(self) -> str:
        """How the audit trail names this pupil: no name, no BSN."""
        return f"Leerling #{self.pk}"

    def mag_bsn_zien(self, user) -> bool:
        """Parents with gezag, the pupil, and IB'er/directeur of the school of inschrijving see the BSN."""
        if not user.is_authenticated:
            return False
        if self.account_id == user.pk or self.gezag.filter(ouder=user).exists():
            return True
        today = timezone.localdate()
        return self.inschrijvingen.filter(
            school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)
        ).filter(Q(tot__isnull=True) | Q(tot__gte=today)).exists()

    def bsn_voor(self, user) -> str:
        return self.bsn if self.mag_bsn_zien(user) else mask_bsn(self.bsn)

    def leeftijd_op(self, datum) -> int:
        years = datum.year - self.geboortedatum.year
        if (datum.month, datum.day) < (self.geboortedatum.month, self.geboortedatum.day):
            years -= 1
        return years


class Gezag(models.Model):
    """A parent with gezag over a child. At most two; each has their own account."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="gezag", verbose_name=_("leerling"))
    ouder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gezag",
                              verbose_name=_("ouder"))
    verklaring_op = models.DateTimeField(_("gezag verklaard op"), default=timezone.now)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("bevestigd door"), help_text=_("De school die de koppeling van een tweede ouder bevestigde."),
    )

    class Meta:
        verbose_name = _("gezag")
        verbose_name_plural = _("gezag")
        constraints = [models.UniqueConstraint(fields=["leerling", "ouder"], name="gezag_uniek")]

    def __str__(self):
        return f"{self.ouder} — {self.leerling}"


class VertegenwoordigingSoort(models.TextChoices):
    """A court-appointed representative of an adult pupil (DOMAIN §2; BW 1:378 ff., 1:450 ff., 1:431 ff.)."""

    CURATOR = "curator", _("Curator (curatele: handelt in alle zaken)")
    MENTOR = "mentor", _("Mentor (mentorschap: handelt in zaken van verzorging en begeleiding)")
    BEWINDVOERDER = "bewindvoerder", _("Bewindvoerder (beschermingsbewind: alleen geldzaken)")


class VertegenwoordigingQuerySet(models.QuerySet):
    def actief(self, op=None):
        """In force on ``op`` (today): begun, not ended."""
        op = op or timezone.localdate()
        return self.filter(van__lte=op).filter(Q(tot__isnull=True) | Q(tot__gte=op))


class Vertegenwoordiging(models.Model):
    """Who represents an adult pupil by a court's decision (issue #17 §1). Entered by school or SWV staff with the
    court decision as proof, audited. A curator acts in every matter and the pupil is not handelingsbekwaam (BW 1:381);
    a mentor acts only in matters of care and begeleiding, the pupil stays handelingsbekwaam otherwise (BW 1:453);
    a bewindvoerder acts only for money (BW 1:438), never in the portal's matters — recorded, so staff know."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="vertegenwoordigingen",
                                 verbose_name=_("leerling"))
    vertegenwoordiger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                          related_name="vertegenwoordigingen", verbose_name=_("vertegenwoordiger"))
    soort = models.CharField(_("soort"), max_length=16, choices=VertegenwoordigingSoort.choices)
    van = models.DateField(_("geldig vanaf"), help_text=_("De dag waarop de beschikking van de rechter ingaat."))
    tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    uitspraak = models.CharField(_("beschikking van de rechter"), max_length=200,
                                 help_text=_("Rechtbank, datum en zaaknummer van de beschikking."))
    bewijs = models.FileField(_("bewijsstuk"), upload_to="vertegenwoordiging/%Y/", blank=True,
                              help_text=_("De beschikking van de rechter (PDF, PNG of JPG)."))
    ingevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+", verbose_name=_("ingevoerd door"))
    ingevoerd_op = models.DateTimeField(_("ingevoerd op"), default=timezone.now)

    objects = VertegenwoordigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("vertegenwoordiging")
        verbose_name_plural = _("vertegenwoordigingen")
        ordering = ["-van", "pk"]
        constraints = [models.CheckConstraint(condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")),
                                              name="vertegenwoordiging_tot_na_van")]

    def __str__(self):
        return f"{self.get_soort_display()} — {self.leerling}"

    @property
    def audit_label(self) -> str:
        return f"Vertegenwoordiging #{self.pk}"


class InzageOuder(models.Model):
    """An adult pupil lets a parent keep reading their cases (issue #17 §1; BW 1:233: gezag ends at 18, so the
    parents read only with the pupil's consent). Given and withdrawn by the pupil on their own page."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="inzage_ouders",
                                 verbose_name=_("leerling"))
    ouder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inzage_als_ouder",
                              verbose_name=_("ouder"))
    gegeven_op = models.DateTimeField(_("gegeven op"), default=timezone.now)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("inzage voor een ouder")
        verbose_name_plural = _("inzage voor ouders")
        ordering = ["-gegeven_op"]
        constraints = [models.UniqueConstraint(fields=["leerling", "ouder"], condition=Q(ingetrokken_op__isnull=True),
                                               name="inzage_ouder_een_lopend")]

    def __str__(self):
        return f"Inzage {self.ouder} — {self.leerling}"

    @property
    def audit_label(self) -> str:
        return f"Inzage ouder #{self.pk}"


class UitnodigingStatus(models.TextChoices):
    VERSTUURD = "verstuurd", _("Verstuurd")
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd, wacht op bevestiging door de school")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    AFGEWEZEN = "afgewezen", _("Afgewezen door de school")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class GezagUitnodiging(models.Model):
    """A parent with gezag invites the second parent; the school confirms the link (issue #2 §4)."""

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="uitnodigingen")
    uitgenodigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("uitgenodigd door"),
        help_text=_("De ouder met gezag, of de medewerker van de school die de ouder uitnodigde. Leeg: het systeem van "
                    "de school (de API) nodigde uit."))
    door_school = models.BooleanField(
        _("uitgenodigd door de school"), default=False,
        help_text=_("De school gaf dit e-mailadres op (leerlingadministratie, invoer of API, issue #21). De ouder "
                    "neemt de uitnodiging aan en de school bevestigt, zoals bij een tweede ouder."))
    email = models.EmailField(_("e-mailadres tweede ouder"))
    school = models.ForeignKey("organisaties.School", on_delete=models.CASCADE, related_name="gezag_uitnodigingen",
                               verbose_name=_("school die bevestigt"))
    status = models.CharField(_("status"), max_length=20, choices=UitnodigingStatus.choices,
                              default=UitnodigingStatus.VERSTUURD)
    geaccepteerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    behandeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("uitnodiging tweede ouder")
        verbose_name_plural = _("uitnodigingen tweede ouder")
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"Uitnodiging gezag #{self.pk} ({self.get_status_display()})"

    @property
    def uitnodiger(self) -> str:
        """Who invited, as the parent and the school read it: the person, or the school when its system did."""
        door = self.uitgenodigd_door
        if door is not None:
            return door.get_full_name() or door.email
        return self.school.naam


class Leerlingnummer(models.Model):
    """The pupil's number in a school's own administration (ParnasSys, Magister, Somtoday, ESIS; issue #21): the key
    by which an import or a school's system finds a pupil without a BSN again, so that running the same file twice
    changes nothing. One per pupil per school."""

    school = models.ForeignKey("organisaties.School", on_delete=models.CASCADE, related_name="leerlingnummers",
                               verbose_name=_("school"))
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="leerlingnummers",
                                 verbose_name=_("leerling"))
    nummer = models.CharField(_("leerlingnummer"), max_length=50,
                              help_text=_("Het nummer van de leerling in de leerlingadministratie van de school."))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("leerlingnummer")
        verbose_name_plural = _("leerlingnummers")
        constraints = [
            models.UniqueConstraint(fields=["school", "nummer"], name="leerlingnummer_uniek_per_school"),
            models.UniqueConstraint(fields=["school", "leerling"], name="leerlingnummer_een_per_school"),
        ]

    def __str__(self):
        return self.nummer

    @property
    def audit_label(self) -> str:
        return f"Leerlingnummer #{self.pk}"


class InschrijvingSoort(models.TextChoices):
    TIJDELIJK = "tijdelijk", _("Tijdelijk (A-9)")
    DEFINITIEF = "definitief", _("Definitief")


class Inschrijving(models.Model):
    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="inschrijvingen")
    school = models.ForeignKey("organisaties.School", on_delete=models.PROTECT, related_name="inschrijvingen")
    van = models.DateField(_("ingeschreven vanaf"))
    tot = models.DateField(_("ingeschreven tot en met"), null=True, blank=True)
    soort = models.CharField(_("soort"), max_length=12, choices=InschrijvingSoort.choices,
                             default=InschrijvingSoort.DEFINITIEF)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["-van"]
        indexes = [models.Index(fields=["school", "tot"])]

    def __str__(self):
        return f"{self.leerling} @ {self.school} ({self.get_soort_display()})"

    @property
    def actief(self) -> bool:
        return self.tot is None or self.tot >= timezone.localdate()


class ToestemmingSoort(models.TextChoices):
    ONDERZOEK = "onderzoek", _("Onderzoek door een psycholoog of orthopedagoog")
    GEGEVENS = "gegevens", _("Gegevens opvragen bij of delen met een organisatie")


class ToestemmingKeuze(models.TextChoices):
    GEGEVEN = "gegeven", _("Toestemming gegeven")
    GEWEIGERD = "geweigerd", _("Toestemming geweigerd")
    INGETROKKEN = "ingetrokken", _("Toestemming ingetrokken")


class ToestemmingStatus(models.TextChoices):
    GEVRAAGD = "gevraagd", _("Gevraagd, nog niet (helemaal) beantwoord")
    GEGEVEN = "gegeven", _("Gegeven")
    GEWEIGERD = "geweigerd", _("Geweigerd")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Toestemming(models.Model):
    """A consent (A-14, G-1): for one purpose, one recipient, one scope — never implied. It is reused
    for another case only when purpose, recipient and scope match exactly (issue #7 §3).

    Who gives it depends on the pupil's age on the day of the answer (DOMAIN §2; AVG art. 8 UAVG 5;
    WGBO, BW 7:450): below 16 a parent with gezag (for research from 12 to 15 also the pupil); from
    16 the pupil alone.
    """

    leerling = models.ForeignKey(Leerling, on_delete=models.CASCADE, related_name="toestemmingen",
                                 verbose_name=_("leerling"))
    soort = models.CharField(_("soort"), max_length=12, choices=ToestemmingSoort.choices)
    doel = models.TextField(_("doel"), help_text=_("Waarvoor de toestemming is."))
    ontvanger = models.CharField(_("organisatie of deskundige"), max_length=200,
                                 help_text=_("Wie het onderzoek doet, of met wie gegevens worden gedeeld."))
    omvang = models.TextField(_("omvang"), help_text=_("Welke gegevens, met wie, hoe lang."))
    gevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                      verbose_name=_("gevraagd door"))
    gevraagd_op = models.DateTimeField(_("gevraagd op"), default=timezone.now)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-gevraagd_op", "-pk"]

    def __str__(self):
        return f"Toestemming #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Toestemming #{self.pk}"

    def partijen(self, op) -> set[str]:
        """Who must give it on ``op``: {'ouder'}, {'ouder', 'leerling'} or {'leerling'}."""
        leeftijd = self.leerling.leeftijd_op(op)
        if leeftijd >= 16:
            return {"leerling"}
        if leeftijd >= 12 and self.soort == ToestemmingSoort.ONDERZOEK:
            return {"ouder", "leerling"}
        return {"ouder"}

    def laatste_per_partij(self) -> dict[str, "ToestemmingAntwoord"]:
        out = {}
        for a in sorted(self.antwoorden.all(), key=lambda a: (a.op, a.pk)):
            out[a.partij] = a
        return out

    def status(self, op=None) -> str:
        """Given when every required party's latest answer is 'given'; refused or withdrawn as soon as
        one required party refused or withdrew. Anything else: still asked."""
        op = op or timezone.localdate()
        laatste = self.laatste_per_partij()
        nodig = self.partijen(op)
        keuzes = [laatste[p].keuze for p in nodig if p in laatste]
        if ToestemmingKeuze.INGETROKKEN in keuzes:
            return ToestemmingStatus.INGETROKKEN
        if ToestemmingKeuze.GEWEIGERD in keuzes:
            return ToestemmingStatus.GEWEIGERD
        if len(keuzes) == len(nodig) and all(k == ToestemmingKeuze.GEGEVEN for k in keuzes):
            return ToestemmingStatus.GEGEVEN
        return ToestemmingStatus.GEVRAAGD

    def status_label(self, op=None) -> str:
        return ToestemmingStatus(self.status(op)).label


class ToestemmingAntwoord(models.Model):
    """One party's answer; the latest answer of each party counts. Never deleted (the record)."""

    toestemming = models.ForeignKey(Toestemming, on_delete=models.CASCADE, related_name="antwoorden")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("door"))
    partij = models.CharField(_("als"), max_length=10, choices=[("ouder", _("ouder met gezag")),
                                                                   ("leerling", _("leerling"))])
    keuze = models.CharField(_("keuze"), max_length=12, choices=ToestemmingKeuze.choices)
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        verbose_name = _("antwoord op toestemming")
        verbose_name_plural = _("antwoorden op toestemming")
        ordering = ["op", "pk"]

    def __str__(self):
        return f"{self.get_keuze_display()} ({self.partij})"


def schooljaar_van(op=None) -> str:
    """The school year a day falls in, as '2025-2026' (T-4: a school year runs 1 August – 31 July)."""
    op = op or timezone.localdate()
    begin = op.year if op.month >= 8 else op.year - 1
    return f"{begin}-{begin + 1}"


def validate_schooljaar(value: str) -> None:
    from django.core.exceptions import ValidationError

    delen = (value or "").split("-")
    if len(delen) != 2 or not all(d.isdigit() and len(d) == 4 for d in delen) or int(delen[1]) != int(delen[0]) + 1:
        raise ValidationError(_("Schrijf het schooljaar als 2025-2026."), code="schooljaar")


class GroepQuerySet(models.QuerySet):
    def van_schooljaar(self, schooljaar: str | None = None):
        return self.filter(schooljaar=schooljaar or schooljaar_van())


class Groep(models.Model):
    """A group (klas) the school maintains, per school year: its pupils and its teachers. A teacher sees the
    accommodations sheet of the pupils in their groups of the current school year — nothing else of the pupil's
    dossier (DOMAIN §2, issue #9 §4)."""

    school = models.ForeignKey("organisaties.School", on_delete=models.CASCADE, related_name="groepen",
                               verbose_name=_("school"))
    naam = models.CharField(_("naam"), max_length=100, help_text=_("Bijvoorbeeld 'groep 5b' of 'klas 2A'."))
    schooljaar = models.CharField(_("schooljaar"), max_length=9, validators=[validate_schooljaar],
                                  help_text=_("Een schooljaar loopt van 1 augustus tot en met 31 juli, bijvoorbeeld "
                                              "2025-2026."))
    leerlingen = models.ManyToManyField(Leerling, blank=True, related_name="groepen", verbose_name=_("leerlingen"))
    leerkrachten = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="groepen",
                                          verbose_name=_("leerkrachten"),
                                          help_text=_("Leerkrachten of mentoren van de school die deze groep lesgeven."))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = GroepQuerySet.as_manager()

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["-schooljaar", "naam"]
        constraints = [models.UniqueConstraint(fields=["school", "schooljaar", "naam"], name="groep_uniek")]

    def __str__(self):
        return f"{self.naam} ({self.schooljaar})"

    @property
    def audit_label(self) -> str:
        return f"Groep #{self.pk}"


class InvalbeurtQuerySet(models.QuerySet):
    def actief(self, op=None):
        """Substitutions that give access on ``op`` (today): started, not ended, not revoked."""
        op = op or timezone.localdate()
        return self.filter(ingetrokken_op__isnull=True, van__lte=op, tot__gte=op)


class Invalbeurt(models.Model):
    """A substitute teacher gets the sheets of a group's pupils for a set period: at most 4 weeks, and the
    school can revoke it earlier (issue #9 §4). After ``tot`` (inclusive) the access ends by itself."""

    MAX_DAGEN = 28  # four weeks, first and last day included

    groep = models.ForeignKey(Groep, on_delete=models.CASCADE, related_name="invalbeurten", verbose_name=_("groep"))
    leerkracht = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invalbeurten",
                                   verbose_name=_("invaller"))
    van = models.DateField(_("vanaf"))
    tot = models.DateField(_("tot en met"), help_text=_("Ten hoogste 4 weken na de eerste dag."))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("geregeld door"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = InvalbeurtQuerySet.as_manager()

    class Meta:
        verbose_name = _("invalbeurt")
        verbose_name_plural = _("invalbeurten")
        ordering = ["-van", "pk"]
        constraints = [models.CheckConstraint(name="invalbeurt_tot_na_van", condition=Q(tot__gte=models.F("van")))]
        indexes = [models.Index(fields=["leerkracht", "tot"], name="invalbeurt_leerkracht_idx")]

    def __str__(self):
        return f"Invalbeurt #{self.pk}"

    @property
    def audit_label(self) -> str:
        return f"Invalbeurt #{self.pk}"

    def is_actief(self, op=None) -> bool:
        op = op or timezone.localdate()
        return self.ingetrokken_op is None and self.van <= op <= self.tot


def leerlingen_van_leerkracht(user, op=None):
    """The pupils whose accommodations sheet this teacher may see on ``op``: in a group of the current school
    year at a school where they are leerkracht, or in a group where they substitute now (issue #9 §4)."""
    if not user.is_authenticated:
        return Leerling.objects.none()
    op = op or timezone.localdate()
    school_ids = user.school_ids(Rol.LEERKRACHT)
    if not school_ids:
        return Leerling.objects.none()
    groepen = Groep.objects.filter(school_id__in=school_ids, schooljaar=schooljaar_van(op)).filter(
        Q(leerkrachten=user) | Q(pk__in=Invalbeurt.objects.actief(op).filter(leerkracht=user).values("groep_id")))
    return Leerling.objects.filter(groepen__in=groepen.values("pk")).distinct()


# --- the family's reading rule (issue #17 §1; portal.zaken.hoorrecht builds on it) --------------------------------

MEERDERJARIG = 18  # BW 1:233: of age at 18; parental authority ends (BW 1:245)


def meerderjarig_grens(op=None):
    """Born on or before this day: 18 or older on ``op`` (today)."""
    from portal.termijnen import dates

    return dates.verjaardag(op or timezone.localdate(), -MEERDERJARIG)


def gezin_leerling_q(user, veld: str = "leerling_id", op=None) -> Q:
    """Pupils whose cases ``user`` may read as family — each as a subquery, so rows never duplicate:
    the parents with gezag over a minor; a parent of an adult pupil who consented (``InzageOuder``), or of one under
    curatele, who is not handelingsbekwaam (WEC 41 lid 7 keeps their inzage); the adult pupil's own account; their
    curator or mentor (the mentor reads the file to act in the matters of care)."""
    return in_een_van(veld, *gezin_delen(user, op))


def gezin_delen(user, op=None) -> list:
    """The subqueries of ``gezin_leerling_q``: pupil ids, one per way of being family."""
    grens = meerderjarig_grens(op)
    minderjarig = Gezag.objects.filter(ouder=user, leerling__geboortedatum__gt=grens).values("leerling_id")
    inzage = InzageOuder.objects.filter(ouder=user, ingetrokken_op__isnull=True).values("leerling_id")
    curatele = Vertegenwoordiging.objects.actief(op).filter(soort=VertegenwoordigingSoort.CURATOR).values("leerling_id")
    curatele_ouder = Gezag.objects.filter(ouder=user, leerling_id__in=curatele).values("leerling_id")
    vertegenwoordigd = (Vertegenwoordiging.objects.actief(op)
                        .filter(vertegenwoordiger=user, soort__in=(VertegenwoordigingSoort.CURATOR,
                                                                   VertegenwoordigingSoort.MENTOR))
                        .values("leerling_id"))
    zelf = Leerling.objects.filter(account=user, geboortedatum__lte=grens).values("pk")
    return [minderjarig, inzage, curatele_ouder, vertegenwoordigd, zelf]


def in_een_van(veld: str, *delen) -> Q:
    """``veld`` in any of the id subqueries ``delen``, as one ``IN (… UNION …)`` (issue #23 §2): PostgreSQL answers
    an OR of ``IN`` subqueries by reading the whole outer table (every pupil: 30 ms at scale 0.1, ten times that
    nationally); one ``IN`` over their union is a semi-join on the index (2–3 ms). Same rows."""
    eerste, *rest = (d.order_by() for d in delen)
    return Q(**{f"{veld}__in": eerste.union(*rest) if rest else eerste})
