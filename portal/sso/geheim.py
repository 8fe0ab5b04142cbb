"""The client secrets of the providers, encrypted at rest (Fernet, a key derived from SECRET_KEY): a database dump or
backup does not hand out the secret. The portal needs the secret itself to call the token endpoint, so it cannot be
hashed. A new SECRET_KEY makes the stored secrets unreadable: the beheerder enters them again (the login then says
the provider is not set up correctly)."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


class GeheimOnleesbaar(Exception):
    pass


def _fernet() -> Fernet:
    sleutel = hashlib.sha256(b"portal.sso.client-secret|" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(sleutel))


def versleutel(geheim: str) -> str:
    return _fernet().encrypt(geheim.encode()).decode()


def ontsleutel(versleuteld: str) -> str:
    if not versleuteld:
        raise GeheimOnleesbaar("geen client secret ingesteld")
    try:
        return _fernet().decrypt(versleuteld.encode()).decode()
    except InvalidToken as e:
        raise GeheimOnleesbaar("client secret niet te ontsleutelen (andere SECRET_KEY?)") from e
