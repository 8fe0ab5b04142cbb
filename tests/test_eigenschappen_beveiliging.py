"""Issue #19, SECURITY.md: the protections every page has — CSRF on every POST, the strict CSP and the other response
headers — shown with the real middleware (the test client skips CSRF checks unless asked to enforce them)."""

from datetime import date as d

import pytest
from django.test import Client
from django.urls import reverse

from .factories import PASSWORD


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def test_a_post_without_the_csrf_token_is_refused_and_stores_nothing(world, csrf_client):
    from aanmelding.models import Aanmelding

    csrf_client.force_login(world.ouder_a)
    r = csrf_client.post(reverse("aanmelding:nieuw"), {
        "kind": world.kind_a.pk, "school": world.school_a.pk, "gewenste_start": d(2026, 8, 24).isoformat(),
        "ondersteuning": "ja", "voorkeur_positie": "1", "gezag": "on", "brieven": "digitaal"})
    assert r.status_code == 403
    assert not Aanmelding.objects.exists()


def test_the_login_form_needs_the_csrf_token_too(world, csrf_client):
    r = csrf_client.post(reverse("accounts:login"), {"username": world.ouder_a.email, "password": PASSWORD})
    assert r.status_code == 403 and "_auth_user_id" not in csrf_client.session


def test_a_post_with_the_token_of_the_page_goes_through_the_check(world, csrf_client):
    csrf_client.get(reverse("accounts:login"))
    token = csrf_client.cookies["csrftoken"].value
    r = csrf_client.post(reverse("accounts:login"), {"username": world.ouder_a.email, "password": PASSWORD,
                                                     "csrfmiddlewaretoken": token})
    assert r.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/account/inloggen/", "/informatie/", "/.well-known/security.txt"])
def test_every_response_carries_the_strict_csp_and_the_other_headers(client, url):
    r = client.get(url, follow=True)
    csp = r["Content-Security-Policy"]
    regels = dict((d.split(" ", 1) + [""])[:2] for d in (x.strip() for x in csp.split(";")) if d)
    assert regels["default-src"] == "'self'" and regels["script-src"] == "'self'"  # no inline or foreign script
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert regels["object-src"] == "'none'" and regels["frame-ancestors"] == "'none'"
    assert regels["form-action"] == "'self'" and regels["base-uri"] == "'self'"
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin"
    assert r["Cross-Origin-Opener-Policy"] == "same-origin"
