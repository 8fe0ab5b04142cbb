"""The thuiszitter as a case kind of the core (issue #20 §1): status table, access, the parents' tracker step in plain
words, menu, demo data and the clocks' consequences. Registered from ``AppConfig.ready``."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.accounts.constants import Rol
from portal.zaken.registry import Stap, Status, Taak, Zaaktype, overgang, register_taken, register_zaaktype

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


def _zelf(t) -> bool:
    """The pupil is 18 or older and acts for themselves: the family reading ``Stap.nu`` is the pupil, addressed as
    "je" (as the pupil's own pages do), never as the parent of "uw kind"."""
    from portal.zaken.hoorrecht import is_meerderjarig, wie_handelt

    return is_meerderjarig(t.leerling) and wie_handelt(t.leerling).soort == "leerling"


def _volgende(t) -> str:
    if not t.plan_volgende_datum:
        return ""
    return _("Volgende afspraak: %(datum)s.") % {"datum": date_format(t.plan_volgende_datum, "j F Y")}


def _met_afspraak(tekst: str, t) -> str:
    """The plan's next date told in the same line, so the start page (which shows ``nu``) says it too."""
    volgende = _volgende(t)
    return f"{tekst} {volgende}" if volgende else tekst


def stap(t) -> Stap:
    """The tracker line, in plain words: what is being done and the next date (no rule ids, no status codes).
    ``nu`` addresses whoever acts for the pupil: the parents of a minor ("u", "uw kind"), the adult pupil ("je"),
    their curator or mentor ("u"); everyone else reads ``nu_anderen``. The next appointment is part of the line (the
    start page shows ``nu`` only); it is no term, so no "uiterlijk"."""
    zelf = _zelf(t)
    if not t.is_open:
        if zelf:
            return Stap(_("Je gaat weer naar school."), nu_anderen=_("De leerling gaat weer naar school."))
        return Stap(_("Uw kind gaat weer naar school."), nu_anderen=_("De leerling gaat weer naar school."))
    if t.status == S.BIJ_SWV:
        nu = _("Het samenwerkingsverband helpt mee zoeken naar onderwijs dat past.")
    elif zelf:
        nu = _("De school zoekt samen met je naar onderwijs dat past.")
    else:
        nu = _("De school zoekt samen met u naar onderwijs dat past.")
    return Stap(_met_afspraak(nu, t), aan_zet="swv" if t.status == S.BIJ_SWV else "school",
                nu_anderen=_met_afspraak(_("Er wordt gezocht naar onderwijs dat past."), t))


def stap_leerling(t) -> Stap:
    """The tracker line for the pupil's own account at any age from 12 (issue #20 §1; hoorrecht): "je"."""
    if not t.is_open:
        return Stap(_("Je gaat weer naar school."), nu_anderen=_("Je gaat weer naar school."))
    if t.status == S.BIJ_SWV:
        nu = _("Het samenwerkingsverband helpt mee zoeken naar onderwijs dat bij je past.")
    elif _zelf(t):
        nu = _("De school zoekt samen met je naar onderwijs dat past.")
    else:
        nu = _("De school zoekt samen met jou en je ouders naar onderwijs dat bij je past.")
    nu = _met_afspraak(nu, t)
    return Stap(nu, aan_zet="swv" if t.status == S.BIJ_SWV else "school", nu_anderen=nu)


def taken(user) -> list[Taak]:
    """What waits on the start page (issue #20 §1, §6), one query per kind of reader: the school's IB'er and
    directeur — a reminder to report to leerplicht not yet recorded (F-4), a plan without a next date or with one
    passed; the SWV — cases on its desk (F-3) and the children it registered; both — reports of leerplicht; the
    leerplichtambtenaar — thuiszitters in their municipality they have not followed up yet."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone

    from .models import Thuiszitter
    from .selectors import signalen_voor

    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    swv_ids = user.swv_ids() if user.heeft_rol(Rol.SWV) else set()
    gemeenten = user.gemeente_ids(Rol.LEERPLICHT)
    if not (ids or swv_ids or gemeenten):
        return []
    vandaag = timezone.localdate()
    out = []
    url = lambda t: reverse("thuiszitters:detail", args=[t.pk])  # noqa: E731
    naam = lambda t: {"naam": t.leerling.naam, "zaak": t.nummer}  # noqa: E731
    if ids:
        for t in (Thuiszitter.objects.open().filter(school_id__in=ids)
                  .filter(Q(f4_herinnerd_op__isnull=False, leerplicht_gemeld_op__isnull=True)
                          | Q(plan_volgende_datum__isnull=True) | Q(plan_volgende_datum__lt=vandaag))
                  .select_related("leerling").order_by("sinds", "pk")[:20]):
            if t.f4_herinnerd_op and not t.leerplicht_gemeld_op:
                out.append(Taak(_("Verzuim melden aan leerplicht: %(naam)s (%(zaak)s)") % naam(t), url(t),
                                soort="verlopen"))
            else:
                out.append(Taak(_("Thuiszitter zonder volgende afspraak: %(naam)s (%(zaak)s)") % naam(t), url(t),
                                soort="plannen"))
    if swv_ids:
        for t in (Thuiszitter.objects.open().filter(swv_id__in=swv_ids)
                  .filter(Q(status=S.BIJ_SWV) | Q(school__isnull=True)).select_related("leerling")
                  .order_by("sinds", "pk")[:20]):
            out.append(Taak(_("Thuiszitter op het bureau van het samenwerkingsverband: %(naam)s (%(zaak)s)") % naam(t),
                            url(t), uiterlijk=t.plan_volgende_datum, soort="bureau"))
    if ids or swv_ids:
        for sig in signalen_voor(user)[:20]:
            doel = (reverse("thuiszitters:nieuw") + f"?leerling={sig.leerling_id}" if sig.school_id
                    else reverse("thuiszitters:nieuw_swv") + f"?signaal={sig.pk}")
            out.append(Taak(_("Leerplicht meldt: %(naam)s zit thuis") % {"naam": sig.kind_naam}, doel,
                            soort="beantwoorden"))
    if gemeenten:
        for t in (Thuiszitter.objects.open().filter(leerling__woongemeente_id__in=gemeenten)
                  .exclude(opvolgingen__isnull=False).select_related("leerling").order_by("sinds", "pk")[:20]):
            out.append(Taak(_("Thuiszitter in uw gemeente, nog niet opgevolgd: %(naam)s (%(zaak)s)") % naam(t),
                            url(t), soort="opvolgen"))
    return out


GEBEURTENISSEN = {
    "plan": lambda g, voor_ouders: _("Het plan is bijgewerkt"),
    "mening": lambda g, voor_ouders: _("Er is een mening vastgelegd"),
    "leerplicht": lambda g, voor_ouders: _("De leerplichtambtenaar is geïnformeerd"),
    "onderwijsconsulent": lambda g, voor_ouders: _("Gewezen op de onderwijsconsulent"),
    "deels_terug": lambda g, voor_ouders: _("De leerling krijgt weer een deel van de week onderwijs"),
    "f4_herinnering": lambda g, voor_ouders: _("Herinnering: verzuim melden aan leerplicht"),
    "leerplicht_opvolging": lambda g, voor_ouders: _("De leerplichtambtenaar heeft de opvolging vastgelegd"),
    "koppeling": lambda g, voor_ouders: _("De zaken die dit moeten oplossen zijn bijgewerkt"),
}


def register():
    from portal.basis.registry import register_demo, register_menu
    from portal.termijnen.hooks import register_gevolg

    from . import termijnen  # noqa: F401  (registers F-1…F-4)
    from .demo import demo
    from .selectors import thuiszitter_relaties, thuiszitter_toegang
    from .services import gevolg_alarm_swv, gevolg_onderwijsconsulent

    register_menu(_l("Thuiszitters"), "thuiszitters:lijst", lambda u: u.heeft_rol(Rol.IB, Rol.DIRECTEUR, Rol.SWV), 40)
    register_menu(_l("Thuiszitters in uw gemeente"), "thuiszitters:leerplicht_lijst",
                  lambda u: bool(u.gemeente_ids(Rol.LEERPLICHT)), 41)
    register_taken(taken)
    register_demo(demo)
    register_gevolg("thuiszitter_onderwijsconsulent", gevolg_onderwijsconsulent)  # F-2
    register_gevolg("thuiszitter_alarm_swv", gevolg_alarm_swv)  # F-3
    register_zaaktype(Zaaktype(
        code="thuiszitter", naam=_l("Thuiszitter"), model="thuiszitters.Thuiszitter", statussen=STATUSSEN,
        overgangen=OVERGANGEN, toegang=thuiszitter_toegang, url_ouder="thuiszitters:detail",
        url_staf="thuiszitters:detail", stap=stap, gebeurtenissen=GEBEURTENISSEN,
        relaties=thuiszitter_relaties))
