"""The TLV's pages (issue #12). One access helper per model answers 404 for what the user may not see; a view
parses one form, calls one service and redirects; a refused form is shown again with status 200, the input kept
and the error at the field."""

import csv
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from geschillen.constants import BezwaarStatus
from portal.accounts.constants import Rol
from portal.audit.models import Actie as AuditActie
from portal.audit.services import audit_log, audit_view
from portal.documenten.pdf import render_pdf
from portal.leerlingen.models import Inschrijving, Leerling
from portal.organisaties.models import Mandaat
from portal.termijnen.models import Clock
from portal.zaken.models import Besluit, Zaak
from portal.zaken.services import ZaakFout

from . import forms as f
from . import services as s
from . import wet
from .constants import BESLIST, BIJ_SWV, DocumentSoort, Soort, Status, Uitkomst
from .models import Loket, Toelaatbaarheidsverklaring, Toewijzing
from .toegang import HANDELT, ONDERWERP, relaties

# --- access: one place per model ---------------------------------------------------------------------------------


def get_tlv_for_user_or_404(user, pk) -> Toelaatbaarheidsverklaring:
    return get_object_or_404(Toelaatbaarheidsverklaring.objects.for_user(user).select_related(
        "leerling", "swv", "aanvragende_school", "aanvragende_school__bestuur", "vorige_school", "woongemeente",
        "opp_zaak", "toestemming"), pk=pk)


def _tlv_als(request, pk, *rollen) -> tuple[Toelaatbaarheidsverklaring, set[str]]:
    tlv = get_tlv_for_user_or_404(request.user, pk)
    wie = relaties(request.user, tlv)
    if not wie & set(rollen):
        raise Http404
    return tlv, wie


def get_toewijzing_or_404(user, pk) -> Toewijzing:
    """An expert's own request for advice (while the application is with the experts), or — for the SWV that
    decides — any of its applications' requests."""
    t = get_object_or_404(Toewijzing.objects.select_related("tlv", "deskundige", "tlv__swv"), pk=pk)
    get_tlv_for_user_or_404(user, t.tlv_id)  # 404 unless the user may see the application at all
    if t.deskundige_id != user.pk and t.tlv.swv_id not in user.swv_ids():
        raise Http404
    return t


def _bezwaar_or_404(user, pk):
    """A bezwaar against a TLV decision, for the staff of the SWV that decided."""
    from geschillen.models import Bezwaar

    b = get_object_or_404(Bezwaar.objects.select_related("leerling", "swv", "betreft_besluit", "hoofdzaak",
                                                         "indienende_school"), pk=pk, betreft_besluit__besluittype="tlv")
    if b.swv_id not in user.swv_ids():
        raise Http404
    return b


# --- lists ---------------------------------------------------------------------------------------------------------

@login_required
def home(request):
    """The TLV desk for each role the user has: the SWV's applications (most urgent first), the school's own
    applications, the expert's requests for advice, the parents' applications for their children."""
    user = request.user
    swv_ids, school_ids = user.swv_ids(), user.school_ids(Rol.IB, Rol.DIRECTEUR)
    is_deskundige = user.heeft_rol(Rol.DESKUNDIGE)
    # the family: parents, the adult pupil, their curator or mentor (issue #17 §1)
    is_ouder = user.heeft_rol(Rol.OUDER, Rol.LEERLING, Rol.VERTEGENWOORDIGER)
    if not (swv_ids or school_ids or is_deskundige or is_ouder):
        raise Http404
    ctx = {"vandaag": timezone.localdate(), "statussen": Status.choices, "is_swv": bool(swv_ids),
           "is_school": bool(school_ids), "is_deskundige": is_deskundige, "is_ouder": is_ouder}
    c4 = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="C-4", gesloten_op__isnull=True)
    if swv_ids:
        status = request.GET.get("status", "open")
        qs = (Toelaatbaarheidsverklaring.objects.filter(swv_id__in=swv_ids).exclude(status=Status.CONCEPT)
              .select_related("leerling", "aanvragende_school").annotate(c4_uiterlijk=Subquery(c4.values("uiterlijk")[:1])))
        if status == "open":
            qs = qs.filter(status__in=BIJ_SWV)
        elif status in Status.values:
            qs = qs.filter(status=status)
        qs = qs.order_by(F("c4_uiterlijk").asc(nulls_last=True), "ingediend_op", "pk")
        ctx["page"] = Paginator(qs, 30).get_page(request.GET.get("pagina"))
        ctx["status"] = status
    if school_ids:
        ctx["school_aanvragen"] = list(
            Toelaatbaarheidsverklaring.objects.filter(aanvragende_school_id__in=school_ids).select_related("leerling", "swv")
            .annotate(c4_uiterlijk=Subquery(c4.values("uiterlijk")[:1])).order_by("-geopend_op")[:50])
    if is_deskundige:
        ctx["toewijzingen"] = list(Toewijzing.objects.filter(deskundige=user, ingetrokken_op__isnull=True)
                                   .select_related("tlv", "tlv__swv").order_by("advies_op", "-toegewezen_op")[:50])
    if is_ouder:
        from portal.zaken import hoorrecht

        ctx["kinderen_aanvragen"] = list(Toelaatbaarheidsverklaring.objects.filter(hoorrecht.gezin_leerling_q(user))
                                         .select_related("leerling", "swv", "aanvragende_school").order_by("-geopend_op"))
    return render(request, "tlv/home.html", ctx)


# --- the application ------------------------------------------------------------------------------------------------

def _veld_van(exc, form):
    """The field a service's refusal is about, when it is plainly one (the number of school years, C-5)."""
    tekst = str(exc)
    for veld in ("gevraagde_schooljaren", "schooljaren"):
        if veld in form.fields and "schooljaar" in tekst and "ten hoogste" in tekst:
            return veld
    return None


def _leerlingen_van(user):
    """C-2: pupils enrolled at, or aangemeld at, the user's school(s)."""
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    vandaag = timezone.localdate()
    ingeschreven = Inschrijving.objects.filter(school_id__in=ids).filter(
        Q(tot__isnull=True) | Q(tot__gte=vandaag)).values("leerling_id")
    aangemeld = Zaak.objects.filter(zaaktype="aanmelding", school_id__in=ids, afgesloten_op__isnull=True).values("leerling_id")
    return Leerling.objects.filter(Q(pk__in=ingeschreven) | Q(pk__in=aangemeld)).order_by("achternaam", "voornamen")


def _school_van(user, leerling):
    """The user's school where the pupil is enrolled or aangemeld."""
    from portal.organisaties.models import School

    for school in School.objects.filter(pk__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)).order_by("naam"):
        if s.leerling_bij_school(leerling, school):
            return school
    return None


@login_required
@require_http_methods(["GET", "POST"])
def nieuw(request):
    """A new application, in two steps: pupil and kind of school (a GET), then the application, with the SWV that
    decides shown and why (WPO 40 lid 8; WEC 40 lid 10–13; WVO 2020 art. 2.30)."""
    if not request.user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise Http404
    leerlingen = _leerlingen_van(request.user)
    start = f.StartForm(request.GET if "leerling" in request.GET else None, leerlingen=leerlingen)
    if not start.is_bound or not start.is_valid():
        return render(request, "tlv/nieuw.html", {"start": start})
    leerling, soort = start.cleaned_data["leerling"], start.cleaned_data["soort"]
    school = _school_van(request.user, leerling)
    if school is None:
        raise Http404
    opp_zaken = s.opp_zaken_van(leerling, school)
    try:
        beslissend = wet.beslissend_swv(leerling=leerling, soort=soort, aanvragende_school=school)
        swv_fout = ""
    except wet.SwvOnbekend as exc:
        beslissend, swv_fout = None, str(exc)
    form = f.AanvraagForm(request.POST or None, opp_zaken=opp_zaken,
                          max_schooljaren=wet.max_schooljaren(beslissend.swv if beslissend else None), initial={
                              "soort": soort, "opp_zaak": opp_zaken.first(), "woongemeente": leerling.woongemeente_id})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            tlv = s.tlv_maak(school=school, leerling=leerling, soort=d["soort"], door=request.user,
                             onderwijsbehoeften=d["onderwijsbehoeften"], geprobeerd=d["geprobeerd"],
                             gevraagde_schooljaren=d["gevraagde_schooljaren"], opp_zaak=d.get("opp_zaak"),
                             woongemeente=d.get("woongemeente"), buitenland=d["buitenland"],
                             ontvangende_school=d.get("ontvangende_school"))
        except s.TlvFout as exc:
            form.add_error(_veld_van(exc, form), str(exc))
        else:
            messages.success(request, _("De aanvraag staat klaar als concept. De ouders zijn gevraagd hun zienswijze te "
                                        "geven. Voeg de stukken toe en dien de aanvraag in."))
            return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=leerling, leerling=leerling, omschrijving="TLV-aanvraag maken")
    return render(request, "tlv/nieuw.html", {"start": start, "form": form, "leerling": leerling, "school": school,
                                              "beslissend": beslissend, "swv_fout": swv_fout,
                                              "soort_label": Soort(soort).label})


@login_required
@require_http_methods(["GET", "POST"])
def bewerken(request, pk):
    tlv, _wie = _tlv_als(request, pk, "school")
    if tlv.status != Status.CONCEPT:
        raise Http404
    opp_zaken = s.opp_zaken_van(tlv.leerling, tlv.aanvragende_school)
    form = f.AanvraagForm(request.POST or None, opp_zaken=opp_zaken, max_schooljaren=wet.max_schooljaren(tlv.swv_id),
                          initial={
        "soort": tlv.soort, "onderwijsbehoeften": tlv.onderwijsbehoeften, "geprobeerd": tlv.geprobeerd,
        "gevraagde_schooljaren": tlv.gevraagde_schooljaren, "opp_zaak": tlv.opp_zaak_id,
        "woongemeente": tlv.woongemeente_id or tlv.leerling.woongemeente_id, "buitenland": tlv.swv_grond == "buitenland",
        "ontvangende_school": tlv.ontvangende_school_id})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            s.tlv_wijzig(tlv=tlv, door=request.user, soort=d["soort"], onderwijsbehoeften=d["onderwijsbehoeften"],
                         geprobeerd=d["geprobeerd"], gevraagde_schooljaren=d["gevraagde_schooljaren"],
                         opp_zaak=d.get("opp_zaak"), woongemeente=d.get("woongemeente"), buitenland=d["buitenland"],
                         ontvangende_school=d.get("ontvangende_school"))
        except s.TlvFout as exc:
            form.add_error(_veld_van(exc, form), str(exc))
        else:
            messages.success(request, _("De aanvraag is bijgewerkt."))
            return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=tlv, leerling=tlv.leerling, omschrijving="TLV-aanvraag bewerken")
    return render(request, "tlv/bewerken.html", {"tlv": tlv, "form": form})


def _arrangementen(tlv) -> list[dict]:
    """The pupil's arrangement(s), as their kind summarises them (typed), for the SWV and the experts."""
    from portal.zaken.tracker import als_specifiek

    out = []
    for z in als_specifiek(list(Zaak.objects.filter(leerling=tlv.leerling, zaaktype="arrangement")
                                .order_by("-geopend_op")[:3])):
        samenvatting = z.type.samenvatting(z) if z.type.samenvatting else None
        out.append({"zaak": z, "s": samenvatting})
    return out


def _documenten_voor(tlv, user, wie) -> list:
    """The application's documents; an expert does not see the other expert's attachment (C-3: separately)."""
    docs = list(tlv.documenten.all())
    if "deskundige" in wie and not wie & {"swv", "school", "ouder"}:
        docs = [d for d in docs if d.soort != DocumentSoort.ADVIES or d.door_id == user.pk]
    return docs


def _detail(request, tlv, gebonden=None):
    gebonden = gebonden or {}
    user = request.user
    wie = relaties(user, tlv)
    klokken = tlv.klokken
    besluit = (Besluit.objects.filter(zaak_id=tlv.pk, besluittype="tlv", vervallen_op__isnull=True)
               .select_related("ondertekend_door").order_by("-pk").first())
    staf = bool(wie & {"school", "swv", "ondertekenaar", "deskundige"})
    toewijzingen = list(tlv.toewijzingen.select_related("deskundige", "document").all())
    if "swv" in wie:
        zichtbare_adviezen = toewijzingen
    elif "deskundige" in wie:  # separately: an expert sees only their own request and advice (C-3)
        zichtbare_adviezen = [t for t in toewijzingen if t.deskundige_id == user.pk]
    else:
        zichtbare_adviezen = [t for t in toewijzingen if t.is_actief and t.heeft_advies]
    forms = {naam: gebonden.get(naam) or a.form(None, None, tlv, request)
             for naam, a in ACTIES.items() if a.mag(wie, tlv)}
    from geschillen.models import Bezwaar
    from portal.zaken.bezwaarregeling import bezwaar_mogelijk, bezwaarregeling
    from geschillen.services import indienende_school

    bezwaren = (list(Bezwaar.objects.filter(betreft_besluit=besluit).select_related("indienende_school", "swv")
                     .order_by("-pk")) if besluit else [])
    familie = bool(wie & (HANDELT | {"leerling", "ouder_inzage"}))
    if familie:  # in the parents' words, naming the SWV that decides (not a school board)
        for bz in bezwaren:
            bz.stand_ouder = bz.type.stap(bz).nu
    c6 = besluit.klokken.get("C-6") if besluit and besluit.is_bekend else None
    open_c6 = besluit is not None and c6 is not None and not c6.gesloten_op and bezwaar_mogelijk(besluit)
    vandaag = timezone.localdate()
    ctx = {
        "tlv": tlv, "zaak": tlv, "wie": wie, "staf": staf, "is_ouder": familie,
        # who acts for the pupil in this matter (issue #17 §1): the parents of a minor; from 18 the pupil, or their
        # curator or mentor. A parent who only reads is told that the pupil decides now.
        "handelt": bool(wie & HANDELT), "alleen_inzage": familie and not wie & HANDELT,
        "wie_handelt": _wie_handelt(tlv),
        "voortgang": tlv.type.stap(tlv), "c4": klokken.get("C-4"), "c5": klokken.get("C-5"), "c6": c6,
        "c7": klokken.get("C-7"), "klokken": list(klokken.values()), "besluit": besluit,
        "mag_tekenen": besluit is not None and not besluit.ondertekend_op
        and Mandaat.objects.mag_tekenen(user, tlv, "tlv"),
        "documenten": _documenten_voor(tlv, user, wie) if "ontvangende_school" not in wie or staf else [],
        "aanvulling_verlopen": tlv.verzoeken.filter(soort="aanvulling_school", status="verlopen").exists(),
        "brieven": list(tlv.brieven.all()), "verzoeken": list(tlv.verzoeken.exclude(soort="toestemming")),
        "adviezen": zichtbare_adviezen, "forms": forms, "fout_in_formulier": bool(gebonden),
        "ontbreekt": s.ontbreekt(tlv) if tlv.status == Status.CONCEPT else [],
        "zienswijze_van_ouder": s.zienswijze_van_ouder(tlv),
        "toestemming_status": tlv.toestemming.status_label() if tlv.toestemming_id else "",
        "swv_uitleg": s.swv_uitleg(tlv), "bezwaren": bezwaren,
        "bezwaar_mogelijk": open_c6 and bool(wie & HANDELT),
        # C-6: the applying school's IB'er or directeur may object too; the button while the 6 weeks run (a later
        # bezwaar with its reason, Awb 6:11, goes through the same form). A parent files as parent.
        "bezwaar_school": open_c6 and (c6.uiterlijk is None or vandaag <= c6.uiterlijk) and not wie & HANDELT
        and "school" in wie and indienende_school(user, tlv, bezwaarregeling("tlv")) is not None,
        "inzage": ("swv" in wie and tlv.bij_swv) or ("deskundige" in wie),
        "loket": Loket.objects.filter(swv_id=tlv.swv_id).first(),
        # C-7: until when the decision itself is kept (None: without an end, while valid or a procedure runs)
        "bewaren": ({"tot": s.besluit_bewaren_tot(tlv, vandaag=vandaag), "lopend": s.procedures_lopend(tlv)}
                    if "swv" in wie and besluit is not None and besluit.is_bekend else None),
    }
    if ctx["inzage"]:
        ctx["opp"] = tlv.opp_zaak
        ctx["opp_documenten"] = list(tlv.opp_zaak.documenten.all()) if tlv.opp_zaak_id else []
        ctx["arrangementen"] = _arrangementen(tlv)
    audit_view(actor=user, obj=tlv, leerling=tlv.leerling, omschrijving="TLV-aanvraag bekeken")
    return render(request, "tlv/detail.html", ctx)


def _wie_handelt(tlv):
    from portal.zaken import hoorrecht

    return hoorrecht.wie_handelt(tlv.leerling, onderwerp=ONDERWERP)


@login_required
def detail(request, pk):
    return _detail(request, get_tlv_for_user_or_404(request.user, pk))


# --- actions on the application page (POST) ------------------------------------------------------------------------

@dataclass(frozen=True)
class Actie:
    """One action on the application page: its form, who may (``mag(relations, tlv)``), what it does, and what the
    user reads afterwards."""

    form: Callable  # (data, files, tlv, request) -> form
    mag: Callable
    doe: Callable  # (request, tlv, cleaned_data) -> None
    succes: str


class _Leeg(f.PortalForm):
    pass


def _leeg(d, fl, tlv, r):
    return _Leeg(d)


ACTIES = {
    "document": Actie(lambda d, fl, t, r: f.DocumentForm(d, fl, prefix="document"),
                      lambda wie, t: "school" in wie and t.status == Status.CONCEPT,
                      lambda r, t, c: s.tlv_document_voeg_toe(tlv=t, door=r.user, bestand=c["bestand"], soort=c["soort"]),
                      _("Het document is toegevoegd.")),
    "toestemming": Actie(_leeg, lambda wie, t: "school" in wie and t.status == Status.CONCEPT,
                         lambda r, t, c: s.tlv_toestemming_vraag(tlv=t, door=r.user),
                         _("De ouders (of de leerling vanaf 16 jaar) zijn om toestemming gevraagd.")),
    "zienswijze_bevestig": Actie(_leeg, lambda wie, t: bool(wie & HANDELT) and t.status == Status.CONCEPT
                                 and bool(t.zienswijze.strip()) and t.zienswijze_bevestigd_op is None,
                                 lambda r, t, c: s.tlv_zienswijze_bevestig(tlv=t, ouder=r.user),
                                 _("Dank u. U heeft bevestigd dat de zienswijze klopt.")),
    "indienen": Actie(_leeg, lambda wie, t: "school" in wie and t.status == Status.CONCEPT,
                      lambda r, t, c: s.tlv_dien_in(tlv=t, door=r.user),
                      _("De aanvraag is ingediend bij het samenwerkingsverband.")),
    "onvolledig": Actie(lambda d, fl, t, r: f.OnvolledigForm(d, prefix="onvolledig"),
                        lambda wie, t: "swv" in wie and t.status == Status.INGEDIEND,
                        lambda r, t, c: s.tlv_onvolledig(tlv=t, door=r.user, omschrijving=c["omschrijving"],
                                                         antwoord_uiterlijk=c["antwoord_uiterlijk"]),
                        _("De school is gevraagd de aanvraag aan te vullen. De beslistermijn staat stil vanaf morgen.")),
    "volledig": Actie(_leeg, lambda wie, t: "swv" in wie and t.status == Status.INGEDIEND,
                      lambda r, t, c: s.tlv_volledig(tlv=t, door=r.user),
                      _("De aanvraag is volledig. Vraag nu twee deskundigen om advies.")),
    "later": Actie(lambda d, fl, t, r: f.LaterForm(d, prefix="later"),
                   lambda wie, t: "swv" in wie and t.status in BIJ_SWV and t.status != Status.AANVULLING,
                   lambda r, t, c: s.tlv_later_aankondigen(tlv=t, door=r.user, datum=c["datum"], reden=c["reden"]),
                   _("De latere datum is meegedeeld aan de ouders en de school.")),
    "toewijzen": Actie(lambda d, fl, t, r: f.ToewijzingForm(d, prefix="toewijzen"),
                       lambda wie, t: "swv" in wie and t.status == Status.ADVIES and len(t.actieve_toewijzingen()) < 2,
                       lambda r, t, c: s.tlv_deskundige_wijs_toe(tlv=t, door=r.user, deskundige=c["deskundige"],
                                                                 plaats=c["plaats"]),
                       _("De deskundige is om advies gevraagd.")),
    # C-7: the SWV records a beroep against its TLV decision; while it runs the decision is kept
    "beroep": Actie(lambda d, fl, t, r: f.BeroepForm(d, prefix="beroep", initial={"sinds": t.beroep_sinds,
                                                                                  "tot": t.beroep_tot}),
                    lambda wie, t: "swv" in wie and t.status in BESLIST,
                    lambda r, t, c: s.tlv_beroep_vastleggen(tlv=t, door=r.user, sinds=c["sinds"], tot=c.get("tot")),
                    _("Het beroep is vastgelegd. Zolang het loopt, blijft het besluit bewaard.")),
    "intrekken": Actie(lambda d, fl, t, r: f.IntrekForm(d, prefix="intrekken"),
                       lambda wie, t: "school" in wie and t.status in (Status.CONCEPT, *BIJ_SWV),
                       lambda r, t, c: s.tlv_trek_in(tlv=t, door=r.user, reden=c["reden"]),
                       _("De aanvraag is ingetrokken.")),
}


@login_required
@require_POST
def actie(request, pk, actie):
    tlv = get_tlv_for_user_or_404(request.user, pk)
    a = ACTIES.get(actie)
    if a is None or not a.mag(relaties(request.user, tlv), tlv):
        raise Http404
    form = a.form(request.POST, request.FILES, tlv, request)
    if form.is_valid():
        try:
            a.doe(request, tlv, form.cleaned_data)
        except s.TlvFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, a.succes)
            return redirect("tlv:detail", pk=tlv.pk)
    return _detail(request, get_tlv_for_user_or_404(request.user, pk), gebonden={actie: form})


# --- the parents' view ------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def zienswijze(request, pk):
    """The parents write their view (or the school writes it down, and the parents confirm it)."""
    tlv, wie = _tlv_als(request, pk, *HANDELT, "school")
    if tlv.status != Status.CONCEPT:
        raise Http404
    als_ouder = bool(wie & HANDELT)
    if not als_ouder and s.zienswijze_van_ouder(tlv):
        raise Http404  # the parents wrote it themselves: theirs
    if als_ouder:
        form = f.ZienswijzeOuderForm(request.POST or None, initial={"tekst": tlv.zienswijze})
    else:
        form = f.ZienswijzeSchoolForm(request.POST or None, request.FILES or None, initial={"tekst": tlv.zienswijze})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if als_ouder:
                s.tlv_zienswijze_ouder(tlv=tlv, ouder=request.user, tekst=d["tekst"])
            else:
                s.tlv_zienswijze_school(tlv=tlv, door=request.user, tekst=d["tekst"], op_papier=d["op_papier"],
                                        bestand=d.get("bestand"))
        except s.TlvFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Dank u. De zienswijze hoort nu bij de aanvraag.") if als_ouder
                             else _("De zienswijze is vastgelegd."))
            return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=tlv, leerling=tlv.leerling, omschrijving="Zienswijze geopend")
    return render(request, "tlv/zienswijze.html", {"tlv": tlv, "form": form, "als_ouder": als_ouder})


# --- completing the application (C-4) ---------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def aanvullen(request, pk):
    """The applying school answers the SWV's request to complete the application; C-4 runs again from today."""
    tlv, _wie = _tlv_als(request, pk, "school")
    verzoek = tlv.verzoeken.filter(soort="aanvulling_school", status="open").first()
    if tlv.status != Status.AANVULLING or verzoek is None:
        raise Http404
    form = f.AanvulForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            s.tlv_aanvul(tlv=tlv, door=request.user, antwoord=d["antwoord"], bestanden=[d.get("bestand"), d.get("bestand_2")])
        except s.TlvFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Dank u. De aanvulling is ontvangen; de beslistermijn loopt weer."))
            return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=verzoek, leerling=tlv.leerling, omschrijving="Verzoek om aanvulling geopend")
    return render(request, "tlv/aanvullen.html", {"tlv": tlv, "verzoek": verzoek, "form": form})


# --- the decision (C-5) ------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def besluit(request, pk):
    """The SWV prepares the decision; it is signed on the core's signing page by someone mandated."""
    tlv, _wie = _tlv_als(request, pk, "swv")
    if tlv.status not in (Status.INGEDIEND, Status.BESLUITVORMING, Status.BESLUIT_VOORBEREID):
        raise Http404
    voorbereid = Besluit.objects.filter(zaak_id=tlv.pk, besluittype="tlv", vervallen_op__isnull=True,
                                        ondertekend_op__isnull=True).first()
    standaard = Uitkomst.BUITEN_BEHANDELING if tlv.status == Status.INGEDIEND else Uitkomst.TOEGEKEND
    initial = {"uitkomst": voorbereid.uitkomst if voorbereid else standaard,
               "motivering": voorbereid.motivering if voorbereid else "",
               "toegekend_soort": tlv.toegekend_soort or tlv.soort, "categorie": tlv.categorie,
               "ingangsdatum": tlv.ingangsdatum or timezone.localdate(),
               "schooljaren": tlv.schooljaren or tlv.gevraagde_schooljaren or wet.standaard_schooljaren()}
    form = f.BesluitForm(request.POST or None, initial=initial, max_schooljaren=wet.max_schooljaren(tlv.swv_id))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            b = s.tlv_besluit_voorbereid(tlv=tlv, door=request.user, uitkomst=d["uitkomst"], motivering=d["motivering"],
                                         toegekend_soort=d.get("toegekend_soort") or "", categorie=d.get("categorie") or "",
                                         ingangsdatum=d.get("ingangsdatum"), schooljaren=d.get("schooljaren"))
        except s.TlvFout as exc:
            form.add_error(_veld_van(exc, form), str(exc))
        else:
            messages.success(request, _("Het besluit is voorbereid en wacht op een handtekening van iemand met mandaat."))
            if Mandaat.objects.mag_tekenen(request.user, tlv, "tlv"):
                return redirect("zaken:ondertekenen", pk=b.pk)
            return redirect("tlv:detail", pk=tlv.pk)
    adviezen = [t for t in tlv.toewijzingen.all() if t.is_actief and t.heeft_advies]
    audit_view(actor=request.user, obj=tlv, leerling=tlv.leerling, omschrijving="TLV-besluit voorbereiden")
    return render(request, "tlv/besluit.html", {"tlv": tlv, "form": form, "adviezen": adviezen,
                                                "c4": tlv.klokken.get("C-4"), "c5": wet.c5_params()})


# --- the experts (C-3) ---------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def advies(request, pk):
    """The expert's page: the application as submitted, the OPP and arrangement, and their own advice."""
    t = get_toewijzing_or_404(request.user, pk)
    if t.deskundige_id != request.user.pk:
        raise Http404
    tlv = get_tlv_for_user_or_404(request.user, t.tlv_id)
    mag = t.is_actief and not t.heeft_advies and tlv.status == Status.ADVIES
    form = f.AdviesForm(request.POST or None, request.FILES or None, met_categorie=tlv.soort in ("so", "vso")) if mag else None
    belang = f.BelangForm(prefix="belang") if mag else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            d = form.cleaned_data
            try:
                s.tlv_advies_geef(toewijzing=t, deskundige=request.user, conclusie=d["conclusie"], advies=d["advies"],
                                  categorie=d.get("categorie") or "", bestand=d.get("bestand"))
            except s.TlvFout as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Dank u. Uw advies is gegeven."))
                return redirect("tlv:advies", pk=t.pk)
    audit_view(actor=request.user, obj=tlv, leerling=tlv.leerling, omschrijving="TLV-aanvraag bekeken (deskundige)")
    return render(request, "tlv/advies.html", {
        "t": t, "tlv": tlv, "form": form, "belang": belang,
        "documenten": _documenten_voor(tlv, request.user, {"deskundige"}),
        "opp": tlv.opp_zaak, "opp_documenten": list(tlv.opp_zaak.documenten.all()) if tlv.opp_zaak_id else [],
        "arrangementen": _arrangementen(tlv), "swv_uitleg": s.swv_uitleg(tlv)})


@login_required
@require_POST
def belang(request, pk):
    t = get_toewijzing_or_404(request.user, pk)
    if t.deskundige_id != request.user.pk:
        raise Http404
    form = f.BelangForm(request.POST, prefix="belang")
    if form.is_valid():
        try:
            s.tlv_belang_meld(toewijzing=t, deskundige=request.user, reden=form.cleaned_data["reden"])
        except s.TlvFout as exc:
            messages.error(request, str(exc))
            return redirect("tlv:home")
        messages.success(request, _("Uw melding is vastgelegd. Het samenwerkingsverband vraagt een andere deskundige."))
        return redirect("tlv:home")
    tlv = get_tlv_for_user_or_404(request.user, t.tlv_id)
    return render(request, "tlv/advies.html", {
        "t": t, "tlv": tlv, "form": f.AdviesForm(met_categorie=tlv.soort in ("so", "vso")), "belang": form,
        "documenten": _documenten_voor(tlv, request.user, {"deskundige"}), "opp": tlv.opp_zaak,
        "opp_documenten": list(tlv.opp_zaak.documenten.all()) if tlv.opp_zaak_id else [],
        "arrangementen": _arrangementen(tlv), "swv_uitleg": s.swv_uitleg(tlv), "fout_in_formulier": True})


@login_required
@require_POST
def toewijzing_intrekken(request, pk):
    t = get_toewijzing_or_404(request.user, pk)
    if t.tlv.swv_id not in request.user.swv_ids():
        raise Http404
    form = f.RedenForm(request.POST, prefix=f"intrek{t.pk}")
    if form.is_valid():
        try:
            s.tlv_toewijzing_trek_in(toewijzing=t, door=request.user, reden=form.cleaned_data["reden"])
        except s.TlvFout as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("De adviesvraag is ingetrokken. Vraag een andere deskundige."))
    else:
        messages.error(request, _("Geef de reden waarom u de adviesvraag intrekt."))
    return redirect("tlv:detail", pk=t.tlv_id)


@login_required
def advies_pdf(request, pk):
    """One advice as PDF, rendered from its frozen record (an advice cannot change once given): for the SWV, the
    parents, the applying school and its author — not for the other expert (C-3: separately)."""
    t = get_object_or_404(Toewijzing.objects.select_related("tlv", "deskundige"), pk=pk, advies_op__isnull=False)
    tlv = get_tlv_for_user_or_404(request.user, t.tlv_id)
    wie = relaties(request.user, tlv)
    if not (wie & {"swv", "ouder", "leerling", "school"} or t.deskundige_id == request.user.pk) or not t.is_actief:
        raise Http404
    audit_view(actor=request.user, obj=t, leerling=tlv.leerling, download=True, omschrijving="Deskundigenadvies (PDF)")
    pdf = render_pdf("tlv/pdf/advies.html", {"t": t, "zaak": tlv, "tlv": tlv, "leerling": tlv.leerling,
                                             "titel": _("Deskundigenadvies"), "brief": {"aangemaakt_op": t.advies_op}})
    return HttpResponse(pdf, content_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="deskundigenadvies-{t.pk}.pdf"'})


# --- the register (C-5) ----------------------------------------------------------------------------------------------------

def _register_qs(request):
    swv_ids = request.user.swv_ids()
    if not swv_ids:
        raise Http404
    qs = (Toelaatbaarheidsverklaring.objects.filter(swv_id__in=swv_ids, tlv_nummer__isnull=False)
          .select_related("leerling", "aanvragende_school", "swv").order_by("-ingangsdatum", "-pk"))
    geldig = request.GET.get("geldig", "")
    vandaag = timezone.localdate()
    if geldig == "ja":
        qs = qs.filter(einddatum__gte=vandaag)
    elif geldig == "nee":
        qs = qs.filter(einddatum__lt=vandaag)
    soort = request.GET.get("soort", "")
    if soort in Soort.values:
        qs = qs.filter(toegekend_soort=soort)
    return qs, geldig, soort


@login_required
def register(request):
    """The SWV's register of granted TLVs: number, pupil, type, category, dates."""
    qs, geldig, soort = _register_qs(request)
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "tlv/register.html", {"page": page, "geldig": geldig, "soort": soort, "soorten": Soort.choices,
                                                 "vandaag": timezone.localdate(), "query": request.GET.urlencode()})


def _csv_veilig(waarde) -> str:
    """No formula injection in a spreadsheet: a cell never starts with =, +, - or @."""
    tekst = "" if waarde is None else str(waarde)
    return "'" + tekst if tekst[:1] in ("=", "+", "-", "@", "\t", "\r") else tekst


@login_required
def register_csv(request):
    qs, _geldig, _soort = _register_qs(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="tlv-register.csv"'})
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    w = csv.writer(response, delimiter=";")
    w.writerow(["TLV-nummer", "Leerling", "Geboortedatum", "Soort onderwijs", "Categorie", "Geldig vanaf",
                "Geldig tot en met", "Aanvragende school", "Samenwerkingsverband", "Status"])
    n = 0
    for t in qs.iterator(chunk_size=2000):
        w.writerow([_csv_veilig(x) for x in (
            t.tlv_nummer, t.leerling.naam, t.leerling.geboortedatum.isoformat(), t.get_toegekend_soort_display(),
            t.categorie, t.ingangsdatum.isoformat() if t.ingangsdatum else "", t.einddatum.isoformat() if t.einddatum else "",
            t.aanvragende_school.naam, t.swv.naam, t.status_staf)])
        n += 1
    swv = next(m.swv for m in request.user.lidmaatschappen if m.rol == Rol.SWV and m.swv_id)
    audit_log(actor=request.user, actie=AuditActie.GEDOWNLOAD, obj=swv, label=f"TLV-register {swv}",
              omschrijving=f"TLV-register geëxporteerd (CSV, {n} regels)")
    return response


# --- the TLV desk ------------------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def loket(request):
    """The SWV's TLV desk: the addresses its letters name (the bezwaar address is required for a decision)."""
    from portal.organisaties.models import Samenwerkingsverband

    ids = request.user.swv_ids()
    if not ids:
        raise Http404
    swv = Samenwerkingsverband.objects.filter(pk__in=ids).order_by("naam").first()
    bestaand = Loket.objects.filter(swv=swv).first()
    inst = s.instellingen(swv)
    initial = {k: getattr(bestaand, k) for k in (
        "naam", "postadres", "bezwaar_adres", "email", "telefoon")} if bestaand else {"naam": _("TLV-loket")}
    initial |= {"max_schooljaren": inst.max_schooljaren, "archief_jaren": inst.archief_jaren}
    form = f.LoketForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            s.loket_bewaar(swv=swv, door=request.user, **form.cleaned_data)
        except s.TlvFout as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het loket is bijgewerkt."))
            return redirect("tlv:home")
    return render(request, "tlv/loket.html", {"form": form, "swv": swv})


# --- a bezwaar against a TLV decision (C-6) -----------------------------------------------------------------------------------
# The TLV's own steps (the LBT's advice C-6b, verdaging C-6c) and — on the bezwaar case kind's services, which ask the
# TLV's regeling who may — hearing the one who objected (Awb 7:2) and preparing the decision on the bezwaar, signed
# on the core's signing page by someone the SWV mandated for 'bezwaar'.

def _hoor_form(d, fl, b):
    from geschillen.forms import HoorForm

    form = HoorForm(d, fl, prefix="horen", initial={"gehoord_op": timezone.localdate()})
    if b.door_school:
        form.fields["afgezien"].label = _("De school ziet af van horen")
    return form


def _beslissing_form(d, fl, b):
    from geschillen.forms import BezwaarBeslissingForm

    beslissing = b.beslissing
    initial = ({"uitkomst": beslissing.uitkomst, "motivering": beslissing.motivering}
               if beslissing is not None and not beslissing.ondertekend_op else {})
    return BezwaarBeslissingForm(d, prefix="beslissing", initial=initial)


def _hoor(r, b, c):
    from geschillen import services as g

    return g.bezwaar_hoor(bezwaar=b, door=r.user, gehoord_op=c.get("gehoord_op"), afgezien=c["afgezien"],
                          verslag=c["verslag"], bestand=c.get("bestand"))


def _beslis(r, b, c):
    from geschillen import services as g

    return g.bezwaar_beslissing_voorbereid(bezwaar=b, door=r.user, uitkomst=c["uitkomst"], motivering=c["motivering"])


def _lbt_open(b):
    c6b = b.klokken.get("C-6b")
    return c6b is not None and not c6b.gesloten_op


def _c6c_verdaagbaar(b):
    c6c = b.klokken.get("C-6c")
    return c6c is not None and not c6c.gesloten_op and not c6c.verlenging_weken


@dataclass(frozen=True)
class BezwaarActie:
    form: Callable  # (data, files, bezwaar) -> form
    mag: Callable  # (bezwaar) -> bool, for an open bezwaar
    doe: Callable  # (request, bezwaar, cleaned_data)
    succes: str


_HOREN = (BezwaarStatus.INGEDIEND, BezwaarStatus.GEHOORD)
_BESLISSEN = (BezwaarStatus.INGEDIEND, BezwaarStatus.GEHOORD, BezwaarStatus.VOORBEREID)

BEZWAAR_ACTIES = {
    "lbt_gevraagd": BezwaarActie(
        lambda d, fl, b: f.LbtGevraagdForm(d, prefix="lbt_gevraagd", initial={"op": timezone.localdate()}), _lbt_open,
        lambda r, b, c: s.tlv_bezwaar_lbt_gevraagd(bezwaar=b, door=r.user, op=c["op"]),
        _("Vastgelegd dat het advies van de LBT is gevraagd.")),
    "geen_lbt": BezwaarActie(
        lambda d, fl, b: f.RedenForm(d, prefix="geen_lbt"), _lbt_open,
        lambda r, b, c: s.tlv_bezwaar_geen_lbt(bezwaar=b, door=r.user, reden=c["reden"]),
        _("Vastgelegd dat het bezwaar volledig wordt toegekend, zonder advies van de LBT.")),
    "lbt_advies": BezwaarActie(
        lambda d, fl, b: f.LbtAdviesForm(d, fl, prefix="lbt_advies"), lambda b: True,
        lambda r, b, c: s.tlv_bezwaar_lbt_advies(bezwaar=b, door=r.user, op=c["op"], bestand=c["bestand"]),
        _("Het advies van de LBT is bewaard bij het bezwaar.")),
    "verdagen": BezwaarActie(
        lambda d, fl, b: f.VerdaagForm(d, prefix="verdagen"), _c6c_verdaagbaar,
        lambda r, b, c: s.tlv_bezwaar_verdaag(bezwaar=b, door=r.user, weken=c["weken"], reden=c["reden"]),
        _("De beslissing is verdaagd; de indiener krijgt een brief.")),
    "horen": BezwaarActie(_hoor_form, lambda b: b.status in _HOREN, _hoor, _("Het horen is vastgelegd.")),
    "beslissing": BezwaarActie(_beslissing_form, lambda b: b.status in _BESLISSEN, _beslis,
                               _("De beslissing is voorbereid en wacht op een handtekening van iemand met mandaat.")),
}


def _bezwaar_detail(request, b, gebonden=None):
    gebonden = gebonden or {}
    klokken = b.klokken
    forms = {}
    if b.is_open:
        forms = {naam: gebonden.get(naam) or a.form(None, None, b) for naam, a in BEZWAAR_ACTIES.items() if a.mag(b)}
    beslissing = b.beslissing
    audit_view(actor=request.user, obj=b, leerling=b.leerling, omschrijving="TLV-bezwaar bekeken")
    return render(request, "tlv/bezwaar.html", {
        "b": b, "tlv": b.hoofdzaak, "besluit": b.betreft_besluit, "klokken": list(klokken.values()),
        "c6b": klokken.get("C-6b"), "c6c": klokken.get("C-6c"), "forms": forms, "documenten": list(b.documenten.all()),
        "brieven": list(b.brieven.all()), "beslissing": beslissing, "fout_in_formulier": bool(gebonden),
        "mag_tekenen": beslissing is not None and not beslissing.ondertekend_op
        and Mandaat.objects.mag_tekenen(request.user, b, "bezwaar")})


@login_required
def bezwaar(request, pk):
    return _bezwaar_detail(request, _bezwaar_or_404(request.user, pk))


@login_required
@require_POST
def bezwaar_actie(request, pk, actie):
    b = _bezwaar_or_404(request.user, pk)
    a = BEZWAAR_ACTIES.get(actie)
    if a is None or not b.is_open or not a.mag(b):
        raise Http404
    form = a.form(request.POST, request.FILES, b)
    if form.is_valid():
        try:
            uit = a.doe(request, b, form.cleaned_data)
        except ZaakFout as exc:  # the TLV's own refusals and those of the bezwaar case kind
            veld = getattr(exc, "veld", None)
            form.add_error(veld if veld in form.fields else None, str(exc))
        else:
            messages.success(request, a.succes)
            if actie == "beslissing" and Mandaat.objects.mag_tekenen(request.user, b, "bezwaar"):
                return redirect("zaken:ondertekenen", pk=uit.pk)
            return redirect(reverse("tlv:bezwaar", args=[b.pk]))
    return _bezwaar_detail(request, _bezwaar_or_404(request.user, pk), gebonden={actie: form})
