from django import template

from ..models import Aanbieder

register = template.Library()


@register.inclusion_tag("sso/_knoppen.html")
def sso_knoppen(next_url=""):
    """The buttons of the active providers on the login page (issue #21 §5)."""
    return {"aanbieders": list(Aanbieder.objects.actief().only("naam", "slug", "soort")), "next": next_url}


@register.inclusion_tag("sso/_herbevestig.html", takes_context=True)
def sso_herbevestig(context, next_url=""):
    """On the page that asks for the password again before an irreversible act: for a session that logged in through
    a provider, a button to confirm there instead (staff who use the provider's second factor have no code of the
    portal's own, and often no password)."""
    request = context["request"]
    from ..constants import SESSIE_AANBIEDER

    pk = request.session.get(SESSIE_AANBIEDER)
    aanbieder = Aanbieder.objects.actief().filter(pk=pk).only("naam", "slug").first() if pk else None
    return {"aanbieder": aanbieder, "next": next_url}
