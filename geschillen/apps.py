from django.apps import AppConfig


class GeschillenConfig(AppConfig):
    name = "geschillen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.audit.services import register_sensitive_fields
        from portal.basis.registry import register_demo, register_menu

        from . import (
            termijnen,  # noqa: F401  (registers this app's legal term rules)
            zaken,
        )
        from .demo import demo

        zaken.register()
        register_menu(_("Hulp, klacht en bezwaar"), "geschillen:home", lambda u: u.heeft_rol(
            Rol.OUDER, Rol.IB, Rol.DIRECTEUR, Rol.BESTUURDER, Rol.SWV, Rol.KLACHTENCOMMISSIE, Rol.ONDERWIJSCONSULENT,
            Rol.CLIENTONDERSTEUNER, Rol.STEUNPUNT, Rol.LEERPLICHT), 60)
        register_demo(demo)
        register_sensitive_fields("onderwerp", "gewenst", "zitting_verslag", "oordeel_samenvatting", "aanbevelingen",
                                  "maatregelen", "gronden", "te_laat_reden", "hoorverslag", "toelichting",
                                  "verweer_samenvatting", "reactie_motivering", "vraag", "intake_notitie",
                                  "uitkomst_toelichting", "afspraken", "verslag", "reden")
