"""The Content-Security-Policy header built once (issue #23 §5, ``portal.core.middleware.CSPMiddleware``): the same
header as django-csp builds, and every per-request change of the policy (a nonce, a view's update) still honoured."""

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as DjangoCSP
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from portal.core.middleware import CSPMiddleware


def _antwoord(request, **attrs):
    r = HttpResponse("ok")
    for k, v in attrs.items():
        setattr(r, k, v)
    return r


def _beide(pad="/", **attrs):
    """The header of the portal's middleware and of django-csp's own, for the same request."""
    uit = []
    for klasse in (CSPMiddleware, DjangoCSP):
        request = RequestFactory().get(pad)
        mw = klasse(lambda r: _antwoord(r, **attrs))
        uit.append((mw(request), request))
    return uit


def test_the_header_is_the_same_as_django_csps(db, client):
    (eigen, _), (basis, _) = _beide()
    assert eigen[HEADER] == basis[HEADER]
    assert "default-src 'self'" in eigen[HEADER] and "frame-ancestors 'none'" in eigen[HEADER]
    assert HEADER_REPORT_ONLY not in eigen
    # the portal serves it on its pages
    assert client.get(reverse("accounts:login"))[HEADER] == basis[HEADER]


def test_a_nonce_or_a_views_change_takes_django_csps_path(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "script-src": ["'self'", NONCE]}}
    request = RequestFactory().get("/")

    def view(r):
        r.csp_nonce.__str__()  # a template asked for a nonce
        return HttpResponse("ok")

    r = CSPMiddleware(view)(request)
    assert f"'nonce-{request._csp_nonce}'" in r[HEADER]
    (eigen, _), (basis, _) = _beide(_csp_update={"img-src": ["https://kaart.example"]})
    assert "https://kaart.example" in eigen[HEADER] and eigen[HEADER] == basis[HEADER]
    (eigen, _), _ = _beide(_csp_exempt=True)
    assert HEADER not in eigen


def test_a_nonce_after_the_header_is_an_error():
    (_, request), _ = _beide()
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)


def test_a_changed_setting_changes_the_header(settings):
    voor = _beide()[0][0][HEADER]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    (eigen, _), (basis, _) = _beide()
    assert eigen[HEADER] == basis[HEADER] == "default-src 'none'" != voor
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"]},
                                                    "EXCLUDE_URL_PREFIXES": ["/api/"]}
    (eigen, _), (basis, _) = _beide()
    assert eigen[HEADER_REPORT_ONLY] == basis[HEADER_REPORT_ONLY] == "default-src 'self'"
    (eigen, _), _ = _beide("/api/v1/")
    assert HEADER_REPORT_ONLY not in eigen
