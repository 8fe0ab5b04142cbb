from django.apps import AppConfig


class InformatieConfig(AppConfig):
    """Public information: the school finder, know-your-rights pages, the glossary and the three checklists
    (issue #13; STYLE §1)."""

    name = "portal.informatie"
    label = "informatie"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.audit.services import register_sensitive_fields
        from portal.basis.registry import register_demo, register_menu

        from .demo import demo

        # Everyone logged in finds the public information and their checklists from the menu; anonymous visitors
        # reach /informatie/ without a menu.
        register_menu(_("Informatie en checklists"), "informatie:home", lambda u: u.is_authenticated, 80)
        register_menu(_("Terugkoppeling van ouders"), "informatie:terugkoppelingen",
                      lambda u: u.heeft_rol(Rol.IB, Rol.DIRECTEUR), 81)
        register_demo(demo)
        # A parent's note on a checklist can hold support or health details (G-1).
        register_sensitive_fields("notitie")
        # The public pages' version moves with every change to what they show (issue #23 §3).
        from .signals import verbind

        verbind()
