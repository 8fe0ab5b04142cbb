"""The OPP's share of the generated data set (issue #14): ~250,000 active OPPs at scale 1.0 — every pupil of
sbo, so, vso and pro and a share of the pupils with extra support in regular schools; most set (with their
yearly evaluation clock B-5 running, their 6-week term B-2 closed on the day they were set — on time, or late for the
few set after the sixth week, as the monitoring's on-time figures count them), the newest still within their 6 weeks
(B-2)."""

from datetime import timedelta

from django.utils import timezone

from portal.core.generator import Generatie, register_generator


def opps(ctx: Generatie) -> None:
    from portal.termijnen import dates, rules
    from portal.termijnen.models import Clock
    from portal.zaken.models import Zaak

    from .constants import SOORTEN_MET_OPP
    from .models import Ontwikkelingsperspectief, Versie

    rnd = ctx.rnd
    b2, b5 = rules.get("B-2").params(), rules.get("B-5").params()
    per_school = ctx.data["leerlingen_per_school"]
    soort = {s[0]: s[1] for s in ctx.data["scholen"]}
    kandidaten = []
    for school_id, kinderen in per_school.items():
        if soort[school_id] in SOORTEN_MET_OPP:
            kandidaten += [(school_id, k, "soort_onderwijs") for k in kinderen]
        else:
            kandidaten += [(school_id, k, "extra_ondersteuning") for k in kinderen if rnd.random() < 0.06]
    n = min(len(kandidaten), ctx.n(250_000, 3))
    gekozen = rnd.sample(kandidaten, n)
    zaak_ids = ctx.ids(Zaak, n)
    clock_ids = iter(ctx.ids(Clock, 2 * n))
    versie_ids = iter(ctx.ids(Versie, n))
    zaken, opp_rijen, klokken, versies = [], [], [], []
    for zid, (school_id, kind, reden) in zip(zaak_ids, gekozen, strict=True):
        nieuw = rnd.random() < 0.08
        start = ctx.today - timedelta(days=rnd.randint(1, 40) if nieuw else rnd.randint(60, 900))
        moment = timezone.make_aware(timezone.datetime.combine(start, timezone.datetime.min.time()))
        status = "op_te_stellen" if nieuw else "vastgesteld"
        zaken.append({"id": zid, "zaaktype": "opp", "leerling_id": kind, "school_id": school_id, "status": status,
                      "geopend_op": moment})
        vastgesteld = None if nieuw else start + timedelta(days=rnd.randint(20, 42))
        opp_rijen.append({"zaak_ptr_id": zid, "reden": reden, "vastgesteld_op": vastgesteld})
        if vastgesteld is not None:  # the version in force (its content is not generated; B-8 reads its date)
            versies.append({"id": next(versie_ids), "opp_id": zid, "nummer": 1, "status": "vastgesteld", "ronde": 1,
                            "vastgesteld_op": vastgesteld, "aangemaakt_op": moment})
        if vastgesteld is not None:  # B-2 ran from the enrolment and ended when the OPP was set
            b2_uiterlijk = rules.bereken_uiterlijk(b2, start)
            klokken.append({"id": next(clock_ids), "regel_id": "B-2", "params": b2, "zaak_id": zid,
                            "omschrijving": f"Ontwikkelingsperspectief #{zid}", "school_id": school_id, "start": start,
                            "uiterlijk": b2_uiterlijk, "gesloten_op": vastgesteld,
                            "uitkomst": "op_tijd" if vastgesteld <= b2_uiterlijk else "te_laat",
                            "aangemaakt_op": moment, "bijgewerkt_op": moment})
        regel, params = ("B-2", b2) if nieuw else ("B-5", b5)
        begin = start if nieuw else max(vastgesteld, dates.schooljaar_einde(ctx.today) - timedelta(days=364))
        uiterlijk = rules.bereken_uiterlijk(params, begin)
        klokken.append({"id": next(clock_ids), "regel_id": regel, "params": params, "zaak_id": zid,
                        "omschrijving": f"Ontwikkelingsperspectief #{zid}", "school_id": school_id, "start": begin,
                        "uiterlijk": uiterlijk, "volgende_actie_op": uiterlijk - timedelta(days=max(params["herinneringen"])),
                        "aangemaakt_op": moment, "bijgewerkt_op": moment})
        if len(zaken) >= 50_000:
            ctx.schrijf(Zaak, zaken)
            ctx.schrijf(Ontwikkelingsperspectief, opp_rijen)
            ctx.schrijf(Clock, klokken)
            ctx.schrijf(Versie, versies)
            zaken, opp_rijen, klokken, versies = [], [], [], []
    ctx.schrijf(Zaak, zaken)
    ctx.schrijf(Ontwikkelingsperspectief, opp_rijen)
    ctx.schrijf(Clock, klokken)
    ctx.schrijf(Versie, versies)


register_generator(opps, 31)
