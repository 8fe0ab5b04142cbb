"""Term rules owned by the ondersteuningsaanbod (issue #9). Neither is a statutory term, so neither follows the
Algemene termijnenwet (T-4) and both are secondary: their parameters may be set per deployment
(``TERMIJNEN_OVERRIDES``)."""

from django.utils.translation import gettext_noop as N_

from portal.termijnen.rules import Eenheid, Regel, register

register(
    # The evaluation rhythm of an arrangement. Its length is not the rule's: every clock gets the rhythm of its
    # own arrangement (``clock_start(..., extra_params={"lengte": n})``), snapshotted on the clock.
    Regel(
        id="S-5", app="ondersteuning", lengte=6, eenheid=Eenheid.WEKEN, atw=False, secundair=True, herinneringen=(7,),
        naam=N_("Evaluatie arrangement"),
        bron="Afspraak in het arrangement; geen wettelijke termijn (praktijkvoorbeelden van de Onderwijsconsulenten "
        "en het NJi: evalueren eens in de vijf à zes weken; DOMAIN §5 S5)",
        uitleg=N_("School, ouders en de andere betrokkenen evalueren het arrangement in het afgesproken ritme: hoe "
        "ging het, en wat heeft het kind nu nodig. Een week vooraf krijgt de intern begeleider een herinnering."),
        bij_verloop=N_("De evaluatie is niet op tijd gehouden: de directeur wordt gewaarschuwd. Plan haar zo snel "
        "mogelijk en leg haar vast."),
    ),
    # D-6: the Wgbh/cz sets no term for the answer to a request for an effective adjustment; the portal holds
    # the school to a reasonable one (default 4 weeks), configurable as a secondary rule.
    Regel(
        id="D-6", app="ondersteuning", lengte=4, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam=N_("Antwoord op verzoek om doeltreffende aanpassing"),
        bron="Wet gelijke behandeling op grond van handicap of chronische ziekte, artikel 2 lid 1 (geen wettelijke "
        "termijn; portaalbeleid, instelbaar)",
        uitleg=N_("De school verricht een doeltreffende aanpassing die nodig is als een ouder of leerling daarom "
        "vraagt, tenzij dat onevenredig belastend is. Weigert zij, dan noemt zij de grond (niet doeltreffend, niet "
        "noodzakelijk of onevenredig belastend). Zij beslist per kind, legt de onderbouwing vast en antwoordt binnen "
        "deze termijn."),
        bij_verloop=N_("Het verzoek is niet op tijd beantwoord: de directeur wordt gewaarschuwd."),
    ),
)
