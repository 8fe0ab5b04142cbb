"""Issue #22 "Done when": axe finds no serious or critical issue on the case pages of every role. Each role of the
demo logs in and opens its start page, the lists of the case kinds it may see, and the first case of each kind listed
there (the OPP page in the directeur's view among them, where axe once found a colour-contrast failure). All
failures are gathered and reported together."""

import re

import pytest
from django.core.management import call_command

from portal.core.management.commands.demo import WACHTWOORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIJSTEN = ["/aanmelding/", "/opp/", "/tlv/", "/ondersteuning/", "/geschillen/", "/thuiszitters/"]
# a case page: /opp/12/, /tlv/advies/3/, /geschillen/klacht/4/, /zaken/5/… (the kind: the path before the number)
ZAAK = re.compile(r"^/((?:aanmelding|opp|tlv|ondersteuning|thuiszitters|geschillen|zaken|leerlingen)(?:/[a-z-]+)?)/\d+/")
# role → (demo login, the case kinds its pages must include)
ROLLEN = {
    "ouder": ("ouder@demo.nl", set()),
    "leerling": ("leerling@demo.nl", set()),
    "leerling (18)": ("leerling18@demo.nl", set()),
    "vertegenwoordiger": ("curator@demo.nl", set()),
    "ib": ("ib@demo.nl", {"opp", "tlv", "ondersteuning"}),
    "directeur": ("directeur@demo.nl", {"opp"}),
    "bestuurder": ("bestuurder@demo.nl", set()),
    "leerkracht": ("leerkracht@demo.nl", set()),
    "swv": ("swv@demo.nl", {"tlv"}),
    "deskundige": ("deskundige@demo.nl", set()),
    "onderwijsconsulent": ("onderwijsconsulent@demo.nl", set()),
    "clientondersteuner": ("clientondersteuner@demo.nl", set()),
    "steunpunt": ("steunpunt@demo.nl", set()),
    "klachtencommissie": ("klachten@demo.nl", set()),
    "leerplicht": ("leerplicht@demo.nl", {"thuiszitters"}),
    "beheerder": ("beheerder@demo.nl", set()),
}


def _zaken(page):
    hrefs = page.eval_on_selector_all("main a[href]", "els => els.map(e => e.getAttribute('href'))")
    return [h for h in hrefs if ZAAK.match(h) and not re.search(r"pdf|download|document|export|csv", h)]


def _deel_met_de_helpers():
    """The demo's parent shares Noor's aanmelding with each kind of helper, who accepts (the helpers' case page)."""
    from datetime import timedelta

    from django.utils import timezone

    from aanmelding.models import Aanmelding
    from geschillen.services.deling import deling_neem_aan, deling_nodig_uit, deling_token
    from portal.accounts.models import User

    ouder = User.objects.get(email="ouder@demo.nl")
    zaak = Aanmelding.objects.get(leerling__roepnaam="Noor")
    for email, rol in (("onderwijsconsulent@demo.nl", "onderwijsconsulent"),
                       ("clientondersteuner@demo.nl", "clientondersteuner"), ("steunpunt@demo.nl", "steunpunt")):
        deling = deling_nodig_uit(zaak=zaak, ouder=ouder, email=email, rol=rol,
                                  geldig_tot=timezone.localdate() + timedelta(days=30))
        deling_neem_aan(token=deling_token(deling), user=User.objects.get(email=email))


def test_axe_on_the_case_pages_of_every_role(ui, settings):
    settings.DEMO = True
    call_command("demo", quiet=True)
    _deel_met_de_helpers()
    fouten, bezocht = [], {}

    def kijk(pad):
        try:
            return ui.goto(pad)
        except AssertionError as e:  # axe: keep going, report every page at the end
            fouten.append(str(e)[:600])

    for rol, (email, soorten) in ROLLEN.items():
        ui.login(email, WACHTWOORD)
        zaken = _zaken(ui.page)
        for lijst in LIJSTEN:
            r = ui.page.goto(ui.base_url + lijst)
            if r.status == 200 and "/account/inloggen/" not in ui.page.url:
                kijk(lijst)
                zaken += _zaken(ui.page)
        per_soort = {}
        for z in zaken:
            per_soort.setdefault(ZAAK.match(z).group(1), z)
        for pad in per_soort.values():
            kijk(pad)
        bezocht[rol] = set(per_soort)
        assert soorten <= {s.split("/")[0] for s in per_soort}, (rol, sorted(per_soort))
        ui.submit("Uitloggen")
    print({r: sorted(s) for r, s in bezocht.items()})
    zonder = sorted(r for r, s in bezocht.items() if not s and r not in ("beheerder",))
    assert not fouten, "\n".join(fouten)
    assert not zonder, f"geen zaakpagina bezocht voor: {zonder}"
    ui.login("beheerder@demo.nl", WACHTWOORD)  # the beheerder has no cases: the audit trail is their main page
    ui.goto("/audit/")


def test_axe_on_the_opp_page_in_the_directeurs_view_in_each_state(ui, world, settings):
    """The OPP page as the directeur sees it while the plan is offered, when the vaststelling waits for their
    signature, and once it is set (the issue's colour-contrast failure was on this page); also the IB'er, the
    bestuurder and the leerkracht on the same case."""
    from datetime import timedelta

    from django.utils import timezone

    from opp import services as s
    from portal.termijnen.services import clock_start
    from portal.zaken.services import besluit_onderteken
    from tests.factories import PASSWORD, ouder_van
    from tests.test_opp import concept, refresh

    settings.DEMO = True
    w = world
    w.ouder2_a = ouder_van(w.kind_a, brieven_digitaal=True)
    w.ouder_a.brieven_digitaal = True  # the letter goes to the accounts (Awb 2:8)
    w.ouder_a.save(update_fields=["brieven_digitaal"])
    w.mandaat_a.besluittypen = ["aanmelding", "opp"]
    w.mandaat_a.save(update_fields=["besluittypen"])
    opp = w.opp = w.zaak_a
    clock_start(regel_id="B-2", zaak=opp, start=timezone.localdate() - timedelta(days=7))
    concept(w)
    s.opp_leg_voor(opp=refresh(opp), door=w.ib_a)
    s.instemming_geef(opp=refresh(opp), door=w.ouder_a, keuze="geweigerd", toelichting="Te weinig.")

    def bekijk(*wie):
        for user in wie:
            ui.login(user.email, PASSWORD)
            ui.goto(f"/opp/{opp.pk}/")
            ui.submit("Uitloggen")

    bekijk(w.dir_a, w.ib_a)  # a parent refused
    s.instemming_geef(opp=refresh(opp), door=w.ouder_a, keuze="ingestemd")
    s.instemming_geef(opp=refresh(opp), door=w.ouder2_a, keuze="ingestemd")
    besluit = s.vaststelling_bereid_voor(opp=refresh(opp), door=w.ib_a, uitleg_mening="Je oefent in het groepje.")
    bekijk(w.dir_a, w.ib_a)  # waiting for the directeur's signature
    besluit_onderteken(besluit=besluit, door=w.dir_a)
    bekijk(w.dir_a, w.ib_a, w.bestuurder_a, w.leerkracht_a)  # set
