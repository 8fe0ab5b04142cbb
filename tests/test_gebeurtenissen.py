"""Event notifications (issue #21 §4): the outbox rows each emitting service writes (exactly one INSERT each), who
gets a message (only the organisations entitled to see the case), what is in it (CloudEvents, NL GOV profile, ids and
kinds only), signing, backoff and the beheerder's view of failures. A real receiver: tests/test_gebeurtenissen_live.py."""

import json
from datetime import date as d
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from standardwebhooks import Webhook

from aanmelding import services as s
from aanmelding.constants import BesluitSoort, Status
from opp.models import Ontwikkelingsperspectief
from portal.accounts.constants import Rol
from portal.api.services import koppeling_trek_in
from portal.audit.models import Actie, AuditEntry
from portal.gebeurtenissen import bericht as berichtvorm
from portal.gebeurtenissen.models import Abonnement, Aflevering, AfleverStatus, Bericht
from portal.gebeurtenissen.services import (
    AbonnementFout,
    abonnement_maak,
    aflevering_verstuur,
    afleveringen_verstuur,
    bericht_maak,
    berichten_verdeel,
    wachttijd,
)
from portal.gebeurtenissen.soorten import SOORTEN
from portal.gebeurtenissen.veiligheid import ontsleutel, url_fout
from portal.termijnen.services import clock_start
from portal.termijnen.sweep import sweep_due_clocks
from portal.zaken import services as zaken

from .api_hulp import koppeling
from .conftest import login_staff
from .factories import LeerlingFactory, member, ouder_van

AMS = ZoneInfo("Europe/Amsterdam")
ALLE = list(SOORTEN)
# a port nothing listens on (the discard port): a delivery there fails at once with "connection refused"
DICHT = "http://127.0.0.1:9/gebeurtenissen"


@pytest.fixture(autouse=True)
def _lokaal(settings):
    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = True  # the tests' receivers listen on 127.0.0.1
    settings.GEBEURTENISSEN_BACKOFF_SECONDEN = 60
    settings.GEBEURTENISSEN_MAX_POGINGEN = 3


def aanmelden(w, *, nu=datetime(2026, 3, 2, 10, tzinfo=AMS)):
    w.kind = LeerlingFactory(geboortedatum=d(2020, 1, 10))
    w.ouder = ouder_van(w.kind, brieven_digitaal=True)
    with time_machine.travel(nu, tick=False):
        return s.aanmelding_dien_in(ouder=w.ouder, school=w.school_a, gewenste_start=d(2026, 8, 24),
                                    ondersteuning="ja", wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1,
                                    andere_scholen=[], leerling=w.kind, nu=nu)


def abonnee(*, soorten=ALLE, url=DICHT, **organisatie):
    k, _ = koppeling(scopes=["gebeurtenissen:lezen", "gebeurtenissen:schrijven"], **organisatie)
    a, geheim = abonnement_maak(koppeling=k, url=url, soorten=list(soorten), door=None)
    return a, geheim


def soorten_van(zaak_id) -> list[str]:
    return list(Bericht.objects.filter(zaak_id=zaak_id).order_by("tijd", "pk").values_list("soort", flat=True))


# --- one outbox row per event, in the change's own transaction --------------------------------------------------------

def test_zaak_open_writes_exactly_one_outbox_row(world):
    zaak = zaken.zaak_open(zaak=Ontwikkelingsperspectief(leerling=world.kind_a, school=world.school_a,
                                                         reden="soort_onderwijs"), door=world.ib_a)
    b = Bericht.objects.get(zaak_id=zaak.pk)
    assert b.soort == "zaak.geopend" and b.zaaktype == "opp"
    assert b.gegevens == {"zaak": zaak.pk, "zaaktype": "opp", "status": zaak.status}
    assert (b.school_id, b.swv_id, b.verdeeld_op) == (world.school_a.pk, zaak.swv_id, None)


def test_emitting_costs_exactly_one_insert(world, django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(1) as vastgelegd:
        bericht_maak(soort="zaak.status-gewijzigd", zaak=world.zaak_a, status="x", vorige_status="y")
    assert vastgelegd.captured_queries[0]["sql"].startswith("INSERT")


def test_transition_and_signing_write_their_rows(world):
    a = aanmelden(world)
    assert soorten_van(a.pk) == ["zaak.geopend"]
    zaken.zaak_transition(zaak=a, naar=Status.IN_ONDERZOEK, door=world.ib_a)
    b = Bericht.objects.filter(zaak_id=a.pk).latest("tijd")
    assert b.soort == "zaak.status-gewijzigd"
    assert b.gegevens == {"zaak": a.pk, "zaaktype": "aanmelding", "status": Status.IN_ONDERZOEK,
                          "vorige_status": Status.ONTVANGEN}
    besluit = s.besluit_voorbereid(aanmelding=a, door=world.ib_a, soort=BesluitSoort.NIET_TOEGELATEN,
                                   motivering="Redenen", grond="plaatsgebrek")
    voor = Bericht.objects.filter(zaak_id=a.pk).count()
    zaken.besluit_onderteken(besluit=besluit, door=world.dir_a, vandaag=d(2026, 4, 10))
    nieuw = list(Bericht.objects.filter(zaak_id=a.pk).order_by("tijd", "pk")[voor:])
    getekend = [b for b in nieuw if b.soort == "besluit.ondertekend"]
    assert len(getekend) == 1
    assert getekend[0].gegevens == {"zaak": a.pk, "zaaktype": "aanmelding", "besluit": besluit.pk,
                                    "besluittype": besluit.besluittype, "bekendgemaakt_op": "2026-04-10"}
    # every status the signing moved the case through is a row too, and nothing else
    assert {b.soort for b in nieuw} <= {"besluit.ondertekend", "zaak.status-gewijzigd"}


def test_a_rolled_back_change_leaves_no_message(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        zaken.zaak_open(zaak=Ontwikkelingsperspectief(leerling=world.kind_a, school=world.school_a,
                                                      reden="soort_onderwijs"), door=world.ib_a)
        raise RuntimeError
    assert not Bericht.objects.exists()


def test_an_overdue_clock_is_one_event_once(world):
    klok = clock_start(regel_id="A-6", zaak=world.zaak_a, start=d(2026, 3, 2), vandaag=d(2026, 3, 2))
    for dag in (klok.uiterlijk, klok.uiterlijk + timedelta(days=1), klok.uiterlijk + timedelta(days=2)):
        sweep_due_clocks(vandaag=dag)
    rijen = list(Bericht.objects.filter(soort="termijn.verlopen"))
    assert len(rijen) == 1
    assert rijen[0].gegevens == {"zaak": world.zaak_a.pk, "zaaktype": "opp", "termijn": klok.pk, "regel": "A-6",
                                 "uiterlijk": klok.uiterlijk.isoformat()}
    assert rijen[0].school_id == world.school_a.pk


def test_the_thuiszitter_alarm_is_one_event(world):
    from thuiszitters import services as ts

    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=AMS), tick=False):
        t = ts.thuiszitter_registreer(leerling=world.kind_a, school=world.school_a, door=world.ib_a,
                                      sinds=d(2026, 3, 2), soort="relatief", reden="geen_plek")
    for dag in (d(2026, 6, 2), d(2026, 6, 3), d(2026, 6, 4)):
        with time_machine.travel(datetime(dag.year, dag.month, dag.day, 9, tzinfo=AMS), tick=False):
            sweep_due_clocks(vandaag=dag)
    alarm = list(Bericht.objects.filter(zaak_id=t.pk, soort="thuiszitter.alarm"))
    assert len(alarm) == 1
    assert alarm[0].gegevens == {"zaak": t.pk, "zaaktype": "thuiszitter", "regel": "F-3"}
    assert alarm[0].swv_id == world.swv_a.pk  # the SWV's system hears it (the case is on its desk now)


# --- who gets it ------------------------------------------------------------------------------------------------------

def test_only_organisations_entitled_to_the_case_get_its_event(world):
    eigen_school, _ = abonnee(school=world.school_a)
    bestuur, _ = abonnee(bestuur=world.school_a.bestuur)
    swv, _ = abonnee(swv=world.swv_a)
    andere_school, _ = abonnee(school=world.school_b)
    ander_bestuur, _ = abonnee(bestuur=world.school_b.bestuur)
    ander_swv, _ = abonnee(swv=world.swv_b)
    andere_soort, _ = abonnee(school=world.school_a, soorten=["besluit.ondertekend"])
    ingetrokken, _ = abonnee(school=world.school_a)
    koppeling_trek_in(koppeling=ingetrokken.koppeling, door=world.beheerder)
    world.zaak_a.swv = world.swv_a
    world.zaak_a.save()
    bericht_maak(soort="zaak.status-gewijzigd", zaak=world.zaak_a, status="x", vorige_status="y")
    assert berichten_verdeel() == 3
    ontvangers = set(Aflevering.objects.values_list("abonnement_id", flat=True))
    assert ontvangers == {eigen_school.pk, bestuur.pk, swv.pk}
    assert not ontvangers & {andere_school.pk, ander_bestuur.pk, ander_swv.pk, andere_soort.pk, ingetrokken.pk}
    assert Bericht.objects.get().verdeeld_op is not None
    assert berichten_verdeel() == 0  # once


def test_a_client_without_the_events_scope_gets_nothing(world):
    k, _ = koppeling(school=world.school_a, scopes=["leerlingen:lezen"])
    Abonnement.objects.create(koppeling=k, url=DICHT, soorten=ALLE, geheim_versleuteld="x")
    bericht_maak(soort="zaak.geopend", zaak=world.zaak_a, status="x")
    assert berichten_verdeel() == 0


# --- what is in it ----------------------------------------------------------------------------------------------------

TOEGESTAAN = {"zaak", "zaaktype", "status", "vorige_status", "besluit", "besluittype", "bekendgemaakt_op", "termijn",
              "regel", "uiterlijk"}


def test_the_message_is_a_cloudevent_per_the_nl_gov_profile_without_personal_data(world, settings):
    settings.PORTAL_BASE_URL = "https://portaal.example.nl"
    a = aanmelden(world)
    zaken.zaak_transition(zaak=a, naar=Status.IN_ONDERZOEK, door=world.ib_a)
    for b in Bericht.objects.filter(zaak_id=a.pk):
        doc = json.loads(berichtvorm.body(b))
        assert set(doc) == {"specversion", "id", "source", "type", "time", "subject", "datacontenttype", "dataref",
                            "data"}
        assert doc["specversion"] == "1.0" and doc["id"] == str(b.id)
        assert doc["source"].startswith("urn:nld:")
        assert doc["type"] == f"nl.passendportaal.{b.soort}"
        assert doc["subject"] == str(a.pk) and doc["datacontenttype"] == "application/json"
        assert doc["dataref"] == f"https://portaal.example.nl/api/v1/aanmeldingen/{a.pk}/"
        assert set(doc["data"]) <= TOEGESTAAN
        tekst = json.dumps(doc)
        for persoonlijk in (world.kind.bsn, world.kind.achternaam, world.kind.voornamen, world.ouder.email,
                            world.school_a.naam):
            assert not persoonlijk or persoonlijk not in tekst


def test_every_kind_has_only_ids_and_kinds(world):
    klok = clock_start(regel_id="A-6", zaak=world.zaak_a, start=d(2026, 3, 2), vandaag=d(2026, 3, 2))
    sweep_due_clocks(vandaag=klok.uiterlijk + timedelta(days=1))
    b = Bericht.objects.get(soort="termijn.verlopen")
    doc = json.loads(berichtvorm.body(b))
    assert set(doc["data"]) <= TOEGESTAAN
    assert doc["dataref"].endswith(f"/api/v1/termijnen/{klok.pk}/")
    for v in doc["data"].values():
        assert isinstance(v, int) or (isinstance(v, str) and len(v) <= 30)


def test_the_signature_verifies_with_standardwebhooks(world):
    a, geheim = abonnee(school=world.school_a)
    assert geheim.startswith("whsec_") and ontsleutel(a.geheim_versleuteld) == geheim
    assert geheim not in a.geheim_versleuteld  # encrypted at rest
    b = bericht_maak(soort="zaak.geopend", zaak=world.zaak_a, status="x")
    inhoud = berichtvorm.body(b)
    kop = berichtvorm.headers(b, inhoud, geheim)
    assert kop["webhook-id"] == str(b.id)
    Webhook(geheim).verify(inhoud, kop)  # raises when it does not verify
    with pytest.raises(Exception):
        Webhook(geheim).verify(inhoud.replace(b'"zaak"', b'"zaak "'), kop)


# --- sending: backoff, failure, the beheerder -------------------------------------------------------------------------

def test_a_failed_delivery_backs_off_exponentially_and_fails_after_n_tries(world):
    abonnee(school=world.school_a)  # at a port nothing listens on
    bericht_maak(soort="zaak.geopend", zaak=world.zaak_a, status="x")
    berichten_verdeel()
    a = Aflevering.objects.get()
    t0 = timezone.now()
    assert afleveringen_verstuur(nu=t0) == {AfleverStatus.OPNIEUW: 1}
    a.refresh_from_db()
    assert a.pogingen == 1 and a.volgende_poging_op == t0 + timedelta(seconds=60)
    assert "Connection" in a.laatste_fout or "connect" in a.laatste_fout.lower()
    assert afleveringen_verstuur(nu=t0 + timedelta(seconds=30)) == {}  # not due yet
    t1 = t0 + timedelta(seconds=61)
    afleveringen_verstuur(nu=t1)
    a.refresh_from_db()
    assert a.pogingen == 2 and a.volgende_poging_op == t1 + timedelta(seconds=120)  # doubled
    afleveringen_verstuur(nu=t1 + timedelta(seconds=121))
    a.refresh_from_db()
    assert a.status == AfleverStatus.MISLUKT and a.pogingen == 3  # GEBEURTENISSEN_MAX_POGINGEN
    assert afleveringen_verstuur(nu=t1 + timedelta(days=1)) == {}
    assert AuditEntry.objects.filter(actie=Actie.SYSTEEM, object_type="gebeurtenissen.aflevering").count() == 1


@pytest.mark.parametrize("pogingen,seconden", [
    (1, 60),  # after the first failure: a minute
    (2, 120),  # then twice as long
    (5, 960),  # 2^4 minutes
    (20, 6 * 3600),  # capped at 6 hours
])
def test_wachttijd(pogingen, seconden, settings):
    settings.GEBEURTENISSEN_BACKOFF_SECONDEN = 60
    assert wachttijd(pogingen) == timedelta(seconds=seconden)


def test_two_workers_never_send_the_same_try(world):
    abonnee(school=world.school_a)
    bericht_maak(soort="zaak.geopend", zaak=world.zaak_a, status="x")
    berichten_verdeel()
    a = Aflevering.objects.get()
    nu = timezone.now()
    assert aflevering_verstuur(aflevering_id=a.pk, nu=nu) == AfleverStatus.OPNIEUW
    assert aflevering_verstuur(aflevering_id=a.pk, nu=nu) is None  # claimed and planned: nothing to do now


def test_an_ended_subscription_sends_nothing_more(world):
    from portal.gebeurtenissen.services import abonnement_beeindig

    ab, _ = abonnee(school=world.school_a)
    bericht_maak(soort="zaak.geopend", zaak=world.zaak_a, status="x")
    berichten_verdeel()
    abonnement_beeindig(abonnement=ab, door=world.beheerder)
    assert Aflevering.objects.get().status == AfleverStatus.MISLUKT
    assert afleveringen_verstuur() == {}


def _mislukt(world):
    abonnee(school=world.school_a)
    bericht_maak(soort="zaak.geopend", zaak=world.zaak_a, status="x")
    berichten_verdeel()
    a = Aflevering.objects.get()
    Aflevering.objects.filter(pk=a.pk).update(status=AfleverStatus.MISLUKT, pogingen=3, laatste_status=500,
                                              laatste_fout="HTTP 500 Internal Server Error")
    return a


def test_beheerder_sees_failed_deliveries_with_the_last_error_and_retries(world, django_assert_max_num_queries):
    a = _mislukt(world)
    c = Client()
    login_staff(c, world.beheerder)
    with django_assert_max_num_queries(13):
        r = c.get("/beheer/gebeurtenissen/aflevering/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "HTTP 500 Internal Server Error" in body and "zaak.geopend" in body
    r = c.post("/beheer/gebeurtenissen/aflevering/", {"action": "opnieuw", "_selected_action": [a.pk]}, follow=True)
    assert r.status_code == 200
    a.refresh_from_db()
    assert a.status == AfleverStatus.OPNIEUW and a.pogingen == 0 and a.volgende_poging_op <= timezone.now()
    assert AuditEntry.objects.filter(actor=world.beheerder, object_type="gebeurtenissen.aflevering").exists()


def test_beheerder_start_page_task_counts_failures(world):
    from portal.gebeurtenissen.taken import taken

    _mislukt(world)
    assert "1 bericht" in taken(world.beheerder)[0].titel
    assert taken(world.ib_a) == []
    c = Client()
    login_staff(c, world.beheerder)
    html = c.get(reverse("core:home")).content.decode()
    assert "Wat op u wacht" in html and "1 bericht aan een gekoppeld systeem is niet afgeleverd" in html


@pytest.mark.parametrize("wie", ["ib_a", "dir_a", "swv_mw_a", "ouder_a", "bestuurder_a"])
def test_the_admin_pages_are_for_the_beheerder_only(world, wie):
    _mislukt(world)
    c = Client()
    login_staff(c, getattr(world, wie))
    assert c.get("/beheer/gebeurtenissen/aflevering/").status_code == 404
    assert c.get("/beheer/gebeurtenissen/abonnement/").status_code == 404


def test_the_admin_pages_need_a_login():
    assert Client().get("/beheer/gebeurtenissen/aflevering/").status_code == 404


def test_staff_without_the_permission_gets_403(world):
    medewerker = member(Rol.IB, school=world.school_a, is_staff=True)  # staff, but no permission on these models
    c = Client()
    login_staff(c, medewerker)
    assert c.get("/beheer/gebeurtenissen/aflevering/").status_code == 403


def test_beheerder_subscribes_a_client_in_the_admin_and_sees_the_secret_once(world, settings):
    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = False
    k, _ = koppeling(school=world.school_a, scopes=["gebeurtenissen:schrijven"])
    c = Client()
    login_staff(c, world.beheerder)
    r = c.post("/beheer/gebeurtenissen/abonnement/add/", {"koppeling": k.pk, "url": "http://169.254.169.254/x",
                                                         "soorten": ["zaak.geopend"]})
    assert r.status_code == 200 and "https" in r.content.decode() and not Abonnement.objects.exists()
    r = c.post("/beheer/gebeurtenissen/abonnement/add/", {"koppeling": k.pk, "url": "https://10.1.2.3/x",
                                                         "soorten": ["zaak.geopend"]})
    assert "intern netwerk" in r.content.decode() and not Abonnement.objects.exists()
    r = c.post("/beheer/gebeurtenissen/abonnement/add/", {"koppeling": k.pk, "url": "https://93.184.216.34/hook",
                                                         "soorten": ["zaak.geopend", "termijn.verlopen"]}, follow=True)
    a = Abonnement.objects.get()
    geheim = next(str(m) for m in r.context["messages"] if "whsec_" in str(m)).split("geheim: ")[1].split(" ")[0]
    assert ontsleutel(a.geheim_versleuteld) == geheim
    assert a.soorten == ["termijn.verlopen", "zaak.geopend"]
    assert geheim not in c.get(f"/beheer/gebeurtenissen/abonnement/{a.pk}/change/").content.decode()


# --- the callback URL (SSRF) ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url,fout", [
    ("https://93.184.216.34/hook", None),  # a public address
    ("http://93.184.216.34/hook", "https"),  # plain http: refused in production
    ("https://127.0.0.1/hook", "intern"),  # loopback
    ("https://10.0.0.5/hook", "intern"),  # private
    ("https://192.168.1.1/hook", "intern"),
    ("https://172.16.0.1/hook", "intern"),
    ("https://169.254.169.254/latest/meta-data/", "intern"),  # the cloud metadata service (link-local)
    ("https://100.64.0.1/hook", "intern"),  # carrier-grade NAT
    ("https://[::1]/hook", "intern"),
    ("https://[::ffff:10.0.0.1]/hook", "intern"),  # IPv4 mapped in IPv6
    ("https://0.0.0.0/hook", "intern"),
    ("https://localhost/hook", "intern"),
    ("https://metadata.google.internal/x", "intern"),
    ("https://db.local/x", "intern"),
    ("https://user:pw@93.184.216.34/x", "wachtwoord"),
    ("ftp://93.184.216.34/x", "https://"),
    ("niet een url", "https://"),
    ("", "Vul de URL in"),
    ("http://127.0.0.1:8000/hook", "https"),  # a local receiver: only with GEBEURTENISSEN_LOKAAL_TOESTAAN
])
def test_url_fout_in_production(url, fout, settings):
    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = False
    uitkomst = url_fout(url)
    assert (uitkomst is None) if fout is None else (fout in uitkomst), uitkomst


def test_a_local_receiver_only_in_debug_or_tests(settings):
    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = True
    assert url_fout("http://127.0.0.1:8000/hook") is None
    assert url_fout("http://10.0.0.1/hook") is not None  # still not another host over http


def test_a_name_that_resolves_to_an_internal_address_is_refused(settings, monkeypatch):
    import socket

    settings.GEBEURTENISSEN_LOKAAL_TOESTAAN = False
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("10.0.0.7", 443))])
    assert "intern" in url_fout("https://ontvanger.example.nl/hook")
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("93.184.216.34", 443))])
    assert url_fout("https://ontvanger.example.nl/hook") is None


def test_subscribing_refuses_bad_input_in_dutch(world):
    k, _ = koppeling(school=world.school_a, scopes=["gebeurtenissen:schrijven"])
    with pytest.raises(AbonnementFout, match="ten minste één"):
        abonnement_maak(koppeling=k, url=DICHT, soorten=[], door=None)
    with pytest.raises(AbonnementFout, match="Onbekende soort"):
        abonnement_maak(koppeling=k, url=DICHT, soorten=["zaak.verwijderd"], door=None)
    assert not Abonnement.objects.exists()


def test_old_messages_with_nothing_left_to_send_are_cleared(world):
    from portal.gebeurtenissen.services import berichten_opruimen

    abonnee(school=world.school_a)
    klaar = bericht_maak(soort="zaak.geopend", zaak=world.zaak_a, status="x")
    wacht = bericht_maak(soort="zaak.geopend", zaak=world.zaak_b, status="x")
    niemand = bericht_maak(soort="zaak.geopend", zaak=world.zaak_b, status="x")
    berichten_verdeel()
    Aflevering.objects.filter(bericht=klaar).update(status=AfleverStatus.AFGELEVERD)
    Aflevering.objects.create(bericht=wacht, abonnement=Abonnement.objects.get())  # still to send
    lang_geleden = timezone.now() - timedelta(days=31)
    Bericht.objects.update(verdeeld_op=lang_geleden)
    assert berichten_opruimen() >= 2
    assert list(Bericht.objects.values_list("pk", flat=True)) == [wacht.pk]
    assert not Bericht.objects.filter(pk__in=[klaar.pk, niemand.pk]).exists()
