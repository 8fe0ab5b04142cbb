"""Subscriptions through the API (issue #21 §4): ``/api/v1/abonnementen/``. The owner subscribes and sees the secret
once; another client's subscription is a 404; without the scope 403; a bad URL or kind 400 in Dutch, at the field."""

import pytest

from portal.audit.models import Actie, AuditEntry
from portal.gebeurtenissen.models import Abonnement
from portal.gebeurtenissen.veiligheid import ontsleutel

from .api_hulp import Systeem, is_probleem, koppeling

URL = "/api/v1/abonnementen/"
GOED = {"url": "https://93.184.216.34/hook", "soorten": ["zaak.geopend", "termijn.verlopen"]}


@pytest.fixture(autouse=True)
def _productie(settings):
    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = False  # as in production: https and public addresses only


def systeem(scopes=("gebeurtenissen:lezen", "gebeurtenissen:schrijven"), **organisatie):
    k, geheim = koppeling(scopes=scopes, **organisatie)
    return Systeem(k, geheim)


def test_owner_subscribes_sees_the_secret_once_lists_changes_and_ends(world):
    s = systeem(school=world.school_a)
    r = s.post(URL, {**GOED, "omschrijving": "ParnasSys"})
    assert r.status_code == 201, r.content
    body = r.json()
    a = Abonnement.objects.get()
    assert body["geheim"].startswith("whsec_") and ontsleutel(a.geheim_versleuteld) == body["geheim"]
    assert a.koppeling == s.koppeling and a.soorten == ["termijn.verlopen", "zaak.geopend"]
    assert AuditEntry.objects.filter(actie=Actie.AANGEMAAKT, object_type="gebeurtenissen.abonnement",
                                     systeem=True).exists()
    lijst = s.get(URL).json()
    assert [x["id"] for x in lijst["results"]] == [a.pk] and "geheim" not in lijst["results"][0]
    detail = s.get(f"{URL}{a.pk}/")
    assert detail.status_code == 200 and "geheim" not in detail.json()
    r = s.client.patch(f"{URL}{a.pk}/", {"soorten": ["besluit.ondertekend"]}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {s.token}")
    assert r.status_code == 200 and r.json()["soorten"] == ["besluit.ondertekend"]
    assert s.delete(f"{URL}{a.pk}/").status_code == 204
    a.refresh_from_db()
    assert a.beeindigd_op is not None
    is_probleem(s.get(f"{URL}{a.pk}/"), 404)


def test_another_clients_subscription_is_404(world):
    eigen = systeem(school=world.school_a)
    ander = systeem(school=world.school_b)
    a_pk = eigen.post(URL, GOED).json()["id"]
    is_probleem(ander.get(f"{URL}{a_pk}/"), 404)
    is_probleem(ander.delete(f"{URL}{a_pk}/"), 404)
    assert ander.get(URL).json()["results"] == []
    # even a second client of the same school: a subscription belongs to the client that made it
    tweede = systeem(school=world.school_a)
    is_probleem(tweede.get(f"{URL}{a_pk}/"), 404)
    assert Abonnement.objects.get().beeindigd_op is None


def test_without_the_scope_403_and_without_a_token_401(world):
    s = systeem(school=world.school_a, scopes=("leerlingen:lezen",))
    assert "gebeurtenissen" in is_probleem(s.get(URL), 403)["detail"]
    is_probleem(s.post(URL, GOED), 403)
    lezer = systeem(school=world.school_a, scopes=("gebeurtenissen:lezen",))
    assert lezer.get(URL).status_code == 200
    is_probleem(lezer.post(URL, GOED), 403)  # reading is not subscribing
    from django.test import Client

    is_probleem(Client().get(URL), 401)
    assert not Abonnement.objects.exists()


@pytest.mark.parametrize("data,veld,woorden", [
    ({**GOED, "url": "http://93.184.216.34/hook"}, "url", "https"),
    ({**GOED, "url": "https://169.254.169.254/latest/meta-data/"}, "url", "intern netwerk"),
    ({**GOED, "url": "https://10.0.0.8/hook"}, "url", "intern netwerk"),
    ({**GOED, "url": "https://localhost/hook"}, "url", "intern netwerk"),
    ({**GOED, "url": "http://127.0.0.1:8000/hook"}, "url", "https"),
    ({**GOED, "url": ""}, "url", "Vul de URL in"),
    ({**GOED, "url": "geen url"}, "url", "https://"),
    ({"soorten": ["zaak.geopend"]}, "url", "verplicht"),
    ({**GOED, "soorten": []}, "soorten", "ten minste één"),
    ({**GOED, "soorten": ["zaak.gesloopt"]}, "soorten", "Onbekende soort"),
    ({**GOED, "soorten": "zaak.geopend"}, "soorten", "lijst"),
    ({"url": GOED["url"]}, "soorten", "verplicht"),
])
def test_bad_input_is_400_in_dutch_at_the_field(world, data, veld, woorden):
    s = systeem(school=world.school_a)
    body = is_probleem(s.post(URL, data), 400)
    redenen = {p["name"]: p["reason"] for p in body["invalid-params"]}
    assert veld in redenen and woorden in redenen[veld], redenen
    assert not Abonnement.objects.exists()


def test_a_change_to_a_bad_url_is_refused_and_nothing_changes(world):
    s = systeem(school=world.school_a)
    a_pk = s.post(URL, GOED).json()["id"]
    r = s.client.patch(f"{URL}{a_pk}/", {"url": "https://192.168.0.1/x"}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {s.token}")
    assert "intern netwerk" in is_probleem(r, 400)["invalid-params"][0]["reason"]
    assert Abonnement.objects.get().url == GOED["url"]


def test_the_list_has_a_pinned_query_count(world, django_assert_max_num_queries):
    s = systeem(school=world.school_a)
    for _ in range(3):
        s.post(URL, GOED)
    with django_assert_max_num_queries(8):
        r = s.get(URL)
    assert r.status_code == 200 and len(r.json()["results"]) == 3
