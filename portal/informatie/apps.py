from django.apps import AppConfig


class InformatieConfig(AppConfig):
    """Public information: the school finder, know-your-rights pages, the glossary and the three checklists
    (issue #13; STYLE §1)."""

    name = "portal.informatie"
    label = "informatie"
    default_auto_field = "django.db.models.BigAutoField"
