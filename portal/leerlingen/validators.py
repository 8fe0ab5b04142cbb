from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def bsn_is_geldig(value: str) -> bool:
    """The elfproef for a burgerservicenummer (8 or 9 digits), as python-stdnum checks it (issue #8: a
    maintained library rather than hand-written checks)."""
    from stdnum.nl import bsn

    if not value or not (value.isascii() and value.isdigit()) or len(value) not in (8, 9) or not value.strip("0"):
        return False
    return bsn.is_valid(value)


def validate_bsn(value: str) -> None:
    if not value:
        return
    if not (value.isascii() and value.isdigit()) or len(value) not in (8, 9):  # "²".isdigit() is true
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_lengte")
    if not bsn_is_geldig(value):
        raise ValidationError(_("Dit is geen geldig BSN: het voldoet niet aan de elfproef."), code="bsn_elfproef")


def mask_bsn(value: str) -> str:
    """Show only the last three digits, e.g. ******782."""
    if not value:
        return ""
    return "*" * (len(value) - 3) + value[-3:]
