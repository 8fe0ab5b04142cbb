from django.apps import AppConfig


class OndersteuningConfig(AppConfig):
    name = "ondersteuning"
    verbose_name = "Ondersteuningsaanbod"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.audit.services import register_sensitive_fields
        from portal.basis.registry import register_demo, register_menu

        from . import (
            termijnen,  # noqa: F401  (registers this app's term rules: S-5, D-6)
            zaken,
        )
        from .demo import demo

        zaken.register()
        register_menu(_("Ondersteuning"), "ondersteuning:home",
                      lambda u: u.heeft_rol(Rol.OUDER, Rol.LEERLING, Rol.IB, Rol.DIRECTEUR, Rol.SWV), 22)
        register_menu(_("Mijn leerlingen"), "ondersteuning:leerkracht", lambda u: u.heeft_rol(Rol.LEERKRACHT), 22)
        register_demo(demo)
        register_sensitive_fields("doel", "onderzocht", "aanpassingen", "bevindingen", "gevraagd", "waarom",
                                  "weten", "doen", "afspraken", "deelnemers", "opmerking", "beschikkingsnummer",
                                  "beschikking_omvang", "aanbieder_naam", "andere_school_naam")
