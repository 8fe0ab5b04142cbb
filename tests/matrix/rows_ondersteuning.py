"""Rows for the ondersteuningsaanbod's URLs (issue #9) and its public pages in ``organisaties``.

The teacher persona (``leerkracht``) teaches kind_a's group; for two other pupils of school A it was a substitute
whose period has ended (404) and is a substitute now (200). SWV staff see an arrangement with a part their SWV
pays (200), not one without (404). The pupil persona is kind_a's own account; kind_a is younger than 12, so the
parents act and the pupil does not see the support pages (DOMAIN §2) — until kind_a turns 12 on 17 May 2030."""

from datetime import date, timedelta

from . import PERSONAS, Rij, ok

SCHOOL = ("ib", "directeur")
# kind_a (born 17 May 2018, tests/factories.py) is 12 from 17 May 2030: then the pupil sees their own support.
LEERLING_12 = ("leerling",) if date.today() >= date(2030, 5, 17) else ()


def objecten(w):
    from decimal import Decimal

    from django.utils import timezone

    from ondersteuning import services as s
    from ondersteuning.models import Afspraak, BladVersie
    from portal.leerlingen.models import Groep, Invalbeurt, schooljaar_van
    from portal.organisaties import services as org
    from portal.organisaties.models import Basisondersteuning
    from tests.factories import InschrijvingFactory, LeerlingFactory

    vandaag = timezone.localdate()
    # an arrangement with a part the SWV pays, one without; a build-up step; a conversation with an action
    w.arr = s.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib, aanbod_soort="school_met_elders",
                               doel="Lezen op niveau", startdatum=vandaag)
    w.onderdeel = s.onderdeel_bewaar(arrangement=w.arr, door=w.ib, soort="onderwijsondersteuning", aanbieder="swv",
                                     omschrijving="Ambulante begeleiding", start=vandaag, financier="swv",
                                     uren_per_week=Decimal("2"))
    w.stap = s.opbouwstap_voeg_toe(onderdeel=w.onderdeel, door=w.ib, vanaf=vandaag + timedelta(days=14),
                                   omschrijving="Drie uur per week", uren_per_week=Decimal("3"))
    w.arr_school = s.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib, aanbod_soort="eigen_school",
                                      doel="Rust in de klas", startdatum=vandaag)
    s.onderdeel_bewaar(arrangement=w.arr_school, door=w.ib, soort="hulpmiddel", aanbieder="school",
                       omschrijving="Koptelefoon", start=vandaag, financier="school")
    w.verslag = s.gesprek_leg_vast(zaak=w.arr, door=w.ib, datum=vandaag, deelnemers="Moeder, IB'er",
                                   afspraken="We starten met lezen.", acties=[{"wat": "Plan maken", "wie": "IB'er"}])
    w.actie = w.verslag.acties.get()
    w.aanpassing = s.aanpassing_vraag(leerling=w.kind_a, school=w.school_a, door=w.ouder, gevraagd="Toetsen op A3",
                                      waarom="Slechtziend")
    # the sheet of kind_a: a version in force, and a concept (a copy) with an accommodation
    v1 = s.blad_maak(leerling=w.kind_a, school=w.school_a, door=w.ib)
    s.afspraak_voeg_toe(versie=v1, door=w.ib, categorie="toetsen", weten="Leest klein schrift slecht", doen="A3")
    s.blad_akkoord(versie=v1, door=w.ib, in_gesprek_met="ouders")
    s.blad_stel_vast(versie=v1, door=w.ib)
    w.blad = v1.blad
    s.blad_nieuwe_versie(blad=w.blad, door=w.ib)
    w.afspraak = Afspraak.objects.filter(versie__blad=w.blad, versie__status="concept").get()
    # groups: the teacher teaches kind_a's group; substitutes for kind_c (ended) and kind_d (now)
    jaar = schooljaar_van(vandaag)
    w.groep = Groep.objects.create(school=w.school_a, naam="Groep 5a", schooljaar=jaar)
    w.groep.leerlingen.add(w.kind_a)
    w.groep.leerkrachten.add(w.leerkracht)
    bladen = {}
    for naam, van, tot in [("c", vandaag - timedelta(days=30), vandaag - timedelta(days=3)),
                           ("d", vandaag - timedelta(days=2), vandaag + timedelta(days=20))]:
        kind = LeerlingFactory()
        InschrijvingFactory(leerling=kind, school=w.school_a)
        groep = Groep.objects.create(school=w.school_a, naam=f"Groep {naam}", schooljaar=jaar)
        groep.leerlingen.add(kind)
        beurt = Invalbeurt.objects.create(groep=groep, leerkracht=w.leerkracht, van=van, tot=tot, door=w.ib)
        v = s.blad_maak(leerling=kind, school=w.school_a, door=w.ib)
        s.afspraak_voeg_toe(versie=v, door=w.ib, categorie="rooster", weten="Wisselingen", doen="Vooraf melden")
        s.blad_akkoord(versie=v, door=w.ib, in_gesprek_met="ouders")
        s.blad_stel_vast(versie=v, door=w.ib)
        bladen[naam] = v.blad
        setattr(w, f"invalbeurt_{naam}", beurt)
    w.blad_verlopen, w.blad_invaller = bladen["c"], bladen["d"]
    assert BladVersie.objects.filter(blad=w.blad_invaller, status="geldt").exists()
    # organisaties: the SWV's working catalogue, the school's concept profile with one line of each kind
    w.basis_item = Basisondersteuning.objects.create(swv=w.swv_a, titel="Lezen", gebied="lezen_taal")
    from portal.organisaties.models import VrijePeriode  # E-1: the school calendar

    w.vrije_periode = VrijePeriode.objects.create(school=w.school_a, van=vandaag, tot=vandaag, omschrijving="Studiedag")
    w.profiel = org.profiel_nieuwe_versie(school=w.school_a, door=w.ib)
    w.profiel_onderdeel = org.profiel_onderdeel_voeg_toe(profiel=w.profiel, door=w.ib, soort="extra", gebied="gedrag",
                                                         titel="Time-out")
    w.profiel_expertise = org.profiel_expertise_voeg_toe(profiel=w.profiel, door=w.ib, expertise="orthopedagoog",
                                                         beschikbaar="swv")


ARR = lambda o: [o.arr.pk]  # noqa: E731
BLAD = lambda o: [o.blad.pk]  # noqa: E731

ROWS = [
    # home: per role; a teacher goes to their pupils
    Rij("ondersteuning:home", ok("ouder", "ander_ouder", "leerling", *SCHOOL, "ib_ander", "swv")
        | ok("leerkracht", code=302)),
    Rij("ondersteuning:nieuw", ok(*SCHOOL, "ib_ander")),
    # the arrangement: parents and school; the SWV because it pays a part; the pupil from 12
    Rij("ondersteuning:detail", ok("ouder", *SCHOOL, "swv", *LEERLING_12), args=ARR),
    # ... an arrangement without a part of the SWV: for SWV staff only while the pupil's TLV application is with
    # their SWV (issue #12; kind_a's is, rows_tlv) — read-only, every change below stays 404
    Rij("ondersteuning:detail", ok("ouder", *SCHOOL, "swv", *LEERLING_12), args=lambda o: [o.arr_school.pk]),
    Rij("ondersteuning:bewerk", ok(*SCHOOL), args=ARR),
    Rij("ondersteuning:onderdeel_nieuw", ok(*SCHOOL), args=ARR),
    Rij("ondersteuning:aanbieden", ok(*SCHOOL, code=302), args=ARR, methode="POST"),
    Rij("ondersteuning:reactie", ok("ouder"), args=ARR, methode="POST"),  # empty form: shown again, 200
    Rij("ondersteuning:reactie_vastleggen", ok(*SCHOOL), args=ARR, methode="POST"),
    # a concept has no new version to make: refused, the page again with the error (the page kit), 200
    Rij("ondersteuning:wijzigen", ok(*SCHOOL), args=ARR, methode="POST"),
    Rij("ondersteuning:beeindigen", ok(*SCHOOL, code=302), args=ARR, methode="POST"),
    Rij("ondersteuning:evaluatie", ok(*SCHOOL), args=ARR, methode="POST"),
    # kind_a is younger than 12: the IB'er records the view on the pupil's behalf
    Rij("ondersteuning:mening", ok(*SCHOOL, *LEERLING_12), args=ARR),
    Rij("ondersteuning:pdf", ok("ouder", *SCHOOL, "swv", *LEERLING_12), args=ARR),
    Rij("ondersteuning:onderdeel", ok(*SCHOOL), args=lambda o: [o.onderdeel.pk]),
    Rij("ondersteuning:onderdeel_weg", ok(*SCHOOL, code=302), args=lambda o: [o.onderdeel.pk], methode="POST"),
    Rij("ondersteuning:opbouwstap", ok(*SCHOOL), args=lambda o: [o.onderdeel.pk], methode="POST"),
    Rij("ondersteuning:opbouwstap_weg", ok(*SCHOOL, code=302), args=lambda o: [o.stap.pk], methode="POST"),
    Rij("ondersteuning:gesprek", ok(*SCHOOL), args=ARR),
    Rij("ondersteuning:gesprek_reactie", ok("ouder", *SCHOOL, *LEERLING_12), args=lambda o: [o.verslag.pk],
        methode="POST"),
    Rij("ondersteuning:actie_gedaan", ok("ouder", *SCHOOL, *LEERLING_12, code=302), args=lambda o: [o.actie.pk],
        methode="POST"),
    # the sheet: parents, school, and the pupil's teachers — not the SWV
    Rij("ondersteuning:blad_nieuw", ok(*SCHOOL, "ib_ander", code=302), methode="POST"),
    Rij("ondersteuning:blad", ok("ouder", *SCHOOL, "leerkracht", *LEERLING_12), args=BLAD),
    # a substitute whose period ended sees the sheet no more; one whose period runs does
    Rij("ondersteuning:blad", ok(*SCHOOL), args=lambda o: [o.blad_verlopen.pk]),
    Rij("ondersteuning:blad", ok(*SCHOOL, "leerkracht"), args=lambda o: [o.blad_invaller.pk]),
    Rij("ondersteuning:blad_versie", ok(*SCHOOL, code=302), args=BLAD, methode="POST"),
    Rij("ondersteuning:afspraak", ok(*SCHOOL), args=BLAD, methode="POST"),
    Rij("ondersteuning:afspraak_weg", ok(*SCHOOL, code=302), args=lambda o: [o.afspraak.pk], methode="POST"),
    Rij("ondersteuning:blad_voorleggen", ok(*SCHOOL, code=302), args=BLAD, methode="POST"),
    # a parent (or the pupil from 12) agrees; the IB'er must say with whom it was agreed (no data: 404)
    Rij("ondersteuning:blad_akkoord", ok("ouder", *LEERLING_12, code=302), args=BLAD, methode="POST"),
    Rij("ondersteuning:blad_vaststellen", ok(*SCHOOL), args=BLAD, methode="POST"),  # v2 needs 'what changed': 200
    Rij("ondersteuning:kennisname", ok("leerkracht", code=302), args=BLAD, methode="POST"),
    Rij("ondersteuning:kennisname", ok("leerkracht", code=302), args=lambda o: [o.blad_invaller.pk], methode="POST"),
    Rij("ondersteuning:blad_pdf", ok("ouder", *SCHOOL, "leerkracht", *LEERLING_12), args=BLAD),
    Rij("ondersteuning:blad_pdf", ok(*SCHOOL), args=lambda o: [o.blad_verlopen.pk]),
    Rij("ondersteuning:leerkracht", ok("leerkracht")),
    # the request for an adjustment: the parents and the school asked
    Rij("ondersteuning:aanpassing_nieuw", ok("ouder", "ander_ouder")),
    Rij("ondersteuning:aanpassing", ok("ouder", *SCHOOL, *LEERLING_12), args=lambda o: [o.aanpassing.pk]),
    Rij("ondersteuning:aanpassing_antwoord", ok(*SCHOOL), args=lambda o: [o.aanpassing.pk], methode="POST"),
    # organisaties — public, no login: for everyone, anonymous included
    Rij("organisaties:basisondersteuning", ok(*PERSONAS), anoniem=200, args=lambda o: [o.swv_a.pk]),
    Rij("organisaties:profiel", ok(*PERSONAS), anoniem=200, args=lambda o: [o.school_a.pk]),
    # ... and the pages to maintain them: the school's IB'er/directeur, the SWV's staff
    Rij("organisaties:profiel_mijn", ok(*SCHOOL, "ib_ander", code=302)),
    Rij("organisaties:profiel_beheer", ok(*SCHOOL), args=lambda o: [o.school_a.pk]),
    Rij("organisaties:profiel_nieuw", ok(*SCHOOL, code=302), args=lambda o: [o.school_a.pk], methode="POST"),
    Rij("organisaties:profiel_bewerk", ok(*SCHOOL, code=302), args=lambda o: [o.profiel.pk], methode="POST"),
    Rij("organisaties:profiel_onderdeel", ok(*SCHOOL), args=lambda o: [o.profiel.pk], methode="POST"),
    Rij("organisaties:profiel_expertise", ok(*SCHOOL), args=lambda o: [o.profiel.pk], methode="POST"),
    Rij("organisaties:profiel_vaststellen", ok("directeur", code=302), args=lambda o: [o.profiel.pk], methode="POST"),
    Rij("organisaties:profiel_onderdeel_weg", ok(*SCHOOL, code=302), args=lambda o: [o.profiel_onderdeel.pk],
        methode="POST"),
    Rij("organisaties:profiel_expertise_weg", ok(*SCHOOL, code=302), args=lambda o: [o.profiel_expertise.pk],
        methode="POST"),
    Rij("organisaties:basis_mijn", ok("swv", code=302)),
    Rij("organisaties:basis_beheer", ok("swv"), args=lambda o: [o.swv_a.pk]),
    Rij("organisaties:basis_publiceer", ok("swv", code=302), args=lambda o: [o.swv_a.pk], methode="POST"),
    Rij("organisaties:basis_item", ok("swv"), args=lambda o: [o.basis_item.pk]),
    Rij("organisaties:basis_item_weg", ok("swv", code=302), args=lambda o: [o.basis_item.pk], methode="POST"),
    # the school calendar (E-1): the school's IB'er and directeur keep it
    Rij("organisaties:schoolkalender_mijn", ok(*SCHOOL, "ib_ander", code=302)),
    Rij("organisaties:schoolkalender", ok(*SCHOOL), args=lambda o: [o.school_a.pk]),
    Rij("organisaties:schoolkalender_weg", ok(*SCHOOL, code=302), args=lambda o: [o.vrije_periode.pk], methode="POST"),
]
