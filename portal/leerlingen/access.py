"""Who may see which pupil: one place (issue #2 §5), extendable by the domain apps.

Domain apps (e.g. aanmelding: a school where the child is aangemeld) register an extra scope with
``register_leerling_scope(func)``, where ``func(user)`` returns a ``Q`` on Leerling or ``None``.
``portal`` never imports a domain app; the domain apps call this from their ``AppConfig.ready``.
"""

from collections.abc import Callable

from django.db.models import Q

_scopes: list[Callable] = []


def register_leerling_scope(func: Callable) -> None:
    if func not in _scopes:
        _scopes.append(func)


def extra_scopes(user) -> list[Q]:
    out = []
    for func in _scopes:
        q = func(user)
        if q is not None:
            out.append(q)
    return out
