"""Reads of pupils, groups and substitutes, always scoped (STYLE §2): the groups of the schools where the user is
IB'er or directeur, their teachers and the pupils enrolled now."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from portal.accounts.constants import Rol

from .models import Groep, Inschrijving, Invalbeurt, Leerling


def eigen_scholen(user):
    """The schools where ``user`` is IB'er or directeur: who maintains groups and substitutes."""
    from portal.organisaties.models import School

    return School.objects.filter(pk__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)).order_by("naam")


def leerlingen_op_scholen(school_ids, op=None):
    """Pupils enrolled at one of the schools on ``op`` (today)."""
    op = op or timezone.localdate()
    return Leerling.objects.filter(Exists(Inschrijving.objects.filter(
        leerling=OuterRef("pk"), school_id__in=school_ids).filter(Q(tot__isnull=True) | Q(tot__gte=op)))).order_by(
        "achternaam", "voornamen")


def leerlingen_op_school(school, op=None):
    return leerlingen_op_scholen([school.pk], op)


def leerkrachten_van_school(school):
    return (get_user_model().objects.filter(memberships__rol=Rol.LEERKRACHT, memberships__school=school,
                                            is_active=True).distinct().order_by("last_name", "first_name"))


def groepen_van_school(school, limiet: int = 200) -> list:
    """The school's groups, newest school year first, with their number of pupils and teachers (one query)."""
    return list(Groep.objects.filter(school=school).annotate(
        n_leerlingen=Count("leerlingen", distinct=True), n_leerkrachten=Count("leerkrachten", distinct=True))
        .order_by("-schooljaar", "naam")[:limiet])


def groep_of_404(user, pk) -> Groep:
    """A group of a school where ``user`` is IB'er or directeur; 404 for anyone else."""
    return get_object_or_404(Groep.objects.select_related("school").filter(
        school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)


def invalbeurt_of_404(user, pk) -> Invalbeurt:
    return get_object_or_404(Invalbeurt.objects.select_related("groep").filter(
        groep__school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)), pk=pk)


def invalbeurten_van(groep) -> list:
    return list(groep.invalbeurten.select_related("leerkracht").order_by("-van"))
