"""The aanmelding's step (P3): where it stands, what comes next, whose turn it is, by when — rendered for the reader by
the core's tracker include (``templates/zaken/_stap.html``) — and, after the decision, what the parents can do, each
with its date from the clocks. The family's words are plain B1 Dutch without rule ids (the legal source is one click
away on the page)."""

from django.utils.translation import gettext as _

from portal.zaken.models import VerzoekSoort
from portal.zaken.registry import Stap

from .constants import BesluitSoort, Status


def stap(a, klokken: dict | None = None, besluit=None, *, gelezen: bool = False) -> Stap:
    """Where the aanmelding stands, whose turn it is (``aan_zet``) and by when. ``nu``/``volgende`` address whoever
    acts for the pupil ("u"); ``nu_anderen``/``volgende_anderen`` are what the school, a helper or a parent who only
    reads see. The 6 weeks of A-6 are the school's term: the include (``zaken/_stap.html``) says "U" to the school
    and names the school to the parents (issue #18 §2). ``gelezen``: ``besluit`` was read by the caller (possibly
    None: no decision), not to be read again."""
    klokken = klokken if klokken is not None else a.klokken
    besluit = besluit if besluit is not None or gelezen else a.besluit
    a6 = klokken.get("A-6")
    stil = a6.stilgestaan if a6 else 0
    if a.status == Status.INGETROKKEN:
        return Stap(_("U heeft de aanmelding ingetrokken."), nu_anderen=_("De aanmelding is ingetrokken."))
    if a.status == Status.BESLOTEN and besluit and besluit.is_bekend:
        uitkomst = {"uitkomst": besluit.uitkomst_label.lower()}
        return Stap(_("De school heeft besloten: %(uitkomst)s.") % uitkomst,
                    _("Lees de brief. Hieronder staat wat u nu kunt doen, met de data."), aan_zet="gezin",
                    stilgestaan=stil, nu_anderen=_("Besloten en bekendgemaakt: %(uitkomst)s.") % uitkomst,
                    volgende_anderen=_("Bezwaar maken of de Geschillencommissie om een oordeel vragen kan, elk binnen "
                                       "zijn termijn."))
    open_info = [v for v in a.verzoeken.all() if v.soort == VerzoekSoort.INFORMATIE_OUDERS and v.is_open]
    if open_info:
        return Stap(_("De school heeft u om informatie gevraagd. De termijn om te beslissen staat stil tot u antwoordt."),
                    _("Beantwoord de vraag van de school."), aan_zet="gezin", uiterlijk=open_info[0].antwoord_uiterlijk,
                    stilgestaan=stil, nu_anderen=_("De school heeft om informatie gevraagd. De beslistermijn staat stil "
                                                   "tot het antwoord er is."),
                    volgende_anderen=_("Het antwoord op de vraag van de school."))
    if a.status == Status.BESLUIT_VOORBEREID:
        nu, anderen = _("De school werkt aan het besluit."), _("Het besluit is voorbereid en wacht op een handtekening "
                                                              "van iemand met mandaat.")
    elif a.status == Status.IN_ONDERZOEK:
        nu, anderen = (_("De school onderzoekt wat uw kind nodig heeft en of zij dat kan bieden."),
                       _("De school onderzoekt wat de leerling nodig heeft en of zij dat kan bieden."))
    else:
        nu, anderen = _("De school heeft uw aanmelding ontvangen."), _("De school heeft de aanmelding ontvangen.")
    return Stap(nu, _("De school neemt een besluit en stuurt u een brief."), aan_zet="school",
                uiterlijk=a6.uiterlijk if a6 else None, stilgestaan=stil, nu_anderen=anderen,
                volgende_anderen=_("De school neemt een besluit en stuurt een brief."))


def mogelijkheden(a, besluit, klokken: dict, aanbod=False) -> list[dict]:
    """After the decision: what the parents can do now, each with its date from the clocks. The full ladder
    (talk, steunpunt, onderwijsconsulent, klacht, bezwaar, geschil, College, court) is the escalation guide,
    linked from here; this list keeps the two terms that run now and the offer to answer."""
    from portal.zaken.registry import escalatie_url

    if not (besluit and besluit.is_bekend):
        return []
    out = []
    if aanbod is False:  # not read by the caller
        aanbod = a.aanbod if besluit.uitkomst == BesluitSoort.TOEGELATEN_ONDERSTEUNING else None
    if aanbod is not None and aanbod.status == "aangeboden":
        out.append({"titel": _("Laat weten of u het eens bent met het aanbod"),
                    "uitleg": _("Het aanbod beschrijft de ondersteuning, wie die geeft en wie betaalt."),
                    "url": aanbod.get_absolute_url("ouder"), "link": _("Bekijk het aanbod")})
    bezwaar, geschil = klokken.get("A-13"), klokken.get("D-2")
    if bezwaar:
        out.append({"titel": _("Bezwaar maken bij het schoolbestuur"),
                    "uitleg": _("Schrijf een brief aan het schoolbestuur (het adres staat in de brief met het besluit)."),
                    "uiterlijk": bezwaar.uiterlijk})
    if geschil:
        out.append({"titel": _("De Geschillencommissie passend onderwijs om een oordeel vragen"),
                    "uitleg": _("Gratis. De commissie geeft een oordeel; dat is een advies aan het schoolbestuur."),
                    "uiterlijk": geschil.uiterlijk})
    gids = escalatie_url(a)
    out.append({"titel": _("Niet eens? Bekijk alle stappen"),
                "uitleg": _("Praten met de school, hulp van het ouder- en jeugdsteunpunt of een onderwijsconsulent, "
                            "een klacht, bezwaar of geschil: wat elke stap is, wat het kost en tot wanneer het kan."),
                **({"url": gids, "link": _("Wat kan ik doen?")} if gids else {})})
    return out
