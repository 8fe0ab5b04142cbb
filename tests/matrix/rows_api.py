"""Rows for the REST API (issue #21). The API is for an organisation's system with an OAuth2 token, not for a
logged-in person: every persona's session gets 401 (a problem detail) on the resources that need a token; the schema,
the documentation and the schools are public. What a system sees with its token — its own school's pupils, a foreign
one 404, no scope 403 — is tested in tests/test_api_toegang.py and tests/test_api_bronnen.py.

The ids are passed as text: the matrix's foreign-id check expects a login redirect for an anonymous visitor, and an
API answers 401 without one (tests/test_api_toegang.py asks every detail endpoint for a foreign id with a token)."""

from . import PERSONAS, Rij, ok

ALLEN = (*PERSONAS,)


def _publiek(naam, args=None):
    return Rij(naam, ok(*ALLEN), args=args, anoniem=200)


def _token_nodig(naam, args=None):
    return Rij(naam, ok(*ALLEN, code=401), args=args, anoniem=401)


def objecten(w):
    from portal.leerlingen.models import Groep
    from portal.termijnen.services import clock_start

    w.api_groep = Groep.objects.create(school=w.school_a, naam="groep 5b", schooljaar="2026-2027")
    w.api_termijn = clock_start(regel_id="B-2", zaak=w.zaak_a, start=w.ins_a.van)


ROWS = [
    _publiek("api:schema"),
    _publiek("api:docs"),
    _publiek("api:scholen-list"),
    _publiek("api:scholen-detail", args=lambda o: [str(o.school_a.pk)]),
    _token_nodig("api:leerlingen-list"),
    _token_nodig("api:leerlingen-detail", args=lambda o: [str(o.kind_a.pk)]),
    _token_nodig("api:groepen-list"),
    _token_nodig("api:groepen-detail", args=lambda o: [str(o.api_groep.pk)]),
    _token_nodig("api:termijnen-list"),
    _token_nodig("api:termijnen-detail", args=lambda o: [str(o.api_termijn.pk)]),
    # a domain app's resource, registered through the core's hook (aanmelding/api.py)
    _token_nodig("api:aanmeldingen-list"),
    _token_nodig("api:aanmeldingen-detail", args=lambda o: [str(o.aanmelding.pk)]),
    # the domain apps' read resources (opp/api.py, ondersteuning/api.py, tlv/api.py): a token is needed; what a
    # system sees with one (own 200, foreign 404, no scope 403) is in tests/test_api_opp_tlv.py
    _token_nodig("api:opp-list"),
    _token_nodig("api:opp-detail", args=lambda o: [str(o.zaak_a.pk)]),
    _token_nodig("api:opp-pdf", args=lambda o: [str(o.zaak_a.pk)]),
    _token_nodig("api:arrangementen-list"),
    _token_nodig("api:arrangementen-detail", args=lambda o: [str(o.arr.pk)]),
    _token_nodig("api:tlv-besluiten-list"),
    _token_nodig("api:tlv-besluiten-detail", args=lambda o: [str(o.tlv.pk)]),
    _token_nodig("api:tlv-register-list"),
    _token_nodig("api:tlv-register-detail", args=lambda o: [str(o.tlv.pk)]),
    # the token endpoint: POST only; without a client's id and secret 401 invalid_client (RFC 6749 §5.2)
    Rij("api:token", ok(*ALLEN, code=401), methode="POST", data={"grant_type": "client_credentials"}, anoniem=401),
]
