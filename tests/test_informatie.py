"""Issue #13: the school finder, the rights pages and glossary, where to get help, the three checklists (versions,
PDF, feedback to a school) and the English version. Access per persona; pinned query counts for the finder."""

import io
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from portal.accounts.constants import Rol
from portal.audit.models import AuditEntry
from portal.informatie.checklists import ITEMS
from portal.informatie.constants import ChecklistSoort
from portal.informatie.models import Checklist, ChecklistVersie, SteunpuntContact
from portal.informatie.rechten import PAGINAS
from portal.organisaties import services as org
from portal.organisaties.models import Basisondersteuning

from .conftest import login_staff
from .factories import InschrijvingFactory, SchoolFactory, member

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


# --- shared set-up ------------------------------------------------------------------------------------------------

def stel_profiel_vast(school, ib, directeur, *, extra=(), specialismen=(), expertises=(), ingang="gelijkvloers",
                      lift="ja", toilet=True, gym=True, procedure="Bel de school voor een kennismaking."):
    """A set (public) support profile for ``school`` through the organisaties services."""
    p = org.profiel_nieuwe_versie(school=school, door=ib)
    org.profiel_bewerk(profiel=p, door=ib, ingang=ingang, lift=lift, toilet_aangepast=toilet, gymzaal_toegankelijk=gym,
                       aanmeldprocedure=procedure, raadpleging_op=date(2026, 1, 15), raadpleging_wijze="leerlingenraad",
                       raadpleging_wijzigingen="Een stilteplek erbij.")
    for gebied, titel in extra:
        org.profiel_onderdeel_voeg_toe(profiel=p, door=ib, soort="extra", gebied=gebied, titel=titel)
    for gebied, titel in specialismen:
        org.profiel_onderdeel_voeg_toe(profiel=p, door=ib, soort="specialisme", gebied=gebied, titel=titel)
    for expertise in expertises:
        org.profiel_expertise_voeg_toe(profiel=p, door=ib, expertise=expertise, beschikbaar="team")
    return org.profiel_stel_vast(profiel=p, door=directeur)


@pytest.fixture
def finder(world):
    """School A: extra reading support, an autism specialism, wheelchair accessible with a lift. School B: behaviour
    support, steps only. School C (SWV A): no profile at all. The SWV A basisondersteuning is published."""
    w = world
    stel_profiel_vast(w.school_a, w.ib_a, w.dir_a, extra=[("lezen_taal", "Leesgroep drie keer per week")],
                      specialismen=[("autisme", "Prikkelarme klas")], expertises=["orthopedagoog"])
    stel_profiel_vast(w.school_b, w.ib_b, w.dir_b, extra=[("gedrag", "Time-outplek")], ingang="trap", lift="nee",
                      toilet=False, gym=False)
    w.school_c = SchoolFactory(naam="Kindcentrum Zonder Profiel", plaats="Dorpsveld", swvs=[w.swv_a])
    Basisondersteuning.objects.create(swv=w.swv_a, titel="Dyslexieprotocol in elke groep", gebied="lezen_taal")
    org.basisondersteuning_publiceer(swv=w.swv_a, door=w.swv_mw_a)
    return w


def namen(page) -> list[str]:
    return [s.naam for s in page]


# --- the finder ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, verwacht", [
    # a support-profile field: extra support in an area
    ("ondersteuning=lezen_taal", ["a"]),
    ("ondersteuning=gedrag", ["b"]),
    # a specialism counts only as a specialism line of the profile
    ("specialisme=autisme", ["a"]),
    ("specialisme=lezen_taal", []),
    # expertise present for the pupils
    ("expertise=orthopedagoog", ["a"]),
    # physical accessibility: the derived wheelchair field, the lift
    ("rolstoel=on", ["a"]),
    ("lift=on", ["a"]),
    # a profile field and physical accessibility together
    ("ondersteuning=gedrag&rolstoel=on", []),
    ("ondersteuning=lezen_taal&rolstoel=on&gymzaal=on", ["a"]),
    # name or place, and the SWV: a school without a profile is found by these
    ("tekst=dorpsveld", ["c"]),
    ("tekst=zonder", ["c"]),
])
def test_finder_filters(finder, client, django_assert_max_num_queries, query, verwacht):
    scholen = {"a": finder.school_a.naam, "b": finder.school_b.naam, "c": finder.school_c.naam}
    # count, page of schools, the profiles in force and the SWVs (two prefetches), the SWV choices of the form
    with django_assert_max_num_queries(5):
        r = client.get(f"{reverse('informatie:zoeken')}?{query}")
    assert r.status_code == 200
    assert sorted(namen(r.context["page"])) == sorted(scholen[k] for k in verwacht)


def test_finder_query_count_does_not_grow_with_the_schools(finder, client, django_assert_max_num_queries):
    for i in range(15):
        s = SchoolFactory(naam=f"Extra school {i}", swvs=[finder.swv_a])
        stel_profiel_vast(s, member(Rol.IB, school=s), member(Rol.DIRECTEUR, school=s), extra=[("lezen_taal", "Lezen")])
    with django_assert_max_num_queries(5):
        r = client.get(reverse("informatie:zoeken") + "?ondersteuning=lezen_taal&rolstoel=on")
    assert r.context["page"].paginator.count == 16


def test_finder_swv_filter_and_all_schools_without_filters(finder, client):
    r = client.get(reverse("informatie:zoeken") + f"?swv={finder.swv_b.pk}")
    assert namen(r.context["page"]) == [finder.school_b.naam]
    r = client.get(reverse("informatie:zoeken"))
    assert r.context["page"].paginator.count == 3


@pytest.mark.parametrize("query, veld", [
    ("soort=universiteit", "soort"),  # not a kind of school
    ("swv=999999", "swv"),  # an SWV that does not exist
    ("ondersteuning=toveren", "ondersteuning"),
    ("tekst=" + "x" * 101, "tekst"),
])
def test_finder_bad_value_is_shown_at_its_field(finder, client, query, veld):
    r = client.get(f"{reverse('informatie:zoeken')}?{query}")
    assert r.status_code == 200
    assert veld in r.context["form"].errors
    assert "Er is een probleem" in r.content.decode()


def test_school_page_shows_profile_procedure_basisondersteuning_and_no_ground_for_refusal(finder, client):
    r = client.get(reverse("informatie:school", args=[finder.school_a.pk]))
    html = r.content.decode()
    assert r.status_code == 200
    assert "Bel de school voor een kennismaking." in html  # the aanmeldprocedure
    assert "Leesgroep drie keer per week" in html and "Prikkelarme klas" in html  # the profile
    assert "Dyslexieprotocol in elke groep" in html  # the SWV's basisondersteuning
    assert "mag uw kind niet weigeren omdat iets niet in het" in html  # a gap is no ground for refusal
    assert "popovertarget" in html  # the glossary explained in place
    login = reverse("accounts:login")
    assert f'href="{login}?next=' in html  # anonymous: log in first, then the aanmelding with this school


def test_a_parent_starts_an_aanmelding_from_the_school_page(finder, client):
    client.force_login(finder.ouder_a)
    r = client.get(reverse("informatie:school", args=[finder.school_b.pk]))
    link = f"{reverse('aanmelding:nieuw')}?school={finder.school_b.pk}"
    assert link in r.content.decode()
    r = client.get(link)
    assert r.status_code == 200
    assert str(r.context["form"]["school"].value()) == str(finder.school_b.pk)


def test_school_without_profile_says_so_and_unknown_school_is_404(finder, client):
    r = client.get(reverse("informatie:school", args=[finder.school_c.pk]))
    assert "nog geen ondersteuningsprofiel" in r.content.decode()
    assert client.get(reverse("informatie:school", args=[999999])).status_code == 404


# --- rights pages and glossary ------------------------------------------------------------------------------------

def test_rights_pages_and_glossary_are_public_and_cite_the_law(client):
    for p in PAGINAS:
        r = client.get(p.get_absolute_url())
        html = r.content.decode()
        assert r.status_code == 200, p.slug
        assert "Wat zegt de wet?" in html
        assert not re.search(r"\b[A-GT]-\d+[a-z]?\b", re.sub(r"<[^>]+>", " ", html)), p.slug  # no rule ids for parents
    assert client.get(reverse("informatie:recht", args=["bestaat-niet"])).status_code == 404
    r = client.get(reverse("informatie:begrippen"))
    assert "<dfn>zorgplicht</dfn>" in r.content.decode()


def test_every_checklist_item_links_to_a_page_that_explains_it(client):
    for soort, items in ITEMS.items():
        for item in items:
            url = item.uitleg_url
            pad, _, anker = url.partition("#")
            r = client.get(pad)
            assert r.status_code == 200, (soort, item.code)
            if anker:
                assert f'id="{anker}"' in r.content.decode(), (item.code, anker)
    codes = [i.code for items in ITEMS.values() for i in items]
    assert len(codes) == len(set(codes))  # codes are stored with the answers: unique


# --- the parent's checklist for their child -----------------------------------------------------------------------

def _post(client, url, **antwoorden):
    data = {}
    for code, waarde in antwoorden.items():
        antwoord, _, notitie = waarde.partition("|")
        data[f"{code}__antwoord"] = antwoord
        data[f"{code}__notitie"] = notitie
    return client.post(url, data)


def test_parent_fills_in_the_checklist_over_time_and_earlier_versions_are_kept(world, client):
    url = reverse("informatie:checklist_kind", args=[world.kind_a.pk])
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS)):
        client.force_login(world.ouder_a)
        r = _post(client, url, kind_opp="weet_niet|Het OPP is nog niet klaar.", kind_plezier="ja")
        assert r.status_code == 302
    with time_machine.travel(datetime(2026, 4, 13, 10, 0, tzinfo=AMS)):
        client.force_login(world.ouder_a)  # a new session after six weeks (the idle timeout)
        r = _post(client, url, kind_opp="ja|Besproken op 10 april.", kind_plezier="ja")
        assert r.status_code == 302
    client.force_login(world.ouder_a)
    c = Checklist.objects.get(soort=ChecklistSoort.KIND, leerling=world.kind_a)
    v1, v2 = c.versies.order_by("nummer")
    eerst = {a.item: a for a in v1.antwoorden.all()}
    nu = {a.item: a for a in v2.antwoorden.all()}
    assert (eerst["kind_opp"].antwoord, eerst["kind_opp"].datum) == ("weet_niet", date(2026, 3, 2))  # kept
    assert (nu["kind_opp"].antwoord, nu["kind_opp"].datum) == ("ja", date(2026, 4, 13))  # changed: today
    assert nu["kind_plezier"].datum == date(2026, 3, 2)  # unchanged: keeps its date
    assert nu["kind_niveau"].antwoord == "" and nu["kind_niveau"].datum is None
    # the earlier version stays readable, with what changed since the one before
    r = client.get(reverse("informatie:checklist", args=[c.pk]) + "?versie=1")
    assert "Weet ik niet" in r.content.decode() and "Het OPP is nog niet klaar." in r.content.decode()
    r = client.get(reverse("informatie:checklist", args=[c.pk]))
    assert "veranderd" in r.content.decode()
    # saving the same answers again makes no empty version
    _post(client, url, kind_opp="ja|Besproken op 10 april.", kind_plezier="ja")
    assert c.versies.count() == 2
    assert AuditEntry.objects.filter(object_type="informatie.checklistversie", leerling=world.kind_a).exists()


def test_both_parents_with_gezag_share_the_childs_checklist(world, client):
    from portal.leerlingen.models import Gezag

    from .factories import ouder_van

    tweede = ouder_van(world.kind_a)
    assert Gezag.objects.filter(leerling=world.kind_a).count() == 2
    url = reverse("informatie:checklist_kind", args=[world.kind_a.pk])
    client.force_login(world.ouder_a)
    _post(client, url, kind_plezier="ja")
    client.force_login(tweede)
    _post(client, url, kind_plezier="deels|Sinds de nieuwe juf minder.")
    c = Checklist.objects.get()
    assert [v.door for v in c.versies.order_by("nummer")] == [world.ouder_a, tweede]


@pytest.mark.parametrize("persona", ["ouder_b", "ib_a", "dir_a", "swv_mw_a", "leerkracht_a", "beheerder"])
def test_nobody_else_sees_or_fills_in_a_childs_checklist(world, client, persona):
    url = reverse("informatie:checklist_kind", args=[world.kind_a.pk])
    client.force_login(world.ouder_a)
    _post(client, url, kind_plezier="ja")
    c = Checklist.objects.get()
    user = getattr(world, persona)
    if user.vereist_2fa:
        login_staff(client, user)
    else:
        client.force_login(user)
    assert client.get(url).status_code == 404
    assert _post(client, url, kind_plezier="nee").status_code == 404
    assert client.get(reverse("informatie:checklist", args=[c.pk])).status_code == 404
    assert client.get(reverse("informatie:checklist_pdf", args=[c.pk])).status_code == 404


def test_anonymous_is_sent_to_the_login_for_a_checklist(world, client):
    r = client.get(reverse("informatie:checklist_kind", args=[world.kind_a.pk]))
    assert r.status_code == 302 and "/account/inloggen/" in r["Location"]


def test_checklist_bad_input_is_kept_with_the_error_at_the_field(world, client):
    url = reverse("informatie:checklist_kind", args=[world.kind_a.pk])
    client.force_login(world.ouder_a)
    # nothing filled in on the first save
    r = client.post(url, {})
    assert r.status_code == 200 and "Vul ten minste één onderdeel in" in r.content.decode()
    # a note that is too long, and an answer that is not one of the four
    r = _post(client, url, kind_plezier="ja|" + "a" * 1001, kind_opp="misschien")
    assert r.status_code == 200
    form = r.context["form"]
    assert "kind_plezier__notitie" in form.errors and "kind_opp__antwoord" in form.errors
    assert form["kind_plezier__notitie"].value() == "a" * 1001  # input kept
    assert 'href="#id_kind_plezier__notitie"' in r.content.decode()  # the summary links to the field
    # control characters in a note
    r = _post(client, url, kind_plezier="ja|Tekst\u202eomgekeerd")
    assert r.status_code == 200 and "kind_plezier__notitie" in r.context["form"].errors
    assert not Checklist.objects.exists()  # nothing half-saved


def _pdf_tekst(inhoud: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)


def test_checklist_pdf_has_the_answers_notes_dates_and_page_numbers(world, client):
    url = reverse("informatie:checklist_kind", args=[world.kind_a.pk])
    client.force_login(world.ouder_a)
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, tzinfo=AMS)):
        client.force_login(world.ouder_a)
        _post(client, url, kind_opp="deels|Doelen zijn te vaag.", kind_plezier="ja")
    client.force_login(world.ouder_a)
    c = Checklist.objects.get()
    r = client.get(reverse("informatie:checklist_pdf", args=[c.pk]))
    assert r["Content-Type"] == "application/pdf"
    tekst = _pdf_tekst(r.content)
    assert "☑ Gedeeltelijk" in tekst and "☑ Ja" in tekst  # the ticked boxes carry the answers
    assert "Doelen zijn te vaag." in tekst and "Datum: 2 maart 2026" in tekst
    assert re.search(r"Pagina 1 van \d", tekst)
    assert world.kind_a.naam in tekst
    assert AuditEntry.objects.filter(actie="gedownload", leerling=world.kind_a).exists()
    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(r.content))
    assert meta.trailer["/Root"].get("/Lang") == "nl" and "/StructTreeRoot" in meta.trailer["/Root"]  # tagged


def test_blank_checklists_are_public_as_pages_and_pdfs(client):
    for soort in ChecklistSoort.values:
        assert client.get(reverse("informatie:checklist_leeg", args=[soort])).status_code == 200
        r = client.get(reverse("informatie:checklist_leeg_pdf", args=[soort]))
        assert r.status_code == 200
        tekst = _pdf_tekst(r.content)
        assert "☐ Ja" in tekst and "Notitie:" in tekst
    assert client.get(reverse("informatie:checklist_leeg", args=["ouder"])).status_code == 404


# --- a school's and an SWV's self-assessment; parents' feedback to a school ---------------------------------------

def test_school_and_swv_fill_in_their_own_checklist(world, client):
    login_staff(client, world.ib_a)
    r = _post(client, reverse("informatie:checklist_school", args=[world.school_a.pk]), school_pesten="deels")
    assert r.status_code == 302
    assert client.get(reverse("informatie:checklist_school", args=[world.school_b.pk])).status_code == 404
    login_staff(client, world.swv_mw_a)
    r = _post(client, reverse("informatie:checklist_swv", args=[world.swv_a.pk]), swv_thuiszitters="nee")
    assert r.status_code == 302
    assert client.get(reverse("informatie:checklist_swv", args=[world.swv_b.pk])).status_code == 404
    assert Checklist.objects.filter(soort="school", terugkoppeling=False, school=world.school_a).exists()
    assert Checklist.objects.filter(soort="swv", swv=world.swv_a).exists()
    client.force_login(world.ouder_a)
    assert client.get(reverse("informatie:checklist_school", args=[world.school_a.pk])).status_code == 404


@pytest.mark.parametrize("naam_tonen", [False, True])
def test_parents_feedback_is_seen_only_by_that_schools_ib_and_directeur(world, client, naam_tonen):
    url = reverse("informatie:terugkoppeling", args=[world.school_a.pk])
    client.force_login(world.ouder_a)
    data = {"school_opp__antwoord": "nee", "school_opp__notitie": "Nooit gevraagd."}
    if naam_tonen:
        data |= {"naam_tonen": "on", "kind": world.kind_a.pk}
    assert client.post(url, data).status_code == 302
    c = Checklist.objects.get(terugkoppeling=True)
    assert c.leerling_id == (world.kind_a.pk if naam_tonen else None)  # no child stored unless shown
    # the school's IB'er and directeur read it
    for wie in (world.ib_a, world.dir_a):
        login_staff(client, wie)
        lijst = client.get(reverse("informatie:terugkoppelingen")).content.decode()
        pagina = client.get(reverse("informatie:checklist", args=[c.pk])).content.decode()
        assert "Nooit gevraagd." in pagina
        for html in (lijst, pagina):
            assert (world.kind_a.naam in html) is naam_tonen
            assert (world.ouder_a.get_full_name() in html) is naam_tonen
        assert client.get(reverse("informatie:terugkoppeling", args=[world.school_a.pk])).status_code == 404
    # nobody else: another school, the SWV, another parent, the teacher, anonymous
    for wie in (world.ib_b, world.dir_b, world.swv_mw_a, world.leerkracht_a, world.bestuurder_a):
        login_staff(client, wie)
        assert client.get(reverse("informatie:checklist", args=[c.pk])).status_code == 404
    client.force_login(world.ouder_b)
    assert client.get(reverse("informatie:checklist", args=[c.pk])).status_code == 404
    assert client.get(url).status_code == 404  # ouder_b has no child at school A
    client.logout()
    assert client.get(reverse("informatie:checklist", args=[c.pk])).status_code == 302


def test_feedback_with_name_needs_the_child(world, client):
    client.force_login(world.ouder_a)
    r = client.post(reverse("informatie:terugkoppeling", args=[world.school_a.pk]),
                    {"school_opp__antwoord": "ja", "naam_tonen": "on"})
    assert r.status_code == 200 and "kind" in r.context["form"].errors
    assert not Checklist.objects.exists()


def test_checklists_overview_lists_what_each_user_can_fill_in(world, client, django_assert_max_num_queries):
    client.force_login(world.ouder_a)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("informatie:checklists"))
    html = r.content.decode()
    assert reverse("informatie:checklist_kind", args=[world.kind_a.pk]) in html
    assert reverse("informatie:terugkoppeling", args=[world.school_a.pk]) in html
    assert reverse("informatie:checklist_kind", args=[world.kind_b.pk]) not in html


# --- where to get help: the steunpunt of the parent's own SWV -----------------------------------------------------

def test_swv_staff_keep_the_steunpunt_contact_and_parents_of_that_swv_see_it(world, client):
    url = reverse("informatie:steunpunt", args=[world.swv_a.pk])
    login_staff(client, world.swv_mw_a)
    r = client.post(url, {"naam": "Steunpunt A", "telefoon": "abc"})
    assert r.status_code == 200 and "telefoon" in r.context["form"].errors
    assert client.post(url, {"naam": "Steunpunt A"}).status_code == 200  # no way to reach it: refused
    assert not SteunpuntContact.objects.exists()
    assert client.post(url, {"naam": "Steunpunt A", "telefoon": "0800 123 4567"}).status_code == 302
    assert client.get(reverse("informatie:steunpunt", args=[world.swv_b.pk])).status_code == 404
    client.force_login(world.ouder_a)
    assert "0800 123 4567" in client.get(reverse("informatie:hulp")).content.decode()
    assert "0800 123 4567" in client.get(reverse("informatie:recht", args=["als-het-misgaat"])).content.decode()
    assert client.get(url).status_code == 404
    client.force_login(world.ouder_b)  # a child in SWV B, whose steunpunt is not known yet: a generic text
    html = client.get(reverse("informatie:hulp")).content.decode()
    assert "0800 123 4567" not in html and "staan nog niet in het portaal" in html


def test_help_page_names_the_national_organisations(client):
    html = client.get(reverse("informatie:hulp")).content.decode()
    for naam in ("Ouders &amp; Onderwijs", "Onderwijsconsulenten", "Geschillencommissie passend onderwijs",
                 "College voor de Rechten van de Mens", "MEE"):
        assert naam in html


# --- our own words: nothing copied from the seeds -----------------------------------------------------------------

SEEDS = [Path(settings.BASE_DIR).parent / "shared" / "seeds", Path("/work/shared/seeds")]


EIGENNAMEN = ["College voor de Rechten van de Mens", "Wet gelijke behandeling op grond van handicap of chronische ziekte",
              "Geschillencommissie passend onderwijs", "Wet versterking positie ouders en leerlingen in het passend "
              "onderwijs"]


def _woorden(tekst: str) -> list[str]:
    tekst = re.sub(r"-\s*\n\s*", "", tekst)
    return re.findall(r"[a-zà-ÿ0-9]+", tekst.lower())


def _zichtbaar(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_rights_pages_and_checklists_are_our_own_words(client, finder):
    """No run of 8 words on a rights page, the glossary, the help page or in a checklist item occurs in a seed text
    (seed 001 is the parents' guide these pages are written from)."""
    map_ = next((p for p in SEEDS if p.is_dir()), None)
    if map_ is None:
        pytest.skip("de bronteksten (shared/seeds) staan niet naast de repository")
    bron = set()
    for f in map_.glob("*.txt"):
        w = _woorden(f.read_text(encoding="utf-8"))
        bron |= {" ".join(w[i:i + 8]) for i in range(len(w) - 7)}
    paginas = [p.get_absolute_url() for p in PAGINAS] + [reverse("informatie:begrippen"), reverse("informatie:hulp"),
                                                          reverse("informatie:home"), reverse("informatie:zoeken")]
    paginas += [reverse("informatie:checklist_leeg", args=[s]) for s in ChecklistSoort.values]
    gekopieerd = []
    for url in paginas:
        tekst = _zichtbaar(client.get(url).content.decode())
        for naam in EIGENNAMEN:  # names of institutions and laws are the same in every text
            tekst = re.sub(naam, " ", tekst, flags=re.I)
        w = _woorden(tekst)
        gekopieerd += [(url, " ".join(w[i:i + 8])) for i in range(len(w) - 7) if " ".join(w[i:i + 8]) in bron]
    assert not gekopieerd, gekopieerd


# --- English: the user's choice, and no Dutch left on the public pages and the checklists -------------------------

@pytest.fixture(scope="session")
def _gecompileerd(tmp_path_factory):
    """The .po files compiled by the project's own command (Babel), into a folder of this test session."""
    doel = tmp_path_factory.mktemp("locale")
    call_command("vertalingen", doel=str(doel), verbosity=0)
    return doel


@pytest.fixture
def vertaald(settings, _gecompileerd):
    settings.LOCALE_PATHS = [str(_gecompileerd), *settings.LOCALE_PATHS]
    return settings


# Dutch words that are not English words: one of them in an English page's interface text is a missed string.
NEDERLANDS = set("""de het een van en uw niet voor met wat hoe naar bij ook dat die kunt wordt worden heeft hebben geen
deze dit er als zijn op te om tot nog maar wel wij u kinderen ouder ouders leerling leerlingen hulp aanmelden
zoeken bekijk lees meer alle opslaan inloggen uitloggen versie pagina gemaakt vraag vragen antwoord notitie datum ja
nee scholen onderwijs ondersteuning gebouw termijn termijnen besluit rechten begrippen bijwerken invullen gekozen
uitleg welke waar wanneer mijn jouw zelf moet mag kan wachtwoord""".split())
# Names and the Dutch terms we keep beside their English translation ("names and quotes aside").
NAMEN = ["College voor de Rechten van de Mens", "Wet College voor de rechten van de mens",
         "Geschillencommissie passend onderwijs", "ouder- en jeugdsteunpunt", "Ouders & Onderwijs",
         "Ziek zijn en onderwijs", "Besluit bekostiging WPO", "Juridisch Loket", "Passend Portaal"]


class _Tekst(HTMLParser):
    """Visible text, leaving out what is marked as Dutch (``lang="nl"``: user data, the 'Nederlands' switch)."""

    LEEG = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "embed", "track"}

    def __init__(self):
        super().__init__()
        self.stapel, self.delen = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.LEEG:
            return
        a = dict(attrs)
        # bool(): with an empty stack ``self.stapel and …`` is the stack itself, which would then contain itself
        overslaan = tag in ("script", "style", "title") or a.get("lang") == "nl" or bool(
            self.stapel and self.stapel[-1])
        self.stapel.append(overslaan)

    def handle_endtag(self, tag):
        if tag not in self.LEEG and self.stapel:
            self.stapel.pop()

    def handle_data(self, data):
        if not (self.stapel and self.stapel[-1]):
            self.delen.append(data)


# Dutch names kept on purpose in English text (a body, a law, the term in brackets after its English word, as the
# translation's style asks): names, not missed strings.
NAMEN_IN_HET_NEDERLANDS = ["Geschillencommissie passend onderwijs", "passend onderwijs", "Wet op het primair onderwijs",
              "Wet voortgezet onderwijs", "Wet op de expertisecentra", "ouder- en jeugdsteunpunt", "IB'er"]


def nederlandse_woorden(html: str, weg=()) -> list[str]:
    p = _Tekst()
    p.feed(html)
    tekst = re.sub(r"https?://\S+|/[a-z0-9/_-]+/", " ", " ".join(p.delen))  # addresses printed in a PDF are not text
    for naam in [*NAMEN, *weg, *NAMEN_IN_HET_NEDERLANDS]:
        tekst = tekst.replace(naam, " ")
    return sorted({w for w in re.findall(r"[a-zà-ÿ]+", tekst.lower()) if w in NEDERLANDS})


def test_public_pages_and_the_checklist_have_no_dutch_left_in_english(finder, client, vertaald):
    w = finder
    data = [s.naam for s in (w.school_a, w.school_b, w.school_c, w.swv_a, w.swv_b)] + [
        w.kind_a.naam, w.ouder_a.get_full_name(), w.school_a.plaats, w.school_c.plaats]
    client.post(reverse("core:taal"), {"taal": "en", "next": "/"})
    publiek = [reverse("informatie:home"), reverse("informatie:zoeken"),
               reverse("informatie:zoeken") + "?ondersteuning=lezen_taal&rolstoel=on",
               reverse("informatie:zoeken") + "?soort=universiteit",
               reverse("informatie:school", args=[w.school_a.pk]), reverse("informatie:school", args=[w.school_c.pk]),
               reverse("informatie:begrippen"), reverse("informatie:hulp"), reverse("informatie:checklists"),
               reverse("accounts:login"),
               reverse("organisaties:profiel", args=[w.school_a.pk]),
               reverse("organisaties:basisondersteuning", args=[w.swv_a.pk])]
    publiek += [p.get_absolute_url() for p in PAGINAS]
    publiek += [reverse("informatie:checklist_leeg", args=[s]) for s in ChecklistSoort.values]
    # the profile's and the basisondersteuning's own texts are the school's data (Dutch), not interface text
    profieldata = ["Bel de school voor een kennismaking.", "Leesgroep drie keer per week", "Prikkelarme klas",
                   "Een stilteplek erbij.", "Dyslexieprotocol in elke groep"]
    fouten = {}
    for url in publiek:
        r = client.get(url)
        assert r.status_code == 200 and r["Content-Language"] == "en", url
        if woorden := nederlandse_woorden(r.content.decode(), data + profieldata):
            fouten[url] = woorden
    # the parent's checklist, its versions page and its PDF
    client.force_login(w.ouder_a)
    w.ouder_a.taal = "en"
    w.ouder_a.save(update_fields=["taal"])
    url = reverse("informatie:checklist_kind", args=[w.kind_a.pk])
    _post(client, url, kind_opp="deels|Nog niet besproken")
    c = Checklist.objects.get()
    for pagina in (url, reverse("informatie:checklist", args=[c.pk]), reverse("informatie:checklists"),
                   reverse("informatie:terugkoppeling", args=[w.school_a.pk])):
        if woorden := nederlandse_woorden(client.get(pagina).content.decode(), [*data, "Nog niet besproken"]):
            fouten[pagina] = woorden  # what the parent wrote is data
    pdf = _pdf_tekst(client.get(reverse("informatie:checklist_pdf", args=[c.pk])).content)
    assert "☑ Partly" in pdf and re.search(r"Page 1 of \d", pdf)
    pdf = pdf.replace("Nog niet besproken", " ")
    if woorden := nederlandse_woorden(f"<p>{pdf}</p>", data):
        fouten["pdf"] = woorden
    assert not fouten, "\n".join(f"{k}: {v}" for k, v in fouten.items())


def test_english_is_remembered_across_pages_and_a_new_login(world, client, vertaald):
    client.force_login(world.ouder_a)
    client.post(reverse("core:taal"), {"taal": "en", "next": reverse("informatie:home")})
    client.logout()
    client.cookies.clear()  # a new browser: only the account remembers
    client.force_login(world.ouder_a)
    r = client.get(reverse("informatie:checklists"))
    assert r["Content-Language"] == "en" and "The three checklists" in r.content.decode()


def test_every_interface_string_of_these_pages_is_translated():
    """The English catalogue has a translation for every string of the public pages, the checklists and their PDF,
    and of the shared chrome they show (base.html, the error summary, the form pieces)."""
    from babel.messages.pofile import read_po

    po = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    with po.open("rb") as f:
        catalogus = read_po(f, locale="en")
    bronnen = re.compile(r"^(templates/informatie/|portal/informatie/|templates/base\.html$|templates/_formulier_fouten"
                         r"\.html$|portal/core/forms\.py$|templates/organisaties/(profiel|basisondersteuning)\.html$|"
                         r"templates/accounts/login\.html$)")
    leeg = [m.id for m in catalogus if m.id and any(bronnen.search(f) for f, _ in m.locations)
            and (not m.string or m.fuzzy or (isinstance(m.string, tuple) and not all(m.string)))]
    assert not leeg, leeg[:10]
    # and every string these templates use is in the catalogue (run makemessages after changing them)
    bekend = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogus if m.id}
    ontbreekt = []
    for t in (Path(settings.BASE_DIR) / "templates" / "informatie").rglob("*.html"):
        for tekst in re.findall(r'{% translate "([^"]+)"', t.read_text(encoding="utf-8")):
            if tekst not in bekend:
                ontbreekt.append((t.name, tekst))
    assert not ontbreekt, ontbreekt[:10]


def test_vertalingen_refuses_a_translation_with_other_placeholders(tmp_path):
    """A translation whose placeholders differ from the Dutch would break a page: nothing is written, exit code 2."""
    from django.core.management.base import CommandError

    map_ = tmp_path / "locale" / "en" / "LC_MESSAGES"
    map_.mkdir(parents=True)
    (map_ / "django.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                    '#, python-format\nmsgid "Welkom, %(naam)s"\nmsgstr "Welcome, %(name)s"\n',
                                    encoding="utf-8")
    doel = tmp_path / "uit"
    with pytest.raises(CommandError) as exc:
        call_command("vertalingen", bron=str(tmp_path / "locale"), doel=str(doel), verbosity=0)
    assert exc.value.returncode == 2
    assert not doel.exists()
    (map_ / "django.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                    '#, python-format\nmsgid "Welkom, %(naam)s"\nmsgstr "Welcome, %(naam)s"\n',
                                    encoding="utf-8")
    call_command("vertalingen", bron=str(tmp_path / "locale"), doel=str(doel), verbosity=0)
    assert (doel / "en" / "LC_MESSAGES" / "django.mo").stat().st_size > 0


def test_demo_is_idempotent(db):
    from types import SimpleNamespace

    from portal.informatie.demo import demo

    from .factories import LeerlingFactory, SWVFactory, UserFactory

    ctx = SimpleNamespace(swv={"po": SWVFactory(), "vo": SWVFactory()}, leerlingen={"Daan": LeerlingFactory()},
                          users={"ouder@demo.nl": UserFactory()})
    demo(ctx)
    demo(ctx)
    assert SteunpuntContact.objects.count() == 2
    assert ChecklistVersie.objects.count() == 1


def test_a_checklist_version_never_changes(world):
    """Saving makes a new version; the rows of an earlier one are never updated (unique per version and item)."""
    from portal.informatie.services import checklist_bewaar

    c = Checklist(soort=ChecklistSoort.KIND, leerling=world.kind_a)
    v1 = checklist_bewaar(checklist=c, door=world.ouder_a, antwoorden={"kind_plezier": ("ja", "")})
    c = Checklist.objects.get()
    v2 = checklist_bewaar(checklist=c, door=world.ouder_a, antwoorden={"kind_plezier": ("nee", "")})
    assert v1.antwoorden.get(item="kind_plezier").antwoord == "ja"
    assert v2.antwoorden.get(item="kind_plezier").antwoord == "nee"
    assert v2.nummer == 2 and v1.antwoorden.count() == len(ITEMS["kind"])


def test_school_of_a_childs_enrolment_elsewhere_gives_no_feedback_right(world, client):
    """Feedback only for a school where one of the parent's children is enrolled now."""
    ander = SchoolFactory()
    InschrijvingFactory(leerling=world.kind_a, school=ander, van=date(2020, 8, 1), tot=date(2021, 7, 31))
    client.force_login(world.ouder_a)
    assert client.get(reverse("informatie:terugkoppeling", args=[ander.pk])).status_code == 404


def test_feedback_list_has_a_pinned_query_count(world, client, django_assert_max_num_queries):
    from portal.informatie.services import checklist_bewaar

    from .factories import ouder_van

    for i in range(6):
        kind = InschrijvingFactory(school=world.school_a).leerling
        ouder = ouder_van(kind)
        checklist_bewaar(checklist=Checklist(soort=ChecklistSoort.SCHOOL, school=world.school_a, terugkoppeling=True,
                                             ouder=ouder), door=ouder, antwoorden={"school_opp": ("ja", "")},
                         naam_tonen=bool(i % 2), kind=kind)
    login_staff(client, world.ib_a)
    with django_assert_max_num_queries(12):
        r = client.get(reverse("informatie:terugkoppelingen"))
    assert len(r.context["rijen"]) == 6


def test_the_text_reader_reads_visible_text_and_leaves_out_what_is_marked_dutch():
    """The reader behind the "no Dutch left" checks reads something (an empty text would pass every check)."""
    p = _Tekst()
    p.feed('<!doctype html><html lang="en"><head><title>T</title></head><body><p>Hello <b>world</b></p>'
           '<span lang="nl">Nederlands <i>hier</i></span> after<br>end</body></html>')
    assert " ".join(" ".join(p.delen).split()) == "Hello world after end"
