"""Versions and cached parts of pages (issue #23 §1 and §2): every write moves the version of what a reader could see,
a page after a change is rendered fresh, a part is read from the cache while nothing changed.

How "every write service bumps" is shown: the bump is generic (portal.zaken.versie) — a save, delete, bulk create,
``update()`` or many-to-many change of any followed model bumps its pupil, organisations and accounts. So

* every model of the portal and its apps is followed, or listed with the reason it is not;
* every public function in a services module of the core and the apps writes through the ORM (no raw SQL, which
  would pass by the hook) — enumerated here;
* a guard on the database connection sees every INSERT, UPDATE and DELETE while a table of scenarios runs the write
  services a reader notices most (a transition; a clock started, paused, resumed, ended; a request, a letter, a
  document; a consent, a share, a gezag link; the ``update()`` paths): each write to a followed table came with a
  bump, and the pupil's version moved.
"""

import ast
import re
from datetime import date as d
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.urls import reverse

from portal.basis import versie as v
from portal.zaken import versie as zv

from .factories import LeerlingFactory, ouder_van

ROOT = Path(__file__).resolve().parent.parent
AMS = ZoneInfo("Europe/Amsterdam")
APPS = ["aanmelding", "opp", "tlv", "ondersteuning", "geschillen", "thuiszitters"]


def _dienst_modules() -> list[Path]:
    paden = []
    for basis in [ROOT / "portal", *(ROOT / a for a in APPS)]:
        paden += basis.rglob("services.py")
        paden += basis.rglob("services/*.py")
    return sorted(p for p in paden if "migrations" not in p.parts)


def _publieke_functies(pad: Path) -> list[str]:
    boom = ast.parse(pad.read_text())
    return [n.name for n in boom.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]


# --- the generic hook covers every model and every service ----------------------------------------------------------

def test_every_model_is_followed_or_has_a_reason():
    for model in apps.get_models():
        naam = apps.get_app_config(model._meta.app_label).name
        if not (naam.startswith("portal.") or naam in APPS):
            continue
        assert zv.gevolgd(model) or model._meta.label in zv.NIET_GEVOLGD, model._meta.label
    for label, reden in zv.NIET_GEVOLGD.items():
        assert apps.get_model(label) and len(reden) > 10, label


def test_every_write_service_writes_through_the_orm():
    """The hook sees every ORM write; raw SQL would pass it by. So: no raw SQL in any services module."""
    functies = 0
    for pad in _dienst_modules():
        tekst = pad.read_text()
        functies += len(_publieke_functies(pad))
        for verboden in (r"\.raw\(", r"\.extra\(", r"cursor\(", r"RawSQL"):
            assert not re.search(verboden, tekst), f"{pad.relative_to(ROOT)}: {verboden}"
    assert functies > 300  # the core's and the apps' services, all of them (about 350 in December 2026)


def test_paths_reach_the_pupil():
    assert zv.paden(apps.get_model("termijnen", "Opschorting")).leerling == ["clock__zaak__leerling_id"]
    assert zv.paden(apps.get_model("opp", "Doel")).leerling == ["versie__opp__leerling_id"]
    assert zv.paden(apps.get_model("aanmelding", "Aanmelding")).direct  # a case: its own row, no query
    for label in ("zaken.Verzoek", "zaken.Besluit", "documenten.Brief", "documenten.Document", "zaken.Deling",
                  "leerlingen.Gezag", "leerlingen.Toestemming", "termijnen.Clock", "zaken.Gebeurtenis"):
        assert zv.paden(apps.get_model(label)).leerling, label


# --- the guard and the scenarios -------------------------------------------------------------------------------------

class Wacht:
    """Every write statement on the connection (table) and every bumped key, while a scenario runs."""

    def __init__(self):
        self.tabellen: set[str] = set()
        self.sleutels: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        m = re.match(r'\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', sql, re.I)
        if m:
            self.tabellen.add(m.group(1))
        return execute(sql, params, many, context)


@pytest.fixture
def wacht(monkeypatch):
    w = Wacht()
    echt = v.bump

    def bump(*sleutels):
        w.sleutels.update(sleutels)
        return echt(*sleutels)

    monkeypatch.setattr(zv, "bump", bump)
    with connection.execute_wrapper(w):
        yield w


def _gevolgde_tabellen() -> dict[str, str]:
    return {m._meta.db_table: m._meta.label for m in apps.get_models() if zv.gevolgd(m)}


def _controleer(w: Wacht, leerling, voor: str):
    gevolgd = _gevolgde_tabellen()
    geschreven = {gevolgd[t] for t in w.tabellen if t in gevolgd}
    assert geschreven, "the scenario wrote nothing"
    assert f"leerling:{leerling.pk}" in w.sleutels, (geschreven, w.sleutels)
    assert v.versie(f"leerling:{leerling.pk}") != voor


def moment(y, m, day, h=10):
    return datetime(y, m, day, h, tzinfo=AMS)


@pytest.fixture
def gezin(world):
    world.kind = LeerlingFactory(geboortedatum=d(2020, 1, 10), voornamen="Mila", achternaam="Jansen")
    world.ouder = ouder_van(world.kind, brieven_digitaal=True)
    return world


def _aanmelding(w):
    from aanmelding import services as a

    with time_machine.travel(moment(2026, 3, 2), tick=False):
        return a.aanmelding_dien_in(
            ouder=w.ouder, school=w.school_a, gewenste_start=d(2026, 8, 24), ondersteuning="ja",
            wat_belangrijk="Rust in de klas", gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[],
            leerling=w.kind, nu=moment(2026, 3, 2))


def _scenario(w, wacht, leerling, doe):
    voor = v.versie(f"leerling:{leerling.pk}")
    wacht.tabellen.clear()
    wacht.sleutels.clear()
    uit = doe()
    _controleer(wacht, leerling, voor)
    return uit


def test_write_services_move_the_pupils_version(gezin, wacht):
    from aanmelding import services as a
    from geschillen.services import deling_nodig_uit, deling_trek_in
    from portal.leerlingen import services as ls
    from portal.termijnen import services as ts
    from portal.zaken import services as zs
    from portal.zaken.models import VerzoekSoort

    w = gezin
    kind = w.kind
    # a request of the family: a new case, its clocks, the receipt letter
    aanmelding = _scenario(w, wacht, kind, lambda: _aanmelding(w))
    with time_machine.travel(moment(2026, 3, 3), tick=False):
        # a request to the parents pauses the clocks; the answer resumes them
        verzoek = _scenario(w, wacht, kind, lambda: zs.verzoek_doe(
            zaak=aanmelding, soort=VerzoekSoort.INFORMATIE_OUDERS, door=w.ib_a, omschrijving="Het verslag graag",
            antwoord_uiterlijk=d(2026, 3, 20)))
        _scenario(w, wacht, kind, lambda: zs.verzoek_beantwoord(verzoek=verzoek, door=w.ouder, antwoord="Bijgevoegd"))
        # a clock started, paused, resumed, ended
        klok = _scenario(w, wacht, kind, lambda: ts.clock_start(regel_id="A-15", zaak=aanmelding, start=d(2026, 3, 3)))
        a6 = aanmelding.klokken["A-6"]
        _scenario(w, wacht, kind, lambda: ts.clock_suspend(clock=a6, van=d(2026, 3, 4), reden="wacht"))
        _scenario(w, wacht, kind, lambda: ts.clock_resume(clock=a6, tot=d(2026, 3, 5)))
        _scenario(w, wacht, kind, lambda: ts.clock_close(clock=klok, op=d(2026, 3, 3)))
        # a share with a helper, and its end
        deling = _scenario(w, wacht, kind, lambda: deling_nodig_uit(
            zaak=aanmelding, ouder=w.ouder, email="consulent@example.nl", rol="onderwijsconsulent",
            geldig_tot=d(2026, 6, 1)))
        _scenario(w, wacht, kind, lambda: deling_trek_in(deling=deling, ouder=w.ouder))
        # a consent asked and given
        toestemming = _scenario(w, wacht, kind, lambda: zs.toestemming_vraag(
            zaak=aanmelding, door=w.ib_a, soort="gegevens", doel="Overleg met de GGD", ontvanger="GGD",
            omvang="Het verslag"))
        _scenario(w, wacht, kind, lambda: zs.toestemming_beslis(
            toestemming=toestemming.toestemming if hasattr(toestemming, "toestemming") else toestemming,
            door=w.ouder, keuze="gegeven"))
        # a gezag link: the second parent invited (a row of the pupil) — the family's accounts bump too
        ls.inschrijving_maak(leerling=kind, school=w.school_a, van=d(2026, 3, 3), door=w.ib_a)
        _scenario(w, wacht, kind, lambda: ls.gezag_uitnodig(leerling=kind, door=w.ouder, email="tweede@example.nl",
                                                          school=w.school_a))
        assert f"user:{w.ouder.pk}" in wacht.sleutels
        # a transition through queryset.update() (intrekken writes the case with update())
        _scenario(w, wacht, kind, lambda: a.aanmelding_trek_in(aanmelding=aanmelding, ouder=w.ouder, reden="Verhuisd"))


def test_update_of_a_queryset_bumps(gezin, wacht):
    from portal.zaken.models import Zaak

    voor = v.versie(f"leerling:{gezin.kind_a.pk}")
    Zaak.objects.filter(pk=gezin.zaak_a.pk).update(status=gezin.zaak_a.status)
    assert f"leerling:{gezin.kind_a.pk}" in wacht.sleutels
    assert v.versie(f"leerling:{gezin.kind_a.pk}") != voor


def test_a_change_without_a_pupil_bumps_everything(world, wacht):
    from portal.organisaties.models import VrijePeriode

    voor = v.versie("alles")
    VrijePeriode.objects.create(school=world.school_a, van=d(2026, 7, 1), tot=d(2026, 8, 20), omschrijving="Zomer")
    assert {"alles", f"org:school:{world.school_a.pk}"} <= wacht.sleutels
    assert v.versie("alles") != voor


def test_reading_a_page_bumps_nothing(gezin, client, wacht):
    """The audit trail of a read is no change a reader sees: else every view would empty the cache."""
    aanmelding = _aanmelding(gezin)
    client.force_login(gezin.ouder)
    wacht.sleutels.clear()
    assert client.get(reverse("core:home")).status_code == 200
    assert client.get(aanmelding.get_absolute_url("ouder")).status_code == 200  # its view is in the audit trail
    assert not {s for s in wacht.sleutels if s.startswith("leerling:")}


# --- the parent's start page -------------------------------------------------------------------------------------------

def _hoofd(r) -> str:
    tekst = r.content.decode()
    return tekst[tekst.index("<main"):tekst.index("</main>")]


def test_start_page_cached_and_fresh_after_a_change(gezin, client, django_assert_max_num_queries):
    from aanmelding import services as a

    aanmelding = _aanmelding(gezin)
    client.force_login(gezin.ouder)
    with time_machine.travel(moment(2026, 3, 4), tick=False):
        eerst = _hoofd(client.get(reverse("core:home")))
        assert "Mila" in eerst
        with django_assert_max_num_queries(6):  # session, user, memberships, …: the part itself from the cache
            assert _hoofd(client.get(reverse("core:home"))) == eerst
        a.aanmelding_trek_in(aanmelding=aanmelding, ouder=gezin.ouder, reden="Verhuisd")
        na = _hoofd(client.get(reverse("core:home")))
        assert na != eerst and "Er loopt nu niets." in na  # not served stale


def test_start_page_new_day_and_language(gezin, client):
    _aanmelding(gezin)
    client.force_login(gezin.ouder)
    with time_machine.travel(moment(2026, 3, 4), tick=False):
        eerst = client.get(reverse("core:home")).content.decode()
    with time_machine.travel(moment(2026, 3, 5), tick=False):
        morgen = client.get(reverse("core:home")).content.decode()
    assert eerst != morgen or "4 maart" not in eerst  # "nog 2 dagen" is rendered again after midnight


def test_no_cache_when_the_cache_is_not_shared(settings):
    settings.VERSIE_DELEN = None
    settings.PRODUCTION = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not v.aan()
    settings.PRODUCTION = False
    assert v.aan()


def test_a_missing_version_is_a_new_token():
    from django.core.cache import cache

    a = v.versie("leerling:999999")
    cache.delete(v.PREFIX + "leerling:999999")
    assert v.versie("leerling:999999") != a


# --- access once per reader (issue #23 §2) -------------------------------------------------------------------------

def test_family_relations_follow_every_change_at_once(world):
    """The pupils a parent reads are kept per version of the account: a gezag link removed, an adult child under
    curatele (WEC 41 lid 7: the parents keep inzage) — the next read, even with the same user object, sees it."""
    from portal.accounts.models import User
    from portal.leerlingen.models import Gezag, Vertegenwoordiging
    from portal.zaken.models import Zaak

    ouder = world.ouder_a
    assert world.zaak_a.pk in set(Zaak.objects.for_user(ouder).values_list("pk", flat=True))
    Gezag.objects.filter(ouder=ouder).delete()
    assert world.zaak_a.pk not in set(Zaak.objects.for_user(ouder).values_list("pk", flat=True))
    assert world.zaak_a.pk not in set(Zaak.objects.for_user(User.objects.get(pk=ouder.pk)).values_list("pk", flat=True))

    kind = world.kind_b  # 18 and older: the parent reads nothing, until a curator is appointed
    kind.geboortedatum = d(2000, 1, 1)
    kind.save()
    ouder_b = User.objects.get(pk=world.ouder_b.pk)
    assert world.zaak_b.pk not in set(Zaak.objects.for_user(ouder_b).values_list("pk", flat=True))
    Vertegenwoordiging.objects.create(leerling=kind, vertegenwoordiger=world.ib_b, soort="curator", van=d(2020, 1, 1),
                                      uitspraak="Rb. 1")
    assert world.zaak_b.pk in set(Zaak.objects.for_user(ouder_b).values_list("pk", flat=True))
