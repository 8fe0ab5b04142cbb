"""``{% begrip "zorgplicht" %}``: a glossary word explained in place (DOMAIN §5 P10). The word is a button that opens
its explanation as a popover — keyboard and touch work, Escape or a click elsewhere closes it, no JavaScript and no
hover-only tooltip; a browser without popovers shows the explanation inline."""

import itertools

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..begrippen import PER_SLUG

register = template.Library()
_teller = itertools.count(1)


@register.simple_tag
def begrip(slug: str, tekst: str = "") -> str:
    b = PER_SLUG[slug]
    nummer = next(_teller)
    ident = f"begrip-{slug}-{nummer}"
    return format_html(
        '<button type="button" class="btn btn-link p-0 align-baseline text-reset text-decoration-underline begrip" popovertarget="{id}" '
        'aria-label="{hulp}">{tekst}</button>'
        '<span id="{id}" popover class="border rounded shadow p-3 begrip-uitleg" role="note">'
        '<strong class="d-block">{woord}</strong> {uitleg} '
        '<a class="d-block mt-2" href="{url}#{slug}">{alle}</a>'
        '<button type="button" class="btn btn-sm btn-outline-secondary mt-2" popovertarget="{id}" '
        'popovertargetaction="hide">{sluiten}</button></span>',
        id=ident, tekst=tekst or b.woord, woord=b.woord, uitleg=b.uitleg, slug=slug,
        hulp=_("%(woord)s: wat betekent dit?") % {"woord": tekst or b.woord},
        url=reverse("informatie:begrippen"), alle=_("Alle begrippen"), sluiten=_("Sluiten"))
