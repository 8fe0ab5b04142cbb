"""Issue #19 §2: a staff member's second factor cannot be set up with the password alone.

First set-up needs a single-use link, valid for a day, e-mailed to the account's own address (or sent by the
beheerder's reset); a new phone needs the current code or a beheerder's reset; ten recovery codes, each usable once."""

import re
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.constants import Rol
from portal.accounts.models import TweestapsUitnodiging
from portal.audit.models import AuditEntry
from portal.meldingen.models import OutboxEmail

from .conftest import login_staff
from .factories import PASSWORD, member

SETUP = reverse("accounts:2fa_setup")


def login(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def links_aan(user) -> list[str]:
    """The set-up links mailed to ``user``, newest last, as paths."""
    mails = OutboxEmail.objects.filter(aan=user.email, onderwerp__contains="tweestapsverificatie").order_by("pk")
    return [urlsplit(re.search(r"https?://\S+", m.tekst).group(0)).path for m in mails]


def herstelcodes(r) -> list[str]:
    return re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", r.content.decode())


def geheim_getoond(r) -> bool:
    tekst = r.content.decode()
    return "data:image/svg+xml" in tekst or "Sleutel:" in tekst


def koppel(client, user, link):
    """Use ``link`` and confirm the app with its first code: returns the answer with the recovery codes."""
    assert client.post(link).status_code == 302
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(SETUP, {"token": code(device)}), device


def test_password_alone_never_shows_the_secret(world, client):
    """The reproduction of issue #19 §2: a staff member who never set up the second factor logs in with the password
    and is sent to the set-up page. That page shows no QR code and no key, and makes no device: it says a link was
    sent to the account's e-mail address."""
    r = login(client, world.ib_a.email)
    assert r.status_code == 302
    r = client.get(reverse("core:home"))
    assert r.status_code == 302 and r.url == SETUP
    r = client.get(SETUP)
    assert r.status_code == 200 and not geheim_getoond(r)
    assert "Kijk in uw mail" in r.content.decode() and world.ib_a.email in r.content.decode()
    assert not TOTPDevice.objects.filter(user=world.ib_a).exists()
    assert client.post(SETUP, {"token": "123456"}).status_code == 200  # no device to confirm either
    assert not TOTPDevice.objects.filter(user=world.ib_a).exists()
    assert client.get(reverse("core:home")).status_code == 302
    assert len(links_aan(world.ib_a)) == 1  # the link went to the account's own address


def test_a_second_login_sends_no_second_link_while_one_is_open(world, client):
    login(client, world.ib_a.email)
    client.logout()
    login(client, world.ib_a.email)
    assert len(links_aan(world.ib_a)) == 1


def test_a_valid_link_shows_the_secret_and_sets_up_the_app_once(world, client):
    login(client, world.ib_a.email)
    [link] = links_aan(world.ib_a)
    r = client.get(link)  # opening the link (or a mail scanner fetching it) uses nothing
    assert r.status_code == 200 and not geheim_getoond(r) and "Begin met instellen" in r.content.decode()
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    r = client.get(SETUP)
    assert r.status_code == 200 and geheim_getoond(r)
    device = TOTPDevice.objects.get(user=world.ib_a, confirmed=False)
    r = client.post(SETUP, {"token": "000000" if code(device) != "000000" else "111111"})
    assert "klopt niet" in r.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    device.refresh_from_db()
    r = client.post(SETUP, {"token": code(device)})
    assert r.status_code == 200
    codes = herstelcodes(r)
    assert len(set(codes)) == 10 and r["Cache-Control"] == "no-store"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("core:home")).status_code == 200
    assert TweestapsUitnodiging.objects.get(user=world.ib_a).gebruikt_op is not None
    r = client.get(SETUP)  # the secret is never shown again
    assert not geheim_getoond(r) and "staat al aan" in r.content.decode()
    r = client.get(link)
    assert r.status_code == 400 and "al gebruikt" in r.content.decode()
    assert AuditEntry.objects.filter(object_id=str(world.ib_a.pk), omschrijving__startswith="Tweestapsverificatie ingesteld").exists()


def test_a_used_link_is_refused_to_another_session(world, client):
    from django.test import Client

    login(client, world.ib_a.email)
    [link] = links_aan(world.ib_a)
    client.post(link)
    ander = Client()
    login(ander, world.ib_a.email)
    r = ander.post(link)
    assert r.status_code == 400 and "al gebruikt" in r.content.decode()
    assert not geheim_getoond(ander.get(SETUP))
    assert TOTPDevice.objects.filter(user=world.ib_a).count() == 1  # only the first session's


def test_an_expired_link_is_refused(world, client):
    with time_machine.travel(timezone.now(), tick=False) as reis:
        login(client, world.ib_a.email)
        [link] = links_aan(world.ib_a)
        reis.shift(60 * 60 * 25)
        # a login the next day (yesterday's session is gone; with Redis the cached copy would still live in real time)
        client.logout()
        login(client, world.ib_a.email)
        assert len(links_aan(world.ib_a)) == 2  # the expired link is not open: a login sends a new one
        r = client.get(link)
        assert r.status_code == 400 and "verlopen" in r.content.decode()
        r = client.post(link)
        assert r.status_code == 400 and "verlopen" in r.content.decode()
    assert not TOTPDevice.objects.filter(user=world.ib_a).exists()


def test_a_link_of_another_account_or_a_broken_link_is_refused(world, client):
    login(client, world.ib_a.email)
    [link] = links_aan(world.ib_a)
    client.logout()
    login(client, world.dir_a.email)
    r = client.post(link)
    assert r.status_code == 400 and "ander account" in r.content.decode()
    r = client.post(link[:-5] + "xxxxx/")
    assert r.status_code == 400 and "werkt niet" in r.content.decode()
    assert not TOTPDevice.objects.exists()


def test_the_link_needs_the_password_too(world, client):
    """The link alone is not enough: an anonymous visitor is sent to the login page first."""
    login(client, world.ib_a.email)
    [link] = links_aan(world.ib_a)
    client.logout()
    r = client.post(link)
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:login"))
    assert TweestapsUitnodiging.objects.get().gebruikt_op is None


def test_asking_for_a_new_link_is_rate_limited_and_revokes_the_old_one(world, client):
    with time_machine.travel(timezone.now(), tick=False) as reis:
        login(client, world.ib_a.email)
        r = client.post(reverse("accounts:2fa_link"), follow=True)
        assert "net een link gestuurd" in r.content.decode()
        assert len(links_aan(world.ib_a)) == 1
        for _ in range(4):
            reis.shift(180)
            r = client.post(reverse("accounts:2fa_link"), follow=True)
            assert "nieuwe link gestuurd" in r.content.decode()
        reis.shift(180)
        r = client.post(reverse("accounts:2fa_link"), follow=True)
        assert "al 5 links gestuurd" in r.content.decode()
        links = links_aan(world.ib_a)
        assert len(links) == 5
        r = client.post(links[0])
        assert r.status_code == 400 and "nieuwere link" in r.content.decode()
        assert client.post(links[-1]).status_code == 302


def test_recovery_code_logs_in_once_and_not_twice(world, client):
    from django.test import Client

    login(client, world.ib_a.email)
    r, device = koppel(client, world.ib_a, links_aan(world.ib_a)[0])
    herstel = herstelcodes(r)[0]
    tweede = Client()
    login(tweede, world.ib_a.email)
    assert tweede.get(reverse("core:home")).url.startswith(reverse("accounts:2fa_verify"))
    r = tweede.post(reverse("accounts:2fa_verify"), {"token": herstel.upper().replace("-", " ")})
    assert r.status_code == 302
    assert tweede.get(reverse("core:home")).status_code == 200
    assert StaticToken.objects.filter(device__user=world.ib_a).count() == 9
    assert AuditEntry.objects.filter(omschrijving__startswith="Herstelcode gebruikt").count() == 1
    assert OutboxEmail.objects.filter(aan=world.ib_a.email, onderwerp__contains="herstelcode").count() == 1
    derde = Client()
    login(derde, world.ib_a.email)
    r = derde.post(reverse("accounts:2fa_verify"), {"token": herstel})
    assert r.status_code == 200 and "klopt niet of is al gebruikt" in r.content.decode()
    assert derde.get(reverse("core:home")).status_code == 302


def test_staff_with_a_device_cannot_set_up_again_with_the_password_alone(world, client):
    """Re-enrolment without the old factor is refused: no link, no new device, no secret."""
    oud = TOTPDevice.objects.create(user=world.dir_a, name="app", confirmed=True)
    login(client, world.dir_a.email)
    assert not links_aan(world.dir_a)  # no link at login: the account already has a factor
    r = client.get(SETUP)
    assert r.status_code == 302 and r.url == reverse("accounts:2fa_verify")
    r = client.post(reverse("accounts:2fa_link"), follow=True)
    assert "al tweestapsverificatie" in r.content.decode() and not links_aan(world.dir_a)
    r = client.post(reverse("accounts:tweestaps"), {"actie": "opnieuw", "opnieuw-token": "123456"})
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:2fa_verify"))
    assert list(TOTPDevice.objects.filter(user=world.dir_a)) == [oud]
    # an old link from before the factor was set up does not work either
    from portal.accounts.tweestaps import koppellink_maak

    link = urlsplit(koppellink_maak(user=world.dir_a)).path
    r = client.post(link)
    assert r.status_code == 400 and "al tweestapsverificatie" in r.content.decode()
    assert list(TOTPDevice.objects.filter(user=world.dir_a)) == [oud]


def test_a_new_phone_with_the_current_code(world, client):
    oud = login_staff(client, world.dir_a)
    url = reverse("accounts:tweestaps")
    r = client.post(url, {"actie": "opnieuw", "opnieuw-token": "000000" if code(oud) != "000000" else "111111"})
    assert r.status_code == 200 and "klopt niet" in r.content.decode()
    assert TOTPDevice.objects.filter(user=world.dir_a).count() == 1
    TOTPDevice.objects.filter(pk=oud.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    oud.refresh_from_db()
    r = client.post(url, {"actie": "opnieuw", "opnieuw-token": code(oud)})
    assert r.status_code == 302 and r.url == SETUP
    assert geheim_getoond(client.get(SETUP))
    nieuw = TOTPDevice.objects.get(user=world.dir_a, confirmed=False)
    r = client.post(SETUP, {"token": code(nieuw)})
    assert r.status_code == 200 and "herstelcodes" in r.content.decode()
    assert list(TOTPDevice.objects.filter(user=world.dir_a)) == [nieuw]  # the old phone no longer works


def test_new_recovery_codes_need_the_current_code(world, client):
    device = login_staff(client, world.dir_a)
    url = reverse("accounts:tweestaps")
    assert client.get(url).status_code == 200
    r = client.post(url, {"actie": "herstelcodes", "herstel-token": ""})
    assert r.status_code == 200 and "verplicht" in r.content.decode()
    r = client.post(url, {"actie": "herstelcodes", "herstel-token": "12ab56"})
    assert "alleen uit cijfers" in r.content.decode()
    assert not StaticDevice.objects.filter(user=world.dir_a).exists()
    r = client.post(url, {"actie": "herstelcodes", "herstel-token": code(device)})
    eerste = herstelcodes(r)
    assert len(eerste) == 10
    device.refresh_from_db()
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=60), tick=False):
        r = client.post(url, {"actie": "herstelcodes", "herstel-token": code(device)})
    tweede = herstelcodes(r)
    assert len(tweede) == 10 and not set(eerste) & set(tweede)
    assert StaticToken.objects.filter(device__user=world.dir_a).count() == 10  # the first ten are gone
    assert AuditEntry.objects.filter(omschrijving__startswith="Nieuwe herstelcodes").count() == 2


def test_beheerder_reset_removes_the_factor_mails_a_link_and_is_audited(world, client):
    doel = world.dir_a
    TOTPDevice.objects.create(user=doel, name="app", confirmed=True)
    StaticDevice.objects.create(user=doel, name="Herstelcodes", confirmed=True)
    login_staff(client, world.beheerder)
    r = client.post(reverse("admin:accounts_user_changelist"),
                    {"action": "tweede_factor_resetten", "_selected_action": [doel.pk]})
    assert r.status_code == 302
    assert not TOTPDevice.objects.filter(user=doel).exists() and not StaticDevice.objects.filter(user=doel).exists()
    reset = AuditEntry.objects.get(object_id=str(doel.pk), omschrijving__startswith="Tweede factor gereset")
    assert reset.actor == world.beheerder
    [link] = links_aan(doel)
    assert TweestapsUitnodiging.objects.get(user=doel).uitgegeven_door == world.beheerder
    from django.test import Client

    eigen = Client()
    login(eigen, doel.email)
    assert len(links_aan(doel)) == 1  # the beheerder's link is open: no second one at login
    _, device = koppel(eigen, doel, link)
    device.refresh_from_db()
    assert device.confirmed


def test_only_a_beheerder_can_reset_a_second_factor(world, client):
    from portal.accounts.tweestaps import tweede_factor_reset

    doel = world.dir_a
    TOTPDevice.objects.create(user=doel, name="app", confirmed=True)
    with pytest.raises(PermissionDenied):
        tweede_factor_reset(door=world.ib_a, user=doel)
    # staff of the admin site without the beheerder role: the action is not offered and does nothing
    medewerker = member(Rol.SWV, swv=world.swv_a, is_staff=True, is_superuser=True)
    login_staff(client, medewerker)
    r = client.post(reverse("admin:accounts_user_changelist"),
                    {"action": "tweede_factor_resetten", "_selected_action": [doel.pk]})
    assert r.status_code in (200, 302)
    assert TOTPDevice.objects.filter(user=doel, confirmed=True).exists()
    assert not AuditEntry.objects.filter(omschrijving__startswith="Tweede factor gereset").exists()


def test_verify_form_bad_input(world, client):
    TOTPDevice.objects.create(user=world.dir_a, name="app", confirmed=True)
    login(client, world.dir_a.email)
    for waarde, fout in [("", "verplicht"), ("12ab56", "alleen uit cijfers"), ("abc", "alleen uit cijfers"),
                         ("<script>", "alleen uit cijfers"), ("1" * 30, "niet meer dan 20 tekens")]:
        r = client.post(reverse("accounts:2fa_verify"), {"token": waarde})
        assert r.status_code == 200 and fout in r.content.decode(), waarde
    assert client.get(reverse("core:home")).status_code == 302


def test_demo_login_sends_no_link(world, client, settings):
    settings.DEMO = True
    login(client, world.ib_a.email)
    assert client.get(reverse("core:home")).status_code == 200
    assert not links_aan(world.ib_a)


def test_a_reset_ends_the_verified_sessions_of_the_account(world, client):
    """Whoever passed the second factor with the removed app is asked for it again: back to the set-up page."""
    from django.test import Client

    from portal.accounts.tweestaps import tweede_factor_reset

    login_staff(client, world.dir_a)
    assert client.get(reverse("core:home")).status_code == 200
    tweede_factor_reset(door=world.beheerder, user=world.dir_a)
    r = client.get(reverse("core:home"))
    assert r.status_code == 302 and r.url == SETUP
    assert not geheim_getoond(client.get(SETUP))
    assert Client().get(reverse("core:home")).status_code == 302


def test_the_first_beheerder_gets_a_link_from_the_command_line(world, capsys):
    from django.core.management import CommandError, call_command

    beheerder = member(Rol.BEHEERDER, is_staff=True, is_superuser=True)
    call_command("tweestaps_link", beheerder.email.upper(), "--toon")
    uit = capsys.readouterr().out
    [link] = links_aan(beheerder)
    assert link in uit
    assert AuditEntry.objects.filter(systeem=True, omschrijving__contains="manage.py tweestaps_link").exists()
    TOTPDevice.objects.create(user=beheerder, name="app", confirmed=True)
    with pytest.raises(CommandError, match="al tweestapsverificatie"):
        call_command("tweestaps_link", beheerder.email)
    with pytest.raises(CommandError, match="Geen account"):
        call_command("tweestaps_link", "niemand@example.nl")
