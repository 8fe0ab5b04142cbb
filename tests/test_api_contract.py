"""Contract tests (issue #21 §6): schemathesis against the LIVE API, over real HTTP, with real data and real
authentication, for every operation in the OpenAPI schema the API serves — nothing here names an endpoint.

The world: the demo generator at a tiny scale (schools, pupils with gezag and enrolments, groups, aanmeldingen with
their clocks, OPPs, TLVs, …) and the access matrix's world on top (every object each rows module needs, so a new
resource's objects come with its rows). Clients: a school, its board and an SWV of each, each with every scope its
kind of organisation may hold (portal.api.registry.scopes_voor), its token from the real token endpoint.

Per operation and per client that holds its scope (public operations: without a token), schemathesis sends
- valid requests (positive generation), at real ids taken from the resource's own list with that client's token;
- invalid requests (negative generation, one client per operation): bad query parameters, bad ids, bad bodies;
- for a write, one valid body: the schema's example, else an existing object's own representation;
and checks each answer: no 5xx, its status, content type and body as the schema says (problem details included). A
GET answered 200 is asked again with its ETag and must give 304. The summary names the writes no valid request
reached (2xx), so a resource without objects in the world or without an example is visible. Deterministic
(derandomize), bounded (CONTRACT_VOORBEELDEN examples per operation, client and generation mode, default 8)."""

import contextlib
import io
import os
import re
from collections import Counter

import pytest
import requests
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis import checks as sc

from portal.api.registry import scopes_voor

from .api_hulp import koppeling
from .test_access_matrix import wereld  # noqa: F401  (the matrix's world: every object a URL needs)

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]

VOORBEELDEN = int(os.environ.get("CONTRACT_VOORBEELDEN", "8"))
CONTROLES = [sc.not_a_server_error, sc.status_code_conformance, sc.content_type_conformance,
             sc.response_schema_conformance]
SCHALEN = {"school", "bestuur", "swv"}


class Systeem:
    """A client of one organisation, with every scope its kind may hold, and a token from the live token endpoint."""

    def __init__(self, basis, naam, **organisatie):
        soort = next(iter(organisatie))
        self.naam, self.soort = naam, soort
        self.scopes = set(scopes_voor(soort))
        k, geheim = koppeling(naam=naam, scopes=sorted(self.scopes), **organisatie)
        r = requests.post(f"{basis}/api/v1/token/", data={"grant_type": "client_credentials"},
                          auth=(k.application.client_id, geheim), timeout=30)
        assert r.status_code == 200, r.text
        self.headers = {"Authorization": f"Bearer {r.json()['access_token']}"} if self.scopes else {}
        assert set(r.json()["scope"].split()) == self.scopes


def _systemen(basis, w):
    """A school, its board and its SWV in the matrix's world; and in the generated data the school with the most
    clocks, its board and the SWV with the most clocks of its own."""
    from django.db.models import Count

    from portal.organisaties.models import Samenwerkingsverband, School

    uit = [Systeem(basis, "wereld school", school=w.school_a), Systeem(basis, "wereld bestuur", bestuur=w.school_a.bestuur),
           Systeem(basis, "wereld swv", swv=w.swv_a)]
    school = (School.objects.exclude(pk__in=[w.school_a.pk, w.school_b.pk]).annotate(n=Count("termijnen"))
              .order_by("-n", "pk").first())
    swv = (Samenwerkingsverband.objects.exclude(pk__in=[w.swv_a.pk, w.swv_b.pk])
           .annotate(n=Count("termijnen")).order_by("-n", "pk").first())
    if school is not None:
        uit += [Systeem(basis, "gegenereerde school", school=school),
                Systeem(basis, "gegenereerd bestuur", bestuur=school.bestuur)]
    if swv is not None:
        uit.append(Systeem(basis, "gegenereerd swv", swv=swv))
    return uit


def _scope(operatie) -> str | None:
    eisen = [s for eis in operatie.definition.raw.get("security", []) for s in eis.get("oauth2", [])]
    return eisen[0] if eisen else None


def _ids(sessie, basis, schema_paden, pad, systeem) -> list:
    """The ids the client sees in the resource's list (the path up to its first parameter)."""
    lijst = pad[: pad.index("{")]
    if "get" not in schema_paden.get(lijst, {}):
        return []
    r = sessie.get(f"{basis}{lijst}", params={"aantal": 200}, headers=systeem.headers if systeem else {}, timeout=30)
    if r.status_code != 200:
        return []
    body = r.json()
    rijen = body.get("results", body) if isinstance(body, dict) else body
    return [x["id"] for x in rijen if isinstance(x, dict) and "id" in x][:20]


def _geldig(operatie, data: dict) -> dict:
    """A valid body from an object's representation: the fields the request schema has; for a POST, text made
    different (a name must often be unique)."""
    schema = (operatie.definition.raw.get("requestBody", {}).get("content", {}).get("application/json", {})
              .get("schema", {}))
    ref = schema.get("$ref", "")
    componenten = operatie.schema.raw_schema["components"]["schemas"]
    velden = componenten.get(ref.rsplit("/", 1)[-1], schema).get("properties", {})
    body = {k: v for k, v in data.items() if k in velden and not velden[k].get("readOnly")}
    if operatie.method.upper() == "POST":
        for k, v in body.items():
            eigen = velden[k]
            if isinstance(v, str) and not ({"enum", "format", "pattern", "$ref", "allOf"} & set(eigen)):
                if v and not re.fullmatch(r"\d{5,}", v):  # not a number such as a BSN
                    body[k] = (v + " (contract)")[: eigen.get("maxLength", 10_000)]
    return body


@pytest.fixture
def gegenereerd(db):
    call_command("genereer", scale=0.0005, seed=21, stdout=io.StringIO())


def test_schemathesis_against_the_live_api(gegenereerd, wereld, live_server, settings, request):  # noqa: F811
    settings.API_RATE = "100000/min"  # the contract, not the throttle (tests/test_api_bronnen.py tests that)
    basis = live_server.url
    schema = schemathesis.openapi.from_url(f"{basis}/api/v1/schema/?format=json")
    paden = schema.raw_schema["paths"]
    systemen = _systemen(basis, wereld)
    # no keep-alive: the live server's threads answer a reused connection 40-90 ms late (Nagle and delayed ACK), a
    # new one in a few ms
    sessie = requests
    fouten, verzoeken, niet_getoetst, operaties, geaccepteerd, etag = [], Counter(), [], 0, set(), set()

    def probeer(operatie, systeem, case, wat):
        r = case.call(base_url=basis, headers=dict(systeem.headers) if systeem else {})
        verzoeken[operatie.label] += 1
        if r.status_code < 300:
            geaccepteerd.add(operatie.label)
        if r.status_code == 200 and case.method == "GET" and r.headers.get("etag") and operatie.label not in etag:
            # once per operation: the same request with If-None-Match is a 304 without a body, as documented
            etag.add(operatie.label)
            h = {**(systeem.headers if systeem else {}), **(case.headers or {}), "If-None-Match": r.headers["etag"][0]}
            nog = case.call(base_url=basis, headers=h)
            verzoeken[operatie.label] += 1
            if nog.status_code != 304 or nog.content:
                fouten.append(f"{operatie.label} [{systeem.naam if systeem else 'zonder token'}] If-None-Match "
                              f"{case.formatted_path} query={case.query} → {nog.status_code} {nog.text[:200]}")
            else:
                try:
                    case.validate_response(nog, checks=CONTROLES)
                except BaseException as e:  # noqa: BLE001
                    fouten.append(f"{operatie.label} 304: {str(e).strip()[:600]}")
        try:
            case.validate_response(r, checks=CONTROLES)
        except BaseException as e:  # noqa: BLE001  (a FailureGroup: collected, reported together)
            fouten.append(f"{operatie.label} [{systeem.naam if systeem else 'zonder token'}, {wat}] "
                          f"{case.method} {case.formatted_path} query={case.query} body={case.body!r:.300}\n"
                          f"  → {r.status_code} {r.text[:300]}\n  {str(e).strip()[:600]}")
        return r

    def draai(operatie, systeem, strategie, wat, n=VOORBEELDEN):
        @hsettings(max_examples=n, derandomize=True, database=None, deadline=None,
                   phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=strategie)
        def test(case):
            probeer(operatie, systeem, case, wat)

        test()

    for resultaat in schema.get_all_operations():
        operatie = resultaat.ok()
        operaties += 1
        scope = _scope(operatie)
        wie = [s for s in systemen if scope in s.scopes] if scope else [None]
        assert wie, f"{operatie.label}: geen soort organisatie mag scope {scope} hebben"
        param = [p.name for p in operatie.path_parameters]
        schrijf = operatie.method.upper() in ("POST", "PUT", "PATCH", "DELETE")
        for i, systeem in enumerate(wie):
            if param:
                ids = _ids(sessie, basis, paden, operatie.path, systeem)
                if ids:
                    echt = st.sampled_from(ids).flatmap(
                        lambda i, o=operatie, p=param[0]: o.as_strategy(GenerationMode.POSITIVE, path_parameters={p: i}))
                    draai(operatie, systeem, echt, "geldig, bestaand id")
                else:
                    niet_getoetst.append(f"{operatie.label} [{systeem.naam if systeem else 'zonder token'}]: "
                                         "geen object in de lijst")
            else:
                draai(operatie, systeem, operatie.as_strategy(GenerationMode.POSITIVE), "geldig")
            if i == 0:  # invalid input: one client of each kind is enough
                draai(operatie, systeem, operatie.as_strategy(GenerationMode.NEGATIVE), "ongeldig")
            if schrijf and operatie.method.upper() != "DELETE":
                _geldige_schrijf(operatie, systeem, basis, sessie, paden, probeer, niet_getoetst)
    eerste = {}
    for x in niet_getoetst:  # per operation the first reason, for an operation nothing valid reached
        if x.split(" [")[0] not in geaccepteerd:
            eerste.setdefault(x.split(" [")[0], x)
    eindpunten = len({o.ok().path for o in schema.get_all_operations()})
    samenvatting = (f"schemathesis: {eindpunten} eindpunten, {operaties} operaties, {sum(verzoeken.values())} verzoeken"
                    + "".join(f"\n  geen geldig verzoek geaccepteerd of getoetst: {x:.400}" for x in eerste.values()))
    # in the run's output also without -s (the README's figures: endpoints and requests)
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        print("\n" + samenvatting)
    assert operaties and all(verzoeken[o.ok().label] for o in schema.get_all_operations())
    assert not fouten, f"{len(fouten)} afwijkingen van het schema of serverfouten:\n" + "\n".join(fouten[:40])


def _geldige_schrijf(operatie, systeem, basis, sessie, paden, probeer, niet_getoetst):
    """A valid body, best effort: the example the schema documents, else an existing object's own representation
    (for a POST with its text changed: a name must often be unique). Whatever the answer, it is checked against the
    schema (probeer); a write that no valid body reached is named in the summary."""
    pad = operatie.path
    lijst = pad[: pad.index("{")] if "{" in pad else pad
    ids = _ids(sessie, basis, paden, lijst + "{id}", systeem)
    params = {p.name: ids[0] for p in operatie.path_parameters} if ids else {}
    if operatie.path_parameters and not ids:
        niet_getoetst.append(f"{operatie.label} [{systeem.naam}]: geen object")
        return None
    voorbeeld = _voorbeeld(operatie)
    if voorbeeld is None:
        if not ids:
            niet_getoetst.append(f"{operatie.label} [{systeem.naam}]: geen object en geen voorbeeld in het schema")
            return None
        data = sessie.get(f"{basis}{lijst}{ids[0]}/", headers=systeem.headers, timeout=30).json()
        voorbeeld = _geldig(operatie, data)
    case = operatie.Case(path_parameters=params, body=voorbeeld, media_type="application/json")
    r = probeer(operatie, systeem, case, "geldige invoer")
    if r.status_code >= 300:
        niet_getoetst.append(f"{operatie.label} [{systeem.naam}]: {voorbeeld!r:.200} → {r.status_code} {r.text[-200:]}")
    return r


def _voorbeeld(operatie):
    inhoud = operatie.definition.raw.get("requestBody", {}).get("content", {}).get("application/json", {})
    if "example" in inhoud:
        return inhoud["example"]
    for v in inhoud.get("examples", {}).values():
        if "value" in v:
            return v["value"]
    return None
