"""``{% taalkeuze as TALEN %}``: the languages the switcher in base.html offers on this page (issue #22 §1), each as
Django's language info (code, name_local, bidi) — the switcher labels each name with its own lang and dir."""

from django import template
from django.utils import translation

from portal.basis import talen

register = template.Library()


@register.simple_tag(takes_context=True)
def taalkeuze(context):
    request = context.get("request")
    codes = talen.taalkeuze(request) if request is not None else talen.volledige_talen()
    return [translation.get_language_info(code) for code in codes]
