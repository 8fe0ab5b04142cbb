"""The TLV's monitoring figures (issue #20 §2; DOMAIN §5 W3, §4 C-1, C-5): the TLVs in force by school type and by
funding category, and how many of them end this school year (1 August – 31 July, T-4; ``figuren.schooljaar``, the
same year as ``portal.termijnen.dates.schooljaar_einde`` that C-5's end date is computed with).

In force on the page's day: granted (``Status.TOEGEKEND``, the status a TLV keeps until C-5's expiry marks it
``VERLOPEN``), taken effect (``ingangsdatum``) and not past its end date — the rule of ``services.besluit_geldig``.
The TLVs counted are the SWV's own decisions; per school they are counted at the school that applied (C-2,
``aanvragende_school``). One query per figure, whatever the number of TLVs.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.monitoring.figuren import (
    Bereik,
    Cel,
    Figuur,
    Grafiek,
    Tabel,
    Wie,
    register_figuur,
    register_geen_beslistermijn,
    schooljaar,
    schooljaar_label,
)

from .constants import MET_CATEGORIE, Categorie, Soort, Status
from .models import Toelaatbaarheidsverklaring

# C-5 is not an open term in the term figures: a TLV's end date is the end of a period of validity, not a term within
# which a school or the SWV must decide (its clock has no school, and its 1 February reminder asks the school to arrange
# a return or a new TLV, which has no legal deadline). Counting it would make every TLV in its last year look "due"
# and every expired one "overdue". The TLVs that end this school year are a figure of their own here instead.
register_geen_beslistermijn("C-5", "Einde van de geldigheid van een TLV, geen beslistermijn (C-5).")
# C-7 is a retention period (the health data go 3 years after the decision): no decision term either.
register_geen_beslistermijn("C-7", "Bewaartermijn van gezondheidsgegevens, geen beslistermijn (C-7).")

MATEN = ("geldig", "loopt_af")


def _geldig(bereik: Bereik):
    """The SWV's TLVs in force on the page's day, with ``loopt_af``: ends this school year."""
    vandaag = bereik.vandaag
    return (Toelaatbaarheidsverklaring.objects
            .filter(swv_id=bereik.swv_id, status=Status.TOEGEKEND, tlv_nummer__isnull=False, einddatum__gte=vandaag)
            .filter(Q(ingangsdatum__isnull=True) | Q(ingangsdatum__lte=vandaag)))


def _loopt_af_q(bereik: Bereik) -> Q:
    return Q(einddatum__lte=schooljaar(bereik.vandaag)[1])


def _per_school(bereik: Bereik, rijen, sleutel: str, n: str) -> dict:
    """Counts by (group, applying school); an applying school outside the SWV counts for the SWV only (key None)."""
    per: dict = {}
    for r in rijen:
        school = r["aanvragende_school_id"] if r["aanvragende_school_id"] in bereik.school_ids else None
        d = per.setdefault(r[sleutel], {})
        d[school] = d.get(school, 0) + r[n]
    return per


def _wie(wie: Wie) -> Q:
    """Every TLV of the SWV on its page (also one asked for by a school outside it), else the one school's."""
    return Q() if wie.alle else Q(aanvragende_school_id__in=wie.school_ids)




def _aantal(bereik: Bereik, per_school: dict):
    return per_school.get(bereik.eigen_school, 0) if bereik.schoolpagina else bereik.totaal(per_school)


def soorten(bereik: Bereik) -> Tabel:
    """Per school type (C-1): TLVs in force, and how many end this school year. One query."""
    rijen_db = (_geldig(bereik).values("toegekend_soort", "aanvragende_school_id")
                .annotate(geldig=Count("pk"), loopt_af=Count("pk", filter=_loopt_af_q(bereik))).order_by())
    rijen_db = list(rijen_db)
    per = {m: _per_school(bereik, rijen_db, "toegekend_soort", m) for m in MATEN}
    jaar = schooljaar_label(bereik.vandaag)
    koppen = {"geldig": _("geldig"), "loopt_af": _("loopt af in %(jaar)s") % {"jaar": jaar}}
    wie = bereik.eigen_sleutel
    kolommen = [_("Soort onderwijs")]
    for m in MATEN:
        kolommen += bereik.koppen(koppen[m])
    rijen = [[Cel(str(label)), *[c for m in MATEN for c in bereik.vergelijk(per[m].get(code, {}), f"{wie}:{code}:{m}")]]
             for code, label in Soort.choices]
    geldig = sum(_aantal(bereik, per["geldig"].get(code, {})) for code in Soort.values)
    loopt_af = sum(_aantal(bereik, per["loopt_af"].get(code, {})) for code in Soort.values)
    samenvatting = _("%(n)s TLV's geldig, waarvan %(af)s aflopen in schooljaar %(jaar)s (op 31 juli).") % {
        "n": geldig, "af": loopt_af, "jaar": jaar}
    if bereik.schoolpagina:
        samenvatting = _("Aangevraagd door deze school: %(s)s") % {"s": samenvatting}
    return Tabel(
        id="tlv-soort", titel=_("Geldige TLV's per soort onderwijs"), kolommen=kolommen, rijen=rijen,
        samenvatting=samenvatting,
        grafiek=Grafiek("liggend", [str(label) for _c, label in Soort.choices],
                        [(f"{naam}", waarden) for naam, waarden in bereik.reeksen(
                            koppen["geldig"], [per["geldig"].get(code, {}) for code in Soort.values])]
                        + ([] if bereik.schoolpagina else [(koppen["loopt_af"], [
                            bereik.totaal(per["loopt_af"].get(code, {})) for code in Soort.values])]),
                        _("aantal TLV's")),
        toelichting=_("Toelaatbaarheidsverklaringen van het samenwerkingsverband die vandaag gelden, bij de school die "
                      "ze aanvroeg. Een TLV geldt tot en met 31 juli van zijn laatste schooljaar (C-5); in dat jaar "
                      "regelt de school terugkeer of een nieuwe TLV."))


def _soorten_zaken(bereik: Bereik, sleutel: str):
    wie, code, maat = bereik.lees_sleutel(sleutel, Soort.values, MATEN)
    qs = _geldig(bereik).filter(_wie(wie), toegekend_soort=code)
    return qs.filter(_loopt_af_q(bereik)) if maat == "loopt_af" else qs


def categorieen(bereik: Bereik) -> Tabel:
    """Per funding category (C-5: so and vso only), the TLVs in force. One query."""
    rijen_db = list(_geldig(bereik).filter(toegekend_soort__in=list(MET_CATEGORIE))
                    .values("toegekend_soort", "categorie", "aanvragende_school_id").annotate(n=Count("pk")).order_by())
    soorten_ = [s for s in Soort if s in MET_CATEGORIE]
    per = {s: _per_school(bereik, [r for r in rijen_db if r["toegekend_soort"] == s], "categorie", "n") for s in soorten_}
    wie = bereik.eigen_sleutel
    kolommen = [_("Categorie")]
    for s in soorten_:
        kolommen += bereik.koppen(s.value)
    rijen = [[Cel(str(label)), *[c for s in soorten_ for c in bereik.vergelijk(per[s].get(code, {}), f"{wie}:{s.value}:{code}")]]
             for code, label in Categorie.choices]
    per_categorie = [{k: sum(per[s].get(code, {}).get(k, 0) for s in soorten_)
                      for k in {k for s in soorten_ for k in per[s].get(code, {})}} for code in Categorie.values]
    aantallen = [_aantal(bereik, d) for d in per_categorie]
    if sum(aantallen):
        samenvatting = _("%(n)s geldige TLV's voor so en vso: laag %(laag)s, midden %(midden)s, hoog %(hoog)s.") % {
            "n": sum(aantallen), "laag": aantallen[0], "midden": aantallen[1], "hoog": aantallen[2]}
    else:
        samenvatting = _("Geen geldige TLV's voor so of vso.")
    return Tabel(
        id="tlv-categorie", titel=_("Geldige TLV's voor so en vso per categorie"), kolommen=kolommen, rijen=rijen,
        samenvatting=samenvatting,
        grafiek=Grafiek("staaf", [str(label) for _c, label in Categorie.choices],
                        bereik.reeksen(_("so en vso"), per_categorie), _("aantal TLV's")),
        toelichting=_("De bekostigingscategorie (1 laag, 2 midden, 3 hoog) staat alleen in een TLV voor so en vso "
                      "(C-5)."))


def _categorieen_zaken(bereik: Bereik, sleutel: str):
    wie, soort, code = bereik.lees_sleutel(sleutel, MET_CATEGORIE, Categorie.values)
    return _geldig(bereik).filter(_wie(wie), toegekend_soort=soort, categorie=code)


register_figuur(Figuur("tlv-soort", _l("Geldige TLV's per soort onderwijs"), soorten, _soorten_zaken, volgorde=40))
register_figuur(Figuur("tlv-categorie", _l("Geldige TLV's voor so en vso per categorie"), categorieen,
                       _categorieen_zaken, volgorde=41))
