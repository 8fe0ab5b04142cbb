from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("termijnen/_widget.html")
def termijn_widget(clock, vandaag=None):
    """The clock widget for case pages: the rule in words, due date, days left, state, source."""
    vandaag = vandaag or timezone.localdate()
    dagen = clock.dagen_over(vandaag)
    return {"clock": clock, "te_laat": -dagen if dagen is not None and dagen < 0 else 0, "status": clock.status(vandaag), "status_label": clock.status_label(vandaag),
            "dagen": dagen, "params": clock.params, "opschorting": clock.open_opschorting}
