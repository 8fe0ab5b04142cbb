"""Rows for the core's URLs (portal.*)."""

from . import INGELOGD, PERSONAS, STAF, Rij, ok

ALLEN_200 = ok(*PERSONAS)
INGELOGD_200 = ok(*INGELOGD)


def objecten(w):
    from portal.leerlingen.models import GezagUitnodiging, UitnodigingStatus
    from portal.meldingen.models import Notification

    w.uitnodiging = GezagUitnodiging.objects.create(
        leerling=w.kind_a, uitgenodigd_door=w.ouder, email=w.ander_ouder.email, school=w.school_a,
        status=UitnodigingStatus.GEACCEPTEERD, geaccepteerd_door=w.ander_ouder)
    from portal.zaken.leerplicht import leerplicht_meld

    w.leerplichtmelding = leerplicht_meld(zaak=w.zaak_a, inschrijving=w.ins_a, soort="inschrijving", door=None)
    w.melding = Notification.objects.create(ontvanger=w.ib, sleutel="matrix:1", titel="Test", tekst="x", url="/start/")
    from datetime import date

    from portal.leerlingen.models import Vertegenwoordiging

    from ..factories import UserFactory

    w.vertegenwoordiging = Vertegenwoordiging.objects.create(
        leerling=w.kind_a, vertegenwoordiger=UserFactory(), soort="bewindvoerder", van=date(2026, 1, 1),
        uitspraak="Rechtbank Teststad, C/01/1")


ROWS = [
    Rij("home_root", INGELOGD_200),
    Rij("core:home", INGELOGD_200),
    Rij("core:health", ALLEN_200),
    Rij("core:privacy", ALLEN_200),
    Rij("accounts:login", ok(*INGELOGD, code=302) | {"anoniem": 200}),
    Rij("accounts:logout", ok(*PERSONAS, code=405)),  # POST only, also for anonymous
    Rij("accounts:2fa_setup", INGELOGD_200),
    Rij("accounts:2fa_verify", INGELOGD_200),
    # issue #19 §2: asking for a link to set up the second factor (everyone here has one already, or needs none and
    # gets the link for their own address): back to the set-up page with a message
    Rij("accounts:2fa_link", ok(*INGELOGD, code=302), methode="POST"),
    # a link that is not valid (for this account): a Dutch refusal, 400; anonymous: to the login page first
    Rij("accounts:2fa_koppelen", ok(*INGELOGD, code=400), args=lambda o: ["ongeldig"]),
    Rij("accounts:tweestaps", INGELOGD_200),
    Rij("accounts:reauth", INGELOGD_200),
    Rij("accounts:instellingen", INGELOGD_200),
    Rij("accounts:registreer", ok(*INGELOGD, code=302) | {"anoniem": 200}),
    Rij("accounts:verify_email", ok(*PERSONAS, code=400), args=lambda o: ["ongeldig"]),
    Rij("accounts:password_reset", ALLEN_200),
    Rij("accounts:password_reset_done", ALLEN_200),
    Rij("accounts:password_reset_confirm", ALLEN_200, args=lambda o: ["xx", "yy"]),
    Rij("accounts:password_reset_complete", ALLEN_200),
    Rij("leerlingen:lijst", INGELOGD_200),
    Rij("leerlingen:detail", ok("ouder", "leerling", "ib", "directeur"), args=lambda o: [o.kind_a.pk]),
    Rij("leerlingen:inzage", ok("ouder", "leerling"), args=lambda o: [o.kind_a.pk]),
    Rij("leerlingen:uitnodigen", ok("ouder"), args=lambda o: [o.kind_a.pk]),
    # issue #17 §1: school staff of the pupil's school record a representative; the pupil (18+) sets the parents'
    # reading on their own page (a younger pupil is told it is not theirs yet: the redirect carries the message)
    Rij("leerlingen:vertegenwoordiging_nieuw", ok("ib", "directeur"), args=lambda o: [o.kind_a.pk]),
    Rij("leerlingen:vertegenwoordiging_beeindig", ok("ib", "directeur", code=302), methode="POST",
        args=lambda o: [o.kind_a.pk, o.vertegenwoordiging.pk], data={"tot": "2026-12-31"}),
    Rij("leerlingen:inzage_ouder", ok("leerling", code=302), methode="POST", args=lambda o: [o.kind_a.pk],
        data={"ouder": "0", "toestaan": "1"}),
    Rij("leerlingen:uitnodiging", INGELOGD_200, args=lambda o: ["token"]),
    # the school confirms after re-authentication: the reauth page first
    Rij("leerlingen:uitnodiging_bevestig", ok("ib", "directeur", code=302), args=lambda o: [o.uitnodiging.pk]),
    # groups and substitutes: the school's IB'er and directeur (the groups are made in rows_ondersteuning.objecten,
    # beside the sheets their teachers read)
    Rij("leerlingen:groepen", ok("ib", "directeur", "ib_ander")),
    Rij("leerlingen:groep", ok("ib", "directeur"), args=lambda o: [o.groep.pk]),
    Rij("leerlingen:invaller", ok("ib", "directeur"), args=lambda o: [o.groep.pk], methode="POST"),
    Rij("leerlingen:invaller_intrekken", ok("ib", "directeur", code=302), args=lambda o: [o.invalbeurt_d.pk],
        methode="POST"),
    Rij("audit:lijst", ok("beheerder")),
    Rij("termijnen:mijn", ok(*STAF)),
    Rij("termijnen:rekenhulp", ok(*STAF)),
    Rij("termijnen:regels", ok(*STAF)),
    Rij("meldingen:inbox", INGELOGD_200),
    Rij("meldingen:openen", ok("ib", code=302), args=lambda o: [o.melding.pk], methode="POST"),
    Rij("zaken:verzoek", ok("ouder"), args=lambda o: [o.verzoek.pk]),
    Rij("zaken:toestemmingen", ok("ouder", "ander_ouder", "leerling")),  # each sees their own
    Rij("zaken:toestemming", ok("ouder", "leerling", code=302), args=lambda o: [o.toestemming.pk], methode="POST",
        data={"keuze": "gegeven"}),
    Rij("zaken:ondertekenen", ok("directeur", "bestuurder", code=302), args=lambda o: [o.besluit.pk]),
    Rij("zaken:tijdlijn", ok("ouder", "leerling", "ib", "directeur"), args=lambda o: [o.kind_a.pk]),
    # the shared document: also the school asked to admit the child (school B) sees it
    Rij("documenten:document", ok("ouder", "ib", "directeur", "ib_ander"), args=lambda o: [o.document.pk]),
    Rij("documenten:brief", ok("ouder", "ib", "directeur"), args=lambda o: [o.brief.pk]),
    Rij("zaken:leerplicht", ok("leerplicht")),  # the officer of the pupil's home municipality
    Rij("zaken:leerplicht_gemeld", ok("ib", "directeur", code=302), args=lambda o: [o.leerplichtmelding.pk],
        methode="POST"),
    Rij("organisaties:mandaten", ok("bestuurder")),
    Rij("organisaties:mandaat_nieuw", ok("bestuurder", code=302)),  # re-authentication first
    Rij("organisaties:mandaat_intrekken", ok("bestuurder", code=302), args=lambda o: [o.mandaat.pk], methode="POST"),
    Rij("set_language", ok(*PERSONAS, code=302)),
    Rij("core:taal", ok(*PERSONAS, code=302), methode="POST", data={"taal": "nl"}),  # everyone may switch
]
