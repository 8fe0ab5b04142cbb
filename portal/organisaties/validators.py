import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BRIN_RE = re.compile(r"^\d{2}[A-Z]{2}$")
VESTIGING_RE = re.compile(r"^\d{2}$")


def validate_brin(value: str) -> None:
    """A BRIN number is 2 digits and 2 capital letters (DUO), e.g. 12AB — checked with python-stdnum's
    ``stdnum.nl.brin`` (which also knows the 6-character vestiging form, kept in its own field here)."""
    from stdnum.nl import brin

    if not (BRIN_RE.match(value or "") and brin.is_valid(value)):
        raise ValidationError(
            _("Een BRIN-nummer bestaat uit 2 cijfers en 2 hoofdletters, bijvoorbeeld 12AB."), code="brin"
        )


def validate_vestigingsnummer(value: str) -> None:
    if not VESTIGING_RE.match(value or ""):
        raise ValidationError(_("Een vestigingsnummer bestaat uit precies 2 cijfers, bijvoorbeeld 00."), code="vestiging")
