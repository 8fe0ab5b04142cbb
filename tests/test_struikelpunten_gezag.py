"""Issue #22 §2 item 5: confirming a second parent. The IB'er's confirmation names the parent and the child (not
"Verwerkt."); a second parent who accepted an invitation sees on their start page that the link waits for the school
— who must act — instead of only "no children linked yet"; and a refusal says so."""

import time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.leerlingen.models import GezagUitnodiging, UitnodigingStatus
from portal.leerlingen.services import gezag_accepteer, gezag_uitnodig, uitnodiging_token

from .conftest import login_staff
from .factories import member

GEEN_KINDEREN = "Er zijn nog geen kinderen aan uw account gekoppeld."


@pytest.fixture
def geaccepteerd(world):
    world.tweede = member(Rol.OUDER, email="tweede@example.nl", first_name="Sam", last_name="de Vries")
    u = gezag_uitnodig(leerling=world.kind_a, door=world.ouder_a, email="tweede@example.nl", school=world.school_a)
    world.uitnodiging = gezag_accepteer(token=uitnodiging_token(u), user=world.tweede)
    return world


def _ib(client, w):
    login_staff(client, w.ib_a)
    session = client.session
    session["portal_reauth_at"] = time.time()
    session.save()
    return client


@pytest.mark.parametrize("besluit, verwacht, status", [
    ("akkoord", "Sam de Vries is nu gekoppeld als ouder met gezag van {kind}", UitnodigingStatus.BEVESTIGD),
    ("afwijzen", "U heeft de koppeling van Sam de Vries aan {kind} afgewezen", UitnodigingStatus.AFGEWEZEN),
])
def test_the_confirmation_names_the_parent_and_the_child(geaccepteerd, client, besluit, verwacht, status):
    w = geaccepteerd
    r = _ib(client, w).post(reverse("leerlingen:uitnodiging_bevestig", args=[w.uitnodiging.pk]), {"besluit": besluit})
    assert r.status_code == 302
    berichten = [str(m) for m in get_messages(r.wsgi_request)]
    assert len(berichten) == 1 and berichten[0].startswith(verwacht.format(kind=w.kind_a.naam))
    assert GezagUitnodiging.objects.get().status == status


def test_the_second_parent_sees_the_pending_link_and_who_acts(geaccepteerd, client):
    w = geaccepteerd
    client.force_login(w.tweede)
    html = client.get(reverse("core:home")).content.decode()
    assert "Uw koppeling wacht op de school." in html
    assert w.school_a.naam in html and "aan zet" in html and "U hoeft zelf niets te doen" in html
    assert w.ouder_a.get_full_name() in html  # whose invitation it was
    assert GEEN_KINDEREN not in html
    assert w.kind_a.achternaam not in html  # nothing of the child before the school confirms
    # once confirmed: the child, and no more waiting
    _ib(client.__class__(), w).post(reverse("leerlingen:uitnodiging_bevestig", args=[w.uitnodiging.pk]),
                                    {"besluit": "akkoord"})
    html = client.get(reverse("core:home")).content.decode()
    assert "Uw koppeling wacht op de school." not in html and w.kind_a.naam in html


def test_a_refused_link_is_said_with_whom_to_contact(geaccepteerd, client):
    w = geaccepteerd
    _ib(client.__class__(), w).post(reverse("leerlingen:uitnodiging_bevestig", args=[w.uitnodiging.pk]),
                                    {"besluit": "afwijzen"})
    client.force_login(w.tweede)
    html = client.get(reverse("core:home")).content.decode()
    assert "niet bevestigd" in html and f"Neem contact op met {w.school_a.naam}" in html


def test_another_parent_sees_nothing_of_it(geaccepteerd, client):
    anders = member(Rol.OUDER)
    client.force_login(anders)
    html = client.get(reverse("core:home")).content.decode()
    assert GEEN_KINDEREN in html and "Uw koppeling wacht" not in html and geaccepteerd.school_a.naam not in html
