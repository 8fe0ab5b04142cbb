"""The thuiszitters' share of the generated national data set (issue #20 §7): about 10,000 cases at scale 1.0 — a few
per 1,000 pupils, as the inspectie counts them — with realistic kinds and durations: most children enrolled but not
at school (langdurig relatief verzuim), some not enrolled anywhere (absoluut verzuim, registered by the SWV), a
quarter with part of their hours; a third back in education, the open ones spread from days to more than a year, the
ones past 3 months on the SWV's desk (F-3), most with the leerplichtambtenaar's follow-up (§6). Their clocks F-2 and F-3 as the services and the sweep leave them: running,
expired with their consequence handled once, or closed at the return to education. Found by the core's autodiscovery
of ``generatie`` modules (``portal.core.generator``)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from portal.core.generator import Generatie, register_generator

SOORTEN = [("relatief", 0.55), ("absoluut", 0.12), ("deel_zonder", 0.23), ("deel_met", 0.10)]
REDENEN = [("psychisch", 0.27), ("schoolweigering", 0.20), ("ondersteuning", 0.18), ("geen_plek", 0.12),
           ("verwijderd", 0.06), ("geschil", 0.05), ("thuissituatie", 0.08), ("anders", 0.04)]
# How long ago the first day without education was: (share, days from, days to) — a long tail past 3 months.
DUUR = [(0.22, 1, 27), (0.38, 28, 91), (0.28, 92, 365), (0.12, 366, 900)]
PER_DUIZEND = 4.2  # thuiszitters per 1,000 pupils (about 10,000 on 2.4 million)
BEEINDIGD = 0.33  # the share back in education (the register keeps them)
WAAR = ["De eigen school, met een aangepast rooster", "Een school voor speciaal basisonderwijs",
        "Een school voor voortgezet speciaal onderwijs", "Een andere school in de regio", "Een zorg-onderwijsplek"]


def _moment(d: date, uur: int = 10):
    return timezone.make_aware(timezone.datetime.combine(d, timezone.datetime.min.time())) + timedelta(hours=uur)


def _kies(rnd, verdeling):
    r, totaal = rnd.random(), 0.0
    for waarde, kans in verdeling:
        totaal += kans
        if r < totaal:
            return waarde
    return verdeling[-1][0]


def thuiszitters(ctx: Generatie) -> None:
    from portal.termijnen import rules
    from portal.termijnen.models import Clock, ClockEvent, kandidaat_data
    from portal.zaken.models import Gebeurtenis, Zaak

    rnd, vandaag = ctx.rnd, ctx.today
    per_school = ctx.data["leerlingen_per_school"]
    scholen = {s[0]: s for s in ctx.data["scholen"]}
    school_ids = list(per_school)
    gewichten = [len(per_school[s]) for s in school_ids]
    totaal_leerlingen = sum(gewichten)
    n = min(totaal_leerlingen // 2, max(3, round(totaal_leerlingen * PER_DUIZEND / 1000)))
    staf = ctx.data["staf"]
    params = {r: rules.get(r).params() for r in ("F-2", "F-3")}
    cache: dict = {}

    def uiterlijk_van(regel: str, start: date) -> date:
        if (regel, start) not in cache:
            cache[regel, start] = rules.bereken_uiterlijk(params[regel], start)
        return cache[regel, start]

    zaak_ids = ctx.ids(Zaak, n)
    clock_ids = iter(ctx.ids(Clock, n * 2))
    event_ids = iter(ctx.ids(ClockEvent, n * 2))
    geb_ids = iter(ctx.ids(Gebeurtenis, n * 2))
    gebruikt: set[int] = set()
    absoluut: dict[int, date] = {}
    buf = {k: [] for k in ("zaken", "tz", "klokken", "events", "geb")}
    for zid in zaak_ids:
        school_id = rnd.choices(school_ids, weights=gewichten)[0]
        kind = rnd.choice(per_school[school_id])
        while kind in gebruikt:  # one registration per child in this data set
            school_id = rnd.choices(school_ids, weights=gewichten)[0]
            kind = rnd.choice(per_school[school_id])
        gebruikt.add(kind)
        swv_id = scholen[school_id][2]
        soort = _kies(rnd, SOORTEN)
        _aandeel, van, tot = next(_cumulatief(rnd.random()))
        sinds = vandaag - timedelta(days=rnd.randint(van, tot))
        beeindigd = rnd.random() < BEEINDIGD and (vandaag - sinds).days > 14
        einde = sinds + timedelta(days=rnd.randint(14, max(14, (vandaag - sinds).days))) if beeindigd else None
        einde = min(einde, vandaag) if einde else None
        # absoluut verzuim: not enrolled anywhere, registered by the SWV (the case has no school, F-1)
        zaak_school = None if soort == "absoluut" else school_id
        if zaak_school is None:
            absoluut[kind] = sinds
        door = staf["swv"].get(swv_id) if zaak_school is None else staf["ib"].get(school_id)
        f3 = uiterlijk_van("F-3", sinds)
        status = "beeindigd" if beeindigd else ("bij_swv" if f3 < vandaag else "open")
        buf["zaken"].append({"id": zid, "zaaktype": "thuiszitter", "leerling_id": kind, "school_id": zaak_school,
                             "swv_id": swv_id, "status": status, "geopend_op": _moment(sinds + timedelta(days=rnd.randint(0, 10))),
                             "afgesloten_op": _moment(einde, 15) if einde else None})
        deel = soort in ("deel_zonder", "deel_met")
        open_plan = not beeindigd and rnd.random() < 0.75
        buf["tz"].append({
            "zaak_ptr_id": zid, "sinds": sinds, "soort": soort, "reden": _kies(rnd, REDENEN),
            "uren_per_week": Decimal(rnd.choice([4, 6, 8, 10, 12, 16])) if deel else None,
            "plan_wat": "Gesprekken met de leerling en de ouders; stap voor stap terug naar school." if open_plan else "",
            "plan_wie": "Intern begeleider en jeugdarts" if open_plan else "",
            "plan_volgende_datum": vandaag + timedelta(days=rnd.randint(3, 30)) if open_plan else None,
            "leerplicht_gemeld_op": sinds + timedelta(days=rnd.randint(3, 25))
            if soort in ("relatief", "absoluut") and rnd.random() < 0.85 else None,
            "einddatum": einde, "eind_waar": rnd.choice(WAAR) if einde else "",
            "eind_uren": Decimal(rnd.choice([20, 22, 24, 26])) if einde else None, "geregistreerd_door_id": door})
        buf["geb"].append({"id": next(geb_ids), "zaak_id": zid, "soort": "geopend", "op": buf["zaken"][-1]["geopend_op"],
                           "gegevens": {"status": "open"}, "voor_ouders": True})
        if status == "bij_swv":
            buf["geb"].append({"id": next(geb_ids), "zaak_id": zid, "soort": "status", "op": _moment(f3 + timedelta(days=1), 6),
                               "gegevens": {"van": "open", "naar": "bij_swv"}, "voor_ouders": True})
        for regel in ("F-2", "F-3"):
            p = params[regel]
            uiterlijk = uiterlijk_van(regel, sinds)
            cid = next(clock_ids)
            rij = {"id": cid, "regel_id": regel, "params": p, "zaak_id": zid, "omschrijving": f"Thuiszitter #{zid}",
                   "school_id": zaak_school, "swv_id": swv_id, "start": sinds, "uiterlijk": uiterlijk,
                   "aangemaakt_op": _moment(sinds), "bijgewerkt_op": _moment(min(vandaag, uiterlijk))}
            if einde is not None:  # back in education: every open clock closes that day (services.thuiszitter_beeindig)
                rij.update({"gesloten_op": einde, "uitkomst": "op_tijd" if einde <= uiterlijk else "te_laat",
                            "volgende_actie_op": None})
            else:
                later = [d for d in kandidaat_data(p, uiterlijk) if d >= vandaag]
                rij["volgende_actie_op"] = later[0] if later else None
            buf["klokken"].append(rij)
            if uiterlijk < (einde or vandaag):  # expired while open: the sweep ran its consequence, once
                verlopen = uiterlijk + timedelta(days=1)
                buf["events"].append({"id": next(event_ids), "clock_id": cid, "soort": "verlopen", "uiterlijk": uiterlijk,
                                      "aangemaakt_op": _moment(verlopen, 6), "gevolg": p.get("gevolg") or "",
                                      "gevolg_afgehandeld_op": _moment(verlopen, 6) if p.get("gevolg") else None,
                                      "gevolg_resultaat": "gemeld" if p.get("gevolg") else ""})
        if len(buf["zaken"]) >= 20_000:
            _spoel(ctx, buf)
    _spoel(ctx, buf)
    _uitgeschreven(absoluut)
    _opvolging(ctx, gebruikt)


def _uitgeschreven(absoluut: dict[int, date]) -> None:
    """Absoluut verzuim (F-1): the child is not enrolled anywhere — its enrolment ended the day before."""
    from portal.leerlingen.models import Inschrijving

    ins = list(Inschrijving.objects.filter(leerling_id__in=list(absoluut), tot__isnull=True).only("pk", "van", "leerling_id"))
    for i in ins:
        i.tot = max(i.van, absoluut[i.leerling_id] - timedelta(days=1))
    Inschrijving.objects.bulk_update(ins, ["tot"], batch_size=1_000)


def _opvolging(ctx: Generatie, kinderen: set[int]) -> None:
    """Issue #20 §6: the leerplichtambtenaar of the pupil's municipality followed up most cases they were told about —
    a conversation, sometimes a referral to a care team, now and then a proces-verbaal."""
    from portal.leerlingen.models import Leerling

    from .models import LeerplichtOpvolging, Thuiszitter

    rnd, lp = ctx.rnd, ctx.data["staf"].get("leerplicht", {})
    gemeente = {}
    lijst = sorted(kinderen)
    for i in range(0, len(lijst), 5_000):
        gemeente.update(Leerling.objects.filter(pk__in=lijst[i:i + 5_000]).values_list("pk", "woongemeente_id"))
    gemeld = list(Thuiszitter.objects.filter(leerling_id__in=lijst, leerplicht_gemeld_op__isnull=False)
                  .order_by("pk").values_list("pk", "leerling_id", "leerplicht_gemeld_op", "einddatum"))
    rijen = []
    for zid, kind, gemeld_op, einde in gemeld:
        g = gemeente.get(kind)
        laatste = min(einde or ctx.today, ctx.today)
        if g is None or rnd.random() > 0.8 or (laatste - gemeld_op).days < 3:
            continue
        op = gemeld_op + timedelta(days=rnd.randint(2, min(21, (laatste - gemeld_op).days)))
        soorten = ["gesprek"] + (["zorgteam"] if rnd.random() < 0.35 else []) + (
            ["proces_verbaal"] if rnd.random() < 0.08 else [])
        for n, soort in enumerate(soorten):
            dag = min(laatste, op + timedelta(days=14 * n))
            rijen.append({"thuiszitter_id": zid, "soort": soort, "op": dag, "gemeente_id": g, "door_id": lp.get(g),
                          "notitie": "", "vastgelegd_op": _moment(dag, 16)})
    for rij, oid in zip(rijen, ctx.ids(LeerplichtOpvolging, len(rijen)), strict=True):
        rij["id"] = oid
    ctx.schrijf(LeerplichtOpvolging, rijen)


def _cumulatief(r: float):
    totaal = 0.0
    for aandeel, van, tot in DUUR:
        totaal += aandeel
        if r < totaal:
            yield aandeel, van, tot
    yield DUUR[-1]


def _spoel(ctx, buf):
    from portal.termijnen.models import Clock, ClockEvent
    from portal.zaken.models import Gebeurtenis, Zaak

    from .models import Thuiszitter

    ctx.schrijf(Zaak, buf["zaken"])
    ctx.schrijf(Thuiszitter, buf["tz"])
    ctx.schrijf(Clock, buf["klokken"])
    ctx.schrijf(ClockEvent, buf["events"])
    ctx.schrijf(Gebeurtenis, buf["geb"])
    for v in buf.values():
        v.clear()


register_generator(thuiszitters, 36)
