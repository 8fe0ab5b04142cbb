from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.basis.params import id_param
from portal.zaken.pagina import HANDELT, Actie, actie_view, eenmalig, verwerk, zaak_of_404
from portal.zaken.services import relaties
from portal.zaken.views import get_zaak_for_user_or_404

from .. import selectors
from .. import services as s
from ..constants import KlachtStatus
from ..forms import IntrekForm, KlachtForm, KlachtOordeelForm, KlachtReactieForm, ZittingForm
from ..models import Klacht
from . import reactie_op_oordeel, zaakpagina


def _voor(request):
    """A klacht may start from a case (?zaak=): the child and the school are filled in."""
    pk = id_param(request.GET, "zaak")
    if pk is None:
        return None
    try:
        zaak = get_zaak_for_user_or_404(request.user, pk)
    except Http404:
        return None
    zaak = zaak.specifiek
    return zaak if relaties(request.user, zaak) & HANDELT else None


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def klacht_nieuw(request):
    if not selectors.treedt_op_voor_een_leerling(request.user):  # parents of a minor, an adult pupil, a curator
        raise Http404
    over = _voor(request)
    school = over.school if over is not None and over.school_id else getattr(over, "betreft_school", None)
    form = KlachtForm(request.POST or None, request.FILES or None, ouder=request.user,
                      initial={"kind": over.leerling_id if over else None, "school": school.pk if school else None})
    klaar, klacht = verwerk(request, form, lambda d: s.klacht_dien_in(
        ouder=request.user, leerling=d["kind"], school=d["school"], onderwerp=d["onderwerp"], gewenst=d["gewenst"],
        commissie=d.get("commissie"), bestanden=[d.get("bestand")], over_zaak=over),
        _("Uw klacht is ingediend bij de klachtencommissie."))
    if klaar:
        return redirect(klacht.get_absolute_url("ouder"))
    return render(request, "geschillen/klacht_nieuw.html", {"form": form, "over": over})


_OPEN = (KlachtStatus.INGEDIEND, KlachtStatus.IN_BEHANDELING)

ACTIES = {
    "zitting": Actie(form=lambda d, f, k, r: ZittingForm(d, prefix="zitting"),
                     mag=lambda r, k, rel: "commissie" in rel and k.status in _OPEN,
                     doe=lambda r, k, c, f: s.klacht_zitting(klacht=k, door=r.user, zitting_op=c["zitting_op"],
                                                             verslag=c["verslag"]),
                     succes=_l("De hoorzitting is vastgelegd.")),
    "oordeel": Actie(form=lambda d, f, k, r: KlachtOordeelForm(d, f, prefix="oordeel"),
                     mag=lambda r, k, rel: "commissie" in rel and k.status in _OPEN,
                     doe=lambda r, k, c, f: s.klacht_oordeel(
                         klacht=k, door=r.user, oordeel=c["oordeel"], oordeel_op=c["oordeel_op"],
                         samenvatting=c["samenvatting"], aanbevelingen=c["aanbevelingen"], bestand=c.get("bestand")),
                     succes=_l("Het oordeel is vastgelegd. Het bestuur heeft 4 weken om te reageren.")),
    "intrekken": Actie(form=lambda d, f, k, r: IntrekForm(d, prefix="intrekken"),
                       mag=lambda r, k, rel: bool(rel & HANDELT) and k.status in _OPEN,
                       doe=lambda r, k, c, f: s.klacht_trek_in(klacht=k, ouder=r.user, reden=c["reden"]),
                       succes=_l("U heeft de klacht ingetrokken. De klachtencommissie en het schoolbestuur weten het.")),
}


def detail(request, k, gebonden=None, rel=None):
    ctx = zaakpagina(request, k, ACTIES, omschrijving="Klacht bekeken", gebonden=gebonden, rel=rel)
    return render(request, "geschillen/klacht.html", ctx | selectors.stukken(k) | {
        "k": k, "mag_reageren": "bestuur" in ctx["rel"] and k.status == KlachtStatus.OORDEEL})


@login_required
def klacht(request, pk):
    k, rel = zaak_of_404(request.user, Klacht, pk, "commissie", "betreft_school__bestuur")
    return detail(request, k, rel=rel)


klacht_actie = actie_view(Klacht, ACTIES, detail)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def klacht_reactie(request, pk):
    """D-5: the board's response to the oordeel, after re-authentication (a letter in the board's name)."""
    k, rel = zaak_of_404(request.user, Klacht, pk, "commissie", "betreft_school__bestuur")
    if not ("bestuur" in rel and k.status == KlachtStatus.OORDEEL):
        raise Http404
    return reactie_op_oordeel(
        request, k, form=KlachtReactieForm(request.POST or None),
        doe=lambda c: s.klacht_reactie(klacht=k, door=request.user, opvolging=c["opvolging"],
                                       maatregelen=c["maatregelen"]),
        succes=_("De reactie is vastgelegd; de brief gaat naar de ouders en de commissie."),
        titel=_("Reageren op het oordeel van de klachtencommissie"), omschrijving="Reactie op oordeel klacht geopend")
