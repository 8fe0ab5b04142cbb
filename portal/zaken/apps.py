from django.apps import AppConfig


class ZakenConfig(AppConfig):
    name = "portal.zaken"
    label = "zaken"
    verbose_name = "Zaken"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.audit.services import register_sensitive_fields
        from portal.basis.registry import register_menu
        from portal.leerlingen.access import register_leerling_scope

        from . import termijnen  # noqa: F401  (registers A-15, the report to leerplicht)
        from .models import Zaak
        from .versie import verbind

        def zaak_bij_mijn_school(user):
            """The IB'er/directeur of a school sees the pupils with a case at that school (e.g. aangemeld)."""
            ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
            if not ids:
                return None
            return Zaak.objects.filter(school_id__in=ids).values("leerling_id")  # ids: joins the union (#23 §2)

        register_leerling_scope(zaak_bij_mijn_school)
        register_menu(_("Toestemmingen"), "zaken:toestemmingen", lambda u: u.heeft_rol(Rol.OUDER, Rol.LEERLING), 30)
        register_menu(_("Meldingen van scholen"), "zaken:leerplicht", lambda u: bool(u.gemeente_ids()), 30)
        verbind()  # every change a reader could see moves a version (issue #23 §1)
        register_sensitive_fields("motivering", "antwoord", "omschrijving", "doel", "omvang")
