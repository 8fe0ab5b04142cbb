from django import template

from portal.zaken.pagina import aan_zet_tekst, is_gezin

register = template.Library()


@register.simple_tag
def aan_zet(stap, rel, zaak) -> str:
    """Whose turn it is, for this reader (``portal.zaken.pagina.aan_zet_tekst``)."""
    return aan_zet_tekst(stap, rel or frozenset(), zaak)


@register.filter
def gezin(rel) -> bool:
    """The reader reads as family (parent, pupil, curator or mentor): plain words, the family's view of a term."""
    return is_gezin(rel or ())
