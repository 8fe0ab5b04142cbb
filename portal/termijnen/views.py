from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import calculator, rules
from .dates import TermijnFout
from .forms import CalculatorForm, SoortForm
from .models import Clock


def _als_datum(waarde):
    """ISO dates of the calculator become dates, so the page shows them the Dutch way; a yes or no in Dutch."""
    from datetime import date

    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, str) and len(waarde) == 10:
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            return waarde
    return waarde


def _staff_only(user):
    if not user.vereist_2fa:  # parents and pupils see their terms on their own case pages
        raise Http404


@login_required
def rekenhulp(request):
    """The calculator of `manage.py termijn` as a page, with the configured rules: first the kind (whatever the apps
    registered), then that kind's fields."""
    _staff_only(request.user)
    soort = calculator.SOORTEN.get(request.GET.get("soort", ""))
    keuze = SoortForm(request.GET if request.GET and soort is None else None,
                      initial={"soort": soort.naam} if soort else None, auto_id="kies_%s")
    if keuze.is_bound:
        keuze.is_valid()  # an unknown kind: the error at the field
    form, uitkomst = None, None
    if soort is not None:
        ingevuld = any(k != "soort" for k in request.GET)
        form = CalculatorForm(request.GET if ingevuld else None, soort=soort, initial={"soort": soort.naam})
        if form.is_bound and form.is_valid():
            try:
                uitkomst = calculator.bereken(soort.naam, code_defaults=False, **form.waarden())
            except TermijnFout as exc:
                form.add_error(None, str(exc))
    regel = rules.get(uitkomst["regel"]) if uitkomst else None
    rijen = [(k.replace("_", " "), _als_datum(v)) for k, v in (uitkomst or {}).items() if k != "regel"]
    return render(request, "termijnen/rekenhulp.html", {"keuze": keuze, "soort": soort, "form": form,
                                                       "uitkomst": uitkomst, "rijen": rijen, "regel": regel})


@login_required
def mijn_termijnen(request):
    """My open clocks, soonest first, overdue clearly marked. Suspended ones (no date) last."""
    _staff_only(request.user)
    from django.db.models import F

    qs = (
        Clock.objects.for_user(request.user).open().select_related("school")
        .prefetch_related("opschortingen").order_by(F("uiterlijk").asc(nulls_last=True), "pk")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "termijnen/mijn_termijnen.html", {"page": page, "vandaag": timezone.localdate()})


@login_required
def regels(request):
    """Every rule the engine knows, with its source: for lawyers, testers and staff."""
    _staff_only(request.user)
    return render(request, "termijnen/regels.html", {"regels": rules.alle(), "zonder_klok": rules.ZONDER_EIGEN_KLOK})
