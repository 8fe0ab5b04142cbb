"""Which callback URLs the portal will call (issue #21 §4), and the signing secrets at rest.

A callback URL is chosen by an organisation's system, so it must not turn the worker into a way into the portal's own
network (SSRF): https only, no user name or password in it, and every address its host resolves to must be a public
one — no loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254.169.254: the cloud metadata service),
carrier-grade NAT, multicast or reserved address, no ``localhost``, ``*.internal`` or ``*.local`` name. The worker
checks again before each delivery (an address can change after the subscription) and never follows a redirect.

Only with ``GEBEURTENISSEN_LOKAAL_TOESTAAN`` (default: ``DEBUG``) is ``http://127.0.0.1:<port>`` (or localhost)
accepted: a developer's receiver, or the one the tests start.
"""

import base64
import hashlib
import ipaddress
import secrets
import socket
from urllib.parse import urlsplit

from django.conf import settings

VERBODEN_NAMEN = ("localhost", "metadata", "metadata.google.internal")
VERBODEN_ACHTER = (".localhost", ".local", ".internal", ".localdomain", ".lan", ".home.arpa")
LOKAAL = {"127.0.0.1", "localhost", "::1"}


def lokaal_toegestaan() -> bool:
    return bool(getattr(settings, "GEBEURTENISSEN_LOKAAL_TOESTAAN", settings.DEBUG))


def _adres_fout(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def url_fout(url: str, *, dns: bool = True) -> str | None:
    """None when the portal may send to ``url``; otherwise why not, in Dutch (for the field ``url``)."""
    url = (url or "").strip()
    if not url:
        return "Vul de URL in waar de berichten heen moeten."
    if len(url) > 500:
        return "Deze URL is te lang (hoogstens 500 tekens)."
    try:
        delen = urlsplit(url)
        host = (delen.hostname or "").lower().rstrip(".")
        poort = delen.port
    except ValueError:
        return "Dit is geen geldige URL."
    if delen.scheme not in ("https", "http") or not host:
        return "Geef een volledige URL, die begint met https://."
    if delen.username is not None or delen.password is not None:
        return "Zet geen gebruikersnaam of wachtwoord in de URL; de berichten zijn ondertekend."
    if delen.fragment:
        return "Een URL met een # erin kan niet."
    if lokaal_toegestaan() and delen.scheme == "http" and host in LOKAAL:
        return None  # a developer's or the tests' own receiver
    if delen.scheme != "https":
        return "Gebruik https: de berichten gaan versleuteld over het internet."
    if host in VERBODEN_NAMEN or host.endswith(VERBODEN_ACHTER):
        return "Dit adres is niet toegestaan: het wijst naar een intern netwerk."
    try:
        letterlijk = ipaddress.ip_address(host)
    except ValueError:
        letterlijk = None
    if letterlijk is not None:
        return "Dit adres is niet toegestaan: het wijst naar een intern netwerk." if _adres_fout(letterlijk) else None
    if not dns:
        return None
    try:
        adressen = {info[4][0] for info in socket.getaddrinfo(host, poort or 443, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError):
        return "De server in deze URL is niet te vinden. Controleer de naam."
    for adres in adressen:
        try:
            ip = ipaddress.ip_address(adres.split("%", 1)[0])
        except ValueError:
            return "Dit adres is niet toegestaan."
        if _adres_fout(ip):
            return "Dit adres is niet toegestaan: het wijst naar een intern netwerk."
    return None


# --- the signing secret -----------------------------------------------------------------------------------------

def nieuw_geheim() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _fernet():
    from cryptography.fernet import Fernet

    sleutel = hashlib.sha256(b"portal.gebeurtenissen:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(sleutel))


def versleutel(geheim: str) -> str:
    """The secret must be readable to sign with (HMAC), so it is not hashed but encrypted with a key derived from
    ``SECRET_KEY``: a copy of the database alone does not give it away."""
    return _fernet().encrypt(geheim.encode()).decode()


def ontsleutel(versleuteld: str) -> str:
    return _fernet().decrypt(versleuteld.encode()).decode()
