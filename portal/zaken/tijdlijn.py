"""Writing a case's timeline: one line per event (a status change, a letter, a document, a request, a
decision). Below every service that writes one, so none of them imports another to do it."""

from django.utils import timezone

from .models import Gebeurtenis


def gebeurtenis_voeg_toe(*, zaak, soort: str, door=None, gegevens: dict | None = None, voor_ouders: bool = True,
                         op=None) -> Gebeurtenis:
    return Gebeurtenis.objects.create(zaak_id=zaak.pk, soort=soort, door=door if door and door.is_authenticated else None,
                                      gegevens=gegevens or {}, voor_ouders=voor_ouders, op=op or timezone.now())
