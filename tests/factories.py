import datetime as dt

import factory
from django.utils import timezone
from faker import Faker

from portal.accounts.constants import Rol
from portal.accounts.models import Membership, User
from portal.leerlingen.models import Gezag, Inschrijving, Leerling
from portal.organisaties.models import Bestuur, Mandaat, Samenwerkingsverband, School

PASSWORD = "Een-Goed-Wachtwoord-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.nl")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email_geverifieerd_op = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_pw(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SWVFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Samenwerkingsverband

    naam = factory.Sequence(lambda n: f"SWV Test {n}")
    code = factory.Sequence(lambda n: f"PO {n:02d}-01")
    sector = "po"
    regio = "Testregio"


class BestuurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bestuur

    naam = factory.Sequence(lambda n: f"Stichting Test {n}")
    adres = "Postbus 1, 1234 AB Teststad"
    bezwaar_adres = factory.LazyAttribute(lambda o: f"{o.naam}, t.a.v. bezwaren, Postbus 1, 1234 AB Teststad")


_brin_letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"School {n}")
    brin = factory.Sequence(lambda n: f"{n % 100:02d}{_brin_letters[(n // 100) % 26]}{_brin_letters[n % 26]}")
    vestigingsnummer = "00"
    bestuur = factory.SubFactory(BestuurFactory)
    soort = "bao"
    plaats = "Teststad"

    @factory.post_generation
    def swvs(obj, create, extracted, **kwargs):
        if create:
            obj.samenwerkingsverbanden.add(*(extracted or [SWVFactory()]))


_NL = Faker("nl_NL")


def _zonder_apostrof(soort: str):
    """A Dutch name without an apostrophe: pages escape "van 't Hof" as "van &#x27;t Hof", and tests look for a pupil's
    name in a page's text (names with apostrophes and worse have tests of their own: the form's hostile-input tests)."""
    def maak(_obj):
        while "'" in (naam := getattr(_NL, soort)()):
            pass
        return naam
    return factory.LazyAttribute(maak)


class LeerlingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leerling

    voornamen = _zonder_apostrof("first_name")
    achternaam = _zonder_apostrof("last_name")
    geboortedatum = dt.date(2018, 5, 17)


class InschrijvingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inschrijving

    leerling = factory.SubFactory(LeerlingFactory)
    school = factory.SubFactory(SchoolFactory)
    van = dt.date(2024, 8, 20)


def member(rol, *, school=None, swv=None, bestuur=None, gemeente=None, organisatie_naam="", **kw) -> User:
    user = UserFactory(**kw)
    Membership.objects.create(user=user, rol=rol, school=school, swv=swv, bestuur=bestuur, gemeente=gemeente,
                              organisatie_naam=organisatie_naam)
    return user


def mandaat(user, gezag, besluittypen=(), *, van=dt.date(2020, 1, 1), tot=None, functie="directeur") -> Mandaat:
    """A mandate to sign decisions for ``gezag`` (a Bestuur or an SWV)."""
    veld = "bestuur" if isinstance(gezag, Bestuur) else "swv"
    return Mandaat.objects.create(user=user, functie=functie, besluittypen=list(besluittypen), van=van, tot=tot,
                                  **{veld: gezag})


def ouder_van(*leerlingen, **kw) -> User:
    user = member(Rol.OUDER, **kw)
    for lln in leerlingen:
        Gezag.objects.create(leerling=lln, ouder=user)
    return user


def zaak_voor(leerling, school, **kw):
    """A case of the core to hang clocks on in engine tests: an OPP (a real case kind)."""
    from opp.models import Ontwikkelingsperspectief

    return Ontwikkelingsperspectief.objects.create(leerling=leerling, school=school, reden="soort_onderwijs", **kw)


def aanbod_voor(zaak, door, *, uren="2", omschrijving="Remedial teaching"):
    """The school's offer for a case (e.g. an aanmelding 'toegelaten met extra ondersteuning'): an arrangement with
    one part, offered to the parents."""
    from decimal import Decimal

    from ondersteuning import services as o

    a = o.arrangement_open(leerling=zaak.leerling, school=zaak.school, door=door, aanbod_soort="eigen_school",
                           doel="Lezen op niveau", startdatum=dt.date(2026, 8, 24), hoofdzaak=zaak)
    o.onderdeel_bewaar(arrangement=a, door=door, soort="onderwijsondersteuning", aanbieder="school",
                       omschrijving=omschrijving, start=dt.date(2026, 8, 24), financier="school",
                       uren_per_week=Decimal(uren))
    return o.arrangement_bied_aan(arrangement=a, door=door)


def echte_pdf() -> bytes:
    """A small but real PDF (one blank page): uploads are checked by parsing, not by magic bytes."""
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


PDF = echte_pdf()
