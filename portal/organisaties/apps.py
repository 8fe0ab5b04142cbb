from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "portal.organisaties"
    label = "organisaties"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.basis.registry import register_demo, register_menu

        from .demo import demo

        register_menu(_("Mandaatregister"), "organisaties:mandaten", lambda u: u.heeft_rol(Rol.BESTUURDER), 70)
        register_menu(_("Ondersteuningsprofiel"), "organisaties:profiel_mijn",
                      lambda u: u.heeft_rol(Rol.IB, Rol.DIRECTEUR), 60)
        register_menu(_("Basisondersteuning"), "organisaties:basis_mijn", lambda u: u.heeft_rol(Rol.SWV), 60)
        register_demo(demo)
