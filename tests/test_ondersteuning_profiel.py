"""Basisondersteuning and school support profiles (issue #9 §1; DOMAIN §5 P1, W1; B-7): versioned, structured,
public; the pupils' consultation recorded with each version before it is set."""

from datetime import date as d
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.organisaties import selectors
from portal.organisaties import services as org
from portal.organisaties.models import Basisondersteuning, BasisondersteuningVersie, Ondersteuningsprofiel

from .conftest import login_staff
from .factories import SchoolFactory, SWVFactory

VANDAAG = timezone.localdate


def compleet(profiel, door, **extra):
    velden = {"basis_toelichting": "Weekplanning op drie niveaus", "ingang": "gelijkvloers", "lift": "niet_nodig",
              "toilet_aangepast": True, "aanmeldprocedure": "Meld online aan.", "raadpleging_op": VANDAAG(),
              "raadpleging_wijze": "leerlingenraad", "raadpleging_wijzigingen": "Meer uitleg over de time-out."} | extra
    return org.profiel_bewerk(profiel=profiel, door=door, **velden)


# --- basisondersteuning ----------------------------------------------------------------------------------------

def test_published_versions_are_frozen(world):
    item = org.basisondersteuning_bewaar(swv=world.swv_a, door=world.swv_mw_a, gebied="lezen_taal", titel="Lezen")
    with pytest.raises(org.ProfielFout, match="titel"):
        org.basisondersteuning_bewaar(swv=world.swv_a, door=world.swv_mw_a, gebied="lezen_taal", titel=" ")
    v1 = org.basisondersteuning_publiceer(swv=world.swv_a, door=world.swv_mw_a, op=d(2026, 1, 5))
    with pytest.raises(org.ProfielFout, match="niets veranderd"):
        org.basisondersteuning_publiceer(swv=world.swv_a, door=world.swv_mw_a)
    org.basisondersteuning_bewaar(swv=world.swv_a, door=world.swv_mw_a, item=item, gebied="lezen_taal",
                                  titel="Lezen en dyslexie")
    v2 = org.basisondersteuning_publiceer(swv=world.swv_a, door=world.swv_mw_a, toelichting="Dyslexie erbij")
    assert (v1.nummer, v2.nummer) == (1, 2) and v1.gepubliceerd_op == d(2026, 1, 5)
    assert list(v1.onderdelen.values_list("titel", flat=True)) == ["Lezen"]  # unchanged by the edit
    assert list(BasisondersteuningVersie.objects.filter(swv=world.swv_a).laatste_per_swv()) == [v2]
    with pytest.raises(org.ProfielFout, match="nog niets"):
        org.basisondersteuning_publiceer(swv=world.swv_b, door=None)


def test_public_basisondersteuning_page(world, client):
    Basisondersteuning.objects.create(swv=world.swv_a, titel="Lezen", gebied="lezen_taal")
    org.basisondersteuning_publiceer(swv=world.swv_a, door=None)
    Basisondersteuning.objects.create(swv=world.swv_a, titel="Gedrag", gebied="gedrag")
    org.basisondersteuning_publiceer(swv=world.swv_a, door=None)
    url = reverse("organisaties:basisondersteuning", args=[world.swv_a.pk])
    body = client.get(url).content.decode()  # anonymous
    assert "Gedrag" in body and "Versie 2" in body and "eerdere versie" not in body
    body = client.get(url + "?versie=1").content.decode()
    assert "Gedrag" not in body and "Dit is een eerdere versie" in body
    assert client.get(url + "?versie=9").status_code == 404
    assert client.get(url + "?versie=abc").status_code == 200


def test_swv_maintains_its_catalogue(world, client):
    login_staff(client, world.swv_mw_a)
    url = reverse("organisaties:basis_beheer", args=[world.swv_a.pk])
    r = client.post(url, {"item-gebied": "gedrag", "item-titel": ""})
    assert r.status_code == 200 and "titel" in r.context["form"].errors
    assert client.post(url, {"item-gebied": "gedrag", "item-titel": "Time-out"}).status_code == 302
    assert client.post(reverse("organisaties:basis_publiceer", args=[world.swv_a.pk]), {}).status_code == 302
    assert BasisondersteuningVersie.objects.get().onderdelen.get().titel == "Time-out"
    assert client.get(reverse("organisaties:basis_beheer", args=[world.swv_b.pk])).status_code == 404


# --- the school's profile ----------------------------------------------------------------------------------------

def test_a_profile_is_set_only_after_the_pupils_gave_their_view(world):
    p = org.profiel_nieuwe_versie(school=world.school_a, door=world.ib_a)
    with pytest.raises(org.ProfielFout, match="al een conceptversie"):
        org.profiel_nieuwe_versie(school=world.school_a, door=world.ib_a)
    compleet(p, world.ib_a, raadpleging_op=None)
    with pytest.raises(org.ProfielFout, match="mening"):
        org.profiel_stel_vast(profiel=p, door=world.dir_a)
    with pytest.raises(org.ProfielFout, match="toekomst"):
        org.profiel_bewerk(profiel=p, door=world.ib_a, raadpleging_op=VANDAAG() + timedelta(days=1))
    compleet(p, world.ib_a)
    with pytest.raises(org.ProfielFout, match="directeur"):
        org.profiel_stel_vast(profiel=p, door=world.ib_a)
    p = org.profiel_stel_vast(profiel=p, door=world.dir_a)
    assert p.status == "vastgesteld" and p.vastgesteld_op == VANDAAG() and p.rolstoeltoegankelijk
    with pytest.raises(org.ProfielFout, match="vastgesteld"):
        org.profiel_bewerk(profiel=p, door=world.ib_a, aanmeldprocedure="Anders")


def test_a_new_version_copies_the_offer_but_asks_the_pupils_again(world):
    Basisondersteuning.objects.create(swv=world.swv_a, titel="Lezen", gebied="lezen_taal")
    basis = org.basisondersteuning_publiceer(swv=world.swv_a, door=None)
    p1 = org.profiel_nieuwe_versie(school=world.school_a, door=world.ib_a)
    compleet(p1, world.ib_a)
    org.profiel_onderdeel_voeg_toe(profiel=p1, door=world.ib_a, soort="extra", gebied="autisme", titel="Prikkelarm")
    org.profiel_expertise_voeg_toe(profiel=p1, door=world.ib_a, expertise="orthopedagoog", beschikbaar="swv")
    with pytest.raises(org.ProfielFout, match="staat er al"):
        org.profiel_expertise_voeg_toe(profiel=p1, door=world.ib_a, expertise="orthopedagoog", beschikbaar="team")
    p1 = org.profiel_stel_vast(profiel=p1, door=world.dir_a)
    assert list(p1.basisondersteuning.all()) == [basis]
    p2 = org.profiel_nieuwe_versie(school=world.school_a, door=world.ib_a)
    assert p2.nummer == 2 and p2.onderdelen.count() == 1 and p2.expertises.count() == 1
    assert p2.basis_toelichting == p1.basis_toelichting and p2.raadpleging_op is None  # consultation: per version
    compleet(p2, world.ib_a, raadpleging_wijzigingen="Niets: leerlingen vonden het duidelijk.")
    org.profiel_stel_vast(profiel=p2, door=world.dir_a)
    p1.refresh_from_db()
    assert p1.status == "vervangen"
    assert world.school_a.geldend_profiel.pk == p2.pk


def test_public_profile_page(world, client):
    url = reverse("organisaties:profiel", args=[world.school_a.pk])
    body = client.get(url).content.decode()
    assert "nog geen ondersteuningsprofiel" in body and "niet weigeren" in body
    p = org.profiel_nieuwe_versie(school=world.school_a, door=world.ib_a)
    compleet(p, world.ib_a)
    org.profiel_onderdeel_voeg_toe(profiel=p, door=world.ib_a, soort="extra", gebied="autisme", titel="Prikkelarm")
    assert "Prikkelarm" not in client.get(url).content.decode()  # a concept is never public
    org.profiel_stel_vast(profiel=p, door=world.dir_a)
    body = client.get(url).content.decode()
    assert "Prikkelarm" in body and "Meer uitleg over de time-out" in body and "leerlingenraad" in body
    assert client.get(url + "?versie=1").status_code == 200
    assert client.get(url + "?versie=2").status_code == 404  # no such set version


def test_profile_pages_bad_input_and_access(world, client):
    p = org.profiel_nieuwe_versie(school=world.school_a, door=world.ib_a)
    login_staff(client, world.ib_a)
    r = client.post(reverse("organisaties:profiel_bewerk", args=[p.pk]), {
        "profiel-groepsgrootte": "veel", "profiel-schooljaar": "2026", "profiel-aanmeldprocedure": "Online"})
    assert r.status_code == 200
    form = r.context["f_profiel"]
    assert {"groepsgrootte", "schooljaar"} <= set(form.errors) and form["aanmeldprocedure"].value() == "Online"
    r = client.post(reverse("organisaties:profiel_onderdeel", args=[p.pk]), {"onderdeel-soort": "extra"})
    assert r.status_code == 200 and "titel" in r.context["f_onderdeel"].errors
    assert client.post(reverse("organisaties:profiel_vaststellen", args=[p.pk])).status_code == 404  # IB'er
    login_staff(client, world.ib_b)
    assert client.get(reverse("organisaties:profiel_beheer", args=[world.school_a.pk])).status_code == 404
    assert client.post(reverse("organisaties:profiel_bewerk", args=[p.pk]), {}).status_code == 404


def test_the_finder_filters_on_structured_fields(world):
    """P1: the public-information issue's finder filters on fields, not on a text blob."""
    def stel_vast(school, **extra):
        p = org.profiel_nieuwe_versie(school=school, door=None)
        compleet(p, None, **extra)
        return p

    a = stel_vast(world.school_a)
    org.profiel_onderdeel_voeg_toe(profiel=a, door=None, soort="extra", gebied="autisme", titel="Prikkelarm")
    org.profiel_expertise_voeg_toe(profiel=a, door=None, expertise="logopedist", beschikbaar="team")
    Ondersteuningsprofiel.objects.filter(pk=a.pk).update(status="vastgesteld", vastgesteld_op=VANDAAG())
    b = stel_vast(world.school_b, ingang="trap", lift="nee", toilet_aangepast=False)
    org.profiel_onderdeel_voeg_toe(profiel=b, door=None, soort="specialisme", gebied="begaafdheid", titel="Plusklas")
    b.status = "vastgesteld"
    b.save()
    c = SchoolFactory(swvs=[SWVFactory()])  # no profile at all
    assert set(selectors.scholen_zoek()) == {world.school_a, world.school_b, c}
    assert list(selectors.scholen_zoek(rolstoeltoegankelijk=True)) == [world.school_a]
    assert list(selectors.scholen_zoek(gebied="begaafdheid")) == [world.school_b]
    assert list(selectors.scholen_zoek(expertise="logopedist", gebied="autisme")) == [world.school_a]
    assert list(selectors.scholen_zoek(swv=world.swv_b)) == [world.school_b]
    assert list(selectors.scholen_zoek(gebied="autisme", swv=world.swv_b)) == []
    # a concept does not count
    nieuw = org.profiel_nieuwe_versie(school=world.school_a, door=None)
    org.profiel_onderdeel_voeg_toe(profiel=nieuw, door=None, soort="extra", gebied="zien", titel="Braille")
    assert list(selectors.scholen_zoek(gebied="zien")) == []
