from django.apps import AppConfig


class AanmeldingConfig(AppConfig):
    name = "aanmelding"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models import Exists, OuterRef

        from portal.accounts.constants import Rol
        from portal.audit.services import register_sensitive_fields
        from portal.leerlingen.access import register_leerling_scope
        from portal.termijnen.hooks import register_gevolg

        from . import termijnen  # noqa: F401  (registers this app's legal term rules)
        from .models import Aanmelding
        from .services import tijdelijke_inschrijving

        register_gevolg("tijdelijke_inschrijving", tijdelijke_inschrijving)

        def aangemeld_bij_mijn_school(user):
            """The IB'er/directeur of a school sees the pupils aangemeld there."""
            ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
            if not ids:
                return None
            return Exists(Aanmelding.objects.filter(leerling=OuterRef("pk"), school_id__in=ids))

        register_leerling_scope(aangemeld_bij_mijn_school)
        register_sensitive_fields("ondersteuning", "wat_belangrijk", "motivering", "ondersteuning_aanbod", "antwoord",
                                  "tekst", "reactie_reden", "intrek_reden")
