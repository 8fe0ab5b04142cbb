"""The thuiszitter's pages (issue #20 §1): the staff list, registering, the case page with its actions, through the
case kit (``portal.zaken.pagina``): 404 for whoever may not see the case."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.accounts.constants import Rol
from portal.audit.services import audit_view
from portal.basis.params import id_param
from portal.leerlingen.models import Inschrijving
from portal.leerlingen.selectors import leerlingen_op_scholen
from portal.zaken.models import Zaak
from portal.zaken.pagina import GEZIN, HANDELT, Actie, actie_view, eenmalig, formulieren, verwerk, zaak_of_404
from portal.zaken.services import relaties

from . import forms as f
from . import selectors as sel
from . import services as s
from .constants import KOPPELBAAR
from .models import LeerplichtSignaal, Thuiszitter
from .zaken import stap_leerling

STAF = frozenset({"school", "swv"})
# the lists page (#23 §4): they grow with the data and stopped at 500 rows before, which a reader could not reach
PER_PAGINA = 50
LEERPLICHT = frozenset({"leerplicht"})


def _is_staf(user) -> bool:
    return user.heeft_rol(Rol.IB, Rol.DIRECTEUR, Rol.SWV)


@login_required
def lijst(request):
    """The school's (or the SWV's) thuiszitters; the SWV's desk (after F-3) with ``?bureau=1``."""
    if not _is_staf(request.user):
        raise Http404
    bureau = request.GET.get("bureau") == "1"
    alles = request.GET.get("alles") == "1"
    zaken = Paginator(sel.lijst_voor(request.user, alleen_open=not alles, bureau=bureau), PER_PAGINA).get_page(
        request.GET.get("pagina"))
    zaken.object_list = sel.met_rijtekst(zaken.object_list, "sinds", "plan_volgende_datum")
    return render(request, "thuiszitters/lijst.html", {
        "zaken": zaken, "bureau": bureau, "alles": alles, "is_swv": request.user.heeft_rol(Rol.SWV) and bool(request.user.swv_ids()),
        "mag_registreren": bool(request.user.school_ids(Rol.IB, Rol.DIRECTEUR))})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def nieuw(request):
    """The school's IB'er or directeur registers a pupil of their school as a thuiszitter (S8)."""
    ids = request.user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if not ids:
        raise Http404
    leerlingen = leerlingen_op_scholen(ids)
    initial = {}
    nr = id_param(request.GET, "leerling") if request.method == "GET" else None
    if nr is not None:  # from a report of leerplicht
        initial["leerling"] = leerlingen.filter(pk=nr).values_list("pk", flat=True).first()
    form = f.RegistreerForm(request.POST or None, leerlingen=leerlingen, initial=initial)

    def doe(d):
        ins = (Inschrijving.objects.filter(leerling=d["leerling"], school_id__in=ids).select_related("school")
               .order_by("-van").first())
        return s.thuiszitter_registreer(
            leerling=d["leerling"], school=ins.school, door=request.user, sinds=d["sinds"], soort=d["soort"],
            reden=d["reden"], uren_per_week=d.get("uren_per_week"), toelichting=d.get("toelichting") or "")

    klaar, t = verwerk(request, form, doe, _("De thuiszitter is geregistreerd."))
    if klaar:
        return redirect("thuiszitters:detail", pk=t.pk)
    return render(request, "thuiszitters/nieuw.html", {"form": form})


def _detail(request, t, gebonden: dict | None = None, rel=None):
    """The case page. Staff (school, SWV) see everything; the leerplichtambtenaar of the pupil's municipality
    (``lp``) reads the facts, the plan, the absence hours per week (Lpw 21) and the follow-ups, and records their own
    — not the views of parents and pupil, not the free-text explanation; the family reads plain words."""
    rel = frozenset(relaties(request.user, t)) if rel is None else rel
    staf = bool(rel & STAF)
    lp = not staf and "leerplicht" in rel
    zelf = "leerling" in rel and not rel & {"ouder", "vertegenwoordiger"}  # the pupil's own account: "je"
    audit_view(actor=request.user, obj=t, leerling=t.leerling, omschrijving="Thuiszitter bekeken")
    gezin = not staf and not lp and bool(rel & GEZIN)
    gekoppeld = list(Zaak.objects.for_user(request.user).filter(
        pk__in=t.koppelingen.values("pk")).order_by("geopend_op", "pk"))
    return render(request, "thuiszitters/detail.html", {
        "t": t, "rel": rel, "staf": staf, "lp": lp, "zelf": zelf, "gezin": gezin,
        "stap": stap_leerling(t) if zelf else t.type.stap(t),
        "forms": formulieren(ACTIES, request, t, rel, gebonden) if t.is_open else {},
        "meningen": list(t.meningen.all()) if not lp else [],
        "verzuim": list(t.verzuimweken.all()) if staf or lp else [],
        "opvolgingen": list(t.opvolgingen.select_related("door")) if staf or lp else [],
        "gekoppeld": [(z, z.get_absolute_url("ouder" if gezin else "staf")) for z in gekoppeld],
        "klokken": [k for k in t.klokken.values() if not k.gesloten_op] if staf else [],
        "fout_in_formulier": bool(gebonden)})


@login_required
def detail(request, pk):
    t, rel = zaak_of_404(request.user, Thuiszitter, pk)
    return _detail(request, t, rel=rel)


def _mag_mening(request, t, rel) -> bool:
    return bool(rel & (STAF | HANDELT)) or ("leerling" in rel)


def _school(request, t, rel) -> bool:
    return "school" in rel


def _mening_form(data, files, t, r):
    rel = relaties(r.user, t)
    form = f.MeningForm(data, prefix="mening", staf=bool(rel & STAF))
    return form.voor_leerling() if "leerling" in rel and not rel & {"ouder", "vertegenwoordiger"} else form


def _koppel_keuzes(r, t):
    return (Zaak.objects.for_user(r.user).filter(leerling_id=t.leerling_id, zaaktype__in=KOPPELBAAR)
            .exclude(pk=t.pk).order_by("geopend_op", "pk"))


ACTIES = {
    "plan": Actie(
        form=lambda data, files, t, r: f.PlanForm(data, prefix="plan", initial={
            "wat": t.plan_wat, "wie": t.plan_wie, "volgende_datum": t.plan_volgende_datum}),
        mag=STAF, succes=_l("Het plan is bewaard."),
        doe=lambda r, t, d, form: s.plan_bewaar(thuiszitter=t, door=r.user, wat=d["wat"], wie=d["wie"],
                                                volgende_datum=d.get("volgende_datum"))),
    "verzuim": Actie(
        form=lambda data, files, t, r: f.VerzuimForm(data, prefix="verzuim"), mag=_school,
        succes=_l("Het verzuim is vastgelegd."),
        doe=lambda r, t, d, form: s.verzuim_leg_vast(thuiszitter=t, door=r.user, week=d["week"], uren=d["uren"])),
    "leerplicht": Actie(
        form=lambda data, files, t, r: f.LeerplichtForm(data, prefix="leerplicht"), mag=STAF,
        succes=_l("Vastgelegd dat leerplicht is geïnformeerd."),
        doe=lambda r, t, d, form: s.leerplicht_gemeld(thuiszitter=t, door=r.user, op=d["op"])),
    "mening": Actie(
        form=_mening_form,
        mag=_mag_mening, succes=_l("De mening is bewaard."),
        doe=lambda r, t, d, form: s.mening_leg_vast(thuiszitter=t, door=r.user, tekst=d["tekst"],
                                                    wie=d.get("wie") or "")),
    "beeindigen": Actie(
        form=lambda data, files, t, r: f.BeeindigForm(data, prefix="eind"), mag=STAF,
        succes=_l("De terugkeer naar onderwijs is vastgelegd."),
        doe=lambda r, t, d, form: s.thuiszitter_beeindig(thuiszitter=t, door=r.user, op=d["op"], waar=d["waar"],
                                                         uren=d["uren"], volledig=d["volledig"])),
    # the leerplichtambtenaar of the pupil's municipality: their follow-up, and nothing else (issue #20 §6)
    "opvolging": Actie(
        form=lambda data, files, t, r: f.OpvolgingForm(data, prefix="opvolging"), mag=LEERPLICHT,
        succes=_l("Uw opvolging is vastgelegd."),
        doe=lambda r, t, d, form: s.opvolging_leg_vast(thuiszitter=t, door=r.user, soort=d["soort"], op=d["op"],
                                                       notitie=d.get("notitie") or "")),
    # the cases meant to end this one (issue #20 §1 "Links")
    "koppelen": Actie(
        form=lambda data, files, t, r: f.KoppelForm(data, prefix="koppel", keuzes=_koppel_keuzes(r, t),
                                                    initial={"zaken": list(t.koppelingen.values_list("pk", flat=True))}),
        mag=STAF, succes=_l("De gekoppelde zaken zijn bewaard."),
        doe=lambda r, t, d, form: s.koppelingen_bewaar(thuiszitter=t, door=r.user,
                                                       zaken_ids=[z.pk for z in d["zaken"]])),
}
actie = actie_view(Thuiszitter, ACTIES, _detail)



# --- leerplicht (issue #20 §6) ---------------------------------------------------------------------------------

@login_required
def leerplicht_lijst(request):
    """The leerplichtambtenaar's thuiszitters: those living in their municipality, with their latest follow-up, and
    what they reported themselves. The same queries whatever the number of cases; the cases a page of ``PER_PAGINA``."""
    if not request.user.gemeente_ids(Rol.LEERPLICHT):
        raise Http404
    alles = request.GET.get("alles") == "1"
    zaken = Paginator(sel.leerplicht_lijst(request.user, alleen_open=not alles), PER_PAGINA).get_page(
        request.GET.get("pagina"))
    zaken.object_list = sel.met_rijtekst(sel.met_laatste_opvolging(zaken.object_list), "leerling__geboortedatum",
                                         "sinds", "leerplicht_gemeld_op", "laatste_opvolging")
    signalen = list(sel.signalen_van(request.user)[:50])
    return render(request, "thuiszitters/leerplicht.html", {"zaken": zaken, "signalen": signalen, "alles": alles})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def melden(request):
    """Leerplicht reports a child they know is at home: to the school where it is enrolled, else to an SWV."""
    if not (gemeente_ids := request.user.gemeente_ids(Rol.LEERPLICHT)):
        raise Http404
    form = f.SignaalForm(request.POST or None, gemeente_ids=gemeente_ids)

    def doe(d):
        return s.signaal_meld(door=request.user, voornamen=d["voornamen"], achternaam=d["achternaam"],
                              geboortedatum=d["geboortedatum"], sinds=d["sinds"], notitie=d.get("notitie") or "",
                              swv=d.get("swv"))

    klaar, sig = verwerk(request, form, doe, _("Uw melding is verstuurd."))
    if klaar:
        return redirect("thuiszitters:leerplicht_lijst")
    return render(request, "thuiszitters/melden.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def nieuw_swv(request):
    """The SWV registers a child not enrolled anywhere (absoluut verzuim, F-1), also from a report of leerplicht
    (``?signaal=``: its name and birth date filled in)."""
    from portal.organisaties.models import Samenwerkingsverband

    swv_ids = request.user.swv_ids() if request.user.heeft_rol(Rol.SWV) else set()
    if not swv_ids:
        raise Http404
    swvs = Samenwerkingsverband.objects.filter(pk__in=swv_ids).order_by("naam")
    signaal = None
    nr = id_param(request.GET, "signaal")
    if nr is not None:
        signaal = (LeerplichtSignaal.objects.filter(pk=nr, swv_id__in=swv_ids, school__isnull=True,
                                                    afgehandeld_op__isnull=True).select_related("leerling").first())
    initial = {}
    if signaal is not None:
        kind = signaal.leerling
        voornamen, _spatie, achternaam = (signaal.naam or "").partition(" ")
        initial = {"voornamen": kind.voornamen if kind else voornamen,
                   "achternaam": kind.achternaam if kind else achternaam,
                   "geboortedatum": kind.geboortedatum if kind else signaal.geboortedatum,
                   "woongemeente": signaal.gemeente_id, "sinds": signaal.sinds, "swv": signaal.swv_id}
    form = f.SWVRegistreerForm(request.POST or None, swvs=swvs, initial=initial)

    def doe(d):
        return s.swv_registreer_kind(
            door=request.user, swv=d["swv"], voornamen=d["voornamen"], roepnaam=d.get("roepnaam") or "",
            achternaam=d["achternaam"], geboortedatum=d["geboortedatum"], woongemeente=d["woongemeente"],
            sinds=d["sinds"], reden=d["reden"], toelichting=d.get("toelichting") or "", signaal=signaal)

    klaar, t = verwerk(request, form, doe, _("Het kind is geregistreerd als thuiszitter."))
    if klaar:
        return redirect("thuiszitters:detail", pk=t.pk)
    return render(request, "thuiszitters/nieuw_swv.html", {"form": form, "signaal": signaal})
