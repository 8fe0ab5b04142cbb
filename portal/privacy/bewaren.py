"""Retention of the pupil file (DOMAIN §4 G-2; C-7 for the TLV's health data).

The rules, from the day the pupil **left** (the last enrolment's end, or — never enrolled — the day the last case
closed):

* **G-2** (2 years): the pupil file goes. What must stay for the counts (how many cases of which kind, status and
  school, in which year; decisions' outcomes and dates; clocks' dates) is kept, **anonymised**: the pupil's name, BSN
  and day of birth (the year stays), every free text of every case and of the rows that hang from it, the timeline,
  the documents and letters (files and rows), consents, gezag, representatives, shares, group memberships and the
  inzage copies are deleted. G-2c (3 years for data on a referral to special education) is honoured by waiting until
  three years after the last TLV case closed when the pupil had one.
* **G-2b** (5 years): the enrolment data (and the reports to leerplicht about them) are deleted.
* **C-7** (3 years after the TLV decision) is the TLV's own: its worker deletes the health data on the C-7 clock. This
  page lists those that are due, and G-2 waits while a C-7 clock runs.

Conservative: a pupil is not touched while any of their cases is open (a running aanmelding, a bezwaar, a geschil, any
proceedings), while any clock of their cases runs (C-7 included), or while a decision with an end date is still in
force (a TLV). A pupil enrolled today is never a candidate.

The audit row of a deletion names the rule, the date and the counts — never the deleted data. The audit rows about the
pupil keep their moments and kinds, but their recorded old and new values are emptied: they could hold what was
deleted.
"""

from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from portal.audit.models import Actie, AuditEntry
from portal.audit.services import audit_log
from portal.termijnen import dates

from .models import Bewaaractie, InzageExport

DOSSIER_JAREN, INSCHRIJVING_JAREN, VERWIJZING_JAREN = 2, 5, 3  # G-2, G-2b, G-2c
VERWIJZING_SOORTEN = ("tlv",)  # case kinds that are a referral to special education (G-2c)
# Fields of a case row that carry no personal data and that the counts need.
BEWAREN = {"zaaktype", "status", "besluittype", "uitkomst", "regel_id", "soort", "mime", "sleutel", "rol", "taal"}


@dataclass
class Voorstel:
    leerling_id: int
    regel_id: str
    wat: str
    vanaf: date
    reden: str
    blokkade: str = ""
    aantallen: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"Leerling #{self.leerling_id}"


def _vertrek(leerling, vandaag: date) -> date | None:
    """The day the pupil left: None while enrolled."""
    tot = [i.tot for i in leerling.inschrijvingen.all()]
    if any(t is None or t >= vandaag for t in tot):
        return None
    kandidaten = [t for t in tot if t] + [z.afgesloten_op.date() for z in leerling.zaken.all() if z.afgesloten_op]
    return max(kandidaten) if kandidaten else leerling.aangemaakt_op.date()


def _blokkade(leerling, vandaag: date) -> str:
    from portal.termijnen.models import Clock
    from portal.zaken.models import Besluit

    zaak_ids = [z.pk for z in leerling.zaken.all()]
    if any(z.afgesloten_op is None for z in leerling.zaken.all()):
        return "Er loopt nog een zaak."
    if Clock.objects.filter(zaak_id__in=zaak_ids, gesloten_op__isnull=True).exists():
        return "Er loopt nog een termijn (bijvoorbeeld C-7)."
    if Besluit.objects.filter(zaak_id__in=zaak_ids, vervallen_op__isnull=True, geldig_tot__gte=vandaag).exists():
        return "Er geldt nog een besluit."
    return ""


def overzicht(vandaag: date | None = None) -> list[Voorstel]:
    """What the run would do today (nothing changes): one row per pupil and rule that is due, with a blocking reason
    when it must wait."""
    from portal.leerlingen.models import Leerling

    vandaag = vandaag or timezone.localdate()
    gedaan = {(b.leerling_id, b.regel_id) for b in Bewaaractie.objects.all()}
    ingeschreven = Q(inschrijvingen__tot__isnull=True) | Q(inschrijvingen__tot__gte=vandaag)
    kandidaten = (Leerling.objects.exclude(pk__in=Leerling.objects.filter(ingeschreven).values("pk"))
                  .prefetch_related("inschrijvingen", "zaken").order_by("pk"))
    uit = []
    for leerling in kandidaten:
        vertrek = _vertrek(leerling, vandaag)
        if vertrek is None:
            continue
        g2 = dates.plus_jaren(vertrek, DOSSIER_JAREN)
        reden = f"Vertrokken op {vertrek:%d-%m-%Y}; leerlingdossier 2 jaar (G-2)"
        verwijzing = [z.afgesloten_op.date() for z in leerling.zaken.all()
                      if z.zaaktype in VERWIJZING_SOORTEN and z.afgesloten_op]
        if verwijzing and dates.plus_jaren(max(verwijzing), VERWIJZING_JAREN) > g2:
            g2 = dates.plus_jaren(max(verwijzing), VERWIJZING_JAREN)
            reden += "; verwijzing speciaal onderwijs 3 jaar (G-2c)"
        g2b = dates.plus_jaren(vertrek, INSCHRIJVING_JAREN)
        blokkade = None
        if g2 <= vandaag and (leerling.pk, "G-2") not in gedaan:
            blokkade = _blokkade(leerling, vandaag)
            uit.append(Voorstel(leerling.pk, "G-2", "Dossier anonimiseren: namen, BSN, teksten, documenten en brieven "
                                "verwijderen; aantallen blijven", g2, reden, blokkade))
        if g2b <= vandaag and (leerling.pk, "G-2b") not in gedaan and leerling.inschrijvingen.all():
            blokkade = _blokkade(leerling, vandaag) if blokkade is None else blokkade
            uit.append(Voorstel(leerling.pk, "G-2b", "Inschrijvingen en meldingen aan leerplicht verwijderen", g2b,
                                f"Vertrokken op {vertrek:%d-%m-%Y}; inschrijvingsgegevens 5 jaar (G-2b)", blokkade))
    return uit


def c7_overzicht(vandaag: date | None = None) -> list:
    """The TLV's health data due for deletion (C-7): its own worker deletes them; listed for the beheerder."""
    from portal.termijnen.models import Clock

    vandaag = vandaag or timezone.localdate()
    return list(Clock.objects.open().filter(regel_id="C-7", uiterlijk__lte=vandaag).order_by("uiterlijk", "pk"))


# --- the real run -----------------------------------------------------------------------------------------------

def _leeg(obj, overslaan: set[str], aantallen: dict) -> None:
    """Empty the free text and files of one row (its own fields, not ``overslaan``); counts what it did."""
    gewijzigd = []
    for veld in obj._meta.concrete_fields:
        if veld.name in overslaan or veld.name in BEWAREN or veld.primary_key or veld.choices or veld.is_relation:
            continue
        if isinstance(veld, models.FileField):
            bestand = getattr(obj, veld.attname)
            if bestand:
                bestand.delete(save=False)
                aantallen["bestanden"] = aantallen.get("bestanden", 0) + 1
                setattr(obj, veld.attname, "")
                gewijzigd.append(veld.attname)
        elif isinstance(veld, models.CharField | models.TextField):
            if getattr(obj, veld.attname):
                setattr(obj, veld.attname, "")
                gewijzigd.append(veld.attname)
        elif isinstance(veld, models.JSONField):
            setattr(obj, veld.attname, veld.get_default())
            gewijzigd.append(veld.attname)
    if gewijzigd:
        type(obj).objects.filter(pk=obj.pk).update(**{f: getattr(obj, f) for f in gewijzigd})
        aantallen["teksten"] = aantallen.get("teksten", 0) + 1


def _leeg_boom(obj, overslaan: set[str], aantallen: dict, diepte: int = 0) -> None:
    """A row and the other apps' rows that point at it (as the export walks them)."""
    from .export import KERN_APPS, MAX_DIEPTE

    _leeg(obj, overslaan, aantallen)
    if diepte >= MAX_DIEPTE:
        return
    for rel in obj._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label in KERN_APPS or rel.many_to_many or issubclass(model, apps.get_model("zaken", "Zaak")):
            continue
        for r in model._default_manager.filter(**{rel.field.name: obj.pk}):
            _leeg_boom(r, set(), aantallen, diepte + 1)


def _verwijder_bestanden(qs, veld: str, aantallen: dict, sleutel: str) -> None:
    for obj in qs:
        f = getattr(obj, veld)
        if f:
            f.delete(save=False)
    aantallen[sleutel] = aantallen.get(sleutel, 0) + qs.count()
    qs.delete()


def _anonimiseer(leerling, aantallen: dict) -> None:
    from portal.documenten.models import Brief, Document
    from portal.zaken.models import Besluit, Deling, Gebeurtenis, Verzoek, Zaak

    zaak_ids = list(Zaak.objects.filter(leerling=leerling).values_list("pk", flat=True))
    _verwijder_bestanden(Document.objects.filter(zaak_id__in=zaak_ids), "bestand", aantallen, "documenten")
    _verwijder_bestanden(Brief.objects.filter(zaak_id__in=zaak_ids), "bestand", aantallen, "brieven")
    aantallen["tijdlijn"] = Gebeurtenis.objects.filter(zaak_id__in=zaak_ids).delete()[0]
    Verzoek.objects.filter(zaak_id__in=zaak_ids).update(omschrijving="", antwoord="", document=None, toestemming=None)
    Besluit.objects.filter(zaak_id__in=zaak_ids).update(motivering="", ondertekenaar_functie="")
    Deling.objects.filter(zaak_id__in=zaak_ids).delete()
    basis = {f.name for f in Zaak._meta.concrete_fields}
    for zaak in Zaak.objects.filter(pk__in=zaak_ids):
        _leeg_boom(zaak.specifiek, basis, aantallen)
    aantallen["toestemmingen"] = leerling.toestemmingen.all().delete()[0]
    _verwijder_bestanden(leerling.vertegenwoordigingen.all(), "bewijs", aantallen, "vertegenwoordigingen")
    leerling.gezag.all().delete()
    leerling.inzage_ouders.all().delete()
    leerling.uitnodigingen.all().delete()
    leerling.groepen.clear()
    _verwijder_bestanden(InzageExport.objects.filter(leerling=leerling), "bestand", aantallen, "inzages")
    # the other apps' rows about the pupil directly
    for rel in leerling._meta.related_objects:
        model = rel.related_model
        from .export import KERN_APPS

        if model._meta.app_label in KERN_APPS or rel.many_to_many or issubclass(model, Zaak):
            continue
        for r in model._default_manager.filter(**{rel.field.name: leerling.pk}):
            _leeg_boom(r, set(), aantallen, 1)
    leerling.voornamen, leerling.roepnaam, leerling.tussenvoegsel = "Geanonimiseerd", "", ""
    leerling.achternaam, leerling.bsn = f"#{leerling.pk}", ""
    leerling.geboortedatum = date(leerling.geboortedatum.year, 1, 1)  # the year stays for the counts
    account = leerling.account
    leerling.account = None
    leerling.save(update_fields=["voornamen", "roepnaam", "tussenvoegsel", "achternaam", "bsn", "geboortedatum",
                                 "account"])
    if account is not None:
        _account_weg(account, aantallen)
    AuditEntry.objects.filter(leerling=leerling).update(wijzigingen={})


def _account_weg(account, aantallen: dict) -> None:
    """The pupil's own account (B-7) goes with the pupil's data (G-2): no name, no address, no password, no second
    factor, and it can no longer log in (an inactive user has no session: ModelBackend.get_user). The row stays for
    the audit trail's actor column. An account that is more than this pupil's — a membership of another role, a
    parent's gezag, another pupil's account — only loses the link."""
    from django.contrib.auth.hashers import make_password
    from django_otp import devices_for_user

    from portal.accounts.constants import Rol
    from portal.accounts.models import User
    from portal.leerlingen.models import Gezag, Leerling

    if (account.memberships.exclude(rol=Rol.LEERLING).exists() or Gezag.objects.filter(ouder=account).exists()
            or Leerling.objects.filter(account=account).exists()):
        return
    for device in devices_for_user(account, confirmed=None):
        device.delete()
    account.memberships.all().delete()
    User.objects.filter(pk=account.pk).update(
        first_name="", last_name="", email=f"geanonimiseerd-{account.pk}@invalid", is_active=False,
        password=make_password(None), email_geverifieerd_op=None)
    aantallen["accounts"] = aantallen.get("accounts", 0) + 1


def _inschrijvingen_weg(leerling, aantallen: dict) -> None:
    aantallen["inschrijvingen"] = leerling.inschrijvingen.count()
    leerling.inschrijvingen.all().delete()  # the reports to leerplicht about them go with them (CASCADE)


def bewaartermijnen_uitvoeren(*, door, vandaag: date | None = None) -> list[Voorstel]:
    """Do what ``overzicht`` lists and is not blocked: each pupil and rule in its own transaction, audited (rule,
    date and counts; no content). Returns what was done."""
    from portal.leerlingen.models import Leerling

    vandaag = vandaag or timezone.localdate()
    gedaan = []
    for v in overzicht(vandaag):
        if v.blokkade:
            continue
        with transaction.atomic():
            leerling = Leerling.objects.select_for_update().get(pk=v.leerling_id)
            if _blokkade(leerling, vandaag) or Bewaaractie.objects.filter(leerling=leerling, regel_id=v.regel_id).exists():
                continue  # something started in the meantime, or another run did it
            aantallen: dict = {}
            if v.regel_id == "G-2":
                _anonimiseer(leerling, aantallen)
            else:
                _inschrijvingen_weg(leerling, aantallen)
            actie = Bewaaractie.objects.create(leerling=leerling, regel_id=v.regel_id, vanaf=v.vanaf,
                                               door=door if door is not None and door.is_authenticated else None,
                                               aantallen=aantallen)
            audit_log(actor=door, systeem=door is None, actie=Actie.VERWIJDERD, obj=actie, leerling=leerling,
                      label=f"Leerling #{leerling.pk}",
                      omschrijving=f"Bewaartermijn {v.regel_id} verstreken op {v.vanaf:%d-%m-%Y}: {v.wat}. "
                                   + ", ".join(f"{k}: {n}" for k, n in sorted(aantallen.items())))
            v.aantallen = aantallen
            gedaan.append(v)
    return gedaan


__all__ = ["Voorstel", "overzicht", "c7_overzicht", "bewaartermijnen_uitvoeren"]
