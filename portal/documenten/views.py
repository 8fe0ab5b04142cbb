from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from portal.audit.services import audit_view
from portal.zaken.models import Zaak

from .models import Brief, Document, Export, ExportStatus
from .registry import document_toegang_q, export_soort


def get_document_for_user_or_404(user, pk) -> Document:
    return get_object_or_404(Document.objects.filter(document_toegang_q(user)).select_related("zaak", "zaak__leerling"),
                             pk=pk)


@login_required
def document(request, pk):
    """The one download of an uploaded document: only for who may see it (404 otherwise), audited."""
    doc = get_document_for_user_or_404(request.user, pk)
    audit_view(actor=request.user, obj=doc, leerling=doc.zaak.leerling, download=True, omschrijving=doc.zaak.nummer)
    return FileResponse(doc.bestand.open("rb"), content_type=doc.mime, as_attachment=True, filename=doc.naam)


@login_required
def brief(request, pk):
    """A letter as PDF for who may see its case. Not made yet: a page that says so and reloads itself."""
    b = get_object_or_404(Brief.objects.filter(zaak__in=Zaak.objects.for_user(request.user).values("pk"))
                          .select_related("zaak", "zaak__leerling"), pk=pk)
    if not b.is_klaar:
        return render(request, "documenten/brief_wacht.html", {"brief": b})
    audit_view(actor=request.user, obj=b, leerling=b.zaak.leerling, download=True, omschrijving=b.titel)
    return FileResponse(b.bestand.open("rb"), content_type="application/pdf", as_attachment=False,
                        filename=f"{b.soort.replace('.', '-')}-{b.pk}.pdf")


@login_required
def export(request, pk):
    """A heavy document made in the worker (a dossier, issue #19 defect 8): only for the reader who asked for it, only
    when it is ready, and only while they may still have it (the kind's ``mag``); 404 otherwise. Audited as a
    download; nothing is rendered here."""
    e = get_object_or_404(Export.objects.filter(aangevraagd_door=request.user, status=ExportStatus.KLAAR)
                          .select_related("zaak", "zaak__leerling"), pk=pk)
    kind = export_soort(e.soort)
    zaak = e.zaak.specifiek
    if not kind.mag(zaak=zaak, user=request.user):
        raise Http404
    try:
        bestand = e.bestand.open("rb")
    except (OSError, ValueError):  # the file is gone (cleared, or the storage lost it): make a new one
        raise Http404 from None
    audit_view(actor=request.user, obj=zaak, leerling=zaak.leerling, download=True, omschrijving=f"{kind.titel} (PDF)")
    return FileResponse(bestand, content_type="application/pdf", as_attachment=True,
                        filename=kind.bestandsnaam.format(code=kind.code.replace(".", "-"), zaak=e.zaak_id))
