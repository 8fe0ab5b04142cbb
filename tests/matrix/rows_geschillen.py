"""Rows for the geschillen's URLs."""

from . import INGELOGD, Rij, ok

ROWS = [
    Rij("geschillen:home", ok(*INGELOGD)),  # placeholder until the geschillen issue
]
