"""Issue #22 §1 "Letters": the legal letter stays Dutch; a parent who chose English also gets an English courtesy
translation in the same PDF, after the Dutch letter, marked as such, with its own language on those pages."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from pypdf import PdfReader

from portal.accounts.constants import Rol
from portal.documenten.models import Brief
from portal.documenten.pdf import render_html
from portal.documenten.registry import SOORTEN
from portal.documenten.services import brief_context, brief_maak, brief_render
from tests.factories import LeerlingFactory, member, ouder_van, zaak_voor

from .test_informatie import _gecompileerd, nederlandse_woorden, vertaald  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vertaald")]

HOFFELIJK = "Courtesy translation"
UITERLIJK = dt.date(2027, 1, 18)


def _verlenging(zaak, **extra):
    """A real letter kind with a plain payload: the school extends the time limit of an application (A-7)."""
    gegevens = {"weken": 4, "reden": "Wij wachten op het verslag van de orthopedagoog.", "wet_beslistermijn":
                "Wet op het primair onderwijs, artikel 40 lid 6", "meegedeeld_op": dt.date(2026, 12, 1),
                "uiterlijk": UITERLIJK, "tijdelijk_vanaf": None, **extra}
    brief = brief_maak(zaak=zaak, soort="aanmelding.verlenging", gegevens=gegevens)
    return brief_render(brief.pk)


def _pdf(brief) -> PdfReader:
    brief.bestand.open("rb")
    try:
        return PdfReader(io.BytesIO(brief.bestand.read()))
    finally:
        brief.bestand.close()


def _paginateksten(reader) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages]


def _talen_per_pagina(reader) -> dict[int, set]:
    """Page number → the /Lang values of the structure elements on it (None: no /Lang of its own)."""
    pagina = {p.indirect_reference.idnum: i for i, p in enumerate(reader.pages)}
    talen: dict[int, set] = {}

    def loop(element):
        element = element.get_object()
        if isinstance(element, list):
            for k in element:
                loop(k)
            return
        if not hasattr(element, "get") or element.get("/Type") != "/StructElem":
            return
        if "/Pg" in element:
            talen.setdefault(pagina[element.raw_get("/Pg").idnum], set()).add(element.get("/Lang"))
        if "/K" in element:
            kinderen = element["/K"]
            for k in (kinderen if isinstance(kinderen, list) else [kinderen]):
                if hasattr(k, "get_object"):
                    loop(k)

    loop(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return talen


# --- one PDF: the Dutch letter, then the courtesy translation --------------------------------------------------------

def test_a_parent_who_chose_english_gets_the_dutch_letter_then_an_english_courtesy_translation(world):
    world.ouder_a.taal = "en"
    world.ouder_a.save(update_fields=["taal"])
    brief = _verlenging(world.zaak_a)
    assert brief.gegevens["hoffelijk"] == ["en"]

    reader = _pdf(brief)
    teksten = _paginateksten(reader)
    alles = " ".join(teksten)
    # the legal letter first, in Dutch, unmarked
    nl = alles.index("Verlenging van de beslistermijn")
    assert "maandag 18 januari 2027" in alles and nl < alles.index(HOFFELIJK)
    eerste_en = next(i for i, t in enumerate(teksten) if HOFFELIJK in t)
    assert eerste_en > 0 and not any(HOFFELIJK in t for t in teksten[:eerste_en])
    assert all("Engels" not in t and "your child" not in t for t in teksten[:eerste_en])
    # then the courtesy translation: marked on its first page and on every page, in English
    engels = " ".join(teksten[eerste_en:])
    assert "This translation is a courtesy. The Dutch letter before it is the legal one; if they differ, the Dutch " \
           "letter counts." in engels
    assert all(HOFFELIJK in t for t in teksten[eerste_en:])
    assert "Extension of the time limit for the decision" in engels
    assert "Monday 18 January 2027" in engels and "Dear parent(s) of" in engels
    assert "maandag" not in engels
    # the language: the catalogue says Dutch, every structure element of a courtesy page says English
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    talen = _talen_per_pagina(reader)
    for nummer in range(len(teksten)):
        assert talen[nummer] == ({"en"} if nummer >= eerste_en else {None}), nummer
    # still one archival, accessible PDF that claims PDF/UA-1
    assert b"pdfuaid" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_the_courtesy_pages_are_laid_out_with_their_own_html_language(world):
    world.ouder_a.taal = "en"
    world.ouder_a.save(update_fields=["taal"])
    brief = brief_maak(zaak=world.zaak_a, soort="aanmelding.verlenging", gegevens={"weken": 2, "uiterlijk": UITERLIJK})
    nl = render_html(brief.type.template, brief_context(brief), taal="nl")
    en = render_html(brief.type.template, {**brief_context(brief, taal="en"), "hoffelijk": True}, taal="en")
    assert '<html lang="nl">' in nl and HOFFELIJK not in nl
    assert '<html lang="en">' in en and f"<h1>{HOFFELIJK}</h1>" in en


def test_a_parent_who_kept_dutch_gets_the_dutch_letter_only(world):
    brief = _verlenging(world.zaak_a)
    assert brief.gegevens["hoffelijk"] == []
    reader = _pdf(brief)
    alles = " ".join(_paginateksten(reader))
    assert "Verlenging van de beslistermijn" in alles
    assert HOFFELIJK not in alles and "Extension" not in alles
    assert all(talen == {None} for talen in _talen_per_pagina(reader).values())


def test_two_parents_with_different_choices_get_one_letter_with_one_english_translation(world):
    tweede = ouder_van(world.kind_a)
    tweede.taal = "en"
    tweede.save(update_fields=["taal"])
    assert world.ouder_a.taal == "nl"
    brief = _verlenging(world.zaak_a)
    assert brief.gegevens["hoffelijk"] == ["en"]
    assert len(brief.gegevens["aan"]) == 2
    teksten = _paginateksten(_pdf(brief))
    assert sum(HOFFELIJK in t and "This translation is a courtesy" in t for t in teksten) == 1
    assert "Verlenging van de beslistermijn" in teksten[0]


def test_an_adult_pupil_who_chose_english_is_addressed_as_you(world):
    volwassen = LeerlingFactory(bsn="999990032", geboortedatum=dt.date(2006, 3, 1))
    volwassen.account = member(Rol.LEERLING, taal="en")  # an account of their own; gezag ended at 18
    volwassen.save(update_fields=["account"])
    zaak = zaak_voor(volwassen, world.school_a)
    brief = brief_maak(zaak=zaak, soort="aanmelding.verlenging", gegevens={
        "weken": 4, "reden": "Verslag.", "wet_beslistermijn": "WPO 40", "meegedeeld_op": dt.date(2026, 12, 1),
        "uiterlijk": UITERLIJK, "tijdelijk_vanaf": dt.date(2027, 2, 1)})
    brief = brief_render(brief.pk)
    assert brief.gegevens["aan_soort"] == "leerling" and brief.gegevens["hoffelijk"] == ["en"]
    teksten = _paginateksten(_pdf(brief))
    alles = " ".join(teksten)
    engels = alles[alles.index(HOFFELIJK):]
    assert "De datum waarop u tijdelijk wordt ingeschreven" in alles  # Dutch: "u"
    assert "the school temporarily enrols you if there is no decision" in engels
    assert "your child" not in engels and f"Dear {volwassen.naam}," in engels


def test_a_notice_to_an_authority_gets_no_courtesy_translation(world):
    world.ouder_a.taal = "en"
    world.ouder_a.save(update_fields=["taal"])
    brief = brief_maak(zaak=world.zaak_a, soort="geschillen.schorsing_inspectie", gegevens={"schooldagen": 2})
    assert brief.gegevens["hoffelijk"] == []
    brief = brief_maak(zaak=world.zaak_a, soort="aanmelding.verlenging", gegevens={"door_school": True})
    assert brief.gegevens["hoffelijk"] == []


def test_the_geschil_dossier_keeps_the_dutch_letters_only(world):
    """geschillen/services/dossier.py renders each letter with ``brief_context(b)`` in the letter's own language."""
    world.ouder_a.taal = "en"
    world.ouder_a.save(update_fields=["taal"])
    brief = brief_maak(zaak=world.zaak_a, soort="aanmelding.verlenging", gegevens={"weken": 2, "uiterlijk": UITERLIJK})
    context = brief_context(brief)
    assert "hoffelijk" not in context and context["kind"] == "uw kind"
    html = render_html(brief.type.template, context, taal=brief.taal)
    assert HOFFELIJK not in html and "Verlenging van de beslistermijn" in html


# --- every letter kind: marked for translation, and no Dutch sentence left in English -------------------------------

SJABLONEN = sorted({s.template for s in SOORTEN.values()})
BASIS = ["documenten/pdf/basis.html", "documenten/_aanhef.html", "documenten/_bezwaarclausule.html",
         "tlv/pdf/_aanhef.html", "tlv/pdf/_swv_uitleg.html", "opp/pdf/_inhoud.html"]
# An identifier printed as is, not a word to translate.
GEEN_WOORD = {"BRIN"}


def _ongemarkeerd(bron: str) -> list[str]:
    """The text of a template outside every translation tag, template tag, variable and HTML tag."""
    bron = re.sub(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", " ", bron, flags=re.S)
    bron = re.sub(r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", " ", bron, flags=re.S)
    bron = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", bron, flags=re.S)
    bron = re.sub(r"<style>.*?</style>", " ", bron, flags=re.S)
    bron = re.sub(r"<[^>]+>", " ", bron)
    return [w for w in re.findall(r"[A-Za-zÀ-ÿ]{2,}", bron) if w not in GEEN_WOORD]


@pytest.mark.parametrize("sjabloon", SJABLONEN + BASIS)
def test_every_letter_template_has_all_its_text_marked_for_translation(sjabloon):
    bron = (Path(settings.BASE_DIR) / "templates" / sjabloon).read_text(encoding="utf-8")
    assert _ongemarkeerd(bron) == [], sjabloon


_GEEN_DATUM = {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "weekday", "isoweekday",
               "utcoffset", "timetuple", "isocalendar", "toordinal", "date", "time", "timestamp"}


class _Alles(str):
    """A payload value that is every value at once, so a template renders its branches: truthy or falsy, equal to
    every value or to none; an attribute, an item and an element of itself."""

    waar, gelijk = True, True

    def __new__(cls):
        return super().__new__(cls, "X")

    def __bool__(self):
        return type(self).waar

    def __eq__(self, other):
        return type(self).gelijk

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__

    def __getattr__(self, naam):
        if naam.startswith("_") or naam in _GEEN_DATUM:  # the date filter gives up on it: an empty date
            raise AttributeError(naam)
        return type(self)()

    def __getitem__(self, sleutel):
        if isinstance(sleutel, str):
            return type(self)()
        return str.__getitem__(self, sleutel)

    def __iter__(self):
        return iter([type(self)()] if type(self).waar else [])

    def __len__(self):
        return 1 if type(self).waar else 0


class _Gegevens(dict):
    def __init__(self, soort_alles, **vast):
        super().__init__(**vast)
        self._alles = soort_alles

    def __missing__(self, sleutel):
        return self._alles()

    def get(self, sleutel, default=None):
        return self[sleutel] if sleutel in self else self._alles()


VARIANTEN = [(waar, gelijk, aan) for waar, gelijk in ((True, True), (True, False), (False, False))
             for aan in ("ouders", "leerling", "curator", "mentor")]


@pytest.mark.parametrize("code", sorted(SOORTEN))
def test_every_letter_kind_reads_in_english_without_a_dutch_sentence(code, world):
    """Each registered kind rendered as its courtesy translation, over its branches (a payload that is every value:
    ``_Alles``): no Dutch word left (the check of tests/test_informatie.py), names of Dutch bodies and laws aside."""
    soort = SOORTEN[code]
    for waar, gelijk, aan in VARIANTEN:
        alles = type("Alles", (_Alles,), {"waar": waar, "gelijk": gelijk})
        gegevens = _Gegevens(alles, aan_soort=aan, aan=["Sam de Vries"], aan_namen=["Sam de Vries"])
        brief = Brief(zaak=world.zaak_a, soort=code, gegevens=gegevens, taal="nl")
        brief.aangemaakt_op = dt.datetime(2027, 1, 18, 10, 0, tzinfo=dt.UTC)
        with translation.override("en"):
            context = {**brief_context(brief, taal="en"), "hoffelijk": True}
        html = render_html(soort.template, context, taal="en")
        assert HOFFELIJK in html, code
        weg = [world.kind_a.naam, world.school_a.naam, "Sam de Vries", *_wetten_en_namen()]
        woorden = nederlandse_woorden(html, weg=weg)
        assert woorden == [], f"{code} ({'waar' if waar else 'onwaar'}, {'gelijk' if gelijk else 'anders'}, {aan})"
        # the check reads the letter: the same letter in Dutch is full of Dutch words (read as if it were English:
        # the reader skips what is marked lang="nl")
        nl = render_html(soort.template, brief_context(brief, taal="nl"), taal="nl").replace('lang="nl"', 'lang="en"')
        assert len(nederlandse_woorden(nl, weg=weg)) > 5, code


def _wetten_en_namen() -> list[str]:
    """Dutch names of laws and bodies an English letter keeps (with the English name beside it)."""
    return ["Algemene wet bestuursrecht", "Wet op het primair onderwijs", "Leerplichtwet 1969",
            "Landelijke Bezwaaradviescommissie TLV", "Inspectie van het Onderwijs", "Internet Schooldossier",
            "Wet gelijke behandeling op grond van handicap of chronische ziekte", "intern begeleider",
            "bevoegd gezag", "samenwerkingsverband", "toelaatbaarheidsverklaring", "ontwikkelingsperspectief",
            "onderwijsconsulent", "leerplichtambtenaar", "Geschillencommissie", "zorgplicht", "curator", "bezwaar"]


# --- the SWV as sender: its postal address in the header, like a school's -------------------------------------------

def test_a_letter_the_swv_sends_shows_its_postal_address_in_the_header(world):
    from tlv.models import Loket, Toelaatbaarheidsverklaring

    Loket.objects.create(swv=world.swv_a, naam="Commissie van Toelaatbaarheid", postadres="Postbus 12, 9999 AA Valleistad")
    tlv = Toelaatbaarheidsverklaring.objects.create(
        leerling=world.kind_a, swv=world.swv_a, aanvragende_school=world.school_a, soort="so", swv_grond="inschrijving",
        swv_artikel="WEC 40 lid 10", onderwijsbehoeften="Rust.", geprobeerd="Veel.")
    assert tlv.school_id is None  # a TLV is the SWV's case: no school sends its letters
    brief = brief_maak(zaak=tlv, soort="tlv.later", gegevens={
        "swv": world.swv_a.naam, "school": world.school_a.naam, "reden": "Het tweede advies is er nog niet.",
        "meegedeeld_op": dt.date(2026, 12, 1), "oud_uiterlijk": dt.date(2027, 1, 4), "uiterlijk": UITERLIJK})
    assert brief.gegevens["swv_adres"] == "Postbus 12, 9999 AA Valleistad"
    kop = " ".join(_paginateksten(_pdf(brief_render(brief.pk)))[0].split())
    assert f"{world.swv_a.naam} Postbus 12, 9999 AA Valleistad · {world.swv_a.code}" in kop
    # a school's letter keeps the school's address, and freezes no SWV address
    school = brief_maak(zaak=world.zaak_a, soort="aanmelding.verlenging", gegevens={"weken": 2, "uiterlijk": UITERLIJK})
    assert "swv_adres" not in school.gegevens
