from django.contrib import admin

from portal.audit.models import Actie
from portal.audit.services import audit_log

from . import feestdagen
from .models import GelijkgesteldeDag


@admin.register(GelijkgesteldeDag)
class GelijkgesteldeDagAdmin(admin.ModelAdmin):
    """The beheerder adds the days of the next royal decree (T-3) without a release."""

    list_display = ["datum", "besluit", "bron", "toegevoegd_op"]
    search_fields = ["besluit"]
    exclude = ["toegevoegd_door"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.toegevoegd_door = request.user
        super().save_model(request, obj, form, change)
        audit_log(actor=request.user, actie=Actie.GEWIJZIGD if change else Actie.AANGEMAAKT, obj=obj,
                  label=f"Gelijkgestelde dag {obj.datum.isoformat()}")
        feestdagen.vergeet()

    def delete_model(self, request, obj):
        audit_log(actor=request.user, actie=Actie.VERWIJDERD, obj=obj, label=f"Gelijkgestelde dag {obj.datum.isoformat()}")
        super().delete_model(request, obj)
        feestdagen.vergeet()
