"""The domain apps' read resources of the API (issue #21 §1): the OPP in force as JSON and as PDF (opp/api.py),
arrangements (ondersteuning/api.py), TLV decisions and the register (tlv/api.py). What a system sees is what its
organisation's staff see in the pages (the same rules, compared with ``for_user``); another organisation's object is
404, no scope 403, a person's session 401; gewijzigd_sinds, ETags, pinned query counts, hostile parameters."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ondersteuning import services as ond
from ondersteuning.models import Arrangement
from opp import services as opp_s
from opp.models import Doel, Ontwikkelingsperspectief
from portal.accounts.constants import Rol
from portal.audit.models import Actie, AuditEntry
from portal.documenten.validators import check_upload
from portal.zaken.models import Besluit
from tlv.constants import BESLIST
from tlv.models import Toelaatbaarheidsverklaring

from .api_hulp import Systeem, is_probleem, koppeling, systeem
from .conftest import login_staff
from .factories import PDF, InschrijvingFactory, LeerlingFactory, SchoolFactory, member
from .test_tlv import beslist, concept, tlv_wereld

pytestmark = pytest.mark.django_db


def opp_in_force(leerling, school, door, doel="Vlot lezen"):
    """An OPP with a version in force (registered as set before the portal), with one goal."""
    bestand = check_upload(SimpleUploadedFile("opp.pdf", PDF, content_type="application/pdf"))
    opp = opp_s.opp_registreer_bestaand(leerling=leerling, school=school, door=door,
                                        vastgesteld_op=timezone.localdate(), bestand=bestand)
    Doel.objects.create(versie=opp.geldend, gebied="lezen_taal", omschrijving=doel, criterium="45 woorden per minuut",
                        streefdatum=timezone.localdate())
    return Ontwikkelingsperspectief.objects.get(pk=opp.pk)


def ids(r) -> set[int]:
    assert r.status_code == 200, r.content[:300]
    return {x["id"] for x in r.json()["results"]}


# --- the OPP ------------------------------------------------------------------------------------------------------

def test_school_reads_its_opp_in_force_with_both_parts_and_goals(world):
    opp = opp_in_force(world.kind_a, world.school_a, world.ib_a)
    s = systeem(school=world.school_a, scopes=["opp:lezen"])
    lijst = s.get("/api/v1/opp/").json()["results"]
    assert [o["id"] for o in lijst] == [opp.pk]
    body = s.get(f"/api/v1/opp/{opp.pk}/").json()
    assert body["leerling"] == world.kind_a.pk and body["school"] == world.school_a.pk
    assert body["versie"]["nummer"] == 1 and body["versie"]["bestaand"] is True
    assert body["versie"]["doelen"][0]["omschrijving"] == "Vlot lezen"
    assert body["pdf"].endswith(f"/api/v1/opp/{opp.pk}/pdf/")
    # the detail is a view of the dossier, as the system
    regel = AuditEntry.objects.filter(koppeling=s.koppeling, actie=Actie.BEKEKEN).latest("pk")
    assert regel.leerling_id == world.kind_a.pk and regel.actor_id is None and regel.systeem


def test_an_opp_without_a_version_in_force_is_not_listed(world):
    s = systeem(school=world.school_a, scopes=["opp:lezen"])
    assert ids(s.get("/api/v1/opp/")) == set()  # world.zaak_a: an OPP started, nothing set yet
    is_probleem(s.get(f"/api/v1/opp/{world.zaak_a.pk}/"), 404)


def test_another_schools_opp_is_404_and_not_listed(world):
    eigen = opp_in_force(world.kind_a, world.school_a, world.ib_a)
    ander = opp_in_force(world.kind_b, world.school_b, world.ib_b)
    s = systeem(school=world.school_a, scopes=["opp:lezen"])
    assert ids(s.get("/api/v1/opp/")) == {eigen.pk}
    is_probleem(s.get(f"/api/v1/opp/{ander.pk}/"), 404)
    is_probleem(s.get(f"/api/v1/opp/{ander.pk}/pdf/"), 404)


@pytest.mark.parametrize("pagina_rol", ["ib_a", "dir_a"])
def test_opps_are_those_the_schools_staff_see_in_the_pages(world, pagina_rol):
    eigen = opp_in_force(world.kind_a, world.school_a, world.ib_a)
    opp_in_force(world.kind_b, world.school_b, world.ib_b)
    persoon = getattr(world, pagina_rol)
    in_pagina = set(Ontwikkelingsperspectief.objects.for_user(persoon).filter(vastgesteld_op__isnull=False)
                    .values_list("pk", flat=True))
    assert ids(systeem(school=world.school_a, scopes=["opp:lezen"]).get("/api/v1/opp/")) == in_pagina == {eigen.pk}


def test_board_reads_only_the_opps_whose_vaststelling_it_decides_as_its_bestuurder(world):
    """A bestuurder sees in the pages only the OPPs whose vaststelling the board decides (opp_toegang), not every
    OPP of its schools: the board's system the same."""
    tweede = SchoolFactory(bestuur=world.school_a.bestuur, swvs=[world.swv_a])
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=tweede)
    gewoon = opp_in_force(world.kind_a, world.school_a, world.ib_a)
    door_bestuur = opp_in_force(kind, tweede, member(Rol.IB, school=tweede))
    Besluit.objects.create(zaak=door_bestuur, besluittype="opp", uitkomst="vastgesteld", motivering="Het bestuur.")
    ander = opp_in_force(world.kind_b, world.school_b, world.ib_b)
    Besluit.objects.create(zaak=ander, besluittype="opp", uitkomst="vastgesteld", motivering="Ander bestuur.")

    s = systeem(bestuur=world.school_a.bestuur, scopes=["opp:lezen"])
    in_pagina = set(Ontwikkelingsperspectief.objects.for_user(world.bestuurder_a).filter(vastgesteld_op__isnull=False)
                    .values_list("pk", flat=True))
    assert ids(s.get("/api/v1/opp/")) == in_pagina == {door_bestuur.pk}
    is_probleem(s.get(f"/api/v1/opp/{gewoon.pk}/"), 404)
    is_probleem(s.get(f"/api/v1/opp/{ander.pk}/"), 404)
    assert s.get(f"/api/v1/opp/{door_bestuur.pk}/pdf/").status_code == 200


def test_opp_pdf_is_the_pages_pdf_and_audited_as_a_download_by_the_system(world):
    opp = opp_in_force(world.kind_a, world.school_a, world.ib_a)
    s = systeem(school=world.school_a, scopes=["opp:lezen"])
    voor = AuditEntry.objects.count()
    r = s.get(f"/api/v1/opp/{opp.pk}/pdf/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    assert r["Content-Disposition"] == f'inline; filename="opp-{opp.pk}-versie-1.pdf"'
    regels = list(AuditEntry.objects.order_by("pk")[voor:])
    assert len(regels) == 1  # one line, the download — not a second 'viewed' line
    assert regels[0].actie == Actie.GEDOWNLOAD and regels[0].koppeling_id == s.koppeling.pk
    assert regels[0].actor_id is None and regels[0].leerling_id == world.kind_a.pk
    assert regels[0].object_type == "opp.versie"
    # the page's PDF (a person's download) is the same document kind
    client = Client()
    login_staff(client, world.ib_a)
    pagina = client.get(f"/opp/{opp.pk}/versie/1/pdf/")
    assert pagina.status_code == 200 and pagina["Content-Type"] == "application/pdf"


def test_opp_pdf_with_accept_pdf_and_errors_stay_problem_details(world):
    opp = opp_in_force(world.kind_a, world.school_a, world.ib_a)
    s = systeem(school=world.school_a, scopes=["opp:lezen"])
    assert s.get(f"/api/v1/opp/{opp.pk}/pdf/", HTTP_ACCEPT="application/pdf").status_code == 200
    is_probleem(s.get("/api/v1/opp/999999/pdf/", HTTP_ACCEPT="application/pdf"), 404)
    zonder = systeem(school=world.school_a, scopes=["termijnen:lezen"])
    is_probleem(zonder.get(f"/api/v1/opp/{opp.pk}/pdf/"), 403)
    is_probleem(Client().get(f"/api/v1/opp/{opp.pk}/pdf/"), 401)


def test_opp_list_query_count_is_pinned_and_does_not_grow(world, django_assert_num_queries):
    opp_in_force(world.kind_a, world.school_a, world.ib_a)
    s = systeem(school=world.school_a, scopes=["opp:lezen"])
    with CaptureQueriesContext(connection) as weinig:
        s.get("/api/v1/opp/")
    for i in range(5):
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=world.school_a)
        opp_in_force(kind, world.school_a, world.ib_a, doel=f"doel {i}")
    # token, client, count, page, versions in force, their goals, their arrangements, the audit line
    with django_assert_num_queries(len(weinig)):
        assert len(s.get("/api/v1/opp/").json()["results"]) == 6
    assert len(weinig) == 8


def test_opp_gewijzigd_sinds(world, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 1, 8, 0, tzinfo=dt.UTC))
    opp = opp_in_force(world.kind_a, world.school_a, world.ib_a)
    k, geheim = koppeling(school=world.school_a, scopes=["opp:lezen"])

    def lijst(sinds):
        return ids(Systeem(k, geheim).get("/api/v1/opp/", {"gewijzigd_sinds": sinds}))

    assert lijst("2026-12-31") == {opp.pk}
    time_machine.move_to(dt.datetime(2027, 1, 10, 8, 0, tzinfo=dt.UTC))
    assert lijst("2027-01-05") == set()
    # a meeting with the parents recorded through the page's service: the OPP counts as changed
    opp_s.overleg_leg_vast(opp=opp, door=world.ib_a, datum=dt.date(2027, 1, 9), deelnemers="Moeder, IB'er",
                           besproken="Het plan", overeenstemming="ja", afspraken="We gaan door.")
    assert lijst("2027-01-05") == {opp.pk}
    is_probleem(Systeem(k, geheim).get("/api/v1/opp/", {"gewijzigd_sinds": "gisteren"}), 400)


def test_opp_etag_gives_304(world):
    opp = opp_in_force(world.kind_a, world.school_a, world.ib_a)
    s = systeem(school=world.school_a, scopes=["opp:lezen"])
    r = s.get(f"/api/v1/opp/{opp.pk}/")
    assert s.get(f"/api/v1/opp/{opp.pk}/", HTTP_IF_NONE_MATCH=r["ETag"]).status_code == 304


# --- arrangements ---------------------------------------------------------------------------------------------------

def arrangementen(world):
    vandaag = timezone.localdate()
    met_swv = ond.arrangement_open(leerling=world.kind_a, school=world.school_a, door=world.ib_a,
                                   aanbod_soort="school_met_elders", doel="Lezen op niveau", startdatum=vandaag)
    ond.onderdeel_bewaar(arrangement=met_swv, door=world.ib_a, soort="onderwijsondersteuning", aanbieder="swv",
                         omschrijving="Ambulante begeleiding", start=vandaag, financier="swv",
                         uren_per_week=Decimal("2"))
    eigen = ond.arrangement_open(leerling=world.kind_a, school=world.school_a, door=world.ib_a,
                                 aanbod_soort="eigen_school", doel="Rust in de klas", startdatum=vandaag)
    ond.onderdeel_bewaar(arrangement=eigen, door=world.ib_a, soort="hulpmiddel", aanbieder="school",
                         omschrijving="Koptelefoon", start=vandaag, financier="school")
    ander = ond.arrangement_open(leerling=world.kind_b, school=world.school_b, door=world.ib_b,
                                 aanbod_soort="eigen_school", doel="Rekenen", startdatum=vandaag)
    return met_swv, eigen, ander


def test_school_reads_its_arrangements_with_their_parts_and_not_another_schools(world):
    met_swv, eigen, ander = arrangementen(world)
    s = systeem(school=world.school_a, scopes=["arrangementen:lezen"])
    assert ids(s.get("/api/v1/arrangementen/")) == {met_swv.pk, eigen.pk}
    body = s.get(f"/api/v1/arrangementen/{met_swv.pk}/").json()
    assert body["doel"] == "Lezen op niveau" and body["onderdelen"][0]["financier"] == "swv"
    assert body["onderdelen"][0]["uren_per_week"] == "2.0"
    is_probleem(s.get(f"/api/v1/arrangementen/{ander.pk}/"), 404)


@pytest.mark.parametrize("organisatie, pagina_rol", [("school", "ib_a"), ("school", "dir_a"), ("swv", "swv_mw_a")])
def test_arrangements_are_those_the_staff_see_in_the_pages(world, organisatie, pagina_rol):
    met_swv, _eigen, _ander = arrangementen(world)
    org = {"school": world.school_a} if organisatie == "school" else {"swv": world.swv_a}
    in_pagina = set(Arrangement.objects.for_user(getattr(world, pagina_rol)).values_list("pk", flat=True))
    via_api = ids(systeem(scopes=["arrangementen:lezen"], **org).get("/api/v1/arrangementen/"))
    assert via_api == in_pagina
    if organisatie == "swv":
        assert via_api == {met_swv.pk}  # only the one with a part the SWV pays


def test_swv_reads_a_pupils_arrangements_while_a_tlv_application_is_with_it(world):
    w = tlv_wereld(world)
    _met_swv, eigen, _ander = arrangementen(w)
    s = systeem(swv=w.swv_a, scopes=["arrangementen:lezen"])
    is_probleem(s.get(f"/api/v1/arrangementen/{eigen.pk}/"), 404)
    from .test_tlv import ingediend

    ingediend(w)
    assert s.get(f"/api/v1/arrangementen/{eigen.pk}/").status_code == 200
    assert {eigen.pk} <= set(Arrangement.objects.for_user(w.swv_mw_a).values_list("pk", flat=True))


def test_arrangement_list_query_count_is_pinned(world, django_assert_num_queries):
    arrangementen(world)
    s = systeem(school=world.school_a, scopes=["arrangementen:lezen"])
    with CaptureQueriesContext(connection) as weinig:
        s.get("/api/v1/arrangementen/")
    for _ in range(4):
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=world.school_a)
        a = ond.arrangement_open(leerling=kind, school=world.school_a, door=world.ib_a, aanbod_soort="eigen_school",
                                 doel="x", startdatum=timezone.localdate())
        ond.onderdeel_bewaar(arrangement=a, door=world.ib_a, soort="hulpmiddel", aanbieder="school",
                             omschrijving="y", start=timezone.localdate(), financier="school")
    # token, client, count, page, parts, the audit line
    with django_assert_num_queries(len(weinig)):
        assert len(s.get("/api/v1/arrangementen/").json()["results"]) == 6
    assert len(weinig) == 6


def test_arrangements_gewijzigd_sinds(world, time_machine):
    time_machine.move_to(dt.datetime(2027, 1, 1, 8, 0, tzinfo=dt.UTC))
    met_swv, eigen, _ander = arrangementen(world)
    k, geheim = koppeling(school=world.school_a, scopes=["arrangementen:lezen"])

    def lijst(sinds):
        return ids(Systeem(k, geheim).get("/api/v1/arrangementen/", {"gewijzigd_sinds": sinds}))

    assert lijst("2026-12-31") == {met_swv.pk, eigen.pk}
    time_machine.move_to(dt.datetime(2027, 1, 10, 8, 0, tzinfo=dt.UTC))
    assert lijst("2027-01-05") == set()
    ond.onderdeel_bewaar(arrangement=eigen, door=world.ib_a, soort="hulpmiddel", aanbieder="school",
                         omschrijving="Wiebelkussen", start=dt.date(2027, 1, 10), financier="school")
    # the same pupil: both of kind_a's arrangements count (a superset, never a miss)
    assert eigen.pk in lijst("2027-01-05")


# --- TLV decisions and the register -------------------------------------------------------------------------------

@pytest.fixture
def w(world):
    return tlv_wereld(world)


def test_swv_and_applying_school_read_the_decision_without_health_data(w):
    t, besluit = beslist(w)
    for s in (systeem(swv=w.swv_a, scopes=["tlv:lezen"]), systeem(school=w.school_a, scopes=["tlv:lezen"])):
        assert ids(s.get("/api/v1/tlv-besluiten/")) == {t.pk}
        r = s.get(f"/api/v1/tlv-besluiten/{t.pk}/")
        body = r.json()
        assert body["status"] == "toegekend" and body["tlv_nummer"] == t.tlv_nummer
        assert body["gevraagd_soort"] == "sbo" and body["toegekend_soort"] == "sbo"
        assert body["einddatum"] == t.einddatum.isoformat()
        assert body["besluit"]["id"] == besluit.pk and body["besluit"]["uitkomst"] == "toegekend"
        tekst = r.content.decode()
        assert "Kleine groep" not in tekst and "Na twee adviezen" not in tekst and "Een kleine groep past" not in tekst


def test_another_swv_and_school_get_404(w):
    t, _b = beslist(w)
    for s in (systeem(swv=w.swv_b, scopes=["tlv:lezen"]), systeem(school=w.school_b, scopes=["tlv:lezen"])):
        assert ids(s.get("/api/v1/tlv-besluiten/")) == set()
        is_probleem(s.get(f"/api/v1/tlv-besluiten/{t.pk}/"), 404)
        is_probleem(s.get(f"/api/v1/tlv-register/{t.pk}/"), 404)


def test_an_application_not_yet_decided_is_no_decision(w):
    t = concept(w)
    for s in (systeem(swv=w.swv_a, scopes=["tlv:lezen"]), systeem(school=w.school_a, scopes=["tlv:lezen"])):
        is_probleem(s.get(f"/api/v1/tlv-besluiten/{t.pk}/"), 404)


def test_the_receiving_school_reads_the_decision_once_the_pupil_is_enrolled_there(w):
    t, _b = beslist(w)
    ontvangend = SchoolFactory(soort="sbo", swvs=[w.swv_a])
    s = systeem(school=ontvangend, scopes=["tlv:lezen"])
    is_probleem(s.get(f"/api/v1/tlv-besluiten/{t.pk}/"), 404)
    InschrijvingFactory(leerling=w.kind_a, school=ontvangend)
    assert s.get(f"/api/v1/tlv-besluiten/{t.pk}/").status_code == 200
    assert ids(s.get("/api/v1/tlv-register/")) == {t.pk}


@pytest.mark.parametrize("organisatie, pagina_rol", [("swv", "swv_mw_a"), ("school", "ib_a"), ("school", "dir_a")])
def test_decisions_are_those_the_staff_see_in_the_pages(w, organisatie, pagina_rol):
    t, _b = beslist(w)
    concept(w, soort="so")  # a draft of the school: the school sees it in the pages, but it is no decision
    org = {"swv": w.swv_a} if organisatie == "swv" else {"school": w.school_a}
    in_pagina = set(Toelaatbaarheidsverklaring.objects.for_user(getattr(w, pagina_rol)).filter(status__in=BESLIST)
                    .values_list("pk", flat=True))
    assert ids(systeem(scopes=["tlv:lezen"], **org).get("/api/v1/tlv-besluiten/")) == in_pagina == {t.pk}


def test_the_swv_register_is_the_pages_register_with_its_filters(w):
    t, _b = beslist(w)
    s = systeem(swv=w.swv_a, scopes=["tlv:lezen"])
    rij = s.get("/api/v1/tlv-register/").json()["results"][0]
    assert rij["tlv_nummer"] == t.tlv_nummer and rij["geldig"] is True
    assert ids(s.get("/api/v1/tlv-register/", {"geldig": "ja"})) == {t.pk}
    assert ids(s.get("/api/v1/tlv-register/", {"geldig": "nee"})) == set()
    assert ids(s.get("/api/v1/tlv-register/", {"soort": "so"})) == set()
    assert ids(s.get("/api/v1/tlv-register/", {"soort": "sbo"})) == {t.pk}
    # the page shows the same rows
    client = Client()
    login_staff(client, w.swv_mw_a)
    assert t.tlv_nummer in client.get("/tlv/register/").content.decode()


@pytest.mark.parametrize("param, waarde", [("geldig", "misschien"), ("soort", "havo"), ("soort", "' OR 1=1 --"),
                                           ("geldig", "%00"), ("gewijzigd_sinds", "2026-02-30")])
def test_register_bad_filters_are_400_at_the_parameter(w, param, waarde):
    s = systeem(swv=w.swv_a, scopes=["tlv:lezen"])
    body = is_probleem(s.get("/api/v1/tlv-register/", {param: waarde}), 400)
    assert body["invalid-params"][0]["name"] == param


def test_a_refused_tlv_is_a_decision_but_not_in_the_register(w):
    t, _b = beslist(w, uitkomst="afgewezen")
    s = systeem(swv=w.swv_a, scopes=["tlv:lezen"])
    assert s.get(f"/api/v1/tlv-besluiten/{t.pk}/").json()["status"] == "afgewezen"
    assert ids(s.get("/api/v1/tlv-register/")) == set()


def test_tlv_list_query_counts_are_pinned(w, django_assert_num_queries):
    beslist(w)
    s = systeem(swv=w.swv_a, scopes=["tlv:lezen"])
    for url, verwacht in (("/api/v1/tlv-besluiten/", 6), ("/api/v1/tlv-register/", 5)):
        # token, client, count, page, (the signed decisions), the audit line
        with django_assert_num_queries(verwacht):
            assert len(s.get(url).json()["results"]) == 1


def test_tlv_gewijzigd_sinds(w, time_machine):
    t, _b = beslist(w)
    k, geheim = koppeling(swv=w.swv_a, scopes=["tlv:lezen"])
    time_machine.move_to(dt.datetime(2027, 3, 1, 8, 0, tzinfo=dt.UTC))
    assert ids(Systeem(k, geheim).get("/api/v1/tlv-besluiten/", {"gewijzigd_sinds": "2026-03-01"})) == {t.pk}
    assert ids(Systeem(k, geheim).get("/api/v1/tlv-besluiten/", {"gewijzigd_sinds": "2027-02-01"})) == set()


# --- scopes and who may call -------------------------------------------------------------------------------------

@pytest.mark.parametrize("soort, scope, mag", [
    ("school", "opp:lezen", True), ("bestuur", "opp:lezen", True), ("swv", "opp:lezen", False),
    ("school", "arrangementen:lezen", True), ("swv", "arrangementen:lezen", True),
    ("bestuur", "arrangementen:lezen", False),  # a bestuurder sees no arrangements in the pages
    ("school", "tlv:lezen", True), ("swv", "tlv:lezen", True), ("bestuur", "tlv:lezen", False),
])
def test_scopes_fit_the_kind_of_organisation(world, soort, scope, mag):
    from portal.api.services import KoppelingFout

    org = {"school": {"school": world.school_a}, "swv": {"swv": world.swv_a},
           "bestuur": {"bestuur": world.school_a.bestuur}}[soort]
    if mag:
        assert koppeling(scopes=[scope], **org)[0].scopes == [scope]
    else:
        with pytest.raises(KoppelingFout):
            koppeling(scopes=[scope], **org)


@pytest.mark.parametrize("url", ["/api/v1/opp/", "/api/v1/arrangementen/", "/api/v1/tlv-besluiten/",
                                 "/api/v1/tlv-register/"])
def test_no_scope_403_a_persons_session_401_and_no_writes(world, url):
    s = systeem(school=world.school_a, scopes=["termijnen:lezen"])
    is_probleem(s.get(url), 403)
    client = Client()
    login_staff(client, world.ib_a)
    is_probleem(client.get(url), 401)
    is_probleem(Client().get(url), 401)
    alles = systeem(school=world.school_a, scopes=["opp:lezen", "arrangementen:lezen", "tlv:lezen"])
    assert alles.post(url, {}).status_code in (403, 405)  # no write scope exists: never a write


@pytest.mark.parametrize("pad", ["/api/v1/opp/abc/", "/api/v1/opp/99999999999999999999999/",
                                 "/api/v1/arrangementen/-1/", "/api/v1/tlv-besluiten/%C2%B2/",
                                 "/api/v1/tlv-register/1.5/", "/api/v1/opp/abc/pdf/"])
def test_hostile_ids_are_404_never_500(world, pad):
    s = systeem(school=world.school_a, scopes=["opp:lezen", "arrangementen:lezen", "tlv:lezen"])
    is_probleem(s.get(pad), 404)
