"""Helpers for the API tests (tests/test_api_*.py): a client for an organisation's system, its token through the
real token endpoint (client credentials), and calls with it."""

import base64

from django.test import Client

from portal.api.services import koppeling_maak

TOKEN_URL = "/api/v1/token/"


def koppeling(*, door=None, scopes=("leerlingen:lezen",), naam="Leerlingadministratie", **organisatie):
    """A client for ``school=``/``bestuur=``/``swv=`` with ``scopes``; returns (koppeling, secret)."""
    return koppeling_maak(naam=naam, door=door, scopes=list(scopes), **organisatie)


def token_voor(k, geheim, *, scope: str | None = None, client: Client | None = None):
    """The token endpoint's answer for client credentials, with HTTP Basic (RFC 6749 §2.3.1)."""
    client = client or Client()
    basic = base64.b64encode(f"{k.application.client_id}:{geheim}".encode()).decode()
    data = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    return client.post(TOKEN_URL, data, HTTP_AUTHORIZATION=f"Basic {basic}")


class Systeem:
    """A test client that calls the API as an organisation's system, with a real bearer token."""

    def __init__(self, k, geheim, scope: str | None = None):
        self.koppeling, self.client = k, Client()
        r = token_voor(k, geheim, scope=scope, client=self.client)
        assert r.status_code == 200, r.content
        self.token = r.json()["access_token"]

    def _h(self, headers):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}", **(headers or {})}

    def get(self, url, data=None, **headers):
        return self.client.get(url, data, **self._h(headers))

    def post(self, url, data, **headers):
        return self.client.post(url, data, content_type="application/json", **self._h(headers))

    def put(self, url, data, **headers):
        return self.client.put(url, data, content_type="application/json", **self._h(headers))

    def delete(self, url, **headers):
        return self.client.delete(url, **self._h(headers))


def systeem(*, scopes=("leerlingen:lezen",), **organisatie) -> Systeem:
    k, geheim = koppeling(scopes=scopes, **organisatie)
    return Systeem(k, geheim)


def is_probleem(r, status: int) -> dict:
    """Assert an RFC 9457 problem detail with this status; return its body."""
    assert r.status_code == status, (r.status_code, r.content[:500])
    assert r["Content-Type"] == "application/problem+json", r["Content-Type"]
    body = r.json()
    assert body["type"] == "about:blank"
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["instance"] == r.wsgi_request.path
    return body
