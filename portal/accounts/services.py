from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.meldingen.models import OutboxEmail

from .constants import Rol
from .models import Membership, User

VERIFY_SALT = "portal.accounts.email-verify"
VERIFY_MAX_AGE = 3 * 24 * 3600


def _verify_link(user: User) -> str:
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("accounts:verify_email", args=[token])


@transaction.atomic
def ouder_registreer(*, email: str, first_name: str, last_name: str, password: str) -> User | None:
    """Create an inactive parent account and queue the verification mail. An address that already has
    an account gets a mail saying so (the page says the same either way: no account enumeration)."""
    bestaand = User.objects.filter(email__iexact=email).first()
    if bestaand is not None:
        with translation.override(bestaand.taal or "nl"):  # the mail in the account holder's language
            OutboxEmail.objects.create(
                aan=bestaand.email, onderwerp=_("Passend Portaal: u heeft al een account"),
                tekst=_("Iemand probeerde met dit e-mailadres een account te maken, maar u heeft er al een. "
                        "Wachtwoord vergeten? Kies 'Wachtwoord vergeten' op de inlogpagina."),
            )
        return None
    user = User.objects.create_user(email=email, password=password, first_name=first_name, last_name=last_name,
                                    is_active=False)
    Membership.objects.create(user=user, rol=Rol.OUDER)
    # in the language of the page the parent registered on (the active one)
    OutboxEmail.objects.create(
        aan=user.email, onderwerp=_("Passend Portaal: bevestig uw e-mailadres"),
        tekst=_("Welkom bij Passend Portaal.\n\nBevestig uw e-mailadres met deze link (3 dagen geldig):\n%(link)s\n\n"
                "Heeft u geen account aangevraagd? Dan kunt u deze mail negeren.") % {"link": _verify_link(user)},
    )
    audit_log(actor=None, actie=Actie.AANGEMAAKT, obj=user, label=f"Account #{user.pk}", omschrijving="Ouderaccount aangevraagd")
    return user


@transaction.atomic
def ouder_verifieer_email(*, token: str) -> User | None:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    user = User.objects.select_for_update().filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        return None
    if not user.email_geverifieerd_op:
        user.email_geverifieerd_op = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_geverifieerd_op", "is_active"])
        audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=user, label=f"Account #{user.pk}", omschrijving="E-mailadres bevestigd")
    return user
