"""Issue #12's 'done when' in the browser: the school applies → the SWV finds it incomplete (the clock stands still)
→ the school completes it → the SWV asks two experts (one from the applying school is refused, with the reason) →
both advices in → the application moves on by itself → the decision (so, category 2, dates) is prepared and signed
by the SWV's mandated director → the letter's PDF holds the school type, the category, the start and end dates and
the bezwaar clause with its last day → the parents see it. A second path ends in a refusal and a bezwaar with its
LBT clock, which the SWV records as asked. axe-core runs on every page visited."""

import shutil
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from portal.accounts.constants import Rol
from portal.accounts.models import Membership
from tests.browser.test_aanmelding_flow import logout, open_details, pdf_tekst
from tests.factories import (
    PASSWORD,
    PDF,
    InschrijvingFactory,
    LeerlingFactory,
    SchoolFactory,
    SWVFactory,
    mandaat,
    member,
    ouder_van,
)
from tlv.models import Deskundige, Loket, Toelaatbaarheidsverklaring

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = ZoneInfo("Europe/Amsterdam")


def _opzet():
    swv = SWVFactory(naam="SWV PO De Vallei")
    Loket.objects.create(swv=swv, naam="Commissie van Toelaatbaarheid", postadres="Postbus 77, 9999 ZZ Valleistad",
                         bezwaar_adres="SWV PO De Vallei, t.a.v. bezwaren TLV, Postbus 77, 9999 ZZ Valleistad")
    school = SchoolFactory(naam="Basisschool De Linde", swvs=[swv])
    ib = member(Rol.IB, school=school, email="ib@example.nl", first_name="Ilse", last_name="Brink")
    mw = member(Rol.SWV, swv=swv, email="swv@example.nl", first_name="Sara", last_name="Vermeulen")
    directeur = member(Rol.SWV, swv=swv, email="dir-swv@example.nl", first_name="Daan", last_name="Kramer")
    mandaat(directeur, swv, ["tlv"], functie="directeur SWV PO De Vallei")
    eva = member(Rol.DESKUNDIGE, email="eva@example.nl", first_name="Eva", last_name="de Boer",
                 organisatie_naam="Praktijk Vallei")
    Deskundige.objects.create(user=eva, beroep="orthopedagoog")
    arts = member(Rol.DESKUNDIGE, email="arts@example.nl", first_name="Ahmed", last_name="Yilmaz", organisatie_naam="GGD")
    Deskundige.objects.create(user=arts, beroep="arts")
    eigen = member(Rol.DESKUNDIGE, email="eigen@example.nl", first_name="Olga", last_name="Zelf", organisatie_naam="X")
    Deskundige.objects.create(user=eigen, beroep="psycholoog")
    Membership.objects.create(user=eigen, rol=Rol.IB, school=school)  # works at the applying school
    return swv, school, ib, mw, directeur, eva, arts


def test_tlv_end_to_end(ui, settings, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt: apt-get install poppler-utils")
    settings.DEMO = True  # the 2FA login is covered by test_roles; here: the TLV
    swv, school, ib, mw, directeur, eva, arts = _opzet()
    kind = LeerlingFactory(voornamen="Mila", roepnaam="Mila", achternaam="Jansen", geboortedatum=date(2018, 1, 10))
    InschrijvingFactory(leerling=kind, school=school, van=date(2022, 8, 22))
    ouder = ouder_van(kind, email="ouder@example.nl", brieven_digitaal=True)
    document = tmp_path / "onderwijskundig-rapport.pdf"
    document.write_bytes(PDF)
    p = ui.page

    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS), tick=True) as reis:
        # the school applies (C-2): pupil and kind of school first; the SWV that decides is shown, with the article
        ui.login(ib.email, PASSWORD)
        ui.goto("/tlv/")
        with p.expect_navigation():
            p.get_by_role("link", name="Nieuwe TLV-aanvraag").click()
        ui.axe()
        p.get_by_label("Voor welke leerling?").select_option(label="Mila Jansen (10-01-2018)")
        p.get_by_label("Speciaal onderwijs (so), cluster 3 of 4").check()
        ui.submit("Verder")
        body = p.content()
        assert "SWV PO De Vallei" in body and "artikel 40 lid 10" in body
        assert "Het kind staat ingeschreven op Basisschool De Linde" in body
        p.get_by_label("Wat heeft het kind nodig?").fill("Een kleine groep met fysiotherapie en logopedie op school.")
        p.get_by_label("Wat heeft de school al geprobeerd, en met welk effect?").fill("Twee jaar extra begeleiding; "
                                                                                   "de achterstand groeit.")
        p.get_by_label("Voor hoeveel schooljaren vraagt u de TLV aan?").select_option("2")
        ui.submit("Aanvraag opslaan als concept")
        t = Toelaatbaarheidsverklaring.objects.get()
        assert "De aanvraag staat klaar als concept" in p.content()
        logout(ui)

        # the parent sees the application and writes their view
        ui.login(ouder.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        assert "kleine groep met fysiotherapie" in p.content()
        with p.expect_navigation():
            p.get_by_role("link", name="Mijn mening geven").click()
        ui.axe()
        p.get_by_label("Uw mening over de aanvraag").fill("Wij zien dat Mila veel zorg nodig heeft; wij willen het so.")
        ui.submit("Mijn mening opslaan")
        logout(ui)

        # the school adds its report and submits: 8 weeks from today (Koningsdag → 28 April, Atw)
        ui.login(ib.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        open_details(ui, "Document toevoegen")
        p.locator("#id_document-bestand").set_input_files(str(document))
        ui.submit("Document opslaan")
        ui.submit("Aanvraag indienen bij het samenwerkingsverband")
        assert "is ingediend" in p.content() and "dinsdag 28 april 2026" in p.content()
        logout(ui)

        # three days later the SWV finds it incomplete: a request to the school; the clock stands still
        reis.move_to(datetime(2026, 3, 5, 10, 0, tzinfo=AMS))
        ui.login(mw.email, PASSWORD)
        ui.goto("/tlv/")
        assert "Mila Jansen" in p.content()
        ui.goto(f"/tlv/{t.pk}/")
        open_details(ui, "Onvolledig: de school om aanvulling vragen (Awb 4:5)")
        p.get_by_label("Wat ontbreekt er? (de school leest dit)").fill("Het verslag van de fysiotherapeut ontbreekt.")
        p.get_by_label("Aanvullen uiterlijk op").fill("2026-03-19")
        ui.submit("Aanvulling vragen")
        body = p.content()
        assert "staat stil vanaf morgen" in body and "opgeschort" in body
        logout(ui)

        # a week later the school completes it: stood still 6–12 March (6 days) → 3 May, a Sunday → Monday 4 May
        reis.move_to(datetime(2026, 3, 12, 10, 0, tzinfo=AMS))
        ui.login(ib.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        with p.expect_navigation():
            p.get_by_role("link", name="Aanvraag aanvullen").click()
        ui.axe()
        p.get_by_label("Uw aanvulling").fill("Het verslag van de fysiotherapeut is bijgevoegd.")
        p.locator("#id_bestand").set_input_files(str(document))
        ui.submit("Aanvulling versturen")
        assert "maandag 4 mei 2026" in p.content()
        logout(ui)

        # the SWV: complete; an expert who works at the applying school is refused with the reason; then two experts
        reis.move_to(datetime(2026, 3, 13, 10, 0, tzinfo=AMS))
        ui.login(mw.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        ui.submit("Aanvraag is volledig")

        def vraag(plaats, naam):
            p.get_by_label(plaats).check()
            p.locator("#id_toewijzen-deskundige").select_option(label=naam)
            ui.submit("Deskundige vragen")

        vraag("Eerste deskundige: orthopedagoog of psycholoog", "Olga Zelf — Psycholoog (X)")
        body = p.content()
        assert "Werkt bij de aanvragende school (Basisschool De Linde)" in body
        vraag("Eerste deskundige: orthopedagoog of psycholoog", "Eva de Boer — Orthopedagoog (Praktijk Vallei)")
        vraag("Tweede deskundige: kinder- en jeugdpsycholoog, pedagoog, kinderpsychiater, maatschappelijk werker of arts",
              "Ahmed Yilmaz — Arts (GGD)")
        assert "Volledig: deskundigen adviseren" in p.content()
        logout(ui)

        # each expert writes a separate advice; after the second the application moves on by itself
        reis.move_to(datetime(2026, 3, 20, 10, 0, tzinfo=AMS))
        for wie, tekst in ((eva, "Mila heeft de kleine groep en de zorg van het so nodig."),
                           (arts, "Medisch is fysiotherapie op school nodig.")):
            ui.login(wie.email, PASSWORD)
            ui.goto("/tlv/")
            with p.expect_navigation():
                p.get_by_role("link", name=f"{t.nummer} — SWV PO De Vallei").click()
            ui.axe()
            assert "kleine groep met fysiotherapie" in p.content()
            p.get_by_label("Toelaatbaar", exact=True).check()
            p.get_by_label("Uw advies, met de onderbouwing").fill(tekst)
            p.get_by_label("Geadviseerde bekostigingscategorie (alleen so en vso)").select_option("2")
            ui.submit("Advies geven")
            assert "Uw advies is gegeven" in p.content()
            logout(ui)
        t.refresh_from_db()
        assert t.status == "besluitvorming"

        # the SWV prepares the decision: so, category 2, from 1 April, 2 school years
        reis.move_to(datetime(2026, 3, 25, 10, 0, tzinfo=AMS))
        ui.login(mw.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        assert "Adviezen binnen" in p.content()
        with p.expect_navigation():
            p.get_by_role("link", name="Besluit voorbereiden").click()
        ui.axe()
        p.get_by_label("Toelaatbaarheidsverklaring toegekend").check()
        p.get_by_label("Redenen (komen in de brief)").fill("Beide deskundigen adviseren het so; Mila heeft zorg in de "
                                                           "school nodig.")
        p.get_by_label("Bekostigingscategorie (alleen so en vso)").select_option("2")
        p.get_by_label("Geldig vanaf (alleen bij toekenning)").fill("2026-04-01")
        p.get_by_label("Aantal schooljaren (alleen bij toekenning)").select_option("2")
        ui.submit("Besluit opslaan voor ondertekening")
        assert "wacht op een handtekening" in p.content()
        logout(ui)

        # the SWV's director, mandated for TLV decisions, signs after re-authentication
        reis.move_to(datetime(2026, 3, 26, 10, 0, tzinfo=AMS))
        ui.login(directeur.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        with p.expect_navigation():
            p.get_by_role("link", name="Besluit bekijken en ondertekenen").click()
        ui.axe()
        assert "/account/bevestig/" in p.url
        p.get_by_label("Uw wachtwoord").fill(PASSWORD)
        ui.submit("Bevestigen")
        assert "31 juli 2028" in p.content() and "Categorie 2" in p.content()
        ui.submit("Ondertekenen en bekendmaken")
        assert "is ondertekend" in p.content()
        t.refresh_from_db()
        assert t.status == "toegekend" and t.tlv_nummer
        logout(ui)

        # the parent sees the decision; the letter's text holds type, category, dates and the bezwaar clause
        ui.login(ouder.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        body = p.content()
        assert "Toelaatbaarheidsverklaring toegekend" in body and "maandag 31 juli 2028" in body
        assert "donderdag 7 mei 2026" in body  # bezwaar until (C-6: 26 March + 6 weeks)
        assert "Mila heeft de kleine groep" in body  # the experts' advices
        link = p.get_by_role("link", name="Besluit over de toelaatbaarheidsverklaring (PDF)").get_attribute("href")
        tekst = " ".join(pdf_tekst(ui, link, tmp_path).split())
        assert "Speciaal onderwijs (so)" in tekst and "Categorie 2 (midden)" in tekst
        assert "1 april 2026" in tekst and "31 juli 2028" in tekst and t.tlv_nummer in tekst
        assert "bezwaar" in tekst and "donderdag 7 mei 2026" in tekst and "SWV PO De Vallei, t.a.v. bezwaren TLV" in tekst
        assert "directeur SWV PO De Vallei" in tekst


def test_tlv_refusal_and_bezwaar_with_the_lbt_clock(ui, settings):
    settings.DEMO = True
    swv, school, ib, mw, directeur, eva, arts = _opzet()
    kind = LeerlingFactory(voornamen="Sem", roepnaam="Sem", achternaam="Bos", geboortedatum=date(2017, 6, 1))
    InschrijvingFactory(leerling=kind, school=school, van=date(2021, 8, 23))
    ouder = ouder_van(kind, email="ouder2@example.nl", brieven_digitaal=True)
    from tests.test_tlv import op, pdf
    from tlv import services as s

    with op(date(2026, 3, 2)):
        t = s.tlv_maak(school=school, leerling=kind, soort="sbo", door=ib, onderwijsbehoeften="Structuur",
                       geprobeerd="Extra hulp")
        s.tlv_zienswijze_ouder(tlv=t, ouder=ouder, tekst="Sem wil op school blijven.")
        s.tlv_document_voeg_toe(tlv=t, door=ib, bestand=pdf())
        s.tlv_dien_in(tlv=t, door=ib)
        s.tlv_volledig(tlv=t, door=mw)
        for plaats, wie in ((1, eva), (2, arts)):
            tw = s.tlv_deskundige_wijs_toe(tlv=t, door=mw, deskundige=wie, plaats=plaats)
            s.tlv_advies_geef(toewijzing=tw, deskundige=wie, conclusie="niet_toelaatbaar",
                              advies="Met extra hulp kan Sem op zijn school blijven.")
    p = ui.page
    with time_machine.travel(datetime(2026, 3, 23, 10, 0, tzinfo=AMS), tick=True) as reis:
        # the SWV prepares a refusal; its director signs it
        ui.login(mw.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/besluit/")
        p.get_by_label("Toelaatbaarheidsverklaring afgewezen").check()
        p.get_by_label("Redenen (komen in de brief)").fill("Beide deskundigen adviseren het niet.")
        ui.submit("Besluit opslaan voor ondertekening")
        logout(ui)
        ui.login(directeur.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        with p.expect_navigation():
            p.get_by_role("link", name="Besluit bekijken en ondertekenen").click()
        p.get_by_label("Uw wachtwoord").fill(PASSWORD)
        ui.submit("Bevestigen")
        ui.submit("Ondertekenen en bekendmaken")
        logout(ui)

        # the parent files a bezwaar from the TLV's page, within the 6 weeks (23 March + 6 weeks = 4 May)
        reis.move_to(datetime(2026, 4, 2, 10, 0, tzinfo=AMS))
        ui.login(ouder.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        assert "maandag 4 mei 2026" in p.content()
        with p.expect_navigation():
            p.get_by_role("link", name="Bezwaar maken").click()
        ui.axe()
        p.get_by_label("Waarom bent u het niet eens met het besluit?").fill("Sem heeft het sbo echt nodig.")
        ui.submit("Bezwaar indienen")
        assert "Uw bezwaar is ontvangen" in p.content()
        logout(ui)

        # the SWV sees the bezwaar on the TLV's page with its LBT clock (2 weeks from receipt: 16 April) and records
        # the request there (the TLV's own step); hearing and deciding are on the bezwaar's own page, linked
        ui.login(mw.email, PASSWORD)
        ui.goto(f"/tlv/{t.pk}/")
        ui.axe()
        body = p.content()
        assert p.locator("a", has_text="Naar het bezwaar: horen en beslissen").count() == 1
        assert "Advies LBT vragen" in body and "16 april 2026" in body and "(C-6b)" in body
        assert "Beslissing op bezwaar TLV" in body and "27 juli 2026" in body  # 4 May + 12 weeks (C-6c)
        p.get_by_label("Advies gevraagd op").fill("2026-04-02")
        ui.submit("Vastleggen: advies gevraagd")
        assert "Vastgelegd dat het advies van de LBT is gevraagd" in p.content() and "Voldaan op 2 april 2026" in p.content()


def test_tlv_pages_fit_a_320px_screen(smal, settings):
    """WCAG 1.4.10: no page of the TLV scrolls sideways at 320 CSS pixels — the parent's, the SWV's desk, list and
    register, the expert's page."""
    settings.DEMO = True
    swv, school, ib, mw, directeur, eva, arts = _opzet()
    kind = LeerlingFactory(voornamen="Noor", roepnaam="Noor", achternaam="van den Bergh-Hoogendoorn",
                           geboortedatum=date(2017, 6, 1))
    InschrijvingFactory(leerling=kind, school=school, van=date(2021, 8, 23))
    ouder = ouder_van(kind, email="ouder3@example.nl", brieven_digitaal=True)
    from tests.test_tlv import op, pdf
    from tlv import services as s

    with op(date(2026, 3, 2)):
        t = s.tlv_maak(school=school, leerling=kind, soort="so", door=ib, onderwijsbehoeften="Structuur " * 40,
                       geprobeerd="Extra hulp " * 40)
        s.tlv_zienswijze_ouder(tlv=t, ouder=ouder, tekst="Graag " * 60)
        s.tlv_document_voeg_toe(tlv=t, door=ib, bestand=pdf("een-heel-lang-bestandsnaam-van-het-onderwijskundig-"
                                                            "rapport-2026.pdf"))
        s.tlv_dien_in(tlv=t, door=ib)
        s.tlv_volledig(tlv=t, door=mw)
        tw = s.tlv_deskundige_wijs_toe(tlv=t, door=mw, deskundige=eva, plaats=1)
        s.tlv_advies_geef(toewijzing=tw, deskundige=eva, conclusie="toelaatbaar", advies="Past. " * 50)
    with time_machine.travel(datetime(2026, 3, 10, 10, 0, tzinfo=AMS), tick=True):
        for email, paden in ((ouder.email, ["/tlv/", f"/tlv/{t.pk}/"]),
                             (mw.email, ["/tlv/", f"/tlv/{t.pk}/", "/tlv/register/", "/tlv/loket/"]),
                             (eva.email, ["/tlv/", f"/tlv/advies/{tw.pk}/"])):
            smal.login(email, PASSWORD)
            for pad in paden:
                smal.goto(pad)
                assert smal.page.evaluate("document.documentElement.scrollWidth") <= 320, pad
            smal.submit("Uitloggen")
