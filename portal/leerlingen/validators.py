from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def bsn_is_geldig(value: str) -> bool:
    """The elfproef for a burgerservicenummer: 9 digits (8 with a leading zero added),
    sum of digit × weight (9, 8, … 2, −1) divisible by 11, and not all zeros."""
    if not value or not value.isdigit() or len(value) not in (8, 9):
        return False
    value = value.zfill(9)
    if value == "000000000":
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    total = sum(int(d) * w for d, w in zip(value, weights, strict=True))
    return total % 11 == 0


def validate_bsn(value: str) -> None:
    if not value:
        return
    if not value.isdigit() or len(value) not in (8, 9):
        raise ValidationError(_("Een BSN bestaat uit 9 cijfers."), code="bsn_lengte")
    if not bsn_is_geldig(value):
        raise ValidationError(_("Dit is geen geldig BSN: het voldoet niet aan de elfproef."), code="bsn_elfproef")


def mask_bsn(value: str) -> str:
    """Show only the last three digits, e.g. ******782."""
    if not value:
        return ""
    return "*" * (len(value) - 3) + value[-3:]
