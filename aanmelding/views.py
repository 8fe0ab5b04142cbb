from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.organisaties.models import School
from portal.organisaties.selectors import scholen_op_naam
from portal.termijnen.models import Clock
from portal.zaken import hoorrecht
from portal.zaken.forms import InformatieVerzoekForm, ToestemmingVraagForm
from portal.zaken.models import Verzoek
from portal.zaken.services import relaties

from . import forms as f
from . import services as s
from .constants import BesluitSoort, PlaatsingStatus, Status
from .models import Aanmelding, PlaatsingsVerzoek, VoorkeurVerklaring
from .tracker import mogelijkheden, stap

# --- access: one place ----------------------------------------------------------------------------

def get_aanmelding_for_user_or_404(user, pk) -> Aanmelding:
    return get_object_or_404(Aanmelding.objects.for_user(user).select_related("leerling", "school", "school__bestuur"),
                             pk=pk)


def _is_school(user, a: Aanmelding) -> bool:
    return a.school_id in user.school_ids(Rol.IB, Rol.DIRECTEUR)


def _school_only(request, pk) -> Aanmelding:
    a = get_aanmelding_for_user_or_404(request.user, pk)
    if not _is_school(request.user, a):
        raise Http404
    return a


def _ouder_only(request, pk) -> Aanmelding:
    """Whoever acts for the pupil: the parents of a minor, from 18 the pupil or their curator (issue #17 §1)."""
    a = get_aanmelding_for_user_or_404(request.user, pk)
    if not hoorrecht.handelt_voor(request.user, a.leerling):
        raise Http404
    return a


# --- lists ------------------------------------------------------------------------------------------

@login_required
def lijst(request):
    if request.user.school_ids(Rol.IB, Rol.DIRECTEUR):
        return inbox(request)
    if not (request.user.heeft_rol(Rol.OUDER) or hoorrecht.leerlingen_gezin(request.user).exists()):
        raise Http404  # parents, and from 18 the pupil or their curator (issue #17 §1)
    qs = Aanmelding.objects.filter(hoorrecht.gezin_leerling_q(request.user)).select_related("school", "leerling")
    return render(request, "aanmelding/ouder_lijst.html", {"aanmeldingen": qs})


def inbox(request):
    """All aanmeldingen of the user's school(s), most urgent first (S1), with the clock, the zorgplicht
    flag and whether the child is also aangemeld elsewhere — only that fact, never the other school; and
    the requests of other schools to admit a child (A-10)."""
    school_ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    a6 = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="A-6")
    elders = Aanmelding.objects.filter(leerling=OuterRef("leerling"), afgesloten_op__isnull=True).exclude(
        school=OuterRef("school"))
    qs = (Aanmelding.objects.filter(school_id__in=school_ids).select_related("leerling", "school")
          .annotate(a6_uiterlijk=Subquery(a6.values("uiterlijk")[:1]), ook_elders=Exists(elders)))
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.open()
    elif status in Status.values:
        qs = qs.filter(status=status)
    qs = qs.order_by(F("a6_uiterlijk").asc(nulls_last=True), "ontvangen_op")
    page = Paginator(qs, 30).get_page(request.GET.get("pagina"))
    rows = list(page)
    klokken = {c.zaak_id: c for c in Clock.objects.filter(zaak_id__in=[a.pk for a in rows], regel_id="A-6")
               .select_related("school").prefetch_related("opschortingen")}
    for a in rows:
        a.klok = klokken.get(a.pk)
    plaatsingen = list(PlaatsingsVerzoek.objects.filter(school_id__in=school_ids).select_related("aanmelding__school")
                       .order_by("status", "-gevraagd_op")[:50])
    return render(request, "aanmelding/inbox.html", {
        "page": page, "rows": rows, "status": status, "statussen": Status.choices, "vandaag": timezone.localdate(),
        "plaatsingen": plaatsingen})


# --- filing -------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request):
    """First the school (a search by name or place, or the finder's link with ``?school=``), then the form."""
    if "ouder" not in request.user.rollen:
        raise Http404
    gekozen = request.POST.get("school") if request.method == "POST" else request.GET.get("school")
    school = (School.objects.filter(pk=gekozen).select_related("bestuur").first()
              if gekozen and str(gekozen).isdigit() else None)
    if school is None:
        zoek = (request.GET.get("zoek") or "").strip()[:100]
        return render(request, "aanmelding/nieuw_school.html", {
            "zoek": zoek, "kind": request.GET.get("kind") or "", "scholen": scholen_op_naam(zoek) if zoek else None,
            "onbekend": bool(gekozen)})
    form = f.AanmeldingForm(request.POST or None, request.FILES or None, ouder=request.user, school=school,
                            initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            a = s.aanmelding_dien_in(
                ouder=request.user, school=d["school"], gewenste_start=d["gewenste_start"], ondersteuning=d["ondersteuning"],
                wat_belangrijk=d["wat_belangrijk"], gezag_verklaard=d["gezag"], voorkeur_positie=d["voorkeur_positie"],
                andere_scholen=form.andere_scholen(), leerling=d.get("kind"),
                nieuw_kind=None if d.get("kind") else form.nieuw_kind(), documenten=form.documenten(),
                brieven_digitaal=d["brieven"] == "digitaal", woongemeente=d.get("woongemeente"),
                grondslag_gerespecteerd={"ja": True, "nee": False}.get(d.get("grondslag")))
        except s.AanmeldingFout as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(a.get_absolute_url("ouder") + "?ontvangen=1")
    return render(request, "aanmelding/nieuw.html", {"form": form, "school": school})


@login_required
@require_http_methods(["GET", "POST"])
def papier(request):
    school_ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if not school_ids:
        raise Http404
    form = f.PapierForm(request.POST or None, school_ids=school_ids)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        nu = timezone.make_aware(datetime.combine(d["ontvangen_datum"], d["ontvangen_tijd"]))
        andere = [{"school_id": None, "naam": r.strip()} for r in d["andere_scholen"].splitlines() if r.strip()]
        try:
            a = s.aanmelding_dien_in(
                ouder=None, geregistreerd_door=request.user, kanaal=d["kanaal"], school=d["school"], nu=nu,
                gewenste_start=d["gewenste_start"], ondersteuning=d["ondersteuning"], wat_belangrijk=d["wat_belangrijk"],
                gezag_verklaard=d["gezag"], voorkeur_positie=d["voorkeur_positie"], andere_scholen=andere,
                nieuw_kind=form.nieuw_kind(), woongemeente=d.get("woongemeente"))
        except s.AanmeldingFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De aanmelding is geregistreerd met de echte datum van ontvangst. De "
                                        "ontvangstbevestiging staat zo klaar om te printen of te versturen."))
            return redirect("aanmelding:dossier", pk=a.pk)
    return render(request, "aanmelding/papier.html", {"form": form})


# --- the parent's tracker -------------------------------------------------------------------------------

@login_required
def detail(request, pk):
    a = get_aanmelding_for_user_or_404(request.user, pk)
    if not hoorrecht.leerlingen_gezin(request.user).filter(pk=a.leerling_id).exists():  # the family's view
        return redirect("aanmelding:dossier", pk=a.pk)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Voortgang aanmelding bekeken")
    # Each relation read once (issue #14): the tracker, the options and the template share them.
    prefetch_related_objects([a], Prefetch("verzoeken", queryset=Verzoek.objects.select_related("toestemming")))
    klokken = a.klokken
    besluit = a.besluit
    bekend = besluit if besluit and besluit.is_bekend else None
    aanbod = a.aanbod if bekend and bekend.uitkomst == BesluitSoort.TOEGELATEN_ONDERSTEUNING else None
    brieven = list(a.brieven.all())
    voorkeur = VoorkeurVerklaring.objects.filter(leerling=a.leerling).first()
    return render(request, "aanmelding/detail.html", {
        "a": a, "a6": klokken.get("A-6"), "besluit": bekend, "voortgang": stap(a, klokken, besluit, gelezen=True),
        "mogelijkheden": mogelijkheden(a, bekend, klokken, aanbod), "tijdelijk_vanaf": s.tijdelijk_vanaf(a, klokken),
        "zorgplicht": s.zorgplicht_tekst(a, voorkeur), "verzoeken": a.verzoeken.all(),
        "brieven": brieven, "documenten": a.documenten.all(), "ontvangen": request.GET.get("ontvangen") == "1",
        "aanbod": aanbod, "wacht_op_brief": any(not b.is_klaar for b in brieven),
        "te_laat_gemeld": (a.gewenste_start - a.ontvangen_datum).days < 70,
    })


@login_required
@require_http_methods(["GET", "POST"])
def intrekken(request, pk):
    a = _ouder_only(request, pk)
    form = f.IntrekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            s.aanmelding_trek_in(aanmelding=a, ouder=request.user, reden=form.cleaned_data["reden"])
        except s.AanmeldingFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De aanmelding is ingetrokken. De school is op de hoogte gebracht."))
            return redirect("aanmelding:detail", pk=a.pk)
    return render(request, "aanmelding/intrekken.html", {"a": a, "form": form})


# --- the school's zorgplicht file -------------------------------------------------------------------------

FORMULIEREN = {
    # prefix: (form class, kwargs for a fresh form)
    "info": InformatieVerzoekForm, "toest": ToestemmingVraagForm, "verleng": f.VerlengForm,
    "notitie": f.NotitieForm, "plaatsing": f.PlaatsingForm, "beoord": f.BeoordelingForm,
}


def _form_kwargs(prefix: str, a) -> dict:
    return {"school": a.school} if prefix == "plaatsing" else {}


def _dossier(request, a, gebonden: dict | None = None, status: int = 200):
    """The zorgplicht file. ``gebonden``: a form that failed, shown again with the input kept and the
    errors at its fields (issue #8, stumbled 4)."""
    gebonden = gebonden or {}
    klokken = a.klokken
    besluit = a.besluit
    forms = {p: gebonden.get(p) or cls(prefix=p, **_form_kwargs(p, a)) for p, cls in FORMULIEREN.items()}
    if "info" not in gebonden:
        forms["info"] = InformatieVerzoekForm(prefix="info", initial={
            "antwoord_uiterlijk": timezone.localdate() + timedelta(days=14)})
    soort = request.GET.get("besluit") or (gebonden["besluit"].data.get("besluit-soort") if "besluit" in gebonden else "")
    besluit_form = gebonden.get("besluit")
    if besluit_form is None and soort in f.BESLUIT_VELDEN:
        initial = {"soort": soort}
        if besluit and not besluit.ondertekend_op and besluit.uitkomst == soort:
            initial |= {"motivering": besluit.motivering, "grond": a.besluit_grond, "ontvangende_school": a.plek_elders_school_id,
                        "ontvangende_school_naam": a.plek_elders_naam}
        besluit_form = f.BesluitForm(prefix="besluit", soort=soort, school=a.school, initial=initial)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Zorgplichtdossier geopend")
    mag_tekenen = besluit is not None and "ondertekenaar" in relaties(request.user, a)
    return render(request, "aanmelding/dossier.html", {
        "a": a, "a6": klokken.get("A-6"), "klokken": [klokken[r] for r in ("A-6", "A-9", "A-8", "A-15", "A-13", "D-2")
                                                     if r in klokken],
        "besluit": besluit, "bsn": a.leerling.bsn_voor(request.user),
        "elders": Aanmelding.objects.filter(leerling=a.leerling).open().exclude(pk=a.pk).exists(),
        "verzoeken": a.verzoeken.select_related("toestemming"), "notities": a.notities.select_related("door"),
        "plaatsingen": a.plaatsingsverzoeken.select_related("school"), "documenten": a.documenten.all(),
        "brieven": a.brieven.all(), "tijdelijk_vanaf": s.tijdelijk_vanaf(a, klokken), "mag_tekenen": mag_tekenen,
        "f_info": forms["info"], "f_toestemming": forms["toest"], "f_verleng": forms["verleng"],
        "f_notitie": forms["notitie"], "f_plaatsing": forms["plaatsing"], "f_beoordeling": forms["beoord"],
        "aanbod": a.aanbod,
        "leerplicht": a.leerplichtmeldingen.select_related("gemeente", "klok").prefetch_related("klok__opschortingen"),
        "f_besluit_soort": f.BesluitSoortForm(initial={"besluit": soort or (besluit.uitkomst if besluit else None)}),
        "f_besluit": besluit_form, "fout_in_formulier": bool(gebonden),
    }, status=status)


@login_required
def dossier(request, pk):
    return _dossier(request, _school_only(request, pk))


def _actie(prefix, uitvoeren, succes):
    """A small POST view: parse the form, call one service, redirect. A refused form is shown again on
    the file with the input kept and the error at the field (STYLE §6; issue #8, stumbled 4)."""

    @login_required
    @require_POST
    def view(request, pk):
        a = _school_only(request, pk)
        if prefix == "besluit":
            form = f.BesluitForm(request.POST, request.FILES, prefix=prefix, soort=request.POST.get("besluit-soort", ""),
                                 school=a.school)
        else:
            form = FORMULIEREN[prefix](request.POST, request.FILES, prefix=prefix, **_form_kwargs(prefix, a))
        if form.is_valid():
            try:
                uitvoeren(request, a, form.cleaned_data)
            except s.AanmeldingFout as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, succes)
                return redirect("aanmelding:dossier", pk=a.pk)
        a = _school_only(request, pk)
        return _dossier(request, a, gebonden={prefix: form}, status=200)

    return view


informatie = _actie("info", lambda r, a, d: s.verzoek_informatie(
    aanmelding=a, door=r.user, omschrijving=d["omschrijving"], antwoord_uiterlijk=d["antwoord_uiterlijk"]),
    _("Het informatieverzoek is verstuurd; de termijn staat stil tot het antwoord."))
toestemming_vraag = _actie("toest", lambda r, a, d: s.verzoek_toestemming(
    aanmelding=a, door=r.user, omschrijving=d["toelichting"], doel=d["doel"], omvang=d["omvang"],
    organisatie=d["ontvanger"], soort=d["soort"]), _("Het toestemmingsverzoek staat klaar voor de ouders."))
verlengen = _actie("verleng", lambda r, a, d: s.aanmelding_verleng(
    aanmelding=a, door=r.user, weken=d["weken"], reden=d["reden"]),
    _("De beslistermijn is verlengd; de brief gaat naar de ouders."))
notitie = _actie("notitie", lambda r, a, d: s.notitie_voeg_toe(
    aanmelding=a, door=r.user, soort=d["soort"], tekst=d["tekst"], datum=d["datum"]), _("De notitie is opgeslagen."))
plaatsing = _actie("plaatsing", lambda r, a, d: s.plaatsing_vraag(
    aanmelding=a, door=r.user, school=d["school"], toelichting=d["toelichting"]), _("Het plaatsingsverzoek is verstuurd."))
beoordelen = _actie("beoord", lambda r, a, d: s.ondersteuning_beoordeel(
    aanmelding=a, door=r.user, nodig=d["nodig"], reden=d["reden"]),
    _("De beoordeling is vastgelegd. De ouders lezen de uitkomst en de reden."))
besluit_voorbereiden = _actie("besluit", lambda r, a, d: s.besluit_voorbereid(
    aanmelding=a, door=r.user, soort=d["soort"], motivering=d["motivering"], grond=d.get("grond") or "",
    ontvangende_school=d.get("ontvangende_school"),
    ontvangende_school_naam=d.get("ontvangende_school_naam") or "", acceptatie_bestand=d.get("acceptatie")),
    _("Het besluit is voorbereid en wacht op een handtekening van iemand met mandaat."))


# --- a request from another school --------------------------------------------------------------------------

def _plaatsing_or_404(request, vid) -> PlaatsingsVerzoek:
    return get_object_or_404(PlaatsingsVerzoek.objects.select_related("aanmelding__leerling", "aanmelding__school")
                             .filter(school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=vid)


@login_required
@require_http_methods(["GET", "POST"])
def plaatsing_detail(request, vid):
    """The asked school sees only what the parents agreed to share (the shared documents)."""
    v = _plaatsing_or_404(request, vid)
    form = f.PlaatsingAntwoordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            s.plaatsing_beantwoord(verzoek=v, door=request.user, akkoord=form.cleaned_data["akkoord"],
                                   antwoord=form.cleaned_data["antwoord"])
        except s.AanmeldingFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Uw antwoord is verstuurd."))
            return redirect("aanmelding:plaatsing", vid=v.pk)
    audit_view(actor=request.user, obj=v, leerling=v.aanmelding.leerling, omschrijving="Plaatsingsverzoek bekeken")
    return render(request, "aanmelding/plaatsing.html", {"v": v, "form": form, "documenten": v.documenten.all(),
                                                         "open": v.status == PlaatsingStatus.GEVRAAGD})
