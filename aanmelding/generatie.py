"""The aanmelding's share of the generated national data set (issue #14): ~400,000 aanmeldingen a year at
scale 1.0, in every state (received, under investigation, decision prepared, decided, withdrawn), with their
clocks (A-6 and A-9 while open), the receipt letter and the timeline's first lines; the decisions and the
parents' remedies' clocks (A-13, D-2) for the recent ones. Registered by ``zaken.register()``."""

from datetime import timedelta

from django.utils import timezone

from portal.core.generator import Generatie

STATUSSEN = [("ontvangen", 0.10), ("in_onderzoek", 0.14), ("besluit_voorbereid", 0.04), ("besloten", 0.66),
             ("ingetrokken", 0.06)]


def aanmeldingen(ctx: Generatie) -> None:
    from portal.core.generatie import _kies
    from portal.documenten.models import Brief
    from portal.termijnen import rules
    from portal.termijnen.models import Clock
    from portal.zaken.models import Besluit, Gebeurtenis, Zaak

    rnd = ctx.rnd
    a6, a9 = rules.get("A-6").params(), rules.get("A-9").params()
    a13 = rules.get("A-13").params()
    per_school = ctx.data["leerlingen_per_school"]
    scholen = [s for s in ctx.data["scholen"] if s[0] in per_school]
    n = ctx.n(400_000, 5)
    zaak_ids = ctx.ids(Zaak, n)
    zaken, aanm, klokken, brieven, gebeurtenissen, besluiten, bekend = [], [], [], [], [], [], []
    clock_ids = iter(ctx.ids(Clock, n * 3))
    brief_ids = iter(ctx.ids(Brief, n))
    geb_ids = iter(ctx.ids(Gebeurtenis, n * 2))
    besluit_ids = iter(ctx.ids(Besluit, n))
    # A school has tens to hundreds of aanmeldingen: proportional to its pupils.
    gewichten = [len(per_school[s[0]]) for s in scholen]
    for zid in zaak_ids:
        school = rnd.choices(scholen, weights=gewichten)[0]
        leerling = rnd.choice(per_school[school[0]])
        status = _kies(rnd, STATUSSEN)
        dagen = rnd.randint(1, 40) if status in ("ontvangen", "in_onderzoek", "besluit_voorbereid") else rnd.randint(30, 360)
        ontvangen = ctx.today - timedelta(days=dagen)
        moment = timezone.make_aware(timezone.datetime.combine(ontvangen, timezone.datetime.min.time())) + timedelta(hours=9)
        # most decided within A-6's 6 weeks, some later (the monitoring's share on time, issue #20); none after today
        looptijd = min(rnd.randint(10, 40) if rnd.random() < 0.85 else rnd.randint(43, 70), dagen)
        afgesloten = moment + timedelta(days=looptijd) if status in ("besloten", "ingetrokken") else None
        zaken.append({"id": zid, "zaaktype": "aanmelding", "leerling_id": leerling, "school_id": school[0],
                      "status": status, "geopend_op": moment, "afgesloten_op": afgesloten})
        aanm.append({"zaak_ptr_id": zid, "kanaal": "online", "ontvangen_op": moment, "ontvangen_datum": ontvangen,
                     "gewenste_start": ontvangen + timedelta(days=rnd.randint(30, 200)),
                     "ondersteuning": rnd.choice(["ja", "waarschijnlijk", "nee", "nee", "weet_niet"]),
                     "gezag_verklaard": True, "voorkeur_positie": 1})
        brieven.append({"id": next(brief_ids), "zaak_id": zid, "soort": "aanmelding.ontvangst", "aangemaakt_op": moment,
                        "gemaakt_op": moment, "bestand": ctx.data.get("voorbeeld_pdf", ""),
                        "gegevens": {"ontvangen_op": moment, "uiterlijk": ontvangen + timedelta(weeks=6)}})
        gebeurtenissen.append({"id": next(geb_ids), "zaak_id": zid, "soort": "geopend", "op": moment,
                               "gegevens": {"status": "ontvangen"}, "voor_ouders": True})
        if afgesloten is None:
            for regel, params in (("A-6", a6), ("A-9", a9)):
                uiterlijk = rules.bereken_uiterlijk(params, ontvangen)
                klokken.append({"id": next(clock_ids), "regel_id": regel, "params": params, "zaak_id": zid,
                                "omschrijving": f"Aanmelding #{zid}", "school_id": school[0], "start": ontvangen,
                                "uiterlijk": uiterlijk, "volgende_actie_op": uiterlijk - timedelta(days=7),
                                "aangemaakt_op": moment, "bijgewerkt_op": moment})
        else:
            gebeurtenissen.append({"id": next(geb_ids), "zaak_id": zid, "soort": "status", "op": afgesloten,
                                   "gegevens": {"van": "in_onderzoek", "naar": status}, "voor_ouders": True})
        if status == "besloten":
            bid = next(besluit_ids)
            bekend_op = afgesloten.date()
            besluiten.append({"id": bid, "zaak_id": zid, "besluittype": "aanmelding",
                              "uitkomst": rnd.choice(["toegelaten", "toegelaten", "toegelaten_ondersteuning", "niet_toegelaten"]),
                              "motivering": "Gegenereerd.", "voorbereid_op": afgesloten, "ondertekend_op": afgesloten,
                              "bekendmaking": "digitaal", "bekendgemaakt_op": bekend_op})
            bezwaar = rules.bereken_uiterlijk(a13, bekend_op)
            if bezwaar >= ctx.today:  # the parents' term still runs
                bekend.append({"id": next(clock_ids), "regel_id": "A-13", "params": a13, "zaak_id": zid, "besluit_id": bid,
                               "omschrijving": f"Besluit op Aanmelding #{zid}", "start": bekend_op, "uiterlijk": bezwaar,
                               "volgende_actie_op": bezwaar - timedelta(days=7), "aangemaakt_op": afgesloten,
                               "bijgewerkt_op": afgesloten})
        if len(zaken) >= 50_000:
            _spoel(ctx, zaken, aanm, klokken, brieven, gebeurtenissen, besluiten, bekend)
            zaken, aanm, klokken, brieven, gebeurtenissen, besluiten, bekend = [], [], [], [], [], [], []
    _spoel(ctx, zaken, aanm, klokken, brieven, gebeurtenissen, besluiten, bekend)


def _spoel(ctx, zaken, aanm, klokken, brieven, gebeurtenissen, besluiten, bekend):
    from portal.documenten.models import Brief
    from portal.termijnen.models import Clock
    from portal.zaken.models import Besluit, Gebeurtenis, Zaak

    from .models import Aanmelding

    ctx.schrijf(Zaak, zaken)
    ctx.schrijf(Aanmelding, aanm)
    ctx.schrijf(Besluit, besluiten)
    ctx.schrijf(Clock, klokken + bekend)
    ctx.schrijf(Brief, brieven)
    ctx.schrijf(Gebeurtenis, gebeurtenissen)

