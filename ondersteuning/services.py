"""Every write of the ondersteuningsaanbod: one function per action, keyword-only, in one transaction, audited
(STYLE §2, §4). What every case kind shares — status transitions, clocks, letters, notifications — is the core's.

Rules and sources: the offer and its four forms (seed 001 §3.3, DOMAIN §5 P5; A-10: what was investigated and
which adjustments were tried); arrangements with parts, funders, build-up schedules and an evaluation rhythm
(S5; seed 004) — the rhythm drives clock S-5; the accommodations sheet every teacher acknowledges (S4); the
request for an effective adjustment, answered per child within the configurable term D-6 (Wgbh/cz art. 2); the
pupil's view (B-7); the conversation log.
"""

import hashlib
import re
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log, diff
from portal.documenten.services import brief_maak
from portal.leerlingen.models import Inschrijving
from portal.meldingen.ontvangers import leden, leerling_zelf, ouders
from portal.meldingen.services import melding_stuur
from portal.termijnen.services import clock_close, clock_start
from portal.zaken import hoorrecht
from portal.zaken import services as zaken
from portal.zaken.models import Zaak
from portal.zaken.services import ZaakFout
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from . import selectors
from .constants import (
    GEMEENTE_FINANCIERS,
    MET_BESCHIKKING,
    MET_MOTIVERING,
    MIN_WOORDEN_MOTIVERING,
    WEIGERGROND_OUDERS,
    WEIGERGROND_VRAAG,
    Aanbieder,
    AanbodSoort,
    AanpassingStatus,
    AanpassingUitkomst,
    AfspraakCategorie,
    BladStatus,
    BriefSoort,
    EvaluatieUitkomst,
    Financier,
    OnderdeelSoort,
    Partij,
    Status,
    Weigergrond,
)
from .models import (
    Aanpassingenblad,
    Aanpassingsverzoek,
    Afspraak,
    Arrangement,
    ArrangementReactie,
    BladVersie,
    Evaluatie,
    Gespreksverslag,
    Kennisname,
    LeerlingMening,
    Onderdeel,
    Opbouwstap,
    VerslagActie,
    VerslagReactie,
)


class OndersteuningFout(ZaakFout):
    """A request that cannot be granted; the message is Dutch and shown as it is."""


# --- helpers ---------------------------------------------------------------------------------------------------

def _eis_school(door, zaak_of_blad) -> None:
    """The core's relation "school" (an IB'er or the directeur of the case's school; ``portal.zaken.pagina.RELATIES``).
    A sheet is not a case: there the same meaning, read from the memberships. ``zaak_of_blad`` may be unsaved (the
    arrangement or sheet about to be made)."""
    if isinstance(zaak_of_blad, Zaak):
        school = "school" in zaken.relaties(door, zaak_of_blad)
    else:
        school = door is not None and zaak_of_blad.school_id in door.school_ids(Rol.IB, Rol.DIRECTEUR)
    if not school:
        raise OndersteuningFout(_("Alleen de intern begeleider of de directeur van de school kan dit doen."))


# Issue 17 §1/§4: who acts for the pupil in the ondersteuning — the parents with gezag over a minor; from 18 the
# pupil (BW 1:233, 1:245: gezag ends at 18), or their curator, or their mentor (support and begeleiding are matters
# of care, BW 1:453). The parents of an adult pupil no longer ask, agree or disagree for them.
ONDERWERP = hoorrecht.ONDERWERP_BEGELEIDING


def handelaars(leerling) -> list:
    """The active accounts that act for ``leerling`` in its support (``hoorrecht.wie_handelt``)."""
    return ouders(leerling, ONDERWERP)


ALLEEN_WIE_HANDELT = N_("een ouder met gezag, of vanaf 18 jaar de leerling zelf (of de curator of mentor van de "
                     "leerling)")


def _meld_ouders(zaak, sleutel, titel, tekst, **gegevens):
    """Whoever acts for the pupil (the parents of a minor; from 18 the pupil or their curator or mentor), and the
    pupil from 12: no rule ids, no support details — the case number and dates only."""
    ontvangers = handelaars(zaak.leerling)
    if selectors.is_twaalf_plus(zaak.leerling):
        ontvangers += [u for u in leerling_zelf(zaak.leerling) if u not in ontvangers]
    melding_stuur(ontvangers=ontvangers, sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": zaak.nummer, **gegevens}, url=zaak.get_absolute_url("ouder"))


def _meld_school(zaak, sleutel, titel, tekst, *rollen, url=None, **gegevens):
    melding_stuur(ontvangers=leden(*(rollen or (Rol.IB,)), school=zaak.school), sleutel=sleutel, titel=titel,
                  tekst=tekst, gegevens={"zaak": zaak.nummer, **gegevens}, url=url or zaak.get_absolute_url())


def _locked(arrangement) -> Arrangement:
    return (Arrangement.objects.select_for_update(of=("self",)).select_related("leerling", "school")
            .get(pk=arrangement.pk))


def _in_concept(arrangement) -> Arrangement:
    a = _locked(arrangement)
    if a.status != Status.CONCEPT:
        raise OndersteuningFout(_("Het aanbod is voorgelegd aan de ouders en verandert niet meer. Kies 'Aanbod "
                                "wijzigen' voor een nieuwe versie; de ouders krijgen die opnieuw voorgelegd."))
    return a


# --- the arrangement -------------------------------------------------------------------------------------------

ARRANGEMENT_VELDEN = ["aanbod_soort", "doel", "onderzocht", "aanpassingen", "startdatum", "einddatum",
                      "evaluatie_weken", "andere_school", "andere_school_naam"]


def _check_arrangement(a: Arrangement) -> None:
    if a.aanbod_soort not in AanbodSoort.values:
        raise OndersteuningFout(_("Kies het aanbod."))
    if not (a.doel or "").strip():
        raise OndersteuningFout(_("Schrijf op wat de ondersteuning moet bereiken."))
    if not 1 <= int(a.evaluatie_weken or 0) <= 52:
        raise OndersteuningFout(_("Kies een ritme voor de evaluatie tussen 1 en 52 weken."))
    if a.einddatum and a.einddatum < a.startdatum:
        raise OndersteuningFout(_("Het einde ligt vóór de start."))
    anders = a.aanbod_soort in (AanbodSoort.ANDERE_SCHOOL, AanbodSoort.SPECIALE_SCHOOL)
    if anders and not (a.andere_school_id or a.andere_school_naam.strip()):
        raise OndersteuningFout(_("Noem de school waar het kind naartoe kan."))
    if anders and a.andere_school_id == a.school_id:
        raise OndersteuningFout(_("Kies een andere school dan deze."))
    if not anders:
        a.andere_school, a.andere_school_naam = None, ""


def hoofdzaak_voor(*, user, pk) -> Zaak | None:
    """A case the arrangement comes from (e.g. the aanmelding in whose zorgplicht file the IB'er works): one of the
    user's school's cases the user may see."""
    return (Zaak.objects.for_user(user).filter(school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR))
            .select_related("leerling", "school").distinct().filter(pk=pk).first())


@transaction.atomic
def arrangement_open(*, leerling, school, door, aanbod_soort: str, doel: str, startdatum: date,
                     onderzocht: str = "", aanpassingen: str = "", einddatum: date | None = None,
                     evaluatie_weken: int = 6, andere_school=None, andere_school_naam: str = "",
                     hoofdzaak: Zaak | None = None) -> Arrangement:
    """The IB'er opens an arrangement for a pupil of the school — enrolled there, or with a running case there
    (the aanmelding: pass it as ``hoofdzaak``, then this is the offer of that aanmelding; one offer per case).
    It starts as a concept; the parents see it once it is offered."""
    _eis_school(door, Arrangement(leerling=leerling, school=school))
    if hoofdzaak is not None:
        if hoofdzaak.leerling_id != leerling.pk or hoofdzaak.school_id != school.pk:
            raise OndersteuningFout(_("Die zaak gaat over een ander kind of een andere school."))
        if Arrangement.objects.filter(hoofdzaak=hoofdzaak).exclude(status=Status.BEEINDIGD).exists():
            raise OndersteuningFout(_("Bij deze zaak hoort al een aanbod. Werk dat bij: één aanbod, niet twee."))
    else:
        ingeschreven = Inschrijving.objects.filter(leerling=leerling, school=school).filter(
            Q(tot__isnull=True) | Q(tot__gte=timezone.localdate())).exists()
        lopend = Zaak.objects.open().filter(leerling=leerling, school=school).exists()
        if not (ingeschreven or lopend):
            raise OndersteuningFout(_("Dit kind staat niet ingeschreven en heeft geen lopende zaak bij deze school."))
    a = Arrangement(leerling=leerling, school=school, hoofdzaak=hoofdzaak, aanbod_soort=aanbod_soort, doel=doel.strip(),
                    onderzocht=onderzocht.strip(), aanpassingen=aanpassingen.strip(), startdatum=startdatum,
                    einddatum=einddatum, evaluatie_weken=evaluatie_weken, andere_school=andere_school,
                    andere_school_naam=andere_school_naam.strip(), opgesteld_door=door)
    _check_arrangement(a)
    return zaken.zaak_open(zaak=a, door=door)


@transaction.atomic
def arrangement_bewerk(*, arrangement, door, **velden) -> Arrangement:
    """Change the offer itself (where, goal, what was investigated and tried, dates, rhythm) while it is a concept."""
    onbekend = set(velden) - set(ARRANGEMENT_VELDEN)
    if onbekend:
        raise OndersteuningFout(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    a = _in_concept(arrangement)
    _eis_school(door, a)
    oud = {k: getattr(a, k) for k in velden}
    for k, v in velden.items():
        setattr(a, k, v.strip() if isinstance(v, str) else v)
    _check_arrangement(a)
    a.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=a, leerling=a.leerling,
              wijzigingen=diff(oud, {k: getattr(a, k) for k in velden}))
    return a


ONDERDEEL_VELDEN = ["soort", "omschrijving", "aanbieder", "aanbieder_naam", "plaats", "uren_per_week", "start", "eind",
                    "financier", "swv", "gemeente", "beschikkingsnummer", "beschikking_omvang",
                    "binnen_basisondersteuning", "volledige_week_uren"]


def _check_onderdeel(o: Onderdeel, a: Arrangement) -> None:
    if o.soort not in OnderdeelSoort.values or o.aanbieder not in Aanbieder.values or o.financier not in Financier.values:
        raise OndersteuningFout(_("Kies de soort, wie het biedt en wie het betaalt."))
    if not (o.omschrijving or "").strip():
        raise OndersteuningFout(_("Beschrijf wat dit onderdeel is."))
    if o.eind and o.eind < o.start:
        raise OndersteuningFout(_("Het einde ligt vóór de start."))
    if o.uren_per_week is not None and not (Decimal("0") < o.uren_per_week <= Decimal("60")):
        raise OndersteuningFout(_("Vul een aantal uren per week in tussen 0 en 60."))
    swv_nodig = o.financier == Financier.SWV or o.aanbieder == Aanbieder.SWV
    if swv_nodig:
        swvs = list(a.school.samenwerkingsverbanden.all())
        if o.swv_id is None and len(swvs) == 1:
            o.swv = swvs[0]
        if o.swv_id is None or o.swv_id not in {s.pk for s in swvs}:
            raise OndersteuningFout(_("Kies het samenwerkingsverband van de school dat dit onderdeel betaalt of biedt."))
    else:
        o.swv = None
    if o.financier in GEMEENTE_FINANCIERS:
        if o.gemeente_id is None:
            o.gemeente = a.leerling.woongemeente
        if o.gemeente_id is None:
            raise OndersteuningFout(_("Kies de gemeente die dit onderdeel betaalt."))
    else:
        o.gemeente = None
    if o.financier in MET_BESCHIKKING and not (o.beschikkingsnummer.strip() and o.beschikking_omvang.strip()):
        raise OndersteuningFout(_("Zorg vanuit de Jeugdwet rust op een beschikking van de gemeente: vul het nummer en de "
                                "omvang in (wat, hoeveel, van wanneer tot wanneer)."))
    if o.financier not in MET_BESCHIKKING and o.financier not in GEMEENTE_FINANCIERS:
        o.beschikkingsnummer, o.beschikking_omvang = "", ""
    if o.binnen_basisondersteuning and o.financier != Financier.SCHOOL:
        raise OndersteuningFout(_("Basisondersteuning betaalt de school zelf. Kies 'De school' als betaler, of vink "
                                "'valt binnen de basisondersteuning' uit."))
    if o.soort == OnderdeelSoort.ROOSTER:
        if o.uren_per_week is None or o.volledige_week_uren is None:
            raise OndersteuningFout(_("Vul bij een aangepast rooster in hoeveel uur de leerling naar school gaat en hoeveel "
                                    "uur een volledige week is."))
        o.gedeeltelijk_rooster = o.uren_per_week < o.volledige_week_uren
        if o.gedeeltelijk_rooster and o.eind is None:
            raise OndersteuningFout(_("Een rooster met minder uren dan een volledige week heeft altijd een einddatum. Vul "
                                    "die in; verlengen kan daarna met een nieuwe versie."))
    else:
        o.volledige_week_uren, o.gedeeltelijk_rooster = None, False


@transaction.atomic
def onderdeel_bewaar(*, arrangement, door, onderdeel: Onderdeel | None = None, **velden) -> Onderdeel:
    """Add a part to a concept arrangement, or change one: kind, provider, place, hours, dates, funder (with the
    Jeugdwet decision's number and scope), within basisondersteuning or not; a partial timetable is marked as such
    and needs its end date (S5)."""
    onbekend = set(velden) - set(ONDERDEEL_VELDEN)
    if onbekend:
        raise OndersteuningFout(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    a = _in_concept(arrangement)
    _eis_school(door, a)
    nieuw = onderdeel is None
    o = Onderdeel(arrangement=a, volgorde=a.onderdelen.count() + 1) if nieuw else Onderdeel.objects.get(
        pk=onderdeel.pk, arrangement=a)
    oud = {k: getattr(o, k) for k in ONDERDEEL_VELDEN if hasattr(o, k)} if not nieuw else {}
    for k, v in velden.items():
        setattr(o, k, v.strip() if isinstance(v, str) else v)
    _check_onderdeel(o, a)
    o.save()
    for stap in o.opbouw.all():
        if stap.vanaf < o.start or (o.eind and stap.vanaf > o.eind):
            raise OndersteuningFout(_("Een stap van het opbouwschema valt buiten de nieuwe start- of einddatum."))
    audit_log(actor=door, actie=Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, obj=o, leerling=a.leerling,
              wijzigingen=diff(oud, {k: getattr(o, k) for k in ONDERDEEL_VELDEN}) if not nieuw else {})
    gebeurtenis_voeg_toe(zaak=a, soort="onderdeel", door=door, voor_ouders=False, gegevens={"onderdeel_id": o.pk})
    return o


@transaction.atomic
def onderdeel_verwijder(*, onderdeel, door) -> None:
    a = _in_concept(onderdeel.arrangement)
    _eis_school(door, a)
    audit_log(actor=door, actie=Actie.VERWIJDERD, obj=onderdeel, leerling=a.leerling)
    onderdeel.delete()


@transaction.atomic
def opbouwstap_voeg_toe(*, onderdeel, door, vanaf: date, omschrijving: str,
                        uren_per_week: Decimal | None = None) -> Opbouwstap:
    """A planned step of a build-up schedule (e.g. from 2 half days to 5 mornings): within the part's dates, one
    step per day, never more than a full week."""
    a = _in_concept(onderdeel.arrangement)
    _eis_school(door, a)
    o = Onderdeel.objects.get(pk=onderdeel.pk)
    if not omschrijving.strip():
        raise OndersteuningFout(_("Beschrijf de stap, bijvoorbeeld '5 ochtenden per week'."))
    if vanaf < o.start or (o.eind and vanaf > o.eind):
        raise OndersteuningFout(_("De stap valt buiten de start- en einddatum van dit onderdeel."))
    if o.opbouw.filter(vanaf=vanaf).exists():
        raise OndersteuningFout(_("Op die dag begint al een stap."))
    if uren_per_week is not None and o.volledige_week_uren and uren_per_week > o.volledige_week_uren:
        raise OndersteuningFout(_("Een stap heeft niet meer uren dan een volledige week."))
    stap = Opbouwstap.objects.create(onderdeel=o, vanaf=vanaf, omschrijving=omschrijving.strip(),
                                     uren_per_week=uren_per_week)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=stap, leerling=a.leerling)
    return stap


@transaction.atomic
def opbouwstap_verwijder(*, stap, door) -> None:
    a = _in_concept(stap.onderdeel.arrangement)
    _eis_school(door, a)
    audit_log(actor=door, actie=Actie.VERWIJDERD, obj=stap, leerling=a.leerling)
    stap.delete()


@transaction.atomic
def arrangement_bied_aan(*, arrangement, door) -> Arrangement:
    """Offer the concept to the parents (P5): they see it with what was investigated and tried, and agree or
    disagree. At this school, the offer needs at least one part."""
    a = _in_concept(arrangement)
    _eis_school(door, a)
    _check_arrangement(a)
    if a.aanbod_soort in (AanbodSoort.EIGEN_SCHOOL, AanbodSoort.SCHOOL_MET_ELDERS) and not a.onderdelen.exists():
        raise OndersteuningFout(_("Voeg eerst de onderdelen van de ondersteuning toe: wat, door wie, hoeveel, wie betaalt."))
    if a.aanbod_soort == AanbodSoort.SCHOOL_MET_ELDERS and not a.onderdelen.exclude(aanbieder=Aanbieder.SCHOOL).exists():
        raise OndersteuningFout(_("Bij ondersteuning van elders hoort minstens één onderdeel dat een ander biedt dan de "
                                "school zelf."))
    zaken.zaak_transition(zaak=a, naar=Status.AANGEBODEN, door=door)
    a.aangeboden_op = timezone.now()
    Arrangement.objects.filter(pk=a.pk).update(aangeboden_op=a.aangeboden_op)
    _meld_ouders(a, f"arrangement:{a.pk}:aangeboden:{a.versie}", N_("Er is een aanbod voor de ondersteuning van uw kind"),
                 N_("De school heeft een aanbod gedaan (%(zaak)s). Bekijk het na inloggen en laat weten of u het ermee "
                    "eens bent."))
    return a


def reacties_op_versie(a: Arrangement) -> dict[int, ArrangementReactie]:
    """The latest answer of each person who answered the current version (keyed by their account)."""
    out = {}
    for r in a.reacties.filter(versie=a.versie).order_by("op", "pk"):
        out[r.ouder_id] = r
    return out


@transaction.atomic
def arrangement_reageer(*, arrangement, door, akkoord: bool, reden: str = "") -> Arrangement:
    """Whoever acts for the pupil agrees or disagrees (with reasons) with the offer (P5): the parents with gezag over
    a minor; from 18 the pupil, or their curator or mentor (issue 17 §1; the core's HANDELT relations). One disagreement makes the offer
    'not agreed'; it is agreed when everyone who acts agreed with this version — every parent with gezag, or the
    adult pupil, or their representative. Then the support runs and the evaluation rhythm starts its clock (S-5)."""
    a = _locked(arrangement)
    if not set(zaken.relaties(door, a)) & set(hoorrecht.HANDELT):
        raise OndersteuningFout(_("Alleen wie voor de leerling beslist, reageert op het aanbod: %(wie)s.")
                                % {"wie": _(ALLEEN_WIE_HANDELT)})
    if a.status != Status.AANGEBODEN:
        raise OndersteuningFout(_("Er ligt nu geen aanbod waarop u kunt reageren."))
    if not akkoord and not reden.strip():
        raise OndersteuningFout(_("Schrijf kort waarom u het niet eens bent. Dan weet de school waarover het gesprek gaat."))
    r = ArrangementReactie.objects.create(arrangement=a, versie=a.versie, ouder=door, akkoord=akkoord,
                                          reden=reden.strip())
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=r, leerling=a.leerling, wijzigingen={"akkoord": [None, akkoord]})
    gebeurtenis_voeg_toe(zaak=a, soort="aanbod_reactie", door=door, gegevens={"akkoord": akkoord,
                                                                                      "versie": a.versie})
    if not akkoord:
        zaken.zaak_transition(zaak=a, naar=Status.NIET_AKKOORD, door=door)
        _meld_school(a, f"arrangement:{a.pk}:niet_akkoord:{a.versie}:{door.pk}", N_("Niet akkoord met het aanbod"),
                     N_("Het aanbod bij %(zaak)s is niet geaccepteerd. Neem contact op voor een gesprek."),
                     Rol.IB, Rol.DIRECTEUR)
        return a
    reacties = reacties_op_versie(a)
    nodig = {u.pk for u in handelaars(a.leerling)}
    if nodig and all(pk in reacties and reacties[pk].akkoord for pk in nodig):
        zaken.zaak_transition(zaak=a, naar=Status.AKKOORD, door=door)
        _start_evaluatie_klok(a, start=max(a.startdatum, timezone.localdate()), actor=door)
        _meld_school(a, f"arrangement:{a.pk}:akkoord:{a.versie}", N_("Akkoord met het aanbod"),
                     N_("Het aanbod bij %(zaak)s is geaccepteerd. De ondersteuning loopt."))
    return a


@transaction.atomic
def arrangement_reactie_vastleggen(*, arrangement, door, akkoord: bool, reden: str = "", hoe: str) -> Arrangement:
    """Parents without an account in the portal (e.g. after a paper aanmelding) answer on paper or in a
    conversation; the IB'er records that answer, how and when. Not when someone who acts for the pupil has an account
    (a parent with gezag of a minor; from 18 the pupil or their curator or mentor): then they answer themselves."""
    a = _locked(arrangement)
    _eis_school(door, a)
    if a.status != Status.AANGEBODEN:
        raise OndersteuningFout(_("Er ligt nu geen aanbod waarop de ouders kunnen reageren."))
    wie = hoorrecht.wie_handelt(a.leerling, onderwerp=ONDERWERP)
    if handelaars(a.leerling):
        raise OndersteuningFout(_("De ouders hebben een account: zij reageren zelf in het portaal.") if wie.ouders else
                                _("Wie voor de leerling beslist (%(wie)s), heeft een account en reageert zelf in het "
                                  "portaal.") % {"wie": wie.label})
    if not hoe.strip():
        raise OndersteuningFout(_("Schrijf op hoe en wanneer de ouders hebben gereageerd (bijvoorbeeld: brief van 3 maart)."))
    if not akkoord and not reden.strip():
        raise OndersteuningFout(_("Schrijf op waarom de ouders het niet eens zijn."))
    r = ArrangementReactie.objects.create(arrangement=a, versie=a.versie, ouder=None, akkoord=akkoord,
                                          reden=reden.strip(), buiten_portaal=hoe.strip(), vastgelegd_door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=r, leerling=a.leerling, wijzigingen={"akkoord": [None, akkoord]},
              omschrijving="Reactie van ouders buiten het portaal vastgelegd")
    gebeurtenis_voeg_toe(zaak=a, soort="aanbod_reactie", door=door, gegevens={"akkoord": akkoord,
                                                                                     "versie": a.versie})
    zaken.zaak_transition(zaak=a, naar=Status.AKKOORD if akkoord else Status.NIET_AKKOORD, door=door)
    if akkoord:
        _start_evaluatie_klok(a, start=max(a.startdatum, timezone.localdate()), actor=door)
    return a


def _evaluatieklok(a):
    return a.clocks.filter(regel_id="S-5", gesloten_op__isnull=True).first()


def _start_evaluatie_klok(a, *, start: date, actor):
    """S-5: the next evaluation, N weeks (the arrangement's rhythm) after ``start``; one open clock at a time."""
    if _evaluatieklok(a) is not None:
        return None
    return clock_start(regel_id="S-5", zaak=a, start=start, omschrijving=f"Evaluatie {a.nummer}", actor=actor,
                       extra_params={"lengte": int(a.evaluatie_weken)})


@transaction.atomic
def arrangement_wijzig(*, arrangement, door) -> Arrangement:
    """The school changes an offer that was made: a new version, back to concept, offered to the parents again.
    A running support continues meanwhile (its evaluation clock keeps running)."""
    a = _locked(arrangement)
    _eis_school(door, a)
    if a.status not in (Status.AANGEBODEN, Status.AKKOORD, Status.NIET_AKKOORD):
        raise OndersteuningFout(_("Dit aanbod kan nu niet worden gewijzigd."))
    zaken.zaak_transition(zaak=a, naar=Status.CONCEPT, door=door, toelichting="nieuwe versie")
    a.versie += 1
    Arrangement.objects.filter(pk=a.pk).update(versie=a.versie)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=a, leerling=a.leerling, wijzigingen={"versie": [a.versie - 1, a.versie]})
    return a


@transaction.atomic
def arrangement_beeindig(*, arrangement, door, op: date | None = None) -> Arrangement:
    a = _locked(arrangement)
    _eis_school(door, a)
    op = op or timezone.localdate()
    zaken.zaak_transition(zaak=a, naar=Status.BEEINDIGD, door=door)
    klok = _evaluatieklok(a)
    if klok is not None:
        clock_close(clock=klok, op=op, actor=door, vervallen=True)
    _meld_ouders(a, f"arrangement:{a.pk}:beeindigd", N_("De ondersteuning is afgesloten"),
                 N_("De school heeft %(zaak)s afgesloten. Bekijk na inloggen wat er is vastgelegd."))
    return a


@transaction.atomic
def evaluatie_leg_vast(*, arrangement, door, datum: date, bevindingen: str, uitkomst: str) -> Evaluatie:
    """Record an evaluation (S5). It closes the running evaluation term (on time or late) and starts the next one
    from the evaluation day in the arrangement's rhythm; 'afsluiten' ends the arrangement, 'aanpassen' makes a new
    version the parents are asked about again."""
    a = _locked(arrangement)
    _eis_school(door, a)
    if a.status != Status.AKKOORD:
        raise OndersteuningFout(_("Evalueren kan als de ondersteuning loopt (de ouders zijn akkoord)."))
    if uitkomst not in EvaluatieUitkomst.values:
        raise OndersteuningFout(_("Kies hoe het verder gaat."))
    if not bevindingen.strip():
        raise OndersteuningFout(_("Schrijf op wat u samen zag."))
    if datum > timezone.localdate():
        raise OndersteuningFout(_("Een evaluatie leg je vast als ze gehouden is: de datum ligt niet in de toekomst."))
    e = Evaluatie.objects.create(arrangement=a, datum=datum, bevindingen=bevindingen.strip(), uitkomst=uitkomst,
                                 door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=e, leerling=a.leerling)
    gebeurtenis_voeg_toe(zaak=a, soort="evaluatie", door=door, gegevens={"evaluatie_id": e.pk})
    klok = _evaluatieklok(a)
    if klok is not None:
        clock_close(clock=klok, op=datum, actor=door)
    if uitkomst == EvaluatieUitkomst.AFSLUITEN:
        arrangement_beeindig(arrangement=a, door=door, op=datum)
    else:
        _start_evaluatie_klok(a, start=datum, actor=door)
        if uitkomst == EvaluatieUitkomst.AANPASSEN:
            arrangement_wijzig(arrangement=a, door=door)
    return e


@transaction.atomic
def mening_leg_vast(*, arrangement, door, tekst: str, hoe_gevraagd: str = "") -> LeerlingMening:
    """The pupil's view on the support offered (B-7): from 12, with an own account, the pupil gives it; below 12
    (or without an account) the IB'er enters it on the pupil's behalf, marked as such, saying how it was asked."""
    a = _locked(arrangement)
    if not tekst.strip():
        raise OndersteuningFout(_("Schrijf de mening op."))
    leerling = a.leerling
    twaalf = selectors.is_twaalf_plus(leerling)
    if leerling.account_id and door.pk == leerling.account_id:
        if not twaalf:
            raise OndersteuningFout(_("Je ouders en de school vragen naar jouw mening."))
        namens = False
    elif "school" in zaken.relaties(door, a):
        if twaalf and leerling.account_id:
            raise OndersteuningFout(_("Deze leerling is 12 of ouder en heeft een eigen account: de leerling geeft de "
                                    "mening zelf."))
        if not hoe_gevraagd.strip():
            raise OndersteuningFout(_("Schrijf op hoe de mening van de leerling is gevraagd (bijvoorbeeld in een gesprek "
                                    "met de leerkracht)."))
        namens = True
    else:
        raise OndersteuningFout(_("Alleen de leerling zelf (vanaf 12 jaar) of de school legt de mening vast."))
    if a.status == Status.BEEINDIGD:
        raise OndersteuningFout(_("Dit arrangement is afgesloten."))
    m = LeerlingMening.objects.create(arrangement=a, versie=a.versie, tekst=tekst.strip(), namens=namens,
                                      hoe_gevraagd=hoe_gevraagd.strip() if namens else "", door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=m, leerling=leerling,
              omschrijving="Namens de leerling vastgelegd" if namens else "Door de leerling zelf")
    gebeurtenis_voeg_toe(zaak=a, soort="mening", door=door, gegevens={"namens": namens})
    return m


# --- the accommodations sheet (S4) ------------------------------------------------------------------------------

def _blad_locked(versie) -> BladVersie:
    return BladVersie.objects.select_for_update(of=("self",)).select_related("blad", "blad__leerling",
                                                                             "blad__school").get(pk=versie.pk)


def _blad_concept(versie) -> BladVersie:
    v = _blad_locked(versie)
    if not v.is_concept:
        raise OndersteuningFout(_("Deze versie geldt (of gold) al en verandert niet meer. Maak een nieuwe versie."))
    return v


@transaction.atomic
def blad_maak(*, leerling, school, door) -> BladVersie:
    """Start the pupil's sheet at this school, with an empty concept version."""
    _eis_school(door, Aanpassingenblad(leerling=leerling, school=school))
    if not selectors.leerlingen_op_school(school).filter(pk=leerling.pk).exists():
        raise OndersteuningFout(_("Dit kind staat niet ingeschreven op deze school."))
    blad, nieuw = Aanpassingenblad.objects.get_or_create(leerling=leerling, school=school)
    if not nieuw:
        raise OndersteuningFout(_("Deze leerling heeft al een aanpassingenblad."))
    v = BladVersie.objects.create(blad=blad, nummer=1, aangemaakt_door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=blad, leerling=leerling)
    return v


@transaction.atomic
def blad_nieuwe_versie(*, blad, door) -> BladVersie:
    """A new concept, a copy of the version in force; when it is set, every teacher is asked again."""
    _eis_school(door, blad)
    Aanpassingenblad.objects.select_for_update().get(pk=blad.pk)
    if blad.versies.filter(status=BladStatus.CONCEPT).exists():
        raise OndersteuningFout(_("Er is al een conceptversie."))
    geldend = selectors.geldende_versie(blad)
    laatste = blad.versies.order_by("-nummer").first()
    v = BladVersie.objects.create(blad=blad, nummer=(laatste.nummer if laatste else 0) + 1, aangemaakt_door=door)
    if geldend is not None:
        Afspraak.objects.bulk_create([Afspraak(versie=v, categorie=x.categorie, weten=x.weten, doen=x.doen,
                                               volgorde=x.volgorde) for x in geldend.afspraken.all()])
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=v, leerling=blad.leerling)
    return v


def _reset_akkoord(v: BladVersie) -> None:
    """A change after the parents (or the pupil) agreed: they are asked again."""
    if v.ouders_akkoord_op or v.leerling_akkoord_op:
        BladVersie.objects.filter(pk=v.pk).update(ouders_akkoord_op=None, ouders_akkoord_door=None,
                                                  ouders_akkoord_in_gesprek=False, leerling_akkoord_op=None,
                                                  leerling_akkoord_in_gesprek=False)


@transaction.atomic
def afspraak_voeg_toe(*, versie, door, categorie: str, weten: str, doen: str) -> Afspraak:
    v = _blad_concept(versie)
    _eis_school(door, v.blad)
    if categorie not in AfspraakCategorie.values:
        raise OndersteuningFout(_("Kies een onderwerp."))
    if not (weten.strip() and doen.strip()):
        raise OndersteuningFout(_("Schrijf op wat een leerkracht moet weten én wat hij of zij dan doet."))
    x = Afspraak.objects.create(versie=v, categorie=categorie, weten=weten.strip(), doen=doen.strip(),
                                volgorde=v.afspraken.count() + 1)
    _reset_akkoord(v)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=x, leerling=v.blad.leerling)
    return x


@transaction.atomic
def afspraak_verwijder(*, afspraak, door) -> None:
    v = _blad_concept(afspraak.versie)
    _eis_school(door, v.blad)
    audit_log(actor=door, actie=Actie.VERWIJDERD, obj=afspraak, leerling=v.blad.leerling)
    afspraak.delete()
    _reset_akkoord(v)


@transaction.atomic
def blad_leg_voor(*, versie, door) -> BladVersie:
    """Put the concept before the parents (and the pupil from 12) to agree."""
    v = _blad_concept(versie)
    _eis_school(door, v.blad)
    if not v.afspraken.exists():
        raise OndersteuningFout(_("Zet eerst de afspraken op het blad."))
    v.voorgelegd_op = timezone.now()
    v.save(update_fields=["voorgelegd_op"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=v, leerling=v.blad.leerling, omschrijving="Voorgelegd aan ouders")
    ontvangers = handelaars(v.blad.leerling)
    if selectors.is_twaalf_plus(v.blad.leerling):
        ontvangers += [u for u in leerling_zelf(v.blad.leerling) if u not in ontvangers]
    melding_stuur(ontvangers=ontvangers, sleutel=f"blad:{v.pk}:voorgelegd:{v.voorgelegd_op.timestamp():.0f}",
                  titel=N_("Afspraken voor de leerkrachten: wilt u ze bekijken?"),
                  tekst=N_("De school zette de afspraken op een rij die elke leerkracht moet kennen (%(blad)s). Bekijk "
                           "ze na inloggen en geef aan of u akkoord bent."),
                  gegevens={"blad": v.blad.nummer}, url=reverse("ondersteuning:blad", args=[v.blad_id]))
    return v


@transaction.atomic
def blad_akkoord(*, versie, door, in_gesprek_met: str = "") -> BladVersie:
    """The parents (or the pupil from 12) agree with the concept in the portal — or the IB'er records that it was
    agreed with them in a conversation (``in_gesprek_met`` = 'ouders' or 'leerling')."""
    v = _blad_concept(versie)
    leerling = v.blad.leerling
    nu = timezone.now()
    if in_gesprek_met:
        _eis_school(door, v.blad)
        if in_gesprek_met == "ouders":
            v.ouders_akkoord_op, v.ouders_akkoord_door, v.ouders_akkoord_in_gesprek = nu, door, True
        elif in_gesprek_met == "leerling":
            v.leerling_akkoord_op, v.leerling_akkoord_in_gesprek = nu, True
        else:
            raise OndersteuningFout(_("Kies met wie het is afgestemd."))
    else:
        if v.voorgelegd_op is None:
            raise OndersteuningFout(_("De school heeft deze afspraken nog niet aan u voorgelegd."))
        # Whoever acts for the pupil agrees in the parents' place (issue 17 §1); an adult pupil who acts for
        # themselves gives both agreements at once; the pupil from 12 (also under curatele) gives their own.
        zelf = leerling.account_id == door.pk and selectors.is_twaalf_plus(leerling)
        if hoorrecht.handelt_voor(door, leerling, onderwerp=ONDERWERP):
            v.ouders_akkoord_op, v.ouders_akkoord_door, v.ouders_akkoord_in_gesprek = nu, door, False
        elif not zelf:
            raise OndersteuningFout(_("Alleen %(wie)s, of de leerling vanaf 12 jaar, geeft hier akkoord.")
                                    % {"wie": _(ALLEEN_WIE_HANDELT)})
        if zelf:
            v.leerling_akkoord_op, v.leerling_akkoord_in_gesprek = nu, False
    v.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=v, leerling=leerling,
              omschrijving=f"Akkoord {'(in gesprek, ' + in_gesprek_met + ')' if in_gesprek_met else '(in het portaal)'}")
    return v


@transaction.atomic
def blad_stel_vast(*, versie, door, wat_veranderde: str = "") -> BladVersie:
    """The agreed concept becomes the version in force; the previous one is replaced. Every teacher of the pupil is
    asked to read and confirm it (S4). Agreed with the parents and, from 12, with the pupil."""
    v = _blad_concept(versie)
    blad = v.blad
    _eis_school(door, blad)
    if not v.afspraken.exists():
        raise OndersteuningFout(_("Er staan nog geen afspraken op het blad."))
    if v.ouders_akkoord_op is None:
        raise OndersteuningFout(_("De ouders zijn nog niet akkoord. Leg het blad aan hen voor, of leg vast dat het in een "
                                "gesprek is afgestemd."))
    if selectors.is_twaalf_plus(blad.leerling) and v.leerling_akkoord_op is None:
        raise OndersteuningFout(_("De leerling is 12 of ouder: stem de afspraken ook met de leerling af."))
    if v.nummer > 1 and not wat_veranderde.strip():
        raise OndersteuningFout(_("Schrijf kort wat er veranderd is; de leerkrachten lezen dat eerst."))
    BladVersie.objects.filter(blad=blad, status=BladStatus.GELDT).update(status=BladStatus.VERVANGEN)
    v.status, v.vastgesteld_op, v.vastgesteld_door = BladStatus.GELDT, timezone.now(), door
    v.wat_veranderde = wat_veranderde.strip()
    v.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=v, leerling=blad.leerling,
              wijzigingen={"status": [BladStatus.CONCEPT, BladStatus.GELDT]})
    melding_stuur(ontvangers=selectors.leerkrachten_van(blad.leerling, blad.school), sleutel=f"blad:{v.pk}:geldt",
                  titel=N_("Lees en bevestig: afspraken voor een leerling"),
                  tekst=N_("Er gelden nieuwe afspraken voor een leerling uit uw groep (%(blad)s, versie %(versie)s). "
                           "Lees ze na inloggen en bevestig dat u ze kent."),
                  gegevens={"blad": blad.nummer, "versie": v.nummer}, url=reverse("ondersteuning:blad", args=[blad.pk]))
    return v


@transaction.atomic
def kennisname_leg_vast(*, versie, leerkracht) -> Kennisname:
    """A teacher of the pupil confirms they read the version in force and will apply it."""
    v = _blad_locked(versie)
    if v.status != BladStatus.GELDT:
        raise OndersteuningFout(_("Deze versie geldt niet (meer). Lees de versie die nu geldt."))
    if not selectors.is_leerkracht_van(leerkracht, v.blad):
        raise OndersteuningFout(_("Alleen een leerkracht van deze leerling bevestigt het blad."))
    k, nieuw = Kennisname.objects.get_or_create(versie=v, leerkracht=leerkracht)
    if nieuw:
        audit_log(actor=leerkracht, actie=Actie.AANGEMAAKT, obj=k, leerling=v.blad.leerling,
                  omschrijving=f"Gelezen: versie {v.nummer}")
    return k


# --- the request for an effective adjustment (D-6, P7) -----------------------------------------------------------

def _normaal(tekst: str) -> str:
    """Text without case, punctuation and spacing differences: what 'identical' compares."""
    return " ".join(re.findall(r"\w+", tekst.casefold()))


def motivering_vingerafdruk(tekst: str) -> str:
    return hashlib.sha256(_normaal(tekst).encode()).hexdigest() if tekst.strip() else ""


def motivering_fout(tekst: str, *, school, behalve_pk=None, weigergrond: str = "") -> str | None:
    """D-6: a refusal (or an adjustment granted differently) is decided per child and documented. Refused when the
    justification is empty, shorter than 30 words, or the same as another answer of this school. With a refusal's
    ground (Wgbh/cz art. 2 lid 1), the message says what the justification of that ground must explain."""
    woorden = len(re.findall(r"\w+", tekst or ""))
    wat = WEIGERGROND_VRAAG.get(weigergrond)
    if not (tekst or "").strip():
        if wat:
            return f"Schrijf de onderbouwing: {wat}. De wet vraagt een afweging per kind."
        return ("Schrijf de onderbouwing: waarom deze aanpassing voor dit kind niet doeltreffend, niet noodzakelijk of "
                "onevenredig belastend is, of waarom u het anders doet. De wet vraagt een afweging per kind.")
    if woorden < MIN_WOORDEN_MOTIVERING:
        return (f"De onderbouwing is te kort ({woorden} woorden). Leg in ten minste {MIN_WOORDEN_MOTIVERING} woorden "
                + (f"uit {wat}." if wat else "uit wat u voor dit kind heeft afgewogen: wat de aanpassing vraagt, wat u "
                   "heeft onderzocht en waarom het niet (zo) kan."))
    andere = Aanpassingsverzoek.objects.filter(school=school, motivering_vingerafdruk=motivering_vingerafdruk(tekst))
    if behalve_pk:
        andere = andere.exclude(pk=behalve_pk)
    if andere.exists():
        return ("Deze onderbouwing is gelijk aan een ander antwoord van deze school. Een onderbouwing geldt voor één "
                "kind: schrijf op wat voor dit kind de afweging is.")
    return None


def weigergrond_fout(uitkomst: str, weigergrond: str) -> str | None:
    """D-6, Wgbh/cz art. 2 lid 1: a refusal names one of three grounds — not effective, not necessary, or a
    disproportionate burden. Another answer names none."""
    if uitkomst == AanpassingUitkomst.GEWEIGERD and weigergrond not in Weigergrond.values:
        return ("Kies de grond van de weigering: niet doeltreffend, niet noodzakelijk of onevenredig belastend. "
                "Alleen op een van deze gronden mag u een aanpassing weigeren.")
    return None


@transaction.atomic
def aanpassing_vraag(*, leerling, school, door, gevraagd: str, waarom: str,
                     vandaag: date | None = None) -> Aanpassingsverzoek:
    """Whoever acts for the pupil asks the school for an effective adjustment (Wgbh/cz art. 2 lid 1; D-6): a parent
    with gezag over a minor; from 18 the pupil from their own account, or their curator or mentor (issue 17 §1, §4;
    ``handelt``). The parents of an adult pupil no longer ask for them. The school answers within the term of rule
    D-6."""
    vandaag = vandaag or timezone.localdate()
    if not hoorrecht.handelt_voor(door, leerling, onderwerp=ONDERWERP):
        raise OndersteuningFout(_("Alleen wie voor de leerling beslist, kan dit vragen: %(wie)s.")
                                % {"wie": _(ALLEEN_WIE_HANDELT)})
    if not (gevraagd.strip() and waarom.strip()):
        raise OndersteuningFout(_("Schrijf welke aanpassing u vraagt en waarom die nodig is."))
    if not scholen_voor_aanpassing(leerling).filter(pk=school.pk).exists():
        raise OndersteuningFout(_("Kies de school waar de leerling staat ingeschreven of is aangemeld."))
    v = zaken.zaak_open(zaak=Aanpassingsverzoek(leerling=leerling, school=school, gevraagd=gevraagd.strip(),
                                                waarom=waarom.strip(), ingediend_door=door), door=door)
    d6 = clock_start(regel_id="D-6", zaak=v, start=vandaag, omschrijving=f"Antwoord {v.nummer}", actor=door,
                     vandaag=vandaag)
    _meld_school(v, f"aanpassing:{v.pk}:nieuw", N_("Verzoek om een aanpassing"),
                 N_("Er is een verzoek om een aanpassing (%(zaak)s). Antwoord uiterlijk %(datum)s."), Rol.IB,
                 Rol.DIRECTEUR, datum=d6.uiterlijk)
    return v


def scholen_voor_aanpassing(leerling):
    """The schools a parent can ask: where the child is enrolled, or has a running case (e.g. an aanmelding)."""
    from portal.organisaties.models import School

    vandaag = timezone.localdate()
    return School.objects.filter(
        Q(inschrijvingen__leerling=leerling, inschrijvingen__tot__isnull=True)
        | Q(inschrijvingen__leerling=leerling, inschrijvingen__tot__gte=vandaag)
        | Q(pk__in=Zaak.objects.open().filter(leerling=leerling).values("school_id"))).distinct().order_by("naam")


@transaction.atomic
def aanpassing_beantwoord(*, verzoek, door, uitkomst: str, motivering: str,
                          weigergrond: str = "") -> Aanpassingsverzoek:
    """The school answers: granted, granted differently, or refused on one of the three grounds of Wgbh/cz art. 2
    lid 1 (not effective, not necessary, disproportionately burdensome; ``weigergrond``). A refusal or a different
    adjustment needs an individual justification (``motivering_fout``), for a refusal one that explains the chosen
    ground. The answer is a letter that names the ground in plain Dutch; a refusal shows the route to the College voor
    de Rechten van de Mens."""
    v = (Aanpassingsverzoek.objects.select_for_update(of=("self",)).select_related("leerling", "school")
         .get(pk=verzoek.pk))
    _eis_school(door, v)
    if v.status != AanpassingStatus.INGEDIEND:
        raise OndersteuningFout(_("Dit verzoek is al beantwoord."))
    if uitkomst not in AanpassingUitkomst.values:
        raise OndersteuningFout(_("Kies het antwoord."))
    fout = weigergrond_fout(uitkomst, weigergrond)
    if fout:
        raise OndersteuningFout(fout)
    if uitkomst != AanpassingUitkomst.GEWEIGERD:
        weigergrond = ""
    if uitkomst in MET_MOTIVERING:
        fout = motivering_fout(motivering, school=v.school, behalve_pk=v.pk, weigergrond=weigergrond)
        if fout:
            raise OndersteuningFout(fout)
    v.uitkomst, v.weigergrond, v.motivering = uitkomst, weigergrond, motivering.strip()
    v.motivering_vingerafdruk = motivering_vingerafdruk(v.motivering)
    v.beantwoord_op, v.beantwoord_door = timezone.now(), door
    Aanpassingsverzoek.objects.filter(pk=v.pk).update(
        uitkomst=v.uitkomst, weigergrond=v.weigergrond, motivering=v.motivering,
        motivering_vingerafdruk=v.motivering_vingerafdruk, beantwoord_op=v.beantwoord_op, beantwoord_door=door)
    wijzigingen = {"uitkomst": [None, uitkomst]} | ({"weigergrond": [None, weigergrond]} if weigergrond else {})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=v, leerling=v.leerling, wijzigingen=wijzigingen)
    for klok in v.clocks.filter(regel_id="D-6", gesloten_op__isnull=True):
        clock_close(clock=klok, op=timezone.localdate(), actor=door)
    zaken.zaak_transition(zaak=v, naar=AanpassingStatus.BEANTWOORD, door=door)
    with translation.override("nl"):  # the letter is Dutch, whatever language the school's user reads
        labels = {"uitkomst_label": str(AanpassingUitkomst(uitkomst).label),
                  "weigergrond_tekst": str(WEIGERGROND_OUDERS.get(weigergrond, ""))}
    # The letter goes to whoever acts for the pupil (``brief_maak`` adds ``aan``/``aan_soort``; issue 17 §1): it
    # speaks to the parents, to the adult pupil, or to their curator or mentor.
    brief_maak(zaak=v, soort=BriefSoort.AANPASSING_ANTWOORD, gegevens={
        "uitkomst": uitkomst, "gevraagd": v.gevraagd, "weigergrond": weigergrond, **labels,
        "motivering": v.motivering, "beantwoord_op": timezone.localdate(),
        "door": door.get_full_name() or door.email, "ingediend_op": timezone.localdate(v.geopend_op)})
    _meld_ouders(v, f"aanpassing:{v.pk}:antwoord", N_("Antwoord op uw verzoek om een aanpassing"),
                 N_("De school heeft uw verzoek beantwoord (%(zaak)s). Lees het antwoord na inloggen."))
    return v


# --- the conversation log ---------------------------------------------------------------------------------------

def partij_van(zaak, rel) -> str | None:
    """The side of a conversation log the reader with relations ``rel`` (``portal.zaken.services.relaties``) is on:
    the school, the pupil (from 12; also the adult pupil acting for themselves), or the parents (of a minor; the
    adult pupil's curator or mentor). A reader without a side (the SWV) does not confirm."""
    if "school" in rel:
        return Partij.SCHOOL
    if "leerling" in rel and selectors.is_twaalf_plus(zaak.leerling):
        return Partij.LEERLING
    if set(rel) & set(hoorrecht.HANDELT):
        return Partij.OUDERS
    return None


@transaction.atomic
def gesprek_leg_vast(*, zaak, door, datum: date, deelnemers: str, afspraken: str,
                     acties: list[dict] | None = None) -> Gespreksverslag:
    """Record a conversation on the case: date, who took part, what was agreed, and actions with an owner and a
    date. The other side is asked to confirm it or add a remark."""
    partij = partij_van(zaak, zaken.relaties(door, zaak))
    if partij != Partij.SCHOOL:
        raise OndersteuningFout(_("De school legt het gespreksverslag vast; u kunt het bevestigen of een opmerking "
                                "toevoegen."))
    if datum > timezone.localdate():
        raise OndersteuningFout(_("Leg een gesprek vast nadat het is gevoerd."))
    if not (deelnemers.strip() and afspraken.strip()):
        raise OndersteuningFout(_("Vul in wie erbij waren en wat is afgesproken."))
    g = Gespreksverslag.objects.create(zaak=zaak, datum=datum, deelnemers=deelnemers.strip(), afspraken=afspraken.strip(),
                                       door=door, partij=partij)
    for actie in acties or []:
        if not actie.get("wat", "").strip():
            continue
        if not actie.get("wie", "").strip():
            raise OndersteuningFout(_("Noem bij elke actie wie hem uitvoert."))
        VerslagActie.objects.create(verslag=g, wat=actie["wat"].strip(), wie=actie["wie"].strip(),
                                    uiterlijk=actie.get("uiterlijk"))
    VerslagReactie.objects.create(verslag=g, partij=partij, door=door, bevestigd=True)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=g, leerling=zaak.leerling)
    gebeurtenis_voeg_toe(zaak=zaak, soort="gespreksverslag", door=door, gegevens={"verslag_id": g.pk})
    specifiek = zaak.specifiek
    _meld_ouders(specifiek, f"gesprek:{g.pk}", N_("Gespreksverslag: wilt u het bevestigen?"),
                 N_("Er is een verslag van uw gesprek met de school (%(zaak)s). Lees het na inloggen, en bevestig het of "
                    "voeg een opmerking toe."))
    return g


@transaction.atomic
def gesprek_reageer(*, verslag, door, bevestigd: bool, opmerking: str = "") -> VerslagReactie:
    """A side confirms the log or adds a remark (or both)."""
    zaak = verslag.zaak
    partij = partij_van(zaak, zaken.relaties(door, zaak))
    if partij is None:
        raise OndersteuningFout(_("U kunt op dit verslag niet reageren."))
    if not bevestigd and not opmerking.strip():
        raise OndersteuningFout(_("Bevestig het verslag, of schrijf een opmerking."))
    r = VerslagReactie.objects.create(verslag=verslag, partij=partij, door=door, bevestigd=bevestigd,
                                      opmerking=opmerking.strip())
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=r, leerling=zaak.leerling)
    if partij != Partij.SCHOOL:
        _meld_school(zaak.specifiek, f"gesprek:{verslag.pk}:reactie:{r.pk}", N_("Reactie op een gespreksverslag"),
                     N_("Er is gereageerd op een gespreksverslag bij %(zaak)s."))
    return r


@transaction.atomic
def actie_gedaan(*, actie, door, op: date | None = None) -> VerslagActie:
    zaak = actie.verslag.zaak
    if partij_van(zaak, zaken.relaties(door, zaak)) is None:
        raise OndersteuningFout(_("U kunt deze actie niet afvinken."))
    actie = VerslagActie.objects.select_for_update().get(pk=actie.pk)
    if actie.gedaan_op is None:
        actie.gedaan_op = op or timezone.localdate()
        actie.save(update_fields=["gedaan_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=actie, leerling=zaak.leerling, omschrijving="Actie gedaan")
    return actie
