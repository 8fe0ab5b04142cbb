"""Every write of the thuiszitter case (issue #20 §1; DOMAIN §4 F-1…F-4, §5 S8). Services are keyword-only, atomic,
audited; a refusal is a ``ZaakFout`` in Dutch, at the field it is about (``veld``)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log, diff
from portal.gebeurtenissen.services import thuiszitter_alarm_meld
from portal.meldingen.ontvangers import leden, leerling_zelf, voor_zaak
from portal.meldingen.services import melding_stuur
from portal.termijnen.services import clock_close, clock_start
from portal.zaken import hoorrecht
from portal.zaken import services as zaken
from portal.zaken.services import ZaakFout, relaties
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from .constants import KOPPELBAAR, Opvolging, Soort, Status, Wie
from .models import LeerplichtOpvolging, LeerplichtSignaal, Mening, Thuiszitter, Verzuimweek

F4_UREN = Decimal(16)  # F-4: 16 hours of unexcused absence …
F4_WEKEN = 4  # … within 4 consecutive school weeks (Lpw 21, 21a)
PLAN_VELDEN = ("plan_wat", "plan_wie", "plan_volgende_datum")


def _locked(t) -> Thuiszitter:
    return (Thuiszitter.objects.select_for_update(of=("self",)).select_related("leerling", "school", "swv")
            .get(pk=t.pk))


def _eis_staf(door, t) -> set[str]:
    """The school's IB'er or directeur, or the SWV's staff (the case is on its desk after F-3, or it registered a
    child not enrolled anywhere)."""
    rel = relaties(door, t)
    if not rel & {"school", "swv"}:
        raise ZaakFout(_("Alleen de school of het samenwerkingsverband van deze leerling kan dit doen."))
    return rel


def _eis_open(t) -> None:
    if not t.is_open:
        raise ZaakFout(_("Deze registratie is afgesloten: de leerling is terug in het onderwijs."))


def swv_van_school(school):
    """The SWV of the school (the first one when a school belongs to more than one)."""
    return school.samenwerkingsverbanden.order_by("pk").first()


@transaction.atomic
def thuiszitter_registreer(*, leerling, door, sinds: date, soort: str, reden: str, school=None, swv=None,
                           uren_per_week: Decimal | None = None, toelichting: str = "",
                           vandaag: date | None = None) -> Thuiszitter:
    """Register a thuiszitter from their first day without (full) education (S8). The school's IB'er or directeur
    registers a pupil of their school; SWV staff a child not enrolled anywhere (absoluut verzuim, F-1). The clocks
    F-2 (4 weeks: the onderwijsconsulent) and F-3 (3 months: alarm to the SWV) run from ``sinds``."""
    vandaag = vandaag or timezone.localdate()
    if school is not None:
        if school.pk not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
            raise ZaakFout(_("U kunt alleen een leerling van uw eigen school registreren."), veld="leerling")
        swv = swv_van_school(school)
    elif swv is None or swv.pk not in door.swv_ids():
        raise ZaakFout(_("Kies de school of het samenwerkingsverband."), veld="leerling")
    if sinds > vandaag:
        raise ZaakFout(_("Deze datum ligt in de toekomst."), veld="sinds")
    if soort not in Soort.values:
        raise ZaakFout(_("Kies de soort verzuim."), veld="soort")
    gedeeltelijk = soort in (Soort.GEDEELTELIJK_MET, Soort.GEDEELTELIJK_ZONDER)
    if gedeeltelijk and uren_per_week is None:
        raise ZaakFout(_("Vul in hoeveel uur per week de leerling nog onderwijs krijgt."), veld="uren_per_week")
    if not gedeeltelijk:
        uren_per_week = None
    if Thuiszitter.objects.open().filter(leerling=leerling).exists():
        raise ZaakFout(_("Voor deze leerling loopt al een registratie als thuiszitter."), veld="leerling")
    t = zaken.zaak_open(zaak=Thuiszitter(
        leerling=leerling, school=school, swv=swv, sinds=sinds, soort=soort, reden=reden,
        uren_per_week=uren_per_week, toelichting=toelichting.strip(), geregistreerd_door=door), door=door)
    for regel_id in ("F-2", "F-3"):
        clock_start(regel_id=regel_id, zaak=t, start=sinds, omschrijving=t.nummer, actor=door, vandaag=vandaag)
    # a report of leerplicht about this child is answered by the registration (issue #20 §1)
    LeerplichtSignaal.objects.filter(leerling=leerling, afgehandeld_op__isnull=True).update(
        thuiszitter=t, afgehandeld_op=timezone.now())
    _meld_leerplicht_nieuw(t)
    return t


def _meld_leerplicht_nieuw(t) -> None:
    """The leerplichtambtenaar of the pupil's municipality hears of a new thuiszitter there (issue #20 §6): a
    notification without details; the case is in their list."""
    gemeente_id = t.leerling.woongemeente_id
    if not gemeente_id:
        return
    from django.urls import reverse

    melding_stuur(ontvangers=leden(Rol.LEERPLICHT, gemeente=gemeente_id), sleutel=f"thuiszitter:{t.pk}:leerplicht",
                  titel=N_("Nieuwe thuiszitter in uw gemeente"),
                  tekst=N_("Er is een thuiszitter geregistreerd die in uw gemeente woont (%(zaak)s)."),
                  gegevens={"zaak": t.nummer}, url=reverse("thuiszitters:leerplicht_lijst"))


@transaction.atomic
def plan_bewaar(*, thuiszitter, door, wat: str, wie: str, volgende_datum: date | None) -> Thuiszitter:
    """The plan: what is being done, by whom, and the next date. Edited in place; the audit trail keeps each
    version's changes."""
    t = _locked(thuiszitter)
    _eis_staf(door, t)
    _eis_open(t)
    if not wat.strip():
        raise ZaakFout(_("Schrijf wat er gebeurt om de leerling weer naar school te laten gaan."), veld="wat")
    oud = {v: getattr(t, v) for v in PLAN_VELDEN}
    t.plan_wat, t.plan_wie, t.plan_volgende_datum = wat.strip(), wie.strip(), volgende_datum
    t.save(update_fields=list(PLAN_VELDEN))
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=t, leerling=t.leerling,
              wijzigingen=diff(oud, {v: getattr(t, v) for v in PLAN_VELDEN}))
    gebeurtenis_voeg_toe(zaak=t, soort="plan", door=door, gegevens={})
    return t


def maandag(dag: date) -> date:
    return dag - timedelta(days=dag.weekday())


def schoolweken(school, van: date, tot: date) -> list[date]:
    """The Mondays of the school weeks from ``van`` to ``tot``: weeks with at least one school day by the school's
    calendar (``portal.organisaties.schoolkalender``; a whole holiday week is none). Without a school (a child not
    enrolled anywhere) every week counts."""
    from portal.organisaties.schoolkalender import schooldagen

    return sorted({maandag(d) for d in schooldagen(school, maandag(van), maandag(tot) + timedelta(days=6))})


def f4_bereikt(weken: dict[date, Decimal], schoolweken: list[date] | None = None) -> bool:
    """F-4 (Lpw 21, 21a): 16 hours or more of unexcused absence within 4 consecutive *school* weeks. ``weken``: hours
    per Monday; ``schoolweken``: the Mondays of the school weeks in order (``schoolweken()``), so a holiday week in
    between is skipped and hours recorded in one count for nothing. None: every calendar week is a school week."""
    if not weken:
        return False
    if schoolweken is None:
        begin, eind = min(weken), max(weken)
        schoolweken = [begin + timedelta(weeks=i) for i in range((eind - begin).days // 7 + 1)]
    for i in range(len(schoolweken)):
        venster = schoolweken[i:i + F4_WEKEN]
        if sum((weken.get(w, Decimal(0)) for w in venster), Decimal(0)) >= F4_UREN:
            return True
    return False


@transaction.atomic
def verzuim_leg_vast(*, thuiszitter, door, week: date, uren: Decimal) -> Verzuimweek:
    """The school records a week's unexcused absence hours (F-4). When 16 hours fall within 4 consecutive weeks and
    leerplicht was not informed yet, the school's IB'ers and directeur are reminded once to report it."""
    t = _locked(thuiszitter)
    rel = _eis_staf(door, t)
    if "school" not in rel:
        raise ZaakFout(_("Het verzuim legt de school vast."), veld="uren")
    _eis_open(t)
    if uren < 0 or uren > 40:
        raise ZaakFout(_("Vul een aantal uren tussen 0 en 40 in."), veld="uren")
    if week > timezone.localdate():
        raise ZaakFout(_("Deze week ligt in de toekomst."), veld="week")
    ma = maandag(week)
    if not schoolweken(t.school, ma, ma):
        raise ZaakFout(_("In deze week had de school vakantie: dan is er geen verzuim."), veld="week")
    rij, nieuw = Verzuimweek.objects.get_or_create(thuiszitter=t, week=ma,
                                                   defaults={"uren": uren, "vastgelegd_door": door})
    if not nieuw:
        oud = rij.uren
        rij.uren, rij.vastgelegd_door, rij.vastgelegd_op = uren, door, timezone.now()
        rij.save(update_fields=["uren", "vastgelegd_door", "vastgelegd_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=rij, leerling=t.leerling,
                  wijzigingen={"uren": [str(oud), str(uren)]})
    else:
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=rij, leerling=t.leerling)
    weken = dict(t.verzuimweken.values_list("week", "uren"))
    if f4_bereikt(weken, schoolweken(t.school, min(weken), max(weken))) and t.f4_herinnerd_op is None and t.leerplicht_gemeld_op is None:
        t.f4_herinnerd_op = timezone.now()
        Thuiszitter.objects.filter(pk=t.pk).update(f4_herinnerd_op=t.f4_herinnerd_op)
        melding_stuur(
            ontvangers=leden(Rol.IB, Rol.DIRECTEUR, school=t.school), sleutel=f"thuiszitter:{t.pk}:F-4",
            titel=N_("Meld het verzuim aan leerplicht"),
            tekst=N_("%(zaak)s: 16 uur ongeoorloofd verzuim binnen 4 schoolweken (F-4, Lpw 21/21a). Meld dit direct "
                     "aan de leerplichtambtenaar en leg in het portaal vast wanneer u dat deed."),
            gegevens={"zaak": t.nummer}, url=t.get_absolute_url())
        gebeurtenis_voeg_toe(zaak=t, soort="f4_herinnering", door=None, gegevens={}, voor_ouders=False)
    return rij


@transaction.atomic
def leerplicht_gemeld(*, thuiszitter, door, op: date) -> Thuiszitter:
    """The school (or the SWV) records that and when it informed leerplicht (F-4; the portal does not report)."""
    t = _locked(thuiszitter)
    _eis_staf(door, t)
    if op > timezone.localdate():
        raise ZaakFout(_("Deze datum ligt in de toekomst."), veld="op")
    if op < t.sinds - timedelta(weeks=8):
        raise ZaakFout(_("Deze datum ligt ver vóór de eerste dag zonder onderwijs."), veld="op")
    oud = t.leerplicht_gemeld_op
    t.leerplicht_gemeld_op = op
    t.save(update_fields=["leerplicht_gemeld_op"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=t, leerling=t.leerling,
              wijzigingen=diff({"leerplicht_gemeld_op": oud}, {"leerplicht_gemeld_op": op}))
    gebeurtenis_voeg_toe(zaak=t, soort="leerplicht", door=door, gegevens={"op": op})
    return t


def leerplicht_gemeenten(user) -> set[int]:
    return user.gemeente_ids(Rol.LEERPLICHT) if user is not None and user.is_authenticated else set()


@transaction.atomic
def opvolging_leg_vast(*, thuiszitter, door, soort: str, op: date, notitie: str = "",
                       vandaag: date | None = None) -> LeerplichtOpvolging:
    """The leerplichtambtenaar of the pupil's municipality records their follow-up (issue #20 §6): a conversation, a
    proces-verbaal or a referral to a care team, with the date and a short note. Nothing else of the case is
    theirs to change."""
    t = _locked(thuiszitter)
    if t.leerling.woongemeente_id not in leerplicht_gemeenten(door):
        raise ZaakFout(_("Alleen de leerplichtambtenaar van de woongemeente van de leerling legt dit vast."))
    if soort not in Opvolging.values:
        raise ZaakFout(_("Kies wat u heeft gedaan."), veld="soort")
    if op > (vandaag or timezone.localdate()):
        raise ZaakFout(_("Deze datum ligt in de toekomst."), veld="op")
    if op < t.sinds - timedelta(weeks=8):
        raise ZaakFout(_("Deze datum ligt ver vóór de eerste dag zonder onderwijs."), veld="op")
    notitie = notitie.strip()
    if len(notitie) > 500:
        raise ZaakFout(_("Houd de notitie kort: ten hoogste 500 tekens."), veld="notitie")
    o = LeerplichtOpvolging.objects.create(thuiszitter=t, soort=soort, op=op, notitie=notitie,
                                           gemeente_id=t.leerling.woongemeente_id, door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=o, leerling=t.leerling)
    gebeurtenis_voeg_toe(zaak=t, soort="leerplicht_opvolging", door=door, voor_ouders=False,
                         gegevens={"soort": soort})
    return o


@transaction.atomic
def koppelingen_bewaar(*, thuiszitter, door, zaken_ids) -> Thuiszitter:
    """The other cases of the same pupil meant to end this one (issue #20 §1 "Links"): an aanmelding, arrangement, TLV
    or geschil the user may see. Replaces the list; audited."""
    from portal.zaken.models import Zaak

    t = _locked(thuiszitter)
    _eis_staf(door, t)
    ids = {int(i) for i in zaken_ids}
    gevonden = list(Zaak.objects.for_user(door).filter(pk__in=ids, leerling_id=t.leerling_id,
                                                        zaaktype__in=KOPPELBAAR).exclude(pk=t.pk))
    if len(gevonden) != len(ids):
        raise ZaakFout(_("Kies alleen zaken van deze leerling."), veld="zaken")
    oud = sorted(t.koppelingen.values_list("pk", flat=True))
    t.koppelingen.set(gevonden)
    nieuw = sorted(z.pk for z in gevonden)
    if oud != nieuw:
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=t, leerling=t.leerling,
                  wijzigingen={"koppelingen": [oud, nieuw]})
        gebeurtenis_voeg_toe(zaak=t, soort="koppeling", door=door, gegevens={})
    return t


def _leerling_zoek(*, gemeente_ids, voornamen: str, achternaam: str, geboortedatum: date):
    """The pupil with this surname and birth date (and first names, when two match) among the pupils living in
    ``gemeente_ids`` (None: anywhere). None when the portal does not know them; a ZaakFout when still ambiguous."""
    from portal.leerlingen.models import Leerling

    qs = Leerling.objects.filter(achternaam__iexact=achternaam.strip(), geboortedatum=geboortedatum)
    if gemeente_ids is not None:
        qs = qs.filter(woongemeente_id__in=gemeente_ids)
    gevonden = list(qs[:5])
    if len(gevonden) > 1:
        gevonden = [k for k in gevonden if k.voornamen.strip().lower() == voornamen.strip().lower()]
    if len(gevonden) > 1:
        raise ZaakFout(_("Er zijn meer kinderen met deze naam en geboortedatum. Neem contact op met het "
                       "samenwerkingsverband."), veld="achternaam")
    return gevonden[0] if gevonden else None


def _huidige_inschrijving(leerling, op: date):
    from django.db.models import Q

    from portal.leerlingen.models import Inschrijving

    return (Inschrijving.objects.filter(leerling=leerling, van__lte=op).filter(Q(tot__isnull=True) | Q(tot__gte=op))
            .select_related("school").order_by("-van").first())


@transaction.atomic
def signaal_meld(*, door, voornamen: str, achternaam: str, geboortedatum: date, sinds: date, notitie: str = "",
                 swv=None, gemeente_id: int | None = None, vandaag: date | None = None) -> LeerplichtSignaal:
    """Leerplicht reports a child they know is at home (issue #20 §1). A pupil of their municipality whom the portal
    knows and who is enrolled: to that school's IB'ers and directeur. Otherwise (not enrolled, or not in the portal):
    to the SWV leerplicht names, which can register the child. The portal tells; the school or SWV registers."""
    gemeenten = leerplicht_gemeenten(door)
    if not gemeenten:
        raise ZaakFout(_("Alleen een leerplichtambtenaar kan een thuiszitter melden."))
    gemeente_id = gemeente_id or min(gemeenten)
    if gemeente_id not in gemeenten:
        raise ZaakFout(_("Kies uw eigen gemeente."), veld="gemeente")
    vandaag = vandaag or timezone.localdate()
    if not achternaam.strip() or not voornamen.strip():
        raise ZaakFout(_("Vul de voornaam en de achternaam in."), veld="achternaam")
    if sinds > vandaag:
        raise ZaakFout(_("Deze datum ligt in de toekomst."), veld="sinds")
    if geboortedatum > vandaag - timedelta(days=365 * 4) or geboortedatum < vandaag - timedelta(days=365 * 19):
        raise ZaakFout(_("Een leerplichtig kind is tussen 5 en 18 jaar oud. Controleer de geboortedatum."),
                       veld="geboortedatum")
    kind = _leerling_zoek(gemeente_ids=gemeenten, voornamen=voornamen, achternaam=achternaam,
                          geboortedatum=geboortedatum)
    if kind is not None and Thuiszitter.objects.open().filter(leerling=kind).exists():
        raise ZaakFout(_("Dit kind staat al geregistreerd als thuiszitter; u ziet het in uw lijst."), veld="achternaam")
    ins = _huidige_inschrijving(kind, vandaag) if kind is not None else None
    school = ins.school if ins else None
    if school is None and swv is None:
        raise ZaakFout(_("Dit kind staat niet op een school ingeschreven. Kies het samenwerkingsverband dat de melding "
                       "krijgt."), veld="swv")
    sig = LeerplichtSignaal.objects.create(
        leerling=kind, naam="" if kind else f"{voornamen.strip()} {achternaam.strip()}"[:200],
        geboortedatum=None if kind else geboortedatum, gemeente_id=gemeente_id, school=school,
        swv=None if school else swv, sinds=sinds, notitie=notitie.strip()[:500], door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=sig, leerling=kind)
    from django.urls import reverse

    if school is not None:
        ontvangers = leden(Rol.IB, Rol.DIRECTEUR, school=school)
        url = reverse("thuiszitters:nieuw") + f"?leerling={kind.pk}"
    else:
        ontvangers = leden(Rol.SWV, swv=swv)
        url = reverse("thuiszitters:nieuw_swv") + f"?signaal={sig.pk}"
    melding_stuur(ontvangers=ontvangers, sleutel=f"thuiszitter:signaal:{sig.pk}",
                  titel=N_("Leerplicht meldt een kind dat thuis zit"),
                  tekst=N_("De leerplichtambtenaar meldt een kind dat geen onderwijs krijgt. Bekijk de melding en "
                           "registreer het kind als thuiszitter als dat klopt."), gegevens={}, url=url)
    return sig


@transaction.atomic
def swv_registreer_kind(*, door, swv, voornamen: str, achternaam: str, geboortedatum: date, woongemeente,
                        sinds: date, reden: str, toelichting: str = "", roepnaam: str = "",
                        signaal=None) -> Thuiszitter:
    """The SWV registers a child not enrolled anywhere (absoluut verzuim, F-1; issue #20 §1). A child the portal
    knows (same surname and birth date) and who has no current enrolment is taken as is; one who is enrolled is the
    school's to register; a child the portal does not know is added with name, birth date and municipality (what
    leerplicht needs), nothing more."""
    from portal.leerlingen.models import Leerling

    if swv is None or swv.pk not in door.swv_ids():
        raise ZaakFout(_("Kies uw samenwerkingsverband."), veld="swv")
    if not achternaam.strip() or not voornamen.strip():
        raise ZaakFout(_("Vul de voornamen en de achternaam in."), veld="achternaam")
    vandaag = timezone.localdate()
    if geboortedatum > vandaag - timedelta(days=365 * 4) or geboortedatum < vandaag - timedelta(days=365 * 19):
        raise ZaakFout(_("Een leerplichtig kind is tussen 5 en 18 jaar oud. Controleer de geboortedatum."),
                       veld="geboortedatum")
    kind = _leerling_zoek(gemeente_ids=None, voornamen=voornamen, achternaam=achternaam, geboortedatum=geboortedatum)
    if kind is not None and _huidige_inschrijving(kind, vandaag) is not None:
        raise ZaakFout(_("Dit kind staat op een school ingeschreven. Die school registreert het als thuiszitter."),
                       veld="achternaam")
    if kind is None:
        kind = Leerling.objects.create(voornamen=voornamen.strip(), roepnaam=roepnaam.strip(),
                                       achternaam=achternaam.strip(), geboortedatum=geboortedatum,
                                       woongemeente=woongemeente)
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=kind, leerling=kind)
    elif woongemeente is not None and kind.woongemeente_id != woongemeente.pk:
        oud = kind.woongemeente_id
        kind.woongemeente = woongemeente
        kind.save(update_fields=["woongemeente"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=kind, leerling=kind,
                  wijzigingen={"woongemeente": [oud, woongemeente.pk]})
    t = thuiszitter_registreer(leerling=kind, swv=swv, door=door, sinds=sinds, soort=Soort.ABSOLUUT, reden=reden,
                               toelichting=toelichting, vandaag=vandaag)
    if signaal is not None and signaal.afgehandeld_op is None:
        LeerplichtSignaal.objects.filter(pk=signaal.pk).update(thuiszitter=t, leerling=kind,
                                                               afgehandeld_op=timezone.now())
    return t


@transaction.atomic
def mening_leg_vast(*, thuiszitter, door, tekst: str, wie: str = "") -> Mening:
    """The view of the parents or of the pupil (hoorrecht). Whoever acts for the pupil, or the pupil from 12, gives
    their own; the school or SWV records one given in a conversation (``wie``)."""
    t = _locked(thuiszitter)
    rel = relaties(door, t)
    if rel & {"school", "swv"}:
        if wie not in Wie.values:
            raise ZaakFout(_("Kies van wie deze mening is."), veld="wie")
    elif rel & set(hoorrecht.HANDELT):
        wie = Wie.LEERLING if rel & {"meerderjarige"} else Wie.OUDERS
    elif "leerling" in rel and hoorrecht.is_twaalf_plus(t.leerling):
        wie = Wie.LEERLING
    else:
        raise ZaakFout(_("U kunt hier geen mening geven."))
    _eis_open(t)
    if not tekst.strip():
        raise ZaakFout(_("Schrijf de mening op."), veld="tekst")
    m = Mening.objects.create(thuiszitter=t, wie=wie, tekst=tekst.strip(), door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=m, leerling=t.leerling)
    gebeurtenis_voeg_toe(zaak=t, soort="mening", door=door, gegevens={})
    return m


@transaction.atomic
def thuiszitter_beeindig(*, thuiszitter, door, op: date, waar: str, uren: Decimal, volledig: bool) -> Thuiszitter:
    """Back in education: the date, where, and how many hours a week. A partial return keeps the case open with the
    hours (the kind becomes partial); a full return ends it and closes its clocks."""
    t = _locked(thuiszitter)
    _eis_staf(door, t)
    _eis_open(t)
    if op > timezone.localdate() + timedelta(days=30):
        raise ZaakFout(_("Kies een datum binnen een maand."), veld="op")
    if op < t.sinds:
        raise ZaakFout(_("Deze datum ligt vóór de eerste dag zonder onderwijs."), veld="op")
    if not waar.strip():
        raise ZaakFout(_("Schrijf waar de leerling weer onderwijs krijgt."), veld="waar")
    if uren <= 0 or uren > 40:
        raise ZaakFout(_("Vul een aantal uren tussen 0 en 40 in."), veld="uren")
    oud = {"soort": t.soort, "uren_per_week": t.uren_per_week, "einddatum": t.einddatum}
    t.eind_waar, t.eind_uren = waar.strip(), uren
    if volledig:
        t.einddatum = op
    else:
        if t.soort not in (Soort.GEDEELTELIJK_MET, Soort.GEDEELTELIJK_ZONDER):
            t.soort = Soort.GEDEELTELIJK_ZONDER
        t.uren_per_week = uren
    t.save(update_fields=["eind_waar", "eind_uren", "einddatum", "soort", "uren_per_week"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=t, leerling=t.leerling,
              wijzigingen=diff(oud, {"soort": t.soort, "uren_per_week": t.uren_per_week, "einddatum": t.einddatum}))
    if volledig:
        for klok in t.clocks.filter(gesloten_op__isnull=True):
            clock_close(clock=klok, op=op, actor=door)
        zaken.zaak_transition(zaak=t, naar=Status.BEEINDIGD, door=door)
    else:
        gebeurtenis_voeg_toe(zaak=t, soort="deels_terug", door=door, gegevens={"uren": str(uren)})
    return t


# --- the clocks' consequences (run once by the deadline sweep) ------------------------------------------------

def gevolg_onderwijsconsulent(clock, event) -> str:
    """F-2, 4 weeks without education: point the parents (and the pupil from 12) and the school to the
    onderwijsconsulent, once (one notification per person per key)."""
    t = Thuiszitter.objects.select_related("leerling", "school", "swv").get(pk=clock.zaak_id)
    if not t.is_open:
        return "afgesloten"
    # the pupil's own account (from 12; from 18 when acting for themselves) reads "je", as on its own pages
    zelf = leerling_zelf(t.leerling) if hoorrecht.is_twaalf_plus(t.leerling) else []
    gezin = [u for u in voor_zaak(t) if u not in zelf]
    melding_stuur(ontvangers=gezin, sleutel=f"thuiszitter:{t.pk}:F-2:gezin",
                  titel=N_("Hulp van een onderwijsconsulent"),
                  tekst=N_("Er is al 4 weken geen passend onderwijs. Een onderwijsconsulent kan gratis met u "
                           "meedenken over een plek. U vindt de gegevens op onderwijsconsulenten.nl."),
                  gegevens={}, url=t.get_absolute_url("ouder"))
    melding_stuur(ontvangers=zelf, sleutel=f"thuiszitter:{t.pk}:F-2:leerling",
                  titel=N_("Hulp van een onderwijsconsulent"),
                  tekst=N_("Je hebt al 4 weken geen onderwijs dat bij je past. Een onderwijsconsulent kan gratis met "
                           "je meedenken over een plek. Kijk op onderwijsconsulenten.nl."),
                  gegevens={}, url=t.get_absolute_url("ouder"))
    gezin += zelf
    staf = leden(Rol.IB, Rol.DIRECTEUR, school=t.school) if t.school_id else leden(Rol.SWV, swv=t.swv)
    melding_stuur(ontvangers=staf, sleutel=f"thuiszitter:{t.pk}:F-2:staf",
                  titel=N_("Thuiszitter: onderwijsconsulent inschakelen"),
                  tekst=N_("%(zaak)s zit 4 weken thuis (F-2). Wijs de ouders op de onderwijsconsulent en schakel die "
                           "zo nodig in."), gegevens={"zaak": t.nummer}, url=t.get_absolute_url())
    gebeurtenis_voeg_toe(zaak=t, soort="onderwijsconsulent", door=None, gegevens={})
    return f"{len(gezin)} gezin, {len(staf)} staf"


def gevolg_alarm_swv(clock, event) -> str:
    """F-3, 3 months without education: an alarm to the SWV's staff, once, and the case moves to its desk."""
    t = Thuiszitter.objects.select_related("leerling", "school", "swv").get(pk=clock.zaak_id)
    if not t.is_open:
        return "afgesloten"
    staf = leden(Rol.SWV, swv=t.swv) if t.swv_id else []
    melding_stuur(ontvangers=staf, sleutel=f"thuiszitter:{t.pk}:F-3",
                  titel=N_("Alarm: thuiszitter langer dan 3 maanden"),
                  tekst=N_("%(zaak)s zit langer dan 3 maanden thuis (F-3). De zaak staat nu bij het "
                           "samenwerkingsverband."), gegevens={"zaak": t.nummer}, url=t.get_absolute_url())
    thuiszitter_alarm_meld(zaak=t, regel="F-3")  # issue #21 §4: the subscribed systems hear it too (ids only)
    if t.status == Status.OPEN:
        zaken.zaak_transition(zaak=t, naar=Status.BIJ_SWV, door=None, systeem=True)
    return f"{len(staf)} swv"
