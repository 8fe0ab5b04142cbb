"""Access rules that several case kinds share (one function each, so ``Zaak.objects.for_user`` groups
the kinds that use it into one condition). A kind with other needs writes its own."""

from django.db.models import Q

from portal.accounts.constants import Rol


def ouders(user) -> Q:
    """Parents with gezag over the pupil. A list of pupils read once per version of the account and per day
    (``gezin_lees_ids``, issue #23 §2), never a join: ORed with other conditions a join on ``leerling__gezag`` becomes
    an outer join that returns a case once per parent of the pupil."""
    return Q(leerling_id__in=gezin_lees_ids(user))


def ouders_en_school(user) -> Q | None:
    """Parents with gezag over the pupil, and the IB'er/directeur of the case's school."""
    q = ouders(user)
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    return q


# --- a reader's relations, once per version (issue #23 §2) ------------------------------------------------------

def _bewaard(user, naam: str, maak) -> list[int]:
    """``maak()`` once per version of the account and per day (in the shared cache), and once per request (kept on the
    user object until this process bumps a version or the day changes). Without a shared cache
    (``portal.basis.versie.aan``) once per request only."""
    from django.core.cache import cache
    from django.utils import timezone

    from portal.basis.versie import aan, teller, versie

    vandaag = timezone.localdate().isoformat()
    per_verzoek = user.__dict__.setdefault("_relaties", {})
    eigen = (naam, vandaag, teller())
    if eigen in per_verzoek:
        return per_verzoek[eigen]
    if not aan():
        ids = maak()
    else:
        sleutel = f"relaties:{naam}:{user.pk}:{versie(f'user:{user.pk}')}:{vandaag}"
        ids = cache.get(sleutel)
        if ids is None:
            ids = maak()
            cache.set(sleutel, ids, 24 * 3600)
    per_verzoek[eigen] = ids
    return ids


def gezin_lees_ids(user) -> list[int]:
    """The pupils whose cases ``user`` may read as family (``gezin_leerling_q``: a minor with gezag, an adult child who
    gave inzage or is under curatele, the pupil's own account from 18, the curator or mentor). Which pupils that are
    changes with a gezag link, an inzage, a representation or the pupil's data — each bumps the version of every
    account of the family (portal.zaken.versie) — and with the date (an 18th birthday, a representation that ends)."""
    from portal.leerlingen.models import Leerling, gezin_leerling_q

    return _bewaard(user, "gezin_lees", lambda: sorted(
        Leerling.objects.filter(gezin_leerling_q(user, veld="pk")).values_list("pk", flat=True)))


def gezin_ids(user) -> list[int]:
    """The pupils ``user`` is family of in any way — gezag (minor or adult), inzage given, a representative, the pupil's
    own account — a superset of what the family may read (the access rules decide that): a page that shows a family's
    cases keys its cache on the versions of these pupils. A change to any of these links bumps ``user:<id>``."""
    from portal.leerlingen.models import Gezag, InzageOuder, Leerling, Vertegenwoordiging

    return _bewaard(user, "gezin", lambda: sorted(set(
        Gezag.objects.filter(ouder=user).order_by().values_list("leerling_id", flat=True).union(
            InzageOuder.objects.filter(ouder=user).order_by().values_list("leerling_id", flat=True),
            Vertegenwoordiging.objects.filter(vertegenwoordiger=user).order_by().values_list("leerling_id", flat=True),
            Leerling.objects.filter(account=user).order_by().values_list("pk", flat=True)))))


def eigen_leerlingen(user) -> list[tuple[int, str]]:
    """The pupil records of the user's own account, (pk, birth date ISO) — kept like the family's (a change of the
    record or its account link bumps ``user:<id>``); staff and parents have none, so a rule "the pupil themselves from
    12" costs them no join over every pupil (issue #23 §2)."""
    from portal.leerlingen.models import Leerling

    return _bewaard(user, "eigen", lambda: [(pk, geb.isoformat()) for pk, geb in Leerling.objects.filter(
        account=user).order_by("pk").values_list("pk", "geboortedatum")])
