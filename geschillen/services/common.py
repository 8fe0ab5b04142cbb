"""Helpers every service of this app shares: the error type, its own checks, notifications, letters."""

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.constants import Rol
from portal.documenten.services import brief_maak, document_bewaar
from portal.meldingen.ontvangers import leden, ouders
from portal.meldingen.services import melding_stuur
from portal.organisaties.wetgeving import verwijzingen
from portal.termijnen.services import clock_close
from portal.zaken import hoorrecht
from portal.zaken.services import ZaakFout


class GeschilFout(ZaakFout):
    """A request that cannot be granted; the message is Dutch and shown as it is — at the form field ``veld`` when
    the service knows which input it is about (``ZaakFout``'s; the page kit puts it there). Transitions raise the
    core's ``ZaakFout`` itself (``zaak_transition`` is called directly)."""


def eis_ouder(user, leerling, onderwerp: str = hoorrecht.ONDERWERP_ALGEMEEN) -> None:
    """Acts for the pupil (``hoorrecht.handelt_voor``): a parent with gezag over a minor, the adult pupil, or their
    curator — and, where the contested case is a matter of care and begeleiding (a bezwaar against a TLV decision),
    their mentor (issue #17 §1, BW 1:453)."""
    if not hoorrecht.handelt_voor(user, leerling, onderwerp=onderwerp):
        raise GeschilFout(_("Alleen wie voor de leerling optreedt kan dit doen: een ouder met gezag, of vanaf 18 jaar de "
                          "leerling zelf of diens curator."))


def eis_school(user, zaak) -> None:
    """The IB'er or directeur of the case's school, or a member of its board."""
    if not zaak.school_id:
        raise GeschilFout(_("U mag dit in deze zaak niet doen."))
    if zaak.school_id in user.school_ids(Rol.IB, Rol.DIRECTEUR) or zaak.school.bestuur_id in user.bestuur_ids():
        return
    raise GeschilFout(_("Alleen de school of het schoolbestuur kan dit vastleggen."))


def tekst_nodig(waarde: str, melding: str, *, veld: str | None = None) -> str:
    if not (waarde or "").strip():
        raise GeschilFout(melding, veld=veld)
    return waarde.strip()


def meld_ouders(zaak, sleutel: str, titel: str, tekst: str, **gegevens) -> None:
    """Parents: plain words, no rule ids, no support details (the case number and dates)."""
    melding_stuur(ontvangers=ouders(zaak.leerling, hoorrecht.onderwerp_van(zaak)), sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": zaak.nummer, **gegevens}, url=zaak.get_absolute_url("ouder"))


def meld_school(zaak, sleutel: str, titel: str, tekst: str, *, bestuur: bool = True, **gegevens) -> None:
    """The IB'ers and directeur of the case's school, and (``bestuur``) the members of its board."""
    ontvangers = leden(Rol.IB, Rol.DIRECTEUR, school=zaak.school) if zaak.school_id else []
    if bestuur and zaak.school_id:
        ontvangers += leden(Rol.BESTUURDER, bestuur=zaak.school.bestuur)
    melding_stuur(ontvangers=ontvangers, sleutel=sleutel, titel=titel, tekst=tekst,
                  gegevens={"zaak": zaak.nummer, **gegevens}, url=zaak.get_absolute_url())


def brief(zaak, soort: str, gegevens: dict, *, school=None, besluit=None):
    """A letter of this case with the articles of the school it is about frozen in."""
    school = school or zaak.school
    basis = verwijzingen(school) if school is not None else {}
    return brief_maak(zaak=zaak, soort=soort, besluit=besluit, gegevens=basis | gegevens)


def bewaar_documenten(zaak, bestanden, door, *, soort: str = "") -> list:
    return [document_bewaar(zaak=zaak, bestand=b, door=door, soort=soort) for b in bestanden or [] if b]


def sluit_klokken(zaak, door, *, op=None, vervallen: bool = False, regels=None) -> None:
    """Close the open clocks of a case (``regels``: only these rule ids)."""
    op = op or timezone.localdate()
    for regel_id, clock in zaak.klokken.items():
        if clock.gesloten_op or (regels is not None and regel_id not in regels):
            continue
        clock_close(clock=clock, op=op, actor=door, vervallen=vervallen)


def laat_besluit_vervallen(zaak, besluittype: str, *, door) -> None:
    """A prepared decision that will not be signed any more (the case was withdrawn or given up): through the core's
    ``besluit_vervalt``, so it is audited and leaves the signers' list like any other lapsed decision."""
    from portal.zaken.models import Besluit
    from portal.zaken.services import besluit_vervalt

    for besluit in Besluit.objects.filter(zaak_id=zaak.pk, besluittype=besluittype, ondertekend_op__isnull=True,
                                          vervallen_op__isnull=True):
        besluit_vervalt(besluit=besluit, door=door, omschrijving="Voorbereid besluit vervallen: de zaak is beëindigd")
