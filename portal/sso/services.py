"""Every write of single sign-on (issue #21 §5): linking a parent's broker identity, the confirmation e-mail, the
audit lines of logins and refusals. Keyword-only and atomic, like the rest of the portal."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.meldingen.models import OutboxEmail

from .models import Aanbieder, OuderKoppeling

BEVESTIG_SALT = "portal.sso.ouder-bevestigen"
BEVESTIG_MAX_AGE = 60 * 60  # the link works for an hour, in the browser that logged in through the broker
MAX_MAILS_PER_SESSIE = 3


def subject_hash(*, aanbieder: Aanbieder, sub: str) -> str:
    """A keyed hash of the provider's subject: the link works, the subject itself (a BSN with some brokers) is never
    stored. Keyed with SECRET_KEY, so a leaked table cannot be matched against all nine-digit numbers."""
    return salted_hmac("portal.sso.subject", f"{aanbieder.pk}|{sub}", algorithm="sha256").hexdigest()


def medewerker_zoek(*, aanbieder: Aanbieder, email: str):
    """The one active staff account with this e-mail address and a membership in one of the provider's organisations
    (a board: its own members and the staff of its schools; an SWV: its staff). None when there is none, or more
    than one."""
    User = get_user_model()
    besturen = list(aanbieder.besturen.values_list("pk", flat=True))
    swvs = list(aanbieder.samenwerkingsverbanden.values_list("pk", flat=True))
    if not (besturen or swvs):
        return None
    org = Q(memberships__bestuur__in=besturen) | Q(memberships__school__bestuur__in=besturen) | Q(memberships__swv__in=swvs)
    kandidaten = list(User.objects.filter(org, email__iexact=email.strip(), is_active=True).distinct()[:2])
    if len(kandidaten) != 1 or not kandidaten[0].vereist_2fa:
        return None
    return kandidaten[0]


def ouder_zoek(*, aanbieder: Aanbieder, sub: str):
    """The account linked to this broker identity, if any (and still active)."""
    koppeling = (OuderKoppeling.objects.select_related("user")
                 .filter(aanbieder=aanbieder, subject_hash=subject_hash(aanbieder=aanbieder, sub=sub)).first())
    if koppeling is None or not koppeling.user.is_active:
        return None
    OuderKoppeling.objects.filter(pk=koppeling.pk).update(laatst_gebruikt_op=timezone.now())
    return koppeling.user


def kan_koppelen(user) -> bool:
    """Only accounts without the staff second factor (parents, pupils) log in through a broker."""
    return user is not None and user.is_active and not user.vereist_2fa


@transaction.atomic
def ouder_koppel(*, aanbieder: Aanbieder, subject_hash: str, user, via: str) -> OuderKoppeling:
    """Link a broker identity to the account. An earlier link of the same account with this provider is replaced
    (a new DigiD), and so is one of this identity with another account (the person confirmed this one)."""
    if not kan_koppelen(user):
        raise ValueError("alleen ouder- en leerlingaccounts worden aan een makelaar gekoppeld")
    OuderKoppeling.objects.filter(Q(aanbieder=aanbieder) & (Q(user=user) | Q(subject_hash=subject_hash))).delete()
    koppeling = OuderKoppeling.objects.create(aanbieder=aanbieder, subject_hash=subject_hash, user=user)
    audit_log(actor=user, actie=Actie.AANGEMAAKT, obj=koppeling,
              omschrijving=f"Inloggen via {aanbieder.naam} gekoppeld ({via})")
    return koppeling


def _bevestig_link(*, aanbieder: Aanbieder, hash_: str, user, nonce: str) -> str:
    token = signing.dumps({"a": aanbieder.pk, "h": hash_, "u": user.pk, "n": nonce}, salt=BEVESTIG_SALT, compress=True)
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("sso:bevestig_link", args=[token])


@transaction.atomic
def bevestiging_stuur(*, aanbieder: Aanbieder, subject_hash: str, email: str, nonce: str) -> bool:
    """Mail a confirmation link to ``email`` when it belongs to an account that may log in through a broker. The
    page says the same either way (no account enumeration). True when a mail was queued."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email.strip()).first()
    if not kan_koppelen(user):
        return False
    link = _bevestig_link(aanbieder=aanbieder, hash_=subject_hash, user=user, nonce=nonce)
    with translation.override(user.taal or "nl"):  # the mail in the account holder's language
        OutboxEmail.objects.create(
            aan=user.email, onderwerp=_("Passend Portaal: bevestig uw e-mailadres"),
            tekst=_("U logde in bij Passend Portaal met %(aanbieder)s. Klik op deze link om dat te koppelen aan uw "
                    "account. Open de link in dezelfde browser. De link werkt een uur.\n\n%(link)s\n\nDeed u dit "
                    "niet? Dan hoeft u niets te doen. Er verandert niets aan uw account.")
            % {"aanbieder": aanbieder.naam, "link": link},
        )
    audit_log(actor=None, actie=Actie.SYSTEEM, obj=user, label=f"Account #{user.pk}",
              omschrijving=f"Link gestuurd om inloggen via {aanbieder.naam} te koppelen")
    return True


class LinkOngeldig(Exception):
    pass


def bevestiging_lees(*, token: str, nonce: str | None) -> tuple[Aanbieder, str, object]:
    """The provider, subject hash and account of a confirmation link. The link must be opened in the browser that
    logged in through the broker (``nonce`` from its session): someone who logs in with their own DigiD and types
    another's address cannot get that account linked by a click of its owner."""
    try:
        data = signing.loads(token, salt=BEVESTIG_SALT, max_age=BEVESTIG_MAX_AGE)
    except signing.SignatureExpired as e:
        raise LinkOngeldig(_("Deze link is verlopen. Log opnieuw in en vraag een nieuwe link.")) from e
    except signing.BadSignature as e:
        raise LinkOngeldig(_("Deze link klopt niet. Gebruik de link uit de laatste e-mail.")) from e
    if not nonce or not secrets.compare_digest(str(data.get("n", "")), nonce):
        raise LinkOngeldig(_("Open de link in dezelfde browser waarmee u net inlogde. Of log opnieuw in en vraag een "
                             "nieuwe link."))
    aanbieder = Aanbieder.objects.actief().filter(pk=data.get("a")).first()
    user = get_user_model().objects.filter(pk=data.get("u")).first()
    if aanbieder is None or not kan_koppelen(user):
        raise LinkOngeldig(_("Deze link werkt niet meer. Log opnieuw in."))
    return aanbieder, data["h"], user


def login_audit(*, user, aanbieder: Aanbieder, tweede_factor: bool) -> None:
    omschrijving = f"Ingelogd via {aanbieder.naam} (OpenID Connect)"
    if tweede_factor:
        omschrijving += ", tweede factor door de aanbieder"
    audit_log(actor=user, actie=Actie.INGELOGD, obj=user, label=f"Account #{user.pk}", omschrijving=omschrijving)


def weigering_audit(*, aanbieder: Aanbieder, reden: str) -> None:
    """A refused or failed login through a provider: who it was is not known to the portal (no e-mail address, no
    subject is written down)."""
    audit_log(actor=None, actie=Actie.SYSTEEM, obj=aanbieder, omschrijving=f"Inloggen geweigerd: {reden}")
