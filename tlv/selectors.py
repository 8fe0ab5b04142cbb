"""Every read of the TLV's pages (issue #18 §7: queries live in selectors, not views). Each is scoped by the caller's
relation or by the ids of the user's organisations; access to one application is the core's ``zaak_of_404``."""

from datetime import date

from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.leerlingen.models import Inschrijving, Leerling
from portal.organisaties.models import Mandaat, Samenwerkingsverband, School
from portal.termijnen.models import Clock
from portal.zaken import hoorrecht
from portal.zaken.models import Besluit, Zaak

from .constants import BIJ_SWV, DocumentSoort, Soort, Status
from .models import Loket, Toelaatbaarheidsverklaring, Toewijzing

# the application page reads the application with what it names
DETAIL_RELATED = ("aanvragende_school", "aanvragende_school__bestuur", "vorige_school", "woongemeente", "opp_zaak",
                  "toestemming")


def _met_c4(qs):
    """The open C-4 clock's date on each application (the desk sorts by it)."""
    c4 = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="C-4", gesloten_op__isnull=True)
    return qs.annotate(c4_uiterlijk=Subquery(c4.values("uiterlijk")[:1]))


# --- the lists -------------------------------------------------------------------------------------------------------

def aanvragen_bij_swv(swv_ids, status: str):
    """The SWV's applications (never a draft), the most urgent first: ``status`` "open" (with the SWV), a status
    code, or anything else for all."""
    qs = _met_c4(Toelaatbaarheidsverklaring.objects.filter(swv_id__in=swv_ids).exclude(status=Status.CONCEPT)
                 .select_related("leerling", "aanvragende_school"))
    if status == "open":
        qs = qs.filter(status__in=BIJ_SWV)
    elif status in Status.values:
        qs = qs.filter(status=status)
    return qs.order_by(F("c4_uiterlijk").asc(nulls_last=True), "ingediend_op", "pk")


def aanvragen_van_school(school_ids) -> list:
    return list(_met_c4(Toelaatbaarheidsverklaring.objects.filter(aanvragende_school_id__in=school_ids)
                        .select_related("leerling", "swv")).order_by("-geopend_op")[:50])


def adviesvragen_van(deskundige) -> list:
    return list(Toewijzing.objects.filter(deskundige=deskundige, ingetrokken_op__isnull=True)
                .select_related("tlv", "tlv__swv").order_by("advies_op", "-toegewezen_op")[:50])


def aanvragen_van_gezin(user) -> list:
    """The applications for the pupils this user acts for or reads as family (``hoorrecht``)."""
    return list(Toelaatbaarheidsverklaring.objects.filter(hoorrecht.gezin_leerling_q(user))
                .select_related("leerling", "swv", "aanvragende_school").order_by("-geopend_op"))


def register(swv_ids, *, geldig: str = "", soort: str = ""):
    """The SWV's register of granted TLVs (C-5), newest first: ``geldig`` "ja"/"nee" on today, ``soort`` a kind."""
    qs = (Toelaatbaarheidsverklaring.objects.filter(swv_id__in=swv_ids, tlv_nummer__isnull=False)
          .select_related("leerling", "aanvragende_school", "swv").order_by("-ingangsdatum", "-pk"))
    vandaag = timezone.localdate()
    if geldig == "ja":
        qs = qs.filter(einddatum__gte=vandaag)
    elif geldig == "nee":
        qs = qs.filter(einddatum__lt=vandaag)
    if soort in Soort.values:
        qs = qs.filter(toegekend_soort=soort)
    return qs


# --- a new application (C-2) ------------------------------------------------------------------------------------

def leerlingen_van(user):
    """C-2: pupils enrolled at, or aangemeld at, the user's school(s)."""
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    vandaag = timezone.localdate()
    ingeschreven = Inschrijving.objects.filter(school_id__in=ids).filter(
        Q(tot__isnull=True) | Q(tot__gte=vandaag)).values("leerling_id")
    aangemeld = Zaak.objects.filter(zaaktype="aanmelding", school_id__in=ids, afgesloten_op__isnull=True).values(
        "leerling_id")
    return Leerling.objects.filter(Q(pk__in=ingeschreven) | Q(pk__in=aangemeld)).order_by("achternaam", "voornamen")


def leerling_bij_school(leerling, school, op: date | None = None) -> bool:
    """C-2: the pupil is ingeschreven at ``school`` now, or has an open aanmelding there."""
    op = op or timezone.localdate()
    if Inschrijving.objects.filter(leerling=leerling, school=school, van__lte=op).filter(
            Q(tot__isnull=True) | Q(tot__gte=op)).exists():
        return True
    return Zaak.objects.filter(zaaktype="aanmelding", leerling=leerling, school=school,
                               afgesloten_op__isnull=True).exists()


def opp_zaken_van(leerling, school):
    """The pupil's OPP cases at ``school``, newest first (the one to attach, issue #12 item 1)."""
    return Zaak.objects.filter(zaaktype="opp", leerling=leerling, school=school).order_by("-geopend_op", "-pk")


def school_van(user, leerling) -> School | None:
    """The user's school where the pupil is enrolled or aangemeld."""
    for school in School.objects.filter(pk__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)).order_by("naam"):
        if leerling_bij_school(leerling, school):
            return school
    return None


# --- the application page -----------------------------------------------------------------------------------------

def besluit_van(tlv) -> Besluit | None:
    """The application's current decision (prepared or made known)."""
    return (Besluit.objects.filter(zaak_id=tlv.pk, besluittype="tlv", vervallen_op__isnull=True)
            .select_related("ondertekend_door").order_by("-pk").first())


def mag_tekenen(user, tlv) -> bool:
    """May ``user`` sign the TLV decision (the mandate register: the SWV's board, or a mandate for 'tlv')?"""
    return Mandaat.objects.mag_tekenen(user, tlv, "tlv")


def voorbereid_besluit(tlv) -> Besluit | None:
    """The decision prepared and not yet signed, if any."""
    return Besluit.objects.filter(zaak_id=tlv.pk, besluittype="tlv", vervallen_op__isnull=True,
                                  ondertekend_op__isnull=True).first()


def toewijzingen(tlv) -> list:
    return list(tlv.toewijzingen.select_related("deskundige", "document").all())


def adviezen_binnen(tlv) -> list:
    """The advices given by experts still assigned."""
    return [t for t in tlv.toewijzingen.all() if t.is_actief and t.heeft_advies]


def documenten_voor(tlv, user, rel) -> list:
    """The application's documents; an expert does not see the other expert's attachment (C-3: separately)."""
    docs = list(tlv.documenten.all())
    if "deskundige" in rel and not set(rel) & {"swv", "school", "ouder"}:
        docs = [d for d in docs if d.soort != DocumentSoort.ADVIES or d.door_id == user.pk]
    return docs


def arrangementen(tlv) -> list[dict]:
    """The pupil's arrangement(s), as their kind summarises them (typed), for the SWV and the experts."""
    from portal.zaken.tracker import als_specifiek

    out = []
    for z in als_specifiek(list(Zaak.objects.filter(leerling=tlv.leerling, zaaktype="arrangement")
                                .order_by("-geopend_op")[:3])):
        out.append({"zaak": z, "s": z.type.samenvatting(z) if z.type.samenvatting else None})
    return out


def opp_documenten(tlv) -> list:
    return list(tlv.opp_zaak.documenten.all()) if tlv.opp_zaak_id else []


def aanvulling_verlopen(tlv) -> bool:
    return tlv.verzoeken.filter(soort="aanvulling_school", status="verlopen").exists()


def open_aanvulling(tlv):
    return tlv.verzoeken.filter(soort="aanvulling_school", status="open").first()


def brieven(tlv) -> list:
    return list(tlv.brieven.all())


def verzoeken(tlv) -> list:
    return list(tlv.verzoeken.exclude(soort="toestemming"))


def loket_van(swv_id) -> Loket | None:
    return Loket.objects.filter(swv_id=swv_id).first()


def bezwaren(tlv) -> list:
    """The bezwaren against the application's decisions, newest first: core ``Zaak`` rows read as their own kind
    (the school that filed, the day it came in) — one per decision can run (C-6)."""
    return [z.specifiek for z in Zaak.objects.filter(zaaktype="bezwaar", betreft_besluit__zaak=tlv).order_by("-pk")]


def open_bezwaar(tlv):
    """The bezwaar running against the application's decision (the TLV's own steps on it: the LBT, verdaging)."""
    z = Zaak.objects.filter(zaaktype="bezwaar", betreft_besluit__zaak=tlv, afgesloten_op__isnull=True).order_by(
        "-pk").first()
    return z.specifiek if z is not None else None


# --- the experts (C-3) ----------------------------------------------------------------------------------------------

def toewijzing(pk, **filters) -> Toewijzing | None:
    return Toewijzing.objects.select_related("tlv", "deskundige", "tlv__swv").filter(pk=pk, **filters).first()


# --- the desk -------------------------------------------------------------------------------------------------------

def swv_van(user) -> Samenwerkingsverband | None:
    """The SWV whose desk the user keeps (the first by name)."""
    return Samenwerkingsverband.objects.filter(pk__in=user.swv_ids()).order_by("naam").first()


def swv_voor_export(user) -> Samenwerkingsverband:
    return next(m.swv for m in user.lidmaatschappen if m.rol == Rol.SWV and m.swv_id)
