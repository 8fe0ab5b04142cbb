"""A choice frozen in an OPP letter's payload, shown by its label in the language the letter is rendered in.

The payload keeps the Dutch label (what the legal letter said) and, since issue #22 §1, the choice's code beside it
(``<veld>_code``). A courtesy translation shows the label of that code under the active language; a payload frozen
before the codes were kept shows its Dutch label as it was."""

from django import template

from ..constants import Gebied, Keuze, Overeenstemming, Uitstroom, Via

register = template.Library()


def _keuzes():
    from ..models import Instemming

    return {"uitstroom": dict(Uitstroom.choices), "gebied": dict(Gebied.choices), "uitkomst": dict(Overeenstemming.choices),
            "keuze": dict(Keuze.choices), "via": dict(Via.choices),
            "partij": dict(Instemming._meta.get_field("partij").choices)}


@register.filter
def label(gegevens, veld: str) -> str:
    """``{{ a|label:"keuze" }}``: the label of ``a["keuze_code"]`` now, else the frozen ``a["keuze"]``."""
    def waarde(sleutel):
        try:
            return gegevens[sleutel]
        except (KeyError, TypeError, IndexError):
            return None

    code, bewaard = waarde(f"{veld}_code"), waarde(veld) or ""
    tekst = _keuzes().get(veld, {}).get(code) if isinstance(code, str) else None
    return str(tekst) if tekst is not None else bewaard
