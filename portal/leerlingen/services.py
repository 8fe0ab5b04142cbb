from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.basis.registry import Registry, sleutel_van
from portal.meldingen.models import OutboxEmail

from .models import (
    Gezag,
    GezagUitnodiging,
    InzageOuder,
    Leerling,
    UitnodigingStatus,
    Vertegenwoordiging,
    VertegenwoordigingSoort,
)

UITNODIGING_SALT = "portal.leerlingen.gezag-uitnodiging"
UITNODIGING_MAX_AGE = 14 * 24 * 3600
MAX_GEZAG = 2


class GezagFout(Exception):
    """A request about gezag that cannot be granted; the message is Dutch and shown to the user."""


def uitnodiging_token(uitnodiging: GezagUitnodiging) -> str:
    return signing.dumps({"i": uitnodiging.pk}, salt=UITNODIGING_SALT)


@transaction.atomic
def gezag_uitnodig(*, leerling: Leerling, door, email: str, school) -> GezagUitnodiging:
    """A parent with gezag invites the second parent; the school of inschrijving will confirm."""
    if not Gezag.objects.filter(leerling=leerling, ouder=door).exists():
        raise GezagFout("Alleen een ouder met gezag kan een tweede ouder uitnodigen.")
    if Gezag.objects.filter(leerling=leerling).count() >= MAX_GEZAG:
        raise GezagFout("Er zijn al twee ouders met gezag gekoppeld.")
    if email.lower() == door.email.lower():
        raise GezagFout("Vul het e-mailadres van de andere ouder in.")
    if not leerling.inschrijvingen.filter(school=school).exists():
        raise GezagFout("Kies de school waar uw kind staat ingeschreven; die bevestigt de koppeling.")
    if GezagUitnodiging.objects.filter(leerling=leerling, status__in=[UitnodigingStatus.VERSTUURD, UitnodigingStatus.GEACCEPTEERD]).exists():
        raise GezagFout("Er loopt al een uitnodiging voor dit kind.")
    u = GezagUitnodiging.objects.create(leerling=leerling, uitgenodigd_door=door, email=email.lower(), school=school)
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("leerlingen:uitnodiging", args=[uitnodiging_token(u)])
    OutboxEmail.objects.create(
        aan=u.email, onderwerp="Passend Portaal: uitnodiging als ouder met gezag",
        tekst=f"{door.get_full_name() or door.email} nodigt u uit om als ouder met gezag mee te kijken in Passend Portaal.\n\n"
        f"Maak eerst een account (of log in) en open dan deze link (14 dagen geldig):\n{link}\n\n"
        "De school bevestigt de koppeling voordat u gegevens ziet.",
    )
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=u, label=f"Uitnodiging gezag #{u.pk}", leerling=leerling,
              omschrijving="Tweede ouder uitgenodigd")
    return u


@transaction.atomic
def gezag_accepteer(*, token: str, user) -> GezagUitnodiging:
    try:
        data = signing.loads(token, salt=UITNODIGING_SALT, max_age=UITNODIGING_MAX_AGE)
    except signing.BadSignature:
        raise GezagFout("Deze uitnodiging is ongeldig of verlopen. Vraag de andere ouder om een nieuwe.") from None
    u = GezagUitnodiging.objects.select_for_update().filter(pk=data.get("i")).first()
    if u is None or u.status != UitnodigingStatus.VERSTUURD:
        raise GezagFout("Deze uitnodiging is al gebruikt of ingetrokken.")
    if u.email != user.email.lower():
        raise GezagFout("Deze uitnodiging is voor een ander e-mailadres. Log in met het adres waarop u de uitnodiging kreeg.")
    if "ouder" not in user.rollen:
        raise GezagFout("Alleen een ouderaccount kan deze uitnodiging aannemen.")
    u.status = UitnodigingStatus.GEACCEPTEERD
    u.geaccepteerd_door = user
    u.save(update_fields=["status", "geaccepteerd_door", "bijgewerkt_op"])
    audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=u, label=f"Uitnodiging gezag #{u.pk}", leerling=u.leerling,
              wijzigingen={"status": [UitnodigingStatus.VERSTUURD, UitnodigingStatus.GEACCEPTEERD]})
    return u


@transaction.atomic
def gezag_bevestig(*, uitnodiging: GezagUitnodiging, door, akkoord: bool) -> GezagUitnodiging:
    """The school confirms (or refuses) the link of the second parent."""
    u = GezagUitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if u.school_id not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise GezagFout("Alleen de school van inschrijving kan dit bevestigen.")
    if u.status != UitnodigingStatus.GEACCEPTEERD:
        raise GezagFout("Deze uitnodiging wacht niet op bevestiging.")
    oud = u.status
    if akkoord:
        if Gezag.objects.filter(leerling=u.leerling).count() >= MAX_GEZAG:
            raise GezagFout("Er zijn al twee ouders met gezag gekoppeld.")
        Gezag.objects.create(leerling=u.leerling, ouder=u.geaccepteerd_door, bevestigd_door=door, verklaring_op=timezone.now())
        u.status = UitnodigingStatus.BEVESTIGD
    else:
        u.status = UitnodigingStatus.AFGEWEZEN
    u.behandeld_door = door
    u.save(update_fields=["status", "behandeld_door", "bijgewerkt_op"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=u, label=f"Uitnodiging gezag #{u.pk}", leerling=u.leerling,
              wijzigingen={"status": [oud, u.status]})
    return u


# --- enrolment --------------------------------------------------------------------------------------------

_NA_INSCHRIJVING = Registry("na_inschrijving", "what runs when an enrolment becomes definitive (the OPP's B-2)")


def register_na_inschrijving(func) -> None:
    """``func(inschrijving, door, definitief_op, extra_ondersteuning)`` runs in the transaction that made
    an enrolment definitive (a new definitive one, or a temporary one made definitive). The OPP uses it to
    start its 6-week term (B-2). ``portal`` never imports the app that registers."""
    _NA_INSCHRIJVING.register(sleutel_van(func), func)


def _na_inschrijving(ins, door, op, extra_ondersteuning):
    for func in _NA_INSCHRIJVING.values():
        func(ins, door, op, extra_ondersteuning)


@transaction.atomic
def inschrijving_maak(*, leerling, school, van, door, soort: str = "definitief", extra_ondersteuning: bool = False):
    """Enrol a pupil (definitively, or temporarily under A-9). Audited; a definitive enrolment tells the
    registered apps (B-2: the OPP clock starts at enrolment)."""
    from .models import Inschrijving, InschrijvingSoort

    ins = Inschrijving.objects.create(leerling=leerling, school=school, van=van, soort=soort)
    audit_log(actor=door, actie=Actie.AANGEMAAKT if door else Actie.SYSTEEM, obj=ins, leerling=leerling,
              systeem=door is None, label=f"Inschrijving #{ins.pk}",
              omschrijving=f"{ins.get_soort_display()} ingeschreven vanaf {van.isoformat()}")
    if soort == InschrijvingSoort.DEFINITIEF:
        # A school's system (the API) is nobody: what the registered apps start runs as the system, while the audit
        # line above names the system and its client (issue #21 §2).
        _na_inschrijving(ins, None if _is_systeem(door) else door, van, extra_ondersteuning)
    return ins


@transaction.atomic
def inschrijving_definitief(*, inschrijving, door, op, extra_ondersteuning: bool = False):
    """A temporary enrolment becomes definitive on admission (A-9); B-2 then runs from ``op``."""
    from .models import InschrijvingSoort

    oud = inschrijving.soort
    inschrijving.soort = InschrijvingSoort.DEFINITIEF
    inschrijving.save(update_fields=["soort"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=inschrijving, leerling=inschrijving.leerling,
              label=f"Inschrijving #{inschrijving.pk}", wijzigingen={"soort": [oud, inschrijving.soort]})
    _na_inschrijving(inschrijving, door, op, extra_ondersteuning)
    return inschrijving


# --- groups (klassen) and substitutes (issue #9 §4) -----------------------------------------------------------

class GroepFout(Exception):
    """A request about a group that cannot be granted; the message is Dutch and shown as it is."""


def _check_groep_leden(school, leerlingen, leerkrachten) -> None:
    from django.db.models import Q

    from .models import Inschrijving

    vandaag = timezone.localdate()
    ingeschreven = set(Inschrijving.objects.filter(school=school).filter(Q(tot__isnull=True) | Q(tot__gte=vandaag))
                       .values_list("leerling_id", flat=True))
    if any(lln.pk not in ingeschreven for lln in leerlingen):
        raise GroepFout("Een groep bevat alleen leerlingen die op deze school staan ingeschreven.")
    for u in leerkrachten:
        if school.pk not in u.school_ids(Rol.LEERKRACHT):
            raise GroepFout(f"{u} is geen leerkracht van deze school.")


@transaction.atomic
def groep_bewaar(*, school, door, naam: str, schooljaar: str, leerlingen, leerkrachten, groep=None):
    """Create or change a group of ``school``: its name, school year, pupils (enrolled here) and teachers
    (leerkracht at this school). Audited with who was added and removed (ids, no names)."""
    from .models import Groep, validate_schooljaar

    naam = naam.strip()
    if not naam:
        raise GroepFout("Geef de groep een naam.")
    try:
        validate_schooljaar(schooljaar)
    except ValidationError:
        raise GroepFout("Schrijf het schooljaar als 2025-2026.") from None
    leerlingen, leerkrachten = list(leerlingen), list(leerkrachten)
    _check_groep_leden(school, leerlingen, leerkrachten)
    dubbel = Groep.objects.filter(school=school, schooljaar=schooljaar, naam__iexact=naam)
    if groep is not None:
        dubbel = dubbel.exclude(pk=groep.pk)
    if dubbel.exists():
        raise GroepFout("Er is al een groep met deze naam in dit schooljaar.")
    nieuw = groep is None
    if nieuw:
        groep = Groep.objects.create(school=school, naam=naam, schooljaar=schooljaar)
        oud_l, oud_k = set(), set()
    else:
        groep = Groep.objects.select_for_update().get(pk=groep.pk)
        oud_l = set(groep.leerlingen.values_list("pk", flat=True))
        oud_k = set(groep.leerkrachten.values_list("pk", flat=True))
        groep.naam, groep.schooljaar = naam, schooljaar
        groep.save(update_fields=["naam", "schooljaar"])
    groep.leerlingen.set(leerlingen)
    groep.leerkrachten.set(leerkrachten)
    nieuw_l, nieuw_k = {x.pk for x in leerlingen}, {x.pk for x in leerkrachten}
    audit_log(actor=door, actie=Actie.AANGEMAAKT if nieuw else Actie.GEWIJZIGD, obj=groep, wijzigingen={
        k: v for k, v in {
            "leerlingen_erbij": sorted(nieuw_l - oud_l), "leerlingen_eraf": sorted(oud_l - nieuw_l),
            "leerkrachten_erbij": sorted(nieuw_k - oud_k), "leerkrachten_eraf": sorted(oud_k - nieuw_k)}.items() if v})
    return groep


@transaction.atomic
def invalbeurt_voeg_toe(*, groep, leerkracht, van, tot, door):
    """A substitute teacher gets the group's accommodations sheets from ``van`` to ``tot`` (inclusive): at most
    4 weeks, not in the past, and only a leerkracht of the group's school (issue #9 §4)."""
    from .models import Invalbeurt

    vandaag = timezone.localdate()
    if groep.school_id not in leerkracht.school_ids(Rol.LEERKRACHT):
        raise GroepFout("Een invaller moet als leerkracht van deze school in het portaal staan.")
    if tot < van:
        raise GroepFout("De laatste dag ligt vóór de eerste dag.")
    if tot < vandaag:
        raise GroepFout("Deze periode is al voorbij.")
    if (tot - van).days + 1 > Invalbeurt.MAX_DAGEN:
        raise GroepFout("Een invaller krijgt toegang voor ten hoogste 4 weken. Regel daarna zo nodig een nieuwe periode.")
    beurt = Invalbeurt.objects.create(groep=groep, leerkracht=leerkracht, van=van, tot=tot, door=door)
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=beurt,
              omschrijving=f"Invaller #{leerkracht.pk} voor groep #{groep.pk} van {van.isoformat()} tot en met "
              f"{tot.isoformat()}")
    return beurt


@transaction.atomic
def invalbeurt_regel(*, groep, leerkracht, van, tot, door):
    """A substitute gets the group's sheets for at most 4 weeks (``invalbeurt_voeg_toe``) and is told to read them
    on their pupils page (a URL name, not an import of the ondersteuning)."""
    from django.utils.translation import gettext_noop as N_

    from portal.meldingen.services import melding_stuur

    beurt = invalbeurt_voeg_toe(groep=groep, leerkracht=leerkracht, van=van, tot=tot, door=door)
    melding_stuur(ontvangers=[leerkracht], sleutel=f"invalbeurt:{beurt.pk}", titel=N_("U valt in: lees de afspraken"),
                  tekst=N_("U valt in bij %(groep)s van %(van)s tot en met %(tot)s. Lees de afspraken voor de leerlingen "
                           "en bevestig dat u ze kent."),
                  gegevens={"groep": groep.naam, "van": van, "tot": tot}, url=reverse("ondersteuning:leerkracht"))
    return beurt


@transaction.atomic
def invalbeurt_trek_in(*, invalbeurt, door):
    from .models import Invalbeurt

    beurt = Invalbeurt.objects.select_for_update().get(pk=invalbeurt.pk)
    if beurt.ingetrokken_op is None:
        beurt.ingetrokken_op = timezone.now()
        beurt.save(update_fields=["ingetrokken_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=beurt, omschrijving="Toegang invaller ingetrokken")
    return beurt


# --- representation of an adult pupil (issue #17 §1) --------------------------------------------------------------

class VertegenwoordigingFout(GezagFout):
    """Dutch, shown at the form."""


def mag_vertegenwoordiging_vastleggen(user, leerling) -> bool:
    """School staff (IB'er, directeur) of a school where the pupil is enrolled, or staff of that school's SWV."""
    if not user.is_authenticated:
        return False
    vandaag = timezone.localdate()
    actief = leerling.inschrijvingen.filter(models.Q(tot__isnull=True) | models.Q(tot__gte=vandaag))
    if actief.filter(school_id__in=user.school_ids(Rol.IB, Rol.DIRECTEUR)).exists():
        return True
    swv_ids = user.swv_ids()
    return bool(swv_ids) and actief.filter(school__samenwerkingsverbanden__in=swv_ids).exists()


@transaction.atomic
def vertegenwoordiging_leg_vast(*, leerling: Leerling, door, soort: str, email: str, voornaam: str, achternaam: str,
                                van, tot=None, uitspraak: str, bewijs=None) -> Vertegenwoordiging:
    """Record a court-appointed curator, mentor or bewindvoerder of an adult pupil (BW 1:378, 1:450, 1:431). The
    representative gets an account of their own (an e-mail to set a password) or, with an existing account, the role
    beside their others. Audited; the pupil and the representative are told."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from portal.accounts.models import Membership

    if not mag_vertegenwoordiging_vastleggen(door, leerling):
        raise VertegenwoordigingFout("U mag voor deze leerling geen vertegenwoordiger vastleggen.")
    if soort not in VertegenwoordigingSoort.values:
        raise VertegenwoordigingFout("Kies curator, mentor of bewindvoerder.")
    if tot is not None and tot < van:
        raise VertegenwoordigingFout("De einddatum ligt vóór de begindatum.")
    if leerling.account_id and leerling.account.email.lower() == email.lower():
        raise VertegenwoordigingFout("Vul het e-mailadres van de vertegenwoordiger in, niet dat van de leerling.")
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    nieuw_account = user is None
    if nieuw_account:
        user = User.objects.create_user(email=email.lower(), password=None, first_name=voornaam, last_name=achternaam)
    if not Membership.objects.filter(user=user, rol=Rol.VERTEGENWOORDIGER).exists():
        Membership.objects.create(user=user, rol=Rol.VERTEGENWOORDIGER)
    if Vertegenwoordiging.objects.actief(van).filter(leerling=leerling, soort=soort, vertegenwoordiger=user).exists():
        raise VertegenwoordigingFout("Deze vertegenwoordiger is al vastgelegd.")
    v = Vertegenwoordiging(leerling=leerling, vertegenwoordiger=user, soort=soort, van=van, tot=tot,
                           uitspraak=uitspraak.strip(), ingevoerd_door=door)
    if bewijs is not None:
        v.bewijs.save(bewijs.name or "beschikking", bewijs, save=False)
    v.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=v, leerling=leerling,
              omschrijving=f"Vertegenwoordiging vastgelegd: {v.get_soort_display()}")
    basis = settings.PORTAL_BASE_URL.rstrip("/")
    if nieuw_account:
        link = basis + reverse("accounts:password_reset_confirm", args=[
            urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)])
        uitleg = f"Kies eerst een wachtwoord met deze link:\n{link}\n\n"
    else:
        uitleg = f"Log in met uw bestaande account: {basis}{reverse('accounts:login')}\n\n"
    OutboxEmail.objects.create(
        aan=user.email, onderwerp="Passend Portaal: u bent vastgelegd als vertegenwoordiger",
        tekst=f"De school of het samenwerkingsverband heeft u in Passend Portaal vastgelegd als "
        f"{v.get_soort_display().split(' (')[0].lower()} van {leerling.naam}.\n\n{uitleg}"
        "Klopt dit niet? Neem dan contact op met de school.")
    return v


@transaction.atomic
def vertegenwoordiging_beeindig(*, vertegenwoordiging: Vertegenwoordiging, door, tot) -> Vertegenwoordiging:
    v = Vertegenwoordiging.objects.select_for_update().get(pk=vertegenwoordiging.pk)
    if not mag_vertegenwoordiging_vastleggen(door, v.leerling):
        raise VertegenwoordigingFout("U mag deze vertegenwoordiging niet wijzigen.")
    if tot < v.van:
        raise VertegenwoordigingFout("De einddatum ligt vóór de begindatum.")
    v.tot = tot
    v.save(update_fields=["tot"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=v, leerling=v.leerling, wijzigingen={"tot": [None, tot.isoformat()]},
              omschrijving="Vertegenwoordiging beëindigd")
    return v


@transaction.atomic
def inzage_ouder_zet(*, leerling: Leerling, door, ouder, toestaan: bool) -> None:
    """The adult pupil lets a parent keep reading their cases, or withdraws that (BW 1:233: gezag ended at 18)."""
    from portal.zaken.hoorrecht import is_meerderjarig

    if leerling.account_id != door.pk or not is_meerderjarig(leerling):
        raise GezagFout("Alleen de leerling zelf kan dit regelen, vanaf 18 jaar.")
    if not leerling.gezag.filter(ouder=ouder).exists():
        raise GezagFout("Kies een van uw ouders.")
    lopend = InzageOuder.objects.select_for_update().filter(leerling=leerling, ouder=ouder,
                                                            ingetrokken_op__isnull=True).first()
    if toestaan and lopend is None:
        i = InzageOuder.objects.create(leerling=leerling, ouder=ouder)
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=i, leerling=leerling, omschrijving="Inzage voor ouder gegeven")
    elif not toestaan and lopend is not None:
        lopend.ingetrokken_op = timezone.now()
        lopend.save(update_fields=["ingetrokken_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=lopend, leerling=leerling,
                  omschrijving="Inzage voor ouder ingetrokken")


# --- a school's own administration: pupils, their number, enrolment, the parents' e-mail (issue #21 §1, §3) -------
# One set of services for the API (a school's system) and the import (a file from the school's administration): the
# same checks and Dutch messages as the pages, each change audited as who made it (a person, or the system with its
# client), and nothing written — no audit line either — when the input says what the portal already has. That makes
# a second run of the same file, or a repeated PUT, change nothing.

LEERLINGNUMMER_MAX = 50
_GEGEVENS = ("voornamen", "roepnaam", "tussenvoegsel", "achternaam", "geboortedatum", "bsn")


class LeerlingFout(Exception):
    """Input about a pupil that cannot be saved. ``velden`` maps each field to its Dutch messages (the pages' words);
    ``''`` is about the whole."""

    def __init__(self, velden: dict[str, list[str]]):
        self.velden = {k: [str(m) for m in v] for k, v in velden.items()}
        super().__init__(" ".join(m for ms in self.velden.values() for m in ms))


def _is_systeem(door) -> bool:
    return getattr(door, "api_koppeling", None) is not None


def leerling_gegevens_check(*, voornamen: str, achternaam: str, geboortedatum, roepnaam: str = "",
                            tussenvoegsel: str = "", bsn: str = "", leerlingnummer: str | None = None) -> dict:
    """The pupil's details checked as the pages check them (``NaamVeld``, ``GeboortedatumVeld``, ``validate_bsn``):
    the cleaned values, or ``LeerlingFout`` with every field's messages at once. Writes nothing (the import's preview
    uses it)."""
    from datetime import date

    from django import forms

    from portal.basis.forms import NaamVeld, geldige_naam

    from .validators import validate_bsn

    velden = {"voornamen": NaamVeld(max_length=200), "roepnaam": NaamVeld(max_length=100, required=False),
              "tussenvoegsel": NaamVeld(max_length=20, required=False), "achternaam": NaamVeld(max_length=200)}
    waarden = {"voornamen": voornamen, "roepnaam": roepnaam, "tussenvoegsel": tussenvoegsel, "achternaam": achternaam}
    fouten, schoon = {}, {}
    for naam, veld in velden.items():
        try:
            schoon[naam] = veld.clean(waarden[naam] or "")
        except forms.ValidationError as e:
            fouten[naam] = e.messages
    if geboortedatum is None or geboortedatum == "":
        fouten["geboortedatum"] = ["Vul de geboortedatum in: dag, maand en jaar."]
    elif not isinstance(geboortedatum, date):
        fouten["geboortedatum"] = ["Vul een geldige datum in, bijvoorbeeld 24-08-2026."]
    elif geboortedatum > timezone.localdate():
        fouten["geboortedatum"] = ["Een geboortedatum ligt niet in de toekomst."]
    elif geboortedatum.year < 1900:
        fouten["geboortedatum"] = ["Controleer het jaar."]
    else:
        schoon["geboortedatum"] = geboortedatum
    bsn = str(bsn or "").strip()
    try:
        validate_bsn(bsn)
        schoon["bsn"] = bsn
    except ValidationError as e:
        fouten["bsn"] = e.messages
    if leerlingnummer is not None:
        nummer = str(leerlingnummer).strip()
        if not nummer:
            fouten["leerlingnummer"] = ["Vul het leerlingnummer uit de leerlingadministratie in."]
        elif len(nummer) > LEERLINGNUMMER_MAX:
            fouten["leerlingnummer"] = [f"Gebruik ten hoogste {LEERLINGNUMMER_MAX} tekens."]
        else:
            try:
                geldige_naam(nummer)
                schoon["leerlingnummer"] = nummer
            except ValidationError as e:
                fouten["leerlingnummer"] = e.messages
    if fouten:
        raise LeerlingFout(fouten)
    return schoon


def leerling_zoek(*, school, bsn: str = "", leerlingnummer: str = "") -> Leerling | None:
    """The pupil the school's administration means: by BSN (it is the same child at every school), else by the
    school's own leerlingnummer. ``LeerlingFout`` when the two point at different pupils."""
    from .models import Leerlingnummer

    op_nummer = (Leerlingnummer.objects.filter(school=school, nummer=leerlingnummer).select_related("leerling").first()
                 if leerlingnummer else None)
    if bsn:
        op_bsn = Leerling.objects.filter(bsn=bsn).first()
        if op_bsn is not None:
            if op_nummer is not None and op_nummer.leerling_id != op_bsn.pk:
                raise LeerlingFout({"leerlingnummer": ["Dit leerlingnummer hoort op deze school al bij een andere "
                                                       "leerling. Controleer het BSN en het leerlingnummer."]})
            return op_bsn
        if op_nummer is not None and op_nummer.leerling.bsn:
            raise LeerlingFout({"bsn": ["Dit leerlingnummer hoort bij een leerling met een ander BSN. Controleer het "
                                        "BSN."]})
    return op_nummer.leerling if op_nummer is not None else None


@transaction.atomic
def leerling_bewaar(*, school, door, leerling: Leerling | None = None, voornamen: str, achternaam: str, geboortedatum,
                    roepnaam: str = "", tussenvoegsel: str = "", bsn: str = "",
                    leerlingnummer: str | None = None) -> tuple[Leerling, bool]:
    """Create a pupil for ``school`` or change one (``leerling``): names, birth date, BSN, and the school's own
    leerlingnummer. Checked as the pages check; an empty BSN never removes a known one (an export may leave it out).
    Returns (pupil, whether anything changed); nothing changed writes nothing and no audit line."""
    from .models import Leerlingnummer

    schoon = leerling_gegevens_check(voornamen=voornamen, achternaam=achternaam, geboortedatum=geboortedatum,
                                     roepnaam=roepnaam, tussenvoegsel=tussenvoegsel, bsn=bsn,
                                     leerlingnummer=leerlingnummer)
    nummer = schoon.pop("leerlingnummer", None)
    if leerling is not None:
        leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    if schoon["bsn"] and Leerling.objects.filter(bsn=schoon["bsn"]).exclude(
            pk=leerling.pk if leerling is not None else None).exists():
        raise LeerlingFout({"bsn": ["Dit BSN hoort bij een andere leerling in het portaal. Controleer het BSN."]})
    if nummer:
        bezet = Leerlingnummer.objects.filter(school=school, nummer=nummer)
        if leerling is not None:
            bezet = bezet.exclude(leerling=leerling)
        if bezet.exists():
            raise LeerlingFout({"leerlingnummer": ["Dit leerlingnummer hoort op deze school al bij een andere "
                                                   "leerling."]})
    nieuw = leerling is None
    if nieuw:
        leerling = Leerling.objects.create(**schoon)
        oud = {}
    else:
        if not schoon["bsn"]:
            schoon["bsn"] = leerling.bsn
        oud = {k: getattr(leerling, k) for k in _GEGEVENS}
        for k, v in schoon.items():
            setattr(leerling, k, v)
    wijzigingen = _diff(oud, schoon) if not nieuw else {}
    if wijzigingen:
        leerling.save(update_fields=list(wijzigingen))
    if nummer:
        bestaand = Leerlingnummer.objects.select_for_update().filter(school=school, leerling=leerling).first()
        if bestaand is None:
            Leerlingnummer.objects.create(school=school, leerling=leerling, nummer=nummer)
            wijzigingen["leerlingnummer"] = [None, nummer]
        elif bestaand.nummer != nummer:
            wijzigingen["leerlingnummer"] = [bestaand.nummer, nummer]
            bestaand.nummer = nummer
            bestaand.save(update_fields=["nummer"])
    if nieuw:
        audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=leerling, leerling=leerling,
                  omschrijving=f"Leerling vastgelegd door school #{school.pk}",
                  wijzigingen={k: v for k, v in wijzigingen.items() if k == "leerlingnummer"})
    elif wijzigingen:
        from portal.audit.services import diff

        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=leerling, leerling=leerling,
                  wijzigingen=diff({k: v[0] for k, v in wijzigingen.items()}, {k: v[1] for k, v in wijzigingen.items()}),
                  omschrijving=f"Gegevens bijgewerkt door school #{school.pk}")
    return leerling, nieuw or bool(wijzigingen)


def _diff(oud: dict, nieuw: dict) -> dict:
    return {k: [oud.get(k), nieuw[k]] for k in _GEGEVENS if k in nieuw and oud.get(k) != nieuw[k]}


def datum_fout(datum, *, jaren_terug: int = 20, jaren_vooruit: int = 1) -> str | None:
    """The pages' message for a date too far away (``DatumVeld``), or None: an enrolment's first or last day."""
    jaar = timezone.localdate().year
    if not jaar - jaren_terug <= datum.year <= jaar + jaren_vooruit:
        return f"Deze datum ligt te ver weg ({jaar - jaren_terug}–{jaar + jaren_vooruit}). Controleer het jaar."
    return None


@transaction.atomic
def inschrijving_zorg(*, leerling: Leerling, school, door, van=None):
    """The pupil is enrolled at ``school`` from ``van`` (today): an enrolment that has not ended is kept as it is
    (its start matters to the OPP's B-2 term); otherwise a definitive one is made (``inschrijving_maak``). Returns the
    new enrolment, or None when there was one."""
    from .models import Inschrijving

    vandaag = timezone.localdate()
    if Inschrijving.objects.filter(leerling=leerling, school=school).filter(
            models.Q(tot__isnull=True) | models.Q(tot__gte=vandaag)).exists():
        return None
    return inschrijving_maak(leerling=leerling, school=school, van=van or vandaag, door=door)


@transaction.atomic
def inschrijving_beeindig(*, inschrijving, door, tot) -> bool:
    """End an enrolment on ``tot`` (the last day). Only the school of the enrolment; audited. Returns whether
    anything changed (the same day again changes nothing)."""
    from .models import Inschrijving

    ins = Inschrijving.objects.select_for_update().get(pk=inschrijving.pk)
    if ins.school_id not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise LeerlingFout({"": ["Alleen de school van inschrijving kan de inschrijving beëindigen."]})
    if tot < ins.van:
        raise LeerlingFout({"tot": ["De einddatum ligt vóór de begindatum."]})
    if (fout := datum_fout(tot, jaren_vooruit=5)) is not None:
        raise LeerlingFout({"tot": [fout]})
    if ins.tot == tot:
        return False
    oud = ins.tot
    ins.tot = tot
    ins.save(update_fields=["tot"])
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=ins, leerling=ins.leerling, label=f"Inschrijving #{ins.pk}",
              wijzigingen={"tot": [oud.isoformat() if oud else None, tot.isoformat()]},
              omschrijving="Inschrijving beëindigd")
    return True


@transaction.atomic
def gezag_uitnodig_school(*, leerling: Leerling, school, door, email: str) -> GezagUitnodiging | None:
    """The school gives a parent's e-mail address (its administration, the import or its system): the parent is
    invited as today — an e-mail with a link; the parent accepts with an account on that address; the school's
    IB'er or directeur confirms (``gezag_bevestig``). Gezag is never linked without both. Returns the invitation, or
    None when nothing was needed: that parent has gezag already, an invitation to that address is open or was
    answered (the school refused it: asking again takes a person). An expired one (14 days) is replaced."""
    from django import forms

    try:
        email = forms.EmailField().clean(email).lower()
    except forms.ValidationError as e:
        raise GezagFout(" ".join(e.messages)) from None
    if school.pk not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise GezagFout("Alleen de school van inschrijving kan een ouder uitnodigen.")
    if Gezag.objects.filter(leerling=leerling, ouder__email__iexact=email).exists():
        return None
    eerder = GezagUitnodiging.objects.select_for_update().filter(leerling=leerling, email=email)
    if eerder.exclude(status__in=[UitnodigingStatus.VERSTUURD, UitnodigingStatus.INGETROKKEN]).exists():
        return None
    grens = timezone.now() - timedelta(seconds=UITNODIGING_MAX_AGE)
    verlopen = []
    for u in eerder.filter(status=UitnodigingStatus.VERSTUURD):
        if u.aangemaakt_op > grens:
            return None
        verlopen.append(u)
    open_andere = GezagUitnodiging.objects.filter(
        leerling=leerling, status__in=[UitnodigingStatus.VERSTUURD, UitnodigingStatus.GEACCEPTEERD],
        aangemaakt_op__gt=grens).exclude(email=email).count()
    if Gezag.objects.filter(leerling=leerling).count() + open_andere >= MAX_GEZAG:
        raise GezagFout("Er zijn al twee ouders met gezag gekoppeld of uitgenodigd.")
    for u in verlopen:
        u.status = UitnodigingStatus.INGETROKKEN
        u.save(update_fields=["status", "bijgewerkt_op"])
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=u, label=f"Uitnodiging gezag #{u.pk}", leerling=leerling,
                  wijzigingen={"status": [UitnodigingStatus.VERSTUURD, UitnodigingStatus.INGETROKKEN]},
                  omschrijving="Verlopen uitnodiging vervangen")
    u = GezagUitnodiging.objects.create(leerling=leerling, uitgenodigd_door=None if _is_systeem(door) else door,
                                        door_school=True, email=email, school=school)
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("leerlingen:uitnodiging", args=[uitnodiging_token(u)])
    OutboxEmail.objects.create(
        aan=u.email, onderwerp="Passend Portaal: bent u ouder met gezag?",
        tekst=f"{school.naam} heeft dit e-mailadres opgegeven als adres van een ouder met gezag van een leerling.\n\n"
        "In Passend Portaal ziet u wat de school en het samenwerkingsverband regelen als uw kind extra hulp krijgt.\n\n"
        f"Klopt dit? Maak dan eerst een account met dit e-mailadres (of log in). Open daarna deze link. De link werkt "
        f"14 dagen:\n{link}\n\n"
        "Daarna controleert de school of u gezag heeft. Pas als de school dat bevestigt, ziet u gegevens van uw kind.\n\n"
        "Klopt dit niet? Dan hoeft u niets te doen.",
    )
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=u, label=f"Uitnodiging gezag #{u.pk}", leerling=leerling,
              omschrijving="Ouder uitgenodigd door de school")
    return u


def groep_naam_fout(naam: str) -> str | None:
    """A group's name checked as the groups page checks it (at most 100 characters, no control characters)."""
    from django import forms

    from portal.basis.forms import NaamVeld

    try:
        NaamVeld(max_length=100).clean(naam)
    except forms.ValidationError as e:
        return " ".join(e.messages)
    return None


@transaction.atomic
def groep_plaats(*, school, door, leerling: Leerling, naam: str, schooljaar: str | None = None) -> bool:
    """The pupil is in group ``naam`` of ``school`` this school year (or ``schooljaar``) — and in no other group of
    that school and year. A group not there yet is made. Through ``groep_bewaar`` (its checks, its audit line).
    Returns whether anything changed."""
    from .models import Groep, schooljaar_van

    schooljaar = schooljaar or schooljaar_van()
    naam = (naam or "").strip()
    if not naam:
        raise GroepFout("Geef de groep een naam.")
    if (fout := groep_naam_fout(naam)) is not None:
        raise GroepFout(fout)
    groepen = list(Groep.objects.filter(school=school, schooljaar=schooljaar, leerlingen=leerling))
    doel = Groep.objects.filter(school=school, schooljaar=schooljaar, naam__iexact=naam).first()
    veranderd = False
    for g in groepen:
        if doel is None or g.pk != doel.pk:
            groep_bewaar(school=school, door=door, naam=g.naam, schooljaar=g.schooljaar, groep=g,
                         leerlingen=g.leerlingen.exclude(pk=leerling.pk), leerkrachten=g.leerkrachten.all())
            veranderd = True
    if doel is None:
        groep_bewaar(school=school, door=door, naam=naam, schooljaar=schooljaar, leerlingen=[leerling],
                     leerkrachten=[])
        return True
    if not any(g.pk == doel.pk for g in groepen):
        groep_bewaar(school=school, door=door, naam=doel.naam, schooljaar=doel.schooljaar, groep=doel,
                     leerlingen=[*doel.leerlingen.all(), leerling], leerkrachten=doel.leerkrachten.all())
        veranderd = True
    return veranderd


@dataclass
class Synchronisatie:
    """What ``leerling_synchroniseer`` did: the pupil, whether it is new, and what changed (``gegevens``,
    ``inschrijving``, ``groep``, ``uitnodiging``); an empty list: nothing."""

    leerling: Leerling
    nieuw: bool
    wijzigingen: list = field(default_factory=list)


@transaction.atomic
def leerling_synchroniseer(*, school, door, gegevens: dict, leerling: Leerling | None = None,
                           ingeschreven_vanaf=None, groep: str = "", ouder_emails=()) -> Synchronisatie:
    """One pupil as the school's administration has them: found (``leerling``, else by BSN, else by the school's
    leerlingnummer) or made, their details updated, enrolled at ``school`` when not already, placed in ``groep``
    (when given), and each parent's e-mail invited to confirm gezag (``gezag_uitnodig_school``). All or nothing:
    ``LeerlingFout`` names the field. Running it again with the same input changes nothing and writes no audit line."""
    if school.pk not in door.school_ids(Rol.IB, Rol.DIRECTEUR):
        raise LeerlingFout({"": ["Alleen de IB'er of directeur van de school kan leerlingen van de school bijhouden."]})
    from django import forms

    gegevens = dict(gegevens)
    fouten, emails = {}, []
    try:  # every field's message at once, before anything is looked up or written
        leerling_gegevens_check(**gegevens)
    except LeerlingFout as e:
        fouten.update(e.velden)
    for i, email in enumerate(e for e in ouder_emails if e):
        try:
            emails.append(forms.EmailField().clean(email).lower())
        except forms.ValidationError as e:
            fouten[f"ouders.{i}"] = e.messages
    if ingeschreven_vanaf is not None and (fout := datum_fout(ingeschreven_vanaf)) is not None:
        fouten["ingeschreven_vanaf"] = [fout]
    if groep and (fout := groep_naam_fout(groep)) is not None:
        fouten["groep"] = [fout]
    if fouten:
        raise LeerlingFout(fouten)
    if leerling is None:
        leerling = leerling_zoek(school=school, bsn=str(gegevens.get("bsn") or "").strip(),
                                 leerlingnummer=str(gegevens.get("leerlingnummer") or "").strip())
    nieuw = leerling is None
    leerling, gewijzigd = leerling_bewaar(school=school, door=door, leerling=leerling, **gegevens)
    uit = Synchronisatie(leerling=leerling, nieuw=nieuw, wijzigingen=["gegevens"] if gewijzigd else [])
    if inschrijving_zorg(leerling=leerling, school=school, door=door, van=ingeschreven_vanaf) is not None:
        uit.wijzigingen.append("inschrijving")
    if groep:
        try:
            if groep_plaats(school=school, door=door, leerling=leerling, naam=groep):
                uit.wijzigingen.append("groep")
        except GroepFout as e:
            raise LeerlingFout({"groep": [str(e)]}) from None
    for i, email in enumerate(dict.fromkeys(emails)):
        try:
            if gezag_uitnodig_school(leerling=leerling, school=school, door=door, email=email) is not None:
                uit.wijzigingen.append("uitnodiging")
        except GezagFout as e:
            raise LeerlingFout({f"ouders.{i}": [str(e)]}) from None
    return uit
