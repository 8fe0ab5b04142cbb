"""The aanmelding as a case kind of the core (issue #7): its status table, its decision, its letters,
what staff see waiting and what parents see on their tracker — and every other hook this app fills (its term rules,
the A-9 consequence, document access of an asked school, the menu, the demo, the generated data set).
``register()`` is the one call from ``AppConfig.ready``."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.accounts.constants import Rol
from portal.audit.services import register_sensitive_fields
from portal.basis.registry import register_demo, register_menu
from portal.core.generator import register_generator
from portal.documenten.registry import register_brief, register_document_toegang
from portal.termijnen.hooks import register_gevolg
from portal.zaken.bezwaarregeling import register_dossier_bron
from portal.zaken.registry import (
    Besluittype,
    Status,
    Taak,
    Zaaktype,
    overgang,
    register_besluittype,
    register_taken,
    register_zaaktype,
)
from portal.zaken.toegang import ouders_en_school

from .constants import BesluitSoort, BriefSoort
from .constants import Status as S

STATUSSEN = (
    Status(S.ONTVANGEN, _l("Ontvangen"), _l("De school heeft uw aanmelding ontvangen")),
    Status(S.IN_ONDERZOEK, _l("In onderzoek"), _l("De school onderzoekt wat uw kind nodig heeft")),
    Status(S.BESLUIT_VOORBEREID, _l("Besluit klaar voor ondertekening"), _l("De school werkt aan het besluit")),
    Status(S.BESLOTEN, _l("Besloten"), _l("De school heeft besloten"), eind=True),
    Status(S.INGETROKKEN, _l("Ingetrokken door ouders"), _l("U heeft de aanmelding ingetrokken"), eind=True),
)
OVERGANGEN = (
    overgang(S.ONTVANGEN, S.IN_ONDERZOEK, "school"),
    overgang((S.ONTVANGEN, S.IN_ONDERZOEK), S.BESLUIT_VOORBEREID, "school"),
    overgang(S.BESLUIT_VOORBEREID, S.IN_ONDERZOEK, "school"),
    overgang(S.BESLUIT_VOORBEREID, S.BESLOTEN, "ondertekenaar"),
    overgang((S.ONTVANGEN, S.IN_ONDERZOEK, S.BESLUIT_VOORBEREID), S.INGETROKKEN, "ouder"),
)


def _stap(aanmelding):
    from .tracker import stap

    return stap(aanmelding)


def _opschorting_vanaf(aanmelding, verzoekdag):
    from .services import opschorting_vanaf

    return opschorting_vanaf(aanmelding, verzoekdag)


def _bij_verlopen(verzoek):
    from .services import informatie_verlopen

    informatie_verlopen(verzoek)


def _na_bekendmaking(besluit, door, vandaag):
    from .services import na_bekendmaking

    na_bekendmaking(besluit, door, vandaag)


def _rechtsmiddelen(besluit):
    from .services import rechtsmiddelen

    return rechtsmiddelen(besluit)


def _brief_gegevens(besluit, klokken):
    from .services import besluit_brief_gegevens

    return besluit_brief_gegevens(besluit, klokken)


def _bevindingen(aanmelding):
    from .services import bevindingen

    return bevindingen(aanmelding)


def taken(user):
    """New aanmeldingen to pick up and requests of other schools to admit a child, for the IB'er/directeur."""
    from .selectors import nieuwe_aanmeldingen, open_plaatsingsverzoeken, school_ids

    if not school_ids(user):
        return []
    out = [Taak(_("Nieuwe aanmelding: %(nr)s") % {"nr": a.nummer}, reverse("aanmelding:dossier", args=[a.pk]),
                soort="nieuw") for a in nieuwe_aanmeldingen(user)]
    out += [Taak(_("Plaatsingsverzoek beantwoorden: %(nr)s") % {"nr": f"#{v.pk}"},
                 reverse("aanmelding:plaatsing", args=[v.pk]), soort="beantwoorden")
            for v in open_plaatsingsverzoeken(user)]
    return out


def _menu_zichtbaar(user) -> bool:
    return user.heeft_rol(Rol.OUDER, Rol.IB, Rol.DIRECTEUR)


def register():
    register_zaaktype(Zaaktype(
        code="aanmelding", naam=_l("Aanmelding"), model="aanmelding.Aanmelding", statussen=STATUSSEN,
        overgangen=OVERGANGEN, toegang=ouders_en_school, url_ouder="aanmelding:detail", url_staf="aanmelding:dossier",
        stap=_stap, opschorting_vanaf=_opschorting_vanaf, bij_verlopen_verzoek=_bij_verlopen, bevindingen=_bevindingen,
    ))
    register_besluittype(Besluittype(
        code="aanmelding", naam=_l("Besluit op de aanmelding"), uitkomsten=list(BesluitSoort.choices),
        brief=BriefSoort.BESLUIT, na_bekendmaking=_na_bekendmaking, rechtsmiddelen=_rechtsmiddelen,
        brief_gegevens=_brief_gegevens, samenvatting="aanmelding/_besluit_samenvatting.html",
    ))
    for soort in BriefSoort:
        register_brief(soort.value, soort.label, f"aanmelding/pdf/{soort.value.split('.', 1)[1]}.html")
    register_taken(taken)

    from . import termijnen  # noqa: F401  (its rules register as the module loads: A-6, A-8, A-9)
    from .demo import demo
    from .generatie import aanmeldingen
    from .selectors import documenten_gedeeld_met_gevraagde_school, dossier_regels
    from .services import tijdelijke_inschrijving

    register_gevolg("tijdelijke_inschrijving", tijdelijke_inschrijving)
    register_document_toegang(documenten_gedeeld_met_gevraagde_school)
    register_menu(_l("Aanmeldingen"), "aanmelding:home", _menu_zichtbaar, 20)
    register_demo(demo)
    register_generator(aanmeldingen, 30)  # its share of the benchmark data set
    register_sensitive_fields("ondersteuning", "wat_belangrijk", "tekst", "intrek_reden")
    register_dossier_bron(dossier_regels)  # the conversation reports, for the geschillen dossier export
