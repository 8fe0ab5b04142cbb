from django.conf import settings
from django.utils import translation

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
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        return response
