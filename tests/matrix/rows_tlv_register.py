"""Objects for the API's TLV register (issue #21 §1, tlv/api.py): a granted TLV with its register number (C-5), of a
pupil of school A, decided by SWV A — so the register of SWV A's system and of school A's has a row, in the matrix's
world and in the foreign one (tests/test_api_toegang.py asks every API endpoint for another organisation's object).
Made after rows_tlv (the SWV's desk and the expert persona exist then). No URLs of its own: the API's rows are in
rows_api.py."""


def objecten(w):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from portal.accounts.constants import Rol
    from portal.leerlingen.models import Gezag
    from portal.zaken.services import besluit_onderteken
    from tests.factories import PDF, InschrijvingFactory, LeerlingFactory, mandaat, member
    from tlv import services as s
    from tlv.models import Deskundige

    def pdf():
        f = SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf")
        f.portal_mime = "application/pdf"
        return f

    vandaag = timezone.localdate()
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=w.school_a)
    Gezag.objects.create(leerling=kind, ouder=w.ouder)
    t = s.tlv_maak(school=w.school_a, leerling=kind, soort="sbo", door=w.ib, onderwijsbehoeften="Kleine groep",
                   geprobeerd="Extra hulp")
    s.tlv_zienswijze_ouder(tlv=t, ouder=w.ouder, tekst="Graag")
    s.tlv_document_voeg_toe(tlv=t, door=w.ib, bestand=pdf())
    t = s.tlv_dien_in(tlv=t, door=w.ib)
    s.tlv_volledig(tlv=t, door=w.swv)
    arts = member(Rol.DESKUNDIGE, organisatie_naam="GGD")
    Deskundige.objects.create(user=arts, beroep="arts")
    t1 = s.tlv_deskundige_wijs_toe(tlv=t, door=w.swv, deskundige=w.deskundige, plaats=1)
    t2 = s.tlv_deskundige_wijs_toe(tlv=t, door=w.swv, deskundige=arts, plaats=2)
    s.tlv_advies_geef(toewijzing=t1, deskundige=w.deskundige, conclusie="toelaatbaar", advies="Past.")
    s.tlv_advies_geef(toewijzing=t2, deskundige=arts, conclusie="toelaatbaar", advies="Geen bezwaar.")
    tekenaar = member(Rol.SWV, swv=w.swv_a)
    mandaat(tekenaar, w.swv_a, ["tlv"], functie="directeur SWV")
    b = s.tlv_besluit_voorbereid(tlv=t, door=w.swv, uitkomst="toegekend", motivering="Na twee adviezen.",
                                 ingangsdatum=vandaag, schooljaren=1)
    besluit_onderteken(besluit=b, door=tekenaar, bekendmaking="uitgereikt", verzonden_op=vandaag)
    w.tlv_toegekend = t


ROWS = []
