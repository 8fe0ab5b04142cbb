"""Issue #22 §1 "Letters": the English courtesy pages of the OPP's vaststelling letter and of the TLV letters, made
through the services (real payloads): the choices frozen in the payload (uitstroom, area of a goal, the outcome of the
meeting, who agreed, how) and the sentence on which SWV decides read in English there; the Dutch letter, the legal
one, says what it said."""

from datetime import date as d

import pytest
from django.utils import translation

from portal.documenten.models import Brief
from portal.documenten.pdf import render_html
from portal.documenten.services import brief_context, brief_render

from . import test_opp as O
from . import test_tlv as T
from .test_brieven_hoffelijk import HOFFELIJK, _paginateksten, _pdf
from .test_informatie import _gecompileerd, vertaald  # noqa: F401  (fixtures)
from .test_vertalingen_pagina import w  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("vertaald")]

# What the browser walk found Dutch on the English pages (tests/browser/test_engels_ouder.py)
OPP_NL = ["Overeenstemming bereikt", "(ouder met gezag)", "Ingestemd", "Niet ingestemd", "in het portaal",
          "Vmbo kaderberoepsgerichte leerweg", "Lezen, taal en spelling"]
TLV_NL = ["Het kind staat ingeschreven op", "Daarom beslist", "samenwerkingsverband van die school",
          "partnership (partnership)", "Geschreven door de ouder in het portaal", "in het portaal",
          "Vmbo kaderberoepsgerichte leerweg", "Lezen, taal en spelling"]


def _nl_en(brief) -> tuple[str, str]:
    """The Dutch letter's text and its English courtesy pages' text, from the PDF."""
    teksten = _paginateksten(_pdf(brief_render(brief.pk)))
    eerste_en = next(i for i, t in enumerate(teksten) if HOFFELIJK in t)
    return " ".join(teksten[:eerste_en]), " ".join(teksten[eerste_en:])


def _engels(wereld):
    wereld.ouder_a.taal = "en"
    wereld.ouder_a.save(update_fields=["taal"])


def test_the_opp_letter_in_english_shows_the_frozen_choices_by_their_english_labels(w):  # noqa: F811
    _engels(w)
    opp = O.vastgesteld(w)
    brief = Brief.objects.get(zaak=opp, soort="opp.vaststelling")
    assert brief.gegevens["hoffelijk"] == ["en"]
    nl, en = _nl_en(brief)
    # the legal letter keeps the Dutch labels
    for stuk in ("Overeenstemming bereikt", "(ouder met gezag)", "Ingestemd op", "in het portaal",
                 "Vmbo kaderberoepsgerichte leerweg", "Lezen, taal en spelling: Vlot lezen"):
        assert stuk in nl, stuk
    for stuk in OPP_NL:
        assert stuk not in en, stuk
    for stuk in ("Agreement reached", "(parent with parental authority)", "Agreed on", "in the portal",
                 "Vmbo middle-management vocational track", "Reading, language and spelling: Vlot lezen"):
        assert stuk in en, stuk


def test_an_opp_letter_frozen_before_the_codes_shows_its_dutch_labels(w):  # noqa: F811
    """A payload without the codes (a letter made before them) still renders, with the labels it froze."""
    opp = O.vastgesteld(w)
    brief = Brief.objects.get(zaak=opp, soort="opp.vaststelling")
    g = brief.gegevens
    g.pop("uitstroom_code")
    for a in g["instemmingen"]:
        for k in ("partij_code", "keuze_code", "via_code"):
            a.pop(k)
    with translation.override("en"):
        html = render_html(brief.type.template, {**brief_context(brief, taal="en"), "hoffelijk": True}, taal="en")
    assert "Vmbo kaderberoepsgerichte leerweg" in html and "(ouder met gezag)" in html
    assert "Reading, language and spelling" in html  # the goal kept its code


def test_the_tlv_decision_in_english_says_in_english_which_swv_decides(w):  # noqa: F811
    _engels(w)
    tlv, besluit = T.beslist(w)
    brief = Brief.objects.get(zaak=tlv, soort="tlv.besluit")
    assert brief.gegevens["hoffelijk"] == ["en"] and brief.gegevens["swv_grond"] == "inschrijving"
    nl, en = _nl_en(brief)
    # the Dutch letter says word for word what tlv/wet.py says (the sentence it froze before)
    assert brief.gegevens["swv_uitleg"] in nl
    assert "Dit besluit is genomen door het samenwerkingsverband" in nl
    for stuk in TLV_NL:
        assert stuk not in en, stuk
    assert f"The child is enrolled at {w.school_a.naam}. That is why that school's partnership decides: " \
           f"{w.swv_a.naam}." in en
    assert "This decision was taken by the partnership and signed by" in en


@pytest.mark.parametrize("grond", ["woonplaats", "buitenland"])
def test_the_other_grounds_read_in_both_languages_as_the_law_module_words_them(w, grond):  # noqa: F811
    from portal.organisaties.models import Gemeente
    from tlv import services as s
    from tlv.models import Toelaatbaarheidsverklaring

    tlv, besluit = T.beslist(w)
    Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(
        swv_grond=grond, vorige_school=None, woongemeente=Gemeente.objects.first() if grond == "woonplaats" else None)
    tlv = T.vers(tlv)
    brief = Brief.objects.get(zaak=tlv, soort="tlv.besluit")
    brief.gegevens.update(swv_uitleg=s.swv_uitleg(tlv), **s.swv_grond_gegevens(tlv))
    html = render_html(brief.type.template, brief_context(brief), taal="nl")
    assert brief.gegevens["swv_uitleg"] in html
    with translation.override("en"):
        html = render_html(brief.type.template, {**brief_context(brief, taal="en"), "hoffelijk": True}, taal="en")
        assert s.swv_uitleg(tlv) in html  # tlv/wet.py in English: the same sentence
    assert "Daarom beslist" not in html


def test_the_tlv_application_in_english_shows_how_the_view_was_confirmed_and_the_plan_in_english(w):  # noqa: F811
    """The application letter goes to the SWV (no courtesy translation is frozen for it), but its template reads in
    English as every letter's does: rendered with its real payload."""
    from tlv import services as s

    with T.op(d(2026, 2, 2)):
        opp = O.vastgesteld(w)
    with T.op(d(2026, 3, 2)):  # as tests/test_tlv.py ingediend(), with the OPP in force
        tlv = T.concept(w, opp_zaak=opp)
        s.tlv_zienswijze_ouder(tlv=tlv, ouder=w.ouder_a, tekst="Wij willen graag een kleine groep voor ons kind.")
        s.tlv_document_voeg_toe(tlv=tlv, door=w.ib_a, bestand=T.pdf("onderwijskundig-rapport.pdf"))
        s.tlv_dien_in(tlv=tlv, door=w.ib_a)
    brief = Brief.objects.get(zaak=tlv, soort="tlv.aanvraag")
    g = brief.gegevens
    assert g["opp_versie"].get("versie"), "the TLV froze the OPP in force"
    nl = render_html(brief.type.template, brief_context(brief), taal="nl")
    with translation.override("en"):
        en = render_html(brief.type.template, {**brief_context(brief, taal="en"), "hoffelijk": True}, taal="en")
    for stuk in (g["zienswijze_bevestiging"], g["swv_uitleg"], "Lezen, taal en spelling",
                 "Vmbo kaderberoepsgerichte leerweg"):
        assert stuk in nl, stuk
    for stuk in TLV_NL:
        assert stuk not in en, stuk
    for stuk in ("Written by the parent in the portal", "Reading, language and spelling",
                 "Vmbo middle-management vocational track", "The child is enrolled at"):
        assert stuk in en, stuk
