"""Every read of the geschillen app: the escalation guide of a case, the overviews per role, the yearly count for
the MR, the helper's views for the parents. Always scoped to what the user may see."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.constants import Rol
from portal.audit.models import Actie, AuditEntry
from portal.leerlingen.models import Inschrijving
from portal.organisaties.models import School
from portal.zaken.bezwaarregeling import bezwaar_mogelijk, bezwaarregeling
from portal.zaken.hoorrecht import leerlingen_gezin
from portal.zaken.models import Deling, Zaak

from . import wet
from .constants import AdviesUitkomst, HulpRol, Oordeel, Opvolging
from .models import Adviesverzoek, Bezwaar, Geschil, Klacht, Schorsing, Verwijdering

BETWISTING = ("klacht", "bezwaar", "geschil", "advies")


# --- F-2 ------------------------------------------------------------------------------------------------------

def zonder_plek_sinds(leerling, vandaag: date | None = None) -> date | None:
    """F-2: the day since which an aanmelding left this child of compulsory school age without a place, when that
    is more than 4 weeks ago — then the portal suggests an onderwijsconsulent. None otherwise."""
    vandaag = vandaag or timezone.localdate()
    if not wet.leerplichtig(leerling.geboortedatum, vandaag):
        return None
    if Inschrijving.objects.filter(leerling=leerling, van__lte=vandaag).filter(
            Q(tot__isnull=True) | Q(tot__gte=vandaag)).exists():
        return None
    eerste = Zaak.objects.filter(leerling=leerling, zaaktype="aanmelding").order_by("geopend_op").first()
    if eerste is None:
        return None
    sinds = timezone.localdate(eerste.geopend_op)
    return sinds if vandaag > wet.onderwijsconsulent_vanaf(sinds) else None


# --- the escalation guide ----------------------------------------------------------------------------------------

@dataclass
class GidsStap:
    code: str
    titel: str
    wat: str
    bindend: str
    kosten: str
    wet: str = ""  # the legal source in words ("Wat zegt de wet?")
    bron: str = ""  # a citation of Dutch law beside it, shown as Dutch (lang="nl")
    termijn: date | None = None
    termijn_tekst: str = ""
    knop_url: str = ""
    knop_label: str = ""
    extern_url: str = ""
    waarschuwing: str = ""
    lopend: list = field(default_factory=list)  # running cases of this step: (label, url)
    nadruk: bool = False


def _betwistingen(zaak) -> list:
    """Running and finished contests about this case (or its decisions), as their own kind."""
    from portal.zaken.tracker import als_specifiek

    qs = Zaak.objects.filter(zaaktype__in=BETWISTING).filter(
        Q(hoofdzaak=zaak) | Q(betreft_besluit__zaak=zaak)).order_by("geopend_op")
    return als_specifiek(list(qs))


def gids(zaak, user, vandaag: date | None = None) -> dict:
    """The escalation ladder for a parent on ``zaak`` (P8; DOMAIN §3): per step what it is for, whether it binds,
    what it costs, the date that applies now — read from the clocks of the decisions in the portal — and a button
    where the portal supports the step."""
    from .services.geschil import betwiste_zaak, indientermijn, laatste_besluit

    vandaag = vandaag or timezone.localdate()
    hoofd, via = betwiste_zaak(zaak)
    besluiten = list(hoofd.besluiten.filter(bekendgemaakt_op__isnull=False).prefetch_related(
        "rechtsmiddel_klokken__opschortingen").order_by("bekendgemaakt_op", "pk"))
    besluit = via or (besluiten[-1] if besluiten else None)
    klokken = besluit.klokken if besluit else {}
    betwist = _betwistingen(hoofd)
    lopend = {k: [(b.nummer, b.get_absolute_url("ouder")) for b in betwist if b.zaaktype == k and b.is_open]
              for k in BETWISTING}
    school = hoofd.school
    sinds = zonder_plek_sinds(hoofd.leerling, vandaag)
    delen = reverse("geschillen:delen", args=[hoofd.pk])
    stappen = [
        GidsStap("school", _("Praat met de school"),
                 _("Vraag een gesprek met de leraar, de intern begeleider of de directeur. Zeg wat u zorgen baart en wat u "
                   "wilt. U mag iemand meenemen naar het gesprek."),
                 _("Niet bindend: u maakt samen afspraken."), _("Gratis"),
                 _("Er is geen wettelijke procedure voor. Vraag om een verslag van het gesprek."),
                 extern_url=f"mailto:{school.email}" if school and school.email else "",
                 knop_label=_("Mail de school") if school and school.email else ""),
        GidsStap("steunpunt", _("Vraag hulp aan het ouder- en jeugdsteunpunt"),
                 _("Elk samenwerkingsverband heeft een ouder- en jeugdsteunpunt. Het geeft informatie, denkt met u mee en "
                   "kan u begeleiden, ook bij gesprekken met de school."),
                 _("Niet bindend."), _("Gratis"),
                 _("Wet versterking positie ouders en leerlingen in het passend onderwijs (Kamerstuk 36 443): elk "
                   "samenwerkingsverband heeft een ouder- en jeugdsteunpunt."),
                 knop_url=f"{delen}?rol={HulpRol.STEUNPUNT}", knop_label=_("Deel deze zaak met het steunpunt")),
        GidsStap("advies", _("Vraag het samenwerkingsverband om advies of bemiddeling"),
                 _("Het samenwerkingsverband kan u adviseren, of een gesprek leiden tussen u en de school. U kiest zelf wie "
                   "erbij betrokken wordt."),
                 _("Niet bindend: het doel is samen een oplossing te vinden."), _("Gratis"),
                 _("Het samenwerkingsverband beschrijft in zijn ondersteuningsplan hoe het ouders informeert en helpt."),
                 knop_url=f"{reverse('geschillen:advies_nieuw')}?zaak={hoofd.pk}",
                 knop_label=_("Vraag advies of bemiddeling"), lopend=lopend["advies"]),
        GidsStap("onderwijsconsulent", _("Schakel een onderwijsconsulent in"),
                 _("Een onderwijsconsulent is onafhankelijk en helpt u en de school samen een oplossing te vinden. Ook als "
                   "uw kind langer dan 4 weken thuis zit zonder passende plek."),
                 _("Niet bindend."), _("Gratis"),
                 _("De onderwijsconsulenten werken in opdracht van het ministerie van Onderwijs."),
                 knop_url=f"{delen}?rol={HulpRol.ONDERWIJSCONSULENT}",
                 knop_label=_("Deel deze zaak met een onderwijsconsulent"), nadruk=sinds is not None,
                 waarschuwing=_("Uw kind heeft sinds %(datum)s geen plek op een school. Dat is langer dan 4 weken: een "
                                "onderwijsconsulent kan nu helpen.") % {"datum": _datum(sinds)} if sinds else ""),
        GidsStap("klacht", _("Dien een klacht in"),
                 _("Over hoe de school met u of uw kind omgaat. De klachtencommissie behandelt uw klacht vertrouwelijk: "
                   "alleen de commissie en het schoolbestuur zien haar."),
                 _("Niet bindend: de commissie geeft een oordeel. Het schoolbestuur laat binnen 4 weken daarna weten wat "
                   "het ermee doet."), _("Gratis"),
                 _("Wet op het primair onderwijs, artikel 14 (en de klachtenregeling in de schoolgids)."),
                 knop_url=f"{reverse('geschillen:klacht_nieuw')}?zaak={hoofd.pk}", knop_label=_("Klacht indienen"),
                 lopend=lopend["klacht"]),
    ]
    stappen.append(_bezwaar_stap(hoofd, besluiten, besluit, klokken, lopend, vandaag))
    stappen.append(_geschil_stap(hoofd, besluit, klokken, lopend, indientermijn, laatste_besluit, vandaag))
    _loopt_nu(stappen, betwist)
    stappen += [
        GidsStap("crm", _("Vraag het College voor de Rechten van de Mens om een oordeel"),
                 _("Als u vindt dat uw kind wordt benadeeld om een handicap of chronische ziekte, bijvoorbeeld omdat de "
                   "school een aanpassing weigert die uw kind nodig heeft."),
                 _("Niet bindend: het College geeft een oordeel."), _("Gratis; u heeft geen advocaat nodig."),
                 _("Wet gelijke behandeling op grond van handicap of chronische ziekte: een school moet een doeltreffende "
                   "aanpassing doen, tenzij dat onevenredig belastend is."),
                 extern_url="https://www.mensenrechten.nl", knop_label=_("Naar de website van het College")),
        GidsStap("rechter", _("Ga naar de rechter"),
                 _("Na de beslissing op bezwaar van het samenwerkingsverband: in beroep bij de bestuursrechter. Een "
                   "advocaat of rechtshulp kan u helpen.") if door_swv(hoofd) else
                 _("Na een beslissing op bezwaar: bij een openbare school naar de bestuursrechter, bij een bijzondere "
                   "school naar de burgerlijke rechter. Een advocaat of rechtshulp kan u helpen."),
                 _("Bindend: alleen een rechter doet een uitspraak waaraan iedereen zich moet houden."),
                 _("Er zijn kosten (griffierecht, soms een advocaat). Met een laag inkomen betaalt u minder."),
                 _("Algemene wet bestuursrecht, artikel 8:1 en 6:7 (openbare school: beroep binnen 6 weken na de "
                   "beslissing op bezwaar); bij een bijzondere school het burgerlijk recht.")),
    ]
    return {"zaak": hoofd, "besluit": besluit, "stappen": stappen, "zonder_plek_sinds": sinds, "betwist": betwist}


def _loopt_nu(stappen, betwist) -> None:
    """A step that is running shows the date that applies now — the one on its case's tracker line (the board's
    decision on the bezwaar, the commission's oordeel, the board's response), read from that case's clocks."""
    per_code = {"klacht": "klacht", "bezwaar": "bezwaar", "geschil": "geschil", "advies": "advies"}
    for stap in stappen:
        code = per_code.get(stap.code)
        zaak = next((b for b in reversed(betwist) if b.zaaktype == code and b.is_open), None) if code else None
        if zaak is None or not zaak.type.stap:
            continue
        regel = zaak.type.stap(zaak)
        stap.termijn = regel.uiterlijk
        stap.termijn_tekst = " ".join(t for t in (regel.nu, regel.volgende) if t)


def _datum(d):
    from portal.meldingen.tekst import waarde

    return waarde(d)


def door_swv(zaak) -> bool:
    """Did the SWV take this case's decisions (the TLV: no school, the SWV is the bevoegd gezag), not a school board?
    Each step of the guide says who decided and where to object from this (issue #22 §2 item 2)."""
    return not zaak.school_id and bool(zaak.swv_id)


def _bezwaar_stap(hoofd, besluiten, besluit, klokken, lopend, vandaag) -> GidsStap:
    mogelijk = [b for b in besluiten if bezwaar_mogelijk(b, b.klokken)]
    bron = mogelijk[-1] if mogelijk else None
    regeling = bezwaarregeling(bron.besluittype) if bron is not None else None
    if door_swv(bron.zaak if bron is not None else hoofd):
        commissie = regeling.adviescommissie if regeling is not None else ""
        stap = GidsStap("bezwaar", _("Maak bezwaar bij het samenwerkingsverband"),
                        (_("Tegen een besluit van het samenwerkingsverband, zoals een toelaatbaarheidsverklaring (TLV). "
                           "Het samenwerkingsverband vraagt advies aan de %(commissie)s, die u hoort, en neemt een nieuw "
                           "besluit.") % {"commissie": commissie}) if commissie else
                        _("Tegen een besluit van het samenwerkingsverband, zoals een toelaatbaarheidsverklaring (TLV). "
                          "Het samenwerkingsverband hoort u en neemt een nieuw besluit."),
                        _("Het samenwerkingsverband neemt een nieuw besluit. Bent u het daar niet mee eens, dan kunt u "
                          "naar de rechter."),
                        _("Gratis"), lopend=lopend["bezwaar"])
    else:
        stap = GidsStap("bezwaar", _("Maak bezwaar bij het schoolbestuur"),
                        _("Tegen een besluit van het schoolbestuur, zoals een weigering of een verwijdering. Het bestuur "
                          "hoort u en neemt een nieuw besluit."),
                        _("Het bestuur neemt een nieuw besluit. Bent u het daar niet mee eens, dan kunt u naar de "
                          "rechter."),
                        _("Gratis"), lopend=lopend["bezwaar"])
    if bron is None:
        stap.termijn_tekst = _("Er is in het portaal geen besluit waartegen u bezwaar kunt maken.")
        return stap
    klok = bron.klokken.get(regeling.indienen)
    uitleg = klok.params.get("uitleg", "")
    stap.wet = _(uitleg) if uitleg else ""
    stap.bron = klok.params.get("bron", "")  # a citation of Dutch law: shown as Dutch (lang="nl")
    stap.termijn = klok.uiterlijk
    open_bezwaren = lopend["bezwaar"]
    if klok.gesloten_op and open_bezwaren:
        stap.termijn, stap.termijn_tekst = None, _("U heeft bezwaar gemaakt.")
    elif klok.uiterlijk and vandaag > klok.uiterlijk:
        stap.termijn_tekst = _("De termijn was tot en met %(datum)s. Later kan alleen met een goede reden.") % {
            "datum": _datum(klok.uiterlijk)}
    else:
        stap.termijn_tekst = _("Uw bezwaarschrift is op tijd als het uiterlijk op deze dag binnen is. Stuurt u het per "
                               "post, dan is het ook op tijd als het uiterlijk op deze dag op de post gaat en binnen een "
                               "week daarna aankomt.")
    if not open_bezwaren:
        stap.knop_url = reverse("geschillen:bezwaar_nieuw", args=[bron.pk])
        stap.knop_label = _("Bezwaar maken")
    return stap


def _geschil_stap(hoofd, besluit, klokken, lopend, indientermijn, laatste_besluit, vandaag) -> GidsStap:
    stap = GidsStap("geschil", _("Vraag de Geschillencommissie passend onderwijs om een oordeel"),
                    _("Over de toelating van een kind dat extra ondersteuning nodig heeft, over verwijdering en over het "
                      "ontwikkelingsperspectief (OPP). De commissie hoort u en het samenwerkingsverband.")
                    if door_swv(hoofd) else
                    _("Over de toelating van een kind dat extra ondersteuning nodig heeft, over verwijdering en over het "
                      "ontwikkelingsperspectief (OPP). De commissie hoort u en de school."),
                    _("Niet bindend: het oordeel is een advies. Het samenwerkingsverband laat u en de commissie "
                      "schriftelijk weten wat het ermee doet, met redenen als het afwijkt.") if door_swv(hoofd) else
                    _("Niet bindend: het oordeel is een advies. Het schoolbestuur laat u en de commissie schriftelijk weten "
                      "wat het ermee doet, met redenen als het afwijkt."), _("Gratis"),
                    lopend=lopend["geschil"], waarschuwing=wet.gpo_waarschuwing(hoofd, besluit))
    from portal.termijnen import rules

    regel = rules.get("D-2")
    stap.wet = _(regel.uitleg)
    stap.bron = f"{regel.bron}; Wet op het primair onderwijs, artikel 43."
    uiterlijk = indientermijn(besluit) if besluit is not None else None
    d2 = klokken.get("D-2")
    if lopend["geschil"]:
        stap.termijn_tekst = _("U heeft de commissie om een oordeel gevraagd.")
    elif uiterlijk is not None:
        stap.termijn = uiterlijk
        stap.termijn_tekst = (_("Binnen 6 weken na het besluit; later kan alleen met een goede reden.")
                              if vandaag <= uiterlijk else
                              _("De 6 weken waren tot en met %(datum)s. Later kan nog, met een goede reden.") % {
                                  "datum": _datum(uiterlijk)})
        if d2 is None:
            stap.termijn_tekst += " " + _("(Berekend vanaf de bekendmaking van het besluit.)")
    else:
        stap.termijn_tekst = _("Er geldt nu geen termijn.")
    # warn, don't block (D-1; issue #22 §2 item 3): the button is there for every kind, also beside the warning
    if not lopend["geschil"] and (hoofd.school_id or hoofd.swv_id):
        stap.knop_url = reverse("geschillen:geschil_nieuw", args=[hoofd.pk])
        stap.knop_label = _("Toch een geschil indienen") if stap.waarschuwing else _("Geschil indienen")
    return stap


# --- overviews --------------------------------------------------------------------------------------------------

def ouder_overzicht(user) -> dict:
    """A parent's page: per child the cases (each with its guide), running contests and shares, and the F-2 hint."""
    from portal.zaken.tracker import als_specifiek

    kinderen = list(leerlingen_gezin(user).order_by("geboortedatum", "pk"))
    zaken = als_specifiek(list(Zaak.objects.for_user(user).filter(leerling__in=kinderen)
                               .select_related("school", "swv", "leerling").order_by("-geopend_op")[:100]))
    delingen = list(Deling.objects.filter(zaak__leerling__in=kinderen).select_related("zaak", "gedeeld_met")
                    .order_by("-aangemaakt_op")[:50])
    for d in delingen:
        d.tot_en_met = tot_en_met(d)
    per_kind = []
    for k in kinderen:
        eigen = [z for z in zaken if z.leerling_id == k.pk]
        per_kind.append({"kind": k, "zaken": [z for z in eigen if z.zaaktype not in BETWISTING],
                         "betwist": [z for z in eigen if z.zaaktype in BETWISTING],
                         "zonder_plek_sinds": zonder_plek_sinds(k)})
    return {"kinderen": per_kind, "delingen": delingen}


PER_PAGINA = 50


def staf_zaken(user, soorten=("bezwaar", "geschil", "schorsing", "verwijdering", "advies", "klacht"), pagina=None):
    """The cases of these kinds the user sees (their school, their board, their SWV, their commission), open ones
    first (also on PostgreSQL, which sorts NULL last by default), newest first, as their own kind — one page of ``PER_PAGINA`` (#23 §4: the list grows with the data; it
    stopped at 200 before, now every case can be reached).

    Only the access rules of these kinds are asked (``_toegang``), and the first query reads ids only: the page's
    cases are read once, as their own kind (``als_specifiek``, one query per kind)."""
    from django.core.paginator import Paginator
    from django.db.models import prefetch_related_objects

    from portal.zaken.tracker import als_specifiek

    qs = (Zaak.objects.filter(zaaktype__in=soorten).filter(_toegang(user, soorten))
          .order_by(F("afgesloten_op").asc(nulls_first=True), "-geopend_op", "pk").values_list("pk", "zaaktype"))
    page = Paginator(qs, PER_PAGINA).get_page(pagina)
    zaken = als_specifiek([Zaak(pk=pk, zaaktype=soort) for pk, soort in page.object_list])
    prefetch_related_objects([z for z in zaken if z.zaaktype == "klacht"], "betreft_school")
    # per row what the template would work out per row (#23 §4): the link and the date, each the same text as
    # ``get_absolute_url()`` and ``|date:"j F Y"`` (in the reader's language and time zone), at a fraction of the cost
    urls = Urls()
    for z in zaken:
        z.url_staf = urls.van(z.type.url_staf or z.type.url_ouder, z.pk)
        z.geopend_tekst = datum_tekst(z.geopend_op)
    page.object_list = zaken
    return page


class Urls:
    """``reverse(naam, args=[pk])`` for many rows: each name reversed once with a stand-in id, then the id put in
    (a list of 50 cases spent about 2 ms in ``reverse``)."""

    PLEK = 987654321987

    def __init__(self):
        self._sjablonen: dict[str, str] = {}

    def van(self, naam: str, pk: int) -> str:
        sjabloon = self._sjablonen.get(naam)
        if sjabloon is None:
            sjabloon = self._sjablonen[naam] = reverse(naam, args=[self.PLEK])
        return sjabloon.replace(f"/{self.PLEK}/", f"/{pk}/", 1)


def datum_tekst(waarde) -> str:
    """``waarde|date:"j F Y"`` as the template writes it (local time for a moment; the month in the active
    language) without the template filter's per-call cost. Empty for None."""
    from django.utils.dates import MONTHS

    if waarde is None:
        return ""
    if isinstance(waarde, datetime):
        waarde = timezone.localtime(waarde) if timezone.is_aware(waarde) else waarde
    return f"{waarde.day} {MONTHS[waarde.month]} {waarde.year:04d}"


def _toegang(user, soorten) -> Q:
    """``Zaak.objects.for_user(user)`` restricted to the kinds ``soorten`` (#23 §4): the same rule per kind
    (``Zaaktype.toegang``) and the same shares with a helper, without the rules of every other kind — the list filters
    on these kinds anyway, so the other terms could never match, and they cost most of the page (building them
    and planning the query). ``tests/test_geschillen_lijsten.py`` checks both give the same cases."""
    from portal.zaken import registry

    if not user.is_authenticated:
        return Q(pk__in=[])
    groepen: dict = {}
    for code in soorten:
        groepen.setdefault(registry.zaaktype(code).toegang, []).append(code)
    q = Q(pk__in=[])
    for func, codes in groepen.items():
        sub = func(user)
        if sub is not None:
            q |= Q(zaaktype__in=codes) & sub
    if user.heeft_rol("onderwijsconsulent", "clientondersteuner", "steunpunt"):
        q |= Q(pk__in=Deling.objects.filter(gedeeld_met=user, ingetrokken_op__isnull=True,
                                            geldig_tot__gt=timezone.now()).values("zaak_id"))
    return q


def swv_overzicht(swv_ids) -> dict:
    """W3/W4 for the SWV: per member school the outcomes of geschillen (gegrond/ongegrond, whether the board
    followed the oordeel) and of bezwaren, schorsingen and verwijderingen — counts only, no pupils; klachten are
    confidential and not counted. The SWV's own advice and mediation requests in full."""
    scholen = {s.pk: s for s in School.objects.filter(samenwerkingsverbanden__in=swv_ids).distinct().order_by("naam")}
    rijen = {pk: {"school": s, "geschillen": 0, "gegrond": 0, "ongegrond": 0, "gevolgd": 0, "niet_gevolgd": 0,
                  "lopend": 0, "bezwaren": 0, "bezwaar_gegrond": 0, "schorsingen": 0, "verwijderingen": 0}
             for pk, s in scholen.items()}
    for r in (Geschil.objects.filter(school_id__in=scholen).values("school_id", "oordeel", "opvolging", "afgesloten_op")
              .annotate(n=Count("pk")).order_by()):
        rij = rijen[r["school_id"]]
        rij["geschillen"] += r["n"]
        if r["oordeel"] in (Oordeel.GEGROND, Oordeel.DEELS_GEGROND):
            rij["gegrond"] += r["n"]
        elif r["oordeel"] in (Oordeel.ONGEGROND,):
            rij["ongegrond"] += r["n"]
        if r["opvolging"] in (Opvolging.VOLGT, Opvolging.VOLGT_DEELS):
            rij["gevolgd"] += r["n"]
        elif r["opvolging"] == Opvolging.VOLGT_NIET:
            rij["niet_gevolgd"] += r["n"]
        if r["afgesloten_op"] is None:
            rij["lopend"] += r["n"]
    for r in Bezwaar.objects.filter(school_id__in=scholen).values("school_id", "uitkomst").annotate(n=Count("pk")).order_by():
        rijen[r["school_id"]]["bezwaren"] += r["n"]
        if r["uitkomst"] in ("gegrond", "deels_gegrond"):
            rijen[r["school_id"]]["bezwaar_gegrond"] += r["n"]
    for model, sleutel in ((Schorsing, "schorsingen"), (Verwijdering, "verwijderingen")):
        for r in model.objects.filter(school_id__in=scholen).values("school_id").annotate(n=Count("pk")).order_by():
            rijen[r["school_id"]][sleutel] += r["n"]
    advies = list(Adviesverzoek.objects.filter(swv_id__in=swv_ids).select_related("leerling", "behandelaar", "swv")
                  .order_by("afgesloten_op", "-geopend_op")[:200])
    advies_uitkomsten = [
        {"label": AdviesUitkomst(r["uitkomst"]).label if r["uitkomst"] else _("nog open of ingetrokken"), "n": r["n"]}
        for r in Adviesverzoek.objects.filter(swv_id__in=swv_ids).values("uitkomst").annotate(n=Count("pk"))
        .order_by("uitkomst")]
    return {"rijen": list(rijen.values()), "advies": advies, "advies_uitkomsten": advies_uitkomsten}


def schooljaar_van(d: date) -> int:
    """The year in which the school year of ``d`` began (1 August – 31 July, T-4)."""
    return d.year if d.month >= 8 else d.year - 1


def klachten_jaaroverzicht(user, jaar: int) -> list[dict]:
    """D-5: per school of the boards this user answers for (or serves as the commission's secretary), the number
    of klachten with an oordeel in school year ``jaar`` and how many were upheld — for the MR and the annual
    report, without names."""
    from .toegang import klacht_bestuur_ids

    q = Q(betreft_school__bestuur_id__in=klacht_bestuur_ids(user))
    if user.heeft_rol(Rol.KLACHTENCOMMISSIE):
        q |= Q(commissie__secretarissen=user)
    van, tot = date(jaar, 8, 1), date(jaar + 1, 7, 31)
    rijen = (Klacht.objects.filter(q, oordeel_op__gte=van, oordeel_op__lte=tot).values("betreft_school__naam")
             .annotate(totaal=Count("pk", distinct=True),
                       gegrond=Count("pk", filter=Q(oordeel=Oordeel.GEGROND), distinct=True),
                       deels=Count("pk", filter=Q(oordeel=Oordeel.DEELS_GEGROND), distinct=True),
                       ongegrond=Count("pk", filter=Q(oordeel=Oordeel.ONGEGROND), distinct=True))
             .order_by("betreft_school__naam"))
    return [{"school": r["betreft_school__naam"], "totaal": r["totaal"], "gegrond": r["gegrond"], "deels": r["deels"],
             "ongegrond": r["ongegrond"], "overig": r["totaal"] - r["gegrond"] - r["deels"] - r["ongegrond"]}
            for r in rijen]


def kan_klachten_tellen(user) -> bool:
    from .toegang import klacht_bestuur_ids

    return user.heeft_rol(Rol.KLACHTENCOMMISSIE) or bool(klacht_bestuur_ids(user))


# --- shares ----------------------------------------------------------------------------------------------------

def tot_en_met(deling) -> date:
    """The last day of a share: ``geldig_tot`` is the first moment it no longer counts (midnight after that day)."""
    from datetime import timedelta

    return timezone.localtime(deling.geldig_tot).date() - timedelta(days=1)


def helper_delingen(user) -> list[Deling]:
    out = list(Deling.objects.actief().filter(gedeeld_met=user).select_related("zaak", "zaak__leerling",
                                                                                "zaak__school", "gedeeld_door"))
    for d in out:
        d.tot_en_met = tot_en_met(d)
    return out


def delingen_met_inzage(zaak) -> list[dict]:
    """Every share of this case with, per share, every view the helper made while it ran (one query for all)."""
    delingen = list(Deling.objects.filter(zaak=zaak).select_related("gedeeld_met", "gedeeld_door")
                    .order_by("-aangemaakt_op"))
    helpers = [d.gedeeld_met_id for d in delingen if d.gedeeld_met_id]
    views = list(AuditEntry.objects.filter(actor_id__in=helpers, leerling_id=zaak.leerling_id,
                                           actie__in=[Actie.BEKEKEN, Actie.GEDOWNLOAD]).order_by("-tijdstip")
                 .only("tijdstip", "actor_id", "actie", "omschrijving", "object_label")) if helpers else []
    nu = timezone.now()
    out = []
    for d in delingen:
        eind = min(x for x in (d.ingetrokken_op, d.geldig_tot, nu) if x is not None)
        eigen = [v for v in views if v.actor_id == d.gedeeld_met_id and d.aangenomen_op
                 and d.aangenomen_op <= v.tijdstip <= eind]
        status = (_("gestopt") if d.ingetrokken_op else _("verlopen") if d.geldig_tot <= nu
                  else _("actief") if d.gedeeld_met_id else _("uitgenodigd"))
        out.append({"d": d, "views": eigen, "status": status, "actief": d.is_actief, "tot_en_met": tot_en_met(d),
                    "rol": HulpRol(d.rol).label if d.rol in HulpRol.values else d.rol,
                    "open": d.ingetrokken_op is None and d.geldig_tot > nu})
    return out


# --- the views' reads (STYLE §2: no ORM in views) ------------------------------------------------------------------

def besluit_of_404(user, pk):
    """A decision of a case ``user`` may see, made known (the bezwaar's pages): 404 otherwise."""
    from django.shortcuts import get_object_or_404

    from portal.zaken.models import Besluit

    return get_object_or_404(Besluit.objects.filter(zaak__in=Zaak.objects.for_user(user).values("pk"),
                                                    bekendgemaakt_op__isnull=False)
                             .select_related("zaak", "zaak__leerling", "zaak__school", "zaak__swv"), pk=pk)


def bezwaar_loopt(besluit) -> bool:
    """An open bezwaar against ``besluit`` (then no second one is recorded from paper)."""
    return besluit.betwist_in.filter(zaaktype="bezwaar", afgesloten_op__isnull=True).exists()


def actiepunt_of_404(pk):
    """An action point of a meeting; the view checks the advice request it belongs to."""
    from django.shortcuts import get_object_or_404

    from .models import Actiepunt

    return get_object_or_404(Actiepunt.objects.select_related("bijeenkomst__adviesverzoek"), pk=pk)


def deling_van_gezin_of_404(user, pk) -> Deling:
    """A share of a case of a pupil ``user`` acts for (the parents stop it): 404 otherwise."""
    from django.shortcuts import get_object_or_404

    from portal.zaken.hoorrecht import handelt_q

    return get_object_or_404(Deling.objects.filter(handelt_q(user, veld="zaak__leerling_id")), pk=pk)


def actieve_deling(zaak, user) -> Deling | None:
    return Deling.objects.actief().filter(zaak_id=zaak.pk, gedeeld_met=user).first()


def tijdlijn_voor_ouders(zaak, limiet: int = 200) -> list:
    """The lines of the case's timeline meant for parents, newest first, with their text (a helper reads these)."""
    from portal.zaken.gebeurtenissen import tekst

    return [(g, tekst(g, voor_ouders=True)) for g in zaak.gebeurtenissen.filter(voor_ouders=True)
            .select_related("zaak").order_by("-op", "-pk")[:limiet]]


def leerplicht_meldingen(user, limiet: int = 100) -> list:
    from .toegang import leerplicht_meldingen as meldingen

    return list(meldingen(user).select_related("leerling", "school").order_by("-per")[:limiet])


def leerplicht_melding_of_404(user, pk):
    from django.shortcuts import get_object_or_404

    from .toegang import leerplicht_meldingen as meldingen

    return get_object_or_404(meldingen(user).select_related("leerling", "school", "ontvangende_school",
                                                            "leerling__woongemeente"), pk=pk)


def stukken(zaak) -> dict:
    """The case's documents and letters, for its page (``geschillen/_stukken.html``)."""
    return {"documenten": zaak.documenten.all(), "brieven": zaak.brieven.all()}


def bijeenkomsten(verzoek):
    return verzoek.bijeenkomsten.prefetch_related("acties")


def hoorverslagen(verwijdering):
    return verwijdering.hoorverslagen.all()


def mag_tekenen(user, zaak, besluit, soort: str) -> bool:
    """``besluit`` waits for a signature and ``user`` holds a current mandate of the bevoegd gezag for ``soort``."""
    from portal.organisaties.models import Mandaat

    return besluit is not None and not besluit.ondertekend_op and Mandaat.objects.mag_tekenen(user, zaak, soort)


def treedt_op_voor_een_leerling(user) -> bool:
    """``user`` acts for some pupil (parents of a minor, an adult pupil, a curator or mentor): may file a klacht or
    ask for advice."""
    from portal.zaken.hoorrecht import leerlingen_waarvoor

    return leerlingen_waarvoor(user).exists()
