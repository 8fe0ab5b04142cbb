"""Issue #17, the law's third pass, on the bezwaar and the geschil (items 3 and 5): when a geschil suspends the
board's decision term (A-13b, WPO 43 lid 4) and when not (E-1c), the one start of A-13b (WPO 40 lid 12), a bezwaar
posted in time (A-13, Awb 6:9 lid 2), who hears and who decides (Awb 7:5, 10:3 lid 3), and the Geschillencommissie's
terms (D-3, D-4). Table tests; each row cites its rule id and article, with the case in words."""

import re
from datetime import date as d
from datetime import timedelta

import pytest

from geschillen import services as s
from portal.organisaties.models import Denominatie
from portal.organisaties.wetgeving import bezwaar_beslistermijn_start
from portal.termijnen import dates
from portal.zaken.services import besluit_onderteken

from .factories import SchoolFactory
from .test_geschillen import op, school_met_staf, weigering

# --- item 5.1: a pending geschil suspends A-13b from its filing until the oordeel (WPO 43 lid 4) ----------------


@pytest.mark.parametrize("denominatie, bezwaar_op, geschil_ingediend, geschil_vastgelegd, oordeel_op, reactie_op, "
                         "uiterlijk, geval", [
    (Denominatie.ROOMS_KATHOLIEK, d(2026, 3, 20), d(2026, 3, 27), d(2026, 4, 10), d(2026, 5, 29), d(2026, 6, 26),
     d(2026, 6, 19),
     "A-13b, WPO 43 lid 4: bijzondere po-school, bezwaar 20 maart (uiterlijk 17 april); geschil ingediend 27 maart, "
     "vastgelegd 10 april; oordeel 29 mei: stil 27 maart – 29 mei (63 dagen) → 19 juni, niet pas na de reactie "
     "van het bestuur (26 juni)"),
    (Denominatie.OPENBAAR, d(2026, 3, 20), d(2026, 3, 27), d(2026, 4, 10), d(2026, 5, 29), d(2026, 6, 26),
     d(2026, 6, 26),
     "A-13b, WPO 40 lid 12 + 43 lid 4: openbare po-school: de termijn begint na 13 april en staat stil tot het "
     "oordeel (29 mei): 29 mei + 4 weken = 26 juni"),
    (Denominatie.ROOMS_KATHOLIEK, d(2026, 3, 20), d(2026, 3, 10), d(2026, 3, 12), d(2026, 4, 2), d(2026, 4, 20),
     d(2026, 4, 30),
     "A-13b, WPO 43 lid 4: het geschil liep al vóór het bezwaar: stil vanaf de ontvangst (20 maart) tot het "
     "oordeel (2 april): 13 dagen → 30 april"),
])
def test_a13b_suspended_from_filing_of_the_geschil_until_the_oordeel(world, denominatie, bezwaar_op,
                                                                     geschil_ingediend, geschil_vastgelegd, oordeel_op,
                                                                     reactie_op, uiterlijk, geval):
    school = school_met_staf(denominatie=denominatie)
    aanmelding, besluit = weigering(school=school, bekend=d(2026, 3, 2))
    if geschil_vastgelegd < bezwaar_op:
        with op(geschil_vastgelegd):
            g = s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=geschil_ingediend)
    with op(bezwaar_op):
        b = s.bezwaar_dien_in(besluit=besluit, ouder=aanmelding.ouder, gronden="Niet eens")
    if geschil_vastgelegd >= bezwaar_op:
        with op(geschil_vastgelegd):
            g = s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=geschil_ingediend)
    klok = b.klokken["A-13b"]
    assert klok.uiterlijk is None, geval  # no date while the geschil is aanhangig
    assert klok.opschortingen.get().van == max(geschil_ingediend, klok.start), geval  # may begin in the past
    with op(oordeel_op):
        s.geschil_verweer(geschil=g, door=school.ib, verweer_op=oordeel_op, samenvatting="Verweer")
        s.geschil_oordeel(geschil=g, door=school.ib, oordeel="ongegrond", oordeel_op=oordeel_op, samenvatting="x")
    assert b.klokken["A-13b"].uiterlijk == uiterlijk, geval
    with op(reactie_op):
        s.geschil_reactie(geschil=g, door=school.directeur, opvolging="volgt", motivering="")
    assert b.klokken["A-13b"].uiterlijk == uiterlijk, geval  # the board's response (D-4) changes nothing


def test_a13b_no_decision_on_the_bezwaar_before_the_oordeel(world):
    """A-13b, WPO 43 lid 4 first sentence: the board takes its decision on the bezwaar only after the commission has
    given its oordeel."""
    school = school_met_staf(denominatie=Denominatie.ROOMS_KATHOLIEK)
    aanmelding, besluit = weigering(school=school, bekend=d(2026, 3, 2))
    with op(d(2026, 3, 20)):
        b = s.bezwaar_dien_in(besluit=besluit, ouder=aanmelding.ouder, gronden="Niet eens")
        g = s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=d(2026, 3, 20))
        from portal.accounts.constants import Rol

        from .factories import member

        bestuurder = member(Rol.BESTUURDER, bestuur=school.bestuur)  # Awb 7:5: the directeur took the decision
        s.bezwaar_hoor(bezwaar=b, door=bestuurder, gehoord_op=d(2026, 3, 20), verslag="Gehoord")
        with pytest.raises(s.GeschilFout, match="oordeel"):
            s.bezwaar_beslissing_voorbereid(bezwaar=b, door=school.directeur, uitkomst="ongegrond", motivering="m")
    with op(d(2026, 4, 2)):
        s.geschil_verweer(geschil=g, door=school.ib, verweer_op=d(2026, 4, 2), samenvatting="Verweer")
        s.geschil_oordeel(geschil=g, door=school.ib, oordeel="ongegrond", oordeel_op=d(2026, 4, 2), samenvatting="x")
        assert s.bezwaar_beslissing_voorbereid(bezwaar=b, door=school.directeur, uitkomst="ongegrond",
                                               motivering="m") is not None


# --- item 5.2: no geschil suspension for a schorsing's bezwaar (E-1c; WPO 43 lid 2, Awb 7:10) ----------------------

def test_e1c_not_suspended_by_a_geschil(world):
    """E-1c, WPO 43 lid 2 and Awb 7:10: openbare po-school; schorsing bekendgemaakt 2 maart; bezwaar 10 maart; geschil
    vastgelegd 12 maart → E-1c blijft 26 mei (13 april + 6 weken = 25 mei, tweede Pinksterdag → 26 mei)."""
    with op(d(2026, 3, 2)):
        sch = s.schorsing_bereid_voor(leerling=world.kind_a, school=world.school_a, door=world.dir_a, van=d(2026, 3, 3),
                                      tot=d(2026, 3, 4), redenen="x")
        besluit_onderteken(besluit=sch.besluit, door=world.bestuurder_a, bekendmaking="uitgereikt",
                           verzonden_op=d(2026, 3, 2), vandaag=d(2026, 3, 2))
    assert world.school_a.denominatie == Denominatie.OPENBAAR and world.school_a.soort == "bao"
    besluit = sch.besluit
    besluit.refresh_from_db()
    with op(d(2026, 3, 10)):
        b = s.bezwaar_dien_in(besluit=besluit, ouder=world.ouder_a, gronden="Niet eens")
    assert b.klokken["E-1c"].uiterlijk == d(2026, 5, 26)
    with op(d(2026, 3, 12)):
        s.geschil_dien_in(zaak=sch, ouder=world.ouder_a, ingediend_op=d(2026, 3, 12), waarschuwing_gezien=True)
    klok = b.klokken["E-1c"]
    assert (klok.uiterlijk, klok.opschortingen.count()) == (d(2026, 5, 26), 0)


# --- item 5.3: one A-13b start, in the core (portal.organisaties.wetgeving) -----------------------------------------

@pytest.mark.parametrize("soort, denominatie, ontvangen, start, uiterlijk, geval", [
    ("bao", Denominatie.OPENBAAR, d(2026, 3, 20), d(2026, 4, 13), d(2026, 5, 11),
     "A-13b, WPO 40 lid 12: openbaar, op tijd: 4 weken vanaf de dag na het einde van de bezwaartermijn"),
    ("bao", Denominatie.OPENBAAR, d(2026, 4, 20), d(2026, 4, 20), d(2026, 5, 18),
     "A-13b, WPO 40 lid 12 + Awb 6:11: openbaar, te laat ontvangen (20 april): vanaf de ontvangst, de latere van "
     "de twee → 18 mei (niet 11 mei)"),
    ("so", Denominatie.OPENBAAR, d(2026, 4, 20), d(2026, 4, 20), d(2026, 5, 18),
     "A-13b, WEC 40 lid 20: openbare so-school, te laat: vanaf de ontvangst"),
    ("bao", Denominatie.ROOMS_KATHOLIEK, d(2026, 4, 20), d(2026, 4, 20), d(2026, 5, 18),
     "A-13b, WPO 63 lid 3: bijzonder: altijd na ontvangst"),
    ("vo", Denominatie.OPENBAAR, d(2026, 3, 20), d(2026, 3, 20), d(2026, 4, 17),
     "A-13b, WVO 2020 8.8 lid 6: vo: na ontvangst"),
])
def test_one_a13b_start_in_the_core(db, soort, denominatie, ontvangen, start, uiterlijk, geval):
    school = SchoolFactory(soort=soort, denominatie=denominatie)
    gevonden = bezwaar_beslistermijn_start(school, ontvangen=ontvangen, bezwaartermijn_einde=d(2026, 4, 13))
    assert (gevonden, dates.plus_weken(gevonden, 4)) == (start, uiterlijk), geval


def test_a13b_late_bezwaar_at_an_openbare_school_counts_from_receipt(world):
    """A-13b, WPO 40 lid 12: production uses the core's reading — a late bezwaar (received 20 April, term ended
    13 April) is decided by 18 May."""
    school = school_met_staf(denominatie=Denominatie.OPENBAAR)
    aanmelding, besluit = weigering(school=school, bekend=d(2026, 3, 2))
    with op(d(2026, 4, 20)):
        b = s.bezwaar_dien_in(besluit=besluit, ouder=aanmelding.ouder, gronden="Niet eens", te_laat_reden="Ziek")
    assert b.klokken["A-13b"].uiterlijk == d(2026, 5, 18)


# --- item 3: Awb 6:9 — a bezwaar posted within the term that arrives within a week after is on time ---------------

def _tlv_achtig_besluit(world, bekend):
    """A decision whose A-13 term ends on a chosen day: a refusal made known on ``bekend`` (A-13: + 6 weeks)."""
    school = school_met_staf(denominatie=Denominatie.ROOMS_KATHOLIEK)
    return school, *weigering(school=school, ontvangen=bekend - timedelta(weeks=5), bekend=bekend)


@pytest.mark.parametrize("ontvangen, ter_post, te_laat, reden_nodig, geval", [
    (d(2026, 12, 30), d(2026, 12, 28), False, False,
     "A-13, Awb 6:9 lid 2: de termijn eindigt 28 december; op 28 december op de post, 30 december binnen: op tijd, "
     "geen reden voor te laat gevraagd"),
    (d(2027, 1, 4), d(2026, 12, 28), False, False,
     "Awb 6:9 lid 2: binnen op de laatste dag van de week na het einde (4 januari): nog op tijd"),
    (d(2027, 1, 5), d(2026, 12, 28), True, True,
     "Awb 6:9 lid 2: meer dan een week na het einde binnen: te laat, een reden is nodig (Awb 6:11)"),
    (d(2026, 12, 30), d(2026, 12, 29), True, True,
     "Awb 6:9 lid 2: na het einde van de termijn op de post: te laat"),
    (d(2026, 12, 30), None, True, True, "Awb 6:9 lid 1: zonder poststempel telt de ontvangst: te laat"),
    (d(2026, 12, 28), None, False, False, "Awb 6:9 lid 1: binnen op de laatste dag: op tijd"),
])
def test_bezwaar_on_paper_posted_in_time_is_on_time(world, ontvangen, ter_post, te_laat, reden_nodig, geval):
    school, aanmelding, besluit = _tlv_achtig_besluit(world, d(2026, 11, 16))
    assert besluit.klokken["A-13"].uiterlijk == d(2026, 12, 28)
    with op(d(2027, 1, 6)):
        if reden_nodig:
            with pytest.raises(s.GeschilFout) as exc:
                s.bezwaar_dien_in(besluit=besluit, door=school.ib, namens=aanmelding.ouder, gronden="Niet eens",
                                  ontvangen_op=ontvangen, ter_post_op=ter_post)
            assert exc.value.veld == "te_laat_reden", geval
        b = s.bezwaar_dien_in(besluit=besluit, door=school.ib, namens=aanmelding.ouder, gronden="Niet eens",
                              ontvangen_op=ontvangen, ter_post_op=ter_post, te_laat_reden="Post was traag")
    assert (b.ontvangen_op, b.ter_post_op, b.geregistreerd_door, b.ingediend_door) == (
        ontvangen, ter_post, school.ib, aanmelding.ouder), geval
    assert bool(b.te_laat_reden) is te_laat, geval
    a13 = besluit.klokken["A-13"]
    assert a13.uitkomst == ("te_laat" if te_laat else "op_tijd"), geval
    brief = b.brieven.get(soort="geschillen.bezwaar_ontvangst")
    assert brief.gegevens["te_laat"] is te_laat and brief.gegevens["ontvangen_op"] == ontvangen, geval
    # A-13b, WPO 63 lid 3 (bijzonder): 4 weeks from receipt
    assert b.klokken["A-13b"].start == ontvangen, geval


@pytest.mark.parametrize("wie, velden, melding", [
    ("ouder", {"ontvangen_op": d(2026, 12, 30)}, "medewerkers van het bevoegd gezag"),
    ("ib", {"ontvangen_op": d(2026, 12, 30), "ter_post_op": d(2026, 12, 31)}, "poststempel"),
    ("ib", {"ontvangen_op": d(2027, 1, 7)}, "toekomst"),
    ("ib", {"ontvangen_op": d(2026, 11, 10)}, "vóór de bekendmaking"),
])
def test_bezwaar_on_paper_refused_with_a_dutch_message(world, wie, velden, melding):
    """Awb 6:9: the posting day is optional and never after receipt; only the bevoegd gezag's staff record paper."""
    school, aanmelding, besluit = _tlv_achtig_besluit(world, d(2026, 11, 16))
    door = aanmelding.ouder if wie == "ouder" else school.ib
    with op(d(2027, 1, 6)), pytest.raises(s.GeschilFout, match=melding):
        s.bezwaar_dien_in(besluit=besluit, door=door, namens=aanmelding.ouder, gronden="x", **velden)


def test_bezwaar_on_paper_form_at_the_field(world, client):
    """The staff form: the posting day after receipt is refused at its field; nothing is saved."""
    from django.urls import reverse

    from geschillen.models import Bezwaar

    from .test_geschillen import _login

    school, aanmelding, besluit = _tlv_achtig_besluit(world, d(2026, 11, 16))
    url = reverse("geschillen:bezwaar_papier", args=[besluit.pk])
    with op(d(2027, 1, 6)):
        _login(client, school.ib)
        assert client.get(url).status_code == 200
        r = client.post(url, {"namens": aanmelding.ouder.pk, "ontvangen_op": "2026-12-30", "ter_post_op": "2026-12-31",
                              "gronden": "Niet eens"})
        assert r.status_code == 200 and "ter_post_op" in r.context["form"].errors
        assert not Bezwaar.objects.exists()
        r = client.post(url, {"namens": aanmelding.ouder.pk, "ontvangen_op": "2026-12-30", "ter_post_op": "2026-12-28",
                              "gronden": "Niet eens"})
        assert r.status_code == 302
    assert Bezwaar.objects.get().ter_post_op == d(2026, 12, 28)


def test_every_bezwaar_clause_says_posted_in_time_is_on_time():
    """Awb 6:9 lid 2: every letter with a bezwaar clause uses the one shared sentence; none says 'moet … binnen zijn'."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    brieven = [p for p in root.rglob("*.html") if "/pdf/" in str(p)
               and re.search(r"Bezwaar\.({% endblocktranslate %})?</strong>", p.read_text())]  # marked for translation
    assert len(brieven) >= 4
    for p in brieven:
        tekst = p.read_text()
        assert "binnen zijn" not in tekst, p
        assert 'include "documenten/_bezwaarclausule.html"' in tekst, p
    clausule = (root / "documenten" / "_bezwaarclausule.html").read_text()
    assert "op de post" in clausule and "een week" in clausule and "6:9" in clausule


# --- item 3: who hears (Awb 7:5 lid 1, 7:13) and who decides (Awb 10:3 lid 3) ---------------------------------------

def _bezwaar_bij(school, aanmelding, besluit):
    with op(d(2026, 3, 20)):
        return s.bezwaar_dien_in(besluit=besluit, ouder=aanmelding.ouder, gronden="Niet eens")


@pytest.mark.parametrize("hoorders, voorzitter, commissie, fout, geval", [
    (["ib"], None, "", "hoorders",
     "Awb 7:5 lid 1 onder a: de IB'er bereidde het besluit voor en hoort niet alleen"),
    (["directeur"], None, "", "hoorders",
     "Awb 7:5 lid 1 onder a: de directeur nam het besluit (mandaat) en hoort niet alleen"),
    (["ib2"], None, "", None, "Awb 7:5 lid 1 onder a: een niet-betrokken collega hoort alleen: goed"),
    (["ib2", "ib", "ib3"], "ib2", "", None,
     "Awb 7:5 lid 1 onder b: drie hoorders, twee niet betrokken, de voorzitter ook niet: goed"),
    (["ib2", "ib", "ib3"], "ib", "", "voorzitter",
     "Awb 7:5 lid 1 onder b: de voorzitter was betrokken: niet goed"),
    (["ib2", "ib"], "ib2", "", "hoorders",
     "Awb 7:5 lid 1 onder b: twee hoorders, één betrokken: geen meerderheid niet-betrokkenen"),
    (["ib", "bestuurder"], "ib", "", None,
     "Awb 7:5 lid 1 (aanhef): hoort een bestuurder mee, dan geldt de eis niet"),
    ([], None, "Bezwaarschriftencommissie Stichting X", None,
     "Awb 7:13 lid 3: een adviescommissie hoort; de eis van 7:5 geldt dan niet"),
])
def test_awb_7_5_who_may_hear(world, hoorders, voorzitter, commissie, fout, geval):
    from portal.accounts.constants import Rol

    from .factories import member

    school = school_met_staf(denominatie=Denominatie.ROOMS_KATHOLIEK)
    aanmelding, besluit = weigering(school=school, bekend=d(2026, 3, 2))  # prepared by the IB'er, signed by directeur
    personen = {"ib": school.ib, "directeur": school.directeur, "ib2": member(Rol.IB, school=school),
                "ib3": member(Rol.DIRECTEUR, school=school), "bestuurder": member(Rol.BESTUURDER, bestuur=school.bestuur)}
    b = _bezwaar_bij(school, aanmelding, besluit)
    door = personen[hoorders[0]] if hoorders else school.ib
    kwargs = {"hoorders": [personen[h] for h in hoorders], "voorzitter": personen.get(voorzitter),
              "commissie": commissie}
    with op(d(2026, 3, 27)):
        if fout:
            with pytest.raises(s.GeschilFout, match="Awb 7:5") as exc:
                s.bezwaar_hoor(bezwaar=b, door=door, gehoord_op=d(2026, 3, 27), verslag="Gehoord", **kwargs)
            assert exc.value.veld == fout, geval
            b.refresh_from_db()
            assert b.gehoord_op is None, geval  # nothing half-saved
        else:
            s.bezwaar_hoor(bezwaar=b, door=door, gehoord_op=d(2026, 3, 27), verslag="Gehoord", **kwargs)
            b.refresh_from_db()
            assert b.gehoord_op == d(2026, 3, 27) and b.hoor_commissie == commissie, geval
            assert set(b.hoorders.all()) == {personen[h] for h in hoorders}, geval


@pytest.mark.parametrize("ondertekenaar, mag, geval", [
    ("directeur", False, "Awb 10:3 lid 3: de directeur nam het bestreden besluit met mandaat: tekent niet op bezwaar"),
    ("directeur2", True, "Awb 10:3 lid 3: een andere gemandateerde tekent wel"),
    ("bestuurder", True, "Awb 10:3 lid 3: het bestuur zelf tekent wel"),
])
def test_awb_10_3_who_signs_the_decision_on_bezwaar(world, ondertekenaar, mag, geval):
    from portal.accounts.constants import Rol
    from portal.zaken.services import ZaakFout

    from .factories import member
    from .test_geschillen import ALLE_BESLUITEN, mandaat

    school = school_met_staf(denominatie=Denominatie.ROOMS_KATHOLIEK)
    aanmelding, besluit = weigering(school=school, bekend=d(2026, 3, 2))
    assert besluit.mandaat_id and besluit.ondertekend_door == school.directeur
    tweede = member(Rol.DIRECTEUR, school=school)
    mandaat(tweede, school.bestuur, ALLE_BESLUITEN, functie="adjunct-directeur")
    personen = {"directeur": school.directeur, "directeur2": tweede,
                "bestuurder": member(Rol.BESTUURDER, bestuur=school.bestuur)}
    b = _bezwaar_bij(school, aanmelding, besluit)
    with op(d(2026, 3, 27)):
        s.bezwaar_hoor(bezwaar=b, door=tweede, gehoord_op=d(2026, 3, 27), verslag="Gehoord")
        beslissing = s.bezwaar_beslissing_voorbereid(bezwaar=b, door=tweede, uitkomst="ongegrond", motivering="m")
        if mag:
            besluit_onderteken(besluit=beslissing, door=personen[ondertekenaar], vandaag=d(2026, 3, 27))
            beslissing.refresh_from_db()
            assert beslissing.ondertekend_door == personen[ondertekenaar], geval
        else:
            with pytest.raises(ZaakFout, match="10:3 lid 3"):
                besluit_onderteken(besluit=beslissing, door=personen[ondertekenaar], vandaag=d(2026, 3, 27))
            beslissing.refresh_from_db()
            assert beslissing.ondertekend_op is None, geval


# --- item 5.7: D-3 and D-4 — what the law and the Commissie's rules say ---------------------------------------------

@pytest.mark.parametrize("regel, lengte, verlengbaar, secundair, atw, bron, geval", [
    ("D-3", 10, False, False, True, "WPO 43 lid 3",
     "D-3, WPO 43 lid 3: binnen 10 weken, de wet kent geen verlenging en geen latere datum"),
    ("D-4", 4, False, True, False, "34.9 lid 8",
     "D-4, Besluit bekostiging WPO 34.9 lid 8: geen termijn in wet of besluit: een instelbare herinnering (4 weken)"),
])
def test_d3_d4_as_the_law_says(db, regel, lengte, verlengbaar, secundair, atw, bron, geval):
    from portal.termijnen import rules

    r = rules.get(regel)
    assert (r.lengte, bool(r.max_verlenging_weken or r.later_aankondigen), r.secundair, r.atw) == (
        lengte, verlengbaar, secundair, atw), geval
    assert bron in r.bron, geval


def test_d4_reminder_is_configurable(db, settings):
    """D-4 is secondary: an SWV or board may set its own follow-up term (TERMIJNEN_OVERRIDES); D-3 is statutory."""
    from portal.termijnen import rules

    settings.TERMIJNEN_OVERRIDES = {"D-4": {"lengte": 2}}
    assert rules.bereken_uiterlijk(rules.get("D-4").params(), d(2026, 5, 6)) == d(2026, 5, 20)
    settings.TERMIJNEN_OVERRIDES = {"D-3": {"lengte": 12}}
    with pytest.raises(ValueError):
        rules.get("D-3")


def test_d3_cannot_be_extended(world):
    """D-3, WPO 43 lid 3: the commission's 10 weeks cannot be extended in the portal."""
    from portal.termijnen.dates import TermijnFout
    from portal.termijnen.services import clock_extend

    school = school_met_staf()
    aanmelding, besluit = weigering(school=school, bekend=d(2026, 3, 2))
    with op(d(2026, 3, 25)):
        g = s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=d(2026, 3, 25))
        with pytest.raises(TermijnFout, match="kan niet worden verlengd"):
            clock_extend(clock=g.klokken["D-3"], weken=2, reden="Drukte", meegedeeld_op=d(2026, 3, 25))
    assert g.klokken["D-3"].uiterlijk == d(2026, 6, 3)


def test_bezwaar_page_shows_posting_day_and_who_heard(world, client):
    """Awb 6:9 and 7:5: staff read the posting day and who heard, with the chair."""
    from django.urls import reverse

    from portal.accounts.constants import Rol

    from .factories import member
    from .test_geschillen import _login

    school, aanmelding, besluit = _tlv_achtig_besluit(world, d(2026, 11, 16))
    collega = member(Rol.IB, school=school, first_name="Noor", last_name="Onbetrokken")
    with op(d(2027, 1, 6)):
        b = s.bezwaar_dien_in(besluit=besluit, door=school.ib, namens=aanmelding.ouder, gronden="Niet eens",
                              ontvangen_op=d(2026, 12, 30), ter_post_op=d(2026, 12, 28))
        s.bezwaar_hoor(bezwaar=b, door=collega, gehoord_op=d(2027, 1, 6), verslag="Gehoord")
        _login(client, school.ib)
        html = client.get(reverse("geschillen:bezwaar", args=[b.pk])).content.decode()
    assert "op de post gedaan op 28 december 2026" in html
    assert "Noor Onbetrokken (voorzitter)" in html


def test_e1c_data_migration_drops_the_geschil_suspension(world):
    """E-1c (WPO 43 lid 2): an open E-1c clock started under the old rule loses its geschil suspension and its due
    date is computed again from the facts (13 April + 6 weeks = 25 May, tweede Pinksterdag → 26 May)."""
    import importlib

    from django.apps import apps

    from portal.termijnen import rules
    from portal.termijnen.models import Clock, Opschorting

    mig = importlib.import_module("geschillen.migrations.0004_e1c_zonder_geschil")
    oud = rules.get("E-1c").params() | {"opgeschort_door": ["zaak:geschil"], "opschorting": True}
    with op(d(2026, 3, 12)):
        sch = s.schorsing_bereid_voor(leerling=world.kind_a, school=world.school_a, door=world.dir_a, van=d(2026, 3, 13),
                                      tot=d(2026, 3, 13), redenen="x")
    klok = Clock.objects.create(regel_id="E-1c", params=oud, zaak=sch, omschrijving="x", start=d(2026, 4, 13),
                                uiterlijk=None)
    Opschorting.objects.create(clock=klok, van=d(2026, 4, 13), reden="Geschil loopt")
    mig.e1c_zonder_geschil(apps, None)
    klok.refresh_from_db()
    assert (klok.uiterlijk, klok.opschortingen.count(), klok.params["opgeschort_door"]) == (d(2026, 5, 26), 0, [])


def test_decision_letters_carry_the_awb_6_9_clause(world):
    """A-13 (the aanmelding's refusal): the letter as rendered says that posted in time and received within a week
    after is on time, with the last day from the clock (Awb 6:9 lid 2)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from portal.documenten.services import brief_context

    school = school_met_staf(denominatie=Denominatie.ROOMS_KATHOLIEK)
    aanmelding, besluit = weigering(school=school, bekend=d(2026, 3, 2))
    brief = aanmelding.brieven.get(besluit=besluit)
    with translation.override("nl"):
        html = render_to_string(brief.type.template, brief_context(brief))
    assert "maandag 13 april 2026" in html and "op de post is gedaan" in html and "binnen zijn" not in html


@pytest.mark.parametrize("wie, link, geval", [
    ("ib", True, "Awb 6:9: de school legt een bezwaarschrift op papier vast vanaf de schorsing"),
    ("ouder", False, "ouders maken zelf bezwaar; zij zien de link voor papier niet"),
])
def test_schorsing_page_links_staff_to_a_paper_bezwaar(world, client, wie, link, geval):
    from django.urls import reverse

    from .test_geschillen import _login

    with op(d(2026, 3, 2)):
        sch = s.schorsing_bereid_voor(leerling=world.kind_a, school=world.school_a, door=world.dir_a, van=d(2026, 3, 3),
                                      tot=d(2026, 3, 4), redenen="x")
        besluit_onderteken(besluit=sch.besluit, door=world.bestuurder_a, bekendmaking="uitgereikt",
                           verzonden_op=d(2026, 3, 2), vandaag=d(2026, 3, 2))
        _login(client, {"ib": world.ib_a, "ouder": world.ouder_a}[wie])
        html = client.get(reverse("geschillen:schorsing", args=[sch.pk])).content.decode()
    assert (reverse("geschillen:bezwaar_papier", args=[sch.besluit.pk]) in html) is link, geval
