"""The authentication backend of single sign-on: mozilla-django-oidc's, with the provider taken from the database
per login instead of from settings (issue #21 §5).

The library does the protocol: the code exchange at the token endpoint (client secret in the Basic header, the PKCE
verifier when the provider supports S256), the ID token's signature against the provider's JWKS, the nonce. This
class adds what the library leaves out — the ID token's issuer, audience and expiry are checked, and the userinfo
must be about the same subject — and decides who the person is:

- staff: a verified e-mail address (``email_verified`` true; Entra ID's ``xms_edov``) of exactly one staff account with a membership in one of
  the provider's organisations; never an account created;
- parents: the account linked to this broker identity; without a link the view asks the parent to confirm the
  e-mail address first.

The outcome for the view is put on the request (``request.sso``): why a login was refused, whether the provider
asserted a second factor. Only the claims in ``constants.GELEZEN_CLAIMS`` are read; the rest (a BSN) is dropped."""

import logging
from dataclasses import dataclass, field

import jwt
import requests
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from . import services
from .constants import AMR_TWEEDE_FACTOR, GELEZEN_CLAIMS, Soort
from .discovery import DiscoveryFout, configuratie
from .geheim import GeheimOnleesbaar
from .models import Aanbieder

log = logging.getLogger(__name__)


class Uitkomst:
    GELUKT = "gelukt"
    FOUT = "fout"  # protocol or network: the person can try again
    ONBEKEND = "onbekend"  # staff: no account with this verified address in the provider's organisations
    NIET_BEVESTIGD = "niet_bevestigd"  # staff: the provider does not vouch for the address
    BEVESTIGEN = "bevestigen"  # parent: no link yet


@dataclass
class SsoResultaat:
    aanbieder: Aanbieder
    uitkomst: str = Uitkomst.FOUT
    tweede_factor: bool = False
    subject_hash: str = ""
    claims: dict = field(default_factory=dict)


def heeft_tweede_factor(claims: dict, aanbieder: Aanbieder) -> bool:
    """Did the provider assert more than a password? ``amr`` (RFC 8176) holds mfa/otp/hwk/sc/mca, or ``acr`` is one
    of the values the beheerder configured as a second factor for this provider."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = amr.split()
    if AMR_TWEEDE_FACTOR & {str(a).lower() for a in amr}:
        return True
    acr = claims.get("acr")
    return bool(acr) and str(acr) in aanbieder.acr_lijst


def _waar(waarde) -> bool:
    return waarde is True or (isinstance(waarde, str) and waarde.lower() == "true")


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates only a callback that names its provider (``request.sso_aanbieder_id``, set by the callback view
    from the login's state); every other ``authenticate()`` call (the password form) passes it by."""

    def __init__(self, *args, **kwargs):
        # The library reads endpoints and client from settings here; they come from the provider per login instead.
        self.UserModel = get_user_model()
        self._config = {}

    def get_settings(self, attr, *args):
        if attr in self._config:
            return self._config[attr]
        return import_from_settings(attr, *args)

    def authenticate(self, request, **kwargs):
        aanbieder_id = getattr(request, "sso_aanbieder_id", None) if request is not None else None
        if aanbieder_id is None or "nonce" not in kwargs:
            return None
        aanbieder = Aanbieder.objects.actief().filter(pk=aanbieder_id).first()
        if aanbieder is None:
            return None
        self.aanbieder = aanbieder
        request.sso = self.resultaat = SsoResultaat(aanbieder=aanbieder)
        try:
            conf = configuratie(aanbieder)
            geheim = aanbieder.geheim()
        except (DiscoveryFout, GeheimOnleesbaar) as e:
            log.warning("SSO %s: %s", aanbieder.slug, e)
            services.weigering_audit(aanbieder=aanbieder, reden="aanbieder niet bereikbaar of niet goed ingesteld")
            return None
        iss = request.GET.get("iss")
        if iss and iss.rstrip("/") != conf.issuer:  # RFC 9207: the answer came from another provider (mix-up)
            services.weigering_audit(aanbieder=aanbieder, reden="het antwoord kwam van een andere aanbieder")
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = conf.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = conf.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = conf.jwks_uri
        self.OIDC_RP_CLIENT_ID = aanbieder.client_id
        self.OIDC_RP_CLIENT_SECRET = geheim
        self.OIDC_RP_SIGN_ALGO = conf.algoritme
        self.OIDC_RP_IDP_SIGN_KEY = None
        self._config = {"OIDC_RP_SCOPES": aanbieder.scopes, "OIDC_TOKEN_USE_BASIC_AUTH": True,
                        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:terug"}
        try:
            user = super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError, KeyError, ValueError) as e:
            log.warning("SSO %s: inloggen mislukt: %s", aanbieder.slug, e.__class__.__name__)
            services.weigering_audit(aanbieder=aanbieder, reden="het antwoord van de aanbieder klopte niet")
            self.resultaat.uitkomst = Uitkomst.FOUT
            return None
        finally:
            self.OIDC_RP_CLIENT_SECRET = ""
        return user

    def get_payload_data(self, token, key):
        """The ID token: signature (against the JWKS key the library found), and also issuer, audience, expiry and
        issue time, which the library does not check."""
        try:
            return jwt.decode(token, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID,
                              issuer=self.aanbieder.issuer.rstrip("/"), leeway=30,
                              options={"require": ["iss", "aud", "exp", "iat", "sub"]})
        except jwt.PyJWTError as e:
            raise SuspiciousOperation(f"ID-token afgewezen: {e.__class__.__name__}") from e

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload) if self.OIDC_OP_USER_ENDPOINT else {}
        if not isinstance(userinfo, dict) or userinfo.get("sub", payload["sub"]) != payload["sub"]:
            raise SuspiciousOperation("userinfo gaat over een ander subject dan het ID-token")
        # Only what the portal needs; amr/acr from the signed ID token, the address from either.
        claims = {k: userinfo[k] for k in ("email", "email_verified", "xms_edov") if k in userinfo}
        claims.update({k: payload[k] for k in GELEZEN_CLAIMS if k in payload and k not in claims})
        claims["sub"] = payload["sub"]
        r = self.resultaat
        if self.aanbieder.soort == Soort.OUDERS:
            user = services.ouder_zoek(aanbieder=self.aanbieder, sub=claims["sub"])
            if user is None:
                r.uitkomst = Uitkomst.BEVESTIGEN
                r.subject_hash = services.subject_hash(aanbieder=self.aanbieder, sub=claims["sub"])
                return None
        else:
            email = claims.get("email")
            if not email or not (_waar(claims.get("email_verified")) or _waar(claims.get("xms_edov"))):
                r.uitkomst = Uitkomst.NIET_BEVESTIGD
                services.weigering_audit(aanbieder=self.aanbieder, reden="geen bevestigd e-mailadres van de aanbieder")
                return None
            user = services.medewerker_zoek(aanbieder=self.aanbieder, email=str(email))
            if user is None:
                r.uitkomst = Uitkomst.ONBEKEND
                services.weigering_audit(aanbieder=self.aanbieder,
                                         reden="geen medewerkersaccount met dit e-mailadres bij de organisaties")
                return None
            r.tweede_factor = heeft_tweede_factor(claims, self.aanbieder)
        r.uitkomst = Uitkomst.GELUKT
        return user

    def get_user(self, user_id):
        # Django's own check (an inactive account's session ends), not the library's bare lookup.
        return ModelBackend.get_user(self, user_id)
