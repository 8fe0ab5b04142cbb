import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import translation

from portal.basis import talen

TALEN = {code for code, _naam in settings.LANGUAGES}


class TaalMiddleware:
    """The UI language is the user's chosen language — Dutch by default — never the browser's guess
    (issue #8, stumbled 1). Logged in: the account's choice; otherwise the language cookie set by the
    language switch. ``Accept-Language`` is ignored on purpose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        taal = getattr(user, "taal", None) if user is not None and user.is_authenticated else None
        taal = taal or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if taal not in TALEN:
            taal = settings.LANGUAGE_CODE
        # Issue #22 §1: a language of the public pages only (Arabic) elsewhere falls back to Dutch, labelled Dutch;
        # base.html says so in both languages (request.taal_niet_hier).
        request.taal_niet_hier = None
        if talen.alleen_openbaar(taal) and (user is not None and user.is_authenticated or not talen.is_openbaar(request)):
            request.taal_niet_hier, taal = taal, settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        return response


class SessieVerlengMiddleware:
    """A logged-in session expires after ``SESSION_COOKIE_AGE`` without activity (sliding). Saving the session
    on every request would cost a database write per page (issue #14); it is saved (and so extended) at most once
    per ``SESSIE_VERLENG_NA`` seconds, so the idle timeout holds to within that margin. Sits after the session
    middleware, which saves a modified session on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sessie = getattr(request, "session", None)
        if sessie is not None and request.COOKIES.get(settings.SESSION_COOKIE_NAME) and SESSION_KEY in sessie:
            nu = int(time.time())
            if nu - sessie.get("_verlengd", 0) >= settings.SESSIE_VERLENG_NA:
                sessie["_verlengd"] = nu  # marks the session modified: saved with a new expiry
        return self.get_response(request)
