"""The pages that are not one kind's: the start page per role, the escalation guide, the dossier export, sharing
with a helper (the parents' side and the helper's), the SWV's overview and the yearly count of klachten."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.basis.params import id_param, keuze_param
from portal.documenten.exports import ExportFout, export_stand, export_vraag_aan
from portal.zaken.hoorrecht import leerlingen_gezin
from portal.zaken.models import Zaak
from portal.zaken.pagina import HANDELT, eenmalig, knop, verwerk
from portal.zaken.services import ZaakFout, relaties
from portal.zaken.views import get_zaak_for_user_or_404

from .. import selectors
from .. import services as s
from ..constants import HulpRol
from ..forms import DelingForm
from ..services.dossier import DOSSIER, mag_dossier


@login_required
def home(request):
    """'Het gaat niet goed: wat kan ik doen?' — per role what is theirs: parents their children's cases with the
    guide, running contests and shares; school and board their cases of these kinds; the SWV its overview; the
    klachtencommissie its klachten; a helper the cases shared with them."""
    user = request.user
    ctx = {"vandaag": timezone.localdate()}
    if user.heeft_rol(Rol.OUDER, Rol.VERTEGENWOORDIGER) or (
            user.heeft_rol(Rol.LEERLING) and leerlingen_gezin(user).exists()):  # from 18 the pupil (issue #17 §1)
        ctx["ouder"] = selectors.ouder_overzicht(user)
    if user.heeft_rol(Rol.IB, Rol.DIRECTEUR, Rol.BESTUURDER, Rol.KLACHTENCOMMISSIE, Rol.SWV):
        ctx["staf"] = selectors.staf_zaken(user, pagina=request.GET.get("pagina"))
        ctx["mag_schorsen"] = bool(user.school_ids(Rol.IB, Rol.DIRECTEUR))
        ctx["klachten_tellen"] = selectors.kan_klachten_tellen(user)
        ctx["swv"] = bool(user.swv_ids())
    if user.heeft_rol(*HulpRol.values):
        ctx["gedeeld"] = selectors.helper_delingen(user)
    if user.heeft_rol(Rol.LEERPLICHT):
        ctx["meldingen"] = selectors.leerplicht_meldingen(user)
    return render(request, "geschillen/home.html", ctx)


def _zaak_of_404(request, pk) -> tuple[Zaak, frozenset]:
    """A case of any kind the user may see (its specific kind) and the user's relations to it; 404 otherwise."""
    zaak = get_zaak_for_user_or_404(request.user, pk).specifiek
    return zaak, frozenset(relaties(request.user, zaak))


def _ouder_zaak_of_404(request, pk) -> Zaak:
    """A case of a pupil the user acts for (a parent with gezag, the adult pupil, their curator or mentor)."""
    zaak, rel = _zaak_of_404(request, pk)
    if not rel & HANDELT:
        raise Http404
    return zaak


@login_required
def gids(request, pk):
    """The escalation guide for a parent on any case (P8): every step with its purpose, whether it binds, the cost,
    the date that applies now from the clocks, and a button where the portal supports the step."""
    zaak = _ouder_zaak_of_404(request, pk)
    audit_view(actor=request.user, obj=zaak, leerling=zaak.leerling, omschrijving="Wegwijzer bekeken")
    return render(request, "geschillen/gids.html", selectors.gids(zaak, request.user))


@login_required
@require_http_methods(["GET", "POST"])
def dossier(request, pk):
    """The dossier export (issue #11 §6) of what this reader may see of the pupil's cases, made in the worker (issue #19
    defect 8): POST "Dossier maken" asks for it — the stored copy is reused while the dossier is unchanged, a new one is
    queued otherwise, at most a few per hour — and GET shows where it stands ("wordt gemaakt", reloading itself, no
    JavaScript) with the download (``documenten:export``) when ready. Nothing is rendered in the web process. Who may
    have it: ``services.dossier.mag_dossier``."""
    zaak, rel = _zaak_of_404(request, pk)
    if not mag_dossier(zaak=zaak, user=request.user):
        raise Http404
    if request.method == "POST":
        try:
            export, nieuw = export_vraag_aan(soort=DOSSIER, zaak=zaak, door=request.user)
        except ExportFout as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Uw dossier is al klaar en er is niets veranderd. U kunt het hieronder "
                                        "downloaden.") if export.is_klaar else
                             _("Het dossier wordt gemaakt. Dat kan een paar minuten duren."))
        return redirect("geschillen:dossier", pk=zaak.pk)
    stand = export_stand(soort=DOSSIER, zaak=zaak, door=request.user)
    audit_view(actor=request.user, obj=zaak, leerling=zaak.leerling, omschrijving="Dossierpagina bekeken")
    terug = (reverse("geschillen:gedeelde_zaak", args=[zaak.pk]) if "helper" in rel and not rel & HANDELT
             else zaak.get_absolute_url(voor="ouder" if rel & HANDELT else "staf"))
    return render(request, "geschillen/dossier.html", {"zaak": zaak, "terug": terug, **stand})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def delen(request, pk):
    """The parents share this case with a helper, see every share with every view by the helper, and stop it."""
    zaak = _ouder_zaak_of_404(request, pk)
    rol = keuze_param(request.GET, "rol", HulpRol.values)
    form = DelingForm(request.POST or None, initial={"rol": rol} if rol else None)
    klaar, _uit = verwerk(request, form, lambda d: s.deling_nodig_uit(
        zaak=zaak, ouder=request.user, email=d["email"], rol=d["rol"], geldig_tot=d["geldig_tot"]),
        _("De uitnodiging is verstuurd. U ziet hieronder wanneer de zaak wordt bekeken."))
    if klaar:
        return redirect("geschillen:delen", pk=zaak.pk)
    audit_view(actor=request.user, obj=zaak, leerling=zaak.leerling, omschrijving="Delen bekeken")
    return render(request, "geschillen/delen.html", {
        "zaak": zaak, "form": form, "delingen": selectors.delingen_met_inzage(zaak),
        "zonder_plek_sinds": selectors.zonder_plek_sinds(zaak.leerling)})


@login_required
@require_POST
def deling_intrekken(request, pk):
    deling = selectors.deling_van_gezin_of_404(request.user, pk)
    knop(request, lambda: s.deling_trek_in(deling=deling, ouder=request.user),
         _("Het delen is gestopt. Deze persoon kan de zaak niet meer bekijken."))
    return redirect("geschillen:delen", pk=deling.zaak_id)


@login_required
@require_http_methods(["GET", "POST"])
def deling_aannemen(request, token):
    """The helper accepts the invitation (once, with the invited address, before it expires)."""
    if request.method == "POST":
        try:
            deling = s.deling_neem_aan(token=token, user=request.user)
        except ZaakFout as exc:
            return render(request, "geschillen/deling_aannemen.html", {"fout": str(exc)}, status=400)
        messages.success(request, _("U kunt de zaak nu bekijken. De ouders zien wanneer u dat doet."))
        return redirect("geschillen:gedeelde_zaak", pk=deling.zaak_id)
    return render(request, "geschillen/deling_aannemen.html", {"token": token})


@login_required
def gedeelde_zaak(request, pk):
    """A helper reads the one case shared with them: where it stands, the dates, the timeline meant for parents,
    the documents and letters. Every view is recorded and shown to the parents."""
    zaak, rel = _zaak_of_404(request, pk)
    if "helper" not in rel:
        raise Http404
    audit_view(actor=request.user, obj=zaak, leerling=zaak.leerling, omschrijving="Gedeelde zaak bekeken")
    return render(request, "geschillen/gedeelde_zaak.html", {
        "zaak": zaak, "rel": rel, "stap": zaak.type.stap(zaak) if zaak.type.stap else None,
        "klokken": list(zaak.klokken.values()), "regels": selectors.tijdlijn_voor_ouders(zaak),
        **selectors.stukken(zaak),
        "tot_en_met": selectors.tot_en_met(selectors.actieve_deling(zaak, request.user))})


@login_required
def swv_overzicht(request):
    """The SWV's overview (W3, W4): outcomes per member school, no pupils; its own advice requests."""
    ids = request.user.swv_ids()
    if not ids:
        raise Http404
    return render(request, "geschillen/swv_overzicht.html", selectors.swv_overzicht(ids))


@login_required
def klachten_jaaroverzicht(request):
    """D-5: the yearly count of klachten and how many were upheld, per school, for the MR — without names."""
    if not selectors.kan_klachten_tellen(request.user):
        raise Http404
    huidig = selectors.schooljaar_van(timezone.localdate())
    jaar = id_param(request.GET, "jaar") or huidig
    jaar = min(max(jaar, huidig - 10), huidig)
    return render(request, "geschillen/klachten_jaaroverzicht.html", {
        "jaar": jaar, "jaren": list(range(huidig, huidig - 6, -1)),
        "rijen": selectors.klachten_jaaroverzicht(request.user, jaar)})
