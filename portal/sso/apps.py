from django.apps import AppConfig


class SsoConfig(AppConfig):
    """Single sign-on through OpenID Connect (issue #21 §5): staff through their board's identity provider, parents through a DigiD/eHerkenning broker; providers configured by the beheerder."""

    name = "portal.sso"
    label = "sso"
    default_auto_field = "django.db.models.BigAutoField"
