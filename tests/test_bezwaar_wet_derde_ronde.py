"""Issue #17, the law's third pass, on the bezwaar and the geschil (items 3 and 5): when a geschil suspends the
board's decision term (A-13b, WPO 43 lid 4) and when not (E-1c), the one start of A-13b (WPO 40 lid 12), a bezwaar
posted in time (A-13, Awb 6:9 lid 2), who hears and who decides (Awb 7:5, 10:3 lid 3), and the Geschillencommissie's
terms (D-3, D-4). Table tests; each row cites its rule id and article, with the case in words."""

from datetime import date as d

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
        s.bezwaar_hoor(bezwaar=b, door=school.directeur, gehoord_op=d(2026, 3, 20), verslag="Gehoord")
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
