from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "portal.organisaties"
    label = "organisaties"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.core.registry import register_menu

        register_menu(_("Mandaatregister"), "organisaties:mandaten", lambda u: u.heeft_rol(Rol.BESTUURDER), 70)
