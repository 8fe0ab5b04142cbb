"""The monitoring pages (issue #20 §2, §3, §5; DOMAIN §5 W3). Read-only and generic: the page shows every registered
figure (``figuren.figuren``: the core's term figures in ``monitoring.py``, the domain apps' in their own
``monitoring`` modules), each with a constant number of queries, and every number links to the cases behind it
(``swv_zaken`` / ``school_zaken``), where a case opens only for whoever may see it by the case kind's own access rule
(``Zaak.objects.for_user``). The clock list (``termijnen``) stays for the terms themselves."""

from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.accounts.constants import Rol
from portal.basis.versie import deel, versie
from portal.organisaties.models import Samenwerkingsverband, School
from portal.zaken.models import Zaak

from . import figuren, grafieken, selectors
from .figuren import Bereik, OnbekendeSleutel
from .selectors import GROEP, MATEN


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


def _bereik_swv(swv: Samenwerkingsverband, vandaag: date) -> Bereik:
    """The SWV's member schools with their names (one query)."""
    namen = dict(School.objects.filter(samenwerkingsverbanden=swv).order_by("naam").values_list("pk", "naam"))
    return Bereik(swv_id=swv.pk, school_ids=tuple(namen), vandaag=vandaag, schoolnamen=namen)


def _bereik_school(school: School, vandaag: date) -> Bereik:
    """The school among its SWV's member schools (for the average); its own name only (issue #20 §5: no other
    school named). Two queries."""
    swv_ids = sorted(school.samenwerkingsverbanden.values_list("pk", flat=True))
    ids = set(School.objects.filter(samenwerkingsverbanden__in=swv_ids).values_list("pk", flat=True)) | {school.pk}
    return Bereik(swv_id=swv_ids[0] if swv_ids else 0, school_ids=tuple(sorted(ids)), vandaag=vandaag,
                  eigen_school=school.pk, schoolnamen={school.pk: school.naam})


def _secties(bereik: Bereik, *, pk: int, lijst: str, download: str) -> list[dict]:
    """Every figure of the page: its table, its chart, and for every cell with cases behind it the link to them."""
    secties = []
    basis = reverse(lijst, args=[pk])  # once per page: a reverse per cell was a third of the page's time
    for f in figuren.figuren(bereik):
        if not f.op_pagina:
            continue
        tabel = f.maak(bereik)

        def cellen(rij, f=f):
            return [{"cel": c, "url": f"{basis}?{urlencode({'figuur': f.id, 'sleutel': c.sleutel})}"
                     if c.sleutel and f.zaken else ""} for c in rij]

        secties.append({
            "figuur": f, "tabel": tabel, "svg": grafieken.teken(tabel), "breed": len(tabel.kolommen) > 4,
            "rijen": [cellen(r) for r in tabel.rijen], "voet": [cellen(r) for r in tabel.voet],
            "csv_url": reverse(download, args=[pk, f.id, "csv"]), "xlsx_url": reverse(download, args=[pk, f.id, "xlsx"]),
        })
    return secties


def _sleutel(bereik: Bereik, *, pagina: str, pk: int) -> str:
    """What the page's figures depend on (issue #23): the page and its organisation, the schools counted with their
    names, the language (titles, labels and number format), today (terms run by the day) and the versions of every
    row the figures read. A figure counts the cases of the member schools and the SWV's own cases (``wie_q``): a
    write of a case, its clock, its decision or its kind's row bumps ``org:school:<id>`` and ``org:swv:<id>`` of
    the case (portal/zaken/versie.py), a school, a holiday or an SWV's settings bump ``alles``."""
    sleutels = ["alles", *(f"org:school:{s}" for s in bereik.school_ids)]
    if bereik.swv_id:
        sleutels.append(f"org:swv:{bereik.swv_id}")
    namen = ",".join(f"{k}={v}" for k, v in sorted(bereik.schoolnamen.items()))
    return "|".join([pagina, str(pk), get_language() or "", bereik.vandaag.isoformat(), str(bereik.swv_id),
                     str(bereik.eigen_school), ",".join(map(str, bereik.school_ids)), namen, versie(*sleutels)])


def _figuren_html(bereik: Bereik, *, pk: int, pagina: str, lijst: str, download: str) -> str:
    """Every figure of the page (contents, charts, tables, links) rendered once per key (``_sleutel``) and kept
    (``portal.basis.versie.deel``): the same for every reader of the page (the list behind a number applies the
    reader's access), so the second request reads no figure and draws no chart. Redis down: rendered fresh."""
    html = deel(f"monitoring-{pagina}", _sleutel(bereik, pagina=pagina, pk=pk), lambda: render_to_string(
        "monitoring/_figuren.html", {"secties": _secties(bereik, pk=pk, lijst=lijst, download=download)}))
    return mark_safe(html)  # noqa: S308  (our own template's output)


@login_required
def swv(request, pk: int):
    """The SWV's monitoring page: every registered figure (``figuren``) for its member schools, as a chart with its
    data table; every number links to the cases behind it. A constant number of queries (one or two per figure)."""
    swv = _swv_of_404(request.user, pk)
    bereik = _bereik_swv(swv, timezone.localdate())
    return render(request, "monitoring/swv.html", {
        "swv": swv, "vandaag": bereik.vandaag,
        "figuren": _figuren_html(bereik, pk=pk, pagina="swv", lijst="monitoring:swv_zaken",
                                 download="monitoring:swv_download")})


@login_required
def school(request, pk: int):
    """One school's page (issue #20 §5): its own figures beside the SWV's average per school, no other school named."""
    school = _school_of_404(request.user, pk)
    bereik = _bereik_school(school, timezone.localdate())
    return render(request, "monitoring/school.html", {
        "school": school, "vandaag": bereik.vandaag,
        "figuren": _figuren_html(bereik, pk=pk, pagina="school", lijst="monitoring:school_zaken",
                                 download="monitoring:school_download")})


def _zaken(request, bereik: Bereik, *, pk: int, wie: str, terug: str, toon_school: bool):
    """The cases behind one cell (``?figuur=&sleutel=``): only a cell the page itself shows for this ``bereik``
    (anything else is a 404), paginated; a case opens only for whoever may see it (``Zaak.objects.for_user``)."""
    figuur_id, sleutel = request.GET.get("figuur", ""), request.GET.get("sleutel", "")
    try:
        f = figuren.figuur(figuur_id)
        if f.zaken is None or not f.op_pagina or not sleutel or f not in figuren.figuren(bereik):
            raise OnbekendeSleutel(figuur_id)
        tabel = f.maak(bereik)
        plek = next(((rij, i) for rij in [*tabel.rijen, *tabel.voet] for i, c in enumerate(rij) if c.sleutel == sleutel),
                    None)
        if plek is None:
            raise OnbekendeSleutel(sleutel)
        qs = f.zaken(bereik, sleutel)
    except (OnbekendeSleutel, ValueError):
        raise Http404 from None
    rij, kolom = plek
    page = Paginator(qs.select_related("school").order_by("-geopend_op", "-pk"), 50).get_page(request.GET.get("pagina"))
    zaken = list(page.object_list)
    mag = set(Zaak.objects.for_user(request.user).filter(pk__in=[z.pk for z in zaken]).values_list("pk", flat=True))
    for z in zaken:
        z.mag_openen = z.pk in mag
    params = {k: v for k, v in request.GET.items() if k != "pagina"}
    return render(request, "monitoring/zaken.html", {
        "zaken": zaken, "page": page, "tabel": tabel, "rij": rij[0].waarde,
        "kolom": tabel.kolommen[kolom] if kolom < len(tabel.kolommen) else "", "getal": rij[kolom].waarde,
        "wie": wie, "terug": f"{terug}#{tabel.id}", "toon_school": toon_school, "query": urlencode(params)})


@login_required
def swv_zaken(request, pk: int):
    """The cases behind one number of the SWV's page."""
    swv = _swv_of_404(request.user, pk)
    return _zaken(request, _bereik_swv(swv, timezone.localdate()), pk=pk, wie=swv.naam,
                  terug=reverse("monitoring:swv", args=[pk]), toon_school=True)


@login_required
def school_zaken(request, pk: int):
    """The cases behind one number of a school's page: the school's own cases only."""
    school = _school_of_404(request.user, pk)
    return _zaken(request, _bereik_school(school, timezone.localdate()), pk=pk, wie=school.naam,
                  terug=reverse("monitoring:school", args=[pk]), toon_school=False)


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
