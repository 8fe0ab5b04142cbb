"""The klacht (D-5; WPO 14): filed by the parents with the klachtencommissie of the school's board; the
commission's secretary records the hearing and the oordeel; the board answers within 4 weeks what it does with
it. Confidential: no notification, clock or task reaches the school's staff (the clocks carry no school, the
board's member is named responsible)."""

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
from portal.termijnen.services import clock_start
from portal.zaken import services as zaken
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from ..constants import BriefSoort, KlachtStatus, Oordeel, Opvolging
from ..models import Klacht, Klachtencommissie
from ..toegang import klacht_bestuur_ids
from .common import GeschilFout, brief, eis_ouder, meld_ouders, sluit_klokken, tekst_nodig


def commissies_voor(school):
    return Klachtencommissie.objects.filter(besturen=school.bestuur_id).order_by("naam")


def is_secretaris(user, klacht) -> bool:
    return user.heeft_rol(Rol.KLACHTENCOMMISSIE) and klacht.commissie.secretarissen.filter(pk=user.pk).exists()


def is_bestuur(user, klacht) -> bool:
    return klacht.betreft_school.bestuur_id in klacht_bestuur_ids(user)


def _locked(klacht) -> Klacht:
    return (Klacht.objects.select_for_update(of=("self",))
            .select_related("leerling", "commissie", "betreft_school", "betreft_school__bestuur").get(pk=klacht.pk))


def _meld_commissie(klacht, sleutel, titel, tekst):
    melding_stuur(ontvangers=list(klacht.commissie.secretarissen.filter(is_active=True)), sleutel=sleutel, titel=titel,
                  tekst=tekst, gegevens={"zaak": klacht.nummer}, url=klacht.get_absolute_url())


def _meld_bestuur(klacht, sleutel, titel, tekst):
    melding_stuur(ontvangers=leden(Rol.BESTUURDER, bestuur=klacht.bestuur), sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": klacht.nummer}, url=klacht.get_absolute_url())


def _brief(klacht, soort, gegevens):
    return brief(klacht, soort, {"commissie": klacht.commissie.naam, "commissie_adres": klacht.commissie.adres,
                                 "bestuur": str(klacht.bestuur), "school": klacht.betreft_school.naam} | gegevens,
                 school=klacht.betreft_school)


@transaction.atomic
def klacht_dien_in(*, ouder, leerling, school, onderwerp: str, gewenst: str = "", commissie=None,
                   bestanden=(), over_zaak=None, vandaag: date | None = None) -> Klacht:
    """File a klacht with the klachtencommissie of the school's board (D-5)."""
    vandaag = vandaag or timezone.localdate()
    eis_ouder(ouder, leerling)
    onderwerp = tekst_nodig(onderwerp, _("Schrijf op waar uw klacht over gaat."))
    mogelijk = list(commissies_voor(school))
    if commissie is None:
        if not mogelijk:
            raise GeschilFout(_("Het bestuur van %(school)s heeft nog geen klachtencommissie in het portaal. Vraag de "
                                "school naar de klachtenregeling (die staat in de schoolgids).") % {"school": school.naam})
        if len(mogelijk) > 1:
            raise GeschilFout(_("Kies bij welke klachtencommissie u de klacht indient."))
        commissie = mogelijk[0]
    elif commissie.pk not in {c.pk for c in mogelijk}:
        raise GeschilFout(_("Deze klachtencommissie is niet die van het bestuur van de school."))
    klacht = zaken.zaak_open(zaak=Klacht(
        leerling=leerling, school=None, swv=None, hoofdzaak=over_zaak, commissie=commissie, betreft_school=school,
        onderwerp=onderwerp, gewenst=gewenst, ingediend_door=ouder, ontvangen_op=vandaag), door=ouder)
    for b in filter(None, bestanden or []):
        document_bewaar(zaak=klacht, bestand=b, door=ouder)
    _brief(klacht, BriefSoort.KLACHT_ONTVANGST, {"ontvangen_op": vandaag})
    meld_ouders(klacht, f"klacht:{klacht.pk}:ontvangen", N_("Uw klacht is ontvangen"),
                N_("De klachtencommissie ontving uw klacht (%(zaak)s) op %(datum)s. De ontvangstbevestiging staat bij uw "
                   "klacht."), datum=vandaag)
    _meld_commissie(klacht, f"klacht:{klacht.pk}:nieuw", N_("Nieuwe klacht"),
                    N_("%(zaak)s is binnengekomen bij de klachtencommissie."))
    _meld_bestuur(klacht, f"klacht:{klacht.pk}:nieuw", N_("Klacht ingediend bij de klachtencommissie"),
                  N_("Over een school van uw bestuur is een klacht ingediend (%(zaak)s). De commissie behandelt haar "
                     "vertrouwelijk."))
    return klacht


def _eis_secretaris(user, klacht):
    if not is_secretaris(user, klacht):
        raise GeschilFout(_("Alleen de secretaris van de klachtencommissie legt dit vast."))


@transaction.atomic
def klacht_zitting(*, klacht, door, zitting_op: date, verslag: str = "") -> Klacht:
    klacht = _locked(klacht)
    _eis_secretaris(door, klacht)
    if zitting_op < klacht.ontvangen_op:
        raise GeschilFout(_("De hoorzitting kan niet vóór de ontvangst van de klacht zijn."))
    Klacht.objects.filter(pk=klacht.pk).update(zitting_op=zitting_op, zitting_verslag=verslag)
    if klacht.status == KlachtStatus.INGEDIEND:
        zaken.zaak_transition(zaak=klacht, naar=KlachtStatus.IN_BEHANDELING, door=door, relatie={"commissie"})
    gebeurtenis_voeg_toe(zaak=klacht, soort="geschillen.zitting", door=door, gegevens={"op": zitting_op})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=klacht, leerling=klacht.leerling,
              wijzigingen={"zitting_op": [None, zitting_op.isoformat()]})
    meld_ouders(klacht, f"klacht:{klacht.pk}:zitting:{zitting_op.isoformat()}", N_("Hoorzitting over uw klacht"),
                N_("De hoorzitting over %(zaak)s is op %(datum)s."), datum=zitting_op)
    return klacht


@transaction.atomic
def klacht_oordeel(*, klacht, door, oordeel: str, oordeel_op: date, samenvatting: str, aanbevelingen: str = "",
                   bestand=None, vandaag: date | None = None) -> Klacht:
    """The commission's oordeel: the board's 4 weeks (D-5) start. The clock has no school — the school's staff
    must not see it — and names a member of the board as responsible."""
    vandaag = vandaag or timezone.localdate()
    klacht = _locked(klacht)
    _eis_secretaris(door, klacht)
    if oordeel not in Oordeel.values:
        raise GeschilFout(_("Kies het oordeel van de commissie."))
    if not (klacht.ontvangen_op <= oordeel_op <= vandaag):
        raise GeschilFout(_("De datum van het oordeel ligt tussen de ontvangst van de klacht en vandaag."))
    samenvatting = tekst_nodig(samenvatting, _("Vat het oordeel samen."))
    zaken.zaak_transition(zaak=klacht, naar=KlachtStatus.OORDEEL, door=door, relatie={"commissie"})
    Klacht.objects.filter(pk=klacht.pk).update(oordeel=oordeel, oordeel_op=oordeel_op, oordeel_samenvatting=samenvatting,
                                               aanbevelingen=aanbevelingen)
    klacht.oordeel, klacht.oordeel_op = oordeel, oordeel_op
    if bestand is not None:
        document_bewaar(zaak=klacht, bestand=bestand, door=door, soort="oordeel")
    bestuurder = next(iter(leden(Rol.BESTUURDER, bestuur=klacht.bestuur)), None)
    clock_start(regel_id="D-5", zaak=klacht, start=oordeel_op, voor_ouders=True, verantwoordelijke=bestuurder,
                omschrijving=klacht.nummer, actor=door, vandaag=vandaag)
    gebeurtenis_voeg_toe(zaak=klacht, soort="geschillen.oordeel", door=door,
                               gegevens={"oordeel": klacht.get_oordeel_display()})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=klacht, leerling=klacht.leerling,
              wijzigingen={"oordeel": [None, oordeel]})
    d5 = klacht.klokken["D-5"]
    meld_ouders(klacht, f"klacht:{klacht.pk}:oordeel", N_("De klachtencommissie heeft een oordeel gegeven"),
                N_("Over %(zaak)s heeft de klachtencommissie een oordeel gegeven. Het schoolbestuur laat u uiterlijk "
                   "%(datum)s weten wat het ermee doet."), datum=d5.uiterlijk)
    _meld_bestuur(klacht, f"klacht:{klacht.pk}:oordeel", N_("Oordeel klachtencommissie: reageer binnen 4 weken"),
                  N_("De klachtencommissie gaf een oordeel over %(zaak)s. Laat klager en commissie binnen 4 weken weten "
                     "wat u ermee doet (D-5)."))
    return klacht


@transaction.atomic
def klacht_reactie(*, klacht, door, opvolging: str, maatregelen: str, vandaag: date | None = None) -> Klacht:
    """The board tells the complainant and the commission what it does with the oordeel, with reasons (D-5)."""
    vandaag = vandaag or timezone.localdate()
    klacht = _locked(klacht)
    if not is_bestuur(door, klacht):
        raise GeschilFout(_("Alleen het schoolbestuur (of wie het daarvoor mandateerde) reageert op het oordeel."))
    if opvolging not in Opvolging.values:
        raise GeschilFout(_("Kies wat het bestuur met het oordeel doet."))
    maatregelen = tekst_nodig(maatregelen, _("Schrijf op welke maatregelen het bestuur neemt en waarom."))
    zaken.zaak_transition(zaak=klacht, naar=KlachtStatus.AFGEHANDELD, door=door, relatie={"bestuur"})
    Klacht.objects.filter(pk=klacht.pk).update(opvolging=opvolging, maatregelen=maatregelen, reactie_op=vandaag)
    sluit_klokken(klacht, door, op=vandaag, regels={"D-5"})
    d5 = klacht.klokken["D-5"]
    _brief(klacht, BriefSoort.KLACHT_REACTIE, {
        "oordeel": klacht.get_oordeel_display(), "oordeel_op": klacht.oordeel_op, "opvolging": opvolging,
        "opvolging_label": Opvolging(opvolging).label, "maatregelen": maatregelen, "reactie_op": vandaag,
        "ondertekend_door": door.get_full_name() or door.email, "D_5_uiterlijk": d5.uiterlijk})
    gebeurtenis_voeg_toe(zaak=klacht, soort="geschillen.reactie", door=door, gegevens={"opvolging": opvolging})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=klacht, leerling=klacht.leerling,
              wijzigingen={"opvolging": [None, opvolging]})
    meld_ouders(klacht, f"klacht:{klacht.pk}:reactie", N_("Het schoolbestuur reageerde op het oordeel"),
                N_("Het schoolbestuur liet weten wat het doet met het oordeel over %(zaak)s. Lees de brief na inloggen."))
    _meld_commissie(klacht, f"klacht:{klacht.pk}:reactie", N_("Reactie bestuur op oordeel"),
                    N_("Het bestuur reageerde op het oordeel over %(zaak)s."))
    return klacht


@transaction.atomic
def klacht_trek_in(*, klacht, ouder, reden: str = "") -> Klacht:
    klacht = _locked(klacht)
    eis_ouder(ouder, klacht.leerling)
    zaken.zaak_transition(zaak=klacht, naar=KlachtStatus.INGETROKKEN, door=ouder)
    Klacht.objects.filter(pk=klacht.pk).update(ingetrokken_op=timezone.now(), intrek_reden=reden)
    sluit_klokken(klacht, ouder, vervallen=True)
    gebeurtenis_voeg_toe(zaak=klacht, soort="geschillen.ingetrokken", door=ouder)
    _brief(klacht, BriefSoort.INTREKKING, {"soort": "klacht", "ingetrokken_op": timezone.localdate(), "reden": reden})
    _meld_commissie(klacht, f"klacht:{klacht.pk}:ingetrokken", N_("Klacht ingetrokken"),
                    N_("De ouders hebben %(zaak)s ingetrokken."))
    _meld_bestuur(klacht, f"klacht:{klacht.pk}:ingetrokken", N_("Klacht ingetrokken"),
                  N_("De ouders hebben %(zaak)s ingetrokken."))
    return klacht
