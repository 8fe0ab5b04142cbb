"""Issue #22 §1: room for more languages. Arabic (right-to-left) on the public pages only.

* Every public page (``portal/basis/talen.py`` OPENBARE_PAGINAS) in Arabic says ``<html lang="ar" dir="rtl">``, loads
  Bootstrap's RTL stylesheet, and shows no text without an Arabic translation. The last is checked while rendering:
  every msgid the page looks up (``{% translate %}``, ``gettext``, lazy labels, plurals) must be in the active
  catalogue — the runtime form of ``tests/test_vertalingen_volledig.py``'s file-based check, which cannot know which
  of a module's strings a public page reaches. The file-based check is here too, for the public templates.
* A page outside the set, with Arabic chosen, is Dutch (``lang="nl" dir="ltr"``) and says so in Arabic and Dutch.
* The switcher offers Arabic on public pages to a visitor without a session; never to an account (User.taal is nl/en).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import trans_real

from portal.basis.talen import OPENBARE_PAGINAS
from portal.informatie.constants import ChecklistSoort
from portal.informatie.rechten import PAGINAS
from portal.meldingen.models import OutboxEmail

from .conftest import login_staff
from .test_informatie import _gecompileerd, finder, vertaald  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def openbare_urls(w) -> dict[str, str]:
    """One or more urls per public page (url name -> urls), with the finder's data: a school with a set profile,
    one without, the SWV's published basisondersteuning; the finder with filters, without results, with a bad id."""
    urls = {
        "informatie:home": [reverse("informatie:home")],
        "informatie:zoeken": [reverse("informatie:zoeken"), reverse("informatie:zoeken") + "?ondersteuning=lezen_taal",
                              reverse("informatie:zoeken") + "?q=Bestaatniet&toegankelijk=1",
                              reverse("informatie:zoeken") + f"?swv={w.swv_a.pk}&specialisme=autisme&expertise=x"],
        "informatie:school": [reverse("informatie:school", args=[w.school_a.pk]),
                              reverse("informatie:school", args=[w.school_b.pk]),
                              reverse("informatie:school", args=[w.school_c.pk])],
        "informatie:recht": [p.get_absolute_url() for p in PAGINAS],
        "informatie:begrippen": [reverse("informatie:begrippen")],
        "informatie:hulp": [reverse("informatie:hulp")],
        "informatie:checklists": [reverse("informatie:checklists")],
        "informatie:checklist_leeg": [reverse("informatie:checklist_leeg", args=[s]) for s in ChecklistSoort.values],
        "organisaties:profiel": [reverse("organisaties:profiel", args=[w.school_a.pk]),
                                 reverse("organisaties:profiel", args=[w.school_b.pk])],
        "organisaties:basisondersteuning": [reverse("organisaties:basisondersteuning", args=[w.swv_a.pk])],
        "accounts:login": [reverse("accounts:login")],
        "accounts:registreer": [reverse("accounts:registreer")],
    }
    return urls


@pytest.fixture
def gemist(monkeypatch):
    """Records every msgid looked up in Arabic that the Arabic catalogue (ours plus Django's) does not have."""
    missers = set()
    klasse = trans_real.DjangoTranslation
    gettext, ngettext = klasse.gettext, klasse.ngettext

    def _gettext(self, message):
        if self.language() == "ar" and message not in self._catalog:
            missers.add(message.replace(trans_real.CONTEXT_SEPARATOR, " | "))
        return gettext(self, message)

    def _ngettext(self, singular, plural, n):
        if self.language() == "ar" and (singular, 0) not in self._catalog:
            missers.add(singular)
        return ngettext(self, singular, plural, n)

    monkeypatch.setattr(klasse, "gettext", _gettext)
    monkeypatch.setattr(klasse, "ngettext", _ngettext)
    return missers


def _html(response) -> str:
    return response.content.decode()


HTML_TAG = re.compile(r"<html\b[^>]*>")


def test_the_set_names_every_public_page_and_only_those(finder):  # noqa: F811
    assert set(openbare_urls(finder)) == OPENBARE_PAGINAS
    assert settings.TALEN_ALLEEN_OPENBAAR == ["ar"]


def test_every_public_page_in_arabic_is_rtl_and_fully_translated(client, finder, vertaald, gemist):  # noqa: F811
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    for naam, urls in openbare_urls(finder).items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = _html(response)
            assert HTML_TAG.search(html).group(0) == '<html lang="ar" dir="rtl">', url
            assert "bootstrap/css/bootstrap.rtl.min.css" in html and "bootstrap/css/bootstrap.min.css" not in html, url
            assert response.headers["Content-Language"] == "ar"
            assert "taal_niet_hier" not in html
    # dates follow Django's Arabic locale: an Arabic month name, Western digits (as on the Dutch letters)
    html = _html(client.get(reverse("informatie:school", args=[finder.school_a.pk])))
    assert re.search(r"\d{1,2} (يناير|فبراير|مارس|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر) \d{4}", html)
    # the forms' answers: a wrong password, a registration with errors, a registration sent (page and mail)
    for url, data in [(reverse("accounts:login"), {"username": "iemand@example.nl", "password": "fout"}),
                      (reverse("accounts:registreer"), {"email": "geen-adres", "password1": "1", "password2": "2"}),
                      (reverse("accounts:registreer"), {"email": "nieuw@example.nl", "first_name": "Amal",
                                                        "last_name": "Haddad", "password1": "Zeer-geheim-2026!",
                                                        "password2": "Zeer-geheim-2026!"})]:
        html = _html(client.post(url, data))
        assert HTML_TAG.search(html).group(0) == '<html lang="ar" dir="rtl">', url
    assert "أرسلنا رسالة إلى" in html
    mail = OutboxEmail.objects.get(aan="nieuw@example.nl")
    assert "Passend Portaal" in mail.onderwerp and re.search(r"[\u0600-\u06FF]{3}", mail.onderwerp + mail.tekst)
    assert not gemist, f"{len(gemist)} zonder Arabische vertaling: " + " || ".join(sorted(gemist))


def test_the_public_pages_in_dutch_and_english_stay_ltr(client, finder, vertaald):  # noqa: F811
    for taal in ("nl", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
        for urls in openbare_urls(finder).values():
            html = _html(client.get(urls[0]))
            assert HTML_TAG.search(html).group(0) == f'<html lang="{taal}">'
            assert "bootstrap/css/bootstrap.min.css" in html and "rtl" not in HTML_TAG.search(html).group(0)


def test_a_page_outside_the_set_is_dutch_and_says_so_in_both_languages(client, world, vertaald):  # noqa: F811
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    for url in [reverse("accounts:password_reset"), reverse("core:privacy"), "/bestaat-niet/"]:
        response = client.get(url)
        html = _html(response)
        assert HTML_TAG.search(html).group(0) == '<html lang="nl">', url
        assert "bootstrap.rtl" not in html
        assert response.headers["Content-Language"] == "nl"
        assert "Dit deel van het portaal is er alleen in het Nederlands en het Engels." in html
        arabisch = re.search(r'<p class="mb-1" lang="ar" dir="rtl">(.*?)</p>', html, re.S)
        assert arabisch and re.search(r"[\u0600-\u06FF]{3}", arabisch.group(1)), url
        assert 'value="ar"' not in html  # the switcher offers only what this page has


def test_logged_in_pages_never_arabic(client, world, finder, vertaald):  # noqa: F811
    """An account's language is nl or en. A parent with the Arabic cookie still reads the portal in their own
    language, public pages included; choosing Arabic (a forged POST) or logging in with the cookie does not change
    the account."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    ouder = world.ouder_a
    client.force_login(ouder)
    for url in [reverse("core:home"), reverse("informatie:zoeken")]:
        html = _html(client.get(url))
        assert HTML_TAG.search(html).group(0) == '<html lang="nl">', url
        assert 'value="ar"' not in html
    client.post(reverse("core:taal"), {"taal": "ar", "next": "/"})
    ouder.refresh_from_db()
    assert ouder.taal == "nl"
    client.logout()
    staff = world.ib_a
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    login_staff(client, staff)
    staff.refresh_from_db()
    assert staff.taal == "nl"


def test_the_switcher_offers_arabic_on_public_pages(client, finder, vertaald):  # noqa: F811
    html = _html(client.get(reverse("informatie:zoeken")))
    knoppen = re.findall(r'<button type="submit" name="taal" value="(\w+)"[^>]*lang="(\w+)" dir="(\w+)"', html)
    assert [(c, lang, d) for c, lang, d in knoppen] == [("nl", "nl", "ltr"), ("en", "en", "ltr"), ("ar", "ar", "rtl")]
    assert "العربي" in html
    response = client.post(reverse("core:taal"), {"taal": "ar", "next": reverse("informatie:zoeken")})
    assert response.status_code == 302 and response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    html = _html(client.get(response["Location"]))
    assert HTML_TAG.search(html).group(0) == '<html lang="ar" dir="rtl">'
    assert re.search(r'value="ar"[^>]*aria-current="true"', html)


# --- the catalogue -------------------------------------------------------------------------------------------------

PO = Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "django.po"
# The public pages' own templates: every msgid they use has an Arabic translation (the file-based check of
# tests/test_vertalingen_volledig.py, for Arabic; base.html's logged-in menu is left to the rendering check above).
OPENBAAR = re.compile(r"^templates/(informatie/(home|zoeken|school|begrippen|hulp|checklists|checklist_leeg|_kruimel|"
                      r"rechten/)|organisaties/(profiel|basisondersteuning)\.html|"
                      r"accounts/(login|registreer|registreer_verstuurd|lockout)\.html|sso/_knoppen\.html)")


def test_every_string_of_the_public_templates_has_arabic():
    from babel.messages.pofile import read_po

    with PO.open("rb") as f:
        catalogus = read_po(f, locale="ar")
    assert catalogus.num_plurals == 6
    leeg = [m for m in catalogus if m.id and any(OPENBAAR.search(f) for f, _ in m.locations)
            and (m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert not leeg, f"{len(leeg)} zonder Arabisch: " + "; ".join(repr(m.id) for m in leeg[:8])


def test_vertalingen_compiles_arabic(tmp_path):
    call_command("vertalingen", doel=str(tmp_path), verbosity=0)
    assert (tmp_path / "ar" / "LC_MESSAGES" / "django.mo").stat().st_size > 1000
