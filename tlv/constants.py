from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The TLV application's states; their labels for parents and staff and the allowed transitions are the
    status table in ``zaken.py``."""

    CONCEPT = "concept", _("Concept bij de school")
    INGEDIEND = "ingediend", _("Ingediend: volledigheid beoordelen")
    AANVULLING = "aanvulling", _("Onvolledig: wacht op aanvulling van de school")
    ADVIES = "advies", _("Volledig: deskundigen adviseren")
    BESLUITVORMING = "besluitvorming", _("Adviezen binnen: besluit voorbereiden")
    BESLUIT_VOORBEREID = "besluit_voorbereid", _("Besluit klaar voor ondertekening")
    TOEGEKEND = "toegekend", _("Toegekend")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    VERLOPEN = "verlopen", _("Toegekend, nu verlopen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken door de school")


# While the application is "with" the SWV: its staff see the pupil's arrangement and OPP (issue #12).
BIJ_SWV = (Status.INGEDIEND, Status.AANVULLING, Status.ADVIES, Status.BESLUITVORMING, Status.BESLUIT_VOORBEREID)
# The experts see an assigned application until the decision is made known.
BIJ_DESKUNDIGE = (Status.ADVIES, Status.BESLUITVORMING, Status.BESLUIT_VOORBEREID)
BESLIST = (Status.TOEGEKEND, Status.AFGEWEZEN, Status.VERLOPEN)


class Soort(models.TextChoices):
    """C-1: the kinds of school a TLV admits to. Cluster 1 and 2 (so/vso for pupils who are blind, deaf or have a
    language disorder) are decided nationally by their own institutions, and lwoo is an *aanwijzing* of the SWV, not
    a TLV: out of scope (WPO 18a lid 6c; WEC 40 lid 10–13)."""

    SBO = "sbo", _("Speciaal basisonderwijs (sbo)")
    SO = "so", _("Speciaal onderwijs (so), cluster 3 of 4")
    VSO = "vso", _("Voortgezet speciaal onderwijs (vso), cluster 3 of 4")
    PRO = "pro", _("Praktijkonderwijs (pro)")


# The SWV of which sector decides (WPO 40 lid 8; WEC 40 lid 10–13; WVO 2020 art. 2.30).
SECTOR = {Soort.SBO: "po", Soort.SO: "po", Soort.VSO: "vo", Soort.PRO: "vo"}
# C-5: a funding category is part of a TLV for so and vso only.
MET_CATEGORIE = {Soort.SO, Soort.VSO}


class Categorie(models.TextChoices):
    """C-5: the funding category of a TLV for so/vso (Besluit bekostiging WPO/WEC: laag, midden, hoog)."""

    LAAG = "1", _("Categorie 1 (laag)")
    MIDDEN = "2", _("Categorie 2 (midden)")
    HOOG = "3", _("Categorie 3 (hoog)")


class SwvGrond(models.TextChoices):
    """Why this SWV decides (docs/juridische-bronnen.md, 'TLV: which samenwerkingsverband decides')."""

    INSCHRIJVING = "inschrijving", _("De leerling staat ingeschreven op een school van dit samenwerkingsverband")
    WOONPLAATS = "woonplaats", _("De leerling woont in het gebied van dit samenwerkingsverband")
    BUITENLAND = "buitenland", _("De leerling woont niet in Nederland: het samenwerkingsverband van de school")


class Beroep(models.TextChoices):
    """C-3: the professions of the two experts."""

    ORTHOPEDAGOOG = "orthopedagoog", _("Orthopedagoog")
    PSYCHOLOOG = "psycholoog", _("Psycholoog")
    KINDER_JEUGDPSYCHOLOOG = "kinder_jeugdpsycholoog", _("Kinder- en jeugdpsycholoog")
    PEDAGOOG = "pedagoog", _("Pedagoog")
    KINDERPSYCHIATER = "kinderpsychiater", _("Kinderpsychiater")
    MAATSCHAPPELIJK_WERKER = "maatschappelijk_werker", _("Maatschappelijk werker")
    ARTS = "arts", _("Arts")


# C-3: the first expert is an orthopedagoog or psycholoog; the second, depending on the child, one of these.
BEROEPEN = {
    1: (Beroep.ORTHOPEDAGOOG, Beroep.PSYCHOLOOG),
    2: (Beroep.KINDER_JEUGDPSYCHOLOOG, Beroep.PEDAGOOG, Beroep.KINDERPSYCHIATER, Beroep.MAATSCHAPPELIJK_WERKER,
        Beroep.ARTS),
}


class AdviesConclusie(models.TextChoices):
    TOELAATBAAR = "toelaatbaar", _("Toelaatbaar")
    NIET_TOELAATBAAR = "niet_toelaatbaar", _("Niet toelaatbaar")


class Uitkomst(models.TextChoices):
    """The decision (Besluittype 'tlv')."""

    TOEGEKEND = "toegekend", _("Toelaatbaarheidsverklaring toegekend")
    AFGEWEZEN = "afgewezen", _("Toelaatbaarheidsverklaring afgewezen")
    BUITEN_BEHANDELING = "buiten_behandeling", _("Aanvraag niet in behandeling genomen (onvolledig)")


class DocumentSoort(models.TextChoices):
    """G-1: a report of another organisation goes to the SWV only with consent."""

    SCHOOL = "tlv_school", _("Stuk van de school (bijvoorbeeld het onderwijskundig rapport)")
    DERDEN = "tlv_derden", _("Rapport van een ander (jeugdhulp, psycholoog, arts)")
    AANVULLING = "tlv_aanvulling", _("Aanvulling op verzoek van het samenwerkingsverband")
    ADVIES = "tlv_advies", _("Bijlage bij een deskundigenadvies")
    ZIENSWIJZE = "tlv_zienswijze", _("Door de ouders getekende zienswijze")
    LBT = "tlv_lbt", _("Advies van de Landelijke Bezwaaradviescommissie TLV")


class BriefSoort(models.TextChoices):
    AANVRAAG = "tlv.aanvraag", _("TLV-aanvraag en ontvangstbevestiging")
    LATER = "tlv.later", _("Mededeling: later besluit over de TLV")
    BESLUIT = "tlv.besluit", _("Besluit over de toelaatbaarheidsverklaring")
    VERDAGING = "tlv.verdaging", _("Mededeling: beslissing op bezwaar verdaagd")
