"""Schorsing and verwijdering (S7): the school's records with the guards of E-1 and E-2; the parents read them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.organisaties.wetgeving import sector
from portal.zaken.pagina import Actie, actie_view, eenmalig, verwerk, zaak_of_404
from portal.zaken.services import ZaakFout

from .. import selectors
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
from . import zaakpagina


def _eigen_scholen(request):
    ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if not ids:
        raise Http404
    return ids


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def schorsing_nieuw(request):
    ids = _eigen_scholen(request)
    form = SchorsingForm(request.POST or None, school_ids=ids)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            sch = s.schorsing_bereid_voor(leerling=d["leerling"], school=form.school(), door=request.user, van=d["van"],
                                          tot=d["tot"], redenen=d["redenen"], gehoord=d["gehoord"])
        except ZaakFout as exc:
            form.add_error("tot" if "week" in str(exc) or "vóór de eerste" in str(exc) else None, str(exc))
        else:
            messages.success(request, _("De schorsing is voorbereid. Iemand met mandaat ondertekent het besluit; dan "
                                        "krijgen de ouders de brief."))
            return redirect(sch.get_absolute_url())
    return render(request, "geschillen/schorsing_nieuw.html", {"form": form})


# the school's side: its IB'er or directeur, or the board
SCHOOL = frozenset({"school", "bestuur"})
S, V = SchorsingStatus, VerwijderingStatus

SCHORSING_ACTIES = {
    "inspectie": Actie(form=lambda d, f, z, r: InspectieForm(d, prefix="inspectie"),
                       mag=lambda r, z, rel: bool(rel & SCHOOL) and z.inspectie_melding_nodig and not z.inspectie_gemeld_op
                       and z.status in (S.LOPEND, S.AFGELOPEN),
                       doe=lambda r, z, c, f: s.schorsing_inspectie_gemeld(schorsing=z, door=r.user,
                                                                           gemeld_op=c["gemeld_op"], kenmerk=c["kenmerk"]),
                       succes=_l("De melding aan de inspectie is vastgelegd.")),
    "terug": Actie(form=lambda d, f, z, r: TerugForm(d, prefix="terug"),
                   mag=lambda r, z, rel: bool(rel & SCHOOL) and z.status == S.LOPEND,
                   doe=lambda r, z, c, f: s.schorsing_beeindig(schorsing=z, door=r.user, terug_op=c["terug_op"]),
                   succes=_l("De schorsing is afgelopen.")),
    "vervalt": Actie(form=lambda d, f, z, r: ZieAfForm(d, prefix="vervalt"),
                     mag=lambda r, z, rel: bool(rel & SCHOOL) and z.status == S.VOORBEREID,
                     doe=lambda r, z, c, f: s.schorsing_vervalt(schorsing=z, door=r.user),
                     succes=_l("De schorsing gaat niet door.")),
}


def schorsing_detail(request, z, gebonden=None, rel=None):
    ctx = zaakpagina(request, z, SCHORSING_ACTIES, omschrijving="Schorsing bekeken", gebonden=gebonden, rel=rel)
    besluit = z.besluit
    return render(request, "geschillen/schorsing.html", ctx | {
        "s": z, "brieven": selectors.stukken(z)["brieven"], "besluit": besluit,
        "mag_tekenen": selectors.mag_tekenen(request.user, z, besluit, "schorsing"),
        "papier_bezwaar": _papier_bezwaar(request, besluit, z)})


def _papier_bezwaar(request, besluit, zaak) -> bool:
    """Awb 6:9: the bevoegd gezag's side may record a bezwaarschrift that came in on paper against this decision."""
    return (besluit is not None and besluit.is_bekend and s.mag_papier_vastleggen(request.user, besluit, zaak)
            and not selectors.bezwaar_loopt(besluit))


@login_required
def schorsing(request, pk):
    z, rel = zaak_of_404(request.user, Schorsing, pk)
    return schorsing_detail(request, z, rel=rel)


schorsing_actie = actie_view(Schorsing, SCHORSING_ACTIES, schorsing_detail)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def verwijdering_nieuw(request):
    ids = _eigen_scholen(request)
    form = VerwijderingStartForm(request.POST or None, school_ids=ids)
    klaar, v = verwerk(request, form, lambda d: s.verwijdering_start(leerling=d["leerling"], school=form.school(),
                                                                     door=request.user, reden=d["reden"]),
                       _("De verwijdering is in voorbereiding. Hoor eerst de leraar en de ouders."))
    if klaar:
        return redirect(v.get_absolute_url())
    return render(request, "geschillen/verwijdering_nieuw.html", {"form": form})


def _voorbereiding(r, v, rel):
    return bool(rel & SCHOOL) and v.status == V.VOORBEREIDING


VERWIJDERING_ACTIES = {
    "horen": Actie(form=lambda d, f, v, r: HorenForm(d, prefix="horen"), mag=_voorbereiding,
                   doe=lambda r, v, c, f: s.horen_vastleggen(verwijdering=v, door=r.user, soort=c["soort"],
                                                             datum=c["datum"], verslag=c["verslag"]),
                   succes=_l("Het horen is vastgelegd.")),
    "acceptatie": Actie(form=lambda d, f, v, r: AcceptatieForm(d, f, prefix="acceptatie"), mag=_voorbereiding,
                        doe=lambda r, v, c, f: s.verwijdering_acceptatie(
                            verwijdering=v, door=r.user, bestand=c["bestand"], op=c["op"], school=c.get("school"),
                            school_naam=c.get("school_naam") or ""),
                        succes=_l("De acceptatie door de andere school is vastgelegd.")),
    "inspectie": Actie(form=lambda d, f, v, r: InspectieOverlegForm(d, prefix="inspectie"),
                       mag=lambda r, v, rel: _voorbereiding(r, v, rel) and sector(v.school) == "vo",
                       doe=lambda r, v, c, f: s.verwijdering_inspectie_overleg(verwijdering=v, door=r.user, op=c["op"]),
                       succes=_l("Het overleg met de inspectie is vastgelegd.")),
    "besluit": Actie(form=lambda d, f, v, r: VerwijderingBesluitForm(d, prefix="besluit"), mag=_voorbereiding,
                     doe=lambda r, v, c, f: s.verwijdering_bereid_voor(verwijdering=v, door=r.user, per=c["per"],
                                                                       motivering=c["motivering"]),
                     succes=_l("Het besluit is voorbereid en wacht op een handtekening van iemand met mandaat.")),
    "afzien": Actie(form=lambda d, f, v, r: ZieAfForm(d, prefix="afzien"),
                    mag=lambda r, v, rel: bool(rel & SCHOOL) and v.status in (V.VOORBEREIDING, V.VOORBEREID),
                    doe=lambda r, v, c, f: s.verwijdering_zie_af(verwijdering=v, door=r.user, reden=c["reden"]),
                    succes=_l("De school ziet af van verwijdering; de ouders weten het.")),
}


def verwijdering_detail(request, v, gebonden=None, rel=None):
    ctx = zaakpagina(request, v, VERWIJDERING_ACTIES, omschrijving="Verwijdering bekeken", gebonden=gebonden, rel=rel)
    besluit = v.besluit
    school, ouder = bool(ctx["rel"] & SCHOOL), ctx["ouder"]
    return render(request, "geschillen/verwijdering.html", ctx | {
        "v": v, "school": school, "hoorverslagen": selectors.hoorverslagen(v) if school or ouder else [],
        "brieven": selectors.stukken(v)["brieven"], "besluit": besluit, "guard": s.verwijdering_guard(v) if school else "",
        "mag_tekenen": selectors.mag_tekenen(request.user, v, besluit, "verwijdering"),
        # Awb 6:9: a bezwaarschrift that came in on paper is recorded by the bevoegd gezag's side
        "papier_bezwaar": _papier_bezwaar(request, besluit, v)})


@login_required
def verwijdering(request, pk):
    v, rel = zaak_of_404(request.user, Verwijdering, pk, "ontvangende_school", "leerling__woongemeente")
    return verwijdering_detail(request, v, rel=rel)


verwijdering_actie = actie_view(Verwijdering, VERWIJDERING_ACTIES, verwijdering_detail)


@login_required
def verwijdering_melding(request, pk):
    """The notice of a removal for the leerplichtambtenaar of the pupil's home municipality (Leerplichtwet 18):
    who, which school, from when, and which school admits the pupil — not the reasons or the hearings."""
    v = selectors.leerplicht_melding_of_404(request.user, pk)
    audit_view(actor=request.user, obj=v, leerling=v.leerling, omschrijving="Melding verwijdering (leerplicht) bekeken")
    return render(request, "geschillen/verwijdering_melding.html", {"v": v, "besluit": v.besluit})
