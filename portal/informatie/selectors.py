"""Reads of the public information and the checklists, scoped and cheap."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.leerlingen.models import Inschrijving, Leerling
from portal.organisaties.models import (
    BasisondersteuningVersie,
    Ondersteuningsprofiel,
    ProfielOnderdeel,
    ProfielOnderdeelSoort,
    ProfielStatus,
    Samenwerkingsverband,
    School,
)
from portal.organisaties.selectors import scholen_zoek

from .constants import ChecklistSoort
from .models import Checklist, ChecklistVersie, SteunpuntContact


def scholen_vind(*, tekst: str = "", soort: str = "", swv=None, ondersteuning: str = "", specialisme: str = "",
                 expertise: str = "", rolstoel: bool = False, lift: bool = False, gymzaal: bool = False):
    """The school finder (DOMAIN §5 P1): ``organisaties.selectors.scholen_zoek`` (every profile criterion an
    ``EXISTS`` on the profile in force) plus what a parent types — part of the name or the place — and a specialism
    in an area (a line of the profile of the kind *specialisme*). A school without a set profile is found by name,
    place, kind and SWV, never by a profile criterion. Ordered by name; one query, plus two prefetches."""
    qs = scholen_zoek(gebied=ondersteuning or None, expertise=expertise or None, rolstoeltoegankelijk=rolstoel or None,
                      lift=lift or None, gymzaal=gymzaal or None, soort=soort or None, swv=swv)
    if specialisme:
        onderdeel = ProfielOnderdeel.objects.filter(profiel=OuterRef("pk"), soort=ProfielOnderdeelSoort.SPECIALISME,
                                                    gebied=specialisme)
        qs = qs.filter(Exists(Ondersteuningsprofiel.objects.filter(
            school=OuterRef("pk"), status=ProfielStatus.VASTGESTELD).filter(Exists(onderdeel))))
    tekst = tekst.strip()
    if tekst:
        qs = qs.filter(Q(naam__icontains=tekst) | Q(plaats__icontains=tekst))
    return qs.prefetch_related("samenwerkingsverbanden")


def school_pagina(school: School) -> dict:
    """What the finder's school page shows: the profile in force with its lines and expertise, and the latest
    published basisondersteuning of each of the school's SWVs with its items."""
    profiel = (Ondersteuningsprofiel.objects.geldend().filter(school=school)
               .prefetch_related("onderdelen", "expertises").first())
    swvs = list(school.samenwerkingsverbanden.all())
    basis = list(BasisondersteuningVersie.objects.filter(swv__in=swvs).laatste_per_swv()
                 .select_related("swv").prefetch_related("onderdelen"))
    onderdelen = list(profiel.onderdelen.all()) if profiel else []
    return {
        "profiel": profiel, "swvs": swvs, "basis": basis,
        "extra": [o for o in onderdelen if o.soort == ProfielOnderdeelSoort.EXTRA],
        "specialismen": [o for o in onderdelen if o.soort == ProfielOnderdeelSoort.SPECIALISME],
        "steunpunten": list(SteunpuntContact.objects.filter(swv__in=swvs).select_related("swv")),
    }


def steunpunten_voor(user) -> list[tuple[Samenwerkingsverband, SteunpuntContact | None]]:
    """The SWVs that concern this user — a parent: the SWVs of the schools where their children are enrolled; staff:
    their own — each with its steunpunt contact, if known."""
    if not user.is_authenticated:
        return []
    vandaag = timezone.localdate()
    school_ids = set(Inschrijving.objects.filter(leerling__gezag__ouder=user).filter(
        Q(tot__isnull=True) | Q(tot__gte=vandaag)).values_list("school_id", flat=True))
    school_ids |= user.school_ids()
    q = Q(scholen__in=school_ids) | Q(pk__in=user.swv_ids())
    swvs = Samenwerkingsverband.objects.filter(q).distinct().order_by("naam").prefetch_related(
        Prefetch("steunpunt", queryset=SteunpuntContact.objects.all()))
    out = []
    for swv in swvs:
        try:
            contact = swv.steunpunt
        except SteunpuntContact.DoesNotExist:
            contact = None
        out.append((swv, contact))
    return out


def laatste_versie(checklist: Checklist | None) -> ChecklistVersie | None:
    if checklist is None:
        return None
    return checklist.versies.prefetch_related("antwoorden").select_related("door").first()


def mijn_checklists(user) -> dict:
    """The checklists this user can fill in, each with its checklist if one was saved: a parent's children (and the
    schools where they are enrolled, for feedback); an IB'er's or directeur's school; SWV staff's SWV."""
    if not user.is_authenticated:
        return {}
    vandaag = timezone.localdate()
    bestaand = list(Checklist.objects.bewerkbaar_voor(user).prefetch_related(
        Prefetch("versies", queryset=ChecklistVersie.objects.only("pk", "checklist_id", "nummer", "opgeslagen_op"))))
    kinderen = list(Leerling.objects.filter(gezag__ouder=user).order_by("geboortedatum"))
    per_kind = {c.leerling_id: c for c in bestaand if c.soort == ChecklistSoort.KIND}
    terug = {c.school_id: c for c in bestaand if c.terugkoppeling}
    scholen_kind = School.objects.filter(Exists(Inschrijving.objects.filter(
        school=OuterRef("pk"), leerling__gezag__ouder=user).filter(Q(tot__isnull=True) | Q(tot__gte=vandaag))))
    eigen = {c.school_id: c for c in bestaand if c.soort == ChecklistSoort.SCHOOL and not c.terugkoppeling}
    per_swv = {c.swv_id: c for c in bestaand if c.soort == ChecklistSoort.SWV}
    swv_ids = {m.swv_id for m in user.lidmaatschappen if m.rol == Rol.SWV and m.swv_id}
    return {
        "kinderen": [(k, per_kind.get(k.pk)) for k in kinderen],
        "terugkoppeling": [(s, terug.get(s.pk)) for s in scholen_kind.order_by("naam")] if kinderen else [],
        "scholen": [(s, eigen.get(s.pk)) for s in
                    School.objects.filter(pk__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)).order_by("naam")],
        "swvs": [(s, per_swv.get(s.pk)) for s in Samenwerkingsverband.objects.filter(pk__in=swv_ids).order_by("naam")],
    }


def terugkoppelingen(user):
    """Parents' feedback on the schools of this IB'er or directeur, newest first, with the latest version."""
    return (Checklist.objects.filter(terugkoppeling=True, school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR))
            .select_related("school", "ouder", "leerling")
            .prefetch_related(Prefetch("versies", queryset=ChecklistVersie.objects.only(
                "pk", "checklist_id", "nummer", "opgeslagen_op")))
            .order_by("school__naam", "-aangemaakt_op"))
