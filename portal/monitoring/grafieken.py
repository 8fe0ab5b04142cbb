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

import pygal
from django.utils.formats import number_format
from django.utils.safestring import mark_safe

SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")

_STIJL = pygal.style.Style(
    background="white", plot_background="white", foreground="#000", foreground_strong="#000",
    foreground_subtle="#444", colors=("#222222", "#9a9a9a", "#5a5a5a"), font_family="sans-serif",
    value_font_size=14, label_font_size=13, major_label_font_size=13, legend_font_size=14, title_font_size=16,
)


def _config(**kw) -> dict:
    return {"style": _STIJL, "js": [], "disable_xml_declaration": True, "no_prefix": True, "explicit_size": False,
            "print_values": True, "legend_at_bottom": True, "width": 720, "height": 360, "margin": 16,
            "show_y_guides": True, "truncate_label": -1, "truncate_legend": -1} | kw


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
    tekst = ET.tostring(wortel, encoding="unicode")
    return re.sub(r"<!--.*?-->", "", tekst, flags=re.S)


def staafgrafiek(*, id_: str, titel: str, samenvatting: str, labels: list[str],
                 reeksen: list[tuple[str, list[int | None]]], y_titel: str = "") -> str:
    """Bars per label, one bar per series, each with its value printed on it."""
    c = pygal.Bar(**_config(y_title=y_titel, min_scale=1, formatter=lambda v: number_format(v, use_l10n=True)))
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
