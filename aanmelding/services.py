"""Every write of the aanmelding: one function per action, in one transaction, audited (STYLE §2, §4).

What is shared with every case kind — status transitions, documents, letters, requests that pause
clocks, consent, decisions signed under a mandate and made known — is the core's (``portal.zaken``,
``portal.documenten``); this module holds what only the aanmelding has.

Legal rules: DOMAIN §4 A-1…A-15. Clocks: A-6 (beslistermijn, one extension A-7, pauses A-8), A-9
(tijdelijke inschrijving after 10 weeks + pauses), A-8 (niet in behandeling, 4 weeks after an
unanswered information request lapsed), A-15 (report to leerplicht within 7 days), and from the
bekendmaking of the decision A-13 (bezwaar) and D-2 (geschil) for the parents.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.documenten.services import brief_maak, document_bewaar
from portal.leerlingen.models import Gezag, Inschrijving, InschrijvingSoort, Leerling
from portal.leerlingen.services import inschrijving_definitief, inschrijving_maak
from portal.meldingen.ontvangers import leden, ouders
from portal.meldingen.services import melding_stuur
from portal.organisaties import wetgeving
from portal.organisaties.wetgeving import bezwaar_beslistermijn_na_ontvangst, verwijzingen
from portal.termijnen import dates
from portal.termijnen.dates import TermijnFout
from portal.termijnen.models import Clock
from portal.termijnen.services import clock_close, clock_extend, clock_start
from portal.zaken import services as zaken
from portal.zaken.leerplicht import leerplicht_meld
from portal.zaken.models import Besluit, LeerplichtSoort, Verzoek, VerzoekSoort, VerzoekStatus
from portal.zaken.services import ZaakFout

from .constants import BesluitSoort, BriefSoort, Kanaal, NotitieSoort, PlaatsingStatus, Status, WeigerGrond
from .models import Aanmelding, Notitie, PlaatsingsVerzoek, VoorkeurVerklaring


class AanmeldingFout(ZaakFout):
    """A request that cannot be granted; the message is Dutch and shown as it is. What the core refuses (a
    transition, a request, a decision) comes as the core's ``ZaakFout``, of which this is a kind: callers catch that."""




# --- helpers ------------------------------------------------------------------------------------

def _locked(aanmelding: Aanmelding) -> Aanmelding:
    return (Aanmelding.objects.select_for_update(of=("self",))
            .select_related("leerling", "school", "school__bestuur").get(pk=aanmelding.pk))


def _onderzoek_begint(aanmelding, door) -> None:
    if aanmelding.status == Status.ONTVANGEN:
        zaken.zaak_transition(zaak=aanmelding, naar=Status.IN_ONDERZOEK, door=door)


def _brief(aanmelding, soort: str, gegevens: dict):
    """Queue a letter of this aanmelding, with the law articles that apply to its school frozen in."""
    return brief_maak(zaak=aanmelding, soort=soort, gegevens=verwijzingen(aanmelding.school) | gegevens)


def _meld_ouders(aanmelding, sleutel, titel, tekst, **gegevens):
    """Parents: plain words, no rule ids, never support details (only the case number and dates)."""
    melding_stuur(ontvangers=ouders(aanmelding.leerling), sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": aanmelding.nummer, **gegevens}, url=aanmelding.get_absolute_url("ouder"))


def _meld_school(aanmelding, sleutel, titel, tekst, *rollen, school=None, url=None, **gegevens):
    melding_stuur(ontvangers=leden(*rollen, school=school or aanmelding.school), sleutel=sleutel, titel=titel,
                  tekst=tekst, gegevens={"zaak": aanmelding.nummer, **gegevens}, url=url or aanmelding.get_absolute_url())


def zorgplicht_tekst(aanmelding: Aanmelding, voorkeur: VoorkeurVerklaring | None) -> str:
    """Who holds the zorgplicht (A-2, A-5), in words for the parents. The school's assessment of the support
    need decides (WPO 40 lid 3); until it is made, the parents' answer."""
    if aanmelding.steun_beoordeling is False:
        return _("De school heeft beoordeeld dat uw kind geen extra ondersteuning nodig heeft. Daarom geldt de "
                 "zorgplicht niet voor deze aanmelding.")
    if not aanmelding.steun_nodig:
        return _("U gaf aan dat uw kind geen extra ondersteuning nodig heeft, of dat u het niet weet. De school "
                 "kijkt of uw kind extra ondersteuning nodig heeft.")
    if aanmelding.voorkeur_positie == 1:
        return _("Uw kind heeft (waarschijnlijk) extra ondersteuning nodig en dit is uw school van eerste voorkeur. "
                 "Daarom heeft deze school zorgplicht: zij moet zorgen voor een passende plek, hier of op een andere "
                 "school die uw kind toelaat.")
    eerste = voorkeur.scholen[0]["naam"] if voorkeur and voorkeur.scholen else _("uw school van eerste voorkeur")
    return _("De zorgplicht ligt bij uw school van eerste voorkeur (%(eerste)s). Deze school beslist wel op uw "
             "aanmelding.") % {"eerste": eerste}


def _voorkeur_bijwerken(leerling: Leerling, voorkeur: VoorkeurVerklaring, actor) -> None:
    """The latest declaration wins for every open aanmelding of this child (A-5); audited."""
    for a in Aanmelding.objects.filter(leerling=leerling).open():
        nieuw = voorkeur.positie_van(a.school_id)
        if nieuw != a.voorkeur_positie:
            oud = a.voorkeur_positie
            Aanmelding.objects.filter(pk=a.pk).update(voorkeur_positie=nieuw)
            audit_log(actor=actor, actie=Actie.GEWIJZIGD, obj=a, leerling=leerling,
                      wijzigingen={"voorkeur_positie": [oud, nieuw]}, omschrijving="Nieuwe voorkeursverklaring")


def tijdelijk_vanaf(aanmelding: Aanmelding, klokken: dict | None = None) -> date | None:
    """A-9: the day after the 10-week term (plus pauses), not before the 4th birthday. The one place
    this date is computed (the tracker, the file and the sweep's consequence read it here)."""
    klokken = klokken if klokken is not None else aanmelding.klokken
    a9 = klokken.get("A-9")
    if a9 is None or a9.uiterlijk is None:
        return None
    return dates.tijdelijk_ingeschreven_vanaf(a9.uiterlijk, aanmelding.leerling.geboortedatum)


def opschorting_vanaf(aanmelding: Aanmelding, verzoekdag: date) -> date:
    """A-8: from the day after the request at an openbare school (Awb 4:15), from the request day itself at a
    bijzondere or samenwerkingsschool (WPO 63 lid 4) — see ``portal.organisaties.wetgeving``."""
    return wetgeving.opschorting_vanaf(aanmelding.school, verzoekdag)


def heeft_grondslag(school) -> bool:
    """A-11: only a school with a levensbeschouwelijke grondslag can refuse because the parents do not respect
    it — never an openbare, algemeen-bijzondere or samenwerkingsschool (WPO 40 lid 5)."""
    from portal.organisaties.models import Denominatie

    if school.denominatie in (Denominatie.PROTESTANTS_CHRISTELIJK, Denominatie.ROOMS_KATHOLIEK,
                              Denominatie.GEREFORMEERD, Denominatie.ISLAMITISCH):
        return True
    return school.denominatie == Denominatie.OVERIG and bool(school.grondslag.strip())


def weiger_gronden(school) -> list[tuple[str, str]]:
    """The grounds outside the zorgplicht this school can refuse on (A-11)."""
    out = [(WeigerGrond.PLAATSGEBREK.value, WeigerGrond.PLAATSGEBREK.label)]
    if heeft_grondslag(school):
        out.append((WeigerGrond.GRONDSLAG.value, WeigerGrond.GRONDSLAG.label))
    if school.soort == "vo":
        out.append((WeigerGrond.TOELATINGSEISEN.value, WeigerGrond.TOELATINGSEISEN.label))
    return out


# --- filing ---------------------------------------------------------------------------------------

def _check_leeftijd(leerling: Leerling, school, op: date) -> None:
    """A-3: aanmelding from age 3 (some WEC categories from 2: so/vso)."""
    from django.utils import formats

    minimum = 2 if school.soort in ("so", "vso") else 3
    if leerling.leeftijd_op(op) < minimum:
        raise AanmeldingFout(_("Aanmelden kan vanaf %(jaar)s jaar. Uw kind is dan oud genoeg op %(datum)s.") % {
            "jaar": minimum,
            "datum": formats.date_format(dates.verjaardag(leerling.geboortedatum, minimum), "l j F Y")})


@transaction.atomic
def aanmelding_dien_in(*, ouder, school, gewenste_start: date, ondersteuning: str, wat_belangrijk: str,
                       gezag_verklaard: bool, voorkeur_positie: int, andere_scholen: list[dict],
                       leerling: Leerling | None = None, nieuw_kind: dict | None = None,
                       documenten: list | None = None, nu=None, kanaal: str = Kanaal.ONLINE,
                       geregistreerd_door=None, brieven_digitaal: bool | None = None, woongemeente=None,
                       grondslag_gerespecteerd: bool | None = None) -> Aanmelding:
    """File a schriftelijke aanmelding (A-1). Everything — the aanmelding, its clocks, the receipt letter
    and the e-mails — is committed in this one transaction; the letter is rendered right after commit."""
    nu = nu or timezone.now()
    actor = ouder or geregistreerd_door
    if not gezag_verklaard:
        raise AanmeldingFout(_("Verklaar dat u gezag heeft over uw kind; alleen een ouder met gezag kan aanmelden."))
    opgegeven_bsn = ""
    if leerling is None:
        data = dict(nieuw_kind or {})
        bsn = data.pop("bsn", "") or ""
        if bsn and Leerling.objects.filter(bsn=bsn).exists():
            # A parent never learns about another family's child, not even that its BSN exists:
            # the school checks the number (issue #2 §4).
            opgegeven_bsn, bsn = bsn, ""
        leerling = Leerling.objects.create(bsn=bsn, **data)
        if ouder is not None:  # a paper aanmelding: the school links the parents later
            Gezag.objects.create(leerling=leerling, ouder=ouder)
        audit_log(actor=actor, actie=Actie.AANGEMAAKT, obj=leerling, leerling=leerling,
                  omschrijving="Kind toegevoegd bij aanmelding")
    elif ouder is not None and not Gezag.objects.filter(leerling=leerling, ouder=ouder).exists():
        raise AanmeldingFout(_("U kunt alleen een kind aanmelden over wie u gezag heeft."))
    _check_leeftijd(leerling, school, timezone.localdate(nu))
    if woongemeente is not None and leerling.woongemeente_id != woongemeente.pk:
        # leerplicht of the home municipality hears of enrolment changes.
        Leerling.objects.filter(pk=leerling.pk).update(woongemeente=woongemeente)
        leerling.woongemeente = woongemeente
    if not heeft_grondslag(school):
        grondslag_gerespecteerd = None
    if ouder is not None and brieven_digitaal is not None and ouder.brieven_digitaal != brieven_digitaal:
        # Awb 2:8 (2:14 before 2026): the parent says whether letters reach them in the portal (then a decision is made
        # known when it is placed there and they are notified).
        get_user_model().objects.filter(pk=ouder.pk).update(brieven_digitaal=brieven_digitaal)
        ouder.brieven_digitaal = brieven_digitaal
        audit_log(actor=ouder, actie=Actie.GEWIJZIGD, obj=ouder, label=f"Account #{ouder.pk}",
                  wijzigingen={"brieven_digitaal": [not brieven_digitaal, brieven_digitaal]})
    if Aanmelding.objects.filter(leerling=leerling, school=school).open().exists():
        raise AanmeldingFout(_("Uw kind is al aangemeld bij deze school; die aanmelding loopt nog."))
    andere = [s for s in andere_scholen if s.get("naam")]
    if not 1 <= voorkeur_positie <= len(andere) + 1:
        raise AanmeldingFout(_("De plaats van deze school in uw voorkeur klopt niet met het aantal scholen dat u noemt."))
    volgorde = andere[: voorkeur_positie - 1] + [{"school_id": school.pk, "naam": school.naam}] + andere[voorkeur_positie - 1:]
    voorkeur = VoorkeurVerklaring.objects.create(leerling=leerling, verklaard_door=actor, scholen=volgorde)

    aanmelding = zaken.zaak_open(zaak=Aanmelding(
        leerling=leerling, school=school, kanaal=kanaal, ingediend_door=ouder, geregistreerd_door=geregistreerd_door,
        ontvangen_op=nu, ontvangen_datum=timezone.localdate(nu), gewenste_start=gewenste_start, geopend_op=nu,
        ondersteuning=ondersteuning, wat_belangrijk=wat_belangrijk, gezag_verklaard=True,
        voorkeur_positie=voorkeur_positie, opgegeven_bsn=opgegeven_bsn, grondslag_gerespecteerd=grondslag_gerespecteerd,
    ), door=actor)
    _voorkeur_bijwerken(leerling, voorkeur, actor)
    aanmelding.refresh_from_db()
    for bestand, delen in documenten or []:
        document_bewaar(zaak=aanmelding, bestand=bestand, door=actor, delen=bool(delen))
    for regel in ("A-6", "A-9"):
        clock_start(regel_id=regel, zaak=aanmelding, start=aanmelding.ontvangen_datum, actor=actor,
                    extra_params={"geboortedatum": leerling.geboortedatum.isoformat()} if regel == "A-9" else None)
    klokken = aanmelding.klokken
    uiterlijk = klokken["A-6"].uiterlijk
    with translation.override("nl"):  # the receipt is a Dutch letter, whatever language the parent reads
        gegevens = {
            "ontvangen_op": timezone.localtime(nu), "uiterlijk": uiterlijk,
            "zorgplicht": zorgplicht_tekst(aanmelding, voorkeur), "kanaal": str(aanmelding.get_kanaal_display()),
            "tijdelijk_vanaf": tijdelijk_vanaf(aanmelding, klokken),
            "tien_weken_waarschuwing": (gewenste_start - aanmelding.ontvangen_datum).days < 70,
        }
    _brief(aanmelding, BriefSoort.ONTVANGST, gegevens=gegevens)
    _meld_ouders(aanmelding, f"aanmelding:{aanmelding.pk}:ontvangen", N_("Uw aanmelding is ontvangen"),
                 N_("%(school)s ontving uw aanmelding (%(zaak)s) op %(ontvangen)s. De school beslist uiterlijk op "
                    "%(uiterlijk)s. De ontvangstbevestiging (PDF) vindt u na inloggen bij uw aanmelding."),
                 school=school.naam, ontvangen=timezone.localtime(nu), uiterlijk=uiterlijk)
    _meld_school(aanmelding, f"aanmelding:{aanmelding.pk}:nieuw", N_("Nieuwe aanmelding"),
                 N_("%(zaak)s is binnengekomen. Beslissen uiterlijk %(uiterlijk)s."), Rol.IB, uiterlijk=uiterlijk)
    return aanmelding


# --- requests to the parents ----------------------------------------------------------------------

@transaction.atomic
def verzoek_informatie(*, aanmelding: Aanmelding, door, omschrijving: str, antwoord_uiterlijk: date,
                       vandaag: date | None = None) -> Verzoek:
    """Ask the parents for information (A-8): the core pauses every clock whose rule says so."""
    vandaag = vandaag or timezone.localdate()
    aanmelding = _locked(aanmelding)
    verzoek = zaken.verzoek_doe(zaak=aanmelding, soort=VerzoekSoort.INFORMATIE_OUDERS, door=door,
                                omschrijving=omschrijving, antwoord_uiterlijk=antwoord_uiterlijk, vandaag=vandaag)
    _onderzoek_begint(aanmelding, door)
    _brief(aanmelding, BriefSoort.INFORMATIEVERZOEK, gegevens={
        "verzoek_id": verzoek.pk, "omschrijving": omschrijving, "verzocht_op": vandaag,
        "antwoord_uiterlijk": antwoord_uiterlijk, "stil_vanaf": opschorting_vanaf(aanmelding, vandaag)})
    _meld_ouders(aanmelding, f"verzoek:{verzoek.pk}", N_("De school vraagt u om informatie"),
                 N_("Voor %(zaak)s vraagt de school u iets. Antwoord uiterlijk op %(datum)s. Zolang de school wacht, "
                    "staat de termijn om te beslissen stil."), datum=antwoord_uiterlijk)
    return verzoek


@transaction.atomic
def verzoek_beantwoord(*, verzoek: Verzoek, ouder, antwoord: str, bestand=None, vandaag: date | None = None) -> Verzoek:
    """The parents answer (through the core), and the IB'er hears of it."""
    verzoek = zaken.verzoek_beantwoord(verzoek=verzoek, door=ouder, antwoord=antwoord, bestand=bestand, vandaag=vandaag)
    aanmelding = verzoek.zaak.specifiek
    _meld_school(aanmelding, f"verzoek:{verzoek.pk}:antwoord", N_("Ouders hebben geantwoord"),
                 N_("Antwoord op het informatieverzoek bij %(zaak)s. De beslistermijn loopt weer."), Rol.IB)
    return verzoek


def informatie_verlopen(verzoek: Verzoek) -> None:
    """A-8: the answer term lapsed. The core resumed the clocks; the 4-week term for a decision *niet in
    behandeling nemen* starts now, and the IB'er is told. Runs inside the core's transaction."""
    aanmelding = verzoek.zaak.specifiek
    if verzoek.soort != VerzoekSoort.INFORMATIE_OUDERS or not aanmelding.is_open:
        return
    clock_start(regel_id="A-8", zaak=aanmelding, start=verzoek.antwoord_uiterlijk, systeem=True)
    _meld_school(aanmelding, f"verzoek:{verzoek.pk}:verlopen", N_("Geen antwoord van ouders"),
                 N_("De antwoordtermijn bij %(zaak)s is verstreken. De beslistermijn loopt weer; binnen 4 weken kunt u "
                    "besluiten de aanmelding niet in behandeling te nemen (A-8)."), Rol.IB)


@transaction.atomic
def verzoek_toestemming(*, aanmelding: Aanmelding, door, omschrijving: str, doel: str, omvang: str,
                        organisatie: str, soort: str = "onderzoek", vandaag: date | None = None) -> Verzoek:
    """Ask consent for research or for information from a named organisation (A-14), through the core."""
    aanmelding = _locked(aanmelding)
    verzoek = zaken.toestemming_vraag(zaak=aanmelding, door=door, soort=soort, doel=doel, ontvanger=organisatie,
                                      omvang=omvang, toelichting=omschrijving, vandaag=vandaag)
    _onderzoek_begint(aanmelding, door)
    if verzoek.status == VerzoekStatus.OPEN:
        _meld_ouders(aanmelding, f"verzoek:{verzoek.pk}", N_("De school vraagt uw toestemming"),
                     N_("Voor %(zaak)s vraagt de school uw toestemming. U kunt toestemming geven of weigeren, en later "
                        "intrekken."))
    return verzoek


# --- the school's file ------------------------------------------------------------------------------

@transaction.atomic
def notitie_voeg_toe(*, aanmelding: Aanmelding, door, soort: str, tekst: str, datum: date) -> Notitie:
    aanmelding = _locked(aanmelding)
    if not tekst.strip():
        raise AanmeldingFout(_("Een notitie zonder tekst wordt niet opgeslagen."))
    notitie = Notitie.objects.create(aanmelding=aanmelding, soort=soort, tekst=tekst, datum=datum, door=door)
    _onderzoek_begint(aanmelding, door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=notitie, leerling=aanmelding.leerling)
    return notitie


@transaction.atomic
def ondersteuning_beoordeel(*, aanmelding: Aanmelding, door, nodig: bool, reden: str) -> Aanmelding:
    """The school assesses whether the child needs extra support (WPO 40 lid 3; WVO 2020 8.9 lid 1). The
    parents' answer was input; this assessment decides zorgplicht (A-2) and whether the geschil route applies
    (D-1). The parents read the reason."""
    aanmelding = _locked(aanmelding)
    if not aanmelding.is_open:
        raise AanmeldingFout(_("Deze aanmelding is afgehandeld."))
    if not reden.strip():
        raise AanmeldingFout(_("Schrijf de reden op: de ouders lezen die."))
    oud = aanmelding.steun_beoordeling
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        steun_beoordeling=nodig, steun_beoordeling_reden=reden, steun_beoordeeld_door=door,
        steun_beoordeeld_op=timezone.now())
    aanmelding.steun_beoordeling = nodig
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=aanmelding, leerling=aanmelding.leerling,
              wijzigingen={"steun_beoordeling": [oud, nodig]})
    zaken.gebeurtenis_voeg_toe(zaak=aanmelding, soort="beoordeling", door=door, gegevens={"nodig": nodig})
    _onderzoek_begint(aanmelding, door)
    _meld_ouders(aanmelding, f"aanmelding:{aanmelding.pk}:beoordeling:{nodig}",
                 N_("De school heeft gekeken wat uw kind nodig heeft"),
                 N_("De school heeft beoordeeld of uw kind extra ondersteuning nodig heeft (%(zaak)s). U leest de "
                    "uitkomst en de reden bij uw aanmelding."))
    return aanmelding


@transaction.atomic
def aanmelding_verleng(*, aanmelding: Aanmelding, door, weken: int, reden: str, vandaag: date | None = None) -> Clock:
    """A-7: once, 1–4 weeks, with a reason, in writing to the parents, up to and including the deadline.
    The 10-week point of A-9 does not move."""
    vandaag = vandaag or timezone.localdate()
    aanmelding = _locked(aanmelding)
    if not aanmelding.is_open:
        raise AanmeldingFout(_("Deze aanmelding is afgehandeld."))
    try:
        clock = clock_extend(clock=aanmelding.klokken["A-6"], weken=weken, reden=reden, meegedeeld_op=vandaag,
                             actor=door, vandaag=vandaag)
    except TermijnFout as exc:
        raise AanmeldingFout(str(exc)) from None
    _brief(aanmelding, BriefSoort.VERLENGING, gegevens={
        "weken": weken, "reden": reden, "uiterlijk": clock.uiterlijk, "meegedeeld_op": vandaag,
        "tijdelijk_vanaf": tijdelijk_vanaf(aanmelding)})
    _meld_ouders(aanmelding, f"aanmelding:{aanmelding.pk}:verlenging", N_("De school neemt meer tijd"),
                 N_("De school heeft de beslistermijn voor %(zaak)s eenmalig met %(weken)s weken verlengd. Nieuwe uiterste "
                    "datum: %(datum)s. De brief met de reden staat bij uw aanmelding."), weken=weken, datum=clock.uiterlijk)
    return clock


@transaction.atomic
def plaatsing_vraag(*, aanmelding: Aanmelding, door, school, toelichting: str) -> PlaatsingsVerzoek:
    """Ask another school whether it will admit the child (A-10). It receives only the documents the
    parents allowed to share."""
    aanmelding = _locked(aanmelding)
    if school.pk == aanmelding.school_id:
        raise AanmeldingFout(_("Kies een andere school dan uw eigen school."))
    if not aanmelding.is_open:
        raise AanmeldingFout(_("Deze aanmelding is afgehandeld."))
    verzoek = PlaatsingsVerzoek.objects.create(aanmelding=aanmelding, school=school, toelichting=toelichting, gevraagd_door=door)
    verzoek.documenten.set(aanmelding.documenten.filter(delen_toegestaan=True))
    _onderzoek_begint(aanmelding, door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=verzoek, leerling=aanmelding.leerling)
    from django.urls import reverse

    _meld_school(aanmelding, f"plaatsing:{verzoek.pk}", N_("Verzoek om een leerling toe te laten"),
                 N_("%(van)s vraagt of uw school een leerling kan toelaten (plaatsingsverzoek %(nr)s)."), school=school,
                 url=reverse("aanmelding:plaatsing", args=[verzoek.pk]), van=aanmelding.school.naam, nr=f"#{verzoek.pk}")
    return verzoek


@transaction.atomic
def plaatsing_beantwoord(*, verzoek: PlaatsingsVerzoek, door, akkoord: bool, antwoord: str) -> PlaatsingsVerzoek:
    verzoek = PlaatsingsVerzoek.objects.select_for_update(of=("self",)).select_related("aanmelding").get(pk=verzoek.pk)
    if verzoek.school_id not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise AanmeldingFout(_("Alleen de gevraagde school kan antwoorden."))
    if verzoek.status != PlaatsingStatus.GEVRAAGD:
        raise AanmeldingFout(_("Dit verzoek is al beantwoord."))
    verzoek.status = PlaatsingStatus.GEACCEPTEERD if akkoord else PlaatsingStatus.GEWEIGERD
    verzoek.antwoord, verzoek.beantwoord_door, verzoek.beantwoord_op = antwoord, door, timezone.now()
    verzoek.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=verzoek, leerling=verzoek.aanmelding.leerling,
              wijzigingen={"status": [PlaatsingStatus.GEVRAAGD, verzoek.status]})
    _meld_school(verzoek.aanmelding, f"plaatsing:{verzoek.pk}:antwoord", N_("Antwoord op plaatsingsverzoek"),
                 N_("De gevraagde school heeft geantwoord bij %(zaak)s."), Rol.IB)
    return verzoek


# --- the decision ------------------------------------------------------------------------------------

@transaction.atomic
def besluit_voorbereid(*, aanmelding: Aanmelding, door, soort: str, motivering: str, grond: str = "",
                       ontvangende_school=None, ontvangende_school_naam: str = "", acceptatie_bestand=None) -> Besluit:
    """The IB'er prepares the decision; the guards of A-8, A-10 and A-11 apply here. The core keeps the
    decision itself (signing under a mandate, bekendmaking); the aanmelding keeps its content."""
    aanmelding = _locked(aanmelding)
    if not aanmelding.is_open:
        raise AanmeldingFout(_("Deze aanmelding is afgehandeld."))
    if not motivering.strip():
        raise AanmeldingFout(_("Geef de redenen van het besluit (A-12): ze staan in de brief."))
    acceptatie = None
    if soort == BesluitSoort.TOEGELATEN_ONDERSTEUNING:
        # The offer is the arrangement (one offer, not two): composed and offered to the parents first.
        aanbod = aanmelding.aanbod
        if aanbod is None or aanbod.status == "concept":
            raise AanmeldingFout(_("Stel eerst het aanbod op (het arrangement: welke ondersteuning, van wie, wie betaalt) "
                                 "en bied het de ouders aan. Het besluit verwijst ernaar."))
    if soort == BesluitSoort.PLEK_ELDERS:
        # refusal of a child needing support only once another school is willing to admit it,
        # in consultation with the parents.
        if ontvangende_school is not None:
            if not aanmelding.plaatsingsverzoeken.filter(school=ontvangende_school, status=PlaatsingStatus.GEACCEPTEERD).exists():
                raise AanmeldingFout(f"{ontvangende_school.naam} heeft (nog) niet geaccepteerd. Een passende plek elders kan "
                                     "pas als die school heeft toegezegd het kind toe te laten (A-10).")
        elif ontvangende_school_naam.strip() and acceptatie_bestand is not None:
            acceptatie = document_bewaar(zaak=aanmelding, bestand=acceptatie_bestand, door=door, soort="acceptatie")
        else:
            raise AanmeldingFout(_("Een passende plek elders kan pas als een andere school heeft toegezegd het kind toe te "
                                 "laten: via een plaatsingsverzoek in het portaal, of met de schriftelijke acceptatie van "
                                 "een school buiten het portaal (A-10)."))
        if not aanmelding.notities.filter(soort=NotitieSoort.OVERLEG_OUDERS).exists():
            raise AanmeldingFout(_("Leg eerst het overleg met de ouders over de plek elders vast (A-10)."))
    if soort == BesluitSoort.NIET_TOEGELATEN:
        if grond not in WeigerGrond.values:
            raise AanmeldingFout(_("Kies de grond van de weigering (A-11). Een ontbrekend ondersteuningsprofiel is geen grond."))
        if grond == WeigerGrond.TOELATINGSEISEN and aanmelding.school.soort != "vo":
            raise AanmeldingFout(_("Weigeren op toelatingseisen kan alleen in het voortgezet onderwijs (A-11)."))
        if grond == WeigerGrond.GRONDSLAG and not heeft_grondslag(aanmelding.school):
            raise AanmeldingFout(_("Deze school heeft geen levensbeschouwelijke grondslag en kan daarop niet weigeren (A-11)."))
        if grond == WeigerGrond.GRONDSLAG and aanmelding.grondslag_gerespecteerd is not False:
            raise AanmeldingFout(_("Weigeren op de grondslag kan alleen als de ouders niet verklaren de grondslag te "
                                 "respecteren (A-11, WPO 40 lid 5)."))
    if soort == BesluitSoort.NIET_IN_BEHANDELING and not aanmelding.verzoeken.filter(status=VerzoekStatus.VERLOPEN).exists():
        raise AanmeldingFout(_("Niet in behandeling nemen kan alleen als gevraagde informatie niet binnen de termijn kwam (A-8)."))
    besluit = zaken.besluit_bereid_voor(zaak=aanmelding, besluittype="aanmelding", uitkomst=soort,
                                        motivering=motivering, door=door)
    aanmelding.besluit_grond = grond if soort == BesluitSoort.NIET_TOEGELATEN else ""
    elders = soort == BesluitSoort.PLEK_ELDERS
    aanmelding.plek_elders_school = ontvangende_school if elders else None
    aanmelding.plek_elders_naam = ontvangende_school_naam if elders and ontvangende_school is None else ""
    if acceptatie is not None or not elders:
        aanmelding.plek_elders_acceptatie = acceptatie
    Aanmelding.objects.filter(pk=aanmelding.pk).update(
        besluit_grond=aanmelding.besluit_grond, plek_elders_school=aanmelding.plek_elders_school, plek_elders_naam=aanmelding.plek_elders_naam,
        plek_elders_acceptatie=aanmelding.plek_elders_acceptatie)
    zaken.zaak_transition(zaak=aanmelding, naar=Status.BESLUIT_VOORBEREID, door=door)
    return besluit


def rechtsmiddelen(besluit: Besluit) -> list[str]:
    """The parents' terms that start at bekendmaking: bezwaar always (A-13); the Geschillencommissie
    only for a support-related decision (D-1, A-11)."""
    aanmelding = besluit.zaak.specifiek
    regels = ["A-13"]
    if aanmelding.steun_nodig and besluit.uitkomst != BesluitSoort.TOEGELATEN:
        regels.append("D-2")
    return regels


def bezwaar_route(school) -> str:
    """A-13: the articles that give the parents their bezwaar against a decision on admission at this school.

    An openbare school's board is a bestuursorgaan: the Awb's bezwaar (6:5 contents, 6:7 six weeks, 6:8 from the day
    after bekendmaking) with the sector's own decision term (WPO 40 lid 12, WEC 40 lid 20, WVO 2020 8.8 lid 6). A
    bijzondere school's board (and a samenwerkingsschool's, WPO 17d lid 10, WEC 28j lid 10) is not: the onderwijswet
    gives the route itself — WPO 63 lid 3 and WEC 61 lid 3–4 (bezwaren within 6 weeks of the mededeling; decided
    within 4 weeks of receipt, after hearing the parents), WVO 2020 8.8 lid 5–6."""
    s = wetgeving.sector(school)
    if wetgeving.is_openbaar(school):
        eigen = {"po": "Wet op het primair onderwijs, artikel 40 lid 12",
                 "so": "Wet op de expertisecentra, artikel 40 lid 20",
                 "vo": "Wet voortgezet onderwijs 2020, artikel 8.8 lid 6"}[s]
        return f"Algemene wet bestuursrecht, artikel 6:5, 6:7 en 6:8; {eigen}"
    return {"po": "Wet op het primair onderwijs, artikel 63 lid 3",
            "so": "Wet op de expertisecentra, artikel 61 lid 3 en 4",
            "vo": "Wet voortgezet onderwijs 2020, artikel 8.8 lid 5 en 6"}[s]


def besluit_brief_gegevens(besluit: Besluit, klokken: dict) -> dict:
    """What the decision letter needs beyond the core's payload; the dates come from the clocks. The bezwaar
    clause cites the school's own route (``bezwaar_route``): the Awb only for an openbare school."""
    aanmelding = besluit.zaak.specifiek
    a6 = aanmelding.klokken.get("A-6")
    return verwijzingen(aanmelding.school) | {
            "wet_bezwaar_route": bezwaar_route(aanmelding.school), "openbaar": wetgeving.is_openbaar(aanmelding.school),
            "bezwaar_na_ontvangst": bezwaar_beslistermijn_na_ontvangst(aanmelding.school),
            "grond": aanmelding.get_besluit_grond_display() if aanmelding.besluit_grond else "",
            "aanbod": _aanbod_samenvatting(aanmelding, besluit), "ontvangende_school": aanmelding.ontvangende_school_naam,
            "a6_uitkomst": a6.get_uitkomst_display() if a6 and a6.uitkomst else ""}


def _aanbod_samenvatting(aanmelding, besluit) -> dict | None:
    """The arrangement offered with an admission with extra support, as its kind summarises it (typed)."""
    if besluit.uitkomst != BesluitSoort.TOEGELATEN_ONDERSTEUNING:
        return None
    aanbod = aanmelding.aanbod
    if aanbod is None or aanbod.type.samenvatting is None:
        return None
    return aanbod.type.samenvatting(aanbod)


def bevindingen(aanmelding: Aanmelding) -> dict:
    """What the zorgplicht file found (A-10): it prefills the offer the school composes from it."""
    notities = list(aanmelding.notities.order_by("datum", "pk"))
    return {"onderzocht": "\n\n".join(n.tekst for n in notities if n.soort == NotitieSoort.ONDERZOEK),
            "aanpassingen": "\n\n".join(n.tekst for n in notities if n.soort == NotitieSoort.AANPASSING)}


def na_bekendmaking(besluit: Besluit, door, vandaag: date) -> None:
    """The aanmelding's effects of its decision (called by the core's signing service, in its
    transaction): A-6/A-8/A-9 close (on time or late), admission enrols (A-9 temporary becomes
    definitive; A-15 report), refusal ends a temporary enrolment; the case is decided."""
    aanmelding = besluit.zaak.specifiek
    for regel, clock in aanmelding.klokken.items():
        if regel in ("A-6", "A-8", "A-9") and not clock.gesloten_op:
            clock_close(clock=clock, op=besluit.bekendgemaakt_op, actor=door)
    actief = Inschrijving.objects.filter(leerling=aanmelding.leerling, school=aanmelding.school, tot__isnull=True)
    if besluit.uitkomst in (BesluitSoort.TOEGELATEN, BesluitSoort.TOEGELATEN_ONDERSTEUNING):
        extra = besluit.uitkomst == BesluitSoort.TOEGELATEN_ONDERSTEUNING
        tijdelijk = actief.filter(soort=InschrijvingSoort.TIJDELIJK).first()
        if tijdelijk is not None:
            ins = inschrijving_definitief(inschrijving=tijdelijk, door=door, op=vandaag, extra_ondersteuning=extra)
        else:
            ins = inschrijving_maak(leerling=aanmelding.leerling, school=aanmelding.school,
                                    van=max(aanmelding.gewenste_start, vandaag), door=door, extra_ondersteuning=extra)
        # A-15 (Lpw 18): the enrolment is reported to leerplicht of the home municipality.
        leerplicht_meld(zaak=aanmelding, inschrijving=ins, soort=LeerplichtSoort.INSCHRIJVING, door=door, vandaag=vandaag)
    else:
        # a refusal ends a temporary enrolment; A-15: that too is reported.
        for ins in actief.filter(soort=InschrijvingSoort.TIJDELIJK):
            ins.tot = vandaag
            ins.save(update_fields=["tot"])
            audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=ins, leerling=aanmelding.leerling,
                      wijzigingen={"tot": [None, vandaag.isoformat()]}, omschrijving="Tijdelijke inschrijving beëindigd")
            leerplicht_meld(zaak=aanmelding, inschrijving=ins, soort=LeerplichtSoort.EINDE_TIJDELIJK, door=door,
                            vandaag=vandaag)
    zaken.zaak_transition(zaak=aanmelding, naar=Status.BESLOTEN, door=door, relatie={"ondertekenaar"})
    bezwaar = besluit.klokken.get("A-13")  # the core started the remedies' clocks before this hook
    _meld_ouders(aanmelding, f"besluit:{besluit.pk}:bekend", N_("Er is een besluit op uw aanmelding"),
                 N_("De school heeft besloten over %(zaak)s. Lees de brief na inloggen. Bent u het er niet mee eens? "
                    "Bezwaar maken kan tot en met %(datum)s; bij uw aanmelding staat wat u nog meer kunt doen."),
                 datum=bezwaar.uiterlijk if bezwaar else None)


@transaction.atomic
def aanmelding_trek_in(*, aanmelding: Aanmelding, ouder, reden: str) -> Aanmelding:
    aanmelding = _locked(aanmelding)
    zaken.zaak_transition(zaak=aanmelding, naar=Status.INGETROKKEN, door=ouder)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(ingetrokken_op=timezone.now(), intrek_reden=reden)
    for clock in aanmelding.klokken.values():
        if not clock.gesloten_op:
            clock_close(clock=clock, op=timezone.localdate(), actor=ouder, vervallen=True)
    _meld_school(aanmelding, f"aanmelding:{aanmelding.pk}:ingetrokken", N_("Aanmelding ingetrokken"),
                 N_("Ouders hebben %(zaak)s ingetrokken."))
    return aanmelding


# --- the legal consequence, run by the deadline sweep -------------------------------------------

def tijdelijke_inschrijving(clock: Clock, event) -> str:
    """A-9: no decision 10 weeks (plus pauses) after receipt and the child is not enrolled elsewhere:
    the child is enrolled temporarily from the next day, not before age 4. Once per child, whichever
    school's clock lapses first. A system action."""
    aanmelding = (Aanmelding.objects.select_for_update(of=("self",)).select_related("leerling", "school")
                  .get(pk=clock.zaak_id))
    if not aanmelding.is_open:
        return "niet nodig: er is al beslist of de aanmelding is ingetrokken"
    leerling = aanmelding.leerling
    vandaag = timezone.localdate()
    if Inschrijving.objects.filter(leerling=leerling).filter(tot__isnull=True).exists() or \
            Inschrijving.objects.filter(leerling=leerling, tot__gte=vandaag).exists():
        return "niet nodig: het kind staat al ingeschreven"
    vanaf = tijdelijk_vanaf(aanmelding, {"A-9": clock})
    ins = inschrijving_maak(leerling=leerling, school=aanmelding.school, van=vanaf, soort=InschrijvingSoort.TIJDELIJK,
                            door=None)
    leerplicht_meld(zaak=aanmelding, inschrijving=ins, soort=LeerplichtSoort.TIJDELIJK, door=None, vandaag=vandaag)
    _brief(aanmelding, BriefSoort.TIJDELIJK, gegevens={"vanaf": vanaf, "tien_weken": clock.uiterlijk})
    zaken.gebeurtenis_voeg_toe(zaak=aanmelding, soort="tijdelijk_ingeschreven", gegevens={"vanaf": vanaf})
    _meld_ouders(aanmelding, f"aanmelding:{aanmelding.pk}:tijdelijk", N_("Uw kind is tijdelijk ingeschreven"),
                 N_("De school heeft niet binnen 10 weken beslist over %(zaak)s. Daarom staat uw kind vanaf %(vanaf)s "
                    "tijdelijk ingeschreven bij %(school)s. De school moet nog beslissen."),
                 vanaf=vanaf, school=aanmelding.school.naam)
    _meld_school(aanmelding, f"aanmelding:{aanmelding.pk}:tijdelijk", N_("Leerling tijdelijk ingeschreven (A-9)"),
                 N_("Bij %(zaak)s is na 10 weken niet beslist; het portaal heeft het kind vanaf %(vanaf)s tijdelijk "
                    "ingeschreven. Beslis zo snel mogelijk."), vanaf=vanaf)
    return f"tijdelijk ingeschreven vanaf {vanaf.isoformat()} (inschrijving #{ins.pk})"
