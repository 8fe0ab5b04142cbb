from django.apps import AppConfig


class TlvConfig(AppConfig):
    name = "tlv"
    verbose_name = "Toelaatbaarheidsverklaring"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks
        from django.db.models import Q
        from django.utils.translation import gettext_lazy as _

        from portal.accounts.constants import Rol
        from portal.audit.services import register_sensitive_fields
        from portal.basis.registry import register_demo, register_menu
        from portal.documenten.registry import register_document_toegang
        from portal.termijnen.hooks import register_gevolg
        from portal.zaken.inzage import register_inzage

        from . import (
            generatie,  # noqa: F401  (its share of the benchmark data set)
            termijnen,  # noqa: F401  (registers this app's legal term rules)
            toegang,
            zaken,
        )
        from .checks import check_c5_parameters
        from .demo import demo
        from .services import tlv_verlopen

        zaken.register()
        zaken.register_bezwaar()  # C-6 on the bezwaar case kind of geschillen
        register_gevolg("tlv_verlopen", tlv_verlopen)  # C-5: an expired TLV is marked
        checks.register(check_c5_parameters)

        def documenten_bij_aanvraag(user):
            """The OPP's documents while the application is with the user's SWV (or assigned to them as expert), and
            the documents of a bezwaar against a TLV decision of the user's SWV (it decides on it)."""
            q = None
            opp = toegang.opp_zaken_in_behandeling(user)
            if opp is not None:
                q = Q(zaak_id__in=opp)
            swv_ids = user.swv_ids() if user.is_authenticated else set()
            if swv_ids:
                bezwaar = Q(zaak__zaaktype="bezwaar", zaak__swv_id__in=swv_ids, zaak__betreft_besluit__besluittype="tlv")
                q = bezwaar if q is None else q | bezwaar
            return q

        register_document_toegang(documenten_bij_aanvraag)
        # While an application is with the SWV, its staff read the pupil's arrangement and OPP: the access rules of
        # those kinds honour this through portal.zaken.inzage (issue #12).
        register_inzage(("arrangement", "opp"), toegang.inzage_leerlingen)
        register_menu(_("TLV's"), "tlv:home", lambda u: u.heeft_rol(Rol.SWV, Rol.IB, Rol.DIRECTEUR, Rol.DESKUNDIGE), 27)
        register_menu(_("TLV-register"), "tlv:register", lambda u: u.heeft_rol(Rol.SWV), 28)
        register_demo(demo)
        register_sensitive_fields("onderwijsbehoeften", "geprobeerd", "zienswijze", "advies", "intrek_reden",
                                  "ingetrokken_reden", "reden")
