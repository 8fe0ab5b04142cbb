"""The OPP's demo data (``manage.py demo`` through ``portal.core.registry.register_demo``). Idempotent."""

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
