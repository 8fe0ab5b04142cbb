"""Issue #22 §1 for single sign-on: a parent who chose English reads the broker's confirmation pages, their errors
and the link mail in English; the mail follows the account's language, not the browser's (as the account mails do).
"""

import pytest
from django.conf import settings
from django.test import Client

from portal.accounts.constants import Rol
from portal.meldingen.models import OutboxEmail
from portal.sso.constants import SESSIE_BEVESTIGEN, Soort
from portal.sso.models import Aanbieder

from .factories import member
from .test_informatie import _gecompileerd, vertaald  # noqa: F401  (the catalogue compiled for this session)


@pytest.fixture
def broker(db):
    a = Aanbieder(naam="DigiD", slug="digid", soort=Soort.OUDERS, issuer="https://login.example.invalid/t/v2.0",
                  client_id="portaal", scopes="openid")
    a.zet_geheim("super-geheim-client-secret-0123456789")
    a.save()
    return a


def _wachtend(broker, taal):
    """A browser with the language switch's cookie, whose broker login waits for the parent to confirm."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    sessie = client.session
    sessie[SESSIE_BEVESTIGEN] = {"a": broker.pk, "h": "0" * 64, "n": "nonce-van-deze-browser", "mails": 0}
    sessie.save()
    return client


def test_the_confirmation_page_and_its_errors_are_in_english(broker, vertaald):  # noqa: F811
    client = _wachtend(broker, "en")
    r = client.get("/sso/bevestigen/", HTTP_ACCEPT_LANGUAGE="nl")
    tekst = r.content.decode()
    assert r.status_code == 200 and r["Content-Language"] == "en" and 'lang="en"' in tekst
    assert "You logged in with DigiD. This is the first time." in tekst
    assert "With a link by email" in tekst and "Laat zien welk account" not in tekst
    r = client.post("/sso/bevestigen/", {"actie": "link", "link-email": "geen-adres"})
    assert r.status_code == 400 and "This is not a valid email address." in r.content.decode()


@pytest.mark.parametrize("account_taal, browser_taal, verwacht, niet", [
    ("en", "nl", "You logged in to Passend Portaal with DigiD.", "U logde in"),
    ("nl", "en", "U logde in bij Passend Portaal met DigiD.", "You logged in"),
])
def test_the_link_mail_is_in_the_account_holders_language(broker, vertaald, account_taal, browser_taal, verwacht,  # noqa: F811
                                                        niet):
    ouder = member(Rol.OUDER)
    ouder.taal = account_taal
    ouder.save(update_fields=["taal"])
    r = _wachtend(broker, browser_taal).post("/sso/bevestigen/", {"actie": "link", "link-email": ouder.email})
    assert r.status_code == 200
    mail = OutboxEmail.objects.get(aan=ouder.email)
    assert verwacht in mail.tekst and niet not in mail.tekst
