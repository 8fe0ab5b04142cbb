"""The OPP's demo data (``manage.py demo`` through ``portal.basis.registry.register_demo``). Idempotent."""

from datetime import timedelta


def demo(ctx):
    """Daan's OPP waits for his parents' instemming (the parent's demo login answers it); Sem's OPP is a concept with
    a goal that still lacks its criterion, so the completeness check has something to name. The directeur of De
    Regenboog may sign OPP decisions (the mandate register)."""
    from portal.organisaties.models import Mandaat

    from . import services as s
    from .constants import BESLUITTYPE
    from .models import Ontwikkelingsperspectief

    directeur = ctx.users["directeur@demo.nl"]
    m = Mandaat.objects.filter(bestuur=ctx.besturen["po"], user=directeur).first()
    if m is not None and m.besluittypen and BESLUITTYPE not in m.besluittypen:
        m.besluittypen = sorted(set(m.besluittypen) | {BESLUITTYPE})
        m.save(update_fields=["besluittypen"])

    daan = Ontwikkelingsperspectief.objects.filter(leerling=ctx.leerlingen["Daan"], school=ctx.scholen["regenboog"]).first()
    if daan is not None and not daan.versies.exists() and daan.status == "op_te_stellen":
        ib = ctx.users["ib@demo.nl"]
        s.versie_bewerk(
            opp=daan, door=ib, uitstroom="vmbo_kb", uitstroom_toelichting="Met extra begeleiding bij lezen",
            onderbouwing="Daan groeit bij rekenen volgens de norm; bij technisch lezen loopt hij een jaar achter "
            "(DMT, januari). Met de huidige groei is vmbo kader haalbaar.",
            belemmerende_factoren="Dyslexie; snel afgeleid in een drukke klas.",
            bevorderende_factoren="Gemotiveerd, sterke mondelinge taal, steun van thuis.",
            sterke_kanten="Rekenen, vertellen, samenwerken.", onderwijsbehoeften="Rustige werkplek, voorlezen van "
            "toetsen, korte instructie vooraf.", verwachting_ouders="Dat Daan plezier houdt in lezen en naar het vmbo kan.",
            ondersteuning="Twee keer per week leesbegeleiding in een klein groepje; toetsen worden voorgelezen.",
            geen_afwijkingen=True, taakverdeling="Leerkracht: instructie vooraf. IB'er: leesbegeleiding plannen. "
            "Ouders: elke dag 15 minuten samen lezen.")
        s.doel_bewaar(opp=daan, door=ib, gebied="lezen_taal", omschrijving="Daan leest vlotter.",
                      criterium="DMT kaart 3: 45 woorden per minuut", streefdatum=ctx.today + timedelta(weeks=20),
                      aanpak="Leesbegeleiding twee keer per week", wie="IB'er en leerkracht")
        s.doel_bewaar(opp=daan, door=ib, gebied="werkhouding", omschrijving="Daan werkt 20 minuten zelfstandig.",
                      criterium="4 van de 5 dagen, volgens het observatieformulier",
                      streefdatum=ctx.today + timedelta(weeks=12), aanpak="Werkplek bij het raam, timer", wie="Leerkracht")
        s.overleg_leg_vast(opp=daan, door=ib, datum=ctx.today - timedelta(days=3), deelnemers="Moeder, IB'er, leerkracht",
                           besproken="Het perspectief en de doelen.", overeenstemming="ja",
                           afspraken="Vmbo kader als verwachting; leesbegeleiding twee keer per week.")
        s.inbreng_leg_vast(opp=daan, door=ib, tekst="Ik wil graag beter lezen, maar niet voor de hele klas.",
                           hoe_gevraagd="In een gesprekje met de leerkracht")
        s.opp_leg_voor(opp=daan, door=ib)

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
