from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.accounts.models import User
from portal.accounts.views import reauth_redirect
from portal.basis import publiek
from portal.basis.params import parse_id
from portal.zaken import registry
from portal.zaken.pagina import eenmalig, knop, verwerk

from . import selectors, wetgeving
from .forms import (
    BasisItemForm,
    MandaatForm,
    ProfielExpertiseForm,
    ProfielForm,
    ProfielOnderdeelForm,
    PubliceerForm,
    VrijePeriodeForm,
)
from .models import (
    Basisondersteuning,
    BasisondersteuningVersie,
    Mandaat,
    Ondersteuningsprofiel,
    ProfielExpertise,
    ProfielOnderdeel,
    ProfielOnderdeelSoort,
    ProfielStatus,
    Samenwerkingsverband,
    School,
    VrijePeriode,
)
from .services import (
    PROFIEL_VELDEN,
    MandaatFout,
    ProfielFout,
    SchoolkalenderFout,
    basisondersteuning_bewaar,
    basisondersteuning_publiceer,
    basisondersteuning_verwijder,
    mandaat_trek_in,
    mandaat_verleen,
    profiel_expertise_voeg_toe,
    profiel_nieuwe_versie,
    profiel_onderdeel_voeg_toe,
    profiel_ontbreekt,
    profiel_regel_verwijder,
    profiel_stel_vast,
    vrije_periode_verwijder,
    vrije_periode_voeg_toe,
)
from .services import profiel_bewerk as profiel_bewerk_service


def _gezagen(user):
    """The bevoegde gezagen this user is bestuurder of: [(bestuur, None) | (None, swv)]."""
    out = [(m.bestuur, None) for m in user.lidmaatschappen if m.rol == Rol.BESTUURDER and m.bestuur_id]
    out += [(None, m.swv) for m in user.lidmaatschappen if m.rol == Rol.BESTUURDER and m.swv_id]
    if not out:
        raise Http404
    return out


@login_required
def mandaten(request):
    """The mandate register of the boards this user governs: who may sign which decisions, when."""
    gezagen = _gezagen(request.user)
    q = Q(pk__in=[])
    for bestuur, swv in gezagen:
        q |= Q(bestuur=bestuur) if bestuur else Q(swv=swv)
    rijen = Mandaat.objects.filter(q).select_related("user", "bestuur", "swv", "verleend_door").order_by("-van")
    labels = {bt.code: bt.naam for bt in registry.BESLUITTYPEN.values()}
    return render(request, "organisaties/mandaten.html", {"gezagen": gezagen, "rijen": rijen, "labels": labels})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def mandaat_nieuw(request):
    gezagen = _gezagen(request.user)
    bestuur, swv = gezagen[0]
    kandidaten = User.objects.filter(is_active=True).filter(
        Q(memberships__school__bestuur=bestuur) if bestuur else Q(memberships__swv=swv)).distinct().order_by("last_name")
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    keuzes = [(bt.code, bt.naam) for bt in registry.BESLUITTYPEN.values()]
    form = MandaatForm(request.POST or None, kandidaten=kandidaten, besluittypen=keuzes)
    klaar, _uit = verwerk(request, form, lambda d: mandaat_verleen(
        door=request.user, bestuur=bestuur, swv=swv, user=d["user"], functie=d["functie"],
        besluittypen=d["besluittypen"], van=d["van"], tot=d.get("tot")),
        _("Het mandaat staat in het register."), fouten=(MandaatFout,))
    if klaar:
        return redirect("organisaties:mandaten")
    return render(request, "organisaties/mandaat_nieuw.html", {"form": form, "gezag": bestuur or swv})


@login_required
@require_POST
def mandaat_intrekken(request, pk):
    gezagen = _gezagen(request.user)
    q = Q(pk__in=[])
    for bestuur, swv in gezagen:
        q |= Q(bestuur=bestuur) if bestuur else Q(swv=swv)
    m = get_object_or_404(Mandaat.objects.filter(q), pk=pk)
    mandaat_trek_in(mandaat=m, door=request.user)
    messages.success(request, _("Het mandaat is ingetrokken."))
    return redirect("organisaties:mandaten")


# --- public support information: the SWV's basisondersteuning and a school's profile (issue #9 §1) ------------

def _versie_param(request) -> int | None:
    waarde = request.GET.get("versie", "")
    return parse_id(waarde) if len(waarde) < 6 else None


def basisondersteuning(request, pk):
    """Public: the SWV's basisondersteuning as published — the latest version, or an earlier one (``?versie=``) —
    with the dates of every version (W1, P1). No login. The same for every visitor: its content is kept per version
    asked, language and public version (issue #23 §3, ``portal.basis.publiek``)."""
    nummer = _versie_param(request)
    deel = publiek.deel("basisondersteuning", lambda: _basisondersteuning_inhoud(pk, nummer), pk, nummer)
    return render(request, "publiek/pagina.html", {"publiek": publiek.veilig(deel)})


def _basisondersteuning_inhoud(pk, nummer: int | None) -> dict:
    swv = get_object_or_404(Samenwerkingsverband, pk=pk)
    versies = list(BasisondersteuningVersie.objects.filter(swv=swv).only("pk", "swv_id", "nummer", "gepubliceerd_op"))
    versie = selectors.basis_versie(swv, nummer)
    if nummer and versie is None:
        raise Http404
    gebieden = {}
    for o in (versie.onderdelen.all() if versie else []):
        gebieden.setdefault(o.get_gebied_display(), []).append(o)
    return publiek.maak("organisaties/basisondersteuning.html", {
        "swv": swv, "versie": versie, "versies": versies, "gebieden": gebieden,
        "is_laatste": versie is not None and versies and versie.pk == versies[0].pk,
        "scholen": swv.scholen.order_by("naam").only("pk", "naam", "plaats")})


def profiel(request, pk):
    """Public: a school's support profile in force (or an earlier set version, ``?versie=``), as structured data,
    with the pupils' consultation and the basisondersteuning it builds on. A concept is never shown. Says plainly
    that a gap in the profile is no ground to refuse a child (A-10, P1). No login. Kept for every visitor as the
    school page is (issue #23 §3)."""
    nummer = _versie_param(request)
    deel = publiek.deel("profiel", lambda: _profiel_inhoud(pk, nummer), pk, nummer)
    return render(request, "publiek/pagina.html", {"publiek": publiek.veilig(deel)})


def _profiel_inhoud(pk, nummer: int | None) -> dict:
    school = get_object_or_404(School.objects.select_related("bestuur"), pk=pk)
    versies = list(Ondersteuningsprofiel.objects.filter(school=school).exclude(status=ProfielStatus.CONCEPT)
                   .only("pk", "school_id", "nummer", "status", "vastgesteld_op"))
    if nummer:
        gekozen = next((v for v in versies if v.nummer == nummer), None)
        if gekozen is None:
            raise Http404
        p = (Ondersteuningsprofiel.objects.filter(pk=gekozen.pk)
             .prefetch_related("onderdelen", "expertises", "basisondersteuning__swv").get())
    else:
        p = selectors.geldend_profiel(school)
    basis = list(p.basisondersteuning.all()) if p else []
    if not basis:
        basis = list(BasisondersteuningVersie.objects.filter(swv__in=school.samenwerkingsverbanden.all())
                     .laatste_per_swv().select_related("swv"))
    onderdelen = list(p.onderdelen.all()) if p else []
    return publiek.maak("organisaties/profiel.html", {
        "school": school, "p": p, "versies": versies, "basis": basis,
        "extra": [o for o in onderdelen if o.soort == ProfielOnderdeelSoort.EXTRA],
        "specialismen": [o for o in onderdelen if o.soort == ProfielOnderdeelSoort.SPECIALISME],
        "swvs": school.samenwerkingsverbanden.all(), "wet_zorgplicht": wetgeving.artikel(school, "zorgplicht")})


# --- the school maintains its profile -------------------------------------------------------------------------

def _eigen_school_or_404(user, pk) -> School:
    return get_object_or_404(School.objects.filter(pk__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)


def _eigen_profiel_or_404(user, pk) -> Ondersteuningsprofiel:
    return get_object_or_404(Ondersteuningsprofiel.objects.select_related("school").filter(
        school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)


@login_required
def profiel_mijn(request):
    """The IB'er's or directeur's way in: their school's profile (a choice when they work at several)."""
    scholen = list(School.objects.filter(pk__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR)).order_by("naam"))
    if not scholen:
        raise Http404
    if len(scholen) == 1:
        return redirect("organisaties:profiel_beheer", pk=scholen[0].pk)
    return render(request, "organisaties/kies.html", {"titel": _("Ondersteuningsprofiel"), "keuzes": [
        (s.naam, reverse("organisaties:profiel_beheer", args=[s.pk])) for s in scholen]})


def _profiel_beheer(request, school, gebonden: dict | None = None):
    gebonden = gebonden or {}
    profielen = list(Ondersteuningsprofiel.objects.filter(school=school).prefetch_related("onderdelen", "expertises")
                     .order_by("-nummer"))
    concept = next((p for p in profielen if p.is_concept), None)
    geldend = next((p for p in profielen if p.status == ProfielStatus.VASTGESTELD), None)
    ctx = {"school": school, "concept": concept, "geldend": geldend, "profielen": profielen,
           "is_directeur": school.pk in request.user.school_ids(Rol.DIRECTEUR), "fout_in_formulier": bool(gebonden)}
    if concept is not None:
        initial = {veld: getattr(concept, veld) for veld in PROFIEL_VELDEN}
        ctx |= {"f_profiel": gebonden.get("profiel") or ProfielForm(prefix="profiel", initial=initial),
                "f_onderdeel": gebonden.get("onderdeel") or ProfielOnderdeelForm(prefix="onderdeel"),
                "f_expertise": gebonden.get("expertise") or ProfielExpertiseForm(prefix="expertise"),
                "ontbreekt": profiel_ontbreekt(concept)}
    return render(request, "organisaties/profiel_beheer.html", ctx)


@login_required
def profiel_beheer(request, pk):
    return _profiel_beheer(request, _eigen_school_or_404(request.user, pk))


@login_required
@require_POST
@eenmalig
def profiel_nieuw(request, pk):
    school = _eigen_school_or_404(request.user, pk)
    knop(request, lambda: profiel_nieuwe_versie(school=school, door=request.user),
         _("Er is een nieuwe conceptversie. Ouders zien die pas als hij is vastgesteld."), fouten=(ProfielFout,))
    return redirect("organisaties:profiel_beheer", pk=school.pk)


def _profiel_actie(prefix, form_cls, uitvoeren, succes):
    """A POST on a concept version: parse the form, call one service, back to the profile page; a refused form is
    shown again there with its input and the error at the field (status 200)."""

    @login_required
    @require_POST
    @eenmalig
    def view(request, pk):
        p = _eigen_profiel_or_404(request.user, pk)
        form = form_cls(request.POST, prefix=prefix)
        klaar, _uit = verwerk(request, form, lambda d: uitvoeren(request, p, d), succes, fouten=(ProfielFout,))
        if klaar:
            return redirect(reverse("organisaties:profiel_beheer", args=[p.school_id]) + f"#{prefix}")
        return _profiel_beheer(request, p.school, gebonden={prefix: form})

    return view


profiel_bewerk = _profiel_actie(
    "profiel", ProfielForm, lambda r, p, d: profiel_bewerk_service(profiel=p, door=r.user, **d),
    _l("De conceptversie is opgeslagen."))
profiel_onderdeel = _profiel_actie(
    "onderdeel", ProfielOnderdeelForm, lambda r, p, d: profiel_onderdeel_voeg_toe(profiel=p, door=r.user, **d),
    _l("Het onderdeel is toegevoegd."))
profiel_expertise = _profiel_actie(
    "expertise", ProfielExpertiseForm, lambda r, p, d: profiel_expertise_voeg_toe(profiel=p, door=r.user, **d),
    _l("De expertise is toegevoegd."))


def _regel_weg(model):
    @login_required
    @require_POST
    def view(request, pk):
        regel = get_object_or_404(model.objects.select_related("profiel").filter(
            profiel__school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)
        knop(request, lambda: profiel_regel_verwijder(regel=regel, door=request.user),
             _("Verwijderd uit de conceptversie."), fouten=(ProfielFout,))
        return redirect("organisaties:profiel_beheer", pk=regel.profiel.school_id)

    return view


profiel_onderdeel_weg = _regel_weg(ProfielOnderdeel)
profiel_expertise_weg = _regel_weg(ProfielExpertise)


@login_required
@require_POST
def profiel_vaststellen(request, pk):
    """The directeur sets the concept: from today it is the school's support offer in the schoolgids."""
    p = _eigen_profiel_or_404(request.user, pk)
    if p.school_id not in request.user.school_ids(Rol.DIRECTEUR):
        raise Http404
    knop(request, lambda: profiel_stel_vast(profiel=p, door=request.user),
         _("Het ondersteuningsprofiel is vastgesteld en staat op de openbare pagina."), fouten=(ProfielFout,))
    return redirect("organisaties:profiel_beheer", pk=p.school_id)


# --- the SWV maintains its basisondersteuning -------------------------------------------------------------------

def _eigen_swv_or_404(user, pk) -> Samenwerkingsverband:
    return get_object_or_404(Samenwerkingsverband.objects.filter(pk__in=user.swv_ids()), pk=pk)


@login_required
def basis_mijn(request):
    swvs = list(Samenwerkingsverband.objects.filter(pk__in=request.user.swv_ids()).order_by("naam"))
    if not swvs:
        raise Http404
    if len(swvs) == 1:
        return redirect("organisaties:basis_beheer", pk=swvs[0].pk)
    return render(request, "organisaties/kies.html", {"titel": _("Basisondersteuning"), "keuzes": [
        (s.naam, reverse("organisaties:basis_beheer", args=[s.pk])) for s in swvs]})


def _basis_beheer(request, swv, form=None, f_publiceer=None):
    items = list(Basisondersteuning.objects.filter(swv=swv).order_by("volgorde", "pk"))
    versies = list(BasisondersteuningVersie.objects.filter(swv=swv).select_related("door"))
    return render(request, "organisaties/basis_beheer.html", {
        "swv": swv, "items": items, "versies": versies, "form": form or BasisItemForm(prefix="item"),
        "f_publiceer": f_publiceer or PubliceerForm(prefix="publiceer"),
        "fout_in_formulier": bool(form is not None and form.errors or f_publiceer is not None and f_publiceer.errors)})


@login_required
@require_http_methods(["GET", "POST"])
def basis_beheer(request, pk):
    """The SWV's working catalogue: add items; parents see them once a version is published."""
    swv = _eigen_swv_or_404(request.user, pk)
    if request.method == "POST":
        form = BasisItemForm(request.POST, prefix="item")
        klaar, _uit = verwerk(request, form, lambda d: basisondersteuning_bewaar(swv=swv, door=request.user, **d),
                              _("Het onderdeel staat in de werkversie."), fouten=(ProfielFout,))
        if klaar:
            return redirect("organisaties:basis_beheer", pk=swv.pk)
        return _basis_beheer(request, swv, form=form)
    return _basis_beheer(request, swv)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def basis_item(request, pk):
    item = get_object_or_404(Basisondersteuning.objects.select_related("swv").filter(swv_id__in=request.user.swv_ids()),
                             pk=pk)
    form = BasisItemForm(request.POST or None, prefix="item", initial={
        "gebied": item.gebied, "titel": item.titel, "omschrijving": item.omschrijving})
    klaar, _uit = verwerk(request, form, lambda d: basisondersteuning_bewaar(swv=item.swv, door=request.user,
                                                                             item=item, **d),
                          _("Het onderdeel is gewijzigd in de werkversie."), fouten=(ProfielFout,))
    if klaar:
        return redirect("organisaties:basis_beheer", pk=item.swv_id)
    return render(request, "organisaties/basis_item.html", {"item": item, "form": form})


@login_required
@require_POST
def basis_item_weg(request, pk):
    item = get_object_or_404(Basisondersteuning.objects.filter(swv_id__in=request.user.swv_ids()), pk=pk)
    swv_id = item.swv_id
    basisondersteuning_verwijder(item=item, door=request.user)
    messages.success(request, _("Het onderdeel is uit de werkversie gehaald."))
    return redirect("organisaties:basis_beheer", pk=swv_id)


@login_required
@require_POST
def basis_publiceer(request, pk):
    swv = _eigen_swv_or_404(request.user, pk)
    form = PubliceerForm(request.POST, prefix="publiceer")
    if form.is_valid():
        try:
            versie = basisondersteuning_publiceer(swv=swv, door=request.user, toelichting=form.cleaned_data["toelichting"])
        except ProfielFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Versie %(n)s is gepubliceerd.") % {"n": versie.nummer})
            return redirect("organisaties:basis_beheer", pk=swv.pk)
    return _basis_beheer(request, swv, f_publiceer=form)


# --- the school calendar (E-1: schorsing days are school days) ------------------------------------------------------

@login_required
def schoolkalender_mijn(request):
    scholen = list(School.objects.filter(pk__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR)).order_by("naam"))
    if not scholen:
        raise Http404
    if len(scholen) == 1:
        return redirect("organisaties:schoolkalender", pk=scholen[0].pk)
    return render(request, "organisaties/kies.html", {"titel": _("Vakanties en vrije dagen"), "keuzes": [
        (s.naam, reverse("organisaties:schoolkalender", args=[s.pk])) for s in scholen]})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def schoolkalender(request, pk):
    """The school's holidays and free days (its own, and its board's, read-only); a schorsing counts school days."""
    school = _eigen_school_or_404(request.user, pk)
    form = VrijePeriodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            vrije_periode_voeg_toe(school=school, door=request.user, van=d["van"], tot=d["tot"],
                                   omschrijving=d["omschrijving"])
        except SchoolkalenderFout as exc:
            form.add_error("omschrijving" if "Schrijf" in str(exc) else "tot", str(exc))
        else:
            messages.success(request, _("De vrije periode is vastgelegd."))
            return redirect("organisaties:schoolkalender", pk=school.pk)
    periodes = VrijePeriode.objects.filter(Q(school=school) | Q(bestuur_id=school.bestuur_id)).select_related("bestuur")
    return render(request, "organisaties/schoolkalender.html", {
        "school": school, "form": form, "periodes": periodes, "fout_in_formulier": form.is_bound and bool(form.errors)})


@login_required
@require_POST
def schoolkalender_weg(request, pk):
    periode = get_object_or_404(VrijePeriode.objects.filter(
        school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)
    school_id = periode.school_id
    vrije_periode_verwijder(periode=periode, door=request.user)
    messages.success(request, _("De vrije periode is verwijderd."))
    return redirect("organisaties:schoolkalender", pk=school_id)
