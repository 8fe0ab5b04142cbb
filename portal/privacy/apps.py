from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The AVG rights of families (issue #19): inzage as a ZIP (art. 15), requests for correction or erasure with the
    AVG's month (art. 12 lid 3, 16, 17), and the retention terms of the pupil file (DOMAIN G-2, C-7). A core app: it
    reads the domain apps only through the core's tables and registries, never by import."""

    name = "portal.privacy"
    label = "privacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.audit.services import register_sensitive_fields
        from portal.basis.registry import register_menu

        from . import termijnen, zaken  # noqa: F401  (the rule G-3 and the case kind "avg")

        zaken.registreer()
        register_sensitive_fields("wat", "waarom", "motivering")

        def _verwerker(user):
            from .selectors import is_verwerker

            return user.is_authenticated and is_verwerker(user)

        register_menu(_("AVG-verzoeken"), "privacy:verzoeken", _verwerker, 85)
