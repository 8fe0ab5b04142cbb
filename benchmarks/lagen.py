"""What each middleware layer costs per request (issue #23 §5), measured in the process with django.test.Client.

A timer sits before every layer of ``settings.MIDDLEWARE`` and one before the view: a layer's own cost is the time
spent inside its timer minus the time inside the next one (the same for SQL queries). What a layer starts lazily is
paid where it is first used: ``request.user`` (the session, the account, the second factor) is loaded by the first
layer that reads it. A layer's ``process_view`` hook (CSRF) runs just before the view and counts as the view's.

    python benchmarks/web.py --scale 0.1 --lagen [--alleen-lagen]
"""

import statistics
import time

from django.db import connection

METING: dict[int, tuple[float, int]] = {}  # timer index -> (seconds inside, queries inside), one request


class _Tijd:
    index = 0

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        q0 = len(connection.queries_log)
        t0 = time.perf_counter()
        response = self.get_response(request)
        METING[self.index] = (time.perf_counter() - t0, len(connection.queries_log) - q0)
        return response


for _i in range(64):
    globals()[f"Tijd{_i}"] = type(f"Tijd{_i}", (_Tijd,), {"index": _i})


def getimed(middleware: list[str]) -> list[str]:
    """``middleware`` with a timer before each layer and one before the view."""
    uit = []
    for i, m in enumerate(middleware):
        uit += [f"{__name__}.Tijd{i}", m]
    return [*uit, f"{__name__}.Tijd{len(middleware)}"]


def meet(verzoeken: list[tuple[str, dict]], middleware: list[str], herhaal: int = 20) -> dict:
    """Per layer the median own cost (ms) and queries over ``verzoeken`` ([(path, client kwargs)]), each asked
    ``herhaal`` times after one warm-up. Returns {"lagen": [(name, ms, queries)], "view": (ms, q), "totaal": ms}."""
    from django.test import Client, override_settings

    per_laag: list[list[float]] = [[] for _ in middleware]
    q_laag: list[list[int]] = [[] for _ in middleware]
    view, q_view, totaal = [], [], []
    with override_settings(MIDDLEWARE=getimed(middleware)):
        for path, kw in verzoeken:
            c = Client(HTTP_X_FORWARDED_PROTO="https", **kw.get("headers", {}))
            for naam, waarde in kw.get("cookies", {}).items():
                c.cookies[naam] = waarde
            c.get(path)
            connection.force_debug_cursor = True
            try:
                for _ in range(herhaal):
                    connection.queries_log.clear()
                    METING.clear()
                    t = time.perf_counter()
                    r = c.get(path)
                    totaal.append(time.perf_counter() - t)
                    if r.status_code != 200:
                        raise SystemExit(f"lagen: {path} gaf {r.status_code}")
                    n = len(middleware)
                    for i in range(n):
                        per_laag[i].append(METING[i][0] - METING[i + 1][0])
                        q_laag[i].append(METING[i][1] - METING[i + 1][1])
                    view.append(METING[n][0])
                    q_view.append(METING[n][1])
            finally:
                connection.force_debug_cursor = False
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    return {"lagen": [(m, ms(per_laag[i]), statistics.median(q_laag[i])) for i, m in enumerate(middleware)],
            "view": (ms(view), statistics.median(q_view)), "totaal": ms(totaal)}


def tabel_lagen(per_groep: dict[str, dict], middleware: list[str]) -> tuple[list[str], list[list]]:
    """A table: one row per layer, per group its ms (queries)."""
    groepen = list(per_groep)
    kop = ["laag", *[f"{g} ms (queries)" for g in groepen]]
    rijen = []
    for i, m in enumerate(middleware):
        rijen.append([m.rsplit(".", 1)[-1]] + [f"{per_groep[g]['lagen'][i][1]:.3f} ({per_groep[g]['lagen'][i][2]:g})"
                                               for g in groepen])
    rijen.append(["alle lagen samen"] + [f"{sum(x[1] for x in per_groep[g]['lagen']):.3f} "
                                         f"({sum(x[2] for x in per_groep[g]['lagen']):g})" for g in groepen])
    rijen.append(["de view (met process_view)"] + [f"{per_groep[g]['view'][0]:.3f} ({per_groep[g]['view'][1]:g})"
                                                   for g in groepen])
    rijen.append(["heel het verzoek (Client)"] + [f"{per_groep[g]['totaal']:.3f}" for g in groepen])
    return kop, rijen
