"""Term rules for thuiszitters (DOMAIN §4 F). The feature comes with ROADMAP item 5; this app holds its
rules so the engine knows every term of DOMAIN §4 now."""

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="F-1", app="thuiszitters", lengte=4, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam="Thuiszitter: langer dan 4 weken afwezig", bron="Sectordefinitie (secundair)",
        uitleg="Een leerplichtig kind dat meer dan 4 weken zonder geldige reden afwezig is, of niet is "
        "ingeschreven, is een thuiszitter.",
        bij_verloop="Het kind telt als thuiszitter.",
    ),
    Regel(
        id="F-2", app="thuiszitters", lengte=4, eenheid=Eenheid.WEKEN, atw=False, secundair=True,
        naam="Onderwijsconsulent inschakelen", bron="seed 001 §5.3",
        uitleg="Na 4 weken zonder zicht op een plek kan een onderwijsconsulent (gratis) worden ingeschakeld.",
        bij_verloop="Wijs ouders op de onderwijsconsulent.",
    ),
    Regel(
        id="F-3", app="thuiszitters", lengte=3, eenheid=Eenheid.MAANDEN, atw=False, secundair=True,
        herinneringen=(28, 7),
        naam="Terug naar onderwijs binnen 3 maanden", bron="seed 002 §1.5; inspectie (secundair)",
        uitleg="Streven: binnen 3 maanden weer onderwijs.",
        bij_verloop="Het kind zit langer dan 3 maanden thuis: alarm bij het samenwerkingsverband.",
    ),
)
