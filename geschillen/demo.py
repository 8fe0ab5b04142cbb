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
    historie(ctx, commissie)


# The history (issue #20 §7): geschillen about OPPs of the history that the board answered over the last quarters, and
# klachten the commission judged — so the monitoring shows how many, which kind, and whether the board followed the
# oordeel, and the board's terms (D-2b verweer, D-4 reply) decided on time.
HISTORIE_OORDEEL = ("ongegrond", "gegrond", "deels_gegrond", "ongegrond", "gegrond", "ongegrond")
HISTORIE_OPVOLGING = ("volgt", "volgt", "volgt_deels", "volgt", "volgt_niet", "volgt")


def historie(ctx, commissie):
    """Per quarter one geschil about an OPP set at least two quarters earlier (the quarters before have none), from
    filing to the board's reply, and one klacht from filing to the board's reply (D-5; a term without a school: it is
    the board's). Dates of then; idempotent (an OPP with a geschil, a pupil with a klacht, is skipped)."""
    import random

    from portal.core.management.commands.demo import historie as plan
    from portal.core.management.commands.demo import (
        historie_klok,
        historie_leerling,
        historie_naam,
        historie_start,
        moment,
    )
    from portal.zaken.models import Gebeurtenis, Zaak

    from .constants import GeschilOnderwerp, GeschilStatus, KlachtStatus
    from .models import Geschil, Klacht

    rnd = random.Random("demo-geschillen-historie")
    for h in plan(ctx.today, sleutel="geschil", per_kwartaal=1):
        if h.kwartaal < 2:
            continue
        # the first OPP of the history two quarters earlier (opp.demo: 3 a quarter, numbered from 100)
        voornaam, achternaam = historie_naam(100 + 3 * (h.kwartaal - 2))
        opp = Zaak.objects.filter(zaaktype="opp", leerling__voornamen=voornaam, leerling__achternaam=achternaam).first()
        if opp is None or Geschil.objects.filter(hoofdzaak=opp).exists():
            continue
        oordeel_op = historie_start("D-4", h.gesloten_op, h.op_tijd, rnd=rnd)
        ingediend = oordeel_op - timedelta(weeks=rnd.randint(7, 9))
        if ingediend <= opp.geopend_op.date() + timedelta(weeks=8):
            continue
        verweer_op = ingediend + timedelta(days=rnd.randint(8, 13))
        zitting_op = ingediend + timedelta(weeks=5)
        i = h.kwartaal
        g = Geschil.objects.create(
            leerling_id=opp.leerling_id, school_id=opp.school_id, swv_id=opp.swv_id, hoofdzaak=opp,
            status=GeschilStatus.AFGEROND, geopend_op=moment(ingediend), afgesloten_op=moment(h.gesloten_op, 15),
            onderwerp=GeschilOnderwerp.OPP, toelichting="De afspraken in het ontwikkelingsperspectief worden niet nagekomen.",
            ingediend_op=ingediend, verweer_op=verweer_op, verweer_samenvatting="De school licht de afspraken toe.",
            zitting_op=zitting_op, zitting_aanwezig="Ouders, directeur, IB'er", oordeel=HISTORIE_OORDEEL[i],
            oordeel_op=oordeel_op, oordeel_samenvatting="De commissie heeft de afspraken en de uitvoering beoordeeld.",
            opvolging=HISTORIE_OPVOLGING[i], reactie_op=h.gesloten_op,
            reactie_motivering="" if HISTORIE_OPVOLGING[i] == "volgt" else
            "Het bestuur neemt de aanbevelingen over voor zover de school ze kan uitvoeren.")
        historie_klok(zaak=g, regel_id="D-2b", start=ingediend, gesloten_op=verweer_op)
        historie_klok(zaak=g, regel_id="D-3", start=ingediend, gesloten_op=oordeel_op, voor_ouders=True)
        historie_klok(zaak=g, regel_id="D-4", start=oordeel_op, gesloten_op=h.gesloten_op)
        Gebeurtenis.objects.bulk_create([
            Gebeurtenis(zaak=g, soort="geopend", op=moment(ingediend), gegevens={"status": GeschilStatus.INGEDIEND}),
            Gebeurtenis(zaak=g, soort="status", op=moment(h.gesloten_op, 15),
                        gegevens={"van": GeschilStatus.OORDEEL, "naar": GeschilStatus.AFGEROND}),
        ])

    school = ctx.scholen["palet"]
    for h in plan(ctx.today, sleutel="klacht", per_kwartaal=1):
        kind = historie_leerling(300 + h.nummer, geboren=h.gesloten_op.replace(year=h.gesloten_op.year - 9),
                                 gemeente=ctx.gemeente)
        if Klacht.objects.filter(leerling=kind).exists():
            continue
        oordeel_op = historie_start("D-5", h.gesloten_op, h.op_tijd, rnd=rnd)
        ontvangen = oordeel_op - timedelta(weeks=rnd.randint(6, 10))
        i = h.kwartaal
        k = Klacht.objects.create(
            leerling=kind, commissie=commissie, betreft_school=school, status=KlachtStatus.AFGEHANDELD,
            geopend_op=moment(ontvangen), afgesloten_op=moment(h.gesloten_op, 15),
            onderwerp="De school zocht niet tijdig contact toen het kind werd gepest.", gewenst="Een plan tegen pesten.",
            ontvangen_op=ontvangen, zitting_op=ontvangen + timedelta(weeks=4), zitting_verslag="Beide kanten gehoord.",
            oordeel=HISTORIE_OORDEEL[(i + 1) % 6], oordeel_op=oordeel_op,
            oordeel_samenvatting="De commissie vindt dat de school eerder had moeten handelen.",
            opvolging=HISTORIE_OPVOLGING[(i + 2) % 6], maatregelen="Een pestprotocol met vaste contactmomenten.",
            reactie_op=h.gesloten_op)
        historie_klok(zaak=k, regel_id="D-5", start=oordeel_op, gesloten_op=h.gesloten_op, voor_ouders=True)
        Gebeurtenis.objects.bulk_create([
            Gebeurtenis(zaak=k, soort="geopend", op=moment(ontvangen), gegevens={"status": KlachtStatus.INGEDIEND}),
            Gebeurtenis(zaak=k, soort="status", op=moment(h.gesloten_op, 15),
                        gegevens={"van": KlachtStatus.OORDEEL, "naar": KlachtStatus.AFGEHANDELD}),
        ])
