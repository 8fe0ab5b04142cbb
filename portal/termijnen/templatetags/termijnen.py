from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("termijnen/_widget.html")
def termijn_widget(clock, vandaag=None, voor_ouders=False):
    """The clock widget for case pages: the rule in words, due date, days left, state, source. For
    parents (``voor_ouders``): plain words, no rule id, no internal status names (issue #8)."""
    vandaag = vandaag or timezone.localdate()
    dagen = clock.dagen_over(vandaag)
    return {"clock": clock, "te_laat": -dagen if dagen is not None and dagen < 0 else 0, "status": clock.status(vandaag),
            "status_label": clock.status_label(vandaag), "dagen": dagen, "params": clock.params,
            "opschorting": clock.open_opschorting, "voor_ouders": voor_ouders}


@register.simple_tag
def termijn_kort(clock, vandaag=None):
    """One line for a list (the inbox): state, due date, days left — built in Python, not a template per row
    (issue #14). The full widget with the legal source is on the case's own page."""
    from django.template.defaultfilters import date as datum
    from django.utils.html import format_html
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    vandaag = vandaag or timezone.localdate()
    status = clock.status(vandaag)
    kleur = {"verlopen": "bg-danger", "opgeschort": "bg-warning text-dark", "voldaan": "bg-success"}.get(status, "bg-primary")
    badge = format_html('<span class="badge text-wrap {}">{}</span>', kleur, clock.status_label(vandaag))
    if clock.gesloten_op:
        tekst = format_html("{} {}", _("Voldaan op"), datum(clock.gesloten_op, "j F Y"))
    elif status == "opgeschort":
        opschorting = clock.open_opschorting
        tekst = format_html("{} {}", _("De termijn staat stil sinds"), datum(opschorting.van, "j F Y") if opschorting else "")
    else:
        dagen = clock.dagen_over(vandaag)
        if dagen is None:
            rest = ""
        elif dagen < 0:
            rest = ngettext("%(n)s dag te laat", "%(n)s dagen te laat", -dagen) % {"n": -dagen}
        elif dagen == 0:
            rest = _("vandaag")
        else:
            rest = ngettext("nog %(n)s dag", "nog %(n)s dagen", dagen) % {"n": dagen}
        tekst = format_html("<strong>{} {}</strong> — {}", _("Uiterlijk op"), datum(clock.uiterlijk, "l j F Y"), rest)
    naam = clock.params.get("naam", clock.regel_id)
    return format_html('<p class="termijn-kort mb-0">{} {} ({}): {}</p>', badge, naam, clock.regel_id, tekst)
