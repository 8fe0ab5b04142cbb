"""Letter kinds, registered by the domain apps that write them (``register_brief``)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class BriefSoort:
    code: str  # "aanmelding.besluit"
    titel: str  # shown in lists and as the PDF's title, e.g. "Besluit op de aanmelding"
    template: str  # "aanmelding/pdf/besluit.html", extends "documenten/pdf/basis.html"


_SOORTEN: dict[str, BriefSoort] = {}


def register_brief(code: str, titel, template: str) -> BriefSoort:
    soort = BriefSoort(code, titel, template)
    _SOORTEN[code] = soort
    return soort


def brief_soort(code: str) -> BriefSoort:
    return _SOORTEN[code]


_DOCUMENT_TOEGANG: list = []


def register_document_toegang(func) -> None:
    """``func(user) -> Q on Document | None``: extra access beyond the case's own rule — e.g. a school
    asked to admit a child sees the documents the parents allowed to share (A-10)."""
    if func not in _DOCUMENT_TOEGANG:
        _DOCUMENT_TOEGANG.append(func)


def document_toegang_q(user):
    from django.db.models import Q

    from portal.zaken.models import Zaak

    q = Q(zaak__in=Zaak.objects.for_user(user).values("pk"))
    for func in _DOCUMENT_TOEGANG:
        extra = func(user)
        if extra is not None:
            q |= extra
    return q
