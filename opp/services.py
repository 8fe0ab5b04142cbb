"""Every write of the OPP: one function per action, keyword-only, in one transaction, audited (STYLE §2, §4). What
every case kind shares — status transitions, clocks, documents, letters, notifications, the signing of a decision
under a mandate — is the core's.

Rules and sources (DOMAIN §4 B; docs/juridische-bronnen.md): who needs an OPP (B-1: WPO 40a lid 1, WVO 2020 2.44,
WEC 41a); set within 6 weeks after enrolment or the definitive placement (B-2: WPO 40a lid 3, WVO 2020 2.44 lid 2);
its content (B-3: Besluit bekostiging WPO 34.7, WPO 40a lid 5); the handelingsdeel needs the instemming of the
parents — of the pupil from 18 — and without it stays a concept while the school keeps giving the support (B-4:
WPO 40a, Kamerstuk 34 446); evaluated with the parents at least once per school year (B-5: WPO 40a lid 4, WVO 2020
2.44 lid 3); vso: one of three uitstroomprofielen (B-6: WEC 14); the pupil is heard and told how their view counted
(B-7: Wet versterking positie ouders en leerlingen, Kamerstuk 36 443); start and end registered nationally (B-8).
"""

from datetime import date

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log, diff
from portal.documenten.services import document_bewaar
from portal.leerlingen.models import Inschrijving
from portal.meldingen.ontvangers import leden, leerling_zelf, ouders
from portal.meldingen.services import melding_stuur
from portal.termijnen import dates, rules
from portal.termijnen.services import clock_close, clock_start
from portal.zaken import hoorrecht
from portal.zaken import services as zaken
from portal.zaken.models import Besluit
from portal.zaken.services import ZaakFout
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from . import selectors
from .constants import (
    BESLUITTYPE,
    INSTEMMING_LOOPT,
    SOORTEN_MET_COMMISSIE,
    SOORTEN_MET_OPP,
    UITSTROOM_PER_SOORT,
    EindeReden,
    Gebied,
    Herkomst,
    Keuze,
    Overeenstemming,
    Partij,
    Reden,
    Status,
    VersieStatus,
    Vervolg,
    Via,
    Voortgang,
)
from .models import (
    CommissieAdvies,
    Doel,
    DoelVoortgang,
    Evaluatie,
    Inbreng,
    Instemming,
    Ontwikkelingsperspectief,
    Overleg,
    Versie,
)


class OppFout(ZaakFout):
    """A request that cannot be granted; the message is Dutch and shown as it is. ``ontbreekt``: each missing legal
    element by name (the completeness check, B-3)."""

    def __init__(self, bericht: str, ontbreekt: list[str] | None = None, *, veld: str | None = None):
        super().__init__(bericht, veld=veld)
        self.ontbreekt = ontbreekt or []


# --- helpers ---------------------------------------------------------------------------------------------------

def _eis_school(user, opp) -> None:
    """The core's relation "school" (an IB'er or the directeur of the OPP's school; ``portal.zaken.pagina.RELATIES``).
    ``opp`` may be unsaved: the OPP about to be opened."""
    if "school" not in zaken.relaties(user, opp):
        raise OppFout(_("Alleen de intern begeleider of de directeur van de school kan dit doen."))


def _locked(opp) -> Ontwikkelingsperspectief:
    return (Ontwikkelingsperspectief.objects.select_for_update(of=("self",))
            .select_related("leerling", "school", "school__bestuur").get(pk=opp.pk))


def _eis_open(opp) -> None:
    if not opp.is_open:
        raise OppFout(_("Dit ontwikkelingsperspectief is beëindigd."))


def _concept(opp) -> Versie | None:
    return Versie.objects.filter(opp=opp, status=VersieStatus.CONCEPT).first()


def _geldend(opp) -> Versie | None:
    return Versie.objects.filter(opp=opp, status=VersieStatus.VASTGESTELD).first()


def _in_behandeling(opp) -> Versie | None:
    """The version whose handelingsdeel is being answered or set: the concept, or — after the perspective part was
    set without instemming (B-4) — the version in force whose handelingsdeel is still a concept."""
    return _concept(opp) or Versie.objects.filter(opp=opp, status=VersieStatus.VASTGESTELD,
                                                  handelingsdeel_concept=True).first()


# The terms to set the OPP: B-2 (statutory, from enrolment) and B-2b (not statutory, from the start of the extra
# support of a pupil enrolled long ago). Whichever runs closes at the (first) vaststelling.
VASTSTELLINGSTERMIJNEN = ("B-2", "B-2b")


def _sluit_vaststellingstermijn(opp, op: date, door) -> None:
    for klok in opp.clocks.filter(regel_id__in=VASTSTELLINGSTERMIJNEN, gesloten_op__isnull=True):
        clock_close(clock=klok, op=op, actor=door)


def _start_commissie_evaluatie(opp, start: date, door, vandaag: date) -> None:
    """B-5b (WEC 40b lid 2 onder b): at a so/vso school the commissie voor de begeleiding evaluates the OPP at least
    once a year — its clock runs from the first vaststelling, then from each evaluation."""
    if opp.school.soort not in SOORTEN_MET_COMMISSIE:
        return
    if not opp.clocks.filter(regel_id="B-5b", gesloten_op__isnull=True).exists():
        clock_start(regel_id="B-5b", zaak=opp, start=start, actor=door, vandaag=vandaag)


def _concept_in_bewerking(opp, door) -> Versie:
    """The concept the IB'er edits: only while the OPP is being drafted (not while the parents answer — they agree
    with what they read). The first concept is made on the first edit."""
    if opp.status != Status.OP_TE_STELLEN:
        if opp.status in INSTEMMING_LOOPT:
            raise OppFout(_("Het handelingsdeel ligt ter instemming bij de ouders en verandert nu niet. Kies 'Concept "
                          "wijzigen': dan vervallen de antwoorden en legt u het daarna opnieuw voor."))
        raise OppFout(_("Er is nu geen concept in voorbereiding. Kies 'Nieuwe versie maken' om het OPP aan te passen."))
    versie = _concept(opp)
    if versie is None:
        nummer = (Versie.objects.filter(opp=opp).aggregate(m=Max("nummer"))["m"] or 0) + 1
        versie = Versie.objects.create(opp=opp, nummer=nummer, aangemaakt_door=door)
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=versie, leerling=opp.leerling)
    return versie


def _meld_ouders(opp, sleutel, titel, tekst, *, leerling_ook: bool = True, **gegevens):
    """Parents (and the pupil from 12 with an account): no rule ids, no support details — the case number and dates."""
    ontvangers = ouders(opp.leerling)
    if leerling_ook and hoorrecht.heeft_hoorrecht_account(opp.leerling):
        ontvangers += leerling_zelf(opp.leerling)
    melding_stuur(ontvangers=ontvangers, sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": opp.nummer, **gegevens}, url=opp.get_absolute_url("ouder"))


def _meld_school(opp, sleutel, titel, tekst, *rollen, url=None, **gegevens):
    melding_stuur(ontvangers=leden(*(rollen or (Rol.IB,)), school=opp.school), sleutel=sleutel, titel=titel,
                  tekst=tekst, gegevens={"zaak": opp.nummer, **gegevens}, url=url or opp.get_absolute_url())


def _actief_ingeschreven(leerling, school, op: date | None = None) -> Inschrijving | None:
    from django.db.models import Q

    op = op or timezone.localdate()
    return (Inschrijving.objects.filter(leerling=leerling, school=school, soort="definitief")
            .filter(Q(tot__isnull=True) | Q(tot__gte=op)).order_by("-van").first())


def besluit_sleutel(versie: Versie, *, perspectief: bool = False) -> str:
    """Which vaststelling of the case a decision is (the core's ``Besluit.sleutel``): every version its own, and the
    perspective part alone (B-4) beside the later one of its handelingsdeel."""
    return f"versie:{versie.nummer}" + (":perspectief" if perspectief else "")


def _vervallen_besluit(versie: Versie | None, door, *, perspectief: bool = False) -> None:
    """A prepared vaststelling that will not be signed any more (the concept changed, or someone withdrew their
    instemming): it leaves the signer's list (the core's ``besluit_vervalt``). ``perspectief``: the prepared
    vaststelling of the perspective part alone (B-4)."""
    besluit_id = None if versie is None else (versie.perspectief_besluit_id if perspectief else versie.besluit_id)
    if besluit_id is not None:
        zaken.besluit_vervalt(besluit=Besluit(pk=besluit_id), door=door,
                              omschrijving="Voorbereide vaststelling vervallen")


def _besluiten_eindigen(versies, op: date, door, omschrijving: str) -> None:
    """The signed vaststellingen of ``versies`` stop applying from ``op`` (the core's ``Besluit.geldig_tot``): a
    later version replaced them, or the OPP ended."""
    for v in versies:
        for besluit_id in (v.besluit_id, v.perspectief_besluit_id):
            if besluit_id is not None:
                besluit = Besluit.objects.get(pk=besluit_id)
                if besluit.ondertekend_op is not None and besluit.vervallen_op is None:
                    zaken.besluit_eindigt(besluit=besluit, op=op, door=door, omschrijving=omschrijving)


# --- B-1, B-2: who needs an OPP and its 6-week term ---------------------------------------------------------------

def opp_nodig(school, extra_ondersteuning: bool) -> str | None:
    """B-1: the reason this pupil needs an OPP at this school, or None."""
    if school.soort in SOORTEN_MET_OPP:
        return Reden.SOORT_ONDERWIJS
    return Reden.EXTRA_ONDERSTEUNING if extra_ondersteuning else None


@transaction.atomic
def opp_start_bij_inschrijving(inschrijving, door, op, extra_ondersteuning: bool) -> Ontwikkelingsperspectief | None:
    """B-2: a pupil who needs an OPP gets one, with its 6-week term from the enrolment day — or, after a
    tijdelijke inschrijving, from the day of the definitive placement (``op``). Once per enrolment."""
    reden = opp_nodig(inschrijving.school, extra_ondersteuning)
    if reden is None:
        return None
    bestaand = Ontwikkelingsperspectief.objects.filter(leerling=inschrijving.leerling, school=inschrijving.school).open()
    if bestaand.exists():
        return None
    opp = zaken.zaak_open(zaak=Ontwikkelingsperspectief(leerling=inschrijving.leerling, school=inschrijving.school,
                                                        inschrijving=inschrijving, reden=reden,
                                                        herkomst=Herkomst.INSCHRIJVING),
                          door=door, systeem=door is None)
    b2 = clock_start(regel_id="B-2", zaak=opp, start=op, actor=door, systeem=door is None)
    melding_stuur(ontvangers=leden("ib", school=inschrijving.school), sleutel=f"opp:{opp.pk}:nieuw",
                  titel=N_("Ontwikkelingsperspectief opstellen"),
                  tekst=N_("Voor %(zaak)s moet het ontwikkelingsperspectief uiterlijk %(datum)s zijn vastgesteld."),
                  gegevens={"zaak": opp.nummer, "datum": b2.uiterlijk}, url=opp.get_absolute_url())
    return opp


def _nieuw_opp(*, leerling, school, door, herkomst) -> Ontwikkelingsperspectief:
    _eis_school(door, Ontwikkelingsperspectief(leerling=leerling, school=school))
    ins = _actief_ingeschreven(leerling, school)
    if ins is None:
        raise OppFout(_("Deze leerling staat niet (definitief) ingeschreven op deze school."))
    if Ontwikkelingsperspectief.objects.open().filter(leerling=leerling, school=school).exists():
        raise OppFout(_("Deze leerling heeft op deze school al een ontwikkelingsperspectief in het portaal."))
    reden = Reden.SOORT_ONDERWIJS if school.soort in SOORTEN_MET_OPP else Reden.EXTRA_ONDERSTEUNING
    return zaken.zaak_open(zaak=Ontwikkelingsperspectief(leerling=leerling, school=school, inschrijving=ins,
                                                         reden=reden, herkomst=herkomst), door=door)


@transaction.atomic
def opp_start_handmatig(*, leerling, school, door, ingeschreven_op: date,
                        vandaag: date | None = None) -> Ontwikkelingsperspectief:
    """For a pupil enrolled before the portal was used (issue #10 item 1): the school starts the 6-week term (B-2)
    from the enrolment date it enters. A date long ago gives a term that is already over — which is the truth."""
    vandaag = vandaag or timezone.localdate()
    if ingeschreven_op > vandaag:
        raise OppFout(_("De inschrijfdatum ligt in de toekomst. De termijn start bij de inschrijving zelf."))
    opp = _nieuw_opp(leerling=leerling, school=school, door=door, herkomst=Herkomst.HANDMATIG)
    clock_start(regel_id="B-2", zaak=opp, start=ingeschreven_op, actor=door, vandaag=vandaag)
    return opp


@transaction.atomic
def opp_start_extra_ondersteuning(*, leerling, school, door, start_op: date,
                                  vandaag: date | None = None) -> Ontwikkelingsperspectief:
    """A pupil enrolled long ago whose extra support starts now (issue #17 §2): the law's 6 weeks (B-2) run from the
    enrolment and would be over at once. The school gets the portal's own term instead, from the start of the extra
    support (B-2b: 6 weeks by default, a setting, and NOT a statutory term — it stays out of the statutory figures).
    Only in a regular school: in sbo, so, vso and pro every pupil has an OPP from the enrolment (B-1)."""
    vandaag = vandaag or timezone.localdate()
    if school.soort in SOORTEN_MET_OPP:
        raise OppFout(_("Op deze school heeft elke leerling een OPP vanaf de inschrijving (B-1). Kies 'opstellen vanaf de "
                      "inschrijfdatum'."))
    if start_op > vandaag:
        raise OppFout(_("De extra ondersteuning start in de toekomst. Start het OPP op of na die dag."))
    ins = _actief_ingeschreven(leerling, school, vandaag)
    if ins is not None and start_op < ins.van:
        raise OppFout(_("De extra ondersteuning start vóór de inschrijving. Kies dan 'opstellen vanaf de inschrijfdatum'."))
    opp = _nieuw_opp(leerling=leerling, school=school, door=door, herkomst=Herkomst.EXTRA_ONDERSTEUNING)
    clock_start(regel_id="B-2b", zaak=opp, start=start_op, actor=door, vandaag=vandaag)
    return opp


def eerste_evaluatie_start(vastgesteld_op: date, laatste_evaluatie_op: date | None, vandaag: date) -> date:
    """The start of the evaluation term (B-5) of an OPP registered after the fact: from its vaststelling (policy:
    set in June or July, first evaluated the next school year); an evaluation already held covers its school year,
    so the term then runs from the next 1 August; and never before the current school year — the portal does not
    know about earlier years, and this year's evaluation is what is due."""
    start = dates.volgende_schooljaar_start(laatste_evaluatie_op) if laatste_evaluatie_op else vastgesteld_op
    begin_schooljaar = date(dates.schooljaar_einde(vandaag).year - 1, 8, 1)
    return max(start, begin_schooljaar)


@transaction.atomic
def opp_registreer_bestaand(*, leerling, school, door, vastgesteld_op: date, bestand,
                            laatste_evaluatie_op: date | None = None,
                            vandaag: date | None = None) -> Ontwikkelingsperspectief:
    """Register an OPP set before the portal was used (issue #10 item 1): the signed document with its vaststelling
    date becomes version 1, and the yearly evaluation term (B-5) starts. An open OPP of the pupil at this school
    that has no version yet (e.g. started at enrolment) is used; its 6-week term closes on the vaststelling day."""
    vandaag = vandaag or timezone.localdate()
    _eis_school(door, Ontwikkelingsperspectief(leerling=leerling, school=school))
    if vastgesteld_op > vandaag:
        raise OppFout(_("De datum van vaststelling ligt in de toekomst."))
    if laatste_evaluatie_op and not (vastgesteld_op <= laatste_evaluatie_op <= vandaag):
        raise OppFout(_("De laatste evaluatie ligt tussen de vaststelling en vandaag."))
    if bestand is None:
        raise OppFout(_("Voeg het vastgestelde OPP toe (PDF of foto van het ondertekende document)."))
    opp = Ontwikkelingsperspectief.objects.open().filter(leerling=leerling, school=school).first()
    if opp is None:
        opp = _nieuw_opp(leerling=leerling, school=school, door=door, herkomst=Herkomst.BESTAAND)
    else:
        opp = _locked(opp)
        if opp.vastgesteld_op is not None or opp.status != Status.OP_TE_STELLEN:
            raise OppFout(_("Voor deze leerling loopt al een ontwikkelingsperspectief in het portaal. Werk dat bij."))
        if _concept(opp) is not None:
            raise OppFout(_("Voor deze leerling staat al een concept in het portaal. Werk dat af, of beëindig het OPP "
                          "eerst."))
    doc = document_bewaar(zaak=opp, bestand=bestand, door=door, soort="bestaand OPP")
    versie = Versie.objects.create(opp=opp, nummer=1, status=VersieStatus.VASTGESTELD, bestaand=True, document=doc,
                                   vastgesteld_op=vastgesteld_op, aangemaakt_door=door)
    opp.vastgesteld_op = vastgesteld_op
    Ontwikkelingsperspectief.objects.filter(pk=opp.pk).update(vastgesteld_op=vastgesteld_op)
    _sluit_vaststellingstermijn(opp, vastgesteld_op, door)
    zaken.zaak_transition(zaak=opp, naar=Status.VASTGESTELD, door=door, toelichting="Bestaand OPP geregistreerd",
                          relatie={"school"})
    eerste = eerste_evaluatie_start(vastgesteld_op, laatste_evaluatie_op, vandaag)
    b5 = clock_start(regel_id="B-5", zaak=opp, start=eerste, actor=door, vandaag=vandaag)
    _start_commissie_evaluatie(opp, eerste, door, vandaag)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=versie, leerling=leerling,
              omschrijving=f"Bestaand OPP geregistreerd, vastgesteld op {vastgesteld_op.isoformat()}")
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_bestaand", door=door, gegevens={"vastgesteld_op": vastgesteld_op})
    _meld_ouders(opp, f"opp:{opp.pk}:bestaand", N_("Het ontwikkelingsperspectief staat in het portaal"),
                 N_("Het ontwikkelingsperspectief van uw kind (%(zaak)s) staat nu in Passend Portaal. De volgende "
                    "evaluatie is uiterlijk %(datum)s."), datum=b5.uiterlijk)
    return opp


# --- the concept: perspective, handelingsdeel, goals, arrangements -------------------------------------------------

VERSIE_VELDEN = ["uitstroom", "uitstroom_toelichting", "onderbouwing", "belemmerende_factoren",
                 "bevorderende_factoren", "sterke_kanten", "onderwijsbehoeften", "verwachting_ouders", "ondersteuning",
                 "afwijkingen", "geen_afwijkingen", "taakverdeling"]


@transaction.atomic
def versie_bewerk(*, opp, door, **velden) -> Versie:
    """Change the concept's perspective part or handelingsdeel text. The uitstroombestemming must fit the school
    (B-3; vso: one of the three profiles, B-6)."""
    onbekend = set(velden) - set(VERSIE_VELDEN)
    if onbekend:
        raise OppFout(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    versie = _concept_in_bewerking(opp, door)
    if velden.get("uitstroom") and velden["uitstroom"] not in UITSTROOM_PER_SOORT.get(opp.school.soort, []):
        raise OppFout(_("Deze uitstroombestemming past niet bij deze school. Kies er een uit de lijst."))
    oud = {k: getattr(versie, k) for k in velden}
    for k, v in velden.items():
        setattr(versie, k, v.strip() if isinstance(v, str) else v)
    if versie.geen_afwijkingen and versie.afwijkingen:
        raise OppFout(_("Beschrijf de afwijkingen van het onderwijsprogramma, of kies 'er zijn geen afwijkingen' — niet "
                      "allebei."))
    versie.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=versie, leerling=opp.leerling,
              wijzigingen=diff(oud, {k: getattr(versie, k) for k in velden}))
    return versie


DOEL_VELDEN = ["gebied", "omschrijving", "criterium", "streefdatum", "aanpak", "wie"]


@transaction.atomic
def doel_bewaar(*, opp, door, doel: Doel | None = None, **velden) -> Doel:
    """Add a goal to the concept's handelingsdeel, or change one. A goal without a measurable criterion or a date may
    be saved — the completeness check names it before the parents are asked to agree."""
    onbekend = set(velden) - set(DOEL_VELDEN)
    if onbekend:
        raise OppFout(f"Onbekende velden: {', '.join(sorted(onbekend))}")
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    versie = _concept_in_bewerking(opp, door)
    nieuw = doel is None
    if nieuw:
        d = Doel(versie=versie, volgorde=versie.doelen.count() + 1)
    else:
        d = Doel.objects.filter(pk=doel.pk, versie=versie).first()
        if d is None:
            raise OppFout(_("Dit doel hoort niet bij het concept."))
    oud = {k: getattr(d, k) for k in DOEL_VELDEN} if not nieuw else {}
    for k, v in velden.items():
        setattr(d, k, (v or "").strip() if k != "streefdatum" else v)
    if d.gebied not in Gebied.values:
        raise OppFout(_("Kies het gebied van het doel."))
    if not d.omschrijving:
        raise OppFout(_("Schrijf het doel op."))
    d.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, obj=d, leerling=opp.leerling,
              wijzigingen=diff(oud, {k: getattr(d, k) for k in DOEL_VELDEN}) if not nieuw else {})
    return d


@transaction.atomic
def doel_verwijder(*, opp, door, doel: Doel) -> None:
    opp = _locked(opp)
    _eis_school(door, opp)
    versie = _concept_in_bewerking(opp, door)
    d = Doel.objects.filter(pk=doel.pk, versie=versie).first()
    if d is None:
        raise OppFout(_("Dit doel hoort niet bij het concept."))
    audit_log(actor=door, actie=Actie.VERWIJDERD, obj=d, leerling=opp.leerling)
    d.delete()


@transaction.atomic
def arrangementen_kies(*, opp, door, arrangementen) -> Versie:
    """The arrangements of the ondersteuningsaanbod that the handelingsdeel lists (S3)."""
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    versie = _concept_in_bewerking(opp, door)
    toegestaan = set(selectors.arrangementen_keuze(opp).values_list("pk", flat=True))
    gekozen = {a.pk for a in arrangementen}
    if not gekozen <= toegestaan:
        raise OppFout(_("Kies arrangementen van deze leerling op deze school."))
    oud = set(versie.arrangementen.values_list("pk", flat=True))
    versie.arrangementen.set(sorted(gekozen))
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=versie, leerling=opp.leerling,
              wijzigingen={"arrangementen": [sorted(oud), sorted(gekozen)]})
    return versie


# --- OOGO and the views of pupil and parents (B-4, B-7) ------------------------------------------------------------

@transaction.atomic
def overleg_leg_vast(*, opp, door, datum: date, deelnemers: str, besproken: str, overeenstemming: str,
                     afspraken: str = "", niet_eens: str = "") -> Overleg:
    """Record an OOGO meeting with the parents (B-4): who took part, what was discussed, what was agreed and what
    not. The parents are told there is a record."""
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    if datum > timezone.localdate():
        raise OppFout(_("Leg een overleg vast nadat het is gevoerd."))
    if not (deelnemers.strip() and besproken.strip()):
        raise OppFout(_("Vul in wie erbij waren en wat is besproken."))
    if overeenstemming not in Overeenstemming.values:
        raise OppFout(_("Kies de uitkomst van het overleg."))
    if overeenstemming in (Overeenstemming.JA, Overeenstemming.DEELS) and not afspraken.strip():
        raise OppFout(_("Schrijf op waarover u het eens bent."))
    if overeenstemming in (Overeenstemming.NEE, Overeenstemming.DEELS) and not niet_eens.strip():
        raise OppFout(_("Schrijf op waarover u het (nog) niet eens bent."))
    versie = _concept(opp) or _geldend(opp)
    if versie is None:  # the first OOGO: about the concept that is being drafted
        versie = _concept_in_bewerking(opp, door)
    o = Overleg.objects.create(opp=opp, versie=versie, datum=datum, deelnemers=deelnemers.strip(),
                               besproken=besproken.strip(), overeenstemming=overeenstemming,
                               afspraken=afspraken.strip(), niet_eens=niet_eens.strip(), door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=o, leerling=opp.leerling)
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_overleg", door=door, gegevens={"overleg_id": o.pk})
    _meld_ouders(opp, f"opp:{opp.pk}:overleg:{o.pk}", N_("Verslag van het overleg over het ontwikkelingsperspectief"),
                 N_("De school heeft het overleg van %(datum)s over %(zaak)s vastgelegd. Lees het na inloggen."),
                 leerling_ook=False, datum=datum)
    return o


@transaction.atomic
def inbreng_leg_vast(*, opp, door, tekst: str, hoe_gevraagd: str = "", geen_mening: bool = False) -> Inbreng:
    """A view on the concept: the pupil's own (B-7: from 12 with an account), or entered on the pupil's behalf by the
    school (below 12, or without an account — marked as such, saying how it was asked), or the parents' own
    information (P6). A pupil who cannot give a view (e.g. EMB): the school records that honestly, with how it was
    asked (WPO 40a lid 7, WEC 41a lid 7: "op een door de leerling te bepalen wijze", with the support the pupil
    needs) — never a text made up for the pupil."""
    opp = _locked(opp)
    _eis_open(opp)
    leerling = opp.leerling
    rel = zaken.relaties(door, opp)
    if geen_mening and "school" not in rel:
        raise OppFout(_("Alleen de school legt vast dat de leerling geen mening kan geven."))
    if not geen_mening and not tekst.strip():
        raise OppFout(_("Schrijf de mening op."))
    if "leerling" in rel:
        if not hoorrecht.is_twaalf_plus(leerling):
            raise OppFout(_("Je ouders en de school vragen naar jouw mening."))
        partij, namens = Partij.LEERLING, False
    elif "ouder" in rel:  # a parent with gezag of a minor: the parents give their own view (P6)
        partij, namens = Partij.OUDERS, False
    elif "school" in rel:
        if hoorrecht.heeft_hoorrecht_account(leerling) and not geen_mening:
            raise OppFout(_("Deze leerling is 12 of ouder en heeft een eigen account: de leerling geeft de mening zelf."))
        if not hoe_gevraagd.strip():
            raise OppFout(_("Schrijf op hoe de mening van de leerling is gevraagd (bijvoorbeeld in een gesprek met de "
                          "mentor, met pictogrammen, door te kijken hoe de leerling reageert)."))
        partij, namens = Partij.LEERLING, True
    else:
        raise OppFout(_("Alleen de leerling, de ouders of de school geven hier een mening."))
    versie = _concept(opp)
    if versie is None:
        if opp.status != Status.OP_TE_STELLEN:
            raise OppFout(_("Er is nu geen nieuwe versie in voorbereiding. Een mening geeft u bij de volgende versie."))
        versie = _concept_in_bewerking(opp, door)
    i = Inbreng.objects.create(versie=versie, partij=partij, tekst=tekst.strip(), namens=namens,
                               geen_mening=bool(geen_mening), hoe_gevraagd=hoe_gevraagd.strip() if namens else "",
                               door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=i, leerling=leerling,
              omschrijving=("Leerling niet in staat een mening te geven (vastgelegd door de school)" if geen_mening
                            else "Namens de leerling vastgelegd" if namens else f"Door {partij} zelf"))
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_mening", door=door, gegevens={"partij": partij, "namens": namens})
    if not namens:
        _meld_school(opp, f"opp:{opp.pk}:mening:{i.pk}", N_("Nieuwe mening over een ontwikkelingsperspectief"),
                     N_("Er is een mening gegeven over %(zaak)s."))
    return i


# --- instemming (B-4) ----------------------------------------------------------------------------------------------

def _arrangementen_vastleggen(versie: Versie) -> list[dict]:
    """The arrangements as they are when the handelingsdeel is put forward (frozen in the version): from the
    arrangement kind's typed summary, read through the core."""
    return [{"titel": a["titel"], "arrangement_id": a["arrangement_id"], "status": a.get("status_label", ""),
             "startdatum": a.get("startdatum"), "einddatum": a.get("einddatum"),
             "onderdelen": [{"wat": o["wat"], "wie": o["wie"], "uren_per_week": o["uren_per_week"],
                             "betaalt": o["betaalt"]} for o in a.get("onderdelen", [])]}
            for a in selectors.arrangement_samenvattingen(versie.arrangementen.all())]


@transaction.atomic
def opp_leg_voor(*, opp, door) -> Versie:
    """Put the concept's handelingsdeel to the parents (or the pupil of 18) for instemming (B-4). It must be
    complete first: goals that are measurable and dated; in regular schools the support and the afwijkingen. Every
    new round starts the answers afresh."""
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    if opp.status != Status.OP_TE_STELLEN:
        raise OppFout(_("Het handelingsdeel ligt al ter instemming."))
    versie = _concept(opp)
    if versie is None:
        raise OppFout(_("Er is nog geen concept. Vul eerst het perspectief en het handelingsdeel in."))
    ontbreekt = selectors.handelingsdeel_ontbreekt(opp, versie)
    if ontbreekt:
        raise OppFout(_("Het handelingsdeel is nog niet compleet. Dit ontbreekt:"), ontbreekt)
    versie.ronde += 1
    versie.voorgelegd_op = timezone.now()
    versie.arrangementen_vastgelegd = _arrangementen_vastleggen(versie)
    versie.save(update_fields=["ronde", "voorgelegd_op", "arrangementen_vastgelegd"])
    zaken.zaak_transition(zaak=opp, naar=Status.TER_INSTEMMING, door=door)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=versie, leerling=opp.leerling,
              omschrijving=f"Ter instemming voorgelegd (ronde {versie.ronde})")
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_voorgelegd", door=door, gegevens={"ronde": versie.ronde})
    mensen = [i.persoon for i in selectors.instemmers(opp) if i.persoon is not None]
    melding_stuur(ontvangers=mensen, sleutel=f"opp:{opp.pk}:voorgelegd:{versie.pk}:{versie.ronde}",
                  titel=N_("Uw instemming gevraagd: het ontwikkelingsperspectief"),
                  tekst=N_("De school vraagt uw instemming met het handelingsdeel van %(zaak)s. Lees het na inloggen en "
                           "laat weten of u instemt."),
                  gegevens={"zaak": opp.nummer}, url=opp.get_absolute_url("ouder"))
    # the pupil (12+) who does not decide themselves — a minor, or an adult whose curator or mentor decides — is asked
    # for their view (B-7)
    if hoorrecht.heeft_hoorrecht_account(opp.leerling) and opp.leerling.account not in mensen:
        melding_stuur(ontvangers=leerling_zelf(opp.leerling), sleutel=f"opp:{opp.pk}:leerling:{versie.pk}:{versie.ronde}",
                      titel=N_("Je plan staat klaar"),
                      tekst=N_("Het plan voor jouw ondersteuning (%(zaak)s) staat klaar. Lees het en geef je mening."),
                      gegevens={"zaak": opp.nummer}, url=opp.get_absolute_url("ouder"))
    return versie


def _na_antwoord(opp, versie: Versie, door, vandaag: date) -> None:
    """After an answer: one refusal keeps the handelingsdeel a concept (B-4) and tells the school; when everyone
    agreed, it is ready for vaststelling."""
    stand = selectors.instemming_stand(opp, versie, vandaag)
    if stand.geweigerd:
        naar = Status.GEEN_INSTEMMING
    elif stand.compleet:
        naar = Status.INGESTEMD
    else:
        naar = Status.TER_INSTEMMING
    if opp.status == Status.INGESTEMD and naar != Status.INGESTEMD:
        _vervallen_besluit(versie, door)
    if naar != opp.status:
        zaken.zaak_transition(zaak=opp, naar=naar, door=door)
    if naar == Status.GEEN_INSTEMMING:
        _meld_school(opp, f"opp:{opp.pk}:geweigerd:{versie.pk}:{versie.ronde}:{len(stand.geweigerd)}",
                     N_("Geen instemming met het handelingsdeel"),
                     N_("Bij %(zaak)s is niet ingestemd met het handelingsdeel. Het blijft een concept; ga in gesprek "
                        "met de ouders en blijf de beschreven ondersteuning geven."), Rol.IB, Rol.DIRECTEUR)
    elif naar == Status.INGESTEMD:
        _meld_school(opp, f"opp:{opp.pk}:ingestemd:{versie.pk}:{versie.ronde}", N_("Instemming compleet"),
                     N_("Iedereen heeft ingestemd met het handelingsdeel van %(zaak)s. Het OPP kan worden vastgesteld."),
                     Rol.IB, Rol.DIRECTEUR)


def _eis_instemming_gevraagd(opp) -> Versie:
    if opp.status not in INSTEMMING_LOOPT:
        raise OppFout(_("Er wordt nu niet om instemming gevraagd."))
    versie = _in_behandeling(opp)
    if versie is None or versie.ronde == 0:
        raise OppFout(_("Er wordt nu niet om instemming gevraagd."))
    return versie


@transaction.atomic
def instemming_geef(*, opp, door, keuze: str, toelichting: str = "", vandaag: date | None = None) -> Instemming:
    """Whoever acts for the pupil in matters of begeleiding (``hoorrecht.wie_handelt``) agrees with the handelingsdeel
    or refuses, with an optional explanation (B-4): every parent with gezag of a minor; the adult pupil who is
    handelingsbekwaam, alone (WEC 41a lid 2, WPO 40a, WVO 2020 2.44); the curator or mentor of an adult pupil — then
    the pupil's own click does not count (they give their view instead, B-7). The latest answer of each person counts
    until the concept changes."""
    vandaag = vandaag or timezone.localdate()
    opp = _locked(opp)
    versie = _eis_instemming_gevraagd(opp)
    if keuze not in Keuze.values:
        raise OppFout(_("Kies: ik stem in, of ik stem niet in."))
    wie = selectors.instemmer_voor(door, opp, vandaag)
    if wie is None:
        handelaars = hoorrecht.wie_handelt(opp.leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING, op=vandaag)
        if hoorrecht.is_leerling_zelf(door, opp.leerling) and not handelaars.ouders:
            raise OppFout(_("Over het handelingsdeel beslist nu %(wie)s. Je mag wel je mening geven.")
                          % {"wie": handelaars.label})
        if opp.leerling.gezag.filter(ouder=door).exists():
            if handelaars.soort == "leerling":
                raise OppFout(_("Uw kind is 18 jaar of ouder en beslist zelf over het handelingsdeel."))
            raise OppFout(_("Uw kind is 18 jaar of ouder. Over het handelingsdeel beslist nu %(wie)s.")
                          % {"wie": handelaars.label})
        raise OppFout(_("Alleen een ouder met gezag (of de leerling vanaf 18 jaar, of diens curator of mentor) stemt in "
                      "met het handelingsdeel."))
    a = Instemming.objects.create(versie=versie, ronde=versie.ronde, partij=wie.partij, persoon=door, naam=wie.naam,
                                  keuze=keuze, toelichting=toelichting.strip(), datum=vandaag, via=Via.PORTAAL)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=a, leerling=opp.leerling,
              omschrijving=f"{a.get_keuze_display()} ({wie.partij}, ronde {versie.ronde})")
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_instemming", door=door, gegevens={"keuze": keuze, "naam": wie.naam})
    _na_antwoord(opp, versie, door, vandaag)
    return a


@transaction.atomic
def instemming_op_papier(*, opp, door, keuze: str, datum: date, bestand, naam: str = "", toelichting: str = "",
                         vandaag: date | None = None) -> Instemming:
    """A parent with gezag without an account — or a pupil of 18 without one — gave the answer on paper: the IB'er
    records it with the signed form as a document (audited). A parent or pupil with an account answers in the
    portal themselves. A curator or mentor (``wie_handelt``) may answer on paper too: recorded under their name."""
    vandaag = vandaag or timezone.localdate()
    opp = _locked(opp)
    _eis_school(door, opp)
    versie = _eis_instemming_gevraagd(opp)
    if keuze not in Keuze.values:
        raise OppFout(_("Kies het antwoord op het formulier."))
    if bestand is None:
        raise OppFout(_("Voeg het ondertekende formulier toe."))
    if datum > vandaag or (versie.voorgelegd_op and datum < timezone.localdate(versie.voorgelegd_op)):
        raise OppFout(_("De datum op het formulier ligt tussen het voorleggen en vandaag."))
    leerling = opp.leerling
    handelaars = hoorrecht.wie_handelt(leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING, op=vandaag)
    persoon = None
    if handelaars.soort in ("curator", "mentor"):
        naam = " ".join(naam.split())
        kandidaten = [p for p in handelaars.personen
                      if not naam or naam.casefold() == (p.get_full_name() or p.email).casefold()]
        if not kandidaten:
            raise OppFout(f"Alleen {handelaars.label} van de leerling stemt in. Controleer de naam.")
        persoon = kandidaten[0]
        partij, naam = "vertegenwoordiger", persoon.get_full_name() or persoon.email
    elif handelaars.soort == "leerling":
        if leerling.account_id:
            raise OppFout(_("De leerling is 18 of ouder en heeft een account: de leerling stemt zelf in het portaal in."))
        partij, naam = "leerling", leerling.naam
    else:
        naam = " ".join(naam.split())
        if not naam:
            raise OppFout(_("Vul de naam in van de ouder die het formulier tekende."))
        met_account = [g.ouder for g in leerling.gezag.select_related("ouder")]
        if any(naam.casefold() == (o.get_full_name() or "").casefold() for o in met_account):
            raise OppFout(_("Deze ouder heeft een account en geeft de instemming zelf in het portaal."))
        bekend = {i.sleutel for i in selectors.instemmers(opp, vandaag)}
        if selectors.instemming_sleutel("ouder", None, naam) not in bekend and len(bekend) >= 2:
            raise OppFout(_("Een kind heeft ten hoogste twee ouders met gezag, en die zijn al bekend. Controleer de naam."))
        partij = "ouder"
    doc = document_bewaar(zaak=opp, bestand=bestand, door=door, soort="instemming op papier")
    a = Instemming.objects.create(versie=versie, ronde=versie.ronde, partij=partij, persoon=persoon, naam=naam,
                                  keuze=keuze, toelichting=toelichting.strip(), datum=datum, via=Via.PAPIER,
                                  document=doc, vastgelegd_door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=a, leerling=leerling,
              omschrijving=f"Op papier vastgelegd: {a.get_keuze_display()} ({partij}, {datum.isoformat()}, "
              f"document #{doc.pk})")
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_instemming", door=door, gegevens={"keuze": keuze, "naam": naam})
    _na_antwoord(opp, versie, door, vandaag)
    return a


@transaction.atomic
def opp_herzie(*, opp, door) -> Versie:
    """Change the OPP. While the parents answer: the concept goes back to the IB'er and the answers of this round
    lapse (they agree with what they read). A set OPP: a new concept, a copy of the version in force, which keeps
    applying until the new one is set (every vaststelling freezes a version; a change is a new draft)."""
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    if opp.status in INSTEMMING_LOOPT and _concept(opp) is not None:
        versie = _concept(opp)
        _vervallen_besluit(versie, door)
        _vervallen_besluit(versie, door, perspectief=True)
        zaken.zaak_transition(zaak=opp, naar=Status.OP_TE_STELLEN, door=door, toelichting="Concept wordt gewijzigd")
        return versie
    # B-4: the perspective part is set and only the handelingsdeel waits for instemming — that version is frozen, so
    # a change is a new concept (copied from it), like a change of a set OPP.
    if opp.status not in (Status.VASTGESTELD, *INSTEMMING_LOOPT):
        raise OppFout(_("Het concept kan al worden gewijzigd."))
    geldend = _geldend(opp)
    _vervallen_besluit(geldend, door)
    nummer = (Versie.objects.filter(opp=opp).aggregate(m=Max("nummer"))["m"] or 0) + 1
    nieuw = Versie.objects.create(opp=opp, nummer=nummer, aangemaakt_door=door,
                                  **({} if geldend is None or geldend.bestaand
                                     else {k: getattr(geldend, k) for k in VERSIE_VELDEN}))
    if geldend is not None and not geldend.bestaand:
        Doel.objects.bulk_create([Doel(versie=nieuw, **{k: getattr(d, k) for k in DOEL_VELDEN}, volgorde=d.volgorde)
                                  for d in geldend.doelen.all()])
        nieuw.arrangementen.set(selectors.arrangementen_keuze(opp).filter(pk__in=geldend.arrangementen.values("pk")))
    zaken.zaak_transition(zaak=opp, naar=Status.OP_TE_STELLEN, door=door, toelichting=f"Nieuwe versie {nummer}")
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=nieuw, leerling=opp.leerling,
              omschrijving=f"Nieuwe versie {nummer} (kopie van versie {geldend.nummer if geldend else '-'})")
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_versie", door=door, gegevens={"nummer": nummer})
    return nieuw


# --- vaststelling (B-4, B-7; the core's signing under a mandate) ---------------------------------------------------

def vaststelling_ontbreekt(opp, versie: Versie | None, *, uitleg_mening: str, wat_veranderde: str,
                           vandaag: date | None = None) -> list[str]:
    """Everything that still blocks the vaststelling, each by name: the completeness check (B-3, B-6, OOGO, the
    pupil's view), the instemming (B-4), the explanation for the pupil (B-7) and, for a later version, what
    changed."""
    if versie is None:
        return [_("Er is nog geen concept. Vul eerst het perspectief en het handelingsdeel in.")]
    uit = selectors.ontbrekend(opp, versie) + selectors.instemming_ontbreekt(opp, versie, vandaag)
    if not uitleg_mening.strip():
        uit.append(_("Schrijf voor de leerling hoe de mening van de leerling is meegewogen (B-7)."))
    if selectors.vorige_versie(versie) is not None and not wat_veranderde.strip():
        uit.append(_("Schrijf wat er veranderd is ten opzichte van de vorige versie."))
    return uit


def alleen_perspectief_ontbreekt(opp, versie: Versie | None, *, uitleg_mening: str) -> list[str]:
    """B-4 (WPO 40a lid 2, WEC 41a lid 1–2, WVO 2020 2.44; Kamerstuk 34 446): only the handelingsdeel needs
    agreement. When it is missing — refused, or not all answers in yet — the school still sets the perspective part
    within the term (B-2). Possible for the first vaststelling, once the handelingsdeel was put to whoever agrees and
    everything else is complete (B-3, OOGO, the pupil's view, the commissie's advice in (v)so); the handelingsdeel
    stays a concept and is set when the instemming comes."""
    if versie is None or not versie.is_concept:
        return [_("Er is geen concept waarvan alleen het perspectief kan worden vastgesteld.")]
    uit = []
    if opp.vastgesteld_op is not None:
        uit.append(_("Er geldt al een vastgestelde versie. Alleen het perspectief vaststellen kan bij het eerste OPP; een "
                   "wijziging heeft de instemming met het handelingsdeel nodig."))
    if opp.status not in (Status.TER_INSTEMMING, Status.GEEN_INSTEMMING) or versie.ronde == 0:
        uit.append(_("Leg het handelingsdeel eerst ter instemming voor (B-4)."))
    uit += selectors.ontbrekend(opp, versie)
    if not uitleg_mening.strip():
        uit.append(_("Schrijf voor de leerling hoe de mening van de leerling is meegewogen (B-7)."))
    return uit


@transaction.atomic
def vaststelling_teksten_bewaar(*, opp, door, uitleg_mening: str, wat_veranderde: str = "") -> Versie | None:
    """Keep what the IB'er wrote for the vaststelling (the explanation for the pupil, B-7; what changed) on the
    concept, also when the vaststelling is still blocked — it is there when they come back. Not part of what the
    parents agree with, so it may change while they answer."""
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    versie = _concept(opp)
    if versie is None:
        return None
    oud = {"uitleg_mening": versie.uitleg_mening, "wat_veranderde": versie.wat_veranderde}
    versie.uitleg_mening, versie.wat_veranderde = uitleg_mening.strip(), wat_veranderde.strip()
    nieuw = {"uitleg_mening": versie.uitleg_mening, "wat_veranderde": versie.wat_veranderde}
    if nieuw != oud:
        versie.save(update_fields=["uitleg_mening", "wat_veranderde"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=versie, leerling=opp.leerling, wijzigingen=diff(oud, nieuw))
    return versie


def _motivering(opp, versie: Versie, stand, *, alleen_perspectief: bool = False) -> str:
    """The decision's reasons as the dossier shows them (plain words, no rule ids)."""
    if alleen_perspectief:
        return (f"Het perspectief van versie {versie.nummer} van het ontwikkelingsperspectief is compleet en besproken "
                "met de ouders. Over het handelingsdeel is (nog) geen instemming; dat deel blijft een concept tot die "
                "instemming er is. De school geeft wel de ondersteuning die in het plan staat en blijft in gesprek. De "
                "mening van de leerling is gehoord; in het plan staat hoe die is meegewogen.")
    namen = ", ".join(i.naam for i in stand.instemmers)
    return (f"Versie {versie.nummer} van het ontwikkelingsperspectief is compleet, besproken met de ouders, en het "
            f"handelingsdeel heeft de instemming van {namen}. De mening van de leerling is gehoord; in het plan staat "
            "hoe die is meegewogen.")


@transaction.atomic
def vaststelling_bereid_voor(*, opp, door, uitleg_mening: str, wat_veranderde: str = "", alleen_perspectief: bool = False,
                             vandaag: date | None = None) -> Besluit:
    """Prepare the vaststelling once the completeness check passes and instemming is complete (B-3, B-4), with the
    explanation for the pupil (B-7). Someone with a mandate for 'opp' decisions signs it on the core's signing page
    (mandate register, re-authentication, bekendmaking); that sets the version (``na_vaststelling``).

    ``alleen_perspectief`` (B-4): without instemming the school sets the perspective part alone, within the term;
    the handelingsdeel stays a concept (``alleen_perspectief_ontbreekt``). When the instemming comes later, this same
    function prepares the vaststelling of that handelingsdeel (the version in force whose handelingsdeel waits).

    Every version is its own decision: the core's ``besluit_bereid_voor`` keeps one per case, kind and ``sleutel``
    (``besluit_sleutel``), with its audit line, timeline line and notice to the signers."""
    vandaag = vandaag or timezone.localdate()
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    versie = _in_behandeling(opp)
    if alleen_perspectief:
        ontbreekt = alleen_perspectief_ontbreekt(opp, versie, uitleg_mening=uitleg_mening)
        if ontbreekt:
            raise OppFout(_("Het perspectief kan nog niet worden vastgesteld. Dit ontbreekt nog:"), ontbreekt)
        uitkomst = "perspectief_vastgesteld"
    else:
        ontbreekt = vaststelling_ontbreekt(opp, versie, uitleg_mening=uitleg_mening, wat_veranderde=wat_veranderde,
                                           vandaag=vandaag)
        if ontbreekt:
            raise OppFout(_("Het OPP kan nog niet worden vastgesteld. Dit ontbreekt nog:"), ontbreekt)
        if opp.status != Status.INGESTEMD:  # guarded by the check above; a race with an answer lands here
            raise OppFout(_("De instemming is veranderd. Bekijk het OPP opnieuw."))
        uitkomst = "vastgesteld"
    veld = "perspectief_besluit" if alleen_perspectief else "besluit"
    if versie.is_concept:
        versie.uitleg_mening, versie.wat_veranderde = uitleg_mening.strip(), wat_veranderde.strip()
        versie.save(update_fields=["uitleg_mening", "wat_veranderde"])
    stand = selectors.instemming_stand(opp, versie, vandaag)
    besluit = zaken.besluit_bereid_voor(
        zaak=opp, besluittype=BESLUITTYPE, uitkomst=uitkomst, door=door,
        motivering=_motivering(opp, versie, stand, alleen_perspectief=alleen_perspectief),
        sleutel=besluit_sleutel(versie, perspectief=alleen_perspectief),
        omschrijving=f"Vaststelling versie {versie.nummer}" + (" (alleen het perspectief)" if alleen_perspectief else ""))
    setattr(versie, veld, besluit)
    versie.save(update_fields=[veld])
    if alleen_perspectief:  # one decision waits at a time: a full vaststelling prepared before lapses
        _vervallen_besluit(versie, door)
    else:
        _vervallen_besluit(versie, door, perspectief=True)
    return besluit


def _versie_van_besluit(besluit) -> Versie:
    return Versie.objects.select_for_update().get(Q(besluit=besluit) | Q(perspectief_besluit=besluit))


def na_vaststelling(besluit, door, vandaag: date) -> None:
    """The OPP's effects of its signed vaststelling (called by the core's signing service, in its transaction): the
    concept becomes the version in force and is frozen, the version before it is replaced; the term to set it closes
    (B-2, or the portal's B-2b); the yearly evaluation terms start when none runs (B-5; in (v)so the commissie's
    B-5b); parents and the pupil (12+) are told — the pupil that the school explains how their view counted (B-7).

    B-4: a decision on the perspective part alone sets the version with its handelingsdeel still a concept (the case
    keeps its instemming status, so the answers go on); the later decision on that handelingsdeel sets it then."""
    opp = _locked(besluit.zaak)
    versie = _versie_van_besluit(besluit)
    alleen_perspectief = besluit.uitkomst == "perspectief_vastgesteld"
    if not versie.is_concept:
        # B-4: the handelingsdeel of the version in force gets its instemming later, and is set now
        versie.handelingsdeel_concept, versie.handelingsdeel_vastgesteld_op = False, vandaag
        versie.save(update_fields=["handelingsdeel_concept", "handelingsdeel_vastgesteld_op"])
        zaken.zaak_transition(zaak=opp, naar=Status.VASTGESTELD, door=door, relatie={"ondertekenaar"},
                              toelichting=f"Handelingsdeel van versie {versie.nummer}")
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=versie, leerling=opp.leerling,
                  wijzigingen={"handelingsdeel_concept": [True, False]})
        gebeurtenis_voeg_toe(zaak=opp, soort="opp_handelingsdeel_vastgesteld", door=door,
                             gegevens={"nummer": versie.nummer})
        melding_stuur(ontvangers=ouders(opp.leerling) + _instemmers_met_account(opp),
                      sleutel=f"opp:{opp.pk}:handelingsdeel:{versie.nummer}",
                      titel=N_("Het handelingsdeel is vastgesteld"),
                      tekst=N_("Na de instemming is het handelingsdeel van %(zaak)s vastgesteld. De brief staat klaar na "
                               "inloggen."),
                      gegevens={"zaak": opp.nummer}, url=opp.get_absolute_url("ouder"))
        return
    vervangen = list(Versie.objects.filter(opp=opp, status=VersieStatus.VASTGESTELD))
    Versie.objects.filter(pk__in=[v.pk for v in vervangen]).update(status=VersieStatus.VERVANGEN)
    _besluiten_eindigen(vervangen, vandaag, door, f"Vervangen door versie {versie.nummer}")
    versie.status, versie.vastgesteld_op, versie.vastgesteld_door = VersieStatus.VASTGESTELD, vandaag, door
    versie.handelingsdeel_concept = alleen_perspectief
    versie.save(update_fields=["status", "vastgesteld_op", "vastgesteld_door", "handelingsdeel_concept"])
    Ontwikkelingsperspectief.objects.filter(pk=opp.pk).update(vastgesteld_op=vandaag)
    opp.vastgesteld_op = vandaag
    _sluit_vaststellingstermijn(opp, vandaag, door)
    if not opp.clocks.filter(regel_id="B-5", gesloten_op__isnull=True).exists():
        clock_start(regel_id="B-5", zaak=opp, start=vandaag, actor=door, vandaag=vandaag)
    _start_commissie_evaluatie(opp, vandaag, door, vandaag)
    if alleen_perspectief:
        # the case keeps its instemming status: the answers on the handelingsdeel go on (B-4)
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=versie, leerling=opp.leerling,
                  wijzigingen={"status": [VersieStatus.CONCEPT, VersieStatus.VASTGESTELD]},
                  omschrijving="Perspectief vastgesteld; handelingsdeel blijft concept (geen instemming)")
        gebeurtenis_voeg_toe(zaak=opp, soort="opp_perspectief_vastgesteld", door=door, gegevens={"nummer": versie.nummer})
        melding_stuur(ontvangers=ouders(opp.leerling) + _instemmers_met_account(opp),
                      sleutel=f"opp:{opp.pk}:perspectief:{versie.nummer}",
                      titel=N_("Het perspectief is vastgesteld"),
                      tekst=N_("Het perspectief van %(zaak)s is vastgesteld. Het handelingsdeel is nog niet definitief, "
                               "omdat er nog geen instemming is. De brief staat klaar na inloggen."),
                      gegevens={"zaak": opp.nummer}, url=opp.get_absolute_url("ouder"))
        return
    zaken.zaak_transition(zaak=opp, naar=Status.VASTGESTELD, door=door, relatie={"ondertekenaar"},
                          toelichting=f"Versie {versie.nummer}")
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=versie, leerling=opp.leerling,
              wijzigingen={"status": [VersieStatus.CONCEPT, VersieStatus.VASTGESTELD]})
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_vastgesteld", door=door, gegevens={"nummer": versie.nummer})
    vertegenwoordigers = [p for p in _instemmers_met_account(opp) if p.pk != opp.leerling.account_id]
    melding_stuur(ontvangers=ouders(opp.leerling) + vertegenwoordigers, sleutel=f"opp:{opp.pk}:vastgesteld:{versie.nummer}",
                  titel=N_("Het ontwikkelingsperspectief is vastgesteld"),
                  tekst=N_("Versie %(versie)s van %(zaak)s is vastgesteld. De brief en het plan staan klaar na inloggen."),
                  gegevens={"zaak": opp.nummer, "versie": versie.nummer}, url=opp.get_absolute_url("ouder"))
    if hoorrecht.heeft_hoorrecht_account(opp.leerling):
        melding_stuur(ontvangers=leerling_zelf(opp.leerling), sleutel=f"opp:{opp.pk}:vastgesteld:{versie.nummer}:leerling",
                      titel=N_("Je plan is vastgesteld"),
                      tekst=N_("Je plan (%(zaak)s) is vastgesteld. Lees hoe de school naar jouw mening heeft geluisterd."),
                      gegevens={"zaak": opp.nummer}, url=opp.get_absolute_url("ouder"))


def _instemmers_met_account(opp) -> list:
    """The representative or the adult pupil who agrees (not a parent: ``ouders`` covers those)."""
    return [i.persoon for i in selectors.instemmers(opp) if i.persoon is not None and i.partij != "ouder"]


def wet_artikel(school) -> str:
    """The article that governs the OPP at this school (docs/juridische-bronnen.md)."""
    from portal.organisaties import wetgeving

    return {"po": "Wet op het primair onderwijs, artikel 40a", "so": "Wet op de expertisecentra, artikel 41a",
            "vo": "Wet voortgezet onderwijs 2020, artikel 2.44"}[wetgeving.sector(school)]


def versie_gegevens(opp, versie: Versie, vandaag: date | None = None) -> dict:
    """The version as a typed payload (dates stay dates): both parts, the goals, the arrangements, the views of pupil
    and parents, and the instemming record — for the vaststelling letter, and the same keys for the PDF."""
    meningen = selectors.meningen(versie)
    return {
        "versie": versie.nummer, "leerling": opp.leerling.naam, "geboortedatum": opp.leerling.geboortedatum,
        "school": opp.school.naam, "wet": wet_artikel(opp.school),
        "uitstroom": versie.get_uitstroom_display() if versie.uitstroom else "", "uitstroom_code": versie.uitstroom,
        **{k: getattr(versie, k) for k in VERSIE_VELDEN if k not in ("uitstroom",)},
        "doelen": [{"gebied": d.get_gebied_display(), "gebied_code": d.gebied, "doel": d.omschrijving, "criterium": d.criterium,
                    "streefdatum": d.streefdatum, "aanpak": d.aanpak, "wie": d.wie} for d in versie.doelen.all()],
        "arrangementen": [a.get("titel", "") for a in versie.arrangementen_vastgelegd]
        or selectors.arrangement_namen(versie),
        "mening_leerling": [{"tekst": i.tekst, "namens": i.namens, "geen_mening": i.geen_mening, "hoe": i.hoe_gevraagd,
                             "op": timezone.localdate(i.op),
                             "door": (i.door.get_full_name() if i.door else "")} for i in meningen["leerling"]],
        "mening_ouders": [{"tekst": i.tekst, "op": timezone.localdate(i.op),
                           "door": (i.door.get_full_name() if i.door else "")} for i in meningen["ouders"]],
        # the Dutch labels of the legal letter, and the codes a courtesy translation shows in its language (#22 §1)
        "instemmingen": [{"naam": a.naam, "partij": a.get_partij_display(), "keuze": a.get_keuze_display(),
                          "ingestemd": a.keuze == Keuze.INGESTEMD, "datum": a.datum, "via": a.get_via_display(),
                          "partij_code": a.partij, "keuze_code": a.keuze, "via_code": a.via,
                          "toelichting": a.toelichting, "ronde": a.ronde}
                         for a in versie.instemmingen.order_by("ronde", "op", "pk")],
        "overleggen": [{"datum": o.datum, "deelnemers": o.deelnemers, "uitkomst": o.get_overeenstemming_display(),
                        "uitkomst_code": o.overeenstemming,
                        "afspraken": o.afspraken, "niet_eens": o.niet_eens}
                       for o in opp.overleggen.filter(versie=versie)],
        "uitleg_mening": versie.uitleg_mening, "wat_veranderde": versie.wat_veranderde,
        "handelingsdeel_niet_definitief": versie.alleen_perspectief,
    }


def vaststelling_brief_gegevens(besluit, klokken: dict) -> dict:
    """The letter's payload beyond the core's: the version and its record, and the dates from the clocks — B-2 (was
    it on time) and B-5 (next evaluation). In the signer's preview the version is not set yet: the evaluation date
    is then what it will be when set today."""
    opp = besluit.zaak.specifiek
    versie = Versie.objects.get(Q(besluit=besluit) | Q(perspectief_besluit=besluit))
    vandaag = timezone.localdate()
    alle = {c.regel_id: c for c in opp.clocks.order_by("pk")}
    b2, b5 = alle.get("B-2"), alle.get("B-5")
    if b5 is not None and not b5.gesloten_op:
        evaluatie = b5.uiterlijk
    else:
        evaluatie = rules.bereken_uiterlijk(rules.get("B-5").params(), vandaag)
    return versie_gegevens(opp, versie, vandaag) | {
        "B_2_uiterlijk": b2.uiterlijk if b2 else None,
        "B_2_op_tijd": bool(b2 and b2.uiterlijk and (b2.gesloten_op or vandaag) <= b2.uiterlijk),
        "B_5_uiterlijk": evaluatie, "vastgesteld_op": vandaag,
        # B-4: the perspective part alone (the handelingsdeel waits for instemming), or that handelingsdeel later
        "alleen_perspectief": besluit.uitkomst == "perspectief_vastgesteld",
        "handelingsdeel_later": besluit.uitkomst == "vastgesteld" and versie.perspectief_besluit_id is not None,
        "instemmer_soort": hoorrecht.wie_handelt(opp.leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING).soort,
    }


# --- B-5: the yearly evaluation -----------------------------------------------------------------------------------

@transaction.atomic
def evaluatie_leg_vast(*, opp, door, datum: date, deelnemers: str, wat_veranderde: str, vervolg: str,
                       voortgang: dict, vandaag: date | None = None) -> Evaluatie:
    """Record the evaluation with the parents (B-5): progress on every goal of the version in force and what changed.
    It closes the evaluation term of this school year and starts the next one (from 1 August); when the OPP needs
    changing it opens a new concept. ``voortgang``: {doel id: (stand, toelichting)}."""
    vandaag = vandaag or timezone.localdate()
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    geldend = _geldend(opp)
    if geldend is None:
        raise OppFout(_("Er geldt nog geen OPP om te evalueren."))
    if datum > vandaag:
        raise OppFout(_("Leg een evaluatie vast nadat ze is gehouden."))
    if geldend.vastgesteld_op and datum < geldend.vastgesteld_op:
        raise OppFout(_("De evaluatie ligt vóór de vaststelling van de versie die nu geldt."))
    if not (deelnemers.strip() and wat_veranderde.strip()):
        raise OppFout(_("Vul in wie erbij waren en wat er veranderd is."))
    if vervolg not in Vervolg.values:
        raise OppFout(_("Kies hoe het verder gaat."))
    doelen = list(geldend.doelen.all())
    ontbreekt = [d for d in doelen if (voortgang.get(d.pk) or ("",))[0] not in Voortgang.values]
    if ontbreekt:
        raise OppFout(f"Geef bij elk doel de voortgang aan (nog {len(ontbreekt)}).")
    e = Evaluatie.objects.create(opp=opp, versie=geldend, datum=datum, deelnemers=deelnemers.strip(),
                                 wat_veranderde=wat_veranderde.strip(), vervolg=vervolg, door=door)
    DoelVoortgang.objects.bulk_create([DoelVoortgang(evaluatie=e, doel=d, stand=voortgang[d.pk][0],
                                                     toelichting=(voortgang[d.pk][1] or "").strip()) for d in doelen])
    open_b5 = opp.clocks.filter(regel_id="B-5", gesloten_op__isnull=True).first()
    if open_b5 is None or datum >= open_b5.start:
        if open_b5 is not None:
            clock_close(clock=open_b5, op=datum, actor=door)
        # B-5: this school year's evaluation is done; the next is due by the end of the next school year.
        clock_start(regel_id="B-5", zaak=opp, start=dates.volgende_schooljaar_start(datum), actor=door, vandaag=vandaag)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=e, leerling=opp.leerling)
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_evaluatie", door=door, gegevens={"evaluatie_id": e.pk})
    _meld_ouders(opp, f"opp:{opp.pk}:evaluatie:{e.pk}", N_("Het ontwikkelingsperspectief is geëvalueerd"),
                 N_("De evaluatie van %(zaak)s op %(datum)s is vastgelegd. Lees na inloggen hoe het gaat."), datum=datum)
    if vervolg == Vervolg.NIEUWE_VERSIE and opp.status == Status.VASTGESTELD:
        opp_herzie(opp=opp, door=door)
    return e


# --- (v)so: the commissie voor de begeleiding (WEC 40b lid 2) ---------------------------------------------------------

@transaction.atomic
def commissie_advies_leg_vast(*, opp, door, soort: str, datum: date, tekst: str, bestand=None,
                              vandaag: date | None = None) -> CommissieAdvies:
    """Record what the commissie voor de begeleiding of a so/vso school gave (WEC 40b lid 2): its advice on setting
    or changing the OPP (a; WEC 41a lid 1, 2, 5 — about the version being drafted or answered, and the completeness
    check asks for it), its yearly evaluation with its report to the board (b; closes this year's B-5b and starts the
    next from the evaluation day), or its advice on terugplaatsing or overplaatsing (c). Date and text, optionally
    the document (stored with the case)."""
    vandaag = vandaag or timezone.localdate()
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    if opp.school.soort not in SOORTEN_MET_COMMISSIE:
        raise OppFout(_("Een commissie voor de begeleiding is er alleen op een school voor (voortgezet) speciaal onderwijs."))
    if soort not in CommissieAdvies.Soort.values:
        raise OppFout(_("Kies wat de commissie gaf: advies over het OPP, de jaarlijkse evaluatie, of advies over "
                      "terugplaatsing."))
    if datum > vandaag:
        raise OppFout(_("De datum van het advies ligt in de toekomst. Leg het vast nadat de commissie het gaf."))
    if not tekst.strip():
        raise OppFout(_("Schrijf het advies of het verslag van de commissie op (of een samenvatting, met het document)."))
    if soort == CommissieAdvies.Soort.ADVIES:
        versie = _in_behandeling(opp)
        if versie is None:
            if opp.status != Status.OP_TE_STELLEN:
                raise OppFout(_("Er is nu geen concept. Maak eerst een nieuwe versie; de commissie adviseert daarover."))
            versie = _concept_in_bewerking(opp, door)
    else:
        versie = _geldend(opp) or _in_behandeling(opp)
        if soort == CommissieAdvies.Soort.EVALUATIE and _geldend(opp) is None:
            raise OppFout(_("Er geldt nog geen OPP om te evalueren."))
    doc = document_bewaar(zaak=opp, bestand=bestand, door=door, soort="advies commissie voor de begeleiding") \
        if bestand is not None else None
    advies = CommissieAdvies.objects.create(opp=opp, versie=versie, soort=soort, datum=datum, tekst=tekst.strip(),
                                            document=doc, door=door)
    if soort == CommissieAdvies.Soort.EVALUATIE:
        open_b5b = opp.clocks.filter(regel_id="B-5b", gesloten_op__isnull=True).first()
        if open_b5b is None or datum >= open_b5b.start:
            if open_b5b is not None:
                clock_close(clock=open_b5b, op=datum, actor=door)
            # WEC 40b lid 2 onder b: at least once a year — the next evaluation within a year of this one
            clock_start(regel_id="B-5b", zaak=opp, start=datum, actor=door, vandaag=vandaag)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=advies, leerling=opp.leerling,
              omschrijving=f"{advies.get_soort_display()} van {datum.isoformat()}")
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_commissie", door=door, gegevens={"soort": soort, "datum": datum})
    return advies


# --- the end of an OPP (B-8) ---------------------------------------------------------------------------------------

@transaction.atomic
def opp_beeindig(*, opp, door, op: date, reden: str, vandaag: date | None = None) -> Ontwikkelingsperspectief:
    """End the OPP (the pupil left, or needs no extra support any more): its end date for the registration (B-8). The
    running terms lapse; a prepared vaststelling is withdrawn."""
    vandaag = vandaag or timezone.localdate()
    opp = _locked(opp)
    _eis_school(door, opp)
    _eis_open(opp)
    if reden not in EindeReden.values:
        raise OppFout(_("Kies de reden."))
    if op > vandaag:
        raise OppFout(_("Beëindig het OPP op of na de laatste dag; de einddatum ligt niet in de toekomst."))
    if op < timezone.localdate(opp.geopend_op) and opp.vastgesteld_op is None:
        raise OppFout(_("De einddatum ligt vóór het begin van het OPP."))
    if opp.vastgesteld_op and op < opp.vastgesteld_op:
        raise OppFout(_("De einddatum ligt vóór de vaststelling van de versie die nu geldt."))
    _vervallen_besluit(_in_behandeling(opp), door)
    _vervallen_besluit(_in_behandeling(opp), door, perspectief=True)
    _besluiten_eindigen(Versie.objects.filter(opp=opp, status=VersieStatus.VASTGESTELD), op, door, "OPP beëindigd")
    for klok in opp.clocks.filter(gesloten_op__isnull=True):
        clock_close(clock=klok, op=op, actor=door, vervallen=True)
    Ontwikkelingsperspectief.objects.filter(pk=opp.pk).update(beeindigd_op=op, einde_reden=reden)
    opp.beeindigd_op, opp.einde_reden = op, reden
    zaken.zaak_transition(zaak=opp, naar=Status.BEEINDIGD, door=door, toelichting=EindeReden(reden).label)
    gebeurtenis_voeg_toe(zaak=opp, soort="opp_beeindigd", door=door, gegevens={"op": op})
    _meld_ouders(opp, f"opp:{opp.pk}:beeindigd", N_("Het ontwikkelingsperspectief is beëindigd"),
                 N_("De school heeft %(zaak)s beëindigd per %(datum)s."), datum=op)
    return opp


@transaction.atomic
def opp_document_voeg_toe(*, opp: Ontwikkelingsperspectief, bestand, door):
    _eis_school(door, opp)
    return document_bewaar(zaak=opp, bestand=bestand, door=door)
