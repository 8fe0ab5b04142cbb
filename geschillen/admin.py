from django.contrib import admin

from .models import Klachtencommissie


@admin.register(Klachtencommissie)
class KlachtencommissieAdmin(admin.ModelAdmin):
    """The beheerder registers a klachtencommissie, the boards it serves and its secretaries (role
    'klachtencommissie')."""

    list_display = ["naam", "email"]
    search_fields = ["naam"]
    filter_horizontal = ["besturen", "secretarissen"]
