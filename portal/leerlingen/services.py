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
