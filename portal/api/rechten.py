"""Scopes per resource, read or write (issue #21 §2)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from .systeem import SysteemGebruiker


def benodigde_scope(view, request) -> str | None:
    basis = getattr(view, "scope_basis", None)
    if basis is None:
        return None
    return f"{basis}:{'lezen' if request.method in SAFE_METHODS else 'schrijven'}"


class HeeftScope(BasePermission):
    """A view with ``scope_basis`` needs a client's token with the scope ``<basis>:lezen`` (GET) or
    ``<basis>:schrijven``; without a token 401, without the scope 403. A view without it is public."""

    message = "Deze koppeling heeft geen toestemming voor deze handeling."

    def has_permission(self, request, view):
        scope = benodigde_scope(view, request)
        if scope is None:
            return True
        user = request.user
        if not isinstance(user, SysteemGebruiker):
            return False
        if not user.heeft_scope(scope):
            self.message = f"Deze koppeling heeft de scope '{scope}' niet."
            return False
        return True
