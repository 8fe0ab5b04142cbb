from django.contrib import admin

from .models import Basisondersteuning, Bestuur, Samenwerkingsverband, School


class BasisondersteuningInline(admin.TabularInline):
    model = Basisondersteuning
    extra = 1


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "sector", "regio"]
    list_filter = ["sector"]
    search_fields = ["naam", "code", "regio"]
    inlines = [BasisondersteuningInline]


@admin.register(Bestuur)
class BestuurAdmin(admin.ModelAdmin):
    list_display = ["naam", "bevoegd_gezag_nummer"]
    search_fields = ["naam", "bevoegd_gezag_nummer"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["naam", "brin", "vestigingsnummer", "soort", "plaats", "bestuur"]
    list_filter = ["soort", "denominatie", "samenwerkingsverbanden"]
    search_fields = ["naam", "brin", "plaats"]
    list_select_related = ["bestuur"]
    filter_horizontal = ["samenwerkingsverbanden"]
