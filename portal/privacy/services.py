"""Every write of the AVG rights (STYLE §2): the inzage export, the request for correction or erasure, its answer.
Retention (G-2) is ``bewaren.py``."""

import logging
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.meldingen.services import melding_maak
from portal.termijnen import dates
from portal.termijnen.dates import TermijnFout
from portal.termijnen.services import clock_close, clock_kondig_later_aan, clock_start
from portal.zaken import hoorrecht
from portal.zaken.services import ZaakFout, clock_fout, zaak_open, zaak_transition

from .models import (
    INZAGE_GELDIG_DAGEN,
    InzageExport,
    InzageStatus,
    Rechtenverzoek,
    RechtenverzoekStatus,
    Uitkomst,
)
from .termijnen import MAX_MAANDEN, REGEL_ANTWOORD

log = logging.getLogger(__name__)


def mag_rechten_uitoefenen(user, leerling) -> bool:
    """Who exercises the child's AVG rights in the portal: whoever acts for the pupil in general matters — a parent
    with gezag of a minor (AVG art. 8 and UAVG art. 5: the legal representative below 16; the portal keeps one rule
    up to 18, as for every other act), the adult pupil, or their curator (BW 1:381). Not a mentor (care only, BW
    1:453), not a parent who only reads along, not the pupil below 18 (the school hears a minor's own request outside
    the portal)."""
    return hoorrecht.handelt_voor(user, leerling)


# --- inzage (AVG art. 15) --------------------------------------------------------------------------------------

def _start_taak(inzage_id: int) -> None:
    """Queue the ZIP by name (one short try, one warning per outage: ``portal.celery.verstuur``). When the broker is
    down the request waits in the database and ``inzages_vangnet`` queues it again within minutes."""
    from portal.celery import verstuur

    from . import tasks  # noqa: F401 - registers the task with the app (here: tasks imports this module)

    verstuur("portal.privacy.tasks.maak_inzage", inzage_id)


@transaction.atomic
def inzage_vraag(*, leerling, door) -> InzageExport:
    """Ask for a copy of the pupil's data. A request still being made is returned instead of a second one (two clicks
    make one ZIP). The worker makes it after commit."""
    if not mag_rechten_uitoefenen(door, leerling):
        raise ZaakFout(_("U kunt voor deze leerling geen kopie van de gegevens vragen."))
    bestaand = InzageExport.objects.open().filter(leerling=leerling, aangevraagd_door=door).first()
    if bestaand:
        return bestaand
    try:
        with transaction.atomic():
            inzage = InzageExport.objects.create(leerling=leerling, aangevraagd_door=door)
    except IntegrityError:  # a parallel click won
        return InzageExport.objects.open().get(leerling=leerling, aangevraagd_door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=inzage, leerling=leerling,
              omschrijving="Kopie van de gegevens gevraagd (AVG art. 15)")
    transaction.on_commit(lambda: _start_taak(inzage.pk))
    return inzage


def inzage_maak(inzage_id: int) -> InzageExport:
    """Make the ZIP (idempotent: one already made or failed is left alone), tell the requester in the portal and by
    e-mail. The ZIP is built outside the row lock; the row is claimed and finished under it."""
    from .export import zip_maak

    inzage = InzageExport.objects.select_related("leerling", "aangevraagd_door").get(pk=inzage_id)
    if inzage.status != InzageStatus.WACHT:
        return inzage
    inhoud, aantal = zip_maak(inzage.leerling, voor=inzage.aangevraagd_door)
    with transaction.atomic():
        inzage = InzageExport.objects.select_for_update().select_related("leerling", "aangevraagd_door").get(pk=inzage_id)
        if inzage.status != InzageStatus.WACHT:
            return inzage
        nu = timezone.now()
        inzage.bestand.save("inzage.zip", ContentFile(inhoud), save=False)
        inzage.grootte, inzage.aantal_zaken = len(inhoud), aantal
        inzage.status, inzage.klaar_op = InzageStatus.KLAAR, nu
        inzage.verloopt_op = nu + timedelta(days=INZAGE_GELDIG_DAGEN)
        inzage.save()
        audit_log(actor=None, systeem=True, actie=Actie.SYSTEEM, obj=inzage, leerling=inzage.leerling,
                  omschrijving=f"Kopie van de gegevens klaar: {aantal} zaken, {len(inhoud)} bytes")
        melding_maak(ontvanger=inzage.aangevraagd_door, sleutel=f"privacy:inzage:{inzage.pk}:klaar",
                     titel=gettext_noop("De kopie van de gegevens staat klaar"),
                     tekst=gettext_noop("U kunt de kopie een week lang downloaden in Passend Portaal."),
                     url=reverse("privacy:inzage", args=[inzage.pk]))
    return inzage


def inzage_mislukt(inzage_id: int) -> None:
    with transaction.atomic():
        n = InzageExport.objects.filter(pk=inzage_id, status=InzageStatus.WACHT).update(status=InzageStatus.MISLUKT)
        if n:
            inzage = InzageExport.objects.get(pk=inzage_id)
            audit_log(actor=None, systeem=True, actie=Actie.SYSTEEM, obj=inzage, leerling=inzage.leerling,
                      omschrijving="Kopie van de gegevens kon niet worden gemaakt")


@transaction.atomic
def inzage_download(*, inzage: InzageExport, door) -> InzageExport:
    """Record a download (audited); the view checked that ``door`` is the requester."""
    InzageExport.objects.filter(pk=inzage.pk).update(gedownload_op=timezone.now())
    audit_log(actor=door, actie=Actie.GEDOWNLOAD, obj=inzage, leerling=inzage.leerling,
              omschrijving="Kopie van de gegevens gedownload")
    return inzage


def inzages_opruimen(*, nu=None) -> int:
    """Delete the ZIPs past their week (they hold the whole file) and those a failed run left; the row stays (what
    was asked, when, by whom) with status 'verlopen'. Returns the number removed."""
    nu = nu or timezone.now()
    n = 0
    for inzage in InzageExport.objects.filter(status=InzageStatus.KLAAR, verloopt_op__lte=nu):
        with transaction.atomic():
            if inzage.bestand:
                inzage.bestand.delete(save=False)
            inzage.status = InzageStatus.VERLOPEN
            inzage.save(update_fields=["bestand", "status"])
            audit_log(actor=None, systeem=True, actie=Actie.VERWIJDERD, obj=inzage, leerling=inzage.leerling,
                      omschrijving="Kopie van de gegevens verlopen en verwijderd")
        n += 1
    return n


def inzages_vangnet(*, nu=None) -> int:
    """The safety net for a lost broker message (the broker was down at the request, or the worker lost it): a request
    still waiting after a few minutes is queued again (``maak_inzage`` is idempotent). Returns how many."""
    nu = nu or timezone.now()
    wachtend = list(InzageExport.objects.open().filter(aangevraagd_op__lte=nu - timedelta(minutes=3))
                    .values_list("pk", flat=True))
    for pk in wachtend:
        _start_taak(pk)
    return len(wachtend)


# --- correction and erasure (AVG art. 16, 17), answered within the month (G-3) ---------------------------------

def organisaties_voor(leerling) -> list[tuple[str, object]]:
    """The organisations that hold data about the pupil, as ("school:<id>" | "swv:<id>", organisation): the schools of
    its enrolments and cases, the SWVs of its cases."""
    from portal.organisaties.models import Samenwerkingsverband, School
    from portal.zaken.models import Zaak

    zaken = Zaak.objects.filter(leerling=leerling).exclude(zaaktype="avg")
    school_ids = set(leerling.inschrijvingen.values_list("school_id", flat=True)) | set(
        zaken.exclude(school__isnull=True).values_list("school_id", flat=True))
    swv_ids = set(zaken.exclude(swv__isnull=True).values_list("swv_id", flat=True))
    uit = [(f"school:{s.pk}", s) for s in School.objects.filter(pk__in=school_ids).order_by("naam")]
    uit += [(f"swv:{s.pk}", s) for s in Samenwerkingsverband.objects.filter(pk__in=swv_ids).order_by("naam")]
    return uit


@transaction.atomic
def rechtenverzoek_dien_in(*, leerling, door, aan: str, soort: str, wat: str, waarom: str,
                           vandaag: date | None = None) -> Rechtenverzoek:
    """File a request for correction or erasure with one organisation holding the data; the answer term (G-3, AVG
    art. 12 lid 3) starts on the day of receipt."""
    vandaag = vandaag or timezone.localdate()
    if not mag_rechten_uitoefenen(door, leerling):
        raise ZaakFout(_("U kunt voor deze leerling geen verzoek indienen."))
    organisaties = dict(organisaties_voor(leerling))
    if aan not in organisaties:
        raise ZaakFout(_("Kies een organisatie die gegevens over de leerling heeft."), veld="aan")
    org = organisaties[aan]
    verzoek = Rechtenverzoek(leerling=leerling, soort=soort, wat=wat.strip(), waarom=waarom.strip(), ingediend_door=door,
                             **({"school": org} if aan.startswith("school:") else {"swv": org}))
    zaak_open(zaak=verzoek, door=door)
    clock_start(regel_id=REGEL_ANTWOORD, zaak=verzoek, start=vandaag, actor=door, vandaag=vandaag)
    return verzoek


def uiterste_verlenging(verzoek) -> date:
    """AVG art. 12 lid 3: at most two months after the first month, so three months after receipt."""
    klok = verzoek.klokken[REGEL_ANTWOORD]
    return dates.plus_maanden(klok.start, MAX_MAANDEN)


@transaction.atomic
def rechtenverzoek_verleng(*, verzoek: Rechtenverzoek, door, datum: date, reden: str,
                           vandaag: date | None = None) -> Rechtenverzoek:
    """Extend the answer term to ``datum`` (at most three months after receipt), told to the requester with the reason
    within the first month (AVG art. 12 lid 3). The clock's announced later date."""
    vandaag = vandaag or timezone.localdate()
    if verzoek.status != RechtenverzoekStatus.INGEDIEND:
        raise ZaakFout(_("Dit verzoek is al afgehandeld."))
    klok = verzoek.klokken.get(REGEL_ANTWOORD)
    if klok is None:
        raise ZaakFout(_("Dit verzoek heeft geen termijn."))
    if datum > uiterste_verlenging(verzoek):
        raise ZaakFout(f"Verlengen kan tot uiterlijk {uiterste_verlenging(verzoek):%d-%m-%Y}: twee maanden na de eerste "
                       "maand (AVG art. 12 lid 3).", veld="datum")
    try:
        clock_kondig_later_aan(clock=klok, datum=datum, reden=reden, meegedeeld_op=vandaag, actor=door, vandaag=vandaag)
    except TermijnFout as exc:
        raise clock_fout(exc) from exc
    from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

    gebeurtenis_voeg_toe(zaak=verzoek, soort="avg_verlengd", door=door, gegevens={"datum": datum, "reden": reden})
    _meld_gezin(verzoek, "verlengd", gettext_noop("Uw AVG-verzoek duurt langer"),
                gettext_noop("De organisatie heeft meer tijd nodig. In Passend Portaal staat tot wanneer en waarom."))
    return verzoek


@transaction.atomic
def rechtenverzoek_beantwoord(*, verzoek: Rechtenverzoek, door, uitkomst: str, motivering: str,
                              vandaag: date | None = None) -> Rechtenverzoek:
    """Answer the request: granted, partly, or refused — with reasons unless granted in full (AVG art. 12 lid 4). The
    term is met on the day of the answer."""
    vandaag = vandaag or timezone.localdate()
    if uitkomst not in Uitkomst.values:
        raise ZaakFout(_("Kies een uitkomst."), veld="uitkomst")
    if uitkomst != Uitkomst.TOEGEWEZEN and len(motivering.strip()) < 20:
        raise ZaakFout(_("Schrijf de redenen op (AVG artikel 12 lid 4): de verzoeker moet weten waarom."), veld="motivering")
    verzoek = Rechtenverzoek.objects.select_for_update().get(pk=verzoek.pk)
    zaak_transition(zaak=verzoek, naar=RechtenverzoekStatus.BEANTWOORD, door=door)
    verzoek.uitkomst, verzoek.motivering = uitkomst, motivering.strip()
    verzoek.beantwoord_door, verzoek.beantwoord_op = door, vandaag
    verzoek.save(update_fields=["uitkomst", "motivering", "beantwoord_door", "beantwoord_op"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=verzoek, leerling=verzoek.leerling,
              wijzigingen={"uitkomst": ["", uitkomst]}, omschrijving="AVG-verzoek beantwoord")
    klok = verzoek.klokken.get(REGEL_ANTWOORD)
    if klok is not None:
        clock_close(clock=klok, op=vandaag, actor=door)
    _meld_gezin(verzoek, "beantwoord", gettext_noop("Uw AVG-verzoek is beantwoord"),
                gettext_noop("Het antwoord staat in Passend Portaal."))
    return verzoek


@transaction.atomic
def rechtenverzoek_trek_in(*, verzoek: Rechtenverzoek, door, vandaag: date | None = None) -> Rechtenverzoek:
    vandaag = vandaag or timezone.localdate()
    zaak_transition(zaak=verzoek, naar=RechtenverzoekStatus.INGETROKKEN, door=door)
    klok = verzoek.klokken.get(REGEL_ANTWOORD)
    if klok is not None:
        clock_close(clock=klok, op=vandaag, actor=door, vervallen=True)
    return verzoek


def _meld_gezin(verzoek, wat: str, titel: str, tekst: str) -> None:
    for persoon in hoorrecht.wie_handelt(verzoek.leerling).personen:
        melding_maak(ontvanger=persoon, sleutel=f"privacy:verzoek:{verzoek.pk}:{wat}", titel=titel, tekst=tekst,
                     url=reverse("privacy:verzoek", args=[verzoek.pk]))
