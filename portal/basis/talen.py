"""Which pages speak which language (issue #22 §1).

Dutch and English cover the whole portal. A few more languages (Arabic first; Turkish, Polish and Ukrainian are
common among Dutch parents too) cover only the public pages: the information a parent reads before there is an
account. ``settings.TALEN_ALLEEN_OPENBAAR`` names those languages; ``OPENBARE_PAGINAS`` below is the one place that
names the pages translated into them (by url name). A page outside the set is shown in Dutch — with ``lang="nl"``,
never Dutch text labelled as Arabic (WCAG 3.1.1/3.1.2) — and says so in both languages (``base.html``).

Add a url name here only when every text on that page is translated into every such language:
``tests/test_talen_rtl.py`` renders each page in each language and fails on a text without a translation.
"""

from django.conf import settings
from django.urls import Resolver404, resolve

# Public (no login) and translated into every language of TALEN_ALLEEN_OPENBAAR.
OPENBARE_PAGINAS = frozenset({
    "informatie:home",  # public information: start
    "informatie:zoeken",  # the school finder
    "informatie:school",  # a school's page in the finder
    "informatie:recht",  # the rights pages
    "informatie:begrippen",  # the glossary
    "informatie:hulp",  # where to get help
    "informatie:checklists",  # the three checklists, blank
    "informatie:checklist_leeg",
    "organisaties:profiel",  # a school's support profile
    "organisaties:basisondersteuning",  # an SWV's basisondersteuning
    "accounts:login",  # logging in (and the lockout page axes shows there); after login: the account's nl/en
    "accounts:registreer",  # a parent's account: the form, the page after it and the confirmation mail
})


def alleen_openbaar(taal: str) -> bool:
    """A language the public pages speak, but not the rest of the portal (nor an account)."""
    return taal in settings.TALEN_ALLEEN_OPENBAAR


def is_openbaar(request) -> bool:
    """Is this request for a page in ``OPENBARE_PAGINAS``? (Resolved once per request, only when asked.)"""
    if not hasattr(request, "_pagina_openbaar"):
        try:
            naam = resolve(request.path_info).view_name
        except Resolver404:
            naam = ""
        request._pagina_openbaar = naam in OPENBARE_PAGINAS
    return request._pagina_openbaar


def volledige_talen() -> list[str]:
    """The languages of the whole portal (and of an account): nl, en."""
    return [code for code, _naam in settings.LANGUAGES if not alleen_openbaar(code)]


def taalkeuze(request) -> list[str]:
    """The language codes the switcher offers here: every language on a public page for a visitor without an
    account session; otherwise only the portal's full languages (an account's language is nl or en)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated or not is_openbaar(request):
        return volledige_talen()
    return [code for code, _naam in settings.LANGUAGES]
