"""Rows for the monitoring pages (issue #20 §2, §5; portal.monitoring): the SWV's page and the terms behind its
figures for the SWV's own staff only; a school's page for its IB'er and directeur only. Everyone else: 404."""

from . import Rij, ok

ROWS = [
    Rij("monitoring:swv", ok("swv"), args=lambda o: [o.swv_a.pk]),
    Rij("monitoring:swv_termijnen", ok("swv"), args=lambda o: [o.swv_a.pk]),
    Rij("monitoring:school", ok("ib", "directeur"), args=lambda o: [o.school_a.pk]),
    Rij("monitoring:school_termijnen", ok("ib", "directeur"), args=lambda o: [o.school_a.pk]),
]
