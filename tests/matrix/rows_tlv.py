"""Rows for the TLV's URLs."""

from . import INGELOGD, Rij, ok

ROWS = [
    Rij("tlv:home", ok(*INGELOGD)),  # placeholder until the TLV issue
]
