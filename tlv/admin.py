from django.contrib import admin

from .models import Deskundige, Instellingen, Loket, Werkgebied


@admin.register(Deskundige)
class DeskundigeAdmin(admin.ModelAdmin):
    """The beheerder records an expert's profession and registration (C-3); the person needs the role
    'deskundige'."""

    list_display = ["user", "beroep", "registratie"]
    list_filter = ["beroep"]
    search_fields = ["user__email", "user__last_name", "registratie"]
    autocomplete_fields = ["user"]


@admin.register(Werkgebied)
class WerkgebiedAdmin(admin.ModelAdmin):
    """The municipalities of each SWV's area: the SWV of the pupil's home municipality decides when the pupil is not
    enrolled at a school of the sector (WPO 40 lid 8 b; WEC 40 lid 11 and 13)."""

    list_display = ["swv", "gemeente"]
    list_filter = ["swv__sector"]
    search_fields = ["swv__naam", "gemeente__naam", "gemeente__code"]


@admin.register(Loket)
class LoketAdmin(admin.ModelAdmin):
    list_display = ["swv", "naam", "bezwaar_adres"]
    search_fields = ["swv__naam", "naam"]


@admin.register(Instellingen)
class InstellingenAdmin(admin.ModelAdmin):
    """The SWV's own TLV settings (policy, not law): the cap on school years (C-5; the law sets no maximum) and the
    archive term of the decision (C-7). The SWV's staff edit them on the TLV desk page."""

    list_display = ["swv", "max_schooljaren", "archief_jaren", "gewijzigd_op"]
    search_fields = ["swv__naam"]
