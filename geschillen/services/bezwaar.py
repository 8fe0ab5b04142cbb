"""The bezwaar: one case kind for every decision that allows it. The contested decision's kind says which terms
apply (``geschillen.registry``): A-13/A-13b for the aanmelding's decision and a removal, E-1b/E-1c for a
schorsing, C-6 … for the TLV when its app registers them. Filed within the term (later with reasons, Awb 6:11),
the parents heard (Awb 7:2; not when they waive it, 7:3), the decision signed under mandate and made known by
the core; the decision term stands still while a geschil about the same decision runs."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as N_

from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.documenten.services import document_bewaar
from portal.termijnen.dates import TermijnFout
from portal.termijnen.services import clock_start, clock_suspend
from portal.zaken import services as zaken
from portal.zaken.models import Besluit, Zaak
from portal.zaken.services import ZaakFout
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from ..constants import BezwaarStatus, BezwaarUitkomst, BriefSoort
from ..models import Bezwaar
from ..registry import bezwaar_mogelijk, bezwaarregeling
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
    zet_status,
)


def _locked(bezwaar) -> Bezwaar:
    return (Bezwaar.objects.select_for_update(of=("self",))
            .select_related("leerling", "school", "school__bestuur", "swv", "betreft_besluit").get(pk=bezwaar.pk))


def open_geschil(besluit_id) -> bool:
    return Zaak.objects.open().filter(zaaktype="geschil", betreft_besluit_id=besluit_id).exists()


def stil_tijdens_geschil(clock, vandaag: date, actor, reden: str) -> None:
    """A-13b: the decision term stands still while a geschil about the same decision runs — from today, or from
    the term's own start when that lies ahead (openbare school: after the 6-week bezwaar term)."""
    if "zaak:geschil" not in (clock.params.get("opgeschort_door") or []) or clock.gesloten_op:
        return
    if clock.open_opschorting is None:
        clock_suspend(clock=clock, van=max(vandaag, clock.start), reden=reden, actor=actor, vandaag=vandaag)


@transaction.atomic
def bezwaar_dien_in(*, besluit: Besluit, ouder, gronden: str, te_laat_reden: str = "", bestanden=(),
                    vandaag: date | None = None) -> Bezwaar:
    """File a bezwaar against ``besluit``. The filing term is the decision's own clock (A-13 for the aanmelding,
    started at bekendmaking); the decision term starts as the decision's kind says (A-13b per kind of school)."""
    vandaag = vandaag or timezone.localdate()
    besluit = Besluit.objects.select_related("zaak", "zaak__leerling", "zaak__school", "zaak__school__bestuur",
                                             "zaak__swv").get(pk=besluit.pk)
    zaak = besluit.zaak.specifiek
    eis_ouder(ouder, zaak.leerling)
    regeling = bezwaarregeling(besluit.besluittype)
    klokken = besluit.klokken
    if regeling is None or not bezwaar_mogelijk(besluit, klokken):
        raise GeschilFout("Tegen dit besluit kunt u geen bezwaar maken in het portaal.")
    if Bezwaar.objects.open().filter(betreft_besluit=besluit).exists():
        raise GeschilFout("Er loopt al een bezwaar tegen dit besluit.")
    gronden = tekst_nodig(gronden, "Schrijf op waarom u het niet eens bent met het besluit.")
    indienen = klokken[regeling.indienen]
    te_laat = indienen.uiterlijk is not None and vandaag > indienen.uiterlijk
    if te_laat and not te_laat_reden.strip():
        raise GeschilFout("De termijn voor bezwaar is voorbij. U kunt nog bezwaar maken als u een goede reden heeft "
                          "waarom het later is: schrijf die op. Het schoolbestuur beoordeelt die reden.")
    bezwaar = zaken.zaak_open(zaak=Bezwaar(
        leerling=zaak.leerling, school=zaak.school, swv=zaak.swv, hoofdzaak=zaak, betreft_besluit=besluit,
        ingediend_door=ouder, ontvangen_op=vandaag, gronden=gronden,
        te_laat_reden=te_laat_reden.strip() if te_laat else ""), door=ouder)
    if not indienen.gesloten_op:
        sluit_klokken(zaak, ouder, op=vandaag, regels={regeling.indienen})
    extra = {"bron": regeling.bron(zaak)} if regeling.bron and regeling.bron(zaak) else None
    beslis = clock_start(regel_id=regeling.beslissen, zaak=bezwaar, start=regeling.beslistermijn_start(bezwaar, indienen),
                         omschrijving=bezwaar.nummer, extra_params=extra, actor=ouder, vandaag=vandaag)
    for regel_id, start in regeling.extra:
        clock_start(regel_id=regel_id, zaak=bezwaar, start=start(bezwaar, indienen), omschrijving=bezwaar.nummer,
                    actor=ouder, vandaag=vandaag)
    if open_geschil(besluit.pk):
        try:
            stil_tijdens_geschil(beslis, vandaag, ouder, "Er loopt een geschil over hetzelfde besluit")
        except TermijnFout as exc:
            raise GeschilFout(str(exc)) from None
    for b in filter(None, bestanden or []):
        document_bewaar(zaak=bezwaar, bestand=b, door=ouder)
    beslis.refresh_from_db()
    brief(bezwaar, BriefSoort.BEZWAAR_ONTVANGST, {
        "ontvangen_op": vandaag, "besluit": besluit.type.naam, "besluit_op": besluit.bekendgemaakt_op,
        "gezag": str(zaak.gezag), "beslissen_uiterlijk": beslis.uiterlijk, "bron": beslis.params.get("bron", ""),
        "te_laat": te_laat, "opgeschort": beslis.uiterlijk is None})
    meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:ontvangen", N_("Uw bezwaar is ontvangen"),
                N_("Uw bezwaar (%(zaak)s) is ontvangen op %(datum)s. Het schoolbestuur nodigt u uit om het toe te "
                   "lichten en beslist daarna."), datum=vandaag)
    meld_school(bezwaar, f"bezwaar:{bezwaar.pk}:nieuw", N_("Bezwaar ingediend"),
                N_("Ouders maakten bezwaar (%(zaak)s). Hoor hen en beslis uiterlijk %(datum)s."), datum=beslis.uiterlijk)
    return bezwaar


@transaction.atomic
def bezwaar_hoor(*, bezwaar, door, gehoord_op: date | None = None, afgezien: bool = False, verslag: str = "",
                 bestand=None, vandaag: date | None = None) -> Bezwaar:
    """The parents were heard (Awb 7:2), or they waived it (Awb 7:3 sub c)."""
    vandaag = vandaag or timezone.localdate()
    bezwaar = _locked(bezwaar)
    eis_school(door, bezwaar)
    if not afgezien:
        if gehoord_op is None or not (bezwaar.ontvangen_op <= gehoord_op <= vandaag):
            raise GeschilFout("Vul de dag van het horen in: na de ontvangst van het bezwaar en niet later dan vandaag.")
        verslag = tekst_nodig(verslag, "Schrijf een kort verslag van het horen; de ouders krijgen het te zien.")
    Bezwaar.objects.filter(pk=bezwaar.pk).update(gehoord_op=None if afgezien else gehoord_op, horen_afgezien=afgezien,
                                                 hoorverslag=verslag)
    if bestand is not None:
        document_bewaar(zaak=bezwaar, bestand=bestand, door=door, soort="hoorverslag")
    if bezwaar.status == BezwaarStatus.INGEDIEND:
        zet_status(bezwaar, BezwaarStatus.GEHOORD, door)
    if afgezien:
        gebeurtenis_voeg_toe(zaak=bezwaar, soort="geschillen.horen_afgezien", door=door)
    else:
        gebeurtenis_voeg_toe(zaak=bezwaar, soort="geschillen.gehoord", door=door, gegevens={"op": gehoord_op})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=bezwaar, leerling=bezwaar.leerling,
              wijzigingen={"gehoord_op": [None, gehoord_op.isoformat() if gehoord_op else None]})
    return bezwaar


@transaction.atomic
def bezwaar_beslissing_voorbereid(*, bezwaar, door, uitkomst: str, motivering: str):
    """Prepare the decision on the bezwaar; someone with a mandate for 'bezwaar' (or the board) signs it on the
    core's signing page. Hearing first (Awb 7:2), unless the parents waived it or the bezwaar is plainly
    inadmissible (Awb 7:3 sub a)."""
    bezwaar = _locked(bezwaar)
    eis_school(door, bezwaar)
    if uitkomst not in BezwaarUitkomst.values:
        raise GeschilFout("Kies de uitkomst.")
    gehoord = bezwaar.gehoord_op is not None or bezwaar.horen_afgezien
    if not gehoord and uitkomst != BezwaarUitkomst.NIET_ONTVANKELIJK:
        raise GeschilFout("Hoor eerst de ouders (of leg vast dat zij daarvan afzien) voordat het bestuur beslist.")
    try:
        besluit = zaken.besluit_bereid_voor(zaak=bezwaar, besluittype="bezwaar", uitkomst=uitkomst,
                                            motivering=motivering, door=door)
    except ZaakFout as exc:
        raise GeschilFout(str(exc)) from None
    if bezwaar.status != BezwaarStatus.VOORBEREID:
        zet_status(bezwaar, BezwaarStatus.VOORBEREID, door)
    return besluit


def bezwaar_brief_gegevens(besluit, klokken) -> dict:
    from portal.organisaties.wetgeving import verwijzingen

    bezwaar = besluit.zaak.specifiek
    betwist = bezwaar.betreft_besluit
    regeling = bezwaarregeling(betwist.besluittype)
    beslis = bezwaar.klokken.get(regeling.beslissen) if regeling else None
    basis = verwijzingen(bezwaar.school) if bezwaar.school_id else {}
    return basis | {
        "betwist_besluit": betwist.type.naam, "betwist_uitkomst": betwist.uitkomst_label,
        "betwist_op": betwist.bekendgemaakt_op, "ontvangen_op": bezwaar.ontvangen_op, "gehoord_op": bezwaar.gehoord_op,
        "horen_afgezien": bezwaar.horen_afgezien, "beslissen_uiterlijk": beslis.uiterlijk if beslis else None,
        "bron": beslis.params.get("bron", "") if beslis else "",
        "openbaar": bezwaar.school_id is not None and bezwaar.school.denominatie == "openbaar"}


def bezwaar_na_bekendmaking(besluit, door, vandaag: date) -> None:
    """The decision on the bezwaar is made known (in the core's signing transaction): its terms close, the case
    is decided, the parents are told."""
    bezwaar = besluit.zaak.specifiek
    sluit_klokken(bezwaar, door, op=besluit.bekendgemaakt_op)
    Bezwaar.objects.filter(pk=bezwaar.pk).update(uitkomst=besluit.uitkomst)
    zet_status(bezwaar, BezwaarStatus.BESLIST, door, relatie={"ondertekenaar"})
    meld_ouders(bezwaar, f"bezwaar:{bezwaar.pk}:beslist", N_("Er is een beslissing op uw bezwaar"),
                N_("Het schoolbestuur heeft beslist op %(zaak)s. Lees de brief na inloggen."))


@transaction.atomic
def bezwaar_trek_in(*, bezwaar, ouder, reden: str = "") -> Bezwaar:
    bezwaar = _locked(bezwaar)
    eis_ouder(ouder, bezwaar.leerling)
    zet_status(bezwaar, BezwaarStatus.INGETROKKEN, ouder)
    Bezwaar.objects.filter(pk=bezwaar.pk).update(ingetrokken_op=timezone.now(), intrek_reden=reden)
    laat_besluit_vervallen(bezwaar, "bezwaar")
    sluit_klokken(bezwaar, ouder, vervallen=True)
    gebeurtenis_voeg_toe(zaak=bezwaar, soort="geschillen.ingetrokken", door=ouder)
    brief(bezwaar, BriefSoort.INTREKKING, {"soort": "bezwaar", "ingetrokken_op": timezone.localdate(), "reden": reden,
                                            "gezag": str(bezwaar.gezag)})
    meld_school(bezwaar, f"bezwaar:{bezwaar.pk}:ingetrokken", N_("Bezwaar ingetrokken"),
                N_("De ouders hebben %(zaak)s ingetrokken. De beslistermijn is vervallen."))
    return bezwaar
