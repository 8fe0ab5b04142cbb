from django.apps import AppConfig


class OndersteuningConfig(AppConfig):
    name = "ondersteuning"
    verbose_name = "Ondersteuningsaanbod"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .zaken import register

        register()
