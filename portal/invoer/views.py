"""The import pages (issue #21 §3): upload, preview with an error per row, "Toepassen", and the progress of the worker
— a ``<progress>`` bar the page refreshes itself (a meta refresh: no JavaScript, nothing from outside). Only the
school's IB'er or directeur; anyone else gets a 404."""

from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.basis.csvexport import CSV_TYPE, XLSX_TYPE
from portal.basis.params import id_param
from portal.organisaties.models import School
from portal.zaken.pagina import eenmalig, knop

from .forms import UploadForm
from .lezen import KOLOMMEN, PER_SLEUTEL, max_bestand, max_rijen
from .models import Invoer, InvoerStatus, RijStatus
from .services import InvoerFout, invoer_maak, invoer_pas_toe

VOORBEELD = Path(__file__).resolve().parent / "voorbeeld" / "leerlingen.csv"
PER_PAGINA = 100


def _scholen(user):
    scholen = list(School.objects.filter(pk__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)).order_by("naam"))
    if not scholen:
        raise Http404
    return scholen


def _invoer_of_404(user, pk) -> Invoer:
    return get_object_or_404(Invoer.objects.select_related("school", "door", "toegepast_door")
                             .filter(school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def start(request):
    scholen = _scholen(request.user)
    keuze = id_param(request.GET, "school") or id_param(request.POST, "school")
    school = next((s for s in scholen if s.pk == keuze), scholen[0])
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["bestand"]
        try:
            invoer = invoer_maak(school=school, door=request.user, naam=f.name, inhoud=f.read(max_bestand() + 1))
        except InvoerFout as e:
            form.add_error("bestand", str(e))
        else:
            return redirect("invoer:detail", pk=invoer.pk)
    eerdere = list(Invoer.objects.filter(school=school).select_related("door").order_by("-aangemaakt_op", "-pk")[:10])
    return render(request, "invoer/start.html", {
        "school": school, "scholen": scholen, "form": form, "kolommen": KOLOMMEN, "eerdere": eerdere,
        "max_rijen": max_rijen(), "max_mb": max_bestand() // (1024 * 1024)})


@login_required
def detail(request, pk):
    invoer = _invoer_of_404(request.user, pk)
    rijen = invoer.rijen.all()
    if invoer.status == InvoerStatus.VOORBEELD:
        # the rows with an error first: that is what the school must fix
        rijen = rijen.filter(status=RijStatus.FOUT) if request.GET.get("alleen") == "fouten" else rijen
        rijen = rijen.order_by("status", "nummer")  # 'fout' < 'goed': errors on top
    else:
        rijen = rijen.exclude(status__in=[RijStatus.ONGEWIJZIGD]).order_by("nummer") \
            if request.GET.get("alleen") != "alle" else rijen.order_by("nummer")
    page = Paginator(rijen.select_related("leerling"), PER_PAGINA).get_page(request.GET.get("pagina"))
    for rij in page:
        ruw = rij.gegevens.get("ruw", {})
        rij.naam = rij.leerling.naam if rij.leerling else " ".join(
            p for p in (ruw.get("voornamen"), ruw.get("tussenvoegsel"), ruw.get("achternaam")) if p)
        rij.groep = ruw.get("groep", "")
        rij.leerlingnummer = ruw.get("leerlingnummer") or rij.gegevens.get("leerlingnummer", "")
        rij.meldingen = [(_kop(k), m) for k, ms in rij.fouten.items() for m in ms]
    return render(request, "invoer/detail.html", {
        "invoer": invoer, "page": page, "fouten": invoer.aantal_rijen - invoer.geldig,
        "alleen": request.GET.get("alleen", ""), "ververs": invoer.loopt})


def _kop(sleutel: str) -> str:
    kolom = PER_SLEUTEL.get(sleutel)
    return kolom.kop if kolom else ""


@login_required
@require_POST
def toepassen(request, pk):
    invoer = _invoer_of_404(request.user, pk)
    knop(request, lambda: invoer_pas_toe(invoer=invoer, door=request.user),
         _("De rijen worden nu verwerkt. Deze pagina laat zien hoe ver het is."), fouten=(InvoerFout,))
    return redirect("invoer:detail", pk=invoer.pk)


@login_required
def voorbeeld(request, formaat):
    """The sample file for the demo's school (Basisschool De Regenboog), as CSV (the file in the repository) or as XLSX
    (made from it now, with the one XLSX writer, portal.basis.csvexport)."""
    _scholen(request.user)
    if formaat not in ("csv", "xlsx"):
        raise Http404
    inhoud = VOORBEELD.read_bytes()
    if formaat == "csv":  # the file itself, as it is in the repository
        r = HttpResponse(inhoud, content_type=f"{CSV_TYPE}; charset=utf-8")
    else:
        r = HttpResponse(_als_xlsx(inhoud), content_type=XLSX_TYPE)
    r["Content-Disposition"] = f'attachment; filename="voorbeeld-leerlingen.{formaat}"'
    return r


def _als_xlsx(inhoud: bytes) -> bytes:
    import csv
    import io

    from portal.basis.csvexport import xlsx_bytes

    from .lezen import lees_datum

    rijen = list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))
    kop, data = rijen[0], rijen[1:]
    datums = {i for i, k in enumerate(kop) if k in ("geboortedatum", "ingeschreven vanaf")}
    # dates as real date cells, as an administration's export has them; everything else text (a BSN keeps its zeros)
    data = [[(lees_datum(w) or w) if i in datums and w else w for i, w in enumerate(rij)] for rij in data]
    return xlsx_bytes(kop=kop, rijen=data, blad="Leerlingen")[0]

