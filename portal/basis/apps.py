from django.apps import AppConfig


class BasisConfig(AppConfig):
    name = "portal.basis"
    label = "basis"
    default_auto_field = "django.db.models.BigAutoField"
