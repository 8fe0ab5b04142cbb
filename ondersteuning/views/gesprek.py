"""Conversation logs on a case (an arrangement or a request for an adjustment): the school records one with actions
(owner, date); the other side confirms it or adds a remark."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.zaken.models import Zaak
from portal.zaken.pagina import eenmalig, verwerk, zaak_of_404
from portal.zaken.services import ZaakFout

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from ..models import Arrangement
from . import aanpassing, arrangement

SOORTEN = ("arrangement", "aanpassing")


def _zaak_voor_gesprek(user, pk):
    """The case (as its own kind) and the reader's relations; 404 unless it is an arrangement or a request for an
    adjustment the user may see."""
    zaak, rel = zaak_of_404(user, Zaak, pk)
    if zaak.zaaktype not in SOORTEN:
        raise Http404
    return zaak.specifiek, rel


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def gesprek(request, pk):
    """The school records a conversation on the case, with actions (owner, date)."""
    zaak, rel = _zaak_voor_gesprek(request.user, pk)
    if "school" not in rel:
        raise Http404
    form = f.GesprekForm(request.POST or None, prefix="gesprek", initial={"datum": timezone.localdate()})
    acties = f.ActieFormSet(request.POST or None, prefix="actie")
    if request.method == "POST" and form.is_valid() and acties.is_valid():
        try:
            s.gesprek_leg_vast(zaak=zaak, door=request.user, acties=[a for a in acties.cleaned_data if a],
                               **form.cleaned_data)
        except ZaakFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het gespreksverslag is vastgelegd. De ouders kunnen het bevestigen."))
            return redirect(zaak.get_absolute_url() + "#gesprekken")
    return render(request, "ondersteuning/gesprek.html", {"zaak": zaak, "form": form, "acties": acties,
                                                          "fout_in_formulier": bool(acties.total_error_count())})


@login_required
@require_POST
@eenmalig
def gesprek_reactie(request, pk):
    g = sel.verslag_of_404(pk)
    zaak, rel = _zaak_voor_gesprek(request.user, g.zaak_id)
    if s.partij_van(zaak, rel) is None:
        raise Http404  # a reader (the SWV) does not confirm
    form = f.VerslagReactieForm(request.POST, prefix=f"verslag-{g.pk}")
    klaar, _uit = verwerk(request, form, lambda d: s.gesprek_reageer(verslag=g, door=request.user, **d),
                          _("Uw reactie op het verslag is vastgelegd."))
    if klaar:
        return redirect(zaak.get_absolute_url() + "#gesprekken")
    pagina = arrangement._detail if isinstance(zaak, Arrangement) else aanpassing._detail
    return pagina(request, zaak, gebonden={f"verslag-{g.pk}": form}, rel=rel)


@login_required
@require_POST
def actie_gedaan(request, pk):
    actie = sel.verslagactie_of_404(pk)
    zaak, rel = _zaak_voor_gesprek(request.user, actie.verslag.zaak_id)
    if s.partij_van(zaak, rel) is None:
        raise Http404
    try:
        s.actie_gedaan(actie=actie, door=request.user)
    except ZaakFout as exc:
        messages.error(request, str(exc))
    return redirect(zaak.get_absolute_url() + "#gesprekken")
