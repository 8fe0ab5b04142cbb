"""Every write of documents and letters (STYLE §2)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import pgettext

from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from .models import Brief, Document
from .pdf import render_document, schrijf_pdf
from .registry import brief_soort, swv_adres

log = logging.getLogger(__name__)


def document_bewaar(*, zaak, bestand, door, delen: bool = False, soort: str = "", gebeurtenis: bool = True) -> Document:
    """Store an uploaded file (already checked by ``check_upload``) with the uploader's sharing choice.
    Call inside the caller's transaction."""
    doc = Document(zaak=zaak, naam=(bestand.name or "document")[:200],
                   mime=getattr(bestand, "portal_mime", "application/octet-stream"), grootte=bestand.size,
                   delen_toegestaan=bool(delen), soort=soort, door=door)
    doc.bestand.save(bestand.name or "document", bestand, save=False)
    doc.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=doc, leerling=zaak.leerling,
              omschrijving=f"Document toegevoegd aan {zaak.nummer}")
    if gebeurtenis:
        gebeurtenis_voeg_toe(zaak=zaak, soort="document", door=door, gegevens={"document_id": doc.pk, "naam": doc.naam})
    return doc


def _handelaars(zaak):
    from portal.zaken.hoorrecht import onderwerp_van, wie_handelt

    zaak = getattr(zaak, "specifiek", zaak)
    return wie_handelt(zaak.leerling, onderwerp=onderwerp_van(zaak))


def geadresseerden(zaak, wie=None) -> dict:
    """Whom a letter of ``zaak`` is addressed to, frozen in its payload: whoever acts for the pupil in the case's
    matter — the parents with gezag of a minor; from 18 the pupil, or their curator or mentor (Awb 3:41: made known to
    the belanghebbenden; BW 1:233/1:245: gezag ends at 18; issue #17 §1)."""
    zaak = getattr(zaak, "specifiek", zaak)
    wie = wie or _handelaars(zaak)
    namen = [p.get_full_name() or p.email for p in wie.personen]
    if wie.soort == "leerling" and not namen:
        namen = [zaak.leerling.naam]
    return {"aan": namen, "aan_soort": wie.soort}


def hoffelijke_talen(personen) -> list[str]:
    """The languages of a courtesy translation (issue #22 §1): every language an addressee chose for the portal other
    than Dutch. The Dutch letter is the legal one; the translation is added after it in the same PDF."""
    talen = {code for code, _naam in settings.LANGUAGES} - {"nl"}
    return sorted({p.taal for p in personen if getattr(p, "taal", "nl") in talen})


def aan_het_gezin(soort: str) -> bool:
    """Whether a letter kind is addressed to the family: a notice to an authority (the inspectorate, leerplicht)
    empties the template's addressee block (``{% block aan %}{% endblock %}``) and gets no courtesy translation."""
    from django.template.base import TextNode
    from django.template.loader import get_template
    from django.template.loader_tags import BlockNode

    template = get_template(brief_soort(soort).template).template
    for blok in template.nodelist.get_nodes_by_type(BlockNode):
        if blok.name == "aan":
            return any(not isinstance(n, TextNode) or n.s.strip() for n in blok.nodelist)
    return True


def brief_maak(*, zaak, soort: str, gegevens: dict, besluit=None, taal: str = "nl") -> Brief:
    """Queue a letter. The payload is frozen now (typed: dates stay dates); a task given the letter's
    id renders the PDF once the transaction commits, so it is ready within seconds (issue #7 §2)."""
    brief_soort(soort)  # unknown kinds fail here, inside the transaction
    if "aan" not in gegevens or "hoffelijk" not in gegevens:
        wie = _handelaars(zaak)
        if "aan" not in gegevens:
            gegevens = {**gegevens, **geadresseerden(zaak, wie)}
        if "hoffelijk" not in gegevens:
            # to a school or an authority: the Dutch letter only
            aan_gezin = not gegevens.get("door_school") and aan_het_gezin(soort)
            gegevens = {**gegevens, "hoffelijk": hoffelijke_talen(wie.personen) if aan_gezin else []}
    if not getattr(zaak, "school_id", None) and getattr(zaak, "swv_id", None) and "swv_adres" not in gegevens:
        gegevens = {**gegevens, "swv_adres": swv_adres(zaak.swv)}  # the sender is the SWV: its address in the header
    brief = Brief.objects.create(zaak=zaak, soort=soort, gegevens=gegevens, besluit=besluit, taal=taal)
    gebeurtenis_voeg_toe(zaak=zaak, soort="brief", gegevens={"brief_id": brief.pk, "soort": soort})

    def _start():
        from portal.celery import verstuur

        # The letter is a row waiting to be rendered: when the broker is down (issue #19 §3) nothing is lost and the
        # request is not held up; the periodic safety net (render_wachtende_brieven) renders it.
        verstuur("portal.documenten.tasks.render_brief", brief.pk)  # by name: no import cycle

    transaction.on_commit(_start)
    return brief


def het_kind(aan_soort: str | None, leerling) -> str:
    """How a letter's body names the pupil to its addressee (``geadresseerden``): "uw kind" to the parents, "u" to
    the adult pupil, the pupil's name to a curator or mentor — in the active language (a courtesy translation:
    "your child", "you"). Dutch "u" takes the verb of "uw kind" ("Wij schorsen u", "U komt"), so one word serves most
    sentences; a letter with "is uw kind" asks ``aan_soort`` itself."""
    if aan_soort == "leerling":
        return pgettext("aanspreekvorm in een brief", "u")
    if aan_soort in ("curator", "mentor"):
        return leerling.naam
    return pgettext("aanspreekvorm in een brief", "uw kind")


def brief_context(brief: Brief, *, taal: str | None = None) -> dict:
    """The context of a letter's template, in ``taal`` (default: the letter's own, Dutch): ``kind`` and the title
    follow it."""
    zaak = brief.zaak.specifiek
    with translation.override(taal or getattr(brief, "taal", "nl")):
        kind = het_kind(brief.gegevens.get("aan_soort"), zaak.leerling)
        titel = str(brief.type.titel) if isinstance(brief, Brief) else brief.titel  # a preview passes a stand-in
    return {"brief": brief, "zaak": zaak, "school": zaak.school, "swv": zaak.swv, "leerling": zaak.leerling,
            "g": brief.gegevens, "titel": titel, "besluit": brief.besluit,
            "kind": kind, "Kind": kind[:1].upper() + kind[1:]}


def brief_documenten(brief: Brief) -> list:
    """The laid-out documents of one letter: the Dutch letter, the legal one, then a courtesy translation in each
    language frozen in ``gegevens["hoffelijk"]`` (issue #22 §1), marked as such on its first page and every page."""
    documenten = [render_document(brief.type.template, brief_context(brief), taal=brief.taal)]
    for taal in brief.gegevens.get("hoffelijk") or []:
        if taal != brief.taal:
            documenten.append(render_document(brief.type.template, {**brief_context(brief, taal=taal),
                                                                    "hoffelijk": True}, taal=taal))
    return documenten


def brief_render(brief_id: int) -> Brief:
    """Render one waiting letter. Idempotent: a letter that exists is never rendered again."""
    with transaction.atomic():
        brief = (Brief.objects.select_for_update(of=("self",))
                 .select_related("zaak", "zaak__school", "zaak__school__bestuur", "zaak__swv", "zaak__leerling")
                 .get(pk=brief_id))
        if brief.gemaakt_op:
            return brief
        if brief.besluit_id:  # online, a decision is made known the day its letter can be read (Awb 3:41, 2:19)
            from portal.zaken.bekendmaking import bij_beschikbaar

            if (gegevens := bij_beschikbaar(brief)) is not None:
                brief.gegevens = gegevens
                brief.save(update_fields=["gegevens"])
        pdf = schrijf_pdf(brief_documenten(brief))
        brief.bestand.save(f"{brief.soort}-{brief.pk}.pdf", ContentFile(pdf), save=False)
        brief.gemaakt_op = timezone.now()
        brief.save(update_fields=["bestand", "gemaakt_op"])
    return brief


def brieven_render_wachtend(*, ouder_dan_seconden: int = 0, limit: int = 50) -> int:
    """The safety net: render letters still waiting (a lost broker message). Returns the number made."""
    grens = timezone.now() - timedelta(seconds=ouder_dan_seconden)
    ids = list(Brief.objects.filter(gemaakt_op__isnull=True, aangemaakt_op__lte=grens)
               .order_by("pk").values_list("pk", flat=True)[:limit])
    for pk in ids:
        brief_render(pk)
    return len(ids)
