from django.apps import AppConfig


class OppConfig(AppConfig):
    name = "opp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import termijnen  # noqa: F401  (registers this app's legal term rules)
