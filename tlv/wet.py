"""What the law says for a TLV, in one place (docs/juridische-bronnen.md, 'TLV: which samenwerkingsverband
decides'):

* **Which SWV decides** (C-1, C-2). Not the SWV the applying school belongs to, but the SWV responsible for the
  pupil: the SWV of the school where the pupil is enrolled (sbo: a basisschool, WPO 40 lid 8 a; so: a basisschool
  or sbo school, WEC 40 lid 10; vso and pro: a school for vo, WEC 40 lid 12, WVO 2020 art. 2.30 lid 2); a pupil
  who is not enrolled there: the SWV of the area where the pupil lives (WPO 40 lid 8 b; WEC 40 lid 11 and 13; WVO
  2020 art. 2.30 lid 5); a pupil who lives abroad: the SWV of the school that applies.
* **How long it holds** (C-5, WPO 40 lid 13; WEC 40 lid 15): "één of meer schooljaren"; given in the course of a
  school year, the rest of that school year is added. The law sets no maximum: the cap is policy — rule C-5's
  parameter ``max_schooljaren`` (8 by default; the terms CLI reads the same), which an SWV may set for itself
  (``Instellingen.max_schooljaren``). The number of school years, the mid-year rule, the cap and the reminder day
  are parameters of rule C-5 that the settings may change (``tlv.termijnen``).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from portal.termijnen import dates, rules

from .constants import SECTOR, Soort, SwvGrond


class SwvOnbekend(Exception):
    """The deciding SWV cannot be determined; the message says what is missing (Dutch)."""


# Enrolment at these kinds of school counts ("ingeschreven op een basisschool" …); a pupil who already attends
# the kind of school applied for (an extension) counts too.
VORIGE_SCHOOL = {
    Soort.SBO: {"bao", "sbo"},
    Soort.SO: {"bao", "sbo"},
    Soort.VSO: {"vo", "pro"},
    Soort.PRO: {"vo", "pro"},
}
# C-3 and the receiving school: the kinds of school a TLV of each kind admits to (``School.soort``; a school for so
# and vso is recorded as either).
ONTVANGENDE_SOORTEN = {
    Soort.SBO: {"sbo"},
    Soort.SO: {"so", "vso"},
    Soort.VSO: {"so", "vso"},
    Soort.PRO: {"pro"},
}
WET = {
    Soort.SBO: ("Wet op het primair onderwijs, artikel 40 lid 8 onder a", "Wet op het primair onderwijs, artikel 40 lid 8 onder b"),
    Soort.SO: ("Wet op de expertisecentra, artikel 40 lid 10", "Wet op de expertisecentra, artikel 40 lid 11"),
    Soort.VSO: ("Wet op de expertisecentra, artikel 40 lid 12", "Wet op de expertisecentra, artikel 40 lid 13"),
    Soort.PRO: ("Wet voortgezet onderwijs 2020, artikel 2.30 lid 2", "Wet voortgezet onderwijs 2020, artikel 2.30 lid 5"),
}
DUUR_ARTIKEL = "Wet op de expertisecentra, artikel 40 lid 15"
DUUR_ARTIKELEN = {
    Soort.SBO: "Wet op het primair onderwijs, artikel 40 lid 13",
    Soort.SO: DUUR_ARTIKEL, Soort.VSO: DUUR_ARTIKEL, Soort.PRO: DUUR_ARTIKEL,
}


@dataclass(frozen=True)
class Beslissend:
    swv: object  # Samenwerkingsverband
    grond: str  # SwvGrond
    artikel: str
    school: object = None  # the school of enrolment that decided it
    gemeente: object = None  # the municipality that decided it

    def uitleg(self) -> str:
        """In plain words, for parents and the school."""
        if self.grond == SwvGrond.INSCHRIJVING:
            return _("Het kind staat ingeschreven op %(school)s. Daarom beslist het samenwerkingsverband van die school: "
                     "%(swv)s.") % {"school": self.school, "swv": self.swv}
        if self.grond == SwvGrond.WOONPLAATS:
            return _("Het kind staat niet ingeschreven op een school die hiervoor telt. Daarom beslist het "
                     "samenwerkingsverband van het gebied waar het kind woont (%(gemeente)s): %(swv)s.") % {
                "gemeente": self.gemeente, "swv": self.swv}
        return _("Het kind woont niet in Nederland. Daarom beslist het samenwerkingsverband van de school: %(swv)s.") % {
            "swv": self.swv}


def _een(qs):
    lijst = list(qs[:2])
    return lijst[0] if len(lijst) == 1 else None


def beslissend_swv(*, leerling, soort: str, aanvragende_school, woongemeente=None, buitenland: bool = False,
                   op: date | None = None) -> Beslissend:
    """The SWV that decides on a TLV of ``soort`` for ``leerling`` (see the module docstring). ``woongemeente``:
    the municipality the school gives when the pupil's record has none."""
    from django.db.models import Q
    from django.utils import timezone

    from portal.leerlingen.models import Inschrijving
    from portal.organisaties.models import Samenwerkingsverband

    from .models import Werkgebied

    op = op or timezone.localdate()
    sector = SECTOR[soort]
    ingeschreven, woonplaats = WET[soort]
    actief = (Inschrijving.objects.filter(leerling=leerling, school__soort__in=VORIGE_SCHOOL[soort], van__lte=op)
              .filter(Q(tot__isnull=True) | Q(tot__gte=op)).select_related("school").order_by("-van"))
    for ins in actief:
        swv = _een(Samenwerkingsverband.objects.filter(scholen=ins.school, sector=sector))
        if swv is not None:
            return Beslissend(swv, SwvGrond.INSCHRIJVING, ingeschreven, school=ins.school)
    if buitenland:
        swv = _een(Samenwerkingsverband.objects.filter(scholen=aanvragende_school, sector=sector))
        if swv is None:
            raise SwvOnbekend(_("De leerling woont niet in Nederland. Dan beslist het samenwerkingsverband van de school, "
                                "maar %(school)s hoort niet bij precies één samenwerkingsverband voor het %(sector)s.") % {
                "school": aanvragende_school, "sector": sector})
        return Beslissend(swv, SwvGrond.BUITENLAND, woonplaats)
    gemeente = woongemeente or leerling.woongemeente
    if gemeente is None:
        raise SwvOnbekend(_("Vul de woongemeente van de leerling in: de leerling staat niet ingeschreven op een school "
                            "die hiervoor telt, dus beslist het samenwerkingsverband van het gebied waar de leerling woont."))
    gebied = _een(Werkgebied.objects.filter(gemeente=gemeente, swv__sector=sector).select_related("swv"))
    if gebied is None:
        raise SwvOnbekend(_("Het portaal weet niet bij welk samenwerkingsverband voor het %(sector)s de gemeente "
                            "%(gemeente)s hoort. Vraag de beheerder het werkgebied in te vullen.") % {
            "sector": sector, "gemeente": gemeente})
    return Beslissend(gebied.swv, SwvGrond.WOONPLAATS, woonplaats, gemeente=gemeente)


# --- C-5: the end date ------------------------------------------------------------------------------------------

def c5_params() -> dict:
    """Rule C-5 as configured now (settings overrides included)."""
    return rules.get("C-5").params()


def standaard_schooljaren() -> int:
    return int(c5_params().get("schooljaren") or 1)


def max_schooljaren(swv=None) -> int:
    """C-5: the most school years a TLV of this SWV may cover. Policy, not law (the law: "één of meer schooljaren",
    no maximum): the SWV's own setting, else rule C-5's ``max_schooljaren`` (8)."""
    if swv is not None:
        from .models import Instellingen

        eigen = (Instellingen.objects.filter(swv_id=getattr(swv, "pk", swv))
                 .values_list("max_schooljaren", flat=True).first())
        if eigen:
            return int(eigen)
    return standaard_max_schooljaren(c5_params())


def standaard_max_schooljaren(c5: dict) -> int:
    """Rule C-5's own cap (policy: 8 unless the rule's parameters say otherwise); the service and the calculator."""
    return int(c5.get("max_schooljaren") or 8)


def check_schooljaren(schooljaren, swv=None) -> int:
    """The number of school years, checked against the law's minimum and the SWV's cap; a Dutch error otherwise."""
    try:
        n = int(schooljaren)
    except (TypeError, ValueError):
        raise SchooljarenFout(_("Vul het aantal schooljaren in als heel getal.")) from None
    hoogste = max_schooljaren(swv)
    if not 1 <= n <= hoogste:
        raise SchooljarenFout(_("Een TLV geldt minstens 1 schooljaar (WPO 40 lid 13, WEC 40 lid 15). Het "
                                "samenwerkingsverband geeft een TLV voor ten hoogste %(max)s schooljaren (beleid, geen "
                                "wet).") % {"max": hoogste})
    return n


class SchooljarenFout(ValueError):
    """The number of school years is out of range; the message is Dutch."""


def periode_start(ingangsdatum: date, params: dict | None = None) -> date:
    """The day from which the school years are counted. With the mid-year rule (WEC 40 lid 15) the TLV's own start:
    the rest of that school year is added. Without it (a settings override) the start of the school year the TLV
    begins in: that school year counts as the first."""
    params = params if params is not None else c5_params()
    if params.get("loop_van_schooljaar", True):
        return ingangsdatum
    return date(ingangsdatum.year if ingangsdatum.month >= 8 else ingangsdatum.year - 1, 8, 1)


def einddatum(ingangsdatum: date, schooljaren: int, params: dict | None = None) -> date:
    """C-5: the last day a TLV starting on ``ingangsdatum`` holds, for ``schooljaren`` whole school years."""
    return dates.tlv_einddatum(periode_start(ingangsdatum, params), int(schooljaren))
