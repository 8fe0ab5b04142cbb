"""The monitoring downloads (issue #20 §4; DOMAIN §5 W3): every figure as CSV or XLSX through the one writer
(``portal.basis.csvexport``), and the periodic report per SWV as a tagged PDF with its charts.

Access as the pages: the SWV's own staff for the SWV, the IB'er or directeur of the school for the school; anyone
else, an unknown figure or an unknown format: 404. The figure is computed for the same ``Bereik`` as the page: on the
school view the school is ``eigen_school`` and the only school whose name the figure knows (``schoolnamen``), so no
other school is named in any cell. Every download is audited (who, which figure, which format) against the SWV or the
school; the figures hold counts, and the one figure per child (the inspectie's thuiszitters) is anonymised.

The report is rendered in the request: a handful of charts and tables, well under a few seconds for the busiest demo
SWV (measured in tests/test_monitoring_export.py). It is not stored: it is the state of the day it is asked for, and
says so on every page (the date and the SWV's name)."""

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.basis.csvexport import FORMATEN, download, veilige_bestandsnaam
from portal.organisaties.models import Samenwerkingsverband, School

from . import grafieken
from .figuren import FIGUREN, Bereik, Figuur, Tabel, figuren


def _swv_of_404(user, pk: int) -> Samenwerkingsverband:
    """The SWV's own staff only (Rol.SWV), as the page (``views._swv_of_404``)."""
    if pk not in {m.swv_id for m in user.lidmaatschappen if m.rol == Rol.SWV and m.swv_id}:
        raise Http404
    return get_object_or_404(Samenwerkingsverband, pk=pk)


def _school_of_404(user, pk: int) -> School:
    """The school's IB'er or directeur only (issue #20 §5), as the page."""
    if pk not in user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise Http404
    return get_object_or_404(School, pk=pk)


def bereik_swv(swv: Samenwerkingsverband, vandaag) -> Bereik:
    """The SWV's member schools, with their names."""
    namen = dict(School.objects.filter(samenwerkingsverbanden=swv).order_by("naam").values_list("pk", "naam"))
    return Bereik(swv_id=swv.pk, school_ids=tuple(namen), vandaag=vandaag, schoolnamen=namen)


def bereik_school(school: School, vandaag) -> Bereik:
    """The school beside the average of its SWV(s): every member school counted, only this school named."""
    swv_ids = sorted(school.samenwerkingsverbanden.values_list("pk", flat=True))
    ids = set(School.objects.filter(samenwerkingsverbanden__in=swv_ids).values_list("pk", flat=True)) | {school.pk}
    return Bereik(swv_id=swv_ids[0] if swv_ids else 0, school_ids=tuple(sorted(ids)), vandaag=vandaag,
                  eigen_school=school.pk, schoolnamen={school.pk: school.naam})


def van_pagina(bereik: Bereik) -> list[Figuur]:
    """The figures of this page in page order, as ``figuren.figuren(bereik)``: the school's page leaves out the
    SWV-only ones (``op_schoolpagina=False``). Download-only figures are included."""
    return [f for f in figuren() if not bereik.is_school or getattr(f, "op_schoolpagina", True)]


def _figuur_of_404(bereik: Bereik, figuur: str, formaat: str) -> Figuur:
    """A figure of this page (the school's page leaves out the SWV-only ones) in a known format, or 404."""
    f = FIGUREN.get(figuur)
    if f is None or formaat not in FORMATEN or f not in van_pagina(bereik):
        raise Http404
    return f


def _download(request, *, obj, bereik: Bereik, figuur: str, formaat: str, wie: str) -> HttpResponse:
    f = _figuur_of_404(bereik, figuur, formaat)
    tabel = f.maak(bereik)
    response = download(f"{tabel.id}-{wie}-{bereik.vandaag.isoformat()}", tabel.kolommen, tabel.platte_rijen(),
                        formaat)
    audit_log(actor=request.user, actie=Actie.GEDOWNLOAD, obj=obj,
              omschrijving=f"Monitoring: {tabel.titel} ({formaat}, {len(tabel.rijen) + len(tabel.voet)} regels)")
    return response


@login_required
def swv_download(request, pk: int, figuur: str, formaat: str):
    """One figure of the SWV's page (or a download-only one, such as ``inspectie-thuiszitters``) as CSV or XLSX."""
    swv = _swv_of_404(request.user, pk)
    return _download(request, obj=swv, bereik=bereik_swv(swv, timezone.localdate()), figuur=figuur, formaat=formaat,
                     wie=swv.code)


@login_required
def school_download(request, pk: int, figuur: str, formaat: str):
    """One figure of the school's page as CSV or XLSX: the school's own rows and the average, no other school."""
    school = _school_of_404(request.user, pk)
    return _download(request, obj=school, bereik=bereik_school(school, timezone.localdate()), figuur=figuur,
                     formaat=formaat, wie=f"{school.brin}{school.vestigingsnummer}")


# --- the periodic report (PDF) ---------------------------------------------------------------------------------------

def _getal(w) -> float | int | None:
    return float(w) if isinstance(w, Decimal) else w


def grafiek_svg(tabel: Tabel) -> str:
    """The figure's chart as SVG (pygal, through ``grafieken``: the page's own drawing), or "" without one."""
    if hasattr(grafieken, "teken"):
        return grafieken.teken(tabel)
    g = tabel.grafiek
    if g is None:
        return ""
    reeksen = [(str(naam), [_getal(w) for w in waarden]) for naam, waarden in g.reeksen]
    kw = {"id_": f"pdf-{tabel.id}", "titel": tabel.titel, "samenvatting": tabel.samenvatting,
          "labels": [str(x) for x in g.labels], "reeksen": reeksen, "y_titel": str(g.y_titel)}
    if g.soort == "lijn":
        return grafieken.lijngrafiek(**kw)
    if g.soort == "liggend" and hasattr(grafieken, "liggende_staafgrafiek"):
        return grafieken.liggende_staafgrafiek(**kw)
    return grafieken.staafgrafiek(**kw)


def _tekst(w) -> str:
    """A cell as the report prints it: a dash for nothing, Dutch dates and numbers."""
    if w is None or w == "":
        return "–"
    if hasattr(w, "year") and hasattr(w, "month"):
        return formats.date_format(w, "j F Y")
    if isinstance(w, int | float | Decimal) and not isinstance(w, bool):
        return formats.number_format(w, use_l10n=True)
    return str(w)


def rapport_context(swv: Samenwerkingsverband, bereik: Bereik) -> dict:
    """Every figure of the page (``op_pagina``) with its chart (the stylesheet inside the SVG, for WeasyPrint), its
    summary and its data table."""
    onderdelen = []
    for f in van_pagina(bereik):
        if not f.op_pagina:
            continue
        tabel = f.maak(bereik)
        svg = grafiek_svg(tabel)
        onderdelen.append({
            "tabel": tabel, "svg": grafieken.voor_pdf(svg) if svg else "",
            "rijen": [[_tekst(c.waarde) for c in r] for r in tabel.rijen],
            "voet": [[_tekst(c.waarde) for c in r] for r in tabel.voet],
        })
    return {"swv": swv, "vandaag": bereik.vandaag, "onderdelen": onderdelen,
            "titel": _("Monitoringrapport %(swv)s") % {"swv": swv.naam},
            # the letter head of documenten/pdf/basis.html prints "date · number": here the report's date and code
            "brief": {"aangemaakt_op": bereik.vandaag}, "zaak": {"nummer": swv.code}}


def rapport_pdf(swv: Samenwerkingsverband, bereik: Bereik) -> bytes:
    from portal.documenten.pdf import render_pdf

    return render_pdf("monitoring/pdf/rapport.html", rapport_context(swv, bereik))


@login_required
def swv_rapport(request, pk: int):
    """The SWV's monitoring report of today as a tagged PDF (PDF/A-3a, PDF/UA-1), with every chart of the page."""
    swv = _swv_of_404(request.user, pk)
    bereik = bereik_swv(swv, timezone.localdate())
    pdf = rapport_pdf(swv, bereik)
    audit_log(actor=request.user, actie=Actie.GEDOWNLOAD, obj=swv, omschrijving="Monitoringrapport (PDF)")
    naam = veilige_bestandsnaam(f"monitoringrapport-{swv.code}-{bereik.vandaag.isoformat()}.pdf")
    return HttpResponse(pdf, content_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{naam}"', "X-Content-Type-Options": "nosniff"})
