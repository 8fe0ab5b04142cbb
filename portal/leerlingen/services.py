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
        _na_inschrijving(ins, door, van, extra_ondersteuning)
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
