from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.meldingen.models import OutboxEmail

from .models import Gezag, GezagUitnodiging, Leerling, UitnodigingStatus

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

_NA_INSCHRIJVING: list = []


def register_na_inschrijving(func) -> None:
    """``func(inschrijving, door, definitief_op, extra_ondersteuning)`` runs in the transaction that made
    an enrolment definitive (a new definitive one, or a temporary one made definitive). The OPP uses it to
    start its 6-week term (B-2). ``portal`` never imports the app that registers."""
    if func not in _NA_INSCHRIJVING:
        _NA_INSCHRIJVING.append(func)


def _na_inschrijving(ins, door, op, extra_ondersteuning):
    for func in _NA_INSCHRIJVING:
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
