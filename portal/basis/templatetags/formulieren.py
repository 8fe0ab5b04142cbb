"""``{% formulier_token %}``: the hidden form token every POST form carries (issue #19, defect 4), rendered after
``{% csrf_token %}``; a fresh one per form and per page view, so it is never part of a cached form's HTML.

``{{ form|crispy_bewaard }}``: a form as crispy renders it, kept in the cache while the form is empty (issue #14).

A page with several action forms (the zorgplicht file, the OPP editor) spent most of its time rendering the same
empty forms again for every request. An unbound form's HTML is a function of what the key below holds: the form's
class, prefix and language; per field its name, label, help text, whether it is required, its widget's attributes,
its initial value and its choices (for a database list the rows read now: one small query, the same one rendering
would make, so a new or renamed school is another key at once); and the templates' version. A bound form (after a
failed submit: the input kept, errors at the fields) is never cached. Entries live ten minutes.
"""

import hashlib
from pathlib import Path

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms, template
from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.basis.forms import ADRES_TOKEN, TOKEN_VELD, lees_token, nieuw_token

register = template.Library()
BEWAAR_SECONDEN = 600


def _sjablonen_versie() -> str:
    """Changes when a template changes (a deploy): the newest modification time of the project's templates."""
    nieuwst = 0.0
    for map_ in settings.TEMPLATES[0].get("DIRS", []):
        for p in Path(map_).rglob("*.html"):
            nieuwst = max(nieuwst, p.stat().st_mtime)
    return f"{nieuwst:.0f}"


def _pakket_versies() -> str:
    from importlib.metadata import version

    return ",".join(version(p) for p in ("django", "django-crispy-forms", "crispy-bootstrap5"))


_VERSIE = _sjablonen_versie() + "/" + _pakket_versies()


def sleutel(form: forms.BaseForm) -> str:
    delen = [_VERSIE, type(form).__module__, type(form).__qualname__, form.prefix or "", get_language() or "",
             str(form.auto_id), str(form.label_suffix), str(form.use_required_attribute)]
    for naam, veld in form.fields.items():
        delen += [naam, type(veld).__qualname__, str(veld.label), str(veld.help_text), str(veld.required),
                  str(veld.disabled),
                  type(veld.widget).__qualname__, repr(sorted((k, str(v)) for k, v in veld.widget.attrs.items())),
                  repr(form.get_initial_for_field(veld, naam))]
        if hasattr(veld, "choices"):  # for a database list the rows as they are now: a renamed school is a new key
            delen.append(repr([(str(k), str(v)) for k, v in veld.choices]))
    return "formulier:" + hashlib.sha256("\x1f".join(delen).encode()).hexdigest()


@register.simple_tag(takes_context=True)
def formulier_token(context):
    """A fresh token; the one in the page's address (``?formulier=``) when it has one: the same form page again."""
    request = context.get("request")
    eerder = lees_token({TOKEN_VELD: request.GET.get(ADRES_TOKEN)}) if request is not None else None
    waarde = eerder.hex if eerder is not None else nieuw_token()
    return mark_safe(f'<input type="hidden" name="{TOKEN_VELD}" value="{waarde}">')  # noqa: S308 (hex only)


@register.filter
def crispy_bewaard(form):
    if form.is_bound:
        return as_crispy_form(form)
    k = sleutel(form)
    html = cache.get(k)
    if html is None:
        html = str(as_crispy_form(form))
        cache.set(k, html, BEWAAR_SECONDEN)
    return mark_safe(html)  # noqa: S308 (crispy's own output, stored as rendered)
