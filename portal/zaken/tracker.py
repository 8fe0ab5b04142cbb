"""What waits for whom (issue #7 §5): the parent's running cases with their tracker step and open
requests; the staff member's tasks (decisions to sign, overdue terms, and what apps register)."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.constants import Rol
from portal.termijnen.models import OP_DATUM, Clock

from . import registry
from .models import Verzoek, VerzoekSoort, VerzoekStatus, Zaak


def lopende_zaken(user, leerlingen=None) -> list[tuple[Zaak, registry.Stap | None]]:
    """Running cases about the user's children (or the pupil's own), newest first, each with its step."""
    qs = Zaak.objects.for_user(user).open().select_related("leerling", "school", "swv")
    if leerlingen is not None:
        qs = qs.filter(leerling__in=leerlingen)
    out = []
    for zaak in als_specifiek(list(qs.order_by("-geopend_op")[:50]), met_stappen=True):
        out.append((zaak, zaak.type.stap(zaak) if zaak.type.stap else None))
    return out


def als_specifiek(zaken: list[Zaak], *, met_stappen: bool = False) -> list:
    """The cases as their own kind, one query per kind (not per case), in the same order. ``met_stappen``: with
    what the kinds' tracker steps read (clocks, decisions, requests), a few queries per kind instead of per case."""
    from django.apps import apps

    per_soort: dict[str, list[int]] = {}
    for z in zaken:
        per_soort.setdefault(z.zaaktype, []).append(z.pk)
    gevonden = {}
    for code, ids in per_soort.items():
        model = apps.get_model(registry.zaaktype(code).model)
        qs = model.objects.filter(pk__in=ids).select_related("leerling", "school", "swv")
        if met_stappen:
            qs = qs.prefetch_related("clocks__opschortingen", "besluiten", "verzoeken")
        for obj in qs:
            gevonden[obj.pk] = obj
    return [gevonden.get(z.pk, z) for z in zaken]


def open_verzoeken_ouder(user) -> list[Verzoek]:
    """Requests addressed to the family that the user answers, still open: the parents of a minor, the adult pupil,
    their curator (``hoorrecht.handelt_q``; issue #17 §1)."""
    from .hoorrecht import handelt_q

    return list(Verzoek.objects.open().filter(
        handelt_q(user, veld="zaak__leerling_id"), soort__in=[VerzoekSoort.INFORMATIE_OUDERS, VerzoekSoort.TOESTEMMING])
        .select_related("zaak", "zaak__leerling", "toestemming").order_by("antwoord_uiterlijk", "pk"))


def taken(user) -> list[registry.Taak]:
    """A staff member's tasks: decisions to sign (mandate register), overdue terms of their school(s), and
    what the apps register. Each source costs one query."""
    from .services import besluiten_te_tekenen

    out = [registry.Taak(titel=_("Besluit ondertekenen: %(zaak)s (%(soort)s)") % {
        "zaak": b.zaak.nummer, "soort": b.uitkomst_label}, url=reverse("zaken:ondertekenen", args=[b.pk]),
        soort="ondertekenen") for b in besluiten_te_tekenen(user)[:20]]
    school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if school_ids or user.swv_ids():
        verlopen = (Clock.objects.for_user(user).open().filter(uiterlijk__lt=timezone.localdate())
                    .select_related("zaak").order_by(*OP_DATUM)[:10])  # not the country's due-date index (#23)
        out += [registry.Taak(titel=_("Termijn verlopen: %(naam)s — %(zaak)s") % {"naam": c.naam, "zaak": c.omschrijving},
                              url=c.get_absolute_url(), uiterlijk=c.uiterlijk, soort="verlopen") for c in verlopen]
    if school_ids:
        antwoorden = (Verzoek.objects.filter(zaak__school_id__in=school_ids, status=VerzoekStatus.BEANTWOORD,
                                             beantwoord_op__gte=timezone.localdate() - timedelta(days=7))
                      .filter(~Q(beantwoord_door=None)).select_related("zaak")[:10])
        out += [registry.Taak(titel=_("Antwoord ontvangen: %(zaak)s") % {"zaak": v.zaak.nummer},
                              url=v.zaak.get_absolute_url(), soort="beantwoorden") for v in antwoorden]
    for bron in registry.taak_bronnen():
        out += bron(user)
    return out
