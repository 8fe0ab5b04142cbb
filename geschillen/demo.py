"""The geschillen's demo data (``manage.py demo`` through ``portal.basis.registry.register_demo``). Idempotent.

* a klachtencommissie for the po board with its secretary (``klachten@demo.nl``), and a steunpunt login
  (``steunpunt@demo.nl``) at the po SWV;
* the board mandates the directeur for decisions on bezwaar, schorsing, verwijdering and the response to a geschil;
* ouder@demo.nl disputes Daan's OPP at the Geschillencommissie (the school's verweer is due) and asked the SWV
  for mediation;
* ouder2@demo.nl filed a klacht about Het Palet (Yara), which only the commission and the board see.

No aanmelding is made here: the aanmelding's demo (and the tests on it) keep their one aanmelding.
"""

from datetime import timedelta

from django.utils import timezone


def demo(ctx):
    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership, User
    from portal.organisaties.models import Mandaat

    from .models import Adviesverzoek, Geschil, Klacht, Klachtencommissie
    from .services import advies_dien_in, geschil_dien_in, klacht_dien_in

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

    daan = ctx.leerlingen["Daan"]
    if not Geschil.objects.filter(leerling=daan).exists():
        # D-1: a dispute about the OPP (no decision needed); the school's verweer is due within 2 weeks
        from portal.zaken.models import Zaak

        opp = Zaak.objects.filter(leerling=daan, zaaktype="opp").order_by("pk").first()  # the OPP's case, no import
        if opp is not None:
            opp = opp.specifiek
            geschil_dien_in(zaak=opp, ouder=ctx.users["ouder@demo.nl"], ingediend_op=ctx.today - timedelta(days=5),
                            toelichting="De afspraken in het ontwikkelingsperspectief worden niet nagekomen.",
                            vandaag=ctx.today)
    if not Adviesverzoek.objects.filter(leerling=daan).exists():
        advies_dien_in(ouder=ctx.users["ouder@demo.nl"], leerling=daan, school=ctx.scholen["regenboog"],
                       soort="bemiddeling", partijen=["school", "onderwijsconsulent"],
                       vraag="Daan komt huilend thuis en de afspraken uit het OPP worden niet nagekomen. Wij willen "
                       "graag een gesprek met de school onder leiding van het samenwerkingsverband.")
    yara = ctx.leerlingen["Yara"]
    if not Klacht.objects.filter(leerling=yara).exists():
        klacht_dien_in(ouder=ctx.users["ouder2@demo.nl"], leerling=yara, school=ctx.scholen["palet"],
                       onderwerp="Yara wordt al weken gepest op het plein; de school grijpt niet in.",
                       gewenst="Een plan tegen het pesten.")
