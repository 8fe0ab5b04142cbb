from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GebeurtenissenConfig(AppConfig):
    """Event notifications (issue #21 §4): organisations subscribe; the case core's events become signed CloudEvents messages in an outbox, sent by the worker and retried with backoff."""

    name = "portal.gebeurtenissen"
    label = "gebeurtenissen"
    verbose_name = _("Gebeurtenissen (berichten aan gekoppelde systemen)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.zaken.registry import register_taken

        from . import tasks  # noqa: F401  (registers the task, which the services queue by name)
        from .taken import taken

        register_taken(taken)
