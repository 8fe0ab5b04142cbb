"""One OPP version as PDF (issue #10 item 8), the same for the page (views.pdf) and the API (api.OppViewSet.pdf):
both parts, the instemming record with names and dates, the pupil's and the parents' views, the OOGO meetings and
the evaluations; rendered on demand (a stored letter is the vaststelling). The caller audits it as a download."""

from types import SimpleNamespace

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.documenten.pdf import render_pdf

from . import selectors as sel
from . import services as s


def versie_pdf(opp, versie) -> tuple[bytes, str]:
    """The PDF of ``versie`` of ``opp`` (whose ``klokken`` are read) and its file name."""
    b5 = opp.klokken.get("B-5")
    inhoud = render_pdf("opp/pdf/versie.html", {
        "zaak": opp, "v": versie, "g": s.versie_gegevens(opp, versie),
        "titel": _("Ontwikkelingsperspectief %(naam)s, versie %(n)s") % {"naam": opp.leerling.naam, "n": versie.nummer},
        "brief": SimpleNamespace(aangemaakt_op=timezone.now()), "evaluaties": sel.evaluaties(opp, versie=versie),
        "b5": b5 if b5 and not b5.gesloten_op else None})
    return inhoud, f"opp-{opp.pk}-versie-{versie.nummer}.pdf"
