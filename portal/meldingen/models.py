from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.basis.typed_json import TypedJSONDecoder, TypedJSONEncoder


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(ontvanger=user)

    def ongelezen(self):
        return self.filter(gelezen_op__isnull=True)


class Notification(models.Model):
    """An in-app message. Says what changed and what to do; no sensitive details (issue #3 §5)."""

    ontvanger = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen",
                                  verbose_name=_("ontvanger"))
    sleutel = models.CharField(
        _("sleutel"), max_length=200,
        help_text=_("Maakt de melding eenmalig per ontvanger, bijvoorbeeld clock:12:herinnering-7:2026-03-06."),
    )
    titel = models.CharField(_("titel"), max_length=200, help_text=_("Nederlandse tekst (msgid), vertaald bij het tonen."))
    tekst = models.TextField(_("tekst"), help_text=_("Nederlandse tekst (msgid) met %(naam)s voor de gegevens."))
    gegevens = models.JSONField(_("gegevens"), default=dict, blank=True, encoder=TypedJSONEncoder,
                                decoder=TypedJSONDecoder)
    url = models.CharField(_("link"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_index=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op", "-pk"]
        constraints = [models.UniqueConstraint(fields=["ontvanger", "sleutel"], name="melding_eenmalig")]
        indexes = [models.Index(fields=["ontvanger", "gelezen_op"], name="melding_inbox_idx")]

    def __str__(self):
        return self.titel

    @property
    def titel_weergave(self) -> str:
        from .tekst import weergave

        return weergave(self.titel, self.gegevens)

    @property
    def tekst_weergave(self) -> str:
        from .tekst import weergave

        return weergave(self.tekst, self.gegevens)


class OutboxStatus(models.TextChoices):
    WACHTEND = "wachtend", _("wachtend")
    VERSTUURD = "verstuurd", _("verstuurd")
    MISLUKT = "mislukt", _("mislukt")


class OutboxEmail(models.Model):
    """An e-mail to send, committed with the change that caused it; a task sends it (at least once)."""

    notification = models.OneToOneField(Notification, null=True, blank=True, on_delete=models.CASCADE,
                                        related_name="email")
    aan = models.EmailField(_("aan"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    status = models.CharField(_("status"), max_length=12, choices=OutboxStatus.choices, default=OutboxStatus.WACHTEND)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.CharField(_("laatste fout"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verstuurd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [models.Index(fields=["aangemaakt_op"], condition=Q(status="wachtend"), name="outbox_wachtend_idx")]

    def __str__(self):
        return f"{self.onderwerp} → {self.aan} ({self.get_status_display()})"
