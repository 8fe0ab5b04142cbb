"""Issue #22 §1: a text translated when its module is imported is translated once, in the language active then
(Dutch), and stays Dutch for an English reader — e.g. a success message kept in a module-level table of actions. Such
texts must be lazy (``gettext_lazy``, ``N_``): this test reads every module of the portal and its apps and fails on a
call of ``gettext``/``ngettext``/``pgettext`` outside a function."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OVERGESLAGEN = (".venv", "var", "tests", "benchmarks", "docs", "node_modules")


def _modules():
    for pad in sorted(ROOT.rglob("*.py")):
        rel = pad.relative_to(ROOT)
        if rel.parts[0] in OVERGESLAGEN or "migrations" in rel.parts or "node_modules" in rel.parts:
            continue
        yield rel, pad


def _gretig_bij_import(boom) -> list[int]:
    namen = {a.asname or a.name for n in ast.walk(boom) if isinstance(n, ast.ImportFrom)
             and n.module == "django.utils.translation" for a in n.names
             if a.name in ("gettext", "ngettext", "pgettext", "npgettext")}
    regels = []

    def bezoek(node, in_functie):
        for kind in ast.iter_child_nodes(node):
            functie = in_functie or isinstance(kind, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if (not in_functie and isinstance(kind, ast.Call) and isinstance(kind.func, ast.Name)
                    and kind.func.id in namen):
                regels.append(kind.lineno)
            bezoek(kind, functie)

    if namen:
        bezoek(boom, False)
    return regels


def test_the_reader_finds_a_module_level_translation():
    boom = ast.parse("from django.utils.translation import gettext as _\nX = {'a': _('Verwerkt.')}\n"
                     "def f():\n    return _('Binnen een functie')\nY = lambda: _('ook goed')\n")
    assert _gretig_bij_import(boom) == [2]


def test_no_text_is_translated_when_its_module_is_imported():
    fout = [f"{rel}:{regel}" for rel, pad in _modules()
            for regel in _gretig_bij_import(ast.parse(pad.read_text(encoding="utf-8")))]
    assert not fout, "vertaald bij het importeren (gebruik gettext_lazy): " + ", ".join(fout)
