"""Issue #19: the AVG rights of families — inzage as a ZIP (art. 15), requests for correction or erasure answered within
the month (art. 12 lid 3, 16, 17; rule G-3), and retention of the pupil file (DOMAIN G-2)."""

import io
import json
import shutil
import subprocess
import zipfile
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.accounts.constants import Rol
from portal.audit.models import Actie, AuditEntry
from portal.documenten.models import Document
from portal.leerlingen.models import Inschrijving, Leerling
from portal.privacy import bewaren
from portal.privacy.models import Bewaaractie, InzageExport, InzageStatus, Rechtenverzoek
from portal.privacy.services import (
    inzage_maak,
    inzage_vraag,
    inzages_opruimen,
    inzages_vangnet,
    rechtenverzoek_dien_in,
)
from portal.termijnen import rules

from .conftest import login_staff
from .factories import PASSWORD, LeerlingFactory, member, ouder_van, zaak_voor


def _klacht(leerling, school, ouder):
    from geschillen.models import Klacht, Klachtencommissie

    commissie = Klachtencommissie.objects.create(naam="Klachtencommissie Test")
    return Klacht.objects.create(leerling=leerling, school=school, commissie=commissie, betreft_school=school,
                                 onderwerp="De school luistert niet naar ons.", ontvangen_op=date(2026, 3, 2),
                                 ingediend_door=ouder)


def _aanmelding(leerling, school):
    from aanmelding.models import Aanmelding

    return Aanmelding.objects.create(leerling=leerling, school=school, ontvangen_op=timezone.now(),
                                     ontvangen_datum=date(2026, 3, 2), gewenste_start=date(2026, 8, 24),
                                     ondersteuning="ja")


@pytest.fixture
def gezin(world):
    """Child A with three cases of different kinds (an OPP, an aanmelding, a klacht) and a document."""
    w = world
    w.opp = zaak_voor(w.kind_a, w.school_a)
    w.aanmelding = _aanmelding(w.kind_a, w.school_a)
    w.klacht = _klacht(w.kind_a, w.school_a, w.ouder_a)
    w.document = Document(zaak=w.opp, naam="verslag-psycholoog.pdf", mime="application/pdf", grootte=9, door=w.ib_a)
    w.document.bestand.save("x.pdf", ContentFile(b"%PDF-test"), save=False)
    w.document.save()
    from portal.zaken.models import Zaak

    w.zaken = list(Zaak.objects.filter(leerling=w.kind_a))  # the world's own case too
    assert {z.zaaktype for z in w.zaken} >= {"opp", "aanmelding", "klacht"}
    return w


def pdf_tekst(pdf: bytes) -> str:
    """The PDF's text: pdftotext when installed (poppler-utils), else pypdf."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _zip(inzage) -> zipfile.ZipFile:
    inzage.refresh_from_db()
    with inzage.bestand.open("rb") as f:
        return zipfile.ZipFile(io.BytesIO(f.read()))


# --- inzage (art. 15) ---------------------------------------------------------------------------------------

@pytest.mark.django_db(transaction=False)
def test_parent_asks_for_a_copy_the_worker_makes_the_zip_with_pdf_files_and_json(gezin, client, django_capture_on_commit_callbacks):
    client.force_login(gezin.ouder_a)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("privacy:inzage_nieuw", args=[gezin.kind_a.pk]))
    inzage = InzageExport.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("privacy:inzage", args=[inzage.pk])
    inzage.refresh_from_db()
    assert inzage.status == InzageStatus.KLAAR and inzage.aantal_zaken == len(gezin.zaken)  # the eager task ran after commit
    z = _zip(inzage)
    namen = z.namelist()
    assert "samenvatting.pdf" in namen and "gegevens.json" in namen
    assert any(n.startswith("bestanden/") and z.read(n) == b"%PDF-test" for n in namen)  # the document as stored
    data = json.loads(z.read("gegevens.json"))
    assert sorted(c["nummer"] for c in data["zaken"]) == sorted(x.nummer for x in gezin.zaken)
    assert data["leerling"]["burgerservicenummer"] == "999990019"
    # the parent was told, in the portal and by e-mail
    from portal.meldingen.models import Notification

    assert Notification.objects.filter(ontvanger=gezin.ouder_a, sleutel=f"privacy:inzage:{inzage.pk}:klaar").exists()
    # request and ready are in the audit trail
    assert AuditEntry.objects.filter(object_type="privacy.inzageexport", object_id=str(inzage.pk)).count() == 2


def test_the_pdf_summary_lists_every_case_and_is_tagged(gezin):
    from .pdfcheck import toegankelijk

    inzage = inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    inzage_maak(inzage.pk)
    pdf = _zip(inzage).read("samenvatting.pdf")
    check = toegankelijk(pdf)
    assert check["tagged"] and check["pdfua"] and check["lang"] == "nl"
    tekst = pdf_tekst(pdf)
    for zaak in gezin.zaken:
        assert zaak.nummer in tekst
    assert "De school luistert niet naar ons." in tekst  # the klacht's own text


def test_the_task_is_idempotent(gezin):
    inzage = inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    inzage_maak(inzage.pk)
    inzage.refresh_from_db()
    eerste = inzage.bestand.name
    inzage_maak(inzage.pk)
    inzage.refresh_from_db()
    assert inzage.bestand.name == eerste
    assert AuditEntry.objects.filter(object_type="privacy.inzageexport", actie=Actie.SYSTEEM).count() == 1


def test_a_second_click_returns_the_copy_being_made(gezin):
    a = inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    b = inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    assert a.pk == b.pk and InzageExport.objects.count() == 1


def test_the_audit_log_in_the_copy_names_role_not_staff_member(gezin, client):
    from portal.audit.services import audit_view

    audit_view(actor=gezin.ib_a, obj=gezin.kind_a, leerling=gezin.kind_a, omschrijving="Dossier geopend")
    from portal.zaken.models import Deling

    Deling.objects.create(zaak=gezin.opp, uitgenodigd_email="helper-geheim@example.nl", rol="onderwijsconsulent",
                          gedeeld_door=gezin.ouder_a, geldig_tot=timezone.now() + timedelta(days=30))
    inzage = inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    inzage_maak(inzage.pk)
    data = json.loads(_zip(inzage).read("gegevens.json"))
    bekeken = [a for a in data["inzage_log"] if a["omschrijving"] == "Dossier geopend"]
    assert bekeken and gezin.ib_a.get_full_name() not in bekeken[0]["wie"]
    assert gezin.ib_a.email not in json.dumps(data)
    assert "helper-geheim@example.nl" not in json.dumps(data)  # another person's contact details
    assert any(z["gedeeld_met"] for z in data["zaken"])  # the share itself is listed


def test_only_the_requester_downloads_and_the_download_is_audited(gezin, client):
    inzage = inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    inzage_maak(inzage.pk)
    url = reverse("privacy:inzage_bestand", args=[inzage.pk])
    ander_gezag = ouder_van(gezin.kind_a)  # the other parent with gezag: their own copy, not this one
    for user in (gezin.ouder_b, ander_gezag):
        client.force_login(user)
        assert client.get(url).status_code == 404
    login_staff(client, gezin.ib_a)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the login
    client.force_login(gezin.ouder_a)
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    assert AuditEntry.objects.filter(object_type="privacy.inzageexport", actie=Actie.GEDOWNLOAD).count() == 1


def test_a_request_made_while_the_broker_was_down_is_queued_again_by_the_safety_net(gezin, monkeypatch):
    """Issue #19 defect 3: the request is stored when the broker is down (the queueing fails quietly); the periodic
    safety net queues it again a few minutes later, and only what still waits."""
    gestuurd = []
    monkeypatch.setattr("portal.celery.verstuur", lambda taak, *args: gestuurd.append((taak, args)) or False)
    with transaction.atomic():
        inzage = inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    assert inzages_vangnet() == 0  # not yet: the first message may still be on its way
    assert inzages_vangnet(nu=timezone.now() + timedelta(minutes=5)) == 1
    assert gestuurd[-1] == ("portal.privacy.tasks.maak_inzage", (inzage.pk,))
    inzage_maak(inzage.pk)
    assert inzages_vangnet(nu=timezone.now() + timedelta(minutes=5)) == 0


def test_the_copy_expires_after_a_week_and_is_deleted(gezin, client):
    inzage = inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    inzage_maak(inzage.pk)
    inzage.refresh_from_db()
    pad = inzage.bestand.path
    assert inzages_opruimen(nu=timezone.now() + timedelta(days=6)) == 0
    assert inzages_opruimen(nu=timezone.now() + timedelta(days=8)) == 1
    inzage.refresh_from_db()
    assert inzage.status == InzageStatus.VERLOPEN and not inzage.bestand
    import os

    assert not os.path.exists(pad)
    client.force_login(gezin.ouder_a)
    assert client.get(reverse("privacy:inzage_bestand", args=[inzage.pk])).status_code == 404


def test_who_may_ask_for_a_copy(gezin, client):
    """The parent with gezag of a minor; not a parent of another child, not the minor's own account, not staff."""
    url = reverse("privacy:leerling", args=[gezin.kind_a.pk])
    client.force_login(gezin.ouder_a)
    assert client.get(url).status_code == 200
    for user in (gezin.ouder_b,):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(reverse("privacy:inzage_nieuw", args=[gezin.kind_a.pk])).status_code == 404
    login_staff(client, gezin.ib_a)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    assert not InzageExport.objects.exists()


def test_an_adult_pupil_asks_for_their_own_copy_and_the_parent_no_longer_can(gezin, client):
    from portal.accounts.models import Membership

    from .factories import UserFactory

    gezin.kind_a.geboortedatum = date(2000, 1, 1)
    pupil = UserFactory()
    Membership.objects.create(user=pupil, rol=Rol.LEERLING)
    gezin.kind_a.account = pupil
    gezin.kind_a.save()
    client.force_login(pupil)
    assert client.get(reverse("privacy:leerling", args=[gezin.kind_a.pk])).status_code == 200
    client.force_login(gezin.ouder_a)
    assert client.get(reverse("privacy:leerling", args=[gezin.kind_a.pk])).status_code == 404


def test_the_pupil_page_links_to_the_privacy_page_for_the_parent_only(gezin, client):
    client.force_login(gezin.ouder_a)
    assert reverse("privacy:leerling", args=[gezin.kind_a.pk]) in client.get(
        reverse("leerlingen:detail", args=[gezin.kind_a.pk])).content.decode()
    login_staff(client, gezin.ib_a)
    assert reverse("privacy:leerling", args=[gezin.kind_a.pk]) not in client.get(
        reverse("leerlingen:detail", args=[gezin.kind_a.pk])).content.decode()


# --- correction and erasure (art. 16, 17), G-3 ------------------------------------------------------------

# (received, expected due date, the case in words) — AVG art. 12 lid 3 counted by Regulation 1182/71 art. 3
G3 = [
    (date(2026, 3, 2), date(2026, 4, 2), "a month later, same date (a Thursday)"),
    (date(2026, 1, 31), date(2026, 3, 2), "31 January: 28 February is a Saturday, so Monday 2 March"),
    (date(2026, 3, 27), date(2026, 4, 28), "27 April is Koningsdag: the next day"),
    (date(2026, 4, 27), date(2026, 5, 27), "received on a holiday: counted from that day"),
    (date(2026, 11, 30), date(2026, 12, 30), "a plain weekday"),
]


@pytest.mark.parametrize("ontvangen,verwacht,geval", G3)
def test_g3_answer_term(ontvangen, verwacht, geval):
    regel = rules.get("G-3")
    assert rules.bereken_uiterlijk(regel.params(), ontvangen) == verwacht, geval


def test_g3_is_registered_with_its_source():
    regel = rules.get("G-3")
    assert regel.app == "privacy" and "AVG art. 12 lid 3" in regel.bron and regel.later_aankondigen


def _organisatie_keuze(w):
    return f"school:{w.school_a.pk}"


def test_parent_files_a_request_the_school_sees_and_answers_it_and_the_parent_reads_the_answer(gezin, client):
    client.force_login(gezin.ouder_a)
    r = client.post(reverse("privacy:verzoek_nieuw", args=[gezin.kind_a.pk]), {
        "aan": _organisatie_keuze(gezin), "soort": "rectificatie", "wat": "De geboortedatum",
        "waarom": "Die klopt niet: het is 17 mei."})
    verzoek = Rechtenverzoek.objects.get()
    assert r.status_code == 302 and verzoek.school == gezin.school_a
    klok = verzoek.klokken["G-3"]
    assert klok.uiterlijk == rules.bereken_uiterlijk(rules.get("G-3").params(), timezone.localdate())
    # the school sees it on its start page and in its list
    login_staff(client, gezin.ib_a)
    assert reverse("privacy:verzoek", args=[verzoek.pk]) in client.get(reverse("core:home")).content.decode()
    assert verzoek.nummer in client.get(reverse("privacy:verzoeken")).content.decode()
    # a refusal without reasons is refused at its field, nothing saved
    url = reverse("privacy:verzoek_actie", args=[verzoek.pk, "beantwoorden"])
    r = client.post(url, {"uitkomst": "afgewezen", "motivering": "Nee."})
    assert r.status_code == 200 and "redenen" in r.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.status == "ingediend" and not verzoek.uitkomst
    r = client.post(url, {"uitkomst": "afgewezen", "motivering": "De geboortedatum komt uit de basisregistratie en klopt."})
    assert r.status_code == 302
    verzoek.refresh_from_db()
    assert verzoek.status == "beantwoord" and verzoek.beantwoord_op == timezone.localdate()
    assert verzoek.klokken["G-3"].gesloten_op == timezone.localdate()
    # the parent reads the answer and the date
    client.force_login(gezin.ouder_a)
    pagina = client.get(reverse("privacy:verzoek", args=[verzoek.pk])).content.decode()
    assert "basisregistratie" in pagina and "Afgewezen" in pagina and "Autoriteit Persoonsgegevens" in pagina


def test_the_request_page_is_404_for_other_family_other_school_and_anonymous(gezin, client):
    verzoek = rechtenverzoek_dien_in(leerling=gezin.kind_a, door=gezin.ouder_a, aan=_organisatie_keuze(gezin),
                                     soort="wissing", wat="Het verslag", waarom="Het hoort er niet in.")
    url = reverse("privacy:verzoek", args=[verzoek.pk])
    client.force_login(gezin.ouder_b)
    assert client.get(url).status_code == 404
    login_staff(client, gezin.ib_b)
    assert client.get(url).status_code == 404
    assert client.post(reverse("privacy:verzoek_actie", args=[verzoek.pk, "beantwoorden"]),
                       {"uitkomst": "toegewezen"}).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(gezin.ouder_a)
    assert client.get(url).status_code == 200
    # the parent cannot answer their own request
    assert client.post(reverse("privacy:verzoek_actie", args=[verzoek.pk, "beantwoorden"]),
                       {"uitkomst": "toegewezen"}).status_code == 404


@pytest.mark.parametrize("data,veld", [
    ({"aan": "", "soort": "wissing", "wat": "Het verslag", "waarom": "Hoort er niet in."}, "aan"),
    ({"aan": "school:999999", "soort": "wissing", "wat": "Het verslag", "waarom": "Hoort er niet in."}, "aan"),
    ({"aan": "X", "soort": "wissing", "wat": "Het verslag", "waarom": "Hoort er niet in."}, "aan"),
    ({"aan": "@", "soort": "iets", "wat": "Het verslag", "waarom": "Hoort er niet in."}, "soort"),
    ({"aan": "@", "soort": "wissing", "wat": "", "waarom": "Hoort er niet in."}, "wat"),
    ({"aan": "@", "soort": "wissing", "wat": "Het verslag", "waarom": "  "}, "waarom"),
    ({"aan": "@", "soort": "wissing", "wat": "x" * 2001, "waarom": "Hoort er niet in."}, "wat"),
    ({"aan": "@", "soort": "wissing", "wat": "Het \u202everslag", "waarom": "Hoort er niet in."}, "wat"),
])
def test_request_form_bad_input_is_refused_at_the_field_and_kept(gezin, client, data, veld):
    data = {**data, "aan": _organisatie_keuze(gezin) if data["aan"] == "@" else data["aan"]}
    client.force_login(gezin.ouder_a)
    r = client.post(reverse("privacy:verzoek_nieuw", args=[gezin.kind_a.pk]), data)
    assert r.status_code == 200
    assert veld in r.context["form"].errors
    assert not Rechtenverzoek.objects.exists()
    if data["waarom"].strip():
        assert data["waarom"] in r.content.decode()  # input kept


def test_extension_within_three_months_with_a_reason(gezin, client):
    verzoek = rechtenverzoek_dien_in(leerling=gezin.kind_a, door=gezin.ouder_a, aan=_organisatie_keuze(gezin),
                                     soort="wissing", wat="Het verslag", waarom="Het hoort er niet in.",
                                     vandaag=date(2026, 3, 2))
    login_staff(client, gezin.ib_a)
    url = reverse("privacy:verzoek_actie", args=[verzoek.pk, "verlengen"])
    from portal.privacy.services import rechtenverzoek_verleng
    from portal.zaken.services import ZaakFout

    with pytest.raises(ZaakFout):
        rechtenverzoek_verleng(verzoek=verzoek, door=gezin.ib_a, datum=date(2026, 6, 3), reden="Veel gegevens",
                               vandaag=date(2026, 3, 20))
    rechtenverzoek_verleng(verzoek=verzoek, door=gezin.ib_a, datum=date(2026, 6, 2), reden="Veel gegevens",
                           vandaag=date(2026, 3, 20))
    assert Rechtenverzoek.objects.get().klokken["G-3"].uiterlijk == date(2026, 6, 2)
    assert client.post(url, {"datum": "", "reden": ""}).status_code == 200  # bad input: back on the page


# --- retention (G-2) --------------------------------------------------------------------------------------

@pytest.fixture
def vertrokken(world):
    """Child A left school on 31 July 2022 (its OPP closed); child B is still enrolled; child C left in 2022 but has a
    case that is still open."""
    w = world
    vandaag = date(2026, 3, 2)
    Inschrijving.objects.filter(leerling=w.kind_a).update(tot=date(2022, 7, 31))
    w.opp = zaak_voor(w.kind_a, w.school_a)
    from portal.zaken.models import Zaak

    Zaak.objects.filter(leerling=w.kind_a).update(afgesloten_op=timezone.make_aware(timezone.datetime(2022, 7, 1)),
                                            status="beeindigd")
    w.document = Document(zaak=w.opp, naam="verslag.pdf", mime="application/pdf", grootte=3, door=w.ib_a)
    w.document.bestand.save("x.pdf", ContentFile(b"abc"), save=False)
    w.document.save()
    w.kind_c = LeerlingFactory(voornamen="Cas")
    ouder_van(w.kind_c)
    Inschrijving.objects.create(leerling=w.kind_c, school=w.school_a, van=date(2020, 8, 1), tot=date(2022, 7, 31))
    w.open_zaak = zaak_voor(w.kind_c, w.school_a)
    w.vandaag = vandaag
    return w


def test_retention_dry_run_lists_and_changes_nothing(vertrokken):
    w = vertrokken
    voor = (Leerling.objects.get(pk=w.kind_a.pk).achternaam, Document.objects.count(), AuditEntry.objects.count())
    voorstellen = bewaren.overzicht(w.vandaag)
    per = {(v.leerling_id, v.regel_id): v for v in voorstellen}
    assert (w.kind_a.pk, "G-2") in per and not per[(w.kind_a.pk, "G-2")].blokkade
    assert per[(w.kind_a.pk, "G-2")].vanaf == date(2024, 7, 31)
    assert (w.kind_a.pk, "G-2b") not in per  # 5 years: not before 31 July 2027
    assert per[(w.kind_c.pk, "G-2")].blokkade  # an open case: it waits
    assert not any(v.leerling_id == w.kind_b.pk for v in voorstellen)  # still enrolled
    call_command("bewaartermijnen", stdout=io.StringIO())
    assert (Leerling.objects.get(pk=w.kind_a.pk).achternaam, Document.objects.count(),
            AuditEntry.objects.count()) == voor
    assert not Bewaaractie.objects.exists()


def test_retention_run_anonymises_exactly_what_is_due_and_audits_it_without_the_data(vertrokken):
    w = vertrokken
    naam, bsn = w.kind_a.achternaam, w.kind_a.bsn
    from portal.zaken.models import Zaak

    zaken = Zaak.objects.filter(leerling=w.kind_a).count()
    pad = Document.objects.get(pk=w.document.pk).bestand.path
    gedaan = bewaren.bewaartermijnen_uitvoeren(door=None, vandaag=w.vandaag)
    assert [(v.leerling_id, v.regel_id) for v in gedaan] == [(w.kind_a.pk, "G-2")]
    a = Leerling.objects.get(pk=w.kind_a.pk)
    assert a.achternaam != naam and a.bsn == "" and a.geboortedatum == date(2018, 1, 1)
    assert not a.gezag.exists() and not Document.objects.filter(zaak__leerling=a).exists()
    import os

    assert not os.path.exists(pad)
    assert Zaak.objects.filter(leerling=a).count() == zaken  # the counts stay
    assert a.inschrijvingen.exists()  # G-2b only after 5 years
    # the others are untouched
    assert Leerling.objects.get(pk=w.kind_c.pk).voornamen == "Cas"
    assert Leerling.objects.get(pk=w.kind_b.pk).bsn == "999990020"
    regel = AuditEntry.objects.get(actie=Actie.VERWIJDERD, leerling=a)
    tekst = json.dumps([regel.omschrijving, regel.object_label, regel.wijzigingen, regel.actor_omschrijving])
    assert naam not in tekst and bsn not in tekst and "G-2" in regel.omschrijving
    # a second run does nothing more
    assert bewaren.bewaartermijnen_uitvoeren(door=None, vandaag=w.vandaag) == []


def test_retention_run_wipes_the_pupils_own_account(vertrokken, client):
    """G-2: the pupil's own login (B-7) goes with the pupil's data — no name, no address, no login."""
    from portal.accounts.models import User

    w = vertrokken
    eigen = member(Rol.LEERLING, email="sanne@example.nl", first_name="Sanne")
    Leerling.objects.filter(pk=w.kind_a.pk).update(account=eigen)
    wacht = member(Rol.LEERLING, email="cas@example.nl")
    Leerling.objects.filter(pk=w.kind_c.pk).update(account=wacht)  # kind_c waits (an open case): untouched
    client.force_login(eigen)
    bewaren.bewaartermijnen_uitvoeren(door=None, vandaag=w.vandaag)
    eigen.refresh_from_db()
    assert not eigen.is_active and not eigen.has_usable_password()
    assert "sanne" not in eigen.email and eigen.first_name == "" and not eigen.memberships.exists()
    assert client.get(reverse("core:home")).status_code == 302  # the session is gone with it
    assert User.objects.get(pk=wacht.pk).is_active
    assert client.post(reverse("accounts:login"), {"username": "sanne@example.nl", "password": PASSWORD}).status_code == 200


def test_retention_g2b_deletes_enrolments_after_five_years(vertrokken):
    w = vertrokken
    later = date(2027, 8, 1)
    gedaan = bewaren.bewaartermijnen_uitvoeren(door=None, vandaag=later)
    assert {(v.leerling_id, v.regel_id) for v in gedaan} == {(w.kind_a.pk, "G-2"), (w.kind_a.pk, "G-2b")}
    assert not Inschrijving.objects.filter(leerling=w.kind_a).exists()


def test_retention_command_with_uitvoeren_runs(vertrokken):
    out = io.StringIO()
    call_command("bewaartermijnen", "--uitvoeren", stdout=out)
    assert "Uitgevoerd" in out.getvalue()


def test_the_daily_task_deletes_nothing_unless_enabled(vertrokken, settings):
    from portal.privacy.tasks import bewaartermijnen_taak

    assert bewaartermijnen_taak() == 0 and not Bewaaractie.objects.exists()
    settings.PRIVACY_BEWAREN_AUTOMATISCH = True
    assert bewaartermijnen_taak() >= 1


def test_retention_page_beheerder_only_dry_run_then_run_after_reauth(vertrokken, client):
    w = vertrokken
    url = reverse("privacy:bewaartermijnen")
    for user in (w.ouder_a, w.ib_a):
        if user.vereist_2fa:
            login_staff(client, user)
        else:
            client.force_login(user)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    beheerder = member(Rol.BEHEERDER)
    login_staff(client, beheerder)  # re-authenticated just now (the helper sets the moment)
    session = client.session
    import time

    session["portal_reauth_at"] = time.time()
    session.save()
    r = client.get(url)
    assert r.status_code == 200 and f"Leerling #{w.kind_a.pk}" in r.content.decode()
    assert not Bewaaractie.objects.exists()
    r = client.post(url, {})  # not confirmed
    assert r.status_code == 200 and not Bewaaractie.objects.exists()
    r = client.post(url, {"bevestig": "on"})
    assert r.status_code == 302 and Bewaaractie.objects.filter(leerling=w.kind_a, regel_id="G-2").exists()


def test_mail_is_sent_when_the_copy_is_ready(gezin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        inzage_vraag(leerling=gezin.kind_a, door=gezin.ouder_a)
    from portal.meldingen.services import outbox_verwerk

    outbox_verwerk()
    assert any(gezin.ouder_a.email in m.to for m in mail.outbox)


def test_a_request_sent_twice_with_the_same_form_token_is_stored_once(gezin, client):
    """Issue #19 defect 4: the request form carries the kit's form token; the second submit goes to the first one."""
    from portal.basis.forms import TOKEN_VELD, nieuw_token

    client.force_login(gezin.ouder_a)
    url = reverse("privacy:verzoek_nieuw", args=[gezin.kind_a.pk])
    assert TOKEN_VELD in client.get(url).content.decode()
    data = {"aan": _organisatie_keuze(gezin), "soort": "wissing", "wat": "Het verslag van 2024",
            "waarom": "Het is niet meer nodig.", TOKEN_VELD: str(nieuw_token())}
    eerste, tweede = client.post(url, data), client.post(url, data)
    verzoek = Rechtenverzoek.objects.get()
    assert eerste.status_code == tweede.status_code == 302
    assert tweede["Location"] == eerste["Location"] == reverse("privacy:verzoek", args=[verzoek.pk])


def test_retention_keeps_an_account_that_is_also_a_parent(vertrokken):
    """An adult former pupil who is now a parent with gezag keeps their login; only the link to the old pupil goes."""
    from portal.leerlingen.models import Gezag

    w = vertrokken
    eigen = member(Rol.LEERLING, email="oud-leerling@example.nl")
    Leerling.objects.filter(pk=w.kind_a.pk).update(account=eigen)
    Gezag.objects.create(leerling=w.kind_b, ouder=eigen)
    bewaren.bewaartermijnen_uitvoeren(door=None, vandaag=w.vandaag)
    eigen.refresh_from_db()
    assert eigen.is_active and eigen.email == "oud-leerling@example.nl"
    assert Leerling.objects.get(pk=w.kind_a.pk).account_id is None
