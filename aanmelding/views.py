"""The aanmelding's pages: the family's list, filing, tracker and withdrawal; the school's inbox, paper registration
and zorgplicht file with its actions (declared, ``ACTIES``); the request of another school to admit a child. Access
and relations come from the core's page kit (``zaak_of_404`` / ``rel``); reads from ``selectors``."""

from datetime import datetime, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.basis.params import id_param, tekst_param
from portal.basis.versie import delen, versies
from portal.organisaties.selectors import scholen_op_naam
from portal.zaken import hoorrecht
from portal.zaken.forms import InformatieVerzoekForm, ToestemmingVraagForm
from portal.zaken.pagina import (
    HANDELT,
    Actie,
    actie_view,
    eenmalig,
    formulieren,
    is_gezin,
    verwerk,
    zaak_deel,
    zaak_of_404,
)
from portal.zaken.services import ZaakFout, relaties

from . import forms as f
from . import selectors
from . import services as s
from .constants import BesluitSoort, PlaatsingStatus, Status
from .models import Aanmelding
from .tracker import mogelijkheden, stap

# --- lists ------------------------------------------------------------------------------------------

@login_required
def lijst(request):
    if selectors.school_ids(request.user):
        return inbox(request)
    if not (request.user.heeft_rol(Rol.OUDER) or hoorrecht.leerlingen_gezin(request.user).exists()):
        raise Http404  # parents, and from 18 the pupil or their curator (issue #17 §1)
    return render(request, "aanmelding/ouder_lijst.html", {"aanmeldingen": selectors.aanmeldingen_gezin(request.user)})


def inbox(request):
    """All aanmeldingen of the user's school(s), most urgent first (S1), with the clock, the zorgplicht
    flag and whether the child is also aangemeld elsewhere — only that fact, never the other school; and
    the requests of other schools to admit a child (A-10)."""
    status = request.GET.get("status", "open")
    page = Paginator(selectors.inbox(request.user, status), 30).get_page(request.GET.get("pagina"))
    rows = list(page)
    vandaag = timezone.localdate()

    def maak(ids):
        """The rows not in the cache, rendered in one template (their A-6 clocks in one query)."""
        nieuw = [a for a in rows if a.pk in set(ids)]
        klokken = selectors.a6_klokken(nieuw)
        for a in nieuw:
            a.klok = klokken.get(a.pk)
        tekst = render_to_string("aanmelding/_inbox_rijen.html", {"rows": nieuw, "vandaag": vandaag})
        return dict(zip([a.pk for a in nieuw], tekst.split("<!--rij-->")[1:], strict=True))

    # a row is kept in the cache under the version of its pupil (every change of the case, its clocks, the pupil's
    # other aanmeldingen moves it), of 'alles', the language and today's date (issue #23 §1)
    tokens = versies("alles", *(f"leerling:{a.leerling_id}" for a in rows))
    sleutels = {a.pk: f"{a.pk}|{get_language()}|{vandaag.isoformat()}|{tokens['alles']}|{tokens[f'leerling:{a.leerling_id}']}"
                for a in rows}
    html = delen("inbox_rij", sleutels, maak)
    return render(request, "aanmelding/inbox.html", {
        "page": page, "rijen": [mark_safe(html[a.pk]) for a in rows], "status": status, "statussen": Status.choices,
        "vandaag": vandaag, "plaatsingen": selectors.plaatsingen_gevraagd(request.user)})


# --- filing -------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def nieuw(request):
    """First the school (a search by name or place, or the finder's link with ``?school=``), then the form."""
    if "ouder" not in request.user.rollen:
        raise Http404
    query = request.POST if request.method == "POST" else request.GET
    gekozen = query.get("school")
    school = selectors.school_of_none(id_param(query, "school"))
    kind = id_param(request.GET, "kind")
    if school is None:
        zoek = tekst_param(request.GET, "zoek", max_lengte=100)  # no NUL reaches the database (issue #19 defect 5)
        return render(request, "aanmelding/nieuw_school.html", {
            "zoek": zoek, "kind": kind or "", "scholen": scholen_op_naam(zoek) if zoek else None,
            "onbekend": bool(gekozen)})
    form = f.AanmeldingForm(request.POST or None, request.FILES or None, ouder=request.user, school=school,
                            initial={"kind": kind})
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
        except ZaakFout as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(a.get_absolute_url("ouder") + "?ontvangen=1")
    return render(request, "aanmelding/nieuw.html", {"form": form, "school": school})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def papier(request):
    school_ids = selectors.school_ids(request.user)
    if not school_ids:
        raise Http404
    form = f.PapierForm(request.POST or None, school_ids=school_ids)

    def doe(d):
        nu = timezone.make_aware(datetime.combine(d["ontvangen_datum"], d["ontvangen_tijd"]))
        andere = [{"school_id": None, "naam": r.strip()} for r in d["andere_scholen"].splitlines() if r.strip()]
        return s.aanmelding_dien_in(
            ouder=None, geregistreerd_door=request.user, kanaal=d["kanaal"], school=d["school"], nu=nu,
            gewenste_start=d["gewenste_start"], ondersteuning=d["ondersteuning"], wat_belangrijk=d["wat_belangrijk"],
            gezag_verklaard=d["gezag"], voorkeur_positie=d["voorkeur_positie"], andere_scholen=andere,
            nieuw_kind=form.nieuw_kind(), woongemeente=d.get("woongemeente"))

    klaar, a = verwerk(request, form, doe, _("De aanmelding is geregistreerd met de echte datum van ontvangst. De "
                                             "ontvangstbevestiging staat zo klaar om te printen of te versturen."))
    if klaar:
        return redirect("aanmelding:dossier", pk=a.pk)
    return render(request, "aanmelding/papier.html", {"form": form})


# --- the family's page ----------------------------------------------------------------------------------

@login_required
def detail(request, pk):
    """The family's page: where the aanmelding stands, the receipt, the school's questions and after the decision
    what they can do. Staff read the zorgplicht file instead."""
    a, rel = zaak_of_404(request.user, Aanmelding, pk)
    if not is_gezin(rel):
        return redirect("aanmelding:dossier", pk=a.pk)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Voortgang aanmelding bekeken")
    inhoud = zaak_deel(request, a, rel, "aanmelding-detail", lambda: render_to_string(
        "aanmelding/_detail_inhoud.html", _detail_context(request, a, rel)))
    return render(request, "aanmelding/detail.html", {"a": a, "inhoud": inhoud})


def _detail_context(request, a, rel) -> dict:
    selectors.met_verzoeken(a)  # each relation read once (issue #14): the tracker, the options and the page
    klokken = a.klokken
    besluit = a.besluit
    bekend = besluit if besluit and besluit.is_bekend else None
    aanbod = a.aanbod if bekend and bekend.uitkomst == BesluitSoort.TOEGELATEN_ONDERSTEUNING else None
    brieven = list(a.brieven.all())
    a6 = klokken.get("A-6")
    return {
        "a": a, "zaak": a, "rel": rel, "a6": a6, "besluit": bekend, "stap": stap(a, klokken, besluit, gelezen=True),
        "stap_klokken": [a6] if a6 and not bekend and a.is_open else [],
        "mogelijkheden": mogelijkheden(a, bekend, klokken, aanbod), "tijdelijk_vanaf": s.tijdelijk_vanaf(a, klokken),
        "zorgplicht": s.zorgplicht_tekst(a, selectors.voorkeur(a)), "verzoeken": a.verzoeken.all(),
        "brieven": brieven, "documenten": a.documenten.all(), "ontvangen": request.GET.get("ontvangen") == "1",
        "aanbod": aanbod, "wacht_op_brief": any(not b.is_klaar for b in brieven),
        "te_laat_gemeld": (a.gewenste_start - a.ontvangen_datum).days < 70, "request": request,
    }


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def intrekken(request, pk):
    """Whoever acts for the pupil withdraws: the parents of a minor, from 18 the pupil or their curator (issue #17)."""
    a, rel = zaak_of_404(request.user, Aanmelding, pk)
    if not rel & HANDELT:
        raise Http404
    form = f.IntrekForm(request.POST or None)
    klaar, _uit = verwerk(request, form, lambda d: s.aanmelding_trek_in(aanmelding=a, ouder=request.user,
                                                                        reden=d["reden"]),
                          _("De aanmelding is ingetrokken. De school is op de hoogte gebracht."))
    if klaar:
        return redirect("aanmelding:detail", pk=a.pk)
    return render(request, "aanmelding/intrekken.html", {"a": a, "form": form})


# --- the school's zorgplicht file -------------------------------------------------------------------------

SCHOOL = frozenset({"school"})  # the IB'er or the directeur of the case's school


def _informatie_form(data, files, a, request):
    return InformatieVerzoekForm(data, files, prefix="info", initial={
        "antwoord_uiterlijk": timezone.localdate() + timedelta(days=14)})


def _besluit_form(data, files, a, request):
    """The decision's fields depend on its kind: posted with the form, or chosen first on the file (``?besluit=``,
    built there, with what a prepared decision of that kind says)."""
    if data is None:
        return None
    return f.BesluitForm(data, files, prefix="besluit", soort=data.get("besluit-soort", ""), school=a.school)


def _verzoek_informatie(r, a, d, form):
    s.verzoek_informatie(aanmelding=a, door=r.user, omschrijving=d["omschrijving"],
                         antwoord_uiterlijk=d["antwoord_uiterlijk"])


def _verzoek_toestemming(r, a, d, form):
    s.verzoek_toestemming(aanmelding=a, door=r.user, omschrijving=d["toelichting"], doel=d["doel"],
                          omvang=d["omvang"], organisatie=d["ontvanger"], soort=d["soort"])


def _besluit_voorbereid(r, a, d, form):
    s.besluit_voorbereid(aanmelding=a, door=r.user, soort=d["soort"], motivering=d["motivering"],
                         grond=d.get("grond") or "", ontvangende_school=d.get("ontvangende_school"),
                         ontvangende_school_naam=d.get("ontvangende_school_naam") or "",
                         acceptatie_bestand=d.get("acceptatie"))


# The file's actions, by form prefix: a refused form comes back on the file with the input kept and the error at
# the field (STYLE §6; issue #8, stumbled 4). Only the school of the case acts (the relation "school").
ACTIES = {
    "info": Actie(
        form=_informatie_form, doe=_verzoek_informatie,
        succes=_l("Het informatieverzoek is verstuurd; de termijn staat stil tot het antwoord."), mag=SCHOOL),
    "toest": Actie(
        form=lambda data, files, a, r: ToestemmingVraagForm(data, files, prefix="toest"), doe=_verzoek_toestemming,
        succes=_l("Het toestemmingsverzoek staat klaar voor de ouders."), mag=SCHOOL),
    "verleng": Actie(
        form=lambda data, files, a, r: f.VerlengForm(data, files, prefix="verleng"),
        doe=lambda r, a, d, form: s.aanmelding_verleng(aanmelding=a, door=r.user, weken=d["weken"], reden=d["reden"]),
        succes=_l("De beslistermijn is verlengd; de brief gaat naar de ouders."), mag=SCHOOL),
    "notitie": Actie(
        form=lambda data, files, a, r: f.NotitieForm(data, files, prefix="notitie"),
        doe=lambda r, a, d, form: s.notitie_voeg_toe(aanmelding=a, door=r.user, soort=d["soort"], tekst=d["tekst"],
                                                     datum=d["datum"]),
        succes=_l("De notitie is opgeslagen."), mag=SCHOOL),
    "plaatsing": Actie(
        form=lambda data, files, a, r: f.PlaatsingForm(data, files, prefix="plaatsing", school=a.school),
        doe=lambda r, a, d, form: s.plaatsing_vraag(aanmelding=a, door=r.user, school=d["school"],
                                                    toelichting=d["toelichting"]),
        succes=_l("Het plaatsingsverzoek is verstuurd."), mag=SCHOOL),
    "beoord": Actie(
        form=lambda data, files, a, r: f.BeoordelingForm(data, files, prefix="beoord"),
        doe=lambda r, a, d, form: s.ondersteuning_beoordeel(aanmelding=a, door=r.user, nodig=d["nodig"],
                                                            reden=d["reden"]),
        succes=_l("De beoordeling is vastgelegd. De ouders lezen de uitkomst en de reden."), mag=SCHOOL),
    "besluit": Actie(
        form=_besluit_form, doe=_besluit_voorbereid,
        succes=_l("Het besluit is voorbereid en wacht op een handtekening van iemand met mandaat."), mag=SCHOOL),
}


def _dossier(request, a, gebonden: dict | None = None, rel=None):
    """The zorgplicht file. ``gebonden``: a form that failed, shown again with the input kept and the
    errors at its fields (issue #8, stumbled 4). ``rel``: the reader's relations, when the caller has them."""
    gebonden = gebonden or {}
    rel = frozenset(relaties(request.user, a)) if rel is None else rel
    if not rel & SCHOOL:
        raise Http404
    klokken = a.klokken
    besluit = a.besluit
    forms = formulieren(ACTIES, request, a, rel, gebonden)
    soort = tekst_param(request.GET, "besluit", max_lengte=40) or (gebonden["besluit"].data.get("besluit-soort") if "besluit" in gebonden else "")
    besluit_form = forms["besluit"]
    if besluit_form is None and soort in f.BESLUIT_VELDEN:
        initial = {"soort": soort}
        if besluit and not besluit.ondertekend_op and besluit.uitkomst == soort:
            initial |= {"motivering": besluit.motivering, "grond": a.besluit_grond, "ontvangende_school": a.plek_elders_school_id,
                        "ontvangende_school_naam": a.plek_elders_naam}
        besluit_form = f.BesluitForm(prefix="besluit", soort=soort, school=a.school, initial=initial)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Zorgplichtdossier geopend")
    selectors.met_verzoeken(a)  # read once: the step and the list of requests
    return render(request, "aanmelding/dossier.html", {
        "a": a, "zaak": a, "rel": rel, "stap": stap(a, klokken, besluit, gelezen=True),
        "a6": klokken.get("A-6"),
        "klokken": [klokken[r] for r in ("A-6", "A-9", "A-8", "A-15", "A-13", "D-2") if r in klokken],
        "besluit": besluit, "bsn": a.leerling.bsn_voor(request.user), "verzoeken": a.verzoeken.all(),
        **selectors.dossier_lijsten(a),
        "documenten": a.documenten.all(), "brieven": a.brieven.all(), "tijdelijk_vanaf": s.tijdelijk_vanaf(a, klokken),
        "mag_tekenen": besluit is not None and "ondertekenaar" in rel,
        "f_info": forms["info"], "f_toestemming": forms["toest"], "f_verleng": forms["verleng"],
        "f_notitie": forms["notitie"], "f_plaatsing": forms["plaatsing"], "f_beoordeling": forms["beoord"],
        "aanbod": a.aanbod,
        "f_besluit_soort": f.BesluitSoortForm(initial={"besluit": soort or (besluit.uitkomst if besluit else None)}),
        "f_besluit": besluit_form, "fout_in_formulier": bool(gebonden),
    })


@login_required
def dossier(request, pk):
    a, rel = zaak_of_404(request.user, Aanmelding, pk)
    return _dossier(request, a, rel=rel)


actie = actie_view(Aanmelding, ACTIES, _dossier)


# --- a request from another school --------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def plaatsing_detail(request, vid):
    """The asked school sees only what the parents agreed to share (the shared documents)."""
    v = selectors.plaatsingsverzoek_of_404(request.user, vid)
    form = f.PlaatsingAntwoordForm(request.POST or None)
    klaar, _uit = verwerk(request, form, lambda d: s.plaatsing_beantwoord(verzoek=v, door=request.user,
                                                                          akkoord=d["akkoord"], antwoord=d["antwoord"]),
                          _("Uw antwoord is verstuurd."))
    if klaar:
        return redirect("aanmelding:plaatsing", vid=v.pk)
    audit_view(actor=request.user, obj=v, leerling=v.aanmelding.leerling, omschrijving="Plaatsingsverzoek bekeken")
    return render(request, "aanmelding/plaatsing.html", {"v": v, "form": form, "documenten": v.documenten.all(),
                                                         "open": v.status == PlaatsingStatus.GEVRAAGD})
