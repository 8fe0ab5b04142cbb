"""The dossier export (issue #11 §6; DOMAIN §6): one PDF with the timeline of all events of the pupil's cases,
the decisions, the letters (listed, and their stored PDFs appended unchanged — never re-rendered), OPP versions
when they exist, consents, conversation logs and the list of documents.

What is in it is what the reader may see: the cases of ``Zaak.objects.for_user`` (a school never gets a klacht,
a helper only the case shared with them), and for parents only the timeline lines meant for them.

It is made in the worker, never in a web request (issue #19 defect 8): the kind ``geschillen.dossier`` is registered in
the core's export registry (``portal.documenten.registry``) with its fingerprint (``dossier_versie``: cheap queries,
so an unchanged dossier is handed out again without a render), its render (``dossier_pdf``) and who may have it
(``mag_dossier``)."""

import hashlib
import logging

from django.db.models import Count, Max
from django.utils import timezone

from portal.documenten.models import Brief, Document
from portal.documenten.pdf import render_document, schrijf_pdf
from portal.documenten.services import brief_context
from portal.leerlingen.models import Toestemming
from portal.zaken.bezwaarregeling import dossier_regels
from portal.zaken.gebeurtenissen import tekst
from portal.zaken.models import Besluit, Gebeurtenis, Zaak
from portal.zaken.pagina import HANDELT
from portal.zaken.services import relaties

from ..models import Bijeenkomst, Horen

log = logging.getLogger(__name__)


def gesprekken_geschillen(zaak_ids, voor_ouders) -> list[dict]:
    """This app's conversation records: hearings before a removal, meetings of a mediation, the hearing on a
    bezwaar, the Geschillencommissie's hearing, the klachtencommissie's hearing."""
    from ..models import Bezwaar, Geschil, Klacht

    out = []
    for h in Horen.objects.filter(zaak_id__in=zaak_ids).select_related("zaak"):
        out.append({"datum": h.datum, "zaak": h.zaak.nummer, "wat": f"{h.get_soort_display()} gehoord",
                    "tekst": h.verslag})
    for b in Bijeenkomst.objects.filter(adviesverzoek_id__in=zaak_ids).select_related("adviesverzoek"):
        out.append({"datum": b.datum, "zaak": b.adviesverzoek.nummer, "wat": f"Bijeenkomst ({b.deelnemers})",
                    "tekst": b.afspraken})
    for b in Bezwaar.objects.filter(pk__in=zaak_ids, gehoord_op__isnull=False):
        out.append({"datum": b.gehoord_op, "zaak": b.nummer, "wat": "Horen op het bezwaar", "tekst": b.hoorverslag})
    for g in Geschil.objects.filter(pk__in=zaak_ids, zitting_op__isnull=False):
        out.append({"datum": g.zitting_op, "zaak": g.nummer, "wat": "Zitting Geschillencommissie",
                    "tekst": f"Aanwezig: {g.zitting_aanwezig}" if g.zitting_aanwezig else ""})
    for k in Klacht.objects.filter(pk__in=zaak_ids, zitting_op__isnull=False):
        out.append({"datum": k.zitting_op, "zaak": k.nummer, "wat": "Hoorzitting klachtencommissie",
                    "tekst": k.zitting_verslag})
    return out


def _opp_versies(zaken) -> list[dict]:
    """OPPs of the visible cases, with their versions when the OPP app keeps them (``versies``)."""
    out = []
    for z in zaken:
        if z.zaaktype != "opp":
            continue
        opp = z.specifiek
        versies = getattr(opp, "versies", None)
        rijen = list(versies.all()) if versies is not None and hasattr(versies, "all") else []
        out.append({"zaak": opp, "versies": rijen})
    return out


DOSSIER = "geschillen.dossier"  # the export kind
# Raised when the dossier's layout or what it contains changes, so every stored copy is made anew.
OPMAAK = 1


def mag_dossier(*, zaak, user) -> bool:
    """The dossier is for the parties: the parents (and from 18 the pupil or their representative), the case's school
    and board, the SWV of its own case, the klachtencommissie and board of a klacht (the klacht's own relations), a
    helper the parents chose. Not for anyone else who may see a case (a teacher, leerplicht). Asked at the request, in
    the worker before the render and at every download."""
    if not Zaak.objects.for_user(user).filter(pk=zaak.pk).exists():
        return False
    rel = relaties(user, zaak)
    if rel & (HANDELT | {"school", "bestuur", "helper", "commissie"}):
        return True
    return bool(zaak.swv_id and not zaak.school_id and "swv" in rel)


def _lezer(*, zaak, user) -> tuple[bool, list[Zaak]]:
    """Whether ``user`` reads as the family (only what is meant for them), and the pupil's cases they may see."""
    leerling = zaak.leerling
    from portal.zaken.hoorrecht import gezin_leerling_q

    # the family's view (what is meant for them): parents of a minor, the pupil, their representative, a parent the
    # adult pupil lets read (issue #17 §1)
    is_ouder = leerling.account_id == user.pk or type(leerling).objects.filter(
        gezin_leerling_q(user, veld="pk"), pk=leerling.pk).exists()
    zaken = list(Zaak.objects.for_user(user).filter(leerling=leerling).select_related("school", "swv")
                 .order_by("geopend_op", "pk"))
    return is_ouder, zaken


def _toestemmingen(leerling, ids, is_ouder):
    toestemmingen = Toestemming.objects.filter(leerling=leerling).prefetch_related("antwoorden")
    if not is_ouder:  # staff: the consents asked in the cases they see
        toestemmingen = toestemmingen.filter(verzoeken__zaak_id__in=ids).distinct()
    return toestemmingen


def dossier_versie(*, zaak, user) -> str:
    """A fingerprint of what ``user``'s dossier of ``zaak`` would contain, from a handful of small queries — never a
    render: the visible cases and their status, and per source the count, last id and last timestamp (events meant for
    this reader, decisions, letters and when their PDF was made, documents), the consents with their state today, the
    conversation records as text, the OPP versions, the pupil's name and date of birth and the reader's name. Anything
    that changes what the PDF shows changes it; opening a page does not."""
    is_ouder, zaken = _lezer(zaak=zaak, user=user)
    ids = [z.pk for z in zaken]
    gebeurtenissen = Gebeurtenis.objects.filter(zaak_id__in=ids)
    if is_ouder:
        gebeurtenissen = gebeurtenissen.filter(voor_ouders=True)
    vandaag = timezone.localdate()
    delen = [
        OPMAAK, zaak.pk, is_ouder, user.get_full_name() or user.email, zaak.leerling.naam, zaak.leerling.geboortedatum,
        [(z.pk, z.status, z.afgesloten_op, z.school_id) for z in zaken],
        gebeurtenissen.aggregate(n=Count("pk"), pk=Max("pk"), op=Max("op")),
        Besluit.objects.filter(zaak_id__in=ids, ondertekend_op__isnull=False).aggregate(
            n=Count("pk"), pk=Max("pk"), ondertekend=Max("ondertekend_op"), bekend=Max("bekendgemaakt_op"),
            vervallen=Max("vervallen_op")),
        Brief.objects.filter(zaak_id__in=ids).aggregate(n=Count("pk"), pk=Max("pk"), klaar=Count("gemaakt_op"),
                                                        gemaakt=Max("gemaakt_op")),
        Document.objects.filter(zaak_id__in=ids).aggregate(n=Count("pk"), pk=Max("pk")),
        [(t.pk, t.status(vandaag), sorted(a.pk for a in t.antwoorden.all()))
         for t in _toestemmingen(zaak.leerling, ids, is_ouder)],
        [(r["datum"], r["zaak"], r["wat"], r["tekst"]) for r in dossier_regels(ids, is_ouder)],
        [(o["zaak"].pk, o["zaak"].status, getattr(o["zaak"], "vastgesteld_op", None), [str(v) for v in o["versies"]])
         for o in _opp_versies(zaken)],
    ]
    return hashlib.sha256(repr(delen).encode()).hexdigest()


def dossier_context(*, zaak, user) -> dict:
    leerling = zaak.leerling
    is_ouder, zaken = _lezer(zaak=zaak, user=user)
    ids = [z.pk for z in zaken]
    gebeurtenissen = Gebeurtenis.objects.filter(zaak_id__in=ids).select_related("zaak", "door").order_by("op", "pk")
    if is_ouder:
        gebeurtenissen = gebeurtenissen.filter(voor_ouders=True)
    regels = [{"op": g.op, "zaak": g.zaak.nummer, "tekst": tekst(g, voor_ouders=is_ouder)} for g in gebeurtenissen]
    besluiten = list(Besluit.objects.filter(zaak_id__in=ids, ondertekend_op__isnull=False)
                     .select_related("zaak").order_by("bekendgemaakt_op", "pk"))
    brieven = list(Brief.objects.filter(zaak_id__in=ids).select_related("zaak").order_by("aangemaakt_op", "pk"))
    documenten = list(Document.objects.filter(zaak_id__in=ids).select_related("zaak").order_by("op", "pk"))
    toestemmingen = _toestemmingen(leerling, ids, is_ouder)
    vandaag = timezone.localdate()
    return {
        "titel": f"Dossier {leerling.naam}", "brief": {"aangemaakt_op": timezone.now()}, "leerling": leerling, "zaak": zaak, "zaken": zaken, "regels": regels,
        "besluiten": besluiten, "brieven": brieven, "documenten": documenten,
        "toestemmingen": [{"t": t, "status": t.status_label(vandaag),
                           "antwoorden": sorted(t.antwoorden.all(), key=lambda a: (a.op, a.pk))} for t in toestemmingen],
        "opps": _opp_versies(zaken), "gesprekken": dossier_regels(ids, is_ouder), "gemaakt_op": timezone.now(),
        "gemaakt_voor": user.get_full_name() or user.email, "voor_ouders": is_ouder,
    }


def dossier_pdf(*, zaak, user) -> bytes:
    """Run in the worker only (``portal.documenten.tasks.render_export``). The dossier as one tagged, archival PDF: the dossier itself, then every letter laid out again from its typed
    payload into the same document (so the whole file stays readable by a screen reader — pages copied from other
    PDFs would lose their tags), with a bookmark per letter; each letter's stored PDF, the copy as it was sent,
    travels along as an attached file (PDF/A-3 allows that)."""
    from weasyprint import Attachment

    ctx = dossier_context(zaak=zaak, user=user)
    documenten = [render_document("geschillen/pdf/dossier.html", ctx)]
    bijlagen = []
    for b in ctx["brieven"]:
        if not b.is_klaar:
            continue
        documenten.append(render_document(b.type.template, brief_context(b), taal=b.taal))
        try:
            with b.bestand.open("rb") as f:
                origineel = f.read()
        except OSError:  # a missing file must not stop the export; the letter's text is in the dossier
            log.warning("the stored PDF of letter %s could not be attached to the dossier", b.pk)
            continue
        bijlagen.append(Attachment(string=origineel, name=f"{b.soort}-{b.pk}.pdf", relationship="Source",
                                   description=f"{b.titel} ({b.zaak.nummer}), zoals verzonden"))
    return schrijf_pdf(documenten, bijlagen=tuple(bijlagen))
