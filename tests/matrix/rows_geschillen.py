"""Rows for the geschillen's URLs (issue #11).

The objects: a schorsing of the pupil of school A (signed by the board), a bezwaar against it, a removal in
preparation with a geschil about it (shared with the onderwijsconsulent), a second geschil (about the schorsing)
waiting for the board's response, two klachten at the board's klachtencommissie (one with an oordeel), and an
advice request with a meeting and an action. The directeur's mandate covers only aanmelding decisions: a
klacht stays invisible to them, and the response to an oordeel is the board's."""

from . import INGELOGD, Rij, ok

SCHOOL = ("ib", "directeur", "bestuurder")  # the case's school and its board


def objecten(w):
    from datetime import timedelta

    from django.utils import timezone

    from geschillen import services as s
    from portal.accounts.constants import Rol
    from portal.zaken.services import besluit_onderteken

    vandaag = timezone.localdate()
    maandag = vandaag + timedelta(days=7 - vandaag.weekday())
    w.schorsing = s.schorsing_bereid_voor(leerling=w.kind_a, school=w.school_a, door=w.directeur, van=maandag,
                                          tot=maandag + timedelta(days=1), redenen="Vechtpartij")
    besluit_onderteken(besluit=w.schorsing.besluit, door=w.bestuurder, bekendmaking="uitgereikt", verzonden_op=vandaag)
    w.schorsing_besluit = w.schorsing.besluit
    w.bezwaar = s.bezwaar_dien_in(besluit=w.schorsing_besluit, ouder=w.ouder, gronden="Te zwaar")
    w.verwijdering = s.verwijdering_start(leerling=w.kind_a, school=w.school_a, door=w.directeur, reden="Geweld")
    w.geschil = s.geschil_dien_in(zaak=w.verwijdering, ouder=w.ouder, ingediend_op=vandaag)
    w.geschil2 = s.geschil_dien_in(zaak=w.schorsing, ouder=w.ouder, ingediend_op=vandaag, waarschuwing_gezien=True)
    s.geschil_verweer(geschil=w.geschil2, door=w.ib, verweer_op=vandaag, samenvatting="Verweer")
    s.geschil_oordeel(geschil=w.geschil2, door=w.ib, oordeel="ongegrond", oordeel_op=vandaag, samenvatting="Oordeel")
    deling = s.deling_nodig_uit(zaak=w.geschil, ouder=w.ouder, email=w.onderwijsconsulent.email,
                                rol="onderwijsconsulent", geldig_tot=vandaag + timedelta(days=30))
    s.deling_neem_aan(token=s.deling_token(deling), user=w.onderwijsconsulent)
    w.deling = deling
    w.deling_open = s.deling_nodig_uit(zaak=w.geschil, ouder=w.ouder, email=w.clientondersteuner.email,
                                       rol="clientondersteuner", geldig_tot=vandaag + timedelta(days=30))
    # the klachtencommissie persona is the secretary of the commission of school A's board (tests/test_access_matrix)
    w.klacht = s.klacht_dien_in(ouder=w.ouder, leerling=w.kind_a, school=w.school_a, onderwerp="Pesten")
    w.klacht_oordeel = s.klacht_dien_in(ouder=w.ouder, leerling=w.kind_a, school=w.school_a, onderwerp="Rooster")
    s.klacht_oordeel(klacht=w.klacht_oordeel, door=w.klachtencommissie, oordeel="gegrond", oordeel_op=vandaag,
                     samenvatting="Gegrond")
    w.advies = s.advies_dien_in(ouder=w.ouder, leerling=w.kind_a, school=w.school_a, soort="bemiddeling",
                                vraag="Gesprek", partijen=["school"])
    s.advies_intake(verzoek=w.advies, door=w.swv, behandelaar=w.swv, intake_op=vandaag)
    b = s.bijeenkomst_voeg_toe(verzoek=w.advies, door=w.swv, datum=vandaag, deelnemers=["ouders", "school"],
                               overige="", afspraken="Afspraak",
                               acties=[{"omschrijving": "Rooster", "eigenaar": "IB", "uiterlijk": None}])
    w.actiepunt = b.acties.get()
    # the parents share the advice request with the ouder- en jeugdsteunpunt of their SWV (a helper, issue #11 §3)
    s.deling_neem_aan(token=s.deling_token(s.deling_nodig_uit(
        zaak=w.advies, ouder=w.ouder, email=w.steunpunt.email, rol="steunpunt", geldig_tot=vandaag + timedelta(days=30))),
        user=w.steunpunt)
    # a decided removal of a pupil living in the leerplichtambtenaar's municipality (Leerplichtwet 18)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.accounts.models import Membership
    from portal.organisaties.models import Gemeente
    from tests.factories import PDF, InschrijvingFactory, LeerlingFactory

    gemeente = Gemeente.objects.create(code=f"GM{Gemeente.objects.count() + 1:04d}", naam="Matrixstad")
    Membership.objects.filter(user=w.leerplicht, rol=Rol.LEERPLICHT).update(gemeente=gemeente)
    kind = LeerlingFactory(woongemeente=gemeente)
    InschrijvingFactory(leerling=kind, school=w.school_a)
    w.verwijderd = s.verwijdering_start(leerling=kind, school=w.school_a, door=w.directeur, reden="Geweld")
    for soort in ("leraar", "ouders"):
        s.horen_vastleggen(verwijdering=w.verwijderd, door=w.directeur, soort=soort, datum=vandaag, verslag="Gehoord")
    s.verwijdering_acceptatie(verwijdering=w.verwijderd, door=w.directeur, school=w.school_b, op=vandaag,
                              bestand=SimpleUploadedFile("acceptatie.pdf", PDF))
    besluit = s.verwijdering_bereid_voor(verwijdering=w.verwijderd, door=w.directeur, per=vandaag + timedelta(days=14),
                                         motivering="Veiligheid")
    besluit_onderteken(besluit=besluit, door=w.bestuurder, bekendmaking="uitgereikt", verzonden_op=vandaag)
    # the parent's dossier of the geschil, made by the worker (issue #19 defect 8): a stored copy, for them only
    from django.core.files.base import ContentFile

    from portal.documenten.models import Export, ExportStatus

    w.export = Export.objects.create(soort="geschillen.dossier", zaak=w.geschil, aangevraagd_door=w.ouder, versie="x",
                                     status=ExportStatus.KLAAR, klaar_op=timezone.now())
    w.export.bestand.save("dossier.pdf", ContentFile(PDF))


ROWS = [
    Rij("geschillen:home", ok(*INGELOGD)),
    Rij("geschillen:gids", ok("ouder"), args=lambda o: [o.verwijdering.pk]),
    # the dossier: whoever sees the case, each with what they may see (the helper: the shared case only)
    Rij("geschillen:dossier", ok("ouder", *SCHOOL, "onderwijsconsulent"), args=lambda o: [o.geschil.pk]),
    # the page also takes the POST that asks for it (made in the worker, issue #19 defect 8; its persona tests in
    # tests/test_documenten_export.py); the download of a made copy is for the one who asked only
    Rij("documenten:export", ok("ouder"), args=lambda o: [o.export.pk]),
    Rij("geschillen:delen", ok("ouder"), args=lambda o: [o.verwijdering.pk]),
    Rij("geschillen:deling_intrekken", ok("ouder", code=302), args=lambda o: [o.deling.pk], methode="POST"),
    # the invitation page is a confirmation only; accepting checks address, role and signature
    Rij("geschillen:deling_aannemen", ok(*INGELOGD), args=lambda o: ["token"]),
    Rij("geschillen:gedeelde_zaak", ok("onderwijsconsulent"), args=lambda o: [o.geschil.pk]),
    Rij("geschillen:gedeelde_zaak", ok("steunpunt"), args=lambda o: [o.advies.pk]),  # the SWV's steunpunt reads along
    Rij("geschillen:swv_overzicht", ok("swv")),
    # the board and the commission's secretary; not the directeur: no mandate for klachten
    Rij("geschillen:klachten_jaaroverzicht", ok("bestuurder", "klachtencommissie")),
    Rij("geschillen:klacht_nieuw", ok("ouder", "ander_ouder")),
    # confidential: the parents and the board, never the school's IB'er, its directeur (no mandate) or the SWV
    # ... and the secretary of the klachtencommissie it was sent to, who records the hearing and the oordeel
    Rij("geschillen:klacht", ok("ouder", "bestuurder", "klachtencommissie"), args=lambda o: [o.klacht.pk]),
    Rij("geschillen:klacht_reactie", ok("bestuurder", code=302), args=lambda o: [o.klacht_oordeel.pk]),  # reauth
    Rij("geschillen:klacht_actie", ok("ouder", code=302), args=lambda o: [o.klacht.pk, "intrekken"], methode="POST"),
    Rij("geschillen:klacht_actie", ok("klachtencommissie"), args=lambda o: [o.klacht.pk, "zitting"], methode="POST"),
    # only the parents: the school cannot object to its own board's decision (the TLV's is in rows_tlv)
    Rij("geschillen:bezwaar_nieuw", ok("ouder"), args=lambda o: [o.schorsing_besluit.pk]),
    # a bezwaarschrift on paper (Awb 6:9): recorded by the bevoegd gezag's side — the school and its board
    Rij("geschillen:bezwaar_papier", ok(*SCHOOL), args=lambda o: [o.schorsing_besluit.pk]),
    Rij("geschillen:bezwaar", ok("ouder", *SCHOOL), args=lambda o: [o.bezwaar.pk]),
    # an empty form is shown again with its errors: 200
    Rij("geschillen:bezwaar_actie", ok(*SCHOOL), args=lambda o: [o.bezwaar.pk, "horen"], methode="POST"),
    Rij("geschillen:geschil_nieuw", ok("ouder"), args=lambda o: [o.verwijdering.pk]),
    # a helper reads the case shared with them on the shared page: sent there (issue #22 §2 item 6)
    Rij("geschillen:geschil", {**ok("ouder", *SCHOOL), **ok("onderwijsconsulent", code=302)},
        args=lambda o: [o.geschil.pk]),
    Rij("geschillen:geschil_reactie", ok("bestuurder", code=302), args=lambda o: [o.geschil2.pk]),  # reauth first
    Rij("geschillen:geschil_actie", ok(*SCHOOL), args=lambda o: [o.geschil.pk, "verweer"], methode="POST"),
    Rij("geschillen:advies_nieuw", ok("ouder", "ander_ouder")),
    Rij("geschillen:advies", {**ok("ouder", "ib", "directeur", "swv"), **ok("steunpunt", code=302)},
        args=lambda o: [o.advies.pk]),
    Rij("geschillen:advies_actie", ok("swv"), args=lambda o: [o.advies.pk, "afronden"], methode="POST"),
    Rij("geschillen:actie_gedaan", ok("swv", code=302), args=lambda o: [o.actiepunt.pk], methode="POST"),
    Rij("geschillen:schorsing_nieuw", ok("ib", "directeur", "ib_ander")),
    Rij("geschillen:schorsing", ok("ouder", *SCHOOL), args=lambda o: [o.schorsing.pk]),
    Rij("geschillen:schorsing_actie", ok(*SCHOOL), args=lambda o: [o.schorsing.pk, "inspectie"], methode="POST"),
    Rij("geschillen:verwijdering_nieuw", ok("ib", "directeur", "ib_ander")),
    Rij("geschillen:verwijdering", ok("ouder", *SCHOOL), args=lambda o: [o.verwijdering.pk]),
    # leerplicht gets the notice of a decided removal in its municipality, never the case (reasons, hearings, letters)
    Rij("geschillen:verwijdering_melding", ok("leerplicht"), args=lambda o: [o.verwijderd.pk]),
    Rij("geschillen:verwijdering_actie", ok(*SCHOOL), args=lambda o: [o.verwijdering.pk, "horen"], methode="POST"),
]
