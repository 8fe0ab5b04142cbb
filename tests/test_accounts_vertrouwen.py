"""Issue #19 §1: login throttling per account and per network, each on its own.

An account is locked after ``AXES_FAILURE_LIMIT`` wrong passwords from anywhere (any IP, any browser); a network
(one IP address, whatever browser) is locked after ``AXES_IP_FAILURE_LIMIT`` failures across accounts. The limit
for a network is higher, so a school behind one NAT address is not locked by one typo-prone colleague."""

import pytest
from django.urls import reverse

from portal.accounts.constants import Rol

from .factories import PASSWORD, member


def poging(client, email, password, *, ip="192.0.2.10", ua="Mozilla/5.0 test"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password},
                       REMOTE_ADDR=ip, HTTP_USER_AGENT=ua)


def test_account_is_locked_from_every_ip_and_browser(world, client, settings):
    """The reproduction of issue #19 §1: 30 wrong passwords, each with another User-Agent and from another address,
    lock the account; then the right password from yet another address and browser is refused with the account
    message."""
    klachten = member(Rol.KLACHTENCOMMISSIE, email="klachten@demo.nl", organisatie_naam="Klachtencommissie")
    antwoorden = [poging(client, klachten.email, f"fout-{i}", ip=f"198.51.100.{i + 1}", ua=f"Browser/{i}")
                  for i in range(30)]
    assert [r.status_code for r in antwoorden[: settings.AXES_FAILURE_LIMIT - 1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert all(r.status_code == 429 for r in antwoorden[settings.AXES_FAILURE_LIMIT - 1:])
    r = poging(client, klachten.email, PASSWORD, ip="203.0.113.77", ua="Nog een andere browser/1.0")
    assert r.status_code == 429
    tekst = r.content.decode()
    assert "Dit account is 15 minuten geblokkeerd" in tekst and "Wachtwoord vergeten" in tekst
    assert "_auth_user_id" not in client.session


def test_the_same_account_in_other_letters_or_with_spaces_counts_as_one(world, client, settings):
    klachten = member(Rol.KLACHTENCOMMISSIE, email="klachten@demo.nl", organisatie_naam="Klachtencommissie")
    schrijfwijzen = ["Klachten@Demo.nl ", " KLACHTEN@DEMO.NL", "klachten@demo.nl", "kLaChTeN@demo.NL", "Klachten@demo.nl"]
    for i, email in enumerate(schrijfwijzen[: settings.AXES_FAILURE_LIMIT]):
        poging(client, email, "fout", ip=f"198.51.100.{i + 1}", ua=f"Browser/{i}")
    r = poging(client, klachten.email, PASSWORD, ip="203.0.113.5")
    assert r.status_code == 429 and "Dit account is 15 minuten geblokkeerd" in r.content.decode()


def test_an_account_lock_leaves_other_accounts_alone(world, client, settings):
    """The lock of one account does not stop another account at the same address and browser."""
    for i in range(settings.AXES_FAILURE_LIMIT + 3):
        poging(client, world.ouder_a.email, f"fout-{i}")
    assert poging(client, world.ouder_a.email, PASSWORD).status_code == 429
    r = poging(client, world.ouder_b.email, PASSWORD)
    assert r.status_code == 302
    assert client.session["_auth_user_id"] == str(world.ouder_b.pk)


def test_first_typo_after_failures_elsewhere_is_just_a_typo(world, client, settings):
    """Issue #19 §1, the side effect: failures on other accounts (elsewhere, and at the same address below the
    network limit) never make someone's first typo say their account is locked."""
    for i in range(settings.AXES_FAILURE_LIMIT + 2):
        poging(client, f"iemand{i}@example.nl", "fout", ip=f"198.51.100.{i + 1}", ua=f"Browser/{i}")
    for i in range(settings.AXES_FAILURE_LIMIT + 2):
        poging(client, f"ander{i}@example.nl", "fout")
    r = poging(client, world.ouder_a.email, "mijn-tikfout")
    assert r.status_code == 200
    tekst = r.content.decode()
    assert "horen niet bij elkaar" in tekst and "Te veel mislukte pogingen" not in tekst
    assert poging(client, world.ouder_a.email, PASSWORD).status_code == 302


def test_many_failures_from_one_network_lock_that_network(world, client, settings):
    """Guessing across many accounts from one address (each account below its own limit) locks the address, whatever
    browser it claims to be; the accounts themselves stay open from elsewhere."""
    assert settings.AXES_IP_FAILURE_LIMIT > settings.AXES_FAILURE_LIMIT
    for i in range(settings.AXES_IP_FAILURE_LIMIT):
        r = poging(client, f"slachtoffer{i % 10}@example.nl", f"fout-{i}", ua=f"Browser/{i}")
    assert r.status_code == 429
    r = poging(client, world.ouder_a.email, PASSWORD, ua="Weer een andere browser")
    assert r.status_code == 429
    tekst = r.content.decode()
    assert "vanaf dit netwerk" in tekst and "Dit account is" not in tekst
    assert "_auth_user_id" not in client.session
    r = poging(client, world.ouder_a.email, PASSWORD, ip="203.0.113.9")  # another network: the account is not locked
    assert r.status_code == 302


def test_network_limit_is_higher_than_one_typo_prone_colleague(world, client, settings):
    """A school behind one address: one colleague who locks their own account does not lock the school."""
    collega = member(Rol.LEERKRACHT, school=world.school_a)
    for i in range(settings.AXES_FAILURE_LIMIT * 2):
        poging(client, collega.email, f"fout-{i}")
    assert poging(client, collega.email, PASSWORD).status_code == 429
    assert poging(client, world.ouder_a.email, PASSWORD).status_code == 302


@pytest.mark.parametrize("veld", ["username"])
def test_axes_reads_the_field_the_login_form_posts(settings, veld):
    from portal.accounts.forms import LoginForm

    assert veld in LoginForm.base_fields
    assert str(settings.AXES_USERNAME_FORM_FIELD) == veld


def test_logging_in_to_an_own_account_does_not_reset_guesses_at_another(world, client, settings):
    """A successful login forgets only that account's failures: someone with an account of their own cannot log in
    between guesses to keep another account (or the network) below its limit."""
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        poging(client, world.ouder_a.email, "fout")
        assert poging(client, world.ouder_b.email, PASSWORD).status_code == 302
        client.logout()
    r = poging(client, world.ouder_a.email, "fout")
    assert r.status_code == 429 and "Dit account is" in r.content.decode()


def test_a_new_password_through_the_emailed_link_lifts_the_account_lock(world, client, settings):
    import re

    from django.core import mail

    for i in range(settings.AXES_FAILURE_LIMIT):
        poging(client, world.ouder_a.email, f"fout-{i}", ip=f"198.51.100.{i + 1}")
    assert poging(client, world.ouder_a.email, PASSWORD).status_code == 429
    client.post(reverse("accounts:password_reset"), {"email": world.ouder_a.email})
    pad = re.search(r"https?://\S+", mail.outbox[0].body).group(0).split("testserver", 1)[1]
    r = client.get(pad, follow=True)
    client.post(r.redirect_chain[-1][0], {"new_password1": "Nieuw-Wachtwoord-77", "new_password2": "Nieuw-Wachtwoord-77"})
    assert poging(client, world.ouder_a.email, "Nieuw-Wachtwoord-77").status_code == 302


@pytest.mark.parametrize("meta, proxies, verwacht", [
    ({"REMOTE_ADDR": "192.0.2.7"}, 0, "192.0.2.7"),
    ({"REMOTE_ADDR": "192.0.2.7", "HTTP_X_FORWARDED_FOR": "203.0.113.1"}, 0, "192.0.2.7"),  # no proxy: header ignored
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.1"}, 1, "203.0.113.1"),  # forged left part
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.1, 10.0.0.9"}, 2, "203.0.113.1"),
    ({"REMOTE_ADDR": "10.0.0.2"}, 1, "10.0.0.2"),  # the header is missing: the proxy itself
    ({"REMOTE_ADDR": "2001:db8:1:2:aaaa::1"}, 0, "2001:db8:1:2::"),  # IPv6: the /64 is one network
    ({"REMOTE_ADDR": "::ffff:192.0.2.8"}, 0, "192.0.2.8"),
    ({"REMOTE_ADDR": "geen-adres"}, 0, None),
])
def test_the_network_of_a_request(settings, rf, meta, proxies, verwacht):
    from portal.accounts.throttling import client_ip

    settings.AXES_IPWARE_PROXY_COUNT = proxies
    request = rf.get("/", **meta)
    request.META.update(meta)
    assert client_ip(request) == verwacht


def test_one_ipv6_network_cannot_change_address_to_keep_guessing(world, client, settings):
    settings.AXES_IP_FAILURE_LIMIT = 8
    for i in range(8):
        poging(client, f"slachtoffer{i}@example.nl", "fout", ip=f"2001:db8:5:6::{i + 1:x}")
    r = poging(client, world.ouder_a.email, PASSWORD, ip="2001:db8:5:6:ffff::1")
    assert r.status_code == 429 and "vanaf dit netwerk" in r.content.decode()
