from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "portal.documenten"
    label = "documenten"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the tasks, which services queue by name)
