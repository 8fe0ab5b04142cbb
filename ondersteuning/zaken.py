"""The arrangement and the request for an adjustment as case kinds of the core: status tables, access, the
parents' tracker step, timeline texts, letters and staff tasks. Registered from ``AppConfig.ready``."""

from datetime import date
from decimal import Decimal
from typing import TypedDict

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.accounts.constants import Rol
from portal.documenten.registry import register_brief
from portal.termijnen.models import Clock
from portal.zaken.hoorrecht import is_meerderjarig
from portal.zaken.registry import Stap, Status, Taak, Zaaktype, overgang, register_taken, register_zaaktype

from .constants import AanpassingStatus, BriefSoort
from .constants import Status as S

ARRANGEMENT_STATUSSEN = (
    Status(S.CONCEPT, _l("In voorbereiding"), _l("De school stelt het aanbod voor uw kind op")),
    Status(S.AANGEBODEN, _l("Aangeboden aan ouders"), _l("De school heeft u een aanbod gedaan")),
    Status(S.AKKOORD, _l("Ouders akkoord; loopt"), _l("U bent akkoord en de ondersteuning loopt")),
    Status(S.NIET_AKKOORD, _l("Ouders niet akkoord"), _l("U bent het niet eens met het aanbod")),
    Status(S.BEEINDIGD, _l("Beëindigd"), _l("De ondersteuning is afgesloten"), eind=True),
)
ARRANGEMENT_OVERGANGEN = (
    overgang(S.CONCEPT, S.AANGEBODEN, "school"),
    # The parents answer; the school only records an answer given on paper or in a conversation by parents who
    # have no account (``arrangement_reactie_vastleggen`` guards that).
    overgang(S.AANGEBODEN, S.AKKOORD, "ouder", "school"),
    overgang(S.AANGEBODEN, S.NIET_AKKOORD, "ouder", "school"),
    # A change to the offer is a new version that the parents are asked about again.
    overgang((S.AANGEBODEN, S.AKKOORD, S.NIET_AKKOORD), S.CONCEPT, "school"),
    overgang((S.CONCEPT, S.AANGEBODEN, S.AKKOORD, S.NIET_AKKOORD), S.BEEINDIGD, "school"),
)

AANPASSING_STATUSSEN = (
    Status(AanpassingStatus.INGEDIEND, _l("Ingediend: wacht op antwoord"), _l("De school bekijkt uw verzoek")),
    Status(AanpassingStatus.BEANTWOORD, _l("Beantwoord"), _l("De school heeft uw verzoek beantwoord"), eind=True),
)
AANPASSING_OVERGANGEN = (overgang(AanpassingStatus.INGEDIEND, AanpassingStatus.BEANTWOORD, "school"),)


def arrangement_stap(a) -> Stap:
    """The tracker line: plain words, whose turn, by when. From 18 the pupil (or their curator or mentor) is addressed,
    not the parents of a child (issue 17 §1). The offer's answer is the family's turn; composing, talking after a
    disagreement and the evaluation term are the school's (``aan_zet``: a school's term never says "U" to a parent).
    ``nu``/``volgende`` address whoever acts for the pupil; everyone else reads ``nu_anderen``/``volgende_anderen``."""
    volwassen = is_meerderjarig(a.leerling)
    if a.status == S.CONCEPT:
        return Stap(_("De school stelt samen met u de ondersteuning op.") if volwassen
                    else _("De school stelt samen met u de ondersteuning voor uw kind op."),
                    _("De school legt u het aanbod voor."), aan_zet="school",
                    nu_anderen=_("De school stelt het aanbod voor de ondersteuning op."),
                    volgende_anderen=_("De school legt het aanbod voor."))
    if a.status == S.AANGEBODEN:
        return Stap(_("De school heeft een aanbod gedaan voor de ondersteuning.") if volwassen
                    else _("De school heeft u een aanbod gedaan voor de ondersteuning van uw kind."),
                    _("Laat de school weten of u het ermee eens bent."), aan_zet="gezin",
                    nu_anderen=_("De school heeft een aanbod gedaan voor de ondersteuning."),
                    volgende_anderen=_("Een reactie op het aanbod: akkoord of niet."))
    if a.status == S.NIET_AKKOORD:
        return Stap(_("U bent het niet eens met het aanbod."),
                    _("Praat met de school. Op de pagina van het aanbod staat wie u verder kan helpen."),
                    aan_zet="school", nu_anderen=_("Het aanbod is niet geaccepteerd."),
                    volgende_anderen=_("De school gaat in gesprek over het aanbod."))
    if a.status == S.AKKOORD:
        s5 = next((c for c in a.clocks.all() if c.regel_id == "S-5" and not c.gesloten_op), None)
        return Stap(_("De ondersteuning loopt."), _("U en de school bespreken samen hoe het gaat (evaluatie)."),
                    uiterlijk=s5.uiterlijk if s5 else None, aan_zet="school",
                    volgende_anderen=_("De school en de ouders (of de leerling van 18 jaar of ouder) bespreken "
                                       "samen hoe het gaat (evaluatie)."))
    return Stap(a.status_ouder)


def aanpassing_stap(v) -> Stap:
    d6 = next((c for c in v.clocks.all() if c.regel_id == "D-6"), None)
    if v.status == AanpassingStatus.INGEDIEND:
        return Stap(_("De school bekijkt uw verzoek om een aanpassing."), _("De school stuurt u een antwoord."),
                    uiterlijk=d6.uiterlijk if d6 and not d6.gesloten_op else None, aan_zet="school",
                    nu_anderen=_("De school bekijkt het verzoek om een aanpassing."),
                    volgende_anderen=_("De school stuurt een antwoord."))
    return Stap(_("De school heeft uw verzoek beantwoord. Het antwoord staat bij het verzoek."),
                nu_anderen=_("De school heeft het verzoek beantwoord. Het antwoord staat bij het verzoek."))


def _tekst(ouder_tekst, staf_tekst=None):
    def f(g, voor_ouders):
        return str(ouder_tekst if voor_ouders or staf_tekst is None else staf_tekst)
    return f


GEBEURTENISSEN = {
    "aanbod_reactie": lambda g, voor_ouders: (
        _("Een ouder is akkoord met het aanbod") if (g.gegevens or {}).get("akkoord")
        else _("Een ouder is het niet eens met het aanbod")),
    "evaluatie": _tekst(_l("Het arrangement is geëvalueerd")),
    "mening": _tekst(_l("De mening van de leerling is vastgelegd")),
    "gespreksverslag": _tekst(_l("Er is een gespreksverslag")),
    "onderdeel": _tekst(_l("Het aanbod is aangevuld"), _l("Onderdeel toegevoegd of gewijzigd")),
}


def taken(user) -> list[Taak]:
    """For the IB'er/directeur: requests for an adjustment to answer and offers the parents disagreed with; for a
    teacher: sheets to read and confirm. One query per role."""
    from .selectors import te_bevestigen_voor_leerkracht

    out = []
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        from portal.zaken.models import Zaak

        d6 = Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id="D-6", gesloten_op__isnull=True)
        zaken = (Zaak.objects.filter(school_id__in=ids).filter(
            Q(zaaktype="aanpassing", status=AanpassingStatus.INGEDIEND) | Q(zaaktype="arrangement", status=S.NIET_AKKOORD))
            .annotate(d6=Subquery(d6.values("uiterlijk")[:1])).order_by("geopend_op")[:20])
        for z in zaken:
            if z.zaaktype == "aanpassing":
                out.append(Taak(_("Verzoek om een aanpassing beantwoorden: %(nr)s") % {"nr": z.nummer},
                                reverse("ondersteuning:aanpassing", args=[z.pk]), uiterlijk=z.d6, soort="beantwoorden"))
            else:
                out.append(Taak(_("Ouders zijn het niet eens met het aanbod: %(nr)s") % {"nr": z.nummer},
                                reverse("ondersteuning:detail", args=[z.pk]), soort="gesprek"))
    if user.school_ids(Rol.LEERKRACHT):
        out += [Taak(_("Aanpassingenblad lezen en bevestigen: %(naam)s") % {"naam": v.blad.leerling.naam},
                     reverse("ondersteuning:blad", args=[v.blad_id]), soort="lezen")
                for v in te_bevestigen_voor_leerkracht(user)[:20]]
    return out


class OnderdeelSamenvatting(TypedDict):
    soort: str  # label, e.g. "Begeleiding in de klas"
    wat: str
    wie: str  # who provides it, with the provider's name
    uren_per_week: Decimal | None
    start: date
    eind: date | None
    betaalt: str  # the funder's label
    gedeeltelijk_rooster: bool


class ArrangementSamenvatting(TypedDict):
    """An arrangement as another case kind reads it (the OPP's handelingsdeel lists it, S3; the aanmelding's decision
    letter quotes the offer): plain values and dates, so it can be frozen in a JSON field (``portal.basis.typed_json``)
    and read without importing this app."""

    arrangement_id: int
    nummer: str
    titel: str  # "<nummer>: <aanbod> — <doel>", as the handelingsdeel names it
    aanbod: str  # the kind of offer (label)
    andere_school: str
    doel: str
    status: str  # the status code
    status_label: str  # the staff label
    eind: bool  # ended: no longer part of the offer
    startdatum: date
    einddatum: date | None
    evaluatie_weken: int
    versie: int
    onderdelen: list[OnderdeelSamenvatting]


def samenvatting(zaak) -> ArrangementSamenvatting:
    """``Zaaktype.samenvatting`` of the arrangement: takes the arrangement or its ``Zaak`` row. Reads the parts through
    ``onderdelen.all()``, so a list that prefetched them costs no query per arrangement."""
    a = zaak.specifiek
    aanbod = a.get_aanbod_soort_display()
    return ArrangementSamenvatting(
        arrangement_id=a.pk, nummer=a.nummer, titel=f"{a.nummer}: {aanbod} — {a.doel}", aanbod=aanbod,
        andere_school=a.andere_school_label, doel=a.doel, status=a.status, status_label=str(a.status_staf),
        eind=a.status_obj().eind, startdatum=a.startdatum, einddatum=a.einddatum, evaluatie_weken=a.evaluatie_weken,
        versie=a.versie,
        onderdelen=[OnderdeelSamenvatting(
            soort=o.get_soort_display(), wat=o.omschrijving, wie=o.aanbieder_label, uren_per_week=o.uren_per_week,
            start=o.start, eind=o.eind, betaalt=o.get_financier_display(), gedeeltelijk_rooster=o.gedeeltelijk_rooster)
            for o in a.onderdelen.all()])


def register():
    """Everything this app plugs into the core, called once from ``AppConfig.ready``: its case kinds, letters, staff
    tasks, term rules (S-5, D-6), menu links, demo data and the fields the audit trail does not copy."""
    from portal.audit.services import register_sensitive_fields
    from portal.basis.registry import register_demo, register_menu
    from portal.zaken.bezwaarregeling import register_dossier_bron

    from . import termijnen  # noqa: F401  (registers this app's term rules: S-5, D-6)
    from .demo import demo
    from .selectors import aanpassing_toegang, arrangement_toegang, dossier_regels

    register_menu(_l("Ondersteuning"), "ondersteuning:home",
                  lambda u: u.heeft_rol(Rol.OUDER, Rol.LEERLING, Rol.IB, Rol.DIRECTEUR, Rol.SWV), 22)
    register_menu(_l("Mijn leerlingen"), "ondersteuning:leerkracht", lambda u: u.heeft_rol(Rol.LEERKRACHT), 22)
    register_demo(demo)
    register_dossier_bron(dossier_regels)  # the conversation logs, for the geschillen dossier export
    register_sensitive_fields("doel", "onderzocht", "aanpassingen", "bevindingen", "gevraagd", "waarom",
                              "weten", "doen", "afspraken", "deelnemers", "opmerking", "beschikkingsnummer",
                              "beschikking_omvang", "aanbieder_naam", "andere_school_naam")

    register_zaaktype(Zaaktype(
        onderwerp="begeleiding",  # BW 1:453: a mentor acts in matters of care and begeleiding (issue #17 §1)
        code="arrangement", naam=_l("Arrangement"), model="ondersteuning.Arrangement",
        statussen=ARRANGEMENT_STATUSSEN, overgangen=ARRANGEMENT_OVERGANGEN, toegang=arrangement_toegang,
        url_ouder="ondersteuning:detail", url_staf="ondersteuning:detail", stap=arrangement_stap,
        gebeurtenissen=GEBEURTENISSEN, samenvatting=samenvatting))
    register_zaaktype(Zaaktype(
        onderwerp="begeleiding",
        code="aanpassing", naam=_l("Verzoek om een aanpassing"), model="ondersteuning.Aanpassingsverzoek",
        statussen=AANPASSING_STATUSSEN, overgangen=AANPASSING_OVERGANGEN, toegang=aanpassing_toegang,
        url_ouder="ondersteuning:aanpassing", url_staf="ondersteuning:aanpassing", stap=aanpassing_stap,
        gebeurtenissen=GEBEURTENISSEN))
    for soort in BriefSoort:
        register_brief(soort.value, soort.label, f"ondersteuning/pdf/{soort.value.split('.', 1)[1]}.html")
    register_taken(taken)
