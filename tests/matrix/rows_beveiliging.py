"""Rows for reporting a vulnerability (issue #19): security.txt and its policy page are public."""

from . import PERSONAS, Rij, ok

ROWS = [
    Rij("core:security_txt", ok(*PERSONAS)),
    Rij("core:beveiliging", ok(*PERSONAS)),
]
