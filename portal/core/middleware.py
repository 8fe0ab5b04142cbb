"""The portal's own "not found" page, also in demo mode (issue #22 §2 item 1).

With ``DEBUG`` on (the demo, a developer's machine) Django answers a not-found page with its technical page: in
English, listing the URL patterns. A parent or pupil who follows a link to something they may not see must get the
portal's own page, in their language, there too. ``TECHNISCHE_404 = True`` (env ``PORTAL_TECHNISCHE_404``) brings
the technical page back for a developer. Without ``DEBUG`` Django already renders ``404.html``; this does nothing."""

from django.conf import settings
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
