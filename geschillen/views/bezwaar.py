from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.organisaties.models import Mandaat
from portal.zaken.models import Besluit, Zaak
from portal.zaken.services import relaties

from .. import services as s
from ..constants import BezwaarStatus
from ..forms import BezwaarBeslissingForm, BezwaarForm, BezwaarPapierForm, HoorForm, IntrekForm
from ..models import Bezwaar
from portal.zaken.bezwaarregeling import bezwaar_mogelijk, bezwaarregeling
from .common import Actie, actie_view, is_ouder, zaak_of_404


def _besluit_of_404(request, pk) -> Besluit:
    """A decision the user may see, made known, that a bezwaar can be made against, and that this user may contest:
    a parent with gezag over the child, or — where the decision's kind allows it — the IB'er or directeur of the
    school it names (the TLV's applying school, C-6). Everyone else: 404."""
    besluit = get_object_or_404(Besluit.objects.filter(zaak__in=Zaak.objects.for_user(request.user).values("pk"),
                                                       bekendgemaakt_op__isnull=False)
                                .select_related("zaak", "zaak__leerling", "zaak__school", "zaak__swv"), pk=pk)
    if not bezwaar_mogelijk(besluit) or not s.mag_bezwaar_maken(request.user, besluit):
        raise Http404
    return besluit


@login_required
@require_http_methods(["GET", "POST"])
def bezwaar_nieuw(request, pk):
    besluit = _besluit_of_404(request, pk)
    zaak = besluit.zaak.specifiek
    regeling = bezwaarregeling(besluit.besluittype)
    termijn = besluit.klokken.get(regeling.indienen)
    # a parent files as parent; otherwise the user is staff of the school that may file (checked above)
    school = None if is_ouder(request.user, zaak) else s.indienende_school(request.user, zaak, regeling)
    form = BezwaarForm(request.POST or None, request.FILES or None, school=school is not None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            bezwaar = s.bezwaar_dien_in(besluit=besluit, door=request.user, gronden=d["gronden"],
                                        te_laat_reden=d["te_laat_reden"], bestanden=[d.get("bestand")])
        except s.GeschilFout as exc:
            form.add_error(exc.veld if exc.veld in form.fields else None, str(exc))
        else:
            if school is not None:
                messages.success(request, _("Het bezwaar van de school is ontvangen. De ontvangstbevestiging staat bij "
                                            "het bezwaar. De ouders hebben bericht gekregen."))
                return redirect(bezwaar.get_absolute_url())
            messages.success(request, _("Uw bezwaar is ontvangen. U krijgt een ontvangstbevestiging."))
            return redirect(bezwaar.get_absolute_url("ouder"))
    audit_view(actor=request.user, obj=besluit, leerling=besluit.zaak.leerling, omschrijving="Bezwaar maken geopend")
    return render(request, "geschillen/bezwaar_nieuw.html", {
        "besluit": besluit, "zaak": zaak, "form": form, "termijn": termijn, "school": school,
        "te_laat": termijn is not None and termijn.uiterlijk is not None and timezone.localdate() > termijn.uiterlijk})


@login_required
@require_http_methods(["GET", "POST"])
def bezwaar_papier(request, pk):
    """A bezwaarschrift that came in on paper: the bevoegd gezag's staff record it for the parent who sent it, with
    the day it came in and the posting day (Awb 6:9 lid 2). Anyone else: 404."""
    besluit = get_object_or_404(Besluit.objects.filter(zaak__in=Zaak.objects.for_user(request.user).values("pk"),
                                                       bekendgemaakt_op__isnull=False)
                                .select_related("zaak", "zaak__leerling", "zaak__school", "zaak__swv"), pk=pk)
    if not bezwaar_mogelijk(besluit) or not s.mag_papier_vastleggen(request.user, besluit):
        raise Http404
    zaak = besluit.zaak.specifiek
    regeling = bezwaarregeling(besluit.besluittype)
    termijn = besluit.klokken.get(regeling.indienen)
    form = BezwaarPapierForm(request.POST or None, request.FILES or None, leerling=zaak.leerling,
                             initial={"ontvangen_op": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            bezwaar = s.bezwaar_dien_in(besluit=besluit, door=request.user, namens=d["namens"], gronden=d["gronden"],
                                        ontvangen_op=d["ontvangen_op"], ter_post_op=d.get("ter_post_op"),
                                        te_laat_reden=d["te_laat_reden"], bestanden=[d.get("bestand")])
        except s.GeschilFout as exc:
            form.add_error(exc.veld if exc.veld in form.fields else None, str(exc))
        else:
            messages.success(request, _("Het bezwaarschrift is vastgelegd. De ouders krijgen een ontvangstbevestiging."))
            return redirect(bezwaar.get_absolute_url())
    audit_view(actor=request.user, obj=besluit, leerling=zaak.leerling, omschrijving="Bezwaar op papier vastleggen geopend")
    return render(request, "geschillen/bezwaar_papier.html", {"besluit": besluit, "zaak": zaak, "form": form,
                                                               "termijn": termijn})


def _school(request, b):
    """The bevoegd gezag's side: whom the contested decision's kind names to hear and decide (the school and its
    board; the TLV's SWV staff), or someone who signs for it."""
    return s.mag_behandelen(request.user, b) or "ondertekenaar" in relaties(request.user, b)


def _hier(b) -> bool:
    """Heard and decided on this page — not when the contested decision's kind has its own desk (the TLV's SWV)."""
    regeling = bezwaarregeling(b.betreft_besluit.besluittype) if b.betreft_besluit_id else None
    return regeling is None or not regeling.behandelpagina


def _indiener(request, b) -> bool:
    """The side that filed the bezwaar: the parents, or the school that filed it itself."""
    if b.door_school:
        return b.indienende_school_id in request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    return is_ouder(request.user, b)


ACTIES = {
    "horen": Actie(lambda d, f, b, r: HoorForm(d, f, prefix="horen", bezwaar=b),
                   lambda r, b: _hier(b) and _school(r, b) and b.status in (BezwaarStatus.INGEDIEND,
                                                                            BezwaarStatus.GEHOORD),
                   lambda r, b, c, f: s.bezwaar_hoor(bezwaar=b, door=r.user, gehoord_op=c.get("gehoord_op"),
                                                     afgezien=c["afgezien"], verslag=c["verslag"],
                                                     bestand=c.get("bestand"), hoorders=list(c.get("hoorders") or []),
                                                     voorzitter=c.get("voorzitter"), commissie=c.get("commissie", "")),
                   _("Het horen is vastgelegd.")),
    "beslissing": Actie(lambda d, f, b, r: BezwaarBeslissingForm(d, prefix="beslissing"),
                        lambda r, b: _hier(b) and _school(r, b) and b.status in (
                            BezwaarStatus.INGEDIEND, BezwaarStatus.GEHOORD, BezwaarStatus.VOORBEREID),
                        lambda r, b, c, f: s.bezwaar_beslissing_voorbereid(bezwaar=b, door=r.user, uitkomst=c["uitkomst"],
                                                                           motivering=c["motivering"]),
                        _("De beslissing is voorbereid en wacht op een handtekening van iemand met mandaat.")),
    # whoever filed it withdraws it: the parents their own bezwaar, the school the one it filed
    "intrekken": Actie(lambda d, f, b, r: IntrekForm(d, prefix="intrekken"),
                       lambda r, b: _indiener(r, b) and b.status in (BezwaarStatus.INGEDIEND, BezwaarStatus.GEHOORD,
                                                                     BezwaarStatus.VOORBEREID),
                       lambda r, b, c, f: s.bezwaar_trek_in(bezwaar=b, door=r.user, reden=c["reden"]),
                       _("U heeft het bezwaar ingetrokken. U krijgt een brief die dat bevestigt.")),
}


def detail(request, b, gebonden=None):
    gebonden = gebonden or {}
    forms = {naam: gebonden.get(naam) or a.form(None, None, b, request) for naam, a in ACTIES.items() if a.mag(request, b)}
    audit_view(actor=request.user, obj=b, leerling=b.leerling, omschrijving="Bezwaar bekeken")
    beslissing = b.beslissing
    return render(request, "geschillen/bezwaar.html", {
        "b": b, "zaak": b, "ouder": is_ouder(request.user, b), "forms": forms, "stap": b.type.stap(b),
        "klokken": list(b.klokken.values()), "documenten": b.documenten.all(), "brieven": b.brieven.all(),
        "beslissing": beslissing, "besluit": b.betreft_besluit,
        # the school that objected (the TLV) does not read the SWV's draft decision before it is signed
        "indiener_school": b.door_school and _indiener(request, b),
        "mag_tekenen": beslissing is not None and not beslissing.ondertekend_op
        and Mandaat.objects.mag_tekenen(request.user, b, "bezwaar"), "fout_in_formulier": bool(gebonden)})


@login_required
def bezwaar(request, pk):
    b = zaak_of_404(request.user, Bezwaar, pk, "betreft_besluit", "indienende_school")
    # a kind with its own desk (the TLV: the SWV's bezwaar page) — its behandelaar works there
    regeling = bezwaarregeling(b.betreft_besluit.besluittype) if b.betreft_besluit_id else None
    if (regeling is not None and regeling.behandelpagina and s.mag_behandelen(request.user, b)
            and not is_ouder(request.user, b) and not _indiener(request, b)):
        return redirect(regeling.behandelpagina, pk=b.pk)
    return detail(request, b)


bezwaar_actie = actie_view(Bezwaar, ACTIES, detail)
