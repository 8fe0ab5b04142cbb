from django.contrib import admin

from .models import (
    Basisondersteuning,
    BasisondersteuningOnderdeel,
    BasisondersteuningVersie,
    Bestuur,
    Ondersteuningsprofiel,
    ProfielExpertise,
    ProfielOnderdeel,
    Samenwerkingsverband,
    School,
    VrijePeriode,
)


class BasisondersteuningInline(admin.TabularInline):
    model = Basisondersteuning
    extra = 1
    fields = ["volgorde", "gebied", "titel", "omschrijving"]


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "sector", "regio"]
    list_filter = ["sector"]
    search_fields = ["naam", "code", "regio"]
    filter_horizontal = ["gemeenten"]
    inlines = [BasisondersteuningInline]


@admin.register(Bestuur)
class BestuurAdmin(admin.ModelAdmin):
    list_display = ["naam", "bevoegd_gezag_nummer"]
    search_fields = ["naam", "bevoegd_gezag_nummer"]


@admin.register(VrijePeriode)
class VrijePeriodeAdmin(admin.ModelAdmin):
    """E-1: the school calendar — holidays and free days of a school or of every school of a board."""
    list_display = ["omschrijving", "van", "tot", "school", "bestuur"]
    list_filter = ["bestuur"]
    search_fields = ["omschrijving", "school__naam", "bestuur__naam"]
    list_select_related = ["school", "bestuur"]
    autocomplete_fields = ["school", "bestuur"]
    date_hierarchy = "van"


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["naam", "brin", "vestigingsnummer", "soort", "plaats", "bestuur"]
    list_filter = ["soort", "denominatie", "samenwerkingsverbanden"]
    search_fields = ["naam", "brin", "plaats"]
    list_select_related = ["bestuur"]
    filter_horizontal = ["samenwerkingsverbanden"]


class _AlleenLezen:
    """Published versions and set profiles are a record: read them here, change them in the portal."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BasisondersteuningOnderdeelInline(_AlleenLezen, admin.TabularInline):
    model = BasisondersteuningOnderdeel
    fields = ["volgorde", "gebied", "titel", "omschrijving"]


@admin.register(BasisondersteuningVersie)
class BasisondersteuningVersieAdmin(_AlleenLezen, admin.ModelAdmin):
    list_display = ["swv", "nummer", "gepubliceerd_op"]
    list_select_related = ["swv"]
    inlines = [BasisondersteuningOnderdeelInline]


class ProfielOnderdeelInline(_AlleenLezen, admin.TabularInline):
    model = ProfielOnderdeel
    fields = ["soort", "gebied", "titel"]


class ProfielExpertiseInline(_AlleenLezen, admin.TabularInline):
    model = ProfielExpertise
    fields = ["expertise", "beschikbaar", "toelichting"]


@admin.register(Ondersteuningsprofiel)
class OndersteuningsprofielAdmin(_AlleenLezen, admin.ModelAdmin):
    list_display = ["school", "nummer", "status", "vastgesteld_op", "rolstoeltoegankelijk", "raadpleging_op"]
    list_filter = ["status", "rolstoeltoegankelijk", "lift", "ingang"]
    search_fields = ["school__naam"]
    list_select_related = ["school"]
    inlines = [ProfielOnderdeelInline, ProfielExpertiseInline]
