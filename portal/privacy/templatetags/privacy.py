from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.privacy.services import mag_rechten_uitoefenen

register = template.Library()


@register.simple_tag(takes_context=True)
def privacy_link(context, leerling):
    """The link to the pupil's AVG page, only for whoever exercises the pupil's rights (``mag_rechten_uitoefenen``)."""
    request = context.get("request")
    if request is None or not mag_rechten_uitoefenen(request.user, leerling):
        return ""
    return format_html('<p><a href="{}">{}</a></p>',
                       reverse("privacy:leerling", args=[leerling.pk]),
                       _("Gegevens en privacy: kopie, verbeteren of verwijderen"))
