"""Shared pieces of the views: the one access helper per kind (404 for what the user may not see), the role of
the reader in a case, and the small POST action that parses one form, calls one service and redirects — a
refused form is shown again on the case page with status 200, the input kept and the error at the field."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from portal.accounts.constants import Rol

from ..services import GeschilFout


def zaak_of_404(user, model, pk, *related):
    """The one access helper for a case of this app: the kind's own access rule (and an active share)."""
    return get_object_or_404(model.objects.for_user(user).select_related("leerling", "school", "school__bestuur", "swv",
                                                                          *related), pk=pk)


def is_ouder(user, zaak) -> bool:
    """Acts for the pupil in this case: a parent with gezag over a minor, the adult pupil, or their curator or mentor
    (``hoorrecht.handelt_voor``, issue #17 §1)."""
    from portal.zaken.hoorrecht import handelt_voor, onderwerp_van

    return handelt_voor(user, zaak.leerling, onderwerp=onderwerp_van(zaak))


def is_school(user, zaak) -> bool:
    """IB'er or directeur of the case's school, or a member of its board."""
    if not zaak.school_id:
        return False
    return zaak.school_id in user.school_ids(Rol.IB, Rol.DIRECTEUR) or zaak.school.bestuur_id in user.bestuur_ids()


def is_helper(user, zaak) -> bool:
    from portal.zaken.models import Deling

    return Deling.objects.actief().filter(zaak_id=zaak.pk, gedeeld_met=user).exists()


@dataclass(frozen=True)
class Actie:
    """One action on a case page: its form, who may (``mag(request, zaak)``), what it does
    (``doe(request, zaak, cleaned_data, form)``), and what the user reads afterwards."""

    form: Callable  # (data, files, zaak, request) -> form
    mag: Callable
    doe: Callable
    succes: str


def actie_view(model, acties: dict[str, Actie], detail: Callable):
    """A POST-only view ``<kind>/<pk>/<actie>/``: 404 for an unknown action or someone who may not; a refused form
    goes back to ``detail(request, zaak, gebonden={actie: form})`` with status 200."""

    @login_required
    @require_POST
    def view(request, pk, actie):
        zaak = zaak_of_404(request.user, model, pk)
        a = acties.get(actie)
        if a is None or not a.mag(request, zaak):
            raise Http404
        form = a.form(request.POST, request.FILES, zaak, request)
        if form.is_valid():
            try:
                a.doe(request, zaak, form.cleaned_data, form)
            except GeschilFout as exc:  # at the field the service names, when the form has it
                form.add_error(exc.veld if getattr(exc, "veld", None) in form.fields else None, str(exc))
            else:
                messages.success(request, a.succes)
                return redirect(zaak.get_absolute_url())
        zaak = zaak_of_404(request.user, model, pk)
        return detail(request, zaak, gebonden={actie: form})

    return view
