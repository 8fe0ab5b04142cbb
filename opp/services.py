"""Every write of the OPP (so far: the case and its clock at enrolment, and its documents)."""

from django.db import transaction
from django.utils.translation import gettext_noop as N_

from portal.documenten.services import document_bewaar
from portal.meldingen.ontvangers import leden
from portal.meldingen.services import melding_stuur
from portal.termijnen.services import clock_start
from portal.zaken.services import zaak_open

from .constants import SOORTEN_MET_OPP
from .models import Ontwikkelingsperspectief


def opp_nodig(school, extra_ondersteuning: bool) -> str | None:
    """B-1: the reason this pupil needs an OPP at this school, or None."""
    if school.soort in SOORTEN_MET_OPP:
        return "soort_onderwijs"
    return "extra_ondersteuning" if extra_ondersteuning else None


@transaction.atomic
def opp_start_bij_inschrijving(inschrijving, door, op, extra_ondersteuning: bool) -> Ontwikkelingsperspectief | None:
    """B-2: a pupil who needs an OPP gets one, with its 6-week term from the enrolment day — or, after a
    tijdelijke inschrijving, from the day of the definitive placement (``op``). Once per enrolment."""
    reden = opp_nodig(inschrijving.school, extra_ondersteuning)
    if reden is None:
        return None
    bestaand = Ontwikkelingsperspectief.objects.filter(leerling=inschrijving.leerling, school=inschrijving.school).open()
    if bestaand.exists():
        return None
    opp = zaak_open(zaak=Ontwikkelingsperspectief(leerling=inschrijving.leerling, school=inschrijving.school,
                                                  inschrijving=inschrijving, reden=reden), door=door, systeem=door is None)
    b2 = clock_start(regel_id="B-2", zaak=opp, start=op, actor=door, systeem=door is None)
    melding_stuur(ontvangers=leden("ib", school=inschrijving.school), sleutel=f"opp:{opp.pk}:nieuw",
                  titel=N_("Ontwikkelingsperspectief opstellen"),
                  tekst=N_("Voor %(zaak)s moet het ontwikkelingsperspectief uiterlijk %(datum)s zijn vastgesteld."),
                  gegevens={"zaak": opp.nummer, "datum": b2.uiterlijk}, url=opp.get_absolute_url())
    return opp


@transaction.atomic
def opp_document_voeg_toe(*, opp: Ontwikkelingsperspectief, bestand, door):
    return document_bewaar(zaak=opp, bestand=bestand, door=door)
