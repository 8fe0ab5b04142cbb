"""Rows for the monitoring downloads (issue #20 §4; portal.monitoring.exports): the SWV's figures, its download-only
figures (the inspectie's thuiszitters overview) and its PDF report for the SWV's own staff only; a school's figures
for its IB'er and directeur only. Everyone else: 404, as on the pages. (Importing ``thuiszitters.inspectie``
registers the overview, as ``thuiszitters.monitoring`` does in the running portal.)"""

from thuiszitters.inspectie import FIGUUR_ID

from . import Rij, ok

ROWS = [
    Rij("monitoring:swv_download", ok("swv"), args=lambda o: [o.swv_a.pk, FIGUUR_ID, "csv"]),
    Rij("monitoring:school_download", ok("ib", "directeur"), args=lambda o: [o.school_a.pk, FIGUUR_ID, "xlsx"]),
    Rij("monitoring:swv_rapport", ok("swv"), args=lambda o: [o.swv_a.pk]),
]
