"""Schorsing and verwijdering (S7): the school's records with the guards of E-1 and E-2; the parents read them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.organisaties.models import Mandaat
from portal.organisaties.wetgeving import sector

from .. import services as s
from ..constants import SchorsingStatus, VerwijderingStatus
from ..forms import (
    AcceptatieForm,
    HorenForm,
    InspectieForm,
    InspectieOverlegForm,
    SchorsingForm,
    TerugForm,
    VerwijderingBesluitForm,
    VerwijderingStartForm,
    ZieAfForm,
)
from ..models import Schorsing, Verwijdering
from .common import Actie, actie_view, is_ouder, is_school, zaak_of_404


def _eigen_scholen(request):
    ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if not ids:
        raise Http404
    return ids


@login_required
@require_http_methods(["GET", "POST"])
def schorsing_nieuw(request):
    ids = _eigen_scholen(request)
    form = SchorsingForm(request.POST or None, school_ids=ids)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sch = s.schorsing_bereid_voor(leerling=d["leerling"], school=form.school(), door=request.user, van=d["van"],
                                          tot=d["tot"], redenen=d["redenen"], gehoord=d["gehoord"])
        except s.GeschilFout as exc:
            form.add_error("tot" if "week" in str(exc) or "vóór de eerste" in str(exc) else None, str(exc))
        else:
            messages.success(request, _("De schorsing is voorbereid. Iemand met mandaat ondertekent het besluit; dan "
                                        "krijgen de ouders de brief."))
            return redirect(sch.get_absolute_url())
    return render(request, "geschillen/schorsing_nieuw.html", {"form": form})


SCHORSING_ACTIES = {
    "inspectie": Actie(lambda d, f, z, r: InspectieForm(d, prefix="inspectie"),
                       lambda r, z: is_school(r.user, z) and z.inspectie_melding_nodig and not z.inspectie_gemeld_op
                       and z.status in (SchorsingStatus.LOPEND, SchorsingStatus.AFGELOPEN),
                       lambda r, z, c, f: s.schorsing_inspectie_gemeld(schorsing=z, door=r.user,
                                                                       gemeld_op=c["gemeld_op"], kenmerk=c["kenmerk"]),
                       _("De melding aan de inspectie is vastgelegd.")),
    "terug": Actie(lambda d, f, z, r: TerugForm(d, prefix="terug"),
                   lambda r, z: is_school(r.user, z) and z.status == SchorsingStatus.LOPEND,
                   lambda r, z, c, f: s.schorsing_beeindig(schorsing=z, door=r.user, terug_op=c["terug_op"]),
                   _("De schorsing is afgelopen.")),
    "vervalt": Actie(lambda d, f, z, r: ZieAfForm(d, prefix="vervalt"),
                     lambda r, z: is_school(r.user, z) and z.status == SchorsingStatus.VOORBEREID,
                     lambda r, z, c, f: s.schorsing_vervalt(schorsing=z, door=r.user),
                     _("De schorsing gaat niet door.")),
}


def schorsing_detail(request, z, gebonden=None):
    gebonden = gebonden or {}
    forms = {n: gebonden.get(n) or a.form(None, None, z, request) for n, a in SCHORSING_ACTIES.items() if a.mag(request, z)}
    audit_view(actor=request.user, obj=z, leerling=z.leerling, omschrijving="Schorsing bekeken")
    besluit = z.besluit
    return render(request, "geschillen/schorsing.html", {
        "s": z, "zaak": z, "ouder": is_ouder(request.user, z), "forms": forms, "stap": z.type.stap(z),
        "klokken": list(z.klokken.values()), "brieven": z.brieven.all(), "besluit": besluit,
        "mag_tekenen": besluit is not None and not besluit.ondertekend_op and Mandaat.objects.mag_tekenen(
            request.user, z, "schorsing"), "fout_in_formulier": bool(gebonden),
        "papier_bezwaar": _papier_bezwaar(request, besluit, z)})


def _papier_bezwaar(request, besluit, zaak) -> bool:
    """Awb 6:9: the bevoegd gezag's side may record a bezwaarschrift that came in on paper against this decision."""
    return (besluit is not None and besluit.is_bekend and s.mag_papier_vastleggen(request.user, besluit, zaak)
            and not besluit.betwist_in.filter(zaaktype="bezwaar", afgesloten_op__isnull=True).exists())


@login_required
def schorsing(request, pk):
    return schorsing_detail(request, zaak_of_404(request.user, Schorsing, pk))


schorsing_actie = actie_view(Schorsing, SCHORSING_ACTIES, schorsing_detail)


@login_required
@require_http_methods(["GET", "POST"])
def verwijdering_nieuw(request):
    ids = _eigen_scholen(request)
    form = VerwijderingStartForm(request.POST or None, school_ids=ids)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            v = s.verwijdering_start(leerling=d["leerling"], school=form.school(), door=request.user, reden=d["reden"])
        except s.GeschilFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De verwijdering is in voorbereiding. Hoor eerst de leraar en de ouders."))
            return redirect(v.get_absolute_url())
    return render(request, "geschillen/verwijdering_nieuw.html", {"form": form})


def _voorbereiding(r, v):
    return is_school(r.user, v) and v.status == VerwijderingStatus.VOORBEREIDING


VERWIJDERING_ACTIES = {
    "horen": Actie(lambda d, f, v, r: HorenForm(d, prefix="horen"), _voorbereiding,
                   lambda r, v, c, f: s.horen_vastleggen(verwijdering=v, door=r.user, soort=c["soort"], datum=c["datum"],
                                                         verslag=c["verslag"]),
                   _("Het horen is vastgelegd.")),
    "acceptatie": Actie(lambda d, f, v, r: AcceptatieForm(d, f, prefix="acceptatie"), _voorbereiding,
                        lambda r, v, c, f: s.verwijdering_acceptatie(
                            verwijdering=v, door=r.user, bestand=c["bestand"], op=c["op"], school=c.get("school"),
                            school_naam=c.get("school_naam") or ""),
                        _("De acceptatie door de andere school is vastgelegd.")),
    "inspectie": Actie(lambda d, f, v, r: InspectieOverlegForm(d, prefix="inspectie"),
                       lambda r, v: _voorbereiding(r, v) and sector(v.school) == "vo",
                       lambda r, v, c, f: s.verwijdering_inspectie_overleg(verwijdering=v, door=r.user, op=c["op"]),
                       _("Het overleg met de inspectie is vastgelegd.")),
    "besluit": Actie(lambda d, f, v, r: VerwijderingBesluitForm(d, prefix="besluit"), _voorbereiding,
                     lambda r, v, c, f: s.verwijdering_bereid_voor(verwijdering=v, door=r.user, per=c["per"],
                                                                   motivering=c["motivering"]),
                     _("Het besluit is voorbereid en wacht op een handtekening van iemand met mandaat.")),
    "afzien": Actie(lambda d, f, v, r: ZieAfForm(d, prefix="afzien"),
                    lambda r, v: is_school(r.user, v) and v.status in (VerwijderingStatus.VOORBEREIDING,
                                                                       VerwijderingStatus.VOORBEREID),
                    lambda r, v, c, f: s.verwijdering_zie_af(verwijdering=v, door=r.user, reden=c["reden"]),
                    _("De school ziet af van verwijdering; de ouders weten het.")),
}


def verwijdering_detail(request, v, gebonden=None):
    gebonden = gebonden or {}
    forms = {n: gebonden.get(n) or a.form(None, None, v, request) for n, a in VERWIJDERING_ACTIES.items()
             if a.mag(request, v)}
    audit_view(actor=request.user, obj=v, leerling=v.leerling, omschrijving="Verwijdering bekeken")
    besluit = v.besluit
    school = is_school(request.user, v)
    return render(request, "geschillen/verwijdering.html", {
        "v": v, "zaak": v, "ouder": is_ouder(request.user, v), "school": school, "forms": forms,
        "stap": v.type.stap(v), "klokken": list(v.klokken.values()),
        "hoorverslagen": v.hoorverslagen.all() if school or is_ouder(request.user, v) else [],
        "brieven": v.brieven.all(), "besluit": besluit, "guard": s.verwijdering_guard(v) if school else "",
        "mag_tekenen": besluit is not None and not besluit.ondertekend_op and Mandaat.objects.mag_tekenen(
            request.user, v, "verwijdering"), "fout_in_formulier": bool(gebonden),
        # Awb 6:9: a bezwaarschrift that came in on paper is recorded by the bevoegd gezag's side
        "papier_bezwaar": _papier_bezwaar(request, besluit, v)})


@login_required
def verwijdering(request, pk):
    return verwijdering_detail(request, zaak_of_404(request.user, Verwijdering, pk, "ontvangende_school",
                                                    "leerling__woongemeente"))


verwijdering_actie = actie_view(Verwijdering, VERWIJDERING_ACTIES, verwijdering_detail)


@login_required
def verwijdering_melding(request, pk):
    """The notice of a removal for the leerplichtambtenaar of the pupil's home municipality (Leerplichtwet 18):
    who, which school, from when, and which school admits the pupil — not the reasons or the hearings."""
    from django.shortcuts import get_object_or_404

    from ..toegang import leerplicht_meldingen

    v = get_object_or_404(leerplicht_meldingen(request.user).select_related(
        "leerling", "school", "ontvangende_school", "leerling__woongemeente"), pk=pk)
    audit_view(actor=request.user, obj=v, leerling=v.leerling, omschrijving="Melding verwijdering (leerplicht) bekeken")
    return render(request, "geschillen/verwijdering_melding.html", {"v": v, "besluit": v.besluit})
