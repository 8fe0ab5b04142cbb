"""Every write of the case core (STYLE §2, §4): transitions, requests, consents, decisions.

One ``zaak_transition`` locks the case, checks the kind's status table, writes the timeline and the
audit trail, and schedules side effects after commit. Requests suspend exactly the clocks whose rule
says they do (``Regel.opgeschort_door``) — no clock ids in an app. A decision is signed by someone
with a current mandate, made known on a recorded day, and the legal remedies' clocks start from
that day; the letter reads its dates from those clocks.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.basis.registry import Registry, sleutel_van
from portal.gebeurtenissen.services import bericht_maak
from portal.termijnen.dates import TermijnFout
from portal.termijnen.models import Clock
from portal.termijnen.services import clock_resume, clock_start, clock_suspend

from . import registry
from .models import Bekendmaking, Besluit, Deling, Verzoek, VerzoekSoort, VerzoekStatus, Zaak
from .tijdlijn import gebeurtenis_voeg_toe


class ZaakFout(Exception):
    """A request that cannot be granted; the message is Dutch and shown as it is — at the form field ``veld`` when
    the service knows which input it is about (the page kit puts it there)."""

    def __init__(self, *args, veld: str | None = None):
        super().__init__(*args)
        self.veld = veld


# --- relations and transitions -------------------------------------------------------------------------

def relaties(user, zaak) -> set[str]:
    """The user's relations to the case, as the status tables and the page kit name them. One meaning each
    (``portal.zaken.pagina.RELATIES``): the family's ("ouder", "meerderjarige", "vertegenwoordiger", "ouder_inzage",
    "vertegenwoordiger_inzage", "leerling"), the school's ("school", "ib", "directeur", "bestuur"), "swv",
    "ondertekenaar", "helper", "systeem", and what the case kind adds (``Zaaktype.relaties``: "deskundige",
    "commissie", "indiener" …). A user without a family role skips the family's queries; one without a staff role
    skips the organisations' and the mandate register's."""
    if user is None:
        return {"systeem"}
    if not user.is_authenticated:
        return set()
    from portal.accounts.constants import GEZIN_ROLLEN
    from portal.zaken.hoorrecht import onderwerp_van, relaties_gezin

    rollen = user.rollen
    out = set()
    if rollen & GEZIN_ROLLEN or zaak.leerling.account_id == user.pk:
        out |= relaties_gezin(user, zaak.leerling, onderwerp=onderwerp_van(zaak))
    if rollen - GEZIN_ROLLEN or user.is_superuser:
        if zaak.school_id:
            if zaak.school_id in user.school_ids(Rol.IB):
                out |= {"school", "ib"}
            if zaak.school_id in user.school_ids(Rol.DIRECTEUR):
                out |= {"school", "directeur"}
            if zaak.school.bestuur_id in user.bestuur_ids():
                out.add("bestuur")
        if zaak.swv_id and zaak.swv_id in user.swv_ids():
            out.add("swv")
        from portal.organisaties.models import Mandaat

        if Mandaat.objects.mag_tekenen(user, zaak):
            out.add("ondertekenaar")
        if Deling.objects.actief().filter(zaak_id=zaak.pk, gedeeld_met=user).exists():
            out.add("helper")
    extra = zaak.type.relaties
    if extra is not None:
        out |= extra(user, zaak)
    return out


def _locked(zaak) -> Zaak:
    return type(zaak).objects.select_for_update(of=("self",) if type(zaak) is Zaak else ()).select_related(
        "leerling", "school", "school__bestuur", "swv").get(pk=zaak.pk)


NA_OVERGANG = Registry("na_overgang", "what runs after a case of a kind reaches a status (after commit)")


def register_na_overgang(zaaktype: str, naar: str, func: Callable) -> None:
    """``func(zaak)`` runs after the transaction that moved a case of ``zaaktype`` to ``naar`` commits
    (a rolled-back change sends nothing)."""
    NA_OVERGANG.register(f"{zaaktype}:{naar}:{sleutel_van(func)}", func)


@transaction.atomic
def zaak_transition(*, zaak, naar: str, door, toelichting: str = "", systeem: bool = False,
                    relatie: set[str] | None = None) -> Zaak:
    """Move ``zaak`` to status ``naar``: lock, check the status table and who may, write timeline and
    audit, schedule side effects after commit. ``relatie`` may be given by a service that already knows
    it (e.g. the signing service); otherwise it is computed."""
    zt = zaak.type
    vers = Zaak.objects.select_for_update().get(pk=zaak.pk)
    van = vers.status
    if van == naar:
        return zaak
    overgang = zt.mag(van, naar)
    if overgang is None:
        raise ZaakFout(_("Dat kan niet meer: %(nummer)s heeft de status '%(status)s'.")
                       % {"nummer": zaak.nummer, "status": zt.status(van).staf})
    wie = relatie if relatie is not None else ({"systeem"} if systeem else relaties(door, zaak))
    if not (wie & overgang.wie):
        raise ZaakFout(_("U mag deze stap in deze zaak niet zetten."))
    zaak.status = naar
    zaak.afgesloten_op = timezone.now() if zt.status(naar).eind else None
    Zaak.objects.filter(pk=zaak.pk).update(status=naar, afgesloten_op=zaak.afgesloten_op)
    gebeurtenis_voeg_toe(zaak=zaak, soort="status", door=door, gegevens={"van": van, "naar": naar, "toelichting": toelichting})
    audit_log(actor=None if systeem else door, actie=Actie.GEWIJZIGD, obj=zaak, leerling=zaak.leerling,
              wijzigingen={"status": [van, naar]}, systeem=systeem)
    bericht_maak(soort="zaak.status-gewijzigd", zaak=zaak, status=naar, vorige_status=van)  # issue #21 §4: the outbox
    if zt.status(naar).eind and zaak.pk:
        _betwisting_voorbij(zaak, door)
    for func in [f for k, f in NA_OVERGANG.items() if k.startswith(f"{zt.code}:{naar}:")]:
        transaction.on_commit(lambda f=func: f(zaak))
    return zaak


@transaction.atomic
def zaak_open(*, zaak: Zaak, door, systeem: bool = False) -> Zaak:
    """Save a new case in its first status, with its timeline's first line; a case that contests a
    decision suspends the clocks of other cases about that decision whose rule says so (A-13b)."""
    zaak.status = zaak.type.beginstatus
    zaak.save()
    gebeurtenis_voeg_toe(zaak=zaak, soort="geopend", door=door, gegevens={"status": zaak.status})
    audit_log(actor=None if systeem else door, actie=Actie.AANGEMAAKT, obj=zaak, leerling=zaak.leerling, systeem=systeem)
    bericht_maak(soort="zaak.geopend", zaak=zaak, status=zaak.status)  # issue #21 §4: the outbox, in this transaction
    if zaak.betreft_besluit_id:
        _betwisting_begint(zaak, door)
    return zaak


def _betwisting_klokken(zaak):
    """Open clocks of other open cases about the same decision that this case's kind suspends."""
    sleutel = f"zaak:{zaak.zaaktype}"
    clocks = (Clock.objects.open().select_related("zaak").prefetch_related("opschortingen")
              .filter(zaak__betreft_besluit_id=zaak.betreft_besluit_id, zaak__afgesloten_op__isnull=True)
              .exclude(zaak_id=zaak.pk))
    return [c for c in clocks if sleutel in (c.params.get("opgeschort_door") or [])]


def _betwisting_begint(zaak, door):
    vandaag = timezone.localdate()
    for clock in _betwisting_klokken(zaak):
        if clock.open_opschorting is None:
            # a term that has not begun yet (e.g. A-13b at an openbare school) stands still from its start
            clock_suspend(clock=clock, van=max(vandaag, clock.start), reden=f"{zaak.nummer} loopt", actor=door)


def _betwisting_voorbij(zaak, door):
    if not zaak.betreft_besluit_id:
        return
    # Another pending case of the same kind about the same decision keeps the clock still.
    andere = Zaak.objects.open().filter(betreft_besluit_id=zaak.betreft_besluit_id, zaaktype=zaak.zaaktype).exclude(pk=zaak.pk)
    if andere.exists():
        return
    vandaag = timezone.localdate()
    for clock in _betwisting_klokken(zaak):
        if clock.open_opschorting is not None:
            clock_resume(clock=clock, tot=max(vandaag, clock.open_opschorting.van), actor=door)


# --- requests ------------------------------------------------------------------------------------------

def _klokken_voor(zaak, soort: str) -> list[Clock]:
    return [c for c in Clock.objects.open().filter(zaak_id=zaak.pk).prefetch_related("opschortingen")
            if soort in (c.params.get("opgeschort_door") or [])]


@transaction.atomic
def verzoek_doe(*, zaak, soort: str, door, omschrijving: str, antwoord_uiterlijk: date | None = None,
                toestemming=None, vandaag: date | None = None) -> Verzoek:
    """Make a request in a case. Every open clock of the case whose rule is suspended by this kind of
    request stands still from the day the case kind says (Awb 4:15: the day after; WPO 63 lid 4 for a
    bijzondere school: the request day itself) until the answer or the lapse of the answer term."""
    vandaag = vandaag or timezone.localdate()
    if not zaak.is_open:
        raise ZaakFout(_("Deze zaak is afgehandeld."))
    if not omschrijving.strip():
        raise ZaakFout(_("Schrijf op wat u vraagt."))
    if antwoord_uiterlijk is not None and antwoord_uiterlijk <= vandaag:
        raise ZaakFout(_("Geef een redelijke termijn om te antwoorden: een datum na vandaag."))
    if soort != VerzoekSoort.TOESTEMMING and zaak.verzoeken.filter(soort=soort, status=VerzoekStatus.OPEN).exists():
        raise ZaakFout(_("Er staat al zo'n verzoek open. Wacht op het antwoord of de termijn."))
    verzoek = Verzoek.objects.create(zaak=zaak, soort=soort, omschrijving=omschrijving, verzocht_op=vandaag,
                                     antwoord_uiterlijk=antwoord_uiterlijk, door=door, toestemming=toestemming)
    vanaf = zaak.type.opschorting_vanaf(zaak, vandaag)
    for clock in _klokken_voor(zaak, soort):
        if clock.open_opschorting is None:
            clock_suspend(clock=clock, van=vanaf, reden=f"{verzoek.get_soort_display()} #{verzoek.pk}", actor=door,
                          vandaag=vandaag)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=verzoek, leerling=zaak.leerling)
    gebeurtenis_voeg_toe(zaak=zaak, soort="verzoek", door=door, gegevens={"verzoek_id": verzoek.pk, "soort": soort})
    return verzoek


def _hervat(zaak, soort: str, tot: date, actor) -> None:
    for clock in _klokken_voor(zaak, soort):
        if clock.open_opschorting is not None:
            clock_resume(clock=clock, tot=max(tot, clock.open_opschorting.van), actor=actor)


@transaction.atomic
def verzoek_beantwoord(*, verzoek: Verzoek, door, antwoord: str, bestand=None, vandaag: date | None = None) -> Verzoek:
    """Answer a request; the clocks it suspended run again from today (the answer day)."""
    from portal.documenten.services import document_bewaar

    vandaag = vandaag or timezone.localdate()
    verzoek = Verzoek.objects.select_for_update(of=("self",)).select_related("zaak", "zaak__leerling").get(pk=verzoek.pk)
    if verzoek.soort == VerzoekSoort.TOESTEMMING or verzoek.status != VerzoekStatus.OPEN:
        raise ZaakFout(_("Dit verzoek wacht niet (meer) op een antwoord."))
    if not antwoord.strip() and bestand is None:
        raise ZaakFout(_("Schrijf een antwoord of voeg een document toe."))
    zaak = verzoek.zaak
    if bestand is not None:
        verzoek.document = document_bewaar(zaak=zaak, bestand=bestand, door=door)
    verzoek.antwoord, verzoek.beantwoord_op, verzoek.beantwoord_door = antwoord, vandaag, door
    verzoek.status = VerzoekStatus.BEANTWOORD
    verzoek.save()
    _hervat(zaak, verzoek.soort, vandaag, door)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=verzoek, leerling=zaak.leerling,
              wijzigingen={"status": [VerzoekStatus.OPEN, VerzoekStatus.BEANTWOORD]})
    gebeurtenis_voeg_toe(zaak=zaak, soort="verzoek_beantwoord", door=door, gegevens={"verzoek_id": verzoek.pk})
    return verzoek


def verzoeken_verlopen(*, vandaag: date | None = None) -> int:
    """Requests whose answer term lapsed: the clocks run again from the day after the term, and the case
    kind is told (the aanmelding starts its 4-week term for *niet in behandeling nemen*, A-8).
    Each request in its own transaction; run by a periodic task."""
    vandaag = vandaag or timezone.localdate()
    n = 0
    ids = list(Verzoek.objects.open().filter(antwoord_uiterlijk__lt=vandaag).exclude(soort=VerzoekSoort.TOESTEMMING)
               .values_list("pk", flat=True))
    for pk in ids:
        with transaction.atomic():
            verzoek = (Verzoek.objects.select_for_update(of=("self",), skip_locked=True).select_related("zaak")
                       .filter(pk=pk, status=VerzoekStatus.OPEN).first())
            if verzoek is None:
                continue
            verzoek.status = VerzoekStatus.VERLOPEN
            verzoek.save(update_fields=["status"])
            zaak = verzoek.zaak.specifiek
            _hervat(zaak, verzoek.soort, verzoek.antwoord_uiterlijk + timedelta(days=1), None)
            audit_log(actor=None, actie=Actie.SYSTEEM, obj=verzoek, systeem=True, leerling=zaak.leerling,
                      omschrijving="Antwoordtermijn verstreken; de termijn loopt weer")
            gebeurtenis_voeg_toe(zaak=zaak, soort="verzoek_verlopen", gegevens={"verzoek_id": verzoek.pk})
            if zaak.type.bij_verlopen_verzoek:
                zaak.type.bij_verlopen_verzoek(verzoek)
            n += 1
    return n


# --- consent ------------------------------------------------------------------------------------------

@transaction.atomic
def toestemming_vraag(*, zaak, door, soort: str, doel: str, ontvanger: str, omvang: str, toelichting: str = "",
                      vandaag: date | None = None) -> Verzoek:
    """Ask consent for one purpose, one recipient, one scope (A-14). An earlier consent for this pupil is
    reused only when all three match exactly and it is still given; never implied (G-1)."""
    from portal.leerlingen.models import Toestemming, ToestemmingSoort, ToestemmingStatus

    if soort not in ToestemmingSoort.values:
        raise ZaakFout(_("Kies waarvoor u toestemming vraagt: onderzoek, of gegevens opvragen of delen."))
    doel, ontvanger, omvang = doel.strip(), ontvanger.strip(), omvang.strip()
    if not (doel and ontvanger and omvang):
        raise ZaakFout(_("Vul doel, omvang en de organisatie of deskundige in: wie toestemming geeft, moet weten waarvoor."))
    vandaag = vandaag or timezone.localdate()
    bestaand = [t for t in Toestemming.objects.filter(leerling=zaak.leerling, soort=soort, doel=doel, ontvanger=ontvanger,
                                                      omvang=omvang).prefetch_related("antwoorden")
                if t.status(vandaag) == ToestemmingStatus.GEGEVEN]
    toestemming = bestaand[0] if bestaand else Toestemming.objects.create(
        leerling=zaak.leerling, soort=soort, doel=doel, ontvanger=ontvanger, omvang=omvang, gevraagd_door=door)
    verzoek = verzoek_doe(zaak=zaak, soort=VerzoekSoort.TOESTEMMING, door=door,
                          omschrijving=toelichting.strip() or doel, toestemming=toestemming, vandaag=vandaag)
    if bestaand:
        verzoek.status, verzoek.beantwoord_op = VerzoekStatus.BEANTWOORD, vandaag
        verzoek.antwoord = f"Dezelfde toestemming (#{toestemming.pk}) is al gegeven en geldt nog."
        verzoek.save(update_fields=["status", "beantwoord_op", "antwoord"])
    else:
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=toestemming, leerling=zaak.leerling)
    return verzoek


_KEUZE_VAN = {"gegeven": {None, "geweigerd"}, "geweigerd": {None, "gegeven"}, "ingetrokken": {"gegeven"}}


@transaction.atomic
def toestemming_beslis(*, toestemming, door, keuze: str, vandaag: date | None = None):
    """A party gives, refuses or withdraws consent. Who counts depends on the pupil's age (DOMAIN §2)."""
    from portal.leerlingen.models import Toestemming, ToestemmingAntwoord, ToestemmingKeuze

    vandaag = vandaag or timezone.localdate()
    t = Toestemming.objects.select_for_update(of=("self",)).select_related("leerling").get(pk=toestemming.pk)
    if keuze not in ToestemmingKeuze.values:
        raise ZaakFout(_("Kies: toestemming geven, weigeren of intrekken."))
    from portal.zaken.hoorrecht import ONDERWERP_BEGELEIDING, handelt_voor, is_meerderjarig

    if is_meerderjarig(t.leerling, vandaag):
        # from 18 the pupil answers — or, under curatele or mentorschap, the curator or mentor for them (consent to
        # research and sharing is a matter of care: BW 1:381, 1:453); the parents no longer (issue #17 §1)
        if not handelt_voor(door, t.leerling, onderwerp=ONDERWERP_BEGELEIDING, op=vandaag):
            raise ZaakFout(_("Vanaf 18 jaar beslist de leerling hier zelf over, of diens curator of mentor."))
        partij = "leerling"
    elif t.leerling.account_id == door.pk:
        partij = "leerling"
    elif t.leerling.gezag.filter(ouder=door).exists():
        partij = "ouder"
    else:
        raise ZaakFout(_("Alleen een ouder met gezag of de leerling zelf kan hierover beslissen."))
    if partij not in t.partijen(vandaag):
        raise ZaakFout(_("Uw kind is 16 of ouder en beslist hier zelf over.") if partij == "ouder"
                       else _("Hierover beslissen je ouders."))
    vorige = t.laatste_per_partij().get(partij)
    if (vorige.keuze if vorige else None) not in _KEUZE_VAN[keuze]:
        raise ZaakFout(_("Dat kan niet meer bij deze toestemming."))
    oud = t.status(vandaag)
    ToestemmingAntwoord.objects.create(toestemming=t, door=door, partij=partij, keuze=keuze)
    nieuw = t.status(vandaag)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=t, leerling=t.leerling, wijzigingen={"status": [oud, nieuw]},
              omschrijving=f"{partij}: {keuze}")
    for verzoek in t.verzoeken.select_related("zaak").filter(status=VerzoekStatus.OPEN):
        if nieuw != "gevraagd":
            verzoek.status, verzoek.beantwoord_op, verzoek.beantwoord_door = VerzoekStatus.BEANTWOORD, vandaag, door
            verzoek.save(update_fields=["status", "beantwoord_op", "beantwoord_door"])
    for zaak_id in set(t.verzoeken.values_list("zaak_id", flat=True)):
        gebeurtenis_voeg_toe(zaak=Zaak(pk=zaak_id), soort="toestemming", door=door,
                             gegevens={"toestemming_id": t.pk, "status": nieuw})
    return t


# --- decisions -------------------------------------------------------------------------------------------

@transaction.atomic
def besluit_bereid_voor(*, zaak, besluittype: str, uitkomst: str, motivering: str, door, sleutel: str = "",
                        omschrijving: str = "") -> Besluit:
    """Prepare (or revise) the decision of ``besluittype`` in ``zaak``; it waits for a signature. ``sleutel``: which
    decision of this kind, when a case has several (one per version of an OPP: ``"versie:2"``); one of each waits at
    a time, and a signed one is not prepared again. ``omschrijving``: the audit line's words."""
    bt = registry.besluittype(besluittype)
    if uitkomst not in dict(bt.uitkomsten):
        raise ZaakFout(_("Kies een besluit."))
    if not motivering.strip():
        raise ZaakFout(_("Geef de redenen van het besluit: ze staan in de brief."))
    besluit = Besluit.objects.select_for_update().filter(zaak=zaak, besluittype=besluittype, sleutel=sleutel,
                                                         vervallen_op__isnull=True).order_by("-pk").first()
    if besluit and besluit.ondertekend_op:
        raise ZaakFout(_("Het besluit is al ondertekend."))
    nieuw = besluit is None
    if nieuw:
        besluit = Besluit(zaak=zaak, besluittype=besluittype, sleutel=sleutel)
    besluit.uitkomst, besluit.motivering, besluit.voorbereid_door, besluit.voorbereid_op = (
        uitkomst, motivering, door, timezone.now())
    besluit.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, obj=besluit, leerling=zaak.leerling,
              wijzigingen={"uitkomst": [None, uitkomst]}, omschrijving=omschrijving)
    gebeurtenis_voeg_toe(zaak=zaak, soort="besluit_voorbereid", door=door, voor_ouders=False,
                         gegevens={"besluit_id": besluit.pk, "uitkomst": uitkomst})
    from portal.meldingen.ontvangers import ondertekenaars
    from portal.meldingen.services import melding_stuur

    melding_stuur(ontvangers=ondertekenaars(zaak, besluittype), sleutel=f"besluit:{besluit.pk}:klaar:{uitkomst}",
                  titel=N_("Besluit klaar om te ondertekenen"),
                  tekst=N_("Het besluit op %(zaak)s wacht op uw handtekening."),
                  gegevens={"zaak": zaak.nummer}, url=besluit_teken_url(besluit))
    return besluit


@transaction.atomic
def besluit_vervalt(*, besluit: Besluit, door, omschrijving: str = "Voorbereid besluit vervallen") -> bool:
    """A prepared decision that will not be signed any more (what it decides changed): it leaves the signers' list.
    True when it lapsed now; a signed or already lapsed decision stays as it is."""
    besluit = Besluit.objects.select_for_update(of=("self",)).select_related("zaak__leerling").get(pk=besluit.pk)
    if besluit.ondertekend_op is not None or besluit.vervallen_op is not None:
        return False
    besluit.vervallen_op = timezone.now()
    besluit.save(update_fields=["vervallen_op"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=besluit, leerling=besluit.zaak.leerling, omschrijving=omschrijving)
    return True


@transaction.atomic
def besluit_eindigt(*, besluit: Besluit, op: date, door, omschrijving: str = "") -> Besluit:
    """A decision in force stops applying from ``op`` (``geldig_tot``; open-zaak's vervaldatum): a later decision
    replaces it, or the case ends. An earlier end that was recorded stays."""
    besluit = Besluit.objects.select_for_update(of=("self",)).select_related("zaak__leerling").get(pk=besluit.pk)
    if besluit.geldig_tot is not None and besluit.geldig_tot <= op:
        return besluit
    oud = besluit.geldig_tot
    besluit.geldig_tot = op
    besluit.save(update_fields=["geldig_tot"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=besluit, leerling=besluit.zaak.leerling,
              wijzigingen={"geldig_tot": [oud.isoformat() if oud else None, op.isoformat()]}, omschrijving=omschrijving)
    return besluit


def besluit_teken_url(besluit) -> str:
    from django.urls import reverse

    return reverse("zaken:ondertekenen", args=[besluit.pk])


def bekendmaking_digitaal_mogelijk(zaak) -> bool:
    """Awb 3:41 and 2:8 (electronic sending only to whom said they can be reached so; 2:14 before 2026): made known
    online only when everyone who acts for the pupil (the parents with gezag of a minor; the adult pupil, or their
    curator or mentor — ``hoorrecht.wie_handelt``) has an account and said they receive letters in the portal. Otherwise the school records the day it posted or handed it over."""
    from portal.zaken.hoorrecht import onderwerp_van, wie_handelt

    personen = wie_handelt(zaak.leerling, onderwerp=onderwerp_van(zaak)).personen
    return bool(personen) and all(o.is_active and o.brieven_digitaal for o in personen)


@transaction.atomic
def besluit_onderteken(*, besluit: Besluit, door, bekendmaking: str = "", verzonden_op: date | None = None,
                       vandaag: date | None = None) -> Besluit:
    """Sign a prepared decision under a current mandate (the letter names it) and make it known.

    Bekendmaking (Awb 3:41): online — today, provisionally, when every parent chose electronic letters: the day the
    rendered letter is in their account counts (Awb 2:19 onder b), so a letter ready on a later day moves the date,
    the clocks and the letter's dates (``portal.zaken.bekendmaking``, called by the renderer); otherwise the
    day the school records that it posts or hands over the letter (not before today, at most 14 days on),
    entered now, before the letter is rendered. The legal remedies' clocks start from that day (Awb 6:8:
    the term begins the day after), the case kind applies its effects, and the letter is queued with
    its dates read from those clocks."""
    from portal.organisaties.models import Mandaat

    vandaag = vandaag or timezone.localdate()
    besluit = Besluit.objects.select_for_update(of=("self",)).select_related(
        "zaak", "zaak__school", "zaak__school__bestuur", "zaak__swv", "zaak__leerling").get(pk=besluit.pk)
    zaak = besluit.zaak.specifiek
    bt = besluit.type
    if besluit.ondertekend_op or besluit.vervallen_op:
        raise ZaakFout(_("Dit besluit is al ondertekend."))
    if not Besluit.objects.filter(pk=besluit.pk).filter(Mandaat.objects.bevoegdheid_q(door, op=vandaag, prefix="zaak__")).exists():
        raise ZaakFout(_("U heeft geen geldig mandaat om dit besluit te ondertekenen. Het mandaatregister van het "
                       "bevoegd gezag bepaalt wie tekent."))
    if bt.ondertekenaar_fout and (melding := bt.ondertekenaar_fout(besluit, door)):
        raise ZaakFout(melding)  # the kind's own bar on this signer (a decision on bezwaar: Awb 10:3 lid 3)
    gezag = zaak.gezag
    if getattr(gezag, "bezwaar_adres", None) is not None and not gezag.bezwaar_adres.strip():
        raise ZaakFout(_("Het adres voor bezwaarschriften van %(gezag)s ontbreekt. Een besluit zonder dat adres kan "
                         "niet worden verstuurd; vraag de beheerder het in te vullen.") % {"gezag": gezag})
    if bekendmaking_digitaal_mogelijk(zaak):
        bekendmaking, bekend_op = Bekendmaking.DIGITAAL, vandaag
    else:
        if bekendmaking not in (Bekendmaking.POST, Bekendmaking.UITGEREIKT):
            raise ZaakFout(_("Niet alle ouders ontvangen brieven digitaal. Kies of de brief per post gaat of wordt "
                           "uitgereikt, en op welke dag."))
        if verzonden_op is None or not (vandaag <= verzonden_op <= vandaag + timedelta(days=14)):
            raise ZaakFout(_("Vul de dag in waarop de brief wordt verstuurd of uitgereikt: vandaag of binnen 14 dagen."))
        bekend_op = verzonden_op
    # the mandate that covers this kind of decision (a user may hold several at one gezag: its function is in the letter)
    mandaat = next((m for m in Mandaat.objects.geldig(vandaag).filter(user=door).filter(
        **({"bestuur_id": gezag.pk} if zaak.school_id else {"swv_id": gezag.pk})).order_by("pk")
        if not m.besluittypen or besluit.besluittype in m.besluittypen), None)
    besluit.ondertekend_door, besluit.ondertekend_op = door, timezone.now()
    besluit.mandaat = mandaat
    besluit.ondertekenaar_functie = mandaat.functie if mandaat else f"bestuurder van {gezag}"
    besluit.bekendmaking, besluit.bekendgemaakt_op = bekendmaking, bekend_op
    besluit.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=besluit, leerling=zaak.leerling,
              omschrijving=f"Ondertekend ({besluit.ondertekenaar_functie}); bekendgemaakt op {bekend_op.isoformat()} "
              f"({bekendmaking})")
    gebeurtenis_voeg_toe(zaak=zaak, soort="besluit_bekendgemaakt", door=door,
                         gegevens={"besluit_id": besluit.pk, "uitkomst": besluit.uitkomst, "op": bekend_op})
    bericht_maak(soort="besluit.ondertekend", zaak=zaak, besluit=besluit.pk, besluittype=besluit.besluittype,
                 bekendgemaakt_op=bekend_op.isoformat())  # issue #21 §4: the outbox, in this transaction
    klokken = {}
    for regel_id in (bt.rechtsmiddelen(besluit) if bt.rechtsmiddelen else []):
        klokken[regel_id] = clock_start(regel_id=regel_id, zaak=zaak, besluit=besluit, start=bekend_op,
                                        omschrijving=f"Besluit op {zaak.nummer}", voor_ouders=True,
                                        actor=door, vandaag=vandaag)
    if bt.na_bekendmaking:
        bt.na_bekendmaking(besluit, door, vandaag)
    from portal.documenten.services import brief_maak

    gegevens = bt.brief_gegevens(besluit, klokken) if bt.brief_gegevens else {}
    brief_maak(zaak=zaak, soort=bt.brief, besluit=besluit, gegevens={
        "uitkomst": besluit.uitkomst, "uitkomst_label": besluit.uitkomst_label, "motivering": besluit.motivering,
        "ondertekend_door": door.get_full_name() or door.email, "functie": besluit.ondertekenaar_functie,
        "gezag": str(gezag), "gezag_adres": getattr(gezag, "adres", ""),
        "bezwaar_adres": getattr(gezag, "bezwaar_adres", ""), "bekendmaking": bekendmaking,
        "bekendgemaakt_op": bekend_op, **{f"{k.replace('-', '_')}_uiterlijk": c.uiterlijk for k, c in klokken.items()},
        **gegevens})
    return besluit


def besluiten_te_tekenen(user):
    """Decisions waiting for this user's signature (mandate register), oldest first."""
    return (Besluit.objects.for_ondertekenaar(user).select_related("zaak", "zaak__school")
            .order_by("voorbereid_op"))


def clock_fout(exc: TermijnFout) -> ZaakFout:
    return ZaakFout(str(exc))
