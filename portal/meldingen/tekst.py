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


class _Waarden(dict):
    """The parameters as the text uses them: only the placeholders the (translated) text names are put into words —
    the deadline sweep words thousands of notifications with six parameters each, of which a text uses two."""

    def __init__(self, gegevens: dict):
        super().__init__(gegevens)

    def __getitem__(self, sleutel):
        return waarde(super().__getitem__(sleutel))


def weergave(msgid: str, gegevens: dict | None) -> str:
    tekst = gettext(msgid) if msgid else ""
    if not gegevens:
        return tekst
    try:
        return tekst % _Waarden(gegevens)
    except (KeyError, ValueError, TypeError):
        return tekst
