"""Property-based tests on every form of the portal (issue #19, "Build": hypothesis).

Every ``Form`` class defined in the portal's packages is found by walking the subclasses of ``BaseForm`` after the
URLconf and each app's ``forms`` module are imported, built with the keyword arguments it needs (the table
``ARGUMENTEN`` below; a new form with a new keyword fails here until it has a row) and fed drawn data: plausible
values (its own choices and ids, near dates) mixed with hostile text (NUL, control and direction characters, 100,000
characters, HTML, SQL, spreadsheet formulas), impossible dates (31 February, year 0, 99999, split day/month/year
fields), wrong types (several values for one field, numbers for choices) and missing fields.

What must hold for every example:
* ``is_valid()`` and the error summary never raise;
* every error hangs on a field of the form or on the form itself (``__all__``);
* every message is Dutch (no English Django default, see ``hypothesis_profiel.engels``);
* the form renders again with the input, and hostile HTML in it comes back escaped.
"""

import importlib
import inspect
import itertools
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.forms import NON_FIELD_ERRORS
from django.urls import get_resolver
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from hypothesis import given
from hypothesis import strategies as st

from .factories import PDF, aanbod_voor
from .hypothesis_profiel import DAG_MAAND_JAAR, DATUMS, engels, geldige_datums, tekst, voorbeelden

PAKKETTEN = ("portal", "aanmelding", "opp", "ondersteuning", "tlv", "geschillen", "thuiszitters")


def alle_formulieren() -> list[type[forms.BaseForm]]:
    """Every form class defined in the portal's own packages (the URLconf imports every view module)."""
    get_resolver().url_patterns  # noqa: B018 (imports every view module and the forms they use)
    for app in apps.get_app_configs():
        if app.name.split(".")[0] in PAKKETTEN:
            try:
                importlib.import_module(f"{app.name}.forms")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app.name}.forms":
                    raise

    def onder(klasse):
        for sub in klasse.__subclasses__():
            yield sub
            yield from onder(sub)

    gezien = {}
    for klasse in onder(forms.BaseForm):
        if klasse.__module__.split(".")[0] in PAKKETTEN and not klasse.__module__.startswith("tests"):
            gezien[f"{klasse.__module__}.{klasse.__qualname__}"] = klasse
    return [gezien[k] for k in sorted(gezien)]


FORMULIEREN = alle_formulieren()


def _sleutelwoorden(klasse) -> dict[str, bool]:
    """The keyword-only arguments of the form's constructors along its MRO: name -> required."""
    uit = {}
    for k in klasse.__mro__:
        init = k.__dict__.get("__init__")
        if init is None:
            continue
        for p in inspect.signature(init).parameters.values():
            if p.kind is p.KEYWORD_ONLY:
                uit[p.name] = uit.get(p.name, False) or p.default is p.empty
    return uit


# --- what each constructor needs ------------------------------------------------------------------------------------

def _user_qs(w):
    from portal.accounts.models import User

    return User.objects.order_by("pk")


def _leerlingen(w):
    from portal.leerlingen.models import Leerling

    return Leerling.objects.order_by("pk")


def _arrangementen(w):
    from portal.zaken.models import Zaak

    return Zaak.objects.filter(zaaktype="arrangement").order_by("pk")


def _opp_zaken(w):
    from opp.models import Ontwikkelingsperspectief

    return Ontwikkelingsperspectief.objects.order_by("pk")


def _inschrijvingen(w):
    from portal.leerlingen.models import Inschrijving

    return Inschrijving.objects.select_related("leerling", "school").order_by("pk")


# By keyword name; each gives the list of values to build the form with (a form with two keywords is built for
# every combination). Booleans are built both ways: they add or remove fields.
ARGUMENTEN = {
    "kandidaten": lambda w: [_user_qs(w)],
    "besluittypen": lambda w: [[("aanmelding", "Aanmelding"), ("tlv", "TLV")]],
    "kinderen": lambda w: [_leerlingen(w)],
    "leerlingen": lambda w: [_leerlingen(w)],
    "leerkrachten": lambda w: [_user_qs(w)],
    "leerling": lambda w: [w.kind_a],
    "ouder": lambda w: [w.ouder_a],
    "school": lambda w: [w.school_a],
    "school_ids": lambda w: [[w.school_a.pk]],
    "inschrijvingen": lambda w: [_inschrijvingen(w)],
    "arrangementen": lambda w: [_arrangementen(w)],
    "opp_zaken": lambda w: [_opp_zaken(w)],
    "max_schooljaren": lambda w: [3],
    "swv": lambda w: [w.swv_a],
    "deelnemers": lambda w: [[("ouders", "Ouders"), ("school", "School"), ("swv", "SWV")]],
    "rol": lambda w: ["school", "ouder"],
    "doelen": lambda w: [[SimpleNamespace(pk=7, omschrijving="Leest 60 woorden per minuut"),
                          SimpleNamespace(pk=8, omschrijving="<b>Rekent</b> tot 100")]],
    "keuzes": lambda w: [[(w.kind_a, w.school_a)]],
    "verzoek": lambda w: [SimpleNamespace(school=w.school_a, pk=0)],
    "bezwaar": lambda w: [None],
    "waarschuwing": lambda w: ["", "Let op: de termijn is verstreken."],
    **{naam: (lambda w: [True, False]) for naam in
       ("leerling_zelf", "eerste", "met_categorie", "namens", "zelf", "regulier")},
}


def _zaken(w):
    from portal.zaken.models import Zaak

    return Zaak.objects.order_by("pk")


def _swvs(w):
    from portal.organisaties.models import Samenwerkingsverband

    return Samenwerkingsverband.objects.order_by("pk")


def _checklist_soorten(w):
    from portal.informatie.checklists import ITEMS

    return list(ITEMS)


def _besluit_soorten(w):
    from aanmelding.forms import BESLUIT_VELDEN

    return list(BESLUIT_VELDEN)


def _termijn_soorten(w):
    from portal.termijnen import calculator

    return [None, *calculator.soorten()]


# By form, where a keyword means something else than elsewhere.
PER_FORMULIER = {
    "portal.api.forms.KoppelingForm": {"organisaties": lambda w: [{
        f"school-{w.school_a.pk}": ("school", w.school_a), f"bestuur-{w.school_a.bestuur_id}": ("bestuur", w.school_a.bestuur)}]},
    "portal.informatie.forms.ChecklistForm": {"soort": _checklist_soorten},
    "portal.informatie.forms.TerugkoppelingForm": {"soort": _checklist_soorten},
    "aanmelding.forms.BesluitForm": {"soort": _besluit_soorten},
    "portal.termijnen.forms.CalculatorForm": {"soort": _termijn_soorten},
    "portal.accounts.forms.InstellingenForm": {"ouder": lambda w: [True, False]},
    "thuiszitters.forms.KoppelForm": {"keuzes": lambda w: [_zaken(w)]},
    "thuiszitters.forms.SWVRegistreerForm": {"swvs": lambda w: [_swvs(w)]},
}


def varianten(klasse, w) -> list[dict]:
    naam = f"{klasse.__module__}.{klasse.__qualname__}"
    eigen = PER_FORMULIER.get(naam, {})
    opties = {}
    for kw, verplicht in _sleutelwoorden(klasse).items():
        maak = eigen.get(kw) or ARGUMENTEN.get(kw)
        if maak is None:
            if verplicht:
                pytest.fail(f"{naam} needs the keyword {kw!r}: add a row to ARGUMENTEN or PER_FORMULIER")
            continue
        opties[kw] = maak(w)
    sleutels = list(opties)
    return [dict(zip(sleutels, combinatie, strict=True)) for combinatie in itertools.product(*opties.values())]


# --- the data ---------------------------------------------------------------------------------------------------------

def _keuzewaarden(veld) -> list[str]:
    waarden = []
    for waarde, label in list(veld.choices)[:30]:
        if isinstance(label, list | tuple):
            waarden += [str(v) for v, _l in label]
        else:
            waarden.append(str(getattr(waarde, "value", waarde)))
    return waarden


def _waarde(veld, *, vijandig: bool = True) -> st.SearchStrategy:
    """One plausible-or-hostile value (a string) for ``veld``; only plausible ones with ``vijandig=False`` (to reach
    the form's ``clean`` methods, which run only when the fields are valid)."""
    kandidaten = [tekst() if vijandig else st.text(alphabet="abcdefghij klmnopqrstuvwxyz.,'-éë", min_size=1,
                                                      max_size=40).filter(str.strip)]
    if isinstance(veld, forms.ChoiceField | forms.ModelChoiceField | forms.MultipleChoiceField):
        waarden = _keuzewaarden(veld)
        if waarden:
            kandidaten += [st.sampled_from(waarden)] * 3
        if vijandig or not waarden:
            kandidaten.append(st.integers(-5, 10**12).map(str))
        else:
            kandidaten = [st.sampled_from(waarden)]
    if isinstance(veld, forms.DateField):
        kandidaten += [geldige_datums(), geldige_datums(), *([st.sampled_from(DATUMS)] if vijandig else [])]
    if isinstance(veld, forms.IntegerField | forms.DecimalField | forms.FloatField):
        kandidaten += [st.integers(-10, 100).map(str), *([st.decimals(allow_nan=True).map(str)] if vijandig else [])]
    if isinstance(veld, forms.BooleanField | forms.NullBooleanField):
        kandidaten += [st.sampled_from(["on", "true", "false", "1", "0", "ja", "nee", "unknown"])]
    if isinstance(veld, forms.EmailField):
        kandidaten += [st.emails(), st.sampled_from(["a@b", "@x.nl", "jan@@x.nl", "jan@x.nl\x00", "ü@ü.nl"])]
    return st.one_of(*kandidaten)


def _files(veld, naam) -> st.SearchStrategy:
    inhoud = st.sampled_from([b"", b"%PDF-1.4 nep", PDF, b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"MZ\x90\x00",
                              b"<html><script>alert(1)</script>"])
    bestandsnaam = st.sampled_from(["brief.pdf", "brief.PDF", "foto.png", "x.exe", "../../etc/passwd", "\x00.pdf",
                                    "\u202efdp.exe", "a" * 300 + ".pdf", ""])
    return st.one_of(st.none(), st.builds(lambda n, i: SimpleUploadedFile(n or "x", i, content_type="application/pdf"),
                                          bestandsnaam, inhoud))


@st.composite
def formulierdata(draw, form):
    """(data, files) for ``form``: per field missing, one value, or several (a wrong type); or, for one example in
    three, a plausible value for every field."""
    data, files = MultiValueDict(), MultiValueDict()
    vijandig = draw(st.integers(0, 2)) > 0
    for naam, veld in form.fields.items():
        sleutel = form.add_prefix(naam)
        if isinstance(veld, forms.FileField):
            f = draw(_files(veld, naam)) if vijandig else SimpleUploadedFile("brief.pdf", PDF, "application/pdf")
            if f is not None:
                files.setlist(sleutel, [f])
            continue
        if isinstance(veld.widget, forms.MultiWidget):
            for achtervoegsel in veld.widget.widgets_names:
                if not vijandig:
                    data.setlist(f"{sleutel}{achtervoegsel}", [draw(st.sampled_from(DAG_MAAND_JAAR[:12]))])
                elif draw(st.integers(0, 9)) > 0:
                    data.setlist(f"{sleutel}{achtervoegsel}", [draw(st.one_of(st.sampled_from(DAG_MAAND_JAAR),
                                                                              tekst()))])
            continue
        vorm = draw(st.sampled_from(["weg", "een", "een", "een", "een", "meer"])) if vijandig else "een"
        if vorm == "een":
            data.setlist(sleutel, [draw(_waarde(veld, vijandig=vijandig))])
        elif vorm == "meer":
            data.setlist(sleutel, draw(st.lists(_waarde(veld), min_size=2, max_size=3)))
    return data, files


# --- the test ------------------------------------------------------------------------------------------------------

@pytest.fixture
def w(world):
    aanbod_voor(world.zaak_a, world.ib_a)  # an arrangement, so the handelingsdeel has something to list
    return world


def test_every_form_of_the_portal_is_found():
    """The walk finds the forms of every domain app (a broken import would hide them and pass the test below)."""
    modules = {k.__module__.split(".")[0] for k in FORMULIEREN}
    assert {"portal", "aanmelding", "opp", "ondersteuning", "tlv", "geschillen"} <= modules
    assert len(FORMULIEREN) >= 100, len(FORMULIEREN)


@pytest.mark.parametrize("klasse", FORMULIEREN, ids=lambda k: f"{k.__module__}.{k.__qualname__}")
def test_form_takes_any_input_without_crashing_and_answers_in_dutch(klasse, db, request):
    # the world (schools, pupils, an arrangement) only for a form whose constructor needs some of it
    w = request.getfixturevalue("w") if _sleutelwoorden(klasse) else None
    with translation.override(settings.LANGUAGE_CODE):
        for kwargs in varianten(klasse, w):
            _controleer(klasse, kwargs)


def _controleer(klasse, kwargs):
    leeg = klasse(**kwargs)

    @voorbeelden(20)
    @given(st.data())
    def eigenschap(gegevens):
        data, files = gegevens.draw(formulierdata(leeg))
        form = klasse(data, files, **kwargs)
        geldig = form.is_valid()
        if geldig:
            return
        assert form.errors, "invalid without a message"
        for veld, fouten in form.errors.items():
            assert veld == NON_FIELD_ERRORS or veld in form.fields, f"an error on {veld!r}, not a field of the form"
            for fout in fouten:
                assert str(fout).strip(), f"an empty message at {veld}"
                assert engels(str(fout)) is None, f"English message at {veld}: {fout!r}"
        if hasattr(form, "fouten_lijst"):
            form.fouten_lijst()
        html = form.render()
        assert "<script>alert(1)</script>" not in html

    eigenschap()


# Found by the property test above (issue #19): an id beyond 64 bits in a multiple choice (a group's pupils or
# teachers, the handelingsdeel's arrangements, who heard a bezwaar) reached SQLite — the default database — as an
# OverflowError: a 500. PostgreSQL was spared only because Django drops such a value there.
@pytest.mark.parametrize("veld", ["leerlingen", "leerkrachten"])
def test_an_id_too_large_for_the_database_is_a_dutch_field_error(w, veld):
    from portal.leerlingen.forms import GroepForm

    with translation.override("nl"):
        form = GroepForm({"naam": "Groep 5", "schooljaar": "2026-2027", veld: ["99999999999999999999999999"]},
                         **varianten(GroepForm, w)[0])
        assert not form.is_valid()
        assert veld in form.errors and engels(str(form.errors[veld][0])) is None
