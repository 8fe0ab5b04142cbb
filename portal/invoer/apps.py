from django.apps import AppConfig


class InvoerConfig(AppConfig):
    """Importing a school's administration (issue #21 §3): a CSV or XLSX export of pupils, groups and parents' e-mail addresses, previewed with an error per row and applied by the worker, idempotently."""

    name = "portal.invoer"
    label = "invoer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the tasks, which the services queue by name)
