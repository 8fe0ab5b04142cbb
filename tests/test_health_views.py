"""/health, the worker warning, the calculator page, Mijn termijnen, the widget, the inbox, demo homes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.accounts.models import User
from portal.meldingen.models import Notification
from portal.termijnen.models import SweepRun
from portal.termijnen.services import clock_start, clock_suspend
from portal.termijnen.tasks import check_sweep_health

from .conftest import login_staff


def test_health_reports_database_broker_and_last_sweep(db, client):
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["database"]["ok"] and body["broker"]["ok"] and body["cache"]["ok"]
    assert body["termijnbewaker"] == {"ok": False, "laatst_geslaagd_op": None, "achterstallig": True}
    SweepRun.objects.create(naam="termijnen", laatst_geslaagd_op=timezone.now())
    assert client.get("/health").json()["termijnbewaker"]["achterstallig"] is False


def test_health_says_which_part_is_down_cache_down_is_degraded_not_503(db, client, settings):
    """Issue #19 §3: Redis down is reported by name; the portal still works (sessions from the database), so 200."""
    settings.CACHES = {"default": {"BACKEND": "portal.basis.cache.StoringsbestendigeRedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0", "OPTIONS": {"socket_connect_timeout": 0.5}}}
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "beperkt"
    assert body["cache"] == {"ok": False, "soort": "ConnectionError", "vereist": False}
    assert body["database"]["ok"] is True


def test_health_is_503_when_the_database_is_down(db, client, monkeypatch):
    from portal.core import views

    monkeypatch.setattr(views, "check_database", lambda: (False, "OperationalError"))
    r = client.get("/health")
    assert r.status_code == 503
    assert r.json()["status"] == "fout" and r.json()["database"] == {"ok": False, "soort": "OperationalError",
                                                                    "vereist": True}
    r = client.get("/health", HTTP_ACCEPT="text/html")
    assert r.status_code == 503 and "de database is niet bereikbaar" in r.content.decode()


def test_health_is_readable_in_a_browser(db, client):
    r = client.get("/health", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    body = r.content.decode()
    assert r["Content-Type"].startswith("text/html")
    assert "Status van Passend Portaal" in body and "Cache (Redis)" in body and "Termijnbewaker" in body


def test_health_reports_work_the_worker_does_not_drain(world, client):
    from portal.meldingen.models import OutboxEmail

    mail_ = OutboxEmail.objects.create(aan="x@example.nl", onderwerp="o", tekst="t")
    body = client.get("/health").json()
    assert body["wachtrij"]["ok"] is True and body["wachtrij"]["emails_wachtend"] == 1
    OutboxEmail.objects.filter(pk=mail_.pk).update(aangemaakt_op=timezone.now() - timedelta(minutes=11))
    body = client.get("/health").json()
    assert body["wachtrij"]["ok"] is False and body["status"] == "beperkt"


def test_beheerder_gets_banner_and_one_mail_when_sweep_is_stale(world, client):
    SweepRun.objects.create(naam="termijnen", laatst_geslaagd_op=timezone.now() - timedelta(minutes=16))
    login_staff(client, world.beheerder)
    assert "De termijnbewaker draait niet" in client.get(reverse("core:home")).content.decode()
    assert check_sweep_health() is False
    assert check_sweep_health() is False
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.beheerder.email]
    client.logout()
    login_staff(client, world.ib_a)  # only the beheerder sees the banner
    assert "De termijnbewaker draait niet" not in client.get(reverse("core:home")).content.decode()


def test_no_banner_when_sweep_is_recent(world, client):
    SweepRun.objects.create(naam="termijnen", laatst_geslaagd_op=timezone.now() - timedelta(minutes=14))
    login_staff(client, world.beheerder)
    assert "De termijnbewaker draait niet" not in client.get(reverse("core:home")).content.decode()
    assert check_sweep_health() is True


def test_rekenhulp_page_uses_the_engine(world, client):
    login_staff(client, world.ib_a)
    r = client.get(reverse("termijnen:rekenhulp"), {"soort": "aanmelding", "datum": "2026-03-02",
                                                    "opschorting_van": "2026-03-11", "opschorting_tot": "2026-03-20"})
    body = r.content.decode()
    assert "22 april 2026" in body and "21 mei 2026" in body  # A-6 + A-8, A-9
    assert "<details>" in body


@pytest.mark.parametrize(
    "params, melding",
    [
        ({"soort": "aanmelding", "datum": "2026-02-30"}, "geldige datum"),
        ({"soort": "aanmelding", "datum": "2026-03-02", "opschorting_van": "2026-03-11"}, "beide datums"),
        ({"soort": "aanmelding", "datum": "2026-03-02", "opschorting_van": "2026-03-11", "opschorting_tot": "2026-03-01"}, "eindigt"),
        ({"soort": "aanmelding", "datum": "2026-03-02", "verlenging": "7"}, "hoogstens 4"),
        ({"soort": "tlv-einddatum", "datum": "2026-03-02"}, "aantal schooljaren"),
        ({"soort": "onzin", "datum": "2026-03-02"}, "Selecteer een geldige keuze"),
    ],
)
def test_rekenhulp_bad_input(world, client, params, melding):
    login_staff(client, world.ib_a)
    r = client.get(reverse("termijnen:rekenhulp"), params)
    assert r.status_code == 200 and melding in r.content.decode()


def test_parent_has_no_staff_calculator_or_clock_list(world, client):
    client.force_login(world.ouder_a)
    assert client.get(reverse("termijnen:rekenhulp")).status_code == 404
    assert client.get(reverse("termijnen:mijn")).status_code == 404


def test_mijn_termijnen_soonest_first_overdue_marked_no_other_school(world, client):
    vandaag = timezone.localdate()
    later = clock_start(regel_id="B-2", zaak=world.zaak_a, start=vandaag, omschrijving="OPP later")
    verlopen = clock_start(regel_id="B-2", zaak=world.zaak_a, start=vandaag - timedelta(weeks=8), omschrijving="OPP verlopen")
    stil = clock_start(regel_id="A-6", zaak=world.zaak_a, start=vandaag, omschrijving="Aanmelding stil")
    clock_suspend(clock=stil, van=vandaag, reden="info", actor=world.ib_a)
    clock_start(regel_id="B-2", zaak=world.zaak_b, start=vandaag, omschrijving="OPP school B")
    login_staff(client, world.ib_a)
    body = client.get(reverse("termijnen:mijn")).content.decode()
    assert body.index("OPP verlopen") < body.index("OPP later") < body.index("Aanmelding stil")
    assert "termijn-verlopen" in body and "opgeschort" in body
    assert "OPP school B" not in body
    assert later and verlopen


def test_widget_shows_rule_due_date_days_and_source(world):
    from django.template import Context, Template

    vandaag = timezone.localdate()
    clock = clock_start(regel_id="A-6", zaak=world.zaak_a, start=vandaag, omschrijving="Aanmelding #9")
    html = Template("{% load termijnen %}{% termijn_widget clock %}").render(Context({"clock": clock}))
    assert "Beslistermijn aanmelding" in html and "(A-6)" in html
    assert f"nog {(clock.uiterlijk - vandaag).days} dagen" in html
    assert "<details" in html and "WPO 40 lid 6" in html


def test_inbox_open_marks_read_and_is_own_only(world, client):
    n = Notification.objects.create(ontvanger=world.ouder_a, sleutel="x", titel="Nieuw", tekst="tekst", url="/start/")
    client.force_login(world.ouder_a)
    assert "Nieuw" in client.get(reverse("meldingen:inbox")).content.decode()
    r = client.post(reverse("meldingen:openen", args=[n.pk]))
    assert r.status_code == 302 and r.url == "/start/"
    n.refresh_from_db()
    assert n.gelezen_op is not None
    n2 = Notification.objects.create(ontvanger=world.ouder_a, sleutel="y", titel="Extern", tekst="t", url="https://evil.example/")
    assert client.post(reverse("meldingen:openen", args=[n2.pk])).url == reverse("meldingen:inbox")


DEMO_HOMES = [
    ("ouder@demo.nl", "Mijn kinderen"),
    ("leerling@demo.nl", "ontwikkelingsperspectief"),
    ("ib@demo.nl", "Eerstvolgende termijnen"),
    ("directeur@demo.nl", "Eerstvolgende termijnen"),
    ("leerkracht@demo.nl", "aanpassingenblad"),
    ("swv@demo.nl", "Termijnen per aangesloten school"),
    ("deskundige@demo.nl", "TLV-aanvragen"),
    ("onderwijsconsulent@demo.nl", "uitdrukkelijk met u hebben gedeeld"),
    ("clientondersteuner@demo.nl", "uitdrukkelijk met u hebben gedeeld"),
    ("leerplicht@demo.nl", "thuiszitters"),
    ("beheerder@demo.nl", "Audittrail"),
]


@pytest.mark.django_db
def test_demo_is_idempotent_and_every_role_has_a_fitting_home(client, settings):
    call_command("demo", quiet=True)
    aantal = User.objects.count()
    call_command("demo", quiet=True)
    assert User.objects.count() == aantal
    settings.DEMO = True
    for email, tekst in DEMO_HOMES:
        client.force_login(User.objects.get(email=email))
        r = client.get(reverse("core:home"))
        assert r.status_code == 200 and tekst in r.content.decode(), email
        client.logout()


@pytest.mark.django_db
def test_demo_refused_in_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo", quiet=True)
