"""The thuiszitters overview the inspectie asks SWVs for (issue #20 §4; DOMAIN §5 W3 "exports for the inspectie
(quarterly thuiszitters)"): one row per child who is a thuiszitter on the peildatum, and per child whose case ended
in the three months before it, in the categories of the national counts — the Leerplichttelling's absoluut verzuim,
langdurig relatief verzuim (more than 4 weeks) and vrijstelling, the duration bands of the 3-month goal (F-2, F-3),
the reason category, leerplicht informed (F-4, Lpw 21), and the outcome (back in education, with how many hours).
README "The thuiszitters overview for the inspectie" says what the inspectie asks, and where that was found.

Anonymised, and asserted over every cell in tests/test_monitoring_export.py: no name, no BSN, no birth date (an age
band instead), no school (the kind of education instead: a small school with an age band and a reason could point
to one child), no free text (the plan, the explanation, where the child went: only whether there is a plan), no
case number or internal id. ``Regel`` is a pseudonym for this export only: the row's number in this file, in order
of the first day without education; the same child has another number in the next export, so two exports cannot be
linked by it.

A download-only monitoring figure (``op_pagina=False``): ``monitoring:swv_download`` with id
``inspectie-thuiszitters``; registered by ``thuiszitters.monitoring`` importing this module. One query, whatever the
number of cases.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.monitoring.figuren import Bereik, Cel, Figuur, Tabel, register_figuur
from portal.termijnen.dates import plus_maanden

from .constants import Soort, Status
from .models import Thuiszitter

FIGUUR_ID = "inspectie-thuiszitters"

# The documented columns, in this order (the test asserts exactly these).
KOLOMMEN = [
    gettext_lazy("Regel"),
    gettext_lazy("Peildatum"),
    gettext_lazy("Onderwijssoort"),
    gettext_lazy("Leeftijdscategorie"),
    gettext_lazy("Soort verzuim"),
    gettext_lazy("Vrijstelling"),
    gettext_lazy("Uren onderwijs per week"),
    gettext_lazy("Reden (categorie)"),
    gettext_lazy("Duur op peildatum"),
    gettext_lazy("Duur in weken"),
    gettext_lazy("Leerplicht geïnformeerd"),
    gettext_lazy("Plan met volgende afspraak"),
    gettext_lazy("Bij het samenwerkingsverband (na 3 maanden)"),
    gettext_lazy("Stand"),
    gettext_lazy("Terug: uren onderwijs per week"),
]

# the kind of absence as the national counts name it (Leerplichttelling), and whether there is a vrijstelling
SOORT_VERZUIM = {
    Soort.ABSOLUUT: gettext_lazy("Absoluut verzuim"),
    Soort.RELATIEF: gettext_lazy("Langdurig relatief verzuim"),
    Soort.GEDEELTELIJK_ZONDER: gettext_lazy("Gedeeltelijk onderwijs"),
    Soort.GEDEELTELIJK_MET: gettext_lazy("Gedeeltelijk onderwijs"),
}


def periode(peildatum: date) -> tuple[date, date]:
    """The quarter the overview covers: the three months up to and including the peildatum."""
    return plus_maanden(peildatum, -3) + timedelta(days=1), peildatum


def leeftijdscategorie(leeftijd: int) -> str:
    """An age band instead of a birth date: before compulsory education, leerplicht (5 up to 12, 12 up to 16),
    kwalificatieplicht (16 and 17), adult."""
    if leeftijd < 5:
        return _("jonger dan 5")
    if leeftijd < 12:
        return _("5 t/m 11 jaar")
    if leeftijd < 16:
        return _("12 t/m 15 jaar")
    if leeftijd < 18:
        return _("16 en 17 jaar (kwalificatieplicht)")
    return _("18 jaar of ouder")


def duur(sinds: date, tot: date) -> str:
    """The bands of the monitoring page and the rules: under 4 weeks (F-1), 4 weeks to 3 months (F-2), over 3 months
    (F-3)."""
    if tot < sinds + timedelta(weeks=4):
        return _("Korter dan 4 weken")
    if tot < plus_maanden(sinds, 3):
        return _("4 weken tot 3 maanden")
    return _("3 maanden of langer")


def _ja(waar: bool) -> str:
    return _("ja") if waar else _("nee")


def thuiszitters(bereik: Bereik):
    """The cases of the overview: current on the peildatum, or ended in the quarter before it; of the SWV's member
    schools and the ones registered by the SWV itself (not enrolled), or on the school view of the one school only."""
    van, peildatum = periode(bereik.vandaag)
    if bereik.is_school:
        wie = Q(school_id=bereik.eigen_school)
    else:
        wie = Q(school_id__in=bereik.school_ids) | Q(swv_id=bereik.swv_id)
    actueel = ~Q(status=Status.BEEINDIGD) | Q(einddatum__gt=peildatum)
    beeindigd = Q(status=Status.BEEINDIGD, einddatum__gte=van, einddatum__lte=peildatum)
    return (Thuiszitter.objects.filter(wie, sinds__lte=peildatum).filter(actueel | beeindigd)
            .select_related("school", "leerling")
            .only("sinds", "soort", "uren_per_week", "reden", "leerplicht_gemeld_op", "einddatum", "eind_uren",
                  "status", "plan_wat", "plan_volgende_datum", "school__soort", "leerling__geboortedatum")
            .order_by("sinds", "pk"))


def rij(t: Thuiszitter, peildatum: date) -> list:
    """One child's row, without anything that names or identifies them (see the module's docstring)."""
    terug = t.status == Status.BEEINDIGD and t.einddatum is not None and t.einddatum <= peildatum
    tot = t.einddatum if terug else peildatum
    return [
        peildatum,
        t.school.get_soort_display() if t.school_id and t.soort != Soort.ABSOLUUT else _("niet ingeschreven"),
        leeftijdscategorie(t.leerling.leeftijd_op(peildatum)),
        str(SOORT_VERZUIM.get(t.soort, t.get_soort_display())),
        _ja(t.soort == Soort.GEDEELTELIJK_MET),
        t.uren_per_week if t.gedeeltelijk else None,
        t.get_reden_display(),
        duur(t.sinds, tot),
        max(0, (tot - t.sinds).days) // 7,
        _ja(t.leerplicht_gemeld_op is not None and t.leerplicht_gemeld_op <= peildatum),
        _ja(bool(t.plan_wat.strip()) and t.plan_volgende_datum is not None),
        _ja(t.status == Status.BIJ_SWV),
        _("teruggekeerd in de periode") if terug else _("thuiszittend"),
        t.eind_uren if terug else None,
    ]


def maak(bereik: Bereik) -> Tabel:
    rijen = [[Cel(i), *(Cel(w) for w in rij(t, bereik.vandaag))]
             for i, t in enumerate(thuiszitters(bereik), start=1)]
    van, tot = periode(bereik.vandaag)
    actueel = sum(1 for r in rijen if r[13].waarde == _("thuiszittend"))
    return Tabel(
        id=FIGUUR_ID, titel=_("Thuiszitters voor de inspectie"), kolommen=[str(k) for k in KOLOMMEN], rijen=rijen,
        samenvatting=_("%(n)s thuiszitters op %(peil)s; %(terug)s teruggekeerd tussen %(van)s en %(peil)s.") % {
            "n": actueel, "peil": tot.strftime("%d-%m-%Y"), "terug": len(rijen) - actueel,
            "van": van.strftime("%d-%m-%Y")},
        toelichting=_("Geanonimiseerd: geen naam, BSN, geboortedatum, school of vrije tekst. Het regelnummer geldt "
                      "alleen in dit bestand."),
    )


INSPECTIE = register_figuur(Figuur(id=FIGUUR_ID, titel=gettext_lazy("Thuiszitters voor de inspectie"), maak=maak,
                                   volgorde=90, op_pagina=False))
