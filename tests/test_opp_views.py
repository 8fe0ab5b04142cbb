"""The OPP's pages (issue #10): what each role sees and may do, refused forms shown again with the input kept and the
error at the field, plain words for parents and the pupil, pinned query counts for the lists, the start-page tasks,
and the ROD export."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opp import services as s
from opp.constants import Status
from opp.models import Instemming, Ontwikkelingsperspectief, Versie
from portal.audit.models import AuditEntry
from portal.zaken.registry import taak_bronnen

from .conftest import login_staff
from .factories import PDF, InschrijvingFactory, LeerlingFactory, SchoolFactory, member, ouder_van
from .test_opp import concept, pdf, refresh, vastgesteld
from .test_opp import w as w  # noqa: F401  (the fixture)

VANDAAG = timezone.localdate
REGEL_ID = re.compile(r"\b[A-GT]-\d+[a-z]?\b")


def tekst(response) -> str:
    return response.content.decode()


def zichtbaar(response) -> str:
    """The page's text without tags (what a reader sees)."""
    return re.sub(r"<[^>]+>", " ", tekst(response))


# --- who sees what ----------------------------------------------------------------------------------------------

def test_detail_for_school_parent_and_nobody_else(w, client):
    concept(w)
    url = reverse("opp:detail", args=[w.opp.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    for buiten in (w.ouder_b, w.leerkracht_a, w.swv_mw_a, w.bestuurder_a):
        client.force_login(buiten)
        if buiten.vereist_2fa:
            login_staff(client, buiten)
        assert client.get(url).status_code == 404, buiten
        client.logout()
    login_staff(client, w.ib_b)
    assert client.get(url).status_code == 404
    client.logout()
    login_staff(client, w.ib_a)
    r = client.get(url)
    assert r.status_code == 200 and "Wat moet er nog gebeuren?" in tekst(r) and "Vlot lezen" in tekst(r)
    assert AuditEntry.objects.filter(actor=w.ib_a, object_id=str(w.opp.pk), actie="bekeken").exists()
    client.logout()
    client.force_login(w.ouder_a)
    r = client.get(url)
    assert r.status_code == 200 and "Vlot lezen" in tekst(r) and "Wat moet er nog gebeuren?" not in tekst(r)
    assert not REGEL_ID.search(zichtbaar(r)), REGEL_ID.findall(zichtbaar(r))


def test_a_pupil_under_12_has_no_opp_pages_and_from_12_sees_the_own_opp(w, client):
    pupil = member("leerling")
    w.kind_a.account = pupil
    w.kind_a.save(update_fields=["account"])
    client.force_login(pupil)
    assert client.get(reverse("opp:home")).status_code == 404
    assert client.get(reverse("opp:detail", args=[w.opp.pk])).status_code == 404
    assert client.get(reverse("opp:mening", args=[w.opp.pk])).status_code == 404
    # from 12, with an account
    w.kind_a.geboortedatum = VANDAAG().replace(year=VANDAAG().year - 12) - timedelta(days=1)
    w.kind_a.save(update_fields=["geboortedatum"])
    assert client.get(reverse("opp:home")).status_code == 200
    r = client.get(reverse("opp:detail", args=[w.opp.pk]))
    assert r.status_code == 200 and "Jouw plan" in tekst(r) and "Geef je mening" in tekst(r)
    r = client.post(reverse("opp:mening", args=[w.opp.pk]), {"tekst": "Ik wil naar het vmbo."})
    assert r.status_code == 302
    assert refresh(w.opp).concept.inbreng.get().door == pupil
    # a pupil under 18 gives no instemming
    assert client.post(reverse("opp:instemming", args=[w.opp.pk]), {"instemming-keuze": "ingestemd"}).status_code == 200
    assert not Instemming.objects.exists()


def test_the_explanation_for_the_pupil_is_on_the_page_after_vaststelling(w, client):
    pupil = member("leerling")
    w.kind_a.account = pupil
    w.kind_a.geboortedatum = VANDAAG().replace(year=VANDAAG().year - 13)
    w.kind_a.save(update_fields=["account", "geboortedatum"])
    vastgesteld(w, uitleg="Je zei dat hardop lezen eng is. Daarom lees je voortaan in het kleine groepje.")
    client.force_login(pupil)
    body = tekst(client.get(reverse("opp:detail", args=[w.opp.pk])))
    assert "Wat de school met jouw mening deed" in body and "hardop lezen eng is" in body


def test_helpers_and_the_signing_board_read_only(w, client):
    from portal.zaken.models import Besluit

    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(w.opp), door=ouder, keuze="ingestemd")
    besluit = s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="Uitleg")
    login_staff(client, w.bestuurder_a)  # the board decides this vaststelling: it reads the OPP
    r = client.get(reverse("opp:detail", args=[w.opp.pk]))
    assert r.status_code == 200 and "alleen lezen" in tekst(r)
    assert client.get(reverse("opp:perspectief", args=[w.opp.pk])).status_code == 404
    assert client.get(reverse("zaken:ondertekenen", args=[besluit.pk])).status_code == 302  # re-authentication
    assert Besluit.objects.get(pk=besluit.pk).besluittype == "opp"


# --- the lists ----------------------------------------------------------------------------------------------------

def _veel(w, n=8):
    """n OPPs to set (half of them overdue), n set ones, and n pupils of an sbo school who still need one."""
    sbo = SchoolFactory(soort="sbo")
    member("ib", school=sbo)
    from portal.accounts.models import Membership

    Membership.objects.create(user=w.ib_a, rol="ib", school=sbo)
    for i in range(n):
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=w.school_a)
        s.opp_start_handmatig(leerling=kind, school=w.school_a, door=w.ib_a,
                              ingeschreven_op=VANDAAG() - timedelta(weeks=8 if i % 2 else 1))
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=w.school_a)
        s.opp_registreer_bestaand(leerling=kind, school=w.school_a, door=w.ib_a, vastgesteld_op=VANDAAG(), bestand=pdf())
        InschrijvingFactory(leerling=LeerlingFactory(), school=sbo)


def test_school_overview_query_count_is_pinned(w, client, django_assert_max_num_queries):
    _veel(w, 4)
    login_staff(client, w.ib_a)
    from portal.accounts.models import User

    w.ib_a = User.objects.get(pk=w.ib_a.pk)
    with django_assert_max_num_queries(14) as ctx:
        r = client.get(reverse("opp:home"))
    n = len(ctx.captured_queries)
    _veel(w, 8)
    with django_assert_max_num_queries(n):
        r = client.get(reverse("opp:home"))
    body = tekst(r)
    assert r.status_code == 200 and "OPP verplicht, nog niet vastgesteld" in body and "Vastgestelde OPP" in body


def test_family_list_query_count_is_pinned(w, client, django_assert_max_num_queries):
    client.force_login(w.ouder_a)
    with django_assert_max_num_queries(12) as ctx:
        assert client.get(reverse("opp:home")).status_code == 200
    n = len(ctx.captured_queries)
    for _ in range(4):
        kind = LeerlingFactory()
        from portal.leerlingen.models import Gezag

        Gezag.objects.create(leerling=kind, ouder=w.ouder_a)
        Ontwikkelingsperspectief.objects.create(leerling=kind, school=w.school_a, reden="soort_onderwijs")
    with django_assert_max_num_queries(n):  # the tracker steps read prefetched clocks: no query per OPP
        r = client.get(reverse("opp:home"))
    assert tekst(r).count("list-group-item") >= 5


def test_overdue_reason_geen_instemming_on_the_overview(w, client):
    import time_machine

    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="geweigerd", toelichting="Nee")
    uiterlijk = refresh(w.opp).klokken["B-2"].uiterlijk
    login_staff(client, w.ib_a)
    assert "geen instemming</strong>" not in tekst(client.get(reverse("opp:home")))  # not overdue yet
    with time_machine.travel(uiterlijk + timedelta(days=1)):
        login_staff(client, w.ib_a)
        body = tekst(client.get(reverse("opp:home")))
    rij = re.search(rf'{w.opp.nummer}</a>.*?</tr>', body, re.S).group(0)
    assert "verlopen" in rij and "<strong>geen instemming</strong>" in rij


# --- forms: refused input is kept, the error at its field --------------------------------------------------------

def test_goal_form_keeps_the_input_and_names_the_field(w, client):
    login_staff(client, w.ib_a)
    url = reverse("opp:doel_nieuw", args=[w.opp.pk])
    r = client.post(url, {"gebied": "rekenen", "omschrijving": "", "criterium": "8 van 10", "streefdatum": "31-02-2027"})
    assert r.status_code == 200
    body = tekst(r)
    assert "8 van 10</textarea>" in body
    assert "href=\"#id_omschrijving\"" in body and "href=\"#id_streefdatum\"" in body
    r = client.post(url, {"gebied": "rekenen", "omschrijving": "Tafels", "criterium": "8 van 10",
                          "streefdatum": (VANDAAG() + timedelta(weeks=8)).isoformat()})
    assert r.status_code == 302 and refresh(w.opp).concept.doelen.get().omschrijving == "Tafels"


def test_perspective_form_refuses_control_characters_and_an_unfit_destination(w, client):
    login_staff(client, w.ib_a)
    url = reverse("opp:perspectief", args=[w.opp.pk])
    r = client.post(url, {"uitstroom": "mbo_4", "onderbouwing": "Goed\u202elezen"})
    assert r.status_code == 200 and "id_uitstroom" in tekst(r) and "stuurtekens" in tekst(r)
    assert not Versie.objects.filter(opp=w.opp).exists()  # nothing half-saved
    r = client.post(url, {"uitstroom": "havo", "onderbouwing": "Sterk in taal en rekenen."})
    assert r.status_code == 302 and refresh(w.opp).concept.uitstroom == "havo"


def test_handelingsdeel_form_lists_the_pupils_arrangements_and_refuses_both_choices(w, client):
    from ondersteuning import services as ond

    arr = ond.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib_a, aanbod_soort="eigen_school",
                               doel="Rust in de klas", startdatum=VANDAAG())
    ander = ond.arrangement_open(leerling=w.kind_b, school=w.school_b, door=w.ib_b, aanbod_soort="eigen_school",
                                 doel="Ander kind", startdatum=VANDAAG())
    login_staff(client, w.ib_a)
    url = reverse("opp:handelingsdeel", args=[w.opp.pk])
    body = tekst(client.get(url))
    assert "Rust in de klas" in body and "Ander kind" not in body
    r = client.post(url, {"ondersteuning": "Leesgroep", "afwijkingen": "Geen Engels", "geen_afwijkingen": "on"})
    assert r.status_code == 200 and "niet allebei" in tekst(r) and "Leesgroep" in tekst(r)
    r = client.post(url, {"ondersteuning": "Leesgroep", "arrangementen": [ander.pk]})
    assert r.status_code == 200 and "id_arrangementen" in tekst(r)
    r = client.post(url, {"ondersteuning": "Leesgroep", "geen_afwijkingen": "on", "arrangementen": [arr.pk]})
    # core references: the Zaak rows of the arrangements (issue #18 §5), with the same ids
    assert r.status_code == 302 and [z.pk for z in refresh(w.opp).concept.arrangementen.all()] == [arr.pk]


def test_instemming_form_errors_come_back_on_the_page(w, client):
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    client.force_login(w.ouder_a)
    url = reverse("opp:instemming", args=[w.opp.pk])
    r = client.post(url, {"instemming-toelichting": "Ik twijfel nog"})
    assert r.status_code == 200 and "Ik twijfel nog" in tekst(r) and "id_instemming-keuze" in tekst(r)
    r = client.post(url, {"instemming-keuze": "geweigerd", "instemming-toelichting": "Te weinig uren."})
    assert r.status_code == 302
    body = tekst(client.get(reverse("opp:detail", args=[w.opp.pk])))
    assert "Niet iedereen stemt in" in body and "Geschillencommissie passend onderwijs" in body
    assert reverse("geschillen:gids", args=[w.opp.pk]) in body  # the parents' routes (D-1)
    assert not REGEL_ID.search(re.sub(r"<[^>]+>", " ", body))


def test_paper_form_needs_reauthentication_and_the_signed_form(w, client):
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    login_staff(client, w.ib_a)
    url = reverse("opp:papier", args=[w.opp.pk])
    r = client.get(url)
    assert r.status_code == 302 and "/account/bevestig/" in r["Location"]
    session = client.session
    session["portal_reauth_at"] = __import__("time").time()
    session.save()
    r = client.post(url, {"naam": "Andere Ouder", "keuze": "ingestemd", "datum": VANDAAG().isoformat()})
    assert r.status_code == 200 and "id_bestand" in tekst(r) and 'value="Andere Ouder"' in tekst(r)
    r = client.post(url, {"naam": w.ouder_a.get_full_name(), "keuze": "ingestemd", "datum": VANDAAG().isoformat(),
                          "bestand": io.BytesIO(PDF)})
    assert r.status_code == 200 and "heeft een account" in tekst(r)


def test_vaststellen_page_names_what_is_missing(w, client):
    s.versie_bewerk(opp=w.opp, door=w.ib_a, onderbouwing="Alleen dit")
    login_staff(client, w.ib_a)
    url = reverse("opp:vaststellen", args=[w.opp.pk])
    body = tekst(client.get(url))
    assert "De verwachte uitstroombestemming ontbreekt (B-3)." in body
    r = client.post(url, {"uitleg_mening": "Uitleg voor de leerling"})
    assert r.status_code == 200
    body = tekst(r)
    assert "Het OPP kan nog niet worden vastgesteld" in body and "De belemmerende factoren ontbreken (B-3)." in body
    assert "Uitleg voor de leerling" in body  # kept on the page
    assert refresh(w.opp).concept.uitleg_mening == "Uitleg voor de leerling"  # and as a draft on the concept


def test_vaststellen_goes_to_the_signing_page_for_someone_mandated(w, client):
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(w.opp), door=ouder, keuze="ingestemd")
    login_staff(client, w.dir_a)
    r = client.post(reverse("opp:vaststellen", args=[w.opp.pk]), {"uitleg_mening": "Uitleg"})
    besluit = refresh(w.opp).concept.besluit
    assert r.status_code == 302 and r["Location"] == reverse("zaken:ondertekenen", args=[besluit.pk])
    session = client.session
    session["portal_reauth_at"] = __import__("time").time()
    session.save()
    body = tekst(client.get(r["Location"]))
    assert "Vaststelling van versie 1" in body and "Vlot lezen" in body
    r = client.post(r["Location"])
    assert r.status_code == 302 and refresh(w.opp).status == Status.VASTGESTELD


def test_evaluation_form_asks_progress_for_every_goal(w, client):
    vastgesteld(w)
    login_staff(client, w.ib_a)
    url = reverse("opp:evaluatie", args=[w.opp.pk])
    doel = refresh(w.opp).geldend.doelen.get()
    r = client.post(url, {"datum": VANDAAG().isoformat(), "deelnemers": "Moeder", "wat_veranderde": "Vlotter",
                          "vervolg": "voortzetten"})
    assert r.status_code == 200 and f"id_stand_{doel.pk}" in tekst(r) and "Vlotter" in tekst(r)
    r = client.post(url, {"datum": VANDAAG().isoformat(), "deelnemers": "Moeder", "wat_veranderde": "Vlotter",
                          "vervolg": "voortzetten", f"stand_{doel.pk}": "op_koers"})
    assert r.status_code == 302 and refresh(w.opp).evaluaties.count() == 1


def test_start_form_for_pupils_enrolled_before_the_portal(w, client):
    kind = LeerlingFactory(achternaam="Voorportaal")
    ins = InschrijvingFactory(leerling=kind, school=w.school_a)
    login_staff(client, w.ib_a)
    url = reverse("opp:nieuw")
    assert "Voorportaal" in tekst(client.get(url))
    r = client.post(url, {"inschrijving": ins.pk, "hoe": "bestaand", "vastgesteld_op": VANDAAG().isoformat()})
    assert r.status_code == 200 and "id_bestand" in tekst(r)
    r = client.post(url, {"inschrijving": ins.pk, "hoe": "bestaand", "vastgesteld_op": VANDAAG().isoformat(),
                          "bestand": io.BytesIO(b"geen pdf")})
    assert r.status_code == 200 and "Alleen PDF" in tekst(r)
    r = client.post(url, {"inschrijving": ins.pk, "hoe": "termijn", "ingeschreven_op": "2024-08-20"})
    opp = Ontwikkelingsperspectief.objects.get(leerling=kind)
    assert r.status_code == 302 and opp.klokken["B-2"].start.isoformat() == "2024-08-20"
    login_staff(client, w.ib_b)
    r = client.post(url, {"inschrijving": ins.pk, "hoe": "termijn", "ingeschreven_op": "2024-08-20"})
    assert r.status_code == 200 and "id_inschrijving" in tekst(r)  # not a pupil of school B


def test_versions_page_shows_the_differences(w, client):
    vastgesteld(w)
    s.opp_herzie(opp=refresh(w.opp), door=w.ib_a)
    s.versie_bewerk(opp=refresh(w.opp), door=w.ib_a, belemmerende_factoren="Dyslexie en vermoeidheid.")
    client.force_login(w.ouder_a)
    body = tekst(client.get(reverse("opp:versie", args=[w.opp.pk, 2])))
    assert "Wat is anders dan in versie 1?" in body and "Dyslexie en vermoeidheid." in body and "<del>" in body
    assert client.get(reverse("opp:versie", args=[w.opp.pk, 9])).status_code == 404


def test_pdf_of_a_version_holds_goals_view_and_instemming(w, client):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt (apt-get install poppler-utils)")
    vastgesteld(w)
    client.force_login(w.ouder_a)
    r = client.get(reverse("opp:pdf", args=[w.opp.pk, 1]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    tekst_pdf = subprocess.run(["pdftotext", "-layout", "-", "-"], input=r.content, capture_output=True,
                               check=True).stdout.decode()
    plat = " ".join(tekst_pdf.split())
    for stuk in ("DMT kaart 3", "Ik lees liever niet hardop", w.ouder_a.get_full_name(), "Instemming met het handelingsdeel",
                 w.kind_a.naam, "Pagina 1 van"):
        assert stuk in plat, stuk
    assert AuditEntry.objects.filter(actor=w.ouder_a, actie="gedownload").exists()


# --- tasks and the ROD export ---------------------------------------------------------------------------------------

def test_start_page_tasks_for_the_ib(w, client):
    from opp.zaken import taken

    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    s.instemming_geef(opp=refresh(w.opp), door=w.ouder_a, keuze="geweigerd")
    assert taken in taak_bronnen()
    titels = [t.titel for t in taken(w.ib_a)]
    assert any("Geen instemming met het OPP" in t for t in titels)
    assert taken(w.ib_b) == [] and taken(w.ouder_a) == []
    login_staff(client, w.ib_a)
    assert "Geen instemming met het OPP" in tekst(client.get(reverse("core:home")))


def test_rod_export_per_school(w, client):
    vastgesteld(w)
    login_staff(client, w.ib_a)
    r = client.get(reverse("opp:rod", args=[w.school_a.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:3] == ["brin", "vestiging", "bsn"]
    assert rijen[1][2] == w.kind_a.bsn and rijen[1][6] == VANDAAG().isoformat() and rijen[1][7] == ""
    assert AuditEntry.objects.filter(actor=w.ib_a, omschrijving="ROD-export OPP-data").count() == 1
    login_staff(client, w.ib_b)
    assert client.get(reverse("opp:rod", args=[w.school_a.pk])).status_code == 404


def test_parent_pages_speak_plain_dutch_in_every_state(w, client):
    client.force_login(w.ouder_a)
    url = reverse("opp:detail", args=[w.opp.pk])
    stappen = [lambda: None, lambda: concept(w), lambda: s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a),
               lambda: s.instemming_geef(opp=refresh(w.opp), door=w.ouder2_a, keuze="geweigerd")]
    for stap in stappen:
        stap()
        for u in (url, reverse("opp:home")):
            zicht = zichtbaar(client.get(u))
            assert not REGEL_ID.search(zicht), (u, REGEL_ID.findall(zicht))
    ouder_eigen = ouder_van(LeerlingFactory())
    client.force_login(ouder_eigen)
    assert client.get(url).status_code == 404


def test_the_signer_previews_the_letter_with_the_dates_it_will_have(w, client):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt (apt-get install poppler-utils)")
    concept(w)
    s.opp_leg_voor(opp=w.opp, door=w.ib_a)
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(w.opp), door=ouder, keuze="ingestemd")
    besluit = s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="Uitleg voor Mila")
    login_staff(client, w.dir_a)
    r = client.get(reverse("zaken:ondertekenen", args=[besluit.pk]) + "?voorbeeld=pdf")
    assert r.status_code == 200
    tekst_pdf = " ".join(subprocess.run(["pdftotext", "-", "-"], input=r.content, capture_output=True,
                                        check=True).stdout.decode().split())
    assert "VOORBEELD" in tekst_pdf and "Uitleg voor Mila" in tekst_pdf and "Vlot lezen" in tekst_pdf
