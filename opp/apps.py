from django.apps import AppConfig


class OppConfig(AppConfig):
    name = "opp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.core.registry import register_menu
        from portal.leerlingen.services import register_na_inschrijving

        from . import (
            generatie,  # noqa: F401  (its share of the benchmark data set)
            termijnen,  # noqa: F401  (registers this app's legal term rules)
            zaken,
        )
        from .services import opp_start_bij_inschrijving

        zaken.register()
        register_na_inschrijving(opp_start_bij_inschrijving)  # B-2
        register_menu(_("OPP's"), "opp:home", lambda u: u.heeft_rol(Rol.IB, Rol.DIRECTEUR), 25)
