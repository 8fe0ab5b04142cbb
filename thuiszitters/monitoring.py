from . import inspectie  # noqa: F401, I001  (registers the inspectie overview)

# The thuiszitters' monitoring figures (issue #20 §2; DOMAIN §4 F-1…F-3, §5 W3): the current thuiszitters by kind
# (F-1: absoluut verzuim, langdurig relatief verzuim, partial with or without vrijstelling) and by how long they have
# been without education — under 4 weeks, 4 weeks to 3 months, 3 months or longer (F-2 at 4 weeks, F-3's goal of 3
# months) — and the number whose 3-month alarm went to the SWV (F-3: the case is on the SWV's desk).
#
# Current: the case is open (not ended by a return to education), on the page's day. How long: from ``sinds`` (the first
# day without full education) to the page's day, with the same month arithmetic as the F-3 clock
# (``portal.termijnen.dates.plus_maanden``). Per school by the case's school; a child registered by the SWV (not enrolled
# anywhere, absoluut verzuim) counts for the SWV only. One query per figure, whatever the number of cases.

from datetime import date, timedelta

from django.db.models import Case, CharField, Count, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.monitoring.figuren import Bereik, Cel, Figuur, Grafiek, Tabel, register_figuur
from portal.termijnen.dates import plus_maanden

from .constants import Soort, Status
from .models import Thuiszitter

VIER_WEKEN = timedelta(weeks=4)
DUREN = (
    ("kort", _l("Korter dan 4 weken")),
    ("middel", _l("4 weken tot 3 maanden")),
    ("lang", _l("3 maanden of langer")),
)
ALARM = "alarm"


def drie_maanden_grens(vandaag: date) -> date:
    """The last first-day-at-home that is 3 months or longer ago on ``vandaag``: the largest ``d`` with
    ``plus_maanden(d, 3) <= vandaag`` (F-3)."""
    d = plus_maanden(vandaag, -3)
    while plus_maanden(d + timedelta(days=1), 3) <= vandaag:
        d += timedelta(days=1)
    while plus_maanden(d, 3) > vandaag:
        d -= timedelta(days=1)
    return d


def _huidig(bereik: Bereik, school_ids, swv_id):
    """The open thuiszitter cases of ``school_ids`` (and the SWV's own, ``swv_id``), with ``duur``."""
    wie = Q(school_id__in=school_ids)
    if swv_id is not None:
        wie |= Q(school__isnull=True, swv_id=swv_id)
    vandaag = bereik.vandaag
    return (Thuiszitter.objects.open().filter(wie, sinds__lte=vandaag)
            .annotate(duur=Case(When(sinds__lte=drie_maanden_grens(vandaag), then=Value("lang")),
                                When(sinds__lte=vandaag - VIER_WEKEN, then=Value("middel")),
                                default=Value("kort"), output_field=CharField())))


def _swv_id(bereik: Bereik) -> int | None:
    return None if bereik.schoolpagina else bereik.swv_id






def _tel(rijen, veld: str) -> dict:
    per: dict = {}
    for r in rijen:
        d = per.setdefault(r[veld], {})
        d[r["school_id"]] = d.get(r["school_id"], 0) + r["n"]
    return per


def _aantal(bereik: Bereik, d: dict) -> int:
    return d.get(bereik.eigen_school, 0) if bereik.schoolpagina else bereik.totaal(d)


def duur(bereik: Bereik) -> Tabel:
    """The current thuiszitters by how long they have been at home, and the F-3 alarms. One query."""
    rijen_db = list(_huidig(bereik, bereik.school_ids, _swv_id(bereik)).values("school_id", "duur")
                    .annotate(n=Count("pk"), alarm=Count("pk", filter=Q(status=Status.BIJ_SWV))).order_by())
    per = _tel(rijen_db, "duur")
    alarm: dict = {}
    for r in rijen_db:
        alarm[r["school_id"]] = alarm.get(r["school_id"], 0) + r["alarm"]
    wie = bereik.eigen_sleutel
    naam = _("thuiszitters nu")
    rijen = [[Cel(str(label)), *bereik.vergelijk(per.get(code, {}), f"{wie}:{code}")] for code, label in DUREN]
    voet = [[Cel(_("Alarm na 3 maanden: zaak bij het samenwerkingsverband")), *bereik.vergelijk(alarm, f"{wie}:{ALARM}")]]
    aantallen = [_aantal(bereik, per.get(code, {})) for code, _label in DUREN]
    samenvatting = _("%(n)s thuiszitters nu: %(kort)s korter dan 4 weken, %(middel)s tussen 4 weken en 3 maanden, "
                     "%(lang)s 3 maanden of langer. Alarm na 3 maanden: %(alarm)s.") % {
        "n": sum(aantallen), "kort": aantallen[0], "middel": aantallen[1], "lang": aantallen[2],
        "alarm": _aantal(bereik, alarm)}
    return Tabel(
        id="thuiszitters-duur", titel=_("Thuiszitters naar duur"), kolommen=[_("Hoe lang thuis"), *bereik.koppen(naam)],
        rijen=rijen, voet=voet, samenvatting=samenvatting,
        grafiek=Grafiek("staaf", [str(label) for _c, label in DUREN],
                        bereik.reeksen(naam, [per.get(code, {}) for code, _label in DUREN]), _("aantal thuiszitters")),
        toelichting=_("Kinderen zonder (volledig) onderwijs van wie de zaak nog loopt, naar de tijd sinds de eerste "
                      "dag thuis. Na 4 weken kan een onderwijsconsulent helpen (F-2); het doel is terug naar onderwijs "
                      "binnen 3 maanden, daarna gaat de zaak met een alarm naar het samenwerkingsverband (F-3)."))


def soorten(bereik: Bereik) -> Tabel:
    """The current thuiszitters by kind (F-1). One query."""
    rijen_db = list(_huidig(bereik, bereik.school_ids, _swv_id(bereik)).values("school_id", "soort")
                    .annotate(n=Count("pk")).order_by())
    per = _tel(rijen_db, "soort")
    wie = bereik.eigen_sleutel
    naam = _("thuiszitters nu")
    rijen = [[Cel(str(label)), *bereik.vergelijk(per.get(code, {}), f"{wie}:{code}")] for code, label in Soort.choices]
    aantallen = [_aantal(bereik, per.get(code, {})) for code in Soort.values]
    if sum(aantallen):
        meeste = max(zip(Soort.choices, aantallen, strict=True), key=lambda x: x[1])
        samenvatting = _("%(n)s thuiszitters nu; de meeste: %(soort)s (%(m)s).") % {
            "n": sum(aantallen), "soort": str(meeste[0][1]).lower(), "m": meeste[1]}
    else:
        samenvatting = _("Geen thuiszitters nu.")
    return Tabel(
        id="thuiszitters-soort", titel=_("Thuiszitters naar soort"), kolommen=[_("Soort"), *bereik.koppen(naam)],
        rijen=rijen, samenvatting=samenvatting,
        grafiek=Grafiek("liggend", [str(label) for _c, label in Soort.choices],
                        bereik.reeksen(naam, [per.get(code, {}) for code in Soort.values]), _("aantal thuiszitters")),
        toelichting=_("Absoluut verzuim: niet ingeschreven op een school. Langdurig relatief verzuim: ingeschreven, "
                      "maar langer dan 4 weken niet op school (F-1). Gedeeltelijk: maar een deel van de uren onderwijs, "
                      "met of zonder vrijstelling."))


def _duur_zaken(bereik: Bereik, sleutel: str):
    wie, code = bereik.lees_sleutel(sleutel, {*dict(DUREN), ALARM})
    qs = _huidig(bereik, wie.school_ids, wie.swv_id)
    return qs.filter(status=Status.BIJ_SWV) if code == ALARM else qs.filter(duur=code)


def _soorten_zaken(bereik: Bereik, sleutel: str):
    wie, code = bereik.lees_sleutel(sleutel, Soort.values)
    return _huidig(bereik, wie.school_ids, wie.swv_id).filter(soort=code)


register_figuur(Figuur("thuiszitters-duur", _l("Thuiszitters naar duur"), duur, _duur_zaken, volgorde=60))
register_figuur(Figuur("thuiszitters-soort", _l("Thuiszitters naar soort"), soorten, _soorten_zaken, volgorde=61))
