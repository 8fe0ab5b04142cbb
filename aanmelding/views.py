from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.accounts.views import reauth_redirect
from portal.audit.services import audit_view
from portal.termijnen.models import Clock

from . import forms as f
from . import services as s
from .constants import OPEN, PlaatsingStatus, Status, VerzoekSoort, VerzoekStatus
from .models import Aanmelding, Brief, Document, PlaatsingsVerzoek, VoorkeurVerklaring

# --- access: one place ----------------------------------------------------------------------------

def get_aanmelding_for_user_or_404(user, pk) -> Aanmelding:
    return get_object_or_404(Aanmelding.objects.for_user(user).select_related("leerling", "school", "school__bestuur"), pk=pk)


def _is_ouder(user, a: Aanmelding) -> bool:
    return a.leerling.gezag.filter(ouder=user).exists()


def _is_school(user, a: Aanmelding) -> bool:
    return a.school_id in user.school_ids(Rol.IB, Rol.DIRECTEUR)


def _school_only(request, pk) -> Aanmelding:
    a = get_aanmelding_for_user_or_404(request.user, pk)
    if not _is_school(request.user, a):
        raise Http404
    return a


def _ouder_only(request, pk) -> Aanmelding:
    a = get_aanmelding_for_user_or_404(request.user, pk)
    if not _is_ouder(request.user, a):
        raise Http404
    return a


def _fout(request, exc):
    messages.error(request, str(exc))


# --- lists ------------------------------------------------------------------------------------------

@login_required
def lijst(request):
    if request.user.school_ids(Rol.IB, Rol.DIRECTEUR):
        return inbox(request)
    if "ouder" not in request.user.rollen:
        raise Http404
    qs = Aanmelding.objects.filter(leerling__gezag__ouder=request.user).select_related("school", "leerling")
    return render(request, "aanmelding/ouder_lijst.html", {"aanmeldingen": qs})


def inbox(request):
    """All aanmeldingen of the user's school(s), most urgent first (S1), with the clock, the zorgplicht
    flag and whether the child is also aangemeld elsewhere — only that fact, never the other school."""
    ct = ContentType.objects.get_for_model(Aanmelding)
    a6 = Clock.objects.filter(zaak_type=ct, zaak_id=OuterRef("pk"), regel_id="A-6")
    elders = Aanmelding.objects.filter(leerling=OuterRef("leerling"), status__in=OPEN).exclude(school=OuterRef("school"))
    qs = (Aanmelding.objects.filter(school_id__in=request.user.school_ids(Rol.IB, Rol.DIRECTEUR))
          .select_related("leerling", "school")
          .annotate(a6_uiterlijk=Subquery(a6.values("uiterlijk")[:1]), ook_elders=Exists(elders)))
    status = request.GET.get("status", "open")
    if status == "open":
        qs = qs.filter(status__in=OPEN)
    elif status in Status.values:
        qs = qs.filter(status=status)
    from django.db.models import F

    qs = qs.order_by(F("a6_uiterlijk").asc(nulls_last=True), "ontvangen_op")
    page = Paginator(qs, 30).get_page(request.GET.get("pagina"))
    rows = list(page)
    klokken = {c.zaak_id: c for c in Clock.objects.filter(zaak_type=ct, zaak_id__in=[a.pk for a in rows], regel_id="A-6")
               .select_related("school")
               .prefetch_related("opschortingen")}
    for a in rows:
        a.klok = klokken.get(a.pk)
    return render(request, "aanmelding/inbox.html", {"page": page, "rows": rows, "status": status,
                                                     "statussen": Status.choices, "vandaag": timezone.localdate()})


# --- filing -------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request):
    if "ouder" not in request.user.rollen:
        raise Http404
    form = f.AanmeldingForm(request.POST or None, request.FILES or None, ouder=request.user,
                            initial={"kind": request.GET.get("kind")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            a = s.aanmelding_dien_in(
                ouder=request.user, school=d["school"], gewenste_start=d["gewenste_start"], ondersteuning=d["ondersteuning"],
                wat_belangrijk=d["wat_belangrijk"], gezag_verklaard=d["gezag"], voorkeur_positie=d["voorkeur_positie"],
                andere_scholen=form.andere_scholen(), leerling=d.get("kind"),
                nieuw_kind=None if d.get("kind") else form.nieuw_kind(), documenten=form.documenten())
        except s.AanmeldingFout as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(f"/aanmelding/{a.pk}/?ontvangen=1")
    return render(request, "aanmelding/nieuw.html", {"form": form})


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
                nieuw_kind=form.nieuw_kind())
        except s.AanmeldingFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "De aanmelding is geregistreerd met de echte datum van ontvangst. De "
                                      "ontvangstbevestiging staat klaar om te printen of te versturen.")
            return redirect("aanmelding:dossier", pk=a.pk)
    return render(request, "aanmelding/papier.html", {"form": form})


# --- the parent's tracker -------------------------------------------------------------------------------

def voortgang(a: Aanmelding, k: dict, besluit) -> dict:
    """P3: the current step, what happens next, who acts, and the legal date."""
    a6 = k.get("A-6")
    open_info = [v for v in a.verzoeken.all() if v.soort == VerzoekSoort.INFORMATIE and v.status == VerzoekStatus.OPEN]
    if a.status == Status.INGETROKKEN:
        return {"stap": "U heeft de aanmelding ingetrokken.", "volgende": "", "wie": "", "datum": None}
    if a.status == Status.BESLOTEN and besluit:
        return {"stap": f"Besluit: {besluit.get_soort_display()}.", "volgende": "Lees de brief. Bent u het er niet mee "
                "eens? Hieronder staat wat u kunt doen.", "wie": "U", "datum": None}
    if open_info:
        return {"stap": "De school heeft u om informatie gevraagd. De beslistermijn staat stil tot u antwoordt.",
                "volgende": "Beantwoord het verzoek.", "wie": "U", "datum": open_info[0].antwoord_uiterlijk}
    if a.status == Status.BESLUIT_VOORBEREID:
        stap = "Het besluit is voorbereid en wacht op ondertekening door de directeur."
    elif a.status == Status.IN_ONDERZOEK:
        stap = "De school onderzoekt wat uw kind nodig heeft en of zij dat kan bieden."
    else:
        stap = "De school heeft uw aanmelding ontvangen."
    return {"stap": stap, "volgende": "De school neemt een besluit en stuurt u een brief.", "wie": a.school.naam,
            "datum": a6.uiterlijk if a6 else None}


ESCALATIE = [
    ("Praat met de school", "Vraag een gesprek met de intern begeleider of de directeur. Neem iemand mee als u wilt.", None),
    ("Vraag advies aan het samenwerkingsverband", "Het samenwerkingsverband kan adviseren of bemiddelen.", None),
    ("Onderwijsconsulent", "Gratis en onafhankelijk; helpt ouders en school samen een oplossing te vinden.", None),
    ("Bezwaar maken bij het schoolbestuur", "Binnen 6 weken na de bekendmaking van het besluit (A-13).", "bezwaar_uiterlijk"),
    ("Geschil bij de Geschillencommissie passend onderwijs",
     "Binnen 6 weken na het besluit (later kan met redenen). Het oordeel is een advies (D-1, D-2).", "geschil_uiterlijk"),
]


@login_required
def detail(request, pk):
    a = get_aanmelding_for_user_or_404(request.user, pk)
    if not _is_ouder(request.user, a):
        return redirect("aanmelding:dossier", pk=a.pk)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Voortgang aanmelding bekeken")
    k = s.klokken(a)
    besluit = getattr(a, "besluit", None)
    routes = s.rechtsmiddelen(a, besluit) if besluit and besluit.bekendgemaakt_op else {}
    from datetime import date

    escalatie = [(t, u, date.fromisoformat(routes[key]) if key and key in routes else None)
                 for t, u, key in ESCALATIE if not key or key in routes]
    voorkeur = VoorkeurVerklaring.objects.filter(leerling=a.leerling).first()
    return render(request, "aanmelding/detail.html", {
        "a": a, "k": k, "a6": k.get("A-6"), "besluit": besluit if besluit and besluit.bekendgemaakt_op else None,
        "voortgang": voortgang(a, k, besluit), "tijdelijk_vanaf": s.tijdelijk_vanaf(a, k),
        "zorgplicht": s.zorgplicht_tekst(a, voorkeur), "verzoeken": a.verzoeken.all(),
        "brieven": a.brieven.all(), "documenten": a.documenten.all(), "routes": routes, "escalatie": escalatie,
        "ontvangen": request.GET.get("ontvangen") == "1", "reactie_form": f.ReactieForm(),
        "te_laat_gemeld": (a.gewenste_start - a.ontvangen_datum).days < 70,
    })


@login_required
@require_http_methods(["GET", "POST"])
def verzoek_antwoord(request, pk, vid):
    a = _ouder_only(request, pk)
    verzoek = get_object_or_404(a.verzoeken, pk=vid, soort=VerzoekSoort.INFORMATIE)
    form = f.AntwoordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            s.verzoek_beantwoord(verzoek=verzoek, ouder=request.user, antwoord=form.cleaned_data["antwoord"],
                                 bestand=form.cleaned_data.get("bestand"))
        except s.AanmeldingFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Dank u. Uw antwoord is bij de school. De beslistermijn loopt weer.")
            return redirect("aanmelding:detail", pk=a.pk)
    return render(request, "aanmelding/verzoek_antwoord.html", {"a": a, "verzoek": verzoek, "form": form})


@login_required
@require_POST
def toestemming(request, pk, vid):
    a = _ouder_only(request, pk)
    verzoek = get_object_or_404(a.verzoeken, pk=vid, soort=VerzoekSoort.TOESTEMMING)
    try:
        s.toestemming_beslis(verzoek=verzoek, ouder=request.user, keuze=request.POST.get("keuze", ""))
    except s.AanmeldingFout as exc:
        _fout(request, exc)
    else:
        messages.success(request, "Uw keuze is vastgelegd. U kunt een gegeven toestemming later intrekken.")
    return redirect("aanmelding:detail", pk=a.pk)


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
            messages.success(request, "De aanmelding is ingetrokken. De school is op de hoogte gebracht.")
            return redirect("aanmelding:detail", pk=a.pk)
    return render(request, "aanmelding/intrekken.html", {"a": a, "form": form})


@login_required
@require_POST
def aanbod(request, pk):
    a = _ouder_only(request, pk)
    besluit = getattr(a, "besluit", None)
    form = f.ReactieForm(request.POST)
    if besluit is None or not form.is_valid():
        messages.error(request, "Kies of u het eens bent met het aanbod.")
        return redirect("aanmelding:detail", pk=a.pk)
    try:
        s.aanbod_reageer(besluit=besluit, ouder=request.user, akkoord=form.cleaned_data["akkoord"],
                         reden=form.cleaned_data["reden"])
    except s.AanmeldingFout as exc:
        _fout(request, exc)
    else:
        messages.success(request, "Uw reactie is vastgelegd en de school is op de hoogte.")
    return redirect(f"/aanmelding/{a.pk}/#aanbod")


# --- documents and letters --------------------------------------------------------------------------------

@login_required
def brief(request, pk, bid):
    a = get_aanmelding_for_user_or_404(request.user, pk)
    b = get_object_or_404(Brief, aanmelding=a, pk=bid)
    if not b.gemaakt_op:
        messages.info(request, "Deze brief wordt nog gemaakt. Probeer het over een minuut opnieuw.")
        return redirect("aanmelding:detail", pk=a.pk)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, download=True, omschrijving=f"Brief {b.get_soort_display()}")
    return FileResponse(b.bestand.open("rb"), content_type="application/pdf", as_attachment=False,
                        filename=f"{b.soort}-{a.pk}.pdf")


@login_required
def document(request, pk, did):
    a = get_aanmelding_for_user_or_404(request.user, pk)
    d = get_object_or_404(Document, aanmelding=a, pk=did)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, download=True, omschrijving=f"Document #{d.pk}")
    return FileResponse(d.bestand.open("rb"), content_type=d.mime, as_attachment=True, filename=d.naam)


# --- the school's zorgplicht file -------------------------------------------------------------------------

@login_required
def dossier(request, pk):
    a = _school_only(request, pk)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Zorgplichtdossier geopend")
    k = s.klokken(a)
    besluit = getattr(a, "besluit", None)
    elders = Aanmelding.objects.filter(leerling=a.leerling, status__in=OPEN).exclude(pk=a.pk).exists()
    return render(request, "aanmelding/dossier.html", {
        "a": a, "a6": k.get("A-6"), "klokken": [k[r] for r in ("A-6", "A-9", "A-8", "A-15") if r in k], "besluit": besluit,
        "bsn": a.leerling.bsn_voor(request.user), "elders": elders,
        "verzoeken": a.verzoeken.all(), "notities": a.notities.select_related("door"),
        "plaatsingen": a.plaatsingsverzoeken.select_related("school"), "documenten": a.documenten.all(),
        "brieven": a.brieven.all(), "tijdelijk_vanaf": s.tijdelijk_vanaf(a, k),
        "is_directeur": a.school_id in request.user.school_ids(Rol.DIRECTEUR),
        "f_info": f.InformatieForm(prefix="info", initial={"antwoord_uiterlijk": timezone.localdate() + timedelta(days=14)}),
        "f_toestemming": f.ToestemmingForm(prefix="toest"), "f_verleng": f.VerlengForm(prefix="verleng"),
        "f_notitie": f.NotitieForm(prefix="notitie"), "f_plaatsing": f.PlaatsingForm(prefix="plaatsing"),
        "f_besluit": f.BesluitForm(prefix="besluit"),
    })


def _actie(form_class, prefix, uitvoeren, succes):
    """A small POST view: parse the form, call one service, redirect (STYLE §6)."""

    @login_required
    @require_POST
    def view(request, pk):
        a = _school_only(request, pk)
        form = form_class(request.POST, request.FILES, prefix=prefix)
        if not form.is_valid():
            for veld, fouten in form.errors.items():
                label = form.fields[veld].label if veld in form.fields else ""
                messages.error(request, f"{label}: {' '.join(fouten)}" if label else " ".join(fouten))
        else:
            try:
                uitvoeren(request, a, form.cleaned_data)
            except s.AanmeldingFout as exc:
                _fout(request, exc)
            else:
                messages.success(request, succes)
        return redirect("aanmelding:dossier", pk=a.pk)

    return view


informatie = _actie(f.InformatieForm, "info", lambda r, a, d: s.verzoek_informatie(
    aanmelding=a, door=r.user, omschrijving=d["omschrijving"], antwoord_uiterlijk=d["antwoord_uiterlijk"]),
    "Het informatieverzoek is verstuurd; de termijn staat stil vanaf morgen tot het antwoord.")
toestemming_vraag = _actie(f.ToestemmingForm, "toest", lambda r, a, d: s.verzoek_toestemming(
    aanmelding=a, door=r.user, omschrijving=d["omschrijving"], doel=d["doel"], omvang=d["omvang"],
    organisatie=d["organisatie"]), "Het toestemmingsverzoek staat klaar voor de ouders.")
verlengen = _actie(f.VerlengForm, "verleng", lambda r, a, d: s.aanmelding_verleng(
    aanmelding=a, door=r.user, weken=d["weken"], reden=d["reden"]), "De beslistermijn is verlengd; de brief gaat naar de ouders.")
notitie = _actie(f.NotitieForm, "notitie", lambda r, a, d: s.notitie_voeg_toe(
    aanmelding=a, door=r.user, soort=d["soort"], tekst=d["tekst"], datum=d["datum"]), "De notitie is opgeslagen.")
plaatsing = _actie(f.PlaatsingForm, "plaatsing", lambda r, a, d: s.plaatsing_vraag(
    aanmelding=a, door=r.user, school=d["school"], toelichting=d["toelichting"]), "Het plaatsingsverzoek is verstuurd.")
besluit_voorbereiden = _actie(f.BesluitForm, "besluit", lambda r, a, d: s.besluit_voorbereid(
    aanmelding=a, door=r.user, soort=d["soort"], motivering=d["motivering"], grond=d.get("grond") or "",
    ondersteuning_aanbod=d.get("ondersteuning_aanbod") or "", ontvangende_school=d.get("ontvangende_school"),
    ontvangende_school_naam=d.get("ontvangende_school_naam") or "", acceptatie_bestand=d.get("acceptatie")),
    "Het besluit is voorbereid en wacht op de handtekening van de directeur.")


@login_required
@require_http_methods(["GET", "POST"])
def ondertekenen(request, pk):
    """The directeur signs after re-authentication; the letter goes out in the board's name (A-12)."""
    a = _school_only(request, pk)
    besluit = getattr(a, "besluit", None)
    if besluit is None or a.school_id not in request.user.school_ids(Rol.DIRECTEUR):
        raise Http404
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    if request.method == "POST":
        try:
            s.besluit_onderteken(besluit=besluit, door=request.user)
        except s.AanmeldingFout as exc:
            _fout(request, exc)
        else:
            messages.success(request, "Het besluit is ondertekend en bekendgemaakt aan de ouders.")
        return redirect("aanmelding:dossier", pk=a.pk)
    return render(request, "aanmelding/ondertekenen.html", {"a": a, "besluit": besluit})


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
            messages.success(request, "Uw antwoord is verstuurd.")
            return redirect("aanmelding:plaatsing", vid=v.pk)
    audit_view(actor=request.user, obj=v, leerling=v.aanmelding.leerling, omschrijving="Plaatsingsverzoek bekeken")
    return render(request, "aanmelding/plaatsing.html", {"v": v, "form": form, "documenten": v.documenten.all(),
                                                         "open": v.status == PlaatsingStatus.GEVRAAGD})


@login_required
def plaatsing_document(request, vid, did):
    v = _plaatsing_or_404(request, vid)
    d = get_object_or_404(v.documenten, pk=did)
    audit_view(actor=request.user, obj=v, leerling=v.aanmelding.leerling, download=True, omschrijving=f"Document #{d.pk}")
    return FileResponse(d.bestand.open("rb"), content_type=d.mime, as_attachment=True, filename=d.naam)

