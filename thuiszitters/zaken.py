"""The thuiszitter as a case kind of the core (issue #20 §1): status table, access, the parents' tracker step in plain
words, menu, demo data and the clocks' consequences. Registered from ``AppConfig.ready``."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.accounts.constants import Rol
from portal.zaken.registry import Stap, Status, Zaaktype, overgang, register_zaaktype

from .constants import Status as S

STATUSSEN = (
    Status(S.OPEN, _l("Open: school zoekt een oplossing"), _l("School en ouders zoeken samen naar onderwijs")),
    Status(S.BIJ_SWV, _l("Bij het samenwerkingsverband (langer dan 3 maanden)"),
           _l("Het samenwerkingsverband helpt mee zoeken naar onderwijs")),
    Status(S.BEEINDIGD, _l("Beëindigd: terug in het onderwijs"), _l("Weer naar school"), eind=True),
)
OVERGANGEN = (
    overgang(S.OPEN, S.BIJ_SWV, "systeem", "swv"),  # F-3: after 3 months, or earlier when the SWV takes it on
    overgang((S.OPEN, S.BIJ_SWV), S.BEEINDIGD, "school", "swv"),
)


def stap(t) -> Stap:
    """The tracker line, in plain words: what is being done and the next date (no rule ids, no status codes)."""
    if not t.is_open:
        return Stap(_("Uw kind gaat weer naar school."), nu_anderen=_("De leerling gaat weer naar school."))
    volgende = ""
    if t.plan_volgende_datum:
        volgende = _("Volgende afspraak: %(datum)s.") % {"datum": date_format(t.plan_volgende_datum, "j F Y")}
    nu = _("De school zoekt samen met u naar onderwijs dat past.")
    if t.status == S.BIJ_SWV:
        nu = _("Het samenwerkingsverband helpt mee zoeken naar onderwijs dat past.")
    return Stap(nu, volgende, uiterlijk=t.plan_volgende_datum, aan_zet="swv" if t.status == S.BIJ_SWV else "school",
                nu_anderen=_("Er wordt gezocht naar onderwijs dat past."))


GEBEURTENISSEN = {
    "plan": lambda g, voor_ouders: _("Het plan is bijgewerkt"),
    "mening": lambda g, voor_ouders: _("Er is een mening vastgelegd"),
    "leerplicht": lambda g, voor_ouders: _("De leerplichtambtenaar is geïnformeerd"),
    "onderwijsconsulent": lambda g, voor_ouders: _("Gewezen op de onderwijsconsulent"),
    "deels_terug": lambda g, voor_ouders: _("De leerling krijgt weer een deel van de week onderwijs"),
    "f4_herinnering": lambda g, voor_ouders: _("Herinnering: verzuim melden aan leerplicht"),
}


def register():
    from portal.basis.registry import register_demo, register_menu
    from portal.termijnen.hooks import register_gevolg

    from . import termijnen  # noqa: F401  (registers F-1…F-4)
    from .demo import demo
    from .selectors import thuiszitter_toegang
    from .services import gevolg_alarm_swv, gevolg_onderwijsconsulent

    register_menu(_l("Thuiszitters"), "thuiszitters:lijst", lambda u: u.heeft_rol(Rol.IB, Rol.DIRECTEUR, Rol.SWV), 40)
    register_demo(demo)
    register_gevolg("thuiszitter_onderwijsconsulent", gevolg_onderwijsconsulent)  # F-2
    register_gevolg("thuiszitter_alarm_swv", gevolg_alarm_swv)  # F-3
    register_zaaktype(Zaaktype(
        code="thuiszitter", naam=_l("Thuiszitter"), model="thuiszitters.Thuiszitter", statussen=STATUSSEN,
        overgangen=OVERGANGEN, toegang=thuiszitter_toegang, url_ouder="thuiszitters:detail",
        url_staf="thuiszitters:detail", stap=stap, gebeurtenissen=GEBEURTENISSEN))
