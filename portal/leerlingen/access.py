"""Who may see which pupil: one place (issue #2 §5), extendable by the domain apps.

Domain apps (e.g. aanmelding: a school where the child is aangemeld) register an extra scope with
``register_leerling_scope(func)``, where ``func(user)`` returns a subquery of pupil ids (``….values("leerling_id")``:
preferred, it joins one ``IN (… UNION …)``), a ``Q`` on Leerling, or ``None``.
``portal`` never imports a domain app; the domain apps call this from their ``AppConfig.ready``.
"""

from collections.abc import Callable

from portal.basis.registry import Registry, sleutel_van

SCOPES = Registry("leerlingtoegang", "extra pupils a user may see (e.g. a school asked to admit the child)")


def register_leerling_scope(func: Callable) -> None:
    SCOPES.register(sleutel_van(func), func)


def extra_scopes(user) -> list:
    out = []
    for func in SCOPES.values():
        q = func(user)
        if q is not None:
            out.append(q)
    return out
