"""Rows for the thuiszitters' URLs (issue #20 §1). School A's IB'er and directeur see and act on their pupil's case;
the staff of school A's SWV see it (and act on it: plan, leerplicht, end); the parent with gezag sees it and gives
their view; the pupil (younger than 12) does not; school B's IB'er may open the list and register for their own
school, but never sees school A's case. The leerplichtambtenaar of the municipality the pupil lives in reads the case,
has their own list and report form, and records their follow-up — no other action; the SWV's staff register a child
not enrolled anywhere."""

from . import Rij, ok

SCHOOL = ("ib", "directeur")
PK = lambda o: [o.thuiszitter.pk]  # noqa: E731


def objecten(w):
    from datetime import timedelta

    from django.utils import timezone

    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership
    from portal.leerlingen.models import Leerling
    from thuiszitters import services as s

    # the pupil lives where the leerplicht persona works now (rows_geschillen moves that persona to its own town)
    gemeente_id = Membership.objects.filter(user=w.leerplicht, rol=Rol.LEERPLICHT).values_list("gemeente_id",
                                                                                                flat=True).first()
    Leerling.objects.filter(pk=w.kind_a.pk).update(woongemeente_id=gemeente_id)
    w.kind_a.woongemeente_id = gemeente_id
    w.thuiszitter = s.thuiszitter_registreer(leerling=w.kind_a, school=w.school_a, door=w.ib,
                                             sinds=timezone.localdate() - timedelta(days=7), soort="relatief",
                                             reden="geen_plek")


ROWS = [
    Rij("thuiszitters:lijst", ok(*SCHOOL, "ib_ander", "swv")),
    Rij("thuiszitters:nieuw", ok(*SCHOOL, "ib_ander")),
    Rij("thuiszitters:nieuw_swv", ok("swv")),
    Rij("thuiszitters:leerplicht_lijst", ok("leerplicht")),
    Rij("thuiszitters:melden", ok("leerplicht")),
    Rij("thuiszitters:detail", ok("ouder", *SCHOOL, "swv", "leerplicht"), args=PK),
    # the actions, POSTed without data: the case page again with the form's errors (200) for whoever may act
    Rij("thuiszitters:plan", ok(*SCHOOL, "swv"), args=PK, methode="POST"),
    Rij("thuiszitters:verzuim", ok(*SCHOOL), args=PK, methode="POST"),
    Rij("thuiszitters:leerplicht", ok(*SCHOOL, "swv"), args=PK, methode="POST"),
    Rij("thuiszitters:mening", ok("ouder", *SCHOOL, "swv"), args=PK, methode="POST"),
    Rij("thuiszitters:beeindigen", ok(*SCHOOL, "swv"), args=PK, methode="POST"),
    Rij("thuiszitters:opvolging", ok("leerplicht"), args=PK, methode="POST"),
    # no case chosen is a valid answer (the links emptied): done, back to the case page
    Rij("thuiszitters:koppelen", ok(*SCHOOL, "swv", code=302), args=PK, methode="POST"),
]
