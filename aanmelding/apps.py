from django.apps import AppConfig


class AanmeldingConfig(AppConfig):
    name = "aanmelding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models import Q
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.audit.services import register_sensitive_fields
        from portal.basis.registry import register_demo, register_menu
        from portal.documenten.registry import register_document_toegang
        from portal.termijnen.hooks import register_gevolg

        from . import (
            generatie,  # noqa: F401  (its share of the benchmark data set)
            termijnen,  # noqa: F401  (registers this app's legal term rules)
            zaken,
        )
        from .demo import demo
        from .services import tijdelijke_inschrijving

        zaken.register()
        register_gevolg("tijdelijke_inschrijving", tijdelijke_inschrijving)

        def gedeeld_met_gevraagde_school(user):
            """A school asked to admit the child sees only the documents the parents allowed to share (A-10)."""
            ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
            return Q(plaatsingsverzoeken__school_id__in=ids) if ids else None

        register_document_toegang(gedeeld_met_gevraagde_school)
        register_menu(_("Aanmeldingen"), "aanmelding:home", lambda u: u.heeft_rol(Rol.OUDER, Rol.IB, Rol.DIRECTEUR), 20)
        register_demo(demo)
        register_sensitive_fields("ondersteuning", "wat_belangrijk", "tekst", "intrek_reden")
