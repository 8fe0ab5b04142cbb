"""Thuiszitters, the second part of issue #20: the leerplichtambtenaar (§6: sees the thuiszitters living in their
municipality, records their follow-up and nothing else, may report a child), the SWV's registration of a child not
enrolled anywhere (§1), the links to the cases meant to end a registration (§1 "Links"), F-4 in school weeks
(Lpw 21, 21a: holiday weeks skipped, reminded once), the start-page tasks, and the pupil's own wording ("je")."""

import uuid
from datetime import date as d
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.audit.models import AuditEntry
from portal.meldingen.models import Notification
from portal.organisaties.models import Gemeente, VrijePeriode
from portal.zaken.services import ZaakFout
from tests.conftest import login_staff
from tests.factories import InschrijvingFactory, LeerlingFactory, UserFactory, member
from thuiszitters import services as s
from thuiszitters.models import LeerplichtOpvolging, LeerplichtSignaal, Mening, Thuiszitter, Verzuimweek
from thuiszitters.zaken import stap, taken

VANDAAG = d.today


def _gemeente(naam):
    return Gemeente.objects.create(code=f"GM{Gemeente.objects.count() + 900:04d}", naam=naam)


@pytest.fixture
def lp(world):
    """kind_a lives in Noordstad (its leerplichtambtenaar: world.lp_a), kind_b in Zuidstad (world.lp_b); both are
    thuiszitters at their school."""
    world.noord, world.zuid = _gemeente("Noordstad"), _gemeente("Zuidstad")
    for kind, gem in ((world.kind_a, world.noord), (world.kind_b, world.zuid)):
        kind.woongemeente = gem
        kind.save(update_fields=["woongemeente"])
    world.lp_a = member(Rol.LEERPLICHT, gemeente=world.noord)
    world.lp_b = member(Rol.LEERPLICHT, gemeente=world.zuid)
    sinds = VANDAAG() - timedelta(days=10)
    world.t_a = s.thuiszitter_registreer(leerling=world.kind_a, school=world.school_a, door=world.ib_a, sinds=sinds,
                                         soort="relatief", reden="psychisch", toelichting="Vertrouwelijk: angst")
    world.t_b = s.thuiszitter_registreer(leerling=world.kind_b, school=world.school_b, door=world.ib_b, sinds=sinds,
                                         soort="relatief", reden="geen_plek")
    s.verzuim_leg_vast(thuiszitter=world.t_a, door=world.ib_a, week=VANDAAG(), uren=Decimal("7.5"))
    s.mening_leg_vast(thuiszitter=world.t_a, door=world.ouder_a, tekst="Hij is bang op school.")
    return world


def _detail(t):
    return reverse("thuiszitters:detail", args=[t.pk])


# --- leerplicht: what they see -------------------------------------------------------------------------------

def test_leerplicht_ziet_alleen_eigen_gemeente(lp, client):
    login_staff(client, lp.lp_a)
    assert client.get(_detail(lp.t_a)).status_code == 200
    assert client.get(_detail(lp.t_b)).status_code == 404  # another municipality
    lijst = client.get(reverse("thuiszitters:leerplicht_lijst")).content.decode()
    assert lp.kind_a.naam in lijst and lp.kind_b.naam not in lijst
    assert client.get(reverse("thuiszitters:lijst")).status_code == 404  # the staff list is not theirs
    client.logout()
    login_staff(client, lp.lp_b)
    assert client.get(_detail(lp.t_a)).status_code == 404
    lijst = client.get(reverse("thuiszitters:leerplicht_lijst")).content.decode()
    assert lp.kind_b.naam in lijst and lp.kind_a.naam not in lijst
    client.logout()
    assert client.get(reverse("thuiszitters:leerplicht_lijst")).status_code == 302  # anonymous: to the login
    login_staff(client, lp.ib_a)
    assert client.get(reverse("thuiszitters:leerplicht_lijst")).status_code == 404  # a school: not theirs


def test_leerplicht_leest_uren_maar_niet_de_meningen_en_toelichting(lp, client):
    login_staff(client, lp.lp_a)
    html = client.get(_detail(lp.t_a)).content.decode()
    assert "7.5" in html or "7,5" in html  # the absence hours per week (Lpw 21)
    assert "Psychische of medische problemen" in html  # the reason category
    assert "Vertrouwelijk: angst" not in html  # the school's free text
    assert "Hij is bang op school." not in html  # the family's view (hoorrecht) is for school and SWV
    assert "Opvolging vastleggen" in html
    for andere in ("thuiszitters:plan", "thuiszitters:beeindigen", "thuiszitters:verzuim", "thuiszitters:mening"):
        assert reverse(andere, args=[lp.t_a.pk]) not in html
    assert AuditEntry.objects.filter(actor=lp.lp_a, object_id=str(lp.t_a.pk)).exists()  # the read is recorded


def test_leerplicht_legt_opvolging_vast_en_de_school_ziet_die(lp, client):
    login_staff(client, lp.lp_a)
    r = client.post(reverse("thuiszitters:opvolging", args=[lp.t_a.pk]), {
        "opvolging-soort": "gesprek", "opvolging-op": VANDAAG().isoformat(),
        "opvolging-notitie": "Gesprek met moeder en IB'er."})
    assert r.status_code == 302 and r.url == _detail(lp.t_a)
    o = LeerplichtOpvolging.objects.get()
    assert (o.soort, o.op, o.door, o.gemeente) == ("gesprek", VANDAAG(), lp.lp_a, lp.noord)
    assert AuditEntry.objects.filter(actor=lp.lp_a, object_type__icontains="leerplichtopvolging").exists()
    client.logout()
    login_staff(client, lp.ib_a)
    assert "Gesprek met moeder en IB&#x27;er." in client.get(_detail(lp.t_a)).content.decode()
    client.logout()
    client.force_login(lp.ouder_a)  # the parents do not read the municipality's work notes
    html = client.get(_detail(lp.t_a)).content.decode()
    assert "Gesprek met moeder" not in html and "Opvolging door leerplicht" not in html


@pytest.mark.parametrize("actie,data", [
    ("plan", {"plan-wat": "Iets", "plan-wie": "Leerplicht"}),
    ("beeindigen", {"eind-volledig": "ja", "eind-op": "TODAY", "eind-waar": "School", "eind-uren": "20"}),
    ("verzuim", {"verzuim-week": "TODAY", "verzuim-uren": "4"}),
    ("leerplicht", {"leerplicht-op": "TODAY"}),
    ("mening", {"mening-wie": "ouders", "mening-tekst": "x"}),
    ("koppelen", {}),
])
def test_leerplicht_kan_verder_niets(lp, client, actie, data):
    login_staff(client, lp.lp_a)
    data = {k: (VANDAAG().isoformat() if v == "TODAY" else v) for k, v in data.items()}
    assert client.post(reverse(f"thuiszitters:{actie}", args=[lp.t_a.pk]), data).status_code == 404
    lp.t_a.refresh_from_db()
    assert lp.t_a.is_open and not lp.t_a.plan_wat and lp.t_a.leerplicht_gemeld_op is None
    assert Verzuimweek.objects.count() == 1 and Mening.objects.count() == 1


def test_opvolging_alleen_door_leerplicht_van_de_woongemeente(lp):
    for door in (lp.ib_a, lp.swv_mw_a, lp.lp_b, lp.ouder_a):
        with pytest.raises(ZaakFout):
            s.opvolging_leg_vast(thuiszitter=lp.t_a, door=door, soort="gesprek", op=VANDAAG())
    assert not LeerplichtOpvolging.objects.exists()


OPVOLGING_FOUT = [
    ({"opvolging-soort": "boete", "opvolging-op": "TODAY"}, "soort"),
    ({"opvolging-soort": "gesprek", "opvolging-op": "2099-01-01"}, "op"),
    ({"opvolging-soort": "gesprek", "opvolging-op": ""}, "op"),
    ({"opvolging-soort": "gesprek", "opvolging-op": "31-02-2026"}, "op"),
    ({"opvolging-soort": "zorgteam", "opvolging-op": "TODAY", "opvolging-notitie": "x" * 501}, "notitie"),
]


@pytest.mark.parametrize("data,veld", OPVOLGING_FOUT, ids=[f"{v}-{i}" for i, (_d, v) in enumerate(OPVOLGING_FOUT)])
def test_opvolging_foute_invoer(lp, client, data, veld):
    login_staff(client, lp.lp_a)
    data = {k: (VANDAAG().isoformat() if v == "TODAY" else v) for k, v in data.items()}
    r = client.post(reverse("thuiszitters:opvolging", args=[lp.t_a.pk]), data)
    assert r.status_code == 200
    form = r.context["forms"]["opvolging"]
    assert form.errors.get(veld), form.errors
    assert form["soort"].value() == data["opvolging-soort"]  # the input kept
    assert not LeerplichtOpvolging.objects.exists()


def test_leerplicht_lijst_vaste_query_telling(lp, client, django_assert_num_queries):
    login_staff(client, lp.lp_a)
    url = reverse("thuiszitters:leerplicht_lijst")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        assert client.get(url).status_code == 200
    for i in range(3):
        kind = LeerlingFactory(woongemeente=lp.noord)
        InschrijvingFactory(leerling=kind, school=lp.school_a)
        t = s.thuiszitter_registreer(leerling=kind, school=lp.school_a, door=lp.ib_a, sinds=VANDAAG(), soort="relatief",
                                     reden="geen_plek")
        s.opvolging_leg_vast(thuiszitter=t, door=lp.lp_a, soort="gesprek", op=VANDAAG())
        s.signaal_meld(door=lp.lp_a, voornamen="Kees", achternaam=f"Onbekend{i}", geboortedatum=d(2015, 1, i + 1),
                       sinds=VANDAAG(), swv=lp.swv_a)
    with django_assert_num_queries(len(een)):
        html = client.get(url).content.decode()
    assert html.count("/thuiszitters/") >= 4 and "Onbekend2" in html


def test_staflijst_vaste_query_telling(lp, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_staff(client, lp.ib_a)
    url = reverse("thuiszitters:lijst")
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    for _i in range(3):
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=lp.school_a)
        s.thuiszitter_registreer(leerling=kind, school=lp.school_a, door=lp.ib_a, sinds=VANDAAG(), soort="relatief",
                                 reden="geen_plek")
    with django_assert_num_queries(len(een)):
        client.get(url)


# --- leerplicht reports a child ------------------------------------------------------------------------------

def _melden(client, **kw):
    data = {"voornamen": "Sem", "achternaam": "", "geboortedatum": "", "sinds": VANDAAG().isoformat(),
            "notitie": "Zit sinds de herfst thuis.", "formulier_token": uuid.uuid4().hex, **kw}
    return client.post(reverse("thuiszitters:melden"), data)


def test_leerplicht_meldt_ingeschreven_kind_aan_de_school(world, client):
    gem = _gemeente("Oost")
    kind = LeerlingFactory(woongemeente=gem, achternaam="Visser", voornamen="Sem")
    InschrijvingFactory(leerling=kind, school=world.school_a)
    ambtenaar = member(Rol.LEERPLICHT, gemeente=gem)
    login_staff(client, ambtenaar)
    r = _melden(client, achternaam="visser", geboortedatum=kind.geboortedatum.isoformat())
    assert r.status_code == 302, r.context and r.context["form"].errors
    sig = LeerplichtSignaal.objects.get()
    assert sig.leerling == kind and sig.school == world.school_a and sig.swv is None
    assert Notification.objects.filter(sleutel=f"thuiszitter:signaal:{sig.pk}", ontvanger=world.ib_a).exists()
    assert any("Visser" in t.titel for t in taken(world.ib_a))  # waits on the school's start page
    assert not any("Visser" in t.titel for t in taken(world.ib_b))
    # the school registers the child: the report is answered, leerplicht sees the case
    t = s.thuiszitter_registreer(leerling=kind, school=world.school_a, door=world.ib_a, sinds=VANDAAG(),
                                 soort="relatief", reden="geen_plek")
    sig.refresh_from_db()
    assert sig.thuiszitter == t and sig.afgehandeld_op
    assert not any(x.titel.startswith("Leerplicht meldt") for x in taken(world.ib_a))
    assert Notification.objects.filter(sleutel=f"thuiszitter:{t.pk}:leerplicht", ontvanger=ambtenaar).exists()


def test_leerplicht_meldt_onbekend_kind_aan_het_swv(world, client):
    gem = _gemeente("West")
    ambtenaar = member(Rol.LEERPLICHT, gemeente=gem)
    login_staff(client, ambtenaar)
    r = _melden(client, achternaam="Nieuw", geboortedatum="2016-05-04")
    assert r.status_code == 200 and r.context["form"].errors.get("swv")  # not enrolled: choose the SWV
    assert r.context["form"]["achternaam"].value() == "Nieuw"
    token = uuid.uuid4().hex
    r = _melden(client, achternaam="Nieuw", geboortedatum="2016-05-04", swv=world.swv_a.pk, formulier_token=token)
    assert r.status_code == 302
    r = _melden(client, achternaam="Nieuw", geboortedatum="2016-05-04", swv=world.swv_a.pk, formulier_token=token)
    assert r.status_code == 302 and LeerplichtSignaal.objects.count() == 1  # sent twice: one report
    sig = LeerplichtSignaal.objects.get()
    assert sig.leerling is None and sig.naam == "Sem Nieuw" and sig.swv == world.swv_a
    assert Notification.objects.filter(sleutel=f"thuiszitter:signaal:{sig.pk}", ontvanger=world.swv_mw_a).exists()
    assert any("Sem Nieuw" in t.titel for t in taken(world.swv_mw_a))
    html = client.get(reverse("thuiszitters:leerplicht_lijst")).content.decode()
    assert "Sem Nieuw" in html and "nog niet geregistreerd" in html


def test_melden_kiest_uit_de_samenwerkingsverbanden_van_de_eigen_gemeente(world, client):
    """The form offers the SWVs whose region holds the leerplichtambtenaar's municipality (usually one po and one vo),
    not every SWV in the country; another SWV is refused at the field. Without regions recorded: all of them."""
    gem = _gemeente("Oost")
    login_staff(client, member(Rol.LEERPLICHT, gemeente=gem))
    keuzes = lambda: list(client.get(reverse("thuiszitters:melden")).context["form"].fields["swv"].queryset)  # noqa: E731
    assert world.swv_a in keuzes() and world.swv_b in keuzes()  # no regions recorded yet
    world.swv_b.gemeenten.add(gem)
    assert keuzes() == [world.swv_b]
    r = _melden(client, achternaam="Nieuw", geboortedatum="2016-05-04", swv=world.swv_a.pk)
    assert r.status_code == 200 and r.context["form"].errors.get("swv")
    assert not LeerplichtSignaal.objects.exists()


@pytest.mark.parametrize("data,veld", [
    ({"achternaam": "", "geboortedatum": "2016-05-04"}, "achternaam"),
    ({"achternaam": "X", "geboortedatum": ""}, "geboortedatum"),
    ({"achternaam": "X", "geboortedatum": "2099-01-01"}, "geboortedatum"),
    ({"achternaam": "X", "geboortedatum": "1990-01-01"}, "geboortedatum"),
    ({"achternaam": "X", "geboortedatum": "2016-05-04", "sinds": "2099-01-01"}, "sinds"),
    ({"achternaam": "X", "geboortedatum": "2016-05-04", "swv": "999999"}, "swv"),
])
def test_melden_foute_invoer(world, client, data, veld):
    login_staff(client, member(Rol.LEERPLICHT, gemeente=_gemeente("Zuid")))
    r = _melden(client, **data)
    assert r.status_code == 200 and r.context["form"].errors.get(veld), r.context["form"].errors
    assert not LeerplichtSignaal.objects.exists()


def test_melden_alleen_voor_leerplicht(world, client):
    login_staff(client, world.ib_a)
    assert client.get(reverse("thuiszitters:melden")).status_code == 404
    with pytest.raises(ZaakFout):
        s.signaal_meld(door=world.ib_a, voornamen="A", achternaam="B", geboortedatum=d(2016, 1, 1), sinds=VANDAAG(),
                       swv=world.swv_a)


# --- the SWV registers a child not enrolled anywhere ----------------------------------------------------------

def _swv_data(**kw):
    return {"voornamen": "Noor", "roepnaam": "", "achternaam": "de Wit", "geboortedatum": "2015-03-01",
            "woongemeente": kw.pop("gemeente"), "swv": kw.pop("swv"), "sinds": VANDAAG().isoformat(),
            "reden": "geen_plek", "toelichting": "", "formulier_token": uuid.uuid4().hex, **kw}


def test_swv_registreert_kind_zonder_school(world, client):
    gem = _gemeente("Midden")
    login_staff(client, world.swv_mw_a)
    data = _swv_data(gemeente=gem.pk, swv=world.swv_a.pk)
    r = client.post(reverse("thuiszitters:nieuw_swv"), data)
    t = Thuiszitter.objects.get()
    assert r.status_code == 302 and r.url == _detail(t)
    assert (t.school, t.swv, t.soort, t.leerling.woongemeente) == (None, world.swv_a, "absoluut", gem)
    assert t.leerling.naam.endswith("de Wit") and t.klokken["F-3"]
    r = client.post(reverse("thuiszitters:nieuw_swv"), data)  # the same form again: the first result
    assert r.status_code == 302 and Thuiszitter.objects.count() == 1
    # leerplicht of that municipality sees the child
    ambtenaar = member(Rol.LEERPLICHT, gemeente=gem)
    client.logout()
    login_staff(client, ambtenaar)
    assert client.get(_detail(t)).status_code == 200


def test_swv_registratie_van_een_melding_van_leerplicht(world, client):
    gem = _gemeente("Midden")
    ambtenaar = member(Rol.LEERPLICHT, gemeente=gem)
    sig = s.signaal_meld(door=ambtenaar, voornamen="Noor", achternaam="de Wit", geboortedatum=d(2015, 3, 1),
                         sinds=VANDAAG() - timedelta(days=3), swv=world.swv_a)
    login_staff(client, world.swv_mw_a)
    r = client.get(reverse("thuiszitters:nieuw_swv") + f"?signaal={sig.pk}")
    assert r.context["form"].initial["achternaam"] == "de Wit" and r.context["form"].initial["woongemeente"] == gem.pk
    r = client.post(reverse("thuiszitters:nieuw_swv") + f"?signaal={sig.pk}", _swv_data(gemeente=gem.pk,
                                                                                          swv=world.swv_a.pk))
    assert r.status_code == 302
    sig.refresh_from_db()
    assert sig.thuiszitter is not None and sig.afgehandeld_op and sig.leerling == sig.thuiszitter.leerling


def test_swv_gebruikt_bekend_kind_zonder_inschrijving_en_weigert_ingeschreven_kind(world, client):
    gem = _gemeente("Midden")
    bekend = LeerlingFactory(voornamen="Noor", achternaam="de Wit", geboortedatum=d(2015, 3, 1))
    login_staff(client, world.swv_mw_a)
    r = client.post(reverse("thuiszitters:nieuw_swv"), _swv_data(gemeente=gem.pk, swv=world.swv_a.pk))
    assert r.status_code == 302 and Thuiszitter.objects.get().leerling == bekend  # no duplicate pupil
    r = client.post(reverse("thuiszitters:nieuw_swv"), _swv_data(
        gemeente=gem.pk, swv=world.swv_a.pk, voornamen=world.kind_a.voornamen, achternaam=world.kind_a.achternaam,
        geboortedatum=world.kind_a.geboortedatum.isoformat()))
    assert r.status_code == 200 and "ingeschreven" in str(r.context["form"].errors.get("achternaam"))
    assert Thuiszitter.objects.count() == 1


@pytest.mark.parametrize("wijzig,veld", [
    ({"achternaam": ""}, "achternaam"),
    ({"geboortedatum": "2099-01-01"}, "geboortedatum"),
    ({"geboortedatum": "2000-01-01"}, "geboortedatum"),
    ({"sinds": "2099-01-01"}, "sinds"),
    ({"reden": "onzin"}, "reden"),
    ({"woongemeente": ""}, "woongemeente"),
    ({"swv": "OTHER"}, "swv"),
])
def test_swv_registratie_foute_invoer(world, client, wijzig, veld):
    from portal.leerlingen.models import Leerling

    gem = _gemeente("Midden")
    aantal = Leerling.objects.count()
    login_staff(client, world.swv_mw_a)
    data = {**_swv_data(gemeente=gem.pk, swv=world.swv_a.pk), **wijzig}
    if data["swv"] == "OTHER":
        data["swv"] = world.swv_b.pk
    r = client.post(reverse("thuiszitters:nieuw_swv"), data)
    assert r.status_code == 200 and r.context["form"].errors.get(veld), r.context["form"].errors
    assert r.context["form"]["voornamen"].value() == "Noor"
    assert not Thuiszitter.objects.exists() and Leerling.objects.count() == aantal  # nothing half-saved


def test_swv_registratie_alleen_voor_swv(world, client):
    login_staff(client, world.ib_a)
    assert client.get(reverse("thuiszitters:nieuw_swv")).status_code == 404
    with pytest.raises(ZaakFout):
        s.swv_registreer_kind(door=world.ib_a, swv=world.swv_a, voornamen="A", achternaam="B",
                              geboortedatum=d(2015, 1, 1), woongemeente=None, sinds=VANDAAG(), reden="geen_plek")


# --- links to the cases meant to end it -----------------------------------------------------------------------

def _arrangement(w, kind=None, school=None):
    from ondersteuning import services as o

    return o.arrangement_open(leerling=kind or w.kind_a, school=school or w.school_a, door=w.ib_a if not school
                              else w.ib_b, aanbod_soort="eigen_school", doel="Terug naar school",
                              startdatum=VANDAAG())


def test_koppeling_aan_arrangement(lp, client):
    a = _arrangement(lp)
    login_staff(client, lp.ib_a)
    html = client.get(_detail(lp.t_a)).content.decode()
    assert a.nummer in html  # offered as a choice
    r = client.post(reverse("thuiszitters:koppelen", args=[lp.t_a.pk]), {"koppel-zaken": [a.pk]})
    assert r.status_code == 302
    assert set(lp.t_a.koppelingen.values_list("pk", flat=True)) == {a.pk}
    html = client.get(_detail(lp.t_a)).content.decode()
    assert f'href="{a.get_absolute_url()}"' in html
    client.logout()
    client.force_login(lp.ouder_a)  # the parents see it, in their words, with their link
    html = client.get(_detail(lp.t_a)).content.decode()
    assert f'href="{a.get_absolute_url("ouder")}"' in html


def test_koppeling_van_andere_leerling_kan_niet(lp, client):
    vreemd = _arrangement(lp, kind=lp.kind_b, school=lp.school_b)
    login_staff(client, lp.ib_a)
    r = client.post(reverse("thuiszitters:koppelen", args=[lp.t_a.pk]), {"koppel-zaken": [vreemd.pk]})
    assert r.status_code == 200 and r.context["forms"]["koppelen"].errors.get("zaken")
    assert not lp.t_a.koppelingen.exists()
    with pytest.raises(ZaakFout):
        s.koppelingen_bewaar(thuiszitter=lp.t_a, door=lp.ib_a, zaken_ids=[vreemd.pk])
    with pytest.raises(ZaakFout):  # the thuiszitter itself, or a case of a kind that cannot end it (an OPP)
        s.koppelingen_bewaar(thuiszitter=lp.t_a, door=lp.ib_a, zaken_ids=[lp.zaak_a.pk])
    with pytest.raises(ZaakFout):  # only the school or SWV links
        s.koppelingen_bewaar(thuiszitter=lp.t_a, door=lp.ouder_a, zaken_ids=[])


# --- F-4 in school weeks (Lpw 21, 21a) ------------------------------------------------------------------------

MA = d(2026, 3, 2)  # a Monday


def w(n):
    return MA + timedelta(weeks=n)


# (name, hours per week number, school weeks (week numbers; None: every week), reached?)
F4_SCHOOLWEKEN = [
    ("F-4: 16 uur in 4 schoolweken", {0: 4, 1: 4, 2: 4, 3: 4}, None, True),
    ("F-4: 16 uur over 5 kalenderweken, niet binnen 4", {0: 4, 1: 4, 2: 4, 4: 4}, None, False),
    ("F-4: vakantieweek ertussen telt niet mee: 4 schoolweken", {0: 4, 1: 4, 3: 4, 4: 4}, [0, 1, 3, 4, 5], True),
    ("F-4: twee vakantieweken ertussen", {0: 8, 4: 8}, [0, 3, 4, 5], True),
    ("F-4: 5 schoolweken blijven te veel, ook met vakantie", {0: 8, 5: 8}, [0, 1, 3, 4, 5], False),
    ("F-4: uren in een vakantieweek tellen niet", {0: 8, 2: 8}, [0, 1, 3, 4], False),
    ("F-4: 15,5 uur is te weinig", {0: Decimal("15.5")}, None, False),
]


@pytest.mark.parametrize("naam,uren,scholweken,bereikt", F4_SCHOOLWEKEN, ids=[r[0] for r in F4_SCHOOLWEKEN])
def test_f4_telt_schoolweken(naam, uren, scholweken, bereikt):
    weken = {w(n): Decimal(u) for n, u in uren.items()}
    assert s.f4_bereikt(weken, None if scholweken is None else [w(n) for n in scholweken]) is bereikt, naam


def test_schoolweken_uit_de_schoolkalender(world):
    VrijePeriode.objects.create(school=world.school_a, van=w(2), tot=w(2) + timedelta(days=6),
                                omschrijving="Voorjaarsvakantie")
    VrijePeriode.objects.create(school=world.school_a, van=w(3) + timedelta(days=3), tot=w(3) + timedelta(days=3),
                                omschrijving="Studiedag")  # one free day: still a school week
    assert s.schoolweken(world.school_a, w(0), w(4)) == [w(0), w(1), w(3), w(4)]
    assert s.schoolweken(None, w(0), w(2)) == [w(0), w(1), w(2)]  # no school: every week


def test_f4_met_vakantie_in_het_venster_herinnert_een_keer(world):
    """F-4 through the service, the school's holiday in the window: weeks 0, 1, 3, 4 are 4 consecutive school weeks."""
    import time_machine

    VrijePeriode.objects.create(school=world.school_a, van=w(2), tot=w(2) + timedelta(days=6),
                                omschrijving="Voorjaarsvakantie")
    with time_machine.travel(w(8), tick=False):
        t = s.thuiszitter_registreer(leerling=world.kind_a, school=world.school_a, door=world.ib_a, sinds=w(0),
                                     soort="relatief", reden="geen_plek")
        with pytest.raises(ZaakFout) as fout:
            s.verzuim_leg_vast(thuiszitter=t, door=world.ib_a, week=w(2) + timedelta(days=1), uren=Decimal(4))
        assert fout.value.veld == "week"  # a holiday week has no absence
        for n, verwacht in ((0, 0), (1, 0), (3, 0), (4, 2)):
            s.verzuim_leg_vast(thuiszitter=t, door=world.ib_a, week=w(n), uren=Decimal(4))
            assert Notification.objects.filter(sleutel=f"thuiszitter:{t.pk}:F-4").count() == verwacht, n
        s.verzuim_leg_vast(thuiszitter=t, door=world.ib_a, week=w(5), uren=Decimal(12))
        assert Notification.objects.filter(sleutel=f"thuiszitter:{t.pk}:F-4").count() == 2  # once
    t.refresh_from_db()
    assert t.f4_herinnerd_op is not None


# --- the start pages' tasks -----------------------------------------------------------------------------------

def test_taken_per_rol(lp):
    titels = lambda u: [t.titel for t in taken(u)]  # noqa: E731
    assert any("zonder volgende afspraak" in x and lp.kind_a.naam in x for x in titels(lp.ib_a))
    s.plan_bewaar(thuiszitter=lp.t_a, door=lp.ib_a, wat="Gesprek", wie="IB", volgende_datum=VANDAAG() + timedelta(7))
    assert not any(lp.kind_a.naam in x for x in titels(lp.ib_a))
    s.verzuim_leg_vast(thuiszitter=lp.t_a, door=lp.ib_a, week=VANDAAG(), uren=Decimal(16))  # F-4
    assert any("Verzuim melden aan leerplicht" in x for x in titels(lp.ib_a))
    s.leerplicht_gemeld(thuiszitter=lp.t_a, door=lp.ib_a, op=VANDAAG())
    assert not any(lp.kind_a.naam in x for x in titels(lp.ib_a))
    assert not any(lp.kind_a.naam in x for x in titels(lp.ib_b))
    # leerplicht: a thuiszitter of their municipality not followed up yet
    assert any(lp.kind_a.naam in x for x in titels(lp.lp_a)) and not any(lp.kind_b.naam in x for x in titels(lp.lp_a))
    s.opvolging_leg_vast(thuiszitter=lp.t_a, door=lp.lp_a, soort="zorgteam", op=VANDAAG())
    assert not any(lp.kind_a.naam in x for x in titels(lp.lp_a))
    # the SWV: the cases on its desk
    from portal.zaken.services import zaak_transition

    assert not any(lp.kind_a.naam in x for x in titels(lp.swv_mw_a))
    zaak_transition(zaak=lp.t_a, naar="bij_swv", door=None, systeem=True)
    assert any("bureau" in x and lp.kind_a.naam in x for x in titels(lp.swv_mw_a))
    assert taken(lp.ouder_a) == []


def test_taken_op_de_startpagina_van_leerplicht(lp, client):
    login_staff(client, lp.lp_a)
    html = client.get(reverse("core:home")).content.decode()
    assert "nog niet opgevolgd" in html and lp.kind_a.naam in html and lp.kind_b.naam not in html


# --- wording: "u" to the parents, "je" to the pupil --------------------------------------------------------------

def test_stap_zegt_je_tegen_de_leerling(lp, client):
    assert "samen met u" in stap(lp.t_a).nu  # the parents of a minor
    kind = lp.kind_a
    kind.geboortedatum = VANDAAG().replace(year=VANDAAG().year - 14)
    kind.account = UserFactory()
    kind.save(update_fields=["geboortedatum", "account"])
    from portal.accounts.models import Membership

    Membership.objects.create(user=kind.account, rol=Rol.LEERLING)
    client.force_login(kind.account)
    html = client.get(_detail(lp.t_a)).content.decode()
    assert "Je gaat nu niet" in html and "Uw kind" not in html and "samen met u" not in html
    assert "Je mening geven" in html and "Wat vind jij?" in html
    kind.geboortedatum = VANDAAG().replace(year=VANDAAG().year - 19)  # adult, acts for themselves
    kind.save(update_fields=["geboortedatum"])
    lp.t_a.leerling.refresh_from_db()
    assert stap(lp.t_a).nu == "De school zoekt samen met je naar onderwijs dat past."
    s.plan_bewaar(thuiszitter=lp.t_a, door=lp.ib_a, wat="Gesprek", wie="IB", volgende_datum=d(2027, 1, 12))
    lp.t_a.refresh_from_db()
    assert stap(lp.t_a).nu == "De school zoekt samen met je naar onderwijs dat past. Volgende afspraak: 12 januari 2027."
    start = client.get(reverse("core:home")).content.decode()
    assert "De school zoekt samen met je naar onderwijs dat past." in start and "Uw kind" not in start
    s.thuiszitter_beeindig(thuiszitter=lp.t_a, door=lp.ib_a, op=VANDAAG(), waar="School", uren=Decimal(20),
                           volledig=True)
    lp.t_a.refresh_from_db()
    assert stap(lp.t_a).nu == "Je gaat weer naar school."


def test_f2_zegt_je_tegen_de_leerling(world):
    """F-2 (4 weeks): the parents read "u", the pupil of 12 or older "je" — each once."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from portal.termijnen.sweep import sweep_due_clocks

    kind = world.kind_a
    kind.geboortedatum = d(2012, 1, 1)
    kind.account = UserFactory()
    kind.save(update_fields=["geboortedatum", "account"])
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        t = s.thuiszitter_registreer(leerling=kind, school=world.school_a, door=world.ib_a, sinds=d(2026, 3, 2),
                                     soort="relatief", reden="geen_plek")
    for _keer in range(2):
        with time_machine.travel(datetime(2026, 4, 1, 9, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
            sweep_due_clocks(vandaag=d(2026, 4, 1))
    ouder = Notification.objects.get(sleutel=f"thuiszitter:{t.pk}:F-2:gezin", ontvanger=world.ouder_a)
    leerling = Notification.objects.get(sleutel=f"thuiszitter:{t.pk}:F-2:leerling", ontvanger=kind.account)
    assert "met u" in ouder.tekst and "met je" in leerling.tekst and "F-2" not in leerling.tekst
    assert not Notification.objects.filter(sleutel=f"thuiszitter:{t.pk}:F-2:gezin", ontvanger=kind.account).exists()
