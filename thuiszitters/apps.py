from django.apps import AppConfig


class ThuiszittersConfig(AppConfig):
    name = "thuiszitters"
    verbose_name = "Thuiszitters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .zaken import register

        register()
