from django.contrib import admin

from .models import Groep, Invalbeurt


class InvalbeurtInline(admin.TabularInline):
    model = Invalbeurt
    extra = 0
    fields = ["leerkracht", "van", "tot", "ingetrokken_op", "door"]
    raw_id_fields = ["leerkracht", "door"]


@admin.register(Groep)
class GroepAdmin(admin.ModelAdmin):
    """Groups are maintained by the school in the portal (Ondersteuning → Groepen); this is the technical view."""

    list_display = ["naam", "schooljaar", "school"]
    list_filter = ["schooljaar"]
    search_fields = ["naam", "school__naam"]
    list_select_related = ["school"]
    # Pupils and teachers by id: no list of every pupil in the country on one page.
    raw_id_fields = ["school", "leerlingen", "leerkrachten"]
    inlines = [InvalbeurtInline]
