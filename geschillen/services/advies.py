"""An advice or mediation request to the SWV (W4): intake with an assigned staff member, meetings with the parties
the parents agreed to (date, participants, agreements, actions with owners), and an outcome. Only parties the
parents agreed to are involved (G-1: no implied consent); the school sees the request only when it is one."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.meldingen.ontvangers import leden
from portal.meldingen.services import melding_stuur
from portal.zaken import services as zaken
from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

from ..constants import AdviesSoort, AdviesStatus, AdviesUitkomst, Partij
from ..models import Actiepunt, Adviesverzoek, Bijeenkomst
from .common import GeschilFout, eis_ouder, meld_ouders, tekst_nodig


def _locked(verzoek) -> Adviesverzoek:
    return (Adviesverzoek.objects.select_for_update(of=("self",)).select_related("leerling", "school", "swv")
            .get(pk=verzoek.pk))


def eis_swv(user, verzoek) -> None:
    if verzoek.swv_id not in user.swv_ids():
        raise GeschilFout(_("Alleen een medewerker van het samenwerkingsverband kan dit vastleggen."))


def _meld_swv(verzoek, sleutel, titel, tekst):
    ontvangers = [verzoek.behandelaar] if verzoek.behandelaar_id else leden(Rol.SWV, swv=verzoek.swv)
    melding_stuur(ontvangers=ontvangers, sleutel=sleutel, titel=titel, tekst=tekst, gegevens={"zaak": verzoek.nummer},
                  url=verzoek.get_absolute_url())


@transaction.atomic
def advies_dien_in(*, ouder, leerling, school, soort: str, vraag: str, partijen: list[str], swv=None,
                   over_zaak=None) -> Adviesverzoek:
    """The parents ask the SWV of the school for advice or mediation (W4)."""
    eis_ouder(ouder, leerling)
    if soort not in AdviesSoort.values:
        raise GeschilFout(_("Kies of u advies of bemiddeling vraagt."))
    vraag = tekst_nodig(vraag, _("Schrijf uw vraag op."))
    onbekend = set(partijen) - set(Partij.values)
    if onbekend:
        raise GeschilFout(_("Kies alleen partijen uit de lijst."))
    mogelijk = list(school.samenwerkingsverbanden.all())
    if swv is None:
        if len(mogelijk) != 1:
            raise GeschilFout(_("Kies het samenwerkingsverband waaraan u de vraag stelt."))
        swv = mogelijk[0]
    elif swv.pk not in {s.pk for s in mogelijk}:
        raise GeschilFout(_("Dit samenwerkingsverband hoort niet bij de school."))
    if soort == AdviesSoort.BEMIDDELING and Partij.SCHOOL not in partijen:
        raise GeschilFout(_("Bemiddelen tussen u en de school kan alleen als de school erbij betrokken mag worden."))
    school_betrokken = Partij.SCHOOL in partijen
    verzoek = zaken.zaak_open(zaak=Adviesverzoek(
        leerling=leerling, school=school if school_betrokken else None, swv=swv, hoofdzaak=over_zaak, soort=soort,
        vraag=vraag, partijen=sorted(set(partijen)), school_betrokken=school_betrokken, ingediend_door=ouder),
        door=ouder)
    _meld_swv(verzoek, f"advies:{verzoek.pk}:nieuw", N_("Nieuw advies- of bemiddelingsverzoek"),
              N_("Ouders vragen het samenwerkingsverband om hulp (%(zaak)s)."))
    if school_betrokken:
        melding_stuur(ontvangers=leden(Rol.IB, Rol.DIRECTEUR, school=school), sleutel=f"advies:{verzoek.pk}:school",
                      titel=N_("Ouders vroegen het samenwerkingsverband om hulp"),
                      tekst=N_("Ouders vroegen het samenwerkingsverband om advies of bemiddeling (%(zaak)s); de school "
                               "wordt erbij betrokken."), gegevens={"zaak": verzoek.nummer}, url=verzoek.get_absolute_url())
    meld_ouders(verzoek, f"advies:{verzoek.pk}:ontvangen", N_("Uw vraag is ontvangen"),
                N_("Het samenwerkingsverband ontving uw vraag (%(zaak)s) en neemt contact met u op."))
    return verzoek


@transaction.atomic
def advies_intake(*, verzoek, door, behandelaar, intake_op: date, notitie: str = "",
                  vandaag: date | None = None) -> Adviesverzoek:
    vandaag = vandaag or timezone.localdate()
    verzoek = _locked(verzoek)
    eis_swv(door, verzoek)
    if behandelaar is None or verzoek.swv_id not in behandelaar.swv_ids():
        raise GeschilFout(_("Kies een medewerker van het samenwerkingsverband als behandelaar."))
    if intake_op > vandaag:
        raise GeschilFout(_("De intake kan niet in de toekomst liggen."))
    Adviesverzoek.objects.filter(pk=verzoek.pk).update(behandelaar=behandelaar, intake_op=intake_op,
                                                       intake_notitie=notitie)
    if verzoek.status == AdviesStatus.INGEDIEND:
        zaken.zaak_transition(zaak=verzoek, naar=AdviesStatus.INTAKE, door=door)
    gebeurtenis_voeg_toe(zaak=verzoek, soort="geschillen.intake", door=door, gegevens={"op": intake_op})
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=verzoek, leerling=verzoek.leerling,
              wijzigingen={"behandelaar": [None, behandelaar.pk]})
    meld_ouders(verzoek, f"advies:{verzoek.pk}:intake", N_("Het samenwerkingsverband helpt u"),
                N_("%(naam)s van het samenwerkingsverband behandelt uw vraag (%(zaak)s)."),
                naam=behandelaar.get_full_name() or behandelaar.email)
    return verzoek


def toegestane_deelnemers(verzoek) -> list[tuple[str, str]]:
    """Who may take part in a meeting: the parents, the SWV, and only the parties the parents agreed to."""
    return [("ouders", "Ouders"), ("swv", "Samenwerkingsverband")] + [
        (p, str(Partij(p).label)) for p in verzoek.partijen or [] if p in Partij.values]


@transaction.atomic
def bijeenkomst_voeg_toe(*, verzoek, door, datum: date, deelnemers: list[str], overige: str, afspraken: str,
                         acties: list[dict], vandaag: date | None = None) -> Bijeenkomst:
    """A meeting with the parties the parents agreed to, its agreements and the actions with their owners."""
    vandaag = vandaag or timezone.localdate()
    verzoek = _locked(verzoek)
    eis_swv(door, verzoek)
    if verzoek.status not in (AdviesStatus.INTAKE, AdviesStatus.BEMIDDELING):
        raise GeschilFout(_("Doe eerst de intake; een afgerond verzoek krijgt geen bijeenkomsten meer."))
    if datum > vandaag:
        raise GeschilFout(_("Leg een bijeenkomst vast als zij geweest is."))
    toegestaan = dict(toegestane_deelnemers(verzoek))
    if set(deelnemers) - set(toegestaan):
        raise GeschilFout(_("Alleen partijen waarmee de ouders instemden, nemen deel."))
    if not deelnemers:
        raise GeschilFout(_("Kies wie er bij de bijeenkomst waren."))
    afspraken = tekst_nodig(afspraken, _("Schrijf de afspraken op."))
    tekst = ", ".join(toegestaan[d] for d in deelnemers) + (f" ({overige.strip()})" if overige.strip() else "")
    b = Bijeenkomst.objects.create(adviesverzoek=verzoek, datum=datum, deelnemers=tekst, afspraken=afspraken, door=door)
    for a in acties:
        if (a.get("omschrijving") or "").strip():
            if not (a.get("eigenaar") or "").strip():
                raise GeschilFout(_("Geef bij elke actie aan wie hem doet."))
            Actiepunt.objects.create(bijeenkomst=b, omschrijving=a["omschrijving"].strip(), eigenaar=a["eigenaar"].strip(),
                                     uiterlijk=a.get("uiterlijk"))
    if verzoek.status == AdviesStatus.INTAKE:
        zaken.zaak_transition(zaak=verzoek, naar=AdviesStatus.BEMIDDELING, door=door)
    gebeurtenis_voeg_toe(zaak=verzoek, soort="geschillen.bijeenkomst", door=door, gegevens={"op": datum})
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=b, leerling=verzoek.leerling)
    meld_ouders(verzoek, f"advies:{verzoek.pk}:bijeenkomst:{b.pk}", N_("Verslag van de bijeenkomst"),
                N_("De afspraken van de bijeenkomst van %(datum)s staan bij %(zaak)s."), datum=datum)
    return b


@transaction.atomic
def actie_gedaan(*, actie: Actiepunt, door, op: date) -> Actiepunt:
    actie = Actiepunt.objects.select_for_update(of=("self",)).select_related("bijeenkomst__adviesverzoek").get(pk=actie.pk)
    verzoek = actie.bijeenkomst.adviesverzoek
    eis_swv(door, verzoek)
    actie.gedaan_op = op
    actie.save(update_fields=["gedaan_op"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=actie, leerling=verzoek.leerling,
              wijzigingen={"gedaan_op": [None, op.isoformat()]})
    return actie


@transaction.atomic
def advies_rond_af(*, verzoek, door, uitkomst: str, toelichting: str) -> Adviesverzoek:
    verzoek = _locked(verzoek)
    eis_swv(door, verzoek)
    if uitkomst not in AdviesUitkomst.values:
        raise GeschilFout(_("Kies de uitkomst."))
    toelichting = tekst_nodig(toelichting, _("Schrijf kort op wat de uitkomst is; de ouders lezen het."))
    zaken.zaak_transition(zaak=verzoek, naar=AdviesStatus.AFGEROND, door=door)
    Adviesverzoek.objects.filter(pk=verzoek.pk).update(uitkomst=uitkomst, uitkomst_toelichting=toelichting)
    gebeurtenis_voeg_toe(zaak=verzoek, soort="geschillen.afgerond", door=door)
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=verzoek, leerling=verzoek.leerling,
              wijzigingen={"uitkomst": [None, uitkomst]})
    meld_ouders(verzoek, f"advies:{verzoek.pk}:afgerond", N_("Uw vraag aan het samenwerkingsverband is afgerond"),
                N_("%(zaak)s is afgerond. De uitkomst staat bij uw vraag."))
    return verzoek


@transaction.atomic
def advies_trek_in(*, verzoek, ouder, reden: str = "") -> Adviesverzoek:
    verzoek = _locked(verzoek)
    eis_ouder(ouder, verzoek.leerling)
    zaken.zaak_transition(zaak=verzoek, naar=AdviesStatus.INGETROKKEN, door=ouder)
    Adviesverzoek.objects.filter(pk=verzoek.pk).update(ingetrokken_op=timezone.now())
    gebeurtenis_voeg_toe(zaak=verzoek, soort="geschillen.ingetrokken", door=ouder)
    _meld_swv(verzoek, f"advies:{verzoek.pk}:ingetrokken", N_("Verzoek ingetrokken"),
              N_("De ouders hebben %(zaak)s ingetrokken."))
    return verzoek
