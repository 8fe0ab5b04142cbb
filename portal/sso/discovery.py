"""A provider's configuration from its discovery document (OpenID Connect Discovery 1.0, §4), cached.

The document must name the same issuer the beheerder configured (§4.3: otherwise an attacker's document could point
the portal at other endpoints). Only what the login needs is kept: the endpoints, the algorithm for the ID token and
whether PKCE with S256 is supported."""

import hashlib
from dataclasses import asdict, dataclass

import requests
from django.conf import settings
from django.core.cache import cache

from .models import Aanbieder

# Signature algorithms mozilla-django-oidc verifies against the provider's JWKS, in order of preference.
ALGORITMEN = ("RS256", "ES256")


class DiscoveryFout(Exception):
    """The provider could not be reached or its discovery document is unusable (message for the log and beheerder)."""


@dataclass(frozen=True)
class Configuratie:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    algoritme: str
    pkce: bool


def _sleutel(issuer: str) -> str:
    return "sso:discovery:" + hashlib.sha256(issuer.encode()).hexdigest()


def _issuer(aanbieder: Aanbieder) -> str:
    return aanbieder.issuer.rstrip("/")


def configuratie(aanbieder: Aanbieder, *, vers: bool = False) -> Configuratie:
    """The provider's configuration; from the cache unless ``vers`` (the admin checks a changed provider afresh)."""
    issuer = _issuer(aanbieder)
    if not vers:
        bewaard = cache.get(_sleutel(issuer))
        if bewaard:
            return Configuratie(**bewaard)
    try:
        r = requests.get(issuer + "/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT,
                         headers={"Accept": "application/json"})
        r.raise_for_status()
        doc = r.json()
    except (requests.RequestException, ValueError) as e:
        raise DiscoveryFout(f"discovery van {issuer} mislukt: {e.__class__.__name__}") from e
    if not isinstance(doc, dict) or str(doc.get("issuer", "")).rstrip("/") != issuer:
        raise DiscoveryFout(f"de discovery van {issuer} noemt een andere issuer ({doc.get('issuer')!r})"
                            if isinstance(doc, dict) else f"de discovery van {issuer} is geen JSON-object")
    ontbreekt = [k for k in ("authorization_endpoint", "token_endpoint", "jwks_uri") if not doc.get(k)]
    if ontbreekt:
        raise DiscoveryFout(f"de discovery van {issuer} mist {', '.join(ontbreekt)}")
    ondersteund = doc.get("id_token_signing_alg_values_supported") or ["RS256"]
    algoritme = next((a for a in ALGORITMEN if a in ondersteund), None)
    if algoritme is None:
        raise DiscoveryFout(f"{issuer} ondertekent ID-tokens niet met {' of '.join(ALGORITMEN)}")
    conf = Configuratie(
        issuer=issuer, authorization_endpoint=doc["authorization_endpoint"], token_endpoint=doc["token_endpoint"],
        jwks_uri=doc["jwks_uri"], userinfo_endpoint=doc.get("userinfo_endpoint") or "", algoritme=algoritme,
        pkce="S256" in (doc.get("code_challenge_methods_supported") or []),
    )
    cache.set(_sleutel(issuer), asdict(conf), settings.SSO_DISCOVERY_SECONDEN)
    return conf


def vergeet(aanbieder: Aanbieder) -> None:
    cache.delete(_sleutel(_issuer(aanbieder)))
