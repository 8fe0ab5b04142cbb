"""The TLV as a case kind of the core (issue #12): its status table, access rule, the reader's relations of its own,
decision, letters, timeline texts, the tracker line and what staff see waiting, its bezwaarregeling (C-6), and every
other hook it fills (``register``, called once from ``AppConfig.ready``). Parent texts: plain B1 Dutch, no rule ids."""

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.documenten.registry import register_brief, register_swv_adres
from portal.meldingen.tekst import waarde
from portal.zaken.registry import (
    Besluittype,
    Stap,
    Status,
    Taak,
    Zaaktype,
    overgang,
    register_besluittype,
    register_taken,
    register_zaaktype,
)

from .constants import BriefSoort, Uitkomst
from .constants import Status as S

ONDERWEG = (S.INGEDIEND, S.AANVULLING, S.ADVIES, S.BESLUITVORMING, S.BESLUIT_VOORBEREID)

STATUSSEN = (
    Status(S.CONCEPT, _l("Concept bij de school"), _l("De school maakt de aanvraag")),
    Status(S.INGEDIEND, _l("Ingediend: volledigheid beoordelen"), _l("Het samenwerkingsverband bekijkt de aanvraag")),
    Status(S.AANVULLING, _l("Onvolledig: wacht op aanvulling van de school"), _l("De school vult de aanvraag aan")),
    Status(S.ADVIES, _l("Volledig: deskundigen adviseren"), _l("Twee deskundigen geven advies")),
    Status(S.BESLUITVORMING, _l("Adviezen binnen: besluit voorbereiden"),
           _l("Het samenwerkingsverband neemt een besluit")),
    Status(S.BESLUIT_VOORBEREID, _l("Besluit klaar voor ondertekening"), _l("Het samenwerkingsverband neemt een besluit")),
    Status(S.TOEGEKEND, _l("Toegekend"), _l("De toelaatbaarheidsverklaring is toegekend"), eind=True),
    Status(S.AFGEWEZEN, _l("Afgewezen of niet in behandeling genomen"), _l("Er is geen toelaatbaarheidsverklaring"),
           eind=True),
    Status(S.VERLOPEN, _l("Toegekend, nu verlopen"), _l("De toelaatbaarheidsverklaring is verlopen"), eind=True),
    Status(S.INGETROKKEN, _l("Ingetrokken door de school"), _l("De school heeft de aanvraag ingetrokken"), eind=True),
)
# ``school``: the IB'er/directeur of the applying school; ``swv``: staff of the deciding SWV; ``ondertekenaar``: the
# SWV's board or someone it mandated for TLV decisions; ``systeem``: the portal itself (both advices in, a lapsed
# request, the end date). The core's ``relaties()`` computes them, the TLV's own through ``Zaaktype.relaties``
# (``tlv_relaties``): its core ``school`` is empty, the applying school is ``aanvragende_school``.
OVERGANGEN = (
    overgang(S.CONCEPT, S.INGEDIEND, "school"),
    overgang(S.INGEDIEND, S.AANVULLING, "swv"),
    overgang(S.AANVULLING, S.INGEDIEND, "school", "systeem"),
    overgang(S.INGEDIEND, S.ADVIES, "swv"),
    overgang(S.ADVIES, S.BESLUITVORMING, "systeem"),
    overgang((S.INGEDIEND, S.BESLUITVORMING), S.BESLUIT_VOORBEREID, "swv"),
    overgang(S.BESLUIT_VOORBEREID, S.TOEGEKEND, "ondertekenaar"),
    overgang(S.BESLUIT_VOORBEREID, S.AFGEWEZEN, "ondertekenaar"),
    overgang(S.TOEGEKEND, S.VERLOPEN, "systeem"),
    overgang((S.CONCEPT, *ONDERWEG), S.INGETROKKEN, "school"),
)


def _klok(tlv, regel_id):
    c = tlv.klokken.get(regel_id)
    return c if c is not None and not c.gesloten_op else None


def stap(tlv) -> Stap:
    """The tracker line (P3): now, next, whose turn (``aan_zet``: the include says "U" only to whoever holds it), by
    when. While the application is with the SWV, the SWV is at turn (the experts advise it)."""
    c4 = _klok(tlv, "C-4")
    stil = c4.stilgestaan if c4 else 0
    if tlv.status == S.CONCEPT:
        if not tlv.zienswijze_compleet:
            return Stap(_("De school maakt een aanvraag voor een toelaatbaarheidsverklaring (TLV)."),
                        _("Schrijf uw mening bij de aanvraag, of bevestig wat de school opschreef."), aan_zet="gezin",
                        volgende_anderen=_("De ouders (of vanaf 18 jaar de leerling) geven hun mening bij de aanvraag, "
                                           "of bevestigen wat de school opschreef."))
        return Stap(_("De school maakt een aanvraag voor een toelaatbaarheidsverklaring (TLV)."),
                    _("De school stuurt de aanvraag naar het samenwerkingsverband."), aan_zet="school")
    if tlv.status == S.AANVULLING:
        v = next((v for v in tlv.verzoeken.all() if v.is_open and v.soort == "aanvulling_school"), None)
        return Stap(_("Het samenwerkingsverband heeft de school gevraagd de aanvraag aan te vullen. De termijn om te "
                      "beslissen staat stil tot de aanvulling binnen is."),
                    _("De school vult de aanvraag aan."), uiterlijk=v.antwoord_uiterlijk if v else None,
                    stilgestaan=stil, aan_zet="school")
    uiterlijk = c4.uiterlijk if c4 else None
    if tlv.status == S.INGEDIEND:
        return Stap(_("Het samenwerkingsverband bekijkt of de aanvraag volledig is."),
                    _("Twee deskundigen geven advies. Daarna besluit het samenwerkingsverband."), uiterlijk=uiterlijk,
                    stilgestaan=stil, aan_zet="swv")
    if tlv.status == S.ADVIES:
        return Stap(_("Twee deskundigen geven het samenwerkingsverband advies, elk apart."),
                    _("Het samenwerkingsverband neemt een besluit en stuurt u een brief."), uiterlijk=uiterlijk,
                    stilgestaan=stil, aan_zet="swv",
                    volgende_anderen=_("Het samenwerkingsverband neemt een besluit en stuurt er een brief over."))
    if tlv.status in (S.BESLUITVORMING, S.BESLUIT_VOORBEREID):
        return Stap(_("De adviezen zijn binnen. Het samenwerkingsverband neemt een besluit."),
                    _("U krijgt een brief met het besluit."), uiterlijk=uiterlijk, stilgestaan=stil, aan_zet="swv",
                    volgende_anderen=_("Het samenwerkingsverband stuurt een brief met het besluit."))
    if tlv.status == S.TOEGEKEND:
        soort = tlv.get_toegekend_soort_display().lower() if tlv.toegekend_soort else ""
        from portal.zaken.hoorrecht import is_meerderjarig

        if is_meerderjarig(tlv.leerling):
            # from 18 the family reading this is the pupil or their representative (issue #17 §1)
            return Stap(_("%(naam)s mag naar het %(soort)s, tot en met %(datum)s.") % {
                "naam": tlv.leerling.naam, "soort": soort, "datum": waarde(tlv.einddatum)})
        return Stap(_("Uw kind mag naar het %(soort)s, tot en met %(datum)s.") % {
            "soort": soort, "datum": waarde(tlv.einddatum)},
            nu_anderen=_("%(naam)s mag naar het %(soort)s, tot en met %(datum)s.") % {
                "naam": tlv.leerling.naam, "soort": soort, "datum": waarde(tlv.einddatum)})
    if tlv.status == S.VERLOPEN:
        return Stap(_("De toelaatbaarheidsverklaring gold tot en met %(datum)s.") % {"datum": waarde(tlv.einddatum)})
    if tlv.status == S.AFGEWEZEN:
        return Stap(_("Het samenwerkingsverband heeft besloten: geen toelaatbaarheidsverklaring. Lees de brief."))
    return Stap(tlv.status_ouder)


def _tekst(msgid):
    def tekst(g, voor_ouders):
        return _(msgid) % {k: waarde(v) for k, v in (g.gegevens or {}).items()}
    return tekst


def _advies_tekst(g, voor_ouders):
    plaats = (g.gegevens or {}).get("plaats")
    return _("De eerste deskundige heeft geadviseerd") if plaats == 1 else _("De tweede deskundige heeft geadviseerd")


GEBEURTENISSEN = {
    "tlv.zienswijze": _tekst(N_("De zienswijze van de ouders is opgeschreven")),
    "tlv.zienswijze_bevestigd": _tekst(N_("De ouders bevestigden hun zienswijze")),
    "tlv.later": _tekst(N_("Het samenwerkingsverband beslist later: uiterlijk %(op)s")),
    "tlv.deskundige": _tekst(N_("Een deskundige is om advies gevraagd")),
    "tlv.advies": _advies_tekst,
    "tlv.verwijderd": _tekst(N_("De gegevens over de gezondheid zijn verwijderd (3 jaar na het besluit)")),
}


# The bezwaar case kind's status codes (its status table is the core's, registry.zaaktype("bezwaar")): the TLV asks
# for hearing while it is filed, and for preparing the decision once heard.
BEZWAAR_INGEDIEND, BEZWAAR_GEHOORD = "ingediend", "gehoord"


def taken(user) -> list[Taak]:
    """What waits at the TLV desk (new applications to assess, completed ones, decisions to prepare, bezwaren whose
    LBT advice must be asked — on the TLV's page — or that wait for hearing or a decision — on the bezwaar's page), at
    the applying school (drafts, requests to complete) and for an expert (advices to write). One query per role."""
    from portal.termijnen.models import Clock
    from portal.zaken.models import Zaak

    from .models import Toewijzing

    out = []
    swv_ids = user.swv_ids()
    school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    q = Q(pk__in=[])
    if swv_ids:
        q |= Q(zaaktype="tlv", swv_id__in=swv_ids, status__in=[S.INGEDIEND, S.BESLUITVORMING])
        q |= Q(zaaktype="bezwaar", swv_id__in=swv_ids, betreft_besluit__besluittype="tlv",
               afgesloten_op__isnull=True, clocks__regel_id="C-6b", clocks__gesloten_op__isnull=True)
        q |= Q(zaaktype="bezwaar", swv_id__in=swv_ids, betreft_besluit__besluittype="tlv",
               status__in=[BEZWAAR_INGEDIEND, BEZWAAR_GEHOORD])
    if school_ids:
        q |= Q(zaaktype="tlv", status__in=[S.CONCEPT, S.AANVULLING],
               toelaatbaarheidsverklaring__aanvragende_school_id__in=school_ids)
    if swv_ids or school_ids:
        titels = {
            ("tlv", S.INGEDIEND): _("TLV-aanvraag beoordelen: %(zaak)s"),
            ("tlv", S.BESLUITVORMING): _("TLV-besluit voorbereiden: %(zaak)s"),
            ("tlv", S.CONCEPT): _("TLV-aanvraag afmaken en indienen: %(zaak)s"),
            ("tlv", S.AANVULLING): _("TLV-aanvraag aanvullen: %(zaak)s"),
        }
        lbt = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="C-6b", gesloten_op__isnull=True)
        for z in (Zaak.objects.filter(q).annotate(lbt_open=Exists(lbt), tlv_id=F("betreft_besluit__zaak_id"))
                  .distinct().order_by("geopend_op")[:20]):
            if z.zaaktype == "bezwaar" and z.lbt_open:  # the TLV's own step, on the TLV's page
                out.append(Taak(_("TLV-bezwaar: advies van de LBT vragen: %(zaak)s") % {"zaak": z.nummer},
                                reverse("tlv:detail", args=[z.tlv_id]) + "#kop-bezwaar", soort="bezwaar"))
            elif z.zaaktype == "bezwaar":
                titel = (_("TLV-bezwaar: indiener horen: %(zaak)s") if z.status == BEZWAAR_INGEDIEND
                         else _("TLV-bezwaar: beslissing voorbereiden: %(zaak)s"))
                out.append(Taak(titel % {"zaak": z.nummer}, reverse("geschillen:bezwaar", args=[z.pk]), soort="bezwaar"))
            elif (z.zaaktype, z.status) in titels:
                out.append(Taak(titels[(z.zaaktype, z.status)] % {"zaak": z.nummer}, reverse("tlv:detail", args=[z.pk]),
                                soort="tlv"))
    if user.heeft_rol(Rol.DESKUNDIGE):
        for t in (Toewijzing.objects.filter(deskundige=user, ingetrokken_op__isnull=True, advies_op__isnull=True,
                                            tlv__status=S.ADVIES).select_related("tlv").order_by("toegewezen_op")[:20]):
            out.append(Taak(_("Advies schrijven: %(zaak)s") % {"zaak": t.tlv.nummer}, reverse("tlv:advies", args=[t.pk]),
                            soort="advies"))
    return out


def tlv_relaties(user, zaak) -> set[str]:
    """The TLV's own relations for ``portal.zaken.services.relaties`` (``Zaaktype.relaties``); the core adds the
    family's, ``swv`` and ``helper``. Its core ``school`` is empty (the SWV is the bevoegd gezag), so the case's
    school is the applying one (C-2): ``school`` with ``ib``/``directeur``; ``ontvangende_school``: staff of the
    school of aanmelding or inschrijving reading a decided TLV (C-7); ``ondertekenaar``: the SWV's board or whoever
    holds a mandate for TLV decisions; ``deskundige``: an expert assigned to this application (C-3)."""
    from .constants import BESLIST
    from .toegang import gezag_swv_ids

    tlv = zaak.specifiek
    out = set()
    if not user.rollen - {Rol.OUDER, Rol.LEERLING, Rol.VERTEGENWOORDIGER}:
        return out  # the family's relations are the core's
    if tlv.aanvragende_school_id in user.school_ids(Rol.IB):
        out |= {"school", "ib"}
    if tlv.aanvragende_school_id in user.school_ids(Rol.DIRECTEUR):
        out |= {"school", "directeur"}
    if "school" not in out and tlv.status in BESLIST and user.school_ids(Rol.IB, Rol.DIRECTEUR):
        out.add("ontvangende_school")
    if tlv.swv_id in gezag_swv_ids(user):
        out.add("ondertekenaar")
    if user.heeft_rol(Rol.DESKUNDIGE) and tlv.toewijzingen.filter(deskundige=user, ingetrokken_op__isnull=True).exists():
        out.add("deskundige")
    return out


def _services():
    from . import services

    return services


def _samenvatting(tlv) -> dict:
    """A TLV as a typed summary for another case's letter (e.g. an aanmelding at the special school)."""
    return {"tlv_nummer": tlv.tlv_nummer or "", "soort": tlv.get_toegekend_soort_display() if tlv.toegekend_soort else "",
            "categorie": tlv.get_categorie_display() if tlv.categorie else "", "ingangsdatum": tlv.ingangsdatum,
            "einddatum": tlv.einddatum, "status": tlv.status, "swv": tlv.swv.naam if tlv.swv_id else ""}


def _swv_postadres(swv) -> str:
    from .selectors import loket_van

    loket = loket_van(swv.pk)
    return loket.postadres if loket else ""


def register():
    """Every hook the TLV fills, called once from ``TlvConfig.ready``: the case and decision kinds, letters, tasks,
    the bezwaarregeling (C-6), the C-5 expiry, the documents and other kinds' records the SWV and the experts read
    while an application is with them, the menu, the demo, the audit's sensitive fields and the system check."""
    from django.core import checks

    from portal.audit.services import register_sensitive_fields
    from portal.basis.registry import register_demo, register_menu
    from portal.documenten.registry import register_document_toegang
    from portal.termijnen.hooks import register_gevolg
    from portal.zaken.inzage import register_inzage

    from . import generatie, termijnen  # noqa: F401  (the benchmark data set's share; this app's legal term rules)
    from .checks import check_c5_parameters
    from .demo import demo
    from .services import tlv_verlopen
    from .toegang import documenten_bij_aanvraag, inzage_leerlingen, tlv_toegang

    register_zaaktype(Zaaktype(
        onderwerp="begeleiding",  # BW 1:453: a mentor acts in matters of care and begeleiding (issue #17 §1)
        code="tlv", naam=_l("TLV"), model="tlv.Toelaatbaarheidsverklaring", statussen=STATUSSEN, overgangen=OVERGANGEN,
        toegang=tlv_toegang, relaties=tlv_relaties, url_ouder="tlv:detail", url_staf="tlv:detail", stap=stap,
        bij_verlopen_verzoek=lambda v: _services().aanvulling_verlopen(v), gebeurtenissen=GEBEURTENISSEN,
        samenvatting=_samenvatting))
    register_besluittype(Besluittype(
        code="tlv", naam=_l("Besluit over de toelaatbaarheidsverklaring"), uitkomsten=list(Uitkomst.choices),
        brief=BriefSoort.BESLUIT, na_bekendmaking=lambda b, door, vandaag: _services().na_bekendmaking(b, door, vandaag),
        rechtsmiddelen=lambda b: _services().rechtsmiddelen(b),
        brief_gegevens=lambda b, klokken: _services().besluit_brief_gegevens(b, klokken),
        samenvatting="tlv/_besluit_samenvatting.html"))
    for soort in BriefSoort:
        register_brief(soort.value, soort.label, f"tlv/pdf/{soort.value.split('.', 1)[1]}.html")
    register_swv_adres(_swv_postadres)  # the SWV's letters carry its address (the TLV desk's), like a school's
    register_taken(taken)
    register_bezwaar()
    register_gevolg("tlv_verlopen", tlv_verlopen)  # C-5: an expired TLV is marked
    checks.register(check_c5_parameters)
    register_document_toegang(documenten_bij_aanvraag)
    # While an application is with the SWV, its staff read the pupil's arrangement and OPP: the access rules of those
    # kinds honour this through portal.zaken.inzage (issue #12).
    register_inzage(("arrangement", "opp"), inzage_leerlingen)
    register_menu(_l("TLV's"), "tlv:home", lambda u: u.heeft_rol(Rol.SWV, Rol.IB, Rol.DIRECTEUR, Rol.DESKUNDIGE), 27)
    register_menu(_l("TLV-register"), "tlv:register", lambda u: u.heeft_rol(Rol.SWV), 28)
    register_demo(demo)
    register_sensitive_fields("onderwijsbehoeften", "geprobeerd", "zienswijze", "advies", "intrek_reden",
                              "ingetrokken_reden", "reden")


def register_bezwaar():
    """C-6 on the bezwaar case kind (the core's ``Bezwaarregeling``): the filing term is the decision's own clock (C-6, started at
    bekendmaking); at filing the LBT clock C-6b starts (2 weeks from receipt) and the decision term C-6c (12 weeks
    from the day after the bezwaar term ended, Awb 7:10 lid 1; a late bezwaar: from its receipt). The parents or the
    applying school (its IB'er or directeur) file it. The SWV's staff hear the one who objected (Awb 7:2) and prepare
    the decision on the bezwaar on the bezwaar's own page — after the LBT's advice (recorded on the TLV's page), unless
    the SWV grants the bezwaar in full (Awb 7:13) — and someone the SWV mandated for 'bezwaar' signs it (the mandate register, as the TLV
    decision itself). The TLV decision is an Awb besluit of the SWV: after the decision on bezwaar, beroep bij de
    bestuursrechter (Awb 6:7, 8:1) — not the civil court, not the Geschillencommissie."""
    from portal.zaken.bezwaarregeling import Bezwaarregeling, register_bezwaarregeling

    register_bezwaarregeling(Bezwaarregeling(
        besluittype="tlv", indienen="C-6", beslissen="C-6c", beslistermijn_start=_c6c_start,
        extra=(("C-6b", _c6b_start),), bron=_bezwaar_bron,
        # C-6: the parents or the school that applied (C-2) object to the SWV's decision
        school_mag_indienen=True, indienende_school=_aanvragende_school,
        behandelaar=_swv_medewerker, bestuursrecht=_bestuursrecht, voor_beslissing=_lbt_toets,
        brief_gegevens=_bezwaar_brief_gegevens,
        # Awb 7:13 lid 3: the LBT hears (issue #17: so Awb 7:5 does not bar the SWV staff who recorded it)
        adviescommissie="Landelijke Bezwaaradviescommissie TLV"))


def _swv_medewerker(user, bezwaar) -> bool:
    """The staff of the SWV that took the TLV decision hear and prepare the decision on the bezwaar (never the
    applying school, whose IB'er may be the one who objected)."""
    return bezwaar.swv_id is not None and bezwaar.swv_id in user.swv_ids()


def _bestuursrecht(bezwaar) -> bool:
    return True  # the SWV's TLV decision is a besluit (Awb 1:3): beroep bij de bestuursrechter (Awb 8:1)


def _lbt(bezwaar):
    """(C-6b clock, whether the LBT's advice is kept with the bezwaar)."""
    from .constants import DocumentSoort

    return bezwaar.klokken.get("C-6b"), bezwaar.documenten.filter(soort=DocumentSoort.LBT).exists()


def _lbt_toets(bezwaar, uitkomst) -> str:
    """C-6b (Awb 7:13): the SWV decides after the LBT's advice, unless it grants the bezwaar in full — then it
    recorded that no advice is needed, and the decision is 'gegrond'."""
    c6b, advies = _lbt(bezwaar)
    if c6b is None:
        return ""
    if not c6b.gesloten_op:
        return _("Leg eerst vast dat het advies van de LBT is gevraagd, of dat het bezwaar volledig wordt toegekend "
                 "(dan is geen advies nodig).")
    if c6b.uitkomst == "vervallen":
        if uitkomst != "gegrond":
            return _("U legde vast dat het bezwaar volledig wordt toegekend, zonder advies van de LBT. Kies dan "
                     "'gegrond'.")
        return ""
    if not advies:
        return _("Het advies van de LBT is er nog niet. Bewaar het eerst bij het bezwaar; de beslissing noemt het.")
    return ""


def _bezwaar_brief_gegevens(bezwaar) -> dict:
    """The letter says whether the LBT advised (Awb 7:13 lid 7) or the bezwaar was granted in full without advice."""
    c6b, advies = _lbt(bezwaar)
    return {"tlv": True,
            "lbt": "advies" if advies else ("geen" if c6b is not None and c6b.uitkomst == "vervallen" else "")}


def _aanvragende_school(tlv):
    return tlv.aanvragende_school


def _c6c_start(bezwaar, indienen):
    """C-6c (Awb 7:10 lid 1): from the end of the bezwaar term, or a later receipt — the core's one rule."""
    from portal.organisaties.wetgeving import na_bezwaartermijn

    return na_bezwaartermijn(indienen.uiterlijk, bezwaar.ontvangen_op)


def _c6b_start(bezwaar, indienen):
    return bezwaar.ontvangen_op


def _bezwaar_bron(zaak) -> str:
    return "Awb 7:10 lid 1 en 3 (12 weken na afloop van de bezwaartermijn; een adviescommissie, Awb 7:13: de LBT)"
