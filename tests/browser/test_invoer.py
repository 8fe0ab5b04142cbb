"""Issue #21 §3 in the browser, with the demo's IB'er of Basisschool De Regenboog: from the groups page to the import,
upload the sample file, read the preview, "Toepassen", watch the progress page follow the worker by itself (a script
from 'self' asks the page again; without JavaScript the user refreshes) until it is done, and import the same file
again: 0 changes. axe on every page."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.core.management.commands.demo import WACHTWOORD
from portal.invoer.models import Invoer, InvoerStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VOORBEELD = Path(__file__).resolve().parents[2] / "portal" / "invoer" / "voorbeeld" / "leerlingen.csv"


def _upload(ui):
    p = ui.page
    p.get_by_label("Bestand uit uw leerlingadministratie").set_input_files(str(VOORBEELD))
    ui.submit("Bestand controleren")
    assert "6 rijen zijn goed." in p.inner_text("body")


def test_ib_uploads_previews_applies_and_sees_the_progress(ui, settings, monkeypatch):
    settings.DEMO = True  # no second factor in demo mode
    call_command("demo", quiet=True)
    p = ui.page
    ui.login("ib@demo.nl", WACHTWOORD)
    ui.goto("/leerlingen/groepen/")
    with p.expect_navigation():
        p.get_by_role("link", name="Leerlingen en groepen invoeren uit uw leerlingadministratie (CSV of Excel)").click()
    ui.axe()
    assert "Basisschool De Regenboog (demo)" in p.inner_text("h1")
    assert p.get_by_role("link", name="Excel (.xlsx)").is_visible()

    _upload(ui)
    assert "Er is nog niets veranderd." in p.inner_text("body")

    # the broker is down: the run is stored and waits; the page says how far it is and refreshes itself
    import portal.celery

    monkeypatch.setattr(portal.celery, "verstuur", lambda *a: False)
    ui.submit("Toepassen (6 rijen)")
    assert "0 van 6 rijen verwerkt" in p.inner_text("body")
    assert p.locator("#voortgang-blok[data-loopt]").count() == 1 and p.locator("progress").is_visible()
    invoer = Invoer.objects.get()
    assert invoer.status == InvoerStatus.WACHT
    # the safety net on beat picks it up; the open page shows the result at its next refresh, by itself
    Invoer.objects.filter(pk=invoer.pk).update(toegepast_op=timezone.now() - timedelta(minutes=5))
    from portal.invoer.services import invoer_vangnet

    assert invoer_vangnet() == 1
    p.get_by_text("6 van 6 rijen verwerkt").wait_for(timeout=15000)
    ui.axe()
    assert "6 wijzigingen." in p.inner_text("body") and p.locator("#voortgang-blok[data-loopt]").count() == 0

    # the same file again, with the broker back: nothing changes
    monkeypatch.undo()
    with p.expect_navigation():
        p.get_by_role("link", name="Terug naar leerlingen invoeren").click()
    ui.axe()
    _upload(ui)
    ui.submit("Toepassen (6 rijen)")
    assert "0 wijzigingen." in p.inner_text("body") and "Niets veranderd: 6." in p.inner_text("body")
