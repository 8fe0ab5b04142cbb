"""Issue #22 §1: a parent, a pupil or a helper reads every page in English when they chose English.

The English catalogue (``locale/en/LC_MESSAGES/django.po``) keeps file references (``#:``, made by
``makemessages --add-location=file``), so "reachable by parents, pupils and helpers" is a set of source files: the
templates and Python modules whose strings those readers can see. ``GEZIN`` names them by path pattern; a msgid that
any of them uses must have a complete, non-fuzzy English translation. A msgid used only by staff files may still be
empty (the Dutch shows instead); staff pages follow as far as time allows.

Why these files (keep this list in step with the pages):

* the chrome on every page: ``base.html``, the error pages, form errors, pagination, the date widget;
* their start pages (``core/home_ouder``, ``home_leerling``, ``home_overig`` for a helper), account pages,
  notifications (``meldingen``) and the e-mails (``portal/meldingen``, ``portal/accounts``, the password reset mail);
* single sign-on as a parent meets it: the login buttons on the login page (``sso/_knoppen``), the button to confirm
  an act again through DigiD/eHerkenning (``sso/_herbevestig``, on the reauth page), the pages after a first broker
  login (``bevestigen``, ``bevestigen_verstuurd``, ``bevestig_link``, ``link_ongeldig``, ``mislukt``) and what
  ``portal/sso`` says there: the forms, the views' messages, the link mail and the link's refusals (``services``).
  Not ``sso/geweigerd`` (only a staff login without a staff account ends there) nor the providers' admin;
* the case pages as the family and a helper with a share see them: the aanmelding (the parent's pages), the
  arrangement and the *aanpassingenblad* (``ondersteuning``), the OPP, the TLV, klacht/bezwaar/geschil, the escalation
  guide and sharing (``geschillen``), the thuiszitter case page, the core's case pieces (``zaken``: the tracker, the
  timeline, requests, consent, the letters list);
* privacy and inspection (``privacy``, ``leerlingen/inzage``), inviting a second parent and adult pupils'
  representation (``leerlingen/uitnodig*``, ``vertegenwoordiging``);
* the labels those pages show from Python: status and choice labels (``constants.py``, ``models.py`` of the domain
  apps and ``portal/zaken``), the forms a parent fills in, the case kit's texts (``portal/zaken``), notifications.

Staff-only pages (inboxes, desks, registers, monitoring, mandates, the profile editor, PDF letters which stay Dutch
by design) are not in the set.
"""

import re
from pathlib import Path

from django.conf import settings

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"

GEZIN = [
    # chrome
    r"templates/(base|403|404|500|_formulier_fouten|_paginering)\.html",
    r"templates/core/(home_ouder|home_ouder_inhoud|home_leerling|home_leerling_inhoud|home_overig|privacy|_taken)\.html",
    r"templates/core/widgets/",
    r"portal/core/(forms|views|widgets)\.py",
    # accounts
    r"templates/accounts/(?!sso)",
    r"portal/accounts/(forms|services|views|models|tweestaps)\.py",
    # single sign-on as a parent meets it (DigiD/eHerkenning through a broker): the login and reauth buttons, the
    # confirmation pages after the first broker login, and the forms, messages, link mail and refusals behind them
    r"templates/sso/(_knoppen|_herbevestig|bevestigen|bevestigen_verstuurd|bevestig_link|link_ongeldig|mislukt)\.html",
    r"portal/sso/(forms|views|services)\.py",
    # notifications and e-mails
    r"templates/meldingen/",
    r"portal/meldingen/",
    # the cases as the family and a helper see them
    r"templates/aanmelding/(detail|nieuw|ouder_lijst|intrekken|verzoek_antwoord|_besluit_samenvatting)\.html",
    r"templates/ondersteuning/(home_gezin|detail|_afspraken|_escalatie|_gesprekken|_onderdelen|aanpassing|"
    r"aanpassing_nieuw|blad|gesprek|mening)\.html",
    r"templates/opp/(detail|gezin|mening|versie|_inhoud|_meningen|_routes|_besluit_samenvatting)\.html",
    r"templates/tlv/(detail|zienswijze|_aanvraag|_actie|_knop|_besluit_samenvatting)\.html",
    r"templates/geschillen/(?!klachten_jaaroverzicht|swv_overzicht|reactie|schorsing_nieuw|verwijdering_nieuw|"
    r"verwijdering_melding|bezwaar_papier|pdf/)",
    r"templates/thuiszitters/detail\.html",
    r"templates/zaken/(_stap|tijdlijn|toestemmingen|verzoek_antwoord)\.html",
    r"templates/documenten/(_brieven|brief_wacht)\.html",
    r"templates/termijnen/_widget\.html",
    r"templates/privacy/(inzage|leerling|verzoek|verzoek_nieuw)\.html",
    r"templates/leerlingen/(inzage|uitnodigen|uitnodiging|uitnodiging_bevestig|vertegenwoordiging)\.html",
    # their labels and messages from Python
    r"(aanmelding|ondersteuning|opp|tlv|geschillen|thuiszitters)/(constants|models|forms)\.py",
    # each kind's tracker sentences and timeline events (the family reads them on every case page)
    r"(aanmelding|ondersteuning|opp|tlv|geschillen|thuiszitters)/zaken\.py",
    r"portal/zaken/(?!api)",
    # the tracker's steps, the escalation guide, the checks they read, and the confirmations the views give
    r"(aanmelding|ondersteuning|opp|tlv|geschillen|thuiszitters)/(selectors|tracker|wet)\.py",
    r"(aanmelding|ondersteuning|opp|tlv|geschillen|thuiszitters)/views",
    r"portal/privacy/(?!bewaren)",
    # the terms' names and explanations ("Wat zegt de wet?" beside every deadline the family sees)
    r"(aanmelding|ondersteuning|opp|tlv|geschillen|thuiszitters)/termijnen\.py",
    r"portal/zaken/termijnen\.py",
    r"portal/documenten/validators\.py",
    r"portal/leerlingen/(forms|views)\.py",
    # what the services refuse, shown at the field or at the top of the page
    r"(aanmelding|ondersteuning|opp|tlv|thuiszitters)/services\.py",
    r"geschillen/services/",
]
BRONNEN = re.compile("^(?:" + "|".join(GEZIN) + ")")


def _catalogus():
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        return read_po(f, locale="en")


def onvertaald(catalogus=None) -> list:
    """The messages of the family's and helpers' files without a complete, non-fuzzy English translation."""
    catalogus = catalogus or _catalogus()
    return [m for m in catalogus if m.id and any(BRONNEN.search(f) for f, _ in m.locations)
            and (m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))]


def test_every_string_a_parent_pupil_or_helper_reads_is_translated():
    leeg = onvertaald()
    assert not leeg, f"{len(leeg)} zonder Engelse vertaling, bijvoorbeeld: " + "; ".join(
        f"{m.id!r} ({', '.join(sorted({f for f, _ in m.locations}))[:80]})" for m in leeg[:8])


def test_the_patterns_still_name_files_that_exist():
    """A renamed template must not quietly drop out of the set."""
    base = Path(settings.BASE_DIR)
    bestanden = [p.relative_to(base).as_posix() for p in base.glob("**/*") if p.suffix in (".py", ".html", ".txt")
                 and not p.as_posix().startswith(str(base / ".venv"))]
    for patroon in GEZIN:
        assert any(re.match(patroon, b) for b in bestanden), patroon
