"""Query parameters, read one way everywhere (issue #19, defect 5).

``str.isdigit()`` is true for "²" and "١٢" (Arabic-Indic digits), and ``int("²")`` raises: four pages gave a 500 on
``?school=%C2%B2``. A NUL byte in a search reached PostgreSQL, which refuses it in a text value (another 500).

* ``id_param(query, "school")`` — an object id: ASCII digits only, at most 18 of them (fits a bigint), not 0;
  anything else is ``None`` (the page then behaves as without the parameter, or says it does not know it).
* ``tekst_param(query, "zoek")`` — free text from the address bar: control and invisible formatting characters
  (NUL among them) removed, surrounding space stripped, cut to ``max_lengte`` characters.
* ``keuze_param(query, "status", {"open", "alle"}, "open")`` — one of a fixed set, else the default.

``query`` is a ``QueryDict`` (``request.GET``, ``request.POST``) or any mapping of str to str.
"""

import unicodedata
from collections.abc import Container, Mapping

ID_MAX_CIJFERS = 18  # 10**18 - 1 < 2**63 - 1: always within PostgreSQL's bigint


def parse_id(waarde) -> int | None:
    """``waarde`` as an object id, or None: ASCII digits only (no sign, no space, no "²" or "١٢"), 1 to 18 of them,
    greater than 0."""
    if not isinstance(waarde, str) or not 0 < len(waarde) <= ID_MAX_CIJFERS:
        return None
    if not (waarde.isascii() and waarde.isdigit()):
        return None
    getal = int(waarde)
    return getal or None


def id_param(query: Mapping, naam: str) -> int | None:
    """The id in ``query[naam]``, or None when it is missing or not a plain id (see ``parse_id``)."""
    return parse_id(query.get(naam)) if query is not None else None


def zonder_stuurtekens(waarde: str) -> str:
    """``waarde`` without control characters (NUL, line breaks, escape) and invisible formatting ones (direction
    overrides, zero-width spaces): what a search in the address bar never needs, and PostgreSQL refuses (NUL)."""
    return "".join(ch for ch in waarde if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))


def tekst_param(query: Mapping, naam: str, *, max_lengte: int = 100, standaard: str = "") -> str:
    """Free text from ``query[naam]``: control characters removed, stripped, at most ``max_lengte`` characters."""
    waarde = query.get(naam) if query is not None else None
    if not isinstance(waarde, str):
        return standaard
    # cut before cleaning too: a 10 MB parameter is not walked character by character
    return zonder_stuurtekens(waarde[: max_lengte * 4]).strip()[:max_lengte]


def keuze_param(query: Mapping, naam: str, keuzes: Container[str], standaard: str = "") -> str:
    """``query[naam]`` when it is one of ``keuzes``, else ``standaard``."""
    waarde = query.get(naam) if query is not None else None
    return waarde if isinstance(waarde, str) and len(waarde) <= 100 and waarde in keuzes else standaard
