"""The arrangement: the offer with its parts, funders, build-up and evaluations (P5, S5). The school composes and
offers it; whoever acts for the pupil agrees or disagrees; the SWV reads it when it pays or provides a part."""

from types import SimpleNamespace

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from portal.audit.services import audit_view
from portal.basis.params import id_param
from portal.documenten.pdf import render_pdf
from portal.organisaties import wetgeving
from portal.zaken import hoorrecht, registry
from portal.zaken.pagina import GEZIN, HANDELT, Actie, actie_view, eenmalig, knop, verwerk, zaak_of_404
from portal.zaken.services import ZaakFout, relaties

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from ..constants import Status
from ..models import Arrangement, Onderdeel

SCHOOL = frozenset({"school"})


def _arrangement_school(user, pk) -> Arrangement:
    """An arrangement the user may change: the core's relation "school" (its school's IB'er or directeur)."""
    a, rel = zaak_of_404(user, Arrangement, pk)
    if "school" not in rel:
        raise Http404
    return a


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def nieuw(request):
    """The IB'er opens an arrangement for a pupil of the school; from a zorgplicht file with ``?hoofdzaak=<pk>``
    (the aanmelding), so the offer belongs to that aanmelding."""
    scholen = list(sel.eigen_scholen(request.user))
    if not scholen:
        raise Http404
    hoofdzaak = None
    if request.GET.get("hoofdzaak") or request.POST.get("hoofdzaak"):
        hz = id_param(request.GET, "hoofdzaak") or id_param(request.POST, "hoofdzaak")
        hoofdzaak = s.hoofdzaak_voor(user=request.user, pk=hz) if hz else None
        if hoofdzaak is None:
            raise Http404
    school = hoofdzaak.school if hoofdzaak else scholen[0]
    keuze = id_param(request.GET, "school") or id_param(request.POST, "school")
    if hoofdzaak is None and len(scholen) > 1 and keuze:
        school = next((x for x in scholen if x.pk == keuze), school)
    if hoofdzaak is not None:
        leerlingen = sel.leerling_van(hoofdzaak)
    else:
        leerlingen = sel.leerlingen_voor_arrangement(school)
    initial = {"startdatum": timezone.localdate(), "evaluatie_weken": 6}
    if hoofdzaak is not None:
        initial |= {"leerling": hoofdzaak.leerling_id} | sel.bevindingen(hoofdzaak)
    form = f.ArrangementNieuwForm(request.POST or None, leerlingen=leerlingen, school=school, initial=initial)
    klaar, a = verwerk(request, form, lambda d: s.arrangement_open(
        leerling=d["leerling"], school=school, door=request.user, hoofdzaak=hoofdzaak,
        **{k: v for k, v in d.items() if k != "leerling"}),
        _("Het arrangement staat klaar als concept. Voeg de onderdelen toe en leg het daarna aan de ouders voor."))
    if klaar:
        return redirect("ondersteuning:detail", pk=a.pk)
    return render(request, "ondersteuning/nieuw.html", {"form": form, "hoofdzaak": hoofdzaak, "school": school,
                                                        "scholen": scholen})


def _detail(request, a: Arrangement, gebonden: dict | None = None, rel=None):
    gebonden = gebonden or {}
    user = request.user
    rel = frozenset(relaties(user, a)) if rel is None else rel
    is_school = "school" in rel
    gezin = not is_school and bool(rel & GEZIN)
    zelf = gezin and "leerling" in rel  # the pupil's own account
    handelt = gezin and bool(rel & HANDELT)
    onderdelen = sel.onderdelen_van(a)
    if is_school and a.status == Status.CONCEPT:
        for o in onderdelen:
            o.f_opbouw = gebonden.get(f"opbouw-{o.pk}") or f.OpbouwstapForm(prefix=f"opbouw-{o.pk}")
    huidige = s.reacties_op_versie(a)
    verslagen = sel.verslagen_van(a)
    partij = s.partij_van(a, rel)
    for g in verslagen:
        if partij and not any(r.partij == partij and r.bevestigd for r in g.reacties.all()):
            g.f_reactie = gebonden.get(f"verslag-{g.pk}") or f.VerslagReactieForm(prefix=f"verslag-{g.pk}")
    klokken = a.klokken
    reactie_form = vastleggen_form = evaluatie_form = None
    if handelt and a.status == Status.AANGEBODEN:
        reactie_form = gebonden.get("reactie") or f.ReactieForm(prefix="reactie")
    if is_school and a.status == Status.AANGEBODEN and not s.handelaars(a.leerling):
        vastleggen_form = gebonden.get("reactie_vastleggen") or f.ReactieVastleggenForm(prefix="vastleggen")
    if is_school and a.status == Status.AKKOORD:
        evaluatie_form = gebonden.get("evaluatie") or f.EvaluatieForm(prefix="evaluatie",
                                                                     initial={"datum": timezone.localdate()})
    twaalf = sel.is_twaalf_plus(a.leerling)
    mag_mening = a.status != Status.BEEINDIGD and (
        (zelf and twaalf) or (is_school and not (a.leerling.account_id and twaalf)))
    s5 = klokken.get("S-5")
    audit_view(actor=user, obj=a, leerling=a.leerling, omschrijving="Arrangement bekeken")
    return render(request, "ondersteuning/detail.html", sel.arrangement_verloop(a) | {
        "a": a, "rel": rel, "is_school": is_school, "gezin": gezin, "zelf": zelf, "lezer": not (is_school or gezin),
        "handelt": handelt, "wie_handelt": hoorrecht.wie_handelt(a.leerling, onderwerp=s.ONDERWERP),
        "onderdelen": onderdelen, "mijn_reactie": huidige.get(user.pk), "huidige_reacties": list(huidige.values()),
        "verslagen": verslagen, "stap": a.type.stap(a), "klokken": [s5] if s5 and not gezin else [],
        "reactie_form": reactie_form, "evaluatie_form": evaluatie_form, "vastleggen_form": vastleggen_form,
        "knop_fouten": [e for k in ("aanbieden", "wijzigen", "beeindigen") if k in gebonden
                        for e in gebonden[k].non_field_errors()],
        "blad": sel.blad_of_none(a.leerling, a.school), "mag_mening": mag_mening,
        "escalatie_url": registry.escalatie_url(a), "fout_in_formulier": bool(gebonden), "partij": partij,
        "gedeeltelijk": [o for o in onderdelen if o.gedeeltelijk_rooster],
        "wet_zorgplicht": wetgeving.artikel(a.school, "zorgplicht"),
    })


@login_required
def detail(request, pk):
    a, rel = zaak_of_404(request.user, Arrangement, pk, "hoofdzaak")
    return _detail(request, a, rel=rel)


@login_required
@require_http_methods(["GET", "POST"])
def bewerk(request, pk):
    a = _arrangement_school(request.user, pk)
    form = f.ArrangementForm(request.POST or None, school=a.school,
                             initial={v: getattr(a, v) for v in s.ARRANGEMENT_VELDEN})
    klaar, _uit = verwerk(request, form, lambda d: s.arrangement_bewerk(arrangement=a, door=request.user, **d),
                          _("Het aanbod is bijgewerkt."))
    if klaar:
        return redirect("ondersteuning:detail", pk=a.pk)
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Arrangement bewerken")
    return render(request, "ondersteuning/bewerk.html", {"a": a, "form": form})


def _onderdeel_pagina(request, a, onderdeel=None):
    initial = {"start": a.startdatum, "eind": a.einddatum}
    if onderdeel is not None:
        initial = {v: getattr(onderdeel, v) for v in s.ONDERDEEL_VELDEN}
    form = f.OnderdeelForm(request.POST or None, school=a.school, initial=initial)
    klaar, _uit = verwerk(request, form, lambda d: s.onderdeel_bewaar(arrangement=a, door=request.user,
                                                                      onderdeel=onderdeel, **d),
                          _("Het onderdeel is opgeslagen."))
    if klaar:
        return redirect(reverse("ondersteuning:detail", args=[a.pk]) + "#onderdelen")
    return render(request, "ondersteuning/onderdeel.html", {"a": a, "form": form, "onderdeel": onderdeel})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def onderdeel_nieuw(request, pk):
    return _onderdeel_pagina(request, _arrangement_school(request.user, pk))


def _onderdeel_of_404(user, pk) -> Onderdeel:
    o = sel.onderdeel_of_404(pk)
    o.arrangement = _arrangement_school(user, o.arrangement_id)
    return o


@login_required
@require_http_methods(["GET", "POST"])
def onderdeel(request, pk):
    o = _onderdeel_of_404(request.user, pk)
    return _onderdeel_pagina(request, o.arrangement, o)


@login_required
@require_POST
def onderdeel_weg(request, pk):
    o = _onderdeel_of_404(request.user, pk)
    knop(request, lambda: s.onderdeel_verwijder(onderdeel=o, door=request.user), _("Het onderdeel is verwijderd."))
    return redirect(reverse("ondersteuning:detail", args=[o.arrangement_id]) + "#onderdelen")


@login_required
@require_POST
@eenmalig
def opbouwstap(request, pk):
    o = _onderdeel_of_404(request.user, pk)
    prefix = f"opbouw-{o.pk}"
    form = f.OpbouwstapForm(request.POST, prefix=prefix)
    klaar, _uit = verwerk(request, form, lambda d: s.opbouwstap_voeg_toe(onderdeel=o, door=request.user, **d),
                          _("De stap staat in het opbouwschema."))
    if klaar:
        return redirect(reverse("ondersteuning:detail", args=[o.arrangement_id]) + f"#onderdeel-{o.pk}")
    return _detail(request, o.arrangement, gebonden={prefix: form})


@login_required
@require_POST
def opbouwstap_weg(request, pk):
    stap = sel.opbouwstap_of_404(pk)
    o = _onderdeel_of_404(request.user, stap.onderdeel_id)
    try:
        s.opbouwstap_verwijder(stap=stap, door=request.user)
    except ZaakFout as exc:
        messages.error(request, str(exc))
    return redirect(reverse("ondersteuning:detail", args=[o.arrangement_id]) + f"#onderdeel-{o.pk}")


# --- the actions on the arrangement page, declared (portal.zaken.pagina) -----------------------------------------

def _knop(data, files, zaak, request):
    return forms.Form(data)


def _naar(anker):
    return lambda a: reverse("ondersteuning:detail", args=[a.pk]) + anker


ACTIES = {
    "aanbieden": Actie(
        form=_knop, mag=SCHOOL, doe=lambda r, a, d, form: s.arrangement_bied_aan(arrangement=a, door=r.user),
        succes=_l("Het aanbod is aan de ouders voorgelegd. Zij krijgen een melding.")),
    "wijzigen": Actie(
        form=_knop, mag=SCHOOL, doe=lambda r, a, d, form: s.arrangement_wijzig(arrangement=a, door=r.user),
        succes=_l("Er is een nieuwe versie van het aanbod. Pas het aan en leg het opnieuw aan de ouders voor.")),
    "beeindigen": Actie(
        form=_knop, mag=SCHOOL, doe=lambda r, a, d, form: s.arrangement_beeindig(arrangement=a, door=r.user),
        succes=_l("Het arrangement is afgesloten.")),
    # Whoever acts for the pupil agrees or disagrees with the offer: the parents of a minor; from 18 the pupil, or
    # their curator or mentor (issue 17 §1).
    "reactie": Actie(
        form=lambda data, files, a, r: f.ReactieForm(data, prefix="reactie"), mag=HANDELT,
        doe=lambda r, a, d, form: s.arrangement_reageer(arrangement=a, door=r.user, akkoord=d["akkoord"],
                                                        reden=d["reden"]),
        succes=_l("Uw reactie is vastgelegd en de school is op de hoogte."), naar=_naar("#aanbod")),
    # The IB'er records the answer of parents who have no account (on paper, in a conversation).
    "reactie_vastleggen": Actie(
        form=lambda data, files, a, r: f.ReactieVastleggenForm(data, prefix="vastleggen"), mag=SCHOOL,
        doe=lambda r, a, d, form: s.arrangement_reactie_vastleggen(arrangement=a, door=r.user, akkoord=d["akkoord"],
                                                                   reden=d["reden"], hoe=d["hoe"]),
        succes=_l("De reactie van de ouders is vastgelegd."), naar=_naar("#aanbod")),
    "evaluatie": Actie(
        form=lambda data, files, a, r: f.EvaluatieForm(data, prefix="evaluatie"), mag=SCHOOL,
        doe=lambda r, a, d, form: s.evaluatie_leg_vast(arrangement=a, door=r.user, **d),
        succes=_l("De evaluatie is vastgelegd."), naar=_naar("#evaluaties")),
}
actie = actie_view(Arrangement, ACTIES, _detail)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def mening(request, pk):
    """The pupil's view on the support offered (B-7): the pupil from 12 gives it; the IB'er enters it on behalf of a
    younger pupil (or one without an account), marked as such."""
    a, rel = zaak_of_404(request.user, Arrangement, pk)
    twaalf = sel.is_twaalf_plus(a.leerling)
    if "school" not in rel and "leerling" in rel and twaalf:
        namens = False
    elif "school" in rel and not (twaalf and a.leerling.account_id):
        namens = True
    else:
        raise Http404
    form = f.MeningForm(request.POST or None, namens=namens)
    klaar, _uit = verwerk(request, form, lambda d: s.mening_leg_vast(arrangement=a, door=request.user, tekst=d["tekst"],
                                                                     hoe_gevraagd=d.get("hoe_gevraagd", "")),
                          _("Dank je. Je mening is vastgelegd.") if not namens else
                          _("De mening van de leerling is vastgelegd, gemarkeerd als 'namens de leerling'."))
    if klaar:
        return redirect(reverse("ondersteuning:detail", args=[a.pk]) + "#mening")
    audit_view(actor=request.user, obj=a, leerling=a.leerling, omschrijving="Mening leerling")
    return render(request, "ondersteuning/mening.html", {"a": a, "form": form, "namens": namens})


@login_required
def pdf(request, pk):
    """The arrangement as a tagged PDF/A (for a meeting, or the parents' own file)."""
    a, _rel = zaak_of_404(request.user, Arrangement, pk)
    inhoud = render_pdf("ondersteuning/pdf/arrangement.html", sel.arrangement_verloop(a, meningen=3, evaluaties=5) | {
        "zaak": a, "a": a, "onderdelen": sel.onderdelen_van(a), "titel": _("Arrangement"),
        "brief": SimpleNamespace(aangemaakt_op=timezone.now()), "s5": a.klokken.get("S-5"),
        "reacties": s.reacties_op_versie(a).values()})
    audit_view(actor=request.user, obj=a, leerling=a.leerling, download=True, omschrijving="Arrangement (PDF)")
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arrangement-{a.pk}.pdf"'
    return response
