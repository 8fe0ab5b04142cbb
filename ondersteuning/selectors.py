"""Reads of the ondersteuningsaanbod, always scoped (STYLE §2): who may see which arrangement, sheet and request,
and the lists per role."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.leerlingen.models import Groep, Inschrijving, Invalbeurt, Leerling, schooljaar_van
from portal.termijnen.models import Clock
from portal.zaken.hoorrecht import is_twaalf_plus  # noqa: F401 (used as selectors.is_twaalf_plus by the views)
from portal.zaken.hoorrecht import kinderen_q as _kinderen_q
from portal.zaken.hoorrecht import leerling_vanaf_q as leerling_twaalf_plus_q  # from 12 (DOMAIN §2)
from portal.zaken.inzage import inzage_q

from .constants import BladStatus, Status
from .models import Aanpassingenblad, Aanpassingsverzoek, Arrangement, BladVersie, Kennisname, Onderdeel


def arrangement_toegang(user) -> Q | None:
    """Who sees an arrangement (issue #9, Access): parents with gezag, the pupil from 12, the IB'er/directeur of
    the case's school, and SWV staff only when their SWV funds or provides a part. Teachers do not (they see the
    sheet); care providers do not (what they need reaches them through the parents). SWV staff also while a TLV
    application for the pupil is with their SWV (issue #12, through ``portal.zaken.inzage``)."""
    q = _kinderen_q(user) | leerling_twaalf_plus_q(user) | inzage_q(user, "arrangement")
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    swv_ids = user.swv_ids()
    if swv_ids:
        q |= Q(pk__in=Onderdeel.objects.filter(swv_id__in=swv_ids).values("arrangement_id"))
    return q


def aanpassing_toegang(user) -> Q | None:
    """A request for an adjustment: the parents, the pupil from 12, and the school asked."""
    q = _kinderen_q(user) | leerling_twaalf_plus_q(user)
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    return q


# --- teachers and the sheet ---------------------------------------------------------------------------------

def groepen_van(leerling, school, op=None):
    return Groep.objects.filter(school=school, schooljaar=schooljaar_van(op), leerlingen=leerling)


def leerkrachten_van(leerling, school, op=None) -> list:
    """Every teacher who must know the pupil's sheet now: the teachers of the pupil's groups this school year
    (still leerkracht at the school) and the substitutes of those groups whose period runs today."""
    from django.contrib.auth import get_user_model

    op = op or timezone.localdate()
    groepen = groepen_van(leerling, school, op).values("pk")
    User = get_user_model()
    vast = Q(groepen__in=groepen)
    inval = Q(pk__in=Invalbeurt.objects.actief(op).filter(groep__in=groepen).values("leerkracht_id"))
    return list(User.objects.filter(vast | inval, is_active=True, memberships__rol=Rol.LEERKRACHT,
                                    memberships__school=school).distinct().order_by("last_name", "first_name"))


def blad_toegang(user, op=None) -> Q:
    """Who sees a sheet: parents, the pupil from 12, the school's IB'er/directeur, and its teachers now."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    q = _kinderen_q(user) | leerling_twaalf_plus_q(user)
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    if user.school_ids(Rol.LEERKRACHT):
        # Per school: a teacher sees the sheet of their pupils at the school they teach for.
        op = op or timezone.localdate()
        groepen = Groep.objects.filter(schooljaar=schooljaar_van(op), school_id__in=user.school_ids(Rol.LEERKRACHT)).filter(
            Q(leerkrachten=user) | Q(pk__in=Invalbeurt.objects.actief(op).filter(leerkracht=user).values("groep_id")))
        q |= Exists(groepen.filter(school_id=OuterRef("school_id"), leerlingen=OuterRef("leerling_id")))
    return q


def is_leerkracht_van(user, blad, op=None) -> bool:
    return any(u.pk == user.pk for u in leerkrachten_van(blad.leerling, blad.school, op))


def bladen_voor(user):
    return Aanpassingenblad.objects.filter(blad_toegang(user)).select_related("leerling", "school")


def geldende_versie(blad) -> BladVersie | None:
    return blad.versies.filter(status=BladStatus.GELDT).prefetch_related("afspraken").first()


def te_bevestigen_voor_leerkracht(user):
    """The versions in force this teacher has not acknowledged yet — one query."""
    return (BladVersie.objects.filter(status=BladStatus.GELDT).filter(
        Q(blad__in=Aanpassingenblad.objects.filter(blad_toegang(user)).values("pk")))
        .exclude(Exists(Kennisname.objects.filter(versie=OuterRef("pk"), leerkracht=user)))
        .select_related("blad__leerling"))


# --- lists ----------------------------------------------------------------------------------------------------

def arrangementen_van_school(school_ids):
    s5 = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="S-5", gesloten_op__isnull=True)
    return (Arrangement.objects.filter(school_id__in=school_ids).select_related("leerling", "school")
            .annotate(evaluatie_uiterlijk=Subquery(s5.values("uiterlijk")[:1])))


def aanpassingen_van_school(school_ids):
    d6 = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="D-6")
    return (Aanpassingsverzoek.objects.filter(school_id__in=school_ids).select_related("leerling", "school")
            .annotate(antwoord_uiterlijk=Subquery(d6.values("uiterlijk")[:1])))


def leerlingen_op_school(school, op=None):
    """Pupils enrolled at the school now (for groups, sheets and arrangements)."""
    return leerlingen_op_scholen([school.pk], op)


def leerlingen_op_scholen(school_ids, op=None):
    op = op or timezone.localdate()
    return Leerling.objects.filter(Exists(Inschrijving.objects.filter(
        leerling=OuterRef("pk"), school_id__in=school_ids).filter(Q(tot__isnull=True) | Q(tot__gte=op)))).order_by(
        "achternaam", "voornamen")


def is_lopend(arrangement) -> bool:
    return arrangement.status == Status.AKKOORD


def aanbod_van(zaak) -> Arrangement | None:
    """The offer that belongs to a case (e.g. the aanmelding's decision 'toegelaten met extra ondersteuning'): its
    arrangement that is not ended — one offer, not two."""
    return (Arrangement.objects.filter(hoofdzaak=zaak).exclude(status=Status.BEEINDIGD)
            .select_related("leerling", "school").order_by("-pk").first())
