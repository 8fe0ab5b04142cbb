"""Who may see a TLV application, and in which role (issue #12, Access).

* whoever acts for the pupil (``portal.zaken.hoorrecht``, issue #17 §1): the parents with gezag over a minor; from
  18 the pupil, or their curator or mentor (a TLV is a matter of begeleiding, BW 1:453); parents of an adult pupil
  read only with the pupil's consent or when the pupil is under curatele; and the pupil from 12 reads its own
  application, decision and the experts' advices;
* the IB'er and directeur of the applying school (C-2), from the first draft;
* the staff of the deciding SWV — not while the school still drafts it; and the SWV's bevoegd gezag (its board,
  and whoever holds a current mandate for TLV decisions: they sign);
* an expert only the applications assigned to them, until the decision is made known (C-3, C-7: the SWV shares
  health data only as far as needed);
* the school where the pupil is aangemeld or ingeschreven sees a decided TLV (C-7: the SWV shares it with the
  school of aanmelding or inschrijving; that school admits the pupil on it).

Another SWV's staff see nothing. Helpers with an active share are added by the core for every kind.
"""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.leerlingen.models import Inschrijving
from portal.zaken import hoorrecht

from .constants import BESLIST, BIJ_DESKUNDIGE, Status

TLV_MANDAAT = "tlv"  # the kind of decision in the mandate register
# A TLV is a matter of care and begeleiding (BW 1:453): a mentor acts in it for an adult pupil.
ONDERWERP = hoorrecht.ONDERWERP_BEGELEIDING


def _twaalf_jaar_geleden(op: date) -> date:
    try:
        return op.replace(year=op.year - 12)
    except ValueError:  # 29 February
        return op.replace(year=op.year - 12, day=28)


def gezag_swv_ids(user) -> set[int]:
    """SWVs for which this user signs TLV decisions: as bestuurder, or with a current mandate for TLVs (or for
    every kind of decision). Once per request: every ``for_user`` asks it."""
    bewaard = getattr(user, "_tlv_gezag_swv_ids", None)
    if bewaard is not None:
        return bewaard
    ids = {m.swv_id for m in user.lidmaatschappen if m.rol == Rol.BESTUURDER and m.swv_id}
    if user.rollen - {Rol.OUDER, Rol.LEERLING}:  # parents and pupils hold no mandates
        from portal.organisaties.models import Mandaat

        for m in Mandaat.objects.geldig().filter(user=user, swv__isnull=False).only("swv_id", "besluittypen"):
            if not m.besluittypen or TLV_MANDAAT in m.besluittypen:
                ids.add(m.swv_id)
    user._tlv_gezag_swv_ids = ids
    return ids


def _leerlingen_van_school(school_ids, op: date):
    """Pupils enrolled at, or with an open aanmelding at, these schools (the school of aanmelding/inschrijving)."""
    from portal.zaken.models import Zaak

    ingeschreven = Inschrijving.objects.filter(school_id__in=school_ids).filter(
        Q(tot__isnull=True) | Q(tot__gte=op)).values("leerling_id")
    aangemeld = Zaak.objects.filter(zaaktype="aanmelding", school_id__in=school_ids,
                                    afgesloten_op__isnull=True).values("leerling_id")
    return Q(leerling_id__in=ingeschreven) | Q(leerling_id__in=aangemeld)


def tlv_toegang(user) -> Q:
    """The access rule of the case kind 'tlv' (a Q on Zaak; subqueries on the primary key, so it also works on the
    querysets of other kinds)."""
    from .models import Toelaatbaarheidsverklaring, Toewijzing

    vandaag = timezone.localdate()
    q = hoorrecht.gezin_leerling_q(user)
    if user.heeft_rol(Rol.LEERLING):
        q |= Q(leerling__account=user, leerling__geboortedatum__lte=_twaalf_jaar_geleden(vandaag))
    school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if school_ids:
        q |= Q(pk__in=Toelaatbaarheidsverklaring.objects.filter(aanvragende_school_id__in=school_ids).values("pk"))
        q |= Q(status__in=BESLIST) & _leerlingen_van_school(school_ids, vandaag)
    swv_ids = user.swv_ids() | gezag_swv_ids(user)
    if swv_ids:
        q |= Q(swv_id__in=swv_ids) & ~Q(status=Status.CONCEPT)
    if user.heeft_rol(Rol.DESKUNDIGE):
        q |= Q(status__in=BIJ_DESKUNDIGE, pk__in=Toewijzing.objects.filter(
            deskundige=user, ingetrokken_op__isnull=True).values("tlv_id"))
    return q


def inzage_leerlingen(user):
    """Pupils whose arrangement and OPP this user may read because a TLV application for them is with the user's
    SWV (issue #12): a queryset of pupil ids, or None. For the access rules of other kinds
    (``portal.zaken.inzage``)."""
    from .constants import BIJ_SWV
    from .models import Toelaatbaarheidsverklaring

    ids = user.swv_ids() if user.is_authenticated else set()
    if not ids:
        return None
    return Toelaatbaarheidsverklaring.objects.filter(swv_id__in=ids, status__in=BIJ_SWV).values("leerling_id")


def opp_zaken_in_behandeling(user):
    """The OPP cases attached to applications with the user's SWV, or assigned to the user as expert: their
    documents may be read (``register_document_toegang``)."""
    from .constants import BIJ_SWV
    from .models import Toelaatbaarheidsverklaring, Toewijzing

    if not user.is_authenticated:
        return None
    q = None
    ids = user.swv_ids()
    if ids:
        q = Q(swv_id__in=ids, status__in=BIJ_SWV)
    if user.heeft_rol(Rol.DESKUNDIGE):
        eigen = Q(status__in=BIJ_DESKUNDIGE, pk__in=Toewijzing.objects.filter(
            deskundige=user, ingetrokken_op__isnull=True).values("tlv_id"))
        q = eigen if q is None else q | eigen
    if q is None:
        return None
    return Toelaatbaarheidsverklaring.objects.filter(q, opp_zaak__isnull=False).values("opp_zaak_id")


def documenten_bij_aanvraag(user):
    """The OPP's documents while the application is with the user's SWV (or assigned to them as expert), and the
    documents of a bezwaar against a TLV decision of the user's SWV (it decides on it): a Q on Document, or None
    (``register_document_toegang``)."""
    q = None
    opp = opp_zaken_in_behandeling(user)
    if opp is not None:
        q = Q(zaak_id__in=opp)
    swv_ids = user.swv_ids() if user.is_authenticated else set()
    if swv_ids:
        bezwaar = Q(zaak__zaaktype="bezwaar", zaak__swv_id__in=swv_ids, zaak__betreft_besluit__besluittype="tlv")
        q = bezwaar if q is None else q | bezwaar
    return q
