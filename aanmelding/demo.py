"""The aanmelding's demo data (``manage.py demo`` through ``portal.basis.registry.register_demo``)."""

import random
from datetime import timedelta

from django.utils import timezone

# The history (issue #20 §7): aanmeldingen decided over the last six quarters at the po SWV's schools, so its
# monitoring page shows the share decided on time as a trend. Per quarter, a few per school.
HISTORIE_SCHOLEN = ("regenboog", "palet", "wegwijzer", "zonnehoek")
HISTORIE_PER_KWARTAAL = 6
HISTORIE_BASIS = 0  # the history pupils' numbers of this app (portal.core demo.historie_leerling)


def demo(ctx):
    """One running aanmelding, so the IB'er's inbox and the parent's tracker show something; and the history."""
    from .models import Aanmelding
    from .services import aanmelding_dien_in

    noor = ctx.leerlingen["Noor"]
    if not Aanmelding.objects.filter(leerling=noor).exists():
        aanmelding_dien_in(
            ouder=ctx.users["ouder@demo.nl"], school=ctx.scholen["regenboog"],
            gewenste_start=ctx.today + timedelta(weeks=12), ondersteuning="waarschijnlijk",
            wat_belangrijk="Een rustige start; Noor is snel overprikkeld.", gezag_verklaard=True, voorkeur_positie=1,
            andere_scholen=[], leerling=noor, nu=timezone.now() - timedelta(days=10))
    historie(ctx)


def historie(ctx):
    """Decided aanmeldingen of the last six quarters, each with its decision made known and its terms A-6 and A-9
    closed on that day (on time or late, computed from their own due dates), the admitted pupils enrolled. Written as
    the services leave them, with the dates of then; idempotent (a history pupil with an aanmelding is skipped)."""
    from portal.core.management.commands.demo import historie as plan
    from portal.core.management.commands.demo import historie_klok, historie_leerling, historie_start, moment
    from portal.leerlingen.models import Inschrijving
    from portal.zaken.models import Besluit, Gebeurtenis

    from .constants import BesluitSoort, Status, WeigerGrond
    from .models import Aanmelding

    rnd = random.Random("demo-aanmelding-historie")
    tekenaar = ctx.users.get("directeur@demo.nl")
    for h in plan(ctx.today, sleutel="aanmelding", per_kwartaal=HISTORIE_PER_KWARTAAL, basis=HISTORIE_BASIS):
        school = ctx.scholen[HISTORIE_SCHOLEN[h.nummer % len(HISTORIE_SCHOLEN)]]
        kind = historie_leerling(h.nummer, geboren=h.gesloten_op.replace(year=h.gesloten_op.year - 4 - h.nummer % 8)
                                 - timedelta(days=h.nummer * 11), gemeente=ctx.gemeente)
        if Aanmelding.objects.filter(leerling=kind).exists():
            continue
        ontvangen = historie_start("A-6", h.gesloten_op, h.op_tijd, rnd=rnd)
        uitkomst = rnd.choice([BesluitSoort.TOEGELATEN] * 5 + [BesluitSoort.TOEGELATEN_ONDERSTEUNING] * 2
                              + [BesluitSoort.NIET_TOEGELATEN])
        a = Aanmelding.objects.create(
            leerling=kind, school=school, status=Status.BESLOTEN, geopend_op=moment(ontvangen, 9),
            afgesloten_op=moment(h.gesloten_op, 15), ontvangen_op=moment(ontvangen, 9), ontvangen_datum=ontvangen,
            gewenste_start=h.gesloten_op + timedelta(days=rnd.randint(14, 60)), gezag_verklaard=True,
            voorkeur_positie=1, ondersteuning="ja" if uitkomst == BesluitSoort.TOEGELATEN_ONDERSTEUNING else "nee",
            besluit_grond=WeigerGrond.PLAATSGEBREK if uitkomst == BesluitSoort.NIET_TOEGELATEN else "")
        Besluit.objects.create(
            zaak=a, besluittype="aanmelding", uitkomst=uitkomst, voorbereid_op=moment(h.gesloten_op, 9),
            motivering="De school heeft onderzocht wat het kind nodig heeft en kan dat bieden."
            if uitkomst != BesluitSoort.NIET_TOEGELATEN else "De groep is vol; er is geen plaats (A-11).",
            ondertekend_door=tekenaar, ondertekend_op=moment(h.gesloten_op, 12),
            ondertekenaar_functie="directeur", bekendmaking="digitaal", bekendgemaakt_op=h.gesloten_op)
        for regel in ("A-6", "A-9"):  # the decision closes both (aanmelding.services.na_bekendmaking)
            historie_klok(zaak=a, regel_id=regel, start=ontvangen, gesloten_op=h.gesloten_op)
        Gebeurtenis.objects.bulk_create([
            Gebeurtenis(zaak=a, soort="geopend", op=moment(ontvangen, 9), gegevens={"status": Status.ONTVANGEN}),
            Gebeurtenis(zaak=a, soort="status", op=moment(h.gesloten_op, 12),
                        gegevens={"van": Status.IN_ONDERZOEK, "naar": Status.BESLOTEN}),
        ])
        if uitkomst != BesluitSoort.NIET_TOEGELATEN:
            Inschrijving.objects.create(leerling=kind, school=school, van=a.gewenste_start, soort="definitief")
