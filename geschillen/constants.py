"""Choices of the geschillen app. The status tables (labels for parents and staff, transitions, who may make
them) are in ``zaken.py``; these are the codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KlachtStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    IN_BEHANDELING = "in_behandeling", _("In behandeling bij de commissie")
    OORDEEL = "oordeel", _("Oordeel gegeven; wacht op reactie bestuur")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class BezwaarStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    GEHOORD = "gehoord", _("Gehoord")
    VOORBEREID = "voorbereid", _("Beslissing klaar voor ondertekening")
    BESLIST = "beslist", _("Beslist")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class GeschilStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend bij de commissie")
    VERWEER = "verweer", _("Verweer ingediend")
    ZITTING = "zitting", _("Zitting geweest")
    OORDEEL = "oordeel", _("Oordeel ontvangen; wacht op reactie bestuur")
    AFGEROND = "afgerond", _("Afgerond")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class AdviesStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    INTAKE = "intake", _("Intake gedaan")
    BEMIDDELING = "bemiddeling", _("In gesprek")
    AFGEROND = "afgerond", _("Afgerond")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class SchorsingStatus(models.TextChoices):
    VOORBEREID = "voorbereid", _("Besluit klaar voor ondertekening")
    LOPEND = "lopend", _("Geschorst")
    AFGELOPEN = "afgelopen", _("Afgelopen: leerling terug")
    VERVALLEN = "vervallen", _("Niet doorgegaan")


class VerwijderingStatus(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("Voorbereiding: horen en een andere school zoeken")
    VOORBEREID = "voorbereid", _("Besluit klaar voor ondertekening")
    VERWIJDERD = "verwijderd", _("Definitief verwijderd")
    AFGEZIEN = "afgezien", _("Afgezien van verwijdering")


class Oordeel(models.TextChoices):
    """The outcome of a commission (klachtencommissie, Geschillencommissie passend onderwijs)."""

    GEGROND = "gegrond", _("Gegrond")
    DEELS_GEGROND = "deels_gegrond", _("Deels gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")
    NIET_BEVOEGD = "niet_bevoegd", _("De commissie is niet bevoegd")


class Opvolging(models.TextChoices):
    """What the board does with a commission's oordeel (D-4, D-5)."""

    VOLGT = "volgt", _("Volgt het oordeel")
    VOLGT_DEELS = "volgt_deels", _("Volgt het oordeel gedeeltelijk")
    VOLGT_NIET = "volgt_niet", _("Volgt het oordeel niet")


class BezwaarUitkomst(models.TextChoices):
    """The outcome of the decision on a bezwaar (Awb 7:11)."""

    GEGROND = "gegrond", _("Gegrond: het besluit wordt herroepen")
    DEELS_GEGROND = "deels_gegrond", _("Deels gegrond: het besluit wordt aangepast")
    ONGEGROND = "ongegrond", _("Ongegrond: het besluit blijft")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("Niet-ontvankelijk")


class GeschilOnderwerp(models.TextChoices):
    """What a geschil is about; D-1 names the Geschillencommissie's remit."""

    TOELATING = "toelating", _("Toelating (weigering) van een leerling die extra ondersteuning nodig heeft")
    VERWIJDERING = "verwijdering", _("Verwijdering van een leerling")
    OPP = "opp", _("Het ontwikkelingsperspectief (OPP)")
    ANDERS = "anders", _("Iets anders")


class AdviesSoort(models.TextChoices):
    ADVIES = "advies", _("Advies: wat kan ik doen?")
    BEMIDDELING = "bemiddeling", _("Bemiddeling tussen ons en de school")


class Partij(models.TextChoices):
    """Parties the parents agree to involve in an advice or mediation request (W4)."""

    SCHOOL = "school", _("De school")
    ONDERWIJSCONSULENT = "onderwijsconsulent", _("Een onderwijsconsulent")
    STEUNPUNT = "steunpunt", _("Het ouder- en jeugdsteunpunt")
    JEUGDHULP = "jeugdhulp", _("Jeugdhulp of het wijkteam van de gemeente")
    LEERPLICHT = "leerplicht", _("De leerplichtambtenaar")
    ANDERE_SCHOOL = "andere_school", _("Een andere school")


class AdviesUitkomst(models.TextChoices):
    OVEREENSTEMMING = "overeenstemming", _("Overeenstemming bereikt")
    DEELS = "deels", _("Gedeeltelijk overeenstemming")
    GEEN = "geen", _("Geen overeenstemming")
    ADVIES_GEGEVEN = "advies_gegeven", _("Advies gegeven")


class HulpRol(models.TextChoices):
    """The helpers a case can be shared with (issue #11 §3); the same codes as the roles (``Rol``)."""

    ONDERWIJSCONSULENT = "onderwijsconsulent", _("Onderwijsconsulent")
    CLIENTONDERSTEUNER = "clientondersteuner", _("Cliëntondersteuner")
    STEUNPUNT = "steunpunt", _("Ouder- en jeugdsteunpunt van het samenwerkingsverband")


class HoorSoort(models.TextChoices):
    """Who was heard before a removal (E-2: teachers and parents) or on a bezwaar (Awb 7:2)."""

    LERAAR = "leraar", _("Leraar of leraren")
    OUDERS = "ouders", _("Ouders")
    LEERLING = "leerling", _("Leerling")


class BriefSoort(models.TextChoices):
    KLACHT_ONTVANGST = "geschillen.klacht_ontvangst", _("Ontvangstbevestiging klacht")
    KLACHT_REACTIE = "geschillen.klacht_reactie", _("Reactie van het schoolbestuur op het oordeel van de klachtencommissie")
    BEZWAAR_ONTVANGST = "geschillen.bezwaar_ontvangst", _("Ontvangstbevestiging bezwaar")
    BEZWAAR_BESLISSING = "geschillen.bezwaar_beslissing", _("Beslissing op bezwaar")
    GESCHIL_REACTIE = "geschillen.geschil_reactie", _("Reactie van het schoolbestuur op het oordeel van de Geschillencommissie")
    INTREKKING = "geschillen.intrekking", _("Bevestiging intrekking")
    SCHORSING = "geschillen.schorsing", _("Besluit tot schorsing")
    SCHORSING_INSPECTIE = "geschillen.schorsing_inspectie", _("Melding schorsing aan de inspectie")
    VERWIJDERING = "geschillen.verwijdering", _("Besluit tot verwijdering")
    VERWIJDERING_LEERPLICHT = "geschillen.verwijdering_leerplicht", _("Melding verwijdering aan leerplicht")
