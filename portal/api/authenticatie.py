"""Bearer tokens of django-oauth-toolkit, bound to a Koppeling (issue #21 §2).

The token is looked up in the database on every call (django-oauth-toolkit's validator; nothing is cached), and the
client's Koppeling with it: revoking it refuses the very next call (401)."""

from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.exceptions import AuthenticationFailed

from .systeem import SysteemGebruiker


class KoppelingAuthenticatie(OAuth2Authentication):
    www_authenticate_realm = "passend-portaal"

    def authenticate(self, request):
        resultaat = super().authenticate(request)
        if resultaat is None:
            return None
        _user, token = resultaat
        from .models import Koppeling

        koppeling = (Koppeling.objects.actief().select_related("school", "bestuur", "swv")
                     .filter(application_id=token.application_id).first())
        if koppeling is None:
            raise AuthenticationFailed("Deze koppeling is ingetrokken of bestaat niet.")
        return SysteemGebruiker(koppeling, set(token.scope.split())), token
