"""The adult pupil and their representative (issue #17 §1; DOMAIN §2, B-4).

From 18 the pupil is the party (BW 1:233, 1:245: gezag ends at 18), unless a court put them under curatele (the
curator acts in every matter, BW 1:378/1:381) or mentorschap (the mentor acts in matters of care and begeleiding,
BW 1:453). A bewindvoerder acts only for money (BW 1:431 ff.). The parents of an adult pupil read only with the pupil's
consent, or when the pupil is not handelingsbekwaam (WEC 41 lid 7 keeps their inzage).
"""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.accounts.models import Membership
from portal.leerlingen.models import InzageOuder, Vertegenwoordiging
from portal.zaken import hoorrecht
from portal.zaken.models import Zaak
from portal.zaken.services import bekendmaking_digitaal_mogelijk, relaties

from .conftest import login_staff
from .factories import InschrijvingFactory, LeerlingFactory, SchoolFactory, UserFactory, ouder_van, zaak_voor

VANDAAG = dt.date(2026, 9, 1)


def _leerling_met_account(geboren):
    kind = LeerlingFactory(geboortedatum=geboren)
    kind.account = UserFactory()
    Membership.objects.create(user=kind.account, rol=Rol.LEERLING)
    kind.save(update_fields=["account"])
    return kind


def _vertegenwoordiger(kind, soort, *, van=dt.date(2026, 1, 1), tot=None):
    user = UserFactory()
    Membership.objects.create(user=user, rol=Rol.VERTEGENWOORDIGER)
    Vertegenwoordiging.objects.create(leerling=kind, vertegenwoordiger=user, soort=soort, van=van, tot=tot,
                                      uitspraak="Rechtbank Gelderland, C/05/1")
    return user


# (born, representation, matter) -> who acts: DOMAIN §2 and BW 1:233, 1:381, 1:453, 1:438
WIE_HANDELT = [
    (dt.date(2010, 3, 1), None, "algemeen", "ouders"),  # 16: the parents (BW 1:245)
    (dt.date(2008, 9, 2), None, "begeleiding", "ouders"),  # 18 tomorrow: still the parents today
    (dt.date(2008, 9, 1), None, "begeleiding", "leerling"),  # 18 today: the pupil (BW 1:233)
    (dt.date(2008, 1, 1), None, "algemeen", "leerling"),
    (dt.date(2007, 5, 1), "curator", "begeleiding", "curator"),  # curatele: every matter (BW 1:381)
    (dt.date(2007, 5, 1), "curator", "algemeen", "curator"),
    (dt.date(2007, 5, 1), "mentor", "begeleiding", "mentor"),  # mentorschap: care and begeleiding (BW 1:453)
    (dt.date(2007, 5, 1), "mentor", "algemeen", "leerling"),
    (dt.date(2007, 5, 1), "bewindvoerder", "begeleiding", "leerling"),  # bewind: money only
    (dt.date(2010, 3, 1), "curator", "begeleiding", "ouders"),  # a measure recorded early counts from 18
]


@pytest.mark.django_db
@pytest.mark.parametrize("geboren,soort,onderwerp,verwacht", WIE_HANDELT)
@time_machine.travel(VANDAAG, tick=False)
def test_wie_handelt_per_leeftijd_en_vertegenwoordiging(geboren, soort, onderwerp, verwacht):
    kind = _leerling_met_account(geboren)
    ouder = ouder_van(kind)
    rep = _vertegenwoordiger(kind, soort) if soort else None
    wie = hoorrecht.wie_handelt(kind, onderwerp=onderwerp)
    assert wie.soort == verwacht
    personen = {"ouders": [ouder], "leerling": [kind.account], "curator": [rep], "mentor": [rep]}[verwacht]
    assert wie.personen == personen
    assert hoorrecht.handelt_voor(personen[0], kind, onderwerp=onderwerp)
    # the same answer as a query (used for lists and access)
    assert list(hoorrecht.leerlingen_waarvoor(personen[0], onderwerp=onderwerp)) == [kind]


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_een_beeindigde_curatele_telt_niet_meer():
    kind = _leerling_met_account(dt.date(2007, 5, 1))
    _vertegenwoordiger(kind, "curator", van=dt.date(2025, 6, 1), tot=dt.date(2026, 8, 31))
    assert hoorrecht.wie_handelt(kind).soort == "leerling"
    assert hoorrecht.handelingsbekwaam(kind)


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_ouders_van_een_meerderjarige_lezen_alleen_met_diens_toestemming(world):
    """BW 1:233: gezag ends at 18. The parents see the adult pupil's cases only while the pupil allows it."""
    school = world.school_a
    kind = _leerling_met_account(dt.date(2008, 1, 1))
    InschrijvingFactory(leerling=kind, school=school)
    ouder = ouder_van(kind)
    zaak = zaak_voor(kind, school)
    assert not Zaak.objects.for_user(ouder).filter(pk=zaak.pk).exists()
    assert "ouder" not in relaties(ouder, zaak)
    assert {"leerling", "meerderjarige"} <= relaties(kind.account, zaak)
    assert Zaak.objects.for_user(kind.account).filter(pk=zaak.pk).exists()

    i = InzageOuder.objects.create(leerling=kind, ouder=ouder)
    assert Zaak.objects.for_user(ouder).filter(pk=zaak.pk).exists()
    assert relaties(ouder, zaak) & set(hoorrecht.HANDELT) == set()  # reads, never acts
    assert "ouder_inzage" in relaties(ouder, zaak)
    i.ingetrokken_op = dt.datetime(2026, 9, 1, 12, tzinfo=dt.UTC)
    i.save()
    assert not Zaak.objects.for_user(ouder).filter(pk=zaak.pk).exists()


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_curatele_de_curator_handelt_de_ouders_lezen_mee(world):
    """Curatele: the pupil is not handelingsbekwaam (BW 1:381); the curator acts; the parents keep reading
    (WEC 41 lid 7: inzage for the parents of a pupil who is not handelingsbekwaam); the pupil still reads and is heard."""
    kind = _leerling_met_account(dt.date(2007, 3, 1))
    InschrijvingFactory(leerling=kind, school=world.school_a)
    ouder = ouder_van(kind)
    curator = _vertegenwoordiger(kind, "curator")
    zaak = zaak_voor(kind, world.school_a)
    assert "vertegenwoordiger" in relaties(curator, zaak)
    assert relaties(kind.account, zaak) == {"leerling"}  # heard, does not act
    assert relaties(ouder, zaak) == {"ouder_inzage"}
    for user in (curator, kind.account, ouder):
        assert Zaak.objects.for_user(user).filter(pk=zaak.pk).exists()
    assert not hoorrecht.handelingsbekwaam(kind)


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_bekendmaking_en_brief_gaan_naar_wie_handelt(world):
    """Awb 3:41 (made known to the belanghebbenden) and 2:8 (electronically only to whom chose it): a decision for a
    pupil born 1 January 2008 is made known to the pupil on 1 September 2026, not to the parents."""
    from portal.documenten.services import geadresseerden

    kind = _leerling_met_account(dt.date(2008, 1, 1))
    ouder_van(kind)  # the parents chose paper: it does not matter any more
    zaak = zaak_voor(kind, world.school_a)
    kind.account.brieven_digitaal = True
    kind.account.save()
    assert bekendmaking_digitaal_mogelijk(zaak)
    aan = geadresseerden(zaak)
    assert aan == {"aan": [kind.account.get_full_name()], "aan_soort": "leerling"}
    kind.account.brieven_digitaal = False
    kind.account.save()
    assert not bekendmaking_digitaal_mogelijk(zaak)

    curator = _vertegenwoordiger(kind, "curator")
    curator.brieven_digitaal = True
    curator.save()
    zaak = Zaak.objects.get(pk=zaak.pk).specifiek
    assert bekendmaking_digitaal_mogelijk(zaak)
    assert geadresseerden(zaak) == {"aan": [curator.get_full_name()], "aan_soort": "curator"}


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_de_meerderjarige_dient_zelf_een_klacht_in_de_ouder_niet(world, client):
    """Klacht (D-5), and the same guard for bezwaar and geschil: from 18 the pupil files from their own account."""
    from geschillen.services import GeschilFout, klacht_dien_in
    from geschillen.services.common import eis_ouder

    kind = _leerling_met_account(dt.date(2008, 1, 1))
    InschrijvingFactory(leerling=kind, school=world.school_a)
    ouder = ouder_van(kind)
    with pytest.raises(GeschilFout, match="vanaf 18 jaar de leerling zelf"):
        eis_ouder(ouder, kind)
    eis_ouder(kind.account, kind)
    client.force_login(kind.account)
    r = client.get(reverse("geschillen:klacht_nieuw"))
    assert r.status_code == 200 and kind.naam in r.content.decode()
    client.force_login(ouder)
    assert client.get(reverse("geschillen:klacht_nieuw")).status_code == 404  # no child they act for
    try:
        klacht_dien_in(ouder=kind.account, leerling=kind, school=world.school_a, onderwerp="Pesten in de klas")
    except GeschilFout as exc:  # the board may have no klachtencommissie in this world: then only that may fail
        assert "klachtencommissie" in str(exc).lower()


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_toestemming_vanaf_18_de_leerling_of_de_curator(world):
    from portal.leerlingen.models import Toestemming
    from portal.zaken.services import ZaakFout, toestemming_beslis

    kind = _leerling_met_account(dt.date(2007, 3, 1))
    ouder = ouder_van(kind)
    t = Toestemming.objects.create(leerling=kind, soort="onderzoek", doel="Onderzoek", ontvanger="Praktijk",
                                   omvang="Het verslag")
    with pytest.raises(ZaakFout):
        toestemming_beslis(toestemming=t, door=ouder, keuze="gegeven")
    curator = _vertegenwoordiger(kind, "curator")
    with pytest.raises(ZaakFout):  # under curatele the pupil's own click does not count
        toestemming_beslis(toestemming=t, door=kind.account, keuze="gegeven")
    toestemming_beslis(toestemming=t, door=curator, keuze="gegeven")
    assert t.status(VANDAAG) == "gegeven"


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_school_legt_een_curator_vast_met_de_beschikking(world, client):
    from django.core import mail  # noqa: F401 - the outbox is a model here
    from django.core.files.uploadedfile import SimpleUploadedFile

    from portal.meldingen.models import OutboxEmail

    from .factories import echte_pdf

    kind = _leerling_met_account(dt.date(2007, 3, 1))
    InschrijvingFactory(leerling=kind, school=world.school_a)
    url = reverse("leerlingen:vertegenwoordiging_nieuw", args=[kind.pk])
    # other school, parent, anonymous: not theirs
    login_staff(client, world.ib_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    ouder = ouder_van(kind)
    client.force_login(ouder)
    assert client.get(url).status_code == 404
    login_staff(client, world.ib_a)
    goed = {"soort": "curator", "voornaam": "Cor", "achternaam": "Curator", "email": "cor@example.nl",
            "van": "2026-03-01", "uitspraak": "Rechtbank Gelderland, 12 februari 2026, C/05/123456"}
    # bad input: the message at the field, nothing saved, the input kept
    r = client.post(url, {**goed, "tot": "2026-02-01"})
    assert r.status_code == 200 and "De einddatum ligt vóór de begindatum." in r.content.decode()
    assert "Rechtbank Gelderland, 12 februari 2026" in r.content.decode()
    r = client.post(url, {**goed, "email": "geen-adres"})
    assert r.status_code == 200 and not Vertegenwoordiging.objects.exists()
    r = client.post(url, {**goed, "bewijs": SimpleUploadedFile("beschikking.pdf", echte_pdf(), "application/pdf")})
    assert r.status_code == 302
    v = Vertegenwoordiging.objects.get()
    assert v.soort == "curator" and v.vertegenwoordiger.email == "cor@example.nl" and v.bewijs
    assert v.vertegenwoordiger.heeft_rol(Rol.VERTEGENWOORDIGER)
    assert OutboxEmail.objects.filter(aan="cor@example.nl").exists()
    from portal.audit.models import AuditEntry

    assert AuditEntry.objects.filter(object_type__endswith="vertegenwoordiging").exists() or \
        AuditEntry.objects.filter(omschrijving__startswith="Vertegenwoordiging vastgelegd").exists()
    assert hoorrecht.wie_handelt(kind).soort == "curator"


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_de_meerderjarige_laat_een_ouder_meelezen_op_de_eigen_pagina(world, client):
    kind = _leerling_met_account(dt.date(2008, 1, 1))
    InschrijvingFactory(leerling=kind, school=world.school_a)
    ouder = ouder_van(kind)
    url = reverse("leerlingen:inzage_ouder", args=[kind.pk])
    client.force_login(ouder)  # a parent cannot set it for the pupil
    assert client.post(url, {"ouder": ouder.pk, "toestaan": "1"}).status_code == 404
    client.force_login(kind.account)
    r = client.get(reverse("leerlingen:detail", args=[kind.pk]))
    assert "Mogen je ouders meelezen?" in r.content.decode()
    assert client.post(url, {"ouder": ouder.pk, "toestaan": "1"}).status_code == 302
    assert InzageOuder.objects.filter(leerling=kind, ouder=ouder, ingetrokken_op__isnull=True).exists()
    client.force_login(ouder)
    r = client.get(reverse("core:home"))
    assert "beslist nu zelf" in r.content.decode()
    client.force_login(kind.account)
    client.post(url, {"ouder": ouder.pk, "toestaan": "0"})
    assert not InzageOuder.objects.filter(ingetrokken_op__isnull=True).exists()
    # a minor's own account cannot (parents act for a minor)
    jong = _leerling_met_account(dt.date(2012, 1, 1))
    ouder_van(jong)
    client.force_login(jong.account)
    client.post(reverse("leerlingen:inzage_ouder", args=[jong.pk]), {"ouder": jong.gezag.get().ouder_id, "toestaan": "1"})
    assert not InzageOuder.objects.filter(leerling=jong).exists()


@pytest.mark.django_db
def test_een_ander_kind_geeft_404_en_geen_lek(world, client):
    other = LeerlingFactory(geboortedatum=dt.date(2007, 1, 1))
    InschrijvingFactory(leerling=other, school=SchoolFactory())
    client.force_login(world.ouder_a)
    assert client.post(reverse("leerlingen:inzage_ouder", args=[other.pk]), {"ouder": 1}).status_code == 404


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_een_bezwaar_volgt_de_zaak_van_het_betwiste_besluit(world):
    """A bezwaar against a decision in a matter of begeleiding (an OPP, a TLV) is that matter: the mentor acts in it
    (BW 1:453); a bezwaar against an aanmelding decision is a general matter: the pupil acts (issue #17 §1)."""
    from geschillen.models import Bezwaar
    from portal.zaken.models import Besluit

    kind = _leerling_met_account(dt.date(2007, 3, 1))
    mentor = _vertegenwoordiger(kind, "mentor")
    opp = zaak_voor(kind, world.school_a)
    besluit = Besluit.objects.create(zaak=opp, besluittype="opp", uitkomst="vastgesteld", motivering="x")
    bezwaar = Bezwaar.objects.create(leerling=kind, school=world.school_a, betreft_besluit=besluit,
                                     ontvangen_op=VANDAAG)
    assert hoorrecht.onderwerp_van(bezwaar) == "begeleiding"
    assert "vertegenwoordiger" in relaties(mentor, bezwaar)
    assert "meerderjarige" not in relaties(kind.account, bezwaar)
    assert hoorrecht.onderwerp_van(opp) == "begeleiding"


@pytest.mark.django_db
@time_machine.travel(VANDAAG, tick=False)
def test_de_wegwijzer_toont_de_meerderjarige_en_de_curator_hun_zaken(world, client):
    """'Het gaat niet goed: wat kan ik doen?' lists the cases of the pupil the reader acts for: from 18 the pupil's own,
    and the curator's; a pupil under 18 sees no family overview (the parents act)."""
    kind = _leerling_met_account(dt.date(2007, 3, 1))
    zaak = zaak_voor(kind, world.school_a)
    client.force_login(kind.account)
    gids = reverse("geschillen:gids", args=[zaak.pk])
    assert gids in client.get(reverse("geschillen:home")).content.decode()
    jong = _leerling_met_account(dt.date(2012, 1, 1))
    jong_zaak = zaak_voor(jong, world.school_a)
    client.force_login(jong.account)
    assert reverse("geschillen:gids", args=[jong_zaak.pk]) not in client.get(reverse("geschillen:home")).content.decode()
    curator = _vertegenwoordiger(kind, "curator")
    client.force_login(curator)
    assert gids in client.get(reverse("geschillen:home")).content.decode()


@pytest.mark.parametrize("aan_soort,aan,verwacht", [
    ("ouders", ["A. de Vries"], "Beste ouder(s) van Mila Hoekstra,"),
    ("leerling", ["Mila Hoekstra"], "Beste Mila Hoekstra,"),
    ("curator", ["Carel Brouwer"], "Beste Carel Brouwer (curator van Mila Hoekstra),"),
])
def test_de_aanhef_van_een_brief_volgt_de_geadresseerde(aan_soort, aan, verwacht):
    """Every letter's salutation reads the core's addressee (Awb 3:41): never 'ouder(s)' for an adult pupil."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    html = render_to_string("documenten/_aanhef.html", {"g": {"aan": aan, "aan_soort": aan_soort},
                                                          "leerling": SimpleNamespace(naam="Mila Hoekstra")})
    assert verwacht in html


BRIEVEN_MET_HET_KIND = ["aanmelding/pdf/besluit.html", "aanmelding/pdf/ontvangst.html",
                        "aanmelding/pdf/tijdelijke_inschrijving.html", "aanmelding/pdf/verlenging.html",
                        "geschillen/pdf/intrekking.html", "geschillen/pdf/schorsing.html",
                        "geschillen/pdf/verwijdering.html", "ondersteuning/pdf/aanpassing_antwoord.html",
                        "tlv/pdf/besluit.html"]


@pytest.mark.parametrize("template", BRIEVEN_MET_HET_KIND)
@pytest.mark.parametrize("aan_soort,zegt,zegt_niet", [
    ("ouders", "uw kind", "Mila Hoekstra komt"),
    ("leerling", "", "uw kind"),
    ("curator", "Mila Hoekstra", "uw kind"),
])
def test_de_brief_noemt_het_kind_zoals_de_geadresseerde_het_leest(template, aan_soort, zegt, zegt_niet):
    """The letter's body speaks to its addressee (issue #17 §1): "uw kind" to the parents, "u" to the adult pupil,
    the pupil's name to a curator — never "uw kind" to the pupil themself."""
    import datetime as d
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    from portal.documenten.services import het_kind

    leerling = SimpleNamespace(naam="Mila Hoekstra")
    dag = d.date(2027, 1, 5)
    g = {"aan": ["X"], "aan_soort": aan_soort, "tijdelijk_vanaf": dag, "tien_weken": dag, "vanaf": dag, "van": dag,
         "tot": dag, "per": dag, "schooldagen": 2, "ingediend_op": dag, "ontvangende_school": "De Brug",
         "verwijderen_op": dag, "schooljaren": 2, "aanbod": {"doel": "lezen"}, "uitkomst": "toegelaten"}
    kind = het_kind(aan_soort, leerling)
    html = render_to_string(template, {"g": g, "leerling": leerling, "kind": kind, "Kind": kind[:1].upper() + kind[1:],
                                       "zaak": SimpleNamespace(school=SimpleNamespace(naam="De Regenboog"),
                                                               ontvangen_op=dag)})
    tekst = " ".join(html.split()).lower()
    assert zegt_niet.lower() not in tekst
    if zegt and template in ("geschillen/pdf/schorsing.html", "aanmelding/pdf/ontvangst.html"):
        assert zegt.lower() in tekst
