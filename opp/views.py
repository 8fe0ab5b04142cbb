"""The OPP's pages, on the core's page kit (``portal.zaken.pagina``): ``zaak_of_404`` answers 404 for every OPP the
user may not see (a pupil under 12 sees none) and gives the reader's relations (``rel``), which decide what the page
shows and who may act; each view parses its form, calls one service, redirects. Staff pages may name rule ids; pages
for parents and the pupil speak plain Dutch. Reads are in ``selectors``."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.accounts.views import reauth_redirect
from portal.audit.services import audit_view
from portal.basis.csvexport import csv_response
from portal.zaken import hoorrecht, registry
from portal.zaken.pagina import Actie, actie_view, eenmalig, is_gezin, knop, verwerk, zaak_of_404
from portal.zaken.services import ZaakFout, relaties

from . import forms as f
from . import selectors as sel
from . import services as s
from .constants import INSTEMMING_LOOPT, REGULIER, SOORTEN_MET_COMMISSIE, Keuze, Status
from .models import Ontwikkelingsperspectief
from .pdf import versie_pdf


def _opp_of_404(request, pk) -> tuple[Ontwikkelingsperspectief, frozenset]:
    """The OPP and the reader's relations to it (the core's ``zaak_of_404``), its clocks read once (``Zaak.klokken``)."""
    opp, rel = zaak_of_404(request.user, Ontwikkelingsperspectief, pk)
    return sel.met_klokken(opp), rel


def _voor_school(request, pk) -> Ontwikkelingsperspectief:
    """The OPP's own school only (the core's relation "school"); 404 for every other reader."""
    opp, rel = _opp_of_404(request, pk)
    if "school" not in rel:
        raise Http404
    return opp


def _lezer(rel) -> dict:
    """How the page reads for these relations: the school's page, the family's page (plain words), or read-only (the
    SWV, a bestuurder who signs, a helper the parents chose)."""
    school = "school" in rel
    gezin = not school and is_gezin(rel)
    return {"rel": rel, "is_school": school, "gezin": gezin, "lezer": not (school or gezin)}


def _fout(form, exc: ZaakFout) -> None:
    """A refused action: the message at the field the service names (or on top), and each missing element by name."""
    veld = getattr(exc, "veld", None)
    form.add_error(veld if veld in form.fields else None, str(exc))
    for regel in getattr(exc, "ontbreekt", []):
        form.add_error(None, regel)


# --- lists --------------------------------------------------------------------------------------------------------

@login_required
def home(request):
    """Staff: the school's overview — 'OPP verplicht, nog niet vastgesteld' with the reason when overdue, the pupils
    who still need an OPP, the set OPPs with their next evaluation, the ROD export. Parents and pupils (12+): their
    OPPs."""
    user = request.user
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    vandaag = timezone.localdate()
    if ids:
        open_lijst = list(sel.nog_niet_vastgesteld(ids)[:200])
        for o in open_lijst:
            o.reden_te_laat = sel.reden_te_laat(o, vandaag)
        kandidaten = list(sel.kandidaten(ids)[:100])
        page = Paginator(sel.vastgestelde(ids), 50).get_page(request.GET.get("pagina"))
        scholen = list(sel.scholen(ids))
        return render(request, "opp/lijst.html", {"open_lijst": open_lijst, "kandidaten": kandidaten, "page": page,
                                                  "scholen": scholen, "vandaag": vandaag})
    if {"ouder", "leerling", "vertegenwoordiger"} & set(user.rollen):
        opps = list(sel.gezin_opps(user))
        is_leerling = "leerling" in user.rollen and not ({"ouder", "vertegenwoordiger"} & set(user.rollen))
        if is_leerling and not opps:
            from portal.zaken import hoorrecht

            leerling = getattr(user, "leerling", None)
            if leerling is None or not hoorrecht.heeft_hoorrecht_account(leerling):
                raise Http404  # a pupil under 12 has no OPP pages of their own (DOMAIN §2)
            # from 12 without an OPP: say so and what it means, not "not found" (issue #22 §2 item 1)
        return render(request, "opp/gezin.html", {"opps": [(o, o.type.stap(o)) for o in opps],
                                                  "is_leerling": is_leerling})
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def nieuw(request):
    """Issue #10 item 1: for a pupil enrolled before the portal was used, start the 6-week term from the enrolment
    date the school enters, or register an OPP that was already set (its document and date; B-5 starts)."""
    if not request.user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise Http404
    qs = sel.start_inschrijvingen(request.user.school_ids(Rol.IB, Rol.DIRECTEUR))
    initial = {}
    gekozen = sel.gekozen(qs, request.GET.get("inschrijving", ""))
    if gekozen is not None:
        initial = {"inschrijving": gekozen, "ingeschreven_op": gekozen.van}
    form = f.StartForm(request.POST or None, request.FILES or None, inschrijvingen=qs, initial=initial)
    hoe = form.cleaned_data["hoe"] if request.method == "POST" and form.is_valid() else None

    def doe(d):
        ins = d["inschrijving"]
        if hoe == f.StartForm.BESTAAND:
            return s.opp_registreer_bestaand(leerling=ins.leerling, school=ins.school, door=request.user,
                                             vastgesteld_op=d["vastgesteld_op"], bestand=d["bestand"],
                                             laatste_evaluatie_op=d.get("laatste_evaluatie_op"))
        if hoe == f.StartForm.EXTRA:
            return s.opp_start_extra_ondersteuning(leerling=ins.leerling, school=ins.school, door=request.user,
                                                   start_op=d["ondersteuning_start"])
        return s.opp_start_handmatig(leerling=ins.leerling, school=ins.school, door=request.user,
                                     ingeschreven_op=d["ingeschreven_op"])

    succes = {f.StartForm.BESTAAND: _("Het bestaande OPP staat in het portaal; de jaarlijkse evaluatie is gepland."),
              f.StartForm.EXTRA: _("Het OPP is gestart. De termijn die de school hanteert loopt vanaf de start van de "
                                   "extra ondersteuning (geen wettelijke termijn).")}.get(
        hoe, _("Het OPP is gestart. De termijn van 6 weken loopt."))
    klaar, opp = verwerk(request, form, doe, succes)
    if klaar:
        return redirect("opp:detail", pk=opp.pk)
    return render(request, "opp/nieuw.html", {"form": form})


@login_required
def rod(request, pk):
    """B-8: the OPPs of a school with their start (first vaststelling) and end date, as CSV for the registration in
    ROD (formerly BRON). Only for the school's own IB'er and directeur; every pupil in it is audited."""
    if pk not in request.user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise Http404
    school = get_object_or_404(sel.scholen([pk]))
    # the one CSV writer: a name that starts like a formula is written as text (issue #19 defect 7)
    response, w = csv_response(f"opp-rod-{school.brin_vestiging}.csv", kop=[
        "brin", "vestiging", "bsn", "achternaam", "voornamen", "geboortedatum", "opp_startdatum", "opp_einddatum",
        "zaak"])
    for o in sel.rod_rijen(school):
        lln = o.leerling
        w.rij([school.brin, school.vestigingsnummer, lln.bsn, " ".join(p for p in [lln.tussenvoegsel, lln.achternaam] if p),
               lln.voornamen, lln.geboortedatum, o.startdatum, o.beeindigd_op, o.pk])
        audit_view(actor=request.user, obj=o, leerling=lln, download=True, omschrijving="ROD-export OPP-data")
    return response


# --- the OPP --------------------------------------------------------------------------------------------------------

TOKENS = "<!--opp:tokens-->"  # in the kept part: where a form's CSRF and once-only token go (a comment no text can be:
# whatever a user typed is escaped)


def _tokens(request, html: str) -> str:
    """The kept part with this request's tokens in its forms: the CSRF token, and a fresh once-only token per form
    (``formulier_token``: one form sent does not refuse the others)."""
    if TOKENS not in html:
        return html
    from django.middleware.csrf import get_token

    from portal.basis.templatetags.formulieren import formulier_token

    csrf = format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))
    stukken = html.split(TOKENS)
    uit = [stukken[0]]
    for stuk in stukken[1:]:
        uit += [csrf, formulier_token({"request": request}), stuk]
    return "".join(uit)


def _inhoud(user, opp, rel, vandaag, gebonden: dict) -> tuple[str, set[int]]:
    """The OPP's page below its title, rendered without the request (its forms' tokens are ``TOKENS``), and the
    accounts whose names it shows (the parents who agree, the authors of the views)."""
    sel.met_klokken(opp)
    lezer = _lezer(rel)
    school, gezin = lezer["is_school"], lezer["gezin"]
    concept, geldend = opp.concept, opp.geldend
    in_behandeling = sel.versie_in_behandeling(opp)
    getoond = concept if concept is not None and (school or opp.status != Status.VASTGESTELD) else geldend
    # the goals read once for the completeness check and the table
    prefetch_related_objects([v for v in (in_behandeling, getoond) if v is not None], "doelen")
    # B-4 / DOMAIN §2: who agrees with the handelingsdeel now (plain words on the family's page); read once
    handelaars = hoorrecht.wie_handelt(opp.leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING, op=vandaag)
    stand = sel.instemming_stand(opp, in_behandeling, vandaag, handelaars) \
        if opp.status in INSTEMMING_LOOPT else None
    ik = sel.instemmer_voor(user, opp, vandaag, mensen=stand.instemmers if stand and stand.instemmers else None) \
        if gezin else None
    instemming_form = None
    if ik is not None and stand is not None:
        instemming_form = gebonden.get("instemming") or f.InstemmingForm(prefix="instemming")
    ontbreekt = []
    if school and in_behandeling is not None:
        ontbreekt = sel.ontbrekend(opp, in_behandeling) + sel.instemming_ontbreekt(
            opp, in_behandeling, vandaag, stand=stand if stand is not None and stand.ronde else None)
    klokken = list(opp.klokken.values())
    meningen = sel.meningen(getoond) if getoond is not None else {"leerling": [], "ouders": []}
    # B-7 and P6: the parents of a minor and the pupil from 12 give their own view; the school enters the pupil's
    # view on their behalf when the pupil has no account of their own from 12
    mag_mening = opp.is_open and (concept is not None or opp.status == Status.OP_TE_STELLEN) and (
        (not school and "ouder" in rel) or (not school and "leerling" in rel and hoorrecht.is_twaalf_plus(opp.leerling))
        or (school and not hoorrecht.heeft_hoorrecht_account(opp.leerling)))
    te_tekenen = sel.te_tekenen(in_behandeling)
    html = render_to_string("opp/_detail_inhoud.html", {
        "opp": opp, **lezer, "in_behandeling": in_behandeling, "handelaars": handelaars,
        "commissie": opp.school.soort in SOORTEN_MET_COMMISSIE,
        "concept": concept, "geldend": geldend, "getoond": getoond, "versies": opp.alle_versies,
        **sel.pagina(opp, getoond),
        "stand": stand, "instemming_form": instemming_form, "ik": ik, "ontbreekt": ontbreekt,
        "klokken": klokken, "b2": opp.klokken.get("B-2"), "stap": opp.type.stap(opp), "meningen": meningen,
        "mag_mening": mag_mening, "form": gebonden.get("document") or f.DocumentForm(),
        "escalatie_url": registry.escalatie_url(opp), "te_tekenen": te_tekenen,
        "mag_tekenen": te_tekenen is not None and sel.mag_tekenen(user, opp),
        "instemming_loopt": opp.status in INSTEMMING_LOOPT, "meerderjarig": hoorrecht.is_meerderjarig(opp.leerling),
        "wet": s.wet_artikel(opp.school),
        "bewerkbaar": school and opp.is_open and opp.status == Status.OP_TE_STELLEN
        and getoond is not None and getoond.is_concept,
    })
    namen = {i.persoon.pk for i in (stand.instemmers if stand else []) if i.persoon is not None}
    namen |= {m.door_id for rij in meningen.values() for m in rij if m.door_id}
    return html, namen


def _detail(request, opp, gebonden: dict | None = None, rel=None):
    """The OPP's page for this reader; ``gebonden``: a refused form shown again (status 200, input kept).

    Issue #23 §1: the page below its title is kept in the cache under the versions of what it shows — the pupil
    (``leerling:<id>``: the OPP, its versions, goals, answers, views, meetings, clocks, documents, decisions), the
    school and the SWV (``org:school:<id>``, ``org:swv:<id>``), the reader's account (``user:<id>``: memberships,
    mandates, a share) and ``alles`` (holidays in the terms) — the reader and their relations, the language and
    today's date. The accounts whose names it shows (the parents who agree, the authors of the views) are checked
    when it is read: a renamed parent shows at once. The forms' tokens are filled in per request (``_tokens``); a
    refused form is never kept."""
    from portal.basis.versie import deel, versie, versies

    gebonden = gebonden or {}
    user = request.user
    if rel is None:  # back from a refused action (``actie_view``)
        rel = frozenset(relaties(user, opp))
    vandaag = timezone.localdate()
    audit_view(actor=user, obj=opp, leerling=opp.leerling, omschrijving="Ontwikkelingsperspectief geopend")
    if gebonden:
        html, _namen = _inhoud(user, opp, rel, vandaag, gebonden)
    else:
        tokens = versie(f"leerling:{opp.leerling_id}", f"org:school:{opp.school_id}", f"user:{user.pk}", "alles",
                        *([f"org:swv:{opp.swv_id}"] if opp.swv_id else []))
        sleutel = (f"{opp.pk}|{user.pk}|{','.join(sorted(rel))}|{get_language()}|{vandaag.isoformat()}|{tokens}")

        gemaakt = []

        def maak() -> str:
            # the OPP, its pupil and school read again after the versions (read before them, a change committed
            # in between would be kept under the new versions)
            vers = Ontwikkelingsperspectief.objects.select_related("leerling", "school", "school__bestuur", "swv") \
                .filter(pk=opp.pk).first() or opp
            html, namen = _inhoud(user, vers, rel, vandaag, {})
            gemaakt.append(True)
            return f"{_namen_kop(versies(*(f'user:{i}' for i in sorted(namen))))}\n{html}"

        kop, html = deel("opp_detail", sleutel, maak).split("\n", 1)
        # read from the cache (not just made: with Redis down every version read is a new token)
        if kop and not gemaakt and (nu := _namen_kop(versies(*(d.split("=")[0] for d in kop.split(","))))) != kop:
            # an account it names was renamed since it was kept: the part under these accounts' versions too
            html = deel("opp_detail", f"{sleutel}|{nu}", maak).split("\n", 1)[1]
    lezer = _lezer(rel)
    return render(request, "opp/detail.html", {
        "opp": opp, "gezin": lezer["gezin"], "inhoud": mark_safe(_tokens(request, html)),  # noqa: S308 (our render)
        "fout_in_formulier": bool(gebonden)})


def _namen_kop(tokens: dict) -> str:
    return ",".join(f"{k}={v}" for k, v in tokens.items())


@login_required
def detail(request, pk):
    opp, rel = zaak_of_404(request.user, Ontwikkelingsperspectief, pk)  # its clocks only when rendered (``_inhoud``)
    return _detail(request, opp, rel=rel)


# The POST actions on the OPP's page that go back to it with a refused form (the core's page kit).
ACTIES = {
    "document": Actie(
        form=lambda data, files, zaak, request: f.DocumentForm(data, files), mag=frozenset({"school"}),
        doe=lambda request, zaak, d, form: s.opp_document_voeg_toe(opp=zaak, bestand=d["bestand"], door=request.user),
        succes=_l("Het document is toegevoegd.")),
}
actie = actie_view(Ontwikkelingsperspectief, ACTIES, _detail)


def _niet_bewerkbaar(request, opp):
    """Editing pages exist while the OPP is drafted; otherwise back to the OPP with the reason."""
    if opp.is_open and opp.status == Status.OP_TE_STELLEN:
        return None
    messages.error(request, _("Het concept ligt ter instemming of er is geen concept in voorbereiding. Kies eerst "
                              "'Concept wijzigen' of 'Nieuwe versie maken'."))
    return redirect("opp:detail", pk=opp.pk)


@login_required
@require_http_methods(["GET", "POST"])
def perspectief(request, pk):
    opp = _voor_school(request, pk)
    if (terug := _niet_bewerkbaar(request, opp)) is not None:
        return terug
    concept = opp.concept
    velden = list(f.PerspectiefForm.base_fields)
    initial = {v: getattr(concept, v) for v in velden} if concept else {}
    form = f.PerspectiefForm(request.POST or None, school=opp.school, initial=initial)
    klaar, _uit = verwerk(request, form, lambda d: s.versie_bewerk(opp=opp, door=request.user, **d),
                          _("Het perspectief is opgeslagen."))
    if klaar:
        return redirect("opp:detail", pk=opp.pk)
    return render(request, "opp/bewerk.html", {"opp": opp, "form": form, "titel": _("Perspectief")})


@login_required
@require_http_methods(["GET", "POST"])
def handelingsdeel(request, pk):
    opp = _voor_school(request, pk)
    if (terug := _niet_bewerkbaar(request, opp)) is not None:
        return terug
    concept = opp.concept
    velden = ["ondersteuning", "afwijkingen", "geen_afwijkingen", "taakverdeling"]
    initial = {v: getattr(concept, v) for v in velden} if concept else {}
    if concept is not None:
        initial["arrangementen"] = sel.gekozen_arrangementen(concept)
    form = f.HandelingsdeelForm(request.POST or None, arrangementen=sel.arrangementen_keuze(opp), initial=initial,
                                regulier=opp.school.soort in REGULIER)

    def doe(d):
        d = dict(d)
        arrangementen = d.pop("arrangementen")
        s.versie_bewerk(opp=opp, door=request.user, **d)
        s.arrangementen_kies(opp=opp, door=request.user, arrangementen=arrangementen)

    klaar, _uit = verwerk(request, form, doe, _("Het handelingsdeel is opgeslagen."))
    if klaar:
        return redirect("opp:detail", pk=opp.pk)
    return render(request, "opp/bewerk.html", {"opp": opp, "form": form, "titel": _("Handelingsdeel"),
                                               "arrangement_link": True})


def _doel_form(request, opp, doel):
    initial = {k: getattr(doel, k) for k in s.DOEL_VELDEN} if doel else {}
    form = f.DoelForm(request.POST or None, initial=initial)
    klaar, _uit = verwerk(request, form, lambda d: s.doel_bewaar(opp=opp, door=request.user, doel=doel, **d),
                          _("Het doel is opgeslagen."))
    if klaar:
        return redirect(f"{opp.get_absolute_url()}#doelen")
    return render(request, "opp/doel.html", {"opp": opp, "form": form, "doel": doel})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def doel_nieuw(request, pk):
    opp = _voor_school(request, pk)
    if (terug := _niet_bewerkbaar(request, opp)) is not None:
        return terug
    return _doel_form(request, opp, None)


def _doel_or_404(opp, doel_pk):
    return get_object_or_404(sel.concept_doelen(opp), pk=doel_pk)


@login_required
@require_http_methods(["GET", "POST"])
def doel(request, pk, doel_pk):
    opp = _voor_school(request, pk)
    d = _doel_or_404(opp, doel_pk)
    if (terug := _niet_bewerkbaar(request, opp)) is not None:
        return terug
    return _doel_form(request, opp, d)


@login_required
@require_POST
def doel_verwijder(request, pk, doel_pk):
    opp = _voor_school(request, pk)
    d = _doel_or_404(opp, doel_pk)
    knop(request, lambda: s.doel_verwijder(opp=opp, door=request.user, doel=d), _("Het doel is verwijderd."))
    return redirect(f"{opp.get_absolute_url()}#doelen")


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def overleg(request, pk):
    """OOGO (B-4): the school records the meeting with the parents."""
    opp = _voor_school(request, pk)
    if not opp.is_open:
        raise Http404
    form = f.OverlegForm(request.POST or None, initial={"datum": timezone.localdate()})
    klaar, _uit = verwerk(request, form, lambda d: s.overleg_leg_vast(opp=opp, door=request.user, **d),
                          _("Het overleg is vastgelegd. De ouders kunnen het lezen."))
    if klaar:
        return redirect(f"{opp.get_absolute_url()}#overleg")
    return render(request, "opp/overleg.html", {"opp": opp, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def mening(request, pk):
    """The pupil's view (B-7): by the pupil from 12 with an account; below 12 entered on the pupil's behalf by the
    school. The parents add their own view (P6)."""
    opp, rel = _opp_of_404(request, pk)
    # whose voice the page has: the school's (on the pupil's behalf), the pupil's own, or a parent's
    stem = "school" if "school" in rel else "leerling" if "leerling" in rel else "ouder" if rel & {
        "ouder", "ouder_inzage"} else None
    if stem is None or "vertegenwoordiger" in rel or not opp.is_open:
        raise Http404
    form = f.InbrengForm(request.POST or None, rol=stem)
    klaar, _uit = verwerk(request, form, lambda d: s.inbreng_leg_vast(
        opp=opp, door=request.user, tekst=d["tekst"], hoe_gevraagd=d.get("hoe_gevraagd", ""),
        geen_mening=bool(d.get("geen_mening"))),
        _("Dank je. Je mening staat bij je plan.") if stem == "leerling" else _("De mening is vastgelegd."))
    if klaar:
        return redirect(f"{opp.get_absolute_url()}#meningen")
    return render(request, "opp/mening.html", {"opp": opp, "form": form, "rol": stem,
                                               "door_leerling_zelf": sel.mening_door_leerling_zelf(opp)})


@login_required
@require_POST
def voorleggen(request, pk):
    opp = _voor_school(request, pk)
    try:
        s.opp_leg_voor(opp=opp, door=request.user)
    except ZaakFout as exc:
        messages.error(request, " ".join([str(exc), *exc.ontbreekt]))
    else:
        messages.success(request, _("Het handelingsdeel is ter instemming voorgelegd. De ouders krijgen een melding."))
    return redirect("opp:detail", pk=opp.pk)


@login_required
@require_POST
def herzien(request, pk):
    opp = _voor_school(request, pk)
    knop(request, lambda: s.opp_herzie(opp=opp, door=request.user),
         _("U kunt het concept nu wijzigen. Leg het daarna opnieuw ter instemming voor; eerdere antwoorden tellen dan "
           "niet meer."))
    return redirect("opp:detail", pk=opp.pk)


@login_required
@require_POST
@eenmalig
def instemming(request, pk):
    """Whoever acts for the pupil agrees or refuses (B-4): a parent with gezag of a minor, the adult pupil, or their
    curator or mentor. A refused form (e.g. the click of a pupil under curatele) comes back with 200."""
    opp, rel = _opp_of_404(request, pk)
    if "school" in rel or not is_gezin(rel):
        raise Http404
    form = f.InstemmingForm(request.POST, prefix="instemming")
    ingestemd = form.is_valid() and form.cleaned_data["keuze"] == Keuze.INGESTEMD
    klaar, _uit = verwerk(request, form, lambda d: s.instemming_geef(opp=opp, door=request.user, keuze=d["keuze"],
                                                                     toelichting=d["toelichting"]),
                          _("Dank u. Uw instemming is vastgelegd.") if ingestemd
                          else _("Uw antwoord is vastgelegd. De school krijgt bericht en praat met u verder."))
    if klaar:
        return redirect("opp:detail", pk=opp.pk)
    opp, rel = _opp_of_404(request, pk)
    return _detail(request, opp, {"instemming": form}, rel=rel)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def papier(request, pk):
    """The IB'er records an instemming given on paper, with the signed form (after re-authentication: a legal act
    recorded on someone else's behalf)."""
    opp = _voor_school(request, pk)
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    zelf = hoorrecht.wie_handelt(opp.leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING).soort == "leerling"
    form = f.PapierForm(request.POST or None, request.FILES or None, leerling_zelf=zelf)
    klaar, _uit = verwerk(request, form, lambda d: s.instemming_op_papier(
        opp=opp, door=request.user, keuze=d["keuze"], datum=d["datum"], bestand=d["bestand"], naam=d.get("naam", ""),
        toelichting=d.get("toelichting", "")), _("De instemming op papier is vastgelegd, met het formulier."))
    if klaar:
        return redirect("opp:detail", pk=opp.pk)
    return render(request, "opp/papier.html", {"opp": opp, "form": form, "zelf": zelf})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def vaststellen(request, pk):
    """The completeness check and the preparation of the vaststelling (B-3, B-4, B-7): every missing element by name;
    when complete, the decision goes to someone with a mandate, who signs it on the core's page."""
    opp = _voor_school(request, pk)
    concept = sel.versie_in_behandeling(opp)  # B-4: also the set version whose handelingsdeel waits for instemming
    if not opp.is_open or concept is None:
        messages.error(request, _("Er is geen concept om vast te stellen."))
        return redirect("opp:detail", pk=opp.pk)
    eerste = sel.vorige_versie(concept) is None
    form = f.VaststellingForm(request.POST or None, eerste=eerste,
                              initial={"uitleg_mening": concept.uitleg_mening, "wat_veranderde": concept.wat_veranderde})
    alleen_perspectief = request.method == "POST" and "alleen_perspectief" in request.POST
    if request.method == "POST" and form.is_valid():
        uitleg, wat = form.cleaned_data["uitleg_mening"], form.cleaned_data.get("wat_veranderde", "")
        try:
            if concept.is_concept:
                s.vaststelling_teksten_bewaar(opp=opp, door=request.user, uitleg_mening=uitleg, wat_veranderde=wat)
            besluit = s.vaststelling_bereid_voor(opp=opp, door=request.user, uitleg_mening=uitleg, wat_veranderde=wat,
                                                 alleen_perspectief=alleen_perspectief)
        except ZaakFout as exc:
            _fout(form, exc)
        else:
            if sel.mag_tekenen(request.user, opp):
                return redirect("zaken:ondertekenen", pk=besluit.pk)
            messages.success(request, _("De vaststelling is voorbereid. Wie mag tekenen, krijgt een melding."))
            return redirect("opp:detail", pk=opp.pk)
    vandaag = timezone.localdate()
    ontbreekt = sel.ontbrekend(opp, concept) + sel.instemming_ontbreekt(opp, concept, vandaag)
    # B-4: without instemming the perspective part alone can be set within the term (the uitleg is in the form)
    kan_alleen_perspectief = bool(ontbreekt) and not s.alleen_perspectief_ontbreekt(opp, concept, uitleg_mening="-")
    return render(request, "opp/vaststellen.html", {
        "opp": opp, "form": form, "concept": concept, "ontbreekt": ontbreekt, "meningen": sel.meningen(concept),
        "kan_alleen_perspectief": kan_alleen_perspectief,
        "handelingsdeel_later": not concept.is_concept})


def _versie_or_404(opp, nummer):
    return get_object_or_404(sel.versies(opp), nummer=nummer)


@login_required
def versie(request, pk, nummer):
    """One version with the differences from the version before it: parents and (from 12) the pupil see all
    versions (issue #10 item 6)."""
    opp, rel = _opp_of_404(request, pk)
    v = _versie_or_404(opp, nummer)
    vorige = sel.vorige_versie(v)
    audit_view(actor=request.user, obj=v, leerling=opp.leerling, omschrijving=f"OPP versie {v.nummer} bekeken")
    return render(request, "opp/versie.html", {
        "opp": opp, "v": v, "vorige": vorige, "verschil": sel.verschillen(vorige, v), "doelen": sel.doelen(v),
        "arrangementen": sel.arrangement_namen(v), "meningen": sel.meningen(v), "instemmingen": sel.instemmingen(v),
        **_lezer(rel), "versies": opp.alle_versies})


@login_required
def pdf(request, pk, nummer):
    """A version as PDF (``opp.pdf.versie_pdf``), audited as a download."""
    opp, _rel = _opp_of_404(request, pk)
    v = _versie_or_404(opp, nummer)
    inhoud, naam = versie_pdf(opp, v)
    audit_view(actor=request.user, obj=v, leerling=opp.leerling, download=True, omschrijving=f"OPP versie {v.nummer} (PDF)")
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{naam}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def evaluatie(request, pk):
    """B-5: the evaluation with the parents — progress per goal, what changed; closes this year's term."""
    opp = _voor_school(request, pk)
    geldend = opp.geldend
    if not opp.is_open or geldend is None:
        messages.error(request, _("Er geldt nog geen OPP om te evalueren."))
        return redirect("opp:detail", pk=opp.pk)
    doelen = sel.doelen(geldend)
    form = f.EvaluatieForm(request.POST or None, doelen=doelen, initial={"datum": timezone.localdate()})
    klaar, _uit = verwerk(request, form, lambda d: s.evaluatie_leg_vast(
        opp=opp, door=request.user, datum=d["datum"], deelnemers=d["deelnemers"], wat_veranderde=d["wat_veranderde"],
        vervolg=d["vervolg"], voortgang=form.voortgang()),
        _("De evaluatie is vastgelegd. De volgende evaluatie staat gepland."))
    if klaar:
        return redirect(f"{opp.get_absolute_url()}#evaluaties")
    return render(request, "opp/evaluatie.html", {"opp": opp, "form": form, "geldend": geldend, "b5": opp.klokken.get("B-5")})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def beeindigen(request, pk):
    """End the OPP (B-8: its end date), after re-authentication."""
    opp = _voor_school(request, pk)
    if not opp.is_open:
        raise Http404
    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    form = f.BeeindigForm(request.POST or None, initial={"op": timezone.localdate()})
    klaar, _uit = verwerk(request, form, lambda d: s.opp_beeindig(opp=opp, door=request.user, op=d["op"],
                                                                  reden=d["reden"]), _("Het OPP is beëindigd."))
    if klaar:
        return redirect("opp:detail", pk=opp.pk)
    return render(request, "opp/beeindigen.html", {"opp": opp, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def commissie(request, pk):
    """(v)so: the school records what the commissie voor de begeleiding gave (WEC 40b lid 2): advice on the OPP, its
    yearly evaluation (B-5b), advice on terugplaatsing. Other schools have no such commissie: back to the OPP."""
    opp = _voor_school(request, pk)
    if not opp.is_open:
        raise Http404
    if opp.school.soort not in SOORTEN_MET_COMMISSIE:
        messages.error(request, _("Een commissie voor de begeleiding is er alleen op een school voor (voortgezet) "
                                  "speciaal onderwijs."))
        return redirect("opp:detail", pk=opp.pk)
    form = f.CommissieForm(request.POST or None, request.FILES or None, initial={"datum": timezone.localdate()})
    klaar, _uit = verwerk(request, form, lambda d: s.commissie_advies_leg_vast(
        opp=opp, door=request.user, soort=d["soort"], datum=d["datum"], tekst=d["tekst"], bestand=d.get("bestand")),
        _("Het advies van de commissie voor de begeleiding is vastgelegd."))
    if klaar:
        return redirect(f"{opp.get_absolute_url()}#commissie")
    return render(request, "opp/commissie.html", {"opp": opp, "form": form, "b5b": opp.klokken.get("B-5b")})
