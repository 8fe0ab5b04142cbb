from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import Rol
from portal.accounts.views import reauth_redirect
from portal.audit.models import AuditEntry
from portal.audit.services import audit_view

from .forms import UitnodigingForm
from .models import GezagUitnodiging, Leerling
from .services import GezagFout, gezag_accepteer, gezag_bevestig, gezag_uitnodig


def get_leerling_for_user_or_404(user, pk) -> Leerling:
    """The one access helper for a pupil: 404 for anything the user may not see (no leak)."""
    return get_object_or_404(Leerling.objects.for_user(user), pk=pk)


@login_required
def lijst(request):
    """Pupils the user may see. Records nothing per row (only detail views are dossier views)."""
    qs = Leerling.objects.for_user(request.user).order_by("achternaam", "voornamen", "pk")
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "leerlingen/lijst.html", {"page": page})


@login_required
def detail(request, pk):
    leerling = get_leerling_for_user_or_404(request.user, pk)
    audit_view(actor=request.user, obj=leerling, leerling=leerling, omschrijving="Dossier geopend")
    is_ouder = leerling.gezag.filter(ouder=request.user).exists()
    return render(request, "leerlingen/detail.html", {
        "leerling": leerling,
        "bsn": leerling.bsn_voor(request.user),
        "inschrijvingen": leerling.inschrijvingen.select_related("school"),
        "gezag": leerling.gezag.select_related("ouder"),
        "is_ouder": is_ouder,
    })


@login_required
def inzage(request, pk):
    """Parents (and the pupil) see who viewed their child's dossier (issue #2 §6)."""
    leerling = get_leerling_for_user_or_404(request.user, pk)
    if not (leerling.gezag.filter(ouder=request.user).exists() or leerling.account_id == request.user.pk):
        raise Http404
    qs = AuditEntry.objects.dossier_views_for(leerling).only("tijdstip", "actor_omschrijving", "actie", "systeem")
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "leerlingen/inzage.html", {"leerling": leerling, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def uitnodigen(request, pk):
    leerling = get_leerling_for_user_or_404(request.user, pk)
    if not leerling.gezag.filter(ouder=request.user).exists():
        raise Http404
    form = UitnodigingForm(request.POST or None, leerling=leerling)
    if request.method == "POST" and form.is_valid():
        try:
            gezag_uitnodig(leerling=leerling, door=request.user, email=form.cleaned_data["email"],
                           school=form.cleaned_data["school"])
        except GezagFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "De uitnodiging is verstuurd. Na acceptatie bevestigt de school de koppeling.")
            return redirect("leerlingen:detail", pk=leerling.pk)
    return render(request, "leerlingen/uitnodigen.html", {"leerling": leerling, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def uitnodiging(request, token):
    if request.method == "POST":
        try:
            gezag_accepteer(token=token, user=request.user)
        except GezagFout as exc:
            return render(request, "leerlingen/uitnodiging.html", {"fout": str(exc)}, status=400)
        messages.success(request, "Dank u. De school bevestigt de koppeling; daarna ziet u de gegevens van uw kind.")
        return redirect("core:home")
    return render(request, "leerlingen/uitnodiging.html", {"token": token})


@login_required
@require_http_methods(["GET", "POST"])
def uitnodiging_bevestig(request, pk):
    """The school confirms the link of a second parent: it gives that person access to a child's
    dossier, so it asks for re-authentication first."""
    u = get_object_or_404(
        GezagUitnodiging.objects.filter(school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR))
        .select_related("leerling", "uitgenodigd_door", "geaccepteerd_door"), pk=pk
    )
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    if request.method == "GET":
        return render(request, "leerlingen/uitnodiging_bevestig.html", {"u": u})
    try:
        gezag_bevestig(uitnodiging=u, door=request.user, akkoord=request.POST.get("besluit") == "akkoord")
    except GezagFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Verwerkt.")
    return redirect("core:home")
