"""Writes of pupils, enrolments and the people with gezag through the API (issue #21 §1): a school's system keeps its
pupils current through the same services as the pages — the same Dutch messages at the same field, audited as the
system, idempotent (a repeated PUT changes nothing and writes no audit line). A parent's e-mail is an invitation the
parent accepts and the school confirms, never a silent link. Another school's pupil is a 404; no scope is a 403."""

import datetime as dt

import pytest

from portal.audit.models import AuditEntry
from portal.leerlingen.models import (
    Gezag,
    GezagUitnodiging,
    Groep,
    Inschrijving,
    Leerling,
    Leerlingnummer,
    UitnodigingStatus,
)
from portal.meldingen.models import OutboxEmail

from .api_hulp import is_probleem, systeem

pytestmark = pytest.mark.django_db

SCHRIJVEN = ("leerlingen:lezen", "leerlingen:schrijven")


def _nieuw(**extra):
    return {"voornamen": "Fenna Maria", "roepnaam": "Fenna", "tussenvoegsel": "van", "achternaam": "Dijk",
            "geboortedatum": "2017-04-03", "bsn": "999990032", "leerlingnummer": "LLN-1001", **extra}


def _velden(body) -> dict:
    return {p["name"]: p["reason"] for p in body["invalid-params"]}


def test_post_creates_the_pupil_enrols_them_and_invites_the_parent(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    r = s.post("/api/v1/leerlingen/", _nieuw(groep="groep 4a", ouders=["Ouder.Dijk@example.nl"]))
    assert r.status_code == 201, r.content
    body = r.json()
    lln = Leerling.objects.get(pk=body["id"])
    assert (lln.voornamen, lln.roepnaam, lln.tussenvoegsel, lln.achternaam, lln.bsn) == (
        "Fenna Maria", "Fenna", "van", "Dijk", "999990032")
    assert body["leerlingnummer"] == "LLN-1001"
    assert Inschrijving.objects.filter(leerling=lln, school=world.school_a, tot__isnull=True).count() == 1
    assert Groep.objects.get(school=world.school_a, naam="groep 4a").leerlingen.filter(pk=lln.pk).exists()
    # the parent is invited, not linked: they accept, the school confirms (as today)
    assert not Gezag.objects.filter(leerling=lln).exists() and body["gezag"] == []
    u = GezagUitnodiging.objects.get(leerling=lln)
    assert (u.email, u.status, u.door_school, u.uitgenodigd_door) == (
        "ouder.dijk@example.nl", UitnodigingStatus.VERSTUURD, True, None)
    mail = OutboxEmail.objects.get(aan="ouder.dijk@example.nl")
    assert "/leerlingen/uitnodiging/" in mail.tekst and "Dijk" not in mail.tekst  # no child's name in an e-mail
    # every line as the system with its client, never as a person
    regels = AuditEntry.objects.filter(leerling=lln)
    assert regels.exists() and all(r.systeem and r.actor_id is None and r.koppeling_id == s.koppeling.pk
                                   for r in regels)


def test_the_same_post_or_put_again_changes_nothing_and_writes_no_audit_line(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    data = _nieuw(groep="groep 4a", ouders=["ouder.dijk@example.nl"])
    pk = s.post("/api/v1/leerlingen/", data).json()["id"]
    voor = AuditEntry.objects.count()
    r = s.post("/api/v1/leerlingen/", data)  # found again by BSN
    assert r.status_code == 200 and r.json()["id"] == pk
    r = s.put(f"/api/v1/leerlingen/{pk}/", data)
    assert r.status_code == 200
    assert AuditEntry.objects.count() == voor
    assert GezagUitnodiging.objects.count() == 1 and OutboxEmail.objects.filter(aan="ouder.dijk@example.nl").count() == 1


def test_found_again_by_the_schools_number_without_bsn_and_a_changed_name_updates(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    pk = s.post("/api/v1/leerlingen/", _nieuw(bsn="")).json()["id"]
    r = s.post("/api/v1/leerlingen/", _nieuw(bsn="", achternaam="van Dijk-Smit", tussenvoegsel=""))
    assert r.status_code == 200 and r.json()["id"] == pk
    assert Leerling.objects.get(pk=pk).achternaam == "van Dijk-Smit"
    regel = AuditEntry.objects.filter(object_type="leerlingen.leerling", object_id=str(pk), actie="gewijzigd").get()
    assert regel.wijzigingen["achternaam"] == ["Dijk", "van Dijk-Smit"]


def test_bad_input_gets_the_pages_messages_at_the_field(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    r = s.post("/api/v1/leerlingen/", _nieuw(voornamen="", bsn="123456789", geboortedatum="2999-01-01",
                                               achternaam="Dijk\u202e", ouders=["geen-adres"]))
    body = is_probleem(r, 400)
    velden = _velden(body)
    assert velden["voornamen"] == "Dit veld is verplicht."
    assert velden["bsn"] == "Dit is geen geldig BSN: het voldoet niet aan de elfproef."
    assert velden["geboortedatum"] == "Een geboortedatum ligt niet in de toekomst."
    assert velden["achternaam"] == "Een naam mag geen onzichtbare stuurtekens of regeleinden bevatten."
    assert not Leerling.objects.filter(achternaam__startswith="Dijk").exists()  # nothing half-saved
    assert _velden(is_probleem(s.post("/api/v1/leerlingen/", _nieuw(geboortedatum="3-4-2017")), 400)) == {
        "geboortedatum": "Vul een geldige datum in, bijvoorbeeld 2016-08-24."}
    assert _velden(is_probleem(s.post("/api/v1/leerlingen/", _nieuw(ouders=["geen-adres"])), 400)) == {
        "ouders.0": "Voer een geldig e-mailadres in."}
    assert _velden(is_probleem(s.post("/api/v1/leerlingen/", {"achternaam": "X"}), 400)) == {
        "voornamen": "Dit veld is verplicht.", "geboortedatum": "Vul de geboortedatum in: dag, maand en jaar.",
        "leerlingnummer": "Vul het leerlingnummer uit de leerlingadministratie in."}
    assert not Leerling.objects.filter(achternaam="Dijk").exists()


def test_a_bsn_of_another_pupil_or_a_number_in_use_is_refused_at_the_field(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    eerste = s.post("/api/v1/leerlingen/", _nieuw()).json()["id"]
    # the number of the first pupil with another BSN: the two keys point at different pupils
    r = s.post("/api/v1/leerlingen/", _nieuw(bsn="999990044", voornamen="Ander"))
    assert _velden(is_probleem(r, 400)) == {"bsn": "Dit leerlingnummer hoort bij een leerling met een ander BSN. "
                                                   "Controleer het BSN."}
    tweede = s.post("/api/v1/leerlingen/", _nieuw(bsn="999990044", leerlingnummer="LLN-2")).json()["id"]
    r = s.put(f"/api/v1/leerlingen/{tweede}/", _nieuw(bsn="999990032", leerlingnummer="LLN-2"))
    assert _velden(is_probleem(r, 400)) == {"bsn": "Dit BSN hoort bij een andere leerling in het portaal. "
                                                   "Controleer het BSN."}
    r = s.put(f"/api/v1/leerlingen/{tweede}/", _nieuw(bsn="999990044", leerlingnummer="LLN-1001"))
    assert _velden(is_probleem(r, 400)) == {"leerlingnummer": "Dit leerlingnummer hoort op deze school al bij een "
                                                              "andere leerling."}
    assert Leerlingnummer.objects.get(leerling_id=eerste).nummer == "LLN-1001"


def test_other_schools_pupil_is_404_and_no_write_scope_is_403(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    is_probleem(s.put(f"/api/v1/leerlingen/{world.kind_b.pk}/", _nieuw()), 404)
    is_probleem(s.post(f"/api/v1/leerlingen/{world.kind_b.pk}/uitschrijven/", {"tot": "2026-12-01"}), 404)
    lezen = systeem(school=world.school_a, scopes=("leerlingen:lezen",))
    is_probleem(lezen.post("/api/v1/leerlingen/", _nieuw()), 403)
    is_probleem(lezen.put(f"/api/v1/leerlingen/{world.kind_a.pk}/", _nieuw()), 403)
    is_probleem(lezen.post(f"/api/v1/leerlingen/{world.kind_a.pk}/uitschrijven/", {"tot": "2026-12-01"}), 403)
    assert not Leerling.objects.filter(achternaam="Dijk").exists()
    assert Inschrijving.objects.get(pk=world.ins_a.pk).tot is None


def test_a_bsn_known_at_another_school_enrols_that_pupil_here(world):
    """A pupil who moves: the BSN is the same child everywhere, so the second school's system finds them."""
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    r = s.post("/api/v1/leerlingen/", {"voornamen": world.kind_b.voornamen, "achternaam": world.kind_b.achternaam,
                                       "geboortedatum": world.kind_b.geboortedatum.isoformat(), "bsn": "999990020",
                                       "leerlingnummer": "A-77"})
    assert r.status_code == 200 and r.json()["id"] == world.kind_b.pk
    assert Inschrijving.objects.filter(leerling=world.kind_b, school=world.school_a).count() == 1


def test_ending_an_enrolment_takes_the_pupil_off_the_list(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    vroeg = world.ins_a.van - dt.timedelta(days=1)
    assert _velden(is_probleem(s.post(f"/api/v1/leerlingen/{world.kind_a.pk}/uitschrijven/",
                                      {"tot": vroeg.isoformat()}), 400)) == {"tot": "De einddatum ligt vóór de begindatum."}
    gisteren = dt.date.today() - dt.timedelta(days=1)
    r = s.post(f"/api/v1/leerlingen/{world.kind_a.pk}/uitschrijven/", {"tot": gisteren.isoformat()})
    assert r.status_code == 200 and r.json()[0]["tot"] == gisteren.isoformat()
    assert Inschrijving.objects.get(pk=world.ins_a.pk).tot == gisteren
    assert AuditEntry.objects.filter(object_type="leerlingen.inschrijving", object_id=str(world.ins_a.pk),
                                     systeem=True).exists()
    assert s.get(f"/api/v1/leerlingen/{world.kind_a.pk}/").status_code == 404
    assert world.kind_a.pk not in [x["id"] for x in s.get("/api/v1/leerlingen/").json()["results"]]


def test_an_enrolment_by_the_system_starts_what_an_enrolment_starts(world):
    """``inschrijving_maak`` with the system as ``door``: its audit line is the system; what the registered apps
    start (the OPP of a pupil at a special school, B-2) runs as the system too, without a person."""
    from portal.leerlingen.services import inschrijving_maak

    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    world.school_a.soort = "sbo"
    world.school_a.save(update_fields=["soort"])
    r = s.post("/api/v1/leerlingen/", _nieuw())
    assert r.status_code == 201, r.content
    ins = Inschrijving.objects.get(leerling_id=r.json()["id"])
    regel = AuditEntry.objects.get(object_type="leerlingen.inschrijving", object_id=str(ins.pk))
    assert regel.systeem and regel.koppeling_id == s.koppeling.pk
    from portal.zaken.models import Zaak

    assert Zaak.objects.filter(leerling_id=r.json()["id"]).count() == 1  # B-2: the OPP opened at enrolment
    assert all(r.systeem and r.actor_id is None for r in AuditEntry.objects.filter(leerling_id=r.json()["id"]))
    assert callable(inschrijving_maak)


def test_dates_far_away_and_a_long_group_name_are_refused_at_the_field_not_a_500(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    r = s.post("/api/v1/leerlingen/", _nieuw(ingeschreven_vanaf="0001-01-01", groep="g" * 101))
    velden = _velden(is_probleem(r, 400))
    assert velden["ingeschreven_vanaf"].startswith("Deze datum ligt te ver weg (")
    assert velden["groep"] == "Gebruik ten hoogste 100 tekens."
    r = s.post("/api/v1/leerlingen/", _nieuw(groep="groep\x00 1", voornamen="Fen\x00na"))
    assert set(_velden(is_probleem(r, 400))) == {"groep", "voornamen"}
    r = s.post(f"/api/v1/leerlingen/{world.kind_a.pk}/uitschrijven/", {"tot": "9999-12-31"})
    assert _velden(is_probleem(r, 400))["tot"].startswith("Deze datum ligt te ver weg (")
    assert not Leerling.objects.filter(achternaam="Dijk").exists()


def test_the_schools_number_is_required_so_a_repeat_never_makes_a_second_pupil(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    zonder = {k: v for k, v in _nieuw().items() if k != "leerlingnummer"}
    assert _velden(is_probleem(s.post("/api/v1/leerlingen/", zonder), 400)) == {
        "leerlingnummer": "Vul het leerlingnummer uit de leerlingadministratie in."}
    assert _velden(is_probleem(s.post("/api/v1/leerlingen/", _nieuw(leerlingnummer=" ")), 400)) == {
        "leerlingnummer": "Vul het leerlingnummer uit de leerlingadministratie in."}


def test_a_body_that_is_not_an_object_gets_a_dutch_problem(world):
    s = systeem(school=world.school_a, scopes=SCHRIJVEN)
    body = is_probleem(s.post("/api/v1/leerlingen/", [1, 2]), 400)
    assert body["detail"] == "Stuur een JSON-object met de gegevens van de leerling."
    body = is_probleem(s.post(f"/api/v1/leerlingen/{world.kind_a.pk}/uitschrijven/", "2026"), 400)
    assert body["detail"] == "Stuur een JSON-object met de laatste dag (tot)."
    body = is_probleem(s.post("/api/v1/leerlingen/", _nieuw(ouders=[{"a": 1}], geboortedatum="2017-04-03T10:00:00")),
                       400)
    assert _velden(body) == {"ouders.0": "Deze waarde is niet geldig.",
                             "geboortedatum": "Vul een geldige datum in, bijvoorbeeld 2016-08-24."}
