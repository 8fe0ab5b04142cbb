"""The start page of the ondersteuning, per reader: the school's lists, the family's overview, the SWV's arrangements
with a part it pays or provides; a teacher goes to their pupils."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from portal.accounts.constants import Rol
from portal.basis.forms import SnelSelect
from portal.zaken import hoorrecht

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from ..constants import Status


@login_required
def home(request):
    user = request.user
    if user.school_ids(Rol.IB, Rol.DIRECTEUR):
        return _home_school(request)
    if user.heeft_rol(Rol.LEERKRACHT):
        return redirect("ondersteuning:leerkracht")
    if user.heeft_rol(Rol.OUDER, Rol.LEERLING, Rol.VERTEGENWOORDIGER):
        return _home_gezin(request)
    if user.swv_ids():
        page = Paginator(sel.arrangementen_voor_swv(user.swv_ids()), 50).get_page(request.GET.get("pagina"))
        return render(request, "ondersteuning/home_swv.html", {"page": page})
    raise Http404


def _home_school(request):
    ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    toon = request.GET.get("toon", "open")
    arrangementen = sel.arrangementen_van_school(ids)
    if toon != "alle":
        arrangementen = arrangementen.exclude(status=Status.BEEINDIGD)
    page = Paginator(arrangementen.order_by("-geopend_op"), 30).get_page(request.GET.get("pagina"))
    page.object_list = sel.met_rijtekst(page.object_list, "ondersteuning:detail", "evaluatie_uiterlijk")
    verzoeken = sel.met_rijtekst(sel.aanpassingen_van_school(ids).order_by("-status", "geopend_op")[:30],
                                 "ondersteuning:aanpassing", "antwoord_uiterlijk")
    return render(request, "ondersteuning/home_school.html", {
        "page": page, "toon": toon, "verzoeken": verzoeken,
        "bladen": sel.bladen_van_school(ids), "scholen": list(sel.eigen_scholen(request.user)),
        "f_blad": _blad_form(ids)})


def _blad_form(ids):
    """The form "Aanpassingenblad maken" with every pupil of the school without a sheet, rendered as one string (#23 §4):
    the same HTML as the form's own select, without a model and a widget template per pupil (a large school lists
    thousands). The POST (``blad_nieuw``) validates against the queryset as before."""
    form = f.BladNieuwForm(leerlingen=sel.leerlingen_zonder_blad(ids))
    veld = form.fields["leerling"]
    veld.widget = Keuzelijst([("", veld.empty_label), *sel.leerling_keuzes_zonder_blad(ids)], attrs=veld.widget.attrs)
    return form


class Keuzelijst(SnelSelect):
    """A ``<select>`` of ready (value, label) pairs, one string (#23 §4): Django normalises every choice set on a field
    or widget, twice per form; this one keeps the list as given and escapes each label once. Only for a select the
    page shows; the field still validates against its queryset."""

    def __init__(self, keuzes, attrs=None):
        super().__init__(attrs)
        self.keuzes = keuzes

    def render(self, name, value, attrs=None, renderer=None):
        from html import escape

        from django.forms.utils import flatatt
        from django.utils.safestring import mark_safe

        gekozen = "" if value is None else str(value)
        opties = "".join(f'<option value="{escape(str(v))}"{" selected" if str(v) == gekozen else ""}>{escape(str(label))}'
                         "</option>" for v, label in self.keuzes)
        final = self.build_attrs(self.attrs, attrs)
        return mark_safe(f'<select name="{escape(name)}"{flatatt(final)}>{opties}</select>')  # noqa: S308 (escaped)


def _home_gezin(request):
    user = request.user
    kinderen = sel.gezin_kinderen(user)
    jong = [k for k in kinderen if k.account_id == user.pk and not sel.is_twaalf_plus(k)]
    # Who may ask for an adjustment: whoever acts for a pupil (issue 17 §1, §4) — the parents of a minor, the adult
    # pupil themselves, a curator or mentor. A parent of an adult pupil reads (with consent) but does not ask.
    mag_vragen = hoorrecht.leerlingen_waarvoor(user, onderwerp=s.ONDERWERP).exists()
    # A parent of an adult pupil reads (with the pupil's consent) and is told who decides now.
    anderen_beslissen = [(k, hoorrecht.wie_handelt(k, onderwerp=s.ONDERWERP)) for k in kinderen
                         if k.account_id != user.pk and hoorrecht.is_meerderjarig(k)
                         and not hoorrecht.handelt_voor(user, k, onderwerp=s.ONDERWERP)]
    return render(request, "ondersteuning/home_gezin.html", sel.gezin_overzicht(user, kinderen) | {
        "jong": jong, "is_ouder": user.heeft_rol(Rol.OUDER), "mag_vragen": mag_vragen,
        "anderen_beslissen": anderen_beslissen,
        "zelf": any(k.account_id == user.pk and hoorrecht.is_meerderjarig(k) for k in kinderen)})
