"""The case core (issue #7): status tables, requests that suspend what their rule says, consent by age,
decisions signed under a mandate and made known, letters that read their dates from the clocks and are
archival, accessible PDFs; one pupil's timeline and counts across every case kind."""

from datetime import date as d
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from aanmelding import services as s
from aanmelding.constants import BesluitSoort, Status
from aanmelding.models import Aanmelding
from opp.models import Ontwikkelingsperspectief
from portal.accounts.constants import Rol
from portal.basis.typed_json import TypedJSONDecoder, TypedJSONEncoder
from portal.documenten.services import brieven_render_wachtend
from portal.leerlingen.models import InschrijvingSoort, ToestemmingStatus
from portal.leerlingen.services import inschrijving_definitief, inschrijving_maak
from portal.meldingen.models import Notification
from portal.termijnen.services import clock_start
from portal.zaken import services as zaken
from portal.zaken.models import Gebeurtenis, Verzoek, VerzoekSoort
from portal.zaken.selectors import telling
from portal.zaken.services import ZaakFout

from .conftest import login_staff
from .factories import LeerlingFactory, SchoolFactory, aanbod_voor, mandaat, member, ouder_van
from .pdfcheck import toegankelijk

AMS = ZoneInfo("Europe/Amsterdam")


def aanmelden(w, *, kind=None, ouder=None, nu=datetime(2026, 3, 2, 10, tzinfo=AMS), school=None, **kw):
    kind = kind or w.kind
    with time_machine.travel(nu, tick=False):
        return s.aanmelding_dien_in(
            ouder=None if ouder is False else (ouder or w.ouder), school=school or w.school_a,
            gewenste_start=d(2026, 8, 24),
            ondersteuning="ja", wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[],
            leerling=kind if ouder is not False else None, nu=nu, **kw)


@pytest.fixture
def gezin(world):
    world.kind = LeerlingFactory(geboortedatum=d(2020, 1, 10))
    world.ouder = ouder_van(world.kind, brieven_digitaal=True)
    return world


def voorbereid(w, a, soort=BesluitSoort.NIET_TOEGELATEN, **kw):
    kw.setdefault("grond", "plaatsgebrek" if soort == BesluitSoort.NIET_TOEGELATEN else "")
    return s.besluit_voorbereid(aanmelding=a, door=w.ib_a, soort=soort, motivering="Redenen", **kw)


def pdf_tekst(brief) -> str:

    return " ".join(" ".join(p.extract_text() for p in PdfReader(brief.bestand.path).pages).split())


# --- one deadline truth ----------------------------------------------------------------------------

def test_letter_reads_overridden_d2_from_the_clock(gezin, settings):
    """With D-2 overridden to 8 weeks, the decision letter states the overridden date and it equals the
    geschil clock (one deadline truth: letters read their dates from the clocks)."""
    settings.TERMIJNEN_OVERRIDES = {"D-2": {"lengte": 8}}
    a = aanmelden(gezin)
    besluit = voorbereid(gezin, a)
    zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 4, 10))
    klok = a.klokken["D-2"]
    assert klok.uiterlijk == d(2026, 6, 5)  # D-2 (reglement, no Atw): 10 April + 8 weeks
    brieven_render_wachtend()
    brief = a.brieven.get(soort="aanmelding.besluit")
    assert brief.gegevens["D_2_uiterlijk"] == klok.uiterlijk  # typed: a date, not a string
    assert "vrijdag 5 juni 2026" in pdf_tekst(brief)


# --- mandate register -------------------------------------------------------------------------------

@pytest.mark.parametrize("geval, mag", [
    ("directeur met mandaat voor aanmeldingen", True),
    ("bestuurder van het bevoegd gezag", True),
    ("directeur zonder mandaat", False),
    ("mandaat verlopen", False),
    ("mandaat ingetrokken", False),
    ("mandaat voor een ander soort besluit", False),
    ("mandaat bij een ander bestuur", False),
    ("intern begeleider", False),
])
def test_only_a_current_mandate_signs(gezin, geval, mag):
    a = aanmelden(gezin)
    besluit = voorbereid(gezin, a)
    bestuur = gezin.school_a.bestuur
    wie = {
        "directeur met mandaat voor aanmeldingen": lambda: gezin.dir_a,
        "bestuurder van het bevoegd gezag": lambda: gezin.bestuurder_a,
        "directeur zonder mandaat": lambda: member(Rol.DIRECTEUR, school=gezin.school_a),
        "mandaat verlopen": lambda: mandaat(member(Rol.DIRECTEUR, school=gezin.school_a), bestuur, ["aanmelding"],
                                            van=d(2025, 1, 1), tot=d(2026, 4, 9)).user,
        "mandaat ingetrokken": lambda: _ingetrokken(mandaat(member(Rol.DIRECTEUR, school=gezin.school_a), bestuur)),
        "mandaat voor een ander soort besluit": lambda: mandaat(member(Rol.DIRECTEUR, school=gezin.school_a), bestuur,
                                                               ["opp"]).user,
        "mandaat bij een ander bestuur": lambda: mandaat(member(Rol.DIRECTEUR, school=gezin.school_a),
                                                        gezin.school_b.bestuur).user,
        "intern begeleider": lambda: gezin.ib_a,
    }[geval]()
    if mag:
        zaken.besluit_onderteken(besluit=besluit, door=wie, vandaag=d(2026, 4, 10))
        besluit.refresh_from_db()
        assert besluit.ondertekend_door == wie and besluit.ondertekenaar_functie
    else:
        with pytest.raises(ZaakFout, match="mandaat"):
            zaken.besluit_onderteken(besluit=besluit, door=wie, vandaag=d(2026, 4, 10))


def _ingetrokken(m):
    from django.utils import timezone

    m.ingetrokken_op = timezone.now()
    m.save()
    return m.user


def test_letter_names_the_mandate(gezin):
    a = aanmelden(gezin)
    gezin.mandaat_a.functie = "directeur van De Linde"
    gezin.mandaat_a.save()
    zaken.besluit_onderteken(besluit=voorbereid(gezin, a), door=gezin.dir_a, vandaag=d(2026, 4, 10))
    brieven_render_wachtend()
    tekst = pdf_tekst(a.brieven.get(soort="aanmelding.besluit"))
    assert "directeur van De Linde" in tekst and gezin.school_a.bestuur.naam in tekst


# --- bekendmaking -----------------------------------------------------------------------------------

def test_paper_aanmelding_letter_states_posting_date_and_bezwaar_counted_from_it(gezin):
    """Parents without electronic letters: the school enters the posting day before the letter is made;
    the letter states it and the bezwaar term runs from it (Awb 3:41, 6:8)."""
    a = aanmelden(gezin, ouder=False, nieuw_kind={"voornamen": "Sam", "achternaam": "Wit", "geboortedatum": d(2020, 2, 2)},
                  kanaal="papier", geregistreerd_door=gezin.ib_a)
    besluit = voorbereid(gezin, a)
    with pytest.raises(ZaakFout, match="post"):
        zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 4, 10))
    with pytest.raises(ZaakFout, match="14 dagen"):
        zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 4, 10), bekendmaking="post",
                             verzonden_op=d(2026, 4, 9))
    zaken.besluit_onderteken(besluit=besluit, door=gezin.dir_a, vandaag=d(2026, 4, 10), bekendmaking="post",
                         verzonden_op=d(2026, 4, 13))
    besluit.refresh_from_db()
    assert besluit.bekendgemaakt_op == d(2026, 4, 13) and besluit.bekendmaking == "post"
    assert a.klokken["A-13"].uiterlijk == d(2026, 5, 26)  # Mon 13 April + 6 weeks = Mon 25 May (Pinksteren) → 26
    brieven_render_wachtend()
    tekst = pdf_tekst(a.brieven.get(soort="aanmelding.besluit"))
    assert "maandag 13 april 2026" in tekst and "per post verstuurd" in tekst and "dinsdag 26 mei 2026" in tekst


def test_online_bekendmaking_is_the_signing_day_and_bezwaar_ends_same_weekday(gezin):
    # A-13 / Awb 6:8: made known Monday 2 March (online, parents chose electronic letters) → last day Monday 13 April
    a = aanmelden(gezin, nu=datetime(2026, 2, 20, 9, tzinfo=AMS))
    zaken.besluit_onderteken(besluit=voorbereid(gezin, a), door=gezin.dir_a, vandaag=d(2026, 3, 2))
    assert a.besluit.bekendgemaakt_op == d(2026, 3, 2) and a.besluit.bekendmaking == "digitaal"
    assert a.klokken["A-13"].uiterlijk == d(2026, 4, 13)


def test_no_decision_letter_without_a_bezwaar_address(gezin):
    bestuur = gezin.school_a.bestuur
    bestuur.bezwaar_adres = ""
    bestuur.save()
    a = aanmelden(gezin)
    with pytest.raises(ZaakFout, match="bezwaarschriften"):
        zaken.besluit_onderteken(besluit=voorbereid(gezin, a), door=gezin.dir_a, vandaag=d(2026, 4, 10))


# --- letters ----------------------------------------------------------------------------------------

def test_letter_is_rendered_by_a_task_after_commit(gezin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        a = aanmelden(gezin)
    assert a.brieven.get().gemaakt_op is not None  # ready within seconds, no polling


def test_every_letter_is_a_tagged_archival_pdf(gezin):
    """Each kind of letter the aanmelding writes is PDF/A-3a (archival, tagged) and declares PDF/UA-1: its
    language and title are set and shown, with a structure tree for screen readers."""
    a = aanmelden(gezin)
    v = s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="Verslag", antwoord_uiterlijk=d(2026, 3, 24),
                             vandaag=d(2026, 3, 10))
    s.verzoek_beantwoord(verzoek=v, ouder=gezin.ouder, antwoord="Bijgevoegd", vandaag=d(2026, 3, 12))
    s.aanmelding_verleng(aanmelding=a, door=gezin.ib_a, weken=2, reden="Onderzoek", vandaag=d(2026, 4, 1))
    zaken.besluit_onderteken(besluit=voorbereid(gezin, a), door=gezin.dir_a, vandaag=d(2026, 4, 10))
    brieven_render_wachtend()
    soorten = set()
    for brief in a.brieven.all():
        soorten.add(brief.soort)
        info = toegankelijk(brief.bestand.path)
        assert info == {"lang": "nl", "titel": brief.titel, "tagged": True, "structuur": True, "titel_tonen": True,
                        "pdfa": True, "pdfua": True, "elke_pagina_getagd": True}, brief.soort
    assert soorten == {"aanmelding.ontvangst", "aanmelding.informatieverzoek", "aanmelding.verlenging",
                       "aanmelding.besluit"}


def test_typed_payload_keeps_dates():
    import json

    data = {"d": d(2026, 3, 2), "dt": datetime(2026, 3, 2, 10, tzinfo=AMS), "n": [d(2026, 1, 1)], "s": "2026-03-02"}
    terug = json.loads(json.dumps(data, cls=TypedJSONEncoder), cls=TypedJSONDecoder)
    assert terug == data and isinstance(terug["s"], str)  # a string that looks like a date stays a string


# --- requests suspend what their rule says --------------------------------------------------------

def test_request_suspends_only_the_clocks_whose_rule_lists_it(gezin):
    a = aanmelden(gezin)
    b2 = clock_start(regel_id="B-2", zaak=a, start=d(2026, 3, 2))  # a term that no request suspends
    c4 = clock_start(regel_id="C-4", zaak=a, start=d(2026, 3, 2))  # suspended by a request to the school only
    s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="x", antwoord_uiterlijk=d(2026, 3, 24),
                         vandaag=d(2026, 3, 10))
    k = a.klokken
    assert k["A-6"].uiterlijk is None and k["A-9"].uiterlijk is None  # opgeschort_door informatie_ouders
    assert k["B-2"].uiterlijk == b2.uiterlijk and k["C-4"].uiterlijk == c4.uiterlijk


def test_a_paused_term_tells_parents_how_many_days(gezin, client):
    a = aanmelden(gezin)
    v = s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="x", antwoord_uiterlijk=d(2026, 3, 24),
                             vandaag=d(2026, 3, 10))
    s.verzoek_beantwoord(verzoek=v, ouder=gezin.ouder, antwoord="Hier", vandaag=d(2026, 3, 20))
    client.force_login(gezin.ouder)
    with time_machine.travel(datetime(2026, 3, 21, 9, tzinfo=AMS), tick=False):
        body = client.get(reverse("aanmelding:detail", args=[a.pk])).content.decode()
    assert "De termijn stond 9 dagen stil" in body


# --- consent ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("leeftijd, soort, partijen", [
    (10, "onderzoek", {"ouder"}),  # DOMAIN §2: < 12 the parents act
    (13, "onderzoek", {"ouder", "leerling"}),  # 12–15: research needs both (WGBO, BW 7:450)
    (13, "gegevens", {"ouder"}),  # 12–15: sharing information: the parents (under 16)
    (16, "gegevens", {"leerling"}),  # 16+: the pupil's own consent (A-14, G-1)
    (17, "onderzoek", {"leerling"}),
])
def test_who_gives_consent_by_age(gezin, leeftijd, soort, partijen):
    kind = LeerlingFactory(geboortedatum=d(2026 - leeftijd, 1, 1))
    ouder_van(kind)
    a = aanmelden(gezin, kind=kind, ouder=kind.gezag.first().ouder, school=SchoolFactory(soort="vo"))
    v = zaken.toestemming_vraag(zaak=a, door=gezin.ib_a, soort=soort, doel="d", ontvanger="o", omvang="x",
                                vandaag=d(2026, 3, 3))
    assert v.toestemming.partijen(d(2026, 3, 3)) == partijen


def test_pupil_and_parent_both_needed_from_12_for_research(gezin):
    kind = LeerlingFactory(geboortedatum=d(2013, 1, 1))
    ouder = ouder_van(kind)
    kind.account = member(Rol.LEERLING)
    kind.save()
    a = aanmelden(gezin, kind=kind, ouder=ouder, school=SchoolFactory(soort="vo"))
    t = zaken.toestemming_vraag(zaak=a, door=gezin.ib_a, soort="onderzoek", doel="d", ontvanger="o", omvang="x").toestemming
    zaken.toestemming_beslis(toestemming=t, door=ouder, keuze="gegeven")
    assert t.status() == ToestemmingStatus.GEVRAAGD  # the pupil has not answered yet
    zaken.toestemming_beslis(toestemming=t, door=kind.account, keuze="gegeven")
    assert t.status() == ToestemmingStatus.GEGEVEN
    zaken.toestemming_beslis(toestemming=t, door=kind.account, keuze="ingetrokken")
    assert t.status() == ToestemmingStatus.INGETROKKEN


def test_parent_cannot_decide_for_a_pupil_of_16(gezin):
    kind = LeerlingFactory(geboortedatum=d(2009, 1, 1))
    ouder = ouder_van(kind)
    a = aanmelden(gezin, kind=kind, ouder=ouder, school=SchoolFactory(soort="vo"))
    t = zaken.toestemming_vraag(zaak=a, door=gezin.ib_a, soort="gegevens", doel="d", ontvanger="o", omvang="x").toestemming
    with pytest.raises(ZaakFout, match="16"):
        zaken.toestemming_beslis(toestemming=t, door=ouder, keuze="gegeven")


def test_consent_is_reused_only_on_an_exact_match(gezin):
    a = aanmelden(gezin)
    eerste = zaken.toestemming_vraag(zaak=a, door=gezin.ib_a, soort="gegevens", doel="Verslag opvragen",
                                     ontvanger="Jeugdarts", omvang="Laatste verslag").toestemming
    zaken.toestemming_beslis(toestemming=eerste, door=gezin.ouder, keuze="gegeven")
    opp = Ontwikkelingsperspectief.objects.create(leerling=gezin.kind, school=gezin.school_a, reden="soort_onderwijs")
    zelfde = zaken.toestemming_vraag(zaak=opp, door=gezin.ib_a, soort="gegevens", doel="Verslag opvragen",
                                     ontvanger="Jeugdarts", omvang="Laatste verslag")
    assert zelfde.toestemming_id == eerste.pk and zelfde.status == "beantwoord"  # reused: nothing to ask again
    anders = zaken.toestemming_vraag(zaak=opp, door=gezin.ib_a, soort="gegevens", doel="Verslag opvragen",
                                     ontvanger="Jeugdarts", omvang="Alle verslagen")  # the scope differs
    assert anders.toestemming_id != eerste.pk and anders.status == "open"  # never implied


# --- status tables ------------------------------------------------------------------------------------

def test_transition_table_and_who_may(gezin):
    a = aanmelden(gezin)
    with pytest.raises(ZaakFout, match="niet zetten"):  # parents do not prepare decisions
        zaken.zaak_transition(zaak=a, naar=Status.BESLUIT_VOORBEREID, door=gezin.ouder)
    zaken.zaak_transition(zaak=a, naar=Status.IN_ONDERZOEK, door=gezin.ib_a)
    with pytest.raises(ZaakFout, match="kan niet meer"):  # not in the table
        zaken.zaak_transition(zaak=a, naar=Status.BESLOTEN, door=gezin.ib_a)
    s.aanmelding_trek_in(aanmelding=a, ouder=gezin.ouder, reden="Andere school")
    a = Aanmelding.objects.get(pk=a.pk)
    assert a.afgesloten_op is not None and not a.is_open
    assert list(Gebeurtenis.objects.filter(zaak=a, soort="status").values_list("gegevens", flat=True)) == [
        {"van": "ontvangen", "naar": "in_onderzoek", "toelichting": ""},
        {"van": "in_onderzoek", "naar": "ingetrokken", "toelichting": ""}]


# --- a second case kind: the OPP -------------------------------------------------------------------------

def test_definitive_enrolment_at_sbo_starts_the_opp_clock(world):
    """B-1/B-2: every pupil of sbo gets an OPP; its 6-week term starts at enrolment."""
    sbo = SchoolFactory(soort="sbo")
    kind = LeerlingFactory()
    inschrijving_maak(leerling=kind, school=sbo, van=d(2026, 8, 24), door=None)
    opp = Ontwikkelingsperspectief.objects.get(leerling=kind)
    assert opp.status == "op_te_stellen" and opp.klokken["B-2"].uiterlijk == d(2026, 10, 5)


def test_regular_school_needs_an_opp_only_with_extra_support(world):
    kind, ander = LeerlingFactory(), LeerlingFactory()
    inschrijving_maak(leerling=kind, school=world.school_a, van=d(2026, 8, 24), door=None)
    inschrijving_maak(leerling=ander, school=world.school_a, van=d(2026, 8, 24), door=None, extra_ondersteuning=True)
    assert not Ontwikkelingsperspectief.objects.filter(leerling=kind).exists()
    assert Ontwikkelingsperspectief.objects.filter(leerling=ander).exists()


def test_after_temporary_enrolment_the_opp_clock_runs_from_the_definitive_placement(world):
    """B-2: after a tijdelijke inschrijving, 6 weeks after the definitive placement."""
    kind = LeerlingFactory()
    ins = inschrijving_maak(leerling=kind, school=SchoolFactory(soort="so"), van=d(2026, 5, 12), door=None,
                            soort=InschrijvingSoort.TIJDELIJK)
    assert not Ontwikkelingsperspectief.objects.filter(leerling=kind).exists()
    inschrijving_definitief(inschrijving=ins, door=None, op=d(2026, 6, 1))
    assert Ontwikkelingsperspectief.objects.get(leerling=kind).klokken["B-2"].uiterlijk == d(2026, 7, 13)


def test_admission_with_support_starts_the_opp(gezin):
    a = aanmelden(gezin)
    aanbod_voor(a, gezin.ib_a)
    zaken.besluit_onderteken(besluit=voorbereid(gezin, a, BesluitSoort.TOEGELATEN_ONDERSTEUNING), door=gezin.dir_a,
                         vandaag=d(2026, 4, 10))
    opp = Ontwikkelingsperspectief.objects.get(leerling=gezin.kind)
    assert opp.klokken["B-2"].start == d(2026, 8, 24)  # the enrolment day


# --- across every kind ------------------------------------------------------------------------------------

def test_one_timeline_and_counts_across_case_kinds(gezin, client, django_assert_num_queries):
    a = aanmelden(gezin)
    voorbereid(gezin, a)
    Ontwikkelingsperspectief.objects.create(leerling=gezin.kind, school=gezin.school_a, reden="soort_onderwijs")
    with django_assert_num_queries(1):
        tel = telling()
    assert tel[("aanmelding", "besluit_voorbereid")] == 1 and tel[("opp", "op_te_stellen")] >= 1
    client.force_login(gezin.ouder)
    body = client.get(reverse("zaken:tijdlijn", args=[gezin.kind.pk])).content.decode()
    assert "Aanmelding is begonnen" in body and "Besluit voorbereid" not in body  # parents: what is meant for them
    client.logout()
    login_staff(client, gezin.ib_a)
    assert "Besluit voorbereid" in client.get(reverse("zaken:tijdlijn", args=[gezin.kind.pk])).content.decode()


# --- start pages ----------------------------------------------------------------------------------------

def test_directeur_start_page_lists_decisions_to_sign(gezin, client):
    a = aanmelden(gezin)
    besluit = voorbereid(gezin, a)
    login_staff(client, gezin.dir_a)
    body = client.get(reverse("core:home")).content.decode()
    assert "Besluit ondertekenen" in body and reverse("zaken:ondertekenen", args=[besluit.pk]) in body
    client.logout()
    login_staff(client, gezin.ib_a)  # the IB'er has no mandate: nothing to sign
    assert reverse("zaken:ondertekenen", args=[besluit.pk]) not in client.get(reverse("core:home")).content.decode()


def test_parent_start_page_lists_running_cases_and_open_requests(gezin, client):
    a = aanmelden(gezin)
    v = s.verzoek_informatie(aanmelding=a, door=gezin.ib_a, omschrijving="x", antwoord_uiterlijk=d(2099, 3, 24))
    client.force_login(gezin.ouder)
    body = client.get(reverse("core:home")).content.decode()
    assert a.get_absolute_url("ouder") in body and reverse("zaken:verzoek", args=[v.pk]) in body
    assert "De school heeft u om informatie gevraagd" in body


# --- stored texts do not freeze a language ---------------------------------------------------------------

def test_notification_is_put_into_words_in_the_readers_language(gezin):
    aanmelden(gezin)
    n = Notification.objects.get(ontvanger=gezin.ouder, sleutel__endswith=":ontvangen")
    with translation.override("nl"):
        assert "maandag 13 april 2026" in n.tekst_weergave
    with translation.override("en"):
        assert "Monday 13 April 2026" in n.tekst_weergave
    assert "13" not in n.tekst  # the stored text is the msgid; the date lives in typed data


def test_verzoek_to_school_kind_suspends_c4_not_a6(gezin):
    """A request to the applying school (C-4) suspends only rules that list it."""
    a = aanmelden(gezin)
    c4 = clock_start(regel_id="C-4", zaak=a, start=d(2026, 3, 2))
    zaken.verzoek_doe(zaak=a, soort=VerzoekSoort.AANVULLING_SCHOOL, door=gezin.ib_a, omschrijving="Aanvullen",
                      antwoord_uiterlijk=d(2026, 3, 20), vandaag=d(2026, 3, 5))
    k = a.klokken
    assert k["C-4"].uiterlijk is None and k["A-6"].uiterlijk is not None
    assert Verzoek.objects.get(soort="aanvulling_school").aan == "school"
    del c4


def test_a_pupil_with_two_parents_gives_each_parent_every_case_once(gezin):
    """Access rules of every registered kind are ORed into one condition: none may join the pupil's gezag (an
    outer join would return a case once per parent). Found by the load benchmark on generated families."""
    from portal.leerlingen.models import Gezag
    from portal.zaken.models import Zaak
    from portal.zaken.registry import zaaktypen

    tweede = member(Rol.OUDER)
    Gezag.objects.create(leerling=gezin.kind, ouder=tweede)
    a = aanmelden(gezin)
    assert len(zaaktypen()) >= 5  # every kind's rule takes part
    for ouder in (gezin.ouder, tweede):
        assert list(Zaak.objects.for_user(ouder).filter(leerling=gezin.kind).values_list("pk", flat=True)) == [a.pk]
        assert Aanmelding.objects.for_user(ouder).get(pk=a.pk) == a
