from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.constants import Rol
from portal.audit.services import audit_view

from .forms import DocumentForm
from .models import Ontwikkelingsperspectief
from .services import opp_document_voeg_toe


def get_opp_for_user_or_404(user, pk) -> Ontwikkelingsperspectief:
    return get_object_or_404(Ontwikkelingsperspectief.objects.for_user(user).select_related("leerling", "school"), pk=pk)


@login_required
def lijst(request):
    """The school's OPPs, those whose term ends first on top."""
    ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if not ids:
        raise Http404
    from django.db.models import F, OuterRef, Subquery

    from portal.termijnen.models import Clock

    b2 = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="B-2", gesloten_op__isnull=True)
    qs = (Ontwikkelingsperspectief.objects.filter(school_id__in=ids).open().select_related("leerling", "school")
          .annotate(b2_uiterlijk=Subquery(b2.values("uiterlijk")[:1]))
          .order_by(F("b2_uiterlijk").asc(nulls_last=True), "pk"))
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "opp/lijst.html", {"page": page, "vandaag": timezone.localdate()})


@login_required
def detail(request, pk):
    opp = get_opp_for_user_or_404(request.user, pk)
    is_school = opp.school_id in request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    audit_view(actor=request.user, obj=opp, leerling=opp.leerling, omschrijving="Ontwikkelingsperspectief geopend")
    klokken = opp.klokken
    return render(request, "opp/detail.html", {
        "opp": opp, "is_school": is_school, "klokken": list(klokken.values()), "b2": klokken.get("B-2"),
        "stap": opp.type.stap(opp), "documenten": opp.documenten.all(), "form": DocumentForm()})


@login_required
@require_POST
def document(request, pk):
    opp = get_opp_for_user_or_404(request.user, pk)
    if opp.school_id not in request.user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise Http404
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        opp_document_voeg_toe(opp=opp, bestand=form.cleaned_data["bestand"], door=request.user)
        messages.success(request, _("Het document is toegevoegd."))
        return redirect("opp:detail", pk=opp.pk)
    klokken = opp.klokken
    return render(request, "opp/detail.html", {
        "opp": opp, "is_school": True, "klokken": list(klokken.values()), "b2": klokken.get("B-2"),
        "stap": opp.type.stap(opp), "documenten": opp.documenten.all(), "form": form})
