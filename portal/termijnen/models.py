from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.constants import Rol


class Uitkomst(models.TextChoices):
    OP_TIJD = "op_tijd", _("op tijd")
    TE_LAAT = "te_laat", _("te laat")
    VERVALLEN = "vervallen", _("vervallen")


class Status(models.TextChoices):
    """Shown to users; derived from the facts, never stored (issue #3 §3)."""

    LOPEND = "lopend", _("lopend")
    OPGESCHORT = "opgeschort", _("opgeschort")
    VERLENGD = "verlengd", _("verlengd")
    VERLOPEN = "verlopen", _("verlopen")
    VOLDAAN = "voldaan", _("voldaan")
    TE_LAAT_VOLDAAN = "te_laat_voldaan", _("te laat voldaan")
    VERVALLEN = "vervallen", _("vervallen")


# Ordered by due date, newest rows last — written as an expression so that PostgreSQL does not walk the due-date index of
# every clock of the country looking for the few of one school or one person (with a LIMIT it prefers that walk:
# 5–10 s at scale 1.0 when the person has none, issue #23); it reads them by the school's or person's index and sorts.
OP_DATUM = (Coalesce("uiterlijk", "uiterlijk"), "pk")


class ClockQuerySet(models.QuerySet):
    def open(self):
        return self.filter(gesloten_op__isnull=True)

    def for_user(self, user):
        """Clocks of cases this user works on: own school(s) for IB'er/directeur, own SWV for its staff,
        or where the user is named responsible. Parents see clocks through their case pages."""
        if not user.is_authenticated:
            return self.none()
        q = Q(verantwoordelijke=user)
        school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
        if school_ids:
            q |= Q(school_id__in=school_ids)
        swv_ids = user.swv_ids()
        if swv_ids:
            q |= Q(swv_id__in=swv_ids, school__isnull=True)
        return self.filter(q)

    def eerstvolgende(self, user, n: int) -> list:
        """The ``n`` open clocks of ``for_user`` with the nearest due date. Each condition of the rule is asked on
        its own (its own index: the school's open clocks by due date) and the results merged: ordered by due date
        over the OR, PostgreSQL walks every clock of the country by date and filters (146 ms at scale 0.1, issue
        #23). Same clocks as ``for_user(user).open().filter(uiterlijk__isnull=False).order_by("uiterlijk")[:n]``."""
        if not user.is_authenticated:
            return []
        delen = [Q(verantwoordelijke=user)]
        school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
        if school_ids:
            delen.append(Q(school_id__in=school_ids))
        swv_ids = user.swv_ids()
        if swv_ids:
            delen.append(Q(swv_id__in=swv_ids, school__isnull=True))
        gevonden = {}
        for q in delen:
            for c in self.filter(q, gesloten_op__isnull=True, uiterlijk__isnull=False).order_by(*OP_DATUM)[:n]:
                gevonden[c.pk] = c
        return sorted(gevonden.values(), key=lambda c: (c.uiterlijk, c.pk))[:n]


class Clock(models.Model):
    """A running legal term attached to a case. The facts are stored; the due date is computed from
    them on every event and stored (indexed); the status is derived."""

    regel_id = models.CharField(_("regel"), max_length=20, db_index=True,
                                help_text=_("Het id van de regel in DOMAIN §4, bijvoorbeeld A-6."))
    params = models.JSONField(_("regelparameters (momentopname)"),
                              help_text=_("De regel zoals die gold toen de termijn begon."))
    zaak = models.ForeignKey("zaken.Zaak", on_delete=models.CASCADE, related_name="clocks", verbose_name=_("zaak"))
    besluit = models.ForeignKey(
        "zaken.Besluit", null=True, blank=True, on_delete=models.CASCADE, related_name="rechtsmiddel_klokken",
        verbose_name=_("besluit"), help_text=_("Voor termijnen die lopen vanaf de bekendmaking van een besluit (bezwaar, geschil)."))
    omschrijving = models.CharField(_("omschrijving"), max_length=200,
                                    help_text=_("Zonder naam of gegevens van het kind, bijvoorbeeld 'Aanmelding #12'."))
    school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="termijnen", verbose_name=_("school"))
    swv = models.ForeignKey("organisaties.Samenwerkingsverband", null=True, blank=True, on_delete=models.CASCADE,
                            related_name="termijnen", verbose_name=_("samenwerkingsverband"))
    verantwoordelijke = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="termijnen", verbose_name=_("verantwoordelijke"))
    start = models.DateField(_("startdatum"), help_text=_("De dag waarna de termijn begint te lopen (T0)."))
    verlenging_weken = models.PositiveSmallIntegerField(_("verlenging (weken)"), null=True, blank=True)
    verlenging_reden = models.TextField(_("reden van verlenging"), blank=True)
    verlenging_meegedeeld_op = models.DateField(_("verlenging aan ouders meegedeeld op"), null=True, blank=True)
    aangekondigd_uiterlijk = models.DateField(
        _("later beslisdatum aangekondigd"), null=True, blank=True,
        help_text=_("Awb 4:14: vóór het einde van de termijn meegedeeld; de termijn loopt dan tot deze dag."))
    aangekondigd_reden = models.TextField(_("reden van de latere datum"), blank=True)
    aangekondigd_op = models.DateField(_("latere datum meegedeeld op"), null=True, blank=True)
    gesloten_op = models.DateField(_("voldaan op"), null=True, blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=12, choices=Uitkomst.choices, blank=True)
    uiterlijk = models.DateField(_("uiterlijk"), null=True, blank=True, db_index=True,
                                 help_text=_("Berekend uit de feiten; leeg zolang de termijn is opgeschort."))
    volgende_actie_op = models.DateField(_("volgende actie op"), null=True, blank=True,
                                         help_text=_("Wanneer de termijnbewaker deze termijn weer moet bekijken."))
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    objects = ClockQuerySet.as_manager()

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        indexes = [
            # The sweep's query: cost grows with the clocks that need action, not with all clocks.
            models.Index(fields=["volgende_actie_op"], condition=Q(gesloten_op__isnull=True), name="clock_sweep_idx"),
            models.Index(fields=["school", "uiterlijk"], condition=Q(gesloten_op__isnull=True), name="clock_school_open_idx"),
        ]

    def __str__(self):
        return f"{self.regel_id} — {self.omschrijving}"

    def get_absolute_url(self) -> str:
        """The staff page of the case this term belongs to."""
        return self.zaak.get_absolute_url()

    @property
    def audit_label(self) -> str:
        return f"Termijn {self.regel_id} bij {self.omschrijving}"[:200]

    @property
    def naam(self) -> str:
        return self.params.get("naam", self.regel_id)

    @property
    def stilgestaan(self) -> int:
        """Days on which the term stood still (closed suspensions), told to parents (issue #8)."""
        return sum((o.tot - o.van).days for o in self.opschortingen.all() if o.tot is not None)

    def opschortingen_lijst(self) -> list[tuple[date, date | None]]:
        if self.pk is None:
            return []
        return [(o.van, o.tot) for o in self.opschortingen.all()]

    @property
    def open_opschorting(self):
        if self.pk is None:
            return None
        return next((o for o in self.opschortingen.all() if o.tot is None), None)

    def status(self, vandaag: date | None = None) -> str:
        vandaag = vandaag or timezone.localdate()
        if self.gesloten_op:
            return {Uitkomst.OP_TIJD: Status.VOLDAAN, Uitkomst.TE_LAAT: Status.TE_LAAT_VOLDAAN}.get(
                self.uitkomst, Status.VERVALLEN)
        if self.uiterlijk is None:
            return Status.OPGESCHORT
        if self.uiterlijk < vandaag:
            return Status.VERLOPEN
        if self.verlenging_weken:
            return Status.VERLENGD
        return Status.LOPEND

    def status_label(self, vandaag: date | None = None) -> str:
        return Status(self.status(vandaag)).label

    def dagen_over(self, vandaag: date | None = None) -> int | None:
        if self.uiterlijk is None or self.gesloten_op:
            return None
        return (self.uiterlijk - (vandaag or timezone.localdate())).days


class Opschorting(models.Model):
    """An interval [van, tot) on which the clock stood still (A-8, Awb 4:15). tot empty: still open."""

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="opschortingen")
    van = models.DateField(_("opgeschort vanaf"))
    tot = models.DateField(_("opgeschort tot (niet meegerekend)"), null=True, blank=True)
    reden = models.CharField(_("reden"), max_length=300)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("door"))
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")
        ordering = ["van", "pk"]

    def __str__(self):
        return f"{self.van} – {self.tot or '…'}"


class ClockEvent(models.Model):
    """What the sweep did for a clock: exactly one row per (clock, event, due date), enforced by the
    database, so two workers or a crash-and-retry never act twice (issue #3 §4)."""

    HERINNERING = "herinnering"
    VERLOPEN = "verlopen"

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="events")
    soort = models.CharField(_("gebeurtenis"), max_length=40, help_text=_("herinnering-7, herinnering-2, verlopen"))
    uiterlijk = models.DateField(_("voor de einddatum"))
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gevolg = models.CharField(_("rechtsgevolg"), max_length=60, blank=True)
    gevolg_afgehandeld_op = models.DateTimeField(_("rechtsgevolg afgehandeld op"), null=True, blank=True)
    gevolg_resultaat = models.CharField(_("resultaat rechtsgevolg"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("termijngebeurtenis")
        verbose_name_plural = _("termijngebeurtenissen")
        constraints = [models.UniqueConstraint(fields=["clock", "soort", "uiterlijk"], name="clockevent_eenmalig")]
        indexes = [models.Index(fields=["gevolg_afgehandeld_op"], condition=~Q(gevolg=""), name="clockevent_gevolg_idx")]

    def __str__(self):
        return f"{self.soort} ({self.uiterlijk})"


class SweepRun(models.Model):
    """Heartbeat of the deadline worker, shown on /health (issue #3 §6)."""

    naam = models.CharField(max_length=50, unique=True)
    laatst_geslaagd_op = models.DateTimeField(null=True, blank=True)
    duur_seconden = models.FloatField(default=0)
    verwerkt = models.PositiveIntegerField(default=0)
    gewaarschuwd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("termijnbewaker-run")
        verbose_name_plural = _("termijnbewaker-runs")

    def __str__(self):
        return f"{self.naam}: {self.laatst_geslaagd_op}"

    def is_stale(self, nu=None) -> bool:
        nu = nu or timezone.now()
        return self.laatst_geslaagd_op is None or nu - self.laatst_geslaagd_op > settings.TERMIJNEN_SWEEP_STALE_AFTER


def herinneringen(params: dict, uiterlijk: date) -> list[tuple[date, str]]:
    """Every reminder of a due date as (day, event name): N days before it ("herinnering-7"), and on calendar
    days ("herinnering-op-02-01": the last 1 February on or before the due date)."""
    out = [(uiterlijk - timedelta(days=int(k)), f"herinnering-{int(k)}") for k in params.get("herinneringen", [])]
    for dag in params.get("herinnering_op", []):
        maand, d = int(dag[:2]), int(dag[3:5])
        jaar = uiterlijk.year if (maand, d) <= (uiterlijk.month, uiterlijk.day) else uiterlijk.year - 1
        try:
            op = date(jaar, maand, d)
        except ValueError:  # 29 February in a common year: the day after 28 February
            op = date(jaar, 3, 1)
        out.append((op, f"herinnering-op-{dag}"))
    return out


def kandidaat_data(params: dict, uiterlijk: date) -> list[date]:
    """The days on which the sweep acts for a due date: each reminder, and the day after (overdue)."""
    out = {d for d, _naam in herinneringen(params, uiterlijk)}
    out.add(uiterlijk + timedelta(days=1))
    return sorted(out)


class GelijkgesteldeDag(models.Model):
    """A day a royal decree declared equal to an algemeen erkende feestdag (T-3; Algemene termijnenwet
    art. 3 lid 3). Data, not code: the beheerder adds the next decree's days without a release."""

    datum = models.DateField(_("datum"), unique=True)
    besluit = models.CharField(_("besluit"), max_length=300,
                               help_text=_("De titel van het koninklijk besluit, zoals in de Staatscourant."))
    bron = models.CharField(_("vindplaats"), max_length=300, blank=True,
                            help_text=_("Bijvoorbeeld het Staatscourant-nummer of de link naar officielebekendmakingen.nl."))
    toegevoegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("toegevoegd door"))
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gelijkgestelde dag")
        verbose_name_plural = _("gelijkgestelde dagen (Algemene termijnenwet)")
        ordering = ["datum"]

    def __str__(self):
        return self.datum.isoformat()
