"""The AVG request (correction or erasure) as a case kind of the core: status table, access, the family's tracker
line and the staff's task on their start page. Registered from ``AppConfig.ready``."""

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.accounts.constants import Rol
from portal.zaken.hoorrecht import kinderen_q
from portal.zaken.registry import Stap, Status, Taak, Zaaktype, overgang, register_taken, register_zaaktype

from .models import RechtenverzoekStatus as S
from .termijnen import REGEL_ANTWOORD

STATUSSEN = (
    Status(S.INGEDIEND, _l("Ingediend: wacht op antwoord"), _l("De organisatie bekijkt uw verzoek")),
    Status(S.BEANTWOORD, _l("Beantwoord"), _l("Uw verzoek is beantwoord"), eind=True),
    Status(S.INGETROKKEN, _l("Ingetrokken"), _l("U heeft het verzoek ingetrokken"), eind=True),
)
OVERGANGEN = (
    overgang(S.INGEDIEND, S.BEANTWOORD, "school", "swv"),
    overgang(S.INGEDIEND, S.INGETROKKEN, "ouder"),
)


def toegang(user) -> Q:
    """The family that reads the pupil's cases, and the organisation the request is addressed to: the IB'er and
    directeur of its school, or the staff of its SWV. Nobody else (not a helper, not the board)."""
    q = kinderen_q(user)
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    swv_ids = user.swv_ids() if user.heeft_rol(Rol.SWV) else set()
    if swv_ids:
        q |= Q(swv_id__in=swv_ids, school__isnull=True)
    return q


def stap(zaak) -> Stap:
    if zaak.status == S.INGEDIEND:
        klok = zaak.klokken.get(REGEL_ANTWOORD)
        return Stap(_("De organisatie bekijkt uw verzoek."), _("U krijgt een antwoord."), aan_zet="school",
                    uiterlijk=klok.uiterlijk if klok else None,
                    nu_anderen=_("De organisatie bekijkt het verzoek."), volgende_anderen=_("Het verzoek beantwoorden."))
    return Stap(str(zaak.status_ouder))


def taken(user) -> list[Taak]:
    """Open AVG requests addressed to the user's school(s) or SWV, the earliest term first."""
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    swv_ids = user.swv_ids() if user.heeft_rol(Rol.SWV) else set()
    if not ids and not swv_ids:
        return []
    from portal.termijnen.models import Clock
    from portal.zaken.models import Zaak

    klok = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id=REGEL_ANTWOORD, gesloten_op__isnull=True)
    zaken = (Zaak.objects.filter(zaaktype="avg", status=S.INGEDIEND)
             .filter(Q(school_id__in=ids) | Q(swv_id__in=swv_ids, school__isnull=True))
             .annotate(g3=Subquery(klok.values("uiterlijk")[:1])).order_by("g3", "pk")[:20])
    return [Taak(_("AVG-verzoek beantwoorden: %(nr)s") % {"nr": z.nummer}, reverse("privacy:verzoek", args=[z.pk]),
                 uiterlijk=z.g3, soort="beantwoorden") for z in zaken]


def _verlengd(g, voor_ouders: bool) -> str:
    d = g.gegevens or {}
    datum = d.get("datum")
    return _("Het antwoord komt later: uiterlijk %(datum)s. Reden: %(reden)s") % {
        "datum": datum.strftime("%d-%m-%Y") if hasattr(datum, "strftime") else datum, "reden": d.get("reden", "")}


def registreer() -> None:
    register_zaaktype(Zaaktype(
        code="avg", naam=_l("AVG-verzoek"), model="privacy.Rechtenverzoek", statussen=STATUSSEN,
        overgangen=OVERGANGEN, toegang=toegang, url_ouder="privacy:verzoek", url_staf="privacy:verzoek", stap=stap,
        gebeurtenissen={"avg_verlengd": _verlengd}))
    register_taken(taken)
