"""Term rules owned by the OPP (DOMAIN §4 B).

Sources (docs/juridische-bronnen.md, consolidations of 2026-08-01): the OPP is set within 6 weeks after enrolment
— WPO 40a lid 3, WVO 2020 art. 2.44 lid 2, WEC 41a — and evaluated with the parents at least once per school year —
WPO 40a lid 4, WVO 2020 art. 2.44 lid 3, WEC 41a. DOMAIN cites "40a lid 2" and "lid 3"; the law wins.

* B-2 is a statutory term of 6 weeks: the Algemene termijnenwet applies (T-2). After a tijdelijke inschrijving it
  runs from the definitive placement (DOMAIN B-2; the enrolment hook passes that day). Nothing suspends it: when
  the parents withhold instemming the term keeps running and the overviews name that reason — but only the
  handelingsdeel needs agreement (B-4; WPO 40a lid 2, WEC 41a lid 2, WVO 2020 2.44 lid 2: "het deel ... betreffende
  de individuele begeleiding ... nadat hierover overeenstemming bereikt is"), so the school sets the perspective
  part within the term and B-2 closes then; the handelingsdeel stays a concept until the agreement comes.
* B-5 runs to 31 July of the school year (T-4); portal policy: an OPP set in June or July is first evaluated in the
  next school year (``dates.opp_evaluatie_uiterlijk``). Each evaluation closes it and the next one runs from the
  first day of the next school year, so "at least once per school year" holds year after year.
* B-2b is NOT a statutory term (``wettelijk=False``): for a pupil enrolled long ago whose extra support starts now,
  B-2 (from the old enrolment date) would be over at once. The portal gives the school a term of 6 weeks (a
  setting: ``TERMIJNEN_OVERRIDES["B-2b"]["lengte"]``) from the start of the extra support. Its name says "geen
  wettelijke termijn", and the statutory on-time and overdue figures leave it out.
* B-5b (so/vso): the commissie voor de begeleiding evaluates the OPP at least once a year and reports to the board
  (WEC 40b lid 2 onder b). "Per jaar", not per school year: one year from the vaststelling, then from each evaluation.
"""

from datetime import date

from django.utils.translation import gettext_noop as N_

from portal.termijnen import dates
from portal.termijnen.calculator import Argument, Soort, iso, register_soort
from portal.termijnen.rules import Eenheid, Regel, bereken_uiterlijk, register

register(
    Regel(
        id="B-2", app="opp", lengte=6, eenheid=Eenheid.WEKEN,
        naam=N_("Vaststelling ontwikkelingsperspectief"),
        bron="WPO 40a lid 3; WVO 2020 art. 2.44 lid 2; WEC 41a",
        uitleg=N_("De school stelt het ontwikkelingsperspectief vast binnen 6 weken nadat de leerling is "
        "ingeschreven; na een tijdelijke inschrijving binnen 6 weken na de definitieve plaatsing. Alleen het "
        "handelingsdeel heeft instemming nodig (van de ouders; van de leerling zelf vanaf 18 jaar, of van de curator "
        "of mentor). Zonder instemming stelt de school het perspectief binnen deze termijn vast; het handelingsdeel "
        "blijft dan een concept tot de instemming er is."),
        bij_verloop=N_("Het OPP is niet op tijd vastgesteld: de directeur wordt gewaarschuwd. Is er geen instemming, dan "
        "stelt de school alsnog het perspectief vast, blijft de beschreven ondersteuning geven en blijft in gesprek."),
    ),
    Regel(
        id="B-5", app="opp", lengte=1, eenheid=Eenheid.SCHOOLJAAR, atw=False, herinneringen=(42, 14),
        naam=N_("Jaarlijkse evaluatie OPP"),
        bron="WPO 40a lid 4; WVO 2020 art. 2.44 lid 3; WEC 41a (portaalbeleid: vastgesteld in juni of juli, dan "
        "eerste evaluatie in het volgende schooljaar)",
        uitleg=N_("De school evalueert het ontwikkelingsperspectief minstens eens per schooljaar met de ouders, "
        "uiterlijk 31 juli."),
        bij_verloop=N_("De evaluatie van dit schooljaar ontbreekt."),
    ),
    Regel(
        id="B-2b", app="opp", lengte=6, eenheid=Eenheid.WEKEN, secundair=True, wettelijk=False,
        naam=N_("Vaststelling OPP na start extra ondersteuning (geen wettelijke termijn)"),
        bron="Geen wettelijke termijn: portaalbeleid, instelbaar (standaard 6 weken). De wettelijke termijn van WPO "
        "40a lid 3 / WVO 2020 art. 2.44 lid 2 / WEC 41a lid 3 loopt vanaf de inschrijving; voor een leerling die al "
        "langer is ingeschreven en nu extra ondersteuning krijgt, noemt de wet geen termijn.",
        uitleg=N_("De leerling staat al langer ingeschreven en krijgt nu extra ondersteuning. De school stelt het "
        "ontwikkelingsperspectief op binnen deze termijn na de start van de extra ondersteuning. Dit is geen "
        "wettelijke termijn; hij telt niet mee in de cijfers over wettelijke termijnen."),
        bij_verloop=N_("Het OPP is nog niet vastgesteld binnen de termijn die de school hanteert (geen wettelijke "
        "termijn)."),
    ),
    Regel(
        id="B-5b", app="opp", lengte=1, eenheid=Eenheid.JAREN, atw=False, herinneringen=(42, 14),
        naam=N_("Jaarlijkse evaluatie OPP door de commissie voor de begeleiding"),
        bron="WEC 40b lid 2 onder b (ten minste één keer per jaar evalueren en verslag doen aan het bevoegd gezag)",
        uitleg=N_("Op een school voor (voortgezet) speciaal onderwijs evalueert de commissie voor de begeleiding het "
        "ontwikkelingsperspectief minstens één keer per jaar en doet daarvan verslag aan het bevoegd gezag."),
        bij_verloop=N_("De jaarlijkse evaluatie door de commissie voor de begeleiding ontbreekt."),
    ),
)


def opp(regel, *, inschrijving: date) -> dict:
    """The terms calculator's kind ``opp``: B-2 (set within 6 weeks after enrolment) and B-5 (the first evaluation,
    ``dates.opp_evaluatie_uiterlijk``)."""
    vaststellen = bereken_uiterlijk(regel("B-2"), inschrijving)
    return {
        "regel": "B-2",
        "inschrijving": iso(inschrijving),
        "vaststellen_uiterlijk": iso(vaststellen),
        "evaluatie_uiterlijk": iso(dates.opp_evaluatie_uiterlijk(vaststellen)),
    }


register_soort(Soort(
    naam="opp", app="opp", bereken=opp, omschrijving="OPP: vaststelling en eerste evaluatie (B-2, B-5)",
    argumenten=(Argument("inschrijving", "dag van inschrijving van de leerling (B-2; na een tijdelijke inschrijving: "
                         "de definitieve plaatsing)", verplicht=True, start=True),),
))
