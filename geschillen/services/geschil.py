"""The geschil at the Geschillencommissie passend onderwijs (D-1…D-4). The commission is an outside body: the
portal records what the parties send and receive — the parents' request (D-2), the board's verweer (2 weeks),
the hearing, the oordeel (10 weeks, D-3; spoed: a short ruling 2 working days after the hearing) and the board's
written response on what it does with it (D-4, deviating needs reasons) — and produces the dossier export.

While a geschil about a decision is aanhangig, the board's decision term on a bezwaar against the same decision
stands still (A-13b, WPO 43 lid 4, ``Regel.opgeschort_door``): from the day the geschil was filed (its
``ingediend_op``, also when it is recorded later) until the day of the commission's oordeel — not until the board's
response to it (D-4). A withdrawn geschil ends the suspension on the day of withdrawal (the core, on the final
status). A schorsing's bezwaar (E-1c) is not suspended: the commission does not hear schorsingen (WPO 43 lid 2)."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.documenten.services import document_bewaar
from portal.meldingen.ontvangers import leden
from portal.meldingen.services import melding_stuur
from portal.organisaties.models import Mandaat
from portal.termijnen import rules
from portal.termijnen.dates import TermijnFout
from portal.termijnen.models import Clock
from portal.termijnen.services import clock_start
from portal.zaken import services as zaken
from portal.zaken.models import Besluit
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from .. import wet
from ..constants import BriefSoort, GeschilOnderwerp, GeschilStatus, Oordeel, Opvolging
from ..models import Geschil
from .bezwaar import hervat_na_oordeel, stil_tijdens_geschil
from .common import (
    GeschilFout,
    brief,
    eis_ouder,
    eis_school,
    meld_ouders,
    meld_school,
    sluit_klokken,
    tekst_nodig,
)

ONDERWERP = {"aanmelding": GeschilOnderwerp.TOELATING, "verwijdering": GeschilOnderwerp.VERWIJDERING,
             "opp": GeschilOnderwerp.OPP}
GESCHIL_MANDAAT = "geschil"  # the kind in the mandate register for the board's response to the oordeel


def is_verweerder_swv(user, geschil) -> bool:
    """A geschil about the SWV's own decision (the TLV: no school; filed although the commission does not hear TLVs —
    warn, don't block, issue #22 §2 item 3): the SWV is the other party, its staff record what the commission sends."""
    return not geschil.school_id and bool(geschil.swv_id) and geschil.swv_id in user.swv_ids()


def _swv_verweerder(geschil) -> bool:
    """The SWV is the other party (its own decision, no school): texts name it, not a school board (issue #22 §2)."""
    return not geschil.school_id and bool(geschil.swv_id)


def _eis_verweerder(user, geschil) -> None:
    """The other party's side: the school and its board, or — for the SWV's own decision — the SWV's staff."""
    if not geschil.school_id and geschil.swv_id:
        if not is_verweerder_swv(user, geschil):
            raise GeschilFout(_("Alleen het samenwerkingsverband kan dit vastleggen."))
        return
    eis_school(user, geschil)


def _meld_verweerder(geschil, sleutel: str, titel: str, tekst: str, **gegevens) -> None:
    """The other party: the school and its board (``meld_school``), or the SWV's staff for the SWV's own decision."""
    if geschil.school_id or not geschil.swv_id:
        meld_school(geschil, sleutel, titel, tekst, **gegevens)
        return
    melding_stuur(ontvangers=leden(Rol.SWV, swv=geschil.swv), sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": geschil.nummer, **gegevens}, url=geschil.get_absolute_url())


def _locked(geschil) -> Geschil:
    return (Geschil.objects.select_for_update(of=("self",))
            .select_related("leerling", "school", "school__bestuur", "swv", "betreft_besluit").get(pk=geschil.pk))


def betwiste_zaak(zaak):
    """A geschil is about the case a bezwaar or an earlier geschil is about, with that decision."""
    zaak = zaak.specifiek
    if zaak.zaaktype in ("bezwaar", "geschil") and zaak.hoofdzaak_id:
        return zaak.hoofdzaak.specifiek, zaak.betreft_besluit
    return zaak, None


def laatste_besluit(zaak):
    return zaak.besluiten.filter(bekendgemaakt_op__isnull=False).order_by("-bekendgemaakt_op", "-pk").first()


def indientermijn(besluit) -> date | None:
    """D-2: the last day to file without reasons — the decision's own clock (started at bekendmaking when the
    decision is support-related), else the same rule counted from the bekendmaking."""
    if besluit is None or not besluit.is_bekend:
        return None
    klok = besluit.klokken.get("D-2")
    if klok is not None:
        return klok.uiterlijk
    return rules.bereken_uiterlijk(rules.get("D-2").params(), besluit.bekendgemaakt_op)


def mag_reageren(user, geschil) -> bool:
    """D-4: the board answers — a member of the board, or someone with a current mandate for 'geschil'."""
    return Mandaat.objects.mag_tekenen(user, geschil, GESCHIL_MANDAAT)


@transaction.atomic
def geschil_dien_in(*, zaak, ouder, ingediend_op: date, toelichting: str = "", besluit: Besluit | None = None,
                    spoed: bool = False, te_laat_reden: str = "", waarschuwing_gezien: bool = False, bestanden=(),
                    vandaag: date | None = None) -> Geschil:
    """The parents record that they asked the Geschillencommissie for an oordeel (D-2). When the dispute looks
    outside the commission's remit (D-1), they must have seen the warning; they may file anyway."""
    vandaag = vandaag or timezone.localdate()
    zaak, via = betwiste_zaak(zaak)
    besluit = besluit or via or laatste_besluit(zaak)
    eis_ouder(ouder, zaak.leerling)
    if besluit is not None and besluit.zaak_id != zaak.pk:
        raise GeschilFout(_("Dit besluit hoort niet bij deze zaak."))
    if not zaak.school_id and not zaak.swv_id:
        raise GeschilFout(_("Een geschil gaat over een besluit van een schoolbestuur of een samenwerkingsverband."))
    waarschuwing = wet.gpo_waarschuwing(zaak, besluit)
    if waarschuwing and not waarschuwing_gezien:
        raise GeschilFout(_("Lees de waarschuwing en geef aan dat u het verzoek toch wilt indienen."))
    if ingediend_op > vandaag:
        raise GeschilFout(_("De dag van indienen kan niet in de toekomst liggen."))
    if besluit is not None and besluit.is_bekend and ingediend_op < besluit.bekendgemaakt_op:
        raise GeschilFout(_("U kunt het verzoek niet indienen vóór het besluit bekend was."))
    if Geschil.objects.open().filter(hoofdzaak=zaak).exists():
        raise GeschilFout(_("Er loopt al een geschil over deze zaak."))
    uiterlijk = indientermijn(besluit)
    te_laat = uiterlijk is not None and ingediend_op > uiterlijk
    if te_laat and not te_laat_reden.strip():
        raise GeschilFout(_("De 6 weken om een geschil in te dienen zijn voorbij. Later kan nog, maar alleen met een "
                          "goede reden: schrijf die op. De commissie beoordeelt die reden."), veld="te_laat_reden")
    # A-13b, WPO 43 lid 4: the decision term on a bezwaar against the same decision stands still from the day the
    # geschil was filed (``ingediend_op``, also when recorded later: the suspension may begin in the past), or from the
    # term's own start when that lies later (openbare school: after the 6-week bezwaar term), until the oordeel
    # (``geschil_oordeel``). Done here, before the case opens, so the core's generic suspension (from today) finds
    # these clocks already suspended.
    if besluit is not None:
        for clock in Clock.objects.open().prefetch_related("opschortingen").filter(
                zaak__betreft_besluit=besluit, zaak__zaaktype="bezwaar", zaak__afgesloten_op__isnull=True):
            try:
                stil_tijdens_geschil(clock, ingediend_op, ouder, "Er loopt een geschil over hetzelfde besluit",
                                     vandaag=vandaag)
            except TermijnFout as exc:
                raise GeschilFout(str(exc)) from None
    geschil = zaken.zaak_open(zaak=Geschil(
        leerling=zaak.leerling, school=zaak.school, swv=zaak.swv, hoofdzaak=zaak, betreft_besluit=besluit,
        onderwerp=ONDERWERP.get(zaak.zaaktype, GeschilOnderwerp.ANDERS), toelichting=toelichting,
        ingediend_door=ouder, ingediend_op=ingediend_op, te_laat_reden=te_laat_reden.strip() if te_laat else "",
        bevoegdheid_waarschuwing=waarschuwing, spoed=spoed), door=ouder)
    if besluit is not None:
        d2 = besluit.klokken.get("D-2")
        if d2 is not None and not d2.gesloten_op:
            sluit_klokken(besluit.zaak, ouder, op=ingediend_op, regels={"D-2"})
    # D-2b: the board's verweer (its own term: reminders to the school); D-3: the commission's oordeel (an outside
    # body's term: shown, no staff reminders).
    clock_start(regel_id="D-2b", zaak=geschil, start=ingediend_op, omschrijving=geschil.nummer, actor=ouder,
                vandaag=vandaag)
    clock_start(regel_id="D-3", zaak=geschil, start=ingediend_op, omschrijving=geschil.nummer, voor_ouders=True,
                actor=ouder, vandaag=vandaag)
    for b in filter(None, bestanden or []):
        document_bewaar(zaak=geschil, bestand=b, door=ouder)
    d2b = geschil.klokken["D-2b"]
    meld_ouders(geschil, f"geschil:{geschil.pk}:ingediend", N_("Uw verzoek aan de Geschillencommissie is vastgelegd"),
                N_("U vroeg de Geschillencommissie passend onderwijs om een oordeel (%(zaak)s). Stuur de commissie het "
                   "dossier mee; u kunt het downloaden bij uw geschil."))
    _meld_verweerder(geschil, f"geschil:{geschil.pk}:nieuw", N_("Geschil bij de Geschillencommissie"),
                     N_("Ouders vroegen de Geschillencommissie passend onderwijs om een oordeel (%(zaak)s). Dien "
                        "uiterlijk %(datum)s uw verweer in."), datum=d2b.uiterlijk)
    for swv in (zaak.school.samenwerkingsverbanden.all() if zaak.school_id else []):
        # D-2: the commission invites the SWV; it hears of the geschil (no details: it is not a party).
        melding_stuur(ontvangers=leden(Rol.SWV, swv=swv), sleutel=f"geschil:{geschil.pk}:swv",
                      titel=N_("Geschil bij een aangesloten school"),
                      tekst=N_("Bij %(school)s loopt een geschil bij de Geschillencommissie passend onderwijs. De "
                               "commissie nodigt het samenwerkingsverband uit."),
                      gegevens={"school": zaak.school.naam}, url=reverse("geschillen:swv_overzicht"))
    return geschil


@transaction.atomic
def geschil_verweer(*, geschil, door, verweer_op: date, samenvatting: str = "", bestand=None,
                    vandaag: date | None = None) -> Geschil:
    """The board sent its verweer to the commission (D-2: within 2 weeks)."""
    vandaag = vandaag or timezone.localdate()
    geschil = _locked(geschil)
    _eis_verweerder(door, geschil)
    if not (geschil.ingediend_op <= verweer_op <= vandaag):
        raise GeschilFout(_("De dag van het verweer ligt tussen het indienen van het geschil en vandaag."))
    if bestand is None and not samenvatting.strip():
        raise GeschilFout(_("Voeg het verweerschrift toe of vat het samen."))
    zaken.zaak_transition(zaak=geschil, naar=GeschilStatus.VERWEER, door=door)
    Geschil.objects.filter(pk=geschil.pk).update(verweer_op=verweer_op, verweer_samenvatting=samenvatting)
    if bestand is not None:
        document_bewaar(zaak=geschil, bestand=bestand, door=door, soort="verweer")
    sluit_klokken(geschil, door, op=verweer_op, regels={"D-2b"})
    gebeurtenis_voeg_toe(zaak=geschil, soort="geschillen.verweer", door=door, gegevens={"op": verweer_op})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=geschil, leerling=geschil.leerling,
              wijzigingen={"verweer_op": [None, verweer_op.isoformat()]})
    if _swv_verweerder(geschil):
        meld_ouders(geschil, f"geschil:{geschil.pk}:verweer", N_("Het samenwerkingsverband heeft gereageerd"),
                    N_("Het samenwerkingsverband stuurde de Geschillencommissie zijn reactie op uw verzoek "
                       "(%(zaak)s)."))
    else:
        meld_ouders(geschil, f"geschil:{geschil.pk}:verweer", N_("Het schoolbestuur heeft gereageerd"),
                    N_("Het schoolbestuur stuurde de Geschillencommissie zijn reactie op uw verzoek (%(zaak)s)."))
    return geschil


@transaction.atomic
def geschil_zitting(*, geschil, door, zitting_op: date, aanwezig: str = "", leerling_gehoord: bool = False,
                    swv_uitgenodigd: bool = False, vandaag: date | None = None) -> Geschil:
    """The hearing (D-2: the SWV is invited, a pupil of 12 or older is heard). Spoed: the short ruling is due 2
    working days after it (D-3)."""
    vandaag = vandaag or timezone.localdate()
    geschil = _locked(geschil)
    _eis_verweerder(door, geschil)
    if not (geschil.ingediend_op <= zitting_op <= vandaag):
        raise GeschilFout(_("De dag van de zitting ligt tussen het indienen en vandaag."))
    zaken.zaak_transition(zaak=geschil, naar=GeschilStatus.ZITTING, door=door)
    Geschil.objects.filter(pk=geschil.pk).update(zitting_op=zitting_op, zitting_aanwezig=aanwezig,
                                                 leerling_gehoord=leerling_gehoord, swv_uitgenodigd=swv_uitgenodigd)
    if geschil.spoed:
        clock_start(regel_id="D-3b", zaak=geschil, start=zitting_op, omschrijving=geschil.nummer, voor_ouders=True,
                    actor=door, vandaag=vandaag)
    gebeurtenis_voeg_toe(zaak=geschil, soort="geschillen.zitting", door=door, gegevens={"op": zitting_op})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=geschil, leerling=geschil.leerling,
              wijzigingen={"zitting_op": [None, zitting_op.isoformat()]})
    return geschil


@transaction.atomic
def geschil_oordeel(*, geschil, door, oordeel: str, oordeel_op: date, samenvatting: str, bestand=None,
                    vandaag: date | None = None) -> Geschil:
    """The commission's oordeel arrived (D-3 closes); the board's response term starts (D-4, configurable)."""
    vandaag = vandaag or timezone.localdate()
    geschil = _locked(geschil)
    _eis_verweerder(door, geschil)
    if oordeel not in Oordeel.values:
        raise GeschilFout(_("Kies het oordeel van de commissie."))
    if not (geschil.ingediend_op <= oordeel_op <= vandaag):
        raise GeschilFout(_("De dag van het oordeel ligt tussen het indienen en vandaag."))
    samenvatting = tekst_nodig(samenvatting, _("Vat het oordeel samen (de ouders lezen het)."))
    zaken.zaak_transition(zaak=geschil, naar=GeschilStatus.OORDEEL, door=door)
    Geschil.objects.filter(pk=geschil.pk).update(oordeel=oordeel, oordeel_op=oordeel_op,
                                                 oordeel_samenvatting=samenvatting)
    geschil.oordeel = oordeel
    if bestand is not None:
        document_bewaar(zaak=geschil, bestand=bestand, door=door, soort="oordeel")
    sluit_klokken(geschil, door, op=oordeel_op, regels={"D-3", "D-3b"})
    if geschil.betreft_besluit_id:  # A-13b, WPO 43 lid 4: a bezwaar's decision term runs again from the oordeel
        hervat_na_oordeel(geschil.betreft_besluit_id, oordeel_op, door)
    d4 = clock_start(regel_id="D-4", zaak=geschil, start=oordeel_op, omschrijving=geschil.nummer, actor=door,
                     vandaag=vandaag)
    gebeurtenis_voeg_toe(zaak=geschil, soort="geschillen.oordeel", door=door,
                               gegevens={"oordeel": geschil.get_oordeel_display()})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=geschil, leerling=geschil.leerling,
              wijzigingen={"oordeel": [None, oordeel]})
    swv = _swv_verweerder(geschil)
    meld_ouders(geschil, f"geschil:{geschil.pk}:oordeel", N_("De Geschillencommissie heeft een oordeel gegeven"),
                N_("Over %(zaak)s heeft de commissie een oordeel gegeven. Het samenwerkingsverband laat u schriftelijk "
                   "weten wat het ermee doet.") if swv else
                N_("Over %(zaak)s heeft de commissie een oordeel gegeven. Het schoolbestuur laat u schriftelijk weten "
                   "wat het ermee doet."))
    _meld_verweerder(geschil, f"geschil:{geschil.pk}:oordeel", N_("Oordeel Geschillencommissie: laat weten wat u ermee doet"),
                     N_("Laat de ouders en de commissie uiterlijk %(datum)s schriftelijk weten wat het "
                        "samenwerkingsverband doet met het oordeel over %(zaak)s, met redenen als het afwijkt (D-4).")
                     if swv else
                     N_("Laat de ouders en de commissie uiterlijk %(datum)s schriftelijk weten wat het bestuur doet met "
                        "het oordeel over %(zaak)s, met redenen als het afwijkt (D-4)."), datum=d4.uiterlijk)
    return geschil


@transaction.atomic
def geschil_reactie(*, geschil, door, opvolging: str, motivering: str, vandaag: date | None = None) -> Geschil:
    """The board's written response to the oordeel, to the parents and the commission (D-4). Deviating from the
    oordeel needs reasons."""
    vandaag = vandaag or timezone.localdate()
    geschil = _locked(geschil)
    if not mag_reageren(door, geschil):
        raise GeschilFout(_("Alleen het samenwerkingsverband, of wie het daarvoor mandateerde, reageert op het oordeel.")
                          if _swv_verweerder(geschil) else
                          _("Alleen het schoolbestuur, of wie het daarvoor mandateerde, reageert op het oordeel."))
    if opvolging not in Opvolging.values:
        raise GeschilFout(_("Kies wat het bestuur met het oordeel doet."))
    if opvolging != Opvolging.VOLGT and not motivering.strip():
        raise GeschilFout(_("Het bestuur wijkt af van het oordeel: geef de redenen. Die staan in de brief."))
    zaken.zaak_transition(zaak=geschil, naar=GeschilStatus.AFGEROND, door=door, relatie={"ondertekenaar"})
    Geschil.objects.filter(pk=geschil.pk).update(opvolging=opvolging, reactie_motivering=motivering, reactie_op=vandaag)
    sluit_klokken(geschil, door, op=vandaag, regels={"D-4"})
    mandaat = Mandaat.objects.geldig(vandaag).filter(user=door).filter(
        **({"bestuur_id": geschil.school.bestuur_id} if geschil.school_id else {"swv_id": geschil.swv_id})).first()
    brief(geschil, BriefSoort.GESCHIL_REACTIE, {
        "oordeel": geschil.get_oordeel_display(), "oordeel_op": geschil.oordeel_op, "opvolging": opvolging,
        "opvolging_label": Opvolging(opvolging).label, "motivering": motivering, "reactie_op": vandaag,
        "gezag": str(geschil.gezag), "gezag_adres": geschil.school.bestuur.adres if geschil.school_id else "",
        "ondertekend_door": door.get_full_name() or door.email,
        "functie": mandaat.functie if mandaat else f"bestuurder van {geschil.gezag}"})
    gebeurtenis_voeg_toe(zaak=geschil, soort="geschillen.reactie", door=door, gegevens={"opvolging": opvolging})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=geschil, leerling=geschil.leerling,
              wijzigingen={"opvolging": [None, opvolging]})
    if _swv_verweerder(geschil):
        meld_ouders(geschil, f"geschil:{geschil.pk}:reactie", N_("Het samenwerkingsverband reageerde op het oordeel"),
                    N_("Het samenwerkingsverband liet weten wat het doet met het oordeel over %(zaak)s. Lees de brief "
                       "na inloggen."))
    else:
        meld_ouders(geschil, f"geschil:{geschil.pk}:reactie", N_("Het schoolbestuur reageerde op het oordeel"),
                    N_("Het schoolbestuur liet weten wat het doet met het oordeel over %(zaak)s. Lees de brief na "
                       "inloggen."))
    return geschil


@transaction.atomic
def geschil_trek_in(*, geschil, ouder, reden: str = "") -> Geschil:
    """The parents withdraw before the oordeel: the clocks close, the board hears of it, and a bezwaar about the
    same decision runs again (the core, on the final status)."""
    geschil = _locked(geschil)
    eis_ouder(ouder, geschil.leerling)
    zaken.zaak_transition(zaak=geschil, naar=GeschilStatus.INGETROKKEN, door=ouder)
    Geschil.objects.filter(pk=geschil.pk).update(ingetrokken_op=timezone.now(), intrek_reden=reden)
    sluit_klokken(geschil, ouder, vervallen=True)
    gebeurtenis_voeg_toe(zaak=geschil, soort="geschillen.ingetrokken", door=ouder)
    brief(geschil, BriefSoort.INTREKKING, {"soort": "geschil", "ingetrokken_op": timezone.localdate(), "reden": reden,
                                            "gezag": str(geschil.gezag)})
    _meld_verweerder(geschil, f"geschil:{geschil.pk}:ingetrokken", N_("Geschil ingetrokken"),
                N_("De ouders hebben %(zaak)s ingetrokken. Laat het de Geschillencommissie weten als die het nog niet "
                   "weet."))
    return geschil
