"""Every write of the event notifications (issue #21 §4). Keyword-only, atomic, audited.

Emitting (the case core calls these at one place each): ``bericht_maak`` writes ONE outbox row in the caller's
transaction — nothing else, no query before it — and asks the worker, once per transaction and only after commit,
to send. A rolled-back change leaves no message; a broker that is down loses none (beat's ``verwerk`` finds the row).

Sending (the worker): ``berichten_verdeel`` fans each new message out to the subscriptions entitled to see its case
(as the API does: a school's system its own cases, a board's its schools', an SWV's its own), one ``Aflevering``
each; ``aflevering_verstuur`` claims one with a conditional update (two workers never send the same try), posts the
signed CloudEvent, and on failure plans the next try with exponential backoff, until ``mislukt``.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.audit.models import Actie
from portal.audit.services import audit_log

from . import bericht as berichtvorm
from .models import OPEN_STATUSSEN, Abonnement, Aflevering, AfleverStatus, Bericht, max_pogingen
from .soorten import SOORTEN
from .veiligheid import nieuw_geheim, ontsleutel, url_fout, versleutel

log = logging.getLogger(__name__)

SCOPES = ("gebeurtenissen:lezen", "gebeurtenissen:schrijven")
MAX_ABONNEMENTEN = 20
LEASE = timedelta(minutes=5)  # a claimed try that never reports back (worker killed) is tried again after this


class AbonnementFout(Exception):
    """Dutch, shown at the field ``veld`` (API: 400 with invalid-params; /beheer/: the form)."""

    def __init__(self, *args, veld: str | None = None):
        super().__init__(*args)
        self.veld = veld


# --- emitting ---------------------------------------------------------------------------------------------------

def _kick() -> None:
    from portal.celery import verstuur

    verstuur("portal.gebeurtenissen.tasks.verwerk")  # by name: services never import tasks


def _verstuur_na_commit() -> None:
    """Ask the worker to send as soon as this transaction commits, once per transaction."""
    if connection.in_atomic_block and any(entry[1] is _kick for entry in connection.run_on_commit):
        return
    transaction.on_commit(_kick)


def _rij(*, soort: str, zaak, gegevens: dict, tijd: datetime | None = None) -> Bericht:
    if soort not in SOORTEN:
        raise ValueError(f"unknown event kind {soort!r}")
    zaaktype = zaak.zaaktype or zaak.ZAAKTYPE
    # only ids and kinds: the case's, and what the caller adds (ids, rule ids, codes, dates) — never names or text
    return Bericht(soort=soort, tijd=tijd or timezone.now(), zaak_id=zaak.pk, zaaktype=zaaktype,
                   school_id=zaak.school_id, swv_id=zaak.swv_id,
                   gegevens={"zaak": zaak.pk, "zaaktype": zaaktype, **gegevens})


def bericht_maak(*, soort: str, zaak, **gegevens) -> Bericht:
    """Put an event about ``zaak`` in the outbox, in the caller's transaction: one INSERT. ``gegevens``: ids and kinds
    only (``status="besloten"``, ``besluit=12``), never personal data."""
    b = _rij(soort=soort, zaak=zaak, gegevens=gegevens)
    b.save(force_insert=True)
    _verstuur_na_commit()
    return b


def berichten_maak_bulk(rijen: list[tuple[str, object, dict]]) -> list[Bericht]:
    """Several events at once (the clock sweep's batch): ``(soort, zaak, gegevens)`` each; one INSERT."""
    if not rijen:
        return []
    berichten = Bericht.objects.bulk_create([_rij(soort=s, zaak=z, gegevens=g) for s, z, g in rijen])
    _verstuur_na_commit()
    return berichten


def thuiszitter_alarm_meld(*, zaak, regel: str = "F-3") -> Bericht:
    """The thuiszitter case's alarm (F-3: longer than 3 months without education; the case moves to the SWV):
    called by the thuiszitters app, which the core never imports."""
    return bericht_maak(soort="thuiszitter.alarm", zaak=zaak, regel=regel)


# --- subscriptions ----------------------------------------------------------------------------------------------

def _controleer(url: str | None, soorten: list[str] | None) -> None:
    if url is not None and (fout := url_fout(url)):
        raise AbonnementFout(fout, veld="url")
    if soorten is not None:
        if not soorten:
            raise AbonnementFout("Kies ten minste één soort gebeurtenis.", veld="soorten")
        onbekend = [s for s in soorten if s not in SOORTEN]
        if onbekend:
            raise AbonnementFout(f"Onbekende soort gebeurtenis: {', '.join(map(str, onbekend))}. Kies uit: "
                                 f"{', '.join(SOORTEN)}.", veld="soorten")


@transaction.atomic
def abonnement_maak(*, koppeling, url: str, soorten: list[str], door, omschrijving: str = "") -> tuple[Abonnement, str]:
    """Subscribe ``koppeling``'s organisation to ``soorten`` at ``url``. Returns the subscription and its signing
    secret, which is shown only this once (stored encrypted, to sign with)."""
    url = (url or "").strip()
    _controleer(url, soorten)
    if not koppeling.actief:
        raise AbonnementFout("Deze koppeling is ingetrokken.")
    if Abonnement.objects.filter(koppeling=koppeling, beeindigd_op__isnull=True).count() >= MAX_ABONNEMENTEN:
        raise AbonnementFout(f"Een koppeling heeft hoogstens {MAX_ABONNEMENTEN} abonnementen. Beëindig er eerst een.")
    geheim = nieuw_geheim()
    a = Abonnement.objects.create(koppeling=koppeling, url=url, soorten=sorted(set(soorten)),
                                  omschrijving=omschrijving.strip()[:200], geheim_versleuteld=versleutel(geheim))
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=a,
              omschrijving=f"Abonnement voor {koppeling.audit_label} op {', '.join(a.soorten)}")
    return a, geheim


@transaction.atomic
def abonnement_wijzig(*, abonnement: Abonnement, door, url: str | None = None, soorten: list[str] | None = None,
                      omschrijving: str | None = None) -> Abonnement:
    a = Abonnement.objects.select_for_update().get(pk=abonnement.pk)
    if not a.actief:
        raise AbonnementFout("Dit abonnement is beëindigd.")
    url = url.strip() if url is not None else None
    _controleer(url, soorten)
    oud = {"url": a.url, "soorten": a.soorten}
    if url is not None:
        a.url = url
    if soorten is not None:
        a.soorten = sorted(set(soorten))
    if omschrijving is not None:
        a.omschrijving = omschrijving.strip()[:200]
    a.save()
    wijzigingen = {k: [v, getattr(a, k)] for k, v in oud.items() if v != getattr(a, k)}
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=a, wijzigingen=wijzigingen or None)
    return a


@transaction.atomic
def abonnement_beeindig(*, abonnement: Abonnement, door) -> Abonnement:
    """Stop at once: no new deliveries, and those still waiting are not sent."""
    a = Abonnement.objects.select_for_update().get(pk=abonnement.pk)
    if a.beeindigd_op is None:
        a.beeindigd_op = timezone.now()
        a.save(update_fields=["beeindigd_op"])
        Aflevering.objects.filter(abonnement=a, status__in=OPEN_STATUSSEN).update(
            status=AfleverStatus.MISLUKT, laatste_fout="Niet verstuurd: het abonnement is beëindigd.")
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=a, omschrijving="Abonnement beëindigd")
    return a


@transaction.atomic
def abonnement_nieuw_geheim(*, abonnement: Abonnement, door) -> str:
    """A new signing secret, effective for the next try (the old one no longer signs)."""
    a = Abonnement.objects.select_for_update().get(pk=abonnement.pk)
    geheim = nieuw_geheim()
    a.geheim_versleuteld = versleutel(geheim)
    a.save(update_fields=["geheim_versleuteld"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=a, omschrijving="Nieuw ondertekengeheim")
    return geheim


# --- the worker -------------------------------------------------------------------------------------------------

def _mag_zien(koppeling, b: Bericht, bestuur_van: dict[int, int]) -> bool:
    """The API's rule (portal.api.systeem): a school's system its own cases, a board's those of its schools, an SWV's
    the cases of that SWV."""
    if koppeling.school_id:
        return b.school_id == koppeling.school_id
    if koppeling.bestuur_id:
        return b.school_id is not None and bestuur_van.get(b.school_id) == koppeling.bestuur_id
    if koppeling.swv_id:
        return b.swv_id == koppeling.swv_id
    return False


def _heeft_scope(koppeling) -> bool:
    return any(s in (koppeling.scopes or []) for s in SCOPES)


def berichten_verdeel(*, limit: int = 500, nu: datetime | None = None) -> int:
    """Make the deliveries of the messages not yet fanned out, in one transaction per batch. Returns the deliveries
    made. Subscriptions and entitlement are read now, at fan-out: a revoked client gets nothing from then on."""
    from portal.organisaties.models import School

    nu = nu or timezone.now()
    gemaakt = 0
    while True:
        with transaction.atomic():
            qs = Bericht.objects.filter(verdeeld_op__isnull=True).order_by("tijd")
            if connection.features.has_select_for_update_skip_locked:
                qs = qs.select_for_update(skip_locked=True)
            berichten = list(qs[:limit])
            if not berichten:
                return gemaakt
            abonnementen = [a for a in Abonnement.objects.filter(
                beeindigd_op__isnull=True, koppeling__ingetrokken_op__isnull=True).select_related("koppeling")
                if _heeft_scope(a.koppeling)]
            school_ids = {b.school_id for b in berichten if b.school_id}
            bestuur_van = dict(School.objects.filter(pk__in=school_ids).values_list("pk", "bestuur_id")) \
                if school_ids and any(a.koppeling.bestuur_id for a in abonnementen) else {}
            nieuw = [Aflevering(bericht=b, abonnement=a, volgende_poging_op=nu)
                     for b in berichten for a in abonnementen
                     if b.soort in (a.soorten or []) and _mag_zien(a.koppeling, b, bestuur_van)]
            Aflevering.objects.bulk_create(nieuw, ignore_conflicts=True)
            Bericht.objects.filter(pk__in=[b.pk for b in berichten]).update(verdeeld_op=nu)
            gemaakt += len(nieuw)


def wachttijd(pogingen: int) -> timedelta:
    """Exponential backoff after the ``pogingen``-th failed try: basis, 2×, 4× … capped (default 1 min … 6 h)."""
    basis = float(getattr(settings, "GEBEURTENISSEN_BACKOFF_SECONDEN", 60))
    hoogstens = float(getattr(settings, "GEBEURTENISSEN_BACKOFF_MAX_SECONDEN", 6 * 3600))
    return timedelta(seconds=min(basis * 2 ** max(pogingen - 1, 0), hoogstens))


@dataclass
class Uitkomst:
    gelukt: bool
    status: int | None = None
    fout: str = ""
    definitief: bool = False  # no retry (410 Gone: the receiver retired this endpoint)
    wacht_minstens: int = 0  # seconds (429 Too Many Requests with Retry-After)


def _post(url: str, inhoud: bytes, kop: dict[str, str]) -> Uitkomst:
    import requests

    try:
        r = requests.post(url, data=inhoud, headers=kop, timeout=(5, 10), allow_redirects=False)
    except requests.RequestException as e:
        return Uitkomst(False, None, f"{e.__class__.__name__}: {e}"[:300])
    if 200 <= r.status_code < 300:
        return Uitkomst(True, r.status_code)
    if 300 <= r.status_code < 400:
        return Uitkomst(False, r.status_code, f"HTTP {r.status_code}: een doorverwijzing wordt niet gevolgd")
    if r.status_code == 410:  # the NL GOV webhook guideline: the delivery target has been retired
        return Uitkomst(False, 410, "HTTP 410 Gone: de ontvanger is opgeheven; niet opnieuw geprobeerd",
                        definitief=True)
    if r.status_code == 429:
        retry = r.headers.get("Retry-After", "")
        return Uitkomst(False, 429, f"HTTP 429 Too Many Requests (Retry-After: {retry[:20] or '-'})",
                        wacht_minstens=int(retry) if retry.isdigit() else 0)
    return Uitkomst(False, r.status_code, f"HTTP {r.status_code} {r.reason or ''}".strip()[:300])


def aflevering_verstuur(*, aflevering_id: int, nu: datetime | None = None) -> str | None:
    """One try of one delivery. Claims it first (a conditional update: due, open, not claimed by another worker);
    returns the new status, or None when there was nothing to do. The HTTP call runs outside any transaction."""
    nu = nu or timezone.now()
    geclaimd = Aflevering.objects.filter(pk=aflevering_id, status__in=OPEN_STATUSSEN,
                                         volgende_poging_op__lte=nu).update(
        pogingen=F("pogingen") + 1, volgende_poging_op=nu + LEASE, laatste_poging_op=nu)
    if not geclaimd:
        return None
    a = Aflevering.objects.select_related("bericht", "abonnement", "abonnement__koppeling").get(pk=aflevering_id)
    ab = a.abonnement
    if not ab.actief or not ab.koppeling.actief or not _heeft_scope(ab.koppeling):
        uitkomst = Uitkomst(False, None, "Niet verstuurd: het abonnement is beëindigd of de koppeling ingetrokken.")
        return _leg_vast(a, uitkomst, nu, definitief=True)
    if fout := url_fout(ab.url):  # again at each try: what a name resolves to can change
        return _leg_vast(a, Uitkomst(False, None, f"Niet verstuurd: {fout}"), nu)
    inhoud = berichtvorm.body(a.bericht)
    kop = berichtvorm.headers(a.bericht, inhoud, ontsleutel(ab.geheim_versleuteld), nu=nu)
    return _leg_vast(a, _post(ab.url, inhoud, kop), nu)


def _leg_vast(a: Aflevering, u: Uitkomst, nu: datetime, *, definitief: bool = False) -> str:
    if u.gelukt:
        status, velden = AfleverStatus.AFGELEVERD, {"afgeleverd_op": timezone.now(), "laatste_fout": ""}
    elif definitief or u.definitief or a.pogingen >= max_pogingen():
        status, velden = AfleverStatus.MISLUKT, {"laatste_fout": u.fout}
    else:
        wacht = max(wachttijd(a.pogingen), min(timedelta(seconds=u.wacht_minstens), wachttijd(99)))
        status, velden = AfleverStatus.OPNIEUW, {"laatste_fout": u.fout, "volgende_poging_op": nu + wacht}
    with transaction.atomic():
        Aflevering.objects.filter(pk=a.pk).update(status=status, laatste_status=u.status, **velden)
        if status == AfleverStatus.MISLUKT:
            audit_log(actor=None, actie=Actie.SYSTEEM, obj=a, systeem=True,
                      omschrijving=f"Bericht {a.bericht.soort} aan {a.abonnement.audit_label} niet afgeleverd na "
                                   f"{a.pogingen} pogingen: {u.fout}"[:300])
    if not u.gelukt:
        log.info("event delivery %s failed (try %s): %s", a.pk, a.pogingen, u.fout)
    return status


def afleveringen_verstuur(*, nu: datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Every due delivery once (the oldest first): new ones, and retries whose time has come."""
    nu = nu or timezone.now()
    ids = list(Aflevering.objects.filter(status__in=OPEN_STATUSSEN, volgende_poging_op__lte=nu)
               .order_by("volgende_poging_op", "pk").values_list("pk", flat=True)[:limit])
    telling: dict[str, int] = {}
    for pk in ids:
        status = aflevering_verstuur(aflevering_id=pk, nu=nu)
        if status:
            telling[status] = telling.get(status, 0) + 1
    return telling


def berichten_opruimen(*, nu: datetime | None = None) -> int:
    """Messages fanned out longer than ``GEBEURTENISSEN_BEWAAR_DAGEN`` ago (30) with nothing left to send go."""
    nu = nu or timezone.now()
    grens = nu - timedelta(days=int(getattr(settings, "GEBEURTENISSEN_BEWAAR_DAGEN", 30)))
    qs = Bericht.objects.filter(verdeeld_op__lt=grens).exclude(
        Q(afleveringen__status__in=OPEN_STATUSSEN))
    n, _ = qs.delete()
    return n


def gebeurtenissen_verwerk(*, nu: datetime | None = None) -> dict[str, int]:
    """What the worker does after a commit and beat every minute: fan out, send what is due, clear old messages."""
    verdeeld = berichten_verdeel(nu=nu)
    telling = afleveringen_verstuur(nu=nu)
    return {"verdeeld": verdeeld, **telling, "opgeruimd": berichten_opruimen(nu=nu)}


@transaction.atomic
def aflevering_opnieuw(*, aflevering: Aflevering, door) -> Aflevering:
    """The beheerder's 'opnieuw proberen': a failed or waiting delivery is tried at once, with a fresh series of
    tries; an abandoned subscription stays abandoned."""
    a = Aflevering.objects.select_for_update(of=("self",)).select_related("abonnement").get(pk=aflevering.pk)
    if a.status == AfleverStatus.AFGELEVERD:
        raise AbonnementFout("Dit bericht is al afgeleverd.")
    if not a.abonnement.actief:
        raise AbonnementFout("Het abonnement is beëindigd; dit bericht wordt niet meer verstuurd.")
    oud = a.status
    a.status, a.pogingen, a.volgende_poging_op = AfleverStatus.OPNIEUW, 0, timezone.now()
    a.save(update_fields=["status", "pogingen", "volgende_poging_op"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=a, wijzigingen={"status": [oud, a.status]},
              omschrijving="Opnieuw proberen (beheerder)")
    _verstuur_na_commit()
    return a
