"""Rows for the TLV's URLs (issue #12).

The objects: an application of school A for the pupil of school A with SWV A, both advices in (the ``deskundige``
persona wrote the first one), its OPP attached (the world's OPP case, with a document); a draft of school A for a
second child of the same parent (the SWV does not see drafts); an application of school B to SWV B waiting for the
school's supplement (another SWV's staff and unassigned experts see nothing); and a refused TLV of a third child with
a bezwaar the applying school filed (C-6) and its LBT clock. The ``swv`` persona is staff of SWV A: it records the
TLV's own steps on that bezwaar on the application page, and hears and decides it on the bezwaar's own page."""

from . import Rij, ok

SCHOOL = ("ib", "directeur")  # the applying school A


def objecten(w):
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from geschillen import services as g
    from portal.accounts.constants import Rol
    from portal.documenten.services import brieven_render_wachtend, document_bewaar
    from portal.leerlingen.models import Gezag
    from portal.zaken.services import besluit_onderteken
    from tests.factories import PDF, InschrijvingFactory, LeerlingFactory, mandaat, member
    from tlv import services as s
    from tlv.models import Deskundige, Loket

    def pdf(naam):
        f = SimpleUploadedFile(naam, PDF, content_type="application/pdf")
        f.portal_mime = "application/pdf"
        return f

    vandaag = timezone.localdate()
    Deskundige.objects.create(user=w.deskundige, beroep="orthopedagoog")
    arts = member(Rol.DESKUNDIGE, organisatie_naam="GGD")
    Deskundige.objects.create(user=arts, beroep="arts")
    for swv in (w.swv_a, w.swv_b):
        Loket.objects.create(swv=swv, naam="CvT", postadres="Postbus 1", bezwaar_adres=f"{swv.naam}, Postbus 1")
    directeur_swv = member(Rol.SWV, swv=w.swv_a)
    mandaat(directeur_swv, w.swv_a, ["tlv"], functie="directeur SWV")
    w.opp_document = document_bewaar(zaak=w.zaak_a, bestand=pdf("opp.pdf"), door=w.ib)

    def aanvraag(kind, school, ib, ouder, opp=None):
        t = s.tlv_maak(school=school, leerling=kind, soort="sbo", door=ib, onderwijsbehoeften="Kleine groep",
                       geprobeerd="Extra hulp", opp_zaak=opp)
        s.tlv_zienswijze_ouder(tlv=t, ouder=ouder, tekst="Graag")
        s.tlv_document_voeg_toe(tlv=t, door=ib, bestand=pdf("rapport.pdf"))
        return s.tlv_dien_in(tlv=t, door=ib)

    def adviezen(t, conclusie):
        s.tlv_volledig(tlv=t, door=w.swv)
        t1 = s.tlv_deskundige_wijs_toe(tlv=t, door=w.swv, deskundige=w.deskundige, plaats=1)
        t2 = s.tlv_deskundige_wijs_toe(tlv=t, door=w.swv, deskundige=arts, plaats=2)
        s.tlv_advies_geef(toewijzing=t1, deskundige=w.deskundige, conclusie=conclusie, advies="Past.")
        s.tlv_advies_geef(toewijzing=t2, deskundige=arts, conclusie=conclusie, advies="Geen bezwaar.")
        return t1, t2

    w.tlv = aanvraag(w.kind_a, w.school_a, w.ib, w.ouder, opp=w.zaak_a)
    w.tlv_document = w.tlv.documenten.get()
    w.toewijzing, w.toewijzing2 = adviezen(w.tlv, "toelaatbaar")

    kind_d = LeerlingFactory()
    InschrijvingFactory(leerling=kind_d, school=w.school_a)
    Gezag.objects.create(leerling=kind_d, ouder=w.ouder)
    w.tlv_concept = s.tlv_maak(school=w.school_a, leerling=kind_d, soort="sbo", door=w.ib, onderwijsbehoeften="x",
                               geprobeerd="y")

    w.tlv_b = aanvraag(w.kind_b, w.school_b, w.ib_ander, w.ander_ouder)
    swv_b = member(Rol.SWV, swv=w.swv_b)
    s.tlv_onvolledig(tlv=w.tlv_b, door=swv_b, omschrijving="Het OPP", antwoord_uiterlijk=vandaag + timedelta(days=14))

    kind_c = LeerlingFactory()
    InschrijvingFactory(leerling=kind_c, school=w.school_a)
    Gezag.objects.create(leerling=kind_c, ouder=w.ouder)
    t = aanvraag(kind_c, w.school_a, w.ib, w.ouder)
    adviezen(t, "niet_toelaatbaar")
    b = s.tlv_besluit_voorbereid(tlv=t, door=w.swv, uitkomst="afgewezen", motivering="Niet toelaatbaar")
    besluit_onderteken(besluit=b, door=directeur_swv, bekendmaking="uitgereikt", verzonden_op=vandaag)
    w.tlv_besluit = b
    w.tlv_bezwaar = g.bezwaar_dien_in(besluit=b, door=w.ib, gronden="Niet eens")  # the applying school objects (C-6)
    brieven_render_wachtend()
    w.tlv_brief = w.tlv.brieven.get(soort="tlv.aanvraag")


T = lambda o: [o.tlv.pk]  # noqa: E731
C = lambda o: [o.tlv_concept.pk]  # noqa: E731

ROWS = [
    # the family's list: parents, and a pupil (from 18 the party, issue #17 §1; from 12 a reader of their own case)
    Rij("tlv:home", ok("ouder", "ander_ouder", "leerling", *SCHOOL, "ib_ander", "swv", "deskundige")),
    Rij("tlv:nieuw", ok(*SCHOOL, "ib_ander")),
    # the parents see their child's application, its decision and advices; the school that applied; the SWV that
    # decides; the assigned expert. Not the board of school A (the SWV is the bevoegd gezag), not the teacher.
    Rij("tlv:detail", ok("ouder", *SCHOOL, "swv", "deskundige"), args=T),
    # a draft: the SWV does not see it yet
    Rij("tlv:detail", ok("ouder", *SCHOOL), args=C),
    # another SWV's application: SWV A's staff and the expert (not assigned) see nothing
    Rij("tlv:detail", ok("ander_ouder", "ib_ander"), args=lambda o: [o.tlv_b.pk]),
    Rij("tlv:bewerken", ok(*SCHOOL), args=C),
    Rij("tlv:zienswijze", ok("ouder", *SCHOOL), args=C),
    Rij("tlv:aanvullen", ok("ib_ander"), args=lambda o: [o.tlv_b.pk]),
    Rij("tlv:besluit", ok("swv"), args=T),
    # POST actions: a refused form is shown again on the page (200)
    Rij("tlv:actie", ok("swv"), args=lambda o: [o.tlv.pk, "later"], methode="POST"),
    Rij("tlv:actie", ok(*SCHOOL), args=lambda o: [o.tlv_concept.pk, "indienen"], methode="POST"),
    # C-7: the SWV records a beroep against its decision (the decision is kept while it runs)
    Rij("tlv:actie", ok("swv"), args=lambda o: [o.tlv_besluit.zaak_id, "beroep"], methode="POST"),
    Rij("tlv:advies", ok("deskundige"), args=lambda o: [o.toewijzing.pk]),  # only the expert asked
    Rij("tlv:advies", {}, args=lambda o: [o.toewijzing2.pk]),  # the other expert's request: nobody of the personas
    Rij("tlv:belang", ok("deskundige"), args=lambda o: [o.toewijzing.pk], methode="POST"),
    Rij("tlv:toewijzing_intrekken", ok("swv", code=302), args=lambda o: [o.toewijzing2.pk], methode="POST"),
    # an advice as PDF: the SWV, the parents, the applying school and its author
    Rij("tlv:advies_pdf", ok("ouder", *SCHOOL, "swv", "deskundige"), args=lambda o: [o.toewijzing.pk]),
    Rij("tlv:register", ok("swv")),
    Rij("tlv:register_csv", ok("swv")),
    Rij("tlv:loket", ok("swv")),
    # C-6b: the TLV's own steps on a bezwaar against its decision are actions on the application page: SWV A's staff
    Rij("tlv:actie", ok("swv"), args=lambda o: [o.tlv_besluit.zaak_id, "lbt_gevraagd"], methode="POST"),
    # C-6: the parents and the applying school (its IB'er and directeur) object to the SWV's decision; not the school's
    # board, not another school, not the SWV itself
    Rij("geschillen:bezwaar_nieuw", ok("ouder", *SCHOOL), args=lambda o: [o.tlv_besluit.pk]),
    # the school's own bezwaar: the parents and that school read it; the SWV's staff hear and decide it there
    Rij("geschillen:bezwaar", ok("ouder", *SCHOOL, "swv"), args=lambda o: [o.tlv_bezwaar.pk]),
    # the SWV's staff hear the school that objected and prepare the decision (Awb 7:2, C-6c); never the school itself
    # (a refused form: 200)
    Rij("geschillen:bezwaar_actie", ok("swv"), args=lambda o: [o.tlv_bezwaar.pk, "horen"], methode="POST"),
    Rij("geschillen:bezwaar_actie", ok("swv"), args=lambda o: [o.tlv_bezwaar.pk, "beslissing"], methode="POST"),
    # the school withdraws its own bezwaar (then to the bezwaar: 302); the parents cannot withdraw it
    Rij("geschillen:bezwaar_actie", ok(*SCHOOL, code=302), args=lambda o: [o.tlv_bezwaar.pk, "intrekken"],
        methode="POST"),
    # the application's documents and letters follow the application
    Rij("documenten:document", ok("ouder", *SCHOOL, "swv", "deskundige"), args=lambda o: [o.tlv_document.pk]),
    Rij("documenten:brief", ok("ouder", *SCHOOL, "swv", "deskundige"), args=lambda o: [o.tlv_brief.pk]),
    # the OPP attached: SWV A's staff and the assigned expert read its documents while the application is with them
    Rij("documenten:document", ok("ouder", *SCHOOL, "swv", "deskundige"), args=lambda o: [o.opp_document.pk]),
]
