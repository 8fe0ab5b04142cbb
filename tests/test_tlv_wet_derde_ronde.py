"""Issue 17 §3, the TLV after the third legal reading (table-driven, the issue's own dates):

* C-7 deletes the health data, not the decision (WPO 18a lid 13; WVO 2020 art. 2.47 lid 16): the decision and its
  letter stay while the TLV is valid, while a bezwaar, beroep or geschil runs, then by the SWV's archive rule;
* C-5 duration: "één of meer schooljaren" (WPO 40 lid 13; WEC 40 lid 15), no maximum in the law; the cap is a policy
  setting per SWV (default 8), and the service and the terms CLI agree on it;
* C-3 independence against the receiving school: an expert employed there is refused, with the reason shown.
"""

import json
import os
import subprocess
import sys
from datetime import date as d
from pathlib import Path

import pytest
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.accounts.models import Membership
from portal.audit.models import AuditEntry
from portal.documenten.models import Brief
from portal.leerlingen.models import Inschrijving
from portal.termijnen import rules
from portal.zaken.models import Zaak
from portal.zaken.services import besluit_onderteken
from tlv import services as s
from tlv import wet
from tlv.checks import check_c5_parameters
from tlv.models import Instellingen, Toewijzing
from tlv.tasks import gezondheidsgegevens_verwijderen

from .conftest import login_staff
from .factories import BestuurFactory, SchoolFactory
from .test_tlv import op, pdf, tlv_wereld, vers

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def w(world):
    w = tlv_wereld(world)
    Inschrijving.objects.filter(pk=w.ins_a.pk).update(van=d(2020, 8, 20))  # enrolled long before 2023
    return w


def aanvraag(w, *, dag=d(2023, 4, 3), soort="sbo", ontvangende_school=None, jaren=4):
    with op(dag):
        t = s.tlv_maak(school=w.school_a, leerling=w.kind_a, soort=soort, door=w.ib_a, onderwijsbehoeften="Kleine groep",
                       geprobeerd="Extra hulp in de klas", gevraagde_schooljaren=jaren,
                       ontvangende_school=ontvangende_school)
    return t


def besloten(w, *, uitkomst="toegekend", ingediend=d(2023, 4, 3), advies=d(2023, 4, 17), dag=d(2023, 6, 1), jaren=4):
    """A TLV applied for on 3 April 2023, both advices on 17 April, decided and made known on 1 June 2023."""
    t = aanvraag(w, dag=ingediend, jaren=jaren)
    with op(ingediend):
        s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Ons kind heeft ADHD en een kleine groep nodig.")
        s.tlv_document_voeg_toe(tlv=t, door=w.ib_a, bestand=pdf("onderwijskundig-rapport.pdf"))
        s.tlv_dien_in(tlv=t, door=w.ib_a)
    conclusie = "toelaatbaar" if uitkomst == "toegekend" else "niet_toelaatbaar"
    with op(advies):
        s.tlv_volledig(tlv=vers(t), door=w.swv_mw_a)
        t1 = s.tlv_deskundige_wijs_toe(tlv=vers(t), door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
        t2 = s.tlv_deskundige_wijs_toe(tlv=vers(t), door=w.swv_mw_a, deskundige=w.desk2, plaats=2)
        s.tlv_advies_geef(toewijzing=t1, deskundige=w.desk1, conclusie=conclusie, advies="Diagnose ADHD; kleine groep.")
        s.tlv_advies_geef(toewijzing=t2, deskundige=w.desk2, conclusie=conclusie, advies="Medicatie; geen bezwaar.")
    with op(dag):
        b = s.tlv_besluit_voorbereid(tlv=vers(t), door=w.swv_mw_a, uitkomst=uitkomst, motivering="Na twee adviezen.",
                                     ingangsdatum=dag if uitkomst == "toegekend" else None,
                                     schooljaren=jaren if uitkomst == "toegekend" else None)
        besluit_onderteken(besluit=b, door=w.swv_directeur, bekendmaking="uitgereikt", verzonden_op=dag)
    b.refresh_from_db()
    return vers(t), b


# --- C-7: the health data go after 3 years, the decision stays ----------------------------------------------------------

def test_c7_decided_2023_06_01_valid_until_2027_07_31_health_data_deleted_in_2026_06_decision_and_letter_kept(w):
    """C-7, WPO 18a lid 13 / WVO 2020 art. 2.47 lid 16: "tot drie jaar na" the assessment — only the health data."""
    t, b = besloten(w)
    assert t.einddatum == d(2027, 7, 31) and t.klokken["C-7"].uiterlijk == d(2026, 6, 1)
    besluitbrief = Brief.objects.get(zaak_id=t.pk, soort="tlv.besluit")
    assert Brief.objects.filter(zaak_id=t.pk, soort="tlv.aanvraag").exists() and t.documenten.exists()
    with op(d(2026, 5, 31)):
        assert gezondheidsgegevens_verwijderen() == 0
    with op(d(2026, 6, 1)):
        assert gezondheidsgegevens_verwijderen() == 1
    t = vers(t)
    # deleted: the advices, the third-party and school reports, the free health text, the letter that repeated it
    assert t.gegevens_verwijderd_op is not None and not t.documenten.exists()
    assert t.onderwijsbehoeften == t.geprobeerd == t.zienswijze == ""
    assert all("ADHD" not in x.advies and "Medicatie" not in x.advies for x in Toewijzing.objects.filter(tlv=t))
    assert not Brief.objects.filter(zaak_id=t.pk, soort="tlv.aanvraag").exists()
    # kept: the decision (dictum, dates, category, register number) and the decision letter as sent
    assert list(Brief.objects.filter(zaak_id=t.pk).values_list("pk", flat=True)) == [besluitbrief.pk]
    b.refresh_from_db()
    assert b.uitkomst == "toegekend" and b.bekendgemaakt_op == d(2023, 6, 1)
    assert t.tlv_nummer and t.toegekend_soort == "sbo" and t.ingangsdatum == d(2023, 6, 1)
    assert t.einddatum == d(2027, 7, 31) and t.status == "toegekend"
    # logged
    entry = AuditEntry.objects.get(object_type="tlv.toelaatbaarheidsverklaring", object_id=str(t.pk), actie="verwijderd")
    assert entry.systeem and "besluitbrief blijven" in entry.omschrijving
    # the TLV is valid: the decision is kept without an end date
    assert s.besluit_bewaren_tot(t, vandaag=d(2026, 6, 1)) is None
    with op(d(2026, 6, 2)):
        assert s.besluiten_archiveren() == 0
    assert Brief.objects.filter(pk=besluitbrief.pk).exists()


@pytest.mark.parametrize("uitkomst, archief, beroep, vandaag, verwacht, geval", [
    ("toegekend", None, None, d(2027, 7, 31), None, "de laatste dag dat de TLV geldt: bewaren"),
    ("toegekend", None, None, d(2027, 8, 1), d(2034, 7, 31), "verlopen: 7 jaar (standaard) na het einde"),
    ("toegekend", 10, None, d(2027, 8, 1), d(2037, 7, 31), "archiefregel van het SWV: 10 jaar"),
    ("toegekend", None, (d(2027, 3, 1), None), d(2027, 8, 1), None, "beroep loopt nog: bewaren"),
    ("toegekend", None, (d(2027, 3, 1), d(2028, 3, 1)), d(2028, 3, 2), d(2035, 3, 1),
     "beroep afgerond na het einde: 7 jaar na de uitspraak"),
    ("afgewezen", None, None, d(2023, 6, 2), d(2030, 6, 1), "afgewezen: 7 jaar na de bekendmaking"),
])
def test_c7_the_decision_is_kept_while_valid_and_while_a_procedure_runs_then_by_the_swvs_archive_rule(
        w, uitkomst, archief, beroep, vandaag, verwacht, geval):
    t, _b = besloten(w, uitkomst=uitkomst)
    if archief:
        s.instellingen_bewaar(swv=w.swv_a, door=w.swv_mw_a, max_schooljaren=None, archief_jaren=archief)
    if beroep:
        s.tlv_beroep_vastleggen(tlv=t, door=w.swv_mw_a, sinds=beroep[0], tot=beroep[1])
    assert s.besluit_bewaren_tot(vers(t), vandaag=vandaag) == verwacht, geval


def test_c7_an_open_bezwaar_against_the_decision_keeps_it_asked_of_the_core_not_of_geschillen(w):
    """The pending bezwaar is a core case (``Zaak.betreft_besluit``) pointing at the TLV decision."""
    from geschillen.services import bezwaar_dien_in, bezwaar_trek_in

    t, b = besloten(w, uitkomst="afgewezen")
    with op(d(2023, 6, 20)):
        bz = bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="Ons kind heeft een kleine groep nodig.")
    assert Zaak.objects.filter(betreft_besluit__zaak_id=t.pk, afgesloten_op__isnull=True).count() == 1
    assert s.procedures_lopend(vers(t)) == [bz.nummer]
    assert s.besluit_bewaren_tot(vers(t), vandaag=d(2031, 1, 1)) is None
    with op(d(2023, 7, 3)):
        bezwaar_trek_in(bezwaar=bz, ouder=w.ouder_a, reden="Toch niet.")
    assert s.procedures_lopend(vers(t)) == []
    assert s.besluit_bewaren_tot(vers(t), vandaag=d(2031, 1, 1)) == d(2030, 7, 3)  # 7 years after the bezwaar closed


def test_c7_archive_term_passed_the_decision_letter_is_destroyed_and_logged_the_register_entry_stays(w):
    t, _b = besloten(w)
    with op(d(2026, 6, 1)):
        gezondheidsgegevens_verwijderen()
    with op(d(2027, 8, 1)):
        from portal.termijnen.sweep import sweep_due_clocks

        sweep_due_clocks()  # C-5: expired
    assert vers(t).status == "verlopen"
    with op(d(2034, 7, 30)):
        assert gezondheidsgegevens_verwijderen() == 0  # the daily task also runs the archive pass
    assert Brief.objects.filter(zaak_id=t.pk, soort="tlv.besluit").exists()
    with op(d(2034, 7, 31)):
        assert gezondheidsgegevens_verwijderen() == 1
    t = vers(t)
    assert t.besluit_vernietigd_op is not None and not Brief.objects.filter(zaak_id=t.pk).exists()
    assert t.tlv_nummer and t.einddatum == d(2027, 7, 31)
    assert AuditEntry.objects.filter(object_type="tlv.toelaatbaarheidsverklaring", object_id=str(t.pk),
                                     omschrijving__startswith="Besluitbrief vernietigd").exists()


def test_c7_swv_staff_set_the_archive_rule_on_the_desk_page(w, client):
    login_staff(client, w.swv_mw_a)
    r = client.post(reverse("tlv:loket"), {"naam": "CvT", "postadres": "Postbus 9", "bezwaar_adres": "Postbus 10",
                                           "max_schooljaren": "6", "archief_jaren": "12"})
    assert r.status_code == 302
    inst = Instellingen.objects.get(swv=w.swv_a)
    assert (inst.max_schooljaren, inst.archief_jaren) == (6, 12)
    assert wet.max_schooljaren(w.swv_a) == 6
    r = client.post(reverse("tlv:loket"), {"naam": "CvT", "postadres": "Postbus 9", "bezwaar_adres": "Postbus 10",
                                           "max_schooljaren": "", "archief_jaren": ""})
    inst.refresh_from_db()
    assert r.status_code == 302 and (inst.max_schooljaren, inst.archief_jaren) == (None, 12)  # empty: the default cap
    with pytest.raises(s.TlvFout):
        s.instellingen_bewaar(swv=w.swv_a, door=w.ib_a, max_schooljaren=3, archief_jaren=5)  # not the SWV's staff


# --- C-5: the duration; the cap is policy, per SWV, and the service and the CLI agree ----------------------------------

def test_c5_the_cap_is_one_parameter_of_rule_c5_read_by_the_service_and_the_cli():
    """WPO 40 lid 13, WEC 40 lid 15: "één of meer schooljaren" — no maximum in the law; 8 is the portal's policy."""
    assert rules.get("C-5", code_defaults=True).params()["max_schooljaren"] == 8
    assert wet.max_schooljaren() == 8
    assert "max_schooljaren" in rules.get("C-5").overschrijfbaar


@pytest.mark.parametrize("eigen, jaren, fout, geval", [
    (None, 8, None, "standaard: 8 schooljaren mag"),
    (None, 9, "ten hoogste 8", "standaard: 9 is te veel (beleid, geen wet)"),
    (None, 0, "minstens 1", "minstens 1 schooljaar (WEC 40 lid 15)"),
    (10, 9, None, "het SWV staat 10 toe"),
    (3, 4, "ten hoogste 3", "het SWV staat er 3 toe"),
])
def test_c5_service_refuses_more_school_years_than_the_swvs_cap(w, eigen, jaren, fout, geval):
    if eigen:
        Instellingen.objects.create(swv=w.swv_a, max_schooljaren=eigen)
    if fout:
        with pytest.raises(s.TlvFout, match=fout):
            aanvraag(w, dag=d(2026, 9, 1), jaren=jaren)
    else:
        assert aanvraag(w, dag=d(2026, 9, 1), jaren=jaren).gevraagde_schooljaren == jaren, geval


def test_c5_the_decision_is_held_to_the_same_cap(w):
    Instellingen.objects.create(swv=w.swv_a, max_schooljaren=10)
    t, _b = besloten(w, jaren=9)
    assert t.schooljaren == 9 and t.einddatum == d(2032, 7, 31)  # 1 June 2023: the rest of 2022/23 plus 9 years

def test_c5_the_signer_cannot_grant_more_than_the_cap(w):
    t = aanvraag(w, dag=d(2023, 4, 3), jaren=2)
    with op(d(2023, 4, 3)):
        s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Graag.")
        s.tlv_document_voeg_toe(tlv=vers(t), door=w.ib_a, bestand=pdf())
        s.tlv_dien_in(tlv=vers(t), door=w.ib_a)
        s.tlv_volledig(tlv=vers(t), door=w.swv_mw_a)
        for plaats, desk in ((1, w.desk1), (2, w.desk2)):
            tw = s.tlv_deskundige_wijs_toe(tlv=vers(t), door=w.swv_mw_a, deskundige=desk, plaats=plaats)
            s.tlv_advies_geef(toewijzing=tw, deskundige=desk, conclusie="toelaatbaar", advies="Past.")
    Instellingen.objects.create(swv=w.swv_a, max_schooljaren=2)
    with op(d(2023, 4, 10)), pytest.raises(s.TlvFout, match="ten hoogste 2 schooljaren"):
        s.tlv_besluit_voorbereid(tlv=vers(t), door=w.swv_mw_a, uitkomst="toegekend", motivering="x",
                                 ingangsdatum=d(2023, 4, 10), schooljaren=3)


def test_c5_settings_check_refuses_a_cap_below_one(settings):
    settings.TERMIJNEN_OVERRIDES = {"C-5": {"max_schooljaren": 0}}
    assert "tlv.E003" in [e.id for e in check_c5_parameters(None)]
    settings.TERMIJNEN_OVERRIDES = {"C-5": {"max_schooljaren": 12}}
    assert check_c5_parameters(None) == [] and wet.max_schooljaren() == 12


def test_c5_application_form_offers_the_swvs_cap_and_refuses_more_at_the_field(w, client):
    Instellingen.objects.create(swv=w.swv_a, max_schooljaren=3)
    login_staff(client, w.ib_a)
    url = reverse("tlv:nieuw") + f"?leerling={w.kind_a.pk}&soort=sbo"
    r = client.get(url)
    html = r.content.decode()
    assert r.status_code == 200 and 'value="3"' in html and 'value="4"' not in html
    r = client.post(url, {"soort": "sbo", "onderwijsbehoeften": "x", "geprobeerd": "y", "gevraagde_schooljaren": "4"})
    assert r.status_code == 200 and r.context["form"].errors.get("gevraagde_schooljaren")


def termijn(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REQUIRE_SERVICES")}
    env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"  # the CLI needs no database
    return subprocess.run([sys.executable, "manage.py", "termijn", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize("args, einde, geval", [
    (["--schooljaren", "8"], "2034-07-31", "8: het maximum van het portaal (C-5 max_schooljaren)"),
    (["--schooljaren", "9"], None, "9: te veel, zoals in de service"),
    (["--schooljaren", "40"], None, "40: vroeger geaccepteerd, nu geweigerd"),
    (["--schooljaren", "0"], None, "0: minstens 1 schooljaar (WEC 40 lid 15)"),
    (["--schooljaren", "9", "--max", "10"], "2035-07-31", "het eigen maximum van een SWV"),
    (["--schooljaren", "2", "--max", "0"], None, "een maximum onder 1"),
])
def test_c5_cli_agrees_with_the_service_out_of_range_exits_2_with_one_dutch_line(args, einde, geval):
    r = termijn("tlv-einddatum", "--afgifte", "2026-08-01", *args)
    if einde:
        assert r.returncode == 0 and json.loads(r.stdout)["einddatum"] == einde, geval
        return
    assert r.returncode == 2 and r.stdout == "", geval
    regels = r.stderr.strip().splitlines()
    assert len(regels) == 1 and regels[0].startswith("termijn: fout: ") and "Traceback" not in r.stderr, geval


# --- C-3: independence against the receiving school ---------------------------------------------------------------------

@pytest.mark.parametrize("waar, fout, geval", [
    ("ontvangend", "Werkt bij de school waar het kind naartoe gaat", "werkt op de school waar het kind naartoe gaat"),
    ("bestuur", "Werkt voor het bestuur van de school waar het kind naartoe gaat", "werkt voor het bestuur ervan"),
    ("andere", None, "werkt op een andere sbo-school: mag"),
    ("geen_ontvangende", None, "geen ontvangende school vastgelegd: mag"),
])
def test_c3_an_expert_employed_at_the_receiving_school_is_refused_with_the_reason(w, waar, fout, geval):
    sbo = SchoolFactory(soort="sbo", naam="SBO De Brug", bestuur=BestuurFactory())
    andere = SchoolFactory(soort="sbo", naam="SBO Elders")
    if waar == "bestuur":
        Membership.objects.create(user=w.desk1, rol=Rol.BESTUURDER, bestuur=sbo.bestuur)
    else:
        Membership.objects.create(user=w.desk1, rol=Rol.IB, school=andere if waar == "andere" else sbo)
    w.desk1 = type(w.desk1).objects.get(pk=w.desk1.pk)  # fresh memberships
    t = aanvraag(w, dag=d(2026, 9, 1), ontvangende_school=None if waar == "geen_ontvangende" else sbo)
    with op(d(2026, 9, 1)):
        s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Graag.")
        s.tlv_document_voeg_toe(tlv=vers(t), door=w.ib_a, bestand=pdf())
        s.tlv_dien_in(tlv=vers(t), door=w.ib_a)
        s.tlv_volledig(tlv=vers(t), door=w.swv_mw_a)
        bezwaren = s.deskundige_bezwaren(tlv=vers(t), deskundige=w.desk1, plaats=1)
        if fout:
            assert any(fout in x for x in bezwaren), (geval, bezwaren)
            with pytest.raises(s.TlvFout, match=fout):
                s.tlv_deskundige_wijs_toe(tlv=vers(t), door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
        else:
            assert bezwaren == [], geval
            s.tlv_deskundige_wijs_toe(tlv=vers(t), door=w.swv_mw_a, deskundige=w.desk1, plaats=1)


def test_c3_the_swv_staff_see_why_the_expert_is_refused_on_the_page(w, client):
    sbo = SchoolFactory(soort="sbo", naam="SBO De Brug")
    Membership.objects.create(user=w.desk1, rol=Rol.LEERKRACHT, school=sbo)
    t = aanvraag(w, dag=d(2026, 9, 1), ontvangende_school=sbo)
    with op(d(2026, 9, 1)):
        s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Graag.")
        s.tlv_document_voeg_toe(tlv=vers(t), door=w.ib_a, bestand=pdf())
        s.tlv_dien_in(tlv=vers(t), door=w.ib_a)
        s.tlv_volledig(tlv=vers(t), door=w.swv_mw_a)
    login_staff(client, w.swv_mw_a)
    r = client.post(reverse("tlv:actie", args=[t.pk, "toewijzen"]),
                    {"toewijzen-plaats": "1", "toewijzen-deskundige": str(w.desk1.pk)})
    html = r.content.decode()
    assert r.status_code == 200 and "Werkt bij de school waar het kind naartoe gaat (SBO De Brug)" in html
    assert not Toewijzing.objects.filter(tlv=t).exists()
    r = client.get(reverse("tlv:detail", args=[t.pk]))
    assert "SBO De Brug" in r.content.decode()  # the receiving school is shown with the application


def test_c3_the_receiving_school_must_be_of_the_kind_applied_for(w):
    bao = SchoolFactory(soort="bao", naam="Basisschool Zon")
    with pytest.raises(s.TlvFout, match="geen school voor speciaal basisonderwijs"):
        aanvraag(w, dag=d(2026, 9, 1), ontvangende_school=bao)


def test_c7_swv_staff_record_a_beroep_on_the_page_and_see_until_when_the_decision_is_kept(w, client):
    t, _b = besloten(w, uitkomst="afgewezen")
    login_staff(client, w.swv_mw_a)
    with op(d(2026, 6, 2)):
        html = client.get(reverse("tlv:detail", args=[t.pk])).content.decode()
        assert "Het besluit zelf bewaren wij tot 1 juni 2030" in html
        r = client.post(reverse("tlv:actie", args=[t.pk, "beroep"]), {"beroep-sinds": "2026-06-01"})
        assert r.status_code == 302
        html = client.get(reverse("tlv:detail", args=[t.pk])).content.decode()
    assert vers(t).beroep_sinds == d(2026, 6, 1) and "beroep bij de bestuursrechter" in html
    client.force_login(w.ouder_a)
    with op(d(2026, 6, 2)):
        assert client.post(reverse("tlv:actie", args=[t.pk, "beroep"]), {"beroep-sinds": "2026-06-01"}).status_code == 404
