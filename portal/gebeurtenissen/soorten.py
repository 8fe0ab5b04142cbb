"""The kinds of event (issue #21 §4) and how each becomes a CloudEvents ``type`` (NL GOV profile: reverse-DNS)."""

from django.utils.translation import gettext_lazy as _

TYPE_PREFIX = "nl.passendportaal"

SOORTEN = {
    "zaak.geopend": _("Een zaak is geopend"),
    "zaak.status-gewijzigd": _("De status van een zaak is gewijzigd"),
    "besluit.ondertekend": _("Een besluit is ondertekend en bekendgemaakt"),
    "termijn.verlopen": _("Een wettelijke termijn is verlopen"),
    "thuiszitter.alarm": _("Alarm: een thuiszitter zit langer dan 3 maanden thuis (F-3)"),
}


def cloudevent_type(soort: str) -> str:
    """``zaak.geopend`` → ``nl.passendportaal.zaak.geopend``."""
    return f"{TYPE_PREFIX}.{soort}"


def keuzes() -> list[tuple[str, str]]:
    return [(code, f"{code} — {naam}") for code, naam in SOORTEN.items()]
