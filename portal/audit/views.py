from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from .models import Actie, AuditEntry


@login_required
def lijst(request):
    """The beheerder sees who, when, what and which object; never the values (DOMAIN §2: no pupil data)."""
    if not (request.user.heeft_rol("beheerder") or request.user.is_superuser):
        raise Http404
    qs = AuditEntry.objects.only(
        "tijdstip", "actor_omschrijving", "systeem", "actie", "object_type", "object_label", "wijzigingen", "omschrijving"
    )
    actie = request.GET.get("actie")
    if actie in Actie.values:
        qs = qs.filter(actie=actie)
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "audit/lijst.html", {"page": page, "acties": Actie.choices, "actie": actie})
