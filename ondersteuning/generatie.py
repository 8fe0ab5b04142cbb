"""The ondersteuning's share of the generated national data set (issue #20 §7, #23 §6): arrangements for the pupils
with extra support in regular schools (the pupils whose OPP the OPP generator made for that reason, read back from the
core's cases) — about 100,000 at scale 1.0 — most agreed with and running with their evaluation rhythm (S-5), some
offered and waiting for the parents, in preparation, refused or ended; each with one to three parts (what, by whom,
hours, who pays). Found by the core's autodiscovery of ``generatie`` modules (``portal.core.generator``)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.core.generator import Generatie, register_generator

STATUSSEN = [("akkoord", 0.70), ("aangeboden", 0.08), ("concept", 0.06), ("niet_akkoord", 0.03), ("beeindigd", 0.13)]
AANBOD = [("eigen_school", 0.62), ("school_met_elders", 0.30), ("andere_school", 0.08)]
ONDERDELEN = [
    ("onderwijsondersteuning", "Twee keer per week begeleiding bij lezen in een klein groepje.", "school", "school"),
    ("onderwijsondersteuning", "Ambulante begeleiding bij gedrag en werkhouding.", "ambulant", "swv"),
    ("zorg", "Begeleiding door een jeugdhulpverlener op school.", "zorgaanbieder", "jeugdwet"),
    ("rooster", "Een aangepast rooster, stap voor stap uitgebreid.", "school", "school"),
    ("hulpmiddel", "Een laptop met voorleessoftware.", "school", "swv"),
    ("vervoer", "Aangepast vervoer van en naar school.", "school", "leerlingenvervoer"),
]
REGULIER = {"bao", "vo"}


def _moment(d: date, uur: int = 10):
    return timezone.make_aware(timezone.datetime.combine(d, timezone.datetime.min.time())) + timedelta(hours=uur)


def _kies(rnd, verdeling):
    r, totaal = rnd.random(), 0.0
    for waarde, kans in verdeling:
        totaal += kans
        if r < totaal:
            return waarde
    return verdeling[-1][0]


def arrangementen(ctx: Generatie) -> None:
    from portal.termijnen import rules
    from portal.termijnen.models import Clock, kandidaat_data
    from portal.zaken.models import Gebeurtenis, Zaak

    from .models import ArrangementReactie, Onderdeel

    rnd, vandaag = ctx.rnd, ctx.today
    scholen = {s[0]: s for s in ctx.data["scholen"]}
    ib = ctx.data["staf"].get("ib", {})
    n = ctx.n(100_000, 3)
    per_swv: dict = {}
    for sid, s in scholen.items():
        if s[1] in REGULIER:
            per_swv.setdefault(s[2], []).append(sid)
    # the pupils with extra support in a regular school: those with an OPP there (the OPP generator's choice)
    kandidaten = [(lid, sid) for lid, sid in Zaak.objects.filter(zaaktype="opp", school__soort__in=REGULIER)
                  .order_by("pk").values_list("leerling_id", "school_id")[:n]]
    if len(kandidaten) < n:  # a small data set: some more pupils of regular schools
        per_school = ctx.data["leerlingen_per_school"]
        gezien = {lid for lid, _ in kandidaten}
        for sid, kinderen in per_school.items():
            if scholen[sid][1] in REGULIER:
                kandidaten += [(k, sid) for k in kinderen[:3] if k not in gezien]
        kandidaten = kandidaten[:n]
    zaak_ids = ctx.ids(Zaak, len(kandidaten))
    reactie_ids = iter(ctx.ids(ArrangementReactie, len(kandidaten)))
    onderdeel_ids = iter(ctx.ids(Onderdeel, len(kandidaten) * 3))
    clock_ids = iter(ctx.ids(Clock, len(kandidaten)))
    geb_ids = iter(ctx.ids(Gebeurtenis, len(kandidaten)))
    s5 = rules.get("S-5").params()
    uiterlijk_van: dict = {}  # (rhythm, start) -> due date
    buf = {k: [] for k in ("zaken", "arr", "reacties", "onderdelen", "klokken", "geb")}
    for zid, (leerling, school_id) in zip(zaak_ids, kandidaten, strict=True):
        status = _kies(rnd, STATUSSEN)
        soort = _kies(rnd, AANBOD)
        swv = scholen[school_id][2]
        opgesteld = vandaag - timedelta(days=rnd.randint(1, 20) if status in ("concept", "aangeboden")
                                        else rnd.randint(30, 700))
        start = opgesteld + timedelta(days=rnd.randint(7, 28))
        einde = None
        if status == "beeindigd":
            einde = min(vandaag - timedelta(days=1), start + timedelta(days=rnd.randint(60, 400)))
        weken = rnd.choice([6, 6, 6, 8, 10, 12])
        andere = rnd.choice(per_swv.get(swv) or [None]) if soort == "andere_school" else None
        andere = None if andere == school_id else andere
        buf["zaken"].append({"id": zid, "zaaktype": "arrangement", "leerling_id": leerling, "school_id": school_id,
                             "swv_id": swv, "status": status, "geopend_op": _moment(opgesteld),
                             "afgesloten_op": _moment(einde, 15) if einde else
                             (_moment(opgesteld + timedelta(days=10), 15) if status == "niet_akkoord" else None)})
        buf["arr"].append({"zaak_ptr_id": zid, "aanbod_soort": soort if andere or soort != "andere_school" else "eigen_school",
                           "andere_school_id": andere, "doel": "Gegenereerd: het kind leest vlotter en werkt zelfstandiger.",
                           "onderzocht": "Gegenereerd.", "aanpassingen": "Gegenereerd.", "startdatum": start,
                           "einddatum": einde or start + timedelta(days=rnd.choice([180, 300, 365])),
                           "evaluatie_weken": weken, "versie": 1, "opgesteld_door_id": ib.get(school_id),
                           "aangeboden_op": None if status == "concept" else _moment(opgesteld + timedelta(days=2))})
        for volgorde, (osoort, wat, aanbieder, financier) in enumerate(rnd.sample(ONDERDELEN, rnd.randint(1, 3))):
            buf["onderdelen"].append({
                "id": next(onderdeel_ids), "arrangement_id": zid, "soort": osoort, "omschrijving": wat,
                "aanbieder": aanbieder, "uren_per_week": Decimal(rnd.choice([1, 2, 2, 3, 4])) if osoort != "hulpmiddel"
                else None, "start": start, "eind": einde, "financier": financier,
                "swv_id": swv if financier == "swv" else None, "volgorde": volgorde})
        if status in ("akkoord", "niet_akkoord", "beeindigd"):
            buf["reacties"].append({"id": next(reactie_ids), "arrangement_id": zid, "versie": 1,
                                    "akkoord": status != "niet_akkoord", "reden": "" if status != "niet_akkoord"
                                    else "Gegenereerd: wij willen meer uren.", "op": _moment(opgesteld + timedelta(days=8)),
                                    "buiten_portaal": "in een gesprek op school"})
        buf["geb"].append({"id": next(geb_ids), "zaak_id": zid, "soort": "geopend", "op": _moment(opgesteld),
                           "gegevens": {"status": "concept"}, "voor_ouders": True})
        if status == "akkoord":  # the evaluation rhythm runs (S-5): the next evaluation N weeks after the last
            params = s5 | {"lengte": weken}
            begin = max(start, vandaag - timedelta(days=rnd.randint(0, weken * 7 - 1)))
            if (weken, begin) not in uiterlijk_van:
                uiterlijk_van[weken, begin] = rules.bereken_uiterlijk(params, begin)
            uiterlijk = uiterlijk_van[weken, begin]
            later = [d for d in kandidaat_data(params, uiterlijk) if d >= vandaag]
            buf["klokken"].append({"id": next(clock_ids), "regel_id": "S-5", "params": params, "zaak_id": zid,
                                   "omschrijving": f"Evaluatie Arrangement #{zid}", "school_id": school_id,
                                   "swv_id": swv, "start": begin, "uiterlijk": uiterlijk,
                                   "volgende_actie_op": later[0] if later else vandaag,
                                   "aangemaakt_op": _moment(begin), "bijgewerkt_op": _moment(begin)})
        if len(buf["zaken"]) >= 20_000:
            _spoel(ctx, buf)
    _spoel(ctx, buf)


def _spoel(ctx, buf):
    from portal.termijnen.models import Clock
    from portal.zaken.models import Gebeurtenis, Zaak

    from .models import Arrangement, ArrangementReactie, Onderdeel

    ctx.schrijf(Zaak, buf["zaken"])
    ctx.schrijf(Arrangement, buf["arr"])
    ctx.schrijf(Onderdeel, buf["onderdelen"])
    ctx.schrijf(ArrangementReactie, buf["reacties"])
    ctx.schrijf(Clock, buf["klokken"])
    ctx.schrijf(Gebeurtenis, buf["geb"])
    for v in buf.values():
        v.clear()


register_generator(arrangementen, 35)
