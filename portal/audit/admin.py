from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only; values are not shown here (the beheerder sees no pupil data, DOMAIN §2)."""

    list_display = ["tijdstip", "actor_omschrijving", "systeem", "actie", "object_type", "object_label"]
    list_filter = ["actie", "systeem", "object_type"]
    fields = ["tijdstip", "actor_omschrijving", "systeem", "actie", "omschrijving", "object_type", "object_id",
              "object_label", "gewijzigde_velden"]
    readonly_fields = fields

    @admin.display(description="gewijzigde velden")
    def gewijzigde_velden(self, obj):
        return ", ".join(obj.wijzigingen.keys()) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
