"""Every write of the informatie app: one function per action, keyword-only, atomic, audited (STYLE §2)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit.models import Actie
from portal.audit.services import audit_log, diff, snapshot

from .checklists import ITEMS
from .models import Checklist, ChecklistAntwoord, ChecklistVersie, SteunpuntContact


class ChecklistFout(Exception):
    """A checklist cannot be saved as asked; the message is Dutch and meant for the user."""


def _identiteit(checklist: Checklist) -> dict:
    if checklist.terugkoppeling:
        return {"terugkoppeling": True, "school": checklist.school, "ouder": checklist.ouder}
    return {"soort": checklist.soort, "leerling": checklist.leerling, "school": checklist.school,
            "swv": checklist.swv, "terugkoppeling": False}


@transaction.atomic
def checklist_bewaar(*, checklist: Checklist, door, antwoorden: dict[str, tuple[str, str]],
                     naam_tonen: bool = False, kind=None) -> ChecklistVersie | None:
    """Save ``antwoorden`` ({item code: (answer, note)}) as a new version of ``checklist`` (which may not be saved
    yet: the first save creates it). An item whose answer and note did not change keeps its date; a changed one
    gets today. Returns ``None`` when nothing changed (no empty versions). For a parent's feedback on a school,
    ``naam_tonen`` says whether the school may see the parent's and the child's name; without it no child is
    stored (data minimisation, AVG art. 5)."""
    vandaag = timezone.localdate()
    if checklist.pk is None:
        checklist, nieuw = Checklist.objects.get_or_create(**_identiteit(checklist), defaults={
            "soort": checklist.soort, "naam_tonen": naam_tonen})
        if nieuw:
            audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=checklist, leerling=checklist.leerling,
                      omschrijving="Checklist aangemaakt")
    checklist = Checklist.objects.select_for_update().get(pk=checklist.pk)
    if checklist.terugkoppeling:
        oud = snapshot(checklist, ["naam_tonen", "leerling_id"])
        checklist.naam_tonen = naam_tonen
        checklist.leerling = kind if naam_tonen else None
        wijzigingen = diff(oud, snapshot(checklist, ["naam_tonen", "leerling_id"]))
        if wijzigingen:
            checklist.save(update_fields=["naam_tonen", "leerling"])
            audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=checklist, wijzigingen=wijzigingen,
                      omschrijving="Keuze over het tonen van de naam gewijzigd")
    vorige = checklist.versies.prefetch_related("antwoorden").first()
    eerder = {a.item: a for a in vorige.antwoorden.all()} if vorige else {}
    rijen, veranderd = [], False
    for item in ITEMS[checklist.soort]:
        antwoord, notitie = antwoorden.get(item.code, ("", ""))
        notitie = (notitie or "").strip()
        o = eerder.get(item.code)
        if o is not None and (o.antwoord, o.notitie) == (antwoord, notitie):
            datum = o.datum
        else:
            datum = vandaag if (antwoord or notitie) else None
            veranderd = veranderd or o is not None or bool(antwoord or notitie)
        rijen.append(ChecklistAntwoord(item=item.code, antwoord=antwoord, notitie=notitie, datum=datum))
    if not veranderd:
        if vorige is None:
            raise ChecklistFout(_("Vul ten minste één onderdeel in voordat u opslaat."))
        return None
    versie = ChecklistVersie.objects.create(checklist=checklist, nummer=(vorige.nummer + 1) if vorige else 1, door=door)
    for r in rijen:
        r.versie = versie
    ChecklistAntwoord.objects.bulk_create(rijen)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=versie, leerling=checklist.leerling,
              omschrijving=f"Checklist opgeslagen als versie {versie.nummer}")
    return versie


STEUNPUNT_VELDEN = ["naam", "telefoon", "email", "website", "bereikbaar"]


@transaction.atomic
def steunpunt_bewaar(*, swv, door, naam: str, telefoon: str = "", email: str = "", website: str = "",
                     bereikbaar: str = "") -> SteunpuntContact:
    """The SWV keeps the contact of its ouder- en jeugdsteunpunt current (DOMAIN §3)."""
    contact = SteunpuntContact.objects.select_for_update().filter(swv=swv).first() or SteunpuntContact(swv=swv)
    oud = snapshot(contact, STEUNPUNT_VELDEN) if contact.pk else {}
    contact.naam, contact.telefoon, contact.email, contact.website, contact.bereikbaar = (
        naam, telefoon, email, website, bereikbaar)
    nieuw = contact.pk is None
    contact.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, obj=contact,
              wijzigingen=diff(oud, snapshot(contact, STEUNPUNT_VELDEN)), omschrijving="Contact steunpunt bijgewerkt")
    return contact
