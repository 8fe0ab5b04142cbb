"""The beheerder sees every import and how it ended (a run that failed, or waits because the worker is down); never
the rows themselves (a child's details are the school's), and changes nothing here."""

from django.contrib import admin

from .models import Invoer


@admin.register(Invoer)
class InvoerAdmin(admin.ModelAdmin):
    list_display = ["pk", "school", "status", "aangemaakt_op", "toegepast_op", "klaar_op", "aantal_rijen", "geldig",
                    "verwerkt", "nieuw", "gewijzigd", "ongewijzigd", "mislukt", "pogingen"]
    list_filter = ["status"]
    list_select_related = ["school"]
    fields = list_display[1:] + ["bezig_sinds", "formaat"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
