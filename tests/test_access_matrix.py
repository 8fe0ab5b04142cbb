"""The access matrix (issue #7 §7): every URL pattern of the project, for every persona, gives the outcome
its row in ``tests/matrix/`` says — 200, 302 (to the login, the 2FA step or the re-authentication), 404 for
what is not theirs, 405 for GET on a POST-only action. A URL without a row fails; a foreign id gives 404,
never 200 or 500. Each request runs in a rolled-back transaction, so one persona's POST cannot change what
the next one sees."""

import re
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.accounts.constants import Rol
from portal.accounts.middleware import VRIJ

from .conftest import login_staff
from .factories import (
    InschrijvingFactory,
    LeerlingFactory,
    SchoolFactory,
    SWVFactory,
    UserFactory,
    mandaat,
    member,
    ouder_van,
    zaak_voor,
)
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


def _gemeente(naam):
    from portal.organisaties.models import Gemeente

    return Gemeente.objects.create(code=f"GM{Gemeente.objects.count() + 1:04d}", naam=naam)


def _personas(w):
    """The personas of the matrix on a world of the shared shape (tests/conftest.py ``world``), and every object that
    has a URL (each rows module's ``objecten``)."""
    from geschillen.models import Klachtencommissie
    from portal.accounts.models import Membership

    w.ouder, w.ander_ouder, w.ib, w.directeur = w.ouder_a, w.ouder_b, w.ib_a, w.dir_a
    w.bestuurder, w.ib_ander, w.leerkracht, w.swv = w.bestuurder_a, w.ib_b, w.leerkracht_a, w.swv_mw_a
    w.leerling = UserFactory()
    Membership.objects.create(user=w.leerling, rol=Rol.LEERLING)
    w.kind_a.account = w.leerling
    w.deskundige = member(Rol.DESKUNDIGE, organisatie_naam="Praktijk")
    w.onderwijsconsulent = member(Rol.ONDERWIJSCONSULENT, organisatie_naam="Onderwijsconsulenten")
    w.clientondersteuner = member(Rol.CLIENTONDERSTEUNER, organisatie_naam="MEE")
    w.kind_a.woongemeente = _gemeente("Teststad")
    w.leerplicht = member(Rol.LEERPLICHT, gemeente=w.kind_a.woongemeente)
    w.kind_a.save(update_fields=["account", "woongemeente"])
    # the secretary of the klachtencommissie school A's board is affiliated with (geschillen: WPO 14, D-5)
    w.klachtencommissie = member(Rol.KLACHTENCOMMISSIE, organisatie_naam="Klachtencommissie")
    w.commissie = Klachtencommissie.objects.create(naam=f"Klachtencommissie {w.school_a.bestuur.naam}")
    w.commissie.besturen.add(w.school_a.bestuur)
    w.commissie.secretarissen.add(w.klachtencommissie)
    w.steunpunt = member(Rol.STEUNPUNT, swv=w.swv_a)  # the ouder- en jeugdsteunpunt of school A's SWV
    w.mandaat = w.mandaat_a
    for mod in modules():
        if hasattr(mod, "objecten"):
            mod.objecten(w)
    return w


@pytest.fixture
def wereld(world):
    """The personas of the matrix, on top of the shared world, and every object that has a URL."""
    return _personas(world)


@pytest.fixture
def vreemd(wereld):
    """A second world of the same shape that none of the personas belongs to: other families, schools, boards, SWVs,
    a klachtencommissie of its own, helpers and a municipality of its own. Its objects are foreign to every persona
    of ``wereld``."""
    v = SimpleNamespace()
    v.swv_a, v.swv_b = SWVFactory(), SWVFactory()
    v.school_a, v.school_b = SchoolFactory(swvs=[v.swv_a]), SchoolFactory(swvs=[v.swv_b])
    v.kind_a, v.kind_b = LeerlingFactory(), LeerlingFactory()
    v.ins_a = InschrijvingFactory(leerling=v.kind_a, school=v.school_a)
    InschrijvingFactory(leerling=v.kind_b, school=v.school_b)
    v.ib_a, v.ib_b = member(Rol.IB, school=v.school_a), member(Rol.IB, school=v.school_b)
    v.dir_a = member(Rol.DIRECTEUR, school=v.school_a)
    v.mandaat_a = mandaat(v.dir_a, v.school_a.bestuur, ["aanmelding"])
    v.bestuurder_a = member(Rol.BESTUURDER, bestuur=v.school_a.bestuur)
    v.leerkracht_a = member(Rol.LEERKRACHT, school=v.school_a)
    v.swv_mw_a = member(Rol.SWV, swv=v.swv_a)
    v.ouder_a, v.ouder_b = ouder_van(v.kind_a), ouder_van(v.kind_b)
    v.beheerder = member(Rol.BEHEERDER)
    v.zaak_a = zaak_voor(v.kind_a, v.school_a)
    return _personas(v)


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


def _openbaar(rij) -> bool:
    return rij.uitkomst("anoniem") == 200


@pytest.mark.parametrize("persona", PERSONAS)
def test_foreign_ids_give_404(wereld, vreemd, persona):
    """What a persona reaches at one of its own objects, it does not reach at an id that does not exist, nor at the
    same object of another family, school, board, SWV or klachtencommissie (the ``vreemd`` world: the same objects,
    built for people none of the personas is), nor when a URL puts a foreign id under one of its own (a goal of another
    OPP under this OPP): 404, never 200 or 500. A public page of another school stays public; an anonymous visitor is
    sent to the login first. Rows the persona already gets 404 for are not asked again: there the matrix shows that an
    object that is not theirs is a 404."""
    client = _client(wereld, persona)
    fouten = []
    for rij in alle_rijen():
        if not rij.args or rij.uitkomst(persona) == 404:
            continue
        eigen = rij.args(wereld)
        if not any(isinstance(a, int) for a in eigen):
            continue
        anoniem = persona == "anoniem" and not _openbaar(rij)
        verwacht = rij.uitkomst("anoniem") if anoniem else 404
        pogingen = [("een onbekend id", [999_999_999 if isinstance(a, int) else a for a in eigen])]
        if not _openbaar(rij):
            vreemde = rij.args(vreemd)
            pogingen.append(("een vreemd object", vreemde))
            if sum(isinstance(a, int) for a in eigen) > 1:  # one foreign id among the persona's own
                pogingen += [(f"een vreemd id op plaats {i + 1}", [*eigen[:i], vreemde[i], *eigen[i + 1:]])
                             for i, a in enumerate(eigen) if isinstance(a, int) and vreemde[i] != a]
        for wat, args in pogingen:
            r = _vraag(client, rij.methode, reverse(rij.naam, args=args), rij.data)
            if r.status_code != verwacht:
                fouten.append(f"{rij.methode:4} {rij.naam:40} met {wat} {args}: {r.status_code} (verwacht {verwacht})")
            elif anoniem and "/account/inloggen/" not in r["Location"]:
                fouten.append(f"{rij.naam} met {wat}: 302 naar {r['Location']} in plaats van de inlogpagina")
    assert not fouten, f"{persona}:\n" + "\n".join(fouten)


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
