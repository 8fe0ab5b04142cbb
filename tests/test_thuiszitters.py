"""Thuiszitters (issue #20 §1; DOMAIN §4 F-1…F-4, §5 S8): registering, the clocks F-2 and F-3 (exactly once each, on
a frozen clock through the deadline sweep), the F-4 reminder (once), the pages and their access, bad input."""

from datetime import date as d
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from portal.meldingen.models import Notification
from portal.termijnen.sweep import sweep_due_clocks
from portal.zaken.services import ZaakFout
from tests.conftest import login_staff
from thuiszitters import services as s
from thuiszitters.constants import Status
from thuiszitters.models import Mening, Thuiszitter, Verzuimweek

START = d(2026, 3, 2)  # a Monday


def op(dag):
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, 9, tzinfo=ZoneInfo("Europe/Amsterdam")),
                               tick=False)


def registreer(world, sinds=START, **kw):
    with op(max(sinds, START)):
        return s.thuiszitter_registreer(leerling=world.kind_a, school=world.school_a, door=world.ib_a, sinds=sinds,
                                        soort=kw.pop("soort", "relatief"), reden="geen_plek", **kw)


def meldingen(sleutel, user=None):
    qs = Notification.objects.filter(sleutel=sleutel)
    return qs.filter(ontvanger=user).count() if user else qs.count()


def test_registreren_zet_swv_en_start_f2_en_f3(world):
    t = registreer(world)
    assert t.swv_id == world.swv_a.pk and t.status == Status.OPEN
    klokken = t.klokken
    assert klokken["F-2"].uiterlijk == d(2026, 3, 30)  # F-2: 4 weeks
    assert klokken["F-3"].uiterlijk == d(2026, 6, 2)  # F-3: 3 months


# (day of the sweep, F-2 to the parent, F-2 to the school's IB'er, F-3 alarm to the SWV, status after)
KLOK_TABEL = [
    (d(2026, 3, 30), 0, 0, 0, Status.OPEN),  # F-2: exactly 4 weeks: not yet
    (d(2026, 3, 31), 1, 1, 0, Status.OPEN),  # F-2: the day after: the onderwijsconsulent, once
    (d(2026, 3, 31), 1, 1, 0, Status.OPEN),  # a second sweep the same day: nothing again
    (d(2026, 4, 20), 1, 1, 0, Status.OPEN),  # later: nothing again
    (d(2026, 6, 2), 1, 1, 0, Status.OPEN),  # F-3: exactly 3 months: not yet
    (d(2026, 6, 3), 1, 1, 1, Status.BIJ_SWV),  # F-3: alarm to the SWV, once; the case is on its desk
    (d(2026, 6, 4), 1, 1, 1, Status.BIJ_SWV),
    (d(2026, 9, 1), 1, 1, 1, Status.BIJ_SWV),
]


def test_f2_en_f3_gaan_precies_een_keer_af(world):
    """F-2 and F-3 through the real sweep on a frozen clock: each fires exactly once."""
    t = registreer(world)
    for dag, gezin, school, swv, status in KLOK_TABEL:
        with op(dag):
            sweep_due_clocks(vandaag=dag)
        assert meldingen(f"thuiszitter:{t.pk}:F-2:gezin", world.ouder_a) == gezin, dag
        assert meldingen(f"thuiszitter:{t.pk}:F-2:staf", world.ib_a) == school, dag
        assert meldingen(f"thuiszitter:{t.pk}:F-3", world.swv_mw_a) == swv, dag
        assert meldingen(f"thuiszitter:{t.pk}:F-3") == swv, dag  # only the SWV's staff
        t.refresh_from_db()
        assert t.status == status, dag
    # the parent's words: no rule ids
    tekst = Notification.objects.get(sleutel=f"thuiszitter:{t.pk}:F-2:gezin").tekst
    assert "onderwijsconsulent" in tekst and "F-2" not in tekst


def test_beeindigd_voor_f2_stuurt_niets(world):
    t = registreer(world)
    with op(d(2026, 3, 20)):
        s.thuiszitter_beeindig(thuiszitter=t, door=world.ib_a, op=d(2026, 3, 20), waar="Eigen school",
                               uren=Decimal(24), volledig=True)
        t.refresh_from_db()
        assert t.status == Status.BEEINDIGD and t.einddatum == d(2026, 3, 20)
        assert not t.clocks.filter(gesloten_op__isnull=True).exists()
    for dag in (d(2026, 3, 31), d(2026, 6, 3)):
        with op(dag):
            sweep_due_clocks(vandaag=dag)
    assert not Notification.objects.filter(sleutel__startswith=f"thuiszitter:{t.pk}:").exists()


# F-4: weeks of unexcused absence (hours per Monday-week from START) → reminded after that week?
F4_TABEL = [
    ("16 uur in 4 weken", [(0, 4), (1, 4), (2, 4), (3, 4)], [False, False, False, True]),
    ("16 uur in één week", [(0, 16)], [True]),
    ("16 uur verspreid over 5 weken: niet binnen 4", [(0, 8), (4, 8)], [False, False]),
    ("daarna niet opnieuw", [(0, 10), (1, 6), (2, 20), (3, 20)], [False, True, True, True]),
]


@pytest.mark.parametrize("naam,weken,herinnerd", F4_TABEL, ids=[r[0] for r in F4_TABEL])
def test_f4_herinnert_een_keer(world, naam, weken, herinnerd):
    """F-4 (Lpw 21, 21a): 16 hours within 4 consecutive school weeks: the school is reminded once."""
    t = registreer(world)
    for (week, uren), verwacht in zip(weken, herinnerd, strict=True):
        with op(START + timedelta(weeks=6)):
            s.verzuim_leg_vast(thuiszitter=t, door=world.ib_a, week=START + timedelta(weeks=week, days=2),
                               uren=Decimal(uren))
        aantal = meldingen(f"thuiszitter:{t.pk}:F-4", world.ib_a)
        assert aantal == (1 if verwacht else 0), (naam, week)
    assert meldingen(f"thuiszitter:{t.pk}:F-4") == (2 if any(herinnerd) else 0)  # the IB'er and the directeur


def test_f4_niet_na_melding_aan_leerplicht(world):
    t = registreer(world)
    with op(START + timedelta(weeks=2)):
        s.leerplicht_gemeld(thuiszitter=t, door=world.ib_a, op=START + timedelta(days=3))
        s.verzuim_leg_vast(thuiszitter=t, door=world.ib_a, week=START, uren=Decimal(20))
    assert meldingen(f"thuiszitter:{t.pk}:F-4") == 0
    t.refresh_from_db()
    assert t.leerplicht_gemeld_op == START + timedelta(days=3)


def test_gedeeltelijke_terugkeer_houdt_de_zaak_open(world):
    t = registreer(world)
    with op(d(2026, 4, 1)):
        s.thuiszitter_beeindig(thuiszitter=t, door=world.ib_a, op=d(2026, 4, 1), waar="Eigen school",
                               uren=Decimal(10), volledig=False)
    t.refresh_from_db()
    assert t.is_open and t.soort == "deel_zonder" and t.uren_per_week == Decimal(10) and t.einddatum is None


def test_alleen_eigen_school_registreert(world):
    with op(START), pytest.raises(ZaakFout):
        s.thuiszitter_registreer(leerling=world.kind_a, school=world.school_a, door=world.ib_b, sinds=START,
                                 soort="relatief", reden="geen_plek")
    assert not Thuiszitter.objects.exists()


def test_swv_registreert_kind_zonder_school(world):
    from tests.factories import LeerlingFactory

    kind = LeerlingFactory()
    with op(START):
        t = s.thuiszitter_registreer(leerling=kind, swv=world.swv_a, door=world.swv_mw_a, sinds=START,
                                     soort="absoluut", reden="geen_plek")
    assert t.school_id is None and t.swv_id == world.swv_a.pk
    with op(START), pytest.raises(ZaakFout):
        s.thuiszitter_registreer(leerling=LeerlingFactory(), swv=world.swv_b, door=world.swv_mw_a, sinds=START,
                                 soort="absoluut", reden="geen_plek")


# --- pages -----------------------------------------------------------------------------------------------------

def test_school_registreert_via_het_formulier(world, client):
    login_staff(client, world.ib_a)
    vandaag = d.today()
    r = client.post(reverse("thuiszitters:nieuw"), {
        "leerling": world.kind_a.pk, "sinds": (vandaag - timedelta(days=3)).isoformat(), "soort": "relatief",
        "reden": "geen_plek", "toelichting": ""})
    t = Thuiszitter.objects.get()
    assert r.status_code == 302 and r.url == reverse("thuiszitters:detail", args=[t.pk])
    assert t.school_id == world.school_a.pk


@pytest.mark.parametrize("data,veld", [
    ({"soort": "relatief", "reden": "geen_plek"}, "sinds"),
    ({"sinds": "2099-01-01", "soort": "relatief", "reden": "geen_plek"}, "sinds"),
    ({"sinds": "gisteren", "soort": "relatief", "reden": "geen_plek"}, "sinds"),
    ({"sinds": "TODAY", "soort": "deel_met", "reden": "geen_plek"}, "uren_per_week"),
    ({"sinds": "TODAY", "soort": "deel_met", "uren_per_week": "99", "reden": "geen_plek"}, "uren_per_week"),
    ({"sinds": "TODAY", "soort": "onzin", "reden": "geen_plek"}, "soort"),
])
def test_registreren_foute_invoer(world, client, data, veld):
    login_staff(client, world.ib_a)
    data = {k: (d.today().isoformat() if v == "TODAY" else v) for k, v in data.items()}
    r = client.post(reverse("thuiszitters:nieuw"), {"leerling": world.kind_a.pk, **data})
    assert r.status_code == 200 and not Thuiszitter.objects.exists()
    assert r.context["form"].errors.get(veld), r.context["form"].errors
    assert r.context["form"]["reden"].value() == "geen_plek"  # the input kept


def test_registreren_leerling_van_andere_school_kan_niet(world, client):
    login_staff(client, world.ib_a)
    r = client.post(reverse("thuiszitters:nieuw"), {
        "leerling": world.kind_b.pk, "sinds": d.today().isoformat(), "soort": "relatief", "reden": "geen_plek"})
    assert r.status_code == 200 and r.context["form"].errors.get("leerling") and not Thuiszitter.objects.exists()


def vandaag_registreren(world):
    return s.thuiszitter_registreer(leerling=world.kind_a, school=world.school_a, door=world.ib_a,
                                    sinds=d.today() - timedelta(days=10), soort="relatief", reden="geen_plek")


def test_toegang(world, client):
    t = vandaag_registreren(world)
    url = reverse("thuiszitters:detail", args=[t.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(world.ouder_b)  # another family
    assert client.get(url).status_code == 404
    client.logout()
    login_staff(client, world.ib_b)  # another school
    assert client.get(url).status_code == 404
    assert t.leerling.naam not in client.get(reverse("thuiszitters:lijst")).content.decode()
    client.logout()
    login_staff(client, world.ib_a)  # the school
    assert client.get(url).status_code == 200
    assert t.leerling.naam in client.get(reverse("thuiszitters:lijst")).content.decode()
    client.logout()
    login_staff(client, world.swv_mw_a)  # its SWV: in the list; on the desk only after F-3
    assert client.get(url).status_code == 200
    assert t.leerling.naam in client.get(reverse("thuiszitters:lijst")).content.decode()
    assert t.leerling.naam not in client.get(reverse("thuiszitters:lijst") + "?bureau=1").content.decode()
    from portal.zaken.services import zaak_transition

    zaak_transition(zaak=t, naar=Status.BIJ_SWV, door=None, systeem=True)
    assert t.leerling.naam in client.get(reverse("thuiszitters:lijst") + "?bureau=1").content.decode()


def test_ouder_ziet_plan_en_datum_in_gewone_woorden(world, client):
    t = vandaag_registreren(world)
    volgende = d.today() + timedelta(days=9)
    s.plan_bewaar(thuiszitter=t, door=world.ib_a, wat="Elke ochtend een uur op school.", wie="De intern begeleider",
                  volgende_datum=volgende)
    client.force_login(world.ouder_a)
    html = client.get(reverse("thuiszitters:detail", args=[t.pk])).content.decode()
    assert "Elke ochtend een uur op school." in html and "De intern begeleider" in html
    assert str(volgende.year) in html and "onderwijsconsulent" in html
    for intern in ("F-2", "F-3", "F-4", "bij_swv", "relatief", "Langdurig relatief verzuim", "geen_plek"):
        assert intern not in html, intern
    start = client.get(reverse("core:home")).content.decode()  # a line on the parent's start page
    assert "De school zoekt samen met u naar onderwijs dat past." in start


def test_ouder_geeft_mening(world, client):
    t = vandaag_registreren(world)
    client.force_login(world.ouder_a)
    r = client.post(reverse("thuiszitters:mening", args=[t.pk]), {"mening-tekst": "Hij wil graag naar school."})
    assert r.status_code == 302
    m = Mening.objects.get()
    assert m.wie == "ouders" and m.door == world.ouder_a
    r = client.post(reverse("thuiszitters:plan", args=[t.pk]), {"plan-wat": "x", "plan-wie": "y"})
    assert r.status_code == 404  # the plan is the school's


ACTIE_FOUTEN = [
    ("plan", {"plan-wat": "", "plan-wie": "IB"}, "wat"),
    ("plan", {"plan-wat": "Gesprek", "plan-wie": "IB", "plan-volgende_datum": "31-02-2026"}, "volgende_datum"),
    ("verzuim", {"verzuim-week": "TODAY", "verzuim-uren": "50"}, "uren"),
    ("verzuim", {"verzuim-week": "2099-01-05", "verzuim-uren": "4"}, "week"),
    ("verzuim", {"verzuim-week": "TODAY", "verzuim-uren": "veel"}, "uren"),
    ("leerplicht", {"leerplicht-op": "2099-01-01"}, "op"),
    ("leerplicht", {"leerplicht-op": ""}, "op"),
    ("mening", {"mening-wie": "ouders", "mening-tekst": ""}, "tekst"),
    ("mening", {"mening-wie": "buurman", "mening-tekst": "Goed"}, "wie"),
    ("beeindigen", {"eind-volledig": "ja", "eind-op": "TODAY", "eind-waar": "", "eind-uren": "20"}, "waar"),
    ("beeindigen", {"eind-volledig": "ja", "eind-op": "TODAY", "eind-waar": "School", "eind-uren": "0"}, "uren"),
    ("beeindigen", {"eind-volledig": "ja", "eind-op": "2020-01-01", "eind-waar": "School", "eind-uren": "20"}, "op"),
]


@pytest.mark.parametrize("actie,data,veld", ACTIE_FOUTEN, ids=[f"{a}-{v}-{i}" for i, (a, _d, v) in enumerate(ACTIE_FOUTEN)])
def test_acties_foute_invoer(world, client, actie, data, veld):
    """A refused action: the case page again (200), the Dutch error at the field, the input kept, nothing saved."""
    t = vandaag_registreren(world)
    login_staff(client, world.ib_a)
    data = {k: (d.today().isoformat() if v == "TODAY" else v) for k, v in data.items()}
    r = client.post(reverse(f"thuiszitters:{actie}", args=[t.pk]), data)
    assert r.status_code == 200
    form = r.context["forms"][actie]
    assert form.errors.get(veld), form.errors
    for k, v in data.items():
        if v and k.split("-", 1)[1] != veld:
            assert str(form[k.split("-", 1)[1]].value()) == v
    t.refresh_from_db()
    assert t.is_open and not t.plan_wat and t.leerplicht_gemeld_op is None
    assert not Verzuimweek.objects.exists() and not Mening.objects.exists()


def test_acties_goed(world, client):
    t = vandaag_registreren(world)
    login_staff(client, world.ib_a)
    url = lambda a: reverse(f"thuiszitters:{a}", args=[t.pk])  # noqa: E731
    vandaag = d.today().isoformat()
    assert client.post(url("plan"), {"plan-wat": "Gesprek", "plan-wie": "IB"}).status_code == 302
    assert client.post(url("verzuim"), {"verzuim-week": vandaag, "verzuim-uren": "6"}).status_code == 302
    assert client.post(url("leerplicht"), {"leerplicht-op": vandaag}).status_code == 302
    assert client.post(url("mening"), {"mening-wie": "leerling", "mening-tekst": "Ik wil terug."}).status_code == 302
    assert client.post(url("beeindigen"), {"eind-volledig": "ja", "eind-op": vandaag, "eind-waar": "School",
                                           "eind-uren": "24"}).status_code == 302
    t.refresh_from_db()
    assert t.status == Status.BEEINDIGD and t.plan_wat == "Gesprek" and t.leerplicht_gemeld_op == d.today()
    assert client.get(reverse("thuiszitters:detail", args=[t.pk])).status_code == 200


def test_demo_heeft_thuiszitters_in_elke_stand_en_is_idempotent(db, settings):
    from django.core.management import call_command

    settings.DEMO = True
    call_command("demo", quiet=True)
    standen = sorted(Thuiszitter.objects.values_list("status", flat=True))
    assert set(standen) == {Status.OPEN, Status.BIJ_SWV, Status.BEEINDIGD}, standen
    assert Thuiszitter.objects.filter(school__isnull=True, soort="absoluut").exists()  # registered by the SWV
    assert Thuiszitter.objects.filter(soort="deel_zonder", uren_per_week__isnull=False).exists()
    # leerplicht of Valleistad: a follow-up on a thuiszitter living there, a report of a child not enrolled (#20 §6)
    from portal.accounts.models import User
    from thuiszitters.models import LeerplichtOpvolging, LeerplichtSignaal

    lp = User.objects.get(email="leerplicht@demo.nl")
    o = LeerplichtOpvolging.objects.get()
    assert o.door == lp and o.thuiszitter.leerling.woongemeente_id in lp.gemeente_ids()
    assert LeerplichtSignaal.objects.filter(leerling__isnull=True, swv__isnull=False, door=lp).count() == 1
    aantal = Thuiszitter.objects.count()
    call_command("demo", quiet=True)
    assert Thuiszitter.objects.count() == aantal and LeerplichtOpvolging.objects.count() == 1
    assert LeerplichtSignaal.objects.count() == 1


def test_meerderjarige_leerling_ziet_eigen_zaak_en_geeft_mening(world, client):
    from tests.factories import UserFactory

    kind = world.kind_a
    kind.geboortedatum = d.today().replace(year=d.today().year - 19)
    kind.account = UserFactory()
    kind.save(update_fields=["geboortedatum", "account"])
    t = vandaag_registreren(world)
    client.force_login(kind.account)
    html = client.get(reverse("thuiszitters:detail", args=[t.pk])).content.decode()
    assert "F-2" not in html and "Je mening geven" in html and "Uw kind" not in html  # the pupil reads "je"
    r = client.post(reverse("thuiszitters:mening", args=[t.pk]), {"mening-tekst": "Ik wil een andere school."})
    assert r.status_code == 302 and Mening.objects.get().wie == "leerling"
