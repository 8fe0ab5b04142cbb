from django.apps import AppConfig


class OndersteuningConfig(AppConfig):
    name = "ondersteuning"
    default_auto_field = "django.db.models.BigAutoField"
