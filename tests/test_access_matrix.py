"""The access matrix (issue #7 §7): every URL pattern of the project, for every persona, gives the outcome
its row in ``tests/matrix/`` says — 200, 302 (to the login, the 2FA step or the re-authentication), 404 for
what is not theirs, 405 for GET on a POST-only action. A URL without a row fails; a foreign id gives 404,
never 200 or 500. Each request runs in a rolled-back transaction, so one persona's POST cannot change what
the next one sees."""

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.accounts.constants import Rol
from portal.accounts.middleware import VRIJ

from .conftest import login_staff
from .factories import UserFactory, member
from .matrix import PERSONAS, alle_rijen, modules

# Django's own admin has its own test (test_admin_is_404_for_non_staff); the rest is ours.
NIET_IN_MATRIX = re.compile(r"^admin:")


def alle_url_namen() -> set[str]:
    def walk(patterns, ns=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                sub = p.namespace
                yield from walk(p.url_patterns, f"{ns}:{sub}" if ns and sub else (sub or ns))
            elif isinstance(p, URLPattern) and p.name:
                yield f"{ns}:{p.name}" if ns else p.name

    return {n for n in walk(get_resolver().url_patterns) if not NIET_IN_MATRIX.match(n)}


@pytest.fixture
def wereld(world):
    """The personas of the matrix, on top of the shared world, and every object that has a URL."""
    w = world
    w.ouder, w.ander_ouder, w.ib, w.directeur = w.ouder_a, w.ouder_b, w.ib_a, w.dir_a
    w.bestuurder, w.ib_ander, w.leerkracht, w.swv = w.bestuurder_a, w.ib_b, w.leerkracht_a, w.swv_mw_a
    w.leerling = UserFactory()
    from portal.accounts.models import Membership

    Membership.objects.create(user=w.leerling, rol=Rol.LEERLING)
    w.kind_a.account = w.leerling
    w.deskundige = member(Rol.DESKUNDIGE, organisatie_naam="Praktijk")
    w.onderwijsconsulent = member(Rol.ONDERWIJSCONSULENT, organisatie_naam="Onderwijsconsulenten")
    w.clientondersteuner = member(Rol.CLIENTONDERSTEUNER, organisatie_naam="MEE")
    from portal.organisaties.models import Gemeente

    gemeente = Gemeente.objects.create(code="GM0001", naam="Teststad")
    w.kind_a.woongemeente = gemeente
    w.leerplicht = member(Rol.LEERPLICHT, gemeente=gemeente)
    w.kind_a.save(update_fields=["account", "woongemeente"])
    w.mandaat = w.mandaat_a
    for mod in modules():
        if hasattr(mod, "objecten"):
            mod.objecten(w)
    return w


def _client(w, persona):
    c = Client()
    if persona == "anoniem":
        return c
    user = getattr(w, persona)
    if user.vereist_2fa:
        login_staff(c, user)
    else:
        c.force_login(user)
    return c


def _vraag(client, methode, url, data=None):
    with transaction.atomic():
        r = client.post(url, data or {}) if methode == "POST" else client.get(url)
        transaction.set_rollback(True)
    return r


def test_every_url_has_a_row():
    namen = {r.naam for r in alle_rijen()}
    ontbreekt = sorted(alle_url_namen() - namen)
    assert not ontbreekt, f"URL's zonder rij in de toegangsmatrix (tests/matrix/rows_*.py): {ontbreekt}"
    assert not sorted(namen - alle_url_namen()), "rijen voor URL's die niet (meer) bestaan"


def test_access_matrix(wereld):
    fouten = []
    for persona in PERSONAS:
        client = _client(wereld, persona)
        for rij in alle_rijen():
            url = reverse(rij.naam, args=rij.args(wereld) if rij.args else None)
            r = _vraag(client, rij.methode, url, rij.data)
            verwacht = rij.uitkomst(persona)
            if r.status_code != verwacht:
                fouten.append(f"{persona:18} {rij.methode:4} {rij.naam:40} {r.status_code} (verwacht {verwacht})")
            elif persona == "anoniem" and "anoniem" not in rij.verwacht and "/account/inloggen/" not in r["Location"]:
                fouten.append(f"anoniem {rij.naam}: 302 naar {r['Location']} in plaats van de inlogpagina")
            if rij.methode == "POST":  # GET on a POST-only action
                g = _vraag(client, "GET", url)
                openbaar = "anoniem" in rij.verwacht or rij.anoniem != 302  # a public action: no login first
                gv = 302 if persona == "anoniem" and not openbaar else 405
                if g.status_code != gv:
                    fouten.append(f"{persona:18} GET  {rij.naam:40} {g.status_code} (verwacht {gv}: alleen POST)")
    assert not fouten, "Toegangsmatrix wijkt af:\n" + "\n".join(fouten)


@pytest.mark.parametrize("persona", ["ouder", "ib", "directeur", "bestuurder", "swv", "beheerder"])
def test_foreign_ids_give_404(wereld, persona):
    """An id that does not exist (or is not theirs) is a 404 — never 200 or 500."""
    client = _client(wereld, persona)
    fouten = []
    for rij in alle_rijen():
        if not rij.args:
            continue
        args = rij.args(wereld)
        if not any(isinstance(a, int) for a in args):
            continue
        vreemd = [999_999_999 if isinstance(a, int) else a for a in args]
        r = _vraag(client, rij.methode, reverse(rij.naam, args=vreemd), rij.data)
        if r.status_code != 404:
            fouten.append(f"{rij.naam} met een onbekend id: {r.status_code}")
    assert not fouten, "\n".join(fouten)


def test_staff_without_second_factor_is_sent_to_the_2fa_step(wereld):
    """Every URL outside the free list sends a staff member who has not passed TOTP to the 2FA step."""
    ib = member(Rol.IB, school=wereld.school_a)
    client = Client()
    client.force_login(ib)
    fouten = []
    for rij in alle_rijen():
        if rij.naam in VRIJ:
            continue
        url = reverse(rij.naam, args=rij.args(wereld) if rij.args else None)
        r = _vraag(client, rij.methode, url, rij.data)
        if r.status_code != 302 or "/account/tweestaps/" not in r["Location"]:
            fouten.append(f"{rij.naam}: {r.status_code} {r.get('Location', '')}")
    assert not fouten, "\n".join(fouten)


@pytest.mark.parametrize("persona, verwacht", [("anoniem", 404), ("ouder", 404), ("ib", 404), ("beheerder", 200)])
def test_admin_is_404_for_non_staff(wereld, persona, verwacht):
    """/beheer/ exists only for staff accounts; a parent or an anonymous visitor gets 404, not a login page."""
    client = _client(wereld, persona)
    assert client.get("/beheer/").status_code == verwacht
    assert client.get("/beheer/login/").status_code in ((302,) if persona == "beheerder" else (404,))
