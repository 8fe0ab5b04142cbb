"""``{{ form.veld|publiek_veld }}``: ``as_crispy_field`` for the fields of a kept public page, rendered once per process
for each value, error and public version (``portal.basis.publiek.veld``; issue #23 §3)."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import template

from portal.basis import publiek

register = template.Library()


@register.filter
def publiek_veld(bf):
    return publiek.veld(bf, as_crispy_field)
