from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from . import calculator, rules
from .dates import TermijnFout
from .forms import CalculatorForm
from .models import Clock


def _als_datum(waarde):
    """ISO dates of the calculator become dates, so the page shows them the Dutch way."""
    from datetime import date

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
    """The calculator of `manage.py termijn` as a page, with the configured rules."""
    _staff_only(request.user)
    form = CalculatorForm(request.GET or None)
    uitkomst = None
    if request.GET and form.is_valid():
        d = form.cleaned_data
        opschorting = [(d["opschorting_van"], d["opschorting_tot"])] if d.get("opschorting_van") else []
        try:
            soort = d["soort"]
            if soort == "aanmelding":
                uitkomst = calculator.aanmelding(d["datum"], opschorting, d.get("verlenging"), d.get("geboortedatum"),
                                                 code_defaults=False)
            elif soort == "opp":
                uitkomst = calculator.opp(d["datum"], code_defaults=False)
            elif soort == "tlv":
                uitkomst = calculator.tlv(d["datum"], opschorting, code_defaults=False)
            elif soort == "tlv-einddatum":
                uitkomst = calculator.tlv_einddatum(d["datum"], d["schooljaren"], code_defaults=False)
            elif soort == "bezwaar":
                uitkomst = calculator.bezwaar(d["datum"], sector=d.get("sector") or None,
                                              denominatie=d.get("denominatie") or None, ontvangen=d.get("ontvangen"),
                                              ter_post=d.get("ter_post"), geschil=opschorting[0] if opschorting else None,
                                              code_defaults=False)
            elif soort == "schorsing":
                uitkomst = calculator.schorsing(d["datum"], ontvangen=d.get("ontvangen"), ter_post=d.get("ter_post"),
                                                code_defaults=False)
            elif soort == "geschil-reactie":
                uitkomst = calculator.geschil_reactie(d["datum"], code_defaults=False)
            elif soort == "klacht-reactie":
                uitkomst = calculator.klacht_reactie(d["datum"], code_defaults=False)
            elif soort == "geschil":
                if d.get("geschil_ontvangen"):
                    uitkomst = calculator.geschil(ontvangen=d["datum"], code_defaults=False)
                else:
                    uitkomst = calculator.geschil(besluit=d["datum"], code_defaults=False)
        except TermijnFout as exc:
            form.add_error(None, str(exc))
    regel = rules.get(uitkomst["regel"]) if uitkomst else None
    rijen = [(k.replace("_", " "), _als_datum(v)) for k, v in (uitkomst or {}).items() if k != "regel"]
    return render(request, "termijnen/rekenhulp.html", {"form": form, "uitkomst": uitkomst, "rijen": rijen, "regel": regel})


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
