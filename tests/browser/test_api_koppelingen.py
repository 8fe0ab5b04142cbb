"""Issue #21 §2 in the browser: the board's bestuurder opens 'Koppelingen' from the start page, makes a client for one
of the board's schools (the password asked again, a form error first), sees the secret once, the school's system gets
a token with it and reads its pupils, and the bestuurder revokes the client — the very next call is refused. axe on
every page."""

import re

import pytest
from django.test import Client

from portal.accounts.constants import Rol
from portal.api.models import Koppeling
from tests.api_hulp import Systeem, token_voor
from tests.factories import PASSWORD, InschrijvingFactory, LeerlingFactory, SchoolFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_bestuurder_maakt_een_koppeling_ziet_het_geheim_een_keer_en_trekt_haar_in(ui, settings):
    settings.DEMO = True  # no second factor in demo mode; the password is still asked again before making a client
    school = SchoolFactory(naam="Basisschool De Regenboog")
    SchoolFactory(naam="Basisschool Het Anker", bestuur=school.bestuur)
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=school)
    bestuurder = member(Rol.BESTUURDER, bestuur=school.bestuur, first_name="Berend", last_name="Kuipers",
                        email="bestuurder@example.nl")
    p = ui.page

    ui.login(bestuurder.email, PASSWORD)
    with p.expect_navigation():
        p.get_by_role("link", name=re.compile("^Koppelingen")).click()
    ui.axe()
    assert "Nog geen koppelingen." in p.content()
    with p.expect_navigation():
        p.get_by_role("link", name="Nieuwe koppeling maken").click()
    ui.axe()
    assert "/account/bevestig/" in p.url
    p.get_by_label("Uw wachtwoord").fill(PASSWORD)
    ui.submit("Bevestigen")
    assert "/koppelingen/nieuw/" in p.url

    # nothing filled in: the errors at the fields, with a summary
    ui.submit("Koppeling maken")
    tekst = p.inner_text("body")
    assert "Er is een probleem" in tekst and "Geef het systeem een naam." in tekst
    assert "Kies ten minste één onderdeel." in tekst

    p.get_by_label("Naam van het systeem").fill("ParnasSys De Regenboog")
    p.get_by_label("Organisatie van het systeem").select_option(label="Basisschool De Regenboog (een school)")
    p.get_by_label(re.compile(r"\(leerlingen:lezen;")).check()
    ui.submit("Koppeling maken")
    assert "De koppeling is gemaakt." in p.content()
    geheim = p.locator("#geheim").input_value()
    k = Koppeling.objects.get()
    assert k.school == school and k.scopes == ["leerlingen:lezen"]
    assert k.application.client_id in p.inner_text("body")

    # the school's system: a token with the secret, its own pupils
    systeem = Systeem(k, geheim)
    r = systeem.get("/api/v1/leerlingen/")
    assert [x["id"] for x in r.json()["results"]] == [kind.pk]

    # the secret is shown once
    p.reload()
    ui.axe()
    assert p.locator("#geheim").count() == 0

    # revoked: at once
    ui.submit("Koppeling intrekken")
    assert "De koppeling is ingetrokken." in p.content() and "ingetrokken op" in p.content()
    assert systeem.get("/api/v1/leerlingen/").status_code == 401
    assert token_voor(k, geheim, client=Client()).status_code == 401
    with p.expect_navigation():
        p.get_by_role("link", name="Alle koppelingen").click()
    ui.axe()
    assert "ParnasSys De Regenboog" in p.content() and "ingetrokken" in p.content()
