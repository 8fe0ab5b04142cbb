"""Letter kinds, registered by the domain apps that write them (``register_brief``)."""

from dataclasses import dataclass

from portal.basis.registry import Registry, sleutel_van


@dataclass(frozen=True)
class BriefSoort:
    code: str  # "aanmelding.besluit"
    titel: str  # shown in lists and as the PDF's title, e.g. "Besluit op de aanmelding"
    template: str  # "aanmelding/pdf/besluit.html", extends "documenten/pdf/basis.html"


SOORTEN = Registry("brieven", "letter kinds: title and template, per app")
DOCUMENT_TOEGANG = Registry("documenttoegang", "extra read access to documents beyond the case's own rule")


def register_brief(code: str, titel, template: str) -> BriefSoort:
    soort = BriefSoort(code, titel, template)
    SOORTEN.register(code, soort)
    return soort


def brief_soort(code: str) -> BriefSoort:
    return SOORTEN[code]




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
