"""The geschillen's share of the generated national data set (issue #20 §7, #23 §6): the klachtencommissies of the
boards (a commission serves about ten boards, with its secretary), and at scale 1.0 about 5,000 klachten, 3,000
bezwaren against refused aanmeldingen and 400 geschillen at the Geschillencommissie passend onderwijs (about OPPs and
refusals) — in every state, the finished ones with the commission's oordeel and the board's answer (followed, partly
followed, not followed), and their terms as the services leave them: D-5, A-13b, D-2b, D-3 and D-4 running, or closed
on time or late. Found by the core's autodiscovery of ``generatie`` modules (``portal.core.generator``)."""

from datetime import date, timedelta

from django.utils import timezone

from portal.core.generator import Generatie, register_generator

OORDELEN = [("ongegrond", 0.40), ("gegrond", 0.28), ("deels_gegrond", 0.22), ("niet_ontvankelijk", 0.07),
            ("niet_bevoegd", 0.03)]
OPVOLGING = [("volgt", 0.74), ("volgt_deels", 0.16), ("volgt_niet", 0.10)]
BEZWAAR_UITKOMST = [("ongegrond", 0.64), ("gegrond", 0.15), ("deels_gegrond", 0.11), ("niet_ontvankelijk", 0.10)]
KLACHT_STATUS = [("ingediend", 0.08), ("in_behandeling", 0.12), ("oordeel", 0.07), ("afgehandeld", 0.63),
                 ("ingetrokken", 0.10)]
OP_TIJD = 0.8  # the share of the board's terms met on time
PO = {"bao", "sbo", "so"}


def _moment(d: date, uur: int = 10):
    return timezone.make_aware(timezone.datetime.combine(d, timezone.datetime.min.time())) + timedelta(hours=uur)


def _kies(rnd, verdeling):
    r, totaal = rnd.random(), 0.0
    for waarde, kans in verdeling:
        totaal += kans
        if r < totaal:
            return waarde
    return verdeling[-1][0]


class _Klokken:
    """Clock rows as ``clock_start``/``clock_close`` leave them (due date from the rule, outcome from the due date)."""

    def __init__(self, ctx: Generatie, aantal: int):
        from portal.termijnen import rules
        from portal.termijnen.models import Clock

        self.rules, self.vandaag = rules, ctx.today
        self.ids = iter(ctx.ids(Clock, aantal))
        self.params: dict = {}
        self.cache: dict = {}  # (rule, start) -> due date
        self.rijen: list = []

    def uiterlijk(self, regel: str, start: date) -> date:
        if regel not in self.params:
            self.params[regel] = self.rules.get(regel).params()
        if (regel, start) not in self.cache:
            self.cache[regel, start] = self.rules.bereken_uiterlijk(self.params[regel], start)
        return self.cache[regel, start]

    def voeg_toe(self, regel: str, zaak: dict, start: date, gesloten: date | None = None, *, voor_ouders=False,
                 verantwoordelijke=None) -> None:
        from portal.termijnen.models import kandidaat_data

        uiterlijk = self.uiterlijk(regel, start)
        if gesloten is None:
            later = [d for d in kandidaat_data(self.params[regel], uiterlijk) if d >= self.vandaag]
            volgende = later[0] if later else self.vandaag
        self.rijen.append({
            "id": next(self.ids), "regel_id": regel, "params": self.params[regel], "zaak_id": zaak["id"],
            "omschrijving": f"{zaak['zaaktype'].capitalize()} #{zaak['id']}",
            "school_id": None if voor_ouders else zaak.get("school_id"),
            "swv_id": None if voor_ouders else zaak.get("swv_id"), "verantwoordelijke_id": verantwoordelijke,
            "start": start, "uiterlijk": uiterlijk, "gesloten_op": gesloten,
            "uitkomst": "" if gesloten is None else ("op_tijd" if gesloten <= uiterlijk else "te_laat"),
            "volgende_actie_op": None if gesloten is not None else volgende,
            "aangemaakt_op": _moment(start), "bijgewerkt_op": _moment(min(gesloten or self.vandaag, self.vandaag))})

    def antwoord(self, rnd, regel: str, start: date) -> date:
        """The day the act was done: on or before the due date (``OP_TIJD``), or some days after it."""
        uiterlijk = self.uiterlijk(regel, start)
        lengte = max(1, (uiterlijk - start).days)
        if rnd.random() < OP_TIJD:
            return start + timedelta(days=rnd.randint(max(1, lengte // 3), lengte))
        return uiterlijk + timedelta(days=rnd.randint(1, 30))


def _commissies(ctx: Generatie) -> dict[int, tuple[int, int]]:
    """A klachtencommissie per about ten boards, with a secretary: bestuur id -> (commissie id, secretary user id)."""
    from portal.accounts.models import Membership, User

    from .models import Klachtencommissie

    nu = timezone.now()
    besturen = sorted({s[3] for s in ctx.data["scholen"]})
    groepen = [besturen[i:i + 10] for i in range(0, len(besturen), 10)]
    cids = list(ctx.ids(Klachtencommissie, len(groepen)))
    uids = list(ctx.ids(User, len(groepen)))
    ctx.schrijf(Klachtencommissie, ({"id": c, "naam": f"Klachtencommissie {c} (gegenereerd)", "adres": f"Postbus {c}",
                                     "email": f"klachten{c}@gen{ctx.seed}.invalid"} for c in cids))
    ctx.schrijf(User, ({"id": u, "email": f"klachten{u}@gen{ctx.seed}.invalid", "password": ctx.data["wachtwoord_hash"],
                        "first_name": "Gen", "last_name": f"secretaris{u}", "is_active": True, "email_geverifieerd_op": nu,
                        "date_joined": nu, "is_staff": False, "is_superuser": False} for u in uids))
    ctx.schrijf(Membership, ({"id": m, "user_id": u, "rol": "klachtencommissie", "aangemaakt_op": nu,
                              "organisatie_naam": f"Klachtencommissie {c} (gegenereerd)"}
                             for m, u, c in zip(ctx.ids(Membership, len(uids)), uids, cids, strict=True)))
    besturen_door = Klachtencommissie.besturen.through
    paren = [(c, b) for c, groep in zip(cids, groepen, strict=True) for b in groep]
    ctx.schrijf(besturen_door, ({"id": i, "klachtencommissie_id": c, "bestuur_id": b}
                                for i, (c, b) in zip(ctx.ids(besturen_door, len(paren)), paren, strict=True)))
    secretarissen = Klachtencommissie.secretarissen.through
    ctx.schrijf(secretarissen, ({"id": i, "klachtencommissie_id": c, "user_id": u}
                                for i, c, u in zip(ctx.ids(secretarissen, len(cids)), cids, uids, strict=True)))
    ctx.data["klachtencommissies"] = dict(zip(cids, uids, strict=True))
    return {b: (c, u) for c, u, groep in zip(cids, uids, groepen, strict=True) for b in groep}


def geschillen(ctx: Generatie) -> None:
    from portal.termijnen.models import Clock
    from portal.zaken.models import Besluit, Gebeurtenis, Zaak

    from .models import Bezwaar, Geschil, Klacht

    rnd, vandaag = ctx.rnd, ctx.today
    commissie = _commissies(ctx)
    scholen = {s[0]: s for s in ctx.data["scholen"]}
    per_school = ctx.data["leerlingen_per_school"]
    bestuurder = ctx.data["staf"].get("bestuurder", {})
    n_klacht, n_bezwaar, n_geschil = ctx.n(5_000, 3), ctx.n(3_000, 2), ctx.n(400, 2)
    klokken = _Klokken(ctx, n_klacht + n_bezwaar + n_geschil * 3)
    geb_ids = iter(ctx.ids(Gebeurtenis, n_klacht + n_bezwaar + n_geschil))
    zaken, klachten, bezwaren, geschil_rijen, geb = [], [], [], [], []

    def zaak(zid, zaaktype, leerling, school, swv, status, geopend, afgesloten=None, **extra):
        rij = {"id": zid, "zaaktype": zaaktype, "leerling_id": leerling, "school_id": school, "swv_id": swv,
               "status": status, "geopend_op": _moment(geopend), "afgesloten_op": _moment(afgesloten, 15)
               if afgesloten else None, **extra}
        zaken.append(rij)
        geb.append({"id": next(geb_ids), "zaak_id": zid, "soort": "geopend", "op": rij["geopend_op"],
                    "gegevens": {"status": "ingediend"}, "voor_ouders": True})
        return rij

    # klachten (D-5, WPO 14): about a school, with the commission of its board; the board's term has no school
    school_ids = list(per_school)
    gewichten = [len(per_school[s]) for s in school_ids]
    for zid in ctx.ids(Zaak, n_klacht):
        school_id = rnd.choices(school_ids, weights=gewichten)[0]
        bestuur = scholen[school_id][3]
        status = _kies(rnd, KLACHT_STATUS)
        ontvangen = vandaag - timedelta(days=rnd.randint(1, 40) if status in ("ingediend", "in_behandeling")
                                        else rnd.randint(30, 70) if status == "oordeel" else rnd.randint(60, 700))
        rij = {"zaak_ptr_id": zid, "commissie_id": commissie[bestuur][0], "betreft_school_id": school_id,
               "onderwerp": "Gegenereerd: de school zocht niet tijdig contact.", "gewenst": "Een gesprek.",
               "ontvangen_op": ontvangen}
        afgesloten = None
        if status in ("oordeel", "afgehandeld"):
            oordeel_op = min(vandaag - timedelta(days=1), ontvangen + timedelta(days=rnd.randint(28, 84)))
            rij.update({"zitting_op": oordeel_op - timedelta(days=14), "zitting_verslag": "Gegenereerd.",
                        "oordeel": _kies(rnd, OORDELEN), "oordeel_op": oordeel_op,
                        "oordeel_samenvatting": "Gegenereerd."})
            reactie = klokken.antwoord(rnd, "D-5", oordeel_op)
            if status == "afgehandeld" and reactie <= vandaag:
                afgesloten = reactie
                rij.update({"opvolging": _kies(rnd, OPVOLGING), "maatregelen": "Gegenereerd.", "reactie_op": reactie})
            else:
                status = "oordeel"
        elif status == "ingetrokken":
            afgesloten = min(vandaag, ontvangen + timedelta(days=rnd.randint(3, 40)))
            rij.update({"ingetrokken_op": _moment(afgesloten), "intrek_reden": "Gegenereerd."})
        z = zaak(zid, "klacht", rnd.choice(per_school[school_id]), None, None, status, ontvangen, afgesloten)
        if rij.get("oordeel_op"):
            klokken.voeg_toe("D-5", z, rij["oordeel_op"], rij.get("reactie_op"), voor_ouders=True,
                             verantwoordelijke=bestuurder.get(bestuur))
        klachten.append(rij)

    # bezwaren against refused aanmeldingen (A-13b): received within the 6 weeks after the decision was made known
    weigeringen = list(Besluit.objects.filter(besluittype="aanmelding", uitkomst="niet_toegelaten",
                                              bekendgemaakt_op__lt=vandaag - timedelta(days=45))
                       .order_by("pk").values_list("pk", "zaak_id", "zaak__leerling_id", "zaak__school_id",
                                                   "zaak__swv_id", "bekendgemaakt_op"))
    rnd.shuffle(weigeringen)
    gebruikt = weigeringen[:n_bezwaar]
    for zid, (bid, hoofd, leerling, school_id, swv, bekend) in zip(ctx.ids(Zaak, len(gebruikt)), gebruikt, strict=True):
        ontvangen = bekend + timedelta(days=rnd.randint(3, 40))
        school = scholen.get(school_id)
        # openbare po/(v)so school: from the end of the bezwaar term; otherwise from receipt (geschillen.termijnen)
        start = ontvangen
        if school and school[1] in PO and school[4] == "openbaar":
            start = max(ontvangen, klokken.uiterlijk("A-13", bekend))
        beslist = klokken.antwoord(rnd, "A-13b", start)
        rij = {"zaak_ptr_id": zid, "ontvangen_op": ontvangen, "gronden": "Gegenereerd: er was wel plaats."}
        if rnd.random() < 0.08 and ontvangen + timedelta(days=10) <= vandaag:
            status, afgesloten = "ingetrokken", ontvangen + timedelta(days=rnd.randint(2, 10))
            rij.update({"ingetrokken_op": _moment(afgesloten), "intrek_reden": "Gegenereerd."})
        elif beslist <= vandaag:
            status, afgesloten = "beslist", beslist
            rij.update({"gehoord_op": max(ontvangen, beslist - timedelta(days=rnd.randint(3, 10))),
                        "hoorverslag": "Gegenereerd.", "uitkomst": _kies(rnd, BEZWAAR_UITKOMST)})
        else:
            status, afgesloten = rnd.choice(["ingediend", "gehoord"]), None
        z = zaak(zid, "bezwaar", leerling, school_id, swv, status, ontvangen, afgesloten, hoofdzaak_id=hoofd,
                 betreft_besluit_id=bid)
        klokken.voeg_toe("A-13b", z, start, afgesloten)
        if status == "ingetrokken":  # withdrawn: the term lapses (neither on time nor late)
            klokken.rijen[-1]["uitkomst"] = "vervallen"
        bezwaren.append(rij)

    # geschillen (D-2b verweer, D-3 oordeel, D-4 the board's answer): about refusals and about OPPs
    opps = list(Zaak.objects.filter(zaaktype="opp", status="vastgesteld", geopend_op__lt=_moment(vandaag - timedelta(days=120)))
                .order_by("pk").values_list("pk", "leerling_id", "school_id", "swv_id", "geopend_op")[:50_000])
    rnd.shuffle(opps)
    rest = weigeringen[n_bezwaar:]
    for i, zid in enumerate(ctx.ids(Zaak, n_geschil)):
        if i % 5 < 3 and rest:
            bid, hoofd, leerling, school_id, swv, bekend = rest.pop()
            onderwerp, ingediend = "toelating", bekend + timedelta(days=rnd.randint(5, 40))
        elif opps:
            hoofd, leerling, school_id, swv, geopend = opps.pop()
            bid, onderwerp = None, "opp"
            ingediend = min(vandaag, geopend.date() + timedelta(days=rnd.randint(90, 500)))
        else:
            continue
        swv = swv or (scholen[school_id][2] if school_id in scholen else None)
        rij = {"zaak_ptr_id": zid, "onderwerp": onderwerp, "toelichting": "Gegenereerd.", "ingediend_op": ingediend}
        verweer = klokken.antwoord(rnd, "D-2b", ingediend)
        oordeel_op = ingediend + timedelta(days=rnd.randint(49, 70) if rnd.random() < 0.9 else rnd.randint(71, 95))
        status, afgesloten = "ingediend", None
        if verweer <= vandaag:
            status = "verweer"
            rij.update({"verweer_op": verweer, "verweer_samenvatting": "Gegenereerd."})
        if oordeel_op - timedelta(days=14) <= vandaag and status == "verweer":
            status = "zitting"
            rij.update({"zitting_op": oordeel_op - timedelta(days=14), "zitting_aanwezig": "Ouders, school"})
        reactie = klokken.antwoord(rnd, "D-4", oordeel_op)
        if oordeel_op <= vandaag and status == "zitting":
            status = "oordeel"
            rij.update({"oordeel": _kies(rnd, OORDELEN), "oordeel_op": oordeel_op, "oordeel_samenvatting": "Gegenereerd."})
            if reactie <= vandaag:
                status, afgesloten = "afgerond", reactie
                opvolging = _kies(rnd, OPVOLGING)
                rij.update({"opvolging": opvolging, "reactie_op": reactie,
                            "reactie_motivering": "" if opvolging == "volgt" else "Gegenereerd: met redenen."})
        z = zaak(zid, "geschil", leerling, school_id, swv, status, ingediend, afgesloten, hoofdzaak_id=hoofd,
                 betreft_besluit_id=bid)
        klokken.voeg_toe("D-2b", z, ingediend, rij.get("verweer_op"))
        klokken.voeg_toe("D-3", z, ingediend, rij.get("oordeel_op"), voor_ouders=True)
        if rij.get("oordeel_op"):
            klokken.voeg_toe("D-4", z, oordeel_op, rij.get("reactie_op"))
        geschil_rijen.append(rij)

    ctx.schrijf(Zaak, zaken)
    ctx.schrijf(Klacht, klachten)
    ctx.schrijf(Bezwaar, bezwaren)
    ctx.schrijf(Geschil, geschil_rijen)
    ctx.schrijf(Clock, klokken.rijen)
    ctx.schrijf(Gebeurtenis, geb)


register_generator(geschillen, 40)
