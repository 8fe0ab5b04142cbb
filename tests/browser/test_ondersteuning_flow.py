"""Issue #9 "Done when", end to end in the browser: the IB'er composes an arrangement with three parts paid by the
school, the municipality (Jeugdwet) and the SWV; the parent agrees; the pupil's view is recorded; two of three
teachers acknowledge the accommodations sheet and the IB'er sees the third missing; a new version asks all three
again; the parent requests an adjustment and a refusal with an empty, a 10-word and a copied justification is each
rejected. The public profile and basisondersteuning pages pass axe (and fit a phone). axe on every page visited."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ondersteuning import services as s
from ondersteuning.models import Aanpassingsverzoek, Arrangement, Kennisname
from portal.accounts.constants import Rol
from portal.documenten.services import brieven_render_wachtend
from portal.leerlingen.models import Groep, schooljaar_van
from portal.meldingen.models import Notification
from portal.organisaties import services as org
from portal.organisaties.models import Basisondersteuning, Gemeente
from tests.factories import (
    PASSWORD,
    InschrijvingFactory,
    LeerlingFactory,
    SchoolFactory,
    SWVFactory,
    member,
    ouder_van,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
AMS = ZoneInfo("Europe/Amsterdam")
GEKOPIEERD = ("Een aangepast rooster voor deze leerling vraagt elke dag een extra begeleider in de klas. Onze "
              "school heeft die niet, en het samenwerkingsverband kon die volgens zijn reactie van februari ook "
              "niet leveren; andere oplossingen zijn met de ouders besproken.")


def logout(ui):
    ui.submit("Uitloggen")


def open_details(ui, summary, binnen=None):
    waar = ui.page.locator(binnen) if binnen else ui.page
    details = waar.locator("details", has=ui.page.locator("summary", has_text=summary)).first
    if details.get_attribute("open") is None:
        details.locator("summary").first.click()


def onderdeel(ui, *, soort, wat, aanbieder, financier, uren, naam="", eind=None, basis=False):
    p = ui.page
    p.get_by_role("link", name="Onderdeel toevoegen").click()
    p.wait_for_load_state()
    ui.axe()
    p.locator("#id_soort").select_option(label=soort)
    p.locator("#id_omschrijving").fill(wat)
    p.locator("#id_aanbieder").select_option(label=aanbieder)
    if naam:
        p.locator("#id_aanbieder_naam").fill(naam)
    p.locator("#id_uren_per_week").fill(uren)
    p.locator("#id_start").fill("2026-03-09")
    if eind:
        p.locator("#id_eind").fill(eind)
    p.locator("#id_financier").select_option(label=financier)
    if basis:
        p.locator("#id_binnen_basisondersteuning").check()


def test_ondersteuningsaanbod_end_to_end(ui, settings):
    settings.DEMO = True  # the login and its 2FA are covered by test_roles; here: the support offer
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS), tick=True):
        swv = SWVFactory(naam="SWV De Vallei")
        school = SchoolFactory(naam="Basisschool De Linde", swvs=[swv])
        gemeente = Gemeente.objects.create(code="GM0999", naam="Lindestad")
        ib = member(Rol.IB, school=school, first_name="Ilse", last_name="Brink", email="ib@example.nl")
        leerkrachten = [member(Rol.LEERKRACHT, school=school, first_name=n, last_name="Leraar",
                               email=f"{n.lower()}@example.nl") for n in ("Anna", "Bram", "Carla")]
        kind = LeerlingFactory(voornamen="Mila", roepnaam="Mila", achternaam="Jansen", geboortedatum=date(2017, 1, 10),
                               woongemeente=gemeente)
        InschrijvingFactory(leerling=kind, school=school)
        ouder = ouder_van(kind, email="ouder@example.nl")
        groep = Groep.objects.create(school=school, naam="Groep 6b", schooljaar=schooljaar_van())
        groep.leerlingen.add(kind)
        groep.leerkrachten.add(*leerkrachten)
        # an earlier answer of the same school, for another child: its justification must not be copied (D-6)
        ander = LeerlingFactory()
        InschrijvingFactory(leerling=ander, school=school)
        eerder = s.aanpassing_vraag(leerling=ander, school=school, door=ouder_van(ander), gevraagd="Kortere dagen",
                                    waarom="Vermoeidheid")
        s.aanpassing_beantwoord(verzoek=eerder, door=ib, uitkomst="geweigerd", weigergrond="onevenredig",
                                motivering=GEKOPIEERD)
        p = ui.page

        # --- the IB'er composes the arrangement: three parts, three funders -------------------------------------
        ui.login(ib.email, PASSWORD)
        ui.goto("/ondersteuning/")
        p.get_by_role("link", name="Nieuw arrangement").click()
        p.wait_for_load_state()
        ui.axe()
        p.get_by_label("Voor welke leerling?").select_option(label="Mila Jansen (10-01-2017)")
        p.get_by_label("Op deze school, met ondersteuning van een andere school of organisatie").check()
        p.get_by_label("Wat moet de ondersteuning bereiken?").fill("Mila leest in juni op het niveau van groep 6.")
        p.get_by_label("Wat is onderzocht over wat het kind nodig heeft?").fill("Leestoetsen en observaties in de klas.")
        p.get_by_label("Welke aanpassingen zijn geprobeerd").fill("Vergrote teksten; een vaste plek vooraan.")
        p.locator("#id_startdatum").fill("2026-03-09")
        p.locator("#id_evaluatie_weken").fill("6")
        ui.submit("Concept maken")
        a = Arrangement.objects.get()
        assert "staat klaar als concept" in p.content()

        onderdeel(ui, soort="Onderwijsondersteuning", wat="Extra leesbegeleiding in een klein groepje",
                  aanbieder="De school zelf", financier="De school", uren="2", basis=True)
        ui.submit("Onderdeel opslaan")
        onderdeel(ui, soort="Zorg in onderwijstijd", wat="Begeleiding bij prikkels, onder schooltijd",
                  aanbieder="Een zorgaanbieder", naam="Jeugdhulp De Linde", financier="De gemeente (Jeugdwet)",
                  uren="3", eind="2026-07-17")
        ui.submit("Onderdeel opslaan")
        # refused without the municipality's decision: shown again, input kept, the error at the field
        assert "Vul het nummer van de beschikking" in p.content()
        assert p.locator("#id_omschrijving").input_value() == "Begeleiding bij prikkels, onder schooltijd"
        p.locator("#id_beschikkingsnummer").fill("JW-2026-0417")
        p.locator("#id_beschikking_omvang").fill("3 uur per week, van 9 maart tot 17 juli")
        ui.submit("Onderdeel opslaan")
        onderdeel(ui, soort="Onderwijsondersteuning", wat="Ambulante begeleiding van de leerkracht",
                  aanbieder="Het samenwerkingsverband", financier="Het samenwerkingsverband", uren="1")
        ui.submit("Onderdeel opslaan")
        assert sorted(a.onderdelen.values_list("financier", flat=True)) == ["jeugdwet", "school", "swv"]
        assert a.onderdelen.get(financier="swv").swv == swv  # the SWV sees the arrangement: it pays a part
        body = p.content()
        assert "De gemeente (Jeugdwet)" in body and "JW-2026-0417" in body and "Lindestad" in body
        # a build-up step of the care part
        zorg = a.onderdelen.get(financier="jeugdwet")
        open_details(ui, "Stap in het opbouwschema toevoegen", binnen=f"#onderdeel-{zorg.pk}")
        p.locator(f"#id_opbouw-{zorg.pk}-vanaf").fill("2026-04-06")
        p.locator(f"#id_opbouw-{zorg.pk}-omschrijving").fill("Vijf ochtenden per week")
        ui.submit("Stap toevoegen")
        assert "Vijf ochtenden per week" in p.content()
        ui.submit("Aan de ouders voorleggen")
        assert "aan de ouders voorgelegd" in p.content()
        logout(ui)

        # --- the parent sees the offer with what was investigated and tried, and agrees ---------------------------
        ui.login(ouder.email, PASSWORD)
        assert "Arrangement: Mila Jansen" in p.content()  # the tracker on the start page
        ui.goto("/ondersteuning/")
        p.get_by_role("link", name="Mila Jansen — Basisschool De Linde").click()
        p.wait_for_load_state()
        ui.axe()
        body = p.content()
        for tekst in ("Leestoetsen en observaties", "Vergrote teksten", "Jeugdhulp De Linde", "Laat de school weten"):
            assert tekst in body
        assert "A-10" not in body and "S-5" not in body  # no rule ids for parents
        p.get_by_label("Ja, ik ben akkoord").check()
        ui.submit("Reactie versturen")
        body = p.content()
        assert "U bent akkoord en de ondersteuning loopt" in body
        assert "maandag 20 april 2026" in body  # the first evaluation: 9 March + 6 weeks
        logout(ui)

        # --- the pupil's view: Mila is 9, so the IB'er records it on her behalf, marked as such -------------------
        ui.login(ib.email, PASSWORD)
        ui.goto(f"/ondersteuning/{a.pk}/")
        assert "Ouders akkoord; loopt" in p.content()
        p.get_by_role("link", name="Mening namens de leerling vastleggen").click()
        p.wait_for_load_state()
        ui.axe()
        p.get_by_label("De mening van de leerling").fill("Ik vind het fijn om in een klein groepje te lezen.")
        p.get_by_label("Hoe is het gevraagd?").fill("In een gesprek met de leerkracht")
        ui.submit("Vastleggen")
        assert "Namens de leerling vastgelegd door Ilse Brink" in p.content()

        # --- the accommodations sheet: agreed with the parents, set; teachers acknowledge -------------------------
        ui.goto("/ondersteuning/")
        open_details(ui, "Aanpassingenblad maken")
        p.get_by_label("Leerling").select_option(label="Mila Jansen (10-01-2017)")
        ui.submit("Maken")
        for categorie, weten, doen in [
            ("Gezondheid: signalen en wat u doet", "Signalen van een hypo: trillen, zweten, bleek zien.",
             "Laat haar meteen druivensuiker eten en blijf erbij."),
            ("Toetsen en opdrachten", "Mila leest kleine letters moeilijk.", "Geef toetsen op A3."),
        ]:
            open_details(ui, "Afspraak toevoegen")
            p.get_by_label("Onderwerp").select_option(label=categorie)
            p.get_by_label("Wat moet een leerkracht weten?").fill(weten)
            p.get_by_label("Wat doet de leerkracht dan?").fill(doen)
            ui.submit("Toevoegen")
        ui.submit("Met de ouders afgestemd in een gesprek")
        ui.submit("Deze versie laten gelden en leerkrachten laten bevestigen")
        assert "3 leerkrachten hebben nog niet bevestigd" in p.content()
        blad_url = p.url
        logout(ui)
        for leerkracht in leerkrachten[:2]:
            ui.login(leerkracht.email, PASSWORD)
            ui.goto("/ondersteuning/mijn-leerlingen/")
            p.get_by_role("link", name="Lezen en bevestigen — Mila Jansen").click()
            p.wait_for_load_state()
            ui.axe()
            body = p.content()
            assert "druivensuiker" in body and "Leestoetsen" not in body  # the sheet only, not the arrangement
            ui.submit("Gelezen: ik ken deze afspraken en pas ze toe")
            assert "U heeft bevestigd" in p.content()
            logout(ui)
        ui.login(ib.email, PASSWORD)
        ui.goto(blad_url.replace(ui.base_url, ""))
        body = p.content()
        assert "1 leerkracht heeft nog niet bevestigd" in body
        carla = p.locator("li", has_text="Carla Leraar")
        assert "nog niet bevestigd" in carla.inner_text()
        # a new version asks all three again
        ui.submit("Nieuwe versie maken")
        open_details(ui, "Afspraak toevoegen")
        p.get_by_label("Onderwerp").select_option(label="Rooster en veranderingen")
        p.get_by_label("Wat moet een leerkracht weten?").fill("Veranderingen in het rooster maken Mila onrustig.")
        p.get_by_label("Wat doet de leerkracht dan?").fill("Vertel een wijziging de dag ervoor.")
        ui.submit("Toevoegen")
        ui.submit("Met de ouders afgestemd in een gesprek")
        p.get_by_label("Wat is er veranderd?").fill("Nieuw: roosterwijzigingen vooraf aankondigen.")
        ui.submit("Deze versie laten gelden en leerkrachten laten bevestigen")
        assert "3 leerkrachten hebben nog niet bevestigd" in p.content()
        assert Notification.objects.filter(sleutel__endswith=":geldt", titel__startswith="Lees en bevestig").count() == 6
        assert Kennisname.objects.count() == 2  # the acknowledgements of version 1 stay on record
        logout(ui)
        ui.login(leerkrachten[0].email, PASSWORD)
        ui.goto("/ondersteuning/mijn-leerlingen/")
        assert p.get_by_role("link", name="Lezen en bevestigen — Mila Jansen").count() == 1
        logout(ui)

        # --- the parent requests an adjustment; the refusal needs an individual justification -------------------
        ui.login(ouder.email, PASSWORD)
        ui.goto("/ondersteuning/aanpassing/nieuw/")
        p.get_by_label("Voor welk kind, bij welke school?").select_option(label="Mila Jansen — Basisschool De Linde")
        p.get_by_label("Welke aanpassing vraagt u?").fill("Een aangepast rooster: 's middags thuis rusten.")
        p.get_by_label("Waarom heeft uw kind die nodig?").fill("Mila is na de ochtend uitgeput door haar diabetes.")
        ui.submit("Verzoek versturen")
        assert "maandag 30 maart 2026" in p.content()  # D-6: 2 March + 4 weeks
        verzoek = Aanpassingsverzoek.objects.exclude(pk=eerder.pk).get()
        logout(ui)
        ui.login(ib.email, PASSWORD)
        ui.goto(f"/ondersteuning/aanpassing/{verzoek.pk}/")
        for motivering, fout in [
            ("", "Schrijf de onderbouwing"),
            ("Dit is voor onze school nu helaas echt te zwaar.", "te kort (10 woorden)"),
            (GEKOPIEERD, "gelijk aan een ander antwoord van deze school"),
        ]:
            p.get_by_label("Geweigerd", exact=True).check()
            p.get_by_label("Onevenredig belastend: de aanpassing vraagt te veel van de school").check()
            p.get_by_label("Onderbouwing voor dit kind").fill(motivering)
            ui.submit("Antwoord versturen")
            body = p.content()
            assert fout in body, motivering
            assert p.get_by_label("Onderbouwing voor dit kind").input_value() == motivering  # input kept
        verzoek.refresh_from_db()
        assert verzoek.status == "ingediend" and verzoek.uitkomst == ""
        p.get_by_label("Toegekend op een andere manier").check()
        p.get_by_label("Onderbouwing voor dit kind").fill(
            "Mila gaat 's middags niet naar huis, want dan mist zij elke dag rekenen en lezen in de groep. Wel krijgt "
            "zij om half een een rustmoment van twintig minuten in de stilteruimte, met haar eigen begeleider van "
            "Jeugdhulp De Linde erbij, en evalueren we dat na vier weken met u.")
        ui.submit("Antwoord versturen")
        assert "Het antwoord is verstuurd" in p.content()
        brieven_render_wachtend()  # the letter is rendered by a task after commit; the safety net does it here
        logout(ui)
        ui.login(ouder.email, PASSWORD)
        ui.goto(f"/ondersteuning/aanpassing/{verzoek.pk}/")
        body = p.content()
        assert "Toegekend op een andere manier" in body and "College voor de Rechten van de Mens" in body
        assert "Antwoord op uw verzoek om een aanpassing (PDF)" in body


def test_public_profile_and_basisondersteuning_pass_axe(ui, phone):
    """No login: the SWV's basisondersteuning and a school's set profile, on a desktop and on a phone."""
    swv = SWVFactory(naam="SWV De Vallei")
    school = SchoolFactory(naam="Basisschool De Linde", swvs=[swv])
    directeur = member(Rol.DIRECTEUR, school=school)
    Basisondersteuning.objects.create(swv=swv, gebied="lezen_taal", titel="Ondersteuning bij lezen en dyslexie")
    Basisondersteuning.objects.create(swv=swv, gebied="gedrag", titel="Aanpak voor gedrag en sociale veiligheid")
    org.basisondersteuning_publiceer(swv=swv, door=None)
    p = org.profiel_nieuwe_versie(school=school, door=directeur)
    org.profiel_bewerk(profiel=p, door=directeur, basis_toelichting="Weekplanning op drie niveaus.", ingang="gelijkvloers",
                       lift="niet_nodig", toilet_aangepast=True, aanmeldprocedure="Meld online aan.",
                       raadpleging_op=date(2026, 1, 15), raadpleging_wijze="leerlingenraad",
                       raadpleging_wijzigingen="Er staat nu bij waar je terecht kunt als het te druk is.")
    org.profiel_onderdeel_voeg_toe(profiel=p, door=directeur, soort="extra", gebied="autisme", titel="Prikkelarme plekken")
    org.profiel_expertise_voeg_toe(profiel=p, door=directeur, expertise="orthopedagoog", beschikbaar="swv")
    org.profiel_stel_vast(profiel=p, door=directeur)
    for u in (ui, phone):
        u.goto(f"/organisaties/school/{school.pk}/ondersteuningsprofiel/")
        body = u.page.content()
        assert "Prikkelarme plekken" in body and "Wat leerlingen ervan vonden" in body
        assert "niet weigeren omdat iets niet in dit profiel staat" in body
        assert u.page.evaluate("document.documentElement.scrollWidth") <= u.page.viewport_size["width"]
        u.page.get_by_role("link", name="SWV De Vallei (versie 1)").click()
        u.page.wait_for_load_state()
        u.axe()
        assert "Ondersteuning bij lezen en dyslexie" in u.page.content()
        assert u.page.evaluate("document.documentElement.scrollWidth") <= u.page.viewport_size["width"]
