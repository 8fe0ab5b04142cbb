"""What every PDF the portal renders must be (issue #7 §2): PDF/A-3a and PDF/UA-1 — its language and title set and
shown, tagged, with a structure tree that every page belongs to (a page copied in from another PDF would not)."""

import io

from pypdf import PdfReader


def _getallen(boom) -> set:
    """The keys of a number tree (the ParentTree): its /Nums, and those of its /Kids."""
    boom = boom.get_object()
    uit = set(boom.get("/Nums", [])[::2])
    for kind in boom.get("/Kids", []):
        uit |= _getallen(kind)
    return uit


def toegankelijk(pdf) -> dict:
    """``pdf``: a path or the bytes of a PDF."""
    r = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    root = r.trailer["/Root"]
    xmp = r.xmp_metadata.stream.get_data().decode()
    structuur = "/StructTreeRoot" in root
    sleutels = [p.get("/StructParents") for p in r.pages]
    bekend = _getallen(root["/StructTreeRoot"]["/ParentTree"]) if structuur else set()
    return {
        "lang": str(root.get("/Lang")), "titel": r.metadata.title, "tagged": bool(root["/MarkInfo"]["/Marked"]),
        "structuur": structuur, "titel_tonen": bool(root["/ViewerPreferences"]["/DisplayDocTitle"]),
        "pdfa": 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp, "pdfua": 'pdfuaid:part="1"' in xmp,
        "elke_pagina_getagd": None not in sleutels and len(set(sleutels)) == len(sleutels) and set(sleutels) <= bekend,
    }
