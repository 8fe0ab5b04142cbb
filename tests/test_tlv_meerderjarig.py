"""Issue 17 §1 and §3, the TLV for an adult pupil: from 18 the pupil is the party (BW 1:233, 1:245: gezag ends at 18),
unless a curator (every matter, BW 1:381) or a mentor (care and begeleiding — a TLV — BW 1:453) acts for them.

* the decision letter goes to the pupil (or their curator or mentor), not the parents, and to the applying school
  as before (Awb 3:41); digital bekendmaking follows the choice of whoever acts (Awb 2:8, formerly 2:14; 3:41);
* the adult pupil gives the view (zienswijze, C-2) and objects (C-6) from their own account where the TLV page
  offered that to the parents; a parent reads only with the pupil's consent, and is told that the pupil decides now.

The issue's case: a TLV decision signed on 1 September 2026 for a pupil born 1 January 2008.
"""

import re
from datetime import date as d

import pytest
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.accounts.models import Membership
from portal.documenten.models import Brief
from portal.documenten.pdf import render_html
from portal.documenten.services import brief_context
from portal.leerlingen.models import InzageOuder, Vertegenwoordiging
from portal.meldingen.models import Notification
from portal.zaken.services import ZaakFout, besluit_onderteken
from tlv import services as s
from tlv.models import Deskundige, Loket

from .conftest import login_staff
from .factories import (
    InschrijvingFactory,
    LeerlingFactory,
    SchoolFactory,
    SWVFactory,
    UserFactory,
    mandaat,
    member,
    ouder_van,
)
from .test_tlv import op, pdf, vers

GEBOREN = d(2008, 1, 1)
GETEKEND = d(2026, 9, 1)


@pytest.fixture
def v(db):
    """A vo school in a vo SWV, its IB'er; the SWV's staff, desk and mandated director; two experts; a pupil born on
    1 January 2008 with an own account, enrolled at the vo school, and a parent with (former) gezag."""

    class V:
        pass

    v = V()
    v.swv = SWVFactory(sector="vo", code="VO 25-01")
    v.school = SchoolFactory(soort="vo", swvs=[v.swv], naam="Het Lyceum")
    v.ib = member(Rol.IB, school=v.school)
    v.swv_mw = member(Rol.SWV, swv=v.swv)
    v.directeur = member(Rol.SWV, swv=v.swv, first_name="Sara", last_name="Vermeulen")
    mandaat(v.directeur, v.swv, ["tlv"], functie="directeur SWV")
    Loket.objects.create(swv=v.swv, naam="CvT", postadres="Postbus 1", bezwaar_adres="Postbus 2")
    v.desk1 = member(Rol.DESKUNDIGE, organisatie_naam="Praktijk")
    Deskundige.objects.create(user=v.desk1, beroep="orthopedagoog")
    v.desk2 = member(Rol.DESKUNDIGE, organisatie_naam="GGD")
    Deskundige.objects.create(user=v.desk2, beroep="arts")
    v.kind = LeerlingFactory(geboortedatum=GEBOREN, voornamen="Noor", achternaam="Bakker")
    v.kind.account = UserFactory(first_name="Noor", last_name="Bakker")
    Membership.objects.create(user=v.kind.account, rol=Rol.LEERLING)
    v.kind.save(update_fields=["account"])
    v.leerling = v.kind.account
    InschrijvingFactory(leerling=v.kind, school=v.school, van=d(2020, 8, 20))
    v.ouder = ouder_van(v.kind)
    return v


def vertegenwoordiger(v, soort):
    user = UserFactory(first_name="Carla", last_name="Curator")
    Membership.objects.create(user=user, rol=Rol.VERTEGENWOORDIGER)
    Vertegenwoordiging.objects.create(leerling=v.kind, vertegenwoordiger=user, soort=soort, van=d(2026, 1, 1),
                                      uitspraak="Rechtbank, C/05/1")
    return user


def aanvraag(v, dag=d(2026, 6, 1)):
    with op(dag):
        return s.tlv_maak(school=v.school, leerling=v.kind, soort="vso", door=v.ib, onderwijsbehoeften="Kleine groep",
                          geprobeerd="Extra begeleiding")


def tot_besluit(v, t, *, zienswijze_door, dag=d(2026, 6, 1)):
    with op(dag):
        s.tlv_zienswijze_ouder(tlv=t, ouder=zienswijze_door, tekst="Ik wil naar een school met kleine klassen.")
        s.tlv_document_voeg_toe(tlv=vers(t), door=v.ib, bestand=pdf())
        s.tlv_dien_in(tlv=vers(t), door=v.ib)
        s.tlv_volledig(tlv=vers(t), door=v.swv_mw)
        for plaats, desk in ((1, v.desk1), (2, v.desk2)):
            tw = s.tlv_deskundige_wijs_toe(tlv=vers(t), door=v.swv_mw, deskundige=desk, plaats=plaats)
            s.tlv_advies_geef(toewijzing=tw, deskundige=desk, conclusie="toelaatbaar", advies="Past.",
                              categorie="1" if plaats == 1 else "")
    with op(GETEKEND):
        b = s.tlv_besluit_voorbereid(tlv=vers(t), door=v.swv_mw, uitkomst="toegekend", motivering="Na twee adviezen.",
                                     categorie="1", ingangsdatum=GETEKEND, schooljaren=2)
    return b


def brieftekst(brief) -> str:
    html = render_html(brief.type.template, brief_context(brief))
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("soort, aan, aanhef, niet", [
    (None, "leerling", "Beste Noor Bakker, beste Het Lyceum", "Beste ouder(s)"),
    ("curator", "curator", "Beste Carla Curator (curator van Noor Bakker), beste Het Lyceum", "Beste ouder(s)"),
    ("mentor", "mentor", "Beste Carla Curator (mentor van Noor Bakker), beste Het Lyceum", "Beste ouder(s)"),
])
def test_tlv_decision_signed_2026_09_01_for_a_pupil_born_2008_01_01_goes_to_the_pupil_or_representative(
        v, soort, aan, aanhef, niet):
    """Awb 3:41 (the belanghebbenden: the pupil and the applying school), BW 1:233/1:245 (gezag ended on 1 January
    2026); a curator acts in every matter (BW 1:381), a mentor in matters of begeleiding such as a TLV (BW 1:453)."""
    rep = vertegenwoordiger(v, soort) if soort else None
    handelt = rep or v.leerling
    t = aanvraag(v)
    b = tot_besluit(v, t, zienswijze_door=handelt)
    with op(GETEKEND):
        besluit_onderteken(besluit=b, door=v.directeur, bekendmaking="post", verzonden_op=GETEKEND)
    brief = Brief.objects.get(zaak_id=t.pk, soort="tlv.besluit")
    assert brief.gegevens["aan_soort"] == aan
    tekst = brieftekst(brief)
    assert aanhef in tekst and niet not in tekst
    assert ("U en de school kunnen bezwaar maken" if aan == "leerling"
            else f"U als {aan} en de school kunnen bezwaar maken") in tekst
    # the notice of the decision goes to whoever acts, and to the applying school; not to the parent
    sleutel = f"tlv:{t.pk}:besluit:{b.pk}"
    assert Notification.objects.filter(ontvanger=handelt, sleutel=sleutel).exists()
    assert not Notification.objects.filter(ontvanger=v.ouder, sleutel=sleutel).exists()
    assert Notification.objects.filter(ontvanger=v.ib, sleutel=sleutel).exists()


def test_a_minor_pupils_letter_still_goes_to_the_parents(v):
    """The same TLV, the pupil born 1 January 2010 (16 on 1 September 2026): the parents, as before."""
    v.kind.geboortedatum = d(2010, 1, 1)
    v.kind.save(update_fields=["geboortedatum"])
    t = aanvraag(v)
    b = tot_besluit(v, t, zienswijze_door=v.ouder)
    with op(GETEKEND):
        besluit_onderteken(besluit=b, door=v.directeur, bekendmaking="post", verzonden_op=GETEKEND)
    brief = Brief.objects.get(zaak_id=t.pk, soort="tlv.besluit")
    assert brief.gegevens["aan_soort"] == "ouders" and "Beste ouder(s) van Noor Bakker" in brieftekst(brief)


@pytest.mark.parametrize("leerling_digitaal, ouder_digitaal, online, geval", [
    (True, False, True, "de leerling koos brieven in het portaal: online bekendgemaakt, de ouder telt niet"),
    (False, True, False, "de leerling koos papier: geen online bekendmaking, ook al koos de ouder het portaal"),
])
def test_digital_bekendmaking_follows_the_adult_pupils_own_choice(v, leerling_digitaal, ouder_digitaal, online, geval):
    """Awb 2:8 (2:14 before 2026) and 3:41: electronic bekendmaking only to whom said they can be reached so — the adult
    pupil, not the parent."""
    type(v.leerling).objects.filter(pk=v.leerling.pk).update(brieven_digitaal=leerling_digitaal)
    type(v.ouder).objects.filter(pk=v.ouder.pk).update(brieven_digitaal=ouder_digitaal)
    t = aanvraag(v)
    b = tot_besluit(v, t, zienswijze_door=v.leerling)
    with op(GETEKEND):
        if online:
            besluit_onderteken(besluit=b, door=v.directeur)
            b.refresh_from_db()
            assert b.bekendgemaakt_op == GETEKEND, geval
        else:
            with pytest.raises(ZaakFout, match="digitaal|post"):
                besluit_onderteken(besluit=b, door=v.directeur)


def test_the_adult_pupil_gives_the_view_and_objects_from_their_own_account_a_parent_cannot(v, client):
    t = aanvraag(v)
    # the pupil is asked for their view, not the parent (issue #17 §1)
    assert Notification.objects.filter(ontvanger=v.leerling, sleutel=f"tlv:{t.pk}:concept").exists()
    assert not Notification.objects.filter(ontvanger=v.ouder, sleutel=f"tlv:{t.pk}:concept").exists()
    with op(d(2026, 6, 1)), pytest.raises(s.TlvFout, match="vanaf 18 jaar de leerling zelf"):
        s.tlv_zienswijze_ouder(tlv=t, ouder=v.ouder, tekst="Wij willen dit niet.")
    client.force_login(v.leerling)
    with op(d(2026, 6, 1)):
        r = client.get(reverse("tlv:detail", args=[t.pk]))
        assert r.status_code == 200 and "Mijn mening geven" in r.content.decode()
        r = client.post(reverse("tlv:zienswijze", args=[t.pk]), {"tekst": "Ik wil naar een school met kleine klassen."})
        assert r.status_code == 302
    t = vers(t)
    assert t.zienswijze_door_id == v.leerling.pk and t.zienswijze_bevestiging == "Geschreven door de leerling in het portaal"
    assert s.zienswijze_van_ouder(t)  # the family's own text: the school does not change it
    # the parent without the pupil's consent does not see the application at all
    client.force_login(v.ouder)
    assert client.get(reverse("tlv:detail", args=[t.pk])).status_code == 404
    # the decision; the pupil objects from their own account, where the page offered it to parents
    b = tot_besluit_na_zienswijze(v, t)
    with op(GETEKEND):
        besluit_onderteken(besluit=b, door=v.directeur, bekendmaking="post", verzonden_op=GETEKEND)
    client.force_login(v.leerling)
    with op(d(2026, 9, 2)):
        html = client.get(reverse("tlv:detail", args=[t.pk])).content.decode()
    assert reverse("geschillen:bezwaar_nieuw", args=[b.pk]) in html and "Wat kunt u doen?" in html
    from geschillen.services import bezwaar_dien_in

    with op(d(2026, 9, 2)):
        bz = bezwaar_dien_in(besluit=b, ouder=v.leerling, gronden="Ik wil een andere categorie.")
    assert bz.betreft_besluit_id == b.pk


def tot_besluit_na_zienswijze(v, t):
    with op(d(2026, 6, 1)):
        s.tlv_document_voeg_toe(tlv=vers(t), door=v.ib, bestand=pdf())
        s.tlv_dien_in(tlv=vers(t), door=v.ib)
        s.tlv_volledig(tlv=vers(t), door=v.swv_mw)
        for plaats, desk in ((1, v.desk1), (2, v.desk2)):
            tw = s.tlv_deskundige_wijs_toe(tlv=vers(t), door=v.swv_mw, deskundige=desk, plaats=plaats)
            s.tlv_advies_geef(toewijzing=tw, deskundige=desk, conclusie="toelaatbaar", advies="Past.",
                              categorie="1" if plaats == 1 else "")
    with op(GETEKEND):
        return s.tlv_besluit_voorbereid(tlv=vers(t), door=v.swv_mw, uitkomst="toegekend", motivering="Na adviezen.",
                                        categorie="1", ingangsdatum=GETEKEND, schooljaren=2)


def test_a_parent_with_the_pupils_consent_reads_and_is_told_the_pupil_decides_now(v, client):
    InzageOuder.objects.create(leerling=v.kind, ouder=v.ouder)
    t = aanvraag(v)
    client.force_login(v.ouder)
    with op(d(2026, 6, 1)):
        r = client.get(reverse("tlv:detail", args=[t.pk]))
    html = r.content.decode()
    assert r.status_code == 200 and "Over deze aanvraag beslist nu de leerling zelf, niet de ouders" in html
    assert "Mijn mening geven" not in html
    with op(d(2026, 6, 1)):
        assert client.post(reverse("tlv:zienswijze", args=[t.pk]), {"tekst": "x"}).status_code == 404


def test_under_curatele_the_curator_gives_the_view_the_pupils_own_click_does_not_count(v, client):
    curator = vertegenwoordiger(v, "curator")
    t = aanvraag(v)
    with op(d(2026, 6, 1)), pytest.raises(s.TlvFout):
        s.tlv_zienswijze_ouder(tlv=t, ouder=v.leerling, tekst="Zelf.")
    with op(d(2026, 6, 1)):
        s.tlv_zienswijze_ouder(tlv=t, ouder=curator, tekst="Namens Noor: graag.")
    assert vers(t).zienswijze_bevestiging == "Geschreven door de curator in het portaal"
    login_staff(client, v.ib)
    with op(d(2026, 6, 1)):
        assert client.get(reverse("tlv:zienswijze", args=[t.pk])).status_code == 404  # the family's text
