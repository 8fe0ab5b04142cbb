"""The ontwikkelingsperspectief (OPP) as a case kind of the core (issue #7: its first model; the OPP
issue builds the editor, instemming, versions and evaluations on it)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.zaken.models import Zaak


class Ontwikkelingsperspectief(Zaak):
    """The OPP of a pupil at a school (B-1). Its 6-week term (B-2) starts at enrolment, or at the
    definitive placement after a tijdelijke inschrijving."""

    ZAAKTYPE = "opp"

    inschrijving = models.ForeignKey("leerlingen.Inschrijving", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="opps", verbose_name=_("inschrijving"))
    reden = models.CharField(_("waarom een OPP"), max_length=30, choices=[
        ("extra_ondersteuning", _("Extra ondersteuning in het regulier onderwijs")),
        ("soort_onderwijs", _("Alle leerlingen van sbo, pro, so en vso"))],
        help_text=_("B-1: verplicht bij extra ondersteuning in het regulier onderwijs en voor alle leerlingen van sbo, "
                    "pro, so en vso."))
    vastgesteld_op = models.DateField(_("vastgesteld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("ontwikkelingsperspectief")
        verbose_name_plural = _("ontwikkelingsperspectieven")
