"""The core's part of the generated national data set (issue #14): municipalities, SWVs, boards, schools,
staff with their mandates, families with children, and enrolments. Realistic shapes: a school has tens to
hundreds of pupils by its size, a parent one to three children, most children two parents with gezag.

Everything derives from the seed; every generated account shares one precomputed password hash
(``WACHTWOORD``), so generating a million accounts costs no hashing."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .generator import Generatie, register_generator

WACHTWOORD = "Passend-Bench-2026"
PLAATSEN = ["Amersfoort", "Apeldoorn", "Arnhem", "Assen", "Breda", "Delft", "Deventer", "Dordrecht", "Ede", "Eindhoven",
            "Emmen", "Enschede", "Gouda", "Groningen", "Haarlem", "Heerlen", "Helmond", "Hengelo", "Hilversum", "Hoorn",
            "Leeuwarden", "Leiden", "Lelystad", "Maastricht", "Middelburg", "Nijmegen", "Oss", "Roermond", "Roosendaal",
            "Schiedam", "Sittard", "Tilburg", "Utrecht", "Venlo", "Vlaardingen", "Zaandam", "Zeist", "Zwolle", "Almere",
            "Alkmaar"]
VOORNAMEN = ["Noah", "Emma", "Liam", "Julia", "Luca", "Mila", "Sem", "Tess", "Daan", "Sophie", "Finn", "Zoë", "Levi",
             "Sara", "Milan", "Nora", "Jesse", "Evi", "Bram", "Lotte", "Yara", "Adam", "Fenna", "Mohammed", "Noor"]
ACHTERNAMEN = ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
               "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
               "Brouwer", "El Amrani", "Yilmaz", "Öztürk", "Kaya", "Nguyen"]
# School kinds and their share of the ~6,500 schools (po ≈ 6,200 vestigingen incl. sbo/so; vo ≈ 650 plus pro/vso).
SOORTEN = [("bao", 0.72), ("sbo", 0.04), ("so", 0.04), ("vso", 0.03), ("vo", 0.14), ("pro", 0.03)]
DENOMINATIES = [("openbaar", 0.32), ("algemeen_bijzonder", 0.08), ("pc", 0.28), ("rk", 0.26), ("gereformeerd", 0.02),
                ("islamitisch", 0.01), ("samenwerking", 0.02), ("overig", 0.01)]
PO = {"bao", "sbo", "so"}


def _kies(rnd, verdeling):
    r, totaal = rnd.random(), 0.0
    for waarde, kans in verdeling:
        totaal += kans
        if r < totaal:
            return waarde
    return verdeling[-1][0]


def _brin(i: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return f"{i % 100:02d}{letters[(i // 100) % 26]}{letters[(i // 2600) % 26]}"


def organisaties(ctx: Generatie) -> None:
    from portal.accounts.models import Membership, User
    from portal.organisaties.models import Bestuur, Gemeente, Mandaat, Samenwerkingsverband, School

    rnd, nu = ctx.rnd, timezone.now()
    gemeenten = list(ctx.ids(Gemeente, ctx.n(342, 2)))
    ctx.schrijf(Gemeente, ({"id": g, "code": f"GX{g:04d}", "naam": f"{PLAATSEN[g % len(PLAATSEN)]} {g}"} for g in gemeenten))
    swvs = list(ctx.ids(Samenwerkingsverband, ctx.n(150, 2)))
    sector = {s: ("po" if i % 2 == 0 else "vo") for i, s in enumerate(swvs)}
    ctx.schrijf(Samenwerkingsverband, ({"id": s, "naam": f"SWV {sector[s].upper()} {s} (gegenereerd)",
                                        "code": f"{sector[s].upper()} G{s:04d}-{ctx.seed}", "sector": sector[s],
                                        "regio": PLAATSEN[s % len(PLAATSEN)]} for s in swvs))
    besturen = list(ctx.ids(Bestuur, ctx.n(1000, 2)))
    ctx.schrijf(Bestuur, ({"id": b, "naam": f"Stichting {PLAATSEN[b % len(PLAATSEN)]} {b}", "adres": f"Postbus {b}",
                           "bezwaar_adres": f"Stichting {b}, t.a.v. bezwaren, Postbus {b}"} for b in besturen))
    po_swv = [s for s in swvs if sector[s] == "po"] or swvs
    vo_swv = [s for s in swvs if sector[s] == "vo"] or swvs
    aantal = ctx.n(6500, 4)
    school_ids = list(ctx.ids(School, aantal))
    scholen = []
    for i, sid in enumerate(school_ids):
        soort = _kies(rnd, SOORTEN) if i >= 2 else ("bao" if i == 0 else "vo")
        swv = rnd.choice(po_swv if soort in PO else vo_swv)
        scholen.append({"id": sid, "naam": f"{'Basisschool' if soort == 'bao' else soort.upper()} {PLAATSEN[sid % len(PLAATSEN)]} {sid}",
                        "brin": _brin(sid + ctx.seed * 7), "vestigingsnummer": f"{(sid // 67600) % 100:02d}",
                        "bestuur_id": rnd.choice(besturen), "soort": soort, "denominatie": _kies(rnd, DENOMINATIES),
                        "plaats": PLAATSEN[sid % len(PLAATSEN)], "_swv": swv})
    ctx.schrijf(School, scholen)
    koppel = School.samenwerkingsverbanden.through
    ids = ctx.ids(koppel, len(scholen))
    ctx.schrijf(koppel, ({"id": i, "school_id": s["id"], "samenwerkingsverband_id": s["_swv"]} for i, s in zip(ids, scholen, strict=True)))
    ctx.data["scholen"] = [(s["id"], s["soort"], s["_swv"], s["bestuur_id"], s["denominatie"]) for s in scholen]
    ctx.data["gemeenten"] = gemeenten
    ctx.data["swvs"] = swvs

    # Staff: an IB'er, a directeur (mandated for aanmelding decisions) and a teacher per school; SWV staff;
    # a bestuurder per board; a leerplichtambtenaar per municipality.
    hash_ = make_password(WACHTWOORD)
    ctx.data["wachtwoord_hash"] = hash_
    personen = [(f"ib{s['id']}", "ib", {"school_id": s["id"]}) for s in scholen]
    personen += [(f"dir{s['id']}", "directeur", {"school_id": s["id"]}) for s in scholen]
    personen += [(f"lk{s['id']}", "leerkracht", {"school_id": s["id"]}) for s in scholen]
    personen += [(f"swv{s}-{k}", "swv", {"swv_id": s}) for s in swvs for k in range(3)]
    personen += [(f"best{b}", "bestuurder", {"bestuur_id": b}) for b in besturen]
    personen += [(f"lp{g}", "leerplicht", {"gemeente_id": g}) for g in gemeenten]
    user_ids = list(ctx.ids(User, len(personen)))
    ctx.schrijf(User, ({"id": uid, "email": f"{naam}@gen{ctx.seed}.invalid", "password": hash_, "first_name": "Gen",
                        "last_name": naam, "is_active": True, "email_geverifieerd_op": nu, "date_joined": nu,
                        "is_staff": False, "is_superuser": False} for uid, (naam, _r, _o) in zip(user_ids, personen, strict=True)))
    m_ids = ctx.ids(Membership, len(personen))
    ctx.schrijf(Membership, ({"id": mid, "user_id": uid, "rol": rol, "aangemaakt_op": nu, **org}
                             for mid, uid, (_n, rol, org) in zip(m_ids, user_ids, personen, strict=True)))
    per_rol: dict = {}
    for uid, (_naam, rol, org) in zip(user_ids, personen, strict=True):
        per_rol.setdefault(rol, {})[next(iter(org.values()))] = uid
    ctx.data["staf"] = per_rol  # rol -> {organisation id: user id}
    directeuren = [(per_rol["directeur"][s["id"]], s["bestuur_id"]) for s in scholen]
    mids = ctx.ids(Mandaat, len(directeuren))
    ctx.schrijf(Mandaat, ({"id": mid, "bestuur_id": b, "user_id": u, "functie": "directeur", "besluittypen": ["aanmelding"],
                           "van": ctx.today - timedelta(days=400), "verleend_op": nu}
                          for mid, (u, b) in zip(mids, directeuren, strict=True)))


def gezinnen(ctx: Generatie) -> None:
    """~2.4 million pupils at scale 1.0: families of one to three children, most with two parents with gezag;
    each child enrolled at a school of its age (po 4–12, vo 12–18), sized by the school."""
    from portal.accounts.models import Membership, User
    from portal.leerlingen.models import Gezag, Inschrijving, Leerling

    rnd, nu = ctx.rnd, timezone.now()
    po = [s for s in ctx.data["scholen"] if s[1] in PO]
    vo = [s for s in ctx.data["scholen"] if s[1] not in PO] or po
    # School size: most schools tens to a few hundred pupils; a weight per school gives that spread.
    po_gewicht = [rnd.lognormvariate(0, 0.6) for _ in po]
    vo_gewicht = [rnd.lognormvariate(0, 0.6) for _ in vo]
    n_kinderen = ctx.n(2_400_000, 10)
    kinderen, ouders, gezag, inschrijvingen, leden = [], [], [], [], []
    kind_ids = iter(ctx.ids(Leerling, n_kinderen))
    ouder_budget = int(n_kinderen * 1.15) + 10
    ouder_ids = iter(ctx.ids(User, ouder_budget))
    lid_ids = iter(ctx.ids(Membership, ouder_budget))
    gezag_ids = iter(ctx.ids(Gezag, n_kinderen * 2))
    ins_ids = iter(ctx.ids(Inschrijving, n_kinderen))
    gemaakt = 0
    familie = 0
    per_school: dict = {}
    while gemaakt < n_kinderen:
        familie += 1
        achternaam = rnd.choice(ACHTERNAMEN)
        twee = rnd.random() < 0.7
        ouder_paar = []
        for k in range(2 if twee else 1):
            oid = next(ouder_ids)
            ouder_paar.append(oid)
            ouders.append({"id": oid, "email": f"ouder{oid}@gen{ctx.seed}.invalid", "password": ctx.data["wachtwoord_hash"],
                           "first_name": rnd.choice(VOORNAMEN), "last_name": achternaam, "is_active": True,
                           "email_geverifieerd_op": nu, "date_joined": nu, "brieven_digitaal": rnd.random() < 0.6,
                           "is_staff": False, "is_superuser": False})
            leden.append({"id": next(lid_ids), "user_id": oid, "rol": "ouder", "aangemaakt_op": nu})
            del k
        woongemeente = rnd.choice(ctx.data["gemeenten"])
        for _ in range(min(rnd.choice([1, 1, 2, 2, 3]), n_kinderen - gemaakt)):
            kid = next(kind_ids)
            leeftijd_dagen = rnd.randint(4 * 365 + 30, 18 * 365 - 30)
            geboren = ctx.today - timedelta(days=leeftijd_dagen)
            kinderen.append({"id": kid, "voornamen": rnd.choice(VOORNAMEN), "achternaam": achternaam,
                             "geboortedatum": geboren, "woongemeente_id": woongemeente, "aangemaakt_op": nu})
            for oid in ouder_paar:
                gezag.append({"id": next(gezag_ids), "leerling_id": kid, "ouder_id": oid, "verklaring_op": nu})
            if leeftijd_dagen < 12 * 365:
                school = rnd.choices(po, weights=po_gewicht)[0]
                van = ctx.today - timedelta(days=rnd.randint(30, max(31, leeftijd_dagen - 4 * 365)))
            else:
                school = rnd.choices(vo, weights=vo_gewicht)[0]
                van = ctx.today - timedelta(days=rnd.randint(30, max(31, leeftijd_dagen - 12 * 365)))
            inschrijvingen.append({"id": next(ins_ids), "leerling_id": kid, "school_id": school[0], "van": van,
                                   "soort": "definitief", "aangemaakt_op": nu})
            per_school.setdefault(school[0], []).append(kid)
            gemaakt += 1
        if len(kinderen) >= 100_000:
            _spoel(ctx, ouders, leden, kinderen, gezag, inschrijvingen)
            ouders, leden, kinderen, gezag, inschrijvingen = [], [], [], [], []
    _spoel(ctx, ouders, leden, kinderen, gezag, inschrijvingen)
    ctx.data["leerlingen_per_school"] = per_school


def _spoel(ctx, ouders, leden, kinderen, gezag, inschrijvingen):
    from portal.accounts.models import Membership, User
    from portal.leerlingen.models import Gezag, Inschrijving, Leerling

    ctx.schrijf(User, ouders)
    ctx.schrijf(Membership, leden)
    ctx.schrijf(Leerling, kinderen)
    ctx.schrijf(Gezag, gezag)
    ctx.schrijf(Inschrijving, inschrijvingen)


def al_gegenereerd(seed: int) -> bool:
    from portal.accounts.models import User

    return User.objects.filter(email__endswith=f"@gen{seed}.invalid").exists()


def informatie(ctx: Generatie) -> None:
    """The public information's rows (issue #23 §6): each SWV's ouder- en jeugdsteunpunt (the public pages and the
    school finder show it)."""
    from portal.informatie.models import SteunpuntContact

    swvs = ctx.data["swvs"]
    ctx.schrijf(SteunpuntContact, ({"id": i, "swv_id": s, "naam": f"Ouder- en jeugdsteunpunt SWV {s}",
                                    "telefoon": f"0800 {s:07d}"[:13], "email": f"steunpunt{s}@gen{ctx.seed}.invalid",
                                    "bereikbaar": "werkdagen, 9.00 tot 16.00 uur", "bijgewerkt_op": timezone.now()}
                                   for i, s in zip(ctx.ids(SteunpuntContact, len(swvs)), swvs, strict=True)))


def checklists(ctx: Generatie) -> None:
    """The checklists' rows (DOMAIN §5 P9; issue #23 §6): about 3 % of the children have their parents' checklist,
    one to three saved versions; about 40 % of the schools their own self-assessment; about one school in five a
    parent's feedback (terugkoppeling). Every version holds an answer for every item, as a save does."""
    from datetime import datetime, time

    from portal.informatie.checklists import ITEMS
    from portal.informatie.constants import Antwoord, ChecklistSoort
    from portal.informatie.models import Checklist, ChecklistAntwoord, ChecklistVersie
    from portal.leerlingen.models import Gezag

    rnd = random.Random(ctx.seed * 1009 + 12)  # its own stream: adding this generator changes no other rows
    antwoorden = [a.value for a in Antwoord] + ["", ""]
    per_school = ctx.data["leerlingen_per_school"]
    kinderen = sorted(k for ks in per_school.values() for k in ks if rnd.random() < 0.03)
    ouder_van: dict[int, int] = {}
    for lid, oid in Gezag.objects.filter(leerling_id__in=kinderen).order_by("pk").values_list("leerling_id", "ouder_id"):
        ouder_van.setdefault(lid, oid)
    scholen = sorted(per_school)
    lijsten = [{"soort": ChecklistSoort.KIND, "leerling_id": k, "_door": ouder_van.get(k)} for k in kinderen]
    lijsten += [{"soort": ChecklistSoort.SCHOOL, "school_id": s, "_door": None} for s in scholen if rnd.random() < 0.4]
    for s in scholen:
        if rnd.random() < 0.2:
            kind = per_school[s][0]
            oid = Gezag.objects.filter(leerling_id=kind).order_by("pk").values_list("ouder_id", flat=True).first()
            if oid is not None:
                lijsten.append({"soort": ChecklistSoort.SCHOOL, "school_id": s, "terugkoppeling": True, "ouder_id": oid,
                                "naam_tonen": rnd.random() < 0.5, "leerling_id": kind if rnd.random() < 0.5 else None,
                                "_door": oid})
    versies, regels = [], []
    versie_ids = iter(ctx.ids(ChecklistVersie, len(lijsten) * 3))
    for lijst, cid in zip(lijsten, ctx.ids(Checklist, len(lijsten)), strict=True):
        lijst["id"] = cid
        begin = ctx.today - timedelta(days=rnd.randint(20, 400))
        lijst["aangemaakt_op"] = timezone.make_aware(datetime.combine(begin, time(10)))
        door = lijst.pop("_door")
        items = ITEMS[lijst["soort"]]
        for nummer in range(1, rnd.choice([1, 1, 2, 3]) + 1):
            vid = next(versie_ids)
            dag = begin + timedelta(days=30 * (nummer - 1))
            versies.append({"id": vid, "checklist_id": cid, "nummer": nummer, "door_id": door,
                            "opgeslagen_op": timezone.make_aware(datetime.combine(dag, time(10)))})
            for item in items:
                a = rnd.choice(antwoorden)
                regels.append({"versie_id": vid, "item": item.code, "antwoord": a, "datum": dag if a else None,
                               "notitie": "Besproken met de leerkracht." if a and rnd.random() < 0.2 else ""})
    ctx.schrijf(Checklist, lijsten)
    ctx.schrijf(ChecklistVersie, versies)
    for regel, aid in zip(regels, ctx.ids(ChecklistAntwoord, len(regels)), strict=True):
        regel["id"] = aid
    ctx.schrijf(ChecklistAntwoord, regels)


def termijnhistorie(ctx: Generatie) -> None:
    """The closed terms of the decided aanmeldingen (issue #20 §2, §7), read back from the core's cases and decisions
    the aanmelding's generator wrote: A-6 and A-9 closed on the day the decision was made known, on time or late from
    their own due dates (``aanmelding.services.na_bekendmaking``), and lapsed on the day of withdrawal. So the
    monitoring's share decided on time per quarter has a history at scale. Core models and rule ids only."""
    from portal.termijnen import rules
    from portal.termijnen.models import Clock
    from portal.zaken.models import Besluit, Zaak

    params = {r: rules.get(r).params() for r in ("A-6", "A-9")}
    bekend = dict(Besluit.objects.filter(besluittype="aanmelding", bekendgemaakt_op__isnull=False)
                  .values_list("zaak_id", "bekendgemaakt_op"))
    rijen: list[dict] = []
    uiterlijk_van: dict = {}  # (rule, start) -> due date: a few hundred distinct starts, computed once each

    def spoel():
        for rij, cid in zip(rijen, ctx.ids(Clock, len(rijen)), strict=True):
            rij["id"] = cid
        ctx.schrijf(Clock, rijen)
        rijen.clear()

    zaken = (Zaak.objects.filter(zaaktype="aanmelding", status__in=["besloten", "ingetrokken"],
                                 afgesloten_op__isnull=False).order_by("pk")
             .values_list("pk", "school_id", "swv_id", "status", "geopend_op", "afgesloten_op"))
    for zid, school_id, swv_id, status, geopend, afgesloten in zaken.iterator(chunk_size=20_000):
        start = timezone.localtime(geopend).date()
        gesloten = bekend.get(zid) if status == "besloten" else timezone.localtime(afgesloten).date()
        if gesloten is None:
            continue
        for regel in ("A-6", "A-9"):
            if (regel, start) not in uiterlijk_van:
                uiterlijk_van[regel, start] = rules.bereken_uiterlijk(params[regel], start)
            uiterlijk = uiterlijk_van[regel, start]
            uitkomst = "vervallen" if status == "ingetrokken" else "op_tijd" if gesloten <= uiterlijk else "te_laat"
            rijen.append({"regel_id": regel, "params": params[regel], "zaak_id": zid,
                          "omschrijving": f"Aanmelding #{zid}", "school_id": school_id, "swv_id": swv_id,
                          "start": start, "uiterlijk": uiterlijk, "gesloten_op": gesloten, "uitkomst": uitkomst,
                          "aangemaakt_op": geopend, "bijgewerkt_op": afgesloten})
        if len(rijen) >= 50_000:
            spoel()
    spoel()


register_generator(organisaties, 10)
register_generator(gezinnen, 11)
register_generator(informatie, 12)
register_generator(checklists, 13)
register_generator(termijnhistorie, 60)
