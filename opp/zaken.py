"""The OPP as a case kind of the core: status table, access, the parents' tracker step, timeline texts, the decision
that sets it (vaststelling) with its letter, and the IB'er's start-page tasks. Registered from ``AppConfig.ready``."""

from datetime import timedelta

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.accounts.constants import Rol
from portal.documenten.registry import register_brief
from portal.termijnen.models import Clock
from portal.zaken.registry import (
    Besluittype,
    Stap,
    Status,
    Taak,
    Zaaktype,
    overgang,
    register_besluittype,
    register_taken,
    register_zaaktype,
)

from .constants import BESLUITTYPE, BriefSoort
from .constants import Status as S

STATUSSEN = (
    Status(S.OP_TE_STELLEN, _l("Op te stellen"), _l("De school maakt met u het ontwikkelingsperspectief")),
    Status(S.TER_INSTEMMING, _l("Handelingsdeel ter instemming"),
           _l("De school vraagt instemming met het handelingsdeel")),
    Status(S.GEEN_INSTEMMING, _l("Geen instemming: handelingsdeel blijft concept"),
           _l("Niet iedereen stemt in met het handelingsdeel")),
    Status(S.INGESTEMD, _l("Ingestemd: klaar voor vaststelling"), _l("Iedereen heeft ingestemd; de school stelt het vast")),
    Status(S.VASTGESTELD, _l("Vastgesteld"), _l("Het ontwikkelingsperspectief is vastgesteld")),
    Status(S.BEEINDIGD, _l("Beëindigd"), _l("Het ontwikkelingsperspectief is beëindigd"), eind=True),
)
_OPEN = (S.OP_TE_STELLEN, S.TER_INSTEMMING, S.GEEN_INSTEMMING, S.INGESTEMD, S.VASTGESTELD)
_ANTWOORD = ("ouder", "leerling", "school")  # school: an answer given on paper, recorded by the IB'er
OVERGANGEN = (
    overgang(S.OP_TE_STELLEN, S.TER_INSTEMMING, "school"),
    # The IB'er changes the concept: the answers of the round lapse (B-4: the parents agree with what they read).
    overgang((S.TER_INSTEMMING, S.GEEN_INSTEMMING, S.INGESTEMD), S.OP_TE_STELLEN, "school"),
    overgang((S.TER_INSTEMMING, S.INGESTEMD), S.GEEN_INSTEMMING, *_ANTWOORD),
    overgang((S.TER_INSTEMMING, S.GEEN_INSTEMMING), S.INGESTEMD, *_ANTWOORD),
    overgang((S.GEEN_INSTEMMING, S.INGESTEMD), S.TER_INSTEMMING, *_ANTWOORD),
    # Vaststelling: by someone with a mandate, when the decision is signed (the core's signing page). "school" only
    # for registering an OPP set before the portal was used (``opp_registreer_bestaand``).
    overgang(S.INGESTEMD, S.VASTGESTELD, "ondertekenaar"),
    overgang(S.OP_TE_STELLEN, S.VASTGESTELD, "school"),
    # A change of a set OPP is a new concept; the version in force keeps applying meanwhile.
    overgang(S.VASTGESTELD, S.OP_TE_STELLEN, "school"),
    overgang(_OPEN, S.BEEINDIGD, "school", "systeem"),
)


# ``Stap.wie``: what the family's start page (portal/core's home_ouder) reads beside the step; the tracker include reads
# ``aan_zet`` instead, addressed to each reader.
_WIE_STEMT_IN = {"ouders": _l("U"), "leerling": _l("De leerling zelf (18 jaar of ouder)"), "curator": _l("De curator"),
                 "mentor": _l("De mentor")}
_INSTEMMING_ANDEREN = _l("Wie voor de leerling optreedt, laat weten of die instemt met het handelingsdeel.")


def stap(opp) -> Stap:
    """The parents' tracker line: plain words, whose turn it is, by when (no rule ids). The terms are the school's: to
    set the OPP within 6 weeks (B-2) and to evaluate it yearly (B-5) — the tracker names the school for them
    (``aan_zet="school"``), never "U" to a parent (issue #18 §2). The family's turn is the instemming with the
    handelingsdeel (``aan_zet="gezin"``), which has no term of its own: whoever acts for the pupil in matters of
    begeleiding (``hoorrecht.wie_handelt``) — the parents, the adult pupil, or their curator or mentor — reads "U"."""
    from portal.zaken import hoorrecht

    klokken = {c.regel_id: c for c in opp.clocks.all() if not c.gesloten_op}
    b2, b5 = klokken.get("B-2") or klokken.get("B-2b"), klokken.get("B-5")
    geldt = opp.vastgesteld_op is not None
    school = opp.school.naam
    if opp.status == S.OP_TE_STELLEN:
        if geldt:
            return Stap(_("Het plan voor de ondersteuning geldt. De school werkt met u aan een nieuwe versie."),
                        _("De school vraagt daarna opnieuw instemming met het handelingsdeel."), wie=school, aan_zet="school",
                        nu_anderen=_("Het plan geldt. De school werkt met de ouders aan een nieuwe versie."))
        return Stap(_("De school maakt samen met u een plan voor de ondersteuning van uw kind: het "
                      "ontwikkelingsperspectief."),
                    _("De school bespreekt het plan met u en vraagt daarna instemming met het handelingsdeel."),
                    wie=school, aan_zet="school", uiterlijk=b2.uiterlijk if b2 else None,
                    nu_anderen=_("De school maakt samen met de ouders het ontwikkelingsperspectief."),
                    volgende_anderen=_("De school bespreekt het plan met de ouders en vraagt daarna instemming met het "
                                       "handelingsdeel."))
    if opp.status == S.TER_INSTEMMING:
        wie = str(_WIE_STEMT_IN[hoorrecht.wie_handelt(opp.leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING).soort])
        if geldt:
            return Stap(_("Het perspectief van het plan is vastgesteld. Voor het handelingsdeel is nog instemming nodig."),
                        _("Lees het handelingsdeel en laat weten of u instemt."), wie=wie, aan_zet="gezin",
                        volgende_anderen=_INSTEMMING_ANDEREN)
        return Stap(_("De school vraagt instemming met het handelingsdeel van het plan."),
                    _("Lees het plan en laat weten of u instemt."), wie=wie, aan_zet="gezin",
                    volgende_anderen=_INSTEMMING_ANDEREN)
    if opp.status == S.GEEN_INSTEMMING and geldt:
        return Stap(_("Het perspectief van het plan is vastgesteld. Het handelingsdeel is nog niet definitief, omdat "
                      "niet is ingestemd; de school geeft wel de ondersteuning die erin staat."),
                    _("De school praat verder. Op de pagina van het plan staat wie kan helpen, ook de "
                      "Geschillencommissie passend onderwijs."), wie=school, aan_zet="school")
    if opp.status == S.GEEN_INSTEMMING:
        return Stap(_("Niet iedereen stemt in met het handelingsdeel. Het plan is nog niet definitief; de school geeft "
                      "wel de ondersteuning die erin staat."),
                    _("De school praat met u verder. Op de pagina van het plan staat wie u kan helpen."),
                    wie=school, aan_zet="school", volgende_anderen=_("De school praat verder over het handelingsdeel."))
    if opp.status == S.INGESTEMD:
        return Stap(_("Iedereen heeft ingestemd met het handelingsdeel."), _("De school stelt het plan vast."),
                    wie=school, aan_zet="school", uiterlijk=b2.uiterlijk if b2 else None)
    if opp.status == S.VASTGESTELD:
        return Stap(_("Het plan voor de ondersteuning is vastgesteld."),
                    _("U en de school bespreken minstens één keer per schooljaar hoe het gaat."), wie=school, aan_zet="school",
                    uiterlijk=b5.uiterlijk if b5 else None,
                    volgende_anderen=_("De school evalueert het plan minstens één keer per schooljaar met de ouders."))
    return Stap(opp.status_ouder)


def _tekst(ouder_tekst, staf_tekst=None):
    def f(g, voor_ouders):
        return str(ouder_tekst if voor_ouders or staf_tekst is None else staf_tekst)
    return f


def _instemming_tekst(g, voor_ouders):
    d = g.gegevens or {}
    if d.get("keuze") == "ingestemd":
        return _("%(naam)s stemt in met het handelingsdeel") % {"naam": d.get("naam", "")}
    return _("%(naam)s stemt niet in met het handelingsdeel") % {"naam": d.get("naam", "")}


GEBEURTENISSEN = {
    "opp_versie": lambda g, voor_ouders: _("Nieuwe versie %(n)s in voorbereiding") % {"n": (g.gegevens or {}).get("nummer")},
    "opp_voorgelegd": _tekst(_l("Het handelingsdeel is voorgelegd voor instemming")),
    "opp_instemming": _instemming_tekst,
    "opp_overleg": _tekst(_l("Er is een verslag van het overleg met de school")),
    "opp_mening": _tekst(_l("Er is een mening over het plan gegeven")),
    "opp_vastgesteld": lambda g, voor_ouders: _("Versie %(n)s is vastgesteld") % {"n": (g.gegevens or {}).get("nummer")},
    "opp_evaluatie": _tekst(_l("Het plan is geëvalueerd")),
    "opp_perspectief_vastgesteld": lambda g, voor_ouders: _(
        "Het perspectief van versie %(n)s is vastgesteld; het handelingsdeel is nog niet definitief") % {
        "n": (g.gegevens or {}).get("nummer")},
    "opp_handelingsdeel_vastgesteld": lambda g, voor_ouders: _(
        "Het handelingsdeel van versie %(n)s is vastgesteld") % {"n": (g.gegevens or {}).get("nummer")},
    "opp_commissie": _tekst(_l("De commissie voor de begeleiding heeft advies gegeven of het plan geëvalueerd")),
    "opp_bestaand": _tekst(_l("Een bestaand plan is in het portaal gezet")),
    "opp_beeindigd": _tekst(_l("Het plan is beëindigd")),
}


def taken(user) -> list[Taak]:
    """For the IB'er/directeur, in one query: OPPs to set within two weeks (B-2), evaluations due within six weeks
    (B-5), refusals to talk about, and concepts ready for vaststelling. Overdue terms the core lists itself."""
    from .models import Ontwikkelingsperspectief

    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if not ids:
        return []
    vandaag = timezone.localdate()
    open_klok = Clock.objects.filter(zaak_id=OuterRef("pk"), gesloten_op__isnull=True)
    # the school's open OPPs first, by the school's index: ordered by id over the whole table with the clocks' OR,
    # PostgreSQL walked every OPP of the country (124 ms at scale 1.0, issue #23)
    open_ids = list(Ontwikkelingsperspectief.objects.open().filter(school_id__in=ids).values_list("pk", flat=True))
    qs = (Ontwikkelingsperspectief.objects.filter(pk__in=open_ids).select_related("leerling")
          .annotate(b2=Subquery(open_klok.filter(regel_id__in=("B-2", "B-2b")).values("uiterlijk")[:1]),
                    b5=Subquery(open_klok.filter(regel_id="B-5").values("uiterlijk")[:1]),
                    b5b=Subquery(open_klok.filter(regel_id="B-5b").values("uiterlijk")[:1]))
          .filter(Q(b2__gte=vandaag, b2__lte=vandaag + timedelta(days=14))
                  | Q(b5__gte=vandaag, b5__lte=vandaag + timedelta(days=42))
                  | Q(b5b__gte=vandaag, b5b__lte=vandaag + timedelta(days=42))
                  | Q(status__in=[S.GEEN_INSTEMMING, S.INGESTEMD]))
          .order_by("pk")[:30])
    out = []
    for o in qs:
        url = reverse("opp:detail", args=[o.pk])
        naam = {"naam": o.leerling.naam, "nr": o.nummer}
        if o.status == S.GEEN_INSTEMMING:
            out.append(Taak(_("Geen instemming met het OPP: in gesprek met de ouders — %(naam)s (%(nr)s)") % naam, url,
                            uiterlijk=o.b2, soort="gesprek"))
        elif o.status == S.INGESTEMD:
            out.append(Taak(_("OPP vaststellen: iedereen heeft ingestemd — %(naam)s (%(nr)s)") % naam,
                            reverse("opp:vaststellen", args=[o.pk]), uiterlijk=o.b2, soort="vaststellen"))
        elif o.b2 is not None and o.b2 <= vandaag + timedelta(days=14):
            out.append(Taak(_("OPP vaststellen — %(naam)s (%(nr)s)") % naam, url, uiterlijk=o.b2, soort="opp"))
        if o.b5 is not None and o.b5 <= vandaag + timedelta(days=42):
            out.append(Taak(_("OPP evalueren met de ouders — %(naam)s (%(nr)s)") % naam,
                            reverse("opp:evaluatie", args=[o.pk]), uiterlijk=o.b5, soort="evalueren"))
        if o.b5b is not None and o.b5b <= vandaag + timedelta(days=42):
            out.append(Taak(_("Evaluatie van het OPP door de commissie voor de begeleiding — %(naam)s (%(nr)s)") % naam,
                            reverse("opp:commissie", args=[o.pk]), uiterlijk=o.b5b, soort="evalueren"))
    return sorted(out, key=lambda t: (t.uiterlijk is None, t.uiterlijk or vandaag))


def _na_bekendmaking(besluit, door, vandaag):
    from .services import na_vaststelling

    na_vaststelling(besluit, door, vandaag)


def _rechtsmiddelen(besluit):
    """D-1: a dispute about setting or adjusting the OPP goes to the Geschillencommissie passend onderwijs; its
    6-week term (D-2) runs from the bekendmaking. No bezwaar route is registered for the OPP."""
    return ["D-2"]


def _brief_gegevens(besluit, klokken):
    from .services import vaststelling_brief_gegevens

    return vaststelling_brief_gegevens(besluit, klokken)


def _menu_zichtbaar(user) -> bool:
    """IB'er and directeur; parents; a pupil from 12 (below 12 the pupil has no OPP pages of their own)."""
    if user.heeft_rol(Rol.IB, Rol.DIRECTEUR, Rol.OUDER, Rol.VERTEGENWOORDIGER):
        return True
    if user.heeft_rol(Rol.LEERLING):
        from portal.zaken import hoorrecht

        leerling = getattr(user, "leerling", None)
        return leerling is not None and hoorrecht.is_twaalf_plus(leerling)
    return False


SENSITIEVE_VELDEN = ("onderbouwing", "belemmerende_factoren", "bevorderende_factoren", "sterke_kanten",
                     "onderwijsbehoeften", "verwachting_ouders", "ondersteuning", "afwijkingen", "taakverdeling",
                     "criterium", "omschrijving", "aanpak", "uitstroom_toelichting")


def register():
    """Everything this app plugs into the core, called once from ``OppConfig.ready``: the case kind and its decision,
    letters, tasks, the B-2 start at enrolment, the menu, the demo, the audit's sensitive fields, and the OPP's record
    in the geschillen dossier export (a core registry, ``portal.zaken.bezwaarregeling``)."""
    from portal.audit.services import register_sensitive_fields
    from portal.basis.registry import register_demo, register_menu
    from portal.leerlingen.services import register_na_inschrijving
    from portal.zaken.bezwaarregeling import register_dossier_bron

    from . import (
        generatie,  # noqa: F401  (its share of the benchmark data set)
        termijnen,  # noqa: F401  (registers this app's legal term rules: B-2, B-5)
    )
    from .demo import demo
    from .selectors import dossier_regels, opp_toegang, samenvatting
    from .services import opp_start_bij_inschrijving

    register_zaaktype(Zaaktype(
        onderwerp="begeleiding",  # BW 1:453: a mentor acts in matters of care and begeleiding (issue #17 §1)
        code="opp", naam=_l("Ontwikkelingsperspectief"), model="opp.Ontwikkelingsperspectief", statussen=STATUSSEN,
        overgangen=OVERGANGEN, toegang=opp_toegang, url_ouder="opp:detail", url_staf="opp:detail", stap=stap,
        gebeurtenissen=GEBEURTENISSEN, samenvatting=samenvatting,
    ))
    register_besluittype(Besluittype(
        code=BESLUITTYPE, naam=_l("Vaststelling ontwikkelingsperspectief"),
        uitkomsten=[("vastgesteld", _l("Ontwikkelingsperspectief vastgesteld")),
                    # B-4: the perspective part alone; the handelingsdeel waits for instemming
                    ("perspectief_vastgesteld", _l("Perspectief vastgesteld; handelingsdeel nog zonder instemming"))],
        brief=BriefSoort.VASTSTELLING,
        na_bekendmaking=_na_bekendmaking, rechtsmiddelen=_rechtsmiddelen, brief_gegevens=_brief_gegevens,
        samenvatting="opp/_besluit_samenvatting.html",
    ))
    for soort in BriefSoort:
        register_brief(soort.value, soort.label, f"opp/pdf/{soort.value.split('.', 1)[1]}.html")
    register_taken(taken)
    register_na_inschrijving(opp_start_bij_inschrijving)  # B-2
    register_menu(_l("Ontwikkelingsperspectief"), "opp:home", _menu_zichtbaar, 25)
    register_demo(demo)
    register_sensitive_fields(*SENSITIEVE_VELDEN)
    register_dossier_bron(dossier_regels)
