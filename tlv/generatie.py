"""The TLV's share of the generated national data set (issue #14): ~60,000 TLVs at scale 1.0 (DOMAIN §7), in every
state — drafts at the school, applications with the SWV (one in four waiting for a supplement, its clock standing
still), with the experts, decisions prepared and made known, granted TLVs (most of them), refused, expired and
withdrawn ones — with their open clocks: C-4 while with the SWV, C-5 for a valid TLV, C-6 for a decision of the
last six weeks, C-7 until the health data go. Also the experts (a pool, with their professions), each SWV's area
by municipality and its TLV desk."""

from datetime import date, timedelta

from django.utils import timezone

from portal.core.generator import Generatie, register_generator

STATUSSEN = [("concept", 0.03), ("ingediend", 0.06), ("aanvulling", 0.04), ("advies", 0.10), ("besluitvorming", 0.04),
             ("besluit_voorbereid", 0.03), ("toegekend", 0.55), ("afgewezen", 0.05), ("verlopen", 0.08),
             ("ingetrokken", 0.02)]
BIJ_SWV = {"ingediend", "aanvulling", "advies", "besluitvorming", "besluit_voorbereid"}
BESLIST = {"toegekend", "afgewezen", "verlopen"}
EIND = BESLIST | {"ingetrokken"}
SPECIAAL = {"sbo", "so", "vso", "pro"}
PO = {"bao", "sbo", "so"}
WET = {"sbo": "Wet op het primair onderwijs, artikel 40 lid 8 onder a", "so": "Wet op de expertisecentra, artikel 40 lid 10",
       "vso": "Wet op de expertisecentra, artikel 40 lid 12", "pro": "Wet voortgezet onderwijs 2020, artikel 2.30 lid 2"}
BEROEPEN_1 = ["orthopedagoog", "psycholoog"]
BEROEPEN_2 = ["kinder_jeugdpsycholoog", "pedagoog", "kinderpsychiater", "maatschappelijk_werker", "arts"]


def _moment(d: date, uur: int = 9):
    return timezone.make_aware(timezone.datetime.combine(d, timezone.datetime.min.time())) + timedelta(hours=uur)


def _volgende(params: dict, uiterlijk: date | None, vandaag: date) -> date | None:
    """The sweep's next action day, as if the reminders before today were handled."""
    from portal.termijnen.models import kandidaat_data

    if uiterlijk is None:
        return None
    later = [d for d in kandidaat_data(params, uiterlijk) if d >= vandaag]
    return later[0] if later else vandaag


def _gebieden(ctx: Generatie) -> None:
    """Each municipality lies in one po and one vo SWV's area; every SWV has its desk."""
    from .models import Loket, Werkgebied

    rnd = ctx.rnd
    po = sorted({s[2] for s in ctx.data["scholen"] if s[1] in PO})
    vo = sorted({s[2] for s in ctx.data["scholen"] if s[1] not in PO})
    rijen = []
    ids = iter(ctx.ids(Werkgebied, len(ctx.data["gemeenten"]) * 2))
    for g in ctx.data["gemeenten"]:
        for lijst in (po, vo):
            if lijst:
                rijen.append({"id": next(ids), "swv_id": rnd.choice(lijst), "gemeente_id": g})
    ctx.schrijf(Werkgebied, rijen)
    swvs = ctx.data["swvs"]
    ctx.schrijf(Loket, ({"id": i, "swv_id": s, "naam": "Commissie van Toelaatbaarheid", "postadres": f"Postbus {s}",
                         "bezwaar_adres": f"SWV {s}, t.a.v. bezwaren TLV, Postbus {s}"}
                        for i, s in zip(ctx.ids(Loket, len(swvs)), swvs, strict=True)))


def _deskundigen(ctx: Generatie) -> dict[int, list[int]]:
    """A pool of experts: (place 1 or 2) -> user ids."""
    from portal.accounts.models import Membership, User

    from .models import Deskundige

    rnd, nu = ctx.rnd, timezone.now()
    n = ctx.n(900, 4)
    uids = list(ctx.ids(User, n))
    ctx.schrijf(User, ({"id": u, "email": f"deskundige{u}@gen{ctx.seed}.invalid", "password": ctx.data["wachtwoord_hash"],
                        "first_name": "Gen", "last_name": f"deskundige{u}", "is_active": True, "email_geverifieerd_op": nu,
                        "date_joined": nu, "is_staff": False, "is_superuser": False} for u in uids))
    ctx.schrijf(Membership, ({"id": m, "user_id": u, "rol": "deskundige", "organisatie_naam": f"Praktijk {u % 97}",
                              "aangemaakt_op": nu} for m, u in zip(ctx.ids(Membership, n), uids, strict=True)))
    pool: dict[int, list[int]] = {1: [], 2: []}
    profielen = []
    for i, (pid, u) in enumerate(zip(ctx.ids(Deskundige, n), uids, strict=True)):
        plaats = 1 if i % 2 == 0 else 2
        pool[plaats].append(u)
        profielen.append({"id": pid, "user_id": u, "beroep": rnd.choice(BEROEPEN_1 if plaats == 1 else BEROEPEN_2),
                          "registratie": f"GEN-{u}"})
    ctx.schrijf(Deskundige, profielen)
    return pool


def tlvs(ctx: Generatie) -> None:
    from portal.core.generatie import _kies
    from portal.termijnen import rules
    from portal.termijnen.models import Clock, Opschorting
    from portal.zaken.models import Besluit, Gebeurtenis, Verzoek, Zaak

    from . import wet
    from .models import Toewijzing

    _gebieden(ctx)
    pool = _deskundigen(ctx)
    rnd, vandaag = ctx.rnd, ctx.today
    p = {r: rules.get(r).params() for r in ("C-4", "C-5", "C-6", "C-7")}
    per_school = ctx.data["leerlingen_per_school"]
    scholen = {s[0]: s for s in ctx.data["scholen"]}
    speciaal = [sid for sid in per_school if scholen[sid][1] in SPECIAAL]
    regulier = [sid for sid in per_school if scholen[sid][1] not in SPECIAAL]
    n = ctx.n(60_000, 5)
    zaak_ids = ctx.ids(Zaak, n)
    clock_ids = iter(ctx.ids(Clock, n * 3))
    besluit_ids = iter(ctx.ids(Besluit, n))
    geb_ids = iter(ctx.ids(Gebeurtenis, n))
    verzoek_ids = iter(ctx.ids(Verzoek, n))
    opsch_ids = iter(ctx.ids(Opschorting, n))
    tw_ids = iter(ctx.ids(Toewijzing, n * 2))
    gebruikt: set[int] = set()
    buf = {k: [] for k in ("zaken", "tlv", "klokken", "besluiten", "geb", "verzoeken", "opsch", "tw")}

    def klok(regel, zid, start, uiterlijk, swv=None, besluit=None, params=None, gesloten=None, omschrijving=""):
        params = params or p[regel]
        buf["klokken"].append({
            "id": next(clock_ids), "regel_id": regel, "params": params, "zaak_id": zid, "besluit_id": besluit,
            "omschrijving": omschrijving or f"TLV #{zid}", "swv_id": swv, "start": start, "uiterlijk": uiterlijk,
            "gesloten_op": gesloten, "uitkomst": "op_tijd" if gesloten else "",
            "volgende_actie_op": None if gesloten else _volgende(params, uiterlijk, vandaag),
            "aangemaakt_op": _moment(start), "bijgewerkt_op": _moment(start)})

    for zid in zaak_ids:
        status = _kies(rnd, STATUSSEN)
        bron = speciaal if status in BESLIST and speciaal else (regulier or speciaal)
        school_id = rnd.choice(bron)
        kind = rnd.choice(per_school[school_id])
        if kind in gebruikt:  # one TLV per pupil in this data set
            kind = rnd.choice(per_school[school_id])
        gebruikt.add(kind)
        school = scholen[school_id]
        if school[1] in SPECIAAL:
            soort = school[1]
        else:
            soort = rnd.choice(["sbo", "sbo", "so"]) if school[1] in PO else rnd.choice(["pro", "vso"])
        swv = school[2]
        jaren = rnd.choice([1, 1, 2, 2, 3, 4])
        rij = {"zaak_ptr_id": zid, "aanvragende_school_id": school_id, "soort": soort, "swv_grond": "inschrijving",
               "swv_artikel": WET[soort], "vorige_school_id": school_id, "onderwijsbehoeften": "Gegenereerd.",
               "geprobeerd": "Gegenereerd.", "gevraagde_schooljaren": jaren, "zienswijze": "Gegenereerd."}
        if status == "concept":
            geopend = vandaag - timedelta(days=rnd.randint(1, 30))
        elif status in BIJ_SWV or status == "ingetrokken":
            ingediend = vandaag - timedelta(days=rnd.randint(1, 50))
            geopend = ingediend - timedelta(days=rnd.randint(3, 20))
            rij["ingediend_op"] = ingediend
        else:
            if status == "verlopen":
                ingang = vandaag - timedelta(days=rnd.randint(400, 1500))
                jaren = 1
                while wet.einddatum(ingang, jaren) >= vandaag:
                    ingang -= timedelta(days=365)
            else:
                ingang = vandaag - timedelta(days=rnd.randint(1, 3 * 365))
                while status == "toegekend" and wet.einddatum(ingang, jaren) < vandaag:
                    jaren += 1
            bekend = ingang - timedelta(days=rnd.randint(0, 20))
            ingediend = bekend - timedelta(days=rnd.randint(20, 56))
            geopend = ingediend - timedelta(days=rnd.randint(3, 20))
            rij["ingediend_op"] = ingediend
        rij["zienswijze_bevestigd_op"] = _moment(geopend, 15)
        eind = status in EIND
        buf["zaken"].append({"id": zid, "zaaktype": "tlv", "leerling_id": kind, "swv_id": swv, "status": status,
                             "geopend_op": _moment(geopend), "afgesloten_op": None})
        buf["geb"].append({"id": next(geb_ids), "zaak_id": zid, "soort": "geopend", "op": _moment(geopend),
                           "gegevens": {"status": "concept"}, "voor_ouders": True})
        if status in BIJ_SWV:
            start = rij["ingediend_op"]
            if status == "aanvulling":
                gevraagd = min(vandaag, start + timedelta(days=rnd.randint(1, 10)))
                vid = next(verzoek_ids)
                buf["verzoeken"].append({"id": vid, "zaak_id": zid, "soort": "aanvulling_school", "omschrijving": "Gegenereerd.",
                                         "verzocht_op": gevraagd, "antwoord_uiterlijk": gevraagd + timedelta(days=14),
                                         "status": "open"})
                cid = next(clock_ids)
                buf["klokken"].append({"id": cid, "regel_id": "C-4", "params": p["C-4"], "zaak_id": zid,
                                       "omschrijving": f"TLV #{zid}", "swv_id": swv, "start": start, "uiterlijk": None,
                                       "volgende_actie_op": None, "aangemaakt_op": _moment(start),
                                       "bijgewerkt_op": _moment(gevraagd)})
                buf["opsch"].append({"id": next(opsch_ids), "clock_id": cid, "van": gevraagd + timedelta(days=1),
                                     "reden": f"Verzoek om aanvulling aan de school #{vid}", "aangemaakt_op": _moment(gevraagd)})
            else:
                klok("C-4", zid, start, rules.bereken_uiterlijk(p["C-4"], start), swv=swv)
            if status in ("advies", "besluitvorming", "besluit_voorbereid"):
                for plaats in (1, 2):
                    klaar = status != "advies" or rnd.random() < 0.4
                    buf["tw"].append({"id": next(tw_ids), "tlv_id": zid, "plaats": plaats,
                                      "deskundige_id": rnd.choice(pool[plaats]),
                                      "beroep": BEROEPEN_1[0] if plaats == 1 else BEROEPEN_2[4],
                                      "toegewezen_op": _moment(start + timedelta(days=5)),
                                      "conclusie": "toelaatbaar" if klaar else "", "advies": "Gegenereerd." if klaar else "",
                                      "advies_op": _moment(start + timedelta(days=20)) if klaar else None})
            if status == "besluit_voorbereid":
                buf["besluiten"].append({"id": next(besluit_ids), "zaak_id": zid, "besluittype": "tlv",
                                         "uitkomst": "toegekend", "motivering": "Gegenereerd.",
                                         "voorbereid_op": _moment(vandaag)})
        if status in BESLIST:
            bid = next(besluit_ids)
            uitkomst = "afgewezen" if status == "afgewezen" else "toegekend"
            buf["besluiten"].append({"id": bid, "zaak_id": zid, "besluittype": "tlv", "uitkomst": uitkomst,
                                     "motivering": "Gegenereerd.", "voorbereid_op": _moment(bekend),
                                     "ondertekend_op": _moment(bekend, 12), "bekendmaking": "digitaal",
                                     "bekendgemaakt_op": bekend, "ondertekenaar_functie": "directeur"})
            for plaats in (1, 2):
                buf["tw"].append({"id": next(tw_ids), "tlv_id": zid, "plaats": plaats,
                                  "deskundige_id": rnd.choice(pool[plaats]),
                                  "beroep": BEROEPEN_1[1] if plaats == 1 else BEROEPEN_2[0],
                                  "toegewezen_op": _moment(ingediend + timedelta(days=5)),
                                  "conclusie": "niet_toelaatbaar" if uitkomst == "afgewezen" else "toelaatbaar",
                                  "advies": "Gegenereerd.", "advies_op": _moment(ingediend + timedelta(days=20))})
            klok("C-4", zid, ingediend, rules.bereken_uiterlijk(p["C-4"], ingediend), swv=swv, gesloten=bekend)
            c6 = rules.bereken_uiterlijk(p["C-6"], bekend)
            if c6 >= vandaag:
                klok("C-6", zid, bekend, c6, besluit=bid, omschrijving=f"Besluit op TLV #{zid}")
            c7 = rules.bereken_uiterlijk(p["C-7"], bekend)
            if c7 > vandaag:
                klok("C-7", zid, bekend, c7, swv=swv, omschrijving=f"Gezondheidsgegevens TLV #{zid}")
            else:
                rij.update({"onderwijsbehoeften": "", "geprobeerd": "", "zienswijze": "",
                            "gegevens_verwijderd_op": _moment(c7)})
            if uitkomst == "toegekend":
                einde = wet.einddatum(ingang, jaren)
                rij.update({"toegekend_soort": soort, "categorie": rnd.choice("123") if soort in ("so", "vso") else "",
                            "ingangsdatum": ingang, "schooljaren": jaren, "einddatum": einde,
                            "tlv_nummer": f"G{ctx.seed}-{swv}/{bekend.year}/{zid:07d}"})
                if status == "toegekend":
                    klok("C-5", zid, ingang, einde, swv=swv, params=p["C-5"] | {"schooljaren": jaren},
                         omschrijving=f"TLV {rij['tlv_nummer']}")
        if eind:
            buf["zaken"][-1]["afgesloten_op"] = _moment(bekend if status in BESLIST else vandaag, 12)
        buf["tlv"].append(rij)
        if len(buf["zaken"]) >= 20_000:
            _spoel(ctx, buf)
    _spoel(ctx, buf)


def _spoel(ctx, buf):
    from portal.termijnen.models import Clock, Opschorting
    from portal.zaken.models import Besluit, Gebeurtenis, Verzoek, Zaak

    from .models import Toelaatbaarheidsverklaring, Toewijzing

    ctx.schrijf(Zaak, buf["zaken"])
    ctx.schrijf(Toelaatbaarheidsverklaring, buf["tlv"])
    ctx.schrijf(Besluit, buf["besluiten"])
    ctx.schrijf(Clock, buf["klokken"])
    ctx.schrijf(Opschorting, buf["opsch"])
    ctx.schrijf(Verzoek, buf["verzoeken"])
    ctx.schrijf(Toewijzing, buf["tw"])
    ctx.schrijf(Gebeurtenis, buf["geb"])
    for v in buf.values():
        v.clear()


register_generator(tlvs, 33)
