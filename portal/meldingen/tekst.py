"""Stored texts that do not freeze a language (issue #8): a message is a Dutch msgid with
``%(name)s`` placeholders plus typed parameters, put into words when it is shown — in the reader's
language, dates in that language's format."""

from datetime import date, datetime

from django.utils import formats, timezone
from django.utils.translation import gettext

from portal.basis.typed_json import Vertaalbaar


def waarde(v):
    if isinstance(v, datetime):
        return formats.date_format(timezone.localtime(v) if timezone.is_aware(v) else v, "DATETIME_FORMAT")
    if isinstance(v, date):
        return formats.date_format(v, "l j F Y")
    if isinstance(v, Vertaalbaar):
        return v.vertaald()
    return "" if v is None else str(v)


def weergave(msgid: str, gegevens: dict | None) -> str:
    tekst = gettext(msgid) if msgid else ""
    if not gegevens:
        return tekst
    try:
        return tekst % {k: waarde(v) for k, v in gegevens.items()}
    except (KeyError, ValueError, TypeError):
        return tekst
