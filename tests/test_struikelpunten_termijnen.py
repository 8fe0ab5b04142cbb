"""Issue #22 §2 item 4: a term the Algemene termijnenwet does not move (``Regel.atw`` False: the Geschillencommissie's
own terms D-2 and D-2b, D-4, E-1) can end on a Sunday; next to that date the parent reads, in plain words, that it
does not move to Monday — also beside a bezwaar term (A-13, under the Act: T-2) that did move."""

from datetime import date as d

import pytest
from django.urls import reverse

from geschillen import services as s
from portal.termijnen import rules
from portal.zaken.templatetags.zaken import schuift_niet_op

from .test_geschillen import op, school_met_staf, weigering

ZONDAG = "Let op: dit is een zondag. Deze termijn schuift niet op naar maandag."


@pytest.mark.parametrize("datum, verwacht, geval", [
    (d(2027, 1, 17), ZONDAG, "D-2 (geen Atw) op zondag 17 januari 2027"),
    (d(2026, 12, 20), ZONDAG, "D-2b (geen Atw) op zondag 20 december 2026"),
    (d(2026, 12, 19), "Let op: dit is een zaterdag. Deze termijn schuift niet op naar maandag.", "zaterdag"),
    (d(2026, 12, 25), "Let op: dit is een feestdag. Deze termijn schuift niet op naar de volgende werkdag.",
     "Eerste Kerstdag (T-3: Atw art. 3)"),
    (d(2027, 4, 27), "Let op: dit is een feestdag. Deze termijn schuift niet op naar de volgende werkdag.",
     "Koningsdag"),
    (d(2026, 12, 21), "", "een maandag: niets te zeggen"),
    (None, "", "geen datum"),
])
def test_the_note_beside_a_last_day_on_a_free_day(datum, verwacht, geval):
    assert schuift_niet_op(datum) == verwacht, geval


@pytest.mark.parametrize("regel_id, atw", [("D-2", False), ("D-2b", False), ("D-4", False), ("A-13", True),
                                           ("D-3", True)])
def test_only_terms_outside_the_act_can_end_on_a_free_day(regel_id, atw):
    """T-2: a term under the Act never ends on a Saturday, Sunday or feestdag, so the note appears only beside the
    terms the Act does not cover. Each start day of a year: the last day is a free day only when ``atw`` is False."""
    from datetime import timedelta

    from portal.termijnen.dates import is_vrije_dag

    params = rules.get(regel_id).params()
    assert bool(params.get("atw")) is atw
    vrij = {is_vrije_dag(rules.bereken_uiterlijk(params, d(2026, 1, 1) + timedelta(days=i))) for i in range(366)}
    assert vrij == ({False} if atw else {False, True})


@pytest.mark.django_db
def test_guide_and_case_page_say_it_beside_the_sunday_and_not_beside_the_moved_monday(client):
    """A decision made known on Sunday 1 March 2026: the bezwaar term (A-13, Atw) moves from Sunday 12 April to
    Monday 13 April; the geschil term (D-2, no Atw) stays on Sunday 12 April. The geschil filed on Sunday 22 March:
    the board's verweer (D-2b) is due Sunday 5 April."""
    aanmelding, besluit = weigering(school=school_met_staf(), bekend=d(2026, 3, 1))
    assert besluit.klokken["A-13"].uiterlijk == d(2026, 4, 13)
    assert besluit.klokken["D-2"].uiterlijk == d(2026, 4, 12)
    client.force_login(aanmelding.ouder)
    with op(d(2026, 3, 10)):
        r = client.get(reverse("geschillen:gids", args=[aanmelding.pk]))
    stappen = {st.code: st for st in r.context["stappen"]}
    html = r.content.decode()
    assert stappen["bezwaar"].termijn == d(2026, 4, 13) and stappen["geschil"].termijn == d(2026, 4, 12)
    blok = html.split('id="stap-geschil"')[1].split("</li>")[0]
    assert "zondag 12 april 2026" in blok and ZONDAG in blok
    assert ZONDAG not in html.split('id="stap-bezwaar"')[1].split("</li>")[0]
    with op(d(2026, 3, 10)):
        nieuw = client.get(reverse("geschillen:geschil_nieuw", args=[aanmelding.pk])).content.decode()
    assert "zondag 12 april 2026" in nieuw and ZONDAG in nieuw
    with op(d(2026, 3, 22)):
        g = s.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=d(2026, 3, 22))
        assert g.klokken["D-2b"].uiterlijk == d(2026, 4, 5)
        client.force_login(aanmelding.ouder)  # twelve days later: a new session
        pagina = client.get(g.get_absolute_url("ouder")).content.decode()
        start = client.get(reverse("core:home")).content.decode()
    assert "zondag 5 april 2026" in pagina and ZONDAG in pagina
    assert ZONDAG in start
