from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """The SWV's monitoring pages (issue #20 §2, §3, §5; DOMAIN §5 W3): open and overdue terms per member school,
    the share decided on time per quarter, as tables and server-rendered SVG charts. A core app: it reads the core's
    tables (zaken, termijnen, organisaties) and the Zaaktype registry; the figures that read a domain app's own fields
    are registered by that app's ``monitoring`` module (``figuren.register_figuur``), imported here."""

    name = "portal.monitoring"
    label = "monitoring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("monitoring")
