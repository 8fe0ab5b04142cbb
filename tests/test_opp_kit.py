"""The OPP on the core's page kit (issue #18): the tracker include addresses the school's terms to the school and
only the instemming to the family; several decisions per case in the core, one per version, each with its validity;
the arrangements of a handelingsdeel as core references, read through the arrangement kind's summary."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from opp import selectors as sel
from opp import services as s
from opp.constants import Status
from portal.zaken.models import Besluit, Zaak
from portal.zaken.services import ZaakFout, besluit_bereid_voor, besluit_onderteken

from .conftest import login_staff
from .test_opp import concept, refresh, vastgesteld
from .test_opp import w as w  # noqa: F401  (the fixture)

VANDAAG = timezone.localdate


def _tracker(response) -> str:
    """The tracker block of the page, without tags and with single spaces."""
    html = response.content.decode()
    blok = html[html.index('aria-labelledby="kop-stap"'):]
    blok = blok[:blok.index("</section>")]
    return " ".join(re.sub(r"<[^>]+>", " ", blok).split())


# --- the tracker (issue #18 §2) -------------------------------------------------------------------------------

def test_the_schools_six_week_term_is_the_schools_turn_on_the_parents_page(w, client):
    """B-2 belongs to the school: the parent reads "De school" with its date, never "U" (the bug: "Wie is aan zet: U
    — uiterlijk 8 december" read as if the parent had to act within two days)."""
    concept(w)
    b2 = refresh(w.opp).klokken["B-2"].uiterlijk
    client.force_login(w.ouder_a)
    blok = _tracker(client.get(reverse("opp:detail", args=[w.opp.pk])))
    assert "Waar staat het?" in blok
    assert "Wie is aan zet De school" in blok and "Wie is aan zet U" not in blok
    assert date_format(b2, "l j F Y") in blok


def test_the_instemming_is_the_familys_turn_without_the_schools_date(w, client):
    concept(w)
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    b2 = refresh(w.opp).klokken["B-2"].uiterlijk
    client.force_login(w.ouder_a)
    blok = _tracker(client.get(reverse("opp:detail", args=[w.opp.pk])))
    assert "Wie is aan zet U" in blok
    # the 6 weeks are the school's term to set the OPP, not a date by which the parents must answer
    assert "Uiterlijk op" not in blok and date_format(b2, "l j F Y") not in blok
    # who answers reads "U"; the stap names the family to everyone else (the kit's aan_zet_tekst)
    stap = refresh(w.opp).type.stap(refresh(w.opp))
    assert stap.aan_zet == "gezin"
    from portal.zaken.pagina import aan_zet_tekst

    assert aan_zet_tekst(stap, {"school", "ib"}, refresh(w.opp)) == "De ouders"


@pytest.mark.parametrize("status, aan_zet", [
    (Status.OP_TE_STELLEN, "school"), (Status.TER_INSTEMMING, "gezin"), (Status.GEEN_INSTEMMING, "school"),
    (Status.INGESTEMD, "school"), (Status.VASTGESTELD, "school")])
def test_every_step_names_whose_turn_it_is(w, status, aan_zet):
    opp = refresh(w.opp)
    opp.status = status
    assert opp.type.stap(opp).aan_zet == aan_zet


def test_the_school_reads_its_own_term_as_its_turn_and_no_family_sentence(w, client):
    concept(w)
    b2 = refresh(w.opp).klokken["B-2"].uiterlijk
    login_staff(client, w.ib_a)
    r = client.get(reverse("opp:detail", args=[w.opp.pk]))
    blok = _tracker(r)
    assert "Stand van zaken" in blok and "Waar staat het?" not in blok and "Wat moet er nog gebeuren?" in r.content.decode()
    assert "Wie is aan zet U" in blok and date_format(b2, "l j F Y") in blok
    assert "samen met de ouders" in blok and "met u" not in blok  # the family's sentence is not the school's
    # during the instemming the school reads whose turn it is by name
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    blok = _tracker(client.get(reverse("opp:detail", args=[w.opp.pk])))
    assert "Wie is aan zet De ouders" in blok and "laat weten of u instemt" not in blok


# --- several decisions per case (issue #18 §7) ---------------------------------------------------------------

def test_every_version_is_its_own_decision_with_its_validity(w):
    opp = vastgesteld(w)
    eerste = Besluit.objects.get(zaak=opp, besluittype="opp")
    assert eerste.sleutel == "versie:1" and eerste.ingang == VANDAAG() and eerste.geldig_tot is None
    s.opp_herzie(opp=opp, door=w.ib_a)
    s.overleg_leg_vast(opp=refresh(opp), door=w.ib_a, datum=VANDAAG(), deelnemers="Moeder", besproken="Wijziging",
                       overeenstemming="ja", afspraken="Breuken erbij")
    s.inbreng_leg_vast(opp=refresh(opp), door=w.ib_a, tekst="Breuken zijn leuk", hoe_gevraagd="gesprek")
    s.opp_leg_voor(opp=refresh(opp), door=w.ib_a)
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(opp), door=ouder, keuze="ingestemd")
    tweede = s.vaststelling_bereid_voor(opp=refresh(opp), door=w.ib_a, uitleg_mening="Uitleg", wat_veranderde="Meer")
    # the core's prepare, with the version's key: a second decision of the same kind waits beside the signed one
    assert tweede.pk != eerste.pk and tweede.sleutel == "versie:2"
    assert Besluit.objects.filter(zaak=opp, besluittype="opp").count() == 2
    besluit_onderteken(besluit=tweede, door=w.dir_a)
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.geldig_tot == VANDAAG() and tweede.geldig_tot is None  # version 2 replaced version 1
    assert list(Besluit.objects.filter(zaak=opp).geldend(VANDAAG())) == [tweede]
    assert list(Besluit.objects.filter(zaak=opp).geldend(VANDAAG() - timedelta(days=1))) == []
    # ending the OPP ends the decision in force
    s.opp_beeindig(opp=refresh(opp), door=w.ib_a, op=VANDAAG(), reden="uitgeschreven")
    tweede.refresh_from_db()
    assert tweede.geldig_tot == VANDAAG() and not tweede.geldt_op(VANDAAG())


def test_the_core_keeps_one_prepared_decision_per_kind_and_key(w):
    """``besluit_bereid_voor`` revises the waiting decision with the same key, prepares another beside it for
    another key, and refuses to prepare again a decision that was signed."""
    a = besluit_bereid_voor(zaak=w.opp, besluittype="opp", uitkomst="vastgesteld", motivering="Een", door=w.ib_a,
                            sleutel="versie:1")
    a2 = besluit_bereid_voor(zaak=w.opp, besluittype="opp", uitkomst="vastgesteld", motivering="Twee", door=w.ib_a,
                             sleutel="versie:1")
    b = besluit_bereid_voor(zaak=w.opp, besluittype="opp", uitkomst="perspectief_vastgesteld", motivering="Drie",
                            door=w.ib_a, sleutel="versie:1:perspectief")
    assert a2.pk == a.pk and Besluit.objects.get(pk=a.pk).motivering == "Twee" and b.pk != a.pk
    assert Besluit.objects.te_ondertekenen().filter(zaak=w.opp).count() == 2
    Besluit.objects.filter(pk=a.pk).update(ondertekend_op=timezone.now())
    with pytest.raises(ZaakFout, match="al ondertekend"):
        besluit_bereid_voor(zaak=w.opp, besluittype="opp", uitkomst="vastgesteld", motivering="Vier", door=w.ib_a,
                            sleutel="versie:1")


def test_the_opp_writes_no_decision_row_of_its_own():
    """Item 7: the OPP prepares its vaststelling through the core's ``besluit_bereid_voor`` (no copy)."""
    import inspect

    from opp import services

    bron = inspect.getsource(services)
    assert "Besluit(zaak=" not in bron and "besluit_bereid_voor(" in bron


# --- the arrangements as core references (issue #18 §5) -------------------------------------------------------

def test_the_handelingsdeel_lists_arrangements_as_core_cases_and_freezes_their_summary(w):
    from ondersteuning import services as ond

    arr = ond.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib_a, aanbod_soort="eigen_school",
                               doel="Rust in de klas", startdatum=VANDAAG())
    keuze = sel.arrangementen_keuze(w.opp)
    assert keuze.model is Zaak and [z.pk for z in keuze] == [arr.pk]
    concept(w)
    s.arrangementen_kies(opp=refresh(w.opp), door=w.ib_a, arrangementen=list(keuze))
    versie = refresh(w.opp).concept
    namen = sel.arrangement_namen(versie)
    assert len(namen) == 1 and namen[0].startswith(f"{arr.nummer}: ") and namen[0].endswith("— Rust in de klas")
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    vast = refresh(w.opp).concept.arrangementen_vastgelegd
    assert vast[0]["arrangement_id"] == arr.pk and vast[0]["titel"].endswith("— Rust in de klas")
    assert vast[0]["status"]  # the status label, from the kind's summary


def test_opp_imports_no_other_domain_app():
    import pathlib

    for pad in pathlib.Path("opp").rglob("*.py"):
        if "migrations" in pad.parts:
            continue
        tekst = pad.read_text()
        for app in ("aanmelding", "geschillen", "ondersteuning", "tlv", "thuiszitters"):
            assert not re.search(rf"^\s*(from|import) {app}\b", tekst, re.MULTILINE), (pad, app)


@pytest.mark.django_db(transaction=True)
def test_the_migrations_keep_the_arrangements_and_key_the_decisions(w):
    """0004 copies a version's arrangements from the old many-to-many (to ``ondersteuning.Arrangement``) to the core
    references (same ids); 0005 gives the OPP's existing decisions their key (``versie:<n>``)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from ondersteuning import services as ond

    arr = ond.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib_a, aanbod_soort="eigen_school",
                               doel="Rust in de klas", startdatum=VANDAAG())
    concept(w)
    s.arrangementen_kies(opp=refresh(w.opp), door=w.ib_a, arrangementen=list(sel.arrangementen_keuze(w.opp)))
    s.opp_leg_voor(opp=refresh(w.opp), door=w.ib_a)
    for ouder in (w.ouder_a, w.ouder2_a):
        s.instemming_geef(opp=refresh(w.opp), door=ouder, keuze="ingestemd")
    besluit = s.vaststelling_bereid_voor(opp=refresh(w.opp), door=w.ib_a, uitleg_mening="Uitleg")
    besluit_onderteken(besluit=besluit, door=w.dir_a)
    executor = MigrationExecutor(connection)
    executor.migrate([("opp", "0003_wet_derde_ronde"), ("zaken", "0004_alter_besluit_bekendmaking")])
    with connection.cursor() as c:  # as before: the old table holds the arrangement
        c.execute("SELECT arrangement_id FROM opp_versie_arrangementen")
        assert [r[0] for r in c.fetchall()] == [arr.pk]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    versie = refresh(w.opp).geldend
    assert [z.pk for z in versie.arrangementen.all()] == [arr.pk]
    assert Besluit.objects.get(pk=besluit.pk).sleutel == "versie:1"


def test_the_document_action_is_the_kits_actie(w, client):
    """POST-only, the school only (404 for the parent), a refused form back on the OPP's page with 200, a stored
    document back to the page with the message."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .factories import PDF

    url = reverse("opp:document", args=[w.opp.pk])
    client.force_login(w.ouder_a)
    assert client.post(url, {}).status_code == 404
    client.logout()
    login_staff(client, w.ib_a)
    assert client.get(url).status_code == 405
    r = client.post(url, {})
    assert r.status_code == 200 and "Wat moet er nog gebeuren?" in r.content.decode()
    r = client.post(url, {"bestand": SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")},
                    follow=True)
    assert r.redirect_chain[-1][0] == reverse("opp:detail", args=[w.opp.pk])
    assert "Het document is toegevoegd." in r.content.decode() and "verslag.pdf" in r.content.decode()
