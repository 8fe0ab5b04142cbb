"""Term rules for thuiszitters (DOMAIN §4 F). F-2 and F-3 run as clocks from the thuiszitter's first day without
education; their consequence (``gevolg``) runs once when the term has passed (``thuiszitters.services``): F-2 points
the parents and the school to the onderwijsconsulent, F-3 alarms the SWV and moves the case to its desk. F-4 is no
clock: the school records absence hours per week and is reminded once (``services.verzuim_leg_vast``)."""

from django.utils.translation import gettext_noop as N_

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="F-1", app="thuiszitters", lengte=4, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam=N_("Thuiszitter: langer dan 4 weken afwezig"), bron="Sectordefinitie (secundair)",
        uitleg=N_("Een leerplichtig kind dat meer dan 4 weken zonder geldige reden afwezig is, of niet is "
        "ingeschreven, is een thuiszitter."),
        bij_verloop=N_("Het kind telt als thuiszitter."),
    ),
    Regel(
        id="F-2", app="thuiszitters", lengte=4, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam=N_("Onderwijsconsulent inschakelen"), bron="seed 001 §5.3",
        uitleg=N_("Na 4 weken zonder zicht op een plek kan een onderwijsconsulent (gratis) worden ingeschakeld."),
        bij_verloop=N_("Wijs ouders op de onderwijsconsulent."), gevolg="thuiszitter_onderwijsconsulent",
    ),
    Regel(
        id="F-3", app="thuiszitters", lengte=3, eenheid=Eenheid.MAANDEN, atw=False, secundair=True,
        herinneringen=(28, 7),
        naam=N_("Terug naar onderwijs binnen 3 maanden"), bron="seed 002 §1.5; inspectie (secundair)",
        uitleg=N_("Streven: binnen 3 maanden weer onderwijs."),
        bij_verloop=N_("Het kind zit langer dan 3 maanden thuis: alarm bij het samenwerkingsverband."),
        gevolg="thuiszitter_alarm_swv",
    ),
    Regel(
        id="F-4", app="thuiszitters", lengte=4, eenheid=Eenheid.WEKEN, atw=False,
        naam=N_("Ongeoorloofd verzuim melden aan leerplicht"), bron="Lpw 21, 21a",
        uitleg=N_("16 uur ongeoorloofd verzuim binnen 4 aaneengesloten schoolweken meldt de school direct aan de "
        "leerplichtambtenaar."),
        bij_verloop=N_("De school meldt het verzuim aan leerplicht en legt vast wanneer."),
        extra=(("uren", 16),),
    ),
)
