"""The geschillen app's monitoring figures (issue #20 §2; DOMAIN §5 W3, §4 D-1…D-5): how many geschillen, bezwaren
and klachten, of which kind, and what the board did with the commission's oordeel (D-4: followed, partly, not, no
answer yet).

A klacht is confidential (D-5; ``Klacht``: the core's ``school`` stays empty so nothing per school reveals it): the
SWV's page counts klachten for the SWV as a whole, without a link to the cases (the SWV's staff may not open them),
and a school's page does not show them at all. A bezwaar on a TLV has no school: it counts on the SWV's page only.
One query per figure, whatever the number of cases.
"""

from datetime import datetime, time

from django.db.models import Case, CharField, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.text import format_lazy
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
from portal.zaken.models import Zaak

from .constants import GeschilOnderwerp, Oordeel, Opvolging

KORT = {GeschilOnderwerp.TOELATING: _l("toelating"), GeschilOnderwerp.VERWIJDERING: _l("verwijdering"),
        GeschilOnderwerp.OPP: _l("OPP"), GeschilOnderwerp.ANDERS: _l("iets anders")}
SOORTEN = (
    *[(f"geschil_{code}", format_lazy("{}: {}", _l("Geschil"), KORT.get(code, label)))
      for code, label in GeschilOnderwerp.choices],
    ("bezwaar", _l("Bezwaar tegen een besluit")),
    ("klacht", _l("Klacht")),
)
VERTROUWELIJK = {"klacht"}  # D-5: counted for the SWV, never linked, never on a school's page
MATEN = ("dit", "vorig", "lopend")


def _begin(d):
    return timezone.make_aware(datetime.combine(d, time.min))


def _soorten(bereik: Bereik):
    return [(code, label) for code, label in SOORTEN if not (bereik.schoolpagina and code in VERTROUWELIJK)]


def _zaken(bereik: Bereik, school_ids, swv_id):
    """The geschillen, bezwaren and klachten of ``school_ids`` (and the SWV's own bezwaren, ``swv_id``) opened since
    the previous school year began or still running, with ``wie`` (the school), ``soort`` and their dates."""
    vorig_begin, _e = vorig_schooljaar(bereik.vandaag)
    codes = [c for c, _label in _soorten(bereik)]
    wie = Q(school_id__in=school_ids, zaaktype__in=["geschil", "bezwaar"])
    if "klacht" in codes:
        wie |= Q(zaaktype="klacht", klacht__betreft_school_id__in=school_ids)
    if swv_id is not None:
        wie |= Q(zaaktype="bezwaar", school__isnull=True, swv_id=swv_id)
    return (Zaak.objects.filter(wie).filter(Q(geopend_op__gte=_begin(vorig_begin)) | Q(afgesloten_op__isnull=True))
            .annotate(wie=Coalesce("school_id", "klacht__betreft_school_id"),
                      soort=Case(When(zaaktype="geschil", then=Concat(Value("geschil_"), F("geschil__onderwerp"))),
                                 default=F("zaaktype"), output_field=CharField())))


def _maat_q(bereik: Bereik, maat: str) -> Q:
    dit_begin, dit_einde = schooljaar(bereik.vandaag)
    vorig_begin, _e = vorig_schooljaar(bereik.vandaag)
    return {"dit": Q(geopend_op__gte=_begin(dit_begin)),
            "vorig": Q(geopend_op__gte=_begin(vorig_begin), geopend_op__lt=_begin(dit_begin)),
            "lopend": Q(afgesloten_op__isnull=True)}[maat]


def _koppen(bereik: Bereik) -> dict[str, str]:
    return {"dit": _("ingediend %(jaar)s") % {"jaar": schooljaar_label(bereik.vandaag)},
            "vorig": _("ingediend %(jaar)s") % {"jaar": schooljaar_label(vorig_schooljaar(bereik.vandaag)[0])},
            "lopend": _("nu lopend")}






def soorten(bereik: Bereik) -> Tabel:
    """Per kind: filed this school year, the previous one, and running now. One query."""
    swv_id = None if bereik.schoolpagina else bereik.swv_id
    rijen_db = (_zaken(bereik, bereik.school_ids, swv_id).values("wie", "soort")
                .annotate(**{m: Count("pk", filter=_maat_q(bereik, m)) for m in MATEN}).order_by())
    per: dict = {}
    for r in rijen_db:
        for m in MATEN:
            d = per.setdefault((r["soort"], m), {})
            d[r["wie"]] = d.get(r["wie"], 0) + r[m]
    koppen = _koppen(bereik)
    wie = bereik.eigen_sleutel
    kolommen = [_("Soort")]
    for m in MATEN:
        kolommen += bereik.koppen(koppen[m])
    rijen = []
    for code, label in _soorten(bereik):
        cellen = [c for m in MATEN for c in bereik.vergelijk(per.get((code, m), {}), f"{wie}:{code}:{m}")]
        if code in VERTROUWELIJK:
            cellen = [Cel(c.waarde) for c in cellen]  # no link: the SWV's staff may not open a klacht
        rijen.append([Cel(str(label)), *cellen])
    dit = [per.get((code, "dit"), {}) for code, _label in _soorten(bereik)]
    aantallen = [d.get(bereik.eigen_school, 0) if bereik.schoolpagina else bereik.totaal(d) for d in dit]
    lopend = [per.get((code, "lopend"), {}) for code, _label in _soorten(bereik)]
    n_lopend = sum(d.get(bereik.eigen_school, 0) if bereik.schoolpagina else bereik.totaal(d) for d in lopend)
    samenvatting = _("%(jaar)s: %(n)s ingediend, waarvan %(g)s geschillen bij de Geschillencommissie; nu lopend: "
                     "%(l)s.") % {"jaar": schooljaar_label(bereik.vandaag), "n": sum(aantallen),
                                  "g": sum(a for (c, _label), a in zip(_soorten(bereik), aantallen, strict=True)
                                           if c.startswith("geschil_")), "l": n_lopend}
    return Tabel(
        id="geschillen-soort", titel=_("Geschillen, bezwaren en klachten"), kolommen=kolommen, rijen=rijen,
        samenvatting=samenvatting,
        grafiek=Grafiek("liggend", [str(label) for _c, label in _soorten(bereik)],
                        bereik.reeksen(koppen["dit"], dit), _("aantal")),
        toelichting=_("Verzoeken aan de Geschillencommissie passend onderwijs naar onderwerp (D-1) en bezwaren tegen "
                      "een besluit van de school of het samenwerkingsverband.") + ("" if bereik.schoolpagina else " " + _(
                          "Klachten (D-5) zijn vertrouwelijk: alleen het aantal voor het hele samenwerkingsverband, "
                          "zonder de zaken.")))


def _soorten_zaken(bereik: Bereik, sleutel: str):
    wie, code, maat = bereik.lees_sleutel(sleutel, set(dict(_soorten(bereik))) - set(VERTROUWELIJK), MATEN)
    return _zaken(bereik, wie.school_ids, wie.swv_id).filter(_maat_q(bereik, maat), soort=code)


# --- D-4: what the board did with the oordeel ----------------------------------------------------------------------

GEEN_REACTIE = "geen"
OPVOLGINGEN = (*Opvolging.choices, (GEEN_REACTIE, _l("Nog geen reactie van het bestuur")))
# an oordeel that the commission is not competent or the request inadmissible asks nothing of the board
ZONDER_OPVOLGING = (Oordeel.NIET_ONTVANKELIJK, Oordeel.NIET_BEVOEGD)


def _oordelen(bereik: Bereik, school_ids, *, klachten: bool):
    """Geschillen (and klachten) with an oordeel given since the previous school year began, not withdrawn, with
    ``wie``, ``soort`` ("geschil"/"klacht") and ``reactie`` (the board's answer, or "geen")."""
    vorig_begin, _e = vorig_schooljaar(bereik.vandaag)
    q = (Q(zaaktype="geschil", school_id__in=school_ids, geschil__oordeel_op__gte=vorig_begin,
           geschil__ingetrokken_op__isnull=True) & ~Q(geschil__oordeel__in=["", *ZONDER_OPVOLGING]))
    if klachten:
        q |= (Q(zaaktype="klacht", klacht__betreft_school_id__in=school_ids, klacht__oordeel_op__gte=vorig_begin,
                klacht__ingetrokken_op__isnull=True) & ~Q(klacht__oordeel__in=["", *ZONDER_OPVOLGING]))
    opvolging = Coalesce("geschil__opvolging", "klacht__opvolging")
    return Zaak.objects.filter(q).annotate(
        wie=Coalesce("school_id", "klacht__betreft_school_id"),
        reactie=Case(When(Q(geschil__opvolging="") | Q(klacht__opvolging=""), then=Value(GEEN_REACTIE)),
                     default=opvolging, output_field=CharField()))


def opvolging(bereik: Bereik) -> Tabel:
    """D-4 (and D-5): per answer of the board, the number of oordelen. One query."""
    klachten = not bereik.schoolpagina
    rijen_db = (_oordelen(bereik, bereik.school_ids, klachten=klachten).values("wie", "zaaktype", "reactie")
                .annotate(n=Count("pk")).order_by())
    per: dict = {}
    for r in rijen_db:
        d = per.setdefault((r["reactie"], r["zaaktype"]), {})
        d[r["wie"]] = d.get(r["wie"], 0) + r["n"]
    wie = bereik.eigen_sleutel
    kolommen = [_("Wat het bestuur deed"), *bereik.koppen(_("oordelen Geschillencommissie"))]
    if klachten:
        kolommen.append(_("oordelen klachtencommissie"))
    rijen = []
    for code, label in OPVOLGINGEN:
        cellen = bereik.vergelijk(per.get((code, "geschil"), {}), f"{wie}:{code}")
        if klachten:
            cellen.append(Cel(bereik.totaal(per.get((code, "klacht"), {}))))  # D-5: no link
        rijen.append([Cel(str(label)), *cellen])
    geschil = [per.get((code, "geschil"), {}) for code, _label in OPVOLGINGEN]
    aantallen = [d.get(bereik.eigen_school, 0) if bereik.schoolpagina else bereik.totaal(d) for d in geschil]
    vorig = schooljaar_label(vorig_schooljaar(bereik.vandaag)[0])
    if sum(aantallen):
        samenvatting = _("Sinds %(jaar)s: %(n)s oordelen van de Geschillencommissie; het bestuur volgde er %(v)s, "
                         "deels %(d)s, niet %(niet)s; nog geen reactie: %(geen)s.") % {
            "jaar": vorig, "n": sum(aantallen), "v": aantallen[0], "d": aantallen[1], "niet": aantallen[2],
            "geen": aantallen[3]}
    else:
        samenvatting = _("Sinds %(jaar)s: geen oordelen van de Geschillencommissie.") % {"jaar": vorig}
    return Tabel(
        id="geschillen-oordeel", titel=_("Wat besturen met het oordeel deden"), kolommen=kolommen, rijen=rijen,
        samenvatting=samenvatting,
        grafiek=Grafiek("liggend", [str(label) for _c, label in OPVOLGINGEN],
                        bereik.reeksen(_("oordelen Geschillencommissie"), geschil), _("aantal oordelen")),
        toelichting=_("Oordelen sinds het begin van het vorige schooljaar (1 augustus %(jaar)s). Het bestuur laat de "
                      "ouders en de commissie schriftelijk weten wat het met het oordeel doet, met redenen als het "
                      "afwijkt (D-4). Een oordeel dat de commissie niet bevoegd is of het verzoek niet-ontvankelijk "
                      "telt niet mee.") % {"jaar": vorig_schooljaar(bereik.vandaag)[0].year})


def _opvolging_zaken(bereik: Bereik, sleutel: str):
    wie, code = bereik.lees_sleutel(sleutel, dict(OPVOLGINGEN))
    return _oordelen(bereik, wie.school_ids, klachten=False).filter(reactie=code)


register_figuur(Figuur("geschillen-soort", _l("Geschillen, bezwaren en klachten"), soorten, _soorten_zaken,
                       volgorde=50))
register_figuur(Figuur("geschillen-oordeel", _l("Wat besturen met het oordeel deden"), opvolging, _opvolging_zaken,
                       volgorde=51))
