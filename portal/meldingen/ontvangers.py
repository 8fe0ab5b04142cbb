"""Who receives a notification: one resolver for every app (issue #7 §6). Addresses are roles at an
organisation, the parents of a pupil, or the signers of a decision (mandate register)."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Q

from portal.accounts.constants import Rol
from portal.accounts.models import Membership


def ouders(leerling, onderwerp: str = "algemeen") -> list:
    """Whoever acts for the pupil, active: the parents with gezag over a minor; from 18 the pupil, or their curator or
    mentor (``portal.zaken.hoorrecht.wie_handelt``; issue #17 §1, Awb 3:41). The name stays: it is the family's
    address."""
    from portal.zaken.hoorrecht import wie_handelt

    return [p for p in wie_handelt(leerling, onderwerp=onderwerp).personen if p.is_active]


def voor_zaak(zaak) -> list:
    """``ouders`` for the matter of ``zaak`` (a mentor hears of the OPP, the adult pupil of a klacht)."""
    from portal.zaken.hoorrecht import onderwerp_van

    return ouders(zaak.leerling, onderwerp_van(zaak))


def leerling_zelf(leerling) -> list:
    return [leerling.account] if leerling.account_id and leerling.account.is_active else []


def leden(*rollen: str, school=None, swv=None, bestuur=None, gemeente=None) -> list:
    """Active users holding one of ``rollen`` at the organisation (IB'ers and directeur by default)."""
    User = get_user_model()
    rollen = rollen or (Rol.IB, Rol.DIRECTEUR)
    q = Q(memberships__rol__in=rollen)
    for veld, org in (("school", school), ("swv", swv), ("bestuur", bestuur), ("gemeente", gemeente)):
        if org is not None:
            q &= Q(**{f"memberships__{veld}": org})
    return list(User.objects.filter(q, is_active=True).distinct())


def ondertekenaars(zaak, besluittype: str | None = None) -> list:
    """Who may sign a decision in ``zaak``: bestuurders of its bevoegd gezag and everyone with a current
    mandate for that kind of decision."""
    from portal.organisaties.models import Mandaat

    User = get_user_model()
    bestuur_id = zaak.school.bestuur_id if zaak.school_id else None
    gezag = Q(bestuur_id=bestuur_id) if bestuur_id else Q(swv_id=zaak.swv_id)
    mandaten = [m for m in Mandaat.objects.geldig().filter(gezag)
                if not m.besluittypen or besluittype is None or besluittype in m.besluittypen]
    bestuurders = Q(memberships__rol=Rol.BESTUURDER) & (
        Q(memberships__bestuur_id=bestuur_id) if bestuur_id else Q(memberships__swv_id=zaak.swv_id))
    return list(User.objects.filter(bestuurders | Q(pk__in=[m.user_id for m in mandaten]), is_active=True).distinct())


def bulk_per_organisatie(school_ids, swv_ids) -> dict:
    """For the sweep, in one query: (school_id, swv_id, rol) -> [(user_id, email, taal)]."""
    out: dict = defaultdict(list)
    if not school_ids and not swv_ids:
        return out
    qs = Membership.objects.filter(user__is_active=True).filter(
        Q(school_id__in=school_ids, rol__in=[Rol.IB, Rol.DIRECTEUR]) | Q(swv_id__in=swv_ids, rol=Rol.SWV))
    for school_id, swv_id, rol, user_id, email, taal in qs.values_list(
            "school_id", "swv_id", "rol", "user_id", "user__email", "user__taal"):
        out[(school_id, swv_id, rol)].append((user_id, email, taal))
    return out
