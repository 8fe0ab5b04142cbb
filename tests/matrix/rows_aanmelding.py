"""Rows for the aanmelding's URLs."""

from . import Rij, ok


def objecten(w):
    from datetime import date

    from django.core.files.uploadedfile import SimpleUploadedFile

    from aanmelding import services as s
    from aanmelding.constants import BesluitSoort
    from portal.documenten.services import brieven_render_wachtend
    from tests.factories import PDF

    w.aanmelding = s.aanmelding_dien_in(
        ouder=w.ouder, school=w.school_a, gewenste_start=date(2027, 8, 23), ondersteuning="ja", wat_belangrijk="",
        gezag_verklaard=True, voorkeur_positie=1, andere_scholen=[], leerling=w.kind_a,
        documenten=[(SimpleUploadedFile("verslag.pdf", PDF), True)])
    w.document = w.aanmelding.documenten.get()
    w.verzoek = s.verzoek_informatie(aanmelding=w.aanmelding, door=w.ib, omschrijving="Het verslag",
                                     antwoord_uiterlijk=date(2099, 1, 1))
    w.toestemming = s.verzoek_toestemming(aanmelding=w.aanmelding, door=w.ib, omschrijving="Onderzoek",
                                          doel="Leerbehoefte", omvang="Toetsen, 1 jaar", organisatie="Orthopedagoog"
                                          ).toestemming
    w.plaatsing = s.plaatsing_vraag(aanmelding=w.aanmelding, door=w.ib, school=w.school_b, toelichting="Kleine groep")
    w.besluit = s.besluit_voorbereid(aanmelding=w.aanmelding, door=w.ib, soort=BesluitSoort.TOEGELATEN,
                                     motivering="Welkom")
    brieven_render_wachtend()
    w.brief = w.aanmelding.brieven.first()


A = lambda o: [o.aanmelding.pk]  # noqa: E731

ROWS = [
    Rij("aanmelding:home", ok("ouder", "ander_ouder", "ib", "directeur", "ib_ander")),
    Rij("aanmelding:nieuw", ok("ouder", "ander_ouder")),
    Rij("aanmelding:papier", ok("ib", "directeur", "ib_ander")),
    Rij("aanmelding:detail", ok("ouder") | ok("ib", "directeur", code=302), args=A),  # staff go to the file
    Rij("aanmelding:intrekken", ok("ouder"), args=A),
    Rij("aanmelding:dossier", ok("ib", "directeur"), args=A),
    # a refused (here: empty) form is shown again on the file with its errors: 200
    Rij("aanmelding:informatie", ok("ib", "directeur"), args=A, methode="POST"),
    Rij("aanmelding:toestemming_vraag", ok("ib", "directeur"), args=A, methode="POST"),
    Rij("aanmelding:verlengen", ok("ib", "directeur"), args=A, methode="POST"),
    Rij("aanmelding:notitie", ok("ib", "directeur"), args=A, methode="POST"),
    Rij("aanmelding:plaatsing_vraag", ok("ib", "directeur"), args=A, methode="POST"),
    Rij("aanmelding:besluit", ok("ib", "directeur"), args=A, methode="POST"),
    Rij("aanmelding:beoordeling", ok("ib", "directeur"), args=A, methode="POST"),
    Rij("aanmelding:plaatsing", ok("ib_ander"), args=lambda o: [o.plaatsing.pk]),  # only the school asked
]
