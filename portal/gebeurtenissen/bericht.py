"""A message as it leaves the portal (issue #21 §4): a CloudEvents 1.0 event in structured JSON mode, following the
NL GOV profile for CloudEvents (Logius), signed per Standard Webhooks.

* ``id``: the outbox row's UUID (the same on every retry); ``source``: ``GEBEURTENISSEN_BRON``, a URN in the ``nld``
  namespace naming the organisation and the system; ``type``: reverse-DNS, ``nl.passendportaal.<soort>``;
  ``time``: when the portal recorded the event (the profile's choice), in UTC; ``subject``: the case id;
  ``datacontenttype``: application/json; ``dataref``: the API resource where an entitled system reads the details
  (``informatiearm notificeren``). ``data`` holds ids and kinds only, never personal data.
* Headers ``webhook-id``, ``webhook-timestamp``, ``webhook-signature`` (HMAC-SHA256 over id, timestamp and body).
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from .soorten import cloudevent_type

CONTENT_TYPE = "application/cloudevents+json; charset=utf-8"


def bron() -> str:
    return getattr(settings, "GEBEURTENISSEN_BRON", "urn:nld:passendportaal:systeem:portaal")


def _api_pad_voor_model(label: str) -> str | None:
    """The API prefix whose resource serves ``label`` (``aanmelding.Aanmelding`` → ``aanmeldingen``), found in the
    API's registry (portal.api.registry), so a domain app's resource counts without the core naming it."""
    from portal.api.registry import BRONNEN

    for b in BRONNEN.values():
        model = getattr(getattr(getattr(b.viewset, "serializer_class", None), "Meta", None), "model", None)
        if model is not None and model._meta.label_lower == label.lower():
            return b.prefix
    return None


def _api_url(prefix: str | None, pk) -> str | None:
    if prefix is None or pk is None:
        return None
    return f"{settings.PORTAL_BASE_URL.rstrip('/')}/api/v1/{prefix}/{pk}/"


def dataref(bericht) -> str | None:
    """Where the receiver fetches the details through the API: a clock's own resource for a clock event, else the
    case's (by its kind's model), else none (the case kind has no resource yet)."""
    g = bericht.gegevens or {}
    if bericht.soort == "termijn.verlopen":
        return _api_url(_api_pad_voor_model("termijnen.Clock"), g.get("termijn"))
    if bericht.soort == "besluit.ondertekend" and (pad := _api_pad_voor_model("zaken.Besluit")):
        return _api_url(pad, g.get("besluit"))
    if not bericht.zaaktype:
        return None
    from portal.zaken import registry

    try:
        model = registry.zaaktype(bericht.zaaktype).model
    except KeyError:
        return None
    return _api_url(_api_pad_voor_model(model), bericht.zaak_id)


def cloudevent(bericht):
    from cloudevents.core.v1.event import CloudEvent

    tijd = bericht.tijd if timezone.is_aware(bericht.tijd) else timezone.make_aware(bericht.tijd)
    attributen = {
        "specversion": "1.0",
        "id": str(bericht.id),
        "source": bron(),
        "type": cloudevent_type(bericht.soort),
        "time": tijd.astimezone(UTC),
        "datacontenttype": "application/json",
    }
    if bericht.zaak_id is not None:
        attributen["subject"] = str(bericht.zaak_id)
    if ref := dataref(bericht):
        attributen["dataref"] = ref
    return CloudEvent(attributen, dict(bericht.gegevens or {}))


def body(bericht) -> bytes:
    """The event in structured mode (the whole event, attributes and data, as one JSON document)."""
    from cloudevents.core.bindings.http import to_structured
    from cloudevents.core.formats.json import JSONFormat

    return to_structured(cloudevent(bericht), JSONFormat()).body


def headers(bericht, inhoud: bytes, geheim: str, *, nu: datetime | None = None) -> dict[str, str]:
    """The Standard Webhooks headers (and the content type) for ``inhoud``, signed with ``geheim``."""
    from standardwebhooks import Webhook

    nu = nu or timezone.now()
    msg_id = str(bericht.id)
    return {
        "Content-Type": CONTENT_TYPE,
        "User-Agent": "PassendPortaal-Gebeurtenissen/1.0",
        # who sends (the NL GOV guideline for the webhook pattern, after the CloudEvents HTTP web hook spec)
        "WebHook-Request-Origin": urlsplit(settings.PORTAL_BASE_URL).hostname or "passendportaal",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(nu.timestamp())),
        "webhook-signature": Webhook(geheim).sign(msg_id, nu, inhoud),
    }
