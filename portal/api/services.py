"""Creating and revoking an API client (issue #21 §2). Keyword-only, atomic, audited."""

from django.db import transaction
from django.utils import timezone
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_access_token_model, get_application_model, get_refresh_token_model

from portal.audit.models import Actie
from portal.audit.services import audit_log

from .models import Koppeling


class KoppelingFout(Exception):
    """Dutch, shown to the beheerder."""


@transaction.atomic
def koppeling_maak(*, naam: str, door, scopes: list[str], school=None, bestuur=None, swv=None) -> tuple[Koppeling, str]:
    """A new client for one organisation's system. Returns the client and its secret, which is stored hashed and
    shown only this once."""
    from django.core.exceptions import ValidationError

    Application = get_application_model()
    geheim = generate_client_secret()
    app = Application(name=naam[:255], client_type=Application.CLIENT_CONFIDENTIAL,
                      authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS, client_secret=geheim,
                      user=None, skip_authorization=True)
    koppeling = Koppeling(application=app, naam=naam, school=school, bestuur=bestuur, swv=swv,
                          scopes=sorted(set(scopes)), aangemaakt_door=door)
    try:
        koppeling.clean()
    except ValidationError as e:
        raise KoppelingFout(" ".join(e.messages)) from None
    app.save()
    koppeling.application = app
    koppeling.save()
    audit_log(actor=door, actie=Actie.AANGEMAAKT, obj=koppeling,
              omschrijving=f"API-koppeling aangemaakt voor {koppeling.organisatie} met {', '.join(koppeling.scopes)}")
    return koppeling, geheim


@transaction.atomic
def koppeling_trek_in(*, koppeling: Koppeling, door) -> Koppeling:
    """Revoke at once: the client gets no new token (portal.api.oauth) and every token it holds is deleted, so its
    next call is refused (401). The client stays, for the audit trail."""
    k = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if k.ingetrokken_op is None:
        k.ingetrokken_op = timezone.now()
        k.save(update_fields=["ingetrokken_op"])
        get_refresh_token_model().objects.filter(application_id=k.application_id).delete()
        get_access_token_model().objects.filter(application_id=k.application_id).delete()
        audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=k, omschrijving="API-koppeling ingetrokken")
    return k


@transaction.atomic
def koppeling_nieuw_geheim(*, koppeling: Koppeling, door) -> str:
    """A new secret (the old one stops working at once, and so do its tokens)."""
    k = Koppeling.objects.select_for_update().select_related("application").get(pk=koppeling.pk)
    if k.ingetrokken_op is not None:
        raise KoppelingFout("Deze koppeling is ingetrokken.")
    geheim = generate_client_secret()
    k.application.client_secret = geheim
    k.application.save(update_fields=["client_secret"])
    get_access_token_model().objects.filter(application_id=k.application_id).delete()
    audit_log(actor=door, actie=Actie.GEWIJZIGD, obj=k, omschrijving="Nieuw geheim voor API-koppeling")
    return geheim
