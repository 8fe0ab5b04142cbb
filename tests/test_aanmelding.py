"""Aanmelding and zorgplicht (issue #4): filing, receipt, requests and pauses, extension, decision,
tijdelijke inschrijving. Rule ids of DOMAIN §4 in the comments."""

import re
import shutil
import subprocess
from datetime import date as d
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from aanmelding import services as s
from aanmelding.constants import BesluitSoort, NotitieSoort, PlaatsingStatus, Status
from aanmelding.models import Aanmelding
from portal.accounts.constants import Rol
from portal.audit.models import AuditEntry
from portal.documenten.models import Brief
from portal.documenten.services import brieven_render_wachtend
from portal.leerlingen.models import Inschrijving, Leerling, ToestemmingStatus
from portal.meldingen.models import OutboxEmail
from portal.termijnen.sweep import sweep_due_clocks
from portal.zaken import services as zaken
from portal.zaken.services import ZaakFout

from .conftest import login_staff
from .factories import LeerlingFactory, SchoolFactory, aanbod_voor, member, ouder_van

AMS = ZoneInfo("Europe/Amsterdam")
from .factories import PDF  # noqa: E402  (a real PDF)


def moment(y, m, day, h=10, mi=0):
    return datetime(y, m, day, h, mi, tzinfo=AMS)


@pytest.fixture
def gezin(world):
    world.kind = LeerlingFactory(geboortedatum=d(2020, 1, 10), voornamen="Mila", achternaam="Jansen")
    world.ouder = ouder_van(world.kind, brieven_digitaal=True)  # letters reach them in the portal (Awb 2:14)
    from portal.organisaties.models import Gemeente

    world.gemeente = Gemeente.objects.create(code="GM0344", naam="Utrecht")
    return world


def dien_in(w, *, school=None, nu=None, positie=1, andere=(), ondersteuning="ja", kind=None, **kw):
    nu = nu or moment(2026, 3, 2)
    with time_machine.travel(nu, tick=False):  # the clocks start on the day of receipt
        return _dien_in(w, school=school, nu=nu, positie=positie, andere=andere, ondersteuning=ondersteuning, kind=kind, **kw)


def _dien_in(w, *, school, nu, positie, andere, ondersteuning, kind, **kw):
    return s.aanmelding_dien_in(
        ouder=w.ouder, school=school or w.school_a, gewenste_start=d(2026, 8, 24), ondersteuning=ondersteuning,
        wat_belangrijk="Rust in de klas", gezag_verklaard=True, voorkeur_positie=positie,
        andere_scholen=[{"school_id": x.pk, "naam": x.naam} for x in andere], leerling=kind or w.kind,
        nu=nu or moment(2026, 3, 2), **kw)


def test_filing_starts_clocks_and_queues_receipt_in_one_transaction(gezin):
    a = dien_in(gezin, documenten=[(SimpleUploadedFile("verslag.pdf", PDF), True)])
    k = a.klokken
    assert k["A-6"].uiterlijk == d(2026, 4, 13)  # 2 March + 6 weeks
    assert k["A-9"].uiterlijk == d(2026, 5, 11)  # + 10 weeks
    assert a.zorgplicht  # support yes and first preference
    assert Brief.objects.get(zaak=a).gemaakt_op is None  # the PDF is made by a task after commit
    mail = OutboxEmail.objects.get(aan=gezin.ouder.email)
    assert "2 maart 2026 om 10:00" in mail.tekst and "13 april 2026" in mail.tekst and f"/aanmelding/{a.pk}/" in mail.tekst
    for gevoelig in ("Rust in de klas", "ondersteuning nodig", gezin.kind.achternaam):
        assert gevoelig not in mail.tekst


def test_failure_leaves_nothing_half_saved(gezin):
    with pytest.raises(s.AanmeldingFout):
        s.aanmelding_dien_in(ouder=gezin.ouder, school=gezin.school_a, gewenste_start=d(2026, 8, 24), ondersteuning="ja",
                             wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=3, andere_scholen=[],
                             nieuw_kind={"voornamen": "Nieuw", "achternaam": "Kind", "geboortedatum": d(2020, 1, 1)},
                             nu=moment(2026, 3, 2))
    assert not Leerling.objects.filter(voornamen="Nieuw").exists()
    assert not Aanmelding.objects.exists() and not OutboxEmail.objects.exists()


@pytest.mark.parametrize(
    "positie, ondersteuning, zorgplicht, tekst",
    [
        (1, "ja", True, "heeft deze school zorgplicht"),  # first preference + support
        (1, "waarschijnlijk", True, "heeft deze school zorgplicht"),  # probably counts
        (2, "ja", False, "ligt bij uw school van eerste voorkeur"),  # another school holds it
        (1, "nee", False, "kijkt of uw kind extra ondersteuning nodig heeft"),
        (1, "weet_niet", False, "kijkt of uw kind extra ondersteuning nodig heeft"),
    ],
)
def test_zorgplicht_holder(gezin, positie, ondersteuning, zorgplicht, tekst):
    a = dien_in(gezin, positie=positie, andere=[gezin.school_b], ondersteuning=ondersteuning)
    assert a.zorgplicht is zorgplicht
    assert tekst in s.zorgplicht_tekst(a, a.leerling.voorkeuren.first()).lower()


def test_latest_preference_wins_and_is_audited(gezin):
    a1 = dien_in(gezin, positie=1, andere=[gezin.school_b])
    a2 = dien_in(gezin, school=gezin.school_b, positie=1, andere=[gezin.school_a])
    a1.refresh_from_db()
    assert (a1.voorkeur_positie, a2.voorkeur_positie) == (2, 1)
    assert AuditEntry.objects.filter(object_id=str(a1.pk), wijzigingen__has_key="voorkeur_positie").exists() or \
        AuditEntry.objects.filter(object_id=str(a1.pk), omschrijving="Nieuwe voorkeursverklaring").exists()


def test_too_young_refused(gezin):
    baby = LeerlingFactory(geboortedatum=d(2024, 6, 1))
    ouder_van(baby).delete()
    from portal.leerlingen.models import Gezag

    Gezag.objects.create(leerling=baby, ouder=gezin.ouder)
    with pytest.raises(s.AanmeldingFout, match="vanaf 3 jaar"):
        dien_in(gezin, kind=baby)


def test_information_request_pauses_and_answer_moves_deadline(gezin):
    a = dien_in(gezin)
    v = s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="Het verslag van de logopedist",
                             antwoord_uiterlijk=d(2026, 3, 24), vandaag=d(2026, 3, 10))
    assert a.klokken["A-6"].uiterlijk is None  # suspended: no due date, no reminders
    s.verzoek_beantwoord(verzoek=v, ouder=gezin.ouder, antwoord="Bijgevoegd", vandaag=d(2026, 3, 20))
    # stood still from 11 March (the day after the request) up to 20 March: 9 days
    k = a.klokken
    assert k["A-6"].uiterlijk == d(2026, 4, 22) and k["A-9"].uiterlijk == d(2026, 5, 20)


def test_lapsed_request_ends_pause_and_starts_a8(gezin):
    a = dien_in(gezin)
    s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="x", antwoord_uiterlijk=d(2026, 3, 17),
                         vandaag=d(2026, 3, 10))
    with pytest.raises(s.AanmeldingFout, match="niet binnen de termijn"):
        s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.NIET_IN_BEHANDELING, motivering="m")
    assert zaken.verzoeken_verlopen(vandaag=d(2026, 3, 18)) == 1
    k = a.klokken
    assert k["A-6"].uiterlijk == d(2026, 4, 20)  # paused 11–17 March (7 days)
    assert k["A-8"].uiterlijk == d(2026, 4, 14)  # 4 weeks after the term lapsed (17 March)
    s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.NIET_IN_BEHANDELING, motivering="Geen informatie")


def test_extension_once_with_letter(gezin):
    a = dien_in(gezin)
    s.aanmelding_verleng(aanmelding=a, door=gezin.ib_a, weken=3, reden="Onderzoek", vandaag=d(2026, 4, 1))
    assert a.klokken["A-6"].uiterlijk == d(2026, 5, 4)
    assert a.klokken["A-9"].uiterlijk == d(2026, 5, 11)  # A-9 does not move with an extension
    assert a.brieven.filter(soort="aanmelding.verlenging").exists()
    with pytest.raises(s.AanmeldingFout, match="maar één verlenging"):
        s.aanmelding_verleng(aanmelding=a, door=gezin.ib_a, weken=1, reden="Nog eens", vandaag=d(2026, 4, 2))


def _plek_elders(gezin, a):
    return s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.PLEK_ELDERS,
                                motivering="De Wegwijzer biedt de kleine groep die Mila nodig heeft.",
                                ontvangende_school=gezin.school_b)


def test_place_elsewhere_only_after_acceptance_and_consultation(gezin):
    a = dien_in(gezin, documenten=[(SimpleUploadedFile("delen.pdf", PDF), True), (SimpleUploadedFile("prive.pdf", PDF), False)])
    with pytest.raises(s.AanmeldingFout, match="niet geaccepteerd"):
        _plek_elders(gezin, a)
    verzoek = s.plaatsing_vraag(aanmelding=a, door=gezin.ib_a, school=gezin.school_b, toelichting="Kleine groep nodig")
    assert [doc.naam for doc in verzoek.documenten.all()] == ["delen.pdf"]  # only what parents allowed
    with pytest.raises(s.AanmeldingFout):
        _plek_elders(gezin, a)
    s.plaatsing_beantwoord(verzoek=verzoek, door=gezin.ib_b, akkoord=True, antwoord="Welkom")
    with pytest.raises(s.AanmeldingFout, match="overleg met de ouders"):  # in consultation with the parents
        _plek_elders(gezin, a)
    s.notitie_voeg_toe(aanmelding=a, door=gezin.ib_a, soort=NotitieSoort.OVERLEG_OUDERS, tekst="Besproken", datum=d(2026, 3, 20))
    _plek_elders(gezin, a)
    assert Aanmelding.objects.get(pk=a.pk).status == Status.BESLUIT_VOORBEREID


def test_other_school_cannot_answer_for_another(gezin):
    a = dien_in(gezin)
    verzoek = s.plaatsing_vraag(aanmelding=a, door=gezin.ib_a, school=gezin.school_b, toelichting="x")
    with pytest.raises(s.AanmeldingFout):
        s.plaatsing_beantwoord(verzoek=verzoek, door=gezin.ib_a, akkoord=True, antwoord="")
    assert verzoek.status == PlaatsingStatus.GEVRAAGD


@pytest.mark.parametrize("grond, fout", [("", "grond"), ("toelatingseisen", "voortgezet onderwijs"), ("profiel", "grond")])
def test_refusal_needs_a_ground_outside_zorgplicht(gezin, grond, fout):
    a = dien_in(gezin)
    with pytest.raises(s.AanmeldingFout, match=fout):
        s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.NIET_TOEGELATEN, motivering="m", grond=grond)


def test_signing_by_directeur_closes_clock_and_starts_parents_terms(gezin):
    a = dien_in(gezin)
    with pytest.raises(s.AanmeldingFout, match="aanbod"):  # the offer is the arrangement, composed first
        s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.TOEGELATEN_ONDERSTEUNING, motivering="m")
    aanbod_voor(a, gezin.ib_a)
    besluit = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.TOEGELATEN_ONDERSTEUNING,
                                   motivering="Wij kunnen bieden wat nodig is")
    with pytest.raises(ZaakFout, match="mandaat"):  # only someone with a current mandate signs (the core refuses)
        zaken.besluit_onderteken(besluit=besluit, door=gezin.ib_a, vandaag=d(2026, 4, 10))
    zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 4, 10))
    k = a.klokken
    assert k["A-6"].uitkomst == "op_tijd" and k["A-9"].gesloten_op == d(2026, 4, 10)
    # A-13 (Atw: 22 May), D-2: the parents' terms run from the bekendmaking, as clocks of the decision
    assert (k["A-13"].uiterlijk, k["D-2"].uiterlijk) == (d(2026, 5, 22), d(2026, 5, 22))
    assert k["A-13"].besluit_id == besluit.pk
    ins = Inschrijving.objects.get(leerling=gezin.kind, school=gezin.school_a)
    assert ins.soort == "definitief" and ins.van == d(2026, 8, 24)
    assert "A-15" in k  # report to leerplicht
    with pytest.raises(ZaakFout):
        zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 4, 11))


def test_late_decision_is_marked_late(gezin):
    a = dien_in(gezin)
    besluit = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.TOEGELATEN, motivering="Welkom")
    zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 4, 14))  # due 13 April
    assert a.klokken["A-6"].uitkomst == "te_laat"


def test_letters_render_as_pdf_with_school_time_and_deadline(gezin):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt (apt-get install poppler-utils)")
    a = dien_in(gezin)
    assert brieven_render_wachtend() == 1
    brief = a.brieven.get()
    tekst = subprocess.run(["pdftotext", "-layout", brief.bestand.path, "-"], capture_output=True, text=True).stdout
    assert gezin.school_a.naam in tekst
    assert "maandag 2 maart 2026 om 10:00" in tekst
    assert "maandag 13 april 2026" in tekst
    assert "Pagina 1 van" in tekst
    assert brieven_render_wachtend() == 0  # never regenerated


def test_tijdelijke_inschrijving_once_per_child_by_the_sweep(gezin):
    a1 = dien_in(gezin, andere=[gezin.school_b])
    dien_in(gezin, school=gezin.school_b, positie=2, andere=[gezin.school_a])
    sweep_due_clocks(vandaag=d(2026, 5, 11))
    assert not Inschrijving.objects.filter(leerling=gezin.kind).exists()
    with time_machine.travel(moment(2026, 5, 12, 7), tick=False):
        sweep_due_clocks(vandaag=d(2026, 5, 12))  # the day after 10 weeks
        sweep_due_clocks(vandaag=d(2026, 5, 13))
    ins = Inschrijving.objects.get(leerling=gezin.kind)  # once, though both schools' clocks lapsed
    assert ins.soort == "tijdelijk" and ins.van == d(2026, 5, 12) and ins.school == gezin.school_a
    assert AuditEntry.objects.filter(systeem=True, object_type="leerlingen.inschrijving").count() == 1
    assert a1.brieven.filter(soort="aanmelding.tijdelijke_inschrijving").exists()
    # admission makes it definitive
    besluit = s.besluit_voorbereid(aanmelding=a1, door=gezin.ib_a, soort=BesluitSoort.TOEGELATEN, motivering="Welkom")
    zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 5, 20))
    ins.refresh_from_db()
    assert ins.soort == "definitief"


def test_tijdelijke_inschrijving_not_before_fourth_birthday(gezin):
    jong = LeerlingFactory(geboortedatum=d(2022, 6, 1))
    from portal.leerlingen.models import Gezag

    Gezag.objects.create(leerling=jong, ouder=gezin.ouder)
    dien_in(gezin, kind=jong)
    with time_machine.travel(moment(2026, 5, 12, 7), tick=False):
        sweep_due_clocks(vandaag=d(2026, 5, 12))
    assert Inschrijving.objects.get(leerling=jong).van == d(2026, 6, 1)


def test_refusal_ends_temporary_enrolment(gezin):
    a = dien_in(gezin)
    with time_machine.travel(moment(2026, 5, 12, 7), tick=False):
        sweep_due_clocks(vandaag=d(2026, 5, 12))
    besluit = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.NIET_TOEGELATEN, motivering="Vol",
                                   grond="plaatsgebrek")
    zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 5, 20))
    assert Inschrijving.objects.get(leerling=gezin.kind).tot == d(2026, 5, 20)


def test_consent_grant_refuse_withdraw(gezin):
    a = dien_in(gezin)
    v = s.verzoek_toestemming(aanmelding=a, door=gezin.ib_a, omschrijving="Onderzoek", doel="Leerbehoefte bepalen",
                              omvang="Toetsgegevens, 1 jaar", organisatie="Orthopedagoog")
    zaken.toestemming_beslis(toestemming=v.toestemming, door=gezin.ouder, keuze="gegeven")
    zaken.toestemming_beslis(toestemming=v.toestemming, door=gezin.ouder, keuze="ingetrokken")
    assert v.toestemming.status() == ToestemmingStatus.INGETROKKEN
    with pytest.raises(ZaakFout):
        zaken.toestemming_beslis(toestemming=v.toestemming, door=gezin.ouder, keuze="gegeven")
    with pytest.raises(ZaakFout, match="doel"):  # the core's consent request refuses
        s.verzoek_toestemming(aanmelding=a, door=gezin.ib_a, omschrijving="x", doel="", omvang="", organisatie="")


def test_withdraw_tells_school_and_ends_clocks(gezin):
    a = dien_in(gezin)
    s.aanmelding_trek_in(aanmelding=a, ouder=gezin.ouder, reden="Andere school gekozen")
    assert all(c.uitkomst == "vervallen" for c in a.klokken.values())
    assert OutboxEmail.objects.filter(aan=gezin.ib_a.email, onderwerp="Aanmelding ingetrokken").exists()


def test_paper_registration_keeps_real_date(gezin, client):
    login_staff(client, gezin.ib_a)
    r = client.post(reverse("aanmelding:papier"), {
        "school": gezin.school_a.pk, "kanaal": "papier", "ontvangen_datum": "2026-03-02", "ontvangen_tijd": "09:15", "gewenste_start": "2026-08-24",
        "ondersteuning": "ja", "voorkeur_positie": "1", "voornamen": "Sam", "achternaam": "de Wit",
        "geboortedatum_0": "2", "geboortedatum_1": "2", "geboortedatum_2": "2020", "gezag": "on"})
    a = Aanmelding.objects.get(leerling__voornamen="Sam")
    assert r.status_code == 302 and a.ontvangen_datum == d(2026, 3, 2) and a.kanaal == "papier"
    assert a.klokken["A-6"].uiterlijk == d(2026, 4, 13)
    assert AuditEntry.objects.filter(object_id=str(a.pk), actor=gezin.ib_a, actie="aangemaakt").exists()
    r = client.post(reverse("aanmelding:papier"), {"kanaal": "papier", "ontvangen_datum": "2099-01-01"})
    assert "niet in de toekomst" in r.content.decode()
    r = client.post(reverse("aanmelding:papier"), {"school": gezin.school_b.pk})  # not the user's school
    assert "Selecteer een geldige keuze" in r.content.decode()


# --- views: access, forms, query counts ----------------------------------------------------------------

def test_parent_files_online_with_document_and_sees_receipt(gezin, client):
    client.force_login(gezin.ouder)
    with time_machine.travel(moment(2026, 3, 2, 14, 30), tick=False):
        r = client.post(reverse("aanmelding:nieuw"), {
            "kind": gezin.kind.pk, "school": gezin.school_a.pk, "gewenste_start": "2026-08-24", "ondersteuning": "ja",
            "voorkeur_positie": "1", "wat_belangrijk": "Rust", "gezag": "on", "brieven": "digitaal",
            "woongemeente": gezin.gemeente.pk,
            "document_1": SimpleUploadedFile("verslag.pdf", PDF), "delen_1": "on"})
        assert r.status_code == 302
        body = client.get(r.url).content.decode()
    assert gezin.school_a.naam in body and "maandag 2 maart 2026 om 14:30" in body and "maandag 13 april 2026" in body
    assert "wordt gemaakt" in body and "heeft deze school zorgplicht" in body


@pytest.mark.parametrize(
    "wijziging, fout",
    [
        ({"gezag": ""}, "Alleen een ouder met gezag"),
        ({"school": ""}, "Kies eerst de school"),  # back to the first step, nothing stored
        ({"school": "999999"}, "Die school kennen wij niet"),
        ({"gewenste_start": "morgen"}, "geldige datum"),
        ({"document_1": SimpleUploadedFile("nep.pdf", b"MZ\x90\x00 dit is geen pdf")}, "Alleen PDF, PNG of JPG"),
        ({"kind": "", "voornamen": ""}, "nog niet in het portaal staat"),
        ({"kind": "", "voornamen": "A", "achternaam": "B", "geboortedatum_0": "1", "geboortedatum_1": "1",
          "geboortedatum_2": "2020", "bsn": "123456789"}, "elfproef"),
        ({"voorkeur_positie": "3"}, "voorkeur klopt niet"),
    ],
)
def test_filing_bad_input(gezin, client, wijziging, fout):
    client.force_login(gezin.ouder)
    data = {"kind": gezin.kind.pk, "school": gezin.school_a.pk, "gewenste_start": "2026-08-24", "ondersteuning": "ja",
            "voorkeur_positie": "1", "gezag": "on", "brieven": "digitaal", "woongemeente": gezin.gemeente.pk} | wijziging
    data = {k: v for k, v in data.items() if v != ""}
    r = client.post(reverse("aanmelding:nieuw"), data)
    assert r.status_code == 200 and fout in r.content.decode()
    assert not Aanmelding.objects.exists()


def test_file_too_large_refused(gezin, client, settings):
    settings.DOCUMENTEN_MAX_UPLOAD = 100
    client.force_login(gezin.ouder)
    r = client.post(reverse("aanmelding:nieuw"), {
        "kind": gezin.kind.pk, "school": gezin.school_a.pk, "gewenste_start": "2026-08-24", "ondersteuning": "ja",
        "voorkeur_positie": "1", "gezag": "on", "brieven": "digitaal",
        "document_1": SimpleUploadedFile("groot.pdf", PDF + b"x" * 200)})
    assert "te groot" in r.content.decode()


def test_duplicate_bsn_of_other_family_is_not_revealed(gezin, client):
    client.force_login(gezin.ouder)
    r = client.post(reverse("aanmelding:nieuw"), {
        "voornamen": "Zoë", "achternaam": "Bakker", "geboortedatum_0": "3", "geboortedatum_1": "3",
        "geboortedatum_2": "2020", "bsn": gezin.kind_b.bsn, "school": gezin.school_a.pk, "gewenste_start": "2026-08-24",
        "ondersteuning": "nee", "voorkeur_positie": "1", "gezag": "on", "brieven": "post",
        "woongemeente": gezin.gemeente.pk})
    assert r.status_code == 302
    a = Aanmelding.objects.get()
    assert a.leerling != gezin.kind_b and a.leerling.bsn == "" and a.opgegeven_bsn == gezin.kind_b.bsn
    body = client.get(r.url).content.decode()
    assert gezin.kind_b.achternaam not in body and gezin.school_b.naam not in body


def test_access_other_school_other_family_anonymous(gezin, client):
    a = dien_in(gezin, documenten=[(SimpleUploadedFile("v.pdf", PDF), True)])
    brieven_render_wachtend()
    v = s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="x", antwoord_uiterlijk=d(2026, 3, 24),
                             vandaag=d(2026, 3, 10))
    besluit = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.TOEGELATEN, motivering="Welkom")
    urls = [reverse("aanmelding:detail", args=[a.pk]), reverse("aanmelding:dossier", args=[a.pk]),
            reverse("documenten:brief", args=[a.brieven.first().pk]),
            reverse("documenten:document", args=[a.documenten.first().pk]),
            reverse("zaken:verzoek", args=[v.pk]), reverse("aanmelding:intrekken", args=[a.pk]),
            reverse("zaken:ondertekenen", args=[besluit.pk])]
    for wie in (gezin.ib_b, gezin.dir_b, gezin.ouder_b, gezin.ouder_a, gezin.leerkracht_a, gezin.swv_mw_a):
        client.logout()
        if wie.vereist_2fa:
            login_staff(client, wie)
        else:
            client.force_login(wie)
        for url in urls:
            assert client.get(url).status_code == 404, (wie.email, url)
        assert client.post(reverse("aanmelding:verlengen", args=[a.pk]), {"verleng-weken": 2, "verleng-reden": "x"}).status_code == 404
    client.logout()
    for url in urls:
        assert client.get(url).status_code == 302
    assert a.klokken["A-6"].verlenging_weken is None


def test_owner_views_and_pdf_download_is_audited(gezin, client):
    a = dien_in(gezin)
    brieven_render_wachtend()
    client.force_login(gezin.ouder)
    r = client.get(reverse("documenten:brief", args=[a.brieven.first().pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(actor=gezin.ouder, actie="gedownload", leerling=gezin.kind).exists()
    client.logout()
    login_staff(client, gezin.ib_a)
    assert client.get(reverse("aanmelding:dossier", args=[a.pk])).status_code == 200
    assert client.get(reverse("aanmelding:detail", args=[a.pk])).status_code == 302  # staff go to the file


def test_school_inbox_urgent_first_flags_and_pinned_queries(gezin, client, django_assert_max_num_queries):
    anderen = []
    for i in range(12):
        kind = LeerlingFactory(geboortedatum=d(2019, 1, 1))
        ouder = ouder_van(kind)
        anderen.append(s.aanmelding_dien_in(
            ouder=ouder, school=gezin.school_a, gewenste_start=d(2026, 8, 24), ondersteuning="ja", wat_belangrijk="",
            gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[], leerling=kind, nu=moment(2026, 3, 1 + i % 20)))
    eerst = dien_in(gezin, nu=moment(2026, 2, 1), positie=2, andere=[gezin.school_b])
    dien_in(gezin, school=gezin.school_b, positie=1, andere=[gezin.school_a], nu=moment(2026, 2, 1))
    login_staff(client, gezin.ib_a)
    with django_assert_max_num_queries(13):  # + the requests of other schools to admit a child
        body = client.get(reverse("aanmelding:home")).content.decode()
    assert body.index(f"{eerst.nummer} —") < body.index(f"{anderen[0].nummer} —")  # most urgent first
    assert "Ook elders aangemeld — deze school is voorkeur 2" in body
    assert gezin.school_b.naam not in body  # never the other school's data


def test_ib_requests_information_via_the_file(gezin, client):
    a = dien_in(gezin)
    login_staff(client, gezin.ib_a)
    r = client.post(reverse("aanmelding:informatie", args=[a.pk]), {"info-omschrijving": "Verslag", "info-antwoord_uiterlijk": "2020-01-01"})
    assert r.status_code == 200 and "in het verleden" in r.content.decode()  # shown again, input kept
    assert "Verslag" in r.content.decode()
    assert not a.verzoeken.exists()  # refused: a date in the past
    client.post(reverse("aanmelding:informatie", args=[a.pk]),
                {"info-omschrijving": "Verslag", "info-antwoord_uiterlijk": (timezone.localdate() + timedelta(days=14)).isoformat()})
    assert a.verzoeken.count() == 1


def test_extension_twice_via_view_refused_with_message(gezin, client):
    with time_machine.travel(moment(2026, 3, 20), tick=False):
        a = dien_in(gezin, nu=moment(2026, 3, 2))
        login_staff(client, gezin.ib_a)
        client.post(reverse("aanmelding:verlengen", args=[a.pk]), {"verleng-weken": 2, "verleng-reden": "Onderzoek"})
        r = client.post(reverse("aanmelding:verlengen", args=[a.pk]), {"verleng-weken": 1, "verleng-reden": "Nog eens"}, follow=True)
    assert "maar één verlenging" in r.content.decode()
    assert a.klokken["A-6"].verlenging_weken == 2


def test_signing_requires_reauthentication(gezin, client):
    a = dien_in(gezin)
    besluit = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.TOEGELATEN, motivering="Welkom")
    login_staff(client, gezin.dir_a)
    r = client.post(reverse("zaken:ondertekenen", args=[besluit.pk]))
    assert r.status_code == 302 and "/account/bevestig/" in r.url
    besluit.refresh_from_db()
    assert besluit.ondertekend_op is None


def test_parent_answers_the_offer_in_the_arrangement_and_sees_escalation(gezin, client):
    """One offer, not two: the decision 'toegelaten met extra ondersteuning' points to the arrangement, where the
    parents answer it; the decision page keeps the two terms that run and links the full escalation guide."""
    a = dien_in(gezin)
    aanbod = aanbod_voor(a, gezin.ib_a, uren="1", omschrijving="Eén uur per week remedial teaching")
    b = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.TOEGELATEN_ONDERSTEUNING, motivering="m")
    zaken.besluit_onderteken(besluit=b, door=gezin.dir_a, vandaag=d(2026, 4, 10))
    client.force_login(gezin.ouder)
    body = client.get(a.get_absolute_url("ouder")).content.decode()
    assert aanbod.get_absolute_url("ouder") in body and "Laat weten of u het eens bent met het aanbod" in body
    assert "Bezwaar maken" in body and "Geschillencommissie" in body and "vrijdag 22 mei 2026" in body  # A-13, D-2
    assert "Wat kan ik doen?" in body  # the escalation guide
    payload = s.besluit_brief_gegevens(b, a.klokken)["aanbod"]  # the letter lists the arrangement's parts
    assert [o["wat"] for o in payload["onderdelen"]] == ["Eén uur per week remedial teaching"]
    r = client.post(reverse("ondersteuning:reactie", args=[aanbod.pk]),
                    {"reactie-akkoord": "nee", "reactie-reden": "Te weinig uren"}, follow=True)
    assert r.status_code == 200
    aanbod.refresh_from_db()
    assert aanbod.status == "niet_akkoord"
    body = client.get(a.get_absolute_url("ouder")).content.decode()
    assert "Laat weten of u het eens bent" not in body


def test_other_school_sees_only_shared_documents(gezin, client):
    a = dien_in(gezin, documenten=[(SimpleUploadedFile("delen.pdf", PDF), True), (SimpleUploadedFile("prive.pdf", PDF), False)])
    v = s.plaatsing_vraag(aanmelding=a, door=gezin.ib_a, school=gezin.school_b, toelichting="Kleine groep")
    login_staff(client, gezin.ib_b)
    body = client.get(reverse("aanmelding:plaatsing", args=[v.pk])).content.decode()
    assert "delen.pdf" in body and "prive.pdf" not in body and "Rust in de klas" not in body
    prive = a.documenten.get(naam="prive.pdf")
    assert client.get(reverse("documenten:document", args=[prive.pk])).status_code == 404
    gedeeld = a.documenten.get(naam="delen.pdf")
    assert client.get(reverse("documenten:document", args=[gedeeld.pk])).status_code == 200
    client.post(reverse("aanmelding:plaatsing", args=[v.pk]), {"akkoord": "ja", "antwoord": "Welkom"})
    v.refresh_from_db()
    assert v.status == PlaatsingStatus.GEACCEPTEERD
    client.logout()
    login_staff(client, member(Rol.IB, school=SchoolFactory()))
    assert client.get(reverse("aanmelding:plaatsing", args=[v.pk])).status_code == 404


def _aan_zet(body: str) -> str:
    """What the tracker include says after "Wie is aan zet"."""
    gevonden = re.search(r"Wie is aan zet</dt><dd[^>]*>([^<]*)</dd>", body)
    assert gevonden, "no 'Wie is aan zet' on the page"
    return gevonden.group(1).strip()


def test_school_term_a6_never_says_u_to_the_parent_and_does_to_the_ib(gezin, client):
    """Issue #18 §2: the 6 weeks of A-6 are the school's own term. The parent's page names the school as whose turn
    it is (never "U", which read as if the parent had to act by that date); the IB'er's file says "U". When the
    school asks the parents for information, the turn is theirs: then the parent reads "U" and the IB'er the parents."""
    a = dien_in(gezin)
    uiterlijk = "maandag 13 april 2026"  # 6 weeks after 2 March
    client.force_login(gezin.ouder)
    ouder = client.get(reverse("aanmelding:detail", args=[a.pk])).content.decode()
    assert "Waar staat het?" in ouder and _aan_zet(ouder) == "De school" and uiterlijk in ouder
    assert '<dd class="col-sm-8">U</dd>' not in ouder
    client.logout()
    login_staff(client, gezin.ib_a)
    ib = client.get(reverse("aanmelding:dossier", args=[a.pk])).content.decode()
    assert "Stand van zaken" in ib and _aan_zet(ib) == "U" and uiterlijk in ib
    assert "uw aanmelding" not in ib.split("Stand van zaken", 1)[1].split("</section>", 1)[0]  # not the parent's words

    s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="Het verslag", antwoord_uiterlijk=d(2099, 1, 5))
    assert _aan_zet(client.get(reverse("aanmelding:dossier", args=[a.pk])).content.decode()) == "De ouders"
    client.logout()
    client.force_login(gezin.ouder)
    assert _aan_zet(client.get(reverse("aanmelding:detail", args=[a.pk])).content.decode()) == "U"


def test_conversation_reports_go_to_the_dossier_export_through_the_core_not_internal_notes(gezin):
    """The geschillen dossier export reads the aanmelding's records through the core's registry (issue #18 §5): the
    reports of conversations and of the consultation about a place elsewhere, never the school's internal notes."""
    from aanmelding.selectors import dossier_regels
    from portal.zaken.bezwaarregeling import DOSSIER_BRONNEN

    a = dien_in(gezin)
    s.notitie_voeg_toe(aanmelding=a, door=gezin.ib_a, soort=NotitieSoort.GESPREK, tekst="Kennismaking", datum=d(2026, 3, 5))
    s.notitie_voeg_toe(aanmelding=a, door=gezin.ib_a, soort=NotitieSoort.ONDERZOEK, tekst="Intern", datum=d(2026, 3, 6))
    assert dossier_regels in DOSSIER_BRONNEN.values()
    assert [(r["zaak"], r["tekst"]) for r in dossier_regels([a.pk], voor_ouders=True)] == [(a.nummer, "Kennismaking")]


def test_a_parent_who_only_reads_an_adult_pupils_aanmelding_is_not_addressed_as_the_one_who_acts(gezin, client):
    """From 18 the pupil acts (issue #17); a parent the pupil lets read (InzageOuder) reads the step in the third
    person, the school's term names the school, and no link to withdraw (that is the pupil's)."""
    from portal.accounts.models import Membership
    from portal.leerlingen.models import InzageOuder

    from .factories import UserFactory

    kind = LeerlingFactory(geboortedatum=d(2008, 6, 1), voornamen="Sem", achternaam="Bakker")
    kind.account = UserFactory()
    kind.save(update_fields=["account"])
    Membership.objects.create(user=kind.account, rol=Rol.LEERLING)
    ouder = ouder_van(kind)
    gezin.ouder = ouder
    a = dien_in(gezin, kind=kind, school=SchoolFactory(soort="vo"))  # 17 on 2 March 2026
    InzageOuder.objects.create(leerling=kind, ouder=ouder)
    with time_machine.travel(moment(2026, 7, 1), tick=False):  # 18 now
        client.force_login(ouder)
        body = client.get(reverse("aanmelding:detail", args=[a.pk])).content.decode()
        assert '<dd class="col-sm-8">De school heeft de aanmelding ontvangen.</dd>' in body
        assert _aan_zet(body) == "De school" and reverse("aanmelding:intrekken", args=[a.pk]) not in body
        assert client.get(reverse("aanmelding:intrekken", args=[a.pk])).status_code == 404
        client.force_login(kind.account)
        body = client.get(reverse("aanmelding:detail", args=[a.pk])).content.decode()
        assert '<dd class="col-sm-8">De school heeft uw aanmelding ontvangen.</dd>' in body
        assert reverse("aanmelding:intrekken", args=[a.pk]) in body
