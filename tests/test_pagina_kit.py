"""The case-page kit in the core (issue #18): the tracker include addresses a term to whoever holds it, the one
Registry class refuses duplicates, and zaak_of_404 returns the case with the reader's relations."""

import datetime as dt

import pytest
from django.http import Http404
from django.template.loader import render_to_string

from portal.basis.registry import DubbeleRegistratie, Registry
from portal.zaken.pagina import RELATIES, aan_zet_tekst, zaak_of_404
from portal.zaken.registry import Stap

from .factories import LeerlingFactory, UserFactory


def _render(stap, rel, zaak):
    return render_to_string("zaken/_stap.html", {"stap": stap, "rel": frozenset(rel), "zaak": zaak})


@pytest.mark.django_db
@pytest.mark.parametrize("aan_zet,rel,verwacht,niet", [
    # a term of the school: the school reads "U", a parent never does (issue #18 §2)
    ("school", {"ouder"}, "De school", ">U<"),
    ("school", {"school", "ib"}, ">U<", "De school"),
    ("school", {"helper"}, "De school", ">U<"),
    ("swv", {"ouder"}, "Het samenwerkingsverband", ">U<"),
    ("bestuur", {"directeur", "school", "ondertekenaar"}, ">U<", "Het schoolbestuur"),
    # the family's turn: the parent reads "U", the school reads who it is
    ("gezin", {"ouder"}, ">U<", "De ouders"),
    ("gezin", {"school", "ib"}, "De ouders", ">U<"),
    ("gezin", {"ouder_inzage"}, "De ouders", ">U<"),
    ("gpo", {"ouder"}, "De Geschillencommissie passend onderwijs", ">U<"),
])
def test_tracker_include_spreekt_alleen_wie_aan_zet_is_met_u_aan(world, aan_zet, rel, verwacht, niet):
    stap = Stap(nu="Het plan wordt gemaakt.", aan_zet=aan_zet, uiterlijk=dt.date(2026, 12, 8))
    html = _render(stap, rel, world.zaak_a)
    assert verwacht in html.replace("<dd class=\"col-sm-8\">U</dd>", ">U<")
    assert niet not in html.replace("<dd class=\"col-sm-8\">U</dd>", ">U<")
    assert "dinsdag 8 december 2026" in html


@pytest.mark.django_db
def test_de_meerderjarige_leest_jij_en_de_school_leest_de_leerling(world):
    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership

    kind = LeerlingFactory(geboortedatum=dt.date(2000, 1, 1))
    kind.account = UserFactory()
    Membership.objects.create(user=kind.account, rol=Rol.LEERLING)
    kind.save()
    from .factories import zaak_voor

    zaak = zaak_voor(kind, world.school_a)
    stap = Stap(nu="x", aan_zet="gezin")
    assert aan_zet_tekst(stap, {"leerling", "meerderjarige"}, zaak) == "Jij"
    assert aan_zet_tekst(stap, {"school"}, zaak) == "De leerling"


@pytest.mark.django_db
def test_familie_leest_waar_staat_het_staf_leest_de_status(world):
    stap = Stap(nu="x", aan_zet="school")
    assert "Waar staat het?" in _render(stap, {"ouder"}, world.zaak_a)
    staf = _render(stap, {"school"}, world.zaak_a)
    assert "Stand van zaken" in staf and "badge" in staf


def test_een_oude_stap_zonder_aan_zet_houdt_zijn_tekst():
    assert aan_zet_tekst(Stap(nu="x", wie="De commissie"), {"ouder"}, None) == "De commissie"


def test_registry_weigert_een_dubbele_sleutel_en_toont_zich():
    r = Registry("test-kit-registry", "voor deze test")

    @r.register("a")
    def eerste():
        return 1

    r.register("a", eerste)  # the same object again: ready() twice
    with pytest.raises(DubbeleRegistratie):
        r.register("a", lambda: 2)
    with pytest.raises(DubbeleRegistratie):
        Registry("test-kit-registry")
    assert r["a"] is eerste and "a" in r and r.keys() == ["a"]
    assert r in Registry.alle()
    with pytest.raises(KeyError, match="niet geregistreerd"):
        r["b"]


@pytest.mark.django_db
def test_zaak_of_404_geeft_de_zaak_met_de_relaties(world):
    from opp.models import Ontwikkelingsperspectief

    zaak, rel = zaak_of_404(world.ouder_a, Ontwikkelingsperspectief, world.zaak_a.pk)
    assert zaak.pk == world.zaak_a.pk and rel == {"ouder"}
    zaak, rel = zaak_of_404(world.ib_a, Ontwikkelingsperspectief, world.zaak_a.pk)
    assert {"school", "ib"} <= rel
    zaak, rel = zaak_of_404(world.bestuurder_a, Ontwikkelingsperspectief, world.zaak_a.pk) if \
        Ontwikkelingsperspectief.objects.for_user(world.bestuurder_a).filter(pk=world.zaak_a.pk).exists() else (None, {"bestuur"})
    assert "bestuur" in rel
    for vreemde in (world.ouder_b, world.ib_b):
        with pytest.raises(Http404):
            zaak_of_404(vreemde, Ontwikkelingsperspectief, world.zaak_a.pk)


def test_elke_relatie_heeft_een_betekenis():
    assert {"ouder", "meerderjarige", "vertegenwoordiger", "leerling", "school", "swv", "helper"} <= set(RELATIES)
    assert all(isinstance(v, str) and v for v in RELATIES.values())
