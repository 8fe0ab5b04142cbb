"""The floors of the house (issue #18 §5, README "Layout"): arrows point one way.

* A domain app (aanmelding, geschillen, opp, ondersteuning, tlv, thuiszitters) never imports another domain app;
  what crosses apps is a core registry entry or a core query.
* Nothing under ``portal/`` imports a domain app: the core offers hooks that the domain apps fill.
* ``portal/basis`` is the ground floor: it imports nothing else of the project.

"Imports" are read from the source with ``ast``, wherever they stand (module level, inside a function, under
``TYPE_CHECKING``): ``import x``, ``from x import y``, relative imports, ``importlib.import_module("x")``, and the
string model references Django resolves to an app (``ForeignKey("ondersteuning.Arrangement")``, ``to=``/``through=``,
``apps.get_model("opp.Ontwikkelingsperspectief")`` or ``apps.get_model("opp", "Ontwikkelingsperspectief")``). A URL
name in ``reverse("geschillen:bezwaar")`` or ``include("tlv.urls")`` in the project's URLconf is not an import.
Migrations and tests are left out.

And the page kit is written once (issue #18 §1–2): no role helper of an app's own outside ``portal/zaken``, and the
tracker block only in its include ``templates/zaken/_stap.html``.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
DOMEIN = ("aanmelding", "geschillen", "opp", "ondersteuning", "tlv", "thuiszitters")
PROJECT = (*DOMEIN, "portal")
MODEL_VELDEN = {"ForeignKey", "OneToOneField", "ManyToManyField"}
ONLEESBAAR = "?"  # the target of a file that does not parse


@dataclass(frozen=True)
class Verwijzing:
    bestand: str  # path from the repository root
    regel: int
    doel: str  # the module (or, for a model reference, the app's module) it reaches
    hoe: str  # the source text of the import or the call

    def __str__(self):
        return f"{self.bestand}:{self.regel}: {self.hoe}"


def bronbestanden(*pakketten: str) -> list[Path]:
    """Every .py file of these top-level packages, without migrations and tests."""
    uit = {"migrations", "tests", "__pycache__"}
    return sorted(p for pakket in pakketten for p in (ROOT / pakket).rglob("*.py")
                  if not uit & set(p.relative_to(ROOT).parts) and not p.name.startswith("test_"))


def module_van(pad: Path) -> str:
    delen = list(pad.relative_to(ROOT).with_suffix("").parts)
    return ".".join(delen[:-1] if delen[-1] == "__init__" else delen)


def _label_naar_module() -> dict[str, str]:
    return {cfg.label: cfg.name for cfg in apps.get_app_configs()}


def _tekst(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _naam(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def verwijzingen(bron: str, module: str, bestand: str = "<bron>", *, pakket: bool = False,
                 labels: dict[str, str] | None = None) -> list[Verwijzing]:
    """What the source of ``module`` reaches: imported modules (absolute, resolved from relative) and the apps behind
    string model references. ``pakket``: the source is a package's ``__init__``."""
    labels = _label_naar_module() if labels is None else labels
    basis = module.split(".") if pakket else module.split(".")[:-1]
    uit = []

    def voeg_toe(node, doel):
        uit.append(Verwijzing(bestand, node.lineno, doel, ast.get_source_segment(bron, node) or ast.dump(node)))

    def model(node, verwijzing):
        if verwijzing and "." in verwijzing:
            label = verwijzing.split(".", 1)[0]
            voeg_toe(node, labels.get(label, label))

    for node in ast.walk(ast.parse(bron)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                voeg_toe(node, alias.name)
        elif isinstance(node, ast.ImportFrom):
            van = node.module or ""
            if node.level:
                boven = basis[: len(basis) - (node.level - 1)] if node.level > 1 else basis
                van = ".".join([*boven, *([van] if van else [])])
            voeg_toe(node, van)
            for alias in node.names:  # ``from portal import zaken`` reaches portal.zaken
                if alias.name != "*":
                    voeg_toe(node, f"{van}.{alias.name}")
        elif isinstance(node, ast.Call):
            naam = _naam(node.func)
            eerste = _tekst(node.args[0]) if node.args else None
            if naam in MODEL_VELDEN:
                model(node, eerste)
                for kw in node.keywords:
                    if kw.arg in ("to", "through"):
                        model(node, _tekst(kw.value))
            elif naam == "get_model" and eerste:
                if "." in eerste:
                    model(node, eerste)
                elif len(node.args) > 1:  # get_model("opp", "Ontwikkelingsperspectief")
                    voeg_toe(node, labels.get(eerste, eerste))
            elif naam == "import_module" and eerste:
                voeg_toe(node, eerste)
    return uit


def alle_verwijzingen(*pakketten: str) -> list[Verwijzing]:
    labels = _label_naar_module()
    uit = []
    for pad in bronbestanden(*pakketten):
        bestand = str(pad.relative_to(ROOT))
        try:
            uit += verwijzingen(pad.read_text(encoding="utf-8"), module_van(pad), bestand,
                                pakket=pad.name == "__init__.py", labels=labels)
        except SyntaxError as e:  # unreadable: it cannot be checked, so it fails every floor it is on
            uit.append(Verwijzing(bestand, e.lineno or 0, ONLEESBAAR, f"SyntaxError: {e.msg}"))
    return uit


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def _onder(module: str, pakket: str) -> bool:
    return module == pakket or module.startswith(pakket + ".")


def _melding(wat: str, fout: list[Verwijzing]) -> str:
    regels = sorted({str(v) for v in fout}, key=_sorteer)
    return f"{wat} ({len(regels)}):\n" + "\n".join(regels)


def _sorteer(regel: str):
    pad, nr, rest = regel.split(":", 2)
    return pad, int(nr), rest


# --- the scanner itself: each form of import is seen (so an empty result means something) ---

@pytest.mark.parametrize("bron, module, verwacht", [
    ("import ondersteuning.models", "opp.services", "ondersteuning.models"),
    ("from geschillen.services import bezwaar_dien_in", "tlv.services", "geschillen.services"),
    ("def f():\n    from aanmelding import models\n", "geschillen.views", "aanmelding.models"),
    ("class A:\n    def f(self):\n        import tlv\n", "portal.zaken.x", "tlv"),
    ("from ..zaken import registry", "portal.basis.forms", "portal.zaken"),
    ("from .. import zaken", "portal.basis.forms", "portal.zaken"),
    ("from portal import accounts", "portal.basis.forms", "portal.accounts"),
    ("arr = models.ManyToManyField('ondersteuning.Arrangement')", "opp.models", "ondersteuning"),
    ("z = ForeignKey(to='geschillen.Bezwaar', on_delete=None)", "tlv.models", "geschillen"),
    ("m = apps.get_model('opp.Ontwikkelingsperspectief')", "geschillen.dossier", "opp"),
    ("m = apps.get_model('tlv', 'Toelaatbaarheidsverklaring')", "portal.zaken.selectors", "tlv"),
    ("m = importlib.import_module('aanmelding.services')", "portal.core.demo", "aanmelding.services"),
    ("m = apps.get_model('accounts.User')", "portal.basis.x", "portal.accounts"),
])
def test_the_scanner_sees_every_form_of_import(bron, module, verwacht):
    labels = {"accounts": "portal.accounts"}
    assert verwacht in {v.doel for v in verwijzingen(bron, module, labels=labels)}


@pytest.mark.parametrize("bron", [
    "from .models import Klacht",  # inside the app
    "x = reverse('geschillen:bezwaar', args=[1])",  # a URL name is not an import
    "path('tlv/', include('tlv.urls'))",
    "v = models.ForeignKey('Klacht', on_delete=None)",  # same app
    "v = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=None)",
])
def test_the_scanner_does_not_count_what_is_no_import(bron):
    assert not [v for v in verwijzingen(bron, "opp.models", labels={}) if _top(v.doel) in DOMEIN and v.doel != "opp"
                and not v.doel.startswith("opp.")]


def test_the_scan_reads_the_whole_project():
    bestanden = {str(p.relative_to(ROOT)) for p in bronbestanden(*PROJECT)}
    for verwacht in ("opp/models.py", "tlv/services.py", "portal/zaken/pagina.py", "portal/basis/registry.py"):
        assert verwacht in bestanden
    assert not [b for b in bestanden if "/migrations/" in b or b.startswith("tests/")]


# --- the floors ---

def test_domain_apps_do_not_import_each_other():
    fout = [v for app in DOMEIN for v in alle_verwijzingen(app)
            if v.doel == ONLEESBAAR or _top(v.doel) in DOMEIN and _top(v.doel) != app]
    assert not fout, _melding("Een domein-app importeert een andere domein-app", fout)


def test_portal_does_not_import_a_domain_app():
    fout = [v for v in alle_verwijzingen("portal") if v.doel == ONLEESBAAR or _top(v.doel) in DOMEIN]
    assert not fout, _melding("portal/ importeert een domein-app", fout)


def test_basis_imports_nothing_else_of_the_project():
    fout = [v for v in alle_verwijzingen("portal/basis")
            if v.doel == ONLEESBAAR or _top(v.doel) in PROJECT and not _onder(v.doel, "portal.basis")
            and v.doel != "portal"]
    assert not fout, _melding("portal/basis importeert iets anders van het project", fout)


# --- the page kit, written once ---

ROLHELPER = re.compile(r"^\s*def (_is_school|is_school|_rol|rol_van|_is_ouder|is_ouder)\b", re.MULTILINE)
TRACKER = re.compile(r"Wie is aan zet|Waar staat het\?")
INCLUDE = "templates/zaken/_stap.html"


def test_no_role_helper_outside_the_core():
    """One meaning per relation: ``portal.zaken.services.relaties`` answers who the reader is to a case (issue #18 §1).
    No app or other core module writes its own ``_is_school``, ``is_school``, ``_rol``, ``rol_van`` or ``is_ouder``."""
    fout = []
    for pad in bronbestanden(*PROJECT):
        rel = str(pad.relative_to(ROOT))
        if rel.startswith("portal/zaken/"):
            continue
        bron = pad.read_text(encoding="utf-8")
        for m in ROLHELPER.finditer(bron):
            fout.append(f"{rel}:{bron.count(chr(10), 0, m.start()) + 1}: def {m.group(1)}")
    assert not fout, "Rolhelpers buiten portal/zaken:\n" + "\n".join(fout)


def test_tracker_block_only_in_the_include():
    """The tracker block ("Waar staat het?" / "Wie is aan zet") lives in ``templates/zaken/_stap.html`` only; a case
    page includes it (issue #18 §2)."""
    fout = []
    for pad in sorted(p for d in ("templates", *PROJECT) for p in (ROOT / d).rglob("*.html")):
        rel = str(pad.relative_to(ROOT))
        if rel == INCLUDE:
            continue
        for nr, regel in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1):
            if m := TRACKER.search(regel):
                fout.append(f"{rel}:{nr}: {m.group(0)}")
    assert not fout, f"Een kopie van het volgblok buiten {INCLUDE}:\n" + "\n".join(fout)
