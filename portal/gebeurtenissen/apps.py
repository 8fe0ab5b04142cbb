from django.apps import AppConfig


class GebeurtenissenConfig(AppConfig):
    """Event notifications (issue #21 §4): organisations subscribe; the case core's events become signed CloudEvents messages in an outbox, sent by the worker and retried with backoff."""

    name = "portal.gebeurtenissen"
    label = "gebeurtenissen"
    default_auto_field = "django.db.models.BigAutoField"
