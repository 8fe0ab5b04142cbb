from django.db import models
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    """Who logs in through a provider (issue #21 §5)."""

    MEDEWERKERS = "medewerkers", _("Medewerkers (identiteitsprovider van het bestuur, zoals Entra ID of Google Workspace)")
    OUDERS = "ouders", _("Ouders (DigiD/eHerkenning via een makelaar)")


# RFC 8176 authentication method references that mean more than a password: a login whose `amr` holds one of these
# carries a second factor, and the portal does not ask its own code again (issue #21 §5).
AMR_TWEEDE_FACTOR = frozenset({"mfa", "mca", "otp", "hwk", "sc"})

# The claims the portal reads from a provider. Everything else it is sent (a broker's BSN, a name, an address) is
# dropped on arrival and never reaches the database, the session or the audit trail.
# ``xms_edov`` is Microsoft Entra ID's "e-mail domain owner verified" (an optional claim the tenant adds): Entra ID
# sends no ``email_verified``.
GELEZEN_CLAIMS = ("sub", "email", "email_verified", "xms_edov", "amr", "acr")

# Session keys.
SESSIE_BEVESTIGEN = "sso_bevestigen"  # a broker login waiting for the parent to confirm the e-mail address
SESSIE_AANBIEDER = "sso_aanbieder"  # the provider the current session logged in with (pk)
SESSIE_HERBEVESTIGEN = "sso_herbevestigen"  # the logged-in user confirms an act through the provider (pk)
