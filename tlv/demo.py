"""The TLV's demo data (``manage.py demo`` through ``portal.basis.registry.register_demo``): the SWVs' areas and
desks, two experts, a mandate to sign TLV decisions, and one application of De Regenboog for Daan, with the
experts — so the SWV's desk, the expert's task and the parents' tracker show something."""

from django.db import transaction
from django.utils import timezone


@transaction.atomic
def demo(ctx):
    from portal.accounts.constants import Rol
    from portal.accounts.models import Membership, User
    from portal.core.management.commands.demo import WACHTWOORD
    from portal.organisaties.models import Mandaat

    from . import services as s
    from .constants import DocumentSoort, Soort, Status
    from .models import Deskundige, Loket, Toelaatbaarheidsverklaring, Werkgebied
    from .selectors import opp_zaken_van

    for swv in ctx.swv.values():
        Werkgebied.objects.get_or_create(swv=swv, gemeente=ctx.gemeente)
        Loket.objects.get_or_create(swv=swv, defaults={
            "naam": "Commissie van Toelaatbaarheid (demo)", "postadres": f"{swv.naam}, Postbus 77, 9999 ZZ Valleistad",
            "bezwaar_adres": f"{swv.naam}, t.a.v. bezwaren TLV, Postbus 77, 9999 ZZ Valleistad",
            "email": "tlv@demo.nl"})
    eva = ctx.users["deskundige@demo.nl"]
    Deskundige.objects.get_or_create(user=eva, defaults={"beroep": "orthopedagoog", "registratie": "NVO 12345 (demo)"})
    arts, nieuw = User.objects.get_or_create(email="arts@demo.nl", defaults={
        "first_name": "Ahmed", "last_name": "Yilmaz", "email_geverifieerd_op": timezone.now()})
    if nieuw:
        arts.set_password(WACHTWOORD)
        arts.save()
    Membership.objects.get_or_create(user=arts, rol=Rol.DESKUNDIGE, defaults={"organisatie_naam": "GGD Vallei (demo)"})
    Deskundige.objects.get_or_create(user=arts, defaults={"beroep": "arts", "registratie": "BIG 99999999999 (demo)"})
    swv_mw = ctx.users["swv@demo.nl"]
    Mandaat.objects.get_or_create(swv=ctx.swv["po"], user=swv_mw, defaults={
        "functie": "directeur SWV PO De Vallei (demo)", "besluittypen": ["tlv", "bezwaar"],
        "van": ctx.today.replace(year=ctx.today.year - 1)})

    historie(ctx, eva, arts)
    daan = ctx.leerlingen["Daan"]
    if Toelaatbaarheidsverklaring.objects.filter(leerling=daan).exists():
        return
    ib = ctx.users["ib@demo.nl"]
    tlv = s.tlv_maak(school=ctx.scholen["regenboog"], leerling=daan, soort=Soort.SBO, door=ib,
                     onderwijsbehoeften="Een kleine groep, veel structuur en herhaling; taal- en rekenhulp elke dag.",
                     geprobeerd="Een jaar extra begeleiding in de klas en een eigen leerlijn rekenen; de achterstand "
                                "groeit en Daan raakt overprikkeld in de grote groep.",
                     gevraagde_schooljaren=2,
                     opp_zaak=opp_zaken_van(daan, ctx.scholen["regenboog"]).first())
    s.tlv_zienswijze_ouder(tlv=tlv, ouder=ctx.users["ouder@demo.nl"],
                           tekst="Wij zien dat Daan thuis moe en boos is na school. Wij willen graag dat hij naar het sbo "
                                 "gaat, waar de groepen kleiner zijn.")
    s.tlv_document_voeg_toe(tlv=tlv, door=ib, bestand=_pdf("onderwijskundig-rapport.pdf"), soort=DocumentSoort.SCHOOL)
    s.tlv_dien_in(tlv=tlv, door=ib)
    s.tlv_volledig(tlv=tlv, door=swv_mw)
    s.tlv_deskundige_wijs_toe(tlv=tlv, door=swv_mw, deskundige=eva, plaats=1)
    s.tlv_deskundige_wijs_toe(tlv=tlv, door=swv_mw, deskundige=arts, plaats=2)
    assert Toelaatbaarheidsverklaring.objects.get(pk=tlv.pk).status == Status.ADVIES


def _pdf(naam):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    w.write(buf)
    f = SimpleUploadedFile(naam, buf.getvalue(), content_type="application/pdf")
    f.portal_mime = "application/pdf"
    return f


# The history (issue #20 §7): TLVs the po SWV decided over the last six quarters for pupils of its regular schools, so
# the monitoring page shows the SWV's own decision term (C-4, a term without a school) decided on time as a trend, and
# the TLVs by kind and category and those ending this school year.
HISTORIE_PER_KWARTAAL = 2
HISTORIE_BASIS = 200  # the history pupils' numbers of this app (portal.core demo.historie_leerling)


def historie(ctx, eva, arts):
    """Each application filed by De Regenboog or Het Palet, advised by both experts, decided and made known by the SWV
    on the day C-4 closed (on time or late, from its own due date): most granted (sbo or so, a category for so, one
    or two school years, its validity C-5 running), one in six refused; the bezwaar term C-6 while it runs and the
    health data's term C-7, as the services leave them. Dates of then; idempotent (a history pupil with a TLV is
    skipped)."""
    import random
    from datetime import timedelta

    from portal.core.management.commands.demo import historie as plan
    from portal.core.management.commands.demo import historie_klok, historie_leerling, historie_start, moment
    from portal.termijnen import rules
    from portal.termijnen.services import clock_start
    from portal.zaken.models import Besluit, Gebeurtenis

    from . import wet
    from .constants import Status
    from .models import Toelaatbaarheidsverklaring, Toewijzing

    rnd = random.Random("demo-tlv-historie")
    swv, tekenaar = ctx.swv["po"], ctx.users["swv@demo.nl"]
    for h in plan(ctx.today, sleutel="tlv", per_kwartaal=HISTORIE_PER_KWARTAAL, basis=HISTORIE_BASIS):
        school = ctx.scholen["regenboog" if h.nummer % 2 == 0 else "palet"]
        kind = historie_leerling(h.nummer, geboren=h.gesloten_op.replace(year=h.gesloten_op.year - 7 - h.nummer % 4),
                                 gemeente=ctx.gemeente)
        if Toelaatbaarheidsverklaring.objects.filter(leerling=kind).exists():
            continue
        ingediend = historie_start("C-4", h.gesloten_op, h.op_tijd, rnd=rnd)
        geopend = ingediend - timedelta(days=rnd.randint(7, 20))
        toegekend = h.nummer % 6 != 3
        soort = "so" if h.nummer % 3 == 0 else "sbo"
        jaren = 1 + h.nummer % 2
        ingang = h.gesloten_op + timedelta(days=rnd.randint(1, 14))
        einde = wet.einddatum(ingang, jaren) if toegekend else None
        status = Status.AFGEWEZEN if not toegekend else Status.TOEGEKEND if einde >= ctx.today else Status.VERLOPEN
        tlv = Toelaatbaarheidsverklaring.objects.create(
            leerling=kind, swv=swv, status=status, geopend_op=moment(geopend), afgesloten_op=moment(h.gesloten_op, 15),
            aanvragende_school=school, vorige_school=school, soort=soort, swv_grond="inschrijving",
            swv_artikel=WET_HISTORIE[soort], onderwijsbehoeften="Een kleine groep met veel structuur.",
            geprobeerd="Een jaar extra begeleiding in de klas; de achterstand groeit.", gevraagde_schooljaren=jaren,
            zienswijze="Wij vinden een kleine groep beter voor ons kind.", zienswijze_bevestigd_op=moment(geopend, 15),
            ingediend_op=ingediend,
            **({"toegekend_soort": soort, "categorie": "1" if soort == "so" else "", "ingangsdatum": ingang,
                "schooljaren": jaren, "einddatum": einde, "tlv_nummer": f"PO 99-01/{h.gesloten_op.year}/{h.nummer:03d}"}
               if toegekend else {}))
        besluit = Besluit.objects.create(
            zaak=tlv, besluittype="tlv", uitkomst="toegekend" if toegekend else "afgewezen",
            motivering="Beide deskundigen adviseren " + ("toelaatbaar." if toegekend else "niet toelaatbaar."),
            voorbereid_op=moment(h.gesloten_op, 9), ondertekend_door=tekenaar, ondertekend_op=moment(h.gesloten_op, 12),
            ondertekenaar_functie="directeur SWV", bekendmaking="digitaal", bekendgemaakt_op=h.gesloten_op)
        for plaats, wie, beroep in ((1, eva, "orthopedagoog"), (2, arts, "arts")):
            t = Toewijzing.objects.create(
                tlv=tlv, plaats=plaats, deskundige=wie, beroep=beroep, toegewezen_door=tekenaar,
                conclusie="toelaatbaar" if toegekend else "niet_toelaatbaar", advies="Gezien het dossier.",
                categorie="1" if toegekend and soort == "so" else "",
                advies_op=moment(ingediend + timedelta(days=rnd.randint(14, 21)), 14))
            Toewijzing.objects.filter(pk=t.pk).update(toegewezen_op=moment(ingediend + timedelta(days=5)))
        historie_klok(zaak=tlv, regel_id="C-4", start=ingediend, gesloten_op=h.gesloten_op)
        Gebeurtenis.objects.bulk_create([
            Gebeurtenis(zaak=tlv, soort="geopend", op=moment(geopend), gegevens={"status": Status.CONCEPT}),
            Gebeurtenis(zaak=tlv, soort="status", op=moment(h.gesloten_op, 12),
                        gegevens={"van": Status.BESLUIT_VOORBEREID, "naar": status}),
        ])
        # the terms that run on, started as the services start them (C-6 of the decision, C-5, C-7)
        if rules.bereken_uiterlijk(rules.get("C-6").params(), h.gesloten_op) >= ctx.today:
            clock_start(regel_id="C-6", zaak=tlv, besluit=besluit, start=h.gesloten_op, voor_ouders=True,
                        omschrijving=f"Besluit op {tlv.nummer}", systeem=True, vandaag=ctx.today)
        if status == Status.TOEGEKEND:  # tlv.services.na_bekendmaking: the end date is C-5's due date
            c5 = clock_start(regel_id="C-5", zaak=tlv, start=wet.periode_start(ingang, wet.c5_params()),
                             extra_params={"schooljaren": jaren}, omschrijving=f"TLV {tlv.tlv_nummer}", systeem=True,
                             vandaag=ctx.today)
            Toelaatbaarheidsverklaring.objects.filter(pk=tlv.pk).update(einddatum=c5.uiterlijk)
        clock_start(regel_id="C-7", zaak=tlv, start=h.gesloten_op, omschrijving=f"Gezondheidsgegevens {tlv.nummer}",
                    systeem=True, vandaag=ctx.today)


WET_HISTORIE = {"sbo": "Wet op het primair onderwijs, artikel 40 lid 8 onder a",
                "so": "Wet op de expertisecentra, artikel 40 lid 10"}
