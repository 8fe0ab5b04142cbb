"""A Redis cache that a Redis outage does not turn into a 500 (issue #19 §3).

Django's ``RedisCache`` raises redis' ``ConnectionError`` from every call while Redis is down; the session
engine (``cached_db``) reads the session through the cache, so every logged-in request failed. This backend
treats the cache as what it is — an optional copy:

* a read that fails is a miss (``cached_db`` then reads the session from the database), a write that fails is
  skipped (the database already has it), ``incr`` of a key it cannot reach behaves as for a missing key;
* after a failure it does not try Redis again for ``PAUZE`` seconds (default 5), so a Redis that hangs costs one
  short timeout per process per pause, not one per call (set ``socket_connect_timeout``/``socket_timeout`` too);
* the outage is logged as one warning when it starts, one a minute while it lasts and one when it ends — no stack
  trace per request;
* when Redis answers again and this process skipped writes meanwhile, the cached sessions are dropped first
  (they are read again from the database). Otherwise a session ended during the outage (logout, a password change)
  would come back from a Redis that kept its data, and a session changed during the outage would read stale.

Why not django-redis with ``DJANGO_REDIS_IGNORE_EXCEPTIONS``: it also returns a miss, but it tries Redis on every
call (a hanging Redis costs a timeout per call), logs a stack trace per ignored call when logging is on, and does not
drop the sessions that went stale. Django's own backend with these few lines does what we need without a dependency.
"""

import itertools
import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger("portal.cache")

# The key prefix of django.contrib.sessions.backends.cached_db (KEY_PREFIX there, a public constant).
SESSIE_PREFIX = "django.contrib.sessions.cached_db"
VERSIE_PREFIX = "versie:"  # portal.basis.versie.PREFIX
MELD_ELKE = 60.0  # seconds between the "still down" warnings


class _Staat:
    """The outage state of one Redis server, shared by the threads of a process (Django makes one backend per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.storing_sinds: float | None = None  # time.monotonic() of the first failure of this outage
        self.volgende_poging = 0.0
        self.laatst_gemeld = 0.0
        self.schrijf_gemist = False


_STATEN: dict[str, _Staat] = {}
_STATEN_LOCK = threading.Lock()


def _staat(server: str) -> _Staat:
    with _STATEN_LOCK:
        return _STATEN.setdefault(server, _Staat())


class StoringsbestendigeRedisCache(RedisCache):
    """``RedisCache`` that survives an outage (see the module docstring). Extra OPTIONS: ``PAUZE`` (seconds)."""

    def __init__(self, server, params):
        opties = dict(params.get("OPTIONS") or {})
        self.pauze = float(opties.pop("PAUZE", 5))
        super().__init__(server, {**params, "OPTIONS": opties})
        self._staat = _staat(str(server))

    # --- the outage state -------------------------------------------------------------------------------
    @property
    def in_storing(self) -> bool:
        return self._staat.storing_sinds is not None

    def _mag_proberen(self) -> bool:
        """False while paused after a failure. When the pause is over: drop stale sessions first (see above)."""
        st = self._staat
        if st.storing_sinds is None:
            return True
        if time.monotonic() < st.volgende_poging:
            return False
        with st.lock:
            if st.storing_sinds is None:
                return True
            if time.monotonic() < st.volgende_poging:
                return False
            try:
                gewist = self._wis_sessies() if st.schrijf_gemist else 0
            except self._fouten() as exc:
                self._mislukt(exc, schrijven=False, al_vast=True)
                return False
            duur = time.monotonic() - st.storing_sinds
            st.storing_sinds, st.schrijf_gemist = None, False
        log.warning("cache (redis) reachable again after %.0f s; %d cached sessions dropped, read again from the "
                    "database", duur, gewist)
        return True

    def _mislukt(self, exc: Exception, *, schrijven: bool, al_vast: bool = False) -> None:
        st = self._staat
        nu = time.monotonic()
        if not al_vast:
            st.lock.acquire()
        try:
            st.volgende_poging = nu + self.pauze
            st.schrijf_gemist = st.schrijf_gemist or schrijven
            if st.storing_sinds is None:
                st.storing_sinds, st.laatst_gemeld = nu, nu
                meld = "cache (redis) unreachable (%s: %s); sessions are read from the database, cache writes skipped"
            elif nu - st.laatst_gemeld >= MELD_ELKE:
                st.laatst_gemeld = nu
                meld = "cache (redis) still unreachable (%s: %s)"
            else:
                meld = ""
        finally:
            if not al_vast:
                st.lock.release()
        if meld:
            log.warning(meld, exc.__class__.__name__, exc)

    def _fouten(self):
        return (self._cache._lib.exceptions.RedisError, OSError)

    def _wis_sessies(self) -> int:
        client = self._cache.get_client(write=True)
        gewist, partij = 0, []
        # with the sessions the versions of pages (portal.basis.versie): a bump skipped during the outage must not
        # leave an old version, and with it a cached page part, behind (issue #23 §1)
        for sleutel in itertools.chain(client.scan_iter(match=self.make_key(SESSIE_PREFIX + "*"), count=1000),
                                       client.scan_iter(match=self.make_key(VERSIE_PREFIX + "*"), count=1000)):
            partij.append(sleutel)
            if len(partij) >= 1000:
                gewist += client.delete(*partij)
                partij = []
        if partij:
            gewist += client.delete(*partij)
        return gewist

    def _doe(self, schrijven: bool, bij_storing, functie, *args, **kwargs):
        if not self._mag_proberen():
            if schrijven:
                self._staat.schrijf_gemist = True
            return bij_storing()
        try:
            return functie(*args, **kwargs)
        except self._fouten() as exc:
            self._mislukt(exc, schrijven=schrijven)
            return bij_storing()

    def ping(self) -> tuple[bool, str]:
        """For /health: asks Redis directly (not paused), and ends the outage state when it answers."""
        try:
            self._cache.get_client(write=True).ping()
        except self._fouten() as exc:
            self._mislukt(exc, schrijven=False)
            return False, exc.__class__.__name__
        if self.in_storing:
            self._staat.volgende_poging = 0.0
            self._mag_proberen()
        return True, "redis"

    # --- the cache API ------------------------------------------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._doe(True, lambda: False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._doe(False, lambda: default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._doe(True, lambda: None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._doe(True, lambda: False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._doe(True, lambda: False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._doe(False, dict, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._doe(False, lambda: False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        def ontbreekt():
            raise ValueError(f"Key '{key}' not found (cache unreachable)")

        return self._doe(True, ontbreekt, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._doe(True, lambda: list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._doe(True, lambda: None, super().delete_many, keys, version)

    def clear(self):
        return self._doe(True, lambda: False, super().clear)
