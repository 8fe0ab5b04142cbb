"""Public pages for everyone (issue #23 §3): the school finder's result pages and the school pages are the same for
every visitor, so their main content is rendered once and kept in the cache.

What is kept is the page's *content* (and its title), never the page around it: the menu of a logged-in user, the
language form with its CSRF token and the demo banner are rendered per request around the kept content. The content
is rendered without the request (no ``user``, no ``csrf_token`` in its context), so nothing of one visitor can end up
in what another visitor reads.

A kept part's key holds:

* the public version ``versie("publiek")`` (``portal.basis.versie``): a token that every change to something these
  pages show replaces — a school, its SWVs, a profile set or replaced, a published basisondersteuning, a steunpunt
  (``portal.informatie.signals``). The token is read *before* the database, so a part made from old data is stored
  under a token that a change has already replaced: after a change the page is made fresh, never served stale;
* the language of the page (nl, en, ar: never mixed);
* the build: templates, catalogues and code of this deploy (a new deploy never serves parts of the old one), and
  where the catalogues are read from;
* what the page depends on besides (the school's id, the finder's normalised question).

Redis down: every read is a miss and the page is made as before (``portal.basis.cache``); without a shared cache in
production nothing is kept (``versie.aan``).
"""

import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import versie as _versie

SLEUTEL = "publiek"
# What templates/publiek/deel.html puts between the title and the content; where a page's content leaves room for
# what differs per visitor (the aanmelden box of a school page: a parent, a visitor who is not logged in).
NA_TITEL = "<!-- publiek:inhoud -->"
BEZOEKER = "<!-- publiek:bezoeker -->"

_bouw: str | None = None
_bezig = threading.local()  # the key of the part being made (``deel``), for the fields it renders (``veld``)
_VELDEN: OrderedDict = OrderedDict()  # rendered form fields, in this process (``veld``)
_VELDEN_LOCK = threading.Lock()
VELDEN_MAX = 2000


def bouw() -> str:
    """What the kept parts of this deploy were made with: size and time of every template, catalogue and module of
    the project (read once per process; the same for every process of one deploy)."""
    global _bouw
    if _bouw is None:
        h = hashlib.blake2b(digest_size=8)
        basis = Path(settings.BASE_DIR)
        mappen = [basis / "templates", basis / "portal", *(Path(p) for p in settings.LOCALE_PATHS)]
        for map_ in mappen:
            for wortel, dirs, bestanden in os.walk(map_):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for naam in sorted(bestanden):
                    if naam.endswith((".html", ".py", ".mo", ".txt")):
                        st = os.stat(os.path.join(wortel, naam))
                        h.update(f"{wortel}/{naam}:{st.st_size}:{st.st_mtime_ns};".encode())
        _bouw = h.hexdigest()
    return _bouw


def bump() -> None:
    """Every public page is made fresh from now on (and again at the commit of the running transaction)."""
    _versie.bump(SLEUTEL)


def deel(naam: str, maak, *waarvan):
    """The kept content of a public page: ``naam`` (which page), ``waarvan`` (what else it depends on: an id, the
    normalised question), or ``maak()`` — run without anything of the visitor — and kept. The public version is read
    here, before ``maak`` reads the database."""
    basis = "|".join([_versie.versie(SLEUTEL), get_language() or "", bouw(), str(settings.LOCALE_PATHS)])
    sleutel = "|".join([basis, *(str(w) for w in waarvan)])

    def maak_met_basis():
        _bezig.basis = basis if _versie.aan() else None  # no kept parts: no kept fields either
        try:
            return maak()
        finally:
            _bezig.basis = None

    return _versie.deel(f"publiek:{naam}", sleutel, maak_met_basis)


def veld(bf, render):
    """A form field of a public page, rendered once per process for each value, error and version: the finder's
    selects (every SWV an option) cost the same on every miss however many SWVs there are. ``render(bf)`` makes the
    HTML; the key holds the public version, the language and the build (``deel``), the form, the field, its value
    and its errors — the field's HTML depends on nothing else. Outside ``deel`` it is rendered as it is."""
    basis = getattr(_bezig, "basis", None)
    if basis is None:
        return render(bf)
    form = bf.form
    sleutel = (basis, type(form).__module__, type(form).__qualname__, form.prefix, form.auto_id, form.is_bound,
               bf.html_name, repr(bf.value()), tuple(str(e) for e in bf.errors))
    with _VELDEN_LOCK:
        html = _VELDEN.get(sleutel)
        if html is not None:
            _VELDEN.move_to_end(sleutel)
            return html
    html = render(bf)
    with _VELDEN_LOCK:
        _VELDEN[sleutel] = html
        while len(_VELDEN) > VELDEN_MAX:
            _VELDEN.popitem(last=False)
    return html


def maak(template: str, context: dict) -> dict:
    """Render a public page's content (a template that extends ``publiek/deel.html``) *without the request* — no
    ``user``, no CSRF token, no context processors — into its parts: ``titel``, ``kop`` (before the visitor's room,
    if the page has one) and ``inhoud``. ``publiek/pagina.html`` puts them in the page around them."""
    html = render_to_string(template, context)
    titel, _sep, inhoud = html.partition(NA_TITEL)
    kop, plek, rest = inhoud.partition(BEZOEKER)
    if not plek:
        kop, rest = "", kop
    return {"titel": titel.strip(), "kop": kop, "inhoud": rest}


def veilig(deel_: dict) -> dict:
    """The parts as template output (they were escaped when rendered), for ``publiek/pagina.html``."""
    return {k: mark_safe(v) if isinstance(v, str) else v for k, v in deel_.items()}  # noqa: S308 (rendered templates)
