from django.apps import AppConfig


class OppConfig(AppConfig):
    name = "opp"
    verbose_name = "Ontwikkelingsperspectief"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import zaken

        zaken.register()
