"""The request for an effective adjustment (Wgbh/cz art. 2 lid 1; D-6): whoever acts for the pupil asks, the school
answers per child within the term, with a letter."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.audit.services import audit_view
from portal.zaken import hoorrecht
from portal.zaken.pagina import GEZIN, HANDELT, Actie, actie_view, eenmalig, verwerk, zaak_of_404
from portal.zaken.services import ZaakFout, relaties

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from ..constants import AanpassingStatus, AanpassingUitkomst
from ..models import Aanpassingsverzoek


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
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
    klaar, v = verwerk(request, form, lambda d: s.aanpassing_vraag(
        leerling=d["kind_school"][0], school=d["kind_school"][1], door=request.user, gevraagd=d["gevraagd"],
        waarom=d["waarom"]), _("Uw verzoek is verstuurd. De school antwoordt uiterlijk op de datum hieronder."))
    if klaar:
        return redirect("ondersteuning:aanpassing", pk=v.pk)
    return render(request, "ondersteuning/aanpassing_nieuw.html", {"form": form, "keuzes": keuzes, "zelf": zelf})


def _detail(request, v, gebonden: dict | None = None, rel=None):
    gebonden = gebonden or {}
    rel = frozenset(relaties(request.user, v)) if rel is None else rel
    is_school = "school" in rel
    verslagen = sel.verslagen_van(v)
    partij = s.partij_van(v, rel)
    for g in verslagen:
        if partij and not any(r.partij == partij and r.bevestigd for r in g.reacties.all()):
            g.f_reactie = gebonden.get(f"verslag-{g.pk}") or f.VerslagReactieForm(prefix=f"verslag-{g.pk}")
    antwoord_form = None
    if is_school and v.status == AanpassingStatus.INGEDIEND:
        antwoord_form = gebonden.get("antwoord") or f.AanpassingAntwoordForm(prefix="antwoord", verzoek=v)
    d6 = v.klokken.get("D-6")
    audit_view(actor=request.user, obj=v, leerling=v.leerling, omschrijving="Verzoek om aanpassing bekeken")
    return render(request, "ondersteuning/aanpassing.html", {
        "v": v, "rel": rel, "is_school": is_school, "stap": v.type.stap(v),
        "klokken": [d6] if d6 and is_school else [],
        "handelt": not is_school and bool(rel & HANDELT), "gezin": not is_school and bool(rel & GEZIN),
        "wie_handelt": hoorrecht.wie_handelt(v.leerling, onderwerp=s.ONDERWERP),
        "antwoord_form": antwoord_form, "verslagen": verslagen, "brieven": sel.brieven_van(v),
        "geweigerd": v.uitkomst == AanpassingUitkomst.GEWEIGERD, "anders": v.uitkomst == AanpassingUitkomst.ANDERS,
        "fout_in_formulier": bool(gebonden), "partij": partij})


@login_required
def aanpassing(request, pk):
    v, rel = zaak_of_404(request.user, Aanpassingsverzoek, pk)
    return _detail(request, v, rel=rel)


def _beantwoord(request, v, d, form):
    try:
        s.aanpassing_beantwoord(verzoek=v, door=request.user, uitkomst=d["uitkomst"], motivering=d["motivering"],
                                weigergrond=d.get("weigergrond") or "")
    except ZaakFout as exc:  # about the reasons given: shown at them
        raise ZaakFout(str(exc), veld=exc.veld or "motivering") from None


ACTIES = {
    "antwoord": Actie(
        form=lambda data, files, v, r: f.AanpassingAntwoordForm(data, prefix="antwoord", verzoek=v),
        mag=frozenset({"school"}), doe=_beantwoord,
        succes=_l("Het antwoord is verstuurd. De brief staat bij het verzoek.")),
}
actie = actie_view(Aanpassingsverzoek, ACTIES, _detail)
