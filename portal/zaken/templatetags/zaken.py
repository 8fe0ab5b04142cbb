from django import template

from portal.zaken.pagina import HANDELT, aan_zet_tekst, is_gezin

register = template.Library()


@register.simple_tag
def aan_zet(stap, rel, zaak) -> str:
    """Whose turn it is, for this reader (``portal.zaken.pagina.aan_zet_tekst``)."""
    return aan_zet_tekst(stap, rel or frozenset(), zaak)


@register.filter
def gezin(rel) -> bool:
    """The reader reads as family (parent, pupil, curator or mentor): plain words, the family's view of a term."""
    return is_gezin(rel or ())


@register.filter
def handelt(rel) -> bool:
    """The reader acts for the pupil (a parent with gezag, the adult pupil, their curator or mentor): reads the
    tracker's sentences that say "U" (``Stap.nu``); everyone else ``Stap.nu_anderen`` when the kind wrote one."""
    return bool(set(rel or ()) & HANDELT)


@register.filter
def schuift_niet_op(datum) -> str:
    """Beside a term's last day that falls on a Saturday, Sunday or feestdag: that the term does not move to the next
    working day, in plain words (issue #22 §2 item 4). A term under the Algemene termijnenwet (T-2, ``Regel.atw``)
    never ends on such a day — ``dates.atw`` moved it — so a last day on one is a term the Act does not cover (the
    Geschillencommissie's own terms D-2, D-2b; D-4; E-1): a parent must never have to guess."""
    from datetime import date

    from django.utils.translation import gettext as _

    from portal.termijnen.dates import is_vrije_dag

    if not isinstance(datum, date) or not is_vrije_dag(datum):
        return ""
    if datum.weekday() == 6:
        return _("Let op: dit is een zondag. Deze termijn schuift niet op naar maandag.")
    if datum.weekday() == 5:
        return _("Let op: dit is een zaterdag. Deze termijn schuift niet op naar maandag.")
    return _("Let op: dit is een feestdag. Deze termijn schuift niet op naar de volgende werkdag.")


@register.simple_tag
def deel_link(zaak, rel) -> str:
    """The page to share this case with a helper (``registry.deel_url``), for whoever acts for the pupil; '' otherwise
    (issue #22 §2 item 6: offered on every case page, not only in the guide)."""
    from portal.zaken.registry import deel_url

    if not zaak or not zaak.pk or not handelt(rel):
        return ""
    return deel_url(zaak) or ""
