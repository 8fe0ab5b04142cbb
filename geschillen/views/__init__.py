"""The views of the geschillen app, per case kind; ``urls.py`` names them all."""

from portal.audit.services import audit_view
from portal.zaken.pagina import HANDELT, formulieren, verwerk
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


def reactie_op_oordeel(request, zaak, *, form, doe, succes: str, titel: str, omschrijving: str):
    """The board's written response to a commission's oordeel (a klacht D-5, a geschil D-4), after re-authentication:
    ``form`` bound to the POST, ``doe(cleaned_data)`` the service (a refusal: at the top of the form), a letter in
    the board's name. The caller checked that this user answers for the board."""
    from django.shortcuts import redirect, render

    from portal.accounts.views import reauth_redirect

    if (nodig := reauth_redirect(request)) is not None:
        return nodig
    klaar, _uit = verwerk(request, form, doe, succes)
    if klaar:
        return redirect(zaak.get_absolute_url())
    audit_view(actor=request.user, obj=zaak, leerling=zaak.leerling, omschrijving=omschrijving)
    return render(request, "geschillen/reactie.html", {"zaak": zaak, "form": form, "titel": titel,
                                                       "oordeel": zaak.get_oordeel_display(),
                                                       "samenvatting": zaak.oordeel_samenvatting})
