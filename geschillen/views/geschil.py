from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.audit.services import audit_view
from portal.zaken.pagina import HANDELT, Actie, actie_view, eenmalig, zaak_of_404
from portal.zaken.services import ZaakFout, relaties
from portal.zaken.views import get_zaak_for_user_or_404

from .. import selectors, wet
from .. import services as s
from ..constants import GeschilStatus
from ..forms import GeschilForm, GeschilReactieForm, GeschilZittingForm, IntrekForm, OordeelForm, VerweerForm
from ..models import Geschil
from ..services.geschil import betwiste_zaak, laatste_besluit
from ..zaken import verweerder_swv
from . import reactie_op_oordeel, zaakpagina


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def geschil_nieuw(request, pk):
    """The parents record their request to the Geschillencommissie about a case. Outside the commission's remit
    (D-1) they get the warning with the reason, and may file anyway."""
    zaak = get_zaak_for_user_or_404(request.user, pk).specifiek
    if not relaties(request.user, zaak) & HANDELT:
        raise Http404
    hoofd, via = betwiste_zaak(zaak)
    if not hoofd.school_id and not hoofd.swv_id:
        raise Http404
    besluit = via or laatste_besluit(hoofd)
    waarschuwing = wet.gpo_waarschuwing(hoofd, besluit)
    uiterlijk = s.indientermijn(besluit)
    form = GeschilForm(request.POST or None, request.FILES or None, waarschuwing=waarschuwing, uiterlijk=uiterlijk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            g = s.geschil_dien_in(zaak=hoofd, besluit=besluit, ouder=request.user, ingediend_op=d["ingediend_op"],
                                  toelichting=d["toelichting"], spoed=d["spoed"],
                                  te_laat_reden=d.get("te_laat_reden", ""),
                                  waarschuwing_gezien=d.get("waarschuwing_gezien", False), bestanden=[d.get("bestand")])
        except ZaakFout as exc:
            veld = getattr(exc, "veld", None) or ("waarschuwing_gezien" if "waarschuwing" in str(exc) else None)
            form.add_error(veld if veld in form.fields else None, str(exc))
        else:
            messages.success(request, _("Uw verzoek aan de Geschillencommissie is vastgelegd. Download het dossier en "
                                        "stuur het mee naar de commissie."))
            return redirect(g.get_absolute_url("ouder"))
    audit_view(actor=request.user, obj=hoofd, leerling=hoofd.leerling, omschrijving="Geschil indienen geopend")
    return render(request, "geschillen/geschil_nieuw.html", {
        "zaak": hoofd, "besluit": besluit, "form": form, "waarschuwing": waarschuwing, "uiterlijk": uiterlijk,
        "te_laat": uiterlijk is not None and timezone.localdate() > uiterlijk})


# the school's side records what the commission received and sent: its IB'er or directeur, or the board
SCHOOL = frozenset({"school", "bestuur", "verweerder"})  # "verweerder": the SWV, about its own decision (a TLV)
G = GeschilStatus

ACTIES = {
    "verweer": Actie(form=lambda d, f, g, r: VerweerForm(d, f, prefix="verweer"),
                     mag=lambda r, g, rel: bool(rel & SCHOOL) and g.status == G.INGEDIEND,
                     doe=lambda r, g, c, f: s.geschil_verweer(geschil=g, door=r.user, verweer_op=c["verweer_op"],
                                                              samenvatting=c["samenvatting"], bestand=c.get("bestand")),
                     succes=_l("Het verweer is vastgelegd.")),
    "zitting": Actie(form=lambda d, f, g, r: GeschilZittingForm(d, prefix="zitting"),
                     mag=lambda r, g, rel: bool(rel & SCHOOL) and g.status == G.VERWEER,
                     doe=lambda r, g, c, f: s.geschil_zitting(
                         geschil=g, door=r.user, zitting_op=c["zitting_op"], aanwezig=c["aanwezig"],
                         leerling_gehoord=c["leerling_gehoord"], swv_uitgenodigd=c["swv_uitgenodigd"]),
                     succes=_l("De zitting is vastgelegd.")),
    "oordeel": Actie(form=lambda d, f, g, r: OordeelForm(d, f, prefix="oordeel"),
                     mag=lambda r, g, rel: bool(rel & SCHOOL) and g.status in (G.VERWEER, G.ZITTING),
                     doe=lambda r, g, c, f: s.geschil_oordeel(geschil=g, door=r.user, oordeel=c["oordeel"],
                                                              oordeel_op=c["oordeel_op"], samenvatting=c["samenvatting"],
                                                              bestand=c.get("bestand")),
                     succes=lambda g: _("Het oordeel is vastgelegd. Laat de ouders en de commissie weten wat het "
                                        "samenwerkingsverband ermee doet.") if verweerder_swv(g) else
                     _("Het oordeel is vastgelegd. Laat de ouders en de commissie weten wat het bestuur ermee doet.")),
    "intrekken": Actie(form=lambda d, f, g, r: IntrekForm(d, prefix="intrekken"),
                       mag=lambda r, g, rel: bool(rel & HANDELT) and g.status in (G.INGEDIEND, G.VERWEER, G.ZITTING),
                       doe=lambda r, g, c, f: s.geschil_trek_in(geschil=g, ouder=r.user, reden=c["reden"]),
                       succes=lambda g: _("U heeft het geschil ingetrokken. Het samenwerkingsverband weet het. Laat "
                                          "het ook de commissie weten.") if verweerder_swv(g) else
                       _("U heeft het geschil ingetrokken. Het schoolbestuur weet het. Laat het ook de commissie weten.")),
}


def detail(request, g, gebonden=None, rel=None):
    ctx = zaakpagina(request, g, ACTIES, omschrijving="Geschil bekeken", gebonden=gebonden, rel=rel)
    return render(request, "geschillen/geschil.html", ctx | selectors.stukken(g) | {
        "g": g, "mag_reageren": g.status == G.OORDEEL and s.mag_reageren(request.user, g)})


@login_required
def geschil(request, pk):
    g, rel = zaak_of_404(request.user, Geschil, pk, "betreft_besluit", "hoofdzaak")
    return detail(request, g, rel=rel)


geschil_actie = actie_view(Geschil, ACTIES, detail)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def geschil_reactie(request, pk):
    """D-4: the board's written response to the oordeel, after re-authentication (a letter in its name)."""
    g, _rel = zaak_of_404(request.user, Geschil, pk)
    if not (g.status == GeschilStatus.OORDEEL and s.mag_reageren(request.user, g)):
        raise Http404
    return reactie_op_oordeel(
        request, g, form=GeschilReactieForm(request.POST or None),
        doe=lambda c: s.geschil_reactie(geschil=g, door=request.user, opvolging=c["opvolging"],
                                        motivering=c["motivering"]),
        succes=_("De reactie is vastgelegd; de brief gaat naar de ouders. Stuur de commissie een afschrift."),
        titel=_("Reageren op het oordeel van de Geschillencommissie"),
        omschrijving="Reactie op oordeel geschil geopend")
