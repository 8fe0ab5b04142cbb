"""Issue #17 §5, table-driven with frozen time: schorsing days are school days by the school's calendar (E-1), the
aanmelding letter cites the school's own bezwaar route (A-13), and the verwijdering's notices per sector (E-2).

E-1 — WPO 40c, WEC 40a, WVO 2020 8.14: lid 1 'voor een periode van ten hoogste één week' (5 school days), lid 3 the
inspectie is told 'onverwijld' of a schorsing 'voor een periode langer dan één dag'. School days: weekdays outside
the holidays and free days of the school or its board (``VrijePeriode``) — never the Algemene termijnenwet's list:
Friday 15 May 2026 (equated with a holiday by royal decree) and 5 May 2026 (not a lustrum year) are school days."""

from datetime import date as d

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from aanmelding.services import bezwaar_route
from geschillen import services as s
from geschillen import wet
from geschillen.models import Schorsing
from portal.accounts.constants import Rol
from portal.documenten.services import brieven_render_wachtend
from portal.meldingen.models import Notification
from portal.organisaties.models import Denominatie, Gemeente, VrijePeriode
from portal.organisaties.schoolkalender import is_schooldag, laatste_schooldag
from portal.zaken.services import besluit_onderteken

from .conftest import login_staff
from .factories import PDF, InschrijvingFactory, LeerlingFactory, SchoolFactory, member
from .test_geschillen import op, school_met_staf, weigering

pytestmark = pytest.mark.django_db

# the autumn holiday 2026 of region midden (Saturday 17 – Sunday 25 October), a studiedag on Wednesday 11 March
HERFST = (d(2026, 10, 17), d(2026, 10, 25))
STUDIEDAG = d(2026, 3, 11)


@pytest.fixture
def school():
    school = school_met_staf()
    VrijePeriode.objects.create(bestuur=school.bestuur, van=HERFST[0], tot=HERFST[1], omschrijving="Herfstvakantie")
    VrijePeriode.objects.create(school=school, van=STUDIEDAG, tot=STUDIEDAG, omschrijving="Studiedag")
    return school


# --- E-1: the school calendar ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("van, tot, dagen, fout, inspectie, geval", [
    (d(2026, 5, 15), d(2026, 5, 15), 1, "", False,
     "E-1, WPO 40c lid 1 en 3: vrijdag 15 mei 2026 (Atw-besluitdag) is een schooldag; één dag: geen melding"),
    (d(2026, 5, 15), d(2026, 5, 18), 2, "", True,
     "E-1, WPO 40c lid 3: vrijdag 15 + maandag 18 mei: twee schooldagen, langer dan één dag: melding aan de inspectie"),
    (d(2026, 5, 4), d(2026, 5, 6), 3, "", True,
     "E-1: 5 mei 2026 (geen lustrumjaar) is een gewone schooldag: ma–wo zijn drie schooldagen"),
    (d(2026, 5, 11), d(2026, 5, 15), 5, "", True,
     "E-1: een week met Hemelvaart die de school niet als vrij invoerde: 5 schooldagen, mag nog"),
    (d(2026, 10, 16), d(2026, 10, 26), 2, "", True,
     "E-1: vrijdag vóór en maandag na de herfstvakantie van het bestuur: twee schooldagen (de vakantie telt niet)"),
    (d(2026, 3, 9), d(2026, 3, 16), 5, "", True,
     "E-1: ma–ma met de studiedag van de school op woensdag: 5 schooldagen, ten hoogste een week"),
    (d(2026, 3, 16), d(2026, 3, 23), 6, "ten hoogste één week", True,
     "E-1, WPO 40c lid 1: 6 schooldagen is meer dan een week: geweigerd"),
    (d(2026, 10, 19), d(2026, 10, 23), 0, "geen schooldag", False,
     "E-1: alleen dagen in de herfstvakantie: geen schooldag, geen schorsing"),
    (d(2026, 3, 11), d(2026, 3, 12), 1, "eerste dag", False,
     "E-1: de schorsing begint niet op de studiedag (geen schooldag)"),
    (d(2026, 3, 13), d(2026, 3, 14), 1, "laatste dag", False, "E-1: de schorsing eindigt niet op een zaterdag"),
])
def test_e1_school_days_by_the_school_calendar(school, van, tot, dagen, fout, inspectie, geval):
    assert wet.schooldagen(van, tot, school) == dagen, geval
    assert (fout in wet.schorsing_fout(van, tot, school)) if fout else wet.schorsing_fout(van, tot, school) == "", geval
    assert wet.schorsing_inspectie_nodig(van, tot, school) is inspectie, geval


def test_e1_another_schools_holidays_do_not_count(school):
    ander = SchoolFactory()  # another board: the autumn holiday and the studiedag are not its own
    assert wet.schooldagen(d(2026, 10, 16), d(2026, 10, 26), ander) == 7
    assert "ten hoogste één week" in wet.schorsing_fout(d(2026, 10, 16), d(2026, 10, 26), ander)
    assert wet.schooldagen(d(2026, 3, 9), d(2026, 3, 16), ander) == 6
    assert is_schooldag(ander, STUDIEDAG) and not is_schooldag(school, STUDIEDAG)
    assert not is_schooldag(None, d(2026, 5, 16))  # a Saturday is never a school day


@pytest.mark.parametrize("van, tot, inspectie, geval", [
    (d(2026, 5, 15), d(2026, 5, 15), False, "E-1, WPO 40c lid 3: één schooldag (vrijdag 15 mei 2026): geen melding"),
    (d(2026, 5, 15), d(2026, 5, 18), True, "E-1, WPO 40c lid 3: vrijdag 15 + maandag 18 mei 2026: melding aan de "
                                          "inspectie, met de melding als PDF"),
])
def test_schorsing_in_may_2026_and_the_inspectie_notice(school, van, tot, inspectie, geval):
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=school)
    with op(d(2026, 5, 13)):
        sch = s.schorsing_bereid_voor(leerling=kind, school=school, door=school.directeur, van=van, tot=tot,
                                      redenen="Geweld tegen een klasgenoot")
        besluit_onderteken(besluit=sch.besluit, door=school.directeur, bekendmaking="uitgereikt",
                           verzonden_op=d(2026, 5, 13), vandaag=d(2026, 5, 13))
    sch.refresh_from_db()
    assert sch.schooldagen == (2 if inspectie else 1), geval
    assert sch.inspectie_melding_nodig is inspectie, geval
    assert sch.brieven.filter(soort="geschillen.schorsing_inspectie").exists() is inspectie, geval
    assert Notification.objects.filter(sleutel=f"schorsing:{sch.pk}:inspectie").exists() is inspectie, geval


def test_e1_clock_ends_on_the_fifth_school_day_after_a_holiday(school):
    """E-1: the clock's last day is the 5th school day from the first (Fri 16 Oct; then Mon 26 – Thu 29 Oct after
    the board's autumn holiday), not 7 calendar days."""
    assert laatste_schooldag(school, d(2026, 10, 16), 5) == d(2026, 10, 29)
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=school)
    with op(d(2026, 10, 15)):
        sch = s.schorsing_bereid_voor(leerling=kind, school=school, door=school.directeur, van=d(2026, 10, 16),
                                      tot=d(2026, 10, 26), redenen="x")
        besluit_onderteken(besluit=sch.besluit, door=school.directeur, bekendmaking="uitgereikt",
                           verzonden_op=d(2026, 10, 15), vandaag=d(2026, 10, 15))
    sch = Schorsing.objects.get(pk=sch.pk)
    assert sch.schooldagen == 2 and sch.inspectie_melding_nodig
    assert sch.klokken["E-1"].uiterlijk == d(2026, 10, 29)


def test_schorsing_form_shows_the_school_day_error_at_the_field(school, client):
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=school)
    login_staff(client, school.ib)
    with op(d(2026, 3, 6)):
        r = client.post(reverse("geschillen:schorsing_nieuw"), {"leerling": kind.pk, "van": "2026-03-11",
                                                                 "tot": "2026-03-12", "redenen": "Bewaard"})
    assert r.status_code == 200 and "Bewaard" in r.content.decode()
    assert not Schorsing.objects.exists()


# --- the school calendar page --------------------------------------------------------------------------------------

def test_school_enters_its_free_days_and_bad_input_stays_at_the_field(school, client):
    login_staff(client, school.ib)
    url = reverse("organisaties:schoolkalender", args=[school.pk])
    with op(d(2026, 9, 1)):
        r = client.post(url, {"omschrijving": "Kerstvakantie", "van": "2027-01-08", "tot": "2026-12-19"})
        assert r.status_code == 200 and "tot" in r.context["form"].errors and "Kerstvakantie" in r.content.decode()
        r = client.post(url, {"omschrijving": "Kerstvakantie", "van": "2026-12-19", "tot": "2027-01-03"})
        assert r.status_code == 302
        periode = VrijePeriode.objects.get(omschrijving="Kerstvakantie")
        assert periode.school_id == school.pk and not is_schooldag(school, d(2026, 12, 21))
        body = client.get(url).content.decode()
        assert "Herfstvakantie" in body and "Kerstvakantie" in body  # the board's own periods are listed too
        ander = client.__class__()
        login_staff(ander, member(Rol.IB, school=SchoolFactory()))
        assert ander.post(reverse("organisaties:schoolkalender_weg", args=[periode.pk])).status_code == 404
        assert client.post(reverse("organisaties:schoolkalender_weg", args=[periode.pk])).status_code == 302
    assert not VrijePeriode.objects.filter(pk=periode.pk).exists()


# --- the aanmelding letter cites the school's own route ----------------------------------------------------

@pytest.mark.parametrize("soort, denominatie, route, geval", [
    ("bao", Denominatie.OPENBAAR, "Algemene wet bestuursrecht, artikel 6:5, 6:7 en 6:8; Wet op het primair onderwijs, "
     "artikel 40 lid 12", "A-13: openbare basisschool: het bevoegd gezag is een bestuursorgaan: Awb 6:5–6:8"),
    ("bao", Denominatie.ROOMS_KATHOLIEK, "Wet op het primair onderwijs, artikel 63 lid 3",
     "A-13, WPO 63 lid 3: bijzondere basisschool: bezwaren binnen 6 weken na de mededeling, niet de Awb"),
    ("bao", Denominatie.SAMENWERKING, "Wet op het primair onderwijs, artikel 63 lid 3",
     "A-13, WPO 17d lid 10: samenwerkingsschool volgt de bijzondere school"),
    ("so", Denominatie.OPENBAAR, "Algemene wet bestuursrecht, artikel 6:5, 6:7 en 6:8; Wet op de expertisecentra, "
     "artikel 40 lid 20", "A-13: openbare so-school: Awb met WEC 40 lid 20"),
    ("so", Denominatie.PROTESTANTS_CHRISTELIJK, "Wet op de expertisecentra, artikel 61 lid 3 en 4",
     "A-13, WEC 61 lid 3: bijzondere (v)so-school"),
    ("vo", Denominatie.OPENBAAR, "Algemene wet bestuursrecht, artikel 6:5, 6:7 en 6:8; Wet voortgezet onderwijs 2020, "
     "artikel 8.8 lid 6", "A-13: openbare vo-school: Awb met WVO 2020 8.8 lid 6"),
    ("vo", Denominatie.ISLAMITISCH, "Wet voortgezet onderwijs 2020, artikel 8.8 lid 5 en 6",
     "A-13, WVO 2020 8.8 lid 5: bijzondere vo-school"),
])
def test_a13_bezwaar_route_per_school(soort, denominatie, route, geval):
    assert bezwaar_route(SchoolFactory(soort=soort, denominatie=denominatie)) == route, geval


@pytest.mark.parametrize("denominatie, wel, niet, geval", [
    (Denominatie.OPENBAAR, ["Algemene wet bestuursrecht, artikel 6:5, 6:7 en 6:8", "artikel 40 lid 12"],
     ["artikel 63"], "A-13: openbare po-school: de weigeringsbrief noemt Awb 6:5–6:8 en WPO 40 lid 12"),
    (Denominatie.ROOMS_KATHOLIEK, ["Wet op het primair onderwijs, artikel 63 lid 3"],
     ["artikel 6:5", "6:7 en 6:8", "artikel 40 lid 12"],
     "A-13, WPO 63 lid 3: bijzondere po-school: de brief noemt WPO 63, niet Awb 6:5–6:8"),
])
def test_refusal_letter_cites_the_schools_route(denominatie, wel, niet, geval):
    school = school_met_staf(denominatie=denominatie)
    aanmelding, besluit = weigering(school=school)
    with op(besluit.bekendgemaakt_op):
        brieven_render_wachtend()
    brief = aanmelding.brieven.get(soort="aanmelding.besluit")
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(brief.bestand.path).pages).split())
    for stuk in wel:
        assert stuk in tekst, geval
    for stuk in niet:
        assert stuk not in tekst, geval


# --- E-2: verwijdering: the inspectie only in vo, leerplicht in every sector ----------------------------------------

@pytest.mark.parametrize("soort, overleg, geval", [
    ("bao", False, "E-2, WPO 40 lid 11: po: geen overleg met of melding aan de inspectie; leerplicht wel (Lpw 18)"),
    ("so", False, "E-2, WEC 40 lid 18: (v)so: geen overleg met of melding aan de inspectie; leerplicht wel (Lpw 18)"),
    ("vo", True, "E-2, WVO 2020 8.15 lid 4 en 5: vo: eerst overleg met de inspectie; leerplicht ook (Lpw 18)"),
])
def test_e2_verwijdering_inspectie_only_in_vo_leerplicht_always(soort, overleg, geval):
    school = school_met_staf(soort=soort)
    kind = LeerlingFactory(woongemeente=Gemeente.objects.create(code=f"GM9{len(soort)}0{soort[0]}", naam="Teststad"))
    InschrijvingFactory(leerling=kind, school=school)
    leerplicht = member(Rol.LEERPLICHT, gemeente=kind.woongemeente)
    with op(d(2026, 3, 2)):
        v = s.verwijdering_start(leerling=kind, school=school, door=school.directeur, reden="Ernstig geweld")
        for wie in ("leraar", "ouders"):
            s.horen_vastleggen(verwijdering=v, door=school.directeur, soort=wie, datum=d(2026, 3, 2), verslag="x")
        s.verwijdering_acceptatie(verwijdering=v, door=school.directeur, school_naam="De Brug", op=d(2026, 3, 2),
                                  bestand=SimpleUploadedFile("a.pdf", PDF))
        v.refresh_from_db()
        assert ("inspectie" in s.verwijdering_guard(v)) is overleg, geval
        if overleg:
            s.verwijdering_inspectie_overleg(verwijdering=v, door=school.directeur, op=d(2026, 3, 2))
        besluit = s.verwijdering_bereid_voor(verwijdering=v, door=school.directeur, per=d(2026, 3, 16), motivering="m")
        besluit_onderteken(besluit=besluit, door=school.directeur, bekendmaking="uitgereikt",
                           verzonden_op=d(2026, 3, 2), vandaag=d(2026, 3, 2))
    v.refresh_from_db()
    assert v.leerplicht_gemeld_op is not None, geval  # Lpw 18 lid 1: 'terstond', every sector
    assert Notification.objects.filter(ontvanger=leerplicht, sleutel=f"verwijdering:{v.pk}:leerplicht").exists(), geval
    # no letter or task to the inspectie in any sector; in vo the overleg (8.15 lid 4) is recorded before
    assert {b.soort for b in v.brieven.all()} == {"geschillen.verwijdering", "geschillen.verwijdering_leerplicht"}, geval
    assert not Notification.objects.filter(sleutel__startswith=f"verwijdering:{v.pk}:inspectie").exists(), geval
    assert (v.inspectie_overleg_op is not None) is overleg, geval
