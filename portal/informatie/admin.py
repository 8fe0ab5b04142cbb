from django.contrib import admin

from .models import SteunpuntContact


@admin.register(SteunpuntContact)
class SteunpuntContactAdmin(admin.ModelAdmin):
    """The beheerder can fill in a steunpunt's contact for an SWV that has not done so itself. The checklists are
    not in the admin: they hold what parents wrote about their child."""

    list_display = ("naam", "swv", "telefoon", "email", "bijgewerkt_op")
    search_fields = ("naam", "swv__naam")
