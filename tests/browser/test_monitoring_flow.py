"""Issue #20 "Done when": in the browser with the demo's people, the SWV opens its monitoring page from its start page,
sees a chart with its data table, follows a number to the cases behind it and opens one; a school's IB'er sees their
own school's page and no other school's name, and gets 404 on another school's page and on the SWV's. axe on every
page."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.accounts.models import User
from portal.core.management.commands.demo import WACHTWOORD
from portal.leerlingen.models import Leerling
from portal.organisaties.models import School
from portal.termijnen.models import Clock
from portal.zaken.models import Zaak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swv_volgt_een_getal_naar_de_termijnen_en_de_school_ziet_alleen_zichzelf(ui, settings):
    settings.DEMO = True  # no second factor in demo mode
    call_command("demo", quiet=True)
    p = ui.page
    sara = User.objects.get(email="swv@demo.nl")
    swv = next(m.swv for m in sara.lidmaatschappen if m.swv_id)
    school = School.objects.filter(samenwerkingsverbanden=swv).order_by("naam").first()
    # a TLV term of this school that is three days overdue: the figure to follow
    zaak = Zaak.objects.create(zaaktype="tlv", leerling=Leerling.objects.first(), school=school, swv=swv)
    Clock.objects.create(regel_id="C-4", params={"naam": "Beslistermijn TLV"}, zaak=zaak, school=school, swv=swv,
                         omschrijving="TLV-controle #1", start=timezone.localdate() - timedelta(days=60),
                         uiterlijk=timezone.localdate() - timedelta(days=3))

    ui.login("swv@demo.nl", WACHTWOORD)
    with p.expect_navigation():
        p.get_by_role("link", name=f"Monitoring: termijnen, aanmeldingen, TLV's, geschillen en thuiszitters ({swv.naam})"
                      ).click()
    ui.axe()
    grafiek = p.locator("svg#grafiek-termijnen[role=img]")
    assert grafiek.is_visible()
    assert grafiek.locator("title").first.text_content() == "Open termijnen per soort zaak"
    assert p.locator("#termijnen figcaption").inner_text() == grafiek.locator("desc").first.text_content()
    tabel = p.locator("#tabel-termijnen")
    assert tabel.locator("caption").inner_text().startswith("Gegevens van de grafiek")
    rij = tabel.locator("tr", has_text="TLV's")
    assert int(rij.locator("td").nth(1).inner_text()) >= 1
    # the school's overdue TLV term: its number in the schools' table opens the case behind it
    with p.expect_navigation():
        p.locator("#tabel-termijnen-scholen tr", has_text=school.naam).locator("td").nth(5).get_by_role("link").click()
    ui.axe()
    assert f"Toelaatbaarheidsverklaring #{zaak.pk}" in p.locator("#tabel-zaken").inner_text() or (
        f"#{zaak.pk}" in p.locator("#tabel-zaken").inner_text())
    p.go_back()
    # the thuiszitters the SWV registered itself (demo: a child without a school, over 3 months): open one
    assert p.locator("svg#grafiek-thuiszitters-duur[role=img]").is_visible()
    with p.expect_navigation():
        p.locator("#tabel-thuiszitters-duur tr", has_text="3 maanden of langer").get_by_role("link").click()
    ui.axe()
    with p.expect_navigation():
        p.locator("#tabel-zaken").get_by_role("link").first.click()
    ui.axe()
    assert "Thuiszitter" in p.inner_text("h1")

    ui.submit("Uitloggen")
    ui.login("ib@demo.nl", WACHTWOORD)
    ib = User.objects.get(email="ib@demo.nl")
    eigen = School.objects.get(pk=sorted(ib.school_ids())[0])
    ui.goto(f"/monitoring/school/{eigen.pk}/")
    assert p.locator("svg#grafiek-op-tijd[role=img]").is_visible()
    tekst = p.inner_text("main") if p.locator("main").count() else p.inner_text("body")
    anderen = School.objects.filter(samenwerkingsverbanden__in=eigen.samenwerkingsverbanden.all()).exclude(pk=eigen.pk)
    assert not [s.naam for s in anderen if s.naam in tekst]
    assert ui.goto(f"/monitoring/swv/{swv.pk}/").status == 404
    vreemd = School.objects.exclude(pk__in=ib.school_ids()).first()
    assert ui.goto(f"/monitoring/school/{vreemd.pk}/").status == 404
