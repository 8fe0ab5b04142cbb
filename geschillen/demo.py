"""The geschillen's demo data (``manage.py demo`` through ``portal.core.registry.register_demo``). Idempotent.

* a klachtencommissie for the po board with its secretary (``klachten@demo.nl``), and a steunpunt login
  (``steunpunt@demo.nl``) at the po SWV;
* the board mandates the directeur for decisions on bezwaar, schorsing, verwijdering and the response to a geschil;
* Yara (ouder2@demo.nl) was refused at De Regenboog on a support ground — a decision with its bezwaar and geschil
  terms — and her parent filed a geschil; the school's verweer is due;
* a running advice request of ouder@demo.nl about Daan at the SWV.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone


def demo(ctx):
    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership, User
    from portal.organisaties.models import Mandaat

    from .models import Adviesverzoek, Geschil, Klachtencommissie
    from .services import advies_dien_in, geschil_dien_in

    b_po, swv_po = ctx.besturen["po"], ctx.swv["po"]

    def login(email, voornaam, achternaam, rol, **org):
        u, created = User.objects.get_or_create(email=email, defaults={
            "first_name": voornaam, "last_name": achternaam, "email_geverifieerd_op": timezone.now()})
        if created:
            from portal.core.management.commands.demo import WACHTWOORD

            u.set_password(WACHTWOORD)
            u.save()
        Membership.objects.get_or_create(user=u, rol=rol, **org)
        ctx.users[email] = u
        return u

    secretaris = login("klachten@demo.nl", "Kees", "Smeets", Rol.KLACHTENCOMMISSIE,
                       organisatie_naam="Klachtencommissie Primair Samen (demo)")
    login("steunpunt@demo.nl", "Stella", "Pauw", Rol.STEUNPUNT, swv=swv_po)
    commissie, _ = Klachtencommissie.objects.get_or_create(naam="Klachtencommissie Primair Samen (demo)", defaults={
        "adres": "Postbus 98, 9999 ZZ Valleistad", "email": "klachten@demo.nl"})
    commissie.besturen.add(b_po)
    commissie.secretarissen.add(secretaris)
    directeur = ctx.users["directeur@demo.nl"]
    # The board extends the directeur's mandate (one mandate per person and board, as the core's demo keeps it).
    soorten = {"bezwaar", "schorsing", "verwijdering", "geschil"}
    m = Mandaat.objects.filter(bestuur=b_po, user=directeur).first()
    if m is None:
        Mandaat.objects.create(bestuur=b_po, user=directeur, functie="directeur Basisschool De Regenboog (demo)",
                               besluittypen=sorted(soorten | {"aanmelding"}), van=ctx.today - timedelta(days=365),
                               verleend_door=ctx.users["bestuurder@demo.nl"])
    elif m.besluittypen and not soorten <= set(m.besluittypen):
        m.besluittypen = sorted(set(m.besluittypen) | soorten)
        m.save(update_fields=["besluittypen"])

    yara = ctx.leerlingen["Yara"]
    if not Geschil.objects.filter(leerling=yara).exists():
        _geweigerd_met_geschil(ctx, yara, ctx.scholen["regenboog"], geschil_dien_in)
    daan = ctx.leerlingen["Daan"]
    if not Adviesverzoek.objects.filter(leerling=daan).exists():
        advies_dien_in(ouder=ctx.users["ouder@demo.nl"], leerling=daan, school=ctx.scholen["regenboog"],
                       soort="bemiddeling", partijen=["school", "onderwijsconsulent"],
                       vraag="Daan komt huilend thuis en de afspraken uit het OPP worden niet nagekomen. Wij willen "
                       "graag een gesprek met de school onder leiding van het samenwerkingsverband.")


def _geweigerd_met_geschil(ctx, yara, school, geschil_dien_in):
    """Yara's parent applied at De Regenboog, which found her a place at the SBO instead; a geschil follows."""
    from aanmelding import services as a
    from aanmelding.constants import BesluitSoort, NotitieSoort

    ouder = ctx.users["ouder2@demo.nl"]
    ib = ctx.users["ib@demo.nl"]
    nu = timezone.make_aware(datetime.combine(ctx.today - timedelta(days=50), time(10)))
    aanmelding = a.aanmelding_dien_in(
        ouder=ouder, school=school, gewenste_start=ctx.today + timedelta(weeks=8), ondersteuning="ja",
        wat_belangrijk="Yara heeft een kleine groep nodig.", gezag_verklaard=True, voorkeur_positie=1,
        andere_scholen=[], leerling=yara, nu=nu)
    wegwijzer = ctx.scholen["wegwijzer"]
    verzoek = a.plaatsing_vraag(aanmelding=aanmelding, door=ib, school=wegwijzer, toelichting="Kleine groep")
    a.plaatsing_beantwoord(verzoek=verzoek, door=ctx.users["ib-wegwijzer@demo.nl"], akkoord=True, antwoord="Welkom")
    a.notitie_voeg_toe(aanmelding=aanmelding, door=ib, soort=NotitieSoort.OVERLEG_OUDERS,
                       tekst="Met de ouders besproken.", datum=ctx.today - timedelta(days=25))
    besluit = a.besluit_voorbereid(aanmelding=aanmelding, door=ib, soort=BesluitSoort.PLEK_ELDERS,
                                   motivering="Het Palet kan de kleine groep niet bieden; De Wegwijzer wel.",
                                   ontvangende_school=wegwijzer)
    a.besluit_onderteken(besluit=besluit, door=ctx.users["directeur@demo.nl"], bekendmaking="post",
                         verzonden_op=ctx.today - timedelta(days=20), vandaag=ctx.today - timedelta(days=20))
    geschil_dien_in(zaak=aanmelding, ouder=ouder, ingediend_op=ctx.today - timedelta(days=5),
                    toelichting="Wij willen dat Yara op Het Palet kan blijven met extra begeleiding.",
                    vandaag=ctx.today)
