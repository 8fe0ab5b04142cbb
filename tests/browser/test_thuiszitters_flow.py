"""Issue #20 §1 in the browser with the demo's people (axe on every page): the IB'er of De Wegwijzer opens the
thuiszitters list, opens Sem's case and updates the plan; Mila (18, at home part of the week) sees her own case with
the plan and the next date in plain words, on her start page too, and gives her view; the SWV sees the case on its
desk."""

import pytest
from django.core.management import call_command

from portal.core.management.commands.demo import WACHTWOORD
from tests.browser.test_aanmelding_flow import logout, open_details
from thuiszitters.models import Mening, Thuiszitter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_school_plan_en_leerling_ziet_het(ui, settings):
    settings.DEMO = True
    call_command("demo", quiet=True)
    p = ui.page
    sem = Thuiszitter.objects.get(leerling__roepnaam="Sem")
    mila = Thuiszitter.objects.get(leerling__roepnaam="Mila")

    ui.login("ib-wegwijzer@demo.nl", WACHTWOORD)
    ui.goto("/thuiszitters/")
    assert "Sem" in p.inner_text("main") and "Mila" not in p.inner_text("main")  # only their school
    ui.goto(f"/thuiszitters/{sem.pk}/")
    open_details(ui, "Plan bijwerken")
    p.get_by_label("Wat gebeurt er?").fill("Elke ochtend twee uur op school.")
    ui.submit("Plan bewaren")
    assert "Het plan is bewaard." in p.inner_text("body")
    sem.refresh_from_db()
    assert sem.plan_wat == "Elke ochtend twee uur op school."
    logout(ui)

    ui.login("leerling18@demo.nl", WACHTWOORD)
    ui.ouder = True  # plain words for the adult pupil: no rule ids, no English dates
    assert "De school zoekt samen met u naar onderwijs dat past." in p.inner_text("body")  # the start page's line
    ui.goto(f"/thuiszitters/{mila.pk}/")
    tekst = p.inner_text("main")
    assert "Rooster stap voor stap uitbreiden." in tekst and "Volgende afspraak" in tekst
    assert str(mila.plan_volgende_datum.year) in tekst
    open_details(ui, "Uw mening geven")
    p.get_by_label("Wat vindt u? Wat is belangrijk voor u?").fill("Ik wil graag meer uren naar school.")
    ui.submit("Bewaren")
    assert Mening.objects.get(thuiszitter=mila).wie == "leerling"
    logout(ui)

    ui.login("swv@demo.nl", WACHTWOORD)
    ui.goto("/thuiszitters/?bureau=1")
    assert "Finn" in p.inner_text("main")
