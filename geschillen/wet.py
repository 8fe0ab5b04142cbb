"""Which law applies, per school and per kind of decision, on the routes to contest (A-13, D-1, E-1, E-2, F-2).
Pure functions; sources in docs/juridische-bronnen.md. The per-sector helpers of the core
(``portal.organisaties.wetgeving``) decide the regime; this module adds what only contesting needs."""

from datetime import date

from django.utils.translation import gettext as _

from portal.organisaties import schoolkalender, wetgeving
from portal.termijnen import dates, rules

# --- bezwaar --------------------------------------------------------------------------------------------


def bezwaar_bron(school, *, verwijdering: bool = False) -> str:
    """A-13b: the article that sets the board's 4-week decision term on a bezwaar at this school (the core's
    ``portal.organisaties.wetgeving.bezwaar_bron``, which the terms CLI uses too). Its start:
    ``wetgeving.bezwaar_beslistermijn_start``."""
    return wetgeving.bezwaar_bron(school, verwijdering=verwijdering)


# --- E-1: schorsing -----------------------------------------------------------------------------------------

def schooldagen(van: date, tot: date, school=None) -> int:
    """E-1: school days from ``van`` to ``tot`` inclusive, by the school's calendar (``portal.organisaties
    .schoolkalender``): weekdays outside the school's and its board's holidays and free days. Never by the
    Algemene termijnenwet: its holidays and decree days (Friday 15 May 2026, 5 May) are not school closures."""
    return len(schoolkalender.schooldagen(school, van, tot))


MAX_SCHORSING_SCHOOLDAGEN = 5  # E-1: 'ten hoogste één week' (WPO 40c lid 1, WEC 40a lid 1, WVO 2020 8.14 lid 1)


def schorsing_fout(van: date, tot: date, school=None) -> str:
    """E-1: why this schorsing is not allowed, or ''. At most one week of school: 5 school days by the school's
    calendar (a holiday or free day in between does not count); it begins and ends on a school day."""
    if tot < van:
        return _("De laatste dag van de schorsing ligt vóór de eerste.")
    dagen = schoolkalender.schooldagen(school, van, tot)
    if not dagen:
        return _("Er valt geen schooldag in deze periode.")
    if dagen[0] != van:
        return _("De eerste dag van de schorsing is geen schooldag (weekend, vakantie of vrije dag van de school).")
    if dagen[-1] != tot:
        return _("De laatste dag van de schorsing is geen schooldag (weekend, vakantie of vrije dag van de school).")
    if len(dagen) > MAX_SCHORSING_SCHOOLDAGEN:
        return _("Een schorsing duurt ten hoogste één week (5 schooldagen). Voor een langere maatregel is een "
                 "verwijderingsprocedure nodig (E-1).")
    return ""


def schorsing_inspectie_nodig(van: date, tot: date, school=None) -> bool:
    """E-1: a schorsing 'voor een periode langer dan één dag' — more than one school day — is reported to the
    inspectie onverwijld, in writing with reasons (WPO 40c lid 3, WEC 40a lid 3, WVO 2020 8.14 lid 3)."""
    return schooldagen(van, tot, school) > 1


# --- F-2: onderwijsconsulent ---------------------------------------------------------------------------------

def leerplichtig(geboortedatum: date, op: date) -> bool:
    """Of compulsory school age on ``op``: from the first day of the month after the fifth birthday (Leerplichtwet
    art. 3 lid 1) until the eighteenth birthday (kwalificatieplicht, art. 4a; a startkwalificatie is not known
    to the portal)."""
    vijf = dates.verjaardag(geboortedatum, 5)
    begin = date(vijf.year + (vijf.month == 12), vijf.month % 12 + 1, 1)
    return begin <= op < dates.verjaardag(geboortedatum, 18)


def onderwijsconsulent_vanaf(zonder_plek_sinds: date) -> date:
    """F-2: the last day of the 4 weeks without a place; from the day after it the portal suggests an
    onderwijsconsulent (the rule's length is configurable: secondary source)."""
    return rules.bereken_uiterlijk(rules.get("F-2").params(), zonder_plek_sinds)


# --- D-1: the Geschillencommissie's remit -------------------------------------------------------------------

# What D-1 reads of an aanmelding, from the decision itself: its outcome as the core's Besluit stores it (the codes of
# the aanmelding's Besluittype ``uitkomsten``) and the refusal's ground on the case (``besluit_grond``). No import of
# the aanmelding app (issue #18 §5); tests/test_geschillen.py checks the codes against its registration.
TOEGELATEN = "toegelaten"
NIET_TOEGELATEN = "niet_toegelaten"  # a refusal on a ground outside the zorgplicht
NIET_IN_BEHANDELING = "niet_in_behandeling"
PLAATSGEBREK, GRONDSLAG = "plaatsgebrek", "grondslag"  # the school is full; the school's grondslag


def gpo_waarschuwing(zaak, besluit=None) -> str:
    """D-1: why a dispute about ``zaak`` (and its decision) looks outside the remit of the Geschillencommissie
    passend onderwijs, in plain words for parents — or ''. Its remit: (refusal of) admission of a child who
    needs extra support, removal of any pupil, setting or adjusting the OPP. Not a refusal outside the
    zorgplicht (A-11: plaatsgebrek, grondslag, admission requirements), not a TLV (C-6), not a schorsing. The
    parents may file anyway: the commission decides what it hears."""
    zaak = zaak.specifiek
    if zaak.zaaktype in ("bezwaar", "geschil") and zaak.hoofdzaak_id:
        return gpo_waarschuwing(zaak.hoofdzaak, besluit or zaak.betreft_besluit)
    if zaak.zaaktype in ("verwijdering", "opp"):
        return ""
    if zaak.zaaktype.startswith("tlv"):
        return _("Over een toelaatbaarheidsverklaring (TLV) oordeelt de Geschillencommissie passend onderwijs niet. "
                 "Daartegen maakt u bezwaar bij het samenwerkingsverband; dat vraagt advies aan de Landelijke "
                 "Bezwaaradviescommissie TLV.")
    if zaak.zaaktype == "schorsing":
        return _("Over een schorsing oordeelt de Geschillencommissie passend onderwijs niet. U kunt bezwaar maken bij "
                 "het schoolbestuur of een klacht indienen.")
    if zaak.zaaktype == "aanmelding":
        besluit = besluit or zaak.besluit
        grond = getattr(zaak, "besluit_grond", "")
        if besluit is not None and besluit.uitkomst == NIET_TOEGELATEN:
            if grond == PLAATSGEBREK:
                return _("De school weigerde omdat zij vol is (plaatsgebrek). Daarover oordeelt de Geschillencommissie "
                         "passend onderwijs niet: zij gaat over de toelating van kinderen die extra ondersteuning nodig "
                         "hebben, over verwijdering en over het ontwikkelingsperspectief. Bezwaar maken bij het "
                         "schoolbestuur kan wel.")
            if grond == GRONDSLAG:
                return _("De school weigerde omdat u de grondslag van de school niet respecteert. Daarover oordeelt de "
                         "Geschillencommissie passend onderwijs niet. Bezwaar maken bij het schoolbestuur kan wel.")
            return _("De school weigerde om een reden die niet over extra ondersteuning gaat. Daarover oordeelt de "
                     "Geschillencommissie passend onderwijs meestal niet. Bezwaar maken bij het schoolbestuur kan wel.")
        if besluit is not None and besluit.uitkomst == NIET_IN_BEHANDELING:
            return _("De school nam de aanmelding niet in behandeling, omdat gevraagde informatie niet op tijd kwam. "
                     "Daarover oordeelt de Geschillencommissie passend onderwijs meestal niet. Bezwaar maken bij het "
                     "schoolbestuur kan wel.")
        if not _steun_nodig(zaak):
            return _("Volgens de aanmelding heeft uw kind geen extra ondersteuning nodig. De Geschillencommissie "
                     "passend onderwijs gaat alleen over de toelating van kinderen die extra ondersteuning nodig "
                     "hebben.")
        if besluit is not None and besluit.uitkomst == TOEGELATEN:
            return _("Uw kind is toegelaten. De Geschillencommissie passend onderwijs gaat over een weigering, een "
                     "verwijdering of het ontwikkelingsperspectief.")
        return ""
    return _("De Geschillencommissie passend onderwijs gaat alleen over de toelating van kinderen die extra "
             "ondersteuning nodig hebben, over verwijdering en over het ontwikkelingsperspectief.")


def _steun_nodig(aanmelding) -> bool:
    """The school's assessment of the support need decides (WPO 40 lid 3) when it was made; else the parents'
    answer."""
    beoordeling = getattr(aanmelding, "steun_beoordeling", None)
    if beoordeling is not None:
        return bool(beoordeling)
    return bool(getattr(aanmelding, "steun_nodig", False))
