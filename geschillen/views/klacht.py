from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.views import reauth_redirect
from portal.audit.services import audit_view
from portal.zaken.hoorrecht import leerlingen_waarvoor
from portal.zaken.views import get_zaak_for_user_or_404

from .. import services as s
from ..constants import KlachtStatus
from ..forms import IntrekForm, KlachtForm, KlachtOordeelForm, KlachtReactieForm, ZittingForm
from ..models import Klacht
from .common import Actie, actie_view, is_ouder, zaak_of_404


def _voor(request):
    """A klacht may start from a case (?zaak=): the child and the school are filled in."""
    pk = request.GET.get("zaak")
    if not (pk and pk.isdigit()):
        return None
    try:
        zaak = get_zaak_for_user_or_404(request.user, int(pk))
    except Http404:
        return None
    return zaak if is_ouder(request.user, zaak) else None


@login_required
@require_http_methods(["GET", "POST"])
def klacht_nieuw(request):
    if not leerlingen_waarvoor(request.user).exists():  # parents of a minor, an adult pupil, a curator
        raise Http404
    over = _voor(request)
    school = over.school if over is not None and over.school_id else getattr(over, "betreft_school", None)
    form = KlachtForm(request.POST or None, request.FILES or None, ouder=request.user,
                      initial={"kind": over.leerling_id if over else None, "school": school.pk if school else None})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            klacht = s.klacht_dien_in(ouder=request.user, leerling=d["kind"], school=d["school"], onderwerp=d["onderwerp"],
                                      gewenst=d["gewenst"], commissie=d.get("commissie"), bestanden=[d.get("bestand")],
                                      over_zaak=over)
        except s.GeschilFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Uw klacht is ingediend bij de klachtencommissie."))
            return redirect(klacht.get_absolute_url("ouder"))
    return render(request, "geschillen/klacht_nieuw.html", {"form": form, "over": over})


def _is_secretaris(request, k):
    return s.is_secretaris(request.user, k)


def _is_ouder_open(request, k):
    return is_ouder(request.user, k) and k.status in (KlachtStatus.INGEDIEND, KlachtStatus.IN_BEHANDELING)


ACTIES = {
    "zitting": Actie(lambda d, f, k, r: ZittingForm(d, prefix="zitting"),
                     lambda r, k: _is_secretaris(r, k) and k.status in (KlachtStatus.INGEDIEND, KlachtStatus.IN_BEHANDELING),
                     lambda r, k, c, f: s.klacht_zitting(klacht=k, door=r.user, zitting_op=c["zitting_op"],
                                                         verslag=c["verslag"]),
                     _("De hoorzitting is vastgelegd.")),
    "oordeel": Actie(lambda d, f, k, r: KlachtOordeelForm(d, f, prefix="oordeel"),
                     lambda r, k: _is_secretaris(r, k) and k.status in (KlachtStatus.INGEDIEND, KlachtStatus.IN_BEHANDELING),
                     lambda r, k, c, f: s.klacht_oordeel(
                         klacht=k, door=r.user, oordeel=c["oordeel"], oordeel_op=c["oordeel_op"],
                         samenvatting=c["samenvatting"], aanbevelingen=c["aanbevelingen"], bestand=c.get("bestand")),
                     _("Het oordeel is vastgelegd. Het bestuur heeft 4 weken om te reageren.")),
    "intrekken": Actie(lambda d, f, k, r: IntrekForm(d, prefix="intrekken"), _is_ouder_open,
                       lambda r, k, c, f: s.klacht_trek_in(klacht=k, ouder=r.user, reden=c["reden"]),
                       _("U heeft de klacht ingetrokken. De klachtencommissie en het schoolbestuur weten het.")),
}


def detail(request, k, gebonden=None):
    gebonden = gebonden or {}
    forms = {naam: gebonden.get(naam) or a.form(None, None, k, request) for naam, a in ACTIES.items() if a.mag(request, k)}
    ouder = is_ouder(request.user, k)
    audit_view(actor=request.user, obj=k, leerling=k.leerling, omschrijving="Klacht bekeken")
    return render(request, "geschillen/klacht.html", {
        "k": k, "zaak": k, "ouder": ouder, "forms": forms, "stap": k.type.stap(k), "klokken": list(k.klokken.values()),
        "documenten": k.documenten.all(), "brieven": k.brieven.all(),
        "mag_reageren": s.is_bestuur(request.user, k) and k.status == KlachtStatus.OORDEEL,
        "fout_in_formulier": bool(gebonden)})


@login_required
def klacht(request, pk):
    return detail(request, zaak_of_404(request.user, Klacht, pk, "commissie", "betreft_school__bestuur"))


klacht_actie = actie_view(Klacht, ACTIES, detail)


@login_required
@require_http_methods(["GET", "POST"])
def klacht_reactie(request, pk):
    """D-5: the board's response to the oordeel, after re-authentication (a letter in the board's name)."""
    k = zaak_of_404(request.user, Klacht, pk, "commissie", "betreft_school__bestuur")
    if not (s.is_bestuur(request.user, k) and k.status == KlachtStatus.OORDEEL):
        raise Http404
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    form = KlachtReactieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            s.klacht_reactie(klacht=k, door=request.user, opvolging=form.cleaned_data["opvolging"],
                             maatregelen=form.cleaned_data["maatregelen"])
        except s.GeschilFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De reactie is vastgelegd; de brief gaat naar de ouders en de commissie."))
            return redirect(k.get_absolute_url())
    audit_view(actor=request.user, obj=k, leerling=k.leerling, omschrijving="Reactie op oordeel klacht geopend")
    return render(request, "geschillen/reactie.html", {"zaak": k, "form": form, "titel": _("Reageren op het oordeel van "
                                                                                          "de klachtencommissie"),
                                                       "oordeel": k.get_oordeel_display(),
                                                       "samenvatting": k.oordeel_samenvatting})

