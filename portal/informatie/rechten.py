"""The know-your-rights pages (DOMAIN §5 P10; issue #13 §2): plain Dutch (B1), written by us from the sources — the
text is in ``templates/informatie/rechten/<slug>.html`` and goes through gettext like every interface string. Each
page ends with "Wat zegt de wet?" naming the articles. Checklist items link here (``checklists.py``)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rechtenpagina:
    slug: str
    titel: object  # lazy text
    samenvatting: object  # lazy text: one line for the overview

    @property
    def template(self) -> str:
        return f"informatie/rechten/{self.slug}.html"

    def get_absolute_url(self) -> str:
        return reverse("informatie:recht", args=[self.slug])


PAGINAS = [
    Rechtenpagina("zorgplicht", _("Zorgplicht: de school zoekt mee naar een goede plek"),
                  _("Wat de school moet doen als uw kind extra hulp nodig heeft.")),
    Rechtenpagina("aanmelden", _("Aanmelden bij een school, en de termijnen"),
                  _("Hoe u uw kind aanmeldt en wanneer de school moet beslissen.")),
    Rechtenpagina("ondersteuning", _("Welke hulp krijgt uw kind?"),
                  _("Basisondersteuning, extra hulp en wat de school u moet aanbieden.")),
    Rechtenpagina("opp", _("Het OPP en uw instemming"),
                  _("Het plan voor uw kind, en waarvoor de school uw 'ja' nodig heeft.")),
    Rechtenpagina("als-het-misgaat", _("Als het niet goed gaat: de stappen die u kunt zetten"),
                  _("Van een gesprek met de school tot de rechter: wat elke stap doet en wat die kost.")),
    Rechtenpagina("meerderjarig", _("Vanaf 18 jaar: de leerling beslist zelf"),
                  _("Wie beslist als een leerling volwassen is, en wat een curator of mentor doet.")),
    Rechtenpagina("gelijke-behandeling", _("Gelijke behandeling en aanpassingen"),
                  _("Een school moet een aanpassing maken als uw kind die nodig heeft.")),
]

PER_SLUG = {p.slug: p for p in PAGINAS}
