from datetime import date

from django.db import transaction
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log, diff

from .models import (
    Basisondersteuning,
    BasisondersteuningOnderdeel,
    BasisondersteuningVersie,
    Beschikbaar,
    Expertise,
    Mandaat,
    Ondersteuningsgebied,
    Ondersteuningsprofiel,
    ProfielExpertise,
    ProfielOnderdeel,
    ProfielOnderdeelSoort,
    ProfielStatus,
    Samenwerkingsverband,
    School,
    VrijePeriode,
)


class MandaatFout(Exception):
    pass


@transaction.atomic
def mandaat_verleen(*, door, bestuur=None, swv=None, user, functie: str, besluittypen: list[str], van: date,
                    tot: date | None) -> Mandaat:
    """The bevoegd gezag (a bestuurder) mandates a staff member to sign kinds of decision (Awb 10:3)."""
    if tot is not None and tot < van:
        raise MandaatFout("De einddatum ligt vóór de begindatum.")
    if not functie.strip():
        raise MandaatFout("Vul de functie in; die staat onder het besluit.")
    m = Mandaat.objects.create(bestuur=bestuur, swv=swv, user=user, functie=functie.strip(), besluittypen=besluittypen,
                               van=van, tot=tot, verleend_door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=m, omschrijving=f"Mandaat verleend aan {user}")
    return m


@transaction.atomic
def mandaat_trek_in(*, mandaat: Mandaat, door) -> Mandaat:
    m = Mandaat.objects.select_for_update().get(pk=mandaat.pk)
    if m.ingetrokken_op is None:
        m.ingetrokken_op = timezone.now()
        m.save(update_fields=["ingetrokken_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=m, omschrijving="Mandaat ingetrokken")
    return m


# --- basisondersteuning and support profiles (issue #9 §1) ---------------------------------------------------

class ProfielFout(Exception):
    """A change to a profile or to the basisondersteuning that cannot be made; the message is Dutch."""


@transaction.atomic
def basisondersteuning_bewaar(*, swv, door, gebied: str, titel: str, omschrijving: str = "", item=None,
                              volgorde: int | None = None):
    """Add an item to (or change one of) the SWV's working catalogue. Parents see it once published (W1)."""

    titel = titel.strip()
    if not titel:
        raise ProfielFout("Geef het onderdeel een titel.")
    if gebied not in Ondersteuningsgebied.values:
        raise ProfielFout("Kies een gebied.")
    nieuw = item is None
    if nieuw:
        laatste = Basisondersteuning.objects.filter(swv=swv).order_by("-volgorde").values_list("volgorde", flat=True).first()
        item = Basisondersteuning(swv=swv, volgorde=(laatste or 0) + 1 if volgorde is None else volgorde)
    oud = {"gebied": item.gebied, "titel": item.titel, "omschrijving": item.omschrijving}
    item.gebied, item.titel, item.omschrijving = gebied, titel, omschrijving.strip()
    if volgorde is not None:
        item.volgorde = volgorde
    item.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, obj=item,
              wijzigingen=diff(oud, {"gebied": gebied, "titel": titel, "omschrijving": item.omschrijving}))
    return item


@transaction.atomic
def basisondersteuning_verwijder(*, item, door) -> None:
    audit_log(actor=door, actie=Actie.VERWIJDERD, obj=item, omschrijving=f"'{item.titel}' uit de werkversie gehaald")
    item.delete()


@transaction.atomic
def basisondersteuning_publiceer(*, swv, door, toelichting: str = "", op: date | None = None):
    """Publish the working catalogue as a new, frozen version with today's date (W1). Refused when it is empty
    or nothing changed since the last version."""

    op = op or timezone.localdate()
    Samenwerkingsverband.objects.select_for_update().get(pk=swv.pk)  # one publication at a time
    items = list(Basisondersteuning.objects.filter(swv=swv).order_by("volgorde", "pk"))
    if not items:
        raise ProfielFout("Er staat nog niets in de basisondersteuning. Voeg eerst onderdelen toe.")
    vorige = BasisondersteuningVersie.objects.filter(swv=swv).prefetch_related("onderdelen").first()
    inhoud = [(i.gebied, i.titel, i.omschrijving) for i in items]
    if vorige is not None and inhoud == [(o.gebied, o.titel, o.omschrijving) for o in vorige.onderdelen.all()]:
        raise ProfielFout("Er is niets veranderd sinds de vorige versie.")
    versie = BasisondersteuningVersie.objects.create(swv=swv, nummer=(vorige.nummer + 1) if vorige else 1,
                                                     gepubliceerd_op=op, toelichting=toelichting.strip(), door=door)
    BasisondersteuningOnderdeel.objects.bulk_create([
        BasisondersteuningOnderdeel(versie=versie, gebied=i.gebied, titel=i.titel, omschrijving=i.omschrijving,
                                    volgorde=n) for n, i in enumerate(items, start=1)])
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=versie, omschrijving=f"Gepubliceerd op {op.isoformat()}")
    return versie


PROFIEL_VELDEN = ["schooljaar", "basis_toelichting", "groepsgrootte", "ingang", "lift", "toilet_aangepast",
                  "gymzaal_toegankelijk", "toegankelijkheid_toelichting", "aanmeldprocedure", "aanmelden_online",
                  "kennismaking", "raadpleging_op", "raadpleging_wijze", "raadpleging_toelichting",
                  "raadpleging_wijzigingen"]


@transaction.atomic
def profiel_nieuwe_versie(*, school, door):
    """Start a concept version of the school's profile, a copy of the version in force (or empty)."""

    School.objects.select_for_update().get(pk=school.pk)
    if Ondersteuningsprofiel.objects.filter(school=school, status=ProfielStatus.CONCEPT).exists():
        raise ProfielFout("Er is al een conceptversie. Werk die bij.")
    geldend = Ondersteuningsprofiel.objects.filter(school=school, status=ProfielStatus.VASTGESTELD).first()
    laatste = Ondersteuningsprofiel.objects.filter(school=school).order_by("-nummer").values_list("nummer", flat=True).first()
    concept = Ondersteuningsprofiel(school=school, nummer=(laatste or 0) + 1, aangemaakt_door=door)
    if geldend is not None:
        for veld in PROFIEL_VELDEN:
            if not veld.startswith("raadpleging"):  # each version records its own consultation (B-7)
                setattr(concept, veld, getattr(geldend, veld))
    concept.save()
    if geldend is not None:
        ProfielOnderdeel.objects.bulk_create([
            ProfielOnderdeel(profiel=concept, soort=o.soort, gebied=o.gebied, titel=o.titel, omschrijving=o.omschrijving,
                             volgorde=o.volgorde) for o in geldend.onderdelen.all()])
        ProfielExpertise.objects.bulk_create([
            ProfielExpertise(profiel=concept, expertise=e.expertise, beschikbaar=e.beschikbaar, toelichting=e.toelichting)
            for e in geldend.expertises.all()])
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=concept, omschrijving=f"Conceptversie {concept.nummer}")
    return concept


def _concept(profiel):

    profiel = Ondersteuningsprofiel.objects.select_for_update().get(pk=profiel.pk)
    if not profiel.is_concept:
        raise ProfielFout("Deze versie is vastgesteld en verandert niet meer. Maak een nieuwe versie.")
    return profiel


@transaction.atomic
def profiel_bewerk(*, profiel, door, **velden):
    """Change the scalar fields of a concept version (only the names of ``PROFIEL_VELDEN``)."""
    onbekend = set(velden) - set(PROFIEL_VELDEN)
    if onbekend:
        raise ProfielFout(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    profiel = _concept(profiel)
    if velden.get("raadpleging_op") and velden["raadpleging_op"] > timezone.localdate():
        raise ProfielFout("De raadpleging van de leerlingen ligt in de toekomst. Vul de dag in waarop die was.")
    oud = {k: getattr(profiel, k) for k in velden}
    for k, v in velden.items():
        setattr(profiel, k, v.strip() if isinstance(v, str) else v)
    profiel.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=profiel, wijzigingen=diff(oud, {k: getattr(profiel, k) for k in velden}))
    return profiel


@transaction.atomic
def profiel_onderdeel_voeg_toe(*, profiel, door, soort: str, gebied: str, titel: str, omschrijving: str = ""):

    profiel = _concept(profiel)
    if soort not in ProfielOnderdeelSoort.values or gebied not in Ondersteuningsgebied.values:
        raise ProfielFout("Kies de soort en het gebied.")
    if not titel.strip():
        raise ProfielFout("Geef het onderdeel een titel.")
    onderdeel = ProfielOnderdeel.objects.create(profiel=profiel, soort=soort, gebied=gebied, titel=titel.strip(),
                                                omschrijving=omschrijving.strip(), volgorde=profiel.onderdelen.count() + 1)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=onderdeel)
    return onderdeel


@transaction.atomic
def profiel_expertise_voeg_toe(*, profiel, door, expertise: str, beschikbaar: str, toelichting: str = ""):

    profiel = _concept(profiel)
    if expertise not in Expertise.values or beschikbaar not in Beschikbaar.values:
        raise ProfielFout("Kies de expertise en waar die vandaan komt.")
    if profiel.expertises.filter(expertise=expertise).exists():
        raise ProfielFout("Deze expertise staat er al in.")
    regel = ProfielExpertise.objects.create(profiel=profiel, expertise=expertise, beschikbaar=beschikbaar,
                                            toelichting=toelichting.strip())
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=regel)
    return regel


@transaction.atomic
def profiel_regel_verwijder(*, regel, door) -> None:
    """Remove a line (onderdeel or expertise) from a concept version."""
    _concept(regel.profiel)
    audit_log(actor=door, actie=Actie.VERWIJDERD, obj=regel)
    regel.delete()


def profiel_ontbreekt(profiel) -> list[str]:
    """What a concept still needs before it can be set: the pupils' consultation (B-7: pupils give their view on
    the school's support offer before it is set), accessibility and the aanmeldprocedure."""
    uit = []
    if not (profiel.basis_toelichting.strip() or profiel.onderdelen.exists()):
        uit.append("Beschrijf de ondersteuning: hoe de school de basisondersteuning invult, of extra ondersteuning.")
    if not profiel.ingang or not profiel.lift:
        uit.append("Vul de toegankelijkheid in: de ingang en de lift.")
    if not profiel.aanmeldprocedure.strip():
        uit.append("Beschrijf de aanmeldprocedure.")
    if not (profiel.raadpleging_op and profiel.raadpleging_wijze and profiel.raadpleging_wijzigingen.strip()):
        uit.append("Leg vast hoe de leerlingen hun mening gaven over dit aanbod: wanneer, hoe en wat er daardoor "
                   "veranderde (hoorrecht, B-7).")
    return uit


@transaction.atomic
def profiel_stel_vast(*, profiel, door, op: date | None = None):
    """Set a concept version: it is in force from today and part of the schoolgids; the version in force before
    is replaced (kept, readable on the public page). Only the directeur of the school sets it; the pupils'
    consultation must be recorded first (B-7)."""

    op = op or timezone.localdate()
    profiel = _concept(profiel)
    if profiel.school_id not in door.school_ids(Rol.DIRECTEUR):
        raise ProfielFout("Alleen de directeur van de school stelt het ondersteuningsprofiel vast.")
    ontbreekt = profiel_ontbreekt(profiel)
    if ontbreekt:
        raise ProfielFout(" ".join(ontbreekt))
    if profiel.raadpleging_op > op:
        raise ProfielFout("De leerlingen worden geraadpleegd vóórdat het profiel wordt vastgesteld (B-7).")
    Ondersteuningsprofiel.objects.filter(school=profiel.school, status=ProfielStatus.VASTGESTELD).update(
        status=ProfielStatus.VERVANGEN)
    profiel.status, profiel.vastgesteld_op, profiel.vastgesteld_door = ProfielStatus.VASTGESTELD, op, door
    profiel.save()
    profiel.basisondersteuning.set(BasisondersteuningVersie.objects.filter(
        swv__in=profiel.school.samenwerkingsverbanden.all()).laatste_per_swv())
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=profiel, wijzigingen={"status": ["concept", "vastgesteld"]},
              omschrijving=f"Vastgesteld op {op.isoformat()}")
    return profiel


# --- the school calendar (E-1) -------------------------------------------------------------------------------------

class SchoolkalenderFout(Exception):
    pass


@transaction.atomic
def vrije_periode_voeg_toe(*, school, door, van: date, tot: date, omschrijving: str) -> VrijePeriode:
    """E-1: a holiday or free day of the school, entered by its IB'er or directeur. Schorsing days are counted
    by this calendar (``schoolkalender``); the board's own periods apply to all its schools."""
    if school.pk not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise SchoolkalenderFout("Alleen de intern begeleider of de directeur van de school legt vrije dagen vast.")
    omschrijving = (omschrijving or "").strip()
    if not omschrijving:
        raise SchoolkalenderFout("Schrijf op wat voor vrije dag of vakantie het is.")
    if tot < van:
        raise SchoolkalenderFout("De laatste vrije dag ligt vóór de eerste.")
    if (tot - van).days > 92:
        raise SchoolkalenderFout("Een vakantie duurt hier ten hoogste drie maanden. Controleer de data.")
    periode = VrijePeriode.objects.create(school=school, van=van, tot=tot, omschrijving=omschrijving[:100])
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=periode,
              wijzigingen={"van": [None, van.isoformat()], "tot": [None, tot.isoformat()]},
              omschrijving=f"Vrije periode van {school} vastgelegd")
    return periode


@transaction.atomic
def vrije_periode_verwijder(*, periode, door) -> None:
    if periode.school_id is None or periode.school_id not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise SchoolkalenderFout("Alleen de school zelf haalt haar vrije dagen weg.")
    audit_log(actor=door, actie=Actie.VERWIJDERD, obj=periode, omschrijving=f"'{periode.omschrijving}' verwijderd")
    periode.delete()
