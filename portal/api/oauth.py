"""django-oauth-toolkit hooks (issue #21 §2): a revoked client gets no token, and a client may ask only for the
scopes of its Koppeling."""

from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import BaseScopes


def _koppeling(application):
    from .models import Koppeling

    if application is None:
        return None
    return Koppeling.objects.filter(application_id=application.pk).first()


class KoppelingValidator(OAuth2Validator):
    def authenticate_client(self, request, *args, **kwargs):
        if not super().authenticate_client(request, *args, **kwargs):
            return False
        k = _koppeling(request.client)
        return k is not None and k.actief


class ScopesBackend(BaseScopes):
    def get_all_scopes(self):
        from .registry import SCOPES

        return {s.naam: s.omschrijving for s in SCOPES.values()}

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        k = _koppeling(application)
        return list(k.scopes) if k is not None and k.actief else []

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self.get_available_scopes(application, request)
