"""The API's ground floor (issue #21 §1): the OpenAPI schema, the documentation page under the site's CSP, and one
error format — RFC 9457 problem details in Dutch — for every status."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from portal.accounts.constants import Rol

from .api_hulp import is_probleem, systeem
from .factories import member

pytestmark = pytest.mark.django_db


def test_schema_generates_and_validates_without_warnings(tmp_path):
    """`manage.py spectacular --validate --fail-on-warn`, as CI runs it: no warning, no error, valid OpenAPI 3."""
    uit = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(uit))
    tekst = uit.read_text()
    assert tekst.startswith("openapi: 3.")
    for pad in ("/api/v1/scholen/", "/api/v1/leerlingen/{id}/", "/api/v1/groepen/", "/api/v1/termijnen/"):
        assert f"  {pad}:" in tekst


def test_schema_is_served_and_names_scopes_and_problem_details():
    r = Client().get("/api/v1/schema/", {"format": "json"})
    assert r.status_code == 200
    schema = r.json()
    oauth = schema["components"]["securitySchemes"]["oauth2"]
    assert oauth["flows"]["clientCredentials"]["tokenUrl"] == "/api/v1/token/"
    assert {"leerlingen:lezen", "leerlingen:schrijven", "termijnen:lezen"} <= set(oauth["flows"]["clientCredentials"]["scopes"])
    lijst = schema["paths"]["/api/v1/leerlingen/"]["get"]
    assert lijst["security"] == [{"oauth2": ["leerlingen:lezen"]}]
    assert lijst["responses"]["404"]["content"]["application/problem+json"]["schema"]["$ref"].endswith("/Probleem")
    assert "304" in lijst["responses"]
    assert schema["paths"]["/api/v1/groepen/"]["post"]["security"] == [{"oauth2": ["leerlingen:schrijven"]}]
    # the public schools: no token, so no 401/403
    assert "401" not in schema["paths"]["/api/v1/scholen/"]["get"]["responses"]


def _csp(r) -> dict[str, list[str]]:
    kop = r["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (x.strip() for x in kop.split(";")) if d}


def test_docs_page_loads_only_from_self_under_the_sites_csp():
    """The documentation page: Swagger UI from the sidecar's static files, no inline script or style, nothing from
    outside; the CSP header of the site stands as it is ('self')."""
    c = Client()
    r = c.get("/api/v1/docs/")
    assert r.status_code == 200
    html = r.content.decode()
    csp = _csp(r)
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"] and csp["default-src"] == ["'self'"]
    assert "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(r"\sstyle=", html), "inline style attribute"
    bronnen = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert bronnen
    for url in bronnen:
        assert url.startswith("/"), f"not from 'self': {url}"
        assert not url.startswith("//")
    # each asset is really there, from this site (the sidecar's files through staticfiles; the start script from
    # the view itself) — and the start script names the schema of this site
    for url in bronnen:
        if url.startswith("/static/"):
            from django.contrib.staticfiles import finders

            assert finders.find(url.removeprefix("/static/").split("?")[0]), url
    script = next(u for u in bronnen if "script" in u and u.startswith("/api/v1/docs/"))
    r = c.get(script.replace("&amp;", "&"))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in r.content.decode()
    assert '"validatorUrl": null' in r.content.decode()  # no badge from validator.swagger.io


# --- problem details per status --------------------------------------------------------------------------------

def test_401_without_token_is_a_dutch_problem_with_the_bearer_challenge():
    body = is_probleem(Client().get("/api/v1/leerlingen/"), 401)
    assert body["title"] == "Niet geauthenticeerd"
    assert "toegangstoken" in body["detail"]


def test_401_with_a_token_that_does_not_exist():
    r = Client().get("/api/v1/leerlingen/", HTTP_AUTHORIZATION="Bearer bestaat-niet")
    is_probleem(r, 401)
    assert r["WWW-Authenticate"].startswith("Bearer")


def test_403_without_the_scope(world):
    s = systeem(school=world.school_a, scopes=["termijnen:lezen"])
    body = is_probleem(s.get("/api/v1/leerlingen/"), 403)
    assert body["title"] == "Geen toegang"
    assert "leerlingen:lezen" in body["detail"]


def test_404_for_an_unknown_object_and_an_unknown_path(world):
    s = systeem(school=world.school_a)
    assert is_probleem(s.get("/api/v1/leerlingen/999999999/"), 404)["title"] == "Niet gevonden"
    is_probleem(Client().get("/api/v1/bestaat-niet/"), 404)
    is_probleem(Client().post("/api/v1/bestaat/ook/niet"), 404)


def test_405_names_the_method_and_allows(world):
    r = Client().delete("/api/v1/scholen/")
    body = is_probleem(r, 405)
    assert "DELETE" in body["detail"]
    assert "GET" in r["Allow"]


def test_400_validation_lists_the_fields_in_dutch(world):
    s = systeem(school=world.school_a, scopes=["leerlingen:lezen", "leerlingen:schrijven"])
    body = is_probleem(s.post("/api/v1/groepen/", {"schooljaar": "2026-2027"}), 400)
    assert {p["name"] for p in body["invalid-params"]} == {"naam"}
    assert body["invalid-params"][0]["reason"] == "Dit veld is verplicht."


def test_400_malformed_json(world):
    s = systeem(school=world.school_a, scopes=["leerlingen:lezen", "leerlingen:schrijven"])
    r = s.client.post("/api/v1/groepen/", "{niet: json", content_type="application/json",
                      HTTP_AUTHORIZATION=f"Bearer {s.token}")
    assert is_probleem(r, 400)["detail"] == "De invoer is geen geldige JSON."


def test_415_other_media_type(world):
    s = systeem(school=world.school_a, scopes=["leerlingen:lezen", "leerlingen:schrijven"])
    r = s.client.post("/api/v1/groepen/", "naam=x", content_type="application/x-www-form-urlencoded",
                      HTTP_AUTHORIZATION=f"Bearer {s.token}")
    is_probleem(r, 415)


def test_429_with_retry_after(world, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE = "2/min"
    c = Client()
    assert c.get("/api/v1/scholen/").status_code == 200
    assert c.get("/api/v1/scholen/").status_code == 200
    r = c.get("/api/v1/scholen/")
    body = is_probleem(r, 429)
    assert int(r["Retry-After"]) > 0
    assert "te veel verzoeken" in body["detail"]
    cache.clear()


def test_500_is_a_problem_without_internals(world, monkeypatch, caplog):
    from portal.api.bronnen.scholen import SchoolViewSet

    def kapot(self):
        raise RuntimeError("geheime interne details")

    monkeypatch.setattr(SchoolViewSet, "get_queryset", kapot)
    r = Client().get("/api/v1/scholen/")
    body = is_probleem(r, 500)
    assert "geheime" not in r.content.decode()
    assert "Er ging iets mis" in body["detail"]
    assert "geheime interne details" in caplog.text  # logged with its trace for the beheerder


def test_accept_problem_json_is_honoured_and_other_types_are_406(world):
    assert Client().get("/api/v1/scholen/", HTTP_ACCEPT="application/json").status_code == 200
    is_probleem(Client().get("/api/v1/scholen/", HTTP_ACCEPT="text/csv"), 406)


def test_a_logged_in_person_is_not_a_system(world):
    """The API is for organisations' systems: a session gives no access (401), also for a school's IB'er — they use
    the pages, with their second factor. The public schools stay public."""
    from .conftest import login_staff

    c = Client()
    login_staff(c, world.ib_a)
    is_probleem(c.get("/api/v1/leerlingen/"), 401)
    assert c.get("/api/v1/scholen/").status_code == 200
    ouder = Client()
    ouder.force_login(world.ouder_a)
    is_probleem(ouder.get(f"/api/v1/leerlingen/{world.kind_a.pk}/"), 401)
    assert member(Rol.IB, school=world.school_a)  # (a second IB'er: nothing changes)
