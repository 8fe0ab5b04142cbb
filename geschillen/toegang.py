"""Who may see a case of these kinds: one function per rule (``Zaak.objects.for_user`` composes them; helpers
with an active share are added by the core for every kind).

* klacht — confidential (D-5): the parents; the secretary of the klachtencommissie it was sent to; the members of
  the board of the school it is about; whoever that board mandated for klachten. Never the school's IB'ers, a
  directeur without such a mandate, or the SWV.
* bezwaar, geschil, schorsing, verwijdering — the parents, the IB'er/directeur of the case's school, and the
  board's members (they answer for the board). A bezwaar a school filed itself (against the SWV's TLV decision,
  C-6): also that school's IB'er and directeur. A bezwaar against an SWV's decision (no school: the SWV is the
  bevoegd gezag, the TLV): also the staff of that SWV, who hear and decide it.
* advies (W4) — the parents and the staff of the SWV it was sent to; the school only when the parents agreed to
  involve it.
"""

from django.db.models import Q

from portal.accounts.constants import Rol
from portal.zaken.toegang import ouders, ouders_en_school

KLACHT_MANDAAT = "klacht"  # the kind of decision in the mandate register that covers klachten


def klacht_bestuur_ids(user) -> set[int]:
    """Boards for which this user answers klachten: as bestuurder, or with a current mandate for klachten
    (a mandate for every kind of decision counts too)."""
    from portal.organisaties.models import Mandaat

    bewaard = getattr(user, "_klacht_bestuur_ids", None)  # once per request: every for_user asks it
    if bewaard is not None:
        return bewaard
    ids = set(user.bestuur_ids())
    if user.rollen - {Rol.OUDER, Rol.LEERLING}:  # parents and pupils hold no mandates
        for m in Mandaat.objects.geldig().filter(user=user, bestuur__isnull=False).only("bestuur_id", "besluittypen"):
            if not m.besluittypen or KLACHT_MANDAAT in m.besluittypen:
                ids.add(m.bestuur_id)
    user._klacht_bestuur_ids = ids
    return ids


def klacht_toegang(user) -> Q:
    """As a subquery on the primary key (a child's pk is its case's pk), so the rule also works on the querysets
    of other kinds (``Aanmelding.objects.for_user``), which have no ``klacht`` relation."""
    from .models import Klacht

    q = ouders(user)
    if user.heeft_rol(Rol.KLACHTENCOMMISSIE):
        q |= Q(pk__in=Klacht.objects.filter(commissie__secretarissen=user).values("pk"))
    ids = klacht_bestuur_ids(user)
    if ids:
        q |= Q(pk__in=Klacht.objects.filter(betreft_school__bestuur_id__in=ids).values("pk"))
    return q


def school_en_bestuur(user) -> Q:
    q = ouders_en_school(user)
    ids = user.bestuur_ids()
    if ids:
        q |= Q(school__bestuur_id__in=ids)
    return q


def geschil_toegang(user) -> Q:
    """As ``school_en_bestuur``, and a geschil about the SWV's own decision (no school: the TLV, filed although the
    commission does not hear TLVs — issue #22 §2 item 3): the staff of that SWV, the other party."""
    q = school_en_bestuur(user)
    swv_ids = user.swv_ids()
    if swv_ids:
        q |= Q(school__isnull=True, swv_id__in=swv_ids)
    return q


def bezwaar_toegang(user) -> Q:
    """As ``school_en_bestuur``, and the bezwaren the user's school filed itself (a subquery on the primary key: the
    TLV's bezwaar has no ``school``, its bevoegd gezag is the SWV), and those against the decision of the user's SWV
    (its staff: they hear and decide)."""
    from .models import Bezwaar

    q = school_en_bestuur(user)
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(pk__in=Bezwaar.objects.filter(indienende_school_id__in=ids).values("pk"))
    swv_ids = user.swv_ids()
    if swv_ids:  # the SWV decides (no school): its staff
        q |= Q(school__isnull=True, swv_id__in=swv_ids)
    return q


def advies_toegang(user) -> Q:
    """The case's ``school`` is set only when the parents agreed to involve the school (see the service)."""
    q = ouders(user)
    swv_ids = user.swv_ids()
    if swv_ids:
        q |= Q(swv_id__in=swv_ids)
    school_ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if school_ids:
        q |= Q(school_id__in=school_ids)
    return q



def leerplicht_meldingen(user):
    """Removals the leerplichtambtenaar is told of (Leerplichtwet 18): decided removals of pupils living in their
    municipality. Not the case itself — its reasons, hearings and letters stay with the school and the parents."""
    from .models import Verwijdering

    ids = user.gemeente_ids(Rol.LEERPLICHT)
    if not ids:
        return Verwijdering.objects.none()
    return Verwijdering.objects.filter(status="verwijderd", leerling__woongemeente_id__in=ids)
