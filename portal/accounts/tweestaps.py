"""The second factor of staff (issue #2 §5, issue #19 §2): setting it up, recovery codes, a beheerder's reset.

Who has the password alone never sees the secret of the authenticator app:

- **first set-up** needs a *koppellink*: a signed, single-use link valid for ``TWEESTAPS_LINK_GELDIG`` (24 hours),
  e-mailed to the account's own address — after a password login, on request (rate-limited), or by the beheerder's
  reset. Opening it asks for a click (a mail scanner that fetches links does not use it up); the click uses it and
  lets *this session* see the secret until the first code confirms the app (``KOPPELING_MINUTEN``).
- **a new phone** needs the current code (or a recovery code), or a beheerder's reset.
- **recovery codes**: ten, made when the app is confirmed, shown once, each usable once instead of a code; new ones
  need the current code. Every use is audited and mailed to the account.

Every write is a service here; the views only parse a form and call one.
"""

import hashlib
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit.models import Actie
from portal.audit.services import audit_log
from portal.meldingen.models import OutboxEmail

from .constants import Rol
from .models import TweestapsUitnodiging, User

LINK_SALT = "portal.accounts.tweestaps-koppellink"
# A user may ask for a new link at most once per OPNIEUW_NA, and at most MAX_PER_DAG times a day.
OPNIEUW_NA = timedelta(minutes=2)
MAX_PER_DAG = 5
# After the link is used, this session sees the secret this long (to scan it and type the first code).
KOPPELING_MINUTEN = 30
SESSIE_KOPPELING = "portal_2fa_koppeling"
AANTAL_HERSTELCODES = 10
# No 0/o, 1/l/i: a code read from paper is typed right the first time.
HERSTEL_ALFABET = "abcdefghjkmnpqrstuvwxyz23456789"
HERSTEL_LENGTE = 10


class TweestapsFout(Exception):
    """A refusal with a message in plain Dutch for the user."""


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


def _label(user: User) -> str:
    return f"Account #{user.pk}"


def is_gekoppeld(user: User) -> bool:
    """The account has a confirmed second factor (an authenticator app, or recovery codes left)."""
    return any(True for _ in devices_for_user(user, confirmed=True))


def open_link(user: User) -> TweestapsUitnodiging | None:
    nu = timezone.now()
    return (TweestapsUitnodiging.objects.filter(user=user, gebruikt_op__isnull=True, ingetrokken_op__isnull=True,
                                                verloopt_op__gt=nu).first())


def _mail_link(user: User, url: str, *, door: User | None) -> None:
    geldig = int(settings.TWEESTAPS_LINK_GELDIG.total_seconds() // 3600)
    with translation.override(user.taal or "nl"):  # the mail in the account holder's language
        if door is None:
            reden = _("U logde in bij Passend Portaal. Voor uw account is tweestapsverificatie nodig: naast uw "
                      "wachtwoord een code uit een app op uw telefoon.")
            niet_zelf = _("Heeft u niet zelf ingelogd? Dan kent iemand anders uw wachtwoord. Gebruik deze link dan "
                          "niet, kies 'Wachtwoord vergeten' op de inlogpagina en meld het aan de beheerder van uw "
                          "organisatie.")
        else:
            reden = _("De beheerder van Passend Portaal heeft de tweestapsverificatie van uw account opnieuw "
                      "ingesteld. Koppel uw authenticator-app opnieuw.")
            niet_zelf = _("Had u hier niet om gevraagd? Neem dan contact op met de beheerder van uw organisatie.")
        OutboxEmail.objects.create(
            aan=user.email, onderwerp=_("Passend Portaal: stel uw tweestapsverificatie in"),
            tekst=f"{reden}\n\n" + _("Open deze link op de computer waar u bent ingelogd (%(uur)s uur geldig, één "
                                       "keer te gebruiken):") % {"uur": geldig} + f"\n{url}\n\n{niet_zelf}",
        )


@transaction.atomic
def koppellink_maak(*, user: User, door: User | None = None) -> str:
    """Make a new link for ``user``, e-mail it to the account's address and return it. Older open links of the user
    stop working. ``door``: the beheerder who issued it (None: the user asked for it)."""
    nu = timezone.now()
    TweestapsUitnodiging.objects.filter(user=user, gebruikt_op__isnull=True, ingetrokken_op__isnull=True).update(
        ingetrokken_op=nu)
    sleutel = secrets.token_urlsafe(24)
    link = TweestapsUitnodiging.objects.create(user=user, sleutel_hash=_hash(sleutel), aangemaakt_op=nu,
                                               verloopt_op=nu + settings.TWEESTAPS_LINK_GELDIG, uitgegeven_door=door)
    token = signing.dumps({"u": user.pk, "k": sleutel}, salt=LINK_SALT, compress=True)
    url = settings.PORTAL_BASE_URL.rstrip("/") + reverse("accounts:2fa_koppelen", args=[token])
    _mail_link(user, url, door=door)
    audit_log(actor=door or user, actie=Actie.AANGEMAAKT, obj=link, label=_label(user),
              omschrijving="Koppellink voor tweestapsverificatie gemaild"
              + (" (door de beheerder)" if door is not None else ""))
    return url


def koppellink_bij_inloggen(*, user: User) -> None:
    """After a password login: someone who must use a second factor and has none gets a link, unless an open one is
    already on its way (a login is no way to flood the account's mailbox)."""
    if settings.DEMO or not user.vereist_2fa or is_gekoppeld(user) or open_link(user) is not None:
        return
    koppellink_maak(user=user)


@transaction.atomic
def koppellink_aanvragen(*, user: User) -> str:
    """The user asks for a (new) link on the set-up page: at most once per OPNIEUW_NA and MAX_PER_DAG a day."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time per account
    if is_gekoppeld(user):
        raise TweestapsFout(_("Uw account heeft al tweestapsverificatie. Een nieuwe telefoon koppelt u met uw "
                              "huidige code, of vraag de beheerder om een reset."))
    nu = timezone.now()
    recent = TweestapsUitnodiging.objects.filter(user=user, aangemaakt_op__gt=nu - timedelta(days=1))
    if recent.filter(aangemaakt_op__gt=nu - OPNIEUW_NA).exists():
        raise TweestapsFout(_("We hebben u net een link gestuurd. Kijk in uw mail, ook bij ongewenste mail. Over een "
                              "paar minuten kunt u een nieuwe vragen."))
    if recent.count() >= MAX_PER_DAG:
        raise TweestapsFout(_("Vandaag zijn er al %(aantal)s links gestuurd. Vraag de beheerder van uw organisatie "
                              "om hulp.") % {"aantal": MAX_PER_DAG})
    return koppellink_maak(user=user)


def _zoek_link(*, user: User, token: str, lock: bool = False) -> TweestapsUitnodiging:
    ongeldig = _("Deze link werkt niet. Kopieer de hele link uit de e-mail, of vraag een nieuwe aan.")
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=settings.TWEESTAPS_LINK_GELDIG)
    except signing.SignatureExpired as exc:
        raise TweestapsFout(_("Deze link is verlopen. Vraag hieronder een nieuwe aan.")) from exc
    except signing.BadSignature as exc:
        raise TweestapsFout(ongeldig) from exc
    if not isinstance(data, dict) or data.get("u") != user.pk or not isinstance(data.get("k"), str):
        raise TweestapsFout(_("Deze link hoort bij een ander account. Log in met het account waarvoor de link is "
                              "gestuurd."))
    qs = TweestapsUitnodiging.objects.select_for_update() if lock else TweestapsUitnodiging.objects
    link = qs.filter(user=user, sleutel_hash=_hash(data["k"])).first()
    if link is None:
        raise TweestapsFout(ongeldig)
    if link.gebruikt_op is not None:
        raise TweestapsFout(_("Deze link is al gebruikt. Een link werkt maar één keer. Vraag hieronder een nieuwe "
                              "aan."))
    if link.ingetrokken_op is not None:
        raise TweestapsFout(_("Er is een nieuwere link gestuurd. Gebruik de nieuwste link uit uw mail."))
    if link.verloopt_op <= timezone.now():
        raise TweestapsFout(_("Deze link is verlopen. Vraag hieronder een nieuwe aan."))
    if is_gekoppeld(user):
        raise TweestapsFout(_("Uw account heeft al tweestapsverificatie. Een nieuwe telefoon koppelt u met uw "
                              "huidige code, of vraag de beheerder om een reset."))
    return link


def koppellink_controleer(*, user: User, token: str) -> TweestapsUitnodiging:
    """The open link ``token`` of ``user``, or TweestapsFout saying what is wrong with it (nothing is changed)."""
    return _zoek_link(user=user, token=token)


def _nieuw_apparaat(user: User) -> TOTPDevice:
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)


def _koppeling_in_sessie(session, device: TOTPDevice) -> None:
    session[SESSIE_KOPPELING] = {"device": device.pk, "tot": time.time() + KOPPELING_MINUTEN * 60}


@transaction.atomic
def koppellink_gebruik(*, user: User, token: str, session) -> TOTPDevice:
    """Use the link (once): a new, unconfirmed authenticator device whose secret this session may see."""
    link = _zoek_link(user=user, token=token, lock=True)
    link.gebruikt_op = timezone.now()
    link.save(update_fields=["gebruikt_op"])
    device = _nieuw_apparaat(user)
    _koppeling_in_sessie(session, device)
    audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=link, label=_label(user),
              omschrijving="Koppellink gebruikt om tweestapsverificatie in te stellen")
    return device


def koppeling_uit_sessie(*, user: User, session) -> TOTPDevice | None:
    """The unconfirmed device this session may set up (after a link or the current code), or None."""
    data = session.get(SESSIE_KOPPELING)
    if not isinstance(data, dict) or not isinstance(data.get("tot"), int | float) or data["tot"] < time.time():
        return None
    return TOTPDevice.objects.filter(pk=data.get("device"), user=user, confirmed=False).first()


def _maak_herstelcodes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
    codes = ["".join(secrets.choice(HERSTEL_ALFABET) for _ in range(HERSTEL_LENGTE)) for _ in range(AANTAL_HERSTELCODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def herstelcodes_over(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def tweestaps_bevestig(*, user: User, device: TOTPDevice, code: str, session) -> list[str]:
    """Confirm the new app with its first code: it replaces any older app of the user, and ten new recovery codes
    replace the old ones. Returns the codes (shown once, never again)."""
    # The check commits on its own: a wrong code counts for django-otp's throttling even though we refuse.
    if not device.verify_token(code):
        raise TweestapsFout(_("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de nieuwste code."))
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user, confirmed=False).first()
        if device is None:
            raise TweestapsFout(_("Deze koppeling is al afgerond of verlopen."))
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        vervangen = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()[0]
        codes = _maak_herstelcodes(user)
        session.pop(SESSIE_KOPPELING, None)
        audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=user, label=_label(user),
                  omschrijving=("Nieuwe telefoon gekoppeld voor tweestapsverificatie" if vervangen
                                else "Tweestapsverificatie ingesteld") + f"; {len(codes)} herstelcodes gemaakt")
    return codes


def normaliseer_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def tweede_factor_controleer(*, user: User, code: str, herstelcode: bool = True):
    """The confirmed device ``code`` is valid for — a code of the app, or (``herstelcode``) one of the recovery codes,
    which is then used up, audited and reported to the account by e-mail — or None."""
    code = normaliseer_code(code or "")
    if not code:
        return None
    if code.isdigit():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
        return None
    if not herstelcode:
        return None
    # One request at a time per device: a recovery code cannot be used twice by two parallel requests.
    for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
        if device.verify_token(code):
            over = device.token_set.count()
            audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=user, label=_label(user),
                      omschrijving=f"Herstelcode gebruikt in plaats van de code uit de app; nog {over} over")
            with translation.override(user.taal or "nl"):
                OutboxEmail.objects.create(
                    aan=user.email, onderwerp=_("Passend Portaal: er is een herstelcode gebruikt"),
                    tekst=_("Er is zojuist met een herstelcode van uw account ingelogd of bevestigd. U heeft nog "
                            "%(over)s herstelcodes.\n\nWas u dit niet? Neem dan meteen contact op met de beheerder "
                            "van uw organisatie.") % {"over": over},
                )
            return device
    return None


def herstelcodes_vernieuw(*, user: User, code: str) -> list[str]:
    """Ten new recovery codes for the current code of the app; the old codes stop working."""
    # The check commits on its own (django-otp's throttling counts a wrong code), the change after it.
    if tweede_factor_controleer(user=user, code=code, herstelcode=False) is None:
        raise TweestapsFout(_("Deze code klopt niet. Vul de nieuwste code uit uw authenticator-app in."))
    with transaction.atomic():
        codes = _maak_herstelcodes(user)
        audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=user, label=_label(user),
                  omschrijving=f"Nieuwe herstelcodes gemaakt ({len(codes)}); de oude werken niet meer")
    return codes


def opnieuw_koppelen(*, user: User, code: str, session) -> TOTPDevice:
    """A new phone: with the current code of the app, or a recovery code, this session may set up a new app. The old
    one keeps working until the new one is confirmed."""
    if not is_gekoppeld(user):
        raise TweestapsFout(_("Uw account heeft nog geen tweestapsverificatie. Gebruik de link uit uw mail."))
    if tweede_factor_controleer(user=user, code=code) is None:
        raise TweestapsFout(_("Deze code klopt niet. Vul de nieuwste code uit uw app in, of een herstelcode."))
    with transaction.atomic():
        device = _nieuw_apparaat(user)
        _koppeling_in_sessie(session, device)
        audit_log(actor=user, actie=Actie.GEWIJZIGD, obj=user, label=_label(user),
                  omschrijving="Begonnen met het koppelen van een nieuwe telefoon (met de huidige code)")
    return device


def mag_resetten(door: User | None) -> bool:
    return door is not None and door.is_authenticated and door.heeft_rol(Rol.BEHEERDER)


@transaction.atomic
def tweede_factor_reset(*, door: User, user: User) -> str:
    """The beheerder's reset (someone lost the phone and the recovery codes): every device of ``user`` is removed —
    sessions that passed the second factor with it are no longer verified — and a new link is e-mailed to the
    account's own address. Only a beheerder; audited."""
    if not mag_resetten(door):
        raise PermissionDenied("Alleen een beheerder kan de tweede factor van een account resetten.")
    totp = TOTPDevice.objects.filter(user=user).delete()[0]
    StaticDevice.objects.filter(user=user).delete()
    audit_log(actor=door, actie=Actie.VERWIJDERD, obj=user, label=_label(user),
              omschrijving=f"Tweede factor gereset door de beheerder ({totp} app(s) en de herstelcodes verwijderd)")
    return koppellink_maak(user=user, door=door)
