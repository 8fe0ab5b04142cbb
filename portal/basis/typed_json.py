"""JSON that keeps its types: dates stay dates, date-times stay date-times (issue #7 §2).

Letter payloads, timeline events and notification parameters are stored as JSON. Plain JSON turns
a ``date`` into a string that has to be guessed back into a date when it is rendered; this codec
tags them instead::

    {"uiterlijk": {"$d": "2026-04-13"}, "ontvangen_op": {"$dt": "2026-03-02T10:00:00+01:00"}}

``{"$t": "…"}`` marks a Dutch msgid that is translated when it is shown, so stored texts never
freeze a language (issue #8, "what users stumbled on" 1).
"""

import json
from datetime import date, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.functional import Promise


class Vertaalbaar(str):
    """A Dutch msgid stored as ``{"$t": msgid}`` and translated when rendered."""

    __slots__ = ()

    def vertaald(self) -> str:
        from django.utils.translation import gettext

        return gettext(str(self))


class TypedJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime):
            return {"$dt": o.isoformat()}
        if isinstance(o, date):
            return {"$d": o.isoformat()}
        if isinstance(o, Decimal):
            return {"$dec": str(o)}
        if isinstance(o, Promise):  # a lazy translation: keep the msgid, translate when shown
            args = getattr(o, "_args", ())
            return {"$t": str(args[0])} if args and isinstance(args[0], str) else str(o)
        return super().default(o)

    def encode(self, o):
        return super().encode(_tag(o))


def _tag(o):
    if isinstance(o, Vertaalbaar):
        return {"$t": str(o)}
    if isinstance(o, dict):
        return {k: _tag(v) for k, v in o.items()}
    if isinstance(o, list | tuple):
        return [_tag(v) for v in o]
    return o


def _hook(obj: dict):
    if len(obj) == 1:
        (k, v), = obj.items()
        if k == "$d":
            return date.fromisoformat(v)
        if k == "$dt":
            return datetime.fromisoformat(v)
        if k == "$dec":
            return Decimal(v)
        if k == "$t":
            return Vertaalbaar(v)
    return obj


class TypedJSONDecoder(json.JSONDecoder):
    def __init__(self, *args, **kwargs):
        kwargs["object_hook"] = _hook
        super().__init__(*args, **kwargs)
