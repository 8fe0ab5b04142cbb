"""The bezwaar: one case kind for every decision that allows it. The contested decision's kind says which terms
apply (``portal.zaken.bezwaarregeling``): A-13/A-13b for the aanmelding's decision and a removal, E-1b/E-1c for a
schorsing, C-6 … for the TLV when its app registers them. Filed within the term (later with reasons, Awb 6:11),
the one who objected heard (Awb 7:2; not when they waive it, 7:3) by the bevoegd gezag's side the kind names (the
school board, or the TLV's SWV), the decision signed under mandate and made known by the core; the decision term
stands still while a geschil about the same decision runs."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.documenten.services import document_bewaar
from portal.meldingen.ontvangers import leden
from portal.meldingen.services import melding_stuur
from portal.termijnen import dates
from portal.termijnen.dates import TermijnFout
from portal.termijnen.models import Clock
from portal.termijnen.services import clock_resume, clock_start, clock_suspend
from portal.zaken import hoorrecht
from portal.zaken import services as zaken
from portal.zaken.bezwaarregeling import bezwaar_mogelijk, bezwaarregeling
from portal.zaken.models import Besluit
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from ..constants import BezwaarStatus, BezwaarUitkomst, BriefSoort
from ..models import Bezwaar
from .common import (
    GeschilFout,
    brief,
    eis_ouder,
    eis_school,
    laat_besluit_vervallen,
    meld_ouders,
    meld_school,
    sluit_klokken,
    tekst_nodig,
)


def _locked(bezwaar) -> Bezwaar:
    return (Bezwaar.objects.select_for_update(of=("self",))
            .select_related("leerling", "school", "school__bestuur", "swv", "betreft_besluit", "indienende_school")
            .get(pk=bezwaar.pk))


def lopend_geschil(besluit_id):
    """WPO 43 lid 4: the geschil about this decision that is aanhangig and has no oordeel yet (or None)."""
    from ..models import Geschil

    return (Geschil.objects.open().filter(betreft_besluit_id=besluit_id, oordeel_op__isnull=True)
            .order_by("ingediend_op").first())


def open_geschil(besluit_id) -> bool:
    return lopend_geschil(besluit_id) is not None


def stil_tijdens_geschil(clock, vanaf: date, actor, reden: str, *, vandaag: date | None = None) -> None:
    """A-13b, WPO 43 lid 4: the decision term on a bezwaar stands still "met ingang van de dag waarop het geschil
    aanhangig is gemaakt" (``vanaf``: the geschil's ``ingediend_op``, also when it is recorded later, so the
    suspension may begin in the past) "tot de dag waarop de commissie het oordeel heeft uitgebracht" (``hervat_na_
    oordeel``). A term that begins later (openbare school: after the 6-week bezwaar term) stands still from its own
    start. Only for rules suspended by a geschil (``Regel.opgeschort_door``): not E-1c (a schorsing is outside the
    commission's remit, WPO 43 lid 2)."""
    if "zaak:geschil" not in (clock.params.get("opgeschort_door") or []) or clock.gesloten_op:
        return
    if clock.open_opschorting is not None:
        return
    gesloten = [o.tot for o in clock.opschortingen.all() if o.tot is not None]
    van = max([vanaf, clock.start, *gesloten])  # never overlapping an earlier, closed suspension
    clock_suspend(clock=clock, van=van, reden=reden, actor=actor, vandaag=vandaag)


def hervat_na_oordeel(besluit_id, oordeel_op: date, actor) -> None:
    """WPO 43 lid 4: the oordeel ends the suspension of the decision terms on bezwaren against the same decision; they
    run again from the day of the oordeel (not from the board's response to it, D-4)."""
    for clock in (Clock.objects.open().prefetch_related("opschortingen")
                  .filter(zaak__betreft_besluit_id=besluit_id, zaak__zaaktype="bezwaar",
                          zaak__afgesloten_op__isnull=True)):
        opschorting = clock.open_opschorting
        if opschorting is None or "zaak:geschil" not in (clock.params.get("opgeschort_door") or []):
            continue
        clock_resume(clock=clock, tot=max(oordeel_op, opschorting.van), actor=actor)


def indienende_school(user, zaak, regeling=None):
    """The school on whose behalf ``user`` may file a bezwaar against a decision in ``zaak`` (the contested case,
    specific): only where the decision's kind lets the school file (``school_mag_indienen``: the TLV's applying school,
    C-6), and only its IB'er or directeur. None otherwise."""
    if regeling is None or not regeling.school_mag_indienen or user is None or not user.is_authenticated:
        return None
    school = regeling.indienende_school(zaak)
    if school is not None and school.pk in user.school_ids(Rol.IB, Rol.DIRECTEUR):
        return school
    return None


def mag_bezwaar_maken(user, besluit, zaak=None) -> bool:
    """``user`` may file a bezwaar against ``besluit``: a parent with gezag, or the school where its kind allows it
    (the view's check; the service checks again)."""
    zaak = zaak or besluit.zaak.specifiek
    return (hoorrecht.handelt_voor(user, zaak.leerling, onderwerp=zaak.type.onderwerp)
            or indienende_school(user, zaak, bezwaarregeling(besluit.besluittype)) is not None)


def mag_papier_vastleggen(user, besluit, zaak=None) -> bool:
    """``user`` may record a bezwaar against ``besluit`` that came in on paper: the bevoegd gezag's side that hears
    and decides on it (``mag_behandelen``: the school and its board, or the TLV's SWV staff)."""
    zaak = zaak or besluit.zaak.specifiek
    return mag_behandelen(user, Bezwaar(school=zaak.school, swv=zaak.swv, betreft_besluit=besluit))


@transaction.atomic
def bezwaar_dien_in(*, besluit: Besluit, gronden: str, door=None, ouder=None, te_laat_reden: str = "", bestanden=(),
                    namens=None, ontvangen_op: date | None = None, ter_post_op: date | None = None,
                    vandaag: date | None = None) -> Bezwaar:
    """File a bezwaar against ``besluit`` — by ``door``: a parent with gezag (``ouder=`` says the same), or, where the
    decision's kind allows it, the IB'er or directeur of the school it names (the TLV: the applying school, C-6).
    A bezwaarschrift on paper is recorded by the bevoegd gezag's staff (``door``) for the parent who sent it
    (``namens``), with the day it came in (``ontvangen_op``) and, optionally, the day it was posted (``ter_post_op``,
    not after receipt): Awb 6:9 lid 2 — posted within the term and received within a week after it, it is on time
    and no reason for lateness is asked. The filing term is the decision's own clock (A-13 for the aanmelding,
    started at bekendmaking); the decision term starts as the decision's kind says (A-13b per kind of school, from
    receipt). Parents are always told; when the school filed, that the school did and when the bevoegd gezag
    decides."""
    if door is not None and ouder is not None and door != ouder:
        raise TypeError("bezwaar_dien_in: geef door of ouder, niet allebei")
    door = door if door is not None else ouder
    vandaag = vandaag or timezone.localdate()
    besluit = Besluit.objects.select_related("zaak", "zaak__leerling", "zaak__school", "zaak__school__bestuur",
                                             "zaak__swv").get(pk=besluit.pk)
    zaak = besluit.zaak.specifiek
    regeling = bezwaarregeling(besluit.besluittype)
    school = None
    papier = namens is not None
    if papier:
        if regeling is None or not mag_papier_vastleggen(door, besluit, zaak):
            raise GeschilFout(_("Alleen medewerkers van het bevoegd gezag dat op het bezwaar beslist, leggen een "
                              "bezwaarschrift op papier vast."))
        if not hoorrecht.handelt_voor(namens, zaak.leerling, onderwerp=zaak.type.onderwerp):
            raise GeschilFout(_("Kies de ouder met gezag die het bezwaarschrift stuurde."), veld="namens")
        ontvangen = ontvangen_op or vandaag
        if ontvangen > vandaag:
            raise GeschilFout(_("De dag van ontvangst kan niet in de toekomst liggen."), veld="ontvangen_op")
        if besluit.bekendgemaakt_op and ontvangen < besluit.bekendgemaakt_op:
            raise GeschilFout(_("De dag van ontvangst ligt vóór de bekendmaking van het besluit."), veld="ontvangen_op")
        if ter_post_op is not None and ter_post_op > ontvangen:
            raise GeschilFout(_("De dag van verzending (poststempel) kan niet na de dag van ontvangst liggen."),
                              veld="ter_post_op")
    else:
        ontvangen, ter_post_op = vandaag, None  # filed in the portal: received the day it is sent
        if not hoorrecht.handelt_voor(door, zaak.leerling, onderwerp=zaak.type.onderwerp):
            school = indienende_school(door, zaak, regeling)
            if school is None:
                if regeling is not None and regeling.school_mag_indienen:
                    raise GeschilFout(_("Alleen een ouder met gezag, of de intern begeleider of directeur van de school "
                                      "die de aanvraag deed, kan bezwaar maken tegen dit besluit."))
                raise GeschilFout(_("Alleen een ouder met gezag kan dit doen."))
    klokken = besluit.klokken
    if regeling is None or not bezwaar_mogelijk(besluit, klokken):
        raise GeschilFout(_("Tegen dit besluit kunt u geen bezwaar maken in het portaal."))
    if Bezwaar.objects.open().filter(betreft_besluit=besluit).exists():
        raise GeschilFout(_("Er loopt al een bezwaar tegen dit besluit."))
    gronden = tekst_nodig(gronden, _("Schrijf op waarom u het niet eens bent met het besluit."), veld="gronden")
    indienen = klokken[regeling.indienen]
    # Awb 6:9: received by the end of the term (lid 1), or posted by then and received within a week after (lid 2)
    te_laat = indienen.uiterlijk is not None and not dates.tijdig_ingediend(indienen.uiterlijk, ontvangen, ter_post_op)
    if te_laat and not te_laat_reden.strip():
        if papier:
            raise GeschilFout(_("Dit bezwaarschrift kwam na de termijn binnen (en ging niet binnen de termijn op de post "
                                "met ontvangst binnen een week daarna). Schrijf de reden op die de ouders voor de "
                                "vertraging geven. %(wie)s beoordeelt die reden (Awb 6:11).")
                              % {"wie": _wie_beslist(zaak)},
                              veld="te_laat_reden")
        raise GeschilFout(_("De termijn voor bezwaar is voorbij. U kunt nog bezwaar maken als u een goede reden heeft "
                            "waarom het later is: schrijf die op. %(wie)s beoordeelt die reden.")
                          % {"wie": _wie_beslist(zaak)},
                          veld="te_laat_reden")
    bezwaar = zaken.zaak_open(zaak=Bezwaar(
        leerling=zaak.leerling, school=zaak.school, swv=zaak.swv, hoofdzaak=zaak, betreft_besluit=besluit,
        ingediend_door=namens if papier else door, indienende_school=school, ontvangen_op=ontvangen,
        ter_post_op=ter_post_op, geregistreerd_door=door if papier else None, gronden=gronden,
        te_laat_reden=te_laat_reden.strip() if te_laat else ""), door=door)
    if not indienen.gesloten_op:
        # met on the day of receipt; a bezwaar posted in time and received within the week after, on the posting day
        voldaan = ter_post_op if (not te_laat and indienen.uiterlijk and ontvangen > indienen.uiterlijk) else ontvangen
        sluit_klokken(zaak, door, op=voldaan, regels={regeling.indienen})
    extra = {"bron": regeling.bron(zaak)} if regeling.bron and regeling.bron(zaak) else None
    beslis = clock_start(regel_id=regeling.beslissen, zaak=bezwaar, start=regeling.beslistermijn_start(bezwaar, indienen),
                         omschrijving=bezwaar.nummer, extra_params=extra, actor=door, vandaag=vandaag)
    for regel_id, start in regeling.extra:
        clock_start(regel_id=regel_id, zaak=bezwaar, start=start(bezwaar, indienen), omschrijving=bezwaar.nummer,
                    actor=door, vandaag=vandaag)
    if (geschil := lopend_geschil(besluit.pk)) is not None:
        try:
            stil_tijdens_geschil(beslis, geschil.ingediend_op, door, "Er loopt een geschil over hetzelfde besluit",
                                 vandaag=vandaag)
        except TermijnFout as exc:
            raise GeschilFout(str(exc)) from None
    for b in filter(None, bestanden or []):
        document_bewaar(zaak=bezwaar, bestand=b, door=door)
    beslis.refresh_from_db()
    brief(bezwaar, BriefSoort.BEZWAAR_ONTVANGST, {
        "ontvangen_op": ontvangen, "ter_post_op": ter_post_op, "besluit": besluit.type.naam, "besluit_op": besluit.bekendgemaakt_op,
        "gezag": str(zaak.gezag), "beslissen_uiterlijk": beslis.uiterlijk, "bron": beslis.params.get("bron", ""),
        "te_laat": te_laat, "opgeschort": beslis.uiterlijk is None,
        "door_school": school is not None, "indienende_school": school.naam if school else ""})
    if school is None:
        if bezwaar.school_id:
            meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:ontvangen", N_("Uw bezwaar is ontvangen"),
                        N_("Uw bezwaar (%(zaak)s) is ontvangen op %(datum)s. Het schoolbestuur nodigt u uit om het toe "
                           "te lichten en beslist daarna."), datum=ontvangen)
        else:  # an SWV decides (the TLV): the parents read its name
            meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:ontvangen", N_("Uw bezwaar is ontvangen"),
                        N_("Uw bezwaar (%(zaak)s) is ontvangen op %(datum)s. %(gezag)s nodigt u uit om het toe te "
                           "lichten en beslist daarna."), datum=ontvangen, gezag=str(bezwaar.gezag))
        meld_gezag(bezwaar, f"bezwaar:{bezwaar.pk}:nieuw", N_("Bezwaar ingediend"),
                   N_("Ouders maakten bezwaar (%(zaak)s). Hoor hen en beslis uiterlijk %(datum)s."),
                   datum=beslis.uiterlijk)
        return bezwaar
    # the school filed: the parents are always told, in plain words, who objected and when the decision comes
    if beslis.uiterlijk is not None:
        meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:school", N_("De school heeft bezwaar gemaakt"),
                    N_("%(school)s heeft bezwaar gemaakt tegen het besluit van %(gezag)s over uw kind (%(zaak)s). "
                       "%(gezag)s beslist uiterlijk op %(datum)s. U hoeft zelf niets te doen. Heeft u vragen? Neem "
                       "contact op met de school."), school=school.naam, gezag=str(zaak.gezag), datum=beslis.uiterlijk)
    else:
        meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:school", N_("De school heeft bezwaar gemaakt"),
                    N_("%(school)s heeft bezwaar gemaakt tegen het besluit van %(gezag)s over uw kind (%(zaak)s). "
                       "%(gezag)s laat u weten wanneer het beslist. U hoeft zelf niets te doen. Heeft u vragen? Neem "
                       "contact op met de school."), school=school.naam, gezag=str(zaak.gezag))
    meld_gezag(bezwaar, f"bezwaar:{bezwaar.pk}:nieuw", N_("Bezwaar ingediend"),
               N_("%(school)s maakte bezwaar (%(zaak)s). Hoor de school en beslis uiterlijk %(datum)s."),
               school=school.naam, datum=beslis.uiterlijk)
    return bezwaar


def _wie_beslist(zaak) -> str:
    """Who decides on a bezwaar in ``zaak``'s decision, for a sentence: the school board, or the SWV by name."""
    return _("Het schoolbestuur") if zaak.school_id else str(zaak.gezag)


def _regeling(bezwaar):
    return bezwaarregeling(bezwaar.betreft_besluit.besluittype) if bezwaar.betreft_besluit_id else None


def mag_behandelen(user, bezwaar) -> bool:
    """``user`` hears the one who objected and prepares the decision on ``bezwaar`` for the bevoegd gezag: whom the
    contested decision's kind names (``behandelaar``: the TLV's SWV staff), else the IB'er or directeur of the case's
    school or a member of its board (the school board's own decisions)."""
    if user is None or not user.is_authenticated:
        return False
    regeling = _regeling(bezwaar)
    if regeling is not None and regeling.behandelaar is not None:
        return bool(regeling.behandelaar(user, bezwaar))
    if not bezwaar.school_id:
        return False
    return (bezwaar.school_id in user.school_ids(Rol.IB, Rol.DIRECTEUR)
            or bezwaar.school.bestuur_id in user.bestuur_ids())


def _eis_behandelaar(user, bezwaar) -> set[str] | None:
    """Refuse who may not hear or decide; the relation for the status table (None: the core computes it, as for the
    school board's own decisions)."""
    regeling = _regeling(bezwaar)
    if regeling is None or regeling.behandelaar is None:
        eis_school(user, bezwaar)
        return None
    if not mag_behandelen(user, bezwaar):
        raise GeschilFout(f"Alleen de medewerkers van {bezwaar.gezag} kunnen dit vastleggen.")
    return {"behandelaar"}


def bestuursrecht(bezwaar) -> bool:
    """After the decision on the bezwaar the route is beroep bij de bestuursrechter (Awb 6:7, 8:1): as the contested
    decision's kind says (the TLV: an Awb besluit of the SWV), else only for an openbare school — a bijzondere
    school's board is no bestuursorgaan, so there the civil court."""
    regeling = _regeling(bezwaar)
    if regeling is not None and regeling.bestuursrecht is not None:
        return bool(regeling.bestuursrecht(bezwaar))
    return bezwaar.school_id is not None and bezwaar.school.denominatie == "openbaar"


def meld_gezag(bezwaar, sleutel: str, titel: str, tekst: str, **gegevens) -> None:
    """The bevoegd gezag's side of a bezwaar: the case's school and its board, or — when an SWV decides (no school)
    — the SWV's staff."""
    if bezwaar.school_id or not bezwaar.swv_id:
        meld_school(bezwaar, sleutel, titel, tekst, **gegevens)
        return
    melding_stuur(ontvangers=leden(Rol.SWV, swv=bezwaar.swv), sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": bezwaar.nummer, **gegevens}, url=bezwaar.get_absolute_url())


def mogelijke_hoorders(bezwaar):
    """Who may hear for the bevoegd gezag (the choices on the hearing form): the school's IB'ers and directeuren and
    its board's bestuurders, or the SWV's staff when an SWV decides; each checked by ``mag_behandelen``."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    q = Q(pk__in=[])
    if bezwaar.school_id:
        q |= Q(memberships__school_id=bezwaar.school_id, memberships__rol__in=[Rol.IB, Rol.DIRECTEUR])
        q |= Q(memberships__bestuur_id=bezwaar.school.bestuur_id, memberships__rol=Rol.BESTUURDER)
    if bezwaar.swv_id:
        q |= Q(memberships__swv_id=bezwaar.swv_id, memberships__rol=Rol.SWV)
    kandidaten = get_user_model().objects.filter(q, is_active=True).distinct().order_by("first_name", "last_name", "pk")
    return [u for u in kandidaten if mag_behandelen(u, bezwaar)]


def betrokken_bij_besluit(besluit) -> set[int]:
    """Who prepared or took the contested decision, from the core's Besluit row (``voorbereid_door``,
    ``ondertekend_door``): Awb 7:5 lid 1 keeps them from hearing alone, 10:3 lid 3 from deciding on the bezwaar when
    they took it under mandate."""
    if besluit is None:
        return set()
    return {pk for pk in (besluit.voorbereid_door_id, besluit.ondertekend_door_id) if pk}


def _bestuurslid(user, bezwaar) -> bool:
    """A member of the bevoegd gezag itself (a bestuurder of the school's board): Awb 7:5 lid 1 opens with "tenzij het
    horen geschiedt door of mede door het bestuursorgaan zelf dan wel de voorzitter of een lid ervan"."""
    return bool(bezwaar.school_id) and bezwaar.school.bestuur_id in user.bestuur_ids()


def hoor_fout(bezwaar, hoorders, voorzitter) -> tuple[str, str] | None:
    """Awb 7:5 lid 1: (field, Dutch message) when this hearing may not count, else None. One hearer: not someone
    involved in preparing the contested decision (a). Several: the majority, the one who leads the hearing among them,
    not involved (b). Unless the bevoegd gezag itself or one of its members hears along (the opening words)."""
    betrokken = betrokken_bij_besluit(bezwaar.betreft_besluit)
    if any(_bestuurslid(h, bezwaar) for h in hoorders):
        return None
    naam = {h.pk: h.get_full_name() or h.email for h in hoorders}
    if len(hoorders) == 1:
        h = hoorders[0]
        if h.pk in betrokken:
            return "hoorders", (f"{naam[h.pk]} heeft het besluit waartegen bezwaar is gemaakt voorbereid of genomen en "
                                "mag het horen niet alleen doen. Laat iemand horen die er niet bij betrokken was, of "
                                "hoor met meer personen van wie de meerderheid, ook wie het horen leidt, er niet bij "
                                "betrokken was (Awb 7:5 lid 1).")
        return None
    if voorzitter is not None and voorzitter.pk in betrokken:
        return "voorzitter", (f"{naam[voorzitter.pk]} was betrokken bij het besluit waartegen bezwaar is gemaakt en mag "
                              "het horen niet leiden. Kies als voorzitter iemand die er niet bij betrokken was "
                              "(Awb 7:5 lid 1 onder b).")
    onbetrokken = sum(1 for h in hoorders if h.pk not in betrokken)
    if onbetrokken * 2 <= len(hoorders):
        return "hoorders", ("De meerderheid van wie horen moet niet betrokken zijn geweest bij het besluit waartegen "
                            "bezwaar is gemaakt. Nu is dat niet zo: voeg iemand toe die er niet bij betrokken was, of "
                            "laat een betrokkene weg (Awb 7:5 lid 1 onder b).")
    return None


@transaction.atomic
def bezwaar_hoor(*, bezwaar, door, gehoord_op: date | None = None, afgezien: bool = False, verslag: str = "",
                 bestand=None, hoorders=None, voorzitter=None, commissie: str = "",
                 vandaag: date | None = None) -> Bezwaar:
    """The one who objected (the parents, or the school that filed) was heard (Awb 7:2), or waived it (Awb 7:3 sub c);
    by the bevoegd gezag's side the contested decision's kind names (``mag_behandelen``). Who heard: ``hoorders`` (by
    default the one who records it) led by ``voorzitter`` (by default the first); Awb 7:5 lid 1 keeps those who
    prepared or took the contested decision from hearing alone or in the majority (``hoor_fout``). A hearing by an
    advisory commission for bezwaarschriften (``commissie``, its name) falls under Awb 7:13 lid 3 instead: the
    commission hears, its chair is from outside the bevoegd gezag (7:13 lid 1 sub b)."""
    vandaag = vandaag or timezone.localdate()
    bezwaar = _locked(bezwaar)
    relatie = _eis_behandelaar(door, bezwaar)
    hoorders = list(hoorders or [])
    commissie = (commissie or "").strip()
    regeling = _regeling(bezwaar)
    if not commissie and not hoorders and regeling is not None and regeling.adviescommissie:
        commissie = regeling.adviescommissie  # Awb 7:13 lid 3: the kind's advisory commission hears (the TLV: the LBT)
    if not afgezien:
        if gehoord_op is None or not (bezwaar.ontvangen_op <= gehoord_op <= vandaag):
            raise GeschilFout(_("Vul de dag van het horen in: na de ontvangst van het bezwaar en niet later dan vandaag."),
                              veld="gehoord_op")
        verslag = tekst_nodig(verslag, _("Schrijf een kort verslag van het horen; de ouders krijgen het te zien."),
                              veld="verslag")
        if not commissie:
            hoorders = hoorders or [door]
            for h in hoorders:
                if h != door and not mag_behandelen(h, bezwaar):
                    raise GeschilFout(f"{h.get_full_name() or h.email} hoort niet bij {bezwaar.gezag} en kan niet "
                                      "namens het bevoegd gezag horen.", veld="hoorders")
            voorzitter = voorzitter or hoorders[0]
            if voorzitter not in hoorders:
                raise GeschilFout(_("Wie het horen leidde, hoort ook bij wie hoorden."), veld="voorzitter")
            if fout := hoor_fout(bezwaar, hoorders, voorzitter):
                raise GeschilFout(fout[1], veld=fout[0])
    if afgezien or commissie:
        hoorders, voorzitter = [], None
    Bezwaar.objects.filter(pk=bezwaar.pk).update(gehoord_op=None if afgezien else gehoord_op, horen_afgezien=afgezien,
                                                 hoorverslag=verslag, hoor_voorzitter=voorzitter,
                                                 hoor_commissie="" if afgezien else commissie)
    bezwaar.hoorders.set(hoorders)
    if bestand is not None:
        document_bewaar(zaak=bezwaar, bestand=bestand, door=door, soort="hoorverslag")
    if bezwaar.status == BezwaarStatus.INGEDIEND:
        zaken.zaak_transition(zaak=bezwaar, naar=BezwaarStatus.GEHOORD, door=door, relatie=relatie)
    if afgezien:
        gebeurtenis_voeg_toe(zaak=bezwaar, soort="geschillen.horen_afgezien", door=door)
    else:
        gebeurtenis_voeg_toe(zaak=bezwaar, soort="geschillen.gehoord", door=door, gegevens={"op": gehoord_op})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=bezwaar, leerling=bezwaar.leerling,
              wijzigingen={"gehoord_op": [None, gehoord_op.isoformat() if gehoord_op else None],
                           "hoorders": [None, [h.pk for h in hoorders]], "hoor_commissie": [None, commissie or None]})
    return bezwaar


def ondertekenaar_fout(besluit, door) -> str:
    """Awb 10:3 lid 3: "Mandaat tot het beslissen op een bezwaarschrift … wordt niet verleend aan degene die het
    besluit waartegen het bezwaar zich richt, krachtens mandaat heeft genomen." The core's signing page asks this of a
    decision on a bezwaar (``Besluittype.ondertekenaar_fout``); '' when ``door`` may sign."""
    bezwaar = besluit.zaak.specifiek
    betwist = getattr(bezwaar, "betreft_besluit", None)
    if betwist is None or not door or not getattr(door, "pk", None):
        return ""
    if betwist.mandaat_id and betwist.ondertekend_door_id == door.pk:
        return ("U nam het besluit waartegen bezwaar is gemaakt zelf, met een mandaat. Wie een besluit met mandaat nam, "
                "mag niet op het bezwaar daartegen beslissen (Awb 10:3 lid 3). Laat iemand anders met een mandaat voor "
                "bezwaar, of het bestuur zelf, de beslissing ondertekenen.")
    return ""


@transaction.atomic
def bezwaar_beslissing_voorbereid(*, bezwaar, door, uitkomst: str, motivering: str):
    """Prepare the decision on the bezwaar; someone with a mandate for 'bezwaar' of the bevoegd gezag (or its board)
    signs it on the core's signing page. Hearing first (Awb 7:2), unless the one who objected waived it or the
    bezwaar is plainly inadmissible (Awb 7:3 sub a); then whatever the contested decision's kind still asks
    (``voor_beslissing``: the TLV's LBT advice)."""
    bezwaar = _locked(bezwaar)
    relatie = _eis_behandelaar(door, bezwaar)
    if uitkomst not in BezwaarUitkomst.values:
        raise GeschilFout(_("Kies de uitkomst."))
    gehoord = bezwaar.gehoord_op is not None or bezwaar.horen_afgezien
    if not gehoord and uitkomst != BezwaarUitkomst.NIET_ONTVANKELIJK:
        if relatie is None:
            raise GeschilFout(_("Hoor eerst de ouders (of leg vast dat zij daarvan afzien) voordat het bestuur beslist."))
        wie = "de school die bezwaar maakte" if bezwaar.door_school else "de ouders"
        raise GeschilFout(f"Hoor eerst {wie} (of leg vast dat zij daarvan afzien) voordat {bezwaar.gezag} beslist.")
    regeling = _regeling(bezwaar)
    beslis = bezwaar.klokken.get(regeling.beslissen) if regeling is not None else None
    if (beslis is not None and "zaak:geschil" in (beslis.params.get("opgeschort_door") or [])
            and lopend_geschil(bezwaar.betreft_besluit_id) is not None):
        # WPO 43 lid 4: "neemt het bevoegd gezag de beslissing op bezwaar niet dan nadat de commissie heeft geoordeeld"
        raise GeschilFout(_("Over hetzelfde besluit loopt een geschil bij de Geschillencommissie passend onderwijs. Het "
                          "bestuur beslist pas op het bezwaar als de commissie haar oordeel heeft gegeven; tot dan "
                          "staat de beslistermijn stil."), veld="uitkomst")
    if regeling is not None and regeling.voor_beslissing is not None:
        if melding := regeling.voor_beslissing(bezwaar, uitkomst):
            raise GeschilFout(melding)
    besluit = zaken.besluit_bereid_voor(zaak=bezwaar, besluittype="bezwaar", uitkomst=uitkomst,
                                        motivering=motivering, door=door)
    if bezwaar.status != BezwaarStatus.VOORBEREID:
        zaken.zaak_transition(zaak=bezwaar, naar=BezwaarStatus.VOORBEREID, door=door, relatie=relatie)
    return besluit


def bezwaar_brief_gegevens(besluit, klokken) -> dict:
    from portal.organisaties.wetgeving import verwijzingen

    bezwaar = besluit.zaak.specifiek
    betwist = bezwaar.betreft_besluit
    regeling = bezwaarregeling(betwist.besluittype)
    beslis = bezwaar.klokken.get(regeling.beslissen) if regeling else None
    basis = verwijzingen(bezwaar.school) if bezwaar.school_id else {}
    extra = regeling.brief_gegevens(bezwaar) if regeling and regeling.brief_gegevens else {}
    return basis | extra | {
        "betwist_besluit": betwist.type.naam, "betwist_uitkomst": betwist.uitkomst_label,
        "betwist_op": betwist.bekendgemaakt_op, "ontvangen_op": bezwaar.ontvangen_op, "gehoord_op": bezwaar.gehoord_op,
        "horen_afgezien": bezwaar.horen_afgezien, "beslissen_uiterlijk": beslis.uiterlijk if beslis else None,
        "door_school": bezwaar.door_school,
        "indienende_school": bezwaar.indienende_school.naam if bezwaar.door_school else "",
        "bron": beslis.params.get("bron", "") if beslis else "",
        "openbaar": bezwaar.school_id is not None and bezwaar.school.denominatie == "openbaar",
        # the route after the decision (Awb 6:7, 8:1): the bestuursrechter, or the civil court — the kind's to say
        "bestuursrecht": bestuursrecht(bezwaar)}


def bezwaar_na_bekendmaking(besluit, door, vandaag: date) -> None:
    """The decision on the bezwaar is made known (in the core's signing transaction): its terms close, the case
    is decided, the parents are told (and the school, when it filed)."""
    bezwaar = besluit.zaak.specifiek
    sluit_klokken(bezwaar, door, op=besluit.bekendgemaakt_op)
    Bezwaar.objects.filter(pk=bezwaar.pk).update(uitkomst=besluit.uitkomst)
    zaken.zaak_transition(zaak=bezwaar, naar=BezwaarStatus.BESLIST, door=door, relatie={"ondertekenaar"})
    if not bezwaar.door_school:
        if bezwaar.school_id:
            meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:beslist", N_("Er is een beslissing op uw bezwaar"),
                        N_("Het schoolbestuur heeft beslist op %(zaak)s. Lees de brief na inloggen."))
        else:
            meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:beslist", N_("Er is een beslissing op uw bezwaar"),
                        N_("%(gezag)s heeft beslist op uw bezwaar (%(zaak)s). Lees de brief na inloggen."),
                        gezag=str(bezwaar.gezag))
        return
    school = bezwaar.indienende_school
    meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:beslist", N_("Er is een beslissing op het bezwaar van de school"),
                N_("%(gezag)s heeft beslist op het bezwaar van %(school)s (%(zaak)s). Lees de brief na inloggen."),
                gezag=str(bezwaar.gezag), school=school.naam)
    melding_stuur(ontvangers=leden(Rol.IB, Rol.DIRECTEUR, school=school), sleutel=f"bezwaar:{bezwaar.pk}:beslist",
                  titel=N_("Beslissing op het bezwaar van de school"),
                  tekst=N_("%(gezag)s heeft beslist op %(zaak)s. De brief staat bij het bezwaar."),
                  gegevens={"zaak": bezwaar.nummer, "gezag": str(bezwaar.gezag)}, url=bezwaar.get_absolute_url())


@transaction.atomic
def bezwaar_trek_in(*, bezwaar, door=None, ouder=None, reden: str = "") -> Bezwaar:
    """Whoever filed it withdraws it: the parents their bezwaar, the school (its IB'er or directeur) its own."""
    if door is not None and ouder is not None and door != ouder:
        raise TypeError("bezwaar_trek_in: geef door of ouder, niet allebei")
    door = door if door is not None else ouder
    bezwaar = _locked(bezwaar)
    relatie = None
    if bezwaar.door_school:
        if door is None or bezwaar.indienende_school_id not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
            raise GeschilFout(_("Dit bezwaar is van de school. Alleen de school kan het intrekken."))
        relatie = {"indiener"}
    else:
        betwist = bezwaar.betreft_besluit.zaak.specifiek if bezwaar.betreft_besluit_id else bezwaar
        eis_ouder(door, bezwaar.leerling, betwist.type.onderwerp)
    zaken.zaak_transition(zaak=bezwaar, naar=BezwaarStatus.INGETROKKEN, door=door, relatie=relatie)
    Bezwaar.objects.filter(pk=bezwaar.pk).update(ingetrokken_op=timezone.now(), intrek_reden=reden)
    laat_besluit_vervallen(bezwaar, "bezwaar", door=door)
    sluit_klokken(bezwaar, door, vervallen=True)
    gebeurtenis_voeg_toe(zaak=bezwaar, soort="geschillen.ingetrokken", door=door)
    school = bezwaar.indienende_school
    brief(bezwaar, BriefSoort.INTREKKING, {"soort": "bezwaar", "ingetrokken_op": timezone.localdate(), "reden": reden,
                                            "gezag": str(bezwaar.gezag), "door_school": school is not None,
                                            "indienende_school": school.naam if school else ""})
    if school is None:
        meld_gezag(bezwaar, f"bezwaar:{bezwaar.pk}:ingetrokken", N_("Bezwaar ingetrokken"),
                   N_("De ouders hebben %(zaak)s ingetrokken. De beslistermijn is vervallen."))
        return bezwaar
    meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:ingetrokken", N_("De school heeft het bezwaar ingetrokken"),
                N_("%(school)s heeft het bezwaar (%(zaak)s) ingetrokken. %(gezag)s beslist er dus niet meer over."),
                school=school.naam, gezag=str(bezwaar.gezag))
    meld_gezag(bezwaar, f"bezwaar:{bezwaar.pk}:ingetrokken", N_("Bezwaar ingetrokken"),
               N_("%(school)s heeft %(zaak)s ingetrokken. De beslistermijn is vervallen."), school=school.naam)
    return bezwaar
