"""Rows for the monitoring pages (issue #20 §2, §5; portal.monitoring): the SWV's page and the terms behind its
figures for the SWV's own staff only; a school's page for its IB'er and directeur only. Everyone else: 404.

The lists of cases behind a number (``swv_zaken``, ``school_zaken``) need ``?figuur=&sleutel=`` naming a cell the page
shows; the matrix requests them without (everyone, the page's own staff too, gets 404: no such cell). Who may open
a real cell's list is tested in tests/test_monitoring_figuren.py (``test_access_to_the_lists``,
``test_a_school_cannot_reach_cases_the_page_did_not_link``)."""

from . import Rij, ok

ROWS = [
    Rij("monitoring:swv", ok("swv"), args=lambda o: [o.swv_a.pk]),
    Rij("monitoring:swv_termijnen", ok("swv"), args=lambda o: [o.swv_a.pk]),
    Rij("monitoring:swv_zaken", {}, args=lambda o: [o.swv_a.pk]),
    Rij("monitoring:school", ok("ib", "directeur"), args=lambda o: [o.school_a.pk]),
    Rij("monitoring:school_termijnen", ok("ib", "directeur"), args=lambda o: [o.school_a.pk]),
    Rij("monitoring:school_zaken", {}, args=lambda o: [o.school_a.pk]),
]
