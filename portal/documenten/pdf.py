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
        return render_to_string(template, {"LANGUAGE_CODE": taal, **context})


def render_document(template: str, context: dict, *, taal: str = "nl"):
    """``template`` laid out as a WeasyPrint document (not yet written): to combine several into one PDF. The
    document remembers its language (``portal_taal``): ``schrijf_pdf`` tags its pages with it."""
    from weasyprint import CSS, HTML

    html = render_html(template, context, taal=taal)
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_no_network).render(
        stylesheets=[CSS(filename=str(PDF_CSS))], pdf_variant="pdf/a-3a")
    document.portal_taal = taal
    return document


def _talen_van_paginas(talen: list[str]):
    """A WeasyPrint finisher: WeasyPrint 70 writes the language only in the catalogue (the first document's
    ``<html lang>``), so every structure element of a page in another language gets its own ``/Lang`` (PDF/UA-1
    7.2: a change of language is marked), e.g. the English courtesy pages after the Dutch letter."""
    def finisher(document, pdf):
        import pydyf

        hoofdtaal = talen[0]
        anders = {}
        for nummer, taal in enumerate(talen):
            if taal != hoofdtaal:
                anders[id(pdf.page_references[nummer])] = taal
                anders[str(pdf.page_references[nummer])] = taal
        if not anders:
            return
        for obj in pdf.objects:
            if isinstance(obj, dict) and obj.get("Type") == "/StructElem" and "Pg" in obj:
                taal = anders.get(id(obj["Pg"])) or anders.get(str(obj["Pg"]))
                if taal:
                    obj["Lang"] = pydyf.String(taal)
    return finisher


def schrijf_pdf(documenten: list, *, bijlagen: tuple = ()) -> bytes:
    """One tagged PDF/A-3a that also claims PDF/UA-1, from one or more laid-out documents (their pages in order,
    the first one's title and language) with ``bijlagen`` (WeasyPrint ``Attachment``) as associated files. Pages of
    a document in another language than the first carry that language on their structure elements."""
    eerste = documenten[0]
    document = eerste.copy([p for d in documenten for p in d.pages]) if len(documenten) > 1 else eerste
    document.metadata.xmp_metadata.append(PDFUA_XMP)
    talen = [getattr(d, "portal_taal", "nl") for d in documenten for _ in d.pages]
    return document.write_pdf(pdf_variant="pdf/a-3a", attachments=list(bijlagen) or None,
                              finisher=_talen_van_paginas(talen))


def render_pdf(template: str, context: dict, *, taal: str = "nl") -> bytes:
    """Render ``template`` (which extends ``documenten/pdf/basis.html``: it sets ``<title>`` and
    ``<html lang>``) as a tagged PDF/A-3a that also claims PDF/UA-1."""
    return schrijf_pdf([render_document(template, context, taal=taal)])
