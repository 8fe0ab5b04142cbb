from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import tweestaps
from .models import Membership, TweestapsUitnodiging, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["school", "swv"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Persoon", {"fields": ("first_name", "last_name", "email_geverifieerd_op")}),
        ("Rechten", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Data", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [MembershipInline]
    actions = ["tweede_factor_resetten"]

    def get_actions(self, request):
        acties = super().get_actions(request)
        if not tweestaps.mag_resetten(request.user):  # only a beheerder (the service checks it again)
            acties.pop("tweede_factor_resetten", None)
        return acties

    @admin.action(description=_("Tweede factor resetten en een nieuwe koppellink mailen"))
    def tweede_factor_resetten(self, request, queryset):
        """Someone lost the phone and the recovery codes: remove their app and codes, mail a new link (issue #19 §2).
        Audited per account by the service."""
        for user in queryset:
            tweestaps.tweede_factor_reset(door=request.user, user=user)
        self.message_user(request, ngettext(
            "De tweede factor van %(n)d account is gereset; er is een nieuwe koppellink gemaild.",
            "De tweede factor van %(n)d accounts is gereset; er zijn nieuwe koppellinks gemaild.",
            queryset.count()) % {"n": queryset.count()}, messages.SUCCESS)


@admin.register(TweestapsUitnodiging)
class TweestapsUitnodigingAdmin(admin.ModelAdmin):
    """Read only: which links were sent, to whom, by whom, and whether they were used."""

    list_display = ["user", "aangemaakt_op", "verloopt_op", "gebruikt_op", "ingetrokken_op", "uitgegeven_door"]
    list_filter = ["aangemaakt_op"]
    search_fields = ["user__email"]
    readonly_fields = [f.name for f in TweestapsUitnodiging._meta.fields if f.name != "sleutel_hash"]
    exclude = ["sleutel_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
