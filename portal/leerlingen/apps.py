from django.apps import AppConfig


class LeerlingenConfig(AppConfig):
    name = "portal.leerlingen"
    label = "leerlingen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import termijnen  # noqa: F401  (retention rules G-2)
