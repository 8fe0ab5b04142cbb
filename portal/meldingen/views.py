from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .models import Notification
from .services import melding_markeer_gelezen


@login_required
def inbox(request):
    qs = Notification.objects.for_user(request.user).only("titel", "tekst", "gegevens", "url", "aangemaakt_op", "gelezen_op")
    page = Paginator(qs, 30).get_page(request.GET.get("pagina"))
    return render(request, "meldingen/inbox.html", {"page": page})


@login_required
@require_POST
def openen(request, pk):
    melding = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    melding_markeer_gelezen(notification=melding)
    if melding.url and url_has_allowed_host_and_scheme(melding.url, allowed_hosts={request.get_host()}):
        return redirect(melding.url)
    return redirect("meldingen:inbox")
