"""The accommodations sheet (S4): what every teacher of the pupil must know and do. The school composes it with the
parents (and the pupil from 12), sets a version in force, and every teacher confirms they read it. A teacher's page
lists their pupils and the state of each sheet for them."""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.documenten.pdf import render_pdf
from portal.zaken.pagina import HANDELT, eenmalig, knop, verwerk
from portal.zaken.services import ZaakFout

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from ..constants import BladStatus
from ..models import Aanpassingenblad, BladVersie


def _blad(user, pk) -> tuple[Aanpassingenblad, frozenset]:
    """The sheet if the access rule lets the user see it (404 otherwise), and the reader's relations to it."""
    blad = sel.blad_of_404(user, pk)
    return blad, sel.blad_relaties(user, blad)


def _blad_school(user, pk) -> Aanpassingenblad:
    blad, rel = _blad(user, pk)
    if "school" not in rel:
        raise Http404
    return blad


def _concept_van(blad) -> BladVersie:
    v = sel.concept_van(blad)
    if v is None:
        raise Http404
    return v


@login_required
@require_POST
@eenmalig
def blad_nieuw(request):
    scholen = list(sel.eigen_scholen(request.user))
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
    except ZaakFout as exc:
        messages.error(request, str(exc))
        blad = sel.blad_of_none(leerling, school)
        return redirect("ondersteuning:blad", pk=blad.pk) if blad else redirect("ondersteuning:home")
    return redirect("ondersteuning:blad", pk=v.blad_id)


def _blad_pagina(request, blad, rel, gebonden: dict | None = None):
    gebonden = gebonden or {}
    user = request.user
    is_school = "school" in rel
    zelf = not is_school and "leerling" in rel  # the pupil's own account
    ouder = not (is_school or zelf) and bool(rel & HANDELT)  # acts for the pupil: a parent, a curator or mentor
    leerkracht = "leerkracht" in rel
    versies = sel.blad_versies(blad)
    geldend = next((v for v in versies if v.status == BladStatus.GELDT), None)
    concept = next((v for v in versies if v.is_concept), None)
    ctx = {"blad": blad, "rel": rel, "is_school": is_school, "zelf": zelf, "ouder": ouder, "leerkracht": leerkracht,
           "geldend": geldend, "twaalf": sel.is_twaalf_plus(blad.leerling), "fout_in_formulier": bool(gebonden)}
    if leerkracht:
        concept = None  # a teacher sees the version in force only
        ctx["gelezen"] = geldend is not None and sel.heeft_gelezen(geldend, user)
        ctx["vorige"] = next((v for v in versies if v.status == BladStatus.VERVANGEN), None)
    if not is_school and concept is not None and concept.voorgelegd_op is None:
        concept = None  # the family sees a concept once it is put before them
    ctx["concept"] = concept
    if is_school:
        leerkrachten = sel.leerkrachten_van(blad.leerling, blad.school)
        gelezen = sel.kennisnames_van(geldend) if geldend else {}
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
    b, rel = _blad(request.user, pk)
    return _blad_pagina(request, b, rel)


@login_required
@require_POST
@eenmalig
def blad_versie(request, pk):
    b = _blad_school(request.user, pk)
    knop(request, lambda: s.blad_nieuwe_versie(blad=b, door=request.user),
         _("Er is een nieuwe conceptversie, een kopie van de versie die nu geldt."))
    return redirect("ondersteuning:blad", pk=b.pk)


@login_required
@require_POST
@eenmalig
def afspraak(request, pk):
    b = _blad_school(request.user, pk)
    form = f.AfspraakForm(request.POST, prefix="afspraak")
    klaar, _uit = verwerk(request, form, lambda d: s.afspraak_voeg_toe(versie=_concept_van(b), door=request.user, **d),
                          _("De afspraak staat op het concept."))
    if klaar:
        return redirect(reverse("ondersteuning:blad", args=[b.pk]) + "#concept")
    return _blad_pagina(request, b, sel.blad_relaties(request.user, b), gebonden={"afspraak": form})


@login_required
@require_POST
def afspraak_weg(request, pk):
    x = sel.afspraak_of_404(pk)
    b = _blad_school(request.user, x.versie.blad_id)
    try:
        s.afspraak_verwijder(afspraak=x, door=request.user)
    except ZaakFout as exc:
        messages.error(request, str(exc))
    return redirect(reverse("ondersteuning:blad", args=[b.pk]) + "#concept")


@login_required
@require_POST
def blad_voorleggen(request, pk):
    b = _blad_school(request.user, pk)
    knop(request, lambda: s.blad_leg_voor(versie=_concept_van(b), door=request.user),
         _("De ouders (en de leerling vanaf 12 jaar) kunnen de afspraken nu bekijken en akkoord geven."))
    return redirect(reverse("ondersteuning:blad", args=[b.pk]) + "#concept")


@login_required
@require_POST
@eenmalig
def blad_akkoord(request, pk):
    """Whoever acts for the pupil, or the pupil (12+), agrees with the concept; the IB'er may record it was agreed
    in a conversation (with the parents or the pupil)."""
    b, rel = _blad(request.user, pk)
    if "school" in rel:
        met = request.POST.get("met", "")
        if met not in ("ouders", "leerling"):
            raise Http404
    elif "leerling" in rel or rel & HANDELT:
        met = ""
    else:
        raise Http404
    knop(request, lambda: s.blad_akkoord(versie=_concept_van(b), door=request.user, in_gesprek_met=met),
         _("Vastgelegd: akkoord met de afspraken."))
    return redirect(reverse("ondersteuning:blad", args=[b.pk]) + "#concept")


@login_required
@require_POST
def blad_vaststellen(request, pk):
    b = _blad_school(request.user, pk)
    form = f.BladVaststellenForm(request.POST, prefix="vaststellen")
    klaar, _uit = verwerk(request, form, lambda d: s.blad_stel_vast(versie=_concept_van(b), door=request.user, **d),
                          _("Deze versie geldt nu. Alle leerkrachten van de leerling krijgen het verzoek hem te lezen "
                            "en te bevestigen."))
    if klaar:
        return redirect("ondersteuning:blad", pk=b.pk)
    return _blad_pagina(request, b, sel.blad_relaties(request.user, b), gebonden={"vaststellen": form})


@login_required
@require_POST
@eenmalig
def kennisname(request, pk):
    b, rel = _blad(request.user, pk)
    if "leerkracht" not in rel:
        raise Http404
    geldend = sel.geldende_versie(b)
    if geldend is None:
        raise Http404
    knop(request, lambda: s.kennisname_leg_vast(versie=geldend, leerkracht=request.user),
         _("Dank u. U heeft bevestigd dat u deze afspraken kent en toepast."))
    return redirect("ondersteuning:blad", pk=b.pk)


@login_required
def blad_pdf(request, pk):
    b, _rel = _blad(request.user, pk)
    geldend = sel.geldende_versie(b)
    if geldend is None:
        raise Http404
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
    bladen = sel.bladen_voor_leerkracht(request.user)
    rijen = [(lln, bladen.get(lln.pk)) for lln in sel.leerlingen_van_leerkracht_lijst(request.user)]
    return render(request, "ondersteuning/leerkracht.html", {"rijen": rijen,
                                                             "invalbeurten": sel.invalbeurten_nu(request.user)})
