"""``python manage.py termijn KIND …``: the legal term calculator for lawyers and testers.

The kinds are whatever the apps registered (``portal.termijnen.calculator.register_soort``, from each app's
``termijnen.py``): one sub-command per kind, one option per ``Argument``. Success: one JSON object on stdout, exit 0.
Any error (argparse's own included): one Dutch line on stderr, exit 2, never a traceback. Uses the rules' code
defaults and needs no database.
"""

import json
import re
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.termijnen import calculator
from portal.termijnen.dates import TermijnFout

_VERTALINGEN = [
    (r"the following arguments are required: (.*)", "verplichte optie ontbreekt: {0}"),
    (r"unrecognized arguments: (.*)", "onbekende optie of waarde: {0}"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'?.*", "onbekende soort termijn '{1}'; kies uit: {soorten}"),
    (r"argument (\S+): expected one argument", "optie {0} verwacht een waarde"),
    (r"argument (\S+): not allowed with argument (\S+)", "{0} en {1} gaan niet samen"),
    (r"argument (\S+): invalid int value: ['\"](.*)['\"]", "{0}: '{1}' is geen heel getal"),  # "…" when it holds a '
    (r"argument (\S+): ignored explicit argument ['\"](.*)['\"]", "{0}: onverwachte waarde '{1}'"),
    (r"one of the arguments (.*) is required", "geef precies één van {0}"),
    (r"ambiguous option: (\S+).*", "dubbelzinnige optie {0}"),
]


def _dutch(message: str) -> str:
    for pattern, template in _VERTALINGEN:
        m = re.fullmatch(pattern, message.strip())
        if m:
            return template.format(*m.groups(), soorten=", ".join(calculator.SOORTEN))
    return f"ongeldige invoer: {message}"


def _leesbaar(tekst: str) -> str:
    """The message on one line: a line break or another control character of the input (a terminal escape, NUL) is
    shown as its escape code, not sent to the terminal (issue #19, found by the property-based CLI test)."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in tekst)


def _fail(message: str):
    sys.stderr.write(f"termijn: fout: {_leesbaar(message)}\n")
    sys.exit(2)


class DutchParser(CommandParser):
    """argparse's errors as one Dutch line and exit code 2."""

    def error(self, message):
        if not self.called_from_command_line:
            raise CommandError(_dutch(message))
        _fail(_dutch(message))


class Command(BaseCommand):
    help = "Rekent wettelijke termijnen uit (DOMAIN §4) en geeft één JSON-object."
    requires_system_checks = []
    requires_migrations_checks = False

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = DutchParser  # Django builds a CommandParser; errors must be Dutch one-liners
        return parser

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="soort", metavar="SOORT", parser_class=DutchParser)
        sub.required = True
        for s in calculator.soorten():  # whatever the apps registered (their termijnen.py)
            p = sub.add_parser(s.naam, help=s.omschrijving, description=s.omschrijving)
            groepen = {}
            for a in s.argumenten:
                doel = p
                if a.groep:
                    if a.groep not in groepen:
                        groepen[a.groep] = p.add_mutually_exclusive_group(required=True)
                    doel = groepen[a.groep]
                kw = {"dest": a.sleutel, "help": a.help}
                if a.soort == calculator.VLAG:
                    doel.add_argument(f"--{a.naam}", action="store_true", **kw)
                    continue
                kw["metavar"] = a.metavar or {calculator.DATUM: "JJJJ-MM-DD", calculator.INTERVAL: "VAN/TOT",
                                              calculator.GETAL: "N"}.get(a.soort, a.naam.upper())
                if a.soort == calculator.GETAL:
                    kw["type"] = int
                if a.meerdere:
                    kw |= {"action": "append", "default": []}
                if a.verplicht and not a.groep:
                    kw["required"] = True
                doel.add_argument(f"--{a.naam}", **kw)

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except TermijnFout as exc:
            _fail(str(exc))
        except Exception as exc:  # never a traceback for the user
            _fail(f"onverwachte fout ({exc.__class__.__name__})")

    def handle(self, *args, soort, **o):
        result = calculator.bereken(soort, **calculator.lees(soort, o))
        self.stdout.write(json.dumps(result, ensure_ascii=False))
