"""The portal's own "not found" page, also in demo mode (issue #22 §2 item 1).

With ``DEBUG`` on (the demo, a developer's machine) Django answers a not-found page with its technical page: in
English, listing the URL patterns. A parent or pupil who follows a link to something they may not see must get the
portal's own page, in their language, there too. ``TECHNISCHE_404 = True`` (env ``PORTAL_TECHNISCHE_404``) brings
the technical page back for a developer. Without ``DEBUG`` Django already renders ``404.html``; this does nothing."""

import csp.middleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect
from django.views.defaults import page_not_found


def _eigen_pagina() -> bool:
    return settings.DEBUG and not getattr(settings, "TECHNISCHE_404", False)


class EigenNietGevondenMiddleware:
    """Sits last in ``MIDDLEWARE``: a view's ``Http404`` (``process_exception``) and an address no URL pattern
    matches (no ``resolver_match``) both get ``404.html`` with status 404. And a helper who opens a case page of a case
    shared with them (``portal.zaken.pagina.NaarGedeeldeZaak``, a 404 otherwise) is sent to the shared page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and _eigen_pagina() and getattr(request, "resolver_match", None) is None:
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request, exception):
        from portal.zaken.pagina import NaarGedeeldeZaak

        if isinstance(exception, NaarGedeeldeZaak) and request.method in ("GET", "HEAD"):
            return redirect(exception.url)  # a helper reads a shared case on the shared page (issue #22 §2 item 6)
        if isinstance(exception, Http404) and _eigen_pagina():
            return page_not_found(request, exception)
        return None



# --- the Content-Security-Policy header, built once (issue #23 §5) ------------------------------------------------

_CSP_PER_ANTWOORD = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")
_CSP_KOP: dict[bool, str] = {}  # report_only -> the header of the settings' policy


def _csp_vast(report_only: bool) -> str:
    if report_only not in _CSP_KOP:
        _CSP_KOP[report_only] = build_policy(report_only=report_only)
    return _CSP_KOP[report_only]


@receiver(setting_changed)
def _csp_instelling_veranderd(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _CSP_KOP.clear()


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the header of the settings' policy built once instead of on every response
    (django-csp copies and joins every directive per response). A request or response that changes the policy — a
    nonce, a view's ``csp_update``/``csp_replace``/``csp_override`` — takes django-csp's own path, unchanged."""

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
                getattr(response, a, None) is not None for a in _CSP_PER_ANTWOORD):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:  # as django-csp: Django's debug pages
            return response
        for kop, report_only, vrij, instelling in ((HEADER, False, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
                                                   (HEADER_REPORT_ONLY, True, "_csp_exempt_ro",
                                                    "CONTENT_SECURITY_POLICY_REPORT_ONLY")):
            waarde = _csp_vast(report_only)
            if not waarde or kop in response or getattr(response, vrij, False):
                continue
            uitgezonderd = (getattr(settings, instelling, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(uitgezonderd)):
                response[kop] = waarde
        # as django-csp: a nonce asked for after the header was written is an error, never silently left out
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response
