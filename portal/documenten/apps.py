from django.apps import AppConfig


class DocumentenConfig(AppConfig):
    name = "portal.documenten"
    label = "documenten"
