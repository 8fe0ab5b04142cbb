"""The monitoring downloads (issue #20 §4): every figure as CSV or XLSX through the one writer
(``portal.basis.csvexport``), and the periodic report per SWV as a tagged PDF with its charts.

Stub: the URL names are fixed (``swv_download``, ``school_download``, ``swv_rapport``); the views are being built."""

from django.http import Http404


def swv_download(request, pk: int, figuur: str, formaat: str):
    raise Http404


def school_download(request, pk: int, figuur: str, formaat: str):
    raise Http404


def swv_rapport(request, pk: int):
    raise Http404
