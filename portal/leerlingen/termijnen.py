"""Retention terms of the pupil file (DOMAIN §4 G-2); the deletion feature comes with ROADMAP item 8."""

from portal.termijnen.rules import Eenheid, Regel, register

register(
    Regel(
        id="G-2", app="leerlingen", lengte=2, eenheid=Eenheid.JAREN, atw=False, secundair=True, herinneringen=(30,),
        naam="Bewaartermijn leerlingdossier", bron="Sectorrichtlijn (secundair)",
        uitleg="Het leerlingdossier wordt 2 jaar na vertrek verwijderd.",
        bij_verloop="Het dossier moet worden verwijderd.",
    ),
    Regel(
        id="G-2b", app="leerlingen", lengte=5, eenheid=Eenheid.JAREN, atw=False, secundair=True, herinneringen=(30,),
        naam="Bewaartermijn verzuim- en inschrijvingsgegevens", bron="Sectorrichtlijn (secundair)",
        uitleg="Verzuim- en inschrijvingsgegevens worden 5 jaar bewaard.",
        bij_verloop="De gegevens moeten nu worden verwijderd.",
    ),
    Regel(
        id="G-2c", app="leerlingen", lengte=3, eenheid=Eenheid.JAREN, atw=False, secundair=True, herinneringen=(30,),
        naam="Bewaartermijn gegevens verwijzing speciaal onderwijs", bron="Sectorrichtlijn (secundair)",
        uitleg="Gegevens over verwijzing naar speciaal onderwijs worden 3 jaar bewaard.",
        bij_verloop="De gegevens moeten nu worden verwijderd.",
    ),
)
