"""The AVG pages: the family's page per pupil (a copy of the data, requests for correction or erasure), the export's
page and download (only the requester), a request's page (the family reads, the organisation answers), the
organisation's list, and the beheerder's retention page (dry run, then the real run after re-authentication)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from portal.accounts.constants import Rol
from portal.accounts.views import reauth_redirect
from portal.zaken.pagina import Actie, actie_view, eenmalig, formulieren, knop, verwerk, zaak_of_404

from . import bewaren, selectors
from .forms import AntwoordForm, BewaarForm, RechtenverzoekForm, VerlengForm
from .models import Rechtenverzoek, RechtenverzoekStatus
from .services import (
    inzage_download,
    inzage_vraag,
    organisaties_voor,
    rechtenverzoek_beantwoord,
    rechtenverzoek_dien_in,
    rechtenverzoek_trek_in,
    rechtenverzoek_verleng,
    uiterste_verlenging,
)
from .termijnen import REGEL_ANTWOORD


@login_required
def leerling(request, pk):
    """'Uw gegevens en uw rechten' for one pupil: ask for a copy, see the copies, ask for a correction or erasure."""
    lln = selectors.leerling_voor_rechten_of_404(request.user, pk)
    return render(request, "privacy/leerling.html", {
        "leerling": lln, "inzages": selectors.inzages_van(request.user, lln),
        "verzoeken": selectors.verzoeken_van_leerling(request.user, lln)})


@login_required
@require_POST
@eenmalig
def inzage_nieuw(request, pk):
    lln = selectors.leerling_voor_rechten_of_404(request.user, pk)
    inzage = inzage_vraag(leerling=lln, door=request.user)
    messages.success(request, _("Uw kopie wordt klaargemaakt. U krijgt een bericht als hij klaarstaat."))
    return redirect("privacy:inzage", pk=inzage.pk)


@login_required
def inzage(request, pk):
    obj = selectors.inzage_van_of_404(request.user, pk)
    return render(request, "privacy/inzage.html", {"inzage": obj, "leerling": obj.leerling})


@login_required
def inzage_bestand(request, pk):
    obj = selectors.inzage_van_of_404(request.user, pk)
    if not obj.is_te_downloaden:
        raise Http404
    inzage_download(inzage=obj, door=request.user)
    naam = f"kopie-gegevens-{obj.leerling_id}-{timezone.localdate():%Y%m%d}.zip"
    return FileResponse(obj.bestand.open("rb"), as_attachment=True, filename=naam, content_type="application/zip")


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def verzoek_nieuw(request, pk):
    lln = selectors.leerling_voor_rechten_of_404(request.user, pk)
    form = RechtenverzoekForm(request.POST or None, organisaties=organisaties_voor(lln))
    klaar, verzoek = verwerk(request, form, lambda d: rechtenverzoek_dien_in(
        leerling=lln, door=request.user, aan=d["aan"], soort=d["soort"], wat=d["wat"], waarom=d["waarom"]),
        _("Uw verzoek is verstuurd. U krijgt binnen een maand antwoord."))
    if klaar:
        return redirect("privacy:verzoek", pk=verzoek.pk)
    return render(request, "privacy/verzoek_nieuw.html", {"leerling": lln, "form": form})


def _is_organisatie(request, zaak, rel) -> bool:
    return bool(rel & {"school", "swv"})


ACTIES = {
    "beantwoorden": Actie(
        form=lambda data, files, zaak, request: AntwoordForm(data),
        doe=lambda request, zaak, d, form: rechtenverzoek_beantwoord(
            verzoek=zaak, door=request.user, uitkomst=d["uitkomst"], motivering=d.get("motivering") or ""),
        succes=_l("Het antwoord is vastgelegd; de verzoeker krijgt een bericht."),
        mag=lambda request, zaak, rel: _is_organisatie(request, zaak, rel) and zaak.status == RechtenverzoekStatus.INGEDIEND),
    "verlengen": Actie(
        form=lambda data, files, zaak, request: VerlengForm(data),
        doe=lambda request, zaak, d, form: rechtenverzoek_verleng(
            verzoek=zaak, door=request.user, datum=d["datum"], reden=d["reden"]),
        succes=_l("De termijn is verlengd; de verzoeker krijgt een bericht met de reden."),
        mag=lambda request, zaak, rel: _is_organisatie(request, zaak, rel) and zaak.status == RechtenverzoekStatus.INGEDIEND),
}


def _detail(request, zaak, gebonden=None):
    rel = frozenset(getattr(zaak, "_rel", frozenset()))
    klok = zaak.klokken.get(REGEL_ANTWOORD)
    gezin = bool(rel - {"school", "swv", "ib", "directeur", "bestuur", "ondertekenaar"})
    return render(request, "privacy/verzoek.html", {
        "verzoek": zaak, "leerling": zaak.leerling, "klok": klok, "rel": rel,
        "formulieren": formulieren(ACTIES, request, zaak, rel, gebonden),
        "uiterste_verlenging": uiterste_verlenging(zaak) if klok else None,
        "mag_intrekken": zaak.status == RechtenverzoekStatus.INGEDIEND and bool(rel & {"ouder", "meerderjarige",
                                                                                         "vertegenwoordiger"}),
        "gezin": gezin, "bezwaar_uiterlijk": _bezwaar_uiterlijk(zaak)})


def _bezwaar_uiterlijk(zaak):
    """UAVG art. 34: the answer of a bestuursorgaan to an AVG request is a besluit (Awb 1:3), so bezwaar is open for
    6 weeks from the day after it was made known (Awb 6:7, 6:8) — an openbare school's board. A bijzondere school's
    board is no bestuursorgaan: the civil court (UAVG art. 35)."""
    from portal.termijnen import dates

    school = zaak.school
    if zaak.beantwoord_op is None or school is None or school.denominatie != "openbaar":
        return None
    return dates.atw(dates.plus_weken(zaak.beantwoord_op, 6), zaak.beantwoord_op)


@login_required
def verzoek(request, pk):
    zaak, rel = zaak_of_404(request.user, Rechtenverzoek, pk)
    zaak._rel = rel
    return _detail(request, zaak)


def _actie_detail(request, zaak, gebonden=None):
    from portal.zaken.services import relaties

    zaak._rel = frozenset(relaties(request.user, zaak))
    return _detail(request, zaak, gebonden)


verzoek_actie = actie_view(Rechtenverzoek, ACTIES, _actie_detail)


@login_required
@require_POST
def verzoek_intrekken(request, pk):
    zaak, rel = zaak_of_404(request.user, Rechtenverzoek, pk)
    if not rel & {"ouder", "meerderjarige", "vertegenwoordiger"}:
        raise Http404
    knop(request, lambda: rechtenverzoek_trek_in(verzoek=zaak, door=request.user), _("Het verzoek is ingetrokken."))
    return redirect("privacy:verzoek", pk=zaak.pk)


@login_required
def verzoeken(request):
    """The organisation's list: the AVG requests addressed to its school(s) or SWV."""
    if not selectors.is_verwerker(request.user):
        raise Http404
    return render(request, "privacy/verzoeken.html", {"verzoeken": selectors.verzoeken_voor_organisatie(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def bewaartermijnen(request):
    """The beheerder's retention page: what would be deleted or anonymised today and why (a dry run: nothing
    changes); after confirming and re-authenticating, the real run."""
    if not request.user.heeft_rol(Rol.BEHEERDER):
        raise Http404
    form = BewaarForm(request.POST or None)
    if request.method == "POST":
        if (nodig := reauth_redirect(request)) is not None:
            return nodig
        if form.is_valid():
            gedaan = bewaren.bewaartermijnen_uitvoeren(door=request.user)
            messages.success(request, _("Uitgevoerd: %(n)s acties. Ze staan in de audittrail.") % {"n": len(gedaan)})
            return redirect("privacy:bewaartermijnen")
    voorstellen = bewaren.overzicht()
    return render(request, "privacy/bewaartermijnen.html", {
        "voorstellen": voorstellen, "uit_te_voeren": [v for v in voorstellen if not v.blokkade],
        "c7": bewaren.c7_overzicht(), "form": form})
