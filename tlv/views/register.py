"""The SWV's register of granted TLVs (C-5): the page and its CSV export (logged)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from portal.audit.models import Actie as AuditActie
from portal.audit.services import audit_log
from portal.basis.csvexport import csv_response

from .. import selectors as sel
from ..constants import Soort


def _register(request):
    swv_ids = request.user.swv_ids()
    if not swv_ids:
        raise Http404
    geldig, soort = request.GET.get("geldig", ""), request.GET.get("soort", "")
    return sel.register(swv_ids, geldig=geldig, soort=soort), geldig, soort


@login_required
def register(request):
    """The SWV's register of granted TLVs: number, pupil, type, category, dates."""
    qs, geldig, soort = _register(request)
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "tlv/register.html", {"page": page, "geldig": geldig, "soort": soort, "soorten": Soort.choices,
                                                 "vandaag": timezone.localdate(), "query": request.GET.urlencode()})


@login_required
def register_csv(request):
    qs, _geldig, _soort = _register(request)
    # the one CSV writer, which escapes every cell (issue #19 defect 7)
    response, w = csv_response("tlv-register.csv", kop=[
        "TLV-nummer", "Leerling", "Geboortedatum", "Soort onderwijs", "Categorie", "Geldig vanaf", "Geldig tot en met",
        "Aanvragende school", "Samenwerkingsverband", "Status"])
    for t in qs.iterator(chunk_size=2000):
        w.rij([t.tlv_nummer, t.leerling.naam, t.leerling.geboortedatum, t.get_toegekend_soort_display(), t.categorie,
               t.ingangsdatum, t.einddatum, t.aanvragende_school.naam, t.swv.naam, t.status_staf])
    n = w.regels
    swv = sel.swv_voor_export(request.user)
    audit_log(actor=request.user, actie=AuditActie.GEDOWNLOAD, obj=swv, label=f"TLV-register {swv}",
              omschrijving=f"TLV-register geëxporteerd (CSV, {n} regels)")
    return response
