"""Reads of the OPP, always scoped (STYLE §2): who sees an OPP, who must agree with it, what is missing before it
can be set (B-3), how two versions differ, and the school's lists."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from portal.accounts.constants import Rol
from portal.basis.params import parse_id
from portal.leerlingen.models import Inschrijving
from portal.termijnen.models import Clock
from portal.zaken import hoorrecht, registry
from portal.zaken.inzage import inzage_q
from portal.zaken.models import Zaak

from .constants import REGULIER, SOORTEN_MET_COMMISSIE, UITSTROOM_PER_SOORT, Keuze, Partij, VersieStatus
from .constants import Status as S
from .models import CommissieAdvies, Doel, Instemming, Ontwikkelingsperspectief, Versie

# --- access -------------------------------------------------------------------------------------------------------


def opp_toegang(user):
    """Who sees an OPP (issue #10, access): the parents with gezag; the pupil from 12 with an own account (below 12
    the pupil has no OPP pages of their own, DOMAIN §2); the IB'er and directeur of its school; a bestuurder of the
    school's board for the OPPs whose vaststelling the board decides; SWV staff while a TLV application for the pupil
    is with their SWV (issue #12, through ``portal.zaken.inzage``). Teachers do not (they read the accommodations
    sheet); a helper only through a share the parents made (the core adds that)."""
    q = hoorrecht.kinderen_q(user) | hoorrecht.leerling_vanaf_q(user) | inzage_q(user, "opp")
    ids = user.school_ids(Rol.IB, Rol.DIRECTEUR)
    if ids:
        q |= Q(school_id__in=ids)
    besturen = user.bestuur_ids()
    if besturen:
        from portal.zaken.models import Besluit

        q |= Q(pk__in=Besluit.objects.filter(besluittype="opp", zaak__school__bestuur_id__in=besturen)
               .values("zaak_id"))
    return q


# --- instemming (B-4) --------------------------------------------------------------------------------------------

@dataclass
class Instemmer:
    """Someone whose instemming the handelingsdeel needs: a parent with gezag (with an account, or recorded on
    paper by name), the adult pupil who is handelingsbekwaam, or their curator or mentor."""

    sleutel: str
    naam: str
    partij: str  # "ouder" | "leerling" | "vertegenwoordiger"
    persoon: object = None  # the user, when they have an account
    antwoord: Instemming | None = None

    @property
    def keuze(self) -> str | None:
        return self.antwoord.keuze if self.antwoord else None


@dataclass
class Stand:
    instemmers: list[Instemmer] = field(default_factory=list)
    ronde: int = 0

    @property
    def compleet(self) -> bool:
        return self.ronde > 0 and bool(self.instemmers) and all(i.keuze == Keuze.INGESTEMD for i in self.instemmers)

    @property
    def geweigerd(self) -> list[Instemmer]:
        return [i for i in self.instemmers if i.keuze == Keuze.GEWEIGERD]

    @property
    def open(self) -> list[Instemmer]:
        return [i for i in self.instemmers if i.keuze is None]


def instemming_sleutel(partij: str, persoon_id, naam: str) -> str:
    if partij == "leerling":
        return "leerling"
    return f"u{persoon_id}" if persoon_id else f"n:{naam.strip().casefold()}"


def instemmers(opp, vandaag: date | None = None, handelaars=None) -> list[Instemmer]:
    """B-4: who agrees with the handelingsdeel is who acts for the pupil in matters of begeleiding
    (``hoorrecht.wie_handelt``, ONDERWERP_BEGELEIDING): every parent with gezag of a minor; from 18 the pupil alone
    when handelingsbekwaam (WEC 41a lid 2: "indien de leerling meerderjarig en handelingsbekwaam is, met de
    leerling"; WPO 40a; WVO 2020 2.44 — see docs/juridische-bronnen.md); for an adult under curatele the curator (BW
    1:381), with a mentor the mentor (BW 1:453) — then the pupil's own answer does not count. A parent with gezag who
    has no account counts once the school recorded their answer on paper (under their name); that name stays needed
    for every later version. ``handelaars``: ``wie_handelt`` for begeleiding on ``vandaag``, already read."""
    leerling = opp.leerling
    if handelaars is None:
        handelaars = hoorrecht.wie_handelt(leerling, onderwerp=hoorrecht.ONDERWERP_BEGELEIDING, op=vandaag)
    if handelaars.soort == "leerling":
        return [Instemmer("leerling", leerling.naam, "leerling", leerling.account if leerling.account_id else None)]
    if handelaars.soort in ("curator", "mentor"):
        return [Instemmer(f"u{p.pk}", p.get_full_name() or p.email, "vertegenwoordiger", p) for p in handelaars.personen]
    # the parents with gezag, as ``wie_handelt`` read them (in the order of their gezag)
    out = [Instemmer(f"u{p.pk}", p.get_full_name() or p.email, "ouder", p) for p in handelaars.personen]
    gezien = {i.sleutel for i in out}
    for naam in (Instemming.objects.filter(versie__opp=opp, partij="ouder", persoon__isnull=True)
                 .order_by("op", "pk").values_list("naam", flat=True)):
        sleutel = instemming_sleutel("ouder", None, naam)
        if sleutel not in gezien:
            gezien.add(sleutel)
            out.append(Instemmer(sleutel, naam, "ouder"))
    return out


def instemming_stand(opp, versie: Versie | None, vandaag: date | None = None, handelaars=None) -> Stand:
    """Who agreed or refused in the current round of ``versie`` (the latest answer of each person counts)."""
    if versie is None:
        return Stand()
    mensen = instemmers(opp, vandaag, handelaars)
    laatste = {}
    for a in versie.instemmingen.filter(ronde=versie.ronde).order_by("op", "pk"):
        laatste[instemming_sleutel(a.partij, a.persoon_id, a.naam)] = a
    for i in mensen:
        i.antwoord = laatste.get(i.sleutel)
    return Stand(instemmers=mensen, ronde=versie.ronde)


def instemmer_voor(user, opp, vandaag: date | None = None, mensen: list | None = None) -> Instemmer | None:
    """The user as someone whose instemming counts now — or None. ``mensen``: ``instemmers`` already read."""
    mensen = instemmers(opp, vandaag) if mensen is None else mensen
    return next((i for i in mensen if i.persoon is not None and i.persoon.pk == user.pk), None)


# --- completeness (B-3, B-4, B-6, B-7) -----------------------------------------------------------------------------

def _kort(tekst: str, n: int = 60) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= n else tekst[: n - 1] + "…"


def handelingsdeel_ontbreekt(opp, versie: Versie) -> list[str]:
    """What the handelingsdeel lacks before the parents can be asked to agree with it: goals, each measurable and
    dated; in regular schools the support and the afwijkingen (or that there are none)."""
    uit = []
    doelen = list(versie.doelen.all())
    if not doelen:
        uit.append(_("Het handelingsdeel heeft nog geen doelen (B-4)."))
    for d in doelen:
        if not d.criterium.strip():
            uit.append(_("Doel '%(doel)s' heeft geen meetbaar criterium.") % {"doel": _kort(d.omschrijving)})
        if d.streefdatum is None:
            uit.append(_("Doel '%(doel)s' heeft geen datum waarop het bereikt moet zijn.") % {"doel": _kort(d.omschrijving)})
    if opp.school.soort in REGULIER:
        if not versie.ondersteuning.strip():
            uit.append(_("De ondersteuning die de leerling krijgt ontbreekt (B-3: verplicht in het regulier onderwijs)."))
        if not (versie.afwijkingen.strip() or versie.geen_afwijkingen):
            uit.append(_("Vul de afwijkingen van het onderwijsprogramma in, of geef aan dat er geen zijn (B-3)."))
    return uit


def ontbrekend(opp, versie: Versie) -> list[str]:
    """The completeness check before vaststelling: every missing legal element by name (B-3; B-6 for vso; OOGO for
    the perspective part, B-4; the pupil's view, B-7), and goals without a measurable criterion or date."""
    uit = []
    toegestaan = UITSTROOM_PER_SOORT.get(opp.school.soort, [])
    if not versie.uitstroom:
        uit.append(_("De verwachte uitstroombestemming ontbreekt (B-3)."))
    elif versie.uitstroom not in toegestaan:
        uit.append(_("De uitstroombestemming past niet bij deze school; kies er een uit de lijst (B-3, B-6)."))
    if not versie.onderbouwing.strip():
        uit.append(_("De onderbouwing van de uitstroombestemming ontbreekt (B-3)."))
    if not versie.belemmerende_factoren.strip():
        uit.append(_("De belemmerende factoren ontbreken (B-3)."))
    if not versie.bevorderende_factoren.strip():
        uit.append(_("De bevorderende factoren ontbreken (B-3)."))
    uit += handelingsdeel_ontbreekt(opp, versie)
    if not opp.overleggen.filter(versie=versie).exists():
        uit.append(_("Er is nog geen overleg met de ouders over deze versie vastgelegd (OOGO, B-4)."))
    if not versie.inbreng.filter(partij=Partij.LEERLING).exists():
        uit.append(_("De mening van de leerling over dit plan ontbreekt (hoorrecht, B-7)."))
    if opp.school.soort in SOORTEN_MET_COMMISSIE and not CommissieAdvies.objects.filter(
            opp=opp, versie=versie, soort=CommissieAdvies.Soort.ADVIES).exists():
        uit.append(_("Het advies van de commissie voor de begeleiding over dit OPP ontbreekt (WEC 40b lid 2, 41a lid 1): "
                     "leg de datum en het advies vast."))
    return uit


def versie_in_behandeling(opp) -> Versie | None:
    """The version whose handelingsdeel is answered or set: the concept, or the version in force whose perspective
    part was set without instemming (B-4) — its handelingsdeel is still a concept."""
    concept = opp.concept
    if concept is not None:
        return concept
    geldend = opp.geldend
    return geldend if geldend is not None and geldend.alleen_perspectief else None


def instemming_ontbreekt(opp, versie: Versie, vandaag: date | None = None, stand: Stand | None = None) -> list[str]:
    """``stand``: ``instemming_stand`` of ``versie`` already read (not read at all while nothing was put to anyone)."""
    if versie.ronde == 0 or opp.status == S.OP_TE_STELLEN:
        return [_("Het handelingsdeel is nog niet ter instemming voorgelegd (B-4).")]
    stand = stand if stand is not None else instemming_stand(opp, versie, vandaag)
    if not stand.instemmers:
        return [_("Er is geen ouder met gezag bekend. Leg de instemming op papier vast (B-4).")]
    uit = [_("%(naam)s heeft niet ingestemd met het handelingsdeel (B-4).") % {"naam": i.naam} for i in stand.geweigerd]
    uit += [_("De instemming van %(naam)s ontbreekt nog (B-4).") % {"naam": i.naam} for i in stand.open]
    return uit


# --- versions and their differences -------------------------------------------------------------------------------

VERGELIJK_VELDEN = ["uitstroom", "uitstroom_toelichting", "onderbouwing", "belemmerende_factoren",
                    "bevorderende_factoren", "sterke_kanten", "onderwijsbehoeften", "verwachting_ouders", "ondersteuning",
                    "afwijkingen", "geen_afwijkingen", "taakverdeling"]


def _waarde(versie: Versie, veld: str) -> str:
    if veld == "uitstroom":
        return versie.get_uitstroom_display() if versie.uitstroom else ""
    if veld == "geen_afwijkingen":
        return _("ja") if versie.geen_afwijkingen else ""
    return getattr(versie, veld) or ""


def _doel_tekst(d: Doel) -> str:
    datum = d.streefdatum.strftime("%d-%m-%Y") if d.streefdatum else "—"
    return f"{d.get_gebied_display()}: {d.omschrijving} — {d.criterium or '—'} — {datum}" + (
        f" — {d.aanpak}" if d.aanpak else "") + (f" ({d.wie})" if d.wie else "")


def arrangement_namen(versie: Versie) -> list[str]:
    """The arrangements of the handelingsdeel as text: as frozen at voorleggen, or live while the concept is edited."""
    if versie.arrangementen_vastgelegd and not (versie.is_concept and versie.opp.status == S.OP_TE_STELLEN):
        return [a.get("titel", "") for a in versie.arrangementen_vastgelegd]
    return [a["titel"] for a in arrangement_samenvattingen(versie.arrangementen.all())]


# --- the arrangements of the handelingsdeel (S3), through the core ----------------------------------------------------
# An arrangement is a case of kind "arrangement" (its app registers it); the OPP refers to its Zaak row and reads it
# through that kind's typed summary (``Zaaktype.samenvatting``: nummer, titel, status_label, eind, onderdelen, …), so
# this app imports no other domain app (issue #18 §5).

ARRANGEMENT = "arrangement"


def arrangement_samenvattingen(zaken) -> list[dict]:
    """The arrangements (Zaak rows of kind "arrangement") as their kind's typed summaries, in order; each as its own
    kind read in one query for all (``als_specifiek``). Without that kind registered: what every case has."""
    from portal.zaken.tracker import als_specifiek

    zaken = list(zaken)
    zt = registry.ZAAKTYPEN.get(ARRANGEMENT)
    if zt is None or zt.samenvatting is None:
        return [{"arrangement_id": z.pk, "nummer": z.nummer, "titel": z.nummer, "status": z.status,
                 "status_label": z.status_staf, "eind": not z.is_open, "onderdelen": []} for z in zaken]
    return [zt.samenvatting(z) for z in als_specifiek(zaken)]


def arrangementen_keuze(opp):
    """The pupil's arrangements at this school that a handelingsdeel can list (issue #9: from the
    ondersteuningsaanbod), not ended: core Zaak rows of kind "arrangement"."""
    return (Zaak.objects.filter(zaaktype=ARRANGEMENT, leerling_id=opp.leerling_id, school_id=opp.school_id).open()
            .order_by("-geopend_op", "-pk"))


def gekozen_arrangementen(versie: Versie) -> list:
    return list(versie.arrangementen.all())


def verschillen(oud: Versie | None, nieuw: Versie) -> dict:
    """What changed from ``oud`` to ``nieuw``: changed fields (old and new text), goals added and removed, and the
    arrangements added and removed."""
    if oud is None:
        return {"velden": [], "doelen_erbij": [], "doelen_eraf": [], "arr_erbij": [], "arr_eraf": []}
    velden = []
    for veld in VERGELIJK_VELDEN:
        a, b = _waarde(oud, veld), _waarde(nieuw, veld)
        if a != b:
            velden.append({"label": Versie._meta.get_field(veld).verbose_name, "oud": a, "nieuw": b})
    d_oud = [_doel_tekst(d) for d in oud.doelen.all()]
    d_nieuw = [_doel_tekst(d) for d in nieuw.doelen.all()]
    a_oud, a_nieuw = arrangement_namen(oud), arrangement_namen(nieuw)
    return {"velden": velden, "doelen_erbij": [d for d in d_nieuw if d not in d_oud],
            "doelen_eraf": [d for d in d_oud if d not in d_nieuw], "arr_erbij": [a for a in a_nieuw if a not in a_oud],
            "arr_eraf": [a for a in a_oud if a not in a_nieuw]}


def meningen(versie: Versie) -> dict:
    rijen = list(versie.inbreng.select_related("door"))
    return {"leerling": [i for i in rijen if i.partij == Partij.LEERLING],
            "ouders": [i for i in rijen if i.partij == Partij.OUDERS]}


def samenvatting(opp) -> dict:
    """The version in force as a typed summary for another case's letter (``Zaaktype.samenvatting``; the TLV
    application freezes it, issue #12): ``versie`` is None while no version is set. Dates stay dates."""
    versie = opp.geldend
    if versie is None:
        return {"versie": None}
    return {"versie": versie.nummer, "vastgesteld_op": versie.vastgesteld_op, "bestaand": versie.bestaand,
            "handelingsdeel_definitief": not versie.alleen_perspectief,
            "uitstroom": versie.get_uitstroom_display() if versie.uitstroom else "",
            "onderbouwing": versie.onderbouwing, "belemmerend": versie.belemmerende_factoren,
            "bevorderend": versie.bevorderende_factoren, "onderwijsbehoeften": versie.onderwijsbehoeften,
            "ondersteuning": versie.ondersteuning, "afwijkingen": versie.afwijkingen,
            "doelen": [{"gebied": d.get_gebied_display(), "doel": d.omschrijving, "criterium": d.criterium,
                        "streefdatum": d.streefdatum} for d in versie.doelen.all()],
            "arrangementen": arrangement_namen(versie), "document_id": versie.document_id}


def vorige_versie(versie: Versie) -> Versie | None:
    return (Versie.objects.filter(opp_id=versie.opp_id, nummer__lt=versie.nummer).exclude(status=VersieStatus.CONCEPT)
            .order_by("-nummer").first())


# --- the school's lists -------------------------------------------------------------------------------------------

def _open_klok(*regel_ids: str, veld: str = "uiterlijk"):
    return Subquery(Clock.objects.filter(zaak_id=OuterRef("pk"), regel_id__in=regel_ids, gesloten_op__isnull=True)
                    .order_by("pk").values(veld)[:1])


def nog_niet_vastgesteld(school_ids):
    """'OPP verplicht, nog niet vastgesteld' (B-1, B-2): the term that ends first on top — the statutory B-2, or
    the portal's B-2b for a pupil enrolled long ago whose extra support started later (``b2_regel`` says which:
    the list marks B-2b as 'geen wettelijke termijn')."""
    from django.db.models import F

    return (Ontwikkelingsperspectief.objects.filter(school_id__in=school_ids).nog_niet_vastgesteld()
            .select_related("leerling", "school")
            .annotate(b2_uiterlijk=_open_klok("B-2", "B-2b"), b2_regel=_open_klok("B-2", "B-2b", veld="regel_id"))
            .order_by(F("b2_uiterlijk").asc(nulls_last=True), "pk"))


def vastgestelde(school_ids):
    """Open OPPs with a version in force, the evaluation due first on top (B-5)."""
    from django.db.models import F

    return (Ontwikkelingsperspectief.objects.filter(school_id__in=school_ids, vastgesteld_op__isnull=False).open()
            .select_related("leerling", "school").annotate(b5_uiterlijk=_open_klok("B-5"))
            .order_by(F("b5_uiterlijk").asc(nulls_last=True), "pk"))


REDEN_TE_LAAT = {
    S.OP_TE_STELLEN: _l("nog niet opgesteld"),
    S.TER_INSTEMMING: _l("wacht op instemming"),
    S.GEEN_INSTEMMING: _l("geen instemming"),
    S.INGESTEMD: _l("wacht op vaststelling"),
}


def reden_te_laat(opp, vandaag: date | None = None) -> str:
    """Why an OPP is overdue, in words for the overview (B-4: 'geen instemming' when the parents did not agree)."""
    vandaag = vandaag or timezone.localdate()
    uiterlijk = getattr(opp, "b2_uiterlijk", None)
    if uiterlijk is None or uiterlijk >= vandaag:
        return ""
    return str(REDEN_TE_LAAT.get(opp.status, ""))


def kandidaten(school_ids, op: date | None = None):
    """Pupils enrolled now who must have an OPP but have no open one at that school (B-1): every pupil of sbo, so,
    vso and pro, and pupils of a regular school with an arrangement the parents agreed with (extra support)."""
    op = op or timezone.localdate()
    # an arrangement the parents agreed with (its status "akkoord"): a core query on the arrangement's Zaak row
    steun = Zaak.objects.filter(zaaktype=ARRANGEMENT, leerling_id=OuterRef("leerling_id"),
                                school_id=OuterRef("school_id"), status="akkoord")
    heeft = Ontwikkelingsperspectief.objects.open().filter(leerling_id=OuterRef("leerling_id"),
                                                           school_id=OuterRef("school_id"))
    return (Inschrijving.objects.filter(school_id__in=school_ids, soort="definitief")
            .filter(Q(tot__isnull=True) | Q(tot__gte=op))
            .filter(Q(school__soort__in=["sbo", "so", "vso", "pro"]) | Exists(steun))
            .exclude(Exists(heeft)).select_related("leerling", "school").order_by("school__naam", "leerling__achternaam",
                                                                                   "leerling__voornamen"))


def rod_rijen(school):
    """B-8: the OPPs of a school that were ever set, with their start (first vaststelling) and end date."""
    return (Ontwikkelingsperspectief.objects.filter(school=school)
            .annotate(startdatum=Min("versies__vastgesteld_op"))
            .filter(startdatum__isnull=False).select_related("leerling", "school").order_by("startdatum", "pk"))


def gezin_opps(user):
    """The OPPs a parent or a pupil (12+) sees, newest first."""
    return (Ontwikkelingsperspectief.objects.filter(hoorrecht.kinderen_q(user) | hoorrecht.leerling_vanaf_q(user))
            .select_related("leerling", "school").prefetch_related("clocks").order_by("-geopend_op", "-pk"))


def mening_door_leerling_zelf(opp) -> bool:
    """B-7: from 12 with an own account the pupil gives their view; otherwise the school enters it on their behalf."""
    return hoorrecht.heeft_hoorrecht_account(opp.leerling)



def dossier_regels(zaak_ids: list[int], voor_ouders: bool) -> list[dict]:
    """The OPP's record for the geschillen dossier export (``portal.zaken.bezwaarregeling.register_dossier_bron``): every
    vaststelling, every answer on the handelingsdeel with its explanation, the OOGO meetings and the evaluations —
    of the OPPs among ``zaak_ids`` (cases the reader may see). Plain words: parents read it too."""
    from .models import Evaluatie, Overleg

    out = []
    versies = (Versie.objects.filter(opp_id__in=zaak_ids).select_related("opp")
               .prefetch_related("instemmingen").order_by("opp_id", "nummer"))
    for v in versies:
        nummer = v.opp.nummer
        if v.vastgesteld_op:
            wat = (_("Vaststelling van het perspectief van versie %(n)s (handelingsdeel zonder instemming)")
                   if v.perspectief_besluit_id else _("Vaststelling versie %(n)s")) % {"n": v.nummer}
            out.append({"datum": v.vastgesteld_op, "zaak": nummer, "wat": wat,
                        "tekst": v.uitleg_mening and _("Uitleg aan de leerling: %(t)s") % {"t": v.uitleg_mening} or ""})
        if v.handelingsdeel_vastgesteld_op:
            out.append({"datum": v.handelingsdeel_vastgesteld_op, "zaak": nummer,
                        "wat": _("Vaststelling van het handelingsdeel van versie %(n)s, na instemming") % {"n": v.nummer},
                        "tekst": ""})
        for a in v.instemmingen.all():
            out.append({"datum": a.datum, "zaak": nummer,
                        "wat": _("%(naam)s: %(keuze)s (versie %(n)s, %(via)s)") % {
                            "naam": a.naam, "keuze": a.get_keuze_display().lower(), "n": v.nummer,
                            "via": a.get_via_display().lower()},
                        "tekst": a.toelichting})
    for o in Overleg.objects.filter(opp_id__in=zaak_ids).select_related("opp"):
        tekst = "\n".join(t for t in [o.besproken, o.afspraken and _("Eens: %(t)s") % {"t": o.afspraken},
                                      o.niet_eens and _("Niet eens: %(t)s") % {"t": o.niet_eens}] if t)
        out.append({"datum": o.datum, "zaak": o.opp.nummer,
                    "wat": _("Overleg over het OPP (%(wie)s): %(uitkomst)s") % {
                        "wie": o.deelnemers, "uitkomst": o.get_overeenstemming_display().lower()}, "tekst": tekst})
    for e in Evaluatie.objects.filter(opp_id__in=zaak_ids).select_related("opp"):
        out.append({"datum": e.datum, "zaak": e.opp.nummer, "wat": _("Evaluatie van het OPP (%(wie)s)") % {"wie": e.deelnemers},
                    "tekst": e.wat_veranderde})
    return out


# --- what the pages read ------------------------------------------------------------------------------------------

def met_klokken(opp):
    """The OPP with its clocks read once (``Zaak.klokken``, the tracker step): one query for the page."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects([opp], "clocks__opschortingen")
    return opp


def scholen(school_ids):
    from portal.organisaties.models import School

    return School.objects.filter(pk__in=school_ids).order_by("naam")


def start_inschrijvingen(school_ids, op: date | None = None):
    """Pupils enrolled (definitively) now at these schools: for whom an OPP can be started or registered."""
    op = op or timezone.localdate()
    return (Inschrijving.objects.filter(school_id__in=school_ids, soort="definitief")
            .filter(Q(tot__isnull=True) | Q(tot__gte=op)).select_related("leerling", "school")
            .order_by("leerling__achternaam", "leerling__voornamen", "pk"))


def gekozen(inschrijvingen, pk: str):
    """The enrolment chosen by ``?inschrijving=`` among ``inschrijvingen``, or None."""
    pk = parse_id(pk)  # ASCII digits only: "²".isdigit() is true (issue #19 defect 5)
    return inschrijvingen.filter(pk=pk).first() if pk else None


def te_tekenen(versie: Versie | None):
    """The prepared vaststelling of ``versie`` that waits for a signature: of the whole, or of the perspective part
    alone (B-4)."""
    if versie is None:
        return None
    for besluit in (versie.besluit if versie.besluit_id else None,
                    versie.perspectief_besluit if versie.perspectief_besluit_id else None):
        if besluit is not None and besluit.ondertekend_op is None and besluit.vervallen_op is None:
            return besluit
    return None


def mag_tekenen(user, opp) -> bool:
    """May ``user`` sign an OPP's vaststelling (the mandate register, for this kind of decision)?"""
    from portal.organisaties.models import Mandaat

    from .constants import BESLUITTYPE

    return Mandaat.objects.mag_tekenen(user, opp, BESLUITTYPE)


def pagina(opp, getoond: Versie | None) -> dict:
    """The lists on the OPP's page: the version shown's goals and arrangements, the commissie's advice, the OOGO
    meetings, the evaluations, documents and letters."""
    return {
        "doelen": doelen(getoond) if getoond else [],
        "arrangementen": arrangement_namen(getoond) if getoond else [],
        "commissie_adviezen": list(opp.commissie_adviezen.select_related("document", "versie")),
        "overleggen": list(opp.overleggen.select_related("door")),
        "evaluaties": evaluaties(opp),
        "documenten": list(opp.documenten.all()), "brieven": list(opp.brieven.all()),
    }


def concept_doelen(opp):
    return Doel.objects.filter(versie__opp=opp, versie__status=VersieStatus.CONCEPT)


def versies(opp):
    return Versie.objects.filter(opp=opp)


def doelen(versie: Versie) -> list[Doel]:
    return list(versie.doelen.all())


def instemmingen(versie: Versie) -> list[Instemming]:
    return list(versie.instemmingen.select_related("document").order_by("ronde", "op", "pk"))


def evaluaties(opp, versie: Versie | None = None) -> list:
    qs = opp.evaluaties.all() if versie is None else opp.evaluaties.filter(versie=versie)
    return list(qs.select_related("versie").prefetch_related("voortgang__doel"))
