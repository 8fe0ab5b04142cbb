from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "portal.documenten"
    label = "documenten"

    def ready(self):
        # registers the tasks, which services queue by name; through them also ``exports``, whose post_delete
        # receiver removes an export's file with its row
        from . import tasks  # noqa: F401
