"""The experts' pages (C-3): the request for advice, the advice, a conflict of interest, withdrawing a request, and
one advice as PDF. An expert sees only their own request (separately, C-3); the SWV that decides sees all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.audit.services import audit_view
from portal.documenten.pdf import render_pdf
from portal.zaken.pagina import eenmalig, verwerk, zaak_of_404
from portal.zaken.services import ZaakFout

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from ..constants import Status
from ..models import Toelaatbaarheidsverklaring


def _toewijzing_of_404(request, pk, *relaties, **filters):
    """A request for advice and the reader's relations to its application: 404 unless the user may see the
    application and is the expert asked, or holds one of ``relaties`` (the SWV that decides)."""
    t = sel.toewijzing(pk, **filters)
    if t is None:
        raise Http404
    tlv, rel = zaak_of_404(request.user, Toelaatbaarheidsverklaring, t.tlv_id, "opp_zaak")
    if t.deskundige_id != request.user.pk and not rel & set(relaties):
        raise Http404
    return t, tlv, rel


def _advies_pagina(request, t, tlv, form, belang, **extra):
    return render(request, "tlv/advies.html", {
        "t": t, "tlv": tlv, "form": form, "belang": belang,
        "documenten": sel.documenten_voor(tlv, request.user, {"deskundige"}), "opp": tlv.opp_zaak,
        "opp_documenten": sel.opp_documenten(tlv), "arrangementen": sel.arrangementen(tlv),
        "swv_uitleg": s.swv_uitleg(tlv), **extra})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def advies(request, pk):
    """The expert's page: the application as submitted, the OPP and arrangement, and their own advice."""
    t, tlv, _rel = _toewijzing_of_404(request, pk)
    mag = t.is_actief and not t.heeft_advies and tlv.status == Status.ADVIES
    form = f.AdviesForm(request.POST or None, request.FILES or None, met_categorie=tlv.soort in ("so", "vso")) if mag else None
    belang = f.BelangForm(prefix="belang") if mag else None
    if request.method == "POST":
        if form is None:
            raise Http404
        klaar, _uit = verwerk(request, form, lambda d: s.tlv_advies_geef(
            toewijzing=t, deskundige=request.user, conclusie=d["conclusie"], advies=d["advies"],
            categorie=d.get("categorie") or "", bestand=d.get("bestand")), _("Dank u. Uw advies is gegeven."))
        if klaar:
            return redirect("tlv:advies", pk=t.pk)
    audit_view(actor=request.user, obj=tlv, leerling=tlv.leerling, omschrijving="TLV-aanvraag bekeken (deskundige)")
    return _advies_pagina(request, t, tlv, form, belang)


@login_required
@require_POST
@eenmalig
def belang(request, pk):
    t, tlv, _rel = _toewijzing_of_404(request, pk)
    form = f.BelangForm(request.POST, prefix="belang")
    if form.is_valid():
        try:
            s.tlv_belang_meld(toewijzing=t, deskundige=request.user, reden=form.cleaned_data["reden"])
        except ZaakFout as exc:
            messages.error(request, str(exc))
            return redirect("tlv:home")
        messages.success(request, _("Uw melding is vastgelegd. Het samenwerkingsverband vraagt een andere deskundige."))
        return redirect("tlv:home")
    return _advies_pagina(request, t, tlv, f.AdviesForm(met_categorie=tlv.soort in ("so", "vso")), form,
                          fout_in_formulier=True)


@login_required
@require_POST
def toewijzing_intrekken(request, pk):
    t, _tlv, rel = _toewijzing_of_404(request, pk, "swv")
    if "swv" not in rel:
        raise Http404
    form = f.RedenForm(request.POST, prefix=f"intrek{t.pk}")
    if form.is_valid():
        try:
            s.tlv_toewijzing_trek_in(toewijzing=t, door=request.user, reden=form.cleaned_data["reden"])
        except ZaakFout as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("De adviesvraag is ingetrokken. Vraag een andere deskundige."))
    else:
        messages.error(request, _("Geef de reden waarom u de adviesvraag intrekt."))
    return redirect("tlv:detail", pk=t.tlv_id)


@login_required
def advies_pdf(request, pk):
    """One advice as PDF, rendered from its frozen record (an advice cannot change once given): for the SWV, the
    parents, the applying school and its author — not for the other expert (C-3: separately)."""
    t, tlv, _rel = _toewijzing_of_404(request, pk, "swv", "ouder", "leerling", "school", advies_op__isnull=False)
    if not t.is_actief:
        raise Http404
    audit_view(actor=request.user, obj=t, leerling=tlv.leerling, download=True, omschrijving="Deskundigenadvies (PDF)")
    pdf = render_pdf("tlv/pdf/advies.html", {"t": t, "zaak": tlv, "tlv": tlv, "leerling": tlv.leerling,
                                             "titel": _("Deskundigenadvies"), "brief": {"aangemaakt_op": t.advies_op}})
    return HttpResponse(pdf, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="deskundigenadvies-{t.pk}.pdf"'})
