from django.apps import AppConfig


class AanmeldingConfig(AppConfig):
    name = "aanmelding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .zaken import register

        register()
