"""The second parent with gezag: invited by a parent, accepted with their own account, confirmed by the school."""

import re
import time

import pytest
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.leerlingen.models import Gezag, GezagUitnodiging, UitnodigingStatus
from portal.meldingen.models import OutboxEmail

from .conftest import login_staff
from .factories import member


def test_invite_accept_confirm(world, client):
    client.force_login(world.ouder_a)
    url = reverse("leerlingen:uitnodigen", args=[world.kind_a.pk])
    r = client.post(url, {"email": "tweede@example.nl", "school": world.school_a.pk})
    assert r.status_code == 302
    mail = OutboxEmail.objects.get(aan="tweede@example.nl")
    link = re.search(r"/leerlingen/uitnodiging/\S+/", mail.tekst).group(0)
    assert world.kind_a.achternaam not in mail.tekst  # no child data in the mail

    tweede = member(Rol.OUDER, email="tweede@example.nl")
    client.force_login(tweede)
    assert client.get(reverse("leerlingen:detail", args=[world.kind_a.pk])).status_code == 404
    r = client.post(link)
    assert r.status_code == 302
    assert client.get(reverse("leerlingen:detail", args=[world.kind_a.pk])).status_code == 404  # not before the school

    login_staff(client, world.ib_a)
    session = client.session
    import time

    session["portal_reauth_at"] = time.time()
    session.save()
    assert "tweede@example.nl" in client.get(reverse("core:home")).content.decode()
    u = GezagUitnodiging.objects.get()
    client.post(reverse("leerlingen:uitnodiging_bevestig", args=[u.pk]), {"besluit": "akkoord"})
    assert Gezag.objects.filter(leerling=world.kind_a, ouder=tweede).exists()
    client.force_login(tweede)
    assert client.get(reverse("leerlingen:detail", args=[world.kind_a.pk])).status_code == 200


@pytest.mark.parametrize(
    "data, melding",
    [
        ({"email": "geen-adres", "school": "SCHOOL_A"}, "geldig e-mailadres"),
        ({"email": "x@example.nl", "school": "SCHOOL_B"}, "Selecteer een geldige keuze"),
        ({"email": "OUDER_A", "school": "SCHOOL_A"}, "andere ouder"),
    ],
)
def test_invite_bad_input(world, client, data, melding):
    data = {k: {"SCHOOL_A": world.school_a.pk, "SCHOOL_B": world.school_b.pk, "OUDER_A": world.ouder_a.email}.get(v, v)
            for k, v in data.items()}
    client.force_login(world.ouder_a)
    r = client.post(reverse("leerlingen:uitnodigen", args=[world.kind_a.pk]), data)
    assert r.status_code == 200 and melding in r.content.decode()
    assert not GezagUitnodiging.objects.exists()


def test_invite_refused_when_two_parents_already(world, client):
    Gezag.objects.create(leerling=world.kind_a, ouder=member(Rol.OUDER))
    client.force_login(world.ouder_a)
    r = client.post(reverse("leerlingen:uitnodigen", args=[world.kind_a.pk]), {"email": "c@example.nl", "school": world.school_a.pk})
    assert "al twee ouders" in r.content.decode()


def test_accept_with_wrong_account_refused(world, client):
    from portal.leerlingen.services import gezag_uitnodig, uitnodiging_token

    u = gezag_uitnodig(leerling=world.kind_a, door=world.ouder_a, email="juist@example.nl", school=world.school_a)
    client.force_login(member(Rol.OUDER, email="anders@example.nl"))
    r = client.post(reverse("leerlingen:uitnodiging", args=[uitnodiging_token(u)]))
    assert r.status_code == 400 and "ander e-mailadres" in r.content.decode()
    r = client.post(reverse("leerlingen:uitnodiging", args=["vervalst"]))
    assert r.status_code == 400
    u.refresh_from_db()
    assert u.status == UitnodigingStatus.VERSTUURD


def test_an_invitation_from_the_schools_system_names_the_school(world, client):
    """A school's system (the API, the import) invites a parent with no person as inviter: the parent's start page and
    the school's confirmation page name the school, never an empty name."""
    ouder = member(Rol.OUDER, email="nieuw@example.nl")
    u = GezagUitnodiging.objects.create(leerling=world.kind_a, uitgenodigd_door=None, door_school=True,
                                        email=ouder.email, school=world.school_a,
                                        status=UitnodigingStatus.GEACCEPTEERD, geaccepteerd_door=ouder)
    client.force_login(ouder)
    html = " ".join(client.get(reverse("core:home")).content.decode().split())
    assert f"de uitnodiging van {world.school_a.naam} aan" in html
    login_staff(client, world.ib_a)
    sessie = client.session
    sessie["portal_reauth_at"] = time.time()  # the password was just asked again
    sessie.save()
    r = client.get(reverse("leerlingen:uitnodiging_bevestig", args=[u.pk]))
    assert r.status_code == 200, r.status_code
    assert world.school_a.naam in r.content.decode().split("Uitgenodigd door", 1)[1][:300]
