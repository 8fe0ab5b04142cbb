"""Issue #23 §4: the staff lists of ondersteuning, geschillen and thuiszitters — the same queries for 2 rows or 20,
pages for lists that grow with the data (their filters kept), the IB'er's sheet form rendered as one string with the
same choices, and the geschillen list asking only the access rules of its own kinds (the same cases as
``Zaak.objects.for_user``)."""

from datetime import date as d

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from geschillen import selectors as gsel
from geschillen import services as gs
from ondersteuning import services as os_
from ondersteuning.models import Aanpassingenblad
from portal.accounts.constants import Rol
from portal.zaken.models import Zaak
from thuiszitters import services as ts
from thuiszitters import views as tviews

from .conftest import login_staff
from .factories import InschrijvingFactory, LeerlingFactory, member
from .test_geschillen import _login, op, school_met_staf, weigering
from .test_geschillen import commissie as commissie  # noqa: F401 (fixture)
from .test_geschillen import consulent as consulent  # noqa: F401 (fixture)
from .test_geschillen import gezin as gezin  # noqa: F401 (fixture)
from .test_ondersteuning import aangeboden

SOORTEN = ("bezwaar", "geschil", "schorsing", "verwijdering", "advies", "klacht")


def _tel(client, url) -> int:
    client.get(url)  # warm: sessions, versions, once-per-process work
    with CaptureQueriesContext(connection) as q:
        assert client.get(url).status_code == 200
    return len(q)


# --- ondersteuning: the IB'er's start page ------------------------------------------------------------------------

def _leerlingen(world, n):
    for _ in range(n):
        InschrijvingFactory(leerling=LeerlingFactory(), school=world.school_a)


def test_ib_home_same_queries_for_2_or_20_rows(world, client):
    url = reverse("ondersteuning:home")
    login_staff(client, world.ib_a)
    for _ in range(2):
        aangeboden(world)
    _leerlingen(world, 2)
    twee = _tel(client, url)
    for _ in range(18):
        aangeboden(world)
        os_.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                             waarom="Slechtziend")
    _leerlingen(world, 18)
    assert _tel(client, url) == twee


def test_ib_sheet_form_lists_the_pupils_without_a_sheet_and_still_makes_one(world, client):
    """The select is built from (id, label) pairs now: the same pupils and labels as the form's own, the empty
    choice first and selected, the pupil with a sheet left out; choosing one makes the sheet as before."""
    kind = LeerlingFactory(voornamen="Anna Maria", roepnaam="Anna", tussenvoegsel="de", achternaam="Vries",
                           geboortedatum=d(2015, 3, 7))
    InschrijvingFactory(leerling=kind, school=world.school_a)
    login_staff(client, world.ib_a)
    body = client.get(reverse("ondersteuning:home")).content.decode()
    assert '<option value="" selected>---------</option>' in body
    assert f'<option value="{kind.pk}">Anna de Vries (07-03-2015)</option>' in body
    assert f'<option value="{world.kind_b.pk}">' not in body  # another school's pupil
    r = client.post(reverse("ondersteuning:blad_nieuw"), {"leerling": kind.pk})
    blad = Aanpassingenblad.objects.get(leerling=kind, school=world.school_a)
    assert r.status_code == 302 and r["Location"] == reverse("ondersteuning:blad", args=[blad.pk])
    body = client.get(reverse("ondersteuning:home")).content.decode()
    assert f'<option value="{kind.pk}">' not in body  # has a sheet now


# --- geschillen: the staff's cases -------------------------------------------------------------------------------

def _klachten(gezin, n):
    with op(d(2026, 3, 2)):
        return [gs.klacht_dien_in(ouder=gezin.ouder_a, leerling=gezin.kind_a, school=gezin.school_a,
                                  onderwerp=f"Klacht {i}") for i in range(n)]


@pytest.mark.parametrize("wie", ["secretaris", "bestuurder"])
def test_geschillen_home_same_queries_for_2_or_20_cases(gezin, commissie, client, wie):  # noqa: F811
    user = commissie.secretaris if wie == "secretaris" else gezin.bestuurder_a
    _login(client, user)
    url = reverse("geschillen:home")
    _klachten(gezin, 2)
    twee = _tel(client, url)
    _klachten(gezin, 18)
    assert _tel(client, url) == twee
    assert len(client.get(url).context["staf"]) == 20


def test_geschillen_home_pages_open_cases_first(gezin, commissie, client, monkeypatch):  # noqa: F811
    """A list of cases that grows is paged (it stopped at 200 before); open cases first on every database
    (PostgreSQL sorts NULL last unless told)."""
    monkeypatch.setattr(gsel, "PER_PAGINA", 3)
    klachten = _klachten(gezin, 5)
    oudste = klachten[0]
    Zaak.objects.filter(pk=oudste.pk).update(afgesloten_op=timezone.now())
    _login(client, commissie.secretaris)
    een = client.get(reverse("geschillen:home"))
    twee = client.get(reverse("geschillen:home") + "?pagina=2")
    op1 = [z.pk for z in een.context["staf"]]
    op2 = [z.pk for z in twee.context["staf"]]
    assert len(op1) == 3 and len(op2) == 2 and oudste.pk == op2[-1]
    assert sorted(op1 + op2) == sorted(k.pk for k in klachten)
    assert all(z.zaaktype == "klacht" and type(z).__name__ == "Klacht" for z in een.context["staf"])
    assert "?pagina=2" in een.content.decode()


def test_geschillen_list_access_is_for_user_of_its_kinds(gezin, commissie, consulent, client):  # noqa: F811
    """``_toegang`` (only the rules of the list's kinds) gives exactly the cases ``for_user`` gives, per role."""
    school = gezin.school
    aanmelding, _besluit = weigering(school=school)
    with op(d(2026, 3, 25)):
        g = gs.geschil_dien_in(zaak=aanmelding, ouder=aanmelding.ouder, ingediend_op=d(2026, 3, 25))
    _klachten(gezin, 2)
    ander = school_met_staf()
    weigering(school=ander)
    lezers = [gezin.ouder_a, aanmelding.ouder, school.ib, school.directeur, ander.ib, gezin.ib_a, gezin.dir_a,
              gezin.bestuurder_a, gezin.swv_mw_a, commissie.secretaris, consulent,
              member(Rol.BESTUURDER, bestuur=school.bestuur), member(Rol.KLACHTENCOMMISSIE)]
    for user in lezers:
        verwacht = set(Zaak.objects.for_user(user).filter(zaaktype__in=SOORTEN).values_list("pk", flat=True))
        kort = set(Zaak.objects.filter(zaaktype__in=SOORTEN).filter(gsel._toegang(user, SOORTEN))
                   .values_list("pk", flat=True))
        assert kort == verwacht, user
    assert g.pk in set(Zaak.objects.filter(gsel._toegang(school.ib, SOORTEN)).values_list("pk", flat=True))


# --- thuiszitters: the lists page and keep their filter ----------------------------------------------------------

def test_thuiszitters_lijst_pages_and_keeps_the_filter(world, client, monkeypatch):
    monkeypatch.setattr(tviews, "PER_PAGINA", 2)
    for _ in range(3):
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=world.school_a)
        ts.thuiszitter_registreer(leerling=kind, school=world.school_a, door=world.ib_a, sinds=timezone.localdate(),
                                  soort="relatief", reden="geen_plek")
    login_staff(client, world.ib_a)
    r = client.get(reverse("thuiszitters:lijst") + "?alles=1")
    assert len(r.context["zaken"]) == 2 and "?alles=1&amp;pagina=2" in r.content.decode()
    r = client.get(reverse("thuiszitters:lijst") + "?alles=1&pagina=2")
    assert len(r.context["zaken"]) == 1 and "?alles=1&amp;pagina=1" in r.content.decode()


# --- the per-row texts are the template's own --------------------------------------------------------------------

@pytest.mark.parametrize("taal", ["nl", "en"])
def test_row_texts_equal_the_date_filter_and_reverse(taal, settings):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.template.defaultfilters import date as date_filter
    from django.utils import translation

    from ondersteuning import selectors as osel
    from thuiszitters import selectors as tsel

    settings.USE_TZ = True
    late = datetime(2026, 3, 31, 23, 30, tzinfo=ZoneInfo("UTC"))  # 1 April in Amsterdam
    with translation.override(taal), timezone.override(ZoneInfo("Europe/Amsterdam")):
        for waarde in (d(2026, 1, 5), d(2025, 12, 31), late, None):
            verwacht = date_filter(timezone.template_localtime(waarde), "j F Y") if waarde is not None else ""
            assert gsel.datum_tekst(waarde) == tsel.datum_tekst(waarde) == osel.datum_tekst(waarde) == verwacht
    assert gsel.datum_tekst(late).startswith("1 ")
    urls = gsel.Urls()
    for naam, pk in (("geschillen:klacht", 7), ("geschillen:klacht", 987654), ("thuiszitters:detail", 12)):
        assert urls.van(naam, pk) == reverse(naam, args=[pk])


def test_hostile_page_numbers_give_the_first_or_last_page(gezin, commissie, client):  # noqa: F811
    """``?pagina=`` is read by Django's ``get_page`` (anything not a number: page 1; past the end: the last page) —
    the pages paged here join the table of ``tests/test_parameters.py`` in spirit."""
    from .test_parameters import VIJANDIG
    from .test_thuiszitters_leerplicht import _gemeente

    lp = member(Rol.LEERPLICHT, gemeente=_gemeente("Noordstad"))
    gevallen = [(commissie.secretaris, "geschillen:home"), (gezin.ib_a, "thuiszitters:lijst"),
                (gezin.swv_mw_a, "thuiszitters:lijst"), (gezin.ib_a, "ondersteuning:home"),
                (lp, "thuiszitters:leerplicht_lijst")]
    for user, naam in gevallen:
        c = _login(client.__class__(), user)
        for waarde in VIJANDIG.values():
            assert c.get(reverse(naam), {"pagina": waarde, "alles": "1"}).status_code == 200, (naam, waarde)
