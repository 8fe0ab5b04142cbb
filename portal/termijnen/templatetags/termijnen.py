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
