from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """The SWV's monitoring pages (issue #20 §2, §3, §5; DOMAIN §5 W3): open and overdue terms per member school,
    the share decided on time per quarter, as tables and server-rendered SVG charts. A core app: it reads only the
    core's tables (zaken, termijnen, organisaties) and the Zaaktype registry, never a domain app."""

    name = "portal.monitoring"
    label = "monitoring"
    default_auto_field = "django.db.models.BigAutoField"
