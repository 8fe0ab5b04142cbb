"""The start page of the ondersteuning, per reader: the school's lists, the family's overview, the SWV's arrangements
with a part it pays or provides; a teacher goes to their pupils."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from portal.accounts.constants import Rol
from portal.zaken import hoorrecht

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from ..constants import Status


@login_required
def home(request):
    user = request.user
    if user.school_ids(Rol.IB, Rol.DIRECTEUR):
        return _home_school(request)
    if user.heeft_rol(Rol.LEERKRACHT):
        return redirect("ondersteuning:leerkracht")
    if user.heeft_rol(Rol.OUDER, Rol.LEERLING, Rol.VERTEGENWOORDIGER):
        return _home_gezin(request)
    if user.swv_ids():
        page = Paginator(sel.arrangementen_voor_swv(user.swv_ids()), 50).get_page(request.GET.get("pagina"))
        return render(request, "ondersteuning/home_swv.html", {"page": page})
    raise Http404


def _home_school(request):
    ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    toon = request.GET.get("toon", "open")
    arrangementen = sel.arrangementen_van_school(ids)
    if toon != "alle":
        arrangementen = arrangementen.exclude(status=Status.BEEINDIGD)
    page = Paginator(arrangementen.order_by("-geopend_op"), 30).get_page(request.GET.get("pagina"))
    return render(request, "ondersteuning/home_school.html", {
        "page": page, "toon": toon, "verzoeken": list(sel.aanpassingen_van_school(ids).order_by("-status", "geopend_op")[:30]),
        "bladen": sel.bladen_van_school(ids), "scholen": list(sel.eigen_scholen(request.user)),
        "f_blad": f.BladNieuwForm(leerlingen=sel.leerlingen_zonder_blad(ids))})


def _home_gezin(request):
    user = request.user
    kinderen = sel.gezin_kinderen(user)
    jong = [k for k in kinderen if k.account_id == user.pk and not sel.is_twaalf_plus(k)]
    # Who may ask for an adjustment: whoever acts for a pupil (issue 17 §1, §4) — the parents of a minor, the adult
    # pupil themselves, a curator or mentor. A parent of an adult pupil reads (with consent) but does not ask.
    mag_vragen = hoorrecht.leerlingen_waarvoor(user, onderwerp=s.ONDERWERP).exists()
    # A parent of an adult pupil reads (with the pupil's consent) and is told who decides now.
    anderen_beslissen = [(k, hoorrecht.wie_handelt(k, onderwerp=s.ONDERWERP)) for k in kinderen
                         if k.account_id != user.pk and hoorrecht.is_meerderjarig(k)
                         and not hoorrecht.handelt_voor(user, k, onderwerp=s.ONDERWERP)]
    return render(request, "ondersteuning/home_gezin.html", sel.gezin_overzicht(user, kinderen) | {
        "jong": jong, "is_ouder": user.heeft_rol(Rol.OUDER), "mag_vragen": mag_vragen,
        "anderen_beslissen": anderen_beslissen,
        "zelf": any(k.account_id == user.pk and hoorrecht.is_meerderjarig(k) for k in kinderen)})
