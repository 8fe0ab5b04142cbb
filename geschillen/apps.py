from django.apps import AppConfig


class GeschillenConfig(AppConfig):
    name = "geschillen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import zaken

        zaken.register()
