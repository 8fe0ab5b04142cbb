"""The pupil's own voice by age (DOMAIN §2), shared by every case kind that hears the pupil.

* below 12: the parents act; the pupil's view is asked and entered on the pupil's behalf by the school, marked
  as such (B-7);
* from 12, with an own account: the pupil sees their own OPP and support and gives their own view (B-7; the
  geschillencommissie hears pupils from 12);
* from 18: the pupil is the party (BW 1:233, 1:245: gezag ends at 18) and acts for themselves — the instemming on
  the OPP's handelingsdeel (B-4; WEC 41a lid 2: "de meerderjarige en handelingsbekwame leerling"), consent, bezwaar,
  klacht, geschil, Wgbh/cz requests — unless a court put them under curatele or mentorschap:
  - curatele: the curator acts in every matter; the pupil is not handelingsbekwaam (BW 1:378, 1:381);
  - mentorschap: the mentor acts in matters of care and begeleiding (BW 1:453), the pupil in everything else;
  - beschermingsbewind: the bewindvoerder acts only for money (BW 1:438): never in the portal's matters.
  The parents of an adult pupil read only with the pupil's consent (``InzageOuder``), or where the pupil is not
  handelingsbekwaam (they keep reading as before; WEC 41 lid 7 gives the parents of such a pupil inzage).

Case kinds build their access rules and checks from these pieces, so the ages and the representation live in one
place: ``wie_handelt`` (who acts for the pupil in a matter), ``handelt_voor`` / ``handelt_q`` (does this user), and
``kinderen_q`` (whose cases a family member may read).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.leerlingen.models import (
    MEERDERJARIG,
    Gezag,
    Leerling,
    Vertegenwoordiging,
    VertegenwoordigingSoort,
    gezin_leerling_q,
    in_een_van,
    meerderjarig_grens,
)
from portal.zaken import registry

HOORRECHT_LEEFTIJD = 12  # own account, own view (DOMAIN §2; B-7)
# MEERDERJARIG (18): acts for themselves (DOMAIN §2; B-4) — in portal.leerlingen.models, with the family's reading rule


# The matters a case is about (BW 1:453): a mentor acts only in matters of care and begeleiding.
ONDERWERP_ALGEMEEN = "algemeen"
ONDERWERP_BEGELEIDING = "begeleiding"
ONDERWERPEN = (ONDERWERP_ALGEMEEN, ONDERWERP_BEGELEIDING)

# The relations (``portal.zaken.services.relaties``) that act for the pupil: a parent with gezag over a minor, the
# adult pupil for themselves, their curator or mentor. "ouder_inzage" only reads.
HANDELT = registry._NAMENS_LEERLING  # ("ouder", "meerderjarige", "vertegenwoordiger")

_VERTEGENWOORDIGT = {
    VertegenwoordigingSoort.CURATOR: ONDERWERPEN,
    VertegenwoordigingSoort.MENTOR: (ONDERWERP_BEGELEIDING,),
    VertegenwoordigingSoort.BEWINDVOERDER: (),
}


def _grens(op: date | None) -> date:
    """Born on or before this day: 18 or older on ``op``."""
    return meerderjarig_grens(op)


def _soorten_voor(onderwerp: str) -> list[str]:
    return [s for s, onderwerpen in _VERTEGENWOORDIGT.items() if onderwerp in onderwerpen]


def kinderen_q(user, veld: str = "leerling_id") -> Q:
    """Cases a family member may read (``gezin_leerling_q``): parents of a minor with gezag, the adult pupil, their
    representative, and parents whose adult child allows it. A list of pupils read once per version of the account
    and per day (issue #23 §2), so two parents never duplicate rows."""
    from .toegang import gezin_lees_ids

    return Q(**{f"{veld}__in": gezin_lees_ids(user)})


@dataclass(frozen=True)
class Handelaars:
    """Who acts for the pupil in one matter, on one day."""

    soort: str  # "ouders" | "leerling" | "curator" | "mentor"
    personen: list = field(default_factory=list)

    @property
    def ouders(self) -> bool:
        return self.soort == "ouders"

    @property
    def label(self) -> str:
        return {"ouders": _("de ouders"), "leerling": _("de leerling zelf"), "curator": _("de curator"),
                "mentor": _("de mentor")}[self.soort]


def vertegenwoordigingen(leerling, op: date | None = None) -> list:
    """The court measures in force for the pupil (read once per call; callers that loop prefetch)."""
    cache = getattr(leerling, "_prefetched_objects_cache", {}).get("vertegenwoordigingen")
    op = op or timezone.localdate()
    if cache is not None:
        return [v for v in cache if v.van <= op and (v.tot is None or v.tot >= op)]
    return list(leerling.vertegenwoordigingen.actief(op).select_related("vertegenwoordiger"))


def handelingsbekwaam(leerling, op: date | None = None) -> bool:
    """Adult and not under curatele (BW 1:381: curatele makes a person handelingsonbekwaam; mentorschap and bewind
    do not)."""
    return is_meerderjarig(leerling, op) and not any(
        v.soort == VertegenwoordigingSoort.CURATOR for v in vertegenwoordigingen(leerling, op))


def wie_handelt(leerling, *, onderwerp: str = ONDERWERP_ALGEMEEN, op: date | None = None) -> Handelaars:
    """Who acts for ``leerling`` in a matter of ``onderwerp`` on ``op``: the parents with gezag for a minor; from 18 the
    pupil, unless a curator (every matter) or a mentor (care and begeleiding) acts for them (DOMAIN §2, B-4)."""
    if onderwerp not in ONDERWERPEN:
        raise ValueError(onderwerp)
    if not is_meerderjarig(leerling, op):
        return Handelaars("ouders", [g.ouder for g in leerling.gezag.select_related("ouder").order_by("pk")])
    for soort in _soorten_voor(onderwerp):
        wie = [v.vertegenwoordiger for v in vertegenwoordigingen(leerling, op) if v.soort == soort]
        if wie:
            return Handelaars(str(soort), wie)
    return Handelaars("leerling", [leerling.account] if leerling.account_id else [])


def handelt_voor(user, leerling, *, onderwerp: str = ONDERWERP_ALGEMEEN, op: date | None = None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return any(p.pk == user.pk for p in wie_handelt(leerling, onderwerp=onderwerp, op=op).personen)


def handelt_q(user, *, veld: str = "leerling_id", onderwerp: str = ONDERWERP_ALGEMEEN, op: date | None = None) -> Q:
    """Cases in which ``user`` acts for the pupil (``wie_handelt`` as a query): the parents of a minor, the adult pupil
    without a representative for the matter, the representative for the matters they cover."""
    grens = _grens(op)
    soorten = _soorten_voor(onderwerp)
    vertegenwoordigd = Vertegenwoordiging.objects.actief(op).filter(soort__in=soorten).values("leerling_id")
    minderjarig = Gezag.objects.filter(ouder=user, leerling__geboortedatum__gt=grens).values("leerling_id")
    zelf = (Leerling.objects.filter(account=user, geboortedatum__lte=grens)
            .exclude(pk__in=vertegenwoordigd).values("pk"))
    vertegenwoordiger = (Vertegenwoordiging.objects.actief(op).filter(vertegenwoordiger=user, soort__in=soorten)
                         .values("leerling_id"))
    return in_een_van(veld, minderjarig, zelf, vertegenwoordiger)


def relaties_gezin(user, leerling, *, onderwerp: str = ONDERWERP_ALGEMEEN, op: date | None = None) -> set[str]:
    """The family relations of ``user`` to a case of ``leerling`` (the core's ``relaties`` adds them):
    "ouder" (a parent with gezag over a minor: acts), "meerderjarige" (the adult pupil acting for themselves),
    "vertegenwoordiger" (their curator or mentor, in the matters they cover), "ouder_inzage" (a parent of an adult
    pupil who may read), and "leerling" (the pupil's own account, any age)."""
    out = set()
    if user is None or not user.is_authenticated:
        return out
    if leerling.account_id == user.pk:
        out.add("leerling")
    meerderjarig = is_meerderjarig(leerling, op)
    if not meerderjarig:
        if leerling.gezag.filter(ouder=user).exists():
            out.add("ouder")
        return out
    handelaars = wie_handelt(leerling, onderwerp=onderwerp, op=op)
    if any(p.pk == user.pk for p in handelaars.personen):
        out.add("meerderjarige" if handelaars.soort == "leerling" else "vertegenwoordiger")
    elif any(v.vertegenwoordiger_id == user.pk and v.soort != VertegenwoordigingSoort.BEWINDVOERDER
             for v in vertegenwoordigingen(leerling, op)):
        out.add("vertegenwoordiger_inzage")
    inzage = leerling.inzage_ouders.filter(ouder=user, ingetrokken_op__isnull=True).exists()
    if inzage or (not handelingsbekwaam(leerling, op) and leerling.gezag.filter(ouder=user).exists()):
        out.add("ouder_inzage")
    return out


def leerling_vanaf_q(user, leeftijd: int = HOORRECHT_LEEFTIJD, prefix: str = "leerling__", op: date | None = None) -> Q:
    """Cases of the user's own pupil record once the pupil is ``leeftijd`` or older on ``op`` (today)."""
    from portal.termijnen import dates

    grens = dates.verjaardag(op or timezone.localdate(), -leeftijd)
    if op is None and user.is_authenticated:  # today: the own pupil records, kept per account version and day
        from .toegang import eigen_leerlingen

        return Q(**{f"{prefix}id__in": [pk for pk, geb in eigen_leerlingen(user) if geb <= grens.isoformat()]})
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


def leerlingen_waarvoor(user, *, onderwerp: str = ONDERWERP_ALGEMEEN, op: date | None = None):
    """The pupils for whom ``user`` acts in a matter of ``onderwerp`` (to choose from when filing a klacht, bezwaar or
    geschil): the parents' minor children, the adult pupil themselves, the pupils a curator or mentor represents."""
    return Leerling.objects.filter(handelt_q(user, veld="pk", onderwerp=onderwerp, op=op))


def leerlingen_gezin(user, op: date | None = None):
    """The pupils whose cases ``user`` may read as family (``gezin_leerling_q``)."""
    return Leerling.objects.filter(gezin_leerling_q(user, veld="pk", op=op))


def onderwerp_van(zaak) -> str:
    """The matter of a case: its kind's (``Zaaktype.onderwerp``), or — for a case that contests a decision (a bezwaar,
    a geschil) — the matter of the contested case: a bezwaar against a TLV decision is a matter of begeleiding, in
    which a mentor acts (BW 1:453)."""
    besluit_id = getattr(zaak, "betreft_besluit_id", None)
    if not besluit_id:
        return zaak.type.onderwerp
    if not hasattr(zaak, "_onderwerp"):  # one query per case object, whatever asks
        from portal.zaken.models import Zaak

        code = Zaak.objects.filter(besluiten__pk=besluit_id).values_list("zaaktype", flat=True).first()
        zaak._onderwerp = registry.zaaktype(code).onderwerp if code and code != zaak.zaaktype else zaak.type.onderwerp
    return zaak._onderwerp
