"""Issue #8: what the law still required (grondslag, leerplicht, the school's assessment, letters) and what
parents and staff stumbled on, as far as a test without a browser can show it."""

import re
from datetime import date as d
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aanmelding import services as s
from aanmelding.constants import BesluitSoort
from portal.accounts.constants import Rol
from portal.documenten.services import brieven_render_wachtend
from portal.meldingen.models import OutboxEmail
from portal.organisaties.models import Denominatie, Gemeente
from portal.termijnen.sweep import sweep_due_clocks
from portal.zaken.models import LeerplichtMelding
from portal.zaken.services import besluit_onderteken

from .conftest import login_staff
from .factories import PDF, LeerlingFactory, SchoolFactory, mandaat, member, ouder_van

AMS = ZoneInfo("Europe/Amsterdam")
REGEL_ID = re.compile(r"\b[A-GT]-\d+[a-z]?\b")  # a DOMAIN rule id such as A-6 or A-13b


@pytest.fixture
def gezin(world):
    world.gemeente = Gemeente.objects.create(code="GM0344", naam="Utrecht")
    world.kind = LeerlingFactory(geboortedatum=d(2020, 1, 10), woongemeente=world.gemeente)
    world.ouder = ouder_van(world.kind, brieven_digitaal=True)
    return world


def aanmelden(w, school=None, ondersteuning="ja", **kw):
    nu = datetime(2026, 3, 2, 10, tzinfo=AMS)
    with time_machine.travel(nu, tick=False):
        return s.aanmelding_dien_in(ouder=w.ouder, school=school or w.school_a, gewenste_start=d(2026, 8, 24),
                                    ondersteuning=ondersteuning, wat_belangrijk="", gezag_verklaard=True,
                                    voorkeur_positie=1, andere_scholen=[], leerling=w.kind, nu=nu, **kw)


def school_met_staf(**kw):
    school = SchoolFactory(**kw)
    ib = member(Rol.IB, school=school)
    directeur = member(Rol.DIRECTEUR, school=school)
    mandaat(directeur, school.bestuur, ["aanmelding"])
    return school, ib, directeur


# --- law item 3: grondslag ------------------------------------------------------------------------

@pytest.mark.parametrize("denominatie, kan", [
    (Denominatie.OPENBAAR, False),  # A-11, WPO 46 lid 2: open to every child
    (Denominatie.ALGEMEEN_BIJZONDER, False),  # no levensbeschouwelijke grondslag recorded
    (Denominatie.SAMENWERKING, False),  # WPO 17d lid 4
    (Denominatie.ROOMS_KATHOLIEK, True),  # WPO 40 lid 5 b
    (Denominatie.ISLAMITISCH, True),
])
def test_grondslag_refusal_only_at_a_school_with_a_grondslag(gezin, denominatie, kan):
    school, ib, _ = school_met_staf(denominatie=denominatie)
    a = aanmelden(gezin, school=school, grondslag_gerespecteerd=False)
    if kan:
        s.besluit_voorbereid(aanmelding=a, door=ib, soort=BesluitSoort.NIET_TOEGELATEN, motivering="m", grond="grondslag")
    else:
        with pytest.raises(s.AanmeldingFout, match="geen levensbeschouwelijke grondslag"):
            s.besluit_voorbereid(aanmelding=a, door=ib, soort=BesluitSoort.NIET_TOEGELATEN, motivering="m",
                                 grond="grondslag")


def test_grondslag_refusal_not_when_parents_respect_it(gezin):
    school, ib, _ = school_met_staf(denominatie=Denominatie.PROTESTANTS_CHRISTELIJK)
    a = aanmelden(gezin, school=school, grondslag_gerespecteerd=True)
    with pytest.raises(s.AanmeldingFout, match="niet verklaren"):
        s.besluit_voorbereid(aanmelding=a, door=ib, soort=BesluitSoort.NIET_TOEGELATEN, motivering="m", grond="grondslag")


def test_form_asks_the_grondslag_only_where_it_matters(gezin, client):
    client.force_login(gezin.ouder)
    rk = SchoolFactory(denominatie=Denominatie.ROOMS_KATHOLIEK)
    data = {"kind": gezin.kind.pk, "gewenste_start": "2026-08-24", "ondersteuning": "ja", "voorkeur_positie": "1",
            "gezag": "on", "brieven": "digitaal", "woongemeente": gezin.gemeente.pk}
    r = client.post(reverse("aanmelding:nieuw"), data | {"school": rk.pk})
    assert r.status_code == 200 and "Geef aan of u die respecteert" in r.content.decode()
    r = client.post(reverse("aanmelding:nieuw"), data | {"school": gezin.school_a.pk})  # openbaar: not asked
    assert r.status_code == 302


def test_refusal_grounds_offered_per_school(gezin):
    openbaar, rk, vo = SchoolFactory(), SchoolFactory(denominatie="rk"), SchoolFactory(soort="vo")
    assert [g for g, _ in s.weiger_gronden(openbaar)] == ["plaatsgebrek"]
    assert [g for g, _ in s.weiger_gronden(rk)] == ["plaatsgebrek", "grondslag"]
    assert [g for g, _ in s.weiger_gronden(vo)] == ["plaatsgebrek", "toelatingseisen"]


# --- law item 4: leerplicht ----------------------------------------------------------------------------

def test_temporary_enrolment_is_reported_to_leerplicht_of_the_home_municipality(gezin):
    """A-15 (Lpw 18): the tijdelijke inschrijving of A-9 is reported to the leerplicht of the pupil's home
    municipality; in po the portal tells that municipality's leerplicht users at once."""
    ambtenaar = member(Rol.LEERPLICHT, gemeente=gezin.gemeente)
    andere = member(Rol.LEERPLICHT, gemeente=Gemeente.objects.create(code="GM0363", naam="Amsterdam"))
    aanmelden(gezin)
    with time_machine.travel(datetime(2026, 5, 12, 7, tzinfo=AMS), tick=False):
        sweep_due_clocks(vandaag=d(2026, 5, 12))  # temporary enrolment from 12 May
    m = LeerplichtMelding.objects.get(soort="tijdelijk")
    assert m.gemeente == gezin.gemeente and m.via == "portaal" and m.gemeld_op == d(2026, 5, 12)
    assert m.klok.regel_id == "A-15" and m.klok.uitkomst == "op_tijd"
    assert OutboxEmail.objects.filter(aan=ambtenaar.email).exists()
    assert not OutboxEmail.objects.filter(aan=andere.email).exists()


def test_refusal_ending_a_temporary_enrolment_is_reported_too(gezin):
    member(Rol.LEERPLICHT, gemeente=gezin.gemeente)
    a = aanmelden(gezin)
    with time_machine.travel(datetime(2026, 5, 12, 7, tzinfo=AMS), tick=False):
        sweep_due_clocks(vandaag=d(2026, 5, 12))
    b = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.NIET_TOEGELATEN, motivering="Vol",
                             grond="plaatsgebrek")
    besluit_onderteken(besluit=b, door=gezin.dir_a, vandaag=d(2026, 5, 20))
    assert LeerplichtMelding.objects.filter(soort="einde_tijdelijk", gemeld_op=d(2026, 5, 20)).exists()


def test_vo_reports_through_duo_and_the_school_records_it(gezin, client):
    """A-15: in vo the report runs through the school's administration (DUO); the portal keeps the clock and the
    school records that it reported."""
    member(Rol.LEERPLICHT, gemeente=gezin.gemeente)
    kind = LeerlingFactory(geboortedatum=d(2013, 6, 1), woongemeente=gezin.gemeente)
    ouder = ouder_van(kind, brieven_digitaal=True)
    vo, ib, directeur = school_met_staf(soort="vo")
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=AMS), tick=False):
        a = s.aanmelding_dien_in(ouder=ouder, school=vo, gewenste_start=d(2026, 8, 24), ondersteuning="nee",
                                 wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[],
                                 leerling=kind)
    b = s.besluit_voorbereid(aanmelding=a, door=ib, soort=BesluitSoort.TOEGELATEN, motivering="Welkom")
    besluit_onderteken(besluit=b, door=directeur, vandaag=d(2026, 4, 1))
    m = LeerplichtMelding.objects.get(zaak=a)
    assert m.gemeld_op is None and m.klok.uiterlijk == d(2026, 4, 8)  # 7 days (configurable; Lpw 18)
    login_staff(client, ib)
    client.post(reverse("zaken:leerplicht_gemeld", args=[m.pk]), {"via": "duo"})
    m.refresh_from_db()
    assert m.via == "duo" and m.klok.gesloten_op is not None


def test_leerplicht_sees_reports_of_its_own_municipality_only(gezin, client):
    ambtenaar = member(Rol.LEERPLICHT, gemeente=gezin.gemeente)
    andere = member(Rol.LEERPLICHT, gemeente=Gemeente.objects.create(code="GM0363", naam="Amsterdam"))
    aanmelden(gezin)
    with time_machine.travel(datetime(2026, 5, 12, 7, tzinfo=AMS), tick=False):
        sweep_due_clocks(vandaag=d(2026, 5, 12))
    login_staff(client, ambtenaar)
    assert gezin.kind.achternaam in client.get(reverse("zaken:leerplicht")).content.decode()
    client.logout()
    login_staff(client, andere)
    assert gezin.kind.achternaam not in client.get(reverse("zaken:leerplicht")).content.decode()


# --- law item 5: the school's assessment decides zorgplicht ---------------------------------------------------

@pytest.mark.parametrize("ouders, school, zorgplicht, geschil", [
    ("nee", True, True, True),  # WPO 40 lid 3: the school finds support is needed although the parents did not say so
    ("ja", False, False, False),  # the school finds no extra support is needed: no zorgplicht, no geschil route
    ("ja", None, True, True),  # no assessment yet: the parents' answer counts
])
def test_school_assessment_not_parent_answer_decides_zorgplicht(gezin, ouders, school, zorgplicht, geschil):
    a = aanmelden(gezin, ondersteuning=ouders)
    if school is not None:
        s.ondersteuning_beoordeel(aanmelding=a, door=gezin.ib_a, nodig=school, reden="Uit het gesprek en het verslag.")
    a.refresh_from_db()
    assert a.zorgplicht is zorgplicht
    b = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.NIET_TOEGELATEN, motivering="Vol",
                             grond="plaatsgebrek")
    besluit_onderteken(besluit=b, door=gezin.dir_a, vandaag=d(2026, 4, 1))
    assert ("D-2" in a.klokken) is geschil  # D-1: only support-related decisions go to the Geschillencommissie


def test_assessment_needs_a_reason_the_parents_read(gezin, client):
    a = aanmelden(gezin, ondersteuning="nee")
    with pytest.raises(s.AanmeldingFout, match="reden"):
        s.ondersteuning_beoordeel(aanmelding=a, door=gezin.ib_a, nodig=True, reden=" ")
    s.ondersteuning_beoordeel(aanmelding=a, door=gezin.ib_a, nodig=True, reden="Zij heeft hulp bij lezen nodig.")
    client.force_login(gezin.ouder)
    body = client.get(reverse("aanmelding:detail", args=[a.pk])).content.decode()
    assert "Zij heeft hulp bij lezen nodig." in body and "Uw kind heeft extra ondersteuning nodig." in body


# --- law item 6: letters -------------------------------------------------------------------------------------

@pytest.mark.parametrize("soort, denominatie, wet, bezwaarwet", [
    ("bao", "openbaar", "Wet op het primair onderwijs (WPO): artikel 40 lid 3 en 4 (zorgplicht), artikel 40 lid 6",
     "artikel 40 lid 12"),
    ("bao", "rk", "Wet op het primair onderwijs (WPO): artikel 40 lid 3 en 4 (zorgplicht), artikel 40 lid 6",
     "artikel 63 lid 3"),
    ("so", "openbaar", "Wet op de expertisecentra (WEC): artikel 40 lid 4 en 5 (zorgplicht), artikel 40 lid 7",
     "artikel 40 lid 20"),
    ("vo", "pc", "Wet voortgezet onderwijs 2020 (WVO 2020): artikel 8.9 lid 1 en 2 (zorgplicht), artikel 8.8 lid 2",
     "artikel 8.8 lid 5 en 6"),
])
def test_decision_letter_cites_the_law_of_its_sector(gezin, soort, denominatie, wet, bezwaarwet):
    school, ib, directeur = school_met_staf(soort=soort, denominatie=denominatie)
    kind = LeerlingFactory(geboortedatum=d(2013, 1, 1) if soort == "vo" else d(2020, 1, 1))
    ouder = ouder_van(kind, brieven_digitaal=True)
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=AMS), tick=False):
        a = s.aanmelding_dien_in(ouder=ouder, school=school, gewenste_start=d(2026, 8, 24), ondersteuning="ja",
                                 wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[], leerling=kind)
    b = s.besluit_voorbereid(aanmelding=a, door=ib, soort=BesluitSoort.NIET_TOEGELATEN, motivering="Vol",
                             grond="plaatsgebrek")
    besluit_onderteken(besluit=b, door=directeur, vandaag=d(2026, 4, 1))
    brieven_render_wachtend()
    from pypdf import PdfReader

    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(a.brieven.get(soort="aanmelding.besluit").bestand.path).pages).split())
    assert wet in tekst and bezwaarwet in tekst
    assert "WVO art. 27" not in tekst and "uiterlijk op" in tekst
    assert not REGEL_ID.search(tekst), REGEL_ID.findall(tekst)


# --- stumbles -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("veld, waarde, fout", [
    ("voornamen", "Mila\u202eleraM", "stuurtekens"),  # right-to-left override
    ("achternaam", "de\x07Vries", "stuurtekens"),  # a control character
    ("voornamen", "Mila\nJansen", "stuurtekens"),  # a line break in a name
    ("geboortedatum_2", "1", "vier cijfers"),
    ("geboortedatum_0", "31", "bestaat niet"),  # 31 February
])
def test_hostile_names_and_dates_refused(gezin, client, veld, waarde, fout):
    client.force_login(gezin.ouder)
    data = {"voornamen": "Mila", "achternaam": "Jansen", "geboortedatum_0": "15", "geboortedatum_1": "2",
            "geboortedatum_2": "2020", "school": gezin.school_a.pk, "gewenste_start": "2026-08-24", "ondersteuning": "ja",
            "voorkeur_positie": "1", "gezag": "on", "brieven": "digitaal", "woongemeente": gezin.gemeente.pk}
    r = client.post(reverse("aanmelding:nieuw"), data | {veld: waarde})
    assert r.status_code == 200 and fout in r.content.decode()


def test_birth_date_entered_as_day_month_year(gezin, client):
    """Memorable dates are asked as three fields, so "15 3 2020" is 15 March whatever the browser's language."""
    client.force_login(gezin.ouder)
    r = client.post(reverse("aanmelding:nieuw"), {
        "voornamen": "Sara", "achternaam": "Bos", "geboortedatum_0": "15", "geboortedatum_1": "3",
        "geboortedatum_2": "2020", "school": gezin.school_a.pk, "gewenste_start": "2026-08-24", "ondersteuning": "ja",
        "voorkeur_positie": "1", "gezag": "on", "brieven": "digitaal", "woongemeente": gezin.gemeente.pk})
    assert r.status_code == 302
    from aanmelding.models import Aanmelding

    assert Aanmelding.objects.get(leerling__voornamen="Sara").leerling.geboortedatum == d(2020, 3, 15)


def test_dates_out_of_range_and_long_texts_refused_with_input_kept(gezin, client):
    a = aanmelden(gezin)
    login_staff(client, gezin.ib_a)
    r = client.post(reverse("aanmelding:notitie", args=[a.pk]), {
        "notitie-soort": "gesprek", "notitie-datum": "0001-01-01", "notitie-tekst": "Gesprek met moeder"})
    body = r.content.decode()
    assert r.status_code == 200 and "te ver weg" in body and "Gesprek met moeder" in body  # input kept
    assert 'class="alert alert-danger foutsamenvatting"' in body and "<title>Fout:" in body
    r = client.post(reverse("aanmelding:informatie", args=[a.pk]), {
        "info-omschrijving": "x" * 100_000, "info-antwoord_uiterlijk": "2026-12-24"})
    assert r.status_code == 200 and "ten hoogste 5000 tekens" in r.content.decode()
    assert not a.notities.exists() and not a.verzoeken.exists()


def test_decision_form_shows_only_the_chosen_kinds_fields(gezin, client):
    a = aanmelden(gezin)
    login_staff(client, gezin.ib_a)
    weigering = client.get(reverse("aanmelding:dossier", args=[a.pk]) + "?besluit=niet_toegelaten").content.decode()
    assert 'name="besluit-grond"' in weigering and 'name="besluit-ontvangende_school"' not in weigering
    elders = client.get(reverse("aanmelding:dossier", args=[a.pk]) + "?besluit=plek_elders").content.decode()
    assert 'name="besluit-ontvangende_school"' in elders and 'name="besluit-grond"' not in elders
    leeg = client.get(reverse("aanmelding:dossier", args=[a.pk])).content.decode()
    assert 'name="besluit-motivering"' not in leeg  # first choose the kind


def test_receiving_school_finds_the_request_in_its_list(gezin, client):
    a = aanmelden(gezin)
    v = s.plaatsing_vraag(aanmelding=a, door=gezin.ib_a, school=gezin.school_b, toelichting="Kleine groep")
    login_staff(client, gezin.ib_b)
    body = client.get(reverse("aanmelding:home")).content.decode()
    assert reverse("aanmelding:plaatsing", args=[v.pk]) in body and "Geen aanmeldingen" in body


def test_signer_gets_a_preview_of_the_letter_naming_the_receiving_school(gezin, client):
    a = aanmelden(gezin)
    v = s.plaatsing_vraag(aanmelding=a, door=gezin.ib_a, school=gezin.school_b, toelichting="Kleine groep")
    s.plaatsing_beantwoord(verzoek=v, door=gezin.ib_b, akkoord=True, antwoord="Welkom")
    s.notitie_voeg_toe(aanmelding=a, door=gezin.ib_a, soort="overleg_ouders", tekst="Besproken", datum=d(2026, 3, 20))
    b = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.PLEK_ELDERS, motivering="Kleine groep",
                             ontvangende_school=gezin.school_b)
    login_staff(client, gezin.dir_a)
    r = client.get(reverse("zaken:ondertekenen", args=[b.pk]) + "?voorbeeld=pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    import io

    from pypdf import PdfReader

    tekst = " ".join(PdfReader(io.BytesIO(r.content)).pages[0].extract_text().split())
    assert "VOORBEELD" in tekst and gezin.school_b.naam in tekst


def test_parent_texts_have_no_rule_ids(gezin, client):
    """Parents read plain Dutch: no DOMAIN rule ids on their pages, in their e-mails or letters."""
    a = aanmelden(gezin, documenten=[(SimpleUploadedFile("v.pdf", PDF), True)])
    v = s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="Verslag", antwoord_uiterlijk=d(2026, 3, 24),
                             vandaag=d(2026, 3, 10))
    s.verzoek_beantwoord(verzoek=v, ouder=gezin.ouder, antwoord="Hier", vandaag=d(2026, 3, 12))
    s.aanmelding_verleng(aanmelding=a, door=gezin.ib_a, weken=2, reden="Onderzoek", vandaag=d(2026, 3, 20))
    b = s.besluit_voorbereid(aanmelding=a, door=gezin.ib_a, soort=BesluitSoort.NIET_TOEGELATEN, motivering="Vol",
                             grond="plaatsgebrek")
    besluit_onderteken(besluit=b, door=gezin.dir_a, vandaag=d(2026, 4, 1))
    brieven_render_wachtend()
    client.force_login(gezin.ouder)
    with time_machine.travel(datetime(2026, 4, 2, 9, tzinfo=AMS), tick=False):
        for url in [reverse("core:home"), reverse("aanmelding:home"), reverse("aanmelding:detail", args=[a.pk]),
                    reverse("meldingen:inbox"), reverse("zaken:tijdlijn", args=[gezin.kind.pk]),
                    reverse("zaken:toestemmingen"), reverse("aanmelding:nieuw")]:
            body = client.get(url).content.decode()
            assert not REGEL_ID.search(body), (url, REGEL_ID.findall(body))
    for mail in OutboxEmail.objects.filter(aan=gezin.ouder.email):
        assert not REGEL_ID.search(mail.onderwerp + mail.tekst), mail.onderwerp
    from pypdf import PdfReader

    for brief in a.brieven.all():
        tekst = " ".join(p.extract_text() for p in PdfReader(brief.bestand.path).pages)
        assert not REGEL_ID.search(tekst), (brief.soort, REGEL_ID.findall(tekst))
