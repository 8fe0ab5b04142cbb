"""The TLV desk: the list for each role the user has, and the SWV's desk settings (the addresses its letters name)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import GEZIN_ROLLEN, Rol
from portal.zaken.pagina import verwerk

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from ..constants import Status


@login_required
def home(request):
    """The TLV desk for each role the user has: the SWV's applications (most urgent first), the school's own
    applications, the expert's requests for advice, the family's applications (parents, the adult pupil, their
    curator or mentor, issue #17 §1)."""
    user = request.user
    swv_ids, school_ids = user.swv_ids(), user.school_ids(Rol.IB, Rol.DIRECTEUR)
    deskundige = user.heeft_rol(Rol.DESKUNDIGE)
    gezin = user.heeft_rol(*GEZIN_ROLLEN)
    if not (swv_ids or school_ids or deskundige or gezin):
        raise Http404
    ctx = {"vandaag": timezone.localdate(), "statussen": Status.choices, "voor_swv": bool(swv_ids),
           "voor_school": bool(school_ids), "voor_deskundige": deskundige, "voor_gezin": gezin}
    if swv_ids:
        status = request.GET.get("status", "open")
        ctx["page"] = Paginator(sel.aanvragen_bij_swv(swv_ids, status), 30).get_page(request.GET.get("pagina"))
        ctx["status"] = status
    if school_ids:
        ctx["school_aanvragen"] = sel.aanvragen_van_school(school_ids)
    if deskundige:
        ctx["toewijzingen"] = sel.adviesvragen_van(user)
    if gezin:
        ctx["kinderen_aanvragen"] = sel.aanvragen_van_gezin(user)
    return render(request, "tlv/home.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def loket(request):
    """The SWV's TLV desk: the addresses its letters name (the bezwaar address is required for a decision)."""
    swv = sel.swv_van(request.user)
    if swv is None:
        raise Http404
    bestaand = sel.loket_van(swv.pk)
    inst = s.instellingen(swv)
    initial = {k: getattr(bestaand, k) for k in (
        "naam", "postadres", "bezwaar_adres", "email", "telefoon")} if bestaand else {"naam": _("TLV-loket")}
    initial |= {"max_schooljaren": inst.max_schooljaren, "archief_jaren": inst.archief_jaren}
    form = f.LoketForm(request.POST or None, initial=initial)
    klaar, _uit = verwerk(request, form, lambda d: s.loket_bewaar(swv=swv, door=request.user, **d),
                          _("Het loket is bijgewerkt."))
    if klaar:
        return redirect("tlv:home")
    return render(request, "tlv/loket.html", {"form": form, "swv": swv})
