"""Every write of the aanmelding: one function per action, in one transaction, audited (STYLE §2, §4).

Legal rules: DOMAIN §4 A-1…A-15. Clocks: A-6 (beslistermijn, one extension A-7, pauses A-8), A-9
(tijdelijke inschrijving after 10 weeks + pauses), A-8 (niet in behandeling, 4 weeks after an
unanswered information request lapsed), A-15 (report to leerplicht within 7 days), and after the
decision A-13 (bezwaar) and D-2 (geschil) for the parents.
"""

from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import formats, timezone

from portal.accounts.constants import Rol
from portal.accounts.models import Membership
from portal.audit.models import Actie
from portal.audit.services import audit_log, diff
from portal.leerlingen.models import Gezag, Inschrijving, InschrijvingSoort, Leerling
from portal.meldingen.services import NieuweMelding, meldingen_maak_bulk
from portal.termijnen import calculator, dates
from portal.termijnen.dates import TermijnFout
from portal.termijnen.models import Clock
from portal.termijnen.services import clock_close, clock_extend, clock_resume, clock_start, clock_suspend

from .constants import (
    OVERGANGEN,
    BesluitSoort,
    BriefSoort,
    Kanaal,
    NotitieSoort,
    PlaatsingStatus,
    Status,
    VerzoekSoort,
    VerzoekStatus,
    WeigerGrond,
)
from .models import (
    Aanmelding,
    Besluit,
    Brief,
    Document,
    Notitie,
    PlaatsingsVerzoek,
    Verzoek,
    VoorkeurVerklaring,
)


class AanmeldingFout(Exception):
    """A request that cannot be granted; the message is Dutch and shown as it is."""


def _datum(d: date) -> str:
    return formats.date_format(d, "l j F Y")


# --- helpers ------------------------------------------------------------------------------------

def klokken(aanmelding: Aanmelding) -> dict[str, Clock]:
    ct = ContentType.objects.get_for_model(Aanmelding)
    return {c.regel_id: c for c in Clock.objects.filter(zaak_type=ct, zaak_id=aanmelding.pk).prefetch_related("opschortingen")}


def _zet_status(aanmelding: Aanmelding, nieuw: str, actor) -> None:
    if nieuw == aanmelding.status:
        return
    if nieuw not in OVERGANGEN[aanmelding.status]:
        raise AanmeldingFout(f"Dat kan niet meer: de aanmelding heeft de status '{aanmelding.get_status_display()}'.")
    oud = aanmelding.status
    aanmelding.status = nieuw
    aanmelding.save(update_fields=["status"])
    audit_log(actor=actor, actie=Actie.GEWIJZIGD, obj=aanmelding, leerling=aanmelding.leerling_id and aanmelding.leerling,
              wijzigingen={"status": [oud, nieuw]})


def _locked(aanmelding: Aanmelding) -> Aanmelding:
    return Aanmelding.objects.select_for_update().select_related("leerling", "school", "school__bestuur").get(pk=aanmelding.pk)


def _ouders(aanmelding: Aanmelding):
    return [g.ouder for g in Gezag.objects.filter(leerling=aanmelding.leerling).select_related("ouder") if g.ouder.is_active]


def _school_staf(school_id, *rollen):
    return list(Membership.objects.filter(school_id=school_id, rol__in=rollen or [Rol.IB, Rol.DIRECTEUR],
                                          user__is_active=True).select_related("user"))


def _meld(ontvangers, sleutel: str, titel: str, tekst: str, url: str) -> None:
    """Notify (in-app + e-mail). The text says what changed and what to do; never support details."""
    meldingen_maak_bulk([NieuweMelding(u.pk, u.email, sleutel, titel, tekst, url) for u in {u.pk: u for u in ontvangers}.values()])


def _brief(aanmelding: Aanmelding, soort: str, gegevens: dict) -> Brief:
    """Queue a letter; a task renders the PDF (the web request never waits for it)."""
    return Brief.objects.create(aanmelding=aanmelding, soort=soort, gegevens=gegevens)


def _url(aanmelding, deel="") -> str:
    return f"/aanmelding/{aanmelding.pk}/{deel}"


def zorgplicht_tekst(aanmelding: Aanmelding, voorkeur: VoorkeurVerklaring | None) -> str:
    """Who holds the zorgplicht (A-2, A-5), in words for the parents."""
    if not aanmelding.steun_nodig:
        return ("U gaf aan dat uw kind geen extra ondersteuning nodig heeft, of dat u het niet weet. De school "
                "kijkt of uw kind extra ondersteuning nodig heeft.")
    if aanmelding.voorkeur_positie == 1:
        return ("Uw kind heeft (waarschijnlijk) extra ondersteuning nodig en dit is uw school van eerste voorkeur. "
                "Daarom heeft deze school zorgplicht: zij moet zorgen voor een passende plek, hier of op een andere "
                "school die uw kind toelaat.")
    eerste = voorkeur.scholen[0]["naam"] if voorkeur and voorkeur.scholen else "uw school van eerste voorkeur"
    return (f"De zorgplicht ligt bij uw school van eerste voorkeur ({eerste}). Deze school beslist wel op uw "
            "aanmelding.")


def _voorkeur_bijwerken(leerling: Leerling, voorkeur: VoorkeurVerklaring, actor) -> None:
    """The latest declaration wins for every open aanmelding of this child (A-5); audited."""
    for a in Aanmelding.objects.filter(leerling=leerling, status__in=[Status.ONTVANGEN, Status.IN_ONDERZOEK,
                                                                      Status.BESLUIT_VOORBEREID]):
        nieuw = voorkeur.positie_van(a.school_id)
        if nieuw != a.voorkeur_positie:
            oud = a.voorkeur_positie
            a.voorkeur_positie = nieuw
            a.save(update_fields=["voorkeur_positie"])
            audit_log(actor=actor, actie=Actie.GEWIJZIGD, obj=a, leerling=leerling,
                      wijzigingen={"voorkeur_positie": [oud, nieuw]}, omschrijving="Nieuwe voorkeursverklaring")


def _start_klokken(aanmelding: Aanmelding, actor) -> None:
    for regel in ("A-6", "A-9"):
        clock_start(regel_id=regel, zaak=aanmelding, start=aanmelding.ontvangen_datum, omschrijving=aanmelding.nummer,
                    url=_url(aanmelding, "dossier/"), school=aanmelding.school, actor=actor,
                    extra_params={"geboortedatum": aanmelding.leerling.geboortedatum.isoformat()} if regel == "A-9" else None)


def tijdelijk_vanaf(aanmelding: Aanmelding, k: dict | None = None) -> date | None:
    """A-9: the day after the 10-week term (plus pauses), not before the 4th birthday."""
    k = k if k is not None else klokken(aanmelding)
    a9 = k.get("A-9")
    if a9 is None or a9.uiterlijk is None:
        return None
    return dates.niet_voor_vierde_verjaardag(a9.uiterlijk + timedelta(days=1), aanmelding.leerling.geboortedatum)


# --- filing ---------------------------------------------------------------------------------------

def _check_leeftijd(leerling: Leerling, school, op: date) -> None:
    """A-3: aanmelding from age 3 (some WEC categories from 2: so/vso)."""
    minimum = 2 if school.soort in ("so", "vso") else 3
    if leerling.leeftijd_op(op) < minimum:
        raise AanmeldingFout(f"Aanmelden kan vanaf {minimum} jaar. Uw kind is dan oud genoeg op "
                             f"{_datum(dates.verjaardag(leerling.geboortedatum, minimum))}.")


def _bewaar_documenten(aanmelding, documenten, door):
    for bestand, delen in documenten:
        Document.objects.create(aanmelding=aanmelding, bestand=bestand, naam=bestand.name[:200],
                                mime=getattr(bestand, "portal_mime", "application/octet-stream"),
                                grootte=bestand.size, delen_toegestaan=bool(delen), door=door)


@transaction.atomic
def aanmelding_dien_in(*, ouder, school, gewenste_start: date, ondersteuning: str, wat_belangrijk: str,
                       gezag_verklaard: bool, voorkeur_positie: int, andere_scholen: list[dict],
                       leerling: Leerling | None = None, nieuw_kind: dict | None = None,
                       documenten: list | None = None, nu=None, kanaal: str = Kanaal.ONLINE,
                       geregistreerd_door=None) -> Aanmelding:
    """File a schriftelijke aanmelding (A-1). Everything — the aanmelding, its clocks, the receipt letter
    and the e-mails — is committed in this one transaction; nothing waits for the broker."""
    nu = nu or timezone.now()
    if not gezag_verklaard:
        raise AanmeldingFout("Verklaar dat u gezag heeft over uw kind; alleen een ouder met gezag kan aanmelden.")
    opgegeven_bsn = ""
    if leerling is None:
        data = dict(nieuw_kind or {})
        bsn = data.pop("bsn", "") or ""
        if bsn and Leerling.objects.filter(bsn=bsn).exists():
            # A parent never learns about another family's child, not even that its BSN exists:
            # the school checks the number (issue #2 §4).
            opgegeven_bsn, bsn = bsn, ""
        leerling = Leerling.objects.create(bsn=bsn, **data)
        if ouder is not None:  # a paper aanmelding: the school links the parents later
            Gezag.objects.create(leerling=leerling, ouder=ouder)
        audit_log(actor=ouder or geregistreerd_door, actie=Actie.AANGEMAAKT, obj=leerling, leerling=leerling, omschrijving="Kind toegevoegd bij aanmelding")
    elif ouder is not None and not Gezag.objects.filter(leerling=leerling, ouder=ouder).exists():
        raise AanmeldingFout("U kunt alleen een kind aanmelden over wie u gezag heeft.")
    _check_leeftijd(leerling, school, timezone.localdate(nu))
    if Aanmelding.objects.filter(leerling=leerling, school=school,
                                 status__in=[Status.ONTVANGEN, Status.IN_ONDERZOEK, Status.BESLUIT_VOORBEREID]).exists():
        raise AanmeldingFout("Uw kind is al aangemeld bij deze school; die aanmelding loopt nog.")
    andere = [s for s in andere_scholen if s.get("naam")]
    if not 1 <= voorkeur_positie <= len(andere) + 1:
        raise AanmeldingFout("De plaats van deze school in uw voorkeur klopt niet met het aantal scholen dat u noemt.")
    volgorde = andere[: voorkeur_positie - 1] + [{"school_id": school.pk, "naam": school.naam}] + andere[voorkeur_positie - 1:]
    voorkeur = VoorkeurVerklaring.objects.create(leerling=leerling, verklaard_door=ouder or geregistreerd_door, scholen=volgorde)

    aanmelding = Aanmelding.objects.create(
        leerling=leerling, school=school, kanaal=kanaal, ingediend_door=ouder, geregistreerd_door=geregistreerd_door,
        ontvangen_op=nu, ontvangen_datum=timezone.localdate(nu), gewenste_start=gewenste_start,
        ondersteuning=ondersteuning, wat_belangrijk=wat_belangrijk, gezag_verklaard=True,
        voorkeur_positie=voorkeur_positie, opgegeven_bsn=opgegeven_bsn,
    )
    audit_log(actor=ouder or geregistreerd_door, actie=Actie.AANGEMAAKT, obj=aanmelding, leerling=leerling,
              omschrijving=f"Aanmelding ontvangen ({aanmelding.get_kanaal_display()})")
    _voorkeur_bijwerken(leerling, voorkeur, ouder or geregistreerd_door)
    aanmelding.refresh_from_db()
    _bewaar_documenten(aanmelding, documenten or [], ouder or geregistreerd_door)
    _start_klokken(aanmelding, ouder or geregistreerd_door)
    k = klokken(aanmelding)
    uiterlijk = k["A-6"].uiterlijk
    _brief(aanmelding, BriefSoort.ONTVANGST, {
        "ontvangen_op": timezone.localtime(nu).isoformat(), "uiterlijk": uiterlijk.isoformat(),
        "zorgplicht": zorgplicht_tekst(aanmelding, voorkeur), "kanaal": aanmelding.get_kanaal_display(),
        "tien_weken_waarschuwing": (gewenste_start - aanmelding.ontvangen_datum).days < 70,
    })
    ontvangen = formats.date_format(timezone.localtime(nu), "j F Y \\o\\m H:i")
    _meld(_ouders(aanmelding), f"aanmelding:{aanmelding.pk}:ontvangen", "Uw aanmelding is ontvangen",
          f"{school.naam} ontving uw aanmelding ({aanmelding.nummer}) op {ontvangen}. De school beslist uiterlijk op "
          f"{_datum(uiterlijk)}. De ontvangstbevestiging (PDF) vindt u na inloggen.", _url(aanmelding))
    _meld([m.user for m in _school_staf(school.pk, Rol.IB)], f"aanmelding:{aanmelding.pk}:nieuw",
          "Nieuwe aanmelding", f"{aanmelding.nummer} is binnengekomen. Beslissen uiterlijk {_datum(uiterlijk)}.",
          _url(aanmelding, "dossier/"))
    return aanmelding


# --- requests to the parents ----------------------------------------------------------------------

@transaction.atomic
def verzoek_informatie(*, aanmelding: Aanmelding, door, omschrijving: str, antwoord_uiterlijk: date,
                       vandaag: date | None = None) -> Verzoek:
    """Ask the parents for information. A-8 / Awb 4:15: the clocks stand still from the day after the
    request until the answer (or until the answer term lapses)."""
    vandaag = vandaag or timezone.localdate()
    aanmelding = _locked(aanmelding)
    if not aanmelding.is_open:
        raise AanmeldingFout("Deze aanmelding is afgehandeld.")
    if antwoord_uiterlijk <= vandaag:
        raise AanmeldingFout("Geef ouders een redelijke termijn om te antwoorden: een datum na vandaag.")
    if aanmelding.verzoeken.filter(soort=VerzoekSoort.INFORMATIE, status=VerzoekStatus.OPEN).exists():
        raise AanmeldingFout("Er staat al een informatieverzoek open. Wacht op het antwoord of de termijn.")
    verzoek = Verzoek.objects.create(aanmelding=aanmelding, soort=VerzoekSoort.INFORMATIE, omschrijving=omschrijving,
                                     verzocht_op=vandaag, antwoord_uiterlijk=antwoord_uiterlijk, door=door)
    for regel in ("A-6", "A-9"):
        clock = klokken(aanmelding).get(regel)
        if clock and not clock.gesloten_op:
            clock_suspend(clock=clock, van=vandaag + timedelta(days=1), reden=f"Informatieverzoek #{verzoek.pk}",
                          actor=door, vandaag=vandaag)
    if aanmelding.status == Status.ONTVANGEN:
        _zet_status(aanmelding, Status.IN_ONDERZOEK, door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=verzoek, label=f"Informatieverzoek #{verzoek.pk}",
              leerling=aanmelding.leerling)
    _brief(aanmelding, BriefSoort.INFORMATIEVERZOEK, {
        "verzoek_id": verzoek.pk, "omschrijving": omschrijving, "verzocht_op": vandaag.isoformat(),
        "antwoord_uiterlijk": antwoord_uiterlijk.isoformat()})
    _meld(_ouders(aanmelding), f"verzoek:{verzoek.pk}", "De school vraagt u om informatie",
          f"Voor {aanmelding.nummer} vraagt de school u iets. Antwoord vóór {_datum(antwoord_uiterlijk)}. Zolang de "
          "school wacht, staat de beslistermijn stil.", _url(aanmelding))
    return verzoek


@transaction.atomic
def verzoek_beantwoord(*, verzoek: Verzoek, ouder, antwoord: str, bestand=None, vandaag: date | None = None) -> Verzoek:
    vandaag = vandaag or timezone.localdate()
    verzoek = Verzoek.objects.select_for_update().select_related("aanmelding__leerling").get(pk=verzoek.pk)
    aanmelding = verzoek.aanmelding
    if verzoek.soort != VerzoekSoort.INFORMATIE or verzoek.status != VerzoekStatus.OPEN:
        raise AanmeldingFout("Dit verzoek wacht niet (meer) op een antwoord.")
    if not antwoord.strip() and bestand is None:
        raise AanmeldingFout("Schrijf een antwoord of voeg een document toe.")
    if bestand is not None:
        _bewaar_documenten(aanmelding, [(bestand, False)], ouder)
        verzoek.document = aanmelding.documenten.order_by("-pk").first()
    verzoek.antwoord = antwoord
    verzoek.beantwoord_op = vandaag
    verzoek.status = VerzoekStatus.BEANTWOORD
    verzoek.save()
    _hervat(aanmelding, vandaag, ouder)
    audit_log(actor=ouder, actie=Actie.GEWIJZIGD, obj=verzoek, label=f"Informatieverzoek #{verzoek.pk}",
              leerling=aanmelding.leerling, wijzigingen={"status": [VerzoekStatus.OPEN, VerzoekStatus.BEANTWOORD]})
    _meld([m.user for m in _school_staf(aanmelding.school_id, Rol.IB)], f"verzoek:{verzoek.pk}:antwoord",
          "Ouders hebben geantwoord", f"Antwoord op het informatieverzoek bij {aanmelding.nummer}. De beslistermijn loopt weer.",
          _url(aanmelding, "dossier/"))
    return verzoek


def _hervat(aanmelding, tot: date, actor, systeem=False):
    for regel in ("A-6", "A-9"):
        clock = klokken(aanmelding).get(regel)
        if clock and clock.open_opschorting:
            clock_resume(clock=clock, tot=max(tot, clock.open_opschorting.van), actor=actor)


@transaction.atomic
def verzoeken_verlopen(*, vandaag: date | None = None) -> int:
    """Information requests whose answer term lapsed: the pause ends, and the 4-week term for a
    decision *niet in behandeling nemen* starts (A-8). Run by a periodic task."""
    vandaag = vandaag or timezone.localdate()
    n = 0
    for verzoek in (Verzoek.objects.select_for_update(skip_locked=True).select_related("aanmelding__school")
                    .filter(soort=VerzoekSoort.INFORMATIE, status=VerzoekStatus.OPEN, antwoord_uiterlijk__lt=vandaag)):
        aanmelding = verzoek.aanmelding
        verzoek.status = VerzoekStatus.VERLOPEN
        verzoek.save(update_fields=["status"])
        _hervat(aanmelding, verzoek.antwoord_uiterlijk + timedelta(days=1), None, systeem=True)
        if aanmelding.is_open:
            clock_start(regel_id="A-8", zaak=aanmelding, start=verzoek.antwoord_uiterlijk, omschrijving=aanmelding.nummer,
                        url=_url(aanmelding, "dossier/"), school=aanmelding.school, systeem=True)
        audit_log(actor=None, actie=Actie.SYSTEEM, obj=verzoek, systeem=True, label=f"Informatieverzoek #{verzoek.pk}",
                  omschrijving="Antwoordtermijn verstreken; beslistermijn loopt weer (A-8)")
        _meld([m.user for m in _school_staf(aanmelding.school_id, Rol.IB)], f"verzoek:{verzoek.pk}:verlopen",
              "Geen antwoord van ouders", f"De antwoordtermijn bij {aanmelding.nummer} is verstreken. De beslistermijn loopt "
              "weer; binnen 4 weken kunt u besluiten de aanmelding niet in behandeling te nemen (A-8).",
              _url(aanmelding, "dossier/"))
        n += 1
    return n


@transaction.atomic
def verzoek_toestemming(*, aanmelding: Aanmelding, door, omschrijving: str, doel: str, omvang: str,
                        organisatie: str, vandaag: date | None = None) -> Verzoek:
    """Ask consent for research or for information from a named organisation (A-14), with purpose and scope."""
    vandaag = vandaag or timezone.localdate()
    aanmelding = _locked(aanmelding)
    if not aanmelding.is_open:
        raise AanmeldingFout("Deze aanmelding is afgehandeld.")
    if not (doel.strip() and omvang.strip() and organisatie.strip()):
        raise AanmeldingFout("Vul doel, omvang en de organisatie of deskundige in: ouders moeten weten waarmee ze instemmen.")
    verzoek = Verzoek.objects.create(aanmelding=aanmelding, soort=VerzoekSoort.TOESTEMMING, omschrijving=omschrijving,
                                     doel=doel, omvang=omvang, organisatie=organisatie, verzocht_op=vandaag, door=door)
    if aanmelding.status == Status.ONTVANGEN:
        _zet_status(aanmelding, Status.IN_ONDERZOEK, door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=verzoek, label=f"Toestemmingsverzoek #{verzoek.pk}",
              leerling=aanmelding.leerling)
    _meld(_ouders(aanmelding), f"verzoek:{verzoek.pk}", "De school vraagt uw toestemming",
          f"Voor {aanmelding.nummer} vraagt de school uw toestemming. U kunt toestemming geven of weigeren, en later "
          "intrekken.", _url(aanmelding))
    return verzoek


_TOESTEMMING = {
    "geven": ({VerzoekStatus.OPEN}, VerzoekStatus.GEGEVEN),
    "weigeren": ({VerzoekStatus.OPEN}, VerzoekStatus.GEWEIGERD),
    "intrekken": ({VerzoekStatus.GEGEVEN}, VerzoekStatus.INGETROKKEN),
}


@transaction.atomic
def toestemming_beslis(*, verzoek: Verzoek, ouder, keuze: str, vandaag: date | None = None) -> Verzoek:
    vandaag = vandaag or timezone.localdate()
    verzoek = Verzoek.objects.select_for_update().select_related("aanmelding__leerling").get(pk=verzoek.pk)
    if verzoek.soort != VerzoekSoort.TOESTEMMING or keuze not in _TOESTEMMING:
        raise AanmeldingFout("Dit is geen toestemmingsverzoek.")
    van, naar = _TOESTEMMING[keuze]
    if verzoek.status not in van:
        raise AanmeldingFout("Dat kan niet meer bij dit verzoek.")
    oud = verzoek.status
    verzoek.status, verzoek.beantwoord_op = naar, vandaag
    verzoek.save(update_fields=["status", "beantwoord_op"])
    audit_log(actor=ouder, actie=Actie.GEWIJZIGD, obj=verzoek, label=f"Toestemmingsverzoek #{verzoek.pk}",
              leerling=verzoek.aanmelding.leerling, wijzigingen={"status": [oud, naar]})
    _meld([m.user for m in _school_staf(verzoek.aanmelding.school_id, Rol.IB)], f"verzoek:{verzoek.pk}:{naar}",
          "Reactie op toestemmingsverzoek", f"Ouders hebben gereageerd op het toestemmingsverzoek bij {verzoek.aanmelding.nummer}.",
          _url(verzoek.aanmelding, "dossier/"))
    return verzoek


# --- the school's file ------------------------------------------------------------------------------

@transaction.atomic
def notitie_voeg_toe(*, aanmelding: Aanmelding, door, soort: str, tekst: str, datum: date) -> Notitie:
    aanmelding = _locked(aanmelding)
    if not tekst.strip():
        raise AanmeldingFout("Een notitie zonder tekst wordt niet opgeslagen.")
    notitie = Notitie.objects.create(aanmelding=aanmelding, soort=soort, tekst=tekst, datum=datum, door=door)
    if aanmelding.status == Status.ONTVANGEN:
        _zet_status(aanmelding, Status.IN_ONDERZOEK, door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=notitie, label=f"Notitie #{notitie.pk}", leerling=aanmelding.leerling)
    return notitie


@transaction.atomic
def aanmelding_verleng(*, aanmelding: Aanmelding, door, weken: int, reden: str, vandaag: date | None = None) -> Clock:
    """A-7: once, 1–4 weeks, with a reason, in writing to the parents, up to and including the deadline.
    The 10-week point of A-9 does not move."""
    vandaag = vandaag or timezone.localdate()
    aanmelding = _locked(aanmelding)
    if not aanmelding.is_open:
        raise AanmeldingFout("Deze aanmelding is afgehandeld.")
    try:
        clock = clock_extend(clock=klokken(aanmelding)["A-6"], weken=weken, reden=reden, meegedeeld_op=vandaag,
                             actor=door, vandaag=vandaag)
    except TermijnFout as exc:
        raise AanmeldingFout(str(exc)) from None
    _brief(aanmelding, BriefSoort.VERLENGING, {"weken": weken, "reden": reden, "uiterlijk": clock.uiterlijk.isoformat(),
                                               "meegedeeld_op": vandaag.isoformat()})
    _meld(_ouders(aanmelding), f"aanmelding:{aanmelding.pk}:verlenging", "De school neemt meer tijd",
          f"De school heeft de beslistermijn voor {aanmelding.nummer} eenmalig met {weken} weken verlengd. Nieuwe uiterste "
          f"datum: {_datum(clock.uiterlijk)}. De brief met de reden staat bij uw aanmelding.", _url(aanmelding))
    return clock


@transaction.atomic
def plaatsing_vraag(*, aanmelding: Aanmelding, door, school, toelichting: str) -> PlaatsingsVerzoek:
    """Ask another school whether it will admit the child (A-10). It receives only the documents the
    parents allowed to share."""
    aanmelding = _locked(aanmelding)
    if school.pk == aanmelding.school_id:
        raise AanmeldingFout("Kies een andere school dan uw eigen school.")
    if not aanmelding.is_open:
        raise AanmeldingFout("Deze aanmelding is afgehandeld.")
    verzoek = PlaatsingsVerzoek.objects.create(aanmelding=aanmelding, school=school, toelichting=toelichting, gevraagd_door=door)
    verzoek.documenten.set(aanmelding.documenten.filter(delen_toegestaan=True))
    if aanmelding.status == Status.ONTVANGEN:
        _zet_status(aanmelding, Status.IN_ONDERZOEK, door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=verzoek, label=f"Plaatsingsverzoek #{verzoek.pk}",
              leerling=aanmelding.leerling)
    _meld([m.user for m in _school_staf(school.pk)], f"plaatsing:{verzoek.pk}", "Verzoek om een leerling toe te laten",
          f"{aanmelding.school.naam} vraagt of uw school een leerling kan toelaten (plaatsingsverzoek #{verzoek.pk}).",
          f"/aanmelding/plaatsing/{verzoek.pk}/")
    return verzoek


@transaction.atomic
def plaatsing_beantwoord(*, verzoek: PlaatsingsVerzoek, door, akkoord: bool, antwoord: str) -> PlaatsingsVerzoek:
    verzoek = PlaatsingsVerzoek.objects.select_for_update().select_related("aanmelding").get(pk=verzoek.pk)
    if verzoek.school_id not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise AanmeldingFout("Alleen de gevraagde school kan antwoorden.")
    if verzoek.status != PlaatsingStatus.GEVRAAGD:
        raise AanmeldingFout("Dit verzoek is al beantwoord.")
    verzoek.status = PlaatsingStatus.GEACCEPTEERD if akkoord else PlaatsingStatus.GEWEIGERD
    verzoek.antwoord, verzoek.beantwoord_door, verzoek.beantwoord_op = antwoord, door, timezone.now()
    verzoek.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=verzoek, label=f"Plaatsingsverzoek #{verzoek.pk}",
              leerling=verzoek.aanmelding.leerling, wijzigingen={"status": [PlaatsingStatus.GEVRAAGD, verzoek.status]})
    _meld([m.user for m in _school_staf(verzoek.aanmelding.school_id, Rol.IB)], f"plaatsing:{verzoek.pk}:antwoord",
          "Antwoord op plaatsingsverzoek", f"De gevraagde school heeft geantwoord bij {verzoek.aanmelding.nummer}.",
          _url(verzoek.aanmelding, "dossier/"))
    return verzoek


# --- the decision ------------------------------------------------------------------------------------

@transaction.atomic
def besluit_voorbereid(*, aanmelding: Aanmelding, door, soort: str, motivering: str, grond: str = "",
                       ondersteuning_aanbod: str = "", ontvangende_school=None, ontvangende_school_naam: str = "",
                       acceptatie_bestand=None) -> Besluit:
    """The IB'er prepares the decision; the guards of A-8, A-10 and A-11 apply here."""
    aanmelding = _locked(aanmelding)
    if not aanmelding.is_open:
        raise AanmeldingFout("Deze aanmelding is afgehandeld.")
    bestaand = Besluit.objects.filter(aanmelding=aanmelding).first()
    if bestaand and bestaand.ondertekend_op:
        raise AanmeldingFout("Het besluit is al ondertekend.")
    if not motivering.strip():
        raise AanmeldingFout("Geef de redenen van het besluit (A-12): ze staan in de brief.")
    acceptatie = None
    if soort == BesluitSoort.TOEGELATEN_ONDERSTEUNING and not ondersteuning_aanbod.strip():
        raise AanmeldingFout("Beschrijf de ondersteuning die de school aanbiedt.")
    if soort == BesluitSoort.PLEK_ELDERS:
        # refusal of a child needing support only once another school is willing to admit it,
        # in consultation with the parents.
        if ontvangende_school is not None:
            if not aanmelding.plaatsingsverzoeken.filter(school=ontvangende_school, status=PlaatsingStatus.GEACCEPTEERD).exists():
                raise AanmeldingFout(f"{ontvangende_school.naam} heeft (nog) niet geaccepteerd. Een passende plek elders kan "
                                     "pas als die school heeft toegezegd het kind toe te laten (A-10).")
        elif ontvangende_school_naam.strip() and acceptatie_bestand is not None:
            _bewaar_documenten(aanmelding, [(acceptatie_bestand, False)], door)
            acceptatie = aanmelding.documenten.order_by("-pk").first()
        else:
            raise AanmeldingFout("Een passende plek elders kan pas als een andere school heeft toegezegd het kind toe te "
                                 "laten: via een plaatsingsverzoek in het portaal, of met de schriftelijke acceptatie van "
                                 "een school buiten het portaal (A-10).")
        if not aanmelding.notities.filter(soort=NotitieSoort.OVERLEG_OUDERS).exists():
            raise AanmeldingFout("Leg eerst het overleg met de ouders over de plek elders vast (A-10).")
    if soort == BesluitSoort.NIET_TOEGELATEN:
        if grond not in WeigerGrond.values:
            raise AanmeldingFout("Kies de grond van de weigering (A-11). Een ontbrekend ondersteuningsprofiel is geen grond.")
        if grond == WeigerGrond.TOELATINGSEISEN and aanmelding.school.soort != "vo":
            raise AanmeldingFout("Weigeren op toelatingseisen kan alleen in het voortgezet onderwijs (A-11).")
    if soort == BesluitSoort.NIET_IN_BEHANDELING and not aanmelding.verzoeken.filter(status=VerzoekStatus.VERLOPEN).exists():
        raise AanmeldingFout("Niet in behandeling nemen kan alleen als gevraagde informatie niet binnen de termijn kwam (A-8).")
    velden = {"soort": soort, "motivering": motivering, "grond": grond if soort == BesluitSoort.NIET_TOEGELATEN else "",
              "ondersteuning_aanbod": ondersteuning_aanbod, "ontvangende_school": ontvangende_school,
              "ontvangende_school_naam": ontvangende_school_naam if ontvangende_school is None else "",
              "acceptatie_document": acceptatie or (bestaand.acceptatie_document if bestaand else None), "voorbereid_door": door}
    besluit, _ = Besluit.objects.update_or_create(aanmelding=aanmelding, defaults=velden)
    _zet_status(aanmelding, Status.BESLUIT_VOORBEREID, door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT if bestaand is None else Actie.GEWIJZIGD, obj=besluit,
              label=f"Besluit op {aanmelding.nummer}", leerling=aanmelding.leerling, wijzigingen={"soort": [None, soort]})
    _meld([m.user for m in _school_staf(aanmelding.school_id, Rol.DIRECTEUR)], f"besluit:{besluit.pk}:klaar:{soort}",
          "Besluit klaar om te ondertekenen", f"Het besluit op {aanmelding.nummer} wacht op uw handtekening.",
          _url(aanmelding, "dossier/"))
    return besluit


def rechtsmiddelen(aanmelding: Aanmelding, besluit: Besluit) -> dict:
    """The parents' routes after the decision, with deadlines from the engine (A-13, D-1, D-2)."""
    bekend = besluit.bekendgemaakt_op
    out = {"bezwaar_uiterlijk": calculator.bezwaar(bekend)["indienen_uiterlijk"]}
    # D-1 / A-11: only support-related decisions can go to the Geschillencommissie.
    if aanmelding.steun_nodig and besluit.soort != BesluitSoort.TOEGELATEN:
        out["geschil_uiterlijk"] = calculator.geschil(besluit=bekend)["indienen_uiterlijk"]
    return out


@transaction.atomic
def besluit_onderteken(*, besluit: Besluit, door, vandaag: date | None = None) -> Besluit:
    """The directeur (or someone with a mandate) signs; the letter is made available to the parents
    today (bekendmaking). That closes A-6 (on time or late) and starts the bezwaar and geschil terms."""
    vandaag = vandaag or timezone.localdate()
    besluit = Besluit.objects.select_for_update().get(pk=besluit.pk)
    aanmelding = _locked(besluit.aanmelding)
    if aanmelding.school_id not in door.school_ids(Rol.DIRECTEUR):
        raise AanmeldingFout("Alleen de directeur (of wie mandaat heeft) van deze school ondertekent het besluit.")
    if besluit.ondertekend_op:
        raise AanmeldingFout("Dit besluit is al ondertekend.")
    besluit.ondertekend_door, besluit.ondertekend_op, besluit.bekendgemaakt_op = door, timezone.now(), vandaag
    besluit.save(update_fields=["ondertekend_door", "ondertekend_op", "bekendgemaakt_op"])
    k = klokken(aanmelding)
    for regel in ("A-6", "A-8", "A-9"):
        if regel in k and not k[regel].gesloten_op:
            clock_close(clock=k[regel], op=vandaag, actor=door)
    actief = Inschrijving.objects.filter(leerling=aanmelding.leerling, school=aanmelding.school, tot__isnull=True)
    if besluit.soort in (BesluitSoort.TOEGELATEN, BesluitSoort.TOEGELATEN_ONDERSTEUNING):
        # admission makes a temporary enrolment definitive; A-15: report to leerplicht within 7 days.
        ins = actief.first()
        if ins is not None:
            ins.soort = InschrijvingSoort.DEFINITIEF
            ins.save(update_fields=["soort"])
        else:
            ins = Inschrijving.objects.create(leerling=aanmelding.leerling, school=aanmelding.school,
                                              van=max(aanmelding.gewenste_start, vandaag))
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=ins, label=f"Inschrijving #{ins.pk}", leerling=aanmelding.leerling)
        clock_start(regel_id="A-15", zaak=ins, start=vandaag, omschrijving=f"Melding leerplicht inschrijving #{ins.pk}",
                    url=_url(aanmelding, "dossier/"), school=aanmelding.school, actor=door)
    else:
        # a refusal ends a temporary enrolment.
        for ins in actief.filter(soort=InschrijvingSoort.TIJDELIJK):
            ins.tot = vandaag
            ins.save(update_fields=["tot"])
    _zet_status(aanmelding, Status.BESLOTEN, door)
    routes = rechtsmiddelen(aanmelding, besluit)
    # The parents' own terms, visible on their tracker; nobody at the school gets reminders for them.
    clock_start(regel_id="A-13", zaak=besluit, start=vandaag, omschrijving=f"Bezwaar tegen besluit op {aanmelding.nummer}",
                actor=door)
    if "geschil_uiterlijk" in routes:
        clock_start(regel_id="D-2", zaak=besluit, start=vandaag, omschrijving=f"Geschil over {aanmelding.nummer}", actor=door)
    bestuur = aanmelding.school.bestuur
    _brief(aanmelding, BriefSoort.BESLUIT, {
        "soort": besluit.soort, "soort_label": besluit.get_soort_display(), "motivering": besluit.motivering,
        "grond": besluit.get_grond_display() if besluit.grond else "", "ondersteuning": besluit.ondersteuning_aanbod,
        "ontvangende_school": besluit.ontvangende_school.naam if besluit.ontvangende_school else besluit.ontvangende_school_naam,
        "bestuur": bestuur.naam, "bestuur_adres": bestuur.adres, "ondertekend_door": door.get_full_name(),
        "bekendgemaakt_op": vandaag.isoformat(), **routes,
        "a6_uitkomst": k["A-6"].get_uitkomst_display() if "A-6" in k else "",
    })
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=besluit, label=f"Besluit op {aanmelding.nummer}",
              leerling=aanmelding.leerling, omschrijving="Besluit ondertekend en bekendgemaakt")
    _meld(_ouders(aanmelding), f"besluit:{besluit.pk}:bekend", "Er is een besluit op uw aanmelding",
          f"De school heeft besloten over {aanmelding.nummer}. Lees de brief na inloggen. Bent u het er niet mee eens? "
          f"Bezwaar maken kan tot en met {_datum(date.fromisoformat(routes['bezwaar_uiterlijk']))}.", _url(aanmelding))
    return besluit


@transaction.atomic
def aanbod_reageer(*, besluit: Besluit, ouder, akkoord: bool, reden: str) -> Besluit:
    besluit = Besluit.objects.select_for_update().select_related("aanmelding__leerling").get(pk=besluit.pk)
    if not (besluit.is_aanbod and besluit.bekendgemaakt_op):
        raise AanmeldingFout("Er is geen aanbod om op te reageren.")
    if not akkoord and not reden.strip():
        raise AanmeldingFout("Schrijf kort waarom u het niet eens bent; dan weet de school waarover het gesprek gaat.")
    oud = besluit.reactie_akkoord
    besluit.reactie_akkoord, besluit.reactie_reden, besluit.reactie_op = akkoord, reden, timezone.now()
    besluit.save(update_fields=["reactie_akkoord", "reactie_reden", "reactie_op"])
    audit_log(actor=ouder, actie=Actie.GEWIJZIGD, obj=besluit, label=f"Besluit op {besluit.aanmelding.nummer}",
              leerling=besluit.aanmelding.leerling, wijzigingen=diff({"reactie_akkoord": oud}, {"reactie_akkoord": akkoord}))
    _meld([m.user for m in _school_staf(besluit.aanmelding.school_id)], f"besluit:{besluit.pk}:reactie:{akkoord}",
          "Ouders reageerden op het aanbod", f"Ouders zijn {'het eens' if akkoord else 'het niet eens'} met het aanbod bij "
          f"{besluit.aanmelding.nummer}.", _url(besluit.aanmelding, "dossier/"))
    return besluit


@transaction.atomic
def aanmelding_trek_in(*, aanmelding: Aanmelding, ouder, reden: str) -> Aanmelding:
    aanmelding = _locked(aanmelding)
    _zet_status(aanmelding, Status.INGETROKKEN, ouder)
    aanmelding.ingetrokken_op, aanmelding.intrek_reden = timezone.now(), reden
    aanmelding.save(update_fields=["ingetrokken_op", "intrek_reden"])
    for clock in klokken(aanmelding).values():
        if not clock.gesloten_op:
            clock_close(clock=clock, op=timezone.localdate(), actor=ouder, vervallen=True)
    _meld([m.user for m in _school_staf(aanmelding.school_id)], f"aanmelding:{aanmelding.pk}:ingetrokken",
          "Aanmelding ingetrokken", f"Ouders hebben {aanmelding.nummer} ingetrokken.", _url(aanmelding, "dossier/"))
    return aanmelding


# --- the legal consequence, run by the deadline sweep -------------------------------------------

def tijdelijke_inschrijving(clock: Clock, event) -> str:
    """A-9: no decision 10 weeks (plus pauses) after receipt and the child is not enrolled elsewhere:
    the child is enrolled temporarily from the next day, not before age 4. Once per child, whichever
    school's clock lapses first. A system action."""
    aanmelding = Aanmelding.objects.select_for_update().select_related("leerling", "school").get(pk=clock.zaak_id)
    if not aanmelding.is_open:
        return "niet nodig: er is al beslist of de aanmelding is ingetrokken"
    leerling = aanmelding.leerling
    vandaag = timezone.localdate()
    if Inschrijving.objects.filter(leerling=leerling).filter(tot__isnull=True).exists() or \
            Inschrijving.objects.filter(leerling=leerling, tot__gte=vandaag).exists():
        return "niet nodig: het kind staat al ingeschreven"
    vanaf = dates.niet_voor_vierde_verjaardag(clock.uiterlijk + timedelta(days=1), leerling.geboortedatum)
    ins = Inschrijving.objects.create(leerling=leerling, school=aanmelding.school, van=vanaf, soort=InschrijvingSoort.TIJDELIJK)
    audit_log(actor=None, actie=Actie.SYSTEEM, obj=ins, systeem=True, label=f"Inschrijving #{ins.pk}", leerling=leerling,
              omschrijving=f"Tijdelijke inschrijving vanaf {vanaf.isoformat()} (A-9)")
    _brief(aanmelding, BriefSoort.TIJDELIJK, {"vanaf": vanaf.isoformat(), "tien_weken": clock.uiterlijk.isoformat()})
    tekst = (f"De school heeft niet binnen 10 weken beslist over {aanmelding.nummer}. Daarom staat uw kind vanaf "
             f"{_datum(vanaf)} tijdelijk ingeschreven bij {aanmelding.school.naam} (wet: A-9). De school moet nog beslissen.")
    _meld(_ouders(aanmelding), f"aanmelding:{aanmelding.pk}:tijdelijk", "Uw kind is tijdelijk ingeschreven", tekst, _url(aanmelding))
    _meld([m.user for m in _school_staf(aanmelding.school_id)], f"aanmelding:{aanmelding.pk}:tijdelijk",
          "Leerling tijdelijk ingeschreven (A-9)",
          f"Bij {aanmelding.nummer} is na 10 weken niet beslist; het portaal heeft het kind vanaf {_datum(vanaf)} tijdelijk "
          "ingeschreven. Beslis zo snel mogelijk.", _url(aanmelding, "dossier/"))
    return f"tijdelijk ingeschreven vanaf {vanaf.isoformat()}"
