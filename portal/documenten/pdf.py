"""One helper to render a PDF from a template (STYLE §5): WeasyPrint imported lazily, fonts and CSS
from local files (no network), rendered in Dutch."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

PDF_CSS = Path(settings.BASE_DIR) / "static" / "css" / "pdf.css"


def _no_network(url, *args, **kwargs):
    raise ValueError(f"PDF rendering fetches nothing from the network ({url})")


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import CSS, HTML

    with translation.override("nl"):
        html = render_to_string(template, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_no_network).write_pdf(
        stylesheets=[CSS(filename=str(PDF_CSS))]
    )
