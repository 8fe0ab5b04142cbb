"""Issue #19, deployment: ``/.well-known/security.txt`` per RFC 9116, and the policy page it points to."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

URL = "/.well-known/security.txt"
VELD = re.compile(r"^([A-Za-z-]+): (.+)$")


def velden(tekst: str) -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}
    for regel in tekst.splitlines():
        if not regel or regel.startswith("#"):
            continue
        m = VELD.match(regel)
        assert m, f"not a field line (RFC 9116 §4): {regel!r}"
        uit.setdefault(m.group(1).lower(), []).append(m.group(2))
    return uit


@pytest.mark.django_db
def test_security_txt_follows_rfc_9116(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.nl"
    r = client.get(URL)
    assert r.status_code == 200
    assert r["Content-Type"] == "text/plain; charset=utf-8"  # §3: text/plain, UTF-8
    assert reverse("core:security_txt") == URL
    v = velden(r.content.decode("utf-8"))
    # §2.5.3 Contact: at least one, a URI
    assert v["contact"] and all(re.match(r"^(mailto:[^@\s]+@[^@\s]+|https://\S+)$", c) for c in v["contact"])
    # §2.5.5 Expires: exactly once, in the future, less than a year ahead, ISO 8601 / RFC 3339
    assert len(v["expires"]) == 1
    verloopt = datetime.strptime(v["expires"][0], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    nu = datetime.now(UTC)
    assert nu < verloopt < nu + timedelta(days=365)
    # §2.5.8 Preferred-Languages: at most once, Dutch first
    assert v["preferred-languages"] == ["nl, en"]
    # §2.5.2 Canonical: the https address where it is served; §2.5.7 Policy: the reporting policy
    assert v["canonical"] == ["https://portal.example.nl/.well-known/security.txt"]
    assert v["policy"] == ["https://portal.example.nl/beveiliging/"]


@pytest.mark.django_db
def test_security_txt_contact_comes_from_the_settings(client, settings):
    settings.SECURITY_CONTACT = "mailto:cert@swv.example.nl"
    v = velden(client.get(URL).content.decode())
    assert v["contact"] == ["mailto:cert@swv.example.nl"]
    body = client.get(reverse("core:beveiliging")).content.decode()
    assert 'href="mailto:cert@swv.example.nl"' in body and "cert@swv.example.nl" in body


@pytest.mark.django_db
def test_security_txt_and_policy_are_public_and_get_only(client):
    assert client.get(URL).status_code == 200  # anonymous: no login page in between
    body = client.get(reverse("core:beveiliging")).content.decode()
    assert "Een beveiligingsprobleem melden" in body and "Binnen 3 werkdagen" in body
    assert client.post(URL).status_code == 405
