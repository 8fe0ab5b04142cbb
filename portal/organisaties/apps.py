from django.apps import AppConfig


class OrganisatiesConfig(AppConfig):
    name = "portal.organisaties"
    label = "organisaties"
    default_auto_field = "django.db.models.BigAutoField"
