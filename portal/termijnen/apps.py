from django.apps import AppConfig
from django.core import checks


class TermijnenConfig(AppConfig):
    name = "portal.termijnen"
    label = "termijnen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.basis.registry import register_menu

        from . import dates, feestdagen

        checks.register(check_termijnen_registry)
        dates.set_gelijkgestelde_bron(feestdagen.uit_database)  # T-3: the days the beheerder maintains
        register_menu(_("Mijn termijnen"), "termijnen:mijn", lambda u: u.vereist_2fa, 80)
        register_menu(_("Termijnen berekenen"), "termijnen:rekenhulp", lambda u: u.vereist_2fa, 81)


def check_termijnen_registry(app_configs, **kwargs):
    from .rules import check_registry

    return [checks.Error(p, id="termijnen.E001") for p in check_registry()]
