"""Letter kinds, registered by the domain apps that write them (``register_brief``); the kinds of heavy documents made
on request in the worker (``register_export``), e.g. geschillen's dossier."""

from collections.abc import Callable
from dataclasses import dataclass

from portal.basis.registry import Registry, sleutel_van


@dataclass(frozen=True)
class BriefSoort:
    code: str  # "aanmelding.besluit"
    titel: str  # shown in lists and as the PDF's title, e.g. "Besluit op de aanmelding"
    template: str  # "aanmelding/pdf/besluit.html", extends "documenten/pdf/basis.html"


SOORTEN = Registry("brieven", "letter kinds: title and template, per app")
EXPORTS = Registry("exports", "heavy documents made on request in the worker (a dossier): fingerprint, render, access")
DOCUMENT_TOEGANG = Registry("documenttoegang", "extra read access to documents beyond the case's own rule")
SWV_ADRES = Registry("swvadres", "an SWV's postal address for the header of its letters (the core's SWV has none)")


def register_brief(code: str, titel, template: str) -> BriefSoort:
    soort = BriefSoort(code, titel, template)
    SOORTEN.register(code, soort)
    return soort


def brief_soort(code: str) -> BriefSoort:
    return SOORTEN[code]


def register_swv_adres(func) -> None:
    """``func(swv) -> str``: the SWV's postal address, shown in the header of a letter the SWV sends (a case without a
    school: a TLV decision, the SWV's side in a bezwaar or geschil), like a school's. The core's
    ``Samenwerkingsverband`` has no address; the app that keeps one (tlv: the TLV desk's ``postadres``) registers it."""
    SWV_ADRES.register(sleutel_van(func), func)


def swv_adres(swv) -> str:
    for func in SWV_ADRES.values():
        if adres := (func(swv) or "").strip():
            return adres
    return ""


@dataclass(frozen=True)
class ExportSoort:
    """A document too heavy to make in a web request, made by the worker for one reader of one case (issue #19
    defect 8). The app that owns it registers three functions, each called with ``zaak=`` and ``user=``:

    * ``versie`` — a fingerprint of what this reader's document would contain, from cheap queries (ids, counts, last
      timestamps), never by rendering it: while it is unchanged the stored file is handed out again;
    * ``render`` — the PDF's bytes (run in the worker only);
    * ``mag`` — whether the reader may have it, asked when it is requested, before it is made and at every download.
    """

    code: str  # "geschillen.dossier"
    titel: str  # "Dossier", shown on the page and in the audit trail ("Dossier (PDF)")
    versie: Callable
    render: Callable
    mag: Callable
    bestandsnaam: str = "{code}-{zaak}.pdf"  # formatted with code (dots as dashes) and zaak (the case's id)


def register_export(soort: ExportSoort) -> ExportSoort:
    EXPORTS.register(soort.code, soort)
    return soort


def export_soort(code: str) -> ExportSoort:
    return EXPORTS[code]


def register_document_toegang(func) -> None:
    """``func(user) -> Q on Document | None``: extra access beyond the case's own rule — e.g. a school
    asked to admit a child sees the documents the parents allowed to share (A-10)."""
    DOCUMENT_TOEGANG.register(sleutel_van(func), func)


def document_toegang_q(user):
    from django.db.models import Q

    from portal.zaken.models import Zaak

    q = Q(zaak__in=Zaak.objects.for_user(user).values("pk"))
    for func in DOCUMENT_TOEGANG.values():
        extra = func(user)
        if extra is not None:
            q |= extra
    return q
