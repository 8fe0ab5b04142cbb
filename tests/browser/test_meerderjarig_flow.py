"""Issue #17 "Done when", in the browser with the demo's people: Mila (18) agrees to her OPP's handelingsdeel from her
own account and receives the decision letter addressed to her, while her mother's account says that Mila decides now
(and offers her nothing to agree to). Jesse (19) is under curatele: his own account cannot complete the instemming;
his curator's does. axe on every page; the family's pages carry no rule ids and no English dates."""

import shutil

import pytest
from django.core.management import call_command

from opp.models import Ontwikkelingsperspectief
from portal.accounts.constants import Rol
from portal.core.management.commands.demo import WACHTWOORD
from tests.browser.test_aanmelding_flow import logout, pdf_tekst
from tests.factories import mandaat, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _stem_in(ui):
    ui.page.get_by_label("Ja, ik stem in").check()
    ui.submit("Antwoord versturen")


def test_meerderjarige_en_curator_stemmen_in(ui, settings, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt: apt-get install poppler-utils")
    settings.DEMO = True  # no second factor in demo mode; the 2FA login has its own test
    call_command("demo", quiet=True)
    p = ui.page
    mila = Ontwikkelingsperspectief.objects.get(leerling__roepnaam="Mila")
    jesse = Ontwikkelingsperspectief.objects.get(leerling__roepnaam="Jesse")

    # --- the mother: Mila decides now; Mila lets her read along, so she sees the plan but cannot agree --------------
    ui.login("ouder3@demo.nl", WACHTWOORD)
    ui.ouder = True
    assert "Mila Hoekstra is 18 jaar of ouder en beslist nu zelf" in p.inner_text("body")
    ui.goto(f"/opp/{mila.pk}/")
    tekst = p.inner_text("body")
    assert "beslist zelf over het handelingsdeel" in tekst
    assert p.get_by_label("Ja, ik stem in").count() == 0
    logout(ui)

    # --- Mila agrees from her own account ----------------------------------------------------------------------------
    ui.login("leerling18@demo.nl", WACHTWOORD)
    ui.ouder = True  # plain words for the pupil too
    assert "Je bent 18 jaar of ouder. Je beslist nu zelf" in p.inner_text("body")
    ui.goto(f"/opp/{mila.pk}/")
    _stem_in(ui)
    mila.refresh_from_db()
    assert mila.versies.get().instemmingen.filter(keuze="ingestemd", persoon__email="leerling18@demo.nl").exists()
    logout(ui)

    # --- the school sets the OPP (a mandated directeur of the vso's board); the letter is addressed to Mila ----------
    from opp import services as opp_services
    from portal.zaken.models import Besluit
    from portal.zaken.services import besluit_onderteken

    school = mila.school
    ib = member(Rol.IB, school=school, email="ib-test@example.nl")
    directeur = member(Rol.DIRECTEUR, school=school, email="dir-test@example.nl")
    mandaat(directeur, school.bestuur, ["opp"], functie="directeur De Zonnehoek")
    opp_services.vaststelling_bereid_voor(opp=mila, door=ib, uitleg_mening="Je stage staat erin zoals je wilde.")
    besluit_onderteken(besluit=Besluit.objects.get(zaak=mila, ondertekend_op__isnull=True), door=directeur)
    ui.login("leerling18@demo.nl", WACHTWOORD)
    ui.ouder = True
    ui.goto(f"/opp/{mila.pk}/")
    brief = mila.brieven.order_by("-pk").first()
    assert brief is not None and brief.gegevens["aan_soort"] == "leerling"
    tekst = pdf_tekst(ui, brief.get_absolute_url(), tmp_path)
    assert "Aan: Mila Hoekstra" in tekst and "ouder" not in tekst.split("Aan:")[1].splitlines()[0]
    logout(ui)

    # --- Jesse, under curatele: his own click does not complete it; his curator's does ------------------------------
    ui.login("leerling-curatele@demo.nl", WACHTWOORD)
    ui.ouder = True
    ui.goto(f"/opp/{jesse.pk}/")
    assert "Alleen de curator stemt in" in p.inner_text("body")
    assert p.get_by_label("Ja, ik stem in").count() == 0
    r = p.request.post(ui.base_url + f"/opp/{jesse.pk}/instemming/", form={"keuze": "ingestemd"},
                       headers={"X-CSRFToken": next(c["value"] for c in p.context.cookies() if c["name"] == "csrftoken"),
                                "Referer": ui.base_url + f"/opp/{jesse.pk}/"})
    assert r.status in (403, 404) or "curator" in r.text()
    jesse.refresh_from_db()
    assert not jesse.versies.get().instemmingen.filter(keuze="ingestemd").exists()
    logout(ui)

    ui.login("curator@demo.nl", WACHTWOORD)
    ui.ouder = True
    assert "Jesse Hoekstra" in p.inner_text("body")
    ui.goto(f"/opp/{jesse.pk}/")
    _stem_in(ui)
    assert "instemming is vastgelegd" in p.inner_text("body")
    assert jesse.versies.get().instemmingen.filter(keuze="ingestemd", persoon__email="curator@demo.nl").exists()
    jesse.refresh_from_db()
    assert jesse.status == "ingestemd"
