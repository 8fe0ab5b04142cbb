"""Rows for the ondersteuning's URLs."""

from . import INGELOGD, Rij, ok

ROWS = [
    Rij("ondersteuning:home", ok(*INGELOGD)),  # placeholder until the ondersteuningsaanbod issue
]
