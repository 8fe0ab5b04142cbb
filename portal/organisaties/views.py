from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.accounts.models import User
from portal.accounts.views import reauth_redirect
from portal.zaken import registry

from .forms import MandaatForm
from .models import Mandaat
from .services import MandaatFout, mandaat_trek_in, mandaat_verleen


def _gezagen(user):
    """The bevoegde gezagen this user is bestuurder of: [(bestuur, None) | (None, swv)]."""
    out = [(m.bestuur, None) for m in user.lidmaatschappen if m.rol == Rol.BESTUURDER and m.bestuur_id]
    out += [(None, m.swv) for m in user.lidmaatschappen if m.rol == Rol.BESTUURDER and m.swv_id]
    if not out:
        raise Http404
    return out


@login_required
def mandaten(request):
    """The mandate register of the boards this user governs: who may sign which decisions, when."""
    gezagen = _gezagen(request.user)
    q = Q(pk__in=[])
    for bestuur, swv in gezagen:
        q |= Q(bestuur=bestuur) if bestuur else Q(swv=swv)
    rijen = Mandaat.objects.filter(q).select_related("user", "bestuur", "swv", "verleend_door").order_by("-van")
    labels = {bt.code: bt.naam for bt in registry._BESLUITTYPEN.values()}
    return render(request, "organisaties/mandaten.html", {"gezagen": gezagen, "rijen": rijen, "labels": labels})


@login_required
@require_http_methods(["GET", "POST"])
def mandaat_nieuw(request):
    gezagen = _gezagen(request.user)
    bestuur, swv = gezagen[0]
    kandidaten = User.objects.filter(is_active=True).filter(
        Q(memberships__school__bestuur=bestuur) if bestuur else Q(memberships__swv=swv)).distinct().order_by("last_name")
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    keuzes = [(bt.code, bt.naam) for bt in registry._BESLUITTYPEN.values()]
    form = MandaatForm(request.POST or None, kandidaten=kandidaten, besluittypen=keuzes)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            mandaat_verleen(door=request.user, bestuur=bestuur, swv=swv, user=d["user"], functie=d["functie"],
                            besluittypen=d["besluittypen"], van=d["van"], tot=d.get("tot"))
        except MandaatFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het mandaat staat in het register."))
            return redirect("organisaties:mandaten")
    return render(request, "organisaties/mandaat_nieuw.html", {"form": form, "gezag": bestuur or swv})


@login_required
@require_POST
def mandaat_intrekken(request, pk):
    gezagen = _gezagen(request.user)
    q = Q(pk__in=[])
    for bestuur, swv in gezagen:
        q |= Q(bestuur=bestuur) if bestuur else Q(swv=swv)
    m = get_object_or_404(Mandaat.objects.filter(q), pk=pk)
    mandaat_trek_in(mandaat=m, door=request.user)
    messages.success(request, _("Het mandaat is ingetrokken."))
    return redirect("organisaties:mandaten")
