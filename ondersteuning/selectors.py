"""Reads of the ondersteuningsaanbod, always scoped (STYLE §2): who may see which arrangement, sheet and request,
and the lists per role."""

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.leerlingen.models import (
    Groep,
    Invalbeurt,
    Leerling,
    in_een_van,
    leerlingen_van_leerkracht,
    schooljaar_van,
)
from portal.leerlingen.selectors import eigen_scholen, leerlingen_op_scholen, leerlingen_op_school  # noqa: F401
from portal.termijnen.models import Clock
from portal.zaken import hoorrecht
from portal.zaken.hoorrecht import is_twaalf_plus  # noqa: F401 (used as selectors.is_twaalf_plus by the views)
from portal.zaken.hoorrecht import kinderen_q as _kinderen_q
from portal.zaken.hoorrecht import leerling_vanaf_q as leerling_twaalf_plus_q  # from 12 (DOMAIN §2)
from portal.zaken.inzage import inzage_delen

from .constants import BladStatus, Status
from .models import (
    Aanpassingenblad,
    Aanpassingsverzoek,
    Afspraak,
    Arrangement,
    BladVersie,
    Gespreksverslag,
    Kennisname,
    Onderdeel,
    Opbouwstap,
    VerslagActie,
    VerslagReactie,
)


def arrangement_toegang(user) -> Q | None:
    """Who sees an arrangement (issue #9, Access): parents with gezag, the pupil from 12, the IB'er/directeur of
    the case's school, and SWV staff only when their SWV funds or provides a part. Teachers do not (they see the
    sheet); care providers do not (what they need reaches them through the parents). SWV staff also while a TLV
    application for the pupil is with their SWV (issue #12, through ``portal.zaken.inzage``)."""
    q = _kinderen_q(user) | leerling_twaalf_plus_q(user)
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    # the SWV's parts and the TLV applications with the SWV as one IN over a union of arrangement ids: ORed as two
    # subqueries, PostgreSQL tested every arrangement of the country (the API's SWV list: 240 ms at scale 1.0)
    delen = [Arrangement.objects.filter(leerling_id__in=leerlingen).values("pk")
             for leerlingen in inzage_delen(user, "arrangement")]
    swv_ids = user.swv_ids()
    if swv_ids:
        delen.append(Onderdeel.objects.filter(swv_id__in=swv_ids).values("arrangement_id"))
    if delen:
        q |= in_een_van("pk", *delen)
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


def is_lopend(arrangement) -> bool:
    return arrangement.status == Status.AKKOORD


def aanbod_van(zaak) -> Arrangement | None:
    """The offer that belongs to a case (e.g. the aanmelding's decision 'toegelaten met extra ondersteuning'): its
    arrangement that is not ended — one offer, not two."""
    return (Arrangement.objects.filter(hoofdzaak=zaak).exclude(status=Status.BEEINDIGD)
            .select_related("leerling", "school").order_by("-pk").first())


# --- what the pages read --------------------------------------------------------------------------------------

def blad_relaties(user, blad) -> frozenset:
    """The reader's relations to a sheet, in the core's words (``portal.zaken.pagina.RELATIES``) — a sheet is not a
    case, so ``relaties()`` cannot read it: "school"/"ib"/"directeur" of the sheet's school, the family's (the matter
    is begeleiding: a mentor acts), and "leerkracht" for a teacher of the pupil who has no other relation (the
    access rule, ``blad_toegang``, let them see it)."""
    out = set()
    if blad.school_id in user.school_ids(Rol.IB):
        out |= {"school", "ib"}
    if blad.school_id in user.school_ids(Rol.DIRECTEUR):
        out |= {"school", "directeur"}
    out |= hoorrecht.relaties_gezin(user, blad.leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING)
    if not out and blad.school_id in user.school_ids(Rol.LEERKRACHT):
        out.add("leerkracht")
    return frozenset(out)


def blad_of_none(leerling, school) -> Aanpassingenblad | None:
    return Aanpassingenblad.objects.filter(leerling=leerling, school=school).first()


def bevindingen(zaak) -> dict:
    """What the case an offer comes from found (``Zaaktype.bevindingen`` of its kind, e.g. the aanmelding's zorgplicht
    file, A-10): the new arrangement's form starts with that text, and the IB'er completes it."""
    func = zaak.type.bevindingen
    uit = (func(zaak.specifiek) or {}) if func is not None else {}
    return {k: v for k, v in uit.items() if k in ("onderzocht", "aanpassingen") and isinstance(v, str)}


def arrangementen_voor_swv(swv_ids):
    """Arrangements with a part the SWV pays or provides, newest first."""
    return (Arrangement.objects.filter(pk__in=Onderdeel.objects.filter(swv_id__in=swv_ids).values("arrangement_id"))
            .select_related("leerling", "school").order_by("-geopend_op"))


def bladen_van_school(school_ids, limiet: int = 200) -> list:
    geldend = BladVersie.objects.filter(blad=OuterRef("pk"), status=BladStatus.GELDT)
    concept = BladVersie.objects.filter(blad=OuterRef("pk"), status=BladStatus.CONCEPT)
    return list(Aanpassingenblad.objects.filter(school_id__in=school_ids).select_related("leerling", "school")
                .annotate(heeft_geldend=Exists(geldend), heeft_concept=Exists(concept))
                .order_by("leerling__achternaam", "leerling__voornamen")[:limiet])


def leerlingen_zonder_blad(school_ids):
    return leerlingen_op_scholen(school_ids).exclude(aanpassingenbladen__school_id__in=school_ids)


def leerling_keuzes_zonder_blad(school_ids) -> list[tuple[int, str]]:
    """The choices of the form "Aanpassingenblad maken" as (id, label) without building a model per pupil (#23 §4):
    a large school lists thousands of pupils, and a ``Leerling`` per option cost most of the IB'er's start page. The
    label is the form's own (``BladNieuwForm``: name and birth date)."""
    rijen = leerlingen_zonder_blad(school_ids).values_list(
        "pk", "roepnaam", "voornamen", "tussenvoegsel", "achternaam", "geboortedatum")
    return [(pk, f"{' '.join(p for p in (roep or voor, tussen, achter) if p)} "
                 f"({geboren.day:02d}-{geboren.month:02d}-{geboren.year:04d})")
            for pk, roep, voor, tussen, achter, geboren in rijen]


def gezin_kinderen(user) -> list:
    """The pupils the user reads as family (parent, adult pupil, curator or mentor) and their own pupil record."""
    return list(Leerling.objects.filter(hoorrecht.gezin_leerling_q(user, veld="pk") | Q(account=user))
                .order_by("geboortedatum"))


def gezin_overzicht(user, kinderen) -> dict:
    """The family's arrangements, requests and sheets of ``kinderen``."""
    return {
        "arrangementen": list(Arrangement.objects.for_user(user).filter(leerling__in=kinderen).distinct()
                              .select_related("leerling", "school").order_by("-geopend_op")),
        "verzoeken": list(Aanpassingsverzoek.objects.for_user(user).filter(leerling__in=kinderen).distinct()
                          .select_related("leerling", "school").order_by("-geopend_op")),
        "bladen": list(bladen_voor(user).filter(leerling__in=kinderen).annotate(
            heeft_geldend=Exists(BladVersie.objects.filter(blad=OuterRef("pk"), status=BladStatus.GELDT)))),
    }


def leerlingen_voor_arrangement(school):
    """Pupils an arrangement at ``school`` can be for: enrolled there now, or with a running case there."""
    return (Leerling.objects.filter(Q(pk__in=leerlingen_op_school(school).values("pk"))
                                    | Q(zaken__school=school, zaken__afgesloten_op__isnull=True))
            .distinct().order_by("achternaam", "voornamen"))


def onderdelen_van(a) -> list:
    return list(a.onderdelen.select_related("swv", "gemeente").prefetch_related("opbouw"))


def verslagen_van(zaak) -> list:
    """The case's conversation logs with their actions and reactions (three queries)."""
    return list(Gespreksverslag.objects.filter(zaak=zaak).select_related("door").prefetch_related(
        "acties", Prefetch("reacties", queryset=VerslagReactie.objects.select_related("door").order_by("op", "pk"))))


def heeft_gelezen(versie, leerkracht) -> bool:
    return Kennisname.objects.filter(versie=versie, leerkracht=leerkracht).exists()


def kennisnames_van(versie) -> dict:
    return {k.leerkracht_id: k for k in Kennisname.objects.filter(versie=versie)}


def bladen_voor_leerkracht(user) -> dict:
    """The sheets of a teacher's pupils, by pupil, with whether one is in force and whether they read it."""
    geldend = BladVersie.objects.filter(blad=OuterRef("pk"), status=BladStatus.GELDT)
    gelezen = Kennisname.objects.filter(versie__blad=OuterRef("pk"), versie__status=BladStatus.GELDT, leerkracht=user)
    q = blad_toegang(user) & Q(leerling__in=leerlingen_van_leerkracht(user).values("pk"))
    return {b.leerling_id: b for b in Aanpassingenblad.objects.filter(q)
            .annotate(heeft_geldend=Exists(geldend), gelezen=Exists(gelezen))}


def leerlingen_van_leerkracht_lijst(user, limiet: int = 500) -> list:
    return list(leerlingen_van_leerkracht(user).order_by("achternaam", "voornamen")[:limiet])


def invalbeurten_nu(user) -> list:
    return list(Invalbeurt.objects.actief().filter(leerkracht=user).select_related("groep"))


def leerling_van(zaak):
    """The case's pupil as a queryset (the only choice on a form that starts from that case)."""
    return Leerling.objects.filter(pk=zaak.leerling_id)


def onderdeel_of_404(pk) -> Onderdeel:
    """A part by id; the caller checks access through its arrangement (``zaak_of_404``)."""
    return get_object_or_404(Onderdeel, pk=pk)


def opbouwstap_of_404(pk) -> Opbouwstap:
    return get_object_or_404(Opbouwstap.objects.select_related("onderdeel"), pk=pk)


def arrangement_verloop(a, meningen: int | None = None, evaluaties: int | None = None) -> dict:
    """What happened on the arrangement: every answer to any version (newest first), the pupil's views and the
    evaluations (optionally only the first few)."""
    return {"reacties": list(a.reacties.select_related("ouder").order_by("-op")),
            "meningen": list(a.meningen.select_related("door")[:meningen]),
            "evaluaties": list(a.evaluaties.select_related("door")[:evaluaties])}


def blad_of_404(user, pk) -> Aanpassingenblad:
    """The one access helper of the sheet: 404 for anything the user may not see (``blad_toegang``)."""
    return get_object_or_404(bladen_voor(user), pk=pk)


def blad_versies(blad) -> list:
    return list(blad.versies.prefetch_related("afspraken").select_related("vastgesteld_door", "ouders_akkoord_door"))


def concept_van(blad) -> BladVersie | None:
    return blad.versies.filter(status=BladStatus.CONCEPT).first()


def afspraak_of_404(pk) -> Afspraak:
    """An accommodation by id; the caller checks access through its sheet."""
    return get_object_or_404(Afspraak.objects.select_related("versie"), pk=pk)


def verslag_of_404(pk) -> Gespreksverslag:
    """A conversation log by id; the caller checks access through its case (``zaak_of_404``)."""
    return get_object_or_404(Gespreksverslag.objects.select_related("zaak"), pk=pk)


def verslagactie_of_404(pk) -> VerslagActie:
    return get_object_or_404(VerslagActie.objects.select_related("verslag"), pk=pk)


def brieven_van(zaak) -> list:
    return list(zaak.brieven.all())


def dossier_regels(zaak_ids, voor_ouders: bool) -> list[dict]:
    """The conversation logs of the cases ``zaak_ids`` for the dossier export
    (``portal.zaken.bezwaarregeling.register_dossier_bron``): both sides read them, so the parents' export has them
    too."""
    return [{"datum": v.datum, "zaak": v.zaak.nummer, "wat": f"Gesprek ({v.deelnemers})", "tekst": v.afspraken}
            for v in Gespreksverslag.objects.filter(zaak_id__in=zaak_ids).select_related("zaak")]


# --- the lists' rows (#23 §4) ----------------------------------------------------------------------------------

def met_rijtekst(rijen, url_naam: str, datum: str) -> list:
    """The rows with what the template would work out per row: ``url`` (``reverse(url_naam, args=[pk])``) and
    ``<datum>_tekst`` (``|date:"j F Y"``), the same text at a fraction of the cost (``reverse`` and the date filter
    were most of a row's time)."""
    from django.urls import reverse

    plek = 987654321987
    sjabloon = reverse(url_naam, args=[plek])
    uit = list(rijen)
    for r in uit:
        r.url = sjabloon.replace(f"/{plek}/", f"/{r.pk}/", 1)
        setattr(r, f"{datum}_tekst", datum_tekst(getattr(r, datum)))
    return uit


def datum_tekst(waarde) -> str:
    """``waarde|date:"j F Y"`` as the template writes it (local time for a moment; the month in the active
    language). Empty for None (so ``|default`` still applies)."""
    from datetime import datetime

    from django.utils.dates import MONTHS

    if waarde is None:
        return ""
    if isinstance(waarde, datetime) and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return f"{waarde.day} {MONTHS[waarde.month]} {waarde.year:04d}"
