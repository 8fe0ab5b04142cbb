"""The days equal to feestdagen as the running portal knows them (T-3): the database rows the beheerder
maintains, read at most once a minute per process (and at once after a change in this process). Before
the table exists (first migrate) or without a database, the shipped file counts."""

import time
from datetime import date, timedelta

from django.db import DatabaseError
from django.utils import timezone

from . import dates

_CACHE: dict = {"op": 0.0, "dagen": None}
GELDIG = 60.0  # seconds


def vergeet() -> None:
    _CACHE["op"], _CACHE["dagen"] = 0.0, None


def uit_database() -> frozenset[date]:
    nu = time.monotonic()
    if _CACHE["dagen"] is not None and nu - _CACHE["op"] < GELDIG:
        return _CACHE["dagen"]
    from .models import GelijkgesteldeDag

    try:
        dagen = frozenset(GelijkgesteldeDag.objects.values_list("datum", flat=True))
    except (DatabaseError, RuntimeError):  # no database (yet), or none allowed here (pure unit tests)
        return dates.standaard_gelijkgestelde_dagen()
    _CACHE["op"], _CACHE["dagen"] = nu, dagen
    return dagen


def bekend_tot() -> date | None:
    dagen = dates.gelijkgestelde_dagen()
    return max(dagen) if dagen else None


def waarschuwing(vandaag: date | None = None) -> str:
    """A Dutch warning for the beheerder when the known equalised days end within a year (issue #8 law 0)."""
    vandaag = vandaag or timezone.localdate()
    tot = bekend_tot()
    if tot is None or tot < vandaag + timedelta(days=365):
        return ("De met feestdagen gelijkgestelde dagen (Algemene termijnenwet art. 3 lid 3) zijn bekend tot "
                f"{tot.isoformat() if tot else 'geen enkele datum'}. Voeg de dagen van het volgende koninklijk "
                "besluit toe in het beheer, anders kloppen termijnen die op zo'n dag eindigen niet.")
    return ""
