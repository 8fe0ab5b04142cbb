"""Term rules owned by the TLV desk of the SWV (DOMAIN §4 C).

The Algemene termijnenwet (T-2) applies to a term set in a law or an AMvB that ends on a Saturday, Sunday or
feestdag, but not to terms of more than twelve weeks, three months or 90 days, nor to years (Atw art. 1, 4 and
4a). Per rule:

* C-4 (8 weeks, Awb 4:13 lid 2): statutory and not over 12 weeks — the Atw applies.
* C-5 (school years, WEC 40 lid 15): an end date of a period of validity, not a term to act within — no Atw.
* C-6 (6 weeks, Awb 6:7): statutory — the Atw applies.
* C-6b (2 weeks to ask the LBT): set in the LBT's reglement, not in a law (T-4) — no Atw; secondary source, so
  its length may be set in the settings.
* C-6c (12 weeks, Awb 7:10 lid 1 with the advisory committee of 7:13): 12 weeks is not *more than* 12 weeks
  (Atw art. 4a) — the Atw applies; the 6 weeks of verdaging (Awb 7:10 lid 3) are added to the end.
* C-7 (3 years, WPO 18a lid 13; WVO 2020 art. 2.47 lid 16): a retention period in years — no Atw. Only the
  health data go; the decision stays (``services.besluit_bewaren_tot``).

C-5's own parameters — the number of school years, the mid-year rule, the cap and the reminder day — may be set in
``TERMIJNEN_OVERRIDES`` (issue #12 item 8: the government announced changes to TLV paperwork in the Kamerbrief
of 16 May 2025). The registry check validates the names at start-up; ``tlv.checks`` validates the values.
"""

from datetime import date

from django.utils.translation import gettext_noop as N_

from portal.termijnen import dates
from portal.termijnen.calculator import GETAL, INTERVAL, Argument, Soort, iso, register_soort
from portal.termijnen.dates import TermijnFout
from portal.termijnen.rules import Eenheid, Regel, bereken_uiterlijk, register

from . import wet

register(
    Regel(
        id="C-4", app="tlv", lengte=8, eenheid=Eenheid.WEKEN, opgeschort_door=("aanvulling_school",),
        later_aankondigen=True,
        naam=N_("Beslistermijn toelaatbaarheidsverklaring"),
        bron="Awb 4:13 lid 2 (8 weken), 4:14 (latere datum meedelen), 4:15 lid 1 (opschorting bij aanvulling)",
        uitleg=N_("Het samenwerkingsverband beslist binnen een redelijke termijn, ten hoogste 8 weken na ontvangst van "
        "de aanvraag. De termijn staat stil vanaf de dag na het verzoek om aanvulling aan de school tot de dag dat "
        "de aanvulling binnen is. Kan het niet op tijd, dan deelt het samenwerkingsverband vóór het einde van de "
        "termijn mee wanneer het wel beslist, en waarom."),
        bij_verloop=N_("Het samenwerkingsverband heeft niet op tijd beslist."),
    ),
    Regel(
        id="C-5", app="tlv", lengte=1, eenheid=Eenheid.SCHOOLJAREN_TLV, atw=False, herinneringen=(),
        herinnering_op=("02-01",),  # 1 February of the last school year: arrange return or a new TLV
        # schooljaren: the default duration offered in the decision form (the law: at least one school year);
        # loop_van_schooljaar: given in the course of a school year, the rest of that year is added.
        # max_schooljaren: the portal's cap on the number of school years — POLICY, NOT LAW: the law says "één of
        # meer schooljaren" (WPO 40 lid 13; WEC 40 lid 15) and sets no maximum. An SWV may set its own cap
        # (``tlv.models.Instellingen``); the service and the terms CLI read this default alike.
        extra=(("schooljaren", 1), ("loop_van_schooljaar", True), ("max_schooljaren", 8)),
        overschrijfbaar=("schooljaren", "loop_van_schooljaar", "max_schooljaren"),
        gevolg="tlv_verlopen",
        naam=N_("Einde toelaatbaarheidsverklaring"),
        bron="WPO 40 lid 13 en 14; WEC 40 lid 15 (een of meer schooljaren; geen maximum in de wet)",
        uitleg=N_("Een TLV geldt een of meer hele schooljaren; afgegeven in de loop van een schooljaar komt de "
        "periode tot 1 augustus erbij. In het laatste jaar regelt de school terugkeer of een nieuwe TLV. Het "
        "maximum aantal schooljaren is beleid (standaard 8, per samenwerkingsverband in te stellen), geen wet."),
        bij_verloop=N_("De TLV is verlopen."),
    ),
    Regel(
        id="C-6", app="tlv", lengte=6, eenheid=Eenheid.WEKEN,
        naam=N_("Bezwaartermijn TLV"),
        bron="Awb 6:7 en 6:8",
        uitleg=N_("Ouders of de school maken binnen 6 weken na bekendmaking bezwaar tegen het TLV-besluit, bij het "
        "samenwerkingsverband. De termijn begint de dag na de bekendmaking."),
        bij_verloop=N_("De bezwaartermijn is verstreken."),
    ),
    Regel(
        id="C-6b", app="tlv", lengte=2, eenheid=Eenheid.WEKEN, atw=False, herinneringen=(3,),
        naam=N_("Advies LBT vragen"), bron="Awb 7:13; reglement Landelijke Bezwaaradviescommissie TLV", secundair=True,
        uitleg=N_("Het samenwerkingsverband vraagt binnen 2 weken na ontvangst van het bezwaar advies aan de Landelijke "
        "Bezwaaradviescommissie TLV, tenzij het het bezwaar volledig toekent."),
        bij_verloop=N_("Het advies van de LBT is niet op tijd gevraagd."),
    ),
    Regel(
        id="C-6c", app="tlv", lengte=12, eenheid=Eenheid.WEKEN, max_verlenging_weken=6,
        naam=N_("Beslissing op bezwaar TLV"), bron="Awb 7:10 lid 1 en 3",
        uitleg=N_("Beslissing op het bezwaar binnen 12 weken na afloop van de bezwaartermijn (er is een "
        "adviescommissie, Awb 7:13); verdagen met ten hoogste 6 weken kan, met een mededeling aan de indiener."),
        bij_verloop=N_("Niet op tijd op het bezwaar beslist."),
    ),
    Regel(
        id="C-7", app="tlv", lengte=3, eenheid=Eenheid.JAREN, atw=False, herinneringen=(30,),
        naam=N_("Verwijderen gezondheidsgegevens TLV"), bron="WPO 18a lid 13; WVO 2020 art. 2.47 lid 16",
        uitleg=N_("Gezondheidsgegevens voor de TLV (adviezen, rapporten van anderen, vrije tekst) worden 3 jaar na het "
        "besluit verwijderd. Het besluit zelf (beslissing, data, categorie, de brief) blijft: zolang de TLV geldt, "
        "zolang er bezwaar, beroep of een geschil loopt, en daarna volgens de archiefregel van het "
        "samenwerkingsverband."),
        bij_verloop=N_("De gegevens moeten nu worden verwijderd."),
    ),
)


# --- the terms calculator's kinds (``manage.py termijn tlv`` and ``tlv-einddatum``, issue #18) ---------------------

def tlv(regel, *, aanvraag: date, opschorting=()) -> dict:
    """C-4: 8 weeks after the application, standing still while the SWV waits for the school's supplement."""
    intervallen = dates.check_opschortingen(aanvraag, opschorting)
    return {
        "regel": "C-4",
        "aanvraag": iso(aanvraag),
        "opgeschorte_dagen": dates.opgeschorte_dagen(intervallen),
        "beslissen_uiterlijk": iso(bereken_uiterlijk(regel("C-4"), aanvraag, intervallen)),
    }


def tlv_einddatum(regel, *, afgifte: date, schooljaren: int, max_schooljaren: int | None = None) -> dict:
    """C-5: "één of meer schooljaren" (WPO 40 lid 13; WEC 40 lid 15), the end date by ``wet.einddatum`` (the one the
    TLV service uses). The law sets no maximum; the cap is policy — rule C-5's ``max_schooljaren``, as
    ``wet.max_schooljaren`` reads it, or ``max_schooljaren`` (an SWV's own cap)."""
    c5 = regel("C-5")
    hoogste = max_schooljaren if max_schooljaren is not None else wet.standaard_max_schooljaren(c5)
    if hoogste < 1:
        raise TermijnFout("max: een heel getal van ten minste 1.")
    if not 1 <= schooljaren <= hoogste:
        raise TermijnFout(f"schooljaren: een TLV geldt 1 tot en met {hoogste} schooljaren (minstens 1: WEC 40 lid 15; "
                          f"het maximum is beleid, geen wet).")
    return {
        "regel": "C-5",
        "afgifte": iso(afgifte),
        "schooljaren": schooljaren,
        "max_schooljaren": hoogste,
        "einddatum": iso(wet.einddatum(afgifte, schooljaren, c5)),
    }


register_soort(Soort(
    naam="tlv", app="tlv", bereken=tlv, omschrijving="TLV: beslistermijn (C-4)",
    argumenten=(
        Argument("aanvraag", "dag van ontvangst van de aanvraag (C-4)", verplicht=True, start=True),
        Argument("opschorting", "opgeschort vanaf VAN tot TOT, TOT niet meegerekend: wachten op de aanvulling van de "
                 "school (Awb 4:15)", soort=INTERVAL, meerdere=True),
    ),
))
register_soort(Soort(
    naam="tlv-einddatum", app="tlv", bereken=tlv_einddatum, omschrijving="TLV: einddatum (C-5)",
    argumenten=(
        Argument("afgifte", "dag van afgifte van de TLV (C-5)", verplicht=True, start=True),
        Argument("schooljaren", "aantal schooljaren dat de TLV geldt (C-5: één of meer)", soort=GETAL,
                 verplicht=True, minimum=1),
        # C-5: the law sets no maximum; the cap is policy (rule C-5's max_schooljaren, as the TLV service) or an SWV's
        Argument("max", "het eigen maximum aantal schooljaren van het samenwerkingsverband (beleid, geen wet)",
                 soort=GETAL, dest="max_schooljaren", minimum=1),
    ),
))
