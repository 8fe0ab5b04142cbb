"""Issue #19 defect 4 for every kind of create view: the same form sent twice (the same ``formulier_token``) creates
one object, and the second submit goes to the first one's result. Table-driven: each row sets up the page's world,
signs in the person entitled to it, and gives the valid data of the page's own tests.

Also: every view whose URL creates something (its name says "nieuw", a case action of the kit, or one named below)
carries the kit's ``eenmalig`` — a new create view without it fails here."""

import uuid
from datetime import date as d
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from .conftest import login_staff
from .factories import PDF, InschrijvingFactory, LeerlingFactory

AMS = ZoneInfo("Europe/Amsterdam")


def _vandaag():
    return timezone.localdate()


def klacht_nieuw(w, client):
    from geschillen.models import Klacht, Klachtencommissie
    from portal.accounts.constants import Rol

    from .factories import member

    c = Klachtencommissie.objects.create(naam="Klachtencommissie Test", adres="Postbus 1")
    c.besturen.add(w.school_a.bestuur)
    c.secretarissen.add(member(Rol.KLACHTENCOMMISSIE, organisatie_naam="Landelijke Klachtencommissie"))
    client.force_login(w.ouder_a)
    return reverse("geschillen:klacht_nieuw"), {"kind": w.kind_a.pk, "school": w.school_a.pk, "onderwerp": "Pesten",
                                                "gewenst": "Een gesprek"}, Klacht, None


def geschil_nieuw(w, client):
    from geschillen.models import Geschil

    from .test_geschillen import school_met_staf, weigering

    aanmelding, _besluit = weigering(school=school_met_staf())
    client.force_login(aanmelding.ouder)
    return (reverse("geschillen:geschil_nieuw", args=[aanmelding.pk]),
            {"ingediend_op": "2026-03-20", "toelichting": "Wij zijn het oneens", "waarschuwing_gezien": "on"},
            Geschil, datetime(2026, 3, 20, 10, tzinfo=AMS))


def tlv_aanvraag_nieuw(w, client):
    from tlv.models import Toelaatbaarheidsverklaring

    from .test_tlv import tlv_wereld

    tlv_wereld(w)
    login_staff(client, w.ib_a)
    return (reverse("tlv:nieuw") + f"?leerling={w.kind_a.pk}&soort=sbo",
            {"soort": "sbo", "onderwijsbehoeften": "Rust", "geprobeerd": "Een jaar extra hulp",
             "gevraagde_schooljaren": "1"}, Toelaatbaarheidsverklaring, None)


def opp_document_upload(w, client):
    from portal.documenten.models import Document

    login_staff(client, w.ib_a)
    return (reverse("opp:document", args=[w.zaak_a.pk]),
            {"bestand": SimpleUploadedFile("verslag.pdf", PDF, content_type="application/pdf")}, Document, None)


def opp_nieuw(w, client):
    from opp.models import Ontwikkelingsperspectief

    ins = InschrijvingFactory(leerling=LeerlingFactory(achternaam="Voorportaal"), school=w.school_a)
    login_staff(client, w.ib_a)
    return (reverse("opp:nieuw"), {"inschrijving": ins.pk, "hoe": "termijn",
                                   "ingeschreven_op": (_vandaag() - timedelta(days=20)).isoformat()},
            Ontwikkelingsperspectief, None)


def arrangement_nieuw(w, client):
    from ondersteuning.models import Arrangement

    login_staff(client, w.ib_a)
    return (reverse("ondersteuning:nieuw"), {"hoofdzaak": w.zaak_a.pk, "leerling": w.kind_a.pk,
                                             "aanbod_soort": "eigen_school", "doel": "Lezen",
                                             "startdatum": _vandaag().isoformat(), "evaluatie_weken": "6"},
            Arrangement, None)


def aanpassing_nieuw(w, client):
    from ondersteuning.models import Aanpassingsverzoek

    client.force_login(w.ouder_a)
    return (reverse("ondersteuning:aanpassing_nieuw"),
            {"kind_school": f"{w.kind_a.pk}:{w.school_a.pk}", "gevraagd": "A3-bladen", "waarom": "Slechtziend"},
            Aanpassingsverzoek, None)


def deling_uitnodiging(w, client):
    from portal.zaken.models import Deling

    from .test_geschillen import school_met_staf, weigering

    aanmelding, _besluit = weigering(school=school_met_staf())
    client.force_login(aanmelding.ouder)
    return (reverse("geschillen:delen", args=[aanmelding.pk]),
            {"rol": "onderwijsconsulent", "email": "helper@example.nl", "geldig_tot": "2026-04-30"}, Deling,
            datetime(2026, 3, 10, 10, tzinfo=AMS))


def verzoek_informatie(w, client):
    from aanmelding import services as s
    from portal.zaken.models import Verzoek

    from .factories import ouder_van

    kind = LeerlingFactory(geboortedatum=d(2020, 1, 10))
    ouder = ouder_van(kind, brieven_digitaal=True)
    a = s.aanmelding_dien_in(ouder=ouder, school=w.school_a, gewenste_start=_vandaag() + timedelta(days=120),
                             ondersteuning="ja", wat_belangrijk="", gezag_verklaard=True, voorkeur_positie=1,
                             andere_scholen=[], leerling=kind)
    login_staff(client, w.ib_a)
    return (reverse("aanmelding:informatie", args=[a.pk]),
            {"info-omschrijving": "Het verslag van de logopedist",
             "info-antwoord_uiterlijk": (_vandaag() + timedelta(days=14)).isoformat()}, Verzoek, None)


def groep_nieuw(w, client):
    from portal.leerlingen.models import Groep, schooljaar_van

    login_staff(client, w.ib_a)
    return (reverse("leerlingen:groepen"), {"groep-naam": "6b", "groep-schooljaar": schooljaar_van(),
                                            "groep-leerlingen": [w.kind_a.pk],
                                            "groep-leerkrachten": [w.leerkracht_a.pk]}, Groep, None)


PAGINAS = [klacht_nieuw, geschil_nieuw, tlv_aanvraag_nieuw, opp_document_upload, opp_nieuw, arrangement_nieuw,
           aanpassing_nieuw, deling_uitnodiging, verzoek_informatie, groep_nieuw]


@pytest.mark.parametrize("pagina", PAGINAS, ids=[p.__name__ for p in PAGINAS])
def test_same_form_sent_twice_creates_one(world, client, pagina):
    url, data, model, moment = pagina(world, client)
    token = uuid.uuid4().hex
    voor = model.objects.count()

    def stuur():
        for v in data.values():
            if isinstance(v, SimpleUploadedFile):
                v.seek(0)
        return client.post(url, data | {"formulier_token": token})

    with time_machine.travel(moment or timezone.now(), tick=False):
        eerste = stuur()
        assert eerste.status_code == 302, eerste.content.decode()[:2000]
        tweede = stuur()
        assert tweede.status_code == 302 and tweede.url == eerste.url
        assert "Dit formulier was al verstuurd" in client.get(tweede.url).content.decode()
    assert model.objects.count() == voor + 1


# --- every create view carries the guard ----------------------------------------------------------------------------

ANDERE_CREATES = {
    "aanmelding:papier", "aanmelding:plaatsing", "aanmelding:intrekken", "opp:doel_nieuw", "opp:overleg", "opp:mening",
    "opp:instemming", "opp:papier", "opp:vaststellen", "opp:evaluatie", "opp:beeindigen", "opp:commissie",
    "ondersteuning:onderdeel_nieuw", "ondersteuning:opbouwstap", "ondersteuning:mening", "ondersteuning:gesprek",
    "ondersteuning:gesprek_reactie", "ondersteuning:blad_nieuw", "ondersteuning:blad_versie", "ondersteuning:afspraak",
    "ondersteuning:blad_akkoord", "ondersteuning:kennisname", "tlv:advies", "tlv:belang", "tlv:zienswijze",
    "tlv:aanvullen", "geschillen:geschil_reactie", "geschillen:klacht_reactie", "geschillen:bezwaar_papier",
    "geschillen:delen", "informatie:terugkoppeling", "informatie:steunpunt", "organisaties:basis_item",
    "organisaties:schoolkalender", "organisaties:profiel_onderdeel", "organisaties:profiel_expertise",
    "leerlingen:groepen", "leerlingen:invaller", "leerlingen:uitnodigen", "zaken:verzoek", "zaken:leerplicht_gemeld",
}


def _patronen(patterns=None, ns=None):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            sub = p.namespace
            yield from _patronen(p.url_patterns, f"{ns}:{sub}" if ns and sub else (sub or ns))
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{ns}:{p.name}" if ns else p.name), p


def test_every_create_view_is_guarded():
    from portal.zaken import pagina

    ontbreekt, gevonden = [], set()
    for naam, p in _patronen():
        if naam.startswith(("admin:", "accounts:")):
            continue
        actie = "actie" in p.default_args  # a case action of the kit (actie_view)
        if "nieuw" in naam or "nieuw" in str(p.pattern) or actie or naam in ANDERE_CREATES:
            gevonden.add(naam)
            if not getattr(p.callback, "eenmalig", False):
                ontbreekt.append(naam)
    assert not ontbreekt, f"create views without the double-submit guard (portal.zaken.pagina.eenmalig): {ontbreekt}"
    assert ANDERE_CREATES <= gevonden, sorted(ANDERE_CREATES - gevonden)
    assert len(gevonden) > 60
    assert pagina.eenmalig  # the kit's one mechanism
