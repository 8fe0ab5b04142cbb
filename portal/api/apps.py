from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "portal.api"
    label = "api"
    verbose_name = _("API en koppelingen")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import schema  # noqa: F401  (the OpenAPI description of the authentication)
        from .bronnen import leerlingen, scholen, termijnen  # noqa: F401  (the core's own resources)

        # Each app contributes its resources in an ``api.py`` that calls ``register_bron`` (portal.api.registry); the
        # core never imports a domain app by name (tests/test_lagen.py), it only looks for the module.
        autodiscover_modules("api")
