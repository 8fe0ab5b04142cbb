from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "portal.meldingen"
    label = "meldingen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the tasks, which services queue by name)
