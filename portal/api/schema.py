"""How the OpenAPI schema describes the API's authentication and errors (drf-spectacular extensions)."""

from django.urls import reverse
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class KoppelingSchema(OpenApiAuthenticationExtension):
    target_class = "portal.api.authenticatie.KoppelingAuthenticatie"
    name = "oauth2"

    def get_security_definition(self, auto_schema):
        from .registry import SCOPES

        return {
            "type": "oauth2",
            "description": "OAuth2 client credentials: de beheerder maakt een koppeling voor het systeem van één "
                           "organisatie (school, bestuur of samenwerkingsverband) met de scopes die het mag.",
            "flows": {"clientCredentials": {"tokenUrl": reverse("api:token"),
                                            "scopes": {s.naam: s.omschrijving for s in SCOPES.values()}}},
        }

    def get_security_requirement(self, auto_schema):
        from .rechten import benodigde_scope

        view = auto_schema.view

        class _Verzoek:
            method = auto_schema.method

        scope = benodigde_scope(view, _Verzoek)
        return {self.name: [scope] if scope else []}


PROBLEEM = {
    "type": "object",
    "description": "Problem details (RFC 9457), in het Nederlands.",
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Niet gevonden"},
        "status": {"type": "integer", "example": 404},
        "detail": {"type": "string"},
        "instance": {"type": "string", "example": "/api/v1/leerlingen/12/"},
        "invalid-params": {"type": "array", "description": "Bij ongeldige invoer: per veld wat er mis is.",
                           "items": {"type": "object", "properties": {"name": {"type": "string"},
                                                                      "reason": {"type": "string"}},
                                     "required": ["name", "reason"]}},
    },
    "required": ["type", "title", "status", "detail"],
}

_FOUTEN = {
    "400": "Ongeldig verzoek of ongeldige parameter",
    "401": "Geen of geen geldig toegangstoken",
    "403": "De koppeling heeft de scope niet",
    "404": "Bestaat niet, of niet voor deze koppeling",
    "405": "Methode niet toegestaan",
    "406": "Antwoordformaat niet beschikbaar",
    "415": "Formaat van de invoer niet ondersteund",
    "429": "Te veel verzoeken (zie Retry-After)",
    "500": "Fout aan de kant van de server",
}


def probleem_antwoorden(result, generator, request, public):
    """POSTPROCESSING_HOOKS: every operation may answer with a problem detail; a GET also with 304 (ETag)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Probleem"] = PROBLEEM
    inhoud = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Probleem"}}}
    for ops in result.get("paths", {}).values():
        for methode, op in ops.items():
            if not isinstance(op, dict) or "responses" not in op:
                continue
            beveiligd = any(eis for eis in op.get("security", []) if eis)
            for code, omschrijving in _FOUTEN.items():
                if code in ("401", "403") and not beveiligd:
                    continue
                op["responses"].setdefault(code, {"description": omschrijving, "content": inhoud})
            if methode == "get":
                op["responses"].setdefault("304", {"description": "Niet gewijzigd: de ETag van If-None-Match klopt nog."})
    return result
