"""Rows for the OPP's URLs (issue #10).

``zaak_a`` is kind_a's OPP at school A, a concept with one goal. ``opp_vast`` is an OPP of another pupil of school A
that was registered as already set (the evaluation page needs a version in force). kind_a is younger than 12: the
pupil persona has no OPP pages of their own (DOMAIN §2) — the list answers 404 and every OPP 404. SWV staff read the
OPP (its page, versions and PDF) because kind_a's TLV application is with their SWV (issue #12; rows_tlv), and change
nothing. Staff of another school, a teacher, SWV staff of another SWV, helpers without a share, the leerplicht officer and the beheerder see nothing; a
bestuurder only the OPPs whose vaststelling the board decides (none here). Pages that ask for the password again
first (paper instemming, ending an OPP) answer 302 to the re-authentication for the school."""

from . import Rij, ok

SCHOOL = ("ib", "directeur")
GEZIN_EN_SCHOOL = ("ouder", "ib", "directeur")


def objecten(w):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from opp import services as s
    from portal.documenten.validators import check_upload
    from tests.factories import PDF, InschrijvingFactory, LeerlingFactory

    w.doel = s.doel_bewaar(opp=w.zaak_a, door=w.ib, gebied="lezen_taal", omschrijving="Vlot lezen",
                           criterium="45 woorden per minuut", streefdatum=timezone.localdate())
    kind = LeerlingFactory()
    InschrijvingFactory(leerling=kind, school=w.school_a)
    w.opp_vast = s.opp_registreer_bestaand(
        leerling=kind, school=w.school_a, door=w.ib, vastgesteld_op=timezone.localdate(),
        bestand=check_upload(SimpleUploadedFile("opp.pdf", PDF, content_type="application/pdf")))


def _opp(o):
    return [o.zaak_a.pk]


ROWS = [
    Rij("opp:home", ok("ib", "directeur", "ib_ander", "ouder", "ander_ouder")),
    Rij("opp:nieuw", ok("ib", "directeur", "ib_ander")),
    Rij("opp:rod", ok(*SCHOOL), args=lambda o: [o.school_a.pk]),
    Rij("opp:detail", ok(*GEZIN_EN_SCHOOL, "swv"), args=_opp),
    Rij("opp:document", ok(*SCHOOL), args=_opp, methode="POST"),  # form errors: 200
    Rij("opp:perspectief", ok(*SCHOOL), args=_opp),
    Rij("opp:handelingsdeel", ok(*SCHOOL), args=_opp),
    Rij("opp:doel_nieuw", ok(*SCHOOL), args=_opp),
    Rij("opp:doel", ok(*SCHOOL), args=lambda o: [o.zaak_a.pk, o.doel.pk]),
    Rij("opp:doel_verwijder", ok(*SCHOOL, code=302), args=lambda o: [o.zaak_a.pk, o.doel.pk], methode="POST"),
    Rij("opp:overleg", ok(*SCHOOL), args=_opp),
    Rij("opp:mening", ok(*GEZIN_EN_SCHOOL), args=_opp),
    Rij("opp:voorleggen", ok(*SCHOOL, code=302), args=_opp, methode="POST"),
    Rij("opp:herzien", ok(*SCHOOL, code=302), args=_opp, methode="POST"),
    Rij("opp:instemming", ok("ouder"), args=_opp, methode="POST"),  # form errors: the OPP again, 200
    Rij("opp:papier", ok(*SCHOOL, code=302), args=_opp),  # re-authentication first
    Rij("opp:vaststellen", ok(*SCHOOL), args=_opp),
    Rij("opp:versie", ok(*GEZIN_EN_SCHOOL, "swv"), args=lambda o: [o.zaak_a.pk, 1]),
    Rij("opp:pdf", ok(*GEZIN_EN_SCHOOL, "swv"), args=lambda o: [o.zaak_a.pk, 1]),
    Rij("opp:evaluatie", ok(*SCHOOL), args=lambda o: [o.opp_vast.pk]),
    # (v)so only (WEC 40b lid 2): school A is a basisschool, so its staff are sent back to the OPP
    Rij("opp:commissie", ok(*SCHOOL, code=302), args=_opp),
    Rij("opp:beeindigen", ok(*SCHOOL, code=302), args=_opp),  # re-authentication first
]
