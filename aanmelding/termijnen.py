"""Term rules owned by the aanmelding (DOMAIN §4 A) and its kind of the terms calculator (``manage.py termijn
aanmelding``, issue #18). Registered when the app registers (this module is imported then)."""

from datetime import date

from django.utils.translation import gettext_noop as N_

from portal.termijnen import dates
from portal.termijnen.calculator import DATUM, GETAL, INTERVAL, Argument, Soort, iso, register_soort
from portal.termijnen.dates import TermijnFout
from portal.termijnen.rules import Eenheid, Regel, bereken_uiterlijk, register

A6 = Regel(
    id="A-6", app="aanmelding", lengte=6, eenheid=Eenheid.WEKEN, opgeschort_door=("informatie_ouders",), max_verlenging_weken=4,
    naam=N_("Beslistermijn aanmelding"),
    bron="WPO 40 lid 6; WEC 40 lid 7; WVO 2020 art. 8.8 lid 2 (verlenging); opschorting: Awb 4:15, WPO 63 lid 4, "
    "WEC 61 lid 5",
    uitleg=N_("De school beslist zo spoedig mogelijk, uiterlijk 6 weken na ontvangst van de schriftelijke "
    "aanmelding. Eenmaal verlengen met ten hoogste 4 weken mag, schriftelijk en met reden, vóór het einde "
    "van de 6 weken. Terwijl de school wacht op gevraagde informatie staat de termijn stil."),
    bij_verloop=N_("De school heeft niet op tijd beslist: de directeur en het bevoegd gezag worden gewaarschuwd. "
    "Na 10 weken (plus opschorting) volgt tijdelijke inschrijving (A-9)."),
)

register(
    A6,
    Regel(
        id="A-8", app="aanmelding", lengte=4, eenheid=Eenheid.WEKEN,
        naam=N_("Besluit aanmelding niet in behandeling nemen"),
        bron="WPO 63 lid 4; WEC 61 lid 5; WVO 2020 art. 8.8 lid 3; Awb 4:5 lid 4",
        uitleg=N_("Kwam de gevraagde informatie niet binnen de gestelde termijn, dan besluit de school binnen "
        "4 weken daarna of zij de aanmelding niet in behandeling neemt."),
        bij_verloop=N_("De school heeft niet binnen 4 weken besloten; de beslistermijn loopt weer."),
    ),
    Regel(
        id="A-9", app="aanmelding", lengte=10, eenheid=Eenheid.WEKEN, opgeschort_door=("informatie_ouders",),
        naam=N_("Tijdelijke inschrijving bij uitblijven besluit"),
        bron="WPO 40 lid 7; WEC 40 lid 8–9; WVO 2020 art. 8.13",
        uitleg=N_("Is er 10 weken (plus opschorting) na ontvangst nog geen besluit en staat het kind niet "
        "elders ingeschreven, dan is het kind vanaf de volgende dag tijdelijk ingeschreven — niet vóór 4 jaar. "
        "Een verlenging verschuift dit moment niet."),
        bij_verloop=N_("Het portaal schrijft het kind tijdelijk in en licht ouders en school in."),
        gevolg="tijdelijke_inschrijving", herinneringen=(7,),
    ),
)


def aanmelding(regel, *, ontvangen: date, opschorting=(), verlenging: int | None = None,
               geboortedatum: date | None = None) -> dict:
    """A-6 (6 weeks from receipt, standing still while the school waits for the parents' information, A-8), A-7 (one
    extension of 1 to 4 weeks) and A-9 (tijdelijke inschrijving the day after 10 weeks plus suspension, whatever the
    extension; not before age 4: ``dates.tijdelijk_ingeschreven_vanaf``, as ``services.tijdelijk_vanaf``)."""
    a6 = regel("A-6")
    if verlenging is not None and not (1 <= verlenging <= a6["max_verlenging_weken"]):
        raise TermijnFout(f"verlenging: een heel aantal weken van 1 tot en met {a6['max_verlenging_weken']} (A-7).")
    intervallen = dates.check_opschortingen(ontvangen, opschorting)
    out = {
        "regel": "A-6",
        "ontvangen": iso(ontvangen),
        "opgeschorte_dagen": dates.opgeschorte_dagen(intervallen),
        "beslissen_uiterlijk": iso(bereken_uiterlijk(a6, ontvangen, intervallen)),
    }
    if verlenging is not None:
        out["beslissen_uiterlijk_na_verlenging"] = iso(bereken_uiterlijk(a6, ontvangen, intervallen, verlenging))
    tien_weken = bereken_uiterlijk(regel("A-9"), ontvangen, intervallen)
    out["tijdelijke_inschrijving_vanaf"] = iso(dates.tijdelijk_ingeschreven_vanaf(tien_weken, geboortedatum))
    return out


register_soort(Soort(
    naam="aanmelding", app="aanmelding", bereken=aanmelding,
    omschrijving="Aanmelding: beslistermijn, verlenging en tijdelijke inschrijving (A-6, A-7, A-8, A-9)",
    argumenten=(
        Argument("ontvangen", "dag van ontvangst van de schriftelijke aanmelding (A-6)", verplicht=True, start=True),
        Argument("opschorting", "opgeschort vanaf VAN tot TOT, TOT niet meegerekend: de school wacht op informatie "
                 "van de ouders (A-8)", soort=INTERVAL, meerdere=True),
        Argument("verlenging", "verlenging in weken, eenmaal (A-7)", soort=GETAL, metavar="WEKEN", minimum=1,
                 maximum=A6.max_verlenging_weken),
        Argument("geboortedatum", "geboortedatum van het kind: tijdelijke inschrijving niet vóór 4 jaar (A-9)",
                 soort=DATUM),
    ),
))
