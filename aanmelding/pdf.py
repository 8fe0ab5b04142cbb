"""Letters of the aanmelding as PDF (DOMAIN §6): rendered once from the data frozen at creation,
stored privately, served only through a permission-checked view."""

from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.documenten.pdf import render_pdf

from .models import Brief

TEMPLATES = {
    "ontvangstbevestiging": "aanmelding/pdf/ontvangstbevestiging.html",
    "informatieverzoek": "aanmelding/pdf/informatieverzoek.html",
    "verlenging": "aanmelding/pdf/verlenging.html",
    "besluit": "aanmelding/pdf/besluit.html",
    "tijdelijke_inschrijving": "aanmelding/pdf/tijdelijke_inschrijving.html",
}


def _als_datum(gegevens: dict) -> dict:
    out = {}
    for k, v in gegevens.items():
        if isinstance(v, str) and len(v) == 10 and v[4] == "-":
            try:
                v = date.fromisoformat(v)
            except ValueError:
                pass
        elif isinstance(v, str) and len(v) > 18 and v[4] == "-" and "T" in v:
            try:
                v = datetime.fromisoformat(v)
            except ValueError:
                pass
        out[k] = v
    return out


def brief_maak(brief: Brief) -> Brief:
    """Render one waiting letter. Idempotent: a letter that exists is never rendered again."""
    with transaction.atomic():
        brief = Brief.objects.select_for_update().select_related(
            "aanmelding__school__bestuur", "aanmelding__leerling").get(pk=brief.pk)
        if brief.gemaakt_op:
            return brief
        a = brief.aanmelding
        pdf = render_pdf(TEMPLATES[brief.soort], {"brief": brief, "a": a, "school": a.school, "leerling": a.leerling,
                                                  "g": _als_datum(brief.gegevens), "vandaag": timezone.localdate()})
        brief.bestand.save(f"{brief.soort}-{brief.pk}.pdf", ContentFile(pdf), save=False)
        brief.gemaakt_op = timezone.now()
        brief.save(update_fields=["bestand", "gemaakt_op"])
    return brief


def brieven_maak_wachtend(limit: int = 50) -> int:
    n = 0
    for brief in Brief.objects.filter(gemaakt_op__isnull=True).order_by("pk")[:limit]:
        brief_maak(brief)
        n += 1
    return n
