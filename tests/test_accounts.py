"""Login, 2FA, throttling, registration with e-mail verification, password reset, re-authentication."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.constants import Rol
from portal.accounts.models import User
from portal.meldingen.services import outbox_verwerk

from .conftest import login_staff
from .factories import PASSWORD, member


def login(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def test_staff_cannot_reach_anything_without_2fa(world, client):
    r = login(client, world.ib_a.email)
    assert r.status_code == 302
    r = client.get(reverse("core:home"))
    assert r.status_code == 302 and r.url == reverse("accounts:2fa_setup")
    r = client.get(reverse("leerlingen:detail", args=[world.kind_a.pk]))
    assert r.status_code == 302 and "tweestaps" in r.url


def test_staff_sets_up_totp_then_gets_in(world, client):
    """With the link e-mailed after the password login (issue #19 §2; tests/test_accounts_tweestaps.py has the rest)."""
    from urllib.parse import urlsplit

    from portal.meldingen.models import OutboxEmail

    login(client, world.ib_a.email)
    r = client.get(reverse("accounts:2fa_setup"))
    assert r.status_code == 200 and b"data:image/svg+xml" not in r.content  # the password alone shows no secret
    link = re.search(r"https?://\S+", OutboxEmail.objects.get(aan=world.ib_a.email).tekst).group(0)
    assert client.post(urlsplit(link).path).status_code == 302
    r = client.get(reverse("accounts:2fa_setup"))
    assert r.status_code == 200 and b"data:image/svg+xml" in r.content
    device = TOTPDevice.objects.get(user=world.ib_a, confirmed=False)
    r = client.post(reverse("accounts:2fa_setup"), {"token": "000000" if code(device) != "000000" else "111111"})
    assert r.status_code == 200 and "klopt niet" in r.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    device.refresh_from_db()
    r = client.post(reverse("accounts:2fa_setup"), {"token": code(device)})
    assert r.status_code == 200 and "herstelcodes" in r.content.decode()  # shown once, in the answer
    assert client.get(reverse("core:home")).status_code == 200


def test_staff_with_device_must_enter_code_at_login(world, client):
    device = TOTPDevice.objects.create(user=world.dir_a, name="app", confirmed=True)
    login(client, world.dir_a.email)
    r = client.get(reverse("core:home"))
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:2fa_verify"))
    r = client.post(reverse("accounts:2fa_verify"), {"token": "12ab56"})
    assert "alleen uit cijfers" in r.content.decode()
    r = client.post(reverse("accounts:2fa_verify") + "?next=/start/", {"token": code(device), "next": "/start/"})
    assert r.status_code == 302 and r.url == "/start/"
    assert client.get(reverse("core:home")).status_code == 200


def test_parent_needs_no_2fa(world, client):
    login(client, world.ouder_a.email)
    r = client.get(reverse("core:home"))
    assert r.status_code == 200
    assert "Mijn kinderen" in r.content.decode() and world.kind_a.achternaam in r.content.decode()


def test_demo_flag_switches_2fa_off_and_shows_banner(world, client, settings):
    settings.DEMO = True
    login(client, world.ib_a.email)
    r = client.get(reverse("core:home"))
    assert r.status_code == 200 and "Demo-omgeving" in r.content.decode()


def test_sqlite_alone_never_means_demo():
    """Without PORTAL_DEMO the embedded default still demands 2FA."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "PORTAL_DEMO", "REQUIRE_SERVICES")}
    r = subprocess.run([sys.executable, "-c", "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='portal.settings';"
                        "django.setup();from django.conf import settings as s;"
                        "print(s.DATABASES['default']['ENGINE'], s.DEMO)"], env=env, capture_output=True, text=True)
    assert r.stdout.split() == ["django.db.backends.sqlite3", "False"], r.stderr


def test_throttling_locks_after_repeated_failures(world, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        r = login(client, world.ouder_a.email, "fout-wachtwoord")
        assert r.status_code == 200
    assert login(client, world.ouder_a.email, "fout-wachtwoord").status_code == 429  # the 5th failure locks
    r = login(client, world.ouder_a.email, PASSWORD)  # even the right password is refused now
    assert r.status_code == 429
    assert "Te veel mislukte pogingen" in r.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_dutch_error(world, client):
    r = login(client, world.ouder_a.email, "verkeerd")
    assert "horen niet bij elkaar" in r.content.decode()


@pytest.mark.django_db
def test_parent_registration_verifies_email(client):
    r = client.post(reverse("accounts:registreer"), {
        "first_name": "Fatima", "last_name": "Yilmaz", "email": "Fatima@Example.nl",
        "password1": "Zomer-In-Utrecht-2026", "password2": "Zomer-In-Utrecht-2026"})
    assert r.status_code == 200 and "Kijk in uw mail" in r.content.decode()
    user = User.objects.get(email="fatima@example.nl")
    assert not user.is_active and user.rollen == {Rol.OUDER}
    assert login(client, "fatima@example.nl", "Zomer-In-Utrecht-2026").status_code == 200  # not yet
    outbox_verwerk()
    link = re.search(r"http\S+", mail.outbox[0].body).group(0)
    r = client.get(link.replace("http://127.0.0.1:8000", ""))
    assert r.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_geverifieerd_op
    assert login(client, "fatima@example.nl", "Zomer-In-Utrecht-2026").status_code == 302


@pytest.mark.django_db
def test_registration_with_existing_email_does_not_reveal_it(client, world):
    r = client.post(reverse("accounts:registreer"), {
        "first_name": "X", "last_name": "Y", "email": world.ouder_a.email,
        "password1": "Zomer-In-Utrecht-2026", "password2": "Zomer-In-Utrecht-2026"})
    assert "Kijk in uw mail" in r.content.decode()
    assert User.objects.filter(email=world.ouder_a.email).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data, fout",
    [
        ({"password1": "kort", "password2": "kort"}, "te kort"),
        ({"password1": "Zomer-In-Utrecht-2026", "password2": "Anders-2026-xyz"}, "niet gelijk"),
        ({"email": "geen-adres"}, "geldig e-mailadres"),
        ({"first_name": ""}, "verplicht"),
    ],
)
def test_registration_bad_input(client, data, fout):
    base = {"first_name": "A", "last_name": "B", "email": "a@example.nl",
            "password1": "Zomer-In-Utrecht-2026", "password2": "Zomer-In-Utrecht-2026"}
    r = client.post(reverse("accounts:registreer"), base | data)
    assert r.status_code == 200 and fout in r.content.decode()
    assert not User.objects.filter(email="a@example.nl").exists()


def test_bad_verification_token(client, db):
    r = client.get(reverse("accounts:verify_email", args=["nep-token"]))
    assert r.status_code == 400


def test_password_reset_by_email(world, client):
    r = client.post(reverse("accounts:password_reset"), {"email": world.ouder_a.email})
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    r = client.get(path, follow=True)
    r = client.post(r.redirect_chain[-1][0], {"new_password1": "Nieuw-Wachtwoord-77", "new_password2": "Nieuw-Wachtwoord-77"})
    assert r.status_code == 302
    assert login(client, world.ouder_a.email, "Nieuw-Wachtwoord-77").status_code == 302


def test_reauth_required_before_confirming_second_parent(world, client):
    from portal.leerlingen.models import GezagUitnodiging, UitnodigingStatus

    tweede = member(Rol.OUDER)
    u = GezagUitnodiging.objects.create(leerling=world.kind_a, uitgenodigd_door=world.ouder_a, email=tweede.email,
                                        school=world.school_a, status=UitnodigingStatus.GEACCEPTEERD,
                                        geaccepteerd_door=tweede)
    device = login_staff(client, world.ib_a)
    url = reverse("leerlingen:uitnodiging_bevestig", args=[u.pk])
    r = client.post(url, {"besluit": "akkoord"})
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:reauth"))
    u.refresh_from_db()
    assert u.status == UitnodigingStatus.GEACCEPTEERD  # nothing happened yet
    r = client.post(reverse("accounts:reauth"), {"password": "fout", "token": code(device)})
    assert "klopt niet" in r.content.decode()
    r = client.post(reverse("accounts:reauth"), {"password": PASSWORD, "token": code(device), "next": url})
    assert r.status_code == 302 and r.url == url
    r = client.post(url, {"besluit": "akkoord"})
    u.refresh_from_db()
    assert u.status == UitnodigingStatus.BEVESTIGD
    assert world.kind_a.gezag.filter(ouder=tweede).exists()


def test_reauth_guessing_ends_the_session(world, client):
    """The re-authentication page has no lockout of its own: five wrong passwords in a row end the session, so the
    next guess goes through the login page and django-axes; a right one in between starts the count again."""
    from portal.accounts.views import REAUTH_MAX_FOUTEN
    from portal.audit.models import AuditEntry

    device = login_staff(client, world.ib_a)
    url = reverse("accounts:reauth")
    for _i in range(REAUTH_MAX_FOUTEN - 1):
        r = client.post(url, {"password": "fout", "token": code(device)})
        assert r.status_code == 200 and "klopt niet" in r.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=40)):  # a fresh TOTP step
        assert client.post(url, {"password": PASSWORD, "token": code(device)}).status_code == 302
        for _i in range(REAUTH_MAX_FOUTEN - 1):
            assert client.post(url, {"password": "fout", "token": "000000"}).status_code == 200
        r = client.post(url, {"password": "fout", "token": "000000"})
    assert r.status_code == 302 and r.url == reverse("accounts:login")
    assert client.get(reverse("core:home")).status_code == 302  # logged out
    assert AuditEntry.objects.filter(omschrijving__startswith="Uitgelogd na 5 verkeerde wachtwoorden").count() == 1


def test_session_expires(settings):
    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSIE_VERLENG_NA <= 60


def test_session_is_extended_at_most_once_a_minute(world, client, settings):
    """Sliding idle timeout without a database write per page (issue #14): a request extends the session only
    when the last extension is a minute old."""
    import time_machine
    from django.contrib.sessions.models import Session

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client.force_login(world.ouder_a)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    with time_machine.travel("2026-11-25 10:00:00+00:00", tick=False):
        client.get(reverse("core:home"))
        eerst = Session.objects.get(pk=key).expire_date
    with time_machine.travel("2026-11-25 10:00:30+00:00", tick=False):
        client.get(reverse("core:home"))
        assert Session.objects.get(pk=key).expire_date == eerst  # not saved again within the minute
    with time_machine.travel("2026-11-25 10:01:05+00:00", tick=False):
        client.get(reverse("core:home"))
        assert Session.objects.get(pk=key).expire_date > eerst  # extended
    with time_machine.travel("2026-11-25 11:01:10+00:00", tick=False):
        r = client.get(reverse("core:home"))
        assert r.status_code == 302  # an hour without activity: logged out


def test_language_is_the_users_choice_not_the_browsers(world, client):
    """Issue #8: the UI language is what the user chose (Dutch by default), never Accept-Language."""
    from django.urls import reverse

    client.force_login(world.ouder_a)
    r = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert r["Content-Language"] == "nl"
    client.post(reverse("accounts:instellingen"), {"taal": "en", "brieven_digitaal": "ja"})
    world.ouder_a.refresh_from_db()
    assert world.ouder_a.taal == "en" and world.ouder_a.brieven_digitaal is True
    assert client.get(reverse("core:home"))["Content-Language"] == "en"


def test_language_switch_is_remembered_for_visitors_and_users(world, client):
    from django.urls import reverse

    r = client.post(reverse("core:taal"), {"taal": "en", "next": "/privacy/"})
    assert r.status_code == 302 and r["Location"] == "/privacy/"
    assert client.get("/privacy/")["Content-Language"] == "en"  # the cookie, not the browser
    client.force_login(world.ouder_a)
    client.post(reverse("core:taal"), {"taal": "en", "next": "https://evil.example/"})
    world.ouder_a.refresh_from_db()
    assert world.ouder_a.taal == "en"  # remembered in the account: a new login keeps it


def test_a_visitor_who_chose_english_keeps_it_after_logging_in(world, client):
    """Issue #13: the language switch before login is an explicit choice; an account with the default takes it
    over. An account that chose a language itself keeps its own."""
    from django.urls import reverse

    from .factories import PASSWORD

    client.post(reverse("core:taal"), {"taal": "en", "next": "/"})
    client.post(reverse("accounts:login"), {"username": world.ouder_a.email, "password": PASSWORD})
    world.ouder_a.refresh_from_db()
    assert world.ouder_a.taal == "en"
    assert client.get(reverse("core:home"))["Content-Language"] == "en"
    client.logout()
    world.ouder_b.taal = "en"
    world.ouder_b.save()
    client.post(reverse("core:taal"), {"taal": "nl", "next": "/"})
    client.post(reverse("accounts:login"), {"username": world.ouder_b.email, "password": PASSWORD})
    world.ouder_b.refresh_from_db()
    assert world.ouder_b.taal == "en"
