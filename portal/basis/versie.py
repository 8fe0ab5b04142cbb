"""Versions of what a page shows, to cache rendered parts (issue #23 §1).

A version is a random token in the shared cache under ``versie:<sleutel>`` (``leerling:12``, ``org:school:3``,
``user:7``, ``alles``). ``bump`` sets a new token; a key that is missing (never read, evicted, Redis down) gets a new
token too. So a cached part stored under a set of tokens is read again only while none of them moved: after a change
the page is rendered fresh, never served stale.

* ``bump`` sets the token at once (inside a transaction: before this thread's next read of a version, all keys in one
  cache call) *and* again when the transaction commits (``transaction.on_commit``): a reader that
  read the old data during the transaction and stored it under the token of that moment is overtaken at the commit.
* Redis down: ``versie`` gets no token, makes a new one each time (a miss, fresh render), ``bump`` is skipped. When
  Redis answers again, ``portal.basis.cache`` drops the ``versie:`` keys with the sessions, so a bump missed during
  the outage cannot leave an old token behind.
* Without a shared cache (locmem in a production with several processes) a bump in one process would not reach the
  others: parts are then not cached at all (``aan``).
"""

import hashlib
import secrets
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PREFIX = "versie:"
BEWAAR = 30 * 24 * 3600  # a token unused this long is dropped; a new one is made when it is read again
DEEL_BEWAAR = 6 * 3600  # a rendered part; today's date is in its key anyway


def aan() -> bool:
    """Cache rendered parts: with a cache all processes share (Redis), or outside production (one process: tests,
    runserver). ``VERSIE_DELEN = False/True`` in the settings decides otherwise."""
    keuze = getattr(settings, "VERSIE_DELEN", None)
    if keuze is not None:
        return bool(keuze)
    gedeeld = "locmem" not in settings.CACHES["default"]["BACKEND"].lower()
    return gedeeld or not getattr(settings, "PRODUCTION", False)


_TELLER = 0  # bumps in this process: what a request keeps for itself is read again after a bump of its own


def teller() -> int:
    return _TELLER


def versie(*sleutels: str) -> str:
    """The current tokens of these keys, as one string (one cache read for all of them)."""
    return ".".join(versies(*sleutels).values())


def versies(*sleutels: str) -> dict[str, str]:
    """The current token of each key (one cache read for all of them): for a list whose rows each have their own."""
    if not sleutels:
        return {}
    if (w := _wacht()) is not None:
        w.zet_open()  # a part read later in the writing transaction must not be an old one
    namen = {s: PREFIX + s for s in dict.fromkeys(sleutels)}
    gevonden = cache.get_many(list(namen.values()))
    uit = {}
    for s, naam in namen.items():
        token = gevonden.get(naam)
        if token is None:
            token = secrets.token_hex(8)
            cache.add(naam, token, BEWAAR)  # another process may have set one meanwhile: then ours is never read
        uit[s] = token
    return uit


def _zet(namen) -> None:
    cache.set_many({n: secrets.token_hex(8) for n in namen}, BEWAAR)


class _Wacht:
    """The keys bumped in the running transaction of this thread. They are set in the cache once, together, before the
    next read of a version in this thread (``versies``: a part rendered later in the same transaction is never an old
    one) and once more, together, at the commit — not one cache call per written row (the deadline sweep writes
    thousands of rows in one transaction). A rollback drops them: nothing changed."""

    def __init__(self):
        self.lijst = None  # the connection's run_on_commit list: Django makes a new one at each commit and rollback
        self.alle: set[str] = set()
        self.open: set[str] = set()

    def zet_open(self) -> None:
        if self.open:
            _zet(self.open)
            self.open = set()

    def __call__(self) -> None:  # at the commit
        self.open = set()
        _zet(self.alle)


_lokaal = threading.local()


def _wacht(maak: bool = False) -> _Wacht | None:
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        return None
    w = getattr(_lokaal, "wacht", None)
    if w is not None and w.lijst is conn.run_on_commit:
        return w
    if w is not None:  # a savepoint rolled back (or a test ran the commit hooks): what was bumped before still counts
        w.zet_open()
        _lokaal.wacht = None
    if not maak:
        return None
    w = _Wacht()
    transaction.on_commit(w)
    w.lijst = conn.run_on_commit
    _lokaal.wacht = w
    return w


def bump(*sleutels: str) -> None:
    """New tokens for these keys: at once outside a transaction; inside one before this thread's next read of a
    version and at the commit (see ``_Wacht`` and the module docstring)."""
    global _TELLER
    if not sleutels:
        return
    _TELLER += 1
    namen = {PREFIX + s for s in sleutels}
    w = _wacht(maak=True)
    if w is None:
        _zet(namen)
        return
    w.open |= namen
    w.alle |= namen


def deel(naam: str, sleutel: str, maak):
    """A rendered part (a string) from the cache under ``naam`` + ``sleutel`` (the versions and everything else the
    part depends on: the reader's relation, the language, today's date), or ``maak()`` and stored."""
    if not aan():
        return maak()
    k = f"deel:{naam}:" + hashlib.blake2b(sleutel.encode(), digest_size=16).hexdigest()
    tekst = cache.get(k)
    if tekst is None:
        tekst = maak()
        cache.set(k, tekst, DEEL_BEWAAR)
    return tekst


def delen(naam: str, sleutels: dict, maak) -> dict:
    """Many parts at once (e.g. the rows of a list): ``sleutels`` {id: key}; ``maak(ids)`` renders the missing ones
    as {id: string}. Two cache round trips for the whole list."""
    if not aan():
        return maak(list(sleutels))
    namen = {i: f"deel:{naam}:" + hashlib.blake2b(s.encode(), digest_size=16).hexdigest() for i, s in sleutels.items()}
    gevonden = cache.get_many(list(namen.values()))
    uit = {i: gevonden[n] for i, n in namen.items() if n in gevonden}
    missen = [i for i in sleutels if i not in uit]
    if missen:
        nieuw = maak(missen)
        cache.set_many({namen[i]: t for i, t in nieuw.items()}, DEEL_BEWAAR)
        uit |= nieuw
    return uit
