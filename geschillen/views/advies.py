from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.audit.services import audit_view
from portal.zaken.hoorrecht import leerlingen_waarvoor

from .. import services as s
from ..constants import AdviesStatus
from ..forms import ActieGedaanForm, AdviesForm, AfrondForm, BijeenkomstForm, IntakeForm, IntrekForm
from ..models import Actiepunt, Adviesverzoek
from .common import Actie, actie_view, is_ouder, zaak_of_404
from .klacht import _voor


@login_required
@require_http_methods(["GET", "POST"])
def advies_nieuw(request):
    """W4: the parents ask their SWV for advice or mediation, choosing who may be involved."""
    if not leerlingen_waarvoor(request.user).exists():  # parents of a minor, an adult pupil, a curator
        raise Http404
    over = _voor(request)
    school = over.school if over is not None and over.school_id else None
    form = AdviesForm(request.POST or None, ouder=request.user,
                      initial={"kind": over.leerling_id if over else None, "school": school.pk if school else None,
                               "partijen": ["school"]})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            v = s.advies_dien_in(ouder=request.user, leerling=d["kind"], school=d["school"], soort=d["soort"],
                                 vraag=d["vraag"], partijen=d["partijen"], over_zaak=over)
        except s.GeschilFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Uw vraag is naar het samenwerkingsverband gestuurd."))
            return redirect(v.get_absolute_url("ouder"))
    return render(request, "geschillen/advies_nieuw.html", {"form": form, "over": over})


def _swv(request, v):
    return v.swv_id in request.user.swv_ids()


ACTIES = {
    "intake": Actie(lambda d, f, v, r: IntakeForm(d, prefix="intake", swv=v.swv,
                                                  initial={"behandelaar": r.user.pk if _swv(r, v) else None}),
                    lambda r, v: _swv(r, v) and v.status in (AdviesStatus.INGEDIEND, AdviesStatus.INTAKE),
                    lambda r, v, c, f: s.advies_intake(verzoek=v, door=r.user, behandelaar=c["behandelaar"],
                                                       intake_op=c["intake_op"], notitie=c["notitie"]),
                    _("De intake is vastgelegd.")),
    "bijeenkomst": Actie(lambda d, f, v, r: BijeenkomstForm(d, prefix="bijeenkomst",
                                                            deelnemers=s.toegestane_deelnemers(v)),
                         lambda r, v: _swv(r, v) and v.status in (AdviesStatus.INTAKE, AdviesStatus.BEMIDDELING),
                         lambda r, v, c, f: s.bijeenkomst_voeg_toe(
                             verzoek=v, door=r.user, datum=c["datum"], deelnemers=c["deelnemers"], overige=c["overige"],
                             afspraken=c["afspraken"], acties=f.acties()),
                         _("De bijeenkomst is vastgelegd.")),
    "afronden": Actie(lambda d, f, v, r: AfrondForm(d, prefix="afronden"),
                      lambda r, v: _swv(r, v) and v.status in (AdviesStatus.INTAKE, AdviesStatus.BEMIDDELING),
                      lambda r, v, c, f: s.advies_rond_af(verzoek=v, door=r.user, uitkomst=c["uitkomst"],
                                                          toelichting=c["toelichting"]),
                      _("Het verzoek is afgerond.")),
    "intrekken": Actie(lambda d, f, v, r: IntrekForm(d, prefix="intrekken"),
                       lambda r, v: is_ouder(r.user, v) and v.is_open,
                       lambda r, v, c, f: s.advies_trek_in(verzoek=v, ouder=r.user, reden=c["reden"]),
                       _("U heeft uw vraag ingetrokken.")),
}


def detail(request, v, gebonden=None):
    gebonden = gebonden or {}
    forms = {naam: gebonden.get(naam) or a.form(None, None, v, request) for naam, a in ACTIES.items() if a.mag(request, v)}
    audit_view(actor=request.user, obj=v, leerling=v.leerling, omschrijving="Advies- of bemiddelingsverzoek bekeken")
    return render(request, "geschillen/advies.html", {
        "v": v, "zaak": v, "ouder": is_ouder(request.user, v), "forms": forms, "stap": v.type.stap(v),
        "bijeenkomsten": v.bijeenkomsten.prefetch_related("acties"), "swv_mw": _swv(request, v),
        "actie_form": ActieGedaanForm(prefix="gedaan"), "fout_in_formulier": bool(gebonden)})


@login_required
def advies(request, pk):
    return detail(request, zaak_of_404(request.user, Adviesverzoek, pk, "behandelaar"))


advies_actie = actie_view(Adviesverzoek, ACTIES, detail)


@login_required
@require_http_methods(["POST"])
def actie_gedaan(request, pk):
    actie = get_object_or_404(Actiepunt.objects.select_related("bijeenkomst__adviesverzoek"), pk=pk)
    v = zaak_of_404(request.user, Adviesverzoek, actie.bijeenkomst.adviesverzoek_id)
    if not _swv(request, v):
        raise Http404
    form = ActieGedaanForm(request.POST, prefix="gedaan")
    if form.is_valid():
        s.actie_gedaan(actie=actie, door=request.user, op=form.cleaned_data["op"])
        messages.success(request, _("De actie staat op gedaan."))
    else:
        messages.error(request, _("Vul een geldige datum in (niet in de toekomst)."))
    return redirect(v.get_absolute_url())
