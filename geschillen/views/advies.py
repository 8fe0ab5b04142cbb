from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.zaken.pagina import HANDELT, Actie, actie_view, eenmalig, verwerk, zaak_of_404

from .. import selectors
from .. import services as s
from ..constants import AdviesStatus
from ..forms import ActieGedaanForm, AdviesForm, AfrondForm, BijeenkomstForm, IntakeForm, IntrekForm
from ..models import Adviesverzoek
from . import zaakpagina
from .klacht import _voor


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def advies_nieuw(request):
    """W4: the parents ask their SWV for advice or mediation, choosing who may be involved."""
    if not selectors.treedt_op_voor_een_leerling(request.user):  # parents of a minor, an adult pupil, a curator
        raise Http404
    over = _voor(request)
    school = over.school if over is not None and over.school_id else None
    form = AdviesForm(request.POST or None, ouder=request.user,
                      initial={"kind": over.leerling_id if over else None, "school": school.pk if school else None,
                               "partijen": ["school"]})
    klaar, v = verwerk(request, form, lambda d: s.advies_dien_in(
        ouder=request.user, leerling=d["kind"], school=d["school"], soort=d["soort"], vraag=d["vraag"],
        partijen=d["partijen"], over_zaak=over), _("Uw vraag is naar het samenwerkingsverband gestuurd."))
    if klaar:
        return redirect(v.get_absolute_url("ouder"))
    return render(request, "geschillen/advies_nieuw.html", {"form": form, "over": over})


A = AdviesStatus

ACTIES = {
    "intake": Actie(form=lambda d, f, v, r: IntakeForm(d, prefix="intake", swv=v.swv, initial={"behandelaar": r.user.pk}),
                    mag=lambda r, v, rel: "swv" in rel and v.status in (A.INGEDIEND, A.INTAKE),
                    doe=lambda r, v, c, f: s.advies_intake(verzoek=v, door=r.user, behandelaar=c["behandelaar"],
                                                           intake_op=c["intake_op"], notitie=c["notitie"]),
                    succes=_l("De intake is vastgelegd.")),
    "bijeenkomst": Actie(form=lambda d, f, v, r: BijeenkomstForm(d, prefix="bijeenkomst",
                                                                 deelnemers=s.toegestane_deelnemers(v)),
                         mag=lambda r, v, rel: "swv" in rel and v.status in (A.INTAKE, A.BEMIDDELING),
                         doe=lambda r, v, c, f: s.bijeenkomst_voeg_toe(
                             verzoek=v, door=r.user, datum=c["datum"], deelnemers=c["deelnemers"], overige=c["overige"],
                             afspraken=c["afspraken"], acties=f.acties()),
                         succes=_l("De bijeenkomst is vastgelegd.")),
    "afronden": Actie(form=lambda d, f, v, r: AfrondForm(d, prefix="afronden"),
                      mag=lambda r, v, rel: "swv" in rel and v.status in (A.INTAKE, A.BEMIDDELING),
                      doe=lambda r, v, c, f: s.advies_rond_af(verzoek=v, door=r.user, uitkomst=c["uitkomst"],
                                                              toelichting=c["toelichting"]),
                      succes=_l("Het verzoek is afgerond.")),
    "intrekken": Actie(form=lambda d, f, v, r: IntrekForm(d, prefix="intrekken"),
                       mag=lambda r, v, rel: bool(rel & HANDELT) and v.is_open,
                       doe=lambda r, v, c, f: s.advies_trek_in(verzoek=v, ouder=r.user, reden=c["reden"]),
                       succes=_l("U heeft uw vraag ingetrokken.")),
}


def detail(request, v, gebonden=None, rel=None):
    ctx = zaakpagina(request, v, ACTIES, omschrijving="Advies- of bemiddelingsverzoek bekeken", gebonden=gebonden,
                     rel=rel)
    return render(request, "geschillen/advies.html", ctx | {
        "v": v, "bijeenkomsten": selectors.bijeenkomsten(v), "swv_mw": "swv" in ctx["rel"],
        "actie_form": ActieGedaanForm(prefix="gedaan")})


@login_required
def advies(request, pk):
    v, rel = zaak_of_404(request.user, Adviesverzoek, pk, "behandelaar")
    return detail(request, v, rel=rel)


advies_actie = actie_view(Adviesverzoek, ACTIES, detail)


@login_required
@require_http_methods(["POST"])
def actie_gedaan(request, pk):
    actie = selectors.actiepunt_of_404(pk)
    v, rel = zaak_of_404(request.user, Adviesverzoek, actie.bijeenkomst.adviesverzoek_id)
    if "swv" not in rel:
        raise Http404
    form = ActieGedaanForm(request.POST, prefix="gedaan")
    if form.is_valid():
        s.actie_gedaan(actie=actie, door=request.user, op=form.cleaned_data["op"])
        messages.success(request, _("De actie staat op gedaan."))
    else:
        messages.error(request, _("Vul een geldige datum in (niet in de toekomst)."))
    return redirect(v.get_absolute_url())
