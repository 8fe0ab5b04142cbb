"""The core's own monitoring figures (issue #20 §2; DOMAIN §5 W3), read from the clocks and cases of the core
(``selectors``): open statutory terms per group of case kinds (due this week, overdue), per member school, and the
share decided on time per quarter. Registered like a domain app's figures (``figuren.register_figuur``); imported by
``MonitoringConfig.ready`` (autodiscovery of ``monitoring`` modules).

A cell's ``sleutel`` is ``WIE:WAT:MAAT``: ``WIE`` a school's id, ``swv`` (the SWV's own terms: a TLV's decision term
has no school) or ``alle`` (the SWV's page: every member school and the SWV itself)."""


from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.zaken.models import Zaak

from . import selectors
from .figuren import Bereik, Cel, Figuur, Grafiek, Tabel, register_figuur
from .selectors import GROEP, GROEPEN


def _swv_id(bereik: Bereik) -> int | None:
    """The SWV's own terms count on the SWV's page, not in a school's average."""
    return None if bereik.schoolpagina else bereik.swv_id


# --- open terms ---------------------------------------------------------------------------------------------------

TERMIJN_MATEN = ("week", "te_laat")


def _termijnen_zaken(bereik: Bereik, sleutel: str):
    wie, groep, maat = bereik.lees_sleutel(sleutel, {"alle", *GROEP}, ("open", *TERMIJN_MATEN), swv_apart=True)
    klokken = selectors.klokken_achter(list(wie.school_ids), groep=GROEP.get(groep), maat=maat, vandaag=bereik.vandaag,
                                       swv_id=wie.swv_id)
    return Zaak.objects.filter(pk__in=klokken.values("zaak_id"))


def termijnen(bereik: Bereik) -> Tabel:
    """Open statutory terms per group: due this week and overdue; the school beside the SWV's average. One query."""
    tellingen = selectors.open_termijnen(bereik.school_ids, bereik.vandaag, swv_id=_swv_id(bereik))
    wie = bereik.eigen_sleutel
    per = {(g.code, m): {s: getattr(t[g.code], m) for s, t in tellingen.items()} for g in GROEPEN for m in TERMIJN_MATEN}
    rijen = [[Cel(str(g.naam)), *[c for m in TERMIJN_MATEN for c in bereik.vergelijk(per[g.code, m], f"{wie}:{g.code}:{m}")]]
             for g in GROEPEN]
    week = {s: sum(t[g.code].week for g in GROEPEN) for s, t in tellingen.items()}
    te_laat = {s: sum(t[g.code].te_laat for g in GROEPEN) for s, t in tellingen.items()}
    meeste = max(GROEPEN, key=lambda g: bereik.totaal(per[g.code, "te_laat"]))
    if bereik.schoolpagina:
        naam = bereik.schoolnamen.get(bereik.eigen_school, _("Deze school"))
        samenvatting = _("%(school)s: %(week)s termijnen lopen deze week af, %(laat)s zijn te laat; gemiddeld per school "
                         "in het samenwerkingsverband: %(gem_week)s en %(gem_laat)s.") % {
            "school": naam, "week": week.get(bereik.eigen_school, 0), "laat": te_laat.get(bereik.eigen_school, 0),
            "gem_week": _getal(bereik.gemiddelde(week)), "gem_laat": _getal(bereik.gemiddelde(te_laat))}
        reeksen = [(f"{naam}: {_('te laat')}", [per[g.code, "te_laat"].get(bereik.eigen_school, 0) for g in GROEPEN]),
                   (_("gemiddelde per school: te laat"), [bereik.gemiddelde(per[g.code, "te_laat"]) for g in GROEPEN])]
    else:
        samenvatting = _("%(week)s termijnen lopen deze week af, %(laat)s zijn te laat. Meeste te laat: %(groep)s.") % {
            "week": bereik.totaal(week), "laat": bereik.totaal(te_laat),
            "groep": meeste.naam if bereik.totaal(te_laat) else _("geen")}
        reeksen = [(_("uiterlijk deze week"), [bereik.totaal(per[g.code, "week"]) for g in GROEPEN]),
                   (_("te laat"), [bereik.totaal(per[g.code, "te_laat"]) for g in GROEPEN])]
    return Tabel(
        id="termijnen", titel=_("Open termijnen per soort zaak"),
        kolommen=[_("Soort zaak"), *bereik.koppen(_("uiterlijk deze week")), *bereik.koppen(_("te laat"))],
        rijen=rijen, samenvatting=samenvatting,
        grafiek=Grafiek("staaf", [str(g.naam) for g in GROEPEN], reeksen, _("aantal termijnen")),
        toelichting=_("Wettelijke termijnen om te beslissen of te handelen die nog lopen. 'Deze week': de einddatum "
                      "valt vandaag of later deze week (tot en met zondag); 'te laat': de einddatum is voorbij. Een "
                      "opgeschorte termijn heeft geen einddatum en telt hier niet. De einddatum van een TLV en "
                      "bewaartermijnen zijn geen beslistermijn en tellen niet mee."))


def termijnen_scholen(bereik: Bereik) -> Tabel:
    """The SWV's page: open terms per member school and group, and the SWV's own (a TLV's decision term). One query
    (plus none: the school names come with the ``bereik``)."""
    tellingen = selectors.open_termijnen(bereik.school_ids, bereik.vandaag, swv_id=bereik.swv_id)
    kolommen = [_("School")]
    for g in GROEPEN:
        kolommen += [_("%(groep)s: deze week") % {"groep": g.naam}, _("%(groep)s: te laat") % {"groep": g.naam}]
    volgorde = sorted(bereik.school_ids, key=lambda s: bereik.schoolnamen.get(s, ""))

    def rij(label: str, wie: str, t: dict) -> list[Cel]:
        return [Cel(label), *[Cel(getattr(t[g.code], m), f"{wie}:{g.code}:{m}") for g in GROEPEN for m in TERMIJN_MATEN]]

    rijen = [rij(bereik.schoolnamen.get(s, str(s)), str(s), tellingen[s]) for s in volgorde]
    rijen.append(rij(_("Samenwerkingsverband zelf (TLV's)"), "swv", tellingen[None]))
    te_laat = {s: sum(t[g.code].te_laat for g in GROEPEN) for s, t in tellingen.items()}
    labels = [r[0].waarde for r in rijen]
    hoogste = max(te_laat, key=lambda s: te_laat[s], default=None)
    samenvatting = (_("Meeste termijnen te laat: %(wie)s (%(n)s).") % {
        "wie": bereik.schoolnamen.get(hoogste, _("het samenwerkingsverband zelf")), "n": te_laat[hoogste]}
        if hoogste is not None and te_laat[hoogste] else _("Geen school heeft termijnen te laat."))
    totaal = {g.code: sum((t[g.code] for t in tellingen.values()), selectors.Telling()) for g in GROEPEN}
    return Tabel(
        id="termijnen-scholen", titel=_("Open termijnen per school"), kolommen=kolommen, rijen=rijen,
        voet=[[Cel(_("Samenwerkingsverband")),
               *[Cel(getattr(totaal[g.code], m), f"alle:{g.code}:{m}") for g in GROEPEN for m in TERMIJN_MATEN]]],
        samenvatting=samenvatting,
        grafiek=Grafiek("liggend", labels, [(_("te laat"), [te_laat[s] for s in [*volgorde, None]])],
                        _("termijnen te laat")),
        toelichting=_("Per aangesloten school: de termijnen die deze week aflopen en die te laat zijn. De laatste "
                      "rij: de termijnen van het samenwerkingsverband zelf (de beslistermijn van een TLV)."))


# --- on time per quarter ----------------------------------------------------------------------------------------

def _op_tijd_zaken(bereik: Bereik, sleutel: str):
    kwartalen = {k.isoformat(): k for k in selectors.kwartalen(bereik.vandaag)}
    wie, kwartaal, maat = bereik.lees_sleutel(sleutel, kwartalen, ("beslist", "op_tijd"), swv_apart=True)
    klokken = selectors.klokken_achter(list(wie.school_ids), groep=None, maat=maat, vandaag=bereik.vandaag,
                                       kwartaal=kwartalen[kwartaal], swv_id=wie.swv_id)
    return Zaak.objects.filter(pk__in=klokken.values("zaak_id"))


def _getal(w) -> str:
    from django.utils.formats import number_format

    return number_format(w, use_l10n=True)


def _trend(naam: str, waarden: list) -> str:
    bekend = [w for w in waarden if w is not None]
    if len(bekend) >= 2:
        trend = _("stijgend") if bekend[-1] > bekend[0] else _("dalend") if bekend[-1] < bekend[0] else _("gelijk")
        return _("%(naam)s: van %(eerst)s %% naar %(laatst)s %% op tijd (%(trend)s).") % {
            "naam": naam, "eerst": bekend[0], "laatst": bekend[-1], "trend": trend}
    if bekend:
        return _("%(naam)s: %(p)s %% op tijd.") % {"naam": naam, "p": bekend[0]}
    return _("%(naam)s: nog geen afgesloten termijnen.") % {"naam": naam}


def op_tijd(bereik: Bereik) -> Tabel:
    """The share of closed statutory terms decided on time, per quarter (six), with the trend. One query."""
    kwartalen = selectors.kwartalen(bereik.vandaag)
    reeksen = selectors.op_tijd_per_kwartaal(bereik.school_ids, bereik.vandaag, swv_id=_swv_id(bereik))
    swv = sum(reeksen.values(), selectors.Reeks({k: selectors.OpTijd() for k in kwartalen}))
    labels = [selectors.kwartaal_label(k) for k in kwartalen]
    wie = bereik.eigen_sleutel
    if bereik.schoolpagina:
        eigen = reeksen[bereik.eigen_school]
        naam = bereik.schoolnamen.get(bereik.eigen_school, _("Deze school"))
        kolommen = [_("Kwartaal"), _("Op tijd: deze school"), _("Afgesloten: deze school"), _("% op tijd: deze school"),
                    _("% op tijd: samenwerkingsverband")]
        rijen = [[Cel(lbl), Cel(eigen.kwartalen[k].op_tijd, f"{wie}:{k.isoformat()}:op_tijd"),
                  Cel(eigen.kwartalen[k].totaal, f"{wie}:{k.isoformat()}:beslist"), Cel(eigen.kwartalen[k].procent),
                  Cel(swv.kwartalen[k].procent)] for k, lbl in zip(kwartalen, labels, strict=True)]
        lijnen = [(naam, [eigen.kwartalen[k].procent for k in kwartalen]),
                  (_("samenwerkingsverband"), [swv.kwartalen[k].procent for k in kwartalen])]
    else:
        kolommen = [_("Kwartaal"), _("Op tijd"), _("Afgesloten"), _("% op tijd")]
        rijen = [[Cel(lbl), Cel(swv.kwartalen[k].op_tijd, f"alle:{k.isoformat()}:op_tijd"),
                  Cel(swv.kwartalen[k].totaal, f"alle:{k.isoformat()}:beslist"), Cel(swv.kwartalen[k].procent)]
                 for k, lbl in zip(kwartalen, labels, strict=True)]
        lijnen = [(_("samenwerkingsverband"), [swv.kwartalen[k].procent for k in kwartalen])]
    return Tabel(
        id="op-tijd", titel=_("Deel op tijd beslist per kwartaal"), kolommen=kolommen, rijen=rijen,
        samenvatting=" ".join(_trend(naam, waarden) for naam, waarden in lijnen),
        grafiek=Grafiek("lijn", labels, lijnen, _("% op tijd")),
        toelichting=_("Afgesloten wettelijke termijnen van aanmeldingen, OPP's, TLV's en geschillen per kwartaal: het "
                      "deel dat op of vóór de einddatum is afgerond. Een termijn die verviel omdat de zaak anders "
                      "eindigde, telt niet mee. Leeg: geen afgesloten termijnen in dat kwartaal."))


def op_tijd_scholen(bereik: Bereik) -> Tabel:
    """The SWV's page: the share on time per member school and quarter. One query."""
    kwartalen = selectors.kwartalen(bereik.vandaag)
    reeksen = selectors.op_tijd_per_kwartaal(bereik.school_ids, bereik.vandaag, swv_id=bereik.swv_id)
    volgorde = sorted(bereik.school_ids, key=lambda s: bereik.schoolnamen.get(s, ""))
    rijen = [[Cel(bereik.schoolnamen.get(s, str(s))),
              *[Cel(reeksen[s].kwartalen[k].procent, f"{s}:{k.isoformat()}:beslist") for k in kwartalen]]
             for s in volgorde]
    rijen.append([Cel(_("Samenwerkingsverband zelf (TLV's)")),
                  *[Cel(reeksen[None].kwartalen[k].procent, f"swv:{k.isoformat()}:beslist") for k in kwartalen]])
    laatste = kwartalen[-1]
    gemeten = [(r[0].waarde, reeksen[s].kwartalen[laatste].procent) for r, s in zip(rijen, [*volgorde, None], strict=True)
               if reeksen[s].kwartalen[laatste].procent is not None]
    laagste = min(gemeten, key=lambda x: x[1], default=None)
    samenvatting = (_("Laagste deel op tijd in %(k)s: %(wie)s (%(p)s %%).") % {
        "k": selectors.kwartaal_label(laatste), "wie": laagste[0], "p": laagste[1]} if laagste
        else _("Nog geen afgesloten termijnen in %(k)s.") % {"k": selectors.kwartaal_label(laatste)})
    return Tabel(
        id="op-tijd-scholen", titel=_("Deel op tijd per school en kwartaal"),
        kolommen=[_("School"), *[f"% {selectors.kwartaal_label(k)}" for k in kwartalen]], rijen=rijen,
        samenvatting=samenvatting,
        grafiek=Grafiek("liggend", [r[0].waarde for r in rijen],
                        [(selectors.kwartaal_label(laatste), [r[-1].waarde for r in rijen])], _("% op tijd")),
        toelichting=_("Het percentage afgesloten termijnen dat op tijd is afgerond; leeg: geen afgesloten termijnen. "
                      "De grafiek toont het laatste kwartaal."))


register_figuur(Figuur("termijnen", _l("Open termijnen per soort zaak"), termijnen, _termijnen_zaken, volgorde=10))
register_figuur(Figuur("termijnen-scholen", _l("Open termijnen per school"), termijnen_scholen, _termijnen_zaken,
                       volgorde=11, op_schoolpagina=False))
register_figuur(Figuur("op-tijd", _l("Deel op tijd beslist per kwartaal"), op_tijd, _op_tijd_zaken, volgorde=20))
register_figuur(Figuur("op-tijd-scholen", _l("Deel op tijd per school en kwartaal"), op_tijd_scholen, _op_tijd_zaken,
                       volgorde=21, op_schoolpagina=False))
