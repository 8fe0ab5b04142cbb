"""Rows for the public information's URLs (issue #13). Public pages: everyone 200, anonymous too. The checklists:
a child's for the parents with gezag only; a school's self-assessment for its IB'er and directeur; an SWV's for its
staff; a parent's feedback to a school for that parent (filling in) and the school's IB'er and directeur (reading)."""

from . import PERSONAS, Rij, ok

SCHOOL = ("ib", "directeur")


def objecten(w):
    from portal.informatie.constants import ChecklistSoort
    from portal.informatie.models import Checklist
    from portal.informatie.services import checklist_bewaar

    w.checklist_kind = checklist_bewaar(checklist=Checklist(soort=ChecklistSoort.KIND, leerling=w.kind_a), door=w.ouder,
                                        antwoorden={"kind_plezier": ("ja", "")}).checklist
    w.checklist_terug = checklist_bewaar(
        checklist=Checklist(soort=ChecklistSoort.SCHOOL, school=w.school_a, terugkoppeling=True, ouder=w.ouder),
        door=w.ouder, antwoorden={"school_opp": ("nee", "")}).checklist


def _publiek(naam, args=None):
    return Rij(naam, ok(*PERSONAS), args=args, anoniem=200)


ROWS = [
    _publiek("informatie:home"),
    _publiek("informatie:zoeken"),
    _publiek("informatie:school", args=lambda o: [o.school_a.pk]),
    _publiek("informatie:recht", args=lambda o: ["zorgplicht"]),
    _publiek("informatie:begrippen"),
    _publiek("informatie:hulp"),
    _publiek("informatie:checklists"),
    _publiek("informatie:checklist_leeg", args=lambda o: ["kind"]),
    _publiek("informatie:checklist_leeg_pdf", args=lambda o: ["kind"]),
    Rij("informatie:checklist_kind", ok("ouder"), args=lambda o: [o.kind_a.pk]),
    Rij("informatie:checklist_school", ok(*SCHOOL), args=lambda o: [o.school_a.pk]),
    Rij("informatie:checklist_swv", ok("swv"), args=lambda o: [o.swv_a.pk]),
    Rij("informatie:terugkoppeling", ok("ouder"), args=lambda o: [o.school_a.pk]),
    Rij("informatie:checklist", ok("ouder"), args=lambda o: [o.checklist_kind.pk]),
    Rij("informatie:checklist_pdf", ok("ouder"), args=lambda o: [o.checklist_kind.pk]),
    Rij("informatie:terugkoppelingen", ok(*SCHOOL, "ib_ander")),
    Rij("informatie:steunpunt", ok("swv"), args=lambda o: [o.swv_a.pk]),
]
