from django import template

from ..models import Aanbieder

register = template.Library()


@register.inclusion_tag("sso/_knoppen.html")
def sso_knoppen(next_url=""):
    """The buttons of the active providers on the login page (issue #21 §5)."""
    return {"aanbieders": list(Aanbieder.objects.actief().only("naam", "slug", "soort")), "next": next_url}
