"""Share one case with a helper of the parents' choice (issue #11 §3): an onderwijsconsulent, a cliëntondersteuner
or someone of the SWV's ouder- en jeugdsteunpunt. The invitation is signed (``django.core.signing`` with its own
salt), expires, and can be used once; the share can be revoked and ends on its own date. The core's access rule
honours an active share (``portal.zaken.registry.toegang_q``); every view by the helper is audited and listed
for the parents."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.meldingen.models import OutboxEmail
from portal.meldingen.services import melding_stuur
from portal.zaken.models import Deling

from ..constants import HulpRol
from .common import GeschilFout, eis_ouder, meld_ouders

DELING_SALT = "geschillen.deling-uitnodiging"
UITNODIGING_GELDIG = timedelta(days=7)  # the invitation link; the share itself runs until ``geldig_tot``
MAX_GELDIG = timedelta(days=365)


def deling_token(deling: Deling) -> str:
    return signing.dumps({"d": deling.pk, "e": deling.uitgenodigd_email}, salt=DELING_SALT)


def uitnodiging_url(deling: Deling) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("geschillen:deling_aannemen", args=[deling_token(deling)])


def _einde_van(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag + timedelta(days=1), time.min))


@transaction.atomic
def deling_nodig_uit(*, zaak, ouder, email: str, rol: str, geldig_tot: date, vandaag: date | None = None) -> Deling:
    """The parents invite a helper to read this one case until ``geldig_tot`` (inclusive, at most a year)."""
    vandaag = vandaag or timezone.localdate()
    eis_ouder(ouder, zaak.leerling)
    email = (email or "").strip().lower()
    if rol not in HulpRol.values:
        raise GeschilFout(_("Kies met wie u deelt: een onderwijsconsulent, een cliëntondersteuner of het steunpunt."))
    if not email or email == ouder.email.lower():
        raise GeschilFout(_("Vul het e-mailadres in van degene met wie u deelt."))
    if geldig_tot <= vandaag or geldig_tot > vandaag + MAX_GELDIG:
        raise GeschilFout(_("Kies een einddatum na vandaag en binnen een jaar."))
    open_ = Deling.objects.filter(zaak_id=zaak.pk, uitgenodigd_email=email, ingetrokken_op__isnull=True,
                                  geldig_tot__gt=timezone.now())
    if open_.exists():
        raise GeschilFout(_("U heeft deze zaak al met dit e-mailadres gedeeld. Trek die deling eerst in."))
    deling = Deling.objects.create(zaak_id=zaak.pk, uitgenodigd_email=email, rol=rol, gedeeld_door=ouder,
                                   geldig_tot=_einde_van(geldig_tot))
    naam = ouder.get_full_name() or ouder.email
    OutboxEmail.objects.create(
        aan=email, onderwerp="Passend Portaal: een ouder deelt een zaak met u",
        tekst=f"{naam} wil in Passend Portaal één zaak met u delen, zodat u als {HulpRol(rol).label.lower()} kunt "
        f"meelezen.\n\nLog in met dit e-mailadres en open deze link (7 dagen geldig, één keer te gebruiken):\n"
        f"{uitnodiging_url(deling)}\n\nU heeft een account nodig met de rol {HulpRol(rol).label.lower()}. De ouders "
        "zien wanneer u de zaak bekijkt, en kunnen het delen op elk moment stoppen.\n\nDit bericht bevat bewust geen "
        "gegevens over het kind.")
    bestaand = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if bestaand is not None:
        melding_stuur(ontvangers=[bestaand], sleutel=f"deling:{deling.pk}:uitnodiging",
                      titel=N_("Een ouder wil een zaak met u delen"),
                      tekst=N_("Open de link in de e-mail die u kreeg om mee te lezen."), url="", email=False)
    audit_log(actor=ouder, actie=Actie.AANGEMAAKT, obj=deling, leerling=zaak.leerling,
              omschrijving=f"Zaak gedeeld met {email} als {rol} tot en met {geldig_tot.isoformat()}")
    return deling


@transaction.atomic
def deling_neem_aan(*, token: str, user) -> Deling:
    """The helper accepts: once, before the link expires, with the invited address and a helper role."""
    try:
        data = signing.loads(token, salt=DELING_SALT, max_age=UITNODIGING_GELDIG)
    except signing.SignatureExpired:
        raise GeschilFout(_("Deze uitnodiging is verlopen. Vraag de ouders om een nieuwe.")) from None
    except signing.BadSignature:
        raise GeschilFout(_("Deze uitnodiging is ongeldig.")) from None
    deling = (Deling.objects.select_for_update(of=("self",)).select_related("zaak", "zaak__leerling")
              .filter(pk=data.get("d")).first())
    if deling is None or deling.gedeeld_met_id or deling.ingetrokken_op or deling.uitgenodigd_email != data.get("e"):
        raise GeschilFout(_("Deze uitnodiging is al gebruikt of ingetrokken."))
    if deling.geldig_tot <= timezone.now():
        raise GeschilFout(_("De ouders deelden deze zaak maar tot een datum die al voorbij is."))
    if user.email.lower() != deling.uitgenodigd_email:
        raise GeschilFout(_("Deze uitnodiging is voor een ander e-mailadres. Log in met het adres waarop u de "
                          "uitnodiging kreeg."))
    if not user.heeft_rol(deling.rol):
        raise GeschilFout(_("Alleen een account met de rol %(rol)s kan deze uitnodiging aannemen.")
                          % {"rol": str(HulpRol(deling.rol).label).lower()})
    deling.gedeeld_met, deling.aangenomen_op = user, timezone.now()
    deling.save(update_fields=["gedeeld_met", "aangenomen_op"])
    audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=deling, leerling=deling.zaak.leerling,
              wijzigingen={"gedeeld_met": [None, user.pk]}, omschrijving="Uitnodiging aangenomen")
    meld_ouders(deling.zaak, f"deling:{deling.pk}:aangenomen", N_("Iemand leest mee met uw zaak"),
                N_("%(naam)s leest nu mee met %(zaak)s, tot en met %(tot)s. U ziet wanneer de zaak wordt bekeken en "
                   "kunt het delen stoppen."), naam=user.get_full_name() or user.email,
                tot=timezone.localdate(deling.geldig_tot) - timedelta(days=1))
    return deling


@transaction.atomic
def deling_trek_in(*, deling: Deling, ouder) -> Deling:
    """Stop sharing: the helper's access ends at once."""
    deling = Deling.objects.select_for_update(of=("self",)).select_related("zaak", "zaak__leerling",
                                                                           "gedeeld_met").get(pk=deling.pk)
    eis_ouder(ouder, deling.zaak.leerling)
    if deling.ingetrokken_op:
        raise GeschilFout(_("Dit delen is al gestopt."))
    deling.ingetrokken_op = timezone.now()
    deling.save(update_fields=["ingetrokken_op"])
    audit_log(actor=ouder, actie=Actie.GEWIJZIGD, obj=deling, leerling=deling.zaak.leerling,
              wijzigingen={"ingetrokken_op": [None, deling.ingetrokken_op.isoformat()]}, omschrijving="Delen gestopt")
    if deling.gedeeld_met_id:
        melding_stuur(ontvangers=[deling.gedeeld_met], sleutel=f"deling:{deling.pk}:ingetrokken",
                      titel=N_("Een zaak wordt niet meer met u gedeeld"),
                      tekst=N_("De ouders hebben het delen van %(zaak)s gestopt. U kunt de zaak niet meer bekijken."),
                      gegevens={"zaak": deling.zaak.nummer}, url="")
    return deling
