"""Schorsing and verwijdering (S7; E-1, E-2).

Schorsing (E-1; WPO 40c, WEC 40a, WVO 2020 8.14): at most one week — 5 school days by the school's calendar
(``portal.organisaties.schoolkalender``: its holidays and free days, never the Algemene termijnenwet); a written
decision with reasons, signed under mandate on the core's signing page and made known to the parents with their
route to object (bezwaar, E-1b); the inspectie is told onverwijld when it lasts more than one school day (lid 3)
— the portal makes the notice and records when the school sent it. Six school days are refused.

Verwijdering (E-2; WPO 40 lid 11, WEC 40 lid 18, WVO 2020 8.15): teachers and parents heard (recorded); definitive
removal is impossible until another school has accepted the pupil in writing; in vo the inspectie is consulted
first; leerplicht of the pupil's home municipality is told at once (Leerplichtwet 18 lid 1: 'terstond')."""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.documenten.services import document_bewaar
from portal.leerlingen.models import Inschrijving
from portal.meldingen.ontvangers import leden
from portal.meldingen.services import melding_stuur
from portal.organisaties import schoolkalender, wetgeving
from portal.termijnen.services import clock_close, clock_start
from portal.zaken import services as zaken
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from .. import wet
from ..constants import BriefSoort, HoorSoort, SchorsingStatus, VerwijderingStatus
from ..models import Horen, Schorsing, Verwijdering
from .common import (
    GeschilFout,
    brief,
    eis_school,
    laat_besluit_vervallen,
    meld_ouders,
    meld_school,
    tekst_nodig,
)


def _ingeschreven(leerling, school, op: date) -> bool:
    return Inschrijving.objects.filter(leerling=leerling, school=school, van__lte=op).filter(
        tot__isnull=True).exists() or Inschrijving.objects.filter(leerling=leerling, school=school, van__lte=op,
                                                                  tot__gte=op).exists()


def _eis_eigen_school(user, school) -> None:
    if school.pk not in user.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise GeschilFout(_("Alleen de intern begeleider of de directeur van de school legt dit vast."))


# --- schorsing ----------------------------------------------------------------------------------------------------

@transaction.atomic
def schorsing_bereid_voor(*, leerling, school, door, van: date, tot: date, redenen: str, gehoord: str = "",
                          vandaag: date | None = None) -> Schorsing:
    """Record a schorsing and prepare its decision (E-1): at most one week, with reasons. Someone with a mandate
    for 'schorsing' (or the board) signs it; then it is made known."""
    vandaag = vandaag or timezone.localdate()
    _eis_eigen_school(door, school)
    if not _ingeschreven(leerling, school, vandaag):
        raise GeschilFout(_("Deze leerling staat niet ingeschreven op deze school."))
    if van < vandaag:
        raise GeschilFout(_("Een schorsing begint niet in het verleden."))
    if fout := wet.schorsing_fout(van, tot, school):  # E-1: school days by the school's calendar, never Atw
        raise GeschilFout(fout)
    redenen = tekst_nodig(redenen, _("Geef de redenen van de schorsing; ze staan in de brief aan de ouders."))
    if Schorsing.objects.open().filter(leerling=leerling, school=school).exists():
        raise GeschilFout(_("Er loopt al een schorsing van deze leerling."))
    schorsing = zaken.zaak_open(zaak=Schorsing(
        leerling=leerling, school=school, van=van, tot=tot, schooldagen=wet.schooldagen(van, tot, school),
        gehoord=gehoord, inspectie_melding_nodig=wet.schorsing_inspectie_nodig(van, tot, school)), door=door)
    zaken.besluit_bereid_voor(zaak=schorsing, besluittype="schorsing", uitkomst="geschorst", motivering=redenen,
                              door=door)
    return schorsing


def schorsing_brief_gegevens(besluit, klokken) -> dict:
    s = besluit.zaak.specifiek
    return wetgeving.verwijzingen(s.school) | {
        "van": s.van, "tot": s.tot, "schooldagen": s.schooldagen, "inspectie": s.inspectie_melding_nodig,
        "wet_schorsing": _schorsing_artikel(s.school), "openbaar": wetgeving.is_openbaar(s.school)}


def _schorsing_artikel(school) -> str:
    return {"po": "Wet op het primair onderwijs, artikel 40c", "so": "Wet op de expertisecentra, artikel 40a",
            "vo": "Wet voortgezet onderwijs 2020, artikel 8.14"}[wetgeving.sector(school)]


def schorsing_na_bekendmaking(besluit, door, vandaag: date) -> None:
    """Made known: the schorsing runs; E-1 (at most one week: the last day a 5-school-day schorsing may cover)
    starts the day before its first day; a schorsing of more than one day gets its notice to the inspectie."""
    s = besluit.zaak.specifiek
    zaken.zaak_transition(zaak=s, naar=SchorsingStatus.LOPEND, door=door, relatie={"ondertekenaar"})
    # E-1 counts school days: the clock's last day is the 5th school day from the first, by the school's calendar
    # (a holiday in between moves it on), expressed as calendar days from the day before the first.
    laatste = schoolkalender.laatste_schooldag(s.school, s.van, wet.MAX_SCHORSING_SCHOOLDAGEN)
    clock_start(regel_id="E-1", zaak=s, start=s.van - timedelta(days=1), omschrijving=s.nummer, actor=door,
                vandaag=vandaag, extra_params={"eenheid": "dagen", "lengte": (laatste - s.van).days + 1})
    if s.inspectie_melding_nodig:
        brief(s, BriefSoort.SCHORSING_INSPECTIE, {
            "van": s.van, "tot": s.tot, "schooldagen": s.schooldagen, "redenen": besluit.motivering,
            "bekendgemaakt_op": besluit.bekendgemaakt_op, "wet_schorsing": _schorsing_artikel(s.school)})
        meld_school(s, f"schorsing:{s.pk}:inspectie", N_("Meld de schorsing aan de inspectie"),
                    N_("%(zaak)s duurt langer dan één schooldag: meld haar onverwijld, dus vandaag nog, aan de inspectie "
                       "(Internet Schooldossier) en leg de datum vast (E-1). De melding staat klaar als PDF."),
                    bestuur=False)
    meld_ouders(s, f"schorsing:{s.pk}:bekend", N_("Uw kind is geschorst"),
                N_("Uw kind is geschorst van %(van)s tot en met %(tot)s (%(zaak)s). Lees de brief na inloggen: daarin "
                   "staan de redenen en wat u kunt doen."), van=s.van, tot=s.tot)


@transaction.atomic
def schorsing_inspectie_gemeld(*, schorsing, door, gemeld_op: date, kenmerk: str = "",
                               vandaag: date | None = None) -> Schorsing:
    vandaag = vandaag or timezone.localdate()
    s = Schorsing.objects.select_for_update(of=("self",)).select_related("school", "leerling").get(pk=schorsing.pk)
    eis_school(door, s)
    if not s.inspectie_melding_nodig:
        raise GeschilFout(_("Een schorsing van één dag hoeft niet aan de inspectie te worden gemeld."))
    if s.status == SchorsingStatus.VOORBEREID:
        raise GeschilFout(_("Het besluit is nog niet ondertekend."))
    if gemeld_op > vandaag:
        raise GeschilFout(_("De dag van melden kan niet in de toekomst liggen."))
    Schorsing.objects.filter(pk=s.pk).update(inspectie_gemeld_op=gemeld_op, inspectie_kenmerk=kenmerk)
    gebeurtenis_voeg_toe(zaak=s, soort="geschillen.inspectie", door=door, gegevens={"op": gemeld_op},
                               voor_ouders=False)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=s, leerling=s.leerling,
              wijzigingen={"inspectie_gemeld_op": [None, gemeld_op.isoformat()]})
    return s


@transaction.atomic
def schorsing_beeindig(*, schorsing, door, terug_op: date, vandaag: date | None = None) -> Schorsing:
    """The pupil is back: the schorsing ends; E-1 closes on the last day of the schorsing."""
    vandaag = vandaag or timezone.localdate()
    s = Schorsing.objects.select_for_update(of=("self",)).select_related("school", "leerling").get(pk=schorsing.pk)
    eis_school(door, s)
    if not (s.van < terug_op <= vandaag):
        raise GeschilFout(_("De dag van terugkeer ligt na de eerste schorsingsdag en niet na vandaag."))
    zaken.zaak_transition(zaak=s, naar=SchorsingStatus.AFGELOPEN, door=door)
    Schorsing.objects.filter(pk=s.pk).update(terug_op=terug_op)
    e1 = s.klokken.get("E-1")
    if e1 is not None and not e1.gesloten_op:
        clock_close(clock=e1, op=min(s.tot, terug_op - timedelta(days=1)), actor=door)
    gebeurtenis_voeg_toe(zaak=s, soort="geschillen.terug", door=door, gegevens={"op": terug_op})
    return s


@transaction.atomic
def schorsing_vervalt(*, schorsing, door) -> Schorsing:
    """The school drops a prepared schorsing before it is signed."""
    s = Schorsing.objects.select_for_update(of=("self",)).select_related("school", "leerling").get(pk=schorsing.pk)
    _eis_eigen_school(door, s.school)
    zaken.zaak_transition(zaak=s, naar=SchorsingStatus.VERVALLEN, door=door)
    laat_besluit_vervallen(s, "schorsing", door=door)
    return s


# --- verwijdering ---------------------------------------------------------------------------------------------------

def _locked_v(v) -> Verwijdering:
    return (Verwijdering.objects.select_for_update(of=("self",))
            .select_related("leerling", "school", "school__bestuur", "ontvangende_school").get(pk=v.pk))


@transaction.atomic
def verwijdering_start(*, leerling, school, door, reden: str, vandaag: date | None = None) -> Verwijdering:
    """The school considers removing a pupil: the parents are told and will be heard first (E-2)."""
    vandaag = vandaag or timezone.localdate()
    _eis_eigen_school(door, school)
    if not _ingeschreven(leerling, school, vandaag):
        raise GeschilFout(_("Deze leerling staat niet ingeschreven op deze school."))
    reden = tekst_nodig(reden, _("Schrijf de reden op."))
    if Verwijdering.objects.open().filter(leerling=leerling, school=school).exists():
        raise GeschilFout(_("Er loopt al een verwijdering van deze leerling."))
    v = zaken.zaak_open(zaak=Verwijdering(leerling=leerling, school=school, reden=reden), door=door)
    meld_ouders(v, f"verwijdering:{v.pk}:start", N_("De school overweegt uw kind te verwijderen"),
                N_("De school overweegt uw kind van school te verwijderen (%(zaak)s). U wordt eerst gehoord. Verwijderen "
                   "kan pas als een andere school uw kind wil toelaten."))
    return v


@transaction.atomic
def horen_vastleggen(*, verwijdering, door, soort: str, datum: date, verslag: str,
                     vandaag: date | None = None) -> Horen:
    """E-2: who was heard before a removal, when, and what they said."""
    vandaag = vandaag or timezone.localdate()
    zaak = _locked_v(verwijdering)
    eis_school(door, zaak)
    if zaak.status != VerwijderingStatus.VOORBEREIDING:
        raise GeschilFout(_("Horen leg je vast tijdens de voorbereiding."))
    if soort not in HoorSoort.values:
        raise GeschilFout(_("Kies wie is gehoord."))
    if datum > vandaag:
        raise GeschilFout(_("Leg het horen vast als het gebeurd is."))
    verslag = tekst_nodig(verslag, _("Schrijf een kort verslag van wat is gezegd."))
    h = Horen.objects.create(zaak=zaak, soort=soort, datum=datum, verslag=verslag, door=door)
    gebeurtenis_voeg_toe(zaak=zaak, soort="geschillen.gehoord", door=door, gegevens={"op": datum})
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=h, leerling=zaak.leerling)
    return h


@transaction.atomic
def verwijdering_acceptatie(*, verwijdering, door, bestand, op: date, school=None, school_naam: str = "",
                            vandaag: date | None = None) -> Verwijdering:
    """E-2: another school is willing to admit the pupil — in the portal or outside it, always with its written
    acceptance."""
    vandaag = vandaag or timezone.localdate()
    v = _locked_v(verwijdering)
    eis_school(door, v)
    if school is None and not school_naam.strip():
        raise GeschilFout(_("Kies de school die de leerling toelaat, of vul de naam in."))
    if school is not None and school.pk == v.school_id:
        raise GeschilFout(_("Kies een andere school dan uw eigen school."))
    if bestand is None:
        raise GeschilFout(_("Voeg de schriftelijke acceptatie van die school toe."))
    if op > vandaag:
        raise GeschilFout(_("De dag van acceptatie kan niet in de toekomst liggen."))
    doc = document_bewaar(zaak=v, bestand=bestand, door=door, soort="acceptatie")
    Verwijdering.objects.filter(pk=v.pk).update(ontvangende_school=school, ontvangende_school_naam="" if school else
                                                school_naam.strip(), acceptatie=doc, acceptatie_op=op)
    gebeurtenis_voeg_toe(zaak=v, soort="geschillen.acceptatie", door=door)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=v, leerling=v.leerling,
              wijzigingen={"acceptatie": [None, doc.pk]})
    return v


@transaction.atomic
def verwijdering_inspectie_overleg(*, verwijdering, door, op: date, vandaag: date | None = None) -> Verwijdering:
    vandaag = vandaag or timezone.localdate()
    v = _locked_v(verwijdering)
    eis_school(door, v)
    if op > vandaag:
        raise GeschilFout(_("Leg het overleg vast als het geweest is."))
    Verwijdering.objects.filter(pk=v.pk).update(inspectie_overleg_op=op)
    gebeurtenis_voeg_toe(zaak=v, soort="geschillen.inspectie_overleg", door=door, gegevens={"op": op},
                               voor_ouders=False)
    return v


def verwijdering_guard(v) -> str:
    """E-2: what still stands in the way of a definitive removal, or ''."""
    gehoord = set(v.hoorverslagen.values_list("soort", flat=True))
    if HoorSoort.LERAAR not in gehoord or HoorSoort.OUDERS not in gehoord:
        return "Hoor eerst de leraar (of leraren) en de ouders, en leg dat vast (E-2)."
    if not v.acceptatie_id:
        return ("Definitief verwijderen kan pas als een andere school schriftelijk heeft laten weten de leerling toe te "
                "laten (E-2).")
    if wetgeving.sector(v.school) == "vo" and not v.inspectie_overleg_op:
        return "In het voortgezet onderwijs overlegt de school eerst met de inspectie (E-2)."
    return ""


@transaction.atomic
def verwijdering_bereid_voor(*, verwijdering, door, per: date, motivering: str, vandaag: date | None = None):
    vandaag = vandaag or timezone.localdate()
    v = _locked_v(verwijdering)
    eis_school(door, v)
    if fout := verwijdering_guard(v):
        raise GeschilFout(fout)
    if per < vandaag:
        raise GeschilFout(_("De verwijdering gaat niet in het verleden in."))
    Verwijdering.objects.filter(pk=v.pk).update(per=per)
    besluit = zaken.besluit_bereid_voor(zaak=v, besluittype="verwijdering", uitkomst="verwijderd",
                                        motivering=motivering, door=door)
    if v.status == VerwijderingStatus.VOORBEREIDING:
        zaken.zaak_transition(zaak=v, naar=VerwijderingStatus.VOORBEREID, door=door)
    return besluit


def verwijdering_brief_gegevens(besluit, klokken) -> dict:
    v = besluit.zaak.specifiek
    return wetgeving.verwijzingen(v.school) | {
        "per": v.per, "ontvangende_school": v.ontvangende_school_label, "acceptatie_op": v.acceptatie_op,
        "wet_verwijdering": _verwijdering_artikel(v.school), "wet_bezwaar_termijn": wet.bezwaar_bron(
            v.school, verwijdering=True)}


def _verwijdering_artikel(school) -> str:
    return {"po": "Wet op het primair onderwijs, artikel 40 lid 11", "so": "Wet op de expertisecentra, artikel 40 lid 18",
            "vo": "Wet voortgezet onderwijs 2020, artikel 8.15"}[wetgeving.sector(school)]


def verwijdering_na_bekendmaking(besluit, door, vandaag: date) -> None:
    """Made known (inside the core's signing transaction): the guard once more — a removal without an accepting
    school is impossible (E-2) — then the enrolment ends the day before ``per`` and leerplicht is told at once
    (Leerplichtwet 18)."""
    v = Verwijdering.objects.select_related("leerling", "leerling__woongemeente", "school").get(pk=besluit.zaak_id)
    if fout := verwijdering_guard(v):
        raise GeschilFout(fout)
    zaken.zaak_transition(zaak=v, naar=VerwijderingStatus.VERWIJDERD, door=door, relatie={"ondertekenaar"})
    einde = max(v.per, vandaag) - timedelta(days=1)
    for ins in Inschrijving.objects.filter(leerling=v.leerling, school=v.school).filter(tot__isnull=True):
        ins.tot = max(einde, ins.van)
        ins.save(update_fields=["tot"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=ins, leerling=v.leerling, label=f"Inschrijving #{ins.pk}",
                  wijzigingen={"tot": [None, ins.tot.isoformat()]}, omschrijving="Uitgeschreven na verwijdering")
    gemeente = v.leerling.woongemeente
    brief(v, BriefSoort.VERWIJDERING_LEERPLICHT, {
        "per": v.per, "gemeente": gemeente.naam if gemeente else "", "ontvangende_school": v.ontvangende_school_label,
        "bekendgemaakt_op": besluit.bekendgemaakt_op})
    ambtenaren = leden(Rol.LEERPLICHT, gemeente=gemeente) if gemeente else []
    if ambtenaren:
        melding_stuur(ontvangers=ambtenaren, sleutel=f"verwijdering:{v.pk}:leerplicht",
                      titel=N_("Melding verwijdering (Leerplichtwet 18)"),
                      tekst=N_("%(school)s heeft een leerling definitief verwijderd per %(per)s. Open de melding voor de "
                               "gegevens."), gegevens={"school": v.school.naam, "per": v.per},
                      url=reverse("geschillen:verwijdering_melding", args=[v.pk]))
        Verwijdering.objects.filter(pk=v.pk).update(leerplicht_gemeld_op=timezone.now())
        gebeurtenis_voeg_toe(zaak=v, soort="geschillen.leerplicht", door=door)
    else:
        meld_school(v, f"verwijdering:{v.pk}:leerplicht", N_("Meld de verwijdering aan leerplicht"),
                    N_("Bij %(zaak)s is de woongemeente of haar leerplichtambtenaar niet in het portaal bekend. Stuur de "
                       "melding (PDF bij de zaak) vandaag aan de gemeente (Leerplichtwet 18)."), bestuur=False)
    meld_ouders(v, f"verwijdering:{v.pk}:besluit", N_("Besluit over de verwijdering van uw kind"),
                N_("De school heeft besloten over %(zaak)s. Lees de brief na inloggen: daarin staat wat u kunt doen als "
                   "u het er niet mee eens bent."))


@transaction.atomic
def verwijdering_zie_af(*, verwijdering, door, reden: str = "") -> Verwijdering:
    v = _locked_v(verwijdering)
    eis_school(door, v)
    zaken.zaak_transition(zaak=v, naar=VerwijderingStatus.AFGEZIEN, door=door)
    laat_besluit_vervallen(v, "verwijdering", door=door)
    meld_ouders(v, f"verwijdering:{v.pk}:afgezien", N_("De school ziet af van verwijdering"),
                N_("De school ziet af van het verwijderen van uw kind (%(zaak)s)."))
    return v
