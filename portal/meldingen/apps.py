from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "portal.meldingen"
    label = "meldingen"
    default_auto_field = "django.db.models.BigAutoField"
