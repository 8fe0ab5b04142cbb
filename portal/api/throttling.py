"""Rate limits per client (issue #21 §1): API_RATE calls per client, or per address without a token; above it 429
(a problem detail with Retry-After)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .systeem import SysteemGebruiker


class KoppelingThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.API_RATE  # read per call, so a test or an operator can change it

    def get_cache_key(self, request, view):
        user = request.user
        if isinstance(user, SysteemGebruiker):
            ident = f"k{user.api_koppeling.pk}"
        else:
            ident = f"ip{self.get_ident(request)}"
        return f"api-throttle:{ident}"
