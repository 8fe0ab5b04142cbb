from django.conf import settings
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404

# URL names a logged-in user without a verified second factor may still reach.
VRIJ = {
    "accounts:2fa_setup", "accounts:2fa_verify", "accounts:2fa_link", "accounts:2fa_koppelen", "accounts:logout",
    "core:health", "set_language",
}

# Set by single sign-on (portal.sso, issue #21 §5) to the account's pk when the board's identity provider asserted a
# second factor (acr/amr) at this login: for this session the portal does not ask its own code again.
SSO_TWEEDE_FACTOR = "sso_tweede_factor"


def _tweede_factor_van_aanbieder(request, user) -> bool:
    """The provider's second factor counts as the portal's: the user is marked verified for this request, as
    django-otp's own verification would (is_verified() is what every other check asks)."""
    if request.session.get(SSO_TWEEDE_FACTOR) != user.pk:
        return False
    user.is_verified = lambda: True
    return True


class RequireTwoFactorMiddleware:
    """Staff (every role except ouder and leerling) must pass TOTP before any page (issue #2 §5).
    Off only in demo mode (PORTAL_DEMO=1, refused in production). Without a confirmed device the user is sent to
    the set-up page, which shows no secret until an e-mailed link was used (issue #19 §2, accounts.tweestaps)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not settings.DEMO
            and user.vereist_2fa
            and not user.is_verified()
            and not _tweede_factor_van_aanbieder(request, user)
            and not request.path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL)
        ):
            try:
                match = resolve(request.path_info)
                naam = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
            except Resolver404:
                naam = None
            if naam not in VRIJ:
                from django_otp import devices_for_user

                if any(True for _ in devices_for_user(user, confirmed=True)):
                    from django.urls import reverse
                    from django.utils.http import urlencode

                    return redirect(reverse("accounts:2fa_verify") + "?" + urlencode({"next": request.get_full_path()}))
                return redirect("accounts:2fa_setup")
        return self.get_response(request)
