"""The import of a school's administration (issue #21 §3): upload → preview with an error per row (nothing applied)
→ "Toepassen" → the worker applies the rows with a progress page. Idempotent: the sample file imported twice, the
second run changes nothing; a changed row updates. Parents are invited, never linked silently. Only the school's
IB'er or directeur; 404 for anyone else. Input is never lost: a broker that is down leaves the run waiting for the
safety net, a dead worker's run is picked up where it stopped."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.audit.models import AuditEntry
from portal.invoer.models import Invoer, InvoerRij, InvoerStatus, RijStatus
from portal.invoer.services import invoer_maak, invoer_pas_toe, invoer_vangnet, invoer_verwerk
from portal.leerlingen.models import Gezag, GezagUitnodiging, Groep, Inschrijving, Leerling, Leerlingnummer
from portal.leerlingen.services import gezag_accepteer, gezag_bevestig, uitnodiging_token
from portal.meldingen.models import OutboxEmail

from .conftest import login_staff
from .factories import member

pytestmark = pytest.mark.django_db

VOORBEELD = Path(__file__).resolve().parent.parent / "portal" / "invoer" / "voorbeeld" / "leerlingen.csv"
KOP = "leerlingnummer;voornamen;roepnaam;tussenvoegsel;achternaam;geboortedatum;bsn;groep;ingeschreven vanaf;" \
      "e-mail ouder 1;e-mail ouder 2"


def _client(user):
    c = Client()
    login_staff(c, user)
    return c


def _upload(c, naam, inhoud: bytes, school=None):
    data = {"bestand": SimpleUploadedFile(naam, inhoud)}
    if school is not None:
        data["school"] = school.pk
    return c.post("/invoer/", data)


def _importeer(c, naam, inhoud, django_capture_on_commit_callbacks) -> Invoer:
    r = _upload(c, naam, inhoud)
    assert r.status_code == 302, r.content.decode()[:2000]
    invoer = Invoer.objects.order_by("-pk").first()
    assert invoer.status == InvoerStatus.VOORBEELD
    with django_capture_on_commit_callbacks(execute=True):
        assert c.post(f"/invoer/{invoer.pk}/toepassen/").status_code == 302
    invoer.refresh_from_db()
    return invoer


def test_sample_file_imported_twice_second_run_changes_nothing(world, django_capture_on_commit_callbacks):
    """CI acceptance criterion (issue #21 'Done when'): the sample file, twice; the second run changes nothing."""
    c = _client(world.ib_a)
    inhoud = VOORBEELD.read_bytes()
    eerste = _importeer(c, "leerlingen.csv", inhoud, django_capture_on_commit_callbacks)
    assert eerste.status == InvoerStatus.KLAAR
    assert (eerste.aantal_rijen, eerste.geldig, eerste.nieuw, eerste.gewijzigd, eerste.mislukt) == (6, 6, 6, 0, 0)
    assert Leerlingnummer.objects.filter(school=world.school_a).count() == 6
    assert Inschrijving.objects.filter(school=world.school_a, leerling__leerlingnummers__nummer="RB-1003").get().van \
        .isoformat() == "2023-08-21"
    assert set(Groep.objects.filter(school=world.school_a).values_list("naam", flat=True)) == {
        "groep 3a", "groep 5b", "groep 7"}
    uitnodigingen = GezagUitnodiging.objects.filter(school=world.school_a, door_school=True)
    assert uitnodigingen.count() == 6 and not Gezag.objects.filter(leerling__leerlingnummers__school=world.school_a) \
        .exists()  # invited, not linked
    audit = AuditEntry.objects.count()
    mails = OutboxEmail.objects.count()

    tweede = _importeer(c, "leerlingen.csv", inhoud, django_capture_on_commit_callbacks)
    assert tweede.status == InvoerStatus.KLAAR
    assert (tweede.nieuw, tweede.gewijzigd, tweede.ongewijzigd, tweede.wijzigingen) == (0, 0, 6, 0)
    assert GezagUitnodiging.objects.filter(school=world.school_a).count() == 6
    assert OutboxEmail.objects.count() == mails
    # the second run's only audit lines are about the import itself (upload, apply, done), none about a pupil
    nieuw = AuditEntry.objects.order_by("pk")[audit:]
    assert {a.object_type for a in nieuw} == {"invoer.invoer"}
    pagina = c.get(f"/invoer/{tweede.pk}/").content.decode()
    assert "0 wijzigingen" in pagina and "Niets veranderd: 6" in pagina


def test_the_sample_as_xlsx_imports_the_same(world, django_capture_on_commit_callbacks):
    c = _client(world.ib_a)
    r = c.get("/invoer/voorbeeld.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    xlsx = b"".join(r.streaming_content) if r.streaming else r.content
    invoer = _importeer(c, "voorbeeld.xlsx", xlsx, django_capture_on_commit_callbacks)
    assert (invoer.nieuw, invoer.mislukt) == (6, 0)
    assert Leerling.objects.get(bsn="999990032").geboortedatum.isoformat() == "2019-04-03"
    # then the CSV: the same pupils, nothing changes
    tweede = _importeer(c, "leerlingen.csv", VOORBEELD.read_bytes(), django_capture_on_commit_callbacks)
    assert tweede.wijzigingen == 0


def test_a_changed_row_updates_that_pupil_only(world, django_capture_on_commit_callbacks):
    c = _client(world.ib_a)
    tekst = VOORBEELD.read_text(encoding="utf-8")
    _importeer(c, "leerlingen.csv", tekst.encode(), django_capture_on_commit_callbacks)
    gewijzigd = tekst.replace("RB-1004;Thomas Jan;Tom;de;Wit;28-01-2017;999990068;groep 5b",
                              "RB-1004;Thomas Jan;Tom;de;Wit-Jansen;28-01-2017;999990068;groep 7")
    invoer = _importeer(c, "leerlingen.csv", gewijzigd.encode(), django_capture_on_commit_callbacks)
    assert (invoer.nieuw, invoer.gewijzigd, invoer.ongewijzigd) == (0, 1, 5)
    tom = Leerling.objects.get(bsn="999990068")
    assert tom.achternaam == "Wit-Jansen"
    assert list(tom.groepen.values_list("naam", flat=True)) == ["groep 7"]  # moved, out of groep 5b
    rij = invoer.rijen.get(status=RijStatus.GEWIJZIGD)
    assert rij.nummer == 5 and rij.wat == ["gegevens", "groep"] and rij.gegevens == {"leerlingnummer": "RB-1004"}


def test_preview_shows_an_error_per_row_and_applies_nothing(world):
    c = _client(world.ib_a)
    inhoud = "\n".join([
        KOP,
        "A1;Anna;;;Smit;01-02-2018;999990093;groep 4;;anna.ouder@example.nl;",  # good
        "A2;;;;Smit;01-02-2018;;groep 4;;;",  # no first names
        "A3;Piet;;;Smit;31-02-2018;;groep 4;;;",  # no such date
        "A4;Kees;;;Smit;01-02-2018;123456789;groep 4;;;",  # BSN fails the elfproef
        "A5;Lies;;;Smit;01-02-2018;;groep 4;;geen-adres;",  # e-mail
        "A1;Jan;;;Smit;01-02-2018;;groep 4;;;",  # the same leerlingnummer again
        "A7;=cmd|' /C calc'!A0;;;Smit;01-02-2018;;groep 4;;;",  # a 'formula' is just text: fine as a name
        "A8;<script>alert(1)</script>;;;Smit;01-02-2099;;;;;",  # escaped on the page; a birth date in the future
        "A9;Mo;;;Smit;01-02-2018;;groep 4;01-01-1990;;",  # an enrolment far in the past
    ]).encode()
    r = _upload(c, "export.csv", inhoud)
    assert r.status_code == 302
    invoer = Invoer.objects.get()
    fouten = {rij.nummer: rij.fouten for rij in invoer.rijen.all()}
    assert fouten[2] == {} and fouten[8] == {}
    assert fouten[3] == {"voornamen": ["Dit veld is verplicht."]}
    assert fouten[4] == {"geboortedatum": ["Vul een geldige datum in, bijvoorbeeld 24-08-2026."]}
    assert fouten[5] == {"bsn": ["Dit is geen geldig BSN: het voldoet niet aan de elfproef."]}
    assert fouten[6] == {"email_ouder_1": ["Voer een geldig e-mailadres in."]}
    assert fouten[7] == {"leerlingnummer": ["Deze leerling staat al in rij 2."]}
    assert fouten[9] == {"geboortedatum": ["Een geboortedatum ligt niet in de toekomst."]}
    assert list(fouten[10]) == ["ingeschreven_vanaf"] and fouten[10]["ingeschreven_vanaf"][0].startswith(
        "Deze datum ligt te ver weg (")
    assert (invoer.aantal_rijen, invoer.geldig) == (9, 2)
    assert not Leerling.objects.filter(achternaam="Smit").exists() and not GezagUitnodiging.objects.exists()
    pagina = c.get(f"/invoer/{invoer.pk}/").content.decode()
    assert "Deze leerling staat al in rij 2." in pagina and "Toepassen (2 rijen)" in pagina
    assert "<script>alert(1)" not in pagina and "&lt;script&gt;alert(1)&lt;/script&gt;" in pagina
    assert AuditEntry.objects.filter(object_type="invoer.invoer", actie="aangemaakt").count() == 1


@pytest.mark.parametrize(("naam", "inhoud", "melding"), [
    ("leeg.csv", b"", "Het bestand is leeg."),
    ("foto.png", b"\x89PNG\r\n", "Kies een CSV-bestand (.csv) of een Excel-werkmap (.xlsx)."),
    ("kapot.xlsx", b"PK\x03\x04kapot", "Dit Excel-bestand kunnen we niet openen."),
    ("geen-kop.csv", b";;\n", "Het bestand heeft geen kopregel."),
    ("kolom.csv", b"leerlingnummer;voornamen;geboortedatum\nA;B;01-01-2018\n", "Deze kolommen ontbreken: achternaam."),
    ("alleen-kop.csv", KOP.encode() + b"\n", "Het bestand heeft geen leerlingen onder de kopregel."),
    ("dubbel.csv", b"leerlingnummer;voornaam;voornamen;achternaam;geboortedatum\n", "Deze kolom staat er twee keer in"),
])
def test_a_file_that_cannot_be_read_is_refused_at_the_field(world, naam, inhoud, melding):
    c = _client(world.ib_a)
    r = _upload(c, naam, inhoud)
    assert r.status_code == 200 and melding in r.content.decode()
    assert not Invoer.objects.exists()


def test_limits_of_size_and_rows(world, settings):
    settings.INVOER_MAX_RIJEN = 3
    c = _client(world.ib_a)
    rijen = "\n".join([KOP] + [f"N{i};Kind;;;Test;01-01-2018;;;;;" for i in range(4)])
    assert "meer dan 3 leerlingen" in _upload(c, "veel.csv", rijen.encode()).content.decode()
    settings.INVOER_MAX_BESTAND = 100
    assert "groter dan 0 MB" in _upload(c, "groot.csv", rijen.encode()).content.decode()
    assert not Invoer.objects.exists()


@pytest.mark.parametrize(("codering", "scheiding"), [("utf-8", ";"), ("utf-8-sig", ","), ("cp1252", ";"),
                                                     ("cp1252", ",")])
def test_encodings_and_separators_as_dutch_excel_writes_them(world, codering, scheiding):
    tekst = f"Leerlingnummer{scheiding}Voornamen{scheiding}Achternaam{scheiding}Geboortedatum{scheiding}E-mail ouder 1\r\n" \
            f"Z1{scheiding}Zoë René{scheiding}Çelik{scheiding}2018-01-05{scheiding}ouder@example.nl\r\n"
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="export.csv", inhoud=tekst.encode(codering))
    rij = invoer.rijen.get()
    assert rij.fouten == {}
    assert rij.gegevens["gegevens"]["voornamen"] == "Zoë René" and rij.gegevens["gegevens"]["achternaam"] == "Çelik"
    assert rij.gegevens["ouders"] == ["ouder@example.nl"]


def test_xlsx_numbers_and_dates_are_read_as_the_administration_means_them(world):
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["leerlingnummer", "voornamen", "achternaam", "geboortedatum", "bsn"])
    ws.append([1234, "Eva", "Bakker", datetime(2017, 3, 9), 99990007])  # an 8-digit number: the 0 in front is gone
    ws.append([None, None, None, None, None])  # an empty row is skipped
    buf = io.BytesIO()
    wb.save(buf)
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="export.xlsx", inhoud=buf.getvalue())
    rij = invoer.rijen.get()
    assert rij.gegevens["gegevens"]["leerlingnummer"] == "1234"
    assert rij.gegevens["gegevens"]["geboortedatum"] == "2017-03-09"
    assert rij.gegevens["gegevens"]["bsn"] == "099990007"


def test_a_parent_invited_by_the_import_accepts_and_the_school_confirms(world, django_capture_on_commit_callbacks):
    """As today (issue #2 §4): the parent accepts with an account on that address; the school confirms; only then
    gezag."""
    c = _client(world.ib_a)
    _importeer(c, "leerlingen.csv", VOORBEELD.read_bytes(), django_capture_on_commit_callbacks)
    u = GezagUitnodiging.objects.get(email="ouders.bouzid@example.nl")
    assert u.uitgenodigd_door == world.ib_a and u.door_school
    ouder = member(Rol.OUDER, email="ouders.bouzid@example.nl")
    gezag_accepteer(token=uitnodiging_token(u), user=ouder)
    assert not Gezag.objects.filter(ouder=ouder).exists()
    gezag_bevestig(uitnodiging=u, door=world.dir_a, akkoord=True)
    assert Gezag.objects.filter(ouder=ouder, leerling=u.leerling).exists()


def test_applying_waits_for_the_safety_net_when_the_broker_is_down(world, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    import portal.celery

    monkeypatch.setattr(portal.celery, "verstuur", lambda *a: False)
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        invoer_pas_toe(invoer=invoer, door=world.ib_a)
    invoer.refresh_from_db()
    assert invoer.status == InvoerStatus.WACHT and not Leerlingnummer.objects.exists()  # stored, not lost
    assert invoer_vangnet(ouder_dan_seconden=60) == 0  # too fresh: the message may still arrive
    Invoer.objects.filter(pk=invoer.pk).update(toegepast_op=timezone.now() - timedelta(minutes=2))
    assert invoer_vangnet(ouder_dan_seconden=60) == 1
    invoer.refresh_from_db()
    assert invoer.status == InvoerStatus.KLAAR and invoer.nieuw == 6


def test_a_dead_workers_run_goes_on_where_it_stopped(world):
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    invoer_pas_toe(invoer=invoer, door=world.ib_a)
    # a worker took it, applied two rows, and died
    Invoer.objects.filter(pk=invoer.pk).update(status=InvoerStatus.BEZIG, bezig_sinds=timezone.now(), pogingen=1)
    from portal.invoer.services import _verwerk_rij

    for rij in invoer.rijen.order_by("nummer")[:2]:
        _verwerk_rij(invoer, rij.pk, world.ib_a)
    assert invoer_verwerk(invoer.pk) is None  # claimed by the (dead) worker: not taken over yet
    Invoer.objects.filter(pk=invoer.pk).update(bezig_sinds=timezone.now() - timedelta(hours=1))
    assert invoer_vangnet() == 1
    invoer.refresh_from_db()
    assert (invoer.status, invoer.verwerkt, invoer.nieuw) == (InvoerStatus.KLAAR, 6, 6)
    assert Leerlingnummer.objects.filter(school=world.school_a).count() == 6


def test_who_lost_the_role_before_the_worker_ran_changes_nothing(world):
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    invoer_pas_toe(invoer=invoer, door=world.ib_a)
    world.ib_a.memberships.all().delete()  # no longer IB'er when the worker runs
    invoer_verwerk(invoer.pk)
    invoer.refresh_from_db()
    assert invoer.status == InvoerStatus.MISLUKT and not Leerlingnummer.objects.exists()


def test_an_unapplied_preview_is_deleted_after_a_week(world):
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    Invoer.objects.filter(pk=invoer.pk).update(aangemaakt_op=timezone.now() - timedelta(days=8))
    invoer_vangnet()
    assert not Invoer.objects.exists() and not InvoerRij.objects.exists()


# --- access ----------------------------------------------------------------------------------------------------------

def test_only_the_schools_ib_or_directeur_reaches_the_import(world):
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    assert _client(world.ib_a).get("/invoer/").status_code == 200
    assert _client(world.dir_a).get(f"/invoer/{invoer.pk}/").status_code == 200
    for user in (world.ib_b, world.dir_b, world.leerkracht_a, world.swv_mw_a, world.bestuurder_a):
        c = _client(user)
        assert c.get(f"/invoer/{invoer.pk}/").status_code == 404
        assert c.post(f"/invoer/{invoer.pk}/toepassen/").status_code == 404
    for user in (world.leerkracht_a, world.swv_mw_a):
        assert _client(user).get("/invoer/").status_code == 404
        assert _client(user).get("/invoer/voorbeeld.csv").status_code == 404
    ouder = Client()
    ouder.force_login(world.ouder_a)
    assert ouder.get("/invoer/").status_code == 404 and ouder.get(f"/invoer/{invoer.pk}/").status_code == 404
    anoniem = Client()
    assert anoniem.get("/invoer/").status_code == 302 and anoniem.get(f"/invoer/{invoer.pk}/").status_code == 302
    invoer.refresh_from_db()
    assert invoer.status == InvoerStatus.VOORBEELD


def test_the_other_schools_ib_cannot_upload_for_this_school(world):
    """A school id in the form that is not one's own falls back to one's own school."""
    c = _client(world.ib_b)
    _upload(c, "x.csv", VOORBEELD.read_bytes(), school=world.school_a)
    assert Invoer.objects.get().school == world.school_b


def test_applying_twice_applies_once(world, django_capture_on_commit_callbacks):
    c = _client(world.ib_a)
    invoer = _importeer(c, "leerlingen.csv", VOORBEELD.read_bytes(), django_capture_on_commit_callbacks)
    assert c.post(f"/invoer/{invoer.pk}/toepassen/").status_code == 302
    invoer.refresh_from_db()
    assert invoer.nieuw == 6 and invoer.verwerkt == 6


# --- pinned query counts -------------------------------------------------------------------------------------------

def test_start_page_query_count_is_pinned(world, django_assert_num_queries):
    c = _client(world.ib_a)
    c.get("/invoer/")  # the first request of a session does more (the second factor's device, the session)
    invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    with CaptureQueriesContext(connection) as een:
        assert c.get("/invoer/").status_code == 200
    for _ in range(4):
        invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    with django_assert_num_queries(len(een)):
        c.get("/invoer/")


def test_detail_page_query_count_is_pinned(world, django_assert_num_queries, django_capture_on_commit_callbacks):
    c = _client(world.ib_a)
    klein = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv",
                        inhoud=(KOP + "\nA1;Anna;;;Smit;01-02-2018;;;;;\n").encode())
    c.get(f"/invoer/{klein.pk}/")  # the first request of a session does more (the second factor's device)
    with CaptureQueriesContext(connection) as een:
        assert c.get(f"/invoer/{klein.pk}/").status_code == 200
    groot = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    with django_assert_num_queries(len(een)):
        c.get(f"/invoer/{groot.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        invoer_pas_toe(invoer=groot, door=world.ib_a)
    with django_assert_num_queries(len(een)):
        assert "6 van 6 rijen verwerkt" in c.get(f"/invoer/{groot.pk}/?alleen=alle").content.decode()


def test_the_progress_page_while_it_runs_works_without_javascript(world):
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    invoer_pas_toe(invoer=invoer, door=world.ib_a)  # no on_commit here: it waits
    pagina = _client(world.ib_a).get(f"/invoer/{invoer.pk}/").content.decode()
    assert "<progress" in pagina and "0 van 6 rijen verwerkt" in pagina and "data-loopt" in pagina
    assert f'<a href="/invoer/{invoer.pk}/">Nu verversen</a>' in pagina  # without JavaScript: refresh by hand
    assert "/static/invoer/voortgang.js" in pagina and "<script>" not in pagina  # CSP 'self': no inline script


def test_after_applying_no_bsn_birth_date_or_email_stays_in_the_rows(world, django_capture_on_commit_callbacks):
    inhoud = (KOP + "\nA1;Anna;;;Smit;01-02-2018;999990093;;;anna@example.nl;\n"
              "A2;Bert;;;Smit;31-02-2018;999990111;;;bert@example.nl;\n").encode()
    invoer = invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=inhoud)
    with django_capture_on_commit_callbacks(execute=True):
        invoer_pas_toe(invoer=invoer, door=world.ib_a)
    for rij in InvoerRij.objects.filter(invoer=invoer):
        tekst = str(rij.gegevens)
        assert "99999" not in tekst and "@example.nl" not in tekst and "2018" not in tekst, tekst
    assert InvoerRij.objects.get(invoer=invoer, nummer=3).gegevens["ruw"]["voornamen"] == "Bert"


def test_the_beheerder_sees_how_imports_ended_but_not_their_rows(world):
    invoer_maak(school=world.school_a, door=world.ib_a, naam="x.csv", inhoud=VOORBEELD.read_bytes())
    c = _client(world.beheerder)
    r = c.get("/beheer/invoer/invoer/")
    assert r.status_code == 200 and "Voorbeeld: nog niet toegepast" in r.content.decode()
    # the accounts' own names may be anything the factories chose (a 'Fenna' among them): leave them out of the check
    tekst = r.content.decode()
    for u in (world.beheerder, world.ib_a):
        tekst = tekst.replace(u.get_full_name(), "").replace(str(u), "")
    assert "Fenna" not in tekst and "999990032" not in tekst
    assert c.get("/beheer/invoer/invoerrij/").status_code == 404
