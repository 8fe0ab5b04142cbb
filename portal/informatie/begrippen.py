"""The glossary (DOMAIN §5 P10, §8): words parents meet in passend onderwijs, each explained in one or two plain
sentences (B1), written by us. The glossary page lists them all; the ``{% begrip %}`` template tag explains a word
in place, where it appears, with a button that opens the explanation (no hover-only tooltip)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Begrip:
    slug: str
    woord: object  # lazy text
    uitleg: object  # lazy text


BEGRIPPEN = [
    Begrip("aanmelding", _("aanmelding"),
           _("De brief of het formulier waarmee u de school vraagt om uw kind toe te laten. Een online formulier telt "
             "ook. Vanaf de dag dat de school uw aanmelding krijgt, lopen de termijnen.")),
    Begrip("arrangement", _("arrangement"),
           _("Een pakket extra hulp voor één leerling: wat er gebeurt, wie het doet, hoeveel uur en wie het betaalt.")),
    Begrip("basisondersteuning", _("basisondersteuning"),
           _("De hulp die elke school van het samenwerkingsverband geeft, aan elk kind. De scholen spreken dit samen "
             "af.")),
    Begrip("bevoegd-gezag", _("bevoegd gezag"),
           _("Het bestuur van de school. Het bestuur neemt de besluiten, bijvoorbeeld over toelaten of weigeren.")),
    Begrip("bezwaar", _("bezwaar"),
           _("Een brief aan het bestuur waarin u schrijft dat u het niet eens bent met een besluit. Het bestuur kijkt "
             "dan opnieuw naar het besluit.")),
    Begrip("doeltreffende-aanpassing", _("doeltreffende aanpassing"),
           _("Een aanpassing die ervoor zorgt dat een kind met een handicap of chronische ziekte mee kan doen, zoals "
             "extra tijd bij een toets. Een school moet die maken, behalve als dat echt te zwaar is.")),
    Begrip("geschillencommissie", _("Geschillencommissie passend onderwijs"),
           _("Een landelijke commissie die kijkt naar een onenigheid tussen ouders en het schoolbestuur over toelaten, "
             "verwijderen of het OPP. Het kost u niets. De commissie geeft een oordeel; dat is een advies.")),
    Begrip("handelingsdeel", _("handelingsdeel"),
           _("Het deel van het OPP waarin staat welke hulp uw kind krijgt en wat de school daarvoor doet. De school "
             "heeft uw instemming nodig.")),
    Begrip("ib", _("intern begeleider (IB'er)"),
           _("De medewerker van de school die de extra hulp voor leerlingen regelt. In het voortgezet onderwijs heet "
             "dit vaak zorgcoördinator.")),
    Begrip("inschrijving", _("inschrijving"),
           _("Uw kind staat ingeschreven als het echt leerling is van de school.")),
    Begrip("instemming", _("instemming"),
           _("Uw 'ja' op het handelingsdeel van het OPP. Zonder uw instemming is dat deel niet definitief. De school "
             "moet uw kind wel de hulp blijven geven die nodig is.")),
    Begrip("klacht", _("klacht"),
           _("U bent het niet eens met hoe de school iets heeft gedaan. U kunt een klacht indienen bij de "
             "klachtencommissie. Die behandelt uw klacht vertrouwelijk en geeft een advies.")),
    Begrip("leerplicht", _("leerplicht"),
           _("Kinderen moeten naar school vanaf hun vijfde verjaardag. Jongeren tot 18 jaar zonder havo-, vwo- of "
             "mbo-2-diploma ook. De leerplichtambtenaar van de gemeente let daarop.")),
    Begrip("onderwijsconsulent", _("onderwijsconsulent"),
           _("Een onafhankelijke deskundige die ouders en scholen gratis helpt als er een probleem is over de plek of "
             "de hulp van een kind, of als een kind thuis zit.")),
    Begrip("ondersteuningsplan", _("ondersteuningsplan"),
           _("Het plan van het samenwerkingsverband. Daarin staat onder meer welke basisondersteuning de scholen "
             "geven en hoe extra hulp wordt verdeeld.")),
    Begrip("ondersteuningsprofiel", _("ondersteuningsprofiel"),
           _("De beschrijving van wat een school kan bieden aan hulp, kennis en voorzieningen. Sinds kort staat dit "
             "in de schoolgids.")),
    Begrip("oogo", _("overleg met de ouders (OOGO)"),
           _("Een gesprek waarin school en ouders echt proberen het samen eens te worden. Zo komt het "
             "ontwikkelingsperspectief in het OPP tot stand.")),
    Begrip("opp", _("OPP (ontwikkelingsperspectief)"),
           _("Een plan voor een leerling die extra hulp krijgt. Er staat in wat de school verwacht dat uw kind kan "
             "bereiken, en welke hulp uw kind daarvoor krijgt.")),
    Begrip("opr", _("ondersteuningsplanraad (OPR)"),
           _("Een raad van ouders en medewerkers van scholen. De raad moet instemmen met het ondersteuningsplan van "
             "het samenwerkingsverband.")),
    Begrip("steunpunt", _("ouder- en jeugdsteunpunt"),
           _("Een plek bij elk samenwerkingsverband waar ouders en leerlingen terecht kunnen met vragen. Het steunpunt "
             "geeft informatie en advies en gaat mee naar een gesprek als dat helpt.")),
    Begrip("praktijkonderwijs", _("praktijkonderwijs"),
           _("Voortgezet onderwijs waarin leerlingen vooral leren door te doen, met stages. Het bereidt voor op werk.")),
    Begrip("samenwerkingsverband", _("samenwerkingsverband"),
           _("De scholen uit één regio vormen samen een samenwerkingsverband. Samen zorgen zij dat er voor elk kind "
             "een goede plek is, en zij verdelen het geld voor extra hulp.")),
    Begrip("sbo", _("speciaal basisonderwijs (sbo)"),
           _("Een basisschool met kleinere groepen en meer hulp, voor kinderen die dat nodig hebben.")),
    Begrip("schoolgids", _("schoolgids"),
           _("Het boekje of de webpagina waarin de school elk jaar vertelt hoe zij werkt. Daarin staat ook welke "
             "hulp de school biedt.")),
    Begrip("so", _("speciaal onderwijs (so en vso)"),
           _("Scholen voor kinderen die veel hulp nodig hebben, bijvoorbeeld door een beperking, een ziekte of "
             "gedrag. Het voortgezet speciaal onderwijs (vso) is voor de oudere leerlingen.")),
    Begrip("thuiszitter", _("thuiszitter"),
           _("Een kind dat leerplichtig is maar niet naar school gaat, omdat er geen passende plek of hulp is.")),
    Begrip("tijdelijke-inschrijving", _("tijdelijke inschrijving"),
           _("Heeft de school na 10 weken nog niet beslist, dan staat uw kind vanzelf tijdelijk ingeschreven op die "
             "school, tot de school beslist.")),
    Begrip("tlv", _("toelaatbaarheidsverklaring (TLV)"),
           _("Een besluit van het samenwerkingsverband dat een kind naar het speciaal (basis)onderwijs of het "
             "praktijkonderwijs mag. Twee deskundigen geven eerst advies.")),
    Begrip("zorgplicht", _("zorgplicht"),
           _("De plicht van het schoolbestuur om voor uw kind een passende plek te zoeken, op de eigen school of op "
             "een andere school die uw kind wil toelaten.")),
]

PER_SLUG = {b.slug: b for b in BEGRIPPEN}
