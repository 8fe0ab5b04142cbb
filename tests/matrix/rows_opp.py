"""Rows for the OPP's URLs."""

from . import Rij, ok

ROWS = [
    Rij("opp:home", ok("ib", "directeur", "ib_ander")),
    Rij("opp:detail", ok("ouder", "ib", "directeur"), args=lambda o: [o.zaak_a.pk]),
    Rij("opp:document", ok("ib", "directeur"), args=lambda o: [o.zaak_a.pk], methode="POST"),  # form errors: 200
]
