"""A client of the API: an organisation's system (issue #21 §2).

The OAuth2 client itself (client id, hashed secret, grant type) is django-oauth-toolkit's ``Application``; a
``Koppeling`` binds it to exactly one organisation — a school, a board or an SWV — and to the scopes it may use.
What the system sees is scoped by that organisation (portal.api.toegang), never more than that organisation's staff
see in the pages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.settings import oauth2_settings


class KoppelingQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(ingetrokken_op__isnull=True)


class Koppeling(models.Model):
    application = models.OneToOneField(oauth2_settings.APPLICATION_MODEL, on_delete=models.PROTECT,
                                       related_name="koppeling", verbose_name=_("OAuth2-client"))
    naam = models.CharField(_("naam"), max_length=200, help_text=_("Welk systeem, bijvoorbeeld 'ParnasSys De Regenboog'."))
    school = models.ForeignKey("organisaties.School", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="api_koppelingen", verbose_name=_("school"))
    bestuur = models.ForeignKey("organisaties.Bestuur", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="api_koppelingen", verbose_name=_("bevoegd gezag"))
    swv = models.ForeignKey("organisaties.Samenwerkingsverband", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="api_koppelingen", verbose_name=_("samenwerkingsverband"))
    scopes = models.JSONField(_("scopes"), default=list, blank=True,
                              help_text=_("Wat het systeem mag, per gegevenssoort lezen of schrijven, bijvoorbeeld "
                                          "leerlingen:lezen."))
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", verbose_name=_("aangemaakt door"))
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True,
                                          help_text=_("Vanaf dit moment weigert de API elk verzoek van dit systeem."))

    objects = KoppelingQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")
        ordering = ["naam", "pk"]
        constraints = [models.CheckConstraint(
            name="koppeling_een_organisatie",
            condition=(Q(school__isnull=False, bestuur__isnull=True, swv__isnull=True)
                       | Q(school__isnull=True, bestuur__isnull=False, swv__isnull=True)
                       | Q(school__isnull=True, bestuur__isnull=True, swv__isnull=False)))]

    def __str__(self):
        return f"{self.naam} ({self.organisatie})"

    @property
    def audit_label(self) -> str:
        return f"API-koppeling #{self.pk}"

    @property
    def organisatie(self):
        return self.school or self.bestuur or self.swv

    @property
    def soort(self) -> str:
        return "school" if self.school_id else "bestuur" if self.bestuur_id else "swv"

    @property
    def actief(self) -> bool:
        return self.ingetrokken_op is None

    def clean(self):
        from .registry import SCOPES, scopes_voor

        if sum(x is not None for x in (self.school_id, self.bestuur_id, self.swv_id)) != 1:
            raise ValidationError(_("Kies precies één organisatie: een school, een bestuur of een samenwerkingsverband."))
        onbekend = [s for s in self.scopes if s not in SCOPES]
        if onbekend:
            raise ValidationError({"scopes": _("Onbekende scope: %(s)s.") % {"s": ", ".join(onbekend)}})
        niet = [s for s in self.scopes if s not in scopes_voor(self.soort)]
        if niet:
            raise ValidationError({"scopes": _("Deze scope past niet bij dit soort organisatie: %(s)s.")
                                   % {"s": ", ".join(niet)}})
