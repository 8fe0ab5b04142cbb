"""Issue #22: the pupil's own pages say what they are for. Under "Klachten, bezwaren en geschillen" a pupil with
nothing there reads one plain sentence (not an empty page with a heading); the TLV list does not speak to a pupil,
adult or not, as a parent ("uw kinderen"). In Dutch and in English."""

import datetime as dt

import pytest
from django.urls import reverse

from portal.accounts.constants import Rol
from tests.factories import LeerlingFactory, member, ouder_van

from .test_informatie import _gecompileerd, vertaald  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

UITLEG_NL = "Op deze pagina staan klachten, bezwaren en geschillen over school. Er is nu niets voor jou."
UITLEG_EN = "This page shows complaints, objections and disputes about school. There is nothing for you at the moment."


def _leerling(geboren, taal="nl"):
    kind = LeerlingFactory(geboortedatum=geboren)
    kind.account = member(Rol.LEERLING, taal=taal)
    kind.save(update_fields=["account"])
    return kind


def _jong():
    return dt.date.today().replace(year=dt.date.today().year - 14, day=1)


@pytest.mark.parametrize(("taal", "uitleg"), [("nl", UITLEG_NL), ("en", UITLEG_EN)])
def test_a_pupil_with_nothing_there_reads_what_the_geschillen_page_is_for(client, vertaald, taal, uitleg):  # noqa: F811
    kind = _leerling(_jong(), taal)
    ouder_van(kind)
    client.force_login(kind.account)
    html = " ".join(client.get(reverse("geschillen:home")).content.decode().split())
    assert uitleg in html
    assert "Talk about it with your parents or your teacher." in html if taal == "en" else \
        "Praat erover met je ouders of met je leraar." in html


def test_a_parent_does_not_get_the_pupils_sentence(client, world):
    client.force_login(world.ouder_a)
    html = " ".join(client.get(reverse("geschillen:home")).content.decode().split())
    assert "Er is nu niets voor jou" not in html and "Het gaat niet goed: wat kan ik doen?" in html


@pytest.mark.parametrize("leeftijd", [14, 19])
def test_the_tlv_list_speaks_to_a_pupil_not_to_a_parent(client, vertaald, leeftijd):  # noqa: F811
    vandaag = dt.date.today()
    kind = _leerling(vandaag.replace(year=vandaag.year - leeftijd, day=1))
    ouder_van(kind)
    client.force_login(kind.account)
    html = client.get(reverse("tlv:home")).content.decode()
    assert "uw kinderen" not in html
    assert "Aanvragen voor een toelaatbaarheidsverklaring" in html and "Er is nu geen aanvraag." in html
    kind.account.taal = "en"
    kind.account.save(update_fields=["taal"])
    html = client.get(reverse("tlv:home")).content.decode()
    assert "your children" not in html
    assert "Applications for an admission statement" in html and "There is no application at the moment." in html


def test_a_parent_still_reads_about_their_children_on_the_tlv_list(client, world):
    client.force_login(world.ouder_a)
    html = client.get(reverse("tlv:home")).content.decode()
    assert "Aanvragen voor uw kinderen" in html
