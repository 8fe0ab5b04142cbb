"""The three checklists (DOMAIN §5 P9; after the idea of seed 001 ch. 7, in our own words): for my child, for my
school, for the samenwerkingsverband. Each is grouped as information / agreements / results, and every item links to
the rights page that explains it (``rechten.py``; ``#anker`` where the page has a section for it).

Item codes are stored with the answers: never rename a code; add a new one and retire the old from the list (its
answers stay readable in earlier versions through ``ITEM_TEKST``)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .constants import ChecklistSoort, Groep


@dataclass(frozen=True)
class Item:
    code: str
    groep: str
    tekst: object  # lazy text
    recht: str  # slug of the rights page
    anker: str = ""

    @property
    def uitleg_url(self) -> str:
        url = reverse("informatie:recht", args=[self.recht])
        return f"{url}#{self.anker}" if self.anker else url


INF, AFS, RES = Groep.INFORMATIE, Groep.AFSPRAKEN, Groep.RESULTATEN

ITEMS = {
    ChecklistSoort.KIND: [
        Item("kind_leeromgeving", INF, _("Ik weet in wat voor omgeving mijn kind het best leert."), "ondersteuning",
             "wat-nodig"),
        Item("kind_niveau", INF, _("Ik weet op welk niveau mijn kind les kan volgen."), "opp", "wat-staat-erin"),
        Item("kind_hulp_nodig", INF, _("Ik weet welke hulp mijn kind op school nodig heeft."), "ondersteuning",
             "wat-nodig"),
        Item("kind_school_weet", INF, _("De school weet genoeg over de beperking, ziekte of stoornis van mijn kind."),
             "aanmelden", "onderzoek"),
        Item("kind_hulp_school", INF, _("Ik weet welke hulp de school mijn kind geeft."), "ondersteuning", "aanbod"),
        Item("kind_opp", AFS, _("Mijn kind heeft een OPP, en ik sta achter wat erin staat."), "opp"),
        Item("kind_contact", AFS, _("Het contact met de leerkracht, de mentor of de intern begeleider gaat goed."),
             "als-het-misgaat", "praten"),
        Item("kind_evaluatie", AFS, _("Ik praat geregeld met de school over hoe het met mijn kind gaat."), "opp",
             "evalueren"),
        Item("kind_plezier", RES, _("Mijn kind gaat met plezier naar school."), "als-het-misgaat", "praten"),
        Item("kind_onderwijs", RES, _("Mijn kind krijgt goed onderwijs, op het niveau dat bij hem of haar past."),
             "opp", "wat-staat-erin"),
        Item("kind_hulp_er", RES, _("De hulp die mijn kind nodig heeft, is er ook echt op school."), "ondersteuning",
             "aanbod"),
        Item("kind_serieus", RES, _("De school neemt mij als ouder serieus."), "als-het-misgaat", "praten"),
    ],
    ChecklistSoort.SCHOOL: [
        Item("school_schoolgids", INF, _("In de schoolgids staat duidelijk wat de school doet voor kinderen die extra "
                                       "hulp nodig hebben."), "ondersteuning", "profiel"),
        Item("school_profiel", INF, _("Iedereen kan lezen wat de school aan hulp kan bieden, in taal die ouders "
                                    "begrijpen."), "ondersteuning", "profiel"),
        Item("school_aanmelden", INF, _("Het is duidelijk hoe je een kind aanmeldt en wat er daarna gebeurt."),
             "aanmelden"),
        Item("school_opp", AFS, _("Ouders praten mee over het OPP van hun kind."), "opp"),
        Item("school_beleid", AFS, _("De school maakt haar plannen voor extra hulp samen met ouders, en kijkt samen "
                                   "met hen terug."), "opp", "evalueren"),
        Item("school_geld", AFS, _("De school vertelt open waaraan zij het geld voor passend onderwijs uitgeeft."),
             "ondersteuning", "basis"),
        Item("school_basis", AFS, _("De school geeft de basisondersteuning die in het samenwerkingsverband is "
                                  "afgesproken."), "ondersteuning", "basis"),
        Item("school_welkom", RES, _("Kinderen met een beperking of stoornis zijn welkom, en kunnen het gebouw in en "
                                   "rond."), "gelijke-behandeling"),
        Item("school_pesten", RES, _("De school gaat pesten en vooroordelen actief tegen."), "gelijke-behandeling"),
        Item("school_kwaliteit", RES, _("Kinderen met een beperking krijgen hier goed onderwijs."), "zorgplicht"),
        Item("school_partners", RES, _("Ouders en school werken samen als partners."), "als-het-misgaat", "praten"),
    ],
    ChecklistSoort.SWV: [
        Item("swv_plan", INF, _("Het ondersteuningsplan is voor iedereen te lezen en ouders kunnen het begrijpen."),
             "ondersteuning", "basis"),
        Item("swv_aanmelden", INF, _("Er zijn duidelijke afspraken over aanmelden en over het doorverwijzen naar een "
                                   "andere school."), "zorgplicht"),
        Item("swv_toewijzing", INF, _("Het is duidelijk hoe een kind extra hulp krijgt, en wie daarover beslist."),
             "ondersteuning", "aanbod"),
        Item("swv_ouders", AFS, _("Het samenwerkingsverband ziet ouders als serieuze gesprekspartners."),
             "als-het-misgaat", "steunpunt"),
        Item("swv_geld", AFS, _("Het geld voor extra hulp gaat open en gericht naar de plek waar het nodig is."),
             "ondersteuning", "basis"),
        Item("swv_basis", AFS, _("De basisondersteuning op alle scholen is van een goed niveau."), "ondersteuning",
             "basis"),
        Item("swv_steunpunt", AFS, _("Ouders kunnen onafhankelijke hulp krijgen bij het kiezen van een school en bij "
                                   "de plaatsing van hun kind."), "als-het-misgaat", "steunpunt"),
        Item("swv_keuze", RES, _("Ouders kunnen zelf kiezen naar welke school hun kind gaat."), "aanmelden"),
        Item("swv_hulp", RES, _("Als een kind extra hulp nodig heeft, is die er ook."), "ondersteuning", "aanbod"),
        Item("swv_kwaliteit", RES, _("Het onderwijs is goed, op gewone en op speciale scholen."), "zorgplicht"),
        Item("swv_thuiszitters", RES, _("Geen kind zit thuis zonder onderwijs."), "zorgplicht"),
        Item("swv_samenwerking", RES, _("De scholen werken goed samen, zodat elk kind een goede plek krijgt."),
             "zorgplicht"),
    ],
}

ITEM_TEKST = {item.code: item for items in ITEMS.values() for item in items}


def groepen(soort: str) -> list[tuple[str, str, list[Item]]]:
    """[(groep code, groep label, items)] in the order information, agreements, results."""
    items = ITEMS[soort]
    return [(g.value, g.label, [i for i in items if i.groep == g.value]) for g in Groep]
