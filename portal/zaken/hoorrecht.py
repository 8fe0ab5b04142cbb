"""The pupil's own voice by age (DOMAIN §2), shared by every case kind that hears the pupil.

* below 12: the parents act; the pupil's view is asked and entered on the pupil's behalf by the school, marked
  as such (B-7);
* from 12, with an own account: the pupil sees their own OPP and support and gives their own view (B-7; the
  geschillencommissie hears pupils from 12);
* from 18: the pupil acts for themselves — e.g. the instemming on the OPP's handelingsdeel (B-4; WPO 40a,
  WVO 2020 2.44, WEC 41a: "de ouders of de meerderjarige leerling").

Case kinds build their access rules and checks from these pieces, so the ages live in one place.
"""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from portal.leerlingen.models import Gezag
from portal.termijnen import dates

HOORRECHT_LEEFTIJD = 12  # own account, own view (DOMAIN §2; B-7)
MEERDERJARIG = 18  # acts for themselves (DOMAIN §2; B-4)


def kinderen_q(user, veld: str = "leerling_id") -> Q:
    """Cases of children over whom the user holds gezag — as a subquery, so two parents never duplicate rows."""
    return Q(**{f"{veld}__in": Gezag.objects.filter(ouder=user).values("leerling_id")})


def leerling_vanaf_q(user, leeftijd: int = HOORRECHT_LEEFTIJD, prefix: str = "leerling__", op: date | None = None) -> Q:
    """Cases of the user's own pupil record once the pupil is ``leeftijd`` or older on ``op`` (today)."""
    grens = dates.verjaardag(op or timezone.localdate(), -leeftijd)
    return Q(**{f"{prefix}account": user, f"{prefix}geboortedatum__lte": grens})


def leeftijd(leerling, op: date | None = None) -> int:
    return leerling.leeftijd_op(op or timezone.localdate())


def heeft_hoorrecht_account(leerling, op: date | None = None) -> bool:
    """From 12 with an own account: the pupil reads their own pages and gives their own view."""
    return bool(leerling.account_id) and leeftijd(leerling, op) >= HOORRECHT_LEEFTIJD


def is_twaalf_plus(leerling, op: date | None = None) -> bool:
    return leeftijd(leerling, op) >= HOORRECHT_LEEFTIJD


def is_meerderjarig(leerling, op: date | None = None) -> bool:
    return leeftijd(leerling, op) >= MEERDERJARIG


def is_leerling_zelf(user, leerling) -> bool:
    return user is not None and user.is_authenticated and leerling.account_id == user.pk
