"""Every write of the TLV (issue #12): one function per action, in one transaction, audited (STYLE §2, §4).

What every case kind shares — transitions, documents, letters, the request to the school that suspends C-4,
consent, the decision signed under mandate and made known — is the core's (``portal.zaken``,
``portal.documenten``, ``portal.termijnen``); this module holds what only the TLV has.

Legal rules: DOMAIN §4 C-1…C-7. Clocks: C-4 (8 weeks from receipt, Awb 4:13; stands still while the school
completes the application, Awb 4:15; a later date announced in time, Awb 4:14), from the bekendmaking C-6 (the
parents' and school's bezwaar, started by the core), C-5 (the TLV's end, reminder on 1 February of its last
school year; expiry marks it) and C-7 (the health data go 3 years after the decision); on a bezwaar C-6b (ask
the LBT) and C-6c (decide), through the core's bezwaarregeling (``zaken.register_bezwaar``).
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.documenten.services import brief_maak, document_bewaar
from portal.leerlingen.models import Inschrijving, ToestemmingSoort, ToestemmingStatus
from portal.meldingen.ontvangers import leden, ouders
from portal.meldingen.services import melding_stuur
from portal.termijnen.dates import TermijnFout
from portal.termijnen.services import clock_close, clock_extend, clock_kondig_later_aan, clock_start
from portal.zaken import hoorrecht
from portal.zaken import services as zaken
from portal.zaken.models import Besluit, Verzoek, VerzoekSoort, VerzoekStatus, Zaak
from portal.zaken.services import ZaakFout, relaties, zaak_transition
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from . import wet
from .constants import (
    BEROEPEN,
    BIJ_SWV,
    MET_CATEGORIE,
    AdviesConclusie,
    BriefSoort,
    Categorie,
    DocumentSoort,
    Soort,
    Status,
    Uitkomst,
)
from .models import Belang, Deskundige, Instellingen, Loket, Toelaatbaarheidsverklaring, Toewijzing
from .selectors import leerling_bij_school, opp_zaken_van
from .toegang import ONDERWERP


class TlvFout(ZaakFout):
    """A request the TLV cannot grant; the message is Dutch and shown as it is (at ``veld`` when it names one). The
    core's own refusals (a transition, a decision, a request) come through as the core's ``ZaakFout``."""


# C-5: the cap on the number of school years is policy, not law — ``wet.max_schooljaren(swv)`` (the SWV's setting,
# else rule C-5's ``max_schooljaren``, 8).


# --- helpers ------------------------------------------------------------------------------------------------------

def _locked(tlv) -> Toelaatbaarheidsverklaring:
    return (Toelaatbaarheidsverklaring.objects.select_for_update(of=("self",))
            .select_related("leerling", "swv", "aanvragende_school", "aanvragende_school__bestuur",
                            "ontvangende_school").get(pk=tlv.pk))


def _eis(door, tlv, *rollen: str) -> set[str]:
    """The user's relations to the application (the core's ``relaties``, the TLV's own included), if one of
    ``rollen`` is among them. ``ouder`` stands for whoever acts for the pupil (issue #17 §1): a parent with gezag over
    a minor, the adult pupil, or their curator or mentor (``hoorrecht.HANDELT``)."""
    wie = relaties(door, tlv)
    gevraagd = set(rollen) | (set(hoorrecht.HANDELT) if "ouder" in rollen else set())
    if not wie & gevraagd:
        raise TlvFout({
            "school": "Alleen de school die de aanvraag doet, kan dit.",
            "swv": "Alleen het samenwerkingsverband dat beslist, kan dit.",
            "ouder": "Alleen wie voor de leerling optreedt kan dit: een ouder met gezag, of vanaf 18 jaar de leerling "
                     "zelf of diens curator of mentor.",
            "deskundige": "Alleen de gevraagde deskundige kan dit.",
        }.get(rollen[0], "U mag dit niet doen."))
    return wie


def _tekst(waarde: str, melding: str) -> str:
    if not (waarde or "").strip():
        raise TlvFout(melding)
    return waarde.strip()


def _meld_ouders(tlv, sleutel, titel, tekst, **gegevens):
    """Whoever acts for the pupil (the parents of a minor; the adult pupil, or their curator or mentor): plain words,
    no rule ids, no support details (the case number and dates)."""
    melding_stuur(ontvangers=ouders(tlv.leerling, ONDERWERP), sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": tlv.nummer, **gegevens}, url=tlv.get_absolute_url("ouder"))


def _meld_school(tlv, sleutel, titel, tekst, *, school=None, **gegevens):
    melding_stuur(ontvangers=leden(Rol.IB, Rol.DIRECTEUR, school=school or tlv.aanvragende_school), sleutel=sleutel,
                  titel=titel, tekst=tekst, gegevens={"zaak": tlv.nummer, **gegevens}, url=tlv.get_absolute_url())


def _meld_swv(tlv, sleutel, titel, tekst, **gegevens):
    melding_stuur(ontvangers=leden(Rol.SWV, swv=tlv.swv), sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": tlv.nummer, **gegevens}, url=tlv.get_absolute_url())


def _c4(tlv):
    c = tlv.klokken.get("C-4")
    return c if c is not None and not c.gesloten_op else None


def _open_aanvulling(tlv) -> Verzoek | None:
    return tlv.verzoeken.filter(soort=VerzoekSoort.AANVULLING_SCHOOL, status=VerzoekStatus.OPEN).first()


def _check_schooljaren(schooljaren, swv, veld: str) -> int:
    """C-5: the number of school years within the SWV's cap; a refusal names the form field ``veld``."""
    try:
        return wet.check_schooljaren(schooljaren, swv)
    except wet.SchooljarenFout as exc:
        raise TlvFout(str(exc), veld=veld) from None


def _check_aanvraag(*, school, leerling, soort, opp_zaak, onderwijsbehoeften, geprobeerd, ontvangende_school=None):
    if soort not in Soort.values:
        raise TlvFout(_("Kies de soort onderwijs: sbo, so, vso of praktijkonderwijs. Cluster 1 en 2 en lwoo lopen niet "
                      "via een TLV van het samenwerkingsverband."))
    if not leerling_bij_school(leerling, school):
        raise TlvFout(_("Alleen de school waar het kind is aangemeld of ingeschreven, kan een TLV aanvragen (C-2)."))
    if ontvangende_school is not None and ontvangende_school.soort not in wet.ONTVANGENDE_SOORTEN[soort]:
        raise TlvFout(f"{ontvangende_school} is geen school voor {Soort(soort).label.lower()}. Kies de school waar het "
                      f"kind naartoe gaat, of laat het veld leeg.")
    if opp_zaak is not None and not opp_zaken_van(leerling, school).filter(pk=opp_zaak.pk).exists():
        raise TlvFout(_("Kies een ontwikkelingsperspectief van dit kind op deze school."))
    _tekst(onderwijsbehoeften, _("Schrijf op wat het kind nodig heeft."))
    _tekst(geprobeerd, _("Schrijf op wat de school al heeft geprobeerd."))


# --- the application (C-1, C-2) ------------------------------------------------------------------------------------

@transaction.atomic
def tlv_maak(*, school, leerling, soort: str, door, onderwijsbehoeften: str, geprobeerd: str,
             gevraagde_schooljaren: int = 1, opp_zaak=None, woongemeente=None, buitenland: bool = False,
             ontvangende_school=None) -> Toelaatbaarheidsverklaring:
    """The applying school drafts a TLV application (C-2). The SWV that decides follows from the law, not from the
    school's membership (``wet.beslissend_swv``). The parents are told, so they can add their view."""
    if school.pk not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise TlvFout(_("Alleen de intern begeleider of directeur van de school kan een TLV aanvragen."))
    _check_aanvraag(school=school, leerling=leerling, soort=soort, opp_zaak=opp_zaak,
                    onderwijsbehoeften=onderwijsbehoeften, geprobeerd=geprobeerd, ontvangende_school=ontvangende_school)
    if Toelaatbaarheidsverklaring.objects.filter(leerling=leerling, afgesloten_op__isnull=True).exists():
        raise TlvFout(_("Voor dit kind loopt al een TLV-aanvraag."))
    try:
        b = wet.beslissend_swv(leerling=leerling, soort=soort, aanvragende_school=school, woongemeente=woongemeente,
                               buitenland=buitenland)
    except wet.SwvOnbekend as exc:
        raise TlvFout(str(exc)) from None
    gevraagde_schooljaren = _check_schooljaren(gevraagde_schooljaren, b.swv, "gevraagde_schooljaren")
    tlv = zaken.zaak_open(zaak=Toelaatbaarheidsverklaring(
        leerling=leerling, swv=b.swv, aanvragende_school=school, soort=soort, swv_grond=b.grond, swv_artikel=b.artikel,
        vorige_school=b.school, woongemeente=b.gemeente, opp_zaak=opp_zaak, onderwijsbehoeften=onderwijsbehoeften.strip(),
        geprobeerd=geprobeerd.strip(), gevraagde_schooljaren=gevraagde_schooljaren,
        ontvangende_school=ontvangende_school), door=door)
    _meld_ouders(tlv, f"tlv:{tlv.pk}:concept", N_("De school vraagt een toelaatbaarheidsverklaring aan"),
                 N_("%(school)s maakt een aanvraag voor een toelaatbaarheidsverklaring (%(zaak)s). Uw mening hoort bij de "
                    "aanvraag: lees de aanvraag en schrijf uw mening erbij, na inloggen."), school=school.naam)
    return tlv


@transaction.atomic
def tlv_wijzig(*, tlv, door, soort: str, onderwijsbehoeften: str, geprobeerd: str, gevraagde_schooljaren: int,
               opp_zaak=None, woongemeente=None, buitenland: bool = False, ontvangende_school=None
               ) -> Toelaatbaarheidsverklaring:
    """The school changes its draft; the deciding SWV is determined again."""
    tlv = _locked(tlv)
    _eis(door, tlv, "school")
    if tlv.status != Status.CONCEPT:
        raise TlvFout(_("De aanvraag is ingediend en kan niet meer worden gewijzigd. Heeft het samenwerkingsverband een "
                      "aanvulling nodig, dan vraagt het daarom."))
    _check_aanvraag(school=tlv.aanvragende_school, leerling=tlv.leerling, soort=soort, opp_zaak=opp_zaak,
                    onderwijsbehoeften=onderwijsbehoeften, geprobeerd=geprobeerd, ontvangende_school=ontvangende_school)
    try:
        b = wet.beslissend_swv(leerling=tlv.leerling, soort=soort, aanvragende_school=tlv.aanvragende_school,
                               woongemeente=woongemeente, buitenland=buitenland)
    except wet.SwvOnbekend as exc:
        raise TlvFout(str(exc)) from None
    gevraagde_schooljaren = _check_schooljaren(gevraagde_schooljaren, b.swv, "gevraagde_schooljaren")
    oud = {"soort": tlv.soort, "swv": tlv.swv_id, "ontvangende_school": tlv.ontvangende_school_id}
    velden = {"soort": soort, "swv": b.swv, "swv_grond": b.grond, "swv_artikel": b.artikel, "vorige_school": b.school,
              "woongemeente": b.gemeente, "opp_zaak": opp_zaak, "onderwijsbehoeften": onderwijsbehoeften.strip(),
              "geprobeerd": geprobeerd.strip(), "gevraagde_schooljaren": gevraagde_schooljaren,
              "ontvangende_school": ontvangende_school}
    for k, v in velden.items():
        setattr(tlv, k, v)
    tlv.save()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=tlv, leerling=tlv.leerling,
              wijzigingen={k: [v, getattr(tlv, f"{k}_id" if k in ("swv", "ontvangende_school") else k)]
                           for k, v in oud.items()})
    return tlv


@transaction.atomic
def tlv_document_voeg_toe(*, tlv, door, bestand, soort: str = DocumentSoort.SCHOOL):
    """A document of the application (the school, while drafting). A report of another organisation only with
    the consent of the parents (of the pupil from 16): G-1, no implied consent."""
    tlv = _locked(tlv)
    _eis(door, tlv, "school")
    if tlv.status != Status.CONCEPT:
        raise TlvFout(_("Stukken voegt u toe zolang de aanvraag nog niet is ingediend, of als antwoord op een verzoek om "
                      "aanvulling."))
    if soort not in (DocumentSoort.SCHOOL, DocumentSoort.DERDEN):
        raise TlvFout(_("Kies wat voor stuk het is."))
    if soort == DocumentSoort.DERDEN and toestemming_status(tlv) != ToestemmingStatus.GEGEVEN:
        raise TlvFout(_("Een rapport van een ander gaat alleen mee met toestemming van de ouders (of van de leerling "
                      "vanaf 16 jaar). Vraag eerst toestemming."))
    return document_bewaar(zaak=tlv, bestand=bestand, door=door, soort=soort)


def toestemming_status(tlv) -> str | None:
    return tlv.toestemming.status() if tlv.toestemming_id else None


@transaction.atomic
def tlv_toestemming_vraag(*, tlv, door):
    """Consent to send reports of other organisations to the SWV and its experts (G-1; A-14: the pupil's own from
    16). One purpose, one recipient, one scope; an identical consent given earlier is reused (the core)."""
    tlv = _locked(tlv)
    _eis(door, tlv, "school")
    if tlv.status != Status.CONCEPT:
        raise TlvFout(_("Toestemming vraagt u voordat de aanvraag wordt ingediend."))
    verzoek = zaken.toestemming_vraag(
        zaak=tlv, door=door, soort=ToestemmingSoort.GEGEVENS,
        doel="Rapporten van andere organisaties (bijvoorbeeld jeugdhulp, psycholoog of arts) meesturen met de aanvraag "
             "voor een toelaatbaarheidsverklaring.",
        ontvanger=f"{tlv.swv.naam} en de twee deskundigen die het om advies vraagt",
        omvang="De rapporten die de school bij deze aanvraag voegt. Het samenwerkingsverband bewaart ze tot 3 jaar na "
               "het besluit en verwijdert ze dan.",
        toelichting="De school wil rapporten van anderen bij de aanvraag voegen. Dat mag alleen als u toestemming geeft.")
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(toestemming=verzoek.toestemming)
    tlv.toestemming = verzoek.toestemming
    return verzoek


# --- the parents' view (C-2) ------------------------------------------------------------------------------------------

@transaction.atomic
def tlv_zienswijze_ouder(*, tlv, ouder, tekst: str) -> Toelaatbaarheidsverklaring:
    """A parent writes their view in the portal; it is theirs, so it needs no confirmation."""
    tlv = _locked(tlv)
    _eis(ouder, tlv, "ouder")
    if tlv.status != Status.CONCEPT:
        raise TlvFout(_("De aanvraag is al ingediend. Wilt u nog iets laten weten? Neem contact op met het "
                      "samenwerkingsverband."))
    tekst = _tekst(tekst, _("Schrijf uw mening over de aanvraag."))
    nu = timezone.now()
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(
        zienswijze=tekst, zienswijze_door=ouder, zienswijze_op=nu, zienswijze_bevestigd_op=nu,
        zienswijze_bevestiging=f"Geschreven door {_wie_schreef(tlv, ouder)} in het portaal")
    audit_log(actor=ouder, actie=Actie.GEWIJZIGD, obj=tlv, leerling=tlv.leerling, omschrijving="Zienswijze ouders")
    gebeurtenis_voeg_toe(zaak=tlv, soort="tlv.zienswijze", door=ouder)
    _meld_school(tlv, f"tlv:{tlv.pk}:zienswijze:{nu.timestamp():.0f}", N_("Zienswijze van de ouders ontvangen"),
                 N_("De ouders schreven hun zienswijze bij %(zaak)s."))
    tlv.refresh_from_db()
    return tlv


@transaction.atomic
def tlv_zienswijze_school(*, tlv, door, tekst: str, op_papier: bool = False, bestand=None) -> Toelaatbaarheidsverklaring:
    """The school writes down the parents' view; the parents confirm it — in the portal, or on paper (the signed
    text is added as a document)."""
    tlv = _locked(tlv)
    _eis(door, tlv, "school")
    if tlv.status != Status.CONCEPT:
        raise TlvFout(_("De aanvraag is al ingediend."))
    if zienswijze_van_ouder(tlv):
        raise TlvFout(_("De ouders schreven hun zienswijze zelf in het portaal; die past de school niet aan."))
    tekst = _tekst(tekst, _("Schrijf de zienswijze van de ouders op."))
    if op_papier and bestand is None:
        raise TlvFout(_("Voeg de door de ouders getekende zienswijze toe, of laat de ouders hem in het portaal bevestigen."))
    nu = timezone.now()
    if op_papier:
        document_bewaar(zaak=tlv, bestand=bestand, door=door, soort=DocumentSoort.ZIENSWIJZE)
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(
        zienswijze=tekst, zienswijze_door=door, zienswijze_op=nu, zienswijze_bevestigd_op=nu if op_papier else None,
        zienswijze_bevestiging="Door de ouders getekend op papier" if op_papier else "")
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=tlv, leerling=tlv.leerling,
              omschrijving="Zienswijze ouders vastgelegd door de school")
    gebeurtenis_voeg_toe(zaak=tlv, soort="tlv.zienswijze", door=door)
    if not op_papier:
        _meld_ouders(tlv, f"tlv:{tlv.pk}:zienswijze:{nu.timestamp():.0f}", N_("Klopt uw mening zoals de school hem opschreef?"),
                     N_("De school schreef uw mening op bij %(zaak)s. Lees hem na inloggen en bevestig dat hij klopt, of "
                        "schrijf hem zelf."))
    tlv.refresh_from_db()
    return tlv


def _wie_schreef(tlv, user) -> str:
    """In the words of the record: "de ouder", "de leerling", "de curator", "de mentor"."""
    h = hoorrecht.wie_handelt(tlv.leerling, onderwerp=ONDERWERP)
    if h.ouders or not any(p.pk == user.pk for p in h.personen):
        return "de ouder"
    return {"leerling": "de leerling", "curator": "de curator", "mentor": "de mentor"}.get(h.soort, "de ouder")


def _aan(leerling, op: date | None = None) -> dict:
    """The family addressee of a letter (Awb 3:41), frozen in its payload: ``aan_soort`` "ouders", "leerling",
    "curator" or "mentor" and their names (``hoorrecht.wie_handelt``; BW 1:233, 1:245: gezag ends at 18)."""
    aan = hoorrecht.wie_handelt(leerling, onderwerp=ONDERWERP, op=op or timezone.localdate())
    return {"aan_soort": aan.soort, "aan_namen": [p.get_full_name() or p.email for p in aan.personen]}


def zienswijze_van_ouder(tlv) -> bool:
    """The view was written by the family themselves — a parent with gezag, or the adult pupil or their curator or
    mentor (then it is theirs: the school does not change it)."""
    if not tlv.zienswijze_door_id:
        return False
    if tlv.leerling.gezag.filter(ouder_id=tlv.zienswijze_door_id).exists() or tlv.leerling.account_id == tlv.zienswijze_door_id:
        return True
    return any(p.pk == tlv.zienswijze_door_id for p in hoorrecht.wie_handelt(tlv.leerling, onderwerp=ONDERWERP).personen)


@transaction.atomic
def tlv_zienswijze_bevestig(*, tlv, ouder) -> Toelaatbaarheidsverklaring:
    tlv = _locked(tlv)
    _eis(ouder, tlv, "ouder")
    if tlv.status != Status.CONCEPT or not tlv.zienswijze.strip():
        raise TlvFout(_("Er is geen zienswijze om te bevestigen."))
    if tlv.zienswijze_bevestigd_op is not None:
        return tlv
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(
        zienswijze_bevestigd_op=timezone.now(),
        zienswijze_bevestiging=f"Bevestigd door {_wie_schreef(tlv, ouder)} in het portaal")
    audit_log(actor=ouder, actie=Actie.GEWIJZIGD, obj=tlv, leerling=tlv.leerling, omschrijving="Zienswijze bevestigd")
    gebeurtenis_voeg_toe(zaak=tlv, soort="tlv.zienswijze_bevestigd", door=ouder)
    tlv.refresh_from_db()
    return tlv


# --- submission and completeness (C-4) ---------------------------------------------------------------------------------

def ontbreekt(tlv) -> list[str]:
    """What the school must still do before it can submit (shown on the page)."""
    out = []
    if not tlv.zienswijze.strip():
        out.append("De zienswijze van de ouders ontbreekt: de ouders schrijven hem in het portaal, of de school schrijft "
                   "hem op en de ouders bevestigen hem.")
    elif tlv.zienswijze_bevestigd_op is None:
        out.append("De ouders hebben de zienswijze die de school opschreef nog niet bevestigd.")
    docs = list(tlv.documenten.all())
    eigen_stuk = any(d.soort == DocumentSoort.SCHOOL for d in docs)
    if tlv.opp_zaak_id is None and not eigen_stuk:
        out.append("Koppel het ontwikkelingsperspectief of voeg het onderwijskundig rapport toe.")
    elif tlv.opp_zaak_id and not eigen_stuk and opp_samenvatting(tlv.opp_zaak).get("versie", True) is None:
        out.append("Het gekoppelde ontwikkelingsperspectief heeft nog geen vastgestelde versie. Stel het vast, of voeg "
                   "het OPP of het onderwijskundig rapport als document toe.")
    if any(d.soort == DocumentSoort.DERDEN for d in docs) and toestemming_status(tlv) != ToestemmingStatus.GEGEVEN:
        out.append("Er zit een rapport van een ander bij, maar de toestemming is niet (meer) gegeven.")
    return out


def opp_samenvatting(opp_zaak) -> dict:
    """The OPP version in force, as its kind summarises it (``Zaaktype.samenvatting``, typed): what the application
    attaches (issue #12 item 1). ``versie`` is None while no version is set."""
    if opp_zaak is None:
        return {}
    opp = opp_zaak.specifiek
    eigen = opp.type.samenvatting(opp) if opp.type.samenvatting else {"versie": None}
    return {"nummer": opp.nummer, **eigen}


def _aanvraag_gegevens(tlv, c4) -> dict:
    """The application as submitted, frozen in its letter (typed: dates stay dates)."""
    b = swv_uitleg(tlv)
    return {
        "ingediend_op": tlv.ingediend_op, "uiterlijk": c4.uiterlijk, "soort": tlv.get_soort_display(),
        "swv": tlv.swv.naam, "swv_uitleg": b, **swv_grond_gegevens(tlv), "swv_artikel": tlv.swv_artikel,
        "school": tlv.aanvragende_school.naam,
        "onderwijsbehoeften": tlv.onderwijsbehoeften, "geprobeerd": tlv.geprobeerd,
        "gevraagde_schooljaren": tlv.gevraagde_schooljaren, "zienswijze": tlv.zienswijze,
        "zienswijze_bevestiging": tlv.zienswijze_bevestiging, "opp": tlv.opp_zaak.nummer if tlv.opp_zaak_id else "",
        "opp_versie": tlv.opp_gegevens,
        "documenten": [{"naam": d.naam, "soort": DocumentSoort(d.soort).label if d.soort in DocumentSoort.values else ""}
                       for d in tlv.documenten.all()],
        "toestemming": tlv.toestemming.status_label() if tlv.toestemming_id else "",
    }


def swv_uitleg(tlv) -> str:
    """Why this SWV decides, in words (from what was stored when the application was made)."""
    return wet.Beslissend(tlv.swv, tlv.swv_grond, tlv.swv_artikel, school=tlv.vorige_school,
                          gemeente=tlv.woongemeente).uitleg()


def swv_grond_gegevens(tlv) -> dict:
    """What ``swv_uitleg`` is made of, frozen in a letter: its template words the sentence in the language it is
    rendered in (templates/tlv/pdf/_swv_uitleg.html; the Dutch as ``wet.Beslissend.uitleg``)."""
    return {"swv_grond": tlv.swv_grond, "swv_grond_school": str(tlv.vorige_school),
            "swv_grond_gemeente": str(tlv.woongemeente), "swv_grond_swv": str(tlv.swv)}


@transaction.atomic
def tlv_dien_in(*, tlv, door, vandaag: date | None = None) -> Toelaatbaarheidsverklaring:
    """The school submits the application to the SWV that decides. The 8 weeks of C-4 run from today, the day the
    SWV receives it (Awb 4:13). Its letter is the application as submitted, with the date the SWV decides by."""
    vandaag = vandaag or timezone.localdate()
    tlv = _locked(tlv)
    wie = _eis(door, tlv, "school")
    if tlv.status != Status.CONCEPT:
        raise TlvFout(_("Deze aanvraag is al ingediend."))
    nog = ontbreekt(tlv)
    if nog:
        raise TlvFout(" ".join(nog))
    zaak_transition(zaak=tlv, naar=Status.INGEDIEND, door=door, relatie=wie)
    tlv.opp_gegevens = opp_samenvatting(tlv.opp_zaak) if tlv.opp_zaak_id else {}
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(ingediend_op=vandaag, ingediend_door=door,
                                                                opp_gegevens=tlv.opp_gegevens)
    tlv.ingediend_op, tlv.ingediend_door = vandaag, door
    c4 = clock_start(regel_id="C-4", zaak=tlv, start=vandaag, actor=door, vandaag=vandaag)
    brief_maak(zaak=tlv, soort=BriefSoort.AANVRAAG, gegevens=_aanvraag_gegevens(tlv, c4))
    _meld_swv(tlv, f"tlv:{tlv.pk}:ingediend", N_("Nieuwe TLV-aanvraag"),
              N_("%(zaak)s is ingediend door %(school)s. Beoordeel of de aanvraag volledig is; beslissen uiterlijk "
                 "%(datum)s."), school=tlv.aanvragende_school.naam, datum=c4.uiterlijk)
    _meld_ouders(tlv, f"tlv:{tlv.pk}:ingediend", N_("De aanvraag voor een toelaatbaarheidsverklaring is ingediend"),
                 N_("%(school)s heeft %(zaak)s ingediend bij %(swv)s. Dat beslist uiterlijk %(datum)s."),
                 school=tlv.aanvragende_school.naam, swv=tlv.swv.naam, datum=c4.uiterlijk)
    return tlv


@transaction.atomic
def tlv_onvolledig(*, tlv, door, omschrijving: str, antwoord_uiterlijk: date, vandaag: date | None = None) -> Verzoek:
    """C-4: the application is incomplete — a request to the *school* (Awb 4:5), not the parents. The core stops
    every clock whose rule lists this kind of request: C-4, from the day after the request (Awb 4:15 lid 1)."""
    vandaag = vandaag or timezone.localdate()
    tlv = _locked(tlv)
    wie = _eis(door, tlv, "swv")
    if tlv.status != Status.INGEDIEND:
        raise TlvFout(_("Om aanvulling vraagt u bij de beoordeling van een ingediende aanvraag."))
    if antwoord_uiterlijk is None:
        raise TlvFout(_("Geef de school een termijn om de aanvraag aan te vullen."))
    try:
        verzoek = zaken.verzoek_doe(zaak=tlv, soort=VerzoekSoort.AANVULLING_SCHOOL, door=door, omschrijving=omschrijving,
                                    antwoord_uiterlijk=antwoord_uiterlijk, vandaag=vandaag)
    except TermijnFout as exc:  # a date the engine refuses (the core's ZaakFout passes as it is)
        raise TlvFout(str(exc)) from None
    zaak_transition(zaak=tlv, naar=Status.AANVULLING, door=door, relatie=wie)
    _meld_school(tlv, f"tlv:{tlv.pk}:aanvulling:{verzoek.pk}", N_("TLV-aanvraag aanvullen"),
                 N_("%(swv)s vraagt u %(zaak)s aan te vullen, uiterlijk %(datum)s. De beslistermijn staat stil tot de "
                    "aanvulling binnen is."), swv=tlv.swv.naam, datum=antwoord_uiterlijk)
    _meld_ouders(tlv, f"tlv:{tlv.pk}:aanvulling:{verzoek.pk}", N_("De school vult de aanvraag aan"),
                 N_("Het samenwerkingsverband vroeg de school om %(zaak)s aan te vullen. Tot de aanvulling binnen is, "
                    "staat de termijn om te beslissen stil."))
    return verzoek


@transaction.atomic
def tlv_aanvul(*, tlv, door, antwoord: str, bestanden=(), vandaag: date | None = None) -> Verzoek:
    """The applying school completes the application: the request is answered and C-4 runs again from today."""
    vandaag = vandaag or timezone.localdate()
    tlv = _locked(tlv)
    wie = _eis(door, tlv, "school")
    verzoek = _open_aanvulling(tlv)
    if tlv.status != Status.AANVULLING or verzoek is None:
        raise TlvFout(_("Het samenwerkingsverband wacht niet op een aanvulling."))
    bestanden = [b for b in (bestanden or []) if b]
    if not (antwoord or "").strip() and not bestanden:
        raise TlvFout(_("Schrijf de aanvulling of voeg een document toe."))
    for b in bestanden:
        document_bewaar(zaak=tlv, bestand=b, door=door, soort=DocumentSoort.AANVULLING)
    verzoek = zaken.verzoek_beantwoord(verzoek=verzoek, door=door, vandaag=vandaag,
                                       antwoord=(antwoord or "").strip() or "Zie de toegevoegde documenten.")
    zaak_transition(zaak=tlv, naar=Status.INGEDIEND, door=door, relatie=wie, toelichting="Aangevuld")
    c4 = tlv.klokken.get("C-4")
    _meld_swv(tlv, f"tlv:{tlv.pk}:aangevuld:{verzoek.pk}", N_("TLV-aanvraag aangevuld"),
              N_("De school heeft %(zaak)s aangevuld. De beslistermijn loopt weer, tot %(datum)s."),
              datum=c4.uiterlijk if c4 else None)
    return verzoek


def aanvulling_verlopen(verzoek) -> None:
    """The core's hook when the school's term to complete lapsed (in its transaction): the application is back at
    the SWV; it may decide not to treat it (Awb 4:5), or go on."""
    tlv = Toelaatbaarheidsverklaring.objects.select_related("swv", "leerling", "aanvragende_school").get(pk=verzoek.zaak_id)
    if tlv.status == Status.AANVULLING:
        zaak_transition(zaak=tlv, naar=Status.INGEDIEND, door=None, systeem=True, toelichting="Aanvulling niet ontvangen")
    _meld_swv(tlv, f"tlv:{tlv.pk}:aanvulling_verlopen:{verzoek.pk}", N_("Aanvulling niet ontvangen"),
              N_("De school heeft %(zaak)s niet op tijd aangevuld. De beslistermijn loopt weer. U kunt besluiten de "
                 "aanvraag niet in behandeling te nemen (Awb 4:5), of hem toch beoordelen."))


@transaction.atomic
def tlv_volledig(*, tlv, door) -> Toelaatbaarheidsverklaring:
    """The SWV finds the application complete: the experts are asked next (C-3)."""
    tlv = _locked(tlv)
    wie = _eis(door, tlv, "swv")
    if tlv.status != Status.INGEDIEND:
        raise TlvFout(_("Alleen een ingediende aanvraag wordt volledig verklaard."))
    zaak_transition(zaak=tlv, naar=Status.ADVIES, door=door, relatie=wie)
    _meld_ouders(tlv, f"tlv:{tlv.pk}:volledig", N_("De aanvraag is volledig"),
                 N_("%(zaak)s is volledig. Twee deskundigen geven het samenwerkingsverband advies; daarna volgt het "
                    "besluit."))
    return tlv


@transaction.atomic
def tlv_later_aankondigen(*, tlv, door, datum: date, reden: str, vandaag: date | None = None):
    """Awb 4:14 (C-4): before the 8 weeks end the SWV announces a later decision date, with the reason. The parents
    and the school are told (letter and notification); the clock's due date becomes that date."""
    vandaag = vandaag or timezone.localdate()
    tlv = _locked(tlv)
    _eis(door, tlv, "swv")
    c4 = _c4(tlv)
    if c4 is None or tlv.status not in BIJ_SWV:
        raise TlvFout(_("Er loopt geen beslistermijn."))
    oud = c4.uiterlijk
    try:
        c4 = clock_kondig_later_aan(clock=c4, datum=datum, reden=_tekst(reden, _("Geef de reden van de latere datum.")),
                                    meegedeeld_op=vandaag, actor=door, vandaag=vandaag)
    except TermijnFout as exc:
        raise TlvFout(str(exc)) from None
    brief_maak(zaak=tlv, soort=BriefSoort.LATER, gegevens={
        **_aan(tlv.leerling, vandaag), "oud_uiterlijk": oud, "uiterlijk": c4.uiterlijk, "reden": c4.aangekondigd_reden, "meegedeeld_op": vandaag,
        "swv": tlv.swv.naam, "school": tlv.aanvragende_school.naam})
    gebeurtenis_voeg_toe(zaak=tlv, soort="tlv.later", door=door, gegevens={"op": c4.uiterlijk})
    _meld_ouders(tlv, f"tlv:{tlv.pk}:later:{c4.uiterlijk.isoformat()}", N_("Het besluit komt later"),
                 N_("Het samenwerkingsverband beslist later over %(zaak)s: uiterlijk %(datum)s. De reden staat in de "
                    "brief, na inloggen."), datum=c4.uiterlijk)
    _meld_school(tlv, f"tlv:{tlv.pk}:later:{c4.uiterlijk.isoformat()}", N_("Het TLV-besluit komt later"),
                 N_("%(swv)s beslist later over %(zaak)s: uiterlijk %(datum)s."), swv=tlv.swv.naam, datum=c4.uiterlijk)
    return c4


# --- the experts (C-3) -------------------------------------------------------------------------------------------------

def deskundige_bezwaren(*, tlv, deskundige, plaats: int) -> list[str]:
    """Why this expert may not advise on this application (C-3: an orthopedagoog or psycholoog first; the second
    by profession; neither works for the applying school, the pupil's school or the school the pupil is expected to
    go to, nor was involved with the child). Empty: no objection."""
    from portal.documenten.models import Document
    from portal.zaken.models import Deling, Gebeurtenis

    out = []
    if not deskundige.heeft_rol(Rol.DESKUNDIGE):
        return ["Deze persoon heeft geen rol als deskundige in het portaal."]
    profiel = Deskundige.objects.filter(user=deskundige).first()
    if profiel is None:
        return ["Van deze deskundige is het beroep niet vastgelegd (de beheerder legt het vast)."]
    if profiel.beroep not in BEROEPEN[plaats]:
        namen = ", ".join(str(b.label).lower() for b in BEROEPEN[plaats])
        out.append(f"De {'eerste' if plaats == 1 else 'tweede'} deskundige is een {namen}; deze deskundige is "
                   f"{profiel.get_beroep_display().lower()}.")
    scholen = {tlv.aanvragende_school_id}
    vandaag = timezone.localdate()
    scholen |= set(Inschrijving.objects.filter(leerling=tlv.leerling).filter(
        Q(tot__isnull=True) | Q(tot__gte=vandaag)).values_list("school_id", flat=True))
    # the school the pupil is expected to go to (issue 17 §3): an expert employed there — at the school, or by the
    # board that runs it (staff are employed by the bevoegd gezag) — is not independent of the outcome either
    ontvangend = tlv.ontvangende_school if tlv.ontvangende_school_id else None
    for m in deskundige.lidmaatschappen:
        if m.school_id in scholen:
            waar = "de aanvragende school" if m.school_id == tlv.aanvragende_school_id else "de school van het kind"
            out.append(f"Werkt bij {waar} ({m.school}) als {m.get_rol_display().lower()}.")
        elif ontvangend is not None and m.school_id == ontvangend.pk:
            out.append(f"Werkt bij de school waar het kind naartoe gaat ({m.school}) als "
                       f"{m.get_rol_display().lower()}.")
        elif m.bestuur_id and m.bestuur_id == tlv.aanvragende_school.bestuur_id:
            out.append(f"Werkt voor het bestuur van de aanvragende school ({m.bestuur}).")
        elif m.bestuur_id and ontvangend is not None and m.bestuur_id == ontvangend.bestuur_id:
            out.append(f"Werkt voor het bestuur van de school waar het kind naartoe gaat ({m.bestuur}).")
    eerdere = (Gebeurtenis.objects.filter(zaak__leerling=tlv.leerling, door=deskundige).exclude(zaak_id=tlv.pk)
               .exclude(zaak__zaaktype="tlv", soort__startswith="tlv.advies").select_related("zaak")
               .order_by("op")[:1])
    for g in eerdere:
        out.append(f"Was eerder betrokken bij het kind: {g.zaak.nummer} ({g.op:%d-%m-%Y}).")
    if not eerdere and (Document.objects.filter(zaak__leerling=tlv.leerling, door=deskundige).exclude(zaak_id=tlv.pk).exists()
                        or Deling.objects.filter(zaak__leerling=tlv.leerling, gedeeld_met=deskundige).exists()):
        out.append("Was eerder betrokken bij het kind (stukken of een gedeelde zaak).")
    belang = Belang.objects.filter(deskundige=deskundige, leerling=tlv.leerling).first()
    if belang is not None:
        out.append(f"Heeft een belang gemeld op {belang.gemeld_op:%d-%m-%Y}: {belang.reden}")
    if tlv.toewijzingen.filter(deskundige=deskundige, ingetrokken_op__isnull=True).exclude(plaats=plaats).exists():
        out.append("Is al de andere deskundige bij deze aanvraag: de twee adviezen komen van twee mensen.")
    return out


@transaction.atomic
def tlv_deskundige_wijs_toe(*, tlv, door, deskundige, plaats: int) -> Toewijzing:
    """The SWV asks an expert for an advice (C-3). Refused, with the reason, when the expert does not fit the place
    or is not independent."""
    tlv = _locked(tlv)
    _eis(door, tlv, "swv")
    if tlv.status != Status.ADVIES:
        raise TlvFout(_("Deskundigen vraagt u zodra de aanvraag volledig is, en voordat beide adviezen binnen zijn."))
    if plaats not in (1, 2):
        raise TlvFout(_("Kies de eerste of de tweede deskundige."))
    if tlv.toewijzingen.filter(plaats=plaats, ingetrokken_op__isnull=True).exists():
        raise TlvFout(_("Voor deze plaats is al een deskundige gevraagd. Trek die eerst in."))
    bezwaren = deskundige_bezwaren(tlv=tlv, deskundige=deskundige, plaats=plaats)
    if bezwaren:
        raise TlvFout(f"{deskundige.get_full_name() or deskundige.email} kan hier niet adviseren: " + " ".join(bezwaren))
    t = Toewijzing.objects.create(tlv=tlv, plaats=plaats, deskundige=deskundige, beroep=deskundige.tlv_deskundige.beroep,
                                  toegewezen_door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=t, leerling=tlv.leerling)
    gebeurtenis_voeg_toe(zaak=tlv, soort="tlv.deskundige", door=door, voor_ouders=False,
                         gegevens={"plaats": plaats, "beroep": t.beroep})
    from django.urls import reverse

    melding_stuur(ontvangers=[deskundige], sleutel=f"tlv:toewijzing:{t.pk}", titel=N_("Adviesvraag TLV"),
                  tekst=N_("%(swv)s vraagt uw advies over %(zaak)s."), gegevens={"swv": tlv.swv.naam, "zaak": tlv.nummer},
                  url=reverse("tlv:advies", args=[t.pk]))
    return t


@transaction.atomic
def tlv_toewijzing_trek_in(*, toewijzing, door, reden: str) -> Toewijzing:
    t = Toewijzing.objects.select_for_update(of=("self",)).select_related("tlv").get(pk=toewijzing.pk)
    _eis(door, t.tlv, "swv")
    if not t.is_actief or t.heeft_advies:
        raise TlvFout(_("Deze deskundige heeft al geadviseerd of is al gestopt."))
    t.ingetrokken_op, t.ingetrokken_reden = timezone.now(), _tekst(reden, _("Geef de reden."))
    t.save(update_fields=["ingetrokken_op", "ingetrokken_reden"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=t, leerling=t.tlv.leerling, omschrijving="Adviesvraag ingetrokken")
    return t


@transaction.atomic
def tlv_belang_meld(*, toewijzing, deskundige, reden: str) -> Belang:
    """The expert declares a conflict of interest (C-3): the request ends, and this expert is kept out of this
    pupil's applications from now on."""
    t = Toewijzing.objects.select_for_update(of=("self",)).select_related("tlv", "tlv__swv", "tlv__leerling").get(pk=toewijzing.pk)
    if t.deskundige_id != deskundige.pk or not t.is_actief or t.heeft_advies:
        raise TlvFout(_("Deze adviesvraag staat niet (meer) open voor u."))
    reden = _tekst(reden, _("Schrijf kort op waarom u niet onafhankelijk bent."))
    belang = Belang.objects.create(deskundige=deskundige, leerling=t.tlv.leerling, reden=reden, gemeld_door=deskundige)
    t.ingetrokken_op, t.ingetrokken_reden = timezone.now(), f"Belang gemeld: {reden}"
    t.save(update_fields=["ingetrokken_op", "ingetrokken_reden"])
    audit_log(actor=deskundige, actie=Actie.AANGEMAAKT, obj=belang, leerling=t.tlv.leerling)
    _meld_swv(t.tlv, f"tlv:toewijzing:{t.pk}:belang", N_("Deskundige meldt een belang"),
              N_("De %(plaats)s deskundige bij %(zaak)s meldt dat hij of zij niet onafhankelijk is. Vraag een andere."),
              plaats="eerste" if t.plaats == 1 else "tweede")
    return belang


@transaction.atomic
def tlv_advies_geef(*, toewijzing, deskundige, conclusie: str, advies: str, categorie: str = "", bestand=None,
                    vandaag: date | None = None) -> Toewijzing:
    """The expert's separate, written advice (C-3). When both advices are in, the application moves on to the
    decision by itself (W2: automatic hand-off)."""
    t = Toewijzing.objects.select_for_update(of=("self",)).select_related("tlv").get(pk=toewijzing.pk)
    tlv = _locked(t.tlv)
    if t.deskundige_id != deskundige.pk or not t.is_actief:
        raise TlvFout(_("Deze adviesvraag staat niet (meer) open voor u."))
    if t.heeft_advies:
        raise TlvFout(_("U heeft uw advies al gegeven; het kan niet meer worden gewijzigd."))
    if tlv.status != Status.ADVIES:
        raise TlvFout(_("Bij deze aanvraag wordt geen advies meer gevraagd."))
    if conclusie not in AdviesConclusie.values:
        raise TlvFout(_("Kies uw conclusie: toelaatbaar of niet toelaatbaar."))
    advies = _tekst(advies, _("Schrijf uw advies, met de onderbouwing."))
    if categorie and categorie not in Categorie.values:
        raise TlvFout(_("Kies een bekostigingscategorie."))
    if categorie and tlv.soort not in MET_CATEGORIE:
        categorie = ""
    if bestand is not None:
        t.document = document_bewaar(zaak=tlv, bestand=bestand, door=deskundige, soort=DocumentSoort.ADVIES,
                                     gebeurtenis=False)
    t.conclusie, t.advies, t.categorie, t.advies_op = conclusie, advies, categorie, timezone.now()
    t.save()
    audit_log(actor=deskundige, actie=Actie.GEWIJZIGD, obj=t, leerling=tlv.leerling, omschrijving="Advies gegeven",
              wijzigingen={"conclusie": [None, conclusie]})
    gebeurtenis_voeg_toe(zaak=tlv, soort="tlv.advies", door=deskundige, gegevens={"plaats": t.plaats})
    actief = [x for x in tlv.toewijzingen.all() if x.is_actief]
    if {x.plaats for x in actief if x.heeft_advies} == {1, 2}:
        zaak_transition(zaak=tlv, naar=Status.BESLUITVORMING, door=None, systeem=True, toelichting="Beide adviezen zijn binnen")
        c4 = _c4(tlv)
        _meld_swv(tlv, f"tlv:{tlv.pk}:adviezen", N_("Beide adviezen binnen: TLV-besluit voorbereiden"),
                  N_("Beide deskundigen hebben geadviseerd over %(zaak)s. Bereid het besluit voor; beslissen uiterlijk "
                     "%(datum)s."), datum=c4.uiterlijk if c4 else None)
        _meld_ouders(tlv, f"tlv:{tlv.pk}:adviezen", N_("De adviezen zijn binnen"),
                     N_("Beide deskundigen hebben geadviseerd over %(zaak)s. U kunt de adviezen lezen na inloggen. Het "
                        "samenwerkingsverband neemt nu een besluit."))
    else:
        _meld_swv(tlv, f"tlv:{tlv.pk}:advies:{t.pk}", N_("Advies ontvangen"),
                  N_("De %(plaats)s deskundige heeft geadviseerd over %(zaak)s."),
                  plaats="eerste" if t.plaats == 1 else "tweede")
    return t


# --- the decision (C-5) ----------------------------------------------------------------------------------------------

@transaction.atomic
def tlv_besluit_voorbereid(*, tlv, door, uitkomst: str, motivering: str, toegekend_soort: str = "",
                           categorie: str = "", ingangsdatum: date | None = None, schooljaren: int | None = None) -> Besluit:
    """The SWV prepares the decision; someone mandated at the SWV signs it on the core's signing page. Granted:
    school type, funding category for so/vso, start date, and the end date from the number of school years
    (C-5). Refused, with reasons. Not treated: only after the school did not complete it in time (Awb 4:5)."""
    tlv = _locked(tlv)
    wie = _eis(door, tlv, "swv")
    if uitkomst not in Uitkomst.values:
        raise TlvFout(_("Kies het besluit."))
    if uitkomst == Uitkomst.BUITEN_BEHANDELING:
        if tlv.status not in (Status.INGEDIEND, Status.BESLUIT_VOORBEREID) or not tlv.verzoeken.filter(
                soort=VerzoekSoort.AANVULLING_SCHOOL, status=VerzoekStatus.VERLOPEN).exists():
            raise TlvFout(_("Niet in behandeling nemen kan alleen als de school de aanvraag niet op tijd aanvulde "
                          "(Awb 4:5)."))
    elif tlv.status not in (Status.BESLUITVORMING, Status.BESLUIT_VOORBEREID):
        raise TlvFout(_("Een TLV wordt toegekend of afgewezen na de adviezen van twee deskundigen (C-3)."))
    loket = Loket.objects.filter(swv=tlv.swv).first()
    if loket is None or not loket.bezwaar_adres.strip():
        raise TlvFout(_("Het adres voor bezwaarschriften van het TLV-loket ontbreekt; het staat in elk besluit. Vul het "
                      "eerst in bij 'TLV-loket'."))
    velden = {"toegekend_soort": "", "categorie": "", "ingangsdatum": None, "schooljaren": None, "einddatum": None}
    if uitkomst == Uitkomst.TOEGEKEND:
        soort = toegekend_soort or tlv.soort
        if soort not in Soort.values:
            raise TlvFout(_("Kies de soort onderwijs."))
        if soort in MET_CATEGORIE and categorie not in Categorie.values:
            raise TlvFout(_("Kies de bekostigingscategorie (1, 2 of 3): die hoort bij een TLV voor so en vso."))
        if soort not in MET_CATEGORIE and categorie:
            raise TlvFout(_("Een TLV voor sbo of praktijkonderwijs heeft geen bekostigingscategorie."))
        if ingangsdatum is None or ingangsdatum < tlv.ingediend_op:
            raise TlvFout(_("Kies de ingangsdatum: niet vóór de dag van de aanvraag."))
        schooljaren = _check_schooljaren(schooljaren or wet.standaard_schooljaren(), tlv.swv_id, "schooljaren")
        velden = {"toegekend_soort": soort, "categorie": categorie if soort in MET_CATEGORIE else "",
                  "ingangsdatum": ingangsdatum, "schooljaren": schooljaren,
                  "einddatum": wet.einddatum(ingangsdatum, schooljaren)}
    besluit = zaken.besluit_bereid_voor(zaak=tlv, besluittype="tlv", uitkomst=uitkomst, motivering=motivering, door=door)
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(**velden)
    zaak_transition(zaak=tlv, naar=Status.BESLUIT_VOORBEREID, door=door, relatie=wie)
    return besluit


def rechtsmiddelen(besluit) -> list[str]:
    """C-6: bezwaar by the parents or the school, within 6 weeks after the bekendmaking (Awb 6:7, 6:8). The
    Geschillencommissie passend onderwijs does not handle TLVs."""
    return ["C-6"]


def _registreer(tlv, vandaag: date) -> str:
    """A number in the SWV's TLV register: '<SWV code>/<year>/<sequence>'."""
    from portal.organisaties.models import Samenwerkingsverband

    swv = Samenwerkingsverband.objects.select_for_update().get(pk=tlv.swv_id)  # one number at a time per SWV
    voorvoegsel = f"{swv.code}/{vandaag.year}/"
    n = Toelaatbaarheidsverklaring.objects.filter(tlv_nummer__startswith=voorvoegsel).count() + 1
    return f"{voorvoegsel}{n:04d}"


def na_bekendmaking(besluit, door, vandaag: date) -> None:
    """The TLV's effects of its decision (called by the core's signing service, in its transaction): C-4 closes
    (on time or late), a granted TLV gets its register number and its end clock C-5 (the letter reads the end date
    from it), the health data's clock C-7 starts (3 years after the decision), the case is decided and everyone
    involved is told."""
    tlv = _locked(besluit.zaak)
    bekend = besluit.bekendgemaakt_op
    for regel, clock in tlv.klokken.items():
        if regel == "C-4" and not clock.gesloten_op:
            clock_close(clock=clock, op=bekend, actor=door)
    if besluit.uitkomst == Uitkomst.TOEGEKEND:
        params = wet.c5_params()
        nummer = _registreer(tlv, bekend)
        c5 = clock_start(regel_id="C-5", zaak=tlv, start=wet.periode_start(tlv.ingangsdatum, params),
                         extra_params={"schooljaren": tlv.schooljaren}, omschrijving=f"TLV {nummer}", actor=door,
                         vandaag=vandaag)
        Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(tlv_nummer=nummer, einddatum=c5.uiterlijk)
        tlv.tlv_nummer, tlv.einddatum = nummer, c5.uiterlijk
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=tlv, leerling=tlv.leerling, omschrijving="In het TLV-register",
                  wijzigingen={"tlv_nummer": [None, nummer], "einddatum": [None, c5.uiterlijk.isoformat()]})
        zaak_transition(zaak=tlv, naar=Status.TOEGEKEND, door=door, relatie={"ondertekenaar"})
    else:
        zaak_transition(zaak=tlv, naar=Status.AFGEWEZEN, door=door, relatie={"ondertekenaar"})
    clock_start(regel_id="C-7", zaak=tlv, start=bekend, omschrijving=f"Gezondheidsgegevens {tlv.nummer}", actor=door,
                vandaag=vandaag)
    c6 = besluit.klokken.get("C-6")
    _meld_ouders(tlv, f"tlv:{tlv.pk}:besluit:{besluit.pk}", N_("Er is een besluit over de toelaatbaarheidsverklaring"),
                 N_("Het samenwerkingsverband heeft besloten over %(zaak)s. Lees de brief na inloggen. Bent u het er niet "
                    "mee eens? Bezwaar maken kan tot en met %(datum)s."), datum=c6.uiterlijk if c6 else None)
    _meld_school(tlv, f"tlv:{tlv.pk}:besluit:{besluit.pk}", N_("TLV-besluit genomen"),
                 N_("%(swv)s heeft besloten over %(zaak)s: %(uitkomst)s."), swv=tlv.swv.naam,
                 uitkomst=besluit.uitkomst_label)


def besluit_brief_gegevens(besluit, klokken: dict) -> dict:
    """What the decision letter needs beyond the core's payload; the dates come from the clocks (the end date from
    C-5 once it runs; in the signer's preview, computed the same way)."""
    # read again: the signing service holds the case as it was before ``na_bekendmaking`` set the register number
    tlv = Toelaatbaarheidsverklaring.objects.select_related("swv", "aanvragende_school", "vorige_school",
                                                           "woongemeente").get(pk=besluit.zaak_id)
    loket = Loket.objects.filter(swv_id=tlv.swv_id).first()
    eigen = tlv.klokken
    c5, c7 = eigen.get("C-5"), eigen.get("C-7")
    c4 = eigen.get("C-4")
    einde = c5.uiterlijk if c5 else (wet.einddatum(tlv.ingangsdatum, tlv.schooljaren) if tlv.ingangsdatum else None)
    adviezen = [{"plaats": t.plaats, "beroep": t.get_beroep_display(), "conclusie": t.get_conclusie_display(),
                 "op": t.advies_op} for t in tlv.toewijzingen.all() if t.is_actief and t.heeft_advies]
    # Awb 3:41: the decision goes to the belanghebbenden — the applying school and whoever acts for the pupil on the
    # day it is made known: the parents of a minor; from 18 (BW 1:233, 1:245: gezag ends) the pupil, or their curator
    # or mentor (a TLV is a matter of begeleiding, BW 1:453). Frozen in the letter: it is never regenerated.
    return {
        **_aan(tlv.leerling, besluit.bekendgemaakt_op),
        "soort": tlv.get_soort_display(), "toegekend_soort": tlv.get_toegekend_soort_display() if tlv.toegekend_soort else "",
        "categorie": tlv.get_categorie_display() if tlv.categorie else "", "ingangsdatum": tlv.ingangsdatum,
        "einddatum": einde, "schooljaren": tlv.schooljaren, "tlv_nummer": tlv.tlv_nummer or "",
        "swv": tlv.swv.naam, "loket": loket.naam if loket else "", "loket_adres": loket.postadres if loket else "",
        "bezwaar_adres": loket.bezwaar_adres if loket else "", "school": tlv.aanvragende_school.naam,
        "ingediend_op": tlv.ingediend_op, "swv_uitleg": swv_uitleg(tlv), **swv_grond_gegevens(tlv),
        "swv_artikel": tlv.swv_artikel,
        "duur_artikel": wet.DUUR_ARTIKEL, "adviezen": adviezen, "verwijderen_op": c7.uiterlijk if c7 else None,
        "loop_van_schooljaar": bool((c5.params if c5 else wet.c5_params()).get("loop_van_schooljaar", True)),
        "c4_uitkomst": c4.get_uitkomst_display() if c4 and c4.uitkomst else "",
    }


@transaction.atomic
def tlv_trek_in(*, tlv, door, reden: str) -> Toelaatbaarheidsverklaring:
    """The applying school withdraws the application before the decision (e.g. the parents chose otherwise)."""
    tlv = _locked(tlv)
    wie = _eis(door, tlv, "school")
    reden = _tekst(reden, _("Geef de reden van het intrekken; de ouders en het samenwerkingsverband lezen hem."))
    was_ingediend = tlv.status != Status.CONCEPT
    zaak_transition(zaak=tlv, naar=Status.INGETROKKEN, door=door, relatie=wie)
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(ingetrokken_op=timezone.now(), intrek_reden=reden)
    for clock in tlv.klokken.values():
        if not clock.gesloten_op:
            clock_close(clock=clock, op=timezone.localdate(), actor=door, vervallen=True)
    for besluit in Besluit.objects.filter(zaak_id=tlv.pk, besluittype="tlv", ondertekend_op__isnull=True,
                                          vervallen_op__isnull=True):
        zaken.besluit_vervalt(besluit=besluit, door=door, omschrijving="Voorbereid besluit vervallen: aanvraag ingetrokken")
    for v in tlv.verzoeken.filter(status=VerzoekStatus.OPEN).exclude(soort=VerzoekSoort.TOESTEMMING):
        v.status = VerzoekStatus.INGETROKKEN
        v.save(update_fields=["status"])
    _meld_ouders(tlv, f"tlv:{tlv.pk}:ingetrokken", N_("De aanvraag is ingetrokken"),
                 N_("De school heeft %(zaak)s ingetrokken."))
    if was_ingediend:
        _meld_swv(tlv, f"tlv:{tlv.pk}:ingetrokken", N_("TLV-aanvraag ingetrokken"),
                  N_("De school heeft %(zaak)s ingetrokken."))
    return tlv


# --- C-5: expiry ---------------------------------------------------------------------------------------------------------

def tlv_verlopen(clock, event) -> str:
    """The engine's consequence of C-5 (the day after the end date): the TLV is marked expired. Idempotent."""
    tlv = (Toelaatbaarheidsverklaring.objects.select_for_update(of=("self",))
           .select_related("leerling", "swv", "aanvragende_school").filter(pk=clock.zaak_id).first())
    if tlv is None:
        return "niet van toepassing: geen TLV"
    if tlv.status != Status.TOEGEKEND:
        return f"niet nodig: status {tlv.status}"
    zaak_transition(zaak=tlv, naar=Status.VERLOPEN, door=None, systeem=True)
    clock_close(clock=clock, op=clock.uiterlijk, systeem=True)
    for school in scholen_van(tlv):
        _meld_school(tlv, f"tlv:{tlv.pk}:verlopen", N_("TLV verlopen"),
                     N_("%(zaak)s (%(nummer)s) gold tot en met %(datum)s en is nu verlopen."), school=school,
                     nummer=tlv.tlv_nummer, datum=clock.uiterlijk)
    return f"TLV {tlv.tlv_nummer} gemarkeerd als verlopen"


def scholen_van(tlv) -> list:
    """The schools the pupil is enrolled at now (for a TLV: mostly the special school); else the applying school."""
    from portal.organisaties.models import School

    vandaag = timezone.localdate()
    scholen = list(School.objects.filter(inschrijvingen__leerling=tlv.leerling).filter(
        Q(inschrijvingen__tot__isnull=True) | Q(inschrijvingen__tot__gte=vandaag)).distinct())
    return scholen or [tlv.aanvragende_school]


def einde_herinneringen_scholen(*, sinds_dagen: int = 14) -> int:
    """C-5: in the last school year the engine reminds the SWV on the calendar day (1 February by default); this
    forwards the same reminder to the school where the pupil is now — arrange return to regular education or a new
    application. Idempotent (one notification per recipient and end date)."""
    from portal.termijnen.models import ClockEvent

    n = 0
    grens = timezone.now() - timedelta(days=sinds_dagen)
    events = (ClockEvent.objects.filter(clock__regel_id="C-5", soort__startswith="herinnering-op-", aangemaakt_op__gte=grens)
              .select_related("clock").order_by("pk"))
    for e in events:
        tlv = (Toelaatbaarheidsverklaring.objects.select_related("leerling", "aanvragende_school")
               .filter(pk=e.clock.zaak_id, status=Status.TOEGEKEND).first())
        if tlv is None:
            continue
        with transaction.atomic():
            for school in scholen_van(tlv):
                n += len(melding_stuur(
                    ontvangers=leden(Rol.IB, Rol.DIRECTEUR, school=school), sleutel=f"tlv:{tlv.pk}:einde:{e.uiterlijk}",
                    titel=N_("Laatste schooljaar van een TLV"),
                    tekst=N_("%(zaak)s (%(nummer)s) geldt tot en met %(datum)s. Regel op tijd de terugkeer naar het "
                             "regulier onderwijs of een nieuwe aanvraag."),
                    gegevens={"zaak": tlv.nummer, "nummer": tlv.tlv_nummer, "datum": e.uiterlijk},
                    url=tlv.get_absolute_url()))
    return n


# --- C-7: the health data go 3 years after the decision; the decision itself stays -------------------------------------
# WPO 18a lid 13 (sbo, so) and WVO 2020 art. 2.47 lid 16 (pro, vso): the SWV keeps the health data it processed for
# the assessment "tot drie jaar na (afloop van)" it. The WEC has no clause of its own: the SWV that decides on so/vso
# is the po or vo SWV of those two articles. The decision is not health data: a public-law record, kept while the TLV
# is valid and while a bezwaar, beroep or geschil about it runs, then by the SWV's archive rule (``Instellingen``).

VERWIJDERD = "Verwijderd 3 jaar na het besluit (WPO 18a lid 13; WVO 2020 art. 2.47 lid 16)."
# The letters that carry the decision (dictum, dates, category, register number): kept. Every other letter of the
# file (the application as submitted, the announcement of a later date with its reason) holds the free text.
BESLUITBRIEVEN = (BriefSoort.BESLUIT,)


@transaction.atomic
def tlv_gegevens_verwijder(*, tlv, vandaag: date | None = None) -> dict:
    """C-7: the SWV's health data of the TLV file are deleted 3 years after the decision — the application's free
    text, the parents' view, the experts' advices, the documents (school reports, third-party reports, the advices'
    attachments) and the letters that repeat them. The decision stays: outcome, dates, signer, register number,
    school type, category, and the decision letter as it was sent. The deletion is logged (audit trail and
    timeline). Files are removed once the transaction commits."""
    from portal.documenten.models import Brief, Document
    from portal.zaken.models import Gebeurtenis

    vandaag = vandaag or timezone.localdate()
    tlv = _locked(tlv)
    if tlv.gegevens_verwijderd_op is not None:
        return {}
    documenten = list(Document.objects.filter(zaak_id=tlv.pk))
    brieven = list(Brief.objects.filter(zaak_id=tlv.pk).exclude(soort__in=BESLUITBRIEVEN))
    bestanden = [d.bestand for d in documenten if d.bestand] + [b.bestand for b in brieven if b.bestand]
    Document.objects.filter(pk__in=[d.pk for d in documenten]).delete()
    Brief.objects.filter(pk__in=[b.pk for b in brieven]).delete()
    for g in Gebeurtenis.objects.filter(zaak_id=tlv.pk, soort="document"):
        g.gegevens = {**(g.gegevens or {}), "naam": "(verwijderd)"}
        g.save(update_fields=["gegevens"])
    n_adviezen = Toewijzing.objects.filter(tlv=tlv).exclude(advies="").update(advies=VERWIJDERD)
    Toewijzing.objects.filter(tlv=tlv).exclude(ingetrokken_reden="").update(ingetrokken_reden=VERWIJDERD)
    Belang.objects.filter(leerling_id=tlv.leerling_id, deskundige__tlv_toewijzingen__tlv=tlv).update(reden=VERWIJDERD)
    Verzoek.objects.filter(zaak_id=tlv.pk).update(omschrijving=VERWIJDERD, antwoord="")
    # the working copy of the reasons goes; the letter as sent keeps the decision with its reasons (Awb 3:46)
    Besluit.objects.filter(zaak_id=tlv.pk).update(motivering=VERWIJDERD)
    nu = timezone.now()
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(
        onderwijsbehoeften="", geprobeerd="", zienswijze="", intrek_reden="", opp_gegevens={}, gegevens_verwijderd_op=nu)
    c7 = tlv.klokken.get("C-7")
    if c7 is not None and not c7.gesloten_op:
        clock_close(clock=c7, op=vandaag, systeem=True)
    telling = {"documenten": len(documenten), "brieven": len(brieven), "adviezen": n_adviezen}
    audit_log(actor=None, actie=Actie.VERWIJDERD, obj=tlv, leerling=tlv.leerling, systeem=True,
              omschrijving=f"Gezondheidsgegevens verwijderd (C-7, WPO 18a lid 13; WVO 2020 art. 2.47 lid 16): "
                           f"{telling['documenten']} documenten, {telling['brieven']} brieven, {telling['adviezen']} "
                           f"adviezen en de vrije tekst; het besluit en de besluitbrief blijven")
    gebeurtenis_voeg_toe(zaak=tlv, soort="tlv.verwijderd", gegevens={"op": vandaag})
    _verwijder_bestanden_na_commit(bestanden)
    return telling


def _verwijder_bestanden_na_commit(bestanden) -> None:
    def _weg():
        for f in bestanden:
            try:
                f.storage.delete(f.name)
            except OSError:  # a file already gone is fine; the rows are what counts
                pass

    transaction.on_commit(_weg)


def gezondheidsgegevens_verwijderen(*, vandaag: date | None = None) -> int:
    """Every TLV whose C-7 date has come: its health data go (each in its own transaction). For the daily task."""
    from portal.termijnen.models import Clock

    vandaag = vandaag or timezone.localdate()
    ids = list(Clock.objects.open().filter(regel_id="C-7", uiterlijk__lte=vandaag, zaak__zaaktype="tlv")
               .values_list("zaak_id", flat=True)[:500])
    n = 0
    for pk in ids:
        if tlv_gegevens_verwijder(tlv=Toelaatbaarheidsverklaring(pk=pk), vandaag=vandaag):
            n += 1
    return n


def instellingen(swv) -> Instellingen:
    """The SWV's own TLV settings (unsaved defaults when it has none)."""
    if swv is None:
        return Instellingen()
    gevonden = Instellingen.objects.filter(swv_id=getattr(swv, "pk", swv)).first()
    return gevonden or Instellingen(swv_id=getattr(swv, "pk", swv))


def procedures_lopend(tlv) -> list[str]:
    """C-7: what keeps the decision from the archive rule — the numbers of open cases in the core that contest this
    TLV's decision (a bezwaar, a geschil: ``Zaak.betreft_besluit``, or a case under it, ``Zaak.hoofdzaak``) and a
    beroep at the bestuursrechter the SWV recorded. Asked of the core's case table, not of another app."""
    out = [z.nummer for z in Zaak.objects.filter(Q(betreft_besluit__zaak_id=tlv.pk) | Q(hoofdzaak_id=tlv.pk),
                                                 afgesloten_op__isnull=True).order_by("pk")]
    if tlv.beroep_sinds and not tlv.beroep_tot:
        out.append("beroep bij de bestuursrechter")
    return out


def besluit_geldig(tlv, op: date) -> bool:
    """A granted TLV holds until its end date (C-5)."""
    return tlv.status == Status.TOEGEKEND and tlv.einddatum is not None and op <= tlv.einddatum


def besluit_bewaren_tot(tlv, *, vandaag: date | None = None) -> date | None:
    """C-7: until when the decision itself (the letter, the register entry's reasons) is kept. None while it must
    stay without an end date: the TLV is valid, or a bezwaar, beroep or geschil about it runs. Otherwise the SWV's
    archive rule counts from the last of: the end of validity, the decision's bekendmaking, the close of the last
    procedure, the end of a recorded beroep."""
    from portal.termijnen.dates import plus_jaren

    vandaag = vandaag or timezone.localdate()
    besluit = (Besluit.objects.filter(zaak_id=tlv.pk, besluittype="tlv", bekendgemaakt_op__isnull=False,
                                      vervallen_op__isnull=True).order_by("-pk").first())
    if besluit is None or besluit_geldig(tlv, vandaag) or procedures_lopend(tlv):
        return None
    data = [besluit.bekendgemaakt_op]
    if tlv.einddatum and tlv.status in (Status.TOEGEKEND, Status.VERLOPEN):
        data.append(tlv.einddatum)
    if tlv.beroep_tot:
        data.append(tlv.beroep_tot)
    gesloten = (Zaak.objects.filter(Q(betreft_besluit__zaak_id=tlv.pk) | Q(hoofdzaak_id=tlv.pk))
                .order_by("-afgesloten_op").values_list("afgesloten_op", flat=True).first())
    if gesloten:
        data.append(timezone.localdate(gesloten))
    return plus_jaren(max(data), instellingen(tlv.swv_id).archief_jaren)


@transaction.atomic
def tlv_besluit_archiveer(*, tlv, vandaag: date | None = None) -> bool:
    """C-7, after the SWV's archive term: the decision letter is destroyed (logged). The register entry — number,
    dates, school type, category, outcome — stays (WPO 18a lid 14; WVO 2020 art. 2.47 lid 17). Only after the health
    data went, never while the TLV is valid or a procedure runs."""
    from portal.documenten.models import Brief

    vandaag = vandaag or timezone.localdate()
    tlv = _locked(tlv)
    if tlv.besluit_vernietigd_op is not None or tlv.gegevens_verwijderd_op is None:
        return False
    tot = besluit_bewaren_tot(tlv, vandaag=vandaag)
    if tot is None or vandaag < tot:
        return False
    brieven = list(Brief.objects.filter(zaak_id=tlv.pk))
    bestanden = [b.bestand for b in brieven if b.bestand]
    Brief.objects.filter(pk__in=[b.pk for b in brieven]).delete()
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(besluit_vernietigd_op=timezone.now())
    audit_log(actor=None, actie=Actie.VERWIJDERD, obj=tlv, leerling=tlv.leerling, systeem=True,
              omschrijving=f"Besluitbrief vernietigd na de archieftermijn van het samenwerkingsverband (C-7, bewaard "
                           f"tot {tot.isoformat()}): {len(brieven)} brieven; het registernummer en de data blijven")
    _verwijder_bestanden_na_commit(bestanden)
    return True


def besluiten_archiveren(*, vandaag: date | None = None) -> int:
    """Every TLV whose health data went and whose archive term has passed: its decision letter goes. Daily."""
    vandaag = vandaag or timezone.localdate()
    ids = list(Toelaatbaarheidsverklaring.objects.filter(
        gegevens_verwijderd_op__isnull=False, besluit_vernietigd_op__isnull=True,
        status__in=[Status.AFGEWEZEN, Status.VERLOPEN, Status.TOEGEKEND]).values_list("pk", flat=True)[:500])
    return sum(1 for pk in ids if tlv_besluit_archiveer(tlv=Toelaatbaarheidsverklaring(pk=pk), vandaag=vandaag))


@transaction.atomic
def tlv_beroep_vastleggen(*, tlv, door, sinds: date, tot: date | None = None) -> Toelaatbaarheidsverklaring:
    """The SWV records a beroep at the bestuursrechter against (the decision on the bezwaar about) this TLV (Awb 8:1):
    while it runs the decision is kept (C-7)."""
    tlv = _locked(tlv)
    _eis(door, tlv, "swv")
    if sinds is None or (tot is not None and tot < sinds):
        raise TlvFout(_("Vul de dag in waarop het beroep is ingesteld, en de dag van de uitspraak niet daarvoor."))
    oud = {"beroep_sinds": tlv.beroep_sinds, "beroep_tot": tlv.beroep_tot}
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(beroep_sinds=sinds, beroep_tot=tot)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=tlv, leerling=tlv.leerling, omschrijving="Beroep vastgelegd",
              wijzigingen={k: [v.isoformat() if v else None, n.isoformat() if n else None]
                           for (k, v), n in zip(oud.items(), (sinds, tot), strict=True)})
    tlv.refresh_from_db()
    return tlv


_NIET = object()  # a keyword not given


# --- the TLV desk ----------------------------------------------------------------------------------------------------------

@transaction.atomic
def loket_bewaar(*, swv, door, naam: str, postadres: str, bezwaar_adres: str, email: str = "", telefoon: str = "",
                 max_schooljaren=_NIET, archief_jaren: int | None = None) -> Loket:
    """The SWV's staff keep their TLV desk: the addresses its letters name, and — when given — the SWV's own
    settings (``instellingen_bewaar``; an empty cap means the portal's default, an empty archive term keeps it)."""
    if swv.pk not in door.swv_ids():
        raise TlvFout(_("Alleen medewerkers van het samenwerkingsverband passen het loket aan."))
    loket, nieuw = Loket.objects.select_for_update().get_or_create(swv=swv)
    oud = {"bezwaar_adres": loket.bezwaar_adres, "postadres": loket.postadres}
    loket.naam, loket.postadres, loket.bezwaar_adres = naam.strip(), postadres.strip(), bezwaar_adres.strip()
    loket.email, loket.telefoon = email.strip(), telefoon.strip()
    loket.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, obj=loket,
              wijzigingen={k: [v, getattr(loket, k)] for k, v in oud.items() if v != getattr(loket, k)})
    if max_schooljaren is not _NIET or archief_jaren is not None:
        huidig = instellingen(swv)
        instellingen_bewaar(swv=swv, door=door,
                            max_schooljaren=huidig.max_schooljaren if max_schooljaren is _NIET else max_schooljaren,
                            archief_jaren=archief_jaren or huidig.archief_jaren)
    return loket


@transaction.atomic
def instellingen_bewaar(*, swv, door, max_schooljaren: int | None, archief_jaren: int) -> Instellingen:
    """The SWV's own TLV settings (policy, not law): the cap on school years (C-5) and the archive term of the
    decision (C-7). The SWV's staff or the beheerder; audited."""
    if swv.pk not in door.swv_ids() and not door.heeft_rol(Rol.BEHEERDER):
        raise TlvFout(_("Alleen medewerkers van het samenwerkingsverband of de beheerder passen dit aan."))
    if max_schooljaren is not None and int(max_schooljaren) < 1:
        raise TlvFout(_("Een TLV geldt minstens 1 schooljaar (WPO 40 lid 13, WEC 40 lid 15)."))
    if archief_jaren is None or int(archief_jaren) < 1:
        raise TlvFout(_("Vul in hoeveel jaar het besluit bewaard blijft: minstens 1."))
    inst, nieuw = Instellingen.objects.select_for_update().get_or_create(swv=swv)
    oud = {"max_schooljaren": inst.max_schooljaren, "archief_jaren": inst.archief_jaren}
    inst.max_schooljaren = int(max_schooljaren) if max_schooljaren else None
    inst.archief_jaren = int(archief_jaren)
    inst.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, obj=inst,
              wijzigingen={k: [v, getattr(inst, k)] for k, v in oud.items() if v != getattr(inst, k)})
    return inst


# --- bezwaar (C-6): the TLV's own steps on a bezwaar against its decision (the core's bezwaar case kind) ---------------

def _tlv_bezwaar(bezwaar, door):
    """The bezwaar against a TLV decision, locked, for the SWV that decided: a core ``Zaak`` query, read as its own
    kind (``specifiek``) for the day it came in and the school that filed it."""
    z = (Zaak.objects.select_for_update(of=("self",)).select_related("betreft_besluit")
         .filter(zaaktype="bezwaar", pk=bezwaar.pk).first())
    if z is None or z.betreft_besluit is None or z.betreft_besluit.besluittype != "tlv":
        raise TlvFout(_("Dit is geen bezwaar tegen een TLV-besluit."))
    if z.swv_id not in door.swv_ids():
        raise TlvFout(_("Alleen het samenwerkingsverband dat besliste, kan dit."))
    if not z.is_open:
        raise TlvFout(_("Op dit bezwaar is al beslist, of het is ingetrokken."))
    return z.specifiek


@transaction.atomic
def tlv_bezwaar_lbt_gevraagd(*, bezwaar, door, op: date, vandaag: date | None = None):
    """C-6b: the SWV asked the Landelijke Bezwaaradviescommissie TLV for advice on ``op`` (Awb 7:13)."""
    vandaag = vandaag or timezone.localdate()
    b = _tlv_bezwaar(bezwaar, door)
    if op is None or op < b.ontvangen_op or op > vandaag:
        raise TlvFout(_("Vul de dag in waarop het advies is gevraagd: niet vóór het bezwaar binnenkwam en niet later dan "
                      "vandaag."))
    c6b = b.klokken.get("C-6b")
    if c6b is None or c6b.gesloten_op:
        raise TlvFout(_("Het advies van de LBT is al gevraagd, of hoeft niet."))
    clock_close(clock=c6b, op=op, actor=door)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=b, leerling=b.leerling, omschrijving="Advies LBT gevraagd")
    return b


@transaction.atomic
def tlv_bezwaar_geen_lbt(*, bezwaar, door, reden: str, vandaag: date | None = None):
    """C-6b: no LBT advice, because the SWV grants the bezwaar in full (its decision on the bezwaar follows)."""
    vandaag = vandaag or timezone.localdate()
    b = _tlv_bezwaar(bezwaar, door)
    c6b = b.klokken.get("C-6b")
    if c6b is None or c6b.gesloten_op:
        raise TlvFout(_("Het advies van de LBT is al gevraagd, of hoeft niet."))
    reden = _tekst(reden, _("Schrijf op dat en waarom het bezwaar volledig wordt toegekend."))
    clock_close(clock=c6b, op=vandaag, actor=door, vervallen=True)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=b, leerling=b.leerling,
              omschrijving=f"Geen advies LBT: bezwaar wordt volledig toegekend — {reden}"[:300])
    return b


@transaction.atomic
def tlv_bezwaar_lbt_advies(*, bezwaar, door, op: date, bestand, vandaag: date | None = None):
    """The LBT's advice arrived; it is kept with the bezwaar (the decision on the bezwaar follows it or says why not)."""
    vandaag = vandaag or timezone.localdate()
    b = _tlv_bezwaar(bezwaar, door)
    if op is None or op < b.ontvangen_op or op > vandaag:
        raise TlvFout(_("Vul de dag in waarop het advies binnenkwam."))
    if bestand is None:
        raise TlvFout(_("Voeg het advies van de LBT toe."))
    doc = document_bewaar(zaak=b, bestand=bestand, door=door, soort=DocumentSoort.LBT)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=b, leerling=b.leerling,
              omschrijving=f"Advies LBT ontvangen op {op.isoformat()}")
    return doc


@transaction.atomic
def tlv_bezwaar_verdaag(*, bezwaar, door, weken: int, reden: str, vandaag: date | None = None):
    """C-6c: the decision on the bezwaar is put off once by at most 6 weeks, told to the one who objected with the
    reason (Awb 7:10 lid 3): the parents, or the school that filed (C-6) — the parents are told then as well."""
    vandaag = vandaag or timezone.localdate()
    b = _tlv_bezwaar(bezwaar, door)
    c6c = b.klokken.get("C-6c")
    if c6c is None or c6c.gesloten_op:
        raise TlvFout(_("Er loopt geen beslistermijn op dit bezwaar."))
    oud = c6c.uiterlijk
    try:
        c6c = clock_extend(clock=c6c, weken=int(weken), reden=_tekst(reden, _("Geef de reden van het verdagen.")),
                           meegedeeld_op=vandaag, actor=door, vandaag=vandaag)
    except TermijnFout as exc:
        raise TlvFout(str(exc).replace("(A-7)", "(Awb 7:10 lid 3)")) from None
    school = b.indienende_school
    brief_maak(zaak=b, soort=BriefSoort.VERDAGING, gegevens={
        **_aan(b.leerling, vandaag), "oud_uiterlijk": oud, "uiterlijk": c6c.uiterlijk, "reden": c6c.verlenging_reden, "weken": int(weken),
        "swv": b.swv.naam, "ontvangen_op": b.ontvangen_op, "door_school": school is not None,
        "indienende_school": school.naam if school else ""})
    if school is None:
        melding_stuur(ontvangers=ouders(b.leerling, ONDERWERP), sleutel=f"tlv:bezwaar:{b.pk}:verdaagd",
                      titel=N_("De beslissing op uw bezwaar komt later"),
                      tekst=N_("Het samenwerkingsverband beslist later op %(zaak)s: uiterlijk %(datum)s. De reden staat in "
                               "de brief, na inloggen."), gegevens={"zaak": b.nummer, "datum": c6c.uiterlijk},
                      url=b.get_absolute_url("ouder"))
        return c6c
    melding_stuur(ontvangers=ouders(b.leerling, ONDERWERP), sleutel=f"tlv:bezwaar:{b.pk}:verdaagd",
                  titel=N_("De beslissing op het bezwaar van de school komt later"),
                  tekst=N_("Het samenwerkingsverband beslist later op het bezwaar van %(school)s (%(zaak)s): uiterlijk "
                           "%(datum)s."), gegevens={"zaak": b.nummer, "datum": c6c.uiterlijk, "school": school.naam},
                  url=b.get_absolute_url("ouder"))
    melding_stuur(ontvangers=leden(Rol.IB, Rol.DIRECTEUR, school=school), sleutel=f"tlv:bezwaar:{b.pk}:verdaagd",
                  titel=N_("Beslissing op bezwaar verdaagd"),
                  tekst=N_("%(swv)s beslist later op het bezwaar van de school (%(zaak)s): uiterlijk %(datum)s. De reden "
                           "staat in de brief."), gegevens={"zaak": b.nummer, "datum": c6c.uiterlijk, "swv": b.swv.naam},
                  url=b.get_absolute_url())
    return c6c
