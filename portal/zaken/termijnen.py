"""Term rules the core owns (it reports enrolments for every case kind)."""

from django.utils.translation import gettext_noop as N_

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="A-15", app="zaken", lengte=7, eenheid=Eenheid.DAGEN, herinneringen=(2,), secundair=True,
        naam=N_("Melding aan leerplicht"),
        bron="Leerplichtwet 1969 art. 18 lid 1 (verwijdering: terstond); Wet register onderwijsdeelnemers art. 10, "
        "12 en 21 (in- en uitschrijving via het register; termijn bij ministeriële regeling — instelbaar, standaard 7 dagen)",
        uitleg=N_("Inschrijving, tijdelijke inschrijving en het einde daarvan, en uitschrijving worden gemeld aan de "
        "leerplicht van de woongemeente van het kind; een verwijdering direct. In het voortgezet onderwijs loopt de "
        "melding via de leerlingadministratie (DUO) en legt de school hier vast dat zij gemeld heeft."),
        bij_verloop=N_("De melding aan leerplicht is te laat: meld vandaag en leg het vast."),
    ),
)
