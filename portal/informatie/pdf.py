"""The checklists as PDFs to take to a meeting (DOMAIN §5 P9, §6; issue #13 §5): tick boxes that read in black and
white, the answers with their dates, the notes, the date the PDF was made and page numbers — in the language the
user chose. Rendered on demand through the core's ``render_pdf`` (tagged PDF/A-3a, PDF/UA-1); a checklist is not a
case letter, so it is not stored."""

from django.conf import settings
from django.utils import timezone

from portal.documenten.pdf import render_pdf

from .checklists import groepen
from .constants import Antwoord, ChecklistSoort


def checklist_pdf(*, soort: str, taal: str, checklist=None, versie=None, titel: str = "") -> bytes:
    """A filled-in checklist (``checklist`` and ``versie``) or, without them, the blank list."""
    antwoorden = {a.item: a for a in versie.antwoorden.all()} if versie else {}
    basis = settings.PORTAL_BASE_URL.rstrip("/")
    rijen = [(label, [{"item": i, "a": antwoorden.get(i.code), "url": basis + i.uitleg_url} for i in items])
             for _code, label, items in groepen(soort)]
    return render_pdf("informatie/pdf/checklist.html", {
        "soort_label": ChecklistSoort(soort).label, "titel": titel, "checklist": checklist, "versie": versie,
        "groepen": rijen, "keuzes": Antwoord.choices, "gemaakt_op": timezone.localtime(),
        "basis_url": basis}, taal=taal)
