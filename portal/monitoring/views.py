"""The monitoring pages (issue #20 §2, §3, §5; DOMAIN §5 W3). Read-only: every figure comes from ``selectors`` with a
constant number of queries, and links to the terms behind it (``termijnen``), where a case opens only for whoever
may see it by the case kind's own access rule (``Zaak.objects.for_user``)."""

from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.constants import Rol
from portal.organisaties.models import Samenwerkingsverband, School
from portal.zaken.models import Zaak

from . import grafieken, selectors
from .selectors import GROEP, GROEPEN, MATEN, Telling


def _swv_of_404(user, pk: int) -> Samenwerkingsverband:
    """The SWV's own staff only (Rol.SWV); anyone else gets 404, as for a case they may not see."""
    if pk not in {m.swv_id for m in user.lidmaatschappen if m.rol == Rol.SWV and m.swv_id}:
        raise Http404
    return get_object_or_404(Samenwerkingsverband, pk=pk)


def _school_of_404(user, pk: int) -> School:
    """The school's IB'er or directeur only (issue #20 §5)."""
    if pk not in user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise Http404
    return get_object_or_404(School, pk=pk)


def _url(naam: str, pk: int, **params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{reverse(naam, args=[pk])}?{urlencode(params)}"


def _percentage(p) -> str:
    return "–" if p is None else f"{p} %"


@login_required
def swv(request, pk: int):
    """The SWV's monitoring page: open terms per member school and group, due this week and overdue; the share decided
    on time per school and quarter, with the SWV's trend. Three queries for the figures, whatever the number of cases."""
    swv = _swv_of_404(request.user, pk)
    vandaag = timezone.localdate()
    scholen = list(School.objects.filter(samenwerkingsverbanden=swv).order_by("naam").only("pk", "naam"))
    ids = [s.pk for s in scholen]
    tellingen = selectors.open_termijnen(ids, vandaag)
    reeksen = selectors.op_tijd_per_kwartaal(ids, vandaag)
    kwartalen = selectors.kwartalen(vandaag)
    lijst = "monitoring:swv_termijnen"

    totaal = {g.code: sum((tellingen[s][g.code] for s in ids), Telling()) for g in GROEPEN}
    rijen = [{"naam": s.naam, "cellen": [
        (tellingen[s.pk][g.code], _url(lijst, pk, school=s.pk, groep=g.code, maat="week"),
         _url(lijst, pk, school=s.pk, groep=g.code, maat="te_laat")) for g in GROEPEN]} for s in scholen]
    totaalrij = [{"groep": g, "telling": totaal[g.code], "week_url": _url(lijst, pk, groep=g.code, maat="week"),
                  "te_laat_url": _url(lijst, pk, groep=g.code, maat="te_laat")} for g in GROEPEN]

    swv_reeks = sum((reeksen[s] for s in ids), selectors.Reeks({k: selectors.OpTijd() for k in kwartalen}))
    op_tijd_rijen = [{"naam": s.naam, "cellen": [
        (reeksen[s.pk].kwartalen[k], _url(lijst, pk, school=s.pk, maat="beslist", kwartaal=k.isoformat()))
        for k in kwartalen]} for s in scholen]
    op_tijd_totaal = [{"label": selectors.kwartaal_label(k), "op_tijd": swv_reeks.kwartalen[k],
                       "url": _url(lijst, pk, maat="beslist", kwartaal=k.isoformat())} for k in kwartalen]
    labels = [selectors.kwartaal_label(k) for k in kwartalen]
    return render(request, "monitoring/swv.html", {
        "swv": swv, "vandaag": vandaag, "groepen": GROEPEN, "rijen": rijen, "totaalrij": totaalrij,
        "kwartalen": labels, "op_tijd_rijen": op_tijd_rijen, "op_tijd_totaal": op_tijd_totaal,
        "grafiek_termijnen": _grafiek_termijnen(totaal, swv.naam),
        "grafiek_op_tijd": _grafiek_op_tijd(labels, [(swv.naam, swv_reeks)]),
    })


def _grafiek_termijnen(totaal: dict[str, Telling], wie: str) -> str:
    week = [totaal[g.code].week for g in GROEPEN]
    te_laat = [totaal[g.code].te_laat for g in GROEPEN]
    samenvatting = _("%(wie)s: %(week)s termijnen lopen deze week af, %(laat)s zijn te laat. Meeste te laat: %(groep)s.") % {
        "wie": wie, "week": sum(week), "laat": sum(te_laat),
        "groep": max(GROEPEN, key=lambda g: totaal[g.code].te_laat).naam if sum(te_laat) else _("geen")}
    return {"svg": grafieken.staafgrafiek(
        id_="grafiek-termijnen", titel=_("Open termijnen per soort zaak"), samenvatting=samenvatting,
        labels=[str(g.naam) for g in GROEPEN], y_titel=_("aantal termijnen"),
        reeksen=[(_("uiterlijk deze week"), week), (_("te laat"), te_laat)]), "samenvatting": samenvatting}


def _grafiek_op_tijd(labels: list[str], reeksen: list[tuple[str, selectors.Reeks]]) -> dict:
    delen = []
    for naam, reeks in reeksen:
        waarden = [reeks.kwartalen[k].procent for k in sorted(reeks.kwartalen)]
        bekend = [w for w in waarden if w is not None]
        if len(bekend) >= 2:
            trend = _("stijgend") if bekend[-1] > bekend[0] else _("dalend") if bekend[-1] < bekend[0] else _("gelijk")
            delen.append(_("%(naam)s: van %(eerst)s %% naar %(laatst)s %% op tijd (%(trend)s).") % {
                "naam": naam, "eerst": bekend[0], "laatst": bekend[-1], "trend": trend})
        elif bekend:
            delen.append(_("%(naam)s: %(p)s %% op tijd.") % {"naam": naam, "p": bekend[0]})
        else:
            delen.append(_("%(naam)s: nog geen afgesloten termijnen.") % {"naam": naam})
    samenvatting = " ".join(delen)
    return {"svg": grafieken.lijngrafiek(
        id_="grafiek-op-tijd", titel=_("Deel op tijd beslist per kwartaal"), samenvatting=samenvatting, labels=labels,
        y_titel=_("% op tijd"),
        reeksen=[(naam, [r.kwartalen[k].procent for k in sorted(r.kwartalen)]) for naam, r in reeksen]),
        "samenvatting": samenvatting}


@login_required
def school(request, pk: int):
    """One school's page (issue #20 §5): its own figures beside the SWV's average per school, no other school named."""
    school = _school_of_404(request.user, pk)
    vandaag = timezone.localdate()
    swv_scholen = list(School.objects.filter(samenwerkingsverbanden__in=school.samenwerkingsverbanden.all())
                       .values_list("pk", flat=True).distinct())
    ids = sorted(set(swv_scholen) | {school.pk})
    tellingen = selectors.open_termijnen(ids, vandaag)
    reeksen = selectors.op_tijd_per_kwartaal(ids, vandaag)
    kwartalen = selectors.kwartalen(vandaag)
    n = len(ids)
    lijst = "monitoring:school_termijnen"

    eigen = tellingen[school.pk]
    gemiddeld = {g.code: sum((tellingen[s][g.code] for s in ids), Telling()) for g in GROEPEN}
    rijen = [{"groep": g, "eigen": eigen[g.code], "week_url": _url(lijst, pk, groep=g.code, maat="week"),
              "te_laat_url": _url(lijst, pk, groep=g.code, maat="te_laat"),
              "gem_week": round(gemiddeld[g.code].week / n, 1), "gem_te_laat": round(gemiddeld[g.code].te_laat / n, 1)}
             for g in GROEPEN]
    swv_reeks = sum((reeksen[s] for s in ids), selectors.Reeks({k: selectors.OpTijd() for k in kwartalen}))
    op_tijd = [{"label": selectors.kwartaal_label(k), "eigen": reeksen[school.pk].kwartalen[k],
                "url": _url(lijst, pk, maat="beslist", kwartaal=k.isoformat()), "swv": swv_reeks.kwartalen[k]}
               for k in kwartalen]
    labels = [selectors.kwartaal_label(k) for k in kwartalen]
    staaf_samenvatting = _("%(school)s heeft %(eigen)s termijnen te laat; gemiddeld per school in het "
                           "samenwerkingsverband: %(gem)s.") % {
        "school": school.naam, "eigen": sum(eigen[g.code].te_laat for g in GROEPEN),
        "gem": round(sum(gemiddeld[g.code].te_laat for g in GROEPEN) / n, 1)}
    return render(request, "monitoring/school.html", {
        "school": school, "vandaag": vandaag, "rijen": rijen, "op_tijd": op_tijd,
        "grafiek_termijnen": {"svg": grafieken.staafgrafiek(
            id_="grafiek-termijnen", titel=_("Termijnen te laat: deze school en het gemiddelde"),
            samenvatting=staaf_samenvatting, labels=[str(g.naam) for g in GROEPEN], y_titel=_("aantal termijnen"),
            reeksen=[(school.naam, [eigen[g.code].te_laat for g in GROEPEN]),
                     (_("gemiddelde per school"), [round(gemiddeld[g.code].te_laat / n, 1) for g in GROEPEN])]),
            "samenvatting": staaf_samenvatting},
        "grafiek_op_tijd": _grafiek_op_tijd(labels, [(school.naam, reeksen[school.pk]),
                                                     (_("samenwerkingsverband"), swv_reeks)]),
    })


def _filters(request, vandaag: date):
    """The figure's filters from the query string; anything unknown is a 404 (a link we did not make)."""
    groep = request.GET.get("groep") or None
    maat = request.GET.get("maat") or "open"
    if (groep is not None and groep not in GROEP) or maat not in MATEN:
        raise Http404
    kwartaal = None
    if maat == "beslist":
        try:
            kwartaal = date.fromisoformat(request.GET.get("kwartaal", ""))
        except ValueError:
            raise Http404 from None
        if kwartaal not in selectors.kwartalen(vandaag):
            raise Http404
    return (GROEP[groep] if groep else None), maat, kwartaal


def _termijnen(request, *, school_ids, titel_wie, terug, toon_school):
    vandaag = timezone.localdate()
    groep, maat, kwartaal = _filters(request, vandaag)
    qs = selectors.klokken_achter(school_ids, groep=groep, maat=maat, vandaag=vandaag, kwartaal=kwartaal)
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    klokken = list(page.object_list)
    mag = set(Zaak.objects.for_user(request.user).filter(pk__in=[c.zaak_id for c in klokken])
              .values_list("pk", flat=True))
    for c in klokken:
        c.mag_openen = c.zaak_id in mag
    params = {k: v for k, v in request.GET.items() if k != "pagina"}
    return render(request, "monitoring/termijnen.html", {
        "klokken": klokken, "page": page, "groep": groep, "maat": MATEN[maat], "maat_code": maat,
        "kwartaal": selectors.kwartaal_label(kwartaal) if kwartaal else "", "wie": titel_wie, "terug": terug,
        "toon_school": toon_school, "vandaag": vandaag, "query": urlencode(params)})


@login_required
def swv_termijnen(request, pk: int):
    """The terms behind one figure of the SWV's page (optionally one member school)."""
    swv = _swv_of_404(request.user, pk)
    ids = list(School.objects.filter(samenwerkingsverbanden=swv).values_list("pk", flat=True))
    wie = swv.naam
    if request.GET.get("school"):
        try:
            school_id = int(request.GET["school"])
        except ValueError:
            raise Http404 from None
        if school_id not in ids:
            raise Http404
        ids, wie = [school_id], School.objects.get(pk=school_id).naam
    return _termijnen(request, school_ids=ids, titel_wie=wie, terug=reverse("monitoring:swv", args=[pk]),
                      toon_school=True)


@login_required
def school_termijnen(request, pk: int):
    school = _school_of_404(request.user, pk)
    return _termijnen(request, school_ids=[school.pk], titel_wie=school.naam,
                      terug=reverse("monitoring:school", args=[pk]), toon_school=False)
