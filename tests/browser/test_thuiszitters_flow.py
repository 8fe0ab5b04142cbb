"""Issue #20 §1 in the browser with the demo's people (axe on every page): the IB'er of De Wegwijzer opens the
thuiszitters list, opens Sem's case and updates the plan; Mila (18, at home part of the week) sees her own case with
the plan and the next date in plain words, on her start page too, and gives her view; the SWV sees the case on its
desk. Issue #20 §6: the leerplichtambtenaar of Valleistad sees only the thuiszitters living there and records a
follow-up; a parent sees their child's case with the plan and the next date, on the start page and the case page;
the SWV registers a child not enrolled anywhere from a report of leerplicht."""

import pytest
from django.core.management import call_command

from portal.core.management.commands.demo import WACHTWOORD
from tests.browser.test_aanmelding_flow import logout, open_details
from thuiszitters.models import LeerplichtOpvolging, LeerplichtSignaal, Mening, Thuiszitter

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
    assert "De school zoekt samen met je naar onderwijs dat past." in p.inner_text("body")  # the start page: "je"
    ui.goto(f"/thuiszitters/{mila.pk}/")
    tekst = p.inner_text("main")
    assert "Rooster stap voor stap uitbreiden." in tekst and "Volgende afspraak" in tekst
    assert str(mila.plan_volgende_datum.year) in tekst
    open_details(ui, "Je mening geven")
    p.get_by_label("Wat vind jij? Wat is belangrijk voor jou?").fill("Ik wil graag meer uren naar school.")
    ui.submit("Bewaren")
    assert Mening.objects.get(thuiszitter=mila).wie == "leerling"
    logout(ui)

    ui.login("swv@demo.nl", WACHTWOORD)
    ui.goto("/thuiszitters/?bureau=1")
    assert "Finn" in p.inner_text("main")


def _elders_thuiszitter():
    """A thuiszitter of De Wegwijzer who lives in another municipality than Valleistad."""
    from datetime import timedelta

    from django.utils import timezone

    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership
    from portal.organisaties.models import Gemeente, School
    from tests.factories import InschrijvingFactory, LeerlingFactory
    from thuiszitters import services as s

    school = School.objects.get(naam__icontains="Wegwijzer")
    ib = Membership.objects.filter(school=school, rol=Rol.IB).first().user
    elders = Gemeente.objects.create(code="GM8888", naam="Bergdorp")
    kind = LeerlingFactory(voornamen="Ezra", roepnaam="Ezra", achternaam="Buitenhuis", woongemeente=elders)
    InschrijvingFactory(leerling=kind, school=school)
    return s.thuiszitter_registreer(leerling=kind, school=school, door=ib, soort="relatief", reden="geen_plek",
                                    sinds=timezone.localdate() - timedelta(days=5))


def test_leerplicht_ziet_eigen_gemeente_en_legt_opvolging_vast(ui, settings):
    settings.DEMO = True
    call_command("demo", quiet=True)
    p = ui.page
    elders = _elders_thuiszitter()
    mila = Thuiszitter.objects.get(leerling__roepnaam="Mila")

    ui.login("leerplicht@demo.nl", WACHTWOORD)
    p.get_by_role("link", name="Thuiszitters in uw gemeente").first.click()
    p.wait_for_load_state()
    ui.axe()
    tekst = p.inner_text("main")
    assert "Sem" in tekst and "Mila" in tekst and "Buitenhuis" not in tekst  # only Valleistad's children
    assert "Lotte Bakker" in tekst  # what they reported
    r = ui.goto(f"/thuiszitters/{elders.pk}/")
    assert r.status == 404
    ui.goto("/thuiszitters/leerplicht/")
    p.get_by_role("link", name=mila.leerling.naam).click()
    p.wait_for_load_state()
    ui.axe()
    tekst = p.inner_text("main")
    assert "Opvolging door leerplicht" in tekst and "Plan bijwerken" not in tekst and "Terug naar onderwijs" not in tekst
    p.get_by_label("Doorverwezen naar een zorgteam").check()
    p.get_by_label("Datum").fill(mila.sinds.isoformat())
    p.get_by_label("Korte notitie").fill("Aangemeld bij het jeugdteam van Valleistad.")
    ui.submit("Opvolging vastleggen")
    assert "Uw opvolging is vastgelegd." in p.inner_text("body")
    assert "Aangemeld bij het jeugdteam van Valleistad." in p.inner_text("main")
    o = LeerplichtOpvolging.objects.get(thuiszitter=mila)
    assert o.soort == "zorgteam"
    logout(ui)

    # the SWV registers the child leerplicht reported (not enrolled anywhere), from its start page
    ui.login("swv@demo.nl", WACHTWOORD)
    p.get_by_role("link", name="Leerplicht meldt: Lotte Bakker zit thuis").click()
    p.wait_for_load_state()
    ui.axe()
    assert p.get_by_label("Achternaam").input_value() == "Bakker"
    ui.submit("Registreren")
    assert "Het kind is geregistreerd als thuiszitter." in p.inner_text("body")
    assert LeerplichtSignaal.objects.get(naam="Lotte Bakker").thuiszitter.soort == "absoluut"


def test_ouder_ziet_plan_en_volgende_afspraak(ui, settings):
    from portal.leerlingen.models import Gezag

    settings.DEMO = True
    call_command("demo", quiet=True)
    p = ui.page
    sem = Thuiszitter.objects.get(leerling__roepnaam="Sem")
    from portal.accounts.models import User

    ouder = User.objects.get(email="ouder2@demo.nl")  # the demo gives Sem no parent account: Yara's mother here
    Gezag.objects.get_or_create(leerling=sem.leerling, ouder=ouder)
    from django.utils.formats import date_format

    datum = date_format(sem.plan_volgende_datum, "j F Y")

    ui.login(ouder.email, WACHTWOORD)
    start = p.inner_text("main")
    assert f"De school zoekt samen met u naar onderwijs dat past. Volgende afspraak: {datum}." in start
    p.get_by_role("link", name=f"Thuiszitter: {sem.leerling.naam}").first.click()
    p.wait_for_load_state()
    ui.axe()
    tekst = p.inner_text("main")
    assert sem.plan_wat in tekst and "Volgende afspraak" in tekst and datum in tekst
    assert "Gesprek met Sem, zijn moeder" not in tekst  # leerplicht's note is not for the family
