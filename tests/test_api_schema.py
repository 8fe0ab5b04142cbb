"""The OpenAPI schema check (issue #21 §6, Done when: "CI runs the OpenAPI schema check").

Generic over the registry: every resource an app registers (portal.api.registry BRONNEN) and every URL the router
makes of it is in the schema, with the methods the router serves, a Dutch summary, the scope it needs and the problem
details it may answer with. Nothing here names a resource."""

import re

import pytest
from django.core.management import call_command
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from portal.api.registry import BRONNEN, SCOPES, scopes_voor

PREFIX = "/api/v1/"
METHODEN = ("get", "post", "put", "patch", "delete")
# Words that give away an English (or drf-spectacular's default) summary; a Dutch one has none of them.
ENGELS = {"list", "retrieve", "create", "update", "partial", "destroy", "delete", "get", "the", "and", "with",
          "for", "all", "returns", "return", "show", "new", "by", "endpoint", "viewset"}


@pytest.fixture(scope="module")
def schema():
    GENERATOR_STATS.reset()
    uit = SchemaGenerator().get_schema(request=None, public=True)
    meldingen = dict(GENERATOR_STATS._warn_cache) | dict(GENERATOR_STATS._error_cache)
    assert not meldingen, "drf-spectacular waarschuwt:\n" + "\n".join(meldingen)
    validate_schema(uit)
    return uit


def router_eindpunten():
    """(URL name, schema path, {method: action}, viewset) for every URL the API's router makes (portal.api.urls)."""
    from portal.api.urls import router

    for p in router.urls:
        pad = p.pattern.regex.pattern.lstrip("^").rstrip("$")
        pad = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: "{" + ("id" if m[1] == "pk" else m[1]) + "}", pad)
        cls = p.callback.cls
        acties = {m: a for m, a in p.callback.actions.items() if m in METHODEN and m in cls.http_method_names}
        yield f"api:{p.name}", PREFIX + pad, acties, cls


def test_manage_py_spectacular_validate_fail_on_warn(tmp_path):
    """As a developer or CI runs it: no warning, no error, a valid OpenAPI 3 document."""
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert (tmp_path / "schema.yml").read_text().startswith("openapi: 3")


def test_every_registered_resource_and_router_url_is_in_the_schema(schema):
    assert BRONNEN.values(), "geen bronnen geregistreerd"
    paden = schema["paths"]
    ontbreekt = []
    for naam, pad, acties, _cls in router_eindpunten():
        if pad not in paden:
            ontbreekt.append(f"{naam}: {pad} niet in het schema")
            continue
        for methode in acties:
            if methode not in paden[pad]:
                ontbreekt.append(f"{naam}: {methode.upper()} {pad} niet in het schema")
        for methode in set(paden[pad]) & set(METHODEN) - set(acties):
            ontbreekt.append(f"{naam}: {methode.upper()} {pad} in het schema, maar de router kent het niet")
    for bron in BRONNEN.values():
        if not any(p.startswith(f"{PREFIX}{bron.prefix}/") for p in paden):
            ontbreekt.append(f"bron {bron.prefix}: geen pad in het schema")
    router_paden = {pad for _n, pad, _a, _c in router_eindpunten()}
    for pad in paden:
        if pad.startswith(PREFIX) and pad not in router_paden:
            ontbreekt.append(f"{pad} in het schema maar niet in de router")
    assert not ontbreekt, "\n".join(ontbreekt)


def _operaties(schema):
    for pad, ops in schema["paths"].items():
        for methode, op in ops.items():
            if methode in METHODEN:
                yield pad, methode, op


def test_every_operation_has_a_dutch_summary_and_description(schema):
    fouten = []
    for pad, methode, op in _operaties(schema):
        samenvatting = (op.get("summary") or "").strip()
        woorden = set(re.findall(r"[a-z]+", samenvatting.lower()))
        if not samenvatting:
            fouten.append(f"{methode.upper()} {pad}: geen samenvatting (extend_schema(summary=...))")
        elif woorden & ENGELS:
            fouten.append(f"{methode.upper()} {pad}: samenvatting niet in het Nederlands: {samenvatting!r}")
        elif samenvatting == op.get("operationId") or not samenvatting[0].isupper():
            fouten.append(f"{methode.upper()} {pad}: samenvatting {samenvatting!r}")
        if not (op.get("description") or "").strip():
            fouten.append(f"{methode.upper()} {pad}: geen beschrijving")
    assert not fouten, "\n".join(fouten)


def test_every_operation_names_its_scope_and_every_scope_is_registered(schema):
    """A resource with ``scope_basis`` names ``<basis>:lezen`` for a read and ``<basis>:schrijven`` for a write, both
    registered and open to at least one kind of organisation; a public operation names none."""
    from portal.api.rechten import benodigde_scope

    fouten = []
    for naam, pad, acties, cls in router_eindpunten():
        for methode in acties:
            op = schema["paths"].get(pad, {}).get(methode)
            if op is None:
                continue
            genoemd = [s for eis in op.get("security", []) for s in eis.get("oauth2", [])]

            class _Verzoek:
                method = methode.upper()

            nodig = benodigde_scope(cls(), _Verzoek)
            if nodig is None:
                if genoemd:
                    fouten.append(f"{naam} {methode.upper()}: openbaar, maar het schema noemt {genoemd}")
                continue
            if genoemd != [nodig]:
                fouten.append(f"{naam} {methode.upper()}: het schema noemt {genoemd}, nodig is {nodig}")
            if nodig not in SCOPES:
                fouten.append(f"{naam} {methode.upper()}: scope {nodig} is niet geregistreerd (register_scope)")
            elif not any(nodig in scopes_voor(soort) for soort in ("school", "bestuur", "swv")):
                fouten.append(f"{naam} {methode.upper()}: scope {nodig} past bij geen enkele soort organisatie")
    oauth = schema["components"]["securitySchemes"]["oauth2"]["flows"]["clientCredentials"]
    assert set(oauth["scopes"]) == set(SCOPES), "het schema noemt andere scopes dan het register"
    assert oauth["tokenUrl"] == f"{PREFIX}token/"
    assert not fouten, "\n".join(fouten)


def test_every_operation_documents_its_problem_details(schema):
    """Each error an operation can give is documented as application/problem+json (RFC 9457); a GET also 304."""
    fouten = []
    for pad, methode, op in _operaties(schema):
        beveiligd = any(eis for eis in op.get("security", []) if eis)
        codes = ["400", "404", "405", "406", "415", "429", "500"] + (["401", "403"] if beveiligd else [])
        for code in codes:
            inhoud = op["responses"].get(code, {}).get("content", {})
            if list(inhoud) != ["application/problem+json"]:
                fouten.append(f"{methode.upper()} {pad} {code}: {list(inhoud)}")
        if methode == "get" and "304" not in op["responses"]:
            fouten.append(f"GET {pad}: 304 ontbreekt")
        goed = [c for c in op["responses"] if c.startswith("2")]
        if not goed:
            fouten.append(f"{methode.upper()} {pad}: geen geslaagd antwoord gedocumenteerd")
    assert not fouten, "\n".join(fouten)


def test_served_schema_is_the_generated_one(client, schema):
    """What /api/v1/schema/ serves is what this test checked (no other generator settings for the view)."""
    r = client.get(f"{PREFIX}schema/", {"format": "json"})
    assert r.status_code == 200
    assert set(r.json()["paths"]) == set(schema["paths"])
