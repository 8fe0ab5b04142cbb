"""What the speed work (issue #14) changed in behaviour: lists that stay short at national scale (a school is
chosen by search, other schools come from the samenwerkingsverband), a select rendered as one string with the
same HTML, and query counts that do not grow with the data. Speed itself is measured by benchmarks/web.py."""

import re

import pytest
from django import forms
from django.urls import reverse

from aanmelding import forms as af
from portal.basis.forms import SnelSelect

from .factories import LeerlingFactory, SchoolFactory, SWVFactory, ouder_van


def _normaal(html: str) -> list[str]:
    """The tags of a fragment with their attributes sorted (whitespace and attribute order do not matter)."""
    tags = re.findall(r"<[^>]+>|[^<]+", html)
    out = []
    for t in tags:
        t = t.strip()
        if not t:
            continue
        if t.startswith("<") and not t.startswith("</"):
            naam, *attrs = re.findall(r'[\w-]+(?:="[^"]*")?', t)
            t = "<" + " ".join([naam, *sorted(attrs)]) + ">"
        out.append(t)
    return out


@pytest.mark.parametrize("waarde", ["", "2", None])
def test_fast_select_renders_what_djangos_select_renders(waarde):
    keuzes = [("", "---"), ("1", "Één & <b>vet</b> \"aanhalingstekens\""), ("2", "Twee")]

    class F(forms.Form):
        snel = forms.ChoiceField(choices=keuzes, widget=SnelSelect, help_text="uitleg", required=False)
        gewoon = forms.ChoiceField(choices=keuzes, help_text="uitleg", required=False)

    f = F(data={"snel": waarde, "gewoon": waarde} if waarde is not None else None)
    f.is_valid()
    snel = str(f["snel"]).replace("snel", "gewoon")
    assert _normaal(snel) == _normaal(str(f["gewoon"]))


@pytest.fixture
def regio(world):
    swv = SWVFactory()
    world.hier = SchoolFactory(naam="De Linde", swvs=[swv])
    world.buur = SchoolFactory(naam="De Brug", swvs=[swv])
    world.ver = SchoolFactory(naam="Ver Weg")  # another samenwerkingsverband
    return world


def test_placement_request_lists_the_schools_of_the_samenwerkingsverband(regio):
    form = af.PlaatsingForm(school=regio.hier)
    assert list(form.fields["school"].queryset) == [regio.buur]
    form = af.PlaatsingForm({"school": regio.ver.pk, "toelichting": "x"}, school=regio.hier)
    assert not form.is_valid() and "school" in form.errors  # not offered, so refused


def test_aanmelding_starts_with_a_school_search_and_lists_only_the_region(regio, client):
    kind = LeerlingFactory()
    ouder = ouder_van(kind)
    client.force_login(ouder)
    body = client.get(reverse("aanmelding:nieuw")).content.decode()
    assert "Naam of plaats van de school" in body and 'name="andere_school_1"' not in body
    body = client.get(reverse("aanmelding:nieuw"), {"zoek": "lind"}).content.decode()
    assert f"?school={regio.hier.pk}" in body and "Ver Weg" not in body
    body = client.get(reverse("aanmelding:nieuw"), {"school": regio.hier.pk}).content.decode()
    assert "U meldt aan bij" in body and f'value="{regio.hier.pk}"' in body
    andere = body[body.index('name="andere_school_1"'):]
    andere = andere[:andere.index("</select>")]
    assert "De Brug" in andere and "Ver Weg" not in andere and "De Linde" not in andere


def test_school_search_query_count_is_constant(regio, client, settings, django_assert_num_queries):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"  # the same count with or without Redis
    for i in range(30):
        SchoolFactory(naam=f"Linde {i}")
    client.force_login(ouder_van(LeerlingFactory()))
    client.get(reverse("aanmelding:nieuw"), {"zoek": "linde"})
    with django_assert_num_queries(5):  # session, user, memberships, unread count, the search (at most 25 rows)
        body = client.get(reverse("aanmelding:nieuw"), {"zoek": "linde"}).content.decode()
    assert body.count("Aanmelden bij") == 25


def test_an_empty_form_is_rendered_once_and_a_filled_one_every_time(regio, settings):
    """``crispy_bewaard`` keeps the HTML of an empty form; anything that changes the HTML changes the key."""
    from django.core.cache import cache
    from django.utils import translation

    from portal.basis.templatetags.formulieren import crispy_bewaard, sleutel

    cache.clear()
    hier, ander = af.PlaatsingForm(school=regio.hier), af.PlaatsingForm(school=regio.buur)
    assert sleutel(hier) != sleutel(ander)  # another school's list
    assert sleutel(af.PlaatsingForm(school=regio.hier, prefix="p")) != sleutel(hier)
    assert sleutel(af.PlaatsingForm(school=regio.hier, initial={"toelichting": "x"})) != sleutel(hier)
    nl = sleutel(hier)
    with translation.override("en"):
        assert sleutel(af.PlaatsingForm(school=regio.hier)) != nl
    k = sleutel(hier)
    eerst = crispy_bewaard(hier)
    assert cache.get(k) == str(eerst) and "De Brug" in eerst
    assert crispy_bewaard(af.PlaatsingForm(school=regio.hier)) == eerst  # the next request: from the cache
    regio.buur.naam = "De Nieuwe Buur"
    regio.buur.save()
    assert sleutel(af.PlaatsingForm(school=regio.hier)) != k  # a renamed school in the list: rendered afresh
    assert "De Nieuwe Buur" in crispy_bewaard(af.PlaatsingForm(school=regio.hier))
    gevuld = af.PlaatsingForm({"school": "", "toelichting": ""}, school=regio.hier)
    gevuld.is_valid()
    html = crispy_bewaard(gevuld)  # bound: rendered with its errors, not from the cache
    assert "is-invalid" in html and html != eerst
