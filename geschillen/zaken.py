"""The case kinds of this app on the core (issue #11): status tables, access, decisions, letters, timeline texts,
staff tasks and the parent's tracker line. Registered from ``AppConfig.ready``. Parent texts: plain B1 Dutch, no
rule ids."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.documenten.registry import register_brief
from portal.meldingen.tekst import waarde
from portal.zaken.bezwaarregeling import Bezwaarregeling, register_bezwaarregeling
from portal.zaken.registry import (
    Besluittype,
    Stap,
    Status,
    Taak,
    Zaaktype,
    overgang,
    register_besluittype,
    register_deelpagina,
    register_escalatiegids,
    register_gedeelde_pagina,
    register_taken,
    register_zaaktype,
)

from . import toegang
from .constants import (
    AdviesStatus,
    BezwaarStatus,
    BezwaarUitkomst,
    BriefSoort,
    GeschilStatus,
    KlachtStatus,
    SchorsingStatus,
    VerwijderingStatus,
)

K, B, G, A, S, V = KlachtStatus, BezwaarStatus, GeschilStatus, AdviesStatus, SchorsingStatus, VerwijderingStatus

# --- status tables --------------------------------------------------------------------------------------------

KLACHT = (
    (Status(K.INGEDIEND, _l("Ingediend"), _l("De klachtencommissie heeft uw klacht ontvangen")),
     Status(K.IN_BEHANDELING, _l("In behandeling (hoorzitting)"), _l("De klachtencommissie behandelt uw klacht")),
     Status(K.OORDEEL, _l("Oordeel gegeven; wacht op reactie bestuur"), _l("De klachtencommissie heeft een oordeel gegeven")),
     Status(K.AFGEHANDELD, _l("Afgehandeld"), _l("Het schoolbestuur heeft gereageerd"), eind=True),
     Status(K.INGETROKKEN, _l("Ingetrokken"), _l("U heeft de klacht ingetrokken"), eind=True)),
    (overgang(K.INGEDIEND, K.IN_BEHANDELING, "commissie"),
     overgang((K.INGEDIEND, K.IN_BEHANDELING), K.OORDEEL, "commissie"),
     overgang(K.OORDEEL, K.AFGEHANDELD, "bestuur"),
     overgang((K.INGEDIEND, K.IN_BEHANDELING), K.INGETROKKEN, "ouder")),
)
BEZWAAR = (
    # the family's labels name no one: the school board or an SWV (the TLV) decides, the parents or the school filed
    # (the tracker's step says who, by name)
    (Status(B.INGEDIEND, _l("Ingediend"), _l("Het bezwaar is ontvangen")),
     Status(B.GEHOORD, _l("Gehoord"), _l("Het horen over het bezwaar is geweest")),
     Status(B.VOORBEREID, _l("Beslissing klaar voor ondertekening"), _l("De beslissing op het bezwaar wordt voorbereid")),
     Status(B.BESLIST, _l("Beslist"), _l("Er is beslist op het bezwaar"), eind=True),
     Status(B.INGETROKKEN, _l("Ingetrokken"), _l("Het bezwaar is ingetrokken"), eind=True)),
    # "behandelaar": whom the contested decision's kind names to hear and prepare (the TLV: the SWV's staff; the
    # service says so after asking the kind's regeling)
    (overgang(B.INGEDIEND, B.GEHOORD, "school", "behandelaar", "ondertekenaar"),
     overgang((B.INGEDIEND, B.GEHOORD), B.VOORBEREID, "school", "behandelaar", "ondertekenaar"),
     overgang(B.VOORBEREID, B.GEHOORD, "school", "behandelaar", "ondertekenaar"),
     overgang(B.VOORBEREID, B.BESLIST, "ondertekenaar"),
     # whoever filed it withdraws it: the parents, or the school that filed (the service says "indiener")
     overgang((B.INGEDIEND, B.GEHOORD, B.VOORBEREID), B.INGETROKKEN, "ouder", "indiener")),
)
GESCHIL = (
    (Status(G.INGEDIEND, _l("Ingediend bij de commissie"), _l("U heeft de Geschillencommissie om een oordeel gevraagd")),
     # the other party is the school board, or — about the SWV's own decision (a TLV) — the SWV: the list's words
     # name neither (issue #22 §2); the case page's step names the one it is
     Status(G.VERWEER, _l("Verweer ingediend"), _l("Het verweer is naar de commissie gestuurd")),
     Status(G.ZITTING, _l("Zitting geweest"), _l("De zitting is geweest")),
     Status(G.OORDEEL, _l("Oordeel ontvangen; wacht op reactie bestuur"), _l("De commissie heeft een oordeel gegeven")),
     Status(G.AFGEROND, _l("Afgerond"), _l("Er is schriftelijk gereageerd op het oordeel"), eind=True),
     Status(G.INGETROKKEN, _l("Ingetrokken"), _l("U heeft het geschil ingetrokken"), eind=True)),
    (overgang(G.INGEDIEND, G.VERWEER, "school", "verweerder", "ondertekenaar"),
     overgang(G.VERWEER, G.ZITTING, "school", "verweerder", "ondertekenaar"),
     overgang((G.VERWEER, G.ZITTING), G.OORDEEL, "school", "verweerder", "ondertekenaar"),
     overgang(G.OORDEEL, G.AFGEROND, "ondertekenaar"),
     overgang((G.INGEDIEND, G.VERWEER, G.ZITTING), G.INGETROKKEN, "ouder")),
)
ADVIES = (
    (Status(A.INGEDIEND, _l("Ingediend"), _l("Het samenwerkingsverband heeft uw vraag ontvangen")),
     Status(A.INTAKE, _l("Intake gedaan"), _l("Een medewerker van het samenwerkingsverband helpt u")),
     Status(A.BEMIDDELING, _l("In gesprek (bemiddeling)"), _l("Er zijn gesprekken met u en de anderen")),
     Status(A.AFGEROND, _l("Afgerond"), _l("Afgerond"), eind=True),
     Status(A.INGETROKKEN, _l("Ingetrokken"), _l("U heeft uw vraag ingetrokken"), eind=True)),
    (overgang(A.INGEDIEND, A.INTAKE, "swv"),
     overgang((A.INGEDIEND, A.INTAKE), A.BEMIDDELING, "swv"),
     overgang((A.INTAKE, A.BEMIDDELING), A.AFGEROND, "swv"),
     overgang((A.INGEDIEND, A.INTAKE, A.BEMIDDELING), A.INGETROKKEN, "ouder")),
)
SCHORSING = (
    (Status(S.VOORBEREID, _l("Besluit klaar voor ondertekening"), _l("De school bereidt een schorsing voor")),
     Status(S.LOPEND, _l("Geschorst"), _l("Uw kind is geschorst")),
     Status(S.AFGELOPEN, _l("Afgelopen: leerling terug"), _l("De schorsing is voorbij"), eind=True),
     Status(S.VERVALLEN, _l("Niet doorgegaan"), _l("De schorsing gaat niet door"), eind=True)),
    (overgang(S.VOORBEREID, S.LOPEND, "ondertekenaar"),
     overgang(S.LOPEND, S.AFGELOPEN, "school", "systeem"),
     overgang(S.VOORBEREID, S.VERVALLEN, "school")),
)
VERWIJDERING = (
    (Status(V.VOORBEREIDING, _l("Voorbereiding: horen en een andere school zoeken"),
            _l("De school overweegt uw kind te verwijderen")),
     Status(V.VOORBEREID, _l("Besluit klaar voor ondertekening"), _l("De school werkt aan een besluit")),
     Status(V.VERWIJDERD, _l("Definitief verwijderd"), _l("Uw kind is van school verwijderd"), eind=True),
     Status(V.AFGEZIEN, _l("Afgezien van verwijdering"), _l("De school ziet af van verwijdering"), eind=True)),
    (overgang(V.VOORBEREIDING, V.VOORBEREID, "school"),
     overgang(V.VOORBEREID, V.VOORBEREIDING, "school"),
     overgang(V.VOORBEREID, V.VERWIJDERD, "ondertekenaar"),
     overgang((V.VOORBEREIDING, V.VOORBEREID), V.AFGEZIEN, "school")),
)

# --- tracker lines (P3) ------------------------------------------------------------------------------------------


def _klok(zaak, regel_id):
    c = zaak.klokken.get(regel_id)
    return c if c is not None and not c.gesloten_op else None


def _anders(z) -> Stap:
    """A status without its own step: the family reads the parents' label, everyone else the staff's."""
    return Stap(z.status_ouder, nu_anderen=z.status_staf)


def stap_klacht(k) -> Stap:
    if k.status == K.INGEDIEND:
        return Stap(_("De klachtencommissie heeft uw klacht ontvangen."),
                    _("De commissie nodigt u uit om uw klacht toe te lichten op een hoorzitting."), aan_zet="commissie",
                    nu_anderen=_("De klachtencommissie heeft de klacht ontvangen."),
                    volgende_anderen=_("De commissie nodigt de indiener uit om de klacht toe te lichten op een "
                                       "hoorzitting."))
    if k.status == K.IN_BEHANDELING:
        return Stap(_("De klachtencommissie behandelt uw klacht."), _("De commissie geeft een oordeel."),
                    aan_zet="commissie", nu_anderen=_("De klachtencommissie behandelt de klacht."))
    if k.status == K.OORDEEL:
        d5 = _klok(k, "D-5")
        oordeel = {"oordeel": k.get_oordeel_display().lower()}
        return Stap(_("De klachtencommissie vindt uw klacht: %(oordeel)s.") % oordeel,
                    _("Het schoolbestuur laat u en de commissie weten wat het met het oordeel doet."), aan_zet="bestuur",
                    uiterlijk=d5.uiterlijk if d5 else None,
                    nu_anderen=_("De klachtencommissie vindt de klacht: %(oordeel)s.") % oordeel,
                    volgende_anderen=_("Het schoolbestuur laat de indiener en de commissie weten wat het met het "
                                       "oordeel doet."))
    return _anders(k)


def _gezag_aan_zet(b) -> str:
    """Who decides on the bezwaar: an SWV (the TLV, no school) or the school's board."""
    return "swv" if not b.school_id and b.swv_id else "bestuur"


def _beslisklok(b):
    from portal.zaken.bezwaarregeling import bezwaarregeling

    regeling = bezwaarregeling(b.betreft_besluit.besluittype) if b.betreft_besluit_id else None
    return _klok(b, regeling.beslissen) if regeling else None


def stap_bezwaar(b) -> Stap:
    if getattr(b, "door_school", False):
        return _stap_bezwaar_school(b)
    if not b.school_id and b.swv_id:
        return _stap_bezwaar_swv(b)
    if b.status in (B.INGEDIEND, B.GEHOORD, B.VOORBEREID):
        klok = _beslisklok(b)
        ontvangen = b.status == B.INGEDIEND
        nu = (_("Het schoolbestuur heeft uw bezwaar ontvangen.") if ontvangen
              else _("U bent gehoord. Het schoolbestuur werkt aan de beslissing."))
        anderen = (_("Het schoolbestuur heeft het bezwaar ontvangen.") if ontvangen
                   else _("Het horen is geweest. Het schoolbestuur werkt aan de beslissing."))
        if klok is not None and klok.uiterlijk is None:
            wacht = " " + _("Er loopt een geschil over hetzelfde besluit. Het bestuur wacht daarop met beslissen.")
            nu, anderen = nu + wacht, anderen + wacht
        return Stap(nu, _("Het bestuur nodigt u uit om uw bezwaar toe te lichten, en beslist daarna.") if ontvangen
                    else _("U krijgt een brief met de beslissing."), aan_zet="bestuur",
                    uiterlijk=klok.uiterlijk if klok else None, stilgestaan=klok.stilgestaan if klok else 0,
                    nu_anderen=anderen,
                    volgende_anderen=_("Het bestuur nodigt de indiener uit om het bezwaar toe te lichten, en beslist "
                                       "daarna.") if ontvangen else _("De beslissing komt in een brief."))
    if b.status == B.BESLIST and b.uitkomst:
        return Stap(_("Het schoolbestuur heeft beslist: %(uitkomst)s.") % {"uitkomst": b.get_uitkomst_display().lower()})
    return _anders(b)


def _stap_bezwaar_swv(b) -> Stap:
    """The parents' own bezwaar against an SWV's decision (the TLV, C-6): the SWV hears them and decides, by name."""
    tekst = {"gezag": str(b.gezag)}
    if b.status in (B.INGEDIEND, B.GEHOORD, B.VOORBEREID):
        klok = _beslisklok(b)
        ontvangen = b.status == B.INGEDIEND
        nu = (_("%(gezag)s heeft uw bezwaar ontvangen.") if ontvangen
              else _("U bent gehoord. %(gezag)s werkt aan de beslissing.")) % tekst
        anderen = (_("%(gezag)s heeft het bezwaar ontvangen.") if ontvangen
                   else _("Het horen is geweest. %(gezag)s werkt aan de beslissing.")) % tekst
        volgende = (_("%(gezag)s nodigt u uit om uw bezwaar toe te lichten, en beslist daarna.") % tekst
                    if ontvangen else _("U krijgt een brief met de beslissing."))
        return Stap(nu, volgende, aan_zet="swv", uiterlijk=klok.uiterlijk if klok else None,
                    stilgestaan=klok.stilgestaan if klok else 0, nu_anderen=anderen,
                    volgende_anderen=_("%(gezag)s nodigt de indiener uit om het bezwaar toe te lichten, en beslist "
                                       "daarna.") % tekst if ontvangen else _("De beslissing komt in een brief."))
    if b.status == B.BESLIST and b.uitkomst:
        uitkomst = tekst | {"uitkomst": b.get_uitkomst_display().lower()}
        return Stap(_("%(gezag)s heeft beslist op uw bezwaar: %(uitkomst)s.") % uitkomst,
                    nu_anderen=_("%(gezag)s heeft beslist op het bezwaar: %(uitkomst)s.") % uitkomst)
    if b.status == B.INGETROKKEN:
        return Stap(_("U heeft het bezwaar ingetrokken."), nu_anderen=_("Het bezwaar is ingetrokken."))
    return _anders(b)


def _stap_bezwaar_school(b) -> Stap:
    """A bezwaar the school filed (the TLV's applying school, C-6): the parents read who objected and who decides —
    in the third person, so the same for every reader."""
    tekst = {"school": b.indienende_school.naam, "gezag": str(b.gezag)}
    if b.status in (B.INGEDIEND, B.GEHOORD, B.VOORBEREID):
        klok = _beslisklok(b)
        nu = (_("%(school)s heeft bezwaar gemaakt. %(gezag)s heeft het bezwaar ontvangen.") if b.status == B.INGEDIEND
              else _("De school is gehoord. %(gezag)s werkt aan de beslissing.")) % tekst
        volgende = (_("%(gezag)s nodigt de school uit om het bezwaar toe te lichten, en beslist daarna.") % tekst
                    if b.status == B.INGEDIEND else _("De beslissing komt in een brief."))
        return Stap(nu, volgende, aan_zet=_gezag_aan_zet(b), uiterlijk=klok.uiterlijk if klok else None,
                    stilgestaan=klok.stilgestaan if klok else 0)
    if b.status == B.BESLIST and b.uitkomst:
        return Stap(_("%(gezag)s heeft beslist op het bezwaar van de school: %(uitkomst)s.")
                    % (tekst | {"uitkomst": b.get_uitkomst_display().lower()}))
    if b.status == B.INGETROKKEN:
        return Stap(_("%(school)s heeft het bezwaar ingetrokken.") % tekst)
    return Stap(b.status_staf)


def verweerder_swv(g) -> bool:
    """A geschil about the SWV's own decision (the TLV: no school): the SWV is the other party, not a school board —
    every text that names the other party says "het samenwerkingsverband" (issue #22 §2)."""
    return not g.school_id and bool(g.swv_id)


def stap_geschil(g) -> Stap:
    swv = verweerder_swv(g)
    partij = "swv" if swv else "bestuur"
    if g.status == G.INGEDIEND:
        d2b = _klok(g, "D-2b")
        # the family asked; the school, the board and a helper read it in the third person (issue #18 §2)
        return Stap(_("U heeft de Geschillencommissie om een oordeel gevraagd."),
                    _("Het samenwerkingsverband stuurt de commissie zijn reactie (verweer).") if swv else
                    _("Het schoolbestuur stuurt de commissie zijn reactie (verweer)."), aan_zet=partij,
                    uiterlijk=d2b.uiterlijk if d2b else None,
                    nu_anderen=_("De Geschillencommissie passend onderwijs is om een oordeel gevraagd."))
    if g.status in (G.VERWEER, G.ZITTING):
        klok = _klok(g, "D-3b") or _klok(g, "D-3")
        nu = ((_("Het samenwerkingsverband heeft zijn reactie gestuurd. De commissie plant een zitting.") if swv else
               _("Het schoolbestuur heeft zijn reactie gestuurd. De commissie plant een zitting."))
              if g.status == G.VERWEER else _("De zitting is geweest."))
        return Stap(nu, _("De commissie geeft haar oordeel."), aan_zet="gpo", uiterlijk=klok.uiterlijk if klok else None)
    if g.status == G.OORDEEL:
        d4 = _klok(g, "D-4")
        oordeel = {"oordeel": g.get_oordeel_display().lower()}
        return Stap(_("De commissie vindt uw verzoek: %(oordeel)s.") % oordeel,
                    _("Het samenwerkingsverband laat u en de commissie schriftelijk weten wat het met het oordeel "
                      "doet.") if swv else
                    _("Het schoolbestuur laat u en de commissie schriftelijk weten wat het met het oordeel doet."),
                    aan_zet=partij, uiterlijk=d4.uiterlijk if d4 else None,
                    nu_anderen=_("De commissie vindt het verzoek: %(oordeel)s.") % oordeel,
                    volgende_anderen=_("Het samenwerkingsverband laat de indiener en de commissie schriftelijk weten "
                                       "wat het met het oordeel doet.") if swv else
                    _("Het schoolbestuur laat de indiener en de commissie schriftelijk weten wat het met het oordeel "
                      "doet."))
    if g.status == G.AFGEROND:
        opvolging = {"opvolging": g.get_opvolging_display().lower()}
        return Stap(_("Het samenwerkingsverband heeft gereageerd: %(opvolging)s.") % opvolging if swv else
                    _("Het schoolbestuur heeft gereageerd: %(opvolging)s.") % opvolging)
    return _anders(g)


def stap_advies(a) -> Stap:
    if a.status == A.INGEDIEND:
        return Stap(_("Het samenwerkingsverband heeft uw vraag ontvangen."),
                    _("Een medewerker neemt contact met u op voor een eerste gesprek."), aan_zet="swv",
                    nu_anderen=_("Het samenwerkingsverband heeft de vraag ontvangen."),
                    volgende_anderen=_("Een medewerker neemt contact op voor een eerste gesprek."))
    if a.status in (A.INTAKE, A.BEMIDDELING):
        return Stap(f"{a.status_ouder}.", _("Gesprekken en afspraken; u ziet ze hier."), aan_zet="swv",
                    nu_anderen=f"{a.status_staf}.", volgende_anderen=_("Gesprekken en afspraken; ze staan hier."))
    return _anders(a)


def stap_schorsing(s) -> Stap:
    if s.status == S.LOPEND:
        periode = {"van": waarde(s.van), "tot": waarde(s.tot)}
        return Stap(_("Uw kind is geschorst van %(van)s tot en met %(tot)s.") % periode,
                    _("Daarna gaat uw kind weer naar school. Lees de brief: daarin staan de redenen en wat u kunt doen als "
                      "u het er niet mee eens bent."), aan_zet="school",
                    nu_anderen=_("De leerling is geschorst van %(van)s tot en met %(tot)s.") % periode,
                    volgende_anderen=_("Daarna gaat de leerling weer naar school. De brief noemt de redenen en hoe "
                                       "bezwaar kan worden gemaakt."))
    return _anders(s)


def stap_verwijdering(v) -> Stap:
    if v.status in (V.VOORBEREIDING, V.VOORBEREID):
        return Stap(_("De school overweegt uw kind van school te verwijderen."),
                    _("De school hoort u eerst. Verwijderen kan pas als een andere school uw kind wil toelaten."),
                    aan_zet="school", nu_anderen=_("De school overweegt de leerling van school te verwijderen."),
                    volgende_anderen=_("De school hoort eerst de leraar en de ouders. Verwijderen kan pas als een "
                                       "andere school de leerling wil toelaten."))
    if v.status == V.VERWIJDERD:
        school = {"school": v.ontvangende_school_label}
        return Stap(_("Uw kind is van school verwijderd. %(school)s laat uw kind toe.") % school,
                    nu_anderen=_("De leerling is van school verwijderd. %(school)s laat de leerling toe.") % school)
    return _anders(v)


# --- the kinds' own relations (Zaaktype.relaties; portal.zaken.pagina.RELATIES) -------------------------------

def _staf(user) -> bool:
    """Only staff hold these relations: a family member's page asks nothing more."""
    from portal.accounts.constants import GEZIN_ROLLEN

    return bool(user.rollen - GEZIN_ROLLEN) or user.is_superuser


def relaties_klacht(user, k) -> set[str]:
    """D-5: "commissie" — the secretary of the klachtencommissie the klacht was sent to; "bestuur" — whoever answers
    for the board of the school it is about (a bestuurder, or a mandate for klachten). The klacht has no ``school``
    (confidential), so the core's "bestuur" does not see it."""
    from .services import is_bestuur, is_secretaris

    out = set()
    if not _staf(user):
        return out
    if is_secretaris(user, k):
        out.add("commissie")
    if is_bestuur(user, k):
        out.add("bestuur")
    return out


def relaties_bezwaar(user, b) -> set[str]:
    """"indiener" — the IB'er or directeur of the school that filed the bezwaar itself (the TLV's applying school,
    C-6); "behandelaar" — whom the contested decision's kind names to hear and prepare the decision (the school and
    its board, or the TLV's SWV staff: ``Bezwaarregeling.behandelaar``)."""
    from .services import mag_behandelen

    out = set()
    if not _staf(user):
        return out
    if b.indienende_school_id and b.indienende_school_id in user.school_ids(Rol.IB, Rol.DIRECTEUR):
        out.add("indiener")
    if mag_behandelen(user, b):
        out.add("behandelaar")
    return out


def relaties_geschil(user, g) -> set[str]:
    """"verweerder" — the SWV's staff, on a geschil about the SWV's own decision (no school: the TLV; issue #22 §2
    item 3). On a school's geschil the other party is the core's "school" and "bestuur"."""
    if not _staf(user) or g.school_id or not g.swv_id:
        return set()
    return {"verweerder"} if g.swv_id in user.swv_ids() else set()


RELATIES = {"klacht": relaties_klacht, "bezwaar": relaties_bezwaar, "geschil": relaties_geschil}


# --- timeline texts --------------------------------------------------------------------------------------------

def _tekst(msgid):
    def tekst(g, voor_ouders):
        return _(msgid) % {k: waarde(v) for k, v in (g.gegevens or {}).items()}
    return tekst


def _partij_tekst(bestuur_msgid, swv_msgid):
    """A geschil's event that names the other party: the school board, or the SWV about its own decision."""
    def tekst(g, voor_ouders):
        msgid = swv_msgid if verweerder_swv(g.zaak) else bestuur_msgid
        return _(msgid) % {k: waarde(v) for k, v in (g.gegevens or {}).items()}
    return tekst


GEBEURTENISSEN = {
    "geschillen.zitting": _tekst(N_("Hoorzitting op %(op)s")),
    "geschillen.oordeel": _tekst(N_("Oordeel van de commissie ontvangen (%(oordeel)s)")),
    "geschillen.reactie": _partij_tekst(N_("Het schoolbestuur reageerde op het oordeel"),
                                        N_("Het samenwerkingsverband reageerde op het oordeel")),
    "geschillen.gehoord": _tekst(N_("Gehoord op %(op)s")),
    "geschillen.horen_afgezien": _tekst(N_("De ouders zagen af van horen")),
    "geschillen.verweer": _partij_tekst(N_("Verweer van het schoolbestuur ingediend op %(op)s"),
                                        N_("Verweer van het samenwerkingsverband ingediend op %(op)s")),
    "geschillen.ingetrokken": _tekst(N_("Ingetrokken door de ouders")),
    "geschillen.intake": _tekst(N_("Intake op %(op)s")),
    "geschillen.bijeenkomst": _tekst(N_("Bijeenkomst op %(op)s")),
    "geschillen.afgerond": _tekst(N_("Afgerond")),
    "geschillen.inspectie": _tekst(N_("Schorsing gemeld aan de inspectie op %(op)s")),
    "geschillen.terug": _tekst(N_("Leerling terug op school op %(op)s")),
    "geschillen.acceptatie": _tekst(N_("Een andere school is bereid de leerling toe te laten")),
    "geschillen.leerplicht": _tekst(N_("Verwijdering gemeld aan leerplicht")),
    "geschillen.inspectie_overleg": _tekst(N_("Overleg met de inspectie op %(op)s")),
}


# --- decisions -------------------------------------------------------------------------------------------------

def _services():
    from . import services

    return services


BESLUITTYPEN = (
    Besluittype(code="bezwaar", naam=_l("Beslissing op bezwaar"), uitkomsten=list(BezwaarUitkomst.choices),
                brief=BriefSoort.BEZWAAR_BESLISSING,
                na_bekendmaking=lambda b, door, vandaag: _services().bezwaar_na_bekendmaking(b, door, vandaag),
                brief_gegevens=lambda b, klokken: _services().bezwaar_brief_gegevens(b, klokken),
                ondertekenaar_fout=lambda b, door: _services().ondertekenaar_fout(b, door),  # Awb 10:3 lid 3
                samenvatting="geschillen/_samenvatting_bezwaar.html"),
    Besluittype(code="schorsing", naam=_l("Besluit tot schorsing"), uitkomsten=[("geschorst", _l("Geschorst"))],
                brief=BriefSoort.SCHORSING, rechtsmiddelen=lambda b: ["E-1b"],
                na_bekendmaking=lambda b, door, vandaag: _services().schorsing_na_bekendmaking(b, door, vandaag),
                brief_gegevens=lambda b, klokken: _services().schorsing_brief_gegevens(b, klokken),
                samenvatting="geschillen/_samenvatting_schorsing.html"),
    Besluittype(code="verwijdering", naam=_l("Besluit tot verwijdering"),
                uitkomsten=[("verwijderd", _l("Definitief verwijderd"))], brief=BriefSoort.VERWIJDERING,
                rechtsmiddelen=lambda b: ["A-13", "D-2"],  # A-13 bezwaar; D-1: removal of any pupil may go to the GPO
                na_bekendmaking=lambda b, door, vandaag: _services().verwijdering_na_bekendmaking(b, door, vandaag),
                brief_gegevens=lambda b, klokken: _services().verwijdering_brief_gegevens(b, klokken),
                samenvatting="geschillen/_samenvatting_verwijdering.html"),
)


def _a13_start(bezwaar, indienen):
    """A-13b: the core's one reading (``portal.organisaties.wetgeving.bezwaar_beslistermijn_start``)."""
    from portal.organisaties.wetgeving import bezwaar_beslistermijn_start

    return bezwaar_beslistermijn_start(bezwaar.school, ontvangen=bezwaar.ontvangen_op,
                                       bezwaartermijn_einde=indienen.uiterlijk)


def _aanmelding_weigering(besluit) -> bool:
    """A-13: bezwaar against a refusal; an admission is not contested this way (its offer: klacht or geschil)."""
    return besluit.uitkomst not in ("toegelaten", "toegelaten_ondersteuning")


def _na_termijn(bezwaar, indienen):
    """Awb 7:10 lid 1: the decision term runs from the end of the bezwaar term (a late bezwaar: from receipt)."""
    from portal.organisaties.wetgeving import na_bezwaartermijn

    return na_bezwaartermijn(indienen.uiterlijk, bezwaar.ontvangen_op)


# The school board's own decisions: only the parents object (``school_mag_indienen`` stays False — the school
# cannot object to its own board's decision).
BEZWAARREGELINGEN = (
    Bezwaarregeling("aanmelding", "A-13", "A-13b", _a13_start, mogelijk=_aanmelding_weigering,
                    bron=lambda zaak: _bezwaar_bron(zaak, verwijdering=False), school_mag_indienen=False),
    Bezwaarregeling("verwijdering", "A-13", "A-13b", _a13_start,
                    bron=lambda zaak: _bezwaar_bron(zaak, verwijdering=True)),
    Bezwaarregeling("schorsing", "E-1b", "E-1c", _na_termijn),
)


def _bezwaar_bron(zaak, *, verwijdering):
    from .wet import bezwaar_bron

    return bezwaar_bron(zaak.school, verwijdering=verwijdering) if zaak.school_id else ""


# --- staff tasks -------------------------------------------------------------------------------------------------

def taken(user) -> list[Taak]:
    """What waits in these kinds, in one query: a verweer or response to a geschil, a bezwaar to hear or decide, a
    schorsing to report to the inspectie or to end, a removal in preparation, an advice request to pick up, a
    klacht to handle (commission) or answer (board)."""
    from django.utils import timezone

    from portal.zaken.models import Zaak

    school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    bestuur_ids = set(user.bestuur_ids())
    q, iets = Q(pk__in=[]), False
    if school_ids or bestuur_ids:
        iets = True
        org = Q(school_id__in=school_ids) | Q(school__bestuur_id__in=bestuur_ids)
        q |= org & (Q(zaaktype="geschil", status__in=[G.INGEDIEND, G.OORDEEL])
                    | Q(zaaktype="bezwaar", status__in=[B.INGEDIEND, B.GEHOORD])
                    | Q(zaaktype="schorsing", status=S.LOPEND, schorsing__inspectie_melding_nodig=True,
                        schorsing__inspectie_gemeld_op__isnull=True)
                    | Q(zaaktype="schorsing", status=S.LOPEND, schorsing__tot__lt=timezone.localdate())
                    | Q(zaaktype="verwijdering", status=V.VOORBEREIDING))
    if user.swv_ids():
        iets = True
        q |= Q(zaaktype="advies", swv_id__in=user.swv_ids(), status=A.INGEDIEND)
    if user.heeft_rol(Rol.KLACHTENCOMMISSIE):
        iets = True
        q |= Q(zaaktype="klacht", klacht__commissie__secretarissen=user, status__in=[K.INGEDIEND, K.IN_BEHANDELING])
    if bestuur_ids:
        q |= Q(zaaktype="klacht", klacht__betreft_school__bestuur_id__in=bestuur_ids, status=K.OORDEEL)
    if not iets:
        return []
    titels = {
        ("geschil", G.INGEDIEND): _("Verweer indienen bij de Geschillencommissie: %(zaak)s"),
        ("geschil", G.OORDEEL): _("Reageren op het oordeel van de Geschillencommissie: %(zaak)s"),
        ("bezwaar", B.INGEDIEND): _("Bezwaar: ouders horen: %(zaak)s"),
        ("bezwaar", B.GEHOORD): _("Bezwaar: beslissing voorbereiden: %(zaak)s"),
        ("schorsing", S.LOPEND): _("Schorsing: melden aan de inspectie of terugkeer vastleggen: %(zaak)s"),
        ("verwijdering", V.VOORBEREIDING): _("Verwijdering in voorbereiding: %(zaak)s"),
        ("advies", A.INGEDIEND): _("Nieuw advies- of bemiddelingsverzoek: %(zaak)s"),
        ("klacht", K.INGEDIEND): _("Nieuwe klacht: %(zaak)s"),
        ("klacht", K.IN_BEHANDELING): _("Klacht in behandeling: %(zaak)s"),
        ("klacht", K.OORDEEL): _("Reageren op het oordeel van de klachtencommissie: %(zaak)s"),
    }
    out = []
    for z in Zaak.objects.filter(q).distinct().order_by("geopend_op")[:20]:
        titel = titels.get((z.zaaktype, z.status))
        if titel:
            out.append(Taak(titel % {"zaak": z.nummer}, z.get_absolute_url(), soort=z.zaaktype))
    return out


# --- registration ---------------------------------------------------------------------------------------------

def _menu_zichtbaar(user) -> bool:
    """Parents, representatives, staff and helpers; and the adult pupil, who from 18 is the party (BW 1:233; issue #17
    §1) and must find the guide, klacht and bezwaar themselves (issue #22). A minor pupil is not the party."""
    if user.heeft_rol(Rol.OUDER, Rol.VERTEGENWOORDIGER, Rol.IB, Rol.DIRECTEUR, Rol.BESTUURDER, Rol.SWV,
                      Rol.KLACHTENCOMMISSIE, Rol.ONDERWIJSCONSULENT, Rol.CLIENTONDERSTEUNER, Rol.STEUNPUNT,
                      Rol.LEERPLICHT):
        return True
    if user.heeft_rol(Rol.LEERLING):
        from portal.zaken import hoorrecht

        leerling = getattr(user, "leerling", None)
        return leerling is not None and hoorrecht.is_meerderjarig(leerling)
    return False


def register():
    """Everything this app plugs into the core, called once from ``GeschillenConfig.ready``: its legal term rules
    (``termijnen``), case and decision kinds, bezwaar regelingen, letters, staff tasks, the escalation guide, the
    dossier sources, the menu entry, the demo and the fields the audit trail masks."""
    from portal.audit.services import register_sensitive_fields
    from portal.basis.registry import register_demo, register_menu

    from . import termijnen  # noqa: F401  (registers this app's legal term rules)
    from .demo import demo

    zaaktypen = [
        ("klacht", _l("Klacht"), "geschillen.Klacht", KLACHT, toegang.klacht_toegang, "geschillen:klacht", stap_klacht),
        ("bezwaar", _l("Bezwaar"), "geschillen.Bezwaar", BEZWAAR, toegang.bezwaar_toegang, "geschillen:bezwaar",
         stap_bezwaar),
        ("geschil", _l("Geschil"), "geschillen.Geschil", GESCHIL, toegang.geschil_toegang, "geschillen:geschil",
         stap_geschil),
        ("advies", _l("Advies of bemiddeling"), "geschillen.Adviesverzoek", ADVIES, toegang.advies_toegang,
         "geschillen:advies", stap_advies),
        ("schorsing", _l("Schorsing"), "geschillen.Schorsing", SCHORSING, toegang.school_en_bestuur,
         "geschillen:schorsing", stap_schorsing),
        ("verwijdering", _l("Verwijdering"), "geschillen.Verwijdering", VERWIJDERING, toegang.school_en_bestuur,
         "geschillen:verwijdering", stap_verwijdering),
    ]
    for code, naam, model, (statussen, overgangen), regel, url, stap in zaaktypen:
        register_zaaktype(Zaaktype(code=code, naam=naam, model=model, statussen=statussen, overgangen=overgangen,
                                   toegang=regel, url_ouder=url, url_staf=url, stap=stap,
                                   gebeurtenissen=GEBEURTENISSEN, relaties=RELATIES.get(code)))
    for bt in BESLUITTYPEN:
        register_besluittype(bt)
    for regeling in BEZWAARREGELINGEN:
        register_bezwaarregeling(regeling)
    for soort in BriefSoort:
        register_brief(soort.value, soort.label, f"geschillen/pdf/{soort.value.split('.', 1)[1]}.html")
    register_taken(taken)
    register_escalatiegids("geschillen:gids")
    register_deelpagina("geschillen:delen")
    register_gedeelde_pagina("geschillen:gedeelde_zaak")
    from portal.zaken.bezwaarregeling import register_dossier_bron

    from .services.dossier import gesprekken_geschillen

    register_dossier_bron(gesprekken_geschillen)
    # the dossier is made in the worker (issue #19 defect 8): its fingerprint, render and access, in the core's registry
    from portal.documenten.registry import ExportSoort, register_export

    from .services.dossier import DOSSIER, dossier_pdf, dossier_versie, mag_dossier

    register_export(ExportSoort(DOSSIER, "Dossier", versie=dossier_versie, render=dossier_pdf, mag=mag_dossier,
                                bestandsnaam="dossier-{zaak}.pdf"))
    register_menu(_l("Hulp, klacht en bezwaar"), "geschillen:home", _menu_zichtbaar, 60)
    register_demo(demo)
    register_sensitive_fields("onderwerp", "gewenst", "zitting_verslag", "oordeel_samenvatting", "aanbevelingen",
                              "maatregelen", "gronden", "te_laat_reden", "hoorverslag", "toelichting",
                              "verweer_samenvatting", "reactie_motivering", "vraag", "intake_notitie",
                              "uitkomst_toelichting", "afspraken", "verslag", "reden")


def gids_url(zaak) -> str:
    return reverse("geschillen:gids", args=[zaak.pk])
