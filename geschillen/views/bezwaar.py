"""The bezwaar's pages: filing (online, or recorded from paper), and the case page where whoever the contested
decision's kind names (``Bezwaarregeling.behandelaar``) hears and prepares the decision.

A bezwaar against a TLV decision (C-6) is heard and its decision prepared HERE too, by the SWV's staff (the TLV's
regeling admits them as "behandelaar"), with the LBT hearing (``adviescommissie``, Awb 7:13) and the LBT rule before
deciding (``voor_beslissing``) as the regeling says: POST ``geschillen:bezwaar_actie`` with ``pk`` (the bezwaar) and
``actie`` = ``horen`` (fields ``horen-gehoord_op``, ``horen-afgezien``, ``horen-verslag``, ``horen-bestand``) or
``beslissing`` (``beslissing-uitkomst``, ``beslissing-motivering``); the page is ``geschillen:bezwaar``. The TLV's
own steps (asking the LBT, its advice, verdaging) stay on the TLV's pages."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.audit.services import audit_view
from portal.zaken.bezwaarregeling import bezwaar_mogelijk, bezwaarregeling
from portal.zaken.pagina import HANDELT, Actie, actie_view, eenmalig, verwerk, zaak_of_404
from portal.zaken.services import relaties

from .. import selectors
from .. import services as s
from ..constants import BezwaarStatus
from ..forms import BezwaarBeslissingForm, BezwaarForm, BezwaarPapierForm, HoorForm, IntrekForm
from ..models import Bezwaar
from . import zaakpagina


def _besluit_of_404(request, pk):
    """A decision the user may see, made known, that a bezwaar can be made against, and that this user may contest:
    a parent with gezag over the child, or — where the decision's kind allows it — the IB'er or directeur of the
    school it names (the TLV's applying school, C-6). Everyone else: 404."""
    besluit = selectors.besluit_of_404(request.user, pk)
    if not bezwaar_mogelijk(besluit) or not s.mag_bezwaar_maken(request.user, besluit):
        raise Http404
    return besluit


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def bezwaar_nieuw(request, pk):
    besluit = _besluit_of_404(request, pk)
    zaak = besluit.zaak.specifiek
    regeling = bezwaarregeling(besluit.besluittype)
    termijn = besluit.klokken.get(regeling.indienen)
    # a parent files as parent; otherwise the user is staff of the school that may file (checked above)
    school = None if relaties(request.user, zaak) & HANDELT else s.indienende_school(request.user, zaak, regeling)
    te_laat = termijn is not None and termijn.uiterlijk is not None and timezone.localdate() > termijn.uiterlijk
    form = BezwaarForm(request.POST or None, request.FILES or None, school=school is not None, te_laat=te_laat)
    klaar, bezwaar = verwerk(request, form, lambda d: s.bezwaar_dien_in(
        besluit=besluit, door=request.user, gronden=d["gronden"], te_laat_reden=d.get("te_laat_reden", ""),
        bestanden=[d.get("bestand")]),
        _("Het bezwaar van de school is ontvangen. De ontvangstbevestiging staat bij het bezwaar. De ouders hebben "
          "bericht gekregen.") if school is not None else _("Uw bezwaar is ontvangen. U krijgt een ontvangstbevestiging."))
    if klaar:
        return redirect(bezwaar.get_absolute_url() if school is not None else bezwaar.get_absolute_url("ouder"))
    audit_view(actor=request.user, obj=besluit, leerling=besluit.zaak.leerling, omschrijving="Bezwaar maken geopend")
    return render(request, "geschillen/bezwaar_nieuw.html", {
        "besluit": besluit, "zaak": zaak, "form": form, "termijn": termijn, "school": school,
        "te_laat": te_laat})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def bezwaar_papier(request, pk):
    """A bezwaarschrift that came in on paper: the bevoegd gezag's staff record it for the parent who sent it, with
    the day it came in and the posting day (Awb 6:9 lid 2). Anyone else: 404."""
    besluit = selectors.besluit_of_404(request.user, pk)
    if not bezwaar_mogelijk(besluit) or not s.mag_papier_vastleggen(request.user, besluit):
        raise Http404
    zaak = besluit.zaak.specifiek
    regeling = bezwaarregeling(besluit.besluittype)
    termijn = besluit.klokken.get(regeling.indienen)
    form = BezwaarPapierForm(request.POST or None, request.FILES or None, leerling=zaak.leerling,
                             initial={"ontvangen_op": timezone.localdate()},
                             te_laat_mogelijk=termijn is not None and termijn.uiterlijk is not None
                             and timezone.localdate() > termijn.uiterlijk)
    klaar, bezwaar = verwerk(request, form, lambda d: s.bezwaar_dien_in(
        besluit=besluit, door=request.user, namens=d["namens"], gronden=d["gronden"], ontvangen_op=d["ontvangen_op"],
        ter_post_op=d.get("ter_post_op"), te_laat_reden=d.get("te_laat_reden", ""), bestanden=[d.get("bestand")]),
        _("Het bezwaarschrift is vastgelegd. De ouders krijgen een ontvangstbevestiging."))
    if klaar:
        return redirect(bezwaar.get_absolute_url())
    audit_view(actor=request.user, obj=besluit, leerling=zaak.leerling, omschrijving="Bezwaar op papier vastleggen geopend")
    return render(request, "geschillen/bezwaar_papier.html", {"besluit": besluit, "zaak": zaak, "form": form,
                                                               "termijn": termijn})


# The bevoegd gezag's side: whom the contested decision's kind names to hear and decide (the school and its board;
# the TLV's SWV staff), or someone who signs for it.
BEHANDELT = frozenset({"behandelaar", "ondertekenaar"})
_HOREN = (BezwaarStatus.INGEDIEND, BezwaarStatus.GEHOORD)
_BESLISSEN = (BezwaarStatus.INGEDIEND, BezwaarStatus.GEHOORD, BezwaarStatus.VOORBEREID)


def _indiener(b, rel) -> bool:
    """The side that filed the bezwaar: the parents, or the school that filed it itself."""
    return "indiener" in rel if b.door_school else bool(rel & HANDELT)


def _beslissing_form(d, f, b, r):
    """A prepared, unsigned decision is shown again to change it."""
    beslissing = b.beslissing
    initial = ({"uitkomst": beslissing.uitkomst, "motivering": beslissing.motivering}
               if beslissing is not None and not beslissing.ondertekend_op else {})
    return BezwaarBeslissingForm(d, prefix="beslissing", initial=initial)


ACTIES = {
    "horen": Actie(form=lambda d, f, b, r: HoorForm(d, f, prefix="horen", bezwaar=b),
                   mag=lambda r, b, rel: bool(rel & BEHANDELT) and b.status in _HOREN,
                   doe=lambda r, b, c, f: s.bezwaar_hoor(
                       bezwaar=b, door=r.user, gehoord_op=c.get("gehoord_op"), afgezien=c["afgezien"],
                       verslag=c["verslag"], bestand=c.get("bestand"), hoorders=list(c.get("hoorders") or []),
                       voorzitter=c.get("voorzitter"), commissie=c.get("commissie", "")),
                   succes=_l("Het horen is vastgelegd.")),
    "beslissing": Actie(form=_beslissing_form, mag=lambda r, b, rel: bool(rel & BEHANDELT) and b.status in _BESLISSEN,
                        doe=lambda r, b, c, f: s.bezwaar_beslissing_voorbereid(
                            bezwaar=b, door=r.user, uitkomst=c["uitkomst"], motivering=c["motivering"]),
                        succes=_l("De beslissing is voorbereid en wacht op een handtekening van iemand met mandaat.")),
    # whoever filed it withdraws it: the parents their own bezwaar, the school the one it filed
    "intrekken": Actie(form=lambda d, f, b, r: IntrekForm(d, prefix="intrekken"),
                       mag=lambda r, b, rel: _indiener(b, rel) and b.status in _BESLISSEN,
                       doe=lambda r, b, c, f: s.bezwaar_trek_in(bezwaar=b, door=r.user, reden=c["reden"]),
                       succes=_l("U heeft het bezwaar ingetrokken. U krijgt een brief die dat bevestigt.")),
}


def detail(request, b, gebonden=None, rel=None):
    ctx = zaakpagina(request, b, ACTIES, omschrijving="Bezwaar bekeken", gebonden=gebonden, rel=rel)
    beslissing = b.beslissing
    return render(request, "geschillen/bezwaar.html", ctx | selectors.stukken(b) | {
        "b": b, "beslissing": beslissing, "besluit": b.betreft_besluit,
        # the school that objected (the TLV) does not read the SWV's draft decision before it is signed
        "indiener_school": b.door_school and "indiener" in ctx["rel"],
        "mag_tekenen": selectors.mag_tekenen(request.user, b, beslissing, "bezwaar")})


@login_required
def bezwaar(request, pk):
    b, rel = zaak_of_404(request.user, Bezwaar, pk, "betreft_besluit", "indienende_school")
    return detail(request, b, rel=rel)


bezwaar_actie = actie_view(Bezwaar, ACTIES, detail)
