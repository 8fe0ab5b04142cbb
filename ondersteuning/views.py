"""Pages of the ondersteuningsaanbod. One access helper per model answers 404 for what the user may not see;
every view of a pupil's support is audited; a refused form is shown again with its input and the error at the
field (status 200)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.documenten.pdf import render_pdf
from portal.leerlingen.models import Groep, Invalbeurt, Leerling, leerlingen_van_leerkracht, schooljaar_van
from portal.leerlingen.services import GroepFout, groep_bewaar, invalbeurt_trek_in
from portal.organisaties import wetgeving
from portal.zaken import hoorrecht, registry
from portal.zaken.models import Zaak

from . import forms as f
from . import selectors as sel
from . import services as s
from .constants import AanpassingStatus, AanpassingUitkomst, BladStatus, Status
from .models import (
    Aanpassingenblad,
    Aanpassingsverzoek,
    Afspraak,
    Arrangement,
    BladVersie,
    Gespreksverslag,
    Kennisname,
    Onderdeel,
    Opbouwstap,
    VerslagActie,
)
from .registry import voorinvulling

# --- access: one helper per model ---------------------------------------------------------------------------------


def get_arrangement_for_user_or_404(user, pk) -> Arrangement:
    # distinct(): the core's access rule of other kinds joins the parents' gezag (two parents, two rows).
    return get_object_or_404(Arrangement.objects.for_user(user).select_related("leerling", "school", "hoofdzaak")
                             .distinct(), pk=pk)


def get_aanpassing_for_user_or_404(user, pk) -> Aanpassingsverzoek:
    return get_object_or_404(Aanpassingsverzoek.objects.for_user(user).select_related("leerling", "school").distinct(),
                             pk=pk)


def get_blad_for_user_or_404(user, pk) -> Aanpassingenblad:
    return get_object_or_404(sel.bladen_voor(user), pk=pk)


def _is_school(user, obj) -> bool:
    return obj.school_id in user.school_ids(Rol.IB, Rol.DIRECTEUR)


def _school_only(obj, user):
    if not _is_school(user, obj):
        raise Http404
    return obj


def _rol(user, zaak_of_blad) -> str:
    """How the user relates to the pupil's support: school; "ouder" — who acts for the pupil (a parent with gezag
    over a minor, an adult pupil's curator or mentor; issue 17 §1); "leerling" — the pupil's own account (from 18
    also acting, ``s.handelt``); "meelezer" — family who only read (a parent of an adult pupil with the pupil's
    consent, a representative outside their matters); leerkracht; or read-only (swv)."""
    if _is_school(user, zaak_of_blad):
        return "school"
    leerling = zaak_of_blad.leerling
    if leerling.account_id == user.pk:
        return "leerling"
    if s.handelt(user, leerling):
        return "ouder"
    if hoorrecht.relaties_gezin(user, leerling, onderwerp=s.ONDERWERP) & {"ouder_inzage", "vertegenwoordiger_inzage"}:
        return "meelezer"
    if isinstance(zaak_of_blad, Aanpassingenblad):
        return "leerkracht"
    return "lezer"


def _eigen_scholen(user):
    from portal.organisaties.models import School

    return School.objects.filter(pk__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)).order_by("naam")


# --- home: what each role has -----------------------------------------------------------------------------------

@login_required
def home(request):
    user = request.user
    if user.school_ids(Rol.IB, Rol.DIRECTEUR):
        return _home_school(request)
    if user.heeft_rol(Rol.LEERKRACHT):
        return redirect("ondersteuning:leerkracht")
    if user.heeft_rol(Rol.OUDER, Rol.LEERLING, Rol.VERTEGENWOORDIGER):
        return _home_gezin(request)
    if user.swv_ids():
        qs = (Arrangement.objects.filter(pk__in=Onderdeel.objects.filter(swv_id__in=user.swv_ids())
                                         .values("arrangement_id")).select_related("leerling", "school")
              .order_by("-geopend_op"))
        page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
        return render(request, "ondersteuning/home_swv.html", {"page": page})
    raise Http404


def _home_school(request):
    ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    toon = request.GET.get("toon", "open")
    arrangementen = sel.arrangementen_van_school(ids)
    if toon != "alle":
        arrangementen = arrangementen.exclude(status=Status.BEEINDIGD)
    arrangementen = arrangementen.order_by("-geopend_op")
    page = Paginator(arrangementen, 30).get_page(request.GET.get("pagina"))
    verzoeken = list(sel.aanpassingen_van_school(ids).order_by("-status", "geopend_op")[:30])
    geldend = BladVersie.objects.filter(blad=OuterRef("pk"), status=BladStatus.GELDT)
    concept = BladVersie.objects.filter(blad=OuterRef("pk"), status=BladStatus.CONCEPT)
    bladen = list(Aanpassingenblad.objects.filter(school_id__in=ids).select_related("leerling", "school")
                  .annotate(heeft_geldend=Exists(geldend), heeft_concept=Exists(concept))
                  .order_by("leerling__achternaam", "leerling__voornamen")[:200])
    scholen = list(_eigen_scholen(request.user))
    zonder_blad = sel.leerlingen_op_scholen(ids).exclude(aanpassingenbladen__school_id__in=ids)
    return render(request, "ondersteuning/home_school.html", {
        "page": page, "toon": toon, "verzoeken": verzoeken, "bladen": bladen, "scholen": scholen,
        "f_blad": f.BladNieuwForm(leerlingen=zonder_blad)})


def _home_gezin(request):
    user = request.user
    kinderen = list(Leerling.objects.filter(hoorrecht.gezin_leerling_q(user, veld="pk") | Q(account=user))
                    .order_by("geboortedatum"))
    arrangementen = list(Arrangement.objects.for_user(user).filter(leerling__in=kinderen).distinct()
                         .select_related("leerling", "school").order_by("-geopend_op"))
    verzoeken = list(Aanpassingsverzoek.objects.for_user(user).filter(leerling__in=kinderen).distinct()
                     .select_related("leerling", "school").order_by("-geopend_op"))
    bladen = list(sel.bladen_voor(user).filter(leerling__in=kinderen).annotate(
        heeft_geldend=Exists(BladVersie.objects.filter(blad=OuterRef("pk"), status=BladStatus.GELDT))))
    jong = [k for k in kinderen if k.account_id == user.pk and not sel.is_twaalf_plus(k)]
    # Who may ask for an adjustment: whoever acts for a pupil (issue 17 §1, §4) — the parents of a minor, the adult
    # pupil themselves, a curator or mentor. A parent of an adult pupil reads (with consent) but does not ask.
    mag_vragen = hoorrecht.leerlingen_waarvoor(user, onderwerp=s.ONDERWERP).exists()
    # A parent of an adult pupil reads (with the pupil's consent) and is told who decides now.
    anderen_beslissen = [(k, hoorrecht.wie_handelt(k, onderwerp=s.ONDERWERP)) for k in kinderen
                         if k.account_id != user.pk and hoorrecht.is_meerderjarig(k) and not s.handelt(user, k)]
    return render(request, "ondersteuning/home_gezin.html", {
        "arrangementen": arrangementen, "verzoeken": verzoeken, "bladen": bladen, "jong": jong,
        "is_ouder": user.heeft_rol(Rol.OUDER), "mag_vragen": mag_vragen, "anderen_beslissen": anderen_beslissen,
        "zelf": any(k.account_id == user.pk and hoorrecht.is_meerderjarig(k) for k in kinderen)})


# --- the arrangement ------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request):
    """The IB'er opens an arrangement for a pupil of the school; from a zorgplicht file with ``?hoofdzaak=<pk>``
    (the aanmelding), so the offer belongs to that aanmelding."""
    scholen = list(_eigen_scholen(request.user))
    if not scholen:
        raise Http404
    hoofdzaak = None
    hz = request.GET.get("hoofdzaak") or request.POST.get("hoofdzaak") or ""
    if hz:
        hoofdzaak = s.hoofdzaak_voor(user=request.user, pk=int(hz)) if hz.isdigit() else None
        if hoofdzaak is None:
            raise Http404
    school = hoofdzaak.school if hoofdzaak else scholen[0]
    if hoofdzaak is None and len(scholen) > 1 and (request.GET.get("school") or request.POST.get("school", "")).isdigit():
        school = next((x for x in scholen if x.pk == int(request.GET.get("school") or request.POST["school"])), school)
    if hoofdzaak is not None:
        leerlingen = Leerling.objects.filter(pk=hoofdzaak.leerling_id)
    else:
        leerlingen = (Leerling.objects.filter(Q(pk__in=sel.leerlingen_op_school(school).values("pk"))
                                              | Q(zaken__school=school, zaken__afgesloten_op__isnull=True))
                      .distinct().order_by("achternaam", "voornamen"))
    initial = {"startdatum": timezone.localdate(), "evaluatie_weken": 6}
    if hoofdzaak is not None:
        initial |= {"leerling": hoofdzaak.leerling_id} | voorinvulling(hoofdzaak)
    form = f.ArrangementNieuwForm(request.POST or None, leerlingen=leerlingen, school=school, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            a = s.arrangement_open(leerling=d["leerling"], school=school, door=request.user, hoofdzaak=hoofdzaak,
                                   **{k: v for k, v in d.items() if k != "leerling"})
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het arrangement staat klaar als concept. Voeg de onderdelen toe en leg het "
                                        "daarna aan de ouders voor."))
            return redirect("ondersteuning:detail", pk=a.pk)
    return render(request, "ondersteuning/nieuw.html", {"form": form, "hoofdzaak": hoofdzaak, "school": school,
                                                        "scholen": scholen})


def _detail(request, a: Arrangement, gebonden: dict | None = None):
    gebonden = gebonden or {}
    user = request.user
    rol = _rol(user, a)
    onderdelen = list(a.onderdelen.select_related("swv", "gemeente").prefetch_related("opbouw"))
    if rol == "school" and a.status == Status.CONCEPT:
        for o in onderdelen:
            o.f_opbouw = gebonden.get(f"opbouw-{o.pk}") or f.OpbouwstapForm(prefix=f"opbouw-{o.pk}")
    reacties = list(a.reacties.select_related("ouder").order_by("-op"))
    huidige = s.reacties_op_versie(a)
    verslagen = list(Gespreksverslag.objects.filter(zaak=a).select_related("door")
                     .prefetch_related("acties", Prefetch("reacties", queryset=_reacties_qs())))
    partij = s.partij_van(user, a)
    for g in verslagen:
        if partij and not any(r.partij == partij and r.bevestigd for r in g.reacties.all()):
            g.f_reactie = gebonden.get(f"verslag-{g.pk}") or f.VerslagReactieForm(prefix=f"verslag-{g.pk}")
    klokken = a.klokken
    handelt = rol in ("ouder", "leerling") and s.handelt(user, a.leerling)
    reactie_form = None
    if handelt and a.status == Status.AANGEBODEN:
        reactie_form = gebonden.get("reactie") or f.ReactieForm(prefix="reactie")
    vastleggen_form = None
    if rol == "school" and a.status == Status.AANGEBODEN and not s.handelaars(a.leerling):
        vastleggen_form = gebonden.get("vastleggen") or f.ReactieVastleggenForm(prefix="vastleggen")
    evaluatie_form = None
    if rol == "school" and a.status == Status.AKKOORD:
        evaluatie_form = gebonden.get("evaluatie") or f.EvaluatieForm(prefix="evaluatie",
                                                                     initial={"datum": timezone.localdate()})
    blad = Aanpassingenblad.objects.filter(leerling=a.leerling, school=a.school).first()
    mag_mening = a.status != Status.BEEINDIGD and (
        (rol == "leerling" and sel.is_twaalf_plus(a.leerling))
        or (rol == "school" and not (a.leerling.account_id and sel.is_twaalf_plus(a.leerling))))
    audit_view(actor=user, obj=a, leerling=a.leerling, omschrijving="Arrangement bekeken")
    return render(request, "ondersteuning/detail.html", {
        "a": a, "rol": rol, "is_school": rol == "school", "gezin": rol in ("ouder", "leerling", "meelezer"),
        "handelt": handelt, "wie_handelt": hoorrecht.wie_handelt(a.leerling, onderwerp=s.ONDERWERP),
        "onderdelen": onderdelen, "reacties": reacties, "mijn_reactie": huidige.get(user.pk),
        "huidige_reacties": list(huidige.values()), "meningen": list(a.meningen.select_related("door")),
        "evaluaties": list(a.evaluaties.select_related("door")), "verslagen": verslagen,
        "s5": klokken.get("S-5"), "stap": a.type.stap(a), "reactie_form": reactie_form,
        "evaluatie_form": evaluatie_form, "vastleggen_form": vastleggen_form, "blad": blad, "mag_mening": mag_mening,
        "escalatie_url": registry.escalatie_url(a), "fout_in_formulier": bool(gebonden), "partij": partij,
        "gedeeltelijk": [o for o in onderdelen if o.gedeeltelijk_rooster],
        "wet_zorgplicht": wetgeving.artikel(a.school, "zorgplicht"),
    })


def _reacties_qs():
    from .models import VerslagReactie

    return VerslagReactie.objects.select_related("door").order_by("op", "pk")


@login_required
def detail(request, pk):
    return _detail(request, get_arrangement_for_user_or_404(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def bewerk(request, pk):
    a = _school_only(get_arrangement_for_user_or_404(request.user, pk), request.user)
    velden = list(s.ARRANGEMENT_VELDEN)
    form = f.ArrangementForm(request.POST or None, school=a.school, initial={v: getattr(a, v) for v in velden})
    if request.method == "POST" and form.is_valid():
        try:
            s.arrangement_bewerk(arrangement=a, door=request.user, **form.cleaned_data)
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het aanbod is bijgewerkt."))
            return redirect("ondersteuning:detail", pk=a.pk)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Arrangement bewerken")
    return render(request, "ondersteuning/bewerk.html", {"a": a, "form": form})


def _onderdeel_pagina(request, a, onderdeel=None):
    initial = {"start": a.startdatum, "eind": a.einddatum}
    if onderdeel is not None:
        initial = {v: getattr(onderdeel, v) for v in s.ONDERDEEL_VELDEN}
    form = f.OnderdeelForm(request.POST or None, school=a.school, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            s.onderdeel_bewaar(arrangement=a, door=request.user, onderdeel=onderdeel, **form.cleaned_data)
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het onderdeel is opgeslagen."))
            return redirect(reverse("ondersteuning:detail", args=[a.pk]) + "#onderdelen")
    return render(request, "ondersteuning/onderdeel.html", {"a": a, "form": form, "onderdeel": onderdeel})


@login_required
@require_http_methods(["GET", "POST"])
def onderdeel_nieuw(request, pk):
    return _onderdeel_pagina(request, _school_only(get_arrangement_for_user_or_404(request.user, pk), request.user))


def _onderdeel_or_404(user, pk) -> Onderdeel:
    o = get_object_or_404(Onderdeel.objects.select_related("arrangement"), pk=pk)
    a = _school_only(get_arrangement_for_user_or_404(user, o.arrangement_id), user)
    o.arrangement = a
    return o


@login_required
@require_http_methods(["GET", "POST"])
def onderdeel(request, pk):
    o = _onderdeel_or_404(request.user, pk)
    return _onderdeel_pagina(request, o.arrangement, o)


@login_required
@require_POST
def onderdeel_weg(request, pk):
    o = _onderdeel_or_404(request.user, pk)
    try:
        s.onderdeel_verwijder(onderdeel=o, door=request.user)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Het onderdeel is verwijderd."))
    return redirect(reverse("ondersteuning:detail", args=[o.arrangement_id]) + "#onderdelen")


@login_required
@require_POST
def opbouwstap(request, pk):
    o = _onderdeel_or_404(request.user, pk)
    prefix = f"opbouw-{o.pk}"
    form = f.OpbouwstapForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            s.opbouwstap_voeg_toe(onderdeel=o, door=request.user, **form.cleaned_data)
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De stap staat in het opbouwschema."))
            return redirect(reverse("ondersteuning:detail", args=[o.arrangement_id]) + f"#onderdeel-{o.pk}")
    return _detail(request, o.arrangement, gebonden={prefix: form})


@login_required
@require_POST
def opbouwstap_weg(request, pk):
    stap = get_object_or_404(Opbouwstap.objects.select_related("onderdeel"), pk=pk)
    o = _onderdeel_or_404(request.user, stap.onderdeel_id)
    try:
        s.opbouwstap_verwijder(stap=stap, door=request.user)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
    return redirect(reverse("ondersteuning:detail", args=[o.arrangement_id]) + f"#onderdeel-{o.pk}")


def _actie(service, succes):
    """A one-button action on an arrangement by the school: call one service, back to the page with the outcome."""

    @login_required
    @require_POST
    def view(request, pk):
        a = _school_only(get_arrangement_for_user_or_404(request.user, pk), request.user)
        try:
            service(arrangement=a, door=request.user)
        except s.OndersteuningFout as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, succes)
        return redirect("ondersteuning:detail", pk=a.pk)

    return view


aanbieden = _actie(s.arrangement_bied_aan, _("Het aanbod is aan de ouders voorgelegd. Zij krijgen een melding."))
wijzigen = _actie(s.arrangement_wijzig, _("Er is een nieuwe versie van het aanbod. Pas het aan en leg het opnieuw aan "
                                          "de ouders voor."))
beeindigen = _actie(s.arrangement_beeindig, _("Het arrangement is afgesloten."))


@login_required
@require_POST
def reactie(request, pk):
    """Whoever acts for the pupil agrees or disagrees with the offer: the parents of a minor; from 18 the pupil, or
    their curator or mentor (issue 17 §1)."""
    a = get_arrangement_for_user_or_404(request.user, pk)
    if not s.handelt(request.user, a.leerling):
        raise Http404
    form = f.ReactieForm(request.POST, prefix="reactie")
    if form.is_valid():
        try:
            s.arrangement_reageer(arrangement=a, door=request.user, akkoord=form.cleaned_data["akkoord"],
                                  reden=form.cleaned_data["reden"])
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Uw reactie is vastgelegd en de school is op de hoogte."))
            return redirect(reverse("ondersteuning:detail", args=[a.pk]) + "#aanbod")
    return _detail(request, a, gebonden={"reactie": form})


@login_required
@require_POST
def reactie_vastleggen(request, pk):
    """The IB'er records the answer of parents who have no account (on paper, in a conversation)."""
    a = _school_only(get_arrangement_for_user_or_404(request.user, pk), request.user)
    form = f.ReactieVastleggenForm(request.POST, prefix="vastleggen")
    if form.is_valid():
        d = form.cleaned_data
        try:
            s.arrangement_reactie_vastleggen(arrangement=a, door=request.user, akkoord=d["akkoord"], reden=d["reden"],
                                             hoe=d["hoe"])
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De reactie van de ouders is vastgelegd."))
            return redirect(reverse("ondersteuning:detail", args=[a.pk]) + "#aanbod")
    return _detail(request, a, gebonden={"vastleggen": form})


@login_required
@require_POST
def evaluatie(request, pk):
    a = _school_only(get_arrangement_for_user_or_404(request.user, pk), request.user)
    form = f.EvaluatieForm(request.POST, prefix="evaluatie")
    if form.is_valid():
        try:
            s.evaluatie_leg_vast(arrangement=a, door=request.user, **form.cleaned_data)
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De evaluatie is vastgelegd."))
            return redirect(reverse("ondersteuning:detail", args=[a.pk]) + "#evaluaties")
    return _detail(request, a, gebonden={"evaluatie": form})


@login_required
@require_http_methods(["GET", "POST"])
def mening(request, pk):
    """The pupil's view on the support offered (B-7): the pupil from 12 gives it; the IB'er enters it on behalf of a
    younger pupil (or one without an account), marked as such."""
    a = get_arrangement_for_user_or_404(request.user, pk)
    rol = _rol(request.user, a)
    twaalf = sel.is_twaalf_plus(a.leerling)
    if rol == "leerling" and twaalf:
        namens = False
    elif rol == "school" and not (twaalf and a.leerling.account_id):
        namens = True
    else:
        raise Http404
    form = f.MeningForm(request.POST or None, namens=namens)
    if request.method == "POST" and form.is_valid():
        try:
            s.mening_leg_vast(arrangement=a, door=request.user, tekst=form.cleaned_data["tekst"],
                              hoe_gevraagd=form.cleaned_data.get("hoe_gevraagd", ""))
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Dank je. Je mening is vastgelegd.") if not namens else
                             _("De mening van de leerling is vastgelegd, gemarkeerd als 'namens de leerling'."))
            return redirect(reverse("ondersteuning:detail", args=[a.pk]) + "#mening")
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Mening leerling")
    return render(request, "ondersteuning/mening.html", {"a": a, "form": form, "namens": namens})


@login_required
def pdf(request, pk):
    """The arrangement as a tagged PDF/A (for a meeting, or the parents' own file)."""
    a = get_arrangement_for_user_or_404(request.user, pk)
    from types import SimpleNamespace

    onderdelen = list(a.onderdelen.select_related("swv", "gemeente").prefetch_related("opbouw"))
    inhoud = render_pdf("ondersteuning/pdf/arrangement.html", {
        "zaak": a, "a": a, "onderdelen": onderdelen, "titel": _("Arrangement"),
        "brief": SimpleNamespace(aangemaakt_op=timezone.now()), "s5": a.klokken.get("S-5"),
        "reacties": s.reacties_op_versie(a).values(), "meningen": list(a.meningen.all()[:3]),
        "evaluaties": list(a.evaluaties.all()[:5])})
    audit_view(actor=request.user, obj=a, leerling=a.leerling, download=True, omschrijving="Arrangement (PDF)")
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arrangement-{a.pk}.pdf"'
    return response


# --- conversation logs --------------------------------------------------------------------------------------------

def _zaak_voor_gesprek(user, pk):
    zaak = get_object_or_404(Zaak.objects.for_user(user).filter(zaaktype__in=["arrangement", "aanpassing"])
                             .select_related("leerling", "school").distinct(), pk=pk)
    return zaak.specifiek


@login_required
@require_http_methods(["GET", "POST"])
def gesprek(request, pk):
    """The school records a conversation on the case, with actions (owner, date)."""
    zaak = _zaak_voor_gesprek(request.user, pk)
    _school_only(zaak, request.user)
    form = f.GesprekForm(request.POST or None, prefix="gesprek", initial={"datum": timezone.localdate()})
    acties = f.ActieFormSet(request.POST or None, prefix="actie")
    if request.method == "POST" and form.is_valid() and acties.is_valid():
        try:
            s.gesprek_leg_vast(zaak=zaak, door=request.user, acties=[a for a in acties.cleaned_data if a],
                               **form.cleaned_data)
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het gespreksverslag is vastgelegd. De ouders kunnen het bevestigen."))
            return redirect(zaak.get_absolute_url() + "#gesprekken")
    return render(request, "ondersteuning/gesprek.html", {"zaak": zaak, "form": form, "acties": acties,
                                                          "fout_in_formulier": bool(acties.total_error_count())})


@login_required
@require_POST
def gesprek_reactie(request, pk):
    g = get_object_or_404(Gespreksverslag.objects.select_related("zaak"), pk=pk)
    zaak = _zaak_voor_gesprek(request.user, g.zaak_id)
    if s.partij_van(request.user, zaak) is None:
        raise Http404  # a reader (the SWV) does not confirm
    form = f.VerslagReactieForm(request.POST, prefix=f"verslag-{g.pk}")
    if form.is_valid():
        try:
            s.gesprek_reageer(verslag=g, door=request.user, **form.cleaned_data)
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Uw reactie op het verslag is vastgelegd."))
            return redirect(zaak.get_absolute_url() + "#gesprekken")
    if isinstance(zaak, Arrangement):
        return _detail(request, zaak, gebonden={f"verslag-{g.pk}": form})
    return _aanpassing_pagina(request, zaak, gebonden={f"verslag-{g.pk}": form})


@login_required
@require_POST
def actie_gedaan(request, pk):
    actie = get_object_or_404(VerslagActie.objects.select_related("verslag"), pk=pk)
    zaak = _zaak_voor_gesprek(request.user, actie.verslag.zaak_id)
    if s.partij_van(request.user, zaak) is None:
        raise Http404
    try:
        s.actie_gedaan(actie=actie, door=request.user)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
    return redirect(zaak.get_absolute_url() + "#gesprekken")


# --- the accommodations sheet ---------------------------------------------------------------------------------------

@login_required
@require_POST
def blad_nieuw(request):
    scholen = list(_eigen_scholen(request.user))
    if not scholen:
        raise Http404
    form = f.BladNieuwForm(request.POST, leerlingen=sel.leerlingen_op_scholen([x.pk for x in scholen]))
    if not form.is_valid():
        messages.error(request, _("Kies een leerling van uw school."))
        return redirect("ondersteuning:home")
    leerling = form.cleaned_data["leerling"]
    school = next(x for x in scholen if sel.leerlingen_op_school(x).filter(pk=leerling.pk).exists())
    try:
        v = s.blad_maak(leerling=leerling, school=school, door=request.user)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
        blad = Aanpassingenblad.objects.filter(leerling=leerling, school=school).first()
        return redirect("ondersteuning:blad", pk=blad.pk) if blad else redirect("ondersteuning:home")
    return redirect("ondersteuning:blad", pk=v.blad_id)


def _blad_pagina(request, blad, gebonden: dict | None = None):
    gebonden = gebonden or {}
    user = request.user
    rol = _rol(user, blad)
    versies = list(blad.versies.prefetch_related("afspraken").select_related("vastgesteld_door", "ouders_akkoord_door"))
    geldend = next((v for v in versies if v.status == BladStatus.GELDT), None)
    concept = next((v for v in versies if v.is_concept), None)
    ctx = {"blad": blad, "rol": rol, "geldend": geldend, "twaalf": sel.is_twaalf_plus(blad.leerling),
           "fout_in_formulier": bool(gebonden)}
    if rol == "leerkracht":
        concept = None  # a teacher sees the version in force only
        ctx["gelezen"] = geldend is not None and Kennisname.objects.filter(versie=geldend, leerkracht=user).exists()
        ctx["vorige"] = next((v for v in versies if v.status == BladStatus.VERVANGEN), None)
    if rol in ("ouder", "leerling", "meelezer") and concept is not None and concept.voorgelegd_op is None:
        concept = None  # parents see a concept once it is put before them
    ctx["concept"] = concept
    if rol == "school":
        leerkrachten = sel.leerkrachten_van(blad.leerling, blad.school)
        gelezen = {k.leerkracht_id: k for k in Kennisname.objects.filter(versie=geldend)} if geldend else {}
        ctx |= {"versies": versies, "leerkrachten": [(u, gelezen.get(u.pk)) for u in leerkrachten],
                "ontbreekt": [u for u in leerkrachten if u.pk not in gelezen],
                "groepen": list(sel.groepen_van(blad.leerling, blad.school))}
        if concept is not None:
            ctx |= {"f_afspraak": gebonden.get("afspraak") or f.AfspraakForm(prefix="afspraak"),
                    "f_vaststellen": gebonden.get("vaststellen") or f.BladVaststellenForm(prefix="vaststellen")}
    audit_view(actor=user, obj=blad, leerling=blad.leerling, omschrijving="Aanpassingenblad bekeken")
    return render(request, "ondersteuning/blad.html", ctx)


@login_required
def blad(request, pk):
    return _blad_pagina(request, get_blad_for_user_or_404(request.user, pk))


def _blad_school(request, pk) -> Aanpassingenblad:
    return _school_only(get_blad_for_user_or_404(request.user, pk), request.user)


def _concept_van(blad) -> BladVersie:
    v = blad.versies.filter(status=BladStatus.CONCEPT).first()
    if v is None:
        raise Http404
    return v


@login_required
@require_POST
def blad_versie(request, pk):
    b = _blad_school(request, pk)
    try:
        s.blad_nieuwe_versie(blad=b, door=request.user)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Er is een nieuwe conceptversie, een kopie van de versie die nu geldt."))
    return redirect("ondersteuning:blad", pk=b.pk)


@login_required
@require_POST
def afspraak(request, pk):
    b = _blad_school(request, pk)
    form = f.AfspraakForm(request.POST, prefix="afspraak")
    if form.is_valid():
        try:
            s.afspraak_voeg_toe(versie=_concept_van(b), door=request.user, **form.cleaned_data)
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De afspraak staat op het concept."))
            return redirect(reverse("ondersteuning:blad", args=[b.pk]) + "#concept")
    return _blad_pagina(request, b, gebonden={"afspraak": form})


@login_required
@require_POST
def afspraak_weg(request, pk):
    x = get_object_or_404(Afspraak.objects.select_related("versie"), pk=pk)
    b = _blad_school(request, x.versie.blad_id)
    try:
        s.afspraak_verwijder(afspraak=x, door=request.user)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
    return redirect(reverse("ondersteuning:blad", args=[b.pk]) + "#concept")


@login_required
@require_POST
def blad_voorleggen(request, pk):
    b = _blad_school(request, pk)
    try:
        s.blad_leg_voor(versie=_concept_van(b), door=request.user)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("De ouders (en de leerling vanaf 12 jaar) kunnen de afspraken nu bekijken en akkoord "
                                    "geven."))
    return redirect(reverse("ondersteuning:blad", args=[b.pk]) + "#concept")


@login_required
@require_POST
def blad_akkoord(request, pk):
    """Parents or the pupil (12+) agree with the concept; the IB'er may record it was agreed in a conversation."""
    b = get_blad_for_user_or_404(request.user, pk)
    rol = _rol(request.user, b)
    met = request.POST.get("met", "") if rol == "school" else ""
    if rol not in ("school", "ouder", "leerling") or (rol == "school" and met not in ("ouders", "leerling")):
        raise Http404
    try:
        s.blad_akkoord(versie=_concept_van(b), door=request.user, in_gesprek_met=met)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Vastgelegd: akkoord met de afspraken."))
    return redirect(reverse("ondersteuning:blad", args=[b.pk]) + "#concept")


@login_required
@require_POST
def blad_vaststellen(request, pk):
    b = _blad_school(request, pk)
    form = f.BladVaststellenForm(request.POST, prefix="vaststellen")
    if form.is_valid():
        try:
            s.blad_stel_vast(versie=_concept_van(b), door=request.user, **form.cleaned_data)
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Deze versie geldt nu. Alle leerkrachten van de leerling krijgen het verzoek hem "
                                        "te lezen en te bevestigen."))
            return redirect("ondersteuning:blad", pk=b.pk)
    return _blad_pagina(request, b, gebonden={"vaststellen": form})


@login_required
@require_POST
def kennisname(request, pk):
    b = get_blad_for_user_or_404(request.user, pk)
    if _rol(request.user, b) != "leerkracht":
        raise Http404
    geldend = sel.geldende_versie(b)
    if geldend is None:
        raise Http404
    try:
        s.kennisname_leg_vast(versie=geldend, leerkracht=request.user)
    except s.OndersteuningFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Dank u. U heeft bevestigd dat u deze afspraken kent en toepast."))
    return redirect("ondersteuning:blad", pk=b.pk)


@login_required
def blad_pdf(request, pk):
    b = get_blad_for_user_or_404(request.user, pk)
    geldend = sel.geldende_versie(b)
    if geldend is None:
        raise Http404
    from types import SimpleNamespace

    inhoud = render_pdf("ondersteuning/pdf/blad.html", {
        "blad": b, "v": geldend, "titel": _("Aanpassingenblad"), "brief": SimpleNamespace(aangemaakt_op=timezone.now()),
        "zaak": SimpleNamespace(school=b.school, swv=None, nummer=f"{b.nummer}, versie {geldend.nummer}")})
    audit_view(actor=request.user, obj=b, leerling=b.leerling, download=True, omschrijving="Aanpassingenblad (PDF)")
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="aanpassingenblad-{b.pk}-v{geldend.nummer}.pdf"'
    return response


@login_required
def leerkracht(request):
    """A teacher's pupils (groups of this school year, and groups they substitute in now) and the state of each
    pupil's sheet for them. Nothing of the dossier."""
    if not request.user.school_ids(Rol.LEERKRACHT):
        raise Http404
    leerlingen = leerlingen_van_leerkracht(request.user)
    geldend = BladVersie.objects.filter(blad=OuterRef("pk"), status=BladStatus.GELDT)
    gelezen = Kennisname.objects.filter(versie__blad=OuterRef("pk"), versie__status=BladStatus.GELDT,
                                        leerkracht=request.user)
    bladen = {b.leerling_id: b for b in Aanpassingenblad.objects.filter(blad_voor_leerkracht_q(request.user))
              .annotate(heeft_geldend=Exists(geldend), gelezen=Exists(gelezen))}
    rijen = [(lln, bladen.get(lln.pk)) for lln in leerlingen.order_by("achternaam", "voornamen")[:500]]
    invalbeurten = list(Invalbeurt.objects.actief().filter(leerkracht=request.user).select_related("groep"))
    return render(request, "ondersteuning/leerkracht.html", {"rijen": rijen, "invalbeurten": invalbeurten})


def blad_voor_leerkracht_q(user):
    return sel.blad_toegang(user) & Q(leerling__in=leerlingen_van_leerkracht(user).values("pk"))


# --- groups and substitutes (maintained by the school) ----------------------------------------------------------------

def _leerkrachten_van_school(school):
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(memberships__rol=Rol.LEERKRACHT, memberships__school=school, is_active=True)
            .distinct().order_by("last_name", "first_name"))


@login_required
@require_http_methods(["GET", "POST"])
def groepen(request):
    scholen = list(_eigen_scholen(request.user))
    if not scholen:
        raise Http404
    school = scholen[0]
    if len(scholen) > 1 and (request.GET.get("school") or "").isdigit():
        school = next((x for x in scholen if x.pk == int(request.GET["school"])), school)
    form = f.GroepForm(request.POST or None, prefix="groep", leerlingen=sel.leerlingen_op_school(school),
                       leerkrachten=_leerkrachten_van_school(school), initial={"schooljaar": schooljaar_van()})
    if request.method == "POST" and form.is_valid():
        try:
            g = groep_bewaar(school=school, door=request.user, **form.cleaned_data)
        except GroepFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De groep is aangemaakt."))
            return redirect("ondersteuning:groep", pk=g.pk)
    lijst = list(Groep.objects.filter(school=school).annotate(
        n_leerlingen=Count("leerlingen", distinct=True), n_leerkrachten=Count("leerkrachten", distinct=True))
        .order_by("-schooljaar", "naam")[:200])
    return render(request, "ondersteuning/groepen.html", {"school": school, "scholen": scholen, "groepen": lijst,
                                                          "form": form})


def _groep_or_404(user, pk) -> Groep:
    return get_object_or_404(Groep.objects.select_related("school").filter(
        school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)


def _groep_pagina(request, g, form=None, f_inval=None):
    form = form or f.GroepForm(prefix="groep", leerlingen=sel.leerlingen_op_school(g.school),
                               leerkrachten=_leerkrachten_van_school(g.school), initial={
                                   "naam": g.naam, "schooljaar": g.schooljaar, "leerlingen": list(g.leerlingen.all()),
                                   "leerkrachten": list(g.leerkrachten.all())})
    f_inval = f_inval or f.InvalbeurtForm(prefix="inval", leerkrachten=_leerkrachten_van_school(g.school),
                                          initial={"van": timezone.localdate()})
    return render(request, "ondersteuning/groep.html", {
        "g": g, "form": form, "f_inval": f_inval, "vandaag": timezone.localdate(),
        "invalbeurten": list(g.invalbeurten.select_related("leerkracht").order_by("-van")),
        "fout_in_formulier": bool(form.errors or f_inval.errors)})


@login_required
@require_http_methods(["GET", "POST"])
def groep(request, pk):
    g = _groep_or_404(request.user, pk)
    if request.method == "POST":
        form = f.GroepForm(request.POST, prefix="groep", leerlingen=sel.leerlingen_op_school(g.school),
                           leerkrachten=_leerkrachten_van_school(g.school))
        if form.is_valid():
            try:
                groep_bewaar(school=g.school, door=request.user, groep=g, **form.cleaned_data)
            except GroepFout as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("De groep is bijgewerkt."))
                return redirect("ondersteuning:groep", pk=g.pk)
        return _groep_pagina(request, g, form=form)
    return _groep_pagina(request, g)


@login_required
@require_POST
def invaller(request, pk):
    g = _groep_or_404(request.user, pk)
    form = f.InvalbeurtForm(request.POST, prefix="inval", leerkrachten=_leerkrachten_van_school(g.school))
    if form.is_valid():
        try:
            s.invaller_regel(groep=g, door=request.user, **form.cleaned_data)
        except GroepFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De invaller ziet de aanpassingenbladen van deze groep in de gekozen periode."))
            return redirect(reverse("ondersteuning:groep", args=[g.pk]) + "#invallers")
    return _groep_pagina(request, g, f_inval=form)


@login_required
@require_POST
def invaller_intrekken(request, pk):
    beurt = get_object_or_404(Invalbeurt.objects.select_related("groep").filter(
        groep__school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)
    invalbeurt_trek_in(invalbeurt=beurt, door=request.user)
    messages.success(request, _("De toegang van de invaller is ingetrokken."))
    return redirect(reverse("ondersteuning:groep", args=[beurt.groep_id]) + "#invallers")


# --- the request for an effective adjustment ---------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def aanpassing_nieuw(request):
    """Whoever acts for a pupil asks for an adjustment (Wgbh/cz art. 2 lid 1; D-6): a parent for a minor child; from
    18 the pupil from their own account, or their curator or mentor (issue 17 §1, §4). Anyone else: 404 — also the
    parent of an adult pupil."""
    leerlingen = list(hoorrecht.leerlingen_waarvoor(request.user, onderwerp=s.ONDERWERP).order_by("geboortedatum"))
    if not leerlingen:
        raise Http404
    keuzes = [(lln, school) for lln in leerlingen for school in s.scholen_voor_aanpassing(lln)]
    zelf = all(lln.account_id == request.user.pk for lln in leerlingen)
    form = f.AanpassingForm(request.POST or None, keuzes=keuzes, zelf=zelf)
    if request.method == "POST" and form.is_valid():
        leerling, school = form.cleaned_data["kind_school"]
        try:
            v = s.aanpassing_vraag(leerling=leerling, school=school, door=request.user,
                                   gevraagd=form.cleaned_data["gevraagd"], waarom=form.cleaned_data["waarom"])
        except s.OndersteuningFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Uw verzoek is verstuurd. De school antwoordt uiterlijk op de datum hieronder."))
            return redirect("ondersteuning:aanpassing", pk=v.pk)
    return render(request, "ondersteuning/aanpassing_nieuw.html", {"form": form, "keuzes": keuzes, "zelf": zelf})


def _aanpassing_pagina(request, v, gebonden: dict | None = None):
    gebonden = gebonden or {}
    rol = _rol(request.user, v)
    verslagen = list(Gespreksverslag.objects.filter(zaak=v).select_related("door")
                     .prefetch_related("acties", Prefetch("reacties", queryset=_reacties_qs())))
    partij = s.partij_van(request.user, v)
    for g in verslagen:
        if partij and not any(r.partij == partij and r.bevestigd for r in g.reacties.all()):
            g.f_reactie = gebonden.get(f"verslag-{g.pk}") or f.VerslagReactieForm(prefix=f"verslag-{g.pk}")
    antwoord_form = None
    if rol == "school" and v.status == AanpassingStatus.INGEDIEND:
        antwoord_form = gebonden.get("antwoord") or f.AanpassingAntwoordForm(prefix="antwoord", verzoek=v)
    audit_view(actor=request.user, obj=v, leerling=v.leerling, omschrijving="Verzoek om aanpassing bekeken")
    return render(request, "ondersteuning/aanpassing.html", {
        "v": v, "rol": rol, "is_school": rol == "school", "d6": v.klokken.get("D-6"), "stap": v.type.stap(v),
        "handelt": rol != "school" and s.handelt(request.user, v.leerling),
        "wie_handelt": hoorrecht.wie_handelt(v.leerling, onderwerp=s.ONDERWERP),
        "antwoord_form": antwoord_form, "verslagen": verslagen, "brieven": list(v.brieven.all()),
        "geweigerd": v.uitkomst == AanpassingUitkomst.GEWEIGERD, "anders": v.uitkomst == AanpassingUitkomst.ANDERS,
        "fout_in_formulier": bool(gebonden), "partij": partij})


@login_required
def aanpassing(request, pk):
    return _aanpassing_pagina(request, get_aanpassing_for_user_or_404(request.user, pk))


@login_required
@require_POST
def aanpassing_antwoord(request, pk):
    v = _school_only(get_aanpassing_for_user_or_404(request.user, pk), request.user)
    form = f.AanpassingAntwoordForm(request.POST, prefix="antwoord", verzoek=v)
    if form.is_valid():
        try:
            s.aanpassing_beantwoord(verzoek=v, door=request.user, uitkomst=form.cleaned_data["uitkomst"],
                                    motivering=form.cleaned_data["motivering"],
                                    weigergrond=form.cleaned_data.get("weigergrond") or "")
        except s.OndersteuningFout as exc:
            form.add_error("motivering" if form.cleaned_data.get("uitkomst") else None, str(exc))
        else:
            messages.success(request, _("Het antwoord is verstuurd. De brief staat bij het verzoek."))
            return redirect("ondersteuning:aanpassing", pk=v.pk)
    return _aanpassing_pagina(request, v, gebonden={"antwoord": form})
