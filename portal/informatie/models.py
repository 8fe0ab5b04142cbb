"""The checklists as living documents (DOMAIN §5 P9; issue #13 §3) and the contact of an SWV's ouder- en
jeugdsteunpunt (DOMAIN §3).

A checklist is about one subject: a child (filled in by the parents with gezag), a school (the school's own
self-assessment, or a parent's feedback on that school) or an SWV (its self-assessment). Every save is a new,
frozen version with all answers, so an earlier answer is never lost."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from portal.accounts.constants import Rol

from .constants import NOTITIE_MAX, Antwoord, ChecklistSoort


class ChecklistQuerySet(models.QuerySet):
    def for_user(self, user):
        """The checklists this user may see (per object, DOMAIN §2):

        * a child's checklist: the parents with gezag over that child;
        * a school's self-assessment: that school's IB'er and directeur;
        * a parent's feedback on a school: that parent, and that school's IB'er and directeur — never public,
          never another parent, never the SWV;
        * an SWV's self-assessment: that SWV's staff."""
        if not user.is_authenticated:
            return self.none()
        from portal.leerlingen.models import Gezag

        q = Q(soort=ChecklistSoort.KIND) & Exists(Gezag.objects.filter(leerling=OuterRef("leerling"), ouder=user))
        q |= Q(soort=ChecklistSoort.SCHOOL, terugkoppeling=True, ouder=user)
        school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
        if school_ids:
            q |= Q(soort=ChecklistSoort.SCHOOL, school_id__in=school_ids)
        swv_ids = {m.swv_id for m in user.lidmaatschappen if m.rol == Rol.SWV and m.swv_id}
        if swv_ids:
            q |= Q(soort=ChecklistSoort.SWV, swv_id__in=swv_ids)
        return self.filter(q)

    def bewerkbaar_voor(self, user):
        """What this user may fill in: as :meth:`for_user`, except that a school reads a parent's feedback only."""
        return self.for_user(user).exclude(Q(terugkoppeling=True) & ~Q(ouder=user))


class Checklist(models.Model):
    soort = models.CharField(_("soort checklist"), max_length=6, choices=ChecklistSoort.choices)
    leerling = models.ForeignKey(
        "leerlingen.Leerling", null=True, blank=True, on_delete=models.CASCADE, related_name="checklists",
        verbose_name=_("leerling"),
        help_text=_("Bij de checklist voor een kind: het kind. Bij terugkoppeling alleen als de ouder koos om de naam "
                    "te laten zien."))
    school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="checklists", verbose_name=_("school"))
    swv = models.ForeignKey("organisaties.Samenwerkingsverband", null=True, blank=True, on_delete=models.CASCADE,
                            related_name="checklists", verbose_name=_("samenwerkingsverband"))
    terugkoppeling = models.BooleanField(
        _("terugkoppeling van een ouder"), default=False,
        help_text=_("De checklist voor de school, ingevuld door een ouder. Alleen de intern begeleider en de directeur "
                    "van die school zien hem; nooit openbaar."))
    ouder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="checklists_terugkoppeling", verbose_name=_("ouder (terugkoppeling)"))
    naam_tonen = models.BooleanField(
        _("naam tonen aan de school"), default=False,
        help_text=_("Alleen bij terugkoppeling: de ouder koos ervoor dat de school zijn of haar naam en die van het "
                    "kind ziet."))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ChecklistQuerySet.as_manager()

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(name="checklist_onderwerp", condition=(
                Q(soort="kind", leerling__isnull=False, school__isnull=True, swv__isnull=True, terugkoppeling=False,
                  ouder__isnull=True)
                | Q(soort="school", school__isnull=False, swv__isnull=True, terugkoppeling=False,
                    leerling__isnull=True, ouder__isnull=True)
                | Q(soort="school", school__isnull=False, swv__isnull=True, terugkoppeling=True,
                    ouder__isnull=False)
                | Q(soort="swv", swv__isnull=False, school__isnull=True, leerling__isnull=True, terugkoppeling=False,
                    ouder__isnull=True))),
            models.UniqueConstraint(fields=["leerling"], condition=Q(soort="kind"), name="checklist_een_per_kind"),
            models.UniqueConstraint(fields=["school"], condition=Q(soort="school", terugkoppeling=False),
                                    name="checklist_een_per_school"),
            models.UniqueConstraint(fields=["swv"], condition=Q(soort="swv"), name="checklist_een_per_swv"),
            models.UniqueConstraint(fields=["school", "ouder"], condition=Q(terugkoppeling=True),
                                    name="checklist_terugkoppeling_een_per_ouder"),
        ]

    def __str__(self):
        return f"Checklist #{self.pk} ({self.soort})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("informatie:checklist", args=[self.pk])

    @property
    def audit_label(self) -> str:
        # No child's name in the audit trail (AuditEntry.object_label).
        soort = "terugkoppeling" if self.terugkoppeling else self.soort
        return f"Checklist #{self.pk} ({soort})"

    @property
    def onderwerp(self):
        return self.leerling if self.soort == ChecklistSoort.KIND else (self.school or self.swv)


class ChecklistVersie(models.Model):
    """One saved state of a checklist, with all its answers; never changed afterwards."""

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="versies",
                                  verbose_name=_("checklist"))
    nummer = models.PositiveIntegerField(_("versie"))
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("opgeslagen door"))
    opgeslagen_op = models.DateTimeField(_("opgeslagen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("versie van een checklist")
        verbose_name_plural = _("versies van checklists")
        ordering = ["checklist", "-nummer"]
        constraints = [models.UniqueConstraint(fields=["checklist", "nummer"], name="checklistversie_uniek")]

    def __str__(self):
        return f"{self.checklist} — versie {self.nummer}"

    @property
    def audit_label(self) -> str:
        return f"{self.checklist.audit_label} versie {self.nummer}"


class ChecklistAntwoord(models.Model):
    """The answer to one item in one version: yes / partly / no / don't know (or none yet), a note, and the date the
    answer or note was last changed."""

    versie = models.ForeignKey(ChecklistVersie, on_delete=models.CASCADE, related_name="antwoorden",
                               verbose_name=_("versie"))
    item = models.CharField(_("onderdeel"), max_length=40)
    antwoord = models.CharField(_("antwoord"), max_length=10, choices=Antwoord.choices, blank=True)
    notitie = models.TextField(_("notitie"), max_length=NOTITIE_MAX, blank=True)
    datum = models.DateField(_("datum"), null=True, blank=True,
                             help_text=_("De dag waarop het antwoord of de notitie voor het laatst veranderde."))

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["versie", "pk"]
        constraints = [models.UniqueConstraint(fields=["versie", "item"], name="checklistantwoord_uniek")]

    def __str__(self):
        return f"{self.item}: {self.antwoord or '—'}"


class SteunpuntContact(models.Model):
    """How parents reach the ouder- en jeugdsteunpunt of an SWV (DOMAIN §3; Wet versterking positie ouders en
    leerlingen in het passend onderwijs, Kamerstuk 36 443). Kept here until ``Samenwerkingsverband`` has contact
    fields of its own; the SWV's staff maintain it."""

    swv = models.OneToOneField("organisaties.Samenwerkingsverband", on_delete=models.CASCADE,
                               related_name="steunpunt", verbose_name=_("samenwerkingsverband"))
    naam = models.CharField(_("naam van het steunpunt"), max_length=200)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    website = models.URLField(_("website"), blank=True)
    bereikbaar = models.CharField(_("wanneer bereikbaar"), max_length=200, blank=True,
                                  help_text=_("Bijvoorbeeld: maandag tot en met donderdag van 9.00 tot 16.00 uur."))
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    class Meta:
        verbose_name = _("ouder- en jeugdsteunpunt")
        verbose_name_plural = _("ouder- en jeugdsteunpunten")
        ordering = ["swv__naam"]

    def __str__(self):
        return self.naam

    @property
    def audit_label(self) -> str:
        return f"Steunpunt van SWV #{self.swv_id}"
