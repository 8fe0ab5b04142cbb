"""Reporting a vulnerability: ``/.well-known/security.txt`` (RFC 9116) and the policy page it links to.

The contact comes from the setting ``SECURITY_CONTACT`` (a ``mailto:`` or ``https:`` URI; the environment variable of
the same name), the addresses from ``PORTAL_BASE_URL``, so the file is right on every installation. ``Expires`` is
always less than a year ahead (RFC 9116 §2.5.5 recommends that), counted from today: the file is generated from the
settings the operator maintains, not a copy that goes stale.
"""

from datetime import UTC, datetime, time, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

GELDIG_DAGEN = 180
STANDAARD_CONTACT = "mailto:security@passendportaal.nl"


def contact() -> str:
    return getattr(settings, "SECURITY_CONTACT", "") or STANDAARD_CONTACT


def _basis() -> str:
    return settings.PORTAL_BASE_URL.rstrip("/")


def security_txt_tekst(vandaag=None) -> str:
    vandaag = vandaag or timezone.localdate()
    verloopt = datetime.combine(vandaag + timedelta(days=GELDIG_DAGEN), time(0, 0), tzinfo=UTC)
    regels = [
        f"Contact: {contact()}",
        f"Expires: {verloopt.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {_basis()}/.well-known/security.txt",
        f"Policy: {_basis()}/beveiliging/",
    ]
    return "\n".join(regels) + "\n"


@require_GET
def security_txt(request):
    """RFC 9116 §3: UTF-8 plain text at /.well-known/security.txt, for everyone (no login)."""
    return HttpResponse(security_txt_tekst(), content_type="text/plain; charset=utf-8")


@require_GET
def beveiliging(request):
    """The policy: how to report a vulnerability, and what the reporter may expect."""
    adres = contact().removeprefix("mailto:")
    return render(request, "core/beveiliging.html", {"contact": contact(), "adres": adres})
