"""Choices of the ontwikkelingsperspectief (issue #10; DOMAIN §4 B-1…B-8, §5 P6, S3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """The OPP case's states; labels for parents and staff and the transitions are in ``zaken.py``. A change of a set
    OPP goes back to ``op_te_stellen`` while the version in force keeps applying (``vastgesteld_op`` is kept)."""

    OP_TE_STELLEN = "op_te_stellen", _("Op te stellen")
    TER_INSTEMMING = "ter_instemming", _("Ter instemming bij de ouders")
    GEEN_INSTEMMING = "geen_instemming", _("Geen instemming")
    INGESTEMD = "ingestemd", _("Ingestemd: klaar voor vaststelling")
    VASTGESTELD = "vastgesteld", _("Vastgesteld")
    BEEINDIGD = "beeindigd", _("Beëindigd")


# The states in which the concept is being answered by the parents (or the pupil of 18): its text is locked.
INSTEMMING_LOOPT = (Status.TER_INSTEMMING, Status.GEEN_INSTEMMING, Status.INGESTEMD)


class VersieStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Geldt nu")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")


class Reden(models.TextChoices):
    """B-1: why this pupil must have an OPP."""

    EXTRA_ONDERSTEUNING = "extra_ondersteuning", _("Extra ondersteuning in het regulier onderwijs")
    SOORT_ONDERWIJS = "soort_onderwijs", _("Alle leerlingen van sbo, pro, so en vso")


class Herkomst(models.TextChoices):
    INSCHRIJVING = "inschrijving", _("Gestart bij de inschrijving in het portaal")
    HANDMATIG = "handmatig", _("Gestart door de school, vanaf de ingevulde inschrijfdatum")
    BESTAAND = "bestaand", _("Bestaand OPP geregistreerd")
    # B-2b: a pupil enrolled long ago whose extra support starts now (not a statutory term)
    EXTRA_ONDERSTEUNING = "extra_ondersteuning", _("Gestart bij de start van extra ondersteuning (al langer ingeschreven)")


class EindeReden(models.TextChoices):
    UITGESCHREVEN = "uitgeschreven", _("De leerling is uitgeschreven")
    GEEN_EXTRA_ONDERSTEUNING = "geen_extra_ondersteuning", _("De leerling heeft geen extra ondersteuning meer nodig")
    ANDERS = "anders", _("Anders")


# B-1: every pupil of these kinds of school has an OPP; in regular schools only with extra support.
SOORTEN_MET_OPP = {"sbo", "so", "vso", "pro"}
# WEC 40b lid 2: at a so/vso school the commissie voor de begeleiding advises on the OPP and evaluates it yearly.
SOORTEN_MET_COMMISSIE = {"so", "vso"}
# B-3 (WPO 40a lid 5; WVO 2020 2.44): in regular schools the OPP also names the support and any afwijkingen.
REGULIER = {"bao", "vo"}


class Uitstroom(models.TextChoices):
    """The expected uitstroombestemming (B-3), by sector (``UITSTROOM_PER_SOORT``); vso: the three profiles of B-6."""

    # po, sbo, so: a kind of vo school, or a vso profile
    PRO = "pro", _("Praktijkonderwijs")
    VMBO_BB = "vmbo_bb", _("Vmbo basisberoepsgerichte leerweg")
    VMBO_KB = "vmbo_kb", _("Vmbo kaderberoepsgerichte leerweg")
    VMBO_GT = "vmbo_gt", _("Vmbo gemengde of theoretische leerweg")
    HAVO = "havo", _("Havo")
    VWO = "vwo", _("Vwo")
    VSO_VERVOLGONDERWIJS = "vso_vervolgonderwijs", _("Voortgezet speciaal onderwijs: profiel vervolgonderwijs")
    VSO_ARBEIDSMARKT = "vso_arbeidsmarkt", _("Voortgezet speciaal onderwijs: profiel arbeidsmarkt")
    VSO_DAGBESTEDING = "vso_dagbesteding", _("Voortgezet speciaal onderwijs: profiel dagbesteding")
    # vo: follow-up education; pro: work or entree
    MBO_ENTREE = "mbo_entree", _("Mbo entreeopleiding (niveau 1)")
    MBO_2 = "mbo_2", _("Mbo niveau 2")
    MBO_3 = "mbo_3", _("Mbo niveau 3")
    MBO_4 = "mbo_4", _("Mbo niveau 4")
    HBO = "hbo", _("Hbo")
    WO = "wo", _("Wo")
    ARBEID = "arbeid", _("Werk (arbeidsmarkt)")
    # vso (B-6; WEC 14): exactly one of three profiles
    VERVOLGONDERWIJS = "vervolgonderwijs", _("Uitstroomprofiel vervolgonderwijs")
    ARBEIDSMARKT = "arbeidsmarkt", _("Uitstroomprofiel arbeidsmarkt")
    DAGBESTEDING = "dagbesteding", _("Uitstroomprofiel dagbesteding")


_PO = [Uitstroom.PRO, Uitstroom.VMBO_BB, Uitstroom.VMBO_KB, Uitstroom.VMBO_GT, Uitstroom.HAVO, Uitstroom.VWO,
       Uitstroom.VSO_VERVOLGONDERWIJS, Uitstroom.VSO_ARBEIDSMARKT, Uitstroom.VSO_DAGBESTEDING]
UITSTROOM_PER_SOORT = {
    "bao": _PO, "sbo": _PO, "so": _PO,
    "vo": [Uitstroom.MBO_ENTREE, Uitstroom.MBO_2, Uitstroom.MBO_3, Uitstroom.MBO_4, Uitstroom.HBO, Uitstroom.WO],
    "pro": [Uitstroom.ARBEID, Uitstroom.MBO_ENTREE, Uitstroom.MBO_2],
    "vso": [Uitstroom.VERVOLGONDERWIJS, Uitstroom.ARBEIDSMARKT, Uitstroom.DAGBESTEDING],
}


class Gebied(models.TextChoices):
    """The area of a goal in the handelingsdeel."""

    LEZEN_TAAL = "lezen_taal", _("Lezen, taal en spelling")
    REKENEN = "rekenen", _("Rekenen")
    SOCIAAL_EMOTIONEEL = "sociaal_emotioneel", _("Sociaal-emotionele ontwikkeling")
    GEDRAG = "gedrag", _("Gedrag")
    WERKHOUDING = "werkhouding", _("Werkhouding en taakaanpak")
    COMMUNICATIE = "communicatie", _("Communicatie en spraak")
    MOTORIEK = "motoriek", _("Motoriek en lichamelijke ontwikkeling")
    ZELFREDZAAMHEID = "zelfredzaamheid", _("Zelfredzaamheid")
    ARBEID = "arbeid", _("Arbeidsvaardigheden en stage")
    ANDERS = "anders", _("Anders")


class Overeenstemming(models.TextChoices):
    """OOGO (B-4): consultation aimed at agreement — the outcome."""

    JA = "ja", _("Overeenstemming bereikt")
    DEELS = "deels", _("Over een deel overeenstemming")
    NEE = "nee", _("Geen overeenstemming")


class Partij(models.TextChoices):
    OUDERS = "ouders", _("Ouders")
    LEERLING = "leerling", _("Leerling")


class Keuze(models.TextChoices):
    INGESTEMD = "ingestemd", _("Ingestemd")
    GEWEIGERD = "geweigerd", _("Niet ingestemd")


class Via(models.TextChoices):
    PORTAAL = "portaal", _("In het portaal")
    PAPIER = "papier", _("Op papier, vastgelegd door de school")


class Voortgang(models.TextChoices):
    BEHAALD = "behaald", _("Behaald")
    OP_KOERS = "op_koers", _("Op koers")
    NIET_OP_KOERS = "niet_op_koers", _("Niet op koers")
    VERVALT = "vervalt", _("Vervalt (niet meer nodig)")


class Vervolg(models.TextChoices):
    VOORTZETTEN = "voortzetten", _("Het OPP blijft zoals het is")
    NIEUWE_VERSIE = "nieuwe_versie", _("Het OPP wordt aangepast: er komt een nieuwe versie")


class BriefSoort(models.TextChoices):
    VASTSTELLING = "opp.vaststelling", _("Vaststelling ontwikkelingsperspectief")


BESLUITTYPE = "opp"  # the core's Besluittype code and the mandate register's kind of decision
