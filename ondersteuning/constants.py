"""Choices of the ondersteuningsaanbod (issue #9; DOMAIN §5 P5, P7, S4, S5; seed 001 §3.3, seed 004)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The arrangement's states; labels for parents and staff and the transitions are in ``zaken.py``."""

    CONCEPT = "concept", _("In voorbereiding")
    AANGEBODEN = "aangeboden", _("Aangeboden aan ouders")
    AKKOORD = "akkoord", _("Ouders akkoord; loopt")
    NIET_AKKOORD = "niet_akkoord", _("Ouders niet akkoord")
    BEEINDIGD = "beeindigd", _("Beëindigd")


class AanbodSoort(models.TextChoices):
    """The four forms of the offer (seed 001 §3.3)."""

    EIGEN_SCHOOL = "eigen_school", _("Op deze school, met ondersteuning van de school zelf")
    SCHOOL_MET_ELDERS = "school_met_elders", _("Op deze school, met ondersteuning van een andere school of organisatie")
    ANDERE_SCHOOL = "andere_school", _("Op een andere gewone school die de ondersteuning zelf biedt")
    SPECIALE_SCHOOL = "speciale_school", _("Op een school voor speciaal (basis)onderwijs")


class OnderdeelSoort(models.TextChoices):
    ONDERWIJSONDERSTEUNING = "onderwijsondersteuning", _("Onderwijsondersteuning")
    ZORG = "zorg", _("Zorg in onderwijstijd")
    VERVOER = "vervoer", _("Vervoer")
    HULPMIDDEL = "hulpmiddel", _("Hulpmiddel")
    ROOSTER = "rooster", _("Aangepast rooster")
    ANDERE_LOCATIE = "andere_locatie", _("Onderwijs op een andere locatie")
    ANDERS = "anders", _("Anders")


class Aanbieder(models.TextChoices):
    SCHOOL = "school", _("De school zelf")
    ANDERE_SCHOOL = "andere_school", _("Een andere school")
    SWV = "swv", _("Het samenwerkingsverband")
    ZORGAANBIEDER = "zorgaanbieder", _("Een zorgaanbieder")
    AMBULANT = "ambulant", _("Een ambulant begeleider")


class Financier(models.TextChoices):
    SCHOOL = "school", _("De school")
    SWV = "swv", _("Het samenwerkingsverband")
    JEUGDWET = "jeugdwet", _("De gemeente (Jeugdwet)")
    LEERLINGENVERVOER = "leerlingenvervoer", _("De gemeente (leerlingenvervoer)")
    WLZ = "wlz", _("Wet langdurige zorg (Wlz)")
    ZVW = "zvw", _("Zorgverzekeringswet (Zvw)")
    PGB = "pgb", _("Ouders, uit een persoonsgebonden budget (pgb)")


# Funders whose part rests on a municipality's decision (beschikking): its number and scope are recorded.
MET_BESCHIKKING = {Financier.JEUGDWET}
GEMEENTE_FINANCIERS = {Financier.JEUGDWET, Financier.LEERLINGENVERVOER}


class EvaluatieUitkomst(models.TextChoices):
    VOORTZETTEN = "voortzetten", _("Voortzetten zoals afgesproken")
    AANPASSEN = "aanpassen", _("Voortzetten; het arrangement wordt aangepast")
    AFSLUITEN = "afsluiten", _("Afsluiten: de ondersteuning is niet meer nodig")


class BladStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GELDT = "geldt", _("Geldt nu")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")


class AfspraakCategorie(models.TextChoices):
    TOETSEN = "toetsen", _("Toetsen en opdrachten")
    ROOSTER = "rooster", _("Rooster en veranderingen")
    GEZONDHEID = "gezondheid", _("Gezondheid: signalen en wat u doet")
    LEREN = "leren", _("Uitleg en leren")
    OMGANG = "omgang", _("Omgang, rust en prikkels")
    HULPMIDDELEN = "hulpmiddelen", _("Hulpmiddelen")
    OVERIG = "overig", _("Overig")


class AanpassingStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    BEANTWOORD = "beantwoord", _("Beantwoord")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class AanpassingUitkomst(models.TextChoices):
    """D-6: the school makes the effective adjustment that is needed, unless that is disproportionately burdensome
    (Wgbh/cz art. 2 lid 1). A refusal names its ground (``Weigergrond``)."""

    TOEGEKEND = "toegekend", _("Toegekend")
    ANDERS = "anders", _("Toegekend op een andere manier")
    GEWEIGERD = "geweigerd", _("Geweigerd")


class Weigergrond(models.TextChoices):
    """D-6: the three grounds on which a school may refuse an adjustment. Wgbh/cz art. 2 lid 1: the school makes
    "naar gelang de behoefte doeltreffende aanpassingen", "tenzij deze voor hem een onevenredige belasting vormen".
    The College voor de Rechten van de Mens tests them in this order: is the adjustment effective (geschikt), is it
    necessary (noodzakelijk), and only then is it a disproportionate burden. The labels are for staff; parents read
    ``WEIGERGROND_OUDERS``."""

    NIET_DOELTREFFEND = "niet_doeltreffend", _("Niet doeltreffend: de aanpassing helpt dit kind niet")
    NIET_NOODZAKELIJK = "niet_noodzakelijk", _("Niet noodzakelijk: dit kind heeft de aanpassing niet nodig")
    ONEVENREDIG = "onevenredig", _("Onevenredig belastend: de aanpassing vraagt te veel van de school")


# Plain Dutch for the family (B1, no legal terms): on the page and in the letter. Worded for the parents of a child
# and for the adult pupil alike ("de leerling"), since from 18 the pupil reads it (issue 17 §1).
WEIGERGROND_OUDERS = {
    Weigergrond.NIET_DOELTREFFEND: _("De school denkt dat deze aanpassing niet helpt. Die lost niet op waar de "
                                     "leerling last van heeft."),
    Weigergrond.NIET_NOODZAKELIJK: _("De school denkt dat deze aanpassing niet nodig is. De leerling kan ook zonder "
                                     "deze aanpassing goed meedoen, bijvoorbeeld door wat de school al doet."),
    Weigergrond.ONEVENREDIG: _("De school vindt deze aanpassing te zwaar. Die vraagt te veel van de school, "
                               "bijvoorbeeld aan geld, tijd of mensen."),
}

# What the justification must explain, per ground: the prompt at the field and in the error (D-6).
WEIGERGROND_VRAAG = {
    Weigergrond.NIET_DOELTREFFEND: "waarom deze aanpassing voor dit kind niet doeltreffend is: wat zij zou moeten "
                                   "bereiken en waarom zij dat voor dit kind niet doet",
    Weigergrond.NIET_NOODZAKELIJK: "waarom dit kind deze aanpassing niet nodig heeft: wat de school al doet of wat "
                                   "er al is, en waarom dat voor dit kind genoeg is",
    Weigergrond.ONEVENREDIG: "waarom deze aanpassing voor de school onevenredig belastend is: wat zij kost aan geld, "
                             "tijd of mensen, wat u heeft onderzocht (ook hulp van het samenwerkingsverband) en "
                             "waarom het voor dit kind niet kan",
}

# The answers that deny (part of) what was asked: each needs an individual justification (D-6).
MET_MOTIVERING = {AanpassingUitkomst.ANDERS, AanpassingUitkomst.GEWEIGERD}
MIN_WOORDEN_MOTIVERING = 30


class Partij(models.TextChoices):
    SCHOOL = "school", _("School")
    OUDERS = "ouders", _("Ouders")
    LEERLING = "leerling", _("Leerling")


class BriefSoort(models.TextChoices):
    AANPASSING_ANTWOORD = "ondersteuning.aanpassing_antwoord", _("Antwoord op uw verzoek om een aanpassing")
