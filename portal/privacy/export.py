"""The inzage export (AVG art. 15 lid 3): everything the portal holds about one pupil, as a ZIP with a tagged PDF
summary, the stored files (documents, letters, court decisions) as they are, and a machine-readable JSON of the same
content.

**What is in it, and what not (the decision, DOMAIN G-1; AVG art. 15).** The data subject is the child; whoever acts
for the child (the parents with gezag of a minor, the adult pupil or their curator) gets a copy of *all* personal data
about the child, not only what the family's pages show. Staff-internal working notes in a case are personal data
about the child too (CJEU C-434/16 *Nowak*: notes and assessments about a person are their personal data), so every
field of every case and every row that hangs from a case is included — also of the kinds the family does not see in
the portal (a school's internal notes, the advice of an expert). Left out, each for a stated reason:

* other people's personal data that are not about the child (AVG art. 15 lid 4): people are named, but their
  e-mail addresses and other account details are not; the log of who viewed the child's data names the role and the
  organisation and the moment, not the staff member (CJEU C-579/21 *Pankki S*: the identity of employees who consulted
  the data need not be given when they acted under the controller's authority);
* secrets that are nobody's personal data (tokens, hashes, form keys);
* the portal's own bookkeeping (clock parameters, idempotency keys).

An organisation that wants to withhold something else must invoke an exception of UAVG art. 41 for that case and
tell the requester: the portal does not decide that by itself.

The core knows the case kinds only through the core's tables (``Zaak`` and the models Django knows), so this module
imports no domain app: it walks each case's own fields and the rows that point at it, generically.
"""

import datetime
import io
import json
import mimetypes
import re
import zipfile
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

# Fields never exported: secrets and bookkeeping (see the module's docstring).
GEHEIM = re.compile(r"(token|hash|secret|password|wachtwoord|sleutel_hash|formulier_sleutel|idempot|params)",
                    re.IGNORECASE)
# Other people's contact details (a helper's or an expert's e-mail address or phone number).
ANDERMANS = re.compile(r"(email|telefoon)", re.IGNORECASE)
# Apps whose rows about a case this module writes itself (named sections), so the generic walk skips them.
KERN_APPS = {"zaken", "documenten", "termijnen", "audit", "meldingen", "privacy", "leerlingen", "accounts",
             "organisaties", "auth", "contenttypes", "sessions", "admin", "axes", "otp_totp", "otp_static"}
MAX_DIEPTE = 2  # rows of rows of a case (an OPP's version and its goals)


def _persoon(user) -> str:
    """A person by name only (no e-mail, no account details: AVG art. 15 lid 4)."""
    if user is None:
        return ""
    return user.get_full_name() or str(getattr(user, "pk", ""))


def _waarde(obj, veld, bestanden: list) -> object:
    if isinstance(veld, models.ForeignKey | models.OneToOneField):
        doel = getattr(obj, veld.name, None)
        if doel is None:
            return None
        if doel._meta.label == settings.AUTH_USER_MODEL:
            return _persoon(doel)
        return str(doel)
    waarde = getattr(obj, veld.attname)
    if isinstance(veld, models.FileField):
        if not waarde:
            return ""
        # with an extension, so the parent's computer opens it: the stored name's, else the row's recorded type
        suffix = Path(waarde.name).suffix.lower()[:8] or mimetypes.guess_extension(getattr(obj, "mime", "") or "") or ""
        naam = f"bestanden/{obj._meta.label_lower.replace('.', '-')}-{obj.pk}-{veld.name}{suffix}"
        bestanden.append((naam, waarde))
        return naam
    if veld.choices and waarde not in (None, ""):
        return str(dict(veld.flatchoices).get(waarde, waarde))
    return waarde


def rij(obj, bestanden: list, diepte: int = 0, bezocht: set | None = None) -> dict:
    """One row as {field's verbose name: value}, with the rows that point at it (other apps' rows, ``MAX_DIEPTE``
    deep). Files are collected in ``bestanden`` (their path in the ZIP is the value)."""
    bezocht = bezocht if bezocht is not None else set()
    bezocht.add((obj._meta.label, obj.pk))
    uit = {"_soort": str(obj._meta.verbose_name), "_id": obj.pk}
    for veld in obj._meta.concrete_fields:
        if GEHEIM.search(veld.name) or veld.primary_key or isinstance(veld, models.OneToOneField) and veld.remote_field.parent_link:
            continue
        if isinstance(veld, models.EmailField) or ANDERMANS.search(veld.name):
            continue  # another person's contact details (AVG art. 15 lid 4)
        uit[str(veld.verbose_name)] = _waarde(obj, veld, bestanden)
    if diepte < MAX_DIEPTE:
        for rel in obj._meta.related_objects:
            model = rel.related_model
            if model._meta.app_label in KERN_APPS or rel.many_to_many or not rel.get_accessor_name():
                continue
            if issubclass(model, apps.get_model("zaken", "Zaak")):
                continue  # a case is a section of its own
            try:
                gerelateerd = getattr(obj, rel.get_accessor_name())
            except model.DoesNotExist:
                continue
            rijen = list(gerelateerd.all()) if rel.one_to_many else [gerelateerd]
            rijen = [r for r in rijen if (r._meta.label, r.pk) not in bezocht]
            if rijen:
                uit[str(model._meta.verbose_name_plural)] = [rij(r, bestanden, diepte + 1, bezocht) for r in rijen]
    return uit


def _gebruiker_rol(omschrijving: str, systeem: bool) -> str:
    """The audit row's actor without the person: "Naam — IB'er De Regenboog" gives "IB'er De Regenboog"."""
    if systeem:
        return "Systeem"
    _naam, streep, rol = (omschrijving or "").partition(" — ")
    return rol if streep else "Medewerker of gezin"


def gegevens(leerling, *, voor) -> tuple[dict, list]:
    """Everything about ``leerling`` for the requester ``voor``: (the content as a dict, [(path in ZIP, file)])."""
    from portal.audit.models import AuditEntry
    from portal.documenten.models import Brief, Document
    from portal.termijnen.models import Clock
    from portal.zaken.bezwaarregeling import dossier_regels
    from portal.zaken.gebeurtenissen import tekst
    from portal.zaken.models import Zaak

    bestanden: list = []
    vandaag = timezone.localdate()
    leerling_rij = rij(leerling, bestanden, diepte=MAX_DIEPTE - 1)  # with other apps' rows about the pupil
    leerling_rij["burgerservicenummer"] = leerling.bsn_voor(voor)
    uit = {
        "gemaakt_op": timezone.now(),
        "gemaakt_voor": _persoon(voor),
        "leerling": leerling_rij,
        "ouders_met_gezag": [{"naam": _persoon(g.ouder), "sinds": g.verklaring_op}
                             for g in leerling.gezag.select_related("ouder")],
        "vertegenwoordiging": [rij(v, bestanden, MAX_DIEPTE) for v in leerling.vertegenwoordigingen.all()],
        "ouders_die_meelezen": [rij(i, bestanden, MAX_DIEPTE) for i in leerling.inzage_ouders.all()],
        "inschrijvingen": [rij(i, bestanden, MAX_DIEPTE) for i in leerling.inschrijvingen.select_related("school")],
        "groepen": [{"groep": g.naam, "schooljaar": g.schooljaar, "school": str(g.school)}
                    for g in leerling.groepen.select_related("school")],
        "toestemmingen": [{**rij(t, bestanden, MAX_DIEPTE), "status": str(t.status_label(vandaag)),
                           "antwoorden": [rij(a, bestanden, MAX_DIEPTE) for a in t.antwoorden.all()]}
                          for t in leerling.toestemmingen.prefetch_related("antwoorden")],
        "zaken": [],
    }
    zaken = list(Zaak.objects.filter(leerling=leerling).select_related("school", "swv").order_by("geopend_op", "pk"))
    for z in zaken:
        specifiek = z.specifiek
        klokken = Clock.objects.filter(zaak=z).prefetch_related("opschortingen").order_by("pk")
        uit["zaken"].append({
            "nummer": z.nummer, "soort": str(z.type.naam), "status": str(z.status_ouder), "status_staf": str(z.status_staf),
            "school": str(z.school) if z.school else "", "samenwerkingsverband": str(z.swv) if z.swv else "",
            "geopend_op": z.geopend_op, "afgesloten_op": z.afgesloten_op,
            "gegevens": rij(specifiek, bestanden),
            "tijdlijn": [{"op": g.op, "tekst": tekst(g, voor_ouders=False), "door": _persoon(g.door)}
                         for g in z.gebeurtenissen.select_related("door", "zaak")],
            "verzoeken": [rij(v, bestanden, MAX_DIEPTE) for v in z.verzoeken.all()],
            "besluiten": [{**rij(b, bestanden, MAX_DIEPTE), "soort_besluit": str(b.type.naam),
                           "uitkomst_tekst": str(b.uitkomst_label)} for b in z.besluiten.all()],
            "termijnen": [{"regel": c.regel_id, "naam": c.naam, "start": c.start, "uiterlijk": c.uiterlijk,
                           "voldaan_op": c.gesloten_op, "status": str(c.get_uitkomst_display() or c.status(vandaag)),
                           "stilgestaan_dagen": c.stilgestaan} for c in klokken],
            "gedeeld_met": [rij(d, bestanden, MAX_DIEPTE) for d in z.delingen.all()],
            "leerplichtmeldingen": [rij(m, bestanden, MAX_DIEPTE) for m in z.leerplichtmeldingen.all()],
            "documenten": [rij(d, bestanden, MAX_DIEPTE) for d in Document.objects.filter(zaak=z)],
            "brieven": [rij(b, bestanden, MAX_DIEPTE) for b in Brief.objects.filter(zaak=z)],
        })
    uit["gespreksverslagen"] = dossier_regels([z.pk for z in zaken], False)
    uit["inzage_log"] = [{"op": a.tijdstip, "wat": a.get_actie_display(), "wie": _gebruiker_rol(a.actor_omschrijving, a.systeem),
                          "waarover": a.object_label, "omschrijving": a.omschrijving}
                         for a in AuditEntry.objects.filter(leerling=leerling).order_by("tijdstip", "pk")]
    return uit, bestanden


def _json_default(o):
    if isinstance(o, datetime.datetime | datetime.date):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    return str(o)


def als_json(inhoud: dict) -> bytes:
    return json.dumps(inhoud, default=_json_default, ensure_ascii=False, indent=2).encode()


def _tekst(v) -> str:
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, datetime.datetime):
        return timezone.localtime(v).strftime("%d-%m-%Y %H:%M") if timezone.is_aware(v) else v.strftime("%d-%m-%Y %H:%M")
    if isinstance(v, datetime.date):
        return v.strftime("%d-%m-%Y")
    if isinstance(v, dict):  # a row inside a row: "label: value; label: value", in words, not JSON
        return "; ".join(f"{k}: {_tekst(w)}" for k, w in v.items()
                         if not str(k).startswith("_") and w not in (None, "", [], {}))
    if isinstance(v, list):  # one line per row (the template breaks lines)
        return "\n".join(_tekst(x) for x in v)
    return str(v)


def plat(r: dict) -> dict:
    """A row for the PDF: its plain fields as (label, text), and its lists of rows as sub-tables of plain fields (deeper
    rows are in the JSON)."""
    velden, tabellen = [], []
    for k, v in r.items():
        if k.startswith("_") or v in (None, "", [], {}):
            continue
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            tabellen.append({"titel": k, "rijen": [[(kk, _tekst(vv)) for kk, vv in x.items()
                                                     if not kk.startswith("_") and vv not in (None, "", [], {})]
                                                    for x in v]})
        else:
            velden.append((k, _tekst(v)))
    return {"velden": velden, "tabellen": tabellen}


def pdf_context(inhoud: dict, leerling) -> dict:
    zaken = []
    for z in inhoud["zaken"]:
        zaken.append({**z, "eigen": plat(z["gegevens"]),
                      "lijsten": [(titel, [plat(x) for x in z[sleutel]]) for sleutel, titel in (
                          ("besluiten", "Besluiten"), ("verzoeken", "Verzoeken"), ("documenten", "Documenten"),
                          ("brieven", "Brieven"), ("gedeeld_met", "Gedeeld met"),
                          ("leerplichtmeldingen", "Meldingen aan leerplicht")) if z[sleutel]]})
    return {"g": inhoud, "leerling": leerling, "titel": f"Kopie van de gegevens van {leerling.naam}",
            "persoon": plat(inhoud["leerling"]), "zaken": zaken,
            "lijsten": [(titel, [plat(x) for x in inhoud[sleutel]]) for sleutel, titel in (
                ("inschrijvingen", "Inschrijvingen"), ("vertegenwoordiging", "Vertegenwoordiging"),
                ("ouders_die_meelezen", "Ouders die meelezen"), ("toestemmingen", "Toestemmingen")) if inhoud[sleutel]]}


def zip_maak(leerling, *, voor) -> tuple[bytes, int]:
    """The ZIP's bytes and the number of cases in it."""
    from portal.documenten.pdf import render_pdf

    inhoud, bestanden = gegevens(leerling, voor=voor)
    pdf = render_pdf("privacy/pdf/inzage.html", pdf_context(inhoud, leerling))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("samenvatting.pdf", pdf)
        z.writestr("gegevens.json", als_json(inhoud))
        z.writestr("LEESMIJ.txt", LEESMIJ)
        for pad, bestand in bestanden:
            try:
                with bestand.open("rb") as f:
                    z.writestr(pad, f.read())
            except OSError:  # a missing file is listed in the JSON; the export goes on
                z.writestr(pad + ".ontbreekt.txt", "Dit bestand kon niet worden gelezen.")
    return buffer.getvalue(), len(inhoud["zaken"])


LEESMIJ = """Kopie van de gegevens (AVG artikel 15)

samenvatting.pdf  alle gegevens op een rij, leesbaar en toegankelijk
gegevens.json     dezelfde gegevens, om met een computer te lezen
bestanden/        documenten, brieven en andere bestanden zoals ze zijn bewaard

Klopt er iets niet? Vraag in Passend Portaal om verbetering of verwijdering.
"""
