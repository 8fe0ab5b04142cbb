"""Issue #19 defect 5: hostile query parameters give no 500.

``str.isdigit()`` accepts "²" (and "١٢", Arabic-Indic digits), so ``int()`` raised on four pages; a NUL byte in a
search reached PostgreSQL. Every id parameter is now read by ``portal.basis.params.id_param`` (ASCII digits only, at
most 18) and every free-text one by ``tekst_param`` (control characters removed). Run this file with DATABASE_URL set
to PostgreSQL too: only PostgreSQL refuses the NUL byte.

* the table: every GET parameter the project reads (``request.GET``), on its page, as a persona entitled to the page,
  with each hostile value: the status said (200, or 404 where an unknown id means "not yours");
* the sweep: every GET page of the access matrix, as its first entitled persona, with all those parameters at once,
  each hostile value: never a 500.
"""

import itertools

import pytest
from django.db import transaction
from django.urls import reverse

from portal.basis.params import id_param, keuze_param, parse_id, tekst_param

from .matrix import alle_rijen
from .test_access_matrix import _client, _personas

VIJANDIG = {
    "superscript": "²",
    "arabisch_indisch": "١٢",
    "nul": "\x00",
    "nul_midden": "1\x002",
    "lang": "7" * 10_000,
    "tekst_lang": "x" * 10_000,
    "negatief": "-1",
    "nul_getal": "0",
    "te_groot": "9223372036854775808",  # 2**63: past a bigint
    "groot": "99999999999999999999999999",
    "spatie": " 1 ",
    "bidi": "\u202e1",
}

# (url name, args from the world, parameter, persona, expected status for a hostile value) — every request.GET read
# of the project (grep "request.GET"), and the four 500s and the NUL of the issue first.
TABEL = [
    ("ondersteuning:nieuw", None, "hoofdzaak", "ib", 404),  # an unknown aanmelding: not yours
    ("opp:nieuw", None, "inschrijving", "ib", 200),
    ("geschillen:klacht_nieuw", None, "zaak", "ouder", 200),
    ("aanmelding:nieuw", None, "school", "ouder", 200),  # the school chooser: "we do not know that school"
    ("aanmelding:nieuw", None, "zoek", "ouder", 200),
    ("aanmelding:nieuw", None, "kind", "ouder", 200),
    ("aanmelding:home", None, "status", "ib", 200),
    ("aanmelding:home", None, "pagina", "ib", 200),
    ("aanmelding:dossier", None, "besluit", "ib", 200),
    ("aanmelding:detail", None, "ontvangen", "ouder", 200),
    ("ondersteuning:nieuw", None, "school", "ib", 200),
    ("ondersteuning:home", None, "toon", "ib", 200),
    ("ondersteuning:home", None, "pagina", "ib", 200),
    ("opp:home", None, "pagina", "ib", 200),
    ("geschillen:delen", None, "rol", "ouder", 200),
    ("geschillen:klachten_jaaroverzicht", None, "jaar", "bestuurder", 200),
    ("tlv:register", None, "geldig", "swv", 200),
    ("tlv:register", None, "soort", "swv", 200),
    ("tlv:register", None, "pagina", "swv", 200),
    ("tlv:loket", None, "status", "swv", 200),
    ("tlv:loket", None, "pagina", "swv", 200),
    ("tlv:nieuw", None, "leerling", "ib", 200),
    ("informatie:zoeken", None, "tekst", "anoniem", 200),
    ("informatie:zoeken", None, "swv", "anoniem", 200),
    ("informatie:zoeken", None, "soort", "anoniem", 200),
    ("informatie:zoeken", None, "pagina", "anoniem", 200),
    ("audit:lijst", None, "actie", "beheerder", 200),
    ("audit:lijst", None, "pagina", "beheerder", 200),
    ("termijnen:rekenhulp", None, "soort", "ib", 200),
    ("informatie:checklist", None, "versie", "ouder", 404),  # no such version
    ("organisaties:basisondersteuning", None, "versie", "anoniem", 200),  # not a version number: the latest
    ("organisaties:profiel", None, "versie", "anoniem", 200),
    ("meldingen:inbox", None, "pagina", "ouder", 200),
    ("leerlingen:lijst", None, "pagina", "ib", 200),
    ("leerlingen:groepen", None, "school", "ib", 200),
]


def _rij_args(naam):
    for rij in alle_rijen():
        if rij.naam == naam:
            return rij.args
    raise AssertionError(f"no matrix row for {naam}")


@pytest.fixture
def wereld(world):
    return _personas(world)


def test_the_four_500s_and_the_nul_of_the_issue(wereld):
    """The reproductions of issue #19 defect 5, literally."""
    for naam, persona, query, verwacht in [
        ("ondersteuning:nieuw", "ib", "?hoofdzaak=%C2%B2", 404),
        ("opp:nieuw", "ib", "?inschrijving=%C2%B2", 200),
        ("geschillen:klacht_nieuw", "ouder", "?zaak=%C2%B2", 200),
        ("aanmelding:nieuw", "ouder", "?school=%C2%B2", 200),
        ("aanmelding:nieuw", "ouder", "?zoek=%00", 200),
    ]:
        r = _client(wereld, persona).get(reverse(naam) + query)
        assert r.status_code == verwacht, (naam, query, r.status_code)


def test_every_get_parameter_with_hostile_values(wereld):
    fouten = []
    clients = {}
    for (naam, args, param, persona, verwacht), (soort, waarde) in itertools.product(TABEL, VIJANDIG.items()):
        args = args or _rij_args(naam)
        url = reverse(naam, args=args(wereld) if args else None)
        client = clients.setdefault(persona, _client(wereld, persona))
        try:
            r = _get(client, url, {param: waarde})
        except Exception as exc:  # noqa: BLE001 (a 500 in the test client)
            fouten.append(f"{naam}?{param}={soort}: {type(exc).__name__}: {str(exc)[:120]}")
            continue
        if r.status_code != verwacht:
            fouten.append(f"{naam}?{param}={soort}: {r.status_code} (expected {verwacht})")
    assert not fouten, "\n".join(fouten)


SWEEP = ["superscript", "arabisch_indisch", "nul_midden", "lang", "te_groot"]  # the table above has them all
PARAMS = sorted({p for _n, _a, p, _w, _v in TABEL} | {"next", "voorbeeld", "actie", "versie", "geldig", "toon", "formulier"})


def test_sweep_every_get_page_with_every_parameter(wereld):
    """Every GET URL of the access matrix, as its first persona with a 200, with every parameter the project reads
    set to each hostile value at once: no 500 (200, a redirect or a 404)."""
    fouten, gedaan = [], 0
    clients = {}
    for rij in alle_rijen():
        if rij.methode != "GET":
            continue
        persona = next((p for p, code in rij.verwacht.items() if code == 200), None)
        if persona is None:
            continue
        url = reverse(rij.naam, args=rij.args(wereld) if rij.args else None)
        client = clients.setdefault(persona, _client(wereld, persona))
        for soort in SWEEP:
            waarde = VIJANDIG[soort]
            gedaan += 1
            try:
                r = _get(client, url, dict.fromkeys(PARAMS, waarde))
            except Exception as exc:  # noqa: BLE001
                fouten.append(f"{persona} {rij.naam} {soort}: {type(exc).__name__}: {str(exc)[:120]}")
                continue
            if rij.naam.startswith("api:") and r.status_code == 400:
                # the API answers a bad parameter with a problem detail (RFC 9457), never a 500 (issue #21)
                assert r["Content-Type"].startswith("application/problem+json"), (rij.naam, soort)
                continue
            if r.status_code not in (200, 302, 404):
                fouten.append(f"{persona} {rij.naam} {soort}: {r.status_code}")
    assert gedaan > 400
    assert not fouten, "\n".join(fouten)


def _get(client, url, data):
    """One GET in a rolled-back transaction (as the access matrix does), so no page's writes (audit) pile up."""
    with transaction.atomic():
        r = client.get(url, data)
        transaction.set_rollback(True)
    return r


# --- the helpers themselves ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("waarde, uit", [
    ("12", 12), ("1", 1), ("0", None), ("007", 7), ("²", None), ("١٢", None), ("１２", None), ("-1", None),
    ("+1", None), (" 1", None), ("1.0", None), ("", None), (None, None), ("\x00", None), ("1\x00", None),
    ("9" * 18, 10**18 - 1), ("9" * 19, None), ("7" * 10_000, None), (12, None),
])
def test_parse_id(waarde, uit):
    assert parse_id(waarde) == uit


def test_params_helpers():
    from django.http import QueryDict

    q = QueryDict("zoek=%00Utr%C2%A0echt%E2%80%AE%0A&school=%C2%B2&status=alle&lang=" + "x" * 500)
    assert tekst_param(q, "zoek") == "Utr\u00a0echt"  # NUL, RLO and the line break gone; a no-break space is text
    assert len(tekst_param(q, "lang", max_lengte=100)) == 100
    assert tekst_param(q, "ontbreekt") == ""
    assert id_param(q, "school") is None
    assert keuze_param(q, "status", {"open", "alle"}, "open") == "alle"
    assert keuze_param(q, "zoek", {"open", "alle"}, "open") == "open"


@pytest.mark.parametrize("waarde", ["²" * 9, "١٢٣٤٥٦٧٨٩", "１２３４５６７８９"])
def test_bsn_and_birth_date_take_ascii_digits_only(waarde):
    """The same trap in two form fields: "²".isdigit() is true. The field says what it wants."""
    from django.core.exceptions import ValidationError

    from portal.basis.forms import GeboortedatumVeld
    from portal.leerlingen.validators import validate_bsn

    with pytest.raises(ValidationError, match="9 cijfers"):
        validate_bsn(waarde)
    with pytest.raises(ValidationError, match="Gebruik cijfers"):
        GeboortedatumVeld().clean([waarde[:2], "1", "2020"])
