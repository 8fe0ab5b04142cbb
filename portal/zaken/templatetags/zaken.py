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
