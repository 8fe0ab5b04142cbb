"""Groups and substitutes, maintained by the school's IB'er or directeur (issue #9 §4; moved here from the
ondersteuning in issue #18): who teaches which pupils this school year, and who substitutes for at most 4 weeks.
Teachers see the accommodations sheets of exactly these pupils."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.basis.params import id_param
from portal.zaken.pagina import eenmalig, verwerk

from . import selectors as sel
from .forms import GroepForm, InvalbeurtForm
from .models import schooljaar_van
from .services import GroepFout, groep_bewaar, invalbeurt_regel, invalbeurt_trek_in


def _groep_form(school, data=None, **kwargs):
    return GroepForm(data, prefix="groep", leerlingen=sel.leerlingen_op_school(school),
                     leerkrachten=sel.leerkrachten_van_school(school), **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def groepen(request):
    scholen = list(sel.eigen_scholen(request.user))
    if not scholen:
        raise Http404
    school = scholen[0]
    keuze = id_param(request.GET, "school")
    if len(scholen) > 1 and keuze:
        school = next((x for x in scholen if x.pk == keuze), school)
    form = _groep_form(school, request.POST or None, initial={"schooljaar": schooljaar_van()})
    klaar, g = verwerk(request, form, lambda d: groep_bewaar(school=school, door=request.user, **d),
                       _("De groep is aangemaakt."), fouten=(GroepFout,))
    if klaar:
        return redirect("leerlingen:groep", pk=g.pk)
    return render(request, "leerlingen/groepen.html", {"school": school, "scholen": scholen,
                                                       "groepen": sel.groepen_van_school(school), "form": form})


def _groep_pagina(request, g, form=None, f_inval=None):
    form = form or _groep_form(g.school, initial={
        "naam": g.naam, "schooljaar": g.schooljaar, "leerlingen": list(g.leerlingen.all()),
        "leerkrachten": list(g.leerkrachten.all())})
    f_inval = f_inval or InvalbeurtForm(prefix="inval", leerkrachten=sel.leerkrachten_van_school(g.school),
                                        initial={"van": timezone.localdate()})
    return render(request, "leerlingen/groep.html", {
        "g": g, "form": form, "f_inval": f_inval, "vandaag": timezone.localdate(),
        "invalbeurten": sel.invalbeurten_van(g), "fout_in_formulier": bool(form.errors or f_inval.errors)})


@login_required
@require_http_methods(["GET", "POST"])
def groep(request, pk):
    g = sel.groep_of_404(request.user, pk)
    if request.method == "POST":
        form = _groep_form(g.school, request.POST)
        klaar, _uit = verwerk(request, form, lambda d: groep_bewaar(school=g.school, door=request.user, groep=g, **d),
                              _("De groep is bijgewerkt."), fouten=(GroepFout,))
        if klaar:
            return redirect("leerlingen:groep", pk=g.pk)
        return _groep_pagina(request, g, form=form)
    return _groep_pagina(request, g)


@login_required
@require_POST
@eenmalig
def invaller(request, pk):
    g = sel.groep_of_404(request.user, pk)
    form = InvalbeurtForm(request.POST, prefix="inval", leerkrachten=sel.leerkrachten_van_school(g.school))
    klaar, _uit = verwerk(request, form, lambda d: invalbeurt_regel(groep=g, door=request.user, **d),
                          _("De invaller ziet de aanpassingenbladen van deze groep in de gekozen periode."),
                          fouten=(GroepFout,))
    if klaar:
        return redirect(reverse("leerlingen:groep", args=[g.pk]) + "#invallers")
    return _groep_pagina(request, g, f_inval=form)


@login_required
@require_POST
def invaller_intrekken(request, pk):
    beurt = sel.invalbeurt_of_404(request.user, pk)
    invalbeurt_trek_in(invalbeurt=beurt, door=request.user)
    messages.success(request, _("De toegang van de invaller is ingetrokken."))
    return redirect(reverse("leerlingen:groep", args=[beurt.groep_id]) + "#invallers")
