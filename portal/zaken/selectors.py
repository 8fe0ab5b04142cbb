"""Reads over every case kind at once, without knowing the apps (issue #7 §1)."""

from django.db.models import Count

from .models import Zaak


def telling(qs=None) -> dict[tuple[str, str], int]:
    """Cases per (kind, status) in one GROUP BY — for dashboards of any organisation."""
    qs = Zaak.objects.all() if qs is None else qs
    return {(r["zaaktype"], r["status"]): r["n"]
            for r in qs.order_by().values("zaaktype", "status").annotate(n=Count("pk"))}


def deelzaak(zaak, zaaktype: str, *, behalve: tuple[str, ...] = ()):
    """The latest case of ``zaaktype`` that belongs to ``zaak`` (``Zaak.hoofdzaak``), as its own kind, skipping
    the statuses in ``behalve`` — e.g. the arrangement the aanmelding offers."""
    gevonden = (Zaak.objects.filter(hoofdzaak=zaak, zaaktype=zaaktype).exclude(status__in=behalve)
                .order_by("-pk").first())
    return gevonden.specifiek if gevonden is not None else None
