from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404
from django.shortcuts import redirect


class PortalAdminSite(admin.AdminSite):
    """The technical admin (``/beheer/``) exists only for staff accounts: anyone else — a parent, an
    IB'er, an anonymous visitor — gets 404, not a login page (issue #8, stumbled 12). Staff log in
    through the portal's own login (with 2FA) and then open it."""

    site_header = "Passend Portaal — beheer"
    site_title = "Passend Portaal"

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if not (request.user.is_active and request.user.is_staff):
                raise Http404
            return inner(request, *args, **kwargs)

        wrapper.__name__ = getattr(view, "__name__", "admin_view")
        return wrapper

    def login(self, request, extra_context=None):
        if request.user.is_active and request.user.is_staff:
            return redirect("admin:index")
        raise Http404


    def logout(self, request, extra_context=None):
        if not (request.user.is_active and request.user.is_staff):
            raise Http404
        return super().logout(request, extra_context)


class PortalAdminConfig(AdminConfig):
    default_site = "portal.core.admin_site.PortalAdminSite"
