"""The application's pages (issue #12), on the core's page kit (issue #18): ``zaak_of_404`` answers 404 for what the
user may not see and gives the reader's relations; the actions on the application page are declared (``ACTIES``);
a view parses one form, calls one service and redirects; a refused form is shown again with status 200, the input
kept and the error at the field."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from portal.audit.services import audit_view
from portal.zaken import hoorrecht
from portal.zaken.bezwaarregeling import bezwaar_mogelijk, bezwaarregeling
from portal.zaken.pagina import (
    HANDELT,
    Actie,
    actie_view,
    eenmalig,
    formulieren,
    is_gezin,
    verwerk,
    zaak_of_404,
)
from portal.zaken.services import relaties

from .. import forms as f
from .. import selectors as sel
from .. import services as s
from .. import wet
from ..constants import BESLIST, BIJ_SWV, Soort, Status, Uitkomst
from ..models import Toelaatbaarheidsverklaring
from ..toegang import ONDERWERP


def _tlv(request, pk, *relaties):
    """The application and the reader's relations; 404 unless the reader holds one of ``relaties`` (any, if none
    are named)."""
    tlv, rel = zaak_of_404(request.user, Toelaatbaarheidsverklaring, pk, *sel.DETAIL_RELATED)
    if relaties and not rel & set(relaties):
        raise Http404
    return tlv, rel


# --- a new application, and the draft -----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def nieuw(request):
    """A new application, in two steps: pupil and kind of school (a GET), then the application, with the SWV that
    decides shown and why (WPO 40 lid 8; WEC 40 lid 10–13; WVO 2020 art. 2.30)."""
    from portal.accounts.constants import Rol

    if not request.user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise Http404
    start = f.StartForm(request.GET if "leerling" in request.GET else None, leerlingen=sel.leerlingen_van(request.user))
    if not start.is_bound or not start.is_valid():
        return render(request, "tlv/nieuw.html", {"start": start})
    leerling, soort = start.cleaned_data["leerling"], start.cleaned_data["soort"]
    school = sel.school_van(request.user, leerling)
    if school is None:
        raise Http404
    opp_zaken = sel.opp_zaken_van(leerling, school)
    try:
        beslissend = wet.beslissend_swv(leerling=leerling, soort=soort, aanvragende_school=school)
        swv_fout = ""
    except wet.SwvOnbekend as exc:
        beslissend, swv_fout = None, str(exc)
    form = f.AanvraagForm(request.POST or None, opp_zaken=opp_zaken,
                          max_schooljaren=wet.max_schooljaren(beslissend.swv if beslissend else None), initial={
                              "soort": soort, "opp_zaak": opp_zaken.first(), "woongemeente": leerling.woongemeente_id})
    klaar, tlv = verwerk(request, form, lambda d: s.tlv_maak(
        school=school, leerling=leerling, soort=d["soort"], door=request.user, onderwijsbehoeften=d["onderwijsbehoeften"],
        geprobeerd=d["geprobeerd"], gevraagde_schooljaren=d["gevraagde_schooljaren"], opp_zaak=d.get("opp_zaak"),
        woongemeente=d.get("woongemeente"), buitenland=d["buitenland"], ontvangende_school=d.get("ontvangende_school")),
        _("De aanvraag staat klaar als concept. De ouders zijn gevraagd hun zienswijze te geven. Voeg de stukken toe en "
          "dien de aanvraag in."))
    if klaar:
        return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=leerling, leerling=leerling, omschrijving="TLV-aanvraag maken")
    return render(request, "tlv/nieuw.html", {"start": start, "form": form, "leerling": leerling, "school": school,
                                              "beslissend": beslissend, "swv_fout": swv_fout,
                                              "soort_label": Soort(soort).label})


@login_required
@require_http_methods(["GET", "POST"])
def bewerken(request, pk):
    tlv, _rel = _tlv(request, pk, "school")
    if tlv.status != Status.CONCEPT:
        raise Http404
    opp_zaken = sel.opp_zaken_van(tlv.leerling, tlv.aanvragende_school)
    form = f.AanvraagForm(request.POST or None, opp_zaken=opp_zaken, max_schooljaren=wet.max_schooljaren(tlv.swv_id),
                          initial={
        "soort": tlv.soort, "onderwijsbehoeften": tlv.onderwijsbehoeften, "geprobeerd": tlv.geprobeerd,
        "gevraagde_schooljaren": tlv.gevraagde_schooljaren, "opp_zaak": tlv.opp_zaak_id,
        "woongemeente": tlv.woongemeente_id or tlv.leerling.woongemeente_id, "buitenland": tlv.swv_grond == "buitenland",
        "ontvangende_school": tlv.ontvangende_school_id})
    klaar, _uit = verwerk(request, form, lambda d: s.tlv_wijzig(
        tlv=tlv, door=request.user, soort=d["soort"], onderwijsbehoeften=d["onderwijsbehoeften"],
        geprobeerd=d["geprobeerd"], gevraagde_schooljaren=d["gevraagde_schooljaren"], opp_zaak=d.get("opp_zaak"),
        woongemeente=d.get("woongemeente"), buitenland=d["buitenland"], ontvangende_school=d.get("ontvangende_school")),
        _("De aanvraag is bijgewerkt."))
    if klaar:
        return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=tlv, leerling=tlv.leerling, omschrijving="TLV-aanvraag bewerken")
    return render(request, "tlv/bewerken.html", {"tlv": tlv, "form": form})


# --- the application page -----------------------------------------------------------------------------------------

def _bezwaar(tlv):
    """The bezwaar running against the decision, and its clocks by rule id — read once per request."""
    if not hasattr(tlv, "_open_bezwaar"):
        b = sel.open_bezwaar(tlv)
        tlv._open_bezwaar = (b, b.klokken if b is not None else {})
    return tlv._open_bezwaar


def detail_pagina(request, tlv, gebonden=None, rel=None):
    """The application page for every reader, by relation: the family (the tracker in plain words, their view, the
    decision and what they can do), the applying school (the draft, the supplement), the SWV (assessing, the experts,
    the decision, the bezwaar's own steps), the expert (only their own advice, C-3) and a school of aanmelding or
    inschrijving that reads a decided TLV (C-7)."""
    user = request.user
    rel = rel if rel is not None else frozenset(relaties(user, tlv))  # after a refused action: computed here
    klokken = tlv.klokken
    besluit = sel.besluit_van(tlv)
    staf = bool(rel & {"school", "swv", "ondertekenaar", "deskundige"})
    toewijzingen = sel.toewijzingen(tlv)
    if "swv" in rel:
        zichtbare_adviezen = toewijzingen
    elif "deskundige" in rel:  # separately: an expert sees only their own request and advice (C-3)
        zichtbare_adviezen = [t for t in toewijzingen if t.deskundige_id == user.pk]
    else:
        zichtbare_adviezen = [t for t in toewijzingen if t.is_actief and t.heeft_advies]
    forms = formulieren(ACTIES, request, tlv, rel, gebonden)
    gezin = is_gezin(rel)
    bezwaren = sel.bezwaren(tlv) if besluit else []
    if gezin:  # in the parents' words, naming the SWV that decides (not a school board)
        for bz in bezwaren:
            bz.stand_ouder = bz.type.stap(bz).nu
    c6 = besluit.klokken.get("C-6") if besluit and besluit.is_bekend else None
    open_c6 = besluit is not None and c6 is not None and not c6.gesloten_op and bezwaar_mogelijk(besluit)
    vandaag = timezone.localdate()
    c4 = klokken.get("C-4")
    ctx = {
        "tlv": tlv, "zaak": tlv, "rel": rel, "staf": staf, "gezin": gezin,
        # who acts for the pupil in this matter (issue #17 §1): the parents of a minor; from 18 the pupil, or their
        # curator or mentor. A parent who only reads is told that the pupil decides now.
        "handelt": bool(rel & HANDELT), "alleen_inzage": gezin and not rel & HANDELT,
        "wie_handelt": hoorrecht.wie_handelt(tlv.leerling, onderwerp=ONDERWERP),
        # the tracker (zaken/_stap.html): the family reads the open decision term in plain words; staff read every
        # term below
        "stap": tlv.type.stap(tlv), "stap_klokken": [c4] if gezin and c4 and not c4.gesloten_op else [],
        "c4": c4, "c5": klokken.get("C-5"), "c6": c6,
        "c7": klokken.get("C-7"), "klokken": list(klokken.values()), "besluit": besluit,
        "mag_tekenen": besluit is not None and not besluit.ondertekend_op
        and sel.mag_tekenen(user, tlv),
        "documenten": sel.documenten_voor(tlv, user, rel) if "ontvangende_school" not in rel or staf else [],
        "aanvulling_verlopen": sel.aanvulling_verlopen(tlv),
        "brieven": sel.brieven(tlv), "verzoeken": sel.verzoeken(tlv),
        "adviezen": zichtbare_adviezen, "forms": forms, "fout_in_formulier": bool(gebonden),
        "ontbreekt": s.ontbreekt(tlv) if tlv.status == Status.CONCEPT else [],
        "zienswijze_van_ouder": s.zienswijze_van_ouder(tlv),
        "toestemming_status": tlv.toestemming.status_label() if tlv.toestemming_id else "",
        "swv_uitleg": s.swv_uitleg(tlv), "bezwaren": bezwaren,
        "bezwaar_mogelijk": open_c6 and bool(rel & HANDELT),
        # C-6: the applying school's IB'er or directeur may object too; the button while the 6 weeks run (a later
        # bezwaar with its reason, Awb 6:11, goes through the same form). A parent files as parent.
        "bezwaar_school": open_c6 and (c6.uiterlijk is None or vandaag <= c6.uiterlijk) and not rel & HANDELT
        and "school" in rel and bezwaarregeling("tlv").school_mag_indienen,
        "inzage": ("swv" in rel and tlv.bij_swv) or ("deskundige" in rel),
        "loket": sel.loket_van(tlv.swv_id),
        # C-7: until when the decision itself is kept (None: without an end, while valid or a procedure runs)
        "bewaren": ({"tot": s.besluit_bewaren_tot(tlv, vandaag=vandaag), "lopend": s.procedures_lopend(tlv)}
                    if "swv" in rel and besluit is not None and besluit.is_bekend else None),
    }
    if "swv" in rel:  # the bezwaar's own steps of the TLV (C-6b, C-6c) on this page; hearing and deciding on its own
        b, bk = _bezwaar(tlv)
        ctx["open_bezwaar"], ctx["bezwaar_klokken"] = b, list(bk.values())
    if ctx["inzage"]:
        ctx["opp"] = tlv.opp_zaak
        ctx["opp_documenten"] = sel.opp_documenten(tlv)
        ctx["arrangementen"] = sel.arrangementen(tlv)
    audit_view(actor=user, obj=tlv, leerling=tlv.leerling, omschrijving="TLV-aanvraag bekeken")
    return render(request, "tlv/detail.html", ctx)


@login_required
def detail(request, pk):
    tlv, rel = _tlv(request, pk)
    return detail_pagina(request, tlv, rel=rel)


# --- actions on the application page (POST) -----------------------------------------------------------------------

class _Leeg(f.PortalForm):
    pass


def _leeg(d, fl, tlv, r):
    return _Leeg(d)


def _mag(relaties, *statussen, als=None):
    """A check for ``Actie.mag``: one of ``relaties``, the application in one of ``statussen``, and ``als(tlv)``."""
    def mag(request, tlv, rel):
        return bool(rel & set(relaties)) and tlv.status in statussen and (als is None or als(tlv))
    return mag


def _lbt_open(tlv):
    b, klokken = _bezwaar(tlv)
    c6b = klokken.get("C-6b")
    return b is not None and c6b is not None and not c6b.gesloten_op


def _c6c_verdaagbaar(tlv):
    b, klokken = _bezwaar(tlv)
    c6c = klokken.get("C-6c")
    return b is not None and c6c is not None and not c6c.gesloten_op and not c6c.verlenging_weken


def _bezwaar_open(tlv):
    return _bezwaar(tlv)[0] is not None


def _naar_bezwaar(tlv):
    return tlv.get_absolute_url() + "#kop-bezwaar"


ACTIES = {
    "document": Actie(lambda d, fl, t, r: f.DocumentForm(d, fl, prefix="document"),
                      lambda r, t, c, fm: s.tlv_document_voeg_toe(tlv=t, door=r.user, bestand=c["bestand"],
                                                                  soort=c["soort"]),
                      _l("Het document is toegevoegd."), _mag({"school"}, Status.CONCEPT)),
    "toestemming": Actie(_leeg, lambda r, t, c, fm: s.tlv_toestemming_vraag(tlv=t, door=r.user),
                         _l("De ouders (of de leerling vanaf 16 jaar) zijn om toestemming gevraagd."),
                         _mag({"school"}, Status.CONCEPT)),
    "zienswijze_bevestig": Actie(
        _leeg, lambda r, t, c, fm: s.tlv_zienswijze_bevestig(tlv=t, ouder=r.user),
        _l("Dank u. U heeft bevestigd dat de zienswijze klopt."),
        _mag(HANDELT, Status.CONCEPT, als=lambda t: bool(t.zienswijze.strip()) and t.zienswijze_bevestigd_op is None)),
    "indienen": Actie(_leeg, lambda r, t, c, fm: s.tlv_dien_in(tlv=t, door=r.user),
                      _l("De aanvraag is ingediend bij het samenwerkingsverband."), _mag({"school"}, Status.CONCEPT)),
    "onvolledig": Actie(lambda d, fl, t, r: f.OnvolledigForm(d, prefix="onvolledig"),
                        lambda r, t, c, fm: s.tlv_onvolledig(tlv=t, door=r.user, omschrijving=c["omschrijving"],
                                                             antwoord_uiterlijk=c["antwoord_uiterlijk"]),
                        _l("De school is gevraagd de aanvraag aan te vullen. De beslistermijn staat stil vanaf morgen."),
                        _mag({"swv"}, Status.INGEDIEND)),
    "volledig": Actie(_leeg, lambda r, t, c, fm: s.tlv_volledig(tlv=t, door=r.user),
                      _l("De aanvraag is volledig. Vraag nu twee deskundigen om advies."),
                      _mag({"swv"}, Status.INGEDIEND)),
    "later": Actie(lambda d, fl, t, r: f.LaterForm(d, prefix="later"),
                   lambda r, t, c, fm: s.tlv_later_aankondigen(tlv=t, door=r.user, datum=c["datum"], reden=c["reden"]),
                   _l("De latere datum is meegedeeld aan de ouders en de school."),
                   _mag({"swv"}, *(st for st in BIJ_SWV if st != Status.AANVULLING))),
    "toewijzen": Actie(lambda d, fl, t, r: f.ToewijzingForm(d, prefix="toewijzen"),
                       lambda r, t, c, fm: s.tlv_deskundige_wijs_toe(tlv=t, door=r.user, deskundige=c["deskundige"],
                                                                     plaats=c["plaats"]),
                       _l("De deskundige is om advies gevraagd."),
                       _mag({"swv"}, Status.ADVIES, als=lambda t: len(t.actieve_toewijzingen()) < 2)),
    # C-7: the SWV records a beroep against its TLV decision; while it runs the decision is kept
    "beroep": Actie(lambda d, fl, t, r: f.BeroepForm(d, prefix="beroep", initial={"sinds": t.beroep_sinds,
                                                                                  "tot": t.beroep_tot}),
                    lambda r, t, c, fm: s.tlv_beroep_vastleggen(tlv=t, door=r.user, sinds=c["sinds"], tot=c.get("tot")),
                    _l("Het beroep is vastgelegd. Zolang het loopt, blijft het besluit bewaard."),
                    _mag({"swv"}, *BESLIST)),
    "intrekken": Actie(lambda d, fl, t, r: f.IntrekForm(d, prefix="intrekken"),
                       lambda r, t, c, fm: s.tlv_trek_in(tlv=t, door=r.user, reden=c["reden"]),
                       _l("De aanvraag is ingetrokken."), _mag({"school"}, Status.CONCEPT, *BIJ_SWV)),
    # C-6b, C-6c: the TLV's own steps on a bezwaar against its decision (the LBT's advice, Awb 7:13; verdaging, Awb
    # 7:10 lid 3). Hearing and preparing the decision on the bezwaar are the bezwaar's own page (geschillen:bezwaar).
    "lbt_gevraagd": Actie(
        lambda d, fl, t, r: f.LbtGevraagdForm(d, prefix="lbt_gevraagd", initial={"op": timezone.localdate()}),
        lambda r, t, c, fm: s.tlv_bezwaar_lbt_gevraagd(bezwaar=_bezwaar(t)[0], door=r.user, op=c["op"]),
        _l("Vastgelegd dat het advies van de LBT is gevraagd."), _mag({"swv"}, *BESLIST, als=_lbt_open),
        naar=_naar_bezwaar),
    "geen_lbt": Actie(
        lambda d, fl, t, r: f.RedenForm(d, prefix="geen_lbt"),
        lambda r, t, c, fm: s.tlv_bezwaar_geen_lbt(bezwaar=_bezwaar(t)[0], door=r.user, reden=c["reden"]),
        _l("Vastgelegd dat het bezwaar volledig wordt toegekend, zonder advies van de LBT."),
        _mag({"swv"}, *BESLIST, als=_lbt_open), naar=_naar_bezwaar),
    "lbt_advies": Actie(
        lambda d, fl, t, r: f.LbtAdviesForm(d, fl, prefix="lbt_advies"),
        lambda r, t, c, fm: s.tlv_bezwaar_lbt_advies(bezwaar=_bezwaar(t)[0], door=r.user, op=c["op"],
                                                     bestand=c["bestand"]),
        _l("Het advies van de LBT is bewaard bij het bezwaar."), _mag({"swv"}, *BESLIST, als=_bezwaar_open),
        naar=_naar_bezwaar),
    "verdagen": Actie(
        lambda d, fl, t, r: f.VerdaagForm(d, prefix="verdagen"),
        lambda r, t, c, fm: s.tlv_bezwaar_verdaag(bezwaar=_bezwaar(t)[0], door=r.user, weken=c["weken"],
                                                  reden=c["reden"]),
        _l("De beslissing is verdaagd; de indiener krijgt een brief."),
        _mag({"swv"}, *BESLIST, als=_c6c_verdaagbaar), naar=_naar_bezwaar),
}

actie = actie_view(Toelaatbaarheidsverklaring, ACTIES, detail_pagina)


# --- the parents' view --------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def zienswijze(request, pk):
    """The parents write their view (or the school writes it down, and the parents confirm it)."""
    tlv, rel = _tlv(request, pk, *HANDELT, "school")
    if tlv.status != Status.CONCEPT:
        raise Http404
    als_ouder = bool(rel & HANDELT)
    if not als_ouder and s.zienswijze_van_ouder(tlv):
        raise Http404  # the parents wrote it themselves: theirs
    if als_ouder:
        form = f.ZienswijzeOuderForm(request.POST or None, initial={"tekst": tlv.zienswijze})
    else:
        form = f.ZienswijzeSchoolForm(request.POST or None, request.FILES or None, initial={"tekst": tlv.zienswijze})
    if als_ouder:
        klaar, _uit = verwerk(request, form, lambda d: s.tlv_zienswijze_ouder(tlv=tlv, ouder=request.user,
                                                                            tekst=d["tekst"]),
                              _("Dank u. De zienswijze hoort nu bij de aanvraag."))
    else:
        klaar, _uit = verwerk(request, form, lambda d: s.tlv_zienswijze_school(
            tlv=tlv, door=request.user, tekst=d["tekst"], op_papier=d["op_papier"], bestand=d.get("bestand")),
            _("De zienswijze is vastgelegd."))
    if klaar:
        return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=tlv, leerling=tlv.leerling, omschrijving="Zienswijze geopend")
    return render(request, "tlv/zienswijze.html", {"tlv": tlv, "form": form, "als_ouder": als_ouder})


# --- completing the application (C-4) -----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
@eenmalig
def aanvullen(request, pk):
    """The applying school answers the SWV's request to complete the application; C-4 runs again from today."""
    tlv, _rel = _tlv(request, pk, "school")
    verzoek = sel.open_aanvulling(tlv)
    if tlv.status != Status.AANVULLING or verzoek is None:
        raise Http404
    form = f.AanvulForm(request.POST or None, request.FILES or None)
    klaar, _uit = verwerk(request, form, lambda d: s.tlv_aanvul(
        tlv=tlv, door=request.user, antwoord=d["antwoord"], bestanden=[d.get("bestand"), d.get("bestand_2")]),
        _("Dank u. De aanvulling is ontvangen; de beslistermijn loopt weer."))
    if klaar:
        return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=verzoek, leerling=tlv.leerling, omschrijving="Verzoek om aanvulling geopend")
    return render(request, "tlv/aanvullen.html", {"tlv": tlv, "verzoek": verzoek, "form": form})


# --- the decision (C-5) -------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def besluit(request, pk):
    """The SWV prepares the decision; it is signed on the core's signing page by someone mandated."""
    tlv, _rel = _tlv(request, pk, "swv")
    if tlv.status not in (Status.INGEDIEND, Status.BESLUITVORMING, Status.BESLUIT_VOORBEREID):
        raise Http404
    voorbereid = sel.voorbereid_besluit(tlv)
    standaard = Uitkomst.BUITEN_BEHANDELING if tlv.status == Status.INGEDIEND else Uitkomst.TOEGEKEND
    initial = {"uitkomst": voorbereid.uitkomst if voorbereid else standaard,
               "motivering": voorbereid.motivering if voorbereid else "",
               "toegekend_soort": tlv.toegekend_soort or tlv.soort, "categorie": tlv.categorie,
               "ingangsdatum": tlv.ingangsdatum or timezone.localdate(),
               "schooljaren": tlv.schooljaren or tlv.gevraagde_schooljaren or wet.standaard_schooljaren()}
    form = f.BesluitForm(request.POST or None, initial=initial, max_schooljaren=wet.max_schooljaren(tlv.swv_id))
    klaar, b = verwerk(request, form, lambda d: s.tlv_besluit_voorbereid(
        tlv=tlv, door=request.user, uitkomst=d["uitkomst"], motivering=d["motivering"],
        toegekend_soort=d.get("toegekend_soort") or "", categorie=d.get("categorie") or "",
        ingangsdatum=d.get("ingangsdatum"), schooljaren=d.get("schooljaren")),
        _("Het besluit is voorbereid en wacht op een handtekening van iemand met mandaat."))
    if klaar:
        if sel.mag_tekenen(request.user, tlv):
            return redirect("zaken:ondertekenen", pk=b.pk)
        return redirect("tlv:detail", pk=tlv.pk)
    audit_view(actor=request.user, obj=tlv, leerling=tlv.leerling, omschrijving="TLV-besluit voorbereiden")
    return render(request, "tlv/besluit.html", {"tlv": tlv, "form": form, "adviezen": sel.adviezen_binnen(tlv),
                                                "c4": tlv.klokken.get("C-4"), "c5": wet.c5_params()})
