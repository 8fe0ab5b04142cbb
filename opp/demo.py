"""The OPP's demo data (``manage.py demo`` through ``portal.basis.registry.register_demo``). Idempotent."""

from datetime import timedelta


def demo(ctx):
    """Daan's OPP waits for his parents' instemming (the parent's demo login answers it), Julia's for both her
    parents' (two demo logins); Sem's OPP is a concept with a goal that still lacks its criterion, so the completeness
    check has something to name. The directeur of De Regenboog may sign OPP decisions (the mandate register)."""
    from portal.organisaties.models import Mandaat

    from . import services as s
    from .constants import BESLUITTYPE
    from .models import Ontwikkelingsperspectief

    directeur = ctx.users["directeur@demo.nl"]
    m = Mandaat.objects.filter(bestuur=ctx.besturen["po"], user=directeur).first()
    if m is not None and m.besluittypen and BESLUITTYPE not in m.besluittypen:
        m.besluittypen = sorted(set(m.besluittypen) | {BESLUITTYPE})
        m.save(update_fields=["besluittypen"])

    ib = ctx.users["ib@demo.nl"]
    daan = Ontwikkelingsperspectief.objects.filter(leerling=ctx.leerlingen["Daan"], school=ctx.scholen["regenboog"]).first()
    if daan is not None and not daan.versies.exists() and daan.status == "op_te_stellen":
        _regenboog_opp(daan, ib, ctx.today, naam="Daan", hij="hij", deelnemers="Moeder, IB'er, leerkracht",
                       inbreng="Ik wil graag beter lezen, maar niet voor de hele klas.")
    # issue #22 §2 item 9: Julia has two parents with gezag; her OPP waits for both (B-4): one can agree, the other
    # refuse, and the school sees who answered.
    julia = ctx.leerlingen.get("Julia")
    julia = Ontwikkelingsperspectief.objects.filter(leerling=julia, school=ctx.scholen["regenboog"]).first() \
        if julia is not None else None
    if julia is not None and not julia.versies.exists() and julia.status == "op_te_stellen":
        _regenboog_opp(julia, ib, ctx.today, naam="Julia", hij="zij", deelnemers="Moeder, vader, IB'er, leerkracht",
                       inbreng="Ik lees graag, maar hardop voorlezen vind ik eng.")

    sem = Ontwikkelingsperspectief.objects.filter(leerling=ctx.leerlingen["Sem"], school=ctx.scholen["wegwijzer"]).first()
    if sem is not None and not sem.versies.exists() and sem.status == "op_te_stellen":
        ib = ctx.users["ib-wegwijzer@demo.nl"]
        s.versie_bewerk(opp=sem, door=ib, uitstroom="pro", onderbouwing="Sem leert het best praktisch.",
                        belemmerende_factoren="Moeite met abstracte taken.")
        s.doel_bewaar(opp=sem, door=ib, gebied="rekenen", omschrijving="Sem rekent met geld tot 20 euro.")

    # issue #17 §1: Mila (18) agrees herself; Jesse (19) is under curatele, so his curator agrees. Both OPPs at the
    # vso of De Zonnehoek wait for that agreement, with the commissie voor de begeleiding's advice in (WEC 40b lid 2).
    ib_z = ctx.users.get("ib-zonnehoek@demo.nl")
    for roepnaam, uitstroom, inbreng in [
        ("Mila", "vso_arbeidsmarkt", "Ik wil later in de zorg werken. Stage lopen vind ik het leukst."),
        ("Jesse", "vso_dagbesteding", "Ik werk graag buiten, met dieren."),
    ]:
        kind = ctx.leerlingen.get(roepnaam)
        opp = Ontwikkelingsperspectief.objects.filter(leerling=kind, school=ctx.scholen["zonnehoek"]).first() \
            if kind is not None and ib_z is not None else None
        if opp is None or opp.versies.exists() or opp.status != "op_te_stellen":
            continue
        s.versie_bewerk(
            opp=opp, door=ib_z, uitstroom=uitstroom,
            onderbouwing=f"{roepnaam} werkt goed met een vaste begeleider en een duidelijk dagritme.",
            belemmerende_factoren="Snel overprikkeld in groepen; lezen op niveau groep 6.",
            bevorderende_factoren="Praktisch ingesteld, betrouwbaar, gemotiveerd voor stage.",
            sterke_kanten="Zorgzaam, handig, houdt zich aan afspraken.",
            onderwijsbehoeften="Kleine groep, vaste begeleider, stage met een jobcoach.",
            ondersteuning="Twee dagen per week stage met begeleiding van een jobcoach; lessen in een kleine groep.",
            geen_afwijkingen=True, taakverdeling="Mentor: stage regelen. Jobcoach: begeleiding op de stageplek.")
        s.doel_bewaar(opp=opp, door=ib_z, gebied="werkhouding", omschrijving=f"{roepnaam} werkt een dagdeel zelfstandig op de stage.",
                      criterium="Volgens de beoordeling van de stagebegeleider, 3 weken achter elkaar",
                      streefdatum=ctx.today + timedelta(weeks=16), aanpak="Stage met jobcoach", wie="Mentor en jobcoach")
        s.overleg_leg_vast(opp=opp, door=ib_z, datum=ctx.today - timedelta(days=5),
                           deelnemers=f"{roepnaam}, mentor, IB'er" + (", curator" if roepnaam == "Jesse" else ""),
                           besproken="Het perspectief en de stage.", overeenstemming="ja",
                           afspraken="Stage twee dagen per week.")
        s.inbreng_leg_vast(opp=opp, door=kind.account or ib_z, tekst=inbreng, hoe_gevraagd="In een gesprek met de mentor")
        s.commissie_advies_leg_vast(opp=opp, door=ib_z, soort="advies", datum=ctx.today - timedelta(days=4),
                                    tekst="De commissie voor de begeleiding adviseert het OPP zo vast te stellen.")
        s.opp_leg_voor(opp=opp, door=ib_z)
    historie(ctx)


def _regenboog_opp(opp, ib, today, *, naam: str, hij: str, deelnemers: str, inbreng: str):
    """A complete OPP at De Regenboog (extra support in a regular school), put to the parents for instemming (B-4)."""
    from . import services as s

    s.versie_bewerk(
        opp=opp, door=ib, uitstroom="vmbo_kb", uitstroom_toelichting="Met extra begeleiding bij lezen",
        onderbouwing=f"{naam} groeit bij rekenen volgens de norm; bij technisch lezen loopt {hij} een jaar achter "
        "(DMT, januari). Met de huidige groei is vmbo kader haalbaar.",
        belemmerende_factoren="Dyslexie; snel afgeleid in een drukke klas.",
        bevorderende_factoren="Gemotiveerd, sterke mondelinge taal, steun van thuis.",
        sterke_kanten="Rekenen, vertellen, samenwerken.", onderwijsbehoeften="Rustige werkplek, voorlezen van "
        "toetsen, korte instructie vooraf.",
        verwachting_ouders=f"Dat {naam} plezier houdt in lezen en naar het vmbo kan.",
        ondersteuning="Twee keer per week leesbegeleiding in een klein groepje; toetsen worden voorgelezen.",
        geen_afwijkingen=True, taakverdeling="Leerkracht: instructie vooraf. IB'er: leesbegeleiding plannen. "
        "Ouders: elke dag 15 minuten samen lezen.")
    s.doel_bewaar(opp=opp, door=ib, gebied="lezen_taal", omschrijving=f"{naam} leest vlotter.",
                  criterium="DMT kaart 3: 45 woorden per minuut", streefdatum=today + timedelta(weeks=20),
                  aanpak="Leesbegeleiding twee keer per week", wie="IB'er en leerkracht")
    s.doel_bewaar(opp=opp, door=ib, gebied="werkhouding", omschrijving=f"{naam} werkt 20 minuten zelfstandig.",
                  criterium="4 van de 5 dagen, volgens het observatieformulier",
                  streefdatum=today + timedelta(weeks=12), aanpak="Werkplek bij het raam, timer", wie="Leerkracht")
    s.overleg_leg_vast(opp=opp, door=ib, datum=today - timedelta(days=3), deelnemers=deelnemers,
                       besproken="Het perspectief en de doelen.", overeenstemming="ja",
                       afspraken="Vmbo kader als verwachting; leesbegeleiding twee keer per week.")
    s.inbreng_leg_vast(opp=opp, door=ib, tekst=inbreng, hoe_gevraagd="In een gesprekje met de leerkracht")
    s.opp_leg_voor(opp=opp, door=ib)


# The history (issue #20 §7): OPPs set over the last six quarters at the po SWV's schools (the sbo for all its pupils,
# the regular schools for pupils with extra support), so the monitoring page shows B-2 decided on time as a trend.
HISTORIE_SCHOLEN = (("wegwijzer", "soort_onderwijs"), ("regenboog", "extra_ondersteuning"),
                    ("palet", "extra_ondersteuning"))
HISTORIE_PER_KWARTAAL = 3
HISTORIE_BASIS = 100  # the history pupils' numbers of this app (portal.core demo.historie_leerling)


def historie(ctx):
    """Each pupil enrolled on B-2's first day, the OPP set (version 1 in force) on the day its term closed (on time or
    late, from its own due date), and the yearly evaluation (B-5) as the services leave it: running from the
    vaststelling, or — once that school year's evaluation was due — held, closed and running again for the next
    school year. Idempotent (a history pupil with an OPP is skipped)."""
    import random

    from portal.core.management.commands.demo import historie as plan
    from portal.core.management.commands.demo import historie_klok, historie_leerling, historie_start, moment
    from portal.leerlingen.models import Inschrijving
    from portal.termijnen import dates, rules
    from portal.termijnen.services import clock_start
    from portal.zaken.models import Gebeurtenis

    from .constants import Status, VersieStatus, Vervolg
    from .models import Evaluatie, Ontwikkelingsperspectief, Versie

    rnd = random.Random("demo-opp-historie")
    ib = {"wegwijzer": ctx.users.get("ib-wegwijzer@demo.nl"), "regenboog": ctx.users.get("ib@demo.nl"),
          "palet": ctx.users.get("ib@demo.nl")}
    b5 = rules.get("B-5").params()
    for h in plan(ctx.today, sleutel="opp", per_kwartaal=HISTORIE_PER_KWARTAAL, basis=HISTORIE_BASIS):
        sleutel, reden = HISTORIE_SCHOLEN[h.nummer % len(HISTORIE_SCHOLEN)]
        school = ctx.scholen[sleutel]
        kind = historie_leerling(h.nummer, geboren=h.gesloten_op.replace(year=h.gesloten_op.year - 6 - h.nummer % 5)
                                 - timedelta(days=h.nummer * 7), gemeente=ctx.gemeente)
        if Ontwikkelingsperspectief.objects.filter(leerling=kind).exists():
            continue
        start = historie_start("B-2", h.gesloten_op, h.op_tijd, rnd=rnd)
        inschrijving = Inschrijving.objects.create(leerling=kind, school=school, van=start)
        opp = Ontwikkelingsperspectief.objects.create(
            leerling=kind, school=school, inschrijving=inschrijving, reden=reden, status=Status.VASTGESTELD,
            geopend_op=moment(start, 9), vastgesteld_op=h.gesloten_op)
        versie = Versie.objects.create(
            opp=opp, nummer=1, status=VersieStatus.VASTGESTELD, vastgesteld_op=h.gesloten_op,
            vastgesteld_door=ib[sleutel], aangemaakt_op=moment(start + timedelta(days=7)), aangemaakt_door=ib[sleutel],
            uitstroom="vmbo_bb" if reden == "soort_onderwijs" else "vmbo_kb",
            onderbouwing="Volgens de toetsen en het leerlingvolgsysteem van de school.",
            onderwijsbehoeften="Korte instructie vooraf en een rustige werkplek.",
            ondersteuning="Twee keer per week begeleiding in een klein groepje.", geen_afwijkingen=True)
        historie_klok(zaak=opp, regel_id="B-2", start=start, gesloten_op=h.gesloten_op)
        Gebeurtenis.objects.bulk_create([
            Gebeurtenis(zaak=opp, soort="geopend", op=moment(start, 9), gegevens={"status": Status.OP_TE_STELLEN}),
            Gebeurtenis(zaak=opp, soort="status", op=moment(h.gesloten_op, 12),
                        gegevens={"van": Status.OP_TE_STELLEN, "naar": Status.VASTGESTELD}),
        ])
        evaluatie_uiterlijk = rules.bereken_uiterlijk(b5, h.gesloten_op)
        if evaluatie_uiterlijk >= ctx.today:  # this school year's evaluation is still to come
            clock_start(regel_id="B-5", zaak=opp, start=h.gesloten_op, systeem=True, vandaag=ctx.today)
            continue
        datum = max(h.gesloten_op + timedelta(days=1), evaluatie_uiterlijk - timedelta(days=rnd.randint(14, 50)))
        Evaluatie.objects.create(opp=opp, versie=versie, datum=datum, deelnemers="Ouders, leerkracht, IB'er",
                                 wat_veranderde="De leerling groeit volgens verwachting.", vervolg=Vervolg.VOORTZETTEN,
                                 door=ib[sleutel], op=moment(datum, 16))
        historie_klok(zaak=opp, regel_id="B-5", start=h.gesloten_op, gesloten_op=datum)
        clock_start(regel_id="B-5", zaak=opp, start=dates.volgende_schooljaar_start(datum), systeem=True,
                    vandaag=ctx.today)
