"""The OPP as a case kind: status table, access, tracker step. Registered from ``AppConfig.ready``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.zaken.registry import Stap, Status, Zaaktype, overgang, register_zaaktype
from portal.zaken.toegang import ouders_en_school

from .constants import Status as S

STATUSSEN = (
    Status(S.OP_TE_STELLEN, _l("Op te stellen"), _l("De school maakt met u het ontwikkelingsperspectief")),
    Status(S.VASTGESTELD, _l("Vastgesteld"), _l("Het ontwikkelingsperspectief is vastgesteld")),
    Status(S.BEEINDIGD, _l("Beëindigd"), _l("Het ontwikkelingsperspectief is beëindigd"), eind=True),
)
OVERGANGEN = (
    overgang(S.OP_TE_STELLEN, S.VASTGESTELD, "ondertekenaar", "systeem"),
    overgang((S.OP_TE_STELLEN, S.VASTGESTELD), S.BEEINDIGD, "school", "systeem"),
)


def stap(opp) -> Stap:
    b2 = opp.klokken.get("B-2")
    if opp.status == S.OP_TE_STELLEN:
        return Stap(_("De school maakt samen met u een plan voor de ondersteuning van uw kind: het "
                      "ontwikkelingsperspectief."), _("De school nodigt u uit voor een gesprek over het plan."),
                    opp.school.naam, b2.uiterlijk if b2 and not b2.gesloten_op else None)
    return Stap(opp.status_ouder)


def register():
    register_zaaktype(Zaaktype(
        code="opp", naam=_l("Ontwikkelingsperspectief"), model="opp.Ontwikkelingsperspectief", statussen=STATUSSEN,
        overgangen=OVERGANGEN, toegang=ouders_en_school, url_ouder="opp:detail", url_staf="opp:detail", stap=stap,
    ))
