"""One helper to render a PDF from a template (STYLE §5): WeasyPrint imported lazily, fonts and CSS
from local files (no network), rendered in the letter's language.

Every PDF is archival and accessible (issue #7 §2): PDF/A-3a — which is tagged (structure tree,
reading order, headings, alternative texts) and carries its language and title, shown as the window
title — and it declares PDF/UA-1 conformance in its metadata, so a parent with a screen reader can
read a decision and the letter can be kept for years.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

PDF_CSS = Path(settings.BASE_DIR) / "static" / "css" / "pdf.css"
PDFUA_XMP = (
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="" pdfuaid:part="1"/>'
    b"</rdf:RDF>"
)


def _no_network(url, *args, **kwargs):
    raise ValueError(f"PDF rendering fetches nothing from the network ({url})")


def render_html(template: str, context: dict, *, taal: str = "nl") -> str:
    with translation.override(taal):
        return render_to_string(template, context)


def render_document(template: str, context: dict, *, taal: str = "nl"):
    """``template`` laid out as a WeasyPrint document (not yet written): to combine several into one PDF."""
    from weasyprint import CSS, HTML

    html = render_html(template, context, taal=taal)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_no_network).render(
        stylesheets=[CSS(filename=str(PDF_CSS))], pdf_variant="pdf/a-3a")


def schrijf_pdf(documenten: list, *, bijlagen: tuple = ()) -> bytes:
    """One tagged PDF/A-3a that also claims PDF/UA-1, from one or more laid-out documents (their pages in order,
    the first one's title and language) with ``bijlagen`` (WeasyPrint ``Attachment``) as associated files."""
    eerste = documenten[0]
    document = eerste.copy([p for d in documenten for p in d.pages]) if len(documenten) > 1 else eerste
    document.metadata.xmp_metadata.append(PDFUA_XMP)
    return document.write_pdf(pdf_variant="pdf/a-3a", attachments=list(bijlagen) or None)


def render_pdf(template: str, context: dict, *, taal: str = "nl") -> bytes:
    """Render ``template`` (which extends ``documenten/pdf/basis.html``: it sets ``<title>`` and
    ``<html lang>``) as a tagged PDF/A-3a that also claims PDF/UA-1."""
    return schrijf_pdf([render_document(template, context, taal=taal)])
