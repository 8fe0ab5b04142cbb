"""Issue #22 §1: a page is in the reader's chosen language all the way — its text, its dates and its ``lang`` — and
never in the browser's. A parent who chose English reads the OPP and the TLV in English with English dates ("Tuesday
5 January 2027"); a parent who chose Dutch reads them in Dutch with Dutch dates, whatever ``Accept-Language`` says.
``<html lang>`` and the ``Content-Language`` header always name the language the text is in."""

import re
from datetime import date as d
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from portal.termijnen.services import clock_start

from . import test_opp as O
from . import test_tlv as T
from .conftest import login_staff
from .test_informatie import NAMEN, NEDERLANDS, _gecompileerd, vertaald  # noqa: F401  (fixtures)

# month and day names that differ between the languages (april, september, november, december are the same)
MAANDEN_NL = ("januari februari maart mei juni juli augustus oktober "
              "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag").split()
MAANDEN_EN = ("January February March May June July August October "
              "Monday Tuesday Wednesday Thursday Friday Saturday Sunday").split()
# The Dutch names an English page keeps on purpose, beside their English (laws, bodies, the legal term in brackets
# the first time, "support plan (ontwikkelingsperspectief, OPP)"): not missed strings.
TERMEN = ["Wet versterking positie ouders en leerlingen in het passend onderwijs", "Wet op het primair onderwijs",
          "Wet voortgezet onderwijs 2020", "Wet op de expertisecentra", "Landelijke Bezwaaradviescommissie TLV",
          "Algemene termijnenwet", "Algemene wet bestuursrecht", "Autoriteit Persoonsgegevens",
          "Register onderwijsdeelnemers", "Internet Schooldossier", "Commissie van Toelaatbaarheid",
          "commissie voor de begeleiding", "passend onderwijs", "intern begeleider", "bezwaar maken",
          "schriftelijke aanmelding", "Kamerstuk", "Leerplichtwet", "IB'ers", "IB'er", "Ouders & Onderwijs",
          "onderwijsconsulenten.nl", "oudersenonderwijs.nl", "Onderwijsgeschillen", "onderwijsgeschillen.nl", "passendonderwijs.nl"]


@pytest.fixture
def w(world):
    """The OPP world (a mandate for OPP decisions, the B-2 clock) and the TLV world (experts, the SWV's desk)."""
    world.mandaat_a.besluittypen = ["aanmelding", "opp"]
    world.mandaat_a.save(update_fields=["besluittypen"])
    world.opp = world.zaak_a
    world.ouder_a.brieven_digitaal = True  # the OPP's letter goes to the account (Awb 2:8)
    world.ouder_a.save(update_fields=["brieven_digitaal"])
    clock_start(regel_id="B-2", zaak=world.opp, start=timezone.localdate() - timedelta(days=7))
    return T.tlv_wereld(world)


class _Zichtbaar(HTMLParser):
    """The visible text of a page, leaving out what is marked as Dutch (``lang="nl"``: data, the 'Nederlands'
    switch), scripts, styles and the title."""

    LEEG = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__()
        self.stapel, self.delen = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.LEEG:
            return
        overslaan = tag in ("script", "style", "title") or dict(attrs).get("lang") == "nl" or bool(
            self.stapel and self.stapel[-1])
        self.stapel.append(overslaan)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in self.LEEG and self.stapel:
            self.stapel.pop()

    def handle_data(self, data):
        if not (self.stapel and self.stapel[-1]):
            self.delen.append(data)


def zichtbaar(html: str) -> str:
    p = _Zichtbaar()
    p.feed(html)
    return " ".join(" ".join(p.delen).split())


def nederlandse_woorden(html: str, weg=()) -> list[str]:
    """Dutch words that are not English words in the page's visible text: one of them is a missed string."""
    tekst = zichtbaar(html)
    tekst = re.sub(r"\b(artikel|art\.|lid)\s+[\w.:]+(\s+(en|of)\s+[\w.:]+)?", " ", tekst)  # citations of the law
    tekst = re.sub(r"[\w.-]+\.nl\b", " ", tekst)  # web addresses
    # the data's sentences first, then the names kept on purpose, then the data's short words (a role name inside
    # a law's name must not break that name up)
    for naam in [*sorted((t for t in weg if len(t) >= 12), key=len, reverse=True),
                 *sorted([*NAMEN, *TERMEN], key=len, reverse=True),
                 *sorted((t for t in weg if len(t) < 12), key=len, reverse=True)]:
        tekst = tekst.replace(naam, " ")
    return sorted({w for w in re.findall(r"[a-zà-ÿ]+", tekst.lower()) if w in NEDERLANDS})


def _kies(user, taal):
    user.taal = taal
    user.save(update_fields=["taal"])


def _datum(dag, taal, formaat="j F Y"):
    with translation.override(taal):
        return formats.date_format(dag, formaat)


def _html_lang(html):
    return re.search(r'<html[^>]*\slang="([^"]+)"', html).group(1)


def _woorden(html, woorden, weg=()):
    """The month and day names of one language in the page's visible text (outside ``lang="nl"`` data)."""
    tekst = zichtbaar(html)
    for t in sorted(weg, key=len, reverse=True):
        tekst = tekst.replace(t, " ")
    return sorted({w for w in woorden if re.search(rf"\b{w}\b", tekst, flags=re.IGNORECASE if w.islower() else 0)})


def _data(w):
    """The test's own words (names from the factories, which may carry 'van' or 'de', and the texts it writes)."""
    from portal.accounts.models import User
    from portal.leerlingen.models import Leerling

    namen = [n for u in User.objects.all() for n in (u.get_full_name(), u.last_name) if n]
    namen += [n for lln in Leerling.objects.all() for n in (lln.naam, lln.achternaam) if n]
    return [*namen,w.kind_a.naam, w.kind_a.voornamen, w.ouder_a.get_full_name(), w.school_a.naam, w.swv_a.naam,
            "Wij willen graag een kleine groep voor ons kind.", "Vlot lezen", "DMT kaart 3: 45 woorden per minuut",
            "Leesgroep", "Ik lees liever niet hardop.", "In een gesprek", "Groei volgens de norm bij rekenen; lezen "
            "loopt achter.", "Leesbegeleiding twee keer per week.", "IB'er plant, ouders lezen thuis.",
            "We lezen niet hardop in de klas; je oefent in het groepje.", "Kleine groep",
            "Een jaar extra hulp in de klas", "Na twee adviezen.", "Commissie van Toelaatbaarheid",
            "SWV A, t.a.v. bezwaren TLV, Postbus 1, 1234 AB Teststad", "Ouders, IB'er", "Het plan",
            "Vmbo kader als verwachting.", "Dyslexie.", "Gemotiveerd.", "Een kleine groep past.",
            "Medisch geen bezwaar."]


def test_a_parent_who_chose_english_reads_the_opp_in_english_with_english_dates(w, client, vertaald):  # noqa: F811
    with T.op(d(2027, 1, 5)):  # a Tuesday
        opp = O.vastgesteld(w)
    _kies(w.ouder_a, "en")
    client.force_login(w.ouder_a)
    r = client.get(reverse("opp:detail", args=[opp.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    html = r.content.decode()
    assert r.status_code == 200 and r["Content-Language"] == "en" and _html_lang(html) == "en"
    assert _datum(d(2027, 1, 5), "en") in html  # "5 January 2027"
    assert not _woorden(html, MAANDEN_NL), _woorden(html, MAANDEN_NL)
    assert not nederlandse_woorden(html, _data(w)), nederlandse_woorden(html, _data(w))


def test_a_parent_who_chose_dutch_reads_the_opp_in_dutch_whatever_the_browser_says(w, client, vertaald):  # noqa: F811
    with T.op(d(2027, 1, 5)):
        opp = O.vastgesteld(w)
    _kies(w.ouder_a, "nl")
    client.force_login(w.ouder_a)
    r = client.get(reverse("opp:detail", args=[opp.pk]), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = r.content.decode()
    assert r.status_code == 200 and r["Content-Language"] == "nl" and _html_lang(html) == "nl"
    assert "5 januari 2027" in html
    assert not _woorden(html, MAANDEN_EN), _woorden(html, MAANDEN_EN)


def test_the_tlv_page_in_english_has_english_dates_and_no_dutch(w, client, vertaald):  # noqa: F811
    t, besluit = T.beslist(w)  # decided, valid from Wednesday 1 April 2026
    _kies(w.ouder_a, "en")
    client.force_login(w.ouder_a)
    r = client.get(reverse("tlv:detail", args=[t.pk]), HTTP_ACCEPT_LANGUAGE="nl")
    html = r.content.decode()
    assert r.status_code == 200 and r["Content-Language"] == "en" and _html_lang(html) == "en"
    assert _datum(d(2026, 4, 1), "en") in html or _datum(d(2026, 4, 1), "en", "l j F Y") in html
    assert not _woorden(html, MAANDEN_NL), _woorden(html, MAANDEN_NL)
    # how the parents' view was confirmed: stored as a Dutch record line, shown in the reader's language
    data = _data(w)
    assert not nederlandse_woorden(html, data), nederlandse_woorden(html, data)
    # and in Dutch: Dutch dates only
    _kies(w.ouder_a, "nl")
    r = client.get(reverse("tlv:detail", args=[t.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = r.content.decode()
    assert r["Content-Language"] == "nl" and _html_lang(html) == "nl"
    assert _datum(d(2026, 4, 1), "nl") in html
    assert not _woorden(html, MAANDEN_EN), _woorden(html, MAANDEN_EN)


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_html_lang_always_names_the_language_of_the_page(w, client, vertaald, taal):  # noqa: F811
    """The start pages, a case page, a list, the account page and the not-found page: ``lang`` = the chosen language
    = ``Content-Language``, for a parent and for a member of staff, with a browser that asks for the other one."""
    andere = "en" if taal == "nl" else "nl"
    _kies(w.ouder_a, taal)
    _kies(w.ib_a, taal)
    client.force_login(w.ouder_a)
    for url in (reverse("core:home"), reverse("opp:detail", args=[w.opp.pk]), reverse("accounts:instellingen"),
                reverse("zaken:tijdlijn", args=[w.kind_a.pk]), "/bestaat-niet/"):
        r = client.get(url, HTTP_ACCEPT_LANGUAGE=andere)
        assert r["Content-Language"] == taal and _html_lang(r.content.decode()) == taal, url
    client.logout()
    login_staff(client, w.ib_a)
    for url in (reverse("core:home"), reverse("opp:detail", args=[w.opp.pk])):
        r = client.get(url, HTTP_ACCEPT_LANGUAGE=andere)
        assert r["Content-Language"] == taal and _html_lang(r.content.decode()) == taal, url


def test_the_e_mails_to_a_parent_who_chose_english_are_english(w, vertaald):  # noqa: F811
    """Notifications are put into words once, when queued, in the recipient's language (``portal/meldingen``): the
    OPP's request for agreement and its adoption reach an English-reading parent in English, the Dutch-reading IB'er
    in Dutch."""
    from portal.meldingen.models import OutboxEmail

    _kies(w.ouder_a, "en")
    with T.op(d(2027, 1, 5)):
        O.vastgesteld(w)
    aan_ouder = list(OutboxEmail.objects.filter(aan=w.ouder_a.email))
    assert aan_ouder
    for mail in aan_ouder:
        assert not nederlandse_woorden(f"<p>{mail.onderwerp}</p><p>{mail.tekst}</p>", _data(w)), (mail.onderwerp,
                                                                                                   mail.tekst)
    assert any("Your agreement is asked" in m.onderwerp for m in aan_ouder)
    assert all(not re.search(r"\b(the|your)\b", m.onderwerp + m.tekst)
               for m in OutboxEmail.objects.filter(aan=w.ib_a.email))
