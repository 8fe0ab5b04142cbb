"""The aanmelding's monitoring figures (issue #20 §2; DOMAIN §5 W3): how aanmeldingen ended — admitted, admitted with
extra support, a place at another school (A-10), refused on a ground outside the zorgplicht (A-11), not treated
(A-8), withdrawn by the parents — and the refusals by ground, per member school and for the SWV.

Which aanmeldingen: those that ended (final status: decided or withdrawn) in the current school year and in the
previous one (1 August – 31 July, T-4), by the day the case closed (``Zaak.afgesloten_op``: the decision made known,
or the withdrawal). Two school years, because a school year that has just begun says little on its own; the
previous one is complete. The outcome is the case's decision in force (``Besluit`` "aanmelding", not lapsed).
One query per figure, whatever the number of aanmeldingen.
"""

from datetime import datetime, time, timedelta

from django.db.models import Case, CharField, Count, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.monitoring.figuren import (
    Bereik,
    Cel,
    Figuur,
    Grafiek,
    Tabel,
    register_figuur,
    schooljaar,
    schooljaar_label,
    vorig_schooljaar,
)
from portal.zaken.models import Besluit

from .constants import BesluitSoort, Status, WeigerGrond
from .models import Aanmelding

INGETROKKEN = "ingetrokken"
# How an aanmelding ended, in the order of the table.
AFLOPEN = (
    (BesluitSoort.TOEGELATEN, _l("Toegelaten")),
    (BesluitSoort.TOEGELATEN_ONDERSTEUNING, _l("Toegelaten met extra ondersteuning")),
    (BesluitSoort.PLEK_ELDERS, _l("Geplaatst op een andere school (A-10)")),
    (BesluitSoort.NIET_TOEGELATEN, _l("Geweigerd (grond buiten de zorgplicht)")),
    (BesluitSoort.NIET_IN_BEHANDELING, _l("Niet in behandeling genomen")),
    (INGETROKKEN, _l("Ingetrokken door de ouders")),
)
ZONDER_GROND = "onbekend"
GRONDEN = (*WeigerGrond.choices, (ZONDER_GROND, _l("Geen grond vastgelegd")))
JAREN = ("dit", "vorig")


def _begin(d):
    return timezone.make_aware(datetime.combine(d, time.min))


def _afgelopen(bereik: Bereik):
    """The aanmeldingen of the counted schools that ended in this or the previous school year, with ``jaar``
    ("dit"/"vorig") and ``afloop`` (the decision's outcome, or "ingetrokken")."""
    dit_begin, dit_einde = schooljaar(bereik.vandaag)
    vorig_begin, _e = vorig_schooljaar(bereik.vandaag)
    besluit = (Besluit.objects.filter(zaak_id=OuterRef("pk"), besluittype="aanmelding", vervallen_op__isnull=True)
               .order_by("-pk").values("uitkomst")[:1])
    return (Aanmelding.objects
            .filter(status__in=[Status.BESLOTEN, Status.INGETROKKEN], afgesloten_op__gte=_begin(vorig_begin),
                    afgesloten_op__lt=_begin(dit_einde + timedelta(days=1)))
            .annotate(jaar=Case(When(afgesloten_op__gte=_begin(dit_begin), then=Value("dit")), default=Value("vorig"),
                                output_field=CharField()),
                      afloop=Case(When(status=Status.INGETROKKEN, then=Value(INGETROKKEN)), default=Subquery(besluit),
                                  output_field=CharField())))


def _scholen(bereik: Bereik, qs):
    return qs.filter(school_id__in=bereik.school_ids)


def _jaar_kop(bereik: Bereik, jaar: str) -> str:
    d = bereik.vandaag if jaar == "dit" else vorig_schooljaar(bereik.vandaag)[0]
    return schooljaar_label(d)






# --- how aanmeldingen ended ---------------------------------------------------------------------------------------

def afloop(bereik: Bereik) -> Tabel:
    """Per outcome: the number in this and the previous school year (the SWV), or the school's own beside the
    average. One query."""
    rijen_db = (_scholen(bereik, _afgelopen(bereik)).values("school_id", "jaar", "afloop").annotate(n=Count("pk"))
                .order_by())
    per: dict = {}
    for r in rijen_db:
        per.setdefault((r["afloop"], r["jaar"]), {})
        per[r["afloop"], r["jaar"]][r["school_id"]] = per[r["afloop"], r["jaar"]].get(r["school_id"], 0) + r["n"]
    wie = bereik.eigen_sleutel
    kolommen = [_("Afloop")]
    for jaar in JAREN:
        kolommen += bereik.koppen(_jaar_kop(bereik, jaar))
    rijen = [[Cel(str(label)), *[c for jaar in JAREN
                                 for c in bereik.vergelijk(per.get((code, jaar), {}), f"{wie}:{code}:{jaar}")]]
             for code, label in AFLOPEN]
    dit = {code: per.get((code, "dit"), {}) for code, _label in AFLOPEN}
    if bereik.schoolpagina:
        eigen = sum(d.get(bereik.eigen_school, 0) for d in dit.values())
        elders = dit[BesluitSoort.PLEK_ELDERS].get(bereik.eigen_school, 0) + dit[BesluitSoort.NIET_TOEGELATEN].get(
            bereik.eigen_school, 0)
        samenvatting = _("%(jaar)s: %(n)s aanmeldingen afgerond, waarvan %(elders)s geplaatst elders of geweigerd.") % {
            "jaar": _jaar_kop(bereik, "dit"), "n": eigen, "elders": elders}
    else:
        totaal = sum(bereik.totaal(d) for d in dit.values())
        samenvatting = _("%(jaar)s: %(n)s aanmeldingen afgerond; %(elders)s geplaatst op een andere school, %(geweigerd)s "
                         "geweigerd, %(ingetrokken)s ingetrokken.") % {
            "jaar": _jaar_kop(bereik, "dit"), "n": totaal, "elders": bereik.totaal(dit[BesluitSoort.PLEK_ELDERS]),
            "geweigerd": bereik.totaal(dit[BesluitSoort.NIET_TOEGELATEN]),
            "ingetrokken": bereik.totaal(dit[INGETROKKEN])}
    return Tabel(
        id="aanmeldingen-afloop", titel=_("Hoe aanmeldingen eindigden"), kolommen=kolommen, rijen=rijen,
        samenvatting=samenvatting,
        grafiek=Grafiek("liggend", [str(label) for _c, label in AFLOPEN],
                        bereik.reeksen(_jaar_kop(bereik, "dit"), [dit[code] for code, _label in AFLOPEN]),
                        _("aantal aanmeldingen")),
        toelichting=_("Aanmeldingen die in het schooljaar (1 augustus – 31 juli) zijn afgerond: het besluit is bekend "
                      "gemaakt of de ouders trokken de aanmelding in. 'Geplaatst op een andere school': de school liet "
                      "het kind niet toe, maar een andere school wil het toelaten (A-10)."))


def _afloop_zaken(bereik: Bereik, sleutel: str):
    wie, code, jaar = bereik.lees_sleutel(sleutel, dict(AFLOPEN), JAREN)
    return _afgelopen(bereik).filter(school_id__in=wie.school_ids, jaar=jaar, afloop=code)


# --- refusals by ground -------------------------------------------------------------------------------------------

def _weigeringen(bereik: Bereik):
    return _afgelopen(bereik).filter(afloop=BesluitSoort.NIET_TOEGELATEN).annotate(
        grond=Case(When(Q(besluit_grond=""), then=Value(ZONDER_GROND)), default="besluit_grond",
                   output_field=CharField()))


def weigeringen(bereik: Bereik) -> Tabel:
    """Refusals outside the zorgplicht by their ground (A-11), in this and the previous school year. One query."""
    rijen_db = (_scholen(bereik, _weigeringen(bereik)).values("school_id", "jaar", "grond").annotate(n=Count("pk"))
                .order_by())
    per: dict = {}
    for r in rijen_db:
        d = per.setdefault((r["grond"], r["jaar"]), {})
        d[r["school_id"]] = d.get(r["school_id"], 0) + r["n"]
    gronden = [(code, label) for code, label in GRONDEN
               if code != ZONDER_GROND or any(per.get((ZONDER_GROND, j)) for j in JAREN)]
    wie = bereik.eigen_sleutel
    kolommen = [_("Grond")]
    for jaar in JAREN:
        kolommen += bereik.koppen(_jaar_kop(bereik, jaar))
    rijen = [[Cel(str(label)), *[c for jaar in JAREN
                                 for c in bereik.vergelijk(per.get((code, jaar), {}), f"{wie}:{code}:{jaar}")]]
             for code, label in gronden]
    dit = [per.get((code, "dit"), {}) for code, _label in gronden]
    aantallen = [d.get(bereik.eigen_school, 0) if bereik.schoolpagina else bereik.totaal(d) for d in dit]
    if sum(aantallen):
        meeste = max(zip(gronden, aantallen, strict=True), key=lambda x: x[1])
        samenvatting = _("%(jaar)s: %(n)s weigeringen; de meeste om deze grond: %(grond)s (%(m)s).") % {
            "jaar": _jaar_kop(bereik, "dit"), "n": sum(aantallen), "grond": str(meeste[0][1]).lower(), "m": meeste[1]}
    else:
        samenvatting = _("%(jaar)s: geen weigeringen.") % {"jaar": _jaar_kop(bereik, "dit")}
    return Tabel(
        id="aanmeldingen-weigeringen", titel=_("Weigeringen naar grond"), kolommen=kolommen, rijen=rijen,
        samenvatting=samenvatting,
        grafiek=Grafiek("liggend", [str(label) for _c, label in gronden],
                        bereik.reeksen(_jaar_kop(bereik, "dit"), dit), _("aantal weigeringen")),
        toelichting=_("Een school mag een kind alleen weigeren om een grond buiten de zorgplicht: de school is vol, "
                      "de ouders respecteren de grondslag niet, of (alleen vo) het kind voldoet niet aan de "
                      "toelatingseisen (A-11). Een kind dat extra ondersteuning nodig heeft en op een andere school "
                      "terechtkan, staat bij 'Hoe aanmeldingen eindigden'."))


def _weigeringen_zaken(bereik: Bereik, sleutel: str):
    wie, code, jaar = bereik.lees_sleutel(sleutel, dict(GRONDEN), JAREN)
    return _weigeringen(bereik).filter(school_id__in=wie.school_ids, jaar=jaar, grond=code)


register_figuur(Figuur("aanmeldingen-afloop", _l("Hoe aanmeldingen eindigden"), afloop, _afloop_zaken, volgorde=30))
register_figuur(Figuur("aanmeldingen-weigeringen", _l("Weigeringen naar grond"), weigeringen, _weigeringen_zaken,
                       volgorde=31))
