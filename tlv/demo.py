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
