"""Charts as SVG, rendered on the server by pygal (issue #20 §3): no JavaScript, no outside service.

Why pygal: it is a small pure-Python library (no numpy, no C extension) whose only output is SVG, with classes
on every element; matplotlib would bring numpy and a raster stack and writes a ``style`` attribute on every element.

The page's Content-Security-Policy allows no inline style or script (``style-src 'self'``), so the SVG is cleaned
after rendering: pygal's ``<style>``, scripts, tooltips and ``style`` attributes are removed, and the look comes
from the static stylesheet ``static/monitoring/grafiek.css`` (linked by the page and by a PDF). The chart is
``role="img"`` with a ``<title>`` and a ``<desc>`` (the short summary); its numbers are in the table beside it.
Readable in black and white: every bar and point carries its value as text, the series differ in grey tone,
line dash and point shape, not by colour alone.
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pygal
from django.conf import settings
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

_STIJL = pygal.style.Style(
    background="white", plot_background="white", foreground="#000", foreground_strong="#000",
    foreground_subtle="#444", colors=("#222222", "#9a9a9a", "#5a5a5a"), font_family="sans-serif",
    value_font_size=14, label_font_size=13, major_label_font_size=13, legend_font_size=14, title_font_size=16,
)


def _config(**kw) -> dict:
    return {"style": _STIJL, "js": [], "disable_xml_declaration": True, "no_prefix": True, "explicit_size": False,
            "print_values": True, "legend_at_bottom": True, "width": 720, "height": 360, "margin": 16,
            "margin_right": 40, "show_y_guides": True, "truncate_label": -1, "truncate_legend": -1,
            "no_data_text": gettext("Nog geen gegevens")} | kw


def _schoon(svg: str, *, id_: str, titel: str, samenvatting: str) -> str:
    """pygal's SVG without inline style or script, with an accessible name and description."""
    wortel = ET.fromstring(svg)  # noqa: S314  (pygal's own output of our numbers; labels escaped by pygal)
    for ouder in list(wortel.iter()):
        for kind in list(ouder):
            tag = kind.tag.split("}")[-1]
            klasse = kind.get("class", "")
            if (tag in ("style", "script", "title") or "tooltip" in klasse.split() or "tooltip-overlay" in klasse.split()
                    or (tag == "desc" and klasse)):
                ouder.remove(kind)
    for el in wortel.iter():
        el.attrib.pop("style", None)
    wortel.set("id", id_)
    wortel.set("class", "grafiek pygal-chart")
    wortel.set("role", "img")
    wortel.set("aria-labelledby", f"{id_}-titel {id_}-desc")
    wortel.set("focusable", "false")
    desc = ET.Element(f"{{{SVG}}}desc", {"id": f"{id_}-desc"})
    desc.text = samenvatting
    titel_el = ET.Element(f"{{{SVG}}}title", {"id": f"{id_}-titel"})
    titel_el.text = titel
    wortel.insert(0, desc)
    wortel.insert(0, titel_el)
    # plain names and the namespace as an attribute: another library may have registered a prefix for SVG (WeasyPrint
    # does: "svg:svg"), and an HTML parser does not read a prefixed element as SVG
    for el in wortel.iter():
        if isinstance(el.tag, str):
            el.tag = el.tag.split("}")[-1]
        for sleutel in [k for k in el.attrib if k.startswith("{")]:
            el.set(("xlink:" if sleutel.startswith(f"{{{XLINK}}}") else "") + sleutel.split("}")[-1], el.attrib.pop(sleutel))
    wortel.set("xmlns", SVG)
    wortel.set("xmlns:xlink", XLINK)
    tekst = ET.tostring(wortel, encoding="unicode")
    return re.sub(r"<!--.*?-->", "", tekst, flags=re.S)


def staafgrafiek(*, id_: str, titel: str, samenvatting: str, labels: list[str],
                 reeksen: list[tuple[str, list[int | None]]], y_titel: str = "") -> str:
    """Bars per label, one bar per series, each with its value printed on it."""
    hoogste = max([w for _naam, ws in reeksen for w in ws if w is not None] or [0])
    stap = max(1, -(-int(hoogste) // 5))  # whole numbers on the axis, at most about six of them
    c = pygal.Bar(**_config(y_title=y_titel, y_labels=list(range(0, int(hoogste) + stap + 1, stap)),
                            formatter=lambda v: number_format(v, use_l10n=True)))
    c.x_labels = labels
    for naam, waarden in reeksen:
        c.add(naam, waarden)
    return mark_safe(_schoon(c.render(is_unicode=True), id_=id_, titel=titel, samenvatting=samenvatting))  # noqa: S308


def lijngrafiek(*, id_: str, titel: str, samenvatting: str, labels: list[str],
                reeksen: list[tuple[str, list[int | None]]], y_titel: str = "") -> str:
    """A line per series over the labels (quarters), 0–100 %; the series differ in dash and point shape."""
    c = pygal.Line(**_config(y_title=y_titel, range=(0, 100), dots_size=5, allow_interruptions=True,
                             formatter=lambda v: f"{v} %"))
    c.x_labels = labels
    streep = ("", "8, 4", "2, 4")
    for i, (naam, waarden) in enumerate(reeksen):
        c.add(naam, waarden, stroke_style={"width": 3, "dasharray": streep[i % 3]} if streep[i % 3] else {"width": 3})
    return mark_safe(_schoon(c.render(is_unicode=True), id_=id_, titel=titel, samenvatting=samenvatting))  # noqa: S308


def liggend(*, id_: str, titel: str, samenvatting: str, labels: list[str],
            reeksen: list[tuple[str, list[int | float | None]]], y_titel: str = "") -> str:
    """Horizontal bars, for long labels (refusal grounds, school names): a bar per series per label, its value
    printed beside it. The height grows with the number of bars, so every label stays readable."""
    hoogste = max([w for _naam, ws in reeksen for w in ws if w is not None] or [0])
    stap = max(1, -(-int(hoogste) // 5))
    balken = max(1, len(labels) * max(1, len(reeksen)))
    c = pygal.HorizontalBar(**_config(
        x_title=y_titel, y_labels=list(range(0, int(hoogste) + stap + 1, stap)),
        height=max(240, 120 + 28 * balken), formatter=lambda v: number_format(v, use_l10n=True),
        # a label wider than the chart leaves pygal no room to draw (it loops): at most 40 characters on the axis,
        # the full label is in the table beside the chart
        truncate_label=40))
    c.x_labels = labels
    for naam, waarden in reeksen:
        c.add(naam, waarden)
    return mark_safe(_schoon(c.render(is_unicode=True), id_=id_, titel=titel, samenvatting=samenvatting))  # noqa: S308


def teken(tabel) -> str:
    """The chart of a figure (``figuren.Tabel.grafiek``) as SVG, or "" when it has none: the same call for the page
    and the PDF report (``voor_pdf`` around it)."""
    g = tabel.grafiek
    if g is None:
        return ""
    teken_functie = {"staaf": staafgrafiek, "lijn": lijngrafiek, "liggend": liggend}[g.soort]
    reeksen = [(str(naam), [None if w is None else (float(w) if not isinstance(w, int) else w) for w in waarden])
               for naam, waarden in g.reeksen]
    return teken_functie(id_=f"grafiek-{tabel.id}", titel=str(tabel.titel), samenvatting=str(tabel.samenvatting),
                         labels=[str(x) for x in g.labels], reeksen=reeksen, y_titel=str(g.y_titel))


CSS = Path(settings.BASE_DIR) / "static" / "monitoring" / "grafiek.css"


def voor_pdf(svg: str) -> str:
    """The chart for a PDF (no CSP there): WeasyPrint applies a page's stylesheet to HTML, not inside an SVG, so the
    chart's stylesheet goes into the SVG itself."""
    # only the rules inside the chart (the root's size is the page's business: a fixed width here)
    css = "".join(r + "}" for r in CSS.read_text().replace("<", "").split("}") if ".grafiek " in r.split("{")[0])
    svg = svg.replace("<svg ", '<svg width="16cm" height="8cm" ', 1)
    titel_einde = svg.index("</desc>") + len("</desc>")
    return mark_safe(f"{svg[:titel_einde]}<style>{css}</style>{svg[titel_einde:]}")  # noqa: S308


liggende_staafgrafiek = liggend  # the name the export module looks for
