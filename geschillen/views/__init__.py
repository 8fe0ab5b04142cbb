"""The views of the geschillen app, per case kind; ``urls.py`` names them all."""

from portal.audit.services import audit_view
from portal.zaken.pagina import HANDELT, formulieren
from portal.zaken.services import relaties


def zaakpagina(request, zaak, acties, *, omschrijving: str, gebonden=None, rel=None) -> dict:
    """What every case page of this app shows, for this reader: their relations (``rel``; computed when an action
    view sends a refused form back), whether they act for the pupil (``ouder``), the forms of the actions they may
    use, the tracker step and the open clocks. The view is audited."""
    rel = rel if rel is not None else frozenset(relaties(request.user, zaak))
    audit_view(actor=request.user, obj=zaak, leerling=zaak.leerling, omschrijving=omschrijving)
    return {"zaak": zaak, "rel": rel, "ouder": bool(rel & HANDELT),
            "forms": formulieren(acties, request, zaak, rel, gebonden), "stap": zaak.type.stap(zaak),
            "klokken": list(zaak.klokken.values()), "fout_in_formulier": bool(gebonden)}
