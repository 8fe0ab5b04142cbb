"""The ondersteuningsaanbod (issue #9): the arrangement as the one offer to the parents, its parts and funders,
agreement and disagreement, the pupil's view (B-7), conversation logs, the request for an effective adjustment
(D-6) — services, pages, access and query counts."""

from datetime import date as d
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ondersteuning import services as s
from ondersteuning.models import Aanpassingsverzoek, Arrangement, LeerlingMening
from portal.audit.models import AuditEntry
from portal.meldingen.models import Notification
from portal.zaken import registry

from .conftest import login_staff
from .factories import LeerlingFactory, SchoolFactory, SWVFactory, UserFactory, member, ouder_van

VANDAAG = timezone.localdate


def arrangement(w, **kw):
    velden = {"aanbod_soort": "school_met_elders", "doel": "Lezen op niveau", "startdatum": VANDAAG()} | kw
    return s.arrangement_open(leerling=w.kind_a, school=w.school_a, door=w.ib_a, **velden)


def deel(w, a, **kw):
    velden = {"soort": "onderwijsondersteuning", "aanbieder": "school", "omschrijving": "Leesgroep",
              "start": VANDAAG(), "financier": "school", "uren_per_week": Decimal("2")} | kw
    return s.onderdeel_bewaar(arrangement=a, door=w.ib_a, **velden)


def aangeboden(w, **kw):
    a = arrangement(w, **kw)
    deel(w, a)
    deel(w, a, aanbieder="swv", financier="swv", omschrijving="Ambulante begeleiding")
    return s.arrangement_bied_aan(arrangement=a, door=w.ib_a)


# --- opening and the parts -------------------------------------------------------------------------------------

def test_only_the_schools_ib_or_directeur_opens_an_arrangement_for_its_pupil(world):
    with pytest.raises(s.OndersteuningFout):
        s.arrangement_open(leerling=world.kind_a, school=world.school_a, door=world.ib_b, aanbod_soort="eigen_school",
                           doel="x", startdatum=VANDAAG())
    with pytest.raises(s.OndersteuningFout, match="niet ingeschreven"):
        s.arrangement_open(leerling=world.kind_b, school=world.school_a, door=world.ib_a, aanbod_soort="eigen_school",
                           doel="x", startdatum=VANDAAG())
    a = arrangement(world)
    assert (a.status, a.versie, a.zaaktype) == ("concept", 1, "arrangement")
    assert a.gebeurtenissen.filter(soort="geopend").exists()


def test_the_offer_of_a_case_is_one_offer(world):
    """From a zorgplicht file: the arrangement belongs to that case (hoofdzaak); a second offer is refused."""
    a = arrangement(world, hoofdzaak=world.zaak_a)
    assert a.hoofdzaak_id == world.zaak_a.pk
    with pytest.raises(s.OndersteuningFout, match="één aanbod"):
        arrangement(world, hoofdzaak=world.zaak_a)
    with pytest.raises(s.OndersteuningFout, match="ander kind"):
        s.arrangement_open(leerling=world.kind_b, school=world.school_a, door=world.ib_a, aanbod_soort="eigen_school",
                           doel="x", startdatum=VANDAAG(), hoofdzaak=world.zaak_a)
    assert s.hoofdzaak_voor(user=world.ib_a, pk=world.zaak_a.pk).pk == world.zaak_a.pk
    assert s.hoofdzaak_voor(user=world.ib_b, pk=world.zaak_a.pk) is None  # another school's case


def test_another_school_must_be_named(world):
    with pytest.raises(s.OndersteuningFout, match="Noem de school"):
        arrangement(world, aanbod_soort="speciale_school")
    a = arrangement(world, aanbod_soort="speciale_school", andere_school_naam="SO De Zonnehoek")
    assert a.tlv_nodig and a.andere_school_label == "SO De Zonnehoek"


@pytest.mark.parametrize("velden, fout", [
    # Jeugdwet care rests on a municipality's decision: its number and scope are recorded
    ({"financier": "jeugdwet", "aanbieder": "zorgaanbieder", "soort": "zorg"}, "beschikking"),
    ({"financier": "jeugdwet", "beschikkingsnummer": "JW-1", "soort": "zorg"}, "beschikking"),
    # basisondersteuning is paid by the school itself
    ({"financier": "swv", "binnen_basisondersteuning": True}, "Basisondersteuning betaalt de school"),
    # a partial timetable (fewer hours than the full week) always has an end date
    ({"soort": "rooster", "uren_per_week": Decimal("10"), "volledige_week_uren": Decimal("25")}, "einddatum"),
    ({"soort": "rooster", "uren_per_week": Decimal("10")}, "volledige week"),
    # the end before the start
    ({"eind": d(2020, 1, 1)}, "vóór de start"),
    # an impossible number of hours
    ({"uren_per_week": Decimal("80")}, "tussen 0 en 60"),
])
def test_part_rules(world, velden, fout):
    from portal.organisaties.models import Gemeente

    world.kind_a.woongemeente = Gemeente.objects.create(code="GM0001", naam="Teststad")
    world.kind_a.save()
    a = arrangement(world)
    with pytest.raises(s.OndersteuningFout, match=fout):
        deel(world, a, **velden)
    assert not a.onderdelen.exists()


def test_a_municipal_funder_needs_a_municipality(world):
    a = arrangement(world)  # kind_a has no home municipality in the world
    with pytest.raises(s.OndersteuningFout, match="Kies de gemeente"):
        deel(world, a, financier="leerlingenvervoer", soort="vervoer", aanbieder="zorgaanbieder")


def test_part_funders_and_partial_timetable(world):
    from portal.organisaties.models import Gemeente

    gemeente = Gemeente.objects.create(code="GM0001", naam="Teststad")
    world.kind_a.woongemeente = gemeente
    world.kind_a.save()
    a = arrangement(world)
    swv_deel = deel(world, a, aanbieder="swv", financier="school")  # provided by the SWV: its SWV is recorded
    assert swv_deel.swv == world.swv_a
    jw = deel(world, a, soort="zorg", aanbieder="zorgaanbieder", financier="jeugdwet", beschikkingsnummer="JW-7",
              beschikking_omvang="3 uur per week")
    assert jw.gemeente == gemeente  # the pupil's home municipality by default
    rooster = deel(world, a, soort="rooster", uren_per_week=Decimal("12"), volledige_week_uren=Decimal("25"),
                   eind=VANDAAG() + timedelta(weeks=8))
    assert rooster.gedeeltelijk_rooster
    vol = deel(world, a, soort="rooster", uren_per_week=Decimal("25"), volledige_week_uren=Decimal("25"))
    assert not vol.gedeeltelijk_rooster
    from ondersteuning.models import Onderdeel

    assert list(Onderdeel.objects.gedeeltelijk_rooster()) == [rooster]
    # another SWV than the school's is refused
    with pytest.raises(s.OndersteuningFout, match="samenwerkingsverband van de school"):
        deel(world, a, financier="swv", swv=world.swv_b)


def test_build_up_steps_stay_within_the_part(world):
    a = arrangement(world)
    o = deel(world, a, eind=VANDAAG() + timedelta(weeks=10), volledige_week_uren=None)
    stap = s.opbouwstap_voeg_toe(onderdeel=o, door=world.ib_a, vanaf=VANDAAG() + timedelta(weeks=2),
                                 omschrijving="5 ochtenden", uren_per_week=Decimal("15"))
    assert list(o.opbouw.all()) == [stap]
    with pytest.raises(s.OndersteuningFout, match="buiten"):
        s.opbouwstap_voeg_toe(onderdeel=o, door=world.ib_a, vanaf=VANDAAG() + timedelta(weeks=20), omschrijving="x")
    with pytest.raises(s.OndersteuningFout, match="al een stap"):
        s.opbouwstap_voeg_toe(onderdeel=o, door=world.ib_a, vanaf=stap.vanaf, omschrijving="x")


def test_an_offer_needs_its_parts_and_then_no_longer_changes(world):
    a = arrangement(world)
    with pytest.raises(s.OndersteuningFout, match="onderdelen"):
        s.arrangement_bied_aan(arrangement=a, door=world.ib_a)
    deel(world, a)
    with pytest.raises(s.OndersteuningFout, match="ander biedt"):  # "support from elsewhere" needs a part from elsewhere
        s.arrangement_bied_aan(arrangement=a, door=world.ib_a)
    deel(world, a, aanbieder="ambulant", omschrijving="Ambulant begeleider")
    s.arrangement_bied_aan(arrangement=a, door=world.ib_a)
    with pytest.raises(s.OndersteuningFout, match="nieuwe versie"):
        deel(world, a)
    melding = Notification.objects.get(ontvanger=world.ouder_a, sleutel__startswith="arrangement:")
    assert "Leesgroep" not in melding.tekst and "Lezen" not in str(melding.gegevens)  # no support details


# --- the parents' answer -------------------------------------------------------------------------------------

def test_agreement_needs_every_parent_and_disagreement_needs_a_reason(world):
    tweede = ouder_van(world.kind_a)
    a = aangeboden(world)
    with pytest.raises(s.OndersteuningFout, match="waarom"):
        s.arrangement_reageer(arrangement=a, door=world.ouder_a, akkoord=False, reden=" ")
    s.arrangement_reageer(arrangement=a, door=world.ouder_a, akkoord=True)
    a.refresh_from_db()
    assert a.status == "aangeboden"  # the second parent has not answered yet
    s.arrangement_reageer(arrangement=a, door=tweede, akkoord=True)
    a.refresh_from_db()
    assert a.status == "akkoord" and a.klokken["S-5"].gesloten_op is None
    with pytest.raises(s.OndersteuningFout, match="geen aanbod"):
        s.arrangement_reageer(arrangement=a, door=tweede, akkoord=False, reden="Toch niet")


def test_one_disagreement_makes_the_offer_not_agreed_and_tells_the_school(world):
    a = aangeboden(world)
    with pytest.raises(s.OndersteuningFout, match="ouder met gezag"):
        s.arrangement_reageer(arrangement=a, door=world.ouder_b, akkoord=True)
    s.arrangement_reageer(arrangement=a, door=world.ouder_a, akkoord=False, reden="Te weinig uren")
    a.refresh_from_db()
    assert a.status == "niet_akkoord"
    assert Notification.objects.filter(ontvanger=world.ib_a, titel__icontains="niet akkoord").exists()
    # the school changes the offer: a new version, offered again, answered again
    s.arrangement_wijzig(arrangement=a, door=world.ib_a)
    a.refresh_from_db()
    assert (a.status, a.versie) == ("concept", 2)
    s.arrangement_bied_aan(arrangement=a, door=world.ib_a)
    assert s.reacties_op_versie(a) == {}
    s.arrangement_reageer(arrangement=a, door=world.ouder_a, akkoord=True)
    a.refresh_from_db()
    assert a.status == "akkoord"


def test_parent_page_shows_escalation_steps_without_dates_until_a_guide_exists(world, client, monkeypatch):
    a = aangeboden(world)
    s.arrangement_reageer(arrangement=a, door=world.ouder_a, akkoord=False, reden="Te weinig")
    client.force_login(world.ouder_a)
    monkeypatch.setattr(registry.ESCALATIE, "_items", {})
    body = client.get(reverse("ondersteuning:detail", args=[a.pk])).content.decode()
    for stap in ("Praat met de school", "ouder- en jeugdsteunpunt", "onderwijsconsulent"):
        assert stap in body
    assert "Uiterlijk" not in body and "A-" not in body and "S-5" not in body
    monkeypatch.setattr(registry.ESCALATIE, "_items", {"gids": "ondersteuning:pdf"})  # any page taking a case's pk
    body = client.get(reverse("ondersteuning:detail", args=[a.pk])).content.decode()
    assert reverse("ondersteuning:pdf", args=[a.pk]) in body and "Bekijk welke stappen" in body


def test_reaction_form_refused_without_reason_keeps_input(world, client):
    a = aangeboden(world)
    client.force_login(world.ouder_a)
    r = client.post(reverse("ondersteuning:reactie", args=[a.pk]), {"reactie-akkoord": "nee", "reactie-reden": ""})
    assert r.status_code == 200
    form = r.context["reactie_form"]
    assert "reden" in form.errors and form["akkoord"].value() == "nee"
    a.refresh_from_db()
    assert a.status == "aangeboden"
    r = client.post(reverse("ondersteuning:reactie", args=[a.pk]), {"reactie-akkoord": "nee",
                                                                    "reactie-reden": "Te weinig uren"})
    assert r.status_code == 302


# --- the pupil's view (B-7) ------------------------------------------------------------------------------------

def test_below_12_the_ib_records_the_view_on_the_pupils_behalf(world):
    a = arrangement(world)
    with pytest.raises(s.OndersteuningFout, match="hoe de mening"):
        s.mening_leg_vast(arrangement=a, door=world.ib_a, tekst="Fijn")
    m = s.mening_leg_vast(arrangement=a, door=world.ib_a, tekst="Fijn in het groepje", hoe_gevraagd="Gesprek")
    assert m.namens and m.door == world.ib_a
    with pytest.raises(s.OndersteuningFout, match="Alleen de leerling"):
        s.mening_leg_vast(arrangement=a, door=world.ouder_a, tekst="Namens mijn kind")


def test_from_12_the_pupil_gives_the_view_themselves(world, client):
    leerling_user = UserFactory()
    world.kind_a.account = leerling_user
    world.kind_a.geboortedatum = VANDAAG().replace(year=VANDAAG().year - 13)
    world.kind_a.save()
    a = arrangement(world)
    with pytest.raises(s.OndersteuningFout, match="zelf"):
        s.mening_leg_vast(arrangement=a, door=world.ib_a, tekst="x", hoe_gevraagd="y")
    client.force_login(leerling_user)
    assert client.get(reverse("ondersteuning:detail", args=[a.pk])).status_code == 200  # 12+: sees their support
    r = client.post(reverse("ondersteuning:mening", args=[a.pk]), {"tekst": ""})
    assert r.status_code == 200 and "tekst" in r.context["form"].errors
    r = client.post(reverse("ondersteuning:mening", args=[a.pk]), {"tekst": "Ik wil minder uren apart."})
    assert r.status_code == 302
    m = LeerlingMening.objects.get()
    assert not m.namens and m.door == leerling_user


def test_a_pupil_below_12_does_not_see_the_arrangement(world, client):
    leerling_user = UserFactory()
    world.kind_a.account = leerling_user
    world.kind_a.save()  # born 2018: below 12 until 2030
    a = arrangement(world)
    client.force_login(leerling_user)
    expected = 200 if world.kind_a.leeftijd_op(VANDAAG()) >= 12 else 404
    assert client.get(reverse("ondersteuning:detail", args=[a.pk])).status_code == expected


# --- access and pages ------------------------------------------------------------------------------------------

def test_access_per_person(world, client):
    a = aangeboden(world)
    zonder_swv = arrangement(world)
    deel(world, zonder_swv)
    swv_b = member("swv", swv=world.swv_b)
    gevallen = [(world.ouder_a, a, 200), (world.ouder_b, a, 404), (world.ib_a, a, 200), (world.dir_a, a, 200),
                (world.ib_b, a, 404), (world.leerkracht_a, a, 404), (world.swv_mw_a, a, 200),
                (world.swv_mw_a, zonder_swv, 404), (swv_b, a, 404), (world.bestuurder_a, a, 404)]
    for user, arr, code in gevallen:
        client.logout()
        login_staff(client, user) if user.vereist_2fa else client.force_login(user)
        assert client.get(reverse("ondersteuning:detail", args=[arr.pk])).status_code == code, (user, arr)
    client.logout()
    assert client.get(reverse("ondersteuning:detail", args=[a.pk])).status_code == 302


def test_swv_staff_read_only(world, client):
    a = aangeboden(world)
    login_staff(client, world.swv_mw_a)
    body = client.get(reverse("ondersteuning:detail", args=[a.pk])).content.decode()
    assert "U kunt het alleen lezen" in body and "Aanbod wijzigen" not in body
    assert client.post(reverse("ondersteuning:wijzigen", args=[a.pk])).status_code == 404
    assert client.get(reverse("ondersteuning:home")).status_code == 200


def test_two_parents_do_not_break_the_staff_page(world, client):
    """The core's access rule joins the parents: a pupil with two parents must still give one page, not a 500."""
    ouder_van(world.kind_a)
    a = aangeboden(world)
    login_staff(client, world.ib_a)
    assert client.get(reverse("ondersteuning:detail", args=[a.pk])).status_code == 200
    assert client.get(reverse("ondersteuning:pdf", args=[a.pk])).status_code == 200


def test_every_view_is_audited(world, client):
    a = aangeboden(world)
    client.force_login(world.ouder_a)
    client.get(reverse("ondersteuning:detail", args=[a.pk]))
    r = client.get(reverse("ondersteuning:pdf", args=[a.pk]))
    assert r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    acties = list(AuditEntry.objects.filter(actor=world.ouder_a, leerling=world.kind_a).values_list("actie", flat=True))
    assert acties.count("bekeken") == 1 and acties.count("gedownload") == 1


def test_school_list_query_count_is_pinned(world, client, django_assert_max_num_queries):
    for _ in range(3):
        aangeboden(world)
        s.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                           waarom="Slechtziend")
    login_staff(client, world.ib_a)
    client.get(reverse("ondersteuning:home"))
    with django_assert_max_num_queries(16):
        r = client.get(reverse("ondersteuning:home"))
    assert r.status_code == 200 and len(r.context["page"]) == 3


def test_new_arrangement_form_bad_input(world, client):
    login_staff(client, world.ib_a)
    r = client.post(reverse("ondersteuning:nieuw"), {"leerling": world.kind_a.pk, "aanbod_soort": "andere_school",
                                                      "doel": "Lezen", "startdatum": "2026-03-09",
                                                      "einddatum": "2026-01-01", "evaluatie_weken": "0"})
    assert r.status_code == 200
    errors = r.context["form"].errors
    assert {"einddatum", "evaluatie_weken", "andere_school"} <= set(errors)
    assert r.context["form"]["doel"].value() == "Lezen"
    assert not Arrangement.objects.exists()
    r = client.get(reverse("ondersteuning:nieuw") + f"?hoofdzaak={world.zaak_b.pk}")
    assert r.status_code == 404  # another school's case


def test_new_arrangement_from_a_case(world, client):
    login_staff(client, world.ib_a)
    r = client.get(reverse("ondersteuning:nieuw") + f"?hoofdzaak={world.zaak_a.pk}")
    assert r.status_code == 200 and list(r.context["form"].fields["leerling"].queryset) == [world.kind_a]
    r = client.post(reverse("ondersteuning:nieuw"), {"hoofdzaak": world.zaak_a.pk, "leerling": world.kind_a.pk,
                                                      "aanbod_soort": "eigen_school", "doel": "Lezen",
                                                      "startdatum": VANDAAG().isoformat(), "evaluatie_weken": "6"})
    a = Arrangement.objects.get()
    assert r.status_code == 302 and a.hoofdzaak_id == world.zaak_a.pk


def test_part_form_bad_input_keeps_input_and_errors_at_fields(world, client):
    a = arrangement(world)
    login_staff(client, world.ib_a)
    r = client.post(reverse("ondersteuning:onderdeel_nieuw", args=[a.pk]), {
        "soort": "zorg", "omschrijving": "Begeleiding", "aanbieder": "zorgaanbieder", "start": "2026-03-09",
        "financier": "jeugdwet", "uren_per_week": "abc"})
    assert r.status_code == 200
    errors = r.context["form"].errors
    assert {"beschikkingsnummer", "beschikking_omvang", "uren_per_week"} <= set(errors)
    assert r.context["form"]["omschrijving"].value() == "Begeleiding"


# --- conversation logs -----------------------------------------------------------------------------------------

def test_conversation_log_both_sides_confirm_or_remark(world, client):
    a = aangeboden(world)
    g = s.gesprek_leg_vast(zaak=a, door=world.ib_a, datum=VANDAAG(), deelnemers="Moeder, IB'er, leerkracht",
                           afspraken="We starten met de leesgroep.",
                           acties=[{"wat": "Leesplan maken", "wie": "IB'er", "uiterlijk": VANDAAG() + timedelta(days=7)},
                                   {"wat": ""}])
    assert g.acties.count() == 1 and g.reacties.get().partij == "school"  # the author's side confirmed it
    assert Notification.objects.filter(ontvanger=world.ouder_a, sleutel=f"gesprek:{g.pk}").exists()
    with pytest.raises(s.OndersteuningFout, match="Bevestig"):
        s.gesprek_reageer(verslag=g, door=world.ouder_a, bevestigd=False)
    s.gesprek_reageer(verslag=g, door=world.ouder_a, bevestigd=False, opmerking="De leerkracht was er niet bij.")
    s.gesprek_reageer(verslag=g, door=world.ouder_a, bevestigd=True)
    assert list(g.reacties.values_list("partij", flat=True)) == ["school", "ouders", "ouders"]
    with pytest.raises(s.OndersteuningFout, match="school legt"):
        s.gesprek_leg_vast(zaak=a, door=world.ouder_a, datum=VANDAAG(), deelnemers="x", afspraken="y")
    with pytest.raises(s.OndersteuningFout):
        s.gesprek_reageer(verslag=g, door=world.swv_mw_a, bevestigd=True)
    s.actie_gedaan(actie=g.acties.get(), door=world.ib_a)
    assert g.acties.get().gedaan_op == VANDAAG()
    login_staff(client, world.swv_mw_a)
    assert client.post(reverse("ondersteuning:gesprek_reactie", args=[g.pk]), {}).status_code == 404


def test_conversation_form_needs_an_owner_per_action(world, client):
    a = arrangement(world)
    login_staff(client, world.ib_a)
    data = {"gesprek-datum": VANDAAG().isoformat(), "gesprek-deelnemers": "Moeder", "gesprek-afspraken": "Afspraken",
            "actie-TOTAL_FORMS": "3", "actie-INITIAL_FORMS": "0", "actie-0-wat": "Plan maken", "actie-0-wie": ""}
    r = client.post(reverse("ondersteuning:gesprek", args=[a.pk]), data)
    assert r.status_code == 200 and "wie" in r.context["acties"].forms[0].errors
    data["actie-0-wie"] = "IB'er"
    assert client.post(reverse("ondersteuning:gesprek", args=[a.pk]), data).status_code == 302


# --- the request for an effective adjustment (D-6) -------------------------------------------------------------

WOORDEN_30 = " ".join(["woord"] * 29 + ["einde"])


@pytest.mark.parametrize("tekst, fout", [
    # empty: no justification at all
    ("", "Schrijf de onderbouwing"),
    # whitespace only
    ("   \n ", "Schrijf de onderbouwing"),
    # 29 words: one short of the minimum
    (" ".join(["woord"] * 29), "te kort (29 woorden)"),
    # 10 words
    ("Dit is voor onze school nu helaas echt te zwaar.", "te kort (10 woorden)"),
    # exactly 30 words: accepted
    (WOORDEN_30, None),
])
def test_justification_length(world, tekst, fout):
    uitkomst = s.motivering_fout(tekst, school=world.school_a)
    if fout is None:
        assert uitkomst is None
    else:
        assert fout in uitkomst


def test_a_copied_justification_is_refused_within_the_school_only(world):
    eerder = s.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                                waarom="Slechtziend")
    tekst = ("Een begeleider de hele dag naast de leerling vraagt meer dan onze formatie toelaat, en ook het "
             "samenwerkingsverband kan die niet leveren; dat hebben wij met de ouders besproken en vastgelegd.")
    s.aanpassing_beantwoord(verzoek=eerder, door=world.ib_a, uitkomst="geweigerd", weigergrond="onevenredig",
                            motivering=tekst)
    # the same text with other capitals, punctuation and spacing is the same text
    variant = tekst.upper().replace(";", ",").replace(" ", "  ")
    assert "gelijk aan een ander antwoord" in s.motivering_fout(variant, school=world.school_a)
    assert s.motivering_fout(tekst, school=world.school_b) is None  # another school: its own answers
    assert s.motivering_fout(tekst, school=world.school_a, behalve_pk=eerder.pk) is None  # its own answer


def test_refusal_is_rejected_at_the_field_and_nothing_is_saved(world, client):
    v = s.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                           waarom="Slechtziend")
    login_staff(client, world.ib_a)
    r = client.post(reverse("ondersteuning:aanpassing_antwoord", args=[v.pk]),
                    {"antwoord-uitkomst": "geweigerd", "antwoord-weigergrond": "onevenredig",
                     "antwoord-motivering": "Te duur."})
    assert r.status_code == 200
    assert "te kort (2 woorden)" in r.context["antwoord_form"].errors["motivering"][0]
    v.refresh_from_db()
    assert (v.status, v.uitkomst) == ("ingediend", "")
    with pytest.raises(s.OndersteuningFout):  # the service checks it too
        s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst="anders", motivering="Te duur.")
    r = client.post(reverse("ondersteuning:aanpassing_antwoord", args=[v.pk]),
                    {"antwoord-uitkomst": "geweigerd", "antwoord-weigergrond": "onevenredig",
                     "antwoord-motivering": WOORDEN_30})
    assert r.status_code == 302
    v.refresh_from_db()
    assert (v.status, v.uitkomst) == ("beantwoord", "geweigerd") and v.motivering_vingerafdruk
    brief = v.brieven.get()
    assert brief.soort == "ondersteuning.aanpassing_antwoord" and brief.gegevens["uitkomst"] == "geweigerd"
    client.logout()
    client.force_login(world.ouder_a)
    body = client.get(reverse("ondersteuning:aanpassing", args=[v.pk])).content.decode()
    assert "College voor de Rechten van de Mens" in body and "D-6" not in body


def test_granted_needs_no_justification(world):
    v = s.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                           waarom="Slechtziend")
    s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst="toegekend", motivering="")
    v.refresh_from_db()
    assert v.status == "beantwoord"
    with pytest.raises(s.OndersteuningFout, match="al beantwoord"):
        s.aanpassing_beantwoord(verzoek=v, door=world.ib_a, uitkomst="geweigerd", weigergrond="onevenredig",
                                motivering=WOORDEN_30)


def test_a_parent_asks_only_for_their_child_at_its_school(world, client):
    with pytest.raises(s.OndersteuningFout, match="gezag"):
        s.aanpassing_vraag(leerling=world.kind_b, school=world.school_b, door=world.ouder_a, gevraagd="x", waarom="y")
    with pytest.raises(s.OndersteuningFout, match="ingeschreven"):
        s.aanpassing_vraag(leerling=world.kind_a, school=world.school_b, door=world.ouder_a, gevraagd="x", waarom="y")
    client.force_login(world.ouder_a)
    r = client.get(reverse("ondersteuning:aanpassing_nieuw"))
    keuzes = [label for _waarde, label in r.context["form"].fields["kind_school"].choices]
    assert keuzes == [f"{world.kind_a.naam} — {world.school_a.naam}"]
    r = client.post(reverse("ondersteuning:aanpassing_nieuw"), {"kind_school": f"{world.kind_b.pk}:{world.school_b.pk}",
                                                                "gevraagd": "A3", "waarom": "Slechtziend"})
    assert r.status_code == 200 and "kind_school" in r.context["form"].errors
    assert not Aanpassingsverzoek.objects.exists()
    assert Notification.objects.filter(ontvanger=world.ib_a).count() == 0


def test_school_tasks_name_requests_and_disagreements(world):
    from ondersteuning.zaken import taken

    v = s.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                           waarom="Slechtziend")
    a = aangeboden(world)
    s.arrangement_reageer(arrangement=a, door=world.ouder_a, akkoord=False, reden="Nee")
    titels = [t.titel for t in taken(world.ib_a)]
    assert any(v.nummer in t for t in titels) and any(a.nummer in t for t in titels)
    assert taken(world.ib_b) == []


def test_other_swv_school_is_not_offered_as_receiving_school(world):
    from ondersteuning.forms import ArrangementForm

    buur = SchoolFactory(swvs=[world.swv_a])
    ver = SchoolFactory(swvs=[SWVFactory()])
    keuzes = list(ArrangementForm(school=world.school_a).fields["andere_school"].queryset)
    assert buur in keuzes and ver not in keuzes and world.school_a not in keuzes


def test_leerling_factory_child_without_school_cannot_get_an_arrangement(world):
    kind = LeerlingFactory()
    with pytest.raises(s.OndersteuningFout):
        s.arrangement_open(leerling=kind, school=world.school_a, door=world.ib_a, aanbod_soort="eigen_school",
                           doel="x", startdatum=VANDAAG())


def test_the_case_an_offer_comes_from_fills_in_what_was_investigated(world, client, monkeypatch):
    import dataclasses

    # The kind of the case the offer belongs to declares its findings on its Zaaktype (the core's registry).
    zt = world.zaak_a.type
    monkeypatch.setitem(registry.ZAAKTYPEN._items, zt.code, dataclasses.replace(zt, bevindingen=lambda zaak: {
        "onderzocht": f"Onderzoek in {zaak.nummer}", "aanpassingen": "Vergrote teksten", "doel": "genegeerd"}))
    login_staff(client, world.ib_a)
    r = client.get(reverse("ondersteuning:nieuw") + f"?hoofdzaak={world.zaak_a.pk}")
    form = r.context["form"]
    assert form["onderzocht"].value() == f"Onderzoek in {world.zaak_a.nummer}"
    assert form["aanpassingen"].value() == "Vergrote teksten" and not form["doel"].value()


def test_demo_data_is_idempotent(db, settings):
    """The app's demo fillers create their data once: a second run adds nothing."""
    from types import SimpleNamespace

    from django.core.management import call_command

    from ondersteuning.demo import demo as ondersteuning_demo
    from ondersteuning.models import Aanpassingenblad, Onderdeel
    from portal.accounts.models import User
    from portal.leerlingen.models import Groep, Leerling
    from portal.organisaties.demo import demo as organisaties_demo
    from portal.organisaties.models import (
        BasisondersteuningVersie,
        Gemeente,
        Ondersteuningsprofiel,
        Samenwerkingsverband,
        School,
    )

    def tel():
        return (Arrangement.objects.count(), Onderdeel.objects.count(), Groep.objects.count(),
                Ondersteuningsprofiel.objects.count(), BasisondersteuningVersie.objects.count(),
                Aanpassingenblad.objects.count())

    settings.DEMO = True
    call_command("demo", quiet=True)
    a = Arrangement.objects.get()
    assert a.status == "aangeboden" and sorted(a.onderdelen.values_list("financier", flat=True)) == [
        "jeugdwet", "school", "swv"]
    assert Aanpassingenblad.objects.get().versies.get().status == "geldt"
    assert Groep.objects.get().leerkrachten.count() == 2
    aantallen = tel()
    ctx = SimpleNamespace(
        scholen={"regenboog": School.objects.get(brin="99AA"), "palet": School.objects.get(brin="99AB"),
                 "wegwijzer": School.objects.get(brin="99AC"), "zonnehoek": School.objects.get(brin="99AD"),
                 "college": School.objects.get(brin="99AE"), "praktijk": School.objects.get(brin="99AF")},
        users={u.email: u for u in User.objects.all()}, today=timezone.localdate(),
        swv={"po": Samenwerkingsverband.objects.get(code="PO 99-01"), "vo": Samenwerkingsverband.objects.get(code="VO 99-01")},
        leerlingen={k.roepnaam: k for k in Leerling.objects.all()}, gemeente=Gemeente.objects.get(code="GM9999"))
    organisaties_demo(ctx)
    ondersteuning_demo(ctx)
    assert aantallen == tel()


def test_the_school_records_the_answer_of_parents_without_an_account(world, client):
    """After a paper aanmelding the parents may have no account: the IB'er records their answer, how and when."""
    kind = LeerlingFactory()
    from .factories import InschrijvingFactory

    InschrijvingFactory(leerling=kind, school=world.school_a)
    a = s.arrangement_open(leerling=kind, school=world.school_a, door=world.ib_a, aanbod_soort="eigen_school",
                           doel="Lezen", startdatum=VANDAAG())
    deel(world, a)
    s.arrangement_bied_aan(arrangement=a, door=world.ib_a)
    login_staff(client, world.ib_a)
    url = reverse("ondersteuning:reactie_vastleggen", args=[a.pk])
    r = client.post(url, {"vastleggen-akkoord": "ja", "vastleggen-hoe": ""})
    assert r.status_code == 200 and "hoe" in r.context["vastleggen_form"].errors
    assert client.post(url, {"vastleggen-akkoord": "ja", "vastleggen-hoe": "Brief van 3 maart"}).status_code == 302
    a.refresh_from_db()
    assert a.status == "akkoord" and a.klokken["S-5"]
    r = a.reacties.get()
    assert (r.ouder, r.vastgelegd_door, r.buiten_portaal) == (None, world.ib_a, "Brief van 3 maart")
    # where a parent has an account, the parents answer themselves
    b = aangeboden(world)
    with pytest.raises(s.OndersteuningFout, match="zelf"):
        s.arrangement_reactie_vastleggen(arrangement=b, door=world.ib_a, akkoord=True, hoe="Telefoon")


def test_arrangement_pdf_says_who_pays_what(world, client, tmp_path):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext ontbreekt: apt-get install poppler-utils")
    a = aangeboden(world)
    login_staff(client, world.ib_a)
    pad = tmp_path / "arrangement.pdf"
    pad.write_bytes(client.get(reverse("ondersteuning:pdf", args=[a.pk])).content)
    tekst = subprocess.run(["pdftotext", "-layout", str(pad), "-"], capture_output=True, text=True).stdout
    for stuk in ("Arrangement voor", "Lezen op niveau", "Het samenwerkingsverband", "Leesgroep", "Pagina 1 van"):
        assert stuk in tekst, stuk


def test_offer_summary_for_another_cases_letter(world):
    from ondersteuning.selectors import aanbod_van
    from portal.zaken.models import Zaak

    a = aangeboden(world, hoofdzaak=world.zaak_a)
    assert aanbod_van(world.zaak_a) == a
    samenvatting = a.type.samenvatting(a)
    assert samenvatting["startdatum"] == a.startdatum and len(samenvatting["onderdelen"]) == 2
    assert samenvatting["onderdelen"][1]["betaalt"] == "Het samenwerkingsverband"
    # Another kind (the OPP's handelingsdeel) reads it from the core's Zaak row, without importing this app.
    zaak = Zaak.objects.get(pk=a.pk)
    assert zaak.type.samenvatting(zaak) == samenvatting
    assert samenvatting["titel"] == f"{a.nummer}: {a.get_aanbod_soort_display()} — {a.doel}"
    assert samenvatting["status"] == "aangeboden" and samenvatting["status_label"] == "Aangeboden aan ouders"
    assert not samenvatting["eind"] and samenvatting["onderdelen"][0]["uren_per_week"] is not None
    s.arrangement_beeindig(arrangement=a, door=world.ib_a)
    assert aanbod_van(world.zaak_a) is None


def test_other_lists_query_counts_are_pinned(world, client, django_assert_max_num_queries):
    from portal.leerlingen.services import groep_bewaar

    for i in range(4):
        aangeboden(world)
        s.aanpassing_vraag(leerling=world.kind_a, school=world.school_a, door=world.ouder_a, gevraagd="A3",
                           waarom="Slechtziend")
        groep_bewaar(school=world.school_a, door=world.ib_a, naam=f"Groep {i}", schooljaar="2025-2026",
                     leerlingen=[world.kind_a], leerkrachten=[world.leerkracht_a])
    gevallen = [(world.ouder_a, "ondersteuning:home", 14), (world.swv_mw_a, "ondersteuning:home", 12),
                (world.ib_a, "leerlingen:groepen", 14)]
    for user, naam, maximum in gevallen:
        client.logout()
        login_staff(client, user) if user.vereist_2fa else client.force_login(user)
        client.get(reverse(naam))
        with django_assert_max_num_queries(maximum):
            assert client.get(reverse(naam)).status_code == 200, naam
