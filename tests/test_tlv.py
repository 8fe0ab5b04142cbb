"""Issue #12, the TLV: the school's application (C-1, C-2) to the SWV the law names, the parents' view and consent,
completeness and the request to the school (C-4), the two independent experts (C-3), the decision under the SWV's
mandate with its letter and register (C-5), the bezwaar on the geschillen case kind (C-6), expiry and the deletion
of health data (C-7). Services and views; the terms are in ``test_tlv_termijnen.py``.

The helpers at the top (``tlv_wereld``, ``concept``, ``ingediend``, ``met_adviezen``, ``beslist``) are shared with
the other TLV tests, the browser test and the access matrix."""

import csv
import io
from datetime import date as d
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.audit.models import AuditEntry
from portal.leerlingen.models import Inschrijving
from portal.meldingen.models import Notification
from portal.organisaties.models import Gemeente, Mandaat
from portal.zaken.models import Verzoek
from portal.zaken.services import besluit_onderteken
from tlv import services as s
from tlv.constants import DocumentSoort, Status, SwvGrond
from tlv.models import Belang, Deskundige, Loket, Toelaatbaarheidsverklaring, Toewijzing, Werkgebied

from .conftest import login_staff
from .factories import (
    PDF,
    InschrijvingFactory,
    LeerlingFactory,
    SchoolFactory,
    SWVFactory,
    mandaat,
    member,
    ouder_van,
)

AMS = ZoneInfo("Europe/Amsterdam")


def op(dag, uur=10):
    """Travel to ``uur`` o'clock on ``dag`` (frozen)."""
    return time_machine.travel(datetime(dag.year, dag.month, dag.day, uur, tzinfo=AMS), tick=False)


def pdf(naam="rapport.pdf"):
    f = SimpleUploadedFile(naam, PDF, content_type="application/pdf")
    f.portal_mime = "application/pdf"
    return f


def vers(tlv) -> Toelaatbaarheidsverklaring:
    return Toelaatbaarheidsverklaring.objects.get(pk=tlv.pk)


# --- helpers shared with the other TLV tests ------------------------------------------------------------------------

def tlv_wereld(w):
    """On top of the shared world: two experts with their professions (C-3), the SWV's desk with its bezwaar address,
    and a director of SWV A mandated to sign TLV decisions (the mandate register)."""
    w.desk1 = member(Rol.DESKUNDIGE, organisatie_naam="Praktijk Orthopedagogiek", first_name="Eva", last_name="de Boer")
    Deskundige.objects.create(user=w.desk1, beroep="orthopedagoog", registratie="NVO 1")
    w.desk2 = member(Rol.DESKUNDIGE, organisatie_naam="GGD", first_name="Ahmed", last_name="Yilmaz")
    Deskundige.objects.create(user=w.desk2, beroep="arts", registratie="BIG 1")
    w.swv_directeur = member(Rol.SWV, swv=w.swv_a, first_name="Sara", last_name="Vermeulen")
    w.swv_mandaat = mandaat(w.swv_directeur, w.swv_a, ["tlv"], functie="directeur SWV A")
    Loket.objects.create(swv=w.swv_a, naam="Commissie van Toelaatbaarheid", postadres="Postbus 1, 1234 AB Teststad",
                         bezwaar_adres="SWV A, t.a.v. bezwaren TLV, Postbus 1, 1234 AB Teststad")
    return w


def concept(w, soort="sbo", **kw):
    return s.tlv_maak(school=w.school_a, leerling=w.kind_a, soort=soort, door=w.ib_a, onderwijsbehoeften="Kleine groep",
                      geprobeerd="Een jaar extra hulp in de klas", gevraagde_schooljaren=2, **kw)


def ingediend(w, dag=d(2026, 3, 2), soort="sbo"):
    with op(dag):
        t = concept(w, soort)
        s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Wij willen graag een kleine groep voor ons kind.")
        s.tlv_document_voeg_toe(tlv=t, door=w.ib_a, bestand=pdf("onderwijskundig-rapport.pdf"))
        s.tlv_dien_in(tlv=t, door=w.ib_a)
    return vers(t)


def met_adviezen(w, conclusie="toelaatbaar", dag=d(2026, 3, 16), soort="sbo"):
    t = ingediend(w, soort=soort)
    with op(dag):
        s.tlv_volledig(tlv=t, door=w.swv_mw_a)
        t1 = s.tlv_deskundige_wijs_toe(tlv=t, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
        t2 = s.tlv_deskundige_wijs_toe(tlv=t, door=w.swv_mw_a, deskundige=w.desk2, plaats=2)
        s.tlv_advies_geef(toewijzing=t1, deskundige=w.desk1, conclusie=conclusie, advies="Een kleine groep past.",
                          categorie="2" if soort in ("so", "vso") else "")
        s.tlv_advies_geef(toewijzing=t2, deskundige=w.desk2, conclusie=conclusie, advies="Medisch geen bezwaar.")
    return vers(t)


def beslist(w, uitkomst="toegekend", dag=d(2026, 4, 1), soort="sbo", categorie="", schooljaren=2):
    t = met_adviezen(w, "toelaatbaar" if uitkomst == "toegekend" else "niet_toelaatbaar", soort=soort)
    with op(dag):
        b = s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst=uitkomst, motivering="Na twee adviezen.",
                                     ingangsdatum=dag if uitkomst == "toegekend" else None,
                                     schooljaren=schooljaren if uitkomst == "toegekend" else None, categorie=categorie)
        besluit_onderteken(besluit=b, door=w.swv_directeur, bekendmaking="uitgereikt", verzonden_op=dag)
    b.refresh_from_db()
    return vers(t), b


@pytest.fixture
def w(world):
    return tlv_wereld(world)


# --- C-1, C-2: who applies, and which SWV decides ---------------------------------------------------------------------

def test_school_of_inschrijving_applies_and_its_swv_decides(w):
    t = concept(w)
    assert t.status == Status.CONCEPT and t.swv == w.swv_a and t.swv_grond == SwvGrond.INSCHRIJVING
    assert t.vorige_school == w.school_a and "artikel 40 lid 8 onder a" in t.swv_artikel
    # the parents are told and asked for their view
    assert Notification.objects.filter(ontvanger=w.ouder_a, sleutel=f"tlv:{t.pk}:concept").exists()


def test_pupil_not_enrolled_goes_to_the_swv_of_the_area_where_it_lives(w):
    """WPO 40 lid 8 b: aangemeld at an sbo school of SWV B, not enrolled anywhere, living in SWV A's area: A decides,
    not the SWV the applying school belongs to."""
    sbo = SchoolFactory(soort="sbo", swvs=[w.swv_b])
    ib_sbo = member(Rol.IB, school=sbo)
    gemeente = Gemeente.objects.create(code="GM0100", naam="Woonstad")
    Werkgebied.objects.create(swv=w.swv_a, gemeente=gemeente)
    kind = LeerlingFactory(woongemeente=gemeente)
    ouder_van(kind)
    from aanmelding import services as a

    a.aanmelding_dien_in(ouder=kind.gezag.get().ouder, school=sbo, gewenste_start=d(2027, 8, 23), ondersteuning="ja",
                         wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[], leerling=kind)
    t = s.tlv_maak(school=sbo, leerling=kind, soort="sbo", door=ib_sbo, onderwijsbehoeften="x", geprobeerd="y")
    assert t.swv == w.swv_a and t.swv_grond == SwvGrond.WOONPLAATS and t.woongemeente == gemeente
    assert "onder b" in t.swv_artikel
    assert "Woonstad" in s.swv_uitleg(t)


def test_unknown_home_area_or_abroad(w):
    sbo = SchoolFactory(soort="sbo", swvs=[w.swv_b])
    ib_sbo = member(Rol.IB, school=sbo)
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=sbo, van=d(2025, 8, 20))  # enrolled at the sbo itself: not "a basisschool"
    sbo.samenwerkingsverbanden.add(w.swv_a)  # …and the sbo belongs to two SWVs: enrolment does not decide
    with pytest.raises(s.TlvFout, match="woongemeente"):
        s.tlv_maak(school=sbo, leerling=kind, soort="sbo", door=ib_sbo, onderwijsbehoeften="x", geprobeerd="y")
    gemeente = Gemeente.objects.create(code="GM0101", naam="Nergensstad")
    with pytest.raises(s.TlvFout, match="werkgebied"):
        s.tlv_maak(school=sbo, leerling=kind, soort="sbo", door=ib_sbo, onderwijsbehoeften="x", geprobeerd="y",
                   woongemeente=gemeente)
    sbo.samenwerkingsverbanden.remove(w.swv_a)  # one SWV: enrolment at the sbo counts (an extension)
    t = s.tlv_maak(school=sbo, leerling=kind, soort="sbo", door=ib_sbo, onderwijsbehoeften="x", geprobeerd="y")
    assert t.swv == w.swv_b and t.swv_grond == SwvGrond.INSCHRIJVING
    Inschrijving.objects.filter(leerling=kind).update(tot=d(2025, 12, 31))  # left; now aangemeld again, living abroad
    s.tlv_trek_in(tlv=t, door=ib_sbo, reden="Verhuisd")
    from portal.zaken.models import Zaak

    Zaak.objects.create(zaaktype="aanmelding", leerling=kind, school=sbo, status="ontvangen")
    t = s.tlv_maak(school=sbo, leerling=kind, soort="sbo", door=ib_sbo, onderwijsbehoeften="x", geprobeerd="y",
                   buitenland=True)
    assert t.swv == w.swv_b and t.swv_grond == SwvGrond.BUITENLAND


def test_vso_goes_to_the_vo_swv_not_the_po_swv_of_the_basisschool(w):
    """WEC 40 lid 12–13: a pupil of a basisschool applying for vso is not enrolled at a vo school: the vo SWV of the
    area where the pupil lives decides."""
    vo_swv = SWVFactory(sector="vo")
    gemeente = Gemeente.objects.create(code="GM0102", naam="Vostad")
    Werkgebied.objects.create(swv=vo_swv, gemeente=gemeente)
    Werkgebied.objects.create(swv=w.swv_a, gemeente=gemeente)  # the po SWV of the same area does not decide vso
    t = concept(w, soort="vso", woongemeente=gemeente)
    assert t.swv == vo_swv and t.swv_grond == SwvGrond.WOONPLAATS


@pytest.mark.parametrize("wie, fout", [
    ("ib_b", "intern begeleider"),  # school B's IB'er cannot apply for a pupil of school A (C-2)
    ("leerkracht_a", "intern begeleider"),  # a teacher is not the school's IB'er or directeur
])
def test_only_the_school_of_aanmelding_or_inschrijving_applies(w, wie, fout):
    with pytest.raises(s.TlvFout, match=fout):
        s.tlv_maak(school=w.school_a, leerling=w.kind_a, soort="sbo", door=getattr(w, wie), onderwijsbehoeften="x",
                   geprobeerd="y")


def test_school_where_the_pupil_is_neither_aangemeld_nor_ingeschreven_cannot_apply(w):
    with pytest.raises(s.TlvFout, match="aangemeld of ingeschreven"):
        s.tlv_maak(school=w.school_b, leerling=w.kind_a, soort="sbo", door=w.ib_b, onderwijsbehoeften="x", geprobeerd="y")


@pytest.mark.parametrize("soort", ["lwoo", "cluster1", "bao", ""])
def test_out_of_scope_kinds_refused(w, soort):
    """C-1: cluster 1/2 decide themselves; lwoo is an aanwijzing, not a TLV."""
    with pytest.raises(s.TlvFout, match="soort onderwijs"):
        concept(w, soort=soort)


def test_one_running_application_per_pupil(w):
    concept(w)
    with pytest.raises(s.TlvFout, match="al een TLV-aanvraag"):
        concept(w)


# --- the parents' view and consent ------------------------------------------------------------------------------------

def test_submission_needs_the_parents_confirmed_view(w):
    with op(d(2026, 3, 2)):
        t = concept(w)
        s.tlv_document_voeg_toe(tlv=t, door=w.ib_a, bestand=pdf())
        with pytest.raises(s.TlvFout, match="zienswijze van de ouders ontbreekt"):
            s.tlv_dien_in(tlv=t, door=w.ib_a)
        s.tlv_zienswijze_school(tlv=t, door=w.ib_a, tekst="Moeder wil een kleine groep.")
        with pytest.raises(s.TlvFout, match="nog niet bevestigd"):
            s.tlv_dien_in(tlv=t, door=w.ib_a)
        assert Notification.objects.filter(ontvanger=w.ouder_a, titel__startswith="Klopt uw mening").exists()
        with pytest.raises(s.TlvFout, match="ouder met gezag"):
            s.tlv_zienswijze_bevestig(tlv=t, ouder=w.ouder_b)
        s.tlv_zienswijze_bevestig(tlv=t, ouder=w.ouder_a)
        t = s.tlv_dien_in(tlv=t, door=w.ib_a)
    assert t.status == Status.INGEDIEND and t.ingediend_op == d(2026, 3, 2)
    assert vers(t).zienswijze_bevestiging == "Bevestigd door de ouder in het portaal"


def test_school_records_a_view_signed_on_paper(w):
    t = concept(w)
    with pytest.raises(s.TlvFout, match="getekende"):
        s.tlv_zienswijze_school(tlv=t, door=w.ib_a, tekst="x", op_papier=True)
    t = s.tlv_zienswijze_school(tlv=t, door=w.ib_a, tekst="Vader: graag", op_papier=True, bestand=pdf("getekend.pdf"))
    assert t.zienswijze_compleet and t.documenten.filter(soort=DocumentSoort.ZIENSWIJZE).exists()


def test_school_does_not_change_a_view_the_parents_wrote(w, client):
    t = concept(w)
    s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Onze eigen woorden.")
    with pytest.raises(s.TlvFout, match="zelf"):
        s.tlv_zienswijze_school(tlv=t, door=w.ib_a, tekst="Anders")
    _login(client, w.ib_a)
    assert client.get(reverse("tlv:zienswijze", args=[t.pk])).status_code == 404
    assert vers(t).zienswijze == "Onze eigen woorden."


def test_submission_needs_the_opp_or_a_report(w):
    t = concept(w)
    s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Ja")
    with pytest.raises(s.TlvFout, match="ontwikkelingsperspectief"):
        s.tlv_dien_in(tlv=t, door=w.ib_a)
    s.tlv_wijzig(tlv=t, door=w.ib_a, soort="sbo", onderwijsbehoeften="x", geprobeerd="y", gevraagde_schooljaren=1,
                 opp_zaak=w.zaak_a)  # the world's zaak_a is the pupil's OPP at school A
    with pytest.raises(s.TlvFout, match="nog geen vastgestelde versie"):
        s.tlv_dien_in(tlv=t, door=w.ib_a)
    from opp.models import Versie

    Versie.objects.create(opp=w.zaak_a, nummer=1, status="vastgesteld", vastgesteld_op=d(2025, 10, 1),
                          uitstroom="vmbo_kb", onderbouwing="Leert praktisch", ondersteuning="Extra rekenhulp")
    t = s.tlv_dien_in(tlv=t, door=w.ib_a)
    assert t.status == Status.INGEDIEND
    # the version in force is attached as it was at submission, and frozen in the application's letter
    assert t.opp_gegevens["versie"] == 1 and t.opp_gegevens["vastgesteld_op"] == d(2025, 10, 1)
    assert t.brieven.get(soort="tlv.aanvraag").gegevens["opp_versie"]["ondersteuning"] == "Extra rekenhulp"


def test_third_party_report_only_with_consent_the_pupils_own_from_16(w):
    t = concept(w)
    with pytest.raises(s.TlvFout, match="toestemming"):
        s.tlv_document_voeg_toe(tlv=t, door=w.ib_a, bestand=pdf("jeugdhulp.pdf"), soort=DocumentSoort.DERDEN)
    verzoek = s.tlv_toestemming_vraag(tlv=t, door=w.ib_a)
    t = vers(t)
    assert t.toestemming is not None and w.swv_a.naam in t.toestemming.ontvanger
    assert t.toestemming.partijen(d(2026, 3, 2)) == {"ouder"}  # the pupil is 7: the parents decide
    from portal.zaken.services import toestemming_beslis

    toestemming_beslis(toestemming=verzoek.toestemming, door=w.ouder_a, keuze="gegeven")
    s.tlv_document_voeg_toe(tlv=vers(t), door=w.ib_a, bestand=pdf("jeugdhulp.pdf"), soort=DocumentSoort.DERDEN)
    s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Ja")
    toestemming_beslis(toestemming=verzoek.toestemming, door=w.ouder_a, keuze="ingetrokken")
    with pytest.raises(s.TlvFout, match="niet \\(meer\\) gegeven"):
        s.tlv_dien_in(tlv=vers(t), door=w.ib_a)


# --- completeness (C-4) --------------------------------------------------------------------------------------------------

def test_incomplete_request_goes_to_the_school_and_the_clock_stands_still(w):
    t = ingediend(w)
    assert t.klokken["C-4"].uiterlijk == d(2026, 4, 28)  # 8 weeks = Koningsdag 27 April (Atw) → 28 April
    with op(d(2026, 3, 10)):
        with pytest.raises(s.TlvFout, match="Alleen het samenwerkingsverband"):
            s.tlv_onvolledig(tlv=t, door=w.ib_a, omschrijving="x", antwoord_uiterlijk=d(2026, 3, 24))
        v = s.tlv_onvolledig(tlv=t, door=w.swv_mw_a, omschrijving="Het OPP ontbreekt.", antwoord_uiterlijk=d(2026, 3, 24))
    assert v.soort == "aanvulling_school" and v.aan == "school"
    t = vers(t)
    assert t.status == Status.AANVULLING and t.klokken["C-4"].uiterlijk is None
    assert Notification.objects.filter(ontvanger=w.ib_a, sleutel=f"tlv:{t.pk}:aanvulling:{v.pk}").exists()
    with op(d(2026, 3, 20)):
        s.tlv_aanvul(tlv=t, door=w.ib_a, antwoord="Hierbij", bestanden=[pdf("opp.pdf")])
    t = vers(t)
    # stood still from 11 March up to 20 March: 9 days added → 6 May
    assert t.status == Status.INGEDIEND and t.klokken["C-4"].uiterlijk == d(2026, 5, 6)
    assert t.documenten.filter(soort=DocumentSoort.AANVULLING).exists()


def test_lapsed_request_returns_it_to_the_swv_which_may_decide_not_to_treat_it(w):
    from portal.zaken.services import verzoeken_verlopen

    t = ingediend(w)
    with op(d(2026, 3, 10)):
        with pytest.raises(s.TlvFout, match="niet op tijd aanvulde"):
            s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst="buiten_behandeling", motivering="x")
        s.tlv_onvolledig(tlv=t, door=w.swv_mw_a, omschrijving="Het OPP ontbreekt.", antwoord_uiterlijk=d(2026, 3, 17))
    with op(d(2026, 3, 18)):
        assert verzoeken_verlopen() == 1
    t = vers(t)
    # stood still 11–17 March (the answer term lapsed; it runs again from the 18th): 27 April + 7 days = Monday 4 May
    assert t.status == Status.INGEDIEND and t.klokken["C-4"].uiterlijk == d(2026, 5, 4)
    with op(d(2026, 3, 19)):
        b = s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst="buiten_behandeling",
                                     motivering="De school vulde niet aan.")
        besluit_onderteken(besluit=b, door=w.swv_directeur, bekendmaking="uitgereikt", verzonden_op=d(2026, 3, 19))
    t = vers(t)
    assert t.status == Status.AFGEWEZEN and not t.tlv_nummer and "C-6" in b.klokken


def test_later_date_announced_before_the_term_ends(w):
    """Awb 4:14: the parents and the school are told (letter and notification); the due date becomes that date."""
    t = ingediend(w)
    with op(d(2026, 4, 20)):
        with pytest.raises(s.TlvFout, match="na de huidige"):
            s.tlv_later_aankondigen(tlv=t, door=w.swv_mw_a, datum=d(2026, 4, 27), reden="x")
        c4 = s.tlv_later_aankondigen(tlv=t, door=w.swv_mw_a, datum=d(2026, 5, 26), reden="De arts is ziek.")
    assert c4.uiterlijk == d(2026, 5, 26) and c4.aangekondigd_op == d(2026, 4, 20)
    brief = t.brieven.get(soort="tlv.later")
    assert brief.gegevens["uiterlijk"] == d(2026, 5, 26) and brief.gegevens["oud_uiterlijk"] == d(2026, 4, 28)
    assert Notification.objects.filter(ontvanger=w.ouder_a, sleutel__startswith=f"tlv:{t.pk}:later").exists()
    assert Notification.objects.filter(ontvanger=w.ib_a, sleutel__startswith=f"tlv:{t.pk}:later").exists()
    with op(d(2026, 5, 27)), pytest.raises(s.TlvFout, match="vóór het einde"):
        s.tlv_later_aankondigen(tlv=t, door=w.swv_mw_a, datum=d(2026, 6, 26), reden="nog eens")


# --- the experts (C-3) -------------------------------------------------------------------------------------------------

@pytest.fixture
def volledig(w):
    t = ingediend(w)
    s.tlv_volledig(tlv=t, door=w.swv_mw_a)
    return vers(t)


def test_expert_working_at_the_applying_school_is_refused_with_the_reason(w, volledig):
    ib_expert = member(Rol.DESKUNDIGE, organisatie_naam="Zelfstandig")
    Deskundige.objects.create(user=ib_expert, beroep="psycholoog")
    from portal.accounts.models import Membership

    Membership.objects.create(user=ib_expert, rol=Rol.IB, school=w.school_a)
    with pytest.raises(s.TlvFout, match=f"Werkt bij de aanvragende school \\({w.school_a.naam}\\)"):
        s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=ib_expert, plaats=1)
    assert not Toewijzing.objects.exists()


def test_expert_involved_earlier_with_the_child_is_refused(w, volledig):
    from portal.zaken.tijdlijn import gebeurtenis_voeg_toe

    gebeurtenis_voeg_toe(zaak=w.zaak_a, soort="document", door=w.desk1, gegevens={"naam": "observatie.pdf"})
    with pytest.raises(s.TlvFout, match="eerder betrokken bij het kind: Ontwikkelingsperspectief"):
        s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)


def test_expert_declares_a_conflict_and_is_kept_out(w, volledig):
    t1 = s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
    s.tlv_belang_meld(toewijzing=t1, deskundige=w.desk1, reden="Ik ken het gezin.")
    assert not Toewijzing.objects.get(pk=t1.pk).is_actief and Belang.objects.filter(leerling=w.kind_a).exists()
    with pytest.raises(s.TlvFout, match="belang gemeld"):
        s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)


@pytest.mark.parametrize("plaats, beroep, fout", [
    (1, "arts", "orthopedagoog, psycholoog"),  # the first expert is an orthopedagoog or psycholoog
    (2, "orthopedagoog", "kinder- en jeugdpsycholoog"),  # the second one of the professions C-3 names
])
def test_expert_must_fit_the_place(w, volledig, plaats, beroep, fout):
    u = member(Rol.DESKUNDIGE, organisatie_naam="Praktijk")
    Deskundige.objects.create(user=u, beroep=beroep)
    with pytest.raises(s.TlvFout, match=fout):
        s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=u, plaats=plaats)


def test_two_advices_from_two_people(w, volledig):
    Deskundige.objects.filter(user=w.desk1).update(beroep="kinder_jeugdpsycholoog")
    w.desk1 = type(w.desk1).objects.get(pk=w.desk1.pk)
    u = member(Rol.DESKUNDIGE, organisatie_naam="Praktijk")
    Deskundige.objects.create(user=u, beroep="psycholoog")
    s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=u, plaats=1)
    with pytest.raises(s.TlvFout, match="orthopedagoog, psycholoog|al de andere deskundige"):
        s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=u, plaats=2)


def test_person_without_the_expert_role_or_profession(w, volledig):
    with pytest.raises(s.TlvFout, match="geen rol als deskundige"):
        s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.ib_b, plaats=1)
    kaal = member(Rol.DESKUNDIGE, organisatie_naam="X")
    with pytest.raises(s.TlvFout, match="beroep niet vastgelegd"):
        s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=kaal, plaats=1)


def test_both_advices_in_hand_off_to_the_decision_by_itself(w, volledig):
    t1 = s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
    t2 = s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.desk2, plaats=2)
    with pytest.raises(s.TlvFout, match="niet \\(meer\\) open voor u"):
        s.tlv_advies_geef(toewijzing=t1, deskundige=w.desk2, conclusie="toelaatbaar", advies="x")
    with pytest.raises(s.TlvFout, match="Schrijf uw advies"):
        s.tlv_advies_geef(toewijzing=t1, deskundige=w.desk1, conclusie="toelaatbaar", advies="  ")
    s.tlv_advies_geef(toewijzing=t1, deskundige=w.desk1, conclusie="toelaatbaar", advies="Past.", bestand=pdf("bijlage.pdf"))
    assert vers(volledig).status == Status.ADVIES
    with pytest.raises(s.TlvFout, match="al gegeven"):
        s.tlv_advies_geef(toewijzing=t1, deskundige=w.desk1, conclusie="niet_toelaatbaar", advies="Toch niet")
    s.tlv_advies_geef(toewijzing=t2, deskundige=w.desk2, conclusie="toelaatbaar", advies="Geen bezwaar.")
    t = vers(volledig)
    assert t.status == Status.BESLUITVORMING
    assert Notification.objects.filter(ontvanger=w.swv_mw_a, sleutel=f"tlv:{t.pk}:adviezen").exists()
    assert Notification.objects.filter(ontvanger=w.ouder_a, sleutel=f"tlv:{t.pk}:adviezen").exists()


def test_swv_withdraws_a_request_for_advice(w, volledig):
    t1 = s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
    s.tlv_toewijzing_trek_in(toewijzing=t1, door=w.swv_mw_a, reden="Ziek")
    u = member(Rol.DESKUNDIGE, organisatie_naam="Praktijk")
    Deskundige.objects.create(user=u, beroep="psycholoog")
    assert s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=u, plaats=1).is_actief


# --- the decision (C-5) -------------------------------------------------------------------------------------------------

def test_decision_granted_signed_by_the_swvs_mandate_letter_and_register(w):
    t, b = beslist(w, soort="so", categorie="2")
    assert t.status == Status.TOEGEKEND and t.toegekend_soort == "so" and t.categorie == "2"
    assert t.tlv_nummer == f"{w.swv_a.code}/2026/0001"
    assert b.mandaat == w.swv_mandaat and b.ondertekenaar_functie == "directeur SWV A"
    k = t.klokken
    # C-5: given 1 April 2026, 2 school years plus the rest of 2025/26 → 31 July 2028; the letter reads it there
    assert t.einddatum == k["C-5"].uiterlijk == d(2028, 7, 31)
    assert k["C-4"].gesloten_op == d(2026, 4, 1) and k["C-4"].uitkomst == "op_tijd"
    assert k["C-7"].uiterlijk == d(2029, 4, 1)
    assert b.klokken["C-6"].uiterlijk == d(2026, 5, 13)
    brief = t.brieven.get(soort="tlv.besluit")
    g = brief.gegevens
    assert g["C_6_uiterlijk"] == d(2026, 5, 13) and g["einddatum"] == d(2028, 7, 31) and g["ingangsdatum"] == d(2026, 4, 1)
    assert g["categorie"] == "Categorie 2 (midden)" and "Postbus 1" in g["bezwaar_adres"] and g["gezag"] == w.swv_a.naam
    assert Notification.objects.filter(ontvanger=w.ouder_a, sleutel=f"tlv:{t.pk}:besluit:{b.pk}").exists()


def test_the_school_board_cannot_sign_a_tlv(w):
    """The bevoegd gezag of a TLV is the SWV: the applying school's board and its mandated directeur cannot sign."""
    from portal.zaken.services import ZaakFout

    t = met_adviezen(w)
    with op(d(2026, 4, 1)):
        b = s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst="toegekend", motivering="x",
                                     ingangsdatum=d(2026, 4, 1), schooljaren=1)
        mandaat(w.dir_a, w.school_a.bestuur, ["tlv"])
        for wie in (w.bestuurder_a, w.dir_a, w.swv_mw_a):
            assert not Mandaat.objects.mag_tekenen(wie, t, "tlv")
            with pytest.raises(ZaakFout, match="geen geldig mandaat"):
                besluit_onderteken(besluit=b, door=wie, bekendmaking="uitgereikt", verzonden_op=d(2026, 4, 1))
        assert Mandaat.objects.mag_tekenen(w.swv_directeur, t, "tlv")


@pytest.mark.parametrize("soort, categorie, fout", [
    ("so", "", "bekostigingscategorie"),  # so/vso: a category is required (C-5)
    ("sbo", "2", "geen bekostigingscategorie"),  # sbo/pro: none
])
def test_category_for_so_and_vso_only(w, soort, categorie, fout):
    t = met_adviezen(w, soort=soort)
    with pytest.raises(s.TlvFout, match=fout):
        s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst="toegekend", motivering="x", ingangsdatum=d(2026, 4, 1),
                                 schooljaren=1, categorie=categorie, toegekend_soort=soort)


def test_no_decision_before_both_advices_and_no_decision_without_bezwaar_address(w):
    t = ingediend(w)
    with pytest.raises(s.TlvFout, match="twee deskundigen"):
        s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst="afgewezen", motivering="x")
    t = vers(t)
    Loket.objects.filter(swv=w.swv_a).update(bezwaar_adres="")
    Toelaatbaarheidsverklaring.objects.filter(pk=t.pk).update(status=Status.BESLUITVORMING)
    with pytest.raises(s.TlvFout, match="adres voor bezwaarschriften"):
        s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst="afgewezen", motivering="x")


def test_refusal_and_a_bezwaar_with_its_lbt_clock(w):
    """C-6 on the bezwaar case kind: filed by a parent within 6 weeks; the LBT clock (2 weeks from receipt, reglement:
    no Atw) and the decision term (12 weeks after the bezwaar term, Awb 7:10) start."""
    from geschillen import services as g

    t, b = beslist(w, uitkomst="afgewezen")
    assert t.status == Status.AFGEWEZEN and b.klokken["C-6"].uiterlijk == d(2026, 5, 13)
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="Het kind heeft een kleine groep nodig.")
    k = bz.klokken
    assert bz.swv == w.swv_a and bz.school is None
    assert k["C-6b"].uiterlijk == d(2026, 4, 24)
    assert k["C-6c"].start == d(2026, 5, 13) and k["C-6c"].uiterlijk == d(2026, 8, 5)
    with op(d(2026, 4, 14)):
        s.tlv_bezwaar_lbt_gevraagd(bezwaar=bz, door=w.swv_mw_a, op=d(2026, 4, 14))
        c6c = s.tlv_bezwaar_verdaag(bezwaar=bz, door=w.swv_mw_a, weken=6, reden="De LBT heeft meer tijd nodig.")
    assert bz.klokken["C-6b"].uitkomst == "op_tijd"
    assert c6c.uiterlijk == d(2026, 9, 16)
    assert bz.brieven.filter(soort="tlv.verdaging").exists()
    with pytest.raises(s.TlvFout, match="Alleen het samenwerkingsverband"):
        s.tlv_bezwaar_lbt_gevraagd(bezwaar=bz, door=w.ib_a, op=d(2026, 4, 14))


def test_bezwaar_granted_in_full_needs_no_lbt(w):
    from geschillen import services as g

    _t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="x")
        with pytest.raises(s.TlvFout, match="volledig wordt toegekend"):
            s.tlv_bezwaar_geen_lbt(bezwaar=bz, door=w.swv_mw_a, reden=" ")
        s.tlv_bezwaar_geen_lbt(bezwaar=bz, door=w.swv_mw_a, reden="Wij kennen de TLV alsnog toe.")
    assert bz.klokken["C-6b"].uitkomst == "vervallen"


def test_the_applying_school_files_a_bezwaar(w):
    """C-6: the school that applied objects to the SWV's decision like the parents can: its IB'er files, the school is
    recorded, the LBT clock (C-6b) and the decision term (C-6c) start as for the parents, the parents are told in plain
    words that the school objected and when the SWV decides; one bezwaar per decision stays the rule."""
    import shutil
    import subprocess

    from geschillen import services as g
    from geschillen.models import Bezwaar
    from portal.documenten.services import brieven_render_wachtend

    _t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, door=w.ib_a, gronden="De school kan dit kind niet de hulp geven die het nodig "
                                                                 "heeft.")
    bz = Bezwaar.objects.get(pk=bz.pk)
    assert bz.indienende_school == w.school_a and bz.ingediend_door == w.ib_a and bz.door_school
    assert bz.swv == w.swv_a and bz.school is None  # the SWV decides, not the school's board
    k = bz.klokken
    assert k["C-6b"].uiterlijk == d(2026, 4, 24)
    assert k["C-6c"].start == d(2026, 5, 13) and k["C-6c"].uiterlijk == d(2026, 8, 5)
    assert b.klokken["C-6"].gesloten_op == d(2026, 4, 10)
    # the parents: told that the school objected, and by when the SWV decides — not "Ouders maakten bezwaar"
    m = Notification.objects.get(ontvanger=w.ouder_a, sleutel=f"bezwaar:{bz.pk}:school")
    tekst = m.tekst_weergave
    assert w.school_a.naam in tekst and "heeft bezwaar gemaakt" in tekst and "5 augustus 2026" in tekst
    assert w.swv_a.naam in tekst and "Ouders" not in tekst and "C-6" not in tekst
    assert not Notification.objects.filter(tekst__contains="Ouders maakten bezwaar").exists()
    # the school and its colleague see their bezwaar; another school does not
    assert set(Bezwaar.objects.for_user(w.dir_a)) == {bz} and not Bezwaar.objects.for_user(w.ib_b).exists()
    # one bezwaar per decision: the parents cannot file a second one while it runs
    with op(d(2026, 4, 11)), pytest.raises(g.GeschilFout, match="Er loopt al een bezwaar"):
        g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="Wij ook.")
    # the SWV puts its decision off (Awb 7:10 lid 3): the school that objected is told, and the parents
    with op(d(2026, 4, 14)):
        s.tlv_bezwaar_lbt_gevraagd(bezwaar=bz, door=w.swv_mw_a, op=d(2026, 4, 14))
        s.tlv_bezwaar_verdaag(bezwaar=bz, door=w.swv_mw_a, weken=6, reden="De LBT heeft meer tijd nodig.")
    sleutel = f"tlv:bezwaar:{bz.pk}:verdaagd"
    assert Notification.objects.filter(ontvanger=w.ib_a, sleutel=sleutel).exists()
    assert w.school_a.naam in Notification.objects.get(ontvanger=w.ouder_a, sleutel=sleutel).tekst_weergave
    # the receipt is addressed to the school and says the parents are told
    if shutil.which("pdftotext"):
        brieven_render_wachtend()
        brief = bz.brieven.get(soort="geschillen.bezwaar_ontvangst")
        uit = subprocess.run(["pdftotext", brief.bestand.path, "-"], capture_output=True, text=True).stdout
        uit = " ".join(uit.split())
        assert f"directeur van {w.school_a.naam}" in uit and "bezwaar van uw school" in uit
        assert "De ouders van" in uit and "Beste ouder" not in uit and "woensdag 5 augustus 2026" in uit
        brief = bz.brieven.get(soort="tlv.verdaging")
        uit = subprocess.run(["pdftotext", brief.bestand.path, "-"], capture_output=True, text=True).stdout
        assert "bezwaar van uw school" in " ".join(uit.split()) and "Beste ouder" not in uit


def test_only_the_applying_school_or_the_parents_file_a_tlv_bezwaar(w):
    """An IB'er of another school, a teacher of the applying school, the SWV's staff: refused, nothing filed."""
    from geschillen import services as g
    from geschillen.models import Bezwaar

    _t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        for wie in (w.ib_b, w.dir_b, w.leerkracht_a, w.swv_mw_a, w.bestuurder_a):
            with pytest.raises(g.GeschilFout, match="Alleen een ouder met gezag, of de intern begeleider of directeur"):
                g.bezwaar_dien_in(besluit=b, door=wie, gronden="x")
    assert not Bezwaar.objects.exists()


def test_the_school_withdraws_its_own_bezwaar_the_parents_cannot(w):
    from geschillen import services as g
    from geschillen.constants import BezwaarStatus

    _t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, door=w.dir_a, gronden="x")
        with pytest.raises(g.GeschilFout, match="Alleen de school kan het intrekken"):
            g.bezwaar_trek_in(bezwaar=bz, ouder=w.ouder_a)
        with pytest.raises(g.GeschilFout, match="Alleen de school kan het intrekken"):
            g.bezwaar_trek_in(bezwaar=bz, door=w.ib_b)
        g.bezwaar_trek_in(bezwaar=bz, door=w.ib_a, reden="De ouders kozen een andere school.")
    bz.refresh_from_db()
    assert bz.status == BezwaarStatus.INGETROKKEN and bz.klokken["C-6c"].uitkomst == "vervallen"
    m = Notification.objects.get(ontvanger=w.ouder_a, sleutel=f"bezwaar:{bz.pk}:ingetrokken")
    assert w.school_a.naam in m.tekst_weergave and "ingetrokken" in m.tekst_weergave


def test_school_cannot_object_to_its_own_boards_aanmelding_decision(w, client):
    """Only the TLV's regeling lets the school file (C-6); against the aanmelding's decision of its own board the school
    cannot object — service and form refuse its IB'er and directeur."""
    from geschillen import services as g
    from geschillen.models import Bezwaar
    from portal.zaken.bezwaarregeling import bezwaarregeling

    from .test_geschillen import school_met_staf, weigering

    assert bezwaarregeling("tlv").school_mag_indienen
    assert not any(bezwaarregeling(k).school_mag_indienen for k in ("aanmelding", "verwijdering", "schorsing"))
    school = school_met_staf()
    _aanmelding, besluit = weigering(school=school)
    url = reverse("geschillen:bezwaar_nieuw", args=[besluit.pk])
    with op(d(2026, 3, 10)):
        for wie in (school.ib, school.directeur):
            with pytest.raises(g.GeschilFout, match="Alleen een ouder met gezag kan dit doen"):
                g.bezwaar_dien_in(besluit=besluit, door=wie, gronden="x")
            c = client.__class__()
            _login(c, wie)
            assert c.get(url).status_code == 404 and c.post(url, {"gronden": "x"}).status_code == 404
    assert not Bezwaar.objects.exists()


def test_school_withdraws_before_the_decision(w):
    t = ingediend(w)
    with pytest.raises(s.TlvFout, match="reden"):
        s.tlv_trek_in(tlv=t, door=w.ib_a, reden="")
    s.tlv_trek_in(tlv=t, door=w.ib_a, reden="De ouders kiezen een andere school.")
    t = vers(t)
    assert t.status == Status.INGETROKKEN and t.klokken["C-4"].uitkomst == "vervallen"


# --- access ---------------------------------------------------------------------------------------------------------------

def _zie(user, t) -> bool:
    return Toelaatbaarheidsverklaring.objects.for_user(user).filter(pk=t.pk).exists()


def test_who_sees_a_draft(w):
    t = concept(w)
    assert _zie(w.ouder_a, t) and _zie(w.ib_a, t) and _zie(w.dir_a, t)
    for u in (w.swv_mw_a, w.ouder_b, w.ib_b, w.desk1, w.leerkracht_a, w.bestuurder_a):
        assert not _zie(u, t)


def test_experts_see_only_assigned_applications_until_the_decision(w, volledig):
    s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
    assert _zie(w.desk1, volledig) and not _zie(w.desk2, volledig)
    other_swv_staff = member(Rol.SWV, swv=w.swv_b)
    assert _zie(w.swv_mw_a, volledig) and not _zie(other_swv_staff, volledig)


def test_after_the_decision_experts_lose_access_and_the_school_of_inschrijving_sees_it(w):
    t, _b = beslist(w)
    assert not _zie(w.desk1, t) and _zie(w.ouder_a, t) and _zie(w.swv_mw_a, t)
    sbo = SchoolFactory(soort="sbo", swvs=[w.swv_a])
    ib_sbo = member(Rol.IB, school=sbo)
    assert not _zie(ib_sbo, t)
    InschrijvingFactory(leerling=w.kind_a, school=sbo, van=d(2026, 4, 2))
    assert _zie(ib_sbo, t)


def test_swv_staff_read_the_opp_and_arrangement_while_the_application_is_with_them(w, client):
    from portal.documenten.services import document_bewaar
    from portal.zaken.inzage import inzage_q
    from portal.zaken.models import Zaak
    from tests.factories import aanbod_voor

    doc = document_bewaar(zaak=w.zaak_a, bestand=pdf("opp.pdf"), door=w.ib_a)
    arr = aanbod_voor(w.zaak_a, w.ib_a)  # an arrangement the school alone provides and pays
    t = concept(w, opp_zaak=w.zaak_a)
    opp_voor = lambda u: Zaak.objects.filter(inzage_q(u, "opp")).filter(pk=w.zaak_a.pk).exists()  # noqa: E731
    paginas = [reverse("opp:detail", args=[w.zaak_a.pk]), reverse("ondersteuning:detail", args=[arr.pk])]
    login_staff(client, w.swv_mw_a)
    assert not opp_voor(w.swv_mw_a)
    assert [client.get(p).status_code for p in paginas] == [404, 404]
    assert client.get(reverse("documenten:document", args=[doc.pk])).status_code == 404  # a draft: not with them
    s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Ja")
    s.tlv_document_voeg_toe(tlv=t, door=w.ib_a, bestand=pdf())
    s.tlv_dien_in(tlv=t, door=w.ib_a)
    assert opp_voor(w.swv_mw_a) and not opp_voor(member(Rol.SWV, swv=w.swv_b))
    assert client.get(reverse("documenten:document", args=[doc.pk])).status_code == 200
    assert [client.get(p).status_code for p in paginas] == [200, 200]  # the pupil's OPP and arrangement, to read
    assert client.post(reverse("opp:perspectief", args=[w.zaak_a.pk]), {}).status_code == 404  # not to edit
    r = client.get(reverse("tlv:detail", args=[t.pk]))
    assert r.status_code == 200 and w.zaak_a.nummer in r.content.decode() and "opp.pdf" in r.content.decode()
    s.tlv_trek_in(tlv=t, door=w.ib_a, reden="Anders")
    assert client.get(reverse("documenten:document", args=[doc.pk])).status_code == 404
    assert not opp_voor(w.swv_mw_a)
    assert [client.get(p).status_code for p in paginas] == [404, 404]


# --- expiry (C-5) and deletion (C-7) --------------------------------------------------------------------------------------

def test_expiry_reminder_on_1_february_of_the_last_year_to_swv_and_school_then_marked(w):
    from portal.termijnen.models import ClockEvent
    from portal.termijnen.sweep import sweep_due_clocks

    t, _b = beslist(w, schooljaren=1)
    assert t.einddatum == d(2027, 7, 31)
    sbo = SchoolFactory(soort="sbo", swvs=[w.swv_a])
    ib_sbo = member(Rol.IB, school=sbo)
    Inschrijving.objects.filter(leerling=w.kind_a).update(tot=d(2026, 7, 31))
    InschrijvingFactory(leerling=w.kind_a, school=sbo, van=d(2026, 8, 20))
    c5 = t.klokken["C-5"]
    with op(d(2027, 1, 31)):
        sweep_due_clocks()
        assert s.einde_herinneringen_scholen() == 0
    with op(d(2027, 2, 1)):
        sweep_due_clocks()
        assert s.einde_herinneringen_scholen() >= 1
        assert s.einde_herinneringen_scholen() == 0  # once
    assert ClockEvent.objects.filter(clock=c5, soort="herinnering-op-02-01").count() == 1
    assert Notification.objects.filter(ontvanger=w.swv_mw_a, sleutel__startswith=f"clock:{c5.pk}:herinnering-op").exists()
    assert Notification.objects.filter(ontvanger=ib_sbo, sleutel=f"tlv:{t.pk}:einde:2027-07-31").exists()
    with op(d(2027, 8, 1)):
        sweep_due_clocks()
    t = vers(t)
    assert t.status == Status.VERLOPEN and t.klokken["C-5"].gesloten_op == d(2027, 7, 31)


def test_health_data_deleted_three_years_after_the_decision_decision_kept_and_logged(w):
    from tlv.tasks import gezondheidsgegevens_verwijderen

    t, b = beslist(w)
    t1 = t.toewijzingen.get(plaats=1)
    assert t.documenten.exists() and t.brieven.exists()
    with op(d(2029, 3, 31)):
        assert gezondheidsgegevens_verwijderen() == 0
    with op(d(2029, 4, 1)):
        assert gezondheidsgegevens_verwijderen() == 1
        assert gezondheidsgegevens_verwijderen() == 0
    t = vers(t)
    assert t.gegevens_verwijderd_op is not None
    # issue 17 §3 (C-7): the health data go, the decision letter stays (WPO 18a lid 13 keeps only health data 3 years)
    assert not t.documenten.exists()
    assert list(t.brieven.values_list("soort", flat=True)) == ["tlv.besluit"]
    assert t.onderwijsbehoeften == t.geprobeerd == t.zienswijze == ""
    assert "WPO 18a lid 13" in Toewijzing.objects.get(pk=t1.pk).advies
    b.refresh_from_db()
    # the decision record stays, without the reasons
    assert b.uitkomst == "toegekend" and b.bekendgemaakt_op == d(2026, 4, 1) and "Na twee adviezen" not in b.motivering
    assert t.tlv_nummer and t.einddatum == d(2028, 7, 31) and t.toegekend_soort == "sbo"
    assert t.klokken["C-7"].gesloten_op == d(2029, 4, 1)
    assert AuditEntry.objects.filter(object_type="tlv.toelaatbaarheidsverklaring", object_id=str(t.pk),
                                     actie="verwijderd", systeem=True).exists()
    assert t.gebeurtenissen.filter(soort="tlv.verwijderd").exists()


# --- views -----------------------------------------------------------------------------------------------------------------

def _login(client, user):
    if user.vereist_2fa:
        login_staff(client, user)
    else:
        client.force_login(user)


def test_new_application_in_two_steps_shows_the_deciding_swv(w, client):
    _login(client, w.ib_a)
    r = client.get(reverse("tlv:nieuw"))
    assert r.status_code == 200 and w.kind_a.naam in r.content.decode() and w.kind_b.naam not in r.content.decode()
    url = reverse("tlv:nieuw") + f"?leerling={w.kind_a.pk}&soort=sbo"
    r = client.get(url)
    body = r.content.decode()
    assert w.swv_a.naam in body and "artikel 40 lid 8" in body
    r = client.post(url, {"soort": "sbo", "onderwijsbehoeften": "", "geprobeerd": "x", "gevraagde_schooljaren": "1"})
    assert r.status_code == 200 and "Dit veld is verplicht" in r.content.decode()
    assert r.context["form"]["geprobeerd"].value() == "x"  # input kept
    r = client.post(url, {"soort": "sbo", "onderwijsbehoeften": "Kleine groep", "geprobeerd": "x",
                          "gevraagde_schooljaren": "1"})
    t = Toelaatbaarheidsverklaring.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("tlv:detail", args=[t.pk])


def test_new_application_not_for_a_pupil_of_another_school(w, client):
    _login(client, w.ib_a)
    r = client.get(reverse("tlv:nieuw") + f"?leerling={w.kind_b.pk}&soort=sbo")
    assert r.status_code == 200 and "Selecteer een geldige keuze" in r.content.decode()


def test_parent_writes_view_on_the_page(w, client):
    t = concept(w)
    client.force_login(w.ouder_a)
    r = client.get(reverse("tlv:detail", args=[t.pk]))
    assert r.status_code == 200 and "Mijn mening geven" in r.content.decode()
    r = client.post(reverse("tlv:zienswijze", args=[t.pk]), {"tekst": ""})
    assert r.status_code == 200 and "Dit veld is verplicht" in r.content.decode()
    r = client.post(reverse("tlv:zienswijze", args=[t.pk]), {"tekst": "Wij willen het sbo."})
    assert r.status_code == 302 and vers(t).zienswijze_compleet
    client.force_login(w.ouder_b)
    assert client.get(reverse("tlv:zienswijze", args=[t.pk])).status_code == 404


def test_refused_expert_shown_at_the_form_with_the_reason(w, volledig, client):
    from portal.accounts.models import Membership

    Membership.objects.create(user=w.desk1, rol=Rol.IB, school=w.school_a)
    _login(client, w.swv_mw_a)
    r = client.post(reverse("tlv:actie", args=[volledig.pk, "toewijzen"]),
                    {"toewijzen-plaats": "1", "toewijzen-deskundige": str(w.desk1.pk)})
    body = r.content.decode()
    assert r.status_code == 200 and "Werkt bij de aanvragende school" in body
    assert not Toewijzing.objects.exists()


@pytest.mark.parametrize("actie, data, fout", [
    ("onvolledig", {"onvolledig-omschrijving": "Het OPP", "onvolledig-antwoord_uiterlijk": ""}, "verplicht"),
    ("onvolledig", {"onvolledig-omschrijving": "", "onvolledig-antwoord_uiterlijk": "2099-01-01"}, "verplicht"),
    ("later", {"later-datum": "2026-01-01", "later-reden": "x"}, "verleden"),
])
def test_swv_action_bad_input_kept_with_error(w, client, actie, data, fout):
    t = ingediend(w)
    _login(client, w.swv_mw_a)
    r = client.post(reverse("tlv:actie", args=[t.pk, actie]), data)
    assert r.status_code == 200 and fout in r.content.decode()
    assert vers(t).status == Status.INGEDIEND


def test_action_not_allowed_is_404(w, client):
    t = ingediend(w)
    _login(client, w.ib_a)
    assert client.post(reverse("tlv:actie", args=[t.pk, "volledig"])).status_code == 404
    assert client.post(reverse("tlv:actie", args=[t.pk, "onbekend"])).status_code == 404


def test_decision_form_bad_input(w, client):
    t = met_adviezen(w, soort="so")
    _login(client, w.swv_mw_a)
    r = client.post(reverse("tlv:besluit", args=[t.pk]), {
        "uitkomst": "toegekend", "motivering": "Past.", "toegekend_soort": "so", "categorie": "",
        "ingangsdatum": "", "schooljaren": "2"})
    assert r.status_code == 200 and "Vul de ingangsdatum in" in r.content.decode()
    r = client.post(reverse("tlv:besluit", args=[t.pk]), {
        "uitkomst": "toegekend", "motivering": "Past.", "toegekend_soort": "so", "categorie": "",
        "ingangsdatum": "2026-11-25", "schooljaren": "2"})
    assert r.status_code == 200 and "bekostigingscategorie" in r.content.decode()


def test_expert_page_and_advice_form(w, volledig, client):
    t1 = s.tlv_deskundige_wijs_toe(tlv=volledig, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
    _login(client, w.desk2)
    assert client.get(reverse("tlv:advies", args=[t1.pk])).status_code == 404
    _login(client, w.desk1)
    r = client.get(reverse("tlv:advies", args=[t1.pk]))
    assert r.status_code == 200 and "Kleine groep" in r.content.decode()
    r = client.post(reverse("tlv:advies", args=[t1.pk]), {"conclusie": "", "advies": "x"})
    assert r.status_code == 200 and "verplicht" in r.content.decode()
    r = client.post(reverse("tlv:advies", args=[t1.pk]), {"conclusie": "toelaatbaar", "advies": "Past goed."})
    assert r.status_code == 302 and Toewijzing.objects.get(pk=t1.pk).heeft_advies


def test_parents_see_the_advices_and_the_pdf(w, client):
    t = met_adviezen(w)
    t1 = t.toewijzingen.get(plaats=1)
    client.force_login(w.ouder_a)
    r = client.get(reverse("tlv:detail", args=[t.pk]))
    assert r.status_code == 200 and "Een kleine groep past." in r.content.decode()
    r = client.get(reverse("tlv:advies_pdf", args=[t1.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    client.force_login(w.ouder_b)
    assert client.get(reverse("tlv:advies_pdf", args=[t1.pk])).status_code == 404


def test_lists_with_pinned_query_counts(w, client, django_assert_max_num_queries):
    for _ in range(3):
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=w.school_a)
        ouder_van(kind)
        t = s.tlv_maak(school=w.school_a, leerling=kind, soort="sbo", door=w.ib_a, onderwijsbehoeften="x", geprobeerd="y")
        s.tlv_zienswijze_ouder(tlv=t, ouder=kind.gezag.get().ouder, tekst="x")
        s.tlv_document_voeg_toe(tlv=t, door=w.ib_a, bestand=pdf())
        s.tlv_dien_in(tlv=t, door=w.ib_a)
    beslist(w)
    for user, n in ((w.swv_mw_a, 14), (w.ib_a, 12), (w.ouder_a, 10), (w.desk1, 10)):
        _login(client, user)
        with django_assert_max_num_queries(n):
            r = client.get(reverse("tlv:home"))
        assert r.status_code == 200
    _login(client, w.swv_mw_a)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("tlv:register"))
    assert r.status_code == 200 and f"{w.swv_a.code}/2026/0001" in r.content.decode()


def test_register_csv_export_escaped_and_logged(w, client):
    t, _b = beslist(w)
    type(w.kind_a).objects.filter(pk=w.kind_a.pk).update(achternaam="=HYPERLINK(1)")
    _login(client, w.swv_mw_a)
    r = client.get(reverse("tlv:register_csv"))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rijen = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][0] == "TLV-nummer" and rijen[1][0] == t.tlv_nummer and rijen[1][5] == "2026-04-01"
    assert rijen[1][6] == "2028-07-31"
    assert not rijen[1][1].startswith("=")  # a name with a formula is not a formula in a spreadsheet
    assert AuditEntry.objects.filter(actor=w.swv_mw_a, actie="gedownload", omschrijving__startswith="TLV-register").exists()
    _login(client, w.ib_a)
    assert client.get(reverse("tlv:register_csv")).status_code == 404


def test_school_completes_on_its_own_page(w, client):
    t = ingediend(w)
    with op(d(2026, 3, 10)):
        s.tlv_onvolledig(tlv=t, door=w.swv_mw_a, omschrijving="Het OPP ontbreekt.", antwoord_uiterlijk=d(2026, 3, 24))
    _login(client, w.ib_a)
    r = client.get(reverse("tlv:aanvullen", args=[t.pk]))
    assert r.status_code == 200 and "Het OPP ontbreekt." in r.content.decode()
    r = client.post(reverse("tlv:aanvullen", args=[t.pk]), {"antwoord": ""})
    assert r.status_code == 200 and "Schrijf de aanvulling" in r.content.decode()
    r = client.post(reverse("tlv:aanvullen", args=[t.pk]), {"antwoord": "Het OPP volgt hierbij."})
    assert r.status_code == 302 and vers(t).status == Status.INGEDIEND
    assert Verzoek.objects.get(zaak=t).status == "beantwoord"
    _login(client, w.ib_b)
    assert client.get(reverse("tlv:aanvullen", args=[t.pk])).status_code == 404


def test_the_tlvs_own_bezwaar_steps_are_on_the_tlv_page_for_the_swv(w, client):
    """C-6b on the application page: the SWV that decided sees the bezwaar against its decision with the LBT clock and
    records asking the LBT (a refused form: 200, the error at the field); it reaches the bezwaar's own page to hear
    and decide. Another SWV and the applying school cannot record the TLV's steps."""
    from geschillen import services as g

    t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="Niet eens")
    _login(client, w.swv_mw_a)
    r = client.get(reverse("tlv:detail", args=[t.pk]))
    html = r.content.decode()
    assert r.status_code == 200 and "Advies LBT vragen" in html
    assert reverse("geschillen:bezwaar", args=[bz.pk]) in html and reverse("tlv:actie", args=[t.pk, "lbt_gevraagd"]) in html
    r = client.post(reverse("tlv:actie", args=[t.pk, "lbt_gevraagd"]), {"lbt_gevraagd-op": ""})
    assert r.status_code == 200 and "verplicht" in r.content.decode() and "op" in r.context["forms"]["lbt_gevraagd"].errors
    r = client.post(reverse("tlv:actie", args=[t.pk, "lbt_gevraagd"]), {"lbt_gevraagd-op": "2026-04-10"})
    assert r.status_code == 302 and r["Location"] == reverse("tlv:detail", args=[t.pk]) + "#kop-bezwaar"
    assert bz.klokken["C-6b"].gesloten_op == d(2026, 4, 10)
    for wie in (member(Rol.SWV, swv=w.swv_b), w.ib_a):
        _login(client, wie)
        assert client.post(reverse("tlv:actie", args=[t.pk, "lbt_advies"]), {}).status_code == 404


def test_school_reaches_the_bezwaar_form_from_the_tlv_page(w, client):
    """The applying school's IB'er sees the button while the bezwaar term runs, files with the error at the field and
    the input kept; after that the bezwaar is on the TLV page for the school and the parents. Everyone else: 404."""
    from geschillen.models import Bezwaar

    t, b = beslist(w, uitkomst="afgewezen")
    url = reverse("geschillen:bezwaar_nieuw", args=[b.pk])
    detail = reverse("tlv:detail", args=[t.pk])
    for wie in (w.ib_b, w.leerkracht_a, w.swv_mw_a, w.bestuurder_a, w.ouder_b):
        c = client.__class__()
        _login(c, wie)
        with op(d(2026, 4, 10)):
            assert c.get(url).status_code == 404, wie
            assert c.post(url, {"gronden": "x"}).status_code == 404, wie
    _login(client, w.ib_a)
    with op(d(2026, 4, 10)):
        html = client.get(detail).content.decode()
        assert url in html and "Bezwaar maken namens de school" in html
        r = client.get(url)
        assert r.status_code == 200 and "Waarom is de school het niet eens met het besluit?" in r.content.decode()
        r = client.post(url, {"gronden": "  "})
        assert r.status_code == 200 and "gronden" in r.context["form"].errors
        # within the term no question about lateness (issue #22 §2 item 7)
        assert "later bezwaar" not in r.content.decode() and not Bezwaar.objects.exists()
        r = client.post(url, {"gronden": "Het kind heeft een kleine groep nodig."})
        bz = Bezwaar.objects.get()
        assert r.status_code == 302 and r["Location"] == reverse("geschillen:bezwaar", args=[bz.pk])
        assert bz.indienende_school == w.school_a and bz.ingediend_door == w.ib_a
        html = client.get(r["Location"]).content.decode()
        assert w.school_a.naam in html and "Waarom de school het niet eens is" in html
        html = client.get(detail).content.decode()
        assert "Bezwaar maken namens de school" not in html and "Bezwaar van de school" in html  # one per decision
    _login(client, w.ouder_a)
    with op(d(2026, 4, 10)):
        html = client.get(detail).content.decode()
        assert "Bezwaar van de school" in html and bz.ouder_url() in html
        html = client.get(bz.ouder_url()).content.decode()
        assert f"{w.school_a.naam} heeft bezwaar gemaakt" in html and "Het schoolbestuur" not in html
    _login(client, w.ib_b)
    assert client.get(reverse("geschillen:bezwaar", args=[bz.pk])).status_code == 404


def test_school_files_late_only_with_a_reason_at_the_field(w, client):
    """After the 6 weeks the button is gone; the form still takes a late bezwaar with its reason (Awb 6:11), and without
    one says so at the reason's field, naming the SWV that judges it."""
    from geschillen.models import Bezwaar

    t, b = beslist(w, uitkomst="afgewezen")
    url = reverse("geschillen:bezwaar_nieuw", args=[b.pk])
    _login(client, w.dir_a)
    with op(d(2026, 5, 20)):  # C-6 ended on 13 May
        assert url not in client.get(reverse("tlv:detail", args=[t.pk])).content.decode()
        r = client.post(url, {"gronden": "Wij zijn het er niet mee eens."})
        assert r.status_code == 200 and "te_laat_reden" in r.context["form"].errors
        assert w.swv_a.naam in str(r.context["form"].errors["te_laat_reden"])
        assert "Wij zijn het er niet mee eens." in r.content.decode() and not Bezwaar.objects.exists()
        r = client.post(url, {"gronden": "Wij zijn het er niet mee eens.", "te_laat_reden": "De brief kwam niet aan."})
    assert r.status_code == 302 and Bezwaar.objects.get().indienende_school == w.school_a


def test_loket_form(w, client):
    _login(client, w.swv_mw_a)
    r = client.post(reverse("tlv:loket"), {"postadres": "", "bezwaar_adres": ""})
    assert r.status_code == 200 and "verplicht" in r.content.decode()
    r = client.post(reverse("tlv:loket"), {"naam": "CvT", "postadres": "Postbus 9", "bezwaar_adres": "Postbus 10"})
    assert r.status_code == 302 and Loket.objects.get(swv=w.swv_a).bezwaar_adres == "Postbus 10"


# --- what waits for whom, the tracker, the timeline, the preview, the demo, the tasks ---------------------------------

def test_tasks_on_the_start_pages(w, client):
    t = concept(w)
    _login(client, w.ib_a)
    assert "TLV-aanvraag afmaken en indienen" in client.get(reverse("core:home")).content.decode()
    s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Ja")
    s.tlv_document_voeg_toe(tlv=t, door=w.ib_a, bestand=pdf())
    s.tlv_dien_in(tlv=t, door=w.ib_a)
    _login(client, w.swv_mw_a)
    assert "TLV-aanvraag beoordelen" in client.get(reverse("core:home")).content.decode()
    s.tlv_volledig(tlv=t, door=w.swv_mw_a)
    t1 = s.tlv_deskundige_wijs_toe(tlv=t, door=w.swv_mw_a, deskundige=w.desk1, plaats=1)
    from tlv.zaken import taken

    assert [x.url for x in taken(w.desk1)] == [reverse("tlv:advies", args=[t1.pk])]
    assert not taken(w.desk2) and not taken(w.ouder_a)
    _login(client, w.desk1)  # the expert's start page shows the request, and does not say there is none
    body = client.get(reverse("core:home")).content.decode()
    assert reverse("tlv:advies", args=[t1.pk]) in body and "geen aanvragen aan u toegewezen" not in body
    _login(client, w.desk2)
    assert "geen aanvragen aan u toegewezen" in client.get(reverse("core:home")).content.decode()


def test_parents_tracker_and_timeline_in_plain_words(w, client):
    t = ingediend(w)
    client.force_login(w.ouder_a)
    body = client.get(reverse("core:home")).content.decode()
    assert "bekijkt of de aanvraag volledig is" in body
    r = client.get(reverse("zaken:tijdlijn", args=[w.kind_a.pk]))
    body = r.content.decode()
    assert "De zienswijze van de ouders is opgeschreven" in body and "TLV" in body
    import re

    assert not re.search(r"\b[A-GT]-\d+[a-z]?\b", client.get(reverse("tlv:detail", args=[t.pk])).content.decode())


def test_signers_preview_of_the_letter(w, client):
    t = met_adviezen(w, soort="so")
    with op(d(2026, 4, 1)):
        b = s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst="toegekend", motivering="Past.",
                                     ingangsdatum=d(2026, 8, 1), schooljaren=1, categorie="3")
        login_staff(client, w.swv_directeur)
        r = client.get(reverse("zaken:ondertekenen", args=[b.pk]) + "?voorbeeld=pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    login_staff(client, w.bestuurder_a)  # the school's board is not the bevoegd gezag of a TLV
    assert client.get(reverse("zaken:ondertekenen", args=[b.pk])).status_code == 404


def test_pupil_from_12_sees_their_own_application(w):
    from portal.accounts.models import Membership, User

    t = concept(w)
    eigen = User.objects.create_user("leerling@example.nl", "x")
    Membership.objects.create(user=eigen, rol=Rol.LEERLING)
    type(w.kind_a).objects.filter(pk=w.kind_a.pk).update(account=eigen)
    eigen = User.objects.get(pk=eigen.pk)
    with op(d(2030, 5, 16)):
        assert not _zie(eigen, t)  # born 17 May 2018: 11
    with op(d(2030, 5, 17)):
        assert _zie(eigen, t)  # 12 today


def test_expiry_consequence_ignores_a_clock_of_another_kind(w):
    from portal.termijnen.services import clock_start

    c = clock_start(regel_id="C-5", zaak=w.zaak_a, start=d(2026, 3, 10))
    assert s.tlv_verlopen(c, None) == "niet van toepassing: geen TLV"


def test_tasks_are_registered_for_the_beat_schedule(db):
    from portal.celery import app
    from tlv import tasks

    app.loader.import_default_modules()
    for naam in ("tlv.tasks.gezondheidsgegevens_verwijderen", "tlv.tasks.einde_herinneringen_scholen"):
        assert naam in app.tasks
    assert tasks.gezondheidsgegevens_verwijderen() == 0 and tasks.einde_herinneringen_scholen() == 0


def test_demo_data_is_idempotent(db):
    from django.core.management import call_command

    call_command("demo", quiet=True)
    aantal = (Toelaatbaarheidsverklaring.objects.count(), Toewijzing.objects.count(), Werkgebied.objects.count())
    call_command("demo", quiet=True)
    assert (Toelaatbaarheidsverklaring.objects.count(), Toewijzing.objects.count(), Werkgebied.objects.count()) == aantal
    t = Toelaatbaarheidsverklaring.objects.get(leerling__roepnaam="Daan")  # the running one (not the demo's history)
    assert t.status == Status.ADVIES and t.toewijzingen.count() == 2


def test_register_filters_valid_and_kind(w, client):
    t, _b = beslist(w)
    _login(client, w.swv_mw_a)
    with op(d(2026, 5, 1)):
        assert t.tlv_nummer in client.get(reverse("tlv:register") + "?geldig=ja&soort=sbo").content.decode()
        assert t.tlv_nummer not in client.get(reverse("tlv:register") + "?geldig=nee").content.decode()
        assert t.tlv_nummer not in client.get(reverse("tlv:register") + "?soort=so").content.decode()
    with op(d(2028, 8, 1)):
        _login(client, w.swv_mw_a)  # two years on: a new session
        assert t.tlv_nummer in client.get(reverse("tlv:register") + "?geldig=nee").content.decode()


def test_school_edits_its_draft_and_the_swv_is_determined_again(w, client):
    t = concept(w)
    _login(client, w.ib_a)
    r = client.post(reverse("tlv:bewerken", args=[t.pk]), {"soort": "so", "onderwijsbehoeften": "", "geprobeerd": "y",
                                                           "gevraagde_schooljaren": "1"})
    assert r.status_code == 200 and "verplicht" in r.content.decode()
    r = client.post(reverse("tlv:bewerken", args=[t.pk]), {"soort": "so", "onderwijsbehoeften": "Zorg", "geprobeerd": "y",
                                                           "gevraagde_schooljaren": "3"})
    t = vers(t)
    assert r.status_code == 302 and t.soort == "so" and t.gevraagde_schooljaren == 3 and "lid 10" in t.swv_artikel
    s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Ja")
    s.tlv_document_voeg_toe(tlv=t, door=w.ib_a, bestand=pdf())
    s.tlv_dien_in(tlv=t, door=w.ib_a)
    assert client.get(reverse("tlv:bewerken", args=[t.pk])).status_code == 404
    with pytest.raises(s.TlvFout, match="kan niet meer worden gewijzigd"):
        s.tlv_wijzig(tlv=t, door=w.ib_a, soort="sbo", onderwijsbehoeften="x", geprobeerd="y", gevraagde_schooljaren=1)


def test_every_letter_kind_renders_with_its_dates(w):
    """The application, the later date, the decision and the verdaging render as PDF (the task given their id), their
    dates read from the clocks."""
    import shutil
    import subprocess

    from opp.models import Versie
    from portal.documenten.models import Brief
    from portal.documenten.services import brieven_render_wachtend

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt")
    Versie.objects.create(opp=w.zaak_a, nummer=1, status="vastgesteld", vastgesteld_op=d(2025, 10, 1),
                          uitstroom="vmbo_kb", onderbouwing="Leert praktisch", ondersteuning="Extra rekenhulp")
    with op(d(2026, 3, 2)):
        t = concept(w, opp_zaak=w.zaak_a)
        s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder_a, tekst="Wij willen een kleine groep.")
        s.tlv_dien_in(tlv=t, door=w.ib_a)
    with op(d(2026, 4, 20)):
        s.tlv_later_aankondigen(tlv=vers(t), door=w.swv_mw_a, datum=d(2026, 5, 26), reden="De arts is ziek.")
    assert brieven_render_wachtend() >= 2
    teksten = {}
    from .pdfcheck import toegankelijk

    for brief in Brief.objects.filter(zaak_id=t.pk):
        assert brief.is_klaar, brief.soort
        assert toegankelijk(brief.bestand.path) == {  # tagged and archival, like every letter
            "lang": "nl", "titel": brief.titel, "tagged": True, "structuur": True, "titel_tonen": True, "pdfa": True,
            "pdfua": True, "elke_pagina_getagd": True}, brief.soort
        uit = subprocess.run(["pdftotext", brief.bestand.path, "-"], capture_output=True, text=True).stdout
        teksten[brief.soort] = " ".join(uit.split())
    assert "28 april 2026" in teksten["tlv.aanvraag"] and "Extra rekenhulp" in teksten["tlv.aanvraag"]
    assert "versie 1" in teksten["tlv.aanvraag"] and "Wij willen een kleine groep." in teksten["tlv.aanvraag"]
    assert "26 mei 2026" in teksten["tlv.later"] and "De arts is ziek." in teksten["tlv.later"]


def test_decision_and_verdaging_letters_render(w):
    import shutil
    import subprocess

    from geschillen import services as g
    from portal.documenten.models import Brief
    from portal.documenten.services import brieven_render_wachtend

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt")
    t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="Niet eens.")
        s.tlv_bezwaar_verdaag(bezwaar=bz, door=w.swv_mw_a, weken=4, reden="Het advies van de LBT komt later.")
    brieven_render_wachtend()

    def tekst(brief):
        assert brief.is_klaar, brief.soort
        return " ".join(subprocess.run(["pdftotext", brief.bestand.path, "-"], capture_output=True, text=True).stdout.split())

    besluit = tekst(Brief.objects.get(zaak_id=t.pk, soort="tlv.besluit"))
    assert "Toelaatbaarheidsverklaring afgewezen" in besluit and "woensdag 13 mei 2026" in besluit
    assert "Landelijke Bezwaaradviescommissie TLV" in besluit and "TLV-nummer" not in besluit
    verdaging = tekst(Brief.objects.get(zaak_id=bz.pk, soort="tlv.verdaging"))
    assert "5 augustus 2026" in verdaging and "2 september 2026" in verdaging and "4 weken" in verdaging


# --- C-6c: the SWV hears and decides on a bezwaar against its TLV decision ----------------------------------------------

def _bezwaar_tekst(brief) -> str:
    import subprocess

    uit = subprocess.run(["pdftotext", brief.bestand.path, "-"], capture_output=True, text=True).stdout
    return " ".join(uit.split())


def test_swv_hears_and_decides_a_tlv_bezwaar_signed_under_its_mandate(w):
    """The SWV's staff hear the parents (Awb 7:2) and prepare the decision on the bezwaar after the LBT's advice (Awb
    7:13); someone the SWV mandated for 'bezwaar' signs it (a TLV-only mandate does not cover it, nor does the school's
    board); C-6c closes on time; the letter names the SWV and the bestuursrechter, not the civil court. The parents
    read the SWV's name, never 'Het schoolbestuur'."""
    import shutil

    from geschillen import services as g
    from geschillen.constants import BezwaarStatus
    from geschillen.models import Bezwaar
    from portal.documenten.services import brieven_render_wachtend
    from portal.zaken.services import ZaakFout

    _t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="Het kind heeft een kleine groep nodig.")
    # the SWV's staff are told (not a school board: a TLV bezwaar has no school); the parents read the SWV's name
    assert Notification.objects.filter(ontvanger=w.swv_mw_a, sleutel=f"bezwaar:{bz.pk}:nieuw").exists()
    tekst = Notification.objects.get(ontvanger=w.ouder_a, sleutel=f"bezwaar:{bz.pk}:ontvangen").tekst_weergave
    assert w.swv_a.naam in tekst and "schoolbestuur" not in tekst
    stap = bz.type.stap(Bezwaar.objects.get(pk=bz.pk))
    assert w.swv_a.naam in stap.nu and "schoolbestuur" not in f"{stap.nu} {stap.volgende}".lower()
    with op(d(2026, 4, 14)):
        s.tlv_bezwaar_lbt_gevraagd(bezwaar=bz, door=w.swv_mw_a, op=d(2026, 4, 14))
    with op(d(2026, 5, 20)):
        # first hear the parents
        with pytest.raises(g.GeschilFout, match="Hoor eerst de ouders"):
            g.bezwaar_beslissing_voorbereid(bezwaar=bz, door=w.swv_mw_a, uitkomst="ongegrond", motivering="x")
        g.bezwaar_hoor(bezwaar=bz, door=w.swv_mw_a, gehoord_op=d(2026, 5, 19), verslag="De ouders lichtten toe.")
        assert Bezwaar.objects.get(pk=bz.pk).status == BezwaarStatus.GEHOORD
        # then the LBT's advice (it was asked): not yet in
        with pytest.raises(g.GeschilFout, match="advies van de LBT is er nog niet"):
            g.bezwaar_beslissing_voorbereid(bezwaar=bz, door=w.swv_mw_a, uitkomst="ongegrond", motivering="x")
        s.tlv_bezwaar_lbt_advies(bezwaar=bz, door=w.swv_mw_a, op=d(2026, 5, 20), bestand=pdf("lbt.pdf"))
        besluit = g.bezwaar_beslissing_voorbereid(bezwaar=bz, door=w.swv_mw_a, uitkomst="ongegrond",
                                                  motivering="De LBT adviseert het besluit te handhaven.")
        assert Bezwaar.objects.get(pk=bz.pk).status == BezwaarStatus.VOORBEREID
        # a TLV-only mandate does not cover a decision on bezwaar; the school's board is not the bevoegd gezag
        for wie in (w.swv_directeur, w.bestuurder_a, w.swv_mw_a):
            assert not Mandaat.objects.mag_tekenen(wie, bz, "bezwaar")
            with pytest.raises(ZaakFout, match="geen geldig mandaat"):
                besluit_onderteken(besluit=besluit, door=wie, bekendmaking="uitgereikt", verzonden_op=d(2026, 5, 20))
        m = mandaat(w.swv_directeur, w.swv_a, ["tlv", "bezwaar"], functie="directeur SWV A (bezwaren)")
        assert Mandaat.objects.mag_tekenen(w.swv_directeur, bz, "bezwaar")
        # Awb 10:3 lid 3 (issue #17): the directeur signed the TLV under mandate, so not the decision on its bezwaar
        with pytest.raises(ZaakFout, match="10:3 lid 3"):
            besluit_onderteken(besluit=besluit, door=w.swv_directeur, bekendmaking="uitgereikt",
                               verzonden_op=d(2026, 5, 20))
        jurist = member(Rol.SWV, swv=w.swv_a, first_name="Bas", last_name="Jurist")
        m = mandaat(jurist, w.swv_a, ["bezwaar"], functie="jurist SWV A (bezwaren)")
        besluit_onderteken(besluit=besluit, door=jurist, bekendmaking="uitgereikt", verzonden_op=d(2026, 5, 20))
    besluit.refresh_from_db()
    bz = Bezwaar.objects.get(pk=bz.pk)
    assert bz.status == BezwaarStatus.BESLIST and bz.uitkomst == "ongegrond" and besluit.mandaat == m
    c6c = bz.klokken["C-6c"]
    assert c6c.gesloten_op == d(2026, 5, 20) and c6c.uitkomst == "op_tijd"
    brief = bz.brieven.get(soort="geschillen.bezwaar_beslissing")
    assert brief.gegevens["bestuursrecht"] is True and brief.gegevens["gezag"] == w.swv_a.naam
    tekst = Notification.objects.get(ontvanger=w.ouder_a, sleutel=f"bezwaar:{bz.pk}:beslist").tekst_weergave
    assert w.swv_a.naam in tekst and "schoolbestuur" not in tekst
    assert w.swv_a.naam in bz.type.stap(bz).nu
    if shutil.which("pdftotext"):
        brieven_render_wachtend()
        brief.refresh_from_db()
        uit = _bezwaar_tekst(brief)
        assert "bestuursrechter" in uit and "burgerlijke rechter" not in uit and w.swv_a.naam in uit
        assert "Landelijke Bezwaaradviescommissie TLV" in uit and "Beste ouder" in uit


def test_the_applying_schools_ib_cannot_hear_or_decide_its_tlv_bezwaar(w, client):
    """The school that objected is a party, not the bevoegd gezag: its IB'er and directeur, the school's board and
    another SWV cannot hear or decide — in the service and on the pages. The SWV hears the school; the school does not
    read the SWV's draft before it is signed."""
    from geschillen import services as g

    _t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, door=w.ib_a, gronden="De school kan de hulp niet geven.")
        ander_swv = member(Rol.SWV, swv=w.swv_b)
        for wie in (w.ib_a, w.dir_a, w.bestuurder_a, ander_swv):
            with pytest.raises(g.GeschilFout, match="Alleen de medewerkers van"):
                g.bezwaar_hoor(bezwaar=bz, door=wie, gehoord_op=d(2026, 4, 10), verslag="x")
            with pytest.raises(g.GeschilFout, match="Alleen de medewerkers van"):
                g.bezwaar_beslissing_voorbereid(bezwaar=bz, door=wie, uitkomst="niet_ontvankelijk", motivering="x")
            assert not g.mag_behandelen(wie, bz)
        assert g.mag_behandelen(w.swv_mw_a, bz)
        s.tlv_bezwaar_geen_lbt(bezwaar=bz, door=w.swv_mw_a, reden="Wij kennen de TLV alsnog toe.")
        with pytest.raises(g.GeschilFout, match="Hoor eerst de school"):
            g.bezwaar_beslissing_voorbereid(bezwaar=bz, door=w.swv_mw_a, uitkomst="gegrond", motivering="x")
        g.bezwaar_hoor(bezwaar=bz, door=w.swv_mw_a, afgezien=True)
        # granted in full without the LBT: then only 'gegrond'
        with pytest.raises(g.GeschilFout, match="Kies dan 'gegrond'"):
            g.bezwaar_beslissing_voorbereid(bezwaar=bz, door=w.swv_mw_a, uitkomst="ongegrond", motivering="x")
        g.bezwaar_beslissing_voorbereid(bezwaar=bz, door=w.swv_mw_a, uitkomst="gegrond", motivering="Alsnog toelaatbaar.")
    for wie in (w.ib_a, w.dir_a):
        _login(client, wie)
        for actie in ("horen", "beslissing"):
            assert client.post(reverse("geschillen:bezwaar_actie", args=[bz.pk, actie]), {}).status_code == 404
        for actie in ("lbt_advies", "verdagen"):
            assert client.post(reverse("tlv:actie", args=[_t.pk, actie]), {}).status_code == 404
        html = client.get(reverse("geschillen:bezwaar", args=[bz.pk])).content.decode()
        assert "wacht op ondertekening" not in html and "De school zag af van horen." in html
    # Awb 10:3 lid 3 (issue #17): not the directeur who signed the TLV under mandate, but another mandated person
    jurist = member(Rol.SWV, swv=w.swv_a, first_name="Bas", last_name="Jurist")
    mandaat(jurist, w.swv_a, ["bezwaar"], functie="jurist SWV A")
    with op(d(2026, 4, 13)):
        besluit_onderteken(besluit=bz.beslissing, door=jurist, bekendmaking="uitgereikt",
                           verzonden_op=d(2026, 4, 13))
    brief = bz.brieven.get(soort="geschillen.bezwaar_beslissing")
    assert brief.gegevens["door_school"] and brief.gegevens["bestuursrecht"] and brief.gegevens["lbt"] == "geen"
    assert Notification.objects.filter(ontvanger=w.ib_a, sleutel=f"bezwaar:{bz.pk}:beslist").exists()


def test_swv_hears_and_prepares_on_the_bezwaars_own_page(w, client):
    """On the bezwaar's own page (geschillen:bezwaar; issue #18: the TLV has no bezwaar desk of its own): the SWV's
    staff, the regeling's behandelaar, record the hearing with the error at the field and the input kept, then
    prepare the decision; a signer of the SWV reads the link to the signing page. The TLV's page links there."""
    from geschillen import services as g
    from geschillen.models import Bezwaar

    t, b = beslist(w, uitkomst="afgewezen")
    with op(d(2026, 4, 10)):
        bz = g.bezwaar_dien_in(besluit=b, ouder=w.ouder_a, gronden="Niet eens")
        s.tlv_bezwaar_lbt_gevraagd(bezwaar=bz, door=w.swv_mw_a, op=d(2026, 4, 10))
        s.tlv_bezwaar_lbt_advies(bezwaar=bz, door=w.swv_mw_a, op=d(2026, 4, 10), bestand=pdf("lbt.pdf"))
    pagina = reverse("geschillen:bezwaar", args=[bz.pk])
    _login(client, w.swv_mw_a)
    with op(d(2026, 4, 20)):
        assert pagina in client.get(reverse("tlv:detail", args=[t.pk])).content.decode()
        r = client.get(pagina)
        assert r.status_code == 200
        html = r.content.decode()
        assert "Horen vastleggen" in html and "Beslissing op bezwaar voorbereiden" in html
        r = client.post(reverse("geschillen:bezwaar_actie", args=[bz.pk, "horen"]),
                        {"horen-gehoord_op": "20-04-2026", "horen-verslag": ""})
        assert r.status_code == 200 and "verslag" in r.context["forms"]["horen"].errors
        r = client.post(reverse("geschillen:bezwaar_actie", args=[bz.pk, "horen"]),
                        {"horen-gehoord_op": "2026-04-20", "horen-verslag": "Gesprek met de ouders."})
        assert r.status_code == 302 and r["Location"] == pagina
        r = client.post(reverse("geschillen:bezwaar_actie", args=[bz.pk, "beslissing"]),
                        {"beslissing-uitkomst": "ongegrond", "beslissing-motivering": "Zoals de LBT adviseert."})
        assert r.status_code == 302
        html = client.get(pagina).content.decode()
        assert "wacht op ondertekening" in html and "Gesprek met de ouders." in html
    mandaat(w.swv_directeur, w.swv_a, ["bezwaar"], functie="directeur SWV A")
    _login(client, w.swv_directeur)
    with op(d(2026, 4, 20)):
        besluit = Bezwaar.objects.get(pk=bz.pk).beslissing
        assert reverse("zaken:ondertekenen", args=[besluit.pk]) in client.get(pagina).content.decode()
    # the parents' own page names the SWV
    client.force_login(w.ouder_a)
    html = client.get(bz.ouder_url()).content.decode()
    assert w.swv_a.naam in html and "Het schoolbestuur" not in html


def test_aanmelding_bezwaar_keeps_the_school_boards_rules(w):
    """The school board's own decisions name no behandelaar, route or desk: the school and its board hear and decide,
    the route follows the school (openbaar: the bestuursrechter)."""
    from portal.zaken.bezwaarregeling import bezwaarregeling

    for kind in ("aanmelding", "verwijdering", "schorsing"):
        r = bezwaarregeling(kind)
        assert r.behandelaar is None and r.bestuursrecht is None and r.voor_beslissing is None
    r = bezwaarregeling("tlv")  # heard and decided on the bezwaar's own page (issue #18: no desk of its own)
    assert not hasattr(r, "behandelpagina") and r.bestuursrecht(None)  # one bezwaar page for every kind (issue #18)


def test_the_readers_relations_to_a_tlv_are_the_cores_with_the_kinds_own(w):
    """Issue #18: one meaning per relation, from the core's relaties() — the TLV adds its own through
    Zaaktype.relaties: the applying school (C-2) is the case's school (its core ``school`` is empty: the SWV decides),
    the assigned expert (C-3), the SWV's signer (the mandate register), a school of aanmelding or inschrijving reading
    a decided TLV (C-7). zaak_of_404 gives them and 404s for anyone the access rule does not admit."""
    from django.http import Http404

    from portal.zaken.pagina import zaak_of_404
    from portal.zaken.services import relaties

    t = met_adviezen(w)
    andere_school = SchoolFactory(swvs=[w.swv_a])
    InschrijvingFactory(leerling=w.kind_a, school=andere_school)
    ib_andere = member(Rol.IB, school=andere_school)
    verwacht = [
        (w.ouder_a, {"ouder"}),
        (w.ib_a, {"school", "ib"}),
        (w.dir_a, {"school", "directeur"}),
        (w.swv_mw_a, {"swv"}),
        (w.swv_directeur, {"swv", "ondertekenaar"}),
        (w.desk1, {"deskundige"}),
    ]
    for user, rel in verwacht:
        _t, gevonden = zaak_of_404(user, Toelaatbaarheidsverklaring, t.pk)
        assert gevonden == rel, (user, gevonden)
    for user in (w.ib_b, w.ouder_b, w.bestuurder_a, ib_andere):  # the other school reads only a decided TLV (C-7)
        with pytest.raises(Http404):
            zaak_of_404(user, Toelaatbaarheidsverklaring, t.pk)
    # the same relations read through the core's Zaak row (as the core's own services do)
    from portal.zaken.models import Zaak

    assert relaties(w.desk1, Zaak.objects.get(pk=t.pk)) == {"deskundige"}
    with op(d(2026, 4, 1)):
        b = s.tlv_besluit_voorbereid(tlv=t, door=w.swv_mw_a, uitkomst="toegekend", motivering="x",
                                     ingangsdatum=d(2026, 4, 1), schooljaren=2)
        besluit_onderteken(besluit=b, door=w.swv_directeur, bekendmaking="uitgereikt", verzonden_op=d(2026, 4, 1))
    assert zaak_of_404(ib_andere, Toelaatbaarheidsverklaring, t.pk)[1] == {"ontvangende_school"}
