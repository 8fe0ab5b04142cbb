"""The thuiszitter's pages (issue #20 §1): the staff list, registering, the case page with its actions, through the
case kit (``portal.zaken.pagina``): 404 for whoever may not see the case."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.leerlingen.models import Inschrijving
from portal.leerlingen.selectors import leerlingen_op_scholen
from portal.zaken.pagina import GEZIN, HANDELT, Actie, actie_view, eenmalig, formulieren, verwerk, zaak_of_404
from portal.zaken.services import relaties

from . import forms as f
from . import selectors as sel
from . import services as s
from .models import Thuiszitter

STAF = frozenset({"school", "swv"})


def _is_staf(user) -> bool:
    return user.heeft_rol(Rol.IB, Rol.DIRECTEUR, Rol.SWV)


@login_required
def lijst(request):
    """The school's (or the SWV's) thuiszitters; the SWV's desk (after F-3) with ``?bureau=1``."""
    if not _is_staf(request.user):
        raise Http404
    bureau = request.GET.get("bureau") == "1"
    alles = request.GET.get("alles") == "1"
    zaken = list(sel.lijst_voor(request.user, alleen_open=not alles, bureau=bureau)[:500])
    return render(request, "thuiszitters/lijst.html", {
        "zaken": zaken, "bureau": bureau, "alles": alles, "is_swv": bool(request.user.swv_ids()),
        "mag_registreren": bool(request.user.school_ids(Rol.IB, Rol.DIRECTEUR))})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def nieuw(request):
    """The school's IB'er or directeur registers a pupil of their school as a thuiszitter (S8)."""
    ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if not ids:
        raise Http404
    form = f.RegistreerForm(request.POST or None, leerlingen=leerlingen_op_scholen(ids))

    def doe(d):
        ins = (Inschrijving.objects.filter(leerling=d["leerling"], school_id__in=ids).select_related("school")
               .order_by("-van").first())
        return s.thuiszitter_registreer(
            leerling=d["leerling"], school=ins.school, door=request.user, sinds=d["sinds"], soort=d["soort"],
            reden=d["reden"], uren_per_week=d.get("uren_per_week"), toelichting=d.get("toelichting") or "")

    klaar, t = verwerk(request, form, doe, _("De thuiszitter is geregistreerd."))
    if klaar:
        return redirect("thuiszitters:detail", pk=t.pk)
    return render(request, "thuiszitters/nieuw.html", {"form": form})


def _detail(request, t, gebonden: dict | None = None, rel=None):
    rel = frozenset(relaties(request.user, t)) if rel is None else rel
    staf = bool(rel & STAF)
    audit_view(actor=request.user, obj=t, leerling=t.leerling, omschrijving="Thuiszitter bekeken")
    return render(request, "thuiszitters/detail.html", {
        "t": t, "rel": rel, "staf": staf, "gezin": not staf and bool(rel & GEZIN), "stap": t.type.stap(t),
        "forms": formulieren(ACTIES, request, t, rel, gebonden) if t.is_open else {},
        "meningen": list(t.meningen.all()), "verzuim": list(t.verzuimweken.all()) if staf else [],
        "klokken": [k for k in t.klokken.values() if not k.gesloten_op] if staf else [],
        "fout_in_formulier": bool(gebonden)})


@login_required
def detail(request, pk):
    t, rel = zaak_of_404(request.user, Thuiszitter, pk)
    return _detail(request, t, rel=rel)


def _mag_mening(request, t, rel) -> bool:
    return bool(rel & (STAF | HANDELT)) or ("leerling" in rel)


def _school(request, t, rel) -> bool:
    return "school" in rel


ACTIES = {
    "plan": Actie(
        form=lambda data, files, t, r: f.PlanForm(data, prefix="plan", initial={
            "wat": t.plan_wat, "wie": t.plan_wie, "volgende_datum": t.plan_volgende_datum}),
        mag=STAF, succes=_l("Het plan is bewaard."),
        doe=lambda r, t, d, form: s.plan_bewaar(thuiszitter=t, door=r.user, wat=d["wat"], wie=d["wie"],
                                                volgende_datum=d.get("volgende_datum"))),
    "verzuim": Actie(
        form=lambda data, files, t, r: f.VerzuimForm(data, prefix="verzuim"), mag=_school,
        succes=_l("Het verzuim is vastgelegd."),
        doe=lambda r, t, d, form: s.verzuim_leg_vast(thuiszitter=t, door=r.user, week=d["week"], uren=d["uren"])),
    "leerplicht": Actie(
        form=lambda data, files, t, r: f.LeerplichtForm(data, prefix="leerplicht"), mag=STAF,
        succes=_l("Vastgelegd dat leerplicht is geïnformeerd."),
        doe=lambda r, t, d, form: s.leerplicht_gemeld(thuiszitter=t, door=r.user, op=d["op"])),
    "mening": Actie(
        form=lambda data, files, t, r: f.MeningForm(data, prefix="mening",
                                                    staf=bool(relaties(r.user, t) & STAF)),
        mag=_mag_mening, succes=_l("De mening is bewaard."),
        doe=lambda r, t, d, form: s.mening_leg_vast(thuiszitter=t, door=r.user, tekst=d["tekst"],
                                                    wie=d.get("wie") or "")),
    "beeindigen": Actie(
        form=lambda data, files, t, r: f.BeeindigForm(data, prefix="eind"), mag=STAF,
        succes=_l("De terugkeer naar onderwijs is vastgelegd."),
        doe=lambda r, t, d, form: s.thuiszitter_beeindig(thuiszitter=t, door=r.user, op=d["op"], waar=d["waar"],
                                                         uren=d["uren"], volledig=d["volledig"])),
}
actie = actie_view(Thuiszitter, ACTIES, _detail)
