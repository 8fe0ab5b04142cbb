from django.apps import AppConfig
from django.core import checks


class TermijnenConfig(AppConfig):
    name = "portal.termijnen"
    label = "termijnen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register(check_termijnen_registry)


def check_termijnen_registry(app_configs, **kwargs):
    from .rules import check_registry

    return [checks.Error(p, id="termijnen.E001") for p in check_registry()]
