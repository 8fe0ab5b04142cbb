"""Every read of the aanmelding's pages, scoped to the reader (STYLE §2): the family's list, the school's inbox, the
zorgplicht file's lists and the request of another school to admit a child (A-10). Views call these; they hold no
ORM of their own."""

from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.shortcuts import get_object_or_404

from portal.accounts.constants import Rol
from portal.basis.params import parse_id
from portal.leerlingen.models import gezin_leerling_q
from portal.organisaties.models import School
from portal.termijnen.models import Clock
from portal.zaken.models import Verzoek

from .constants import NotitieSoort, PlaatsingStatus, Status
from .models import Aanmelding, Notitie, PlaatsingsVerzoek, VoorkeurVerklaring


def school_ids(user) -> list[int]:
    """The schools whose aanmeldingen the user handles: as IB'er or directeur (the relation "school")."""
    return user.school_ids(Rol.IB, Rol.DIRECTEUR)


# --- the family --------------------------------------------------------------------------------------------

def aanmeldingen_gezin(user):
    """The aanmeldingen of the pupils the user reads as family (parents of a minor, from 18 the pupil or their
    curator or mentor; issue #17 §1)."""
    return Aanmelding.objects.filter(gezin_leerling_q(user)).select_related("school", "leerling")


def voorkeur(aanmelding) -> VoorkeurVerklaring | None:
    """The parents' latest declared order of preference for this pupil (A-5)."""
    return VoorkeurVerklaring.objects.filter(leerling=aanmelding.leerling).first()


def met_verzoeken(aanmelding) -> None:
    """Read the case's requests (with their consent) once, for the tracker, the options and the page (issue #14)."""
    prefetch_related_objects([aanmelding], Prefetch("verzoeken", queryset=Verzoek.objects.select_related("toestemming")))


def school_of_none(pk) -> School | None:
    """The school the parent chose on the form (or from the finder's link), or None for anything else (not a plain
    id: "²", "١٢", a sign; issue #19 defect 5)."""
    pk = pk if isinstance(pk, int) else parse_id(pk)
    return School.objects.filter(pk=pk).select_related("bestuur").first() if pk else None


# --- the school ----------------------------------------------------------------------------------------------

def inbox(user, status: str = "open"):
    """All aanmeldingen of the user's school(s), most urgent first (S1): annotated with the A-6 due date and whether
    the child is also aangemeld elsewhere — only that fact, never the other school."""
    a6 = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="A-6")
    elders = Aanmelding.objects.filter(leerling=OuterRef("leerling"), afgesloten_op__isnull=True).exclude(
        school=OuterRef("school"))
    qs = (Aanmelding.objects.filter(school_id__in=school_ids(user)).select_related("leerling", "school")
          .annotate(a6_uiterlijk=Subquery(a6.values("uiterlijk")[:1]), ook_elders=Exists(elders)))
    if status == "open":
        qs = qs.open()
    elif status in Status.values:
        qs = qs.filter(status=status)
    return qs.order_by(F("a6_uiterlijk").asc(nulls_last=True), "ontvangen_op")


def a6_klokken(aanmeldingen) -> dict:
    """The A-6 clock of each aanmelding, by case id, in one query."""
    return {c.zaak_id: c for c in Clock.objects.filter(zaak_id__in=[a.pk for a in aanmeldingen], regel_id="A-6")
            .select_related("school").prefetch_related("opschortingen")}


def plaatsingen_gevraagd(user, limiet: int = 50) -> list[PlaatsingsVerzoek]:
    """Requests of other schools to admit a child, addressed to the user's school(s) (A-10)."""
    return list(PlaatsingsVerzoek.objects.filter(school_id__in=school_ids(user)).select_related("aanmelding__school")
                .order_by("status", "-gevraagd_op")[:limiet])


def nieuwe_aanmeldingen(user, limiet: int = 10):
    """Aanmeldingen just received at the user's school(s), oldest first: the IB'er's tasks."""
    return Aanmelding.objects.filter(school_id__in=school_ids(user), status=Status.ONTVANGEN).order_by(
        "ontvangen_op")[:limiet]


def open_plaatsingsverzoeken(user, limiet: int = 10):
    """Requests to admit a child that the user's school(s) have not answered yet, oldest first."""
    return PlaatsingsVerzoek.objects.filter(school_id__in=school_ids(user), status=PlaatsingStatus.GEVRAAGD).order_by(
        "gevraagd_op")[:limiet]


def dossier_lijsten(aanmelding) -> dict:
    """What the zorgplicht file lists besides the case itself: whether the child is aangemeld elsewhere too, the
    notes, the schools asked, and the reports to leerplicht (A-15). The requests come from ``met_verzoeken``."""
    return {
        "elders": Aanmelding.objects.filter(leerling=aanmelding.leerling).open().exclude(pk=aanmelding.pk).exists(),
        "notities": aanmelding.notities.select_related("door"),
        "plaatsingen": aanmelding.plaatsingsverzoeken.select_related("school"),
        "leerplicht": aanmelding.leerplichtmeldingen.select_related("gemeente", "klok").prefetch_related(
            "klok__opschortingen"),
    }


def plaatsingsverzoek_of_404(user, pk) -> PlaatsingsVerzoek:
    """A request to admit a child, for the school asked only (A-10); 404 for anyone else."""
    return get_object_or_404(PlaatsingsVerzoek.objects.select_related("aanmelding__leerling", "aanmelding__school")
                             .filter(school_id__in=school_ids(user)), pk=pk)


def documenten_gedeeld_met_gevraagde_school(user) -> Q | None:
    """A school asked to admit the child sees only the documents the parents allowed to share (A-10): the extra
    document access this app registers (``register_document_toegang``)."""
    ids = school_ids(user)
    return Q(plaatsingsverzoeken__school_id__in=ids) if ids else None


def dossier_regels(zaak_ids, voor_ouders: bool) -> list[dict]:
    """The aanmelding's conversation reports of the cases ``zaak_ids`` for the dossier export
    (``portal.zaken.bezwaarregeling.register_dossier_bron``): the reports of conversations and of the consultation with
    the parents about a place elsewhere (A-10), which both sides read; never the school's internal notes."""
    return [{"datum": n.datum, "zaak": n.aanmelding.nummer, "wat": n.get_soort_display(), "tekst": n.tekst}
            for n in Notitie.objects.filter(aanmelding_id__in=zaak_ids,
                                            soort__in=[NotitieSoort.GESPREK, NotitieSoort.OVERLEG_OUDERS])
            .select_related("aanmelding")]
