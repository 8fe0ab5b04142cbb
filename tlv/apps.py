from django.apps import AppConfig


class TlvConfig(AppConfig):
    name = "tlv"
    verbose_name = "Toelaatbaarheidsverklaring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .zaken import register

        register()
