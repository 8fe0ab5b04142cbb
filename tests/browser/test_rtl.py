"""Issue #22 §1 in the browser: Arabic (right-to-left) on the public pages. A visitor picks العربية in the language
switch; the finder, a school page and a rights page then read right to left: ``<html dir="rtl">``, the brand on the
right of the header, headings and text starting at the right edge, nothing wider than the screen (1280 and 390 CSS
pixels). Dutch and English stay left to right. axe-core runs on every visit (conftest)."""

import pytest

from portal.informatie.rechten import PAGINAS
from tests.test_informatie import _gecompileerd, finder, vertaald  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The layout as the browser computed it: direction, where the brand sits, where the first heading's text starts and
# ends within its box, and whether anything is wider than the window.
OPMAAK = """() => {
  const html = document.documentElement, w = window.innerWidth;
  const merk = document.querySelector('header a.fs-4').getBoundingClientRect();
  const kop = document.querySelector('header .container').getBoundingClientRect();
  const h1 = document.querySelector('main h1'), kader = h1.getBoundingClientRect();
  const r = document.createRange(); r.selectNodeContents(h1);
  const rects = [...r.getClientRects()], boven = Math.min(...rects.map(x => x.top));
  const eerste = rects.filter(x => Math.abs(x.top - boven) < 4);  // the first line: one box per bidi run
  const regel = {left: Math.min(...eerste.map(x => x.left)), right: Math.max(...eerste.map(x => x.right))};
  const p = document.querySelector('main p');
  return {lang: html.lang, dir: html.dir, richting: getComputedStyle(document.body).direction,
          uitlijning: getComputedStyle(p).textAlign, pRichting: getComputedStyle(p).direction,
          breedte: w, scroll: document.scrollingElement.scrollWidth,
          merkLinks: merk.left, merkRechts: merk.right, kopLinks: kop.left, kopRechts: kop.right,
          h1Links: kader.left, h1Rechts: kader.right, tekstLinks: regel.left, tekstRechts: regel.right,
          rtlCss: [...document.styleSheets].some(s => (s.href || '').includes('bootstrap.rtl.min.css'))};
}"""


def _paginas(w):
    return [("zoeken", "/informatie/scholen/"), ("school", f"/informatie/scholen/{w.school_a.pk}/"),
            ("recht", PAGINAS[0].get_absolute_url()), ("inloggen", "/account/inloggen/")]


def _rechts_naar_links(ui, waar):
    o = ui.page.evaluate(OPMAAK)
    assert o["lang"] == "ar" and o["dir"] == "rtl" and o["richting"] == "rtl" and o["rtlCss"], (waar, o)
    # the brand is the first item of the header: at the right edge of the header's container (its padding aside)
    assert o["kopRechts"] - o["merkRechts"] <= 16 and o["merkLinks"] - o["kopLinks"] > 16, (waar, o)
    # body text is aligned to the right: 'start' in a right-to-left block (Bootstrap RTL) or an explicit 'right'
    assert o["pRichting"] == "rtl" and o["uitlijning"] in ("start", "right"), (waar, o)
    # the heading's first line ends at the right edge of its box (a short line leaves the gap on the left)
    assert abs(o["tekstRechts"] - o["h1Rechts"]) <= 2 and o["tekstLinks"] >= o["h1Links"] - 1, (waar, o)
    assert o["scroll"] <= o["breedte"], (waar, o)


def _links_naar_rechts(ui, taal, waar):
    o = ui.page.evaluate(OPMAAK)
    assert o["lang"] == taal and o["dir"] in ("", "ltr") and o["richting"] == "ltr" and not o["rtlCss"], (waar, o)
    assert o["merkLinks"] - o["kopLinks"] <= 16 and o["kopRechts"] - o["merkRechts"] > 16, (waar, o)
    assert abs(o["tekstLinks"] - o["h1Links"]) <= 2, (waar, o)
    assert o["scroll"] <= o["breedte"], (waar, o)


def test_arabic_public_pages_read_right_to_left(ui, browser, live_server, finder, vertaald):  # noqa: F811
    p = ui.page
    ui.goto("/informatie/scholen/")
    _links_naar_rechts(ui, "nl", "zoeken nl")
    with p.expect_navigation():
        p.click("button[name=taal][value=ar]")
    ui.axe()
    assert p.get_attribute("button[value=ar]", "aria-current") == "true"
    for naam, url in _paginas(finder):
        ui.goto(url)
        _rechts_naar_links(ui, f"{naam} 1280")
    # the school page: Dutch data stays marked Dutch inside the Arabic page
    ui.goto(f"/informatie/scholen/{finder.school_a.pk}/")
    assert p.locator("main [lang=nl]").count() > 0

    # a phone: 390 CSS pixels, the same choice (the cookie)
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
        smal = type(ui)(context.new_page(), live_server.url, "rtl-390")
        for naam, url in _paginas(finder):
            smal.goto(url)
            _rechts_naar_links(smal, f"{naam} 390")
    finally:
        context.close()


def test_dutch_and_english_stay_left_to_right(ui, finder, vertaald):  # noqa: F811
    p = ui.page
    ui.goto("/informatie/scholen/")
    with p.expect_navigation():
        p.get_by_role("button", name="English").click()
    ui.axe()
    for naam, url in _paginas(finder):
        ui.goto(url)
        _links_naar_rechts(ui, "en", f"{naam} en")
    with p.expect_navigation():
        p.get_by_role("button", name="Nederlands").click()
    ui.axe()
    for naam, url in _paginas(finder):
        ui.goto(url)
        _links_naar_rechts(ui, "nl", f"{naam} nl")


def test_a_page_without_arabic_is_dutch_and_says_so(ui, finder, vertaald):  # noqa: F811
    p = ui.page
    ui.goto("/informatie/")
    with p.expect_navigation():
        p.click("button[name=taal][value=ar]")
    ui.axe()
    ui.goto("/account/wachtwoord-vergeten/")  # not in portal/basis/talen.py OPENBARE_PAGINAS
    assert p.evaluate("document.documentElement.lang") == "nl"
    assert p.evaluate("getComputedStyle(document.body).direction") == "ltr"
    melding = p.locator("main [role=note] p[lang=ar]")
    assert melding.get_attribute("dir") == "rtl" and "passend onderwijs" in melding.inner_text()
    assert "alleen in het Nederlands en het Engels" in p.inner_text("main [role=note]")
