from django.apps import AppConfig


class OppConfig(AppConfig):
    name = "opp"
    verbose_name = "Ontwikkelingsperspectief"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from portal.audit.services import register_sensitive_fields
        from portal.basis.registry import register_demo, register_menu
        from portal.leerlingen.services import register_na_inschrijving

        from . import (
            generatie,  # noqa: F401  (its share of the benchmark data set)
            termijnen,  # noqa: F401  (registers this app's legal term rules: B-2, B-5)
            zaken,
        )
        from .demo import demo
        from .services import opp_start_bij_inschrijving

        zaken.register()
        register_na_inschrijving(opp_start_bij_inschrijving)  # B-2
        register_menu(_("Ontwikkelingsperspectief"), "opp:home", _menu_zichtbaar, 25)
        register_demo(demo)
        register_sensitive_fields("onderbouwing", "belemmerende_factoren", "bevorderende_factoren", "sterke_kanten",
                                  "onderwijsbehoeften", "verwachting_ouders", "ondersteuning", "afwijkingen",
                                  "taakverdeling", "criterium", "omschrijving", "aanpak", "uitstroom_toelichting")
        self._geschillen()

    @staticmethod
    def _geschillen():
        """The geschillen app's dossier export shows the OPP's record (versions with their instemming, evaluations)
        when that app is installed; this app does not need it."""
        from django.apps import apps

        if not apps.is_installed("geschillen"):
            return
        from portal.zaken.bezwaarregeling import register_dossier_bron

        from .selectors import dossier_regels

        register_dossier_bron(dossier_regels)


def _menu_zichtbaar(user) -> bool:
    """IB'er and directeur; parents; a pupil from 12 (below 12 the pupil has no OPP pages of their own)."""
    from portal.accounts.constants import Rol

    if user.heeft_rol(Rol.IB, Rol.DIRECTEUR, Rol.OUDER, Rol.VERTEGENWOORDIGER):
        return True
    if user.heeft_rol(Rol.LEERLING):
        from portal.zaken import hoorrecht

        leerling = getattr(user, "leerling", None)
        return leerling is not None and hoorrecht.is_twaalf_plus(leerling)
    return False
