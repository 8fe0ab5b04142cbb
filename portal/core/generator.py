"""The national-scale data generator (issue #14): deterministic per seed, fast (PostgreSQL COPY; one
precomputed password hash for every generated account), and extendable — each domain app registers what it
adds (``register_generator``) and writes its rows through the same writer, so the generator never needs to
know an app's tables. An app's generator lives in its ``generatie`` module, found by ``ontdek`` (autodiscovery).

Rows are given as dicts of field attnames; fields left out get the model's default. Ids are allocated here,
so rows can point at each other before anything is written.
"""

import io
import json
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import connection, models

from portal.basis.registry import Registry, sleutel_van
from portal.basis.typed_json import TypedJSONEncoder

_GENERATORS = Registry("generatoren", "each app's rows for the national-scale data set (manage.py genereer)")


def register_generator(func: Callable, volgorde: int = 50) -> None:
    """``func(ctx: Generatie)`` adds an app's rows. Called in ``volgorde`` (core data first, at 10)."""
    _GENERATORS.register(sleutel_van(func), (volgorde, func))


def generators() -> list[Callable]:
    return [f for _, f in sorted(_GENERATORS.values(), key=lambda t: t[0])]


def _tekst(v, veld: models.Field) -> str:
    if v is None:
        return r"\N"
    if isinstance(veld, models.JSONField):
        v = json.dumps(v, cls=getattr(veld, "encoder", None) or TypedJSONEncoder)
    elif isinstance(v, bool):
        v = "t" if v else "f"
    elif isinstance(v, datetime):
        v = v.isoformat()
    elif isinstance(v, date | Decimal | int | float):
        v = str(v)
    v = str(v)
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


@dataclass
class Generatie:
    """What a generator gets: the scale, a seeded random, id allocation, a writer, and the shared lists
    (schools, pupils, users …) earlier generators filled."""

    scale: float
    seed: int
    today: date
    rnd: random.Random = field(init=False)
    data: dict = field(default_factory=dict)  # shared results, e.g. data["scholen"] = [(id, soort, …)]
    tellers: dict = field(default_factory=dict)  # rows written per table, for the report
    _next_id: dict = field(default_factory=dict)

    def __post_init__(self):
        self.rnd = random.Random(self.seed)

    def n(self, nationaal: int, minimum: int = 1) -> int:
        """A national figure at this scale."""
        return max(minimum, round(nationaal * self.scale))

    def ids(self, model, aantal: int) -> range:
        """Reserve ``aantal`` primary keys of ``model`` (continuing after what the table holds)."""
        tabel = model._meta.db_table
        if tabel not in self._next_id:
            with connection.cursor() as c:
                c.execute(f'SELECT COALESCE(MAX("{model._meta.pk.column}"), 0) FROM "{tabel}"')  # noqa: S608 (model meta)
                self._next_id[tabel] = c.fetchone()[0] + 1
        start = self._next_id[tabel]
        self._next_id[tabel] = start + aantal
        return range(start, start + aantal)

    def schrijf(self, model, rijen: Iterable[dict], *, batch: int = 200_000) -> int:
        """Write rows of ``model``'s own table (for a child of a multi-table model: only its own fields — write
        the parent's table with the parent model). COPY on PostgreSQL, executemany elsewhere."""
        velden = list(model._meta.local_concrete_fields)
        kolommen = [f.column for f in velden]
        n = 0
        buffer: list = []
        copy = connection.vendor == "postgresql"
        json_velden = {f.attname for f in velden if isinstance(f, models.JSONField)}
        json_cache: dict[int, tuple] = {}

        def spoel():
            nonlocal buffer
            if not buffer:
                return
            if copy:
                data = io.StringIO("".join(buffer))
                with connection.cursor() as c:
                    c.cursor.copy_expert(f'COPY "{model._meta.db_table}" ({", ".join(chr(34) + k + chr(34) for k in kolommen)}) '
                                         "FROM STDIN", data)
            else:  # each value as the field prepares it for this database (a boolean stays a boolean on SQLite)
                plaats = ", ".join(["%s"] * len(kolommen))
                with connection.cursor() as c:
                    c.executemany(f'INSERT INTO "{model._meta.db_table}" ({", ".join(kolommen)}) VALUES ({plaats})',  # noqa: S608
                                  buffer)
            buffer = []

        for rij in rijen:
            waarden = []
            for f in velden:
                if f.attname in rij:
                    v = rij[f.attname]
                elif f.name in rij:
                    v = rij[f.name]
                elif f.has_default():
                    v = f.get_default()
                elif f.null:
                    v = None
                elif isinstance(f, models.CharField | models.TextField):
                    v = ""
                else:
                    raise ValueError(f"{model.__name__}.{f.name}: geen waarde en geen standaard")
                if copy and json_velden and f.attname in json_velden and isinstance(v, dict | list):
                    # one snapshot object shared by many rows (a rule's parameters) is encoded once; the cache keeps
                    # the object, so its id cannot be reused by another during this call
                    bewaard = json_cache.get(id(v))
                    if bewaard is None:
                        bewaard = json_cache[id(v)] = (v, _tekst(v, f))
                    waarden.append(bewaard[1])
                    continue
                waarden.append(_tekst(v, f) if copy else f.get_db_prep_save(v, connection))
            buffer.append("\t".join(waarden) + "\n" if copy else waarden)
            n += 1
            if len(buffer) >= batch:
                spoel()
        spoel()
        self.tellers[model._meta.db_table] = self.tellers.get(model._meta.db_table, 0) + n
        return n

    def sequences_bijwerken(self) -> None:
        """After explicit ids: let each table's sequence continue after its highest id (PostgreSQL)."""
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as c:
            for tabel in self._next_id:
                sql = (f"SELECT setval(pg_get_serial_sequence('\"{tabel}\"', 'id'), "  # noqa: S608 (model meta)
                       f"GREATEST((SELECT COALESCE(MAX(id), 1) FROM \"{tabel}\"), 1))")
                c.execute(sql)


def ontdek() -> None:
    """Import every installed app's ``generatie`` module, so each app's generator registers itself (as the monitoring
    figures do) — the core names no app."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("generatie")


def genereer(*, scale: float, seed: int, today: date, uitvoer=print) -> Generatie:
    ontdek()
    ctx = Generatie(scale=scale, seed=seed, today=today)
    for func in generators():
        begin = time.monotonic()
        voor = sum(ctx.tellers.values())
        func(ctx)
        rijen = sum(ctx.tellers.values()) - voor
        duur = time.monotonic() - begin
        uitvoer(f"  {func.__module__}.{func.__name__}: {rijen:,} rijen in {duur:.1f} s "
                f"({rijen / duur if duur else 0:,.0f} rijen/s)")
    ctx.sequences_bijwerken()
    return ctx
