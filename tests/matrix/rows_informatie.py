"""Rows for the public information's URLs (public pages: everyone 200)."""

from . import PERSONAS, Rij, ok

ROWS = [
    Rij("informatie:home", ok(*PERSONAS), anoniem=200),
]
