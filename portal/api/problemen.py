"""One error format for the whole API: problem details (RFC 9457, ``application/problem+json``) in Dutch.

Every error — invalid input, 401, 403, 404, 405, 406, 415, 429 and an unexpected 500 — is an object with ``type``
(``about:blank``: the status says it all), ``title`` (the status in Dutch), ``status``, ``detail`` (what went wrong,
in Dutch) and ``instance`` (the path asked for). Invalid input also lists each field in ``invalid-params``
(``name``, ``reason``), as RFC 9457 §3's example does."""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import set_rollback

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"

TITELS = {
    400: "Ongeldig verzoek",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Antwoordformaat niet beschikbaar",
    409: "Conflict",
    415: "Formaat van de invoer niet ondersteund",
    429: "Te veel verzoeken",
    500: "Fout aan de kant van de server",
}

# Dutch details for DRF's own exceptions (their default messages are English or depend on the active language).
DETAILS = {
    exceptions.NotAuthenticated: "Stuur een geldig toegangstoken mee (Authorization: Bearer ...).",
    exceptions.NotFound: "Dit bestaat niet, of deze koppeling mag het niet zien.",
    exceptions.ParseError: "De invoer is geen geldige JSON.",
    exceptions.UnsupportedMediaType: "Stuur de invoer als application/json.",
    exceptions.NotAcceptable: "Vraag om application/json of application/problem+json.",
}


class ProblemRenderer(JSONRenderer):
    """Lets a client ask for ``Accept: application/problem+json``."""

    media_type = MEDIA_TYPE


def probleem(status: int, detail: str, *, request=None, extra: dict | None = None, headers=None) -> Response:
    data = {"type": "about:blank", "title": TITELS.get(status, "Fout"), "status": status, "detail": detail}
    if request is not None:
        data["instance"] = request.path
    data.update(extra or {})
    return Response(data, status=status, headers=headers, content_type=MEDIA_TYPE)


def _velden(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error dict/list as a flat list of {name, reason} (``leerlingen.0``, ``non_field_errors`` → '')."""
    uit = []
    if isinstance(detail, dict):
        for key, waarde in detail.items():
            naam = "" if key in ("non_field_errors", "__all__") else str(key)
            uit += _velden(waarde, f"{prefix}.{naam}" if prefix and naam else (naam or prefix))
    elif isinstance(detail, list):
        if all(not isinstance(x, dict | list) for x in detail):
            uit += [{"name": prefix, "reason": str(x)} for x in detail]
        else:
            for i, x in enumerate(detail):
                if x:
                    uit += _velden(x, f"{prefix}.{i}" if prefix else str(i))
    else:
        uit.append({"name": prefix, "reason": str(detail)})
    return uit


def probleem_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every exception of an API view as a problem detail."""
    request = context.get("request")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages})

    if not isinstance(exc, exceptions.APIException):
        # An unexpected error: logged with its trace, the client gets no internals.
        logger.exception("Onverwachte fout in de API (%s)", getattr(request, "path", "?"), exc_info=exc)
        set_rollback()
        return probleem(500, "Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, "
                             "meld het dan bij de beheerder.", request=request)

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    extra = {}
    status = exc.status_code
    if isinstance(exc, exceptions.ValidationError):
        velden = _velden(exc.detail)
        extra["invalid-params"] = velden
        algemeen = [v["reason"] for v in velden if not v["name"]]
        detail = " ".join(algemeen) if algemeen else "Controleer de invoer: niet alle velden zijn goed ingevuld."
    elif isinstance(exc, exceptions.Throttled):
        wacht = int(exc.wait or 1) if exc.wait is not None else 60
        headers["Retry-After"] = str(wacht)
        detail = f"Deze koppeling stuurt te veel verzoeken. Probeer het over {wacht} seconden opnieuw."
    elif isinstance(exc, exceptions.MethodNotAllowed):
        detail = f"De methode {request.method if request else ''} is hier niet toegestaan.".replace("  ", " ")
    elif isinstance(exc, exceptions.AuthenticationFailed):
        detail = str(exc.detail) if exc.detail != exceptions.AuthenticationFailed.default_detail else \
            "Het toegangstoken is ongeldig of verlopen."
        status = 401
    else:
        detail = next((d for k, d in DETAILS.items() if type(exc) is k), None) or str(exc.detail)
    set_rollback()
    return probleem(status, detail, request=request, extra=extra, headers=headers)
