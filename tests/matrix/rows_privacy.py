"""Rows for the AVG pages (issue #19, portal.privacy): the family's page, the copy (only its requester), the request
for correction or erasure (the family and the school it is addressed to), the organisations' list, the beheerder's
retention page."""

from . import Rij, ok


def objecten(w):
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from portal.privacy.models import InzageExport, InzageStatus
    from portal.privacy.services import rechtenverzoek_dien_in

    w.inzage = InzageExport(leerling=w.kind_a, aangevraagd_door=w.ouder, status=InzageStatus.KLAAR,
                            klaar_op=timezone.now(), verloopt_op=timezone.now() + timedelta(days=7))
    w.inzage.bestand.save("inzage.zip", ContentFile(b"PK"), save=False)
    w.inzage.save()
    w.avg_verzoek = rechtenverzoek_dien_in(leerling=w.kind_a, door=w.ouder, aan=f"school:{w.school_a.pk}",
                                           soort="rectificatie", wat="De geboortedatum", waarom="Die klopt niet.")


ROWS = [
    # only whoever acts for the pupil (here the parent with gezag of a minor); not the minor's own account, not staff
    Rij("privacy:leerling", ok("ouder"), args=lambda o: [o.kind_a.pk]),
    Rij("privacy:inzage_nieuw", ok("ouder", code=302), methode="POST", args=lambda o: [o.kind_a.pk]),
    Rij("privacy:verzoek_nieuw", ok("ouder"), args=lambda o: [o.kind_a.pk]),
    # the copy: only the one who asked for it
    Rij("privacy:inzage", ok("ouder"), args=lambda o: [o.inzage.pk]),
    Rij("privacy:inzage_bestand", ok("ouder"), args=lambda o: [o.inzage.pk]),
    # the request: the family and the school it is addressed to (the IB'er and directeur)
    Rij("privacy:verzoek", ok("ouder", "ib", "directeur"), args=lambda o: [o.avg_verzoek.pk]),
    Rij("privacy:verzoek_intrekken", ok("ouder", code=302), methode="POST", args=lambda o: [o.avg_verzoek.pk]),
    # answering: the school; an empty form comes back at its fields (200)
    Rij("privacy:verzoek_actie", ok("ib", "directeur"), methode="POST", args=lambda o: [o.avg_verzoek.pk, "beantwoorden"]),
    Rij("privacy:verzoeken", ok("ib", "directeur", "ib_ander", "swv")),
    Rij("privacy:bewaartermijnen", ok("beheerder")),
]
