"""Issue #19 §2 in a browser: a staff member sets up the second factor through the link e-mailed after the password
login, types the first code, sees the recovery codes once, and gets in; axe on every page."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from portal.core.management.commands.demo import WACHTWOORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_sets_up_the_second_factor_through_the_emailed_link(ui, db):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.meldingen.models import OutboxEmail

    call_command("demo", quiet=True)  # settings.DEMO is off here: the second factor is required
    ui.login("ib@demo.nl", WACHTWOORD)
    assert "/account/tweestaps/instellen/" in ui.page.url
    assert ui.page.locator("img[alt*='QR-code']").count() == 0
    mail = OutboxEmail.objects.filter(aan="ib@demo.nl", onderwerp__contains="tweestapsverificatie").get()
    link = urlsplit(re.search(r"https?://\S+", mail.tekst).group(0)).path

    ui.goto(link)
    assert ui.page.locator("img[alt*='QR-code']").count() == 0  # opening the link uses nothing yet
    ui.submit("Begin met instellen")
    assert "/account/tweestaps/instellen/" in ui.page.url
    assert ui.page.locator("img[alt*='QR-code']").count() == 1
    device = TOTPDevice.objects.get(user__email="ib@demo.nl", confirmed=False)
    ui.page.get_by_label("Code uit uw authenticator-app").fill(
        f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
    ui.submit("Bevestigen")
    assert "Uw herstelcodes" in ui.page.content()
    assert len(re.findall(r"<li>[a-z2-9]{5}-[a-z2-9]{5}</li>", ui.page.content())) == 10
    with ui.page.expect_navigation():
        ui.page.get_by_role("link", name="Ik heb ze bewaard, verder").click()
    ui.axe()
    assert "Eerstvolgende termijnen" in ui.page.content()

    response = ui.goto(link)  # the link worked once
    assert response.status == 400 and "al gebruikt" in ui.page.content()
