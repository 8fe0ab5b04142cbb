"""Property-based tests of the most important create and act pages (issue #19, "Build": hypothesis).

As the person entitled to the page, drawn POSTs — the valid data of the page's own tests with fields left out,
replaced by hostile text (NUL, control and direction characters, 100,000 characters, HTML, SQL, formulas) or
impossible dates, or sent several times (a wrong type) — must give:

* never a 500 (the test client raises the view's exception);
* a 200 with the page again, its error summary and the input kept, and *nothing* stored: the rows of the models
  concerned are counted before and after (nothing half-saved);
* or a redirect, only for a valid form.
"""

import uuid
from datetime import date as d
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from .conftest import login_staff
from .factories import PDF, LeerlingFactory, ouder_van
from .hypothesis_profiel import DAG_MAAND_JAAR, DATUMS, tekst, voorbeelden

AMS = ZoneInfo("Europe/Amsterdam")
BEWAARD = "Bewaar-mij-4711"  # a plain value that a re-rendered page must show again


def _vervang(waarde) -> st.SearchStrategy:
    if isinstance(waarde, SimpleUploadedFile):
        return st.builds(lambda naam, inhoud: SimpleUploadedFile(naam, inhoud, content_type="application/pdf"),
                         st.sampled_from(["verslag.pdf", "x.exe", "\u202efdp.exe", "\x00.pdf", "a" * 300 + ".pdf"]),
                         st.sampled_from([b"", b"MZ\x90\x00", b"%PDF-1.4 nep", b"<script>alert(1)</script>", PDF]))
    return st.one_of(tekst(), st.sampled_from(DATUMS), st.sampled_from(DAG_MAAND_JAAR),
                     st.integers(-1, 10**6).map(str))


@st.composite
def varianten(draw, basis: dict):
    """The page's valid data with each field kept (mostly), left out, replaced or sent several times."""
    data = {}
    for sleutel, waarde in basis.items():
        vorm = draw(st.sampled_from(["houd", "houd", "houd", "weg", "vervang", "vervang", "meer"]))
        if vorm == "houd":
            data[sleutel] = waarde
        elif vorm == "vervang":
            data[sleutel] = draw(_vervang(waarde))
        elif vorm == "meer" and not isinstance(waarde, SimpleUploadedFile):
            data[sleutel] = [waarde, draw(_vervang(waarde))]
    if draw(st.integers(0, 5)) == 0:  # a field the form does not have
        data[draw(st.sampled_from(["pk", "id", "status", "leerling", "school", "ouder", "__all__"]))] = draw(tekst())
    return data


def _tel(modellen) -> dict:
    return {m.__name__: m.objects.count() for m in modellen}


def controleer_pagina(client, url, basis, modellen, *, bewaard=None, moment=None, n=15, andere_stap=None):
    """Post drawn variants of ``basis`` to ``url`` and check the three promises of the module docstring.
    ``andere_stap(data, html)``: the page may instead show another step of the form (then without the input)."""

    @voorbeelden(n)
    @given(varianten(basis))
    def eigenschap(data):
        data = dict(data)
        data["formulier_token"] = uuid.uuid4().hex  # a fresh form each time (the double-submit guard, defect 4)
        for v in data.values():
            if isinstance(v, SimpleUploadedFile):
                v.seek(0)
        voor = _tel(modellen)
        if moment is not None:
            with time_machine.travel(moment, tick=False):
                r = client.post(url, data)
        else:
            r = client.post(url, data)
        assert r.status_code in (200, 302), r.status_code
        if r.status_code == 200:
            assert _tel(modellen) == voor, "a refused form stored something"
            html = r.content.decode()
            assert "<script>alert(1)</script>" not in html
            if andere_stap and andere_stap(data, html):
                return
            assert "foutsamenvatting" in html or "is-invalid" in html, "refused without a message on the page"
            if bewaard and data.get(bewaard) == basis[bewaard]:
                assert BEWAARD in html, f"the input of {bewaard} was not kept"

    eigenschap()


def op(dag):
    return datetime(dag.year, dag.month, dag.day, 10, tzinfo=AMS)


# --- the pages ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def gemeente(db):
    from portal.organisaties.models import Gemeente

    return Gemeente.objects.create(code="GM0344", naam="Utrecht")


def test_aanmelding_nieuw_for_a_new_child(world, gemeente, client):
    from aanmelding.models import Aanmelding
    from portal.documenten.models import Document
    from portal.leerlingen.models import Leerling

    ouder = ouder_van(LeerlingFactory(geboortedatum=d(2020, 1, 10)), brieven_digitaal=True)
    client.force_login(ouder)
    basis = {"voornamen": BEWAARD, "achternaam": "Dubbel", "geboortedatum_0": "3", "geboortedatum_1": "3",
             "geboortedatum_2": "2020", "bsn": "999990032", "gewenste_start": "2026-08-24", "ondersteuning": "ja",
             "voorkeur_positie": "1", "gezag": "on", "brieven": "digitaal", "school": world.school_a.pk,
             "woongemeente": gemeente.pk, "wat_belangrijk": "Rust",
             "document_1": SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf"), "delen_1": "on"}
    # Without a (known) school the page is the first step again: choose the school (the field is hidden in the form).
    eerste_stap = lambda data, html: data.get("school") != basis["school"] and 'name="zoek"' in html  # noqa: E731
    controleer_pagina(client, reverse("aanmelding:nieuw"), basis, [Aanmelding, Leerling, Document],
                      bewaard="voornamen", moment=op(d(2026, 3, 2)), andere_stap=eerste_stap)


def test_klacht_nieuw(client, world):
    from geschillen.models import Klacht

    _maak_commissie(world)
    client.force_login(world.ouder_a)
    basis = {"kind": world.kind_a.pk, "school": world.school_a.pk, "onderwerp": BEWAARD, "gewenst": "Een gesprek"}
    controleer_pagina(client, reverse("geschillen:klacht_nieuw"), basis, [Klacht], bewaard="onderwerp")


def _maak_commissie(world):
    from geschillen.models import Klachtencommissie
    from portal.accounts.constants import Rol

    from .factories import member

    secretaris = member(Rol.KLACHTENCOMMISSIE, organisatie_naam="Landelijke Klachtencommissie")
    c = Klachtencommissie.objects.create(naam="Klachtencommissie Test", adres="Postbus 1")
    c.besturen.add(world.school_a.bestuur)
    c.secretarissen.add(secretaris)


def test_geschil_nieuw_against_a_refusal(client, world):
    from geschillen.models import Geschil

    from .test_geschillen import school_met_staf, weigering

    aanmelding, _besluit = weigering(school=school_met_staf())
    client.force_login(aanmelding.ouder)
    basis = {"ingediend_op": "2026-03-20", "toelichting": BEWAARD, "waarschuwing_gezien": "on"}
    controleer_pagina(client, reverse("geschillen:geschil_nieuw", args=[aanmelding.pk]), basis, [Geschil],
                      bewaard="toelichting", moment=op(d(2026, 3, 20)))


def test_opp_instemming(client, world):
    from opp import services as s
    from opp.models import Instemming

    from .test_opp import concept

    w = _opp_wereld(world)
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    client.force_login(w.ouder_a)
    basis = {"instemming-keuze": "geweigerd", "instemming-toelichting": BEWAARD}
    controleer_pagina(client, reverse("opp:instemming", args=[w.opp.pk]), basis, [Instemming],
                      bewaard="instemming-toelichting")


def _opp_wereld(world):
    """As the fixture ``w`` of test_opp.py: two parents with gezag, the directeur mandated for OPP decisions."""
    from datetime import timedelta

    from portal.termijnen.services import clock_start

    from .test_opp import VANDAAG

    world.ouder2_a = ouder_van(world.kind_a, brieven_digitaal=True)
    world.mandaat_a.besluittypen = ["aanmelding", "opp"]
    world.mandaat_a.save(update_fields=["besluittypen"])
    world.opp = world.zaak_a
    clock_start(regel_id="B-2", zaak=world.opp, start=VANDAAG() - timedelta(days=7))
    return world


def test_tlv_aanvraag(client, world):
    from tlv.models import Toelaatbaarheidsverklaring

    from .test_tlv import tlv_wereld

    w = tlv_wereld(world)
    login_staff(client, w.ib_a)
    basis = {"soort": "sbo", "onderwijsbehoeften": BEWAARD, "geprobeerd": "Een jaar extra hulp",
             "gevraagde_schooljaren": "1"}
    url = reverse("tlv:nieuw") + f"?leerling={w.kind_a.pk}&soort=sbo"
    controleer_pagina(client, url, basis, [Toelaatbaarheidsverklaring], bewaard="onderwijsbehoeften")


def test_opp_document_upload(client, world):
    from portal.documenten.models import Document

    login_staff(client, world.ib_a)
    basis = {"bestand": SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")}
    controleer_pagina(client, reverse("opp:document", args=[world.zaak_a.pk]), basis, [Document])


def test_termijnen_rekenhulp_page_with_drawn_values(client, world):
    """The staff page *Termijnen berekenen* (a GET form): every registered kind with drawn dates, numbers, words and
    intervals gives the page again — with the dates, or with the problem in Dutch — never a 500."""
    from portal.termijnen import calculator

    from .hypothesis_profiel import geldige_datums

    login_staff(client, world.ib_a)
    url = reverse("termijnen:rekenhulp")

    def veldwaarden(soort):
        velden = {}
        for a in soort.argumenten:
            namen = [f"{a.sleutel}_van", f"{a.sleutel}_tot"] if a.soort == calculator.INTERVAL else (
                ["datum" if a.start else a.sleutel])
            if a.soort in (calculator.DATUM, calculator.INTERVAL):
                waarde = st.one_of(geldige_datums(), geldige_datums(), st.sampled_from(DATUMS), tekst())
            elif a.soort == calculator.GETAL:
                waarde = st.one_of(st.integers(-3, 12).map(str), st.integers().map(str), tekst())
            elif a.soort == calculator.VLAG:
                waarde = st.sampled_from(["on", "", "ja"])
            else:
                waarde = st.one_of(st.sampled_from([k for k, _l in a.keuzes] or [""]), tekst())
            for naam in namen:
                velden[naam] = st.one_of(st.none(), waarde)
        return st.fixed_dictionaries(velden)

    @voorbeelden(40)
    @given(st.sampled_from(calculator.soorten()).flatmap(
        lambda s: st.tuples(st.just(s.naam), veldwaarden(s))))
    def eigenschap(gegeven):
        naam, velden = gegeven
        params = {"soort": naam} | {k: v for k, v in velden.items() if v is not None}
        r = client.get(url, params)
        assert r.status_code == 200
        assert "<script>alert(1)</script>" not in r.content.decode()

    eigenschap()
