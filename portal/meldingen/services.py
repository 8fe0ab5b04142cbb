"""Notifications: in-app rows exactly once (unique key), e-mail through the outbox at least once.

A notification says what changed and what to do, never support details. Its title and text are Dutch
msgids with typed parameters (see ``tekst.py``), shown in the reader's language; the e-mail is put into
words once, in the recipient's language, when it is queued."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from .models import Notification, OutboxEmail, OutboxStatus
from .tekst import weergave

log = logging.getLogger(__name__)
MAX_POGINGEN = 8


@dataclass(frozen=True)
class NieuweMelding:
    ontvanger_id: int
    ontvanger_email: str
    sleutel: str
    titel: str  # Dutch msgid
    tekst: str  # Dutch msgid with %(name)s placeholders
    url: str
    gegevens: dict | None = None
    taal: str = "nl"


def _mail(m: NieuweMelding) -> tuple[str, str]:
    """Subject and body in the recipient's language."""
    from django.utils.translation import gettext

    link = f"{settings.PORTAL_BASE_URL.rstrip('/')}{m.url}" if m.url else settings.PORTAL_BASE_URL
    with translation.override(m.taal or "nl"):
        titel, tekst = weergave(m.titel, m.gegevens), weergave(m.tekst, m.gegevens)
        bekijk = gettext("Bekijk het in Passend Portaal (na inloggen):")  # outside the f-string: xgettext finds it
        body = (f"{titel}\n\n{tekst}\n\n{bekijk}\n{link}\n\n"
                + gettext("Dit bericht bevat bewust geen gegevens over het kind. U ontvangt het omdat u in Passend "
                          "Portaal bij deze zaak betrokken bent."))
    return titel, body


def _kick() -> None:
    from portal.celery import verstuur

    # The e-mails are outbox rows: with the broker down (issue #19 §3) the request goes on, beat's process_outbox sends
    # them once the broker is back.
    verstuur("portal.meldingen.tasks.process_outbox")  # by name: services never import tasks


def _verstuur_na_commit() -> None:
    """Ask the worker to send the outbox as soon as this transaction commits (once per transaction), so an
    e-mail leaves within seconds instead of waiting for the next beat tick. The beat task stays as the
    safety net; a rolled-back transaction asks nothing."""
    from django.db import connection

    if connection.in_atomic_block and any(entry[1] is _kick for entry in connection.run_on_commit):
        return
    transaction.on_commit(_kick)


def meldingen_maak_bulk(meldingen: list[NieuweMelding], *, email: bool = True) -> list[Notification]:
    """Create the notifications that do not exist yet (by recipient + key), with an outbox e-mail each.
    Call inside the caller's transaction. Returns the rows created now."""
    if not meldingen:
        return []
    sleutels = {m.sleutel for m in meldingen}
    bestaand = set(
        Notification.objects.filter(sleutel__in=sleutels).values_list("ontvanger_id", "sleutel")
    )
    nieuw, gezien = [], set()
    for m in meldingen:
        key = (m.ontvanger_id, m.sleutel)
        if key in bestaand or key in gezien:
            continue
        gezien.add(key)
        nieuw.append(m)
    rows = Notification.objects.bulk_create(
        [Notification(ontvanger_id=m.ontvanger_id, sleutel=m.sleutel, titel=m.titel, tekst=m.tekst,
                      gegevens=m.gegevens or {}, url=m.url)
         for m in nieuw]
    )
    if email:
        mails = []
        for row, m in zip(rows, nieuw, strict=True):
            if m.ontvanger_email:
                onderwerp, tekst = _mail(m)
                mails.append(OutboxEmail(notification=row, aan=m.ontvanger_email, onderwerp=onderwerp[:200], tekst=tekst))
        OutboxEmail.objects.bulk_create(mails)
        if mails:
            _verstuur_na_commit()
    return rows


def melding_stuur(*, ontvangers, sleutel: str, titel: str, tekst: str, gegevens: dict | None = None, url: str = "",
                  email: bool = True) -> list[Notification]:
    """Notify each of ``ontvangers`` (users; see ``ontvangers.py``) once per ``sleutel``, in-app and by
    e-mail. Call inside the transaction of the change it reports."""
    uniek = {u.pk: u for u in ontvangers if u is not None}
    return meldingen_maak_bulk([NieuweMelding(u.pk, u.email, sleutel, titel, tekst, url, gegevens, u.taal)
                                for u in uniek.values()], email=email)


def melding_maak(*, ontvanger, sleutel: str, titel: str, tekst: str, url: str = "", email: bool = True,
                 gegevens: dict | None = None):
    """One notification for one person; nothing when it already exists."""
    try:
        with transaction.atomic():
            rows = meldingen_maak_bulk(
                [NieuweMelding(ontvanger.pk, ontvanger.email, sleutel, titel, tekst, url, gegevens, ontvanger.taal)],
                email=email)
    except IntegrityError:
        return None
    return rows[0] if rows else None


def melding_markeer_gelezen(*, notification: Notification) -> None:
    if notification.gelezen_op is None:
        notification.gelezen_op = timezone.now()
        notification.save(update_fields=["gelezen_op"])


def outbox_verwerk(*, batch: int = 100) -> int:
    """Send waiting e-mails. A row is locked while it is sent (skip_locked: two workers share the
    work); delivery is at-least-once — a crash after sending and before commit sends it again."""
    verstuurd = 0
    while True:
        with transaction.atomic():
            rows = list(
                OutboxEmail.objects.select_for_update(skip_locked=True)
                .filter(status=OutboxStatus.WACHTEND).order_by("aangemaakt_op")[:batch]
            )
            if not rows:
                return verstuurd
            for row in rows:
                try:
                    send_mail(row.onderwerp, row.tekst, None, [row.aan])
                except Exception as exc:  # the SMTP server's trouble must not stop the batch
                    row.pogingen += 1
                    row.laatste_fout = f"{exc.__class__.__name__}: {exc}"[:300]
                    if row.pogingen >= MAX_POGINGEN:
                        row.status = OutboxStatus.MISLUKT
                    log.warning("outbox e-mail %s failed: %s", row.pk, row.laatste_fout)
                else:
                    row.status = OutboxStatus.VERSTUURD
                    row.verstuurd_op = timezone.now()
                    row.pogingen += 1
                    verstuurd += 1
            OutboxEmail.objects.bulk_update(rows, ["status", "pogingen", "laatste_fout", "verstuurd_op"])
            if any(r.status == OutboxStatus.WACHTEND for r in rows):
                return verstuurd  # failures wait for the next run
